#!/bin/sh
# A skipped check says SKIP and is counted in its driver's summary; under CI
# (CI=1, as .ci/run sets it) a skip for want of something CI installs is a
# failure, so a CI run that lost a dependency goes red instead of quietly
# testing less.  Tried on tests/lib.sh itself, on real drivers given a
# ../shared or a Chromium that is absent, and on the Makefile's own skips.
# Usage: skips.sh BUILD_DIR
set -u
. "$(dirname "$0")/lib.sh"
t_begin skips
build_rel=$1
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
absent="$tmp/absent"

# run CI-VALUE OUT COMMAND...: the command's status, its output in OUT
run() {
    ci=$1 out=$2
    shift 2
    CI=$ci "$@" >"$out" 2>&1
}

# ---- tests/lib.sh ------------------------------------------------------------
cat >"$tmp/driver.sh" <<EOF
. "$root/tests/lib.sh"
t_begin demo
ok "one"
skip "\$1"
[ "\$2" = missing ] && skip_missing "a thing CI installs is absent"
t_end
EOF
for ci in "" 0 false; do
    run "$ci" "$tmp/o" sh "$tmp/driver.sh" "not root" missing
    st=$?
    [ $st -eq 0 ] && grep -qx "SKIP a thing CI installs is absent" "$tmp/o" &&
        grep -qx "demo: 1 passed, 0 failed, 2 skipped" "$tmp/o" &&
        ok "CI='$ci': skip_missing prints SKIP, the summary counts it, exit 0" ||
        { bad "CI='$ci': skip_missing (exit $st)"; cat "$tmp/o"; }
done
for ci in 1 true; do
    run "$ci" "$tmp/o" sh "$tmp/driver.sh" "not root" missing
    st=$?
    [ $st -eq 1 ] && grep -q "^FAIL a thing CI installs is absent (CI=$ci: " "$tmp/o" &&
        grep -qx "demo: 1 passed, 1 failed, 1 skipped" "$tmp/o" &&
        ok "CI=$ci: skip_missing is a failure (exit 1), a plain skip stays a skip" ||
        { bad "CI=$ci: skip_missing (exit $st)"; cat "$tmp/o"; }
    run "$ci" "$tmp/o" sh "$tmp/driver.sh" "not root" present
    st=$?
    [ $st -eq 0 ] && grep -qx "SKIP not root" "$tmp/o" && grep -qx "demo: 1 passed, 0 failed, 1 skipped" "$tmp/o" &&
        ok "CI=$ci: a skip of what CI cannot provide (not root) passes" || { bad "CI=$ci: plain skip (exit $st)"; cat "$tmp/o"; }
done
KEEP=1 sh "$tmp/driver.sh" x present >"$tmp/o" 2>&1
kept=$(sed -n 's/^kept //p' "$tmp/o")
[ -n "$kept" ] && [ -d "$kept" ] && ok "KEEP=1 keeps the temporary folder and names it" || bad "KEEP=1: $(cat "$tmp/o")"
[ -n "$kept" ] && rm -rf "$kept"
cat >"$tmp/trap.sh" <<EOF
. "$root/tests/lib.sh"
t_begin trap
echo "\$tmp" >"$tmp/trap.dir"
kill -TERM \$\$
sleep 5
EOF
sh "$tmp/trap.sh" >/dev/null 2>&1
st=$?
[ $st -ne 0 ] && [ -s "$tmp/trap.dir" ] && [ ! -e "$(cat "$tmp/trap.dir")" ] &&
    ok "a driver killed by SIGTERM removes its temporary folder (exit $st)" || bad "SIGTERM: exit $st, folder $(cat "$tmp/trap.dir" 2>/dev/null)"

# ---- real drivers, ../shared absent ---------------------------------------------
run "" "$tmp/o" sh "$root/tests/suggest-measure.sh" "$build/claimtrack" "$absent"
st=$?
[ $st -eq 0 ] && grep -q "^SKIP suggest measurement: $absent/seeds is absent" "$tmp/o" &&
    grep -qx "suggest: 0 passed, 0 failed, 1 skipped" "$tmp/o" &&
    ok "suggest-measure.sh without ../shared: SKIP, counted, exit 0" || { bad "suggest-measure.sh without ../shared (exit $st)"; cat "$tmp/o"; }
run 1 "$tmp/o" sh "$root/tests/suggest-measure.sh" "$build/claimtrack" "$absent"
st=$?
[ $st -eq 1 ] && grep -q "^FAIL suggest measurement: $absent/seeds is absent (CI=1" "$tmp/o" &&
    ok "suggest-measure.sh without ../shared under CI=1: a failure (exit 1)" || { bad "suggest-measure.sh under CI=1 (exit $st)"; cat "$tmp/o"; }
run 1 "$tmp/o" sh "$root/tests/jsontestsuite.sh" "$build/claimtrack" "$absent/testdata/JSONTestSuite/test_parsing"
st=$?
[ $st -eq 1 ] && grep -q "^FAIL JSONTestSuite: .* is absent (CI=1" "$tmp/o" &&
    ok "jsontestsuite.sh without ../shared under CI=1: a failure (exit 1)" || { bad "jsontestsuite.sh under CI=1 (exit $st)"; cat "$tmp/o"; }
run 1 "$tmp/o" env CHROMIUM="$absent/chromium" sh "$root/tests/browser/run.sh" "$build/claimtrack"
st=$?
[ $st -eq 1 ] && grep -q "^FAIL browser: no Chromium at $absent/chromium" "$tmp/o" &&
    ok "browser/run.sh without Chromium under CI=1: a failure (exit 1)" || { bad "browser/run.sh under CI=1 (exit $st)"; cat "$tmp/o"; }
run "" "$tmp/o" env CHROMIUM="$absent/chromium" sh "$root/tests/browser/run.sh" "$build/claimtrack"
st=$?
[ $st -eq 0 ] && grep -q "^SKIP browser: no Chromium" "$tmp/o" &&
    ok "browser/run.sh without Chromium: SKIP, exit 0" || { bad "browser/run.sh without Chromium (exit $st)"; cat "$tmp/o"; }

# ---- the Makefile's skips ------------------------------------------------------
# (a make of its own: no flags or job server inherited from the make running this,
# and -o: the binary as built, never remade with other flags)
mk() {
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -C "$root" BUILD="$build_rel" \
        -o "$build_rel/claimtrack" SHARED="$absent" "$@"
}
run "" "$tmp/o" mk seeds-check
st=$?
[ $st -eq 0 ] && grep -q "^SKIP $absent/seeds is absent" "$tmp/o" &&
    ok "make seeds-check without ../shared: SKIP" || { bad "make seeds-check without ../shared (exit $st)"; cat "$tmp/o"; }
run 1 "$tmp/o" mk seeds-check
st=$?
[ $st -ne 0 ] && grep -q "^FAIL $absent/seeds is absent (CI=1" "$tmp/o" &&
    ok "make seeds-check without ../shared under CI=1: a failure (exit $st)" || { bad "make seeds-check under CI=1 (exit $st)"; cat "$tmp/o"; }
t_end
