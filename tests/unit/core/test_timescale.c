/*
 * test_timescale.c: when each step of a journey is due (timescale.h).
 *
 * Every expected date here was counted by hand on the 2026-27 calendar
 * (Good Friday 3 April and Easter Monday 6 April 2026, early May 4 May,
 * spring 25 May, summer 31 August, Christmas Friday 25 December with the
 * Boxing Day substitute on Monday 28 December, New Year's Day Friday
 * 1 January 2027), with the day of the event as day 0, and never derived
 * from calendar.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/cin.h"
#include "core/date.h"
#include "core/journey.h"
#include "core/timescale.h"
#include "testutil.h"
#include "core/banned.h"

#define CHILD 7
#define CAP (JOURNEY_EVENTS_MAX + 4 * JOURNEY_STEPS_MAX)

/* Formats into one of a few rotating buffers so two fit in one assert. */
static const char *
fmt(hday d)
{
	static char bufs[4][HDATE_LEN];
	static int next;

	if (d == HDAY_NONE)
		return "(none)";
	next = (next + 1) % 4;
	return hdate_format(d, bufs[next]);
}

/* ---------------------------------------------------------------------
 * Building a journey by hand ("" is no date)
 */

static struct journey *
child_journey(void)
{
	struct journey *j = journey_new();

	j->child.id = CHILD;
	j->child.birth_date = dt("2015-05-01");
	return j;
}

static void
add_episode(struct journey *j, int64_t id, const char *ref,
    const char *closed, enum referral_decision d, const char *decided)
{
	struct cin_episode e;
	struct referral r;

	cin_episode_init(&e);
	e.id = id;
	e.child_id = CHILD;
	e.referral_date = dt(ref);
	e.closure_date = dt(closed);
	memcpy(e.referral_source, "3E", 3);
	memcpy(e.primary_need, "N1", 3);
	if (e.closure_date != HDAY_NONE)
		memcpy(e.closure_reason, "RC8", 4);
	memset(&r, 0, sizeof(r));
	r.episode_id = id;
	r.contact_date = HDAY_NONE;
	r.decision = d;
	r.decision_date = dt(decided);
	assert_int_equal(journey_push_episode(j, &e, &r, NULL), HERR_OK);
}

static void
add_assessment(struct journey *j, int64_t id, int64_t ep, const char *start,
    const char *authorised)
{
	struct assessment a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.child_id = CHILD;
	a.episode_id = ep;
	a.start_date = dt(start);
	a.authorised_date = dt(authorised);
	a.outcome = a.authorised_date != HDAY_NONE ? ASSESS_CIN_PLAN :
	    ASSESS_OPEN;
	a.due_date = HDAY_NONE;
	assert_int_equal(journey_push_assessment(j, &a, NULL), HERR_OK);
}

static void
add_strategy(struct journey *j, int64_t id, int64_t ep, const char *held,
    bool s47)
{
	struct strategy s;

	memset(&s, 0, sizeof(s));
	s.id = id;
	s.child_id = CHILD;
	s.episode_id = ep;
	s.held_date = dt(held);
	s.s47 = s47;
	assert_int_equal(journey_push_strategy(j, &s, NULL), HERR_OK);
}

static void
add_s47(struct journey *j, int64_t id, int64_t ep, int64_t strategy,
    const char *start, enum s47_outcome o, const char *outcome_date)
{
	struct s47 s;

	memset(&s, 0, sizeof(s));
	s.id = id;
	s.child_id = CHILD;
	s.episode_id = ep;
	s.strategy_id = strategy;
	s.start_date = dt(start);
	s.outcome = o;
	s.outcome_date = dt(outcome_date);
	assert_int_equal(journey_push_s47(j, &s, NULL), HERR_OK);
}

static void
add_conference(struct journey *j, int64_t id, enum conference_kind k,
    const char *held, const char *notified, int64_t s47_id, int64_t plan_id,
    enum conference_decision d)
{
	struct conference c;

	memset(&c, 0, sizeof(c));
	c.id = id;
	c.kind = k;
	c.held_date = dt(held);
	c.notified_date = dt(notified);
	c.n_children = 1;
	c.children[0].child_id = CHILD;
	c.children[0].s47_id = s47_id;
	c.children[0].plan_id = plan_id;
	c.children[0].decision = d;
	c.children[0].category = ABUSE_NEGLECT;
	c.children[0].due_date = HDAY_NONE;
	assert_int_equal(journey_push_conference(j, &c, NULL), HERR_OK);
}

static void
add_plan(struct journey *j, int64_t id, int64_t ep, enum plan_kind k,
    const char *start, const char *end, bool long_term)
{
	struct plan p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.child_id = CHILD;
	p.episode_id = ep;
	p.kind = k;
	p.start_date = dt(start);
	p.end_date = dt(end);
	p.long_term = long_term;
	if (k == PLAN_CP)
		p.initial_category = p.latest_category = ABUSE_NEGLECT;
	if (k == PLAN_LAC) {
		memcpy(p.legal_status, "C2", 3);
		memcpy(p.placement, "U4", 3);
	}
	assert_int_equal(journey_push_plan(j, &p, NULL), HERR_OK);
}

static void
add_event(struct journey *j, int64_t id, int64_t plan, enum event_kind k,
    const char *held)
{
	struct plan_event e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	e.child_id = CHILD;
	e.plan_id = plan;
	e.kind = k;
	e.held_date = dt(held);
	e.due_date = HDAY_NONE;
	assert_int_equal(journey_push_event(j, &e, NULL), HERR_OK);
}

