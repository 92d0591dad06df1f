/*
 * test_api.c: the JSON API (src/api/api.c) over real HTTP, against the
 * demo authority (seed 7).
 *
 * Tokens are made the way a person makes them: signed in to the pages,
 * POST /account/tokens, and the "hrth_..." text read off the page that
 * answers (the only time it is shown).  Then, with nothing but that token:
 * authentication (401 with WWW-Authenticate for no, malformed, unknown or
 * revoked tokens; a session cookie is no substitute), the same access rules
 * as the pages (a record the user may not see is 404, the same bytes as a
 * record that does not exist, and nothing about it is audited; search never
 * lists it), audit rows written before the answer, edits with version
 * checks (409 with the current version), strict bodies (415, 400 for
 * malformed JSON, unknown keys and wrong types, 422 for values the core
 * refuses, 413 for oversize), hostile text stored and returned byte for
 * byte, and the audit chain valid after it all.
 *
 * Every answer from /api/ is checked to be JSON (application/json or
 * application/problem+json, a problem's "status" the HTTP status) by the
 * request helper itself, except a 413 (see test_oversize_body).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "core/chronology.h"
#include "core/banned.h"

#define NO_SUCH_ID 99999999LL

/* ------------------------------------------------------------ helpers */

/* JSON values parsed in one test, released after it. */
static struct {
	json_t *v[256];
	int n;
} t_json;

static int
t_after(void **state)
{
	for (int i = 0; i < t_json.n; i++)
		json_decref(t_json.v[i]);
	t_json.n = 0;
	return h_after(state);
}

#define T_TEST(f) cmocka_unit_test_teardown(f, t_after)

static json_t *
t_keep(json_t *v)
{
	if (v == NULL)
		return NULL;
	if (t_json.n >= (int)(sizeof(t_json.v) / sizeof(t_json.v[0])))
		fail_msg("more than 256 JSON values in one test");
	t_json.v[t_json.n++] = v;
	return v;
}

/* Tokens made once per user for the whole program. */
static struct {
	char user[H_USERS][72];
	char token[H_USERS][AUTH_API_TOKEN_TEXT];
	int n;
} t_tokens;

/*
 * A live API token for username, made on the account page by that user
 * signed in (agent_as): the page answers 201 and shows it once.
 */
static const char *
token_for(const char *username)
{
	struct agent *a;
	const char *p;
	char *csrf;
	size_t n;
	int i;

	for (i = 0; i < t_tokens.n; i++)
		if (strcmp(t_tokens.user[i], username) == 0)
			return t_tokens.token[i];
	if (t_tokens.n >= H_USERS)
		fail_msg("too many token users");
	a = agent_as(username);
	get(a, "/account");
	expect_status(a, 200);
	csrf = page_csrf(a);
	assert_non_null(csrf);
	post_form(a, "/account/tokens", "csrf", csrf, "name", "test_api.c",
	    NULL);
	expect_status(a, 201);
	p = strstr(body(a), "id=\"api-token\">");
	if (p == NULL)
		fail_msg("the token page shows no #api-token:\n%.3000s",
		    h_shown(a));
	p += strlen("id=\"api-token\">");
	n = strcspn(p, "<");
	if (n != AUTH_API_TOKEN_TEXT - 1 || strncmp(p, "hrth_", 5) != 0)
		fail_msg("the token shown is \"%.*s\"", (int)n, p);
	i = t_tokens.n++;
	snprintf(t_tokens.user[i], sizeof(t_tokens.user[i]), "%s", username);
	memcpy(t_tokens.token[i], p, n);
	t_tokens.token[i][n] = '\0';
	return t_tokens.token[i];
}

static const char *
sw_user(void)
{
	return h_username("social_worker");
}

static const char *
sw_token(void)
{
	return token_for(sw_user());
}

/*
 * One API request: as h_request, with "Authorization: <auth>" when auth
 * is not NULL.  Fails the test unless the answer is JSON (both media
 * types; a problem's "status" member equal to the HTTP status), except
 * for a 413.  Returns the status.
 */
