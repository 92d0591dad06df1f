/*
 * test_store_journey.c: the journey's store (store_journey.h) and its door
 * (record_journey.c): every kind of step survives a round trip; versioned
 * saves refuse a stale version and say who saved first; the `due` table
 * keeps a recorded due date when the intervals change; My work's filters
 * (team, worker, child, date) pick the right children through allocations
 * and households on the right day; timeliness counts what it says; a step
 * the rules refuse writes nothing; a joint conference makes one plan per
 * child; a review that steps down starts a CIN plan the same day.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_internal.h"
#include "store/store_journey.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-journey-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------ the world */

/*
 * Team A: Sam One (social worker) and Tia Manager, both since 2023.  Team
 * B: Uma Two since 2023, and Vic Three, who was in team A during 2023.
 * Children: Ava (allocated to Sam), Ben and Cara (siblings in the Hughes
 * household, which is allocated to Sam), Dan (allocated to Uma), Eve
 * (allocated to Sam in 2023, to Vic from 2024).
 */
struct world {
	struct store *st;
	int64_t la, team_a, team_b, sw1, tm, sw2, sw3, chair, hh;
	int64_t c[5];
	char la_id[5][8];
};

#define AVA 0
#define BEN 1
#define CARA 2
#define DAN 3
#define EVE 4

static hday
today(void)
{
	return ymd(2024, 12, 31);
}

static void
copy(char *dst, size_t cap, const char *s)
{
	assert_int_equal(text_copy(dst, cap, s), HERR_OK);
}

static int64_t
staff_add(struct world *w, const char *user, const char *given,
    const char *family, enum staff_role role)
{
	struct staff s;
	struct hdiag d;

	memset(&s, 0, sizeof(s));
	copy(s.username, sizeof(s.username), user);
	copy(s.given_name, sizeof(s.given_name), given);
	copy(s.family_name, sizeof(s.family_name), family);
	s.role = role;
	s.agency_id = w->la;
	s.active = true;
	assert_int_equal(record_staff_add(w->st, &s, &d), HERR_OK);
	return s.id;
}

static void
member(struct world *w, int64_t team, int64_t staff, hday from, hday to)
{
	struct hdiag d;

	assert_int_equal(store_team_member_add(w->st, team, staff, from, to,
	    &d), HERR_OK);
}

static int64_t
child_add(struct world *w, int k, const char *given, const char *family)
{
	struct child c;
	struct hdiag d;

	child_init(&c);
	copy(c.given_name, sizeof(c.given_name), given);
	copy(c.family_name, sizeof(c.family_name), family);
	c.birth_date = ymd(2015, 6, 1);
	c.sex = 'F';
	copy(c.ethnicity, sizeof(c.ethnicity), "WBRI");
	snprintf(w->la_id[k], sizeof(w->la_id[k]), "LA%d", k + 1);
	copy(c.la_child_id, sizeof(c.la_child_id), w->la_id[k]);
	assert_int_equal(record_child_add(w->st, &c, today(), &d), HERR_OK);
	return c.id;
}

static void
allocate(struct world *w, int64_t staff, int64_t child, int64_t hh,
    hday from, hday to)
{
	struct allocation a;
	struct hdiag d;

	memset(&a, 0, sizeof(a));
	a.staff_id = staff;
	a.child_id = child;
	a.household_id = hh;
	a.start_date = from;
	a.end_date = to;
	assert_int_equal(record_allocation_add(w->st, &a, &d), HERR_OK);
}

static void
world_open(struct world *w, const char *name)
{
	char path[128];
	struct agency la = { 0 };
	struct team t = { 0 };
	struct household h = { 0 };
	struct hdiag d;

	memset(w, 0, sizeof(*w));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	assert_int_equal(store_open(path, STORE_MIGRATE, &w->st, NULL, &d),
	    HERR_OK);
	copy(la.name, sizeof(la.name), "Northshire Council");
	la.kind = AGENCY_LOCAL_AUTHORITY;
	assert_int_equal(record_agency_add(w->st, &la, &d), HERR_OK);
	w->la = la.id;
	copy(t.name, sizeof(t.name), "Blue team");
	t.kind = TEAM_CHILD_IN_NEED;
	assert_int_equal(record_team_add(w->st, &t, &d), HERR_OK);
	w->team_a = t.id;
	t.id = 0;
	copy(t.name, sizeof(t.name), "Green team");
	assert_int_equal(record_team_add(w->st, &t, &d), HERR_OK);
	w->team_b = t.id;
	w->sw1 = staff_add(w, "sam.one", "Sam", "One", ROLE_SOCIAL_WORKER);
	w->tm = staff_add(w, "tia.manager", "Tia", "Manager",
	    ROLE_TEAM_MANAGER);
	w->sw2 = staff_add(w, "uma.two", "Uma", "Two", ROLE_SOCIAL_WORKER);
	w->sw3 = staff_add(w, "vic.three", "Vic", "Three",
	    ROLE_SOCIAL_WORKER);
	w->chair = staff_add(w, "wyn.chair", "Wyn", "Chair", ROLE_CP_CHAIR);
	member(w, w->team_a, w->sw1, ymd(2023, 1, 1), HDAY_NONE);
	member(w, w->team_a, w->tm, ymd(2023, 1, 1), HDAY_NONE);
	member(w, w->team_a, w->sw3, ymd(2023, 1, 1), ymd(2023, 12, 31));
	member(w, w->team_b, w->sw2, ymd(2023, 1, 1), HDAY_NONE);
	member(w, w->team_b, w->sw3, ymd(2024, 1, 1), HDAY_NONE);
	w->c[AVA] = child_add(w, AVA, "Ava", "Okafor");
	w->c[BEN] = child_add(w, BEN, "Ben", "Hughes");
	w->c[CARA] = child_add(w, CARA, "Cara", "Hughes");
	w->c[DAN] = child_add(w, DAN, "Dan", "Price");
	w->c[EVE] = child_add(w, EVE, "Eve", "Stone");
	copy(h.name, sizeof(h.name), "Hughes household");
	assert_int_equal(record_household_add(w->st, &h, &d), HERR_OK);
	w->hh = h.id;
	assert_int_equal(record_household_member_add(w->st, h.id, w->c[BEN],
	    ymd(2020, 1, 1), HDAY_NONE, &d), HERR_OK);
	assert_int_equal(record_household_member_add(w->st, h.id, w->c[CARA],
	    HDAY_NONE, HDAY_NONE, &d), HERR_OK);
	allocate(w, w->sw1, w->c[AVA], 0, ymd(2024, 1, 2), HDAY_NONE);
	allocate(w, w->sw1, 0, w->hh, ymd(2024, 1, 2), HDAY_NONE);
	allocate(w, w->sw2, w->c[DAN], 0, ymd(2024, 1, 2), HDAY_NONE);
	allocate(w, w->sw1, w->c[EVE], 0, ymd(2023, 1, 1), ymd(2023, 12, 31));
	allocate(w, w->sw3, w->c[EVE], 0, ymd(2024, 1, 2), HDAY_NONE);
}

