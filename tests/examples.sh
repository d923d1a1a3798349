#!/bin/sh
# The CI recipes in examples/ci/, exercised: every claimtrack command line of
# the GitHub and GitLab files, and the pre-commit hook, run against a fixture
# corpus: once where conflicts are unreviewed (the gate must fail) and once
# where they are reviewed (it must pass).
# Usage: examples.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/claimtrack"
export PATH="$tmp/bin:$PATH" LC_ALL=C NO_COLOR=1
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
commands() { sed -n 's/^ *\(- \|run: \)*\(claimtrack .*\)$/\2/p' "$1"; }
for recipe in github-actions.yml gitlab-ci.yml; do
    for state in unreviewed reviewed; do
        w="$tmp/$recipe-$state"
        mkdir -p "$w/claims"
        cp "$root"/tests/fixtures/basic/*.json "$w/claims/"
        if [ $state = reviewed ]; then
            (cd "$w" && claimtrack review CT-99fa98e50640fc67 --status confirmed --note n --by ci >/dev/null &&
                claimtrack review CT-9d1c51d424c87585 --status dismissed --note n --by ci >/dev/null)
        fi
        failed=0
        commands "$root/examples/ci/$recipe" >"$tmp/cmds"
        [ -s "$tmp/cmds" ] || bad "$recipe: no claimtrack command found"
        while read -r cmd; do
            (cd "$w" && eval "$cmd") >/dev/null 2>&1 || failed=1
        done <"$tmp/cmds"
        if [ $state = unreviewed ]; then
            [ $failed -eq 1 ] && ok "$recipe fails the job on unreviewed conflicts" || bad "$recipe passed with unreviewed conflicts"
        else
            [ $failed -eq 0 ] && ok "$recipe passes once the conflicts are reviewed" || bad "$recipe failed with reviewed conflicts"
        fi
        for f in claimtrack.sarif claimtrack.md claimtrack-junit.xml; do
            grep -q "$f" "$root/examples/ci/$recipe" || continue
            [ -s "$w/$f" ] && ok "$recipe wrote $f ($state)" || bad "$recipe did not write $f ($state)"
        done
    done
done
# GitHub: the SARIF upload action in its supported major version, and the
# permissions it needs (security-events to upload, actions to read the run)
gh="$root/examples/ci/github-actions.yml"
grep -q 'uses: github/codeql-action/upload-sarif@v4$' "$gh" && ok "github-actions.yml uploads SARIF with upload-sarif@v4" ||
    bad "github-actions.yml does not use github/codeql-action/upload-sarif@v4"
grep -q 'upload-sarif@v[0-3]' "$gh" && bad "github-actions.yml still uses a deprecated upload-sarif"
perms=$(sed -n '/^permissions:/,/^[^ ]/s/^  \([a-z-]*\): *\([a-z]*\)$/\1=\2/p' "$gh" | sort | tr '\n' ' ')
[ "$perms" = "actions=read contents=read security-events=write " ] && ok "github-actions.yml permissions: $perms" ||
    bad "github-actions.yml permissions are '$perms', want actions=read contents=read security-events=write"
w="$tmp/hook"
mkdir -p "$w/claims"
cp "$root"/tests/fixtures/basic/*.json "$w/claims/"
(cd "$w" && sh "$root/examples/ci/pre-commit") >/dev/null 2>&1 && bad "pre-commit hook let unreviewed conflicts through" || ok "pre-commit hook refuses unreviewed conflicts"
(cd "$w" && claimtrack review CT-99fa98e50640fc67 --status confirmed --note n --by ci && claimtrack review CT-9d1c51d424c87585 --status confirmed --note n --by ci) >/dev/null
(cd "$w" && sh "$root/examples/ci/pre-commit") >/dev/null 2>&1 && ok "pre-commit hook accepts reviewed conflicts" || bad "pre-commit hook refused reviewed conflicts"
echo "examples: $fails failed"
[ $fails -eq 0 ]
