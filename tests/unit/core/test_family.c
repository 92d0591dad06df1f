/*
 * test_family.c: relation names, households and relationships.
 *
 * The relation names are written out here rather than read back from
 * family.c, because they are stored in databases: renaming one silently
 * would orphan every stored relationship of that kind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/family.h"
#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"


static const struct {
	enum relation r;
	const char *code;
	const char *label;
} relations[] = {
	{ REL_MOTHER, "mother", "Mother" },
	{ REL_FATHER, "father", "Father" },
	{ REL_STEP_PARENT, "step_parent", "Step-parent" },
	{ REL_PARTNER, "partner", "Partner" },
	{ REL_SIBLING, "sibling", "Brother or sister" },
	{ REL_GRANDPARENT, "grandparent", "Grandparent" },
	{ REL_OTHER_RELATIVE, "other_relative", "Other relative" },
	{ REL_FRIEND, "friend", "Family friend" },
	{ REL_CARER, "carer", "Carer" },
};

static const char *const relation_invalid[] = {
	"", "Mother", "MOTHER", "mother ", " mother", "mum", "parent",
	"step-parent", "stepparent", "step_parent\n", "other relative",
	"brother", "unknown", "m", "carers",
};

static void
test_relation_round_trip(void **state)
{
	struct hdiag d;
	enum relation got;
	size_t i, j;

	(void)state;
	assert_int_equal(NELEM(relations), REL__COUNT);
	for (i = 0; i < NELEM(relations); i++) {
		assert_int_equal(relations[i].r, (enum relation)i);
		assert_string_equal(relation_code(relations[i].r),
		    relations[i].code);
		assert_string_equal(relation_label(relations[i].r),
		    relations[i].label);
		got = REL__COUNT;
		hdiag_clear(&d);
		assert_int_equal(relation_parse(relations[i].code, &got,
		    "kind", &d), HERR_OK);
		assert_int_equal(got, relations[i].r);
		assert_string_equal(d.msg, "");
		/* Codes and labels are distinct across kinds. */
		for (j = i + 1; j < NELEM(relations); j++) {
			assert_string_not_equal(relation_code(relations[i].r),
			    relation_code(relations[j].r));
			assert_string_not_equal(relation_label(relations[i].r),
			    relation_label(relations[j].r));
		}
	}
}

static void
test_relation_out_of_range(void **state)
{
	(void)state;
	assert_null(relation_code(REL__COUNT));
	assert_null(relation_label(REL__COUNT));
	assert_null(relation_code((enum relation)-1));
	assert_null(relation_label((enum relation)-1));
	assert_null(relation_code((enum relation)1000));
}

/* A relationship recorded the other way round, as the record shows it:
 * what the child is to the other person. */
static void
test_relation_inverse(void **state)
{
	static const struct {
		enum relation r;
		const char *label;
	} inverse[] = {
		{ REL_MOTHER, "Child" },
		{ REL_FATHER, "Child" },
		{ REL_STEP_PARENT, "Step-child" },
		{ REL_PARTNER, "Partner" },
		{ REL_SIBLING, "Brother or sister" },
		{ REL_GRANDPARENT, "Grandchild" },
		{ REL_OTHER_RELATIVE, "Other relative" },
		{ REL_FRIEND, "Family friend" },
		{ REL_CARER, "Cared for by the child" },
	};

	(void)state;
	assert_int_equal(NELEM(inverse), REL__COUNT);
	for (size_t i = 0; i < NELEM(inverse); i++)
		assert_string_equal(relation_inverse_label(inverse[i].r),
		    inverse[i].label);
	assert_null(relation_inverse_label(REL__COUNT));
	assert_null(relation_inverse_label((enum relation)-1));
}

static void
test_relation_unknown_refused(void **state)
{
	struct hdiag d;
	enum relation got;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(relation_invalid); i++) {
		got = REL_CARER;
		hdiag_clear(&d);
		if (relation_parse(relation_invalid[i], &got, "relation", &d) !=
		    HERR_INVALID)
			fail_msg("\"%s\" accepted", relation_invalid[i]);
		assert_int_equal(got, REL_CARER);	/* untouched */
		assert_string_equal(d.field, "relation");
		assert_string_equal(d.value, relation_invalid[i]);
		/* The message lists what is allowed. */
		assert_non_null(strstr(d.msg, "step_parent"));
		assert_non_null(strstr(d.msg, "carer"));
	}
	got = REL_CARER;
	assert_int_equal(relation_parse(NULL, &got, "relation", &d),
	    HERR_INVALID);
	assert_int_equal(got, REL_CARER);
	assert_string_equal(d.field, "relation");
	assert_string_equal(d.value, "");
	assert_int_equal(relation_parse("aunt", &got, "relation", NULL),
	    HERR_INVALID);
}

