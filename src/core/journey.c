/*
 * journey.c: the child protection journey of one child: its code lists,
 * the loaded lists of records and the rules that relate one step to the
 * others.
 *
 * The rules see the child's whole journey as the store loaded it and
 * `today` from the caller; they never read the clock or the database, so a
 * rule gives the same answer in a test as on the day.  Only journey_new and
 * the push functions allocate (through mem.h, which aborts on exhaustion);
 * the code lists are static and every check is allocation-free.  Dates in
 * messages are ISO, as in the other core modules; the edges reword nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/codes.h"
#include "core/journey.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/banned.h"

/* 8606 and practice: work with an unborn child may start up to 40 weeks
 * before the (expected) birth. */
#define PREBIRTH_DAYS (40 * 7)

/* ---------------------------------------------------------------------
 * Code lists
 */

struct entry {
	const char *code;
	const char *label;
};

static const struct entry decisions[DECISION__COUNT] = {
	[DECISION_NONE] = { "", "Not decided yet" },
	[DECISION_NFA] = { "nfa", "No further action" },
	[DECISION_ASSESSMENT] = { "assessment", "Child and family assessment" },
	[DECISION_STRATEGY] = { "strategy", "Strategy discussion" },
	[DECISION_EARLY_HELP] = { "early-help", "Early help" },
};

static const struct entry assessment_outcomes[ASSESS__COUNT] = {
	[ASSESS_OPEN] = { "", "Not authorised yet" },
	[ASSESS_NFA] = { "nfa", "No further action" },
	[ASSESS_CIN_PLAN] = { "cin-plan", "Child in need plan" },
	[ASSESS_STRATEGY] = { "strategy", "Strategy discussion" },
	[ASSESS_EARLY_HELP] = { "early-help", "Early help" },
};

static const struct entry s47_outcomes[S47__COUNT] = {
	[S47_OPEN] = { "", "Not finished yet" },
	[S47_CONFERENCE] = { "conference",
	    "Initial child protection conference" },
	[S47_NFA] = { "nfa", "No further action" },
	[S47_CIN_PLAN] = { "cin-plan", "Child in need plan" },
};

static const struct entry conference_kinds[CONF__COUNT] = {
	[CONF_INITIAL] = { "icpc", "Initial child protection conference" },
	[CONF_REVIEW] = { "rcpc", "Review child protection conference" },
	[CONF_TRANSFER_IN] = { "transfer-in", "Transfer-in conference" },
};

static const struct entry conference_decisions[CDEC__COUNT] = {
	[CDEC_PLAN] = { "plan", "Child protection plan" },
	[CDEC_NO_PLAN] = { "no-plan", "No child protection plan" },
	[CDEC_CONTINUE] = { "continue", "Plan continues" },
	[CDEC_END] = { "end", "Plan ends" },
};

/* 8905/8910: the census codes beside ours. */
static const struct entry categories[ABUSE__COUNT] = {
	[ABUSE_NONE] = { "", "Not recorded" },
	[ABUSE_NEGLECT] = { "neglect", "Neglect" },
	[ABUSE_PHYSICAL] = { "physical", "Physical abuse" },
	[ABUSE_EMOTIONAL] = { "emotional", "Emotional abuse" },
	[ABUSE_SEXUAL] = { "sexual", "Sexual abuse" },
	[ABUSE_MULTIPLE] = { "multiple", "Multiple categories" },
};

static const char *const category_census[ABUSE__COUNT] = {
	[ABUSE_NONE] = "",
	[ABUSE_NEGLECT] = "NEG",
	[ABUSE_PHYSICAL] = "PHY",
	[ABUSE_EMOTIONAL] = "EMO",
	[ABUSE_SEXUAL] = "SAB",
	[ABUSE_MULTIPLE] = "MUL",
};

/* practice-models.md 6.6 */
static const struct entry end_reasons[PLANEND__COUNT] = {
	[PLANEND_NONE] = { "", "Not ended" },
	[PLANEND_NO_LONGER_AT_RISK] = { "no-longer-at-risk",
	    "No longer at continuing risk of significant harm" },
	[PLANEND_MOVED_LA] = { "moved-la",
	    "Moved permanently to another local authority" },
	[PLANEND_AGE_18] = { "age-18", "Reached 18" },
	[PLANEND_LEFT_UK] = { "left-uk", "Left the UK permanently" },
	[PLANEND_DIED] = { "died", "Died" },
	[PLANEND_LOOKED_AFTER] = { "looked-after",
	    "Looked after, with the risk managed through the care plan" },
};

static const struct entry plan_kinds[PLAN__COUNT] = {
	[PLAN_CP] = { "cp", "child protection plan" },
	[PLAN_CIN] = { "cin", "CIN plan" },
	[PLAN_LAC] = { "lac", "looked-after episode" },
};

static const struct entry event_kinds[EVENT__COUNT] = {
	[EVENT_VISIT] = { "visit", "Visit" },
	[EVENT_CORE_GROUP] = { "core-group", "Core group meeting" },
	[EVENT_CIN_REVIEW] = { "cin-review", "Child in need review" },
	[EVENT_LAC_REVIEW] = { "lac-review", "Looked-after review" },
	[EVENT_LAC_VISIT] = { "lac-visit", "Looked-after visit" },
};

/* The same in the middle of a sentence. */
static const char *const event_nouns[EVENT__COUNT] = {
	[EVENT_VISIT] = "visit",
	[EVENT_CORE_GROUP] = "core group meeting",
	[EVENT_CIN_REVIEW] = "CIN review",
	[EVENT_LAC_REVIEW] = "looked-after review",
	[EVENT_LAC_VISIT] = "looked-after visit",
};

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};

/* Out-of-range values give "" (code) or "Unknown" (label), never NULL. */
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

