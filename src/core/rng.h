/*
 * rng.h: a small, fast, seedable pseudo-random generator (xoshiro256**,
 * seeded through splitmix64) for synthetic data: the same seed gives the
 * same sequence on every machine.  NEVER use it for secrets (tokens,
 * passwords, salts): those come from libsodium's CSPRNG.
 */
#ifndef HEARTH_CORE_RNG_H
#define HEARTH_CORE_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seed the generator; every seed (including 0) gives a usable state. */
void rng_init(struct rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* A uniform integer in [lo, hi] (inclusive; lo <= hi), without modulo bias. */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);

/* True with probability p (0..1). */
bool rng_chance(struct rng *r, double p);

/* A uniform double in [0, 1). */
double rng_unit(struct rng *r);

/*
 * Pick an index from weights[0..n) with probability proportional to each
 * weight (weights >= 0, not all 0).
 */
int rng_weighted(struct rng *r, const double *weights, int n);

#endif
