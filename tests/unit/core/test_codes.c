/*
 * test_codes.c: the CIN census code lists and UPN validation.
 *
 * The expected lists below are written out independently of codes.c, from
 * the public CIN validator (data-to-insight/csc-validator-be-cin, rules in
 * cin_validator/rules/cin2022_23 and cin2024_25 at 1bf6f22), so that a code
 * dropped or added by mistake in either place fails here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/codes.h"
#include "testutil.h"
#include "core/banned.h"


/* rule_4220.py */
static const char *const ethnicity_valid[] = {
	"WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
	"AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
	"REFU", "NOBT",
};
static const char *const ethnicity_invalid[] = {
	"", "WBR", "WBRX", "wbri", "WBRI ", " WBRI", "WBRIX", "WHITE", "ABAB",
	"AAAA", "MIXD", "WBRI\n",
};

/* rule_8540.py */
static const char *const disability_valid[] = {
	"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH",
	"CON", "AUT", "DDA",
};
static const char *const disability_invalid[] = {
	"", "none", "None", "MOB ", "MO", "MOBI", "N", "DEAF", "ASD", "OTH",
	"DD",
};

/* rule_8866.py */
static const char *const referral_source_valid[] = {
	"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
	"4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
};
static const char *const referral_source_invalid[] = {
	"", "1", "1E", "1a", "2C", "3G", "4A", "5E", "0", "11", "01", "10 ",
	"3e", "A1",
};

/* rule_8650.py */
static const char *const primary_need_valid[] = {
	"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0",
};
static const char *const primary_need_invalid[] = {
	"", "N", "N10", "n1", "N01", "1", "NA", "N1 ", "AA", "BB",
};

/* rule_8640.py (its own test refuses RC13 and RC0) */
static const char *const closure_reason_valid[] = {
	"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9",
};
static const char *const closure_reason_invalid[] = {
	"", "RC0", "RC10", "RC13", "rc1", "RC", "RC01", "R1", "RC1 ", "RCA",
};

/* cin2024_25/rule_4180.py */
static const char *const sex_valid[] = { "M", "F", "U" };
static const char *const sex_invalid[] = {
	"", "m", "f", "u", "Male", "X", "0", "1", "2", "9", "MF", "M ",
};

/* rule_8905.py and rule_8910.py */
static const char *const abuse_category_valid[] = {
	"NEG", "PHY", "SAB", "EMO", "MUL",
};
static const char *const abuse_category_invalid[] = {
	"", "neg", "NE", "NEGL", "AAA", "BBB", "SEX", "CSE", "NEG ", "MULT",
};

/* rule_8897Q.py (18A and 19A: still valid; 8945Q/8950Q query them) */
static const char *const assessment_factor_valid[] = {
	"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C",
	"5A", "5B", "5C", "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F",
	"9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A", "18A",
	"18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
};
static const char *const assessment_factor_invalid[] = {
	"", "1", "1D", "7B", "8A", "8G", "9B", "10", "10B", "20A", "21A", "22",
	"25A", "18D", "1a", "21 ", "021",
};

/* liia-tools CIN_schema_2024.xsd (unknownupntype); UN8-UN10 are SEN2's. */
static const char *const upn_unknown_valid[] = {
	"UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7",
};
static const char *const upn_unknown_invalid[] = {
	"", "UN0", "UN8", "UN9", "UN10", "un1", "UN", "UN01", "UN1 ", "U1",
};

