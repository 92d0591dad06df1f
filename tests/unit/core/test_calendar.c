/*
 * test_calendar.c: England and Wales bank holidays and working-day counts.
 *
 * The published lists are typed in from the GOV.UK bank holiday pages, not
 * derived from calendar.c's rules, and the long-span checks count day by day
 * so that the prefix table is compared with the obvious slow answer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/date.h"
#include "testutil.h"
#include "core/banned.h"


/* Formats into one of a few rotating buffers so two fit in one assert. */
static const char *
fmt(hday d)
{
	static char bufs[4][HDATE_LEN];
	static int next;

	next = (next + 1) % 4;
	return hdate_format(d, bufs[next]);
}

struct holiday_row {
	const char *date;
	const char *name;
};

/*
 * Checks calendar_bank_holidays(year) against every row of `rows` dated in
 * that year, in order, names included.
 */
static void
check_year(int year, const struct holiday_row *rows, size_t nrows)
{
	hday got[16];
	int n = -1, want = 0;
	char prefix[8];

	snprintf(prefix, sizeof(prefix), "%04d-", year);
	assert_int_equal(calendar_bank_holidays(year, got, 16, &n), HERR_OK);
	for (size_t i = 0; i < nrows; i++) {
		if (strncmp(rows[i].date, prefix, 5) != 0)
			continue;
		if (want < n) {
			assert_string_equal(fmt(got[want]), rows[i].date);
			assert_string_equal(calendar_holiday_name(got[want]),
			    rows[i].name);
		}
		want++;
	}
	if (n != want)
		fail_msg("%d: %d bank holidays, expected %d", year, n, want);
}

/* England and Wales, as published on GOV.UK, 2015 to 2027. */
static const struct holiday_row published[] = {
	{ "2015-01-01", "New Year's Day" },
	{ "2015-04-03", "Good Friday" },
	{ "2015-04-06", "Easter Monday" },
	{ "2015-05-04", "Early May bank holiday" },
	{ "2015-05-25", "Spring bank holiday" },
	{ "2015-08-31", "Summer bank holiday" },
	{ "2015-12-25", "Christmas Day" },
	{ "2015-12-28", "Boxing Day (substitute day)" },

	{ "2016-01-01", "New Year's Day" },
	{ "2016-03-25", "Good Friday" },
	{ "2016-03-28", "Easter Monday" },
	{ "2016-05-02", "Early May bank holiday" },
	{ "2016-05-30", "Spring bank holiday" },
	{ "2016-08-29", "Summer bank holiday" },
	{ "2016-12-26", "Boxing Day" },
	{ "2016-12-27", "Christmas Day (substitute day)" },

	{ "2017-01-02", "New Year's Day (substitute day)" },
	{ "2017-04-14", "Good Friday" },
	{ "2017-04-17", "Easter Monday" },
	{ "2017-05-01", "Early May bank holiday" },
	{ "2017-05-29", "Spring bank holiday" },
	{ "2017-08-28", "Summer bank holiday" },
	{ "2017-12-25", "Christmas Day" },
	{ "2017-12-26", "Boxing Day" },

	{ "2018-01-01", "New Year's Day" },
	{ "2018-03-30", "Good Friday" },
	{ "2018-04-02", "Easter Monday" },
	{ "2018-05-07", "Early May bank holiday" },
	{ "2018-05-28", "Spring bank holiday" },
	{ "2018-08-27", "Summer bank holiday" },
	{ "2018-12-25", "Christmas Day" },
	{ "2018-12-26", "Boxing Day" },

	{ "2019-01-01", "New Year's Day" },
	{ "2019-04-19", "Good Friday" },
	{ "2019-04-22", "Easter Monday" },
	{ "2019-05-06", "Early May bank holiday" },
	{ "2019-05-27", "Spring bank holiday" },
	{ "2019-08-26", "Summer bank holiday" },
	{ "2019-12-25", "Christmas Day" },
	{ "2019-12-26", "Boxing Day" },

	{ "2020-01-01", "New Year's Day" },
	{ "2020-04-10", "Good Friday" },
	{ "2020-04-13", "Easter Monday" },
	{ "2020-05-08", "Early May bank holiday (VE Day)" },
	{ "2020-05-25", "Spring bank holiday" },
	{ "2020-08-31", "Summer bank holiday" },
	{ "2020-12-25", "Christmas Day" },
	{ "2020-12-28", "Boxing Day (substitute day)" },

	{ "2021-01-01", "New Year's Day" },
	{ "2021-04-02", "Good Friday" },
	{ "2021-04-05", "Easter Monday" },
	{ "2021-05-03", "Early May bank holiday" },
	{ "2021-05-31", "Spring bank holiday" },
	{ "2021-08-30", "Summer bank holiday" },
	{ "2021-12-27", "Christmas Day (substitute day)" },
	{ "2021-12-28", "Boxing Day (substitute day)" },

	{ "2022-01-03", "New Year's Day (substitute day)" },
	{ "2022-04-15", "Good Friday" },
	{ "2022-04-18", "Easter Monday" },
	{ "2022-05-02", "Early May bank holiday" },
	{ "2022-06-02", "Spring bank holiday" },
	{ "2022-06-03", "Platinum Jubilee of Queen Elizabeth II" },
	{ "2022-08-29", "Summer bank holiday" },
	{ "2022-09-19", "State Funeral of Queen Elizabeth II" },
	{ "2022-12-26", "Boxing Day" },
	{ "2022-12-27", "Christmas Day (substitute day)" },

	{ "2023-01-02", "New Year's Day (substitute day)" },
	{ "2023-04-07", "Good Friday" },
	{ "2023-04-10", "Easter Monday" },
	{ "2023-05-01", "Early May bank holiday" },
	{ "2023-05-08", "Coronation of King Charles III" },
	{ "2023-05-29", "Spring bank holiday" },
	{ "2023-08-28", "Summer bank holiday" },
	{ "2023-12-25", "Christmas Day" },
	{ "2023-12-26", "Boxing Day" },

	{ "2024-01-01", "New Year's Day" },
	{ "2024-03-29", "Good Friday" },
	{ "2024-04-01", "Easter Monday" },
	{ "2024-05-06", "Early May bank holiday" },
	{ "2024-05-27", "Spring bank holiday" },
	{ "2024-08-26", "Summer bank holiday" },
	{ "2024-12-25", "Christmas Day" },
	{ "2024-12-26", "Boxing Day" },

	{ "2025-01-01", "New Year's Day" },
	{ "2025-04-18", "Good Friday" },
	{ "2025-04-21", "Easter Monday" },
	{ "2025-05-05", "Early May bank holiday" },
	{ "2025-05-26", "Spring bank holiday" },
	{ "2025-08-25", "Summer bank holiday" },
	{ "2025-12-25", "Christmas Day" },
	{ "2025-12-26", "Boxing Day" },

	{ "2026-01-01", "New Year's Day" },
	{ "2026-04-03", "Good Friday" },
	{ "2026-04-06", "Easter Monday" },
	{ "2026-05-04", "Early May bank holiday" },
	{ "2026-05-25", "Spring bank holiday" },
	{ "2026-08-31", "Summer bank holiday" },
	{ "2026-12-25", "Christmas Day" },
	{ "2026-12-28", "Boxing Day (substitute day)" },

	{ "2027-01-01", "New Year's Day" },
	{ "2027-03-26", "Good Friday" },
	{ "2027-03-29", "Easter Monday" },
	{ "2027-05-03", "Early May bank holiday" },
	{ "2027-05-31", "Spring bank holiday" },
	{ "2027-08-30", "Summer bank holiday" },
	{ "2027-12-27", "Christmas Day (substitute day)" },
	{ "2027-12-28", "Boxing Day (substitute day)" },
};

