#!/bin/sh
# Reviews and the CI gate, end to end:
#   1. review -> check passes -> edit a claim -> stale -> check fails -> re-review -> passes;
#      orphans are warned about and pruned.
#   2. claimtrack review killed with SIGKILL at every step of a write, and at
#      arbitrary moments over hundreds of runs: the reviews file always parses
#      and holds every review whose command exited 0.
#   3. 8 processes recording 50 reviews each at once leave all 400 in the file.
# Usage: reviews.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/lib.sh"
t_begin reviews
expect_status() { # want, description, command...
    want=$1; what=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"; got=$?
    if [ "$got" = "$want" ]; then ok "$what"; else bad "$what: exit $got, want $want"; cat "$tmp/out" "$tmp/err" | head -5; fi
}
export LC_ALL=C NO_COLOR=1

# ---- 0. files that are not ours: locks, temporaries, FIFOs -----------------
h="$tmp/hostile"
mkdir -p "$h/claims"
cp "$root"/fixtures/basic/*.json "$h/claims/"
echo "precious" > "$h/victim.txt"
ln -s ../victim.txt "$h/claims/reviews.json.lock"
expect_status 2 "a symbolic link planted as the review lock is refused" \
    "$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t "$h/claims"
[ "$(cat "$h/victim.txt")" = precious ] && ok "the link's target is untouched" || bad "the lock wrote through a link: $(cat "$h/victim.txt")"
grep -q "reviews.json.lock) is a link or not a regular file; remove it" "$tmp/err" && ok "the lock error says what is wrong and what to do" || { bad "unclear lock error"; cat "$tmp/err"; }
rm "$h/claims/reviews.json.lock"
echo keep > "$h/claims/reviews.json.tmpl"
echo keep > "$h/claims/reviews.json.tmp-backup"
echo stale > "$h/claims/reviews.json.tmpAb12Cd"
expect_status 0 "a review beside the user's own *.tmp* files" \
    "$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t "$h/claims"
[ -f "$h/claims/reviews.json.tmpl" ] && [ -f "$h/claims/reviews.json.tmp-backup" ] &&
    ok "the stale-temporary sweep keeps reviews.json.tmpl and reviews.json.tmp-backup" ||
    bad "the sweep deleted the user's files"
[ ! -e "$h/claims/reviews.json.tmpAb12Cd" ] && ok "a killed writer's reviews.json.tmpXXXXXX is removed" ||
    bad "the stale temporary is still there"
# SIGTERM and SIGINT in the middle of a review write: no temporary left, file intact
for sig in TERM INT; do
    cp "$h/claims/reviews.json" "$tmp/before.json"
    CLAIMTRACK_CRASH_SIGNAL=$sig CLAIMTRACK_CRASH_AT=half-written "$bin" review CT-9d1c51d424c87585 \
        --status dismissed --note n --by t "$h/claims" > /dev/null 2>&1
    left=$(find "$h/claims" -name 'reviews.json.tmp??????' | wc -l)
    [ "$left" -eq 0 ] && cmp -s "$tmp/before.json" "$h/claims/reviews.json" &&
        ok "SIG$sig during a review write leaves no temporary file and the reviews as they were" ||
        bad "SIG$sig during a review write: $left temporaries left, or the file changed"
done
# a FIFO named reviews.json (or given as --reviews) is refused, never read
f="$tmp/fifo"
mkdir -p "$f/claims"
cp "$root"/fixtures/basic/*.json "$f/claims/"
mkfifo "$f/claims/reviews.json"
expect_status 2 "check refuses a FIFO named reviews.json (no hang)" timeout 20 "$bin" check "$f/claims"
grep -q "not a regular file" "$tmp/err" && ok "and says it is not a regular file" || bad "FIFO message: $(cat "$tmp/err")"
expect_status 2 "review refuses a FIFO named reviews.json (no hang)" \
    timeout 20 "$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t "$f/claims"
expect_status 2 "--reviews on a device is refused" timeout 20 "$bin" check --reviews /dev/zero "$root/fixtures/basic"

# review --prune given one topic file prunes only that topic's reviews
pr="$tmp/prune-subset"
mkdir -p "$pr"
cp -R "$root/../claims" "$pr/claims"
cp "$pr/claims/reviews.json" "$tmp/reviews.before"
"$bin" review --prune "$pr/claims/azal-crash.json" > "$tmp/out" 2> "$tmp/err"
cmp -s "$tmp/reviews.before" "$pr/claims/reviews.json" && grep -q "13 reviews of topics not loaded kept" "$tmp/out" &&
    ok "review --prune on one topic file keeps the other topics' reviews and says how many" ||
    { bad "review --prune on a subset"; cat "$tmp/out"; }

# ---- 1. the workflow ---------------------------------------------------------
w="$tmp/flow"
mkdir -p "$w"
cp "$root"/fixtures/basic/*.json "$w"/
R="$bin review --by tester --date 2026-01-02"
expect_status 1 "unreviewed conflicts fail the gate" "$bin" check "$w"
grep -q "claimtrack review CT-99fa98e50640fc67 --status" "$tmp/out" && ok "gate names the command to review" || bad "no review command in the output"
expect_status 2 "unknown id is refused" $R CT-99fa98e50640fc00 --status confirmed --note x "$w"
grep -q "Did you mean: CT-99fa98e50640fc67" "$tmp/err" && ok "nearest id suggested" || bad "no suggestion"
expect_status 2 "resolved needs --prefer" $R CT-99fa98e50640fc67 --status resolved --note x "$w"
expect_status 2 "--prefer must name a claim of the conflict" $R CT-99fa98e50640fc67 --status resolved --prefer c4 --note x "$w"
expect_status 0 "review one conflict" $R CT-99fa98e50640fc67 --status resolved --prefer c3 --note "the wire's count" "$w"
expect_status 1 "one unreviewed conflict still fails" "$bin" check "$w"
expect_status 0 "review the other" $R CT-9d1c51d424c87585 --status dismissed --note "different questions" "$w"
expect_status 0 "all reviewed: the gate passes" "$bin" check "$w"
# each review keeps a snapshot of the claims it saw: id, per-field digest, value as written
python3 - "$w/reviews.json" <<'PY' && ok "review writes a snapshot of the conflict's claims" || bad "no snapshot, or a wrong one"
import json, re, sys
r = json.load(open(sys.argv[1]))["reviews"]
snap = r["CT-99fa98e50640fc67"]["snapshot"]
assert sorted(snap) == ["c1", "c2", "c3"], sorted(snap)
assert snap["c1"]["value"] == "38" and snap["c2"]["value"] == '{"min":24}', snap
assert all(re.fullmatch("[0-9a-f]{56}", e["digest"]) for e in snap.values())
assert sorted(r["CT-9d1c51d424c87585"]["snapshot"]) == ["c4", "c5"]
PY
"$bin" check --format json "$w" | grep -q '"changes"' && bad "a fresh review lists changes" || ok "a fresh review lists no changes"
"$bin" show CT-99fa98e50640fc67 "$w" | sed -n 3p | grep -q "\[1\] 12" && ok "resolved conflict shows the preferred position first" || bad "preferred position not first"
sed 's/"value": 38/"value": 39/' "$w/crash.json" >"$w/crash.json.new" && mv "$w/crash.json.new" "$w/crash.json"
expect_status 1 "an edited claim makes its review stale" "$bin" check "$w"
grep -q "CT-99fa98e50640fc67 (stale)" "$tmp/out" && ok "stale conflict named as blocking" || bad "stale not reported"
grep -q "    - c1: value 38 → 39$" "$tmp/out" && ok "the stale conflict says what changed: c1: value 38 → 39" || bad "stale conflict does not say what changed"
expect_status 0 "--fail-on none passes" "$bin" check --fail-on none "$w"
expect_status 1 "--fail-on stale fails" "$bin" check --fail-on stale "$w"
expect_status 0 "re-review" $R CT-99fa98e50640fc67 --status confirmed --note "still disagree" "$w"
expect_status 0 "re-reviewed: the gate passes" "$bin" check "$w"
grep -q '"value": "39"' "$w/reviews.json" && ok "a re-review replaces the snapshot" || bad "re-review kept the old snapshot"
expect_status 1 "--fail-on conflict fails on a confirmed conflict" "$bin" check --fail-on conflict "$w"
sed 's/"value": "bird"/"value": "sam"/' "$w/crash.json" >"$w/crash.json.new" && mv "$w/crash.json.new" "$w/crash.json"
expect_status 0 "a conflict gone: still passes" "$bin" check "$w"
grep -q "warning: review of CT-9d1c51d424c87585: no such conflict" "$tmp/err" && ok "orphan review warned about" || bad "no orphan warning"
expect_status 0 "prune" $R --prune "$w"
grep -q "pruned CT-9d1c51d424c87585" "$tmp/out" && ok "prune says which" || bad "prune output"
grep -q "CT-9d1c51d424c87585" "$w/reviews.json" && bad "pruned review still in the file" || ok "pruned review gone"
printf '{"reviews": {"CT-99fa98e50640fc67": {"status": "maybe"}}}' >"$w/reviews.json"
expect_status 2 "a malformed reviews file is bad input" "$bin" check "$w"
grep -q 'reviews.json: /reviews/CT-99fa98e50640fc67: missing required property "digest"' "$tmp/err" && ok "reviews file validated on load" || bad "no schema error for reviews"

# reviews written before snapshots: still valid; a stale one says only that the
# claims changed; review --upgrade gives the current ones a snapshot, not the stale one
o="$tmp/old-snapshots"
mkdir -p "$o"
cp -R "$root/fixtures/snapshots/claims" "$o/claims"
cp "$root/fixtures/snapshots/reviews-old.json" "$o/claims/reviews.json"
expect_status 0 "reviews without a snapshot load and pass the gate" "$bin" check "$o/claims"
sed -i 's|"quote": "on Friday, 27 June"|"quote": "early on Friday, 27 June"|' "$o/claims/raid.json"
expect_status 1 "an old review goes stale" "$bin" check "$o/claims"
grep -q "and the claims changed since$" "$tmp/out" && ! grep -q "quote changed" "$tmp/out" &&
    ok "a stale review without a snapshot says only that the claims changed" || bad "old stale review output"
expect_status 0 "review --upgrade" "$bin" review --upgrade "$o/claims"
grep -q "^1 current review now keeps a snapshot of the claims reviewed$" "$tmp/out" &&
    ok "review --upgrade says how many reviews got a snapshot" || bad "review --upgrade snapshot count"
python3 - "$o/claims/reviews.json" <<'PY' && ok "review --upgrade snapshots the current review only" || bad "review --upgrade snapshots"
import json, sys
r = json.load(open(sys.argv[1]))["reviews"]
assert sorted(r["CT-7ab2006b3218277a"]["snapshot"]) == ["raid-detained-daily", "raid-detained-wire"]
assert "snapshot" not in r["CT-0d707ba07fb576de"]  # stale: what it saw is unknown
PY
sed -i 's|"value": 9, "source": "daily"|"value": 8, "source": "daily"|' "$o/claims/raid.json"
expect_status 1 "the upgraded review goes stale too" "$bin" check "$o/claims"
grep -q -- "- raid-detained-daily: value 9 people → 8 people$" "$tmp/out" &&
    ok "and now says what changed" || bad "upgraded review does not say what changed"

# unknown fields survive a rewrite
printf '{"x-team": "desk", "reviews": {"CT-99fa98e50640fc67": {"digest": "0000000000000000", "status": "confirmed", "note": "n", "reviewer": "r", "date": "2026-01-01", "x-ticket": 42}}}' >"$w/reviews.json"
expect_status 0 "rewrite keeps unknown fields" $R CT-99fa98e50640fc67 --status confirmed --note again "$w"
grep -q '"x-team": "desk"' "$w/reviews.json" && grep -q '"x-ticket": 42' "$w/reviews.json" && ok "unknown fields preserved" || bad "unknown fields lost"

# control characters: refused in --note/--by, and in a reviews file, with the pointer
cp "$w/reviews.json" "$tmp/reviews.keep"
expect_status 2 "--note with an escape sequence is refused" $R CT-99fa98e50640fc67 --status confirmed --note "$(printf 'a\033[2Jb')" "$w"
cmp -s "$w/reviews.json" "$tmp/reviews.keep" && ok "refused note: reviews file unchanged" || bad "refused note changed the file"
printf '{"reviews": {"CT-99fa98e50640fc67": {"digest": "0000000000000000", "status": "confirmed", "note": "a\\u000b", "reviewer": "r", "date": "2026-01-01"}}}' >"$w/reviews.json"
expect_status 2 "a reviews file with U+000B in a note is refused" "$bin" check "$w"
grep -q 'reviews.json: /reviews/CT-99fa98e50640fc67/note: control character U+000B' "$tmp/err" && ok "the error names the file, pointer and character" || { bad "no located control-character error"; cat "$tmp/err"; }
cp "$tmp/reviews.keep" "$w/reviews.json"

# ---- a corpus with many conflicts -------------------------------------------
many="$tmp/many"
mkdir -p "$many"
printf '{"sources": {"a": {"title": "A"}, "b": {"title": "B"}}}\n' >"$many/sources.json"
printf '{"topic": "t", "title": "T", "properties": {"n": {"type": "quantity"}}, "claims": []}\n' >"$many/t.json"
i=0
while [ $i -lt 400 ]; do
    echo "{\"topic\": \"t\", \"id\": \"a$i\", \"subject\": \"s$i\", \"property\": \"n\", \"value\": 1, \"source\": \"a\", \"quote\": \"q\"}"
    echo "{\"topic\": \"t\", \"id\": \"b$i\", \"subject\": \"s$i\", \"property\": \"n\", \"value\": 2, \"source\": \"b\", \"quote\": \"q\"}"
    i=$((i + 1))
done >"$many/claims.jsonl"
"$bin" check --format json --fail-on none "$many" | grep '^      "id": "CT-' | sed 's/.*"\(CT-[0-9a-f]*\)".*/\1/' >"$tmp/ids"
[ "$(wc -l <"$tmp/ids")" -eq 400 ] && ok "400 conflicts generated" || bad "expected 400 conflicts"

