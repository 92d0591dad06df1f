/*
 * test_store_meeting.c: conferences as meetings in the store
 * (store_meeting.h) and through their door (record_meeting.c).
 *
 * The store: a meeting with everything recorded about it survives a round
 * trip; versioned saves refuse a stale version and say who saved first,
 * while rows added beside the meeting leave its version alone; each list
 * (a child's, booked, unsent, a partner's invitations) returns the right
 * meetings in the right order, with summary counts that agree with
 * meeting_summarise on the loaded meeting; an invitation counts through
 * the staff member or their agency.
 *
 * The door: an ICPC booked for a child whose s47 decided on a conference,
 * prepared, decided (the journey's conference and CP plan follow), its
 * plan saved with a core group that lands on the child's CP plan, minutes,
 * documents sent and feedback; and refusals (a booking that does not fit a
 * child, a decision the journey refuses, a stale version) that leave the
 * database exactly as it was, checked inside the transaction before any
 * rollback.
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
#include "store/store_meeting.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-meeting-XXXXXX");
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
 * Northshire Council with Sam One (social worker), two chairs (Wyn and
 * Xan) and, at Northshire Police, Pat Lee and Quin Moss (partners).
 * Children: Ava and Ben Okafor (born 1 June 2015) and Cara Hughes (born
 * 1 January 2014, so 10 on 20 March 2024).
 */
struct world {
	struct store *st;
	int64_t la, police, sw, chair_a, chair_b, pat, quin;
	int64_t c[4];
};

#define AVA 0
#define BEN 1
#define CARA 2
#define DAN 3

/* Today 31 December 2024; now noon that day (UTC). */
static hday
today(void)
{
	return ymd(2024, 12, 31);
}

static int64_t
now(void)
{
	return (int64_t)today() * 86400 + 12 * 3600;
}

/* unix seconds of y-m-d h:mi UTC */
static int64_t
utc(int y, int m, int d, int h, int mi)
{
	return (int64_t)ymd(y, m, d) * 86400 + h * 3600 + mi * 60;
}

static void
copy(char *dst, size_t cap, const char *s)
{
	assert_int_equal(text_copy(dst, cap, s), HERR_OK);
}

static int64_t
staff_add(struct world *w, const char *user, const char *given,
    const char *family, enum staff_role role, int64_t agency)
{
	struct staff s;
	struct hdiag d;

	memset(&s, 0, sizeof(s));
	copy(s.username, sizeof(s.username), user);
	copy(s.given_name, sizeof(s.given_name), given);
	copy(s.family_name, sizeof(s.family_name), family);
	s.role = role;
	s.agency_id = agency;
	s.active = true;
	if (record_staff_add(w->st, &s, &d) != HERR_OK)
		fail_msg("staff %s: %s", user, d.msg);
	return s.id;
}

static int64_t
child_add(struct world *w, const char *la_id, const char *given,
    const char *family, hday dob)
{
	struct child c;
	struct hdiag d;

	child_init(&c);
	copy(c.given_name, sizeof(c.given_name), given);
	copy(c.family_name, sizeof(c.family_name), family);
	c.birth_date = dob;
	c.sex = 'F';
	copy(c.ethnicity, sizeof(c.ethnicity), "WBRI");
	copy(c.la_child_id, sizeof(c.la_child_id), la_id);
	assert_int_equal(record_child_add(w->st, &c, today(), &d), HERR_OK);
	return c.id;
}

static void
world_open(struct world *w, const char *name)
{
	char path[128];
	struct agency a = { 0 };
	struct hdiag d;

	memset(w, 0, sizeof(*w));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	assert_int_equal(store_open(path, STORE_MIGRATE, &w->st, NULL, &d),
	    HERR_OK);
	copy(a.name, sizeof(a.name), "Northshire Council");
	a.kind = AGENCY_LOCAL_AUTHORITY;
	assert_int_equal(record_agency_add(w->st, &a, &d), HERR_OK);
	w->la = a.id;
	a.id = 0;
	copy(a.name, sizeof(a.name), "Northshire Police");
	a.kind = AGENCY_POLICE;
	assert_int_equal(record_agency_add(w->st, &a, &d), HERR_OK);
	w->police = a.id;
	w->sw = staff_add(w, "sam.one", "Sam", "One", ROLE_SOCIAL_WORKER,
	    w->la);
	w->chair_a = staff_add(w, "wyn.chair", "Wyn", "Chair", ROLE_CP_CHAIR,
	    w->la);
	w->chair_b = staff_add(w, "xan.chair", "Xan", "Chair", ROLE_CP_CHAIR,
	    w->la);
	w->pat = staff_add(w, "pat.lee", "Pat", "Lee",
	    ROLE_PARTNER_PRACTITIONER, w->police);
	w->quin = staff_add(w, "quin.moss", "Quin", "Moss",
	    ROLE_PARTNER_PRACTITIONER, w->police);
	w->c[AVA] = child_add(w, "LA1", "Ava", "Okafor", ymd(2015, 6, 1));
	w->c[BEN] = child_add(w, "LA2", "Ben", "Okafor", ymd(2015, 6, 1));
	w->c[CARA] = child_add(w, "LA3", "Cara", "Hughes", ymd(2014, 1, 1));
	w->c[DAN] = child_add(w, "LA4", "Dan", "Price", ymd(2019, 2, 2));
}

