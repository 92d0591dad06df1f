/*
 * meeting.h: a child protection conference as a meeting the way Signs of
 * Safety councils run it: booked, prepared with the family (invitations,
 * agency reports shared before the day, the child's participation and an
 * advocate offered), held (attendance, the map worked through together,
 * every member's view on the threshold, the chair's decision with dissent,
 * an outcome-focused plan in the family's words as well as the agency's,
 * the core group), written up (minutes) and sent to the family and the
 * agencies within 72 hours, then the family's feedback.
 * practice-models.md sections 1 and 6, measures.md (conference model).
 *
 * The journey's `struct conference` (journey.h) is the statutory fact (held
 * on, decision and category per child, the plan it starts or ends); a
 * meeting is everything around it, and points at it (conference_id) once
 * the chair has decided.  The decision goes through record_conference_add,
 * so every journey rule still applies.
 *
 * Decides validity and computes deadlines only: no SQL, no HTML, no I/O.
 */
#ifndef HEARTH_CORE_MEETING_H
#define HEARTH_CORE_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/sos.h"
#include "core/status.h"

#define MEETING_NAME_MAX 120
#define MEETING_TEXT_MAX 2000
#define MEETING_REPORT_MAX 12000	/* an agency's report */
#define MEETING_MINUTES_MAX 30000	/* the chair's record */
#define MEETING_INVITEES_MAX 40
#define MEETING_REPORTS_MAX 24
#define MEETING_VIEWS_MAX 60
#define MEETING_OUTCOMES_MAX 12
#define MEETING_ACTIONS_MAX 40
#define MEETING_CORE_MAX JOURNEY_PEOPLE_MAX
#define MEETING_SENDS_MAX 16
#define MEETING_FEEDBACK_MAX 24

/* WT2023 / local procedures: reports shared with the family 3 working
 * days before an ICPC (and a transfer-in), 5 before a review; plan and
 * minutes sent within 72 hours (Bexley, seed 002). */
#define MEETING_SHARE_WD_INITIAL 3
#define MEETING_SHARE_WD_REVIEW 5
#define MEETING_SEND_HOURS 72
#define MEETING_ADVOCATE_AGE 10		/* Walsall: 10+ told of the right */

enum meeting_status {
	MEETING_BOOKED = 0,
	MEETING_HELD,		/* the chair's decision is recorded */
	MEETING_CANCELLED,
	MEETING__COUNT
};
const char *meeting_status_code(enum meeting_status s); /* booked held cancelled */
const char *meeting_status_label(enum meeting_status s);
int meeting_status_parse(const char *code);

/* How the child took part (measures.md: children's participation). */
enum participation {
	PART_NOT_RECORDED = 0,
	PART_ATTENDED,		/* attended all or part */
	PART_ADVOCATE,		/* views shared another way: */
	PART_WRITTEN,
	PART_DRAWING,
	PART_RECORDING,
	PART_APP,
	PART_REPORT_ONLY,	/* only through the social worker's report */
	PART_NONE,		/* no view: with the reason */
	PART__COUNT
};
const char *participation_code(enum participation p);
/* attended advocate written drawing recording app report-only none */
const char *participation_label(enum participation p);
int participation_parse(const char *code);
/* The measure's four groups: 1 attended, 2 other means, 3 report only,
 * 4 none; 0 for not recorded. */
int participation_group(enum participation p);

struct meeting_child {
	int64_t child_id;
	enum participation part;
	char part_note[MEETING_TEXT_MAX + 1];	/* how; required for none */
	bool advocate_offered;
	hday advocate_offered_on;		/* HDAY_NONE if not offered */
	bool advocate_accepted;
	char advocate[MEETING_NAME_MAX + 1];	/* the advocate's name */
};