static void
test_published_2015_to_2027(void **state)
{
	(void)state;
	/* The table itself: 8 a year, 2022 ten, 2023 nine. */
	assert_int_equal(NELEM(published), 13 * 8 + 2 + 1);
	for (int y = 2015; y <= 2027; y++)
		check_year(y, published, NELEM(published));
}

/* Earlier years with proclaimed changes, and the first year of the table. */
static const struct holiday_row proclaimed[] = {
	{ "2000-01-03", "New Year's Day (substitute day)" },
	{ "2000-04-21", "Good Friday" },
	{ "2000-04-24", "Easter Monday" },
	{ "2000-05-01", "Early May bank holiday" },
	{ "2000-05-29", "Spring bank holiday" },
	{ "2000-08-28", "Summer bank holiday" },
	{ "2000-12-25", "Christmas Day" },
	{ "2000-12-26", "Boxing Day" },

	{ "2002-01-01", "New Year's Day" },
	{ "2002-03-29", "Good Friday" },
	{ "2002-04-01", "Easter Monday" },
	{ "2002-05-06", "Early May bank holiday" },
	{ "2002-06-03", "Golden Jubilee of Queen Elizabeth II" },
	{ "2002-06-04", "Spring bank holiday" },
	{ "2002-08-26", "Summer bank holiday" },
	{ "2002-12-25", "Christmas Day" },
	{ "2002-12-26", "Boxing Day" },

	{ "2011-01-03", "New Year's Day (substitute day)" },
	{ "2011-04-22", "Good Friday" },
	{ "2011-04-25", "Easter Monday" },
	{ "2011-04-29", "Royal Wedding" },
	{ "2011-05-02", "Early May bank holiday" },
	{ "2011-05-30", "Spring bank holiday" },
	{ "2011-08-29", "Summer bank holiday" },
	{ "2011-12-26", "Boxing Day" },
	{ "2011-12-27", "Christmas Day (substitute day)" },

	{ "2012-01-02", "New Year's Day (substitute day)" },
	{ "2012-04-06", "Good Friday" },
	{ "2012-04-09", "Easter Monday" },
	{ "2012-05-07", "Early May bank holiday" },
	{ "2012-06-04", "Spring bank holiday" },
	{ "2012-06-05", "Diamond Jubilee of Queen Elizabeth II" },
	{ "2012-08-27", "Summer bank holiday" },
	{ "2012-12-25", "Christmas Day" },
	{ "2012-12-26", "Boxing Day" },
};

static void
test_proclaimed_years_before_2015(void **state)
{
	static const int years[] = { 2000, 2002, 2011, 2012 };

	(void)state;
	for (size_t i = 0; i < NELEM(years); i++)
		check_year(years[i], proclaimed, NELEM(proclaimed));
}

