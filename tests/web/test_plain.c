/*
 * test_plain.c: the plain-language list on the administration pages and
 * the "check some text" box, over real HTTP.  An administrator finds the
 * page from the home page, sees the built-in list, adds a term of the
 * authority's own (saved with who added it, audited in the same
 * transaction) and it is flagged at once when text is checked, by anyone
 * signed in; an authority's suggestion replaces a built-in one and
 * removing it brings the built-in one back.  Bad input gets an error
 * naming the field, keeps what was typed and saves nothing, as does a
 * new term once the authority has the most there can be; to anyone but
 * an administrator the list and its forms are "Page not found"; a form
 * without its token is refused.  Everything typed comes back escaped.
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

#define PAGE "/admin/plain-language"
#define CHECK "/admin/plain-language/check"
#define TAC_PLAIN "the workers who meet to help the child"

static long long
audits(void)
{
	return sql_int(H.db, "SELECT count(*) FROM audit");
}

static long long
terms(void)
{
	return sql_int(H.db, "SELECT count(*) FROM plain_term");
}

/* POST the add form as the page shows it, with term and plain set. */
static void
add(struct agent *a, const char *term, const char *plain)
{
	struct hform f;

	get(a, PAGE);
	expect_status(a, 200);
	if (!html_form_with(body(a), "term", PAGE, &f))
		fail_msg("no add form on %s", PAGE);
	hform_set(&f, "term", term);
	hform_set(&f, "plain", plain);
	post_hform(a, NULL, &f);
}

/* POST text to the check box as the page shows it. */
static void
check(struct agent *a, const char *text)
{
	struct hform f;

	get(a, CHECK);
	expect_status(a, 200);
	if (!html_form_with(body(a), "text", CHECK, &f))
		fail_msg("no check form on %s", CHECK);
	hform_set(&f, "text", text);
	post_hform(a, NULL, &f);
}

static void
test_admin_finds_the_page(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));

	(void)state;
	get(a, "/");
	expect_body_has(a, "href=\"/admin/plain-language\"");
	get(a, PAGE);
	expect_status(a, 200);
	expect_body_has(a, "<h1");
	expect_body_has(a, "Plain language");
	expect_body_has(a, "Built-in terms");
	/* The built-in list, read-only: a term and its suggestion. */
	expect_body_has(a, "disguised compliance");
	expect_body_has(a, "saying you will do things but not doing them");
	expect_body_has(a, "Your authority has not added any terms yet");
	expect_body_has(a, "action=\"/admin/plain-language\"");
	expect_body_has(a, "action=\"/admin/plain-language/check\"");
	assert_int_equal(terms(), 0);
}

static void
test_others_get_not_found(void **state)
{
	struct agent *sw = agent_as(h_username("social_worker"));
	struct agent *tm = agent_as(h_username("team_manager"));
	struct agent *anon = agent_new();
	long long before = audits();

	(void)state;
	get(sw, PAGE);
	expect_status(sw, 404);
	expect_body_lacks(sw, "Built-in terms");
	get(tm, PAGE);
	expect_status(tm, 404);
	post_form(sw, PAGE, "csrf", agent_session_csrf(sw), "term", "TAC",
	    "plain", "sneaked in", NULL);
	expect_status(sw, 404);
	post_form(tm, PAGE "/remove", "csrf", agent_session_csrf(tm), "term",
	    "neglect", NULL);
	expect_status(tm, 404);
	assert_int_equal(terms(), 0);
	assert_int_equal(audits(), before);
	/* Not signed in: to the sign-in page, like every other page. */
	get(anon, PAGE);
	expect_status(anon, 303);
	get(anon, CHECK);
	expect_status(anon, 303);
}

