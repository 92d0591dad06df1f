/*
 * test_signin.c: signing in and out over real HTTP, and what the router
 * does to every request before a page sees it.
 *
 * Sign-in: the password then TOTP chain and the cookies it sets; the same
 * answer for a wrong password and an unknown username; lockout after five
 * failures and its end after 15 minutes; TOTP codes refused when wrong,
 * replayed or out of the window.  Sessions: CSRF on every form, idle and
 * absolute timeouts, sign-out ending the session for good, a half-signed-in
 * session reaching nothing.  The router: security headers on every kind of
 * answer, 413 for a large body, 400 for malformed input, 404 and 405.
 * Audit: failed and successful sign-ins are recorded and the chain
 * verifies.
 *
 * Where a test expects a refusal it also sends the same request without
 * the fault and expects it to pass that check, so that a refusal for some
 * other reason cannot make it pass.
 *
 * Times are moved by editing the database (sessions, lockout), never by
 * sleeping; the only waits are for TOTP steps (harness.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "core/banned.h"

#define WRONG_LOGIN "Enter a correct username and password"

/* True if the agent is fully signed in: GET /sign-in sends a signed-in
 * user home (303 to "/") and shows anyone else the form (200).  Uses only
 * sign-in routes, so it works before any other page exists. */
static bool
signed_in(struct agent *a)
{
	long st = get(a, "/sign-in");

	if (st == 303) {
		const char *loc = agent_header(a, "Location");

		return loc != NULL && strcmp(loc, "/") == 0;
	}
	if (st != 200)
		fail_msg("GET /sign-in answered %ld", st);
	return false;
}

/* The session row's column for the agent's cookie. */
static char *
session_col(struct agent *a, const char *col)
{
	return sql(H.db, "SELECT %s FROM session WHERE token_hash = x'%s'",
	    col, agent_session_hash(a));
}

static void
expect_no_session_cookie_set(struct agent *a)
{
	char *sc = agent_set_cookie_header(a, "hearth_session");

	if (sc != NULL && strncmp(sc, "hearth_session=;", 16) != 0)
		fail_msg("a session cookie was set: %s", sc);
}

/* ------------------------------------------------------------ sign-in */

static void
test_signin_success(void **state)
{
	const char *user = h_username("social_worker");
	struct agent *a = agent_new();
	char *sc, *half, *full, *csrfc;

	(void)state;
	get(a, "/sign-in");
	expect_status(a, 200);
	csrfc = agent_set_cookie_header(a, "hearth_csrf");
	assert_non_null(csrfc);
	assert_non_null(strstr(csrfc, "HttpOnly"));
	assert_non_null(strstr(csrfc, "SameSite=Strict"));
	assert_null(strstr(csrfc, "Secure"));
	assert_false(signed_in(a));

	/* First sign-in: the password, then setting up the app. */
	sign_in_password(a, user, NULL);
	expect_redirect(a, "/sign-in/set-up-two-factor");
	half = agent_cookie(a, "hearth_session");
	assert_non_null(half);
	assert_string_equal(session_col(a, "stage"), "1");
	assert_false(signed_in(a));

	sign_in_second_factor(a, user, "/sign-in/set-up-two-factor");
	expect_redirect(a, "/");
	sc = agent_set_cookie_header(a, "hearth_session");
	assert_non_null(sc);
	if (strstr(sc, "; HttpOnly") == NULL || strstr(sc,
	    "; SameSite=Strict") == NULL || strstr(sc, "Secure") != NULL ||
	    strstr(sc, "Path=/") == NULL)
		fail_msg("session cookie over plain HTTP: %s", sc);
	full = agent_cookie(a, "hearth_session");
	assert_non_null(full);
	/* A new token at each step up. */
	assert_string_not_equal(half, full);
	assert_string_equal(session_col(a, "stage"), "2");
	assert_int_equal(sql_int(H.db, "SELECT staff_id FROM session WHERE "
	    "token_hash = x'%s'", agent_session_hash(a)), h_staff_id(user));
	assert_true(signed_in(a));

	/* The second time: the code page, not enrolment. */
	{
		struct agent *b = agent_new();

		sign_in_password(b, user, NULL);
		expect_redirect(b, "/sign-in/two-factor");
		sign_in_second_factor(b, user, NULL);
		expect_redirect(b, "/");
		assert_true(signed_in(b));
	}
}

