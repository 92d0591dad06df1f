/*
 * demo.h: a synthetic local authority for trying hearth out, for tests and
 * for benchmarks.
 *
 * The demo authority has staff in every role, assessment, children in need
 * and multi-disciplinary Family Safeguarding teams, a conference (chairs)
 * team, an FGC service and partner agencies, and children in households
 * with three years of referral history whose volumes follow national rates
 * for England (DfE "Characteristics of children in need", 2023-24):
 * about 510 referrals per 10,000 children a year, 22% re-referrals within
 * 12 months, 7% of referrals with no further action, about 330 children in
 * need per 10,000 at any time.  The authority's child population setting is
 * derived from the volumes so that those rates hold.
 *
 * Every record goes through core/record.h, so the demo passes the same
 * rules as real data.  The same seed and as-of date give the same database.
 */
#ifndef HEARTH_CORE_DEMO_H
#define HEARTH_CORE_DEMO_H

#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

struct store;

#define DEMO_CHILDREN_DEFAULT 1000
#define DEMO_CHILDREN_MAX 1000000

struct demo_options {
	int64_t children;	/* children to create, 1..DEMO_CHILDREN_MAX */
	uint64_t seed;		/* the same seed gives the same authority */
	hday as_of;		/* "today" for the demo: history ends here */
};

/*
 * Create the demo authority in an empty store, inside one transaction: on
 * failure nothing is left.  HERR_INVALID if the store already holds children
 * or the options are out of range (diag names which).
 */
enum herr demo_generate(struct store *st, const struct demo_options *opt,
    struct hdiag *diag) HEARTH_WUR;

#endif
