/*
 * test_due.c: what is due, over real HTTP: My work's due and overdue
 * steps for a worker and, by worker, for a team manager; a team's
 * timeliness figures and who may see them; and the administrator's local
 * timescales.
 *
 * Beside the demo authority, two teams of the test's own (journey_seed.h)
 * with children whose journeys are recorded through core/record.h, dates
 * counted back from today in working days, so every figure below is known:
 *
 *   team A: Alys Dueone (social worker), Bram Duetwo (social worker),
 *           Cerys Duelead (team manager), and another Alys Dueone;
 *           team B: Dai Dueother
 *   Aster  (Alys)  referral 60 wd ago, assessment open: overdue
 *   Bryn   (Alys)  referral today, undecided: decision due in 1 wd
 *   Cai    (Bram)  referral 10 wd ago, undecided: decision overdue
 *   Dewi   (Dai)   referral 5 wd ago, undecided: overdue, team B's
 *   Esme   (Alys)  assessment started 5 wd ago: due in 40 wd, not listed
 *   Ffion  (Bram)  assessment authorised 30 wd after referral: on time
 *   Gethin (Bram)  assessment authorised 50 wd after referral: late
 *   Iolo   (the other Alys) referral 3 wd ago, undecided: overdue
 *   Hana   (Alys)  strategy, s47, ICPC 10 wd after the strategy discussion
 *                  (on time) and a CP plan: a visit 5 wd in (on time), the
 *                  first core group 12 wd in (late); the next core group,
 *                  visit and first review conference are overdue
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "journey_seed.h"
#include "core/timescale.h"
#include "store/store_journey.h"
#include "core/banned.h"

static struct {
	bool done;
	int64_t team_a, team_b;
	int64_t sw1, sw2, sw3, tm, other;
	int64_t aster, bryn, cai, dewi, esme, ffion, gethin, hana, iolo;
	hday aster_due, bryn_due, hana_visit;
	int64_t hana_plan;
} F;

/* ------------------------------------------------------------ journeys */

static struct journey_ctx
ctx(void)
{
	struct journey_ctx c = { js_today(), 0, (int64_t)time(NULL), NULL };

	return c;
}

static void
start(void)
{
	if (store_begin(js_st) != HERR_OK)
		fail_msg("store_begin failed");
}

/* Commit the step begun with start(), or fail naming it. */
static void
finish(const char *what, enum herr e, const struct hdiag *d)
{
	if (e != HERR_OK) {
		store_rollback(js_st);
		fail_msg("%s: %s (%s: %s)", what, herr_str(e), d->field,
		    d->msg);
	}
	if (store_commit(js_st) != HERR_OK)
		fail_msg("%s: commit failed", what);
}

static long long
version_of(const char *table, int64_t id)
{
	return sql_int(H.db, "SELECT version FROM %s WHERE id = %lld", table,
	    (long long)id);
}

/* A new CIN episode from a referral on `day`, with its items. */
static int64_t
referral(int64_t child, hday day)
{
	struct cin_episode ep;
	struct intervals iv;
	struct hdiag d;
	enum herr e;

	cin_episode_init(&ep);
	ep.child_id = child;
	ep.referral_date = day;
	snprintf(ep.referral_source, sizeof(ep.referral_source), "3E");
	snprintf(ep.primary_need, sizeof(ep.primary_need), "N1");
	hdiag_clear(&d);
	start();
	e = record_cin_episode_add(js_st, &ep, js_today(), &d);
	if (e == HERR_OK)
		e = store_intervals_get(js_st, &iv, &d);
	if (e == HERR_OK)
		e = record_due_refresh(js_st, child, &iv, &d);
	finish("referral", e, &d);
	return ep.id;
}