/* Years after the published lists, projected by hand from the rules. */
static const struct holiday_row projected[] = {
	{ "2028-01-03", "New Year's Day (substitute day)" },
	{ "2028-04-14", "Good Friday" },
	{ "2028-04-17", "Easter Monday" },
	{ "2028-05-01", "Early May bank holiday" },
	{ "2028-05-29", "Spring bank holiday" },
	{ "2028-08-28", "Summer bank holiday" },
	{ "2028-12-25", "Christmas Day" },
	{ "2028-12-26", "Boxing Day" },

	{ "2032-01-01", "New Year's Day" },
	{ "2032-03-26", "Good Friday" },
	{ "2032-03-29", "Easter Monday" },
	{ "2032-05-03", "Early May bank holiday" },
	{ "2032-05-31", "Spring bank holiday" },
	{ "2032-08-30", "Summer bank holiday" },
	{ "2032-12-27", "Christmas Day (substitute day)" },
	{ "2032-12-28", "Boxing Day (substitute day)" },

	{ "2033-01-03", "New Year's Day (substitute day)" },
	{ "2033-04-15", "Good Friday" },
	{ "2033-04-18", "Easter Monday" },
	{ "2033-05-02", "Early May bank holiday" },
	{ "2033-05-30", "Spring bank holiday" },
	{ "2033-08-29", "Summer bank holiday" },
	{ "2033-12-26", "Boxing Day" },
	{ "2033-12-27", "Christmas Day (substitute day)" },

	{ "2034-01-02", "New Year's Day (substitute day)" },
	{ "2034-04-07", "Good Friday" },
	{ "2034-04-10", "Easter Monday" },
	{ "2034-05-01", "Early May bank holiday" },
	{ "2034-05-29", "Spring bank holiday" },
	{ "2034-08-28", "Summer bank holiday" },
	{ "2034-12-25", "Christmas Day" },
	{ "2034-12-26", "Boxing Day" },

	{ "2099-01-01", "New Year's Day" },
	{ "2099-04-10", "Good Friday" },
	{ "2099-04-13", "Easter Monday" },
	{ "2099-05-04", "Early May bank holiday" },
	{ "2099-05-25", "Spring bank holiday" },
	{ "2099-08-31", "Summer bank holiday" },
	{ "2099-12-25", "Christmas Day" },
	{ "2099-12-28", "Boxing Day (substitute day)" },
};

static void
test_projected_years(void **state)
{
	static const int years[] = { 2028, 2032, 2033, 2034, 2099 };

	(void)state;
	for (size_t i = 0; i < NELEM(years); i++)
		check_year(years[i], projected, NELEM(projected));
}

/* Easter Sunday, including the earliest and latest the range holds. */
static void
test_easter_dates(void **state)
{
	static const char *const easter[] = {
		"2000-04-23", "2008-03-23", "2011-04-24", "2016-03-27",
		"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
		"2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13",
		"2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25",
		"2038-04-25", "2095-04-24",
	};

	(void)state;
	for (size_t i = 0; i < NELEM(easter); i++) {
		hday e = dt(easter[i]);

		assert_int_equal(hdate_weekday(e), HSUN);
		assert_string_equal(calendar_holiday_name(e - 2),
		    "Good Friday");
		assert_string_equal(calendar_holiday_name(e + 1),
		    "Easter Monday");
		/* Easter Saturday and Sunday are not bank holidays. */
		assert_null(calendar_holiday_name(e - 1));
		assert_null(calendar_holiday_name(e));
		assert_false(calendar_is_working_day(e - 2));
		assert_false(calendar_is_working_day(e + 1));
		assert_true(calendar_is_working_day(e - 3));
		assert_true(calendar_is_working_day(e + 2));
	}
}

/*
 * Carter's Easter algorithm, a different computus from calendar.c's and
 * valid for 1900-2099, as an independent check of every supported year.
 */
static hday
carter_easter(int y)
{
	int d = 225 - 11 * (y % 19), e, q;

	if (d > 50)
		while (d > 51)
			d -= 30;
	if (d > 48)
		d--;
	e = (y + y / 4 + d + 1) % 7;
	q = d + 7 - e;
	return q < 32 ? ymd(y, 3, q) : ymd(y, 4, q - 31);
}

static void
test_easter_every_year(void **state)
{
	(void)state;
	for (int y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
		hday e = carter_easter(y);

		assert_string_equal(calendar_holiday_name(e - 2),
		    "Good Friday");
		assert_string_equal(calendar_holiday_name(e + 1),
		    "Easter Monday");
	}
}

/* The first Monday-Friday on or after `d`. */
static hday
weekday_on_or_after(hday d)
{
	while (hdate_is_weekend(d))
		d++;
	return d;
}

/*
 * Every supported year against the standing rules, stated differently from
 * calendar.c: New Year's Day is the first weekday on or after 1 January;
 * Christmas and Boxing Day are the first two weekdays on or after
 * 25 December; the Monday holidays are where the Act puts them unless a
 * proclamation moved them.
 */
