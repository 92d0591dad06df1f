/*
 * journey_seed.h: records the journey tests (test_due.c,
 * test_api_journey.c) build on, beside the demo authority the harness
 * makes: teams of their own, staff who can sign in, and children allocated
 * to them for the past year, so that what the tests count is theirs alone
 * whatever the demo holds.  Written in-process through core/record.h (the
 * door every edge uses) on the harness's database while its server runs;
 * dates are counted in working days back from today (calendar.h).
 *
 * Every helper fails the test unless it succeeds.  js_open() before, and
 * js_close() after, a batch of writes.  Include after harness.h.
 */
#ifndef HEARTH_TESTS_WEB_JOURNEY_SEED_H
#define HEARTH_TESTS_WEB_JOURNEY_SEED_H

#include "core/calendar.h"
#include "core/record.h"
#include "store/store.h"

#define JS_SINCE_DAYS 400	/* allocations and memberships began */

static struct store *js_st;

H_FN void
js_open(void)
{
	struct hdiag d;

	hdiag_clear(&d);
	if (store_open(H.db, 0, &js_st, NULL, &d) != HERR_OK)
		fail_msg("store_open %s: %s", H.db, d.msg);
}

H_FN void
js_close(void)
{
	store_close(js_st);
	js_st = NULL;
}

/* Today as the server sees it (local time). */
H_FN hday
js_today(void)
{
	return hdate_today();
}

/* n working days from today (n < 0: back). */
H_FN hday
js_wd(int n)
{
	hday out;

	if (calendar_add_working_days(js_today(), n, &out) != HERR_OK)
		fail_msg("calendar_add_working_days(today, %d) failed", n);
	return out;
}

/* d plus n working days. */
H_FN hday
js_add(hday d, int n)
{
	hday out;

	if (calendar_add_working_days(d, n, &out) != HERR_OK)
		fail_msg("calendar_add_working_days(%d, %d) failed", (int)d, n);
	return out;
}

/* "YYYY-MM-DD" (kept). */
H_FN char *
js_date(hday d)
{
	char buf[HDATE_LEN];

	return h_strdup(hdate_format(d, buf));
}

/* Fail, naming the step and the core's reason, unless e is HERR_OK. */
#define JS_OK(what, e, d) do {						\
	enum herr js_e_ = (e);						\
	if (js_e_ != HERR_OK)						\
		fail_msg("%s: %s (%s: %s)", (what), herr_str(js_e_),	\
		    (d).field, (d).msg);				\
} while (0)

H_FN int64_t
js_team(const char *name)
{
	struct team t;
	struct hdiag d;

	memset(&t, 0, sizeof(t));
	snprintf(t.name, sizeof(t.name), "%s", name);
	t.kind = TEAM_CHILD_IN_NEED;
	hdiag_clear(&d);
	JS_OK("record_team_add", record_team_add(js_st, &t, &d), d);
	return t.id;
}

/*
 * A member of staff who can sign in (h_add_user), called given family,
 * a member of team_id (0: none) since JS_SINCE_DAYS ago.
 */
H_FN int64_t
js_user(const char *username, const char *role, int64_t team_id,
    const char *given, const char *family)
{
	char *agency = sql(H.db, "SELECT name FROM agency WHERE kind = "
	    "'local_authority' ORDER BY id LIMIT 1");
	long long id;

	if (agency == NULL)
		fail_msg("the demo has no local authority agency");
	h_add_user(username, role, agency, NULL);
	id = h_staff_id(username);
	sql_all(H.db, "UPDATE staff SET given_name = %s, family_name = %s "
	    "WHERE id = %lld", sql_quote(given), sql_quote(family), id);
	if (team_id > 0)
		sql_all(H.db, "INSERT INTO team_member (team_id, staff_id, "
		    "start_date) VALUES (%lld, %lld, date('now', 'localtime', "
		    "'-%d days'))", (long long)team_id, id, JS_SINCE_DAYS);
	return (int64_t)id;
}

/* A child born in 2015, allocated to worker since JS_SINCE_DAYS ago. */
H_FN int64_t
js_child(const char *la_id, const char *given, const char *family,
    int64_t worker)
{
	struct child c;
	struct allocation a;
	struct hdiag d;

	child_init(&c);
	snprintf(c.given_name, sizeof(c.given_name), "%s", given);
	snprintf(c.family_name, sizeof(c.family_name), "%s", family);
	snprintf(c.la_child_id, sizeof(c.la_child_id), "%s", la_id);
	snprintf(c.ethnicity, sizeof(c.ethnicity), "WBRI");
	snprintf(c.upn_unknown, sizeof(c.upn_unknown), "UN1");
	c.sex = 'F';
	hdiag_clear(&d);
	JS_OK("hdate_from_ymd", hdate_from_ymd(2015, 5, 1, &c.birth_date),
	    d);
	JS_OK("record_child_add", record_child_add(js_st, &c, js_today(), &d),
	    d);
	memset(&a, 0, sizeof(a));
	a.staff_id = worker;
	a.child_id = c.id;
	a.start_date = js_today() - JS_SINCE_DAYS;
	a.end_date = HDAY_NONE;
	JS_OK("record_allocation_add", record_allocation_add(js_st, &a, &d),
	    d);
	return c.id;
}

#endif