static const struct list_case {
	enum code_list list;
	const char *name;
	size_t count;		/* as counted in the validator */
	const char *const *valid;
	size_t nvalid;
	const char *const *invalid;
	size_t ninvalid;
} cases[] = {
#define CASE(l, name, count, v) \
	{ l, name, count, v##_valid, NELEM(v##_valid), v##_invalid, \
	    NELEM(v##_invalid) }
	CASE(CODES_ETHNICITY, "ethnicity", 20, ethnicity),
	CASE(CODES_DISABILITY, "disability", 13, disability),
	CASE(CODES_REFERRAL_SOURCE, "referral source", 22, referral_source),
	CASE(CODES_PRIMARY_NEED, "primary need", 10, primary_need),
	CASE(CODES_CLOSURE_REASON, "reason for closure", 9, closure_reason),
	CASE(CODES_SEX, "sex", 3, sex),
	CASE(CODES_ABUSE_CATEGORY, "category of abuse", 5, abuse_category),
	CASE(CODES_ASSESSMENT_FACTOR, "assessment factor", 44,
	    assessment_factor),
	CASE(CODES_UPN_UNKNOWN, "UPN unknown reason", 7, upn_unknown),
#undef CASE
};

static void
test_cases_cover_every_list(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(NELEM(cases), CODES__COUNT);
	for (i = 0; i < NELEM(cases); i++)
		assert_int_equal(cases[i].list, (enum code_list)i);
}

/* The list is exactly the validator's, in the same order, with labels. */
static void
test_lists_match_validator(void **state)
{
	const struct code *list;
	size_t i, j, k, n;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		list = codes_list(cases[i].list, &n);
		assert_non_null(list);
		assert_int_equal(n, cases[i].count);
		assert_int_equal(cases[i].nvalid, cases[i].count);
		for (j = 0; j < n; j++) {
			assert_string_equal(list[j].code, cases[i].valid[j]);
			assert_non_null(list[j].label);
			assert_true(strlen(list[j].label) > 1);
			for (k = j + 1; k < n; k++)
				assert_string_not_equal(list[j].code,
				    list[k].code);
		}
		assert_string_equal(codes_list_name(cases[i].list),
		    cases[i].name);
	}
}

static void
test_valid_codes_accepted(void **state)
{
	const struct code *c;
	struct hdiag d;
	size_t i, j;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		for (j = 0; j < cases[i].nvalid; j++) {
			c = codes_find(cases[i].list, cases[i].valid[j]);
			assert_non_null(c);
			assert_string_equal(c->code, cases[i].valid[j]);
			hdiag_clear(&d);
			assert_int_equal(codes_check(cases[i].list, "f",
			    cases[i].valid[j], &d), HERR_OK);
			assert_string_equal(d.msg, "");
		}
	}
}

static void
test_invalid_codes_refused(void **state)
{
	struct hdiag d;
	size_t i, j;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		for (j = 0; j < cases[i].ninvalid; j++) {
			assert_null(codes_find(cases[i].list,
			    cases[i].invalid[j]));
			hdiag_clear(&d);
			assert_int_equal(codes_check(cases[i].list, "field",
			    cases[i].invalid[j], &d), HERR_INVALID);
			assert_string_equal(d.field, "field");
			assert_string_equal(d.value, cases[i].invalid[j]);
			assert_non_null(strstr(d.msg, cases[i].name));
		}
		/* NULL is missing, not a crash. */
		assert_null(codes_find(cases[i].list, NULL));
		assert_int_equal(codes_check(cases[i].list, "field", NULL,
		    NULL), HERR_INVALID);
	}
}

/* A code from one list is not accepted by another. */
static void
test_lists_are_separate(void **state)
{
	(void)state;
	assert_null(codes_find(CODES_PRIMARY_NEED, "RC1"));
	assert_null(codes_find(CODES_SEX, "NEG"));
	assert_non_null(codes_find(CODES_REFERRAL_SOURCE, "1A"));
	assert_non_null(codes_find(CODES_ASSESSMENT_FACTOR, "1A"));
	assert_null(codes_find(CODES_REFERRAL_SOURCE, "21"));
	assert_null(codes_find(CODES_ASSESSMENT_FACTOR, "10"));
}

static void
test_labels(void **state)
{
	(void)state;
	assert_string_equal(codes_find(CODES_PRIMARY_NEED, "N1")->label,
	    "Abuse or neglect");
	assert_string_equal(codes_find(CODES_CLOSURE_REASON, "RC8")->label,
	    "Case closed after assessment, no further action");
	assert_string_equal(codes_find(CODES_REFERRAL_SOURCE, "3E")->label,
	    "Health services: A&E");
	assert_string_equal(codes_find(CODES_DISABILITY, "MOB")->label,
	    "Mobility");
	assert_string_equal(codes_find(CODES_ETHNICITY, "WBRI")->label,
	    "White British");
}