/* ---------------------------------------------------------------------
 * Reading the result
 */

struct result {
	struct due_item items[CAP];
	int n;
};

static void
compute(const struct journey *j, const struct intervals *iv,
    struct result *r)
{
	struct intervals def;

	if (iv == NULL) {
		intervals_default(&def);
		iv = &def;
	}
	r->n = -1;
	assert_int_equal(timescale_compute(j, iv, r->items, CAP, &r->n),
	    HERR_OK);
	for (int i = 0; i < r->n; i++)
		assert_int_equal(r->items[i].child_id, CHILD);
}

static const struct due_item *
find(const struct result *r, enum due_step step, int64_t ref, int seq)
{
	for (int i = 0; i < r->n; i++)
		if (r->items[i].step == step && r->items[i].ref_id == ref &&
		    r->items[i].seq == seq)
			return &r->items[i];
	return NULL;
}

static int
count(const struct result *r, enum due_step step)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->items[i].step == step;
	return n;
}

static int
count_open(const struct result *r)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->items[i].done == HDAY_NONE;
	return n;
}

/* The item (step, ref, seq) exists with these dates ("" done: open). */
static const struct due_item *
expect(const struct result *r, enum due_step step, int64_t ref, int seq,
    const char *from, const char *due, const char *done)
{
	const struct due_item *it = find(r, step, ref, seq);

	if (it == NULL)
		fail_msg("no %s item %d for %lld", due_step_code(step), seq,
		    (long long)ref);
	assert_string_equal(fmt(it->from), from);
	assert_string_equal(fmt(it->due), due);
	assert_string_equal(fmt(it->done), done[0] ? done : "(none)");
	if (done[0] == '\0')
		assert_int_equal(it->done_id, 0);
	else
		assert_true(it->done_id != 0);
	return it;
}

/* ---------------------------------------------------------------------
 * Codes and intervals
 */

static void
test_step_codes(void **state)
{
	static const char *const codes[STEP__COUNT] = {
		"decision", "assessment", "icpc", "transfer-in", "core-group",
		"rcpc", "visit", "cin-review", "lac-review", "lac-visit",
	};

	(void)state;
	for (int s = 0; s < STEP__COUNT; s++) {
		assert_string_equal(due_step_code((enum due_step)s), codes[s]);
		assert_int_equal(due_step_parse(codes[s]), s);
		assert_true(strlen(due_step_label((enum due_step)s)) > 0);
	}
	assert_string_equal(due_step_label(STEP_CORE_GROUP), "Core group");
	assert_int_equal(due_step_parse("ICPC"), -1);
	assert_int_equal(due_step_parse(""), -1);
	assert_int_equal(due_step_parse(NULL), -1);
	assert_string_equal(due_status_code(DUE_LATER), "due");
	assert_string_equal(due_status_code(DUE_SOON), "due");
	assert_string_equal(due_status_code(DUE_OVERDUE), "overdue");
	assert_string_equal(due_status_code(DUE_DONE_ON_TIME), "done");
	assert_string_equal(due_status_code(DUE_DONE_LATE), "late");
}

static void
test_intervals_default(void **state)
{
	struct intervals iv;
	char buf[32];

	(void)state;
	memset(&iv, 0xff, sizeof(iv));
	intervals_default(&iv);
	assert_string_equal(interval_format(&iv.cp_visit, buf, sizeof(buf)),
	    "10 working days");
	assert_string_equal(interval_format(&iv.core_group, buf,
	    sizeof(buf)), "4 weeks");
	assert_string_equal(interval_format(&iv.cin_visit, buf, sizeof(buf)),
	    "4 weeks");
	assert_string_equal(interval_format(&iv.cin_review, buf,
	    sizeof(buf)), "3 months");
}

static void
test_interval_parse(void **state)
{
	static const struct {
		const char *text;
		int n;
		enum interval_unit unit;
		const char *formatted;
	} valid[] = {
		{ "10 working days", 10, UNIT_WORKING_DAYS, "10 working days" },
		{ "1 working day", 1, UNIT_WORKING_DAYS, "1 working day" },
		{ "4 weeks", 4, UNIT_WEEKS, "4 weeks" },
		{ "1 week", 1, UNIT_WEEKS, "1 week" },
		{ "28 days", 28, UNIT_DAYS, "28 days" },
		{ "1 day", 1, UNIT_DAYS, "1 day" },
		{ "3 months", 3, UNIT_MONTHS, "3 months" },
		{ "1 month", 1, UNIT_MONTHS, "1 month" },
		{ "365 days", 365, UNIT_DAYS, "365 days" },
		{ "6 Weeks", 6, UNIT_WEEKS, "6 weeks" },
		{ " 2 weeks ", 2, UNIT_WEEKS, "2 weeks" },
		{ "2 week", 2, UNIT_WEEKS, "2 weeks" },
	};
	static const char *const invalid[] = {
		"", "10", "weeks", "0 weeks", "366 days", "1000 months",
		"10 fortnights", "-1 weeks", "10working days", "1.5 weeks",
		"10 working", "4 weeks later", "9999999 days", "four weeks",
	};
	struct interval iv;
	struct hdiag d;
	char buf[32];

	(void)state;
	for (size_t i = 0; i < NELEM(valid); i++) {
		hdiag_clear(&d);
		if (interval_parse(valid[i].text, &iv, "interval.cp-visit",
		    &d) != HERR_OK)
			fail_msg("\"%s\" refused: %s", valid[i].text, d.msg);
		assert_int_equal(iv.n, valid[i].n);
		assert_int_equal(iv.unit, valid[i].unit);
		assert_string_equal(interval_format(&iv, buf, sizeof(buf)),
		    valid[i].formatted);
		/* What format writes parses back to the same. */
		assert_int_equal(interval_parse(buf, &iv, "x", NULL), HERR_OK);
		assert_int_equal(iv.n, valid[i].n);
	}
	for (size_t i = 0; i < NELEM(invalid); i++) {
		hdiag_clear(&d);
		if (interval_parse(invalid[i], &iv, "interval.cin-review", &d) !=
		    HERR_INVALID)
			fail_msg("\"%s\" accepted", invalid[i]);
		assert_string_equal(d.field, "interval.cin-review");
		assert_true(strlen(d.msg) > 0);
	}
	assert_int_equal(interval_parse("0 weeks", &iv, "f", &d), HERR_INVALID);
	assert_non_null(strstr(d.msg, "between 1 and 365"));
	assert_int_equal(interval_parse(NULL, &iv, "f", NULL), HERR_INVALID);
}