static long
api_auth(struct agent *a, const char *method, const char *path,
    const char *auth, const char *ctype, const void *b, size_t len)
{
	struct curl_slist *hl = NULL;
	char *url = h_printf("%s%s", H.base, path);
	const char *ct;
	CURLcode rc;

	hbuf_reset(&a->hdr);
	hbuf_reset(&a->body);
	a->status = 0;
	a->err[0] = '\0';
	curl_easy_setopt(a->c, CURLOPT_URL, url);
	curl_easy_setopt(a->c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(a->c, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(a->c, CURLOPT_CUSTOMREQUEST, NULL);
	hl = curl_slist_append(hl, "Expect:");
	if (auth != NULL)
		hl = curl_slist_append(hl, h_printf("Authorization: %s",
		    auth));
	if (b != NULL) {
		curl_easy_setopt(a->c, CURLOPT_POST, 1L);
		curl_easy_setopt(a->c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
		curl_easy_setopt(a->c, CURLOPT_COPYPOSTFIELDS, (const char *)b);
		hl = curl_slist_append(hl, h_printf("Content-Type: %s",
		    ctype != NULL ? ctype : "application/octet-stream"));
	}
	if (strcmp(method, "GET") != 0 && (b == NULL ||
	    strcmp(method, "POST") != 0))
		curl_easy_setopt(a->c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(a->c, CURLOPT_HTTPHEADER, hl);
	rc = curl_easy_perform(a->c);
	curl_easy_setopt(a->c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hl);
	if (rc != CURLE_OK) {
		(void)h_server_alive();
		fail_msg("%s %s: no answer: %s (%s)", method, path,
		    curl_easy_strerror(rc), a->err);
	}
	curl_easy_getinfo(a->c, CURLINFO_RESPONSE_CODE, &a->status);
	if (a->status == 413)
		return a->status;
	ct = agent_header(a, "Content-Type");
	if (ct == NULL || (strcmp(ct, "application/json") != 0 &&
	    strcmp(ct, "application/problem+json") != 0))
		fail_msg("%s %s answered %ld with Content-Type %s:\n%.2000s",
		    method, path, a->status, ct ? ct : "(none)", body(a));
	{
		json_error_t err;
		json_t *j = t_keep(json_loadb(a->body.p, a->body.len, 0, &err));

		if (j == NULL)
			fail_msg("%s %s answered %ld with a body that is not "
			    "JSON (%s):\n%.2000s", method, path, a->status,
			    err.text, body(a));
		if (strcmp(ct, "application/problem+json") == 0 &&
		    json_integer_value(json_object_get(j, "status")) !=
		    a->status)
			fail_msg("%s %s: the problem's status is not %ld:\n"
			    "%.2000s", method, path, a->status, body(a));
		if ((a->status >= 400) != (strcmp(ct,
		    "application/problem+json") == 0))
			fail_msg("%s %s answered %ld as %s", method, path,
			    a->status, ct);
	}
	return a->status;
}

/* As the user with `token`. */
static long
api(struct agent *a, const char *method, const char *path,
    const char *token, const char *ctype, const void *b, size_t len)
{
	return api_auth(a, method, path, h_printf("Bearer %s", token), ctype,
	    b, len);
}

static long api_get(struct agent *a, const char *token, const char *fmt,
    ...) H_PRINTF(3, 4);

static long
api_get(struct agent *a, const char *token, const char *fmt, ...)
{
	va_list ap;
	char *path;

	va_start(ap, fmt);
	path = h_vprintf(fmt, ap);
	va_end(ap);
	return api(a, "GET", path, token, NULL, NULL, 0);
}

/* Send a JSON value (encoded by jansson, so any text is escaped right). */
static long
api_send(struct agent *a, const char *method, const char *path,
    const char *token, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);
	long st;

	json_decref(v);
	assert_non_null(s);
	h_keep(s);
	st = api(a, method, path, token, "application/json", s, strlen(s));
	return st;
}

/* The last answer's JSON (kept for the test). */
static json_t *
jbody(struct agent *a)
{
	json_error_t err;
	json_t *j = t_keep(json_loadb(a->body.p, a->body.len, 0, &err));

	if (j == NULL)
		fail_msg("not JSON (%s):\n%.2000s", err.text, body(a));
	return j;
}

static const char *
jget_s(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		fail_msg("\"%s\" is not a string in %s", key,
		    h_keep(json_dumps(o, JSON_COMPACT)));
	return json_string_value(v);
}

static long long
jget_i(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("\"%s\" is not an integer in %s", key,
		    h_keep(json_dumps(o, JSON_COMPACT)));
	return (long long)json_integer_value(v);
}

#define expect_api(a, want) do {					\
	if ((a)->status != (want))					\
		fail_msg("status %ld, expected %d:\n%.3000s",		\
		    (a)->status, (int)(want), body(a));			\
} while (0)

/* The field named by the first of a problem's errors. */
static const char *
first_error_field(struct agent *a)
{
	json_t *e = json_array_get(json_object_get(jbody(a), "errors"), 0);

	if (e == NULL)
		fail_msg("the problem lists no errors:\n%s", body(a));
	return jget_s(e, "field");
}

static void
expect_chain_valid(void)
{
	char *out = NULL;
	int rc = h_audit_verify(&out);

	if (rc != 0)
		fail_msg("hearth audit verify exited %d: %s", rc, out);
}

/* tmpl with every "%lld" replaced by v (kept): for templates kept in
 * tables, which may not be printf formats under -Wformat=2. */
static char *
fill(const char *tmpl, long long v)
{
	struct hbuf b = { 0 };
	char num[24];
	const char *p;

	snprintf(num, sizeof(num), "%lld", v);
	hbuf_reset(&b);
	while ((p = strstr(tmpl, "%lld")) != NULL) {
		hbuf_add(&b, tmpl, (size_t)(p - tmpl));
		hbuf_add(&b, num, strlen(num));
		tmpl = p + 4;
	}
	hbuf_add(&b, tmpl, strlen(tmpl));
	return h_keep(b.p);
}

static long long
sw_id(void)
{
	return h_staff_id(sw_user());
}

/*
 * The k-th (from 0) child the social worker sees through a colleague:
 * allocated now (itself) to another current member of one of their
 * teams, not restricted, not allocated to the social worker ever.
 */
static long long
team_child(int k)
{
	long long me = sw_id();
	char *id = sql(H.db, "SELECT DISTINCT c.person_id FROM child c "
	    "JOIN allocation a ON a.child_id = c.person_id AND " H_CUR("a")
	    " JOIN team_member tm ON tm.staff_id = a.staff_id AND "
	    H_CUR("tm") " JOIN team_member me ON me.team_id = tm.team_id "
	    "AND me.staff_id = %lld AND " H_CUR("me") " WHERE "
	    "a.staff_id <> %lld AND NOT EXISTS (SELECT 1 FROM restriction r "
	    "WHERE r.child_id = c.person_id) AND NOT EXISTS (SELECT 1 FROM "
	    "allocation x WHERE x.staff_id = %lld AND x.child_id = "
	    "c.person_id) ORDER BY c.person_id LIMIT 1 OFFSET %d", me, me,
	    me, k);

	if (id == NULL || id[0] == '\0')
		fail_msg("the demo has no child %d allocated to a colleague of "
		    "the social worker", k);
	return strtoll(id, NULL, 10);
}

/* The k-th child the social worker has no relationship with, living now
 * in a household they have none with either (*hh, may be NULL). */
static long long
unrelated_child(int k, long long *hh)
{
	long long me = sw_id();
	char *row = sql_all(H.db, "SELECT c.person_id, min(hm.household_id) "
	    "FROM child c JOIN household_member hm ON hm.person_id = "
	    "c.person_id AND (hm.end_date IS NULL OR hm.end_date >= "
	    H_TODAY ") WHERE NOT %s AND NOT %s AND NOT EXISTS (SELECT 1 "
	    "FROM restriction r WHERE r.child_id = c.person_id) GROUP BY "
	    "c.person_id ORDER BY c.person_id LIMIT 1 OFFSET %d",
	    h_sql_sees_child(me, "c.person_id"),
	    h_sql_sees_household(me, "hm.household_id"), k);
	char *sep = strstr(row, H_SEP);

	if (row[0] == '\0' || sep == NULL)
		fail_msg("the demo has no child %d unrelated to the social "
		    "worker", k);
	if (hh != NULL)
		*hh = strtoll(sep + 1, NULL, 10);
	return strtoll(row, NULL, 10);
}

static long long
audit_count(const char *action, const char *kind, long long subject,
    const char *username)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE action = %s "
	    "AND subject_kind = %s AND (%lld = 0 OR subject_id = %lld) AND "
	    "username = %s", sql_quote(action), sql_quote(kind), subject,
	    subject, sql_quote(username));
}

static long long
child_version(long long child)
{
	return sql_int(H.db, "SELECT version FROM person WHERE id = %lld",
	    child);
}

/* Fail unless the last answer is 404 with exactly the bytes `want`. */
static void
expect_same_404(struct agent *a, const char *what, const char *want,
    size_t wlen)
{
	if (a->status != 404)
		fail_msg("%s answered %ld, not 404:\n%.2000s", what, a->status,
		    body(a));
	if (a->body.len != wlen || memcmp(a->body.p, want, wlen) != 0)
		fail_msg("%s: the 404 differs from a missing record's:\n%s\n"
		    "----- versus -----\n%s", what, body(a), want);
}

/* ------------------------------------------------------------ tests */

static void
test_no_token_is_401(void **state)
{
	struct agent *a = agent_new();
	struct agent *signed_in = agent_as(sw_user());
	char *wa;

	(void)state;
	api_auth(a, "GET", "/api/v1/me", NULL, NULL, NULL, 0);
	expect_api(a, 401);
	wa = agent_header(a, "WWW-Authenticate");
	if (wa == NULL || strncmp(wa, "Bearer", 6) != 0)
		fail_msg("401 without a Bearer challenge: %s", a->hdr.p);
	assert_string_equal(agent_header(a, "Content-Type"),
	    "application/problem+json");
	assert_int_equal(jget_i(jbody(a), "status"), 401);
	api_auth(a, "GET", h_printf("/api/v1/children/%lld", team_child(0)),
	    NULL, NULL, NULL, 0);
	expect_api(a, 401);

	/* A browser's session is no key to the API. */
	api_auth(signed_in, "GET", "/api/v1/me", NULL, NULL, NULL, 0);
	expect_api(signed_in, 401);
	assert_non_null(agent_header(signed_in, "WWW-Authenticate"));
}

