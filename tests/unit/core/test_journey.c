/*
 * test_journey.c: the journey's code lists, its growable lists and the
 * rules of journey_check_* (journey.h).
 *
 * Each rule has a valid[] and an invalid[] table.  A case names a journey
 * (one of the scenarios below, built by hand), changes one thing in the
 * step being checked, and for an invalid case names the field diag must
 * blame and a phrase of its message.  Rule numbers are the CIN census
 * validation rules or WT2023 as cited in journey.c.  "Today" is fixed, so
 * the cases read as dates; the 2026 bank holidays used are Good Friday
 * 3 April, Easter Monday 6 April, early May 4 May and spring 25 May.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/cin.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/journey.h"
#include "core/person.h"
#include "testutil.h"
#include "core/banned.h"

#define TODAY "2026-06-30"	/* a Tuesday */
#define CHILD 40

/* ---------------------------------------------------------------------
 * Scenarios.  The child was born 2015-03-14.  Episode 1 was referred on
 * Monday 2 March 2026.
 */
enum scen {
	S_REFERRED,		/* undecided */
	S_REFERRED_STEP,	/* undecided, a strategy discussion 03-04 */
	S_ASSESS,		/* decided: assessment, 03-03 */
	S_ASSESS_OPEN,		/* + assessment 61 from 03-04, open */
	S_CIN,			/* + 61 authorised 03-31, CIN plan 42 from
				 * 04-01, a visit 05-06 */
	S_CIN_ENDED,		/* S_CIN, plan 42 ended 06-01 */
	S_STRATEGY,		/* decided: strategy, 03-02; discussions 11
				 * (03-03, no s47) and 12 (03-05, s47) */
	S_S47_OPEN,		/* + s47 21 from 03-05 (discussion 12) */
	S_S47_HELD,		/* S_S47_OPEN, yet an ICPC for it 03-20 */
	S_S47_CONF,		/* + s47 21 decided a conference on 03-13 */
	S_CIN_PRE_ICPC,		/* S_S47_CONF + CIN plan 42 from 03-10 */
	S_CP_NO_REVIEW,		/* S_S47_CONF + ICPC 31 on Friday 03-20, CP
				 * plan 41 from then, a visit 03-25 and a
				 * core group 03-27 */
	S_CP,			/* + review 32 on Friday 06-05: continue */
	S_CP_ENDED,		/* review 32 ended plan 41 on 06-05 */
	S_LAC,			/* S_ASSESS + looked after from 02-02 (71), a
				 * visit 03-02 */
	S_LAC_ENDED,		/* looked after 02-02 to 04-01 */
	S_TRANSFER,		/* undecided referral of a child arriving */
	S_CLOSED,		/* decided: assessment; closed 05-01 */
	S_NFA,			/* decided NFA on 03-02 and closed */
	S_DIED,			/* S_ASSESS; the child died 04-01 */
	S_UNBORN,		/* S_ASSESS; unborn, expected 2026-12-20 */
};

static void
add_episode(struct journey *j, const char *closed,
    enum referral_decision d, const char *decided)
{
	struct cin_episode e;
	struct referral r;

	cin_episode_init(&e);
	e.id = 1;
	e.version = 1;
	e.child_id = CHILD;
	e.referral_date = dt("2026-03-02");
	memcpy(e.referral_source, "3E", 3);
	memcpy(e.primary_need, "N1", 3);
	e.closure_date = dt(closed);
	if (e.closure_date != HDAY_NONE)
		memcpy(e.closure_reason, d == DECISION_NFA ? "RC8" : "RC1", 4);
	e.referral_nfa = d == DECISION_NFA;
	memset(&r, 0, sizeof(r));
	r.episode_id = 1;
	r.contact_date = HDAY_NONE;
	r.decision = d;
	r.decision_date = dt(decided);
	assert_int_equal(journey_push_episode(j, &e, &r, NULL), HERR_OK);
}

static void
add_assessment(struct journey *j, int64_t id, const char *start,
    const char *authorised, enum assessment_outcome o)
{
	struct assessment a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.child_id = CHILD;
	a.episode_id = 1;
	a.start_date = dt(start);
	a.authorised_date = dt(authorised);
	a.outcome = o;
	if (o != ASSESS_OPEN && o != ASSESS_NFA) {
		memcpy(a.factors[0], "3B", 3);
		a.n_factors = 1;
	}
	a.due_date = HDAY_NONE;
	assert_int_equal(journey_push_assessment(j, &a, NULL), HERR_OK);
}

static void
add_strategy(struct journey *j, int64_t id, const char *held, bool s47)
{
	struct strategy s;

	memset(&s, 0, sizeof(s));
	s.id = id;
	s.child_id = CHILD;
	s.episode_id = 1;
	s.held_date = dt(held);
	s.s47 = s47;
	memcpy(s.people[0].name, "Priya Shah", 11);
	memcpy(s.people[0].agency, "Police", 7);
	s.n_people = 1;
	assert_int_equal(journey_push_strategy(j, &s, NULL), HERR_OK);
}

static void
add_s47(struct journey *j, enum s47_outcome o, const char *outcome_date)
{
	struct s47 s;

	memset(&s, 0, sizeof(s));
	s.id = 21;
	s.child_id = CHILD;
	s.episode_id = 1;
	s.strategy_id = 12;
	s.start_date = dt("2026-03-05");
	s.outcome = o;
	s.outcome_date = dt(outcome_date);
	assert_int_equal(journey_push_s47(j, &s, NULL), HERR_OK);
}

static void
add_conference(struct journey *j, int64_t id, enum conference_kind k,
    const char *held, int64_t s47_id, enum conference_decision d)
{
	struct conference c;
	struct conference_child *cc = &c.children[0];

	memset(&c, 0, sizeof(c));
	c.id = id;
	c.kind = k;
	c.held_date = dt(held);
	c.notified_date = HDAY_NONE;
	c.n_children = 1;
	cc->child_id = CHILD;
	cc->s47_id = s47_id;
	cc->plan_id = 41;
	cc->decision = d;
	cc->category = d == CDEC_END ? ABUSE_NONE : ABUSE_NEGLECT;
	cc->end_reason = d == CDEC_END ? PLANEND_NO_LONGER_AT_RISK :
	    PLANEND_NONE;
	cc->due_date = HDAY_NONE;
	assert_int_equal(journey_push_conference(j, &c, NULL), HERR_OK);
}

static void
add_plan(struct journey *j, int64_t id, enum plan_kind k, const char *start,
    const char *end)
{
	struct plan p;

	memset(&p, 0, sizeof(p));
	p.id = id;
	p.version = 1;
	p.child_id = CHILD;
	p.episode_id = k == PLAN_LAC ? 0 : 1;
	p.kind = k;
	p.start_date = dt(start);
	p.end_date = dt(end);
	if (k == PLAN_CP) {
		p.conference_id = 31;
		p.initial_category = p.latest_category = ABUSE_NEGLECT;
		if (p.end_date != HDAY_NONE)
			p.end_reason = PLANEND_NO_LONGER_AT_RISK;
	}
	if (k == PLAN_LAC) {
		memcpy(p.legal_status, "C2", 3);
		memcpy(p.placement, "U4", 3);
		if (p.end_date != HDAY_NONE)
			memcpy(p.lac_end_reason, "E13", 4);
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
	e.seen = true;
	e.due_date = HDAY_NONE;
	assert_int_equal(journey_push_event(j, &e, NULL), HERR_OK);
}

static struct journey *
build(enum scen s)
{
	struct journey *j = journey_new();
	struct child *c = &j->child;

	c->id = CHILD;
	c->version = 1;
	memcpy(c->given_name, "Amara", 6);
	memcpy(c->family_name, "Okafor", 7);
	c->birth_date = dt("2015-03-14");
	c->sex = 'F';
	switch (s) {
	case S_REFERRED:
	case S_TRANSFER:
		add_episode(j, "", DECISION_NONE, "");
		break;
	case S_REFERRED_STEP:
		add_episode(j, "", DECISION_NONE, "");
		add_strategy(j, 11, "2026-03-04", false);
		break;
	case S_ASSESS:
	case S_DIED:
	case S_UNBORN:
		add_episode(j, "", DECISION_ASSESSMENT, "2026-03-03");
		if (s == S_DIED)
			c->death_date = dt("2026-04-01");
		if (s == S_UNBORN) {
			c->birth_date = HDAY_NONE;
			c->expected_birth_date = dt("2026-12-20");
			c->sex = 'U';
		}
		break;
	case S_ASSESS_OPEN:
		add_episode(j, "", DECISION_ASSESSMENT, "2026-03-03");
		add_assessment(j, 61, "2026-03-04", "", ASSESS_OPEN);
		break;
	case S_CIN:
	case S_CIN_ENDED:
		add_episode(j, "", DECISION_ASSESSMENT, "2026-03-03");
		add_assessment(j, 61, "2026-03-04", "2026-03-31",
		    ASSESS_CIN_PLAN);
		add_plan(j, 42, PLAN_CIN, "2026-04-01",
		    s == S_CIN_ENDED ? "2026-06-01" : "");
		add_event(j, 53, 42, EVENT_VISIT, "2026-05-06");
		break;
	case S_STRATEGY:
	case S_S47_OPEN:
	case S_S47_HELD:
	case S_S47_CONF:
	case S_CIN_PRE_ICPC:
	case S_CP_NO_REVIEW:
	case S_CP:
	case S_CP_ENDED:
		add_episode(j, "", DECISION_STRATEGY, "2026-03-02");
		add_strategy(j, 11, "2026-03-03", false);
		add_strategy(j, 12, "2026-03-05", true);
		if (s == S_STRATEGY)
			break;
		if (s == S_S47_OPEN || s == S_S47_HELD) {
			add_s47(j, S47_OPEN, "");
			if (s == S_S47_HELD)
				add_conference(j, 31, CONF_INITIAL,
				    "2026-03-20", 21, CDEC_NO_PLAN);
			break;
		}
		add_s47(j, S47_CONFERENCE, "2026-03-13");
		if (s == S_CIN_PRE_ICPC)
			add_plan(j, 42, PLAN_CIN, "2026-03-10", "");
		if (s == S_S47_CONF || s == S_CIN_PRE_ICPC)
			break;
		add_assessment(j, 61, "2026-03-05", "2026-04-20",
		    ASSESS_STRATEGY);
		add_conference(j, 31, CONF_INITIAL, "2026-03-20", 21,
		    CDEC_PLAN);
		add_plan(j, 41, PLAN_CP, "2026-03-20",
		    s == S_CP_ENDED ? "2026-06-05" : "");
		add_event(j, 51, 41, EVENT_VISIT, "2026-03-25");
		add_event(j, 52, 41, EVENT_CORE_GROUP, "2026-03-27");
		if (s != S_CP_NO_REVIEW)
			add_conference(j, 32, CONF_REVIEW, "2026-06-05", 0,
			    s == S_CP_ENDED ? CDEC_END : CDEC_CONTINUE);
		break;
	case S_LAC:
	case S_LAC_ENDED:
		add_episode(j, "", DECISION_ASSESSMENT, "2026-03-03");
		add_plan(j, 71, PLAN_LAC, "2026-02-02",
		    s == S_LAC_ENDED ? "2026-04-01" : "");
		add_event(j, 91, 71, EVENT_LAC_VISIT, "2026-03-02");
		break;
	case S_CLOSED:
		add_episode(j, "2026-05-01", DECISION_ASSESSMENT, "2026-03-03");
		break;
	case S_NFA:
		add_episode(j, "2026-03-02", DECISION_NFA, "2026-03-02");
		break;
	}
	return j;
}

/* ---------------------------------------------------------------------
 * Running a table
 */

/* What every case says: which journey, and for an invalid case the field
 * and a phrase of the message (NULL field: valid). */
struct expect {
	const char *what;
	enum scen scen;
	const char *field;
	const char *msg;
};

/*
 * Checks one result against x; the same check with a NULL diag must give
 * the same status (`again`).
 */
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

/* Runs table t[n] of cases of type T through fn(j, case, diag). */
#define RUN_TABLE(t, fn)						\
	do {								\
		for (size_t i_ = 0; i_ < NELEM(t); i_++) {		\
			struct journey *j_ = build((t)[i_].x.scen);	\
			struct hdiag d_;				\
			enum herr a_, b_;				\
									\
			hdiag_clear(&d_);				\
			a_ = fn(j_, &(t)[i_], &d_);			\
			b_ = fn(j_, &(t)[i_], NULL);			\
			judge(&(t)[i_].x, a_, b_, &d_);			\
			journey_free(j_);				\
		}							\
	} while (0)

/* "3B 4A" into an assessment's factors. */
static void
set_factors(struct assessment *a, const char *list)
{
	const char *p = list;

	a->n_factors = 0;
	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, " ");

		assert_true(n < sizeof(a->factors[0]));
		memcpy(a->factors[a->n_factors], p, n);
		a->factors[a->n_factors][n] = '\0';
		a->n_factors++;
		p += n;
		while (*p == ' ')
			p++;
	}
}

