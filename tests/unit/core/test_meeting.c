/*
 * test_meeting.c: conferences as meetings (meeting.h): the code lists,
 * UK civil time at a conference's start, the share-by date counted in
 * working days, every meeting_check_* as a valid[] and an invalid[] table
 * (an invalid case names the field diag must blame and a phrase of its
 * message), the warnings a chair sees, distribution against 72 hours and
 * the summary of a loaded meeting.
 *
 * "Today" is fixed at Tuesday 30 June 2026.  The base meeting is an ICPC on
 * Tuesday 12 May 2026 at 10:00 (BST, so 09:00 UTC) about children 101
 * and 102.  The bank holidays used: Good Friday 3 April, Easter Monday
 * 6 April, spring 25 May, Christmas Day Friday 25 December and Boxing Day
 * (substitute day) Monday 28 December 2026.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "testutil.h"
#include "core/banned.h"

#define TODAY "2026-06-30"
#define DATE "2026-05-12"
#define HOUR 3600

/* unix seconds of y-m-d h:mi UTC */
static int64_t
utc(int y, int m, int d, int h, int mi)
{
	return (int64_t)ymd(y, m, d) * 86400 + h * HOUR + mi * 60;
}

static void
put(char *dst, size_t cap, const char *s)
{
	assert_true(strlen(s) < cap);
	memcpy(dst, s, strlen(s) + 1);
}

/* The base meeting: an ICPC on 12 May 2026 at 10:00 about 101 and 102. */
static struct meeting *
base(void)
{
	struct meeting *m = meeting_new();

	m->id = 7;
	m->version = 1;
	m->kind = CONF_INITIAL;
	m->status = MEETING_BOOKED;
	m->date = dt(DATE);
	m->minute = 10 * 60;
	put(m->place, sizeof(m->place), "Civic Centre, room 2");
	m->n_children = 2;
	m->children[0].child_id = 101;
	m->children[0].advocate_offered_on = HDAY_NONE;
	m->children[1].child_id = 102;
	m->children[1].advocate_offered_on = HDAY_NONE;
	return m;
}

struct expect {
	const char *what;
	const char *field;	/* NULL: valid */
	const char *msg;	/* a phrase of the message, or NULL */
};

/* One result against x; the same check with a NULL diag must agree. */
static void
judge(const struct expect *x, enum herr got, enum herr again,
    const struct hdiag *d)
{
	if (x->field == NULL) {
		if (got != HERR_OK)
			fail_msg("%s: refused: %s: %s", x->what, d->field,
			    d->msg);
		assert_string_equal(d->msg, "");
	} else {
		if (got != HERR_INVALID)
			fail_msg("%s: accepted (%d)", x->what, got);
		if (strcmp(d->field, x->field) != 0)
			fail_msg("%s: field \"%s\", expected \"%s\" (%s)",
			    x->what, d->field, x->field, d->msg);
		if (x->msg != NULL && strstr(d->msg, x->msg) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", x->what, d->msg,
			    x->msg);
	}
	assert_int_equal(again, got);
}

/* Runs table t through fn(meeting, case, diag) on a fresh base meeting. */
#define RUN_TABLE(t, fn)						\
	do {								\
		for (size_t i_ = 0; i_ < NELEM(t); i_++) {		\
			struct meeting *m_ = base();			\
			struct hdiag d_;				\
			enum herr a_, b_;				\
									\
			hdiag_clear(&d_);				\
			a_ = fn(m_, &(t)[i_], &d_);			\
			b_ = fn(m_, &(t)[i_], NULL);			\
			judge(&(t)[i_].x, a_, b_, &d_);			\
			meeting_free(m_);				\
		}							\
	} while (0)

/* ---------------------------------------------------------------------
 * Code lists: the codes are migration 6's CHECK lists, in enum order.
 */

static void
test_codes(void **state)
{
	static const char *const statuses[] = { "booked", "held",
		"cancelled" };
	static const char *const parts[] = { "not-recorded", "attended",
		"advocate", "written", "drawing", "recording", "app",
		"report-only", "none" };
	static const int groups[] = { 0, 1, 2, 2, 2, 2, 2, 3, 4 };
	static const char *const kinds[] = { "family", "network", "agency" };
	static const char *const atts[] = { "not-recorded", "attended",
		"apologies", "absent" };
	static const char *const docs[] = { "plan", "minutes" };
	static const char *const auds[] = { "family", "agencies" };
	static const char *const froms[] = { "parent", "child" };

	(void)state;
	assert_int_equal(NELEM(statuses), MEETING__COUNT);
	for (int i = 0; i < MEETING__COUNT; i++) {
		assert_string_equal(meeting_status_code(i), statuses[i]);
		assert_int_equal(meeting_status_parse(statuses[i]), i);
		assert_string_not_equal(meeting_status_label(i), "Unknown");
	}
	assert_int_equal(NELEM(parts), PART__COUNT);
	for (int i = 0; i < PART__COUNT; i++) {
		assert_string_equal(participation_code(i), parts[i]);
		assert_int_equal(participation_parse(parts[i]), i);
		assert_int_equal(participation_group(i), groups[i]);
		assert_string_not_equal(participation_label(i), "Unknown");
	}
	assert_int_equal(NELEM(kinds), INVITEE__COUNT);
	for (int i = 0; i < INVITEE__COUNT; i++) {
		assert_string_equal(invitee_kind_code(i), kinds[i]);
		assert_int_equal(invitee_kind_parse(kinds[i]), i);
		assert_string_not_equal(invitee_kind_label(i), "Unknown");
	}
	assert_int_equal(NELEM(atts), ATTEND__COUNT);
	for (int i = 0; i < ATTEND__COUNT; i++) {
		assert_string_equal(attendance_code(i), atts[i]);
		assert_int_equal(attendance_parse(atts[i]), i);
		assert_string_not_equal(attendance_label(i), "Unknown");
	}
	for (int i = 0; i < DOC__COUNT; i++) {
		assert_string_equal(doc_kind_code(i), docs[i]);
		assert_int_equal(doc_kind_parse(docs[i]), i);
		assert_string_not_equal(doc_kind_label(i), "Unknown");
	}
	for (int i = 0; i < AUD__COUNT; i++) {
		assert_string_equal(doc_audience_code(i), auds[i]);
		assert_int_equal(doc_audience_parse(auds[i]), i);
		assert_string_not_equal(doc_audience_label(i), "Unknown");
	}
	for (int i = 0; i < FEEDBACK__COUNT; i++) {
		assert_string_equal(feedback_from_code(i), froms[i]);
		assert_int_equal(feedback_from_parse(froms[i]), i);
	}
	/* Unknown values and codes. */
	assert_string_equal(meeting_status_code(99), "");
	assert_string_equal(meeting_status_label(-1), "Unknown");
	assert_string_equal(participation_code(PART__COUNT), "");
	assert_int_equal(participation_group(99), 0);
	assert_int_equal(participation_parse("Attended"), -1);
	assert_int_equal(participation_parse(""), -1);
	assert_int_equal(participation_parse(NULL), -1);
	assert_int_equal(attendance_parse("present"), -1);
	assert_int_equal(doc_kind_parse("letter"), -1);
	assert_int_equal(feedback_from_parse("carer"), -1);
	assert_string_equal(attendance_label(ATTEND__COUNT), "Unknown");
}

