#!/bin/sh
# claims/README.md lists every conflict of the shipped corpus, and only those:
# each id `claimtrack check --format json claims` reports appears in the README's
# "The conflicts" section, and each id listed there is reported.
# usage: sh tests/corpus-readme.sh ./build/claimtrack [claims-dir]
set -u
CT=${1:?usage: corpus-readme.sh CLAIMTRACK [DIR]}
DIR=${2:-claims}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
"$CT" check --format json "$DIR" > "$tmp/report.json"
s=$?
# exit 0: all reviewed; 1: blocking conflicts. Anything else is a failure to check.
[ $s -le 1 ] || { echo "corpus-readme: claimtrack check failed ($s)"; exit 1; }
grep -o '"id": *"CT-[0-9a-f]*"' "$tmp/report.json" | grep -o 'CT-[0-9a-f]*' | sort -u > "$tmp/reported"
sed -n '/^## The conflicts/,$p' "$DIR/README.md" | grep -o '\*\*CT-[0-9a-f]*\*\*' | tr -d '*' | sort -u > "$tmp/listed"
[ -s "$tmp/reported" ] || { echo "corpus-readme: no conflicts reported"; exit 1; }
fail=0
for id in $(comm -23 "$tmp/reported" "$tmp/listed"); do
    echo "corpus-readme: $id is reported but not listed in $DIR/README.md"; fail=1
done
for id in $(comm -13 "$tmp/reported" "$tmp/listed"); do
    echo "corpus-readme: $id is listed in $DIR/README.md but not reported"; fail=1
done
[ $fail -eq 0 ] && echo "corpus-readme: $(wc -l < "$tmp/reported") conflicts, each listed in $DIR/README.md"
exit $fail
