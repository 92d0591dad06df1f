/*
 * meeting.c: a child protection conference as a meeting (meeting.h): its
 * code lists, the rules for each thing recorded about it, the deadlines
 * (reports shared before the day, plan and minutes sent within 72 hours)
 * and the warnings a chair sees while preparing.
 *
 * The rules see one meeting as the store loaded it, the record being
 * added, and `today` or `now` from the caller: they never read the clock
 * or the database, so a test gives the answer of the day.  Nothing here
 * allocates except meeting_new.  The statutory fact of the conference
 * (the decision per child, the plan it starts) is the journey's and is
 * checked by journey.c when the chair decides; this file never repeats
 * those rules.  Dates in messages are ISO, as in the other core modules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/meeting.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/banned.h"

#define DAY_SECONDS 86400
#define HOUR_SECONDS 3600
/* 8875's reading for a meeting: a working-hours start. */
#define START_EARLIEST (8 * 60)
#define START_LATEST (18 * 60)

/* ---------------------------------------------------------------------
 * Code lists.  Codes are the CHECK constraints of migration 6.
 */

struct entry {
	const char *code;
	const char *label;
};

static const struct entry statuses[MEETING__COUNT] = {
	[MEETING_BOOKED] = { "booked", "Booked" },
	[MEETING_HELD] = { "held", "Held" },
	[MEETING_CANCELLED] = { "cancelled", "Cancelled" },
};

static const struct entry participations[PART__COUNT] = {
	[PART_NOT_RECORDED] = { "not-recorded", "Not recorded yet" },
	[PART_ATTENDED] = { "attended", "Attended all or part" },
	[PART_ADVOCATE] = { "advocate", "Views shared by an advocate" },
	[PART_WRITTEN] = { "written", "Views written down" },
	[PART_DRAWING] = { "drawing", "Views shared in a drawing" },
	[PART_RECORDING] = { "recording", "Views shared in a recording" },
	[PART_APP] = { "app", "Views shared through an app" },
	[PART_REPORT_ONLY] = { "report-only",
	    "Views only through the social worker's report" },
	[PART_NONE] = { "none", "No view shared" },
};

static const struct entry invitee_kinds[INVITEE__COUNT] = {
	[INVITEE_FAMILY] = { "family", "Family (parents, carers, the child)" },
	[INVITEE_NETWORK] = { "network",
	    "Safety network (relatives and friends)" },
	[INVITEE_AGENCY] = { "agency", "Professional for an agency" },
};

static const struct entry attendances[ATTEND__COUNT] = {
	[ATTEND_NOT_RECORDED] = { "not-recorded", "Not recorded yet" },
	[ATTEND_ATTENDED] = { "attended", "Attended" },
	[ATTEND_APOLOGIES] = { "apologies", "Sent apologies" },
	[ATTEND_ABSENT] = { "absent", "Did not attend (no apologies)" },
};

static const struct entry doc_kinds[DOC__COUNT] = {
	[DOC_PLAN] = { "plan", "Child protection plan" },
	[DOC_MINUTES] = { "minutes", "Minutes" },
};

static const struct entry audiences[AUD__COUNT] = {
	[AUD_FAMILY] = { "family", "The family" },
	[AUD_AGENCIES] = { "agencies", "The agencies" },
};

static const struct entry feedback_froms[FEEDBACK__COUNT] = {
	[FEEDBACK_PARENT] = { "parent", "Parent or carer" },
	[FEEDBACK_CHILD] = { "child", "Child or young person" },
};

/* measures.md "Parent feedback": the four statements, and the same in
 * words a child can read on their own. */
static const char *const questions[FEEDBACK__COUNT][FEEDBACK_QUESTIONS] = {
	[FEEDBACK_PARENT] = {
		"Professionals knew our family well enough",
		"I felt fully involved",
		"I was listened to and treated with respect",
		"The conference made a positive difference",
	},
	[FEEDBACK_CHILD] = {
		"The grown-ups at the meeting knew enough about me and my "
		    "family",
		"I could join in and say what I wanted to say",
		"People listened to me and were kind and fair to me",
		"The meeting has helped to make things better for me",
	},
};

static const char *const answers[] = {
	"Not answered", "Strongly disagree", "Disagree",
	"Neither agree nor disagree", "Agree", "Strongly agree",
};

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};

/* A date for a message; "no date" for none (hdate_format needs a real
 * day). */
static char *
day_text(hday day, char buf[HDATE_LEN])
{
	if (day == HDAY_NONE) {
		snprintf(buf, HDATE_LEN, "%s", "no date");
		return buf;
	}
	return hdate_format(day, buf);
}

static const char *
entry_code(const struct entry *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].code : "";
}

static const char *
entry_label(const struct entry *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].label : "Unknown";
}