static void
test_check_message(void **state)
{
	struct hdiag d;
	char longv[200];

	(void)state;
	assert_int_equal(codes_check(CODES_ETHNICITY, "ethnicity", "WBRX", &d),
	    HERR_INVALID);
	assert_string_equal(d.field, "ethnicity");
	assert_string_equal(d.value, "WBRX");
	assert_string_equal(d.msg, "ethnicity \"WBRX\" is not a CIN census "
	    "ethnicity code (for example WBRI, WIRI, ...)");

	assert_int_equal(codes_check(CODES_ABUSE_CATEGORY,
	    "latest_category", "neg", &d), HERR_INVALID);
	assert_string_equal(d.field, "latest_category");
	assert_non_null(strstr(d.msg, "latest_category \"neg\""));
	assert_non_null(strstr(d.msg, "category of abuse"));
	assert_non_null(strstr(d.msg, "NEG"));

	assert_int_equal(codes_check(CODES_SEX, "sex", "", &d), HERR_INVALID);
	assert_string_equal(d.field, "sex");
	assert_non_null(strstr(d.msg, "sex is missing"));

	/* A NULL field falls back to the list's name in the sentence. */
	assert_int_equal(codes_check(CODES_PRIMARY_NEED, NULL, "N10", &d),
	    HERR_INVALID);
	assert_string_equal(d.field, "");
	assert_non_null(strstr(d.msg, "primary need \"N10\""));

	/* A long value is clipped in the sentence; the examples survive. */
	memset(longv, 'X', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	assert_int_equal(codes_check(CODES_ETHNICITY, "ethnicity", longv, &d),
	    HERR_INVALID);
	assert_non_null(strstr(d.msg, "XXX...\" is not"));
	assert_non_null(strstr(d.msg, "WBRI"));

	/* No diag wanted: still refused. */
	assert_int_equal(codes_check(CODES_SEX, "sex", "X", NULL),
	    HERR_INVALID);
}

static void
test_bad_list(void **state)
{
	size_t n = 99;
	struct hdiag d;

	(void)state;
	assert_null(codes_list(CODES__COUNT, &n));
	assert_int_equal(n, 0);
	assert_null(codes_find(CODES__COUNT, "M"));
	assert_null(codes_find((enum code_list)-1, "M"));
	assert_string_equal(codes_list_name(CODES__COUNT),
	    "unknown code list");
	assert_int_equal(codes_check(CODES__COUNT, "f", "M", &d),
	    HERR_INVALID);
}

/*
 * rule_1530.py (cin2023_24, inherited by 2024/25 and 2025/26): every LA
 * code the validator accepts, 195 in all.
 */
static const short la_known[] = {
	1, 2, 3, 4, 5,
	201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213,
	301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314,
	315, 316, 317, 318, 319, 320,
	330, 331, 332, 333, 334, 335, 336,
	340, 341, 342, 343, 344,
	350, 351, 352, 353, 354, 355, 356, 357, 358, 359,
	370, 371, 372, 373,
	380, 381, 382, 383, 384,
	390, 391, 392, 393, 394,
	420,
	660, 661, 662, 663, 664, 665, 666, 667, 668, 669, 670, 671, 672, 673,
	674, 675, 676, 677, 678, 679, 680, 681,
	701, 702, 703, 704, 705, 706, 707, 708,
	800, 801, 802, 803, 805, 806, 807, 808, 810, 811, 812, 813, 815, 816,
	820, 821, 822, 823, 825, 826, 830, 831, 835, 836, 837, 838, 839, 840,
	841, 845, 846, 850, 851, 852, 855, 856, 857, 860, 861,
	865, 866, 867, 868, 869, 870, 871, 872, 873, 874, 875, 876, 877, 878,
	879, 880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892,
	893, 894, 895, 896,
	908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933,
	935, 936, 937, 938, 940, 941, 942, 943,
};

static void
test_la_codes(void **state)
{
	size_t i;
	int la, known = 0;
	bool want;

	(void)state;
	assert_int_equal(NELEM(la_known), 195);
	for (la = -5; la < 1005; la++) {
		want = false;
		for (i = 0; i < NELEM(la_known); i++)
			if (la_known[i] == la)
				want = true;
		if (codes_la_known(la) != want)
			fail_msg("LA %d: expected %s", la, want ? "known" :
			    "unknown");
		known += want;
	}
	assert_int_equal(known, 195);
	assert_false(codes_la_known(0));
	assert_false(codes_la_known(214));
	assert_true(codes_la_known(919));
	assert_true(codes_la_known(943));
	assert_false(codes_la_known(944));
	assert_false(codes_la_known(950));
}

/*
 * Valid UPNs.  Worked by hand for the first: X845212818005 (from the
 * validator's own rule_1510 test, where it passes):
 *   8*2 + 4*3 + 5*4 + 2*5 + 1*6 + 2*7 + 8*8 + 1*9 + 8*10 + 0*11 + 0*12
 *   + 5*13 = 16+12+20+10+6+14+64+9+80+0+0+65 = 296; 296 mod 23 = 20 = X.
 * P207000016049: 2*2 + 7*4 + 1*9 + 6*10 + 4*12 + 9*13 = 266; mod 23 = 13 =
 * P (a school-software help page gets 267 and Q for this one; it is P).
 * The last two are temporary UPNs: J...A has A = 0 in place 13, D...Z has
 * Z = 22.
 */
static const char *const upn_valid[] = {
	"X845212818005",
	"P207000016049",
	"B919123425001",
	"Y201123425001",
	"N301123425009",
	"R896222224007",
	"J94312342501A",
	"D00112342501Z",
	"Y42010000001B",
};

static const struct {
	const char *upn;
	const char *why;	/* a word the message must contain */
} upn_invalid[] = {
	/* wrong length */
	{ "", "missing" },
	{ "X84521281800", "13 characters" },
	{ "X8452128180051", "13 characters" },
	{ "X84521281800A5", "13 characters" },
	{ "R325", "13 characters" },
	{ "X845212818005 ", "13 characters" },
	/* 1510: wrong check letter, or no check letter */
	{ "Q207000016049", "1510" },
	{ "W845212818005", "1510" },
	/* rule_1510 test's wrong letter; its LA 247 is reported first */
	{ "R247962919251", "1530" },
	{ "C919123425001", "1510" },
	{ "x845212818005", "1510" },
	{ "I845212818005", "1510" },
	{ "O845212818005", "1510" },
	{ "S845212818005", "1510" },
	{ "8845212818005", "1510" },
	{ "K94312342501B", "1510" },	/* J...A with its letter changed */
	/* 1530: LA code not known, or not digits */
	{ "A950000178301", "1530" },	/* check letter right, LA 950 not */
	{ "A000000000000", "1530" },
	{ "R421962919251", "1530" },
	{ "X817558133462", "1530" },
	{ "XA45212818005", "1530" },
	{ "X8 5212818005", "1530" },
	/* 1540: characters 5-12 not all digits */
	{ "X8452A2818005", "1540" },
	{ "X845212818 05", "1540" },
	{ "X845-12818005", "1540" },
	/* an allowed letter in place 13 passes 1550 but changes the sum */
	{ "X84521281800A", "1510" },
	/* 1550: character 13 not a digit or allowed letter */
	{ "X84521281800I", "1550" },
	{ "X84521281800O", "1550" },
	{ "X84521281800S", "1550" },
	{ "X84521281800a", "1550" },
	{ "X84521281800-", "1550" },
};

static void
test_upn_valid(void **state)
{
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(upn_valid); i++) {
		hdiag_clear(&d);
		if (upn_check(upn_valid[i], "upn", &d) != HERR_OK)
			fail_msg("%s refused: %s", upn_valid[i], d.msg);
	}
}