static void
decide(int64_t child, int64_t ep, enum referral_decision dec, hday day)
{
	long long v = version_of("cin_episode", ep);
	struct journey_ctx c = ctx();
	struct referral r;
	struct hdiag d;

	memset(&r, 0, sizeof(r));
	r.episode_id = ep;
	r.contact_date = HDAY_NONE;
	snprintf(r.reason, sizeof(r.reason), "Worries raised by the school");
	r.decision = dec;
	r.decision_date = day;
	hdiag_clear(&d);
	start();
	finish("decision", record_referral_decide(js_st, child, &r, v, &c,
	    &d), &d);
}

static int64_t
assessment(int64_t child, int64_t ep, hday day)
{
	struct journey_ctx c = ctx();
	struct assessment a;
	struct hdiag d;

	memset(&a, 0, sizeof(a));
	a.child_id = child;
	a.episode_id = ep;
	a.start_date = day;
	a.authorised_date = HDAY_NONE;
	a.due_date = HDAY_NONE;
	hdiag_clear(&d);
	start();
	finish("assessment", record_assessment_start(js_st, &a, &c, &d), &d);
	return a.id;
}

static void
authorise(int64_t child, int64_t id, hday day)
{
	long long v = version_of("assessment", id);
	struct journey_ctx c = ctx();
	struct assessment a;
	struct hdiag d;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.child_id = child;
	a.authorised_date = day;
	a.outcome = ASSESS_NFA;
	a.due_date = HDAY_NONE;
	hdiag_clear(&d);
	start();
	finish("authorise", record_assessment_authorise(js_st, &a, v, &c, &d),
	    &d);
}

/* Strategy discussion, s47 and an ICPC that starts a CP plan: the plan. */
static int64_t
to_plan(int64_t child, int64_t ep, hday strat, hday outcome, hday held)
{
	struct journey_ctx c = ctx();
	struct strategy *s = calloc(1, sizeof(*s));
	struct conference *cf = calloc(1, sizeof(*cf));
	struct s47 e;
	struct hdiag d;
	int64_t plan;

	assert_non_null(s);
	assert_non_null(cf);
	hdiag_clear(&d);
	s->child_id = child;
	s->episode_id = ep;
	s->held_date = strat;
	s->s47 = true;
	snprintf(s->people[0].name, sizeof(s->people[0].name), "Rhys Morgan");
	snprintf(s->people[0].agency, sizeof(s->people[0].agency), "Police");
	s->n_people = 1;
	start();
	finish("strategy", record_strategy_add(js_st, s, &c, &d), &d);
	memset(&e, 0, sizeof(e));
	e.child_id = child;
	e.episode_id = ep;
	e.strategy_id = s->id;
	e.start_date = strat;
	e.outcome_date = HDAY_NONE;
	start();
	finish("s47", record_s47_start(js_st, &e, &c, &d), &d);
	e.outcome = S47_CONFERENCE;
	e.outcome_date = outcome;
	start();
	finish("s47 outcome", record_s47_outcome(js_st, &e, version_of("s47",
	    e.id), &c, &d), &d);
	cf->kind = CONF_INITIAL;
	cf->held_date = held;
	cf->notified_date = HDAY_NONE;
	cf->n_children = 1;
	cf->children[0].child_id = child;
	cf->children[0].s47_id = e.id;
	cf->children[0].decision = CDEC_PLAN;
	cf->children[0].category = ABUSE_NEGLECT;
	cf->children[0].due_date = HDAY_NONE;
	start();
	finish("icpc", record_conference_add(js_st, cf, &c, &d), &d);
	plan = cf->children[0].plan_id;
	free(s);
	free(cf);
	return plan;
}

static void
event(int64_t child, int64_t plan, enum event_kind kind, hday day)
{
	struct journey_ctx c = ctx();
	struct plan_event *e = calloc(1, sizeof(*e));
	struct hdiag d;

	assert_non_null(e);
	e->child_id = child;
	e->plan_id = plan;
	e->kind = kind;
	e->held_date = day;
	e->seen = kind == EVENT_VISIT;
	e->due_date = HDAY_NONE;
	hdiag_clear(&d);
	start();
	finish("event", record_event_add(js_st, e, &c, &d), &d);
	free(e);
}