/* People taking part, by kind. */
enum ppl {
	P_ONE = 0,	/* Priya Shah, Police */
	P_TWO,		/* and Tom Reed, Health visiting */
	P_NONE,
	P_NO_NAME,	/* agency, no name */
	P_ROLE_ONLY,	/* a name and a role, no agency */
	P_NAME_ONLY,	/* no agency, no role */
	P_BAD_NAME,	/* " Priya" */
	P_TOO_MANY,	/* JOURNEY_PEOPLE_MAX + 1 */
};

static void
set_people(struct journey_person *p, int *n, enum ppl k)
{
	memset(p, 0, sizeof(*p) * JOURNEY_PEOPLE_MAX);
	*n = 1;
	memcpy(p[0].name, "Priya Shah", 11);
	memcpy(p[0].agency, "Police", 7);
	switch (k) {
	case P_ONE:
		break;
	case P_TWO:
		memcpy(p[1].name, "Tom Reed", 9);
		memcpy(p[1].agency, "Health visiting", 16);
		memcpy(p[1].role, "Health visitor", 15);
		*n = 2;
		break;
	case P_NONE:
		*n = 0;
		break;
	case P_NO_NAME:
		p[0].name[0] = '\0';
		break;
	case P_ROLE_ONLY:
		p[0].agency[0] = '\0';
		memcpy(p[0].role, "Parent", 7);
		break;
	case P_NAME_ONLY:
		p[0].agency[0] = '\0';
		break;
	case P_BAD_NAME:
		memcpy(p[0].name, " Priya", 7);
		break;
	case P_TOO_MANY:
		*n = JOURNEY_PEOPLE_MAX + 1;
		break;
	}
}

/* ---------------------------------------------------------------------
 * The referral decision
 */

struct dec_case {
	struct expect x;
	int decision;
	const char *date;
	const char *contact;	/* NULL: none */
	int64_t episode;	/* 0: episode 1 */
};

static enum herr
run_decision(struct journey *j, const struct dec_case *k, struct hdiag *d)
{
	struct referral r;

	memset(&r, 0, sizeof(r));
	r.episode_id = k->episode ? k->episode : 1;
	r.decision = (enum referral_decision)k->decision;
	r.decision_date = dt(k->date);
	r.contact_date = k->contact ? dt(k->contact) : HDAY_NONE;
	memcpy(r.reason, "School raised concerns", 23);
	return journey_check_decision(j, &r, dt(TODAY), d);
}

static const struct dec_case dec_valid[] = {
	{ { "assessment on the referral day", S_REFERRED },
	    DECISION_ASSESSMENT, "2026-03-02" },
	{ { "strategy the next day", S_REFERRED }, DECISION_STRATEGY,
	    "2026-03-03" },
	{ { "NFA", S_REFERRED }, DECISION_NFA, "2026-03-02" },
	{ { "early help", S_REFERRED }, DECISION_EARLY_HELP, "2026-03-04" },
	{ { "decided today", S_REFERRED }, DECISION_ASSESSMENT, TODAY },
	{ { "contact before the referral", S_REFERRED }, DECISION_ASSESSMENT,
	    "2026-03-02", "2026-02-27" },
	{ { "contact the same day", S_REFERRED }, DECISION_ASSESSMENT,
	    "2026-03-02", "2026-03-02" },
	{ { "strategy decided the day of the discussion", S_REFERRED_STEP },
	    DECISION_STRATEGY, "2026-03-04" },
};

static const struct dec_case dec_invalid[] = {
	{ { "no decision", S_REFERRED, "decision", "Choose" },
	    DECISION_NONE, "2026-03-02" },
	{ { "not a decision", S_REFERRED, "decision" }, 99, "2026-03-02" },
	{ { "no date", S_REFERRED, "decision_date", "missing" },
	    DECISION_ASSESSMENT, "" },
	{ { "in the future", S_REFERRED, "decision_date",
	    "2026-07-01 is in the future" }, DECISION_ASSESSMENT,
	    "2026-07-01" },
	{ { "before the referral", S_REFERRED, "decision_date",
	    "before the referral date 2026-03-02" }, DECISION_ASSESSMENT,
	    "2026-03-01" },
	{ { "contact after the referral", S_REFERRED, "contact_date",
	    "after the referral date" }, DECISION_ASSESSMENT, "2026-03-02",
	    "2026-03-03" },
	{ { "contact in the future", S_REFERRED, "contact_date" },
	    DECISION_ASSESSMENT, "2026-03-02", "2026-07-01" },
	{ { "already decided", S_ASSESS, "decision", "already decided on "
	    "2026-03-03" }, DECISION_STRATEGY, "2026-03-04" },
	{ { "episode closed", S_CLOSED, "episode_id", "closed" },
	    DECISION_STRATEGY, "2026-03-04" },
	{ { "no such episode", S_REFERRED, "episode_id" },
	    DECISION_ASSESSMENT, "2026-03-02", NULL, 99 },
	{ { "NFA with a step", S_REFERRED_STEP, "decision",
	    "strategy discussion held on 2026-03-04" }, DECISION_NFA,
	    "2026-03-02" },
	{ { "early help with a step", S_REFERRED_STEP, "decision" },
	    DECISION_EARLY_HELP, "2026-03-02" },
	{ { "decided after a later step", S_REFERRED_STEP, "decision_date",
	    "after a strategy discussion" }, DECISION_STRATEGY,
	    "2026-03-05" },
};

static void
test_decision(void **state)
{
	(void)state;
	RUN_TABLE(dec_valid, run_decision);
	RUN_TABLE(dec_invalid, run_decision);
}

/* ---------------------------------------------------------------------
 * Assessments
 */

struct as_case {
	struct expect x;
	const char *start;
	const char *factors;
	int64_t episode;	/* 0: episode 1; -1: found by date */
};

static enum herr
run_assessment(struct journey *j, const struct as_case *k, struct hdiag *d)
{
	struct assessment a;

	memset(&a, 0, sizeof(a));
	a.child_id = CHILD;
	a.episode_id = k->episode < 0 ? 0 : k->episode ? k->episode : 1;
	a.start_date = dt(k->start);
	a.authorised_date = HDAY_NONE;
	a.due_date = HDAY_NONE;
	set_factors(&a, k->factors);
	return journey_check_assessment(j, &a, dt(TODAY), d);
}

static const struct as_case as_valid[] = {
	{ { "on the decision day", S_ASSESS }, "2026-03-03" },
	{ { "today", S_ASSESS }, TODAY },
	{ { "factors already known", S_ASSESS }, "2026-03-04", "3B 4B" },
	{ { "after a decision to hold a strategy discussion", S_STRATEGY },
	    "2026-03-05" },
	{ { "after the last one was authorised", S_CIN }, "2026-06-01" },
	{ { "episode found by its date", S_ASSESS }, "2026-03-10", NULL,
	    -1 },
	{ { "unborn, within 40 weeks of birth", S_UNBORN }, "2026-03-20" },
};

