#!/bin/sh
# Install the Debian packages claimtrack needs, if missing; say what is installed.
#   install-deps.sh          what `make run` and `make test` need
#   install-deps.sh --ci     also the sanitizer, fuzzing and valgrind tool chain, shellcheck,
#                            tcc (make portability), libicu-dev (make icu-compare: suggest's
#                            sentence splitter measured against ICU's; never linked into claimtrack)
set -e
need="gcc make pkg-config clang-format libjansson-dev libxml2-dev libxml2-utils libpcre2-dev nettle-dev check libmicrohttpd-dev libutf8proc-dev libgmp-dev pmccabe curl jq python3"
if [ "${1:-}" = "--ci" ]; then
    # (node and npm for the browser test and the SARIF Multitool: .ci/run, only when absent)
    need="$need clang libclang-rt-14-dev valgrind gcovr shellcheck tcc libicu-dev"
fi
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
