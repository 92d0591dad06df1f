/*
 * test_access.c: who may see which record, over real HTTP, against the
 * demo authority (seed 7).
 *
 * The rules under test (core/access.h, ARCHITECTURE.md "Security model"):
 * a case worker sees the children allocated to them or to a member of one
 * of their teams, and nothing else; a record they may not see is answered
 * exactly as a record that does not exist (the same 404 page, byte for
 * byte), on every page about it and in search; a partner-agency
 * practitioner sees only what is shared with their agency and edits
 * nothing; administrators see no case content; a restricted record needs
 * a reason (break-glass) from someone who could otherwise see it, and
 * stays a plain 404 to anyone else; every view is audited before the page
 * is sent, and the audit chain proves tampering.
 *
 * Fixtures are found with SQL that restates the relationship rule
 * (harness.h h_sql_sees_child), so a test does not depend on which ids the
 * demo happens to give.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/banned.h"

#define NO_SUCH_CHILD 99999999LL

/* The demo social worker's staff id. */
static long long
sw_id(void)
{
	return h_staff_id(h_username("social_worker"));
}

/*
 * A child the social worker may see through a colleague: allocated now
 * (itself, not through a household) to another current member of one of
 * their teams, not restricted, not allocated to the social worker.
 * `skip` ids are not chosen (0 ends the list).
 */
static long long
team_child(long long skip1, long long skip2)
{
	long long me = sw_id();
	char *id = sql(H.db, "SELECT min(c.person_id) FROM child c "
	    "JOIN allocation a ON a.child_id = c.person_id AND " H_CUR("a")
	    " JOIN team_member tm ON tm.staff_id = a.staff_id AND "
	    H_CUR("tm") " JOIN team_member me ON me.team_id = tm.team_id "
	    "AND me.staff_id = %lld AND " H_CUR("me") " WHERE "
	    "a.staff_id <> %lld AND c.person_id NOT IN (%lld, %lld) "
	    "AND NOT EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = "
	    "c.person_id) AND NOT %s", me, me, skip1, skip2,
	    h_printf("EXISTS (SELECT 1 FROM allocation x WHERE x.staff_id = "
	    "%lld AND x.child_id = c.person_id)", me));

	if (id == NULL || id[0] == '\0')
		fail_msg("the demo has no child allocated to a colleague of "
		    "the social worker");
	return strtoll(id, NULL, 10);
}

/* The k-th (from 0) child the social worker has no relationship with,
 * living now in a household they have none with either; *hh gets that
 * household. */
static long long
unrelated_child_n(int k, long long *hh)
{
	long long me = sw_id();
	char *row = sql_all(H.db, "SELECT c.person_id, min(hm.household_id) "
	    "FROM "
	    "child c JOIN household_member hm ON hm.person_id = c.person_id "
	    "AND (hm.end_date IS NULL OR hm.end_date >= " H_TODAY ") WHERE "
	    "NOT %s AND NOT %s AND NOT EXISTS (SELECT 1 FROM restriction r "
	    "WHERE r.child_id = c.person_id) GROUP BY c.person_id "
	    "ORDER BY c.person_id LIMIT 1 OFFSET %d",
	    h_sql_sees_child(me, "c.person_id"),
	    h_sql_sees_household(me, "hm.household_id"), k);
	char *sep = strstr(row, H_SEP);

	if (row[0] == '\0' || sep == NULL)
		fail_msg("the demo has no child unrelated to the social "
		    "worker");
	*hh = strtoll(sep + 1, NULL, 10);
	return strtoll(row, NULL, 10);
}

static long long
unrelated_child(long long *hh)
{
	return unrelated_child_n(0, hh);
}

static long long
view_rows(long long child, const char *username)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE action = 'view' "
	    "AND subject_kind = 'child' AND subject_id = %lld AND "
	    "username = %s", child, sql_quote(username));
}

/* Fail unless `path` answers a exactly as `nothing` does (status 404 and
 * the same bytes). */
