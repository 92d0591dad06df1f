/*
 * page_meeting_int.h: what the conference pages' files share and nothing
 * outside them uses: a meeting as one request sees it (loaded, with who may
 * do what to it), the audit of every child a meeting is about, and small
 * text and time helpers.  page_meeting.c holds the conference page, the
 * chair's view, the record's section and the documents; page_meeting_form.c
 * every form.
 */
#ifndef HEARTH_WEB_PAGE_MEETING_INT_H
#define HEARTH_WEB_PAGE_MEETING_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/meeting.h"
#include "core/text.h"
#include "store/store_case.h"
#include "web/form_page.h"
#include "web/ui.h"
#include "web/web.h"

struct journey_ctx;
struct plain_term;

/*
 * What the signed-in user may do with one meeting, meeting_access.h's
 * reach (default deny):
 * - MC_PARTNER: an invited partner practitioner and no more: when and
 *   where, the kind, the children's names, their own invitees' reports and
 *   the agencies' documents;
 * - MC_VIEW: ACCESS_VIEW on every child of the meeting;
 * - MC_RUN: and ACCESS_CONFERENCE on every child.
 * Anyone below the level a route needs gets the 404 of a missing meeting,
 * except that MC_VIEW asking for MC_RUN is told it may not (403).
 */
enum mc_level { MC_NONE = 0, MC_PARTNER, MC_VIEW, MC_RUN };

struct mc {
	struct req *r;
	struct resp *w;
	struct meeting *m;			/* owned */
	enum mc_level level;
	char names[CONFERENCE_CHILDREN_MAX][UI_NAME_LEN];
	hday dobs[CONFERENCE_CHILDREN_MAX];	/* HDAY_NONE: unborn */
	char chair[UI_NAME_LEN];		/* "" when none is named */
	/* The invitees whose report is this user's to write
	 * (web_meeting_own_invitee). */
	bool own[MEETING_INVITEES_MAX];
};

/*
 * Load meeting `id` for this request and decide the user's level; true when
 * it is at least `need`.  Otherwise the request has been answered (404 as
 * for a missing meeting, 403 for MC_VIEW asking for MC_RUN, a redirect to
 * give a reason for a restricted record, 503) and the caller returns after
 * mc_close.
 */
bool mc_open(struct mc *c, struct req *r, struct resp *w, int64_t id,
    enum mc_level need);
void mc_close(struct mc *c);

/* Audit a view of the meeting (one row per child, durable) before showing
 * it; false (answered 503) when it could not be recorded. */
bool mc_audit_view(struct mc *c);
/* The same for a print (a document downloaded). */
bool mc_audit_print(struct mc *c);
/* Append one `action` row per child to the open transaction and commit;
 * false (rolled back, answered 503) on failure. */
bool mc_commit(struct mc *c, enum audit_action action);

/* Lookups in c->m; -1 or NULL when absent. */
int mc_child_index(const struct mc *c, int64_t child_id);
int mc_invitee_index(const struct meeting *m, int64_t invitee_id);
const struct agency_report *mc_report_for(const struct meeting *m,
    int64_t invitee_id);
const struct agency_report *mc_report(const struct meeting *m, int64_t id);
const struct invitee *mc_report_invitee(const struct meeting *m,
    const struct agency_report *rp);

/* "Amy Smith", "Amy Smith and Ben Smith", "Amy, Ben and Cai Smith"
 * style list of the children's names into buf. */
void mc_names(const struct mc *c, char *buf, size_t cap);

/* ------------------------------------------------------------ helpers */

/* (text_nz, text_id, text_cut and text_trim are core/text.h's.) */

/* "10:30" from minutes after midnight. */
const char *mp_clock(int minute, char *buf, size_t cap);
/* A start time typed as "10:30", "10.30", "1030", "10am", "2:30pm": the
 * minute of the day, or -1. */
int mp_parse_clock(const char *s);
/* Unix seconds as the UK civil day and minute (GMT or BST). */
void mp_uk_local(int64_t t, hday *day, int *minute);
/* "3 March 2026 at 15:00" (UK time) from unix seconds. */
const char *mp_when(int64_t t, char *buf, size_t cap);
/* "Tuesday 3 March 2026 at 10:30" for a meeting's date and start. */
const char *mp_meeting_when(const struct meeting *m, char *buf, size_t cap);
/* Text keeping its line breaks; longer text as paragraphs, one per
 * block between blank lines. */
