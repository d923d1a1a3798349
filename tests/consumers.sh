#!/bin/sh
# Outputs as their consumers read them (issue 18): Microsoft's SARIF
# Multitool with GitHub's rules, xmllint with the Jenkins JUnit XSD, Python's
# csv module, and baselines for pull requests.  Each real consumer runs where
# it is installed and says SKIP where not; CI installs them (.ci/run), and
# under CI=1 such a skip is a failure.
# Usage: consumers.sh BUILD_DIR
set -u
build=$(cd "$1" && pwd)
bin=$build/claimtrack
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin consumers
export LC_ALL=C NO_COLOR=1

# ---- SARIF ---------------------------------------------------------------
# A repository in a folder whose names need percent-encoding, run from a
# subfolder: URIs relative to the repository root, under %SRCROOT%.
repo="$tmp/my repo#1"
mkdir -p "$repo/.git" "$repo/claims dir"
cp "$root/tests/fixtures/basic/sources.json" "$repo/claims dir/"
cp "$root/tests/fixtures/basic/crash.json" "$repo/claims dir/crash #1.json"
(cd "$repo/claims dir" && "$bin" check --format sarif -o "$tmp/sub.sarif" .)
uris=$(grep '"uri":' "$tmp/sub.sarif" | sort -u | sed 's/^ *//')
[ "$uris" = '"uri": "claims%20dir/crash%20%231.json",' ] && ok "SARIF: URIs relative to the git top level, percent-encoded (run from a subfolder)" || bad "SARIF URIs: $uris"
[ "$(grep -c '"uriBaseId": "%SRCROOT%"' "$tmp/sub.sarif")" -eq "$(grep -c '"uri":' "$tmp/sub.sarif")" ] &&
    grep -q '"originalUriBaseIds"' "$tmp/sub.sarif" && ok "SARIF: every URI under %SRCROOT%, declared in originalUriBaseIds" || bad "SARIF uriBaseId"
(cd "$tmp" && "$bin" check --format sarif -o "$tmp/abs.sarif" "$repo/claims dir")
cmp -s "$tmp/sub.sarif" "$tmp/abs.sarif" && ok "SARIF: an absolute path gives the same URIs" || bad "SARIF: absolute path URIs differ"
rm -rf "$repo/.git"
(cd "$repo" && "$bin" check --format sarif -o "$tmp/nogit.sarif" "claims dir")
grep -q '"uri": "claims%20dir/crash%20%231.json"' "$tmp/nogit.sarif" && ok "SARIF: without .git, URIs relative to the working directory" || bad "SARIF without .git"
# by default exactly the blocking conflicts, each at level error (GitHub
# ignores suppressions: reviewed conflicts' alerts close by their absence)
# (claims/ is reviewed throughout: a copy with two reviews taken out)
cp -R "$root/claims" "$tmp/claims2"
python3 - "$tmp/claims2/reviews.json" <<'PY' 2>/dev/null || skip_missing "python3 absent (SARIF default results)"
import json, sys
d = json.load(open(sys.argv[1]))
for k in sorted(d["reviews"] if "reviews" in d else d)[:2]:
    (d["reviews"] if "reviews" in d else d).pop(k)
json.dump(d, open(sys.argv[1], "w"))
PY
"$bin" check --format sarif -o "$tmp/block.sarif" --report json:"$tmp/block.json" "$tmp/claims2"
python3 - "$tmp/block.sarif" "$tmp/block.json" <<'PY' 2>"$tmp/py" && ok "SARIF: by default the blocking conflicts only, at level error, no suppressions" || { bad "SARIF default results"; cat "$tmp/py"; }
import json, sys
s = json.load(open(sys.argv[1])); j = json.load(open(sys.argv[2]))
res = s["runs"][0]["results"]
want = [c["id"] for c in j["conflicts"] if c["review"]["blocking"]]
assert want and len(want) < len(j["conflicts"]), "fixture needs reviewed and blocking conflicts"
assert [r["partialFingerprints"]["claimtrackConflictId/v1"] for r in res] == want, [r["partialFingerprints"] for r in res]
assert all(r["level"] == "error" and "suppressions" not in r and "baselineState" not in r for r in res)
PY
# --only-blocking: every format shows only the conflicts that fail the run
ob=$(python3 -c 'import json,sys; print(" ".join(sorted(c["id"] for c in json.load(open(sys.argv[1]))["conflicts"] if c["review"]["blocking"])))' "$tmp/block.json" 2>/dev/null)
if [ -n "$ob" ]; then
    for f in text json xml markdown junit sarif html csv; do
        "$bin" check --only-blocking --format "$f" -o "$tmp/ob.$f" "$tmp/claims2"
        s=$?
        got=$(grep -o 'CT-[0-9a-f]\{16\}' "$tmp/ob.$f" | sort -u | tr '\n' ' ' | sed 's/ $//')
        all=$("$bin" check --sarif-include-reviewed --format "$f" "$tmp/claims2" 2>/dev/null | grep -o 'CT-[0-9a-f]\{16\}' | sort -u | wc -l)
        [ $s -eq 1 ] && [ "$got" = "$ob" ] && [ "$all" -gt 2 ] && ok "--only-blocking ($f): only the blocking conflicts" || bad "--only-blocking $f: exit $s, got '$got', want '$ob'"
    done
