#!/bin/sh
# Allocation failure: with a build that fails the Nth allocation
# (CLAIMTRACK_ALLOC_FAIL_AFTER=N, compiled with -DCT_ALLOC_INJECT and ASan),
# run a full `check` of a fixture corpus for every N until a run needs no
# failure.  Each run must end with a clean error (exit 2, "out of memory") or
# complete normally: no crash, no sanitizer report, no leak (LeakSanitizer).
# Usage: alloc-fail.sh CLAIMTRACK [ARGS...]
set -u
bin=$1
shift
[ $# -gt 0 ] || set -- check --fail-on none --format json tests/fixtures/revisions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:exitcode=99 LSAN_OPTIONS=exitcode=98 UBSAN_OPTIONS=halt_on_error=1:exitcode=97
n=0
fails=0
while :; do
    CLAIMTRACK_ALLOC_FAIL_AFTER=$n "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    s=$?
    if [ $s -eq 2 ]; then
        grep -q "out of memory\|cannot write" "$tmp/err" || { echo "FAIL n=$n: exit 2 without an out-of-memory message"; head -3 "$tmp/err"; fails=$((fails + 1)); }
    elif [ $s -eq 0 ] || [ $s -eq 1 ]; then
        # finished: did the injected failure even happen? one more run without it compares output
        "$bin" "$@" >"$tmp/ref" 2>/dev/null
        cmp -s "$tmp/out" "$tmp/ref" || { echo "FAIL n=$n: completed with different output"; fails=$((fails + 1)); }
        break
    else
        echo "FAIL n=$n: exit $s"
        head -12 "$tmp/err"
        fails=$((fails + 1))
        [ $fails -gt 2 ] && break
    fi
    n=$((n + 1))
done
echo "allocation failure: $n failure points tried, $fails failed"
[ $fails -eq 0 ]
