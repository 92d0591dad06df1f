/*
 * test_share.c: sharing a child's record with a partner agency and
 * restricting it, over real HTTP, against the demo authority (seed 7).
 *
 * Only the child's social worker or their team manager (ACCESS_SHARE) may
 * do either; a share lets the partner agency's practitioners read the
 * record (and find it on My work); a restriction leaves only the people
 * named on it able to open the record without breaking the glass.  Every
 * change is audited, and the audit chain still verifies.
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

static long long
sw_id(void)
{
	return h_staff_id(h_username("social_worker"));
}

/* A child allocated now (itself) to the demo social worker, not
 * restricted and (unless `shared_ok`) not shared. */
static long long
sw_child(bool shared_ok)
{
	char *id = sql(H.db, "SELECT min(c.person_id) FROM child c "
	    "JOIN allocation a ON a.child_id = c.person_id AND " H_CUR("a")
	    " WHERE a.staff_id = %lld "
	    "AND NOT EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = "
	    "c.person_id) AND (%d OR NOT EXISTS (SELECT 1 FROM record_share "
	    "s WHERE s.child_id = c.person_id))", sw_id(), shared_ok ? 1 : 0);

	if (id == NULL || id[0] == '\0')
		fail_msg("the demo has no child allocated to the social "
		    "worker");
	return strtoll(id, NULL, 10);
}

static long long
partner_agency(void)
{
	return sql_int(H.db, "SELECT agency_id FROM staff WHERE username = "
	    "%s", sql_quote(h_username("partner_practitioner")));
}

static long long
edit_rows(long long child, const char *reason)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE action = "
	    "'edit' AND subject_kind = 'child' AND subject_id = %lld AND "
	    "reason = %s", child, sql_quote(reason));
}

/* ------------------------------------------------------------ tests */

static void
test_share_with_partner(void **state)
{
	struct agent *sw = agent_as(h_username("social_worker"));
	struct agent *partner = agent_as(h_username("partner_practitioner"));
	long long child = sw_child(false), agency = partner_agency();
	char *agency_name = sql(H.db, "SELECT name FROM agency WHERE id = "
	    "%lld", agency);
	char *la_id = sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", child);
	const char *share = h_printf("/children/%lld/share", child);

	(void)state;
	get(partner, "/children/%lld", child);
	expect_status(partner, 404);
	get(partner, "%s", share);
	expect_status(partner, 404);

	get(sw, "/children/%lld", child);
	expect_status(sw, 200);
	expect_body_has(sw, "Share with an agency");
	expect_body_has(sw, "Shared with");
	get(sw, "%s", share);
	expect_status(sw, 200);
	expect_body_has(sw, "Share with a partner agency");
	expect_body_has(sw, agency_name);
	expect_body_has(sw, h_printf("value=\"%s\"", h_today()));
	/* Local authorities are not partner agencies. */
	expect_body_lacks(sw, h_printf("value=\"%s\"", sql(H.db, "SELECT "
	    "agency_id FROM staff WHERE id = %lld", sw_id())));

	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    h_printf("%lld", agency), "start_date", h_today(), "end_date", "",
	    "reason", "Strategy discussion with the police", NULL);
	expect_redirect(sw, h_printf("/children/%lld?saved=shared#sharing",
	    child));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM record_share "
	    "WHERE child_id = %lld AND agency_id = %lld AND shared_by = %lld "
	    "AND end_date IS NULL", child, agency, sw_id()), 1);
	assert_int_equal(edit_rows(child, h_printf("shared with %s",
	    agency_name)), 1);

	get(sw, "/children/%lld?saved=shared", child);
	expect_status(sw, 200);
	expect_body_has(sw, "Record shared");
	expect_body_has(sw, "Strategy discussion with the police");

	/* The partner now sees it, and finds it on My work. */
	partner = agent_as(h_username("partner_practitioner"));
	get(partner, "/children/%lld", child);
	expect_status(partner, 200);
	expect_body_has(partner, la_id);
	expect_body_lacks(partner, "Share with an agency");
	/* Nor which other agencies are involved, or why. */
	expect_body_lacks(partner, "id=\"sharing\"");
	expect_body_lacks(partner, "Strategy discussion with the police");
	get(partner, "/");
	expect_status(partner, 200);
	expect_body_has(partner, la_id);
	/* Shared to read: never to share on. */
	get(partner, "%s", share);
	expect_status(partner, 403);
	{
		struct hform f;

		memset(&f, 0, sizeof(f));
		hform_set(&f, "csrf", agent_session_csrf(partner));
		hform_set(&f, "agency", h_printf("%lld", agency));
		hform_set(&f, "start_date", h_today());
		hform_set(&f, "reason", "Passing it on");
		post_hform(partner, share, &f);
		expect_status(partner, 403);
	}
	/* Sharing again with the same agency is refused. */
	get(sw, "%s", share);
	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    h_printf("%lld", agency), "start_date", h_today(), "reason",
	    "Again", NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "already shared");
}