static void
test_bad_tokens_are_401(void **state)
{
	struct agent *a = agent_new();
	const char *good = sw_token();
	static const char *const bad[] = {
		"Bearer ",
		"Bearer hrth_",
		"Bearer hrth_short",
		"Bearer hrth_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
		"Bearer hrth_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"Bearer xxxx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"Basic c29jaWFsOndvcmtlcg==",
		"bearer hrth_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};
	char *unknown = h_strdup(good);
	char *lower;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		api_auth(a, "GET", "/api/v1/me", bad[i], NULL, NULL, 0);
		if (a->status != 401)
			fail_msg("\"%s\" answered %ld", bad[i], a->status);
		assert_non_null(agent_header(a, "WWW-Authenticate"));
	}
	/* Well formed, but not one that was ever made. */
	unknown[10] = unknown[10] == 'A' ? 'B' : 'A';
	api(a, "GET", "/api/v1/me", unknown, NULL, NULL, 0);
	expect_api(a, 401);
	/* The good one, with its secret part's case changed, is not it. */
	lower = h_strdup(good);
	for (char *p = lower + 5; *p; p++)
		if (*p >= 'A' && *p <= 'Z') {
			*p = (char)(*p - 'A' + 'a');
			break;
		}
	if (strcmp(lower, good) != 0) {
		api(a, "GET", "/api/v1/me", lower, NULL, NULL, 0);
		expect_api(a, 401);
	}
	api(a, "GET", "/api/v1/me", good, NULL, NULL, 0);
	expect_api(a, 200);
}

static void
test_revoked_token_is_401(void **state)
{
	const char *user = h_username("team_manager");
	struct agent *b = agent_as(user);
	struct agent *a = agent_new();
	char *csrf, *tok, *id;
	const char *p;

	(void)state;
	/* A second token of the manager's, to revoke. */
	get(b, "/account");
	expect_status(b, 200);
	csrf = page_csrf(b);
	post_form(b, "/account/tokens", "csrf", csrf, "name", "to revoke",
	    NULL);
	expect_status(b, 201);
	p = strstr(body(b), "id=\"api-token\">");
	assert_non_null(p);
	p += strlen("id=\"api-token\">");
	tok = h_strndup(p, strcspn(p, "<"));
	api(a, "GET", "/api/v1/me", tok, NULL, NULL, 0);
	expect_api(a, 200);
	assert_string_equal(jget_s(jbody(a), "username"), user);

	id = sql(H.db, "SELECT max(id) FROM api_token WHERE name = 'to revoke' "
	    "AND staff_id = %lld", h_staff_id(user));
	assert_non_null(id);
	post_form(b, h_printf("/account/tokens/%s/revoke", id), "csrf",
	    agent_session_csrf(b), NULL);
	expect_status(b, 303);
	api(a, "GET", "/api/v1/me", tok, NULL, NULL, 0);
	expect_api(a, 401);
	assert_non_null(agent_header(a, "WWW-Authenticate"));
	/* Only that one: the manager's other token still works. */
	api(a, "GET", "/api/v1/me", token_for(user), NULL, NULL, 0);
	expect_api(a, 200);
}

static void
test_me(void **state)
{
	struct agent *a = agent_new();
	json_t *j;

	(void)state;
	api_get(a, sw_token(), "/api/v1/me");
	expect_api(a, 200);
	assert_string_equal(agent_header(a, "Content-Type"),
	    "application/json");
	j = jbody(a);
	assert_string_equal(jget_s(j, "username"), sw_user());
	assert_int_equal(jget_i(j, "id"), sw_id());
	assert_string_equal(jget_s(j, "role"), "social_worker");
	assert_true(json_is_array(json_object_get(j, "teams")));
	/* The security headers are on API answers too. */
	assert_string_equal(agent_header(a, "X-Content-Type-Options"),
	    "nosniff");
	assert_string_equal(agent_header(a, "Cache-Control"), "no-store");
	/* It takes no parameters. */
	api_get(a, sw_token(), "/api/v1/me?x=1");
	expect_api(a, 400);
}

static void
test_child_allowed_is_audited(void **state)
{
	struct agent *a = agent_new();
	const char *user = sw_user();
	long long child = team_child(0);
	long long before = audit_count("view", "child", child, user);
	json_t *j;

	(void)state;
	api_get(a, sw_token(), "/api/v1/children/%lld", child);
	expect_api(a, 200);
	/* Recorded before the answer: checked before any other request. */
	assert_int_equal(audit_count("view", "child", child, user),
	    before + 1);
	assert_string_equal(sql(H.db, "SELECT route FROM audit WHERE action = "
	    "'view' AND subject_id = %lld ORDER BY id DESC LIMIT 1", child),
	    h_printf("GET /api/v1/children/%lld", child));
	j = jbody(a);
	assert_int_equal(jget_i(j, "id"), child);
	assert_string_equal(jget_s(j, "given_name"), sql(H.db, "SELECT "
	    "given_name FROM person WHERE id = %lld", child));
	assert_string_equal(jget_s(j, "la_child_id"), sql(H.db, "SELECT "
	    "la_child_id FROM child WHERE person_id = %lld", child));
	assert_int_equal(jget_i(j, "version"), child_version(child));
	assert_true(json_is_array(json_object_get(j, "households")));
	assert_true(json_is_array(json_object_get(j, "relationships")));
	assert_true(json_is_array(json_object_get(j, "chronology")));
	assert_true(json_is_array(json_object_get(j, "cin_episodes")));
	/* Its allocations, current and past, include the colleague's. */
	{
		json_t *al = json_object_get(j, "allocations");
		size_t i;
		json_t *x;
		bool found = false;
		long long n = sql_int(H.db, "SELECT count(*) FROM allocation "
		    "WHERE child_id = %lld", child);

		assert_true(json_is_array(al));
		assert_true((long long)json_array_size(al) >= n);
		json_array_foreach(al, i, x)
			if (json_is_true(json_object_get(x, "current")) &&
			    json_integer_value(json_object_get(x,
			    "child_id")) == child)
				found = true;
		assert_true(found);
	}
	/* Every household listed is one the child lived in. */
	{
		json_t *hh = json_object_get(j, "households"), *x;
		size_t i;

		json_array_foreach(hh, i, x)
			assert_int_equal(sql_int(H.db, "SELECT count(*) FROM "
			    "household_member WHERE person_id = %lld AND "
			    "household_id = %lld", child, jget_i(x,
			    "household_id")) > 0, 1);
	}
	expect_chain_valid();
}

static void
test_denied_is_same_404(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token(), *user = sw_user();
	long long hh, child = unrelated_child(0, &hh);
	long long other_team = sql_int(H.db, "SELECT min(id) FROM team WHERE "
	    "id NOT IN (SELECT team_id FROM team_member tm WHERE staff_id = "
	    "%lld AND " H_CUR("tm") ")", sw_id());
	char *want;
	size_t wlen;
	long long version = child_version(child);
	json_t *put = json_pack("{s:I, s:s}", "version", (json_int_t)version,
	    "given_name", "Changed");
	char *put_s = h_keep(json_dumps(put, JSON_COMPACT));
	const char *chron = "{\"event_date\":\"2024-01-02\",\"category\":"
	    "\"Other\",\"summary\":\"x\"}";
	struct {
		const char *method, *fmt, *body;
	} req[] = {
		{ "GET", "/api/v1/children/%lld", NULL },
		{ "PUT", "/api/v1/children/%lld", put_s },
		{ "POST", "/api/v1/children/%lld/chronology", chron },
		{ "GET", "/api/v1/families/%lld", NULL },
		{ "GET", "/api/v1/teams/%lld", NULL },
	};
	long long ids[] = { child, child, child, hh, other_team };

	(void)state;
	json_decref(put);
	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		char *missing = fill(req[i].fmt, NO_SUCH_ID);
		char *path = fill(req[i].fmt, ids[i]);
		size_t blen = req[i].body ? strlen(req[i].body) : 0;

		api(a, req[i].method, missing, tok, req[i].body ?
		    "application/json" : NULL, req[i].body, blen);
		expect_api(a, 404);
		wlen = a->body.len;
		want = h_strndup(a->body.p, wlen);
		api(a, req[i].method, path, tok, req[i].body ?
		    "application/json" : NULL, req[i].body, blen);
		expect_same_404(a, h_printf("%s %s", req[i].method, path),
		    want, wlen);
	}
	/* Nothing was shown or changed, so nothing is recorded. */
	assert_int_equal(audit_count("view", "child", child, user), 0);
	assert_int_equal(audit_count("edit", "child", child, user), 0);
	assert_int_equal(audit_count("view", "household", hh, user), 0);
	assert_int_equal(child_version(child), version);
	assert_string_not_equal(sql(H.db, "SELECT given_name FROM person "
	    "WHERE id = %lld", child), "Changed");
	expect_chain_valid();
}