static void
test_interval_add(void **state)
{
	static const struct {
		int n;
		enum interval_unit unit;
		const char *from, *to;
	} rows[] = {
		/* Good Friday and Easter Monday are skipped. */
		{ 10, UNIT_WORKING_DAYS, "2026-04-02", "2026-04-20" },
		{ 1, UNIT_WORKING_DAYS, "2026-04-02", "2026-04-07" },
		/* From a Saturday, working day 1 is the Monday. */
		{ 1, UNIT_WORKING_DAYS, "2026-03-14", "2026-03-16" },
		{ 28, UNIT_DAYS, "2026-04-02", "2026-04-30" },
		{ 4, UNIT_WEEKS, "2026-04-02", "2026-04-30" },
		{ 3, UNIT_MONTHS, "2026-11-30", "2027-02-28" },
		{ 1, UNIT_MONTHS, "2024-01-31", "2024-02-29" },
		{ 6, UNIT_MONTHS, "2027-08-31", "2028-02-29" },
		{ 12, UNIT_MONTHS, "2026-02-28", "2027-02-28" },
	};
	struct interval iv;
	hday out;

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		iv.n = rows[i].n;
		iv.unit = rows[i].unit;
		out = HDAY_NONE;
		assert_int_equal(interval_add(&iv, dt(rows[i].from), &out),
		    HERR_OK);
		assert_string_equal(fmt(out), rows[i].to);
	}
	/* Outside the calendar's years either end. */
	iv = (struct interval){ 1, UNIT_DAYS };
	assert_int_equal(interval_add(&iv, dt("1999-12-31"), &out),
	    HERR_RANGE);
	iv = (struct interval){ 2, UNIT_MONTHS };
	assert_int_equal(interval_add(&iv, dt("2099-12-01"), &out),
	    HERR_RANGE);
	iv = (struct interval){ 5, UNIT_WORKING_DAYS };
	assert_int_equal(interval_add(&iv, dt("2099-12-30"), &out),
	    HERR_RANGE);
	assert_int_equal(interval_add(&iv, HDAY_NONE, &out), HERR_RANGE);
	/* Not an interval at all. */
	iv = (struct interval){ 0, UNIT_DAYS };
	assert_int_equal(interval_add(&iv, dt("2026-01-01"), &out),
	    HERR_INVALID);
}

/* ---------------------------------------------------------------------
 * The referral decision and the assessment
 */

/* A referral on Thursday 2 April 2026, before Good Friday and Easter
 * Monday: the decision is due on Tuesday 7 April. */
static void
test_decision_over_easter(void **state)
{
	struct journey *j = child_journey();
	const struct due_item *it;
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-04-02", "", DECISION_NONE, "");
	compute(j, NULL, &r);
	assert_int_equal(r.n, 1);
	it = expect(&r, STEP_DECISION, 1, 1, "2026-04-02", "2026-04-07", "");
	assert_int_equal(due_item_status(it, dt("2026-04-02")), DUE_SOON);
	assert_int_equal(due_item_status(it, dt("2026-04-07")), DUE_SOON);
	assert_int_equal(due_item_status(it, dt("2026-04-08")), DUE_OVERDUE);
	/* Undecided, so no assessment is due yet. */
	assert_int_equal(count(&r, STEP_ASSESSMENT), 0);

	/* Decided to assess on the Tuesday: on time; the assessment is due
	 * 45 working days from the referral, Wednesday 10 June (early May
	 * and spring bank holidays skipped). */
	j->referrals[0].decision = DECISION_ASSESSMENT;
	j->referrals[0].decision_date = dt("2026-04-07");
	compute(j, NULL, &r);
	assert_int_equal(r.n, 2);
	it = expect(&r, STEP_DECISION, 1, 1, "2026-04-02", "2026-04-07",
	    "2026-04-07");
	assert_int_equal(it->done_id, 1);
	assert_int_equal(due_item_status(it, dt("2026-06-01")),
	    DUE_DONE_ON_TIME);
	assert_int_equal(due_item_days_late(it, dt("2026-06-01")), 0);
	it = expect(&r, STEP_ASSESSMENT, 1, 1, "2026-04-02", "2026-06-10", "");
	assert_int_equal(due_item_status(it, dt("2026-04-07")), DUE_LATER);
	/* 10 June is the 5th working day after 3 June. */
	assert_int_equal(due_item_status(it, dt("2026-06-02")), DUE_LATER);
	assert_int_equal(due_item_status(it, dt("2026-06-03")), DUE_SOON);

	/* Decided a day late, on the Wednesday. */
	j->referrals[0].decision_date = dt("2026-04-08");
	compute(j, NULL, &r);
	it = expect(&r, STEP_DECISION, 1, 1, "2026-04-02", "2026-04-07",
	    "2026-04-08");
	assert_int_equal(due_item_status(it, dt("2026-04-08")), DUE_DONE_LATE);
	assert_int_equal(due_item_days_late(it, dt("2026-12-01")), 1);
	journey_free(j);
}

