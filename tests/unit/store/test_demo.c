/*
 * test_demo.c: the demo authority's child protection journeys, read back
 * through the store: what demo_generate says it made (struct demo_stats)
 * is what the store holds, every child's due items are the timescales of
 * the journey it holds, and the same seed gives the same authority.
 * Conferences are meetings: each held one is the journey's conference,
 * with the family's Signs of Safety map, safety scales, reports shared
 * with the family, the plan and minutes sent (mostly within 72 hours)
 * and feedback, all in plain words (plain_check finds no jargon in the
 * demo's phrase tables nor in what it wrote).
 * It lives beside the store's tests because it reads the demo's database
 * with SQL as well as through the store.
 * (tests/cli/test_cli.sh checks with SQL that a 1,000-child demo has
 * children at every stage, plans of every category and overdue steps.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/calendar.h"
#include "core/demo.h"
#include "core/demo_phrases.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/plain.h"
#include "core/timescale.h"
#include "store/store.h"
#include "store/store_journey.h"
#include "store/store_meeting.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];

static const char *
path_of(const char *name)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-demo-XXXXXX");
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

/* A demo of `children` children in a new database `name`; the caller
 * closes the store. */
static struct store *
demo(const char *name, int64_t children, uint64_t seed,
    struct demo_stats *stats)
{
	struct demo_options o = { children, seed, ymd(2026, 11, 20) };
	struct store *st = NULL;
	struct hdiag d;

	hdiag_clear(&d);
	unlink(path_of(name));
	assert_int_equal(store_open(path_of(name), STORE_MIGRATE | STORE_BULK,
	    &st, NULL, &d), HERR_OK);
	if (demo_generate(st, &o, stats, &d) != HERR_OK)
		fail_msg("demo_generate: %s: %s (%s)", d.field, d.msg, d.value);
	return st;
}

/* Open due items of one child, to compare with the timescales. */
struct open_items {
	struct due_item it[JOURNEY_EVENTS_MAX];
	int n;
};

static enum herr
collect(void *arg, const struct store_due *d)
{
	struct open_items *o = arg;

	if (o->n < (int)NELEM(o->it))
		o->it[o->n++] = d->item;
	return HERR_OK;
}

static bool
same_item(const struct due_item *a, const struct due_item *b)
{
	return a->step == b->step && a->seq == b->seq &&
	    a->ref_id == b->ref_id && a->due == b->due;
}

/* What the store holds, counted child by child from their journeys. */
struct tally {
	int64_t children, cp, cp_open, cin, cin_open, lac, lac_open;
	int64_t category[ABUSE__COUNT];
	int64_t events[EVENT__COUNT];
	int64_t conferences_off_working_days, steps_after_as_of;
	int64_t open_items, mismatched_items;
};

static void
tally_child(struct store *st, const struct intervals *iv, hday as_of,
    struct journey *j, struct due_item *items, struct open_items *open,
    struct tally *t)
{
	struct due_filter f;
	int n = 0;

	t->children++;
	for (int i = 0; i < j->n_plans; i++) {
		const struct plan *p = &j->plans[i];
		bool is_open = p->end_date == HDAY_NONE;

		if (p->start_date > as_of || (!is_open && p->end_date > as_of))
			t->steps_after_as_of++;
		switch (p->kind) {
		case PLAN_CP:
			t->cp++;
			t->cp_open += is_open;
			t->category[p->initial_category]++;
			break;
		case PLAN_CIN:
			t->cin++;
			t->cin_open += is_open;
			break;
		default:
			t->lac++;
			t->lac_open += is_open;
			break;
		}
	}
	for (int i = 0; i < j->n_events; i++) {
		t->events[j->events[i].kind]++;
		if (j->events[i].held_date > as_of)
			t->steps_after_as_of++;
	}
	for (int i = 0; i < j->n_conferences; i++)
		if (!calendar_is_working_day(j->conferences[i].held_date))
			t->conferences_off_working_days++;

