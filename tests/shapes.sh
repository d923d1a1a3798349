#!/bin/sh
# The benchmark shapes load through the lookups that once were scans (claim
# id lines, subject aliases, terms and their broader chains): each shape
# gives the same report as its twin holding the same claims in another
# form (one exported JSON file, or one XML file).  No timing here.
# Usage: shapes.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
ct="$build/claimtrack"
. "$(dirname "$0")/lib.sh"
t_begin shapes
# the report without file names and lines, which differ between the forms
report() { "$ct" check --format json --fail-on none "$1" 2>&1 | grep -v '"file"\|"line"'; }
for shape in one-file subjects vocab; do
    d="$tmp/$shape"
    mkdir -p "$d" "$d-json" "$d-xml" && "$build/gen_corpus" 4000 11 "$d" "--$shape" || exit 2
    "$ct" export "$d" >"$d-json/corpus.json" && "$ct" export --format xml "$d" >"$d-xml/corpus.xml" || {
        bad "export of the $shape shape"; continue; }
    report "$d" >"$tmp/r.$shape"
    n=$(grep -c '"id": "CT-' "$tmp/r.$shape")
    [ "$n" -gt 0 ] || bad "$shape: no conflicts found"
    for twin in json xml; do
        report "$d-$twin" >"$tmp/r.$shape.$twin"
        cmp -s "$tmp/r.$shape" "$tmp/r.$shape.$twin" && ok "$shape shape: same $n conflicts as its $twin twin" ||
            { bad "$shape shape differs from its $twin twin"; diff "$tmp/r.$shape" "$tmp/r.$shape.$twin" | head -5; }
    done
done
t_end
