/*
 * test_inject.c: hostile text goes in and comes out as text.
 *
 * SQL-injection and script strings are sent where a person can type: the
 * search box, the sign-in username, a child's given name (edit form) and a
 * chronology entry.  Every answer must show them escaped (the raw markup
 * never appears; the escaped text does where the value is echoed), the
 * database must be intact (SQL is parameterised, never built from input),
 * and what is stored must be byte for byte what was sent (escaping is
 * output's job, not input's).
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

static const char *const sql_payloads[] = {
	"'; DROP TABLE child; --",
	"\" OR 1=1 --",
	"Robert'); DELETE FROM person;--",
};

static const char *const script_payloads[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"javascript:alert(1)",
	"</textarea><script>x</script>",
};

#define NSQL (sizeof(sql_payloads) / sizeof(sql_payloads[0]))
#define NSCRIPT (sizeof(script_payloads) / sizeof(script_payloads[0]))
#define NALL (NSQL + NSCRIPT)

static const char *
payload(size_t i)
{
	return i < NSQL ? sql_payloads[i] : script_payloads[i - NSQL];
}

/* s as the html writer escapes it (kept). */
static char *
escaped(const char *s)
{
	struct hbuf b = { 0 };

	hbuf_reset(&b);
	for (; *s; s++) {
		switch (*s) {
		case '&': hbuf_add(&b, "&amp;", 5); break;
		case '<': hbuf_add(&b, "&lt;", 4); break;
		case '>': hbuf_add(&b, "&gt;", 4); break;
		case '"': hbuf_add(&b, "&quot;", 6); break;
		case '\'': hbuf_add(&b, "&#39;", 5); break;
		default: hbuf_add(&b, s, 1); break;
		}
	}
	return h_keep(b.p);
}

/*
 * Fail if the last answer carries p as markup: the raw string (when it
 * holds a character that means something in HTML), a script or img tag
 * from it, or a javascript: link.  When `echoed`, the escaped text must be
 * there.
 */
static void
expect_inert(struct agent *a, const char *p, bool echoed, const char *what)
{
	if (strpbrk(p, "<>\"'&") != NULL && body_has(a, p))
		fail_msg("%s: the raw string %s is in the page:\n%.3000s",
		    what, p, body(a));
	if (body_has(a, "<script>") || body_has(a, "<img src=x") ||
	    body_has(a, "href=\"javascript:") ||
	    body_has(a, "src=\"javascript:"))
		fail_msg("%s: markup from %s is in the page:\n%.3000s", what,
		    p, body(a));
	if (echoed && !body_has(a, escaped(p)))
		fail_msg("%s: the escaped text %s is not in the page:\n%.3000s",
		    what, escaped(p), body(a));
}

static long long children0, people0, staff0;

/* Fail unless the tables hold what they held at the start. */
static void
expect_tables_intact(void)
{
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM child"),
	    children0);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM person"),
	    people0);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM staff"), staff0);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sqlite_schema "
	    "WHERE type = 'table' AND name IN ('child', 'person', 'staff', "
	    "'audit', 'chronology')"), 5);
}

static int
setup(void **state)
{
	if (h_setup(state) != 0)
		return -1;
	children0 = strtoll(sql_all(H.db, "SELECT count(*) FROM child"),
	    NULL, 10);
	people0 = strtoll(sql_all(H.db, "SELECT count(*) FROM person"), NULL,
	    10);
	staff0 = strtoll(sql_all(H.db, "SELECT count(*) FROM staff"), NULL,
	    10);
	h_release();
	if (children0 <= 0 || people0 <= 0) {
		H.group_failed = true;
		return -1;
	}
	return 0;
}

/* A child the demo social worker may edit: allocated to them now, not
 * restricted (k-th such, from 0). */
static long long
editable_child(int k)
{
	return sql_int(H.db, "SELECT c.person_id FROM child c JOIN allocation "
	    "a ON a.child_id = c.person_id AND " H_CUR("a") " WHERE "
	    "a.staff_id = %lld AND NOT EXISTS (SELECT 1 FROM restriction r "
	    "WHERE r.child_id = c.person_id) ORDER BY c.person_id LIMIT 1 "
	    "OFFSET %d", h_staff_id(h_username("social_worker")), k);
}

/* How many children editable_child can give (the demo may allocate its
 * social worker only one). */
static long long
editable_children(void)
{
	return sql_int(H.db, "SELECT count(*) FROM child c JOIN allocation a "
	    "ON a.child_id = c.person_id AND " H_CUR("a") " WHERE "
	    "a.staff_id = %lld AND NOT EXISTS (SELECT 1 FROM restriction r "
	    "WHERE r.child_id = c.person_id)",
	    h_staff_id(h_username("social_worker")));
}

/* ------------------------------------------------------------ tests */