static void
test_wrong_password_and_unknown_user(void **state)
{
	const char *user = h_username("cp_chair");
	struct agent *a = agent_new(), *b = agent_new();

	(void)state;
	sign_in_password(a, user, "not-the-password-at-all");
	expect_status(a, 401);
	expect_body_has(a, WRONG_LOGIN);
	expect_no_session_cookie_set(a);
	assert_null(agent_cookie(a, "hearth_session"));
	assert_false(signed_in(a));

	sign_in_password(b, "no.such.person", "not-the-password-at-all");
	expect_status(b, 401);
	expect_body_has(b, WRONG_LOGIN);
	expect_no_session_cookie_set(b);
	assert_null(agent_cookie(b, "hearth_session"));

	/* Neither answer says more than the other. */
	expect_body_lacks(a, "locked");
	expect_body_lacks(b, "locked");
	expect_body_lacks(b, "no such");
	expect_body_lacks(b, "not found");
}

static void
test_lockout(void **state)
{
	struct h_user *u;
	struct agent *a = agent_new();
	long long id;

	(void)state;
	u = h_add_user("lock.test", "social_worker", "Ashdown Vale Council",
	    NULL);
	id = h_staff_id(u->username);
	for (int i = 1; i <= 5; i++) {
		sign_in_password(a, u->username, "wrong-password-attempt");
		if (i < 5)
			expect_status(a, 401);
		else if (a->status != 401 && a->status != 429)
			fail_msg("5th wrong password answered %ld", a->status);
		expect_no_session_cookie_set(a);
	}
	assert_int_equal(sql_int(H.db, "SELECT failures FROM credential "
	    "WHERE staff_id = %lld", id), 5);

	/* The right password is refused now. */
	sign_in_password(a, u->username, NULL);
	expect_status(a, 429);
	expect_body_has(a, "locked");
	expect_no_session_cookie_set(a);
	assert_null(agent_cookie(a, "hearth_session"));
	assert_int_equal(sql_int(H.db, "SELECT failures FROM credential "
	    "WHERE staff_id = %lld", id), 5);

	/* 15 minutes later (901 s since the last failure) it works. */
	sql_all(H.db, "UPDATE credential SET last_failure = last_failure - 901 "
	    "WHERE staff_id = %lld", id);
	sign_in(a, u->username);
	assert_true(signed_in(a));
	assert_int_equal(sql_int(H.db, "SELECT failures FROM credential "
	    "WHERE staff_id = %lld", id), 0);
}

/* A 6-digit code valid at none of the steps from..to around now. */
static void
code_outside(const struct h_user *u, int64_t from, int64_t to,
    char out[AUTH_TOTP_CODE_TEXT])
{
	int64_t now = (int64_t)time(NULL) / AUTH_TOTP_STEP;

	for (char d = '0'; d <= '9'; d++) {
		bool clash = false;

		memset(out, d, AUTH_TOTP_DIGITS);
		out[AUTH_TOTP_DIGITS] = '\0';
		for (int64_t s = now + from; s <= now + to; s++) {
			char c[AUTH_TOTP_CODE_TEXT];

			assert_int_equal(auth_totp_code(u->secret,
			    s * AUTH_TOTP_STEP, c), HERR_OK);
			clash |= strcmp(c, out) == 0;
		}
		if (!clash)
			return;
	}
	fail_msg("no code outside the window");
}