else
    skip_missing "python3 absent (--only-blocking)"
fi
# --sarif-include-reviewed: every conflict a result; reviewed ones suppressed with the note
(cd "$root" && "$bin" check --fail-on none --format sarif --sarif-include-reviewed -o "$tmp/claims.sarif" --report json:"$tmp/claims.json" claims)
n_conf=$(grep -c '"digest": "' "$tmp/claims.json")
n_res=$(grep -c '"claimtrackConflictId/v1"' "$tmp/claims.sarif")
n_rev=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(c["review"]["state"] in ("confirmed","dismissed","resolved") for c in d["conflicts"]))' "$tmp/claims.json" 2>/dev/null || echo x)
n_sup=$(grep -c '"kind": "external"' "$tmp/claims.sarif")
[ "$n_res" -eq "$n_conf" ] && ok "SARIF --sarif-include-reviewed: all $n_conf conflicts are results" || bad "SARIF: $n_res results for $n_conf conflicts"
if [ "$n_rev" = x ]; then skip_missing "python3 absent (reviewed count)"; else
    [ "$n_sup" -eq "$n_rev" ] && [ "$n_rev" -gt 0 ] && ok "SARIF: the $n_rev reviewed conflicts carry an accepted external suppression" || bad "SARIF suppressions: $n_sup for $n_rev reviewed"
fi
grep -q '"status": "accepted"' "$tmp/claims.sarif" && grep -q '"justification": "resolved by ' "$tmp/claims.sarif" &&
    ok "SARIF: suppressions accepted, justified by the review" || bad "SARIF suppression fields"
[ "$(grep -c '"help": {' "$tmp/claims.sarif")" -eq 4 ] && ! grep -q '"helpUri"\|claimtrack\.dev' "$tmp/claims.sarif" &&
    [ "$(grep -c '"markdown"' "$tmp/claims.sarif")" -gt 4 ] && ok "SARIF: each rule has help (text, markdown), no helpUri to a domain not ours" || bad "SARIF rule help"
# message.text is plain (no markdown), message.markdown the rich form; one
# location per result, the other claims related
python3 - "$tmp/claims.sarif" <<'PY' 2>"$tmp/py" && ok "SARIF: plain message.text, message.markdown, one location and the other claims in relatedLocations" || { bad "SARIF messages and locations"; cat "$tmp/py"; }
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
for r in res:
    m = r["message"]
    assert "`" not in m["text"] and "**" not in m["text"], m["text"]
    assert "`" in m["markdown"], m
    assert len(r["locations"]) == 1, r["locations"]
    assert len(r["relatedLocations"]) >= 1
    ids = [l["message"]["text"] for l in r["locations"] + r["relatedLocations"]]
    assert len(set(ids)) == len(ids), ids
PY
# a rule conflict is filed under its own rule, CT004 RuleConflict, not CT003
[ "$(grep -c '"ruleId": "CT004"' "$tmp/claims.sarif")" -eq 1 ] && grep -q '"name": "RuleConflict"' "$tmp/claims.sarif" &&
    grep -q 'conflict CT-e6233f9dc3ebd558 on rule raid-before-response · Yekaterinburg raid:' "$tmp/claims.sarif" &&
    ok "SARIF: the rule conflict is a CT004 RuleConflict result titled by its rule" || bad "SARIF rule conflict rule"
