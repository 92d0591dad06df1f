/*
 * rng.c: xoshiro256** (Blackman and Vigna) seeded by splitmix64, written
 * from the published description.  Deterministic across platforms: only
 * 64-bit integer arithmetic and one exact conversion to double.
 */
#include "core/rng.h"
#include "core/banned.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rng_init(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	/* In unsigned arithmetic: hi - lo overflows int64_t for wide ranges. */
	uint64_t span = (uint64_t)hi - (uint64_t)lo + 1, x, limit;

	if (span == 0)	/* the whole 64-bit range */
		return (int64_t)rng_next(r);
	/* Reject the top sliver so every value is equally likely. */
	limit = UINT64_MAX - UINT64_MAX % span;
	do
		x = rng_next(r);
	while (x >= limit);
	return (int64_t)((uint64_t)lo + x % span);
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

bool
rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

int
rng_weighted(struct rng *r, const double *weights, int n)
{
	double total = 0, x;
	int last = n - 1;

	for (int i = 0; i < n; i++) {
		total += weights[i];
		if (weights[i] > 0)
			last = i;
	}
	x = rng_unit(r) * total;
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	/* Rounding in the sums can leave x just past the end: fall back to the
	 * last index with a weight, never to a trailing zero weight. */
	return last;
}
