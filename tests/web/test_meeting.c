/*
 * test_meeting.c: a child protection conference as a meeting (issue 5),
 * through its real pages over HTTP.
 *
 * The whole of an initial conference: the social worker books it from the
 * child's record with a chair who has no allocation; invites a parent, a
 * network member and two agencies, one with a partner-agency account; the
 * partner signs in, sees only the conference's outline and writes their
 * own report (never the other agency's, the map or the record); the
 * social worker writes the other report and records both as shared with
 * the family, and the warning about unshared reports goes; the child
 * (over 10) is offered an advocate; the chair, through chairing alone,
 * records attendance, views, the decision (a plan, a category, dissent),
 * the plan in the family's words too (checked for plain language), the
 * minutes; both versions of both documents download as PDFs; sending is
 * recorded against 72 hours; a parent's feedback is recorded.
 *
 * Refusals show the GOV.UK error summary naming each field and save
 * nothing: impossible dates and times, a Saturday, a review for a child
 * with no plan, a decision the journey's rules refuse (a plan with no
 * category), an action due before the conference, a stale version (409
 * saying whose save came first).  Someone with no relationship to the
 * children, and a partner who is not invited, get on every route the
 * byte-identical 404 of a conference that does not exist; an invited
 * partner can post nothing but their own agency's report.  Views, edits
 * and downloads leave audit rows.
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
#include "store/store_journey.h"
#include "core/banned.h"

#define NO_SUCH 987654321LL

static struct {
	bool done;
	int64_t team, other_team;
	char sw[32], chair[32], outsider[32], partner[32], partner2[32];
	int64_t sw_id, chair_id, partner_id;
	char agency_a[128], agency_c[128];
	long long agency_a_id;
	int64_t mia, noah, ivy;		/* children ready for an ICPC */
	long long meeting;		/* the flow's conference */
	long long inv_parent, inv_network, inv_a, inv_b;
	long long rep_a, rep_b;
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

/* A referral decided for a strategy discussion, the discussion deciding
 * on an s47 enquiry, and the enquiry ending in an initial conference: the
 * child is then waiting for their ICPC. */
static void
ready_for_icpc(int64_t child)
{
	struct journey_ctx c = ctx();
	struct strategy *s = calloc(1, sizeof(*s));
	struct cin_episode ep;
	struct referral r;
	struct intervals iv;
	struct s47 e;
	struct hdiag d;
	enum herr x;
	hday ref = js_wd(-20);

	assert_non_null(s);
	hdiag_clear(&d);
	cin_episode_init(&ep);
	ep.child_id = child;
	ep.referral_date = ref;
	snprintf(ep.referral_source, sizeof(ep.referral_source), "3E");
	snprintf(ep.primary_need, sizeof(ep.primary_need), "N1");
	start();
	x = record_cin_episode_add(js_st, &ep, js_today(), &d);
	if (x == HERR_OK)
		x = store_intervals_get(js_st, &iv, &d);
	if (x == HERR_OK)
		x = record_due_refresh(js_st, child, &iv, &d);
	finish("referral", x, &d);
	memset(&r, 0, sizeof(r));
	r.episode_id = ep.id;
	r.contact_date = HDAY_NONE;
	snprintf(r.reason, sizeof(r.reason), "Bruising seen at school");
	r.decision = DECISION_STRATEGY;
	r.decision_date = ref;
	start();
	finish("decision", record_referral_decide(js_st, child, &r,
	    version_of("cin_episode", ep.id), &c, &d), &d);
	s->child_id = child;
	s->episode_id = ep.id;
	s->held_date = js_add(ref, 1);
	s->s47 = true;
	snprintf(s->people[0].name, sizeof(s->people[0].name), "Rhys Morgan");
	snprintf(s->people[0].agency, sizeof(s->people[0].agency), "Police");
	s->n_people = 1;
	start();
	finish("strategy", record_strategy_add(js_st, s, &c, &d), &d);
	memset(&e, 0, sizeof(e));
	e.child_id = child;
	e.episode_id = ep.id;
	e.strategy_id = s->id;
	e.start_date = js_add(ref, 1);
	e.outcome_date = HDAY_NONE;
	start();
	finish("s47", record_s47_start(js_st, &e, &c, &d), &d);
	e.outcome = S47_CONFERENCE;
	e.outcome_date = js_add(ref, 4);
	start();
	finish("s47 outcome", record_s47_outcome(js_st, &e, version_of("s47",
	    e.id), &c, &d), &d);
	free(s);
}

static void
fixture(void)
{
	char *a, *c;

	if (F.done)
		return;
	js_open();
	F.team = js_team("Meeting Test Team");
	F.other_team = js_team("Meeting Test Other Team");
	js_close();
	snprintf(F.sw, sizeof(F.sw), "mt.sw");
	snprintf(F.chair, sizeof(F.chair), "mt.chair");
	snprintf(F.outsider, sizeof(F.outsider), "mt.outsider");
	snprintf(F.partner, sizeof(F.partner), "mt.partner");
	snprintf(F.partner2, sizeof(F.partner2), "mt.partner2");
	F.sw_id = js_user(F.sw, "social_worker", F.team, "Sioned", "Worker");
	F.chair_id = js_user(F.chair, "cp_chair", 0, "Carys", "Chair");
	(void)js_user(F.outsider, "social_worker", F.other_team, "Owen",
	    "Outside");
	a = sql(H.db, "SELECT name FROM agency WHERE kind <> "
	    "'local_authority' ORDER BY id LIMIT 1");
	c = sql(H.db, "SELECT name FROM agency WHERE kind <> "
	    "'local_authority' ORDER BY id LIMIT 1 OFFSET 1");
	if (a == NULL || c == NULL)
		fail_msg("the demo has fewer than two partner agencies");
	snprintf(F.agency_a, sizeof(F.agency_a), "%s", a);
	snprintf(F.agency_c, sizeof(F.agency_c), "%s", c);
	F.agency_a_id = sql_int(H.db, "SELECT id FROM agency WHERE name = %s",
	    sql_quote(a));
	h_add_user(F.partner, "partner_practitioner", F.agency_a, NULL);
	h_add_user(F.partner2, "partner_practitioner", F.agency_c, NULL);
	F.partner_id = (int64_t)h_staff_id(F.partner);
	sql_all(H.db, "UPDATE staff SET given_name = 'Petra', family_name = "
	    "'Partner' WHERE username = 'mt.partner'");
	js_open();
	F.mia = js_child("MT0001", "Mia", "Meetingtest", F.sw_id);
	F.noah = js_child("MT0002", "Noah", "Meetingtest", F.sw_id);
	F.ivy = js_child("MT0003", "Ivy", "Meetingtest", F.sw_id);
	ready_for_icpc(F.mia);
	ready_for_icpc(F.noah);
	ready_for_icpc(F.ivy);
	js_close();
	F.done = true;
}

