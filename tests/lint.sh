#!/bin/sh
# lint.sh - static checks of the tree (make lint, run by make test).
#
#   sh tests/lint.sh LIBRARY CC CFLAGS...
#
# 1. every exported (global, defined) symbol of LIBRARY starts with ct_;
# 1b. and is either declared in include/ (the API) or named ct_<module>__name
#    (an internal shared between files, docs/CONVENTIONS.md);
# 2. each header in include/claimtrack/ compiles alone under -std=c11 -pedantic -Werror
#    (CFLAGS supply the include paths of the dependencies, from pkg-config);
# 3. atoi, sprintf, strcpy, strcat and gets appear nowhere in src/ or include/;
# 3b. no binary floating point in the semantics: value/, conflict, clash, rules and
#    severity compute with exact decimals (claimtrack/decimal.h); charts may use double
# 4. clang-format --dry-run --Werror is clean against .clang-format (LINT_FORMAT=0 skips it)
#    (opt-in until the tree has been reformatted once).
#
# Prints one "ok" or "FAIL" line per check and exits 1 when any check fails.
# Writes only inside a temporary folder, removed on exit.
set -u

lib=$1
cc=$2
shift 2
status=0

fail() {
    echo "FAIL lint: $*"
    status=1
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# 1. exported symbols
if [ ! -f "$lib" ]; then
    fail "$lib is missing (build it first)"
else
    nm -g --defined-only "$lib" > "$tmp/nm" || fail "nm $lib"
    awk 'NF == 3 { print $3 }' "$tmp/nm" | grep -v '^ct_' | sort -u > "$tmp/bad"
    if [ -s "$tmp/bad" ]; then
        fail "exported symbols without the ct_ prefix (rename them or make them static):"
        sed 's/^/    /' "$tmp/bad"
    else
        echo "ok   lint: every exported symbol of $lib starts with ct_ ($(awk 'NF == 3' "$tmp/nm" | wc -l | tr -d ' ') symbols)"
    fi
fi

# 1b. exported symbols are the API or internal by name: what the preprocessed
# umbrella header declares (comments gone), else ct_<module>__name
if [ -s "$tmp/nm" ]; then
    if ! "$cc" -E -P -Iinclude "$@" include/claimtrack.h > "$tmp/api.i" 2> "$tmp/cc.log"; then
        fail "include/claimtrack.h does not preprocess:"
        sed 's/^/    /' "$tmp/cc.log"
    else
        grep -oE '(^|[^A-Za-z0-9_])ct_[A-Za-z0-9_]+' "$tmp/api.i" | sed 's/^[^c]//' |
            LC_ALL=C sort -u > "$tmp/declared"
        awk 'NF == 3 { print $3 }' "$tmp/nm" | grep '^ct_' | LC_ALL=C sort -u |
            LC_ALL=C comm -23 - "$tmp/declared" |
            grep -vE '^ct_[a-z0-9_]*[a-z0-9]__[a-z0-9_]+$' > "$tmp/undeclared"
        if [ -s "$tmp/undeclared" ]; then
            fail "exported symbols neither declared in include/ nor internal by name (ct_<module>__name, or static):"
            sed 's/^/    /' "$tmp/undeclared"
        else
            echo "ok   lint: every exported symbol of $lib is declared in include/ or named ct_<module>__*"
        fi
    fi
fi

# 2. public headers compile alone
n=0
bad=0
for h in include/claimtrack/*.h; do
    n=$((n + 1))
    printf '#include "claimtrack/%s"\n' "$(basename "$h")" > "$tmp/header.c"
    if ! "$cc" -std=c11 -pedantic -Wall -Wextra -Wstrict-prototypes -Werror -Iinclude "$@" \
        -fsyntax-only "$tmp/header.c" > "$tmp/cc.log" 2>&1; then
        fail "$h does not compile alone under -std=c11 -pedantic -Werror:"
        bad=1
        sed 's/^/    /' "$tmp/cc.log"
    fi
done
[ $bad -eq 0 ] && echo "ok   lint: each of the $n headers in include/claimtrack/ compiles alone"

# 3. banned functions: a name followed by "(" (English "gets" in a comment passes)
banned='atoi|sprintf|strcpy|strcat|gets'
if grep -rnE "(^|[^A-Za-z0-9_])($banned)[[:space:]]*\\(" src include > "$tmp/banned"; then
    fail "banned functions ($banned) in src/ or include/:"
    sed 's/^/    /' "$tmp/banned"
else
    echo "ok   lint: no atoi, sprintf, strcpy, strcat or gets in src/ and include/"
fi

# 3b. exact numbers: no binary floating point where conflicts are decided
# (value/jnum.c is exempt: it reads jansson's binary reals only to recover the
# literal the number was written as, which is all the semantics ever see)
semantic=$(find src/value src/conflict -name '*.[ch]' ! -name 'jnum.[ch]')
floating='double|float|strtod|strtof|strtold|atof|json_real|json_real_value|json_number_value|fabs|floor|ceil|round|lround|isnan|isinf|isfinite|INFINITY|NAN|HUGE_VAL|math\.h'
# shellcheck disable=SC2086
if grep -nwE "$floating" $semantic > "$tmp/floating"; then
    fail "binary floating point in the semantics (use claimtrack/decimal.h):"
    sed 's/^/    /' "$tmp/floating"
else
    echo "ok   lint: no binary floating point in value/, conflict, clash, rules, severity ($(echo $semantic | wc -w) files)"
fi

# 3c. structures are allocated zeroed: a field never set reads as 0 or NULL,
# never as garbage (ASan's fresh memory is zero, which hides the difference)
if grep -rnE "(^|[^A-Za-z0-9_])(ct_)?malloc\(sizeof" src include > "$tmp/struct"; then
    fail "a structure allocated with malloc (use ct_calloc(1, sizeof *p)):"
    sed 's/^/    /' "$tmp/struct"
else
    echo "ok   lint: every structure is allocated zeroed (no malloc(sizeof ...))"
fi

# 4. formatting
if [ "${LINT_FORMAT:-1}" = 1 ]; then
    if ! command -v clang-format > /dev/null 2>&1; then
        fail "LINT_FORMAT=1 but clang-format is not installed"
    else
        files=$(find src include tests tools -name '*.[ch]' -not -path '*/node_modules/*' | sort)
        # shellcheck disable=SC2086
        if clang-format --dry-run --Werror --style=file $files > "$tmp/fmt" 2>&1; then
            echo "ok   lint: clang-format --dry-run is clean against .clang-format"
        else
            fail "clang-format --dry-run --Werror: $(grep -c 'error:' "$tmp/fmt") lines to reformat in $(grep 'error:' "$tmp/fmt" | cut -d: -f1 | sort -u | wc -l | tr -d ' ') files (clang-format -i FILE fixes them)"
            grep 'error:' "$tmp/fmt" | cut -d: -f1-2 | head -20 | sed 's/^/    /'
        fi
    fi
else
    echo "skip lint: clang-format (LINT_FORMAT=0)"
fi

exit $status