static void
test_feedback_words(void **state)
{
	(void)state;
	/* measures.md, "Parent feedback" */
	assert_string_equal(feedback_question(FEEDBACK_PARENT, 0),
	    "Professionals knew our family well enough");
	assert_string_equal(feedback_question(FEEDBACK_PARENT, 1),
	    "I felt fully involved");
	assert_string_equal(feedback_question(FEEDBACK_PARENT, 2),
	    "I was listened to and treated with respect");
	assert_string_equal(feedback_question(FEEDBACK_PARENT, 3),
	    "The conference made a positive difference");
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		const char *c = feedback_question(FEEDBACK_CHILD, q);

		assert_true(strlen(c) > 10);
		assert_string_not_equal(c, feedback_question(FEEDBACK_PARENT,
		    q));
		/* simpler words: no "conference", no "professionals" */
		assert_null(strstr(c, "onference"));
		assert_null(strstr(c, "rofessional"));
	}
	assert_string_equal(feedback_question(FEEDBACK_PARENT, 4), "");
	assert_string_equal(feedback_question(FEEDBACK_PARENT, -1), "");
	assert_string_equal(feedback_question(FEEDBACK__COUNT, 0), "");
	assert_string_equal(feedback_answer_label(0), "Not answered");
	assert_string_equal(feedback_answer_label(1), "Strongly disagree");
	assert_string_equal(feedback_answer_label(4), "Agree");
	assert_string_equal(feedback_answer_label(5), "Strongly agree");
	assert_string_equal(feedback_answer_label(6), "Unknown");
	assert_string_equal(feedback_answer_label(-1), "Unknown");
}

static void
test_lifecycle(void **state)
{
	struct meeting *m = meeting_new();

	(void)state;
	assert_int_equal(m->date, HDAY_NONE);
	assert_int_equal(m->notified_date, HDAY_NONE);
	assert_int_equal(m->n_children, 0);
	assert_int_equal(m->id, 0);
	m->n_invitees = 3;
	m->date = dt(DATE);
	meeting_clear(m);
	assert_int_equal(m->n_invitees, 0);
	assert_int_equal(m->date, HDAY_NONE);
	meeting_free(m);
	meeting_free(NULL);
}

/* ---------------------------------------------------------------------
 * Time
 */

