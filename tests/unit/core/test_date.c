/*
 * test_date.c: day numbers, strict ISO parsing, month arithmetic and ages.
 *
 * The round trip walks every day of the supported years with its own
 * year/month/day counter, so date.c's era arithmetic is checked against the
 * plain calendar rather than against itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/date.h"
#include "core/status.h"
#include "testutil.h"
#include "core/banned.h"


static const char *
fmt(hday d)
{
	static char bufs[4][HDATE_LEN];
	static int next;

	next = (next + 1) % 4;
	return hdate_format(d, bufs[next]);
}

/* The plain calendar, written out independently of date.c. */
static int
naive_days_in_month(int y, int m)
{
	switch (m) {
	case 4: case 6: case 9: case 11:
		return 30;
	case 2:
		if (y % 400 == 0)
			return 29;
		if (y % 100 == 0)
			return 28;
		return y % 4 == 0 ? 29 : 28;
	default:
		return 31;
	}
}

static void
test_parse_valid(void **state)
{
	static const struct {
		const char *s;
		hday day;
		int y, m, d;
	} valid[] = {
		{ "1970-01-01", 0, 1970, 1, 1 },
		{ "1970-01-02", 1, 1970, 1, 2 },
		{ "1969-12-31", -1, 1969, 12, 31 },
		{ "2000-01-01", 10957, 2000, 1, 1 },
		{ "2000-02-29", 11016, 2000, 2, 29 },	/* 400-year leap */
		{ "2000-03-01", 11017, 2000, 3, 1 },
		{ "2024-02-29", 19782, 2024, 2, 29 },
		{ "2025-04-01", 20179, 2025, 4, 1 },
		{ "2038-01-19", 24855, 2038, 1, 19 },	/* past 32-bit time_t */
		{ "2100-03-01", 47541, 2100, 3, 1 },
		{ "1899-12-31", -25568, 1899, 12, 31 },
		{ "1900-03-01", -25508, 1900, 3, 1 },
		{ "1800-01-01", -62091, 1800, 1, 1 },	/* first supported */
		{ "1800-02-28", -62033, 1800, 2, 28 },
		{ "1800-03-01", -62032, 1800, 3, 1 },
		{ "2200-12-31", 84370, 2200, 12, 31 },	/* last supported */
	};

	(void)state;
	for (size_t i = 0; i < NELEM(valid); i++) {
		hday got = HDAY_NONE;
		int y, m, d;
		struct hdiag diag;

		hdiag_clear(&diag);
		if (hdate_parse(valid[i].s, &got, "dob", &diag) != HERR_OK)
			fail_msg("%s refused: %s", valid[i].s, diag.msg);
		assert_int_equal(got, valid[i].day);
		hdate_to_ymd(got, &y, &m, &d);
		assert_int_equal(y, valid[i].y);
		assert_int_equal(m, valid[i].m);
		assert_int_equal(d, valid[i].d);
		assert_string_equal(fmt(got), valid[i].s);
		/* A NULL field and diag are allowed on success too. */
		got = HDAY_NONE;
		assert_int_equal(hdate_parse(valid[i].s, &got, NULL, NULL),
		    HERR_OK);
		assert_int_equal(got, valid[i].day);
	}
}

