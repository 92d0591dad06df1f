/*
 * journey.h: the statutory child protection journey of one child.
 *
 * A child's journey hangs off their CIN episodes (cin.h): within an
 * episode the authority decides on the referral, assesses, holds strategy
 * discussions and section 47 enquiries, conferences, and makes Child in
 * Need (CIN) and child protection (CP) plans; a CP plan has core groups,
 * visits and review conferences; a looked-after episode has its reviews
 * and visits.  This module owns those records, their code lists and the
 * rules that relate one step to the others (order, dates, overlaps).  It
 * never stores: record.h calls journey_check_* with the child's whole
 * journey (store_journey_load) and writes only what passes, so the web,
 * API, CLI and demo cannot store a step out of order.
 *
 * Every rule names its source: the CIN census validation rule where there
 * is one (e.g. 2885, 4001, 8841, 8875), or Working Together 2023 (WT2023).
 */
#ifndef HEARTH_CORE_JOURNEY_H
#define HEARTH_CORE_JOURNEY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cin.h"
#include "core/date.h"
#include "core/person.h"
#include "core/status.h"

#define JOURNEY_TEXT_MAX 2000		/* bytes of UTF-8: reasons, notes */
#define JOURNEY_NAME_MAX 120		/* a participant's or member's name */
#define JOURNEY_FACTORS_MAX 24		/* factors on one assessment */
#define JOURNEY_PEOPLE_MAX 24		/* participants, core group members */

/* Capacities of one child's loaded journey; a write that would pass them
 * is refused with HERR_INVALID naming the limit. */
#define JOURNEY_EPISODES_MAX 64
#define JOURNEY_STEPS_MAX 128		/* assessments, strategies, s47s... */
#define JOURNEY_PLANS_MAX 64		/* CP plans, CIN plans, LAC episodes */
#define JOURNEY_EVENTS_MAX 2048		/* visits, core groups, reviews */

/* The decision on a referral, due within 1 working day (WT2023). */
enum referral_decision {
	DECISION_NONE = 0,		/* not yet made */
	DECISION_NFA,			/* no further action: closes the episode */
	DECISION_ASSESSMENT,		/* child and family assessment */
	DECISION_STRATEGY,		/* strategy discussion (child protection) */
	DECISION_EARLY_HELP,		/* step across to early help */
	DECISION__COUNT
};

/* How a child and family assessment ended. */
enum assessment_outcome {
	ASSESS_OPEN = 0,		/* not authorised yet */
	ASSESS_NFA,			/* no further action */
	ASSESS_CIN_PLAN,		/* child in need plan */
	ASSESS_STRATEGY,		/* strategy discussion */
	ASSESS_EARLY_HELP,		/* early help */
	ASSESS__COUNT
};

/* How a section 47 enquiry ended. */
enum s47_outcome {
	S47_OPEN = 0,
	S47_CONFERENCE,			/* initial conference to be held */
	S47_NFA,			/* no further action */
	S47_CIN_PLAN,			/* child in need plan instead */
	S47__COUNT
};

enum conference_kind {
	CONF_INITIAL = 0,		/* ICPC */
	CONF_REVIEW,			/* RCPC */
	CONF_TRANSFER_IN,		/* from another authority */
	CONF__COUNT
};

/* What a conference decided for one child. */
enum conference_decision {
	CDEC_PLAN = 0,			/* ICPC/transfer-in: a CP plan starts */
	CDEC_NO_PLAN,			/* ICPC/transfer-in: no plan */
	CDEC_CONTINUE,			/* RCPC: the plan continues */
	CDEC_END,			/* RCPC: the plan ends (with a reason) */
	CDEC__COUNT
};

/* Categories of abuse (CIN census 8905/8910: NEG PHY EMO SAB MUL). */
enum abuse_category {
	ABUSE_NONE = 0,
	ABUSE_NEGLECT,			/* NEG */
	ABUSE_PHYSICAL,			/* PHY */
	ABUSE_EMOTIONAL,		/* EMO */
	ABUSE_SEXUAL,			/* SAB */
	ABUSE_MULTIPLE,			/* MUL */
	ABUSE__COUNT
};

/* Why a CP plan ended (practice-models.md 6.6). */
enum plan_end_reason {
	PLANEND_NONE = 0,
	PLANEND_NO_LONGER_AT_RISK,	/* only at a review conference */
	PLANEND_MOVED_LA,		/* moved permanently to another LA */
	PLANEND_AGE_18,
	PLANEND_LEFT_UK,
	PLANEND_DIED,
	PLANEND_LOOKED_AFTER,		/* risk managed through the care plan */
	PLANEND__COUNT
};

enum plan_kind {
	PLAN_CP = 0,			/* child protection plan */
	PLAN_CIN,			/* child in need plan */
	PLAN_LAC,			/* a looked-after episode */
	PLAN__COUNT
};