/* The records described at the top, made once per program. */
static void
fixture(void)
{
	hday r;
	int64_t ep, a;

	if (F.done)
		return;
	js_open();
	F.team_a = js_team("Due Test Team A");
	F.team_b = js_team("Due Test Team B");
	js_close();
	F.sw1 = js_user("due.sw1", "social_worker", F.team_a, "Alys",
	    "Dueone");
	F.sw2 = js_user("due.sw2", "social_worker", F.team_a, "Bram",
	    "Duetwo");
	F.tm = js_user("due.tm", "team_manager", F.team_a, "Cerys",
	    "Duelead");
	F.other = js_user("due.other", "social_worker", F.team_b, "Dai",
	    "Dueother");
	F.sw3 = js_user("due.sw3", "social_worker", F.team_a, "Alys",
	    "Dueone");
	js_open();
	F.aster = js_child("DT0001", "Aster", "Duetest", F.sw1);
	F.bryn = js_child("DT0002", "Bryn", "Duetest", F.sw1);
	F.cai = js_child("DT0003", "Cai", "Duetest", F.sw2);
	F.dewi = js_child("DT0004", "Dewi", "Duetest", F.other);
	F.esme = js_child("DT0005", "Esme", "Duetest", F.sw1);
	F.ffion = js_child("DT0006", "Ffion", "Duetest", F.sw2);
	F.gethin = js_child("DT0007", "Gethin", "Duetest", F.sw2);
	F.hana = js_child("DT0008", "Hana", "Duetest", F.sw1);
	F.iolo = js_child("DT0009", "Iolo", "Duetest", F.sw3);

	r = js_wd(-60);
	ep = referral(F.aster, r);
	decide(F.aster, ep, DECISION_ASSESSMENT, r);
	(void)assessment(F.aster, ep, js_add(r, 1));
	F.aster_due = js_add(r, 45);	/* WT2023: 45 wd from the referral */

	r = js_today();
	(void)referral(F.bryn, r);
	F.bryn_due = js_add(r, 1);

	(void)referral(F.cai, js_wd(-10));
	(void)referral(F.dewi, js_wd(-5));
	(void)referral(F.iolo, js_wd(-3));

	r = js_wd(-5);
	ep = referral(F.esme, r);
	decide(F.esme, ep, DECISION_ASSESSMENT, r);
	(void)assessment(F.esme, ep, r);

	r = js_wd(-120);
	ep = referral(F.ffion, r);
	decide(F.ffion, ep, DECISION_ASSESSMENT, r);
	a = assessment(F.ffion, ep, r);
	authorise(F.ffion, a, js_add(r, 30));

	r = js_wd(-150);
	ep = referral(F.gethin, r);
	decide(F.gethin, ep, DECISION_ASSESSMENT, r);
	a = assessment(F.gethin, ep, js_add(r, 1));
	authorise(F.gethin, a, js_add(r, 50));

	r = js_wd(-80);
	ep = referral(F.hana, r);
	decide(F.hana, ep, DECISION_STRATEGY, r);
	F.hana_plan = to_plan(F.hana, ep, js_add(r, 1), js_add(r, 5),
	    js_add(r, 11));
	F.hana_visit = js_add(r, 16);
	event(F.hana, F.hana_plan, EVENT_VISIT, F.hana_visit);
	event(F.hana, F.hana_plan, EVENT_CORE_GROUP, js_add(r, 23));
	js_close();
	F.done = true;
}

/* ------------------------------------------------------------ helpers */

/* The part of the last page from `from` up to `to` (or the end) (kept);
 * fails when `from` is not there. */
