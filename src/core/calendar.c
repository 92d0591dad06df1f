/*
 * calendar.c: England and Wales bank holidays and working-day arithmetic.
 *
 * Owns one read-only table covering CALENDAR_FIRST_YEAR..CALENDAR_LAST_YEAR:
 * which holiday (if any) each day is, a prefix count of working days and the
 * position of every working day.  It is built once, on first use, under
 * pthread_once, and never written again, so any thread may ask at any time
 * without locks.  Timescales are computed for every child in an authority,
 * so counting is O(1) and costs no allocation.
 *
 * It must never guess outside the supported years: a date it has no table
 * for is HERR_RANGE, not a weekday count that ignores holidays.
 */
#include <pthread.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/banned.h"

/*
 * Day numbers of 1 January of year y (y >= 1), as constant expressions so the
 * table can be a static array: 365 days a year plus one per Gregorian leap
 * year before it, counted from 1970.
 */
#define LEAPS_BEFORE(y) (((y) - 1) / 4 - ((y) - 1) / 100 + ((y) - 1) / 400)
#define YEAR_START(y) \
	(365 * ((y) - 1970) + LEAPS_BEFORE(y) - LEAPS_BEFORE(1970))
#define FIRST_DAY YEAR_START(CALENDAR_FIRST_YEAR)
#define END_DAY YEAR_START(CALENDAR_LAST_YEAR + 1)	/* one past the last */
#define NDAYS (END_DAY - FIRST_DAY)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What a bank holiday is called; the index stored per day. */
enum holiday {
	HOL_NONE = 0,
	HOL_NEW_YEAR,
	HOL_NEW_YEAR_SUB,
	HOL_GOOD_FRIDAY,
	HOL_EASTER_MONDAY,
	HOL_EARLY_MAY,
	HOL_EARLY_MAY_VE,
	HOL_SPRING,
	HOL_SUMMER,
	HOL_CHRISTMAS,
	HOL_CHRISTMAS_SUB,
	HOL_BOXING,
	HOL_BOXING_SUB,
	HOL_GOLDEN_JUBILEE,
	HOL_ROYAL_WEDDING,
	HOL_DIAMOND_JUBILEE,
	HOL_PLATINUM_JUBILEE,
	HOL_STATE_FUNERAL,
	HOL_CORONATION,
	HOL__MAX
};

static const char *const holiday_names[HOL__MAX] = {
	[HOL_NONE] = NULL,
	[HOL_NEW_YEAR] = "New Year's Day",
	[HOL_NEW_YEAR_SUB] = "New Year's Day (substitute day)",
	[HOL_GOOD_FRIDAY] = "Good Friday",
	[HOL_EASTER_MONDAY] = "Easter Monday",
	[HOL_EARLY_MAY] = "Early May bank holiday",
	[HOL_EARLY_MAY_VE] = "Early May bank holiday (VE Day)",
	[HOL_SPRING] = "Spring bank holiday",
	[HOL_SUMMER] = "Summer bank holiday",
	[HOL_CHRISTMAS] = "Christmas Day",
	[HOL_CHRISTMAS_SUB] = "Christmas Day (substitute day)",
	[HOL_BOXING] = "Boxing Day",
	[HOL_BOXING_SUB] = "Boxing Day (substitute day)",
	[HOL_GOLDEN_JUBILEE] = "Golden Jubilee of Queen Elizabeth II",
	[HOL_ROYAL_WEDDING] = "Royal Wedding",
	[HOL_DIAMOND_JUBILEE] = "Diamond Jubilee of Queen Elizabeth II",
	[HOL_PLATINUM_JUBILEE] = "Platinum Jubilee of Queen Elizabeth II",
	[HOL_STATE_FUNERAL] = "State Funeral of Queen Elizabeth II",
	[HOL_CORONATION] = "Coronation of King Charles III",
};

/*
 * Changes made by royal proclamation under section 1(3) of the Banking and
 * Financial Dealings Act 1971, within the supported years.  A row with
 * from_m set moves that standing holiday to y-m-d; a row without adds y-m-d.
 * The millennium holiday (31 December 1999) lies before the table.
 */
