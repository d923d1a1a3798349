#!/bin/sh
# claimtrack suggest measured: the shipped vocabulary (claims/*.json with
# their claims removed) against the five seed articles in SHARED/seeds.
# A draft matches a shipped claim when source, subject (canonical),
# property and value are equal and their quotes overlap in the article.
# Prints recall and precision per value type, checks that every quote is
# exactly the article's bytes at its offset and that the drafts validate,
# and fails below the floors: recall >= 70 % for quantities, dates and
# terms, precision >= 50 % overall.  SKIP when the seeds are absent.
# usage: tests/suggest-measure.sh CLAIMTRACK SHARED [--table]
set -u
. "$(dirname "$0")/lib.sh"
t_begin suggest
ct=$1
seeds=$2/seeds
table=${3:-}
if [ ! -d "$seeds" ]; then
    skip_missing "suggest measurement: $seeds is absent"
    t_end
fi
mkdir "$tmp/vocab"
cp claims/sources.json "$tmp/vocab/"
for f in claims/*.json; do
    case $f in */sources.json|*/reviews.json) continue ;; esac
    jq '.claims = []' "$f" > "$tmp/vocab/${f##*/}" || exit 2
done
# The seed articles state no publication date; their contents date them
# to July 2025 ("in July of this year", the crash of December 2024 as
# past).  Dates without a year are read against 2025-07-31.
published=2025-07-31
: > "$tmp/drafts.jsonl"
# the sources and their articles first: only claimtrack runs in the timed loop
jq -r '.sources | to_entries[] | "\(.key) \(.value.archive)"' claims/sources.json > "$tmp/articles"
while read -r src archive; do
    [ -f "$seeds/$archive" ] || { skip_missing "suggest measurement: $seeds/$archive is absent"; t_end; }
done < "$tmp/articles"
start=$(date +%s%N)
n=0
while read -r src archive; do
    "$ct" suggest --source "$src" --published $published "$seeds/$archive" "$tmp/vocab" \
        > "$tmp/$src.jsonl" || { bad "suggest on $archive"; t_end; }
    n=$((n + 1))
done < "$tmp/articles"
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 / n ))
# every quote verbatim at its offset: bytes compared with dd
not_verbatim=0
total=0
for src in $(jq -r '.sources | keys[]' claims/sources.json); do
    archive=$(jq -r --arg s "$src" '.sources[$s].archive' claims/sources.json)
    jq -r '"\(.offset[0]) \(.offset[1])"' "$tmp/$src.jsonl" > "$tmp/off.$src"
    i=0
    while IFS=' ' read -r s e; do
        i=$((i + 1))
        dd if="$seeds/$archive" bs=1 skip="$s" count=$((e - s)) 2>/dev/null > "$tmp/got"
        sed -n "${i}p" "$tmp/$src.jsonl" | jq -j '.claim.quote' > "$tmp/want"
        total=$((total + 1))
        cmp -s "$tmp/got" "$tmp/want" || { not_verbatim=$((not_verbatim + 1)); echo "not verbatim: $src $s-$e"; }
    done < "$tmp/off.$src"
    cat "$tmp/$src.jsonl" >> "$tmp/drafts.jsonl"
done
if [ "$not_verbatim" -ne 0 ]; then
    bad "suggest: $not_verbatim of $total quotes are not the article's bytes at their offsets"
else
    ok "suggest: $total drafts, every quote verbatim at its offset"
fi
# the drafts validate, given ids
jq -c --slurp 'to_entries[] | .value.claim + {id: "draft-\(.key)"}' "$tmp/drafts.jsonl" \
    > "$tmp/vocab/drafts.jsonl"
if "$ct" validate "$tmp/vocab" > "$tmp/validate.log" 2>&1; then
    ok "suggest: every draft valid"
else
    bad "suggest: the drafts do not validate"
    cat "$tmp/validate.log"
