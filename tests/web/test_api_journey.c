/*
 * test_api_journey.c: the child protection journey through the JSON API
 * (src/api/api.c) over real HTTP: every step endpoint, its refusals (400
 * for shape, 422 naming the field, 409 on a stale version, 404 for a user
 * with no relationship to the child, the same bytes as a child that does
 * not exist, 403 for one who may only look), the whole journey read back,
 * and the due list.
 *
 * Beside the demo authority (journey_seed.h): a team of the test's own
 * with a social worker (apij.sw) and a domestic abuse worker (apij.da, who
 * may see the team's children but not change them); a social worker of
 * another team (apij.other) with a child of her own (Rhian); and apij.solo,
 * allocated one child only.  Apij.sw's children:
 *   Pip and Quin   siblings: referral, strategy discussion, s47, one
 *                  initial conference for both, core group, visit; Pip's
 *                  plan ends at a review with a step down to a CIN plan,
 *                  Quin's because she moved away
 *   Sol            referral, assessment authorised, CIN plan, review, end,
 *                  episode closed
 *   Lowri          looked after, visited, and home again
 * Dates are counted back from today in working days, so that every step is
 * in the past and on a working day.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "api_client.h"
#include "journey_seed.h"
#include "core/banned.h"

#define NO_SUCH_CHILD 99999999LL

static struct {
	bool done;
	int64_t team, other_team;
	int64_t sw, da, other, solo;
	int64_t pip, quin, sol, lowri, rhian;
	/* filled as the steps are recorded */
	int64_t pip_ep, quin_ep, sol_ep, rhian_ep;
	int64_t pip_s47, quin_s47, pip_strategy;
	int64_t pip_plan, quin_plan, cin_plan, lac_plan;
	int64_t sol_assessment;
} F;

/* POST v to /api/v1/children/CHILD/rest. */
static long
post(struct agent *a, int64_t child, const char *rest, json_t *v)
{
	return call(a, "POST", h_printf("/api/v1/children/%lld/%s",
	    (long long)child, rest), v);
}

/* The same POST must answer `want` naming `field` first. */
static void
expect_refused(struct agent *a, long want, const char *field)
{
	expect_api(a, want);
	if (field != NULL)
		assert_string_equal(error_field(a), field);
}

/* ------------------------------------------------------------ fixture */

static void
fixture(void)
{
	struct allocation al;
	struct hdiag d;

	if (F.done)
		return;
	js_open();
	F.team = js_team("API Journey Team");
	F.other_team = js_team("API Journey Other Team");
	js_close();
	F.sw = js_user("apij.sw", "social_worker", F.team, "Siân", "Apiwork");
	F.da = js_user("apij.da", "da_victim_worker", F.team, "Dora",
	    "Apiwork");
	F.other = js_user("apij.other", "social_worker", F.other_team, "Olwen",
	    "Apiwork");
	F.solo = js_user("apij.solo", "social_worker", 0, "Sol", "Apiwork");
	js_open();
	F.pip = js_child("AJ0001", "Pip", "Apitest", F.sw);
	F.quin = js_child("AJ0002", "Quin", "Apitest", F.sw);
	F.sol = js_child("AJ0003", "Sol", "Apitest", F.sw);
	F.lowri = js_child("AJ0004", "Lowri", "Apitest", F.sw);
	F.rhian = js_child("AJ0005", "Rhian", "Apitest", F.other);
	/* Apij.solo works with Pip only, not her sister. */
	memset(&al, 0, sizeof(al));
	al.staff_id = F.solo;
	al.child_id = F.pip;
	al.start_date = js_today() - JS_SINCE_DAYS;
	al.end_date = HDAY_NONE;
	hdiag_clear(&d);
	JS_OK("allocation", record_allocation_add(js_st, &al, &d), d);
	js_close();
	F.done = true;
}

/* A referral for child on day d: its episode. */
static int64_t
referral(struct agent *a, int64_t child, hday d)
{
	post(a, child, "referrals", J("{s:s, s:s, s:s}", "referral_date",
	    js_date(d), "referral_source", "3E", "primary_need", "N1"));
	expect_api(a, 201);
	return jint(jbody(a), "id");
}

static long long
version(json_t *o)
{
	return jint(o, "version");
}

/* GET the child's journey (200 expected). */
static json_t *
journey(struct agent *a, int64_t child)
{
	call(a, "GET", h_printf("/api/v1/children/%lld/journey",
	    (long long)child), NULL);
	expect_api(a, 200);
	return jbody(a);
}

