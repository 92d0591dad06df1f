/*
 * test_rng.c: the seedable generator behind every demo database.
 *
 * The pinned values below are the generator's output, checked once against
 * a separate implementation of splitmix64 and xoshiro256** written from the
 * published description.  If they change, every demo database built from a
 * seed changes with them: that must be a decision, not an accident.
 *
 * Some cases set the state by hand so that the next output is a chosen
 * 64-bit value (0 or all ones), to reach the edges of rng_unit and
 * rng_weighted that random draws would take billions of years to hit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/rng.h"
#include "testutil.h"
#include "core/banned.h"


static void
test_pinned_seed_1(void **state)
{
	struct rng r;

	(void)state;
	rng_init(&r, 1);
	assert_true(rng_next(&r) == UINT64_C(0xb3f2af6d0fc710c5));
	assert_true(rng_next(&r) == UINT64_C(0x853b559647364cea));
	assert_true(rng_next(&r) == UINT64_C(0x92f89756082a4514));
}

/* Seed 0 is usable: not the all-zero state xoshiro would stick in. */
static void
test_pinned_seed_0(void **state)
{
	struct rng r;
	uint64_t x;
	int i, zero = 0;

	(void)state;
	rng_init(&r, 0);
	assert_false(r.s[0] == 0 && r.s[1] == 0 && r.s[2] == 0 && r.s[3] == 0);
	/* splitmix64's published first output for seed 0 */
	assert_true(r.s[0] == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(rng_next(&r) == UINT64_C(0x99ec5f36cb75f2b4));
	for (i = 0; i < 1000; i++) {
		x = rng_next(&r);
		zero += x == 0;
	}
	assert_int_equal(zero, 0);
}

/* What the demo generator actually calls, pinned too. */
static void
test_pinned_range(void **state)
{
	static const int64_t want[] = { 2, 5, 3, 6, 6, 5, 3, 4 };
	struct rng r;
	size_t i;

	(void)state;
	rng_init(&r, 1);
	for (i = 0; i < NELEM(want); i++)
		assert_int_equal(rng_range(&r, 1, 6), want[i]);
}

static void
test_same_seed_same_sequence(void **state)
{
	static const uint64_t seeds[] = {
		0, 1, 2, 42, 20250630, UINT64_MAX,
	};
	struct rng a, b;
	size_t i;
	int j;

	(void)state;
	for (i = 0; i < NELEM(seeds); i++) {
		rng_init(&a, seeds[i]);
		rng_init(&b, seeds[i]);
		for (j = 0; j < 10000; j++)
			if (rng_next(&a) != rng_next(&b))
				fail_msg("seed %zu differs at draw %d", i, j);
		/* Re-seeding restarts the sequence. */
		rng_init(&b, seeds[i]);
		rng_init(&a, seeds[i]);
		assert_true(rng_next(&a) == rng_next(&b));
	}
}

static void
test_different_seeds_differ(void **state)
{
	enum { NSEEDS = 64, DRAWS = 16 };
	uint64_t first[NSEEDS][DRAWS];
	struct rng r;
	int i, j, k, same;

	(void)state;
	for (i = 0; i < NSEEDS; i++) {
		/* neighbouring seeds, and the extremes */
		rng_init(&r, i < NSEEDS - 1 ? (uint64_t)i : UINT64_MAX);
		for (k = 0; k < DRAWS; k++)
			first[i][k] = rng_next(&r);
	}
	for (i = 0; i < NSEEDS; i++)
		for (j = i + 1; j < NSEEDS; j++) {
			same = 0;
			for (k = 0; k < DRAWS; k++)
				same += first[i][k] == first[j][k];
			if (same > 0)
				fail_msg("seeds %d and %d share %d draws", i, j,
				    same);
		}
}

static const struct {
	int64_t lo, hi;
} ranges[] = {
	{ 0, 9 }, { 1, 6 }, { -5, 5 }, { -10, -3 }, { 0, 1 },
	{ 7, 7 }, { -4, -4 }, { 0, 0 },
	{ INT64_MIN, INT64_MIN + 2 }, { INT64_MAX - 2, INT64_MAX },
	{ -3, INT64_MAX }, { INT64_MIN, 3 }, { INT64_MIN, INT64_MAX },
	{ 0, INT64_MAX }, { INT64_MIN, -1 },
	{ 0, (INT64_C(1) << 62) + 1 },	/* rejection is most likely here */
};

static void
test_range_in_bounds(void **state)
{
	struct rng r;
	int64_t v;
	size_t i;
	int j;

	(void)state;
	rng_init(&r, 7);
	for (i = 0; i < NELEM(ranges); i++)
		for (j = 0; j < 20000; j++) {
			v = rng_range(&r, ranges[i].lo, ranges[i].hi);
			if (v < ranges[i].lo || v > ranges[i].hi)
				fail_msg("range %zu: %lld out of bounds", i,
				    (long long)v);
			if (ranges[i].lo == ranges[i].hi)
				assert_true(v == ranges[i].lo);
		}
}

/* Small ranges: every value turns up, in about equal numbers. */
static void
test_range_covers_evenly(void **state)
{
	enum { DRAWS = 60000 };
	static const struct {
		int64_t lo, hi;
	} small[] = { { 1, 6 }, { -5, 5 }, { -10, -3 }, { 0, 1 } };
	int count[11];
	struct rng r;
	size_t i;
	int j, n;
	int64_t v;

	(void)state;
	rng_init(&r, 99);
	for (i = 0; i < NELEM(small); i++) {
		n = (int)(small[i].hi - small[i].lo + 1);
		memset(count, 0, sizeof(count));
		for (j = 0; j < DRAWS; j++) {
			v = rng_range(&r, small[i].lo, small[i].hi);
			count[v - small[i].lo]++;
		}
		for (j = 0; j < n; j++) {
			/* expected DRAWS/n; allow 10% either way */
			if (count[j] < DRAWS / n * 9 / 10 ||
			    count[j] > DRAWS / n * 11 / 10)
				fail_msg("range %zu value %lld: %d of %d", i,
				    (long long)(small[i].lo + j), count[j],
				    DRAWS);
		}
	}
}

/* The full 64-bit range reaches both halves. */
static void
test_range_full(void **state)
{
	struct rng r;
	int j, neg = 0;

	(void)state;
	rng_init(&r, 3);
	for (j = 0; j < 10000; j++)
		neg += rng_range(&r, INT64_MIN, INT64_MAX) < 0;
	assert_true(neg > 4000 && neg < 6000);
	/* Wider than INT64_MAX: hi - lo must not overflow. */
	for (j = 0; j < 10000; j++)
		assert_true(rng_range(&r, -1, INT64_MAX) >= -1);
	for (j = 0; j < 10000; j++)
		assert_true(rng_range(&r, INT64_MIN, 1) <= 1);
}

/* Inverse of an odd number modulo 2^64 (Newton's iteration). */
static uint64_t
inverse(uint64_t a)
{
	uint64_t x = a;

	for (int i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

/* A state whose next rng_next() is `out`: xoshiro256** outputs
 * rotl(s[1] * 5, 7) * 9, and 5 and 9 are invertible modulo 2^64. */
static void
set_next(struct rng *r, uint64_t out)
{
	uint64_t y = out * inverse(9);

	y = (y >> 7) | (y << 57);	/* rotate right by 7 */
	r->s[0] = 0x0123456789abcdefULL;
	r->s[1] = y * inverse(5);
	r->s[2] = 0xfedcba9876543210ULL;
	r->s[3] = 0x0f0f0f0f0f0f0f0fULL;
}

static void
test_set_next_works(void **state)
{
	struct rng r;

	(void)state;
	assert_true(inverse(9) * 9 == 1);
	assert_true(inverse(5) * 5 == 1);
	set_next(&r, 0);
	assert_true(rng_next(&r) == 0);
	set_next(&r, UINT64_MAX);
	assert_true(rng_next(&r) == UINT64_MAX);
	set_next(&r, 0x8000000000000000ULL);
	assert_true(rng_next(&r) == 0x8000000000000000ULL);
}

static void
test_unit(void **state)
{
	struct rng r;
	double u, sum = 0;
	int j, low = 0;

	(void)state;
	rng_init(&r, 5);
	for (j = 0; j < 100000; j++) {
		u = rng_unit(&r);
		if (!(u >= 0.0 && u < 1.0))
			fail_msg("draw %d: %.17g", j, u);
		sum += u;
		low += u < 0.5;
	}
	assert_true(sum / 100000 > 0.49 && sum / 100000 < 0.51);
	assert_true(low > 49000 && low < 51000);
	/* The extremes: 0 exactly, and the largest double below 1. */
	set_next(&r, 0);
	assert_true(rng_unit(&r) == 0.0);
	set_next(&r, UINT64_MAX);
	u = rng_unit(&r);
	assert_true(u < 1.0);
	assert_true(u == 1.0 - 0x1.0p-53);
}

static void
test_chance(void **state)
{
	struct rng r;
	int j, yes = 0;

	(void)state;
	rng_init(&r, 11);
	for (j = 0; j < 10000; j++) {
		assert_false(rng_chance(&r, 0.0));
		assert_true(rng_chance(&r, 1.0));
		yes += rng_chance(&r, 0.25);
	}
	assert_true(yes > 2250 && yes < 2750);
	set_next(&r, UINT64_MAX);
	assert_true(rng_chance(&r, 1.0));
	set_next(&r, 0);
	assert_false(rng_chance(&r, 0.0));
}

static void
test_weighted_follows_weights(void **state)
{
	enum { DRAWS = 100000 };
	static const double w[] = { 0, 1, 0, 3, 0, 6, 0 };
	int count[NELEM(w)] = { 0 };
	struct rng r;
	int j, i;

	(void)state;
	rng_init(&r, 2025);
	for (j = 0; j < DRAWS; j++) {
		i = rng_weighted(&r, w, (int)NELEM(w));
		assert_true(i >= 0 && i < (int)NELEM(w));
		count[i]++;
	}
	for (i = 0; i < (int)NELEM(w); i++)
		if (w[i] == 0 && count[i] != 0)
			fail_msg("zero weight %d picked %d times", i, count[i]);
	/* 10%, 30%, 60%, each within a tenth of itself */
	assert_true(count[1] > 9000 && count[1] < 11000);
	assert_true(count[3] > 27000 && count[3] < 33000);
	assert_true(count[5] > 54000 && count[5] < 66000);
}

/* Only one weight, wherever it is: always that index. */
static void
test_weighted_single(void **state)
{
	double w[5];
	struct rng r;
	int i, j;

	(void)state;
	rng_init(&r, 8);
	for (i = 0; i < 5; i++) {
		memset(w, 0, sizeof(w));
		w[i] = 0.5;
		for (j = 0; j < 1000; j++)
			assert_int_equal(rng_weighted(&r, w, 5), i);
		set_next(&r, 0);
		assert_int_equal(rng_weighted(&r, w, 5), i);
		set_next(&r, UINT64_MAX);
		assert_int_equal(rng_weighted(&r, w, 5), i);
	}
}

/*
 * The largest draw with weights whose sum rounds: 0.1 + 0.2 + 0.3 is not
 * 0.6 in binary, and subtracting the weights one by one from the draw can
 * leave a little over at the end.  A trailing zero weight must still never
 * be picked.
 */
static void
test_weighted_rounding_edge(void **state)
{
	static const double w[][5] = {
		{ 0.1, 0.2, 0.3, 0, 0 },
		{ 0.1, 0.3, 0.2, 0, 0 },
		{ 0.2, 0.2, 0.7, 0, 0 },
		{ 1.9074074074074074, 2.6216216216216215, 7.5, 0, 0 },
	};
	struct rng r;
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < NELEM(w); i++) {
		set_next(&r, UINT64_MAX);
		got = rng_weighted(&r, w[i], 5);
		if (got < 0 || got > 2)
			fail_msg("weights %zu: picked %d, weight 0", i, got);
		assert_int_equal(got, 2);	/* the top of the range */
		set_next(&r, 0);
		assert_int_equal(rng_weighted(&r, w[i], 5), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned_seed_1),
		cmocka_unit_test(test_pinned_seed_0),
		cmocka_unit_test(test_pinned_range),
		cmocka_unit_test(test_same_seed_same_sequence),
		cmocka_unit_test(test_different_seeds_differ),
		cmocka_unit_test(test_range_in_bounds),
		cmocka_unit_test(test_range_covers_evenly),
		cmocka_unit_test(test_range_full),
		cmocka_unit_test(test_set_next_works),
		cmocka_unit_test(test_unit),
		cmocka_unit_test(test_chance),
		cmocka_unit_test(test_weighted_follows_weights),
		cmocka_unit_test(test_weighted_single),
		cmocka_unit_test(test_weighted_rounding_edge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
