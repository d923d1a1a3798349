#!/bin/sh
# What a new user meets first, checked end to end (issue 18): TERM=dumb turns
# colour off, a bad CLAIMTRACK_JOBS is an error, review says whom it waits for
# on a held lock, init writes only a "$schema" that exists, help describes each
# command, bash completion (behaviour and shellcheck), and the README and man
# page: every sources.json field, the full XML syntax (the README's example
# validates), --reviews and --date, value forms rendered as written.
# Usage: usability.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin usability
export LC_ALL=C
unset NO_COLOR CLAIMTRACK_JOBS
esc=$(printf '\033')

# ---- TERM=dumb: no colour on a terminal -------------------------------------
# script(1) runs the command on a pseudo-terminal (its log goes to a temporary file)
if command -v script >/dev/null 2>&1; then
    on_tty() { # TERM, then the command
        t=$1; shift
        TERM=$t script -qec "$*" "$tmp/typescript" >"$tmp/tty.out" 2>&1 </dev/null
    }
    on_tty xterm "$bin check $root/tests/fixtures/basic"
    grep -q "$esc\[" "$tmp/tty.out" && ok "colour on a terminal (TERM=xterm)" || bad "no colour on a terminal with TERM=xterm"
    on_tty dumb "$bin check $root/tests/fixtures/basic"
    grep -q "CT-99fa98e50640fc67" "$tmp/tty.out" || bad "TERM=dumb: no report on the terminal"
    grep -q "$esc" "$tmp/tty.out" && bad "TERM=dumb: escape sequences on the terminal" || ok "TERM=dumb turns colour off"
    on_tty dumb "$bin check --color always $root/tests/fixtures/basic"
    grep -q "$esc\[" "$tmp/tty.out" && ok "TERM=dumb: --color always still colours" || bad "TERM=dumb overrode --color always"
else
    skip "TERM=dumb (script(1) from util-linux is absent)"
fi

# ---- CLAIMTRACK_JOBS is checked like --jobs ----------------------------------
for v in abc 0 65 4x; do
    CLAIMTRACK_JOBS=$v "$bin" validate "$root/tests/fixtures/basic" >"$tmp/out" 2>"$tmp/err"; s=$?
    if [ $s -eq 2 ] && grep -q "^claimtrack: CLAIMTRACK_JOBS expects a number from 1 to 64, got '$v'$" "$tmp/err"; then
        ok "CLAIMTRACK_JOBS=$v is a usage error (exit 2)"
    else
        bad "CLAIMTRACK_JOBS=$v: exit $s, stderr: $(head -1 "$tmp/err")"
    fi
done
CLAIMTRACK_JOBS=3 "$bin" validate "$root/tests/fixtures/basic" >/dev/null 2>&1 && ok "CLAIMTRACK_JOBS=3 is accepted" || bad "CLAIMTRACK_JOBS=3 refused"
CLAIMTRACK_JOBS= "$bin" validate "$root/tests/fixtures/basic" >/dev/null 2>&1 && ok "an empty CLAIMTRACK_JOBS means unset" || bad "empty CLAIMTRACK_JOBS refused"
CLAIMTRACK_JOBS=abc "$bin" validate --jobs 2 "$root/tests/fixtures/basic" >/dev/null 2>&1 && ok "--jobs overrides CLAIMTRACK_JOBS" || bad "--jobs 2 with CLAIMTRACK_JOBS=abc failed"