static int
entry_parse(const struct entry *t, int n, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

const char *
meeting_status_code(enum meeting_status s)
{
	return entry_code(statuses, MEETING__COUNT, (int)s);
}

const char *
meeting_status_label(enum meeting_status s)
{
	return entry_label(statuses, MEETING__COUNT, (int)s);
}

int
meeting_status_parse(const char *code)
{
	return entry_parse(statuses, MEETING__COUNT, code);
}

const char *
participation_code(enum participation p)
{
	return entry_code(participations, PART__COUNT, (int)p);
}

const char *
participation_label(enum participation p)
{
	return entry_label(participations, PART__COUNT, (int)p);
}

int
participation_parse(const char *code)
{
	return entry_parse(participations, PART__COUNT, code);
}

int
participation_group(enum participation p)
{
	switch (p) {
	case PART_ATTENDED:
		return 1;
	case PART_ADVOCATE:
	case PART_WRITTEN:
	case PART_DRAWING:
	case PART_RECORDING:
	case PART_APP:
		return 2;
	case PART_REPORT_ONLY:
		return 3;
	case PART_NONE:
		return 4;
	default:
		return 0;
	}
}

const char *
invitee_kind_code(enum invitee_kind k)
{
	return entry_code(invitee_kinds, INVITEE__COUNT, (int)k);
}

const char *
invitee_kind_label(enum invitee_kind k)
{
	return entry_label(invitee_kinds, INVITEE__COUNT, (int)k);
}

int
invitee_kind_parse(const char *code)
{
	return entry_parse(invitee_kinds, INVITEE__COUNT, code);
}

const char *
attendance_code(enum attendance a)
{
	return entry_code(attendances, ATTEND__COUNT, (int)a);
}

const char *
attendance_label(enum attendance a)
{
	return entry_label(attendances, ATTEND__COUNT, (int)a);
}

int
attendance_parse(const char *code)
{
	return entry_parse(attendances, ATTEND__COUNT, code);
}

const char *
doc_kind_code(enum doc_kind k)
{
	return entry_code(doc_kinds, DOC__COUNT, (int)k);
}

const char *
doc_kind_label(enum doc_kind k)
{
	return entry_label(doc_kinds, DOC__COUNT, (int)k);
}

int
doc_kind_parse(const char *code)
{
	return entry_parse(doc_kinds, DOC__COUNT, code);
}

const char *
doc_audience_code(enum doc_audience a)
{
	return entry_code(audiences, AUD__COUNT, (int)a);
}

const char *
doc_audience_label(enum doc_audience a)
{
	return entry_label(audiences, AUD__COUNT, (int)a);
}

int
doc_audience_parse(const char *code)
{
	return entry_parse(audiences, AUD__COUNT, code);
}

const char *
feedback_from_code(enum feedback_from f)
{
	return entry_code(feedback_froms, FEEDBACK__COUNT, (int)f);
}

int
feedback_from_parse(const char *code)
{
	return entry_parse(feedback_froms, FEEDBACK__COUNT, code);
}

const char *
feedback_question(enum feedback_from f, int q)
{
	if ((int)f < 0 || (int)f >= FEEDBACK__COUNT || q < 0 ||
	    q >= FEEDBACK_QUESTIONS)
		return "";
	return questions[f][q];
}

const char *
feedback_answer_label(int a)
{
	if (a < 0 || a >= (int)(sizeof(answers) / sizeof(answers[0])))
		return "Unknown";
	return answers[a];
}

/* ---------------------------------------------------------------------
 * Lifecycle
 */

struct meeting *
meeting_new(void)
{
	/* calloc: the 700 KB of lists are zero pages, not touched until
	 * used. */
	struct meeting *m = xcalloc(1, sizeof(*m));

	m->date = HDAY_NONE;
	m->notified_date = HDAY_NONE;
	return m;
}

void
meeting_free(struct meeting *m)
{
	free(m);
}

void
meeting_reset(struct meeting *m)
{
	m->id = m->version = 0;
	m->kind = CONF_INITIAL;
	m->status = MEETING_BOOKED;
	m->date = m->notified_date = HDAY_NONE;
	m->minute = 0;
	m->place[0] = m->cancel_reason[0] = m->dissent[0] = '\0';
	m->contingency[0] = m->child_seen[0] = m->minutes[0] = '\0';
	m->chair_id = m->conference_id = m->booked_by = m->booked_at = 0;
	m->plan_saved_at = m->minutes_saved_at = 0;
	m->n_children = m->n_invitees = m->n_reports = m->n_views = 0;
	m->n_outcomes = m->n_actions = m->n_core = m->n_sends = 0;
	m->n_feedback = 0;
}

void
meeting_clear(struct meeting *m)
{
	memset(m, 0, sizeof(*m));
	m->date = HDAY_NONE;
	m->notified_date = HDAY_NONE;
}

/* ---------------------------------------------------------------------
 * Time
 */

/* The last Sunday of `month` (3 or 10) of `year`. */
static hday
last_sunday(int year, int month)
{
	hday d = HDAY_NONE;

	if (hdate_from_ymd(year, month, 31, &d) != HERR_OK)
		return HDAY_NONE;
	return d - (hday)(((int)hdate_weekday(d) + 1) % 7);
}

int64_t
meeting_start_utc(hday date, int minute)
{
	int64_t t = (int64_t)date * DAY_SECONDS + (int64_t)minute * 60;
	int64_t from, to, bst;
	hday march, october;
	int y, mo, d;

	if (date == HDAY_NONE)
		return 0;
	hdate_to_ymd(date, &y, &mo, &d);
	march = last_sunday(y, 3);
	october = last_sunday(y, 10);
	if (march == HDAY_NONE || october == HDAY_NONE)
		return t;
	/* Summer Time Act 1972 as amended (EU directive 2000/84): BST from
	 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
	 * Sunday of October.  A local time that happens twice (01:00-01:59
	 * on the October day) is read as the first, in BST. */
	from = (int64_t)march * DAY_SECONDS + HOUR_SECONDS;
	to = (int64_t)october * DAY_SECONDS + HOUR_SECONDS;
	bst = t - HOUR_SECONDS;
	return bst >= from && bst < to ? bst : t;
}

enum herr
meeting_share_by(enum conference_kind k, hday date, hday *out)
{
	int n;

	*out = HDAY_NONE;
	switch (k) {
	case CONF_INITIAL:
	case CONF_TRANSFER_IN:
		n = MEETING_SHARE_WD_INITIAL;
		break;
	case CONF_REVIEW:
		n = MEETING_SHARE_WD_REVIEW;
		break;
	default:
		return HERR_INVALID;
	}
	if (date == HDAY_NONE)
		return HERR_INVALID;
	return calendar_add_working_days(date, -n, out);
}

/* ---------------------------------------------------------------------
 * Rules
 */

static bool
kind_ok(enum conference_kind k)
{
	return (int)k >= CONF_INITIAL && (int)k < CONF__COUNT;
}

static const struct meeting_child *
child_of(const struct meeting *m, int64_t child_id)
{
	for (int i = 0; i < m->n_children && i < CONFERENCE_CHILDREN_MAX; i++)
		if (m->children[i].child_id == child_id)
			return &m->children[i];
	return NULL;
}

static const struct invitee *
invitee_of(const struct meeting *m, int64_t id)
{
	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++)
		if (m->invitees[i].id == id)
			return &m->invitees[i];
	return NULL;
}