static void
test_totp_codes(void **state)
{
	const char *user = h_username("fgc_coordinator");
	struct h_user *u = h_user(user);
	struct agent *a = agent_new(), *b = agent_new();
	char code[AUTH_TOTP_CODE_TEXT], used[AUTH_TOTP_CODE_TEXT], *csrf;
	const char *s;
	int64_t step, now;

	(void)state;
	sign_in_password(a, user, NULL);
	expect_redirect(a, "/sign-in/set-up-two-factor");
	get(a, "/sign-in/set-up-two-factor");
	expect_status(a, 200);
	s = strstr(body(a), "id=\"totp-secret\">");
	assert_non_null(s);
	s += strlen("id=\"totp-secret\">");
	assert_int_equal(strcspn(s, "<"), AUTH_TOTP_SECRET_TEXT - 1);
	memcpy(u->secret, s, AUTH_TOTP_SECRET_TEXT - 1);
	u->secret[AUTH_TOTP_SECRET_TEXT - 1] = '\0';
	csrf = page_csrf(a);
	assert_non_null(csrf);

	/* A wrong code. */
	code_outside(u, -2, 2, code);
	post_form(a, "/sign-in/set-up-two-factor", "csrf", csrf, "code", code,
	    NULL);
	expect_status(a, 401);
	expect_body_has(a, "Enter the 6-digit code");
	assert_false(signed_in(a));

	/* The code of two steps ago (not replayed: nothing used yet). */
	now = (int64_t)time(NULL) / AUTH_TOTP_STEP;
	{
		int64_t old = now - 2;
		char near[3][AUTH_TOTP_CODE_TEXT];

		for (int i = 0; i < 3; i++)
			assert_int_equal(auth_totp_code(u->secret, (now - 1 +
			    i) * AUTH_TOTP_STEP, near[i]), HERR_OK);
		for (;; old--) {
			assert_int_equal(auth_totp_code(u->secret, old *
			    AUTH_TOTP_STEP, code), HERR_OK);
			if (strcmp(code, near[0]) && strcmp(code, near[1]) &&
			    strcmp(code, near[2]))
				break;
		}
	}
	assert_int_equal(sql_int(H.db, "SELECT totp_last_step FROM credential "
	    "WHERE staff_id = %lld", h_staff_id(user)), 0);
	post_form(a, "/sign-in/set-up-two-factor", "csrf", csrf, "code", code,
	    NULL);
	expect_status(a, 401);
	assert_false(signed_in(a));

	/* The right code works (so the refusals were about the codes). */
	h_totp_code(u, used, &step);
	post_form(a, "/sign-in/set-up-two-factor", "csrf", csrf, "code", used,
	    NULL);
	expect_redirect(a, "/");
	assert_true(signed_in(a));
	assert_int_equal(sql_int(H.db, "SELECT totp_last_step FROM credential "
	    "WHERE staff_id = %lld", h_staff_id(user)), step);

	/* The same code again, in another browser: refused. */
	sign_in_password(b, user, NULL);
	expect_redirect(b, "/sign-in/two-factor");
	get(b, "/sign-in/two-factor");
	expect_status(b, 200);
	csrf = page_csrf(b);
	assert_non_null(csrf);
	post_form(b, "/sign-in/two-factor", "csrf", csrf, "code", used, NULL);
	expect_status(b, 401);
	assert_false(signed_in(b));

	/* A fresh code still works in that browser. */
	h_totp_code(u, code, &step);
	post_form(b, "/sign-in/two-factor", "csrf", csrf, "code", code, NULL);
	expect_redirect(b, "/");
	assert_true(signed_in(b));
}

/* ------------------------------------------------------------ CSRF */