static const char *
section(struct agent *a, const char *from, const char *to)
{
	const char *s = strstr(body(a), from), *e;

	if (s == NULL)
		fail_msg("no \"%s\" on the page:\n%.3000s", from, h_shown(a));
	e = to != NULL ? strstr(s + strlen(from), to) : NULL;
	return h_strndup(s, e != NULL ? (size_t)(e - s) : strlen(s));
}

static void
expect_in(const char *sec, const char *s)
{
	if (strstr(sec, s) == NULL)
		fail_msg("\"%s\" is not in:\n%.3000s", s, sec);
}

static void
expect_not_in(const char *sec, const char *s)
{
	if (strstr(sec, s) != NULL)
		fail_msg("\"%s\" should not be in:\n%.3000s", s, sec);
}

/* Where s starts in sec (fails when absent). */
static size_t
at(const char *sec, const char *s)
{
	const char *p = strstr(sec, s);

	if (p == NULL)
		fail_msg("\"%s\" is not in:\n%.3000s", s, sec);
	return (size_t)(p - sec);
}

/* The table row (<tr>...</tr>) of sec holding s (kept). */
static const char *
row_of(const char *sec, const char *s)
{
	const char *p = strstr(sec, s), *b, *e;

	if (p == NULL)
		fail_msg("\"%s\" is not in:\n%.3000s", s, sec);
	for (b = p; b > sec && strncmp(b, "<tr", 3) != 0; b--)
		;
	e = strstr(p, "</tr>");
	return h_strndup(b, e != NULL ? (size_t)(e - b) : strlen(b));
}

static int
wd_between(hday from, hday to)
{
	int n;

	assert_int_equal(calendar_working_days_between(from, to, &n),
	    HERR_OK);
	return n;
}

/* The text of the n-th (0-based) <td> of a row. */
static const char *
cell(const char *row, int n)
{
	const char *p = row;

	for (int i = 0; i <= n; i++) {
		p = strstr(p, "<td");
		if (p == NULL)
			fail_msg("no cell %d in %s", n, row);
		p = strchr(p, '>') + 1;
	}
	return h_strndup(p, strcspn(p, "<"));
}

/* Check the timeliness row labelled `label`: done, on time, %, open. */
static void
expect_figures(const char *page, const char *label, const char *done,
    const char *on_time, const char *pct, const char *open)
{
	const char *row = row_of(page, h_printf(">%s</th>", label));

	assert_string_equal(cell(row, 0), done);
	assert_string_equal(cell(row, 1), on_time);
	assert_string_equal(cell(row, 2), pct);
	assert_string_equal(cell(row, 3), open);
}

/* ------------------------------------------------------------ my work */

static void
test_worker_sees_own_due_and_overdue(void **state)
{
	struct agent *a;
	const char *sec, *row;
	long long overdue;

	(void)state;
	fixture();
	a = agent_as("due.sw1");
	get(a, "/");
	expect_status(a, 200);
	sec = section(a, ">Due and overdue</h2>", "Children allocated to you");
	/* Aster's assessment: 45 working days from the referral, gone. */
	row = row_of(sec, "Aster Duetest");
	expect_in(row, h_printf("href=\"/children/%lld\"",
	    (long long)F.aster));
	expect_in(row, due_step_label(STEP_ASSESSMENT));
	expect_in(row, h_printf("Overdue by %d working days",
	    wd_between(F.aster_due, js_today())));
	expect_in(row, "govuk-tag--red");
	row = row_of(sec, "Bryn Duetest");
	expect_in(row, due_step_label(STEP_DECISION));
	expect_in(row, "Due in 1 working day<");
	/* Hana's plan: the next visit, core group and review are late. */
	expect_in(row_of(sec, h_printf(">%s</td>",
	    due_step_label(STEP_CORE_GROUP))), "Hana Duetest");
	expect_in(row_of(sec, h_printf(">%s</td>",
	    due_step_label(STEP_VISIT))), "Hana Duetest");
	expect_in(row_of(sec, h_printf(">%s</td>",
	    due_step_label(STEP_RCPC))), "Hana Duetest");
	/* Overdue first. */
	assert_true(at(sec, "Aster Duetest") < at(sec, "Bryn Duetest"));
	assert_true(at(sec, "Hana Duetest") < at(sec, "Bryn Duetest"));
	/* Not other workers' children; not what is due later than 5
	 * working days; not what is done. */
	expect_not_in(sec, "Cai Duetest");
	expect_not_in(sec, "Dewi Duetest");
	expect_not_in(sec, "Esme Duetest");
	expect_not_in(sec, "Ffion Duetest");
	expect_not_in(sec, "Gethin Duetest");
	expect_not_in(sec, "Iolo Duetest");
	overdue = sql_int(H.db, "SELECT count(*) FROM due WHERE done_date IS "
	    "NULL AND due_date < date('now', 'localtime') AND child_id IN "
	    "(%lld, %lld, %lld)", (long long)F.aster, (long long)F.bryn,
	    (long long)F.hana);
	assert_true(overdue >= 4);
	expect_in(sec, h_printf("%lld overdue and 1 due in the next 5 "
	    "working days.", overdue));
	/* Esme is still on the list of children allocated. */
	expect_body_has(a, "Esme Duetest");
}

