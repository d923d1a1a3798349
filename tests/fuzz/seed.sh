#!/bin/sh
# Assemble the seed corpus of one fuzz target from the project's fixtures, the
# shipped corpus and ../shared/testdata (when present).
# Usage: seed.sh TARGET OUT_DIR SHARED_DIR
set -u
target=$1
out=$2
shared=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
n=0
add() { [ -f "$1" ] && cp "$1" "$out/seed-$n" && n=$((n + 1)); }
case $target in
topic)
    for f in "$root"/claims/*.json "$root"/tests/fixtures/*/*.json; do add "$f"; done
    for f in "$shared"/testdata/JSONTestSuite/test_parsing/*.json; do add "$f"; done
    # overlapping terms, rules of every relation, subject terms, dates and NFC names
    printf '%s' '{"topic": "t", "title": "T", "subjects": {"Caf\u00e9": ["Cafe\u0301 bar"], "s": []}, "properties": {"n": {"type": "quantity"}, "m": {"type": "quantity"}, "d": {"type": "date"}, "e": {"type": "date"}, "w": {"type": "term", "terms": {"p": {"overlaps": ["f"]}, "f": {}, "r": {"broader": "p"}}}}, "rules": [{"id": "eq", "left": ["n", "m"], "relation": "=", "right": ["n"]}, {"id": "lt", "left": ["n"], "relation": "<", "right": [{"subject": "s", "property": "m"}]}, {"id": "le", "left": ["m"], "relation": "<=", "right": ["n"]}, {"id": "gt", "left": ["n"], "relation": ">", "right": ["m"]}, {"id": "ge", "left": ["n"], "relation": ">=", "right": ["m"]}, {"id": "before", "left": ["d"], "relation": "<", "right": ["e"]}], "claims": [{"id": "c1", "subject": "Cafe\u0301", "property": "n", "value": {"min": 30, "max": 40}, "source": "a", "quote": "q", "claimant": "k"}, {"id": "c2", "subject": "Caf\u00e9", "property": "m", "value": 32, "source": "b", "quote": "q"}, {"id": "c3", "subject": "s", "property": "m", "value": 67, "source": "b", "quote": "q", "claimant": "Caf\u00e9"}, {"id": "c4", "subject": "s", "property": "d", "value": "2025-06", "source": "a", "quote": "q"}, {"id": "c5", "subject": "s", "property": "e", "value": {"from": "2025-05", "to": "2025-06-02"}, "source": "b", "quote": "q", "as_of": "2025-07"}, {"id": "c6", "subject": "s", "property": "w", "value": "f", "source": "a", "quote": "q"}, {"id": "c7", "subject": "s", "property": "w", "value": "r", "source": "b", "quote": "q", "stance": "denies"}, {"id": "c8", "subject": "s", "property": "n", "value": 9, "source": "b", "quote": "q", "stance": "denies"}]}' >"$out/seed-model2"
    printf '%s' '{"topic": "t", "title": "T", "properties": {"n": {"type": "quantity"}, "d": {"type": "date"}, "w": {"type": "term", "terms": {"x": {"overlaps": ["x", "nope"]}}}}, "rules": [{"id": "r", "left": ["n", "gone"], "relation": "=", "right": ["d"]}, {"id": "r", "left": [], "relation": "<", "right": [{"subject": "nope", "property": "n"}]}], "claims": []}' >"$out/seed-model2-bad" ;;
jsonl | claimline)
    for f in "$root"/tests/fixtures/*/*.jsonl; do add "$f"; done
    # what the reader without a DOM takes and what it leaves to jansson: escapes, UTF-8, numbers
    printf '%s\n' '{"topic": "t", "id": "e1", "subject": "S \"q\" \\ \/ x", "property": "n", "value": -0.50, "source": "a", "quote": "line\none\ttab\r", "note": "", "locator": "p. 3"}' \
        '{"topic":"t","id":"e2","subject":"Caf\u00e9","property":"n","value":1e3,"source":"a","quote":"q"}' \
        '{"topic":"t","id":"e3","subject":"Café ü 北京 😀","property":"n","value":123456789012345678,"source":"a","quote":"q\bx"}' \
        '{"topic":"t","id":"e4","subject":"s","property":"n","value":1234567890123456789,"source":"a","quote":"q","hedge":"estimated","stance":"denies","claimant":"k"}' \
        ' {"topic": "t" , "id" : "e5", "subject": "s", "property": "d", "value": {"from": "2025-01", "to": "2025-02-28"}, "source": "b", "quote": "q", "as_of": {"to": "2025"}} ' \
        '{"topic": "t", "id": "e6", "subject": "s", "property": "n", "value": {"low": 1.5, "best": 2, "high": 3}, "source": "b", "quote": "q", "as_of": "2025-13"}' \
        '{"topic": "t", "id": "e7", "subject": "s", "property": "n", "value": {"about": 0.1}, "source": "b", "quote": "q", "id": "dup"}' \
        '{"topic": "t", "id": "e8", "subject": "s", "property": "n", "value": {"min": 1, "max": 2, "about": 3}, "source": "b", "quote": "q"}' \
        '{"topic": "t", "id": "e9", "subject": "s", "property": "n", "value": 1, "source": "b", "quote": "q", "hedge": "bogus", "stance": "maybe"}' \
        '{"topic": "T", "id": ":bad", "subject": "", "property": "n", "value": null, "source": "b", "quote": "q", "extra": 1}' >"$out/seed-claimline"
    # whole topic files, split into head and claims or read whole
    [ "$target" = claimline ] && for f in "$root"/claims/*.json "$root"/tests/fixtures/*/*.json; do add "$f"; done
    printf '{"topic": "t", "id": "a", "subject": "s", "property": "n", "value": {"min": 3}, "source": "a", "quote": "q"}\n{"topic": "t", "id": "b", "subject": "alias", "property": "n", "value": 1, "source": "b", "quote": "q", "as_of": "2025-02"}\n' >"$out/seed-jsonl"
    printf '{"topic": "t", "id": "c", "subject": "s", "property": "w", "value": "y", "source": "a", "quote": "q", "stance": "denies"}\n{"topic": "t", "id": "d", "subject": "s", "property": "d", "value": {"from": "2024-12", "to": "2025"}, "source": "b", "quote": "q"}\n' >"$out/seed-jsonl2"
    printf '{"topic": "t", "id": "e", "subject": "s", "property": "v", "value": "up", "source": "a", "quote": "q", "as_of": {"from": "2025-03", "to": "2025-04"}}\n{"topic": "t", "id": "f", "subject": "s", "property": "v", "value": "down", "source": "b", "quote": "q"}\n{"topic": "t", "id": "g", "subject": "s", "property": "v", "value": "up", "source": "a", "quote": "q", "stance": "questions"}\n' >"$out/seed-jsonl3"
    printf '{"topic": "t", "id": "h", "subject": "s", "property": "k", "value": {"low": 20, "best": 25, "high": 40}, "source": "a", "quote": "q", "as_of": "2025-06-01"}\n{"topic": "t", "id": "i", "subject": "s", "property": "k", "value": 12, "source": "b", "quote": "q", "as_of": "2025-06-05"}\n{"topic": "t", "id": "j", "subject": "s", "property": "l", "value": 29, "source": "a", "quote": "q"}\n{"topic": "t", "id": "k", "subject": "s", "property": "l", "value": 28, "source": "b", "quote": "q"}\n' >"$out/seed-jsonl4"
    # the fixed topic's overlaps and rules, and the fixed sources' claimants
    printf '%s\n' '{"topic": "t", "id": "e", "subject": "s", "property": "n", "value": 38, "source": "a", "quote": "q"}' '{"topic": "t", "id": "f", "subject": "s", "property": "n2", "value": 32, "source": "b", "quote": "q", "claimant": "Cafe\u0301"}' '{"topic": "t", "id": "g", "subject": "s", "property": "n", "value": 67, "source": "b", "quote": "q", "claimant": "k", "as_of": "2025-06"}' '{"topic": "t", "id": "h", "subject": "s", "property": "w", "value": "z", "source": "a", "quote": "q"}' '{"topic": "t", "id": "i", "subject": "s", "property": "w", "value": "y", "source": "b", "quote": "q", "stance": "denies", "claimant": "L"}' '{"topic": "t", "id": "j", "subject": "s", "property": "d", "value": "2025-07", "source": "a", "quote": "q"}' '{"topic": "t", "id": "k", "subject": "s", "property": "d2", "value": "2025-06-30", "source": "b", "quote": "q"}' >"$out/seed-jsonl-model2" ;;
