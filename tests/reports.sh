#!/bin/sh
# Reports: every format written from one run (--report FORMAT:FILE), each
# checked against its schema: JSON with claimtrack's own validator and
# schema/report.schema.json, XML with libxml2's XSD validation (and xmllint
# when present), SARIF against the official SARIF 2.1.0 schema; HTML escaped
# and rendered in headless Chromium when it is installed.
# Usage: reports.sh BUILD_DIR SHARED_DIR
set -u
build=$(cd "$1" && pwd)
shared=$2
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin reports
export LC_ALL=C NO_COLOR=1

for corpus in claims tests/fixtures/basic tests/fixtures/revisions tests/fixtures/hostile-text tests/fixtures/declarations tests/fixtures/time-estimates tests/fixtures/ruleconf; do
    name=$(basename "$corpus")
    out="$tmp/$name"
    mkdir -p "$out"
    (cd "$root" && "$build/claimtrack" check --fail-on none --format text -o "$out/r.txt" \
        --report json:"$out/r.json" --report xml:"$out/r.xml" --report markdown:"$out/r.md" \
        --report junit:"$out/r.junit.xml" --report sarif:"$out/r.sarif" --report html:"$out/r.html" \
        --fail-on unreviewed "$corpus") >/dev/null 2>"$out/err"
    s=$?
    [ $s -le 1 ] && [ -s "$out/r.txt" ] || { bad "$name: one run, seven formats (exit $s)"; cat "$out/err"; continue; }
    ok "$name: one run wrote text, json, xml, markdown, junit, sarif and html"
    "$build/json_validate" "$root/schema/report.schema.json" "$out/r.json" >/dev/null 2>"$out/v" &&
        ok "$name: JSON report valid against schema/report.schema.json" || { bad "$name: JSON report invalid"; cat "$out/v"; }
    "$build/xml_validate" "$root/schema/report.xsd" "$out/r.xml" >/dev/null 2>"$out/v" &&
        ok "$name: XML report valid against schema/report.xsd (libxml2)" || { bad "$name: XML report invalid"; cat "$out/v"; }
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout --nonet --schema "$root/schema/report.xsd" "$out/r.xml" 2>"$out/v" &&
            ok "$name: xmllint --schema agrees" || { bad "$name: xmllint rejects the XML report"; cat "$out/v"; }
        xmllint --noout --nonet "$out/r.junit.xml" && ok "$name: JUnit report is well-formed" || bad "$name: JUnit malformed"
        # the schema's enumerations refuse what no report holds
        for bad_attr in 'severity="critical"' 'type="opinion"' 'state="open"' 'status="approved"'; do
            attr=${bad_attr%%=*}
            sed "0,/ $attr=\"[a-z-]*\"/s// $bad_attr/" "$out/r.xml" > "$out/bad.xml"
            if grep -q "$bad_attr" "$out/bad.xml"; then
                xmllint --noout --nonet --schema "$root/schema/report.xsd" "$out/bad.xml" 2>/dev/null &&
                    bad "$name: report.xsd accepts $bad_attr" || ok "$name: report.xsd refuses $bad_attr"
            fi
        done
    else
        skip_missing "xmllint is absent (libxml2-utils; sh scripts/install-deps.sh installs it)"
    fi
    if [ -f "$shared/testdata/sarif/sarif-schema-2.1.0.json" ]; then
        "$build/json_validate" "$shared/testdata/sarif/sarif-schema-2.1.0.json" "$out/r.sarif" >/dev/null 2>"$out/v" &&
            ok "$name: SARIF valid against the official SARIF 2.1.0 schema" || { bad "$name: SARIF invalid"; cat "$out/v"; }
    else
        skip_missing "SARIF schema: $shared/testdata/sarif is absent"
    fi
    # the same conflicts in every format
    for id in $(grep -o '"id": "CT-[0-9a-f]*"' "$out/r.json" | sed 's/.*"\(CT-[0-9a-f]*\)"/\1/'); do
        for f in r.txt r.xml r.md r.junit.xml r.html; do
            grep -q "$id" "$out/$f" || bad "$name: $id missing from $f"
        done
    done
done

# a rule conflict: its rule, relation and terms, a null property, each
# position's own subject and property; the schemas refuse it otherwise
out="$tmp/ruleconf"
grep -q '"property": null' "$out/r.json" && grep -q '"title": "rule dead-plus-survivors-is-aboard · AZAL flight"' "$out/r.json" &&
    grep -q '"terms": \[' "$out/r.json" && grep -q '"property": "survivors",' "$out/r.json" &&
    ok "ruleconf: the JSON rule conflict has rule, terms, title, a null property and positions of their own" ||
    bad "ruleconf: JSON rule conflict fields"
