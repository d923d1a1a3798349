#!/bin/sh
# Output that cannot be written: a full standard output (/dev/full), -o and
# --report paths under a missing folder or a regular file, an unwritable
# reviews file, `init` over existing files.  Each must exit 2 with a message
# naming the problem, and must leave no partial or temporary file behind.
# Usage: io-errors.sh CLAIMTRACK
set -u
bin=$1
fx=tests/fixtures
. "$(dirname "$0")/lib.sh"
t_begin io-errors
T_QUIET=1 # passes are counted, not printed

# expect STATUS PATTERN COMMAND... : the exit status and a line of stderr
# matching PATTERN (when not empty)
expect() {
    want=$1 pattern=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" -ne "$want" ] || { [ -n "$pattern" ] && ! grep -q "$pattern" "$tmp/err"; }; then
        bad "claimtrack ${*#"$bin"}: exit $got (want $want), stderr:"
        sed 's/^/    /' "$tmp/err" | head -5
        echo "    (wanted a line matching: $pattern)"
    else
        ok "claimtrack ${*#"$bin"}: exit $want"
    fi
}

# full_stdout COMMAND... : standard output is /dev/full
full_stdout() {
    "$@" >/dev/full 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" -ne 2 ] || ! grep -q "error writing to standard output\|cannot write the .* report" "$tmp/err"; then
        bad "claimtrack ${*#"$bin"} >/dev/full: exit $got (want 2 and a write error), stderr:"
        sed 's/^/    /' "$tmp/err" | head -5
    else
        ok "claimtrack ${*#"$bin"} >/dev/full: exit 2, a write error"
    fi
}

# --- a full standard output, for every command that prints ----------------
if [ -c /dev/full ]; then
    full_stdout "$bin" check "$fx/basic"
    full_stdout "$bin" check --format json "$fx/basic"
    full_stdout "$bin" check --format xml "$fx/basic"
    full_stdout "$bin" check --format html "$fx/basic"
    full_stdout "$bin" export "$fx/basic"
    full_stdout "$bin" export --format xml "$fx/basic"
    full_stdout "$bin" topics "$fx/basic"
    full_stdout "$bin" sources "$fx/basic"
    full_stdout "$bin" show ct-99fa98e50640fc67 "$fx/basic"
    full_stdout "$bin" help
    full_stdout "$bin" help check
    full_stdout "$bin" check --help
    full_stdout "$bin" --help
    full_stdout "$bin" --version
else
    skip "/dev/full is absent (full standard output)"
fi

# --- files that cannot be created -------------------------------------------
: >"$tmp/file"
expect 2 "missing/x.json: cannot write: No such file or directory" \
    "$bin" check -o "$tmp/missing/x.json" --format json "$fx/basic"
expect 2 "file/x: cannot write: Not a directory" \
    "$bin" check --report "json:$tmp/file/x" "$fx/basic"
expect 2 "file/x: cannot write: Not a directory" "$bin" export -o "$tmp/file/x" "$fx/basic"
expect 2 "file/sub: cannot create: Not a directory" "$bin" init "$tmp/file/sub"
expect 2 "file/r.json: cannot lock for writing" \
    "$bin" review --reviews "$tmp/file/r.json" ct-99fa98e50640fc67 --status confirmed --note n "$fx/basic"
[ -e "$tmp/missing" ] && bad "a failed -o created $tmp/missing"

# --- a report over an existing file is replaced only by a complete one ------
echo "previous report" >"$tmp/report.json"
expect 2 "broken.json:" "$bin" check -o "$tmp/report.json" --format json "$fx/syntax"
grep -qx "previous report" "$tmp/report.json" && ok "a failed check keeps the previous report" ||
    bad "a failed check replaced the previous report"
expect 1 "" "$bin" check -o "$tmp/report.json" --format json "$fx/basic"
"$bin" check --format json "$fx/basic" 2>/dev/null | cmp -s - "$tmp/report.json" && ok "-o FILE is standard output's report" ||
    bad "-o FILE differs from standard output"
left=$(find "$tmp" -name '*.tmp*')
[ -z "$left" ] && ok "no temporary file left" || bad "temporary files left: $left"

# --- init never overwrites ---------------------------------------------------
mkdir "$tmp/starter"
echo '{"sources": {}}' >"$tmp/starter/sources.json"
expect 2 "sources.json already exists; not overwriting it" "$bin" init "$tmp/starter"
grep -q '{"sources": {}}' "$tmp/starter/sources.json" && ok "init keeps an existing sources.json" ||
    bad "init changed an existing sources.json"
expect 2 "expected at most one folder" "$bin" init "$tmp/a" "$tmp/b"

t_end