/* ------------------------------------------------------------ tests */

/* Referral and decision: 201, 422 naming fields, 409, then 200. */
static void
test_referral_and_decision(void **state)
{
	struct agent *a;
	json_t *o, *ep;
	long long v;
	hday r = js_wd(-40);

	(void)state;
	fixture();
	a = as("apij.sw");
	/* Refusals first: a date that is no date, one in the future, an
	 * unknown key, a wrong type. */
	post(a, F.pip, "referrals", J("{s:s, s:s, s:s}", "referral_date",
	    "2025-02-30", "referral_source", "3E", "primary_need", "N1"));
	expect_refused(a, 422, "referral_date");
	post(a, F.pip, "referrals", J("{s:s, s:s, s:s}", "referral_date",
	    js_date(js_wd(5)), "referral_source", "3E", "primary_need", "N1"));
	expect_refused(a, 422, "referral_date");
	post(a, F.pip, "referrals", J("{s:s, s:s, s:s}", "referral_date",
	    js_date(r), "referral_source", "3E", "colour", "blue"));
	expect_refused(a, 400, "colour");
	post(a, F.pip, "referrals", J("{s:i, s:s}", "referral_date", 7,
	    "referral_source", "3E"));
	expect_refused(a, 400, "referral_date");
	F.pip_ep = referral(a, F.pip, r);
	F.quin_ep = referral(a, F.quin, r);
	F.sol_ep = referral(a, F.sol, js_wd(-50));
	/* The decision is due a working day after the referral. */
	o = journey(a, F.pip);
	ep = json_array_get(json_object_get(o, "episodes"), 0);
	assert_int_equal(jint(ep, "id"), F.pip_ep);
	assert_true(json_is_null(json_object_get(ep, "decision")));
	assert_string_equal(jstr_of(json_array_get(json_object_get(o, "due"),
	    0), "step"), "decision");
	assert_string_equal(jstr_of(json_array_get(json_object_get(o, "due"),
	    0), "status"), "overdue");
	v = version(ep);
	/* No version: 400.  A stale one: 409 with the current one. */
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.pip_ep), J("{s:s, s:s}", "decision", "strategy",
	    "decision_date", js_date(r)));
	expect_refused(a, 400, "version");
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.pip_ep), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)(v + 1), "decision", "strategy", "decision_date",
	    js_date(r)));
	expect_api(a, 409);
	assert_int_equal(jint(jbody(a), "current_version"), v);
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.pip_ep), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)v, "decision", "maybe", "decision_date", js_date(r)));
	expect_refused(a, 422, "decision");
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.pip_ep), J("{s:I, s:s}", "version", (json_int_t)v,
	    "decision", "strategy"));
	expect_refused(a, 422, "decision_date");
	/* Another child's episode through this child: not found. */
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.sol_ep), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)1, "decision", "strategy", "decision_date",
	    js_date(r)));
	expect_api(a, 404);
	post(a, F.pip, h_printf("episodes/%lld/decision",
	    (long long)F.pip_ep), J("{s:I, s:s, s:s, s:s}", "version",
	    (json_int_t)v, "decision", "strategy", "decision_date",
	    js_date(r), "reason", "Bruising seen at nursery"));
	expect_api(a, 200);
	o = jbody(a);
	assert_string_equal(jstr_of(o, "decision"), "strategy");
	assert_string_equal(jstr_of(o, "reason"), "Bruising seen at nursery");
	assert_true(version(o) > v);
	post(a, F.quin, h_printf("episodes/%lld/decision",
	    (long long)F.quin_ep), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)version(json_array_get(json_object_get(journey(a, F.quin), "episodes"), 0)), "decision", "strategy",
	    "decision_date", js_date(r)));
	expect_api(a, 200);
	post(a, F.sol, h_printf("episodes/%lld/decision",
	    (long long)F.sol_ep), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)version(json_array_get(json_object_get(journey(a, F.sol), "episodes"), 0)), "decision", "assessment",
	    "decision_date", js_date(js_wd(-50))));
	expect_api(a, 200);
}

