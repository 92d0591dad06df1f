/*
 * cin.c: CIN episode rules, each named by its census rule code.
 */
#include <string.h>

#include "core/cin.h"
#include "core/codes.h"
#include "core/banned.h"

void
cin_episode_init(struct cin_episode *ep)
{
	memset(ep, 0, sizeof(*ep));
	ep->referral_date = HDAY_NONE;
	ep->closure_date = HDAY_NONE;
}

bool
cin_episode_is_open(const struct cin_episode *ep)
{
	return ep->closure_date == HDAY_NONE;
}

static enum herr
check_referral_date(const struct cin_episode *ep, const struct child *child,
    hday today, struct hdiag *diag)
{
	char r[HDATE_LEN], b[HDATE_LEN];
	hday birth;

	if (ep->referral_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "referral_date", "",
		    "Referral date is missing");
	hdate_format(ep->referral_date, r);
	/* 8600: referral date after the collection period */
	if (ep->referral_date > today)
		return hdiag_set(diag, HERR_INVALID, "referral_date", r,
		    "Referral date %s is in the future", r);
	/* 8606: referral more than 40 weeks before (expected) birth */
	birth = child->birth_date != HDAY_NONE ? child->birth_date :
	    child->expected_birth_date;
	if (birth != HDAY_NONE && ep->referral_date < birth - 40 * 7)
		return hdiag_set(diag, HERR_INVALID, "referral_date", r,
		    "Referral date %s is more than 40 weeks before the child's "
		    "%sdate of birth %s", r,
		    child->birth_date != HDAY_NONE ? "" : "expected ",
		    hdate_format(birth, b));
	/* 8555Q: referral after the child's death */
	if (child->death_date != HDAY_NONE && ep->referral_date >
	    child->death_date)
		return hdiag_set(diag, HERR_INVALID, "referral_date", r,
		    "Referral date %s is after the child's date of death %s",
		    r, hdate_format(child->death_date, b));
	return HERR_OK;
}

static enum herr
check_closure(const struct cin_episode *ep, const struct child *child,
    hday today, struct hdiag *diag)
{
	char c[HDATE_LEN], r[HDATE_LEN];
	bool has_date = ep->closure_date != HDAY_NONE;
	bool has_reason = ep->closure_reason[0] != '\0';
	enum herr e;

	/* 8805 and 8810: closure date and reason go together */
	if (has_date && !has_reason)
		return hdiag_set(diag, HERR_INVALID, "closure_reason", "",
		    "A closed episode needs a reason for closure");
	if (has_reason && !has_date)
		return hdiag_set(diag, HERR_INVALID, "closure_date", "",
		    "A reason for closure (%s) was given without a closure "
		    "date", ep->closure_reason);
	if (ep->referral_nfa && !has_date)
		return hdiag_set(diag, HERR_INVALID, "closure_date", "",
		    "A referral with no further action must be closed");
	if (!has_date)
		return HERR_OK;
	if ((e = codes_check(CODES_CLOSURE_REASON, "closure_reason",
	    ep->closure_reason, diag)) != HERR_OK)
		return e;
	hdate_format(ep->closure_date, c);
	/* 8630: closure before referral */
	if (ep->closure_date < ep->referral_date)
		return hdiag_set(diag, HERR_INVALID, "closure_date", c,
		    "Closure date %s is before the referral date %s", c,
		    hdate_format(ep->referral_date, r));
	if (ep->closure_date > today)
		return hdiag_set(diag, HERR_INVALID, "closure_date", c,
		    "Closure date %s is in the future", c);
	/* 8585Q: closed because the child died, but no date of death */
	if (strcmp(ep->closure_reason, "RC2") == 0 &&
	    child->death_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "closure_reason", "RC2",
		    "Reason for closure RC2 (child died) needs the child's "
		    "date of death to be recorded first");
	return HERR_OK;
}

enum herr
cin_episode_validate(const struct cin_episode *ep, const struct child *child,
    hday today, struct hdiag *diag)
{
	enum herr e;

	if ((e = check_referral_date(ep, child, today, diag)) != HERR_OK)
		return e;
	if ((e = codes_check(CODES_REFERRAL_SOURCE, "referral_source",
	    ep->referral_source, diag)) != HERR_OK)
		return e;
	/* 8610: primary need missing for a referral with further action */
	if (ep->primary_need[0] != '\0' || !ep->referral_nfa)
		if ((e = codes_check(CODES_PRIMARY_NEED, "primary_need",
		    ep->primary_need, diag)) != HERR_OK)
			return e;
	return check_closure(ep, child, today, diag);
}

enum herr
cin_episode_fits(const struct cin_episode *ep,
    const struct cin_episode *others, int n, struct hdiag *diag)
{
	char a[HDATE_LEN], b[HDATE_LEN];
	hday ep_end = ep->closure_date == HDAY_NONE ? INT32_MAX :
	    ep->closure_date;

	for (int i = 0; i < n; i++) {
		const struct cin_episode *o = &others[i];
		hday o_end = o->closure_date == HDAY_NONE ? INT32_MAX :
		    o->closure_date;

		if (ep->id != 0 && o->id == ep->id)
			continue;
		hdate_format(o->referral_date, a);
		/* 8815: more than one open episode */
		if (cin_episode_is_open(ep) && cin_episode_is_open(o))
			return hdiag_set(diag, HERR_INVALID, "closure_date", "",
			    "The child already has an open episode (referred "
			    "%s): close it before opening another", a);
		/* 8820: episodes overlap.  The DfE allows one episode to end
		 * on the day the next is referred; two referred the same day
		 * are one referral recorded twice. */
		if ((ep->referral_date < o_end && o->referral_date < ep_end) ||
		    ep->referral_date == o->referral_date)
			return hdiag_set(diag, HERR_INVALID, "referral_date",
			    hdate_format(ep->referral_date, b),
			    "This episode overlaps the child's episode referred "
			    "on %s", a);
	}
	return HERR_OK;
}