static const struct as_case as_invalid[] = {
	{ { "no start date", S_ASSESS, "start_date", "missing" }, "" },
	{ { "in the future", S_ASSESS, "start_date", "future" },
	    "2026-07-01" },
	{ { "before the referral", S_ASSESS, "start_date",
	    "before the referral date 2026-03-02" }, "2026-02-27" },
	{ { "before the decision", S_ASSESS, "start_date",
	    "before the referral was decided on 2026-03-03" }, "2026-03-02" },
	{ { "undecided referral", S_REFERRED, "episode_id", "decision" },
	    "2026-03-05" },
	{ { "after NFA", S_NFA, "episode_id", "no further action" },
	    "2026-03-02" },
	{ { "another open", S_ASSESS_OPEN, "start_date",
	    "started on 2026-03-04, is still open" }, "2026-03-10" },
	{ { "factor not on the list (8897Q)", S_ASSESS, "factors" },
	    "2026-03-04", "3B ZZ" },
	{ { "factor twice", S_ASSESS, "factors", "twice" }, "2026-03-04",
	    "4A 4A" },
	{ { "after the episode closed", S_CLOSED, "start_date",
	    "closed on 2026-05-01" }, "2026-05-02" },
	{ { "in no episode", S_ASSESS, "start_date", "not within" },
	    "2025-06-02", NULL, -1 },
	{ { "no such episode", S_ASSESS, "episode_id" }, "2026-03-04", NULL,
	    99 },
	{ { "after the child died", S_DIED, "start_date",
	    "date of death 2026-04-01" }, "2026-04-02" },
	{ { "unborn, more than 40 weeks before birth", S_UNBORN,
	    "start_date", "40 weeks" }, "2026-03-05" },
};

static void
test_assessment(void **state)
{
	(void)state;
	RUN_TABLE(as_valid, run_assessment);
	RUN_TABLE(as_invalid, run_assessment);
}

struct au_case {
	struct expect x;
	const char *date;
	int outcome;
	const char *factors;
};

static enum herr
run_authorise(struct journey *j, const struct au_case *k, struct hdiag *d)
{
	struct assessment a;

	/* The stored assessment, as the record layer would pass it. */
	a = j->assessments[0];
	a.authorised_date = dt(k->date);
	a.outcome = (enum assessment_outcome)k->outcome;
	set_factors(&a, k->factors);
	return journey_check_authorise(j, &a, dt(TODAY), d);
}

static const struct au_case au_valid[] = {
	{ { "the day it started, NFA, no factors", S_ASSESS_OPEN },
	    "2026-03-04", ASSESS_NFA },
	{ { "today, CIN plan", S_ASSESS_OPEN }, TODAY, ASSESS_CIN_PLAN,
	    "3B" },
	{ { "strategy, two factors", S_ASSESS_OPEN }, "2026-04-15",
	    ASSESS_STRATEGY, "16A 4B" },
	{ { "early help", S_ASSESS_OPEN }, "2026-04-15", ASSESS_EARLY_HELP,
	    "21" },
};

static const struct au_case au_invalid[] = {
	{ { "before it started (8736)", S_ASSESS_OPEN, "authorised_date",
	    "before the assessment started on 2026-03-04" }, "2026-03-03",
	    ASSESS_NFA },
	{ { "no date", S_ASSESS_OPEN, "authorised_date", "missing" }, "",
	    ASSESS_NFA },
	{ { "in the future", S_ASSESS_OPEN, "authorised_date", "future" },
	    "2026-07-01", ASSESS_NFA },
	{ { "no outcome", S_ASSESS_OPEN, "outcome" }, "2026-04-15",
	    ASSESS_OPEN },
	{ { "not an outcome", S_ASSESS_OPEN, "outcome" }, "2026-04-15", 42 },
	{ { "CIN plan without factors", S_ASSESS_OPEN, "factors",
	    "at least one factor" }, "2026-04-15", ASSESS_CIN_PLAN },
	{ { "factor not on the list", S_ASSESS_OPEN, "factors" },
	    "2026-04-15", ASSESS_CIN_PLAN, "99Z" },
	{ { "already authorised", S_CIN, "authorised_date",
	    "already authorised on 2026-03-31" }, "2026-04-15", ASSESS_NFA },
};

static void
test_authorise(void **state)
{
	(void)state;
	RUN_TABLE(au_valid, run_authorise);
	RUN_TABLE(au_invalid, run_authorise);
}

/* ---------------------------------------------------------------------
 * CIN plans
 */

struct cp_case {
	struct expect x;
	const char *start;
	const char *end;	/* NULL: open */
	enum plan_kind kind;	/* 0 is CP: set explicitly */
};

static enum herr
run_cin_plan(struct journey *j, const struct cp_case *k, struct hdiag *d)
{
	struct plan p;

	memset(&p, 0, sizeof(p));
	p.child_id = CHILD;
	p.episode_id = 1;
	p.kind = k->kind;
	p.start_date = dt(k->start);
	p.end_date = k->end ? dt(k->end) : HDAY_NONE;
	return journey_check_cin_plan(j, &p, dt(TODAY), d);
}

static const struct cp_case cp_valid[] = {
	{ { "after an assessment", S_ASSESS }, "2026-04-01", NULL, PLAN_CIN },
	{ { "step-down: the day the CP plan ended (4001)", S_CP_ENDED },
	    "2026-06-05", NULL, PLAN_CIN },
	{ { "after the CP plan ended", S_CP_ENDED }, "2026-06-10", NULL,
	    PLAN_CIN },
	{ { "ended the day the CP plan started", S_CP_ENDED }, "2026-03-10",
	    "2026-03-20", PLAN_CIN },
	{ { "a transfer-in child, no decision needed", S_TRANSFER },
	    "2026-04-01", NULL, PLAN_CIN },
	{ { "after the last one ended", S_CIN_ENDED }, "2026-06-01", NULL,
	    PLAN_CIN },
};

static const struct cp_case cp_invalid[] = {
	{ { "beside an open CP plan (4001)", S_CP, "start_date",
	    "child protection plan that started on 2026-03-20" },
	    "2026-06-10", NULL, PLAN_CIN },
	{ { "the day before the CP plan ended (4001)", S_CP_ENDED,
	    "start_date", "child protection plan" }, "2026-06-04", NULL,
	    PLAN_CIN },
	{ { "ending inside the CP plan (4001)", S_CP_ENDED, "start_date",
	    "child protection plan" }, "2026-03-10", "2026-03-25", PLAN_CIN },
	{ { "another CIN plan open", S_CIN, "start_date",
	    "already has a CIN plan, started on 2026-04-01" }, "2026-06-01",
	    NULL, PLAN_CIN },
	{ { "not a CIN plan", S_ASSESS, "kind" }, "2026-04-01", NULL,
	    PLAN_CP },
	{ { "before the referral", S_ASSESS, "start_date",
	    "before the referral date" }, "2026-02-27", NULL, PLAN_CIN },
	{ { "before the decision", S_ASSESS, "start_date", "decided" },
	    "2026-03-02", NULL, PLAN_CIN },
	{ { "episode closed", S_CLOSED, "start_date", "closed on 2026-05-01" },
	    "2026-04-01", NULL, PLAN_CIN },
	{ { "in the future", S_ASSESS, "start_date", "future" }, "2026-07-01",
	    NULL, PLAN_CIN },
	{ { "ends before it starts", S_ASSESS, "end_date" }, "2026-04-01",
	    "2026-03-31", PLAN_CIN },
};

static void
test_cin_plan(void **state)
{
	(void)state;
	RUN_TABLE(cp_valid, run_cin_plan);
	RUN_TABLE(cp_invalid, run_cin_plan);
}

struct end_case {
	struct expect x;
	int64_t plan;
	const char *end;
	int reason;		/* CP plans */
	const char *rec;	/* LAC episodes */
};

static enum herr
run_cin_plan_end(struct journey *j, const struct end_case *k,
    struct hdiag *d)
{
	const struct plan *p = journey_plan(j, k->plan);

	assert_non_null(p);
	return journey_check_cin_plan_end(j, p, dt(k->end), dt(TODAY), d);
}

static const struct end_case ce_valid[] = {
	{ { "the day of the last visit", S_CIN }, 42, "2026-05-06" },
	{ { "today", S_CIN }, 42, TODAY },
};

static const struct end_case ce_invalid[] = {
	{ { "before it started", S_CIN, "end_date",
	    "before the CIN plan started on 2026-04-01" }, 42, "2026-03-31" },
	{ { "before a visit under it", S_CIN, "end_date",
	    "visit recorded on 2026-05-06" }, 42, "2026-05-05" },
	{ { "in the future", S_CIN, "end_date", "future" }, 42,
	    "2026-07-01" },
	{ { "no date", S_CIN, "end_date", "missing" }, 42, "" },
	{ { "already ended", S_CIN_ENDED, "end_date",
	    "already ended on 2026-06-01" }, 42, TODAY },
	{ { "a CP plan", S_CP, "kind" }, 41, TODAY },
};

static void
test_cin_plan_end(void **state)
{
	(void)state;
	RUN_TABLE(ce_valid, run_cin_plan_end);
	RUN_TABLE(ce_invalid, run_cin_plan_end);
}

/* ---------------------------------------------------------------------
 * Strategy discussions and s47 enquiries
 */

struct st_case {
	struct expect x;
	const char *held;
	enum ppl people;
	int64_t episode;	/* 0: episode 1; -1: found by date */
	const char *note;
};

static enum herr
run_strategy(struct journey *j, const struct st_case *k, struct hdiag *d)
{
	static struct strategy s;	/* large: not on the stack */

	memset(&s, 0, sizeof(s));
	s.child_id = CHILD;
	s.episode_id = k->episode < 0 ? 0 : k->episode ? k->episode : 1;
	s.held_date = dt(k->held);
	s.s47 = true;
	set_people(s.people, &s.n_people, k->people);
	if (k->note)
		memcpy(s.note, k->note, strlen(k->note) + 1);
	return journey_check_strategy(j, &s, dt(TODAY), d);
}