static void
test_add_then_flagged(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));
	struct agent *sw = agent_as(h_username("social_worker"));
	long long before = audits();

	(void)state;
	/* Before: TAC is not on the list. */
	check(sw, "The TAC met on Monday.");
	expect_status(sw, 200);
	expect_body_has(sw, "Nothing to flag");
	expect_body_lacks(sw, "govuk-inset-text hearth-plain");

	add(a, "TAC", TAC_PLAIN);
	expect_redirect(a, PAGE "?saved=added");
	assert_int_equal(terms(), 1);
	assert_string_equal(sql(H.db, "SELECT plain FROM plain_term WHERE "
	    "term = 'TAC'"), TAC_PLAIN);
	assert_int_equal(sql_int(H.db, "SELECT added_by FROM plain_term WHERE "
	    "term = 'TAC'"), h_staff_id(h_username("administrator")));
	assert_int_equal(audits(), before + 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin' AND route = 'POST /admin/plain-language' AND "
	    "username = %s", sql_quote(h_username("administrator"))), 1);
	get(a, PAGE "?saved=added");
	expect_body_has(a, "Term saved");
	expect_body_has(a, "<td class=\"govuk-table__cell\">TAC</td>");
	expect_body_has(a, TAC_PLAIN);
	expect_body_lacks(a, "has not added any terms yet");

	/* Any signed-in member of staff checks text, with the new term. */
	check(sw, "The TAC met on Monday.\nThere was neglect.");
	expect_status(sw, 200);
	expect_body_has(sw, "govuk-inset-text hearth-plain");
	expect_body_has(sw, "Plain language: 2 things to look at in this "
	    "text");
	expect_body_has(sw, "&#39;TAC&#39; - try: " TAC_PLAIN);
	expect_body_has(sw, "&#39;neglect&#39; - try: not meeting the "
	    "child&#39;s basic needs");
	/* The text is given back in the box, and not kept. */
	expect_body_has(sw, "There was neglect.</textarea>");
	assert_int_equal(audits(), before + 1);
}

static void
test_bad_input_named_and_kept(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));
	long long before = audits(), n = terms();
	char long_term[80];

	(void)state;
	add(a, "L.A.C", "a child in care");
	expect_status(a, 422);
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "href=\"#term\"");
	expect_body_has(a, "can only use letters, numbers, spaces, hyphens "
	    "and apostrophes");
	expect_body_has(a, "value=\"L.A.C\"");
	expect_body_has(a, "value=\"a child in care\"");
	expect_body_has(a, "<title>Error: ");

	add(a, "LAC", "");
	expect_status(a, 422);
	expect_body_has(a, "href=\"#plain\"");
	expect_body_lacks(a, "href=\"#term\"");
	expect_body_has(a, "value=\"LAC\"");

	memset(long_term, 'a', 61);
	long_term[61] = '\0';
	add(a, long_term, "too long");
	expect_status(a, 422);
	expect_body_has(a, "60 characters or fewer");

	/* Markup typed in comes back as text. */
	add(a, "<b>bold</b>", "<script>alert(1)</script>");
	expect_status(a, 422);
	expect_body_has(a, "&lt;b&gt;bold&lt;/b&gt;");
	expect_body_has(a, "&lt;script&gt;alert(1)&lt;/script&gt;");
	expect_body_lacks(a, "<script>alert(1)");
	expect_body_lacks(a, "<b>bold</b>");

	assert_int_equal(terms(), n);
	assert_int_equal(audits(), before);

	/* A field the form does not have. */
	post_form(a, PAGE, "csrf", agent_session_csrf(a), "term", "abc",
	    "plain", "def", "colour", "red", NULL);
	expect_status(a, 400);
	assert_int_equal(terms(), n);
}

static void
test_form_token_needed(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));
	long long before = audits(), n = terms();

	(void)state;
	post_form(a, PAGE, "term", "no token", "plain", "refused", NULL);
	expect_status(a, 403);
	post_form(a, PAGE, "csrf", "0000000000000000000000000000000000000000"
	    "000000000000000000000000", "term", "bad token", "plain",
	    "refused", NULL);
	expect_status(a, 403);
	post_form(a, PAGE "/remove", "term", "TAC", NULL);
	expect_status(a, 403);
	post_form(a, CHECK, "text", "neglect", NULL);
	expect_status(a, 403);
	assert_int_equal(terms(), n);
	assert_int_equal(audits(), before);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plain_term WHERE "
	    "term = 'TAC'"), 1);
}

