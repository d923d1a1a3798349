#!/bin/sh
# Results never depend on load order, input format, thread count or names.
# For the shipped corpus and a generated one, the JSON report (file and line
# fields aside) is byte-identical under
#   (b) the files, and the claims (and sources) within them, in reverse order;
#   (c) XML input of the same corpus (export --format xml);
#   (d) --jobs 1, 2 and 4;
# and under (a), every source id and claim id renamed consistently, it holds
# the same conflicts, positions, clashes, severities and revisions once the
# names are mapped back (digests hash the names, so they are left out).
# Usage: determinism.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
bin=$build/claimtrack
root=$(cd "$(dirname "$0")/.." && pwd)
tool="python3 $root/tests/tools/corpus_transform.py"
. "$(dirname "$0")/lib.sh"
t_begin determinism
export LC_ALL=C NO_COLOR=1
command -v python3 >/dev/null 2>&1 || { skip_missing "determinism: python3 is absent"; t_end; }

# report NAME [check options and paths...]: the normalized JSON report in $tmp/NAME
report() {
    name=$1
    shift
    "$bin" check --format json --fail-on none "$@" >"$tmp/$name.raw" 2>"$tmp/$name.err"
    s=$?
    [ $s -eq 0 ] || { bad "$name: check exited $s: $(head -c 300 "$tmp/$name.err")"; : >"$tmp/$name"; return; }
    $tool normalize "$tmp/$name.raw" >"$tmp/$name"
}
same() { # LABEL A B
    if [ -s "$tmp/$2" ] && cmp -s "$tmp/$2" "$tmp/$3"; then ok "$1"; else
        bad "$1"; diff "$tmp/$2" "$tmp/$3" | head -20; fi
}

mkdir -p "$tmp/shipped" "$tmp/semantics" "$tmp/gen"
cp "$root"/claims/*.json "$tmp/shipped/"
cp "$root"/tests/fixtures/semantics/*.json "$tmp/semantics/"
"$build/gen_corpus" 6000 11 "$tmp/gen" || exit 2

for corpus in shipped semantics gen; do
    src=$tmp/$corpus
    reviews=$src/reviews.json
    report "$corpus.base" --reviews "$reviews" "$src"
    n=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["conflicts"]), "conflicts,", len(d["revisions"]), "revisions")' "$tmp/$corpus.base")
    # (b) reverse order
    $tool reverse "$src" "$tmp/$corpus.rev" >"$tmp/$corpus.files" || bad "$corpus: reverse"
    # shellcheck disable=SC2046
    report "$corpus.reversed" --reviews "$reviews" $(cat "$tmp/$corpus.files")
    same "$corpus ($n): files, claims and sources in reverse order give the same report" "$corpus.base" "$corpus.reversed"
    # the grouped view of every claim (claims) does not depend on the order either
    "$bin" claims --format json --reviews "$reviews" "$src" 2>&1 | grep -v '"file": \|"line": ' >"$tmp/$corpus.claims"
    # shellcheck disable=SC2046
    "$bin" claims --format json --reviews "$reviews" $(cat "$tmp/$corpus.files") 2>&1 |
        grep -v '"file": \|"line": ' >"$tmp/$corpus.claims.reversed"
    same "$corpus: claims --format json is the same in reverse order" "$corpus.claims" "$corpus.claims.reversed"
    # (c) XML input
    mkdir -p "$tmp/$corpus.xml"
    "$bin" export --format xml -o "$tmp/$corpus.xml/corpus.xml" "$src" || bad "$corpus: export xml"
    report "$corpus.fromxml" --reviews "$reviews" "$tmp/$corpus.xml"
    same "$corpus: XML input gives the JSON input's report" "$corpus.base" "$corpus.fromxml"
    # (d) threads
    for j in 1 2 4; do
        report "$corpus.jobs$j" --reviews "$reviews" --jobs $j "$src"
        same "$corpus: --jobs $j gives the same report" "$corpus.base" "$corpus.jobs$j"
    done
    # (a) renamed sources and claims, reviews left out (their digests hash the names)
    $tool rename "$src" "$tmp/$corpus.ren" "$tmp/$corpus.map" || bad "$corpus: rename"
    "$bin" check --format json --fail-on none --reviews "$tmp/none.json" "$src" >"$tmp/$corpus.plain.raw" 2>/dev/null
    "$bin" check --format json --fail-on none --reviews "$tmp/none.json" "$tmp/$corpus.ren" >"$tmp/$corpus.ren.raw" 2>/dev/null
    $tool normalize "$tmp/$corpus.plain.raw" same >"$tmp/$corpus.plain"
    $tool normalize "$tmp/$corpus.ren.raw" "$tmp/$corpus.map" >"$tmp/$corpus.renamed"
    grep -q '"renamed-' "$tmp/$corpus.ren.raw" || bad "$corpus: the renamed corpus kept its names"
    same "$corpus: renamed sources and claims give the same conflicts, positions, clashes, severities and revisions" "$corpus.plain" "$corpus.renamed"
done
# (d) once more where the threads really split the work (> 4 MB of JSONL)
mkdir -p "$tmp/big"
"$build/gen_corpus" 40000 12 "$tmp/big" || exit 2
[ "$(wc -c <"$tmp/big/claims.jsonl")" -gt 4194304 ] || bad "generated corpus too small for the threaded path"
for j in 1 2 4; do report "big.jobs$j" --jobs $j "$tmp/big"; done
same "big generated corpus: --jobs 2 (threaded) gives --jobs 1's report" big.jobs1 big.jobs2
same "big generated corpus: --jobs 4 (threaded) gives --jobs 1's report" big.jobs1 big.jobs4

t_end
