/*
 * test_chronology.c: the chronology's events derived from a child's
 * journey (chronology_from_journey) and their order once merged.
 *
 * One journey holds a step of every kind; the tests check that each step
 * gives its entry, with the step's code and the record it links to, that
 * a joint conference says so, that the count matches what is derived, and
 * that on one day the later step of the journey is listed first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/journey.h"
#include "testutil.h"
#include "core/banned.h"

#define CHILD 40
#define SIBLING 41

static struct journey *
make_journey(void)
{
	struct journey *j = journey_new();
	struct cin_episode ep;
	struct referral r;
	struct assessment a;
	struct strategy s;
	struct s47 q;
	struct conference c;
	struct plan p;
	struct plan_event ev;

	child_init(&j->child);
	j->child.id = CHILD;
	j->child.birth_date = dt("2015-03-14");

	cin_episode_init(&ep);
	ep.id = 7;
	ep.child_id = CHILD;
	ep.referral_date = dt("2026-02-02");
	memcpy(ep.referral_source, "1B", 3);
	memcpy(ep.primary_need, "N1", 3);
	memset(&r, 0, sizeof(r));
	r.episode_id = 7;
	r.contact_date = HDAY_NONE;
	r.decision = DECISION_STRATEGY;
	r.decision_date = dt("2026-02-02");
	memcpy(r.reason, "Bruising seen at school.", 25);
	assert_int_equal(journey_push_episode(j, &ep, &r, NULL), HERR_OK);

	memset(&a, 0, sizeof(a));
	a.id = 11;
	a.child_id = CHILD;
	a.episode_id = 7;
	a.start_date = dt("2026-02-03");
	a.authorised_date = dt("2026-03-02");
	a.outcome = ASSESS_CIN_PLAN;
	memcpy(a.factors[0], "3A", 3);
	a.n_factors = 1;
	assert_int_equal(journey_push_assessment(j, &a, NULL), HERR_OK);

	memset(&s, 0, sizeof(s));
	s.id = 21;
	s.child_id = CHILD;
	s.episode_id = 7;
	s.held_date = dt("2026-02-03");
	s.s47 = true;
	memcpy(s.people[0].name, "PC Ward", 8);
	memcpy(s.people[0].agency, "Police", 7);
	memcpy(s.people[1].name, "DC Ames", 8);
	memcpy(s.people[1].agency, "Police", 7);
	memcpy(s.people[2].name, "Jo Hale", 8);
	memcpy(s.people[2].agency, "Health visiting", 16);
	s.n_people = 3;
	assert_int_equal(journey_push_strategy(j, &s, NULL), HERR_OK);

	memset(&q, 0, sizeof(q));
	q.id = 31;
	q.child_id = CHILD;
	q.episode_id = 7;
	q.strategy_id = 21;
	q.start_date = dt("2026-02-03");
	q.outcome = S47_CONFERENCE;
	q.outcome_date = dt("2026-02-18");
	assert_int_equal(journey_push_s47(j, &q, NULL), HERR_OK);

	memset(&c, 0, sizeof(c));
	c.id = 51;
	c.kind = CONF_INITIAL;
	c.held_date = dt("2026-02-18");
	c.notified_date = HDAY_NONE;
	c.children[0] = (struct conference_child){ .child_id = CHILD,
	    .s47_id = 31, .plan_id = 61, .decision = CDEC_PLAN,
	    .category = ABUSE_NEGLECT, .due_date = HDAY_NONE };
	c.children[1] = (struct conference_child){ .child_id = SIBLING,
	    .plan_id = 62, .decision = CDEC_NO_PLAN, .due_date = HDAY_NONE };
	c.n_children = 2;
	assert_int_equal(journey_push_conference(j, &c, NULL), HERR_OK);

	memset(&p, 0, sizeof(p));
	p.id = 61;
	p.child_id = CHILD;
	p.episode_id = 7;
	p.kind = PLAN_CP;
	p.start_date = dt("2026-02-18");
	p.end_date = dt("2026-08-12");
	p.conference_id = 51;
	p.initial_category = p.latest_category = ABUSE_NEGLECT;
	p.end_reason = PLANEND_NO_LONGER_AT_RISK;
	assert_int_equal(journey_push_plan(j, &p, NULL), HERR_OK);

	memset(&ev, 0, sizeof(ev));
	ev.id = 71;
	ev.child_id = CHILD;
	ev.plan_id = 61;
	ev.kind = EVENT_VISIT;
	ev.held_date = dt("2026-02-25");
	ev.seen = ev.seen_alone = true;
	ev.due_date = HDAY_NONE;
	assert_int_equal(journey_push_event(j, &ev, NULL), HERR_OK);
	return j;
}

/* The entry for step `st` (and record ref), which must exist. */
static const struct chronology_entry *
find(const struct chronology_entry *e, int n, enum chronology_step st,
    int64_t ref)
{
	for (int i = 0; i < n; i++)
		if (e[i].step == st && e[i].ref_id == ref)
			return &e[i];
	fail_msg("no entry for step %s, record %lld",
	    chronology_step_code(st), (long long)ref);
	return NULL;
}

