/*
 * test_journey.c: the child protection journey on the child's record,
 * through its real pages over HTTP.
 *
 * Every step is recorded in order from the record's own links: a referral,
 * its decision, an assessment and its authorisation, a strategy discussion,
 * an s47 enquiry and its outcome, the initial conference (alone and with a
 * sibling), the plan with its core group, visits and reviews, the step
 * down to a CIN plan, CIN reviews, a looked-after episode, a transfer-in
 * conference, ending plans and closing the episode.  Each save redirects
 * to the record, writes the step and an audit row, and shows on the record
 * and in its chronology with a link to the step's page.
 *
 * Every refusal shows the GOV.UK error summary with the core's message,
 * keeps what was typed, and saves nothing: steps out of order, dates
 * before the referral, a CIN plan beside a CP plan, a conference on a
 * Saturday or a bank holiday, a review on the day the plan started.
 * Access: someone with no relationship gets the 404 of a missing child on
 * every journey route; a partner agency with a share may look but not
 * record.  Dates are fixed days in the past (today is later than all).
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
#include "core/banned.h"

#define NO_SUCH_CHILD 987654321LL

/* ------------------------------------------------------------ helpers */

/* A form being filled in: names and values. */
struct fb {
	const char *n[160];
	const char *v[160];
	int k;
};

static void
fb_add(struct fb *f, const char *name, const char *value)
{
	for (int i = 0; i < f->k; i++)
		if (strcmp(f->n[i], name) == 0) {
			f->v[i] = h_strdup(value);
			return;
		}
	if (f->k >= 160)
		fail_msg("fb_add: too many fields");
	f->n[f->k] = h_strdup(name);
	f->v[f->k] = h_strdup(value);
	f->k++;
}

/* A GOV.UK date input: "2026-01-05" as NAME-day 5, NAME-month 1,
 * NAME-year 2026. */
static void
fb_date(struct fb *f, const char *name, const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		fail_msg("fb_date: %s", iso);
	fb_add(f, h_printf("%s-day", name), h_printf("%d", d));
	fb_add(f, h_printf("%s-month", name), h_printf("%d", m));
	fb_add(f, h_printf("%s-year", name), h_printf("%d", y));
}

static bool
fb_has(const struct fb *f, const char *name)
{
	for (int i = 0; i < f->k; i++)
		if (strcmp(f->n[i], name) == 0)
			return true;
	return false;
}

/*
 * Open the form page `page` and post its form (action `action`) as a
 * browser would, with what the page filled in (hidden fields, checked
 * boxes, default dates) and f's fields typed over it.  Returns the status.
 */
static long
submit(struct agent *a, const char *page, const char *action, struct fb *f)
{
	const char *n[240], *v[240];
	struct hform hf;
	int k = 0;

	get(a, "%s", page);
	expect_status(a, 200);
	if (!html_form_with(body(a), "csrf", action, &hf))
		fail_msg("%s has no form posting to %s:\n%.2000s", page, action,
		    h_shown(a));
	for (int i = 0; i < hf.n && k < 200; i++)
		if (!fb_has(f, hf.f[i].name)) {
			n[k] = hf.f[i].name;
			v[k++] = hf.f[i].value;
		}
	for (int i = 0; i < f->k && k < 240; i++) {
		n[k] = f->n[i];
		v[k++] = f->v[i];
	}
	return post_formv(a, action, k, n, v);
}

/* The id at the end of the path `loc` starts with (after prefix). */
static long long
id_after(const char *loc, const char *prefix)
{
	size_t n = strlen(prefix);

	if (loc == NULL || strncmp(loc, prefix, n) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", loc ? loc :
		    "(none)", prefix);
	return strtoll(loc + n, NULL, 10);
}

static struct agent *
sw(void)
{
	return agent_as(h_username("social_worker"));
}

/* A new child, added by the social worker (and so allocated to them). */
static long long
new_child(const char *given, const char *family, const char *dob)
{
	static int seq;
	struct agent *a = sw();
	struct fb f = { 0 };

	fb_add(&f, "la_child_id", h_printf("JT%d%04d", (int)(getpid() %
	    1000), ++seq));
	fb_add(&f, "given_name", given);
	fb_add(&f, "family_name", family);
	fb_add(&f, "birth_date", dob);
	fb_add(&f, "expected_birth_date", "");
	fb_add(&f, "sex", "F");
	fb_add(&f, "ethnicity", "WBRI");
	fb_add(&f, "upn", "");
	fb_add(&f, "upn_unknown", "UN1");
	submit(a, "/children/new", "/children", &f);
	expect_status(a, 303);
	return id_after(agent_header(a, "Location"), "/children/");
}

/* Post a step and expect the redirect to the record with ?saved=key. */
static void
step_ok(struct agent *a, long long child, const char *page,
    const char *action, struct fb *f, const char *saved)
{
	submit(a, page, action, f);
	expect_redirect(a, h_printf("/children/%lld?saved=%s#journey", child,
	    saved));
}

/* Post a step that must be refused: 422 (or `status`), the error summary
 * with `msg`, nothing new in `table` for the child. */
static void
step_refused(struct agent *a, long long child, const char *page,
    const char *action, struct fb *f, const char *table, const char *msg)
{
	long long before = sql_int(H.db, "SELECT count(*) FROM %s WHERE "
	    "child_id = %lld", table, child);
	long long audits = sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND action IN ('create', 'edit')", child);

	submit(a, page, action, f);
	expect_status(a, 422);
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "There is a problem");
	expect_body_has(a, msg);
	if (strncmp(body(a), "<!DOCTYPE html>", 15) != 0)
		fail_msg("not a page");
	expect_body_has(a, "<title>Error: ");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM %s WHERE "
	    "child_id = %lld", table, child), before);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND action IN ('create', 'edit')", child),
	    audits);
}

/* The number of audit rows of `action` on the child for `route`. */
static long long
audit_rows(long long child, const char *action, const char *route)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_kind = "
	    "'child' AND subject_id = %lld AND action = %s AND route = %s",
	    child, sql_quote(action), sql_quote(route));
}

static const char *
P(long long child, const char *tail)
{
	return h_printf("/children/%lld/%s", child, tail);
}

/* A referral on `date` (and its id). */
static long long
referral(long long child, const char *date)
{
	struct fb f = { 0 };

	fb_date(&f, "referral_date", date);
	fb_add(&f, "referral_source", "3B");
	fb_add(&f, "primary_need", "N1");
	fb_add(&f, "reason", "The health visitor saw bruising on the "
	    "child's arm.");
	step_ok(sw(), child, P(child, "referrals/new"), P(child,
	    "referrals/new"), &f, "referral");
	return sql_int(H.db, "SELECT max(id) FROM cin_episode WHERE child_id "
	    "= %lld", child);
}

static void
decide(long long child, long long ep, const char *decision,
    const char *date)
{
	struct fb f = { 0 };
	const char *page = P(child, h_printf("episodes/%lld/decision", ep));

	fb_add(&f, "decision", decision);
	fb_date(&f, "decision_date", date);
	step_ok(sw(), child, page, page, &f, "decision");
}