/* Entries before `first` ("none", "open") have no code to parse. */
static int
entry_parse(const struct entry *t, int n, int first, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return -1;
	for (int i = first; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

const char *
referral_decision_code(enum referral_decision d)
{
	return entry_code(decisions, DECISION__COUNT, (int)d);
}

const char *
referral_decision_label(enum referral_decision d)
{
	return entry_label(decisions, DECISION__COUNT, (int)d);
}

int
referral_decision_parse(const char *code)
{
	return entry_parse(decisions, DECISION__COUNT, 1, code);
}

const char *
assessment_outcome_code(enum assessment_outcome o)
{
	return entry_code(assessment_outcomes, ASSESS__COUNT, (int)o);
}

const char *
assessment_outcome_label(enum assessment_outcome o)
{
	return entry_label(assessment_outcomes, ASSESS__COUNT, (int)o);
}

int
assessment_outcome_parse(const char *code)
{
	return entry_parse(assessment_outcomes, ASSESS__COUNT, 1, code);
}

const char *
s47_outcome_code(enum s47_outcome o)
{
	return entry_code(s47_outcomes, S47__COUNT, (int)o);
}

const char *
s47_outcome_label(enum s47_outcome o)
{
	return entry_label(s47_outcomes, S47__COUNT, (int)o);
}

int
s47_outcome_parse(const char *code)
{
	return entry_parse(s47_outcomes, S47__COUNT, 1, code);
}

const char *
conference_kind_code(enum conference_kind k)
{
	return entry_code(conference_kinds, CONF__COUNT, (int)k);
}

const char *
conference_kind_label(enum conference_kind k)
{
	return entry_label(conference_kinds, CONF__COUNT, (int)k);
}

int
conference_kind_parse(const char *code)
{
	return entry_parse(conference_kinds, CONF__COUNT, 0, code);
}

const char *
conference_decision_code(enum conference_decision d)
{
	return entry_code(conference_decisions, CDEC__COUNT, (int)d);
}

const char *
conference_decision_label(enum conference_decision d)
{
	return entry_label(conference_decisions, CDEC__COUNT, (int)d);
}

int
conference_decision_parse(const char *code)
{
	return entry_parse(conference_decisions, CDEC__COUNT, 0, code);
}

const char *
abuse_category_code(enum abuse_category c)
{
	return entry_code(categories, ABUSE__COUNT, (int)c);
}

const char *
abuse_category_census(enum abuse_category c)
{
	return (int)c >= 0 && (int)c < ABUSE__COUNT ? category_census[c] : "";
}

const char *
abuse_category_label(enum abuse_category c)
{
	return entry_label(categories, ABUSE__COUNT, (int)c);
}

int
abuse_category_parse(const char *code)
{
	return entry_parse(categories, ABUSE__COUNT, 1, code);
}

const char *
plan_end_reason_code(enum plan_end_reason r)
{
	return entry_code(end_reasons, PLANEND__COUNT, (int)r);
}

const char *
plan_end_reason_label(enum plan_end_reason r)
{
	return entry_label(end_reasons, PLANEND__COUNT, (int)r);
}

int
plan_end_reason_parse(const char *code)
{
	return entry_parse(end_reasons, PLANEND__COUNT, 1, code);
}

const char *
plan_kind_code(enum plan_kind k)
{
	return entry_code(plan_kinds, PLAN__COUNT, (int)k);
}

static const char *
plan_noun(enum plan_kind k)
{
	return entry_label(plan_kinds, PLAN__COUNT, (int)k);
}

const char *
event_kind_code(enum event_kind k)
{
	return entry_code(event_kinds, EVENT__COUNT, (int)k);
}

const char *
event_kind_label(enum event_kind k)
{
	return entry_label(event_kinds, EVENT__COUNT, (int)k);
}

int
event_kind_parse(const char *code)
{
	return entry_parse(event_kinds, EVENT__COUNT, 0, code);
}

static const char *
event_noun(enum event_kind k)
{
	return (int)k >= 0 && (int)k < EVENT__COUNT ? event_nouns[k] : "record";
}

/* ---------------------------------------------------------------------
 * SSDA903 code lists (children looked after return), as the DfE's 903
 * guidance words them, shortened.
 */

/* LS: legal status. */
static const struct lac_code legal_statuses[] = {
	{ "C1", "Interim care order" },
	{ "C2", "Full care order" },
	{ "D1", "Freeing order granted" },
	{ "E1", "Placement order granted" },
	{ "J1", "Remanded to local authority or youth detention "
	    "accommodation" },
	{ "J2", "Placed in local authority accommodation under the Police "
	    "and Criminal Evidence Act 1984" },
	{ "J3", "Sentenced to a youth rehabilitation order with a residence "
	    "or intensive fostering requirement" },
	{ "L1", "Under police protection and in local authority "
	    "accommodation" },
	{ "L2", "Emergency protection order" },
	{ "L3", "Under a child assessment order and in local authority "
	    "accommodation" },
	{ "V2", "Single period of accommodation under section 20" },
	{ "V3", "Agreed series of short breaks, each episode recorded" },
	{ "V4", "Agreed series of short breaks, agreements recorded" },
};

/* PL: placement type. */
static const struct lac_code placements[] = {
	{ "A3", "Placed for adoption with consent, with current foster "
	    "carers" },
	{ "A4", "Placed for adoption with consent, not with current foster "
	    "carers" },
	{ "A5", "Placed for adoption with a placement order, with current "
	    "foster carers" },
	{ "A6", "Placed for adoption with a placement order, not with "
	    "current foster carers" },
	{ "H5", "Semi-independent or supported accommodation, not a "
	    "children's home" },
	{ "K1", "Secure children's home" },
	{ "K2", "Children's home" },
	{ "P1", "Placed with own parents or other person with parental "
	    "responsibility" },
	{ "P2", "Independent living, with or without formal support" },
	{ "P3", "Residential employment" },
	{ "R1", "Residential care home" },
	{ "R2", "NHS or health trust establishment providing medical or "
	    "nursing care" },
	{ "R3", "Family centre or mother and baby unit" },
	{ "R5", "Young offender institution or prison" },
	{ "S1", "Residential school, not dual-registered as a children's "
	    "home" },
	{ "T0", "Temporary placement not listed elsewhere" },
	{ "T1", "Temporary period in hospital" },
	{ "T2", "Temporary absence on holiday" },
	{ "T3", "Temporary placement while the usual foster carer is on "
	    "holiday" },
	{ "T4", "Temporary placement of 7 days or less, any other reason" },
	{ "U1", "Foster placement with relatives or friends, long term" },
	{ "U2", "Foster placement with relatives or friends who are also "
	    "approved adopters" },
	{ "U3", "Foster placement with relatives or friends, other" },
	{ "U4", "Foster placement with other foster carers, long term" },
	{ "U5", "Foster placement with other foster carers who are also "
	    "approved adopters" },
	{ "U6", "Foster placement with other foster carers, other" },
	{ "Z1", "Other placement" },
};

/* REC: reason the episode ceased. */
static const struct lac_code rec_reasons[] = {
	{ "E11", "Adopted: application unopposed" },
	{ "E12", "Adopted: consent dispensed with by the court" },
	{ "E13", "Left care to live with parents, relatives or others "
	    "without parental responsibility" },
	{ "E14", "Accommodation on remand ended" },
	{ "E15", "Age assessment found the child to be 18 or over" },
	{ "E16", "Child moved abroad" },
	{ "E17", "Aged 18 or over and stayed with current carers (staying "
	    "put)" },
	{ "E2", "Died" },
	{ "E3", "Care taken over by another local authority in the UK" },
	{ "E41", "Child arrangements (residence) order granted" },
	{ "E45", "Special guardianship order to former foster carers who are "
	    "relatives or friends" },
	{ "E46", "Special guardianship order to other former foster carers" },
	{ "E47", "Special guardianship order to other carers who are "
	    "relatives or friends" },
	{ "E48", "Special guardianship order to other carers" },
	{ "E4A", "Returned home to parents or others with parental "
	    "responsibility, as planned" },
	{ "E4B", "Returned home to parents or others with parental "
	    "responsibility, not as planned" },
	{ "E5", "Moved to independent living with formal support" },
	{ "E6", "Moved to independent living without formal support" },
	{ "E7", "Moved to residential care funded by adult social care" },
	{ "E8", "Ceased for any other reason" },
	{ "E9", "Sentenced to custody" },
	{ "X1", "Episode ceased and a new one began the same day" },
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

const struct lac_code *
lac_legal_statuses(int *n)
{
	*n = NELEM(legal_statuses);
	return legal_statuses;
}

const struct lac_code *
lac_placements(int *n)
{
	*n = NELEM(placements);
	return placements;
}

const struct lac_code *
lac_end_reasons(int *n)
{
	*n = NELEM(rec_reasons);
	return rec_reasons;
}

static const char *
lac_list_name(const struct lac_code *list)
{
	if (list == legal_statuses)
		return "legal status";
	if (list == placements)
		return "placement type";
	if (list == rec_reasons)
		return "reason the episode ceased";
	return "code";
}

enum herr
lac_code_check(const struct lac_code *list, int n, const char *field,
    const char *value, struct hdiag *diag)
{
	const char *name = lac_list_name(list);

	if (value == NULL || value[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "Choose the %s", name);
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].code, value) == 0)
			return HERR_OK;
	return hdiag_set(diag, HERR_INVALID, field, value,
	    "\"%s\" is not an SSDA903 %s code (for example %s, %s or %s)",
	    value, name, n > 0 ? list[0].code : "", n > 1 ? list[1].code : "",
	    n > 2 ? list[2].code : "");
}

/* ---------------------------------------------------------------------
 * The loaded journey.  A journey is always made by journey_new, which
 * allocates this box around it, so the capacities of the lists stay out of
 * the public struct.
 */

struct journey_box {
	struct journey j;	/* first: a journey's address is its box's */
	int cap_episodes, cap_assessments, cap_strategies, cap_s47s;
	int cap_conferences, cap_plans, cap_events;
};

static struct journey_box *
box_of(struct journey *j)
{
	return (struct journey_box *)(void *)j;
}

struct journey *
journey_new(void)
{
	struct journey_box *b = xcalloc(1, sizeof(*b));

	child_init(&b->j.child);
	return &b->j;
}

void
journey_free(struct journey *j)
{
	if (j == NULL)
		return;
	free(j->episodes);
	free(j->referrals);
	free(j->assessments);
	free(j->strategies);
	free(j->s47s);
	free(j->conferences);
	free(j->plans);
	free(j->events);
	free(box_of(j));
}

void
journey_clear(struct journey *j)
{
	child_init(&j->child);
	j->n_episodes = 0;
	j->n_assessments = 0;
	j->n_strategies = 0;
	j->n_s47s = 0;
	j->n_conferences = 0;
	j->n_plans = 0;
	j->n_events = 0;
}

/*
 * Room for one more of a list holding n of capacity *cap: the capacity to
 * grow to (doubling from 8, never past max), or *cap when it fits already.
 * HERR_INVALID naming the list when it holds max already.
 */
static enum herr
room(int n, int *cap, int max, const char *field, const char *what,
    struct hdiag *diag, int *grow_to)
{
	int c = *cap;

	*grow_to = c;
	if (n < c)
		return HERR_OK;
	if (n >= max)
		return hdiag_set(diag, HERR_INVALID, field, NULL,
		    "This child already has %d %s, the most hearth keeps for "
		    "one child", max, what);
	c = c == 0 ? 8 : c * 2;
	*grow_to = c > max ? max : c;
	return HERR_OK;
}

enum herr
journey_push_episode(struct journey *j, const struct cin_episode *e,
    const struct referral *r, struct hdiag *diag)
{
	struct journey_box *b = box_of(j);
	struct referral *to;
	enum herr err;
	int c;

	if ((err = room(j->n_episodes, &b->cap_episodes, JOURNEY_EPISODES_MAX,
	    "episodes", "CIN episodes", diag, &c)) != HERR_OK)
		return err;
	if (c != b->cap_episodes) {
		j->episodes = xrealloc(j->episodes, (size_t)c *
		    sizeof(*j->episodes));
		j->referrals = xrealloc(j->referrals, (size_t)c *
		    sizeof(*j->referrals));
		b->cap_episodes = c;
	}
	j->episodes[j->n_episodes] = *e;
	to = &j->referrals[j->n_episodes];
	if (r != NULL) {
		*to = *r;
	} else {
		memset(to, 0, sizeof(*to));
		to->version = e->version;
		to->contact_date = HDAY_NONE;
		to->decision = DECISION_NONE;
		to->decision_date = HDAY_NONE;
	}
	to->episode_id = e->id;
	j->n_episodes++;
	return HERR_OK;
}

/*
 * Room for one more in `arr` (n used of *cap): the array, grown when full,
 * or NULL with *e set when it holds `max` already.
 */
static void *
grow(void *arr, int n, int *cap, int max, size_t size, const char *field,
    const char *what, struct hdiag *diag, enum herr *e)
{
	int c;

	if ((*e = room(n, cap, max, field, what, diag, &c)) != HERR_OK)
		return NULL;
	if (c != *cap) {
		arr = xrealloc(arr, (size_t)c * size);
		*cap = c;
	}
	return arr;
}

enum herr
journey_push_assessment(struct journey *j, const struct assessment *a,
    struct hdiag *diag)
{
	struct assessment *to;
	enum herr e;

	if ((to = grow(j->assessments, j->n_assessments,
	    &box_of(j)->cap_assessments, JOURNEY_STEPS_MAX, sizeof(*to),
	    "assessments", "assessments", diag, &e)) == NULL)
		return e;
	j->assessments = to;
	to[j->n_assessments++] = *a;
	return HERR_OK;
}

enum herr
journey_push_strategy(struct journey *j, const struct strategy *s,
    struct hdiag *diag)
{
	struct strategy *to;
	enum herr e;

	if ((to = grow(j->strategies, j->n_strategies,
	    &box_of(j)->cap_strategies, JOURNEY_STEPS_MAX, sizeof(*to),
	    "strategies", "strategy discussions", diag, &e)) == NULL)
		return e;
	j->strategies = to;
	to[j->n_strategies++] = *s;
	return HERR_OK;
}

enum herr
journey_push_s47(struct journey *j, const struct s47 *s, struct hdiag *diag)
{
	struct s47 *to;
	enum herr e;

	if ((to = grow(j->s47s, j->n_s47s, &box_of(j)->cap_s47s,
	    JOURNEY_STEPS_MAX, sizeof(*to), "s47s", "section 47 enquiries",
	    diag, &e)) == NULL)
		return e;
	j->s47s = to;
	to[j->n_s47s++] = *s;
	return HERR_OK;
}

enum herr
journey_push_conference(struct journey *j, const struct conference *c,
    struct hdiag *diag)
{
	struct conference *to;
	enum herr e;

	if ((to = grow(j->conferences, j->n_conferences,
	    &box_of(j)->cap_conferences, JOURNEY_STEPS_MAX, sizeof(*to),
	    "conferences", "conferences", diag, &e)) == NULL)
		return e;
	j->conferences = to;
	to[j->n_conferences++] = *c;
	return HERR_OK;
}

enum herr
journey_push_plan(struct journey *j, const struct plan *p, struct hdiag *diag)
{
	struct plan *to;
	enum herr e;

	if ((to = grow(j->plans, j->n_plans, &box_of(j)->cap_plans,
	    JOURNEY_PLANS_MAX, sizeof(*to), "plans",
	    "plans and looked-after episodes", diag, &e)) == NULL)
		return e;
	j->plans = to;
	to[j->n_plans++] = *p;
	return HERR_OK;
}

enum herr
journey_push_event(struct journey *j, const struct plan_event *ev,
    struct hdiag *diag)
{
	struct plan_event *to;
	enum herr e;

	if ((to = grow(j->events, j->n_events, &box_of(j)->cap_events,
	    JOURNEY_EVENTS_MAX, sizeof(*to), "events",
	    "visits, meetings and reviews", diag, &e)) == NULL)
		return e;
	j->events = to;
	to[j->n_events++] = *ev;
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Lookups
 */

const struct cin_episode *
journey_episode(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_episodes; i++)
		if (j->episodes[i].id == id)
			return &j->episodes[i];
	return NULL;
}

const struct referral *
journey_referral(const struct journey *j, int64_t episode_id)
{
	for (int i = 0; i < j->n_episodes; i++)
		if (j->episodes[i].id == episode_id)
			return &j->referrals[i];
	return NULL;
}

/* Episodes may touch (8820: one closes the day the next is referred); a
 * day they share belongs to the later one. */
const struct cin_episode *
journey_episode_on(const struct journey *j, hday day)
{
	const struct cin_episode *best = NULL;

	for (int i = 0; i < j->n_episodes; i++) {
		const struct cin_episode *e = &j->episodes[i];

		if (e->referral_date == HDAY_NONE || day < e->referral_date)
			continue;
		if (e->closure_date != HDAY_NONE && day > e->closure_date)
			continue;
		if (best == NULL || e->referral_date >= best->referral_date)
			best = e;
	}
	return best;
}

const struct plan *
journey_plan(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_plans; i++)
		if (j->plans[i].id == id)
			return &j->plans[i];
	return NULL;
}

