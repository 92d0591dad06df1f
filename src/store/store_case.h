/*
 * store_case.h: the store's half of the child and family record: the
 * people around a child, their households, allocated workers, the
 * chronology, and the edits made from the record (details with a version
 * check, relationships, allocations and their ending).  Implemented in
 * store_case.c.
 *
 * Reads and writes only: the rules are the core's (person.h, family.h,
 * staff.h, chronology.h, through record.h) and who may see or change a
 * record is access.h's.  Every list is bounded: the caller passes an array
 * and its capacity, and *total says how many rows there are in all, so a
 * page can say when it shows only some.  Writes that change a versioned
 * record must run inside the caller's transaction (store_begin), so that
 * the change and its audit row commit together.
 */
#ifndef HEARTH_STORE_STORE_CASE_H
#define HEARTH_STORE_STORE_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chronology.h"
#include "core/family.h"
#include "core/person.h"
#include "core/staff.h"
#include "store/store.h"

/* The most rows of one kind a page reads at once. */
#define CASE_LIST_MAX 200

#define CASE_STAFF_NAME_MAX (2 * PERSON_NAME_MAX + 1)

/* Who last saved a record, and its version now (for "no silent
 * overwrite"). */
struct store_change {
	int64_t version;
	int64_t by;			/* staff id; 0 if not known */
	char by_name[CASE_STAFF_NAME_MAX + 1];	/* "" if not known */
	int64_t at;			/* unix seconds; 0 if never edited */
};

/* A person related to a child, in either direction. */
struct store_relative {
	int64_t relationship_id;
	int64_t person_id;		/* the other person */
	bool is_child;			/* they have a child record */
	bool reverse;			/* the child is *their* relative: kind
					 * says what the child is to them */
	enum relation kind;
	bool parental_responsibility;	/* relative holds PR for person */
	hday start_date, end_date;	/* HDAY_NONE when not known/ended */
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	hday birth_date;
	int64_t household_id;		/* their current household, or 0 */
	char household_name[HOUSEHOLD_NAME_MAX + 1];
};

/* A household membership (of a child, or anyone in a household). */
struct store_member {
	int64_t household_id;
	char household_name[HOUSEHOLD_NAME_MAX + 1];
	char postcode[POSTCODE_MAX + 1];
	int64_t person_id;
	bool is_child;
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	hday birth_date;
	hday start_date, end_date;	/* of the membership */
};

/* An allocation with what a page shows of it. */
struct store_allocation {
	struct allocation a;
	int64_t version;
	char staff_name[CASE_STAFF_NAME_MAX + 1];
	enum staff_role role;
	char team_name[TEAM_NAME_MAX + 1];	/* team at the start; "" none */
	char household_name[HOUSEHOLD_NAME_MAX + 1];	/* when to a family */
	char child_name[CASE_STAFF_NAME_MAX + 1];	/* when to a child */
};

/* A member of staff who may be allocated to a child. */
struct store_staff_pick {
	int64_t id;
	char name[CASE_STAFF_NAME_MAX + 1];
	enum staff_role role;
	char team_name[TEAM_NAME_MAX + 1];	/* current team; "" none */
};

/* Whether the child's record carries the restricted flag. */
enum herr store_child_restricted(struct store *st, int64_t child_id,
    bool *out) HEARTH_WUR;

/* Version and last editor of a person (child or adult).  NOTFOUND if no
 * such person. */
enum herr store_person_changed(struct store *st, int64_t person_id,
    struct store_change *out) HEARTH_WUR;

/* People related to the child in either direction, current first, with
 * each one's current household on `today`. */
enum herr store_child_relatives(struct store *st, int64_t child_id,
    hday today, struct store_relative *out, int cap, int *n, int *total)
    HEARTH_WUR;

/* The households the child has lived in, current first. */
enum herr store_child_households(struct store *st, int64_t child_id,
    struct store_member *out, int cap, int *n, int *total) HEARTH_WUR;

/* Everyone (other than the child) who has lived in one of the child's
 * households, once each, by name: the people a relationship may name. */
enum herr store_child_household_people(struct store *st, int64_t child_id,
    struct store_member *out, int cap, int *n, int *total) HEARTH_WUR;

/* Workers allocated to the child, or to a household while the child lived
 * in it; current first, then newest. */
enum herr store_child_allocations(struct store *st, int64_t child_id,
    struct store_allocation *out, int cap, int *n, int *total) HEARTH_WUR;