static void
test_partner_unshared_is_404(void **state)
{
	const char *user = h_username("partner_practitioner");
	const char *tok = token_for(user);
	struct agent *a = agent_new();
	long long agency = sql_int(H.db, "SELECT agency_id FROM staff WHERE "
	    "username = %s", sql_quote(user));
	long long child = unrelated_child(1, NULL);
	char *want;
	size_t wlen;
	json_t *j;

	(void)state;
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM record_share "
	    "WHERE child_id = %lld AND agency_id = %lld", child, agency), 0);
	api_get(a, tok, "/api/v1/children/%lld", NO_SUCH_ID);
	expect_api(a, 404);
	wlen = a->body.len;
	want = h_strndup(a->body.p, wlen);
	api_get(a, tok, "/api/v1/children/%lld", child);
	expect_same_404(a, "unshared child", want, wlen);
	assert_int_equal(audit_count("view", "child", child, user), 0);

	/* Shared with their agency: they may read it, never change it. */
	sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
	    "start_date, reason) VALUES (%lld, %lld, " H_TODAY ", "
	    "'Strategy discussion: police share')", child, agency);
	api_get(a, tok, "/api/v1/children/%lld", child);
	expect_api(a, 200);
	assert_int_equal(jget_i(jbody(a), "id"), child);
	assert_int_equal(audit_count("view", "child", child, user), 1);
	api_send(a, "PUT", h_printf("/api/v1/children/%lld", child), tok,
	    json_pack("{s:I, s:s}", "version", (json_int_t)child_version(
	    child), "given_name", "Changed"));
	expect_api(a, 403);
	j = jbody(a);
	assert_string_equal(jget_s(j, "title"), "You cannot change this "
	    "record");
	api_send(a, "POST", h_printf("/api/v1/children/%lld/chronology",
	    child), tok, json_pack("{s:s, s:s, s:s}", "event_date",
	    h_today(), "category", "Other", "summary", "From the police"));
	expect_api(a, 403);
	assert_int_equal(audit_count("edit", "child", child, user), 0);
	assert_string_not_equal(sql(H.db, "SELECT given_name FROM person "
	    "WHERE id = %lld", child), "Changed");
	/* Search finds only what is shared. */
	api_get(a, tok, "/api/v1/children?q=%s", sql(H.db, "SELECT "
	    "la_child_id FROM child WHERE person_id = %lld", child));
	expect_api(a, 200);
	assert_int_equal(jget_i(json_array_get(json_object_get(jbody(a),
	    "results"), 0), "id"), child);
	expect_chain_valid();
}

/* True if a search answer lists child `id`. */
static bool
results_have(struct agent *a, long long id)
{
	json_t *r = json_object_get(jbody(a), "results"), *x;
	size_t i;

	if (!json_is_array(r))
		fail_msg("no results array:\n%s", body(a));
	json_array_foreach(r, i, x)
		if (jget_i(x, "id") == id)
			return true;
	return false;
}

static void
test_search(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token(), *user = sw_user();
	long long hidden = unrelated_child(0, NULL), seen = team_child(0);
	long long searches = audit_count("search", "none", 0, user);
	const char *hidden_family = sql(H.db, "SELECT family_name FROM person "
	    "WHERE id = %lld", hidden);
	const char *hidden_lacid = sql(H.db, "SELECT la_child_id FROM child "
	    "WHERE person_id = %lld", hidden);
	const char *seen_family = sql(H.db, "SELECT family_name FROM person "
	    "WHERE id = %lld", seen);
	const char *seen_dob = sql(H.db, "SELECT birth_date FROM person WHERE "
	    "id = %lld", seen);
	char *q;
	json_t *j, *x;
	size_t i;

	(void)state;
	q = curl_easy_escape(a->c, hidden_family, 0);
	api_get(a, tok, "/api/v1/children?q=%s", h_strdup(q));
	curl_free(q);
	expect_api(a, 200);
	assert_false(results_have(a, hidden));
	assert_int_equal(audit_count("search", "none", 0, user), searches + 1);
	/* Every child listed is one the worker may see. */
	json_array_foreach(json_object_get(jbody(a), "results"), i, x)
		assert_int_equal(sql_int(H.db, "SELECT %s", h_sql_sees_child(
		    sw_id(), h_printf("%lld", jget_i(x, "id")))), 1);
	api_get(a, tok, "/api/v1/children?q=%s", hidden_lacid);
	expect_api(a, 200);
	assert_false(results_have(a, hidden));
	assert_int_equal(jget_i(jbody(a), "count"), 0);
	assert_int_equal(audit_count("search", "none", 0, user), searches + 2);

	/*
	 * A share with the worker's own agency (a local authority) makes the
	 * child a search candidate for the store, but gives a case worker
	 * nothing (access.c): the API's own check must drop it.
	 */
	sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
	    "start_date, reason) SELECT %lld, agency_id, " H_TODAY ", "
	    "'Shared with the council by mistake' FROM staff WHERE id = %lld",
	    hidden, sw_id());
	api_get(a, tok, "/api/v1/children?q=%s", hidden_lacid);
	expect_api(a, 200);
	assert_false(results_have(a, hidden));
	assert_int_equal(jget_i(jbody(a), "count"), 0);
	api_get(a, tok, "/api/v1/children/%lld", hidden);
	expect_api(a, 404);

	/* The same search finds a child they may see, with a date too. */
	q = curl_easy_escape(a->c, seen_family, 0);
	api_get(a, tok, "/api/v1/children?q=%s", h_strdup(q));
	expect_api(a, 200);
	assert_true(results_have(a, seen));
	j = jbody(a);
	assert_true(json_is_boolean(json_object_get(j, "truncated")));
	assert_true(json_array_size(json_object_get(j, "results")) <= 50);
	if (seen_dob != NULL && seen_dob[0] != '\0') {
		api_get(a, tok, "/api/v1/children?q=%s&dob=%s", h_strdup(q),
		    seen_dob);
		expect_api(a, 200);
		assert_true(results_have(a, seen));
	}
	curl_free(q);

	/* A restricted record is listed, marked. */
	{
		long long r = team_child(5);
		const char *lacid = sql(H.db, "SELECT la_child_id FROM child "
		    "WHERE person_id = %lld", r);

		sql_all(H.db, "INSERT INTO restriction (child_id, reason, "
		    "set_at) VALUES (%lld, 'Adoption placement address', "
		    "CAST(strftime('%%s', 'now') AS INTEGER))", r);
		api_get(a, tok, "/api/v1/children?q=%s", lacid);
		expect_api(a, 200);
		assert_true(results_have(a, r));
		x = json_array_get(json_object_get(jbody(a), "results"), 0);
		assert_true(json_is_true(json_object_get(x, "restricted")));
		/* And its record needs the glass broken first. */
		api_get(a, tok, "/api/v1/children/%lld", r);
		expect_api(a, 403);
		assert_null(json_object_get(jbody(a), "given_name"));
	}

	/* A date that is no date, or a parameter it does not take. */
	searches = audit_count("search", "none", 0, user);
	api_get(a, tok, "/api/v1/children?q=smith&dob=2015-02-30");
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "dob");
	api_get(a, tok, "/api/v1/children?dob=last-tuesday");
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "dob");
	api_get(a, tok, "/api/v1/children?q=smith&sort=name");
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "sort");
	api_get(a, tok, "/api/v1/children");
	expect_api(a, 400);
	assert_int_equal(audit_count("search", "none", 0, user), searches);

	/* A name common enough to fill a page says so. */
	{
		const char *common = sql(H.db, "SELECT substr(family_name, 1, "
		    "1) FROM person p JOIN child c ON c.person_id = p.id "
		    "WHERE %s GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
		    h_sql_sees_child(sw_id(), "c.person_id"));
		long long visible = sql_int(H.db, "SELECT count(*) FROM child "
		    "c JOIN person p ON p.id = c.person_id WHERE "
		    "p.family_name LIKE %s AND %s", sql_quote(h_printf("%s%%",
		    common)), h_sql_sees_child(sw_id(), "c.person_id"));

		api_get(a, tok, "/api/v1/children?q=%s", common);
		expect_api(a, 200);
		j = jbody(a);
		assert_true(json_array_size(json_object_get(j, "results")) <=
		    50);
		if (visible > 50)
			assert_true(json_is_true(json_object_get(j,
			    "truncated")));
	}
	expect_chain_valid();
}

