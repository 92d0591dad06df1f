/*
 * timescale.c: when each step of a child's journey is due, and whether it
 * was done in time.
 *
 * Owns the statutory timescales (the table in timescale.h) and the reading
 * of the authority's local intervals.  Every timed step is a series on one
 * clock: the first item runs from the event that starts the clock, and
 * item k+1 runs from the day item k was done, so a late visit moves the
 * next one with it.  A series stops with its plan or episode: an item still
 * open when the plan ended is dropped rather than left overdue for ever,
 * while an item done stays with the date it was due.  Nothing here reads
 * the clock or allocates; calendar.h does the working-day arithmetic with
 * its convention (the day of the event is day 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "core/timescale.h"
#include "core/banned.h"

/* WT2023 and CPPCR 2010: the fixed timescales. */
#define DECISION_WD 1		/* referral decision: 1 working day */
#define ASSESSMENT_WD 45	/* child and family assessment */
#define ICPC_WD 15		/* ICPC from the strategy discussion */
#define TRANSFER_IN_WD 15	/* transfer-in from notification (Tees) */
#define FIRST_CORE_GROUP_WD 10	/* first core group from the ICPC */
#define FIRST_RCPC_MONTHS 3
#define RCPC_MONTHS 6
#define FIRST_LAC_REVIEW_WD 20	/* reg 33 */
#define SECOND_LAC_REVIEW_MONTHS 3
#define LAC_REVIEW_MONTHS 6
#define FIRST_LAC_VISIT_WEEKS 1	/* reg 28 */
#define LAC_VISIT_WEEKS 6
#define LONG_TERM_VISIT_MONTHS 3

#define INTERVAL_MAX 365
#define SOON_WD 5

struct step_name {
	const char *code;
	const char *label;
};

static const struct step_name steps[STEP__COUNT] = {
	[STEP_DECISION] = { "decision", "Referral decision" },
	[STEP_ASSESSMENT] = { "assessment", "Child and family assessment" },
	[STEP_ICPC] = { "icpc", "Initial child protection conference" },
	[STEP_TRANSFER_IN] = { "transfer-in", "Transfer-in conference" },
	[STEP_CORE_GROUP] = { "core-group", "Core group" },
	[STEP_RCPC] = { "rcpc", "Review child protection conference" },
	[STEP_VISIT] = { "visit", "Visit" },
	[STEP_CIN_REVIEW] = { "cin-review", "Child in need review" },
	[STEP_LAC_REVIEW] = { "lac-review", "Looked-after review" },
	[STEP_LAC_VISIT] = { "lac-visit", "Looked-after visit" },
};

const char *
due_step_code(enum due_step s)
{
	return (int)s >= 0 && (int)s < STEP__COUNT ? steps[s].code : "";
}

const char *
due_step_label(enum due_step s)
{
	return (int)s >= 0 && (int)s < STEP__COUNT ? steps[s].label :
	    "Unknown";
}

int
due_step_parse(const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < STEP__COUNT; i++)
		if (strcmp(steps[i].code, code) == 0)
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Intervals
 */

static const struct {
	const char *one, *many;
} units[UNIT__COUNT] = {
	[UNIT_WORKING_DAYS] = { "working day", "working days" },
	[UNIT_DAYS] = { "day", "days" },
	[UNIT_WEEKS] = { "week", "weeks" },
	[UNIT_MONTHS] = { "month", "months" },
};

void
intervals_default(struct intervals *iv)
{
	/* Liverpool, Central Bedfordshire: CP visits every 10 working days */
	iv->cp_visit = (struct interval){ 10, UNIT_WORKING_DAYS };
	/* Blackpool: core groups 4-weekly */
	iv->core_group = (struct interval){ 4, UNIT_WEEKS };
	/* Sefton: CIN visits and meetings 4-weekly */
	iv->cin_visit = (struct interval){ 4, UNIT_WEEKS };
	iv->cin_review = (struct interval){ 3, UNIT_MONTHS };
}

