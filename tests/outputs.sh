#!/bin/sh
# Output files never destroy what a user has (issue 14, "Outputs"):
#   1. a FIFO and (as root) character devices made in the temporary folder
#      survive -o: written directly, never renamed over;
#   2. /dev/stdout is written in place: `>> log` keeps what log held;
#   3. a symbolic link: its target gets the output, the link stays a link
#      (-o, and reviews.json behind a link via `claimtrack review`, whose lock
#      is taken beside the target);
#   4. an output that is an input of the run (claim file, sources file,
#      reviews file, through a link too) is refused with exit 2, naming both
#      paths, and nothing changes;
#   5. an output inside an input folder, with a suffix the loader reads, is
#      warned about (the exit status is unaffected);
#   6. SIGTERM, SIGINT and SIGHUP while the reports are written leave no
#      temporary file and the earlier reports untouched (deterministic: the
#      second --report is a FIFO nobody reads, so the run blocks opening it
#      once the first report's temporary file exists);
#   7. several reports end all-or-nothing;
#   8. nothing in the tests, examples or Makefile writes through -o /dev/null.
# Everything is written inside a mktemp -d folder.
# Usage: outputs.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin outputs
pids=""
t_atexit() {
    for p in $pids; do kill "$p" 2>/dev/null; done
}
export LC_ALL=C NO_COLOR=1
fresh() { # a claims folder with two conflicts
    rm -rf "$tmp/c" && mkdir -p "$tmp/c" && cp "$root"/tests/fixtures/basic/*.json "$tmp/c/"
}
sums() { (cd "$1" && find . -type f | sort | xargs cksum); }
# wait_for COMMAND...: poll until COMMAND succeeds (at most ~30 s); 0 when it did
wait_for() {
    i=0
    while ! "$@"; do
        i=$((i + 1))
        [ $i -gt 3000 ] && return 1
        sleep 0.01
    done
    return 0
}
has_tmp() { ls "$1" | grep -q '\.tmp'; }

fresh
"$bin" check --format json "$tmp/c" >"$tmp/expected.json"

# ---- 1. FIFO and character devices survive -o -------------------------------
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
pids="$pids $reader"
"$bin" check --format json -o "$tmp/fifo" "$tmp/c" 2>"$tmp/err"
st=$?
if [ $st -eq 1 ]; then wait $reader; else kill $reader 2>/dev/null; wait $reader 2>/dev/null; fi
[ $st -eq 1 ] && ok "-o FIFO: exit 1 (findings)" || { bad "-o FIFO: exit $st, want 1"; cat "$tmp/err"; }
[ -p "$tmp/fifo" ] && ok "-o FIFO: still a FIFO" || bad "-o FIFO: the FIFO was replaced"
cmp -s "$tmp/fifo.out" "$tmp/expected.json" && ok "-o FIFO: the reader got the report" || bad "-o FIFO: the reader got something else"
if [ "$(id -u)" = 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null && mknod "$tmp/full" c 1 7 2>/dev/null; then
    "$bin" check -o "$tmp/null" "$tmp/c" >/dev/null 2>&1
    st=$?
    [ $st -eq 1 ] && ok "-o null device: exit 1" || bad "-o null device: exit $st, want 1"
    [ -c "$tmp/null" ] && ok "-o null device: still a character device" || bad "-o null device: replaced by a $(stat -c %F "$tmp/null")"
    "$bin" check -o "$tmp/full" "$tmp/c" >/dev/null 2>"$tmp/err"
    st=$?
    [ $st -eq 2 ] && grep -q "$tmp/full" "$tmp/err" && ok "-o full device: exit 2, names the file" ||
        { bad "-o full device: exit $st, want 2 and a write error"; cat "$tmp/err"; }
    [ -c "$tmp/full" ] && ok "-o full device: still a character device" || bad "-o full device: replaced"
    has_tmp "$tmp" && bad "a device output left a temporary file" || ok "device outputs leave no temporary file"
else
    skip "character devices (not root, or mknod not permitted)"
fi

# ---- 2. /dev/stdout is written where it points, not truncated or replaced ------
echo "kept line" >"$tmp/log"
"$bin" check --format json -o /dev/stdout "$tmp/c" >>"$tmp/log" 2>"$tmp/err"
{ echo "kept line"; cat "$tmp/expected.json"; } >"$tmp/log.want"
cmp -s "$tmp/log" "$tmp/log.want" && ok "-o /dev/stdout >> log appends the report after what log held" ||
    { bad "-o /dev/stdout >> log: log lost its content or the report"; head -3 "$tmp/log"; cat "$tmp/err"; }
"$bin" check --format json -o /dev/stdout "$tmp/c" 2>/dev/null | cat >"$tmp/piped.json"
cmp -s "$tmp/piped.json" "$tmp/expected.json" && ok "-o /dev/stdout into a pipe" || bad "-o /dev/stdout into a pipe"

# ---- 3. symbolic links --------------------------------------------------------
mkdir -p "$tmp/out"
echo old >"$tmp/out/real.json"
ln -s real.json "$tmp/out/link.json"
"$bin" check --format json -o "$tmp/out/link.json" "$tmp/c" 2>/dev/null
[ -L "$tmp/out/link.json" ] && ok "-o LINK: the link stays a link" || bad "-o LINK: the link was replaced"
cmp -s "$tmp/out/real.json" "$tmp/expected.json" && ok "-o LINK: the target holds the report" || bad "-o LINK: the target kept its old content"
has_tmp "$tmp/out" && bad "-o LINK left a temporary file" || ok "-o LINK: no temporary file"

fresh
mkdir -p "$tmp/store"
printf '{\n  "reviews": {}\n}\n' >"$tmp/store/reviews.json"
ln -s ../store/reviews.json "$tmp/c/reviews.json"
"$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t "$tmp/c" >/dev/null 2>"$tmp/err" ||
    { bad "review through a linked reviews.json failed"; cat "$tmp/err"; }
[ -L "$tmp/c/reviews.json" ] && ok "review: reviews.json behind a link stays a link" || bad "review: the reviews.json link was replaced"
grep -q CT-99fa98e50640fc67 "$tmp/store/reviews.json" && ok "review: the link's target holds the new review" || bad "review: the target kept the old reviews"
[ -e "$tmp/store/reviews.json.lock" ] && [ ! -e "$tmp/c/reviews.json.lock" ] &&
    ok "review: the lock is taken beside the target, not the link" || bad "review: lock file beside the link, not the target"
"$bin" review CT-9d1c51d424c87585 --status dismissed --note n --by t --reviews "$tmp/store/reviews.json" "$tmp/c" >/dev/null 2>&1
grep -q CT-99fa98e50640fc67 "$tmp/store/reviews.json" && grep -q CT-9d1c51d424c87585 "$tmp/store/reviews.json" &&
    ok "review: writers through the link and the real name share one file" || bad "review: a review was lost"
"$bin" check "$tmp/c" >/dev/null 2>&1 && ok "check reads the reviews through the link" || bad "check did not see the linked reviews"
printf '{\n  "reviews": {}\n}\n' >"$tmp/store/reviews.json"

# ---- 4. an output that is an input is refused, nothing changes ------------------
refused() { # description, command...
    what=$1
    shift
    before=$(sums "$tmp/c")
    "$@" >"$tmp/out.txt" 2>"$tmp/err"
    st=$?
    after=$(sums "$tmp/c")
    if [ $st -eq 2 ] && grep -q "refusing to write" "$tmp/err" && [ "$before" = "$after" ]; then
        ok "$what: refused (exit 2), inputs unchanged"
    else
        bad "$what: exit $st (want 2), inputs $([ "$before" = "$after" ] && echo unchanged || echo CHANGED)"
        cat "$tmp/err"
    fi
}
fresh
refused "check -o CLAIM-FILE" "$bin" check --format json -o "$tmp/c/crash.json" "$tmp/c"
grep -q "$tmp/c/crash.json.*$tmp/c/crash.json" "$tmp/err" && ok "the message names the output and the input" || bad "the message does not name both paths"
fresh
refused "check --report json:SOURCES" "$bin" check --report "json:$tmp/c/sources.json" "$tmp/c"
fresh
refused "check -o SOURCES with reports before it" "$bin" check --report "json:$tmp/out/r1.json" -o "$tmp/c/sources.json" "$tmp/c"
[ -e "$tmp/out/r1.json" ] && bad "a refused run wrote its other report" || ok "a refused run writes none of its reports"
fresh
refused "export -o CLAIM-FILE" "$bin" export -o "$tmp/c/crash.json" "$tmp/c"
fresh
refused "export --format xml -o CLAIM-FILE given as a file" "$bin" export --format xml -o "$tmp/c/crash.json" "$tmp/c/sources.json" "$tmp/c/crash.json"
fresh
ln -s ../c/crash.json "$tmp/out/alias.json"
refused "check -o LINK-TO-CLAIM-FILE" "$bin" check -o "$tmp/out/alias.json" "$tmp/c"
fresh
ln "$tmp/c/crash.json" "$tmp/hardlink.json"
refused "check -o HARD-LINK-TO-CLAIM-FILE" "$bin" check -o "$tmp/hardlink.json" "$tmp/c"
rm -f "$tmp/hardlink.json"
fresh
printf '{\n  "reviews": {}\n}\n' >"$tmp/c/reviews.json"
refused "check -o REVIEWS" "$bin" check -o "$tmp/c/reviews.json" "$tmp/c"
rm -f "$tmp/c/reviews.json"

# one path given for two reports: refused before anything is written
rm -rf "$tmp/dup" && mkdir -p "$tmp/dup"
"$bin" check -o "$tmp/dup/r.json" --report "json:$tmp/dup/r.json" "$tmp/c" >/dev/null 2>"$tmp/err"; st=$?
if [ $st -eq 2 ] && grep -q "twice" "$tmp/err" && [ -z "$(ls "$tmp/dup")" ]; then
    ok "the same output path for two reports: refused (exit 2), nothing written"
else bad "the same output path twice: exit $st"; cat "$tmp/err"; fi
ln -s r.json "$tmp/dup/link.json" && : >"$tmp/dup/r.json"
"$bin" check --report "json:$tmp/dup/r.json" --report "sarif:$tmp/dup/link.json" "$tmp/c" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 2 ] && grep -q "twice" "$tmp/err" && [ ! -s "$tmp/dup/r.json" ] &&
    ok "two reports to one file through a link: refused" || bad "two reports through a link: exit $st"

# ---- 5. the warning for an output the next run would load ------------------------
fresh
"$bin" check -o "$tmp/c/report.json" "$tmp/c" >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 1 ] && grep -q "warning: $tmp/c/report.json is inside the input folder" "$tmp/err" &&
    ok "output inside the input folder: warned, exit status unaffected" || { bad "no warning (exit $st)"; cat "$tmp/err"; }
rm -f "$tmp/c/report.json" # the next run would indeed fail on it
mkdir -p "$tmp/c/sub" && echo notes >"$tmp/c/sub/notes.txt" # (an empty folder trips UBSan in corpus.c collect(): qsort(NULL, 0))
"$bin" check --report "xml:$tmp/c/sub/r.xml" "$tmp/c" >/dev/null 2>"$tmp/err"
grep -q "warning: $tmp/c/sub/r.xml" "$tmp/err" && ok "--report in a subfolder of the input folder: warned" || bad "no warning for a subfolder"
rm -rf "$tmp/c/sub"
"$bin" check -o "$tmp/c/report.txt" "$tmp/c" >/dev/null 2>"$tmp/err"
grep -q warning "$tmp/err" && bad "warned about a .txt output the loader does not read" || ok "no warning for a suffix the loader skips"
"$bin" check -o "$tmp/out/report.json" "$tmp/c" >/dev/null 2>"$tmp/err"
grep -q warning "$tmp/err" && bad "warned about an output outside the input" || ok "no warning for an output outside the input"
rm -f "$tmp/c/report.txt"

# ---- 6. signals leave no temporary file and earlier reports untouched ----------
# A shell starts background jobs with SIGINT ignored (and the program keeps an
# ignored signal ignored, as nohup wants); env --default-signal undoes that.
if env --default-signal=INT true 2>/dev/null; then launch="env --default-signal=INT,HUP"; else launch=""; fi
for sig in TERM INT HUP; do
    if [ "$sig" != TERM ] && [ -z "$launch" ]; then skip "SIG$sig (env --default-signal missing)"; continue; fi
    r="$tmp/sig-$sig"
    mkdir -p "$r"
    echo old >"$r/a.json"
    mkfifo "$r/blocked"
    $launch "$bin" check --report "json:$r/a.json" --report "json:$r/blocked" -o "$r/main.txt" "$tmp/c" 2>/dev/null &
    pid=$!
    pids="$pids $pid"
    if wait_for has_tmp "$r"; then
        kill -$sig $pid
        wait $pid
        st=$?
        [ $st -gt 128 ] && ok "SIG$sig: the run died of the signal (status $st)" || bad "SIG$sig: exit status $st"
        has_tmp "$r" && { bad "SIG$sig left a temporary file:"; ls "$r"; } || ok "SIG$sig: no temporary file left"
        [ "$(cat "$r/a.json")" = old ] && ok "SIG$sig: the earlier report target is untouched" || bad "SIG$sig: a.json was replaced before all reports were written"
        [ -p "$r/blocked" ] && [ ! -e "$r/main.txt" ] && ok "SIG$sig: the FIFO stays, the main output was not written" || bad "SIG$sig: outputs changed"
    else
        kill -KILL $pid 2>/dev/null
        wait $pid 2>/dev/null
        bad "SIG$sig: no temporary file appeared while the run waited on the FIFO (reports renamed one by one?)"
    fi
done

# ---- 7. several reports: all or nothing ------------------------------------------
r="$tmp/multi"
mkdir -p "$r"
echo old >"$r/a.json"
echo old >"$r/b.sarif"
"$bin" check --report "json:$r/a.json" --report "sarif:$r/b.sarif" --report "html:$r/missing/c.html" "$tmp/c" >/dev/null 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && ok "an unwritable third report: exit 2" || bad "an unwritable third report: exit $st"
[ "$(cat "$r/a.json")" = old ] && [ "$(cat "$r/b.sarif")" = old ] && ok "an unwritable third report: the first two keep their old content" ||
    bad "an unwritable third report: the first two were replaced"
"$bin" check --report "json:$r/a.json" --report "sarif:$r/b.sarif" -o "$r/missing/main.txt" "$tmp/c" >/dev/null 2>&1
[ "$(cat "$r/a.json")" = old ] && [ "$(cat "$r/b.sarif")" = old ] && ok "an unwritable -o: no report replaced" || bad "an unwritable -o: reports replaced"
has_tmp "$r" && bad "failed runs left temporary files" || ok "failed runs leave no temporary file"
"$bin" check --report "json:$r/a.json" --report "sarif:$r/b.sarif" -o "$r/main.txt" "$tmp/c" >/dev/null 2>&1
st=$?
[ $st -eq 1 ] && cmp -s "$r/a.json" "$tmp/expected.json" && grep -q '"version"' "$r/b.sarif" && [ -s "$r/main.txt" ] &&
    ok "all writable: every report in place" || bad "all writable: exit $st, reports missing"

# ---- 8. nothing writes through -o /dev/null ------------------------------------------
if grep -rnE -- '(-o|--output|--report [a-z]+:) */dev/' "$root/tests" "$root/examples" "$root/Makefile" | grep -v 'tests/outputs.sh'; then
    bad "the lines above write an output through a device file"
else
    ok "no test, example or Makefile recipe writes -o /dev/..."
fi

# 9. every input of a run is protected, not only claim files and reviews
#    (issue 24): the baseline, archived articles, the reviews file of export;
#    and two outputs naming one place are refused even before it exists.
p="$tmp/protect"
mkdir -p "$p/claims" "$p/archive"
cp "$root"/tests/fixtures/basic/*.json "$p/claims/"
"$bin" check --fail-on none --format json -o "$p/B.json" "$p/claims" >/dev/null 2>&1
cp "$p/B.json" "$p/B.want"
"$bin" check --fail-on none --baseline "$p/B.json" -o "$p/B.json" "$p/claims" >/dev/null 2>"$p/err"
[ $? -eq 2 ] && cmp -s "$p/B.json" "$p/B.want" && grep -q "B.json" "$p/err" &&
    ok "check --baseline B.json -o B.json is refused (exit 2), the baseline untouched" ||
    bad "the baseline was not protected from -o"
echo "an archived article" > "$p/archive/text.txt"
"$bin" check --fail-on none --archive "$p/archive" -o "$p/archive/text.txt" "$p/claims" >/dev/null 2>&1
[ $? -eq 2 ] && [ "$(cat "$p/archive/text.txt")" = "an archived article" ] &&
    ok "check --archive A -o A/text.txt is refused, the article untouched" ||
    bad "an archived article was not protected from -o"
"$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t "$p/claims" >/dev/null 2>&1
cp "$p/claims/reviews.json" "$p/reviews.want"
"$bin" export -o "$p/claims/reviews.json" "$p/claims" >/dev/null 2>&1
[ $? -eq 2 ] && cmp -s "$p/claims/reviews.json" "$p/reviews.want" &&
    ok "export -o claims/reviews.json is refused, every review kept" ||
    bad "export overwrote the reviews file"
(cd "$p" && "$bin" check --fail-on none --report json:X --report html:./X claims >/dev/null 2>"$p/err")
[ $? -eq 2 ] && [ ! -e "$p/X" ] && grep -q "twice" "$p/err" &&
    ok "--report json:X --report html:./X for a new X is refused: one place, two reports" ||
    bad "two reports to one new place were not refused"

# a second hard link to an output: the written name gets a new file, the other name keeps
# the old content (README, "Hard links")
fresh
hl="$tmp/hardlink"
rm -rf "$hl" && mkdir -p "$hl"
echo "old report" >"$hl/report.txt"
ln "$hl/report.txt" "$hl/other-name.txt"
"$bin" check --fail-on none -o "$hl/report.txt" "$tmp/c" >/dev/null 2>&1
if [ "$(cat "$hl/other-name.txt")" = "old report" ] && grep -q CT- "$hl/report.txt" &&
    [ "$(stat -c %h "$hl/report.txt")" = 1 ]; then
    ok "an output with a second hard link: replaced under its name, the other link keeps the old content"
else
    bad "hard-linked output: other-name.txt=$(head -c 40 "$hl/other-name.txt"), links=$(stat -c %h "$hl/report.txt")"
fi
cp "$tmp"/c/*.json "$hl/"
id=$("$bin" check --format json --fail-on none "$hl" | grep '^      "id": "CT-' | head -1 | sed 's/.*"\(CT-[0-9a-f]*\)".*/\1/')
"$bin" review "$id" --status confirmed --note first --by t --date 2026-01-02 "$hl" >/dev/null 2>&1
ln "$hl/reviews.json" "$tmp/reviews-link.json"
"$bin" review "$id" --status dismissed --note second --by t --date 2026-01-02 "$hl" >/dev/null 2>&1
if grep -q '"note": "first"' "$tmp/reviews-link.json" && grep -q '"note": "second"' "$hl/reviews.json"; then
    ok "a reviews file with a second hard link: the link keeps the reviews before the write"
else
    bad "hard-linked reviews file not as README says"
fi

t_end