static void
test_other_team_worker_sees_only_theirs(void **state)
{
	struct agent *a;
	const char *sec, *row;

	(void)state;
	fixture();
	a = agent_as("due.other");
	get(a, "/");
	expect_status(a, 200);
	sec = section(a, ">Due and overdue</h2>", "Children allocated to you");
	row = row_of(sec, "Dewi Duetest");
	expect_in(row, due_step_label(STEP_DECISION));
	expect_in(row, "Overdue by ");
	expect_not_in(sec, "Aster Duetest");
	expect_not_in(sec, "Cai Duetest");
	expect_not_in(sec, "Hana Duetest");
}

static void
test_manager_sees_team_by_worker(void **state)
{
	struct agent *a;
	const char *sec;
	size_t alys, alys3, bram;

	(void)state;
	fixture();
	a = agent_as("due.tm");
	get(a, "/");
	expect_status(a, 200);
	sec = section(a, ">Due and overdue: Due Test Team A</h2>", "<h2");
	/* Workers by name, two of one name told apart by username, each
	 * with their own children's steps. */
	alys = at(sec, "caption--m\">Alys Dueone (due.sw1)</caption>");
	alys3 = at(sec, "caption--m\">Alys Dueone (due.sw3)</caption>");
	bram = at(sec, "caption--m\">Bram Duetwo</caption>");
	assert_true(alys < alys3);
	assert_true(alys3 < bram);
	assert_true(at(sec, "Aster Duetest") > alys);
	assert_true(at(sec, "Aster Duetest") < alys3);
	assert_true(at(sec, "Hana Duetest") < alys3);
	assert_true(at(sec, "Bryn Duetest") < alys3);
	assert_true(at(sec, "Iolo Duetest") > alys3);
	assert_true(at(sec, "Iolo Duetest") < bram);
	assert_true(at(sec, "Cai Duetest") > bram);
	expect_in(row_of(sec, "Cai Duetest"), "Overdue by ");
	expect_not_in(sec, "Dewi Duetest");
	expect_not_in(sec, "Esme Duetest");
}

/* ------------------------------------------------------------ figures */