# Microsoft's SARIF Multitool with GitHub's rules (npm ci --prefix tests/sarif-multitool)
mt=$(cd "$root/tests/sarif-multitool" 2>/dev/null && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null || true)
if ! command -v npm >/dev/null 2>&1; then
    skip_missing "npm absent (SARIF Multitool)"
elif [ -z "$mt" ] || [ ! -x "$mt" ]; then
    skip_missing "SARIF Multitool not installed (npm ci --prefix tests/sarif-multitool; CI does)"
else
    for f in sub block claims; do
        cp "$tmp/$f.sarif" "$tmp/mt-$f.sarif"
        "$mt" validate --rule-kind "Sarif;Gh" --output "$tmp/mt-$f.log.sarif" "$tmp/mt-$f.sarif" >"$tmp/mt.out" 2>&1
        s=$?
        # the one warning allowed: no informationUri (the project owns no web domain to point at)
        n=$(grep ': \(error\|warning\) ' "$tmp/mt.out" | grep -vc 'warning SARIF2005: runs\[0\]\.tool\.driver: .* does not provide .informationUri')
        [ $s -eq 0 ] && [ "$n" -eq 0 ] && grep -q "Analysis completed successfully" "$tmp/mt.out" &&
            ok "SARIF Multitool (Sarif;Gh): $f report, 0 errors, 0 warnings but SARIF2005 (no informationUri)" || { bad "SARIF Multitool on $f (exit $s)"; cat "$tmp/mt.out"; }
    done
fi

# ---- baselines -------------------------------------------------------------
b="$root/tests/fixtures/basic"
"$bin" check --fail-on none --format json -o "$tmp/base.json" "$b"
# the base branch: one conflict's claims changed (digest), one not yet there, one since gone
python3 - "$tmp/base.json" "$tmp/old.json" <<'PY' 2>/dev/null || skip_missing "python3 absent (baselines)"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["conflicts"]
c[0]["digest"] = "0" * 64
# ... and had no last claim then (it was added since)
added = c[0]["positions"][-1]["claims"].pop()["id"]
open(sys.argv[2] + ".added", "w").write(added)
gone = dict(c[1]); gone["id"] = "CT-0000000000000001"; gone["subject"] = "flight 0"
c[1] = gone
json.dump(d, open(sys.argv[2], "w"))
PY
if [ -f "$tmp/old.json" ]; then
    "$bin" check --baseline "$tmp/old.json" --format json -o "$tmp/bl.json" --sarif-include-reviewed --report sarif:"$tmp/bl.sarif" \
        --report text:"$tmp/bl.txt" --report markdown:"$tmp/bl.md" "$b"
    [ $? -eq 1 ] || bad "baseline: exit status"
    states=$(grep -o '"baseline": "[a-z]*"' "$tmp/bl.json" | tr '\n' ' ')
    [ "$states" = '"baseline": "updated" "baseline": "new" ' ] && ok "baseline: JSON marks the conflicts updated and new" || bad "baseline JSON: $states"
    grep -q '"id": "CT-0000000000000001"' "$tmp/bl.json" && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [a["id"] for a in d["absent"]]==["CT-0000000000000001"]; assert d["summary"]["baseline"]=={"new":1,"updated":1,"unchanged":0,"absent":1}' "$tmp/bl.json" &&
        ok "baseline: JSON lists the absent conflict and counts them" || bad "baseline absent"
    "$build/json_validate" "$root/schema/report.schema.json" "$tmp/bl.json" >/dev/null 2>&1 && ok "baseline: the JSON report is valid against its schema" || bad "baseline JSON schema"
    bs=$(grep -o '"baselineState": "[a-z]*"' "$tmp/bl.sarif" | tr '\n' ' ')
    [ "$bs" = '"baselineState": "updated" "baselineState": "new" "baselineState": "absent" ' ] && ok "baseline: SARIF baselineState updated, new, absent" || bad "SARIF baselineState: $bs"
    python3 - "$tmp/bl.sarif" "$(cat "$tmp/old.json.added")" <<'PY' 2>"$tmp/py" && ok "baseline: SARIF's first location is the claim added since the baseline" || { bad "SARIF added claim first"; cat "$tmp/py"; }
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"][0]
assert r["baselineState"] == "updated"
assert r["locations"][0]["message"]["text"].startswith("claim %s " % sys.argv[2]), r["locations"]
PY
    grep -q "against the baseline: 1 new, 1 updated, 0 unchanged, 1 absent" "$tmp/bl.txt" && grep -q "absent: CT-0000000000000001" "$tmp/bl.txt" &&
        grep -q "(unreviewed, new): review with one of" "$tmp/bl.txt" && ok "baseline: the text report says it" || bad "baseline text"
    grep -q "Against the baseline: \*\*1 new\*\*, 1 updated, 0 unchanged, 1 absent" "$tmp/bl.md" && grep -q '\*\*updated\*\* against the baseline' "$tmp/bl.md" &&
        ok "baseline: the Markdown report says it" || bad "baseline markdown"
    # --fail-on new: nothing new against its own report; unreviewed old conflicts do not block
    "$bin" check --baseline "$tmp/base.json" --fail-on new "$b" >"$tmp/o" 2>&1
    s1=$?
    "$bin" check --baseline "$tmp/base.json" "$b" >/dev/null 2>&1
    s2=$?
    "$bin" check --baseline "$tmp/old.json" --fail-on new "$b" >"$tmp/o2" 2>&1
    s3=$?
    [ $s1 -eq 0 ] && [ $s2 -eq 1 ] && [ $s3 -eq 1 ] && grep -q "2 conflicts block" "$tmp/o2" &&
        ok "--fail-on new: passes on unchanged conflicts, fails on new and updated ones" || bad "--fail-on new: $s1 $s2 $s3"
    # reviewed new conflicts do not block under --fail-on new
    cp -R "$b" "$tmp/rev"
    for id in $(grep -o '"id": "CT-[0-9a-f]*"' "$tmp/base.json" | sed 's/.*"\(CT-[0-9a-f]*\)"/\1/'); do
        "$bin" review "$id" --status confirmed --note "seen" --by ed --date 2026-01-02 "$tmp/rev" >/dev/null 2>&1 || bad "review $id"
    done
    "$bin" check --baseline "$tmp/old.json" --fail-on new "$tmp/rev" >/dev/null 2>&1 && ok "--fail-on new: reviewed new conflicts do not block" || bad "--fail-on new with reviews"
    "$bin" check --baseline "$root/tests/fixtures/basic/sources.json" "$b" >/dev/null 2>"$tmp/e"
    [ $? -eq 2 ] && grep -q "is not one" "$tmp/e" && ok "--baseline refuses a file that is not a JSON report" || bad "--baseline bad file"