static bool
interval_ok(const struct interval *iv)
{
	return iv->n >= 1 && iv->n <= INTERVAL_MAX && (int)iv->unit >= 0 &&
	    (int)iv->unit < UNIT__COUNT;
}

enum herr
interval_parse(const char *s, struct interval *out, const char *field,
    struct hdiag *diag)
{
	const char *p = s, *w;
	size_t len;
	int n = 0, digits = 0;

	if (s == NULL || s[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "The interval is missing: write it like \"10 working "
		    "days\", \"4 weeks\", \"28 days\" or \"3 months\"");
	while (*p == ' ')
		p++;
	while (*p >= '0' && *p <= '9' && digits < 7) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || digits == 7 || *p != ' ')
		goto bad;
	while (*p == ' ')
		p++;
	w = p;
	len = strlen(w);
	while (len > 0 && w[len - 1] == ' ')
		len--;
	for (int u = 0; u < UNIT__COUNT; u++) {
		/* Either number: "1 weeks" and "2 week" mean what they say. */
		if ((strlen(units[u].one) == len &&
		    strncasecmp(w, units[u].one, len) == 0) ||
		    (strlen(units[u].many) == len &&
		    strncasecmp(w, units[u].many, len) == 0)) {
			if (n < 1 || n > INTERVAL_MAX)
				return hdiag_set(diag, HERR_INVALID, field, s,
				    "The interval \"%s\" must be between 1 and "
				    "%d %s", s, INTERVAL_MAX, units[u].many);
			out->n = n;
			out->unit = (enum interval_unit)u;
			return HERR_OK;
		}
	}
bad:
	return hdiag_set(diag, HERR_INVALID, field, s,
	    "\"%s\" is not an interval: write it like \"10 working days\", "
	    "\"4 weeks\", \"28 days\" or \"3 months\"", s);
}

char *
interval_format(const struct interval *iv, char *buf, int cap)
{
	const char *word;

	if (buf == NULL || cap < 1)
		return buf;
	if ((int)iv->unit < 0 || (int)iv->unit >= UNIT__COUNT)
		word = "?";
	else
		word = iv->n == 1 ? units[iv->unit].one : units[iv->unit].many;
	snprintf(buf, (size_t)cap, "%d %s", iv->n, word);
	return buf;
}

/* True if `day` lies in the years the calendar knows. */
static bool
in_calendar(hday day)
{
	int y, m, d;

	if (day == HDAY_NONE)
		return false;
	hdate_to_ymd(day, &y, &m, &d);
	return y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR;
}

