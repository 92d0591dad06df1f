/*
 * test_staff.c: roles, agencies, teams, staff and allocations.
 *
 * The stored codes are written out here, not read from staff.c: they are
 * kept in databases and named in access rules, so a rename must fail a test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/staff.h"
#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"


struct vocab_row {
	int value;
	const char *code;
	const char *label;
};

static const struct vocab_row role_rows[] = {
	{ ROLE_SOCIAL_WORKER, "social_worker", "Social worker" },
	{ ROLE_TEAM_MANAGER, "team_manager", "Team manager" },
	{ ROLE_CP_CHAIR, "cp_chair", "Child protection chair" },
	{ ROLE_DA_VICTIM_WORKER, "da_victim_worker",
	    "Domestic abuse victim worker" },
	{ ROLE_DA_PERPETRATOR_WORKER, "da_perpetrator_worker",
	    "Domestic abuse perpetrator worker" },
	{ ROLE_MENTAL_HEALTH_WORKER, "mental_health_worker",
	    "Adult mental health worker" },
	{ ROLE_SUBSTANCE_MISUSE_WORKER, "substance_misuse_worker",
	    "Substance misuse worker" },
	{ ROLE_PROBATION_OFFICER, "probation_officer", "Probation officer" },
	{ ROLE_FGC_COORDINATOR, "fgc_coordinator",
	    "Family group conference coordinator" },
	{ ROLE_PARTNER_PRACTITIONER, "partner_practitioner",
	    "Partner-agency practitioner" },
	{ ROLE_PERFORMANCE_ANALYST, "performance_analyst",
	    "Performance analyst" },
	{ ROLE_ADMINISTRATOR, "administrator", "Administrator" },
};

static const struct vocab_row agency_rows[] = {
	{ AGENCY_LOCAL_AUTHORITY, "local_authority", "Local authority" },
	{ AGENCY_POLICE, "police", "Police" },
	{ AGENCY_HEALTH, "health", "Health" },
	{ AGENCY_EDUCATION, "education", "Education" },
	{ AGENCY_PROBATION, "probation", "Probation" },
	{ AGENCY_OTHER, "other", "Other agency" },
};

static const struct vocab_row team_rows[] = {
	{ TEAM_ASSESSMENT, "assessment", "Assessment" },
	{ TEAM_CHILD_IN_NEED, "child_in_need",
	    "Children in need and child protection" },
	{ TEAM_FAMILY_SAFEGUARDING, "family_safeguarding",
	    "Family Safeguarding (multi-disciplinary)" },
	{ TEAM_CHILDREN_IN_CARE, "children_in_care", "Children in care" },
	{ TEAM_CONFERENCE, "conference",
	    "Child protection chairs and reviewing officers" },
	{ TEAM_FGC, "fgc", "Family group conferences" },
	{ TEAM_PERFORMANCE, "performance", "Performance and insight" },
	{ TEAM_OTHER, "other", "Other" },
};

/* The three vocabularies behind one calling shape. */
static const char *
v_code(int which, int v)
{
	switch (which) {
	case 0: return role_code((enum staff_role)v);
	case 1: return agency_kind_code((enum agency_kind)v);
	default: return team_kind_code((enum team_kind)v);
	}
}

static const char *
v_label(int which, int v)
{
	switch (which) {
	case 0: return role_label((enum staff_role)v);
	case 1: return agency_kind_label((enum agency_kind)v);
	default: return team_kind_label((enum team_kind)v);
	}
}

static enum herr
v_parse(int which, const char *s, int *out, const char *field,
    struct hdiag *d)
{
	enum staff_role r = ROLE__COUNT;
	enum agency_kind a = AGENCY__COUNT;
	enum team_kind t = TEAM__COUNT;
	enum herr e;

	switch (which) {
	case 0:
		e = role_parse(s, &r, field, d);
		*out = (int)r;
		break;
	case 1:
		e = agency_kind_parse(s, &a, field, d);
		*out = (int)a;
		break;
	default:
		e = team_kind_parse(s, &t, field, d);
		*out = (int)t;
		break;
	}
	return e;
}