count_reviews() { grep -c '^    "CT-[0-9a-f]*": {' "$1" 2>/dev/null || echo 0; }

# ---- 2. crashes ---------------------------------------------------------------
crash="$tmp/crash"
cp -R "$many" "$crash"
: >"$tmp/recorded"
n=0
for step in locked opened half-written written; do
    id=$(sed -n "$((n + 1))p" "$tmp/ids")
    CLAIMTRACK_CRASH_AT=$step $R "$id" --status confirmed --note "crash at $step" "$crash" >/dev/null 2>&1
    s=$?
    [ $s -eq 137 ] || [ $s -eq 0 ] || bad "crash at $step: exit $s"
    [ $s -eq 0 ] && echo "$id" >>"$tmp/recorded"
    n=$((n + 1))
    "$bin" check --fail-on none "$crash" >/dev/null 2>"$tmp/err" || { bad "reviews file unreadable after a kill at $step"; cat "$tmp/err"; }
    # a normal review right after proves the lock and file recover
    id=$(sed -n "$((n + 1))p" "$tmp/ids")
    $R "$id" --status confirmed --note "after $step" "$crash" >/dev/null 2>&1 && echo "$id" >>"$tmp/recorded"
    n=$((n + 1))
done
ok "killed at every write step: file intact"
runs=0
while [ $runs -lt 300 ]; do
    id=$(sed -n "$((n % 400 + 1))p" "$tmp/ids")
    n=$((n + 1))
    ( $R "$id" --status confirmed --note "run $runs" "$crash" >/dev/null 2>&1; echo $? >"$tmp/st.$runs" ) &
    pid=$!
    # stop it at a varying moment: sometimes before, during or after its write
    case $((runs % 6)) in
    0) ;;
    1) sleep 0.001 ;;
    2) sleep 0.003 ;;
    3) sleep 0.006 ;;
    4) sleep 0.01 ;;
    5) sleep 0.02 ;;
    esac
    pkill -9 -P $pid -f "note run $runs" 2>/dev/null
    wait $pid 2>/dev/null
    [ "$(cat "$tmp/st.$runs" 2>/dev/null)" = 0 ] && echo "$id" >>"$tmp/recorded"
    rm -f "$tmp/st.$runs"
    runs=$((runs + 1))