const struct plan *
journey_open_plan(const struct journey *j, enum plan_kind k)
{
	const struct plan *best = NULL;

	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *p = &j->plans[i];

		if (p->kind != k || p->end_date != HDAY_NONE)
			continue;
		if (best == NULL || p->start_date >= best->start_date)
			best = p;
	}
	return best;
}

const struct s47 *
journey_s47(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_s47s; i++)
		if (j->s47s[i].id == id)
			return &j->s47s[i];
	return NULL;
}

const struct strategy *
journey_strategy(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_strategies; i++)
		if (j->strategies[i].id == id)
			return &j->strategies[i];
	return NULL;
}

/* The episode a step belongs to: the one it names, else the one open on
 * its date. */
static int64_t
episode_of(const struct journey *j, int64_t episode_id, hday day)
{
	const struct cin_episode *e;

	if (episode_id != 0)
		return episode_id;
	e = journey_episode_on(j, day);
	return e != NULL ? e->id : 0;
}

/*
 * WT2023: the ICPC is due "within 15 working days of the strategy
 * discussion at which the section 47 enquiries were initiated".  When
 * several discussions were held, one that decided against an enquiry, or a
 * reconvened one after it began, does not restart the clock.
 */
const struct strategy *
journey_s47_strategy(const struct journey *j, const struct s47 *s)
{
	const struct strategy *best = NULL;
	int64_t ep;

	if (s->strategy_id != 0)
		return journey_strategy(j, s->strategy_id);
	ep = episode_of(j, s->episode_id, s->start_date);
	for (int i = 0; i < j->n_strategies; i++) {
		const struct strategy *st = &j->strategies[i];

		if (st->episode_id != ep || !st->s47 ||
		    st->held_date == HDAY_NONE ||
		    st->held_date > s->start_date)
			continue;
		if (best == NULL || st->held_date >= best->held_date)
			best = st;
	}
	return best;
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

/* True if review conference c (with this child's part cc) reviewed p. */
static bool
reviews_plan(const struct conference *c, const struct conference_child *cc,
    const struct plan *p)
{
	if (c->kind != CONF_REVIEW || cc == NULL)
		return false;
	if (cc->plan_id != 0)
		return cc->plan_id == p->id;
	/* Older records without the link: a review held while p ran. */
	return p->kind == PLAN_CP && c->held_date > p->start_date &&
	    (p->end_date == HDAY_NONE || c->held_date <= p->end_date);
}

/* The last review conference of plan p, other than conference `skip`. */
static const struct conference *
last_review(const struct journey *j, const struct plan *p, int64_t skip)
{
	const struct conference *best = NULL;

	for (int i = 0; i < j->n_conferences; i++) {
		const struct conference *c = &j->conferences[i];

		if (skip != 0 && c->id == skip)
			continue;
		if (!reviews_plan(c, part_of(c, j->child.id), p))
			continue;
		if (best == NULL || c->held_date >= best->held_date)
			best = c;
	}
	return best;
}

/* The first event under plan `plan_id` held after `day`, or NULL. */
static const struct plan_event *
event_after(const struct journey *j, int64_t plan_id, hday day)
{
	const struct plan_event *best = NULL;

	for (int i = 0; i < j->n_events; i++) {
		const struct plan_event *e = &j->events[i];

		if (e->plan_id != plan_id || e->held_date <= day)
			continue;
		if (best == NULL || e->held_date < best->held_date)
			best = e;
	}
	return best;
}

/* An initial conference held for enquiry s47_id, other than `skip`. */
static const struct conference *
icpc_for(const struct journey *j, int64_t s47_id, int64_t skip)
{
	for (int i = 0; i < j->n_conferences; i++) {
		const struct conference *c = &j->conferences[i];
		const struct conference_child *cc = part_of(c, j->child.id);

		if (skip != 0 && c->id == skip)
			continue;
		if (c->kind == CONF_INITIAL && cc != NULL &&
		    cc->s47_id == s47_id)
			return c;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * Rules common to every step
 */

/*
 * A date a step happened on: present, not in the future, not more than 40
 * weeks before the child's birth or expected birth (8606's reading: work
 * with an unborn child starts before birth).  `what` names it in the
 * message ("conference date").
 */
static enum herr
check_day(const struct journey *j, const char *field, const char *what,
    hday day, hday today, struct hdiag *diag)
{
	const struct child *c = &j->child;
	char d[HDATE_LEN], b[HDATE_LEN];
	hday birth;

	if (day == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "The %s is missing", what);
	hdate_format(day, d);
	/* 8600 and the like: nothing is recorded before it happens */
	if (day > today)
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is in the future", what, d);
	birth = c->birth_date != HDAY_NONE ? c->birth_date :
	    c->expected_birth_date;
	if (birth != HDAY_NONE && day < birth - PREBIRTH_DAYS)
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is more than 40 weeks before the child's "
		    "%sdate of birth %s", what, d,
		    c->birth_date != HDAY_NONE ? "" : "expected ",
		    hdate_format(birth, b));
	return HERR_OK;
}

/* 8555Q and the like: a meeting or a start after the child died. */
static enum herr
check_alive(const struct journey *j, const char *field, const char *what,
    hday day, struct hdiag *diag)
{
	char d[HDATE_LEN], b[HDATE_LEN];

	if (j->child.death_date == HDAY_NONE || day <= j->child.death_date)
		return HERR_OK;
	hdate_format(day, d);
	return hdiag_set(diag, HERR_INVALID, field, d,
	    "The %s %s is after the child's date of death %s", what, d,
	    hdate_format(j->child.death_date, b));
}

/*
 * The CIN episode a step dated `day` belongs to (`episode_id`, or the one
 * open on `day` when 0): it must exist and `day` must lie within it, on or
 * after the referral and not after the closure.
 */
static enum herr
check_in_episode(const struct journey *j, int64_t episode_id,
    const char *field, const char *what, hday day,
    const struct cin_episode **out, struct hdiag *diag)
{
	const struct cin_episode *ep;
	char d[HDATE_LEN], b[HDATE_LEN];

	hdate_format(day, d);
	if (episode_id != 0) {
		if ((ep = journey_episode(j, episode_id)) == NULL)
			return hdiag_set(diag, HERR_INVALID, "episode_id", "",
			    "The child has no such CIN episode");
	} else if ((ep = journey_episode_on(j, day)) == NULL)
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is not within any of the child's CIN episodes: "
		    "record the referral first", what, d);
	if (day < ep->referral_date)
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is before the referral date %s", what, d,
		    hdate_format(ep->referral_date, b));
	if (ep->closure_date != HDAY_NONE && day > ep->closure_date)
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is after the CIN episode closed on %s", what, d,
		    hdate_format(ep->closure_date, b));
	*out = ep;
	return HERR_OK;
}