static void
test_standing_rules_every_year(void **state)
{
	static const struct {
		int year, count;
	} unusual[] = {
		{ 2002, 9 }, { 2011, 9 }, { 2012, 9 }, { 2022, 10 },
		{ 2023, 9 },
	};
	int total = 0;

	(void)state;
	for (int y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++) {
		hday h[16], jan1 = ymd(y, 1, 1), dec25 = ymd(y, 12, 25);
		hday may31 = ymd(y, 5, 31), aug31 = ymd(y, 8, 31);
		hday first_may_monday, xmas1, xmas2;
		int n = -1, want = 8, in_jan = 0, in_dec = 0;

		for (size_t i = 0; i < NELEM(unusual); i++)
			if (unusual[i].year == y)
				want = unusual[i].count;
		assert_int_equal(calendar_bank_holidays(y, h, 16, &n),
		    HERR_OK);
		if (n != want)
			fail_msg("%d has %d bank holidays, expected %d", y, n,
			    want);
		total += n;
		for (int i = 0; i < n; i++) {
			/* Substitutes mean a bank holiday is always a weekday. */
			assert_false(hdate_is_weekend(h[i]));
			assert_true(calendar_is_bank_holiday(h[i]));
			assert_false(calendar_is_working_day(h[i]));
			assert_non_null(calendar_holiday_name(h[i]));
			if (i > 0)
				assert_true(h[i] > h[i - 1]);
			if (h[i] <= jan1 + 2)
				in_jan++;
			if (h[i] >= dec25)
				in_dec++;
		}
		assert_int_equal(in_jan, 1);
		assert_true(calendar_is_bank_holiday(weekday_on_or_after(jan1)));
		assert_int_equal(in_dec, 2);
		xmas1 = weekday_on_or_after(dec25);
		xmas2 = weekday_on_or_after(xmas1 + 1);
		assert_true(calendar_is_bank_holiday(xmas1));
		assert_true(calendar_is_bank_holiday(xmas2));

		first_may_monday = ymd(y, 5, 1);
		while (hdate_weekday(first_may_monday) != HMON)
			first_may_monday++;
		if (y != 2020)
			assert_string_equal(
			    calendar_holiday_name(first_may_monday),
			    "Early May bank holiday");
		if (y != 2002 && y != 2012 && y != 2022)
			assert_string_equal(calendar_holiday_name(may31 -
			    (int)hdate_weekday(may31)), "Spring bank holiday");
		assert_string_equal(calendar_holiday_name(aug31 -
		    (int)hdate_weekday(aug31)), "Summer bank holiday");
	}
	assert_int_equal(total, 100 * 8 + 1 + 1 + 1 + 2 + 1);
}

struct day_row {
	const char *date;
	const char *name;	/* NULL: not a bank holiday */
	bool working;
};

static void
check_days(const struct day_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		hday d = dt(rows[i].date);
		const char *name = calendar_holiday_name(d);

		if (rows[i].name == NULL && name != NULL)
			fail_msg("%s: \"%s\", expected no holiday",
			    rows[i].date, name);
		if (rows[i].name != NULL)
			assert_string_equal(name ? name : "(none)",
			    rows[i].name);
		assert_int_equal(calendar_is_bank_holiday(d),
		    rows[i].name != NULL);
		if (calendar_is_working_day(d) != rows[i].working)
			fail_msg("%s: working day should be %d", rows[i].date,
			    rows[i].working);
	}
}

static void
test_substitute_days(void **state)
{
	static const struct day_row rows[] = {
		/* 2020: Christmas Friday, Boxing Day Saturday. */
		{ "2020-12-25", "Christmas Day", false },
		{ "2020-12-26", NULL, false },
		{ "2020-12-27", NULL, false },
		{ "2020-12-28", "Boxing Day (substitute day)", false },
		{ "2020-12-29", NULL, true },
		/* 2021: both at the weekend. */
		{ "2021-12-24", NULL, true },
		{ "2021-12-25", NULL, false },
		{ "2021-12-26", NULL, false },
		{ "2021-12-27", "Christmas Day (substitute day)", false },
		{ "2021-12-28", "Boxing Day (substitute day)", false },
		{ "2021-12-29", NULL, true },
		/* 2022: New Year Saturday; Christmas Sunday. */
		{ "2022-01-01", NULL, false },
		{ "2022-01-02", NULL, false },
		{ "2022-01-03", "New Year's Day (substitute day)", false },
		{ "2022-01-04", NULL, true },
		{ "2022-12-25", NULL, false },
		{ "2022-12-26", "Boxing Day", false },
		{ "2022-12-27", "Christmas Day (substitute day)", false },
		{ "2022-12-28", NULL, true },
		/* 2023: New Year Sunday. */
		{ "2023-01-01", NULL, false },
		{ "2023-01-02", "New Year's Day (substitute day)", false },
		{ "2023-01-03", NULL, true },
		/* Projected years. */
		{ "2037-12-25", "Christmas Day", false },
		{ "2037-12-28", "Boxing Day (substitute day)", false },
		{ "2038-01-01", "New Year's Day", false },
		{ "2039-01-01", NULL, false },
		{ "2039-01-03", "New Year's Day (substitute day)", false },
		{ "2044-12-25", NULL, false },
		{ "2044-12-26", "Boxing Day", false },
		{ "2044-12-27", "Christmas Day (substitute day)", false },
		{ "2049-12-27", "Christmas Day (substitute day)", false },
		{ "2049-12-28", "Boxing Day (substitute day)", false },
		{ "2050-01-03", "New Year's Day (substitute day)", false },
		/* The first day of the table is a Saturday New Year. */
		{ "2000-01-01", NULL, false },
		{ "2000-01-03", "New Year's Day (substitute day)", false },
		{ "2000-01-04", NULL, true },
	};

	(void)state;
	check_days(rows, NELEM(rows));
}