enum herr
interval_add(const struct interval *iv, hday from, hday *out)
{
	hday to;

	if (!interval_ok(iv))
		return HERR_INVALID;
	if (!in_calendar(from))
		return HERR_RANGE;
	switch (iv->unit) {
	case UNIT_WORKING_DAYS:
		return calendar_add_working_days(from, iv->n, out);
	case UNIT_DAYS:
		to = from + iv->n;
		break;
	case UNIT_WEEKS:
		to = from + 7 * iv->n;
		break;
	default:
		/* "within 3 months": 30 November + 3 months = 28 February */
		to = hdate_add_months(from, iv->n);
		break;
	}
	if (!in_calendar(to))
		return HERR_RANGE;
	*out = to;
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Computing the items
 */

struct sink {
	struct due_item *out;
	int cap, n;
	int64_t child_id;
};

static enum herr
emit(struct sink *k, enum due_step step, int seq, int64_t ref_id, hday from,
    hday due, hday done, int64_t done_id)
{
	struct due_item *it;

	if (k->n >= k->cap)
		return HERR_INVALID;
	it = &k->out[k->n++];
	it->child_id = k->child_id;
	it->step = step;
	it->seq = seq;
	it->ref_id = ref_id;
	it->from = from;
	it->due = due;
	it->done = done;
	it->done_id = done != HDAY_NONE ? done_id : 0;
	return HERR_OK;
}

static enum herr
add_wd(hday from, int n, hday *out)
{
	struct interval iv = { n, UNIT_WORKING_DAYS };

	return interval_add(&iv, from, out);
}

/* This child's part in conference c, or NULL. */
static const struct conference_child *
part_of(const struct conference *c, int64_t child_id)
{
	for (int i = 0; i < c->n_children && i < CONFERENCE_CHILDREN_MAX; i++)
		if (c->children[i].child_id == child_id)
			return &c->children[i];
	return NULL;
}

/* The referral decision: 1 working day from the referral (WT2023). */
static enum herr
decision_item(struct sink *k, const struct cin_episode *ep,
    const struct referral *r)
{
	hday due, done = HDAY_NONE;
	enum herr e;

	if (ep->referral_date == HDAY_NONE)
		return HERR_OK;
	if (r->decision != DECISION_NONE && r->decision_date != HDAY_NONE)
		done = r->decision_date;
	else if (ep->closure_date != HDAY_NONE)
		return HERR_OK;		/* closed undecided: nothing due */
	if ((e = add_wd(ep->referral_date, DECISION_WD, &due)) != HERR_OK)
		return e;
	return emit(k, STEP_DECISION, 1, ep->id, ep->referral_date, due, done,
	    ep->id);
}

/*
 * Assessments: 45 working days from the referral for the first in the
 * episode (WT2023; 8670Q), from its own start for any later one.  One is
 * due as soon as the decision is to assess, before it has started.
 */
static enum herr
assessment_items(struct sink *k, const struct journey *j,
    const struct cin_episode *ep, const struct referral *r)
{
	const struct assessment *a;
	hday after_day = HDAY_NONE, from, due;
	int after_idx = -1, seq = 0;
	enum herr e;

	if (ep->referral_date == HDAY_NONE)
		return HERR_OK;
	for (;;) {
		int best = -1;

		/* The next assessment of the episode by (start, index). */
		for (int i = 0; i < j->n_assessments; i++) {
			a = &j->assessments[i];
			if (a->episode_id != ep->id ||
			    a->start_date == HDAY_NONE)
				continue;
			if (a->start_date < after_day ||
			    (a->start_date == after_day && i <= after_idx))
				continue;
			if (best < 0 || a->start_date <
			    j->assessments[best].start_date)
				best = i;
		}
		if (best < 0)
			break;
		a = &j->assessments[best];
		after_day = a->start_date;
		after_idx = best;
		seq++;
		if (a->authorised_date == HDAY_NONE &&
		    ep->closure_date != HDAY_NONE)
			continue;	/* left open in a closed episode */
		from = seq == 1 ? ep->referral_date : a->start_date;
		if ((e = add_wd(from, ASSESSMENT_WD, &due)) != HERR_OK ||
		    (e = emit(k, STEP_ASSESSMENT, seq, ep->id, from, due,
		    a->authorised_date, a->id)) != HERR_OK)
			return e;
	}
	if (seq > 0 || r->decision != DECISION_ASSESSMENT ||
	    ep->closure_date != HDAY_NONE)
		return HERR_OK;
	if ((e = add_wd(ep->referral_date, ASSESSMENT_WD, &due)) != HERR_OK)
		return e;
	return emit(k, STEP_ASSESSMENT, 1, ep->id, ep->referral_date, due,
	    HDAY_NONE, 0);
}

/*
 * The initial conference: 15 working days from the strategy discussion at
 * which the s47 began (WT2023; 8675Q).  It is due while the enquiry is open
 * or has decided on a conference; the conference that does it is the one
 * linked to the enquiry, else the first initial conference for the child on
 * or after the enquiry began that no other enquiry claims.
 */
static enum herr
icpc_item(struct sink *k, const struct journey *j, const struct s47 *s)
{
	const struct strategy *st = journey_s47_strategy(j, s);
	const struct conference *held = NULL;
	const struct cin_episode *ep;
	hday from, due;
	bool linked;
	enum herr e;

	for (int i = 0; i < j->n_conferences && held == NULL; i++) {
		const struct conference *c = &j->conferences[i];
		const struct conference_child *cc = part_of(c, j->child.id);

		if (c->kind == CONF_INITIAL && cc != NULL &&
		    cc->s47_id == s->id && s->id != 0)
			held = c;
	}
	linked = held != NULL;
	/* Older records without the link: the first unclaimed ICPC. */
	for (int i = 0; i < j->n_conferences && !linked; i++) {
		const struct conference *c = &j->conferences[i];
		const struct conference_child *cc = part_of(c, j->child.id);

		if (c->kind != CONF_INITIAL || cc == NULL || cc->s47_id != 0 ||
		    c->held_date == HDAY_NONE || c->held_date < s->start_date)
			continue;
		if (held == NULL || c->held_date < held->held_date)
			held = c;
	}
	if (held == NULL) {
		if (s->outcome != S47_OPEN && s->outcome != S47_CONFERENCE)
			return HERR_OK;
		ep = journey_episode(j, s->episode_id);
		if (ep != NULL && ep->closure_date != HDAY_NONE)
			return HERR_OK;
	}
	from = st != NULL ? st->held_date : s->start_date;
	if (from == HDAY_NONE)
		return HERR_OK;
	if ((e = add_wd(from, ICPC_WD, &due)) != HERR_OK)
		return e;
	return emit(k, STEP_ICPC, 1, s->id, from, due,
	    held != NULL ? held->held_date : HDAY_NONE,
	    held != NULL ? held->id : 0);
}

/* Tees: a transfer-in conference within 15 working days of notice. */
static enum herr
transfer_in_item(struct sink *k, const struct journey *j,
    const struct conference *c)
{
	hday due;
	enum herr e;

	if (c->kind != CONF_TRANSFER_IN || c->notified_date == HDAY_NONE ||
	    part_of(c, j->child.id) == NULL)
		return HERR_OK;
	if ((e = add_wd(c->notified_date, TRANSFER_IN_WD, &due)) != HERR_OK)
		return e;
	return emit(k, STEP_TRANSFER_IN, 1, c->id, c->notified_date, due,
	    c->held_date, c->id);
}

/* The record that does the next item of a series: an event, or for review
 * conferences a conference. */
struct done {
	hday day;
	int64_t id;
};

/* A position in a list ordered by (date, index). */
struct cursor {
	hday day;
	int idx;
};

static bool
after(hday day, int idx, const struct cursor *c)
{
	return day > c->day || (day == c->day && idx > c->idx);
}

/* Review conferences of plan p (as journey.c reads the link: the plan the
 * child's part names, else a review held while the plan ran). */
static bool
reviews_plan(const struct journey *j, const struct conference *c,
    const struct plan *p)
{
	const struct conference_child *cc = part_of(c, j->child.id);

	if (c->kind != CONF_REVIEW || cc == NULL)
		return false;
	if (cc->plan_id != 0)
		return cc->plan_id == p->id;
	return c->held_date > p->start_date &&
	    (p->end_date == HDAY_NONE || c->held_date <= p->end_date);
}

static bool
next_done(const struct journey *j, const struct plan *p, enum due_step step,
    struct cursor *cur, struct done *out)
{
	static const enum event_kind kinds[STEP__COUNT] = {
		[STEP_CORE_GROUP] = EVENT_CORE_GROUP,
		[STEP_VISIT] = EVENT_VISIT,
		[STEP_CIN_REVIEW] = EVENT_CIN_REVIEW,
		[STEP_LAC_REVIEW] = EVENT_LAC_REVIEW,
		[STEP_LAC_VISIT] = EVENT_LAC_VISIT,
	};
	int best = -1;
	hday best_day = HDAY_NONE;

	if (step == STEP_RCPC) {
		for (int i = 0; i < j->n_conferences; i++) {
			const struct conference *c = &j->conferences[i];

			if (c->held_date == HDAY_NONE ||
			    !after(c->held_date, i, cur) ||
			    !reviews_plan(j, c, p))
				continue;
			if (best < 0 || c->held_date < best_day) {
				best = i;
				best_day = c->held_date;
			}
		}
		if (best < 0)
			return false;
		out->id = j->conferences[best].id;
	} else {
		for (int i = 0; i < j->n_events; i++) {
			const struct plan_event *e = &j->events[i];

			if (e->plan_id != p->id || e->kind != kinds[step] ||
			    e->held_date == HDAY_NONE ||
			    !after(e->held_date, i, cur))
				continue;
			if (best < 0 || e->held_date < best_day) {
				best = i;
				best_day = e->held_date;
			}
		}
		if (best < 0)
			return false;
		out->id = j->events[best].id;
	}
	out->day = best_day;
	cur->day = best_day;
	cur->idx = best;
	return true;
}

/* The interval item `seq` of a series runs for, from `from`. */
static struct interval
series_interval(enum due_step step, const struct plan *p, int seq, hday from,
    const struct intervals *iv)
{
	switch (step) {
	case STEP_CORE_GROUP:
		/* WT2023: the first within 10 working days of the ICPC */
		return seq == 1 ? (struct interval){ FIRST_CORE_GROUP_WD,
		    UNIT_WORKING_DAYS } : iv->core_group;
	case STEP_RCPC:
		/* WT2023: within 3 months of the ICPC, then 6-monthly */
		return (struct interval){ seq == 1 ? FIRST_RCPC_MONTHS :
		    RCPC_MONTHS, UNIT_MONTHS };
	case STEP_VISIT:
		return p->kind == PLAN_CIN ? iv->cin_visit : iv->cp_visit;
	case STEP_CIN_REVIEW:
		return iv->cin_review;
	case STEP_LAC_REVIEW:
		/* CPPCR 2010 reg 33: 20 working days, 3 months, 6 months */
		if (seq == 1)
			return (struct interval){ FIRST_LAC_REVIEW_WD,
			    UNIT_WORKING_DAYS };
		return (struct interval){ seq == 2 ? SECOND_LAC_REVIEW_MONTHS :
		    LAC_REVIEW_MONTHS, UNIT_MONTHS };
	default:
		/* CPPCR 2010 reg 28: within a week, 6-weekly in the first
		 * year, then 3-monthly for a placement meant to last to 18 */
		if (seq == 1)
			return (struct interval){ FIRST_LAC_VISIT_WEEKS,
			    UNIT_WEEKS };
		if (p->long_term && from >= hdate_add_months(p->start_date, 12))
			return (struct interval){ LONG_TERM_VISIT_MONTHS,
			    UNIT_MONTHS };
		return (struct interval){ LAC_VISIT_WEEKS, UNIT_WEEKS };
	}
}

/* One series under plan p: every item done, then the next one open while
 * the plan is. */
static enum herr
series(struct sink *k, const struct journey *j, const struct plan *p,
    enum due_step step, const struct intervals *iv)
{
	struct cursor cur = { HDAY_NONE, -1 };
	struct interval ivl;
	struct done d;
	hday from = p->start_date, due;
	enum herr e;

	for (int seq = 1;; seq++) {
		ivl = series_interval(step, p, seq, from, iv);
		if ((e = interval_add(&ivl, from, &due)) != HERR_OK)
			return e;
		if (!next_done(j, p, step, &cur, &d)) {
			if (p->end_date != HDAY_NONE)
				return HERR_OK;
			return emit(k, step, seq, p->id, from, due, HDAY_NONE,
			    0);
		}
		if ((e = emit(k, step, seq, p->id, from, due, d.day, d.id)) !=
		    HERR_OK)
			return e;
		from = d.day;
	}
}

static enum herr
plan_items(struct sink *k, const struct journey *j, const struct plan *p,
    const struct intervals *iv)
{
	static const enum due_step cp[] = { STEP_CORE_GROUP, STEP_RCPC,
	    STEP_VISIT };
	static const enum due_step cin[] = { STEP_VISIT, STEP_CIN_REVIEW };
	static const enum due_step lac[] = { STEP_LAC_REVIEW, STEP_LAC_VISIT };
	const enum due_step *list;
	enum herr e;
	int n;

	if (p->start_date == HDAY_NONE)
		return HERR_OK;
	switch (p->kind) {
	case PLAN_CP:
		list = cp;
		n = (int)(sizeof(cp) / sizeof(cp[0]));
		break;
	case PLAN_CIN:
		list = cin;
		n = (int)(sizeof(cin) / sizeof(cin[0]));
		break;
	case PLAN_LAC:
		list = lac;
		n = (int)(sizeof(lac) / sizeof(lac[0]));
		break;
	default:
		return HERR_OK;
	}
	for (int i = 0; i < n; i++)
		if ((e = series(k, j, p, list[i], iv)) != HERR_OK)
			return e;
	return HERR_OK;
}

/* By due date, done before open on the same day, then a fixed order so
 * the result never depends on qsort. */
static int
item_cmp(const void *pa, const void *pb)
{
	const struct due_item *a = pa, *b = pb;
	int ao = a->done == HDAY_NONE, bo = b->done == HDAY_NONE;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (ao != bo)
		return ao - bo;
	if (a->step != b->step)
		return (int)a->step < (int)b->step ? -1 : 1;
	if (a->ref_id != b->ref_id)
		return a->ref_id < b->ref_id ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

enum herr
timescale_compute(const struct journey *j, const struct intervals *iv,
    struct due_item *out, int cap, int *n)
{
	struct sink k = { out, cap, 0, j->child.id };
	enum herr e = HERR_OK;

	*n = 0;
	for (int i = 0; i < j->n_episodes && e == HERR_OK; i++)
		if ((e = decision_item(&k, &j->episodes[i],
		    &j->referrals[i])) == HERR_OK)
			e = assessment_items(&k, j, &j->episodes[i],
			    &j->referrals[i]);
	for (int i = 0; i < j->n_s47s && e == HERR_OK; i++)
		e = icpc_item(&k, j, &j->s47s[i]);
	for (int i = 0; i < j->n_conferences && e == HERR_OK; i++)
		e = transfer_in_item(&k, j, &j->conferences[i]);
	for (int i = 0; i < j->n_plans && e == HERR_OK; i++)
		e = plan_items(&k, j, &j->plans[i], iv);
	if (e != HERR_OK)
		return e;
	qsort(out, (size_t)k.n, sizeof(*out), item_cmp);
	*n = k.n;
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * An item on a given day
 */

enum due_status
due_item_status(const struct due_item *it, hday today)
{
	hday soon;

	if (it->done != HDAY_NONE)
		return it->done <= it->due ? DUE_DONE_ON_TIME : DUE_DONE_LATE;
	if (it->due < today)
		return DUE_OVERDUE;
	if (calendar_add_working_days(today, SOON_WD, &soon) != HERR_OK)
		return DUE_LATER;
	return it->due <= soon ? DUE_SOON : DUE_LATER;
}

const char *
due_status_code(enum due_status s)
{
	switch (s) {
	case DUE_LATER:
	case DUE_SOON:
		return "due";
	case DUE_OVERDUE:
		return "overdue";
	case DUE_DONE_ON_TIME:
		return "done";
	case DUE_DONE_LATE:
		return "late";
	}
	return "";
}

int
due_item_days_late(const struct due_item *it, hday today)
{
	hday end = it->done != HDAY_NONE ? it->done : today;
	int n;

	if (end <= it->due)
		return 0;
	if (calendar_working_days_between(it->due, end, &n) != HERR_OK)
		return end - it->due;	/* outside the calendar: days */
	return n;
}
