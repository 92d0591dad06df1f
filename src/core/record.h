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
#include "core/journey.h"
#include "core/meeting.h"
#include "core/sos.h"
#include "core/timescale.h"

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

/*
 * The child protection journey (journey.h).  Each function loads the
 * child's journey, applies journey_check_*, and only then writes; it sets
 * the due date a completing step is measured against (timescale.h: the
 * open item the step completes) on the record, and recomputes the child's
 * due items (store_due_replace) after the write.  All run inside the
 * caller's transaction (store_begin), so the step, the due items and the
 * caller's audit row commit together; on failure the caller rolls back and
 * nothing is half-saved.  `by` is the staff id (0 for CLI/demo), `now`
 * unix seconds, `today` the date rules are checked against.  Versioned
 * updates take the version the user saw (HERR_CONFLICT, *conflict filled,
 * when another save came first).
 */
struct referral;
struct assessment;
struct strategy;
struct s47;
struct conference;
struct plan;
struct plan_event;

struct journey_ctx {
	hday today;
	int64_t by;
	int64_t now;
	struct store_change *conflict;	/* may be NULL */
	/* The local intervals; NULL reads the authority's settings. */
	const struct intervals *iv;
	/* A bulk load (the demo, imports) leaves the due items alone and
	 * calls record_due_refresh once for each child it touched, before
	 * it commits; everyone else leaves this false. */
	bool defer_due;
};

/* A new referral: the CIN episode (record_cin_episode_add's rules) with
 * the contact date (on or before the referral) and reason kept beside it,
 * and the decision put on the child's due list.  Sets ep->id and
 * r->episode_id; r's decision must be DECISION_NONE. */