static const struct st_case st_valid[] = {
	{ { "the day of the decision", S_STRATEGY }, "2026-03-02" },
	{ { "a Saturday: discussions are not conferences", S_STRATEGY },
	    "2026-03-07", P_TWO },
	{ { "today, with a note", S_STRATEGY }, TODAY, P_ONE, 0,
	    "Police and health agreed\nan s47 is needed" },
	{ { "after a decision to assess", S_ASSESS }, "2026-04-01" },
	{ { "episode found by its date", S_STRATEGY }, "2026-03-04", P_ONE,
	    -1 },
};

static const struct st_case st_invalid[] = {
	{ { "nobody took part", S_STRATEGY, "people", "who took part" },
	    "2026-03-04", P_NONE },
	{ { "a person without a name", S_STRATEGY, "people", "name" },
	    "2026-03-04", P_NO_NAME },
	{ { "a person without an agency", S_STRATEGY, "people", "agency" },
	    "2026-03-04", P_ROLE_ONLY },
	{ { "a name with a leading space", S_STRATEGY, "people" },
	    "2026-03-04", P_BAD_NAME },
	{ { "too many people", S_STRATEGY, "people" }, "2026-03-04",
	    P_TOO_MANY },
	{ { "before the referral", S_STRATEGY, "held_date",
	    "before the referral date 2026-03-02" }, "2026-03-01" },
	{ { "in the future", S_STRATEGY, "held_date", "future" },
	    "2026-07-01" },
	{ { "undecided referral", S_REFERRED, "episode_id", "decision" },
	    "2026-03-04" },
	{ { "after NFA", S_NFA, "episode_id", "no further action" },
	    "2026-03-02" },
	{ { "in no episode", S_STRATEGY, "held_date", "not within" },
	    "2025-06-02", P_ONE, -1 },
	{ { "a control character in the note", S_STRATEGY, "note" },
	    "2026-03-04", P_ONE, 0, "bell\a" },
};

static void
test_strategy(void **state)
{
	(void)state;
	RUN_TABLE(st_valid, run_strategy);
	RUN_TABLE(st_invalid, run_strategy);
}

struct s4_case {
	struct expect x;
	int64_t strategy;
	const char *start;
};

static enum herr
run_s47(struct journey *j, const struct s4_case *k, struct hdiag *d)
{
	struct s47 s;

	memset(&s, 0, sizeof(s));
	s.child_id = CHILD;
	s.episode_id = 1;
	s.strategy_id = k->strategy;
	s.start_date = dt(k->start);
	s.outcome_date = HDAY_NONE;
	return journey_check_s47(j, &s, dt(TODAY), d);
}

static const struct s4_case s4_valid[] = {
	{ { "the day of the discussion", S_STRATEGY }, 12, "2026-03-05" },
	{ { "the day after", S_STRATEGY }, 12, "2026-03-06" },
	{ { "unlinked, after a discussion that decided on one", S_STRATEGY },
	    0, "2026-03-05" },
	{ { "after the last one ended", S_CP }, 12, "2026-06-10" },
};

static const struct s4_case s4_invalid[] = {
	{ { "the discussion decided against one", S_STRATEGY, "strategy_id",
	    "did not decide" }, 11, "2026-03-05" },
	{ { "unlinked, no discussion decided on one yet", S_STRATEGY,
	    "strategy_id", "2026-03-04" }, 0, "2026-03-04" },
	{ { "before its discussion", S_STRATEGY, "start_date",
	    "before the strategy discussion on 2026-03-05" }, 12,
	    "2026-03-04" },
	{ { "no such discussion", S_STRATEGY, "strategy_id" }, 99,
	    "2026-03-05" },
	{ { "another still open", S_S47_OPEN, "start_date", "still open" },
	    12, "2026-03-10" },
	{ { "in the future", S_STRATEGY, "start_date", "future" }, 12,
	    "2026-07-01" },
	{ { "no start date", S_STRATEGY, "start_date", "missing" }, 12, "" },
};

static void
test_s47(void **state)
{
	(void)state;
	RUN_TABLE(s4_valid, run_s47);
	RUN_TABLE(s4_invalid, run_s47);
}

struct so_case {
	struct expect x;
	int outcome;
	const char *date;
};

static enum herr
run_s47_outcome(struct journey *j, const struct so_case *k,
    struct hdiag *d)
{
	struct s47 s = *journey_s47(j, 21);

	s.outcome = (enum s47_outcome)k->outcome;
	s.outcome_date = dt(k->date);
	return journey_check_s47_outcome(j, &s, dt(TODAY), d);
}

static const struct so_case so_valid[] = {
	{ { "a conference", S_S47_OPEN }, S47_CONFERENCE, "2026-03-13" },
	{ { "NFA the day it began", S_S47_OPEN }, S47_NFA, "2026-03-05" },
	{ { "a CIN plan, today", S_S47_OPEN }, S47_CIN_PLAN, TODAY },
};

static const struct so_case so_invalid[] = {
	{ { "no outcome", S_S47_OPEN, "outcome", "Choose" }, S47_OPEN,
	    "2026-03-13" },
	{ { "not an outcome", S_S47_OPEN, "outcome" }, 17, "2026-03-13" },
	{ { "before it began", S_S47_OPEN, "outcome_date",
	    "before the enquiry started on 2026-03-05" }, S47_NFA,
	    "2026-03-04" },
	{ { "in the future", S_S47_OPEN, "outcome_date", "future" }, S47_NFA,
	    "2026-07-01" },
	{ { "no date", S_S47_OPEN, "outcome_date", "missing" }, S47_NFA, "" },
	{ { "already recorded", S_CP, "outcome", "already recorded on "
	    "2026-03-13" }, S47_NFA, "2026-03-20" },
	{ { "a conference already held", S_S47_HELD, "outcome",
	    "already held" }, S47_CONFERENCE, "2026-03-13" },
};

static void
test_s47_outcome(void **state)
{
	(void)state;
	RUN_TABLE(so_valid, run_s47_outcome);
	RUN_TABLE(so_invalid, run_s47_outcome);
}

/* ---------------------------------------------------------------------
 * Conferences
 */

struct co_case {
	struct expect x;
	int kind;
	const char *held;
	int decision;
	int category;
	int end_reason;
	int64_t s47;		/* ICPC: the enquiry */
	int64_t plan;		/* the plan started or reviewed, or 0 */
	const char *notified;	/* transfer-in */
	int64_t id;		/* re-checking a stored conference */
	bool step_down;
};

static enum herr
run_conference(struct journey *j, const struct co_case *k, struct hdiag *d)
{
	static struct conference c;	/* large: not on the stack */
	struct conference_child *cc = &c.children[0];

	memset(&c, 0, sizeof(c));
	c.id = k->id;
	c.kind = (enum conference_kind)k->kind;
	c.held_date = dt(k->held);
	c.notified_date = k->notified ? dt(k->notified) : HDAY_NONE;
	c.n_children = 1;
	cc->child_id = CHILD;
	cc->s47_id = k->s47;
	cc->plan_id = k->plan;
	cc->decision = (enum conference_decision)k->decision;
	cc->category = (enum abuse_category)k->category;
	cc->end_reason = (enum plan_end_reason)k->end_reason;
	cc->step_down = k->step_down;
	cc->due_date = HDAY_NONE;
	return journey_check_conference(j, &c, cc, dt(TODAY), d);
}

#define ICPC(held, dec, cat) CONF_INITIAL, held, dec, cat, 0, 21
#define RCPC(held, dec, cat, why) CONF_REVIEW, held, dec, cat, why, 0, 41