static void
test_parse_invalid(void **state)
{
	static const struct {
		const char *s;
		const char *why;	/* a fragment of the message */
	} invalid[] = {
		{ "", "missing" },
		{ "2025-02-30", "not a real date" },
		{ "2023-02-29", "not a real date" },	/* not a leap year */
		{ "1900-02-29", "not a real date" },	/* century */
		{ "2100-02-29", "not a real date" },
		{ "2025-04-31", "not a real date" },
		{ "2025-13-01", "not a real date" },
		{ "2025-00-10", "not a real date" },
		{ "2025-01-00", "not a real date" },
		{ "2025-01-32", "not a real date" },
		{ "1799-12-31", "outside the years" },
		{ "2201-01-01", "outside the years" },
		{ "0000-01-01", "outside the years" },
		{ "9999-12-31", "outside the years" },
		{ "2025-2-3", "not a date" },
		{ "2025-02-3", "not a date" },
		{ "2025-02-03x", "not a date" },
		{ "2025-02-03 ", "not a date" },
		{ " 2025-02-03", "not a date" },
		{ "2025-02-03T10:00", "not a date" },
		{ "abcd-ef-gh", "not a date" },
		{ "2025/02/03", "not a date" },
		{ "2025.02.03", "not a date" },
		/* Each separator alone, with everything else right. */
		{ "2025/02-03", "not a date" },
		{ "2025-02/03", "not a date" },
		{ "2025002-03", "not a date" },
		{ "2025-02003", "not a date" },
		{ "20250203", "not a date" },
		{ "03-02-2025", "not a date" },
		{ "2025-1a-03", "not a date" },
		{ "2025-02-0a", "not a date" },
		{ "+025-02-03", "not a date" },
		{ "-025-02-03", "not a date" },
		{ "2025--2-03", "not a date" },
		{ "2025-+2-03", "not a date" },
		{ "2025-02- 3", "not a date" },
		{ "-", "not a date" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(invalid); i++) {
		hday got = 4242;
		struct hdiag diag;

		hdiag_clear(&diag);
		if (hdate_parse(invalid[i].s, &got, "dob", &diag) !=
		    HERR_INVALID)
			fail_msg("\"%s\" accepted as %s", invalid[i].s,
			    fmt(got));
		assert_int_equal(got, 4242);
		assert_string_equal(diag.field, "dob");
		assert_string_equal(diag.value, invalid[i].s);
		if (strstr(diag.msg, invalid[i].why) == NULL)
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"",
			    invalid[i].s, diag.msg, invalid[i].why);
		/* The message names the field so a person can find it. */
		assert_non_null(strstr(diag.msg, "dob"));
		/* NULL field and NULL diag are accepted. */
		assert_int_equal(hdate_parse(invalid[i].s, &got, NULL, NULL),
		    HERR_INVALID);
		assert_int_equal(got, 4242);
	}
}

static void
test_parse_null(void **state)
{
	hday got = 4242;
	struct hdiag diag;

	(void)state;
	hdiag_clear(&diag);
	assert_int_equal(hdate_parse(NULL, &got, "referral date", &diag),
	    HERR_INVALID);
	assert_int_equal(got, 4242);
	assert_string_equal(diag.field, "referral date");
	assert_non_null(strstr(diag.msg, "missing"));
}

static void
test_valid(void **state)
{
	static const struct {
		int y, m, d;
		bool ok;
	} rows[] = {
		{ 2025, 1, 1, true },
		{ 2025, 12, 31, true },
		{ 2024, 2, 29, true },
		{ 2000, 2, 29, true },
		{ 1804, 2, 29, true },
		{ 2196, 2, 29, true },
		{ 1800, 1, 1, true },
		{ 2200, 12, 31, true },
		{ 2025, 2, 29, false },
		{ 1900, 2, 29, false },
		{ 2100, 2, 29, false },
		{ 1800, 2, 29, false },
		{ 2200, 2, 29, false },
		{ 2025, 2, 30, false },
		{ 2025, 4, 31, false },
		{ 2025, 6, 31, false },
		{ 2025, 9, 31, false },
		{ 2025, 11, 31, false },
		{ 2025, 0, 1, false },
		{ 2025, 13, 1, false },
		{ 2025, -1, 1, false },
		{ 2025, 1, 0, false },
		{ 2025, 1, 32, false },
		{ 2025, 1, -1, false },
		{ 1799, 12, 31, false },
		{ 2201, 1, 1, false },
		{ 0, 1, 1, false },
		{ -2025, 1, 1, false },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		hday got = 4242;
		enum herr want = rows[i].ok ? HERR_OK : HERR_INVALID;

		if (hdate_valid(rows[i].y, rows[i].m, rows[i].d) != rows[i].ok)
			fail_msg("%d-%d-%d: valid should be %d", rows[i].y,
			    rows[i].m, rows[i].d, rows[i].ok);
		assert_int_equal(hdate_from_ymd(rows[i].y, rows[i].m,
		    rows[i].d, &got), want);
		if (!rows[i].ok)
			assert_int_equal(got, 4242);
	}
}

/*
 * Every day from 1800-01-01 to 2200-12-31, stepped with a plain y/m/d
 * counter: the day numbers are consecutive, both conversions agree, the
 * weekday advances by one, and the text round-trips.
 */