static void
expect_same_404(struct agent *a, const char *path, const char *nothing)
{
	char *want;
	size_t wlen;

	get(a, "%s", nothing);
	expect_status(a, 404);
	/* A page's own 404 (a route that exists, with the session read),
	 * not the router's answer to an unknown path. */
	expect_body_has(a, "Signed in as");
	wlen = a->body.len;
	want = h_strndup(a->body.p, wlen);
	get(a, "%s", path);
	if (a->status != 404)
		fail_msg("GET %s answered %ld, not 404 as %s does", path,
		    a->status, nothing);
	if (a->body.len != wlen || memcmp(a->body.p, want, wlen) != 0)
		fail_msg("GET %s: the 404 differs from %s's (%zu and %zu "
		    "bytes):\n%.2000s\n----- versus -----\n%.2000s", path,
		    nothing, a->body.len, wlen, a->body.p, want);
}

/* ------------------------------------------------------------ tests */

static void
test_team_child_is_shown_and_audited(void **state)
{
	const char *user = h_username("social_worker");
	struct agent *a = agent_as(user);
	long long child = team_child(0, 0);
	long long before = view_rows(child, user);
	char *given = sql(H.db, "SELECT given_name FROM person WHERE id = %lld",
	    child);

	(void)state;
	get(a, "/children/%lld", child);
	expect_status(a, 200);
	expect_body_has(a, given);
	/* Recorded before the page was sent: checked before any other
	 * request. */
	assert_int_equal(view_rows(child, user), before + 1);
	assert_int_equal(sql_int(H.db, "SELECT staff_id FROM audit WHERE "
	    "action = 'view' AND subject_id = %lld ORDER BY id DESC LIMIT 1",
	    child), sw_id());
	assert_string_equal(sql(H.db, "SELECT route FROM audit WHERE "
	    "action = 'view' AND subject_id = %lld ORDER BY id DESC LIMIT 1",
	    child), h_printf("GET /children/%lld", child));
}

static void
test_unrelated_child_is_not_found(void **state)
{
	const char *user = h_username("social_worker");
	struct agent *a = agent_as(user);
	long long hh, child = unrelated_child(&hh);
	static const char *const pages[] = { "", "/edit", "/print",
	    "/who-viewed", "/break-glass" };

	(void)state;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		expect_same_404(a, h_printf("/children/%lld%s", child,
		    pages[i]), h_printf("/children/%lld%s", NO_SUCH_CHILD,
		    pages[i]));
	expect_same_404(a, h_printf("/families/%lld", hh),
	    h_printf("/families/%lld", NO_SUCH_CHILD));
	/* Nothing of the record was shown, so nothing is recorded as seen. */
	assert_int_equal(view_rows(child, user), 0);

	/* The same pages of a child they may see are there (the 404s above
	 * are about access, not missing pages). */
	{
		long long mine = team_child(0, 0);
		char *fam = sql(H.db, "SELECT min(household_id) FROM "
		    "household_member WHERE person_id = %lld AND (end_date IS "
		    "NULL OR end_date >= " H_TODAY ")", mine);

		get(a, "/children/%lld/edit", mine);
		expect_status(a, 200);
		get(a, "/children/%lld/print", mine);
		expect_status(a, 200);
		assert_non_null(fam);
		get(a, "/families/%s", fam);
		expect_status(a, 200);
	}
}

static void
test_search_never_lists_unrelated_child(void **state)
{
	struct agent *a = agent_as(h_username("social_worker"));
	long long hh, hidden = unrelated_child(&hh), seen = team_child(0, 0);
	char *hidden_family = sql(H.db, "SELECT family_name FROM person WHERE "
	    "id = %lld", hidden);
	char *hidden_lacid = sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", hidden);
	char *seen_family = sql(H.db, "SELECT family_name FROM person WHERE "
	    "id = %lld", seen);
	char *link = h_printf("/children/%lld\"", hidden);
	char *q;

	(void)state;
	q = curl_easy_escape(a->c, hidden_family, 0);
	assert_non_null(q);
	get(a, "/search?q=%s", h_strdup(q));
	curl_free(q);
	expect_status(a, 200);
	expect_body_lacks(a, link);
	get(a, "/search?q=%s", hidden_lacid);
	expect_status(a, 200);
	expect_body_lacks(a, link);

	/* The same search finds a child they may see. */
	q = curl_easy_escape(a->c, seen_family, 0);
	assert_non_null(q);
	get(a, "/search?q=%s", h_strdup(q));
	curl_free(q);
	expect_status(a, 200);
	expect_body_has(a, h_printf("/children/%lld\"", seen));
}

