/*
 * page_journey.c: the child protection journey on the child's record:
 * every step from a referral to a plan, its reviews and the step down, each
 * recorded on a page of its own, and the record's "Child protection
 * journey" section that says where the child is and links to the steps
 * that can come next.
 *
 * The pages decide nothing about the journey: each form is checked against
 * an allow-list (form_check), turned into the step's struct, and handed to
 * record.h, which applies journey.h's rules and writes; its diag names the
 * field, and the form is shown again with the GOV.UK error summary and
 * everything the person typed, with nothing saved.  A step, the due items
 * it changes and its audit row (AUDIT_CREATE for a new record, AUDIT_EDIT
 * for a change, subject the child) commit in one transaction.
 *
 * Access: recording a step needs ACCESS_EDIT; seeing a step's page needs
 * ACCESS_VIEW.  Someone with no relationship to the child gets the same
 * 404 as for a missing record on every route; someone who may see the
 * record but not change it (a partner agency) is told so (403).  Pages that
 * show case content, forms included, are audited before they are written.
 *
 * Dates are GOV.UK date inputs (day, month and year boxes: NAME-day,
 * NAME-month, NAME-year), the first box carrying the id NAME that the
 * error summary links to.  No JavaScript: repeating rows (strategy
 * participants, core group members) are blank rows, with a button that
 * shows more.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/codes.h"
#include "core/journey.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/text.h"
#include "core/timescale.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_journey.h"
#include "web/child_view.h"
#include "web/form_page.h"
#include "web/page_journey.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NAME_LEN UI_NAME_LEN
#define ROWS_MIN 6		/* blank rows of people shown at first */
#define ROWS_MORE 6		/* and added by "Add more rows" */
#define SIBLINGS_MAX (CONFERENCE_CHILDREN_MAX - 1)
#define CHAIRS_MAX 200
#define HH_MAX 16

/* ------------------------------------------------------------ helpers */

static const char *
code_label(enum code_list l, const char *code)
{
	const struct code *c = codes_find(l, code);

	return c != NULL ? c->label : code;
}

static const char *
lac_label(const struct lac_code *list, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return list[i].label;
	return code;
}

static const char *
date_long(hday d, char *buf, size_t cap)
{
	return ui_date_or(d, buf, cap, "Not recorded");
}

/* ------------------------------------------------------- the form page */

struct sibling {
	int64_t id;
	char name[NAME_LEN];
	int64_t s47_id;			/* ICPC: the enquiry awaiting it */
	int64_t plan_id;		/* RCPC: the open CP plan */
	enum abuse_category latest;
};

struct chair {
	int64_t id;
	char name[NAME_LEN];
	char value[24];
};

struct fp;
struct step_form;

/* One form page: its state while being shown or saved.  Large: on the
 * heap. */
struct fp {
	struct req *r;
	struct resp *w;
	const struct step_form *sf;
	int64_t child_id;
	int64_t ref_id;			/* the second path id, or 0 */
	struct journey *j;
	char name[NAME_LEN];		/* the child's */
	/* What the page is about (borrowed from j). */
	const struct cin_episode *ep;
	const struct referral *ref;
	const struct assessment *as;
	const struct s47 *s47;
	const struct plan *plan;
	int kind;			/* conference or event kind, or -1 */
	/* The values shown, the allow-list and the problems to show. */
	struct form_page form;
	int rows;			/* repeating rows shown */
	struct store_change ch;
	char action[160];
	char back[96];
	/* Conferences: the children who may be discussed with this one,
	 * and the chairs to choose from. */
	struct sibling sib[SIBLINGS_MAX];
	int nsib;
	int64_t own_s47, own_plan;	/* this child's, as for a sibling */
	enum abuse_category own_latest;
	struct chair chairs[CHAIRS_MAX];
	int nchairs;
	bool failed;			/* find() met a store failure */
	char title[120];		/* the h1, when not the form's */
	char button[60];
	/* The step built from the body (parse) for save. */
	union {
		struct {
			struct cin_episode ep;
			struct referral ref;
		} referral;
		struct referral decision;
		struct assessment as;
		struct strategy st;
		struct s47 s47;
		struct conference conf;
		struct plan plan;
		struct plan_event ev;
		struct {
			hday date;
			char reason[8];
			int code;
		} end;
	} u;
};

/* A form page's own parts. */
struct step_form {
	const char *title;		/* the h1 (find may set another) */
	const char *button;
	enum audit_action audit;	/* of a saved step */
	const char *saved;		/* ?saved= on the record */
	/* The form's path: /children/{id}/PATH1, or with a second id
	 * /children/{id}/PATH1/{id}/PATH2. */
	const char *path1, *path2;
	bool more_rows;			/* has rows of people */
	/* Find what the page is about in p->j (and p->kind from the query
	 * or body): false for a 404 (p->failed: a 503). */
	bool (*find)(struct fp *p);
	/* The allow-list (after the csrf field). */
	void (*fields)(struct fp *p);
	/* The values a new form starts with. */
	void (*defaults)(struct fp *p);
	/* Text above the fields, and the fields. */
	void (*render)(struct fp *p, struct html *h);
	/* Build the step from the checked body into p->u, adding a problem
	 * for each answer that cannot be used. */
	bool (*parse)(struct fp *p);
	/* Record p->u through record.h, in the caller's transaction. */
	enum herr (*save)(struct fp *p, const struct journey_ctx *cx,
	    struct hdiag *d);
	/* Point a diag of the core's at this form's field (may be NULL). */
	void (*map)(struct fp *p, struct hdiag *d);
};

/* ----------------------------------------------------------- validators */

/* Free text of several lines, trimmed as it will be stored. */
static enum herr
valid_note(const char *v, const char *label, struct hdiag *d)
{
	char t[JOURNEY_TEXT_MAX + 1];

	text_trim(t, sizeof(t), v);
	if (text_check("note", label, t, JOURNEY_TEXT_MAX, TEXT_MULTILINE,
	    NULL) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be "
		    "plain text of up to 2000 characters", label);
	return HERR_OK;
}

/* A short line of text (a name, an agency), trimmed. */
static enum herr
valid_line(const char *v, const char *label, struct hdiag *d)
{
	char t[JOURNEY_NAME_MAX + 1];

	text_trim(t, sizeof(t), v);
	if (text_check("name", label, t, JOURNEY_NAME_MAX, 0, NULL) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be on one "
		    "line, up to 120 characters", label);
	return HERR_OK;
}

static enum herr
valid_yesno(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
		return HERR_OK;
	return hdiag_set(d, HERR_INVALID, NULL, v, "Select yes or no");
}

/* A choice from a list the handler checks itself (codes, ids). */
static enum herr
valid_code(const char *v, const char *label, struct hdiag *d)
{
	for (const char *s = v; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return hdiag_set(d, HERR_INVALID, NULL, "", "Select "
			    "%s from the list", label);
	return HERR_OK;
}

/* ------------------------------------------------------------ controls */

static void
radios(struct fp *p, struct html *h, const char *name, const char *legend,
    const struct ui_option *opts, int n)
{
	ui_radios(h, &p->form.e, name, legend, opts, n,
	    form_page_val(&p->form, name));
}

/* A code list as select options, with a first "Select ..." option. */
static int
code_options(enum code_list l, const char *first, struct ui_option *opts,
    int cap)
{
	const struct code *list;
	size_t n;
	int k = 0;

	list = codes_list(l, &n);
	opts[k++] = (struct ui_option){ "", first };
	for (size_t i = 0; i < n && k < cap; i++)
		opts[k++] = (struct ui_option){ list[i].code, list[i].label };
	return k;
}

static int
lac_options(const struct lac_code *list, int n, const char *first,
    struct ui_option *opts, int cap, char labels[][160])
{
	int k = 0;

	opts[k++] = (struct ui_option){ "", first };
	for (int i = 0; i < n && k < cap; i++) {
		snprintf(labels[k], 160, "%s: %s", list[i].code,
		    list[i].label);
		opts[k] = (struct ui_option){ list[i].code, labels[k] };
		k++;
	}
	return k;
}

/*
 * Rows of people (a name, an agency and a role each) named PREFIX_N_name,
 * PREFIX_N_agency and PREFIX_N_role, N from 1: a fieldset per person.
 */
static void
people_rows(struct fp *p, struct html *h, const char *prefix,
    const char *who)
{
	static const struct {
		const char *part, *label;
	} parts[] = {
		{ "name", "Name" }, { "agency", "Agency or relationship" },
		{ "role", "Role" },
	};
	char n[FORM_NAME_MAX + 1], legend[64];
	const char *err;
	bool any;

	for (int i = 1; i <= p->rows; i++) {
		any = false;
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			snprintf(n, sizeof(n), "%s_%d_%s", prefix, i,
			    parts[k].part);
			any = any || ui_error_for(&p->form.e, n) != NULL;
		}
		snprintf(legend, sizeof(legend), "%s %d", who, i);
		html_lit(h, "<div class=\"govuk-form-group hearth-person");
		if (any)
			html_lit(h, " govuk-form-group--error");
		html_lit(h, "\"><fieldset class=\"govuk-fieldset\"><legend "
		    "class=\"govuk-fieldset__legend govuk-fieldset__legend--s"
		    "\">");
		html_text(h, legend);
		html_lit(h, "</legend><div class=\"hearth-person__fields\">");
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			snprintf(n, sizeof(n), "%s_%d_%s", prefix, i,
			    parts[k].part);
			err = ui_error_for(&p->form.e, n);
			html_lit(h, "<div class=\"hearth-person__field\">"
			    "<label class=\"govuk-label\"");
			html_attr(h, "for", n);
			html_lit(h, ">");
			html_text(h, parts[k].label);
			html_lit(h, "<span class=\"govuk-visually-hidden\"> of ");
			html_text(h, legend);
			html_lit(h, "</span></label>");
			if (err != NULL) {
				html_lit(h, "<p class=\"govuk-error-message\"");
				html_attrf(h, "id", "%s-error", n);
				html_lit(h, "><span class=\"govuk-visually-hidden"
				    "\">Error:</span> ");
				html_text(h, err);
				html_lit(h, "</p>");
			}
			html_lit(h, "<input type=\"text\" spellcheck=\"false\"");
			html_attr(h, "class", err != NULL ? "govuk-input "
			    "govuk-input--error" : "govuk-input");
			html_attr(h, "id", n);
			html_attr(h, "name", n);
			html_attr(h, "value", form_page_val(&p->form, n));
			if (err != NULL)
				html_attrf(h, "aria-describedby", "%s-error", n);
			html_lit(h, "></div>");
		}
		html_lit(h, "</div></fieldset></div>\n");
	}
	html_lit(h, "<input type=\"hidden\" name=\"rows\"");
	html_attrf(h, "value", "%d", p->rows);
	html_lit(h, ">");
}

/* The allow-list of people rows, and how many rows to show. */
static void
people_fields(struct fp *p, const char *prefix, int rows)
{
	for (int i = 1; i <= rows && i <= JOURNEY_PEOPLE_MAX; i++) {
		form_page_fieldf(&p->form, "Name", valid_line,
		    JOURNEY_NAME_MAX + 8,
		    "%s_%d_name", prefix, i);
		form_page_fieldf(&p->form, "Agency or relationship", valid_line,
		    JOURNEY_NAME_MAX + 8, "%s_%d_agency", prefix, i);
		form_page_fieldf(&p->form, "Role", valid_line,
		    JOURNEY_NAME_MAX + 8,
		    "%s_%d_role", prefix, i);
	}
	form_page_field(&p->form, "rows", "Rows", false, false,
	    form_page_valid_digits, 2);
	form_page_field(&p->form, "more", "More rows", false, false, valid_code,
	    8);
}

/* How many rows the body asks for (its hidden "rows", within limits). */
static int
rows_asked(const struct form *b, int at_least)
{
	int64_t n = b != NULL ? text_id(form_get(b, "rows")) : 0;

	if (n < at_least)
		n = at_least;
	if (n > JOURNEY_PEOPLE_MAX)
		n = JOURNEY_PEOPLE_MAX;
	return (int)n;
}

/* The people typed in rows (those with anything in them) into out;
 * problems added for a row with an agency or role and no name. */
static int
people_value(struct fp *p, const char *prefix, struct journey_person *out,
    int cap)
{
	char n[FORM_NAME_MAX + 1];
	int k = 0;

	for (int i = 1; i <= p->rows; i++) {
		struct journey_person x;

		memset(&x, 0, sizeof(x));
		snprintf(n, sizeof(n), "%s_%d_name", prefix, i);
		text_trim(x.name, sizeof(x.name), form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "%s_%d_agency", prefix, i);
		text_trim(x.agency, sizeof(x.agency), form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "%s_%d_role", prefix, i);
		text_trim(x.role, sizeof(x.role), form_page_val(&p->form, n));
		if (x.name[0] == '\0' && x.agency[0] == '\0' &&
		    x.role[0] == '\0')
			continue;
		if (x.name[0] == '\0') {
			snprintf(n, sizeof(n), "%s_%d_name", prefix, i);
			form_page_problem(&p->form, n,
			    "Enter the name of %s %d", prefix, i);
			continue;
		}
		if (k < cap)
			out[k++] = x;
	}
	return k;
}


/* ------------------------------------------------------ access, audit */

/*
 * Decide `op` on the child for a journey page: true when allowed.
 * Otherwise the request is answered: someone who may see the record but
 * not change it is told so (403); a restricted record the person has a
 * reason to open sends them to give it; anyone else gets the 404 of a
 * missing record.
 */
static bool
jgate(struct req *r, struct resp *w, int64_t id, enum access_op op)
{
	enum access_result a = web_child_access(r, id, op, NULL);

	if (a == ACCESS_ALLOW)
		return true;
	if (a == ACCESS_DENY && op != ACCESS_VIEW)
		a = web_child_access(r, id, ACCESS_VIEW, NULL);
	if (a == ACCESS_NEEDS_GLASS)
		web_redirect(w, "/children/%" PRId64 "/break-glass", id);
	else if (a == ACCESS_ALLOW)
		web_forbidden(r, w, "Only the child's social worker or their "
		    "team manager can record the steps of the child protection "
		    "journey.");
	else
		web_not_found(r, w);
	return false;
}

static bool
may(struct req *r, int64_t id, enum access_op op)
{
	return web_child_access(r, id, op, NULL) == ACCESS_ALLOW;
}

/* Audit a view before showing case content; 503 when it could not be
 * recorded. */
static bool
audit_view(struct req *r, struct resp *w, int64_t id)
{
	if (web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL))
		return true;
	web_unavailable(r, w);
	return false;
}

/* This request's audit row, then the commit; rolls back and answers 503
 * when either fails. */
static bool
audit_commit(struct req *r, struct resp *w, enum audit_action action,
    int64_t child_id)
{
	struct audit_row row;

	web_audit_row(r, &row, action, SUBJECT_CHILD, child_id, NULL);
	if (store_audit_append(r->st, &row, 1) != HERR_OK ||
	    store_commit(r->st) != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return false;
	}
	return true;
}

/* ----------------------------------------------------- journey lookups */

static const struct assessment *
find_assessment(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].id == id)
			return &j->assessments[i];
	return NULL;
}

static const struct conference *
find_conference(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_conferences; i++)
		if (j->conferences[i].id == id)
			return &j->conferences[i];
	return NULL;
}

static const struct conference_child *
conference_part(const struct conference *c, int64_t child_id)
{
	for (int i = 0; i < c->n_children; i++)
		if (c->children[i].child_id == child_id)
			return &c->children[i];
	return NULL;
}

static const struct cin_episode *
open_episode(const struct journey *j)
{
	for (int i = j->n_episodes - 1; i >= 0; i--)
		if (cin_episode_is_open(&j->episodes[i]))
			return &j->episodes[i];
	return NULL;
}

/* The episode a step dated `day` belongs to: the one open on that day,
 * else the open one (whose rules then say why the date does not fit). */
static int64_t
episode_for(const struct journey *j, hday day)
{
	const struct cin_episode *e = NULL;

	if (day != HDAY_NONE)
		e = journey_episode_on(j, day);
	if (e == NULL)
		e = open_episode(j);
	return e != NULL ? e->id : 0;
}