/* Meetings and visits under a plan. */
enum event_kind {
	EVENT_VISIT = 0,		/* statutory visit (CP or CIN plan) */
	EVENT_CORE_GROUP,		/* CP plan */
	EVENT_CIN_REVIEW,		/* CIN plan */
	EVENT_LAC_REVIEW,		/* looked-after review (reg 33) */
	EVENT_LAC_VISIT,		/* looked-after visit (reg 28) */
	EVENT__COUNT
};

/*
 * The stable lower-case code of each value, used in forms, the API, the
 * database and the CLI ("assessment", "early-help", "neglect", "rcpc"...),
 * its plain-English label ("Child and family assessment"), and the reverse
 * lookup (-1 when `code` is not one of them).  Borrowed static strings.
 */
const char *referral_decision_code(enum referral_decision d);
const char *referral_decision_label(enum referral_decision d);
int referral_decision_parse(const char *code);
const char *assessment_outcome_code(enum assessment_outcome o);
const char *assessment_outcome_label(enum assessment_outcome o);
int assessment_outcome_parse(const char *code);
const char *s47_outcome_code(enum s47_outcome o);
const char *s47_outcome_label(enum s47_outcome o);
int s47_outcome_parse(const char *code);
const char *conference_kind_code(enum conference_kind k);	/* icpc rcpc transfer-in */
const char *conference_kind_label(enum conference_kind k);
int conference_kind_parse(const char *code);
const char *conference_decision_code(enum conference_decision d);
const char *conference_decision_label(enum conference_decision d);
int conference_decision_parse(const char *code);
const char *abuse_category_code(enum abuse_category c);	/* neglect ... */
const char *abuse_category_census(enum abuse_category c);	/* NEG ... */
const char *abuse_category_label(enum abuse_category c);
int abuse_category_parse(const char *code);
const char *plan_end_reason_code(enum plan_end_reason r);
const char *plan_end_reason_label(enum plan_end_reason r);
int plan_end_reason_parse(const char *code);
const char *plan_kind_code(enum plan_kind k);			/* cp cin lac */
const char *event_kind_code(enum event_kind k);	/* visit core-group ... */
const char *event_kind_label(enum event_kind k);
int event_kind_parse(const char *code);

/*
 * SSDA903 code lists for a looked-after episode: legal status (LS, e.g.
 * C2, V2), placement type (PL, e.g. U1, K2) and reason the episode ceased
 * (REC, e.g. E13, E4A).  HERR_OK if `value` is on the list, else
 * HERR_INVALID with diag naming `field`.
 */
struct lac_code {
	const char *code;
	const char *label;
};
const struct lac_code *lac_legal_statuses(int *n);
const struct lac_code *lac_placements(int *n);
const struct lac_code *lac_end_reasons(int *n);
enum herr lac_code_check(const struct lac_code *list, int n,
    const char *field, const char *value, struct hdiag *diag) HEARTH_WUR;

/* A person taking part: a strategy discussion member or a core group
 * member.  staff_id is set when they are one of the authority's staff. */
struct journey_person {
	char name[JOURNEY_NAME_MAX + 1];
	char agency[JOURNEY_NAME_MAX + 1];	/* "Police", "Health visiting" */
	char role[JOURNEY_NAME_MAX + 1];	/* "" allowed; "Parent" ... */
	int64_t staff_id;			/* 0 when not staff */
};

/* The referral decision and reason, kept on the CIN episode. */
struct referral {
	int64_t episode_id;
	int64_t version;			/* the episode's */
	hday contact_date;			/* HDAY_NONE: same as referral */
	char reason[JOURNEY_TEXT_MAX + 1];
	enum referral_decision decision;
	hday decision_date;			/* HDAY_NONE until decided */
};

struct assessment {
	int64_t id, version, child_id, episode_id;
	hday start_date;
	hday authorised_date;			/* HDAY_NONE while open */
	char factors[JOURNEY_FACTORS_MAX][4];	/* CIN census codes (8897Q) */
	int n_factors;
	enum assessment_outcome outcome;	/* ASSESS_OPEN while open */
	hday due_date;				/* recorded when authorised */
};

struct strategy {
	int64_t id, version, child_id, episode_id;
	hday held_date;
	bool s47;				/* decided to start an s47 */
	char note[JOURNEY_TEXT_MAX + 1];
	struct journey_person people[JOURNEY_PEOPLE_MAX];
	int n_people;
};

struct s47 {
	int64_t id, version, child_id, episode_id;
	int64_t strategy_id;			/* the discussion that began it */
	hday start_date;
	enum s47_outcome outcome;		/* S47_OPEN while open */
	hday outcome_date;			/* HDAY_NONE while open */
};