/* One integer from raw SQL (assertions only). */
static int64_t
sql_one(struct world *w, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(w->st), sql, -1, &s,
	    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int64_t sql_int(struct world *w, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);
static int64_t
sql_int(struct world *w, const char *fmt, ...)
{
	char sql[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return sql_one(w, sql);
}

/* One text value from raw SQL into a static buffer (assertions only). */
static const char *sql_text(struct world *w, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);
static const char *
sql_text(struct world *w, const char *fmt, ...)
{
	static char out[256];
	char sql[512];
	sqlite3_stmt *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(store_db(w->st), sql, -1, &s,
	    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(out, sizeof(out), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

static struct journey_ctx
ctx(int64_t by, struct store_change *conflict)
{
	struct journey_ctx cx = { today(), by, 1700000000, conflict };

	return cx;
}

/* Commit on success, roll back otherwise; returns e. */
static enum herr
done(struct store *st, enum herr e)
{
	if (e == HERR_OK)
		assert_int_equal(store_commit(st), HERR_OK);
	else
		store_rollback(st);
	return e;
}

#define TX(w, call) \
	(assert_int_equal(store_begin((w)->st), HERR_OK), done((w)->st, (call)))

/* ------------------------------------------------------------ the steps */

static int64_t
episode(struct world *w, int k, hday referral)
{
	struct cin_episode ep;
	struct hdiag d;

	cin_episode_init(&ep);
	ep.child_id = w->c[k];
	ep.referral_date = referral;
	copy(ep.referral_source, sizeof(ep.referral_source), "1A");
	copy(ep.primary_need, sizeof(ep.primary_need), "N1");
	assert_int_equal(record_cin_episode_add(w->st, &ep, today(), &d),
	    HERR_OK);
	return ep.id;
}

static int64_t
episode_version(struct world *w, int64_t ep)
{
	return sql_int(w, "SELECT version FROM cin_episode WHERE id = %lld",
	    (long long)ep);
}

static enum herr
decide(struct world *w, int k, int64_t ep, enum referral_decision dec,
    hday day, struct hdiag *d)
{
	struct referral r;
	struct journey_ctx cx = ctx(w->sw1, NULL);

	memset(&r, 0, sizeof(r));
	r.episode_id = ep;
	r.contact_date = HDAY_NONE;
	r.decision = dec;
	r.decision_date = day;
	return TX(w, record_referral_decide(w->st, w->c[k], &r,
	    episode_version(w, ep), &cx, d));
}

static int64_t
strategy(struct world *w, int k, int64_t ep, hday day)
{
	struct strategy s;
	struct journey_ctx cx = ctx(w->sw1, NULL);
	struct hdiag d;

	memset(&s, 0, sizeof(s));
	s.child_id = w->c[k];
	s.episode_id = ep;
	s.held_date = day;
	s.s47 = true;
	s.n_people = 1;
	copy(s.people[0].name, sizeof(s.people[0].name), "DS Patel");
	copy(s.people[0].agency, sizeof(s.people[0].agency), "Police");
	assert_int_equal(TX(w, record_strategy_add(w->st, &s, &cx, &d)),
	    HERR_OK);
	return s.id;
}

static int64_t
s47_start(struct world *w, int k, int64_t ep, int64_t strategy_id, hday day)
{
	struct s47 s;
	struct journey_ctx cx = ctx(w->sw1, NULL);
	struct hdiag d;

	memset(&s, 0, sizeof(s));
	s.child_id = w->c[k];
	s.episode_id = ep;
	s.strategy_id = strategy_id;
	s.start_date = day;
	s.outcome_date = HDAY_NONE;
	assert_int_equal(TX(w, record_s47_start(w->st, &s, &cx, &d)),
	    HERR_OK);
	return s.id;
}

static void
s47_outcome(struct world *w, int k, int64_t id, enum s47_outcome o, hday day)
{
	struct s47 s;
	struct journey_ctx cx = ctx(w->sw1, NULL);
	struct hdiag d;

	memset(&s, 0, sizeof(s));
	s.id = id;
	s.child_id = w->c[k];
	s.outcome = o;
	s.outcome_date = day;
	assert_int_equal(TX(w, record_s47_outcome(w->st, &s, sql_int(w,
	    "SELECT version FROM s47 WHERE id = %lld", (long long)id), &cx,
	    &d)), HERR_OK);
}

/* Referral 4 March 2024, strategy discussion and s47 on the 5th, the s47
 * decides on a conference on the 15th: returns the s47. */
static int64_t
to_icpc(struct world *w, int k, int64_t *ep_out)
{
	struct hdiag d;
	int64_t ep = episode(w, k, ymd(2024, 3, 4)), sid, s47;

	assert_int_equal(decide(w, k, ep, DECISION_STRATEGY, ymd(2024, 3, 4),
	    &d), HERR_OK);
	sid = strategy(w, k, ep, ymd(2024, 3, 5));
	s47 = s47_start(w, k, ep, sid, ymd(2024, 3, 5));
	s47_outcome(w, k, s47, S47_CONFERENCE, ymd(2024, 3, 15));
	if (ep_out != NULL)
		*ep_out = ep;
	return s47;
}

static void
conf_init(struct conference *c, enum conference_kind kind, hday held)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->held_date = held;
	c->notified_date = HDAY_NONE;
}

static void
conf_child(struct conference *c, int64_t child, int64_t s47,
    enum conference_decision dec, enum abuse_category cat)
{
	struct conference_child *cc = &c->children[c->n_children++];

	memset(cc, 0, sizeof(*cc));
	cc->child_id = child;
	cc->s47_id = s47;
	cc->decision = dec;
	cc->category = cat;
	cc->due_date = HDAY_NONE;
}

/* An ICPC on 20 March 2024 starting a neglect plan: returns the plan. */
static int64_t
icpc(struct world *w, int k, int64_t s47)
{
	struct conference c;
	struct journey_ctx cx = ctx(w->chair, NULL);
	struct hdiag d;

	conf_init(&c, CONF_INITIAL, ymd(2024, 3, 20));
	c.chair_id = w->chair;
	conf_child(&c, w->c[k], s47, CDEC_PLAN, ABUSE_NEGLECT);
	assert_int_equal(TX(w, record_conference_add(w->st, &c, &cx, &d)),
	    HERR_OK);
	assert_true(c.children[0].plan_id > 0);
	return c.children[0].plan_id;
}

static struct plan_event
event(struct world *w, int k, int64_t plan, enum event_kind kind, hday day)
{
	struct plan_event e;
	struct journey_ctx cx = ctx(w->sw1, NULL);
	struct hdiag d;

	memset(&e, 0, sizeof(e));
	e.child_id = w->c[k];
	e.plan_id = plan;
	e.kind = kind;
	e.held_date = day;
	e.due_date = HDAY_NONE;
	assert_int_equal(TX(w, record_event_add(w->st, &e, &cx, &d)),
	    HERR_OK);
	return e;
}

static hday
wd(hday from, int n)
{
	hday out = HDAY_NONE;

	assert_int_equal(calendar_add_working_days(from, n, &out), HERR_OK);
	return out;
}

/* The child's open due item of `step` for ref (0 any). */
static bool
open_item(struct world *w, int k, enum due_step step, int64_t ref,
    struct store_due *out)
{
	struct store_due list[64];
	struct due_filter f = { 0, 0, w->c[k], HDAY_NONE, today() };
	int n, total;

	assert_int_equal(store_due_list(w->st, &f, list, 64, &n, &total),
	    HERR_OK);
	for (int i = 0; i < n; i++)
		if (list[i].item.step == step &&
		    (ref == 0 || list[i].item.ref_id == ref)) {
			if (out != NULL)
				*out = list[i];
			return true;
		}
	return false;
}

/* ------------------------------------------------------------- the tests */

static void
test_load_round_trip(void **state)
{
	struct world w;
	struct journey *j = journey_new();
	struct store_change conflict;
	struct journey_ctx cx;
	struct referral r;
	struct strategy s;
	struct s47 x;
	struct assessment a;
	struct conference c;
	struct plan p, lac;
	struct plan_event ev;
	struct hdiag d;
	int64_t ep, plan;
	const struct plan *lp;

	(void)state;
	world_open(&w, "round.db");
	cx = ctx(w.sw1, &conflict);
	ep = episode(&w, AVA, ymd(2024, 3, 4));
	memset(&r, 0, sizeof(r));
	r.episode_id = ep;
	r.contact_date = ymd(2024, 3, 1);
	copy(r.reason, sizeof(r.reason), "School raised concerns\nabout "
	    "bruising");
	r.decision = DECISION_STRATEGY;
	r.decision_date = ymd(2024, 3, 4);
	assert_int_equal(TX(&w, record_referral_decide(w.st, w.c[AVA], &r, 1,
	    &cx, &d)), HERR_OK);

	memset(&s, 0, sizeof(s));
	s.child_id = w.c[AVA];
	s.episode_id = ep;
	s.held_date = ymd(2024, 3, 5);
	s.s47 = true;
	copy(s.note, sizeof(s.note), "Joint enquiry agreed");
	s.n_people = 2;
	copy(s.people[0].name, sizeof(s.people[0].name), "DS Patel");
	copy(s.people[0].agency, sizeof(s.people[0].agency), "Police");
	copy(s.people[0].role, sizeof(s.people[0].role), "Detective");
	copy(s.people[1].name, sizeof(s.people[1].name), "Sam One");
	copy(s.people[1].agency, sizeof(s.people[1].agency),
	    "Children's social care");
	s.people[1].staff_id = w.sw1;
	assert_int_equal(TX(&w, record_strategy_add(w.st, &s, &cx, &d)),
	    HERR_OK);
	assert_int_equal(s.version, 1);

	memset(&a, 0, sizeof(a));
	a.child_id = w.c[AVA];
	a.episode_id = ep;
	a.start_date = ymd(2024, 3, 6);
	a.authorised_date = HDAY_NONE;
	a.due_date = HDAY_NONE;
	assert_int_equal(TX(&w, record_assessment_start(w.st, &a, &cx, &d)),
	    HERR_OK);

	memset(&x, 0, sizeof(x));
	x.child_id = w.c[AVA];
	x.episode_id = ep;
	x.strategy_id = s.id;
	x.start_date = ymd(2024, 3, 5);
	x.outcome_date = HDAY_NONE;
	assert_int_equal(TX(&w, record_s47_start(w.st, &x, &cx, &d)),
	    HERR_OK);
	x.outcome = S47_CONFERENCE;
	x.outcome_date = ymd(2024, 3, 15);
	assert_int_equal(TX(&w, record_s47_outcome(w.st, &x, 1, &cx, &d)),
	    HERR_OK);

	conf_init(&c, CONF_INITIAL, ymd(2024, 3, 20));
	c.chair_id = w.chair;
	copy(c.note, sizeof(c.note), "Plan agreed");
	conf_child(&c, w.c[AVA], x.id, CDEC_PLAN, ABUSE_NEGLECT);
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_OK);
	plan = c.children[0].plan_id;
	/* WT2023: the ICPC within 15 working days of the strategy
	 * discussion: the due date is recorded on the child's part. */
	assert_int_equal(c.children[0].due_date, wd(ymd(2024, 3, 5), 15));

	a.authorised_date = ymd(2024, 4, 10);
	a.outcome = ASSESS_STRATEGY;
	a.n_factors = 2;
	copy(a.factors[0], sizeof(a.factors[0]), "2B");
	copy(a.factors[1], sizeof(a.factors[1]), "1B");
	assert_int_equal(TX(&w, record_assessment_authorise(w.st, &a, 1, &cx,
	    &d)), HERR_OK);
	assert_int_equal(a.due_date, wd(ymd(2024, 3, 4), 45));

	memset(&p, 0, sizeof(p));
	p.id = plan;
	p.child_id = w.c[AVA];
	p.n_core_group = 2;
	copy(p.core_group[0].name, sizeof(p.core_group[0].name), "Ms Okafor");
	copy(p.core_group[0].role, sizeof(p.core_group[0].role), "Parent");
	copy(p.core_group[1].name, sizeof(p.core_group[1].name), "Dr Lee");
	copy(p.core_group[1].agency, sizeof(p.core_group[1].agency),
	    "Health visiting");
	assert_int_equal(TX(&w, record_core_group_set(w.st, &p, 1, &cx, &d)),
	    HERR_OK);

	ev = event(&w, AVA, plan, EVENT_CORE_GROUP, ymd(2024, 3, 28));
	/* WT2023: the first core group within 10 working days */
	assert_int_equal(ev.due_date, wd(ymd(2024, 3, 20), 10));
	memset(&ev, 0, sizeof(ev));
	ev.child_id = w.c[AVA];
	ev.plan_id = plan;
	ev.kind = EVENT_VISIT;
	ev.held_date = ymd(2024, 3, 27);
	ev.seen = ev.seen_alone = true;
	copy(ev.note, sizeof(ev.note), "Seen at school");
	assert_int_equal(TX(&w, record_event_add(w.st, &ev, &cx, &d)),
	    HERR_OK);
	assert_int_equal(ev.due_date, wd(ymd(2024, 3, 20), 10));

	/* A looked-after episode, for the 903 fields, on another child. */
	memset(&lac, 0, sizeof(lac));
	lac.kind = PLAN_LAC;
	lac.child_id = w.c[DAN];
	lac.start_date = ymd(2024, 2, 1);
	lac.end_date = HDAY_NONE;
	copy(lac.legal_status, sizeof(lac.legal_status), "C2");
	copy(lac.placement, sizeof(lac.placement), "U4");
	lac.long_term = true;
	assert_int_equal(TX(&w, record_lac_start(w.st, &lac, &cx, &d)),
	    HERR_OK);
	assert_int_equal(TX(&w, record_lac_end(w.st, w.c[DAN], lac.id,
	    ymd(2024, 9, 2), "E13", &cx, &d)), HERR_OK);

	assert_int_equal(store_journey_load(w.st, w.c[AVA], j, &d), HERR_OK);
	assert_int_equal(j->child.id, w.c[AVA]);
	assert_int_equal(j->n_episodes, 1);
	assert_int_equal(j->episodes[0].id, ep);
	assert_int_equal(j->episodes[0].referral_date, ymd(2024, 3, 4));
	assert_int_equal(j->referrals[0].episode_id, ep);
	assert_int_equal(j->referrals[0].version, 2);
	assert_int_equal(j->referrals[0].contact_date, ymd(2024, 3, 1));
	assert_string_equal(j->referrals[0].reason,
	    "School raised concerns\nabout bruising");
	assert_int_equal(j->referrals[0].decision, DECISION_STRATEGY);
	assert_int_equal(j->referrals[0].decision_date, ymd(2024, 3, 4));
	assert_false(j->episodes[0].referral_nfa);

	assert_int_equal(j->n_assessments, 1);
	assert_int_equal(j->assessments[0].id, a.id);
	assert_int_equal(j->assessments[0].version, 2);
	assert_int_equal(j->assessments[0].episode_id, ep);
	assert_int_equal(j->assessments[0].start_date, ymd(2024, 3, 6));
	assert_int_equal(j->assessments[0].authorised_date, ymd(2024, 4, 10));
	assert_int_equal(j->assessments[0].outcome, ASSESS_STRATEGY);
	assert_int_equal(j->assessments[0].due_date, a.due_date);
	assert_int_equal(j->assessments[0].n_factors, 2);
	assert_string_equal(j->assessments[0].factors[0], "1B");
	assert_string_equal(j->assessments[0].factors[1], "2B");

	assert_int_equal(j->n_strategies, 1);
	assert_int_equal(j->strategies[0].id, s.id);
	assert_int_equal(j->strategies[0].held_date, ymd(2024, 3, 5));
	assert_true(j->strategies[0].s47);
	assert_string_equal(j->strategies[0].note, "Joint enquiry agreed");
	assert_int_equal(j->strategies[0].n_people, 2);
	assert_string_equal(j->strategies[0].people[0].name, "DS Patel");
	assert_string_equal(j->strategies[0].people[0].agency, "Police");
	assert_string_equal(j->strategies[0].people[0].role, "Detective");
	assert_int_equal(j->strategies[0].people[0].staff_id, 0);
	assert_int_equal(j->strategies[0].people[1].staff_id, w.sw1);

	assert_int_equal(j->n_s47s, 1);
	assert_int_equal(j->s47s[0].id, x.id);
	assert_int_equal(j->s47s[0].version, 2);
	assert_int_equal(j->s47s[0].strategy_id, s.id);
	assert_int_equal(j->s47s[0].start_date, ymd(2024, 3, 5));
	assert_int_equal(j->s47s[0].outcome, S47_CONFERENCE);
	assert_int_equal(j->s47s[0].outcome_date, ymd(2024, 3, 15));

	assert_int_equal(j->n_conferences, 1);
	assert_int_equal(j->conferences[0].id, c.id);
	assert_int_equal(j->conferences[0].kind, CONF_INITIAL);
	assert_int_equal(j->conferences[0].held_date, ymd(2024, 3, 20));
	assert_int_equal(j->conferences[0].notified_date, HDAY_NONE);
	assert_int_equal(j->conferences[0].chair_id, w.chair);
	assert_string_equal(j->conferences[0].note, "Plan agreed");
	assert_int_equal(j->conferences[0].n_children, 1);
	assert_int_equal(j->conferences[0].children[0].child_id, w.c[AVA]);
	assert_int_equal(j->conferences[0].children[0].s47_id, x.id);
	assert_int_equal(j->conferences[0].children[0].plan_id, plan);
	assert_int_equal(j->conferences[0].children[0].decision, CDEC_PLAN);
	assert_int_equal(j->conferences[0].children[0].category,
	    ABUSE_NEGLECT);
	assert_int_equal(j->conferences[0].children[0].due_date,
	    wd(ymd(2024, 3, 5), 15));

	assert_int_equal(j->n_plans, 1);
	assert_int_equal(j->plans[0].id, plan);
	assert_int_equal(j->plans[0].version, 2);	/* core group saved */
	assert_int_equal(j->plans[0].kind, PLAN_CP);
	assert_int_equal(j->plans[0].episode_id, ep);
	assert_int_equal(j->plans[0].start_date, ymd(2024, 3, 20));
	assert_int_equal(j->plans[0].end_date, HDAY_NONE);
	assert_int_equal(j->plans[0].conference_id, c.id);
	assert_int_equal(j->plans[0].initial_category, ABUSE_NEGLECT);
	assert_int_equal(j->plans[0].latest_category, ABUSE_NEGLECT);
	assert_int_equal(j->plans[0].n_core_group, 2);
	assert_string_equal(j->plans[0].core_group[0].name, "Ms Okafor");
	assert_string_equal(j->plans[0].core_group[0].role, "Parent");
	assert_string_equal(j->plans[0].core_group[1].agency,
	    "Health visiting");

	/* Events in date order: the visit on the 27th, then the core group. */
	assert_int_equal(j->n_events, 2);
	assert_int_equal(j->events[0].kind, EVENT_VISIT);
	assert_int_equal(j->events[0].held_date, ymd(2024, 3, 27));
	assert_true(j->events[0].seen);
	assert_true(j->events[0].seen_alone);
	assert_string_equal(j->events[0].note, "Seen at school");
	assert_int_equal(j->events[0].due_date, wd(ymd(2024, 3, 20), 10));
	assert_int_equal(j->events[1].kind, EVENT_CORE_GROUP);
	assert_int_equal(j->events[1].plan_id, plan);
	assert_false(j->events[1].seen);

	assert_int_equal(store_journey_load(w.st, w.c[DAN], j, &d), HERR_OK);
	assert_int_equal(j->n_plans, 1);
	lp = &j->plans[0];
	assert_int_equal(lp->kind, PLAN_LAC);
	assert_string_equal(lp->legal_status, "C2");
	assert_string_equal(lp->placement, "U4");
	assert_true(lp->long_term);
	assert_int_equal(lp->end_date, ymd(2024, 9, 2));
	assert_string_equal(lp->lac_end_reason, "E13");
	assert_int_equal(j->n_episodes, 0);

	assert_int_equal(store_journey_load(w.st, 999999, j, &d),
	    HERR_NOTFOUND);
	journey_free(j);
	store_close(w.st);
}

static void
test_versioned_conflict(void **state)
{
	struct world w;
	struct store_change conflict;
	struct journey_ctx cx;
	struct referral r;
	struct assessment a;
	struct plan p;
	struct hdiag d;
	int64_t ep, plan;

	(void)state;
	world_open(&w, "conflict.db");
	/* Store level: a referral saved by Sam, then by someone holding the
	 * version before Sam's. */
	ep = episode(&w, AVA, ymd(2024, 3, 4));
	memset(&r, 0, sizeof(r));
	r.episode_id = ep;
	r.contact_date = HDAY_NONE;
	r.decision = DECISION_ASSESSMENT;
	r.decision_date = ymd(2024, 3, 4);
	assert_int_equal(store_begin(w.st), HERR_OK);
	assert_int_equal(store_referral_update(w.st, &r, 1, w.sw1, 1700000100,
	    &conflict), HERR_OK);
	r.decision = DECISION_NFA;
	assert_int_equal(store_referral_update(w.st, &r, 1, w.sw2, 1700000200,
	    &conflict), HERR_CONFLICT);
	assert_int_equal(conflict.version, 2);
	assert_int_equal(conflict.by, w.sw1);
	assert_string_equal(conflict.by_name, "Sam One");
	assert_int_equal(conflict.at, 1700000100);
	/* NULL conflict is allowed; a missing record is NOTFOUND. */
	assert_int_equal(store_referral_update(w.st, &r, 1, w.sw2, 1, NULL),
	    HERR_CONFLICT);
	r.episode_id = 98765;
	assert_int_equal(store_referral_update(w.st, &r, 1, w.sw2, 1,
	    &conflict), HERR_NOTFOUND);
	assert_int_equal(store_commit(w.st), HERR_OK);
	assert_string_equal(sql_text(&w, "SELECT decision FROM cin_episode "
	    "WHERE id = %lld", (long long)ep), "assessment");
	/* Writes refuse to run outside a transaction. */
	r.episode_id = ep;
	assert_int_equal(store_referral_update(w.st, &r, 2, w.sw2, 1, NULL),
	    HERR_ENV);

	/* An assessment authorised twice from the same version. */
	memset(&a, 0, sizeof(a));
	a.child_id = w.c[AVA];
	a.episode_id = ep;
	a.start_date = ymd(2024, 3, 5);
	a.authorised_date = ymd(2024, 4, 1);
	a.outcome = ASSESS_NFA;
	a.due_date = HDAY_NONE;
	assert_int_equal(store_begin(w.st), HERR_OK);
	assert_int_equal(store_assessment_add(w.st, &a, w.sw1, 1), HERR_OK);
	assert_int_equal(store_assessment_authorise(w.st, &a, 1, w.sw2,
	    1700000300, &conflict), HERR_OK);
	assert_int_equal(store_assessment_authorise(w.st, &a, 1, w.sw1, 5,
	    &conflict), HERR_CONFLICT);
	assert_int_equal(conflict.version, 2);
	assert_int_equal(conflict.by, w.sw2);
	assert_string_equal(conflict.by_name, "Uma Two");
	store_rollback(w.st);

	/* Record level: two people edit the same core group. */
	plan = icpc(&w, BEN, to_icpc(&w, BEN, NULL));
	memset(&p, 0, sizeof(p));
	p.id = plan;
	p.child_id = w.c[BEN];
	p.n_core_group = 1;
	copy(p.core_group[0].name, sizeof(p.core_group[0].name), "Mr Hughes");
	copy(p.core_group[0].role, sizeof(p.core_group[0].role), "Father");
	cx = ctx(w.sw1, &conflict);
	assert_int_equal(TX(&w, record_core_group_set(w.st, &p, 1, &cx, &d)),
	    HERR_OK);
	copy(p.core_group[0].name, sizeof(p.core_group[0].name), "Mrs Hughes");
	cx = ctx(w.sw2, &conflict);
	assert_int_equal(TX(&w, record_core_group_set(w.st, &p, 1, &cx, &d)),
	    HERR_CONFLICT);
	assert_string_equal(d.field, "version");
	assert_int_equal(conflict.by, w.sw1);
	assert_int_equal(conflict.version, 2);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM journey_person "
	    "WHERE owner_kind = 'core-group' AND owner_id = %lld",
	    (long long)plan), 1);
	assert_string_equal(sql_text(&w, "SELECT name FROM journey_person "
	    "WHERE owner_kind = 'core-group' AND owner_id = %lld",
	    (long long)plan),
	    "Mr Hughes");
	store_close(w.st);
}

static struct due_item
item(enum due_step step, int seq, int64_t ref, hday from, hday due,
    hday done, int64_t done_id)
{
	struct due_item it;

	memset(&it, 0, sizeof(it));
	it.step = step;
	it.seq = seq;
	it.ref_id = ref;
	it.from = from;
	it.due = due;
	it.done = done;
	it.done_id = done_id;
	return it;
}

static void
test_due_replace(void **state)
{
	struct world w;
	struct due_item a[3];
	int64_t child;

	(void)state;
	world_open(&w, "replace.db");
	child = w.c[BEN];
	a[0] = item(STEP_VISIT, 1, 77, ymd(2024, 4, 1), ymd(2024, 4, 12),
	    ymd(2024, 4, 15), 501);
	a[1] = item(STEP_VISIT, 2, 77, ymd(2024, 4, 15), ymd(2024, 4, 29),
	    HDAY_NONE, 0);
	assert_int_equal(store_due_replace(w.st, child, a, 2), HERR_ENV);
	assert_int_equal(TX(&w, store_due_replace(w.st, child, a, 2)),
	    HERR_OK);
	/* Recomputed with other dates: the done row keeps its due date; the
	 * open one that is now done is updated; a new open one appears. */
	a[0].due = ymd(2024, 4, 20);
	a[1].due = ymd(2024, 5, 3);
	a[1].done = ymd(2024, 4, 30);
	a[1].done_id = 502;
	a[2] = item(STEP_VISIT, 3, 77, ymd(2024, 4, 30), ymd(2024, 5, 28),
	    HDAY_NONE, 0);
	assert_int_equal(TX(&w, store_due_replace(w.st, child, a, 3)),
	    HERR_OK);
	assert_string_equal(sql_text(&w, "SELECT due_date FROM due WHERE "
	    "child_id = %lld AND seq = 1", (long long)child), "2024-04-12");
	assert_string_equal(sql_text(&w, "SELECT due_date || ' ' || done_date"
	    " || ' ' || done_id FROM due WHERE child_id = %lld AND seq = 2",
	    (long long)child), "2024-05-03 2024-04-30 502");
	assert_string_equal(sql_text(&w, "SELECT due_date || coalesce("
	    "done_date, ' open') FROM due WHERE child_id = %lld AND seq = 3",
	    (long long)child), "2024-05-28 open");
	/* Nothing open any more: open rows go, done rows stay. */
	assert_int_equal(TX(&w, store_due_replace(w.st, child, NULL, 0)),
	    HERR_OK);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM due WHERE "
	    "child_id = %lld", (long long)child), 2);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM due WHERE "
	    "child_id = %lld AND done_date IS NULL", (long long)child), 0);
	store_close(w.st);
}