void mp_lines(struct html *h, const char *s);
void mp_paras(struct html *h, const char *s);
/* "1 hour", "26 hours". */
const char *mp_hours(int64_t h, char *buf, size_t cap);

/* The plan and minutes distribution in words, for status columns: "Sent
 * 26 hours after", "Not all sent: 30 hours since the conference",
 * "Overdue: not all sent, 80 hours since the conference"; `late` says
 * whether it missed 72 hours. */
const char *mp_sent_status(const struct meeting_distribution *d,
    bool held, char *buf, size_t cap, bool *late);

/* ------------------------------------------------------- form engine */

#define PART_MAX 8000		/* bytes of one part of a long text */
#define SIBLINGS_MAX (CONFERENCE_CHILDREN_MAX - 1)
/* The plan form's fields other than its rows: csrf, version, the three
 * row counts, "more", the contingency plan and when the child is seen. */
#define PLAN_FIXED 8
#define PLAN_OUTCOME_FIELDS 2
#define PLAN_ACTION_FIELDS 4
#define PLAN_CORE_FIELDS 3

struct mf;

/* One form's own parts. */
struct mform {
	const char *title;		/* the h1 (find may set another) */
	const char *button;
	const char *another;		/* a second button: save and add
					 * another (NULL: none) */
	const char *saved;		/* ?saved= key */
	const char *anchor;		/* its part of the conference page */
	enum audit_action audit;
	enum mc_level need;		/* MC_RUN; MC_PARTNER: find decides */
	bool child_route;		/* /children/{id}/...: booking */
	bool back_to_form;		/* after a save, the form again */
	/* What the page is about beyond the meeting (the second path id,
	 * lists to choose from): false for a 404, or with p->answered set
	 * when the request has been answered otherwise. */
	bool (*find)(struct mf *p);
	void (*fields)(struct mf *p);
	void (*defaults)(struct mf *p);
	void (*render)(struct mf *p, struct html *h);
	/* The checked body into p's parts, adding a problem for each
	 * answer that cannot be used. */
	bool (*parse)(struct mf *p);
	enum herr (*save)(struct mf *p, const struct journey_ctx *cx,
	    struct hdiag *d);
	/* Point a diag of the core's at this form's field (may be NULL). */
	void (*map)(struct mf *p, struct hdiag *d);
};

struct sibling {
	int64_t id;
	char name[UI_NAME_LEN];
	char state[80];			/* "waiting for an initial conference" */
};

struct person {
	int64_t id;
	char name[UI_NAME_LEN + AGENCY_NAME_MAX + 8];
	char value[24];
	int64_t agency_id;
	char agency[AGENCY_NAME_MAX + 1];
};

/* One form page while it is shown or saved.  Large: on the heap. */
struct mf {
	struct req *r;
	struct resp *w;
	const struct mform *f;
	struct mc c;
	bool opened;			/* c holds a meeting */
	bool answered;			/* find answered the request */
	bool readonly;			/* shown without a form */
	int64_t id2;			/* the second path id, or 0 */
	int idx;			/* what id2 names, in c.m's lists */
	struct form_page form;		/* values, allow-list, problems */
	struct store_change ch;
	char title[200];
	char action[160];
	char back[160];
	char caption[CONFERENCE_CHILDREN_MAX * UI_NAME_LEN];
	enum audit_action audit;
	/* The plan's rows, the parts of a long text. */
	int rows_o, rows_a, rows_c, parts;
	/* Built by parse for save. */
	struct meeting *nm;		/* a changed copy of c.m; owned */
	char *text;			/* a joined long text; owned */
	struct conference *conf;	/* owned */
	struct invitee inv;
	struct agency_report rep;
	struct threshold_view view;
	struct meeting_child part;
	struct feedback fb;
	enum attendance att[MEETING_INVITEES_MAX];
	struct meeting_send sends[DOC__COUNT * AUD__COUNT];
	int nsends;
	hday day;
	enum feedback_from from;
	/* Lists to choose from. */
	struct sibling sib[SIBLINGS_MAX];
	int nsib;
	struct person *chairs;		/* owned */
	int nchairs;
	struct person *agencies;	/* owned */
	int nagencies;
	struct person *partners;	/* owned */
	int npartners;
	int own_kind;			/* the kind the child is ready for, -1 */
	/* Row numbers of the compacted plan lists (1-based rows). */
	int orow[MEETING_OUTCOMES_MAX], arow[MEETING_ACTIONS_MAX],
	    crow[MEETING_CORE_MAX];
	/* The authority's plain-language terms, read once. */
	struct plain_term *terms;	/* owned */
	int nterms;
	bool terms_read;
};