static void
test_partner_sees_only_shared(void **state)
{
	const char *user = h_username("partner_practitioner");
	struct agent *a = agent_as(user);
	long long agency = sql_int(H.db, "SELECT agency_id FROM staff WHERE "
	    "username = %s", sql_quote(user));
	long long hh, child = unrelated_child(&hh);

	(void)state;
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM record_share "
	    "WHERE child_id = %lld AND agency_id = %lld", child, agency), 0);
	expect_same_404(a, h_printf("/children/%lld", child),
	    h_printf("/children/%lld", NO_SUCH_CHILD));

	sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
	    "start_date, reason) VALUES (%lld, %lld, " H_TODAY ", "
	    "'Strategy discussion: police share')", child, agency);
	get(a, "/children/%lld", child);
	expect_status(a, 200);
	expect_body_has(a, sql(H.db, "SELECT given_name FROM person WHERE "
	    "id = %lld", child));
	assert_int_equal(view_rows(child, user), 1);

	/* Shared to read, never to change. */
	expect_same_404(a, h_printf("/children/%lld/edit", child),
	    h_printf("/children/%lld/edit", NO_SUCH_CHILD));
	{
		struct hform f;

		memset(&f, 0, sizeof(f));
		hform_set(&f, "csrf", agent_session_csrf(a));
		hform_set(&f, "version", "1");
		hform_set(&f, "given_name", "Changed");
		post_hform(a, h_printf("/children/%lld/edit", child), &f);
		expect_status(a, 404);
	}
	/* A share with another agency gives this one nothing. */
	{
		long long hh2, other = unrelated_child_n(1, &hh2);

		sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
		    "start_date, reason) SELECT %lld, min(id), " H_TODAY ", "
		    "'Health visitor share' FROM agency WHERE id <> %lld AND "
		    "kind <> 'local_authority'", other, agency);
		expect_same_404(a, h_printf("/children/%lld", other),
		    h_printf("/children/%lld", NO_SUCH_CHILD));
	}
}

static void
test_administrator_sees_no_case_content(void **state)
{
	struct agent *admin = agent_as(h_username("administrator"));
	struct agent *sw = agent_as(h_username("social_worker"));
	long long hh, child = team_child(0, 0);
	long long other = unrelated_child(&hh);

	(void)state;
	expect_same_404(admin, h_printf("/children/%lld", child),
	    h_printf("/children/%lld", NO_SUCH_CHILD));
	expect_same_404(admin, h_printf("/children/%lld", other),
	    h_printf("/children/%lld", NO_SUCH_CHILD));
	get(admin, "/admin/users");
	expect_status(admin, 200);
	expect_body_has(admin, h_username("social_worker"));

	get(sw, "/admin/users");
	expect_status(sw, 404);
	expect_body_lacks(sw, h_username("administrator"));
}

static void
test_team_pages(void **state)
{
	struct agent *sw = agent_as(h_username("social_worker"));
	struct agent *partner = agent_as(h_username("partner_practitioner"));
	long long mine = sql_int(H.db, "SELECT min(team_id) FROM team_member "
	    "tm WHERE staff_id = %lld AND " H_CUR("tm"), sw_id());
	long long other = sql_int(H.db, "SELECT min(id) FROM team WHERE id NOT "
	    "IN (SELECT team_id FROM team_member tm WHERE staff_id = %lld AND "
	    H_CUR("tm") ")", sw_id());

	(void)state;
	get(sw, "/teams/%lld", mine);
	expect_status(sw, 200);
	expect_body_has(sw, sql(H.db, "SELECT name FROM team WHERE id = %lld",
	    mine));
	expect_same_404(sw, h_printf("/teams/%lld", other),
	    h_printf("/teams/%lld", NO_SUCH_CHILD));
	expect_same_404(partner, h_printf("/teams/%lld", mine),
	    h_printf("/teams/%lld", NO_SUCH_CHILD));
}