static long long
strategy(long long child, const char *date, bool s47)
{
	struct fb f = { 0 };

	fb_date(&f, "held_date", date);
	fb_add(&f, "person_1_name", "Sam Patel");
	fb_add(&f, "person_1_agency", "Police");
	fb_add(&f, "person_1_role", "Detective constable");
	fb_add(&f, "person_2_name", "Jo Reed");
	fb_add(&f, "person_2_agency", "Health visiting");
	fb_add(&f, "s47", s47 ? "yes" : "no");
	fb_add(&f, "note", "Police and health agreed the concerns meet the "
	    "threshold.");
	step_ok(sw(), child, P(child, "strategy/new"), P(child,
	    "strategy/new"), &f, "strategy");
	return sql_int(H.db, "SELECT max(id) FROM strategy WHERE child_id = "
	    "%lld", child);
}

static long long
s47_start(long long child, const char *date)
{
	struct fb f = { 0 };

	fb_date(&f, "start_date", date);
	step_ok(sw(), child, P(child, "s47/new"), P(child, "s47/new"), &f,
	    "s47");
	return sql_int(H.db, "SELECT max(id) FROM s47 WHERE child_id = %lld",
	    child);
}

static void
s47_outcome(long long child, long long s, const char *outcome,
    const char *date)
{
	struct fb f = { 0 };
	const char *page = P(child, h_printf("s47/%lld/outcome", s));

	fb_add(&f, "outcome", outcome);
	fb_date(&f, "outcome_date", date);
	step_ok(sw(), child, page, page, &f, "s47-outcome");
}

/* A child at the point of an ICPC: referral, strategy, s47 (conference). */
static long long
child_awaiting_icpc(const char *given, const char *family,
    const char *referral_date, const char *outcome_date)
{
	long long c = new_child(given, family, "2019-04-10");
	long long ep = referral(c, referral_date);
	long long s;

	decide(c, ep, "strategy", referral_date);
	strategy(c, referral_date, true);
	s = s47_start(c, referral_date);
	s47_outcome(c, s, "conference", outcome_date);
	return c;
}

static void
icpc_fields(struct fb *f, long long child, const char *date,
    const char *decision, const char *category)
{
	fb_date(f, "held_date", date);
	fb_add(f, h_printf("decision_%lld", child), decision);
	if (category != NULL)
		fb_add(f, h_printf("category_%lld", child), category);
	fb_add(f, "note", "Parents attended with an advocate.");
}

static long long
open_plan(long long child, const char *kind)
{
	char *v = sql(H.db, "SELECT id FROM plan WHERE child_id = %lld AND "
	    "kind = %s AND end_date IS NULL", child, sql_quote(kind));

	return v != NULL && v[0] != '\0' ? strtoll(v, NULL, 10) : 0;
}

/* ------------------------------------------------------------ tests */

/* Referral to a CP plan, its core group, visits, two reviews and the step
 * down to a CIN plan; then the CIN plan's review, its end and the close. */