fi

# ---- long non-ASCII text: no writer cuts it or fails (issue 24) -----------
lt="$tmp/longtext"
mkdir -p "$lt"
cp "$root"/tests/fixtures/basic/*.json "$lt/"
note=$(python3 -c 'print("Проверено редакцией " * 66, end="")' 2>/dev/null)
if [ -n "$note" ]; then
    "$bin" review CT-99fa98e50640fc67 --status confirmed --note "$note" --by "редактор" "$lt" >/dev/null 2>&1
    "$bin" check --fail-on none --format sarif --sarif-include-reviewed -o "$tmp/lt.sarif" "$lt" 2>"$tmp/lt.err"
    [ $? -eq 0 ] && python3 - "$tmp/lt.sarif" "$note" <<'PY' && ok "SARIF: a Cyrillic review note of $(printf %s "$note" | wc -m) characters kept whole, the report valid JSON" || { bad "SARIF with a long Cyrillic note"; cat "$tmp/lt.err"; }
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
justs = [s["justification"] for r in doc["runs"][0]["results"] for s in r.get("suppressions", [])]
assert any(sys.argv[2] in j for j in justs), justs
PY
    for f in markdown html junit xml json text csv; do
        "$bin" check --fail-on none --format $f -o "$tmp/lt.$f" "$lt" 2>/dev/null
        [ $? -eq 0 ] && ok "$f report with the long Cyrillic note written" || bad "$f report with the long Cyrillic note failed"
    done
else
    skip_missing "long Cyrillic text: python3 absent"
fi

# ---- JUnit -----------------------------------------------------------------
# tests/junit/junit-4.xsd is Jenkins' junit-4.xsd plus claimtrack's two marked
# extensions; with the extensions taken out it is the stock schema, which the
# default report (what Jenkins' xUnit plugin and GitLab read) must fit as is.
(cd "$root" && "$bin" check --fail-on unreviewed --format junit -o "$tmp/j.xml" claims)
(cd "$root" && "$bin" check --fail-on unreviewed --format junit --junit-extensions -o "$tmp/jx.xml" claims)
if command -v xmllint >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    python3 - "$root/tests/junit/junit-4.xsd" "$tmp/stock.xsd" <<'PY'
import re, sys
xsd = open(sys.argv[1]).read()
xsd = re.sub(r'\s*<!-- extension:[^>]*-->\s*<xs:(element|attribute) name="(properties|file)"[^>]*/>', '', xsd)
open(sys.argv[2], 'w').write(xsd)
PY
    ! grep -q 'name="file"' "$tmp/stock.xsd" && xmllint --noout --nonet --schema "$tmp/stock.xsd" "$tmp/j.xml" 2>"$tmp/v" &&
        ok "JUnit: the default report is valid against the stock junit-4.xsd (extensions taken out)" ||
        { bad "JUnit against the stock junit-4.xsd"; cat "$tmp/v"; }
    xmllint --noout --nonet --schema "$tmp/stock.xsd" "$tmp/jx.xml" 2>/dev/null &&
        bad "JUnit: --junit-extensions output should need the extended schema"
    xmllint --noout --nonet --schema "$root/tests/junit/junit-4.xsd" "$tmp/jx.xml" 2>"$tmp/v" &&
        ok "JUnit: --junit-extensions adds the case properties and file, valid against the extended XSD" ||
        { bad "JUnit extensions XSD"; cat "$tmp/v"; }
