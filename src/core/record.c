/*
 * record.c: validate with the core's rules, then store.  The store is never
 * asked to write something the rules have not accepted.
 */
#include <stdio.h>

#include "core/chronology.h"
#include "core/record.h"
#include "store/store.h"
#include "store/store_case.h"
#include "core/banned.h"

enum herr
record_child_add(struct store *st, struct child *c, hday today,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = child_validate(c, today, diag)) != HERR_OK)
		return e;
	return store_child_add(st, c, diag);
}

enum herr
record_adult_add(struct store *st, struct adult *a, hday today,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = adult_validate(a, today, diag)) != HERR_OK)
		return e;
	return store_adult_add(st, a, diag);
}

enum herr
record_household_add(struct store *st, struct household *h,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = household_validate(h, diag)) != HERR_OK)
		return e;
	return store_household_add(st, h, diag);
}

enum herr
record_relationship_add(struct store *st, struct relationship *r,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = relationship_validate(r, diag)) != HERR_OK)
		return e;
	return store_relationship_add(st, r, diag);
}

enum herr
record_agency_add(struct store *st, struct agency *a, struct hdiag *diag)
{
	enum herr e;

	if ((e = agency_validate(a, diag)) != HERR_OK)
		return e;
	return store_agency_add(st, a, diag);
}

enum herr
record_team_add(struct store *st, struct team *t, struct hdiag *diag)
{
	enum herr e;

	if ((e = team_validate(t, diag)) != HERR_OK)
		return e;
	return store_team_add(st, t, diag);
}

enum herr
record_staff_add(struct store *st, struct staff *s, struct hdiag *diag)
{
	struct agency agency;
	char id[24];
	enum herr e;

	e = store_agency_get(st, s->agency_id, &agency);
	if (e == HERR_NOTFOUND) {
		snprintf(id, sizeof(id), "%lld", (long long)s->agency_id);
		return hdiag_set(diag, HERR_INVALID, "agency", id,
		    "There is no agency with id %s", id);
	}
	if (e != HERR_OK)
		return e;
	if ((e = staff_validate(s, &agency, diag)) != HERR_OK)
		return e;
	return store_staff_add(st, s, diag);
}

enum herr
record_allocation_add(struct store *st, struct allocation *a,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = allocation_validate(a, diag)) != HERR_OK)
		return e;
	return store_allocation_add(st, a, diag);
}

/* A child rarely has more than a handful of episodes; a child with more
 * than 64 is refused a new one with a message rather than checked against
 * only some of them. */
#define EPISODES_MAX 64

enum herr
record_cin_episode_add(struct store *st, struct cin_episode *ep, hday today,
    struct hdiag *diag)
{
	struct cin_episode others[EPISODES_MAX];
	struct child child;
	char id[24];
	enum herr e;
	int n;

	snprintf(id, sizeof(id), "%lld", (long long)ep->child_id);
	e = store_child_get(st, ep->child_id, &child);
	if (e == HERR_NOTFOUND)
		return hdiag_set(diag, HERR_NOTFOUND, "child", id,
		    "There is no child with id %s", id);
	if (e != HERR_OK)
		return e;
	if ((e = cin_episode_validate(ep, &child, today, diag)) != HERR_OK)
		return e;
	if ((e = store_cin_episodes(st, ep->child_id, others, EPISODES_MAX,
	    &n)) != HERR_OK)
		return e;
	if (n > EPISODES_MAX)
		return hdiag_set(diag, HERR_INVALID, "child", id,
		    "Child %s already has %d CIN episodes, more than hearth "
		    "checks (%d)", id, n, EPISODES_MAX);
	if ((e = cin_episode_fits(ep, others, n, diag)) != HERR_OK)
		return e;
	return store_cin_episode_add(st, ep, diag);
}

enum herr
record_child_update(struct store *st, struct child *c, int64_t expected,
    hday today, int64_t staff_id, int64_t now, struct store_change *conflict,
    struct hdiag *diag)
{
	enum herr e;

	if ((e = child_validate(c, today, diag)) != HERR_OK)
		return e;
	return store_child_update(st, c, expected, staff_id, now, conflict,
	    diag);
}

enum herr
record_chronology_add(struct store *st, struct chronology_entry *e,
    hday today, struct hdiag *diag)
{
	enum herr x;

	if ((x = chronology_validate(e, today, diag)) != HERR_OK)
		return x;
	return store_chronology_add(st, e, diag);
}

enum herr
record_household_member_add(struct store *st, int64_t household_id,
    int64_t person_id, hday start, hday end, struct hdiag *diag)
{
	char b[HDATE_LEN];

	if (household_id <= 0 || person_id <= 0)
		return hdiag_set(diag, HERR_INVALID, "household", "",
		    "A household member needs a household and a person");
	if (start != HDAY_NONE && end != HDAY_NONE && end < start)
		return hdiag_set(diag, HERR_INVALID, "end_date",
		    hdate_format(end, b), "The date they left, %s, is before "
		    "the date they joined", b);
	return store_household_member_add(st, household_id, person_id, start,
	    end, diag);
}