static void
test_cp_journey_end_to_end(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Maisie", "Journeyford", "2019-04-10");
	long long ep, st, s, conf, cp, cin;
	struct fb f;
	const char *rec = h_printf("/children/%lld", c);

	(void)state;
	/* The record offers a referral and nothing else of the journey. */
	get(a, "%s", rec);
	expect_status(a, 200);
	expect_body_has(a, "Child protection journey");
	expect_body_has(a, "No referral has been recorded");
	expect_body_has(a, P(c, "referrals/new"));
	expect_body_lacks(a, P(c, "strategy/new"));

	ep = referral(c, "2026-01-05");
	assert_int_equal(audit_rows(c, "create", h_printf("POST /children/"
	    "%lld/referrals/new", c)), 1);
	assert_string_equal(sql(H.db, "SELECT referral_date || '|' || "
	    "referral_source || '|' || primary_need || '|' || referral_reason "
	    "FROM cin_episode WHERE id = %lld", ep), "2026-01-05|3B|N1|The "
	    "health visitor saw bruising on the child's arm.");
	/* Undecided: the decision is the only next step, and it is late. */
	get(a, "%s", rec);
	expect_body_has(a, "Referral received on 5 January 2026: waiting for a "
	    "decision");
	expect_body_has(a, P(c, h_printf("episodes/%lld/decision", ep)));
	expect_body_lacks(a, P(c, "assessments/new"));
	expect_body_lacks(a, P(c, "strategy/new"));
	expect_body_lacks(a, P(c, "referrals/new\""));
	expect_body_has(a, "Overdue by ");

	decide(c, ep, "strategy", "2026-01-06");
	assert_string_equal(sql(H.db, "SELECT decision || '|' || decision_date "
	    "FROM cin_episode WHERE id = %lld", ep), "strategy|2026-01-06");
	assert_int_equal(audit_rows(c, "edit", h_printf("POST /children/%lld/"
	    "episodes/%lld/decision", c, ep)), 1);
	get(a, "%s", rec);
	expect_body_has(a, P(c, "strategy/new"));

	st = strategy(c, "2026-01-07", true);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM journey_person "
	    "WHERE owner_kind = 'strategy' AND owner_id = %lld", st), 2);
	assert_string_equal(sql(H.db, "SELECT group_concat(agency, ',') FROM "
	    "(SELECT agency FROM journey_person WHERE owner_kind = 'strategy' "
	    "AND owner_id = %lld ORDER BY id)", st), "Police,Health visiting");
	get(a, "%s", rec);
	expect_body_has(a, P(c, "s47/new"));

	s = s47_start(c, "2026-01-07");
	assert_int_equal(sql_int(H.db, "SELECT strategy_id FROM s47 WHERE id "
	    "= %lld", s), st);
	get(a, "%s", rec);
	expect_body_has(a, "Section 47 enquiry in progress since 7 January "
	    "2026");
	expect_body_has(a, P(c, h_printf("s47/%lld/outcome", s)));

	s47_outcome(c, s, "conference", "2026-01-16");
	get(a, "%s", rec);
	expect_body_has(a, "Waiting for an initial child protection "
	    "conference");
	expect_body_has(a, h_printf("/children/%lld/conferences/new?kind=icpc",
	    c));

	/* The ICPC: a plan starts on the conference date (2885). */
	memset(&f, 0, sizeof(f));
	icpc_fields(&f, c, "2026-01-21", "plan", "neglect");
	step_ok(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference");
	conf = sql_int(H.db, "SELECT max(conference_id) FROM conference_child "
	    "WHERE child_id = %lld", c);
	cp = open_plan(c, "cp");
	assert_true(cp > 0);
	assert_string_equal(sql(H.db, "SELECT start_date || '|' || "
	    "initial_category || '|' || conference_id FROM plan WHERE id = "
	    "%lld", cp), h_printf("2026-01-21|neglect|%lld", conf));
	assert_string_equal(sql(H.db, "SELECT held_date FROM conference WHERE "
	    "id = %lld", conf), "2026-01-21");
	assert_int_equal(sql_int(H.db, "SELECT plan_id FROM conference_child "
	    "WHERE conference_id = %lld AND child_id = %lld", conf, c), cp);
	get(a, "%s", rec);
	expect_body_has(a, "On a child protection plan since 21 January 2026 "
	    "(neglect)");
	expect_body_has(a, P(c, h_printf("plans/%lld/events/new?kind=visit",
	    cp)));
	expect_body_has(a, P(c, h_printf("plans/%lld/core-group", cp)));
	expect_body_has(a, h_printf("/children/%lld/conferences/new?kind="
	    "rcpc", c));
	expect_body_lacks(a, P(c, "s47/new"));
	/* The chronology links each step to its page. */
	expect_body_has(a, "Initial child protection conference held. "
	    "Decision: a child protection plan (category: Neglect).");
	expect_body_has(a, h_printf("href=\"/children/%lld/conferences/%lld\"",
	    c, conf));
	expect_body_has(a, h_printf("href=\"/children/%lld/plans/%lld\"", c,
	    cp));
	expect_body_has(a, h_printf("href=\"/children/%lld/strategy/%lld\"", c,
	    st));
	expect_body_has(a, h_printf("href=\"/children/%lld/s47/%lld\"", c, s));
	expect_body_has(a, h_printf("href=\"/children/%lld/episodes/%lld\"", c,
	    ep));
	get(a, "/children/%lld/conferences/%lld", c, conf);
	expect_status(a, 200);
	expect_body_has(a, "Initial child protection conference");
	expect_body_has(a, "Parents attended with an advocate.");

	/* The core group members (an editable list). */
	{
		const char *page = P(c, h_printf("plans/%lld/core-group", cp));

		memset(&f, 0, sizeof(f));
		fb_add(&f, "member_1_name", "Dee Jones");
		fb_add(&f, "member_1_agency", "Mother");
		fb_add(&f, "member_2_name", "Sam Patel");
		fb_add(&f, "member_2_agency", "Police");
		fb_add(&f, "member_2_role", "Detective constable");
		step_ok(a, c, page, page, &f, "core-group");
		assert_int_equal(sql_int(H.db, "SELECT count(*) FROM "
		    "journey_person WHERE owner_kind = 'core-group' AND "
		    "owner_id = %lld", cp), 2);
		/* The form shows them again, to change. */
		get(a, "%s", page);
		expect_status(a, 200);
		assert_string_equal(html_field(body(a), "member_2_name"),
		    "Sam Patel");
		memset(&f, 0, sizeof(f));
		fb_add(&f, "member_1_name", "Dee Jones");
		fb_add(&f, "member_1_agency", "Mother");
		fb_add(&f, "member_2_name", "");
		fb_add(&f, "member_2_agency", "");
		fb_add(&f, "member_2_role", "");
		step_ok(a, c, page, page, &f, "core-group");
		assert_string_equal(sql(H.db, "SELECT group_concat(name) FROM "
		    "journey_person WHERE owner_kind = 'core-group' AND "
		    "owner_id = %lld", cp), "Dee Jones");
	}

	/* A visit (child seen alone) and a core group meeting. */
	{
		const char *visit = P(c, h_printf("plans/%lld/events/new?kind="
		    "visit", cp));
		const char *cg = P(c, h_printf("plans/%lld/events/new?kind="
		    "core-group", cp));
		const char *action = P(c, h_printf("plans/%lld/events/new",
		    cp));

		memset(&f, 0, sizeof(f));
		fb_date(&f, "held_date", "2026-01-23");
		fb_add(&f, "seen", "alone");
		fb_add(&f, "note", "Maisie showed me her room.");
		step_ok(a, c, visit, action, &f, "event");
		assert_string_equal(sql(H.db, "SELECT kind || '|' || held_date "
		    "|| '|' || seen || seen_alone FROM plan_event WHERE "
		    "plan_id = %lld", cp), "visit|2026-01-23|11");
		memset(&f, 0, sizeof(f));
		fb_date(&f, "held_date", "2026-01-28");
		step_ok(a, c, cg, action, &f, "event");
		assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan_event "
		    "WHERE plan_id = %lld AND kind = 'core-group'", cp), 1);
		get(a, "%s", rec);
		expect_body_has(a, "Statutory visit. The child was seen alone.");
		expect_body_has(a, "Core group meeting.");
		get(a, "/children/%lld/plans/%lld", c, cp);
		expect_status(a, 200);
		expect_body_has(a, "Seen alone");
		expect_body_has(a, "Dee Jones");
	}

	/* First review: the plan continues under a new category. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-04-15");
	fb_add(&f, h_printf("decision_%lld", c), "continue");
	fb_add(&f, h_printf("category_%lld", c), "emotional");
	step_ok(a, c, P(c, "conferences/new?kind=rcpc"), P(c,
	    "conferences/new"), &f, "conference");
	assert_string_equal(sql(H.db, "SELECT latest_category FROM plan WHERE "
	    "id = %lld", cp), "emotional");
	get(a, "%s", rec);
	expect_body_has(a, "On a child protection plan since 21 January 2026 "
	    "(emotional abuse)");

	/* Second review: the plan ends and steps down to a CIN plan. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-10-14");
	fb_add(&f, h_printf("decision_%lld", c), "end");
	fb_add(&f, h_printf("category_%lld", c), "");
	fb_add(&f, h_printf("end_reason_%lld", c), "no-longer-at-risk");
	fb_add(&f, h_printf("step_down_%lld", c), "yes");
	step_ok(a, c, P(c, "conferences/new?kind=rcpc"), P(c,
	    "conferences/new"), &f, "conference");
	assert_string_equal(sql(H.db, "SELECT end_date || '|' || end_reason "
	    "FROM plan WHERE id = %lld", cp), "2026-10-14|no-longer-at-risk");
	cin = open_plan(c, "cin");
	assert_true(cin > 0);
	assert_string_equal(sql(H.db, "SELECT start_date FROM plan WHERE id = "
	    "%lld", cin), "2026-10-14");
	get(a, "%s", rec);
	expect_body_has(a, "On a child in need plan since 14 October 2026");
	expect_body_lacks(a, "On a child protection plan since");
	expect_body_has(a, "Child protection plan ended (No longer at "
	    "continuing risk of significant harm).");
	expect_body_has(a, P(c, h_printf("plans/%lld/events/new?kind="
	    "cin-review", cin)));

	/* The CIN plan: a review and a visit, then its end and the close. */
	{
		const char *action = P(c, h_printf("plans/%lld/events/new",
		    cin));
		const char *end = P(c, h_printf("plans/%lld/end", cin));
		const char *close = P(c, h_printf("episodes/%lld/close", ep));

		memset(&f, 0, sizeof(f));
		fb_date(&f, "held_date", "2026-11-04");
		step_ok(a, c, P(c, h_printf("plans/%lld/events/new?kind="
		    "cin-review", cin)), action, &f, "event");
		memset(&f, 0, sizeof(f));
		fb_date(&f, "held_date", "2026-11-05");
		fb_add(&f, "seen", "yes");
		step_ok(a, c, P(c, h_printf("plans/%lld/events/new?kind=visit",
		    cin)), action, &f, "event");
		assert_string_equal(sql(H.db, "SELECT group_concat(kind || "
		    "seen || seen_alone) FROM (SELECT * FROM plan_event WHERE "
		    "plan_id = %lld ORDER BY held_date)", cin),
		    "cin-review00,visit10");
		memset(&f, 0, sizeof(f));
		fb_date(&f, "end_date", "2026-11-18");
		step_ok(a, c, end, end, &f, "plan-ended");
		assert_int_equal(open_plan(c, "cin"), 0);
		memset(&f, 0, sizeof(f));
		fb_date(&f, "closure_date", "2026-11-19");
		fb_add(&f, "closure_reason", "RC7");
		step_ok(a, c, close, close, &f, "closed");
		assert_string_equal(sql(H.db, "SELECT closure_date || '|' || "
		    "closure_reason FROM cin_episode WHERE id = %lld", ep),
		    "2026-11-19|RC7");
	}
	get(a, "%s", rec);
	expect_body_has(a, "Not open to children&#39;s social care");
	expect_body_has(a, P(c, "referrals/new"));
	/* Every step wrote its audit row: 16 steps, and the child's record
	 * itself. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_kind = 'child' AND subject_id = %lld AND action IN "
	    "('create', 'edit')", c), 17);
}

/* Decision: assessment; the assessment started and authorised with its
 * factors; the CIN plan it leads to; and an NFA referral closing. */