else
    skip_missing "JUnit XSD: xmllint or python3 absent"
fi
n_case=$(grep -c '<testcase ' "$tmp/j.xml")
[ "$(grep -c '<testcase [^>]*time="' "$tmp/j.xml")" -eq "$n_case" ] && [ "$(grep -c '<testsuite [^>]*time="' "$tmp/j.xml")" -eq "$(grep -c '<testsuite ' "$tmp/j.xml")" ] &&
    grep -q '<testsuites [^>]*time="[0-9][0-9]*\.[0-9][0-9][0-9]"' "$tmp/j.xml" &&
    ok "JUnit: time on all $n_case cases and every suite; the run's elapsed time (s.mmm) on testsuites" || bad "JUnit time"
grep -q '<properties>\|file="' "$tmp/j.xml" && bad "JUnit: default report carries the extensions"
[ "$(grep -c '<property name="review_state"' "$tmp/jx.xml")" -eq "$n_case" ] && grep -q '<property name="reviewer" value="' "$tmp/jx.xml" &&
    grep -q '<property name="review_note" value="' "$tmp/jx.xml" && ok "JUnit --junit-extensions: each case's review state, note and reviewer as properties" || bad "JUnit properties"

# ---- CSV -------------------------------------------------------------------
csvhead="conflict_id,topic,subject,property,rule,type,severity,review_state,baseline,position,value,low,best,high,from,to,unit,stance,claim_id,source,claimant,hedge,as_of,scope,locator,quote,file,line,arithmetic,reviewer,note,reviewed_digest,changes"
for corpus in claims tests/fixtures/hostile-text tests/fixtures/revisions tests/fixtures/ruleconf; do
    (cd "$root" && "$bin" check --fail-on none --format csv -o "$tmp/r.csv" --report json:"$tmp/r.json" "$corpus")
    python3 - "$tmp/r.csv" "$tmp/r.json" "$csvhead" <<'PY' 2>"$tmp/py" && ok "CSV ($corpus): RFC 4180, read back by Python's csv module, one row per claim of each conflict with its review" || { if command -v python3 >/dev/null 2>&1; then bad "CSV $corpus"; cat "$tmp/py"; else skip_missing "python3 absent (CSV)"; fi; }
import csv, json, sys
from decimal import Decimal
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")
assert not raw.startswith(b"\xef\xbb\xbf")
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = sys.argv[3].split(",")
assert rows[0] == head, rows[0]
def g(s):  # OWASP: a text cell read as a formula gets a leading '
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
want = []
for c in json.load(open(sys.argv[2]))["conflicts"]:
    rv = c["review"]
    for i, p in enumerate(c["positions"], 1):
        for cl in p["claims"]:
            # the claim's own subject and property (a rule conflict's positions each have theirs)
            want.append([g(x) for x in [c["id"], c["topic"], p["subject"], p["property"], c.get("rule", ""), c["type"],
                                        c["severity"], rv["state"], c.get("baseline", "")]] +
                        [str(i), g(p["display"])] +
                        [g(x) for x in [cl["stance"], cl["id"], cl["source"], cl.get("claimant", ""), cl.get("hedge", ""),
                                        cl.get("as_of", ""), cl["quote"], cl.get("file", "")]] +
                        [str(cl.get("line", ""))] + [g(x) for x in [rv.get("reviewer", ""), rv.get("note", "")]])