/* Strategy discussions and s47s for both sisters. */
static void
test_strategy_and_s47(void **state)
{
	struct agent *a;
	hday r = js_wd(-40);
	json_t *people, *o;

	(void)state;
	fixture();
	a = as("apij.sw");
	people = J("[{s:s, s:s}]", "name", "DC Rhys Morgan", "agency",
	    "Police");
	/* A person's unknown key is 400, a missing name 422: each named. */
	post(a, F.pip, "strategy-discussions", J("{s:I, s:s, s:b, s:[{s:s, "
	    "s:s, s:s}]}", "episode_id", (json_int_t)F.pip_ep, "held_date",
	    js_date(js_add(r, 1)), "s47", 1, "people", "name", "Rhys",
	    "agency", "Police", "shoe", "9"));
	expect_refused(a, 400, "people[0].shoe");
	post(a, F.pip, "strategy-discussions", J("{s:I, s:s, s:b, s:[{s:s}]}",
	    "episode_id", (json_int_t)F.pip_ep, "held_date",
	    js_date(js_add(r, 1)), "s47", 1, "people", "agency", "Police"));
	expect_api(a, 422);
	assert_non_null(strstr(error_field(a), "people"));
	post(a, F.pip, "strategy-discussions", J("{s:I, s:s, s:b, s:O, "
	    "s:s}", "episode_id", (json_int_t)F.pip_ep, "held_date",
	    js_date(js_add(r, 1)), "s47", 1, "people", people, "note",
	    "Agreed a joint visit with police"));
	expect_api(a, 201);
	o = jbody(a);
	F.pip_strategy = jint(o, "id");
	assert_string_equal(jstr_of(json_array_get(json_object_get(o,
	    "people"), 0), "name"), "DC Rhys Morgan");
	post(a, F.pip, "s47", J("{s:I, s:I, s:s}", "episode_id",
	    (json_int_t)F.pip_ep, "strategy_id", (json_int_t)F.pip_strategy,
	    "start_date", js_date(js_add(r, 1))));
	expect_api(a, 201);
	F.pip_s47 = jint(jbody(a), "id");
	/* Quin's own. */
	post(a, F.quin, "strategy-discussions", J("{s:I, s:s, s:b, s:O}",
	    "episode_id", (json_int_t)F.quin_ep, "held_date",
	    js_date(js_add(r, 1)), "s47", 1, "people", people));
	expect_api(a, 201);
	post(a, F.quin, "s47", J("{s:I, s:I, s:s}", "episode_id",
	    (json_int_t)F.quin_ep, "strategy_id", jint(jbody(a), "id"),
	    "start_date", js_date(js_add(r, 1))));
	expect_api(a, 201);
	F.quin_s47 = jint(jbody(a), "id");
	/* Outcomes: stale version 409, bad outcome 422, then 200. */
	post(a, F.pip, h_printf("s47/%lld/outcome", (long long)F.pip_s47),
	    J("{s:I, s:s, s:s}", "version", (json_int_t)99, "outcome",
	    "conference", "outcome_date", js_date(js_add(r, 4))));
	expect_api(a, 409);
	post(a, F.pip, h_printf("s47/%lld/outcome", (long long)F.pip_s47),
	    J("{s:I, s:s, s:s}", "version", (json_int_t)1, "outcome",
	    "pending", "outcome_date", js_date(js_add(r, 4))));
	expect_refused(a, 422, "outcome");
	/* Quin's enquiry is not Pip's. */
	post(a, F.pip, h_printf("s47/%lld/outcome", (long long)F.quin_s47),
	    J("{s:I, s:s, s:s}", "version", (json_int_t)1, "outcome",
	    "conference", "outcome_date", js_date(js_add(r, 4))));
	expect_api(a, 404);
	post(a, F.pip, h_printf("s47/%lld/outcome", (long long)F.pip_s47),
	    J("{s:I, s:s, s:s}", "version", (json_int_t)1, "outcome",
	    "conference", "outcome_date", js_date(js_add(r, 4))));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "outcome"), "conference");
	post(a, F.quin, h_printf("s47/%lld/outcome",
	    (long long)F.quin_s47), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)1, "outcome", "conference", "outcome_date",
	    js_date(js_add(r, 4))));
	expect_api(a, 200);
}