static void
test_assessment_to_cin_plan(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Oscar", "Assessworth", "2017-09-02");
	long long ep, as, cin;
	struct fb f = { 0 };
	const char *rec = h_printf("/children/%lld", c);

	(void)state;
	ep = referral(c, "2026-02-02");
	decide(c, ep, "assessment", "2026-02-03");
	get(a, "%s", rec);
	expect_body_has(a, P(c, "assessments/new"));
	fb_date(&f, "start_date", "2026-02-04");
	step_ok(a, c, P(c, "assessments/new"), P(c, "assessments/new"), &f,
	    "assessment");
	as = sql_int(H.db, "SELECT max(id) FROM assessment WHERE child_id = "
	    "%lld", c);
	get(a, "%s", rec);
	expect_body_has(a, "Child and family assessment in progress since 4 "
	    "February 2026");
	expect_body_has(a, P(c, h_printf("assessments/%lld/authorise", as)));

	/* Authorise: a date, the factors (checkboxes) and the outcome. */
	{
		const char *page = P(c, h_printf("assessments/%lld/authorise",
		    as));
		const char *nm[16], *vl[16];
		int k = 0;

		get(a, "%s", page);
		expect_status(a, 200);
		expect_body_has(a, "name=\"factors\" value=\"1A\"");
		nm[k] = "csrf";
		vl[k++] = page_csrf(a);
		nm[k] = "version";
		vl[k++] = html_field(body(a), "version");
		nm[k] = "authorised_date-day";
		vl[k++] = "20";
		nm[k] = "authorised_date-month";
		vl[k++] = "3";
		nm[k] = "authorised_date-year";
		vl[k++] = "2026";
		nm[k] = "factors";
		vl[k++] = "2B";
		nm[k] = "factors";
		vl[k++] = "3A";
		nm[k] = "outcome";
		vl[k++] = "cin-plan";
		post_formv(a, page, k, nm, vl);
		expect_redirect(a, h_printf("/children/%lld?saved=authorised"
		    "#journey", c));
		assert_string_equal(sql(H.db, "SELECT authorised_date || '|' "
		    "|| outcome FROM assessment WHERE id = %lld", as),
		    "2026-03-20|cin-plan");
		assert_string_equal(sql(H.db, "SELECT group_concat(code) FROM "
		    "(SELECT code FROM assessment_factor WHERE assessment_id = "
		    "%lld ORDER BY code)", as), "2B,3A");
	}
	get(a, "%s", rec);
	expect_body_has(a, "Child and family assessment authorised. Outcome: ");
	expect_body_has(a, P(c, "plans/new"));
	memset(&f, 0, sizeof(f));
	fb_date(&f, "start_date", "2026-03-23");
	step_ok(a, c, P(c, "plans/new"), P(c, "plans/new"), &f, "cin-plan");
	cin = open_plan(c, "cin");
	assert_string_equal(sql(H.db, "SELECT start_date FROM plan WHERE id = "
	    "%lld", cin), "2026-03-23");
	get(a, "/children/%lld/assessments/%lld", c, as);
	expect_status(a, 200);
	expect_body_has(a, "Drug misuse: parent or carer (2B)");

	/* A referral decided as no further action closes its episode. */
	{
		long long d = new_child("Nia", "Nofurther", "2016-01-15");
		long long e = referral(d, "2026-05-04");

		decide(d, e, "nfa", "2026-05-05");
		assert_string_equal(sql(H.db, "SELECT referral_nfa || '|' || "
		    "closure_date || '|' || closure_reason FROM cin_episode "
		    "WHERE id = %lld", e), "1|2026-05-05|RC8");
		get(a, "/children/%lld", d);
		expect_body_has(a, "Not open to children&#39;s social care");
		expect_body_has(a, "Decision on the referral: ");
	}
}

/* A looked-after episode with its review and visit and its end; a
 * transfer-in conference; a CP plan ended without a conference. */