xml)
    for f in "$root"/tests/fixtures/*/*.xml "$shared"/testdata/xml-hostile/*.xml; do add "$f"; done ;;
values)
    for v in 2025 2025-06 2025-02-29 2024-02-29 '"2025-06-30"' '{"from": "2025-06-20", "to": "2025-06"}' \
             '{"min": 24}' '{"about": 500}' '{"min": 3, "max": 1}' 38 1e308 '"x"' \
             '{"low": 20, "best": 25, "high": 40}' '{"low": 20, "high": 40}' '{"low": 30, "best": 25, "high": 40}' \
             '{"low": 9007199254740993, "best": 9007199254740993, "high": 9007199254740994}'; do
        printf '%s' "$v" >"$out/seed-$n"
        n=$((n + 1))
    done ;;
schema)
    for f in "$root"/schema/*.json; do add "$f"; done
    printf '[{"type": "object", "required": ["a"], "properties": {"a": {"pattern": "^x+$"}}}, {"a": "xxx"}]' >"$out/seed-s1"
    printf '[{"$defs": {"n": {"anyOf": [{"type": "integer"}, {"$ref": "#/$defs/n"}]}}, "$ref": "#/$defs/n"}, 1.5]' >"$out/seed-s2"
    printf '[{"unevaluatedProperties": false, "allOf": [{"properties": {"a": true}}]}, {"a": 1, "b": 2}]' >"$out/seed-s3" ;;
reviews)
    for f in "$root"/claims/reviews.json; do add "$f"; done
    printf '{"reviews": {"CT-00000000": {"digest": "0000000000000000", "status": "resolved", "prefer": ["a"], "note": "n", "reviewer": "r", "date": "2026-01-01"}}}' >"$out/seed-r1" ;;
suggest)
    for f in "$shared"/seeds/*.txt "$root"/tests/fixtures/suggest/articles/*.txt; do add "$f"; done
    printf 'The plane crashed on 25 December 2024, killing 38 of the 67 on board. It was shot down by a Russian missile, Baku said.\nAZAL flight: more than 2.5 million died in late 2024; the raid was last Wednesday.' >"$out/seed-s1" ;;
http)
    # the session cookie of the harness's server (its port is 8765), after the Host
    H='Host: 127.0.0.1:8765
Cookie: other=1; claimtrack_session_8765=s3ssion'
    T='X-Claimtrack-Token: t0ken'
    for r in '/' '/?topic=t&state=unreviewed&severity=high&q=%3Cscript' '/sources' '/api/conflicts' \
        '/conflict/CT-0000000000000000' '/static/serve.js' '/../../etc/passwd' '/api/reviews/CT-00000000'; do
        printf 'GET %s\n%s\n\n' "$r" "$H" >"$out/seed-$n"
        n=$((n + 1))
    done
    printf 'GET /\nHost: evil.example\n\n' >"$out/seed-host"
    printf 'GET /\nHost: 127.0.0.1:8765\n\n' >"$out/seed-nocookie"
    printf 'GET /login?token=l0gin\nHost: 127.0.0.1:8765\n\n' >"$out/seed-login"
    printf 'POST /api/reviews\n%s\n%s\nContent-Type: application/json\nOrigin: http://127.0.0.1:8765\n\n{"id": "CT-0000000000000000", "status": "resolved", "note": "n", "by": "b", "digest": "0", "prefer": ["c1"], "replaces": null}' "$H" "$T" >"$out/seed-post"
    printf 'POST /review\n%s\nContent-Type: application/x-www-form-urlencoded\n\ntoken=t0ken&id=CT-0000000000000000&status=resolved&prefer=c1%%2Cc2&note=a+b&by=x&digest=0&replaces=' "$H" >"$out/seed-form"
    printf 'POST /api/reviews\n%s\nOrigin: http://evil.example\n%s\nContent-Type: application/json\n\n{}' "$H" "$T" >"$out/seed-origin"
    printf 'GET /suggest\n%s\n\n' "$H" >"$out/seed-suggest-get"
    printf 'POST /suggest\n%s\nContent-Type: application/x-www-form-urlencoded\n\ntoken=t0ken&source=a&topic=t&published=2025-07-01&text=The+s+died%%3A+3+died%%2C+%%3Cb%%3Eabout+40%%3C%%2Fb%%3E.' "$H" >"$out/seed-suggest"
    printf 'POST /suggest/accept\n%s\nContent-Type: application/x-www-form-urlencoded\n\ntoken=t0ken&n=2&d0-decision=accept&d0-id=n-a&d0-topic=t&d0-subject=s&d0-property=n&d0-value=%%7B%%22min%%22%%3A+2%%7D&d0-source=a&d0-quote=q&d0-stance=asserts&d1-decision=reject&d1-id=x' "$H" >"$out/seed-suggest-accept" ;;
esac