/* ------------------------------------------------------------ forms */

struct fb {
	const char *n[200];
	const char *v[200];
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
	if (f->k >= 200)
		fail_msg("fb_add: too many fields");
	f->n[f->k] = h_strdup(name);
	f->v[f->k] = h_strdup(value);
	f->k++;
}

/* A GOV.UK date input from a day number. */
static void
fb_day(struct fb *f, const char *name, hday day)
{
	int y, m, d;

	hdate_to_ymd(day, &y, &m, &d);
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

/* Open `page`, post its form (action `action`) as a browser would, with
 * f's fields typed over what the page filled in.  Returns the status. */
static long
submit(struct agent *a, const char *page, const char *action, struct fb *f)
{
	const char *n[260], *v[260];
	struct hform hf;
	int k = 0;

	get(a, "%s", page);
	expect_status(a, 200);
	if (!html_form_with(body(a), "csrf", action, &hf))
		fail_msg("%s has no form posting to %s:\n%.3000s", page, action,
		    h_shown(a));
	for (int i = 0; i < hf.n && k < 200; i++)
		if (!fb_has(f, hf.f[i].name)) {
			n[k] = hf.f[i].name;
			v[k++] = hf.f[i].value;
		}
	for (int i = 0; i < f->k && k < 260; i++) {
		n[k] = f->n[i];
		v[k++] = f->v[i];
	}
	return post_formv(a, action, k, n, v);
}

static long long
id_after(const char *loc, const char *prefix)
{
	size_t n = strlen(prefix);

	if (loc == NULL || strncmp(loc, prefix, n) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", loc ? loc :
		    "(none)", prefix);
	return strtoll(loc + n, NULL, 10);
}

static const char *
M(long long meeting, const char *tail)
{
	return h_printf("/conferences/%lld%s", meeting, tail);
}

/* Post and expect the redirect to the conference's page with ?saved=. */
static void
saved_ok(struct agent *a, long long meeting, const char *page,
    const char *action, struct fb *f, const char *saved, const char *anchor)
{
	submit(a, page, action, f);
	expect_redirect(a, h_printf("/conferences/%lld?saved=%s#%s", meeting,
	    saved, anchor));
}

/* Post a form that must be refused: `status`, the error summary with
 * `msg` linking to #field, and the count from `check` unchanged. */
static void
refused(struct agent *a, const char *page, const char *action, struct fb *f,
    int status, const char *field, const char *msg, const char *check)
{
	long long before = sql_int(H.db, "%s", check);
	long long audits = sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action IN ('create', 'edit')");

	submit(a, page, action, f);
	expect_status(a, status);
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "<title>Error: ");
	if (field != NULL)
		expect_body_has(a, h_printf("href=\"#%s\"", field));
	if (msg != NULL)
		expect_body_has(a, msg);
	assert_int_equal(sql_int(H.db, "%s", check), before);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action IN ('create', 'edit')"), audits);
}

static struct agent *
sw(void)
{
	return agent_as(F.sw);
}

static struct agent *
chair(void)
{
	return agent_as(F.chair);
}

static struct agent *
partner(void)
{
	return agent_as(F.partner);
}

/* The booking form filled in for an ICPC on `day` at 10:00. */
static void
booking(struct fb *f, const char *kind, hday day)
{
	fb_add(f, "kind", kind);
	fb_day(f, "date", day);
	fb_add(f, "time", "10:00");
	fb_add(f, "place", "Room 4, Civic Centre");
	fb_add(f, "chair_id", h_printf("%lld", (long long)F.chair_id));
}

static long long
book(struct agent *a, int64_t child, hday day)
{
	struct fb f = { 0 };
	const char *page = h_printf("/children/%lld/conferences/book",
	    (long long)child);

	booking(&f, "icpc", day);
	submit(a, page, page, &f);
	expect_status(a, 303);
	return id_after(agent_header(a, "Location"), "/conferences/");
}

static long long
meetings_of(int64_t child)
{
	return sql_int(H.db, "SELECT count(*) FROM meeting_child WHERE "
	    "child_id = %lld", (long long)child);
}

/* ============================================================ tests */

/* A booking that cannot be kept is refused, naming each field, and
 * nothing is saved. */
