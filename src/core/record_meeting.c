/*
 * record_meeting.c: the door for conferences as meetings (record.h).  Each
 * function loads the meeting as it is now (store_meeting_get), refuses a
 * save made over someone else's newer one, applies meeting.h's rule for
 * the step (and, for a booking, each child's journey), and only then
 * writes through store_meeting.h.
 *
 * Nothing is written until every rule has passed.  The meeting's version
 * is compared with the one the user saw before any rule, so a stale save
 * is a conflict (HERR_CONFLICT, cx->conflict saying who saved first) and
 * not a confusing refusal; the versioned write then guards the moment
 * between.  The chair's decision is the journey's conference, made by
 * record_conference_add with every journey rule; the meeting only points
 * at it.  A step of several writes (a decision, a plan that also sets
 * each child's core group, attendance for everyone) can fail after its
 * first write only for a reason of the database's own, and the caller's
 * rollback then removes the part written.  No SQL here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_journey.h"
#include "store/store_meeting.h"
#include "core/banned.h"

/* A child's meetings read to find another booked the same day: far more
 * than any child has. */
#define CLASH_LIST 64

/* A store write that failed, in words. */
static enum herr
write_fail(enum herr e, const char *what, struct hdiag *diag)
{
	switch (e) {
	case HERR_OK:
		return e;
	case HERR_CONFLICT:
		return hdiag_set(diag, e, "version", "", "Someone else saved a "
		    "change to this %s after you opened it", what);
	case HERR_NOTFOUND:
		return hdiag_set(diag, e, "", "", "This %s no longer exists",
		    what);
	default:
		return hdiag_set(diag, e, "", "", "The %s could not be saved: "
		    "the database refused the change", what);
	}
}

/* Meeting `id` into a new *out (caller frees, also on failure). */
static enum herr
load(struct store *st, int64_t id, struct meeting **out, struct hdiag *diag)
{
	char v[24];
	enum herr e;

	*out = meeting_new();
	if ((e = store_meeting_get(st, id, *out)) == HERR_OK)
		return e;
	snprintf(v, sizeof(v), "%lld", (long long)id);
	if (e == HERR_NOTFOUND)
		return hdiag_set(diag, e, "id", v,
		    "There is no conference with id %s", v);
	return hdiag_set(diag, e, "id", v, "The conference could not be "
	    "read (%s)", herr_str(e));
}

/* The version the user saw is no longer the meeting's: a conflict, with
 * who saved since in cx->conflict. */
static enum herr
stale(struct store *st, const struct meeting *m, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	if (m->version == expected)
		return HERR_OK;
	if (cx->conflict != NULL &&
	    store_meeting_change(st, m->id, cx->conflict) != HERR_OK)
		memset(cx->conflict, 0, sizeof(*cx->conflict));
	return write_fail(HERR_CONFLICT, "conference", diag);
}

#define BOOKED (1u << MEETING_BOOKED)
#define HELD (1u << MEETING_HELD)

/* The step is for meetings in one of the `allowed` states. */
static enum herr
need_status(const struct meeting *m, unsigned allowed, const char *field,
    const char *step, struct hdiag *diag)
{
	char d[HDATE_LEN];

	if ((unsigned)m->status < MEETING__COUNT &&
	    (allowed & (1u << m->status)) != 0)
		return HERR_OK;
	if (m->status == MEETING_CANCELLED)
		return hdiag_set(diag, HERR_INVALID, field, "cancelled",
		    "This conference was cancelled: %s", step);
	if (m->status == MEETING_HELD)
		return hdiag_set(diag, HERR_INVALID, field, "held",
		    "The chair's decision for this conference is recorded: %s",
		    step);
	return hdiag_set(diag, HERR_INVALID, field, "booked",
	    "The conference on %s has not been held yet: %s",
	    m->date != HDAY_NONE ? hdate_format(m->date, d) : "its day", step);
}

/* "Ava Okafor" */
static const char *
child_name(const struct journey *j, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s %s", j->child.given_name, j->child.family_name);
	return buf;
}

/*
 * The section 47 enquiry an ICPC for this child follows: the latest that
 * decided on a conference and has had no initial conference since.
 */