static void
test_looked_after_transfer_in_and_plan_end(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Lola", "Carefield", "2015-06-30");
	long long ep, lac, cp;
	struct fb f = { 0 };

	(void)state;
	ep = referral(c, "2026-03-02");
	decide(c, ep, "assessment", "2026-03-02");
	fb_date(&f, "start_date", "2026-03-09");
	fb_add(&f, "legal_status", "C2");
	fb_add(&f, "placement", "U1");
	fb_add(&f, "long_term", "no");
	step_ok(a, c, P(c, "looked-after/new"), P(c, "looked-after/new"), &f,
	    "looked-after");
	lac = open_plan(c, "lac");
	assert_string_equal(sql(H.db, "SELECT start_date || legal_status || "
	    "placement || long_term FROM plan WHERE id = %lld", lac),
	    "2026-03-09C2U10");
	get(a, "/children/%lld", c);
	expect_body_has(a, "Looked after since 9 March 2026 (Full care order)");
	expect_body_has(a, P(c, h_printf("plans/%lld/events/new?kind="
	    "lac-review", lac)));
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-04-01");
	step_ok(a, c, P(c, h_printf("plans/%lld/events/new?kind=lac-review",
	    lac)), P(c, h_printf("plans/%lld/events/new", lac)), &f, "event");
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-03-13");
	fb_add(&f, "seen", "alone");
	step_ok(a, c, P(c, h_printf("plans/%lld/events/new?kind=lac-visit",
	    lac)), P(c, h_printf("plans/%lld/events/new", lac)), &f, "event");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan_event WHERE "
	    "plan_id = %lld", lac), 2);
	memset(&f, 0, sizeof(f));
	fb_date(&f, "end_date", "2026-06-01");
	fb_add(&f, "lac_end_reason", "E13");
	step_ok(a, c, P(c, h_printf("plans/%lld/end", lac)), P(c,
	    h_printf("plans/%lld/end", lac)), &f, "plan-ended");
	assert_string_equal(sql(H.db, "SELECT end_date || '|' || end_reason "
	    "FROM plan WHERE id = %lld", lac), "2026-06-01|E13");
	get(a, "/children/%lld", c);
	expect_body_has(a, "Stopped being looked after. Reason: ");

	/* Transfer-in: notified, held, a plan from the conference date. */
	{
		long long t = new_child("Theo", "Movedin", "2018-02-11");
		long long te = referral(t, "2026-02-02");

		decide(t, te, "assessment", "2026-02-02");
		memset(&f, 0, sizeof(f));
		fb_date(&f, "notified_date", "2026-02-03");
		fb_date(&f, "held_date", "2026-02-17");
		fb_add(&f, h_printf("decision_%lld", t), "plan");
		fb_add(&f, h_printf("category_%lld", t), "physical");
		step_ok(a, t, P(t, "conferences/new?kind=transfer-in"), P(t,
		    "conferences/new"), &f, "conference");
		cp = open_plan(t, "cp");
		assert_string_equal(sql(H.db, "SELECT c.kind || '|' || "
		    "c.notified_date || '|' || p.start_date FROM plan p JOIN "
		    "conference c ON c.id = p.conference_id WHERE p.id = %lld",
		    cp), "transfer-in|2026-02-03|2026-02-17");
		/* Ending it without a conference: moved away. */
		get(a, "/children/%lld/plans/%lld/end", t, cp);
		expect_status(a, 200);
		expect_body_lacks(a, "value=\"no-longer-at-risk\"");
		memset(&f, 0, sizeof(f));
		fb_date(&f, "end_date", "2026-05-29");
		fb_add(&f, "end_reason", "moved-la");
		step_ok(a, t, P(t, h_printf("plans/%lld/end", cp)), P(t,
		    h_printf("plans/%lld/end", cp)), &f, "plan-ended");
		assert_string_equal(sql(H.db, "SELECT end_date || '|' || "
		    "end_reason FROM plan WHERE id = %lld", cp),
		    "2026-05-29|moved-la");
		/* "no longer at risk" needs a conference. */
		assert_int_equal(open_plan(t, "cp"), 0);
	}
}

/* Two children of one household discussed at one ICPC. */
static void
test_joint_conference(void **state)
{
	struct agent *a = sw();
	long long c1 = child_awaiting_icpc("Ava", "Sharedhome", "2026-06-01",
	    "2026-06-12");
	long long c2 = child_awaiting_icpc("Ben", "Sharedhome", "2026-06-01",
	    "2026-06-12");
	long long hh, conf;
	struct fb f = { 0 };

	(void)state;
	sql_all(H.db, "INSERT INTO household (name) VALUES ('Sharedhome "
	    "household')");
	hh = sql_int(H.db, "SELECT max(id) FROM household");
	sql_all(H.db, "INSERT INTO household_member (household_id, person_id, "
	    "start_date) VALUES (%lld, %lld, '2019-05-01'), (%lld, %lld, "
	    "'2019-05-01')", hh, c1, hh, c2);
	get(a, "/children/%lld/conferences/new?kind=icpc", c1);
	expect_status(a, 200);
	expect_body_has(a, h_printf("name=\"children\" value=\"%lld\"", c2));
	expect_body_has(a, "Ben Sharedhome");
	expect_body_has(a, h_printf("name=\"decision_%lld\"", c2));

	/* A decision for the sibling is needed when they are included. */
	icpc_fields(&f, c1, "2026-06-17", "plan", "neglect");
	fb_add(&f, "children", h_printf("%lld", c2));
	step_refused(a, c1, P(c1, "conferences/new?kind=icpc"), P(c1,
	    "conferences/new"), &f, "conference_child",
	    "Select what the conference decided for Ben Sharedhome");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan WHERE "
	    "child_id IN (%lld, %lld)", c1, c2), 0);
	/* What was typed is kept. */
	{
		char *v = html_field(body(a), "held_date-day");

		assert_non_null(v);
		assert_string_equal(v, "17");
		expect_body_has(a, h_printf("name=\"children\" value=\"%lld\" "
		    "checked", c2));
	}

	fb_add(&f, h_printf("decision_%lld", c2), "plan");
	fb_add(&f, h_printf("category_%lld", c2), "multiple");
	step_ok(a, c1, P(c1, "conferences/new?kind=icpc"), P(c1,
	    "conferences/new"), &f, "conference");
	conf = sql_int(H.db, "SELECT max(conference_id) FROM conference_child "
	    "WHERE child_id = %lld", c1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM conference_child "
	    "WHERE conference_id = %lld", conf), 2);
	assert_string_equal(sql(H.db, "SELECT start_date || initial_category "
	    "FROM plan WHERE child_id = %lld AND kind = 'cp'", c2),
	    "2026-06-17multiple");
	assert_string_equal(sql(H.db, "SELECT start_date || initial_category "
	    "FROM plan WHERE child_id = %lld AND kind = 'cp'", c1),
	    "2026-06-17neglect");
	get(a, "/children/%lld/conferences/%lld", c2, conf);
	expect_status(a, 200);
	expect_body_has(a, "Ava Sharedhome");
	expect_body_has(a, "Multiple categories");
}

/* Steps out of order and dated before what they follow are refused with
 * the core's message, the input kept and nothing saved. */