static void
test_booking_refused(void **state)
{
	struct agent *a;
	struct fb f = { 0 };
	const char *page, *check;
	hday sat = js_today();

	(void)state;
	fixture();
	a = sw();
	page = h_printf("/children/%lld/conferences/book", (long long)F.ivy);
	check = h_printf("SELECT count(*) FROM meeting_child WHERE child_id = "
	    "%lld", (long long)F.ivy);
	/* The record offers the booking. */
	get(a, "/children/%lld", (long long)F.ivy);
	expect_status(a, 200);
	expect_body_has(a, "id=\"conferences\"");
	expect_body_has(a, page);
	get(a, "%s", page);
	expect_status(a, 200);
	expect_body_has(a, "is waiting for an initial conference");
	/* An impossible date and time: both named, what was typed kept. */
	booking(&f, "icpc", js_wd(5));
	fb_add(&f, "date-day", "31");
	fb_add(&f, "date-month", "2");
	fb_add(&f, "time", "25:99");
	fb_add(&f, "place", "Kept place");
	refused(a, page, page, &f, 422, "date", "must be a real date", check);
	expect_body_has(a, "href=\"#time\"");
	expect_body_has(a, "Enter the start time as hours and minutes");
	expect_body_has(a, "value=\"Kept place\"");
	expect_body_has(a, "value=\"25:99\"");
	/* A Saturday. */
	while (!hdate_is_weekend(sat))
		sat++;
	memset(&f, 0, sizeof(f));
	booking(&f, "icpc", sat);
	refused(a, page, page, &f, 422, "date", "working days", check);
	/* A review for a child with no plan: the journey's rule. */
	memset(&f, 0, sizeof(f));
	booking(&f, "rcpc", js_wd(5));
	refused(a, page, page, &f, 422, "kind", "has no open child protection "
	    "plan to review", check);
	/* No place. */
	memset(&f, 0, sizeof(f));
	booking(&f, "icpc", js_wd(5));
	fb_add(&f, "place", "");
	refused(a, page, page, &f, 422, "place", NULL, check);
	assert_int_equal(meetings_of(F.ivy), 0);
	/* A field the form does not have. */
	memset(&f, 0, sizeof(f));
	booking(&f, "icpc", js_wd(5));
	fb_add(&f, "status", "held");
	submit(a, page, page, &f);
	expect_status(a, 400);
	assert_int_equal(meetings_of(F.ivy), 0);
}

/* Warnings on the conference page, as plain text. */
static bool
page_warns(struct agent *a, const char *what)
{
	const char *p = body(a);

	for (p = strstr(p, "govuk-warning-text__text"); p != NULL;
	    p = strstr(p + 1, "govuk-warning-text__text")) {
		const char *e = strstr(p, "</strong>");

		if (e != NULL && h_contains(p, (size_t)(e - p), what))
			return true;
	}
	return false;
}

static long long
invitee_id(long long meeting, const char *name)
{
	return sql_int(H.db, "SELECT id FROM meeting_invitee WHERE meeting_id "
	    "= %lld AND name = %s", meeting, sql_quote(name));
}

static void
invite(struct agent *a, long long meeting, const char *kind,
    const char *name, const char *role, const char *agency_id,
    const char *agency_other, const char *staff)
{
	struct fb f = { 0 };

	fb_add(&f, "kind", kind);
	fb_add(&f, "name", name);
	fb_add(&f, "role", role);
	fb_add(&f, "agency_id", agency_id);
	fb_add(&f, "agency_other", agency_other);
	fb_add(&f, "staff_id", staff);
	saved_ok(a, meeting, M(meeting, "/invitees/new"), M(meeting,
	    "/invitees/new"), &f, "meeting-invited", "invited");
}

/* Before the conference: booking, invitations, reports and sharing, the
 * child's participation. */