sed 's/"property": null/"property": "dead"/' "$out/r.json" >"$out/bad.json"
"$build/json_validate" "$root/schema/report.schema.json" "$out/bad.json" >/dev/null 2>&1 &&
    bad "ruleconf: the schema accepts a rule conflict with a property of its own" ||
    ok "ruleconf: the schema refuses a rule conflict with a property of its own"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [p.pop("term", None) for c in d["conflicts"] for p in c["positions"]]; json.dump(d, open(sys.argv[2], "w"))' \
    "$out/r.json" "$out/bad2.json" 2>/dev/null && {
    "$build/json_validate" "$root/schema/report.schema.json" "$out/bad2.json" >/dev/null 2>&1 &&
        bad "ruleconf: the schema accepts rule positions without their term" ||
        ok "ruleconf: the schema refuses rule positions without their term"
}
grep -q '<term subject="AZAL flight" property="aboard" side="right"/>' "$out/r.xml" &&
    grep -q 'title="rule dead-plus-survivors-is-aboard · AZAL flight" rule="dead-plus-survivors-is-aboard" relation="="' "$out/r.xml" &&
    ! grep '<conflict [^>]*type="rule"' "$out/r.xml" | grep -q ' property=' &&
    ok "ruleconf: the XML rule conflict has its terms, title, rule and relation, and no property" || bad "ruleconf: XML rule conflict"
sed 's/<term subject="AZAL flight" property="aboard" side="right"\/>/<term subject="AZAL flight" property="aboard" side="middle"\/>/' "$out/r.xml" >"$out/bad.xml"
"$build/xml_validate" "$root/schema/report.xsd" "$out/bad.xml" >/dev/null 2>&1 &&
    bad "ruleconf: the XSD accepts a term on no side" || ok "ruleconf: the XSD refuses a term on no side"

# unreviewed conflicts: SARIF results and JUnit failures carry them
out="$tmp/basic"
grep -q '"claimtrackConflictId/v1": "CT-99fa98e50640fc67"' "$out/r.sarif" && ok "SARIF fingerprints the conflict id" || bad "no SARIF fingerprint"
grep -q '"startLine": 11' "$out/r.sarif" && ok "SARIF points at the claim's line" || bad "no SARIF line"
[ "$(grep -c '<failure ' "$out/r.junit.xml")" -eq 2 ] && ok "JUnit: one failed test case per blocking conflict" || bad "JUnit failures"

# escaping: a quote holding <script> stays text
out="$tmp/hostile-text"
if grep -q '<script>' "$out/r.html" || grep -q '<i>thing' "$out/r.html"; then bad "HTML: corpus text not escaped"; else ok "HTML escapes corpus text"; fi
grep -q '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;' "$out/r.html" && ok "HTML shows the quote as text" || bad "HTML quote"
grep -q '<svg' "$out/r.html" && ok "HTML draws interval charts" || bad "no SVG chart"
# (the one <link> allowed is the inline tab icon, a data: URL that loads nothing)
if sed 's|<link rel="icon" href="data:,">||' "$out/r.html" | grep -qi '<script\|<link\| src=\|url(\|@import\|<iframe\|<object'; then bad "HTML has script or network references"; else ok "HTML self-contained (no script, no resource loaded from the network)"; fi
grep -q 'at least five \\| pipes' "$out/r.md" && ok "Markdown escapes table pipes" || bad "Markdown pipes"

# a stale conflict whose review kept a snapshot: every format says what
# changed, and the JSON, XML and SARIF reports stay valid
out="$tmp/snapshots"
mkdir -p "$out"
cp -R "$root/tests/fixtures/snapshots/claims" "$out/claims"
sed -i 's|"value": 6, "source": "wire"|"value": 5, "source": "wire"|' "$out/claims/raid.json"
sed -i 's|"quote": "on Friday, 27 June"|"quote": "early on Friday, 27 June"|' "$out/claims/raid.json"
(cd "$out" && "$build/claimtrack" check --format text -o r.txt --report json:r.json --report xml:r.xml \
    --report markdown:r.md --report junit:r.junit.xml --report sarif:r.sarif --report html:r.html \
    --report csv:r.csv claims) >/dev/null 2>"$out/err"
[ $? -eq 1 ] && ok "snapshots: one run, eight formats, exit 1 (stale)" || { bad "snapshots: run"; cat "$out/err"; }
for f in r.txt r.json r.xml r.md r.junit.xml r.sarif r.html r.csv; do
    grep -q 'raid-detained-wire: value 6 people → 5 people' "$out/$f" && grep -q 'raid-date-wire: quote changed' "$out/$f" &&
        ok "snapshots: $f says which value and which quote changed" || bad "snapshots: $f does not say what changed"
done
"$build/json_validate" "$root/schema/report.schema.json" "$out/r.json" >/dev/null 2>"$out/v" &&
    ok "snapshots: JSON report with changes valid" || { bad "snapshots: JSON report invalid"; cat "$out/v"; }
"$build/xml_validate" "$root/schema/report.xsd" "$out/r.xml" >/dev/null 2>"$out/v" &&
    ok "snapshots: XML report with changes valid" || { bad "snapshots: XML report invalid"; cat "$out/v"; }