static void
test_csrf_sign_in(void **state)
{
	struct agent *a = agent_new(), *other = agent_new();
	char *csrf, *theirs, wrong[AUTH_TOKEN_TEXT];

	(void)state;
	get(a, "/sign-in");
	expect_status(a, 200);
	csrf = page_csrf(a);
	assert_non_null(csrf);
	assert_string_equal(csrf, agent_cookie(a, "hearth_csrf"));
	get(other, "/sign-in");
	theirs = page_csrf(other);
	assert_non_null(theirs);
	assert_string_not_equal(csrf, theirs);
	assert_int_equal(auth_token_new(wrong), HERR_OK);

	post_form(a, "/sign-in", "username", "no.such.person", "password",
	    "whatever-it-is", NULL);
	expect_status(a, 403);
	post_form(a, "/sign-in", "csrf", wrong, "username", "no.such.person",
	    "password", "whatever-it-is", NULL);
	expect_status(a, 403);
	post_form(a, "/sign-in", "csrf", theirs, "username", "no.such.person",
	    "password", "whatever-it-is", NULL);
	expect_status(a, 403);
	post_form(a, "/sign-in", "csrf", "", "username", "no.such.person",
	    "password", "whatever-it-is", NULL);
	expect_status(a, 403);

	/* A token with no cookie to match. */
	{
		struct agent *c = agent_new();

		post_form(c, "/sign-in", "csrf", csrf, "username",
		    "no.such.person", "password", "whatever-it-is", NULL);
		expect_status(c, 403);
	}

	/* With its own token the same form reaches the password check. */
	post_form(a, "/sign-in", "csrf", csrf, "username", "no.such.person",
	    "password", "whatever-it-is", NULL);
	expect_status(a, 401);
}

static void
test_csrf_sign_out(void **state)
{
	struct agent *a = agent_signed_in(h_username("team_manager"));
	char *csrf = agent_session_csrf(a), wrong[AUTH_TOKEN_TEXT];

	(void)state;
	assert_int_equal(auth_token_new(wrong), HERR_OK);
	post_form(a, "/sign-out", NULL);
	expect_status(a, 403);
	assert_true(signed_in(a));
	post_form(a, "/sign-out", "csrf", wrong, NULL);
	expect_status(a, 403);
	assert_true(signed_in(a));
	/* The pre-sign-in token is not the session's. */
	post_form(a, "/sign-out", "csrf", agent_cookie(a, "hearth_csrf"),
	    NULL);
	expect_status(a, 403);
	assert_true(signed_in(a));
	assert_null(session_col(a, "ended"));

	/* The session's own token signs out. */
	post_form(a, "/sign-out", "csrf", csrf, NULL);
	expect_redirect(a, "/signed-out");
	assert_false(signed_in(a));
}

/* ------------------------------------------------------------ sessions */

static void
test_session_idle_timeout(void **state)
{
	struct agent *a = agent_signed_in(h_username("cp_chair"));
	char *hash = agent_session_hash(a);

	(void)state;
	assert_true(signed_in(a));
	assert_null(session_col(a, "ended"));
	/* 29 minutes idle: still live. */
	sql_all(H.db, "UPDATE session SET last_seen = last_seen - 1740 "
	    "WHERE token_hash = x'%s'", hash);
	assert_true(signed_in(a));
	/* 30 minutes and a second idle: gone. */
	sql_all(H.db, "UPDATE session SET last_seen = strftime('%%s', 'now') "
	    "- 1801 WHERE token_hash = x'%s'", hash);
	get(a, "/");
	expect_redirect(a, "/sign-in");
	if (sql(H.db, "SELECT ended FROM session WHERE token_hash = x'%s'",
	    hash) == NULL)
		fail_msg("the idle session was not ended");
	assert_false(signed_in(a));
}

static void
test_session_absolute_timeout(void **state)
{
	struct agent *a = agent_signed_in(h_username("da_victim_worker"));
	char *hash = agent_session_hash(a);

	(void)state;
	assert_true(signed_in(a));
	/* Busy all shift (never idle) but signed in 12 hours ago. */
	sql_all(H.db, "UPDATE session SET created = created - 43201 "
	    "WHERE token_hash = x'%s'", hash);
	get(a, "/");
	expect_redirect(a, "/sign-in");
	if (sql(H.db, "SELECT ended FROM session WHERE token_hash = x'%s'",
	    hash) == NULL)
		fail_msg("the expired session was not ended");
	assert_false(signed_in(a));
}