static void
test_put_child(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token(), *user = sw_user();
	long long child = team_child(1);
	const char *path = h_printf("/api/v1/children/%lld", child);
	long long v = child_version(child);
	long long edits = audit_count("edit", "child", child, user);
	json_t *j;

	(void)state;
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s, s:s}", "version",
	    (json_int_t)v, "given_name", "Alexandra", "family_name",
	    "Okonkwo-Smith"));
	expect_api(a, 200);
	j = jbody(a);
	assert_int_equal(jget_i(j, "id"), child);
	assert_string_equal(jget_s(j, "given_name"), "Alexandra");
	assert_string_equal(jget_s(j, "family_name"), "Okonkwo-Smith");
	assert_int_equal(jget_i(j, "version"), v + 1);
	assert_int_equal(child_version(child), v + 1);
	assert_string_equal(sql(H.db, "SELECT given_name FROM person WHERE id "
	    "= %lld", child), "Alexandra");
	assert_int_equal(sql_int(H.db, "SELECT updated_by FROM person WHERE "
	    "id = %lld", child), sw_id());
	assert_int_equal(audit_count("edit", "child", child, user), edits + 1);
	assert_string_equal(sql(H.db, "SELECT route FROM audit WHERE action = "
	    "'edit' AND subject_id = %lld ORDER BY id DESC LIMIT 1", child),
	    h_printf("PUT /api/v1/children/%lld", child));

	/* null clears what may be empty; the reply shows it. */
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:n, s:s}", "version",
	    (json_int_t)(v + 1), "upn", "upn_unknown", "UN1"));
	expect_api(a, 200);
	j = jbody(a);
	assert_true(json_is_null(json_object_get(j, "upn")));
	assert_string_equal(jget_s(j, "upn_unknown"), "UN1");

	/* Then the GET shows what was saved. */
	api_get(a, tok, "%s", path);
	expect_api(a, 200);
	assert_string_equal(jget_s(jbody(a), "given_name"), "Alexandra");
	assert_int_equal(jget_i(jbody(a), "version"), v + 2);
	expect_chain_valid();
}

static void
test_put_stale_version_is_409(void **state)
{
	struct agent *a = agent_new(), *b = agent_new();
	const char *mu = h_username("team_manager");
	long long worker = sw_id(), manager = h_staff_id(mu);
	/* A child of the worker's in a team the manager is in too. */
	long long child = sql_int(H.db, "SELECT max(a.child_id) FROM "
	    "allocation a JOIN team_member w ON w.staff_id = a.staff_id "
	    "AND " H_CUR("w") " JOIN team_member m ON m.team_id = "
	    "w.team_id AND m.staff_id = %lld AND " H_CUR("m") " WHERE "
	    "a.staff_id = %lld AND " H_CUR("a") " AND a.child_id IS NOT "
	    "NULL AND NOT EXISTS (SELECT 1 FROM restriction r WHERE "
	    "r.child_id = a.child_id)", manager, worker);
	const char *path = h_printf("/api/v1/children/%lld", child);
	const char *mname = sql(H.db, "SELECT given_name || ' ' || family_name "
	    "FROM staff WHERE id = %lld", manager);
	long long v;
	json_t *j;

	(void)state;
	api_get(a, sw_token(), "%s", path);
	expect_api(a, 200);
	v = jget_i(jbody(a), "version");
	/* The manager saves first. */
	api_send(b, "PUT", path, token_for(mu), json_pack("{s:I, s:s}",
	    "version", (json_int_t)v, "family_name", "Firstsave"));
	expect_api(b, 200);
	/* The worker's save on the version they read is refused. */
	api_send(a, "PUT", path, sw_token(), json_pack("{s:I, s:s}",
	    "version", (json_int_t)v, "family_name", "Secondsave"));
	expect_api(a, 409);
	j = jbody(a);
	assert_int_equal(jget_i(j, "current_version"), v + 1);
	if (strstr(jget_s(j, "detail"), mname) == NULL)
		fail_msg("the 409 does not name %s: %s", mname, body(a));
	assert_string_equal(jget_s(j, "changed_by"), mname);
	assert_true(json_is_string(json_object_get(j, "changed_at")));
	assert_string_equal(sql(H.db, "SELECT family_name FROM person WHERE "
	    "id = %lld", child), "Firstsave");
	/* Knowing both, they save on the current version. */
	api_send(a, "PUT", path, sw_token(), json_pack("{s:I, s:s}",
	    "version", (json_int_t)(v + 1), "family_name", "Secondsave"));
	expect_api(a, 200);
	assert_int_equal(child_version(child), v + 2);
	expect_chain_valid();
}

