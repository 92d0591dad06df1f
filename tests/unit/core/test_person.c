/*
 * test_person.c: whether a child or an adult may be stored.
 *
 * Every case starts from one valid child and changes one thing, so the
 * problem reported is the one the case is about; the tables say which field
 * diag must name (and, where it matters, the value it must quote).  Rule
 * numbers are the CIN census validation rules the header cites.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/codes.h"
#include "core/date.h"
#include "core/person.h"
#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"

#define TODAY "2025-06-30"

/*
 * Writes a UPN into dst: "?" followed by 12 characters is completed with
 * the right check letter (upn_check_letter), anything else is copied.
 */
static void
put_upn(char dst[14], const char *s)
{
	size_t n = strlen(s);

	assert_true(n < 14);
	memcpy(dst, s, n + 1);
	if (s[0] == '?') {
		dst[0] = upn_check_letter(s + 1);
		assert_true(dst[0] != 0);
	}
}

/* Name of 100 and 101 bytes (the limit is PERSON_NAME_MAX bytes). */
#define N10 "Abcdefghij"
#define NAME100 N10 N10 N10 N10 N10 N10 N10 N10 N10 N10
/* 100 bytes of two-byte characters: 50 x e acute. */
#define E5 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
#define NAME100_UTF8 "\xc3\xa9" E5 E5 E5 E5 E5 E5 E5 E5 E5 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"

/*
 * One change to the base child.  A NULL string (or a 0 sex) keeps the base
 * value; "" for a date means no date.  `dis` replaces the disabilities when
 * `set_dis` is true.
 */
struct child_case {
	const char *what;
	const char *given, *family;
	const char *dob, *edob, *dod;
	char sex;
	const char *ethnicity, *upn, *former_upn, *upn_unknown, *la_child_id;
	bool set_dis;
	const char *dis[CHILD_DISABILITY_MAX];
	/* invalid cases only */
	const char *field;	/* diag.field */
	const char *value;	/* diag.value, if not NULL */
	const char *msg;	/* a phrase of diag.msg, if not NULL */
};

/* The base child: born, a UPN, one disability. */
static void
base_child(struct child *c)
{
	child_init(c);
	memcpy(c->given_name, "Amara", 6);
	memcpy(c->family_name, "Okafor", 7);
	c->birth_date = dt("2015-03-14");
	c->sex = 'F';
	memcpy(c->ethnicity, "BAFR", 5);
	put_upn(c->upn, "?919123425001");
	memcpy(c->la_child_id, "CH12345", 8);
	assert_int_equal(child_add_disability(c, "LD"), HERR_OK);
}

static void
apply(struct child *c, const struct child_case *k)
{
	base_child(c);
	if (k->given)
		assert_int_equal(text_copy(c->given_name,
		    sizeof(c->given_name), k->given), HERR_OK);
	if (k->family)
		assert_int_equal(text_copy(c->family_name,
		    sizeof(c->family_name), k->family), HERR_OK);
	if (k->dob)
		c->birth_date = dt(k->dob);
	if (k->edob)
		c->expected_birth_date = dt(k->edob);
	if (k->dod)
		c->death_date = dt(k->dod);
	if (k->sex)
		c->sex = k->sex == '0' ? '\0' : k->sex;
	if (k->ethnicity)
		assert_int_equal(text_copy(c->ethnicity, sizeof(c->ethnicity),
		    k->ethnicity), HERR_OK);
	if (k->upn)
		put_upn(c->upn, k->upn);
	if (k->former_upn)
		put_upn(c->former_upn, k->former_upn);
	if (k->upn_unknown)
		assert_int_equal(text_copy(c->upn_unknown,
		    sizeof(c->upn_unknown), k->upn_unknown), HERR_OK);
	if (k->la_child_id)
		assert_int_equal(text_copy(c->la_child_id,
		    sizeof(c->la_child_id), k->la_child_id), HERR_OK);
	if (k->set_dis) {
		c->n_disabilities = 0;
		for (int i = 0; i < CHILD_DISABILITY_MAX && k->dis[i]; i++)
			assert_int_equal(child_add_disability(c, k->dis[i]),
			    HERR_OK);
	}
}