static void
test_before(void **state)
{
	struct agent *a, *p;
	struct fb f = { 0 };
	long long m, before;
	const char *page;

	(void)state;
	fixture();
	a = sw();
	m = F.meeting = book(a, F.mia, js_wd(5));
	expect_redirect(a, h_printf("/conferences/%lld?saved=meeting-booked"
	    "#before", m));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting WHERE id "
	    "= %lld AND status = 'booked' AND chair_id = %lld AND minute = "
	    "600", m, (long long)F.chair_id), 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'create' AND subject_kind = 'child' AND subject_id = "
	    "%lld AND route = 'POST /children/%lld/conferences/book'",
	    (long long)F.mia, (long long)F.mia), 1);
	get(a, "/conferences/%lld?saved=meeting-booked", m);
	expect_status(a, 200);
	expect_body_has(a, "Conference booked");
	expect_body_has(a, "Initial child protection conference");
	expect_body_has(a, "govuk-task-list");
	expect_body_has(a, "Before the conference");
	expect_body_has(a, "At the conference");
	expect_body_has(a, "After the conference");
	expect_body_has(a, "Carys Chair");
	if (!page_warns(a, "No family member is invited yet"))
		fail_msg("no warning about the family:\n%.3000s", h_shown(a));
	if (!page_warns(a, "no offer of an independent advocate"))
		fail_msg("no warning about the advocate:\n%.3000s", h_shown(a));
	/* The child's record lists it. */
	get(a, "/children/%lld", (long long)F.mia);
	expect_status(a, 200);
	expect_body_has(a, h_printf("href=\"/conferences/%lld\"", m));

	/* Invitations: an impossible date refused, then four people. */
	page = M(m, "/invitees/new");
	fb_add(&f, "kind", "family");
	fb_add(&f, "name", "Laura Meetingtest");
	fb_add(&f, "invited_on-day", "32");
	refused(a, page, page, &f, 422, "invited_on", "must be a real date",
	    h_printf("SELECT count(*) FROM meeting_invitee WHERE meeting_id = "
	    "%lld", m));
	memset(&f, 0, sizeof(f));
	fb_add(&f, "kind", "agency");
	fb_add(&f, "name", "Nobody");
	refused(a, page, page, &f, 422, "agency_id", NULL,
	    h_printf("SELECT count(*) FROM meeting_invitee WHERE meeting_id = "
	    "%lld", m));
	invite(a, m, "family", "Laura Meetingtest", "Mother", "", "", "");
	invite(a, m, "network", "Pete Meetingtest", "Grandfather", "", "", "");
	invite(a, m, "agency", "Petra Partner", "Police officer",
	    h_printf("%lld", F.agency_a_id), "", h_printf("%lld",
	    (long long)F.partner_id));
	invite(a, m, "agency", "Huw Head", "Head teacher", "",
	    "Riverside Primary School", "");
	F.inv_parent = invitee_id(m, "Laura Meetingtest");
	F.inv_network = invitee_id(m, "Pete Meetingtest");
	F.inv_a = invitee_id(m, "Petra Partner");
	F.inv_b = invitee_id(m, "Huw Head");
	assert_int_equal(sql_int(H.db, "SELECT staff_id FROM meeting_invitee "
	    "WHERE id = %lld", F.inv_a), F.partner_id);
	get(a, "/conferences/%lld", m);
	expect_status(a, 200);
	if (!page_warns(a, "No report yet from Riverside Primary School"))
		fail_msg("no warning of the missing report:\n%.3000s",
		    h_shown(a));
	if (page_warns(a, "No family member is invited yet"))
		fail_msg("the family warning stayed");

	/* The chair's view: the conference, its reports missing. */
	get(chair(), "/conferences");
	expect_status(chair(), 200);
	expect_body_has(chair(), "Conferences you chair in the next 8 weeks");
	expect_body_has(chair(), h_printf("href=\"/conferences/%lld\"", m));
	expect_body_has(chair(), "0 of 2 in");
	expect_body_has(chair(), "1 not offered");

	/* The partner: the outline and their own report only. */
	p = partner();
	get(p, "/conferences");
	expect_status(p, 200);
	expect_body_has(p, "Conferences you are invited to");
	expect_body_has(p, h_printf("href=\"/conferences/%lld\"", m));
	expect_body_has(p, "Not written yet");
	get(p, "/conferences/%lld", m);
	expect_status(p, 200);
	expect_body_has(p, "Mia Meetingtest");
	expect_body_has(p, "Room 4, Civic Centre");
	expect_body_has(p, "Your agency");
	expect_body_lacks(p, "Riverside Primary School");
	expect_body_lacks(p, "Laura Meetingtest");
	expect_body_lacks(p, "govuk-task-list");
	expect_body_lacks(p, "/map");
	expect_body_lacks(p, "href=\"/children/");
	get(p, "/conferences/%lld/reports/%lld", m, F.inv_b);
	expect_status(p, 404);
	get(p, "/children/%lld", (long long)F.mia);
	expect_status(p, 404);
	get(p, "/children/%lld/map", (long long)F.mia);
	expect_status(p, 404);
	memset(&f, 0, sizeof(f));
	fb_add(&f, "text", "We attended the family home twice in March. "
	    "Mum was calm and the children were well.");
	page = M(m, h_printf("/reports/%lld", F.inv_a));
	submit(p, page, page, &f);
	expect_redirect(p, h_printf("/conferences/%lld?saved=meeting-report"
	    "#your-report", m));
	F.rep_a = sql_int(H.db, "SELECT id FROM meeting_report WHERE "
	    "invitee_id = %lld AND author_id = %lld", F.inv_a,
	    (long long)F.partner_id);
	get(p, "/conferences/%lld", m);
	expect_body_has(p, "Submitted");
	/* A partner posts nothing but their own report. */
	before = sql_int(H.db, "SELECT (SELECT count(*) FROM meeting_report) +"
	    " (SELECT count(*) FROM meeting_invitee) + (SELECT count(*) FROM "
	    "meeting_view) + (SELECT version FROM meeting WHERE id = %lld)",
	    m);
	{
		const char *posts[] = { "/invitees/new", "/attendance",
			"/views/new", "/decision", "/plan", "/minutes", "/sent",
			"/feedback/new", "/edit", "/cancel",
			h_printf("/children/%lld/participation",
			    (long long)F.mia),
			h_printf("/reports/%lld", F.inv_b),
			h_printf("/reports/%lld/shared", F.rep_a) };
		char *csrf = agent_session_csrf(p);

		for (size_t i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
			post_form(p, M(m, posts[i]), "csrf", csrf, "kind",
			    "family", "name", "Sneaky", "text", "Not mine",
			    "from", "parent", NULL);
			if (p->status != 404)
				fail_msg("POST %s by a partner answered %ld",
				    posts[i], p->status);
		}
	}
	assert_int_equal(sql_int(H.db, "SELECT (SELECT count(*) FROM "
	    "meeting_report) + (SELECT count(*) FROM meeting_invitee) + "
	    "(SELECT count(*) FROM meeting_view) + (SELECT version FROM "
	    "meeting WHERE id = %lld)", m), before);

	/* The social worker writes the school's report, then shares. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "text", "Mia comes to school every day and is doing well.");
	page = M(m, h_printf("/reports/%lld", F.inv_b));
	saved_ok(a, m, page, page, &f, "meeting-report", "reports");
	F.rep_b = sql_int(H.db, "SELECT id FROM meeting_report WHERE "
	    "invitee_id = %lld", F.inv_b);
	get(a, "/conferences/%lld", m);
	if (!page_warns(a, "The report from Riverside Primary School is not "
	    "yet shared with the family"))
		fail_msg("no warning of the unshared report:\n%.3000s",
		    h_shown(a));
	/* Shared on a day that does not exist: refused. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "shared_on-day", "30");
	fb_add(&f, "shared_on-month", "2");
	page = M(m, h_printf("/reports/%lld/shared", F.rep_a));
	refused(a, page, page, &f, 422, "shared_on", "must be a real date",
	    "SELECT count(*) FROM meeting_report WHERE shared_on IS NOT NULL");
	/* The page's own button: shared today. */
	memset(&f, 0, sizeof(f));
	submit(a, M(m, ""), page, &f);
	expect_redirect(a, h_printf("/conferences/%lld?saved=meeting-shared"
	    "#reports", m));
	get(a, "/conferences/%lld", m);
	if (!page_warns(a, "not yet shared with the family"))
		fail_msg("the other report's warning went too early");
	memset(&f, 0, sizeof(f));
	fb_day(&f, "shared_on", js_today());
	page = M(m, h_printf("/reports/%lld/shared", F.rep_b));
	saved_ok(a, m, page, page, &f, "meeting-shared", "reports");
	get(a, "/conferences/%lld", m);
	if (page_warns(a, "not yet shared with the family") ||
	    page_warns(a, "No report yet"))
		fail_msg("the report warnings stayed:\n%.3000s", h_shown(a));
	expect_body_has(a, "2 of 2 reports in, all shared");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_report "
	    "WHERE meeting_id = %lld AND shared_on = %s", m,
	    sql_quote(js_date(js_today()))), 2);

	/* The child, 10 or over: the advocate must be offered. */
	page = M(m, h_printf("/children/%lld/participation", (long long)F.mia));
	get(a, "%s", page);
	expect_body_has(a, "independent advocate");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "part", "advocate");
	fb_add(&f, "advocate_offered", "no");
	refused(a, page, page, &f, 422, NULL, "advocate", h_printf(
	    "SELECT count(*) FROM meeting_child WHERE meeting_id = %lld AND "
	    "participation <> 'not-recorded'", m));
	memset(&f, 0, sizeof(f));
	fb_add(&f, "part", "advocate");
	fb_add(&f, "part_note", "Mia told her advocate what she wants.");
	fb_add(&f, "advocate_offered", "yes");
	/* Offered before the day it is brought forward to, below. */
	fb_day(&f, "advocate_offered_on", js_wd(-2));
	fb_add(&f, "advocate_accepted", "yes");
	fb_add(&f, "advocate", "Sam Voice");
	saved_ok(a, m, page, page, &f, "meeting-participation", "children");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_child "
	    "WHERE meeting_id = %lld AND participation = 'advocate' AND "
	    "advocate_accepted = 1 AND advocate = 'Sam Voice'", m), 1);
	get(a, "/conferences/%lld", m);
	if (page_warns(a, "no offer of an independent advocate"))
		fail_msg("the advocate warning stayed");
}