static void
test_break_glass(void **state)
{
	const char *user = h_username("social_worker");
	struct agent *a = agent_as(user);
	long long first = team_child(0, 0), child = team_child(first, 0);
	const char *reason = "School raised a safeguarding concern this "
	    "morning; checking the plan";
	const char *glass = h_printf("/children/%lld/break-glass", child);
	struct hform f;
	struct h_user *other;
	struct agent *b;
	char *team;

	(void)state;
	get(a, "/children/%lld", child);
	expect_status(a, 200);
	sql_all(H.db, "INSERT INTO restriction (child_id, reason, set_at) "
	    "VALUES (%lld, 'Adoption placement address', "
	    "CAST(strftime('%%s', 'now') AS INTEGER))", child);

	/* Now it needs a reason. */
	get(a, "/children/%lld", child);
	expect_status(a, 403);
	if (!html_form_with(body(a), "reason", glass, &f))
		fail_msg("the restricted page has no form posting a reason to "
		    "%s:\n%.3000s", glass, body(a));
	expect_body_lacks(a, sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", child));
	get(a, "%s", glass);
	expect_status(a, 403);

	/* Too short a reason. */
	hform_set(&f, "reason", "need it");
	post_hform(a, glass, &f);
	expect_status(a, 422);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM break_glass WHERE "
	    "child_id = %lld", child), 0);
	get(a, "/children/%lld", child);
	expect_status(a, 403);

	/* A proper one. */
	hform_set(&f, "reason", reason);
	post_hform(a, glass, &f);
	expect_status(a, 303);
	{
		char *loc = agent_header(a, "Location");
		char *want = h_printf("/children/%lld", child);

		if (loc == NULL || strncmp(loc, want, strlen(want)) != 0 ||
		    (loc[strlen(want)] != '\0' && loc[strlen(want)] != '?'))
			fail_msg("after breaking the glass, redirected to %s",
			    loc ? loc : "(nowhere)");
	}
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'break_glass' AND subject_kind = 'child' AND "
	    "subject_id = %lld AND username = %s AND reason = %s", child,
	    sql_quote(user), sql_quote(reason)), 1);
	get(a, "/children/%lld", child);
	expect_status(a, 200);

	/* Someone with no relationship is not offered the glass. */
	team = sql(H.db, "SELECT t.name FROM team t WHERE NOT EXISTS (SELECT 1 "
	    "FROM team_member tm JOIN allocation x ON x.staff_id = tm.staff_id "
	    "AND " H_CUR("x") " WHERE tm.team_id = t.id AND " H_CUR("tm")
	    " AND (x.child_id = %lld OR x.household_id IN (SELECT "
	    "hm.household_id FROM household_member hm WHERE hm.person_id = "
	    "%lld))) ORDER BY t.id LIMIT 1", child, child);
	assert_non_null(team);
	other = h_add_user("glass.outsider", "social_worker",
	    "Ashdown Vale Council", team);
	b = agent_as(other->username);
	expect_same_404(b, h_printf("/children/%lld", child),
	    h_printf("/children/%lld", NO_SUCH_CHILD));
	expect_same_404(b, glass, h_printf("/children/%lld/break-glass",
	    NO_SUCH_CHILD));
	hform_set(&f, "csrf", agent_session_csrf(b));
	post_hform(b, glass, &f);
	expect_status(b, 404);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM break_glass WHERE "
	    "child_id = %lld", child), 1);
}

static void
test_manager_sees_who_viewed(void **state)
{
	const char *worker = h_username("social_worker");
	struct agent *sw = agent_as(worker);
	struct agent *tm = agent_as(h_username("team_manager"));
	long long child = team_child(0, 0);

	(void)state;
	/* The manager shares a team with the worker and the child's worker. */
	assert_true(sql_int(H.db, "SELECT %s", h_sql_sees_child(h_staff_id(
	    h_username("team_manager")), h_printf("%lld", child))) == 1);
	get(sw, "/children/%lld", child);
	expect_status(sw, 200);
	get(tm, "/children/%lld/who-viewed", child);
	expect_status(tm, 200);
	expect_body_has(tm, h_printf(">%s<", worker));

	/* Not a page for the worker. */
	expect_same_404(sw, h_printf("/children/%lld/who-viewed", child),
	    h_printf("/children/%lld/who-viewed", NO_SUCH_CHILD));
}

/*
 * The JSON API with a personal access token made on the account page:
 * the same rules and the same indistinguishable 404, and no way in with
 * a browser's session cookie.
 */