static const struct child_case child_valid[] = {
	{ .what = "the base child" },
	{ .what = "male", .sex = 'M' },
	{ .what = "sex not known", .sex = 'U' },
	{ .what = "born today", .dob = TODAY },
	{ .what = "unborn, sex U (8525Q, 8750)", .dob = "",
	    .edob = "2025-09-01", .sex = 'U' },
	{ .what = "unborn, due today", .dob = "", .edob = TODAY, .sex = 'U' },
	{ .what = "died today", .dod = TODAY },
	{ .what = "died the day of birth (8535Q)", .dob = "2024-01-01",
	    .dod = "2024-01-01" },
	{ .what = "died after birth", .dod = "2020-07-01" },
	{ .what = "multi-byte given name", .given = "Zo\xc3\xab" },
	{ .what = "Vietnamese family name", .family = "Nguy\xe1\xbb\x85n" },
	{ .what = "apostrophe, hyphen and space", .family = "O'Brien-Smith Jr" },
	{ .what = "name of 100 ASCII bytes", .given = NAME100 },
	{ .what = "name of 100 bytes in 2-byte characters",
	    .family = NAME100_UTF8 },
	{ .what = "ethnicity WBRI", .ethnicity = "WBRI" },
	{ .what = "ethnicity not obtained", .ethnicity = "NOBT" },
	{ .what = "ethnicity refused", .ethnicity = "REFU" },
	{ .what = "UPN with another LA", .upn = "?201123425001" },
	{ .what = "temporary UPN (letter in place 13)",
	    .upn = "?94312342501A" },
	{ .what = "a former UPN as well", .former_upn = "?30112342500T" },
	{ .what = "no UPN, reason UN1", .upn = "", .upn_unknown = "UN1" },
	{ .what = "no UPN, reason UN7", .upn = "", .upn_unknown = "UN7" },
	{ .what = "no UPN, no reason", .upn = "" },
	{ .what = "no UPN, a former UPN", .upn = "", .upn_unknown = "UN2",
	    .former_upn = "?301123425009" },
	{ .what = "LA child id of 1 character", .la_child_id = "7" },
	{ .what = "LA child id of 10 characters",
	    .la_child_id = "ABCDE-1234" },
	{ .what = "LA child id lower case", .la_child_id = "ch-001" },
	{ .what = "LA child id digits", .la_child_id = "0000000001" },
	{ .what = "no disabilities", .set_dis = true },
	{ .what = "NONE alone (8540)", .set_dis = true, .dis = { "NONE" } },
	{ .what = "two disabilities", .set_dis = true,
	    .dis = { "MOB", "HAND" } },
	{ .what = "every disability except NONE", .set_dis = true,
	    .dis = { "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS",
	    "BEH", "CON", "AUT", "DDA" } },
};