static void
test_intervals_keep_recorded_due_dates(void **state)
{
	struct world w;
	struct intervals iv;
	struct store_due open;
	struct hdiag d;
	char buf[64];
	int64_t plan;

	(void)state;
	world_open(&w, "intervals.db");
	assert_int_equal(store_intervals_get(w.st, &iv, &d), HERR_OK);
	assert_int_equal(iv.cp_visit.n, 10);
	assert_int_equal(iv.cp_visit.unit, UNIT_WORKING_DAYS);
	plan = icpc(&w, AVA, to_icpc(&w, AVA, NULL));
	/* Due 10 working days after the plan began (5 April, over Easter);
	 * done on the 10th, late. */
	(void)event(&w, AVA, plan, EVENT_VISIT, ymd(2024, 4, 10));
	assert_string_equal(sql_text(&w, "SELECT due_date || ' ' || done_date"
	    " FROM due WHERE child_id = %lld AND step = 'visit' AND seq = 1",
	    (long long)w.c[AVA]), "2024-04-05 2024-04-10");
	assert_true(open_item(&w, AVA, STEP_VISIT, plan, &open));
	assert_int_equal(open.item.due, wd(ymd(2024, 4, 10), 10));

	/* An interval outside 1..365 is refused before anything is saved. */
	iv.cin_review.n = 0;
	assert_int_equal(TX(&w, store_intervals_set(w.st, &iv)), HERR_INVALID);
	assert_int_equal(store_setting_get(w.st, "interval.cp-visit", buf,
	    sizeof(buf)), HERR_NOTFOUND);
	iv.cin_review.n = 3;
	/* Four-weekly visits from now on. */
	iv.cp_visit.n = 4;
	iv.cp_visit.unit = UNIT_WEEKS;
	assert_int_equal(store_intervals_set(w.st, &iv), HERR_ENV);
	assert_int_equal(TX(&w, store_intervals_set(w.st, &iv)), HERR_OK);
	assert_int_equal(store_setting_get(w.st, "interval.cp-visit", buf,
	    sizeof(buf)), HERR_OK);
	assert_string_equal(buf, "4 weeks");
	memset(&iv, 0, sizeof(iv));
	assert_int_equal(store_intervals_get(w.st, &iv, &d), HERR_OK);
	assert_int_equal(iv.cp_visit.n, 4);
	assert_int_equal(iv.cp_visit.unit, UNIT_WEEKS);
	assert_int_equal(iv.core_group.n, 4);
	/* The recorded visit was late and stays late... */
	assert_string_equal(sql_text(&w, "SELECT due_date FROM due WHERE "
	    "child_id = %lld AND step = 'visit' AND seq = 1",
	    (long long)w.c[AVA]),
	    "2024-04-05");
	/* ...while the open one moved to the new interval. */
	assert_true(open_item(&w, AVA, STEP_VISIT, plan, &open));
	assert_int_equal(open.item.due, ymd(2024, 5, 8));

	/* A setting that does not parse is refused, naming it. */
	assert_int_equal(store_setting_set(w.st, "interval.cin-review",
	    "fortnightly"), HERR_OK);
	assert_int_equal(store_intervals_get(w.st, &iv, &d), HERR_INVALID);
	assert_string_equal(d.field, "interval.cin-review");
	store_close(w.st);
}