static const struct s47 *
icpc_s47(const struct journey *j)
{
	const struct s47 *best = NULL;

	for (int i = 0; i < j->n_s47s; i++) {
		const struct s47 *s = &j->s47s[i];
		bool held = false;

		if (s->outcome != S47_CONFERENCE)
			continue;
		for (int k = 0; k < j->n_conferences && !held; k++) {
			const struct conference *c = &j->conferences[k];

			if (c->kind != CONF_INITIAL)
				continue;
			for (int x = 0; x < c->n_children; x++)
				if (c->children[x].child_id == j->child.id &&
				    c->children[x].s47_id == s->id)
					held = true;
		}
		if (!held && (best == NULL ||
		    s->start_date >= best->start_date))
			best = s;
	}
	return best;
}

/* Anything recorded about how the child takes part. */
static bool
has_participation(const struct meeting_child *c)
{
	return c->part != PART_NOT_RECORDED || c->advocate_offered ||
	    c->advocate_offered_on != HDAY_NONE || c->advocate_accepted ||
	    c->advocate[0] != '\0' || c->part_note[0] != '\0';
}

/*
 * Each child of a booking fits its kind (record.h): an ICPC's child has
 * an s47 that decided on a conference with none held since and no open
 * CP plan; a review's child has an open CP plan; a transfer-in's child
 * has none.  No child is in another meeting booked on the same day.  What
 * is recorded of a child's participation passes its rule.
 */
static enum herr
check_children(struct store *st, const struct meeting *m,
    struct hdiag *diag)
{
	struct journey *j = journey_new();
	struct meeting_summary *other = xmalloc(CLASH_LIST * sizeof(*other));
	char name[2 * PERSON_NAME_MAX + 2], d[HDATE_LEN], b[HDATE_LEN];
	const struct plan *open;
	enum herr e = HERR_OK;
	int n;

	hdate_format(m->date, d);
	for (int i = 0; i < m->n_children; i++) {
		const struct meeting_child *c = &m->children[i];

		if ((e = store_journey_load(st, c->child_id, j, diag)) !=
		    HERR_OK) {
			if (diag != NULL)
				memcpy(diag->field, "children", 9);
			goto out;
		}
		child_name(j, name, sizeof(name));
		open = journey_open_plan(j, PLAN_CP);
		switch (m->kind) {
		case CONF_INITIAL:
			/* WT2023: an ICPC follows an s47 that decided on one */
			if (open != NULL) {
				e = hdiag_set(diag, HERR_INVALID, "children",
				    name, "%s already has a child protection "
				    "plan, started on %s: book a review "
				    "conference instead", name,
				    hdate_format(open->start_date, b));
				goto out;
			}
			if (icpc_s47(j) == NULL) {
				e = hdiag_set(diag, HERR_INVALID, "children",
				    name, "%s has no section 47 enquiry that "
				    "decided on an initial conference (without "
				    "one held since): record the enquiry's "
				    "outcome first", name);
				goto out;
			}
			break;
		case CONF_REVIEW:
			if (open == NULL) {
				e = hdiag_set(diag, HERR_INVALID, "children",
				    name, "%s has no open child protection "
				    "plan to review", name);
				goto out;
			}
			break;
		default:
			if (open != NULL) {
				e = hdiag_set(diag, HERR_INVALID, "children",
				    name, "%s already has a child protection "
				    "plan here, started on %s; a transfer-in "
				    "conference is for a child arriving with "
				    "one", name, hdate_format(open->start_date,
				    b));
				goto out;
			}
			break;
		}
		if (has_participation(c) && (e = meeting_check_participation(m,
		    c, j->child.birth_date, diag)) != HERR_OK)
			goto out;
		if ((e = store_meetings_child(st, c->child_id, other,
		    CLASH_LIST, &n)) != HERR_OK) {
			e = hdiag_set(diag, e, "children", name, "The "
			    "conferences of %s could not be read", name);
			goto out;
		}
		for (int k = 0; k < n; k++)
			if (other[k].id != m->id &&
			    other[k].status == MEETING_BOOKED &&
			    other[k].date == m->date) {
				e = hdiag_set(diag, HERR_INVALID, "children",
				    name, "%s is already in a conference "
				    "booked on %s", name, d);
				goto out;
			}
	}
out:
	free(other);
	journey_free(j);
	return e;
}

