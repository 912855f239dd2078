# lib.sh: how every tests/run-*.sh that takes CVPDF SOURCE_DIR begins
# (sourced: . "$(dirname "$0")/lib.sh"): its arguments, a scratch folder
# removed on exit, the failure flag with ok/bad to report, and a fixed
# SOURCE_DATE_EPOCH, so that every PDF and trace is reproducible.
set -u
cvpdf=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
export SOURCE_DATE_EPOCH=1700000000
