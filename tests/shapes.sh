#!/bin/sh
# The benchmark shapes load through the lookups that once were scans (claim
# id lines, subject aliases, terms and their broader chains): each shape
# gives the same report as its twin holding the same claims in another
# form (one exported JSON file, or one XML file).  No timing here.
# Usage: shapes.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
ct="$build/claimtrack"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
# the report without file names and lines, which differ between the forms
report() { "$ct" check --format json --fail-on none "$1" 2>&1 | grep -v '"file"\|"line"'; }
for shape in one-file subjects vocab; do
    d="$tmp/$shape"
    mkdir -p "$d" "$d-json" "$d-xml" && "$build/gen_corpus" 4000 11 "$d" "--$shape" || exit 2
    "$ct" export "$d" >"$d-json/corpus.json" && "$ct" export --format xml "$d" >"$d-xml/corpus.xml" || {
        echo "FAIL export of the $shape shape"; fails=$((fails + 1)); continue; }
    report "$d" >"$tmp/r.$shape"
    n=$(grep -c '"id": "CT-' "$tmp/r.$shape")
    [ "$n" -gt 0 ] || { echo "FAIL $shape: no conflicts found"; fails=$((fails + 1)); }
    for twin in json xml; do
        report "$d-$twin" >"$tmp/r.$shape.$twin"
        cmp -s "$tmp/r.$shape" "$tmp/r.$shape.$twin" && echo "ok   $shape shape: same $n conflicts as its $twin twin" ||
            { echo "FAIL $shape shape differs from its $twin twin"; diff "$tmp/r.$shape" "$tmp/r.$shape.$twin" | head -5; fails=$((fails + 1)); }
    done
done
echo "shapes: $fails failed"
[ $fails -eq 0 ]
