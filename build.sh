#!/bin/sh
# build.sh: install what is missing (Debian 12), build, and render the seed CV.
#
#   ./build.sh          install missing packages, build build/cvpdf, and
#                       render data/cv.yaml to cv.pdf
#   ./build.sh check    the same, then run every test: once in the release
#                       build, once under AddressSanitizer and
#                       UndefinedBehaviorSanitizer (build-asan/), and each
#                       libFuzzer target for a few seconds (build-fuzz/)
#
# Packages are installed with apt-get (through sudo when not root); nothing
# is downloaded from anywhere else.
set -eu
cd "$(dirname "$0")"
mode=${1:-build}

# what cvpdf needs to build and run
PKGS="build-essential cmake pkg-config libyaml-dev libfreetype-dev
libharfbuzz-dev libhpdf-dev libhyphen-dev hyphen-en-us libunibreak-dev
libfontconfig-dev libpng-dev libdeflate-dev libjpeg62-turbo-dev libfribidi-dev
libthai-dev libunistring-dev libcairo2-dev libbtparse-dev libbtparse2
fonts-dejavu-core"
# fonts of the themes that Debian packages (those it does not are in
# fonts/), the icons of the header, and the fallback for Chinese, Japanese
# and Korean (WenQuanYi Micro Hei; in the japanese and korean locales
# IPAGothic and NanumGothic first: Japanese kanji in Japan's forms)
PKGS="$PKGS fonts-open-sans fonts-lato fonts-sil-charis fonts-sil-gentiumplus
fonts-fork-awesome fonts-wqy-microhei fonts-ipafont-gothic fonts-nanum"
# metric-compatible stand-ins for the system fonts RenderCV's users name
# (Times New Roman, Arial, Calibri, Cambria: family.c's STANDINS)
PKGS="$PKGS fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea"
# what the tests need: poppler's pdftotext/pdffonts/pdfinfo, qpdf, python3,
# python3-jsonschema (a second check of the JSON Schema), clang with its
# libFuzzer runtime for the fuzz targets, cjpeg (the photos of
# tests/run-photo.sh) and a font with PostScript outlines only
# (fonts-ebgaramond-extra's .otf, in tests/run-fonts.sh); fonts for the
# scripts of tests/scripts/ (Noto for Arabic, Hebrew, Indic and Thai,
# Symbola for emoji, HanaMin for CJK beyond the BMP; FreeSerif's .otf for
# the error naming TrueType families by script; an sRGB profile for PDF/A;
# Chromium, which loads the HTML output in tests/run-formats.sh)
TEST_PKGS="poppler-utils qpdf python3 python3-jsonschema clang libclang-rt-14-dev
libjpeg-turbo-progs fonts-ebgaramond-extra fonts-noto-core fonts-symbola
fonts-hanazono fonts-freefont-otf icc-profiles-free chromium"

case "$mode" in
build) want=$PKGS ;;
check) want="$PKGS $TEST_PKGS" ;;
*) echo "usage: ./build.sh [check]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "build.sh: installing:$missing"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCVPDF_WERROR=ON >/dev/null
cmake --build build -j "$jobs"
./build/cvpdf data/cv.yaml -o cv.pdf
echo "build.sh: wrote cv.pdf"

if [ "$mode" = check ]; then
  ctest --test-dir build --output-on-failure -j "$jobs"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCVPDF_SANITIZE=ON \
    -DCVPDF_WERROR=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  # distinct exit codes: a sanitizer report never passes for "exit 1"
  ASAN_OPTIONS=detect_leaks=1:exitcode=97 LSAN_OPTIONS=exitcode=97 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
  cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
    -DCVPDF_FUZZ=ON -DCVPDF_WERROR=ON >/dev/null
  cmake --build build-fuzz -j "$jobs"
  tests/run-fuzz.sh build-fuzz . "${FUZZ_SECONDS:-15}"
  echo "build.sh: all tests passed (release, sanitizer and fuzz builds)"
fi
