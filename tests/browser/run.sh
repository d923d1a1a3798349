#!/bin/sh
# run.sh - the browser tests of `claimtrack serve` (workbench.mjs; its Suggest
# page in suggest.mjs) and of the HTML report (report.mjs): headless
# Chromium (Debian's /usr/bin/chromium) driven by puppeteer-core from npm.
# Skipped, saying why, where Chromium, node or the npm packages are missing
# (.ci/run installs them: apt-get install chromium; npm ci in tests/browser).
#
#   sh tests/browser/run.sh ./build/claimtrack
#
# Writes only in a temporary folder (CT_SCREENSHOT=FILE also keeps the
# screenshot there, for README).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "skipped: no Chromium at $chromium (apt-get install chromium)"
    exit 0
fi
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: node is not installed (apt-get install nodejs npm)"
    exit 0
fi
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
    echo "skipped: puppeteer-core is not installed (cd tests/browser && npm ci)"
    exit 0
fi
tmp=$(mktemp -d) || exit 2
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp" || exit 2
# the HTML report of the shipped corpus, as a reader sees it
"$bin" check --format html --fail-on none -o report.html "$root/claims" 2>/dev/null ||
    { echo "FAIL check --format html on claims/"; exit 1; }
HOME=$tmp CHROMIUM=$chromium node "$here/report.mjs" "$tmp/report.html" || report_failed=1
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
            echo "FAIL the server did not start:"
            cat err
            exit 1
        fi
        sleep 0.1
    done
    url=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' err)
    login=$(sed -n 's/.*log in with \(http[^ ]*\).*/\1/p' err)
}
# stop: the server stops cleanly
stop() {
    kill -TERM "$pid"
    wait "$pid" || { echo "FAIL the server did not stop cleanly"; status=1; }
    pid=""
}
serve "$root/tests/fixtures/serve"
HOME=$tmp CHROMIUM=$chromium node "$here/workbench.mjs" "$url" "$login" "$bin" "$tmp" "${CT_SCREENSHOT:-$tmp/serve.png}"
status=$?
stop
serve "$root/tests/fixtures/serve-suggest"
HOME=$tmp CHROMIUM=$chromium node "$here/suggest.mjs" "$url" "$login" "$bin" "$tmp" || status=1
stop
[ "${report_failed:-0}" = 1 ] && status=1
exit $status