static void
test_put_bad_bodies(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token();
	long long child = team_child(2);
	const char *path = h_printf("/api/v1/children/%lld", child);
	long long v = child_version(child);
	const char *given = sql(H.db, "SELECT given_name FROM person WHERE id "
	    "= %lld", child);
	char *ok = h_printf("{\"version\":%lld,\"given_name\":\"Changed\"}", v);
	static const struct {
		const char *body;	/* %lld: the version */
		size_t len;		/* 0: strlen */
		const char *why;
	} malformed[] = {
		{ "", 0, "empty" },
		{ "{", 0, "unfinished" },
		{ "{\"version\":%lld,}", 0, "trailing comma" },
		{ "[{\"version\":%lld}]", 0, "an array" },
		{ "\"version\"", 0, "a string" },
		{ "{\"version\":%lld} {}", 0, "two values" },
		{ "{\"version\":%lld,\"version\":%lld}", 0, "a repeated key" },
		{ "{\"version\":%lld,\"given_name\":\"\xff\xfe\"}", 0,
		    "invalid UTF-8" },
		{ "{\"version\":%lld,\"given_name\":\"\xc0\xae\"}", 0,
		    "an overlong encoding" },
		{ "{\"version\":%lld,\"given_name\":\"\xed\xa0\x80\"}", 0,
		    "a UTF-8 surrogate" },
		{ "{\"version\":%lld,\"given_name\":\"a\\u0000b\"}", 0,
		    "an escaped NUL" },
		{ "{\"version\":%lld,\"given_name\":\"\\ud800\"}", 0,
		    "a lone surrogate escape" },
		{ "{\"version\":99999999999999999999999999}", 0,
		    "too big a number" },
		{ "{'version':%lld}", 0, "single quotes" },
	};

	(void)state;
	/* Not JSON at all. */
	api(a, "PUT", path, tok, "text/plain", ok, strlen(ok));
	expect_api(a, 415);
	api(a, "PUT", path, tok, "application/x-www-form-urlencoded",
	    h_printf("version=%lld&given_name=Changed", v), strlen(h_printf(
	    "version=%lld&given_name=Changed", v)));
	expect_api(a, 415);
	api(a, "PUT", path, tok, "application/jsonp", ok, strlen(ok));
	expect_api(a, 415);
	api(a, "PUT", path, tok, "application/json; charset=latin1", ok,
	    strlen(ok));
	expect_api(a, 415);
	api(a, "PUT", path, tok, NULL, NULL, 0);
	expect_api(a, 415);

	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		char *b = fill(malformed[i].body, v);

		api(a, "PUT", path, tok, "application/json", b, strlen(b));
		if (a->status != 400)
			fail_msg("%s (%s) answered %ld:\n%s", malformed[i].why,
			    b, a->status, body(a));
	}
	{
		/* A raw NUL byte inside the body. */
		char *b = h_printf("{\"version\":%lld,\"given_name\":\"aXb\"}",
		    v);
		size_t n = strlen(b);

		*strchr(b, 'X') = '\0';
		api(a, "PUT", path, tok, "application/json", b, n);
		expect_api(a, 400);
	}

	/* Unknown keys and wrong types: 400 naming them. */
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "nickname", "Al"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "nickname");
	if (strstr(jget_s(jbody(a), "detail"), "nickname") == NULL)
		fail_msg("the 400 does not name the key: %s", body(a));
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "la_child_id", "X1"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "la_child_id");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:i}", "version",
	    (json_int_t)v, "given_name", 5));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "given_name");
	api_send(a, "PUT", path, tok, json_pack("{s:s, s:s}", "version",
	    "1", "given_name", "Changed"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "version");
	api_send(a, "PUT", path, tok, json_pack("{s:f}", "version", 1.0));
	expect_api(a, 400);
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:n}", "version",
	    (json_int_t)v, "sex"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "sex");
	api_send(a, "PUT", path, tok, json_pack("{s:s}", "given_name",
	    "Changed"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "version");

	/* Values the rules refuse: 422 naming the field. */
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "sex", "X"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "sex");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "birth_date", "2015-02-30"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "birth_date");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "birth_date", "2199-01-01"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "birth_date");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "given_name", ""));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "given_name");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "given_name", "Tab\there"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "given_name");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "ethnicity", "ZZZZ"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "ethnicity");
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s}", "version",
	    (json_int_t)v, "given_name", h_printf("%0101d", 7)));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "given_name");

	/* None of it changed anything, or was recorded as an edit. */
	assert_int_equal(child_version(child), v);
	assert_string_equal(sql(H.db, "SELECT given_name FROM person WHERE id "
	    "= %lld", child), given);
	assert_int_equal(audit_count("edit", "child", child, sw_user()), 0);
	/* The well-formed body still works. */
	api(a, "PUT", path, tok, "Application/JSON; charset=UTF-8", ok,
	    strlen(ok));
	expect_api(a, 200);
	assert_int_equal(child_version(child), v + 1);
	expect_chain_valid();
}

static void
test_oversize_body(void **state)
{
	struct agent *a = agent_new();
	long long child = team_child(2);
	long long v = child_version(child);
	size_t n = 70 * 1024;
	char *b = h_keep(malloc(n + 1));
	int k;

	(void)state;
	k = snprintf(b, n + 1, "{\"version\":%lld,\"given_name\":\"", v);
	memset(b + k, 'a', n - (size_t)k - 2);
	memcpy(b + n - 2, "\"}", 3);
	api(a, "PUT", h_printf("/api/v1/children/%lld", child), sw_token(),
	    "application/json", b, n);
	expect_api(a, 413);
	/* (The server's 413 is text/plain even under /api/: server.c answers
	 * before any route runs.) */
	assert_int_equal(child_version(child), v);
}

static void
test_hostile_text_round_trips(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token();
	long long child = team_child(3);
	const char *path = h_printf("/api/v1/children/%lld", child);
	const char *given = "Robert'); DROP TABLE child;--";
	const char *family = "<script>alert(\"x\")</script> O'Brien & "
	    "N\xc3\xba\xc3\xb1" "ez \\ \xf0\x9f\x98\x80 %s %n";
	const char *summary = "<img src=x onerror=alert(1)>\n"
	    "' OR 1=1; --\n\"quoted\" \\back\\slash\t\xe2\x80\xae"
	    "rtl \xf0\x9f\x91\xb6 {{7*7}} ${x} </script>";
	json_t *j, *x, *chron;
	size_t i;
	bool found = false;

	(void)state;
	api_send(a, "PUT", path, tok, json_pack("{s:I, s:s, s:s}", "version",
	    (json_int_t)child_version(child), "given_name", given,
	    "family_name", family));
	expect_api(a, 200);
	j = jbody(a);
	assert_string_equal(jget_s(j, "given_name"), given);
	assert_string_equal(jget_s(j, "family_name"), family);
	/* Stored byte for byte, and the tables are all still there. */
	assert_string_equal(sql(H.db, "SELECT hex(given_name) FROM person "
	    "WHERE id = %lld", child), h_hex(given));
	assert_string_equal(sql(H.db, "SELECT hex(family_name) FROM person "
	    "WHERE id = %lld", child), h_hex(family));
	assert_true(sql_int(H.db, "SELECT count(*) FROM child") > 0);

	api_send(a, "POST", h_printf("%s/chronology", path), tok,
	    json_pack("{s:s, s:s, s:s}", "event_date", h_today(), "category",
	    chronology_categories(&(int){ 0 })[0], "summary", summary));
	expect_api(a, 201);
	assert_string_equal(jget_s(jbody(a), "summary"), summary);
	assert_string_equal(sql(H.db, "SELECT hex(summary) FROM chronology "
	    "WHERE id = %lld", jget_i(jbody(a), "id")), h_hex(summary));

	/* And read back intact. */
	api_get(a, tok, "%s", path);
	expect_api(a, 200);
	j = jbody(a);
	assert_string_equal(jget_s(j, "given_name"), given);
	assert_string_equal(jget_s(j, "family_name"), family);
	chron = json_object_get(j, "chronology");
	json_array_foreach(chron, i, x)
		if (json_is_string(json_object_get(x, "summary")) &&
		    strcmp(json_string_value(json_object_get(x, "summary")),
		    summary) == 0)
			found = true;
	assert_true(found);
	/* Search by the hostile name's first word finds it. */
	{
		char *q = curl_easy_escape(a->c, "Robert');", 0);

		api_get(a, tok, "/api/v1/children?q=%s", h_strdup(q));
		curl_free(q);
		expect_api(a, 200);
		assert_true(results_have(a, child));
	}
	expect_chain_valid();
}