/*
 * Steps follow the decision on the referral: one made (when `required`),
 * not NFA or early help (which close the episode), on or before `day`.
 */
static enum herr
check_decided(const struct journey *j, const struct cin_episode *ep,
    bool required, const char *field, const char *what, hday day,
    struct hdiag *diag)
{
	const struct referral *r = journey_referral(j, ep->id);
	char d[HDATE_LEN], b[HDATE_LEN];

	if (r == NULL || r->decision == DECISION_NONE ||
	    r->decision_date == HDAY_NONE) {
		if (!required)
			return HERR_OK;
		return hdiag_set(diag, HERR_INVALID, "episode_id", "",
		    "Record the decision on the referral first");
	}
	if (r->decision == DECISION_NFA || r->decision == DECISION_EARLY_HELP)
		return hdiag_set(diag, HERR_INVALID, "episode_id",
		    referral_decision_code(r->decision),
		    "The referral was decided as %s, so no %s follows it",
		    r->decision == DECISION_NFA ? "no further action" :
		    "early help", what);
	if (day < r->decision_date) {
		hdate_format(day, d);
		return hdiag_set(diag, HERR_INVALID, field, d,
		    "The %s %s is before the referral was decided on %s", what,
		    d, hdate_format(r->decision_date, b));
	}
	return HERR_OK;
}

/* Free text: notes and reasons, several lines allowed. */
static enum herr
check_note(const char *field, const char *label, const char *s,
    struct hdiag *diag)
{
	return text_check(field, label, s, JOURNEY_TEXT_MAX, TEXT_MULTILINE,
	    diag);
}

static enum herr
check_factors(const char (*factors)[4], int n, struct hdiag *diag)
{
	enum herr e;

	if (n < 0 || n > JOURNEY_FACTORS_MAX)
		return hdiag_set(diag, HERR_INVALID, "factors", "",
		    "An assessment can record at most %d factors",
		    JOURNEY_FACTORS_MAX);
	for (int i = 0; i < n; i++) {
		/* 8897Q: factors on the census list */
		if ((e = codes_check(CODES_ASSESSMENT_FACTOR, "factors",
		    factors[i], diag)) != HERR_OK)
			return e;
		for (int k = 0; k < i; k++)
			if (strcmp(factors[k], factors[i]) == 0)
				return hdiag_set(diag, HERR_INVALID,
				    "factors", factors[i],
				    "Factor %s is listed twice", factors[i]);
	}
	return HERR_OK;
}

/* True if [a0, a1] and [b0, b1] (HDAY_NONE: still open) share more than a
 * single boundary day. */
static bool
overlaps(hday a0, hday a1, hday b0, hday b1)
{
	hday ae = a1 == HDAY_NONE ? INT32_MAX : a1;
	hday be = b1 == HDAY_NONE ? INT32_MAX : b1;

	return a0 < be && b0 < ae;
}

/* ---------------------------------------------------------------------
 * The referral decision
 */

/* The earliest step recorded in episode `ep`, for order and NFA. */
static hday
first_step(const struct journey *j, int64_t ep, const char **what)
{
	hday best = HDAY_NONE;

#define CONSIDER(day, name)						\
	do {								\
		if ((day) != HDAY_NONE &&				\
		    (best == HDAY_NONE || (day) < best)) {		\
			best = (day);					\
			*what = (name);					\
		}							\
	} while (0)
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].episode_id == ep)
			CONSIDER(j->assessments[i].start_date,
			    "an assessment started");
	for (int i = 0; i < j->n_strategies; i++)
		if (j->strategies[i].episode_id == ep)
			CONSIDER(j->strategies[i].held_date,
			    "a strategy discussion held");
	for (int i = 0; i < j->n_s47s; i++)
		if (j->s47s[i].episode_id == ep)
			CONSIDER(j->s47s[i].start_date,
			    "a section 47 enquiry started");
	for (int i = 0; i < j->n_plans; i++)
		if (j->plans[i].episode_id == ep)
			CONSIDER(j->plans[i].start_date, "a plan started");
#undef CONSIDER
	return best;
}