/* Every child gets one open item: the decision on an undecided referral,
 * due the next working day. */
static void
undecided_referrals(struct world *w)
{
	static const int day[5] = { 2, 3, 4, 5, 6 };	/* December 2024 */
	struct hdiag d;

	for (int k = 0; k < 5; k++) {
		(void)episode(w, k, ymd(2024, 12, day[k]));
		assert_int_equal(TX(w, record_due_refresh(w->st, w->c[k], NULL,
		    &d)), HERR_OK);
	}
}

/* The children (AVA...) a filter lists, as a string "0 1 2". */
static const char *
listed(struct world *w, int64_t team, int64_t worker, int64_t child,
    hday until, hday on)
{
	static char out[64];
	struct store_due list[16];
	struct due_filter f = { team, worker, child, until, on };
	size_t len = 0;
	int n, total;

	assert_int_equal(store_due_list(w->st, &f, list, 16, &n, &total),
	    HERR_OK);
	assert_int_equal(n, total);
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 5; k++)
			if (list[i].item.child_id == w->c[k])
				len += (size_t)snprintf(out + len,
				    sizeof(out) - len, "%s%d", len ? " " : "",
				    k);
	return out;
}

static enum herr
stop_after_one(void *arg, const struct store_due *d)
{
	int *seen = arg;

	(void)d;
	return ++*seen == 1 ? HERR_INVALID : HERR_OK;
}