enum invitee_kind {
	INVITEE_FAMILY = 0,	/* parents, carers, the child */
	INVITEE_NETWORK,	/* relatives and friends in the safety network */
	INVITEE_AGENCY,		/* a professional for an agency */
	INVITEE__COUNT
};
const char *invitee_kind_code(enum invitee_kind k);	/* family network agency */
const char *invitee_kind_label(enum invitee_kind k);
int invitee_kind_parse(const char *code);

enum attendance {
	ATTEND_NOT_RECORDED = 0,
	ATTEND_ATTENDED,
	ATTEND_APOLOGIES,
	ATTEND_ABSENT,		/* did not attend, no apologies */
	ATTEND__COUNT
};
const char *attendance_code(enum attendance a);	/* not-recorded attended apologies absent */
const char *attendance_label(enum attendance a);
int attendance_parse(const char *code);

struct invitee {
	int64_t id;
	enum invitee_kind kind;
	char name[MEETING_NAME_MAX + 1];	/* required */
	char role[MEETING_NAME_MAX + 1];	/* "Mother", "Health visitor" */
	int64_t agency_id;	/* agency: the partner agency, when known */
	char agency[MEETING_NAME_MAX + 1];	/* agency: required */
	int64_t staff_id;	/* a hearth user (a partner can then write
				 * the report themselves); 0 if not */
	hday invited_on;			/* required */
	enum attendance attendance;
	bool report_expected;	/* agency invitees: true unless the chair
				 * says otherwise */
};

/* An agency's report for the conference. */
struct agency_report {
	int64_t id, version;
	int64_t invitee_id;			/* whose report */
	char text[MEETING_REPORT_MAX + 1];
	int64_t author_id;			/* staff who submitted it */
	int64_t submitted_at;			/* unix seconds */
	hday shared_on;		/* shared with the family; HDAY_NONE */
};

/* A member's view on the threshold for one child. */
struct threshold_view {
	int64_t id;
	int64_t child_id;
	char name[MEETING_NAME_MAX + 1];
	char agency[MEETING_NAME_MAX + 1];	/* "Parent" for family */
	bool met;	/* likely to suffer significant harm */
	char reason[MEETING_TEXT_MAX + 1];	/* required */
};

/* What must change, in the agency's words and the family's own. */
struct plan_outcome {
	char agency[MEETING_TEXT_MAX + 1];
	char family[MEETING_TEXT_MAX + 1];
};

/* Who does what by when, towards outcome N (1-based; 0: none). */
struct plan_action {
	int outcome;
	char who[MEETING_NAME_MAX + 1];
	char what[MEETING_TEXT_MAX + 1];
	hday by;
};

enum doc_kind { DOC_PLAN = 0, DOC_MINUTES, DOC__COUNT };
enum doc_audience { AUD_FAMILY = 0, AUD_AGENCIES, AUD__COUNT };
const char *doc_kind_code(enum doc_kind k);		/* plan minutes */
const char *doc_kind_label(enum doc_kind k);
int doc_kind_parse(const char *code);
const char *doc_audience_code(enum doc_audience a);	/* family agencies */
const char *doc_audience_label(enum doc_audience a);
int doc_audience_parse(const char *code);

/* A document sent: which, to whom, how, when. */
struct meeting_send {
	int64_t id;
	enum doc_kind doc;
	enum doc_audience audience;
	char method[MEETING_NAME_MAX + 1];	/* "Email", "Post", "By hand" */
	char recipients[MEETING_TEXT_MAX + 1];	/* names, free text */
	int64_t sent_at;			/* unix seconds */
	int64_t sent_by;
};

/* measures.md: the four questions of the feedback forms. */
#define FEEDBACK_QUESTIONS 4
enum feedback_from { FEEDBACK_PARENT = 0, FEEDBACK_CHILD, FEEDBACK__COUNT };
const char *feedback_from_code(enum feedback_from f);	/* parent child */
int feedback_from_parse(const char *code);
/* The question as the form asks it (children's forms in simpler words);
 * q is 0-based. */