enum herr
journey_check_decision(const struct journey *j, const struct referral *r,
    hday today, struct hdiag *diag)
{
	const struct cin_episode *ep;
	const struct referral *now;
	const char *what = "";
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;
	hday first;

	if ((ep = journey_episode(j, r->episode_id)) == NULL)
		return hdiag_set(diag, HERR_INVALID, "episode_id", "",
		    "The child has no such CIN episode");
	if (ep->closure_date != HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "episode_id", "",
		    "This CIN episode closed on %s, so its referral can no "
		    "longer be decided", hdate_format(ep->closure_date, b));
	now = journey_referral(j, ep->id);
	if (now != NULL && now->decision != DECISION_NONE)
		return hdiag_set(diag, HERR_INVALID, "decision",
		    referral_decision_code(now->decision),
		    "The referral was already decided on %s: %s",
		    now->decision_date != HDAY_NONE ?
		    hdate_format(now->decision_date, b) : "an earlier date",
		    referral_decision_label(now->decision));
	if ((int)r->decision <= DECISION_NONE ||
	    (int)r->decision >= DECISION__COUNT)
		return hdiag_set(diag, HERR_INVALID, "decision", "",
		    "Choose the decision on the referral");
	/* WT2023: the decision follows the referral, within a working day */
	if ((e = check_day(j, "decision_date", "decision date",
	    r->decision_date, today, diag)) != HERR_OK)
		return e;
	hdate_format(r->decision_date, d);
	if (r->decision_date < ep->referral_date)
		return hdiag_set(diag, HERR_INVALID, "decision_date", d,
		    "The decision date %s is before the referral date %s", d,
		    hdate_format(ep->referral_date, b));
	if (r->contact_date != HDAY_NONE) {
		if ((e = check_day(j, "contact_date", "contact date",
		    r->contact_date, today, diag)) != HERR_OK)
			return e;
		if (r->contact_date > ep->referral_date)
			return hdiag_set(diag, HERR_INVALID, "contact_date",
			    hdate_format(r->contact_date, b),
			    "The contact date %s is after the referral date "
			    "%s: the contact comes first", b,
			    hdate_format(ep->referral_date, d));
	}
	if ((e = check_note("reason", "The reason for the referral",
	    r->reason, diag)) != HERR_OK)
		return e;
	first = first_step(j, ep->id, &what);
	/* NFA and early help close the episode: nothing may hang off it */
	if (first != HDAY_NONE && (r->decision == DECISION_NFA ||
	    r->decision == DECISION_EARLY_HELP))
		return hdiag_set(diag, HERR_INVALID, "decision",
		    referral_decision_code(r->decision),
		    "%s is not possible: this episode already has %s on %s",
		    referral_decision_label(r->decision), what,
		    hdate_format(first, b));
	if (first != HDAY_NONE && first < r->decision_date)
		return hdiag_set(diag, HERR_INVALID, "decision_date",
		    hdate_format(r->decision_date, d),
		    "The decision date %s is after %s on %s", d, what,
		    hdate_format(first, b));
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Assessments
 */

enum herr
journey_check_assessment(const struct journey *j, const struct assessment *a,
    hday today, struct hdiag *diag)
{
	const struct cin_episode *ep;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if ((e = check_day(j, "start_date", "start date", a->start_date,
	    today, diag)) != HERR_OK ||
	    (e = check_alive(j, "start_date", "start date", a->start_date,
	    diag)) != HERR_OK ||
	    (e = check_in_episode(j, a->episode_id, "start_date",
	    "start date", a->start_date, &ep, diag)) != HERR_OK)
		return e;
	/* WT2023: an assessment follows a decision to assess, or to hold a
	 * strategy discussion (the assessment beside the s47) */
	if ((e = check_decided(j, ep, true, "start_date", "assessment",
	    a->start_date, diag)) != HERR_OK)
		return e;
	for (int i = 0; i < j->n_assessments; i++) {
		const struct assessment *o = &j->assessments[i];

		if (a->id != 0 && o->id == a->id)
			continue;
		if (o->authorised_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "start_date",
			    hdate_format(a->start_date, d),
			    "Another assessment, started on %s, is still "
			    "open: authorise it first",
			    hdate_format(o->start_date, b));
	}
	return check_factors(a->factors, a->n_factors, diag);
}

enum herr
journey_check_authorise(const struct journey *j, const struct assessment *a,
    hday today, struct hdiag *diag)
{
	const struct assessment *base = a;
	const struct cin_episode *ep;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	for (int i = 0; i < j->n_assessments; i++)
		if (a->id != 0 && j->assessments[i].id == a->id)
			base = &j->assessments[i];
	if (base != a && base->authorised_date != HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "authorised_date",
		    hdate_format(base->authorised_date, b),
		    "This assessment was already authorised on %s", b);
	if ((e = check_day(j, "authorised_date", "authorisation date",
	    a->authorised_date, today, diag)) != HERR_OK)
		return e;
	hdate_format(a->authorised_date, d);
	/* 8736: authorised before it started */
	if (a->authorised_date < base->start_date)
		return hdiag_set(diag, HERR_INVALID, "authorised_date", d,
		    "The authorisation date %s is before the assessment "
		    "started on %s", d, hdate_format(base->start_date, b));
	if ((e = check_in_episode(j, base->episode_id, "authorised_date",
	    "authorisation date", a->authorised_date, &ep, diag)) != HERR_OK)
		return e;
	if ((int)a->outcome <= ASSESS_OPEN || (int)a->outcome >= ASSESS__COUNT)
		return hdiag_set(diag, HERR_INVALID, "outcome", "",
		    "Choose the outcome of the assessment");
	if ((e = check_factors(a->factors, a->n_factors, diag)) != HERR_OK)
		return e;
	/* 8897Q: a completed assessment records the factors identified */
	if (a->n_factors == 0 && a->outcome != ASSESS_NFA)
		return hdiag_set(diag, HERR_INVALID, "factors", "",
		    "Record at least one factor identified by the assessment "
		    "(only an assessment with no further action may have "
		    "none)");
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * CIN plans
 */

enum herr
journey_check_cin_plan(const struct journey *j, const struct plan *p,
    hday today, struct hdiag *diag)
{
	const struct cin_episode *ep;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (p->kind != PLAN_CIN)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(p->kind), "This is not a CIN plan");
	if ((e = check_day(j, "start_date", "start date", p->start_date,
	    today, diag)) != HERR_OK ||
	    (e = check_alive(j, "start_date", "start date", p->start_date,
	    diag)) != HERR_OK ||
	    (e = check_in_episode(j, p->episode_id, "start_date",
	    "start date", p->start_date, &ep, diag)) != HERR_OK)
		return e;
	hdate_format(p->start_date, d);
	if (ep->closure_date != HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "start_date", d,
		    "The CIN episode closed on %s: a CIN plan needs an open "
		    "episode", hdate_format(ep->closure_date, b));
	/* A CIN plan may follow a transfer-in plan, with no decision */
	if ((e = check_decided(j, ep, false, "start_date", "CIN plan",
	    p->start_date, diag)) != HERR_OK)
		return e;
	if (p->end_date != HDAY_NONE) {
		if ((e = check_day(j, "end_date", "end date", p->end_date,
		    today, diag)) != HERR_OK)
			return e;
		if (p->end_date < p->start_date)
			return hdiag_set(diag, HERR_INVALID, "end_date",
			    hdate_format(p->end_date, b),
			    "The end date %s is before the start date %s", b,
			    d);
	}
	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *o = &j->plans[i];

		if (p->id != 0 && o->id == p->id)
			continue;
		if (o->kind == PLAN_CIN && o->end_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "The child already has a CIN plan, started on %s: "
			    "end it before starting another",
			    hdate_format(o->start_date, b));
		/* 4001: a CIN plan never runs alongside a CP plan; the two
		 * may touch on the day of step-down */
		if (o->kind == PLAN_CP && overlaps(p->start_date, p->end_date,
		    o->start_date, o->end_date))
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "A CIN plan from %s would run alongside the child "
			    "protection plan that started on %s; a CIN plan may "
			    "start on the day a child protection plan ends, not "
			    "before", d, hdate_format(o->start_date, b));
	}
	return HERR_OK;
}

/* The stored plan `p` names, else p itself (a plan not yet stored). */
static const struct plan *
stored_plan(const struct journey *j, const struct plan *p)
{
	const struct plan *s = p->id != 0 ? journey_plan(j, p->id) : NULL;

	return s != NULL ? s : p;
}

/* Ending a plan of any kind: not already ended, the end on or after its
 * start, nothing recorded under it afterwards. */
static enum herr
check_end(const struct journey *j, const struct plan *p, hday end,
    hday today, struct hdiag *diag)
{
	const struct plan_event *ev;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (p->end_date != HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "end_date",
		    hdate_format(p->end_date, b),
		    "This %s already ended on %s", plan_noun(p->kind), b);
	if ((e = check_day(j, "end_date", "end date", end, today, diag)) !=
	    HERR_OK)
		return e;
	hdate_format(end, d);
	if (end < p->start_date)
		return hdiag_set(diag, HERR_INVALID, "end_date", d,
		    "The end date %s is before the %s started on %s", d,
		    plan_noun(p->kind), hdate_format(p->start_date, b));
	if (p->id != 0 && (ev = event_after(j, p->id, end)) != NULL)
		return hdiag_set(diag, HERR_INVALID, "end_date", d,
		    "The end date %s is before the %s recorded on %s", d,
		    event_noun(ev->kind), hdate_format(ev->held_date, b));
	return HERR_OK;
}