static void
test_partner_cannot_share_unshared(void **state)
{
	struct agent *partner = agent_as(h_username("partner_practitioner"));
	long long child = sw_child(false);

	(void)state;
	get(partner, "/children/%lld/share", child);
	expect_status(partner, 404);
	get(partner, "/children/%lld/restrict", child);
	expect_status(partner, 404);
	post_form(partner, h_printf("/children/%lld/share", child), "csrf",
	    agent_session_csrf(partner), "agency", "1", "start_date",
	    h_today(), "reason", "x", NULL);
	expect_status(partner, 404);
}

static void
test_share_validation(void **state)
{
	struct agent *sw = agent_as(h_username("social_worker"));
	long long child = sw_child(false), agency = partner_agency();
	const char *share = h_printf("/children/%lld/share", child);
	long long before = sql_int(H.db, "SELECT count(*) FROM record_share");

	(void)state;
	get(sw, "%s", share);
	expect_status(sw, 200);

	/* No reason: the form again, with the problem and the input. */
	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    h_printf("%lld", agency), "start_date", "2030-01-02", "reason", "",
	    NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "There is a problem");
	expect_body_has(sw, "govuk-error-summary");
	expect_body_has(sw, "value=\"2030-01-02\"");

	/* An end before the start. */
	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    h_printf("%lld", agency), "start_date", "2030-01-02", "end_date",
	    "2030-01-01", "reason", "Strategy discussion", NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "end date");

	/* An agency that is not a partner. */
	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    sql(H.db, "SELECT agency_id FROM staff WHERE id = %lld", sw_id()),
	    "start_date", h_today(), "reason", "Strategy discussion", NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "Select an agency from the list");

	/* A field no page of ours sends. */
	post_form(sw, share, "csrf", page_csrf(sw), "agency",
	    h_printf("%lld", agency), "start_date", h_today(), "reason",
	    "Strategy discussion", "shared_by", "1", NULL);
	expect_status(sw, 400);

	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM record_share"),
	    before);
}

static void
test_restrict(void **state)
{
	const char *swname = h_username("social_worker");
	const char *tmname = h_username("team_manager");
	struct agent *sw = agent_as(swname);
	struct agent *tm = agent_as(tmname);
	long long child = sw_child(true);
	const char *restrict_ = h_printf("/children/%lld/restrict", child);
	struct hform f;

	(void)state;
	get(tm, "/children/%lld", child);
	if (tm->status != 200)
		fail_msg("the demo team manager cannot see child %lld of "
		    "their team's social worker (%ld)", child, tm->status);

	get(sw, "%s", restrict_);
	expect_status(sw, 200);
	expect_body_has(sw, "Restrict this record");
	expect_body_has(sw, "named automatically");
	if (!html_form_with(body(sw), "reason", restrict_, &f))
		fail_msg("no restrict form:\n%.3000s", body(sw));

	/* Missing reason; someone not on the list; an unknown field. */
	post_form(sw, restrict_, "csrf", page_csrf(sw), "reason", "", NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "There is a problem");
	post_form(sw, restrict_, "csrf", page_csrf(sw), "reason",
	    "Adoption placement address", "staff", "99999999", NULL);
	expect_status(sw, 422);
	expect_body_has(sw, "Select people from the list");
	expect_body_has(sw, "Adoption placement address");
	post_form(sw, restrict_, "csrf", page_csrf(sw), "reason",
	    "Adoption placement address", "everyone", "yes", NULL);
	expect_status(sw, 400);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM restriction "
	    "WHERE child_id = %lld", child), 0);

	/* Naming nobody else: the social worker is named anyway. */
	post_form(sw, restrict_, "csrf", page_csrf(sw), "reason",
	    "Adoption placement address", NULL);
	expect_redirect(sw, h_printf("/children/%lld?saved=restricted",
	    child));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM restriction_user "
	    "WHERE child_id = %lld", child), 1);
	assert_int_equal(sql_int(H.db, "SELECT staff_id FROM restriction_user "
	    "WHERE child_id = %lld", child), sw_id());
	assert_int_equal(edit_rows(child, "restricted the record"), 1);

	get(sw, "/children/%lld?saved=restricted", child);
	expect_status(sw, 200);
	expect_body_has(sw, "Record restricted");
	expect_body_has(sw, "Restricted record");
	expect_body_has(sw, "Named on the restriction");
	expect_body_has(sw, sql(H.db, "SELECT given_name || ' ' || "
	    "family_name FROM staff WHERE id = %lld", sw_id()));

	get(tm, "/children/%lld", child);
	expect_status(tm, 403);
	expect_body_has(tm, "This record is restricted");
	expect_body_lacks(tm, sql(H.db, "SELECT la_child_id FROM child WHERE "
	    "person_id = %lld", child));
	get(tm, "%s", restrict_);
	expect_status(tm, 403);
}

/* Last: every change above is in a chain that still verifies. */
static void
test_audit_verifies(void **state)
{
	char *out = NULL;
	int rc;

	(void)state;
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE action = "
	    "'edit'") >= 2);
	rc = h_audit_verify(&out);
	if (rc != 0)
		fail_msg("hearth audit verify exited %d: %s", rc, out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_partner_cannot_share_unshared),
		H_TEST(test_share_validation),
		H_TEST(test_share_with_partner),
		H_TEST(test_restrict),
		H_TEST(test_audit_verifies),
	};

	return H_RUN(tests, h_setup);
}