static void
test_proclaimed_and_ordinary_days(void **state)
{
	static const struct day_row rows[] = {
		/* The standing days that proclamations moved are worked. */
		{ "2002-05-27", NULL, true },
		{ "2012-05-28", NULL, true },
		{ "2020-05-04", NULL, true },
		{ "2022-05-30", NULL, true },
		{ "2002-06-03", "Golden Jubilee of Queen Elizabeth II", false },
		{ "2002-06-04", "Spring bank holiday", false },
		{ "2011-04-29", "Royal Wedding", false },
		{ "2012-06-04", "Spring bank holiday", false },
		{ "2012-06-05", "Diamond Jubilee of Queen Elizabeth II", false },
		{ "2020-05-08", "Early May bank holiday (VE Day)", false },
		{ "2022-06-02", "Spring bank holiday", false },
		{ "2022-06-03", "Platinum Jubilee of Queen Elizabeth II",
		    false },
		{ "2022-09-19", "State Funeral of Queen Elizabeth II", false },
		{ "2023-05-01", "Early May bank holiday", false },
		{ "2023-05-08", "Coronation of King Charles III", false },
		/* Ordinary days. */
		{ "2025-03-07", NULL, true },
		{ "2025-03-08", NULL, false },
		{ "2025-03-09", NULL, false },
		{ "2025-03-10", NULL, true },
		{ "2024-02-29", NULL, true },
		{ "2028-02-29", NULL, true },
		{ "2025-12-24", NULL, true },
		{ "2025-12-31", NULL, true },
		{ "2029-12-31", NULL, true },
		{ "2099-12-31", NULL, true },
		/* Outside the table nothing is a holiday or a working day. */
		{ "1999-12-31", NULL, false },
		{ "1999-12-30", NULL, false },
		{ "2100-01-01", NULL, false },
		{ "2100-01-04", NULL, false },
	};

	(void)state;
	check_days(rows, NELEM(rows));
}

/* A working day is exactly a weekday that is not a bank holiday. */
static void
test_working_day_definition(void **state)
{
	(void)state;
	for (hday d = ymd(2000, 1, 1); d <= ymd(2099, 12, 31); d++)
		assert_int_equal(calendar_is_working_day(d),
		    !hdate_is_weekend(d) && !calendar_is_bank_holiday(d));
}

struct add_row {
	const char *from;
	int n;
	const char *want;	/* NULL: HERR_RANGE */
};

static void
test_add_working_days(void **state)
{
	static const struct add_row rows[] = {
		/* Weekends. */
		{ "2025-03-07", 1, "2025-03-10" },	/* Fri -> Mon */
		{ "2025-03-08", 1, "2025-03-10" },	/* Sat -> Mon */
		{ "2025-03-09", -1, "2025-03-07" },	/* Sun -> Fri */
		{ "2025-03-08", -1, "2025-03-07" },
		{ "2025-03-08", 0, "2025-03-08" },	/* n == 0 is from */
		{ "2025-03-10", 0, "2025-03-10" },
		{ "2025-03-10", -1, "2025-03-07" },
		{ "2025-03-10", 5, "2025-03-17" },
		/* Easter 2025. */
		{ "2025-04-16", 2, "2025-04-22" },
		{ "2025-04-17", 1, "2025-04-22" },
		{ "2025-04-18", 1, "2025-04-22" },	/* from Good Friday */
		{ "2025-04-18", -1, "2025-04-17" },
		{ "2025-04-21", -1, "2025-04-17" },	/* from Easter Monday */
		/* Christmas and New Year. */
		{ "2025-12-24", 1, "2025-12-29" },
		{ "2025-12-24", 3, "2025-12-31" },
		{ "2025-12-24", 4, "2026-01-02" },
		{ "2026-01-02", -1, "2025-12-31" },
		{ "2020-12-24", 1, "2020-12-29" },
		{ "2021-12-24", 1, "2021-12-29" },
		{ "2021-12-31", 1, "2022-01-04" },
		{ "2022-01-04", -1, "2021-12-31" },
		{ "2022-12-23", 1, "2022-12-28" },
		{ "2022-12-30", 1, "2023-01-03" },
		{ "2023-01-03", -1, "2022-12-30" },
		/* Leap days. */
		{ "2024-02-28", 1, "2024-02-29" },
		{ "2024-02-28", 2, "2024-03-01" },
		{ "2024-02-29", 1, "2024-03-01" },
		{ "2028-02-28", 1, "2028-02-29" },
		{ "2028-02-29", -1, "2028-02-28" },
		{ "2028-03-01", -1, "2028-02-29" },
		/* Proclaimed days. */
		{ "2002-05-27", 1, "2002-05-28" },	/* moved: worked */
		{ "2002-05-31", 1, "2002-06-05" },
		{ "2011-04-28", 1, "2011-05-03" },
		{ "2012-06-01", 1, "2012-06-06" },
		{ "2020-05-01", 1, "2020-05-04" },
		{ "2020-05-07", 1, "2020-05-11" },
		{ "2022-06-01", 1, "2022-06-06" },
		{ "2022-06-06", -1, "2022-06-01" },
		{ "2022-09-16", 1, "2022-09-20" },
		{ "2023-05-05", 1, "2023-05-09" },
		/* Statutory timescales. */
		{ "2025-04-10", 15, "2025-05-06" },	/* ICPC */
		{ "2025-11-03", 45, "2026-01-08" },	/* assessment */
		{ "2025-04-01", 20, "2025-05-01" },
		/* Long spans. */
		{ "2015-01-01", 5000, "2034-10-12" },
		{ "2035-12-31", -5000, "2016-03-17" },
		{ "2000-01-01", 25283, "2099-12-31" },
		{ "2099-12-31", -25282, "2000-01-04" },
		/* The ends of the table. */
		{ "2000-01-01", 1, "2000-01-04" },
		{ "2000-01-04", 0, "2000-01-04" },
		{ "2000-01-05", -1, "2000-01-04" },
		{ "2000-01-04", -1, NULL },
		{ "2000-01-01", -1, NULL },
		{ "2099-12-30", 1, "2099-12-31" },
		{ "2099-12-30", -1, "2099-12-29" },
		{ "2099-12-31", 0, "2099-12-31" },
		{ "2099-12-31", 1, NULL },
		{ "2000-01-01", 25284, NULL },
		{ "2099-12-31", -25283, NULL },
		{ "2050-06-15", INT_MAX, NULL },
		{ "2050-06-15", INT_MIN, NULL },
		{ "2050-06-15", INT_MIN + 1, NULL },
		/* A start outside the table, even with a result inside. */
		{ "1999-12-31", 1, NULL },
		{ "1999-12-31", 0, NULL },
		{ "2100-01-01", -1, NULL },
		{ "2100-01-01", 0, NULL },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		hday got = 12345;
		enum herr rc = calendar_add_working_days(dt(rows[i].from),
		    rows[i].n, &got);

		if (rows[i].want == NULL) {
			if (rc != HERR_RANGE)
				fail_msg("%s %+d: %s, expected HERR_RANGE",
				    rows[i].from, rows[i].n, fmt(got));
			assert_int_equal(got, 12345);
			continue;
		}
		if (rc != HERR_OK)
			fail_msg("%s %+d: %s", rows[i].from, rows[i].n,
			    herr_str(rc));
		assert_string_equal(fmt(got), rows[i].want);
	}
}