static void
test_due_filters(void **state)
{
	struct world w;
	struct store_due list[4];
	struct due_filter f;
	hday t = today();
	int n, total, seen = 0;

	(void)state;
	world_open(&w, "filters.db");
	undecided_referrals(&w);
	/* The whole authority, by due date. */
	assert_string_equal(listed(&w, 0, 0, 0, HDAY_NONE, t), "0 1 2 3 4");
	/* Team A now: Sam's children, Ava directly, Ben and Cara through
	 * the Hughes household; not Eve, whose time with Sam has ended. */
	assert_string_equal(listed(&w, w.team_a, 0, 0, HDAY_NONE, t), "0 1 2");
	assert_string_equal(listed(&w, w.team_b, 0, 0, HDAY_NONE, t), "3 4");
	assert_string_equal(listed(&w, 0, w.sw1, 0, HDAY_NONE, t), "0 1 2");
	assert_string_equal(listed(&w, 0, w.sw3, 0, HDAY_NONE, t), "4");
	assert_string_equal(listed(&w, 0, w.tm, 0, HDAY_NONE, t), "");
	assert_string_equal(listed(&w, 0, 0, w.c[CARA], HDAY_NONE, t), "2");
	/* Due on or before 4 December: Ava's (3rd) and Ben's (4th). */
	assert_string_equal(listed(&w, 0, 0, 0, ymd(2024, 12, 4), t), "0 1");
	assert_string_equal(listed(&w, w.team_a, 0, 0, ymd(2024, 12, 4), t),
	    "0 1");
	/* Filters combine. */
	assert_string_equal(listed(&w, w.team_a, 0, w.c[BEN], HDAY_NONE, t),
	    "1");
	assert_string_equal(listed(&w, w.team_a, w.sw2, 0, HDAY_NONE, t), "");
	assert_string_equal(listed(&w, 0, w.sw1, w.c[DAN], HDAY_NONE, t), "");
	/* In 2023 team A held Eve (Sam's then) and no one else. */
	assert_string_equal(listed(&w, w.team_a, 0, 0, HDAY_NONE,
	    ymd(2023, 6, 1)), "4");
	assert_string_equal(listed(&w, w.team_b, 0, 0, HDAY_NONE,
	    ymd(2023, 6, 1)), "");

	/* What a row carries. */
	memset(&f, 0, sizeof(f));
	f.child_id = w.c[CARA];
	f.until = HDAY_NONE;
	f.today = t;
	assert_int_equal(store_due_list(w.st, &f, list, 4, &n, &total),
	    HERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].item.step, STEP_DECISION);
	assert_int_equal(list[0].item.seq, 1);
	assert_int_equal(list[0].item.from, ymd(2024, 12, 4));
	assert_int_equal(list[0].item.due, ymd(2024, 12, 5));
	assert_int_equal(list[0].item.done, HDAY_NONE);
	assert_string_equal(list[0].child_name, "Cara Hughes");
	assert_string_equal(list[0].la_child_id, "LA3");
	assert_int_equal(list[0].worker_id, w.sw1);
	assert_string_equal(list[0].worker_name, "Sam One");
	f.child_id = 0;
	f.team_id = w.team_b;
	assert_int_equal(store_due_list(w.st, &f, list, 4, &n, &total),
	    HERR_OK);
	assert_int_equal(list[1].worker_id, w.sw3);
	assert_string_equal(list[1].worker_name, "Vic Three");
	/* A bounded page says how many there are in all. */
	f.team_id = w.team_a;
	assert_int_equal(store_due_list(w.st, &f, list, 2, &n, &total),
	    HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(total, 3);
	/* The callback may stop the walk. */
	assert_int_equal(store_due_each(w.st, &f, stop_after_one, &seen),
	    HERR_INVALID);
	assert_int_equal(seen, 1);
	store_close(w.st);
}