/* Overdue from the day after it is due until it is done, and late by the
 * working days between. */
static void
test_overdue_until_done(void **state)
{
	struct journey *j = child_journey();
	const struct due_item *it;
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-04-02", "", DECISION_NONE, "");
	compute(j, NULL, &r);
	it = find(&r, STEP_DECISION, 1, 1);
	assert_non_null(it);
	assert_int_equal(due_item_days_late(it, dt("2026-04-07")), 0);
	assert_int_equal(due_item_status(it, dt("2026-04-08")), DUE_OVERDUE);
	assert_int_equal(due_item_days_late(it, dt("2026-04-08")), 1);
	/* 8-10 April and 13-17 April and Monday 20 April: 9 working days. */
	assert_int_equal(due_item_status(it, dt("2026-04-20")), DUE_OVERDUE);
	assert_int_equal(due_item_days_late(it, dt("2026-04-20")), 9);
	/* Months on, still overdue: nothing expires it. */
	assert_int_equal(due_item_status(it, dt("2026-09-01")), DUE_OVERDUE);
	assert_string_equal(due_status_code(due_item_status(it,
	    dt("2026-09-01"))), "overdue");
	/* A weekend after a Friday due date: overdue, no working day late
	 * yet.  Item due Friday 10 April. */
	{
		struct due_item fri = *it;

		fri.due = dt("2026-04-10");
		assert_int_equal(due_item_status(&fri, dt("2026-04-11")),
		    DUE_OVERDUE);
		assert_int_equal(due_item_days_late(&fri, dt("2026-04-12")),
		    0);
		assert_int_equal(due_item_days_late(&fri, dt("2026-04-13")),
		    1);
	}

	/* Done on 20 April: late by 9, whatever the day it is read. */
	j->referrals[0].decision = DECISION_ASSESSMENT;
	j->referrals[0].decision_date = dt("2026-04-20");
	compute(j, NULL, &r);
	it = find(&r, STEP_DECISION, 1, 1);
	assert_non_null(it);
	assert_int_equal(due_item_status(it, dt("2026-04-20")), DUE_DONE_LATE);
	assert_int_equal(due_item_status(it, dt("2027-01-01")), DUE_DONE_LATE);
	assert_int_equal(due_item_days_late(it, dt("2027-01-01")), 9);
	assert_string_equal(due_status_code(due_item_status(it,
	    dt("2027-01-01"))), "late");
	journey_free(j);
}

static void
test_assessments(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	/* A decision to hold a strategy discussion starts no assessment
	 * clock until one starts. */
	add_episode(j, 1, "2026-03-02", "", DECISION_STRATEGY, "2026-03-02");
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ASSESSMENT), 0);
	/* Once started, it runs from the referral: 45 working days from
	 * Monday 2 March is Thursday 7 May (Good Friday, Easter Monday and
	 * 4 May skipped). */
	add_assessment(j, 61, 1, "2026-03-05", "");
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ASSESSMENT), 1);
	expect(&r, STEP_ASSESSMENT, 1, 1, "2026-03-02", "2026-05-07", "");
	/* Authorised, and a second one in the same episode: that one runs
	 * from its own start. */
	j->assessments[0].authorised_date = dt("2026-05-07");
	j->assessments[0].outcome = ASSESS_CIN_PLAN;
	add_assessment(j, 62, 1, "2026-03-02", "");
	j->assessments[1].start_date = dt("2026-06-01");
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ASSESSMENT), 2);
	assert_int_equal(expect(&r, STEP_ASSESSMENT, 1, 1, "2026-03-02",
	    "2026-05-07", "2026-05-07")->done_id, 61);
	/* 1 June + 45 working days, no bank holiday between: 3 August. */
	expect(&r, STEP_ASSESSMENT, 1, 2, "2026-06-01", "2026-08-03", "");
	journey_free(j);
}

/* ---------------------------------------------------------------------
 * Initial conferences
 */

/* A strategy discussion on Friday 18 December 2026: Christmas Day, the
 * Boxing Day substitute on Monday 28 December and New Year's Day are not
 * working days.  Counting from Monday 21 December: 21, 22, 23, 24 (4),
 * 29, 30, 31 (7), 4-8 January (12), 11, 12, 13 (15): Wednesday 13 January
 * 2027. */
static void
test_icpc_over_christmas(void **state)
{
	struct journey *j = child_journey();
	const struct due_item *it;
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-12-17", "", DECISION_STRATEGY, "2026-12-17");
	add_strategy(j, 11, 1, "2026-12-18", true);
	add_s47(j, 21, 1, 11, "2026-12-18", S47_OPEN, "");
	compute(j, NULL, &r);
	/* The decision (due Friday 18th, made on the 17th) and the ICPC. */
	assert_int_equal(r.n, 2);
	expect(&r, STEP_DECISION, 1, 1, "2026-12-17", "2026-12-18",
	    "2026-12-17");
	it = expect(&r, STEP_ICPC, 21, 1, "2026-12-18", "2027-01-13", "");
	assert_int_equal(due_item_status(it, dt("2027-01-14")), DUE_OVERDUE);

	/* Held a day late, on Thursday 14 January. */
	j->s47s[0].outcome = S47_CONFERENCE;
	j->s47s[0].outcome_date = dt("2027-01-05");
	add_conference(j, 31, CONF_INITIAL, "2027-01-14", "", 21, 0,
	    CDEC_NO_PLAN);
	compute(j, NULL, &r);
	it = expect(&r, STEP_ICPC, 21, 1, "2026-12-18", "2027-01-13",
	    "2027-01-14");
	assert_int_equal(it->done_id, 31);
	assert_int_equal(due_item_status(it, dt("2027-02-01")), DUE_DONE_LATE);
	assert_int_equal(due_item_days_late(it, dt("2027-02-01")), 1);
	journey_free(j);
}