static const struct child_case child_invalid[] = {
	/* names */
	{ .what = "no given name", .given = "", .field = "given_name",
	    .msg = "Given name is missing" },
	{ .what = "no family name", .family = "", .field = "family_name",
	    .msg = "Family name is missing" },
	{ .what = "given name with a newline", .given = "Amara\nJane",
	    .field = "given_name", .msg = "control character" },
	{ .what = "family name with a tab", .family = "Oka\tfor",
	    .field = "family_name", .msg = "control character" },
	{ .what = "given name not UTF-8", .given = "Zo\xeb",
	    .field = "given_name", .msg = "UTF-8" },
	{ .what = "given name with a leading space", .given = " Amara",
	    .field = "given_name", .value = " Amara" },
	{ .what = "family name with a trailing space", .family = "Okafor ",
	    .field = "family_name", .value = "Okafor " },
	/* 8525Q */
	{ .what = "neither date of birth nor expected", .dob = "",
	    .field = "birth_date" },
	{ .what = "neither, unborn-looking", .dob = "", .sex = 'U',
	    .field = "birth_date" },
	{ .what = "both date of birth and expected",
	    .edob = "2015-03-20", .field = "expected_birth_date",
	    .value = "2015-03-20", .msg = "not both" },
	/* 8520 */
	{ .what = "born tomorrow", .dob = "2025-07-01", .field = "birth_date",
	    .value = "2025-07-01", .msg = "2025-07-01" },
	{ .what = "born next year", .dob = "2026-06-30",
	    .field = "birth_date", .value = "2026-06-30",
	    .msg = "Date of birth 2026-06-30 is in the future" },
	/* death */
	{ .what = "dies tomorrow", .dod = "2025-07-01", .field = "death_date",
	    .value = "2025-07-01", .msg = "in the future" },
	{ .what = "died the day before birth (8535Q)", .dod = "2015-03-13",
	    .field = "death_date", .value = "2015-03-13",
	    .msg = "2015-03-13 is before the date of birth 2015-03-14" },
	{ .what = "died years before birth (8535Q)", .dod = "2001-01-01",
	    .field = "death_date", .value = "2001-01-01" },
	/* 4180 */
	{ .what = "sex X", .sex = 'X', .field = "sex", .value = "X" },
	{ .what = "sex lower case", .sex = 'm', .field = "sex", .value = "m" },
	{ .what = "sex as a digit", .sex = '1', .field = "sex", .value = "1" },
	{ .what = "sex missing", .sex = '0', .field = "sex", .value = "" },
	/* 8750 */
	{ .what = "unborn, sex F", .dob = "", .edob = "2025-09-01",
	    .sex = 'F', .field = "sex", .value = "F", .msg = "unborn" },
	{ .what = "unborn, sex M", .dob = "", .edob = "2025-09-01",
	    .sex = 'M', .field = "sex", .value = "M" },
	/* 4220 */
	{ .what = "no ethnicity", .ethnicity = "", .field = "ethnicity" },
	{ .what = "ethnicity not on the list", .ethnicity = "WBRX",
	    .field = "ethnicity", .value = "WBRX" },
	{ .what = "ethnicity lower case", .ethnicity = "wbri",
	    .field = "ethnicity", .value = "wbri" },
	/* 1510-1550 */
	{ .what = "UPN wrong check letter (1510)", .upn = "A919123425001",
	    .field = "upn", .value = "A919123425001", .msg = "1510" },
	{ .what = "UPN unknown LA (1530)", .upn = "?950000178301",
	    .field = "upn", .msg = "1530" },
	{ .what = "UPN letters in the middle (1540)",
	    .upn = "X8452A2818005", .field = "upn", .msg = "1540" },
	{ .what = "UPN bad last character (1550)", .upn = "X84521281800I",
	    .field = "upn", .msg = "1550" },
	{ .what = "UPN too short", .upn = "X84521281800", .field = "upn",
	    .msg = "13 characters" },
	{ .what = "UPN lower-case check letter", .upn = "x845212818005",
	    .field = "upn" },
	/* 1560Q */
	{ .what = "former UPN wrong check letter",
	    .former_upn = "W845212818005", .field = "former_upn",
	    .value = "W845212818005" },
	{ .what = "former UPN too short", .former_upn = "X84521281800",
	    .field = "former_upn" },
	{ .what = "former UPN bad LA, no UPN", .upn = "",
	    .former_upn = "?950000178301", .field = "former_upn" },
	/* UPN unknown reason */
	{ .what = "UPN and a reason it is unknown", .upn_unknown = "UN1",
	    .field = "upn_unknown", .value = "UN1" },
	{ .what = "no UPN, reason UN8 (SEN2 only)", .upn = "",
	    .upn_unknown = "UN8", .field = "upn_unknown", .value = "UN8" },
	{ .what = "no UPN, reason UN0", .upn = "", .upn_unknown = "UN0",
	    .field = "upn_unknown", .value = "UN0" },
	{ .what = "no UPN, reason un1", .upn = "", .upn_unknown = "un1",
	    .field = "upn_unknown", .value = "un1" },
	{ .what = "no UPN, reason UN", .upn = "", .upn_unknown = "UN",
	    .field = "upn_unknown", .value = "UN" },
	/* 8500 */
	{ .what = "no LA child id", .la_child_id = "",
	    .field = "la_child_id", .msg = "missing" },
	{ .what = "LA child id with a space", .la_child_id = "CH 123",
	    .field = "la_child_id", .value = "CH 123" },
	{ .what = "LA child id with an underscore", .la_child_id = "CH_123",
	    .field = "la_child_id", .value = "CH_123" },
	{ .what = "LA child id with a slash", .la_child_id = "CH/123",
	    .field = "la_child_id", .value = "CH/123" },
	{ .what = "LA child id with a dot", .la_child_id = "CH.123",
	    .field = "la_child_id", .value = "CH.123" },
	{ .what = "LA child id not ASCII", .la_child_id = "\xc3\x89" "123",
	    .field = "la_child_id" },
	/* 8540 */
	{ .what = "NONE then another", .set_dis = true,
	    .dis = { "NONE", "MOB" }, .field = "disability", .value = "NONE" },
	{ .what = "another then NONE", .set_dis = true,
	    .dis = { "MOB", "NONE" }, .field = "disability", .value = "NONE" },
	{ .what = "NONE twice", .set_dis = true, .dis = { "NONE", "NONE" },
	    .field = "disability", .value = "NONE" },
	{ .what = "a code twice", .set_dis = true,
	    .dis = { "MOB", "VIS", "MOB" }, .field = "disability",
	    .value = "MOB", .msg = "twice" },
	{ .what = "a code not on the list", .set_dis = true,
	    .dis = { "MOB", "DEAF" }, .field = "disability", .value = "DEAF" },
	{ .what = "a code in lower case", .set_dis = true,
	    .dis = { "mob" }, .field = "disability", .value = "mob" },
	{ .what = "an empty code", .set_dis = true, .dis = { "" },
	    .field = "disability" },
};