	/* The due table holds the journey's open timescales, no more. */
	assert_int_equal(timescale_compute(j, iv, items,
	    JOURNEY_EVENTS_MAX + 4 * JOURNEY_STEPS_MAX, &n), HERR_OK);
	memset(&f, 0, sizeof(f));
	f.child_id = j->child.id;
	f.until = HDAY_NONE;
	f.today = as_of;
	open->n = 0;
	assert_int_equal(store_due_each(st, &f, collect, open), HERR_OK);
	for (int i = 0; i < n; i++) {
		bool found = false;

		if (items[i].done != HDAY_NONE)
			continue;
		t->open_items++;
		for (int k = 0; !found && k < open->n; k++)
			found = same_item(&items[i], &open->it[k]);
		if (!found)
			t->mismatched_items++;
	}
	for (int k = 0; k < open->n; k++)
		if (open->it[k].child_id != j->child.id)
			t->mismatched_items++;
}

static void
test_stats_are_what_the_store_holds(void **state)
{
	struct demo_stats s;
	struct store_counts c;
	struct intervals iv;
	struct tally t;
	struct hdiag d;
	struct journey *j = journey_new();
	struct due_item *items = calloc(JOURNEY_EVENTS_MAX +
	    4 * JOURNEY_STEPS_MAX, sizeof(*items));
	struct open_items *open = calloc(1, sizeof(*open));
	struct store *st = demo("stats.db", 300, 7, &s);
	hday as_of = ymd(2026, 11, 20);
	int64_t events = 0;

	(void)state;
	assert_non_null(items);
	assert_non_null(open);
	hdiag_clear(&d);
	memset(&t, 0, sizeof(t));
	assert_int_equal(store_counts(st, &c), HERR_OK);
	assert_int_equal(store_intervals_get(st, &iv, &d), HERR_OK);
	/* People are numbered from 1 in an empty database: children and
	 * adults; store_child_get tells them apart. */
	for (int64_t id = 1; id <= c.children + c.adults; id++) {
		enum herr e = store_journey_load(st, id, j, &d);

		if (e == HERR_NOTFOUND)
			continue;
		assert_int_equal(e, HERR_OK);
		tally_child(st, &iv, as_of, j, items, open, &t);
	}
	assert_int_equal(t.children, 300);
	assert_int_equal(t.cp, s.cp_plans);
	assert_int_equal(t.cp_open, s.cp_open);
	assert_int_equal(t.cin, s.cin_plans);
	assert_int_equal(t.cin_open, s.cin_open);
	assert_int_equal(t.lac, s.lac);
	assert_int_equal(t.lac_open, s.lac_open);
	for (int k = 0; k < ABUSE__COUNT; k++)
		assert_int_equal(t.category[k], s.cp_category[k]);
	for (int k = 0; k < EVENT__COUNT; k++) {
		assert_int_equal(t.events[k], s.events[k]);
		events += s.events[k];
	}
	assert_int_equal(t.conferences_off_working_days, 0);
	assert_int_equal(t.steps_after_as_of, 0);
	assert_int_equal(t.mismatched_items, 0);
	/* Even 300 children have a journey worth the name. */
	assert_true(s.cp_plans > 0);
	assert_true(s.icpcs > 0 && s.rcpcs > 0);
	assert_true(s.cin_plans > 0);
	assert_true(events > 1000);
	assert_true(t.open_items > 0);
	store_close(st);
	journey_free(j);
	free(items);
	free(open);
}

static void
test_same_seed_same_journeys(void **state)
{
	struct demo_stats a, b, c;
	struct store *st;

	(void)state;
	st = demo("seed-a.db", 120, 3, &a);
	store_close(st);
	st = demo("seed-b.db", 120, 3, &b);
	store_close(st);
	st = demo("seed-c.db", 120, 4, &c);
	store_close(st);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_memory_not_equal(&a, &c, sizeof(a));
}

static void
test_stats_may_be_null(void **state)
{
	struct store *st;

	(void)state;
	st = demo("null.db", 20, 1, NULL);
	store_close(st);
}

/* ---------------------------------------------- conferences as meetings */