/* Whether an ICPC (or any conference) has been held for enquiry s. */
static bool
s47_conferenced(const struct journey *j, int64_t s47_id)
{
	for (int i = 0; i < j->n_conferences; i++)
		for (int k = 0; k < j->conferences[i].n_children; k++)
			if (j->conferences[i].children[k].s47_id == s47_id)
				return true;
	return false;
}

/* The child's latest enquiry that decided on a conference not yet held. */
static const struct s47 *
s47_awaiting(const struct journey *j)
{
	for (int i = j->n_s47s - 1; i >= 0; i--)
		if (j->s47s[i].outcome == S47_CONFERENCE &&
		    !s47_conferenced(j, j->s47s[i].id))
			return &j->s47s[i];
	return NULL;
}

static const struct s47 *
s47_open(const struct journey *j)
{
	for (int i = j->n_s47s - 1; i >= 0; i--)
		if (j->s47s[i].outcome == S47_OPEN)
			return &j->s47s[i];
	return NULL;
}

static bool
s47_started_from(const struct journey *j, int64_t strategy_id)
{
	for (int i = 0; i < j->n_s47s; i++)
		if (j->s47s[i].strategy_id == strategy_id)
			return true;
	return false;
}

/* The latest strategy discussion that decided on an s47 not yet begun. */
static const struct strategy *
strategy_awaiting(const struct journey *j)
{
	for (int i = j->n_strategies - 1; i >= 0; i--)
		if (j->strategies[i].s47 &&
		    !s47_started_from(j, j->strategies[i].id))
			return &j->strategies[i];
	return NULL;
}

static const struct assessment *
assessment_open(const struct journey *j)
{
	for (int i = j->n_assessments - 1; i >= 0; i--)
		if (j->assessments[i].outcome == ASSESS_OPEN)
			return &j->assessments[i];
	return NULL;
}

/* Which episode a record of the journey belongs to. */
static int64_t
plan_episode(const struct journey *j, int64_t plan_id)
{
	const struct plan *p = journey_plan(j, plan_id);

	if (p == NULL)
		return 0;
	return p->episode_id > 0 ? p->episode_id : episode_for(j,
	    p->start_date);
}

/* -------------------------------------------------- the generic form */

static struct fp *
fp_new(struct req *r, struct resp *w, const struct step_form *sf)
{
	struct fp *p = xcalloc(1, sizeof(*p));

	p->r = r;
	p->w = w;
	p->sf = sf;
	p->child_id = web_id(r, 0);
	p->ref_id = r->nids > 1 ? web_id(r, 1) : 0;
	p->kind = -1;
	form_page_init(&p->form, NULL);
	p->rows = ROWS_MIN;
	return p;
}

static void
fp_free(struct fp *p)
{
	if (p == NULL)
		return;
	form_page_clear(&p->form);
	journey_free(p->j);
	free(p);
}

/* The ?kind= of a GET, or the hidden kind of a POST. */
static const char *
kind_arg(const struct fp *p)
{
	return p->form.body != NULL ? form_get(p->form.body, "kind") :
	    form_get(&p->r->query, "kind");
}

/* Load the child's journey and what the page is about: false when the
 * request has been answered (404 or 503). */
static bool
fp_load(struct fp *p)
{
	const struct step_form *sf = p->sf;
	enum herr x;

	p->j = journey_new();
	x = store_journey_load(p->r->st, p->child_id, p->j, NULL);
	if (!web_found(p->r, p->w, x))
		return false;
	ui_full_name(p->name, p->j->child.given_name,
	    p->j->child.family_name);
	if (sf->find != NULL && !sf->find(p)) {
		if (p->failed)
			web_unavailable(p->r, p->w);
		else
			web_not_found(p->r, p->w);
		return false;
	}
	if (p->ref_id > 0)
		snprintf(p->action, sizeof(p->action), "/children/%" PRId64
		    "/%s/%" PRId64 "/%s", p->child_id, sf->path1, p->ref_id,
		    sf->path2);
	else
		snprintf(p->action, sizeof(p->action), "/children/%" PRId64
		    "/%s", p->child_id, sf->path1);
	snprintf(p->back, sizeof(p->back), "/children/%" PRId64 "#journey",
	    p->child_id);
	if (p->title[0] == '\0')
		text_cut(p->title, sizeof(p->title), sf->title);
	return true;
}

static void
show(struct fp *p, int status)
{
	struct html *h = &p->w->body;

	p->w->status = status;
	ui_page_start_errors(p->r, p->w, p->title, &p->form.e);
	ui_back_link(h, p->back);
	ui_heading(h, p->name, p->title);
	ui_form_start(p->r, h, p->action);
	p->sf->render(p, h);
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, p->button[0] ? p->button : p->sf->button);
	if (p->sf->more_rows && p->rows < JOURNEY_PEOPLE_MAX)
		html_lit(h, "<button type=\"submit\" name=\"more\" value=\""
		    "rows\" class=\"govuk-button govuk-button--secondary\">"
		    "Add more rows</button>");
	html_lit(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", p->back);
	html_lit(h, ">Cancel</a></div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

/* Fields a person never fills in: no problem is pointed at them. */
static const char *const unseen[] = { "csrf", "version", "kind", "rows",
	"more" };

/* Point a problem at a field that is on the page (form_page_check's map;
 * ctx is the struct fp). */
static void
map_field(void *ctx, struct hdiag *d)
{
	struct fp *p = ctx;

	if (p->sf->map != NULL)
		p->sf->map(p, d);
	form_page_map(&p->form, d, unseen, sizeof(unseen) / sizeof(unseen[0]));
}

/* The form again with what the person typed and its problems. */
static void
again(struct fp *p, int status)
{
	if (audit_view(p->r, p->w, p->child_id))
		show(p, status);
}

static void
step_get(struct req *r, struct resp *w, const struct step_form *sf)
{
	struct fp *p;

	if (!jgate(r, w, web_id(r, 0), ACCESS_EDIT))
		return;
	p = fp_new(r, w, sf);
	if (fp_load(p)) {
		if (sf->defaults != NULL)
			sf->defaults(p);
		if (audit_view(r, w, p->child_id))
			show(p, 200);
	}
	fp_free(p);
}

static void
step_post(struct req *r, struct resp *w, const struct step_form *sf)
{
	struct journey_ctx cx;
	struct hdiag d;
	struct fp *p;
	char when[40];
	bool answered;
	enum herr x;

	if (!jgate(r, w, web_id(r, 0), ACCESS_EDIT))
		return;
	p = fp_new(r, w, sf);
	p->form.body = &r->body;
	if (!fp_load(p))
		goto out;
	p->rows = rows_asked(p->form.body, ROWS_MIN);
	form_page_field(&p->form, "csrf", "Form token", true, false, NULL, 64);
	sf->fields(p);
	if (!form_page_check(&p->form, r, w, map_field, p, &answered)) {
		if (!answered)
			again(p, 422);
		goto out;
	}
	/* "Add more rows": the same form, longer, nothing saved. */
	if (sf->more_rows && form_get(p->form.body, "more") != NULL) {
		p->rows = p->rows + ROWS_MORE < JOURNEY_PEOPLE_MAX ?
		    p->rows + ROWS_MORE : JOURNEY_PEOPLE_MAX;
		again(p, 200);
		goto out;
	}
	if (!sf->parse(p) || p->form.e.n > 0) {
		again(p, 422);
		goto out;
	}
	memset(&cx, 0, sizeof(cx));
	cx.today = r->today;
	cx.by = r->who.staff_id;
	cx.now = r->now;
	cx.conflict = &p->ch;
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = sf->save(p, &cx, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, sf->audit, p->child_id))
			web_redirect(w, "/children/%" PRId64 "?saved=%s"
			    "#journey", p->child_id, sf->saved);
		goto out;
	}
	store_rollback(r->st);
	switch (x) {
	case HERR_INVALID:
	case HERR_RANGE:
		if (d.msg[0] == '\0')
			snprintf(d.msg, sizeof(d.msg), "This cannot be "
			    "recorded: check the dates and try again");
		map_field(p, &d);
		form_page_error_add(&p->form, &d);
		again(p, 422);
		break;
	case HERR_CONFLICT:
		/* Someone else's save came first: keep this person's input,
		 * say whose, and take the new version so that saving again
		 * is a choice made knowing both. */
		hdiag_clear(&d);
		snprintf(d.msg, sizeof(d.msg), "Someone else saved a change "
		    "to this at %s (%.60s). Nothing you entered has been saved. "
		    "Check the child's record and save again if your change "
		    "is still needed.", p->ch.at > 0 ? ui_time(p->ch.at, when,
		    sizeof(when)) : "an unknown time", p->ch.by_name[0] ?
		    p->ch.by_name : "name not recorded");
		form_page_first_field(&p->form, unseen, sizeof(unseen) /
		    sizeof(unseen[0]), d.field, sizeof(d.field));
		form_page_error_add(&p->form, &d);
		snprintf(p->form.version, sizeof(p->form.version), "%" PRId64,
		    p->ch.version);
		again(p, 409);
		break;
	case HERR_NOTFOUND:
		web_not_found(r, w);
		break;
	default:
		web_unavailable(r, w);
		break;
	}
out:
	fp_free(p);
}

/* ================================================== the steps' forms */

static void
def_today(struct fp *p, const char *name)
{
	form_page_def_date(&p->form, name, p->r->today);
}

/* The referral an episode page is about, in a summary list. */
static void
referral_summary(struct fp *p, struct html *h)
{
	char buf[40];

	if (p->ep == NULL)
		return;
	ui_summary_start(h);
	ui_summary_row(h, "Referral received", date_long(
	    p->ep->referral_date, buf, sizeof(buf)));
	ui_summary_row(h, "Source", code_label(CODES_REFERRAL_SOURCE,
	    p->ep->referral_source));
	ui_summary_row(h, "Primary need", p->ep->primary_need[0] ?
	    code_label(CODES_PRIMARY_NEED, p->ep->primary_need) :
	    "Not recorded");
	ui_summary_end(h);
}

/* ------------------------------------------------------ a new referral */

static void
referral_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "referral_date", "Referral date");
	form_page_date_fields(&p->form, "contact_date", "Contact date");
	form_page_field(&p->form, "referral_source", "Source of the referral",
	    false, false, valid_code, 3);
	form_page_field(&p->form, "primary_need", "Primary need", false, false,
	    valid_code, 3);
	form_page_field(&p->form, "reason", "Reason for the referral", false,
	    false, valid_note, JOURNEY_TEXT_MAX + 64);
}

static void
referral_defaults(struct fp *p)
{
	def_today(p, "referral_date");
}

static void
referral_render(struct fp *p, struct html *h)
{
	struct ui_option src[48], need[16];
	int ns = code_options(CODES_REFERRAL_SOURCE, "Select the source", src,
	    48);
	int nn = code_options(CODES_PRIMARY_NEED, "Select the primary need",
	    need, 16);

	ui_para(h, "A referral opens a new episode of need for the child. "
	    "The decision on it is due within 1 working day.");
	form_page_date_input(&p->form, h, "referral_date",
	    "When was the referral received?",
	    NULL);
	form_page_date_input(&p->form, h, "contact_date",
	    "When did someone first contact "
	    "us about the child?", "Leave this empty if it was the same day "
	    "as the referral. For example, 27 3 2026");
	ui_select(h, &p->form.e, "referral_source", "Who made the referral?",
	    src, ns, form_page_val(&p->form, "referral_source"));
	ui_select(h, &p->form.e, "primary_need", "What is the child's primary "
	    "need?", need, nn, form_page_val(&p->form, "primary_need"));
	form_page_textarea(&p->form, h, "reason", "Why was the child referred?",
	    "Write it "
	    "so that the family could read it. Up to 2000 characters.");
}

static bool
referral_parse(struct fp *p)
{
	struct cin_episode *ep = &p->u.referral.ep;
	struct referral *rf = &p->u.referral.ref;

	cin_episode_init(ep);
	memset(rf, 0, sizeof(*rf));
	ep->child_id = p->child_id;
	(void)form_page_date_value(&p->form, "referral_date",
	    "the date the referral was "
	    "received", true, &ep->referral_date);
	(void)form_page_date_value(&p->form, "contact_date",
	    "the date of the first contact",
	    false, &rf->contact_date);
	if (codes_find(CODES_REFERRAL_SOURCE, form_page_val(&p->form,
	    "referral_source")) ==
	    NULL)
		form_page_problem(&p->form, "referral_source",
		    "Select who made the referral");
	else
		text_cut(ep->referral_source, sizeof(ep->referral_source),
		    form_page_val(&p->form, "referral_source"));
	if (codes_find(CODES_PRIMARY_NEED, form_page_val(&p->form,
	    "primary_need")) == NULL)
		form_page_problem(&p->form, "primary_need",
		    "Select the child's primary need");
	else
		text_cut(ep->primary_need, sizeof(ep->primary_need),
		    form_page_val(&p->form, "primary_need"));
	text_trim(rf->reason, sizeof(rf->reason), form_page_val(&p->form,
	    "reason"));
	if (rf->reason[0] == '\0')
		form_page_problem(&p->form, "reason",
		    "Enter why the child was referred");
	rf->decision = DECISION_NONE;
	rf->decision_date = HDAY_NONE;
	return true;
}

static enum herr
referral_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_referral_add(p->r->st, &p->u.referral.ep,
	    &p->u.referral.ref, cx, d);
}

static const struct step_form referral_form = {
	.title = "Record a new referral",
	.button = "Save the referral",
	.audit = AUDIT_CREATE,
	.saved = "referral",
	.path1 = "referrals/new",
	.fields = referral_fields,
	.defaults = referral_defaults,
	.render = referral_render,
	.parse = referral_parse,
	.save = referral_save,
};

/* ----------------------------------------------- the referral's decision */

static bool
episode_find(struct fp *p)
{
	p->ep = journey_episode(p->j, p->ref_id);
	p->ref = journey_referral(p->j, p->ref_id);
	return p->ep != NULL && p->ref != NULL;
}

static void
decision_fields(struct fp *p)
{
	form_page_field(&p->form, "version", "Version", true, false,
	    form_valid_int, 20);
	form_page_field(&p->form, "decision", "Decision", false, false,
	    valid_code, 20);
	form_page_date_fields(&p->form, "decision_date",
	    "Date of the decision");
	form_page_date_fields(&p->form, "contact_date", "Contact date");
	form_page_field(&p->form, "reason", "Reason for the referral", false,
	    false, valid_note, JOURNEY_TEXT_MAX + 64);
}

static void
decision_defaults(struct fp *p)
{
	form_page_def_version(&p->form, p->ref->version);
	def_today(p, "decision_date");
	form_page_def_date(&p->form, "contact_date", p->ref->contact_date);
	form_page_def(&p->form, "reason", "%s", p->ref->reason);
	if (p->ref->decision != DECISION_NONE)
		form_page_def(&p->form, "decision", "%s",
		    referral_decision_code(
		    p->ref->decision));
}

static void
decision_render(struct fp *p, struct html *h)
{
	struct ui_option opts[DECISION__COUNT];
	int n = 0;

	for (int i = DECISION_NONE + 1; i < DECISION__COUNT; i++)
		opts[n++] = (struct ui_option){ referral_decision_code(
		    (enum referral_decision)i), referral_decision_label(
		    (enum referral_decision)i) };
	referral_summary(p, h);
	ui_inset(h, "Decide within 1 working day of the referral. No further "
	    "action and early help close the episode on the day of the "
	    "decision.");
	form_page_version_hidden(&p->form, h);
	radios(p, h, "decision", "What was decided?", opts, n);
	form_page_date_input(&p->form, h, "decision_date",
	    "When was it decided?", NULL);
	form_page_date_input(&p->form, h, "contact_date",
	    "When did someone first contact "
	    "us about the child?", "Leave this empty if it was the same day "
	    "as the referral. For example, 27 3 2026");
	form_page_textarea(&p->form, h, "reason", "Why was the child referred?",
	    "Up to 2000 "
	    "characters.");
}