static void
test_refused_out_of_order(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Ruby", "Outoforder", "2018-03-03");
	long long ep;
	struct fb f = { 0 };

	(void)state;
	/* Nothing can be recorded before a referral. */
	fb_date(&f, "held_date", "2026-01-13");
	fb_add(&f, "person_1_name", "Sam Patel");
	fb_add(&f, "person_1_agency", "Police");
	fb_add(&f, "s47", "yes");
	step_refused(a, c, P(c, "strategy/new"), P(c, "strategy/new"), &f,
	    "strategy", "record the referral first");
	ep = referral(c, "2026-01-12");
	/* ... nor before its decision. */
	step_refused(a, c, P(c, "strategy/new"), P(c, "strategy/new"), &f,
	    "strategy", "Record the decision on the referral first");
	assert_string_equal(html_field(body(a), "person_1_agency"), "Police");

	/* A decision is chosen, and not before the referral. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "decision_date", "2026-01-12");
	step_refused(a, c, P(c, h_printf("episodes/%lld/decision", ep)),
	    P(c, h_printf("episodes/%lld/decision", ep)), &f, "cin_episode",
	    "Select what was decided");
	expect_body_has(a, "href=\"#decision\"");
	fb_add(&f, "decision", "assessment");
	fb_date(&f, "decision_date", "2026-01-09");
	step_refused(a, c, P(c, h_printf("episodes/%lld/decision", ep)),
	    P(c, h_printf("episodes/%lld/decision", ep)), &f, "cin_episode",
	    "2026-01-09");
	expect_body_has(a, "href=\"#decision_date\"");
	assert_null(sql(H.db, "SELECT decision FROM cin_episode WHERE id = "
	    "%lld", ep));
	decide(c, ep, "assessment", "2026-01-12");

	/* An assessment dated before the referral. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "start_date", "2025-12-01");
	step_refused(a, c, P(c, "assessments/new"), P(c, "assessments/new"),
	    &f, "assessment", "2025-12-01");
	/* An impossible date. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "start_date-day", "31");
	fb_add(&f, "start_date-month", "2");
	fb_add(&f, "start_date-year", "2026");
	step_refused(a, c, P(c, "assessments/new"), P(c, "assessments/new"),
	    &f, "assessment", "must be a real date");
	expect_body_has(a, "href=\"#start_date\"");
	expect_body_has(a, "id=\"start_date\" name=\"start_date-day\"");

	/* An s47 needs a strategy discussion that decided on one. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "start_date", "2026-01-14");
	step_refused(a, c, P(c, "s47/new"), P(c, "s47/new"), &f, "s47",
	    "strategy discussion");
	strategy(c, "2026-01-13", false);
	step_refused(a, c, P(c, "s47/new"), P(c, "s47/new"), &f, "s47",
	    "strategy discussion");
	/* An ICPC needs an s47 that decided on a conference. */
	memset(&f, 0, sizeof(f));
	icpc_fields(&f, c, "2026-01-21", "plan", "neglect");
	step_refused(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference_child", "section 47");
	/* A review needs an open plan. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-01-21");
	fb_add(&f, h_printf("decision_%lld", c), "continue");
	fb_add(&f, h_printf("category_%lld", c), "neglect");
	step_refused(a, c, P(c, "conferences/new?kind=rcpc"), P(c,
	    "conferences/new"), &f, "conference_child", "open child "
	    "protection plan");
	/* A strategy discussion with an agency missing for a person. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-01-15");
	fb_add(&f, "person_1_name", "Sam Patel");
	fb_add(&f, "person_1_agency", "Police");
	fb_add(&f, "person_2_name", "Jo Reed");
	fb_add(&f, "s47", "yes");
	step_refused(a, c, P(c, "strategy/new"), P(c, "strategy/new"), &f,
	    "strategy", "Give the agency Jo Reed is from");
	expect_body_has(a, "href=\"#person_2_agency\"");
	assert_string_equal(html_field(body(a), "person_2_name"), "Jo Reed");
	/* "Add more rows" shows more rows and saves nothing. */
	{
		long long before = sql_int(H.db, "SELECT count(*) FROM strategy "
		    "WHERE child_id = %lld", c);

		fb_add(&f, "more", "rows");
		submit(a, P(c, "strategy/new"), P(c, "strategy/new"), &f);
		expect_status(a, 200);
		expect_body_has(a, "name=\"person_12_name\"");
		assert_string_equal(html_field(body(a), "person_1_name"),
		    "Sam Patel");
		assert_int_equal(sql_int(H.db, "SELECT count(*) FROM strategy "
		    "WHERE child_id = %lld", c), before);
	}
}

/* Dates a conference and plans may not have. */
static void
test_refused_dates(void **state)
{
	struct agent *a = sw();
	long long c = child_awaiting_icpc("Ivy", "Boxingday", "2025-12-01",
	    "2025-12-12");
	long long cp;
	struct fb f = { 0 };

	(void)state;
	/* 8875: not on a Saturday, nor on a bank holiday (Boxing Day). */
	icpc_fields(&f, c, "2025-12-20", "plan", "neglect");
	step_refused(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference_child", "is a Saturday; "
	    "conferences are held on working days");
	expect_body_has(a, "href=\"#held_date\"");
	icpc_fields(&f, c, "2025-12-26", "plan", "neglect");
	step_refused(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference_child", "is a bank holiday "
	    "(Boxing Day)");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan WHERE "
	    "child_id = %lld", c), 0);
	/* A plan decision needs a category. */
	memset(&f, 0, sizeof(f));
	icpc_fields(&f, c, "2025-12-29", "plan", NULL);
	step_refused(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference_child", "category");
	expect_body_has(a, h_printf("href=\"#category_%lld\"", c));
	/* A conference in the future. */
	memset(&f, 0, sizeof(f));
	icpc_fields(&f, c, "2031-03-04", "plan", "neglect");
	step_refused(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference_child", "2031-03-04");

	memset(&f, 0, sizeof(f));
	icpc_fields(&f, c, "2025-12-29", "plan", "sexual");
	step_ok(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference");
	cp = open_plan(c, "cp");
	/* The plan starts on the conference date, whatever else is sent:
	 * the form has no start date of its own. */
	assert_string_equal(sql(H.db, "SELECT start_date FROM plan WHERE id = "
	    "%lld", cp), "2025-12-29");
	get(a, "/children/%lld/conferences/new?kind=icpc", c);
	expect_body_lacks(a, "start_date");

	/* 4001: no CIN plan beside the CP plan. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "start_date", "2026-01-05");
	step_refused(a, c, P(c, "plans/new"), P(c, "plans/new"), &f, "plan",
	    "would run alongside the child protection plan");
	assert_int_equal(open_plan(c, "cin"), 0);

	/* 8841: a review is after the plan's start. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2025-12-29");
	fb_add(&f, h_printf("decision_%lld", c), "continue");
	fb_add(&f, h_printf("category_%lld", c), "sexual");
	step_refused(a, c, P(c, "conferences/new?kind=rcpc"), P(c,
	    "conferences/new"), &f, "conference_child", "must be after the "
	    "plan started on 2025-12-29");
	fb_date(&f, "held_date", "2025-12-24");
	step_refused(a, c, P(c, "conferences/new?kind=rcpc"), P(c,
	    "conferences/new"), &f, "conference_child", "must be after the "
	    "plan started");
	/* A visit before the plan started. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2025-12-22");
	fb_add(&f, "seen", "no");
	step_refused(a, c, P(c, h_printf("plans/%lld/events/new?kind=visit",
	    cp)), P(c, h_printf("plans/%lld/events/new", cp)), &f,
	    "plan_event", "2025-12-22");
	/* A visit must say whether the child was seen. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "held_date", "2026-01-06");
	step_refused(a, c, P(c, h_printf("plans/%lld/events/new?kind=visit",
	    cp)), P(c, h_printf("plans/%lld/events/new", cp)), &f,
	    "plan_event", "Select whether the child was seen");
	/* Ending a plan without a conference needs a no-judgement reason. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "end_date", "2026-01-06");
	fb_add(&f, "end_reason", "no-longer-at-risk");
	step_refused(a, c, P(c, h_printf("plans/%lld/end", cp)), P(c,
	    h_printf("plans/%lld/end", cp)), &f, "plan",
	    "Select why the plan ended");
	assert_int_equal(open_plan(c, "cp"), cp);
	/* The episode cannot close with the plan open. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "closure_date", "2026-01-06");
	fb_add(&f, "closure_reason", "RC7");
	{
		long long ep = sql_int(H.db, "SELECT max(id) FROM cin_episode "
		    "WHERE child_id = %lld", c);

		step_refused(a, c, P(c, h_printf("episodes/%lld/close", ep)),
		    P(c, h_printf("episodes/%lld/close", ep)), &f, "plan",
		    "");
		assert_null(sql(H.db, "SELECT closure_date FROM cin_episode "
		    "WHERE id = %lld", ep));
	}
}

/* Two people change the same core group: the second is told who saved
 * first, keeps what they typed, and saves nothing; deciding a referral
 * twice is refused. */
static void
test_conflict(void **state)
{
	struct agent *a = sw();
	struct agent *b = agent_as(h_username("team_manager"));
	long long c = child_awaiting_icpc("Cleo", "Twosaves", "2026-07-06",
	    "2026-07-10");
	long long cp, ep;
	const char *page;
	struct fb fa = { 0 }, fbb = { 0 };
	char *va, *vb;

	(void)state;
	get(b, "/children/%lld", c);
	if (b->status != 200)
		skip();	/* the manager is not in the social worker's team */
	icpc_fields(&fa, c, "2026-07-15", "plan", "physical");
	step_ok(a, c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &fa, "conference");
	cp = open_plan(c, "cp");
	page = P(c, h_printf("plans/%lld/core-group", cp));
	get(a, "%s", page);
	va = html_field(body(a), "version");
	get(b, "%s", page);
	vb = html_field(body(b), "version");
	assert_string_equal(va, vb);
	memset(&fa, 0, sizeof(fa));
	fb_add(&fa, "member_1_name", "Dee Jones");
	fb_add(&fa, "member_1_agency", "Mother");
	submit(a, page, page, &fa);
	expect_status(a, 303);
	fb_add(&fbb, "version", vb);
	fb_add(&fbb, "member_1_name", "Kim Lowe");
	fb_add(&fbb, "member_1_agency", "School");
	submit(b, page, page, &fbb);
	expect_status(b, 409);
	expect_body_has(b, "Someone else saved a change");
	expect_body_has(b, sql(H.db, "SELECT given_name || ' ' || family_name "
	    "FROM staff WHERE username = %s", sql_quote(h_username(
	    "social_worker"))));
	assert_string_equal(html_field(body(b), "member_1_name"), "Kim Lowe");
	assert_string_equal(sql(H.db, "SELECT group_concat(name) FROM "
	    "journey_person WHERE owner_kind = 'core-group' AND owner_id = "
	    "%lld", cp), "Dee Jones");
	/* Saving again from that page, knowing both, works: it carries
	 * the version saved first. */
	{
		struct hform again;

		if (!html_form_with(body(b), "member_1_name", page, &again))
			fail_msg("the 409 page has no core group form");
		assert_string_equal(hform_get(&again, "version"), h_printf(
		    "%lld", sql_int(H.db, "SELECT version FROM plan WHERE id "
		    "= %lld", cp)));
		hform_set(&again, "member_2_name", "Dee Jones");
		hform_set(&again, "member_2_agency", "Mother");
		post_hform(b, page, &again);
	}
	expect_redirect(b, h_printf("/children/%lld?saved=core-group#journey",
	    c));
	assert_string_equal(sql(H.db, "SELECT group_concat(name) FROM (SELECT "
	    "name FROM journey_person WHERE owner_kind = 'core-group' AND "
	    "owner_id = %lld ORDER BY id)", cp), "Kim Lowe,Dee Jones");

	/* A referral decided already cannot be decided again. */
	ep = sql_int(H.db, "SELECT max(id) FROM cin_episode WHERE child_id = "
	    "%lld", c);
	memset(&fa, 0, sizeof(fa));
	fb_add(&fa, "decision", "nfa");
	fb_date(&fa, "decision_date", "2026-07-07");
	step_refused(a, c, P(c, h_printf("episodes/%lld/decision", ep)),
	    P(c, h_printf("episodes/%lld/decision", ep)), &fa, "cin_episode",
	    "already decided");
	assert_string_equal(sql(H.db, "SELECT decision FROM cin_episode WHERE "
	    "id = %lld", ep), "strategy");
}

/* Every journey route, as GET and as POST. */
static const char *const routes[] = {
	"referrals/new", "episodes/%E", "episodes/%E/decision",
	"episodes/%E/close", "assessments/new", "assessments/%A",
	"assessments/%A/authorise", "strategy/new", "strategy/%S",
	"s47/new", "s47/%F", "s47/%F/outcome", "conferences/new?kind=icpc",
	"conferences/%C", "plans/new", "plans/%P", "plans/%P/end",
	"plans/%P/events/new?kind=visit", "plans/%P/core-group",
	"looked-after/new",
};

/* A route with the child's record ids put in. */
static const char *
route_for(const char *r, long long child, const long long ids[6])
{
	struct hbuf b = { 0 };

	hbuf_reset(&b);
	hbuf_add(&b, h_printf("/children/%lld/", child), strlen(h_printf(
	    "/children/%lld/", child)));
	for (const char *p = r; *p; p++) {
		const char *k = "EASFCP";
		const char *at = p[0] == '%' ? strchr(k, p[1]) : NULL;

		if (at != NULL && p[1] != '\0') {
			char *v = h_printf("%lld", ids[at - k]);

			hbuf_add(&b, v, strlen(v));
			p++;
		} else
			hbuf_add(&b, p, 1);
	}
	return h_keep(b.p);
}

/* The ids of a child with every kind of record: E A S F(s47) C P. */
static void
full_child(long long *child, long long ids[6])
{
	long long c = child_awaiting_icpc("Zara", "Everystep", "2026-08-03",
	    "2026-08-07");
	struct fb f = { 0 };

	icpc_fields(&f, c, "2026-08-12", "plan", "neglect");
	step_ok(sw(), c, P(c, "conferences/new?kind=icpc"), P(c,
	    "conferences/new"), &f, "conference");
	memset(&f, 0, sizeof(f));
	fb_date(&f, "start_date", "2026-08-04");
	step_ok(sw(), c, P(c, "assessments/new"), P(c, "assessments/new"), &f,
	    "assessment");
	*child = c;
	ids[0] = sql_int(H.db, "SELECT max(id) FROM cin_episode WHERE "
	    "child_id = %lld", c);
	ids[1] = sql_int(H.db, "SELECT max(id) FROM assessment WHERE child_id "
	    "= %lld", c);
	ids[2] = sql_int(H.db, "SELECT max(id) FROM strategy WHERE child_id = "
	    "%lld", c);
	ids[3] = sql_int(H.db, "SELECT max(id) FROM s47 WHERE child_id = %lld",
	    c);
	ids[4] = sql_int(H.db, "SELECT max(conference_id) FROM "
	    "conference_child WHERE child_id = %lld", c);
	ids[5] = open_plan(c, "cp");
}

/* The path without its query, for a POST. */
static const char *
no_query(const char *path)
{
	const char *q = strchr(path, '?');

	return q != NULL ? h_strndup(path, (size_t)(q - path)) : path;
}

/* Someone with no relationship to the child gets, on every route, the
 * 404 of a child that does not exist. */
static void
test_no_relationship_is_404(void **state)
{
	long long c, ids[6];
	struct h_user *u;
	struct agent *o;
	char *agency, *want, *csrf;
	size_t wlen;
	long long before, seen;

	(void)state;
	full_child(&c, ids);
	agency = sql(H.db, "SELECT a.name FROM agency a JOIN staff s ON "
	    "s.agency_id = a.id WHERE s.username = %s",
	    sql_quote(h_username("social_worker")));
	u = h_add_user("journey.outsider", "social_worker", agency, NULL);
	o = agent_as(u->username);
	csrf = agent_session_csrf(o);
	before = sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_id = "
	    "%lld AND username = %s", c, sql_quote(u->username));
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const char *path = route_for(routes[i], c, ids);
		const char *none = route_for(routes[i], NO_SUCH_CHILD, ids);
		long st;

		/* A page's own 404, with the session read (not the router's
		 * answer to an unknown path), the same as for no child. */
		get(o, "%s", none);
		expect_status(o, 404);
		expect_body_has(o, "Signed in as");
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		get(o, "%s", path);
		if (o->status != 404 || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("GET %s answered %ld, not the 404 of a missing "
			    "child:\n%.1500s", path, o->status, h_shown(o));
		/* The same for a POST (405 for the pages that are only
		 * shown, whatever the child). */
		post_form(o, no_query(none), "csrf", csrf, NULL);
		st = o->status;
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		assert_true(st == 404 || st == 405);
		post_form(o, no_query(path), "csrf", csrf, NULL);
		if (o->status != st || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("POST %s answered %ld, not the %ld of a "
			    "missing child:\n%.1500s", path, o->status, st,
			    h_shown(o));
	}
	/* Nothing of the child was shown to them or recorded as seen. */
	seen = sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_id = "
	    "%lld AND username = %s", c, sql_quote(u->username));
	assert_int_equal(seen, before);
}

/* A partner agency with a share may look at the steps but not record
 * any. */
static void
test_partner_cannot_record(void **state)
{
	const char *user = h_username("partner_practitioner");
	struct agent *p = agent_as(user);
	long long agency = sql_int(H.db, "SELECT agency_id FROM staff WHERE "
	    "username = %s", sql_quote(user));
	long long c, ids[6];
	long long rows;

	(void)state;
	full_child(&c, ids);
	sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
	    "start_date, reason) VALUES (%lld, %lld, " H_TODAY ", "
	    "'Strategy discussion: police share')", c, agency);
	get(p, "/children/%lld", c);
	expect_status(p, 200);
	expect_body_has(p, "Child protection journey");
	expect_body_has(p, "On a child protection plan since 12 August 2026");
	/* No links to record steps. */
	expect_body_lacks(p, "What can be recorded next");
	expect_body_lacks(p, P(c, "referrals/new"));
	get(p, "/children/%lld/plans/%lld", c, ids[5]);
	expect_status(p, 200);
	expect_body_lacks(p, "/events/new");
	get(p, "/children/%lld/episodes/%lld", c, ids[0]);
	expect_status(p, 200);
	rows = sql_int(H.db, "SELECT (SELECT count(*) FROM plan_event WHERE "
	    "child_id = %lld) + (SELECT count(*) FROM strategy WHERE child_id "
	    "= %lld) + (SELECT count(*) FROM plan WHERE child_id = %lld) + "
	    "(SELECT count(*) FROM cin_episode WHERE child_id = %lld)", c, c,
	    c, c);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const char *path = route_for(routes[i], c, ids);
		bool form = strstr(routes[i], "/new") != NULL ||
		    strstr(routes[i], "/decision") != NULL ||
		    strstr(routes[i], "/close") != NULL ||
		    strstr(routes[i], "/authorise") != NULL ||
		    strstr(routes[i], "/outcome") != NULL ||
		    strstr(routes[i], "/end") != NULL ||
		    strstr(routes[i], "/core-group") != NULL;

		if (form) {
			get(p, "%s", path);
			if (p->status != 403)
				fail_msg("GET %s answered %ld to a partner, not "
				    "403", path, p->status);
		} else {
			get(p, "%s", path);
			expect_status(p, 200);
		}
	}
	/* A visit posted anyway is refused and not saved. */
	post_form(p, P(c, h_printf("plans/%lld/events/new", ids[5])), "csrf",
	    agent_session_csrf(p), "kind", "visit", "held_date-day", "13",
	    "held_date-month", "8", "held_date-year", "2026", "seen", "alone",
	    NULL);
	expect_status(p, 403);
	post_form(p, P(c, "referrals/new"), "csrf", agent_session_csrf(p),
	    "referral_date-day", "13", "referral_date-month", "8",
	    "referral_date-year", "2026", NULL);
	expect_status(p, 403);
	assert_int_equal(sql_int(H.db, "SELECT (SELECT count(*) FROM "
	    "plan_event WHERE child_id = %lld) + (SELECT count(*) FROM "
	    "strategy WHERE child_id = %lld) + (SELECT count(*) FROM plan "
	    "WHERE child_id = %lld) + (SELECT count(*) FROM cin_episode WHERE "
	    "child_id = %lld)", c, c, c, c), rows);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND username = %s AND action IN ('create', "
	    "'edit')", c, sql_quote(user)), 0);
}