static int64_t
raw_plan(struct world *w, int k, enum plan_kind kind)
{
	struct plan p;

	memset(&p, 0, sizeof(p));
	p.child_id = w->c[k];
	p.kind = kind;
	p.start_date = ymd(2024, 3, 20);
	p.end_date = HDAY_NONE;
	if (kind == PLAN_CP)
		p.initial_category = p.latest_category = ABUSE_NEGLECT;
	assert_int_equal(TX(w, store_plan_add(w->st, &p, 0, 1)), HERR_OK);
	return p.id;
}

static void
test_timeliness(void **state)
{
	struct world w;
	struct timeliness_row all[TIMELINESS_ROWS], a[TIMELINESS_ROWS],
	    b[TIMELINESS_ROWS];
	struct due_item ava[9], dan[2], eve[2];
	hday from = ymd(2024, 4, 1), to = ymd(2024, 6, 30);
	hday later = ymd(2024, 9, 1);
	int64_t cp, cin;

	(void)state;
	world_open(&w, "timely.db");
	cp = raw_plan(&w, AVA, PLAN_CP);
	cin = raw_plan(&w, AVA, PLAN_CIN);
	/* Ava, team A's (Sam's) all year. */
	ava[0] = item(STEP_ASSESSMENT, 1, 1, from, ymd(2024, 4, 10),
	    ymd(2024, 4, 9), 1);
	ava[1] = item(STEP_ASSESSMENT, 2, 1, from, ymd(2024, 5, 10),
	    ymd(2024, 5, 20), 2);
	ava[2] = item(STEP_ASSESSMENT, 1, 2, from, ymd(2024, 3, 1),
	    ymd(2024, 3, 5), 3);		/* done before the period */
	ava[3] = item(STEP_ICPC, 1, 3, from, ymd(2024, 5, 1), HDAY_NONE, 0);
	ava[4] = item(STEP_CORE_GROUP, 1, cp, from, ymd(2024, 4, 5),
	    ymd(2024, 4, 4), 4);
	ava[5] = item(STEP_CORE_GROUP, 2, cp, from, ymd(2024, 5, 3),
	    ymd(2024, 5, 10), 5);		/* not a first core group */
	ava[6] = item(STEP_VISIT, 1, cp, from, ymd(2024, 4, 5),
	    ymd(2024, 4, 5), 6);
	ava[7] = item(STEP_VISIT, 1, cin, from, ymd(2024, 4, 5),
	    ymd(2024, 4, 30), 7);		/* a CIN visit */
	ava[8] = item(STEP_CIN_REVIEW, 1, cin, from, ymd(2024, 8, 1),
	    HDAY_NONE, 0);		/* falls due after the period */
	/* Dan, team B's (Uma's). */
	dan[0] = item(STEP_ASSESSMENT, 1, 4, from, ymd(2024, 6, 1),
	    ymd(2024, 6, 3), 8);
	dan[1] = item(STEP_RCPC, 1, 9, from, ymd(2024, 6, 20), HDAY_NONE, 0);
	/* Eve: Sam's (team A) in 2023, Vic's (team B) from 2024. */
	eve[0] = item(STEP_LAC_REVIEW, 1, 5, from, ymd(2024, 5, 1),
	    ymd(2024, 4, 30), 9);
	eve[1] = item(STEP_LAC_VISIT, 1, 5, from, ymd(2023, 11, 1),
	    ymd(2023, 11, 2), 10);
	assert_int_equal(TX(&w, store_due_replace(w.st, w.c[AVA], ava, 9)),
	    HERR_OK);
	assert_int_equal(TX(&w, store_due_replace(w.st, w.c[DAN], dan, 2)),
	    HERR_OK);
	assert_int_equal(TX(&w, store_due_replace(w.st, w.c[EVE], eve, 2)),
	    HERR_OK);

	assert_int_equal(store_timeliness(w.st, 0, from, to, later, all),
	    HERR_OK);
	assert_int_equal(store_timeliness(w.st, w.team_a, from, to, later, a),
	    HERR_OK);
	assert_int_equal(store_timeliness(w.st, w.team_b, from, to, later, b),
	    HERR_OK);
	/* The documented order. */
	assert_int_equal(all[0].step, STEP_ASSESSMENT);
	assert_int_equal(all[1].step, STEP_ICPC);
	assert_int_equal(all[2].step, STEP_CORE_GROUP);
	assert_int_equal(all[2].first_only, 1);
	assert_int_equal(all[3].step, STEP_RCPC);
	assert_int_equal(all[4].step, STEP_VISIT);
	assert_int_equal(all[5].step, STEP_CIN_REVIEW);
	assert_int_equal(all[6].step, STEP_LAC_REVIEW);
	assert_int_equal(all[7].step, STEP_LAC_VISIT);
#define ROW(r, d, t, o) \
	do { \
		assert_int_equal((r).done, (d)); \
		assert_int_equal((r).on_time, (t)); \
		assert_int_equal((r).open_overdue, (o)); \
	} while (0)
	ROW(all[0], 3, 1, 0);
	ROW(all[1], 0, 0, 1);
	ROW(all[2], 1, 1, 0);
	ROW(all[3], 0, 0, 1);
	ROW(all[4], 1, 1, 0);		/* CP visits only */
	ROW(all[5], 0, 0, 0);
	ROW(all[6], 1, 1, 0);
	ROW(all[7], 0, 0, 0);
	ROW(a[0], 2, 1, 0);
	ROW(a[1], 0, 0, 1);
	ROW(a[2], 1, 1, 0);
	ROW(a[3], 0, 0, 0);
	ROW(a[4], 1, 1, 0);
	ROW(a[6], 0, 0, 0);		/* Eve was no longer team A's */
	ROW(b[0], 1, 0, 0);
	ROW(b[1], 0, 0, 0);
	ROW(b[3], 0, 0, 1);
	ROW(b[6], 1, 1, 0);
	ROW(b[4], 0, 0, 0);
	/* Dan's review, due 2024-06-20 and open, is overdue only from the
	 * next day, whatever the period. */
	assert_int_equal(store_timeliness(w.st, 0, from, to, ymd(2024, 6, 20),
	    all), HERR_OK);
	ROW(all[3], 0, 0, 0);
	assert_int_equal(store_timeliness(w.st, 0, from, to, ymd(2024, 6, 21),
	    all), HERR_OK);
	ROW(all[3], 0, 0, 1);
#undef ROW
	store_close(w.st);
}

