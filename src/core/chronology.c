/*
 * chronology.c: the rules of chronology.h.  Pure: no store, no I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/codes.h"
#include "core/text.h"
#include "core/banned.h"

static const char *const categories[] = {
	"Referral", "Assessment", "Strategy discussion", "Visit", "Meeting",
	"Incident", "Court", "Health", "Education", "Other",
};

#define NCATEGORIES ((int)(sizeof(categories) / sizeof(categories[0])))

void
chronology_entry_init(struct chronology_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->date = HDAY_NONE;
	e->source = CHRON_MANUAL;
}

const char *const *
chronology_categories(int *n)
{
	*n = NCATEGORIES;
	return categories;
}

bool
chronology_category_valid(const char *s)
{
	for (int i = 0; s != NULL && i < NCATEGORIES; i++)
		if (strcmp(s, categories[i]) == 0)
			return true;
	return false;
}

enum herr
chronology_validate(const struct chronology_entry *e, hday today,
    struct hdiag *diag)
{
	char d[HDATE_LEN];

	if (e->date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "event_date", "",
		    "Enter the date of the event");
	if (e->date > today)
		return hdiag_set(diag, HERR_INVALID, "event_date",
		    hdate_format(e->date, d), "The date of the event must be "
		    "today or in the past");
	if (!chronology_category_valid(e->category))
		return hdiag_set(diag, HERR_INVALID, "category", e->category,
		    "Select a category from the list");
	return text_check("summary", "Summary", e->summary,
	    CHRONOLOGY_SUMMARY_MAX, TEXT_REQUIRED | TEXT_MULTILINE, diag);
}

/* The label of `code` on list l, or the code itself when unknown. */
static const char *
label(enum code_list l, const char *code)
{
	const struct code *c = codes_find(l, code);

	return c != NULL ? c->label : code;
}

static void
derived(struct chronology_entry *e, int64_t child_id, hday date,
    const char *category, enum chronology_source src)
{
	chronology_entry_init(e);
	e->child_id = child_id;
	e->date = date;
	e->source = src;
	(void)!text_copy(e->category, sizeof(e->category), category);
}

int
chronology_from_episode(const struct cin_episode *ep,
    struct chronology_entry out[2])
{
	int n = 0;

	if (ep->referral_date == HDAY_NONE)
		return 0;
	derived(&out[n], ep->child_id, ep->referral_date, "Referral",
	    CHRON_REFERRAL);
	out[n].step = CSTEP_REFERRAL;
	out[n].ref_id = ep->id;
	if (ep->referral_nfa)
		snprintf(out[n].summary, sizeof(out[n].summary), "Referral "
		    "received from %s. No further action.",
		    label(CODES_REFERRAL_SOURCE, ep->referral_source));
	else
		snprintf(out[n].summary, sizeof(out[n].summary), "Referral "
		    "received from %s. Primary need: %s.",
		    label(CODES_REFERRAL_SOURCE, ep->referral_source),
		    ep->primary_need[0] ? label(CODES_PRIMARY_NEED,
		    ep->primary_need) : "not recorded");
	n++;
	if (ep->closure_date != HDAY_NONE) {
		derived(&out[n], ep->child_id, ep->closure_date, "Case closed",
		    CHRON_CLOSURE);
		out[n].step = CSTEP_CLOSURE;
		out[n].ref_id = ep->id;
		snprintf(out[n].summary, sizeof(out[n].summary), "Episode of "
		    "need closed. Reason: %s.", ep->closure_reason[0] ?
		    label(CODES_CLOSURE_REASON, ep->closure_reason) :
		    "not recorded");
		n++;
	}
	return n;
}

int
chronology_from_allocation(const struct allocation *a, const char *worker,
    enum staff_role role, const char *to_family, hday today,
    struct chronology_entry out[2])
{
	const char *rl = role_label(role);
	char whom[160];
	int n = 0;

	if (a->start_date == HDAY_NONE)
		return 0;
	if (to_family != NULL && to_family[0] != '\0')
		snprintf(whom, sizeof(whom), "the family (%s)", to_family);
	else
		snprintf(whom, sizeof(whom), "the child");
	derived(&out[n], a->child_id, a->start_date, "Allocation",
	    CHRON_ALLOCATED);
	snprintf(out[n].summary, sizeof(out[n].summary), "%s (%s) allocated "
	    "to %s.", worker, rl ? rl : "worker", whom);
	n++;
	if (a->end_date != HDAY_NONE && a->end_date <= today) {
		derived(&out[n], a->child_id, a->end_date, "Allocation",
		    CHRON_ALLOCATION_ENDED);
		snprintf(out[n].summary, sizeof(out[n].summary), "%s (%s) no "
		    "longer allocated to %s.", worker, rl ? rl : "worker",
		    whom);
		n++;
	}
	return n;
}