/* A change made on a version someone else has moved on is refused with
 * who saved first, and nothing is overwritten. */
static void
test_conflict(void **state)
{
	struct agent *a;
	struct fb f = { 0 };
	struct hform hf;
	long long m;
	const char *page;

	(void)state;
	fixture();
	a = sw();
	m = book(a, F.noah, js_wd(6));
	page = M(m, "/edit");
	get(a, "%s", page);
	expect_status(a, 200);
	if (!html_form_with(body(a), "csrf", page, &hf))
		fail_msg("no edit form");
	/* The chair changes the place meanwhile. */
	fb_add(&f, "place", "The chair's room");
	submit(chair(), page, page, &f);
	expect_status(chair(), 303);
	/* The stale form. */
	hform_set(&hf, "place", "The worker room");
	post_hform(a, NULL, &hf);
	expect_status(a, 409);
	expect_body_has(a, "Someone else saved a change");
	expect_body_has(a, "Carys Chair");
	expect_body_has(a, "value=\"The worker room\"");
	assert_string_equal(sql(H.db, "SELECT place FROM meeting WHERE id = "
	    "%lld", m), "The chair's room");
	/* Saved again knowingly, with the new version the page now holds. */
	if (!html_form_with(body(a), "csrf", page, &hf))
		fail_msg("no edit form after the conflict");
	post_hform(a, NULL, &hf);
	expect_redirect(a, h_printf("/conferences/%lld?saved=meeting-changed"
	    "#before", m));
	assert_string_equal(sql(H.db, "SELECT place FROM meeting WHERE id = "
	    "%lld", m), "The worker room");
	/* Cancelled, with a reason. */
	memset(&f, 0, sizeof(f));
	refused(a, M(m, "/cancel"), M(m, "/cancel"), &f, 422, "reason", NULL,
	    h_printf("SELECT count(*) FROM meeting WHERE id = %lld AND status "
	    "= 'cancelled'", m));
	fb_add(&f, "reason", "The family moved away.");
	saved_ok(a, m, M(m, "/cancel"), M(m, "/cancel"), &f,
	    "meeting-cancelled", "before");
	assert_string_equal(sql(H.db, "SELECT status FROM meeting WHERE id = "
	    "%lld", m), "cancelled");
}

/* The chair's view: a report still missing after the day it should have
 * been shared with the family is marked in red. */
static void
test_chair_view_late(void **state)
{
	struct agent *a, *c;
	long long m;
	const char *p;

	(void)state;
	fixture();
	a = sw();
	/* Two working days ahead: the share-by day (3 before) has passed. */
	m = book(a, F.ivy, js_wd(2));
	invite(a, m, "agency", "Hana Visitor", "Health visitor", "",
	    "Health visiting", "");
	c = chair();
	get(c, "/conferences");
	expect_status(c, 200);
	p = strstr(body(c), h_printf("href=\"/conferences/%lld\"", m));
	if (p == NULL)
		fail_msg("the conference is not on the chair's view:\n%.3000s",
		    h_shown(c));
	p = strstr(p, "0 of 1 in");
	if (p == NULL || strstr(p, "govuk-tag--red") == NULL ||
	    strstr(p, "1 missing after the share-by date") == NULL)
		fail_msg("no red tag for the missing report:\n%.4000s",
		    h_shown(c));
	get(a, "/conferences/%lld", m);
	if (!page_warns(a, "No report yet from Health visiting") ||
	    !page_warns(a, "should have been shared"))
		fail_msg("no late warning:\n%.3000s", h_shown(a));
}

