#!/bin/sh
# The CI recipes in examples/ci/, exercised: every claimtrack command line of
# the GitHub and GitLab files, and the pre-commit hook, run against a fixture
# corpus: once where conflicts are unreviewed (the gate must fail) and once
# where they are reviewed (it must pass).
# Usage: examples.sh CLAIMTRACK
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/lib.sh"
t_begin examples
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/claimtrack"
export PATH="$tmp/bin:$PATH" LC_ALL=C NO_COLOR=1
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
# Every recipe builds claimtrack through scripts/install-deps.sh (one source of
# truth), and that script installs the package of every pkg-config module the
# Makefile's PKGS needs (a missing one makes pkg-config drop every flag).
for recipe in github-actions.yml gitlab-ci.yml; do
    grep -q 'tools/claimtrack/scripts/install-deps.sh' "$root/examples/ci/$recipe" &&
        ok "$recipe installs through scripts/install-deps.sh" ||
        bad "$recipe does not install through scripts/install-deps.sh"
    grep -q 'apt-get install' "$root/examples/ci/$recipe" &&
        bad "$recipe lists packages of its own (apt-get install) instead of install-deps.sh"
done
grep -q 'submodules: true' "$gh" && ok "github-actions.yml checks out the claimtrack submodule" ||
    bad "github-actions.yml does not check out submodules"
grep -q "head.repo.full_name == github.repository" "$gh" &&
    ok "github-actions.yml skips the SARIF upload on pull requests from forks" ||
    bad "github-actions.yml would fail uploading SARIF on a fork's pull request"
pkgs=$(sed -n 's/^PKGS *:= *//p' "$root/Makefile")
need=$(sed -n 's/^need="\(.*\)"$/\1/p' "$root/scripts/install-deps.sh" | head -n 1)
if command -v dpkg > /dev/null 2>&1; then
    for m in $pkgs; do
        pc=$(pkg-config --variable=pcfiledir "$m" 2>/dev/null)/$m.pc
        pkg=$(dpkg -S "$pc" 2>/dev/null | head -n 1 | cut -d: -f1)
        if [ -z "$pkg" ]; then
            bad "no Debian package provides $m.pc (PKGS of the Makefile)"
        elif echo " $need " | grep -q " $pkg "; then
            ok "install-deps.sh installs $pkg, for pkg-config module $m"
        else
            bad "install-deps.sh does not install $pkg, which the Makefile's $m needs"
        fi
    done
else
    skip "install-deps.sh against PKGS: no dpkg here"
fi

# make dist: a tarball of the tree that builds (its Makefile, sources and
# install-deps.sh inside one claimtrack-VERSION/ folder)
if git -C "$root" rev-parse --git-dir > /dev/null 2>&1; then
    tarball=$(cd "$root" && make --no-print-directory -s dist BUILD="$tmp/dist" | tail -n 1)
    list=$(tar -tzf "$tarball" 2>/dev/null)
    echo "$list" | grep -q '^claimtrack-[0-9.]*/Makefile$' &&
        echo "$list" | grep -q '^claimtrack-[0-9.]*/scripts/install-deps.sh$' &&
        echo "$list" | grep -q '^claimtrack-[0-9.]*/src/value/decimal.c$' &&
        ok "make dist packs the tree into claimtrack-VERSION/" || bad "make dist tarball is incomplete: $tarball"
else
    skip "make dist: not a git checkout"
fi

w="$tmp/hook"
mkdir -p "$w/claims"
cp "$root"/tests/fixtures/basic/*.json "$w/claims/"
(cd "$w" && sh "$root/examples/ci/pre-commit") >/dev/null 2>&1 && bad "pre-commit hook let unreviewed conflicts through" || ok "pre-commit hook refuses unreviewed conflicts"
(cd "$w" && claimtrack review CT-99fa98e50640fc67 --status confirmed --note n --by ci && claimtrack review CT-9d1c51d424c87585 --status confirmed --note n --by ci) >/dev/null
(cd "$w" && sh "$root/examples/ci/pre-commit") >/dev/null 2>&1 && ok "pre-commit hook accepts reviewed conflicts" || bad "pre-commit hook refused reviewed conflicts"
t_end