struct between_row {
	const char *from, *to;
	int want;
	enum herr rc;
};

static void
test_working_days_between(void **state)
{
	static const struct between_row rows[] = {
		{ "2025-03-07", "2025-03-10", 1, HERR_OK },	/* Fri, Mon */
		{ "2025-03-10", "2025-03-07", -1, HERR_OK },
		{ "2025-03-08", "2025-03-09", 0, HERR_OK },	/* weekend */
		{ "2025-03-09", "2025-03-08", 0, HERR_OK },
		{ "2025-03-08", "2025-03-10", 1, HERR_OK },
		{ "2025-03-10", "2025-03-14", 4, HERR_OK },
		{ "2025-03-10", "2025-03-10", 0, HERR_OK },
		{ "2025-03-08", "2025-03-08", 0, HERR_OK },
		{ "2025-04-17", "2025-04-22", 1, HERR_OK },	/* Easter */
		{ "2025-04-22", "2025-04-17", -1, HERR_OK },
		{ "2025-04-10", "2025-05-06", 15, HERR_OK },
		{ "2025-12-24", "2026-01-02", 4, HERR_OK },
		{ "2021-12-24", "2022-01-04", 4, HERR_OK },
		{ "2022-12-23", "2023-01-03", 4, HERR_OK },
		{ "2024-02-28", "2024-03-01", 2, HERR_OK },
		{ "2028-02-28", "2028-03-01", 2, HERR_OK },
		{ "2022-05-31", "2022-06-07", 3, HERR_OK },	/* Jubilee */
		{ "2020-04-01", "2020-05-31", 38, HERR_OK },
		{ "2023-05-01", "2023-05-31", 20, HERR_OK },
		{ "2022-01-01", "2023-01-01", 250, HERR_OK },
		{ "2025-01-01", "2025-12-31", 253, HERR_OK },
		{ "2024-12-31", "2025-12-31", 253, HERR_OK },
		{ "2015-01-01", "2035-12-31", 5307, HERR_OK },
		{ "2035-12-31", "2015-01-01", -5307, HERR_OK },
		{ "2000-01-01", "2099-12-31", 25283, HERR_OK },
		{ "2099-12-31", "2000-01-01", -25283, HERR_OK },
		{ "1999-12-31", "2000-01-04", 0, HERR_RANGE },
		{ "2000-01-04", "1999-12-31", 0, HERR_RANGE },
		{ "2000-01-04", "2100-01-01", 0, HERR_RANGE },
		{ "2100-01-01", "2099-12-31", 0, HERR_RANGE },
		{ "2100-01-01", "2100-01-01", 0, HERR_RANGE },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		int got = 12345;
		enum herr rc = calendar_working_days_between(dt(rows[i].from),
		    dt(rows[i].to), &got);

		if (rc != rows[i].rc)
			fail_msg("%s..%s: %s", rows[i].from, rows[i].to,
			    herr_str(rc));
		if (rc != HERR_OK) {
			assert_int_equal(got, 12345);
			continue;
		}
		if (got != rows[i].want)
			fail_msg("%s..%s: %d, expected %d", rows[i].from,
			    rows[i].to, got, rows[i].want);
	}
}

/*
 * From a day that is not a working day, n == 0 stays put and +-1 reach the
 * working days either side; the day itself is never counted.
 */
