/*
 * test_store_sos.c: Signs of Safety's store (store_sos.h) and its door
 * (record_sos.c): a map revision survives a round trip whole; saving
 * never overwrites a revision but adds one, with the history newest first
 * and who made each; a stale starting revision is refused naming who
 * saved first, with nothing written; a family's map is the latest for each
 * child it covers until one of them gets a newer one; ratings come back in
 * date order (the latest kept past a cap) and by conference; a repeated
 * rating is refused; direct work is listed newest first and its versioned
 * update refuses a stale version; writes refuse to run outside a
 * transaction.
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

#include "core/record.h"
#include "core/text.h"
#include "store/store_case.h"
#include "store/store_internal.h"
#include "store/store_sos.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-sos-XXXXXX");
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

/* Sam (social worker) and Wyn (chair); Amy and Ben Hughes, siblings;
 * Cara Price; conference 1 about Amy and Ben on 2024-11-04, conference
 * 2 about Cara. */
struct world {
	struct store *st;
	int64_t la, sam, wyn, amy, ben, cara, m1, m2;
};

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

static int64_t
child_add(struct world *w, const char *la_id, const char *given,
    const char *family)
{
	struct child c;
	struct hdiag d;

	child_init(&c);
	copy(c.given_name, sizeof(c.given_name), given);
	copy(c.family_name, sizeof(c.family_name), family);
	c.birth_date = ymd(2015, 6, 1);
	c.sex = 'F';
	copy(c.ethnicity, sizeof(c.ethnicity), "WBRI");
	copy(c.la_child_id, sizeof(c.la_child_id), la_id);
	assert_int_equal(record_child_add(w->st, &c, today(), &d), HERR_OK);
	return c.id;
}

static void
exec(struct world *w, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(store_db(w->st), sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : "?");
}

