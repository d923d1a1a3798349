#!/bin/sh
# Reviews written with the old ids (CT- + 8 hex, FNV-1a digests) carry over to
# the SHA-256 ids: tried on the shipped corpus as it was then (frozen in
# tests/fixtures/reviews-legacy/claims, since claims/ has grown) with the reviews.json it shipped
# with before the change (tests/fixtures/reviews-legacy), unchanged and with one
# claim edited.
# Usage: migration.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin migration
export LC_ALL=C NO_COLOR=1

# states <report.json>: "id state" lines, sorted
states() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["conflicts"]:
    print(c["id"], c["review"]["state"])' "$1" | sort
}

mkdir -p "$tmp/c"
cp "$root"/tests/fixtures/reviews-legacy/claims/*.json "$tmp/c/"
cp "$root/tests/fixtures/reviews-legacy/reviews.json" "$tmp/c/reviews.json"
legacy_n=$(grep -c '"CT-[0-9a-f]\{8\}"' "$tmp/c/reviews.json")

# 1. the old file, read as it is: every review kept, none stale, gate passes
"$bin" check --format json -o "$tmp/before.json" "$tmp/c"; st=$?
[ "$st" = 0 ] && ok "legacy reviews.json: the gate passes on the shipped corpus (exit 0)" ||
    bad "legacy reviews.json: check exit $st, want 0"
states "$tmp/before.json" > "$tmp/before.states"
n_conf=$(wc -l < "$tmp/before.states")
n_kept=$(grep -c -E ' (confirmed|dismissed|resolved)$' "$tmp/before.states")
[ "$n_kept" = "$legacy_n" ] && [ "$n_kept" = "$n_conf" ] &&
    ok "all $legacy_n old reviews kept for $n_conf conflicts, none stale or unreviewed" ||
    { bad "old reviews kept: $n_kept of $legacy_n ($n_conf conflicts)"; cat "$tmp/before.states"; }
grep -q 'CT-[0-9a-f]\{16\} ' "$tmp/before.states" && ok "conflict ids have 16 hex digits" ||
    bad "conflict ids are not 16 hex digits"

# 2. an old id still finds its conflict
old=$(grep -o '"CT-[0-9a-f]\{8\}"' "$tmp/c/reviews.json" | head -n 1 | tr -d '"')
"$bin" show "$old" "$tmp/c" > "$tmp/show.out" 2>&1 && grep -q 'CT-[0-9a-f]\{16\}' "$tmp/show.out" &&
    ok "show $old (an old id) finds the conflict" || { bad "show $old"; head -3 "$tmp/show.out"; }

# 3. review --upgrade rewrites the file in the new scheme; results unchanged
"$bin" review --upgrade "$tmp/c" > /dev/null 2>"$tmp/err" || { bad "review --upgrade failed"; cat "$tmp/err"; }
if grep -q '"CT-[0-9a-f]\{8\}": ' "$tmp/c/reviews.json" || ! grep -q '"CT-[0-9a-f]\{16\}": ' "$tmp/c/reviews.json"; then
    bad "review --upgrade left old ids"
else ok "review --upgrade: only 16-digit ids remain"; fi
n_up=$(grep -c '"upgraded_from"' "$tmp/c/reviews.json")
[ "$n_up" = "$legacy_n" ] && ok "each carried review records upgraded_from" || bad "upgraded_from on $n_up of $legacy_n"
grep -q '"digest": "[0-9a-f]\{64\}"' "$tmp/c/reviews.json" && ! grep -q '"digest": "[0-9a-f]\{16\}"' "$tmp/c/reviews.json" &&
    ok "digests are SHA-256 (64 hex digits)" || bad "digests not all rewritten"
"$bin" check --format json -o "$tmp/after.json" "$tmp/c"; st=$?
states "$tmp/after.json" > "$tmp/after.states"
[ "$st" = 0 ] && cmp -s "$tmp/before.states" "$tmp/after.states" &&
    ok "after --upgrade: same conflicts, same review states" || bad "after --upgrade: states differ (exit $st)"
"$bin" validate "$tmp/c" > /dev/null 2>&1 && ok "the upgraded file validates" || bad "upgraded file invalid"

# 4. a claim edited since the review: that conflict is stale, the others not
rm -rf "$tmp/e"; mkdir -p "$tmp/e"
cp "$root"/tests/fixtures/reviews-legacy/claims/*.json "$tmp/e/"
cp "$root/tests/fixtures/reviews-legacy/reviews.json" "$tmp/e/reviews.json"
sed 's/"id": "sputnik-count-why", \(.*\)"value": 7,/"id": "sputnik-count-why", \1"value": 8,/' \
    "$root/tests/fixtures/reviews-legacy/claims/sputnik-arrests.json" > "$tmp/e/sputnik-arrests.json"
cmp -s "$root/tests/fixtures/reviews-legacy/claims/sputnik-arrests.json" "$tmp/e/sputnik-arrests.json" && bad "the edit did not apply"
"$bin" check --format json -o "$tmp/edited.json" "$tmp/e"; st=$?
states "$tmp/edited.json" > "$tmp/edited.states"
n_stale=$(grep -c ' stale$' "$tmp/edited.states")
stale_id=$(grep ' stale$' "$tmp/edited.states" | cut -d' ' -f1)
[ "$st" = 1 ] && [ "$n_stale" = 1 ] && [ "$(grep -c ' stale$' "$tmp/before.states")" = 0 ] &&
    ok "one edited claim: exactly its conflict is stale, the gate fails (exit 1)" ||
    { bad "edited claim: exit $st, $n_stale stale"; cat "$tmp/edited.states"; }
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = [c for c in d["conflicts"] if c["id"] == sys.argv[2]][0]
sys.exit(0 if c["property"] == "people-detained" else 1)' "$tmp/edited.json" "$stale_id" &&
    ok "the stale one is the Sputnik count" || bad "the stale conflict is not the edited one"
"$bin" review --upgrade "$tmp/e" > /dev/null 2>&1
"$bin" check --format json -o "$tmp/edited2.json" "$tmp/e"
states "$tmp/edited2.json" > "$tmp/edited2.states"
cmp -s "$tmp/edited.states" "$tmp/edited2.states" && grep -q '"digest": "[0-9a-f]\{16\}"' "$tmp/e/reviews.json" &&
    ok "after --upgrade the edited conflict stays stale (its old digest is kept)" ||
    bad "upgrade changed the stale state"

# 5. a new review of an upgraded conflict replaces it
"$bin" review "$stale_id" --status confirmed --note "re-read after the edit" --by t --date 2026-01-01 "$tmp/e" > /dev/null &&
    "$bin" check "$tmp/e" > /dev/null && ok "re-reviewing the stale conflict passes the gate" ||
    bad "re-review did not pass the gate"

t_end