static void
test_start_on_non_working_day(void **state)
{
	static const struct {
		const char *day, *next, *prev;
	} rows[] = {
		{ "2025-03-08", "2025-03-10", "2025-03-07" },	/* Sat */
		{ "2025-03-09", "2025-03-10", "2025-03-07" },	/* Sun */
		{ "2025-12-25", "2025-12-29", "2025-12-24" },	/* Christmas */
		{ "2021-12-27", "2021-12-29", "2021-12-24" },	/* substitute */
		{ "2022-09-19", "2022-09-20", "2022-09-16" },	/* funeral */
		{ "2023-01-01", "2023-01-03", "2022-12-30" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		hday d = dt(rows[i].day), got;
		int between = -1;

		assert_false(calendar_is_working_day(d));
		assert_int_equal(calendar_add_working_days(d, 0, &got),
		    HERR_OK);
		assert_int_equal(got, d);
		assert_int_equal(calendar_add_working_days(d, 1, &got),
		    HERR_OK);
		assert_string_equal(fmt(got), rows[i].next);
		assert_int_equal(calendar_working_days_between(d, got,
		    &between), HERR_OK);
		assert_int_equal(between, 1);
		assert_int_equal(calendar_add_working_days(d, -1, &got),
		    HERR_OK);
		assert_string_equal(fmt(got), rows[i].prev);
		/* Nothing in (prev, d] is a working day. */
		assert_int_equal(calendar_working_days_between(d, got,
		    &between), HERR_OK);
		assert_int_equal(between, 0);
	}
}

/* Naive counts for every day of the table: upto[i] working days in (0, i]. */
static int naive_upto[(CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1) * 366];

static void
test_between_matches_naive_count(void **state)
{
	hday first = ymd(CALENDAR_FIRST_YEAR, 1, 1);
	hday last = ymd(CALENDAR_LAST_YEAR, 12, 31);
	hday from, to;
	int count = 0, got;

	(void)state;
	assert_true((size_t)(last - first) < NELEM(naive_upto));
	for (hday d = first; d <= last; d++) {
		if (d > first && calendar_is_working_day(d))
			count++;
		naive_upto[d - first] = count;
		assert_int_equal(calendar_working_days_between(first, d, &got),
		    HERR_OK);
		assert_int_equal(got, count);
		assert_int_equal(calendar_working_days_between(d, first, &got),
		    HERR_OK);
		assert_int_equal(got, -count);
	}
	/* Pairs anywhere in the table, both ways round. */
	for (hday a = first; a <= last; a += 97) {
		for (hday b = first + 5; b <= last; b += 89) {
			int want = naive_upto[b - first] - naive_upto[a - first];

			assert_int_equal(calendar_working_days_between(a, b,
			    &got), HERR_OK);
			assert_int_equal(got, want);
			assert_int_equal(calendar_working_days_between(b, a,
			    &got), HERR_OK);
			assert_int_equal(got, -want);
		}
	}
	/* The long span, counted outright. */
	from = ymd(2015, 1, 1);
	to = ymd(2035, 12, 31);
	count = 0;
	for (hday d = from + 1; d <= to; d++)
		count += calendar_is_working_day(d);
	assert_int_equal(calendar_working_days_between(from, to, &got),
	    HERR_OK);
	assert_int_equal(got, count);
	assert_int_equal(got, 5307);
}

/* add(a, +-k) for k up to 60 against a day-by-day walk from `a`. */
static void
check_walk(hday a, hday first, hday last)
{
	hday d = a, got;

	for (int k = 1; k <= 60; k++) {
		do
			d++;
		while (d <= last && !calendar_is_working_day(d));
		if (d > last) {
			assert_int_equal(calendar_add_working_days(a, k, &got),
			    HERR_RANGE);
			break;
		}
		assert_int_equal(calendar_add_working_days(a, k, &got),
		    HERR_OK);
		assert_int_equal(got, d);
	}
	d = a;
	for (int k = 1; k <= 60; k++) {
		do
			d--;
		while (d >= first && !calendar_is_working_day(d));
		if (d < first) {
			assert_int_equal(calendar_add_working_days(a, -k, &got),
			    HERR_RANGE);
			break;
		}
		assert_int_equal(calendar_add_working_days(a, -k, &got),
		    HERR_OK);
		assert_int_equal(got, d);
	}
}

static void
test_add_matches_naive_walk(void **state)
{
	hday first = ymd(CALENDAR_FIRST_YEAR, 1, 1);
	hday last = ymd(CALENDAR_LAST_YEAR, 12, 31);

	(void)state;
	/* Every day near both ends, where the walk runs off the table. */
	for (hday a = first; a < first + 100; a++)
		check_walk(a, first, last);
	for (hday a = last - 100; a <= last; a++)
		check_walk(a, first, last);
	/* 23 is prime to 7, so starts fall on every day of the week. */
	for (hday a = first + 100; a < last - 100; a += 23)
		check_walk(a, first, last);
}

/*
 * between(a, add(a, n)) == n from any working day a, the result is a
 * working day, and adding -n brings it back; HERR_RANGE exactly when the
 * table runs out.
 */
static void
test_add_between_property(void **state)
{
	static const int steps[] = { 1, 2, 3, 4, 5, 7, 10, 15, 20, 25, 45,
	    60, 65, 100, 250, 1000, 5000, 25000 };
	hday first = ymd(CALENDAR_FIRST_YEAR, 1, 1);
	hday last = ymd(CALENDAR_LAST_YEAR, 12, 31);
	int checked = 0;

	(void)state;
	/* So that between(first, a) - 1 is the count strictly before a. */
	assert_false(calendar_is_working_day(first));
	for (hday a = first; a <= last; a += 13) {
		int before, after;

		if (!calendar_is_working_day(a))
			continue;
		assert_int_equal(calendar_working_days_between(first, a,
		    &before), HERR_OK);
		before--;
		assert_int_equal(calendar_working_days_between(a, last,
		    &after), HERR_OK);
		for (size_t i = 0; i < 2 * NELEM(steps); i++) {
			int n = i % 2 ? -steps[i / 2] : steps[i / 2];
			int room = n > 0 ? after : before, got;
			hday r = 0, back = 0;
			enum herr rc = calendar_add_working_days(a, n, &r);

			if ((n > 0 ? n : -n) > room) {
				assert_int_equal(rc, HERR_RANGE);
				continue;
			}
			assert_int_equal(rc, HERR_OK);
			assert_true(calendar_is_working_day(r));
			assert_int_equal(calendar_working_days_between(a, r,
			    &got), HERR_OK);
			assert_int_equal(got, n);
			assert_int_equal(calendar_add_working_days(r, -n,
			    &back), HERR_OK);
			assert_int_equal(back, a);
			checked++;
		}
	}
	/* The loop must actually have exercised the property. */
	assert_true(checked > 20000);
}

static void
test_out_of_range(void **state)
{
	hday inside = dt("2050-06-15");
	hday bad[] = { dt("1999-12-31"), dt("2100-01-01"), dt("1800-01-01"),
	    dt("2200-12-31"), 0, -1, HDAY_NONE, INT32_MAX, INT32_MIN + 1 };
	static const int bad_years[] = { 1999, 2100, 0, -1, 1800, INT_MIN,
	    INT_MAX };

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++) {
		hday got = 12345;
		int n = 12345;

		assert_false(calendar_is_bank_holiday(bad[i]));
		assert_false(calendar_is_working_day(bad[i]));
		assert_null(calendar_holiday_name(bad[i]));
		assert_int_equal(calendar_add_working_days(bad[i], 0, &got),
		    HERR_RANGE);
		assert_int_equal(calendar_add_working_days(bad[i], 1, &got),
		    HERR_RANGE);
		assert_int_equal(calendar_add_working_days(bad[i], -1, &got),
		    HERR_RANGE);
		assert_int_equal(got, 12345);
		assert_int_equal(calendar_working_days_between(bad[i], inside,
		    &n), HERR_RANGE);
		assert_int_equal(calendar_working_days_between(inside, bad[i],
		    &n), HERR_RANGE);
		assert_int_equal(n, 12345);
	}
	for (size_t i = 0; i < NELEM(bad_years); i++) {
		hday h[16];
		int n = 12345;

		assert_int_equal(calendar_bank_holidays(bad_years[i], h, 16,
		    &n), HERR_RANGE);
		assert_int_equal(n, 12345);
	}
}