/* Only a transfer-in keeps a notification date. */
static void
normalise(struct meeting *m)
{
	if (m->kind != CONF_TRANSFER_IN)
		m->notified_date = HDAY_NONE;
}

enum herr
record_meeting_book(struct store *st, struct meeting *m,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	enum herr e;

	m->id = 0;
	if ((e = meeting_check_booking(m, cx->today, diag)) != HERR_OK ||
	    (e = check_children(st, m, diag)) != HERR_OK)
		return e;
	normalise(m);
	m->status = MEETING_BOOKED;
	m->conference_id = 0;
	m->booked_by = cx->by;
	m->booked_at = cx->now;
	return write_fail(store_meeting_add(st, m), "conference", diag);
}

enum herr
record_meeting_update(struct store *st, const struct meeting *m,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *cur = NULL;
	enum herr e;

	if ((e = load(st, m->id, &cur, diag)) != HERR_OK ||
	    (e = stale(st, cur, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(cur, BOOKED, "date", "only a booked conference "
	    "can be changed", diag)) != HERR_OK)
		goto out;
	/* The booking details change; the children, and everything
	 * recorded, stay as stored. */
	cur->kind = m->kind;
	cur->date = m->date;
	cur->minute = m->minute;
	memcpy(cur->place, m->place, sizeof(cur->place));
	cur->chair_id = m->chair_id;
	cur->notified_date = m->notified_date;
	if ((e = meeting_check_booking(cur, cx->today, diag)) != HERR_OK ||
	    (e = check_children(st, cur, diag)) != HERR_OK)
		goto out;
	normalise(cur);
	e = write_fail(store_meeting_update(st, cur, expected, cx->by,
	    cx->now, cx->conflict), "conference", diag);
out:
	meeting_free(cur);
	return e;
}

enum herr
record_meeting_cancel(struct store *st, int64_t meeting_id,
    const char *reason, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = stale(st, m, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED, "reason", "only a booked conference "
	    "can be cancelled", diag)) != HERR_OK ||
	    (e = text_check("reason", "The reason for cancelling", reason,
	    MEETING_TEXT_MAX, TEXT_REQUIRED | TEXT_MULTILINE, diag)) !=
	    HERR_OK)
		goto out;
	e = write_fail(store_meeting_cancel(st, meeting_id, reason, expected,
	    cx->by, cx->now, cx->conflict), "conference", diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_invitee_add(struct store *st, int64_t meeting_id, struct invitee *i,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	i->id = 0;
	/* Attendance is recorded for everyone at once, on the day. */
	i->attendance = ATTEND_NOT_RECORDED;
	if (i->kind != INVITEE_AGENCY)
		i->report_expected = false;
	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED | HELD, "name", "no one more can be "
	    "invited", diag)) != HERR_OK ||
	    (e = meeting_check_invitee(m, i, cx->today, diag)) != HERR_OK)
		goto out;
	e = write_fail(store_invitee_add(st, meeting_id, i), "invitation",
	    diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_attendance_set(struct store *st, int64_t meeting_id,
    const enum attendance *att, int n, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	char d[HDATE_LEN], f[32];
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = stale(st, m, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED | HELD, "attendance", "attendance "
	    "cannot be recorded", diag)) != HERR_OK)
		goto out;
	if (n != m->n_invitees) {
		e = hdiag_set(diag, HERR_INVALID, "attendance", "",
		    "Record attendance for all %d people invited",
		    m->n_invitees);
		goto out;
	}
	if (m->date > cx->today) {
		e = hdiag_set(diag, HERR_INVALID, "attendance",
		    hdate_format(m->date, d), "Attendance is recorded on or "
		    "after the conference day, %s", d);
		goto out;
	}
	for (int i = 0; i < n; i++)
		if ((int)att[i] < 0 || (int)att[i] >= ATTEND__COUNT) {
			snprintf(f, sizeof(f), "attendance[%d]", i);
			e = hdiag_set(diag, HERR_INVALID, f, "", "Choose "
			    "whether %s attended", m->invitees[i].name);
			goto out;
		}
	/* The meeting's version moves on first (its booking details
	 * written back unchanged), so two people recording attendance
	 * cannot overwrite each other unseen. */
	if ((e = write_fail(store_meeting_update(st, m, expected, cx->by,
	    cx->now, cx->conflict), "conference", diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < n && e == HERR_OK; i++)
		e = write_fail(store_invitee_attendance(st, meeting_id,
		    m->invitees[i].id, att[i]), "attendance record", diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_report_submit(struct store *st, int64_t meeting_id,
    struct agency_report *r, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	const struct agency_report *base = NULL;
	struct meeting *m = NULL;
	char d[HDATE_LEN], v[24];
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK)
		goto out;
	if (r->id != 0) {
		for (int i = 0; i < m->n_reports; i++)
			if (m->reports[i].id == r->id)
				base = &m->reports[i];
		if (base == NULL) {
			snprintf(v, sizeof(v), "%lld", (long long)r->id);
			e = hdiag_set(diag, HERR_NOTFOUND, "id", v, "This "
			    "conference has no report with id %s", v);
			goto out;
		}
		/* Replacing changes the words, never whose report it is. */
		r->invitee_id = base->invitee_id;
		r->shared_on = base->shared_on;
		if (base->shared_on != HDAY_NONE) {
			e = hdiag_set(diag, HERR_INVALID, "text",
			    hdate_format(base->shared_on, d), "This report "
			    "was shared with the family on %s and can no "
			    "longer be changed", d);
			goto out;
		}
	}
	r->author_id = cx->by;
	r->submitted_at = cx->now;
	if ((e = meeting_check_report(m, r, cx->today, diag)) != HERR_OK)
		goto out;
	if (r->id == 0)
		e = write_fail(store_report_add(st, meeting_id, r), "report",
		    diag);
	else if ((e = write_fail(store_report_update(st, r, expected, cx->by,
	    cx->now, cx->conflict), "report", diag)) == HERR_OK)
		r->version = expected + 1;
out:
	meeting_free(m);
	return e;
}

enum herr
record_report_share(struct store *st, int64_t meeting_id, int64_t report_id,
    hday day, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	const struct agency_report *r = NULL;
	struct meeting *m = NULL;
	char d[HDATE_LEN], v[24];
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED | HELD, "shared_on", "its reports are "
	    "not shared", diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < m->n_reports; i++)
		if (m->reports[i].id == report_id)
			r = &m->reports[i];
	if (r == NULL) {
		snprintf(v, sizeof(v), "%lld", (long long)report_id);
		e = hdiag_set(diag, HERR_NOTFOUND, "id", v, "This conference "
		    "has no report with id %s", v);
		goto out;
	}
	if (day == HDAY_NONE) {
		e = hdiag_set(diag, HERR_INVALID, "shared_on", "",
		    "Give the date the report was shared with the family");
		goto out;
	}
	if (day > cx->today) {
		e = hdiag_set(diag, HERR_INVALID, "shared_on",
		    hdate_format(day, d), "The date the report was shared with "
		    "the family, %s, is in the future", d);
		goto out;
	}
	e = write_fail(store_report_share(st, report_id, day, expected, cx->by,
	    cx->now, cx->conflict), "report", diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_participation_set(struct store *st, int64_t meeting_id,
    const struct meeting_child *c, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	struct child *child = xmalloc(sizeof(*child));
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = stale(st, m, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED | HELD, "part", "how the child took "
	    "part is not recorded", diag)) != HERR_OK)
		goto out;
	/* Walsall's 10+ rule needs the child's date of birth. */
	if ((e = store_child_get(st, c->child_id, child)) != HERR_OK) {
		e = hdiag_set(diag, e == HERR_NOTFOUND ? HERR_INVALID : e,
		    "child_id", "", "This child is not one the conference is "
		    "about");
		goto out;
	}
	if ((e = meeting_check_participation(m, c, child->birth_date,
	    diag)) != HERR_OK)
		goto out;
	e = write_fail(store_meeting_child_set(st, meeting_id, c, expected,
	    cx->by, cx->now, cx->conflict), "conference", diag);
out:
	free(child);
	meeting_free(m);
	return e;
}

enum herr
record_view_add(struct store *st, int64_t meeting_id,
    struct threshold_view *v, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	(void)cx;
	v->id = 0;
	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED | HELD, "name", "no view can be "
	    "recorded", diag)) != HERR_OK ||
	    (e = meeting_check_view(m, v, diag)) != HERR_OK)
		goto out;
	e = write_fail(store_view_add(st, meeting_id, v), "view", diag);
