/*
 * date.c: day numbers <-> civil dates, strict ISO parsing, month arithmetic.
 * Pure functions; no allocation; the only clock read is hdate_today().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/banned.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool
hdate_valid(int y, int m, int d)
{
	if (y < HDATE_MIN_YEAR || y > HDATE_MAX_YEAR)
		return false;
	if (m < 1 || m > 12)
		return false;
	return d >= 1 && d <= days_in_month(y, m);
}

/*
 * Days from 1970-01-01, counting in 400-year eras that start on 1 March so
 * that the leap day falls at the end of each computed year.
 */
static hday
ymd_to_day(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

enum herr
hdate_from_ymd(int y, int m, int d, hday *out)
{
	if (!hdate_valid(y, m, d))
		return HERR_INVALID;
	*out = ymd_to_day(y, m, d);
	return HERR_OK;
}

void
hdate_to_ymd(hday day, int *y, int *m, int *d)
{
	int z, era, doe, yoe, doy, mp, yy;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum herr
hdate_parse(const char *s, hday *out, const char *field, struct hdiag *diag)
{
	int y, m, d;

	if (s == NULL || s[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "%s is missing: give a date as YYYY-MM-DD",
		    field ? field : "date");
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    (y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return hdiag_set(diag, HERR_INVALID, field, s,
		    "%s \"%s\" is not a date: use YYYY-MM-DD, for example "
		    "2025-04-01", field ? field : "date", s);
	if (y < HDATE_MIN_YEAR || y > HDATE_MAX_YEAR)
		return hdiag_set(diag, HERR_INVALID, field, s,
		    "%s \"%s\" is outside the years %d to %d",
		    field ? field : "date", s, HDATE_MIN_YEAR, HDATE_MAX_YEAR);
	if (!hdate_valid(y, m, d))
		return hdiag_set(diag, HERR_INVALID, field, s,
		    "%s \"%s\" is not a real date", field ? field : "date", s);
	*out = ymd_to_day(y, m, d);
	return HERR_OK;
}

char *
hdate_format(hday day, char buf[HDATE_LEN])
{
	int y, m, d;

	hdate_to_ymd(day, &y, &m, &d);
	/*
	 * Unsigned remainders bound every field, so the compiler can prove the
	 * text fits in HDATE_LEN (-Wformat-truncation at -O2); dates in the
	 * supported years are unaffected.
	 */
	snprintf(buf, HDATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	return buf;
}

enum hweekday
hdate_weekday(hday day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (int)((day % 7 + 7 + 3) % 7);

	return (enum hweekday)w;
}

bool
hdate_is_weekend(hday day)
{
	return hdate_weekday(day) >= HSAT;
}

hday
hdate_add_months(hday day, int months)
{
	int y, m, d, idx, dim;

	hdate_to_ymd(day, &y, &m, &d);
	idx = y * 12 + (m - 1) + months;
	y = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
	m = idx - y * 12 + 1;
	dim = days_in_month(y, m);
	if (d > dim)
		d = dim;
	return ymd_to_day(y, m, d);
}

int
hdate_age_years(hday dob, hday on)
{
	int by, bm, bd, y, m, d, age;

	hdate_to_ymd(dob, &by, &bm, &bd);
	hdate_to_ymd(on, &y, &m, &d);
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

hday
hdate_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return ymd_to_day(1970, 1, 1);
	return ymd_to_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
