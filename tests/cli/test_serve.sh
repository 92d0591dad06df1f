#!/usr/bin/env bash
# hearth serve from the command line: bad options are refused with the
# option named; under TLS (a self-signed certificate made here with
# openssl) pages carry HSTS and cookies are Secure; SIGTERM stops it cleanly.
STATIC=${HEARTH_STATIC:-$(cd "$(dirname "$0")/../.." && pwd)/static}
. "$(dirname "$0")/lib.sh"

"$HEARTH" demo --db s.db --children 60 --no-sign-ins >/dev/null

expect_exit 1 "a listen address without a port is refused" -- \
    "$HEARTH" serve --db s.db --listen localhost
contains "the message names --listen" "--listen" "$ERR"
expect_exit 1 "a port out of range is refused" -- \
    "$HEARTH" serve --db s.db --listen 127.0.0.1:70000
expect_exit 1 "a certificate without its key is refused" -- \
    "$HEARTH" serve --db s.db --listen 127.0.0.1:0 --static "$STATIC" \
    --tls-cert nothing.pem
contains "the message names both options" "--tls-key" "$ERR"
expect_exit 3 "a missing static folder is an environment error" -- \
    "$HEARTH" serve --db s.db --listen 127.0.0.1:0 --static no-such-dir
expect_exit 3 "a missing database is an environment error" -- \
    "$HEARTH" serve --db none.db --listen 127.0.0.1:0 --static "$STATIC"

# TLS with a throwaway self-signed certificate.
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
    -days 1 -subj "/CN=localhost" >/dev/null 2>&1
"$HEARTH" serve --db s.db --listen 127.0.0.1:0 --port-file port \
    --static "$STATIC" --tls-cert cert.pem --tls-key key.pem --quiet \
    >serve.out 2>serve.err &
pid=$!
for _ in $(seq 1 100); do [ -s port ] && break; sleep 0.1; done
PORT=$(cat port 2>/dev/null || echo 0)
check "the TLS server wrote its port" -- test "$PORT" -gt 0
H=$(curl -sk -D - -o page.html "https://127.0.0.1:$PORT/sign-in")
contains "pages are served over TLS" "HTTP/1.1 200" "$H"
contains "HSTS is sent under TLS" \
    "Strict-Transport-Security: max-age=31536000; includeSubDomains" "$H"
contains "cookies are Secure under TLS" "SameSite=Strict; Secure" "$H"
contains "the CSP upgrades insecure requests" "upgrade-insecure-requests" "$H"
check "plain HTTP to the TLS port gets no page" -- \
    sh -c "! curl -s -m 5 http://127.0.0.1:$PORT/sign-in | grep -q '<html'"
kill -TERM "$pid"
wait "$pid"
rc=$?
check "SIGTERM stops the server with exit 0" -- test "$rc" -eq 0
contains "it says it stopped" "hearth stopped." "$(cat serve.out)"
# (The plain-HTTP probe makes libmicrohttpd log a handshake error there.)
check "no sanitizer report or crash on stderr" -- \
    sh -c "! grep -q 'Sanitizer\|runtime error' serve.err"
