#!/bin/sh
# Properties of the semantics on random corpora (issue 23, part 4): for each
# fixed seed, tests/tools/gen_random.py writes a corpus with every property
# type, estimates, claimants with aliases, overlaps, rules and revision
# chains, and these hold:
#   - the files' order (claims and sources reversed), XML input (export
#     --format xml) and 1 against 2 threads give the same conflicts;
#   - scaling every quantity by 10^k, or writing it with one more trailing
#     zero, changes no conflict (ids, types, severities, positions);
#   - appending an identical later restatement of a speaker's latest claim
#     changes nothing (the restatement joins its original's position);
#   - every clash of every quantity, date and boolean conflict is one under the
#     written rules, checked by an independent reading in Python with exact
#     decimals.
# (Renaming ids and sources is tests/determinism.sh's.)  A failure names its
# seed: `python3 tests/tools/gen_random.py SEED DIR` makes the corpus again.
# Usage: properties.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin properties
export LC_ALL=C NO_COLOR=1
command -v python3 > /dev/null 2>&1 || { skip_missing "properties: python3 is absent"; t_end; }
gen="python3 $root/tests/tools/gen_random.py"
tool="python3 $root/tests/tools/properties.py"
transform="python3 $root/tests/tools/corpus_transform.py"

# summary NAME DIR [check options]: the summary of check's JSON report
summary() {
    name=$1 dir=$2
    shift 2
    "$bin" check --fail-on none --format json "$@" "$dir" > "$tmp/$name.json" 2> "$tmp/$name.err" ||
        { bad "$name: check failed: $(head -c 300 "$tmp/$name.err")"; : > "$tmp/$name"; return; }
    $tool summary "$tmp/$name.json" $drop > "$tmp/$name"
}
same() { # LABEL A B
    if [ -s "$tmp/$2" ] && cmp -s "$tmp/$2" "$tmp/$3"; then ok "$1"; else
        bad "$1"; diff "$tmp/$2" "$tmp/$3" | head -12; fi
}

for seed in 1 2 3 4 5 6 7 8; do
    c="$tmp/c$seed"
    drop=""
    $gen "$seed" "$c"
    summary base "$c"
    n=$(grep -c '"id": "CT-' "$tmp/base")
    # order
    $transform reverse "$c" "$tmp/rev$seed" > /dev/null
    summary rev "$tmp/rev$seed"
    same "seed $seed ($n conflicts): files, claims and sources in reverse order" base rev
    # XML twin
    mkdir -p "$tmp/xml$seed"
    "$bin" export --format xml -o "$tmp/xml$seed/corpus.xml" "$c" 2> /dev/null
    summary xml "$tmp/xml$seed"
    same "seed $seed: the XML twin" base xml
    # threads
    summary jobs "$c" --jobs 2
    same "seed $seed: 2 threads against 1" base jobs
    # exact numbers
    for k in 3 -2 20; do
        $tool scale "$c" "$tmp/s$seed$k" "$k"
        summary scaled "$tmp/s$seed$k"
        same "seed $seed: every quantity scaled by 10^$k" base scaled
    done
    $tool zeros "$c" "$tmp/z$seed"
    summary zeros "$tmp/z$seed"
    same "seed $seed: every quantity written with one more trailing zero" base zeros
    # a later identical restatement
    drop=$($tool restate "$c" "$tmp/r$seed")
    summary restated "$tmp/r$seed"
    summary base "$c"
    same "seed $seed: later restatements ($(echo $drop | wc -w)) change nothing" base restated
    drop=""
    # every clash is one
    "$bin" check --fail-on none --format json "$c" > "$tmp/report.json" 2> /dev/null
    if $tool clashes "$c" "$tmp/report.json" > "$tmp/clashes" 2> "$tmp/clashes.err"; then
        ok "seed $seed: $(cat "$tmp/clashes")"
    else
        bad "seed $seed: $(cat "$tmp/clashes")"
        head -5 "$tmp/clashes.err"
    fi
done
t_end