static void
test_start_utc(void **state)
{
	static const struct {
		const char *day;
		int minute;
		int y, m, d, h, mi;	/* UTC */
	} t[] = {
		/* GMT in winter */
		{ "2026-01-15", 600, 2026, 1, 15, 10, 0 },
		{ "2026-03-27", 600, 2026, 3, 27, 10, 0 },
		{ "2026-03-28", 1439, 2026, 3, 28, 23, 59 },
		/* Sunday 29 March 2026: BST from 01:00 UTC */
		{ "2026-03-29", 30, 2026, 3, 29, 0, 30 },
		{ "2026-03-29", 150, 2026, 3, 29, 1, 30 },
		{ "2026-03-29", 600, 2026, 3, 29, 9, 0 },
		{ "2026-03-30", 600, 2026, 3, 30, 9, 0 },
		{ DATE, 600, 2026, 5, 12, 9, 0 },
		{ DATE, 0, 2026, 5, 11, 23, 0 },
		{ "2026-10-23", 600, 2026, 10, 23, 9, 0 },
		/* Sunday 25 October 2026: GMT again from 01:00 UTC; 01:30
		 * happens twice and is read as the first (BST) */
		{ "2026-10-25", 30, 2026, 10, 24, 23, 30 },
		{ "2026-10-25", 90, 2026, 10, 25, 0, 30 },
		{ "2026-10-25", 150, 2026, 10, 25, 2, 30 },
		{ "2026-10-25", 600, 2026, 10, 25, 10, 0 },
		{ "2026-10-26", 600, 2026, 10, 26, 10, 0 },
		{ "2026-12-29", 570, 2026, 12, 29, 9, 30 },
		/* 2027: last Sundays 28 March and 31 October */
		{ "2027-03-27", 600, 2027, 3, 27, 10, 0 },
		{ "2027-03-29", 600, 2027, 3, 29, 9, 0 },
		{ "2027-10-29", 600, 2027, 10, 29, 9, 0 },
		{ "2027-11-01", 600, 2027, 11, 1, 10, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(t); i++) {
		int64_t want = utc(t[i].y, t[i].m, t[i].d, t[i].h, t[i].mi);
		int64_t got = meeting_start_utc(dt(t[i].day), t[i].minute);

		if (got != want)
			fail_msg("%s %d: %lld, expected %lld", t[i].day,
			    t[i].minute, (long long)got, (long long)want);
	}
	assert_int_equal(meeting_start_utc(HDAY_NONE, 600), 0);
}

static void
test_share_by(void **state)
{
	static const struct {
		enum conference_kind kind;
		const char *date, *want;
	} t[] = {
		/* Tue 29 Dec 2026: Mon 28 (Boxing Day, substitute) and Fri 25
		 * (Christmas Day) are not working days; Thu 24 is 1, Wed 23
		 * is 2, Tue 22 is 3 */
		{ CONF_INITIAL, "2026-12-29", "2026-12-22" },
		{ CONF_TRANSFER_IN, "2026-12-29", "2026-12-22" },
		/* ... and Mon 21 is 4, Fri 18 is 5 */
		{ CONF_REVIEW, "2026-12-29", "2026-12-18" },
		/* Thu 9 Apr 2026: Wed 8, Tue 7, (Easter Monday, weekend, Good
		 * Friday), Thu 2 */
		{ CONF_INITIAL, "2026-04-09", "2026-04-02" },
		{ CONF_INITIAL, DATE, "2026-05-07" },
		{ CONF_REVIEW, DATE, "2026-05-05" },
		/* Mon 1 Jun 2026: Thu 28, Wed 27, Tue 26 May (spring bank
		 * holiday 25 May) */
		{ CONF_INITIAL, "2026-06-01", "2026-05-27" },
		{ CONF_REVIEW, "2026-06-01", "2026-05-22" },
	};
	hday out;

	(void)state;
	for (size_t i = 0; i < NELEM(t); i++) {
		assert_int_equal(meeting_share_by(t[i].kind, dt(t[i].date),
		    &out), HERR_OK);
		if (out != dt(t[i].want)) {
			char b[HDATE_LEN];

			fail_msg("%s %s: %s, expected %s",
			    conference_kind_code(t[i].kind), t[i].date,
			    hdate_format(out, b), t[i].want);
		}
	}
	assert_int_equal(meeting_share_by((enum conference_kind)9, dt(DATE),
	    &out), HERR_INVALID);
	assert_int_equal(out, HDAY_NONE);
	assert_int_equal(meeting_share_by(CONF_INITIAL, HDAY_NONE, &out),
	    HERR_INVALID);
	assert_int_equal(meeting_share_by(CONF_INITIAL, dt("2200-01-10"),
	    &out), HERR_RANGE);
}

/* ---------------------------------------------------------------------
 * Booking
 */

struct book_case {
	struct expect x;
	int kind;		/* -1: base's */
	const char *date;	/* NULL: base's; "": none */
	int minute;		/* -1: base's */
	const char *place;	/* NULL: base's */
	int children;		/* -1: base's two; else 0..17 numbered */
	int64_t first;		/* not 0: first child's id */
	const char *notified;	/* NULL: none */
};

static enum herr
run_booking(struct meeting *m, const struct book_case *k, struct hdiag *d)
{
	if (k->kind >= 0)
		m->kind = (enum conference_kind)k->kind;
	if (k->date != NULL)
		m->date = dt(k->date);
	if (k->minute >= 0)
		m->minute = k->minute;
	if (k->place != NULL)
		put(m->place, sizeof(m->place), k->place);
	if (k->children >= 0) {
		m->n_children = k->children;
		for (int i = 0; i < k->children && i < CONFERENCE_CHILDREN_MAX;
		    i++)
			m->children[i].child_id = 200 + i;
	}
	if (k->first != 0)
		m->children[0].child_id = k->first;
	m->notified_date = k->notified != NULL ? dt(k->notified) : HDAY_NONE;
	return meeting_check_booking(m, dt(TODAY), d);
}

static const struct book_case book_valid[] = {
	{ { "the base booking" }, -1, NULL, -1, NULL, -1 },
	{ { "in the past (recording one held)" }, -1, "2026-01-13", -1, NULL,
	    -1 },
	{ { "in the future" }, -1, "2026-07-07", -1, NULL, -1 },
	{ { "at 08:00" }, -1, NULL, 480, NULL, -1 },
	{ { "at 18:00" }, -1, NULL, 1080, NULL, -1 },
	{ { "one child" }, -1, NULL, -1, NULL, 1 },
	{ { "sixteen children" }, -1, NULL, -1, NULL, 16 },
	{ { "a review" }, CONF_REVIEW, NULL, -1, NULL, -1 },
	{ { "transfer-in told the same day" }, CONF_TRANSFER_IN, NULL, -1,
	    NULL, -1, 0, DATE },
	{ { "transfer-in told before" }, CONF_TRANSFER_IN, NULL, -1, NULL, -1,
	    0, "2026-05-01" },
	{ { "a day after Easter" }, -1, "2026-04-07", -1, NULL, -1 },
};

static const struct book_case book_invalid[] = {
	{ { "no kind", "kind", "kind of conference" }, 9, NULL, -1, NULL,
	    -1 },
	{ { "no date", "date", "missing" }, -1, "", -1, NULL, -1 },
	{ { "a Saturday", "date", "2026-05-16 is a Saturday" }, -1,
	    "2026-05-16", -1, NULL, -1 },
	{ { "a Sunday names 8875", "date", "8875" }, -1, "2026-05-17", -1,
	    NULL, -1 },
	{ { "spring bank holiday", "date", "bank holiday (Spring bank "
	    "holiday)" }, -1, "2026-05-25", -1, NULL, -1 },
	{ { "Christmas Day", "date", "(Christmas Day)" }, -1, "2026-12-25", -1,
	    NULL, -1 },
	{ { "Boxing Day's substitute", "date", "Boxing Day (substitute day)" },
	    -1, "2026-12-28", -1, NULL, -1 },
	{ { "Good Friday", "date", "Good Friday" }, -1, "2026-04-03", -1,
	    NULL, -1 },
	{ { "before 08:00", "minute", "07:59" }, -1, NULL, 479, NULL, -1 },
	{ { "after 18:00", "minute", "18:01" }, -1, NULL, 1081, NULL, -1 },
	{ { "not a time", "minute" }, -1, NULL, 5000, NULL, -1 },
	{ { "no place", "place", "missing" }, -1, NULL, -1, "", -1 },
	{ { "place with a space", "place", "starts or ends" }, -1, NULL, -1,
	    " Room 1", -1 },
	{ { "no children", "children", "1 to 16" }, -1, NULL, -1, NULL, 0 },
	{ { "seventeen children", "children", "1 to 16" }, -1, NULL, -1, NULL,
	    17 },
	{ { "the same child twice", "children", "twice" }, -1, NULL, -1,
	    NULL, -1, 102 },
	{ { "a child with no id", "children" }, -1, NULL, -1, NULL, -1, -5 },
	{ { "transfer-in not told", "notified_date", "Give the date" },
	    CONF_TRANSFER_IN, NULL, -1, NULL, -1 },
	{ { "told after the conference", "notified_date", "2026-05-13 is "
	    "after the conference date 2026-05-12" }, CONF_TRANSFER_IN, NULL,
	    -1, NULL, -1, 0, "2026-05-13" },
	{ { "told in the future", "notified_date", "in the future" },
	    CONF_TRANSFER_IN, "2026-07-07", -1, NULL, -1, 0, "2026-07-01" },
};

static void
test_booking(void **state)
{
	(void)state;
	RUN_TABLE(book_valid, run_booking);
	RUN_TABLE(book_invalid, run_booking);
}

/* ---------------------------------------------------------------------
 * Invitees
 */

struct inv_case {
	struct expect x;
	int kind;
	const char *name, *agency;
	const char *invited;
	const char *date;	/* NULL: the base meeting's */
	int full;		/* the meeting already has the most */
	int64_t id;
};

static enum herr
run_invitee(struct meeting *m, const struct inv_case *k, struct hdiag *d)
{
	struct invitee i;

	memset(&i, 0, sizeof(i));
	i.id = k->id;
	i.kind = (enum invitee_kind)k->kind;
	put(i.name, sizeof(i.name), k->name);
	put(i.agency, sizeof(i.agency), k->agency);
	i.invited_on = dt(k->invited);
	if (k->date != NULL)
		m->date = dt(k->date);
	if (k->full)
		m->n_invitees = MEETING_INVITEES_MAX;
	return meeting_check_invitee(m, &i, dt(TODAY), d);
}

static const struct inv_case inv_valid[] = {
	{ { "a parent" }, INVITEE_FAMILY, "Amy Okafor", "", "2026-05-01" },
	{ { "a parent, no agency needed" }, INVITEE_NETWORK, "Gran", "",
	    "2026-05-01" },
	{ { "a health visitor" }, INVITEE_AGENCY, "Jo Bell",
	    "Health visiting", "2026-05-01" },
	{ { "invited on the day" }, INVITEE_AGENCY, "PC Lee", "Police", DATE },
	{ { "invited today for next week" }, INVITEE_FAMILY, "Amy", "", TODAY,
	    "2026-07-07" },
	{ { "an existing invitee when full" }, INVITEE_FAMILY, "Amy", "",
	    "2026-05-01", NULL, 1, 3 },
};

static const struct inv_case inv_invalid[] = {
	{ { "no kind", "kind" }, 7, "Amy", "", "2026-05-01" },
	{ { "no name", "name", "missing" }, INVITEE_FAMILY, "", "",
	    "2026-05-01" },
	{ { "agency without its name", "agency", "missing" }, INVITEE_AGENCY,
	    "Jo Bell", "", "2026-05-01" },
	{ { "no invitation date", "invited_on", "missing" }, INVITEE_FAMILY,
	    "Amy", "", "" },
	{ { "invited after the conference", "invited_on", "2026-05-13 is "
	    "after the conference on 2026-05-12" }, INVITEE_FAMILY, "Amy", "",
	    "2026-05-13" },
	{ { "invited in the future", "invited_on", "in the future" },
	    INVITEE_FAMILY, "Amy", "", "2026-07-01", "2026-07-07" },
	{ { "the list is full", "invitees", "40" }, INVITEE_FAMILY, "Amy", "",
	    "2026-05-01", NULL, 1 },
};

static void
test_invitee(void **state)
{
	(void)state;
	RUN_TABLE(inv_valid, run_invitee);
	RUN_TABLE(inv_invalid, run_invitee);
}

/* ---------------------------------------------------------------------
 * Agency reports.  Invitees: 1 the mother, 2 health visiting, 3 police
 * (who already sent report 9).
 */

static void
with_invitees(struct meeting *m)
{
	static const struct {
		enum invitee_kind kind;
		const char *name, *agency;
	} t[] = {
		{ INVITEE_FAMILY, "Amy Okafor", "" },
		{ INVITEE_AGENCY, "Jo Bell", "Health visiting" },
		{ INVITEE_AGENCY, "PC Lee", "Police" },
	};

	for (size_t i = 0; i < NELEM(t); i++) {
		struct invitee *v = &m->invitees[m->n_invitees++];

		memset(v, 0, sizeof(*v));
		v->id = (int64_t)i + 1;
		v->kind = t[i].kind;
		put(v->name, sizeof(v->name), t[i].name);
		put(v->agency, sizeof(v->agency), t[i].agency);
		v->invited_on = dt("2026-04-28");
		v->report_expected = t[i].kind == INVITEE_AGENCY;
	}
	m->reports[0].id = 9;
	m->reports[0].version = 1;
	m->reports[0].invitee_id = 3;
	put(m->reports[0].text, sizeof(m->reports[0].text), "Two call-outs.");
	m->reports[0].shared_on = HDAY_NONE;
	m->n_reports = 1;
}

struct rep_case {
	struct expect x;
	int64_t id, invitee;
	const char *text;
	const char *shared;
	enum meeting_status status;
};

static enum herr
run_report(struct meeting *m, const struct rep_case *k, struct hdiag *d)
{
	struct agency_report r;

	with_invitees(m);
	m->status = k->status;
	memset(&r, 0, sizeof(r));
	r.id = k->id;
	r.invitee_id = k->invitee;
	put(r.text, sizeof(r.text), k->text);
	r.shared_on = dt(k->shared);
	return meeting_check_report(m, &r, dt(TODAY), d);
}

static const struct rep_case rep_valid[] = {
	{ { "health visiting's first report" }, 0, 2, "Seen at home.\nWell.",
	    "" },
	{ { "police change theirs" }, 9, 3, "Three call-outs.", "" },
	{ { "shared today" }, 0, 2, "Seen at home.", TODAY },
};

static const struct rep_case rep_invalid[] = {
	{ { "from the mother", "invitee_id", "agencies invited" }, 0, 1,
	    "My view.", "" },
	{ { "from no invitee", "invitee_id" }, 0, 99, "Report.", "" },
	{ { "a second from the police", "invitee_id", "Police has already" },
	    0, 3, "Another.", "" },
	{ { "no text", "text", "missing" }, 0, 2, "", "" },
	{ { "after the conference", "text", "over" }, 0, 2, "Late.", "",
	    MEETING_HELD },
	{ { "cancelled", "text", "cancelled" }, 0, 2, "Late.", "",
	    MEETING_CANCELLED },
	{ { "shared in the future", "shared_on", "2026-07-01" }, 0, 2,
	    "Report.", "2026-07-01" },
};

static void
test_report(void **state)
{
	(void)state;
	RUN_TABLE(rep_valid, run_report);
	RUN_TABLE(rep_invalid, run_report);
}

/* ---------------------------------------------------------------------
 * Participation (the conference is on 12 May 2026)
 */

struct part_case {
	struct expect x;
	int64_t child;
	int part;
	const char *note;
	const char *offered;	/* "" none */
	bool flag;		/* advocate_offered set */
	bool accepted;
	const char *dob;	/* "" unknown */
};

static enum herr
run_participation(struct meeting *m, const struct part_case *k,
    struct hdiag *d)
{
	struct meeting_child c;

	memset(&c, 0, sizeof(c));
	c.child_id = k->child;
	c.part = (enum participation)k->part;
	put(c.part_note, sizeof(c.part_note), k->note);
	c.advocate_offered_on = dt(k->offered);
	c.advocate_offered = k->flag || c.advocate_offered_on != HDAY_NONE;
	c.advocate_accepted = k->accepted;
	return meeting_check_participation(m, &c, dt(k->dob), d);
}

static const struct part_case part_valid[] = {
	{ { "eight, nothing yet" }, 101, PART_NOT_RECORDED, "", "", false,
	    false, "2018-01-01" },
	{ { "nine the day before their birthday" }, 101, PART_ATTENDED, "",
	    "", false, false, "2016-05-13" },
	{ { "tenth birthday on the day, offered" }, 101, PART_ADVOCATE, "",
	    "2026-05-01", true, true, "2016-05-12" },
	{ { "twelve, offered on the day, declined" }, 102, PART_WRITTEN,
	    "A letter to the chair", DATE, true, false, "2014-02-02" },
	{ { "no view, with the reason" }, 102, PART_NONE, "Too young to "
	    "share a view", "", false, false, "2025-01-01" },
	{ { "date of birth unknown" }, 101, PART_REPORT_ONLY, "", "", false,
	    false, "" },
};

static const struct part_case part_invalid[] = {
	{ { "tenth birthday on the day, no offer", "advocate_offered_on",
	    "is 10 on the conference date 2026-05-12" }, 101, PART_ATTENDED,
	    "", "", false, false, "2016-05-12" },
	{ { "fifteen, no offer", "advocate_offered_on", "independent "
	    "advocate" }, 102, PART_REPORT_ONLY, "", "", false, false,
	    "2011-01-01" },
	{ { "no view and no reason", "part_note", "why" }, 101, PART_NONE, "",
	    "", false, false, "2020-01-01" },
	{ { "accepted, never offered", "advocate_offered_on", "accepted" },
	    101, PART_ADVOCATE, "", "", false, true, "2020-01-01" },
	{ { "offered, no date", "advocate_offered_on", "Give the date" }, 101,
	    PART_ADVOCATE, "", "", true, false, "2020-01-01" },
	{ { "offered after the conference", "advocate_offered_on",
	    "2026-05-13" }, 101, PART_ADVOCATE, "", "2026-05-13", true, false,
	    "2012-01-01" },
	{ { "not a child of the conference", "child_id" }, 103,
	    PART_ATTENDED, "", "", false, false, "2020-01-01" },
	{ { "not a way of taking part", "part" }, 101, 42, "", "", false,
	    false, "2020-01-01" },
};

static void
test_participation(void **state)
{
	(void)state;
	RUN_TABLE(part_valid, run_participation);
	RUN_TABLE(part_invalid, run_participation);
}

/* ---------------------------------------------------------------------
 * Views on the threshold
 */

struct view_case {
	struct expect x;
	int64_t child;
	const char *name, *reason;
	bool full;
};

static enum herr
run_view(struct meeting *m, const struct view_case *k, struct hdiag *d)
{
	struct threshold_view v;

	memset(&v, 0, sizeof(v));
	v.child_id = k->child;
	put(v.name, sizeof(v.name), k->name);
	put(v.agency, sizeof(v.agency), "Police");
	v.met = true;
	put(v.reason, sizeof(v.reason), k->reason);
	if (k->full)
		m->n_views = MEETING_VIEWS_MAX;
	return meeting_check_view(m, &v, d);
}

static const struct view_case view_valid[] = {
	{ { "PC Lee on Ava" }, 101, "PC Lee", "Three call-outs\nin a month" },
	{ { "on the second child" }, 102, "PC Lee", "The same." },
};

static const struct view_case view_invalid[] = {
	{ { "another child", "child_id" }, 103, "PC Lee", "Because." },
	{ { "no name", "name", "missing" }, 101, "", "Because." },
	{ { "no reason", "reason", "missing" }, 101, "PC Lee", "" },
	{ { "too many views", "views", "60" }, 101, "PC Lee", "Because.",
	    true },
};

static void
test_view(void **state)
{
	(void)state;
	RUN_TABLE(view_valid, run_view);
	RUN_TABLE(view_invalid, run_view);
}

/* ---------------------------------------------------------------------
 * The plan: two outcomes (the second without the family's words), one
 * action, a contingency, when the child is seen, a core group of two.
 */

enum plan_change {
	P_NONE, P_NO_OUTCOMES, P_OUTCOME_EMPTY, P_BY_BEFORE, P_BY_NONE,
	P_BAD_OUTCOME, P_NO_WHO, P_NO_WHAT, P_NO_CONTINGENCY, P_NO_SEEN,
	P_NO_CORE, P_CORE_NO_NAME, P_CORE_NO_AGENCY, P_TOWARDS_NONE,
	P_NO_ACTIONS, P_BY_ON_DAY, P_CORE_ROLE_ONLY, P_FAMILY_WORDS,
};

struct plan_case {
	struct expect x;
	enum plan_change change;
};

static void
with_plan(struct meeting *m)
{
	put(m->outcomes[0].agency, sizeof(m->outcomes[0].agency), "Ava is "
	    "safe from harm at home");
	put(m->outcomes[0].family, sizeof(m->outcomes[0].family), "No more "
	    "shouting at home");
	put(m->outcomes[1].agency, sizeof(m->outcomes[1].agency), "Ava "
	    "attends school every day");
	m->n_outcomes = 2;
	m->actions[0].outcome = 1;
	put(m->actions[0].who, sizeof(m->actions[0].who), "Sam One");
	put(m->actions[0].what, sizeof(m->actions[0].what), "Visit weekly");
	m->actions[0].by = dt("2026-06-01");
	m->n_actions = 1;
	put(m->contingency, sizeof(m->contingency), "If the plan is not "
	    "followed a legal planning meeting is held");
	put(m->child_seen, sizeof(m->child_seen), "Weekly at home, alone");
	put(m->core[0].name, sizeof(m->core[0].name), "Sam One");
	put(m->core[0].agency, sizeof(m->core[0].agency), "Children's "
	    "services");
	put(m->core[1].name, sizeof(m->core[1].name), "Amy Okafor");
	put(m->core[1].role, sizeof(m->core[1].role), "Mother");
	m->n_core = 2;
}

static enum herr
run_plan(struct meeting *m, const struct plan_case *k, struct hdiag *d)
{
	struct sos_warnings w;
	enum herr e;

	with_plan(m);
	switch (k->change) {
	case P_NO_OUTCOMES: m->n_outcomes = 0; break;
	case P_OUTCOME_EMPTY: m->outcomes[1].agency[0] = '\0'; break;
	case P_BY_BEFORE: m->actions[0].by = dt("2026-05-11"); break;
	case P_BY_NONE: m->actions[0].by = HDAY_NONE; break;
	case P_BAD_OUTCOME: m->actions[0].outcome = 3; break;
	case P_NO_WHO: m->actions[0].who[0] = '\0'; break;
	case P_NO_WHAT: m->actions[0].what[0] = '\0'; break;
	case P_NO_CONTINGENCY: m->contingency[0] = '\0'; break;
	case P_NO_SEEN: m->child_seen[0] = '\0'; break;
	case P_NO_CORE: m->n_core = 0; break;
	case P_CORE_NO_NAME: m->core[1].name[0] = '\0'; break;
	case P_CORE_NO_AGENCY: m->core[0].agency[0] = '\0'; break;
	case P_TOWARDS_NONE: m->actions[0].outcome = 0; break;
	case P_NO_ACTIONS: m->n_actions = 0; break;
	case P_BY_ON_DAY: m->actions[0].by = dt(DATE); break;
	case P_CORE_ROLE_ONLY: m->core[0].agency[0] = '\0';
		put(m->core[0].role, sizeof(m->core[0].role), "Social worker");
		break;
	case P_FAMILY_WORDS: put(m->outcomes[1].family,
		sizeof(m->outcomes[1].family), "Ava goes to school");
		break;
	default: break;
	}
	e = meeting_check_plan(m, &w, d);
	if (e == HERR_OK) {
		/* the second outcome has no words from the family */
		if (k->change == P_FAMILY_WORDS) {
			assert_int_equal(w.n, 0);
		} else {
			assert_int_equal(w.n, 1);
			assert_string_equal(w.w[0].field, "outcomes[1].family");
			assert_non_null(strstr(w.w[0].msg, "Outcome 2"));
		}
	}
	return e;
}

static const struct plan_case plan_valid[] = {
	{ { "the base plan" }, P_NONE },
	{ { "an action towards no outcome" }, P_TOWARDS_NONE },
	{ { "no actions" }, P_NO_ACTIONS },
	{ { "an action due on the day" }, P_BY_ON_DAY },
	{ { "a member with a role only" }, P_CORE_ROLE_ONLY },
	{ { "every outcome in the family's words" }, P_FAMILY_WORDS },
};

static const struct plan_case plan_invalid[] = {
	{ { "no outcomes", "outcomes", "outcomes" }, P_NO_OUTCOMES },
	{ { "an empty outcome", "outcomes[1].agency", "missing" },
	    P_OUTCOME_EMPTY },
	{ { "action due before the conference", "actions[0].by", "Action 1 "
	    "is due by 2026-05-11, before the conference on 2026-05-12" },
	    P_BY_BEFORE },
	{ { "action with no date", "actions[0].by", "needs a date" },
	    P_BY_NONE },
	{ { "action towards no such outcome", "actions[0].outcome",
	    "outcome 3" }, P_BAD_OUTCOME },
	{ { "action by no one", "actions[0].who", "missing" }, P_NO_WHO },
	{ { "action doing nothing", "actions[0].what", "missing" },
	    P_NO_WHAT },
	{ { "no contingency", "contingency", "contingency" },
	    P_NO_CONTINGENCY },
	{ { "not said when seen", "child_seen", "seen" }, P_NO_SEEN },
	{ { "no core group", "core", "core group" }, P_NO_CORE },
	{ { "a member with no name", "core[1].name", "missing" },
	    P_CORE_NO_NAME },
	{ { "a member with no agency or role", "core[0].agency", "agency or "
	    "role of Sam One" }, P_CORE_NO_AGENCY },
};

static void
test_plan(void **state)
{
	(void)state;
	RUN_TABLE(plan_valid, run_plan);
	RUN_TABLE(plan_invalid, run_plan);
}

/* ---------------------------------------------------------------------
 * Documents sent.  The conference started at 09:00 UTC on 12 May 2026;
 * the plan is saved, the minutes are not.  Now is ten days later.
 */

struct send_case {
	struct expect x;
	int doc, audience;
	const char *method;
	int64_t after;		/* seconds after the start */
	enum meeting_status status;
	bool full;
};

static enum herr
run_send(struct meeting *m, const struct send_case *k, struct hdiag *d)
{
	int64_t start = utc(2026, 5, 12, 9, 0);
	struct meeting_send s;

	m->status = k->status;
	m->plan_saved_at = start + HOUR;
	if (k->full)
		m->n_sends = MEETING_SENDS_MAX;
	memset(&s, 0, sizeof(s));
	s.doc = (enum doc_kind)k->doc;
	s.audience = (enum doc_audience)k->audience;
	put(s.method, sizeof(s.method), k->method);
	s.sent_at = start + k->after;
	return meeting_check_send(m, &s, start + 10 * 24 * HOUR, d);
}

static const struct send_case send_valid[] = {
	{ { "the plan to the family" }, DOC_PLAN, AUD_FAMILY, "By hand", HOUR,
	    MEETING_HELD },
	{ { "the plan to the agencies, at the start" }, DOC_PLAN,
	    AUD_AGENCIES, "Email", 0, MEETING_HELD },
	{ { "the plan, now" }, DOC_PLAN, AUD_FAMILY, "Post",
	    10 * 24 * HOUR, MEETING_HELD },
};

static const struct send_case send_invalid[] = {
	{ { "minutes not saved", "doc", "Save the minutes" }, DOC_MINUTES,
	    AUD_FAMILY, "Email", HOUR, MEETING_HELD },
	{ { "not held", "doc", "not been held" }, DOC_PLAN, AUD_FAMILY,
	    "Email", HOUR, MEETING_BOOKED },
	{ { "cancelled", "doc", "cancelled" }, DOC_PLAN, AUD_FAMILY, "Email",
	    HOUR, MEETING_CANCELLED },
	{ { "not a document", "doc" }, 5, AUD_FAMILY, "Email", HOUR,
	    MEETING_HELD },
	{ { "to no one", "audience" }, DOC_PLAN, 5, "Email", HOUR,
	    MEETING_HELD },
	{ { "no method", "method", "missing" }, DOC_PLAN, AUD_FAMILY, "",
	    HOUR, MEETING_HELD },
	{ { "before it started", "sent_at", "before the conference" },
	    DOC_PLAN, AUD_FAMILY, "Email", -60, MEETING_HELD },
	{ { "in the future", "sent_at", "future" }, DOC_PLAN, AUD_FAMILY,
	    "Email", 10 * 24 * HOUR + 1, MEETING_HELD },
	{ { "too many", "sends", "16" }, DOC_PLAN, AUD_FAMILY, "Email", HOUR,
	    MEETING_HELD, true },
};

static void
test_send(void **state)
{
	(void)state;
	RUN_TABLE(send_valid, run_send);
	RUN_TABLE(send_invalid, run_send);
}

/* ---------------------------------------------------------------------
 * Feedback
 */

struct fb_case {
	struct expect x;
	int from;
	int a[FEEDBACK_QUESTIONS];
	const char *given;
	bool full;
};

static enum herr
run_feedback(struct meeting *m, const struct fb_case *k, struct hdiag *d)
{
	struct feedback f;

	m->status = MEETING_HELD;
	if (k->full)
		m->n_feedback = MEETING_FEEDBACK_MAX;
	memset(&f, 0, sizeof(f));
	f.from = (enum feedback_from)k->from;
	memcpy(f.answers, k->a, sizeof(f.answers));
	f.given_on = dt(k->given);
	return meeting_check_feedback(m, &f, dt(TODAY), d);
}

static const struct fb_case fb_valid[] = {
	{ { "a parent on the day" }, FEEDBACK_PARENT, { 4, 5, 0, 3 }, DATE },
	{ { "a child today" }, FEEDBACK_CHILD, { 0, 0, 0, 1 }, TODAY },
};

static const struct fb_case fb_invalid[] = {
	{ { "nothing answered", "answers", "at least one" }, FEEDBACK_PARENT,
	    { 0, 0, 0, 0 }, DATE },
	{ { "an answer of 6", "answers", "question 2 is 6" },
	    FEEDBACK_PARENT, { 4, 6, 0, 0 }, DATE },
	{ { "a negative answer", "answers" }, FEEDBACK_CHILD, { -1, 0, 0, 0 },
	    DATE },
	{ { "before the conference", "given_on", "2026-05-11 is before the "
	    "conference on 2026-05-12" }, FEEDBACK_PARENT, { 4, 0, 0, 0 },
	    "2026-05-11" },
	{ { "in the future", "given_on", "future" }, FEEDBACK_PARENT,
	    { 4, 0, 0, 0 }, "2026-07-01" },
	{ { "no date", "given_on", "missing" }, FEEDBACK_PARENT,
	    { 4, 0, 0, 0 }, "" },
	{ { "from no one", "from" }, 7, { 4, 0, 0, 0 }, DATE },
	{ { "too many forms", "feedback", "24" }, FEEDBACK_PARENT,
	    { 4, 0, 0, 0 }, DATE, true },
};

static void
test_feedback(void **state)
{
	(void)state;
	RUN_TABLE(fb_valid, run_feedback);
	RUN_TABLE(fb_invalid, run_feedback);
}

/* ---------------------------------------------------------------------
 * Warnings.  An ICPC on Tuesday 29 December 2026 (share by 22 December)
 * with five agencies: Police expected, no report; Health visiting report
 * not shared; School shared on the 23rd (late); Housing shared on the
 * 21st (in time); Probation not asked for a report.  No family invited.
 * Three children: 12, 6, and 11 with an advocate offered.
 */

static struct meeting *
december(void)
{
	static const struct {
		const char *name, *agency;
		bool expected;
		const char *shared;	/* NULL: no report */
	} t[] = {
		{ "PC Lee", "Police", true, NULL },
		{ "Jo Bell", "Health visiting", true, "" },
		{ "Ms Khan", "School", true, "2026-12-23" },
		{ "Tom Ray", "Housing", true, "2026-12-21" },
		{ "Di Moss", "Probation", false, NULL },
	};
	struct meeting *m = base();

	m->date = dt("2026-12-29");
	m->n_children = 3;
	m->children[2].child_id = 103;
	m->children[2].advocate_offered = true;
	m->children[2].advocate_offered_on = dt("2026-12-01");
	for (size_t i = 0; i < NELEM(t); i++) {
		struct invitee *v = &m->invitees[m->n_invitees++];

		v->id = 10 + (int64_t)i;
		v->kind = INVITEE_AGENCY;
		put(v->name, sizeof(v->name), t[i].name);
		put(v->agency, sizeof(v->agency), t[i].agency);
		v->invited_on = dt("2026-12-10");
		v->report_expected = t[i].expected;
		if (t[i].shared != NULL) {
			struct agency_report *r = &m->reports[m->n_reports++];

			r->id = 20 + (int64_t)i;
			r->invitee_id = v->id;
			put(r->text, sizeof(r->text), "Report.");
			r->shared_on = dt(t[i].shared);
		}
	}
	return m;
}

static void
test_warnings(void **state)
{
	hday dobs[3] = { dt("2014-06-01"), dt("2020-06-01"),
		dt("2015-01-01") };
	struct meeting *m = december();
	struct sos_warnings w;

	(void)state;
	w.n = 99;
	meeting_warnings(m, dobs, dt("2026-12-21"), &w);
	assert_int_equal(w.n, 5);
	assert_string_equal(w.w[0].field, "invitees[0]");
	assert_string_equal(w.w[0].msg, "No report yet from Police (PC Lee): "
	    "it should be shared with the family by 2026-12-22");
	assert_string_equal(w.w[1].field, "invitees[1]");
	assert_string_equal(w.w[1].msg, "The report from Health visiting is "
	    "not yet shared with the family: it should be by 2026-12-22");
	assert_string_equal(w.w[2].field, "invitees[2]");
	assert_string_equal(w.w[2].msg, "The report from School was shared "
	    "with the family on 2026-12-23, after 2026-12-22 (3 working days "
	    "before the conference on 2026-12-29)");
	assert_string_equal(w.w[3].field, "children[0].advocate_offered_on");
	assert_string_equal(w.w[3].msg, "The child born 2014-06-01 is 12 on "
	    "the conference date 2026-12-29 and no offer of an independent "
	    "advocate is recorded");
	assert_string_equal(w.w[4].field, "invitees");
	assert_non_null(strstr(w.w[4].msg, "No family member is invited"));

	/* After the share-by date the words say so. */
	meeting_warnings(m, dobs, dt("2026-12-23"), &w);
	assert_int_equal(w.n, 5);
	assert_non_null(strstr(w.w[0].msg, "it should have been shared with "
	    "the family by 2026-12-22"));
	assert_non_null(strstr(w.w[1].msg, "it should have been by "
	    "2026-12-22"));

	/* A review: 5 working days, so School's 23rd and Housing's 21st
	 * are both late (share by Friday 18 December). */
	m->kind = CONF_REVIEW;
	meeting_warnings(m, dobs, dt("2026-12-17"), &w);
	assert_int_equal(w.n, 6);
	assert_non_null(strstr(w.w[2].msg, "after 2026-12-18 (5 working "
	    "days"));
	assert_non_null(strstr(w.w[3].msg, "Housing was shared with the "
	    "family on 2026-12-21"));

	/* Everything in place: the family invited, every report shared
	 * in time, the advocate offered; no dates of birth known. */
	m->kind = CONF_INITIAL;
	m->invitees[0].report_expected = false;
	m->reports[0].shared_on = dt("2026-12-21");
	m->reports[1].shared_on = dt("2026-12-22");
	m->invitees[m->n_invitees].kind = INVITEE_FAMILY;
	put(m->invitees[m->n_invitees].name, sizeof(m->invitees[0].name),
	    "Amy Okafor");
	m->n_invitees++;
	meeting_warnings(m, dobs, dt("2026-12-21"), &w);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.w[0].field, "children[0].advocate_offered_on");
	meeting_warnings(m, NULL, dt("2026-12-21"), &w);
	assert_int_equal(w.n, 0);
	m->children[0].advocate_offered_on = dt("2026-12-01");
	meeting_warnings(m, dobs, dt("2026-12-21"), &w);
	assert_int_equal(w.n, 0);
	meeting_free(m);
}