static const struct proclamation {
	int y, m, d;
	int from_m, from_d;	/* the standing holiday replaced, or 0 */
	enum holiday what;
} proclamations[] = {
	/* Golden Jubilee: spring holiday to Tuesday 4 June, extra Monday. */
	{ 2002, 6, 4, 5, 27, HOL_SPRING },
	{ 2002, 6, 3, 0, 0, HOL_GOLDEN_JUBILEE },
	{ 2011, 4, 29, 0, 0, HOL_ROYAL_WEDDING },
	/* Diamond Jubilee: spring holiday to Monday 4 June, extra Tuesday. */
	{ 2012, 6, 4, 5, 28, HOL_SPRING },
	{ 2012, 6, 5, 0, 0, HOL_DIAMOND_JUBILEE },
	/* 75th anniversary of VE Day: early May holiday from Monday 4 May. */
	{ 2020, 5, 8, 5, 4, HOL_EARLY_MAY_VE },
	/* Platinum Jubilee: spring holiday from 30 May to Thursday 2 June. */
	{ 2022, 6, 2, 5, 30, HOL_SPRING },
	{ 2022, 6, 3, 0, 0, HOL_PLATINUM_JUBILEE },
	{ 2022, 9, 19, 0, 0, HOL_STATE_FUNERAL },
	{ 2023, 5, 8, 0, 0, HOL_CORONATION },
};

/*
 * The table, indexed by day - FIRST_DAY.  work_upto[i] is the number of
 * working days among the first i days, so the working days in (a, b] are
 * work_upto[b + 1] - work_upto[a + 1]; work_at[k] is the index of the k-th
 * working day (from 0), which makes "the n-th working day after" a lookup.
 */