static bool
decision_parse(struct fp *p)
{
	struct referral *rf = &p->u.decision;
	int k = referral_decision_parse(form_page_val(&p->form, "decision"));

	*rf = *p->ref;
	if (k <= DECISION_NONE || k >= DECISION__COUNT)
		form_page_problem(&p->form, "decision",
		    "Select what was decided");
	else
		rf->decision = (enum referral_decision)k;
	(void)form_page_date_value(&p->form, "decision_date",
	    "the date of the decision", true, &rf->decision_date);
	(void)form_page_date_value(&p->form, "contact_date",
	    "the date of the first contact",
	    false, &rf->contact_date);
	text_trim(rf->reason, sizeof(rf->reason), form_page_val(&p->form,
	    "reason"));
	return true;
}

static enum herr
decision_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_referral_decide(p->r->st, p->child_id, &p->u.decision,
	    form_page_version_value(&p->form), cx, d);
}

static const struct step_form decision_form = {
	.title = "Record the decision on the referral",
	.button = "Save the decision",
	.audit = AUDIT_EDIT,
	.saved = "decision",
	.path1 = "episodes",
	.path2 = "decision",
	.find = episode_find,
	.fields = decision_fields,
	.defaults = decision_defaults,
	.render = decision_render,
	.parse = decision_parse,
	.save = decision_save,
};

/* --------------------------------------------------- closing an episode */

static void
close_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "closure_date",
	    "Date the episode closed");
	form_page_field(&p->form, "closure_reason", "Reason for closure", false,
	    false, valid_code, 4);
}

static void
close_defaults(struct fp *p)
{
	def_today(p, "closure_date");
}

static void
close_render(struct fp *p, struct html *h)
{
	struct ui_option opts[16];
	int n = code_options(CODES_CLOSURE_REASON, "Select a reason", opts,
	    16);

	referral_summary(p, h);
	ui_para(h, "Close the episode when children's social care is no "
	    "longer working with the child. Any plan in it must end first.");
	form_page_date_input(&p->form, h, "closure_date",
	    "When did the episode close?", NULL);
	ui_select(h, &p->form.e, "closure_reason", "Why did it close?", opts, n,
	    form_page_val(&p->form, "closure_reason"));
}

static bool
close_parse(struct fp *p)
{
	(void)form_page_date_value(&p->form, "closure_date",
	    "the date the episode closed",
	    true, &p->u.end.date);
	if (codes_find(CODES_CLOSURE_REASON, form_page_val(&p->form,
	    "closure_reason")) == NULL)
		form_page_problem(&p->form, "closure_reason",
		    "Select why the episode closed");
	text_cut(p->u.end.reason, sizeof(p->u.end.reason), form_page_val(&p->form,
	    "closure_reason"));
	return true;
}

static enum herr
close_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_episode_close(p->r->st, p->child_id, p->ep->id,
	    p->u.end.date, p->u.end.reason, cx, d);
}

static const struct step_form close_form = {
	.title = "Close the episode",
	.button = "Close the episode",
	.audit = AUDIT_EDIT,
	.saved = "closed",
	.path1 = "episodes",
	.path2 = "close",
	.find = episode_find,
	.fields = close_fields,
	.defaults = close_defaults,
	.render = close_render,
	.parse = close_parse,
	.save = close_save,
};

/* --------------------------------------------------- starting an assessment */

static void
start_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "start_date", "Start date");
}

static void
start_defaults(struct fp *p)
{
	def_today(p, "start_date");
}

static void
assessment_render(struct fp *p, struct html *h)
{
	ui_para(h, "A child and family assessment should be completed and "
	    "authorised within 45 working days of the referral.");
	form_page_date_input(&p->form, h, "start_date",
	    "When did the assessment start?",
	    NULL);
}

static bool
assessment_parse(struct fp *p)
{
	struct assessment *a = &p->u.as;

	memset(a, 0, sizeof(*a));
	a->child_id = p->child_id;
	a->authorised_date = HDAY_NONE;
	a->due_date = HDAY_NONE;
	a->outcome = ASSESS_OPEN;
	(void)form_page_date_value(&p->form, "start_date",
	    "the date the assessment started",
	    true, &a->start_date);
	a->episode_id = episode_for(p->j, a->start_date);
	return true;
}

static enum herr
assessment_save(struct fp *p, const struct journey_ctx *cx,
    struct hdiag *d)
{
	return record_assessment_start(p->r->st, &p->u.as, cx, d);
}

static const struct step_form assessment_form = {
	.title = "Start a child and family assessment",
	.button = "Save",
	.audit = AUDIT_CREATE,
	.saved = "assessment",
	.path1 = "assessments/new",
	.fields = start_fields,
	.defaults = start_defaults,
	.render = assessment_render,
	.parse = assessment_parse,
	.save = assessment_save,
};

/* ------------------------------------------- authorising an assessment */

static bool
authorise_find(struct fp *p)
{
	return (p->as = find_assessment(p->j, p->ref_id)) != NULL;
}

static void
authorise_fields(struct fp *p)
{
	form_page_field(&p->form, "version", "Version", true, false,
	    form_valid_int, 20);
	form_page_date_fields(&p->form, "authorised_date", "Date authorised");
	form_page_field(&p->form, "factors", "Factors identified", false, true,
	    valid_code, 3);
	form_page_field(&p->form, "outcome", "Outcome", false, false,
	    valid_code, 20);
}

static void
authorise_defaults(struct fp *p)
{
	form_page_def_version(&p->form, p->as->version);
	def_today(p, "authorised_date");
	for (int i = 0; i < p->as->n_factors; i++)
		form_page_def(&p->form, "factors", "%s", p->as->factors[i]);
}

static void
authorise_render(struct fp *p, struct html *h)
{
	struct ui_option opts[ASSESS__COUNT], *f;
	const struct code *list;
	char buf[40];
	size_t n;
	int k = 0;

	ui_summary_start(h);
	ui_summary_row(h, "Assessment started", date_long(p->as->start_date,
	    buf, sizeof(buf)));
	ui_summary_end(h);
	form_page_version_hidden(&p->form, h);
	form_page_date_input(&p->form, h, "authorised_date",
	    "When was the assessment "
	    "authorised?", NULL);
	list = codes_list(CODES_ASSESSMENT_FACTOR, &n);
	f = xcalloc(n + 1, sizeof(*f));
	for (size_t i = 0; i < n; i++)
		f[i] = (struct ui_option){ list[i].code, list[i].label };
	form_page_checkboxes(&p->form, h, "factors",
	    "Which factors did the assessment "
	    "identify?", "Select all that apply. At least one is needed "
	    "unless the outcome is no further action.", f, (int)n);
	free(f);
	for (int i = ASSESS_OPEN + 1; i < ASSESS__COUNT; i++)
		opts[k++] = (struct ui_option){ assessment_outcome_code(
		    (enum assessment_outcome)i), assessment_outcome_label(
		    (enum assessment_outcome)i) };
	radios(p, h, "outcome", "What was the outcome?", opts, k);
}

static bool
authorise_parse(struct fp *p)
{
	struct assessment *a = &p->u.as;
	int k = assessment_outcome_parse(form_page_val(&p->form, "outcome"));
	bool bad = false;

	*a = *p->as;
	(void)form_page_date_value(&p->form, "authorised_date",
	    "the date the assessment was "
	    "authorised", true, &a->authorised_date);
	if (k <= ASSESS_OPEN || k >= ASSESS__COUNT)
		form_page_problem(&p->form, "outcome",
		    "Select the outcome of the assessment");
	else
		a->outcome = (enum assessment_outcome)k;
	a->n_factors = 0;
	for (int i = 0; i < p->form.body->n; i++) {
		const char *v = p->form.body->pair[i].value;

		if (strcmp(p->form.body->pair[i].name, "factors") != 0 ||
		    v[0] == '\0')
			continue;
		if (codes_find(CODES_ASSESSMENT_FACTOR, v) == NULL ||
		    a->n_factors >= JOURNEY_FACTORS_MAX)
			bad = true;
		else
			text_cut(a->factors[a->n_factors++], sizeof(a->factors[0]),
			    v);
	}
	if (bad)
		form_page_problem(&p->form, "factors",
		    "Select factors from the list (up to "
		    "24)");
	return true;
}

static enum herr
authorise_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_assessment_authorise(p->r->st, &p->u.as,
	    form_page_version_value(&p->form), cx, d);
}

static const struct step_form authorise_form = {
	.title = "Authorise the assessment",
	.button = "Authorise the assessment",
	.audit = AUDIT_EDIT,
	.saved = "authorised",
	.path1 = "assessments",
	.path2 = "authorise",
	.find = authorise_find,
	.fields = authorise_fields,
	.defaults = authorise_defaults,
	.render = authorise_render,
	.parse = authorise_parse,
	.save = authorise_save,
};

/* ------------------------------------------------ a strategy discussion */

static void
strategy_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "held_date", "Date of the discussion");
	people_fields(p, "person", p->rows);
	form_page_field(&p->form, "s47", "Section 47 decision", false, false,
	    valid_yesno, 3);
	form_page_field(&p->form, "note", "Notes", false, false, valid_note,
	    JOURNEY_TEXT_MAX + 64);
}

static void
strategy_defaults(struct fp *p)
{
	def_today(p, "held_date");
}

static const struct ui_option yesno[] = {
	{ "yes", "Yes" }, { "no", "No" },
};

static void
strategy_render(struct fp *p, struct html *h)
{
	form_page_date_input(&p->form, h, "held_date",
	    "When was the strategy discussion?",
	    NULL);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Who took part</h2>");
	ui_para(h, "Give each person's name and the agency they were there "
	    "for (for example Police, Health visiting, School). Leave the "
	    "rows you do not need empty.");
	people_rows(p, h, "person", "Person");
	radios(p, h, "s47", "Did the discussion decide to start a section 47 "
	    "enquiry?", yesno, 2);
	form_page_textarea(&p->form, h, "note", "Notes",
	    "Optional. What was agreed, and by "
	    "whom. Up to 2000 characters.");
}

static bool
strategy_parse(struct fp *p)
{
	struct strategy *s = &p->u.st;
	const char *v = form_page_val(&p->form, "s47");

	memset(s, 0, sizeof(*s));
	s->child_id = p->child_id;
	(void)form_page_date_value(&p->form, "held_date",
	    "the date of the strategy "
	    "discussion", true, &s->held_date);
	s->episode_id = episode_for(p->j, s->held_date);
	s->n_people = people_value(p, "person", s->people, JOURNEY_PEOPLE_MAX);
	if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
		form_page_problem(&p->form, "s47",
		    "Select whether the discussion decided to "
		    "start a section 47 enquiry");
	s->s47 = strcmp(v, "yes") == 0;
	text_trim(s->note, sizeof(s->note), form_page_val(&p->form, "note"));
	return true;
}

static enum herr
strategy_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_strategy_add(p->r->st, &p->u.st, cx, d);
}

/* The core names the list ("people", "core_group") and the person's name
 * as the value: point at that person's row (the agency or role is what is
 * missing), or at the first row. */
static void
people_map(struct fp *p, struct hdiag *d, const char *list,
    const char *prefix)
{
	char n[FORM_NAME_MAX + 1], name[JOURNEY_NAME_MAX + 1];

	if (strcmp(d->field, list) != 0)
		return;
	for (int i = 1; d->value[0] != '\0' && i <= p->rows; i++) {
		snprintf(n, sizeof(n), "%s_%d_name", prefix, i);
		text_trim(name, sizeof(name), form_page_val(&p->form, n));
		if (strcmp(name, d->value) == 0) {
			snprintf(d->field, sizeof(d->field), "%s_%d_agency",
			    prefix, i);
			return;
		}
	}
	snprintf(d->field, sizeof(d->field), "%s_1_name", prefix);
}

static void
strategy_map(struct fp *p, struct hdiag *d)
{
	people_map(p, d, "people", "person");
}

static const struct step_form strategy_form = {
	.title = "Record a strategy discussion",
	.button = "Save the strategy discussion",
	.audit = AUDIT_CREATE,
	.saved = "strategy",
	.path1 = "strategy/new",
	.more_rows = true,
	.fields = strategy_fields,
	.defaults = strategy_defaults,
	.render = strategy_render,
	.parse = strategy_parse,
	.save = strategy_save,
	.map = strategy_map,
};

/* -------------------------------------------------- an s47 enquiry */

static void
s47_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "start_date", "Start date");
	form_page_field(&p->form, "strategy_id", "Strategy discussion", false,
	    false, form_page_valid_digits, 20);
}

static void
s47_defaults(struct fp *p)
{
	const struct strategy *s = strategy_awaiting(p->j);

	def_today(p, "start_date");
	if (s != NULL)
		form_page_def(&p->form, "strategy_id", "%" PRId64, s->id);
}

static void
s47_render(struct fp *p, struct html *h)
{
	struct ui_option opts[JOURNEY_STEPS_MAX];
	char labels[JOURNEY_STEPS_MAX][80], values[JOURNEY_STEPS_MAX][24];
	char buf[40];
	int n = 0;

	form_page_date_input(&p->form, h, "start_date",
	    "When did the section 47 enquiry "
	    "start?", NULL);
	for (int i = p->j->n_strategies - 1; i >= 0 && n < JOURNEY_STEPS_MAX;
	    i--) {
		const struct strategy *s = &p->j->strategies[i];

		if (!s->s47)
			continue;
		snprintf(labels[n], sizeof(labels[n]), "Strategy discussion "
		    "on %s", ui_date_long(s->held_date, buf, sizeof(buf)));
		snprintf(values[n], sizeof(values[n]), "%" PRId64, s->id);
		opts[n] = (struct ui_option){ values[n], labels[n] };
		n++;
	}
	if (n == 0) {
		ui_inset(h, "No strategy discussion has decided to start a "
		    "section 47 enquiry. Record the strategy discussion "
		    "first.");
		return;
	}
	radios(p, h, "strategy_id", "Which strategy discussion decided to "
	    "start it?", opts, n);
}

static bool
s47_parse(struct fp *p)
{
	struct s47 *s = &p->u.s47;
	const struct strategy *st;

	memset(s, 0, sizeof(*s));
	s->child_id = p->child_id;
	s->outcome = S47_OPEN;
	s->outcome_date = HDAY_NONE;
	(void)form_page_date_value(&p->form, "start_date",
	    "the date the enquiry started",
	    true, &s->start_date);
	s->strategy_id = text_id(form_page_val(&p->form, "strategy_id"));
	st = s->strategy_id > 0 ? journey_strategy(p->j, s->strategy_id) :
	    NULL;
	if (s->strategy_id > 0 && st == NULL)
		form_page_problem(&p->form, "strategy_id",
		    "Select a strategy discussion from "
		    "the list");
	s->episode_id = st != NULL ? st->episode_id : episode_for(p->j,
	    s->start_date);
	return true;
}

static enum herr
s47_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_s47_start(p->r->st, &p->u.s47, cx, d);
}

static const struct step_form s47_form = {
	.title = "Start a section 47 enquiry",
	.button = "Save",
	.audit = AUDIT_CREATE,
	.saved = "s47",
	.path1 = "s47/new",
	.fields = s47_fields,
	.defaults = s47_defaults,
	.render = s47_render,
	.parse = s47_parse,
	.save = s47_save,
};

/* ------------------------------------------------ an s47's outcome */

static bool
outcome_find(struct fp *p)
{
	return (p->s47 = journey_s47(p->j, p->ref_id)) != NULL;
}

static void
outcome_fields(struct fp *p)
{
	form_page_field(&p->form, "version", "Version", true, false,
	    form_valid_int, 20);
	form_page_date_fields(&p->form, "outcome_date", "Date of the outcome");
	form_page_field(&p->form, "outcome", "Outcome", false, false,
	    valid_code, 20);
}

static void
outcome_defaults(struct fp *p)
{
	form_page_def_version(&p->form, p->s47->version);
	def_today(p, "outcome_date");
}