enum herr record_referral_add(struct store *st, struct cin_episode *ep,
    struct referral *r, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
/* Record the referral's decision (with the contact date and reason).  NFA
 * and early help end social care's involvement: the episode is marked a
 * referral with no further action (ReferralNFA) and closed on the decision
 * date, RC8 for NFA and RC9 for early help. */
enum herr record_referral_decide(struct store *st, int64_t child_id,
    const struct referral *r, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_assessment_start(struct store *st, struct assessment *a,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_assessment_authorise(struct store *st, struct assessment *a,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
enum herr record_strategy_add(struct store *st, struct strategy *s,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_s47_start(struct store *st, struct s47 *s,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* An s47 outcome of CIN plan also starts a CIN plan on the outcome date. */
enum herr record_s47_outcome(struct store *st, struct s47 *s,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
/*
 * A conference and each child's decision, checked child by child (diag's
 * field is prefixed "child_N." for the N-th child, 0-based, when there is
 * more than one): a plan decision starts a CP plan on the conference date
 * (2885) with its category; continue sets the latest category; end ends
 * the plan on the conference date with the reason and, with step_down,
 * starts a CIN plan the same day.  Sets each child's plan_id.
 */
enum herr record_conference_add(struct store *st, struct conference *c,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* End a CP plan without a conference (reasons needing no judgement). */
enum herr record_plan_end(struct store *st, int64_t child_id,
    int64_t plan_id, hday end, enum plan_end_reason reason,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_core_group_set(struct store *st, struct plan *p,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
/* A CIN plan started by hand (after an assessment), and ending one. */
enum herr record_cin_plan_start(struct store *st, struct plan *p,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_cin_plan_end(struct store *st, int64_t child_id,
    int64_t plan_id, hday end, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_event_add(struct store *st, struct plan_event *e,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_lac_start(struct store *st, struct plan *p,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_lac_end(struct store *st, int64_t child_id, int64_t plan_id,
    hday end, const char *reason, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
/* Close a CIN episode (no plan may be open in it), recomputing due items. */
enum herr record_episode_close(struct store *st, int64_t child_id,
    int64_t episode_id, hday closure, const char *reason,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* Recompute one child's due items from their journey (after an import or
 * a change of intervals). */
enum herr record_due_refresh(struct store *st, int64_t child_id,
    const struct intervals *iv, struct hdiag *diag) HEARTH_WUR;

/*
 * Signs of Safety (sos.h, record_sos.c).  Inside the caller's transaction
 * like the journey's steps; cx->by and cx->now stamp the record.
 *
 * A map is saved as a new revision; `expected` is the id of the latest
 * revision the author started from (0 for a child's first map), checked
 * for the first child: HERR_CONFLICT (cx->conflict filled with who saved
 * the newer revision, when) if another came first.  Every child must
 * exist; m->made_by and made_at are set from cx.  `warn` (may be NULL)
 * gets sos_map_check's warnings.
 */
struct sos_map;
struct sos_rating;
struct voice_work;
struct sos_warnings;
enum herr record_map_save(struct store *st, struct sos_map *m,
    int64_t expected, const struct journey_ctx *cx,
    struct sos_warnings *warn, struct hdiag *diag) HEARTH_WUR;
/* A rating, checked against the revision it rates and the child's
 * ratings so far (sos_rating_check); sets r->id. */
enum herr record_rating_add(struct store *st, struct sos_rating *r,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* Direct work with the child, checked against their date of birth. */
enum herr record_voice_add(struct store *st, struct voice_work *v,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_voice_update(struct store *st, struct voice_work *v,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;

/*
 * Conferences as meetings (meeting.h, record_meeting.c).  Each loads the
 * meeting (HERR_NOTFOUND if none), applies meeting.h's rule for the step
 * and only then writes, inside the caller's transaction.  `expected` is
 * the meeting's version the user saw.
 */
struct meeting;
struct meeting_child;
struct invitee;
struct agency_report;
struct threshold_view;
struct meeting_send;
struct feedback;
/* Book: meeting_check_booking, every child exists, and each fits the
 * kind: an ICPC's child has an s47 that ended in a conference with no
 * ICPC since, and no open CP plan; a review's child has an open CP plan;
 * a transfer-in's child has no open CP plan.  No child may be in another
 * booked meeting on the same day.  Sets m->id. */
enum herr record_meeting_book(struct store *st, struct meeting *m,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* Change a booked meeting's date, time, place, chair or notified date. */
enum herr record_meeting_update(struct store *st, const struct meeting *m,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
/* Cancel a booked meeting, with the reason (1..2000 bytes). */
enum herr record_meeting_cancel(struct store *st, int64_t meeting_id,
    const char *reason, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_invitee_add(struct store *st, int64_t meeting_id,
    struct invitee *i, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;
/* Attendance for every invitee at once (`att` in m->invitees order, n of
 * them, which must be all of them); on or after the meeting day. */
enum herr record_attendance_set(struct store *st, int64_t meeting_id,
    const enum attendance *att, int n, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* Submit an agency's report (r->id 0: a new one for r->invitee_id, which
 * must be an agency invitee without a report yet) or replace its text
 * (r->id set, `expected` the report's version, not once shared).  Sets
 * author_id and submitted_at from cx. */
enum herr record_report_submit(struct store *st, int64_t meeting_id,
    struct agency_report *r, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
/* Mark a report shared with the family on `day` (not in the future);
 * `expected` is the report's version, as for replacing its text. */
enum herr record_report_share(struct store *st, int64_t meeting_id,
    int64_t report_id, hday day, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* A child's participation and advocate offer (the child's date of birth
 * is read for the 10+ rule). */
enum herr record_participation_set(struct store *st, int64_t meeting_id,
    const struct meeting_child *c, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
enum herr record_view_add(struct store *st, int64_t meeting_id,
    struct threshold_view *v, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
/*
 * The chair's decision: `c` carries each child's decision, category, end
 * reason and step-down (children in the meeting's order, all of them);
 * kind, held date, chair and notified date come from the meeting, and the
 * journey's record_conference_add applies every journey rule.  The
 * meeting becomes held, pointing at the new conference, with the dissent
 * in words.  Only a booked meeting on or before cx->today.
 */
enum herr record_meeting_decide(struct store *st, int64_t meeting_id,
    struct conference *c, const char *dissent, int64_t expected,
    const struct journey_ctx *cx, struct hdiag *diag) HEARTH_WUR;
/* The plan (m's outcomes, actions, contingency, child_seen, core group;
 * m->id the meeting): held meetings only, meeting_check_plan, then the
 * core group is also set on each child's open CP plan
 * (record_core_group_set). `warn` may be NULL. */
enum herr record_meeting_plan_save(struct store *st, const struct meeting *m,
    int64_t expected, const struct journey_ctx *cx,
    struct sos_warnings *warn, struct hdiag *diag) HEARTH_WUR;
/* The minutes (1..MEETING_MINUTES_MAX bytes), held meetings only. */
enum herr record_minutes_save(struct store *st, int64_t meeting_id,
    const char *minutes, int64_t expected, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
/* A document sent (meeting_check_send with cx->now); sets s->sent_by. */
enum herr record_send_add(struct store *st, int64_t meeting_id,
    struct meeting_send *s, const struct journey_ctx *cx,
    struct hdiag *diag) HEARTH_WUR;
enum herr record_feedback_add(struct store *st, int64_t meeting_id,
    struct feedback *f, const struct journey_ctx *cx, struct hdiag *diag)
    HEARTH_WUR;

#endif