const char *feedback_question(enum feedback_from f, int q);
/* Answers: 0 not answered, 1 strongly disagree .. 5 strongly agree;
 * 4 and 5 count as agreeing. */
const char *feedback_answer_label(int a);

struct feedback {
	int64_t id;
	enum feedback_from from;
	char name[MEETING_NAME_MAX + 1];	/* optional */
	int answers[FEEDBACK_QUESTIONS];
	char comments[MEETING_TEXT_MAX + 1];
	hday given_on;
	int64_t recorded_by;
	int64_t recorded_at;			/* unix seconds */
};

/* A meeting with everything recorded about it.  Large: meeting_new. */
struct meeting {
	int64_t id, version;
	enum conference_kind kind;
	enum meeting_status status;
	hday date;
	int minute;			/* start, minutes after midnight, UK
					 * local time */
	char place[MEETING_NAME_MAX + 1];
	int64_t chair_id;		/* staff; 0 until a chair is named */
	hday notified_date;		/* transfer-in only */
	int64_t conference_id;		/* the journey's, once decided */
	char cancel_reason[MEETING_TEXT_MAX + 1];
	int64_t booked_by;
	int64_t booked_at;

	struct meeting_child children[CONFERENCE_CHILDREN_MAX];
	int n_children;
	struct invitee invitees[MEETING_INVITEES_MAX];
	int n_invitees;
	struct agency_report reports[MEETING_REPORTS_MAX];
	int n_reports;
	struct threshold_view views[MEETING_VIEWS_MAX];
	int n_views;

	/* The chair's decision (the choices; the result is the journey
	 * conference) and the dissent, in words. */
	char dissent[MEETING_TEXT_MAX + 1];

	/* The plan. */
	struct plan_outcome outcomes[MEETING_OUTCOMES_MAX];
	int n_outcomes;
	struct plan_action actions[MEETING_ACTIONS_MAX];
	int n_actions;
	char contingency[MEETING_TEXT_MAX + 1];
	char child_seen[MEETING_TEXT_MAX + 1];	/* when, where, alone? */
	struct journey_person core[MEETING_CORE_MAX];
	int n_core;
	int64_t plan_saved_at;			/* 0: no plan yet */

	char minutes[MEETING_MINUTES_MAX + 1];
	int64_t minutes_saved_at;		/* 0: none yet */

	struct meeting_send sends[MEETING_SENDS_MAX];
	int n_sends;
	struct feedback feedback[MEETING_FEEDBACK_MAX];
	int n_feedback;
};

/* Empty: zeroed, with date and notified_date HDAY_NONE. */
struct meeting *meeting_new(void);		/* caller frees */
void meeting_free(struct meeting *m);		/* NULL is a no-op */
void meeting_clear(struct meeting *m);
/* Empty every field and list of m without touching the lists' storage
 * (cheap: a meeting is 700 KB); entries past each count are left as they
 * were, so whoever appends an entry must fill all of it. */
void meeting_reset(struct meeting *m);

/* The list row: what the chair's view and a child's page need without
 * loading a whole meeting. */
struct meeting_summary {
	int64_t id;
	enum conference_kind kind;
	enum meeting_status status;
	hday date;
	int minute;
	char place[MEETING_NAME_MAX + 1];
	int64_t chair_id;
	int64_t child_ids[CONFERENCE_CHILDREN_MAX];
	int n_children;
	int reports_expected;	/* agency invitees expected to report */
	int reports_in;		/* of those, submitted */
	int reports_shared;	/* of those, shared with the family */
	bool plan_saved, minutes_saved;
	int64_t all_sent_at;	/* the last of plan and minutes to family
				 * and to agencies; 0 while any is unsent */
};

/* The conference's start as unix seconds: `date` at `minute` in UK civil
 * time (GMT, or BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October). */
int64_t meeting_start_utc(hday date, int minute);

/* The last day reports should be shared with the family: 3 working days
 * before an ICPC or transfer-in, 5 before a review. */