/*
 * Three discussions: the first decides against an s47, the second starts
 * it, the third reconvenes after it began.  The clock runs from the
 * second: 10 March + 15 working days = Tuesday 31 March.
 */
static void
test_icpc_from_the_right_strategy(void **state)
{
	struct journey *j = child_journey();
	const struct strategy *st;
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-03-02", "", DECISION_STRATEGY, "2026-03-02");
	add_strategy(j, 11, 1, "2026-03-03", false);
	add_strategy(j, 12, 1, "2026-03-10", true);
	add_strategy(j, 13, 1, "2026-03-17", true);
	add_s47(j, 21, 1, 12, "2026-03-10", S47_OPEN, "");
	st = journey_s47_strategy(j, &j->s47s[0]);
	assert_non_null(st);
	assert_int_equal(st->id, 12);
	compute(j, NULL, &r);
	expect(&r, STEP_ICPC, 21, 1, "2026-03-10", "2026-03-31", "");

	/* The same enquiry recorded without the link (strategy_id 0): the
	 * latest discussion on or before it began that decided on one. */
	j->s47s[0].strategy_id = 0;
	j->s47s[0].start_date = dt("2026-03-12");
	st = journey_s47_strategy(j, &j->s47s[0]);
	assert_non_null(st);
	assert_int_equal(st->id, 12);
	compute(j, NULL, &r);
	expect(&r, STEP_ICPC, 21, 1, "2026-03-10", "2026-03-31", "");

	/* The link wins over the dates: an enquiry named as begun at the
	 * third discussion runs from it.  17 March + 15, Easter skipped:
	 * 18-20 (3), 23-27 (8), 30 March-2 April (12), 7, 8, 9 (15). */
	j->s47s[0].strategy_id = 13;
	j->s47s[0].start_date = dt("2026-03-17");
	compute(j, NULL, &r);
	expect(&r, STEP_ICPC, 21, 1, "2026-03-17", "2026-04-09", "");
	journey_free(j);
}

/* No discussion that decided on an s47 before the enquiry began: the
 * clock falls back to the enquiry's start (4 March + 15 = 25 March). */
static void
test_icpc_without_strategy(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-03-02", "", DECISION_STRATEGY, "2026-03-02");
	add_strategy(j, 11, 1, "2026-03-03", false);
	add_strategy(j, 12, 1, "2026-03-10", true);	/* after it began */
	add_s47(j, 21, 1, 0, "2026-03-04", S47_OPEN, "");
	assert_null(journey_s47_strategy(j, &j->s47s[0]));
	compute(j, NULL, &r);
	expect(&r, STEP_ICPC, 21, 1, "2026-03-04", "2026-03-25", "");
	journey_free(j);
}

/* The ICPC is due only while the enquiry may lead to one. */
static void
test_icpc_outcomes(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-03-02", "", DECISION_STRATEGY, "2026-03-02");
	add_strategy(j, 12, 1, "2026-03-10", true);
	add_s47(j, 21, 1, 12, "2026-03-10", S47_NFA, "2026-03-20");
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ICPC), 0);
	j->s47s[0].outcome = S47_CIN_PLAN;
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ICPC), 0);
	j->s47s[0].outcome = S47_CONFERENCE;
	compute(j, NULL, &r);
	expect(&r, STEP_ICPC, 21, 1, "2026-03-10", "2026-03-31", "");
	/* An ICPC for the child on or after the enquiry began, recorded
	 * without the link to it, does it. */
	add_conference(j, 31, CONF_INITIAL, "2026-03-30", "", 0, 0,
	    CDEC_NO_PLAN);
	compute(j, NULL, &r);
	assert_int_equal(expect(&r, STEP_ICPC, 21, 1, "2026-03-10",
	    "2026-03-31", "2026-03-30")->done_id, 31);
	/* An open enquiry in an episode since closed is dropped. */
	j->n_conferences = 0;
	j->s47s[0].outcome = S47_OPEN;
	j->s47s[0].outcome_date = HDAY_NONE;
	j->episodes[0].closure_date = dt("2026-03-20");
	memcpy(j->episodes[0].closure_reason, "RC1", 4);
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_ICPC), 0);
	assert_int_equal(count_open(&r), 0);
	journey_free(j);
}

/* ---------------------------------------------------------------------
 * CP plans
 */

/* An ICPC on Monday 30 November 2026: the first review is due within 3
 * months, clamped to the end of February: Sunday 28 February 2027. */