static void
test_sign_out_ends_session(void **state)
{
	struct agent *a = agent_signed_in(h_username("da_perpetrator_worker"));
	struct agent *copy = agent_new(), *later = agent_new();
	char *tok = agent_cookie(a, "hearth_session");
	char *hash = agent_session_hash(a);

	(void)state;
	/* The cookie alone is the session: a copy is signed in too. */
	agent_put_cookie(copy, "hearth_session", tok);
	assert_true(signed_in(copy));

	post_form(a, "/sign-out", "csrf", agent_session_csrf(a), NULL);
	expect_redirect(a, "/signed-out");
	{
		char *sc = agent_set_cookie_header(a, "hearth_session");

		assert_non_null(sc);
		assert_non_null(strstr(sc, "Max-Age=0"));
	}
	assert_null(agent_cookie(a, "hearth_session"));
	if (sql(H.db, "SELECT ended FROM session WHERE token_hash = x'%s'",
	    hash) == NULL)
		fail_msg("sign-out did not end the session row");
	get(a, "/signed-out");
	expect_status(a, 200);

	/* The old cookie, replayed, is worth nothing. */
	agent_put_cookie(later, "hearth_session", tok);
	get(later, "/");
	expect_redirect(later, "/sign-in");
	assert_false(signed_in(later));
}

static void
test_half_signed_in(void **state)
{
	const char *user = h_username("mental_health_worker");
	struct agent *a = agent_new();

	(void)state;
	sign_in_password(a, user, NULL);
	expect_status(a, 303);
	assert_non_null(agent_cookie(a, "hearth_session"));
	assert_string_equal(session_col(a, "stage"), "1");
	get(a, "/");
	expect_redirect(a, "/sign-in");
	assert_false(signed_in(a));
	/* It can still finish signing in. */
	sign_in_second_factor(a, user, "/sign-in/set-up-two-factor");
	expect_redirect(a, "/");
	assert_true(signed_in(a));
}

/* ------------------------------------------------------------ headers */

static void
expect_security_headers(struct agent *a, const char *what)
{
	char *csp = agent_header(a, "Content-Security-Policy");
	char *xcto = agent_header(a, "X-Content-Type-Options");
	char *rp = agent_header(a, "Referrer-Policy");

	if (csp == NULL)
		fail_msg("%s: no Content-Security-Policy", what);
	if (strstr(csp, "unsafe-inline") != NULL || strstr(csp,
	    "unsafe-eval") != NULL)
		fail_msg("%s: CSP allows unsafe code: %s", what, csp);
	if (strstr(csp, "frame-ancestors 'none'") == NULL)
		fail_msg("%s: CSP without frame-ancestors 'none': %s", what,
		    csp);
	if (strstr(csp, "script-src 'self'") == NULL && strstr(csp,
	    "default-src 'self'") == NULL)
		fail_msg("%s: CSP does not limit scripts: %s", what, csp);
	if (xcto == NULL || strcmp(xcto, "nosniff") != 0)
		fail_msg("%s: X-Content-Type-Options is %s", what,
		    xcto ? xcto : "missing");
	if (rp == NULL || strstr(rp, "unsafe-url") != NULL)
		fail_msg("%s: Referrer-Policy is %s", what, rp ? rp :
		    "missing");
	if (agent_header(a, "Strict-Transport-Security") != NULL)
		fail_msg("%s: HSTS over plain HTTP", what);
}

static void
test_security_headers(void **state)
{
	struct agent *a = agent_new();
	char *cc;

	(void)state;
	get(a, "/sign-in");
	expect_status(a, 200);
	expect_security_headers(a, "GET /sign-in");
	cc = agent_header(a, "Cache-Control");
	assert_non_null(cc);
	assert_non_null(strstr(cc, "no-store"));

	get(a, "/no-such-page");
	expect_status(a, 404);
	expect_security_headers(a, "a 404");

	/* A redirect: a page that needs a session, without one. */
	get(a, "/sign-in/two-factor");
	expect_redirect(a, "/sign-in");
	expect_security_headers(a, "a redirect");

	get(a, "/a/../sign-in");
	expect_status(a, 400);
	expect_security_headers(a, "a 400");

	get(a, "/assets/govuk-frontend.min.css");
	expect_status(a, 200);
	expect_security_headers(a, "a static file");
	cc = agent_header(a, "Cache-Control");
	if (cc == NULL || strstr(cc, "max-age=31536000") == NULL)
		fail_msg("static Cache-Control is %s", cc ? cc : "missing");
	assert_non_null(strstr(agent_header(a, "Content-Type"), "text/css"));
	assert_true(a->body.len > 1000);
	expect_body_has(a, ".govuk-");

	get(a, "/assets/no-such-file.css");
	expect_status(a, 404);
	expect_security_headers(a, "a missing static file");
}

