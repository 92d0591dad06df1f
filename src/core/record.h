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

#endif