/* A form the pages never send is refused as a bad request. */
static void
test_unknown_field(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Una", "Unknownfield", "2018-01-01");
	struct fb f = { 0 };

	(void)state;
	fb_date(&f, "referral_date", "2026-01-05");
	fb_add(&f, "referral_source", "3B");
	fb_add(&f, "primary_need", "N1");
	fb_add(&f, "reason", "Concerns.");
	fb_add(&f, "is_admin", "1");
	submit(a, P(c, "referrals/new"), P(c, "referrals/new"), &f);
	expect_status(a, 400);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM cin_episode WHERE "
	    "child_id = %lld", c), 0);
	/* A kind of conference or visit that does not exist. */
	get(a, "/children/%lld/conferences/new?kind=party", c);
	expect_status(a, 404);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_cp_journey_end_to_end),
		H_TEST(test_assessment_to_cin_plan),
		H_TEST(test_looked_after_transfer_in_and_plan_end),
		H_TEST(test_joint_conference),
		H_TEST(test_refused_out_of_order),
		H_TEST(test_refused_dates),
		H_TEST(test_conflict),
		H_TEST(test_no_relationship_is_404),
		H_TEST(test_partner_cannot_record),
		H_TEST(test_unknown_field),
	};

	return H_RUN(tests, h_setup);
}
