#!/bin/sh
# Feed every JSONTestSuite parsing case to `claimtrack validate` as a topic file.
#   y_*: must parse (exit 0 or 1: it is JSON, though not a valid topic file)
#   n_*: must be refused with exit 2 and a located "file:line:col:" error
#   i_*: either way; never a crash (exit above 2) or a hang
# Usage: jsontestsuite.sh CLAIMTRACK DIR
bin=$1
dir=$2
if [ ! -d "$dir" ]; then
    echo "skipped: $dir is absent"
    exit 0
fi
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/*.json; do
    name=$(basename "$f")
    timeout 20 "$bin" validate "$f" >"$tmp/out" 2>"$tmp/err"
    s=$?
    ok=1
    case "$name" in
    y_*) [ $s -eq 0 ] || [ $s -eq 1 ] || ok=0 ;;
    n_*) [ $s -eq 2 ] && grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: " "$tmp/err" || ok=0 ;;
    *) [ $s -le 2 ] || ok=0 ;;
    esac
    if [ $ok -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name (exit $s): $(head -c 300 "$tmp/err")"
    fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