static void
test_rcpc_month_end(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-11-02", "", DECISION_STRATEGY, "2026-11-02");
	add_plan(j, 41, 1, PLAN_CP, "2026-11-30", "", false);
	compute(j, NULL, &r);
	expect(&r, STEP_RCPC, 41, 1, "2026-11-30", "2027-02-28", "");
	/* First core group within 10 working days: Monday 14 December. */
	expect(&r, STEP_CORE_GROUP, 41, 1, "2026-11-30", "2026-12-14", "");
	expect(&r, STEP_VISIT, 41, 1, "2026-11-30", "2026-12-14", "");

	/* Reviewed on Friday 26 February: the next within 6 months of it;
	 * then on 31 August 2027: the next by 29 February 2028. */
	add_conference(j, 32, CONF_REVIEW, "2027-02-26", "", 0, 41,
	    CDEC_CONTINUE);
	add_conference(j, 33, CONF_REVIEW, "2027-08-31", "", 0, 41,
	    CDEC_CONTINUE);
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_RCPC), 3);
	assert_int_equal(expect(&r, STEP_RCPC, 41, 1, "2026-11-30",
	    "2027-02-28", "2027-02-26")->done_id, 32);
	assert_int_equal(expect(&r, STEP_RCPC, 41, 2, "2027-02-26",
	    "2027-08-26", "2027-08-31")->done_id, 33);
	expect(&r, STEP_RCPC, 41, 3, "2027-08-31", "2028-02-29", "");
	assert_int_equal(due_item_status(find(&r, STEP_RCPC, 41, 2),
	    dt("2028-01-01")), DUE_DONE_LATE);
	journey_free(j);
}

/* Visits under a CP plan every 10 working days from the start, each from
 * the last; seq counts within the plan. */
static void
test_seq_numbering(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-02-02", "", DECISION_STRATEGY, "2026-02-02");
	add_plan(j, 41, 1, PLAN_CP, "2026-03-02", "", false);
	/* Pushed out of date order on purpose. */
	add_event(j, 53, 41, EVENT_VISIT, "2026-04-01");
	add_event(j, 51, 41, EVENT_VISIT, "2026-03-06");
	add_event(j, 52, 41, EVENT_VISIT, "2026-03-20");
	add_event(j, 54, 41, EVENT_CORE_GROUP, "2026-03-13");
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_VISIT), 4);
	assert_int_equal(expect(&r, STEP_VISIT, 41, 1, "2026-03-02",
	    "2026-03-16", "2026-03-06")->done_id, 51);
	/* Done on the day it was due: on time. */
	assert_int_equal(due_item_status(expect(&r, STEP_VISIT, 41, 2,
	    "2026-03-06", "2026-03-20", "2026-03-20"), dt("2026-05-01")),
	    DUE_DONE_ON_TIME);
	/* 20 March + 10 skips Good Friday and Easter Monday: 7 April. */
	expect(&r, STEP_VISIT, 41, 3, "2026-03-20", "2026-04-07",
	    "2026-04-01");
	expect(&r, STEP_VISIT, 41, 4, "2026-04-01", "2026-04-17", "");
	/* Core groups: the first in 10 working days (16 March), then every
	 * 4 weeks from the last. */
	expect(&r, STEP_CORE_GROUP, 41, 1, "2026-03-02", "2026-03-16",
	    "2026-03-13");
	expect(&r, STEP_CORE_GROUP, 41, 2, "2026-03-13", "2026-04-10", "");

	/* A second plan (a CIN plan after this one) counts from 1 again. */
	j->plans[0].end_date = dt("2026-04-20");
	add_plan(j, 42, 1, PLAN_CIN, "2026-04-20", "", false);
	add_event(j, 55, 42, EVENT_VISIT, "2026-04-24");
	compute(j, NULL, &r);
	expect(&r, STEP_VISIT, 42, 1, "2026-04-20", "2026-05-18",
	    "2026-04-24");
	expect(&r, STEP_VISIT, 42, 2, "2026-04-24", "2026-05-22", "");
	assert_null(find(&r, STEP_VISIT, 42, 3));
	/* The ended plan keeps its three done visits, not the open one. */
	assert_non_null(find(&r, STEP_VISIT, 41, 3));
	assert_null(find(&r, STEP_VISIT, 41, 4));
	journey_free(j);
}

/* When a plan ends, what was done stays and what was open goes. */
static void
test_plan_end_drops_open_items(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2025-12-15", "", DECISION_STRATEGY, "2025-12-15");
	add_plan(j, 41, 1, PLAN_CP, "2026-01-12", "", false);
	add_event(j, 51, 41, EVENT_VISIT, "2026-01-20");
	add_event(j, 52, 41, EVENT_CORE_GROUP, "2026-01-23");
	compute(j, NULL, &r);
	expect(&r, STEP_VISIT, 41, 1, "2026-01-12", "2026-01-26",
	    "2026-01-20");
	expect(&r, STEP_VISIT, 41, 2, "2026-01-20", "2026-02-03", "");
	expect(&r, STEP_CORE_GROUP, 41, 1, "2026-01-12", "2026-01-26",
	    "2026-01-23");
	expect(&r, STEP_CORE_GROUP, 41, 2, "2026-01-23", "2026-02-20", "");
	expect(&r, STEP_RCPC, 41, 1, "2026-01-12", "2026-04-12", "");
	assert_int_equal(count_open(&r), 3);

	/* The child moves away on 2 February, before the next visit was
	 * done: nothing is left open, and the done items stay. */
	j->plans[0].end_date = dt("2026-02-02");
	j->plans[0].end_reason = PLANEND_MOVED_LA;
	compute(j, NULL, &r);
	assert_int_equal(count_open(&r), 0);
	assert_int_equal(count(&r, STEP_RCPC), 0);
	assert_int_equal(count(&r, STEP_VISIT), 1);
	assert_int_equal(count(&r, STEP_CORE_GROUP), 1);
	expect(&r, STEP_VISIT, 41, 1, "2026-01-12", "2026-01-26",
	    "2026-01-20");

	/* Likewise a referral never decided in an episode since closed. */
	add_episode(j, 2, "2026-03-02", "2026-03-09", DECISION_NONE, "");
	compute(j, NULL, &r);
	assert_null(find(&r, STEP_DECISION, 2, 1));
	journey_free(j);
}