static void
test_bank_holidays_capacity(void **state)
{
	hday h[16];
	int n;

	(void)state;
	for (size_t i = 0; i < NELEM(h); i++)
		h[i] = HDAY_NONE;
	n = -1;
	assert_int_equal(calendar_bank_holidays(2025, h, 7, &n),
	    HERR_INVALID);
	assert_int_equal(n, 8);	/* how many it needed */
	assert_int_equal(h[7], HDAY_NONE);	/* nothing past cap */
	assert_int_equal(calendar_bank_holidays(2025, h, 8, &n), HERR_OK);
	assert_int_equal(n, 8);
	assert_string_equal(fmt(h[7]), "2025-12-26");
	h[9] = HDAY_NONE;
	assert_int_equal(calendar_bank_holidays(2022, h, 9, &n),
	    HERR_INVALID);
	assert_int_equal(n, 10);
	assert_int_equal(h[9], HDAY_NONE);
	assert_int_equal(calendar_bank_holidays(2022, NULL, 0, &n),
	    HERR_INVALID);
	assert_int_equal(n, 10);
	assert_int_equal(calendar_bank_holidays(2022, h, 10, &n), HERR_OK);
	assert_string_equal(fmt(h[9]), "2022-12-27");
}

struct thread_job {
	hday from, to, added;
	int count;
	enum herr rc;
};

static void *
thread_count(void *arg)
{
	struct thread_job *job = arg;

	job->rc = calendar_working_days_between(job->from, job->to,
	    &job->count);
	if (job->rc == HERR_OK)
		job->rc = calendar_add_working_days(job->from, job->count,
		    &job->added);
	return NULL;
}

/*
 * Runs first, so that the table is built by whichever of several threads
 * gets there first; every thread must see the finished table.
 */
static void
test_concurrent_first_use(void **state)
{
	pthread_t threads[8];
	struct thread_job jobs[8];

	(void)state;
	for (size_t i = 0; i < NELEM(threads); i++) {
		jobs[i].from = ymd(2000, 1, 1);
		jobs[i].to = ymd(2099, 12, 31);
		jobs[i].count = -1;
		jobs[i].added = HDAY_NONE;
		jobs[i].rc = HERR_ENV;
		assert_int_equal(pthread_create(&threads[i], NULL, thread_count,
		    &jobs[i]), 0);
	}
	for (size_t i = 0; i < NELEM(threads); i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(jobs[i].rc, HERR_OK);
		assert_int_equal(jobs[i].count, 25283);
		assert_int_equal(jobs[i].added, ymd(2099, 12, 31));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_first_use),
		cmocka_unit_test(test_published_2015_to_2027),
		cmocka_unit_test(test_proclaimed_years_before_2015),
		cmocka_unit_test(test_projected_years),
		cmocka_unit_test(test_easter_dates),
		cmocka_unit_test(test_easter_every_year),
		cmocka_unit_test(test_standing_rules_every_year),
		cmocka_unit_test(test_substitute_days),
		cmocka_unit_test(test_proclaimed_and_ordinary_days),
		cmocka_unit_test(test_working_day_definition),
		cmocka_unit_test(test_add_working_days),
		cmocka_unit_test(test_working_days_between),
		cmocka_unit_test(test_start_on_non_working_day),
		cmocka_unit_test(test_between_matches_naive_count),
		cmocka_unit_test(test_add_matches_naive_walk),
		cmocka_unit_test(test_add_between_property),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_bank_holidays_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