static void
test_timeliness_figures(void **state)
{
	struct agent *a;
	const char *page;

	(void)state;
	fixture();
	a = agent_as("due.tm");
	get(a, "/teams/%lld/timeliness", (long long)F.team_a);
	expect_status(a, 200);
	page = body(a);
	expect_body_has(a, "<caption class=\"govuk-table__caption "
	    "govuk-table__caption--m\">From ");
	expect_body_has(a, "method=\"get\"");
	expect_body_has(a, "name=\"from\"");
	expect_body_has(a, "name=\"to\"");
	expect_figures(page, "Assessments completed within 45 working days "
	    "of the referral", "2", "1", "50%", "1");
	expect_figures(page, "Initial conferences within 15 working days of "
	    "the strategy discussion", "1", "1", "100%", "0");
	expect_figures(page, "First core groups within 10 working days of "
	    "the initial conference", "1", "0", "0%", "0");
	expect_figures(page, "Review conferences on time", "0", "0",
	    "None done", "1");
	expect_figures(page, "Child protection visits on time", "1", "1",
	    "100%", "1");
	expect_figures(page, "Child in need plan reviews on time", "0", "0",
	    "None done", "0");
	expect_figures(page, "Looked-after reviews on time", "0", "0",
	    "None done", "0");
	expect_figures(page, "Looked-after visits on time", "0", "0",
	    "None done", "0");
	/* No child is named on a page of figures. */
	expect_body_lacks(a, "Duetest");
	expect_body_lacks(a, "/children/");
}

static void
test_timeliness_period(void **state)
{
	struct agent *a;

	(void)state;
	fixture();
	a = agent_as("due.tm");
	/* Gethin's late assessment was done before this period. */
	get(a, "/teams/%lld/timeliness?from=%s&to=%s", (long long)F.team_a,
	    js_date(js_wd(-95)), js_date(js_today()));
	expect_status(a, 200);
	expect_figures(body(a), "Assessments completed within 45 working days "
	    "of the referral", "1", "1", "100%", "1");
	expect_body_has(a, h_printf("value=\"%s\"", js_date(js_wd(-95))));
	/* Bad periods are named in the error summary. */
	get(a, "/teams/%lld/timeliness?from=2025-02-30", (long long)F.team_a);
	expect_status(a, 422);
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "href=\"#from\"");
	get(a, "/teams/%lld/timeliness?from=2025-06-01&to=2025-05-01",
	    (long long)F.team_a);
	expect_status(a, 422);
	expect_body_has(a, "href=\"#to\"");
	get(a, "/teams/%lld/timeliness?since=2025-06-01", (long long)F.team_a);
	expect_status(a, 400);
}

static void
test_timeliness_access(void **state)
{
	struct agent *a;

	(void)state;
	fixture();
	/* A social worker of another team, and one of this team: as if
	 * there were no such page. */
	a = agent_as("due.other");
	get(a, "/teams/%lld/timeliness", (long long)F.team_a);
	expect_status(a, 404);
	a = agent_as("due.sw1");
	get(a, "/teams/%lld/timeliness", (long long)F.team_a);
	expect_status(a, 404);
	/* Analysts and administrators: figures for any team. */
	a = agent_as(h_username("performance_analyst"));
	get(a, "/teams/%lld/timeliness", (long long)F.team_a);
	expect_status(a, 200);
	expect_body_has(a, "Due Test Team A");
	get(a, "/teams/99999999/timeliness");
	expect_status(a, 404);
	get(a, "/teams");
	expect_status(a, 200);
	expect_body_has(a, h_printf("href=\"/teams/%lld/timeliness\"",
	    (long long)F.team_a));
	a = agent_as(h_username("administrator"));
	get(a, "/teams/%lld/timeliness", (long long)F.team_b);
	expect_status(a, 200);
	/* The manager of team A is not team B's. */
	a = agent_as("due.tm");
	get(a, "/teams/%lld/timeliness", (long long)F.team_b);
	expect_status(a, 404);
}

static void
test_team_page_links_timeliness(void **state)
{
	struct agent *a;
	const char *link;

	(void)state;
	fixture();
	link = h_printf("href=\"/teams/%lld/timeliness\"",
	    (long long)F.team_a);
	a = agent_as("due.tm");
	get(a, "/teams/%lld", (long long)F.team_a);
	expect_status(a, 200);
	expect_body_has(a, link);
	a = agent_as("due.sw1");
	get(a, "/teams/%lld", (long long)F.team_a);
	expect_status(a, 200);
	expect_body_lacks(a, link);
}

