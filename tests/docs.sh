#!/bin/sh
# docs.sh - the documents keep their promises (make test):
#   1. README's five-minute tour (between <!-- tour:begin --> and <!-- tour:end -->)
#      runs as written, with the built claimtrack on the PATH, in a temporary
#      folder, and ends with a clean check and an HTML report;
#   2. every relative link of README.md and docs/*.md names a file that exists;
#   3. README stays a front page (at most 150 lines), the rest lives in docs/.
#
#   sh tests/docs.sh ./build/claimtrack
set -u
. "$(dirname "$0")/lib.sh"
t_begin docs
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)

# 1. the tour
mkdir -p "$tmp/bin" "$tmp/tour"
ln -s "$bin" "$tmp/bin/claimtrack"
sed -n '/^<!-- tour:begin -->/,/^<!-- tour:end -->/p' "$root/README.md" | sed -n '/^```sh$/,/^```$/p' |
    sed '1d;$d' >"$tmp/tour.sh"
if [ ! -s "$tmp/tour.sh" ]; then
    bad "README has no tour between <!-- tour:begin --> and <!-- tour:end -->"
elif (cd "$tmp/tour" && PATH="$tmp/bin:$PATH" sh -e "$tmp/tour.sh") >"$tmp/tour.out" 2>&1; then
    ok "README's tour runs as written ($(grep -c '^claimtrack' "$tmp/tour.sh") commands)"
    grep -q 'a new, unreviewed conflict blocks the gate' "$tmp/tour.out" &&
        ok "the tour's added claim makes a conflict that blocks the gate" ||
        bad "the tour's added claim did not block the gate"
    grep -q '^CT-bed1f6228bb158b0: confirmed' "$tmp/tour.out" &&
        ok "the tour reviews the conflict by a prefix of its id" || bad "the tour's review did not record"
    [ -s "$tmp/tour/report.html" ] && ok "the tour ends with an HTML report" || bad "the tour wrote no report.html"
else
    bad "README's tour fails:"
    sed 's/^/    /' "$tmp/tour.out" | tail -20
fi

# 2. relative links
n=0
for f in "$root/README.md" "$root"/docs/*.md; do
    dir=$(dirname "$f")
    for link in $(grep -o '](\([^)#:]*\)\(#[^)]*\)\?)' "$f" | sed 's/^](//; s/)$//; s/#.*//' | sort -u); do
        [ -n "$link" ] || continue
        n=$((n + 1))
        [ -e "$dir/$link" ] || bad "${f#"$root"/}: link to $link, which does not exist"
    done
done
ok "$n relative links of README.md and docs/*.md name files that exist"

# 3. a front page
lines=$(wc -l <"$root/README.md")
[ "$lines" -le 150 ] && ok "README is a front page ($lines lines; the details are in docs/)" ||
    bad "README has $lines lines (at most 150: move details to docs/)"
t_end