enum herr
journey_check_cin_plan_end(const struct journey *j, const struct plan *p,
    hday end, hday today, struct hdiag *diag)
{
	const struct plan *s = stored_plan(j, p);

	if (s->kind != PLAN_CIN)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(s->kind), "This is not a CIN plan");
	return check_end(j, s, end, today, diag);
}

/* ---------------------------------------------------------------------
 * Strategy discussions and section 47 enquiries
 */

static enum herr
check_people(const char *field, const struct journey_person *people, int n,
    bool need_agency, struct hdiag *diag)
{
	enum herr e;

	if (n < 0 || n > JOURNEY_PEOPLE_MAX)
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "At most %d people can be recorded", JOURNEY_PEOPLE_MAX);
	for (int i = 0; i < n; i++) {
		const struct journey_person *p = &people[i];

		if ((e = text_check(field, "A person's name", p->name,
		    JOURNEY_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK ||
		    (e = text_check(field, "An agency", p->agency,
		    JOURNEY_NAME_MAX, 0, diag)) != HERR_OK ||
		    (e = text_check(field, "A role", p->role,
		    JOURNEY_NAME_MAX, 0, diag)) != HERR_OK)
			return e;
		if (need_agency && p->agency[0] == '\0')
			return hdiag_set(diag, HERR_INVALID, field, p->name,
			    "Give the agency %s is from", p->name);
		if (!need_agency && p->agency[0] == '\0' &&
		    p->role[0] == '\0')
			return hdiag_set(diag, HERR_INVALID, field, p->name,
			    "Give the agency or role of %s", p->name);
	}
	return HERR_OK;
}

enum herr
journey_check_strategy(const struct journey *j, const struct strategy *s,
    hday today, struct hdiag *diag)
{
	const struct cin_episode *ep;
	enum herr e;

	if ((e = check_day(j, "held_date", "date of the strategy discussion",
	    s->held_date, today, diag)) != HERR_OK ||
	    (e = check_alive(j, "held_date", "date of the strategy discussion",
	    s->held_date, diag)) != HERR_OK ||
	    (e = check_in_episode(j, s->episode_id, "held_date",
	    "date of the strategy discussion", s->held_date, &ep, diag)) !=
	    HERR_OK ||
	    (e = check_decided(j, ep, true, "held_date",
	    "strategy discussion",
	    s->held_date, diag)) != HERR_OK)
		return e;
	/* WT2023: a multi-agency discussion, so who took part is recorded */
	if (s->n_people < 1)
		return hdiag_set(diag, HERR_INVALID, "people", "",
		    "Record who took part in the strategy discussion");
	if ((e = check_people("people", s->people, s->n_people, true,
	    diag)) != HERR_OK)
		return e;
	return check_note("note", "The note", s->note, diag);
}

enum herr
journey_check_s47(const struct journey *j, const struct s47 *s, hday today,
    struct hdiag *diag)
{
	const struct cin_episode *ep;
	const struct strategy *st;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if ((e = check_day(j, "start_date", "start date", s->start_date,
	    today, diag)) != HERR_OK ||
	    (e = check_alive(j, "start_date", "start date", s->start_date,
	    diag)) != HERR_OK ||
	    (e = check_in_episode(j, s->episode_id, "start_date",
	    "start date", s->start_date, &ep, diag)) != HERR_OK)
		return e;
	hdate_format(s->start_date, d);
	/* WT2023: a strategy discussion decides whether to start an s47 */
	if (s->strategy_id != 0) {
		if ((st = journey_strategy(j, s->strategy_id)) == NULL)
			return hdiag_set(diag, HERR_INVALID, "strategy_id", "",
			    "The child has no such strategy discussion");
		hdate_format(st->held_date, b);
		if (st->episode_id != ep->id)
			return hdiag_set(diag, HERR_INVALID, "strategy_id", b,
			    "The strategy discussion on %s belongs to another "
			    "CIN episode", b);
		if (!st->s47)
			return hdiag_set(diag, HERR_INVALID, "strategy_id", b,
			    "The strategy discussion on %s did not decide on a "
			    "section 47 enquiry", b);
		if (s->start_date < st->held_date)
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "The start date %s is before the strategy "
			    "discussion on %s", d, b);
	} else {
		struct s47 probe = *s;

		probe.episode_id = ep->id;
		if (journey_s47_strategy(j, &probe) == NULL)
			return hdiag_set(diag, HERR_INVALID, "strategy_id", d,
			    "A section 47 enquiry starts after a strategy "
			    "discussion that decided on one; none in this "
			    "episode did so on or before %s", d);
	}
	for (int i = 0; i < j->n_s47s; i++) {
		const struct s47 *o = &j->s47s[i];

		if (s->id != 0 && o->id == s->id)
			continue;
		if (o->outcome == S47_OPEN)
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "Another section 47 enquiry, started on %s, is "
			    "still open: record its outcome first",
			    hdate_format(o->start_date, b));
	}
	return HERR_OK;
}

enum herr
journey_check_s47_outcome(const struct journey *j, const struct s47 *s,
    hday today, struct hdiag *diag)
{
	const struct s47 *base = s->id != 0 ? journey_s47(j, s->id) : NULL;
	const struct conference *c;
	const struct cin_episode *ep;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (base == NULL)
		base = s;
	else if (base->outcome != S47_OPEN)
		return hdiag_set(diag, HERR_INVALID, "outcome",
		    s47_outcome_code(base->outcome),
		    "The outcome of this enquiry was already recorded on %s",
		    base->outcome_date != HDAY_NONE ?
		    hdate_format(base->outcome_date, b) : "an earlier date");
	if ((int)s->outcome <= S47_OPEN || (int)s->outcome >= S47__COUNT)
		return hdiag_set(diag, HERR_INVALID, "outcome", "",
		    "Choose the outcome of the enquiry");
	if ((e = check_day(j, "outcome_date", "outcome date",
	    s->outcome_date, today, diag)) != HERR_OK)
		return e;
	hdate_format(s->outcome_date, d);
	if (s->outcome_date < base->start_date)
		return hdiag_set(diag, HERR_INVALID, "outcome_date", d,
		    "The outcome date %s is before the enquiry started on %s",
		    d, hdate_format(base->start_date, b));
	if ((e = check_in_episode(j, base->episode_id, "outcome_date",
	    "outcome date", s->outcome_date, &ep, diag)) != HERR_OK)
		return e;
	if (s->outcome == S47_CONFERENCE && base->id != 0 &&
	    (c = icpc_for(j, base->id, 0)) != NULL)
		return hdiag_set(diag, HERR_INVALID, "outcome",
		    s47_outcome_code(s->outcome),
		    "An initial conference was already held for this enquiry "
		    "on %s", hdate_format(c->held_date, b));
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Conferences
 */

/* 8905/8910: a category on the census list. */
static bool
category_ok(enum abuse_category c)
{
	return (int)c > ABUSE_NONE && (int)c < ABUSE__COUNT;
}

/* 8875: conferences are held on working days. */
static enum herr
check_working_day(hday day, struct hdiag *diag)
{
	const char *name;
	char d[HDATE_LEN];

	hdate_format(day, d);
	if (hdate_is_weekend(day))
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The conference date %s is a %s; conferences are held on "
		    "working days", d, weekdays[hdate_weekday(day)]);
	if ((name = calendar_holiday_name(day)) != NULL)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The conference date %s is a bank holiday (%s); "
		    "conferences are held on working days", d, name);
	return HERR_OK;
}

static enum herr
check_initial(const struct journey *j, const struct conference *c,
    const struct conference_child *cc, struct hdiag *diag)
{
	const struct conference *prev;
	const struct cin_episode *ep;
	const struct s47 *s;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	hdate_format(c->held_date, d);
	if (cc->s47_id == 0 || (s = journey_s47(j, cc->s47_id)) == NULL)
		return hdiag_set(diag, HERR_INVALID, "s47_id", "",
		    "An initial conference follows a section 47 enquiry: "
		    "choose the child's enquiry");
	hdate_format(s->start_date, b);
	if (s->outcome != S47_CONFERENCE)
		return hdiag_set(diag, HERR_INVALID, "s47_id", b,
		    "The section 47 enquiry started on %s has not decided on "
		    "a conference: record its outcome first", b);
	if (c->held_date < s->start_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The conference date %s is before the section 47 enquiry "
		    "started on %s", d, b);
	if (s->outcome_date != HDAY_NONE && c->held_date < s->outcome_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The conference date %s is before the enquiry decided on a "
		    "conference on %s", d, hdate_format(s->outcome_date, b));
	if ((e = check_in_episode(j, s->episode_id, "held_date",
	    "conference date", c->held_date, &ep, diag)) != HERR_OK)
		return e;
	if ((prev = icpc_for(j, s->id, c->id)) != NULL)
		return hdiag_set(diag, HERR_INVALID, "s47_id", d,
		    "An initial conference was already held for this enquiry "
		    "on %s", hdate_format(prev->held_date, b));
	return HERR_OK;
}