H = {h: i for i, h in enumerate(head)}
cols = ["conflict_id", "topic", "subject", "property", "rule", "type", "severity", "review_state", "baseline", "position",
        "value", "stance", "claim_id", "source", "claimant", "hedge", "as_of", "quote", "file", "line", "reviewer", "note"]
got = [[r[H[k]] for k in cols] for r in rows[1:]]
assert got == want, (len(got), len(want), [(a, b) for a, b in zip(got, want) if a != b][:2])
assert all(len(r) == len(head) for r in rows)
reviewed = [r for r in rows[1:] if r[H["review_state"]] in ("confirmed", "dismissed", "resolved")]
assert all(len(r[H["reviewed_digest"]]) == 64 and r[H["reviewer"]] for r in reviewed)
# numeric cells are exact numbers (or empty), low <= best <= high
for r in rows[1:]:
    n = [Decimal(r[H[k]]) if r[H[k]] else None for k in ("low", "best", "high")]
    assert n[0] is None or n[2] is None or n[0] <= n[2], r
    assert n[1] is None or ((n[0] is None or n[0] <= n[1]) and (n[2] is None or n[1] <= n[2])), r
    for k in ("from", "to"):
        assert r[H[k]] == "" or (len(r[H[k]]) == 10 and r[H[k]][4] == "-"), r
    # no text cell a spreadsheet would run
    assert all(not r[i][:1] in ("=", "+", "@") for i in range(len(r))), r
if "ruleconf" in sys.argv[2]:
    assert any(r[H["arithmetic"]] for r in rows[1:])
# line breaks only as record separators (CRLF) outside quoted fields
assert raw.count(b"\r\n") >= len(rows)
PY
done
# a corpus with formulas in its text, a negative quantity, a date range and a question
mkdir -p "$tmp/inj"
cat >"$tmp/inj/sources.json" <<'JSON'
{"sources": {"a": {"title": "A"}, "b": {"title": "B"}, "c": {"title": "C"}}}
JSON
cat >"$tmp/inj/t.json" <<'JSON'
{"topic": "t", "title": "T", "properties": {"delta": {"type": "quantity", "unit": "m"}, "day": {"type": "date"}},
 "claims": [
  {"id": "d1", "subject": "=cmd|' /C calc'!A0", "property": "delta", "value": -5.10, "source": "a", "quote": "=HYPERLINK(\"http://x\")"},
  {"id": "d2", "subject": "=cmd|' /C calc'!A0", "property": "delta", "value": {"low": 3, "best": 3.50, "high": 4}, "source": "b", "quote": "@SUM(1)", "claimant": "+ceo"},
  {"id": "d3", "subject": "=cmd|' /C calc'!A0", "property": "day", "value": "2025-02", "source": "a", "quote": "-in February"},
  {"id": "d4", "subject": "=cmd|' /C calc'!A0", "property": "day", "value": "2025-02", "source": "b", "quote": "in February too"},
  {"id": "d5", "subject": "=cmd|' /C calc'!A0", "property": "day", "value": "2025-02-10", "source": "c", "quote": "was it the 10th?", "stance": "questions"}
 ]}
