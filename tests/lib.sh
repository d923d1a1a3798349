# tests/lib.sh - the preamble every shell test driver sources (POSIX sh):
#
#   . "$(dirname "$0")/lib.sh"
#   t_begin NAME       $tmp: a new temporary folder, removed on exit (KEEP=1
#                      keeps it and prints its path); the counters at zero
#   ok WHAT            prints "ok   WHAT" and counts a pass (T_QUIET=1: counts only)
#   bad WHAT           prints "FAIL WHAT" and counts a failure
#   skip WHY           prints "SKIP WHY" and counts a skip: a check this machine
#                      cannot run, whatever is installed (not root, no /dev/full)
#   skip_missing WHY   the same for want of something CI installs (scripts/install-deps.sh
#                      --ci, .ci/run: chromium, the node modules, python3, xmllint,
#                      curl, jq, valgrind ..., or the ../shared data): under CI
#                      (CI set, and not 0 or false; .ci/run sets CI=1) a failure
#   t_end              prints "NAME: P passed, F failed, S skipped" and exits 1
#                      when a check failed, else 0
#   t_atexit           does nothing; a driver redefines it to stop what it started
#                      (it runs on exit, before the temporary folder goes)
#
# The counters are t_pass, t_fail and t_skip.  Nothing here writes outside $tmp.

t_name="test"
t_pass=0
t_fail=0
t_skip=0
tmp=

ok() {
    t_pass=$((t_pass + 1))
    [ "${T_QUIET:-0}" = 1 ] || echo "ok   $*"
}

bad() {
    t_fail=$((t_fail + 1))
    echo "FAIL $*"
}

skip() {
    t_skip=$((t_skip + 1))
    echo "SKIP $*"
}

# t_in_ci: true when running under CI (CI set, and not empty, 0 or false)
t_in_ci() {
    case ${CI:-} in
    "" | 0 | false) return 1 ;;
    *) return 0 ;;
    esac
}

skip_missing() {
    if t_in_ci; then
        bad "$* (CI=${CI}: CI installs this, so the check may not be skipped)"
    else
        skip "$*"
    fi
}

t_atexit() {
    :
}

t_cleanup() {
    t_atexit
    [ -n "$tmp" ] || return 0
    if [ -n "${KEEP:-}" ]; then
        echo "kept $tmp"
    else
        rm -rf "$tmp"
    fi
}

t_begin() {
    t_name=$1
    tmp=$(mktemp -d) || {
        echo "FAIL $t_name: cannot make a temporary folder"
        exit 2
    }
    trap t_cleanup EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

t_end() {
    echo "$t_name: $t_pass passed, $t_fail failed, $t_skip skipped"
    [ "$t_fail" -eq 0 ] && exit 0
    exit 1
}