static enum herr
check_review(const struct journey *j, const struct conference *c,
    const struct conference_child *cc, struct hdiag *diag)
{
	const struct conference *last;
	const struct plan_event *ev;
	const struct cin_episode *ep;
	const struct plan *p, *cin;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	hdate_format(c->held_date, d);
	if ((p = journey_open_plan(j, PLAN_CP)) == NULL)
		return hdiag_set(diag, HERR_INVALID, "plan_id", "",
		    "A review conference needs the child's open child "
		    "protection plan, and the child has none");
	if (cc->plan_id != 0 && cc->plan_id != p->id)
		return hdiag_set(diag, HERR_INVALID, "plan_id", "",
		    "Only the child's open child protection plan, started on "
		    "%s, can be reviewed", hdate_format(p->start_date, b));
	/* 8841: a review is after the plan starts */
	if (c->held_date <= p->start_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The review conference date %s must be after the plan "
		    "started on %s", d, hdate_format(p->start_date, b));
	if ((last = last_review(j, p, c->id)) != NULL &&
	    c->held_date <= last->held_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The review conference date %s must be after the last "
		    "review on %s", d, hdate_format(last->held_date, b));
	if ((e = check_in_episode(j, p->episode_id, "held_date",
	    "conference date", c->held_date, &ep, diag)) != HERR_OK)
		return e;
	if (cc->decision == CDEC_CONTINUE && !category_ok(cc->category))
		return hdiag_set(diag, HERR_INVALID, "category", "",
		    "Choose the category of abuse the plan continues under");
	if (cc->decision == CDEC_END) {
		if ((int)cc->end_reason <= PLANEND_NONE ||
		    (int)cc->end_reason >= PLANEND__COUNT)
			return hdiag_set(diag, HERR_INVALID, "end_reason", "",
			    "Choose why the plan ends");
		if ((ev = event_after(j, p->id, c->held_date)) != NULL)
			return hdiag_set(diag, HERR_INVALID, "held_date", d,
			    "The plan cannot end on %s: a %s was recorded "
			    "under it on %s", d, event_noun(ev->kind),
			    hdate_format(ev->held_date, b));
		if (cc->step_down &&
		    (cin = journey_open_plan(j, PLAN_CIN)) != NULL)
			return hdiag_set(diag, HERR_INVALID, "step_down", "",
			    "The child already has a CIN plan, started on %s",
			    hdate_format(cin->start_date, b));
	}
	return HERR_OK;
}

enum herr
journey_check_conference(const struct journey *j, const struct conference *c,
    const struct conference_child *cc, hday today, struct hdiag *diag)
{
	const struct cin_episode *ep;
	const struct plan *open;
	char d[HDATE_LEN], b[HDATE_LEN];
	bool starts;
	enum herr e;

	if ((int)c->kind < CONF_INITIAL || (int)c->kind >= CONF__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Choose the kind of conference");
	if (j->child.id != 0 && cc->child_id != 0 &&
	    cc->child_id != j->child.id)
		return hdiag_set(diag, HERR_INVALID, "child_id", "",
		    "This is another child's part in the conference");
	if (c->kind == CONF_REVIEW ? cc->decision != CDEC_CONTINUE &&
	    cc->decision != CDEC_END : cc->decision != CDEC_PLAN &&
	    cc->decision != CDEC_NO_PLAN)
		return hdiag_set(diag, HERR_INVALID, "decision",
		    conference_decision_code(cc->decision),
		    c->kind == CONF_REVIEW ? "A review conference decides "
		    "whether the plan continues or ends" : "The conference "
		    "decides whether the child needs a child protection plan");
	if ((e = check_day(j, "held_date", "conference date", c->held_date,
	    today, diag)) != HERR_OK ||
	    (e = check_alive(j, "held_date", "conference date", c->held_date,
	    diag)) != HERR_OK ||
	    (e = check_working_day(c->held_date, diag)) != HERR_OK)
		return e;
	hdate_format(c->held_date, d);
	if ((e = check_note("note", "The note", c->note, diag)) != HERR_OK)
		return e;
	switch (c->kind) {
	case CONF_INITIAL:
		e = check_initial(j, c, cc, diag);
		break;
	case CONF_REVIEW:
		e = check_review(j, c, cc, diag);
		break;
	default:
		/* Tees: the receiving LA holds its own conference */
		if ((open = journey_open_plan(j, PLAN_CP)) != NULL)
			return hdiag_set(diag, HERR_INVALID, "kind",
			    "transfer-in", "The child already has a child "
			    "protection plan here, started on %s; a transfer-in "
			    "conference is for a child arriving with one",
			    hdate_format(open->start_date, b));
		if (c->notified_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "notified_date",
			    "", "Give the date this authority was told of the "
			    "child's plan");
		if (c->notified_date > c->held_date)
			return hdiag_set(diag, HERR_INVALID, "notified_date",
			    hdate_format(c->notified_date, b),
			    "The notification date %s is after the conference "
			    "date %s", b, d);
		if ((e = check_day(j, "notified_date", "notification date",
		    c->notified_date, today, diag)) == HERR_OK)
			e = check_in_episode(j, 0, "held_date",
			    "conference date", c->held_date, &ep, diag);
		break;
	}
	if (e != HERR_OK)
		return e;
	starts = c->kind != CONF_REVIEW && cc->decision == CDEC_PLAN;
	if (!starts)
		return HERR_OK;
	if (!category_ok(cc->category))
		return hdiag_set(diag, HERR_INVALID, "category", "",
		    "Choose the category of abuse for the plan");
	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *p = &j->plans[i];
		bool ours = p->kind == PLAN_CP && ((cc->plan_id != 0 &&
		    p->id == cc->plan_id) || (c->id != 0 &&
		    p->conference_id == c->id));

		/* 2885: the plan starts on the date of its conference */
		if (ours) {
			if (p->start_date != c->held_date)
				return hdiag_set(diag, HERR_INVALID,
				    "held_date", d, "The plan this conference "
				    "started begins on %s, not on the "
				    "conference date %s",
				    hdate_format(p->start_date, b), d);
			continue;
		}
		if (p->kind == PLAN_CP && p->end_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "decision", "plan",
			    "The child already has a child protection plan, "
			    "started on %s", hdate_format(p->start_date, b));
		/* 4001: a CP plan never runs alongside a CIN plan; the CIN
		 * plan may end on the conference date */
		if (p->kind == PLAN_CIN && overlaps(c->held_date, HDAY_NONE,
		    p->start_date, p->end_date))
			return hdiag_set(diag, HERR_INVALID, "decision", "plan",
			    "The child's CIN plan, started on %s, must end on "
			    "or before the conference date %s: a CIN plan and "
			    "a child protection plan cannot run together",
			    hdate_format(p->start_date, b), d);
	}
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Ending a CP plan, core groups, visits and reviews
 */

enum herr
journey_check_plan_end(const struct journey *j, const struct plan *p,
    hday end, enum plan_end_reason reason, hday today, struct hdiag *diag)
{
	const struct plan *s = stored_plan(j, p);
	const struct conference *last;
	const struct child *c = &j->child;
	char d[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (s->kind != PLAN_CP)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(s->kind),
		    "This is not a child protection plan");
	/* practice-models 6.6: judging that the risk has gone is for a
	 * review conference; the other reasons need no judgement */
	if (reason == PLANEND_NO_LONGER_AT_RISK)
		return hdiag_set(diag, HERR_INVALID, "end_reason",
		    plan_end_reason_code(reason), "Only a review conference "
		    "can decide the child is no longer at risk");
	if ((int)reason <= PLANEND_NONE || (int)reason >= PLANEND__COUNT)
		return hdiag_set(diag, HERR_INVALID, "end_reason", "",
		    "Choose why the plan ends");
	if ((e = check_end(j, s, end, today, diag)) != HERR_OK)
		return e;
	hdate_format(end, d);
	if (s->id != 0 && (last = last_review(j, s, 0)) != NULL &&
	    end <= last->held_date)
		return hdiag_set(diag, HERR_INVALID, "end_date", d,
		    "The end date %s must be after the last review conference "
		    "on %s", d, hdate_format(last->held_date, b));
	if (reason == PLANEND_AGE_18 && c->birth_date != HDAY_NONE &&
	    hdate_age_years(c->birth_date, end) < 18)
		return hdiag_set(diag, HERR_INVALID, "end_date", d,
		    "The child was not yet 18 on %s", d);
	/* 8585Q's reading: "died" needs the date of death first */
	if (reason == PLANEND_DIED && c->death_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "end_reason", "died",
		    "Record the child's date of death before ending the plan "
		    "for this reason");
	if (reason == PLANEND_DIED && end < c->death_date)
		return hdiag_set(diag, HERR_INVALID, "end_date", d,
		    "The end date %s is before the child's date of death %s",
		    d, hdate_format(c->death_date, b));
	return HERR_OK;
}

enum herr
journey_check_core_group(const struct plan *p, struct hdiag *diag)
{
	if (p->kind != PLAN_CP)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(p->kind),
		    "Only a child protection plan has a core group");
	return check_people("core_group", p->core_group, p->n_core_group,
	    false, diag);
}