/* ---------------------------------------------------------------------
 * Distribution: the conference started at 09:00 UTC on 12 May 2026.
 */

static void
sent(struct meeting *m, enum doc_kind doc, enum doc_audience aud,
    int64_t at)
{
	struct meeting_send *s = &m->sends[m->n_sends++];

	memset(s, 0, sizeof(*s));
	s->id = m->n_sends;
	s->doc = doc;
	s->audience = aud;
	put(s->method, sizeof(s->method), "Email");
	s->sent_at = at;
}

static void
test_distribution(void **state)
{
	int64_t start = utc(2026, 5, 12, 9, 0);
	struct meeting_distribution x;
	struct meeting *m = base();

	(void)state;
	m->status = MEETING_HELD;
	/* All four within 72 hours: the last at 71 hours.  The plan went
	 * to the family twice; the first counts. */
	sent(m, DOC_PLAN, AUD_FAMILY, start + 2 * HOUR);
	sent(m, DOC_PLAN, AUD_AGENCIES, start + 3 * HOUR);
	sent(m, DOC_PLAN, AUD_FAMILY, start + 90 * HOUR);
	sent(m, DOC_MINUTES, AUD_AGENCIES, start + 71 * HOUR);
	sent(m, DOC_MINUTES, AUD_FAMILY, start + 48 * HOUR + 59 * 60);
	meeting_distribution(m, start + 200 * HOUR, &x);
	assert_true(x.all_sent);
	assert_int_equal(x.sent_at[DOC_PLAN][AUD_FAMILY], start + 2 * HOUR);
	assert_int_equal(x.sent_at[DOC_MINUTES][AUD_FAMILY],
	    start + 48 * HOUR + 59 * 60);
	assert_int_equal(x.all_sent_at, start + 71 * HOUR);
	assert_int_equal(x.hours, 71);
	assert_true(x.within);
	assert_false(x.overdue);

	/* Exactly 72 hours is within; 73 is not. */
	m->sends[3].sent_at = start + 72 * HOUR;
	meeting_distribution(m, start + 200 * HOUR, &x);
	assert_int_equal(x.hours, 72);
	assert_true(x.within);
	m->sends[3].sent_at = start + 73 * HOUR;
	meeting_distribution(m, start + 200 * HOUR, &x);
	assert_true(x.all_sent);
	assert_int_equal(x.all_sent_at, start + 73 * HOUR);
	assert_int_equal(x.hours, 73);
	assert_false(x.within);
	assert_false(x.overdue);

	/* The minutes never went to the agencies: overdue after 72 hours,
	 * the hours counted to now. */
	m->n_sends = 3;
	m->sends[2].doc = DOC_MINUTES;	/* the family's minutes */
	meeting_distribution(m, start + 80 * HOUR + 1800, &x);
	assert_false(x.all_sent);
	assert_true(x.sent[DOC_MINUTES][AUD_FAMILY]);
	assert_false(x.sent[DOC_MINUTES][AUD_AGENCIES]);
	assert_int_equal(x.all_sent_at, 0);
	assert_int_equal(x.hours, 80);
	assert_false(x.within);
	assert_true(x.overdue);

	/* ... but not yet overdue at 72 hours, and never when
	 * cancelled. */
	meeting_distribution(m, start + 72 * HOUR, &x);
	assert_false(x.overdue);
	assert_int_equal(x.hours, 72);
	m->status = MEETING_CANCELLED;
	meeting_distribution(m, start + 80 * HOUR, &x);
	assert_false(x.overdue);

	/* Nothing sent, asked before the conference started. */
	m->status = MEETING_BOOKED;
	m->n_sends = 0;
	meeting_distribution(m, start - HOUR, &x);
	assert_false(x.all_sent);
	assert_int_equal(x.hours, 0);
	assert_false(x.overdue);
	meeting_free(m);
}