/* One initial conference for both sisters: each child's decision. */
static void
test_conference(void **state)
{
	struct agent *a;
	hday held = js_wd(-30), sat = js_wd(-30);
	json_t *o, *kids;

	(void)state;
	fixture();
	a = as("apij.sw");
	while (hdate_weekday(sat) != HSAT)
		sat--;
	/* 8875: never at a weekend. */
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:I, s:s, "
	    "s:s}]}", "kind", "icpc", "held_date", js_date(sat), "children",
	    "child_id", (json_int_t)F.pip, "s47_id", (json_int_t)F.pip_s47,
	    "decision", "plan", "category", "neglect"));
	expect_refused(a, 422, "held_date");
	post(a, F.pip, "conferences", J("{s:s, s:s}", "kind", "icpc",
	    "held_date", js_date(held)));
	expect_refused(a, 422, "children");
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:s}]}",
	    "kind", "icpc", "held_date", js_date(held), "children",
	    "child_id", (json_int_t)F.quin, "decision", "plan"));
	expect_refused(a, 422, "children");
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:s, s:s}]}",
	    "kind", "icpc", "held_date", js_date(held), "children",
	    "child_id", (json_int_t)F.pip, "decision", "plan", "colour",
	    "red"));
	expect_refused(a, 400, "children[0].colour");
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:s}]}",
	    "kind", "icpc", "held_date", js_date(held), "children",
	    "child_id", (json_int_t)F.pip, "decision", "adjourn"));
	expect_refused(a, 422, "children[0].decision");
	/* A child the worker has nothing to do with: as if absent. */
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:I, s:s, "
	    "s:s}, {s:I, s:s, s:s}]}", "kind", "icpc", "held_date",
	    js_date(held), "children", "child_id", (json_int_t)F.pip,
	    "s47_id", (json_int_t)F.pip_s47, "decision", "plan", "category",
	    "neglect", "child_id", (json_int_t)F.rhian, "decision", "plan",
	    "category", "neglect"));
	expect_api(a, 404);
	/* The second child's problem is named as hers. */
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:I, s:s, "
	    "s:s}, {s:I, s:I, s:s}]}", "kind", "icpc", "held_date",
	    js_date(held), "children", "child_id", (json_int_t)F.pip,
	    "s47_id", (json_int_t)F.pip_s47, "decision", "plan", "category",
	    "neglect", "child_id", (json_int_t)F.quin, "s47_id",
	    (json_int_t)F.quin_s47, "decision", "plan"));
	expect_refused(a, 422, "children[1].category");
	post(a, F.pip, "conferences", J("{s:s, s:s, s:s, s:[{s:I, s:I, "
	    "s:s, s:s}, {s:I, s:I, s:s, s:s}]}", "kind", "icpc", "held_date",
	    js_date(held), "note", "Both girls discussed together",
	    "children", "child_id", (json_int_t)F.pip, "s47_id",
	    (json_int_t)F.pip_s47, "decision", "plan", "category", "neglect",
	    "child_id", (json_int_t)F.quin, "s47_id", (json_int_t)F.quin_s47,
	    "decision", "plan", "category", "emotional"));
	expect_api(a, 201);
	o = jbody(a);
	assert_string_equal(jstr_of(o, "kind"), "icpc");
	kids = json_object_get(o, "children");
	assert_int_equal(json_array_size(kids), 2);
	F.pip_plan = jint(json_array_get(kids, 0), "plan_id");
	F.quin_plan = jint(json_array_get(kids, 1), "plan_id");
	assert_true(F.pip_plan > 0 && F.quin_plan > 0);
	/* One audit row for each child changed. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "route LIKE 'POST /api/v1/children/%lld/conferences' AND "
	    "action = 'edit' AND subject_kind = 'child' AND subject_id IN "
	    "(%lld, %lld)", (long long)F.pip, (long long)F.pip,
	    (long long)F.quin), 2);
}

/* The plan: core group (versioned), visits and meetings, then the ends. */
static void
test_plan_steps(void **state)
{
	struct agent *a;
	json_t *plan, *members;
	long long v;

	(void)state;
	fixture();
	a = as("apij.sw");
	plan = NULL;
	{
		json_t *plans = json_object_get(journey(a, F.pip), "plans");

		for (size_t i = 0; i < json_array_size(plans); i++)
			if (jint(json_array_get(plans, i), "id") == F.pip_plan)
				plan = json_array_get(plans, i);
	}
	assert_non_null(plan);
	assert_string_equal(jstr_of(plan, "kind"), "cp");
	assert_string_equal(jstr_of(plan, "initial_category"), "neglect");
	v = version(plan);
	members = J("[{s:s, s:s, s:s}, {s:s, s:s}]", "name", "Mia Apitest",
	    "agency", "Family", "role", "Parent", "name", "Nurse Jo Evans",
	    "agency", "Health visiting");
	post(a, F.pip, h_printf("plans/%lld/core-group",
	    (long long)F.pip_plan), J("{s:I, s:O}", "version",
	    (json_int_t)(v + 5), "members", members));
	expect_api(a, 409);
	post(a, F.pip, h_printf("plans/%lld/core-group",
	    (long long)F.pip_plan), J("{s:O}", "members", members));
	expect_refused(a, 400, "version");
	post(a, F.pip, h_printf("plans/%lld/core-group",
	    (long long)F.pip_plan), J("{s:I, s:O}", "version", (json_int_t)v,
	    "members", members));
	expect_api(a, 200);
	assert_int_equal(json_array_size(json_object_get(jbody(a),
	    "core_group")), 2);
	/* Events: a visit, the first core group; a kind that is none. */
	post(a, F.pip, h_printf("plans/%lld/events",
	    (long long)F.pip_plan), J("{s:s, s:s}", "kind", "party",
	    "held_date", js_date(js_wd(-28))));
	expect_refused(a, 422, "kind");
	post(a, F.pip, h_printf("plans/%lld/events",
	    (long long)F.pip_plan), J("{s:s, s:s, s:b, s:b, s:s}", "kind",
	    "visit", "held_date", js_date(js_wd(-28)), "seen", 1,
	    "seen_alone", 1, "note", "Pip showed me her room"));
	expect_api(a, 201);
	assert_true(json_is_true(json_object_get(jbody(a), "seen_alone")));
	post(a, F.pip, h_printf("plans/%lld/events",
	    (long long)F.pip_plan), J("{s:s, s:s}", "kind", "core-group",
	    "held_date", js_date(js_wd(-25))));
	expect_api(a, 201);
	assert_string_equal(jstr_of(jbody(a), "due_date"),
	    js_date(js_add(js_wd(-30), 10)));
	/* Quin's plan through Pip: not found.  Quin moved away. */
	post(a, F.pip, h_printf("plans/%lld/end", (long long)F.quin_plan),
	    J("{s:s, s:s}", "end_date", js_date(js_wd(-10)), "reason",
	    "moved-la"));
	expect_api(a, 404);
	post(a, F.quin, h_printf("plans/%lld/end", (long long)F.quin_plan),
	    J("{s:s}", "end_date", js_date(js_wd(-10))));
	expect_refused(a, 422, "reason");
	post(a, F.quin, h_printf("plans/%lld/end", (long long)F.quin_plan),
	    J("{s:s, s:s}", "end_date", js_date(js_wd(-10)), "reason",
	    "moved-la"));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "end_reason"), "moved-la");
	assert_string_equal(jstr_of(jbody(a), "end_date"),
	    js_date(js_wd(-10)));
	/* A review ends Pip's plan and steps down to a CIN plan. */
	post(a, F.pip, "conferences", J("{s:s, s:s, s:[{s:I, s:I, s:s, "
	    "s:s, s:b}]}", "kind", "rcpc", "held_date", js_date(js_wd(-5)),
	    "children", "child_id", (json_int_t)F.pip, "plan_id",
	    (json_int_t)F.pip_plan, "decision", "end", "end_reason",
	    "no-longer-at-risk", "step_down", 1));
	expect_api(a, 201);
	assert_string_equal(jstr_of(json_array_get(json_object_get(jbody(a),
	    "children"), 0), "decision"), "end");
}

