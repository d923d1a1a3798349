#!/bin/sh
# install.sh - the installed library is usable: `make install` into a
# temporary prefix, then a ten-line program built with nothing but
# `pkg-config --cflags --libs claimtrack` loads a corpus and finds its
# conflicts.  Writes only inside a temporary folder, removed on exit.
#
#   sh tests/install.sh [CC [FLAGS]]   (the compiler and flags the library was
#                                       built with: a sanitizer build needs them)
set -eu
. "$(dirname "$0")/lib.sh"
t_begin install
cc=${1:-cc}
flags=${2:-}
d=$tmp
make --no-print-directory -s install PREFIX="$d" > /dev/null
cat > "$d/app.c" << 'C'
#include <claimtrack.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    ct_corpus *corpus;
    ct_conflict_set *set;
    ct_diag_list diags = CT_DIAG_LIST_INIT;
    const char *paths[] = {argc > 1 ? argv[1] : "claims"};
    if (ct_corpus_new(&corpus) < 0 || ct_corpus_load(corpus, paths, 1, NULL, &diags) < 0 ||
        ct_conflict_find(&set, corpus) < 0)
        return 2;
    printf("%zu conflicts\n", set->n_conflicts);
    ct_conflict_set_free(set);
    ct_corpus_free(corpus);
    ct_diag_list_dispose(&diags);
    return 0;
}
C
export PKG_CONFIG_PATH="$d/lib/pkgconfig"
# shellcheck disable=SC2046,SC2086
$cc -std=c11 $flags -o "$d/app" "$d/app.c" $(pkg-config --cflags --libs claimtrack)
out=$("$d/app" claims)
want=$(./build/claimtrack check claims 2>/dev/null | sed -n 's/.* \([0-9][0-9]*\) conflicts (.*/\1 conflicts/p')
if [ "$out" = "$want" ]; then
    ok "make install: library, headers and claimtrack.pc; a program built with pkg-config --cflags --libs claimtrack finds the $out"
else
    bad "install: the program built with pkg-config printed '$out', want '$want'"
fi
t_end