out:
	meeting_free(m);
	return e;
}

/* Each child's part in the conference the meeting becomes: the caller's
 * decisions, in the meeting's order, with the enquiry an ICPC follows or
 * the plan a review reviews found in the child's journey. */
static enum herr
conference_from(struct store *st, const struct meeting *m,
    struct conference *c, struct hdiag *diag)
{
	struct journey *j = journey_new();
	const struct s47 *s;
	const struct plan *p;
	enum herr e = HERR_OK;

	if (c->n_children != m->n_children) {
		e = hdiag_set(diag, HERR_INVALID, "children", "",
		    "Record the decision for each of the %d children of the "
		    "conference", m->n_children);
		goto out;
	}
	c->id = 0;
	c->kind = m->kind;
	c->held_date = m->date;
	c->chair_id = m->chair_id;
	c->notified_date = m->kind == CONF_TRANSFER_IN ? m->notified_date :
	    HDAY_NONE;
	for (int i = 0; i < m->n_children; i++) {
		struct conference_child *cc = &c->children[i];

		if (cc->child_id != 0 &&
		    cc->child_id != m->children[i].child_id) {
			e = hdiag_set(diag, HERR_INVALID, "children", "",
			    "The decisions are not in the order of the "
			    "conference's children");
			goto out;
		}
		cc->child_id = m->children[i].child_id;
		cc->s47_id = 0;
		cc->plan_id = 0;
		cc->due_date = HDAY_NONE;
		if (m->kind == CONF_TRANSFER_IN)
			continue;
		if ((e = store_journey_load(st, cc->child_id, j, diag)) !=
		    HERR_OK)
			goto out;
		if (m->kind == CONF_INITIAL && (s = icpc_s47(j)) != NULL)
			cc->s47_id = s->id;
		if (m->kind == CONF_REVIEW &&
		    (p = journey_open_plan(j, PLAN_CP)) != NULL)
			cc->plan_id = p->id;
	}
out:
	journey_free(j);
	return e;
}