static void
test_child_valid(void **state)
{
	struct child c;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(child_valid); i++) {
		apply(&c, &child_valid[i]);
		hdiag_clear(&d);
		if (child_validate(&c, dt(TODAY), &d) != HERR_OK)
			fail_msg("%s: refused: %s: %s", child_valid[i].what,
			    d.field, d.msg);
		assert_string_equal(d.msg, "");
	}
}

static void
check_invalid(const struct child *c, const struct child_case *k)
{
	struct hdiag d;

	hdiag_clear(&d);
	if (child_validate(c, dt(TODAY), &d) != HERR_INVALID)
		fail_msg("%s: accepted", k->what);
	if (strcmp(d.field, k->field) != 0)
		fail_msg("%s: field \"%s\", expected \"%s\" (%s)", k->what,
		    d.field, k->field, d.msg);
	if (k->value && strcmp(d.value, k->value) != 0)
		fail_msg("%s: value \"%s\", expected \"%s\"", k->what,
		    d.value, k->value);
	if (k->msg && strstr(d.msg, k->msg) == NULL)
		fail_msg("%s: \"%s\" lacks \"%s\"", k->what, d.msg, k->msg);
	assert_true(strlen(d.msg) > 10);
	/* No diag: refused all the same. */
	assert_int_equal(child_validate(c, dt(TODAY), NULL), HERR_INVALID);
}

static void
test_child_invalid(void **state)
{
	struct child c;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(child_invalid); i++) {
		apply(&c, &child_invalid[i]);
		check_invalid(&c, &child_invalid[i]);
	}
}