/* At and after the conference, by the chair through chairing alone. */
static void
test_at_and_after(void **state)
{
	struct agent *a, *c;
	struct fb f = { 0 };
	long long m;
	hday held = js_wd(-1);
	const char *page;
	int y, mo, d;

	(void)state;
	fixture();
	if (F.meeting == 0)
		fail_msg("test_before did not book the conference");
	m = F.meeting;
	a = sw();
	c = chair();
	/* The chair has no allocation: chairing is the relationship. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM allocation WHERE "
	    "staff_id = %lld", (long long)F.chair_id), 0);
	/* Brought forward to the last working day. */
	memset(&f, 0, sizeof(f));
	fb_day(&f, "date", held);
	saved_ok(a, m, M(m, "/edit"), M(m, "/edit"), &f, "meeting-changed",
	    "before");
	get(c, "/conferences/%lld", m);
	expect_status(c, 200);
	expect_body_has(c, M(m, "/attendance"));
	expect_body_has(c, h_printf("/children/%lld/map/edit?meeting=%lld",
	    (long long)F.mia, m));
	expect_body_has(c, h_printf("/children/%lld/scales?meeting=%lld",
	    (long long)F.mia, m));

	/* Attendance, all at once. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, h_printf("att_%lld", F.inv_parent), "attended");
	fb_add(&f, h_printf("att_%lld", F.inv_network), "apologies");
	fb_add(&f, h_printf("att_%lld", F.inv_a), "attended");
	fb_add(&f, h_printf("att_%lld", F.inv_b), "absent");
	saved_ok(c, m, M(m, "/attendance"), M(m, "/attendance"), &f,
	    "meeting-attendance", "invited");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_invitee "
	    "WHERE meeting_id = %lld AND attendance = 'attended'", m), 2);

	/* Views on the threshold: a reason is needed. */
	page = M(m, "/views/new");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "name", "Petra Partner");
	fb_add(&f, "agency", "Police");
	fb_add(&f, "met", "yes");
	refused(c, page, page, &f, 422, "reason", NULL, h_printf(
	    "SELECT count(*) FROM meeting_view WHERE meeting_id = %lld", m));
	fb_add(&f, "reason", "The bruising has not been explained.");
	fb_add(&f, "next", "another");
	submit(c, page, page, &f);
	expect_redirect(c, h_printf("/conferences/%lld/views/new?saved="
	    "meeting-view", m));
	memset(&f, 0, sizeof(f));
	fb_add(&f, "name", "Laura Meetingtest");
	fb_add(&f, "agency", "Parent");
	fb_add(&f, "met", "no");
	fb_add(&f, "reason", "I keep Mia safe.");
	saved_ok(c, m, page, page, &f, "meeting-view", "views");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_view "
	    "WHERE meeting_id = %lld", m), 2);

	/* The decision: a plan needs a category (the journey's rule). */
	page = M(m, "/decision");
	memset(&f, 0, sizeof(f));
	fb_add(&f, h_printf("decision_%lld", (long long)F.mia), "plan");
	fb_add(&f, "dissent", "Laura disagreed: she says Mia is safe.");
	refused(c, page, page, &f, 422, h_printf("category_%lld",
	    (long long)F.mia), NULL, h_printf("SELECT count(*) FROM meeting "
	    "WHERE id = %lld AND status = 'held'", m));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM "
	    "conference_child WHERE child_id = %lld", (long long)F.mia), 0);
	fb_add(&f, h_printf("category_%lld", (long long)F.mia), "neglect");
	saved_ok(c, m, page, page, &f, "meeting-decision", "decision");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting WHERE id "
	    "= %lld AND status = 'held' AND conference_id IS NOT NULL AND "
	    "dissent LIKE 'Laura disagreed%%'", m), 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan WHERE "
	    "child_id = %lld AND kind = 'cp' AND end_date IS NULL",
	    (long long)F.mia), 1);
	get(c, "/conferences/%lld", m);
	expect_body_has(c, "Child protection plan");
	expect_body_has(c, "Neglect");
	expect_body_has(c, "Laura disagreed");

	/* The plan: an action due before the conference is refused. */
	page = M(m, "/plan");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "o_1_agency", "Mia's neglect stops: she has meals and "
	    "clean clothes every day.");
	fb_add(&f, "o_1_family", "We want Mia to have her tea with us every "
	    "night.");
	fb_add(&f, "a_1_outcome", "1");
	fb_add(&f, "a_1_who", "Laura Meetingtest");
	fb_add(&f, "a_1_what", "Go to the parenting group on Tuesdays.");
	hdate_to_ymd(held - 10, &y, &mo, &d);
	fb_add(&f, "a_1_by", h_printf("%d/%d/%d", d, mo, y));
	fb_add(&f, "contingency", "If Mia goes without meals again, we will "
	    "hold another conference.");
	fb_add(&f, "child_seen", "Every two weeks at home, and on her own at "
	    "school.");
	refused(c, page, page, &f, 422, "a_1_by", "before the conference",
	    h_printf("SELECT count(*) FROM meeting WHERE id = %lld AND "
	    "plan_saved_at IS NOT NULL", m));
	/* What was typed is kept, and checked for plain language. */
	expect_body_has(c, "We want Mia to have her tea");
	expect_body_has(c, "Plain language");
	/* "Add a row": the same form with one more action, nothing saved. */
	{
		struct fb more = f;

		fb_add(&more, "more", "actions");
		submit(c, page, page, &more);
		expect_status(c, 200);
		expect_body_has(c, "name=\"a_4_who\"");
		expect_body_lacks(c, "name=\"a_5_who\"");
		expect_body_has(c, "We want Mia to have her tea");
		assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting "
		    "WHERE id = %lld AND plan_saved_at IS NOT NULL", m), 0);
	}
	hdate_to_ymd(js_add(js_today(), 20), &y, &mo, &d);
	fb_add(&f, "a_1_by", h_printf("%d/%d/%d", d, mo, y));
	submit(c, page, page, &f);
	expect_redirect(c, h_printf("%s?saved=meeting-plan", page));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_outcome "
	    "WHERE meeting_id = %lld AND family_text LIKE 'We want Mia%%'", m),
	    1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_action "
	    "WHERE meeting_id = %lld AND outcome = 1", m), 1);
	/* The core group started as those who came. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_core "
	    "WHERE meeting_id = %lld", m), 2);
	get(c, "%s?saved=meeting-plan", page);
	expect_status(c, 200);
	expect_body_has(c, "Plan saved");
	expect_body_has(c, "Plain language");
	expect_body_has(c, "neglect");

	/* The minutes. */
	page = M(m, "/minutes");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "minutes", "Everyone met at the Civic Centre.\n\nMia's "
	    "views were shared by her advocate.");
	submit(c, page, page, &f);
	expect_redirect(c, h_printf("%s?saved=meeting-minutes", page));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting WHERE id "
	    "= %lld AND minutes LIKE 'Everyone met%%' AND minutes_saved_at IS "
	    "NOT NULL", m), 1);

	/* Not yet sent: on the chair's list of what to send. */
	get(c, "/conferences");
	expect_body_has(c, "Plans and minutes to send");
	expect_body_has(c, h_printf("href=\"/conferences/%lld\"", m));
	expect_body_has(c, "plan to the family");

	/* The documents. */
	{
		const char *docs[] = { "plan-family", "plan-agencies",
			"minutes-family", "minutes-agencies" };

		for (size_t i = 0; i < 4; i++) {
			get(c, "/conferences/%lld/%s.pdf", m, docs[i]);
			expect_status(c, 200);
			assert_string_equal(agent_header(c, "Content-Type"),
			    "application/pdf");
			if (c->body.len < 5 || memcmp(c->body.p, "%PDF", 4) !=
			    0)
				fail_msg("%s.pdf is not a PDF", docs[i]);
			/* Saved under the document's own name. */
			assert_non_null(strstr(agent_header(c,
			    "Content-Disposition"), i < 2 ?
			    "attachment; filename=\"child-protection-plan-" :
			    "attachment; filename=\"conference-minutes-"));
		}
	}
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'print' AND subject_id = %lld AND username = %s",
	    (long long)F.mia, sql_quote(F.chair)), 4);
	/* The partner: the agencies' documents, not the family's. */
	get(partner(), "/conferences/%lld", m);
	expect_body_has(partner(), M(m, "/plan-agencies.pdf"));
	expect_body_lacks(partner(), M(m, "/plan-family.pdf"));
	get(partner(), "/conferences/%lld/plan-agencies.pdf", m);
	expect_status(partner(), 200);
	if (memcmp(partner()->body.p, "%PDF", 4) != 0)
		fail_msg("the partner's PDF is not a PDF");
	get(partner(), "/conferences/%lld/plan-family.pdf", m);
	expect_status(partner(), 404);

	/* Sent: at 15:00 on the day, five hours after it began. */
	page = M(m, "/sent");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "method", "secure-email");
	fb_add(&f, "recipients", "Laura; the school; the police");
	fb_day(&f, "sent_on", held);
	fb_add(&f, "sent_time", "15:00");
	refused(c, page, page, &f, 422, "documents", NULL, h_printf(
	    "SELECT count(*) FROM meeting_send WHERE meeting_id = %lld", m));
	{
		const char *n[] = { "csrf", "documents", "documents",
			"documents", "documents", "method", "recipients",
			"sent_on-day", "sent_on-month", "sent_on-year",
			"sent_time" };
		const char *v[11];

		hdate_to_ymd(held, &y, &mo, &d);
		v[0] = agent_session_csrf(c);
		v[1] = "plan-family";
		v[2] = "plan-agencies";
		v[3] = "minutes-family";
		v[4] = "minutes-agencies";
		v[5] = "secure-email";
		v[6] = "Laura; the school; the police";
		v[7] = h_printf("%d", d);
		v[8] = h_printf("%d", mo);
		v[9] = h_printf("%d", y);
		v[10] = "15:00";
		post_formv(c, page, 11, n, v);
		expect_redirect(c, h_printf("/conferences/%lld?saved="
		    "meeting-sent#documents", m));
	}
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_send "
	    "WHERE meeting_id = %lld", m), 4);
	get(c, "/conferences/%lld", m);
	expect_body_has(c, "Sent 5 hours after");
	get(c, "/conferences");
	expect_body_lacks(c, "plan to the family");

	/* A parent's feedback: the four questions. */
	page = M(m, "/feedback/new");
	get(c, "%s?from=parent", page);
	expect_status(c, 200);
	expect_body_has(c, "name=\"q4\"");
	expect_body_has(c, "Not answered");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "q1", "4");
	fb_add(&f, "q2", "5");
	fb_add(&f, "q3", "5");
	fb_add(&f, "q4", "0");
	fb_add(&f, "comments", "I felt listened to.");
	saved_ok(c, m, h_printf("%s?from=parent", page), page, &f,
	    "meeting-feedback", "feedback");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM meeting_feedback "
	    "WHERE meeting_id = %lld AND respondent = 'parent' AND q1 = 4 AND "
	    "q4 = 0", m), 1);
	get(c, "%s?from=nobody", page);
	expect_status(c, 404);
	get(a, "/conferences/%lld", m);
	expect_body_has(a, "I felt listened to.");
}