/* Sol: an assessment, a CIN plan and its review, the episode closed. */
static void
test_assessment_and_cin_plan(void **state)
{
	struct agent *a;
	hday r = js_wd(-50);
	json_t *o;

	(void)state;
	fixture();
	a = as("apij.sw");
	post(a, F.sol, "assessments", J("{s:I, s:s}", "episode_id",
	    (json_int_t)F.pip_ep, "start_date", js_date(js_add(r, 1))));
	expect_api(a, 404);
	post(a, F.sol, "assessments", J("{s:s}", "start_date",
	    js_date(js_add(r, 1))));
	expect_refused(a, 422, "episode_id");
	post(a, F.sol, "assessments", J("{s:I, s:s, s:[s]}", "episode_id",
	    (json_int_t)F.sol_ep, "start_date", js_date(js_add(r, 1)),
	    "factors", "1C"));
	expect_api(a, 201);
	o = jbody(a);
	F.sol_assessment = jint(o, "id");
	assert_true(json_is_null(json_object_get(o, "outcome")));
	post(a, F.sol, h_printf("assessments/%lld/authorise",
	    (long long)F.sol_assessment), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)(version(o) + 1), "authorised_date",
	    js_date(js_add(r, 30)), "outcome", "cin-plan"));
	expect_api(a, 409);
	post(a, F.sol, h_printf("assessments/%lld/authorise",
	    (long long)F.sol_assessment), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)version(o), "authorised_date", js_date(js_add(r, 30)),
	    "outcome", "ready"));
	expect_refused(a, 422, "outcome");
	post(a, F.sol, h_printf("assessments/%lld/authorise",
	    (long long)F.sol_assessment), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)version(o), "authorised_date", js_date(js_add(r, 30)),
	    "outcome", "cin-plan"));
	expect_api(a, 200);
	o = jbody(a);
	assert_string_equal(jstr_of(o, "outcome"), "cin-plan");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(o, "factors"), 0)), "1C");
	/* WT2023: measured against 45 working days from the referral. */
	assert_string_equal(jstr_of(o, "due_date"), js_date(js_add(r, 45)));
	post(a, F.sol, "cin-plans", J("{s:I, s:s}", "episode_id",
	    (json_int_t)F.sol_ep, "start_date", js_date(js_add(r, 31))));
	expect_api(a, 201);
	F.cin_plan = jint(jbody(a), "id");
	assert_string_equal(jstr_of(jbody(a), "kind"), "cin");
	post(a, F.sol, h_printf("plans/%lld/events", (long long)F.cin_plan),
	    J("{s:s, s:s}", "kind", "cin-review", "held_date",
	    js_date(js_wd(-6))));
	expect_api(a, 201);
	/* Closing the episode while the plan is open is refused. */
	post(a, F.sol, h_printf("episodes/%lld/close", (long long)F.sol_ep),
	    J("{s:s, s:s}", "closure_date", js_date(js_wd(-1)), "reason",
	    "RC7"));
	expect_api(a, 422);
	post(a, F.sol, h_printf("plans/%lld/end", (long long)F.cin_plan),
	    J("{s:s, s:s}", "end_date", js_date(js_wd(-2)), "reason",
	    "moved-la"));
	expect_refused(a, 422, "reason");
	post(a, F.sol, h_printf("plans/%lld/end", (long long)F.cin_plan),
	    J("{s:s}", "end_date", js_date(js_wd(-2))));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "end_date"), js_date(js_wd(-2)));
	post(a, F.sol, h_printf("episodes/%lld/close", (long long)F.sol_ep),
	    J("{s:s}", "closure_date", js_date(js_wd(-1))));
	expect_refused(a, 422, "reason");
	post(a, F.sol, h_printf("episodes/%lld/close", (long long)F.sol_ep),
	    J("{s:s, s:s}", "closure_date", js_date(js_wd(-1)), "reason",
	    "RC7"));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "closure_reason"), "RC7");
}