/*
 * The length limits (names 100 bytes, LA child id 10 characters, 8500) are
 * the sizes of the struct's arrays, so a longer value cannot reach
 * child_validate: it is refused by text_copy where the edge fills the
 * struct.  Both sides of each limit are checked here.
 */
static void
test_child_limits_at_copy(void **state)
{
	struct child c;
	struct adult a;

	(void)state;
	base_child(&c);
	assert_int_equal(text_copy(c.given_name, sizeof(c.given_name),
	    NAME100 "x"), HERR_INVALID);
	assert_int_equal(text_copy(c.family_name, sizeof(c.family_name),
	    NAME100_UTF8 "x"), HERR_INVALID);
	assert_int_equal(text_copy(c.la_child_id, sizeof(c.la_child_id),
	    "ABCDE-12345"), HERR_INVALID);
	assert_int_equal(text_copy(c.upn, sizeof(c.upn), "X8452128180051"),
	    HERR_INVALID);
	assert_int_equal(text_copy(c.la_child_id, sizeof(c.la_child_id),
	    "ABCDE-1234"), HERR_OK);
	assert_int_equal(text_copy(c.given_name, sizeof(c.given_name),
	    NAME100), HERR_OK);
	assert_int_equal(text_copy(c.family_name, sizeof(c.family_name),
	    NAME100_UTF8), HERR_OK);
	assert_int_equal(child_validate(&c, dt(TODAY), NULL), HERR_OK);
	adult_init(&a);
	assert_int_equal(text_copy(a.given_name, sizeof(a.given_name),
	    NAME100 "x"), HERR_INVALID);
}

/* The base is valid, so every invalid case is refused for its own reason. */
static void
test_base_child_valid(void **state)
{
	struct child c;

	(void)state;
	base_child(&c);
	assert_int_equal(child_validate(&c, dt(TODAY), NULL), HERR_OK);
	assert_false(child_is_unborn(&c));
	/* The base UPN really is the one put_upn was asked for. */
	assert_int_equal(strlen(c.upn), 13);
	assert_string_equal(c.upn + 1, "919123425001");
}

/* 8520: the message names the field and quotes the date. */
static void
test_child_dob_future_message(void **state)
{
	struct child c;
	struct hdiag d;

	(void)state;
	base_child(&c);
	c.birth_date = dt(TODAY) + 1;
	assert_int_equal(child_validate(&c, dt(TODAY), &d), HERR_INVALID);
	assert_string_equal(d.field, "birth_date");
	assert_string_equal(d.value, "2025-07-01");
	assert_non_null(strstr(d.msg, "2025-07-01"));
	assert_non_null(strstr(d.msg, "future"));
	/* The same child is fine a day later. */
	assert_int_equal(child_validate(&c, dt(TODAY) + 1, &d), HERR_OK);
}

/* Every UN code is accepted without a UPN, and refused with one. */
static void
test_child_upn_unknown_codes(void **state)
{
	const struct code *list;
	struct child c;
	struct hdiag d;
	size_t i, n;

	(void)state;
	list = codes_list(CODES_UPN_UNKNOWN, &n);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++) {
		base_child(&c);
		c.upn[0] = '\0';
		assert_int_equal(text_copy(c.upn_unknown, sizeof(c.upn_unknown),
		    list[i].code), HERR_OK);
		if (child_validate(&c, dt(TODAY), &d) != HERR_OK)
			fail_msg("%s refused: %s", list[i].code, d.msg);
		put_upn(c.upn, "?919123425001");
		assert_int_equal(child_validate(&c, dt(TODAY), &d),
		    HERR_INVALID);
		assert_string_equal(d.field, "upn_unknown");
		assert_string_equal(d.value, list[i].code);
	}
}

