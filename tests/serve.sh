#!/bin/sh
# serve.sh - `claimtrack serve` over real HTTP (curl): pages, filters, the
# JSON API against `check --format json`, review writes through the shared
# locked writer, 409 on stale forms, the security checks (one-time login
# token traded for a session cookie, CSRF token, Host, Origin, per-address
# connection limit, idle timeout), live reload, links looping back into the
# served folder, a clean stop on SIGTERM, SIGINT and SIGHUP that answers
# the request in progress, and the Suggest page (drafts from an article,
# accepted into the topic files through the locked writer).
#
#   sh tests/serve.sh ./build/claimtrack      ($VALGRIND prefixes the server)
#
# Everything is written inside a temporary folder, removed on exit (KEEP=1 keeps it).
set -u
. "$(dirname "$0")/lib.sh"
t_begin serve
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v curl >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
    skip_missing "serve: curl or jq is not installed (sh scripts/install-deps.sh installs them)"
    t_end
fi
pid=""
t_atexit() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
}
cd "$tmp" || exit 2
cp -r "$root/tests/fixtures/serve" claims
# the flight has aliases, one that needs escaping (the search finds subjects by them)
sed 's|"title": "A crash",|"title": "A crash", "subjects": {"flight 1": ["the airliner", "Flight <One> \& co"]},|' \
    claims/crash.json >crash.json && mv crash.json claims/crash.json
# under valgrind a request takes longer than the 1 s a stop grants it
[ -n "${VALGRIND:-}" ] && export CLAIMTRACK_SERVE_STOP_SECONDS=30
# every curl below sends the session cookie (curl -q: none)
export CURL_HOME="$tmp"
printf 'cookie = "%s/jar"\n' "$tmp" >"$tmp/.curlrc"
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

FLIGHT_CAUSE=CT-9d1c51d424c87585
FLIGHT_DEATHS=CT-99fa98e50640fc67
PIER_OPENED=CT-25f691b54cd90bc6
PIER_SHIPS=CT-61fa39a40e19a951

