#!/bin/sh
# Allocation failure: with a build that fails the Nth allocation
# (CLAIMTRACK_ALLOC_FAIL_AFTER=N, compiled with -DCT_ALLOC_INJECT and ASan),
# run a command for every N until a run gives what it gives without a failure.
# Each run must end with a clean error (exit 2, "out of memory") or give the
# same status and output as without a failure: no crash, no sanitizer report,
# no leak (LeakSanitizer).
# A plain build (no sanitizer): set ALLOC_PLAIN=1.  Fresh memory is then
# filled with a non-zero byte (glibc MALLOC_PERTURB_), so that a read of memory
# never written shows as garbage rather than as the zero that ASan's fresh
# pages happen to hold; with ALLOC_VALGRIND_STEP=K every K-th failure point
# also runs under valgrind memcheck, where any error fails.
# With +xml before ARGS, libxml2's allocations fail in turn too (only for
# commands that write XML without reading any: libxml2 2.9.14 itself crashes
# in xmlSchemaParse on a failed allocation).
# Usage: alloc-fail.sh CLAIMTRACK [+xml] [ARGS...]
set -u
bin=$1
shift
if [ "${1:-}" = "+xml" ]; then
    export CLAIMTRACK_ALLOC_FAIL_LIBXML2=1
    shift
fi
[ $# -gt 0 ] || set -- check --fail-on none --format json tests/fixtures/revisions
. "$(dirname "$0")/lib.sh"
t_begin "allocation failure ($*)"
if [ "${ALLOC_PLAIN:-0}" = 1 ]; then
    export MALLOC_PERTURB_=165
fi
step=${ALLOC_VALGRIND_STEP:-0}
if [ "$step" -gt 0 ] && ! command -v valgrind >/dev/null 2>&1; then
    bad "ALLOC_VALGRIND_STEP is set but valgrind is not installed (sh scripts/install-deps.sh --ci)"
    t_end
fi
export ASAN_OPTIONS=detect_leaks=1:exitcode=99 LSAN_OPTIONS=exitcode=98:suppressions=$(cd "$(dirname "$0")" && pwd)/alloc-fail.supp:print_suppressions=0 UBSAN_OPTIONS=halt_on_error=1:exitcode=97
# the run without a failure: its status and output are what a run whose
# injected failure never happened must give
# a JUnit report's run time is real: it differs from run to run
elapsed() { sed 's/^\(<testsuites [^>]*\) time="[0-9]*\.[0-9]*"/\1 time="SECONDS"/' "$1" > "$1.n" && mv "$1.n" "$1"; }
"$bin" "$@" >"$tmp/ref" 2>"$tmp/ref-err"
ref=$?
elapsed "$tmp/ref"
case $ref in 0 | 1 | 2) ;; *) bad "exit $ref without an injected failure"; t_end ;; esac
n=0
while :; do
    vg=""
    [ "$step" -gt 0 ] && [ $((n % step)) -eq 0 ] && vg="valgrind -q --error-exitcode=96 --leak-check=no"
    # shellcheck disable=SC2086
    CLAIMTRACK_ALLOC_FAIL_AFTER=$n $vg "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    s=$?
    if [ $s -eq 96 ] && [ -n "$vg" ]; then
        bad "n=$n: valgrind memcheck reports an error"
        grep "==[0-9]*==" "$tmp/err" | head -12
        [ $t_fail -gt 2 ] && break
        n=$((n + 1))
        continue
    fi
    # valgrind's own lines are not the program's output
    [ -n "$vg" ] && { grep -v "^==[0-9]*==" "$tmp/err" >"$tmp/err2"; mv "$tmp/err2" "$tmp/err"; }
    elapsed "$tmp/out"
    if [ $s -eq $ref ] && cmp -s "$tmp/out" "$tmp/ref" && cmp -s "$tmp/err" "$tmp/ref-err"; then
        break # the command needs fewer than n + 1 allocations: every one has failed once
    elif [ $s -eq 2 ]; then
        grep -q "out of memory\|cannot write" "$tmp/err" || { bad "n=$n: exit 2 without an out-of-memory message"; head -3 "$tmp/err"; }
    elif [ $s -eq 0 ] || [ $s -eq 1 ]; then
        bad "n=$n: completed (exit $s) with output other than without the failure"
        diff "$tmp/ref" "$tmp/out" | head -5
    else
        bad "n=$n: exit $s"
        head -12 "$tmp/err"
    fi
    [ $t_fail -gt 2 ] && break
    n=$((n + 1))
done
[ $t_fail -eq 0 ] && ok "$n failure points tried: each a clean out-of-memory error or the result without a failure"
t_end
