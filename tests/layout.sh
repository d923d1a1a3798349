#!/bin/sh
# layout.sh - the folders of src/ are the concepts, with no cycles between
# them (make lint).
#
#   sh tests/layout.sh BUILD
#
# A folder depends on another when one of its objects uses a symbol another's
# object defines (nm), or when one of its files includes "OTHER/..." .  The
# dependencies must form no cycle (tsort).  docs/architecture.md's tree must
# name every folder of src/ and no other.
# Writes only inside a temporary folder, removed on exit.
set -u
. "$(dirname "$0")/lib.sh"
t_begin layout
build=$1

for src in src/*/*.c; do
    dir=${src#src/}
    dir=${dir%%/*}
    obj="$build/obj/${src#src/}"
    obj=${obj%.c}.o
    [ -f "$obj" ] || { bad "layout: $obj is missing (build first)"; t_end; } >&2 # (stdout is $tmp/symbols)
    nm -g --defined-only "$obj" | awk -v d="$dir" 'NF == 3 { print "D", d, $3 }'
    nm -u "$obj" | awk -v d="$dir" '{ print "U", d, $2 }'
done > "$tmp/symbols"
awk '$1 == "D" { def[$3] = $2 }
     $1 == "U" { use[NR] = $2 " " $3 }
     END { for (i in use) { split(use[i], u, " ");
               if ((u[2] in def) && def[u[2]] != u[1]) print u[1], def[u[2]], u[2] } }' \
    "$tmp/symbols" > "$tmp/uses"
grep -HoE '^#include "[a-z_]+/' src/*/*.[ch] |
    sed -E 's#^src/([a-z_]+)/[^:]*:\#include "([a-z_]+)/#\1 \2 include#' |
    awk '$1 != $2 && $2 != "claimtrack"' > "$tmp/includes"
# LAYOUT_EXTRA_EDGE="A B" adds a dependency of A on B: the self-test of this
# check (make lint runs it once with "util cli", which must fail)
{ cat "$tmp/uses" "$tmp/includes"; [ -n "${LAYOUT_EXTRA_EDGE:-}" ] && echo "$LAYOUT_EXTRA_EDGE extra"; } |
    awk '{ print $1, $2 }' | sort -u > "$tmp/edges"

if ! tsort "$tmp/edges" > "$tmp/order" 2> "$tmp/loop"; then
    bad "layout: the folders of src/ depend on each other in a cycle:"
    sed 's/^/    /' "$tmp/loop"
    # name the symbols or includes behind each edge of a two-folder cycle
    while read -r a b; do
        if grep -q "^$b $a\$" "$tmp/edges"; then
            cat "$tmp/uses" "$tmp/includes" | awk -v a="$a" -v b="$b" '$1 == a && $2 == b' |
                head -3 | sed 's/^/    uses: /'
        fi
    done < "$tmp/edges"
else
    ok "layout: $(ls -d src/*/ | wc -l | tr -d ' ') folders of src/ depend on each other without a cycle ($(wc -l < "$tmp/edges" | tr -d ' ') dependencies)"
fi

# docs/architecture.md's tree names the folders as they are
ls -d src/*/ | sed 's#src/##; s#/$##' | sort > "$tmp/folders"
sed -n '/^<!-- tree:begin -->/,/^<!-- tree:end -->/p' docs/architecture.md |
    sed -nE 's#^  ([a-z_]+)/ .*#\1#p' | sort > "$tmp/readme"
if ! cmp -s "$tmp/folders" "$tmp/readme"; then
    bad "layout: docs/architecture.md's tree (between <!-- tree:begin --> and <!-- tree:end -->) does not match src/:"
    diff "$tmp/folders" "$tmp/readme" | sed 's/^/    /'
else
    ok "layout: docs/architecture.md's tree names the $(wc -l < "$tmp/folders" | tr -d ' ') folders of src/"
fi
[ "${LAYOUT_PRINT:-0}" = 1 ] && tsort "$tmp/edges" 2> /dev/null | tac | sed 's/^/    /' && sed 's/^/    /' "$tmp/edges"
t_end
