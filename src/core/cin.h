/*
 * cin.h: Children in Need episodes, the unit the CIN census counts.
 *
 * An episode opens with a referral (date, source, primary need) and closes
 * with a date and a reason.  A referral that led to no further action (NFA)
 * is closed, usually on its referral date.  This module decides whether one
 * episode is valid on its own and against the child's other episodes; the
 * store asks it before writing.
 */
#ifndef HEARTH_CORE_CIN_H
#define HEARTH_CORE_CIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/person.h"
#include "core/status.h"

struct cin_episode {
	int64_t id;
	int64_t version;
	int64_t child_id;
	hday referral_date;
	char referral_source[3];	/* CIN code, e.g. "3E" (8866) */
	char primary_need[3];		/* N0..N9; "" only for NFA (8610) */
	bool referral_nfa;		/* referral led to no further action */
	hday closure_date;		/* HDAY_NONE while open */
	char closure_reason[4];		/* RC1..RC9; "" while open (8640) */
};

/* An open episode with nothing recorded. */
void cin_episode_init(struct cin_episode *ep);

/* True while the episode has no closure date. */
bool cin_episode_is_open(const struct cin_episode *ep);

/*
 * Decide whether `ep` may be stored for `child`, as of `today`:
 *  - referral date present, not in the future (8600), not more than 40 weeks
 *    before the date of birth or expected date of birth (8606), not after the
 *    child's death (8555Q);
 *  - referral source and primary need on the census lists (8866, 8650);
 *    primary need may be missing only for a referral with no further action
 *    (8610);
 *  - closure date and reason both or neither (8805, 8810), the reason on the
 *    list (8640), the date on or after the referral (8630) and not in the
 *    future; an NFA referral is closed;
 *  - RC2 (died) only for a child with a date of death (8585Q).
 */
enum herr cin_episode_validate(const struct cin_episode *ep,
    const struct child *child, hday today, struct hdiag *diag) HEARTH_WUR;

/*
 * Decide whether `ep` fits beside the child's other episodes `others[n]`
 * (any order; an entry with the same non-zero id as ep is skipped): no two
 * episodes overlap (8820), though one may close on the day the next is
 * referred, no two share a referral date, and at most one is open (8815).
 */
enum herr cin_episode_fits(const struct cin_episode *ep,
    const struct cin_episode *others, int n, struct hdiag *diag) HEARTH_WUR;

#endif