static int64_t
rows(struct world *w, const char *table)
{
	char sql[96];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return sql_one(w, sql);
}

static void
test_refusals_write_nothing(void **state)
{
	struct world w;
	struct conference c;
	struct journey_ctx cx;
	struct plan_event ev;
	struct store_due icpc_due, after;
	struct hdiag d;
	int64_t s47, ep, due_rows, done_rows;

	(void)state;
	world_open(&w, "refuse.db");
	cx = ctx(w.chair, NULL);
	s47 = to_icpc(&w, AVA, &ep);
	due_rows = rows(&w, "due");
	done_rows = rows(&w, "due WHERE done_date IS NOT NULL");
	/* 8875: a conference on Saturday 23 March 2024. */
	conf_init(&c, CONF_INITIAL, ymd(2024, 3, 23));
	conf_child(&c, w.c[AVA], s47, CDEC_PLAN, ABUSE_NEGLECT);
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "held_date");
	assert_int_equal(c.id, 0);
	assert_int_equal(rows(&w, "conference"), 0);
	assert_int_equal(rows(&w, "conference_child"), 0);
	assert_int_equal(rows(&w, "plan"), 0);
	assert_true(open_item(&w, AVA, STEP_ICPC, s47, &icpc_due));
	/* Easter Monday, 1 April 2024, a bank holiday. */
	c.held_date = ymd(2024, 4, 1);
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_INVALID);
	/* A joint conference in which the second child has no enquiry is
	 * refused whole, naming that child. */
	c.held_date = ymd(2024, 3, 20);
	conf_child(&c, w.c[DAN], 0, CDEC_PLAN, ABUSE_PHYSICAL);
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "child_1.s47_id");
	/* The same child twice. */
	c.children[1] = c.children[0];
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_INVALID);
	assert_int_equal(rows(&w, "conference"), 0);
	assert_int_equal(rows(&w, "conference_child"), 0);
	assert_int_equal(rows(&w, "plan"), 0);
	/* A visit under a plan the child does not have. */
	memset(&ev, 0, sizeof(ev));
	ev.child_id = w.c[AVA];
	ev.plan_id = 4242;
	ev.kind = EVENT_VISIT;
	ev.held_date = ymd(2024, 3, 21);
	assert_int_equal(TX(&w, record_event_add(w.st, &ev, &cx, &d)),
	    HERR_INVALID);
	assert_int_equal(rows(&w, "plan_event"), 0);
	/* NFA once steps hang off the episode. */
	assert_int_equal(rows(&w, "cin_episode"), 1);
	assert_int_equal(sql_int(&w, "SELECT version FROM cin_episode WHERE "
	    "id = %lld", (long long)ep), 2);
	assert_int_equal(decide(&w, AVA, ep, DECISION_NFA, ymd(2024, 3, 5),
	    &d), HERR_INVALID);
	assert_int_equal(sql_int(&w, "SELECT version FROM cin_episode WHERE "
	    "id = %lld", (long long)ep), 2);
	/* A step for a child who does not exist. */
	memset(&ev, 0, sizeof(ev));
	ev.child_id = 777777;
	assert_int_equal(TX(&w, record_event_add(w.st, &ev, &cx, &d)),
	    HERR_NOTFOUND);
	/* The ICPC item is still open and unchanged. */
	assert_true(open_item(&w, AVA, STEP_ICPC, s47, &after));
	assert_int_equal(after.item.due, icpc_due.item.due);
	assert_int_equal(after.item.due, wd(ymd(2024, 3, 5), 15));
	assert_int_equal(rows(&w, "due"), due_rows);
	assert_int_equal(rows(&w, "due WHERE done_date IS NOT NULL"),
	    done_rows);
	store_close(w.st);
}

static void
test_joint_conference(void **state)
{
	struct world w;
	struct journey *j = journey_new();
	struct conference c;
	struct journey_ctx cx;
	struct store_due due;
	struct hdiag d;
	int64_t s1, s2, p1, p2;

	(void)state;
	world_open(&w, "joint.db");
	cx = ctx(w.chair, NULL);
	s1 = to_icpc(&w, BEN, NULL);
	s2 = to_icpc(&w, CARA, NULL);
	conf_init(&c, CONF_INITIAL, ymd(2024, 3, 20));
	c.chair_id = w.chair;
	conf_child(&c, w.c[BEN], s1, CDEC_PLAN, ABUSE_NEGLECT);
	conf_child(&c, w.c[CARA], s2, CDEC_PLAN, ABUSE_EMOTIONAL);
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_OK);
	p1 = c.children[0].plan_id;
	p2 = c.children[1].plan_id;
	assert_true(p1 > 0 && p2 > 0 && p1 != p2);
	assert_int_equal(rows(&w, "conference"), 1);
	assert_int_equal(rows(&w, "plan WHERE kind = 'cp'"), 2);
	/* Each child's own plan, from the conference date (2885). */
	assert_int_equal(store_journey_load(w.st, w.c[CARA], j, &d), HERR_OK);
	assert_int_equal(j->n_plans, 1);
	assert_int_equal(j->plans[0].id, p2);
	assert_int_equal(j->plans[0].child_id, w.c[CARA]);
	assert_int_equal(j->plans[0].conference_id, c.id);
	assert_int_equal(j->plans[0].start_date, ymd(2024, 3, 20));
	assert_int_equal(j->plans[0].initial_category, ABUSE_EMOTIONAL);
	/* The conference shows both siblings' parts. */
	assert_int_equal(j->n_conferences, 1);
	assert_int_equal(j->conferences[0].n_children, 2);
	for (int i = 0; i < 2; i++) {
		const struct conference_child *cc =
		    &j->conferences[0].children[i];

		assert_int_equal(cc->plan_id, cc->child_id == w.c[BEN] ? p1 :
		    p2);
		assert_int_equal(cc->due_date, wd(ymd(2024, 3, 5), 15));
	}
	/* Both have their plan's first core group due, and no ICPC. */
	assert_true(open_item(&w, BEN, STEP_CORE_GROUP, p1, &due));
	assert_int_equal(due.item.due, wd(ymd(2024, 3, 20), 10));
	assert_true(open_item(&w, CARA, STEP_CORE_GROUP, p2, NULL));
	assert_true(open_item(&w, CARA, STEP_RCPC, p2, &due));
	assert_int_equal(due.item.due, ymd(2024, 6, 20));
	assert_false(open_item(&w, BEN, STEP_ICPC, 0, NULL));
	assert_false(open_item(&w, CARA, STEP_ICPC, 0, NULL));
	journey_free(j);
	store_close(w.st);
}