static const struct {
	const char *name;	/* in the refusal sentence */
	const struct vocab_row *rows;
	size_t n;
	int count;		/* the enum's __COUNT */
} vocabs[] = {
	{ "Role", role_rows, NELEM(role_rows), ROLE__COUNT },
	{ "Agency kind", agency_rows, NELEM(agency_rows), AGENCY__COUNT },
	{ "Team kind", team_rows, NELEM(team_rows), TEAM__COUNT },
};

static void
test_vocab_round_trip(void **state)
{
	struct hdiag d;
	size_t w, i, j;
	int got;

	(void)state;
	for (w = 0; w < NELEM(vocabs); w++) {
		assert_int_equal(vocabs[w].n, vocabs[w].count);
		for (i = 0; i < vocabs[w].n; i++) {
			const struct vocab_row *row = &vocabs[w].rows[i];

			assert_int_equal(row->value, (int)i);
			assert_string_equal(v_code((int)w, row->value),
			    row->code);
			assert_string_equal(v_label((int)w, row->value),
			    row->label);
			hdiag_clear(&d);
			assert_int_equal(v_parse((int)w, row->code, &got,
			    "kind", &d), HERR_OK);
			assert_int_equal(got, row->value);
			assert_string_equal(d.msg, "");
			for (j = i + 1; j < vocabs[w].n; j++)
				assert_string_not_equal(row->code,
				    vocabs[w].rows[j].code);
		}
		/* Out of range: NULL, never a neighbour's entry. */
		assert_null(v_code((int)w, vocabs[w].count));
		assert_null(v_label((int)w, vocabs[w].count));
		assert_null(v_code((int)w, -1));
		assert_null(v_label((int)w, 1000));
	}
}

static const char *const vocab_invalid[] = {
	"", "Social_worker", "SOCIAL_WORKER", "social worker", "social-worker",
	"social_worker ", " police", "Police", "la", "localauthority",
	"chair", "manager", "fgc ", "others", "x",
};

static void
test_vocab_unknown_refused(void **state)
{
	struct hdiag d;
	size_t w, i;
	int got;

	(void)state;
	for (w = 0; w < NELEM(vocabs); w++) {
		for (i = 0; i < NELEM(vocab_invalid); i++) {
			hdiag_clear(&d);
			if (v_parse((int)w, vocab_invalid[i], &got, "the_field",
			    &d) != HERR_INVALID)
				fail_msg("%s \"%s\" accepted", vocabs[w].name,
				    vocab_invalid[i]);
			assert_int_equal(got, vocabs[w].count);	/* untouched */
			assert_string_equal(d.field, "the_field");
			assert_string_equal(d.value, vocab_invalid[i]);
			assert_non_null(strstr(d.msg, vocabs[w].name));
			/* Every allowed code is listed, the last included. */
			for (size_t j = 0; j < vocabs[w].n; j++)
				if (strstr(d.msg, vocabs[w].rows[j].code) ==
				    NULL)
					fail_msg("\"%s\" does not list %s",
					    d.msg, vocabs[w].rows[j].code);
		}
		assert_int_equal(v_parse((int)w, NULL, &got, "f", &d),
		    HERR_INVALID);
		assert_string_equal(d.field, "f");
		assert_string_equal(d.value, "");
		assert_int_equal(v_parse((int)w, "nope", &got, "f", NULL),
		    HERR_INVALID);
	}
}

static void
test_adult_specialists(void **state)
{
	int r, n = 0;
	bool want;

	(void)state;
	for (r = 0; r < ROLE__COUNT; r++) {
		want = r == ROLE_DA_VICTIM_WORKER ||
		    r == ROLE_DA_PERPETRATOR_WORKER ||
		    r == ROLE_MENTAL_HEALTH_WORKER ||
		    r == ROLE_SUBSTANCE_MISUSE_WORKER ||
		    r == ROLE_PROBATION_OFFICER;
		if (role_is_adult_specialist((enum staff_role)r) != want)
			fail_msg("%s: expected %s", role_code(
			    (enum staff_role)r), want ? "specialist" :
			    "not a specialist");
		n += role_is_adult_specialist((enum staff_role)r);
	}
	assert_int_equal(n, 5);
	assert_false(role_is_adult_specialist(ROLE__COUNT));
	assert_false(role_is_adult_specialist((enum staff_role)-1));
}

