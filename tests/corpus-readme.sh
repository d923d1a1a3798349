#!/bin/sh
# claims/README.md lists every conflict of the shipped corpus, and only those:
# each id `claimtrack check --format json claims` reports appears in the README's
# "The conflicts" section, and each id listed there is reported.
# usage: sh tests/corpus-readme.sh ./build/claimtrack [claims-dir]
set -u
CT=${1:?usage: corpus-readme.sh CLAIMTRACK [DIR]}
DIR=${2:-claims}
. "$(dirname "$0")/lib.sh"
t_begin corpus-readme
"$CT" check --format json "$DIR" > "$tmp/report.json"
s=$?
# exit 0: all reviewed; 1: blocking conflicts. Anything else is a failure to check.
[ $s -le 1 ] || { bad "corpus-readme: claimtrack check failed ($s)"; t_end; }
grep -o '"id": *"CT-[0-9a-f]*"' "$tmp/report.json" | grep -o 'CT-[0-9a-f]*' | sort -u > "$tmp/reported"
sed -n '/^## The conflicts/,$p' "$DIR/README.md" | grep -o '\*\*CT-[0-9a-f]*\*\*' | tr -d '*' | sort -u > "$tmp/listed"
[ -s "$tmp/reported" ] || { bad "corpus-readme: no conflicts reported"; t_end; }
for id in $(comm -23 "$tmp/reported" "$tmp/listed"); do
    bad "corpus-readme: $id is reported but not listed in $DIR/README.md"
done
for id in $(comm -13 "$tmp/reported" "$tmp/listed"); do
    bad "corpus-readme: $id is listed in $DIR/README.md but not reported"
done
[ $t_fail -eq 0 ] && ok "corpus-readme: $(wc -l < "$tmp/reported") conflicts, each listed in $DIR/README.md"
t_end