static void
test_summarise(void **state)
{
	struct meeting *m = december();
	struct meeting_summary s;
	int64_t start = meeting_start_utc(m->date, m->minute);

	(void)state;
	m->plan_saved_at = start + HOUR;
	meeting_summarise(m, &s);
	assert_int_equal(s.id, 7);
	assert_int_equal(s.kind, CONF_INITIAL);
	assert_int_equal(s.date, dt("2026-12-29"));
	assert_int_equal(s.minute, 600);
	assert_string_equal(s.place, "Civic Centre, room 2");
	assert_int_equal(s.n_children, 3);
	assert_int_equal(s.child_ids[2], 103);
	assert_int_equal(s.reports_expected, 4);
	assert_int_equal(s.reports_in, 3);
	assert_int_equal(s.reports_shared, 2);
	assert_true(s.plan_saved);
	assert_false(s.minutes_saved);
	assert_int_equal(s.all_sent_at, 0);
	sent(m, DOC_PLAN, AUD_FAMILY, start + 2 * HOUR);
	sent(m, DOC_PLAN, AUD_AGENCIES, start + 3 * HOUR);
	sent(m, DOC_MINUTES, AUD_FAMILY, start + 5 * HOUR);
	meeting_summarise(m, &s);
	assert_int_equal(s.all_sent_at, 0);
	sent(m, DOC_MINUTES, AUD_AGENCIES, start + 4 * HOUR);
	meeting_summarise(m, &s);
	assert_int_equal(s.all_sent_at, start + 5 * HOUR);
	meeting_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_feedback_words),
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_start_utc),
		cmocka_unit_test(test_share_by),
		cmocka_unit_test(test_booking),
		cmocka_unit_test(test_invitee),
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_participation),
		cmocka_unit_test(test_view),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_send),
		cmocka_unit_test(test_feedback),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_distribution),
		cmocka_unit_test(test_summarise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
