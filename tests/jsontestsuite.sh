#!/bin/sh
# Feed every JSONTestSuite parsing case to `claimtrack validate` as a topic file.
#   y_*: must parse (exit 0 or 1: it is JSON, though not a valid topic file)
#   n_*: must be refused with exit 2 and a located "file:line:col:" error
#   i_*: either way; never a crash (exit above 2) or a hang
# Usage: jsontestsuite.sh CLAIMTRACK DIR
set -u
. "$(dirname "$0")/lib.sh"
t_begin jsontestsuite
T_QUIET=1 # a passing case is counted, not printed
bin=$1
dir=$2
if [ ! -d "$dir" ]; then
    skip_missing "JSONTestSuite: $dir is absent"
    t_end
fi
for f in "$dir"/*.json; do
    name=$(basename "$f")
    timeout 20 "$bin" validate "$f" >"$tmp/out" 2>"$tmp/err"
    s=$?
    right=1
    case "$name" in
    y_*) [ $s -eq 0 ] || [ $s -eq 1 ] || right=0 ;;
    n_*) [ $s -eq 2 ] && grep -q "^$f:[0-9][0-9]*:[0-9][0-9]*: " "$tmp/err" || right=0 ;;
    *) [ $s -le 2 ] || right=0 ;;
    esac
    if [ $right -eq 1 ]; then
        ok "$name (exit $s)"
    else
        bad "$name (exit $s): $(head -c 300 "$tmp/err")"
    fi
done
t_end