static const struct co_case co_valid[] = {
	/* Initial conferences (S_S47_CONF: the s47 began 03-05 and decided
	 * on a conference 03-13). */
	{ { "ICPC on a Friday, plan", S_S47_CONF },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "ICPC the day the s47 decided, no plan", S_S47_CONF },
	    ICPC("2026-03-13", CDEC_NO_PLAN, ABUSE_NONE) },
	{ { "ICPC the Tuesday after Easter", S_S47_CONF },
	    ICPC("2026-04-07", CDEC_PLAN, ABUSE_EMOTIONAL) },
	{ { "ICPC, multiple categories", S_S47_CONF },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_MULTIPLE) },
	{ { "ICPC with a CIN plan, no CP plan", S_CIN_PRE_ICPC },
	    ICPC("2026-03-20", CDEC_NO_PLAN, ABUSE_NONE) },
	{ { "the ICPC re-checked: its plan starts that day (2885)", S_CP },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_NEGLECT), 41, NULL, 31 },
	/* Review conferences (S_CP: plan 41 from 03-20, reviewed 06-05). */
	{ { "RCPC, continue", S_CP },
	    RCPC("2026-06-10", CDEC_CONTINUE, ABUSE_PHYSICAL, 0) },
	{ { "RCPC, end", S_CP },
	    RCPC("2026-06-12", CDEC_END, 0, PLANEND_NO_LONGER_AT_RISK) },
	{ { "RCPC, end with step-down", S_CP },
	    RCPC("2026-06-12", CDEC_END, 0, PLANEND_NO_LONGER_AT_RISK), NULL,
	    0, true },
	{ { "first RCPC, the Monday after the plan began (8841)",
	    S_CP_NO_REVIEW },
	    RCPC("2026-03-23", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	/* Transfer-in (S_TRANSFER: referred 03-02). */
	{ { "transfer-in, plan", S_TRANSFER }, CONF_TRANSFER_IN, "2026-03-20",
	    CDEC_PLAN, ABUSE_EMOTIONAL, 0, 0, 0, "2026-03-02" },
	{ { "transfer-in notified the same day, no plan", S_TRANSFER },
	    CONF_TRANSFER_IN, "2026-03-20", CDEC_NO_PLAN, 0, 0, 0, 0,
	    "2026-03-20" },
};

static const struct co_case co_invalid[] = {
	/* 8875 */
	{ { "a Saturday (8875)", S_S47_CONF, "held_date",
	    "2026-03-14 is a Saturday; conferences are held on working "
	    "days" }, ICPC("2026-03-14", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "a Sunday (8875)", S_S47_CONF, "held_date", "Sunday" },
	    ICPC("2026-03-15", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "Good Friday (8875)", S_S47_CONF, "held_date",
	    "2026-04-03 is a bank holiday (Good Friday)" },
	    ICPC("2026-04-03", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "Easter Monday (8875)", S_S47_CONF, "held_date",
	    "Easter Monday" }, ICPC("2026-04-06", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "early May bank holiday (8875)", S_S47_CONF, "held_date",
	    "Early May bank holiday" },
	    ICPC("2026-05-04", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "Christmas Day (8875)", S_S47_CONF, "held_date",
	    "Christmas Day" }, ICPC("2025-12-25", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "spring bank holiday review (8875)", S_CP, "held_date",
	    "Spring bank holiday" },
	    RCPC("2026-05-25", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	/* ICPC */
	{ { "ICPC before the s47 began", S_S47_CONF, "held_date",
	    "before the section 47 enquiry started on 2026-03-05" },
	    ICPC("2026-03-04", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "ICPC before the s47 decided on one", S_S47_CONF, "held_date",
	    "2026-03-13" }, ICPC("2026-03-12", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "ICPC without an enquiry", S_S47_CONF, "s47_id" }, CONF_INITIAL,
	    "2026-03-20", CDEC_PLAN, ABUSE_NEGLECT, 0, 0 },
	{ { "ICPC for another enquiry", S_S47_CONF, "s47_id" }, CONF_INITIAL,
	    "2026-03-20", CDEC_PLAN, ABUSE_NEGLECT, 0, 99 },
	{ { "ICPC while the s47 is open", S_S47_OPEN, "s47_id", "outcome" },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "ICPC plan without a category", S_S47_CONF, "category" },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_NONE) },
	{ { "ICPC plan, not a category", S_S47_CONF, "category" },
	    ICPC("2026-03-20", CDEC_PLAN, 12) },
	{ { "ICPC deciding 'continue'", S_S47_CONF, "decision" },
	    ICPC("2026-03-20", CDEC_CONTINUE, ABUSE_NEGLECT) },
	{ { "ICPC in the future", S_S47_CONF, "held_date", "future" },
	    ICPC("2026-07-01", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "a CP plan beside an open CIN plan (4001)", S_CIN_PRE_ICPC,
	    "decision", "CIN plan, started on 2026-03-10" },
	    ICPC("2026-03-20", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "a second ICPC for the same enquiry", S_CP, "s47_id",
	    "already held" }, ICPC("2026-04-07", CDEC_PLAN, ABUSE_NEGLECT) },
	{ { "the ICPC's plan starts another day (2885)", S_CP, "held_date",
	    "not on the conference date 2026-03-19" },
	    ICPC("2026-03-19", CDEC_PLAN, ABUSE_NEGLECT), 41, NULL, 31 },
	/* RCPC */
	{ { "RCPC the day of the last review", S_CP, "held_date",
	    "last review on 2026-06-05" },
	    RCPC("2026-06-05", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	{ { "RCPC before the last review", S_CP, "held_date",
	    "last review" }, RCPC("2026-06-04", CDEC_CONTINUE, ABUSE_NEGLECT,
	    0) },
	{ { "RCPC on the plan's first day (8841)", S_CP_NO_REVIEW,
	    "held_date", "after the plan started on 2026-03-20" },
	    RCPC("2026-03-20", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	{ { "continue without a category", S_CP, "category" },
	    RCPC("2026-06-10", CDEC_CONTINUE, ABUSE_NONE, 0) },
	{ { "end without a reason", S_CP, "end_reason" },
	    RCPC("2026-06-10", CDEC_END, 0, PLANEND_NONE) },
	{ { "RCPC deciding 'plan'", S_CP, "decision" },
	    RCPC("2026-06-10", CDEC_PLAN, ABUSE_NEGLECT, 0) },
	{ { "RCPC deciding 'no plan'", S_CP, "decision" },
	    RCPC("2026-06-10", CDEC_NO_PLAN, 0, 0) },
	{ { "RCPC of another plan", S_CP, "plan_id" }, CONF_REVIEW,
	    "2026-06-10", CDEC_CONTINUE, ABUSE_NEGLECT, 0, 0, 99 },
	{ { "RCPC without an open plan", S_CP_ENDED, "plan_id" },
	    RCPC("2026-06-10", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	{ { "ending before a core group under the plan", S_CP_NO_REVIEW,
	    "held_date", "core group meeting was recorded under it on "
	    "2026-03-27" }, RCPC("2026-03-26", CDEC_END, 0,
	    PLANEND_NO_LONGER_AT_RISK) },
	{ { "RCPC on a Saturday (8875)", S_CP, "held_date", "Saturday" },
	    RCPC("2026-06-13", CDEC_CONTINUE, ABUSE_NEGLECT, 0) },
	/* Transfer-in */
	{ { "transfer-in without a notified date", S_TRANSFER,
	    "notified_date" }, CONF_TRANSFER_IN, "2026-03-20", CDEC_PLAN,
	    ABUSE_NEGLECT },
	{ { "transfer-in notified after the conference", S_TRANSFER,
	    "notified_date", "after the conference date 2026-03-20" },
	    CONF_TRANSFER_IN, "2026-03-20", CDEC_PLAN, ABUSE_NEGLECT, 0, 0, 0,
	    "2026-03-21" },
	{ { "transfer-in with a plan already open", S_CP, "kind",
	    "2026-03-20" }, CONF_TRANSFER_IN, "2026-06-10", CDEC_PLAN,
	    ABUSE_NEGLECT, 0, 0, 0, "2026-06-01" },
	{ { "transfer-in before the referral", S_TRANSFER, "held_date",
	    "not within" }, CONF_TRANSFER_IN, "2026-02-27", CDEC_PLAN,
	    ABUSE_NEGLECT, 0, 0, 0, "2026-02-20" },
	{ { "transfer-in plan without a category", S_TRANSFER, "category" },
	    CONF_TRANSFER_IN, "2026-03-20", CDEC_PLAN, ABUSE_NONE, 0, 0, 0,
	    "2026-03-02" },
	{ { "transfer-in on a Sunday (8875)", S_TRANSFER, "held_date",
	    "Sunday" }, CONF_TRANSFER_IN, "2026-03-22", CDEC_PLAN,
	    ABUSE_NEGLECT, 0, 0, 0, "2026-03-02" },
	{ { "not a kind of conference", S_S47_CONF, "kind" }, 7,
	    "2026-03-20", CDEC_PLAN, ABUSE_NEGLECT, 0, 21 },
};

#undef ICPC
#undef RCPC

static void
test_conference(void **state)
{
	(void)state;
	RUN_TABLE(co_valid, run_conference);
	RUN_TABLE(co_invalid, run_conference);
}

/* ---------------------------------------------------------------------
 * Ending a CP plan, core groups, visits and reviews
 */

static enum herr
run_plan_end(struct journey *j, const struct end_case *k, struct hdiag *d)
{
	const struct plan *p = journey_plan(j, k->plan);

	assert_non_null(p);
	return journey_check_plan_end(j, p, dt(k->end),
	    (enum plan_end_reason)k->reason, dt(TODAY), d);
}

static const struct end_case pe_valid[] = {
	{ { "moved to another LA", S_CP }, 41, "2026-06-10",
	    PLANEND_MOVED_LA },
	{ { "looked after", S_CP }, 41, "2026-06-08", PLANEND_LOOKED_AFTER },
	{ { "left the UK, today", S_CP }, 41, TODAY, PLANEND_LEFT_UK },
	{ { "the day of the last core group", S_CP_NO_REVIEW }, 41,
	    "2026-03-27", PLANEND_MOVED_LA },
};

static const struct end_case pe_invalid[] = {
	{ { "no longer at risk needs a conference", S_CP, "end_reason",
	    "review conference" }, 41, "2026-06-10",
	    PLANEND_NO_LONGER_AT_RISK },
	{ { "no reason", S_CP, "end_reason" }, 41, "2026-06-10",
	    PLANEND_NONE },
	{ { "not a reason", S_CP, "end_reason" }, 41, "2026-06-10", 77 },
	{ { "the day of the last review", S_CP, "end_date",
	    "last review conference on 2026-06-05" }, 41, "2026-06-05",
	    PLANEND_MOVED_LA },
	{ { "before it began", S_CP_NO_REVIEW, "end_date",
	    "before the child protection plan started on 2026-03-20" }, 41,
	    "2026-03-19", PLANEND_MOVED_LA },
	{ { "before a core group under it", S_CP_NO_REVIEW, "end_date",
	    "core group meeting recorded on 2026-03-27" }, 41, "2026-03-26",
	    PLANEND_MOVED_LA },
	{ { "in the future", S_CP, "end_date", "future" }, 41, "2026-07-01",
	    PLANEND_MOVED_LA },
	{ { "18 when 11", S_CP, "end_date", "not yet 18" }, 41,
	    "2026-06-10", PLANEND_AGE_18 },
	{ { "died, no date of death", S_CP, "end_reason", "date of death" },
	    41, "2026-06-10", PLANEND_DIED },
	{ { "a CIN plan", S_CIN, "kind" }, 42, "2026-06-10",
	    PLANEND_MOVED_LA },
	{ { "already ended", S_CP_ENDED, "end_date",
	    "already ended on 2026-06-05" }, 41, "2026-06-10",
	    PLANEND_MOVED_LA },
};

static void
test_plan_end(void **state)
{
	(void)state;
	RUN_TABLE(pe_valid, run_plan_end);
	RUN_TABLE(pe_invalid, run_plan_end);
}

/* The age and death rules with a child they fit. */
static void
test_plan_end_age_and_death(void **state)
{
	struct journey *j = build(S_CP);
	struct hdiag d;
	const struct plan *p = journey_plan(j, 41);

	(void)state;
	assert_non_null(p);
	j->child.birth_date = dt("2008-06-08");
	assert_int_equal(journey_check_plan_end(j, p, dt("2026-06-07"),
	    PLANEND_AGE_18, dt(TODAY), &d), HERR_INVALID);
	assert_string_equal(d.field, "end_date");
	assert_int_equal(journey_check_plan_end(j, p, dt("2026-06-08"),
	    PLANEND_AGE_18, dt(TODAY), &d), HERR_OK);
	j->child.death_date = dt("2026-06-09");
	assert_int_equal(journey_check_plan_end(j, p, dt("2026-06-08"),
	    PLANEND_DIED, dt(TODAY), &d), HERR_INVALID);
	assert_string_equal(d.field, "end_date");
	/* Ended for that reason on the day, or when the LA learnt of it. */
	assert_int_equal(journey_check_plan_end(j, p, dt("2026-06-09"),
	    PLANEND_DIED, dt(TODAY), &d), HERR_OK);
	assert_int_equal(journey_check_plan_end(j, p, dt("2026-06-12"),
	    PLANEND_DIED, dt(TODAY), &d), HERR_OK);
	journey_free(j);
}

struct cg_case {
	struct expect x;
	enum ppl people;
	enum plan_kind kind;
};

static enum herr
run_core_group(struct journey *j, const struct cg_case *k, struct hdiag *d)
{
	static struct plan p;	/* large: not on the stack */

	(void)j;
	memset(&p, 0, sizeof(p));
	p.kind = k->kind;
	set_people(p.core_group, &p.n_core_group, k->people);
	return journey_check_core_group(&p, d);
}

static const struct cg_case cg_valid[] = {
	{ { "one member from an agency", S_CP }, P_ONE, PLAN_CP },
	{ { "two members", S_CP }, P_TWO, PLAN_CP },
	{ { "none yet", S_CP }, P_NONE, PLAN_CP },
	{ { "a parent: a role, no agency", S_CP }, P_ROLE_ONLY, PLAN_CP },
};

static const struct cg_case cg_invalid[] = {
	{ { "no name", S_CP, "core_group", "name" }, P_NO_NAME, PLAN_CP },
	{ { "neither agency nor role", S_CP, "core_group",
	    "agency or role of Priya Shah" }, P_NAME_ONLY, PLAN_CP },
	{ { "a name with a leading space", S_CP, "core_group" }, P_BAD_NAME,
	    PLAN_CP },
	{ { "too many", S_CP, "core_group" }, P_TOO_MANY, PLAN_CP },
	{ { "a CIN plan", S_CP, "kind" }, P_ONE, PLAN_CIN },
};

static void
test_core_group(void **state)
{
	(void)state;
	RUN_TABLE(cg_valid, run_core_group);
	RUN_TABLE(cg_invalid, run_core_group);
}

struct ev_case {
	struct expect x;
	int64_t plan;
	int kind;
	const char *held;
	bool seen, alone;
};

static enum herr
run_event(struct journey *j, const struct ev_case *k, struct hdiag *d)
{
	static struct plan_event e;	/* large: not on the stack */

	memset(&e, 0, sizeof(e));
	e.child_id = CHILD;
	e.plan_id = k->plan;
	e.kind = (enum event_kind)k->kind;
	e.held_date = dt(k->held);
	e.seen = k->seen;
	e.seen_alone = k->alone;
	e.due_date = HDAY_NONE;
	return journey_check_event(j, &e, dt(TODAY), d);
}

static const struct ev_case ev_valid[] = {
	{ { "CP visit on the plan's first day", S_CP }, 41, EVENT_VISIT,
	    "2026-03-20" },
	{ { "core group", S_CP }, 41, EVENT_CORE_GROUP, "2026-03-23" },
	{ { "visit, seen alone", S_CP }, 41, EVENT_VISIT, TODAY, true, true },
	{ { "visit on a Sunday", S_CP }, 41, EVENT_VISIT, "2026-03-22", true },
	{ { "CIN visit", S_CIN }, 42, EVENT_VISIT, "2026-04-01" },
	{ { "CIN review the day after the start", S_CIN }, 42,
	    EVENT_CIN_REVIEW, "2026-04-02" },
	{ { "LAC review", S_LAC }, 71, EVENT_LAC_REVIEW, "2026-02-03" },
	{ { "LAC visit on the first day", S_LAC }, 71, EVENT_LAC_VISIT,
	    "2026-02-02", true },
	{ { "CIN visit on the day the plan ended", S_CIN_ENDED }, 42,
	    EVENT_VISIT, "2026-06-01" },
};

static const struct ev_case ev_invalid[] = {
	{ { "core group under a CIN plan", S_CIN, "kind" }, 42,
	    EVENT_CORE_GROUP, "2026-05-01" },
	{ { "CIN review under a CP plan", S_CP, "kind" }, 41,
	    EVENT_CIN_REVIEW, "2026-05-01" },
	{ { "LAC visit under a CP plan", S_CP, "kind" }, 41, EVENT_LAC_VISIT,
	    "2026-05-01" },
	{ { "CP visit under a looked-after episode", S_LAC, "kind",
	    "looked-after episode" }, 71, EVENT_VISIT, "2026-05-01" },
	{ { "core group under a looked-after episode", S_LAC, "kind" }, 71,
	    EVENT_CORE_GROUP, "2026-05-01" },
	{ { "before the plan began", S_CP, "held_date",
	    "before the child protection plan started on 2026-03-20" }, 41,
	    EVENT_VISIT, "2026-03-19" },
	{ { "CIN review on the plan's first day (8841)", S_CIN, "held_date",
	    "must be after" }, 42, EVENT_CIN_REVIEW, "2026-04-01" },
	{ { "LAC review on the first day (8841)", S_LAC, "held_date" }, 71,
	    EVENT_LAC_REVIEW, "2026-02-02" },
	{ { "after the plan ended", S_CP_ENDED, "held_date",
	    "ended on 2026-06-05" }, 41, EVENT_VISIT, "2026-06-06" },
	{ { "in the future", S_CP, "held_date", "future" }, 41, EVENT_VISIT,
	    "2026-07-01" },
	{ { "no date", S_CP, "held_date", "missing" }, 41, EVENT_VISIT, "" },
	{ { "no such plan", S_CP, "plan_id" }, 99, EVENT_VISIT,
	    "2026-05-01" },
	{ { "seen alone but not seen", S_CP, "seen_alone" }, 41, EVENT_VISIT,
	    "2026-05-01", false, true },
	{ { "not a kind of event", S_CP, "kind" }, 41, 9, "2026-05-01" },
};

static void
test_event(void **state)
{
	(void)state;
	RUN_TABLE(ev_valid, run_event);
	RUN_TABLE(ev_invalid, run_event);
}

/* ---------------------------------------------------------------------
 * Looked-after episodes
 */

struct la_case {
	struct expect x;
	const char *start;
	const char *legal, *placement;
};

static enum herr
run_lac(struct journey *j, const struct la_case *k, struct hdiag *d)
{
	static struct plan p;	/* large: not on the stack */

	memset(&p, 0, sizeof(p));
	p.child_id = CHILD;
	p.kind = PLAN_LAC;
	p.start_date = dt(k->start);
	p.end_date = HDAY_NONE;
	memcpy(p.legal_status, k->legal ? k->legal : "C2",
	    strlen(k->legal ? k->legal : "C2") + 1);
	memcpy(p.placement, k->placement ? k->placement : "U4",
	    strlen(k->placement ? k->placement : "U4") + 1);
	return journey_check_lac(j, &p, dt(TODAY), d);
}

static const struct la_case la_valid[] = {
	{ { "care order, foster care", S_ASSESS }, "2026-02-02" },
	{ { "section 20, children's home, today", S_ASSESS }, TODAY, "V2",
	    "K2" },
	{ { "the day the last one ended (X1)", S_LAC_ENDED }, "2026-04-01" },
	{ { "after the last one ended", S_LAC_ENDED }, "2026-05-01", "C1",
	    "P1" },
	{ { "on the day of birth", S_ASSESS }, "2015-03-14", "L2", "R3" },
};

static const struct la_case la_invalid[] = {
	{ { "legal status not on the 903 list", S_ASSESS, "legal_status",
	    "SSDA903 legal status" }, "2026-02-02", "X9" },
	{ { "no legal status", S_ASSESS, "legal_status" }, "2026-02-02", "" },
	{ { "legal status in lower case", S_ASSESS, "legal_status" },
	    "2026-02-02", "c2" },
	{ { "placement not on the 903 list", S_ASSESS, "placement",
	    "placement type" }, "2026-02-02", NULL, "U7" },
	{ { "no placement", S_ASSESS, "placement" }, "2026-02-02", NULL, "" },
	{ { "already looked after", S_LAC, "start_date",
	    "already looked after, since 2026-02-02" }, "2026-05-01" },
	{ { "unborn", S_UNBORN, "start_date", "not been born" },
	    "2026-05-01" },
	{ { "in the future", S_ASSESS, "start_date", "future" },
	    "2026-07-01" },
	{ { "before birth", S_ASSESS, "start_date",
	    "before the child's date of birth 2015-03-14" }, "2015-03-13" },
	{ { "inside an earlier episode", S_LAC_ENDED, "start_date",
	    "from 2026-02-02 to 2026-04-01" }, "2026-03-01" },
	{ { "no start date", S_ASSESS, "start_date", "missing" }, "" },
};

static void
test_lac(void **state)
{
	(void)state;
	RUN_TABLE(la_valid, run_lac);
	RUN_TABLE(la_invalid, run_lac);
}

static enum herr
run_lac_end(struct journey *j, const struct end_case *k, struct hdiag *d)
{
	const struct plan *p = journey_plan(j, k->plan);

	assert_non_null(p);
	return journey_check_lac_end(j, p, dt(k->end), k->rec, dt(TODAY), d);
}

static const struct end_case le_valid[] = {
	{ { "returned home, the day of the last visit", S_LAC }, 71,
	    "2026-03-02", 0, "E4A" },
	{ { "left care to live with relatives, today", S_LAC }, 71, TODAY, 0,
	    "E13" },
	{ { "a new episode the same day", S_LAC }, 71, "2026-04-01", 0,
	    "X1" },
};

static const struct end_case le_invalid[] = {
	{ { "not a 903 reason", S_LAC, "lac_end_reason",
	    "reason the episode ceased" }, 71, "2026-04-01", 0, "E99" },
	{ { "no reason", S_LAC, "lac_end_reason" }, 71, "2026-04-01", 0, "" },
	{ { "before it began", S_LAC, "end_date", "before" }, 71,
	    "2026-02-01", 0, "E13" },
	{ { "before a visit in it", S_LAC, "end_date",
	    "looked-after visit recorded on 2026-03-02" }, 71, "2026-03-01",
	    0, "E13" },
	{ { "died, no date of death", S_LAC, "lac_end_reason",
	    "date of death" }, 71, "2026-04-01", 0, "E2" },
	{ { "in the future", S_LAC, "end_date", "future" }, 71, "2026-07-01",
	    0, "E13" },
	{ { "already ended", S_LAC_ENDED, "end_date", "already ended" }, 71,
	    "2026-05-01", 0, "E13" },
	{ { "a CP plan", S_CP, "kind" }, 41, "2026-06-10", 0, "E13" },
};

static void
test_lac_end(void **state)
{
	(void)state;
	RUN_TABLE(le_valid, run_lac_end);
	RUN_TABLE(le_invalid, run_lac_end);
}

/* ---------------------------------------------------------------------
 * Closing an episode
 */

struct ec_case {
	struct expect x;
	const char *closure;
	int64_t episode;	/* 0: episode 1 */
};

static enum herr
run_close(struct journey *j, const struct ec_case *k, struct hdiag *d)
{
	return journey_check_episode_close(j, k->episode ? k->episode : 1,
	    dt(k->closure), d);
}

static const struct ec_case ec_valid[] = {
	{ { "after an assessment decision", S_ASSESS }, "2026-04-01" },
	{ { "the day the CP plan ended", S_CP_ENDED }, "2026-06-05" },
	{ { "later", S_CP_ENDED }, TODAY },
	{ { "the day of the referral", S_REFERRED }, "2026-03-02" },
	{ { "with a looked-after episode outside it", S_LAC }, "2026-04-01" },
};

static const struct ec_case ec_invalid[] = {
	{ { "a CP plan still open", S_CP, "closure_date",
	    "child protection plan started on 2026-03-20 is still open" },
	    "2026-06-10" },
	{ { "a CIN plan still open", S_CIN, "closure_date", "CIN plan" },
	    "2026-06-10" },
	{ { "before the plan ended", S_CP_ENDED, "closure_date",
	    "ended on 2026-06-05" }, "2026-06-04" },
	{ { "before the referral", S_ASSESS, "closure_date",
	    "before the referral date 2026-03-02" }, "2026-03-01" },
	{ { "before an assessment began", S_ASSESS_OPEN, "closure_date",
	    "assessment" }, "2026-03-03" },
	{ { "before a strategy discussion", S_STRATEGY, "closure_date",
	    "strategy discussion on 2026-03-05" }, "2026-03-04" },
	{ { "no date", S_ASSESS, "closure_date", "missing" }, "" },
	{ { "no such episode", S_ASSESS, "episode_id" }, "2026-04-01", 99 },
};

static void
test_episode_close(void **state)
{
	(void)state;
	RUN_TABLE(ec_valid, run_close);
	RUN_TABLE(ec_invalid, run_close);
}

/* ---------------------------------------------------------------------
 * Code lists
 */

/* Each enum's codes as migration 5's CHECK constraints spell them. */
static void
test_codes(void **state)
{
	static const char *const dec[] = { "nfa", "assessment", "strategy",
	    "early-help" };
	static const char *const ao[] = { "nfa", "cin-plan", "strategy",
	    "early-help" };
	static const char *const so[] = { "conference", "nfa", "cin-plan" };
	static const char *const ck[] = { "icpc", "rcpc", "transfer-in" };
	static const char *const cd[] = { "plan", "no-plan", "continue",
	    "end" };
	static const char *const cat[] = { "neglect", "physical",
	    "emotional", "sexual", "multiple" };
	static const char *const census[] = { "NEG", "PHY", "EMO", "SAB",
	    "MUL" };
	static const char *const why[] = { "no-longer-at-risk", "moved-la",
	    "age-18", "left-uk", "died", "looked-after" };
	static const char *const pk[] = { "cp", "cin", "lac" };
	static const char *const ek[] = { "visit", "core-group", "cin-review",
	    "lac-review", "lac-visit" };

	(void)state;
	assert_int_equal(NELEM(dec), DECISION__COUNT - 1);
	for (size_t i = 0; i < NELEM(dec); i++) {
		enum referral_decision v = (enum referral_decision)(i + 1);

		assert_string_equal(referral_decision_code(v), dec[i]);
		assert_int_equal(referral_decision_parse(dec[i]), (int)v);
		assert_true(strlen(referral_decision_label(v)) > 0);
	}
	assert_string_equal(referral_decision_label(DECISION_ASSESSMENT),
	    "Child and family assessment");
	assert_string_equal(referral_decision_code(DECISION_NONE), "");
	assert_int_equal(referral_decision_parse(""), -1);
	assert_int_equal(referral_decision_parse("NFA"), -1);
	assert_int_equal(referral_decision_parse(NULL), -1);

	assert_int_equal(NELEM(ao), ASSESS__COUNT - 1);
	for (size_t i = 0; i < NELEM(ao); i++) {
		enum assessment_outcome v = (enum assessment_outcome)(i + 1);

		assert_string_equal(assessment_outcome_code(v), ao[i]);
		assert_int_equal(assessment_outcome_parse(ao[i]), (int)v);
		assert_true(strlen(assessment_outcome_label(v)) > 0);
	}
	assert_int_equal(assessment_outcome_parse(""), -1);

	assert_int_equal(NELEM(so), S47__COUNT - 1);
	for (size_t i = 0; i < NELEM(so); i++) {
		enum s47_outcome v = (enum s47_outcome)(i + 1);

		assert_string_equal(s47_outcome_code(v), so[i]);
		assert_int_equal(s47_outcome_parse(so[i]), (int)v);
		assert_true(strlen(s47_outcome_label(v)) > 0);
	}

	assert_int_equal(NELEM(ck), CONF__COUNT);
	for (size_t i = 0; i < NELEM(ck); i++) {
		assert_string_equal(conference_kind_code(
		    (enum conference_kind)i), ck[i]);
		assert_int_equal(conference_kind_parse(ck[i]), (int)i);
		assert_true(strlen(conference_kind_label(
		    (enum conference_kind)i)) > 0);
	}
	assert_int_equal(conference_kind_parse("ICPC"), -1);

	assert_int_equal(NELEM(cd), CDEC__COUNT);
	for (size_t i = 0; i < NELEM(cd); i++) {
		assert_string_equal(conference_decision_code(
		    (enum conference_decision)i), cd[i]);
		assert_int_equal(conference_decision_parse(cd[i]), (int)i);
		assert_true(strlen(conference_decision_label(
		    (enum conference_decision)i)) > 0);
	}

	assert_int_equal(NELEM(cat), ABUSE__COUNT - 1);
	for (size_t i = 0; i < NELEM(cat); i++) {
		enum abuse_category v = (enum abuse_category)(i + 1);

		assert_string_equal(abuse_category_code(v), cat[i]);
		assert_string_equal(abuse_category_census(v), census[i]);
		assert_int_equal(abuse_category_parse(cat[i]), (int)v);
		assert_true(strlen(abuse_category_label(v)) > 0);
		/* 8905/8910: on the census list codes.h keeps. */
		assert_non_null(codes_find(CODES_ABUSE_CATEGORY, census[i]));
	}
	assert_string_equal(abuse_category_census(ABUSE_NONE), "");
	assert_int_equal(abuse_category_parse("NEG"), -1);

	assert_int_equal(NELEM(why), PLANEND__COUNT - 1);
	for (size_t i = 0; i < NELEM(why); i++) {
		enum plan_end_reason v = (enum plan_end_reason)(i + 1);

		assert_string_equal(plan_end_reason_code(v), why[i]);
		assert_int_equal(plan_end_reason_parse(why[i]), (int)v);
		assert_true(strlen(plan_end_reason_label(v)) > 0);
	}

	assert_int_equal(NELEM(pk), PLAN__COUNT);
	for (size_t i = 0; i < NELEM(pk); i++)
		assert_string_equal(plan_kind_code((enum plan_kind)i), pk[i]);

	assert_int_equal(NELEM(ek), EVENT__COUNT);
	for (size_t i = 0; i < NELEM(ek); i++) {
		assert_string_equal(event_kind_code((enum event_kind)i), ek[i]);
		assert_int_equal(event_kind_parse(ek[i]), (int)i);
		assert_true(strlen(event_kind_label((enum event_kind)i)) > 0);
	}
	assert_int_equal(event_kind_parse("core group"), -1);

	/* Out of range: never NULL. */
	assert_string_equal(referral_decision_code((enum referral_decision)
	    99), "");
	assert_non_null(referral_decision_label((enum referral_decision)99));
	assert_string_equal(event_kind_code((enum event_kind)99), "");
	assert_string_equal(abuse_category_census((enum abuse_category)99),
	    "");
}

static void
check_903_list(const struct lac_code *list, int n, int want,
    const char *const *sample, size_t nsample, const char *field)
{
	struct hdiag d;

	assert_int_equal(n, want);
	for (int i = 0; i < n; i++) {
		assert_true(strlen(list[i].code) >= 2 &&
		    strlen(list[i].code) <= 3);
		assert_true(strlen(list[i].label) > 0);
		for (int k = 0; k < i; k++)
			assert_string_not_equal(list[k].code, list[i].code);
		assert_int_equal(lac_code_check(list, n, field, list[i].code,
		    NULL), HERR_OK);
	}
	for (size_t i = 0; i < nsample; i++)
		assert_int_equal(lac_code_check(list, n, field, sample[i],
		    NULL), HERR_OK);
	hdiag_clear(&d);
	assert_int_equal(lac_code_check(list, n, field, "Q9", &d),
	    HERR_INVALID);
	assert_string_equal(d.field, field);
	assert_string_equal(d.value, "Q9");
	assert_non_null(strstr(d.msg, "SSDA903"));
	assert_int_equal(lac_code_check(list, n, field, "", &d), HERR_INVALID);
	assert_string_equal(d.field, field);
	assert_int_equal(lac_code_check(list, n, field, NULL, &d),
	    HERR_INVALID);
}

static void
test_903_lists(void **state)
{
	static const char *const ls[] = { "C1", "C2", "D1", "E1", "J1", "J2",
	    "J3", "L1", "L2", "L3", "V2", "V3", "V4" };
	static const char *const pl[] = { "A3", "A4", "A5", "A6", "H5", "K1",
	    "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1",
	    "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1" };
	static const char *const rec[] = { "E11", "E12", "E13", "E14", "E15",
	    "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47", "E48",
	    "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "X1" };
	const struct lac_code *list;
	int n = -1;

	(void)state;
	list = lac_legal_statuses(&n);
	check_903_list(list, n, (int)NELEM(ls), ls, NELEM(ls),
	    "legal_status");
	list = lac_placements(&n);
	check_903_list(list, n, (int)NELEM(pl), pl, NELEM(pl), "placement");
	list = lac_end_reasons(&n);
	check_903_list(list, n, (int)NELEM(rec), rec, NELEM(rec),
	    "lac_end_reason");
	/* Codes from another list are not on this one. */
	list = lac_placements(&n);
	assert_int_equal(lac_code_check(list, n, "placement", "C2", NULL),
	    HERR_INVALID);
}

/* ---------------------------------------------------------------------
 * The lists of a loaded journey
 */

static void
test_push_limits(void **state)
{
	struct journey *j = journey_new();
	static struct plan_event ev;
	struct cin_episode e;
	struct assessment a;
	struct hdiag d;
	struct plan p;

	(void)state;
	journey_free(NULL);
	assert_int_equal(j->n_episodes, 0);
	assert_int_equal(j->child.birth_date, HDAY_NONE);
	cin_episode_init(&e);
	for (int i = 0; i < JOURNEY_EPISODES_MAX; i++) {
		e.id = i + 1;
		e.referral_date = dt("2020-01-01") + i * 30;
		assert_int_equal(journey_push_episode(j, &e, NULL, &d),
		    HERR_OK);
	}
	hdiag_clear(&d);
	e.id = 1000;
	assert_int_equal(journey_push_episode(j, &e, NULL, &d), HERR_INVALID);
	assert_string_equal(d.field, "episodes");
	assert_non_null(strstr(d.msg, "64"));
	assert_int_equal(j->n_episodes, JOURNEY_EPISODES_MAX);
	/* Copies kept whole through every growth; a missing referral is
	 * an undecided one. */
	for (int i = 0; i < j->n_episodes; i++) {
		assert_int_equal(j->episodes[i].id, i + 1);
		assert_int_equal(j->referrals[i].episode_id, i + 1);
		assert_int_equal(j->referrals[i].decision, DECISION_NONE);
		assert_int_equal(j->referrals[i].decision_date, HDAY_NONE);
	}
	assert_int_equal(journey_referral(j, 64)->episode_id, 64);

	memset(&ev, 0, sizeof(ev));
	for (int i = 0; i < JOURNEY_EVENTS_MAX; i++) {
		ev.id = i + 1;
		assert_int_equal(journey_push_event(j, &ev, NULL), HERR_OK);
	}
	assert_int_equal(journey_push_event(j, &ev, &d), HERR_INVALID);
	assert_string_equal(d.field, "events");
	assert_int_equal(j->events[JOURNEY_EVENTS_MAX - 1].id,
	    JOURNEY_EVENTS_MAX);

	memset(&a, 0, sizeof(a));
	for (int i = 0; i < JOURNEY_STEPS_MAX; i++)
		assert_int_equal(journey_push_assessment(j, &a, NULL),
		    HERR_OK);
	assert_int_equal(journey_push_assessment(j, &a, &d), HERR_INVALID);
	assert_string_equal(d.field, "assessments");

	memset(&p, 0, sizeof(p));
	for (int i = 0; i < JOURNEY_PLANS_MAX; i++)
		assert_int_equal(journey_push_plan(j, &p, NULL), HERR_OK);
	assert_int_equal(journey_push_plan(j, &p, &d), HERR_INVALID);
	assert_string_equal(d.field, "plans");

	/* Cleared, it empties and takes as many again. */
	journey_clear(j);
	assert_int_equal(j->n_episodes, 0);
	assert_int_equal(j->n_events, 0);
	assert_int_equal(j->n_plans, 0);
	assert_null(journey_episode(j, 1));
	for (int i = 0; i < JOURNEY_EPISODES_MAX; i++)
		assert_int_equal(journey_push_episode(j, &e, NULL, NULL),
		    HERR_OK);
	assert_int_equal(journey_push_episode(j, &e, NULL, NULL),
	    HERR_INVALID);
	journey_free(j);
}

static void
test_other_lists(void **state)
{
	struct journey *j = build(S_CP);

	(void)state;
	for (int i = 0; i < 10; i++)
		add_strategy(j, 100 + i, "2026-04-01", false);
	assert_int_equal(j->n_strategies, 12);
	assert_int_equal(journey_strategy(j, 109)->id, 109);
	assert_int_equal(journey_strategy(j, 12)->held_date, dt("2026-03-05"));
	assert_int_equal(journey_s47(j, 21)->strategy_id, 12);
	assert_null(journey_s47(j, 22));
	assert_null(journey_strategy(j, 1));
	assert_int_equal(j->n_conferences, 2);
	assert_int_equal(j->conferences[1].children[0].decision,
	    CDEC_CONTINUE);
	journey_free(j);
}

static void
test_lookups(void **state)
{
	struct journey *j = journey_new();
	struct cin_episode e;
	struct plan p;

	(void)state;
	cin_episode_init(&e);
	e.id = 5;
	e.referral_date = dt("2026-01-05");
	e.closure_date = dt("2026-02-02");
	assert_int_equal(journey_push_episode(j, &e, NULL, NULL), HERR_OK);
	e.id = 6;
	e.referral_date = dt("2026-02-02");	/* 8820: they may touch */
	e.closure_date = HDAY_NONE;
	assert_int_equal(journey_push_episode(j, &e, NULL, NULL), HERR_OK);
	assert_null(journey_episode_on(j, dt("2026-01-04")));
	assert_int_equal(journey_episode_on(j, dt("2026-01-05"))->id, 5);
	assert_int_equal(journey_episode_on(j, dt("2026-02-01"))->id, 5);
	/* The shared day belongs to the newer episode. */
	assert_int_equal(journey_episode_on(j, dt("2026-02-02"))->id, 6);
	assert_int_equal(journey_episode_on(j, dt("2030-01-01"))->id, 6);
	assert_int_equal(journey_episode(j, 5)->id, 5);
	assert_null(journey_episode(j, 7));
	assert_null(journey_referral(j, 7));

	memset(&p, 0, sizeof(p));
	p.id = 41;
	p.kind = PLAN_CP;
	p.start_date = dt("2026-01-10");
	p.end_date = dt("2026-02-01");
	assert_int_equal(journey_push_plan(j, &p, NULL), HERR_OK);
	assert_null(journey_open_plan(j, PLAN_CP));
	p.id = 42;
	p.kind = PLAN_CIN;
	p.start_date = dt("2026-02-01");
	p.end_date = HDAY_NONE;
	assert_int_equal(journey_push_plan(j, &p, NULL), HERR_OK);
	assert_int_equal(journey_open_plan(j, PLAN_CIN)->id, 42);
	assert_null(journey_open_plan(j, PLAN_LAC));
	assert_int_equal(journey_plan(j, 41)->kind, PLAN_CP);
	assert_null(journey_plan(j, 43));
	journey_free(j);
}

/* WT2023: the clock runs from the discussion at which the s47 began. */
static void
test_s47_strategy(void **state)
{
	struct journey *j = build(S_STRATEGY);
	struct s47 s;

	(void)state;
	/* A reconvened discussion after the enquiry began, and one in
	 * another episode, are not it. */
	add_strategy(j, 13, "2026-03-17", true);
	add_strategy(j, 14, "2026-03-06", true);
	j->strategies[3].episode_id = 2;
	memset(&s, 0, sizeof(s));
	s.episode_id = 1;
	s.start_date = dt("2026-03-10");
	assert_int_equal(journey_s47_strategy(j, &s)->id, 12);
	/* The episode found from the enquiry's date when not named. */
	s.episode_id = 0;
	assert_int_equal(journey_s47_strategy(j, &s)->id, 12);
	/* Named, the link is followed whatever the dates. */
	s.strategy_id = 13;
	assert_int_equal(journey_s47_strategy(j, &s)->id, 13);
	s.strategy_id = 99;
	assert_null(journey_s47_strategy(j, &s));
	/* Before any discussion that decided on one. */
	s.strategy_id = 0;
	s.start_date = dt("2026-03-04");
	assert_null(journey_s47_strategy(j, &s));
	journey_free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_903_lists),
		cmocka_unit_test(test_push_limits),
		cmocka_unit_test(test_other_lists),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_s47_strategy),
		cmocka_unit_test(test_decision),
		cmocka_unit_test(test_assessment),
		cmocka_unit_test(test_authorise),
		cmocka_unit_test(test_cin_plan),
		cmocka_unit_test(test_cin_plan_end),
		cmocka_unit_test(test_strategy),
		cmocka_unit_test(test_s47),
		cmocka_unit_test(test_s47_outcome),
		cmocka_unit_test(test_conference),
		cmocka_unit_test(test_plan_end),
		cmocka_unit_test(test_plan_end_age_and_death),
		cmocka_unit_test(test_core_group),
		cmocka_unit_test(test_event),
		cmocka_unit_test(test_lac),
		cmocka_unit_test(test_lac_end),
		cmocka_unit_test(test_episode_close),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
