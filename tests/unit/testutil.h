/*
 * testutil.h: helpers every unit test shares.  Include after <cmocka.h>
 * (the helpers assert) and the project headers.
 */
#ifndef HEARTH_TESTS_TESTUTIL_H
#define HEARTH_TESTS_TESTUTIL_H

#include "core/date.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The day number of "YYYY-MM-DD"; "" is no date (HDAY_NONE).  A malformed
 * date fails the calling test: test tables must hold real dates. */
static inline hday
dt(const char *s)
{
	hday d = HDAY_NONE;

	if (s[0] == '\0')
		return HDAY_NONE;
	assert_int_equal(hdate_parse(s, &d, "test date", NULL), HERR_OK);
	return d;
}

/* The day number of y-m-d, which must be a real date. */
static inline hday
ymd(int y, int m, int d)
{
	hday day = HDAY_NONE;

	assert_int_equal(hdate_from_ymd(y, m, d, &day), HERR_OK);
	return day;
}

#endif
