#!/bin/sh
# make bench: wall time and peak RSS of `validate` and `check` against a bare
# jansson parse of the same files, for 10k, 100k and 1M generated claims, plus
# one group of 100,000 claims against 100,000 claims spread over groups.
# Benchmarks print figures; they never fail on time.
# Usage: bench.sh BUILD_DIR [SIZES...]
set -u
build=$(cd "$1" && pwd)
shift
sizes=${*:-"10000 100000 1000000"}
data="$build/bench"
mkdir -p "$data"
gen() { # n dir [--one-group]
    [ -f "$2/claims.jsonl" ] || { mkdir -p "$2" && "$build/gen_corpus" "$1" 42 "$2" ${3:-}; }
}
run() { "$build/measure" "$@" 2>/dev/null | tail -n 1; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "claimtrack benchmark ($(nproc) CPUs; CLAIMTRACK_JOBS=${CLAIMTRACK_JOBS:-auto})"
printf '%9s %8s | %8s %8s %8s | %6s %6s | %8s %8s %8s | %7s\n' claims "input MB" "parse s" "valid. s" "check s" "v/p" "c/p" "parse MB" "valid MB" "check MB" "RSS/in"
prev=""
for n in $sizes; do
    dir="$data/spread-$n"
    gen "$n" "$dir"
    size_kb=$(du -k "$dir/claims.jsonl" | cut -f1)
    set -- $(run "$build/bare_parse" "$dir"); pt=$1; pr=$2
    set -- $(run "$build/claimtrack" validate "$dir"); vt=$1; vr=$2
    set -- $(run "$build/claimtrack" check --fail-on none -o "$data/report.txt" "$dir"); ct=$1; cr=$2
    printf '%9s %8s | %8s %8s %8s | %6s %6s | %8s %8s %8s | %7s\n' "$n" "$(mb "$size_kb")" "$pt" "$vt" "$ct" \
        "$(ratio "$vt" "$pt")" "$(ratio "$ct" "$pt")" "$(mb "$pr")" "$(mb "$vr")" "$(mb "$cr")" "$(ratio "$cr" "$size_kb")"
    [ -n "$prev" ] && echo "          10x the claims: check took $(ratio "$ct" "$prev")x the time (goal <= 11)"
    prev=$ct
done
one="$data/one-group-100000"
gen 100000 "$one" --one-group
spread="$data/spread-100000"
gen 100000 "$spread"
set -- $(run "$build/claimtrack" check --fail-on none -o "$data/report.txt" "$one"); ot=$1
set -- $(run "$build/claimtrack" check --fail-on none -o "$data/report.txt" "$spread"); st=$1
echo "one group of 100000 claims: check ${ot}s; 100000 claims spread over groups: ${st}s (ratio $(ratio "$ot" "$st"), goal <= 1)"