static void exec_f(struct world *w, const char *fmt, ...) HEARTH_PRINTF(2, 3);
static void
exec_f(struct world *w, const char *fmt, ...)
{
	char sql[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	exec(w, sql);
}

static int64_t
sql_int(struct world *w, const char *fmt, ...) HEARTH_PRINTF(2, 3);
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

/* A booked conference about the children given (raw rows: the meeting
 * rules are not what this file tests). */
static int64_t
meeting_add(struct world *w, const char *date, int64_t c1, int64_t c2)
{
	int64_t id;

	exec_f(w, "INSERT INTO meeting (kind, date, minute, place, chair_id, "
	    "booked_at) VALUES ('icpc', '%s', 600, 'Civic Centre', %lld, 1)",
	    date, (long long)w->wyn);
	id = sqlite3_last_insert_rowid(store_db(w->st));
	exec_f(w, "INSERT INTO meeting_child (meeting_id, seq, child_id) "
	    "VALUES (%lld, 0, %lld)", (long long)id, (long long)c1);
	if (c2 > 0)
		exec_f(w, "INSERT INTO meeting_child (meeting_id, seq, "
		    "child_id) VALUES (%lld, 1, %lld)", (long long)id,
		    (long long)c2);
	return id;
}

static void
world_open(struct world *w, const char *name)
{
	char path[128];
	struct agency la = { 0 };
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
	w->sam = staff_add(w, "sam.one", "Sam", "One", ROLE_SOCIAL_WORKER);
	w->wyn = staff_add(w, "wyn.chair", "Wyn", "Chair", ROLE_CP_CHAIR);
	w->amy = child_add(w, "LA1", "Amy", "Hughes");
	w->ben = child_add(w, "LA2", "Ben", "Hughes");
	w->cara = child_add(w, "LA3", "Cara", "Price");
	w->m1 = meeting_add(w, "2024-11-04", w->amy, w->ben);
	w->m2 = meeting_add(w, "2024-11-05", w->cara, 0);
}

static struct journey_ctx
ctx(int64_t by, int64_t now, struct store_change *conflict)
{
	struct journey_ctx cx = { today(), by, now, conflict, NULL, false };

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

/* ------------------------------------------------------------ maps */

static void
item(struct sos_map *m, enum sos_item_kind k, const char *text)
{
	m->items[m->n_items].kind = k;
	copy(m->items[m->n_items].text, sizeof(m->items[0].text), text);
	m->n_items++;
}

static void
pair(struct sos_map *m, const char *danger, enum sos_family_view v,
    const char *says)
{
	struct sos_pair *p = &m->pairs[m->n_pairs++];

	memset(p, 0, sizeof(*p));
	copy(p->danger, sizeof(p->danger), danger);
	copy(p->who_worried, sizeof(p->who_worried), "School and Sam");
	p->family_view = v;
	copy(p->family_says, sizeof(p->family_says), says);
	copy(p->goal_agency, sizeof(p->goal_agency), "Calm at home.");
	copy(p->goal_family, sizeof(p->goal_family), "No shouting.");
	copy(p->sustain, sizeof(p->sustain), "for 6 months");
}

static struct sos_map *
map_of(int64_t c1, int64_t c2, const char *harm)
{
	struct sos_map *m = sos_map_new();

	m->child_ids[m->n_children++] = c1;
	if (c2 > 0)
		m->child_ids[m->n_children++] = c2;
	m->made_on = ymd(2024, 12, 1);
	item(m, SOS_HARM, harm);
	item(m, SOS_STRENGTH, "Gran helps.\nEvery day.");
	item(m, SOS_COMPLICATING, "Dad works nights.");
	item(m, SOS_SAFETY, "Mum took the children to Gran's.");
	pair(m, "If the fighting goes on the children could be hurt.",
	    SOS_VIEW_DISPUTES, "Dad says it was once.");
	m->steps[0].by = ymd(2025, 1, 10);
	copy(m->steps[0].what, sizeof(m->steps[0].what), "Safety plan");
	copy(m->steps[0].who, sizeof(m->steps[0].who), "Sam");
	m->n_steps = 1;
	return m;
}

static int64_t
save(struct world *w, struct sos_map *m, int64_t expected, int64_t by,
    int64_t now)
{
	struct journey_ctx cx = ctx(by, now, NULL);
	struct hdiag d;
	enum herr e;

	hdiag_clear(&d);
	e = TX(w, record_map_save(w->st, m, expected, &cx, NULL, &d));
	if (e != HERR_OK)
		fail_msg("record_map_save: %s (%s: %s)", herr_str(e), d.field,
		    d.msg);
	return m->id;
}

/* Everything written comes back, in order. */
static void
test_map_round_trip(void **state)
{
	struct world w;
	struct sos_map *m, *got = sos_map_new();

	(void)state;
	world_open(&w, "round.db");
	m = map_of(w.amy, w.ben, "Dad pushed Mum.");
	m->meeting_id = w.m1;
	pair(m, "Second worry.", SOS_VIEW_NOT_ASKED, "");
	memset(m->pairs[1].goal_family, 0, sizeof(m->pairs[1].goal_family));
	memset(m->pairs[1].sustain, 0, sizeof(m->pairs[1].sustain));
	save(&w, m, 0, w.sam, 1733000000);
	assert_true(m->id > 0);
	assert_int_equal(m->made_by, w.sam);
	assert_int_equal(m->made_at, 1733000000);
	assert_int_equal(store_map_get(w.st, m->id, got), HERR_OK);
	assert_int_equal(got->id, m->id);
	assert_int_equal(got->previous_id, 0);
	assert_int_equal(got->meeting_id, w.m1);
	assert_int_equal(got->made_on, ymd(2024, 12, 1));
	assert_int_equal(got->made_by, w.sam);
	assert_int_equal(got->made_at, 1733000000);
	assert_int_equal(got->n_children, 2);
	assert_int_equal(got->child_ids[0], w.amy);
	assert_int_equal(got->child_ids[1], w.ben);
	assert_int_equal(got->n_items, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(got->items[i].kind, m->items[i].kind);
		assert_string_equal(got->items[i].text, m->items[i].text);
	}
	assert_int_equal(got->n_pairs, 2);
	assert_memory_equal(&got->pairs[0], &m->pairs[0], sizeof(m->pairs[0]));
	assert_memory_equal(&got->pairs[1], &m->pairs[1], sizeof(m->pairs[1]));
	assert_int_equal(got->n_steps, 1);
	assert_string_equal(got->steps[0].what, "Safety plan");
	assert_string_equal(got->steps[0].who, "Sam");
	assert_int_equal(got->steps[0].by, ymd(2025, 1, 10));
	/* Pairs are numbered 1..n on the map, which ratings refer to. */
	assert_int_equal(sql_int(&w, "SELECT max(seq) FROM sos_pair WHERE "
	    "map_id = %lld", (long long)m->id), 2);
	assert_int_equal(store_map_get(w.st, m->id + 1, got), HERR_NOTFOUND);
	sos_map_free(m);
	sos_map_free(got);
	store_close(w.st);
}

/* Saving adds a revision; the old one stays as it was; the history is
 * newest first; a stale start is refused naming who saved first. */
static void
test_map_revisions(void **state)
{
	struct world w;
	struct sos_map *a, *b, *stale, *got = sos_map_new();
	struct store_map_rev h[8];
	struct store_change ch;
	struct journey_ctx cx;
	struct hdiag d;
	int64_t id1, id2, latest;
	int n;

	(void)state;
	world_open(&w, "revisions.db");
	assert_int_equal(store_map_latest_id(w.st, w.amy, &latest), HERR_OK);
	assert_int_equal(latest, 0);
	assert_int_equal(store_map_latest(w.st, w.amy, got), HERR_NOTFOUND);
	a = map_of(w.amy, 0, "First harm.");
	id1 = save(&w, a, 0, w.sam, 1733000000);
	b = map_of(w.amy, 0, "Second harm.");
	b->made_on = ymd(2024, 12, 20);
	id2 = save(&w, b, id1, w.wyn, 1734000000);
	assert_true(id2 > id1);
	assert_int_equal(b->previous_id, id1);
	/* The first is untouched. */
	assert_int_equal(store_map_get(w.st, id1, got), HERR_OK);
	assert_string_equal(got->items[0].text, "First harm.");
	assert_int_equal(got->made_by, w.sam);
	assert_int_equal(store_map_latest(w.st, w.amy, got), HERR_OK);
	assert_int_equal(got->id, id2);
	assert_string_equal(got->items[0].text, "Second harm.");
	assert_int_equal(got->previous_id, id1);
	/* History, newest first, with who and counts. */
	assert_int_equal(store_map_history(w.st, w.amy, h, 8, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].id, id2);
	assert_int_equal(h[0].made_by, w.wyn);
	assert_string_equal(h[0].made_by_name, "Wyn Chair");
	assert_int_equal(h[0].made_on, ymd(2024, 12, 20));
	assert_int_equal(h[0].made_at, 1734000000);
	assert_int_equal(h[1].id, id1);
	assert_string_equal(h[1].made_by_name, "Sam One");
	assert_int_equal(h[1].n_pairs, 1);
	assert_int_equal(h[1].n_items, 4);
	assert_int_equal(h[1].n_steps, 1);
	assert_int_equal(store_map_history(w.st, w.amy, h, 1, &n), HERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, id2);
	/* Someone who started from the first version is refused. */
	stale = map_of(w.amy, 0, "Stale harm.");
	memset(&ch, 0, sizeof(ch));
	cx = ctx(w.sam, 1735000000, &ch);
	hdiag_clear(&d);
	assert_int_equal(TX(&w, record_map_save(w.st, stale, id1, &cx, NULL,
	    &d)), HERR_CONFLICT);
	assert_int_equal(ch.version, id2);
	assert_int_equal(ch.by, w.wyn);
	assert_string_equal(ch.by_name, "Wyn Chair");
	assert_int_equal(ch.at, 1734000000);
	assert_non_null(strstr(d.msg, "newer version of the map"));
	/* ... as is a first map when there already is one. */
	assert_int_equal(TX(&w, record_map_save(w.st, stale, 0, &cx, NULL,
	    &d)), HERR_CONFLICT);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_map"), 2);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_item WHERE "
	    "text = 'Stale harm.'"), 0);
	sos_map_free(a);
	sos_map_free(b);
	sos_map_free(stale);
	sos_map_free(got);
	store_close(w.st);
}