static void
test_round_trip_every_day(void **state)
{
	int y = HDATE_MIN_YEAR, m = 1, d = 1, days = 0;
	hday expect = ymd(HDATE_MIN_YEAR, 1, 1);
	enum hweekday wd = hdate_weekday(expect);

	(void)state;
	assert_int_equal(wd, HWED);	/* 1 January 1800 */
	while (y <= HDATE_MAX_YEAR) {
		hday got = HDAY_NONE, parsed = HDAY_NONE;
		int gy, gm, gd;

		assert_true(hdate_valid(y, m, d));
		assert_int_equal(hdate_from_ymd(y, m, d, &got), HERR_OK);
		assert_int_equal(got, expect);
		hdate_to_ymd(got, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			fail_msg("%d: %d-%d-%d, expected %d-%d-%d", got, gy,
			    gm, gd, y, m, d);
		assert_int_equal(hdate_weekday(got), wd);
		assert_int_equal(hdate_is_weekend(got), wd >= HSAT);
		assert_int_equal(hdate_parse(fmt(got), &parsed, NULL, NULL),
		    HERR_OK);
		assert_int_equal(parsed, got);

		expect++;
		days++;
		wd = (enum hweekday)((wd + 1) % 7);
		if (++d > naive_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	/* 401 years: 365 days each plus 97 leap days. */
	assert_int_equal(days, 401 * 365 + 97);
	assert_false(hdate_valid(y, m, d));
}

static void
test_weekday(void **state)
{
	static const struct {
		const char *s;
		enum hweekday wd;
	} rows[] = {
		{ "1970-01-01", HTHU },
		{ "1969-12-31", HWED },
		{ "1969-12-28", HSUN },
		{ "1800-01-01", HWED },
		{ "1899-12-31", HSUN },
		{ "2000-01-01", HSAT },
		{ "2024-02-29", HTHU },
		{ "2028-02-29", HTUE },
		{ "2025-03-08", HSAT },
		{ "2025-03-09", HSUN },
		{ "2025-03-10", HMON },
		{ "2022-09-19", HMON },
		{ "2023-05-08", HMON },
		{ "2025-12-25", HTHU },
		{ "2200-12-31", HWED },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		hday d = dt(rows[i].s);

		if (hdate_weekday(d) != rows[i].wd)
			fail_msg("%s: weekday %d, expected %d", rows[i].s,
			    (int)hdate_weekday(d), (int)rows[i].wd);
		assert_int_equal(hdate_is_weekend(d), rows[i].wd >= HSAT);
	}
	/* Far from 1970 both ways the remainder must stay in 0..6. */
	assert_int_equal(hdate_weekday(-7), HTHU);
	assert_int_equal(hdate_weekday(-6), HFRI);
	assert_int_equal(hdate_weekday(7 * 100000), HTHU);
	assert_int_equal(hdate_weekday(-7 * 100000 - 1), HWED);
}

static void
test_format(void **state)
{
	static const struct {
		hday day;
		const char *s;
	} rows[] = {
		{ 0, "1970-01-01" },
		{ -1, "1969-12-31" },
		{ 10957, "2000-01-01" },
		{ 19782, "2024-02-29" },
		{ -62091, "1800-01-01" },
		{ 84370, "2200-12-31" },
	};
	char buf[HDATE_LEN];

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		memset(buf, 'x', sizeof(buf));
		assert_ptr_equal(hdate_format(rows[i].day, buf), buf);
		assert_string_equal(buf, rows[i].s);
		assert_int_equal(strlen(buf), HDATE_LEN - 1);
	}
	/* "No date" must still give a terminated string of the right size. */
	memset(buf, 'x', sizeof(buf));
	hdate_format(HDAY_NONE, buf);
	assert_int_equal(strlen(buf), HDATE_LEN - 1);
}

static void
test_add_months(void **state)
{
	static const struct {
		const char *from;
		int months;
		const char *want;
	} rows[] = {
		{ "2025-01-31", 1, "2025-02-28" },	/* clamp */
		{ "2024-01-31", 1, "2024-02-29" },	/* clamp, leap */
		{ "2025-11-30", 3, "2026-02-28" },	/* clamp over year */
		{ "2025-10-31", 4, "2026-02-28" },
		{ "2025-05-31", 1, "2025-06-30" },
		{ "2025-08-31", 1, "2025-09-30" },
		{ "2025-01-30", 1, "2025-02-28" },
		{ "2025-01-28", 1, "2025-02-28" },
		{ "2025-01-15", 1, "2025-02-15" },
		{ "2025-12-15", 1, "2026-01-15" },
		{ "2025-12-31", 1, "2026-01-31" },
		{ "2025-01-15", 12, "2026-01-15" },
		{ "2025-01-15", 1200, "2125-01-15" },
		{ "2025-06-15", 0, "2025-06-15" },
		{ "2025-01-31", 0, "2025-01-31" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2024-02-29", 1, "2024-03-29" },
		{ "1800-01-31", 1, "1800-02-28" },	/* 1800 not leap */
		{ "1999-11-30", 3, "2000-02-29" },	/* 2000 is */
		/* Backwards. */
		{ "2025-03-31", -1, "2025-02-28" },
		{ "2024-03-31", -1, "2024-02-29" },
		{ "2025-01-15", -1, "2024-12-15" },
		{ "2026-01-15", -1, "2025-12-15" },
		{ "2025-01-15", -13, "2023-12-15" },
		{ "2025-01-15", -12, "2024-01-15" },
		{ "2025-07-31", -5, "2025-02-28" },
		{ "2025-07-31", -17, "2024-02-29" },
		{ "2024-02-29", -12, "2023-02-28" },
		{ "2025-12-31", -6, "2025-06-30" },
		{ "2025-01-01", -1, "2024-12-01" },
		{ "2025-06-15", -1200, "1925-06-15" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		hday got = hdate_add_months(dt(rows[i].from), rows[i].months);

		if (strcmp(fmt(got), rows[i].want) != 0)
			fail_msg("%s %+d months: %s, expected %s",
			    rows[i].from, rows[i].months, fmt(got),
			    rows[i].want);
	}
}

/*
 * Where the day of the month exists in every month (1-28), adding months
 * and taking them away again is the identity, and the day is kept.
 */
static void
test_add_months_reversible(void **state)
{
	static const int months[] = { 1, 2, 3, 6, 11, 12, 13, 24, 100 };

	(void)state;
	for (hday d = ymd(1900, 1, 1); d <= ymd(2100, 12, 31); d += 5) {
		int y, m, day;

		hdate_to_ymd(d, &y, &m, &day);
		if (day > 28)
			continue;
		for (size_t i = 0; i < NELEM(months); i++) {
			hday fwd = hdate_add_months(d, months[i]);
			hday back = hdate_add_months(d, -months[i]);
			int fy, fm, fd;

			hdate_to_ymd(fwd, &fy, &fm, &fd);
			assert_int_equal(fd, day);
			assert_int_equal(fy * 12 + fm, y * 12 + m + months[i]);
			assert_int_equal(hdate_add_months(fwd, -months[i]), d);
			assert_int_equal(hdate_add_months(back, months[i]), d);
		}
	}
}

static void
test_age_years(void **state)
{
	static const struct {
		const char *dob, *on;
		int age;
	} rows[] = {
		{ "2010-05-15", "2025-05-14", 14 },	/* day before */
		{ "2010-05-15", "2025-05-15", 15 },	/* birthday */
		{ "2010-05-15", "2025-05-16", 15 },
		{ "2010-05-15", "2025-04-30", 14 },	/* month before */
		{ "2010-05-15", "2025-06-01", 15 },
		{ "2007-12-31", "2025-12-30", 17 },
		{ "2007-12-31", "2025-12-31", 18 },
		{ "2007-12-31", "2026-01-01", 18 },
		{ "2000-01-01", "2017-12-31", 17 },
		{ "2000-01-01", "2018-01-01", 18 },	/* leaving care */
		{ "2025-06-01", "2025-06-01", 0 },	/* born today */
		{ "2025-06-01", "2026-05-31", 0 },
		{ "2025-06-01", "2026-06-01", 1 },
		/* 29 February: 1 March in common years, 29 Feb in leap. */
		{ "2008-02-29", "2025-02-28", 16 },
		{ "2008-02-29", "2025-03-01", 17 },
		{ "2008-02-29", "2024-02-28", 15 },
		{ "2008-02-29", "2024-02-29", 16 },
		{ "2008-02-29", "2024-03-01", 16 },
		{ "2008-02-29", "2009-02-28", 0 },
		{ "2008-02-29", "2009-03-01", 1 },
		{ "2008-02-29", "2026-02-28", 17 },
		{ "2008-02-29", "2026-03-01", 18 },
		/* Born 28 February: the birthday is 28 February every year. */
		{ "2008-02-28", "2025-02-28", 17 },
		{ "2008-02-28", "2025-02-27", 16 },
		{ "1800-01-01", "2200-12-31", 400 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		int got = hdate_age_years(dt(rows[i].dob), dt(rows[i].on));

		if (got != rows[i].age)
			fail_msg("born %s, on %s: %d, expected %d",
			    rows[i].dob, rows[i].on, got, rows[i].age);
	}
}

static void
test_today(void **state)
{
	hday today = hdate_today();
	int y, m, d;

	(void)state;
	hdate_to_ymd(today, &y, &m, &d);
	/* Not 1970 (the fallback) and within what hearth supports. */
	assert_true(today > dt("2024-01-01"));
	assert_true(hdate_valid(y, m, d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_null),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_months_reversible),
		cmocka_unit_test(test_age_years),
		cmocka_unit_test(test_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