done
if "$bin" check --fail-on none "$crash" >/dev/null 2>"$tmp/err"; then ok "after 300 killed runs the reviews file parses"; else bad "reviews file broken"; cat "$tmp/err"; fi
missing=0
for id in $(sort -u "$tmp/recorded"); do
    grep -q "\"$id\": {" "$crash/reviews.json" || missing=$((missing + 1))
done
[ $missing -eq 0 ] && ok "every review whose command exited 0 is in the file ($(sort -u "$tmp/recorded" | wc -l) of them)" || bad "$missing recorded reviews missing"
ls "$crash" | grep -q 'reviews.json.tmp' && echo "note: killed writers left temporary files (expected after SIGKILL)"

# ---- 3. concurrent writers ----------------------------------------------------
conc="$tmp/conc"
cp -R "$many" "$conc"
p=0
while [ $p -lt 8 ]; do
    (
        k=0
        while [ $k -lt 50 ]; do
            id=$(sed -n "$((p * 50 + k + 1))p" "$tmp/ids")
            $R "$id" --status confirmed --note "writer $p" "$conc" >/dev/null 2>"$tmp/w.err.$p" || { echo "writer $p: $id failed:"; cat "$tmp/w.err.$p"; }
            k=$((k + 1))
        done
    ) &
    p=$((p + 1))
done
wait
got=$(count_reviews "$conc/reviews.json")
[ "$got" -eq 400 ] && ok "8 writers x 50 reviews: all 400 in the file" || bad "concurrent writers: $got of 400 reviews"
expect_status 0 "and the gate passes" "$bin" check "$conc"

t_end