static void
test_every_step_has_its_entry(void **state)
{
	struct journey *j = make_journey();
	int cap = chronology_journey_count(j), n;
	struct chronology_entry *e = calloc((size_t)cap, sizeof(*e));
	const struct chronology_entry *x;

	(void)state;
	assert_non_null(e);
	/* decision, assessment x2, strategy, s47 x2, conference, plan x2,
	 * visit */
	assert_int_equal(cap, 10);
	n = chronology_from_journey(j, e, cap);
	assert_int_equal(n, cap);
	for (int i = 0; i < n; i++) {
		assert_int_equal(e[i].child_id, CHILD);
		assert_int_equal(e[i].source, CHRON_JOURNEY);
		assert_int_equal(e[i].id, 0);
	}

	x = find(e, n, CSTEP_DECISION, 7);
	assert_int_equal(x->date, dt("2026-02-02"));
	assert_non_null(strstr(x->summary, "Strategy discussion"));
	assert_non_null(strstr(x->summary, "Bruising seen at school."));

	x = find(e, n, CSTEP_ASSESSMENT_AUTHORISED, 11);
	assert_int_equal(x->date, dt("2026-03-02"));
	assert_non_null(strstr(x->summary, "Factors identified: "));
	assert_int_equal(find(e, n, CSTEP_ASSESSMENT_STARTED, 11)->date,
	    dt("2026-02-03"));

	/* Each agency once, in the order they were recorded. */
	x = find(e, n, CSTEP_STRATEGY, 21);
	assert_non_null(strstr(x->summary,
	    "with Police, Health visiting. Decided to start a section 47"));

	x = find(e, n, CSTEP_S47_OUTCOME, 31);
	assert_non_null(strstr(x->summary, "Outcome: "));

	x = find(e, n, CSTEP_CONFERENCE, 51);
	assert_non_null(strstr(x->summary, "(category: Neglect)"));
	assert_non_null(strstr(x->summary, "2 children were discussed "
	    "together."));

	x = find(e, n, CSTEP_PLAN_ENDED, 61);
	assert_int_equal(x->date, dt("2026-08-12"));

	x = find(e, n, CSTEP_VISIT, 61);
	assert_int_equal(x->ref2_id, 71);
	assert_non_null(strstr(x->summary, "The child was seen alone."));
	assert_string_equal(chronology_step_code(CSTEP_S47_OUTCOME),
	    "s47-outcome");
	assert_string_equal(chronology_step_code(CSTEP_NONE), "");
	free(e);
	journey_free(j);
}

static void
test_room_is_respected(void **state)
{
	struct journey *j = make_journey();
	struct chronology_entry e[4];

	(void)state;
	memset(e, 0, sizeof(e));
	assert_int_equal(chronology_from_journey(j, e, 3), 3);
	/* Nothing written past the room given. */
	assert_int_equal(e[3].step, CSTEP_NONE);
	assert_int_equal(chronology_from_journey(j, e, 0), 0);
	journey_free(j);
}

static void
test_same_day_later_step_first(void **state)
{
	struct journey *j = make_journey();
	int cap = chronology_journey_count(j), n;
	struct chronology_entry *e = calloc((size_t)cap + 2, sizeof(*e));
	int conf = -1, outcome = -1, started = -1, referral = -1;

	(void)state;
	assert_non_null(e);
	n = chronology_from_journey(j, e, cap);
	/* The referral itself comes from the episode, as before. */
	n += chronology_from_episode(&j->episodes[0], e + n);
	chronology_sort(e, n);
	for (int i = 0; i < n; i++) {
		if (e[i].step == CSTEP_CONFERENCE)
			conf = i;
		else if (e[i].step == CSTEP_S47_OUTCOME)
			outcome = i;
		else if (e[i].step == CSTEP_PLAN_STARTED)
			started = i;
		else if (e[i].source == CHRON_REFERRAL)
			referral = i;
		if (i > 0)
			assert_true(e[i - 1].date >= e[i].date);
	}
	/* 18 February: the s47 ended, the conference sat, the plan began;
	 * newest first. */
	assert_true(started < conf);
	assert_true(conf < outcome);
	/* 2 February: the decision came after the referral it decided. */
	assert_int_equal(referral, n - 1);
	assert_int_equal(e[n - 2].step, CSTEP_DECISION);
	free(e);
	journey_free(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_step_has_its_entry),
		cmocka_unit_test(test_room_is_respected),
		cmocka_unit_test(test_same_day_later_step_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