/* ------------------------------------------------------------ input */

/* A fresh agent on the sign-in page; returns its form token. */
static char *
fresh_form(struct agent **a)
{
	char *csrf;

	*a = agent_new();
	get(*a, "/sign-in");
	expect_status(*a, 200);
	csrf = page_csrf(*a);
	assert_non_null(csrf);
	return csrf;
}

/* POST /sign-in with "csrf=<token>&" and then `rest` as it is. */
static long
post_signin_raw(struct agent *a, const char *csrf, const char *rest)
{
	char *b = h_printf("csrf=%s&%s", csrf, rest);

	return post_raw(a, "/sign-in", "application/x-www-form-urlencoded", b,
	    strlen(b));
}

static void
test_body_too_large(void **state)
{
	struct agent *a;
	char *csrf = fresh_form(&a);
	size_t n = 70 * 1024;
	char *big = malloc(n + 1);
	int k;

	(void)state;
	assert_non_null(h_keep(big));
	k = snprintf(big, n + 1, "csrf=%s&username=x&password=", csrf);
	memset(big + k, 'a', n - (size_t)k);
	big[n] = '\0';
	post_raw(a, "/sign-in", "application/x-www-form-urlencoded", big, n);
	expect_status(a, 413);
	expect_security_headers(a, "a 413");

	/* Just under the limit is read (and refused for what it says). */
	n = 64 * 1024 - 1;
	big[n] = '\0';
	post_raw(a, "/sign-in", "application/x-www-form-urlencoded", big, n);
	if (a->status == 413)
		fail_msg("a body of 64 KB - 1 bytes got 413");
}

static void
test_malformed_utf8(void **state)
{
	struct agent *a;
	char *csrf = fresh_form(&a);

	(void)state;
	post_signin_raw(a, csrf, "username=%C3%28&password=whatever-it-is");
	expect_status(a, 400);
	expect_security_headers(a, "a 400 for a form");
	assert_null(agent_cookie(a, "hearth_session"));
	/* An overlong encoding and a lone continuation byte. */
	post_signin_raw(a, csrf, "username=%C0%AF&password=whatever-it-is");
	expect_status(a, 400);
	post_signin_raw(a, csrf, "username=ab%80&password=whatever-it-is");
	expect_status(a, 400);
	/* Well-formed UTF-8 in the same place is read. */
	post_signin_raw(a, csrf, "username=%C3%A9mile&password=whatever-it-is");
	expect_status(a, 401);
}

static void
test_unknown_field(void **state)
{
	struct agent *a;
	char *csrf = fresh_form(&a);

	(void)state;
	post_signin_raw(a, csrf,
	    "username=no.such.person&password=whatever-it-is&extra=1");
	expect_status(a, 400);
	expect_body_has(a, "extra");
	post_signin_raw(a, csrf,
	    "username=no.such.person&password=whatever-it-is");
	expect_status(a, 401);
}

static void
test_bad_percent_escape(void **state)
{
	struct agent *a;
	char *csrf = fresh_form(&a);

	(void)state;
	post_signin_raw(a, csrf, "username=a%zzb&password=whatever-it-is");
	expect_status(a, 400);
	post_signin_raw(a, csrf, "username=ab%2&password=whatever-it-is");
	expect_status(a, 400);
	post_signin_raw(a, csrf, "username=ab&password=whatever-it-is%");
	expect_status(a, 400);
	post_signin_raw(a, csrf, "username=a%2Eb&password=whatever-it-is");
	expect_status(a, 401);

	/* In a query string and in a path too. */
	get(a, "%s", "/sign-in?x=%zz");
	expect_status(a, 400);
	get(a, "%s", "/sign-in%zz");
	expect_status(a, 400);
}