JSON
"$bin" check --fail-on none --format csv --csv-bom -o "$tmp/inj.csv" "$tmp/inj" 2>"$tmp/e" || { bad "CSV: the injection corpus"; cat "$tmp/e"; }
"$bin" export --format csv -o "$tmp/inj-export.csv" "$tmp/inj" 2>"$tmp/e" || { bad "export --format csv"; cat "$tmp/e"; }
(cd "$root" && "$bin" export --format csv -o "$tmp/claims-export.csv" claims && "$bin" export --format json -o "$tmp/claims-export.json" claims) || bad "export --format csv claims"
python3 - "$tmp/inj.csv" "$tmp/inj-export.csv" "$csvhead" "$tmp/claims-export.csv" "$tmp/claims-export.json" <<'PY' 2>"$tmp/py" && ok "CSV: spreadsheet-safe text cells, exact numbers as written, dates as days, --csv-bom; export --format csv writes every claim" || { if command -v python3 >/dev/null 2>&1; then bad "CSV injection, numbers, export"; cat "$tmp/py"; else skip_missing "python3 absent (CSV)"; fi; }
import csv, json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"\xef\xbb\xbf")
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
assert list(rows[0].keys()) == sys.argv[3].split(",")
by = {r["claim_id"]: r for r in rows}
d1, d2 = by["d1"], by["d2"]
assert d1["subject"] == "'=cmd|' /C calc'!A0", d1["subject"]
assert d1["quote"] == "'=HYPERLINK(\"http://x\")" and d2["quote"] == "'@SUM(1)" and d2["claimant"] == "'+ceo", (d1, d2)
assert (d1["low"], d1["best"], d1["high"], d1["unit"]) == ("-5.10", "-5.10", "-5.10", "m"), d1
assert d1["value"].startswith("'-"), d1["value"]
assert (d2["low"], d2["best"], d2["high"]) == ("3", "3.50", "4"), d2
exp = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
assert open(sys.argv[2], "rb").read(3) != b"\xef\xbb\xbf"
ids = sorted(r["claim_id"] for r in exp)
assert ids == ["d1", "d2", "d3", "d4", "d5"], ids
e = {r["claim_id"]: r for r in exp}
assert (e["d3"]["from"], e["d3"]["to"]) == ("2025-02-01", "2025-02-28"), e["d3"]
assert e["d3"]["quote"] == "'-in February" and e["d3"]["conflict_id"] == ""
assert e["d5"]["stance"] == "questions" and e["d5"]["conflict_id"] == ""
assert e["d1"]["conflict_id"].startswith("CT-")
# the shipped corpus: every claim at least once, the same columns
allrows = list(csv.DictReader(open(sys.argv[4], newline="", encoding="utf-8")))
corpus = json.load(open(sys.argv[5]))
def ids_of(x):
    if isinstance(x, dict):
        if "quote" in x and "id" in x:
            yield x["id"]
        for v in x.values():
            yield from ids_of(v)
    elif isinstance(x, list):
        for v in x:
            yield from ids_of(v)
want = set(ids_of(corpus))
assert want and {r["claim_id"] for r in allrows} == want, len(want)
assert any(r["conflict_id"] == "" for r in allrows) and any(r["conflict_id"] for r in allrows)
try:
    import pandas
except ImportError:
    pass
else:
    df = pandas.read_csv(sys.argv[4])
    assert len(df) == len(allrows)
PY
python3 -c 'import pandas' 2>/dev/null || skip "pandas absent (CSV read by pandas; CI does not install it)"

# ---- HTML and Markdown -----------------------------------------------------
# a corpus whose sources have a url and a published date
mkdir -p "$tmp/web"
cp "$root/tests/fixtures/basic/crash.json" "$tmp/web/"
printf '%s\n' '{"sources": {"a": {"title": "Source A", "url": "https://example.org/a?x=1&y=2", "published": "2025-01-02"},' \
    ' "b": {"title": "Source B", "published": "2024-12-30"}}}' >"$tmp/web/sources.json"
"$bin" check --fail-on none --format html -o "$tmp/web.html" "$tmp/web" || bad "HTML of a corpus with urls"
(cd "$root" && "$bin" check --fail-on none --format html -o "$tmp/claims.html" --report markdown:"$tmp/claims.md" \
    --report json:"$tmp/claims.json" claims)
(cd "$root" && "$bin" check --fail-on none --format html -o "$tmp/rev.html" --report markdown:"$tmp/rev.md" tests/fixtures/revisions)
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp" <<'PY' >"$tmp/py" 2>&1 && ok "HTML: summary table and contents first; sources with url and published date, ids linked; as-of dates, revisions, the preferred position; heat map; chart labels whole, axis labels distinct" || { bad "HTML"; cat "$tmp/py"; }
import json, re, sys
t = sys.argv[1]
web = open(t + "/web.html", encoding="utf-8").read()
first = web.index("<article")
assert web.index('id="summary"') < first and web.index('class="toc"') < first, "summary and contents before the conflicts"
for cid in re.findall(r'<article class="\w+" id="(CT-[0-9a-f]+)"', web):
    assert web.index('href="#%s"' % cid) < first, cid