static void
test_api_same_rules(void **state)
{
	const char *user = h_username("social_worker");
	struct agent *page = agent_as(user), *api = agent_new();
	long long hh, hidden = unrelated_child(&hh), seen = team_child(0, 0);
	long long before = view_rows(seen, user);
	struct hform f;
	const char *s;
	char *token, *q;
	size_t n;

	(void)state;
	get(page, "/account");
	expect_status(page, 200);
	if (!html_form_with(body(page), "name", "/account/tokens", &f))
		fail_msg("no token form on /account:\n%.3000s", h_shown(page));
	hform_set(&f, "name", "Access test");
	post_hform(page, "/account/tokens", &f);
	if (page->status != 201)
		expect_status(page, 200);
	s = strstr(body(page), "id=\"api-token\">");
	if (s == NULL)
		fail_msg("no new token shown:\n%.3000s", h_shown(page));
	s += strlen("id=\"api-token\">");
	n = strcspn(s, "<");
	token = h_strndup(s, n);
	assert_int_equal(strncmp(token, "hrth_", 5), 0);

	/* No token, or a session cookie instead of one: 401. */
	get(api, "/api/v1/children/%lld", seen);
	expect_status(api, 401);
	agent_put_cookie(api, "hearth_session", agent_cookie(page,
	    "hearth_session"));
	get(api, "/api/v1/children/%lld", seen);
	expect_status(api, 401);

	agent_bearer(api, token);
	get(api, "/api/v1/children/%lld", seen);
	expect_status(api, 200);
	assert_int_equal(view_rows(seen, user), before + 1);
	expect_body_has(api, sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", seen));

	/* Denied is missing, byte for byte. */
	{
		static const char *const paths[] = { "/api/v1/children/",
		    "/api/v1/families/" };

		for (size_t i = 0; i < 2; i++) {
			char *want;
			size_t wlen;

			get(api, "%s%lld", paths[i], NO_SUCH_CHILD);
			expect_status(api, 404);
			wlen = api->body.len;
			want = h_strndup(api->body.p, wlen);
			get(api, "%s%lld", paths[i], i == 0 ? hidden : hh);
			expect_status(api, 404);
			if (api->body.len != wlen || memcmp(api->body.p, want,
			    wlen) != 0)
				fail_msg("API 404s differ: %s versus %s",
				    api->body.p, want);
		}
	}
	assert_int_equal(view_rows(hidden, user), 0);

	/* Search: the unrelated child is never listed; a related one is. */
	q = curl_easy_escape(api->c, sql(H.db, "SELECT family_name FROM person "
	    "WHERE id = %lld", hidden), 0);
	get(api, "/api/v1/children?q=%s", q);
	curl_free(q);
	expect_status(api, 200);
	expect_body_lacks(api, sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", hidden));
	q = curl_easy_escape(api->c, sql(H.db, "SELECT family_name FROM person "
	    "WHERE id = %lld", seen), 0);
	get(api, "/api/v1/children?q=%s", q);
	curl_free(q);
	expect_status(api, 200);
	expect_body_has(api, sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", seen));
}

/* Last: it breaks the chain on purpose. */
static void
test_audit_chain(void **state)
{
	char *out = NULL;
	int rc;

	(void)state;
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit") >= 4);
	rc = h_audit_verify(&out);
	if (rc != 0)
		fail_msg("hearth audit verify exited %d before tampering: %s",
		    rc, out);

	/* The table refuses a change while its trigger stands. */
	{
		char *argv[] = { "sqlite3", "-batch", H.db, "UPDATE audit SET "
		    "username = 'mallory' WHERE id = 3", NULL };

		assert_int_not_equal(h_run(argv, NULL, &out), 0);
		assert_string_not_equal(sql(H.db, "SELECT username FROM audit "
		    "WHERE id = 3"), "mallory");
	}
	sql_all(H.db, "DROP TRIGGER audit_no_update; UPDATE audit SET "
	    "username = 'mallory' WHERE id = 3");
	assert_string_equal(sql(H.db, "SELECT username FROM audit WHERE "
	    "id = 3"), "mallory");
	rc = h_audit_verify(&out);
	if (rc != 1)
		fail_msg("hearth audit verify exited %d after tampering: %s",
		    rc, out);
	if (strstr(out, "row 3") == NULL)
		fail_msg("hearth audit verify does not name row 3: %s", out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_team_child_is_shown_and_audited),
		H_TEST(test_unrelated_child_is_not_found),
		H_TEST(test_search_never_lists_unrelated_child),
		H_TEST(test_partner_sees_only_shared),
		H_TEST(test_administrator_sees_no_case_content),
		H_TEST(test_team_pages),
		H_TEST(test_break_glass),
		H_TEST(test_manager_sees_who_viewed),
		H_TEST(test_api_same_rules),
		H_TEST(test_audit_chain),
	};

	return H_RUN(tests, h_setup);
}