/* A transfer-in conference within 15 working days of notice: 2 April +
 * 15 = Monday 27 April. */
static void
test_transfer_in(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-04-02", "", DECISION_STRATEGY, "2026-04-02");
	add_conference(j, 35, CONF_TRANSFER_IN, "2026-04-20", "2026-04-02", 0,
	    41, CDEC_PLAN);
	add_plan(j, 41, 1, PLAN_CP, "2026-04-20", "", false);
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_TRANSFER_IN), 1);
	assert_int_equal(due_item_status(expect(&r, STEP_TRANSFER_IN, 35, 1,
	    "2026-04-02", "2026-04-27", "2026-04-20"), dt("2026-05-01")),
	    DUE_DONE_ON_TIME);
	/* The plan it started has its first core group 10 working days on
	 * (Early May bank holiday skipped: 5 May). */
	expect(&r, STEP_CORE_GROUP, 41, 1, "2026-04-20", "2026-05-05", "");
	/* No notified date: no transfer-in clock. */
	j->conferences[0].notified_date = HDAY_NONE;
	compute(j, NULL, &r);
	assert_int_equal(count(&r, STEP_TRANSFER_IN), 0);
	journey_free(j);
}

/* ---------------------------------------------------------------------
 * CIN plans, local intervals and looked-after children
 */

static void
test_cin_plan_intervals(void **state)
{
	struct journey *j = child_journey();
	struct intervals iv;
	struct result r;

	(void)state;
	add_episode(j, 1, "2026-05-01", "", DECISION_ASSESSMENT, "2026-05-01");
	add_assessment(j, 61, 1, "2026-05-01", "2026-06-01");
	add_plan(j, 42, 1, PLAN_CIN, "2026-06-01", "", false);
	/* Defaults: visits 4-weekly, reviews 3-monthly. */
	compute(j, NULL, &r);
	expect(&r, STEP_VISIT, 42, 1, "2026-06-01", "2026-06-29", "");
	expect(&r, STEP_CIN_REVIEW, 42, 1, "2026-06-01", "2026-09-01", "");
	assert_int_equal(count(&r, STEP_CORE_GROUP), 0);
	assert_int_equal(count(&r, STEP_RCPC), 0);
	/* The authority's own: CIN visits fortnightly, reviews 6-weekly;
	 * the CP visit interval does not touch a CIN plan. */
	intervals_default(&iv);
	iv.cin_visit = (struct interval){ 2, UNIT_WEEKS };
	iv.cin_review = (struct interval){ 6, UNIT_WEEKS };
	iv.cp_visit = (struct interval){ 1, UNIT_DAYS };
	compute(j, &iv, &r);
	expect(&r, STEP_VISIT, 42, 1, "2026-06-01", "2026-06-15", "");
	expect(&r, STEP_CIN_REVIEW, 42, 1, "2026-06-01", "2026-07-13", "");
	/* And a CP plan's visits follow cp_visit. */
	j->plans[0].kind = PLAN_CP;
	compute(j, &iv, &r);
	expect(&r, STEP_VISIT, 42, 1, "2026-06-01", "2026-06-02", "");
	journey_free(j);
}

/* Reg 33: first review within 20 working days, the second within 3 months
 * of it, then 6-monthly.  Reg 28: a visit within a week, then 6-weekly. */
static void
test_lac_reviews_and_visits(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_plan(j, 71, 0, PLAN_LAC, "2026-01-05", "", false);
	compute(j, NULL, &r);
	assert_int_equal(r.n, 2);
	expect(&r, STEP_LAC_REVIEW, 71, 1, "2026-01-05", "2026-02-02", "");
	expect(&r, STEP_LAC_VISIT, 71, 1, "2026-01-05", "2026-01-12", "");

	add_event(j, 81, 71, EVENT_LAC_REVIEW, "2026-01-29");
	add_event(j, 82, 71, EVENT_LAC_REVIEW, "2026-04-20");
	add_event(j, 83, 71, EVENT_LAC_VISIT, "2026-01-09");
	compute(j, NULL, &r);
	expect(&r, STEP_LAC_REVIEW, 71, 1, "2026-01-05", "2026-02-02",
	    "2026-01-29");
	expect(&r, STEP_LAC_REVIEW, 71, 2, "2026-01-29", "2026-04-29",
	    "2026-04-20");
	expect(&r, STEP_LAC_REVIEW, 71, 3, "2026-04-20", "2026-10-20", "");
	expect(&r, STEP_LAC_VISIT, 71, 1, "2026-01-05", "2026-01-12",
	    "2026-01-09");
	expect(&r, STEP_LAC_VISIT, 71, 2, "2026-01-09", "2026-02-20", "");
	journey_free(j);
}

/* After the first year, a placement meant to last until 18 is visited at
 * least every 3 months; any other stays at 6 weeks. */