/*
 * The form engine (page_meeting_form.c), shared by the forms there and in
 * page_meeting_run.c.  A form is a struct mform of callbacks; mf_get shows
 * it (defaults, audited as a view), mf_post checks the body against the
 * form's allow-list, parses, saves through record.h inside one
 * transaction with its audit rows, and redirects or shows it again with
 * the problems.
 */
void mf_get(struct req *r, struct resp *w, const struct mform *f);
void mf_post(struct req *r, struct resp *w, const struct mform *f);

/* The values, the allow-list, the problems, dates and controls are
 * form_page.h's, on p->form. */

enum herr mf_valid_line(const char *v, const char *label, struct hdiag *d);
enum herr mf_valid_note(const char *v, const char *label, struct hdiag *d);
enum herr mf_valid_code(const char *v, const char *label, struct hdiag *d);
enum herr mf_valid_yesno(const char *v, const char *label, struct hdiag *d);

/* A date typed in one box: "27/3/2026", "2026-03-27"; false when it is
 * not a real date. */
bool mf_loose_date(const char *s, hday *out);

/* Yes and No, for form_page_radios. */
extern const struct ui_option mf_yesno[2];
/* A family-facing text area with the plain-language flags of its text. */
void mf_plain_textarea(struct mf *p, struct html *h, const char *name,
    const char *label, const char *hint);

/* Long texts in parts NAME, NAME_2...: defaults from a text; the parts
 * joined (caller frees); the allow-list; how many to show; the boxes. */
int mf_def_parts(struct mf *p, const char *name, const char *text,
    int max);
char *mf_joined(const struct mf *p, const char *name, int nparts);
void mf_parts_fields(struct mf *p, const char *name, const char *label,
    int nparts);
int mf_parts_count(const struct mf *p, const char *name, int min, int max);
void mf_parts_render(struct mf *p, struct html *h, const char *name,
    const char *label, const char *hint, bool plain);

/* A meeting_child with nothing recorded. */
void mf_child_blank(struct meeting_child *c, int64_t id);

/* ------------------------------------------------------------ forms */

void mf_get_book(struct req *r, struct resp *w);
void mf_post_book(struct req *r, struct resp *w);
void mf_get_edit(struct req *r, struct resp *w);
void mf_post_edit(struct req *r, struct resp *w);
void mf_get_cancel(struct req *r, struct resp *w);
void mf_post_cancel(struct req *r, struct resp *w);
void mf_get_invitee(struct req *r, struct resp *w);
void mf_post_invitee(struct req *r, struct resp *w);
void mf_get_attendance(struct req *r, struct resp *w);
void mf_post_attendance(struct req *r, struct resp *w);
void mf_get_participation(struct req *r, struct resp *w);
void mf_post_participation(struct req *r, struct resp *w);
void mf_get_report(struct req *r, struct resp *w);
void mf_post_report(struct req *r, struct resp *w);
void mf_get_shared(struct req *r, struct resp *w);
void mf_post_shared(struct req *r, struct resp *w);
void mf_get_view(struct req *r, struct resp *w);
void mf_post_view(struct req *r, struct resp *w);
void mf_get_decision(struct req *r, struct resp *w);
void mf_post_decision(struct req *r, struct resp *w);
void mf_get_plan(struct req *r, struct resp *w);
void mf_post_plan(struct req *r, struct resp *w);
void mf_get_minutes(struct req *r, struct resp *w);
void mf_post_minutes(struct req *r, struct resp *w);
void mf_get_sent(struct req *r, struct resp *w);
void mf_post_sent(struct req *r, struct resp *w);
void mf_get_feedback(struct req *r, struct resp *w);
void mf_post_feedback(struct req *r, struct resp *w);

#endif