static const struct agency_report *
report_of(const struct meeting *m, int64_t invitee_id)
{
	for (int i = 0; i < m->n_reports && i < MEETING_REPORTS_MAX; i++)
		if (m->reports[i].invitee_id == invitee_id)
			return &m->reports[i];
	return NULL;
}

/* "Full", naming the list, when a new row would pass its capacity. */
static enum herr
check_room(int n, int max, const char *field, const char *what,
    struct hdiag *diag)
{
	if (n < max)
		return HERR_OK;
	return hdiag_set(diag, HERR_INVALID, field, "",
	    "This conference already has %d %s, the most hearth keeps", max,
	    what);
}

/* 8875: conferences are held on working days (journey.c's rule, with the
 * form's field name). */
static enum herr
check_working_day(hday day, struct hdiag *diag)
{
	const char *name;
	char d[HDATE_LEN];

	day_text(day, d);
	if (hdate_is_weekend(day))
		return hdiag_set(diag, HERR_INVALID, "date", d,
		    "The conference date %s is a %s; conferences are held on "
		    "working days (CIN rule 8875)", d,
		    weekdays[hdate_weekday(day)]);
	if ((name = calendar_holiday_name(day)) != NULL)
		return hdiag_set(diag, HERR_INVALID, "date", d,
		    "The conference date %s is a bank holiday (%s); "
		    "conferences are held on working days (CIN rule 8875)", d,
		    name);
	return HERR_OK;
}

enum herr
meeting_check_booking(const struct meeting *m, hday today,
    struct hdiag *diag)
{
	char d[HDATE_LEN], b[HDATE_LEN], v[16];
	enum herr e;