/* The routes of a conference, with its second ids. */
static const char *const routes[] = {
	"", "/edit", "/cancel", "/invitees/new", "/attendance",
	"/children/%C/participation", "/reports/%I", "/reports/%R/shared",
	"/views/new", "/decision", "/plan", "/minutes", "/sent",
	"/feedback/new?from=parent", "/plan-family.pdf", "/plan-agencies.pdf",
	"/minutes-family.pdf", "/minutes-agencies.pdf",
};

static const char *
route_for(const char *r, long long meeting)
{
	struct hbuf b = { 0 };

	hbuf_reset(&b);
	hbuf_add(&b, "", 0);
	{
		const char *s = h_printf("/conferences/%lld", meeting);

		hbuf_add(&b, s, strlen(s));
	}
	for (const char *p = r; *p; p++) {
		const char *s = NULL;

		if (p[0] == '%' && p[1] == 'C')
			s = h_printf("%lld", (long long)F.mia);
		else if (p[0] == '%' && p[1] == 'I')
			s = h_printf("%lld", F.inv_a);
		else if (p[0] == '%' && p[1] == 'R')
			s = h_printf("%lld", F.rep_a);
		if (s != NULL) {
			hbuf_add(&b, s, strlen(s));
			p++;
		} else
			hbuf_add(&b, p, 1);
	}
	return h_keep(b.p);
}