/* One child's part in a conference. */
struct conference_child {
	int64_t child_id;
	int64_t s47_id;				/* ICPC: the enquiry; else 0 */
	int64_t plan_id;	/* the plan started (ICPC/transfer) or reviewed */
	enum conference_decision decision;
	enum abuse_category category;		/* plan/continue: required */
	enum plan_end_reason end_reason;	/* end: required */
	bool step_down;				/* end: a CIN plan starts */
	hday due_date;				/* recorded when held */
};

#define CONFERENCE_CHILDREN_MAX 16

struct conference {
	int64_t id, version;
	enum conference_kind kind;
	hday held_date;
	hday notified_date;	/* transfer-in: when this LA was told */
	int64_t chair_id;			/* staff; 0 when not recorded */
	char note[JOURNEY_TEXT_MAX + 1];
	struct conference_child children[CONFERENCE_CHILDREN_MAX];
	int n_children;				/* all discussed together */
};

/* A CP plan, CIN plan or looked-after episode. */
struct plan {
	int64_t id, version, child_id, episode_id;
	enum plan_kind kind;
	hday start_date;
	hday end_date;				/* HDAY_NONE while open */
	/* CP */
	int64_t conference_id;			/* the conference it began at */
	enum abuse_category initial_category, latest_category;
	enum plan_end_reason end_reason;
	struct journey_person core_group[JOURNEY_PEOPLE_MAX];
	int n_core_group;
	/* LAC */
	char legal_status[3];			/* LS */
	char placement[3];			/* PL */
	bool long_term;		/* placement meant to last to 18 (reg 28) */
	char lac_end_reason[4];			/* REC; "" while open */
};

/* A visit, core group or review under a plan. */
struct plan_event {
	int64_t id, child_id, plan_id;
	enum event_kind kind;
	hday held_date;
	bool seen;				/* visits: the child was seen */
	bool seen_alone;			/* visits: seen alone */
	char note[JOURNEY_TEXT_MAX + 1];
	hday due_date;				/* recorded when held */
};

/*
 * Everything about one child's journey, as the store loads it, each list
 * in date order (episodes by referral date, events by held date).
 * Allocated by journey_new; the lists are heap arrays that grow to the
 * child's size up to the capacities above.  journey_free(NULL) is a no-op.
 */
struct journey {
	struct child child;
	struct cin_episode *episodes;	int n_episodes;
	struct referral *referrals;	/* parallel to episodes */
	struct assessment *assessments;	int n_assessments;
	struct strategy *strategies;	int n_strategies;
	struct s47 *s47s;		int n_s47s;
	struct conference *conferences;	int n_conferences; /* with this child */
	struct plan *plans;		int n_plans;
	struct plan_event *events;	int n_events;
};

struct journey *journey_new(void);		/* caller frees */
void journey_free(struct journey *j);
void journey_clear(struct journey *j);		/* empties, keeps memory */

/* Append one record of each kind (copying it); HERR_INVALID with diag
 * when the child already has the maximum of that kind. */