static void
test_chronology(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token(), *user = sw_user();
	long long child = team_child(4);
	const char *path = h_printf("/api/v1/children/%lld/chronology", child);
	long long edits = audit_count("edit", "child", child, user);
	long long rows = sql_int(H.db, "SELECT count(*) FROM chronology WHERE "
	    "child_id = %lld", child);
	const char *cat = chronology_categories(&(int){ 0 })[0];
	json_t *j, *x;
	size_t i;
	long long id;
	bool found = false;

	(void)state;
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s}",
	    "event_date", h_today(), "category", cat, "summary",
	    "  Home visit: Amy was at school; spoke to her mother.\n"));
	expect_api(a, 201);
	j = jbody(a);
	id = jget_i(j, "id");
	assert_true(id > 0);
	/* Trimmed as the page trims it. */
	assert_string_equal(jget_s(j, "summary"), "Home visit: Amy was at "
	    "school; spoke to her mother.");
	assert_string_equal(jget_s(j, "category"), cat);
	assert_string_equal(jget_s(j, "event_date"), h_today());
	assert_int_equal(jget_i(j, "recorded_by"), sw_id());
	assert_int_equal(sql_int(H.db, "SELECT child_id FROM chronology WHERE "
	    "id = %lld", id), child);
	assert_int_equal(audit_count("edit", "child", child, user), edits + 1);

	api_get(a, tok, "/api/v1/children/%lld", child);
	expect_api(a, 200);
	json_array_foreach(json_object_get(jbody(a), "chronology"), i, x)
		if (json_integer_value(json_object_get(x, "id")) == id) {
			assert_string_equal(jget_s(x, "source"), "manual");
			found = true;
		}
	assert_true(found);

	/* What the page refuses, the API refuses. */
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s}",
	    "event_date", h_today(), "category", "Gossip", "summary", "x"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "category");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s}",
	    "event_date", "2199-01-01", "category", cat, "summary", "x"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "event_date");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s}",
	    "event_date", "2024-13-01", "category", cat, "summary", "x"));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "event_date");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s}",
	    "event_date", h_today(), "category", cat, "summary", " \n "));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "summary");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s}",
	    "event_date", h_today(), "category", cat));
	expect_api(a, 422);
	assert_string_equal(first_error_field(a), "summary");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:s, s:s}",
	    "event_date", h_today(), "category", cat, "summary", "x",
	    "recorded_by", "1"));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "recorded_by");
	api_send(a, "POST", path, tok, json_pack("{s:s, s:s, s:i}",
	    "event_date", h_today(), "category", cat, "summary", 1));
	expect_api(a, 400);
	assert_string_equal(first_error_field(a), "summary");
	api(a, "POST", path, tok, "text/plain", "{}", 2);
	expect_api(a, 415);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM chronology WHERE "
	    "child_id = %lld", child), rows + 1);
	assert_int_equal(audit_count("edit", "child", child, user), edits + 1);
	expect_chain_valid();
}

static void
test_family(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token(), *user = sw_user();
	long long me = sw_id();
	/* A child the worker sees, in a household the worker sees only
	 * through a child's own allocation (none to the household). */
	char *row = sql_all(H.db, "SELECT hm.person_id, hm.household_id FROM "
	    "household_member hm JOIN child c ON c.person_id = hm.person_id "
	    "WHERE (hm.end_date IS NULL OR hm.end_date >= " H_TODAY ") AND "
	    "%s AND NOT EXISTS (SELECT 1 FROM restriction r JOIN "
	    "household_member q ON q.person_id = r.child_id WHERE "
	    "q.household_id = hm.household_id) AND NOT EXISTS (SELECT 1 FROM "
	    "allocation x WHERE x.household_id = hm.household_id) ORDER BY "
	    "hm.household_id LIMIT 1", h_sql_sees_child(me, "c.person_id"));
	long long seen, hh, hidden_kin;
	long long hidden = unrelated_child(2, NULL);
	const char *hidden_given = sql(H.db, "SELECT given_name FROM person "
	    "WHERE id = %lld", hidden);
	long long before;
	json_t *j, *x, *now;
	size_t i;
	int anon = 0;

	(void)state;
	if (row[0] == '\0' || strstr(row, H_SEP) == NULL)
		fail_msg("the demo has no household seen through a child");
	seen = strtoll(row, NULL, 10);
	hh = strtoll(strstr(row, H_SEP) + 1, NULL, 10);
	/* Related children the worker already may not see (a sibling whose
	 * own episode has closed, say) are "another child" too. */
	hidden_kin = sql_int(H.db, "SELECT count(*) FROM relationship r JOIN "
	    "child k ON k.person_id = CASE WHEN r.person_id = %lld THEN "
	    "r.relative_id ELSE r.person_id END WHERE (r.person_id = %lld OR "
	    "r.relative_id = %lld) AND NOT %s", seen, seen, seen,
	    h_sql_sees_child(me, "k.person_id"));
	before = audit_count("view", "household", hh, user);
	/* Someone the worker may not see moves in, and is the seen child's
	 * sister. */
	sql_all(H.db, "INSERT INTO household_member (household_id, person_id, "
	    "start_date) VALUES (%lld, %lld, date('now', 'localtime', "
	    "'-1 day')); INSERT INTO relationship (person_id, relative_id, "
	    "kind, parental_responsibility) VALUES (%lld, %lld, 'sibling', "
	    "0)", hh, hidden, seen, hidden);
	assert_int_equal(sql_int(H.db, "SELECT %s", h_sql_sees_child(me,
	    h_printf("%lld", hidden))), 0);

	api_get(a, tok, "/api/v1/families/%lld", hh);
	expect_api(a, 200);
	assert_int_equal(audit_count("view", "household", hh, user),
	    before + 1);
	j = jbody(a);
	assert_int_equal(jget_i(j, "id"), hh);
	assert_string_equal(jget_s(j, "name"), sql(H.db, "SELECT name FROM "
	    "household WHERE id = %lld", hh));
	now = json_object_get(j, "living_here");
	assert_true(json_is_array(now));
	json_array_foreach(now, i, x) {
		json_t *pid = json_object_get(x, "person_id");

		if (json_is_true(json_object_get(x, "restricted_from_you"))) {
			/* Nothing but that it is a child. */
			assert_int_equal(json_object_size(x), 2);
			assert_string_equal(jget_s(x, "kind"), "child");
			anon++;
			continue;
		}
		assert_true(json_is_integer(pid));
		assert_int_not_equal(json_integer_value(pid), hidden);
		if (strcmp(jget_s(x, "kind"), "child") == 0)
			assert_int_equal(sql_int(H.db, "SELECT %s",
			    h_sql_sees_child(me, h_printf("%lld",
			    (long long)json_integer_value(pid)))), 1);
	}
	assert_true(anon >= 1);
	/* The hidden child's workers are not listed either. */
	json_array_foreach(json_object_get(j, "allocations"), i, x)
		assert_int_not_equal(json_integer_value(json_object_get(x,
		    "child_id")), hidden);

	/* On the seen child's record, the sister is "another child". */
	api_get(a, tok, "/api/v1/children/%lld", seen);
	expect_api(a, 200);
	anon = 0;
	json_array_foreach(json_object_get(jbody(a), "relationships"), i, x) {
		if (json_is_true(json_object_get(x, "restricted_from_you"))) {
			assert_null(json_object_get(x, "person_id"));
			assert_null(json_object_get(x, "given_name"));
			assert_null(json_object_get(x, "household_id"));
			assert_string_equal(jget_s(x, "kind"), "child");
			assert_string_equal(jget_s(x, "relationship"),
			    "sibling");
			anon++;
			continue;
		}
		assert_int_not_equal(jget_i(x, "person_id"), hidden);
	}
	assert_int_equal(anon, hidden_kin + 1);
	/* (A name may be shared by chance: only a lone one is telling.) */
	if (sql_int(H.db, "SELECT count(*) FROM person WHERE given_name = %s",
	    sql_quote(hidden_given)) == 1)
		expect_body_lacks(a, h_printf("\"%s\"", hidden_given));
	expect_chain_valid();
}