	if (!kind_ok(m->kind))
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Choose the kind of conference");
	if (m->date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "date", "",
		    "The conference date is missing");
	if ((e = check_working_day(m->date, diag)) != HERR_OK)
		return e;
	day_text(m->date, d);
	if (m->minute < START_EARLIEST || m->minute > START_LATEST) {
		if (m->minute >= 0 && m->minute < 24 * 60)
			snprintf(v, sizeof(v), "%02d:%02d", m->minute / 60,
			    m->minute % 60);
		else
			snprintf(v, sizeof(v), "%d", m->minute);
		return hdiag_set(diag, HERR_INVALID, "minute", v,
		    "The start time %s is outside working hours: a conference "
		    "starts between 08:00 and 18:00", v);
	}
	if ((e = text_check("place", "The place", m->place, MEETING_NAME_MAX,
	    TEXT_REQUIRED, diag)) != HERR_OK)
		return e;
	if (m->n_children < 1 || m->n_children > CONFERENCE_CHILDREN_MAX)
		return hdiag_set(diag, HERR_INVALID, "children", "",
		    "A conference is about 1 to %d children",
		    CONFERENCE_CHILDREN_MAX);
	for (int i = 0; i < m->n_children; i++) {
		if (m->children[i].child_id <= 0)
			return hdiag_set(diag, HERR_INVALID, "children", "",
			    "Choose each child the conference is about");
		for (int k = 0; k < i; k++)
			if (m->children[k].child_id == m->children[i].child_id)
				return hdiag_set(diag, HERR_INVALID,
				    "children", "", "The same child is listed "
				    "twice");
	}
	if (m->kind != CONF_TRANSFER_IN)
		return HERR_OK;
	/* Tees: the receiving authority holds its own conference within 15
	 * working days of being told. */
	if (m->notified_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "notified_date", "",
		    "Give the date this authority was told of the child's "
		    "plan");
	day_text(m->notified_date, b);
	if (m->notified_date > m->date)
		return hdiag_set(diag, HERR_INVALID, "notified_date", b,
		    "The notification date %s is after the conference date %s",
		    b, d);
	if (m->notified_date > today)
		return hdiag_set(diag, HERR_INVALID, "notified_date", b,
		    "The notification date %s is in the future", b);
	return HERR_OK;
}

enum herr
meeting_check_invitee(const struct meeting *m, const struct invitee *i,
    hday today, struct hdiag *diag)
{
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (i->id == 0 && (e = check_room(m->n_invitees, MEETING_INVITEES_MAX,
	    "invitees", "people invited", diag)) != HERR_OK)
		return e;
	if ((int)i->kind < 0 || (int)i->kind >= INVITEE__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Choose whether this is family, the safety network or a "
		    "professional");
	if ((e = text_check("name", "The name", i->name, MEETING_NAME_MAX,
	    TEXT_REQUIRED, diag)) != HERR_OK ||
	    (e = text_check("role", "The role", i->role, MEETING_NAME_MAX, 0,
	    diag)) != HERR_OK ||
	    (e = text_check("agency", "The agency", i->agency,
	    MEETING_NAME_MAX, i->kind == INVITEE_AGENCY ? TEXT_REQUIRED : 0,
	    diag)) != HERR_OK)
		return e;
	if (i->invited_on == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "invited_on", "",
		    "The date of the invitation is missing");
	day_text(i->invited_on, d);
	if (m->date != HDAY_NONE && i->invited_on > m->date)
		return hdiag_set(diag, HERR_INVALID, "invited_on", d,
		    "The invitation date %s is after the conference on %s", d,
		    day_text(m->date, b));
	if (i->invited_on > today)
		return hdiag_set(diag, HERR_INVALID, "invited_on", d,
		    "The invitation date %s is in the future", d);
	return HERR_OK;
}

enum herr
meeting_check_report(const struct meeting *m, const struct agency_report *r,
    hday today, struct hdiag *diag)
{
	const struct invitee *i;
	const struct agency_report *have;
	char d[HDATE_LEN];
	enum herr e;

	if ((i = invitee_of(m, r->invitee_id)) == NULL ||
	    i->kind != INVITEE_AGENCY)
		return hdiag_set(diag, HERR_INVALID, "invitee_id", "",
		    "Reports come from the agencies invited to this "
		    "conference: choose one");
	if (r->id == 0) {
		if ((have = report_of(m, i->id)) != NULL)
			return hdiag_set(diag, HERR_INVALID, "invitee_id",
			    i->agency, "%s has already submitted a report: "
			    "change that one instead", i->agency);
		if ((e = check_room(m->n_reports, MEETING_REPORTS_MAX,
		    "invitee_id", "agency reports", diag)) != HERR_OK)
			return e;
	}
	if (m->status != MEETING_BOOKED)
		return hdiag_set(diag, HERR_INVALID, "text",
		    meeting_status_code(m->status), "The conference is %s: "
		    "reports are submitted before it is held",
		    m->status == MEETING_HELD ? "over" : "cancelled");
	if ((e = text_check("text", "The report", r->text, MEETING_REPORT_MAX,
	    TEXT_REQUIRED | TEXT_MULTILINE, diag)) != HERR_OK)
		return e;
	if (r->shared_on != HDAY_NONE && r->shared_on > today)
		return hdiag_set(diag, HERR_INVALID, "shared_on",
		    day_text(r->shared_on, d), "The date the report was "
		    "shared with the family, %s, is in the future", d);
	return HERR_OK;
}

