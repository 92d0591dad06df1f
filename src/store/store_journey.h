/*
 * store_journey.h: the store's half of the child protection journey
 * (journey.h): loading a child's whole journey, writing each step, the
 * `due` table of timed steps (timescale.h) and the reads that My work, the
 * timeliness page and `hearth due` make of it.  Implemented in
 * store_journey.c with its own statement table.
 *
 * Reads and writes only: the rules are journey.h's, applied by
 * record_journey.c (declared in record.h) before anything here is called.
 * Every write must run inside the caller's transaction (store_begin), so a
 * step, the due items it changes and its audit row commit together or not
 * at all.  Versioned updates take the version the user saw and return
 * HERR_CONFLICT (filling *conflict when not NULL) if it has moved on.
 */
#ifndef HEARTH_STORE_STORE_JOURNEY_H
#define HEARTH_STORE_STORE_JOURNEY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/journey.h"
#include "core/timescale.h"
#include "store/store.h"
#include "store/store_case.h"

/*
 * Load child `child_id`'s whole journey into j (journey_clear first): the
 * child, every CIN episode with its referral, assessments (with factors),
 * strategy discussions (with people), s47s, the conferences the child was
 * part of (with every child's part, so a joint conference shows its
 * siblings), plans (with core group members) and events, each list in date
 * order.  HERR_NOTFOUND if there is no such child; HERR_INVALID (diag) if
 * a list exceeds journey.h's capacities.
 */
enum herr store_journey_load(struct store *st, int64_t child_id,
    struct journey *j, struct hdiag *diag) HEARTH_WUR;

/* Writes.  Each _add sets the record's id (and version 1).  `by` is the
 * staff id making the change (0 for the CLI/demo), `now` unix seconds. */
enum herr store_referral_update(struct store *st, const struct referral *r,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_episode_close(struct store *st, int64_t episode_id,
    hday closure, const char *reason, int64_t by, int64_t now) HEARTH_WUR;
enum herr store_assessment_add(struct store *st, struct assessment *a,
    int64_t by, int64_t now) HEARTH_WUR;
/* Authorise: authorised_date, outcome, factors (replacing any) and the
 * recorded due date. */
enum herr store_assessment_authorise(struct store *st,
    const struct assessment *a, int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_strategy_add(struct store *st, struct strategy *s,
    int64_t by, int64_t now) HEARTH_WUR;
enum herr store_s47_add(struct store *st, struct s47 *s, int64_t by,
    int64_t now) HEARTH_WUR;
enum herr store_s47_outcome(struct store *st, const struct s47 *s,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
/* The conference row and one conference_child row per child (their
 * plan_id as given; store_conference_child_plan sets it afterwards for a
 * plan the conference started). */
enum herr store_conference_add(struct store *st, struct conference *c,
    int64_t by, int64_t now) HEARTH_WUR;
enum herr store_conference_child_plan(struct store *st,
    int64_t conference_id, int64_t child_id, int64_t plan_id) HEARTH_WUR;
/* A plan of any kind, with its core group members for a CP plan. */
enum herr store_plan_add(struct store *st, struct plan *p, int64_t by,
    int64_t now) HEARTH_WUR;
/* End a plan: end date, CP end reason code or LAC REC code ("" for CIN). */
enum herr store_plan_end(struct store *st, int64_t plan_id, hday end,
    const char *reason, int64_t by, int64_t now) HEARTH_WUR;
/* A review conference's continue decision: the latest category. */
enum herr store_plan_category(struct store *st, int64_t plan_id,
    enum abuse_category latest, int64_t by, int64_t now) HEARTH_WUR;
/* Replace a CP plan's core group members, version-checked. */
enum herr store_core_group_set(struct store *st, const struct plan *p,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_event_add(struct store *st, struct plan_event *e,
    int64_t by, int64_t now) HEARTH_WUR;

/*
 * Replace child `child_id`'s rows in `due` with items[n]: open rows are
 * deleted and written afresh; a done item is inserted only if the row is
 * not already there done (INSERT OR IGNORE on the key), so a recorded due
 * date is never re-decided.  An open row that is now done is updated.
 */
enum herr store_due_replace(struct store *st, int64_t child_id,
    const struct due_item *items, int n) HEARTH_WUR;

/* The authority's local intervals from settings, defaults where unset;
 * HERR_INVALID (diag) if a stored setting does not parse. */
enum herr store_intervals_get(struct store *st, struct intervals *iv,
    struct hdiag *diag) HEARTH_WUR;
/* Save one (key "interval.cp-visit" ...) and recompute every child's open
 * due items with the new intervals.  In the caller's transaction. */
enum herr store_intervals_set(struct store *st, const struct intervals *iv)
    HEARTH_WUR;

/* An open due item with what a list shows of it. */
struct store_due {
	struct due_item item;
	char child_name[CASE_STAFF_NAME_MAX + 1];
	char la_child_id[16];
	int64_t worker_id;		/* current allocated worker; 0 none */
	char worker_name[CASE_STAFF_NAME_MAX + 1];
};

/* Which open items: all of them, a team's (children allocated, directly or
 * through their household, to the team's members), one worker's, or one
 * child's; due on or before `until` (HDAY_NONE: any date). */
struct due_filter {
	int64_t team_id;	/* 0: any */
	int64_t worker_id;	/* 0: any */
	int64_t child_id;	/* 0: any */
	hday until;
	hday today;		/* for current allocations */
};

/* Calls fn for each open item matching f, by due date then child; stops
 * early with fn's status if not HERR_OK. */
enum herr store_due_each(struct store *st, const struct due_filter *f,
    enum herr (*fn)(void *arg, const struct store_due *d), void *arg)
    HEARTH_WUR;

/* A bounded list form of the same for pages: up to cap into out, *total
 * all matching. */
enum herr store_due_list(struct store *st, const struct due_filter *f,
    struct store_due *out, int cap, int *n, int *total) HEARTH_WUR;

/* Timeliness of one step over a period: of the items done with a done
 * date in [from, to], how many were done on or before their due date; and
 * the items still open that fell due in the period and are overdue on
 * `today` (due before it). */
struct timeliness_row {
	enum due_step step;
	int first_only;		/* 1: only seq 1 (first core groups) */
	int done, on_time, open_overdue;
};

/* The rows the timeliness page shows, in this order: assessments within
 * 45 working days, ICPCs within 15, first core groups within 10, review
 * conferences on time, CP visits on time, CIN reviews, LAC reviews, LAC
 * visits.  team_id 0 means the whole authority; a child counts for a team
 * when it was allocated to one of the team's members on the done (or due)
 * date. */
#define TIMELINESS_ROWS 8
enum herr store_timeliness(struct store *st, int64_t team_id, hday from,
    hday to, hday today, struct timeliness_row out[TIMELINESS_ROWS])
    HEARTH_WUR;

#endif