/* ------------------------------------------------------------ intervals */

static void
test_intervals_admin(void **state)
{
	struct agent *a, *tm;
	char *csrf, *visit_due;
	long long audits;
	const char *names[] = { "csrf", "cp_visit", "core_group", "cin_visit",
		"cin_review" };
	const char *values[5];

	(void)state;
	fixture();
	a = agent_as(h_username("administrator"));
	get(a, "/");
	expect_body_has(a, "href=\"/admin/intervals\"");
	get(a, "/admin/intervals");
	expect_status(a, 200);
	assert_string_equal(html_field(body(a), "cp_visit"),
	    "10 working days");
	csrf = page_csrf(a);
	assert_non_null(csrf);
	values[0] = csrf;
	values[1] = "ten days";
	values[2] = html_field(body(a), "core_group");
	values[3] = html_field(body(a), "cin_visit");
	values[4] = html_field(body(a), "cin_review");
	audits = sql_int(H.db, "SELECT count(*) FROM audit");
	post_formv(a, "/admin/intervals", 5, names, values);
	expect_status(a, 422);
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "href=\"#cp_visit\"");
	expect_body_has(a, "ten days");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM setting WHERE "
	    "key = 'interval.cp-visit'"), 0);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit"), audits);
	/* Saved: every open visit falls due 15 working days on. */
	values[1] = "15 working days";
	post_formv(a, "/admin/intervals", 5, names, values);
	expect_redirect(a, "/admin/intervals?saved=intervals");
	assert_string_equal(sql(H.db, "SELECT value FROM setting WHERE key = "
	    "'interval.cp-visit'"), "15 working days");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'admin' AND route = 'POST /admin/intervals' AND "
	    "username = %s", sql_quote(h_username("administrator"))), 1);
	visit_due = sql(H.db, "SELECT due_date FROM due WHERE child_id = %lld "
	    "AND step = 'visit' AND done_date IS NULL", (long long)F.hana);
	assert_non_null(visit_due);
	assert_string_equal(visit_due, js_date(js_add(F.hana_visit, 15)));
	get(a, "/admin/intervals?saved=intervals");
	expect_body_has(a, "Local timescales saved");
	assert_string_equal(html_field(body(a), "cp_visit"),
	    "15 working days");
	/* Nobody else may see or change them. */
	tm = agent_as("due.tm");
	get(tm, "/admin/intervals");
	expect_status(tm, 404);
	post_form(tm, "/admin/intervals", "csrf", agent_session_csrf(tm),
	    "cp_visit", "1 week", "core_group", "4 weeks", "cin_visit",
	    "4 weeks", "cin_review", "3 months", NULL);
	expect_status(tm, 404);
	assert_string_equal(sql(H.db, "SELECT value FROM setting WHERE key = "
	    "'interval.cp-visit'"), "15 working days");
	/* Back as it was. */
	values[1] = "10 working days";
	post_formv(a, "/admin/intervals", 5, names, values);
	expect_redirect(a, "/admin/intervals?saved=intervals");
	assert_string_equal(sql(H.db, "SELECT due_date FROM due WHERE "
	    "child_id = %lld AND step = 'visit' AND done_date IS NULL",
	    (long long)F.hana), js_date(js_add(F.hana_visit, 10)));
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
		H_TEST(test_worker_sees_own_due_and_overdue),
		H_TEST(test_other_team_worker_sees_only_theirs),
		H_TEST(test_manager_sees_team_by_worker),
		H_TEST(test_timeliness_figures),
		H_TEST(test_timeliness_period),
		H_TEST(test_timeliness_access),
		H_TEST(test_team_page_links_timeliness),
		H_TEST(test_intervals_admin),
		H_TEST(test_audit_chain),
	};

	return H_RUN(tests, h_setup);
}