/* Shapes of real postcodes: A9, A99, AA9, AA99, A9A and AA9A outward
 * codes (M1, B33, CR2, DN55, W1A, SW1A). */
static const char *const postcode_valid[] = {
	"SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "AV1 2AB",
	"W1A 0AX", "EC1A 1BB", "L1 8JQ", "AL10 9AB", "E1W 1AA", "N1C 4AG",
	"M60 1NW",
};

static const char *const postcode_invalid[] = {
	"SW1A1AA",	/* no space */
	"sw1a 1aa",	/* lower case */
	"12 3AB",	/* outward code starts with a digit */
	"ABCDE 1AA",	/* outward code of 5 */
	"SW1A 1A",	/* inward code of 2 */
	"SW1A 1AAA",	/* inward code of 4 (does not fit) */
	"ABC 1AA",	/* outward code of letters only */
	"ABCD 1AA",
	"A1AA 1AA",	/* outward code: a letter after one digit only */
	"A12A 1AA",	/* outward code A99A */
	"AB1CD 1AA",	/* does not fit */
	"1A 1AA",
	"GIR 0AA",	/* Girobank's non-geographic code: no one lives there */
	"A 1AA",	/* outward code of 1 */
	" M1 1AE",	/* leading space */
	"M1 1AE ",	/* trailing space */
	"M1  1AE",	/* two spaces */
	"M1-1AE",	/* hyphen */
	"M1 AAE",	/* inward code starts with a letter */
	"M1 11E",	/* inward code with two digits */
	"M1 1A1",	/* inward code ends with a digit */
	"M1 1ae",	/* inward letters lower case */
	"SW-A 1AA",	/* punctuation in the outward code */
	"SW1A 1A\xc3",	/* not text */
	" ",
	"12345678",
};

static void
base_household(struct household *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->name, "Okafor household", 17);
	memcpy(h->postcode, "AL10 9AB", 9);
}

static void
test_household_postcodes(void **state)
{
	struct household h;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(postcode_valid); i++) {
		base_household(&h);
		assert_int_equal(text_copy(h.postcode, sizeof(h.postcode),
		    postcode_valid[i]), HERR_OK);
		hdiag_clear(&d);
		if (household_validate(&h, &d) != HERR_OK)
			fail_msg("\"%s\" refused: %s", postcode_valid[i], d.msg);
	}
	for (i = 0; i < NELEM(postcode_invalid); i++) {
		base_household(&h);
		/* Longer than POSTCODE_MAX: cannot even be put in the struct. */
		if (text_copy(h.postcode, sizeof(h.postcode),
		    postcode_invalid[i]) != HERR_OK) {
			assert_true(strlen(postcode_invalid[i]) > POSTCODE_MAX);
			continue;
		}
		hdiag_clear(&d);
		if (household_validate(&h, &d) != HERR_INVALID)
			fail_msg("\"%s\" accepted", postcode_invalid[i]);
		assert_string_equal(d.field, "postcode");
		assert_string_equal(d.value, postcode_invalid[i]);
		assert_non_null(strstr(d.msg, "SW1A 1AA"));
	}
	/* A postcode not known is allowed. */
	base_household(&h);
	h.postcode[0] = '\0';
	assert_int_equal(household_validate(&h, &d), HERR_OK);
}

static const struct {
	const char *name;
	const char *msg;	/* NULL: valid */
} household_names[] = {
	{ "Okafor household", NULL },
	{ "S", NULL },
	{ "Nguy\xe1\xbb\x85n family", NULL },
	{ "", "missing" },
	{ " Okafor household", "space" },
	{ "Okafor household ", "space" },
	{ "Okafor\nhousehold", "control character" },
	{ "Okafor\thousehold", "control character" },
	{ "Okafor \xc0\xaf", "UTF-8" },
};

static void
test_household_names(void **state)
{
	struct household h;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(household_names); i++) {
		base_household(&h);
		assert_int_equal(text_copy(h.name, sizeof(h.name),
		    household_names[i].name), HERR_OK);
		hdiag_clear(&d);
		if (household_names[i].msg == NULL) {
			if (household_validate(&h, &d) != HERR_OK)
				fail_msg("\"%s\" refused: %s",
				    household_names[i].name, d.msg);
			continue;
		}
		if (household_validate(&h, &d) != HERR_INVALID)
			fail_msg("\"%s\" accepted", household_names[i].name);
		assert_string_equal(d.field, "name");
		assert_non_null(strstr(d.msg, household_names[i].msg));
		assert_non_null(strstr(d.msg, "Household name"));
	}
	/* 100 bytes fit and pass; 101 do not fit the struct at all. */
	base_household(&h);
	memset(h.name, 'x', HOUSEHOLD_NAME_MAX);
	h.name[HOUSEHOLD_NAME_MAX] = '\0';
	assert_int_equal(household_validate(&h, NULL), HERR_OK);
}

