#!/bin/sh
# Parallel JSONL loading and conflict finding give exactly the serial
# results: the same claims, conflicts and diagnostics (in the same order) for
# 1, 2 and 4 threads, on a generated corpus big enough (> 4 MB, 40,000
# claims) to take both threaded paths, with bad lines mixed in.
# Usage: parallel.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
. "$(dirname "$0")/lib.sh"
t_begin parallel
mkdir -p "$tmp/c" && "$build/gen_corpus" 40000 7 "$tmp/c" || exit 2
# bad lines: malformed JSON, a schema error, an unknown topic, a duplicate id
awk 'NR % 5000 == 1 { print "{\"topic\": \"topic-1\", \"id\": \"bad" NR "\","; }
     NR % 7000 == 2 { print "{\"topic\": \"topic-1\", \"id\": \"s" NR "\", \"subject\": \"x\", \"property\": \"count\", \"value\": \"many\", \"source\": \"src-1\", \"quote\": \"q\"}"; }
     NR % 9000 == 3 { print "{\"topic\": \"nope\", \"id\": \"t" NR "\", \"subject\": \"x\", \"property\": \"count\", \"value\": 1, \"source\": \"src-1\", \"quote\": \"q\"}"; }
     NR == 30000 { print "{\"topic\": \"topic-1\", \"id\": \"c5\", \"subject\": \"x\", \"property\": \"count\", \"value\": 1, \"source\": \"src-1\", \"quote\": \"q\"}"; }
     { print }' "$tmp/c/claims.jsonl" >"$tmp/c/claims.new" && mv "$tmp/c/claims.new" "$tmp/c/claims.jsonl"
[ "$(wc -c <"$tmp/c/claims.jsonl")" -gt 4194304 ] || { bad "corpus too small for the threaded path"; t_end; }
for j in 1 2 4; do
    "$build/claimtrack" validate --jobs $j "$tmp/c" >"$tmp/v.$j" 2>&1; echo "exit $?" >>"$tmp/v.$j"
    CLAIMTRACK_JOBS=$j "$build/claimtrack" export "$tmp/c" >"$tmp/e.$j" 2>/dev/null
done
for j in 2 4; do
    cmp -s "$tmp/v.1" "$tmp/v.$j" && ok "validate with $j threads: same diagnostics as 1 ($(grep -c ': ' "$tmp/v.1") lines)" ||
        { bad "validate with $j threads differs"; diff "$tmp/v.1" "$tmp/v.$j" | head -5; }
done
grep -q "^exit 2" "$tmp/v.1" && grep -q 'duplicate claim id "c5"' "$tmp/v.1" && ok "bad lines reported" || bad "bad lines not reported"
# without the bad lines, the analysis must match too
grep -v '"id": "bad\|"id": "s[0-9]*", "subject": "x"\|"topic": "nope"' "$tmp/c/claims.jsonl" | awk '!/"id": "c5", "subject": "x"/' >"$tmp/c/claims.new" && mv "$tmp/c/claims.new" "$tmp/c/claims.jsonl"
for j in 1 2 4; do
    CLAIMTRACK_JOBS=$j "$build/claimtrack" check --format json --fail-on none "$tmp/c" >"$tmp/k.$j" 2>&1
done
for j in 2 4; do
    [ -s "$tmp/k.1" ] && cmp -s "$tmp/k.1" "$tmp/k.$j" && ok "check with $j threads: same report as 1" ||
        bad "check with $j threads differs"
done
t_end