/* Lowri: looked after, visited, home again. */
static void
test_looked_after(void **state)
{
	struct agent *a;

	(void)state;
	fixture();
	a = as("apij.sw");
	post(a, F.lowri, "looked-after", J("{s:s, s:s, s:s, s:b}",
	    "start_date", js_date(js_wd(-30)), "legal_status", "ZZ",
	    "placement", "U1", "long_term", 0));
	expect_refused(a, 422, "legal_status");
	post(a, F.lowri, "looked-after", J("{s:s, s:s, s:s, s:b}",
	    "start_date", js_date(js_wd(-30)), "legal_status", "C2",
	    "placement", "U1", "long_term", 0));
	expect_api(a, 201);
	F.lac_plan = jint(jbody(a), "id");
	assert_string_equal(jstr_of(jbody(a), "kind"), "lac");
	assert_string_equal(jstr_of(jbody(a), "legal_status"), "C2");
	post(a, F.lowri, h_printf("plans/%lld/events",
	    (long long)F.lac_plan), J("{s:s, s:s, s:b}", "kind", "lac-visit",
	    "held_date", js_date(js_wd(-27)), "seen", 1));
	expect_api(a, 201);
	/* A CP plan is not a looked-after episode. */
	post(a, F.pip, h_printf("looked-after/%lld/end",
	    (long long)F.pip_plan), J("{s:s, s:s}", "end_date",
	    js_date(js_wd(-3)), "reason", "E13"));
	expect_api(a, 404);
	post(a, F.lowri, h_printf("looked-after/%lld/end",
	    (long long)F.lac_plan), J("{s:s, s:s}", "end_date",
	    js_date(js_wd(-3)), "reason", "E99"));
	expect_api(a, 422);
	post(a, F.lowri, h_printf("looked-after/%lld/end",
	    (long long)F.lac_plan), J("{s:s, s:s}", "end_date",
	    js_date(js_wd(-3)), "reason", "E13"));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "end_reason"), "E13");
}

