#!/bin/sh
# XML claim files: the export round trip on the shipped corpus, the same
# conflicts from JSON and XML, and every hostile XML file refused safely.
# Usage: xml.sh CLAIMTRACK SHARED_DIR
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=$2
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin xml
export LC_ALL=C NO_COLOR=1
cd "$root" || exit 2

# ---- round trip: JSON -> XML -> JSON is lossless -------------------------------
mkdir -p "$tmp/json" "$tmp/xml" "$tmp/back"
"$bin" export --format json -o "$tmp/json/corpus.json" claims || bad "export json"
"$bin" export --format xml -o "$tmp/xml/corpus.xml" claims || bad "export xml"
"$bin" export --format json -o "$tmp/back/corpus.json" "$tmp/xml" || bad "export json from xml"
cmp -s "$tmp/json/corpus.json" "$tmp/back/corpus.json" && ok "JSON -> XML -> JSON is lossless on the shipped corpus" || bad "round trip differs"
"$bin" export --format json "$tmp/json" | cmp -s - "$tmp/json/corpus.json" && ok "an exported corpus loads alone and exports the same" || bad "export not stable"
"$bin" validate "$tmp/xml" 2>/dev/null && ok "the XML export alone is a valid corpus" || bad "XML export invalid"

# ---- the same conflicts from JSON and XML ------------------------------------
strip() { grep -v '"file": \|"line": '; }
"$bin" check --format json --fail-on none claims | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/c.json"
cp claims/reviews.json "$tmp/xml/"
"$bin" check --format json --fail-on none "$tmp/xml" | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/c.xml"
[ -s "$tmp/c.json" ] && cmp -s "$tmp/c.json" "$tmp/c.xml" && ok "identical conflicts (ids, digests, positions, reviews) from JSON and XML" || { bad "conflicts differ"; diff "$tmp/c.json" "$tmp/c.xml" | head; }
"$bin" check --format json --fail-on none tests/fixtures/basic | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/b.json"
mkdir -p "$tmp/mixed" && cp tests/fixtures/mixed/sources.json tests/fixtures/mixed/crash.xml "$tmp/mixed/"
"$bin" check --format json --fail-on none "$tmp/mixed" | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/b.xml"
cmp -s "$tmp/b.json" "$tmp/b.xml" && ok "a hand-written XML topic gives the JSON fixture's conflicts" || { bad "fixture conflicts differ"; diff "$tmp/b.json" "$tmp/b.xml" | head; }

"$bin" check --format json --fail-on none tests/fixtures/time-estimates | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/m.json"
"$bin" check --format json --fail-on none tests/fixtures/time-estimates-xml | strip | sed -n '/"conflicts": \[/,$p' >"$tmp/m.xml"
[ -s "$tmp/m.json" ] && cmp -s "$tmp/m.json" "$tmp/m.xml" && ok "time and estimates (varies, cumulative, estimates, questions, importance): identical conflicts from JSON and XML" || { bad "time-estimates conflicts differ"; diff "$tmp/m.json" "$tmp/m.xml" | head; }
mkdir -p "$tmp/te"
"$bin" export --format xml -o "$tmp/te/corpus.xml" tests/fixtures/time-estimates &&
    "$bin" export --format json -o "$tmp/te.json" tests/fixtures/time-estimates &&
    "$bin" export --format json "$tmp/te" | cmp -s - "$tmp/te.json" &&
    ok "time and estimates forms: JSON -> XML -> JSON is lossless" || bad "time-estimates round trip differs"

# ---- hostile XML ----------------------------------------------------------------
dir="$shared/testdata/xml-hostile"
if [ -d "$dir" ]; then
    tracer=$(command -v strace || true)
    for f in "$dir"/*.xml; do
        name=$(basename "$f")
        for cmd in validate check; do
            timeout 30 "$bin" $cmd "$f" >"$tmp/out" 2>"$tmp/err"
            s=$?
            if [ $s -ne 2 ]; then bad "$name ($cmd): exit $s, want 2"; continue; fi
            grep -q "^$f:[0-9]*" "$tmp/err" || bad "$name ($cmd): error not located: $(head -c 200 "$tmp/err")"
            grep -q "root:" "$tmp/out" "$tmp/err" && bad "$name ($cmd): a local file leaked into the output"
        done
        if [ -n "$tracer" ]; then
            strace -f -e trace=openat,connect -o "$tmp/trace" "$bin" validate "$f" >/dev/null 2>&1
            if grep -q '/etc/passwd\|connect(' "$tmp/trace"; then bad "$name: read a local file or touched the network"; fi
        fi
    done
    ok "every hostile XML file refused with a located error, exit 2$( [ -n "$tracer" ] && echo ', no local file read, no network (strace)')"
else
    skip_missing "hostile XML: $dir is absent"
fi

t_end
