/*
 * record_journey.c: the child protection journey's door (record.h).  Each
 * function loads the child's whole journey, applies journey.h's rule for
 * the step, sets on the record the due date the step is measured against
 * (timescale.h), writes through store_journey.h and then recomputes the
 * child's due items, so the `due` table never disagrees with the journey.
 *
 * Nothing is written until every rule has passed: a refusal (HERR_INVALID,
 * HERR_NOTFOUND) returns with the database as it was, and so does a
 * version conflict, because the versioned update is always a function's
 * first write.  A step made of several writes (a decision that closes the
 * episode, a conference and the plans it starts or ends, an s47 outcome
 * that starts a CIN plan) can fail after its first write only for a
 * reason of the database's own; the store refuses every journey write
 * outside a transaction, so the caller's rollback then removes the part
 * already written.  This file never reads or writes SQL itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_journey.h"
#include "core/banned.h"

/* The id a step not yet stored carries while its due date is worked out
 * on a copy of the journey that includes it. */
#define PENDING_ID INT64_MAX

/* Enough items for any journey (timescale.h). */
#define DUE_ITEMS_MAX (JOURNEY_EVENTS_MAX + 4 * JOURNEY_STEPS_MAX)

/* A store write that failed, in words for the person saving `what`. */
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
	case HERR_INVALID:
		return hdiag_set(diag, e, "", "", "This %s has changed since "
		    "you opened it (it may already have ended)", what);
	default:
		return hdiag_set(diag, e, "", "", "The %s could not be saved: "
		    "the database refused the change", what);
	}
}

static enum herr
no_such(const char *field, const char *what, int64_t id, struct hdiag *diag)
{
	char v[24];

	snprintf(v, sizeof(v), "%lld", (long long)id);
	return hdiag_set(diag, HERR_NOTFOUND, field, v,
	    "The child has no %s with id %s", what, v);
}

/* The child's journey into a new *out (caller frees, also on failure). */
static enum herr
load(struct store *st, int64_t child_id, struct journey **out,
    struct hdiag *diag)
{
	*out = journey_new();
	return store_journey_load(st, child_id, *out, diag);
}

/* j's timed items with intervals iv (NULL: the authority's), into a new
 * heap array *items (caller frees, also on failure). */
static enum herr
compute(struct store *st, const struct journey *j,
    const struct intervals *iv, struct due_item **items, int *n,
    struct hdiag *diag)
{
	struct intervals mine;
	enum herr e;

	*items = xmalloc(DUE_ITEMS_MAX * sizeof(**items));
	*n = 0;
	if (iv == NULL) {
		if ((e = store_intervals_get(st, &mine, diag)) != HERR_OK)
			return e;
		iv = &mine;
	}
	if ((e = timescale_compute(j, iv, *items, DUE_ITEMS_MAX, n)) !=
	    HERR_OK)
		return hdiag_set(diag, e, "", "", "The child's timescales "
		    "could not be worked out (%s)", herr_str(e));
	return HERR_OK;
}

/* Reload child_id's journey into j and rewrite its due items. */
static enum herr
refresh(struct store *st, int64_t child_id, struct journey *j,
    const struct intervals *iv, struct hdiag *diag)
{
	struct due_item *items = NULL;
	enum herr e;
	int n;

	if ((e = store_journey_load(st, child_id, j, diag)) == HERR_OK &&
	    (e = compute(st, j, iv, &items, &n, diag)) == HERR_OK)
		e = write_fail(store_due_replace(st, child_id, items, n),
		    "child's list of due steps", diag);
	free(items);
	return e;
}

/* After a step: child_id's due items afresh, unless the caller defers
 * them (cx->defer_due) to one record_due_refresh of its own. */
static enum herr
after_step(struct store *st, int64_t child_id, struct journey *j,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	if (cx->defer_due)
		return HERR_OK;
	return refresh(st, child_id, j, cx->iv, diag);
}

enum herr
record_due_refresh(struct store *st, int64_t child_id,
    const struct intervals *iv, struct hdiag *diag)
{
	struct journey *j = journey_new();
	enum herr e = refresh(st, child_id, j, iv, diag);

	journey_free(j);
	return e;
}