static void
outcome_render(struct fp *p, struct html *h)
{
	struct ui_option opts[S47__COUNT];
	char buf[40];
	int n = 0;

	ui_summary_start(h);
	ui_summary_row(h, "Enquiry started", date_long(p->s47->start_date,
	    buf, sizeof(buf)));
	ui_summary_end(h);
	for (int i = S47_OPEN + 1; i < S47__COUNT; i++)
		opts[n++] = (struct ui_option){ s47_outcome_code(
		    (enum s47_outcome)i), s47_outcome_label(
		    (enum s47_outcome)i) };
	form_page_version_hidden(&p->form, h);
	form_page_date_input(&p->form, h, "outcome_date",
	    "When was the enquiry completed?",
	    NULL);
	radios(p, h, "outcome", "What was the outcome?", opts, n);
	ui_inset(h, "An initial child protection conference is due within 15 "
	    "working days of the strategy discussion. A child in need plan "
	    "starts on the day of the outcome.");
}

static bool
outcome_parse(struct fp *p)
{
	struct s47 *s = &p->u.s47;
	int k = s47_outcome_parse(form_page_val(&p->form, "outcome"));

	*s = *p->s47;
	(void)form_page_date_value(&p->form, "outcome_date",
	    "the date the enquiry was "
	    "completed", true, &s->outcome_date);
	if (k <= S47_OPEN || k >= S47__COUNT)
		form_page_problem(&p->form, "outcome",
		    "Select the outcome of the enquiry");
	else
		s->outcome = (enum s47_outcome)k;
	return true;
}

static enum herr
outcome_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_s47_outcome(p->r->st, &p->u.s47,
	    form_page_version_value(&p->form), cx, d);
}

static const struct step_form outcome_form = {
	.title = "Record the outcome of the section 47 enquiry",
	.button = "Save the outcome",
	.audit = AUDIT_EDIT,
	.saved = "s47-outcome",
	.path1 = "s47",
	.path2 = "outcome",
	.find = outcome_find,
	.fields = outcome_fields,
	.defaults = outcome_defaults,
	.render = outcome_render,
	.parse = outcome_parse,
	.save = outcome_save,
};

/* ---------------------------------------------------------- conferences */

static bool
add_chair(const struct store_user *u, void *ctx)
{
	struct fp *p = ctx;
	struct chair *c;

	if (!u->staff.active || u->staff.role != ROLE_CP_CHAIR)
		return true;
	if (p->nchairs >= CHAIRS_MAX)
		return false;
	c = &p->chairs[p->nchairs++];
	c->id = u->staff.id;
	ui_full_name(c->name, u->staff.given_name, u->staff.family_name);
	snprintf(c->value, sizeof(c->value), "%" PRId64, c->id);
	return true;
}

static bool
load_chairs(struct fp *p)
{
	enum staff_role role = ROLE_CP_CHAIR;

	p->nchairs = 0;
	return store_users_each(p->r->st, &role, add_chair, p) == HERR_OK;
}

static const char *
chair_name(const struct fp *p, int64_t id)
{
	for (int i = 0; i < p->nchairs; i++)
		if (p->chairs[i].id == id)
			return p->chairs[i].name;
	return NULL;
}

static bool
current(hday start, hday end, hday today)
{
	return (start == HDAY_NONE || start <= today) &&
	    (end == HDAY_NONE || end >= today);
}

static bool
sibling_known(const struct fp *p, int64_t id)
{
	for (int i = 0; i < p->nsib; i++)
		if (p->sib[i].id == id)
			return true;
	return false;
}

/*
 * The children who may be discussed at this conference with this one:
 * those living in one of the child's households now whose record the user
 * may change and who are at the same point (an ICPC: an s47 enquiry
 * awaiting its conference; a review: an open child protection plan).
 * False on a store failure.
 */
static bool
load_siblings(struct fp *p)
{
	struct store_member hh[HH_MAX], *m;
	struct journey *sj;
	int nh = 0, th = 0, n, t;
	bool ok = true;

	p->nsib = 0;
	if (p->kind == CONF_TRANSFER_IN)
		return true;
	if (store_child_households(p->r->st, p->child_id, hh, HH_MAX, &nh,
	    &th) != HERR_OK)
		return false;
	m = xcalloc(CASE_LIST_MAX, sizeof(*m));
	sj = journey_new();
	for (int i = 0; ok && i < nh; i++) {
		if (!current(hh[i].start_date, hh[i].end_date, p->r->today))
			continue;
		if (store_household_members(p->r->st, hh[i].household_id,
		    p->r->today, m, CASE_LIST_MAX, &n, &t) != HERR_OK) {
			ok = false;
			break;
		}
		for (int k = 0; k < n && p->nsib < SIBLINGS_MAX; k++) {
			struct sibling *s = &p->sib[p->nsib];
			const struct s47 *e;
			const struct plan *pl;

			if (!m[k].is_child || m[k].person_id == p->child_id ||
			    !current(m[k].start_date, m[k].end_date,
			    p->r->today) || sibling_known(p, m[k].person_id) ||
			    !may(p->r, m[k].person_id, ACCESS_EDIT) ||
			    store_journey_load(p->r->st, m[k].person_id, sj,
			    NULL) != HERR_OK)
				continue;
			memset(s, 0, sizeof(*s));
			s->id = m[k].person_id;
			ui_full_name(s->name, m[k].given_name,
			    m[k].family_name);
			if (p->kind == CONF_INITIAL &&
			    (e = s47_awaiting(sj)) != NULL) {
				s->s47_id = e->id;
				p->nsib++;
			} else if (p->kind == CONF_REVIEW && (pl =
			    journey_open_plan(sj, PLAN_CP)) != NULL) {
				s->plan_id = pl->id;
				s->latest = pl->latest_category;
				p->nsib++;
			}
		}
	}
	journey_free(sj);
	free(m);
	return ok;
}

static bool
conference_find(struct fp *p)
{
	static const char *const titles[CONF__COUNT] = {
		[CONF_INITIAL] = "Record an initial child protection conference",
		[CONF_REVIEW] = "Record a review child protection conference",
		[CONF_TRANSFER_IN] = "Record a transfer-in conference",
	};
	const struct s47 *e;
	const struct plan *pl;
	int k = conference_kind_parse(text_nz(kind_arg(p)));

	if (k < 0 || k >= CONF__COUNT)
		return false;
	p->kind = k;
	text_cut(p->title, sizeof(p->title), titles[k]);
	if ((e = s47_awaiting(p->j)) != NULL)
		p->own_s47 = e->id;
	if ((pl = journey_open_plan(p->j, PLAN_CP)) != NULL) {
		p->own_plan = pl->id;
		p->own_latest = pl->latest_category;
	}
	if (!load_chairs(p) || !load_siblings(p)) {
		p->failed = true;
		return false;
	}
	return true;
}

/* The per-child fields of child `id`. */
static void
conference_child_fields(struct fp *p, int64_t id)
{
	form_page_fieldf(&p->form, "Decision", valid_code, 20,
	    "decision_%" PRId64, id);
	form_page_fieldf(&p->form, "Category", valid_code, 20,
	    "category_%" PRId64, id);
	if (p->kind == CONF_REVIEW) {
		form_page_fieldf(&p->form, "Reason the plan ends", valid_code,
		    30,
		    "end_reason_%" PRId64, id);
		form_page_fieldf(&p->form, "Step down", valid_yesno, 3,
		    "step_down_%" PRId64, id);
	}
}

static void
conference_fields(struct fp *p)
{
	form_page_field(&p->form, "kind", "Kind", true, false, valid_code, 20);
	if (p->kind == CONF_TRANSFER_IN)
		form_page_date_fields(&p->form, "notified_date",
		    "Date we were told");
	form_page_date_fields(&p->form, "held_date", "Date of the conference");
	form_page_field(&p->form, "chair_id", "Chair", false, false,
	    form_page_valid_digits, 20);
	if (p->nsib > 0)
		form_page_field(&p->form, "children", "Other children", false,
		    true, form_page_valid_digits, 20);
	conference_child_fields(p, p->child_id);
	for (int i = 0; i < p->nsib; i++)
		conference_child_fields(p, p->sib[i].id);
	form_page_field(&p->form, "note", "Notes", false, false, valid_note,
	    JOURNEY_TEXT_MAX + 64);
}

static void
conference_defaults(struct fp *p)
{
	char n[FORM_NAME_MAX + 1];

	form_page_def(&p->form, "kind", "%s",
	    conference_kind_code((enum conference_kind)
	    p->kind));
	def_today(p, "held_date");
	if (p->kind != CONF_REVIEW)
		return;
	if (p->own_plan > 0) {
		snprintf(n, sizeof(n), "category_%" PRId64, p->child_id);
		form_page_def(&p->form, n, "%s",
		    abuse_category_code(p->own_latest));
	}
	for (int i = 0; i < p->nsib; i++) {
		snprintf(n, sizeof(n), "category_%" PRId64, p->sib[i].id);
		form_page_def(&p->form, n, "%s",
		    abuse_category_code(p->sib[i].latest));
	}
}

/* The questions about one child's decision. */
static void
conference_child_render(struct fp *p, struct html *h, int64_t id,
    const char *name, bool sibling)
{
	struct ui_option dec[2], cat[ABUSE__COUNT], end[PLANEND__COUNT];
	char n[FORM_NAME_MAX + 1], q[200];
	int nc = 0, ne = 0;
	bool review = p->kind == CONF_REVIEW;

	dec[0] = (struct ui_option){ conference_decision_code(review ?
	    CDEC_CONTINUE : CDEC_PLAN), conference_decision_label(review ?
	    CDEC_CONTINUE : CDEC_PLAN) };
	dec[1] = (struct ui_option){ conference_decision_code(review ?
	    CDEC_END : CDEC_NO_PLAN), conference_decision_label(review ?
	    CDEC_END : CDEC_NO_PLAN) };
	for (int i = ABUSE_NONE + 1; i < ABUSE__COUNT; i++)
		cat[nc++] = (struct ui_option){ abuse_category_code(
		    (enum abuse_category)i), abuse_category_label(
		    (enum abuse_category)i) };
	for (int i = PLANEND_NONE + 1; i < PLANEND__COUNT; i++)
		end[ne++] = (struct ui_option){ plan_end_reason_code(
		    (enum plan_end_reason)i), plan_end_reason_label(
		    (enum plan_end_reason)i) };
	html_lit(h, "<h2 class=\"govuk-heading-m\">");
	html_textf(h, "Decision for %s%s", name, sibling ? " (if discussed)" :
	    "");
	html_lit(h, "</h2>");
	snprintf(n, sizeof(n), "decision_%" PRId64, id);
	snprintf(q, sizeof(q), "What did the conference decide for %s?",
	    name);
	radios(p, h, n, q, dec, 2);
	snprintf(n, sizeof(n), "category_%" PRId64, id);
	snprintf(q, sizeof(q), review ? "If the plan for %s continues, under "
	    "which category?" : "If %s needs a plan, under which category?",
	    name);
	radios(p, h, n, q, cat, nc);
	if (!review)
		return;
	snprintf(n, sizeof(n), "end_reason_%" PRId64, id);
	snprintf(q, sizeof(q), "If the plan for %s ends, why?", name);
	radios(p, h, n, q, end, ne);
	snprintf(n, sizeof(n), "step_down_%" PRId64, id);
	snprintf(q, sizeof(q), "If the plan for %s ends, does a child in need "
	    "plan start?", name);
	radios(p, h, n, q, yesno, 2);
}

static void
conference_render(struct fp *p, struct html *h)
{
	struct ui_option chairs[CHAIRS_MAX + 1], kids[SIBLINGS_MAX];
	char values[SIBLINGS_MAX][24], hint[400];

	ui_hidden(h, "kind", form_page_val(&p->form, "kind"));
	if (p->kind == CONF_INITIAL)
		ui_para(h, "The initial conference is due within 15 working "
		    "days of the strategy discussion that started the section "
		    "47 enquiry. A plan starts on the day of the conference.");
	else if (p->kind == CONF_REVIEW)
		ui_para(h, "The first review is due within 3 months of the "
		    "initial conference, then at least every 6 months.");
	else
		ui_para(h, "A transfer-in conference is held when a child on a "
		    "child protection plan in another authority moves here. "
		    "It is due within 15 working days of our being told.");
	if (p->kind == CONF_TRANSFER_IN)
		form_page_date_input(&p->form, h, "notified_date",
		    "When were we told about "
		    "the child?", NULL);
	form_page_date_input(&p->form, h, "held_date",
	    "When was the conference held?",
	    "Conferences are held on working days. For example, 27 3 2026");
	chairs[0] = (struct ui_option){ "", "Not recorded" };
	for (int i = 0; i < p->nchairs; i++)
		chairs[i + 1] = (struct ui_option){ p->chairs[i].value,
		    p->chairs[i].name };
	ui_select(h, &p->form.e, "chair_id", "Who chaired it?", chairs,
	    p->nchairs + 1, form_page_val(&p->form, "chair_id"));
	if (p->nsib > 0) {
		for (int i = 0; i < p->nsib; i++) {
			snprintf(values[i], sizeof(values[i]), "%" PRId64,
			    p->sib[i].id);
			kids[i] = (struct ui_option){ values[i],
			    p->sib[i].name };
		}
		snprintf(hint, sizeof(hint), "All the children in a household "
		    "are considered together. Select each child who was "
		    "discussed with %.200s, and record their decisions below.",
		    p->name);
		form_page_checkboxes(&p->form, h, "children",
		    "Which other children in the "
		    "household were discussed?", hint, kids, p->nsib);
	}
	conference_child_render(p, h, p->child_id, p->name, false);
	for (int i = 0; i < p->nsib; i++)
		conference_child_render(p, h, p->sib[i].id, p->sib[i].name,
		    true);
	form_page_textarea(&p->form, h, "note", "Notes",
	    "Optional. Up to 2000 characters.");
}

/* One child's part from the form; false with a problem added. */
static void
conference_child_parse(struct fp *p, struct conference_child *cc,
    int64_t id, const char *name)
{
	char n[FORM_NAME_MAX + 1];
	const char *v;
	int k;

	memset(cc, 0, sizeof(*cc));
	cc->child_id = id;
	cc->due_date = HDAY_NONE;
	snprintf(n, sizeof(n), "decision_%" PRId64, id);
	k = conference_decision_parse(form_page_val(&p->form, n));
	if (p->kind == CONF_REVIEW ? k != CDEC_CONTINUE && k != CDEC_END :
	    k != CDEC_PLAN && k != CDEC_NO_PLAN)
		form_page_problem(&p->form, n,
		    "Select what the conference decided for %s",
		    name);
	else
		cc->decision = (enum conference_decision)k;
	snprintf(n, sizeof(n), "category_%" PRId64, id);
	v = form_page_val(&p->form, n);
	/* A category only goes with a plan that starts or continues. */
	if (v[0] != '\0' && (cc->decision == CDEC_PLAN ||
	    cc->decision == CDEC_CONTINUE)) {
		if ((k = abuse_category_parse(v)) <= ABUSE_NONE ||
		    k >= ABUSE__COUNT)
			form_page_problem(&p->form, n,
			    "Select a category from the list");
		else
			cc->category = (enum abuse_category)k;
	}
	if (p->kind != CONF_REVIEW)
		return;
	snprintf(n, sizeof(n), "end_reason_%" PRId64, id);
	v = form_page_val(&p->form, n);
	if (v[0] != '\0' && cc->decision == CDEC_END) {
		if ((k = plan_end_reason_parse(v)) <= PLANEND_NONE ||
		    k >= PLANEND__COUNT)
			form_page_problem(&p->form, n,
			    "Select a reason from the list");
		else
			cc->end_reason = (enum plan_end_reason)k;
	}
	snprintf(n, sizeof(n), "step_down_%" PRId64, id);
	cc->step_down = cc->decision == CDEC_END && strcmp(form_page_val(&p->form, n),
	    "yes") == 0;
}

