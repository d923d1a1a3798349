#!/bin/sh
# Inputs that are not regular files (issue 14).  In folders: a FIFO named
# z.json, a link to a device, a link to a FIFO, dangling links and link loops
# are skipped with one warning each, and never opened.  Named on the command
# line: standard input, a pipe and a FIFO are read up to --max-input-size.
# Everything is made in a mktemp -d folder at test time; nothing reads a real
# device (the device link points at /dev/null, which the old walk read as an
# empty file).  Every run has a time limit: a hang is a failure.
# Usage: inputs.sh CLAIMTRACK
set -u
bin=$1
fx=tests/fixtures
. "$(dirname "$0")/lib.sh"
t_begin inputs
T_QUIET=1 # passes are counted, not printed
writer=
t_atexit() {
    [ -n "$writer" ] && kill "$writer" 2>/dev/null
}

# the writer of a FIFO blocks until a reader opens it: a binary that never
# does must not hang the suite
stop_writer() {
    kill "$writer" 2>/dev/null
    wait "$writer" 2>/dev/null
    writer=
}

fail() {
    bad "$*"
    sed 's/^/    /' "$tmp/err" | head -12
}

# run STATUS COMMAND... : exit status as wanted (stdout, stderr in $tmp/out, err)
run() {
    want=$1
    shift
    timeout 20 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    [ "$got" -eq "$want" ]
}

# once PATTERN : exactly one line of stderr matches
once() {
    n=$(grep -c -- "$1" "$tmp/err")
    if [ "$n" -eq 1 ]; then ok "one line matching '$1'"; else fail "want one line matching '$1', got $n"; fi
}

# ---- the folder walk ----------------------------------------------------------
w=$tmp/walk
mkdir -p "$w/sub"
cp "$fx/basic/sources.json" "$fx/basic/crash.json" "$w/"
mkfifo "$w/z.json" "$tmp/fifo"
ln -s /dev/null "$w/null.json"
ln -s "$tmp/fifo" "$w/fifo-link.json"
ln -s missing.json "$w/dangling.json"
ln -s l2.json "$w/l1.json"
ln -s l1.json "$w/l2.json"
ln -s .. "$w/sub/up"
if run 0 "$bin" validate "$w"; then ok "validate (walk): exit 0"; else fail "validate (walk): exit $got, want 0"; fi
once "z.json: warning: a FIFO, not a regular file: skipped"
once "null.json: warning: a character device, not a regular file: skipped"
once "fifo-link.json: warning: a FIFO, not a regular file: skipped"
once "dangling.json: warning: dangling symbolic link"
once "l1.json: warning: symbolic link loop"
once "l2.json: warning: symbolic link loop"
once "sub/up: warning: symbolic link loop"
once "^valid: 7 claims, 1 topic, 2 sources"
n=$(wc -l <"$tmp/err")
if [ "$n" -eq 8 ]; then ok "walk: 8 lines of stderr (7 warnings, 1 summary)"; else fail "walk: want 8 lines of stderr (7 warnings, 1 summary), got $n"; fi
# the same corpus through check: same warnings, the report on stdout
if run 1 "$bin" check "$w" && grep -q "2 conflicts" "$tmp/out"; then ok "check (walk): exit 1 and a report"; else fail "check (walk): exit $got, want 1 and a report"; fi
once "sub/up: warning: symbolic link loop"

# a folder holding only non-regular files has no claim files
mkdir "$tmp/only-fifo"
mkfifo "$tmp/only-fifo/z.json"
if run 2 "$bin" check "$tmp/only-fifo"; then ok "check (only a FIFO): exit 2"; else fail "check (only a FIFO): exit $got, want 2"; fi
once "no claim files in $tmp/only-fifo"

# ---- named on the command line ---------------------------------------------------
# a FIFO is read like a file
mkfifo "$tmp/in.json"
cat "$fx/basic/crash.json" >"$tmp/in.json" &
writer=$!
if run 0 "$bin" validate "$fx/basic/sources.json" "$tmp/in.json"; then ok "validate FIFO: exit 0"; else fail "validate FIFO: exit $got, want 0"; fi
once "^valid: 7 claims"
stop_writer