static void
test_dot_segments(void **state)
{
	struct agent *a = agent_new();

	(void)state;
	get(a, "/a/../sign-in");
	expect_status(a, 400);
	get(a, "/assets/../assets/hearth.css");
	expect_status(a, 400);
	get(a, "%s", "/a/%2e%2e/sign-in");
	expect_status(a, 400);
	get(a, "/sign-in/..");
	expect_status(a, 400);
	get(a, "/./sign-in");
	expect_status(a, 400);
	get(a, "/assets/hearth.css");
	expect_status(a, 200);
}

static void
test_unknown_path_and_method(void **state)
{
	struct agent *a = agent_new();
	char *allow;

	(void)state;
	get(a, "/no-such-page");
	expect_status(a, 404);
	expect_body_has(a, "Page not found");
	get(a, "/sign-in/nope");
	expect_status(a, 404);

	h_request(a, "DELETE", "/sign-in", NULL, NULL, 0);
	expect_status(a, 405);
	allow = agent_header(a, "Allow");
	if (allow == NULL || strstr(allow, "GET") == NULL ||
	    strstr(allow, "POST") == NULL || strstr(allow, "DELETE") != NULL)
		fail_msg("Allow: %s", allow ? allow : "(missing)");
	expect_security_headers(a, "a 405");
	h_request(a, "PUT", "/sign-out", "application/x-www-form-urlencoded",
	    "", 0);
	expect_status(a, 405);
	allow = agent_header(a, "Allow");
	assert_non_null(allow);
	assert_string_equal(allow, "POST");
}

/* ------------------------------------------------------------ audit */

static long long
audit_count(const char *action, const char *username)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE action = %s "
	    "AND username = %s", sql_quote(action), sql_quote(username));
}

static void
test_audit_of_sign_ins(void **state)
{
	const char *user = h_username("probation_officer");
	struct agent *a = agent_new(), *b = agent_new();
	long long failed0 = audit_count("sign_in_failed", user);
	long long ok0 = audit_count("sign_in", user);
	long long unknown0 = sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'sign_in_failed'");
	char *out = NULL;

	(void)state;
	sign_in_password(a, user, "wrong-password-attempt");
	expect_status(a, 401);
	assert_int_equal(audit_count("sign_in_failed", user), failed0 + 1);
	assert_int_equal(audit_count("sign_in", user), ok0);
	assert_int_equal(sql_int(H.db, "SELECT staff_id FROM audit WHERE "
	    "action = 'sign_in_failed' AND username = %s ORDER BY id DESC "
	    "LIMIT 1", sql_quote(user)), h_staff_id(user));

	/* An unknown username is recorded too, without inventing a person. */
	sign_in_password(b, "no.such.person", "wrong-password-attempt");
	expect_status(b, 401);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'sign_in_failed'"), unknown0 + 2);

	sign_in(a, user);
	assert_int_equal(audit_count("sign_in", user), ok0 + 1);
	assert_int_equal(sql_int(H.db, "SELECT subject_id FROM audit WHERE "
	    "action = 'sign_in' AND username = %s ORDER BY id DESC LIMIT 1",
	    sql_quote(user)), h_staff_id(user));

	if (h_audit_verify(&out) != 0)
		fail_msg("hearth audit verify failed: %s", out);
	assert_non_null(strstr(out, "verified"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_signin_success),
		H_TEST(test_wrong_password_and_unknown_user),
		H_TEST(test_lockout),
		H_TEST(test_totp_codes),
		H_TEST(test_csrf_sign_in),
		H_TEST(test_csrf_sign_out),
		H_TEST(test_session_idle_timeout),
		H_TEST(test_session_absolute_timeout),
		H_TEST(test_sign_out_ends_session),
		H_TEST(test_half_signed_in),
		H_TEST(test_security_headers),
		H_TEST(test_body_too_large),
		H_TEST(test_malformed_utf8),
		H_TEST(test_unknown_field),
		H_TEST(test_bad_percent_escape),
		H_TEST(test_dot_segments),
		H_TEST(test_unknown_path_and_method),
		H_TEST(test_audit_of_sign_ins),
	};

	return H_RUN(tests, h_setup);
}