/* Every ethnicity code on the census list is accepted for a child. */
static void
test_child_every_ethnicity(void **state)
{
	const struct code *list;
	struct child c;
	size_t i, n;

	(void)state;
	list = codes_list(CODES_ETHNICITY, &n);
	assert_int_equal(n, 20);
	for (i = 0; i < n; i++) {
		base_child(&c);
		assert_int_equal(text_copy(c.ethnicity, sizeof(c.ethnicity),
		    list[i].code), HERR_OK);
		if (child_validate(&c, dt(TODAY), NULL) != HERR_OK)
			fail_msg("%s refused", list[i].code);
	}
}

/* Every single disability code is accepted alone. */
static void
test_child_every_disability(void **state)
{
	const struct code *list;
	struct child c;
	size_t i, n;

	(void)state;
	list = codes_list(CODES_DISABILITY, &n);
	assert_int_equal(n, 13);
	for (i = 0; i < n; i++) {
		base_child(&c);
		c.n_disabilities = 0;
		assert_int_equal(child_add_disability(&c, list[i].code),
		    HERR_OK);
		if (child_validate(&c, dt(TODAY), NULL) != HERR_OK)
			fail_msg("%s refused", list[i].code);
	}
}

/* A count outside 0..13 is refused, not read past the array. */
static void
test_child_disability_count(void **state)
{
	struct child c;
	struct hdiag d;

	(void)state;
	base_child(&c);
	c.n_disabilities = -1;
	assert_int_equal(child_validate(&c, dt(TODAY), &d), HERR_INVALID);
	assert_string_equal(d.field, "disability");
	c.n_disabilities = CHILD_DISABILITY_MAX + 1;
	assert_int_equal(child_validate(&c, dt(TODAY), &d), HERR_INVALID);
	assert_string_equal(d.field, "disability");
	assert_non_null(strstr(d.msg, "13"));
}

static void
test_child_add_disability(void **state)
{
	static const char *const all[CHILD_DISABILITY_MAX] = {
		"MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS",
		"BEH", "CON", "AUT", "DDA", "NONE",
	};
	struct child c;
	int i;

	(void)state;
	child_init(&c);
	assert_int_equal(c.n_disabilities, 0);
	for (i = 0; i < CHILD_DISABILITY_MAX; i++) {
		assert_int_equal(child_add_disability(&c, all[i]), HERR_OK);
		assert_int_equal(c.n_disabilities, i + 1);
		assert_string_equal(c.disabilities[i], all[i]);
	}
	/* Full: the 14th is refused and nothing changes. */
	assert_int_equal(child_add_disability(&c, "MOB"), HERR_INVALID);
	assert_int_equal(c.n_disabilities, CHILD_DISABILITY_MAX);
	assert_string_equal(c.disabilities[CHILD_DISABILITY_MAX - 1], "NONE");

	/* A code that does not fit its 4 characters is refused, not cut. */
	child_init(&c);
	assert_int_equal(child_add_disability(&c, "MOBIL"), HERR_INVALID);
	assert_int_equal(c.n_disabilities, 0);
	assert_int_equal(child_add_disability(&c, "COMM"), HERR_OK);
	assert_int_equal(c.n_disabilities, 1);
}

static void
test_child_init(void **state)
{
	struct child c;

	(void)state;
	memset(&c, 0x5a, sizeof(c));
	child_init(&c);
	assert_int_equal(c.id, 0);
	assert_int_equal(c.birth_date, HDAY_NONE);
	assert_int_equal(c.expected_birth_date, HDAY_NONE);
	assert_int_equal(c.death_date, HDAY_NONE);
	assert_int_equal(c.sex, 'U');
	assert_string_equal(c.given_name, "");
	assert_string_equal(c.upn, "");
	assert_int_equal(c.n_disabilities, 0);
	assert_false(child_is_unborn(&c));
	c.expected_birth_date = dt("2025-09-01");
	assert_true(child_is_unborn(&c));
	c.birth_date = dt("2025-06-01");
	assert_false(child_is_unborn(&c));
	/* An initialised child has no names, so it is not yet valid. */
	assert_int_equal(child_validate(&c, dt(TODAY), NULL), HERR_INVALID);
}