static void
test_lac_visits_after_first_year(void **state)
{
	struct journey *j = child_journey();
	struct result r;

	(void)state;
	add_plan(j, 71, 0, PLAN_LAC, "2025-01-06", "", true);
	add_event(j, 81, 71, EVENT_LAC_VISIT, "2025-01-10");
	add_event(j, 82, 71, EVENT_LAC_VISIT, "2025-12-30");
	add_event(j, 83, 71, EVENT_LAC_VISIT, "2026-01-09");
	compute(j, NULL, &r);
	expect(&r, STEP_LAC_VISIT, 71, 1, "2025-01-06", "2025-01-13",
	    "2025-01-10");
	/* Within the first year: 6 weeks, and this one was late. */
	assert_int_equal(due_item_status(expect(&r, STEP_LAC_VISIT, 71, 2,
	    "2025-01-10", "2025-02-21", "2025-12-30"), dt("2026-02-01")),
	    DUE_DONE_LATE);
	/* From a visit before the anniversary (6 January 2026): 6 weeks. */
	expect(&r, STEP_LAC_VISIT, 71, 3, "2025-12-30", "2026-02-10",
	    "2026-01-09");
	/* From one after it: 3 months. */
	expect(&r, STEP_LAC_VISIT, 71, 4, "2026-01-09", "2026-04-09", "");
	/* Not meant to last to 18: still 6 weeks. */
	j->plans[0].long_term = false;
	compute(j, NULL, &r);
	expect(&r, STEP_LAC_VISIT, 71, 4, "2026-01-09", "2026-02-20", "");
	/* Ended: the open visit and review go. */
	j->plans[0].end_date = dt("2026-01-20");
	compute(j, NULL, &r);
	assert_int_equal(count_open(&r), 0);
	journey_free(j);
}

/* ---------------------------------------------------------------------
 * The list as a whole
 */

static void
test_sorted_and_bounded(void **state)
{
	struct journey *j = child_journey();
	struct due_item small[3];
	struct intervals iv;
	struct result r;
	int n = -1;

	(void)state;
	add_episode(j, 1, "2026-03-02", "", DECISION_STRATEGY, "2026-03-02");
	add_assessment(j, 61, 1, "2026-03-03", "");
	add_strategy(j, 12, 1, "2026-03-10", true);
	add_s47(j, 21, 1, 12, "2026-03-10", S47_CONFERENCE, "2026-03-20");
	add_conference(j, 31, CONF_INITIAL, "2026-03-30", "", 21, 41,
	    CDEC_PLAN);
	add_plan(j, 41, 1, PLAN_CP, "2026-03-30", "", false);
	add_event(j, 51, 41, EVENT_VISIT, "2026-04-02");
	add_event(j, 52, 41, EVENT_CORE_GROUP, "2026-04-10");
	compute(j, NULL, &r);
	/* decision, assessment, icpc, 2 visits, 2 core groups, 1 review */
	assert_int_equal(r.n, 8);
	for (int i = 1; i < r.n; i++) {
		const struct due_item *a = &r.items[i - 1], *b = &r.items[i];

		assert_true(a->due <= b->due);
		/* Open after done on the same due date. */
		if (a->due == b->due)
			assert_false(a->done == HDAY_NONE &&
			    b->done != HDAY_NONE);
	}
	assert_int_equal(r.items[0].step, STEP_DECISION);

	/* Same due date, one done, one open: done first.  The ICPC (done
	 * 30 March) and an open visit series made due the same day. */
	intervals_default(&iv);
	j->n_events = 0;
	iv.cp_visit = (struct interval){ 1, UNIT_DAYS };
	j->plans[0].start_date = dt("2026-03-30");
	compute(j, &iv, &r);
	{
		int icpc = -1, visit = -1;

		for (int i = 0; i < r.n; i++) {
			if (r.items[i].step == STEP_ICPC)
				icpc = i;
			if (r.items[i].step == STEP_VISIT)
				visit = i;
		}
		assert_true(icpc >= 0 && visit >= 0);
		assert_int_equal(r.items[icpc].due, dt("2026-03-31"));
		assert_int_equal(r.items[visit].due, dt("2026-03-31"));
		assert_true(icpc < visit);
	}

	/* Too small a buffer is refused, not overrun. */
	intervals_default(&iv);
	assert_int_equal(timescale_compute(j, &iv, small, 3, &n),
	    HERR_INVALID);
	/* A date the calendar does not know. */
	journey_clear(j);
	j->child.id = CHILD;
	add_episode(j, 1, "1999-12-30", "", DECISION_NONE, "");
	assert_int_equal(timescale_compute(j, &iv, r.items, CAP, &n),
	    HERR_RANGE);
	/* An empty journey has nothing due. */
	journey_clear(j);
	assert_int_equal(timescale_compute(j, &iv, r.items, CAP, &n),
	    HERR_OK);
	assert_int_equal(n, 0);
	journey_free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_codes),
		cmocka_unit_test(test_intervals_default),
		cmocka_unit_test(test_interval_parse),
		cmocka_unit_test(test_interval_add),
		cmocka_unit_test(test_decision_over_easter),
		cmocka_unit_test(test_overdue_until_done),
		cmocka_unit_test(test_assessments),
		cmocka_unit_test(test_icpc_over_christmas),
		cmocka_unit_test(test_icpc_from_the_right_strategy),
		cmocka_unit_test(test_icpc_without_strategy),
		cmocka_unit_test(test_icpc_outcomes),
		cmocka_unit_test(test_rcpc_month_end),
		cmocka_unit_test(test_seq_numbering),
		cmocka_unit_test(test_plan_end_drops_open_items),
		cmocka_unit_test(test_transfer_in),
		cmocka_unit_test(test_cin_plan_intervals),
		cmocka_unit_test(test_lac_reviews_and_visits),
		cmocka_unit_test(test_lac_visits_after_first_year),
		cmocka_unit_test(test_sorted_and_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