/* The due date of the item of `step` (for record ref_id; 0 any) that
 * record `done_id` completes in items[n]; HDAY_NONE if none. */
static hday
done_due(const struct due_item *it, int n, enum due_step step,
    int64_t ref_id, int64_t done_id)
{
	for (int i = 0; i < n; i++)
		if (it[i].step == step && it[i].done != HDAY_NONE &&
		    it[i].done_id == done_id &&
		    (ref_id == 0 || it[i].ref_id == ref_id))
			return it[i].due;
	return HDAY_NONE;
}

/* The earliest open item of `step` (for ref_id; 0 any) in items[n]. */
static hday
open_due(const struct due_item *it, int n, enum due_step step,
    int64_t ref_id)
{
	hday best = HDAY_NONE;

	for (int i = 0; i < n; i++)
		if (it[i].step == step && it[i].done == HDAY_NONE &&
		    (ref_id == 0 || it[i].ref_id == ref_id) &&
		    (best == HDAY_NONE || it[i].due < best))
			best = it[i].due;
	return best;
}

/*
 * The due date a step is measured against (timescale.h): the item of
 * `step` that the step, now in j under id done_id, completes; failing
 * that, the open item of `step` it would have completed in `before`, j's
 * items without it.  HDAY_NONE when it completes none (a second
 * assessment in one episode, say).
 */
static enum herr
step_due(struct store *st, const struct journey *j,
    const struct intervals *iv, const struct due_item *before, int nbefore,
    enum due_step step, int64_t ref_id, int64_t done_id, hday *out,
    struct hdiag *diag)
{
	struct due_item *after = NULL;
	enum herr e;
	int n;

	*out = HDAY_NONE;
	if ((e = compute(st, j, iv, &after, &n, diag)) == HERR_OK) {
		*out = done_due(after, n, step, ref_id, done_id);
		if (*out == HDAY_NONE)
			*out = open_due(before, nbefore, step, ref_id);
	}
	free(after);
	return e;
}

/* Lists in date order: move the record just pushed to its place. */
static void
event_settle(struct journey *j)
{
	int i = j->n_events - 1;
	struct plan_event t;

	if (i < 1)
		return;
	t = j->events[i];
	while (i > 0 && j->events[i - 1].held_date > t.held_date) {
		j->events[i] = j->events[i - 1];
		i--;
	}
	j->events[i] = t;
}

static void
conference_settle(struct journey *j)
{
	int i = j->n_conferences - 1;
	struct conference *t;

	if (i < 1)
		return;
	t = xmalloc(sizeof(*t));
	*t = j->conferences[i];
	while (i > 0 && j->conferences[i - 1].held_date > t->held_date) {
		j->conferences[i] = j->conferences[i - 1];
		i--;
	}
	j->conferences[i] = *t;
	free(t);
}

/* ------------------------------------------------------------------ */

enum herr
record_referral_add(struct store *st, struct cin_episode *ep,
    struct referral *r, const struct journey_ctx *cx, struct hdiag *diag)
{
	char c[HDATE_LEN], f[HDATE_LEN];
	enum herr e;

	if (r->decision != DECISION_NONE)
		return hdiag_set(diag, HERR_INVALID, "decision", "",
		    "Record the referral first, then the decision on it");
	/* The contact that led to the referral came first (or the same
	 * day). */
	if (r->contact_date != HDAY_NONE && ep->referral_date != HDAY_NONE &&
	    r->contact_date > ep->referral_date)
		return hdiag_set(diag, HERR_INVALID, "contact_date",
		    hdate_format(r->contact_date, c), "The date of the first "
		    "contact %s is after the referral date %s; it must be on "
		    "or before it", c, hdate_format(ep->referral_date, f));
	if ((e = record_cin_episode_add(st, ep, cx->today, diag)) != HERR_OK)
		return e;
	r->episode_id = ep->id;
	r->version = ep->version > 0 ? ep->version : 1;
	if ((e = write_fail(store_referral_update(st, r, r->version, cx->by,
	    cx->now, NULL), "referral", diag)) != HERR_OK)
		return e;
	if (cx->defer_due)
		return HERR_OK;
	return record_due_refresh(st, ep->child_id, cx->iv, diag);
}

