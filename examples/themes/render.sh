#!/bin/sh
# Render cv.yaml in every theme into THEME.pdf beside it.
# usage: examples/themes/render.sh [CVPDF]   (default: build/cvpdf)
set -eu
here=$(dirname "$0")
cvpdf=${1:-$here/../../build/cvpdf}
for t in seed classic engineeringclassic engineeringresumes harvard moderncv \
         sb2nov ink opal ember; do
  SOURCE_DATE_EPOCH=1700000000 "$cvpdf" "$here/cv.yaml" \
    --set design.theme=$t -o "$here/$t.pdf"
done