/* A family's map is the latest for each child it covers, until one of
 * them has a newer one of their own. */
static void
test_family_map(void **state)
{
	struct world w;
	struct sos_map *fam, *ben, *got = sos_map_new();
	struct store_map_rev h[4];
	int64_t fid, bid, id;
	int n;

	(void)state;
	world_open(&w, "family.db");
	fam = map_of(w.amy, w.ben, "Both children saw it.");
	fid = save(&w, fam, 0, w.sam, 1733000000);
	assert_int_equal(store_map_latest(w.st, w.ben, got), HERR_OK);
	assert_int_equal(got->id, fid);
	assert_int_equal(store_map_latest_id(w.st, w.amy, &id), HERR_OK);
	assert_int_equal(id, fid);
	assert_int_equal(store_map_latest_id(w.st, w.cara, &id), HERR_OK);
	assert_int_equal(id, 0);
	assert_int_equal(store_map_latest(w.st, w.cara, got), HERR_NOTFOUND);
	/* Ben's own map, started from the family's. */
	ben = map_of(w.ben, 0, "Ben's own worry.");
	bid = save(&w, ben, fid, w.sam, 1734000000);
	assert_int_equal(store_map_latest_id(w.st, w.ben, &id), HERR_OK);
	assert_int_equal(id, bid);
	assert_int_equal(store_map_latest_id(w.st, w.amy, &id), HERR_OK);
	assert_int_equal(id, fid);
	assert_int_equal(store_map_history(w.st, w.ben, h, 4, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].id, bid);
	assert_int_equal(h[1].id, fid);
	assert_int_equal(store_map_history(w.st, w.amy, h, 4, &n), HERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_map_history(w.st, w.cara, h, 4, &n), HERR_OK);
	assert_int_equal(n, 0);
	sos_map_free(fam);
	sos_map_free(ben);
	sos_map_free(got);
	store_close(w.st);
}