enum herr
record_meeting_decide(struct store *st, int64_t meeting_id,
    struct conference *c, const char *dissent, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	char d[HDATE_LEN];
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = stale(st, m, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(m, BOOKED, "decision", "the decision is made "
	    "once", diag)) != HERR_OK)
		goto out;
	if (m->date > cx->today) {
		e = hdiag_set(diag, HERR_INVALID, "date",
		    hdate_format(m->date, d), "The conference is on %s: the "
		    "decision is recorded on or after the day", d);
		goto out;
	}
	if ((e = text_check("dissent", "The dissent", dissent,
	    MEETING_TEXT_MAX, TEXT_MULTILINE, diag)) != HERR_OK ||
	    (e = conference_from(st, m, c, diag)) != HERR_OK ||
	    (e = record_conference_add(st, c, cx, diag)) != HERR_OK)
		goto out;
	e = write_fail(store_meeting_held(st, meeting_id, c->id,
	    dissent != NULL ? dissent : "", expected, cx->by, cx->now,
	    cx->conflict), "conference", diag);
out:
	meeting_free(m);
	return e;
}

/* The conference's part for child `child_id` in journey j, or NULL. */
static const struct conference_child *
part_in(const struct journey *j, int64_t conference_id, int64_t child_id)
{
	for (int i = 0; i < j->n_conferences; i++) {
		const struct conference *c = &j->conferences[i];

		if (c->id != conference_id)
			continue;
		for (int k = 0; k < c->n_children; k++)
			if (c->children[k].child_id == child_id)
				return &c->children[k];
	}
	return NULL;
}

enum herr
record_meeting_plan_save(struct store *st, const struct meeting *m,
    int64_t expected, const struct journey_ctx *cx,
    struct sos_warnings *warn, struct hdiag *diag)
{
	int64_t plan_id[CONFERENCE_CHILDREN_MAX];
	int64_t plan_version[CONFERENCE_CHILDREN_MAX];
	struct meeting *cur = NULL;
	struct journey *j = journey_new();
	struct plan *p = xcalloc(1, sizeof(*p));
	enum herr e;