/* The whole journey read back, as each user may see it. */
static void
test_journey_get(void **state)
{
	struct agent *a;
	json_t *o, *conf, *plans, *events;
	bool cin = false;

	(void)state;
	fixture();
	a = as("apij.sw");
	o = journey(a, F.pip);
	assert_int_equal(jint(o, "child_id"), F.pip);
	assert_string_equal(jstr_of(o, "la_child_id"), "AJ0001");
	assert_string_equal(jstr_of(json_array_get(json_object_get(o,
	    "episodes"), 0), "decision"), "strategy");
	assert_string_equal(jstr_of(json_array_get(json_object_get(
	    json_array_get(json_object_get(o, "strategy_discussions"), 0),
	    "people"), 0), "agency"), "Police");
	assert_string_equal(jstr_of(json_array_get(json_object_get(o, "s47s"),
	    0), "outcome"), "conference");
	conf = json_array_get(json_object_get(o, "conferences"), 0);
	assert_int_equal(json_array_size(json_object_get(conf, "children")),
	    2);
	assert_int_equal(jint(json_array_get(json_object_get(conf, "children"),
	    1), "child_id"), F.quin);
	assert_int_equal(json_array_size(json_object_get(o, "conferences")),
	    2);
	plans = json_object_get(o, "plans");
	for (size_t i = 0; i < json_array_size(plans); i++)
		if (strcmp(jstr_of(json_array_get(plans, i), "kind"), "cin") ==
		    0)
			cin = true;
	assert_true(cin);
	events = json_object_get(o, "events");
	assert_int_equal(json_array_size(events), 2);
	assert_true(json_is_array(json_object_get(o, "due")));
	for (size_t i = 0; i < json_array_size(json_object_get(o, "due"));
	    i++) {
		const char *st = jstr_of(json_array_get(json_object_get(o,
		    "due"), i), "status");

		assert_true(strcmp(st, "due") == 0 ||
		    strcmp(st, "overdue") == 0);
	}
	/* Audited before it was sent. */
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE action = "
	    "'view' AND subject_kind = 'child' AND subject_id = %lld AND "
	    "route = 'GET /api/v1/children/%lld/journey'", (long long)F.pip,
	    (long long)F.pip) >= 1);
	/* Apij.solo works with Pip, not Quin: Quin's part is withheld. */
	a = as("apij.solo");
	o = journey(a, F.pip);
	conf = json_array_get(json_object_get(o, "conferences"), 0);
	assert_true(json_is_true(json_object_get(json_array_get(
	    json_object_get(conf, "children"), 1), "restricted_from_you")));
	assert_null(json_object_get(json_array_get(json_object_get(conf,
	    "children"), 1), "child_id"));
	/* Someone with no relationship: exactly as no such child. */
	a = as("apij.other");
	call(a, "GET", h_printf("/api/v1/children/%lld/journey",
	    NO_SUCH_CHILD), NULL);
	expect_api(a, 404);
	{
		char *missing = h_strdup(body(a));

		call(a, "GET", h_printf(
		    "/api/v1/children/%lld/journey", (long long)F.pip), NULL);
		expect_api(a, 404);
		assert_string_equal(body(a), missing);
	}
	call(a, "GET", h_printf("/api/v1/children/%lld/journey?"
	    "x=1", (long long)F.rhian), NULL);
	expect_api(a, 400);
}

/* Every step endpoint: 404 for no relationship, with the bytes of a
 * child that does not exist; 403 for one who may look but not change. */