/* ------------------------------------------------------------ journey */

/* Appends entries while there is room; `n` counts every one offered, so a
 * short `cap` is visible to the caller as a smaller return. */
struct jout {
	struct chronology_entry *out;
	int cap, n;
};

/* The next entry to fill, or NULL when there is no room. */
static struct chronology_entry *
jnext(struct jout *o, int64_t child_id, hday date, const char *category,
    enum chronology_step step, int64_t ref, int64_t ref2)
{
	struct chronology_entry *e;

	if (date == HDAY_NONE || o->n >= o->cap)
		return NULL;
	e = &o->out[o->n++];
	derived(e, child_id, date, category, CHRON_JOURNEY);
	e->step = step;
	e->ref_id = ref;
	e->ref2_id = ref2;
	return e;
}

/* Drop a UTF-8 sequence cut short at the end of s. */
static void
utf8_tidy(char *s)
{
	size_t n = strlen(s), k = n, need;
	unsigned char c;

	while (k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--;
	if (k == 0 || (c = (unsigned char)s[k - 1]) < 0xc0)
		return;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (n - (k - 1) < need)
		s[k - 1] = '\0';
}

/* Append formatted text to an entry's summary (cut at its size, at a
 * character boundary). */
static void addf(struct chronology_entry *e, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);

static void
addf(struct chronology_entry *e, const char *fmt, ...)
{
	size_t n = strlen(e->summary);
	va_list ap;

	int k;

	if (n + 1 >= sizeof(e->summary))
		return;
	va_start(ap, fmt);
	k = vsnprintf(e->summary + n, sizeof(e->summary) - n, fmt, ap);
	va_end(ap);
	if (k >= 0 && (size_t)k >= sizeof(e->summary) - n)
		utf8_tidy(e->summary);
}

/* A note or reason after the sentence, when there is one. */
static void
add_note(struct chronology_entry *e, const char *note)
{
	if (note != NULL && note[0] != '\0')
		addf(e, " %s", note);
}

static const char *
lac_label(const struct lac_code *list, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return list[i].label;
	return code;
}

/* What a conference decided for one child, as a sentence. */
static void
conference_summary(struct chronology_entry *e, const struct conference *c,
    const struct conference_child *cc)
{
	addf(e, "%s held.", conference_kind_label(c->kind));
	switch (cc->decision) {
	case CDEC_PLAN:
		addf(e, " Decision: a child protection plan (category: %s).",
		    abuse_category_label(cc->category));
		break;
	case CDEC_NO_PLAN:
		addf(e, " Decision: no child protection plan.");
		break;
	case CDEC_CONTINUE:
		addf(e, " Decision: the plan continues (category: %s).",
		    abuse_category_label(cc->category));
		break;
	case CDEC_END:
		addf(e, " Decision: the plan ends (%s).",
		    plan_end_reason_label(cc->end_reason));
		if (cc->step_down)
			addf(e, " A child in need plan starts.");
		break;
	default:
		break;
	}
	if (c->n_children > 1)
		addf(e, " %d children were discussed together.",
		    c->n_children);
	add_note(e, c->note);
}

static void
plan_entries(struct jout *o, const struct plan *p)
{
	struct chronology_entry *e;
	const struct lac_code *list;
	int n;

	switch (p->kind) {
	case PLAN_CP:
		if ((e = jnext(o, p->child_id, p->start_date, "Child protection "
		    "plan", CSTEP_PLAN_STARTED, p->id, 0)) != NULL)
			addf(e, "Child protection plan started (category: %s).",
			    abuse_category_label(p->initial_category));
		if ((e = jnext(o, p->child_id, p->end_date, "Child protection "
		    "plan", CSTEP_PLAN_ENDED, p->id, 0)) != NULL)
			addf(e, "Child protection plan ended (%s).",
			    plan_end_reason_label(p->end_reason));
		break;
	case PLAN_CIN:
		if ((e = jnext(o, p->child_id, p->start_date, "Child in need "
		    "plan", CSTEP_PLAN_STARTED, p->id, 0)) != NULL)
			addf(e, "Child in need plan started.");
		if ((e = jnext(o, p->child_id, p->end_date, "Child in need "
		    "plan", CSTEP_PLAN_ENDED, p->id, 0)) != NULL)
			addf(e, "Child in need plan ended.");
		break;
	case PLAN_LAC:
		if ((e = jnext(o, p->child_id, p->start_date, "Looked after",
		    CSTEP_PLAN_STARTED, p->id, 0)) != NULL) {
			list = lac_legal_statuses(&n);
			addf(e, "Became looked after. Legal status: %s.",
			    lac_label(list, n, p->legal_status));
			list = lac_placements(&n);
			addf(e, " Placement: %s.", lac_label(list, n,
			    p->placement));
			if (p->long_term)
				addf(e, " The placement is meant to last "
				    "until the child is 18.");
		}
		if ((e = jnext(o, p->child_id, p->end_date, "Looked after",
		    CSTEP_PLAN_ENDED, p->id, 0)) != NULL) {
			list = lac_end_reasons(&n);
			addf(e, "Stopped being looked after. Reason: %s.",
			    p->lac_end_reason[0] ? lac_label(list, n,
			    p->lac_end_reason) : "not recorded");
		}
		break;
	default:
		break;
	}
}

static void
event_entry(struct jout *o, const struct plan_event *ev)
{
	static const struct {
		enum chronology_step step;
		const char *category, *what;
	} kinds[EVENT__COUNT] = {
		[EVENT_VISIT] = { CSTEP_VISIT, "Visit", "Statutory visit." },
		[EVENT_CORE_GROUP] = { CSTEP_CORE_GROUP, "Core group",
		    "Core group meeting." },
		[EVENT_CIN_REVIEW] = { CSTEP_CIN_REVIEW, "Child in need review",
		    "Child in need review." },
		[EVENT_LAC_REVIEW] = { CSTEP_LAC_REVIEW, "Looked-after review",
		    "Looked-after review." },
		[EVENT_LAC_VISIT] = { CSTEP_LAC_VISIT, "Visit",
		    "Looked-after visit." },
	};
	struct chronology_entry *e;

	if ((unsigned)ev->kind >= EVENT__COUNT)
		return;
	e = jnext(o, ev->child_id, ev->held_date, kinds[ev->kind].category,
	    kinds[ev->kind].step, ev->plan_id, ev->id);
	if (e == NULL)
		return;
	addf(e, "%s", kinds[ev->kind].what);
	if (ev->kind == EVENT_VISIT || ev->kind == EVENT_LAC_VISIT)
		addf(e, "%s", ev->seen_alone ? " The child was seen alone." :
		    ev->seen ? " The child was seen, not alone." :
		    " The child was not seen.");
	add_note(e, ev->note);
}

int
chronology_journey_count(const struct journey *j)
{
	int n = 0;

	if (j == NULL)
		return 0;
	for (int i = 0; i < j->n_episodes; i++)
		n += j->referrals[i].decision != DECISION_NONE;
	n += 2 * j->n_assessments + j->n_strategies + 2 * j->n_s47s +
	    j->n_conferences + 2 * j->n_plans + j->n_events;
	return n;
}

int
chronology_from_journey(const struct journey *j,
    struct chronology_entry *out, int cap)
{
	struct jout o = { out, cap, 0 };
	struct chronology_entry *e;
	int64_t child = j->child.id;

	for (int i = 0; i < j->n_episodes; i++) {
		const struct referral *r = &j->referrals[i];

		if (r->decision == DECISION_NONE || (e = jnext(&o, child,
		    r->decision_date, "Referral decision", CSTEP_DECISION,
		    j->episodes[i].id, 0)) == NULL)
			continue;
		addf(e, "Decision on the referral: %s.",
		    referral_decision_label(r->decision));
		if (r->reason[0] != '\0')
			addf(e, " Reason for the referral: %s", r->reason);
	}
	for (int i = 0; i < j->n_assessments; i++) {
		const struct assessment *a = &j->assessments[i];

		if ((e = jnext(&o, child, a->start_date, "Assessment",
		    CSTEP_ASSESSMENT_STARTED, a->id, 0)) != NULL)
			addf(e, "Child and family assessment started.");
		if ((e = jnext(&o, child, a->authorised_date, "Assessment",
		    CSTEP_ASSESSMENT_AUTHORISED, a->id, 0)) == NULL)
			continue;
		addf(e, "Child and family assessment authorised. Outcome: "
		    "%s.", assessment_outcome_label(a->outcome));
		for (int k = 0; k < a->n_factors; k++)
			addf(e, "%s%s", k ? ", " : " Factors identified: ",
			    label(CODES_ASSESSMENT_FACTOR, a->factors[k]));
		if (a->n_factors > 0)
			addf(e, ".");
	}
	for (int i = 0; i < j->n_strategies; i++) {
		const struct strategy *s = &j->strategies[i];

		if ((e = jnext(&o, child, s->held_date, "Strategy discussion",
		    CSTEP_STRATEGY, s->id, 0)) == NULL)
			continue;
		addf(e, "Strategy discussion held");
		for (int k = 0, shown = 0; k < s->n_people; k++) {
			const char *who = s->people[k].agency[0] ?
			    s->people[k].agency : s->people[k].name;
			bool again = false;

			for (int m = 0; m < k && !again; m++)
				again = strcmp(who, s->people[m].agency[0] ?
				    s->people[m].agency : s->people[m].name) ==
				    0;
			if (!again)
				addf(e, "%s%s", shown++ ? ", " : " with ", who);
		}
		addf(e, ". %s", s->s47 ? "Decided to start a section 47 "
		    "enquiry." : "Decided not to start a section 47 enquiry.");
		add_note(e, s->note);
	}
	for (int i = 0; i < j->n_s47s; i++) {
		const struct s47 *s = &j->s47s[i];

		if ((e = jnext(&o, child, s->start_date, "Section 47 enquiry",
		    CSTEP_S47_STARTED, s->id, 0)) != NULL)
			addf(e, "Section 47 enquiry started.");
		if (s->outcome != S47_OPEN && (e = jnext(&o, child,
		    s->outcome_date, "Section 47 enquiry", CSTEP_S47_OUTCOME,
		    s->id, 0)) != NULL)
			addf(e, "Section 47 enquiry completed. Outcome: %s.",
			    s47_outcome_label(s->outcome));
	}
	for (int i = 0; i < j->n_conferences; i++) {
		const struct conference *c = &j->conferences[i];

		for (int k = 0; k < c->n_children; k++) {
			if (c->children[k].child_id != child)
				continue;
			if ((e = jnext(&o, child, c->held_date, "Conference",
			    CSTEP_CONFERENCE, c->id, 0)) != NULL)
				conference_summary(e, c, &c->children[k]);
			break;
		}
	}
	for (int i = 0; i < j->n_plans; i++)
		plan_entries(&o, &j->plans[i]);
	for (int i = 0; i < j->n_events; i++)
		event_entry(&o, &j->events[i]);
	return o.n;
}

const char *
chronology_step_code(enum chronology_step s)
{
	static const char *const codes[CSTEP__COUNT] = {
		[CSTEP_NONE] = "",
		[CSTEP_REFERRAL] = "referral",
		[CSTEP_DECISION] = "decision",
		[CSTEP_ASSESSMENT_STARTED] = "assessment-started",
		[CSTEP_STRATEGY] = "strategy",
		[CSTEP_S47_STARTED] = "s47-started",
		[CSTEP_S47_OUTCOME] = "s47-outcome",
		[CSTEP_ASSESSMENT_AUTHORISED] = "assessment-authorised",
		[CSTEP_CONFERENCE] = "conference",
		[CSTEP_PLAN_ENDED] = "plan-ended",
		[CSTEP_PLAN_STARTED] = "plan-started",
		[CSTEP_CORE_GROUP] = "core-group",
		[CSTEP_VISIT] = "visit",
		[CSTEP_CIN_REVIEW] = "cin-review",
		[CSTEP_LAC_REVIEW] = "lac-review",
		[CSTEP_LAC_VISIT] = "lac-visit",
		[CSTEP_CLOSURE] = "closure",
	};

	return (unsigned)s < CSTEP__COUNT ? codes[s] : "";
}

/* Derived events of one day, latest first: allocations ending, starting,
 * an episode closing, then the journey's steps and the referral they
 * follow (chronology_step orders those among themselves). */
static int
rank(enum chronology_source s)
{
	return s == CHRON_JOURNEY ? (int)CHRON_REFERRAL : (int)s;
}

static int
cmp(const void *pa, const void *pb)
{
	const struct chronology_entry *a = pa, *b = pb;

	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	if (a->recorded_at != b->recorded_at)
		return a->recorded_at > b->recorded_at ? -1 : 1;
	if (rank(a->source) != rank(b->source))
		return rank(a->source) > rank(b->source) ? -1 : 1;
	if (a->step != b->step)
		return a->step > b->step ? -1 : 1;
	if (a->id != b->id)
		return a->id > b->id ? -1 : 1;
	if (a->ref2_id != b->ref2_id)
		return a->ref2_id > b->ref2_id ? -1 : 1;
	if (a->ref_id != b->ref_id)
		return a->ref_id > b->ref_id ? -1 : 1;
	return strcmp(a->summary, b->summary);
}

void
chronology_sort(struct chronology_entry *e, int n)
{
	if (n > 1)
		qsort(e, (size_t)n, sizeof(*e), cmp);
}