enum herr
journey_check_event(const struct journey *j, const struct plan_event *e,
    hday today, struct hdiag *diag)
{
	const struct plan *p;
	char d[HDATE_LEN], b[HDATE_LEN];
	bool fits, review;
	enum herr err;

	if ((int)e->kind < EVENT_VISIT || (int)e->kind >= EVENT__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Choose what is being recorded");
	if ((p = journey_plan(j, e->plan_id)) == NULL)
		return hdiag_set(diag, HERR_INVALID, "plan_id", "",
		    "The child has no such plan");
	switch (e->kind) {
	case EVENT_VISIT:
		fits = p->kind == PLAN_CP || p->kind == PLAN_CIN;
		break;
	case EVENT_CORE_GROUP:
		fits = p->kind == PLAN_CP;
		break;
	case EVENT_CIN_REVIEW:
		fits = p->kind == PLAN_CIN;
		break;
	default:
		fits = p->kind == PLAN_LAC;
		break;
	}
	if (!fits)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    event_kind_code(e->kind), "A %s cannot be recorded under a "
		    "%s", event_noun(e->kind), plan_noun(p->kind));
	if ((err = check_day(j, "held_date", "date", e->held_date, today,
	    diag)) != HERR_OK ||
	    (err = check_alive(j, "held_date", "date", e->held_date, diag)) !=
	    HERR_OK)
		return err;
	hdate_format(e->held_date, d);
	hdate_format(p->start_date, b);
	/* 8841: a review is after the start of its plan */
	review = e->kind == EVENT_CIN_REVIEW || e->kind == EVENT_LAC_REVIEW;
	if (review && e->held_date <= p->start_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "A review on %s must be after the %s started on %s", d,
		    plan_noun(p->kind), b);
	if (e->held_date < p->start_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The date %s is before the %s started on %s", d,
		    plan_noun(p->kind), b);
	if (p->end_date != HDAY_NONE && e->held_date > p->end_date)
		return hdiag_set(diag, HERR_INVALID, "held_date", d,
		    "The date %s is after the %s ended on %s", d,
		    plan_noun(p->kind), hdate_format(p->end_date, b));
	if (e->seen_alone && !e->seen)
		return hdiag_set(diag, HERR_INVALID, "seen_alone", "",
		    "A child seen alone was seen: tick both");
	return check_note("note", "The note", e->note, diag);
}

/* ---------------------------------------------------------------------
 * Looked-after episodes
 */

enum herr
journey_check_lac(const struct journey *j, const struct plan *p, hday today,
    struct hdiag *diag)
{
	const struct child *c = &j->child;
	char d[HDATE_LEN], b[HDATE_LEN], x[HDATE_LEN];
	enum herr e;

	if (p->kind != PLAN_LAC)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(p->kind), "This is not a looked-after "
		    "episode");
	if ((e = lac_code_check(legal_statuses, NELEM(legal_statuses),
	    "legal_status", p->legal_status, diag)) != HERR_OK ||
	    (e = lac_code_check(placements, NELEM(placements), "placement",
	    p->placement, diag)) != HERR_OK)
		return e;
	if ((e = check_day(j, "start_date", "start date", p->start_date,
	    today, diag)) != HERR_OK ||
	    (e = check_alive(j, "start_date", "start date", p->start_date,
	    diag)) != HERR_OK)
		return e;
	hdate_format(p->start_date, d);
	if (c->birth_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "start_date", d,
		    "A child who has not been born cannot be looked after");
	if (p->start_date < c->birth_date)
		return hdiag_set(diag, HERR_INVALID, "start_date", d,
		    "The start date %s is before the child's date of birth %s",
		    d, hdate_format(c->birth_date, b));
	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *o = &j->plans[i];

		if (o->kind != PLAN_LAC || (p->id != 0 && o->id == p->id))
			continue;
		if (o->end_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "The child is already looked after, since %s: end "
			    "that episode first",
			    hdate_format(o->start_date, b));
		/* 903: episodes follow one another (X1: the next may begin
		 * the day one ends) */
		if (overlaps(p->start_date, p->end_date, o->start_date,
		    o->end_date))
			return hdiag_set(diag, HERR_INVALID, "start_date", d,
			    "The start date %s falls within the looked-after "
			    "episode from %s to %s", d,
			    hdate_format(o->start_date, b),
			    hdate_format(o->end_date, x));
	}
	return HERR_OK;
}

enum herr
journey_check_lac_end(const struct journey *j, const struct plan *p,
    hday end, const char *reason, hday today, struct hdiag *diag)
{
	const struct plan *s = stored_plan(j, p);
	enum herr e;

	if (s->kind != PLAN_LAC)
		return hdiag_set(diag, HERR_INVALID, "kind",
		    plan_kind_code(s->kind), "This is not a looked-after "
		    "episode");
	if ((e = check_end(j, s, end, today, diag)) != HERR_OK ||
	    (e = lac_code_check(rec_reasons, NELEM(rec_reasons),
	    "lac_end_reason", reason, diag)) != HERR_OK)
		return e;
	if (strcmp(reason, "E2") == 0 && j->child.death_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "lac_end_reason", "E2",
		    "Reason E2 (died) needs the child's date of death to be "
		    "recorded first");
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Closing a CIN episode
 */

enum herr
journey_check_episode_close(const struct journey *j, int64_t episode_id,
    hday closure, struct hdiag *diag)
{
	const struct cin_episode *ep = journey_episode(j, episode_id);
	char d[HDATE_LEN], b[HDATE_LEN];

	if (ep == NULL)
		return hdiag_set(diag, HERR_INVALID, "episode_id", "",
		    "The child has no such CIN episode");
	if (closure == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "closure_date", "",
		    "The closure date is missing");
	hdate_format(closure, d);
	/* 8630 */
	if (closure < ep->referral_date)
		return hdiag_set(diag, HERR_INVALID, "closure_date", d,
		    "The closure date %s is before the referral date %s", d,
		    hdate_format(ep->referral_date, b));
	/* 8840 and its family: no plan outlives its episode */
	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *p = &j->plans[i];

		if (p->episode_id != episode_id)
			continue;
		if (p->end_date == HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "closure_date", d,
			    "The %s started on %s is still open: end it before "
			    "closing the episode", plan_noun(p->kind),
			    hdate_format(p->start_date, b));
		if (p->end_date > closure)
			return hdiag_set(diag, HERR_INVALID, "closure_date", d,
			    "The closure date %s is before the %s ended on %s",
			    d, plan_noun(p->kind),
			    hdate_format(p->end_date, b));
	}
	for (int i = 0; i < j->n_assessments; i++) {
		const struct assessment *a = &j->assessments[i];
		hday last = a->authorised_date != HDAY_NONE ?
		    a->authorised_date : a->start_date;

		if (a->episode_id == episode_id && last > closure)
			return hdiag_set(diag, HERR_INVALID, "closure_date", d,
			    "The closure date %s is before the assessment "
			    "recorded on %s", d, hdate_format(last, b));
	}
	for (int i = 0; i < j->n_strategies; i++) {
		const struct strategy *s = &j->strategies[i];

		if (s->episode_id == episode_id && s->held_date > closure)
			return hdiag_set(diag, HERR_INVALID, "closure_date", d,
			    "The closure date %s is before the strategy "
			    "discussion on %s", d,
			    hdate_format(s->held_date, b));
	}
	for (int i = 0; i < j->n_s47s; i++) {
		const struct s47 *s = &j->s47s[i];
		hday last = s->outcome_date != HDAY_NONE ? s->outcome_date :
		    s->start_date;

		if (s->episode_id == episode_id && last > closure)
			return hdiag_set(diag, HERR_INVALID, "closure_date", d,
			    "The closure date %s is before the section 47 "
			    "enquiry recorded on %s", d, hdate_format(last, b));
	}
	return HERR_OK;
}