/* The household's own allocations, and current allocations (on `today`)
 * of the children who live in it now; current first. */
enum herr store_household_allocations(struct store *st, int64_t household_id,
    hday today, struct store_allocation *out, int cap, int *n, int *total)
    HEARTH_WUR;

/* The manual chronology entries of a child, newest first. */
enum herr store_chronology_list(struct store *st, int64_t child_id,
    struct chronology_entry *out, int cap, int *n, int *total) HEARTH_WUR;

/* Store a validated entry (use record_chronology_add); sets e->id. */
enum herr store_chronology_add(struct store *st,
    struct chronology_entry *e, struct hdiag *diag) HEARTH_WUR;

/*
 * Save a child's details (names, birth, sex, expected date of birth,
 * ethnicity, UPN and the reason it is unknown; never the LA child id,
 * disabilities or former UPN) if its version is still `expected`: the
 * version goes up by one and `staff_id` and `now` are recorded as who saved
 * it and when.  If someone else saved first: HERR_CONFLICT with *conflict
 * saying who and when.  A UPN already in use: HERR_INVALID naming "upn".
 * Inside a transaction only (use record_child_update).
 */
enum herr store_child_update(struct store *st, const struct child *c,
    int64_t expected, int64_t staff_id, int64_t now,
    struct store_change *conflict, struct hdiag *diag) HEARTH_WUR;

/*
 * End the child's allocation `allocation_id` on `end` (or its start, if
 * later) if its version is still `expected`.  NOTFOUND if the child has no
 * such allocation; HERR_CONFLICT (with *conflict) if someone changed it
 * since; HERR_INVALID if it has already ended.  Inside a transaction only.
 */
enum herr store_allocation_end(struct store *st, int64_t child_id,
    int64_t allocation_id, int64_t expected, hday end, int64_t staff_id,
    int64_t now, struct store_change *conflict, struct hdiag *diag)
    HEARTH_WUR;

/* Whether the child already has a current (on `today`) relationship of
 * `kind` with `relative_id`, or a current allocation of `staff_id`. */
enum herr store_relationship_exists(struct store *st, int64_t child_id,
    int64_t relative_id, enum relation kind, bool *out) HEARTH_WUR;
enum herr store_allocation_current(struct store *st, int64_t child_id,
    int64_t staff_id, hday today, bool *out) HEARTH_WUR;

/* A household.  NOTFOUND if there is none. */
enum herr store_household_get(struct store *st, int64_t id,
    struct household *out) HEARTH_WUR;

/* The household's members, current (on `today`) first: adults, then
 * children eldest first. */
enum herr store_household_members(struct store *st, int64_t household_id,
    hday today, struct store_member *out, int cap, int *n, int *total)
    HEARTH_WUR;

/* Active staff in the roles that take allocations (social workers, their
 * managers, Family Safeguarding adult specialists, FGC coordinators), by
 * current team and name.  _get: one of them, NOTFOUND if `staff_id` is not
 * such a member of staff. */
enum herr store_allocatable_staff(struct store *st, hday today,
    struct store_staff_pick *out, int cap, int *n, int *total) HEARTH_WUR;
enum herr store_allocatable_staff_get(struct store *st, int64_t staff_id,
    hday today, struct store_staff_pick *out) HEARTH_WUR;

/* A share of a child's record with a partner agency. */
struct store_share {
	int64_t id;
	int64_t agency_id;
	char agency_name[AGENCY_NAME_MAX + 1];
	hday start_date, end_date;	/* end HDAY_NONE: open-ended */
	char reason[501];
};

/* The child's shares that have not ended by `today`, oldest first. */
enum herr store_child_shares(struct store *st, int64_t child_id, hday today,
    struct store_share *out, int cap, int *n, int *total) HEARTH_WUR;

/* Who is named on the child's restriction (none if not restricted), by
 * name, with their current team on `today`. */
enum herr store_restriction_named(struct store *st, int64_t child_id,
    hday today, struct store_staff_pick *out, int cap, int *n, int *total)
    HEARTH_WUR;

/* Whom a restriction may name: the child's current allocated workers (of
 * the child, or of a household it lives in now) and the current members
 * of their current teams; active staff only, by team and name. */
enum herr store_restriction_candidates(struct store *st, int64_t child_id,
    hday today, struct store_staff_pick *out, int cap, int *n, int *total)
    HEARTH_WUR;

#endif