static void
test_upn_invalid(void **state)
{
	struct hdiag d;
	size_t i;
	const char *why;

	(void)state;
	for (i = 0; i < NELEM(upn_invalid); i++) {
		hdiag_clear(&d);
		if (upn_check(upn_invalid[i].upn, "upn", &d) != HERR_INVALID)
			fail_msg("%s accepted", upn_invalid[i].upn);
		assert_string_equal(d.field, "upn");
		assert_string_equal(d.value, upn_invalid[i].upn);
		why = upn_invalid[i].why;
		if (strstr(d.msg, why) == NULL)
			fail_msg("%s: \"%s\" does not mention %s",
			    upn_invalid[i].upn, d.msg, why);
	}
	assert_int_equal(upn_check(NULL, "upn", &d), HERR_INVALID);
	assert_int_equal(upn_check("A950000178301", "upn", NULL),
	    HERR_INVALID);
}

static void
test_upn_messages(void **state)
{
	struct hdiag d;

	(void)state;
	assert_int_equal(upn_check("A950000178301", "former_upn", &d),
	    HERR_INVALID);
	assert_string_equal(d.field, "former_upn");
	assert_non_null(strstr(d.msg, "950"));
	assert_non_null(strstr(d.msg, "local authority"));

	assert_int_equal(upn_check("X8452128180", "upn", &d), HERR_INVALID);
	assert_non_null(strstr(d.msg, "not 11"));

	/* The message must not give away the letter that would fit. */
	assert_int_equal(upn_check("W845212818005", "upn", &d),
	    HERR_INVALID);
	assert_non_null(strstr(d.msg, "check letter"));
	assert_null(strstr(d.msg, "X"));
}