enum herr
meeting_check_participation(const struct meeting *m,
    const struct meeting_child *c, hday dob, struct hdiag *diag)
{
	char d[HDATE_LEN], b[HDATE_LEN], o[HDATE_LEN];
	bool offered = c->advocate_offered ||
	    c->advocate_offered_on != HDAY_NONE;
	enum herr e;

	if (child_of(m, c->child_id) == NULL)
		return hdiag_set(diag, HERR_INVALID, "child_id", "",
		    "This child is not one the conference is about");
	if ((int)c->part < 0 || (int)c->part >= PART__COUNT)
		return hdiag_set(diag, HERR_INVALID, "part", "",
		    "Choose how the child took part");
	if ((e = text_check("part_note", "How the child took part",
	    c->part_note, MEETING_TEXT_MAX, TEXT_MULTILINE, diag)) !=
	    HERR_OK ||
	    (e = text_check("advocate", "The advocate's name", c->advocate,
	    MEETING_NAME_MAX, 0, diag)) != HERR_OK)
		return e;
	/* practice-models 6.5: a decision that the child gives no view is
	 * recorded with its reason. */
	if (c->part == PART_NONE && c->part_note[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, "part_note", "",
		    "Say why the child's view was not shared");
	day_text(m->date, d);
	if (offered && c->advocate_offered_on == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "advocate_offered_on", "",
		    "Give the date the child was offered an advocate");
	if (offered && m->date != HDAY_NONE &&
	    c->advocate_offered_on > m->date)
		return hdiag_set(diag, HERR_INVALID, "advocate_offered_on",
		    day_text(c->advocate_offered_on, o), "The advocate was "
		    "offered on %s, after the conference on %s; the offer is "
		    "made before it", o, d);
	if (c->advocate_accepted && !offered)
		return hdiag_set(diag, HERR_INVALID, "advocate_offered_on", "",
		    "An advocate was accepted: give the date one was offered");
	/* Walsall: children of 10 and over are told of their right to an
	 * independent advocate. */
	if (!offered && dob != HDAY_NONE && m->date != HDAY_NONE &&
	    hdate_age_years(dob, m->date) >= MEETING_ADVOCATE_AGE)
		return hdiag_set(diag, HERR_INVALID, "advocate_offered_on", "",
		    "The child (born %s) is %d on the conference date %s: "
		    "children of %d and over are offered an independent "
		    "advocate, so record when the offer was made",
		    day_text(dob, b), hdate_age_years(dob, m->date), d,
		    MEETING_ADVOCATE_AGE);
	return HERR_OK;
}

enum herr
meeting_check_view(const struct meeting *m, const struct threshold_view *v,
    struct hdiag *diag)
{
	enum herr e;

	if (v->id == 0 && (e = check_room(m->n_views, MEETING_VIEWS_MAX,
	    "views", "views on the threshold", diag)) != HERR_OK)
		return e;
	if (child_of(m, v->child_id) == NULL)
		return hdiag_set(diag, HERR_INVALID, "child_id", "",
		    "Choose a child the conference is about");
	if ((e = text_check("name", "The name", v->name, MEETING_NAME_MAX,
	    TEXT_REQUIRED, diag)) != HERR_OK ||
	    (e = text_check("agency", "The agency", v->agency,
	    MEETING_NAME_MAX, 0, diag)) != HERR_OK ||
	    (e = text_check("reason", "The reason", v->reason,
	    MEETING_TEXT_MAX, TEXT_REQUIRED | TEXT_MULTILINE, diag)) !=
	    HERR_OK)
		return e;
	return HERR_OK;
}

/* A warning for the author (dropped when the list is full). */
static void warn_add(struct sos_warnings *w, const char *field,
    const char *fmt, ...) HEARTH_PRINTF(3, 4);

static void
warn_add(struct sos_warnings *w, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (w == NULL || w->n < 0 || w->n >= SOS_WARNINGS_MAX)
		return;
	snprintf(w->w[w->n].field, sizeof(w->w[w->n].field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(w->w[w->n].msg, sizeof(w->w[w->n].msg), fmt, ap);
	va_end(ap);
	w->n++;
}

/* "outcomes[2].agency" into f. */
static const char *
indexed(char *f, size_t cap, const char *list, int i, const char *member)
{
	snprintf(f, cap, "%s[%d].%s", list, i, member);
	return f;
}

enum herr
meeting_check_plan(const struct meeting *m, struct sos_warnings *warn,
    struct hdiag *diag)
{
	char f[48], d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (warn != NULL)
		warn->n = 0;
	/* practice-models 6.3: specific, child-focused outcomes */
	if (m->n_outcomes < 1 || m->n_outcomes > MEETING_OUTCOMES_MAX)
		return hdiag_set(diag, HERR_INVALID, "outcomes", "",
		    "Write 1 to %d outcomes: what must change for the child",
		    MEETING_OUTCOMES_MAX);
	for (int i = 0; i < m->n_outcomes; i++) {
		const struct plan_outcome *o = &m->outcomes[i];

		if ((e = text_check(indexed(f, sizeof(f), "outcomes", i,
		    "agency"), "The outcome", o->agency, MEETING_TEXT_MAX,
		    TEXT_REQUIRED | TEXT_MULTILINE, diag)) != HERR_OK ||
		    (e = text_check(indexed(f, sizeof(f), "outcomes", i,
		    "family"), "The outcome in the family's words", o->family,
		    MEETING_TEXT_MAX, TEXT_MULTILINE, diag)) != HERR_OK)
			return e;
		if (o->family[0] == '\0')
			warn_add(warn, indexed(f, sizeof(f), "outcomes", i,
			    "family"), "Outcome %d is not yet written in the "
			    "family's own words", i + 1);
	}
	if (m->n_actions < 0 || m->n_actions > MEETING_ACTIONS_MAX)
		return hdiag_set(diag, HERR_INVALID, "actions", "",
		    "A plan has at most %d actions", MEETING_ACTIONS_MAX);
	day_text(m->date, d);
	for (int i = 0; i < m->n_actions; i++) {
		const struct plan_action *a = &m->actions[i];

		if ((e = text_check(indexed(f, sizeof(f), "actions", i, "who"),
		    "Who does it", a->who, MEETING_NAME_MAX, TEXT_REQUIRED,
		    diag)) != HERR_OK ||
		    (e = text_check(indexed(f, sizeof(f), "actions", i,
		    "what"), "What is to be done", a->what, MEETING_TEXT_MAX,
		    TEXT_REQUIRED | TEXT_MULTILINE, diag)) != HERR_OK)
			return e;
		if (a->by == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, indexed(f,
			    sizeof(f), "actions", i, "by"), "", "Action %d "
			    "needs a date it is done by", i + 1);
		if (m->date != HDAY_NONE && a->by < m->date)
			return hdiag_set(diag, HERR_INVALID, indexed(f,
			    sizeof(f), "actions", i, "by"),
			    day_text(a->by, b), "Action %d is due by %s, "
			    "before the conference on %s", i + 1, b, d);
		if (a->outcome < 0 || a->outcome > m->n_outcomes) {
			char v[16];

			snprintf(v, sizeof(v), "%d", a->outcome);
			return hdiag_set(diag, HERR_INVALID, indexed(f,
			    sizeof(f), "actions", i, "outcome"), v, "Action %d "
			    "is towards outcome %s, which the plan does not "
			    "have", i + 1, v);
		}
	}
	/* practice-models 6.3: a contingency plan, and when and where the
	 * child will be seen */
	if ((e = text_check("contingency", "The contingency plan",
	    m->contingency, MEETING_TEXT_MAX, TEXT_REQUIRED | TEXT_MULTILINE,
	    diag)) != HERR_OK ||
	    (e = text_check("child_seen", "When and where the child will be "
	    "seen", m->child_seen, MEETING_TEXT_MAX,
	    TEXT_REQUIRED | TEXT_MULTILINE, diag)) != HERR_OK)
		return e;
	/* WT2023: the conference names the core group */
	if (m->n_core < 1 || m->n_core > MEETING_CORE_MAX)
		return hdiag_set(diag, HERR_INVALID, "core", "",
		    "Name 1 to %d members of the core group", MEETING_CORE_MAX);
	for (int i = 0; i < m->n_core; i++) {
		const struct journey_person *p = &m->core[i];

		if ((e = text_check(indexed(f, sizeof(f), "core", i, "name"),
		    "A member's name", p->name, JOURNEY_NAME_MAX, TEXT_REQUIRED,
		    diag)) != HERR_OK ||
		    (e = text_check(indexed(f, sizeof(f), "core", i,
		    "agency"), "An agency", p->agency, JOURNEY_NAME_MAX, 0,
		    diag)) != HERR_OK ||
		    (e = text_check(indexed(f, sizeof(f), "core", i, "role"),
		    "A role", p->role, JOURNEY_NAME_MAX, 0, diag)) != HERR_OK)
			return e;
		/* journey_check_core_group's rule, so that setting the
		 * group on the child's plan cannot fail afterwards */
		if (p->agency[0] == '\0' && p->role[0] == '\0')
			return hdiag_set(diag, HERR_INVALID, indexed(f,
			    sizeof(f), "core", i, "agency"), p->name,
			    "Give the agency or role of %s", p->name);
	}
	return HERR_OK;
}

enum herr
meeting_check_send(const struct meeting *m, const struct meeting_send *s,
    int64_t now, struct hdiag *diag)
{
	int64_t start = meeting_start_utc(m->date, m->minute);
	char d[HDATE_LEN];
	enum herr e;

	if (s->id == 0 && (e = check_room(m->n_sends, MEETING_SENDS_MAX,
	    "sends", "records of documents sent", diag)) != HERR_OK)
		return e;
	if ((int)s->doc < 0 || (int)s->doc >= DOC__COUNT)
		return hdiag_set(diag, HERR_INVALID, "doc", "",
		    "Choose the plan or the minutes");
	if ((int)s->audience < 0 || (int)s->audience >= AUD__COUNT)
		return hdiag_set(diag, HERR_INVALID, "audience", "",
		    "Choose whether it went to the family or the agencies");
	if (m->status != MEETING_HELD)
		return hdiag_set(diag, HERR_INVALID, "doc",
		    meeting_status_code(m->status), "The conference %s: "
		    "documents are sent once the chair has decided",
		    m->status == MEETING_CANCELLED ? "was cancelled" :
		    "has not been held yet");
	if (s->doc == DOC_PLAN && m->plan_saved_at == 0)
		return hdiag_set(diag, HERR_INVALID, "doc", "plan",
		    "Save the plan before recording that it was sent");
	if (s->doc == DOC_MINUTES && m->minutes_saved_at == 0)
		return hdiag_set(diag, HERR_INVALID, "doc", "minutes",
		    "Save the minutes before recording that they were sent");
	if ((e = text_check("method", "How it was sent", s->method,
	    MEETING_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK ||
	    (e = text_check("recipients", "Who it went to", s->recipients,
	    MEETING_TEXT_MAX, TEXT_MULTILINE, diag)) != HERR_OK)
		return e;
	if (s->sent_at < start)
		return hdiag_set(diag, HERR_INVALID, "sent_at", "",
		    "The time sent is before the conference started on %s",
		    day_text(m->date, d));
	if (s->sent_at > now)
		return hdiag_set(diag, HERR_INVALID, "sent_at", "",
		    "The time sent is in the future");
	return HERR_OK;
}

enum herr
meeting_check_feedback(const struct meeting *m, const struct feedback *f,
    hday today, struct hdiag *diag)
{
	char d[HDATE_LEN], b[HDATE_LEN];
	int given = 0;
	enum herr e;

	if (f->id == 0 && (e = check_room(m->n_feedback, MEETING_FEEDBACK_MAX,
	    "feedback", "feedback forms", diag)) != HERR_OK)
		return e;
	if ((int)f->from < 0 || (int)f->from >= FEEDBACK__COUNT)
		return hdiag_set(diag, HERR_INVALID, "from", "",
		    "Choose whether a parent or a child gave the feedback");
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		if (f->answers[q] < 0 || f->answers[q] > 5) {
			char v[16];

			snprintf(v, sizeof(v), "%d", f->answers[q]);
			return hdiag_set(diag, HERR_INVALID, "answers", v,
			    "The answer to question %d is %s: answers go from "
			    "1 (strongly disagree) to 5 (strongly agree)",
			    q + 1, v);
		}
		given += f->answers[q] > 0;
	}
	if (given == 0)
		return hdiag_set(diag, HERR_INVALID, "answers", "",
		    "Answer at least one of the questions");
	if ((e = text_check("name", "The name", f->name, MEETING_NAME_MAX, 0,
	    diag)) != HERR_OK ||
	    (e = text_check("comments", "The comments", f->comments,
	    MEETING_TEXT_MAX, TEXT_MULTILINE, diag)) != HERR_OK)
		return e;
	if (f->given_on == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "given_on", "",
		    "The date the feedback was given is missing");
	day_text(f->given_on, d);
	if (m->date != HDAY_NONE && f->given_on < m->date)
		return hdiag_set(diag, HERR_INVALID, "given_on", d,
		    "The feedback date %s is before the conference on %s", d,
		    day_text(m->date, b));
	if (f->given_on > today)
		return hdiag_set(diag, HERR_INVALID, "given_on", d,
		    "The feedback date %s is in the future", d);
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Warnings, distribution, summaries
 */

void
meeting_warnings(const struct meeting *m, const hday *dobs, hday today,
    struct sos_warnings *warn)
{
	char f[48], by[HDATE_LEN], d[HDATE_LEN], s[HDATE_LEN], b[HDATE_LEN];
	hday share_by = HDAY_NONE;
	bool family = false;

	if (warn == NULL)
		return;
	warn->n = 0;
	if (meeting_share_by(m->kind, m->date, &share_by) != HERR_OK)
		share_by = HDAY_NONE;
	day_text(share_by, by);
	day_text(m->date, d);
	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++) {
		const struct invitee *iv = &m->invitees[i];
		const struct agency_report *r;

		family |= iv->kind == INVITEE_FAMILY;
		if (iv->kind != INVITEE_AGENCY || !iv->report_expected)
			continue;
		snprintf(f, sizeof(f), "invitees[%d]", i);
		if ((r = report_of(m, iv->id)) == NULL) {
			if (share_by != HDAY_NONE)
				warn_add(warn, f, "No report yet from %s (%s): "
				    "it %s shared with the family by %s",
				    iv->agency, iv->name, today > share_by ?
				    "should have been" : "should be", by);
			else
				warn_add(warn, f, "No report yet from %s (%s)",
				    iv->agency, iv->name);
			continue;
		}
		/* Sussex: shared 3 (ICPC) or 5 (review) working days
		 * before */
		if (r->shared_on == HDAY_NONE) {
			if (share_by != HDAY_NONE)
				warn_add(warn, f, "The report from %s is not "
				    "yet shared with the family: it %s by %s",
				    iv->agency, today > share_by ?
				    "should have been" : "should be", by);
			else
				warn_add(warn, f, "The report from %s is not "
				    "yet shared with the family", iv->agency);
		} else if (share_by != HDAY_NONE && r->shared_on > share_by) {
			warn_add(warn, f, "The report from %s was shared with "
			    "the family on %s, after %s (%d working days "
			    "before the conference on %s)", iv->agency,
			    day_text(r->shared_on, s), by,
			    m->kind == CONF_REVIEW ? MEETING_SHARE_WD_REVIEW :
			    MEETING_SHARE_WD_INITIAL, d);
		}
	}
	/* Walsall: 10 and over told of the right to an advocate */
	for (int i = 0; dobs != NULL && m->date != HDAY_NONE &&
	    i < m->n_children && i < CONFERENCE_CHILDREN_MAX; i++) {
		const struct meeting_child *c = &m->children[i];

		if (dobs[i] == HDAY_NONE || c->advocate_offered ||
		    c->advocate_offered_on != HDAY_NONE ||
		    hdate_age_years(dobs[i], m->date) < MEETING_ADVOCATE_AGE)
			continue;
		warn_add(warn, indexed(f, sizeof(f), "children", i,
		    "advocate_offered_on"), "The child born %s is %d on the "
		    "conference date %s and no offer of an independent "
		    "advocate is recorded", day_text(dobs[i], b),
		    hdate_age_years(dobs[i], m->date), d);
	}
	if (!family)
		warn_add(warn, "invitees", "No family member is invited yet: "
		    "invite the parents or carers (and the child, where old "
		    "enough)");
}

void
meeting_distribution(const struct meeting *m, int64_t now,
    struct meeting_distribution *out)
{
	int64_t start = meeting_start_utc(m->date, m->minute), end;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < m->n_sends && i < MEETING_SENDS_MAX; i++) {
		const struct meeting_send *s = &m->sends[i];

		if ((int)s->doc < 0 || (int)s->doc >= DOC__COUNT ||
		    (int)s->audience < 0 || (int)s->audience >= AUD__COUNT)
			continue;
		if (!out->sent[s->doc][s->audience] ||
		    s->sent_at < out->sent_at[s->doc][s->audience])
			out->sent_at[s->doc][s->audience] = s->sent_at;
		out->sent[s->doc][s->audience] = true;
	}
	out->all_sent = true;
	for (int k = 0; k < DOC__COUNT; k++)
		for (int a = 0; a < AUD__COUNT; a++) {
			/* A conference that saved no plan sends its minutes
			 * only. */
			if (k == DOC_PLAN && m->plan_saved_at == 0)
				continue;
			if (!out->sent[k][a])
				out->all_sent = false;
			else if (out->sent_at[k][a] > out->all_sent_at)
				out->all_sent_at = out->sent_at[k][a];
		}
	if (!out->all_sent)
		out->all_sent_at = 0;
	end = out->all_sent ? out->all_sent_at : now;
	out->hours = end > start ? (end - start) / HOUR_SECONDS : 0;
	/* Bexley (seed 002): plan and minutes to everyone within 72 hours */
	out->within = out->all_sent &&
	    out->all_sent_at - start <= (int64_t)MEETING_SEND_HOURS *
	    HOUR_SECONDS;
	out->overdue = !out->all_sent && m->status != MEETING_CANCELLED &&
	    now - start > (int64_t)MEETING_SEND_HOURS * HOUR_SECONDS;
}

void
meeting_summarise(const struct meeting *m, struct meeting_summary *out)
{
	struct meeting_distribution dist;

	memset(out, 0, sizeof(*out));
	out->id = m->id;
	out->kind = m->kind;
	out->status = m->status;
	out->date = m->date;
	out->minute = m->minute;
	memcpy(out->place, m->place, sizeof(out->place));
	out->chair_id = m->chair_id;
	for (int i = 0; i < m->n_children && i < CONFERENCE_CHILDREN_MAX; i++)
		out->child_ids[out->n_children++] = m->children[i].child_id;
	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++) {
		const struct invitee *iv = &m->invitees[i];
		const struct agency_report *r;

		if (iv->kind != INVITEE_AGENCY || !iv->report_expected)
			continue;
		out->reports_expected++;
		if ((r = report_of(m, iv->id)) == NULL)
			continue;
		out->reports_in++;
		out->reports_shared += r->shared_on != HDAY_NONE;
	}
	out->plan_saved = m->plan_saved_at != 0;
	out->minutes_saved = m->minutes_saved_at != 0;
	meeting_distribution(m, 0, &dist);
	out->all_sent_at = dist.all_sent_at;
}
