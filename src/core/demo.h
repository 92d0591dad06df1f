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
 * Each referral is followed through the child protection journey
 * (journey.h): the decision, the assessment, strategy discussions with
 * police, health and school, section 47 enquiries, joint conferences for
 * the children of one household, child protection plans (neglect about
 * half, emotional abuse about a third, then physical, sexual, multiple)
 * with core groups, visits and review conferences, Child in Need plans with
 * their reviews and visits, step-down, repeat plans and a few looked-after
 * episodes.  Most steps are on time and some are late, and on the as-of
 * date children are at every stage, some with overdue steps, so that My
 * work and the timeliness figures have something to show.
 *
 * Every conference is a meeting (meeting.h) run the Signs of Safety way:
 * booked (an initial one on or after the strategy discussion, a review a
 * few weeks ahead); the parents, one or two of the family's safety
 * network and the agencies invited (social worker, police, health
 * visiting or school nursing by the children's ages, the school for
 * school-age children, sometimes the GP or a Family Safeguarding adult
 * worker), partners as the hearth users they are; about 85% of agency
 * reports in, in plain words, most shared with the family by the
 * share-by date (3 working days before an initial conference, 5 before a
 * review), some late, some never; each child's participation (an advocate
 * always offered from 10); attendance and apologies; the family's map
 * worked through as a new revision (1-4 harm statements, 1-3 danger
 * statements each with the agency's and the family's goals, complicating
 * factors, strengths, existing safety, next steps); safety scales from the
 * child, the parents, the network and the professionals, overall and for
 * each pair, rising over plans that end and staying low for those that
 * do not; a few views on the threshold; the chair's decision through
 * record_meeting_decide (the conference the journey planned, unchanged);
 * the plan in the agency's and the family's words with the core group;
 * the minutes; both sent to the family and the agencies, about nine in
 * ten within 72 hours (Bexley); feedback from a parent on about three
 * conferences in ten and from some children.  Early in each plan the
 * children of 5 and over do the Three Houses and some have Words and
 * Pictures.  Conferences due in the six weeks after the as-of date are
 * booked already.  The journey and the meetings draw on separate random
 * streams, so the journey is the one the seed gave before conferences
 * became meetings.
 *
 * Every record goes through core/record.h, so the demo passes the same
 * rules as real data.  The same seed and as-of date give the same database.
 */
#ifndef HEARTH_CORE_DEMO_H
#define HEARTH_CORE_DEMO_H

#include <stdint.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/status.h"

struct store;

#define DEMO_CHILDREN_DEFAULT 1000
#define DEMO_CHILDREN_MAX 1000000

struct demo_options {
	int64_t children;	/* children to create, 1..DEMO_CHILDREN_MAX */
	uint64_t seed;		/* the same seed gives the same authority */
	hday as_of;		/* "today" for the demo: history ends here */
};

/* What the demo recorded of the journey (children counted once per record;
 * "now" is the as-of date). */
struct demo_stats {
	int64_t awaiting_decision;	/* referrals undecided now */
	int64_t assessments, assessments_open;
	int64_t strategies, s47s, s47s_open;
	int64_t s47_outcomes[S47__COUNT];
	int64_t awaiting_icpc;		/* s47 decided on a conference, none
					 * held yet */
	int64_t icpcs, rcpcs;		/* conferences (one per household) */
	int64_t joint;			/* of them, with two or more children */
	int64_t cp_plans, cp_open, cp_repeat, cp_step_down;
	int64_t cp_category[ABUSE__COUNT];	/* plans by initial category */
	int64_t cin_plans, cin_open;
	int64_t lac, lac_open;
	int64_t events[EVENT__COUNT];
	/* Conferences as meetings: held (one per conference above) and
	 * booked for the weeks after the as-of date; at the held ones: */
	int64_t meetings, meetings_booked;
	int64_t invitations;
	int64_t reports_expected, reports;	/* agency reports due, in */
	int64_t reports_on_time, reports_late;	/* shared with the family by
						 * the share-by date, after */
	int64_t participation[PART__COUNT];	/* children, by how they took
						 * part */
	int64_t advocates_offered, advocates_accepted;
	int64_t views;				/* on the threshold */
	int64_t plans, minutes;			/* saved */
	int64_t sent, sent_72h;	/* conferences whose plan (if any) and
				 * minutes went to the family and the
				 * agencies by the as-of date; of them,
				 * within 72 hours of the start */
	int64_t feedback_parent, feedback_child;
	/* Signs of Safety. */
	int64_t maps, ratings;			/* map revisions, scale
						 * ratings */
	int64_t three_houses, words_pictures;
};

/*
 * Create the demo authority in an empty store, inside one transaction: on
 * failure nothing is left.  HERR_INVALID if the store already holds children
 * or the options are out of range (diag names which).  `stats` (may be
 * NULL) gets what the journey holds.
 */
enum herr demo_generate(struct store *st, const struct demo_options *opt,
    struct demo_stats *stats, struct hdiag *diag) HEARTH_WUR;

#endif
