#!/bin/sh
# make bench: wall time and peak RSS of `validate`, `check` and `review` beside
# a bare single-threaded jansson parse of the same files.  Each figure is the
# median of 3 interleaved runs (parse, validate, check, parse, ...), so a
# slow moment of the machine hits all of them alike.
#   sizes: 10k, 100k and 1M claims as JSONL (BENCH_SIZES to choose; 10M with
#          BENCH_10M=1, about 2 GB of disk);
#   shapes, each beside the same number of claims as JSONL (goal <= 1.5x):
#          one topic file holding every claim; 200k declared subjects with
#          aliases; a 200k-term vocabulary (shared among the topics, as the
#          subjects are) in broader chains 1,000 deep
#          (BENCH_SHAPE_N claims, default 1,000,000);
#   one group of 100k claims beside 100k spread over groups (goal <= 1x).
# Benchmarks print figures; they never fail on time.
# Usage: bench.sh BUILD_DIR [SIZES...]
set -u
build=$(cd "$1" && pwd)
shift
sizes=${*:-"10000 100000 1000000"}
[ "${BENCH_10M:-0}" = 1 ] && sizes="$sizes 10000000"
shape_n=${BENCH_SHAPE_N:-1000000}
data="$build/bench"
mkdir -p "$data"
# corpora are kept between runs, and made again when the generator changes
gen_version=$(cksum <"$build/gen_corpus" | cut -d' ' -f1)
gen() { # n dir [shape]
    [ "$(cat "$2/.done" 2>/dev/null)" = "$gen_version" ] ||
        { rm -rf "$2" && mkdir -p "$2" && "$build/gen_corpus" "$1" 42 "$2" ${3:-} && echo "$gen_version" >"$2/.done"; }
}
# once CMD...: "WALL RSS" of one run
once() { "$build/measure" "$@" 2>/dev/null | tail -n 1 | cut -d' ' -f1,2; }
# median3 "t r" "t r" "t r": the run with the median time, "WALL RSS"
median3() { printf '%s\n%s\n%s\n' "$1" "$2" "$3" | sort -n | sed -n 2p; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
input_kb() { du -k -c "$1"/*.json* | tail -n 1 | cut -f1; }
report="$data/report.txt"

echo "claimtrack benchmark: $(uname -m), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "median of 3 interleaved runs; CLAIMTRACK_JOBS=${CLAIMTRACK_JOBS:-auto}"
printf '%9s %8s | %8s %8s %8s | %6s %6s | %8s %8s | %7s\n' claims "input MB" "parse s" "valid. s" "check s" "v/p" "c/p" "parse MB" "check MB" "RSS/in"
prev=""
prev_n=""
for n in $sizes; do
    dir="$data/spread-$n"
    gen "$n" "$dir"
    kb=$(input_kb "$dir")
    p1=$(once "$build/bare_parse" "$dir"); v1=$(once "$build/claimtrack" validate "$dir"); c1=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    p2=$(once "$build/bare_parse" "$dir"); v2=$(once "$build/claimtrack" validate "$dir"); c2=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    p3=$(once "$build/bare_parse" "$dir"); v3=$(once "$build/claimtrack" validate "$dir"); c3=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    set -- $(median3 "$p1" "$p2" "$p3"); pt=$1; pr=$2
    set -- $(median3 "$v1" "$v2" "$v3"); vt=$1
    set -- $(median3 "$c1" "$c2" "$c3"); ct=$1; cr=$2
    printf '%9s %8s | %8s %8s %8s | %6s %6s | %8s %8s | %7s\n' "$n" "$(mb "$kb")" "$pt" "$vt" "$ct" \
        "$(ratio "$vt" "$pt")" "$(ratio "$ct" "$pt")" "$(mb "$pr")" "$(mb "$cr")" "$(ratio "$cr" "$kb")"
    [ -n "$prev" ] && echo "          $(ratio "$n" "$prev_n")x the claims: check took $(ratio "$ct" "$prev")x the time (goal for 10x: <= 10)"
    prev=$ct
    prev_n=$n
done

# The peer: ajv 8 on Node.js validating every claim against the same claim
# schema and grouping them (tests/bench/ajv, pinned by its lock file), beside
# check and a bare jansson parse, on the largest JSONL corpus of this run.
# Also: one thread against two, and the JSON and SARIF reports beside text.
peer_dir=$(cd "$(dirname "$0")" && pwd)/ajv
root_dir=$(cd "$(dirname "$0")/../.." && pwd)
# (the 1M corpus when this run made one, else the largest)
case " $sizes " in *" 1000000 "*) prev_n=1000000 ;; esac
big="$data/spread-$prev_n"
if command -v node > /dev/null 2>&1 && command -v npm > /dev/null 2>&1; then
    [ -d "$peer_dir/node_modules/ajv" ] || npm ci --no-audit --no-fund --prefix "$peer_dir" > /dev/null 2>&1
fi
if [ -d "$peer_dir/node_modules/ajv" ] && command -v node > /dev/null 2>&1; then
    for i in 1 2 3; do
        eval "p$i=\$(once \"$build/bare_parse\" \"$big\")"
        eval "c$i=\$(once \"$build/claimtrack\" check --fail-on none -o \"$report\" \"$big\")"
        eval "a$i=\$(once node \"$peer_dir/peer.mjs\" \"$root_dir/schema/topic.schema.json\" \"$big\")"
    done
    set -- $(median3 "$p1" "$p2" "$p3"); pt=$1
    set -- $(median3 "$c1" "$c2" "$c3"); ct=$1; cr=$2
    set -- $(median3 "$a1" "$a2" "$a3"); at=$1; ar=$2
    echo "peer on $prev_n claims: bare parse ${pt}s; check ${ct}s ($(mb "$cr") MB, $(ratio "$ct" "$pt")x the parse, goal <= 1.0);" \
        "ajv ${at}s ($(mb "$ar") MB): ajv/check $(ratio "$at" "$ct")x (goal >= 1.5)"
else
    echo "peer: skipped (no node/npm, or npm ci --prefix tests/bench/ajv failed)"
fi
for i in 1 2 3; do
    eval "j1_$i=\$(once env CLAIMTRACK_JOBS=1 \"$build/claimtrack\" check --fail-on none -o \"$report\" \"$big\")"
    eval "j2_$i=\$(once env CLAIMTRACK_JOBS=2 \"$build/claimtrack\" check --fail-on none -o \"$report\" \"$big\")"
done
set -- $(median3 "$j1_1" "$j1_2" "$j1_3"); t1=$1
set -- $(median3 "$j2_1" "$j2_2" "$j2_3"); t2=$1
echo "threads on $prev_n claims: 1 thread ${t1}s, 2 threads ${t2}s: $(ratio "$t1" "$t2")x faster (goal >= 1.6)"
# (the default --fail-on: every conflict is unreviewed, so SARIF lists them all)
for f in text json sarif; do
    eval "f_$f=\$(once \"$build/claimtrack\" check --format $f -o \"$data/report.$f\" \"$big\")"
done
set -- $f_text; tt=$1
set -- $f_json; jt=$1
set -- $f_sarif; st=$1
echo "reports on $prev_n claims: text ${tt}s, json ${jt}s ($(ratio "$jt" "$tt")x), sarif ${st}s ($(ratio "$st" "$tt")x) (goal <= 1.5x)"

echo "shapes of $shape_n claims, each beside the same claims as JSONL (goal <= 1.5x):"
base="$data/spread-$shape_n"
gen "$shape_n" "$base"
for shape in one-file subjects vocab; do
    dir="$data/$shape-$shape_n"
    gen "$shape_n" "$dir" "--$shape"
    b1=$(once "$build/claimtrack" check --fail-on none -o "$report" "$base"); s1=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    b2=$(once "$build/claimtrack" check --fail-on none -o "$report" "$base"); s2=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    b3=$(once "$build/claimtrack" check --fail-on none -o "$report" "$base"); s3=$(once "$build/claimtrack" check --fail-on none -o "$report" "$dir")
    set -- $(median3 "$b1" "$b2" "$b3"); bt=$1
    set -- $(median3 "$s1" "$s2" "$s3"); st=$1; sr=$2
    printf '  %-9s check %8ss (JSONL %ss): %sx, peak RSS %s MB for %s MB of input\n' "$shape" "$st" "$bt" \
        "$(ratio "$st" "$bt")" "$(mb "$sr")" "$(mb "$(input_kb "$dir")")"
done

# review of one conflict beside check of the same corpus (goal <= 1.2x)
rdir="$data/review-$shape_n"
if [ "$(cat "$rdir/.done" 2>/dev/null)" != "$gen_version" ]; then rm -rf "$rdir" && cp -r "$base" "$rdir"; fi
id=$("$build/claimtrack" check --fail-on none --format json "$rdir" 2>/dev/null | grep -o '"id": "CT-[0-9a-f]*"' | head -n 1 | cut -d'"' -f4)
if [ -n "$id" ]; then
    r1=""; r2=""; r3=""; k1=""; k2=""; k3=""
    for i in 1 2 3; do
        rm -f "$rdir/reviews.json"
        eval "k$i=\$(once \"$build/claimtrack\" check --fail-on none -o \"$report\" \"$rdir\")"
        eval "r$i=\$(once \"$build/claimtrack\" review \"$id\" --status confirmed --note bench --by bench \"$rdir\")"
    done
    set -- $(median3 "$k1" "$k2" "$k3"); kt=$1
    set -- $(median3 "$r1" "$r2" "$r3"); rt=$1
    echo "review of one conflict: ${rt}s beside check ${kt}s: $(ratio "$rt" "$kt")x (goal <= 1.2)"
    rm -f "$rdir/reviews.json"
fi

one="$data/one-group-100000"
gen 100000 "$one" --one-group
spread="$data/spread-100000"
gen 100000 "$spread"
set -- $(once "$build/claimtrack" check --fail-on none -o "$report" "$one"); ot=$1
set -- $(once "$build/claimtrack" check --fail-on none -o "$report" "$spread"); st=$1
echo "one group of 100000 claims: check ${ot}s; 100000 claims spread over groups: ${st}s (ratio $(ratio "$ot" "$st"), goal <= 1)"