static bool
conference_parse(struct fp *p)
{
	struct conference *c = &p->u.conf;
	int64_t chair;

	memset(c, 0, sizeof(*c));
	c->kind = (enum conference_kind)p->kind;
	c->notified_date = HDAY_NONE;
	(void)form_page_date_value(&p->form, "held_date",
	    "the date of the conference", true, &c->held_date);
	if (p->kind == CONF_TRANSFER_IN)
		(void)form_page_date_value(&p->form, "notified_date",
		    "the date we were told "
		    "about the child", true, &c->notified_date);
	chair = text_id(form_page_val(&p->form, "chair_id"));
	if (form_page_val(&p->form, "chair_id")[0] != '\0' && chair_name(p,
	    chair) == NULL)
		form_page_problem(&p->form, "chair_id",
		    "Select the chair from the list");
	else
		c->chair_id = chair;
	text_trim(c->note, sizeof(c->note), form_page_val(&p->form, "note"));
	conference_child_parse(p, &c->children[0], p->child_id, p->name);
	c->children[0].s47_id = p->kind == CONF_INITIAL ? p->own_s47 : 0;
	c->children[0].plan_id = p->kind == CONF_REVIEW ? p->own_plan : 0;
	c->n_children = 1;
	for (int i = 0; i < p->form.body->n; i++) {
		int64_t id;
		int s = -1;

		if (strcmp(p->form.body->pair[i].name, "children") != 0 ||
		    p->form.body->pair[i].value[0] == '\0')
			continue;
		id = text_id(p->form.body->pair[i].value);
		for (int k = 0; k < p->nsib; k++)
			if (p->sib[k].id == id)
				s = k;
		if (s < 0) {
			form_page_problem(&p->form, "children",
			    "Select children from the list");
			continue;
		}
		if (c->n_children >= CONFERENCE_CHILDREN_MAX)
			continue;
		conference_child_parse(p, &c->children[c->n_children], id,
		    p->sib[s].name);
		c->children[c->n_children].s47_id = p->sib[s].s47_id;
		c->children[c->n_children].plan_id = p->sib[s].plan_id;
		c->n_children++;
	}
	return true;
}

static enum herr
conference_save(struct fp *p, const struct journey_ctx *cx,
    struct hdiag *d)
{
	return record_conference_add(p->r->st, &p->u.conf, cx, d);
}

/* The core names a child's field "child_N.category" (N-th child, when
 * several) or "category": the page's is "category_ID". */
static void
conference_map(struct fp *p, struct hdiag *d)
{
	static const char *const per[][2] = {
		{ "decision", "decision" }, { "category", "category" },
		{ "end_reason", "end_reason" }, { "step_down", "step_down" },
		{ "s47_id", "decision" }, { "plan_id", "decision" },
	};
	const struct conference *c = &p->u.conf;
	char f[sizeof(d->field)];
	int64_t id = p->child_id;
	char *end;

	text_cut(f, sizeof(f), d->field);
	if (strncmp(f, "child_", 6) == 0) {
		long k = strtol(f + 6, &end, 10);

		if (*end == '.' && k >= 0 && k < c->n_children) {
			id = c->children[k].child_id;
			memmove(f, end + 1, strlen(end + 1) + 1);
		}
	}
	for (size_t i = 0; i < sizeof(per) / sizeof(per[0]); i++)
		if (strcmp(f, per[i][0]) == 0) {
			snprintf(d->field, sizeof(d->field), "%s_%" PRId64,
			    per[i][1], id);
			return;
		}
	text_cut(d->field, sizeof(d->field), f);
}

static const struct step_form conference_form = {
	.title = "Record a conference",
	.button = "Save the conference",
	.audit = AUDIT_CREATE,
	.saved = "conference",
	.path1 = "conferences/new",
	.find = conference_find,
	.fields = conference_fields,
	.defaults = conference_defaults,
	.render = conference_render,
	.parse = conference_parse,
	.save = conference_save,
	.map = conference_map,
};

/* ------------------------------------------------------- a CIN plan */

static void
plan_blank(struct plan *pl, enum plan_kind k, int64_t child_id)
{
	memset(pl, 0, sizeof(*pl));
	pl->kind = k;
	pl->child_id = child_id;
	pl->start_date = HDAY_NONE;
	pl->end_date = HDAY_NONE;
}

static void
cin_plan_render(struct fp *p, struct html *h)
{
	ui_para(h, "A child in need plan cannot run alongside a child "
	    "protection plan. When a child protection plan ends with a step "
	    "down, the child in need plan is started by the review "
	    "conference.");
	form_page_date_input(&p->form, h, "start_date",
	    "When did the child in need plan "
	    "start?", NULL);
}

static bool
cin_plan_parse(struct fp *p)
{
	struct plan *pl = &p->u.plan;

	plan_blank(pl, PLAN_CIN, p->child_id);
	(void)form_page_date_value(&p->form, "start_date",
	    "the date the plan started", true, &pl->start_date);
	pl->episode_id = episode_for(p->j, pl->start_date);
	return true;
}

static enum herr
cin_plan_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_cin_plan_start(p->r->st, &p->u.plan, cx, d);
}

static const struct step_form cin_plan_form = {
	.title = "Start a child in need plan",
	.button = "Start the plan",
	.audit = AUDIT_CREATE,
	.saved = "cin-plan",
	.path1 = "plans/new",
	.fields = start_fields,
	.defaults = start_defaults,
	.render = cin_plan_render,
	.parse = cin_plan_parse,
	.save = cin_plan_save,
};

/* ------------------------------------------------------- ending a plan */

static bool
plan_find(struct fp *p)
{
	return (p->plan = journey_plan(p->j, p->ref_id)) != NULL;
}

static bool
end_find(struct fp *p)
{
	static const char *const titles[PLAN__COUNT] = {
		[PLAN_CP] = "End the child protection plan without a "
		    "conference",
		[PLAN_CIN] = "End the child in need plan",
		[PLAN_LAC] = "End the looked-after episode",
	};

	if (!plan_find(p) || (unsigned)p->plan->kind >= PLAN__COUNT)
		return false;
	text_cut(p->title, sizeof(p->title), titles[p->plan->kind]);
	return true;
}

/* The reasons a plan may end without a conference (no judgement). */
static bool
reason_without_conference(int k)
{
	return k == PLANEND_MOVED_LA || k == PLANEND_AGE_18 ||
	    k == PLANEND_LEFT_UK || k == PLANEND_DIED ||
	    k == PLANEND_LOOKED_AFTER;
}

static void
end_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "end_date", "End date");
	if (p->plan->kind == PLAN_CP)
		form_page_field(&p->form, "end_reason", "Reason", false, false,
		    valid_code, 30);
	else if (p->plan->kind == PLAN_LAC)
		form_page_field(&p->form, "lac_end_reason", "Reason", false,
		    false, valid_code, 4);
}

static void
end_defaults(struct fp *p)
{
	def_today(p, "end_date");
}

static void
end_render(struct fp *p, struct html *h)
{
	struct ui_option opts[PLANEND__COUNT + 64];
	char labels[64][160], buf[40], line[120];
	const struct lac_code *list;
	int n = 0, nl;

	snprintf(line, sizeof(line), "The plan started on %s.", date_long(
	    p->plan->start_date, buf, sizeof(buf)));
	ui_para(h, line);
	if (p->plan->kind == PLAN_CP)
		ui_inset(h, "To end the plan because the child is no longer at "
		    "risk of significant harm, record a review conference "
		    "instead. A plan ends without a conference only for these "
		    "reasons.");
	form_page_date_input(&p->form, h, "end_date", "When did it end?", NULL);
	if (p->plan->kind == PLAN_CP) {
		for (int i = PLANEND_NONE + 1; i < PLANEND__COUNT; i++)
			if (reason_without_conference(i))
				opts[n++] = (struct ui_option){
				    plan_end_reason_code((enum plan_end_reason)i),
				    plan_end_reason_label(
				    (enum plan_end_reason)i) };
		radios(p, h, "end_reason", "Why did the plan end?", opts, n);
	} else if (p->plan->kind == PLAN_LAC) {
		list = lac_end_reasons(&nl);
		n = lac_options(list, nl < 63 ? nl : 63, "Select a reason",
		    opts, 64, labels);
		ui_select(h, &p->form.e, "lac_end_reason",
		    "Why did the child stop "
		    "being looked after?", opts, n, form_page_val(&p->form,
		    "lac_end_reason"));
	}
}

static bool
end_parse(struct fp *p)
{
	const struct lac_code *list;
	int k, n;

	memset(&p->u.end, 0, sizeof(p->u.end));
	(void)form_page_date_value(&p->form, "end_date", "the date it ended",
	    true, &p->u.end.date);
	if (p->plan->kind == PLAN_CP) {
		k = plan_end_reason_parse(form_page_val(&p->form,
		    "end_reason"));
		if (!reason_without_conference(k))
			form_page_problem(&p->form, "end_reason",
			    "Select why the plan ended");
		else
			p->u.end.code = k;
	} else if (p->plan->kind == PLAN_LAC) {
		list = lac_end_reasons(&n);
		if (lac_code_check(list, n, "lac_end_reason",
		    form_page_val(&p->form,
		    "lac_end_reason"), NULL) != HERR_OK)
			form_page_problem(&p->form, "lac_end_reason",
			    "Select why the child "
			    "stopped being looked after");
		text_cut(p->u.end.reason, sizeof(p->u.end.reason),
		    form_page_val(&p->form,
		    "lac_end_reason"));
	}
	return true;
}

static enum herr
end_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	switch (p->plan->kind) {
	case PLAN_CP:
		return record_plan_end(p->r->st, p->child_id, p->plan->id,
		    p->u.end.date, (enum plan_end_reason)p->u.end.code, cx, d);
	case PLAN_CIN:
		return record_cin_plan_end(p->r->st, p->child_id, p->plan->id,
		    p->u.end.date, cx, d);
	case PLAN_LAC:
		return record_lac_end(p->r->st, p->child_id, p->plan->id,
		    p->u.end.date, p->u.end.reason, cx, d);
	default:
		return HERR_NOTFOUND;
	}
}

static const struct step_form end_form = {
	.title = "End the plan",
	.button = "End it",
	.audit = AUDIT_EDIT,
	.saved = "plan-ended",
	.path1 = "plans",
	.path2 = "end",
	.find = end_find,
	.fields = end_fields,
	.defaults = end_defaults,
	.render = end_render,
	.parse = end_parse,
	.save = end_save,
};

/* ------------------------------------------- visits, meetings, reviews */

static bool
event_find(struct fp *p)
{
	static const char *const titles[EVENT__COUNT] = {
		[EVENT_VISIT] = "Record a visit",
		[EVENT_CORE_GROUP] = "Record a core group meeting",
		[EVENT_CIN_REVIEW] = "Record a child in need review",
		[EVENT_LAC_REVIEW] = "Record a looked-after review",
		[EVENT_LAC_VISIT] = "Record a looked-after visit",
	};
	int k = event_kind_parse(text_nz(kind_arg(p)));

	if (!plan_find(p) || k < 0 || k >= EVENT__COUNT)
		return false;
	p->kind = k;
	text_cut(p->title, sizeof(p->title), titles[k]);
	return true;
}

static bool
is_visit(const struct fp *p)
{
	return p->kind == EVENT_VISIT || p->kind == EVENT_LAC_VISIT;
}

static void
event_fields(struct fp *p)
{
	form_page_field(&p->form, "kind", "Kind", true, false, valid_code, 20);
	form_page_date_fields(&p->form, "held_date", "Date");
	if (is_visit(p))
		form_page_field(&p->form, "seen", "Was the child seen", false,
		    false, valid_code, 8);
	form_page_field(&p->form, "note", "Notes", false, false, valid_note,
	    JOURNEY_TEXT_MAX + 64);
}

static void
event_defaults(struct fp *p)
{
	form_page_def(&p->form, "kind", "%s",
	    event_kind_code((enum event_kind)p->kind));
	def_today(p, "held_date");
}

static void
event_render(struct fp *p, struct html *h)
{
	static const struct ui_option seen[] = {
		{ "alone", "Yes, and the child was seen alone" },
		{ "yes", "Yes, but not alone" },
		{ "no", "No, the child was not seen" },
	};

	ui_hidden(h, "kind", form_page_val(&p->form, "kind"));
	form_page_date_input(&p->form, h, "held_date",
	    is_visit(p) ? "When was the visit?" :
	    "When was it held?", NULL);
	if (is_visit(p))
		radios(p, h, "seen", "Was the child seen?", seen, 3);
	form_page_textarea(&p->form, h, "note", "Notes",
	    "Optional. Up to 2000 characters.");
}

static bool
event_parse(struct fp *p)
{
	struct plan_event *e = &p->u.ev;
	const char *seen = form_page_val(&p->form, "seen");

	memset(e, 0, sizeof(*e));
	e->child_id = p->child_id;
	e->plan_id = p->plan->id;
	e->kind = (enum event_kind)p->kind;
	e->due_date = HDAY_NONE;
	(void)form_page_date_value(&p->form, "held_date",
	    is_visit(p) ? "the date of the "
	    "visit" : "the date it was held", true, &e->held_date);
	if (is_visit(p)) {
		if (strcmp(seen, "alone") != 0 && strcmp(seen, "yes") != 0 &&
		    strcmp(seen, "no") != 0)
			form_page_problem(&p->form, "seen",
			    "Select whether the child was seen");
		e->seen = strcmp(seen, "alone") == 0 || strcmp(seen, "yes") ==
		    0;
		e->seen_alone = strcmp(seen, "alone") == 0;
	}
	text_trim(e->note, sizeof(e->note), form_page_val(&p->form, "note"));
	return true;
}

static enum herr
event_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_event_add(p->r->st, &p->u.ev, cx, d);
}

static const struct step_form event_form = {
	.title = "Record a visit",
	.button = "Save",
	.audit = AUDIT_CREATE,
	.saved = "event",
	.path1 = "plans",
	.path2 = "events/new",
	.find = event_find,
	.fields = event_fields,
	.defaults = event_defaults,
	.render = event_render,
	.parse = event_parse,
	.save = event_save,
};

/* ------------------------------------------------------- the core group */

static bool
core_find(struct fp *p)
{
	return plan_find(p) && p->plan->kind == PLAN_CP;
}

static void
core_fields(struct fp *p)
{
	form_page_field(&p->form, "version", "Version", true, false,
	    form_valid_int, 20);
	people_fields(p, "member", p->rows);
}

static void
core_defaults(struct fp *p)
{
	char n[FORM_NAME_MAX + 1];

	form_page_def_version(&p->form, p->plan->version);
	p->rows = p->plan->n_core_group + 3 > ROWS_MIN ?
	    p->plan->n_core_group + 3 : ROWS_MIN;
	if (p->rows > JOURNEY_PEOPLE_MAX)
		p->rows = JOURNEY_PEOPLE_MAX;
	for (int i = 0; i < p->plan->n_core_group; i++) {
		const struct journey_person *m = &p->plan->core_group[i];

		snprintf(n, sizeof(n), "member_%d_name", i + 1);
		form_page_def(&p->form, n, "%s", m->name);
		snprintf(n, sizeof(n), "member_%d_agency", i + 1);
		form_page_def(&p->form, n, "%s", m->agency);
		snprintf(n, sizeof(n), "member_%d_role", i + 1);
		form_page_def(&p->form, n, "%s", m->role);
	}
}

static void
core_render(struct fp *p, struct html *h)
{
	ui_para(h, "The core group are the practitioners and family members "
	    "who carry out the plan together. Give each person's name and "
	    "their agency or relationship to the child. Empty a row to take "
	    "someone off.");
	form_page_version_hidden(&p->form, h);
	people_rows(p, h, "member", "Member");
}

static bool
core_parse(struct fp *p)
{
	struct plan *pl = &p->u.plan;

	*pl = *p->plan;
	pl->n_core_group = people_value(p, "member", pl->core_group,
	    JOURNEY_PEOPLE_MAX);
	return true;
}

static enum herr
core_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_core_group_set(p->r->st, &p->u.plan,
	    form_page_version_value(&p->form), cx, d);
}

static void
core_map(struct fp *p, struct hdiag *d)
{
	people_map(p, d, "core_group", "member");
}

static const struct step_form core_form = {
	.title = "Change the core group members",
	.button = "Save the core group",
	.audit = AUDIT_EDIT,
	.saved = "core-group",
	.path1 = "plans",
	.path2 = "core-group",
	.more_rows = true,
	.find = core_find,
	.fields = core_fields,
	.defaults = core_defaults,
	.render = core_render,
	.parse = core_parse,
	.save = core_save,
	.map = core_map,
};

