#!/bin/sh
# serve.sh - `claimtrack serve` over real HTTP (curl): pages, filters, the
# JSON API against `check --format json`, review writes through the shared
# locked writer, 409 on stale forms, the security checks, live reload and a
# clean stop on SIGTERM and SIGINT.
#
#   sh tests/serve.sh ./build/claimtrack      ($VALGRIND prefixes the server)
#
# Everything is written inside a temporary folder, removed on exit.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v curl >/dev/null 2>&1; then
    echo "skipped: curl is not installed (sh scripts/install-deps.sh installs it)"
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
cp -r "$root/tests/fixtures/serve" claims
pass=0
failed=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

FLIGHT_CAUSE=CT-9d1c51d424c87585
FLIGHT_DEATHS=CT-99fa98e50640fc67
PIER_OPENED=CT-25f691b54cd90bc6
PIER_SHIPS=CT-61fa39a40e19a951

# start SERVER_ARGS...: start the server, wait until it prints its URL
start() {
    : >err
    # shellcheck disable=SC2086
    ${VALGRIND:-} "$bin" serve --port 0 "$@" 2>err &
    pid=$!
    i=0
    while ! grep -q "serving at" err; do
        i=$((i + 1))
        if [ $i -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "FAIL the server did not start:"
            cat err
            exit 1
        fi
        sleep 0.1
    done
    url=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' err)
    hostport=${url#http://}
    hostport=${hostport%/}
    token=$(curl -s "$url" | sed -n 's/.*name="claimtrack-token" content="\([0-9a-f]*\)".*/\1/p')
}

# stop SIGNAL: the server ends with status 0
stop() {
    kill -"$1" "$pid"
    wait "$pid"
    st=$?
    pid=""
    return $st
}

# get PATH -> body in ./body, status printed
get() { curl -s -o body -D headers -w '%{http_code}' "$url${1#/}"; }
# post PATH BODY [CONTENT-TYPE] [extra curl args...] -> body, status printed
post() {
    p=$1 b=$2 ct=${3:-application/json}
    if [ $# -ge 3 ]; then shift 3; else shift $#; fi
    curl -s -o body -D headers -w '%{http_code}' -H "Content-Type: $ct" -H "X-Claimtrack-Token: $token" \
        "$@" --data-binary "$b" "$url${p#/}"
}
digest_of() { curl -s "${url}api/reviews/$1" | jq -r .digest; }
fingerprint_of() { curl -s "${url}api/reviews/$1" | jq -r '.fingerprint // ""'; }
review_body() { # ID STATUS NOTE BY [REPLACES] [PREFER-JSON]
    jq -cn --arg id "$1" --arg s "$2" --arg n "$3" --arg by "$4" --arg d "$(digest_of "$1")" \
        --arg r "${5:-}" --argjson p "${6:-[]}" \
        '{id: $id, status: $s, note: $n, by: $by, digest: $d, prefer: $p, replaces: (if $r == "" then null else $r end)}'
}

start claims

# ---- pages ----------------------------------------------------------------
check "GET / lists every conflict with counts" \
    '[ "$(get /)" = 200 ] && grep -q "id=\"count-all\">4<" body && [ "$(grep -c "<tr class=\"row\"" body)" = 4 ]'
check "the page carries the token, a strict CSP and no inline script" \
    'grep -qi "^content-security-policy: default-src .none.; script-src .self." headers && ! grep -q "<script>" body && [ -n "$token" ]'
check "filter by severity: high shows the two harbour conflicts" \
    '[ "$(get "/?severity=high")" = 200 ] && [ "$(grep -c "<tr class=\"row\"" body)" = 2 ] && ! grep -q $FLIGHT_CAUSE body'
check "filter by topic" \
    'get "/?topic=crash" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 2 ] && grep -q $FLIGHT_DEATHS body'
check "search over quotes and claim ids" \
    'get "/?q=MISSILE" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 1 ] && grep -q $FLIGHT_CAUSE body &&
     get "/?q=h4" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 1 ] && grep -q $PIER_SHIPS body'
check "filter by review state: none confirmed yet" \
    'get "/?state=confirmed" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 0 ] && grep -q "0 of 4 conflicts shown" body'
check "conflict page: positions, quotes, claimant, hedge, source link, interval chart, review form" \
    '[ "$(get /conflict/$FLIGHT_DEATHS)" = 200 ] && grep -q "dozens died" body && grep -q "reported" body &&
     grep -q "href=\"https://example.org/a\"" body && grep -q "<svg id=\"chart\"" body && grep -q "id=\"review-form\"" body &&
     get /conflict/$FLIGHT_CAUSE >/dev/null && grep -q "claimant <b class=\"claimant\">Russia" body'
check "a hostile quote stays text; a javascript: URL is no link" \
    'get /conflict/$PIER_OPENED >/dev/null && grep -q "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" body &&
     ! grep -q "<script>alert" body && get /conflict/$PIER_SHIPS >/dev/null && ! grep -q "href=\"javascript" body &&
     grep -q "Source B &lt;i&gt;" body'
check "sources page lists each source with claim and conflict counts" \
    '[ "$(get /sources)" = 200 ] && grep -q "C. Writer" body && grep -q "<td>3</td><td>3</td>" body'
check "unknown conflict id is 404" '[ "$(get /conflict/CT-0000000000000000)" = 404 ]'
check "the built-in assets are served" \
    '[ "$(get /static/serve.js)" = 200 ] && grep -q "X-Claimtrack-Token" body && [ "$(get /static/serve.css)" = 200 ]'

# ---- nothing else is served ----------------------------------------------
for p in /../../etc/passwd /static/../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd /static/%2e%2e%2f%2e%2e%2fetc%2fpasswd \
    /claims/crash.json /reviews.json /static/; do
    check "traversal $p is 404" '[ "$(curl -s --path-as-is -o body -w "%{http_code}" "$url${p#/}")" = 404 ] && ! grep -q root: body'
done

# ---- API = check --format json --------------------------------------------
"$bin" check --format json claims >expected.json 2>/dev/null
check "GET /api/conflicts is byte for byte check --format json" \
    '[ "$(get /api/conflicts)" = 200 ] && cmp -s body expected.json'

# ---- security ------------------------------------------------------------
check "a foreign Host is refused (DNS rebinding)" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Host: evil.example:${hostport##*:}" "$url")" = 403 ]'
check "localhost:PORT is accepted as Host" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Host: localhost:${hostport##*:}" "$url")" = 200 ]'
b=$(review_body $FLIGHT_CAUSE confirmed "real" ann)
check "POST without the token is 403" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Content-Type: application/json" --data-binary "$b" "${url}api/reviews")" = 403 ]'
check "POST with a wrong token is 403" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Content-Type: application/json" -H "X-Claimtrack-Token: 00" --data-binary "$b" "${url}api/reviews")" = 403 ]'
check "POST from a foreign Origin is 403" '[ "$(post /api/reviews "$b" application/json -H "Origin: http://evil.example")" = 403 ]'
check "POST of text/plain is 415" '[ "$(post /api/reviews "$b" text/plain)" = 415 ]'
check "POST of broken JSON is 400" '[ "$(post /api/reviews "{\"id\": " application/json)" = 400 ]'
check "POST of a JSON array is 400" '[ "$(post /api/reviews "[1]" application/json)" = 400 ]'
check "POST without a note is 400" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".note = \"\"")" application/json)" = 400 ]'
check "POST with a control character in the note is 400 (the reviews file would refuse it)" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".note = \"a\\u001b[2Jb\"")" application/json)" = 400 ]'
check "POST with an unknown status is 400" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".status = \"maybe\"")" application/json)" = 400 ]'
check "POST with an unknown field is 400" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".admin = true")" application/json)" = 400 ]'
check "resolved without prefer is 400; prefer across positions is 400" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".status = \"resolved\"")" application/json)" = 400 ] &&
     [ "$(post /api/reviews "$(echo "$b" | jq -c ".status = \"resolved\" | .prefer = [\"c4\", \"c5\"]")" application/json)" = 400 ]'
