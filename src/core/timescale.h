/*
 * timescale.h: when each step of a child's journey is due.
 *
 * From a child's journey (journey.h) and the authority's local intervals
 * this computes every timed step the journey has ever had: the ones done
 * (with the date they were done, so lateness is known) and the ones still
 * open.  Statutory timescales are fixed here; local ones (visits, core
 * groups after the first, CIN reviews) come from `struct intervals`, which
 * the authority sets.  Due dates never depend on today: an item is due on
 * its due date, and overdue from the day after until the step is done, so
 * the store can keep the open items in a table and My work reads them with
 * one indexed query.  The functions are pure and allocate nothing.
 *
 * Timescales (practice-models.md 6.2, statutory-returns.md 4):
 *   decision     1 working day from the referral          (WT2023)
 *   assessment   45 working days from the referral        (WT2023; 8670Q)
 *   icpc         15 working days from the strategy discussion at which
 *                the s47 began                            (WT2023; 8675Q)
 *   core-group   first: 10 working days from the ICPC     (WT2023)
 *                then: local interval from the last one
 *   rcpc         first: 3 months from the ICPC, then 6 months from the
 *                last review                              (WT2023)
 *   visit        CP plan: local interval from the plan start / last visit
 *                CIN plan: local interval from the start / last visit
 *   cin-review   local interval from the CIN plan start / last review
 *   lac-review   20 working days from the start, then 3 months, then
 *                6 months                                 (CPPCR 2010 reg 33)
 *   lac-visit    1 week from the start; then 6 weeks in the first year;
 *                after that 3 months if the placement is meant to last to
 *                18, else 6 weeks                         (CPPCR 2010 reg 28)
 *   transfer-in  15 working days from notification        (local, Tees)
 */
#ifndef HEARTH_CORE_TIMESCALE_H
#define HEARTH_CORE_TIMESCALE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/status.h"

enum due_step {
	STEP_DECISION = 0,	/* "decision" */
	STEP_ASSESSMENT,	/* "assessment" */
	STEP_ICPC,		/* "icpc" */
	STEP_TRANSFER_IN,	/* "transfer-in" */
	STEP_CORE_GROUP,	/* "core-group" */
	STEP_RCPC,		/* "rcpc" */
	STEP_VISIT,		/* "visit" (CP and CIN plans) */
	STEP_CIN_REVIEW,	/* "cin-review" */
	STEP_LAC_REVIEW,	/* "lac-review" */
	STEP_LAC_VISIT,		/* "lac-visit" */
	STEP__COUNT
};

const char *due_step_code(enum due_step s);	/* "core-group" */
const char *due_step_label(enum due_step s);	/* "Core group" */
int due_step_parse(const char *code);		/* -1 if unknown */

/* A local interval: n units. */
enum interval_unit {
	UNIT_WORKING_DAYS = 0,
	UNIT_DAYS,
	UNIT_WEEKS,
	UNIT_MONTHS,
	UNIT__COUNT
};

struct interval {
	int n;			/* 1..365 */
	enum interval_unit unit;
};

/* The authority's local intervals (settings "interval.cp-visit",
 * "interval.core-group", "interval.cin-visit", "interval.cin-review"). */
struct intervals {
	struct interval cp_visit;	/* default 10 working days */
	struct interval core_group;	/* default 4 weeks */
	struct interval cin_visit;	/* default 4 weeks */
	struct interval cin_review;	/* default 3 months */
};

/* The defaults above. */
void intervals_default(struct intervals *iv);

/*
 * Parse "10 working days", "4 weeks", "28 days", "3 months" (also the
 * singular and "1 week"); HERR_INVALID with diag naming `field` otherwise
 * or when n is outside 1..365.  interval_format writes the same form into
 * buf (at least 32 bytes).
 */
enum herr interval_parse(const char *s, struct interval *out,
    const char *field, struct hdiag *diag) HEARTH_WUR;
char *interval_format(const struct interval *iv, char *buf, int cap);

/* `from` plus the interval; HERR_RANGE outside the calendar's years. */
enum herr interval_add(const struct interval *iv, hday from, hday *out)
    HEARTH_WUR;

/* One timed step. */
struct due_item {
	int64_t child_id;
	enum due_step step;
	int seq;		/* 1 for the first of its series (first core
				 * group, first review, first visit...) */
	int64_t ref_id;		/* the record whose clock this is: episode
				 * (decision, assessment), s47 (icpc),
				 * conference (transfer-in), plan (others) */
	hday from;		/* the date the clock started */
	hday due;		/* the last day it is on time */
	hday done;		/* HDAY_NONE while open */
	int64_t done_id;	/* the record that did it; 0 while open */
};

/*
 * Every timed step of `j`, in order of due date (open items after done ones
 * with the same due date), into out[cap]; *n gets the count.  HERR_INVALID
 * if cap is too small (JOURNEY_EVENTS_MAX + 4 * JOURNEY_STEPS_MAX is
 * always enough), HERR_RANGE if a date falls outside the calendar.
 */
enum herr timescale_compute(const struct journey *j,
    const struct intervals *iv, struct due_item *out, int cap, int *n)
    HEARTH_WUR;

/* The item's state on `today`. */
enum due_status {
	DUE_LATER = 0,		/* open, due after the next 5 working days */
	DUE_SOON,		/* open, due within the next 5 working days */
	DUE_OVERDUE,		/* open, past its due date */
	DUE_DONE_ON_TIME,
	DUE_DONE_LATE,
};
enum due_status due_item_status(const struct due_item *it, hday today);
const char *due_status_code(enum due_status s); /* "due" for LATER and SOON,
						 * "overdue", "done", "late" */

/* Working days late (done or, when open, as of today); 0 when on time. */
int due_item_days_late(const struct due_item *it, hday today);

#endif