/* ------------------------------------------------ becoming looked after */

static void
lac_fields(struct fp *p)
{
	form_page_date_fields(&p->form, "start_date", "Start date");
	form_page_field(&p->form, "legal_status", "Legal status", false, false,
	    valid_code, 3);
	form_page_field(&p->form, "placement", "Placement", false, false,
	    valid_code, 3);
	form_page_field(&p->form, "long_term", "Long-term placement", false,
	    false, valid_yesno, 3);
}

static void
lac_render(struct fp *p, struct html *h)
{
	struct ui_option opts[64];
	char labels[64][160];
	const struct lac_code *list;
	int n, k;

	form_page_date_input(&p->form, h, "start_date",
	    "When did the child become looked "
	    "after?", NULL);
	list = lac_legal_statuses(&n);
	k = lac_options(list, n < 63 ? n : 63, "Select the legal status",
	    opts, 64, labels);
	ui_select(h, &p->form.e, "legal_status", "What is the legal status?",
	    opts, k, form_page_val(&p->form, "legal_status"));
	list = lac_placements(&n);
	k = lac_options(list, n < 63 ? n : 63, "Select the placement", opts,
	    64, labels);
	ui_select(h, &p->form.e, "placement", "Where is the child placed?",
	    opts, k, form_page_val(&p->form, "placement"));
	radios(p, h, "long_term", "Is the placement meant to last until the "
	    "child is 18?", yesno, 2);
}

static bool
lac_parse(struct fp *p)
{
	struct plan *pl = &p->u.plan;
	const struct lac_code *list;
	const char *lt = form_page_val(&p->form, "long_term");
	int n;

	plan_blank(pl, PLAN_LAC, p->child_id);
	(void)form_page_date_value(&p->form, "start_date",
	    "the date the child became looked "
	    "after", true, &pl->start_date);
	pl->episode_id = episode_for(p->j, pl->start_date);
	list = lac_legal_statuses(&n);
	if (lac_code_check(list, n, "legal_status", form_page_val(&p->form,
	    "legal_status"), NULL) != HERR_OK)
		form_page_problem(&p->form, "legal_status",
		    "Select the legal status");
	else
		text_cut(pl->legal_status, sizeof(pl->legal_status),
		    form_page_val(&p->form,
		    "legal_status"));
	list = lac_placements(&n);
	if (lac_code_check(list, n, "placement", form_page_val(&p->form,
	    "placement"), NULL) !=
	    HERR_OK)
		form_page_problem(&p->form, "placement",
		    "Select where the child is placed");
	else
		text_cut(pl->placement, sizeof(pl->placement),
		    form_page_val(&p->form,
		    "placement"));
	if (strcmp(lt, "yes") != 0 && strcmp(lt, "no") != 0)
		form_page_problem(&p->form, "long_term",
		    "Select whether the placement is meant "
		    "to last until the child is 18");
	pl->long_term = strcmp(lt, "yes") == 0;
	return true;
}

static enum herr
lac_save(struct fp *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_lac_start(p->r->st, &p->u.plan, cx, d);
}

static const struct step_form lac_form = {
	.title = "Record that the child became looked after",
	.button = "Save",
	.audit = AUDIT_CREATE,
	.saved = "looked-after",
	.path1 = "looked-after/new",
	.fields = lac_fields,
	.defaults = start_defaults,
	.render = lac_render,
	.parse = lac_parse,
	.save = lac_save,
};

/* =========================================== what the journey says now */

#define STAGES_MAX 8
#define NEXT_MAX 16
#define LINE_LEN 240

/* "Neglect" -> "neglect" (not "PHY"-like codes). */
static void
lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
		s[0] = (char)(s[0] - 'A' + 'a');
}

/* Where the child is now, in plain words, a line each. */
static int
stage_lines(const struct journey *j, char out[][LINE_LEN], int cap)
{
	const struct cin_episode *ep = open_episode(j);
	const struct referral *rf = ep != NULL ? journey_referral(j, ep->id) :
	    NULL;
	const struct plan *pl;
	const struct s47 *s;
	const struct strategy *st;
	const struct assessment *a;
	const struct lac_code *list;
	char d[40], cat[80];
	int n = 0, nl;

	if ((pl = journey_open_plan(j, PLAN_LAC)) != NULL && n < cap) {
		list = lac_legal_statuses(&nl);
		snprintf(out[n++], LINE_LEN, "Looked after since %s (%s)",
		    ui_date_long(pl->start_date, d, sizeof(d)),
		    lac_label(list, nl, pl->legal_status));
	}
	if ((pl = journey_open_plan(j, PLAN_CP)) != NULL && n < cap) {
		text_cut(cat, sizeof(cat), abuse_category_label(
		    pl->latest_category));
		lower_first(cat);
		snprintf(out[n++], LINE_LEN, "On a child protection plan since "
		    "%s (%s)", ui_date_long(pl->start_date, d, sizeof(d)),
		    cat);
	}
	if ((pl = journey_open_plan(j, PLAN_CIN)) != NULL && n < cap)
		snprintf(out[n++], LINE_LEN, "On a child in need plan since %s",
		    ui_date_long(pl->start_date, d, sizeof(d)));
	if ((s = s47_open(j)) != NULL && n < cap)
		snprintf(out[n++], LINE_LEN, "Section 47 enquiry in progress "
		    "since %s", ui_date_long(s->start_date, d, sizeof(d)));
	if ((s = s47_awaiting(j)) != NULL && n < cap)
		snprintf(out[n++], LINE_LEN, "Waiting for an initial child "
		    "protection conference (the section 47 enquiry was "
		    "completed on %s)", ui_date_long(s->outcome_date, d,
		    sizeof(d)));
	if ((st = strategy_awaiting(j)) != NULL && s47_open(j) == NULL &&
	    n < cap)
		snprintf(out[n++], LINE_LEN, "The strategy discussion on %s "
		    "decided to start a section 47 enquiry",
		    ui_date_long(st->held_date, d, sizeof(d)));
	if ((a = assessment_open(j)) != NULL && n < cap)
		snprintf(out[n++], LINE_LEN, "Child and family assessment in "
		    "progress since %s", ui_date_long(a->start_date, d,
		    sizeof(d)));
	if (ep != NULL && rf != NULL && rf->decision == DECISION_NONE &&
	    n < cap)
		snprintf(out[n++], LINE_LEN, "Referral received on %s: waiting "
		    "for a decision", ui_date_long(ep->referral_date, d,
		    sizeof(d)));
	if (n == 0 && ep != NULL) {
		text_cut(cat, sizeof(cat), rf != NULL ? referral_decision_label(
		    rf->decision) : "");
		lower_first(cat);
		snprintf(out[n++], LINE_LEN, "Open to children's social care "
		    "since %s (referral: decided on %s)", ui_date_long(
		    ep->referral_date, d, sizeof(d)), cat[0] ? cat :
		    "not recorded");
	}
	if (n == 0 && j->n_episodes == 0)
		snprintf(out[n++], LINE_LEN, "No referral has been recorded");
	else if (n == 0)
		snprintf(out[n++], LINE_LEN, "Not open to children's social "
		    "care: the last episode closed on %s", ui_date_or(
		    j->episodes[j->n_episodes - 1].closure_date, d, sizeof(d),
		    "a date not recorded"));
	return n;
}

struct next {
	char href[160];
	char text[120];
	bool primary;
};

static void next_add(struct next *x, int *n, bool primary, int64_t child,
    const char *text, const char *fmt, ...) HEARTH_PRINTF(6, 7);

static void
next_add(struct next *x, int *n, bool primary, int64_t child,
    const char *text, const char *fmt, ...)
{
	char tail[120];
	va_list ap;

	if (*n >= NEXT_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(tail, sizeof(tail), fmt, ap);
	va_end(ap);
	snprintf(x[*n].href, sizeof(x[*n].href), "/children/%" PRId64 "/%s",
	    child, tail);
	text_cut(x[*n].text, sizeof(x[*n].text), text);
	x[*n].primary = primary;
	(*n)++;
}

/* Whether episode `ep` holds steps of these kinds. */
static bool
episode_has_assessment(const struct journey *j, int64_t ep)
{
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].episode_id == ep)
			return true;
	return false;
}

static bool
episode_has_strategy(const struct journey *j, int64_t ep)
{
	for (int i = 0; i < j->n_strategies; i++)
		if (j->strategies[i].episode_id == ep)
			return true;
	return false;
}

/* The episode has reached a point where a CIN plan is a next step: an
 * assessment authorised, an enquiry completed or a CP plan ended. */
static bool
episode_cin_ready(const struct journey *j, int64_t ep)
{
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].episode_id == ep &&
		    j->assessments[i].outcome != ASSESS_OPEN)
			return true;
	for (int i = 0; i < j->n_s47s; i++)
		if (j->s47s[i].episode_id == ep &&
		    j->s47s[i].outcome != S47_OPEN)
			return true;
	for (int i = 0; i < j->n_plans; i++)
		if (j->plans[i].kind == PLAN_CP &&
		    j->plans[i].end_date != HDAY_NONE &&
		    plan_episode(j, j->plans[i].id) == ep)
			return true;
	return false;
}

/* The latest assessment decided on a CIN plan not yet started. */
static bool
cin_plan_due(const struct journey *j, int64_t ep)
{
	for (int i = j->n_assessments - 1; i >= 0; i--) {
		const struct assessment *a = &j->assessments[i];

		if (a->episode_id != ep || a->outcome == ASSESS_OPEN)
			continue;
		if (a->outcome != ASSESS_CIN_PLAN)
			return false;
		for (int k = 0; k < j->n_plans; k++)
			if (j->plans[k].kind == PLAN_CIN &&
			    j->plans[k].start_date >= a->authorised_date)
				return false;
		return true;
	}
	return false;
}

/* The latest assessment decided on a strategy discussion not yet held. */
static bool
strategy_due(const struct journey *j, int64_t ep, const struct referral *rf)
{
	const struct assessment *last = NULL;

	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].episode_id == ep &&
		    j->assessments[i].outcome != ASSESS_OPEN)
			last = &j->assessments[i];
	if (last != NULL && last->outcome == ASSESS_STRATEGY) {
		for (int i = 0; i < j->n_strategies; i++)
			if (j->strategies[i].held_date >= last->authorised_date)
				return false;
		return true;
	}
	return rf->decision == DECISION_STRATEGY &&
	    !episode_has_strategy(j, ep);
}

/*
 * The steps that can be recorded next, the ones the journey is waiting
 * for first (primary).  With an undecided referral, only its decision.
 */
static int
next_steps(const struct journey *j, struct next *x)
{
	const struct cin_episode *ep = open_episode(j);
	const struct referral *rf;
	const struct plan *cp, *cin, *lac;
	const struct assessment *a;
	const struct s47 *s;
	const struct strategy *st;
	int64_t c = j->child.id, e;
	int n = 0;

	if (ep == NULL) {
		next_add(x, &n, true, c, "Record a new referral",
		    "referrals/new");
		return n;
	}
	e = ep->id;
	rf = journey_referral(j, e);
	if (rf == NULL || rf->decision == DECISION_NONE) {
		next_add(x, &n, true, c, "Record the decision", "episodes/%"
		    PRId64 "/decision", e);
		return n;
	}
	cp = journey_open_plan(j, PLAN_CP);
	cin = journey_open_plan(j, PLAN_CIN);
	lac = journey_open_plan(j, PLAN_LAC);
	if ((a = assessment_open(j)) != NULL)
		next_add(x, &n, true, c, "Authorise the assessment",
		    "assessments/%" PRId64 "/authorise", a->id);
	else if (!episode_has_assessment(j, e) &&
	    rf->decision == DECISION_ASSESSMENT)
		next_add(x, &n, true, c, "Start the child and family "
		    "assessment", "assessments/new");
	if ((s = s47_open(j)) != NULL)
		next_add(x, &n, true, c, "Record the outcome of the section 47 "
		    "enquiry", "s47/%" PRId64 "/outcome", s->id);
	else if ((st = strategy_awaiting(j)) != NULL)
		next_add(x, &n, true, c, "Start the section 47 enquiry",
		    "s47/new");
	if (s47_awaiting(j) != NULL && cp == NULL)
		next_add(x, &n, true, c, "Record the initial child protection "
		    "conference", "conferences/new?kind=icpc");
	if (strategy_due(j, e, rf) && s47_open(j) == NULL && cp == NULL)
		next_add(x, &n, true, c, "Record the strategy discussion",
		    "strategy/new");
	if (cp != NULL) {
		next_add(x, &n, true, c, "Record a visit", "plans/%" PRId64
		    "/events/new?kind=visit", cp->id);
		next_add(x, &n, true, c, "Record a core group meeting",
		    "plans/%" PRId64 "/events/new?kind=core-group", cp->id);
		next_add(x, &n, true, c, "Record a review conference",
		    "conferences/new?kind=rcpc");
	}
	if (cin != NULL) {
		next_add(x, &n, true, c, "Record a visit", "plans/%" PRId64
		    "/events/new?kind=visit", cin->id);
		next_add(x, &n, true, c, "Record a child in need review",
		    "plans/%" PRId64 "/events/new?kind=cin-review", cin->id);
	}
	if (cp == NULL && cin == NULL && s47_open(j) == NULL &&
	    s47_awaiting(j) == NULL && cin_plan_due(j, e))
		next_add(x, &n, true, c, "Start the child in need plan",
		    "plans/new");
	if (lac != NULL) {
		next_add(x, &n, true, c, "Record a looked-after review",
		    "plans/%" PRId64 "/events/new?kind=lac-review", lac->id);
		next_add(x, &n, true, c, "Record a looked-after visit",
		    "plans/%" PRId64 "/events/new?kind=lac-visit", lac->id);
	}
	/* Then the steps that may be needed but are not waited for. */
	if (cp != NULL) {
		next_add(x, &n, false, c, "Change the core group members",
		    "plans/%" PRId64 "/core-group", cp->id);
		next_add(x, &n, false, c, "End the child protection plan "
		    "without a conference", "plans/%" PRId64 "/end", cp->id);
	}
	if (cin != NULL)
		next_add(x, &n, false, c, "End the child in need plan",
		    "plans/%" PRId64 "/end", cin->id);
	if (cp == NULL && s47_open(j) == NULL && s47_awaiting(j) == NULL &&
	    strategy_awaiting(j) == NULL && !strategy_due(j, e, rf))
		next_add(x, &n, false, c, "Record a strategy discussion",
		    "strategy/new");
	if (a == NULL && episode_has_assessment(j, e) && cp == NULL)
		next_add(x, &n, false, c, "Start another assessment",
		    "assessments/new");
	else if (a == NULL && !episode_has_assessment(j, e) &&
	    rf->decision != DECISION_ASSESSMENT)
		next_add(x, &n, false, c, "Start a child and family assessment",
		    "assessments/new");
	if (cp == NULL && cin == NULL && s47_open(j) == NULL &&
	    s47_awaiting(j) == NULL && !cin_plan_due(j, e) &&
	    episode_cin_ready(j, e))
		next_add(x, &n, false, c, "Start a child in need plan",
		    "plans/new");
	if (cp == NULL && s47_awaiting(j) == NULL)
		next_add(x, &n, false, c, "Record a transfer-in conference",
		    "conferences/new?kind=transfer-in");
	if (lac != NULL)
		next_add(x, &n, false, c, "End the looked-after episode",
		    "plans/%" PRId64 "/end", lac->id);
	else
		next_add(x, &n, false, c, "Record that the child became "
		    "looked after", "looked-after/new");
	if (cp == NULL && cin == NULL && assessment_open(j) == NULL &&
	    s47_open(j) == NULL)
		next_add(x, &n, false, c, "Close the episode", "episodes/%"
		    PRId64 "/close", e);
	return n;
}

