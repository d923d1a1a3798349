#!/bin/sh
# limits.sh - the shape the build holds (make lint): no file in src/ over 800
# lines, no function over 100 lines (as pmccabe counts them), except what
# tests/lint/limits-allow.txt tolerates with a reason.  An allowlist entry
# that no longer needs tolerating is an error too, so the list only shrinks.
#
#   sh tests/limits.sh [ALLOWLIST]
set -u
allow=${1:-tests/lint/limits-allow.txt}
max_file=800
max_function=100
. "$(dirname "$0")/lib.sh"
t_begin limits
fail() { bad "lint: $*"; }
if ! command -v pmccabe > /dev/null 2>&1; then
    fail "pmccabe is not installed (sh scripts/install-deps.sh installs it)"
    t_end
fi
grep -v '^#' "$allow" | awk 'NF >= 2 {print $1, $2, ($1 == "function" ? $3 : "-")}' | sort > "$tmp/allowed"
# over-long files
find src -name '*.[ch]' | sort | xargs wc -l | awk -v max=$max_file '$2 != "total" && $1 > max {print "file", $2, "-", $1}' > "$tmp/files"
# over-long functions: pmccabe prints "... LINES FILE(LINE): NAME"
find src -name '*.c' | sort | xargs pmccabe 2> /dev/null |
    awk -v max=$max_function '$5 > max {f = $6; sub(/\(.*$/, "", f); print "function", f, $7, $5}' > "$tmp/functions"
cat "$tmp/files" "$tmp/functions" | sort > "$tmp/over"
awk '{print $1, $2, $3}' "$tmp/over" | sort > "$tmp/over-keys"
n_new=0
while read -r kind file name size; do
    if ! grep -qxF "$kind $file $name" "$tmp/allowed"; then
        if [ "$kind" = file ]; then
            fail "$file has $size lines (at most $max_file): split it by meaning"
        else
            fail "$file: $name() has $size lines (at most $max_function): split it by meaning"
        fi
        n_new=$((n_new + 1))
    fi
done < "$tmp/over"
while read -r kind file name; do
    if ! grep -qxF "$kind $file $name" "$tmp/over-keys"; then
        fail "$allow tolerates $kind $file $name, which is within the limits now: remove the entry"
    fi
done < "$tmp/allowed"
if [ $t_fail -eq 0 ]; then
    ok "lint: files within $max_file lines, functions within $max_function ($(wc -l < "$tmp/allowed") tolerated in $allow)"
fi
t_end