static uint8_t day_holiday[NDAYS];
static int32_t work_upto[NDAYS + 1];
static int32_t work_at[NDAYS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static bool
in_range(hday day)
{
	return day >= FIRST_DAY && day < END_DAY;
}

/*
 * The day number of a date the rules produce.  They are always real dates;
 * were one not, 0 (1970) lies outside the table, so mark() ignores it and the
 * few days added to it cannot overflow as HDAY_NONE would.
 */
static hday
day_of(int y, int m, int d)
{
	hday day;

	if (hdate_from_ymd(y, m, d, &day) != HERR_OK)
		return 0;
	return day;
}

static void
mark(hday day, enum holiday what)
{
	if (in_range(day))
		day_holiday[day - FIRST_DAY] = (uint8_t)what;
}

/*
 * Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher),
 * exact for every Gregorian year; the Church of England keeps the Gregorian
 * Easter, and Good Friday and Easter Monday hang from it.
 */
static hday
easter_sunday(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;

	return day_of(y, n / 31, n % 31 + 1);
}

static hday
first_monday(int y, int m)
{
	hday first = day_of(y, m, 1);

	return first + (7 - (int)hdate_weekday(first)) % 7;
}

/* The last Monday of a 31-day month (May and August are the only users). */
static hday
last_monday_31(int y, int m)
{
	hday last = day_of(y, m, 31);

	return last - (int)hdate_weekday(last);
}

/* Banking and Financial Dealings Act 1971, schedule 1, for one year. */
static void
year_mark_standing(int y)
{
	hday new_year = day_of(y, 1, 1), christmas = day_of(y, 12, 25);
	hday easter = easter_sunday(y);

	/* A weekend New Year's Day gives the next Monday instead. */
	switch (hdate_weekday(new_year)) {
	case HSAT:
		mark(new_year + 2, HOL_NEW_YEAR_SUB);
		break;
	case HSUN:
		mark(new_year + 1, HOL_NEW_YEAR_SUB);
		break;
	default:
		mark(new_year, HOL_NEW_YEAR);
		break;
	}
	mark(easter - 2, HOL_GOOD_FRIDAY);
	mark(easter + 1, HOL_EASTER_MONDAY);
	mark(first_monday(y, 5), HOL_EARLY_MAY);
	mark(last_monday_31(y, 5), HOL_SPRING);
	mark(last_monday_31(y, 8), HOL_SUMMER);

	/*
	 * Christmas and Boxing Day each get a weekday: whichever falls at the
	 * weekend takes the next Monday or Tuesday not already taken.
	 */
	switch (hdate_weekday(christmas)) {
	case HFRI:	/* Boxing Day Saturday -> Monday 28 */
		mark(christmas, HOL_CHRISTMAS);
		mark(christmas + 3, HOL_BOXING_SUB);
		break;
	case HSAT:	/* both at the weekend -> Monday 27, Tuesday 28 */
		mark(christmas + 2, HOL_CHRISTMAS_SUB);
		mark(christmas + 3, HOL_BOXING_SUB);
		break;
	case HSUN:	/* Boxing Day Monday 26, Christmas -> Tuesday 27 */
		mark(christmas + 1, HOL_BOXING);
		mark(christmas + 2, HOL_CHRISTMAS_SUB);
		break;
	default:
		mark(christmas, HOL_CHRISTMAS);
		mark(christmas + 1, HOL_BOXING);
		break;
	}
}

static void
table_build(void)
{
	int32_t nwork = 0;

	for (int y = CALENDAR_FIRST_YEAR; y <= CALENDAR_LAST_YEAR; y++)
		year_mark_standing(y);
	/* After the standing rules, so that a move can clear the old day. */
	for (size_t i = 0; i < NELEM(proclamations); i++) {
		const struct proclamation *p = &proclamations[i];

		if (p->from_m != 0)
			mark(day_of(p->y, p->from_m, p->from_d), HOL_NONE);
		mark(day_of(p->y, p->m, p->d), p->what);
	}
	for (int32_t d = 0; d < NDAYS; d++) {
		work_upto[d] = nwork;
		if (!hdate_is_weekend(FIRST_DAY + d) &&
		    day_holiday[d] == HOL_NONE)
			work_at[nwork++] = d;
	}
	work_upto[NDAYS] = nwork;
}

static void
table_ready(void)
{
	(void)pthread_once(&table_once, table_build);
}

bool
calendar_is_bank_holiday(hday day)
{
	if (!in_range(day))
		return false;
	table_ready();
	return day_holiday[day - FIRST_DAY] != HOL_NONE;
}

const char *
calendar_holiday_name(hday day)
{
	if (!in_range(day))
		return NULL;
	table_ready();
	return holiday_names[day_holiday[day - FIRST_DAY]];
}

bool
calendar_is_working_day(hday day)
{
	int32_t i;

	if (!in_range(day))
		return false;
	table_ready();
	i = day - FIRST_DAY;
	return work_upto[i + 1] != work_upto[i];
}

enum herr
calendar_add_working_days(hday from, int n, hday *out)
{
	int32_t i;
	int64_t k;

	if (!in_range(from))
		return HERR_RANGE;
	if (n == 0) {
		*out = from;
		return HERR_OK;
	}
	table_ready();
	i = from - FIRST_DAY;
	/* 64-bit so that n near INT_MAX or INT_MIN cannot overflow. */
	if (n > 0)
		k = (int64_t)work_upto[i + 1] + n - 1;
	else
		k = (int64_t)work_upto[i] + n;
	if (k < 0 || k >= work_upto[NDAYS])
		return HERR_RANGE;
	*out = FIRST_DAY + work_at[k];
	return HERR_OK;
}

enum herr
calendar_working_days_between(hday from, hday to, int *out)
{
	if (!in_range(from) || !in_range(to))
		return HERR_RANGE;
	table_ready();
	*out = work_upto[to - FIRST_DAY + 1] - work_upto[from - FIRST_DAY + 1];
	return HERR_OK;
}

/* On HERR_INVALID *n still says how many holidays the year has. */
enum herr
calendar_bank_holidays(int year, hday *out, int cap, int *n)
{
	int count = 0;

	if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
		return HERR_RANGE;
	table_ready();
	for (int32_t d = YEAR_START(year); d < YEAR_START(year + 1); d++) {
		if (day_holiday[d - FIRST_DAY] == HOL_NONE)
			continue;
		if (count < cap)
			out[count] = d;
		count++;
	}
	*n = count;
	return count > cap ? HERR_INVALID : HERR_OK;
}