static const char *
no_query(const char *path)
{
	const char *q = strchr(path, '?');

	return q != NULL ? h_strndup(path, (size_t)(q - path)) : path;
}

/* Everyone without a reason gets the 404 of a missing conference. */
static void
expect_all_404(struct agent *o, const char *who)
{
	char *csrf = agent_session_csrf(o), *want;
	size_t wlen;
	long st;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const char *path = route_for(routes[i], F.meeting);
		const char *none = route_for(routes[i], NO_SUCH);

		get(o, "%s", none);
		expect_status(o, 404);
		expect_body_has(o, "Signed in as");
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		get(o, "%s", path);
		if (o->status != 404 || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("GET %s by %s answered %ld, not the 404 of a "
			    "missing conference:\n%.1500s", path, who,
			    o->status, h_shown(o));
		post_form(o, no_query(none), "csrf", csrf, NULL);
		st = o->status;
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		assert_true(st == 404 || st == 405);
		post_form(o, no_query(path), "csrf", csrf, NULL);
		if (o->status != st || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("POST %s by %s answered %ld, not the %ld of a "
			    "missing conference:\n%.1500s", path, who,
			    o->status, st, h_shown(o));
	}
}

static void
test_outsiders_404(void **state)
{
	struct agent *o, *p2;
	long long seen;
	const char *book;

	(void)state;
	fixture();
	if (F.meeting == 0 || F.rep_a == 0)
		fail_msg("the flow did not run");
	o = agent_as(F.outsider);
	seen = sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_id = "
	    "%lld AND username IN (%s, %s)", (long long)F.mia,
	    sql_quote(F.outsider), sql_quote(F.partner2));
	expect_all_404(o, "someone with no relationship");
	p2 = agent_as(F.partner2);
	expect_all_404(p2, "a partner who is not invited");
	/* Booking for a child they have nothing to do with. */
	book = h_printf("/children/%lld/conferences/book", (long long)F.mia);
	get(o, "/children/%lld/conferences/book", NO_SUCH);
	expect_status(o, 404);
	{
		size_t wlen = o->body.len;
		char *want = h_strndup(o->body.p, wlen);

		get(o, "%s", book);
		if (o->status != 404 || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("GET %s answered %ld", book, o->status);
	}
	/* Their lists do not show it. */
	get(o, "/conferences");
	expect_status(o, 200);
	expect_body_lacks(o, h_printf("/conferences/%lld\"", F.meeting));
	get(p2, "/conferences");
	expect_status(p2, 200);
	expect_body_lacks(p2, h_printf("/conferences/%lld\"", F.meeting));
	/* Nothing of the children was shown to them. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND username IN (%s, %s)", (long long)F.mia,
	    sql_quote(F.outsider), sql_quote(F.partner2)), seen);
	/* Administrators and analysts have no conferences. */
	get(agent_as(h_username("administrator")), "/conferences");
	expect_status(agent_as(h_username("administrator")), 403);
}

/* Every view, edit and download of the conference left its audit row,
 * with the child as subject, and the chain still verifies. */
static void
test_audit(void **state)
{
	char *out = NULL;

	(void)state;
	fixture();
	if (F.meeting == 0)
		fail_msg("the flow did not run");
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE action = "
	    "'view' AND subject_kind = 'child' AND subject_id = %lld AND "
	    "route = %s", (long long)F.mia, sql_quote(h_printf("GET "
	    "/conferences/%lld", F.meeting))) >= 3);
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE action = "
	    "'view' AND subject_id = %lld AND route = %s AND username = %s",
	    (long long)F.mia, sql_quote(h_printf("GET /conferences/%lld",
	    F.meeting)), sql_quote(F.partner)) >= 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'edit' AND subject_id = %lld AND route = %s",
	    (long long)F.mia, sql_quote(h_printf("POST /conferences/%lld/plan",
	    F.meeting))), 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'create' AND subject_id = %lld AND route = %s",
	    (long long)F.mia, sql_quote(h_printf("POST /conferences/%lld/"
	    "reports/%lld", F.meeting, F.inv_a))), 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "action = 'print' AND subject_id = %lld AND route = %s",
	    (long long)F.mia, sql_quote(h_printf("GET /conferences/%lld/"
	    "plan-agencies.pdf", F.meeting))), 2);
	if (h_audit_verify(&out) != 0)
		fail_msg("hearth audit verify: %s", out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_booking_refused),
		H_TEST(test_before),
		H_TEST(test_conflict),
		H_TEST(test_chair_view_late),
		H_TEST(test_at_and_after),
		H_TEST(test_outsiders_404),
		H_TEST(test_audit),
	};

	return H_RUN(tests, h_setup);
}