static void
next_render(struct html *h, const struct next *x, int n)
{
	int others = 0;

	html_lit(h, "<div class=\"govuk-button-group\">");
	for (int i = 0; i < n; i++)
		if (x[i].primary)
			ui_button_link(h, x[i].href, x[i].text);
		else
			others++;
	html_lit(h, "</div>\n");
	if (others == 0)
		return;
	html_lit(h, "<ul class=\"govuk-list\">");
	for (int i = 0; i < n; i++) {
		if (x[i].primary)
			continue;
		html_lit(h, "<li>");
		ui_link(h, x[i].href, x[i].text);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>\n");
}

/* ------------------------------------------------------ links to steps */

bool
journey_entry_href(const struct chronology_entry *e, int64_t child_id,
    char *buf, size_t cap)
{
	const char *kind = NULL;

	buf[0] = '\0';
	switch (e->step) {
	case CSTEP_REFERRAL:
	case CSTEP_DECISION:
	case CSTEP_CLOSURE:
		kind = "episodes";
		break;
	case CSTEP_ASSESSMENT_STARTED:
	case CSTEP_ASSESSMENT_AUTHORISED:
		kind = "assessments";
		break;
	case CSTEP_STRATEGY:
		kind = "strategy";
		break;
	case CSTEP_S47_STARTED:
	case CSTEP_S47_OUTCOME:
		kind = "s47";
		break;
	case CSTEP_CONFERENCE:
		kind = "conferences";
		break;
	case CSTEP_PLAN_STARTED:
	case CSTEP_PLAN_ENDED:
	case CSTEP_CORE_GROUP:
	case CSTEP_VISIT:
	case CSTEP_CIN_REVIEW:
	case CSTEP_LAC_REVIEW:
	case CSTEP_LAC_VISIT:
		kind = "plans";
		break;
	default:
		return false;
	}
	if (e->ref_id <= 0)
		return false;
	if (e->ref2_id > 0)
		snprintf(buf, cap, "/children/%" PRId64 "/%s/%" PRId64
		    "#event-%" PRId64, child_id, kind, e->ref_id, e->ref2_id);
	else
		snprintf(buf, cap, "/children/%" PRId64 "/%s/%" PRId64,
		    child_id, kind, e->ref_id);
	return true;
}

const char *
journey_saved_title(const char *key)
{
	static const struct {
		const char *key, *title;
	} msgs[] = {
		{ "referral", "Referral recorded" },
		{ "decision", "Decision recorded" },
		{ "closed", "Episode closed" },
		{ "assessment", "Assessment started" },
		{ "authorised", "Assessment authorised" },
		{ "strategy", "Strategy discussion recorded" },
		{ "s47", "Section 47 enquiry started" },
		{ "s47-outcome", "Outcome of the section 47 enquiry recorded" },
		{ "conference", "Conference recorded" },
		{ "cin-plan", "Child in need plan started" },
		{ "plan-ended", "Ended" },
		{ "event", "Recorded" },
		{ "core-group", "Core group members saved" },
		{ "looked-after", "Looked-after episode recorded" },
	};

	for (size_t i = 0; key != NULL && i < sizeof(msgs) / sizeof(msgs[0]);
	    i++)
		if (strcmp(key, msgs[i].key) == 0)
			return msgs[i].title;
	return NULL;
}

/* The episode a derived entry belongs to (0 when none). */
static int64_t
entry_episode(const struct journey *j, const struct chronology_entry *e)
{
	const struct assessment *a;
	const struct strategy *st;
	const struct s47 *s;
	const struct conference *c;
	const struct conference_child *cc;

	switch (e->step) {
	case CSTEP_REFERRAL:
	case CSTEP_DECISION:
	case CSTEP_CLOSURE:
		return e->ref_id;
	case CSTEP_ASSESSMENT_STARTED:
	case CSTEP_ASSESSMENT_AUTHORISED:
		return (a = find_assessment(j, e->ref_id)) != NULL ?
		    a->episode_id : 0;
	case CSTEP_STRATEGY:
		return (st = journey_strategy(j, e->ref_id)) != NULL ?
		    st->episode_id : 0;
	case CSTEP_S47_STARTED:
	case CSTEP_S47_OUTCOME:
		return (s = journey_s47(j, e->ref_id)) != NULL ?
		    s->episode_id : 0;
	case CSTEP_CONFERENCE:
		if ((c = find_conference(j, e->ref_id)) == NULL ||
		    (cc = conference_part(c, j->child.id)) == NULL)
			return 0;
		if (cc->s47_id > 0 && (s = journey_s47(j, cc->s47_id)) != NULL)
			return s->episode_id;
		if (cc->plan_id > 0)
			return plan_episode(j, cc->plan_id);
		return episode_for(j, c->held_date);
	case CSTEP_NONE:
	case CSTEP__COUNT:
		return 0;
	default:
		return plan_episode(j, e->ref_id);
	}
}

/*
 * The derived chronology of a journey (referrals, closures and every
 * step), newest first, into a new array (caller frees); *n gets how many.
 */
static struct chronology_entry *
journey_entries(const struct journey *j, int *n)
{
	struct chronology_entry *e, two[2];
	int cap = chronology_journey_count(j) + 2 * j->n_episodes + 1, k = 0;

	e = xcalloc((size_t)cap, sizeof(*e));
	for (int i = 0; i < j->n_episodes; i++) {
		int m = chronology_from_episode(&j->episodes[i], two);

		for (int x = 0; x < m && k < cap; x++)
			e[k++] = two[x];
	}
	k += chronology_from_journey(j, e + k, cap - k);
	chronology_sort(e, k);
	*n = k;
	return e;
}

/*
 * The steps of episode `ep` among entries e[n] (newest first, as the
 * chronology sorts them; manual entries and allocations are skipped) as a
 * table, oldest first, each linking to its page unless `print`.
 */
static void
steps_table(struct html *h, const struct journey *j,
    const struct chronology_entry *e, int n, int64_t ep, bool print)
{
	static const char *const cols[] = { "Date", "What happened", "" };
	char buf[40], href[160];
	int shown = 0;

	for (int i = n - 1; i >= 0; i--) {
		if (e[i].step == CSTEP_NONE || entry_episode(j, &e[i]) != ep)
			continue;
		if (shown++ == 0)
			ui_table_start(h, NULL, cols, print ? 2 : 3);
		ui_table_row_start(h);
		ui_table_cell(h, ui_date_or(e[i].date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, e[i].summary);
		if (!print) {
			html_lit(h, "<td class=\"govuk-table__cell\">");
			if (journey_entry_href(&e[i], j->child.id, href,
			    sizeof(href))) {
				html_lit(h, "<a class=\"govuk-link\"");
				html_attr(h, "href", href);
				html_lit(h, ">View<span class=\"govuk-visually-"
				    "hidden\"> ");
				html_text(h, e[i].category);
				html_textf(h, ", %s", buf);
				html_lit(h, "</span></a>");
			}
			html_lit(h, "</td>");
		}
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "Nothing has been recorded yet.");
}

/* The open due items with their dates and how late they are. */
static void
due_table(struct req *r, struct html *h, const struct child_view *v)
{
	static const char *const cols[] = { "What is due", "Due by",
		"Status" };
	char buf[40], tag[64];

	html_lit(h, "<h3 class=\"govuk-heading-s\">Due</h3>");
	if (v->ndue == 0) {
		ui_para(h, "Nothing is due.");
		return;
	}
	ui_table_start(h, NULL, cols, 3);
	for (int i = 0; i < v->ndue; i++) {
		const struct due_item *it = &v->due[i].item;
		int late;

		ui_table_row_start(h);
		ui_table_cell(h, due_step_label(it->step));
		ui_table_cell(h, ui_date_or(it->due, buf, sizeof(buf),
		    "Not known"));
		html_lit(h, "<td class=\"govuk-table__cell\">");
		switch (due_item_status(it, r->today)) {
		case DUE_OVERDUE:
			late = due_item_days_late(it, r->today);
			snprintf(tag, sizeof(tag), "Overdue by %d working "
			    "day%s", late, late == 1 ? "" : "s");
			ui_tag(h, tag, "red");
			break;
		case DUE_SOON:
			ui_tag(h, "Due soon", "yellow");
			break;
		default:
			ui_tag(h, "Due", "blue");
			break;
		}
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
	if (v->due_total > v->ndue) {
		snprintf(tag, sizeof(tag), "Showing the first %d of %d.",
		    v->ndue, v->due_total);
		ui_inset(h, tag);
	}
}

void
journey_section(struct req *r, struct html *h, const struct child_view *v,
    bool may_edit, bool print)
{
	const struct journey *j = v->j;
	char lines[STAGES_MAX][LINE_LEN], buf[40], href[96], title[120];
	struct next x[NEXT_MAX];
	int n;

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"journey\">Child "
	    "protection journey</h2>");
	if (j == NULL) {
		ui_para(h, "The journey could not be read.");
		return;
	}
	n = stage_lines(j, lines, STAGES_MAX);
	html_lit(h, "<div class=\"govuk-inset-text hearth-stage\">");
	for (int i = 0; i < n; i++) {
		html_lit(h, "<p class=\"govuk-body govuk-!-font-weight-bold\">");
		html_text(h, lines[i]);
		html_lit(h, "</p>");
	}
	html_lit(h, "</div>\n");
	due_table(r, h, v);
	if (may_edit && !print) {
		html_lit(h, "<h3 class=\"govuk-heading-s\">What can be "
		    "recorded next</h3>");
		n = next_steps(j, x);
		next_render(h, x, n);
	}
	for (int i = j->n_episodes - 1; i >= 0; i--) {
		const struct cin_episode *ep = &j->episodes[i];

		snprintf(title, sizeof(title), "Referral received %s",
		    ui_date_or(ep->referral_date, buf, sizeof(buf),
		    "on a date not known"));
		html_lit(h, "<h3 class=\"govuk-heading-s\">");
		html_text(h, title);
		html_lit(h, " ");
		ui_tag(h, cin_episode_is_open(ep) ? "Open" : "Closed",
		    cin_episode_is_open(ep) ? "green" : "grey");
		html_lit(h, "</h3>");
		/* The record's chronology holds every derived entry. */
		steps_table(h, j, v->chron, v->nchron, ep->id, print);
		if (!print) {
			snprintf(href, sizeof(href), "/children/%" PRId64
			    "/episodes/%" PRId64, v->id, ep->id);
			html_lit(h, "<p class=\"govuk-body\"><a class=\""
			    "govuk-link\"");
			html_attr(h, "href", href);
			html_lit(h, ">View this episode<span class=\"govuk-"
			    "visually-hidden\"> (");
			html_text(h, title);
			html_lit(h, ")</span></a></p>");
		}
	}
}

/* ================================================ the steps' own pages */

/* One step's page: what it needs loaded. */
struct vp {
	struct req *r;
	struct resp *w;
	int64_t child_id, ref_id;
	struct journey *j;
	char name[NAME_LEN];
	bool may_edit;
};

/* Gate (view), load the journey and audit: false when answered. */
static bool
vp_load(struct vp *v, struct req *r, struct resp *w)
{
	memset(v, 0, sizeof(*v));
	v->r = r;
	v->w = w;
	v->child_id = web_id(r, 0);
	v->ref_id = web_id(r, 1);
	if (!jgate(r, w, v->child_id, ACCESS_VIEW))
		return false;
	v->j = journey_new();
	if (!web_found(r, w, store_journey_load(r->st, v->child_id, v->j,
	    NULL)))
		return false;
	ui_full_name(v->name, v->j->child.given_name,
	    v->j->child.family_name);
	v->may_edit = may(r, v->child_id, ACCESS_EDIT);
	return true;
}

static void
vp_start(struct vp *v, const char *title)
{
	char back[96];

	snprintf(back, sizeof(back), "/children/%" PRId64 "#journey",
	    v->child_id);
	ui_page_start(v->r, v->w, title);
	ui_back_link(&v->w->body, back);
	ui_heading(&v->w->body, v->name, title);
}

/* A link to another page of this child's record. */
static void vlink(struct html *h, int64_t child, const char *text,
    const char *fmt, ...) HEARTH_PRINTF(4, 5);

static void
vlink(struct html *h, int64_t child, const char *text, const char *fmt, ...)
{
	char tail[120], href[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tail, sizeof(tail), fmt, ap);
	va_end(ap);
	snprintf(href, sizeof(href), "/children/%" PRId64 "/%s", child, tail);
	ui_link(h, href, text);
}

static void
get_episode(struct req *r, struct resp *w)
{
	const struct cin_episode *ep;
	const struct referral *rf;
	struct chronology_entry *e;
	struct html *h = &w->body;
	struct next x[NEXT_MAX];
	char buf[40], line[200];
	struct vp v;
	int n;

	if (!vp_load(&v, r, w))
		goto out;
	if ((ep = journey_episode(v.j, v.ref_id)) == NULL ||
	    (rf = journey_referral(v.j, v.ref_id)) == NULL) {
		web_not_found(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	snprintf(line, sizeof(line), "Referral received %s", ui_date_or(
	    ep->referral_date, buf, sizeof(buf), "on a date not known"));
	vp_start(&v, line);
	ui_summary_start(h);
	ui_summary_row(h, "Status", cin_episode_is_open(ep) ? "Open" :
	    "Closed");
	ui_summary_row(h, "Contact", ui_date_or(rf->contact_date, buf,
	    sizeof(buf), "The same day as the referral"));
	ui_summary_row(h, "Source", code_label(CODES_REFERRAL_SOURCE,
	    ep->referral_source));
	ui_summary_row(h, "Primary need", ep->primary_need[0] ? code_label(
	    CODES_PRIMARY_NEED, ep->primary_need) : "Not recorded");
	ui_summary_row(h, "Reason for the referral", rf->reason[0] ?
	    rf->reason : "Not recorded");
	if (rf->decision != DECISION_NONE) {
		snprintf(line, sizeof(line), "%s (%s)",
		    referral_decision_label(rf->decision), ui_date_or(
		    rf->decision_date, buf, sizeof(buf), "date not known"));
		ui_summary_row(h, "Decision", line);
	} else
		ui_summary_row(h, "Decision", "Not decided yet");
	if (!cin_episode_is_open(ep)) {
		snprintf(line, sizeof(line), "%s (%s)", ui_date_long(
		    ep->closure_date, buf, sizeof(buf)), ep->closure_reason[0] ?
		    code_label(CODES_CLOSURE_REASON, ep->closure_reason) :
		    "reason not recorded");
		ui_summary_row(h, "Closed", line);
	}
	ui_summary_end(h);
	if (v.may_edit && cin_episode_is_open(ep)) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">What can be "
		    "recorded next</h2>");
		next_render(h, x, next_steps(v.j, x));
	}
	html_lit(h, "<h2 class=\"govuk-heading-m\">Steps</h2>");
	e = journey_entries(v.j, &n);
	steps_table(h, v.j, e, n, ep->id, false);
	free(e);
	ui_page_end(r, w);
out:
	journey_free(v.j);
}

static void
get_assessment(struct req *r, struct resp *w)
{
	const struct assessment *a;
	struct html *h = &w->body;
	char buf[40], line[200];
	struct vp v;

	if (!vp_load(&v, r, w))
		goto out;
	if ((a = find_assessment(v.j, v.ref_id)) == NULL) {
		web_not_found(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	vp_start(&v, "Child and family assessment");
	ui_summary_start(h);
	ui_summary_row(h, "Started", date_long(a->start_date, buf,
	    sizeof(buf)));
	ui_summary_row(h, "Authorised", ui_date_or(a->authorised_date, buf,
	    sizeof(buf), "Not yet"));
	ui_summary_row(h, "Outcome", a->outcome == ASSESS_OPEN ?
	    "Not yet authorised" : assessment_outcome_label(a->outcome));
	if (a->due_date != HDAY_NONE)
		ui_summary_row(h, "Was due by", ui_date_long(a->due_date, buf,
		    sizeof(buf)));
	ui_summary_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Factors identified</h2>");
	if (a->n_factors == 0)
		ui_para(h, "None recorded.");
	else {
		html_lit(h, "<ul class=\"govuk-list govuk-list--bullet\">");
		for (int i = 0; i < a->n_factors; i++) {
			html_lit(h, "<li>");
			snprintf(line, sizeof(line), "%s (%s)", code_label(
			    CODES_ASSESSMENT_FACTOR, a->factors[i]),
			    a->factors[i]);
			html_text(h, line);
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>");
	}
	if (v.may_edit && a->outcome == ASSESS_OPEN) {
		html_lit(h, "<p class=\"govuk-body\">");
		vlink(h, v.child_id, "Authorise the assessment",
		    "assessments/%" PRId64 "/authorise", a->id);
		html_lit(h, "</p>");
	}
	ui_page_end(r, w);
out:
	journey_free(v.j);
}

static void
people_table(struct html *h, const struct journey_person *people, int n,
    const char *none)
{
	static const char *const cols[] = { "Name", "Agency or relationship",
		"Role" };

	if (n == 0) {
		ui_para(h, none);
		return;
	}
	ui_table_start(h, NULL, cols, 3);
	for (int i = 0; i < n; i++) {
		ui_table_row_start(h);
		ui_table_cell(h, people[i].name);
		ui_table_cell(h, people[i].agency);
		ui_table_cell(h, people[i].role);
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
get_strategy(struct req *r, struct resp *w)
{
	const struct strategy *s;
	struct html *h = &w->body;
	char buf[40];
	struct vp v;

	if (!vp_load(&v, r, w))
		goto out;
	if ((s = journey_strategy(v.j, v.ref_id)) == NULL) {
		web_not_found(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	vp_start(&v, "Strategy discussion");
	ui_summary_start(h);
	ui_summary_row(h, "Held", date_long(s->held_date, buf, sizeof(buf)));
	ui_summary_row(h, "Section 47 enquiry", s->s47 ? "Decided to start "
	    "one" : "Decided not to start one");
	ui_summary_row(h, "Notes", s->note[0] ? s->note : "None");
	ui_summary_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Who took part</h2>");
	people_table(h, s->people, s->n_people, "Nobody is recorded.");
	if (v.may_edit && s->s47 && !s47_started_from(v.j, s->id)) {
		html_lit(h, "<p class=\"govuk-body\">");
		vlink(h, v.child_id, "Start the section 47 enquiry", "s47/new");
		html_lit(h, "</p>");
	}
	ui_page_end(r, w);
out:
	journey_free(v.j);
}

static void
get_s47(struct req *r, struct resp *w)
{
	const struct s47 *s;
	const struct strategy *st;
	struct html *h = &w->body;
	char buf[40];
	struct vp v;

	if (!vp_load(&v, r, w))
		goto out;
	if ((s = journey_s47(v.j, v.ref_id)) == NULL) {
		web_not_found(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	st = journey_s47_strategy(v.j, s);
	vp_start(&v, "Section 47 enquiry");
	ui_summary_start(h);
	ui_summary_row(h, "Started", date_long(s->start_date, buf,
	    sizeof(buf)));
	ui_summary_row(h, "Started after the strategy discussion on",
	    st != NULL ? ui_date_long(st->held_date, buf, sizeof(buf)) :
	    "Not recorded");
	ui_summary_row(h, "Outcome", s->outcome == S47_OPEN ? "Not yet "
	    "completed" : s47_outcome_label(s->outcome));
	if (s->outcome != S47_OPEN)
		ui_summary_row(h, "Completed", date_long(s->outcome_date, buf,
		    sizeof(buf)));
	ui_summary_end(h);
	html_lit(h, "<p class=\"govuk-body\">");
	if (st != NULL) {
		vlink(h, v.child_id, "View the strategy discussion",
		    "strategy/%" PRId64, st->id);
		html_lit(h, "</p><p class=\"govuk-body\">");
	}
	if (v.may_edit && s->outcome == S47_OPEN)
		vlink(h, v.child_id, "Record the outcome", "s47/%" PRId64
		    "/outcome", s->id);
	html_lit(h, "</p>");
	ui_page_end(r, w);
out:
	journey_free(v.j);
}

static void
get_conference(struct req *r, struct resp *w)
{
	static const char *const cols[] = { "Child", "Decision", "Details" };
	const struct conference *c;
	struct html *h = &w->body;
	struct fp *chairs = NULL;
	char buf[40], line[300], name[NAME_LEN], cat[80];
	struct vp v;

	if (!vp_load(&v, r, w))
		goto out;
	if ((c = find_conference(v.j, v.ref_id)) == NULL) {
		web_not_found(r, w);
		goto out;
	}
	chairs = xcalloc(1, sizeof(*chairs));
	chairs->r = r;
	if (!load_chairs(chairs)) {
		web_unavailable(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	vp_start(&v, conference_kind_label(c->kind));
	ui_summary_start(h);
	if (c->kind == CONF_TRANSFER_IN)
		ui_summary_row(h, "We were told", date_long(c->notified_date,
		    buf, sizeof(buf)));
	ui_summary_row(h, "Held", date_long(c->held_date, buf, sizeof(buf)));
	ui_summary_row(h, "Chair", c->chair_id > 0 && chair_name(chairs,
	    c->chair_id) != NULL ? chair_name(chairs, c->chair_id) :
	    "Not recorded");
	ui_summary_row(h, "Notes", c->note[0] ? c->note : "None");
	ui_summary_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Decisions</h2>");
	ui_table_start(h, NULL, cols, 3);
	for (int i = 0; i < c->n_children; i++) {
		const struct conference_child *cc = &c->children[i];
		struct child other;

		ui_table_row_start(h);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		if (cc->child_id == v.child_id)
			html_text(h, v.name);
		else if (may(r, cc->child_id, ACCESS_VIEW) &&
		    store_child_get(r->st, cc->child_id, &other) == HERR_OK) {
			ui_full_name(name, other.given_name, other.family_name);
			snprintf(line, sizeof(line), "/children/%" PRId64,
			    cc->child_id);
			ui_link(h, line, name);
		} else
			html_lit(h, "Another child");
		html_lit(h, "</td>");
		ui_table_cell(h, conference_decision_label(cc->decision));
		line[0] = '\0';
		if (cc->decision == CDEC_PLAN || cc->decision == CDEC_CONTINUE) {
			text_cut(cat, sizeof(cat), abuse_category_label(
			    cc->category));
			snprintf(line, sizeof(line), "Category: %s", cat);
		} else if (cc->decision == CDEC_END)
			snprintf(line, sizeof(line), "%s.%s",
			    plan_end_reason_label(cc->end_reason),
			    cc->step_down ? " A child in need plan starts." :
			    "");
		ui_table_cell(h, line);
		ui_table_row_end(h);
	}
	ui_table_end(h);
	for (int i = 0; i < c->n_children; i++)
		if (c->children[i].child_id == v.child_id &&
		    c->children[i].plan_id > 0) {
			html_lit(h, "<p class=\"govuk-body\">");
			vlink(h, v.child_id, "View the child protection plan",
			    "plans/%" PRId64, c->children[i].plan_id);
			html_lit(h, "</p>");
		}
	ui_page_end(r, w);
out:
	free(chairs);
	journey_free(v.j);
}

static void
get_plan(struct req *r, struct resp *w)
{
	static const char *const titles[PLAN__COUNT] = {
		[PLAN_CP] = "Child protection plan",
		[PLAN_CIN] = "Child in need plan",
		[PLAN_LAC] = "Looked-after episode",
	};
	static const char *const cols[] = { "Date", "What", "Child seen",
		"Notes" };
	const struct plan *pl;
	const struct lac_code *list;
	struct html *h = &w->body;
	char buf[40], cat[80];
	int shown = 0, nl;
	bool open;
	struct vp v;

	if (!vp_load(&v, r, w))
		goto out;
	if ((pl = journey_plan(v.j, v.ref_id)) == NULL ||
	    (unsigned)pl->kind >= PLAN__COUNT) {
		web_not_found(r, w);
		goto out;
	}
	if (!audit_view(r, w, v.child_id))
		goto out;
	open = pl->end_date == HDAY_NONE;
	vp_start(&v, titles[pl->kind]);
	ui_summary_start(h);
	ui_summary_row(h, "Started", date_long(pl->start_date, buf,
	    sizeof(buf)));
	ui_summary_row(h, "Ended", ui_date_or(pl->end_date, buf, sizeof(buf),
	    "Not ended"));
	if (pl->kind == PLAN_CP) {
		text_cut(cat, sizeof(cat), abuse_category_label(
		    pl->initial_category));
		ui_summary_row(h, "Category at the start", cat);
		text_cut(cat, sizeof(cat), abuse_category_label(
		    pl->latest_category));
		ui_summary_row(h, "Latest category", cat);
		if (!open)
			ui_summary_row(h, "Why it ended", plan_end_reason_label(
			    pl->end_reason));
	} else if (pl->kind == PLAN_LAC) {
		list = lac_legal_statuses(&nl);
		ui_summary_row(h, "Legal status", lac_label(list, nl,
		    pl->legal_status));
		list = lac_placements(&nl);
		ui_summary_row(h, "Placement", lac_label(list, nl,
		    pl->placement));
		ui_summary_row(h, "Meant to last until 18", pl->long_term ?
		    "Yes" : "No");
		if (!open) {
			list = lac_end_reasons(&nl);
			ui_summary_row(h, "Why it ended", pl->lac_end_reason[0] ?
			    lac_label(list, nl, pl->lac_end_reason) :
			    "Not recorded");
		}
	}
	ui_summary_end(h);
	if (pl->conference_id > 0) {
		html_lit(h, "<p class=\"govuk-body\">");
		vlink(h, v.child_id, "View the conference that started it",
		    "conferences/%" PRId64, pl->conference_id);
		html_lit(h, "</p>");
	}
	if (v.may_edit && open) {
		html_lit(h, "<div class=\"govuk-button-group\">");
		if (pl->kind == PLAN_CP || pl->kind == PLAN_CIN) {
			snprintf(cat, sizeof(cat), "plans/%" PRId64
			    "/events/new?kind=visit", pl->id);
			vlink(h, v.child_id, "Record a visit", "%s", cat);
		}
		if (pl->kind == PLAN_CP) {
			vlink(h, v.child_id, "Record a core group meeting",
			    "plans/%" PRId64 "/events/new?kind=core-group",
			    pl->id);
			vlink(h, v.child_id, "Record a review conference",
			    "conferences/new?kind=rcpc");
			vlink(h, v.child_id, "Change the core group members",
			    "plans/%" PRId64 "/core-group", pl->id);
			vlink(h, v.child_id, "End the plan without a "
			    "conference", "plans/%" PRId64 "/end", pl->id);
		} else if (pl->kind == PLAN_CIN) {
			vlink(h, v.child_id, "Record a child in need review",
			    "plans/%" PRId64 "/events/new?kind=cin-review",
			    pl->id);
			vlink(h, v.child_id, "End the plan", "plans/%" PRId64
			    "/end", pl->id);
		} else {
			vlink(h, v.child_id, "Record a looked-after review",
			    "plans/%" PRId64 "/events/new?kind=lac-review",
			    pl->id);
			vlink(h, v.child_id, "Record a looked-after visit",
			    "plans/%" PRId64 "/events/new?kind=lac-visit",
			    pl->id);
			vlink(h, v.child_id, "End the looked-after episode",
			    "plans/%" PRId64 "/end", pl->id);
		}
		html_lit(h, "</div>\n");
	}
	if (pl->kind == PLAN_CP) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Core group</h2>");
		people_table(h, pl->core_group, pl->n_core_group, "No core "
		    "group members are recorded.");
	}
	html_lit(h, "<h2 class=\"govuk-heading-m\">Visits, meetings and "
	    "reviews</h2>");
	for (int i = 0; i < v.j->n_events; i++) {
		const struct plan_event *e = &v.j->events[i];

		if (e->plan_id != pl->id)
			continue;
		if (shown++ == 0)
			ui_table_start(h, NULL, cols, 4);
		html_lit(h, "<tr class=\"govuk-table__row\"");
		html_attrf(h, "id", "event-%" PRId64, e->id);
		html_lit(h, ">");
		ui_table_cell(h, date_long(e->held_date, buf, sizeof(buf)));
		ui_table_cell(h, event_kind_label(e->kind));
		ui_table_cell(h, e->kind != EVENT_VISIT &&
		    e->kind != EVENT_LAC_VISIT ? "" : e->seen_alone ?
		    "Seen alone" : e->seen ? "Seen, not alone" : "Not seen");
		ui_table_cell(h, e->note);
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "None recorded yet.");
	ui_page_end(r, w);
out:
	journey_free(v.j);
}

/* ------------------------------------------------------------- routes */

#define STEP_HANDLERS(name, form)					\
static void								\
get_##name(struct req *r, struct resp *w)				\
{									\
	step_get(r, w, &(form));					\
}									\
static void								\
post_##name(struct req *r, struct resp *w)				\
{									\
	step_post(r, w, &(form));					\
}

STEP_HANDLERS(referral, referral_form)
STEP_HANDLERS(decision, decision_form)
STEP_HANDLERS(close, close_form)
STEP_HANDLERS(assessment_new, assessment_form)
STEP_HANDLERS(authorise, authorise_form)
STEP_HANDLERS(strategy_new, strategy_form)
STEP_HANDLERS(s47_new, s47_form)
STEP_HANDLERS(outcome, outcome_form)
STEP_HANDLERS(conference_new, conference_form)
STEP_HANDLERS(cin_plan, cin_plan_form)
STEP_HANDLERS(end, end_form)
STEP_HANDLERS(event, event_form)
STEP_HANDLERS(core, core_form)
STEP_HANDLERS(lac, lac_form)

const struct route page_journey_routes[] = {
	{ "GET", "/children/{id}/referrals/new", get_referral, 0 },
	{ "POST", "/children/{id}/referrals/new", post_referral, 0 },
	{ "GET", "/children/{id}/episodes/{id}", get_episode, 0 },
	{ "GET", "/children/{id}/episodes/{id}/decision", get_decision, 0 },
	{ "POST", "/children/{id}/episodes/{id}/decision", post_decision, 0 },
	{ "GET", "/children/{id}/episodes/{id}/close", get_close, 0 },
	{ "POST", "/children/{id}/episodes/{id}/close", post_close, 0 },
	{ "GET", "/children/{id}/assessments/new", get_assessment_new, 0 },
	{ "POST", "/children/{id}/assessments/new", post_assessment_new, 0 },
	{ "GET", "/children/{id}/assessments/{id}", get_assessment, 0 },
	{ "GET", "/children/{id}/assessments/{id}/authorise", get_authorise,
	    0 },
	{ "POST", "/children/{id}/assessments/{id}/authorise",
	    post_authorise, 0 },
	{ "GET", "/children/{id}/strategy/new", get_strategy_new, 0 },
	{ "POST", "/children/{id}/strategy/new", post_strategy_new, 0 },
	{ "GET", "/children/{id}/strategy/{id}", get_strategy, 0 },
	{ "GET", "/children/{id}/s47/new", get_s47_new, 0 },
	{ "POST", "/children/{id}/s47/new", post_s47_new, 0 },
	{ "GET", "/children/{id}/s47/{id}", get_s47, 0 },
	{ "GET", "/children/{id}/s47/{id}/outcome", get_outcome, 0 },
	{ "POST", "/children/{id}/s47/{id}/outcome", post_outcome, 0 },
	{ "GET", "/children/{id}/conferences/new", get_conference_new, 0 },
	{ "POST", "/children/{id}/conferences/new", post_conference_new, 0 },
	{ "GET", "/children/{id}/conferences/{id}", get_conference, 0 },
	{ "GET", "/children/{id}/plans/new", get_cin_plan, 0 },
	{ "POST", "/children/{id}/plans/new", post_cin_plan, 0 },
	{ "GET", "/children/{id}/plans/{id}", get_plan, 0 },
	{ "GET", "/children/{id}/plans/{id}/end", get_end, 0 },
	{ "POST", "/children/{id}/plans/{id}/end", post_end, 0 },
	{ "GET", "/children/{id}/plans/{id}/events/new", get_event, 0 },
	{ "POST", "/children/{id}/plans/{id}/events/new", post_event, 0 },
	{ "GET", "/children/{id}/plans/{id}/core-group", get_core, 0 },
	{ "POST", "/children/{id}/plans/{id}/core-group", post_core, 0 },
	{ "GET", "/children/{id}/looked-after/new", get_lac, 0 },
	{ "POST", "/children/{id}/looked-after/new", post_lac, 0 },
	{ NULL, NULL, NULL, 0 },
};