# ---- review on a held lock: says once whom it waits for ------------------------
if command -v flock >/dev/null 2>&1; then
    w="$tmp/lock"
    mkdir -p "$w"
    cp "$root"/tests/fixtures/basic/*.json "$w"/
    lock="$w/reviews.json.lock"
    : >"$lock"
    # the holder records its pid in the lock file, as claimtrack does
    flock "$lock" sh -c 'echo $$ >"$1"; : >"$2"; while [ ! -f "$3" ]; do sleep 0.05; done' sh \
        "$lock" "$tmp/held" "$tmp/release" &
    holder=$!
    while [ ! -f "$tmp/held" ]; do sleep 0.05; done
    hpid=$(cat "$lock")
    "$bin" review CT-99fa98e50640fc67 --status confirmed --note n --by t --date 2026-01-02 "$w" \
        >"$tmp/lock.out" 2>"$tmp/lock.err" &
    rpid=$!
    n=0
    while ! grep -q "waiting for the lock" "$tmp/lock.err" 2>/dev/null && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
    want="claimtrack: waiting for the lock on $w/reviews.json held by pid $hpid"
    [ "$(cat "$tmp/lock.err")" = "$want" ] && ok "review says it waits, and for whom (pid $hpid)" ||
        bad "review on a held lock: stderr '$(cat "$tmp/lock.err")', want '$want'"
    kill -0 $rpid 2>/dev/null && ok "review waits while the lock is held" || bad "review did not wait for the lock"
    grep -q "CT-99fa98e50640fc67" "$w/reviews.json" 2>/dev/null && bad "review wrote while the lock was held"
    : >"$tmp/release"
    wait $holder
    wait $rpid; s=$?
    [ $s -eq 0 ] && grep -q "CT-99fa98e50640fc67" "$w/reviews.json" && ok "review records once the lock is released" ||
        bad "review after the lock was released: exit $s"
    [ "$(grep -c waiting "$tmp/lock.err")" = 1 ] && ok "the waiting message is printed once" || bad "waiting message not printed exactly once"
    [ "$(cat "$lock")" = "$rpid" ] && ok "the lock file records the holder's pid" || bad "lock file holds '$(cat "$lock")', want $rpid"
    "$bin" review CT-9d1c51d424c87585 --status confirmed --note n --by t --date 2026-01-02 "$w" >/dev/null 2>"$tmp/err"
    [ -s "$tmp/err" ] && bad "an uncontended review printed: $(cat "$tmp/err")" || ok "an uncontended review says nothing"
else
    skip "review lock message (flock(1) from util-linux is absent)"
fi

# ---- init: a "$schema" that exists in the user's folder, or none ---------------
w="$tmp/init"
mkdir -p "$w"
(cd "$w" && "$bin" init claims >/dev/null) || bad "init failed"
n=0
for f in "$w"/claims/*.json; do
    s=$(sed -n 's/^ *"\$schema": "\([^"]*\)",$/\1/p' "$f")
    [ "${s#./.schema/}" != "$s" ] && cmp -s "$(dirname "$f")/$s" "$root/schema/${s#./.schema/}" && n=$((n + 1))
done
[ $n -eq 3 ] && ok "init outside a checkout writes a \$schema in each file, naming the built-in schema copied to .schema/" ||
    bad "init outside a checkout: $n of 3 files name a copy of the built-in schema"
(cd "$w" && "$bin" init claims >/dev/null 2>&1) && bad "init over existing files succeeded" ||
    ok "init refuses to overwrite a starter folder"
echo '{"stale": true}' > "$w/claims/.schema/topic.schema.json"
rm "$w"/claims/*.json
(cd "$w" && "$bin" init claims >/dev/null) && cmp -s "$w/claims/.schema/topic.schema.json" "$root/schema/topic.schema.json" &&
    ok "init again refreshes an outdated schema copy" || bad "init left an outdated schema copy"
mkdir -p "$w/repo/schema"
cp "$root"/schema/*.json "$w/repo/schema/"
(cd "$w/repo" && "$bin" init claims >/dev/null) || bad "init in a checkout failed"
n=0
for f in "$w"/repo/claims/*.json; do
    s=$(sed -n 's/^ *"\$schema": "\([^"]*\)",$/\1/p' "$f")
    [ -n "$s" ] && [ -f "$(dirname "$f")/$s" ] && n=$((n + 1))
done
[ $n -eq 3 ] && ok "init beside schema/ writes a \$schema that resolves in each file" || bad "init beside schema/: $n of 3 files name an existing schema"
"$bin" validate "$w/repo/claims" >/dev/null 2>&1 && "$bin" validate "$w/claims" >/dev/null 2>&1 &&
    ok "both starter folders validate" || bad "a starter folder does not validate"

# ---- help: each command with a one-line description ---------------------------
"$bin" help >"$tmp/help"
cmds=$(sed -n 's/^  \([a-z]*\) .*/\1/p' "$tmp/help")
[ -n "$cmds" ] || bad "help lists no commands"
for c in $cmds; do
    grep -q "^  $c  *[a-z].\{10,\}" "$tmp/help" || bad "help: no description for $c"
    "$bin" help "$c" >"$tmp/h1"
    [ "$(grep -cv '^usage:\|^  *\[\|^$' "$tmp/h1")" -ge 1 ] && ok "help $c describes the command" || bad "help $c is a usage line only"
