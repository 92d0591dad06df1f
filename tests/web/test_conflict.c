/*
 * test_conflict.c: no silent overwrite.  Two people open the same child's
 * edit form (the same version); the first save wins, the second is refused
 * with 409 on a page that says who saved first and keeps what the second
 * person typed, and the record holds the first change.  Saving again from
 * that page is then a choice made knowing both, and succeeds.
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

/* A child allocated now to the demo social worker, in a team the demo
 * team manager belongs to now, not restricted. */
static long long
shared_child(long long worker, long long manager)
{
	char *id = sql(H.db, "SELECT min(a.child_id) FROM allocation a "
	    "JOIN team_member w ON w.staff_id = a.staff_id AND " H_CUR("w")
	    " JOIN team_member m ON m.team_id = w.team_id AND m.staff_id = "
	    "%lld AND " H_CUR("m") " WHERE a.staff_id = %lld AND "
	    H_CUR("a") " AND a.child_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
	    "FROM restriction r WHERE r.child_id = a.child_id)", manager,
	    worker);

	if (id == NULL || id[0] == '\0')
		fail_msg("the demo has no child of the social worker in the "
		    "team manager's team");
	return strtoll(id, NULL, 10);
}

static void
open_form(struct agent *a, const char *edit, struct hform *f)
{
	get(a, "%s", edit);
	expect_status(a, 200);
	if (!html_form_with(body(a), "given_name", edit, f))
		fail_msg("no edit form with given_name on %s:\n%.3000s", edit,
		    body(a));
	if (hform_get(f, "version") == NULL)
		fail_msg("the edit form has no version field");
}

static void
test_second_save_is_refused(void **state)
{
	const char *wu = h_username("social_worker");
	const char *mu = h_username("team_manager");
	long long worker = h_staff_id(wu), manager = h_staff_id(mu);
	long long child = shared_child(worker, manager);
	const char *edit = h_printf("/children/%lld/edit", child);
	struct agent *a = agent_as(wu), *b = agent_as(mu);
	char *a_name = sql(H.db, "SELECT given_name || ' ' || family_name FROM "
	    "staff WHERE id = %lld", worker);
	long long v0 = sql_int(H.db, "SELECT version FROM person WHERE "
	    "id = %lld", child);
	const char *a_value = "Alexandra", *b_value = "Bernadette";
	struct hform fa, fb, again;
	char *shown;

	(void)state;
	/* Both can edit it, and both forms hold the same version. */
	open_form(a, edit, &fa);
	open_form(b, edit, &fb);
	assert_string_equal(hform_get(&fa, "version"), hform_get(&fb,
	    "version"));
	assert_string_equal(hform_get(&fa, "version"), h_printf("%lld", v0));
	assert_string_not_equal(hform_get(&fa, "given_name"), a_value);

	hform_set(&fa, "given_name", a_value);
	post_hform(a, edit, &fa);
	expect_status(a, 303);
	assert_string_equal(sql(H.db, "SELECT given_name FROM person WHERE "
	    "id = %lld", child), a_value);
	assert_int_equal(sql_int(H.db, "SELECT version FROM person WHERE "
	    "id = %lld", child), v0 + 1);

	hform_set(&fb, "given_name", b_value);
	post_hform(b, edit, &fb);
	expect_status(b, 409);
	expect_body_has(b, a_name);
	shown = html_field(body(b), "given_name");
	assert_non_null(shown);
	assert_string_equal(shown, b_value);

	/* Nothing of B's was saved. */
	assert_string_equal(sql(H.db, "SELECT given_name FROM person WHERE "
	    "id = %lld", child), a_value);
	assert_int_equal(sql_int(H.db, "SELECT version FROM person WHERE "
	    "id = %lld", child), v0 + 1);
	assert_int_equal(sql_int(H.db, "SELECT updated_by FROM person WHERE "
	    "id = %lld", child), worker);

	/* The same stale form again is refused again. */
	post_hform(b, edit, &fb);
	expect_status(b, 409);

	/* Saving from the conflict page, knowing both, works. */
	if (!html_form_with(body(b), "given_name", edit, &again))
		fail_msg("the 409 page has no edit form:\n%.3000s", body(b));
	assert_string_equal(hform_get(&again, "version"), h_printf("%lld",
	    v0 + 1));
	post_hform(b, edit, &again);
	expect_status(b, 303);
	assert_string_equal(sql(H.db, "SELECT given_name FROM person WHERE "
	    "id = %lld", child), b_value);
	assert_int_equal(sql_int(H.db, "SELECT version FROM person WHERE "
	    "id = %lld", child), v0 + 2);
	assert_int_equal(sql_int(H.db, "SELECT updated_by FROM person WHERE "
	    "id = %lld", child), manager);

	/* A's old form is stale now too. */
	post_hform(a, edit, &fa);
	expect_status(a, 409);
	expect_body_has(a, sql(H.db, "SELECT given_name || ' ' || family_name "
	    "FROM staff WHERE id = %lld", manager));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_second_save_is_refused),
	};

	return H_RUN(tests, h_setup);
}
