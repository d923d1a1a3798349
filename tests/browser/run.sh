#!/bin/sh
# run.sh - the browser tests: the HTML report of claims/ (report.mjs),
# `claimtrack serve` (workbench.mjs) and its Suggest page (suggest.mjs) in
# headless Chromium (Debian's /usr/bin/chromium) driven by puppeteer-core from
# npm.  SKIP, saying why, where Chromium, node or the npm packages are missing
# (.ci/run installs them: apt-get install chromium; npm ci in tests/browser),
# and under CI=1 a failure.
#
#   sh tests/browser/run.sh ./build/claimtrack
#
# Writes only in a temporary folder (CT_SCREENSHOT=FILE also keeps the
# screenshot there, for README).
set -u
. "$(dirname "$0")/../lib.sh"
t_begin browser
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    skip_missing "browser: no Chromium at $chromium (apt-get install chromium)"
    t_end
fi
if ! command -v node >/dev/null 2>&1; then
    skip_missing "browser: node is not installed (apt-get install nodejs npm)"
    t_end
fi
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
    skip_missing "browser: puppeteer-core is not installed (cd tests/browser && npm ci)"
    t_end
fi
pid=""
t_atexit() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
}
cd "$tmp" || exit 2
# node_checks SCRIPT ARGS...: run a puppeteer script, which prints an "ok   ..." or
# "FAIL ..." line per check; its checks are counted here
node_checks() {
    script=$1
    shift
    HOME=$tmp CHROMIUM=$chromium node "$here/$script" "$@" >"$tmp/node.out" 2>&1
    st=$?
    cat "$tmp/node.out"
    t_pass=$((t_pass + $(grep -c '^ok ' "$tmp/node.out")))
    t_fail=$((t_fail + $(grep -c '^FAIL ' "$tmp/node.out")))
    [ $st -eq 0 ] || grep -q '^FAIL ' "$tmp/node.out" || bad "$script exited $st"
}
# the HTML report of the shipped corpus, as a reader sees it
if "$bin" check --format html --fail-on none -o report.html "$root/claims" 2>/dev/null; then
    node_checks report.mjs "$tmp/report.html"
else
    bad "check --format html on claims/"
fi
# serve FIXTURE: start the server on a copy of FIXTURE in ./claims
serve() {
    rm -rf claims
    cp -r "$1" claims
    "$bin" serve --port 0 claims 2>err &
    pid=$!
    i=0
    while ! grep -q "log in with" err; do
        i=$((i + 1))
        if [ $i -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
            bad "the server did not start:"
            cat err
            t_end
        fi
        sleep 0.1
    done
    url=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' err)
    login=$(sed -n 's/.*log in with \(http[^ ]*\).*/\1/p' err)
}
# stop: the server stops cleanly
stop() {
    kill -TERM "$pid"
    wait "$pid" && ok "the server stopped cleanly" || bad "the server did not stop cleanly"
    pid=""
}
serve "$root/tests/fixtures/serve"
node_checks workbench.mjs "$url" "$login" "$bin" "$tmp" "${CT_SCREENSHOT:-$tmp/serve.png}"
stop
serve "$root/tests/fixtures/serve-suggest"
node_checks suggest.mjs "$url" "$login" "$bin" "$tmp"
stop
t_end