/* What the rules refuse is not written. */
static void
test_map_refused(void **state)
{
	struct world w;
	struct sos_map *m;
	struct journey_ctx cx;
	struct sos_warnings warn;
	struct hdiag d;

	(void)state;
	world_open(&w, "refused.db");
	cx = ctx(w.sam, 1733000000, NULL);
	m = map_of(w.amy, 0, "Harm.");
	m->pairs[0].who_worried[0] = '\0';
	assert_int_equal(TX(&w, record_map_save(w.st, m, 0, &cx, NULL, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "pairs[0].who_worried");
	sos_map_free(m);
	/* A child that does not exist. */
	m = map_of(w.amy, 999999, "Harm.");
	assert_int_equal(TX(&w, record_map_save(w.st, m, 0, &cx, NULL, &d)),
	    HERR_NOTFOUND);
	assert_string_equal(d.field, "children");
	sos_map_free(m);
	/* A conference about someone else. */
	m = map_of(w.amy, 0, "Harm.");
	m->meeting_id = w.m2;
	assert_int_equal(TX(&w, record_map_save(w.st, m, 0, &cx, NULL, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "meeting_id");
	sos_map_free(m);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_map"), 0);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_item"), 0);
	/* Warnings do not stop a save, and come back to the caller. */
	m = map_of(w.amy, 0, "Harm.");
	for (int i = 0; i < 3; i++)
		pair(m, "More.", SOS_VIEW_AGREES, "");
	memset(&warn, 0, sizeof(warn));
	assert_int_equal(TX(&w, record_map_save(w.st, m, 0, &cx, &warn, &d)),
	    HERR_OK);
	assert_int_equal(warn.n, 1);
	assert_string_equal(warn.w[0].field, "pairs");
	/* Writes refuse to run outside a transaction. */
	m->id = 0;
	assert_int_equal(store_map_add(w.st, m), HERR_ENV);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_map"), 1);
	sos_map_free(m);
	store_close(w.st);
}

/* ------------------------------------------------------------ ratings */

static struct sos_rating
rating(int64_t child, int64_t meeting, int64_t map, int pair_no,
    hday on, enum sos_rater k, const char *who, int value)
{
	struct sos_rating r;

	memset(&r, 0, sizeof(r));
	r.child_id = child;
	r.meeting_id = meeting;
	r.map_id = map;
	r.pair = pair_no;
	r.rated_on = on;
	r.kind = k;
	copy(r.rater, sizeof(r.rater), who);
	if (k == RATER_PROFESSIONAL)
		copy(r.agency, sizeof(r.agency), "Police");
	r.value = value;
	copy(r.reason, sizeof(r.reason), "Because.");
	return r;
}

static enum herr
rate(struct world *w, struct sos_rating *r, struct hdiag *d)
{
	struct journey_ctx cx = ctx(w->sam, 1733000000, NULL);

	hdiag_clear(d);
	return TX(w, record_rating_add(w->st, r, &cx, d));
}

static void
test_ratings(void **state)
{
	struct world w;
	struct sos_map *m;
	struct sos_rating r, got[16];
	struct hdiag d;
	int64_t map;
	int n;

	(void)state;
	world_open(&w, "ratings.db");
	m = map_of(w.amy, w.ben, "Harm.");
	map = save(&w, m, 0, w.sam, 1733000000);
	/* Out of date order on purpose. */
	r = rating(w.amy, 0, map, 0, ymd(2024, 12, 10), RATER_PARENT, "Mum",
	    4);
	assert_int_equal(rate(&w, &r, &d), HERR_OK);
	assert_true(r.id > 0);
	assert_int_equal(r.recorded_by, w.sam);
	r = rating(w.amy, w.m1, map, 0, ymd(2024, 11, 4), RATER_PARENT,
	    "Mum", 2);
	assert_int_equal(rate(&w, &r, &d), HERR_OK);
	r = rating(w.amy, w.m1, map, 1, ymd(2024, 11, 4),
	    RATER_PROFESSIONAL, "PC Lee", 3);
	assert_int_equal(rate(&w, &r, &d), HERR_OK);
	r = rating(w.ben, w.m1, map, 0, ymd(2024, 11, 4), RATER_CHILD, "Ben",
	    6);
	assert_int_equal(rate(&w, &r, &d), HERR_OK);
	r = rating(w.amy, 0, 0, 0, ymd(2024, 11, 20), RATER_NETWORK, "Gran",
	    7);
	assert_int_equal(rate(&w, &r, &d), HERR_OK);
	/* Amy's, in date then id order, every field back. */
	assert_int_equal(store_ratings_child(w.st, w.amy, got, 16, &n),
	    HERR_OK);
	assert_int_equal(n, 4);
	assert_int_equal(got[0].rated_on, ymd(2024, 11, 4));
	assert_int_equal(got[0].value, 2);
	assert_int_equal(got[1].rated_on, ymd(2024, 11, 4));
	assert_string_equal(got[1].rater, "PC Lee");
	assert_string_equal(got[1].agency, "Police");
	assert_int_equal(got[1].kind, RATER_PROFESSIONAL);
	assert_int_equal(got[1].pair, 1);
	assert_int_equal(got[1].meeting_id, w.m1);
	assert_int_equal(got[1].map_id, map);
	assert_int_equal(got[2].rated_on, ymd(2024, 11, 20));
	assert_int_equal(got[2].map_id, 0);
	assert_int_equal(got[3].value, 4);
	assert_string_equal(got[3].reason, "Because.");
	assert_int_equal(got[3].recorded_at, 1733000000);
	/* Past the cap the latest are kept, still oldest first. */
	assert_int_equal(store_ratings_child(w.st, w.amy, got, 2, &n),
	    HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].rated_on, ymd(2024, 11, 20));
	assert_int_equal(got[1].rated_on, ymd(2024, 12, 10));
	/* At a conference: one child's, or everyone's. */
	assert_int_equal(store_ratings_meeting(w.st, w.m1, w.amy, got, 16,
	    &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_ratings_meeting(w.st, w.m1, 0, got, 16, &n),
	    HERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_ratings_meeting(w.st, w.m2, 0, got, 16, &n),
	    HERR_OK);
	assert_int_equal(n, 0);
	/* The same person twice at a conference, and on one day. */
	r = rating(w.amy, w.m1, map, 0, ymd(2024, 11, 4), RATER_PARENT, "MUM",
	    9);
	assert_int_equal(rate(&w, &r, &d), HERR_INVALID);
	assert_string_equal(d.field, "rater");
	r = rating(w.amy, 0, map, 0, ymd(2024, 12, 10), RATER_PARENT, "mum",
	    9);
	assert_int_equal(rate(&w, &r, &d), HERR_INVALID);
	/* A pair the map lacks; a map of another child; a conference
	 * about another child; no such child. */
	r = rating(w.amy, 0, map, 2, ymd(2024, 12, 11), RATER_PARENT, "Mum",
	    5);
	assert_int_equal(rate(&w, &r, &d), HERR_INVALID);
	assert_string_equal(d.field, "pair");
	r = rating(w.cara, 0, map, 0, ymd(2024, 12, 11), RATER_PARENT, "Mum",
	    5);
	assert_int_equal(rate(&w, &r, &d), HERR_INVALID);
	assert_string_equal(d.field, "map_id");
	r = rating(w.amy, w.m2, map, 0, ymd(2024, 12, 11), RATER_PARENT,
	    "Mum", 5);
	assert_int_equal(rate(&w, &r, &d), HERR_INVALID);
	assert_string_equal(d.field, "meeting_id");
	r = rating(999999, 0, 0, 0, ymd(2024, 12, 11), RATER_PARENT, "Mum",
	    5);
	assert_int_equal(rate(&w, &r, &d), HERR_NOTFOUND);
	assert_int_equal(sql_int(&w, "SELECT count(*) FROM sos_rating"), 5);
	/* Outside a transaction. */
	r = rating(w.amy, 0, 0, 0, ymd(2024, 12, 12), RATER_PARENT, "Mum", 5);
	assert_int_equal(store_rating_add(w.st, &r), HERR_ENV);
	sos_map_free(m);
	store_close(w.st);
}

/* ------------------------------------------------------------ voice */

static void
test_voice(void **state)
{
	struct world w;
	struct voice_work v, got, list[4];
	struct store_change ch;
	struct journey_ctx cx;
	struct hdiag d;
	int n;

	(void)state;
	world_open(&w, "voice.db");
	memset(&v, 0, sizeof(v));
	v.child_id = w.amy;
	v.kind = VOICE_THREE_HOUSES;
	v.made_on = ymd(2024, 12, 1);
	copy(v.made_with, sizeof(v.made_with), "Sam");
	copy(v.good, sizeof(v.good), "My dog.");
	v.shared_parents_on = v.agreed_on = v.shared_child_on = HDAY_NONE;
	cx = ctx(w.sam, 1733000000, NULL);
	assert_int_equal(TX(&w, record_voice_add(w.st, &v, &cx, &d)), HERR_OK);
	assert_int_equal(v.version, 1);
	memset(&v, 0, sizeof(v));
	v.child_id = w.amy;
	v.kind = VOICE_WORDS_PICTURES;
	v.made_on = ymd(2024, 12, 5);
	copy(v.explanation, sizeof(v.explanation), "Why Sam visits.");
	v.shared_parents_on = ymd(2024, 12, 6);
	v.agreed_on = v.shared_child_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_voice_add(w.st, &v, &cx, &d)), HERR_OK);
	/* Newest first. */
	assert_int_equal(store_voice_list(w.st, w.amy, list, 4, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].kind, VOICE_WORDS_PICTURES);
	assert_int_equal(list[0].shared_parents_on, ymd(2024, 12, 6));
	assert_int_equal(list[0].agreed_on, HDAY_NONE);
	assert_int_equal(list[1].kind, VOICE_THREE_HOUSES);
	assert_string_equal(list[1].good, "My dog.");
	assert_string_equal(list[1].made_with, "Sam");
	assert_int_equal(store_voice_list(w.st, w.ben, list, 4, &n), HERR_OK);
	assert_int_equal(n, 0);
	/* The dates, with the version seen. */
	v.agreed_on = ymd(2024, 12, 7);
	cx = ctx(w.wyn, 1734000000, &ch);
	assert_int_equal(TX(&w, record_voice_update(w.st, &v, 1, &cx, &d)),
	    HERR_OK);
	assert_int_equal(v.version, 2);
	assert_int_equal(store_voice_get(w.st, v.id, &got), HERR_OK);
	assert_int_equal(got.version, 2);
	assert_int_equal(got.agreed_on, ymd(2024, 12, 7));
	assert_string_equal(got.explanation, "Why Sam visits.");
	/* A stale version: who saved first. */
	v.shared_child_on = ymd(2024, 12, 8);
	cx = ctx(w.sam, 1735000000, &ch);
	assert_int_equal(TX(&w, record_voice_update(w.st, &v, 1, &cx, &d)),
	    HERR_CONFLICT);
	assert_int_equal(ch.version, 2);
	assert_string_equal(ch.by_name, "Wyn Chair");
	assert_int_equal(ch.at, 1734000000);
	/* Dates out of order, and another child's piece. */
	v.shared_child_on = ymd(2024, 12, 6);
	assert_int_equal(TX(&w, record_voice_update(w.st, &v, 2, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "shared_child_on");
	v.child_id = w.ben;
	v.shared_child_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_voice_update(w.st, &v, 2, &cx, &d)),
	    HERR_NOTFOUND);
	assert_int_equal(store_voice_get(w.st, v.id + 10, &got),
	    HERR_NOTFOUND);
	assert_int_equal(store_voice_get(w.st, v.id, &got), HERR_OK);
	assert_int_equal(got.version, 2);
	assert_int_equal(got.shared_child_on, HDAY_NONE);
	/* Before the child was born is refused by the door. */
	memset(&v, 0, sizeof(v));
	v.child_id = w.amy;
	v.kind = VOICE_THREE_HOUSES;
	v.made_on = ymd(2015, 5, 31);
	copy(v.dreams, sizeof(v.dreams), "A boat.");
	v.shared_parents_on = v.agreed_on = v.shared_child_on = HDAY_NONE;
	assert_int_equal(TX(&w, record_voice_add(w.st, &v, &cx, &d)),
	    HERR_INVALID);
	assert_string_equal(d.field, "made_on");
	assert_int_equal(store_voice_add(w.st, &v), HERR_ENV);
	store_close(w.st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_round_trip),
		cmocka_unit_test(test_map_revisions),
		cmocka_unit_test(test_family_map),
		cmocka_unit_test(test_map_refused),
		cmocka_unit_test(test_ratings),
		cmocka_unit_test(test_voice),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