fi
rm "$tmp/vocab/drafts.jsonl"
# the shipped claims, with canonical subjects, byte ranges of their quotes
# and the value type of their property
for f in claims/*.json; do
    case $f in */sources.json|*/reviews.json) continue ;; esac
    jq -c '. as $t | ($t.subjects // {}) as $s
        | ([$s | to_entries[] | {key: .key, value: .key}, (.key as $k | .value[] | {key: ., value: $k})] | from_entries) as $canon
        | .claims[] | {topic: $t.topic, subject: ($canon[.subject] // .subject), property, value,
                       source, quote, type: $t.properties[.property].type}' "$f"
done > "$tmp/shipped.jsonl"
: > "$tmp/shipped-spans.jsonl"
while IFS= read -r c; do
    src=$(printf '%s' "$c" | jq -r .source)
    archive=$(jq -r --arg s "$src" '.sources[$s].archive' claims/sources.json)
    q=$(printf '%s' "$c" | jq -r .quote)
    off=$(grep -b -o -F -- "$q" "$seeds/$archive" | head -n 1 | cut -d: -f1)
    printf '%s' "$c" | jq -c --arg o "${off:--1}" --arg n "$(printf '%s' "$q" | wc -c)" \
        '. + {start: ($o | tonumber), end: (($o | tonumber) + ($n | tonumber))}' \
        >> "$tmp/shipped-spans.jsonl"
done < "$tmp/shipped.jsonl"
jq -c --slurp 'map(.claim + {start: .offset[0], end: .offset[1]})' "$tmp/drafts.jsonl" > "$tmp/d.json"
jq -c --slurp '.' "$tmp/shipped-spans.jsonl" > "$tmp/c.json"
for f in "$tmp"/vocab/*.json; do
    jq -c 'select(.properties) | .topic as $t | .properties | to_entries[]
           | {key: "\($t)/\(.key)", value: .value.type}' "$f"
done | jq -c --slurp 'from_entries' > "$tmp/types.json"
jq -r --slurpfile d "$tmp/d.json" --slurpfile c "$tmp/c.json" --slurpfile ty "$tmp/types.json" --arg ms "$ms" --arg table "$table" -n '
  def same($a; $b): $a.topic == $b.topic and $a.subject == $b.subject and $a.property == $b.property
    and $a.value == $b.value and $a.source == $b.source
    and ($b.start < 0 or ($a.start < $b.end and $b.start < $a.end));
  ($d[0]) as $D | ($c[0]) as $C
  | ($ty[0]) as $types
  | ["quantity", "date", "term", "boolean", "text"] as $kinds
  | [$kinds[] as $k
     | ($C | map(select(.type == $k))) as $ck
     | ($D | map(select($types["\(.topic)/\(.property)"] == $k
))) as $dk
     | ($ck | map(. as $x | select(any($D[]; same(.; $x)))) | length) as $found
     | ($dk | map(. as $x | select(any($C[]; same($x; .)))) | length) as $right
     | {kind: $k, claims: ($ck | length), found: $found, drafts: ($dk | length), right: $right}]
  | . as $rows
  | ($rows | map(.drafts) | add) as $alld | ($rows | map(.right) | add) as $allr
  | ($rows | map(.claims) | add) as $allc | ($rows | map(.found) | add) as $allf
  | def pct($a; $b): if $b == 0 then "-" else "\(($a * 1000 / $b | floor) / 10) %" end;
  (if $table == "--table" then
     "| value type | claims | found | recall | drafts | right | precision |",
     "|---|---:|---:|---:|---:|---:|---:|",
     ($rows[] | "| \(.kind) | \(.claims) | \(.found) | \(pct(.found; .claims)) | \(.drafts) | \(.right) | \(pct(.right; .drafts)) |"),
     "| all | \($allc) | \($allf) | \(pct($allf; $allc)) | \($alld) | \($allr) | \(pct($allr; $alld)) |"
   else
     ($rows[] | "\(.kind): recall \(.found)/\(.claims) \(pct(.found; .claims)), precision \(.right)/\(.drafts) \(pct(.right; .drafts))"),
     "all: recall \($allf)/\($allc) \(pct($allf; $allc)), precision \($allr)/\($alld) \(pct($allr; $alld)); \($ms) ms per article",
     (($rows[] | select(.kind == "quantity" or .kind == "date" or .kind == "term")
       | select(.found * 10 < .claims * 7) | "FLOOR recall of \(.kind) below 70 %"),
      (select($allr * 2 < $alld) | "FLOOR precision below 50 %"))
   end)' > "$tmp/result" || bad "suggest: jq could not measure recall and precision"
cat "$tmp/result"
[ -n "${SUGGEST_KEEP:-}" ] && cp "$tmp/d.json" "$tmp/c.json" "$SUGGEST_KEEP/"
if [ "$table" != "--table" ]; then
    grep -q '^FLOOR' "$tmp/result" && bad "suggest: recall or precision below its floor" ||
        ok "suggest: recall and precision at or above their floors"
fi
t_end
