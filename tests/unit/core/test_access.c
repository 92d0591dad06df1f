/*
 * test_access.c: the access rules, exhaustively.
 *
 * Every role, every operation and every combination of the eight facts is
 * decided and checked against the rules written out again here in the
 * plainest form, so a change to access.c that is not also a deliberate
 * change to this table fails.  Then the rules people care most about are
 * checked one by one with names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/access.h"
#include "testutil.h"
#include "core/banned.h"

static struct principal
who(enum staff_role r)
{
	struct principal p;

	memset(&p, 0, sizeof(p));
	p.staff_id = 7;
	p.role = r;
	p.agency_kind = r == ROLE_PARTNER_PRACTITIONER ? AGENCY_POLICE :
	    AGENCY_LOCAL_AUTHORITY;
	return p;
}

/* The rules, restated. */
static enum access_result
expected(enum staff_role r, enum access_op op, const struct access_facts *f)
{
	bool casework = r != ROLE_PARTNER_PRACTITIONER &&
	    r != ROLE_PERFORMANCE_ANALYST && r != ROLE_ADMINISTRATOR;
	bool may, related;

	switch (op) {
	case ACCESS_VIEW:
	case ACCESS_PRINT:
		may = casework || r == ROLE_PARTNER_PRACTITIONER;
		break;
	case ACCESS_NOTE:
		may = casework;
		break;
	case ACCESS_CONFERENCE:
		may = r == ROLE_SOCIAL_WORKER || r == ROLE_TEAM_MANAGER ||
		    r == ROLE_CP_CHAIR;
		break;
	default:
		may = r == ROLE_SOCIAL_WORKER || r == ROLE_TEAM_MANAGER;
		break;
	}
	if (!f->exists || !may)
		return ACCESS_DENY;
	related = r == ROLE_PARTNER_PRACTITIONER ? f->shared :
	    (f->allocated || f->team_allocated ||
	    (r == ROLE_CP_CHAIR && f->chairing));
	if (!related)
		return ACCESS_DENY;
	if (f->restricted && !f->named && !f->glass_broken)
		return ACCESS_NEEDS_GLASS;
	return ACCESS_ALLOW;
}

static void
test_every_combination(void **state)
{
	int checked = 0;

	(void)state;
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = who((enum staff_role)r);

		for (int op = 0; op < ACCESS_OP__COUNT; op++) {
			for (unsigned bits = 0; bits < 256; bits++) {
				struct access_facts f = {
					.exists = bits & 1,
					.allocated = bits & 2,
					.team_allocated = bits & 4,
					.shared = bits & 8,
					.restricted = bits & 16,
					.named = bits & 32,
					.glass_broken = bits & 64,
					.chairing = bits & 128,
				};
				enum access_result got = access_child(&p,
				    (enum access_op)op, &f, NULL);

				if (got != expected((enum staff_role)r,
				    (enum access_op)op, &f))
					fail_msg("role %s op %s facts %#x: got %d",
					    role_code((enum staff_role)r),
					    access_op_name((enum access_op)op),
					    bits, (int)got);
				checked++;
			}
		}
	}
	assert_int_equal(checked, ROLE__COUNT * ACCESS_OP__COUNT * 256);
}

static void
test_missing_record_is_denied(void **state)
{
	struct principal p = who(ROLE_SOCIAL_WORKER);
	struct access_facts f = { .exists = false, .allocated = true };

	(void)state;
	assert_int_equal(access_child(&p, ACCESS_VIEW, &f, NULL), ACCESS_DENY);
}

static void
test_no_relationship_is_denied(void **state)
{
	struct access_facts f = { .exists = true };

	(void)state;
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = who((enum staff_role)r);

		assert_int_equal(access_child(&p, ACCESS_VIEW, &f, NULL),
		    ACCESS_DENY);
	}
}