/* Adults: names, sex and a date of birth not in the future. */
struct adult_case {
	const char *what;
	const char *given, *family, *dob;
	char sex;
	const char *field;	/* NULL: valid */
	const char *value;
};

static const struct adult_case adult_cases[] = {
	{ "the base adult", NULL, NULL, NULL, 0, NULL, NULL },
	{ "no date of birth", NULL, NULL, "", 0, NULL, NULL },
	{ "born today", NULL, NULL, TODAY, 0, NULL, NULL },
	{ "male", NULL, NULL, NULL, 'M', NULL, NULL },
	{ "sex not known", NULL, NULL, NULL, 'U', NULL, NULL },
	{ "multi-byte name", "J\xc3\xb3zef", "W\xc3\xb3jcik", NULL, 0, NULL,
	    NULL },
	{ "no given name", "", NULL, NULL, 0, "given_name", "" },
	{ "no family name", NULL, "", NULL, 0, "family_name", "" },
	{ "family name with a newline", NULL, "Smith\nJones", NULL, 0,
	    "family_name", "" },
	{ "family name with a trailing space", NULL, "Smith ", NULL, 0,
	    "family_name", "Smith " },
	{ "sex X", NULL, NULL, NULL, 'X', "sex", "X" },
	{ "sex lower case", NULL, NULL, NULL, 'f', "sex", "f" },
	{ "born tomorrow", NULL, NULL, "2025-07-01", 0, "birth_date",
	    "2025-07-01" },
};

static void
test_adult(void **state)
{
	const struct adult_case *k;
	struct adult a;
	struct hdiag d;
	enum herr e;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(adult_cases); i++) {
		k = &adult_cases[i];
		memset(&a, 0x5a, sizeof(a));
		adult_init(&a);
		assert_int_equal(a.birth_date, HDAY_NONE);
		assert_int_equal(a.sex, 'U');
		memcpy(a.given_name, "Grace", 6);
		memcpy(a.family_name, "Okafor", 7);
		a.birth_date = dt("1988-11-02");
		a.sex = 'F';
		if (k->given)
			assert_int_equal(text_copy(a.given_name,
			    sizeof(a.given_name), k->given), HERR_OK);
		if (k->family)
			assert_int_equal(text_copy(a.family_name,
			    sizeof(a.family_name), k->family), HERR_OK);
		if (k->dob)
			a.birth_date = dt(k->dob);
		if (k->sex)
			a.sex = k->sex;
		hdiag_clear(&d);
		e = adult_validate(&a, dt(TODAY), &d);
		if (k->field == NULL) {
			if (e != HERR_OK)
				fail_msg("%s: refused: %s", k->what, d.msg);
			continue;
		}
		if (e != HERR_INVALID)
			fail_msg("%s: accepted", k->what);
		if (strcmp(d.field, k->field) != 0)
			fail_msg("%s: field \"%s\", expected \"%s\"", k->what,
			    d.field, k->field);
		if (k->value && strcmp(d.value, k->value) != 0)
			fail_msg("%s: value \"%s\", expected \"%s\"", k->what,
			    d.value, k->value);
		assert_int_equal(adult_validate(&a, dt(TODAY), NULL),
		    HERR_INVALID);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_child_valid),
		cmocka_unit_test(test_child_valid),
		cmocka_unit_test(test_child_invalid),
		cmocka_unit_test(test_child_dob_future_message),
		cmocka_unit_test(test_child_upn_unknown_codes),
		cmocka_unit_test(test_child_every_ethnicity),
		cmocka_unit_test(test_child_every_disability),
		cmocka_unit_test(test_child_disability_count),
		cmocka_unit_test(test_child_add_disability),
		cmocka_unit_test(test_child_limits_at_copy),
		cmocka_unit_test(test_child_init),
		cmocka_unit_test(test_adult),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
