/*
 * record.h: the one door through which the edges (command line, web, API,
 * imports, demo) create records.
 *
 * Each function applies the core's rules (person.h, family.h, staff.h,
 * cin.h) and only then asks the store to write, so no edge can store a
 * record the rules would refuse.  On failure nothing is written and diag
 * names the field and the value.
 */
#ifndef HEARTH_CORE_RECORD_H
#define HEARTH_CORE_RECORD_H

#include "core/cin.h"
#include "core/family.h"
#include "core/person.h"
#include "core/staff.h"
#include "core/status.h"

struct store;
struct store_change;
struct chronology_entry;

/* Validate `c` as of `today` and store it; sets c->id. */
enum herr record_child_add(struct store *st, struct child *c, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* Validate and store an adult; sets a->id. */
enum herr record_adult_add(struct store *st, struct adult *a, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* Validate and store a household; sets h->id. */
enum herr record_household_add(struct store *st, struct household *h,
    struct hdiag *diag) HEARTH_WUR;

/* Validate and store a relationship; sets r->id. */
enum herr record_relationship_add(struct store *st, struct relationship *r,
    struct hdiag *diag) HEARTH_WUR;

/* Validate and store an agency, a team, a member of staff (checked against
 * their agency), an allocation. */
enum herr record_agency_add(struct store *st, struct agency *a,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_team_add(struct store *st, struct team *t,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_staff_add(struct store *st, struct staff *s,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_allocation_add(struct store *st, struct allocation *a,
    struct hdiag *diag) HEARTH_WUR;

/*
 * Validate a CIN episode against its child (loaded from the store) and the
 * child's other episodes, then store it; sets ep->id.  HERR_NOTFOUND if the
 * child does not exist.
 */
enum herr record_cin_episode_add(struct store *st, struct cin_episode *ep,
    hday today, struct hdiag *diag) HEARTH_WUR;

/*
 * Validate a child's changed details as of `today` and save them if the
 * stored version is still `expected` (store_child_update): HERR_CONFLICT,
 * with *conflict saying who saved first and when, if it is not.  Inside the
 * caller's transaction, so the audit row commits with the change.
 */
enum herr record_child_update(struct store *st, struct child *c,
    int64_t expected, hday today, int64_t staff_id, int64_t now,
    struct store_change *conflict, struct hdiag *diag) HEARTH_WUR;

/* Validate a manual chronology entry (chronology.h) and store it; sets
 * e->id. */
enum herr record_chronology_add(struct store *st, struct chronology_entry *e,
    hday today, struct hdiag *diag) HEARTH_WUR;

/* Add a person to a household from `start` (HDAY_NONE: not known) to `end`
 * (HDAY_NONE: still there); the end may not be before the start. */
enum herr record_household_member_add(struct store *st, int64_t household_id,
    int64_t person_id, hday start, hday end, struct hdiag *diag) HEARTH_WUR;

#endif