static void
test_replace_and_remove(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));
	struct hform f;
	long long before = audits();

	(void)state;
	/* The authority's own suggestion for a built-in term. */
	add(a, "Neglect", "say what the child went without");
	expect_redirect(a, PAGE "?saved=added");
	check(a, "There was neglect.");
	expect_body_has(a, "&#39;neglect&#39; - try: say what the child went "
	    "without");
	expect_body_lacks(a, "not meeting the child&#39;s basic needs");
	/* Adding it again in another case replaces it, not a second row. */
	add(a, "NEGLECT", "say what the child went without, plainly");
	expect_redirect(a, PAGE "?saved=added");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plain_term WHERE "
	    "term = 'neglect' COLLATE NOCASE"), 1);

	/* Remove it with its button: the built-in suggestion is back. */
	get(a, PAGE);
	if (!html_form_with(body(a), "term", PAGE "/remove", &f))
		fail_msg("no remove button");
	/* The first remove form is NEGLECT's (alphabetical, before TAC). */
	assert_string_equal(hform_get(&f, "term"), "NEGLECT");
	post_hform(a, NULL, &f);
	expect_redirect(a, PAGE "?saved=removed");
	get(a, PAGE "?saved=removed");
	expect_body_has(a, "Term removed");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plain_term WHERE "
	    "term = 'neglect' COLLATE NOCASE"), 0);
	check(a, "There was neglect.");
	expect_body_has(a, "not meeting the child&#39;s basic needs");
	/* Gone already: not found, nothing audited. */
	post_hform(a, PAGE "/remove", &f);
	expect_status(a, 404);
	assert_int_equal(audits(), before + 3);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "route = 'POST /admin/plain-language/remove'"), 1);
}

static void
test_check_box(void **state)
{
	struct agent *sw = agent_as(h_username("social_worker"));

	(void)state;
	check(sw, "");
	expect_status(sw, 422);
	expect_body_has(sw, "govuk-error-summary");
	expect_body_has(sw, "href=\"#text\"");
	/* A long sentence, and markup given back as text. */
	check(sw, "We are worried <b>because</b> aa bb cc dd ee ff gg hh ii jj "
	    "aa bb cc dd ee ff gg hh ii jj aa bb.");
	expect_status(sw, 200);
	expect_body_has(sw, "Plain language: 1 thing to look at in this text");
	expect_body_has(sw, "Long sentence (26 words): &#39;We are worried "
	    "&lt;b&gt;because&lt;/b&gt;");
	expect_body_has(sw, "try splitting it into shorter sentences");
	expect_body_lacks(sw, "<b>because");
	/* The social worker's check page has no way to the list. */
	expect_body_lacks(sw, "href=\"/admin/plain-language\"");
}

/* The list holds PLAIN_TERMS_MAX terms: a new one past that is refused,
 * while replacing the suggestion of one already there is not. */
static void
test_list_full(void **state)
{
	struct agent *a = agent_as(h_username("administrator"));
	long long before, n = terms();

	(void)state;
	assert_true(n >= 1 && n < 400);
	(void)sql(H.db, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i "
	    "+ 1 FROM c WHERE i < %lld) INSERT INTO plain_term (term, plain, "
	    "added_at) SELECT 'filler ' || i, 'x', 1 FROM c", 400 - n);
	assert_int_equal(terms(), 400);
	before = audits();
	add(a, "one too many", "refused");
	expect_status(a, 422);
	expect_body_has(a, "href=\"#term\"");
	expect_body_has(a, "already has 400 terms");
	expect_body_has(a, "value=\"one too many\"");
	assert_int_equal(terms(), 400);
	assert_int_equal(audits(), before);
	add(a, "tac", TAC_PLAIN ", again");
	expect_redirect(a, PAGE "?saved=added");
	assert_int_equal(terms(), 400);
	assert_string_equal(sql(H.db, "SELECT plain FROM plain_term WHERE "
	    "term = 'tac'"), TAC_PLAIN ", again");
	(void)sql(H.db, "DELETE FROM plain_term WHERE term LIKE 'filler %%'");
	assert_int_equal(terms(), n);
}

/* Last: every change above left the audit chain whole. */
static void
test_audit_chain(void **state)
{
	char *out = NULL;

	(void)state;
	if (h_audit_verify(&out) != 0)
		fail_msg("hearth audit verify: %s", out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_admin_finds_the_page),
		H_TEST(test_others_get_not_found),
		H_TEST(test_add_then_flagged),
		H_TEST(test_bad_input_named_and_kept),
		H_TEST(test_form_token_needed),
		H_TEST(test_replace_and_remove),
		H_TEST(test_check_box),
		H_TEST(test_list_full),
		H_TEST(test_audit_chain),
	};

	return H_RUN(tests, h_setup);
}