/* One integer from raw SQL (assertions only). */
static int64_t sql_int(struct world *w, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);
static int64_t
sql_int(struct world *w, const char *fmt, ...)
{
	char sql[512];
	sqlite3_stmt *s;
	int64_t v = -1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	assert_int_equal(sqlite3_prepare_v2(store_db(w->st), sql, -1, &s,
	    NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int64_t
rows(struct world *w, const char *table)
{
	return sql_int(w, "SELECT count(*) FROM %s", table);
}

static int64_t
version(struct world *w, int64_t meeting)
{
	return sql_int(w, "SELECT version FROM meeting WHERE id = %lld",
	    (long long)meeting);
}

static struct journey_ctx
ctx(int64_t by, struct store_change *conflict)
{
	struct journey_ctx cx = { today(), by, now(), conflict };

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

/* The call inside a transaction that is then rolled back whatever
 * happens: what it wrote is checked (with `check`) before the rollback. */
#define TRY(w, call, check) do {					\
	assert_int_equal(store_begin((w)->st), HERR_OK);		\
	{ enum herr try_e_ = (call); (void)try_e_; check; }		\
	store_rollback((w)->st);					\
} while (0)

/* --------------------------------------------------- the journey steps */

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

/* Referral 4 March 2024, strategy discussion and s47 on the 5th, the s47
 * decides on a conference on the 15th: returns the s47. */
static int64_t
to_icpc(struct world *w, int k)
{
	struct journey_ctx cx = ctx(w->sw, NULL);
	struct referral r;
	struct strategy s;
	struct s47 x;
	struct hdiag d;
	int64_t ep = episode(w, k, ymd(2024, 3, 4));

	memset(&r, 0, sizeof(r));
	r.episode_id = ep;
	r.contact_date = HDAY_NONE;
	r.decision = DECISION_STRATEGY;
	r.decision_date = ymd(2024, 3, 4);
	assert_int_equal(TX(w, record_referral_decide(w->st, w->c[k], &r, 1,
	    &cx, &d)), HERR_OK);
	memset(&s, 0, sizeof(s));
	s.child_id = w->c[k];
	s.episode_id = ep;
	s.held_date = ymd(2024, 3, 5);
	s.s47 = true;
	s.n_people = 1;
	copy(s.people[0].name, sizeof(s.people[0].name), "DS Patel");
	copy(s.people[0].agency, sizeof(s.people[0].agency), "Police");
	assert_int_equal(TX(w, record_strategy_add(w->st, &s, &cx, &d)),
	    HERR_OK);
	memset(&x, 0, sizeof(x));
	x.child_id = w->c[k];
	x.episode_id = ep;
	x.strategy_id = s.id;
	x.start_date = ymd(2024, 3, 5);
	x.outcome_date = HDAY_NONE;
	assert_int_equal(TX(w, record_s47_start(w->st, &x, &cx, &d)),
	    HERR_OK);
	x.outcome = S47_CONFERENCE;
	x.outcome_date = ymd(2024, 3, 15);
	assert_int_equal(TX(w, record_s47_outcome(w->st, &x, 1, &cx, &d)),
	    HERR_OK);
	return x.id;
}

/* ------------------------------------------------------- store helpers */

/* A meeting of `kind` on `day` at `minute` chaired by `chair` about the
 * children listed (world indexes, -1 ends), straight into the store. */
static int64_t
raw_book(struct world *w, enum conference_kind kind, hday day, int minute,
    int64_t chair, const int *kids)
{
	struct meeting *m = meeting_new();
	int64_t id;

	m->kind = kind;
	m->date = day;
	m->minute = minute;
	copy(m->place, sizeof(m->place), "Civic Centre");
	m->chair_id = chair;
	for (int i = 0; kids[i] >= 0; i++)
		m->children[m->n_children++].child_id = w->c[kids[i]];
	m->booked_by = w->sw;
	m->booked_at = now();
	assert_int_equal(TX(w, store_meeting_add(w->st, m)), HERR_OK);
	assert_int_equal(m->version, 1);
	id = m->id;
	meeting_free(m);
	return id;
}

/* A journey conference row for a meeting to point at. */
static int64_t
raw_conference(struct world *w)
{
	assert_int_equal(sqlite3_exec(store_db(w->st), "INSERT INTO conference "
	    "(kind, held_date) VALUES ('icpc', '2024-03-20')", NULL, NULL,
	    NULL), SQLITE_OK);
	return sqlite3_last_insert_rowid(store_db(w->st));
}

static void
raw_held(struct world *w, int64_t id)
{
	assert_int_equal(TX(w, store_meeting_held(w->st, id, raw_conference(w),
	    "", version(w, id), w->chair_a, now(), NULL)), HERR_OK);
}

static int64_t
raw_invite(struct world *w, int64_t meeting, enum invitee_kind kind,
    const char *name, int64_t agency_id, int64_t staff_id, bool report)
{
	struct invitee i;

	memset(&i, 0, sizeof(i));
	i.kind = kind;
	copy(i.name, sizeof(i.name), name);
	if (kind == INVITEE_AGENCY)
		copy(i.agency, sizeof(i.agency), "Northshire Police");
	i.agency_id = agency_id;
	i.staff_id = staff_id;
	i.invited_on = ymd(2024, 3, 1);
	i.report_expected = report;
	assert_int_equal(TX(w, store_invitee_add(w->st, meeting, &i)),
	    HERR_OK);
	assert_true(i.id > 0);
	return i.id;
}

static int64_t
raw_report(struct world *w, int64_t meeting, int64_t invitee, hday shared)
{
	struct agency_report r;

	memset(&r, 0, sizeof(r));
	r.invitee_id = invitee;
	copy(r.text, sizeof(r.text), "Two call-outs.");
	r.author_id = w->pat;
	r.submitted_at = now();
	r.shared_on = shared;
	assert_int_equal(TX(w, store_report_add(w->st, meeting, &r)), HERR_OK);
	assert_int_equal(r.version, 1);
	return r.id;
}

static void
raw_send(struct world *w, int64_t meeting, enum doc_kind doc,
    enum doc_audience aud, int64_t at)
{
	struct meeting_send s;

	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.audience = aud;
	copy(s.method, sizeof(s.method), "Email");
	s.sent_at = at;
	s.sent_by = w->chair_a;
	assert_int_equal(TX(w, store_send_add(w->st, meeting, &s)), HERR_OK);
}

/* ------------------------------------------------------------ the store */

static void
fill_plan(struct world *w, struct meeting *m)
{
	(void)w;
	m->n_outcomes = 2;
	copy(m->outcomes[0].agency, sizeof(m->outcomes[0].agency),
	    "Ava is safe from harm at home");
	copy(m->outcomes[0].family, sizeof(m->outcomes[0].family),
	    "No more shouting at home");
	copy(m->outcomes[1].agency, sizeof(m->outcomes[1].agency),
	    "Ava goes to school every day");
	m->n_actions = 2;
	m->actions[0].outcome = 1;
	copy(m->actions[0].who, sizeof(m->actions[0].who), "Sam One");
	copy(m->actions[0].what, sizeof(m->actions[0].what), "Visit weekly");
	m->actions[0].by = ymd(2024, 4, 30);
	m->actions[1].outcome = 0;
	copy(m->actions[1].who, sizeof(m->actions[1].who), "Amy Okafor");
	copy(m->actions[1].what, sizeof(m->actions[1].what), "Attend the "
	    "parenting course\nevery Tuesday");
	m->actions[1].by = ymd(2024, 6, 30);
	copy(m->contingency, sizeof(m->contingency), "A legal planning "
	    "meeting if the plan is not followed");
	copy(m->child_seen, sizeof(m->child_seen), "Weekly at home, alone "
	    "at least once a fortnight");
	m->n_core = 2;
	copy(m->core[0].name, sizeof(m->core[0].name), "Sam One");
	copy(m->core[0].agency, sizeof(m->core[0].agency), "Children's "
	    "services");
	copy(m->core[0].role, sizeof(m->core[0].role), "Lead social worker");
	m->core[0].staff_id = w->sw;
	copy(m->core[1].name, sizeof(m->core[1].name), "Amy Okafor");
	copy(m->core[1].role, sizeof(m->core[1].role), "Mother");
}

static void
test_round_trip(void **state)
{
	struct world w;
	struct meeting *m = meeting_new(), *g = meeting_new();
	struct meeting_child c;
	struct invitee fam, ag;
	struct agency_report r;
	struct threshold_view v;
	struct meeting_send s;
	struct feedback f;
	int64_t conf, t0 = utc(2024, 3, 20, 12, 0);

	(void)state;
	world_open(&w, "round.db");
	m->kind = CONF_TRANSFER_IN;
	m->date = ymd(2024, 3, 20);
	m->minute = 570;
	copy(m->place, sizeof(m->place), "Civic Centre, room 2");
	m->chair_id = w.chair_a;
	m->notified_date = ymd(2024, 3, 8);
	m->n_children = 2;
	m->children[0].child_id = w.c[BEN];
	m->children[0].advocate_offered_on = HDAY_NONE;
	m->children[1].child_id = w.c[AVA];
	m->children[1].part = PART_WRITTEN;
	copy(m->children[1].part_note, sizeof(m->children[1].part_note),
	    "A letter to the chair");
	m->children[1].advocate_offered = true;
	m->children[1].advocate_offered_on = ymd(2024, 3, 10);
	m->children[1].advocate_accepted = true;
	copy(m->children[1].advocate, sizeof(m->children[1].advocate),
	    "Lee Advocate");
	m->booked_by = w.sw;
	m->booked_at = t0 - 86400 * 30;
	assert_int_equal(TX(&w, store_meeting_add(w.st, m)), HERR_OK);
	assert_true(m->id > 0);
	assert_int_equal(m->version, 1);
	assert_int_equal(m->status, MEETING_BOOKED);

	memset(&fam, 0, sizeof(fam));
	fam.kind = INVITEE_FAMILY;
	copy(fam.name, sizeof(fam.name), "Amy Okafor");
	copy(fam.role, sizeof(fam.role), "Mother");
	fam.invited_on = ymd(2024, 3, 11);
	assert_int_equal(TX(&w, store_invitee_add(w.st, m->id, &fam)),
	    HERR_OK);
	memset(&ag, 0, sizeof(ag));
	ag.kind = INVITEE_AGENCY;
	copy(ag.name, sizeof(ag.name), "Pat Lee");
	copy(ag.role, sizeof(ag.role), "Police constable");
	ag.agency_id = w.police;
	copy(ag.agency, sizeof(ag.agency), "Northshire Police");
	ag.staff_id = w.pat;
	ag.invited_on = ymd(2024, 3, 12);
	ag.report_expected = true;
	assert_int_equal(TX(&w, store_invitee_add(w.st, m->id, &ag)), HERR_OK);
	memset(&r, 0, sizeof(r));
	r.invitee_id = ag.id;
	copy(r.text, sizeof(r.text), "Two call-outs\nin March.");
	r.author_id = w.pat;
	r.submitted_at = t0 - 86400 * 7;
	r.shared_on = ymd(2024, 3, 14);
	assert_int_equal(TX(&w, store_report_add(w.st, m->id, &r)), HERR_OK);
	memset(&v, 0, sizeof(v));
	v.child_id = w.c[AVA];
	copy(v.name, sizeof(v.name), "Pat Lee");
	copy(v.agency, sizeof(v.agency), "Police");
	v.met = true;
	copy(v.reason, sizeof(v.reason), "Repeated incidents");
	assert_int_equal(TX(&w, store_view_add(w.st, m->id, &v)), HERR_OK);
	conf = raw_conference(&w);
	assert_int_equal(TX(&w, store_meeting_held(w.st, m->id, conf,
	    "Mother disagrees", 1, w.chair_a, t0, NULL)), HERR_OK);
	fill_plan(&w, m);
	assert_int_equal(TX(&w, store_meeting_plan_save(w.st, m, 2, w.chair_a,
	    t0 + 60, NULL)), HERR_OK);
	assert_int_equal(TX(&w, store_meeting_minutes_save(w.st, m->id,
	    "Minutes\n\tof the conference", 3, w.chair_a, t0 + 120, NULL)),
	    HERR_OK);
	assert_int_equal(TX(&w, store_invitee_attendance(w.st, m->id, fam.id,
	    ATTEND_ATTENDED)), HERR_OK);
	assert_int_equal(TX(&w, store_invitee_attendance(w.st, m->id, ag.id,
	    ATTEND_APOLOGIES)), HERR_OK);
	memset(&s, 0, sizeof(s));
	s.doc = DOC_MINUTES;
	s.audience = AUD_AGENCIES;
	copy(s.method, sizeof(s.method), "Secure email");
	copy(s.recipients, sizeof(s.recipients), "Police, school");
	s.sent_at = t0 + 3600;
	s.sent_by = w.chair_a;
	assert_int_equal(TX(&w, store_send_add(w.st, m->id, &s)), HERR_OK);
	memset(&f, 0, sizeof(f));
	f.from = FEEDBACK_CHILD;
	copy(f.name, sizeof(f.name), "Ava");
	f.answers[0] = 5;
	f.answers[1] = 4;
	f.answers[3] = 2;
	copy(f.comments, sizeof(f.comments), "It was long");
	f.given_on = ymd(2024, 3, 25);
	f.recorded_by = w.sw;
	f.recorded_at = t0 + 86400 * 5;
	assert_int_equal(TX(&w, store_feedback_add(w.st, m->id, &f)), HERR_OK);
	memset(&c, 0, sizeof(c));
	c.child_id = w.c[BEN];
	c.part = PART_REPORT_ONLY;
	c.advocate_offered_on = HDAY_NONE;
	assert_int_equal(TX(&w, store_meeting_child_set(w.st, m->id, &c, 4,
	    w.sw, t0 + 180, NULL)), HERR_OK);

	assert_int_equal(store_meeting_get(w.st, m->id, g), HERR_OK);
	assert_int_equal(g->id, m->id);
	assert_int_equal(g->version, 5);
	assert_int_equal(g->kind, CONF_TRANSFER_IN);
	assert_int_equal(g->status, MEETING_HELD);
	assert_int_equal(g->date, ymd(2024, 3, 20));
	assert_int_equal(g->minute, 570);
	assert_string_equal(g->place, "Civic Centre, room 2");
	assert_int_equal(g->chair_id, w.chair_a);
	assert_int_equal(g->notified_date, ymd(2024, 3, 8));
	assert_int_equal(g->conference_id, conf);
	assert_string_equal(g->dissent, "Mother disagrees");
	assert_int_equal(g->booked_by, w.sw);
	assert_int_equal(g->booked_at, t0 - 86400 * 30);
	/* children in booking order */
	assert_int_equal(g->n_children, 2);
	assert_int_equal(g->children[0].child_id, w.c[BEN]);
	assert_int_equal(g->children[0].part, PART_REPORT_ONLY);
	assert_false(g->children[0].advocate_offered);
	assert_int_equal(g->children[0].advocate_offered_on, HDAY_NONE);
	assert_int_equal(g->children[1].child_id, w.c[AVA]);
	assert_int_equal(g->children[1].part, PART_WRITTEN);
	assert_string_equal(g->children[1].part_note, "A letter to the chair");
	assert_true(g->children[1].advocate_offered);
	assert_int_equal(g->children[1].advocate_offered_on, ymd(2024, 3, 10));
	assert_true(g->children[1].advocate_accepted);
	assert_string_equal(g->children[1].advocate, "Lee Advocate");
	/* invitees */
	assert_int_equal(g->n_invitees, 2);
	assert_int_equal(g->invitees[0].id, fam.id);
	assert_int_equal(g->invitees[0].kind, INVITEE_FAMILY);
	assert_string_equal(g->invitees[0].name, "Amy Okafor");
	assert_string_equal(g->invitees[0].role, "Mother");
	assert_int_equal(g->invitees[0].attendance, ATTEND_ATTENDED);
	assert_int_equal(g->invitees[0].invited_on, ymd(2024, 3, 11));
	assert_false(g->invitees[0].report_expected);
	assert_int_equal(g->invitees[1].id, ag.id);
	assert_int_equal(g->invitees[1].kind, INVITEE_AGENCY);
	assert_int_equal(g->invitees[1].agency_id, w.police);
	assert_string_equal(g->invitees[1].agency, "Northshire Police");
	assert_string_equal(g->invitees[1].role, "Police constable");
	assert_int_equal(g->invitees[1].staff_id, w.pat);
	assert_int_equal(g->invitees[1].attendance, ATTEND_APOLOGIES);
	assert_true(g->invitees[1].report_expected);
	/* the report */
	assert_int_equal(g->n_reports, 1);
	assert_int_equal(g->reports[0].id, r.id);
	assert_int_equal(g->reports[0].version, 1);
	assert_int_equal(g->reports[0].invitee_id, ag.id);
	assert_string_equal(g->reports[0].text, "Two call-outs\nin March.");
	assert_int_equal(g->reports[0].author_id, w.pat);
	assert_int_equal(g->reports[0].submitted_at, t0 - 86400 * 7);
	assert_int_equal(g->reports[0].shared_on, ymd(2024, 3, 14));
	/* the view */
	assert_int_equal(g->n_views, 1);
	assert_int_equal(g->views[0].id, v.id);
	assert_int_equal(g->views[0].child_id, w.c[AVA]);
	assert_string_equal(g->views[0].name, "Pat Lee");
	assert_string_equal(g->views[0].agency, "Police");
	assert_true(g->views[0].met);
	assert_string_equal(g->views[0].reason, "Repeated incidents");
	/* the plan */
	assert_int_equal(g->plan_saved_at, t0 + 60);
	assert_int_equal(g->n_outcomes, 2);
	assert_string_equal(g->outcomes[0].agency, m->outcomes[0].agency);
	assert_string_equal(g->outcomes[0].family, m->outcomes[0].family);
	assert_string_equal(g->outcomes[1].agency, m->outcomes[1].agency);
	assert_string_equal(g->outcomes[1].family, "");
	assert_int_equal(g->n_actions, 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(g->actions[i].outcome, m->actions[i].outcome);
		assert_string_equal(g->actions[i].who, m->actions[i].who);
		assert_string_equal(g->actions[i].what, m->actions[i].what);
		assert_int_equal(g->actions[i].by, m->actions[i].by);
	}
	assert_string_equal(g->contingency, m->contingency);
	assert_string_equal(g->child_seen, m->child_seen);
	assert_int_equal(g->n_core, 2);
	for (int i = 0; i < 2; i++) {
		assert_string_equal(g->core[i].name, m->core[i].name);
		assert_string_equal(g->core[i].agency, m->core[i].agency);
		assert_string_equal(g->core[i].role, m->core[i].role);
		assert_int_equal(g->core[i].staff_id, m->core[i].staff_id);
	}
	/* minutes, documents sent, feedback */
	assert_string_equal(g->minutes, "Minutes\n\tof the conference");
	assert_int_equal(g->minutes_saved_at, t0 + 120);
	assert_int_equal(g->n_sends, 1);
	assert_int_equal(g->sends[0].id, s.id);
	assert_int_equal(g->sends[0].doc, DOC_MINUTES);
	assert_int_equal(g->sends[0].audience, AUD_AGENCIES);
	assert_string_equal(g->sends[0].method, "Secure email");
	assert_string_equal(g->sends[0].recipients, "Police, school");
	assert_int_equal(g->sends[0].sent_at, t0 + 3600);
	assert_int_equal(g->sends[0].sent_by, w.chair_a);
	assert_int_equal(g->n_feedback, 1);
	assert_int_equal(g->feedback[0].id, f.id);
	assert_int_equal(g->feedback[0].from, FEEDBACK_CHILD);
	assert_string_equal(g->feedback[0].name, "Ava");
	assert_int_equal(g->feedback[0].answers[0], 5);
	assert_int_equal(g->feedback[0].answers[1], 4);
	assert_int_equal(g->feedback[0].answers[2], 0);
	assert_int_equal(g->feedback[0].answers[3], 2);
	assert_string_equal(g->feedback[0].comments, "It was long");
	assert_int_equal(g->feedback[0].given_on, ymd(2024, 3, 25));
	assert_int_equal(g->feedback[0].recorded_by, w.sw);
	assert_int_equal(g->feedback[0].recorded_at, t0 + 86400 * 5);

	/* A plan saved again replaces every part. */
	m->n_outcomes = 1;
	m->n_actions = 0;
	m->n_core = 1;
	assert_int_equal(TX(&w, store_meeting_plan_save(w.st, m, 5, w.chair_a,
	    t0 + 240, NULL)), HERR_OK);
	assert_int_equal(store_meeting_get(w.st, m->id, g), HERR_OK);
	assert_int_equal(g->n_outcomes, 1);
	assert_int_equal(g->n_actions, 0);
	assert_int_equal(g->n_core, 1);
	assert_int_equal(g->plan_saved_at, t0 + 240);
	assert_int_equal(rows(&w, "meeting_action"), 0);

	assert_int_equal(store_meeting_get(w.st, 424242, g), HERR_NOTFOUND);
	meeting_free(m);
	meeting_free(g);
	store_close(w.st);
}

static void
test_versions(void **state)
{
	struct world w;
	struct meeting *m = meeting_new();
	struct store_change ch;
	struct meeting_child c;
	struct agency_report r;
	int64_t id, inv, rep, t1 = utc(2024, 3, 18, 10, 0);
	const int kids[] = { AVA, BEN, -1 };

	(void)state;
	world_open(&w, "versions.db");
	id = raw_book(&w, CONF_INITIAL, ymd(2024, 3, 20), 600, w.chair_a,
	    kids);
	assert_int_equal(store_meeting_get(w.st, id, m), HERR_OK);
	/* Writes outside a transaction are refused. */
	assert_int_equal(store_meeting_update(w.st, m, 1, w.sw, t1, NULL),
	    HERR_ENV);
	assert_int_equal(version(&w, id), 1);

	/* Sam moves it to 11:00; a save from version 1 then conflicts and
	 * says Sam saved version 2 at t1. */
	m->minute = 660;
	copy(m->place, sizeof(m->place), "Town Hall");
	assert_int_equal(TX(&w, store_meeting_update(w.st, m, 1, w.sw, t1,
	    NULL)), HERR_OK);
	assert_int_equal(version(&w, id), 2);
	m->minute = 720;
	assert_int_equal(TX(&w, store_meeting_update(w.st, m, 1, w.chair_a,
	    t1 + 5, &ch)), HERR_CONFLICT);
	assert_int_equal(ch.version, 2);
	assert_int_equal(ch.by, w.sw);
	assert_string_equal(ch.by_name, "Sam One");
	assert_int_equal(ch.at, t1);
	assert_int_equal(sql_int(&w, "SELECT minute FROM meeting WHERE id = "
	    "%lld", (long long)id), 660);
	memset(&ch, 0, sizeof(ch));
	assert_int_equal(store_meeting_change(w.st, id, &ch), HERR_OK);
	assert_int_equal(ch.version, 2);
	assert_string_equal(ch.by_name, "Sam One");
	assert_int_equal(store_meeting_change(w.st, 999999, &ch),
	    HERR_NOTFOUND);

	/* Every versioned write refuses version 1 now, changing nothing. */
	memset(&c, 0, sizeof(c));
	c.child_id = w.c[AVA];
	c.part = PART_ATTENDED;
	c.advocate_offered_on = HDAY_NONE;
	assert_int_equal(TX(&w, store_meeting_child_set(w.st, id, &c, 1, w.sw,
	    t1, &ch)), HERR_CONFLICT);
	assert_int_equal(ch.version, 2);
	assert_int_equal(TX(&w, store_meeting_cancel(w.st, id, "Ill", 1, w.sw,
	    t1, NULL)), HERR_CONFLICT);
	assert_int_equal(TX(&w, store_meeting_held(w.st, id, raw_conference(&w),
	    "", 1, w.sw, t1, NULL)), HERR_CONFLICT);
	fill_plan(&w, m);
	assert_int_equal(TX(&w, store_meeting_plan_save(w.st, m, 1, w.sw, t1,
	    NULL)), HERR_CONFLICT);
	assert_int_equal(TX(&w, store_meeting_minutes_save(w.st, id, "M", 1,
	    w.sw, t1, NULL)), HERR_CONFLICT);
	assert_int_equal(version(&w, id), 2);
	assert_int_equal(rows(&w, "meeting_outcome"), 0);
	assert_int_equal(sql_int(&w, "SELECT participation = 'not-recorded' "
	    "FROM meeting_child WHERE child_id = %lld", (long long)w.c[AVA]),
	    1);
	assert_int_equal(sql_int(&w, "SELECT status = 'booked' FROM meeting "
	    "WHERE id = %lld", (long long)id), 1);
	/* A child the meeting is not about: NOTFOUND, and the version the
	 * savepoint moved is put back. */
	c.child_id = w.c[CARA];
	TRY(&w, store_meeting_child_set(w.st, id, &c, 2, w.sw, t1, NULL), {
		assert_int_equal(try_e_, HERR_NOTFOUND);
		assert_int_equal(version(&w, id), 2);
	});
	c.child_id = w.c[AVA];
	assert_int_equal(TX(&w, store_meeting_child_set(w.st, id, &c, 2, w.sw,
	    t1, NULL)), HERR_OK);
	assert_int_equal(version(&w, id), 3);

	/* Rows beside the meeting leave its version alone. */
	inv = raw_invite(&w, id, INVITEE_AGENCY, "Pat Lee", w.police, w.pat,
	    true);
	rep = raw_report(&w, id, inv, HDAY_NONE);
	raw_send(&w, id, DOC_PLAN, AUD_FAMILY, t1);
	assert_int_equal(version(&w, id), 3);
	assert_int_equal(TX(&w, store_invitee_attendance(w.st, id + 1, inv,
	    ATTEND_ATTENDED)), HERR_NOTFOUND);

	/* A report has its own version. */
	memset(&r, 0, sizeof(r));
	r.id = rep;
	r.invitee_id = inv;
	copy(r.text, sizeof(r.text), "Three call-outs.");
	r.author_id = w.quin;
	r.submitted_at = t1;
	r.shared_on = HDAY_NONE;
	assert_int_equal(TX(&w, store_report_update(w.st, &r, 1, w.quin, t1,
	    NULL)), HERR_OK);
	assert_int_equal(TX(&w, store_report_update(w.st, &r, 1, w.pat, t1,
	    &ch)), HERR_CONFLICT);
	assert_int_equal(ch.version, 2);
	assert_string_equal(ch.by_name, "Quin Moss");
	assert_int_equal(TX(&w, store_report_share(w.st, rep, ymd(2024, 3, 14),
	    1, w.sw, t1, &ch)), HERR_CONFLICT);
	assert_int_equal(TX(&w, store_report_share(w.st, rep, ymd(2024, 3, 14),
	    2, w.sw, t1, NULL)), HERR_OK);
	assert_int_equal(sql_int(&w, "SELECT version FROM meeting_report WHERE "
	    "id = %lld", (long long)rep), 3);
	assert_int_equal(TX(&w, store_report_share(w.st, 777, ymd(2024, 3, 14),
	    1, w.sw, t1, NULL)), HERR_NOTFOUND);
	assert_int_equal(version(&w, id), 3);

	/* Cancelling from the right version. */
	assert_int_equal(TX(&w, store_meeting_cancel(w.st, id, "The family "
	    "moved away", 3, w.sw, t1, NULL)), HERR_OK);
	assert_int_equal(store_meeting_get(w.st, id, m), HERR_OK);
	assert_int_equal(m->status, MEETING_CANCELLED);
	assert_string_equal(m->cancel_reason, "The family moved away");
	assert_int_equal(m->version, 4);
	meeting_free(m);
	store_close(w.st);
}

/* The ids of list[n] against want[] (0-terminated). */
static void
ids_are(const struct meeting_summary *list, int n, const int64_t *want,
    const char *what)
{
	int k = 0;

	while (want[k] != 0)
		k++;
	if (n != k)
		fail_msg("%s: %d meetings, expected %d", what, n, k);
	for (int i = 0; i < n; i++)
		if (list[i].id != want[i])
			fail_msg("%s: [%d] is %lld, expected %lld", what, i,
			    (long long)list[i].id, (long long)want[i]);
}

/* Each summary agrees with meeting_summarise of the loaded meeting. */
static void
summaries_agree(struct world *w, const struct meeting_summary *list, int n)
{
	struct meeting *m = meeting_new();
	struct meeting_summary s;

	for (int i = 0; i < n; i++) {
		const struct meeting_summary *x = &list[i];

		assert_int_equal(store_meeting_get(w->st, x->id, m), HERR_OK);
		meeting_summarise(m, &s);
		assert_int_equal(x->kind, s.kind);
		assert_int_equal(x->status, s.status);
		assert_int_equal(x->date, s.date);
		assert_int_equal(x->minute, s.minute);
		assert_string_equal(x->place, s.place);
		assert_int_equal(x->chair_id, s.chair_id);
		assert_int_equal(x->n_children, s.n_children);
		for (int k = 0; k < s.n_children; k++)
			assert_int_equal(x->child_ids[k], s.child_ids[k]);
		assert_int_equal(x->reports_expected, s.reports_expected);
		assert_int_equal(x->reports_in, s.reports_in);
		assert_int_equal(x->reports_shared, s.reports_shared);
		assert_int_equal(x->plan_saved, s.plan_saved);
		assert_int_equal(x->minutes_saved, s.minutes_saved);
		assert_int_equal(x->all_sent_at, s.all_sent_at);
	}
	meeting_free(m);
}

static void
test_lists(void **state)
{
	struct world w;
	struct meeting_summary list[16];
	struct meeting *m = meeting_new();
	int64_t m1, m2, m3, m4, m5, m6, m7, i1, i2, t5;
	bool yes;
	int n;
	const int ava_ben[] = { AVA, BEN, -1 }, cara[] = { CARA, -1 },
	    ava[] = { AVA, -1 }, ben[] = { BEN, -1 };

	(void)state;
	world_open(&w, "lists.db");
	/* Booked: M1 (10 Apr, 10:00, chair A, Ava and Ben), M2 (10 Apr,
	 * 14:00, chair B, Cara), M3 (1 May, no chair, Ava). M4 cancelled
	 * (11 Apr, chair A, Ben).  Held: M5 (20 Mar, chair A, Cara, all
	 * sent), M6 (21 Mar, chair A, Ava, plan to the family only), M7 (22
	 * Mar, chair B, Ben, nothing sent). */
	m1 = raw_book(&w, CONF_INITIAL, ymd(2024, 4, 10), 600, w.chair_a,
	    ava_ben);
	m2 = raw_book(&w, CONF_REVIEW, ymd(2024, 4, 10), 840, w.chair_b, cara);
	m3 = raw_book(&w, CONF_REVIEW, ymd(2024, 5, 1), 600, 0, ava);
	m4 = raw_book(&w, CONF_INITIAL, ymd(2024, 4, 11), 600, w.chair_a, ben);
	assert_int_equal(TX(&w, store_meeting_cancel(w.st, m4, "Moved", 1,
	    w.sw, now(), NULL)), HERR_OK);
	m5 = raw_book(&w, CONF_INITIAL, ymd(2024, 3, 20), 600, w.chair_a,
	    cara);
	m6 = raw_book(&w, CONF_INITIAL, ymd(2024, 3, 21), 600, w.chair_a, ava);
	m7 = raw_book(&w, CONF_INITIAL, ymd(2024, 3, 22), 600, w.chair_b, ben);
	raw_held(&w, m5);
	raw_held(&w, m6);
	raw_held(&w, m7);
	assert_int_equal(store_meeting_get(w.st, m5, m), HERR_OK);
	fill_plan(&w, m);
	assert_int_equal(TX(&w, store_meeting_plan_save(w.st, m, 2, w.chair_a,
	    now(), NULL)), HERR_OK);
	assert_int_equal(TX(&w, store_meeting_minutes_save(w.st, m5, "M", 3,
	    w.chair_a, now(), NULL)), HERR_OK);
	t5 = utc(2024, 3, 20, 9, 0);
	raw_send(&w, m5, DOC_PLAN, AUD_FAMILY, t5 + 3600);
	raw_send(&w, m5, DOC_PLAN, AUD_FAMILY, t5 + 99 * 3600);
	raw_send(&w, m5, DOC_PLAN, AUD_AGENCIES, t5 + 2 * 3600);
	raw_send(&w, m5, DOC_MINUTES, AUD_FAMILY, t5 + 50 * 3600);
	raw_send(&w, m5, DOC_MINUTES, AUD_AGENCIES, t5 + 30 * 3600);
	raw_send(&w, m6, DOC_PLAN, AUD_FAMILY, t5 + 86400);
	/* Invitations: Pat to M1 (personally, reporting and shared) and
	 * to M5; the police to M2 (no one named); a report not expected on
	 * M1 from Quin. */
	i1 = raw_invite(&w, m1, INVITEE_AGENCY, "Pat Lee", w.police, w.pat,
	    true);
	raw_report(&w, m1, i1, ymd(2024, 4, 1));
	i2 = raw_invite(&w, m1, INVITEE_AGENCY, "Quin Moss", 0, w.quin,
	    false);
	raw_report(&w, m1, i2, HDAY_NONE);
	raw_invite(&w, m1, INVITEE_AGENCY, "DS Patel", 0, 0, true);
	raw_invite(&w, m1, INVITEE_FAMILY, "Amy Okafor", 0, 0, false);
	raw_invite(&w, m2, INVITEE_AGENCY, "Duty officer", w.police, 0, true);
	raw_invite(&w, m5, INVITEE_AGENCY, "Pat Lee", w.police, w.pat, true);

	/* Booked, every chair, in April: M1 then M2 (the same day, by
	 * time); to the end of May adds M3; never the cancelled M4. */
	assert_int_equal(store_meetings_booked(w.st, 0, ymd(2024, 4, 1),
	    ymd(2024, 4, 30), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, m2, 0 }, "booked in April");
	summaries_agree(&w, list, n);
	assert_int_equal(list[0].n_children, 2);
	assert_int_equal(list[0].child_ids[0], w.c[AVA]);
	assert_int_equal(list[0].child_ids[1], w.c[BEN]);
	assert_int_equal(list[0].reports_expected, 2);
	assert_int_equal(list[0].reports_in, 1);
	assert_int_equal(list[0].reports_shared, 1);
	assert_int_equal(list[1].kind, CONF_REVIEW);
	assert_int_equal(list[1].chair_id, w.chair_b);
	assert_int_equal(store_meetings_booked(w.st, 0, ymd(2024, 4, 1),
	    ymd(2024, 5, 31), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, m2, m3, 0 }, "booked to May");
	assert_int_equal(list[2].chair_id, 0);
	assert_int_equal(store_meetings_booked(w.st, 0, ymd(2024, 4, 1),
	    ymd(2024, 5, 31), list, 1, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, 0 }, "booked, at most one");
	assert_int_equal(list[0].n_children, 2);
	assert_int_equal(store_meetings_booked(w.st, w.chair_a, ymd(2024, 1, 1),
	    ymd(2024, 12, 31), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, 0 }, "booked for chair A");
	assert_int_equal(store_meetings_booked(w.st, w.chair_b, ymd(2024, 4, 1),
	    ymd(2024, 4, 10), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m2, 0 }, "booked for chair B");
	assert_int_equal(store_meetings_booked(w.st, 0, ymd(2024, 4, 11),
	    ymd(2024, 4, 30), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ 0 }, "booked after the 10th");

	/* Unsent: held with any of the four missing, oldest first. */
	assert_int_equal(store_meetings_unsent(w.st, 0, list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m6, m7, 0 }, "unsent");
	summaries_agree(&w, list, n);
	assert_int_equal(list[0].all_sent_at, 0);
	assert_int_equal(store_meetings_unsent(w.st, w.chair_a, list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m6, 0 }, "unsent for chair A");
	assert_int_equal(store_meetings_unsent(w.st, w.chair_b, list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m7, 0 }, "unsent for chair B");

	/* A child's meetings, newest first, whatever their state. */
	assert_int_equal(store_meetings_child(w.st, w.c[AVA], list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m3, m1, m6, 0 }, "Ava's");
	summaries_agree(&w, list, n);
	assert_int_equal(store_meetings_child(w.st, w.c[BEN], list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m4, m1, m7, 0 }, "Ben's");
	assert_int_equal(list[0].status, MEETING_CANCELLED);
	assert_int_equal(store_meetings_child(w.st, w.c[CARA], list, 16, &n),
	    HERR_OK);
	ids_are(list, n, (int64_t[]){ m2, m5, 0 }, "Cara's");
	summaries_agree(&w, list, n);
	/* M5: every document sent; the last first-send was the minutes to
	 * the family at 50 hours. */
	assert_true(list[1].plan_saved);
	assert_true(list[1].minutes_saved);
	assert_int_equal(list[1].all_sent_at, t5 + 50 * 3600);
	assert_int_equal(store_meetings_child(w.st, w.c[DAN], list, 16, &n),
	    HERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_meetings_child(w.st, w.c[AVA], list, 0, &n),
	    HERR_OK);
	assert_int_equal(n, 0);

	/* A partner's invitations from 1 April: as Pat (M1) and through
	 * the police (M2); M5 is before the 1st. */
	assert_int_equal(store_meetings_invited(w.st, w.pat, w.police,
	    ymd(2024, 4, 1), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, m2, 0 }, "Pat and the police");
	summaries_agree(&w, list, n);
	assert_int_equal(store_meetings_invited(w.st, w.pat, w.police,
	    ymd(2024, 1, 1), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m5, m1, m2, 0 }, "since January");
	assert_int_equal(store_meetings_invited(w.st, w.pat, 0,
	    ymd(2024, 4, 1), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, 0 }, "Pat alone");
	assert_int_equal(store_meetings_invited(w.st, w.quin, 0,
	    ymd(2024, 4, 1), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ m1, 0 }, "Quin alone");
	assert_int_equal(store_meetings_invited(w.st, w.sw, w.la,
	    ymd(2024, 1, 1), list, 16, &n), HERR_OK);
	ids_are(list, n, (int64_t[]){ 0 }, "the council's");

	/* One meeting: as the staff member or through the agency. */
	assert_int_equal(store_meeting_invited(w.st, m1, w.pat, w.police,
	    &yes), HERR_OK);
	assert_true(yes);
	assert_int_equal(store_meeting_invited(w.st, m1, w.pat, 0, &yes),
	    HERR_OK);
	assert_true(yes);
	assert_int_equal(store_meeting_invited(w.st, m2, w.quin, w.police,
	    &yes), HERR_OK);
	assert_true(yes);
	assert_int_equal(store_meeting_invited(w.st, m2, w.quin, 0, &yes),
	    HERR_OK);
	assert_false(yes);
	assert_int_equal(store_meeting_invited(w.st, m3, w.pat, w.police,
	    &yes), HERR_OK);
	assert_false(yes);
	assert_int_equal(store_meeting_invited(w.st, m1, w.sw, w.la, &yes),
	    HERR_OK);
	assert_false(yes);
	meeting_free(m);
	store_close(w.st);
}

/* ------------------------------------------------------------- the door */

static struct meeting *
icpc_for(struct world *w, const int *kids, hday day)
{
	struct meeting *m = meeting_new();

	m->kind = CONF_INITIAL;
	m->date = day;
	m->minute = 600;
	copy(m->place, sizeof(m->place), "Civic Centre, room 2");
	m->chair_id = w->chair_a;
	for (int i = 0; kids[i] >= 0; i++) {
		m->children[m->n_children].child_id = w->c[kids[i]];
		m->children[m->n_children++].advocate_offered_on = HDAY_NONE;
	}
	return m;
}

static void
test_record_icpc(void **state)
{
	struct world w;
	struct store_change ch;
	struct journey_ctx cx, chair, partner;
	struct journey *j = journey_new();
	struct meeting *m, *other, *g = meeting_new();
	struct meeting_summary list[4];
	struct sos_warnings warn;
	struct invitee fam, ag;
	struct agency_report r;
	struct meeting_child c;
	struct threshold_view v;
	struct conference conf;
	struct meeting_send s;
	struct feedback f;
	struct hdiag d;
	enum attendance att[2] = { ATTEND_ATTENDED, ATTEND_APOLOGIES };
	const struct plan *cp;
	int64_t s47, start = utc(2024, 3, 20, 10, 0);	/* GMT in March */
	int n;
	const int ava[] = { AVA, -1 }, cara[] = { CARA, -1 };

	(void)state;
	world_open(&w, "icpc.db");
	cx = ctx(w.sw, &ch);
	chair = ctx(w.chair_a, &ch);
	partner = ctx(w.pat, &ch);
	s47 = to_icpc(&w, AVA);

	/* Booked for Wednesday 20 March 2024. */
	m = icpc_for(&w, ava, ymd(2024, 3, 20));
	assert_int_equal(TX(&w, record_meeting_book(w.st, m, &cx, &d)),
	    HERR_OK);
	assert_true(m->id > 0);
	assert_int_equal(version(&w, m->id), 1);
	assert_int_equal(sql_int(&w, "SELECT booked_by FROM meeting WHERE id "
	    "= %lld", (long long)m->id), w.sw);

	/* Not twice on one day; not a review without a plan; not an ICPC
	 * for a child with no enquiry; not on Good Friday. */
	other = icpc_for(&w, ava, ymd(2024, 3, 20));
	other->minute = 840;
	assert_int_equal(TX(&w, record_meeting_book(w.st, other, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "children");
	assert_non_null(strstr(d.msg, "Ava Okafor is already in a conference "
	    "booked on 2024-03-20"));
	other->kind = CONF_REVIEW;
	other->date = ymd(2024, 3, 21);
	assert_int_equal(TX(&w, record_meeting_book(w.st, other, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "children");
	assert_non_null(strstr(d.msg, "no open child protection plan"));
	meeting_free(other);
	other = icpc_for(&w, cara, ymd(2024, 3, 21));
	assert_int_equal(TX(&w, record_meeting_book(w.st, other, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "children");
	assert_non_null(strstr(d.msg, "Cara Hughes has no section 47"));
	other->date = ymd(2024, 3, 29);
	assert_int_equal(TX(&w, record_meeting_book(w.st, other, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "date");
	assert_non_null(strstr(d.msg, "Good Friday"));
	other->children[0].child_id = 987654;
	other->date = ymd(2024, 3, 21);
	assert_int_equal(TX(&w, record_meeting_book(w.st, other, &cx, &d)),
	    HERR_NOTFOUND);
	assert_string_equal(d.field, "children");
	meeting_free(other);
	assert_int_equal(rows(&w, "meeting"), 1);

	/* Moved to 10:00 from a stale version: a conflict naming Sam. */
	m->minute = 570;
	assert_int_equal(TX(&w, record_meeting_update(w.st, m, 1, &cx, &d)),
	    HERR_OK);
	m->minute = 600;
	assert_int_equal(TX(&w, record_meeting_update(w.st, m, 1, &chair,
	    &d)), HERR_CONFLICT);
	assert_int_equal(ch.version, 2);
	assert_string_equal(ch.by_name, "Sam One");
	assert_int_equal(TX(&w, record_meeting_update(w.st, m, 2, &cx, &d)),
	    HERR_OK);
	assert_int_equal(version(&w, m->id), 3);

	/* Invitations, the police report (Pat writes it), shared. */
	memset(&fam, 0, sizeof(fam));
	fam.kind = INVITEE_FAMILY;
	copy(fam.name, sizeof(fam.name), "Amy Okafor");
	fam.invited_on = ymd(2024, 3, 15);
	fam.report_expected = true;	/* ignored: not an agency */
	assert_int_equal(TX(&w, record_invitee_add(w.st, m->id, &fam, &cx,
	    &d)), HERR_OK);
	memset(&ag, 0, sizeof(ag));
	ag.kind = INVITEE_AGENCY;
	copy(ag.name, sizeof(ag.name), "Pat Lee");
	copy(ag.agency, sizeof(ag.agency), "Northshire Police");
	ag.agency_id = w.police;
	ag.staff_id = w.pat;
	ag.invited_on = ymd(2024, 3, 15);
	ag.report_expected = true;
	assert_int_equal(TX(&w, record_invitee_add(w.st, m->id, &ag, &cx,
	    &d)), HERR_OK);
	ag.id = 0;
	ag.invited_on = ymd(2024, 3, 21);
	assert_int_equal(TX(&w, record_invitee_add(w.st, m->id, &ag, &cx,
	    &d)), HERR_INVALID);
	assert_string_equal(d.field, "invited_on");
	assert_int_equal(rows(&w, "meeting_invitee"), 2);
	assert_int_equal(sql_int(&w, "SELECT report_expected FROM "
	    "meeting_invitee WHERE name = 'Amy Okafor'"), 0);
	ag.id = sql_int(&w, "SELECT id FROM meeting_invitee WHERE name = "
	    "'Pat Lee'");
	memset(&r, 0, sizeof(r));
	r.invitee_id = fam.id;
	copy(r.text, sizeof(r.text), "From the family");
	assert_int_equal(TX(&w, record_report_submit(w.st, m->id, &r, 0,
	    &partner, &d)), HERR_INVALID);
	assert_string_equal(d.field, "invitee_id");
	r.invitee_id = ag.id;
	r.shared_on = HDAY_NONE;
	copy(r.text, sizeof(r.text), "Two call-outs in March.");
	assert_int_equal(TX(&w, record_report_submit(w.st, m->id, &r, 0,
	    &partner, &d)), HERR_OK);
	assert_int_equal(r.version, 1);
	assert_int_equal(r.author_id, w.pat);
	assert_int_equal(r.submitted_at, now());
	copy(r.text, sizeof(r.text), "Three call-outs in March.");
	assert_int_equal(TX(&w, record_report_submit(w.st, m->id, &r, 1,
	    &partner, &d)), HERR_OK);
	assert_int_equal(r.version, 2);
	assert_int_equal(TX(&w, record_report_submit(w.st, m->id, &r, 1,
	    &partner, &d)), HERR_CONFLICT);
	assert_int_equal(TX(&w, record_report_share(w.st, m->id, r.id,
	    ymd(2025, 1, 2), 2, &cx, &d)), HERR_INVALID);
	assert_string_equal(d.field, "shared_on");
	assert_int_equal(TX(&w, record_report_share(w.st, m->id, r.id,
	    ymd(2024, 3, 14), 2, &cx, &d)), HERR_OK);
	assert_int_equal(TX(&w, record_report_submit(w.st, m->id, &r, 3,
	    &partner, &d)), HERR_INVALID);
	assert_string_equal(d.field, "text");
	assert_non_null(strstr(d.msg, "shared with the family on 2024-03-14"));
	assert_int_equal(version(&w, m->id), 3);

	/* Ava (8) took part in writing; a view; everyone's attendance. */
	memset(&c, 0, sizeof(c));
	c.child_id = w.c[AVA];
	c.part = PART_WRITTEN;
	copy(c.part_note, sizeof(c.part_note), "A letter to the chair");
	c.advocate_offered_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_participation_set(w.st, m->id, &c, 3,
	    &cx, &d)), HERR_OK);
	memset(&v, 0, sizeof(v));
	v.child_id = w.c[AVA];
	copy(v.name, sizeof(v.name), "Pat Lee");
	copy(v.agency, sizeof(v.agency), "Police");
	v.met = true;
	copy(v.reason, sizeof(v.reason), "Repeated incidents");
	assert_int_equal(TX(&w, record_view_add(w.st, m->id, &v, &cx, &d)),
	    HERR_OK);
	assert_int_equal(TX(&w, record_attendance_set(w.st, m->id, att, 1, 4,
	    &cx, &d)), HERR_INVALID);
	assert_string_equal(d.field, "attendance");
	assert_int_equal(TX(&w, record_attendance_set(w.st, m->id, att, 2, 4,
	    &cx, &d)), HERR_OK);
	assert_int_equal(version(&w, m->id), 5);
	assert_int_equal(TX(&w, record_attendance_set(w.st, m->id, att, 2, 4,
	    &cx, &d)), HERR_CONFLICT);

	/* The plan cannot come before the decision. */
	fill_plan(&w, m);
	assert_int_equal(TX(&w, record_meeting_plan_save(w.st, m, 5, &chair,
	    &warn, &d)), HERR_INVALID);
	assert_string_equal(d.field, "outcomes");

	/* The chair decides: a plan under neglect. */
	memset(&conf, 0, sizeof(conf));
	conf.n_children = 1;
	conf.children[0].decision = CDEC_PLAN;
	conf.children[0].category = ABUSE_NEGLECT;
	assert_int_equal(TX(&w, record_meeting_decide(w.st, m->id, &conf,
	    "Amy Okafor disagrees with the category", 5, &chair, &d)),
	    HERR_OK);
	assert_true(conf.id > 0);
	assert_int_equal(conf.kind, CONF_INITIAL);
	assert_int_equal(conf.held_date, ymd(2024, 3, 20));
	assert_int_equal(conf.children[0].child_id, w.c[AVA]);
	assert_int_equal(conf.children[0].s47_id, s47);
	assert_true(conf.children[0].plan_id > 0);
	assert_int_equal(store_meeting_get(w.st, m->id, g), HERR_OK);
	assert_int_equal(g->status, MEETING_HELD);
	assert_int_equal(g->conference_id, conf.id);
	assert_int_equal(g->version, 6);
	assert_string_equal(g->dissent, "Amy Okafor disagrees with the "
	    "category");
	assert_int_equal(sql_int(&w, "SELECT chair_id FROM conference WHERE "
	    "id = %lld", (long long)conf.id), w.chair_a);
	assert_int_equal(store_journey_load(w.st, w.c[AVA], j, &d), HERR_OK);
	assert_non_null(cp = journey_open_plan(j, PLAN_CP));
	assert_int_equal(cp->id, conf.children[0].plan_id);
	assert_int_equal(cp->start_date, ymd(2024, 3, 20));
	assert_int_equal(cp->conference_id, conf.id);
	assert_int_equal(cp->initial_category, ABUSE_NEGLECT);
	assert_int_equal(cp->n_core_group, 0);
	/* Once only. */
	assert_int_equal(TX(&w, record_meeting_decide(w.st, m->id, &conf, "",
	    6, &chair, &d)), HERR_INVALID);
	assert_string_equal(d.field, "decision");
	assert_int_equal(rows(&w, "conference"), 1);

	/* The plan, with its core group, which lands on Ava's CP plan. */
	assert_int_equal(TX(&w, record_meeting_plan_save(w.st, m, 6, &chair,
	    &warn, &d)), HERR_OK);
	assert_int_equal(warn.n, 1);
	assert_string_equal(warn.w[0].field, "outcomes[1].family");
	assert_int_equal(store_journey_load(w.st, w.c[AVA], j, &d), HERR_OK);
	assert_non_null(cp = journey_open_plan(j, PLAN_CP));
	assert_int_equal(cp->n_core_group, 2);
	assert_string_equal(cp->core_group[0].name, "Sam One");
	assert_string_equal(cp->core_group[0].agency, "Children's services");
	assert_int_equal(cp->core_group[0].staff_id, w.sw);
	assert_string_equal(cp->core_group[1].name, "Amy Okafor");
	assert_string_equal(cp->core_group[1].role, "Mother");
	assert_int_equal(cp->version, 2);
	assert_int_equal(store_meeting_get(w.st, m->id, g), HERR_OK);
	assert_int_equal(g->plan_saved_at, now());
	assert_int_equal(g->n_outcomes, 2);
	assert_int_equal(g->version, 7);

	/* Minutes, the four documents, feedback. */
	assert_int_equal(TX(&w, record_minutes_save(w.st, m->id, "", 7, &chair,
	    &d)), HERR_INVALID);
	assert_string_equal(d.field, "minutes");
	assert_int_equal(TX(&w, record_minutes_save(w.st, m->id, "The "
	    "conference met.\nAll agreed.", 7, &chair, &d)), HERR_OK);
	for (int k = 0; k < DOC__COUNT * AUD__COUNT; k++) {
		memset(&s, 0, sizeof(s));
		s.doc = (enum doc_kind)(k / AUD__COUNT);
		s.audience = (enum doc_audience)(k % AUD__COUNT);
		copy(s.method, sizeof(s.method), "Email");
		s.sent_at = start + (k + 1) * 3600;
		assert_int_equal(TX(&w, record_send_add(w.st, m->id, &s, &chair,
		    &d)), HERR_OK);
		assert_int_equal(s.sent_by, w.chair_a);
	}
	s.sent_at = start - 60;
	assert_int_equal(TX(&w, record_send_add(w.st, m->id, &s, &chair, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "sent_at");
	memset(&f, 0, sizeof(f));
	f.from = FEEDBACK_PARENT;
	f.answers[0] = 4;
	f.answers[2] = 5;
	f.given_on = ymd(2024, 3, 20);
	assert_int_equal(TX(&w, record_feedback_add(w.st, m->id, &f, &cx, &d)),
	    HERR_OK);
	assert_int_equal(f.recorded_by, w.sw);
	assert_int_equal(f.recorded_at, now());
	assert_int_equal(store_meetings_child(w.st, w.c[AVA], list, 4, &n),
	    HERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].status, MEETING_HELD);
	assert_true(list[0].plan_saved);
	assert_true(list[0].minutes_saved);
	assert_int_equal(list[0].reports_expected, 1);
	assert_int_equal(list[0].reports_shared, 1);
	assert_int_equal(list[0].all_sent_at, start + 4 * 3600);
	assert_int_equal(store_meetings_unsent(w.st, 0, list, 4, &n), HERR_OK);
	assert_int_equal(n, 0);

	/* Every step answers NOTFOUND for no meeting. */
	assert_int_equal(TX(&w, record_minutes_save(w.st, 5555, "M", 1, &chair,
	    &d)), HERR_NOTFOUND);
	assert_string_equal(d.field, "id");
	journey_free(j);
	meeting_free(m);
	meeting_free(g);
	store_close(w.st);
}

static void
test_record_refusals(void **state)
{
	struct world w;
	struct store_change ch;
	struct journey_ctx cx, chair;
	struct meeting *m, *rv;
	struct meeting_child c;
	struct conference conf;
	struct feedback f;
	struct meeting_send s;
	struct hdiag d;
	int64_t conferences, plans, due, v;
	const int ben_cara[] = { BEN, CARA, -1 }, ben[] = { BEN, -1 };

	(void)state;
	world_open(&w, "refuse.db");
	cx = ctx(w.sw, &ch);
	chair = ctx(w.chair_a, &ch);
	to_icpc(&w, BEN);
	to_icpc(&w, CARA);
	m = icpc_for(&w, ben_cara, ymd(2024, 3, 20));
	assert_int_equal(TX(&w, record_meeting_book(w.st, m, &cx, &d)),
	    HERR_OK);

	/* Walsall: Cara is 10 on the day (born 1 January 2014), so her
	 * participation needs the advocate offer. */
	memset(&c, 0, sizeof(c));
	c.child_id = w.c[CARA];
	c.part = PART_ATTENDED;
	c.advocate_offered_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_participation_set(w.st, m->id, &c, 1,
	    &cx, &d)), HERR_INVALID);
	assert_string_equal(d.field, "advocate_offered_on");
	assert_non_null(strstr(d.msg, "is 10 on the conference date "
	    "2024-03-20"));
	assert_int_equal(version(&w, m->id), 1);
	c.advocate_offered_on = ymd(2024, 3, 18);
	assert_int_equal(TX(&w, record_participation_set(w.st, m->id, &c, 1,
	    &cx, &d)), HERR_OK);
	c.child_id = w.c[DAN];
	assert_int_equal(TX(&w, record_participation_set(w.st, m->id, &c, 2,
	    &cx, &d)), HERR_INVALID);
	assert_string_equal(d.field, "child_id");

	/* Before the decision: no plan, minutes, documents or feedback. */
	assert_int_equal(TX(&w, record_minutes_save(w.st, m->id, "M", 2,
	    &chair, &d)), HERR_INVALID);
	assert_string_equal(d.field, "minutes");
	memset(&f, 0, sizeof(f));
	f.from = FEEDBACK_PARENT;
	f.answers[0] = 4;
	f.given_on = ymd(2024, 3, 20);
	assert_int_equal(TX(&w, record_feedback_add(w.st, m->id, &f, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "given_on");
	memset(&s, 0, sizeof(s));
	copy(s.method, sizeof(s.method), "Email");
	s.sent_at = now();
	assert_int_equal(TX(&w, record_send_add(w.st, m->id, &s, &chair, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "doc");
	assert_int_equal(rows(&w, "meeting_feedback") + rows(&w,
	    "meeting_send"), 0);

	/* A decision the journey refuses (no category for Cara's plan)
	 * writes nothing: looked at inside the transaction, before the
	 * rollback. */
	conferences = rows(&w, "conference");
	plans = rows(&w, "plan");
	due = rows(&w, "due");
	memset(&conf, 0, sizeof(conf));
	conf.n_children = 2;
	conf.children[0].decision = CDEC_PLAN;
	conf.children[0].category = ABUSE_NEGLECT;
	conf.children[1].decision = CDEC_PLAN;
	TRY(&w, record_meeting_decide(w.st, m->id, &conf, "", 2, &chair, &d),
	    {
		assert_int_equal(try_e_, HERR_INVALID);
		assert_string_equal(d.field, "child_1.category");
		assert_int_equal(rows(&w, "conference"), conferences);
		assert_int_equal(rows(&w, "conference_child"), 0);
		assert_int_equal(rows(&w, "plan"), plans);
		assert_int_equal(rows(&w, "due"), due);
		assert_int_equal(version(&w, m->id), 2);
	    });
	/* Children missing, or out of order. */
	conf.n_children = 1;
	TRY(&w, record_meeting_decide(w.st, m->id, &conf, "", 2, &chair, &d),
	    {
		assert_int_equal(try_e_, HERR_INVALID);
		assert_string_equal(d.field, "children");
		assert_int_equal(rows(&w, "conference"), conferences);
	    });
	conf.n_children = 2;
	conf.children[1].category = ABUSE_PHYSICAL;
	conf.children[0].child_id = w.c[CARA];
	TRY(&w, record_meeting_decide(w.st, m->id, &conf, "", 2, &chair, &d),
	    {
		assert_int_equal(try_e_, HERR_INVALID);
		assert_string_equal(d.field, "children");
	    });
	conf.children[0].child_id = 0;
	conf.children[1].child_id = 0;
	/* A stale version: a conflict, naming who saved. */
	TRY(&w, record_meeting_decide(w.st, m->id, &conf, "", 1, &chair, &d),
	    {
		assert_int_equal(try_e_, HERR_CONFLICT);
		assert_int_equal(ch.version, 2);
		assert_string_equal(ch.by_name, "Sam One");
		assert_int_equal(rows(&w, "conference"), conferences);
		assert_int_equal(rows(&w, "plan"), plans);
	    });
	/* Decided now, for both. */
	assert_int_equal(TX(&w, record_meeting_decide(w.st, m->id, &conf, "",
	    2, &chair, &d)), HERR_OK);
	assert_int_equal(rows(&w, "plan WHERE kind = 'cp'"), 2);

	/* A plan whose core group breaks the journey's rule is refused
	 * before anything is written. */
	fill_plan(&w, m);
	m->core[1].role[0] = '\0';
	TRY(&w, record_meeting_plan_save(w.st, m, 3, &chair, NULL, &d), {
		assert_int_equal(try_e_, HERR_INVALID);
		assert_string_equal(d.field, "core[1].agency");
		assert_int_equal(rows(&w, "meeting_outcome"), 0);
		assert_int_equal(rows(&w, "journey_person WHERE owner_kind = "
		    "'core-group'"), 0);
		assert_int_equal(version(&w, m->id), 3);
	});

	/* A review for Ben, booked while his plan runs; the plan then
	 * ends (he moved away), and the review's decision is refused
	 * with nothing written. */
	rv = meeting_new();
	rv->kind = CONF_REVIEW;
	rv->date = ymd(2024, 6, 19);
	rv->minute = 600;
	copy(rv->place, sizeof(rv->place), "Civic Centre");
	rv->chair_id = w.chair_a;
	rv->n_children = 1;
	rv->children[0].child_id = w.c[BEN];
	rv->children[0].advocate_offered_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_meeting_book(w.st, rv, &cx, &d)),
	    HERR_OK);
	assert_int_equal(TX(&w, record_plan_end(w.st, w.c[BEN], sql_int(&w,
	    "SELECT id FROM plan WHERE child_id = %lld AND kind = 'cp'",
	    (long long)w.c[BEN]), ymd(2024, 5, 1), PLANEND_MOVED_LA, &cx, &d)),
	    HERR_OK);
	conferences = rows(&w, "conference");
	plans = rows(&w, "plan");
	v = version(&w, rv->id);
	memset(&conf, 0, sizeof(conf));
	conf.n_children = 1;
	conf.children[0].decision = CDEC_CONTINUE;
	conf.children[0].category = ABUSE_NEGLECT;
	TRY(&w, record_meeting_decide(w.st, rv->id, &conf, "", v, &chair, &d),
	    {
		assert_int_equal(try_e_, HERR_INVALID);
		assert_string_equal(d.field, "plan_id");
		assert_non_null(strstr(d.msg, "has none"));
		assert_int_equal(rows(&w, "conference"), conferences);
		assert_int_equal(rows(&w, "plan"), plans);
		assert_int_equal(version(&w, rv->id), v);
		assert_int_equal(sql_int(&w, "SELECT status = 'booked' FROM "
		    "meeting WHERE id = %lld", (long long)rv->id), 1);
	    });
	/* ... and Ben cannot be booked for another review now. */
	meeting_free(rv);
	rv = icpc_for(&w, ben, ymd(2024, 6, 20));
	rv->kind = CONF_REVIEW;
	assert_int_equal(TX(&w, record_meeting_book(w.st, rv, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "children");

	/* A meeting in the future: no attendance or decision yet; then
	 * cancelled, after which it cannot be changed. */
	meeting_free(rv);
	rv = icpc_for(&w, ben, ymd(2025, 1, 8));
	rv->kind = CONF_TRANSFER_IN;
	rv->notified_date = ymd(2024, 12, 30);
	TRY(&w, record_meeting_book(w.st, rv, &cx, &d), {
		/* Ben still has an open plan?  No: it ended, so a
		 * transfer-in fits. */
		assert_int_equal(try_e_, HERR_OK);
		assert_int_equal(record_attendance_set(w.st, rv->id, NULL, 0, 1,
		    &cx, &d), HERR_INVALID);
		assert_string_equal(d.field, "attendance");
		assert_non_null(strstr(d.msg, "on or after the conference "
		    "day, 2025-01-08"));
		assert_int_equal(record_meeting_decide(w.st, rv->id, &conf, "",
		    1, &chair, &d), HERR_INVALID);
		assert_string_equal(d.field, "date");
		assert_int_equal(record_meeting_cancel(w.st, rv->id, "", 1,
		    &cx, &d), HERR_INVALID);
		assert_string_equal(d.field, "reason");
		assert_int_equal(record_meeting_cancel(w.st, rv->id, "Ben's "
		    "family stayed", 1, &cx, &d), HERR_OK);
		assert_int_equal(record_meeting_update(w.st, rv, 2, &cx, &d),
		    HERR_INVALID);
		assert_non_null(strstr(d.msg, "cancelled"));
	});
	meeting_free(rv);
	meeting_free(m);
	store_close(w.st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_record_icpc),
		cmocka_unit_test(test_record_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