# a JSONL FIFO too
mkfifo "$tmp/in.jsonl"
cat "$fx/jsonl/claims.jsonl" >"$tmp/in.jsonl" &
writer=$!
if run 0 "$bin" validate "$fx/jsonl/sources.json" "$fx/jsonl/raid.json" "$tmp/in.jsonl"; then
    ok "validate JSONL FIFO: exit 0"
else
    fail "validate JSONL FIFO: exit $got, want 0"
fi
stop_writer

# past --max-input-size: a clear error, exit 2 (the writer gets SIGPIPE)
big() { cat "$fx/basic/crash.json"; awk 'BEGIN { for (i = 0; i < 5000; i++) printf "        \n" }'; }
mkfifo "$tmp/big.json"
big >"$tmp/big.json" 2>/dev/null &
writer=$!
if run 2 "$bin" validate --max-input-size 4K "$fx/basic/sources.json" "$tmp/big.json"; then
    ok "validate big FIFO: exit 2"
else
    fail "validate big FIFO: exit $got, want 2"
fi
once "big.json: input larger than 4096 bytes, the size limit"
stop_writer

# standard input: over the limit, then under it
big >"$tmp/big.txt"
timeout 20 "$bin" check --max-input-size 10K "$fx/basic/sources.json" - <"$tmp/big.txt" >"$tmp/out" 2>"$tmp/err"
got=$?
[ "$got" -eq 0 ] || [ "$got" -eq 1 ] && ok "check - (regular file as stdin, no limit): exit 0 or 1" || fail "check - (regular file as stdin, no limit): exit $got"
big | timeout 20 "$bin" check --max-input-size 10K "$fx/basic/sources.json" - >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" -eq 2 ]; then ok "check - (pipe): exit 2"; else fail "check - (pipe): exit $got, want 2"; fi
once "^-: input larger than 10240 bytes"
big | timeout 20 "$bin" validate --max-input-size 1M "$fx/basic/sources.json" - >"$tmp/out" 2>"$tmp/err"
got=$?
if [ "$got" -eq 0 ]; then ok "validate - (pipe under 1M): exit 0"; else fail "validate - (pipe under 1M): exit $got, want 0"; fi

# --max-input-size values
for v in 65536 10k 10K 10M 4G 4GiB 1T 100B; do
    if run 0 "$bin" validate --max-input-size "$v" "$fx/basic"; then ok "--max-input-size $v: exit 0"; else fail "--max-input-size $v: exit $got, want 0"; fi
done
for v in 0 -5 abc 10X 1.5G 99999999999999999999 20000000T; do
    if run 2 "$bin" check --max-input-size "$v" "$fx/basic"; then ok "--max-input-size $v: exit 2"; else fail "--max-input-size $v: exit $got, want 2"; fi
    once "max-input-size expects a size"
done

# Review text that is not UTF-8 is a located error (issue 24), not "out of memory"
u="$tmp/utf8"
mkdir -p "$u"
cp "$fx"/basic/*.json "$u/"
bad_note=$(printf 'ok \377 bad')
if run 2 "$bin" review CT-99fa98e50640fc67 --status confirmed --note "$bad_note" --by ed "$u"; then
    ok "--note not UTF-8: exit 2"; else fail "--note not UTF-8: exit $got, want 2"; fi
once "--note: invalid UTF-8 at byte 4"
bad_by=$(printf 'ed\303')
if run 2 "$bin" review CT-99fa98e50640fc67 --status confirmed --note fine --by "$bad_by" "$u"; then
    ok "--by not UTF-8: exit 2"; else fail "--by not UTF-8: exit $got, want 2"; fi
once "--by: invalid UTF-8 at byte 3"
[ ! -e "$u/reviews.json" ] && ok "a refused review writes no reviews.json" || fail "a refused review wrote reviews.json"
# the Markdown report escapes the reviewer like every other field
run 0 "$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by '<img src=x onerror=alert(1)>' "$u" ||
    fail "review with a hostile --by: exit $got"
run 1 "$bin" check --format markdown "$u"
if grep -q '<img' "$tmp/out"; then fail "Markdown report carries the reviewer's raw HTML"; else ok "Markdown report escapes the reviewer's HTML"; fi
grep -q '&lt;img' "$tmp/out" && ok "Markdown report keeps the reviewer's name" || fail "Markdown report lost the reviewer's name"

t_end