/* One number from the database `name` (read-only, its own connection). */
static int64_t
q(const char *name, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path_of(name), &db,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Every text the family sees, through `each`. */
static void
texts(const char *name, void (*each)(void *, const char *), void *arg)
{
	static const char *const sql =
	    "SELECT text FROM sos_item UNION ALL SELECT danger FROM sos_pair"
	    " UNION ALL SELECT goal_agency FROM sos_pair UNION ALL"
	    " SELECT goal_family FROM sos_pair UNION ALL SELECT family_says"
	    " FROM sos_pair UNION ALL SELECT what FROM sos_step UNION ALL"
	    " SELECT text FROM meeting_report UNION ALL SELECT minutes FROM"
	    " meeting UNION ALL SELECT agency_text FROM meeting_outcome"
	    " UNION ALL SELECT family_text FROM meeting_outcome UNION ALL"
	    " SELECT what FROM meeting_action UNION ALL SELECT contingency"
	    " FROM meeting UNION ALL SELECT child_seen FROM meeting UNION ALL"
	    " SELECT dissent FROM meeting UNION ALL SELECT reason FROM"
	    " sos_rating UNION ALL SELECT explanation FROM voice_work"
	    " UNION ALL SELECT part_note FROM meeting_child UNION ALL"
	    " SELECT reason FROM meeting_view UNION ALL SELECT comments FROM"
	    " meeting_feedback";
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;

	assert_int_equal(sqlite3_open_v2(path_of(name), &db,
	    SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL),
	    SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		each(arg, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

struct plainness {
	int64_t texts, jargon, long_sentences;
	char first[PLAIN_EXCERPT_MAX + 4];
};

static void
check_plain(void *arg, const char *text)
{
	struct plainness *p = arg;
	struct plain_flag f[8];
	int n;

	if (text == NULL || text[0] == '\0')
		return;
	p->texts++;
	n = plain_check(text, NULL, 0, f, 8);
	for (int i = 0; i < n && i < 8; i++) {
		if (f[i].kind == PLAIN_JARGON)
			p->jargon++;
		else
			p->long_sentences++;
		if (p->first[0] == '\0')
			snprintf(p->first, sizeof(p->first), "%s", f[i].text);
	}
}

/* A phrase with its marks filled as long as the demo fills them. */
static void
fill(char *out, size_t cap, const char *tmpl)
{
	size_t k = 0;

	for (const char *s = tmpl; *s && k + 1 < cap;) {
		const char *v = NULL;

		if (s[0] == '{' && s[1] && s[2] == '}') {
			v = s[1] == 'c' ? "Ava, Leo and Mia" : s[1] == 'p' ?
			    "Sarah and James" : s[1] == 'n' ? "Margaret" :
			    "The social worker and the health visitor";
			s += 3;
			while (*v && k + 1 < cap)
				out[k++] = *v++;
			continue;
		}
		out[k++] = *s++;
	}
	out[k] = '\0';
}

static void
check_phrase(struct plainness *p, const char *tmpl)
{
	char buf[4096];

	fill(buf, sizeof(buf), tmpl);
	check_plain(p, buf);
}

/* Every phrase the demo writes, with the longest names it puts in: no
 * jargon and no sentence over PLAIN_SENTENCE_WORDS words. */
static void
test_phrases_are_plain(void **state)
{
	struct plainness p;
	const struct pair_phrase *pairs[] = { pairs_care, pairs_arguments,
	    pairs_hitting, pairs_touching };
	const int npairs[] = { (int)NELEM(pairs_care),
	    (int)NELEM(pairs_arguments), (int)NELEM(pairs_hitting),
	    (int)NELEM(pairs_touching) };
	const struct seen_phrase *seen[] = { report_seen_care,
	    report_seen_arguments, report_seen_hitting, report_seen_touching };
	const int nseen[] = { (int)NELEM(report_seen_care),
	    (int)NELEM(report_seen_arguments), (int)NELEM(report_seen_hitting),
	    (int)NELEM(report_seen_touching) };

	(void)state;
	memset(&p, 0, sizeof(p));
	for (size_t l = 0; l < NELEM(phrase_lists); l++)
		for (int i = 0; i < phrase_lists[l].n; i++)
			check_phrase(&p, phrase_lists[l].s[i]);
	for (int w = 0; w < WORRY__COUNT; w++) {
		for (int i = 0; i < npairs[w]; i++) {
			check_phrase(&p, pairs[w][i].danger);
			check_phrase(&p, pairs[w][i].goal_agency);
			check_phrase(&p, pairs[w][i].goal_family);
		}
		for (int i = 0; i < nseen[w]; i++)
			check_phrase(&p, seen[w][i].s);
	}
	for (size_t i = 0; i < NELEM(next_steps); i++)
		check_phrase(&p, next_steps[i].what);
	for (size_t i = 0; i < NELEM(outcomes_more); i++) {
		check_phrase(&p, outcomes_more[i].agency);
		check_phrase(&p, outcomes_more[i].family);
	}
	for (size_t i = 0; i < NELEM(actions); i++)
		check_phrase(&p, actions[i].what);
	assert_true(p.texts > 200);
	if (p.jargon + p.long_sentences > 0)
		fail_msg("%lld jargon, %lld long sentences, first \"%s\"",
		    (long long)p.jargon, (long long)p.long_sentences, p.first);
}

/*
 * A 300-child demo's conferences as meetings, read back: each held
 * meeting is one journey conference (same day, chair and children) and
 * each conference has its meeting; the map, scales, reports, plan,
 * minutes, sends and feedback are there, at the rates practice reports;
 * what demo_generate counted is what the store holds.
 */
static void
test_conferences_are_meetings(void **state)
{
	const char *db = "meetings.db";
	struct demo_stats s;
	struct store *st = demo(db, 300, 7, &s);
	struct meeting *m = meeting_new();
	struct meeting_distribution dist;
	hday as_of = ymd(2026, 11, 20);
	int64_t now = (int64_t)(as_of + 1) * 86400, held = 0, with_plan = 0;
	int64_t all_sent = 0, within = 0, reports = 0, on_time = 0, late = 0;
	int64_t n = q(db, "SELECT max(id) FROM meeting");

	(void)state;
	assert_true(n > 0);
	for (int64_t id = 1; id <= n; id++) {
		hday share_by;

		assert_int_equal(store_meeting_get(st, id, m), HERR_OK);
		if (m->status != MEETING_HELD)
			continue;
		held++;
		assert_int_equal(meeting_share_by(m->kind, m->date, &share_by),
		    HERR_OK);
		for (int i = 0; i < m->n_reports; i++) {
			reports++;
			if (m->reports[i].shared_on == HDAY_NONE)
				continue;
			if (m->reports[i].shared_on <= share_by)
				on_time++;
			else
				late++;
		}
		if (m->plan_saved_at == 0)
			continue;
		with_plan++;
		assert_true(m->n_outcomes >= 2 && m->n_outcomes <= 4);
		assert_true(m->n_actions >= 1 && m->n_core >= 1);
		for (int i = 0; i < m->n_outcomes; i++)
			assert_true(m->outcomes[i].agency[0] != '\0' &&
			    m->outcomes[i].family[0] != '\0');
		meeting_distribution(m, now, &dist);
		all_sent += dist.all_sent;
		within += dist.within;
	}
	store_close(st);
	meeting_free(m);

	/* What the demo counted is what the store holds. */
	assert_int_equal(held, s.meetings);
	assert_int_equal(reports, s.reports);
	assert_int_equal(on_time, s.reports_on_time);
	assert_int_equal(late, s.reports_late);
	assert_int_equal(with_plan, s.plans);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE status = "
	    "'booked'"), s.meetings_booked);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE "
	    "minutes_saved_at IS NOT NULL"), s.minutes);
	assert_int_equal(q(db, "SELECT count(*) FROM sos_map"), s.maps);
	assert_int_equal(q(db, "SELECT count(*) FROM sos_rating"), s.ratings);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting_view"), s.views);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting_feedback WHERE "
	    "respondent = 'parent'"), s.feedback_parent);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting_feedback WHERE "
	    "respondent = 'child'"), s.feedback_child);
	assert_int_equal(q(db, "SELECT count(*) FROM voice_work WHERE kind = "
	    "'three-houses'"), s.three_houses);
	assert_int_equal(q(db, "SELECT count(*) FROM voice_work WHERE kind = "
	    "'words-pictures'"), s.words_pictures);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting_invitee i JOIN "
	    "meeting m ON m.id = i.meeting_id WHERE m.status = 'held'"),
	    s.invitations);

	/* Every conference is a meeting, and every held meeting is its
	 * conference: the same day, chair and children. */
	assert_int_equal(s.meetings, s.icpcs + s.rcpcs);
	assert_int_equal(q(db, "SELECT count(*) FROM conference c WHERE NOT "
	    "EXISTS (SELECT 1 FROM meeting m WHERE m.conference_id = c.id)"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m LEFT JOIN "
	    "conference c ON c.id = m.conference_id WHERE m.status = 'held' "
	    "AND (c.id IS NULL OR c.held_date <> m.date OR c.kind <> m.kind "
	    "OR c.chair_id IS NOT m.chair_id)"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m JOIN "
	    "meeting_child mc ON mc.meeting_id = m.id WHERE m.status = 'held' "
	    "AND NOT EXISTS (SELECT 1 FROM conference_child cc WHERE "
	    "cc.conference_id = m.conference_id AND cc.child_id = "
	    "mc.child_id)"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM conference_child cc "
	    "WHERE NOT EXISTS (SELECT 1 FROM meeting m JOIN meeting_child mc "
	    "ON mc.meeting_id = m.id WHERE m.conference_id = cc.conference_id "
	    "AND mc.child_id = cc.child_id)"), 0);
	/* The next ones are booked, in the six weeks after the as-of date. */
	assert_true(s.meetings_booked > 0);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE status = "
	    "'booked' AND (date <= '2026-11-20' OR date > '2027-01-01')"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting WHERE booked_at "
	    "> unixepoch('2026-11-21')"), 0);

	/* The family and the agencies are invited, partners as the hearth
	 * users they are; most reports are in, most shared on time. */
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE NOT "
	    "EXISTS (SELECT 1 FROM meeting_invitee i WHERE i.meeting_id = "
	    "m.id AND i.kind = 'family')"), 0);
	assert_true(q(db, "SELECT count(*) FROM meeting_invitee WHERE kind = "
	    "'network'") > 0);
	assert_true(q(db, "SELECT count(*) FROM meeting_invitee i JOIN staff "
	    "s ON s.id = i.staff_id WHERE s.role = 'partner_practitioner'") >
	    0);
	assert_true(q(db, "SELECT count(*) FROM meeting_report r JOIN staff s "
	    "ON s.id = r.author_id WHERE s.role = 'partner_practitioner'") > 0);
	assert_true(s.reports > 0.75 * (double)s.reports_expected &&
	    s.reports < 0.95 * (double)s.reports_expected);
	assert_true(on_time > 0.55 * (double)reports &&
	    on_time < 0.92 * (double)reports);
	assert_true(late > 0 && on_time + late < reports);

	/* The children's voice: 10 and over always offered an advocate;
	 * every way of taking part is used. */
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m JOIN "
	    "meeting_child mc ON mc.meeting_id = m.id JOIN person p ON p.id = "
	    "mc.child_id WHERE m.status = 'held' AND p.birth_date IS NOT NULL "
	    "AND date(p.birth_date, '+10 years') <= m.date AND "
	    "mc.advocate_offered_on IS NULL"), 0);
	assert_true(s.advocates_accepted > 0 &&
	    s.advocates_accepted < s.advocates_offered);
	assert_true(s.participation[PART_ATTENDED] > 0);
	assert_true(s.participation[PART_ADVOCATE] > 0);
	assert_true(s.participation[PART_REPORT_ONLY] > 0);
	assert_true(s.participation[PART_NONE] > 0);
	assert_int_equal(s.participation[PART_NOT_RECORDED], 0);
	assert_int_equal(q(db, "SELECT count(*) FROM meeting_child WHERE "
	    "participation = 'none' AND part_note = ''"), 0);

	/* The family's map at every conference, for every child on a plan;
	 * good practice: 1 to 3 danger statements, each with the agency's
	 * goal and the family's. */
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m WHERE status = "
	    "'held' AND (SELECT count(*) FROM sos_map x WHERE x.meeting_id = "
	    "m.id) <> 1"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM plan p WHERE kind = 'cp' "
	    "AND NOT EXISTS (SELECT 1 FROM sos_map_child x WHERE x.child_id = "
	    "p.child_id)"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM sos_map x WHERE (SELECT "
	    "count(*) FROM sos_pair p WHERE p.map_id = x.id) NOT BETWEEN 1 AND "
	    "3 OR (SELECT count(*) FROM sos_item i WHERE i.map_id = x.id AND "
	    "i.kind = 'harm') NOT BETWEEN 1 AND 4"), 0);
	assert_int_equal(q(db, "SELECT count(*) FROM sos_pair WHERE "
	    "goal_agency = '' OR goal_family = ''"), 0);
	assert_true(q(db, "SELECT count(*) FROM sos_map WHERE previous_id IS "
	    "NOT NULL") > 0);

	/* Safety scales at each meeting for each child; some child rated
	 * at several; rising over plans that ended at a review, parents
	 * more hopeful than professionals. */
	assert_int_equal(q(db, "SELECT count(*) FROM meeting m JOIN "
	    "meeting_child mc ON mc.meeting_id = m.id WHERE m.status = 'held' "
	    "AND NOT EXISTS (SELECT 1 FROM sos_rating r WHERE r.meeting_id = "
	    "m.id AND r.child_id = mc.child_id)"), 0);
	assert_true(q(db, "SELECT max(k) FROM (SELECT count(DISTINCT "
	    "meeting_id) k FROM sos_rating GROUP BY child_id)") >= 3);
	assert_true(q(db, "SELECT count(DISTINCT rater_kind) FROM "
	    "sos_rating") == 4);
	assert_true(q(db, "SELECT count(*) FROM sos_rating WHERE pair > 0") >
	    0);
	assert_true(q(db, "SELECT round(10 * (SELECT avg(r.value) FROM "
	    "sos_rating r JOIN meeting m ON m.id = r.meeting_id JOIN "
	    "conference_child cc ON cc.conference_id = m.conference_id AND "
	    "cc.child_id = r.child_id WHERE r.pair = 0 AND r.rater_kind = "
	    "'professional' AND cc.decision = 'end') - 10 * (SELECT "
	    "avg(r.value) FROM sos_rating r JOIN meeting m ON m.id = "
	    "r.meeting_id JOIN conference_child cc ON cc.conference_id = "
	    "m.conference_id AND cc.child_id = r.child_id WHERE r.pair = 0 "
	    "AND r.rater_kind = 'professional' AND cc.decision = 'plan'))") >=
	    25);
	assert_true(q(db, "SELECT round(10 * (SELECT avg(value) FROM "
	    "sos_rating WHERE rater_kind = 'parent') - 10 * (SELECT avg(value) "
	    "FROM sos_rating WHERE rater_kind = 'professional'))") >= 5);

	/* The plan and minutes go to everyone, about nine in ten within
	 * 72 hours (Bexley); parents give feedback on about three in ten. */
	assert_true(all_sent > 0.9 * (double)with_plan);
	assert_true(within >= 0.8 * (double)all_sent &&
	    within < all_sent);
	assert_true(s.sent_72h >= 0.8 * (double)s.sent && s.sent_72h < s.sent);
	assert_true(s.feedback_parent > 0.2 * (double)s.meetings &&
	    s.feedback_parent < 0.45 * (double)s.meetings);
	assert_true(s.feedback_child > 0);
	assert_true(q(db, "SELECT count(DISTINCT q1) FROM meeting_feedback") >=
	    4);

	/* Direct work early in plans. */
	assert_true(s.three_houses > 0 && s.words_pictures > 0);
	assert_true(q(db, "SELECT count(*) FROM voice_work WHERE kind = "
	    "'words-pictures' AND shared_child_on IS NOT NULL") > 0);
}

/* What the demo wrote for families reads plainly: no jargon at all, and
 * few sentences over PLAIN_SENTENCE_WORDS words. */
static void
test_what_it_wrote_is_plain(void **state)
{
	struct plainness p;
	struct store *st = demo("plain.db", 150, 11, NULL);

	(void)state;
	store_close(st);
	memset(&p, 0, sizeof(p));
	texts("plain.db", check_plain, &p);
	if (p.texts <= 500)
		fail_msg("only %lld texts", (long long)p.texts);
	if (p.jargon > 0)
		fail_msg("%lld jargon flags, first \"%s\"",
		    (long long)p.jargon, p.first);
	assert_true(p.long_sentences * 200 < p.texts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_are_what_the_store_holds),
		cmocka_unit_test(test_same_seed_same_journeys),
		cmocka_unit_test(test_stats_may_be_null),
		cmocka_unit_test(test_phrases_are_plain),
		cmocka_unit_test(test_conferences_are_meetings),
		cmocka_unit_test(test_what_it_wrote_is_plain),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