static void
test_step_refusals(void **state)
{
	static const char *const rest[] = {
		"referrals", "episodes/%lld/decision", "episodes/%lld/close",
		"assessments", "assessments/%lld/authorise",
		"strategy-discussions", "s47", "s47/%lld/outcome",
		"conferences", "plans/%lld/end", "plans/%lld/core-group",
		"plans/%lld/events", "cin-plans", "looked-after",
		"looked-after/%lld/end",
	};
	struct agent *a, *da;
	long long before;

	(void)state;
	fixture();
	a = as("apij.other");
	da = as("apij.da");
	before = sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_id "
	    "= %lld AND subject_kind = 'child' AND action = 'edit'",
	    (long long)F.pip);
	for (size_t i = 0; i < sizeof(rest) / sizeof(rest[0]); i++) {
		char *missing, *path;
		const char *r = rest[i];
		char *p = strstr(r, "%lld");

		path = p == NULL ? h_strdup(r) : h_printf("%.*s%lld%s",
		    (int)(p - r), r, (long long)F.pip_plan, p + 4);
		post(a, NO_SUCH_CHILD, path, J("{}"));
		expect_api(a, 404);
		missing = h_strdup(body(a));
		post(a, F.pip, path, J("{}"));
		if (a->status != 404 || strcmp(body(a), missing) != 0)
			fail_msg("POST .../%s for an unrelated user: %ld %s",
			    path, a->status, body(a));
		post(da, F.pip, path, J("{}"));
		if (da->status != 403)
			fail_msg("POST .../%s for a domestic abuse worker: %ld "
			    "%s", path, da->status, body(da));
	}
	/* Nothing was written, nothing audited as an edit. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND subject_kind = 'child' AND action = "
	    "'edit'", (long long)F.pip), before);
	/* She may read it, though. */
	journey(da, F.pip);
	/* A body that is not JSON, or not an object. */
	a = as("apij.sw");
	h_request(a, "POST", h_printf("/api/v1/children/%lld/cin-plans",
	    (long long)F.pip), "text/plain", "x", 1);
	expect_api(a, 415);
	post(a, F.pip, "cin-plans", J("[]"));
	expect_api(a, 400);
}

/* Open items of the children the caller may open. */
static void
test_due_list(void **state)
{
	struct agent *a;
	json_t *o, *items;
	bool rhian = false;

	(void)state;
	fixture();
	a = as("apij.other");
	F.rhian_ep = referral(a, F.rhian, js_wd(-5));
	call(a, "GET", "/api/v1/due", NULL);
	expect_api(a, 200);
	o = jbody(a);
	items = json_object_get(o, "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);

		if (jint(it, "child_id") != F.rhian)
			continue;
		rhian = true;
		assert_string_equal(jstr_of(it, "step"), "decision");
		assert_string_equal(jstr_of(it, "status"), "overdue");
		assert_string_equal(jstr_of(it, "la_child_id"), "AJ0005");
		assert_string_equal(jstr_of(it, "due"),
		    js_date(js_add(js_wd(-5), 1)));
	}
	assert_true(rhian);
	/* Apij.sw may not open Rhian: not even by naming her worker. */
	a = as("apij.sw");
	call(a, "GET", h_printf("/api/v1/due?worker=%lld",
	    (long long)F.other), NULL);
	expect_api(a, 200);
	assert_int_equal(jint(jbody(a), "count"), 0);
	call(a, "GET", h_printf("/api/v1/due?team=%lld",
	    (long long)F.other_team), NULL);
	expect_api(a, 404);
	call(a, "GET", h_printf("/api/v1/due?team=%lld",
	    (long long)F.team), NULL);
	expect_api(a, 200);
	items = json_object_get(jbody(a), "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		assert_int_not_equal(jint(json_array_get(items, i),
		    "child_id"), F.rhian);
	call(a, "GET", "/api/v1/due?team=abc", NULL);
	expect_refused(a, 400, "team");
	call(a, "GET", "/api/v1/due?colour=red", NULL);
	expect_api(a, 400);
	call(a, "GET", "/api/v1/due?until=2026-13-01", NULL);
	expect_refused(a, 400, "until");
}

/* Last: every change above left the audit chain whole. */
static void
test_audit_chain(void **state)
{
	char *out = NULL;

	(void)state;
	if (h_audit_verify(&out) != 0)
		fail_msg("hearth audit verify: %s", out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T_TEST(test_referral_and_decision),
		T_TEST(test_strategy_and_s47),
		T_TEST(test_conference),
		T_TEST(test_plan_steps),
		T_TEST(test_assessment_and_cin_plan),
		T_TEST(test_looked_after),
		T_TEST(test_journey_get),
		T_TEST(test_step_refusals),
		T_TEST(test_due_list),
		T_TEST(test_audit_chain),
	};

	return H_RUN(tests, h_setup);
}
