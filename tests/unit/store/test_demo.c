/*
 * test_demo.c: the demo authority's child protection journeys, read back
 * through the store: what demo_generate says it made (struct demo_stats)
 * is what the store holds, every child's due items are the timescales of
 * the journey it holds, and the same seed gives the same authority.
 * (tests/cli/test_cli.sh checks with SQL that a 1,000-child demo has
 * children at every stage, plans of every category and overdue steps.)
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
#include "core/demo.h"
#include "core/journey.h"
#include "core/timescale.h"
#include "store/store.h"
#include "store/store_journey.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_are_what_the_store_holds),
		cmocka_unit_test(test_same_seed_same_journeys),
		cmocka_unit_test(test_stats_may_be_null),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