/* A valid worker in a local authority. */
static void
base_staff(struct staff *s, struct agency *a)
{
	memset(a, 0, sizeof(*a));
	a->id = 3;
	memcpy(a->name, "Hertfordshire County Council", 29);
	a->kind = AGENCY_LOCAL_AUTHORITY;
	memset(s, 0, sizeof(*s));
	memcpy(s->username, "asmith", 7);
	memcpy(s->given_name, "Alice", 6);
	memcpy(s->family_name, "Smith", 6);
	memcpy(s->email, "alice.smith@hertfordshire.gov.uk", 33);
	s->role = ROLE_SOCIAL_WORKER;
	s->agency_id = a->id;
	s->active = true;
}

#define U16 "abcdefghijklmnop"

static const char *const username_valid[] = {
	"asmith", "ab", "a1", "0day", "a.smith", "a_smith", "a-smith",
	"alice.smith-2", "a.", "a_", "z9", "smith01", U16 U16 U16 U16,
};

static const char *const username_invalid[] = {
	"", "a", "ASmith", "Asmith", "asmitH", ".asmith", "_asmith", "-asmith",
	"a smith", " asmith", "asmith ", "a@smith", "a/smith", "asmith!",
	"j\xc3\xb6rg", "a\tb", "a+b", "a,b",
};

static void
test_staff_usernames(void **state)
{
	struct staff s;
	struct agency a;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(username_valid); i++) {
		base_staff(&s, &a);
		assert_int_equal(text_copy(s.username, sizeof(s.username),
		    username_valid[i]), HERR_OK);
		hdiag_clear(&d);
		if (staff_validate(&s, &a, &d) != HERR_OK)
			fail_msg("\"%s\" refused: %s", username_valid[i], d.msg);
	}
	for (i = 0; i < NELEM(username_invalid); i++) {
		base_staff(&s, &a);
		assert_int_equal(text_copy(s.username, sizeof(s.username),
		    username_invalid[i]), HERR_OK);
		hdiag_clear(&d);
		if (staff_validate(&s, &a, &d) != HERR_INVALID)
			fail_msg("\"%s\" accepted", username_invalid[i]);
		assert_string_equal(d.field, "username");
		assert_string_equal(d.value, username_invalid[i]);
	}
	/* 65 characters do not fit the struct (USERNAME_MAX is 64). */
	base_staff(&s, &a);
	assert_int_equal(text_copy(s.username, sizeof(s.username),
	    U16 U16 U16 U16 "a"), HERR_INVALID);
}

static const char *const email_valid[] = {
	"",		/* none */
	"alice.smith@hertfordshire.gov.uk",
	"a@b.co",
	"first.last+cp@nhs.net",
	"o'brien@police.uk",
	"A.Smith@Example.ORG",
};

static const char *const email_invalid[] = {
	"alice.smith",
	"alice.smith.hertfordshire.gov.uk",
	"@hertfordshire.gov.uk",
	"alice@localhost",
	"alice smith@herts.gov.uk",
	"alice@herts gov.uk",
	" alice@herts.gov.uk",
	"alice@herts.gov.uk ",
	"alice@herts.gov.uk\n",
	"alice@herts\x7f.gov.uk",
	"alice@h\xc3rts.gov.uk",
};

static void
test_staff_emails(void **state)
{
	struct staff s;
	struct agency a;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(email_valid); i++) {
		base_staff(&s, &a);
		assert_int_equal(text_copy(s.email, sizeof(s.email),
		    email_valid[i]), HERR_OK);
		hdiag_clear(&d);
		if (staff_validate(&s, &a, &d) != HERR_OK)
			fail_msg("\"%s\" refused: %s", email_valid[i], d.msg);
	}
	for (i = 0; i < NELEM(email_invalid); i++) {
		base_staff(&s, &a);
		assert_int_equal(text_copy(s.email, sizeof(s.email),
		    email_invalid[i]), HERR_OK);
		hdiag_clear(&d);
		if (staff_validate(&s, &a, &d) != HERR_INVALID)
			fail_msg("\"%s\" accepted", email_invalid[i]);
		assert_string_equal(d.field, "email");
	}
}

