#!/bin/sh
# End-to-end tests: run the built binary on fixture files and compare output.
#
# Each folder tests/cases/<name>/ holds:
#   args     the command line after "claimtrack" (shell words; paths are
#            relative to the case folder, where the command runs)
#   stdout   expected standard output      (optional: absent means empty)
#   stderr   expected standard error       (optional: absent means empty)
#   status   expected exit status          (optional: absent means 0)
#   stdin    fed to standard input         (optional)
#   setup    shell run first in a scratch copy of the case, with ROOT set to
#            the repository and CLAIMTRACK to the binary (optional)
# The command runs with LC_ALL=C and NO_COLOR=1.  A failing case keeps its
# actual output in build/e2e/<name>/.
#
# Usage: e2e.sh CLAIMTRACK [--update] [NAME...]
set -u
. "$(dirname "$0")/lib.sh"
t_begin e2e
T_QUIET=1 # a passing case is counted, not printed
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
root=$(cd "$(dirname "$0")" && pwd)
out_root=$(pwd)/build/e2e
mkdir -p "$out_root"
for dir in "$root"/cases/*/; do
    name=$(basename "$dir")
    if [ $# -gt 0 ]; then
        case " $* " in *" $name "*) ;; *) continue ;; esac
    fi
    work="$out_root/$name"
    rm -rf "$work"
    mkdir -p "$work"
    run_dir=$dir
    if [ -f "$dir/setup" ]; then
        run_dir="$work/tree"
        mkdir -p "$run_dir"
        cp -R "$dir"/. "$run_dir"/
        (cd "$run_dir" && ROOT="$root/.." CLAIMTRACK="$bin" sh ./setup) >"$work/setup.log" 2>&1 || {
            bad "$name: setup failed (see $work/setup.log)"
            continue
        }
    fi
    args=$(cat "$dir/args")
    stdin=/dev/null
    [ -f "$dir/stdin" ] && stdin="$dir/stdin"
    (
        cd "$run_dir" || exit 99
        eval "set -- $args"
        # VALGRIND (e.g. "valgrind -q --error-exitcode=99 --leak-check=full") wraps the binary
        LC_ALL=C NO_COLOR=1 CLAIMTRACK_TEST=1 ${VALGRIND:-} "$bin" "$@" <"$stdin" >"$work/stdout" 2>"$work/stderr"
        echo $? >"$work/status"
    )
    # a JUnit report's run time is real, so it differs from run to run
    if grep -q '^<testsuites ' "$work/stdout" 2>/dev/null; then
        sed 's/^\(<testsuites [^>]*\) time="[0-9]*\.[0-9]*"/\1 time="SECONDS"/' "$work/stdout" >"$work/stdout.n" &&
            mv "$work/stdout.n" "$work/stdout"
    fi
    if [ $update -eq 1 ]; then
        for f in stdout stderr; do
            if [ -s "$work/$f" ]; then cp "$work/$f" "$dir/$f"; else rm -f "$dir/$f"; fi
        done
        if [ "$(cat "$work/status")" = 0 ]; then rm -f "$dir/status"; else cp "$work/status" "$dir/status"; fi
        continue
    fi
    same=1
    for f in stdout stderr; do
        if [ -f "$dir/$f" ]; then
            cmp -s "$dir/$f" "$work/$f" || same=0
        else
            [ -s "$work/$f" ] && same=0
        fi
    done
    want=0
    [ -f "$dir/status" ] && want=$(cat "$dir/status")
    [ "$want" = "$(cat "$work/status")" ] || same=0
    if [ $same -eq 1 ]; then
        ok "$name"
    else
        bad "$name (exit $(cat "$work/status"), want $want)"
        for f in stdout stderr; do
            exp=/dev/null
            [ -f "$dir/$f" ] && exp="$dir/$f"
            diff -u "$exp" "$work/$f" | head -20
        done
    fi
done
[ $update -eq 1 ] && { echo "expectations rewritten: review 'git diff tests/cases'"; exit 0; }
t_end