enum herr
record_referral_decide(struct store *st, int64_t child_id,
    const struct referral *r, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, child_id, &j, diag)) != HERR_OK)
		goto out;
	if (journey_episode(j, r->episode_id) == NULL) {
		e = no_such("episode_id", "CIN episode", r->episode_id, diag);
		goto out;
	}
	if ((e = journey_check_decision(j, r, cx->today, diag)) != HERR_OK)
		goto out;
	if ((e = write_fail(store_referral_update(st, r, expected, cx->by,
	    cx->now, cx->conflict), "referral", diag)) != HERR_OK)
		goto out;
	/* Social care's part ends: ReferralNFA (set with the decision) and
	 * the episode closed that day, RC8 no further action, RC9 early
	 * help. */
	if (r->decision == DECISION_NFA || r->decision == DECISION_EARLY_HELP)
		if ((e = write_fail(store_episode_close(st, r->episode_id,
		    r->decision_date, r->decision == DECISION_NFA ? "RC8" :
		    "RC9", cx->by, cx->now), "CIN episode", diag)) != HERR_OK)
			goto out;
	e = after_step(st, child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_assessment_start(struct store *st, struct assessment *a,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, a->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_assessment(j, a, cx->today, diag)) !=
	    HERR_OK ||
	    (e = write_fail(store_assessment_add(st, a, cx->by, cx->now),
	    "assessment", diag)) != HERR_OK)
		goto out;
	e = after_step(st, a->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_assessment_authorise(struct store *st, struct assessment *a,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	struct due_item *before = NULL;
	struct assessment *base = NULL;
	enum herr e;
	int nb;

	if ((e = load(st, a->child_id, &j, diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].id == a->id)
			base = &j->assessments[i];
	if (base == NULL) {
		e = no_such("id", "assessment", a->id, diag);
		goto out;
	}
	/* Authorising changes the end, never where or when it began. */
	a->episode_id = base->episode_id;
	a->start_date = base->start_date;
	if ((e = journey_check_authorise(j, a, cx->today, diag)) != HERR_OK ||
	    (e = compute(st, j, cx->iv, &before, &nb, diag)) != HERR_OK)
		goto out;
	/* WT2023: 45 working days from the referral (8670Q) */
	*base = *a;
	base->due_date = HDAY_NONE;
	if ((e = step_due(st, j, cx->iv, before, nb, STEP_ASSESSMENT, a->episode_id,
	    a->id, &a->due_date, diag)) != HERR_OK ||
	    (e = write_fail(store_assessment_authorise(st, a, expected, cx->by,
	    cx->now, cx->conflict), "assessment", diag)) != HERR_OK)
		goto out;
	e = after_step(st, a->child_id, j, cx, diag);
out:
	free(before);
	journey_free(j);
	return e;
}

enum herr
record_strategy_add(struct store *st, struct strategy *s,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, s->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_strategy(j, s, cx->today, diag)) != HERR_OK ||
	    (e = write_fail(store_strategy_add(st, s, cx->by, cx->now),
	    "strategy discussion", diag)) != HERR_OK)
		goto out;
	e = after_step(st, s->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_s47_start(struct store *st, struct s47 *s,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, s->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_s47(j, s, cx->today, diag)) != HERR_OK ||
	    (e = write_fail(store_s47_add(st, s, cx->by, cx->now),
	    "section 47 enquiry", diag)) != HERR_OK)
		goto out;
	e = after_step(st, s->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

/* A CIN plan starting on `start` in episode `episode_id` (0: the one open
 * that day). */
static void
cin_plan(struct plan *p, int64_t child_id, int64_t episode_id, hday start)
{
	memset(p, 0, sizeof(*p));
	p->kind = PLAN_CIN;
	p->child_id = child_id;
	p->episode_id = episode_id;
	p->start_date = start;
	p->end_date = HDAY_NONE;
}

enum herr
record_s47_outcome(struct store *st, struct s47 *s, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	struct plan *cin = NULL;
	struct s47 *base = NULL;
	enum herr e;

	if ((e = load(st, s->child_id, &j, diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < j->n_s47s; i++)
		if (j->s47s[i].id == s->id)
			base = &j->s47s[i];
	if (base == NULL) {
		e = no_such("id", "section 47 enquiry", s->id, diag);
		goto out;
	}
	s->episode_id = base->episode_id;
	s->strategy_id = base->strategy_id;
	s->start_date = base->start_date;
	if ((e = journey_check_s47_outcome(j, s, cx->today, diag)) != HERR_OK)
		goto out;
	if (s->outcome == S47_CIN_PLAN) {
		/* A child in need plan instead, from the outcome date. */
		*base = *s;
		cin = xmalloc(sizeof(*cin));
		cin_plan(cin, s->child_id, s->episode_id, s->outcome_date);
		if ((e = journey_check_cin_plan(j, cin, cx->today, diag)) !=
		    HERR_OK)
			goto out;
	}
	if ((e = write_fail(store_s47_outcome(st, s, expected, cx->by,
	    cx->now, cx->conflict), "section 47 enquiry", diag)) != HERR_OK)
		goto out;
	if (cin != NULL && (e = write_fail(store_plan_add(st, cin, cx->by,
	    cx->now), "CIN plan", diag)) != HERR_OK)
		goto out;
	e = after_step(st, s->child_id, j, cx, diag);
out:
	free(cin);
	journey_free(j);
	return e;
}

/* Name the child a conference refusal is about: "child_1.held_date". */
static enum herr
child_field(enum herr e, int i, int n, struct hdiag *diag)
{
	char f[sizeof(diag->field) + 16];
	size_t len;

	if (e == HERR_OK || diag == NULL || n < 2)
		return e;
	snprintf(f, sizeof(f), "child_%d.%s", i, diag->field);
	/* Field names are short; a long one is cut, never overrun. */
	len = strlen(f);
	if (len >= sizeof(diag->field))
		len = sizeof(diag->field) - 1;
	memcpy(diag->field, f, len);
	diag->field[len] = '\0';
	return e;
}

/* The step a conference completes for one child, and its clock. */
static enum due_step
conference_step(const struct conference *c, const struct conference_child *cc,
    int64_t *ref_id)
{
	switch (c->kind) {
	case CONF_INITIAL:
		*ref_id = cc->s47_id;	/* WT2023: 15 working days */
		return STEP_ICPC;
	case CONF_REVIEW:
		*ref_id = cc->plan_id;	/* WT2023: 3, then 6 months */
		return STEP_RCPC;
	default:
		*ref_id = PENDING_ID;		/* Tees: 15 working days */
		return STEP_TRANSFER_IN;
	}
}

/*
 * Check child i's part in c against the child's journey j (loaded), fill
 * its plan_id for a review and its due date, and say in which episodes a
 * plan it starts belongs (*cp_ep for a CP plan, *cin_ep for a step-down).
 */
static enum herr
conference_child_check(struct store *st, struct journey *j,
    struct conference *c, int i, const struct journey_ctx *cx,
    int64_t *cp_ep, int64_t *cin_ep, struct hdiag *diag)
{
	struct conference_child *cc = &c->children[i];
	struct conference *copy = NULL;
	struct due_item *before = NULL;
	const struct plan *open;
	const struct cin_episode *ep;
	const struct s47 *s;
	enum due_step step;
	int64_t ref;
	enum herr e;
	int nb;

	*cp_ep = *cin_ep = 0;
	if (c->kind == CONF_REVIEW && cc->plan_id == 0 &&
	    (open = journey_open_plan(j, PLAN_CP)) != NULL)
		cc->plan_id = open->id;
	if ((e = journey_check_conference(j, c, cc, cx->today, diag)) !=
	    HERR_OK)
		return e;
	if (c->kind != CONF_REVIEW && cc->decision == CDEC_PLAN) {
		/* 2885: the plan starts on the conference date, in the
		 * episode of the enquiry (or, arriving, the one open) */
		if (c->kind == CONF_INITIAL &&
		    (s = journey_s47(j, cc->s47_id)) != NULL)
			*cp_ep = s->episode_id;
		else if ((ep = journey_episode_on(j, c->held_date)) != NULL)
			*cp_ep = ep->id;
	}
	if ((e = compute(st, j, cx->iv, &before, &nb, diag)) != HERR_OK)
		goto out;
	copy = xmalloc(sizeof(*copy));
	*copy = *c;
	copy->id = PENDING_ID;
	copy->children[i].due_date = HDAY_NONE;
	if ((e = journey_push_conference(j, copy, diag)) != HERR_OK)
		goto out;
	conference_settle(j);
	step = conference_step(c, cc, &ref);
	if ((e = step_due(st, j, cx->iv, before, nb, step, ref, PENDING_ID,
	    &cc->due_date, diag)) != HERR_OK)
		goto out;
	if (c->kind == CONF_REVIEW && cc->decision == CDEC_END &&
	    cc->step_down) {
		struct plan *cp = NULL, cin;

		for (int k = 0; k < j->n_plans; k++)
			if (j->plans[k].id == cc->plan_id)
				cp = &j->plans[k];
		if (cp == NULL) {
			e = no_such("plan_id", "plan", cc->plan_id, diag);
			goto out;
		}
		/* Step-down: the CIN plan starts the day the CP plan ends
		 * (4001 lets the two touch on that day). */
		cp->end_date = c->held_date;
		cp->end_reason = cc->end_reason;
		cin_plan(&cin, cc->child_id, cp->episode_id, c->held_date);
		if ((e = journey_check_cin_plan(j, &cin, cx->today, diag)) !=
		    HERR_OK)
			goto out;
		*cin_ep = cp->episode_id;
	}
out:
	free(copy);
	free(before);
	return e;
}

/* Write child i's plans as the conference (stored, with its id)
 * decided. */
static enum herr
conference_child_write(struct store *st, struct conference *c, int i,
    int64_t cp_ep, int64_t cin_ep, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	struct conference_child *cc = &c->children[i];
	struct plan *p = xcalloc(1, sizeof(*p));
	enum herr e = HERR_OK;

	if (c->kind != CONF_REVIEW && cc->decision == CDEC_PLAN) {
		p->kind = PLAN_CP;
		p->child_id = cc->child_id;
		p->episode_id = cp_ep;
		p->start_date = c->held_date;		/* 2885 */
		p->end_date = HDAY_NONE;
		p->conference_id = c->id;
		p->initial_category = p->latest_category = cc->category;
		if ((e = write_fail(store_plan_add(st, p, cx->by, cx->now),
		    "child protection plan", diag)) == HERR_OK &&
		    (e = write_fail(store_conference_child_plan(st, c->id,
		    cc->child_id, p->id), "conference", diag)) == HERR_OK)
			cc->plan_id = p->id;
	} else if (cc->decision == CDEC_CONTINUE) {
		e = write_fail(store_plan_category(st, cc->plan_id,
		    cc->category, cx->by, cx->now), "child protection plan",
		    diag);
	} else if (cc->decision == CDEC_END) {
		e = write_fail(store_plan_end(st, cc->plan_id, c->held_date,
		    plan_end_reason_code(cc->end_reason), cx->by, cx->now),
		    "child protection plan", diag);
		if (e == HERR_OK && cc->step_down) {
			cin_plan(p, cc->child_id, cin_ep, c->held_date);
			e = write_fail(store_plan_add(st, p, cx->by, cx->now),
			    "CIN plan", diag);
		}
	}
	free(p);
	return e;
}

enum herr
record_conference_add(struct store *st, struct conference *c,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	int64_t cp_ep[CONFERENCE_CHILDREN_MAX], cin_ep[CONFERENCE_CHILDREN_MAX];
	struct journey *j = journey_new();
	enum herr e = HERR_OK;
	int n = c->n_children;

	if (n < 1 || n > CONFERENCE_CHILDREN_MAX) {
		e = hdiag_set(diag, HERR_INVALID, "children", "",
		    "A conference is about 1 to %d children",
		    CONFERENCE_CHILDREN_MAX);
		goto out;
	}
	for (int i = 0; i < n; i++)
		for (int k = 0; k < i; k++)
			if (c->children[k].child_id ==
			    c->children[i].child_id) {
				e = child_field(hdiag_set(diag, HERR_INVALID,
				    "child_id", "", "The same child is listed "
				    "twice"), i, n, diag);
				goto out;
			}
	/* Every child's part is checked against that child's own journey
	 * before anything is written. */
	for (int i = 0; i < n; i++) {
		if ((e = store_journey_load(st, c->children[i].child_id, j,
		    diag)) != HERR_OK ||
		    (e = conference_child_check(st, j, c, i, cx, &cp_ep[i],
		    &cin_ep[i], diag)) != HERR_OK) {
			e = child_field(e, i, n, diag);
			goto out;
		}
	}
	if ((e = write_fail(store_conference_add(st, c, cx->by, cx->now),
	    "conference", diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < n; i++)
		if ((e = conference_child_write(st, c, i, cp_ep[i], cin_ep[i],
		    cx, diag)) != HERR_OK) {
			e = child_field(e, i, n, diag);
			goto out;
		}
	for (int i = 0; i < n; i++)
		if ((e = after_step(st, c->children[i].child_id, j, cx, diag)) !=
		    HERR_OK) {
			e = child_field(e, i, n, diag);
			goto out;
		}
out:
	journey_free(j);
	return e;
}

/* The child's plan `plan_id` in j, or NOTFOUND. */
static enum herr
find_plan(const struct journey *j, int64_t plan_id, const struct plan **out,
    struct hdiag *diag)
{
	if ((*out = journey_plan(j, plan_id)) == NULL)
		return no_such("plan_id", "plan", plan_id, diag);
	return HERR_OK;
}

enum herr
record_plan_end(struct store *st, int64_t child_id, int64_t plan_id,
    hday end, enum plan_end_reason reason, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	const struct plan *p;
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, child_id, &j, diag)) != HERR_OK ||
	    (e = find_plan(j, plan_id, &p, diag)) != HERR_OK ||
	    (e = journey_check_plan_end(j, p, end, reason, cx->today,
	    diag)) != HERR_OK ||
	    (e = write_fail(store_plan_end(st, plan_id, end,
	    plan_end_reason_code(reason), cx->by, cx->now),
	    "child protection plan", diag)) != HERR_OK)
		goto out;
	e = after_step(st, child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_core_group_set(struct store *st, struct plan *p, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	const struct plan *base;
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, p->child_id, &j, diag)) != HERR_OK ||
	    (e = find_plan(j, p->id, &base, diag)) != HERR_OK)
		goto out;
	p->kind = base->kind;
	if ((e = journey_check_core_group(p, diag)) != HERR_OK ||
	    (e = write_fail(store_core_group_set(st, p, expected, cx->by,
	    cx->now, cx->conflict), "core group", diag)) != HERR_OK)
		goto out;
	e = after_step(st, p->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_cin_plan_start(struct store *st, struct plan *p,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, p->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_cin_plan(j, p, cx->today, diag)) != HERR_OK ||
	    (e = write_fail(store_plan_add(st, p, cx->by, cx->now),
	    "CIN plan", diag)) != HERR_OK)
		goto out;
	e = after_step(st, p->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_cin_plan_end(struct store *st, int64_t child_id, int64_t plan_id,
    hday end, const struct journey_ctx *cx, struct hdiag *diag)
{
	const struct plan *p;
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, child_id, &j, diag)) != HERR_OK ||
	    (e = find_plan(j, plan_id, &p, diag)) != HERR_OK ||
	    (e = journey_check_cin_plan_end(j, p, end, cx->today, diag)) !=
	    HERR_OK ||
	    (e = write_fail(store_plan_end(st, plan_id, end, NULL, cx->by,
	    cx->now), "CIN plan", diag)) != HERR_OK)
		goto out;
	e = after_step(st, child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

/* The timed step an event is. */
static enum due_step
event_step(enum event_kind k)
{
	switch (k) {
	case EVENT_CORE_GROUP:
		return STEP_CORE_GROUP;
	case EVENT_CIN_REVIEW:
		return STEP_CIN_REVIEW;
	case EVENT_LAC_REVIEW:
		return STEP_LAC_REVIEW;	/* CPPCR 2010 reg 33 */
	case EVENT_LAC_VISIT:
		return STEP_LAC_VISIT;	/* CPPCR 2010 reg 28 */
	default:
		return STEP_VISIT;
	}
}

enum herr
record_event_add(struct store *st, struct plan_event *ev,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	struct due_item *before = NULL;
	struct plan_event *copy = NULL;
	enum herr e;
	int nb;

	if ((e = load(st, ev->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_event(j, ev, cx->today, diag)) != HERR_OK ||
	    (e = compute(st, j, cx->iv, &before, &nb, diag)) != HERR_OK)
		goto out;
	copy = xmalloc(sizeof(*copy));
	*copy = *ev;
	copy->id = PENDING_ID;
	copy->due_date = HDAY_NONE;
	if ((e = journey_push_event(j, copy, diag)) != HERR_OK)
		goto out;
	event_settle(j);
	if ((e = step_due(st, j, cx->iv, before, nb, event_step(ev->kind),
	    ev->plan_id, PENDING_ID, &ev->due_date, diag)) != HERR_OK ||
	    (e = write_fail(store_event_add(st, ev, cx->by, cx->now),
	    event_kind_label(ev->kind), diag)) != HERR_OK)
		goto out;
	e = after_step(st, ev->child_id, j, cx, diag);
out:
	free(copy);
	free(before);
	journey_free(j);
	return e;
}

enum herr
record_lac_start(struct store *st, struct plan *p,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, p->child_id, &j, diag)) != HERR_OK ||
	    (e = journey_check_lac(j, p, cx->today, diag)) != HERR_OK ||
	    (e = write_fail(store_plan_add(st, p, cx->by, cx->now),
	    "looked-after episode", diag)) != HERR_OK)
		goto out;
	e = after_step(st, p->child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_lac_end(struct store *st, int64_t child_id, int64_t plan_id,
    hday end, const char *reason, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	const struct plan *p;
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, child_id, &j, diag)) != HERR_OK ||
	    (e = find_plan(j, plan_id, &p, diag)) != HERR_OK ||
	    (e = journey_check_lac_end(j, p, end, reason, cx->today, diag)) !=
	    HERR_OK ||
	    (e = write_fail(store_plan_end(st, plan_id, end, reason, cx->by,
	    cx->now), "looked-after episode", diag)) != HERR_OK)
		goto out;
	e = after_step(st, child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}

enum herr
record_episode_close(struct store *st, int64_t child_id, int64_t episode_id,
    hday closure, const char *reason, const struct journey_ctx *cx,
    struct hdiag *diag)
{
	const struct cin_episode *ep;
	struct cin_episode closed;
	struct journey *j = NULL;
	enum herr e;

	if ((e = load(st, child_id, &j, diag)) != HERR_OK)
		goto out;
	if ((ep = journey_episode(j, episode_id)) == NULL) {
		e = no_such("episode_id", "CIN episode", episode_id, diag);
		goto out;
	}
	if (ep->closure_date != HDAY_NONE) {
		e = hdiag_set(diag, HERR_INVALID, "closure_date", "",
		    "This CIN episode is already closed");
		goto out;
	}
	/* The episode as it would be closed must still be a valid census
	 * episode (8630, 8640, 8805, 8810) beside the child's others. */
	closed = *ep;
	closed.closure_date = closure;
	if (text_copy(closed.closure_reason, sizeof(closed.closure_reason),
	    reason != NULL ? reason : "") != HERR_OK) {
		e = hdiag_set(diag, HERR_INVALID, "closure_reason",
		    reason, "The reason for closure is not a CIN code");
		goto out;
	}
	if ((e = journey_check_episode_close(j, episode_id, closure, diag)) !=
	    HERR_OK ||
	    (e = cin_episode_validate(&closed, &j->child, cx->today, diag)) !=
	    HERR_OK ||
	    (e = cin_episode_fits(&closed, j->episodes, j->n_episodes,
	    diag)) != HERR_OK ||
	    (e = write_fail(store_episode_close(st, episode_id, closure,
	    closed.closure_reason, cx->by, cx->now), "CIN episode", diag)) !=
	    HERR_OK)
		goto out;
	e = after_step(st, child_id, j, cx, diag);
out:
	journey_free(j);
	return e;
}