/* More than a page of results: the first 50, and "truncated". */
static void
test_search_truncated(void **state)
{
	struct h_user *u = h_add_user("api.bulk", "social_worker",
	    "Ashdown Vale Council", NULL);
	struct agent *a = agent_new();
	const char *tok = token_for(u->username);
	long long id = h_staff_id(u->username);
	char *letter;
	long long matches;
	json_t *j;

	(void)state;
	/* Every unrestricted child allocated to a worker in no team: they
	 * see them all, and nobody else sees more. */
	sql_all(H.db, "INSERT INTO allocation (staff_id, child_id, start_date) "
	    "SELECT %lld, c.person_id, date('now', 'localtime', '-1 day') "
	    "FROM child c WHERE NOT EXISTS (SELECT 1 FROM restriction r "
	    "WHERE r.child_id = c.person_id)", id);
	letter = sql(H.db, "SELECT l FROM (SELECT substr(given_name, 1, 1) l "
	    "FROM person WHERE kind = 'child' UNION ALL SELECT "
	    "substr(family_name, 1, 1) FROM person WHERE kind = 'child') "
	    "WHERE l BETWEEN 'A' AND 'Z' GROUP BY l ORDER BY count(*) DESC "
	    "LIMIT 1");
	assert_non_null(letter);
	matches = sql_int(H.db, "SELECT count(*) FROM child c JOIN person p ON "
	    "p.id = c.person_id WHERE (p.given_name LIKE %s OR p.family_name "
	    "LIKE %s) AND NOT EXISTS (SELECT 1 FROM restriction r WHERE "
	    "r.child_id = c.person_id)", sql_quote(h_printf("%s%%", letter)),
	    sql_quote(h_printf("%s%%", letter)));
	if (matches <= 50)
		fail_msg("only %lld children's names start with %s", matches,
		    letter);
	api_get(a, tok, "/api/v1/children?q=%s", letter);
	expect_api(a, 200);
	j = jbody(a);
	assert_int_equal(json_array_size(json_object_get(j, "results")), 50);
	assert_int_equal(jget_i(j, "count"), 50);
	assert_true(json_is_true(json_object_get(j, "truncated")));
	/* A narrower search is whole. */
	api_get(a, tok, "/api/v1/children?q=%s", sql(H.db, "SELECT "
	    "la_child_id FROM child c WHERE NOT EXISTS (SELECT 1 FROM "
	    "restriction r WHERE r.child_id = c.person_id) ORDER BY "
	    "person_id LIMIT 1"));
	expect_api(a, 200);
	assert_int_equal(jget_i(jbody(a), "count"), 1);
	assert_true(json_is_false(json_object_get(jbody(a), "truncated")));
}

static void
test_team(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token();
	long long me = sw_id();
	long long mine = sql_int(H.db, "SELECT min(team_id) FROM "
	    "team_member tm WHERE staff_id = %lld AND " H_CUR("tm"), me);
	json_t *j, *x;
	size_t i;
	bool self = false;

	(void)state;
	api_get(a, tok, "/api/v1/teams/%lld", mine);
	expect_api(a, 200);
	j = jbody(a);
	assert_int_equal(jget_i(j, "id"), mine);
	assert_string_equal(jget_s(j, "name"), sql(H.db, "SELECT name FROM "
	    "team WHERE id = %lld", mine));
	json_array_foreach(json_object_get(j, "members"), i, x)
		if (jget_i(x, "staff_id") == me)
			self = true;
	assert_true(self);
	assert_true(json_is_array(json_object_get(j, "caseload")));
	json_array_foreach(json_object_get(j, "caseload"), i, x) {
		assert_int_equal(sql_int(H.db, "SELECT %s", h_sql_sees_child(me,
		    h_printf("%lld", jget_i(x, "child_id")))), 1);
		/* Ids, not names. */
		assert_null(json_object_get(x, "given_name"));
	}

	/* An administrator sees who is in it, not its caseload. */
	api_get(a, token_for(h_username("administrator")), "/api/v1/teams/%lld",
	    mine);
	expect_api(a, 200);
	assert_true(json_array_size(json_object_get(jbody(a), "members")) > 0);
	assert_null(json_object_get(jbody(a), "caseload"));
	/* A partner practitioner has no team pages. */
	api_get(a, token_for(h_username("partner_practitioner")),
	    "/api/v1/teams/%lld", mine);
	expect_api(a, 404);
	/* And an administrator sees no child. */
	api_get(a, token_for(h_username("administrator")),
	    "/api/v1/children/%lld", team_child(0));
	expect_api(a, 404);
}

static void
test_unknown_paths(void **state)
{
	struct agent *a = agent_new();
	const char *tok = sw_token();
	static const char *const paths[] = {
		"/api/v1", "/api/v1/", "/api/v1/nothing", "/api/v1/children/0",
		"/api/v1/children/abc", "/api/v1/children/1/nothing",
		"/api/v2/me", "/api/",
	};
	char *allow;

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		api(a, "GET", paths[i], tok, NULL, NULL, 0);
		if (a->status != 404)
			fail_msg("GET %s answered %ld", paths[i], a->status);
	}
	/* A known path with a method it does not take. */
	api(a, "DELETE", h_printf("/api/v1/children/%lld", team_child(0)), tok,
	    NULL, NULL, 0);
	expect_api(a, 405);
	allow = agent_header(a, "Allow");
	assert_non_null(allow);
	assert_non_null(strstr(allow, "PUT"));
	api(a, "POST", "/api/v1/me", tok, "application/json", "{}", 2);
	expect_api(a, 405);
}

/* Last: every call above left the chain whole. */
static void
test_audit_chain(void **state)
{
	(void)state;
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE route LIKE "
	    "'%% /api/v1/%%'") >= 10);
	expect_chain_valid();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T_TEST(test_no_token_is_401),
		T_TEST(test_bad_tokens_are_401),
		T_TEST(test_revoked_token_is_401),
		T_TEST(test_me),
		T_TEST(test_child_allowed_is_audited),
		T_TEST(test_denied_is_same_404),
		T_TEST(test_partner_unshared_is_404),
		T_TEST(test_search),
		T_TEST(test_put_child),
		T_TEST(test_put_stale_version_is_409),
		T_TEST(test_put_bad_bodies),
		T_TEST(test_oversize_body),
		T_TEST(test_hostile_text_round_trips),
		T_TEST(test_chronology),
		T_TEST(test_family),
		T_TEST(test_search_truncated),
		T_TEST(test_team),
		T_TEST(test_unknown_paths),
		T_TEST(test_audit_chain),
	};

	return H_RUN(tests, h_setup);
}