	if (warn != NULL)
		warn->n = 0;
	if ((e = load(st, m->id, &cur, diag)) != HERR_OK ||
	    (e = stale(st, cur, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(cur, HELD, "outcomes", "the plan is written "
	    "once the chair has decided", diag)) != HERR_OK)
		goto out;
	memcpy(cur->outcomes, m->outcomes, sizeof(cur->outcomes));
	cur->n_outcomes = m->n_outcomes;
	memcpy(cur->actions, m->actions, sizeof(cur->actions));
	cur->n_actions = m->n_actions;
	memcpy(cur->contingency, m->contingency, sizeof(cur->contingency));
	memcpy(cur->child_seen, m->child_seen, sizeof(cur->child_seen));
	memcpy(cur->core, m->core, sizeof(cur->core));
	cur->n_core = m->n_core;
	if ((e = meeting_check_plan(cur, warn, diag)) != HERR_OK)
		goto out;
	/* The core group goes onto each child's CP plan that this
	 * conference started or continued and that is still open; its
	 * rule is checked here, before anything is written. */
	p->kind = PLAN_CP;
	memcpy(p->core_group, cur->core, sizeof(p->core_group));
	p->n_core_group = cur->n_core;
	if ((e = journey_check_core_group(p, diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < cur->n_children; i++) {
		const struct conference_child *cc;
		const struct plan *open;

		plan_id[i] = 0;
		plan_version[i] = 0;
		if ((e = store_journey_load(st, cur->children[i].child_id, j,
		    diag)) != HERR_OK)
			goto out;
		cc = part_in(j, cur->conference_id, cur->children[i].child_id);
		if (cc == NULL || cc->plan_id == 0 ||
		    (open = journey_plan(j, cc->plan_id)) == NULL ||
		    open->kind != PLAN_CP || open->end_date != HDAY_NONE)
			continue;
		plan_id[i] = open->id;
		plan_version[i] = open->version;
	}
	if ((e = write_fail(store_meeting_plan_save(st, cur, expected, cx->by,
	    cx->now, cx->conflict), "conference", diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < cur->n_children; i++) {
		if (plan_id[i] == 0)
			continue;
		p->id = plan_id[i];
		p->child_id = cur->children[i].child_id;
		if ((e = record_core_group_set(st, p, plan_version[i], cx,
		    diag)) != HERR_OK)
			goto out;
	}
out:
	free(p);
	journey_free(j);
	meeting_free(cur);
	return e;
}

enum herr
record_minutes_save(struct store *st, int64_t meeting_id,
    const char *minutes, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = stale(st, m, expected, cx, diag)) != HERR_OK ||
	    (e = need_status(m, HELD, "minutes", "the minutes are written "
	    "once the chair has decided", diag)) != HERR_OK ||
	    (e = text_check("minutes", "The minutes", minutes,
	    MEETING_MINUTES_MAX, TEXT_REQUIRED | TEXT_MULTILINE, diag)) !=
	    HERR_OK)
		goto out;
	e = write_fail(store_meeting_minutes_save(st, meeting_id, minutes,
	    expected, cx->by, cx->now, cx->conflict), "conference", diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_send_add(struct store *st, int64_t meeting_id, struct meeting_send *s,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	s->id = 0;
	s->sent_by = cx->by;
	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = meeting_check_send(m, s, cx->now, diag)) != HERR_OK)
		goto out;
	e = write_fail(store_send_add(st, meeting_id, s), "record of a "
	    "document sent", diag);
out:
	meeting_free(m);
	return e;
}

enum herr
record_feedback_add(struct store *st, int64_t meeting_id, struct feedback *f,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct meeting *m = NULL;
	enum herr e;

	f->id = 0;
	f->recorded_by = cx->by;
	f->recorded_at = cx->now;
	if ((e = load(st, meeting_id, &m, diag)) != HERR_OK ||
	    (e = need_status(m, HELD, "given_on", "feedback is given after "
	    "it", diag)) != HERR_OK ||
	    (e = meeting_check_feedback(m, f, cx->today, diag)) != HERR_OK)
		goto out;
	e = write_fail(store_feedback_add(st, meeting_id, f), "feedback",
	    diag);
out:
	meeting_free(m);
	return e;
}