check "POST for an unknown conflict is 404" \
    '[ "$(post /api/reviews "$(echo "$b" | jq -c ".id = \"CT-0000000000000000\"")" application/json)" = 404 ]'
head -c 70000 /dev/zero | tr '\0' 'x' >big
check "a body over 64 KiB is 413" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Content-Type: application/json" -H "X-Claimtrack-Token: $token" --data-binary @big "${url}api/reviews")" = 413 ]'
check "PUT is 405" '[ "$(curl -s -o body -w "%{http_code}" -X PUT "${url}api/reviews")" = 405 ]'
check "no review was written by refused requests" '[ ! -f claims/reviews.json ]'

# ---- reviews land, and the gate moves ---------------------------------------
"$bin" check claims >/dev/null 2>&1
check "check fails before any review" '[ $? = 1 ]'
check "POST /api/reviews stores the review and answers with it" \
    '[ "$(post /api/reviews "$b")" = 200 ] && [ "$(jq -r .status body)" = confirmed ] && [ "$(jq -r .reviewer body)" = ann ] &&
     [ "$(jq -r ".reviews[\"$FLIGHT_CAUSE\"].note" claims/reviews.json)" = real ]'
check "the list shows it confirmed" 'get "/?state=confirmed" >/dev/null && grep -q $FLIGHT_CAUSE body'
check "a stale form (replaces nothing, but a review exists) gets 409 with their review" \
    '[ "$(post /api/reviews "$(review_body $FLIGHT_CAUSE dismissed "mine" bob)")" = 409 ] &&
     [ "$(jq -r .review.reviewer body)" = ann ] && [ "$(jq -r ".reviews[\"$FLIGHT_CAUSE\"].status" claims/reviews.json)" = confirmed ]'
check "a form made against other claims (old digest) gets 409" \
    '[ "$(post /api/reviews "$(review_body $FLIGHT_CAUSE dismissed x bob "$(fingerprint_of $FLIGHT_CAUSE)" | jq -c ".digest = \"$(printf %064d 0)\"")")" = 409 ]'
check "replacing the current review keeps the old one in history" \
    '[ "$(post /api/reviews "$(review_body $FLIGHT_CAUSE dismissed "not real" bob "$(fingerprint_of $FLIGHT_CAUSE)")")" = 200 ] &&
     [ "$(jq -r ".history | length" body)" = 1 ] && [ "$(jq -r ".history[0].reviewer" body)" = ann ] &&
     grep -q "ETag: \"" headers'
check "the conflict page shows the review history" \
    'get /conflict/$FLIGHT_CAUSE >/dev/null && grep -q "id=\"history\"" body && grep -q "not real" body'
check "claimtrack show prints the history" \
    '"$bin" show $FLIGHT_CAUSE claims 2>/dev/null | grep -q "confirmed by ann"'
check "resolved with the claims of one position" \
    '[ "$(post /api/reviews "$(review_body $PIER_SHIPS resolved "fire brigade count" cy "" "[\"h3\"]")")" = 200 ] &&
     [ "$(jq -c .prefer body)" = "[\"h3\"]" ]'
check "the plain HTML form (no JavaScript) saves and redirects" \
    '[ "$(curl -s -o body -D headers -w "%{http_code}" -H "Origin: http://$hostport" --data-urlencode "token=$token" \
         --data-urlencode "id=$PIER_OPENED" --data-urlencode "status=confirmed" --data-urlencode "note=two dates" \
         --data-urlencode "by=dee" --data-urlencode "digest=$(digest_of $PIER_OPENED)" --data-urlencode "replaces=" \
         "${url}review")" = 303 ] && grep -qi "^location: /conflict/$PIER_OPENED" headers'
check "the same stale form again gets the 409 page with their review" \
    '[ "$(curl -s -o body -w "%{http_code}" --data-urlencode "token=$token" --data-urlencode "id=$PIER_OPENED" \
         --data-urlencode "status=dismissed" --data-urlencode "note=x" --data-urlencode "by=eve" \
         --data-urlencode "digest=$(digest_of $PIER_OPENED)" --data-urlencode "replaces=" "${url}review")" = 409 ] &&
     grep -q "data-status=\"409\"" body && grep -q "two dates" body'
"$bin" check claims >/dev/null 2>&1
check "check still fails: one conflict unreviewed" '[ $? = 1 ]'
post /api/reviews "$(review_body $FLIGHT_DEATHS confirmed "counts differ" ann)" >/dev/null
"$bin" check claims >/dev/null 2>&1
check "after the last review over HTTP, check passes" '[ $? = 0 ]'
"$bin" check --format json claims >expected.json 2>/dev/null
check "the API still equals check --format json after reviews" 'get /api/conflicts >/dev/null && cmp -s body expected.json'

# ---- CLI and HTTP reviews at the same moment ----------------------------------
lost=0
for round in 1 2 3 4 5 6; do
    hb=$(review_body $PIER_SHIPS resolved "http $round" web "$(fingerprint_of $PIER_SHIPS)" '["h4"]')
    post /api/reviews "$hb" >code &
    p1=$!
    "$bin" review $FLIGHT_DEATHS --status confirmed --note "cli $round" --by cli claims >/dev/null 2>&1 &
    p2=$!
    wait $p1
    wait $p2
    [ "$(jq -r ".reviews[\"$PIER_SHIPS\"].note" claims/reviews.json)" = "http $round" ] || lost=$((lost + 1))
    [ "$(jq -r ".reviews[\"$FLIGHT_DEATHS\"].note" claims/reviews.json)" = "cli $round" ] || lost=$((lost + 1))
done
check "6 rounds of a CLI and an HTTP review at once: both land every time" '[ $lost = 0 ]'
check "the reviews file still validates against its schema (history included)" \
    '"$bin" check claims >/dev/null 2>&1 && [ "$(jq -r ".reviews[\"$PIER_SHIPS\"].history | length" claims/reviews.json)" = 6 ]'

# ---- live corpus ---------------------------------------------------------
sed 's/"dozens died"/"several dozen died"/' claims/crash.json >crash.new && mv crash.new claims/crash.json
check "an edited claim shows its conflict as stale without a restart" \
    'get "/?state=stale" >/dev/null && grep -q $FLIGHT_DEATHS body && [ "$(grep -c "<tr class=\"row\"" body)" = 1 ] &&
     get /conflict/$FLIGHT_DEATHS >/dev/null && grep -q "several dozen died" body && grep -q "it is stale" body'
"$bin" check --format json claims >expected.json 2>/dev/null
check "after the edit the API equals check --format json again" 'get /api/conflicts >/dev/null && cmp -s body expected.json'
printf '{"topic": "broken",' >claims/broken.json
check "a claim file that does not parse gives a 503 page that says why" \
    '[ "$(get /)" = 503 ] && grep -q "broken.json" body'
rm claims/broken.json
check "fixing it serves the list again" '[ "$(get /)" = 200 ]'

# ---- clean stops ------------------------------------------------------------
stop TERM
check "SIGTERM ends the server with status 0" '[ $? = 0 ] && grep -q "stopped (SIGTERM)" err'
start claims
stop INT
check "SIGINT ends the server with status 0" '[ $? = 0 ]'
check "--port rejects a bad number" '"$bin" serve --port 70000 claims 2>/dev/null; [ $? = 2 ]'

# ---- a rule conflict's page shows the rule's arithmetic ----------------------
start "$root/tests/fixtures/model2"
rule_id=$(curl -s "${url}api/conflicts" | jq -r '[.conflicts[] | select(.type == "rule")][0].id')
check "a rule conflict's page shows the rule and its arithmetic" \
    '[ "$(get "/conflict/$rule_id")" = 200 ] && grep -q "rule <code>headcount</code>: \[1\] \[2\] \[3\]: <span class=\"arithmetic\">38 + 32 = 70, not 67</span>" body'
check "a rule conflict's page is titled by its rule and subject, each position labelled with its property" \
    '[ "$(get "/conflict/$rule_id")" = 200 ] && grep -q "<h1>rule headcount &middot; flight 8243</h1>" body &&
     grep -q "<code>deaths + survivors = aboard</code>" body &&
     grep -q "<span class=\"property\">survivors:</span> <span class=\"value\">32</span>" body &&
     grep -q "<title>rule headcount · flight 8243" body && ! grep -q "<svg id=\"chart\"" body'
check "the conflict list names the rule of a rule conflict" \
    '[ "$(get /)" = 200 ] && grep -q "<td>flight 8243</td><td>rule headcount</td>" body'
stop TERM
check "the rule-fixture server ends with status 0 (no valgrind or sanitizer report)" '[ $? = 0 ]'

echo "serve: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
