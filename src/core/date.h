/*
 * date.h: calendar dates as day numbers.
 *
 * A date is an `hday`: the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar (1970-01-01 is 0, 1969-12-31 is -1).  Day numbers make
 * comparison and arithmetic trivial and allocation-free; conversion to and
 * from year/month/day happens only at the edges.  hearth's dates carry no
 * time of day or zone: a referral date is the day the authority received it.
 *
 * Valid years are 1800..2200 (HDAY_MIN..HDAY_MAX); nothing in a child's record
 * lies outside that, and the bound keeps arithmetic far from overflow.
 */
#ifndef HEARTH_CORE_DATE_H
#define HEARTH_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

typedef int32_t hday;

#define HDATE_MIN_YEAR 1800
#define HDATE_MAX_YEAR 2200
#define HDATE_LEN 11		/* "YYYY-MM-DD" and its NUL */
#define HDAY_NONE INT32_MIN	/* "no date" in structs (e.g. no closure yet) */

enum hweekday { HMON = 0, HTUE, HWED, HTHU, HFRI, HSAT, HSUN };

/* True if y-m-d is a real date within the supported years. */
bool hdate_valid(int y, int m, int d);

/* Day number of y-m-d; HERR_INVALID (with diag naming `field`) if not real. */
enum herr hdate_from_ymd(int y, int m, int d, hday *out) HEARTH_WUR;

/* Split a day number into year, month (1-12) and day (1-31). */
void hdate_to_ymd(hday day, int *y, int *m, int *d);

/*
 * Parse exactly "YYYY-MM-DD" (ISO 8601 calendar date, no spaces, no time).
 * Impossible dates such as 2025-02-30 are refused.  On failure fills `diag`
 * (may be NULL) naming `field` (may be NULL) and the text.
 */
enum herr hdate_parse(const char *s, hday *out, const char *field,
    struct hdiag *diag) HEARTH_WUR;

/* Write "YYYY-MM-DD" into buf (at least HDATE_LEN bytes); returns buf. */
char *hdate_format(hday day, char buf[HDATE_LEN]);

/* Day of the week, Monday 0 .. Sunday 6. */
enum hweekday hdate_weekday(hday day);

/* True on Saturday and Sunday. */
bool hdate_is_weekend(hday day);

/*
 * Add calendar months, keeping the day of the month where it exists and
 * otherwise using the month's last day (31 January + 1 month = 28 or 29
 * February).  This is how "within 3 months" and "6 months apart" are read.
 */
hday hdate_add_months(hday day, int months);

/* Whole years of age on `on` for someone born on `dob` (29 Feb birthdays
 * turn over on 1 March in non-leap years). */
int hdate_age_years(hday dob, hday on);

/* Today's date in the machine's local time zone. */
hday hdate_today(void);

#endif