/* Write v as exactly w decimal digits, with leading zeros. */
static void
put_digits(char *p, int v, int w)
{
	while (w-- > 0) {
		p[w] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void
test_upn_check_letter(void **state)
{
	char buf[UPN_LEN + 1];
	size_t i;
	int la, serial;

	(void)state;
	/* The validator's own examples (rule_1510 test). */
	assert_int_equal(upn_check_letter("950000178301"), 'A');
	assert_int_equal(upn_check_letter("243278544154"), 'H');
	assert_int_equal(upn_check_letter("845212818005"), 'X');
	assert_int_equal(upn_check_letter("207000016049"), 'P');

	/* Round trip: the letter it gives makes a UPN upn_check accepts. */
	for (i = 0; i < NELEM(upn_valid); i++)
		assert_int_equal(upn_check_letter(upn_valid[i] + 1),
		    upn_valid[i][0]);
	for (la = 0; la < 1000; la++) {
		if (!codes_la_known(la))
			continue;
		for (serial = 0; serial < 1000; serial += 37) {
			/* LA, establishment, year 25, serial */
			put_digits(buf + 1, la, 3);
			put_digits(buf + 4, (la * 7 + serial) % 10000, 4);
			put_digits(buf + 8, 25, 2);
			put_digits(buf + 10, serial, 3);
			buf[UPN_LEN] = '\0';
			buf[0] = upn_check_letter(buf + 1);
			assert_true(buf[0] != 0);
			if (upn_check(buf, "upn", NULL) != HERR_OK)
				fail_msg("%s refused", buf);
			buf[12] = 'T';	/* temporary UPN */
			buf[0] = upn_check_letter(buf + 1);
			if (upn_check(buf, "upn", NULL) != HERR_OK)
				fail_msg("%s refused", buf);
		}
	}

	/* Not 12 valid characters: no letter. */
	assert_int_equal(upn_check_letter(NULL), 0);
	assert_int_equal(upn_check_letter(""), 0);
	assert_int_equal(upn_check_letter("84521281800"), 0);
	assert_int_equal(upn_check_letter("8452128180051"), 0);
	assert_int_equal(upn_check_letter("84521281800I"), 0);
	assert_int_equal(upn_check_letter("84521281800a"), 0);
	assert_int_equal(upn_check_letter("8452128180A5"), 0);
	assert_int_equal(upn_check_letter("X45212818005"), 0);
}

/* Every single-digit change to a valid UPN is caught (by 1530 or 1510):
 * the weights 2..13 and the change 1..9 are all below 23, which is prime,
 * so the sum always moves to another remainder. */
static void
test_upn_single_typo_caught(void **state)
{
	char buf[UPN_LEN + 1];
	int i;
	char ch;

	(void)state;
	for (i = 1; i < UPN_LEN; i++) {
		for (ch = '0'; ch <= '9'; ch++) {
			memcpy(buf, "X845212818005", sizeof(buf));
			if (buf[i] == ch)
				continue;
			buf[i] = ch;
			if (upn_check(buf, "upn", NULL) != HERR_INVALID)
				fail_msg("%s accepted", buf);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_cover_every_list),
		cmocka_unit_test(test_lists_match_validator),
		cmocka_unit_test(test_valid_codes_accepted),
		cmocka_unit_test(test_invalid_codes_refused),
		cmocka_unit_test(test_lists_are_separate),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_check_message),
		cmocka_unit_test(test_bad_list),
		cmocka_unit_test(test_la_codes),
		cmocka_unit_test(test_upn_valid),
		cmocka_unit_test(test_upn_invalid),
		cmocka_unit_test(test_upn_messages),
		cmocka_unit_test(test_upn_check_letter),
		cmocka_unit_test(test_upn_single_typo_caught),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
