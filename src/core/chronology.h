/*
 * chronology.h: a child's chronology, the list of significant events in
 * their life and in the authority's work with them, newest first.
 *
 * Practitioners add entries by hand (a visit, a strategy discussion, an
 * incident); other events are derived from the records themselves (a
 * referral received, an episode closed, a worker allocated or ended, and
 * every step of the child protection journey: decisions, assessments,
 * strategy discussions, s47 enquiries, conferences, plans, core groups,
 * visits and reviews), so that the chronology never disagrees with them.  This module owns the
 * entry, its categories and validation, the derivation and the order.  It
 * never stores: record_chronology_add validates here, then the store writes.
 */
#ifndef HEARTH_CORE_CHRONOLOGY_H
#define HEARTH_CORE_CHRONOLOGY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cin.h"
#include "core/date.h"
#include "core/journey.h"
#include "core/person.h"
#include "core/staff.h"
#include "core/status.h"

#define CHRONOLOGY_CATEGORY_MAX 40
#define CHRONOLOGY_SUMMARY_MAX 2000	/* bytes of UTF-8 */
#define CHRONOLOGY_NAME_MAX (2 * PERSON_NAME_MAX + 1)

/* Where an entry comes from: a person, or one of the records. */
enum chronology_source {
	CHRON_MANUAL,		/* the chronology table */
	CHRON_REFERRAL,		/* a CIN episode's referral */
	CHRON_CLOSURE,		/* a CIN episode's closure */
	CHRON_ALLOCATED,	/* a worker's allocation began */
	CHRON_ALLOCATION_ENDED,	/* ... and ended */
	CHRON_JOURNEY,		/* a step of the journey (`step` says which) */
};

/*
 * Which step of the child's journey a derived entry stands for, so that an
 * edge can link it to the step's own record (`ref_id`).  CSTEP_NONE for
 * manual entries and allocations.  Within one day, later steps sort first.
 */
enum chronology_step {
	CSTEP_NONE = 0,
	CSTEP_REFERRAL,		/* ref: the CIN episode */
	CSTEP_DECISION,		/* ref: the CIN episode */
	CSTEP_ASSESSMENT_STARTED,	/* ref: the assessment */
	CSTEP_STRATEGY,		/* ref: the strategy discussion */
	CSTEP_S47_STARTED,	/* ref: the s47 enquiry */
	CSTEP_S47_OUTCOME,	/* ref: the s47 enquiry */
	CSTEP_ASSESSMENT_AUTHORISED,	/* ref: the assessment */
	CSTEP_CONFERENCE,	/* ref: the conference */
	CSTEP_PLAN_ENDED,	/* ref: the plan (CP, CIN or looked after) */
	CSTEP_PLAN_STARTED,	/* ref: the plan */
	CSTEP_CORE_GROUP,	/* ref: the plan; ref2: the event */
	CSTEP_VISIT,		/* ref: the plan; ref2: the event */
	CSTEP_CIN_REVIEW,	/* ref: the plan; ref2: the event */
	CSTEP_LAC_REVIEW,	/* ref: the plan; ref2: the event */
	CSTEP_LAC_VISIT,	/* ref: the plan; ref2: the event */
	CSTEP_CLOSURE,		/* ref: the CIN episode */
	CSTEP__COUNT
};

struct chronology_entry {
	int64_t id;		/* chronology row; 0 for a derived entry */
	int64_t version;
	int64_t child_id;
	hday date;		/* when it happened */
	char category[CHRONOLOGY_CATEGORY_MAX + 1];
	char summary[CHRONOLOGY_SUMMARY_MAX + 1];
	int64_t recorded_by;	/* staff id; 0 when derived or unknown */
	char recorded_by_name[CHRONOLOGY_NAME_MAX + 1];	/* "" if none */
	int64_t recorded_at;	/* unix seconds; 0 when derived */
	enum chronology_source source;
	enum chronology_step step;	/* CSTEP_NONE unless from the journey */
	int64_t ref_id;		/* the step's record (see chronology_step) */
	int64_t ref2_id;	/* a visit's, meeting's or review's own id */
};

/* Empty an entry: no date, manual, nothing recorded. */
void chronology_entry_init(struct chronology_entry *e);

/* The categories a person may choose, in the order a form lists them
 * ("Referral" ... "Other"); *n gets how many.  Static, borrowed. */
const char *const *chronology_categories(int *n);

/* True if `s` is exactly one of chronology_categories(). */
bool chronology_category_valid(const char *s);

/*
 * Decide whether a manual entry may be stored, as of `today`: a date, not in
 * the future and within the calendar's years; a category from the list; a
 * summary present, valid UTF-8, several lines allowed, at most
 * CHRONOLOGY_SUMMARY_MAX bytes.  Fields named: event_date, category,
 * summary.
 */
enum herr chronology_validate(const struct chronology_entry *e, hday today,
    struct hdiag *diag) HEARTH_WUR;

/*
 * The events an episode stands for: its referral (with the source and
 * primary need, or no further action) and, when closed, its closure (with
 * the reason).  Writes up to 2 entries to out; returns how many.
 */
int chronology_from_episode(const struct cin_episode *ep,
    struct chronology_entry out[2]);

/*
 * The events of an allocation of `worker` (a name, borrowed) in `role`:
 * allocated from its start and, when it has one, ended on its end date
 * (an end after `today` has not happened yet and is left out).  `to_family`
 * names the household the worker was allocated to, or NULL for the child.
 * Writes up to 2 entries; returns how many.
 */
int chronology_from_allocation(const struct allocation *a,
    const char *worker, enum staff_role role, const char *to_family,
    hday today, struct chronology_entry out[2]);

/*
 * The events of a child's journey (journey.h) other than the referrals and
 * closures chronology_from_episode gives: each referral's decision, every
 * assessment started and authorised, strategy discussion, s47 enquiry
 * started and completed, conference (with what it decided for this child),
 * plan started and ended, and every core group, visit and review.  Writes
 * at most `cap` entries to out; returns how many.  chronology_journey_count
 * says how many there are (the room to allocate).
 */
int chronology_journey_count(const struct journey *j);
int chronology_from_journey(const struct journey *j,
    struct chronology_entry *out, int cap);

/* A stable lower-case code for a step ("s47-outcome"), "" for CSTEP_NONE,
 * for the API. */
const char *chronology_step_code(enum chronology_step s);

/* Sort newest first; on one day, entries recorded later come first, then
 * derived events in a fixed order (later steps of the journey first), so
 * the order never depends on input. */
void chronology_sort(struct chronology_entry *e, int n);

#endif