assert '<a href="https://example.org/a?x=1&amp;y=2" rel="noreferrer">a</a>' in web
assert "<td>2025-01-02</td>" in web and "<td>2024-12-30</td>" in web
assert web.count('<a href="#source-a">a</a>') >= 2 and 'id="source-b"' in web
assert 'class="heat"' in web and "1 / 2</td>" in web, "heat map: a and b agree once, clash twice"
claims = open(t + "/claims.html", encoding="utf-8").read()
d = json.load(open(t + "/claims.json"))
resolved = [c for c in d["conflicts"] if c["review"]["state"] == "resolved" and c["review"].get("prefer")]
assert claims.count("preferred by the resolution</span>") == len(resolved) > 0
for c in resolved:
    art = claims[claims.index('id="%s"' % c["id"]):]
    art = art[:art.index("</article>")]
    first_pos = art[art.index('<ol class="positions">'):]
    first_pos = first_pos[:first_pos.index("</li>")]
    assert "preferred by the resolution" in first_pos
    assert any(cl["id"] in first_pos for cl in c["positions"][0]["claims"])
rev = open(t + "/rev.html", encoding="utf-8").read()
assert 'id="revisions"' in rev and "as of " in rev
for page in (web, claims, rev):
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        axis = re.findall(r'text-anchor="middle">([^<]*)<', svg)
        assert len(axis) == len(set(axis)), ("repeated axis labels", axis)
        assert "…" not in svg, "a cut label"
        width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
        for label in re.findall(r'<text x="4" y="\d+">([^<]*)<', svg):
            # 7 px a character must fit before the plot starts
            left = int(re.search(r'<line x1="(\d+)"', svg).group(1))
            assert 4 + 7 * len(label) <= left + 8, (label, left)
        assert width > 0
for md in (open(t + "/claims.md", encoding="utf-8").read(), open(t + "/rev.md", encoding="utf-8").read()):
    assert "## Revisions" in md or "preferred by the resolution" in md
cmd = open(t + "/claims.md", encoding="utf-8").read()
assert cmd.count("✅ preferred by the resolution") == len(resolved)
assert "; as of " in open(t + "/rev.md", encoding="utf-8").read() or "as of" in open(t + "/rev.md", encoding="utf-8").read()
assert "--status confirmed|" not in cmd
PY
else
    skip_missing "python3 absent (HTML checks)"
fi
# Chromium: every chart label lies inside its SVG (measured by the browser on
# a copy of the charts with a measuring script; the report itself has none)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ] && command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/claims.html" "$tmp/rev.html" >"$tmp/measure.html" <<'PY'
import re, sys
svgs = []
for f in sys.argv[1:]:
    svgs += re.findall(r"<svg.*?</svg>", open(f, encoding="utf-8").read(), re.S)
print("<!DOCTYPE html><html><body>" + "".join(svgs) + "<pre id='result'></pre><script>"
      "var bad=[],n=0;document.querySelectorAll('svg').forEach(function(s){var w=s.viewBox.baseVal.width;"
      "s.querySelectorAll('text').forEach(function(t){n++;var b=t.getBBox();if(b.x<0||b.x+b.width>w)bad.push(t.textContent)})});"
      "document.getElementById('result').textContent='measured '+n+' labels, cut: '+bad.length+' '+bad.join('|');"
      "</script></body></html>")
PY
    flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$tmp/profile"
    timeout 120 "$browser" $flags --dump-dom "file://$tmp/measure.html" 2>/dev/null | grep -o 'measured [0-9]* labels, cut: [0-9]*' >"$tmp/m"
    grep -q 'cut: 0$' "$tmp/m" && ! grep -q 'measured 0 ' "$tmp/m" && ok "Chromium: no chart label is cut off ($(cat "$tmp/m"))" || bad "Chromium chart labels: $(cat "$tmp/m")"
else
    skip_missing "chromium or python3 absent (chart label measurement)"
fi

# ---- sources --matrix --------------------------------------------------------
"$bin" sources --matrix "$tmp/web" >"$tmp/mx" && grep -qx '  a · b: 3 groups, 1 agree, 2 clash (67% clash)' "$tmp/mx" &&
    ok "sources --matrix: a and b speak on 3 groups, agree on 1, clash on 2" || bad "sources --matrix: $(cat "$tmp/mx")"

t_end