static void
test_basis_is_named(void **state)
{
	struct principal sw = who(ROLE_SOCIAL_WORKER);
	struct principal partner = who(ROLE_PARTNER_PRACTITIONER);
	struct access_facts alloc = { .exists = true, .allocated = true };
	struct access_facts team = { .exists = true, .team_allocated = true };
	struct access_facts shared = { .exists = true, .shared = true };
	struct access_facts glass = { .exists = true, .allocated = true,
	    .restricted = true, .glass_broken = true };
	struct access_facts named = { .exists = true, .team_allocated = true,
	    .restricted = true, .named = true };
	enum access_basis b;

	(void)state;
	assert_int_equal(access_child(&sw, ACCESS_VIEW, &alloc, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_ALLOCATED);
	assert_int_equal(access_child(&sw, ACCESS_VIEW, &team, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_TEAM);
	assert_int_equal(access_child(&partner, ACCESS_VIEW, &shared, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_SHARED);
	assert_int_equal(access_child(&sw, ACCESS_VIEW, &glass, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_BREAK_GLASS);
	assert_int_equal(access_child(&sw, ACCESS_VIEW, &named, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_NAMED);
	/* A denial leaves no basis behind. */
	assert_int_equal(access_child(&partner, ACCESS_EDIT, &shared, &b),
	    ACCESS_DENY);
	assert_int_equal(b, BASIS_NONE);
}

static void
test_partner_needs_a_share_and_a_partner_agency(void **state)
{
	struct principal p = who(ROLE_PARTNER_PRACTITIONER);
	struct access_facts alloc = { .exists = true, .allocated = true,
	    .team_allocated = true };
	struct access_facts shared = { .exists = true, .shared = true };

	(void)state;
	/* Being allocated is not how partners see records. */
	assert_int_equal(access_child(&p, ACCESS_VIEW, &alloc, NULL),
	    ACCESS_DENY);
	assert_int_equal(access_child(&p, ACCESS_VIEW, &shared, NULL),
	    ACCESS_ALLOW);
	assert_int_equal(access_child(&p, ACCESS_NOTE, &shared, NULL),
	    ACCESS_DENY);
	/* A "partner" recorded in a local authority gets nothing. */
	p.agency_kind = AGENCY_LOCAL_AUTHORITY;
	assert_int_equal(access_child(&p, ACCESS_VIEW, &shared, NULL),
	    ACCESS_DENY);
}

static void
test_admin_and_analyst_see_no_case_content(void **state)
{
	struct access_facts all = { .exists = true, .allocated = true,
	    .team_allocated = true, .shared = true, .named = true };
	enum staff_role roles[] = { ROLE_ADMINISTRATOR,
	    ROLE_PERFORMANCE_ANALYST };

	(void)state;
	for (size_t i = 0; i < NELEM(roles); i++) {
		struct principal p = who(roles[i]);

		for (int op = 0; op < ACCESS_OP__COUNT; op++)
			assert_int_equal(access_child(&p, (enum access_op)op,
			    &all, NULL), ACCESS_DENY);
	}
	{
		struct principal a = who(ROLE_ADMINISTRATOR);
		struct principal sw = who(ROLE_SOCIAL_WORKER);

		assert_true(access_admin(&a));
		assert_false(access_admin(&sw));
	}
}

static void
test_adult_specialists_note_but_do_not_edit(void **state)
{
	struct access_facts team = { .exists = true, .team_allocated = true };
	enum staff_role roles[] = { ROLE_DA_VICTIM_WORKER,
	    ROLE_DA_PERPETRATOR_WORKER, ROLE_MENTAL_HEALTH_WORKER,
	    ROLE_SUBSTANCE_MISUSE_WORKER, ROLE_PROBATION_OFFICER };

	(void)state;
	for (size_t i = 0; i < NELEM(roles); i++) {
		struct principal p = who(roles[i]);

		assert_int_equal(access_child(&p, ACCESS_VIEW, &team, NULL),
		    ACCESS_ALLOW);
		assert_int_equal(access_child(&p, ACCESS_NOTE, &team, NULL),
		    ACCESS_ALLOW);
		assert_int_equal(access_child(&p, ACCESS_EDIT, &team, NULL),
		    ACCESS_DENY);
	}
}

static void
test_team_and_audit_pages(void **state)
{
	struct principal sw = who(ROLE_SOCIAL_WORKER);
	struct principal tm = who(ROLE_TEAM_MANAGER);
	struct principal admin = who(ROLE_ADMINISTRATOR);
	struct principal partner = who(ROLE_PARTNER_PRACTITIONER);
	struct principal nobody;

	(void)state;
	sw.team_ids[0] = 3;
	sw.n_teams = 1;
	assert_true(access_team(&sw, 3));
	assert_false(access_team(&sw, 4));
	assert_true(access_team(&admin, 4));
	partner.team_ids[0] = 3;
	partner.n_teams = 1;
	assert_false(access_team(&partner, 3));
	assert_true(access_audit_view(&tm));
	assert_false(access_audit_view(&sw));
	assert_false(access_audit_view(&admin));
	assert_true(access_create_records(&sw));
	assert_false(access_create_records(&partner));
	memset(&nobody, 0, sizeof(nobody));
	assert_false(access_team(&nobody, 3));
	assert_false(access_admin(&nobody));
	assert_int_equal(access_child(NULL, ACCESS_VIEW, &(struct access_facts){
	    .exists = true, .allocated = true }, NULL), ACCESS_DENY);
}

/* The timeliness figures of a team: its managers, analysts and
 * administrators; not its social workers, not another team's manager. */
static void
test_team_figures(void **state)
{
	struct principal tm = who(ROLE_TEAM_MANAGER);
	struct principal nobody;

	(void)state;
	tm.team_ids[0] = 3;
	tm.n_teams = 1;
	assert_true(access_team_figures(&tm, 3));
	assert_false(access_team_figures(&tm, 4));
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = who((enum staff_role)r);

		p.team_ids[0] = 3;
		p.n_teams = 1;
		assert_int_equal(access_team_figures(&p, 3),
		    r == ROLE_TEAM_MANAGER || r == ROLE_PERFORMANCE_ANALYST ||
		    r == ROLE_ADMINISTRATOR);
		assert_int_equal(access_team_figures(&p, 4),
		    r == ROLE_PERFORMANCE_ANALYST || r == ROLE_ADMINISTRATOR);
		/* Figures are no route to a child. */
		if (r == ROLE_PERFORMANCE_ANALYST || r == ROLE_ADMINISTRATOR)
			assert_int_equal(access_child(&p, ACCESS_VIEW,
			    &(struct access_facts){ .exists = true,
			    .team_allocated = true }, NULL), ACCESS_DENY);
	}
	memset(&nobody, 0, sizeof(nobody));
	nobody.role = ROLE_ADMINISTRATOR;
	assert_false(access_team_figures(&nobody, 3));
	assert_false(access_team_figures(NULL, 3));
}

/* Case roles: every role but a partner agency's practitioner, a
 * performance analyst and an administrator (the pages and the API show
 * caseloads and search to these only). */
static void
test_case_roles(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__COUNT; r++) {
		enum staff_role role = (enum staff_role)r;

		assert_int_equal(access_case_role(role),
		    role != ROLE_PARTNER_PRACTITIONER &&
		    role != ROLE_PERFORMANCE_ANALYST &&
		    role != ROLE_ADMINISTRATOR);
	}
	assert_false(access_case_role(ROLE__COUNT));
	assert_false(access_case_role((enum staff_role)-1));
}

/* A chair has no allocation: chairing the child's conference is the
 * relationship, and it lets a chair run the conference but not edit the
 * record or share it; nobody else gains anything from chairing. */
static void
test_chair_runs_the_conference_only(void **state)
{
	struct principal chair = who(ROLE_CP_CHAIR);
	struct principal sw = who(ROLE_SOCIAL_WORKER);
	struct access_facts f = { .exists = true, .chairing = true };
	enum access_basis b;

	(void)state;
	assert_int_equal(access_child(&chair, ACCESS_CONFERENCE, &f, &b),
	    ACCESS_ALLOW);
	assert_int_equal(b, BASIS_CHAIR);
	assert_int_equal(access_child(&chair, ACCESS_VIEW, &f, NULL),
	    ACCESS_ALLOW);
	assert_int_equal(access_child(&chair, ACCESS_EDIT, &f, NULL),
	    ACCESS_DENY);
	assert_int_equal(access_child(&chair, ACCESS_SHARE, &f, NULL),
	    ACCESS_DENY);
	assert_int_equal(access_child(&sw, ACCESS_VIEW, &f, NULL),
	    ACCESS_DENY);
	f.chairing = false;
	assert_int_equal(access_child(&chair, ACCESS_VIEW, &f, NULL),
	    ACCESS_DENY);
	f.chairing = true;
	f.restricted = true;
	assert_int_equal(access_child(&chair, ACCESS_CONFERENCE, &f, NULL),
	    ACCESS_NEEDS_GLASS);
	assert_string_equal(access_basis_name(BASIS_CHAIR),
	    "chair of the child's conference");
}

/* An invitation lets a partner see that conference and write their
 * report; administrators and analysts never, and no invitation, nothing. */
static void
test_meeting_invited(void **state)
{
	struct principal partner = who(ROLE_PARTNER_PRACTITIONER);
	struct principal admin = who(ROLE_ADMINISTRATOR);
	struct principal analyst = who(ROLE_PERFORMANCE_ANALYST);

	(void)state;
	assert_true(access_meeting_invited(&partner, true));
	assert_false(access_meeting_invited(&partner, false));
	assert_false(access_meeting_invited(&admin, true));
	assert_false(access_meeting_invited(&analyst, true));
	assert_false(access_meeting_invited(NULL, true));
	partner.staff_id = 0;
	assert_false(access_meeting_invited(&partner, true));
}

static void
test_describe_covers_every_role(void **state)
{
	char buf[16384];

	(void)state;
	access_describe(buf, sizeof(buf));
	for (int r = 0; r < ROLE__COUNT; r++)
		assert_non_null(strstr(buf, role_code((enum staff_role)r)));
	assert_non_null(strstr(buf, "Administrator (administrator):\n"
	    "  no children's records\n  users, roles and teams: manage"));
	assert_non_null(strstr(buf, "when shared with their agency: view, "
	    "print"));
	assert_non_null(strstr(buf, "Performance analyst "
	    "(performance_analyst):\n  no children's records\n  every "
	    "team's timeliness figures\n"));
	/* A small buffer is cut, never overrun. */
	{
		char small[32];

		memset(small, 'x', sizeof(small));
		access_describe(small, 16);
		assert_int_equal(strlen(small), 15);
		assert_int_equal(small[16], 'x');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_missing_record_is_denied),
		cmocka_unit_test(test_no_relationship_is_denied),
		cmocka_unit_test(test_basis_is_named),
		cmocka_unit_test(test_partner_needs_a_share_and_a_partner_agency),
		cmocka_unit_test(test_admin_and_analyst_see_no_case_content),
		cmocka_unit_test(test_adult_specialists_note_but_do_not_edit),
		cmocka_unit_test(test_team_and_audit_pages),
		cmocka_unit_test(test_team_figures),
		cmocka_unit_test(test_case_roles),
		cmocka_unit_test(test_describe_covers_every_role),
		cmocka_unit_test(test_chair_runs_the_conference_only),
		cmocka_unit_test(test_meeting_invited),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
