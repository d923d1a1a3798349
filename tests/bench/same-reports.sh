#!/bin/sh
# Compare what two claimtrack binaries print on the same corpora: every
# report format of `check` (SARIF with reviewed conflicts too), `validate`,
# `export` and `claims`.  JUnit's elapsed time is masked; everything else
# must be byte-identical.  Used to show a change to the loader changes no
# output (make same-reports BASE=<git revision> builds the other binary).
# Usage: same-reports.sh OLD_BINARY NEW_BINARY CORPUS...
set -u
old=$1
new=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
same=0
differ=0
run() { # label, then the arguments after the binary
    label=$1
    shift
    "$old" "$@" >"$out/old" 2>"$out/old.err"
    echo "exit $?" >>"$out/old"
    "$new" "$@" >"$out/new" 2>"$out/new.err"
    echo "exit $?" >>"$out/new"
    for f in old new; do
        sed -e 's/ time="[0-9.]*"/ time="T"/g' "$out/$f" >"$out/$f.m"
        cat "$out/$f.err" >>"$out/$f.m"
    done
    if cmp -s "$out/old.m" "$out/new.m"; then
        same=$((same + 1))
    else
        differ=$((differ + 1))
        echo "DIFFERENT: $label"
        diff "$out/old.m" "$out/new.m" | head -n 6
    fi
}
for corpus in "$@"; do
    for fmt in text json xml markdown junit csv html sarif; do
        run "$corpus check --format $fmt" check --fail-on none --format "$fmt" "$corpus"
    done
    run "$corpus check --format sarif --sarif-include-reviewed" check --fail-on none --format sarif --sarif-include-reviewed "$corpus"
    run "$corpus validate" validate "$corpus"
    run "$corpus export" export "$corpus"
    run "$corpus claims --format json" claims --format json "$corpus"
done
echo "same-reports: $same identical, $differ different"
[ "$differ" -eq 0 ]
