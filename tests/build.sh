#!/bin/sh
# The build honours a packager's flags and hardens by default; -Werror only in
# development builds (STRICT=1); make coverage fails loudly without gcovr.
# Only dry runs (make -n) and one failing recipe: nothing is built here.
# Usage: build.sh   (from the top of the tree)
set -u
. "$(dirname "$0")/lib.sh"
t_begin build
# a clean environment: no flags inherited from the make that runs this test
clean() { env -u CFLAGS -u CPPFLAGS -u LDFLAGS -u STRICT -u MAKEFLAGS -u MAKELEVEL -u MFLAGS "$@"; }
dry() { clean make --no-print-directory -n -B BUILD="$tmp/b" "$@" "$tmp/b/obj/util/util.o" "$tmp/b/claimtrack" 2>&1; }
# the same with a packager's flags in the environment (as dpkg-buildflags exports them)
dry_env() {
    env -u STRICT -u MAKEFLAGS -u MAKELEVEL -u MFLAGS CPPFLAGS=-DCT_PACKAGER_MARK CFLAGS="-O1 -fmark-cflags" \
        LDFLAGS=-Wl,--mark-ldflags make --no-print-directory -n -B BUILD="$tmp/b" "$tmp/b/obj/util/util.o" "$tmp/b/claimtrack" 2>&1
}

out=$(dry)
echo "$out" | grep -q -- '-D_FORTIFY_SOURCE=3' && echo "$out" | grep -q -- '-fstack-protector-strong' &&
    echo "$out" | grep -q -- '-fPIE' && ok "default compile: _FORTIFY_SOURCE=3, stack protector, PIE" ||
    bad "default compile flags lack hardening"
echo "$out" | grep -q -- '-pie' && echo "$out" | grep -q -- '-z,relro,-z,now' &&
    ok "default link: PIE, full RELRO, BIND_NOW" || bad "default link flags lack hardening"
echo "$out" | grep -q -- '-Werror' && bad "-Werror in a user's build (make run)" || ok "no -Werror by default"
dry STRICT=1 | grep -q -- '-Werror' && ok "STRICT=1 (development, CI) builds with -Werror" || bad "STRICT=1 lacks -Werror"

# a missing pkg-config module is named, not left to fail as missing headers
out=$(clean make --no-print-directory BUILD="$tmp/c" PKGS="jansson no-such-module" "$tmp/c/obj/util/util.o" 2>&1)
echo "$out" | grep -q "pkg-config cannot find: no-such-module" && [ ! -e "$tmp/c/obj/util/util.o" ] &&
    ok "a missing pkg-config module stops the build and is named" ||
    bad "a missing pkg-config module is not named: $out"

out=$(dry_env)
echo "$out" | grep -q -- '-DCT_PACKAGER_MARK' && echo "$out" | grep -q -- '-fmark-cflags' &&
    echo "$out" | grep -q -- '-Wl,--mark-ldflags' && ok "CPPFLAGS, CFLAGS and LDFLAGS from the environment are used" ||
    bad "environment flags ignored"
echo "$out" | grep -q -- '-D_FORTIFY_SOURCE=3' && bad "packager's CPPFLAGS did not replace the default" ||
    ok "packager's CPPFLAGS replace the default (no duplicate _FORTIFY_SOURCE)"

clean make --no-print-directory coverage GCOVR="$tmp/no-such-gcovr" >"$tmp/out" 2>&1; st=$?
[ $st -ne 0 ] && grep -q "not found" "$tmp/out" && ok "make coverage without gcovr fails (exit $st) and says why" ||
    { bad "make coverage without gcovr: exit $st"; cat "$tmp/out"; }
grep -q "gcovr" scripts/install-deps.sh && ok "install-deps.sh --ci installs gcovr" || bad "gcovr not in install-deps.sh"

t_end