static void
test_review_step_down(void **state)
{
	struct world w;
	struct journey *j = journey_new();
	struct conference c;
	struct journey_ctx cx;
	struct hdiag d;
	const struct plan *cp, *cin;
	int64_t plan, ep;

	(void)state;
	world_open(&w, "stepdown.db");
	cx = ctx(w.chair, NULL);
	plan = icpc(&w, AVA, to_icpc(&w, AVA, &ep));
	/* Review on 19 June 2024: no longer at risk, step down to CIN. */
	conf_init(&c, CONF_REVIEW, ymd(2024, 6, 19));
	conf_child(&c, w.c[AVA], 0, CDEC_END, ABUSE_NONE);
	c.children[0].end_reason = PLANEND_NO_LONGER_AT_RISK;
	c.children[0].step_down = true;
	assert_int_equal(TX(&w, record_conference_add(w.st, &c, &cx, &d)),
	    HERR_OK);
	assert_int_equal(c.children[0].plan_id, plan);
	/* WT2023: the first review within 3 months of the ICPC. */
	assert_int_equal(c.children[0].due_date, ymd(2024, 6, 20));
	assert_int_equal(store_journey_load(w.st, w.c[AVA], j, &d), HERR_OK);
	assert_int_equal(j->n_plans, 2);
	cp = journey_plan(j, plan);
	assert_non_null(cp);
	assert_int_equal(cp->end_date, ymd(2024, 6, 19));
	assert_int_equal(cp->end_reason, PLANEND_NO_LONGER_AT_RISK);
	cin = journey_open_plan(j, PLAN_CIN);
	assert_non_null(cin);
	assert_int_equal(cin->start_date, ymd(2024, 6, 19));
	assert_int_equal(cin->episode_id, ep);
	assert_int_equal(j->n_conferences, 2);
	assert_int_equal(j->conferences[1].children[0].decision, CDEC_END);
	assert_true(j->conferences[1].children[0].step_down);
	assert_int_equal(j->conferences[1].children[0].end_reason,
	    PLANEND_NO_LONGER_AT_RISK);
	/* The CP plan's series stop; the CIN plan's begin. */
	assert_false(open_item(&w, AVA, STEP_RCPC, 0, NULL));
	assert_false(open_item(&w, AVA, STEP_CORE_GROUP, 0, NULL));
	assert_true(open_item(&w, AVA, STEP_VISIT, cin->id, NULL));
	assert_true(open_item(&w, AVA, STEP_CIN_REVIEW, cin->id, NULL));
	/* The RCPC was done on time and is recorded so. */
	assert_string_equal(sql_text(&w, "SELECT due_date || ' ' || done_date"
	    " FROM due WHERE child_id = %lld AND step = 'rcpc'",
	    (long long)w.c[AVA]),
	    "2024-06-20 2024-06-19");

	/* End the CIN plan and close the episode: nothing is left open. */
	assert_int_equal(TX(&w, record_cin_plan_end(w.st, w.c[AVA], cin->id,
	    ymd(2024, 9, 2), &cx, &d)), HERR_OK);
	assert_int_equal(TX(&w, record_episode_close(w.st, w.c[AVA], ep,
	    ymd(2024, 9, 3), "RC0", &cx, &d)), HERR_INVALID);
	assert_string_equal(d.field, "closure_reason");
	assert_int_equal(TX(&w, record_episode_close(w.st, w.c[AVA], ep,
	    ymd(2024, 9, 3), "RC4", &cx, &d)), HERR_OK);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM due WHERE "
	    "child_id = %lld AND done_date IS NULL", (long long)w.c[AVA]), 0);
	assert_string_equal(sql_text(&w, "SELECT closure_date || ' ' || "
	    "closure_reason FROM cin_episode WHERE id = %lld", (long long)ep),
	    "2024-09-03 RC4");
	journey_free(j);
	store_close(w.st);
}

static void
test_referral_ends_involvement(void **state)
{
	struct world w;
	struct journey_ctx cx;
	struct plan p;
	struct hdiag d;
	int64_t ep1, ep2, ep3, s47;

	(void)state;
	world_open(&w, "nfa.db");
	cx = ctx(w.sw1, NULL);
	/* NFA: ReferralNFA, closed the same day with RC8. */
	ep1 = episode(&w, DAN, ymd(2024, 3, 4));
	assert_int_equal(decide(&w, DAN, ep1, DECISION_NFA, ymd(2024, 3, 5),
	    &d), HERR_OK);
	assert_string_equal(sql_text(&w, "SELECT referral_nfa || ' ' || "
	    "closure_date || ' ' || closure_reason || ' ' || decision FROM "
	    "cin_episode WHERE id = %lld", (long long)ep1),
	    "1 2024-03-05 RC8 nfa");
	/* Early help: RC9. */
	ep2 = episode(&w, EVE, ymd(2024, 3, 4));
	assert_int_equal(decide(&w, EVE, ep2, DECISION_EARLY_HELP,
	    ymd(2024, 3, 4), &d), HERR_OK);
	assert_string_equal(sql_text(&w, "SELECT referral_nfa || ' ' || "
	    "closure_reason FROM cin_episode WHERE id = %lld",
	    (long long)ep2), "1 RC9");
	/* The decision was timed, and done. */
	assert_string_equal(sql_text(&w, "SELECT due_date || ' ' || done_date"
	    " FROM due WHERE child_id = %lld AND step = 'decision'",
	    (long long)w.c[DAN]), "2024-03-05 2024-03-05");
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM due WHERE "
	    "child_id = %lld AND done_date IS NULL", (long long)w.c[DAN]), 0);
	/* Nothing may follow a closed episode. */
	memset(&p, 0, sizeof(p));
	p.kind = PLAN_CIN;
	p.child_id = w.c[DAN];
	p.episode_id = ep1;
	p.start_date = ymd(2024, 3, 6);
	p.end_date = HDAY_NONE;
	assert_int_equal(TX(&w, record_cin_plan_start(w.st, &p, &cx, &d)),
	    HERR_INVALID);
	assert_int_equal(rows(&w, "plan"), 0);

	/* An s47 that decides on a CIN plan starts one that day. */
	ep3 = episode(&w, AVA, ymd(2024, 3, 4));
	assert_int_equal(decide(&w, AVA, ep3, DECISION_STRATEGY,
	    ymd(2024, 3, 4), &d), HERR_OK);
	s47 = s47_start(&w, AVA, ep3, strategy(&w, AVA, ep3, ymd(2024, 3, 5)),
	    ymd(2024, 3, 5));
	s47_outcome(&w, AVA, s47, S47_CIN_PLAN, ymd(2024, 3, 15));
	assert_string_equal(sql_text(&w, "SELECT kind || ' ' || start_date "
	    "FROM plan WHERE child_id = %lld", (long long)w.c[AVA]),
	    "cin 2024-03-15");
	assert_int_equal(sql_int(&w, "SELECT episode_id FROM plan WHERE "
	    "child_id = %lld", (long long)w.c[AVA]), ep3);
	/* The ICPC is no longer due, a CIN visit is. */
	assert_false(open_item(&w, AVA, STEP_ICPC, 0, NULL));
	assert_true(open_item(&w, AVA, STEP_VISIT, 0, NULL));
	store_close(w.st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_round_trip),
		cmocka_unit_test(test_versioned_conflict),
		cmocka_unit_test(test_due_replace),
		cmocka_unit_test(test_intervals_keep_recorded_due_dates),
		cmocka_unit_test(test_due_filters),
		cmocka_unit_test(test_timeliness),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_joint_conference),
		cmocka_unit_test(test_review_step_down),
		cmocka_unit_test(test_referral_ends_involvement),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