enum herr journey_push_episode(struct journey *j, const struct cin_episode *e,
    const struct referral *r, struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_assessment(struct journey *j,
    const struct assessment *a, struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_strategy(struct journey *j, const struct strategy *s,
    struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_s47(struct journey *j, const struct s47 *s,
    struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_conference(struct journey *j,
    const struct conference *c, struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_plan(struct journey *j, const struct plan *p,
    struct hdiag *diag) HEARTH_WUR;
enum herr journey_push_event(struct journey *j, const struct plan_event *e,
    struct hdiag *diag) HEARTH_WUR;

/* Lookups in a loaded journey; NULL when absent.  Borrowed. */
const struct cin_episode *journey_episode(const struct journey *j, int64_t id);
const struct referral *journey_referral(const struct journey *j,
    int64_t episode_id);
/* The episode open on `day` (referral <= day <= closure or open). */
const struct cin_episode *journey_episode_on(const struct journey *j,
    hday day);
const struct plan *journey_plan(const struct journey *j, int64_t id);
/* The child's open plan of kind k, if any. */
const struct plan *journey_open_plan(const struct journey *j,
    enum plan_kind k);
const struct s47 *journey_s47(const struct journey *j, int64_t id);
const struct strategy *journey_strategy(const struct journey *j, int64_t id);

/*
 * The strategy discussion whose date starts the ICPC clock for `s`
 * (WT2023: "within 15 working days of the strategy discussion at which the
 * section 47 enquiries were initiated"): the one s->strategy_id names; when
 * that is 0 (older or imported records), the latest discussion in the same
 * episode held on or before the enquiry began that decided on an s47; NULL
 * when there is none.
 */
const struct strategy *journey_s47_strategy(const struct journey *j,
    const struct s47 *s);

/*
 * The rules for adding or changing one step, given the child's journey as
 * it is now and `today`.  Each returns HERR_OK, or HERR_INVALID with diag
 * naming the form field (the struct member's name, e.g. "held_date") and
 * a sentence a practitioner understands.  Common to every step: dates
 * present, not in the future, not before the child was born (or 40 weeks
 * before the expected birth), within a CIN episode of the child (on or
 * after its referral date and not after its closure), in order with the
 * steps they follow.
 */

/* Decide on a referral: the episode open, no decision yet, decided on or
 * after the referral date; NFA needs the episode to have no other step. */
enum herr journey_check_decision(const struct journey *j,
    const struct referral *r, hday today, struct hdiag *diag) HEARTH_WUR;

/* Start an assessment: an episode whose decision was an assessment (or a
 * strategy discussion), started on or after the referral date, no other
 * assessment open; factors on the census list (8897Q). */
enum herr journey_check_assessment(const struct journey *j,
    const struct assessment *a, hday today, struct hdiag *diag) HEARTH_WUR;

/* Authorise (complete) an assessment: authorised on or after its start
 * (8736), an outcome, at least one factor unless the outcome is NFA. */
enum herr journey_check_authorise(const struct journey *j,
    const struct assessment *a, hday today, struct hdiag *diag) HEARTH_WUR;

/* A CIN plan: starts on or after the referral, the episode open, no other
 * CIN plan open, and never running alongside a CP plan (4001); a CIN plan
 * may start on the day a CP plan ends (step-down). */
enum herr journey_check_cin_plan(const struct journey *j,
    const struct plan *p, hday today, struct hdiag *diag) HEARTH_WUR;

/* End a CIN plan: on or after its start. */
enum herr journey_check_cin_plan_end(const struct journey *j,
    const struct plan *p, hday end, hday today, struct hdiag *diag)
    HEARTH_WUR;

/* A strategy discussion: on or after the referral, people each with a
 * name and an agency (at least one person). */
enum herr journey_check_strategy(const struct journey *j,
    const struct strategy *s, hday today, struct hdiag *diag) HEARTH_WUR;

/* Start an s47: after a strategy discussion in the same episode that
 * decided on one, on or after that discussion, none other open. */
enum herr journey_check_s47(const struct journey *j, const struct s47 *s,
    hday today, struct hdiag *diag) HEARTH_WUR;

/* Record an s47's outcome: on or after its start; a conference outcome
 * only where none has yet been held for it. */
enum herr journey_check_s47_outcome(const struct journey *j,
    const struct s47 *s, hday today, struct hdiag *diag) HEARTH_WUR;

/*
 * A conference, checked for one of its children (`cc`, with that child's
 * journey `j`): not on a weekend or bank holiday (8875); an ICPC needs the
 * child's s47 with outcome conference and is held on or after it began; a
 * plan decision needs a category and no CP plan already open; a review
 * needs the child's open CP plan and is held after the plan's start
 * (8841) and after the last review; continue needs the latest category,
 * end needs a reason; a transfer-in needs no open plan and a notified date
 * on or before the conference.  A plan a conference starts starts on the
 * conference date (2885).
 */
enum herr journey_check_conference(const struct journey *j,
    const struct conference *c, const struct conference_child *cc,
    hday today, struct hdiag *diag) HEARTH_WUR;

/* End a CP plan without a conference, for a reason that needs no
 * judgement (moved LA, 18, left the UK, died, looked after): on or after
 * its start and after its last review. */
enum herr journey_check_plan_end(const struct journey *j,
    const struct plan *p, hday end, enum plan_end_reason reason, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* Core group members: each with a name and an agency or role. */
enum herr journey_check_core_group(const struct plan *p, struct hdiag *diag)
    HEARTH_WUR;

/* A visit, core group or review: the plan open on that day, of the right
 * kind (core groups under CP plans, CIN reviews under CIN plans, LAC
 * reviews and visits under looked-after episodes, visits under CP or CIN
 * plans), held on or after its start (a review strictly after: 8841). */
enum herr journey_check_event(const struct journey *j,
    const struct plan_event *e, hday today, struct hdiag *diag) HEARTH_WUR;

/* A looked-after episode: codes on the 903 lists, no other open, start
 * not before birth; ending it: on or after its start, a reason. */
enum herr journey_check_lac(const struct journey *j, const struct plan *p,
    hday today, struct hdiag *diag) HEARTH_WUR;
enum herr journey_check_lac_end(const struct journey *j, const struct plan *p,
    hday end, const char *reason, hday today, struct hdiag *diag) HEARTH_WUR;

/* Closing a CIN episode: no plan still open in it (CP: 8840 family). */
enum herr journey_check_episode_close(const struct journey *j,
    int64_t episode_id, hday closure, struct hdiag *diag) HEARTH_WUR;

#endif
