/*
 * api_client.h: what the JSON API's HTTP tests (test_api_journey.c,
 * test_api_conference.c) share: JSON values kept until the test ends, an
 * API token per user (made on the account page, as a person would), one
 * request with a bearer token that must answer JSON (a problem for an
 * error), and readers of the answer.  Include after harness.h.
 */
#ifndef HEARTH_TESTS_WEB_API_CLIENT_H
#define HEARTH_TESTS_WEB_API_CLIENT_H

#include <jansson.h>

#include "core/auth.h"

/* ------------------------------------------------------------ JSON */

static struct {
	json_t *v[512];
	int n;
} t_json;

H_FN int
t_after(void **state)
{
	for (int i = 0; i < t_json.n; i++)
		json_decref(t_json.v[i]);
	t_json.n = 0;
	return h_after(state);
}

#define T_TEST(f) cmocka_unit_test_teardown(f, t_after)

H_FN json_t *
t_keep(json_t *v)
{
	if (v == NULL)
		return NULL;
	if (t_json.n >= (int)(sizeof(t_json.v) / sizeof(t_json.v[0])))
		fail_msg("more than 512 JSON values in one test");
	t_json.v[t_json.n++] = v;
	return v;
}

/* A JSON value from a pack format (kept). */
#define J(...) t_keep(json_pack(__VA_ARGS__))

/* ------------------------------------------------------------ tokens */

static struct {
	char user[H_USERS][72];
	char token[H_USERS][AUTH_API_TOKEN_TEXT];
	int n;
} t_tokens;

/* A live API token for username, made on the account page (once). */
H_FN const char *
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
	post_form(a, "/account/tokens", "csrf", csrf, "name",
	    "api_client.h", NULL);
	expect_status(a, 201);
	p = strstr(body(a), "id=\"api-token\">");
	if (p == NULL)
		fail_msg("no #api-token:\n%.3000s", h_shown(a));
	p += strlen("id=\"api-token\">");
	n = strcspn(p, "<");
	if (n != AUTH_API_TOKEN_TEXT - 1)
		fail_msg("the token shown is \"%.*s\"", (int)n, p);
	i = t_tokens.n++;
	snprintf(t_tokens.user[i], sizeof(t_tokens.user[i]), "%s", username);
	memcpy(t_tokens.token[i], p, n);
	t_tokens.token[i][n] = '\0';
	return t_tokens.token[i];
}

/* ------------------------------------------------------------ requests */

/*
 * One request with the agent's token (a body when v is not NULL, sent as
 * JSON).  Fails unless the answer is JSON of the right media type (an
 * error as a problem).  Returns the status; the answer is in a->body.
 */
H_FN long
call(struct agent *a, const char *method, const char *path, json_t *v)
{
	char *s = NULL;
	const char *ct;

	if (v != NULL) {
		s = json_dumps(v, JSON_COMPACT);
		assert_non_null(s);
		h_keep(s);
	}
	h_request(a, method, path, s != NULL ? "application/json" : NULL, s,
	    s != NULL ? strlen(s) : 0);
	ct = agent_header(a, "Content-Type");
	if (ct == NULL || (strcmp(ct, "application/json") != 0 &&
	    strcmp(ct, "application/problem+json") != 0))
		fail_msg("%s %s answered %ld as %s:\n%.2000s", method, path,
		    a->status, ct ? ct : "(none)", body(a));
	if ((a->status >= 400) != (strcmp(ct, "application/problem+json") ==
	    0))
		fail_msg("%s %s answered %ld as %s", method, path, a->status,
		    ct);
	return a->status;
}

/* An agent that sends user's token with every request. */
H_FN struct agent *
as(const char *user)
{
	struct agent *a = agent_new();

	agent_bearer(a, token_for(user));
	return a;
}

H_FN json_t *
jbody(struct agent *a)
{
	json_error_t err;
	json_t *j = t_keep(json_loadb(a->body.p, a->body.len, 0, &err));

	if (j == NULL)
		fail_msg("not JSON (%s):\n%.2000s", err.text, body(a));
	return j;
}

H_FN long long
jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("\"%s\" is not an integer in %s", key,
		    h_keep(json_dumps(o, JSON_COMPACT)));
	return (long long)json_integer_value(v);
}

H_FN const char *
jstr_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		fail_msg("\"%s\" is not a string in %s", key,
		    h_keep(json_dumps(o, JSON_COMPACT)));
	return json_string_value(v);
}

#define expect_api(a, want) do {					\
	if ((a)->status != (want))					\
		fail_msg("status %ld, expected %d:\n%.3000s",		\
		    (a)->status, (int)(want), body(a));			\
} while (0)

/* The field the first of a problem's errors names. */
H_FN const char *
error_field(struct agent *a)
{
	json_t *e = json_array_get(json_object_get(jbody(a), "errors"), 0);

	if (e == NULL)
		fail_msg("the problem names no field:\n%s", body(a));
	return jstr_of(e, "field");
}

#endif