# start SERVER_ARGS...: start the server, wait until it prints its URLs, log
# in with the one-time link (the session cookie goes to ./jar)
start() {
    : >err
    # shellcheck disable=SC2086
    ${VALGRIND:-} "$bin" serve --port 0 "$@" 2>err &
    pid=$!
    i=0
    while ! grep -q "log in with" err; do
        i=$((i + 1))
        if [ $i -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then
            bad "the server did not start:"
            cat err
            t_end
        fi
        sleep 0.1
    done
    url=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' err)
    hostport=${url#http://}
    hostport=${hostport%/}
    login=$(sed -n 's/.*log in with \(http[^ ]*\).*/\1/p' err)
    rm -f jar
    curl -s -o login-answer -c jar "$login"
    cookie=$(awk -v n="claimtrack_session_${hostport##*:}" '$6 == n { print n "=" $7 }' jar)
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
    '[ "$(get /sources)" = 200 ] && grep -q "C. Writer" body && grep -q "<td>4</td><td>3</td>" body'
check "a denial reads as in every report: denies: sam (not 'not sam')" \
    'get / >/dev/null && grep -q "bird &middot; denies: sam" body && ! grep -q "not sam" body'
check "the tab icon is served (no 404), before logging in too, and each page names it" \
    '[ "$(get /favicon.ico)" = 200 ] && grep -qi "^content-type: image/svg+xml" headers && grep -q "<svg" body &&
     [ "$(curl -s -o icon -w "%{http_code}" -H "Cookie:" "${url}favicon.ico")" = 200 ] &&
     get / >/dev/null && grep -q "<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.ico\">" body'
check "subject page: every group of the subject with its status, positions, quotes and conflict links" \
    '[ "$(get "/subject/flight%201")" = 200 ] && [ "$(grep -c "<section class=\"group\"" body)" = 2 ] &&
     [ "$(grep -c "data-status=\"conflict\"" body)" = 2 ] && grep -q "href=\"/conflict/$FLIGHT_CAUSE\"" body &&
     grep -q "href=\"/conflict/$FLIGHT_DEATHS\"" body && grep -q "dozens died" body && grep -q "id=\"count-conflict\">2<" body'
check "subject page by an alias, aliases escaped" \
    '[ "$(get "/subject/the%20airliner")" = 200 ] && grep -q "<b>flight 1</b>" body &&
     grep -q "Flight &lt;One&gt; &amp; co" body && ! grep -q "<One>" body && grep -q "dozens died" body'
check "a conflict page links to its subject page" \
    'get /conflict/$PIER_SHIPS >/dev/null && grep -q "id=\"about\">Every claim about <a class=\"subject\" href=\"/subject/pier%209\">pier 9</a>" body'
check "an unknown subject is 404" '[ "$(get "/subject/flight%202")" = 404 ] && grep -q "No such subject" body'
check "sources page lists each source's claims, each linked to its subject page" \
    '[ "$(get /sources)" = 200 ] && [ "$(grep -o "<li><code>[a-z0-9]*</code> <a class=\"subject\"" body | wc -l)" = 10 ] &&
     grep -q "id=\"source-c\"" body && grep -q "href=\"/subject/flight%201\">flight 1</a>" body &&
     grep -q "href=\"/subject/pier%209\">pier 9</a>" body && ! grep -q "<script>alert" body'
check "search finds a subject by an alias: its conflicts and a link to its page" \
    'get "/?q=AIRLINER" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 2 ] &&
     grep -q "href=\"/subject/flight%201\"" body && ! grep -q "href=\"/subject/pier%209\"" body &&
     get "/?q=%3Cone%3E" >/dev/null && [ "$(grep -c "<tr class=\"row\"" body)" = 2 ] && grep -q "id=\"subjects\"" body'
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
nc_get() { curl -q -s -o body -D headers -w '%{http_code}' "$@"; }
check "without the session cookie every page, asset and API call is 401" \
    '[ "$(nc_get "$url")" = 401 ] && grep -q "log in first" body && ! grep -q "$token" body &&
     [ "$(nc_get "${url}api/conflicts")" = 401 ] && [ "$(nc_get "${url}static/serve.js")" = 401 ] &&
     [ "$(nc_get "${url}conflict/$FLIGHT_CAUSE")" = 401 ] && [ "$(nc_get "${url}api/reviews/$FLIGHT_CAUSE")" = 401 ]'
check "a wrong session cookie is 401" \
    '[ "$(nc_get -H "Cookie: claimtrack_session_${hostport##*:}=00000000000000000000000000000000" "$url")" = 401 ]'
check "a POST with the CSRF token but without the cookie is 401, and writes nothing" \
    '[ "$(nc_get -H "Content-Type: application/json" -H "X-Claimtrack-Token: $token" \
          --data-binary "$(review_body $FLIGHT_CAUSE confirmed x mallory)" "${url}api/reviews")" = 401 ] &&
     [ ! -f claims/reviews.json ]'
check "the login set an HttpOnly, SameSite=Strict session cookie named after the port" \
    'grep -q "HttpOnly_127.0.0.1.*claimtrack_session_${hostport##*:}" jar'
check "the login token replayed is 403, and sets no cookie" \
    '[ "$(nc_get "$login")" = 403 ] && ! grep -qi "^set-cookie" headers && grep -q "works once" body'
check "a wrong login token is 403" '[ "$(nc_get "${url}login?token=0123")" = 403 ]'
check "the login link again with the session cookie just goes to the list" \
    '[ "$(get "/login?token=${login##*=}")" = 303 ] && grep -qi "^location: /" headers'
check "a foreign Host is refused (DNS rebinding)" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Host: evil.example:${hostport##*:}" "$url")" = 403 ]'
check "localhost:PORT is accepted as Host" \
    '[ "$(curl -s -o body -w "%{http_code}" -H "Cookie: $cookie" -H "Host: localhost:${hostport##*:}" "$url")" = 200 ]'
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
check "a form whose note is not UTF-8 is 400 with the field and the byte" \
    '[ "$(curl -s -o body -w "%{http_code}" --data-urlencode "token=$token" --data-urlencode "id=$FLIGHT_CAUSE" \
         --data-urlencode "status=confirmed" --data-binary "note=ab%FFcd" --data-urlencode "by=x" \
         --data-urlencode "digest=$(digest_of $FLIGHT_CAUSE)" --data-urlencode "replaces=" "${url}review")" = 400 ] &&
     grep -q "note: invalid UTF-8 at byte 3" body'
printf '{"id": "x", "note": "a\377"}' >bad-utf8.json
check "a JSON body that is not UTF-8 is 400 saying where" \
    '[ "$(post /api/reviews @bad-utf8.json)" = 400 ] && grep -q "unable to decode byte 0xff.*at byte" body'
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
check "the workbench's review keeps a snapshot of the claims it was made against" \
    '[ "$(jq -r ".reviews[\"$FLIGHT_CAUSE\"].snapshot | keys | join(\",\")" claims/reviews.json)" = c4,c5,c6 ] &&
     [ "$(jq -r ".reviews[\"$FLIGHT_CAUSE\"].snapshot.c4.value" claims/reviews.json)" = "\"sam\"" ]'
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
     get /conflict/$FLIGHT_DEATHS >/dev/null && grep -q "several dozen died" body && grep -q "it is stale" body &&
     grep -q "<li>c2: quote changed</li>" body'
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
start claims
stop HUP
check "SIGHUP ends the server with status 0, as gracefully as SIGTERM" '[ $? = 0 ] && grep -q "stopped (SIGHUP)" err'

# ---- links back into the served folder ----------------------------------------
mkdir loops
cp claims/*.json loops/
rm -f loops/reviews.json
ln -s . loops/l1
ln -s . loops/l2
start loops
check "two links back to the served folder: pages load (each folder is read once)" \
    '[ "$(curl -s -m 60 -o body -w "%{http_code}" "$url")" = 200 ] && grep -q "id=\"count-all\">4<" body'
stop TERM
check "and SIGTERM stops the server" '[ $? = 0 ]'

if [ $have_python = 1 ]; then
    cat >client.py <<'PY'
import socket, sys, time
mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "idle":
    # open N idle connections from 127.0.0.2, say so, then count how many the
    # server closes within 40 s (its idle timeout is 10 s)
    n = int(sys.argv[4])
    conns = []
    for _ in range(n):
        c = socket.socket()
        c.bind(("127.0.0.2", 0))
        c.connect((host, port))
        c.settimeout(0.2)
        conns.append(c)
    open("idle-open", "w").close()
    closed, deadline = set(), time.time() + 40
    while len(closed) < n and time.time() < deadline:
        for i, c in enumerate(conns):
            if i in closed:
                continue
            try:
                if c.recv(1) == b"":
                    closed.add(i)
            except socket.timeout:
                pass
            except OSError:
                closed.add(i)
    print(len(closed))
else:
    # a POST whose body is sent only after the server got SIGINT
    body = open(sys.argv[4], "rb").read()
    head = ("POST /api/reviews HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
            "X-Claimtrack-Token: %s\r\nCookie: %s\r\nExpect: 100-continue\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n") % (host, port, sys.argv[5], sys.argv[6], len(body))
    c = socket.create_connection((host, port), timeout=30)
    c.sendall(head.encode())
    got = b""
    while b"\r\n\r\n" not in got:  # 100 Continue: the server holds the request
        got += c.recv(4096)
    open("post-started", "w").close()
    deadline = time.time() + 30
    while time.time() < deadline and "finishing 1 request" not in open("err").read():
        time.sleep(0.05)
    c.sendall(body)
    answer = b""
    while True:
        part = c.recv(65536)
        if not part:
            break
        answer += part
    print(answer.split(b"\r\n", 1)[0].decode())
PY
    # ---- connection limits ------------------------------------------------
    start claims
    port=${hostport##*:}
    rm -f idle-open
    python3 client.py idle 127.0.0.1 "$port" 80 >idle-closed &
    cpid=$!
    i=0
    while [ ! -f idle-open ] && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
    check "80 idle connections from one address: a request from another is still served" \
        '[ "$(curl -s -m 20 -o body -w "%{http_code}" "$url")" = 200 ]'
    wait $cpid
    check "the server closes idle connections (per-address limit, 10 s idle timeout)" '[ "$(cat idle-closed)" = 80 ]'

    # ---- SIGINT during a POST: the review is stored and answered --------------
    review_body $PIER_OPENED dismissed "sent during SIGINT" int "$(fingerprint_of $PIER_OPENED)" >int-body.json
    rm -f post-started
    python3 client.py post 127.0.0.1 "$port" int-body.json "$token" "$cookie" >int-answer &
    cpid=$!
    i=0
    while [ ! -f post-started ] && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
    stop INT
    st=$?
    wait $cpid
    check "SIGINT in the middle of a POST: the server finishes it, answers 200, then stops with 0" \
        '[ $st = 0 ] && grep -q "HTTP/1.1 200" int-answer && grep -q "finishing 1 request" err &&
         [ "$(jq -r ".reviews[\"$PIER_OPENED\"].note" claims/reviews.json)" = "sent during SIGINT" ]'
else
    skip_missing "connection limits and SIGINT during a POST need python3"
fi
check "--port rejects a bad number" '"$bin" serve --port 70000 claims 2>/dev/null; [ $? = 2 ]'

# ---- a rule conflict's page shows the rule's arithmetic ----------------------
start "$root/tests/fixtures/declarations"
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

# ---- the Suggest page: drafts from an article, accepted into the topic files ----
cp -r "$root/tests/fixtures/serve-suggest" sg
start sg
printf 'Flight 1 crashed on Tuesday. The crash killed 40 people, officials said. Only 5 survived. Investigators blamed a bird strike. At pier 9, seven ships burned.\n' >article.txt
# suggest SOURCE [curl args...]: POST the article form -> body, status printed
suggest() {
    src=$1
    shift
    curl -s -o body -w '%{http_code}' --data-urlencode "token=$token" --data-urlencode "published=" "$@" \
        --data-urlencode "source=$src" "${url}suggest"
}
# accept TOPIC ID PROPERTY VALUE QUOTE [curl args...]: accept one draft -> body, status printed
accept() {
    t=$1 i=$2 p=$3 v=$4 q=$5
    shift 5
    curl -s -o body -w '%{http_code}' --data-urlencode "n=1" --data-urlencode "d0-decision=accept" \
        --data-urlencode "d0-topic=$t" --data-urlencode "d0-id=$i" --data-urlencode "d0-property=$p" \
        --data-urlencode "d0-subject=$([ "$t" = crash ] && echo "flight 1" || echo "pier 9")" \
        --data-urlencode "d0-value=$v" --data-urlencode "d0-source=d" --data-urlencode "d0-quote=$q" \
        --data-urlencode "d0-stance=asserts" "$@" "${url}suggest/accept"
}
cp sg/crash.json crash.before
cp sg/harbour.json harbour.before
check "GET /suggest: the article form with the sources (escaped), the topics and the token" \
    '[ "$(get /suggest)" = 200 ] && grep -q "<form id=\"suggest-form\"" body && grep -q "Source B &lt;i&gt;" body &&
     grep -q "name=\"topic\" value=\"harbour\"" body && grep -q "name=\"token\" value=\"$token\"" body &&
     grep -q "<a href=\"/suggest\">Suggest</a>" body'
check "POST /suggest lists the drafts, each quote marked in its sentence, with a free id" \
    '[ "$(suggest d --data-urlencode "text@article.txt")" = 200 ] && grep -q "id=\"draft-count\">5 drafts<" body &&
     grep -q "<mark>The crash killed 40 people</mark>, officials said." body &&
     grep -q "name=\"d0-id\" value=\"deaths-d\"" body && grep -q "name=\"d0-value\" value=\"40\"" body &&
     [ "$(grep -c "<fieldset class=\"draft\"" body)" = 5 ]'
check "POST /suggest for one topic drafts only its claims" \
    '[ "$(suggest d --data-urlencode "text@article.txt" --data-urlencode "topic=harbour")" = 200 ] &&
     [ "$(grep -c "<fieldset class=\"draft\"" body)" = 2 ] && ! grep -q "d0-value\" value=\"40\"" body'
check "an article with markup stays text in the drafts and the form" \
    '[ "$(suggest d --data-urlencode "text=<script>alert(1)</script> The crash killed 40 people.")" = 200 ] &&
     ! grep -q "<script>alert" body && grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" body'
check "POST /suggest without a text, or for an unknown source or topic, is 400" \
    '[ "$(suggest d --data-urlencode "text=")" = 400 ] &&
     [ "$(suggest zz --data-urlencode "text@article.txt")" = 400 ] &&
     [ "$(suggest d --data-urlencode "text@article.txt" --data-urlencode "topic=zz")" = 400 ]'
check "an article that is not UTF-8 is 400 saying where" \
    '[ "$(suggest d --data-binary "text=ab%FFcd")" = 400 ] && grep -q "the article: byte 2: not UTF-8" body'
check "POST /suggest without the token is 403, with a foreign Origin 403, as JSON 415" \
    '[ "$(curl -s -o body -w "%{http_code}" --data-urlencode "source=d" --data-urlencode "text@article.txt" "${url}suggest")" = 403 ] &&
     [ "$(suggest d --data-urlencode "text@article.txt" -H "Origin: http://evil.example")" = 403 ] &&
     [ "$(curl -s -o body -w "%{http_code}" -H "X-Claimtrack-Token: $token" -H "Content-Type: application/json" --data-binary "{}" "${url}suggest")" = 415 ]'
check "POST /suggest without the session cookie is 401" \
    '[ "$(curl -q -s -o body -w "%{http_code}" --data-urlencode "token=$token" --data-urlencode "source=d" --data-urlencode "text@article.txt" "${url}suggest")" = 401 ]'
head -c 100000 /dev/zero | tr '\0' 'x' >long-article
check "an article over 64 KiB is taken (the Suggest page's limit is 1 MiB); over 1 MiB is 413" \
    '[ "$(suggest d --data-urlencode "text@long-article")" = 200 ] &&
     head -c 1100000 /dev/zero | tr "\0" "x" >huge-article &&
     [ "$(suggest d --data-urlencode "text@huge-article")" = 413 ]'
check "GET /suggest/accept is 405" '[ "$(get /suggest/accept)" = 405 ]'
check "accept without the token is 403 and writes nothing" \
    '[ "$(accept crash deaths-d deaths 40 "The crash killed 40 people")" = 403 ] && cmp -s sg/crash.json crash.before'
check "accept with a value the property does not take is 422, names file and field, writes nothing" \
    '[ "$(accept crash deaths-d deaths "\"lots\"" "The crash killed 40 people" --data-urlencode "token=$token")" = 422 ] &&
     grep -q "sg/crash.json:17:[0-9]*: /claims/4/value: expected a finite number" body &&
     grep -q "name=\"d0-value\" value=\"&quot;lots&quot;\"" body && cmp -s sg/crash.json crash.before'
check "accept with a value that is not JSON, or an id taken already, is 422 and writes nothing" \
    '[ "$(accept crash deaths-d deaths "40 people" "x" --data-urlencode "token=$token")" = 422 ] && grep -q "value: not JSON" body &&
     [ "$(accept crash c1 deaths 40 "x" --data-urlencode "token=$token")" = 422 ] && grep -q "c1" body &&
     cmp -s sg/crash.json crash.before'
check "accept into an unknown topic is 422" \
    '[ "$(accept nowhere x-d deaths 40 "x" --data-urlencode "token=$token")" = 422 ] && grep -q "no topic &#39;nowhere&#39;" body'
"$bin" check sg >/dev/null 2>&1
check "no conflict before the accept" '[ $? = 0 ]'
inode_before=$(ls -i sg/crash.json | cut -d" " -f1)
check "accept appends the claim to its topic file: the rest of the file kept, the corpus valid" \
    '[ "$(accept crash deaths-d deaths 40 "The crash killed 40 people" --data-urlencode "token=$token")" = 200 ] &&
     grep -q "data-added=\"1\"" body && grep -q "<code>deaths-d</code>" body &&
     [ "$(diff crash.before sg/crash.json | grep -c "^[<>]")" = 3 ] &&
     grep -q "^    {\"id\": \"deaths-d\", \"subject\": \"flight 1\", \"property\": \"deaths\", \"value\": 40, \"source\": \"d\", \"quote\": \"The crash killed 40 people\"}$" sg/crash.json &&
     "$bin" validate sg >/dev/null 2>&1'
check "the file was replaced (a new inode: written beside and renamed), no temporary file left" \
    '[ "$(ls -i sg/crash.json | cut -d" " -f1)" != "$inode_before" ] && ! ls sg | grep -q tmp'
"$bin" check sg >/dev/null 2>&1
check "check finds the new conflict, and the list shows it without a restart" \
    '[ $? = 1 ] && get / >/dev/null && grep -q "id=\"count-all\">1<" body'
check "the article suggested again: the accepted draft shows as known, with the next free id" \
    '[ "$(suggest d --data-urlencode "text@article.txt")" = 200 ] && grep -q "known already: <code>deaths-d</code>" body &&
     grep -q "name=\"d0-id\" value=\"deaths-d-2\"" body'
check "accept into an empty claims list" \
    '[ "$(accept harbour ships-d ships 7 "seven ships burned" --data-urlencode "token=$token")" = 200 ] &&
     [ "$(jq -r ".claims[0].id" sg/harbour.json)" = ships-d ] && "$bin" validate sg >/dev/null 2>&1'
# two accepts at once: each re-reads the file under the lock, so both land
for k in 1 2 3 4; do
    accept crash "par-a$k" survivors 5 "Only 5 survived" --data-urlencode "token=$token" >code-a &
    pa=$!
    accept crash "par-b$k" survivors 5 "Only 5 survived" --data-urlencode "token=$token" >code-b &
    pb=$!
    wait $pa
    wait $pb
done
check "4 rounds of two accepts at once: all 8 claims land, the file stays valid" \
    '[ "$(jq "[.claims[].id | select(startswith(\"par-\"))] | length" sg/crash.json)" = 8 ] && "$bin" validate sg >/dev/null 2>&1'
check "rejected drafts leave the form, skipped ones stay" \
    '[ "$(curl -s -o body -w "%{http_code}" --data-urlencode "token=$token" --data-urlencode "n=2" \
         --data-urlencode "d0-decision=reject" --data-urlencode "d0-id=r0" --data-urlencode "d0-topic=crash" \
         --data-urlencode "d1-decision=skip" --data-urlencode "d1-id=s1" --data-urlencode "d1-topic=crash" "${url}suggest/accept")" = 200 ] &&
     grep -q "data-added=\"0\"" body && grep -q "value=\"s1\"" body && ! grep -q "value=\"r0\"" body'
stop TERM
check "the suggest-fixture server ends with status 0" '[ $? = 0 ]'
cp -r "$root/tests/fixtures/mixed" mixed
cp mixed/crash.xml crash.xml.before
start mixed
check "accept into a topic declared in XML is 422 and leaves the file alone" \
    '[ "$(accept crash deaths-x deaths 40 "x" --data-urlencode "token=$token")" = 422 ] &&
     grep -q "mixed/crash.xml: topic crash is not in a JSON topic file" body && cmp -s mixed/crash.xml crash.xml.before'
stop TERM

t_end