/* Relationships: one change each to a valid one. */
struct rel_case {
	const char *what;
	int64_t person, relative;
	int kind;
	const char *start, *end;	/* "" is no date */
	const char *field;		/* NULL: valid */
};

#define P 11	/* the child */
#define R 12	/* the relative */

static const struct rel_case rel_cases[] = {
	{ "mother, no dates", P, R, REL_MOTHER, "", "", NULL },
	{ "carer from a date", P, R, REL_CARER, "2024-02-01", "", NULL },
	{ "ended, date unknown start", P, R, REL_PARTNER, "", "2024-02-01",
	    NULL },
	{ "ends the day it starts", P, R, REL_FRIEND, "2024-02-01",
	    "2024-02-01", NULL },
	{ "ends after it starts", P, R, REL_STEP_PARENT, "2020-01-01",
	    "2024-02-01", NULL },
	{ "reversed ids", R, P, REL_SIBLING, "", "", NULL },
	{ "large ids", INT64_MAX, INT64_MAX - 1, REL_GRANDPARENT, "", "",
	    NULL },
	{ "own mother", P, P, REL_MOTHER, "", "", "relative" },
	{ "own carer", R, R, REL_CARER, "2024-01-01", "", "relative" },
	{ "no person", 0, R, REL_MOTHER, "", "", "person" },
	{ "no relative", P, 0, REL_MOTHER, "", "", "person" },
	{ "neither", 0, 0, REL_MOTHER, "", "", "person" },
	{ "negative person", -1, R, REL_MOTHER, "", "", "person" },
	{ "negative relative", P, -5, REL_MOTHER, "", "", "person" },
	{ "ends a day before it starts", P, R, REL_FATHER, "2024-02-01",
	    "2024-01-31", "end_date" },
	{ "ends years before it starts", P, R, REL_FATHER, "2024-02-01",
	    "2001-01-01", "end_date" },
	{ "kind past the end", P, R, REL__COUNT, "", "", "kind" },
	{ "kind far past the end", P, R, 1000, "", "", "kind" },
	{ "negative kind", P, R, -1, "", "", "kind" },
};

static void
test_relationships(void **state)
{
	const struct rel_case *k;
	struct relationship r;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(rel_cases); i++) {
		k = &rel_cases[i];
		memset(&r, 0, sizeof(r));
		r.person_id = k->person;
		r.relative_id = k->relative;
		r.kind = (enum relation)k->kind;
		r.start_date = dt(k->start);
		r.end_date = dt(k->end);
		for (int pr = 0; pr < 2; pr++) {
			r.parental_responsibility = pr;
			hdiag_clear(&d);
			if (k->field == NULL) {
				if (relationship_validate(&r, &d) != HERR_OK)
					fail_msg("%s: refused: %s", k->what,
					    d.msg);
				continue;
			}
			if (relationship_validate(&r, &d) != HERR_INVALID)
				fail_msg("%s: accepted", k->what);
			if (strcmp(d.field, k->field) != 0)
				fail_msg("%s: field \"%s\", expected \"%s\"",
				    k->what, d.field, k->field);
			if (strcmp(k->field, "end_date") == 0) {
				assert_string_equal(d.value, k->end);
				assert_non_null(strstr(d.msg, k->end));
				assert_non_null(strstr(d.msg, k->start));
			}
			assert_int_equal(relationship_validate(&r, NULL),
			    HERR_INVALID);
		}
	}
}

/* Every kind is accepted between two different people. */
static void
test_relationship_every_kind(void **state)
{
	struct relationship r;
	int k;

	(void)state;
	for (k = 0; k < REL__COUNT; k++) {
		memset(&r, 0, sizeof(r));
		r.person_id = P;
		r.relative_id = R;
		r.kind = (enum relation)k;
		r.start_date = r.end_date = HDAY_NONE;
		if (relationship_validate(&r, NULL) != HERR_OK)
			fail_msg("%s refused", relation_code(r.kind));
		r.relative_id = P;
		assert_int_equal(relationship_validate(&r, NULL), HERR_INVALID);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relation_round_trip),
		cmocka_unit_test(test_relation_out_of_range),
		cmocka_unit_test(test_relation_inverse),
		cmocka_unit_test(test_relation_unknown_refused),
		cmocka_unit_test(test_household_postcodes),
		cmocka_unit_test(test_household_names),
		cmocka_unit_test(test_relationships),
		cmocka_unit_test(test_relationship_every_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