done

# ---- bash completion -------------------------------------------------------
comp_script="$root/completions/claimtrack.bash"
if command -v bash >/dev/null 2>&1; then
    mkdir -p "$tmp/bin"
    ln -sf "$bin" "$tmp/bin/claimtrack"
    comp() { # folder, then the words of the line; the last is completed (or word $CWORD). Replies one a line.
        (cd "$1" && shift && PATH="$tmp/bin:$PATH" bash -c 'source "$0" || exit 9
            COMP_WORDS=("$@"); COMP_CWORD=${CWORD:-$((${#COMP_WORDS[@]} - 1))}
            _claimtrack claimtrack
            printf "%s\n" "${COMPREPLY[@]}"' "$comp_script" claimtrack "$@") | sort
    }
    expect_comp() { # description, expected replies (one a line), folder, words...
        what=$1 want=$2; shift 2
        got=$(comp "$@")
        [ "$got" = "$want" ] && ok "completion: $what" || bad "completion: $what: got '$(echo "$got" | tr '\n' ' ')', want '$(echo "$want" | tr '\n' ' ')'"
    }
    formats=$("$bin" --list-formats)
    # the formats check --help lists, from the report format table
    help_formats=$("$bin" check --help | sed -n 's/^ *-f, --format FORMAT *//p' | sed 's/ (default)//; s/,//g; s/ or / /' | tr ' ' '\n')
    [ -n "$formats" ] && [ "$formats" = "$help_formats" ] && ok "--list-formats prints the formats check --help lists" ||
        bad "--list-formats '$formats' differs from check --help '$help_formats'"
    expect_comp "check --format FORMAT" "$(echo "$formats" | sort)" "$tmp" check --format ""
    expect_comp "export --format" "csv
json
xml" "$tmp" export --format ""
    expect_comp "claims --format" "csv
json
text" "$tmp" claims --format ""
    expect_comp "claims: its filters" "--source
--subject" "$tmp" claims --s
    expect_comp "claims --topic takes an id, not a file" "" "$tmp" claims --topic ""
    expect_comp "the claims command" "claims" "$tmp" cla
    expect_comp "--report FORMAT: (every format)" "$(echo "$formats" | sed 's/$/:/' | sort)" "$tmp" check --report ""
    expect_comp "--report sa -> sarif:" "sarif:" "$tmp" check --report sa
    w="$tmp/comp"
    mkdir -p "$w/my claims" "$w/claims"
    cp "$root"/tests/fixtures/basic/*.json "$w/claims/"
    cp "$root"/tests/fixtures/basic/*.json "$w/my claims/"
    : >"$w/out file.sarif"
    # bash splits "sarif:ou" at the colon (COMP_WORDBREAKS); readline replaces the text after it
    expect_comp "--report sarif:FILE, split at ':'" "out file.sarif" "$w" check --report sarif : ou
    expect_comp "--report sarif:FILE, one word" "out file.sarif" "$w" check --report sarif:ou
    expect_comp "--report sarif:, the file name empty" "claims
my claims
out file.sarif" "$w" check --report sarif :
    expect_comp "a folder name with a space" "my claims" "$w" check my
    expect_comp "a folder name with an escaped space" "my claims" "$w" check 'my\ c'
    expect_comp "a quoted folder name" "my claims" "$w" check '"my c'
    ids="CT-99fa98e50640fc67
CT-9d1c51d424c87585"
    expect_comp "review: the conflict ids of claims/" "$ids" "$w" review ""
    expect_comp "show CT-99: one id" "CT-99fa98e50640fc67" "$w" show CT-99
    mkdir -p "$w/empty"
    CWORD=2
    export CWORD
    expect_comp "review ID with the paths given after it" "$ids" "$w/empty" review "" "../my claims"
    unset CWORD
    expect_comp "review: options after the id" "--note" "$w" review CT-99fa98e50640fc67 --no
    expect_comp "review --status" "confirmed
dismissed
resolved" "$w" review CT-99fa98e50640fc67 --status ""
    expect_comp "review ID PATH: files" "my claims" "$w" review CT-99fa98e50640fc67 my
else
    skip "bash completion (bash is absent)"
fi
if command -v shellcheck >/dev/null 2>&1; then
    shellcheck -s bash "$comp_script" && ok "shellcheck: completions/claimtrack.bash is clean" || bad "shellcheck: completions/claimtrack.bash"
else
    skip_missing "shellcheck is absent (sh scripts/install-deps.sh --ci installs it)"
fi

# ---- the README and the man page --------------------------------------------
# every field of a source: the names the schema allows, as the error lists them
w="$tmp/fields"
mkdir -p "$w"
printf '{"sources": {"s": {"title": "t", "date": "2025"}}}\n' >"$w/sources.json"
"$bin" validate "$w" >/dev/null 2>"$tmp/err"
fields=$(sed -n 's/.*property "date" is not allowed here; allowed: //p' "$tmp/err" | sed 's/,//g; s/ or / /')
[ -n "$fields" ] && ok "an unknown source field lists the allowed ones: $fields" || bad "no allowed fields in: $(cat "$tmp/err")"
man_text=$(groff -man -Tascii -P-cbou "$root/claimtrack.1" 2>/dev/null)
for f in $fields; do
    grep -q "^| \`$f\` |" "$root/docs/format.md" || bad "docs/format.md: source field $f is not listed"
    printf '%s\n' "$man_text" | grep -q "^       $f" || bad "man page: source field $f is not listed"
done
ok "docs/format.md and the man page list every source field"
# the man page: --reviews and --date documented, value forms rendered as written
flat=$(printf '%s\n' "$man_text" | tr -s ' \n' '  ')
for o in "claims [--topic t] [--subject s] [--source id]" "agreement" "check [" "--reviews file" "review id" "--date yyyy-mm-dd" "--reviews file reads" "--date the review's date"; do
    case $flat in *"$o"*) ok "man page documents $o" ;; *) bad "man page lacks $o" ;; esac
done
for form in '{"min": a}' '{"max": b}' '{"min": a, "max": b}' '{"about": n}' '{"from": d, "to": d}'; do
    case $flat in *"$form"*) ok "man page renders $form" ;; *) bad "man page does not render $form" ;; esac
done
# the README's XML example: the full syntax, and it validates
w="$tmp/xml"
mkdir -p "$w"
sed -n '/^## XML claim files/,/^## /p' "$root/docs/format.md" | sed -n '/^```xml$/,/^```$/p' | sed '1d;$d' >"$w/example.xml"
for tag in '<subject ' '<alias>' '<term ' 'broader=' 'hedge=' 'claimant=' 'stance=' 'as-of=' '<sources>' '<source '; do
    grep -q "$tag" "$w/example.xml" || bad "README XML example lacks $tag"
done
"$bin" validate "$w" >"$tmp/out" 2>&1 && ok "the README's XML example validates ($(cat "$tmp/out"))" ||
    bad "the README's XML example does not validate: $(head -3 "$tmp/out")"
"$bin" export --format json "$w" >"$tmp/xml.json" 2>/dev/null &&
    for k in '"claimant"' '"stance": "denies"' '"as_of"' '"hedge"' '"broader"'; do
        grep -q "$k" "$tmp/xml.json" || bad "README XML example: $k lost on export"
    done

t_end