sed 's/kind="edited"/kind="renamed"/' "$out/r.xml" >"$out/bad.xml"
"$build/xml_validate" "$root/schema/report.xsd" "$out/bad.xml" >/dev/null 2>&1 &&
    bad "snapshots: report.xsd accepts an unknown change kind" || ok "snapshots: report.xsd refuses an unknown change kind"
if [ -f "$shared/testdata/sarif/sarif-schema-2.1.0.json" ]; then
    "$build/json_validate" "$shared/testdata/sarif/sarif-schema-2.1.0.json" "$out/r.sarif" >/dev/null 2>"$out/v" &&
        ok "snapshots: SARIF valid" || { bad "snapshots: SARIF invalid"; cat "$out/v"; }
else
    echo "skipped: $shared/testdata/sarif is absent"
fi
# the SARIF result's first location is the claim that changed
python3 - "$out/r.sarif" <<'PY' && ok "snapshots: SARIF points first at the changed claim" || bad "snapshots: SARIF first location"
import json, sys
d = json.load(open(sys.argv[1]))
firsts = sorted(r["locations"][0]["message"]["text"] for r in d["runs"][0]["results"])
assert firsts == ["claim raid-date-wire (wire)", "claim raid-detained-wire (wire)"], firsts
PY
# claims --format json: every corpus against schema/claims.schema.json, every
# claim listed once; CSV with the columns of export --format csv
for corpus in claims tests/fixtures/basic tests/fixtures/withdrawn tests/fixtures/ruleconf tests/fixtures/time-estimates tests/fixtures/hostile-text; do
    name=$(basename "$corpus")
    out="$tmp/claims-view-$name"
    mkdir -p "$out"
    (cd "$root" && "$build/claimtrack" claims --format json -o "$out/c.json" "$corpus" &&
        "$build/claimtrack" claims --format csv -o "$out/c.csv" "$corpus" &&
        "$build/claimtrack" export --format csv -o "$out/e.csv" "$corpus") 2>"$out/err" ||
        { bad "$name: claims --format json|csv"; cat "$out/err"; continue; }
    "$build/json_validate" "$root/schema/claims.schema.json" "$out/c.json" >/dev/null 2>"$out/v" &&
        ok "$name: claims JSON valid against schema/claims.schema.json" || { bad "$name: claims JSON invalid"; cat "$out/v"; }
    sed 's/"status": "[a-z]*"/"status": "settled"/' "$out/c.json" >"$out/bad.json"
    if "$build/json_validate" "$root/schema/claims.schema.json" "$out/bad.json" >/dev/null 2>&1; then
        bad "$name: schema/claims.schema.json accepts an unknown status"
    else
        ok "$name: schema/claims.schema.json refuses an unknown status"
    fi
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$out/c.json" "$out/c.csv" "$out/e.csv" <<'PY' 2>"$out/py" && ok "$name: claims lists every claim once (JSON, CSV), CSV columns of export" || { bad "$name: claims JSON/CSV"; cat "$out/py"; }
import csv, json, sys
doc = json.load(open(sys.argv[1]))
ids = [c["id"] for g in doc["groups"] for p in g["positions"] for c in p["claims"]]
ids += [c["id"] for g in doc["groups"] for c in g["revised"]]
with open(sys.argv[3], newline="", encoding="utf-8") as f:
    export = list(csv.reader(f))
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
every = {r[export[0].index("claim_id")] for r in export[1:]}
assert sorted(ids) == sorted(every), (len(ids), len(every))
assert doc["summary"]["claims"] == len(ids)
assert rows[0] == export[0], rows[0]
assert sorted(r[rows[0].index("claim_id")] for r in rows[1:]) == sorted(ids)
keys = [(g["topic"], g["subject"], g["property"]) for g in doc["groups"]]
assert keys == sorted(keys, key=lambda k: tuple(x.encode() for x in k)), "groups out of order"
PY
    else
        echo "skipped: python3 absent (claims JSON and CSV)"
    fi
done

# headless Chromium renders the page
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    html="$tmp/claims/r.html"
    flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/profile"
    timeout 120 "$browser" $flags --dump-dom "file://$html" >"$tmp/dom.html" 2>/dev/null
    n=$(grep -c '<article class=' "$tmp/dom.html")
    want=$(grep -c '"digest": "' "$tmp/claims/r.json")
    [ "$n" -eq "$want" ] && [ "$n" -gt 0 ] && ok "Chromium DOM holds all $n conflicts" || bad "Chromium DOM: $n articles, want $want"
    timeout 120 "$browser" $flags --window-size=1100,1500 --screenshot="$tmp/report.png" "file://$html" >/dev/null 2>&1
    [ -s "$tmp/report.png" ] && ok "Chromium rendered a PNG ($(wc -c <"$tmp/report.png") bytes)" || bad "no PNG from Chromium"
    [ -n "${SCREENSHOT:-}" ] && cp "$tmp/report.png" "$SCREENSHOT"
else
    skip_missing "chromium is not installed (CI installs it; apt-get install chromium)"
fi

t_end