/* Names, role and agency: one change each. */
static void
test_staff_other_fields(void **state)
{
	struct staff s;
	struct agency a;
	struct hdiag d;

	(void)state;
	base_staff(&s, &a);
	assert_int_equal(staff_validate(&s, &a, &d), HERR_OK);

	s.given_name[0] = '\0';
	assert_int_equal(staff_validate(&s, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "given_name");

	base_staff(&s, &a);
	memcpy(s.family_name, "Smith\n", 7);
	assert_int_equal(staff_validate(&s, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "family_name");

	base_staff(&s, &a);
	s.role = ROLE__COUNT;
	assert_int_equal(staff_validate(&s, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "role");
	s.role = (enum staff_role)-1;
	assert_int_equal(staff_validate(&s, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "role");

	base_staff(&s, &a);
	assert_int_equal(staff_validate(&s, NULL, &d), HERR_INVALID);
	assert_string_equal(d.field, "agency");
	s.agency_id = 0;
	assert_int_equal(staff_validate(&s, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "agency");
	s.agency_id = -3;
	assert_int_equal(staff_validate(&s, &a, NULL), HERR_INVALID);

	/* Inactive staff are still valid records. */
	base_staff(&s, &a);
	s.active = false;
	assert_int_equal(staff_validate(&s, &a, &d), HERR_OK);
}

/* Every role in a local authority: only the partner practitioner refused. */
static void
test_staff_roles_in_agencies(void **state)
{
	struct staff s;
	struct agency a;
	struct hdiag d;
	int r, k;

	(void)state;
	for (k = 0; k < AGENCY__COUNT; k++) {
		for (r = 0; r < ROLE__COUNT; r++) {
			base_staff(&s, &a);
			a.kind = (enum agency_kind)k;
			s.role = (enum staff_role)r;
			hdiag_clear(&d);
			if (r == ROLE_PARTNER_PRACTITIONER &&
			    k == AGENCY_LOCAL_AUTHORITY) {
				assert_int_equal(staff_validate(&s, &a, &d),
				    HERR_INVALID);
				assert_string_equal(d.field, "agency");
				assert_string_equal(d.value, a.name);
				assert_non_null(strstr(d.msg, a.name));
				continue;
			}
			if (staff_validate(&s, &a, &d) != HERR_OK)
				fail_msg("%s in %s refused: %s", role_code(
				    s.role), agency_kind_code(a.kind), d.msg);
		}
	}
}

static void
test_agency_validate(void **state)
{
	struct agency a;
	struct hdiag d;
	int k;

	(void)state;
	for (k = 0; k < AGENCY__COUNT; k++) {
		memset(&a, 0, sizeof(a));
		memcpy(a.name, "Hertfordshire Constabulary", 27);
		a.kind = (enum agency_kind)k;
		assert_int_equal(agency_validate(&a, &d), HERR_OK);
	}
	a.kind = AGENCY__COUNT;
	assert_int_equal(agency_validate(&a, &d), HERR_INVALID);
	assert_string_equal(d.field, "kind");
	a.kind = AGENCY_POLICE;
	a.name[0] = '\0';
	assert_int_equal(agency_validate(&a, &d), HERR_INVALID);
	assert_string_equal(d.field, "name");
	memcpy(a.name, "Police ", 8);
	assert_int_equal(agency_validate(&a, &d), HERR_INVALID);
	assert_string_equal(d.field, "name");
}

static const struct {
	const char *name;
	int kind;
	const char *field;	/* NULL: valid */
} team_cases[] = {
	{ "North Assessment", TEAM_ASSESSMENT, NULL },
	{ "Family Safeguarding Team 3", TEAM_FAMILY_SAFEGUARDING, NULL },
	{ "\xc3\x89quipe", TEAM_OTHER, NULL },
	{ "T", TEAM_FGC, NULL },
	{ "", TEAM_ASSESSMENT, "name" },
	{ " North", TEAM_ASSESSMENT, "name" },
	{ "North\tEast", TEAM_ASSESSMENT, "name" },
	{ "North", TEAM__COUNT, "kind" },
	{ "North", -1, "kind" },
	{ "North", 99, "kind" },
};

static void
test_team_validate(void **state)
{
	struct team t;
	struct hdiag d;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < NELEM(team_cases); i++) {
		memset(&t, 0, sizeof(t));
		assert_int_equal(text_copy(t.name, sizeof(t.name),
		    team_cases[i].name), HERR_OK);
		t.kind = (enum team_kind)team_cases[i].kind;
		hdiag_clear(&d);
		if (team_cases[i].field == NULL) {
			if (team_validate(&t, &d) != HERR_OK)
				fail_msg("team %zu refused: %s", i, d.msg);
			continue;
		}
		if (team_validate(&t, &d) != HERR_INVALID)
			fail_msg("team %zu accepted", i);
		assert_string_equal(d.field, team_cases[i].field);
	}
	for (k = 0; k < TEAM__COUNT; k++) {
		memset(&t, 0, sizeof(t));
		memcpy(t.name, "Team", 5);
		t.kind = (enum team_kind)k;
		assert_int_equal(team_validate(&t, NULL), HERR_OK);
	}
	/* 100 bytes is the limit, and fits. */
	memset(t.name, 'x', TEAM_NAME_MAX);
	t.name[TEAM_NAME_MAX] = '\0';
	assert_int_equal(team_validate(&t, NULL), HERR_OK);
}

static const struct {
	const char *what;
	int64_t staff, child, household;
	const char *start, *end;
	const char *field;	/* NULL: valid */
} alloc_cases[] = {
	{ "to a child, open", 5, 40, 0, "2025-01-06", "", NULL },
	{ "to a household, open", 5, 0, 9, "2025-01-06", "", NULL },
	{ "ended the day it started", 5, 40, 0, "2025-01-06", "2025-01-06",
	    NULL },
	{ "ended later", 5, 0, 9, "2025-01-06", "2025-03-31", NULL },
	{ "no worker", 0, 40, 0, "2025-01-06", "", "staff" },
	{ "negative worker", -5, 40, 0, "2025-01-06", "", "staff" },
	{ "neither child nor household", 5, 0, 0, "2025-01-06", "", "child" },
	{ "both child and household", 5, 40, 9, "2025-01-06", "", "child" },
	{ "negative ids count as none", 5, -1, -1, "2025-01-06", "",
	    "child" },
	{ "no start", 5, 40, 0, "", "", "start_date" },
	{ "no start, with an end", 5, 40, 0, "", "2025-03-31", "start_date" },
	{ "ends before it starts", 5, 40, 0, "2025-01-06", "2025-01-05",
	    "end_date" },
	{ "ends a year before", 5, 0, 9, "2025-01-06", "2024-01-06",
	    "end_date" },
};

static void
test_allocation_validate(void **state)
{
	struct allocation a;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(alloc_cases); i++) {
		memset(&a, 0, sizeof(a));
		a.staff_id = alloc_cases[i].staff;
		a.child_id = alloc_cases[i].child;
		a.household_id = alloc_cases[i].household;
		a.start_date = dt(alloc_cases[i].start);
		a.end_date = dt(alloc_cases[i].end);
		hdiag_clear(&d);
		if (alloc_cases[i].field == NULL) {
			if (allocation_validate(&a, &d) != HERR_OK)
				fail_msg("%s: refused: %s", alloc_cases[i].what,
				    d.msg);
			continue;
		}
		if (allocation_validate(&a, &d) != HERR_INVALID)
			fail_msg("%s: accepted", alloc_cases[i].what);
		if (strcmp(d.field, alloc_cases[i].field) != 0)
			fail_msg("%s: field \"%s\", expected \"%s\"",
			    alloc_cases[i].what, d.field, alloc_cases[i].field);
		if (strcmp(d.field, "end_date") == 0) {
			assert_string_equal(d.value, alloc_cases[i].end);
			assert_non_null(strstr(d.msg, alloc_cases[i].start));
		}
		assert_int_equal(allocation_validate(&a, NULL), HERR_INVALID);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab_round_trip),
		cmocka_unit_test(test_vocab_unknown_refused),
		cmocka_unit_test(test_adult_specialists),
		cmocka_unit_test(test_staff_usernames),
		cmocka_unit_test(test_staff_emails),
		cmocka_unit_test(test_staff_other_fields),
		cmocka_unit_test(test_staff_roles_in_agencies),
		cmocka_unit_test(test_agency_validate),
		cmocka_unit_test(test_team_validate),
		cmocka_unit_test(test_allocation_validate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
