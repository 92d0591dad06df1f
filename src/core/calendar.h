/*
 * calendar.h: working days in England and Wales.
 *
 * A working day is a Monday to Friday that is not an England and Wales bank
 * holiday.  Bank holidays come from the standing rules of the Banking and
 * Financial Dealings Act 1971 and royal proclamation:
 *   New Year's Day (1 January; the next Monday if it falls at a weekend),
 *   Good Friday and Easter Monday,
 *   the early May bank holiday (first Monday in May),
 *   the spring bank holiday (last Monday in May),
 *   the summer bank holiday (last Monday in August),
 *   Christmas Day and Boxing Day (with substitute days: if Christmas falls on
 *   a Saturday or Sunday the substitute is the next Monday or Tuesday so that
 *   both days get one),
 * plus the one-off changes made by proclamation (for example the early May
 * holiday moved to Friday 8 May 2020, the spring holiday moved to Thursday
 * 2 June 2022, the Platinum Jubilee on 3 June 2022, the State Funeral on
 * 19 September 2022 and the Coronation on 8 May 2023).  Years after the last
 * published list are projected from the standing rules.
 *
 * Supported years: CALENDAR_FIRST_YEAR..CALENDAR_LAST_YEAR.  Outside that the
 * functions that count return HERR_RANGE rather than guess.
 *
 * Counting convention (the one every timescale in hearth uses):
 *   the day of the event itself is day 0.  Working day 1 is the first working
 *   day after the event, whatever day of the week the event fell on.
 *   "Within N working days of X" means on or before
 *   calendar_add_working_days(X, N).
 * Note: the DfE CIN census validator counts the start day as day 1 (pandas
 * CustomBusinessDay with n-1); hearth's convention is the statutory reading
 * ("within 15 working days of the strategy discussion" starts counting the
 * day after).  Exports that must reproduce the validator say so explicitly.
 */
#ifndef HEARTH_CORE_CALENDAR_H
#define HEARTH_CORE_CALENDAR_H

#include <stdbool.h>

#include "core/date.h"
#include "core/status.h"

#define CALENDAR_FIRST_YEAR 2000
#define CALENDAR_LAST_YEAR 2099

/* True if `day` is an England and Wales bank holiday (false outside range). */
bool calendar_is_bank_holiday(hday day);

/*
 * The bank holiday's name ("Christmas Day", "Boxing Day (substitute day)",
 * "Coronation of King Charles III", ...), or NULL if `day` is not one.
 * Borrowed static string.
 */
const char *calendar_holiday_name(hday day);

/* True if `day` is a Monday-Friday and not a bank holiday (false outside
 * range). */
bool calendar_is_working_day(hday day);

/*
 * The n-th working day after `from` (n > 0), or before it (n < 0); n == 0
 * gives `from` itself even if it is not a working day.  HERR_RANGE if the
 * start or the result lies outside the supported years.
 */
enum herr calendar_add_working_days(hday from, int n, hday *out) HEARTH_WUR;

/*
 * The number of working days d with from < d <= to (so an event and the next
 * working day are 1 apart); negative, counted the same way, when to < from.
 * HERR_RANGE if either date lies outside the supported years.
 */
enum herr calendar_working_days_between(hday from, hday to, int *out)
    HEARTH_WUR;

/*
 * All bank holidays in year `year`, in date order, into `out` (capacity
 * `cap`); *n gets the count.  HERR_RANGE outside the supported years,
 * HERR_INVALID if cap is too small (16 is always enough).
 */
enum herr calendar_bank_holidays(int year, hday *out, int cap, int *n)
    HEARTH_WUR;

#endif