enum herr meeting_share_by(enum conference_kind k, hday date, hday *out)
    HEARTH_WUR;

/*
 * Check a booking as of `today`: a kind; a date on a working day (8875:
 * no conference at a weekend or on a bank holiday, named); a start
 * between 08:00 and 18:00; a place; 1-16 different children; transfer-in
 * needs the notified date, on or before the date.  A date in the past is
 * allowed (recording a conference already held).
 */
enum herr meeting_check_booking(const struct meeting *m, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* An invitee: a name; an agency name for an agency invitee; invited on a
 * day neither after the meeting nor in the future. */
enum herr meeting_check_invitee(const struct meeting *m,
    const struct invitee *i, hday today, struct hdiag *diag) HEARTH_WUR;

/* A report: for an agency invitee of this meeting; text 1..max bytes;
 * submitted only while the meeting is booked; shared_on not in the
 * future. */
enum herr meeting_check_report(const struct meeting *m,
    const struct agency_report *r, hday today, struct hdiag *diag)
    HEARTH_WUR;

/*
 * The child's participation, given the child's date of birth: a child 10
 * or older on the conference date must have been offered an advocate
 * (offered_on on or before the date); "none" needs the reason; an
 * accepted advocate needs the offer.
 */
enum herr meeting_check_participation(const struct meeting *m,
    const struct meeting_child *c, hday dob, struct hdiag *diag)
    HEARTH_WUR;

/* A view: a child of this meeting, a name, a reason. */
enum herr meeting_check_view(const struct meeting *m,
    const struct threshold_view *v, struct hdiag *diag) HEARTH_WUR;

/*
 * The plan: at least one outcome, each with the agency's words (the
 * family's own words are warned about when missing, not required);
 * actions with who, what and a date on or after the conference and an
 * outcome the plan has (or 0); a contingency; when the child will be seen;
 * a core group of at least one member.  Fields "outcomes[N].agency",
 * "actions[N].by", "core[N].name".
 */
enum herr meeting_check_plan(const struct meeting *m,
    struct sos_warnings *warn, struct hdiag *diag) HEARTH_WUR;

/* A document sent: the meeting held; minutes need minutes saved, the plan
 * a saved plan; sent_at between the conference start and `now`. */
enum herr meeting_check_send(const struct meeting *m,
    const struct meeting_send *s, int64_t now, struct hdiag *diag)
    HEARTH_WUR;

/* Feedback: answers 0..5 with at least one given, given on or after the
 * conference and not in the future. */
enum herr meeting_check_feedback(const struct meeting *m,
    const struct feedback *f, hday today, struct hdiag *diag) HEARTH_WUR;

/*
 * What is still missing before the conference, as warnings for the chair
 * and the social worker as of `today`: agency invitees expected to report
 * with no report; reports not shared with the family (or shared after the
 * share-by date), naming the agency and the date; children 10+ with no
 * advocate offer recorded; no family invited.  Nothing is refused.
 */
void meeting_warnings(const struct meeting *m, const hday *dobs, hday today,
    struct sos_warnings *warn);

/* Distribution against 72 hours. */
struct meeting_distribution {
	bool sent[DOC__COUNT][AUD__COUNT];
	int64_t sent_at[DOC__COUNT][AUD__COUNT];	/* earliest send */
	bool all_sent;
	int64_t all_sent_at;	/* the last of the four (of the minutes
				 * alone when no plan was saved); 0 if not
				 * all */
	int64_t hours;		/* start to all_sent_at (or to `now` while
				 * not all sent), whole hours rounded down */
	bool within;		/* all sent within MEETING_SEND_HOURS */
	bool overdue;		/* not all sent and past 72 hours at now */
};
void meeting_distribution(const struct meeting *m, int64_t now,
    struct meeting_distribution *out);

/* Summary of one meeting (for lists built from a loaded meeting). */
void meeting_summarise(const struct meeting *m, struct meeting_summary *out);

#endif