static void
test_search(void **state)
{
	struct agent *a = agent_as(h_username("social_worker"));

	(void)state;
	for (size_t i = 0; i < NALL; i++) {
		char *q = curl_easy_escape(a->c, payload(i), 0);
		char *path;

		assert_non_null(q);
		path = h_printf("/search?q=%s", q);
		curl_free(q);
		get(a, "%s", path);
		expect_status(a, 200);
		expect_inert(a, payload(i), true, path);
	}
	expect_tables_intact();
}

static void
test_sign_in_username(void **state)
{
	(void)state;
	for (size_t i = 0; i < NALL; i++) {
		struct agent *a = agent_new();

		sign_in_password(a, payload(i), "not-a-real-password");
		expect_status(a, 401);
		expect_body_has(a, "Enter a correct username and password");
		expect_inert(a, payload(i), true, payload(i));
		assert_null(agent_cookie(a, "hearth_session"));
	}
	expect_tables_intact();
	/* Each attempt was recorded without breaking the chain. */
	{
		char *out = NULL;

		if (h_audit_verify(&out) != 0)
			fail_msg("hearth audit verify: %s", out);
	}
}

static void
test_child_given_name(void **state)
{
	struct agent *a = agent_as(h_username("social_worker"));
	long long child = editable_child(0);
	const char *edit = h_printf("/children/%lld/edit", child);

	(void)state;
	for (size_t i = 0; i < NALL; i++) {
		struct hform f;
		const char *p = payload(i);
		char *shown;

		get(a, "%s", edit);
		expect_status(a, 200);
		if (!html_form_with(body(a), "given_name", edit, &f))
			fail_msg("no edit form with given_name:\n%.3000s",
			    body(a));
		assert_non_null(hform_get(&f, "version"));
		hform_set(&f, "given_name", p);
		post_hform(a, edit, &f);
		expect_status(a, 303);
		assert_string_equal(sql(H.db, "SELECT hex(given_name) FROM "
		    "person WHERE id = %lld", child), h_hex(p));
		expect_tables_intact();

		get(a, "/children/%lld", child);
		expect_status(a, 200);
		expect_inert(a, p, true, "the child's record");
		get(a, "/children/%lld/print", child);
		expect_status(a, 200);
		expect_inert(a, p, true, "the printable record");
		get(a, "%s", edit);
		expect_status(a, 200);
		expect_inert(a, p, true, "the edit form");
		shown = html_field(body(a), "given_name");
		assert_non_null(shown);
		assert_string_equal(shown, p);

		/* And as a search result. */
		{
			char *q = curl_easy_escape(a->c, sql(H.db, "SELECT "
			    "family_name FROM person WHERE id = %lld", child),
			    0);
			char *path = h_printf("/search?q=%s", q);

			curl_free(q);
			get(a, "%s", path);
			expect_status(a, 200);
			expect_body_has(a, h_printf("/children/%lld\"", child));
			expect_inert(a, p, true, "search results");
		}
	}
}

static void
test_chronology_summary(void **state)
{
	struct agent *a = agent_as(h_username("social_worker"));
	/* Another child than test_child_given_name's, where there is one. */
	long long child = editable_child(editable_children() > 1 ? 1 : 0);
	const char *action = h_printf("/children/%lld/chronology", child);
	long long before = sql_int(H.db, "SELECT count(*) FROM chronology "
	    "WHERE child_id = %lld", child);

	(void)state;
	for (size_t i = 0; i < NALL; i++) {
		struct hform f;
		const char *p = payload(i);
		char *cat, *shown;

		get(a, "/children/%lld", child);
		expect_status(a, 200);
		if (!html_form_with(body(a), "summary", action, &f))
			fail_msg("no chronology form posting to %s:\n%.3000s",
			    action, body(a));
		cat = html_first_option(body(a), "category");
		assert_non_null(cat);

		/* Refused for a missing category: the text comes back in the
		 * textarea, still inert, still the same text. */
		hform_set(&f, "category", "");
		hform_set(&f, "summary", p);
		post_hform(a, action, &f);
		expect_status(a, 422);
		expect_inert(a, p, true, "the re-shown chronology form");
		shown = html_field(body(a), "summary");
		assert_non_null(shown);
		assert_string_equal(shown, p);

		hform_set(&f, "category", cat);
		post_hform(a, action, &f);
		expect_status(a, 303);
		assert_string_equal(sql(H.db, "SELECT hex(summary) FROM "
		    "chronology WHERE child_id = %lld ORDER BY id DESC LIMIT 1",
		    child), h_hex(p));
		expect_tables_intact();

		get(a, "/children/%lld", child);
		expect_status(a, 200);
		expect_inert(a, p, true, "the chronology");
		get(a, "/children/%lld/print", child);
		expect_status(a, 200);
		expect_inert(a, p, true, "the printed chronology");
	}
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM chronology WHERE "
	    "child_id = %lld", child), before + (long long)NALL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_search),
		H_TEST(test_sign_in_username),
		H_TEST(test_child_given_name),
		H_TEST(test_chronology_summary),
	};

	return H_RUN(tests, setup);
}
