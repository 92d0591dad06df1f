/*
 * page_child.c: the child's record, the heart of hearth, and every change
 * made from it: details, relationships, allocated workers, the chronology,
 * breaking the glass on a restricted record, and who has viewed it.
 *
 * Every handler first asks web_child_access for the operation it performs.
 * A denial is answered exactly as a missing record is (web_not_found), so a
 * page never tells anyone a child exists; a restricted record the user has
 * a reason to see gets the break-glass page instead.  A page that shows case
 * content is audited (web_audit) before a byte of it is written, and is not
 * sent if the audit row could not be made durable.  An edit, its version
 * check and its audit row commit in one transaction, so no change goes
 * unrecorded and nobody silently overwrites someone else's.
 *
 * Forms are checked against allow-lists (form_check): an unknown field is a
 * request no page of ours sends (400); any other problem re-shows the form
 * with the person's input and the GOV.UK error summary (422).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/codes.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_directory.h"
#include "web/child_view.h"
#include "web/page_journey.h"
#include "web/page_meeting.h"
#include "web/page_sos.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define MAX_ERRORS 12
#define STAFF_PICK_MAX 500
#define WHO_VIEWED_MAX 500
#define NAME_LEN (2 * PERSON_NAME_MAX + 2)
#define SHARES_MAX 50
#define NAMED_MAX 100
#define AGENCIES_MAX 200

/* ------------------------------------------------------------ helpers */

/* Copy for display: shortened (at a character boundary) if need be. */
static void
copy(char *dst, size_t cap, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static const char *
code_label(enum code_list l, const char *code)
{
	const struct code *c = codes_find(l, code);

	return c != NULL ? c->label : code;
}

static const char *
sex_label(char sex)
{
	return sex == 'M' ? "Male" : sex == 'F' ? "Female" : "Not known";
}

/* A form value as a date (already validated); HDAY_NONE when empty. */
static hday
form_day(const char *v)
{
	hday d;

	if (v == NULL || v[0] == '\0' || hdate_parse(v, &d, NULL, NULL) !=
	    HERR_OK)
		return HDAY_NONE;
	return d;
}

static int64_t
form_id(const char *v)
{
	char *end;
	long long x;

	if (v == NULL || v[0] == '\0')
		return 0;
	x = strtoll(v, &end, 10);
	return *end == '\0' && x > 0 ? (int64_t)x : 0;
}

/* Whether the body holds a field the handler did not declare. */
static bool
unknown_field(const struct form *f, const struct form_field *fields, int n)
{
	for (int i = 0; i < f->n; i++) {
		int k;

		for (k = 0; k < n; k++)
			if (strcmp(f->pair[i].name, fields[k].name) == 0)
				break;
		if (k == n)
			return true;
	}
	return false;
}

/*
 * Check the body against `fields`: true when it passed.  Otherwise either
 * the request has been answered (400 for an unknown field: *answered) or
 * diags and e hold the problems, for the form to be shown again.
 */
static bool
check_body(struct req *r, struct resp *w, const struct form_field *fields,
    int n, struct hdiag *diags, struct ui_errors *e, bool *answered)
{
	int nbad = 0;

	*answered = false;
	e->d = diags;
	e->n = 0;
	if (form_check(&r->body, fields, n, diags, MAX_ERRORS, &nbad) ==
	    HERR_OK)
		return true;
	if (unknown_field(&r->body, fields, n)) {
		web_bad_request(r, w, "The form sent a field this page does "
		    "not accept. Go back, reload the page and try again.");
		*answered = true;
		return false;
	}
	e->n = nbad;
	return false;
}

/* Add one more problem to e, whose diags (MAX_ERRORS of them) are
 * `diags`. */
static void
add_error(struct hdiag *diags, struct ui_errors *e, const struct hdiag *d)
{
	if (e->n < MAX_ERRORS)
		diags[e->n++] = *d;
	e->d = diags;
}

/* A choice's validation: HERR_OK when v is one of them (`ok`), else the
 * message asking for one. */
static enum herr
choice(bool ok, const char *v, struct hdiag *d, const char *msg)
{
	return ok ? HERR_OK : hdiag_set(d, HERR_INVALID, NULL, v, "%s", msg);
}

static enum herr
valid_sex(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	return choice(strcmp(v, "M") == 0 || strcmp(v, "F") == 0 ||
	    strcmp(v, "U") == 0, v, d, "Select male, female or not known");
}

static enum herr
valid_ethnicity(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	return choice(codes_find(CODES_ETHNICITY, v) != NULL, v, d,
	    "Select an ethnicity from the list");
}

static enum herr
valid_upn_unknown(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	return choice(codes_find(CODES_UPN_UNKNOWN, v) != NULL, v, d,
	    "Select a reason from the list");
}

static enum herr
valid_category(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	return choice(chronology_category_valid(v), v, d, "Select a category "
	    "from the list");
}

static enum herr
valid_relation(const char *v, const char *label, struct hdiag *d)
{
	enum relation k;

	(void)label;
	return choice(relation_parse(v, &k, NULL, NULL) == HERR_OK, v, d,
	    "Select a relationship from the list");
}

static enum herr
valid_person(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	return choice(strcmp(v, "new") == 0 || form_id(v) > 0, v, d,
	    "Select who the relationship is with");
}

/* Copy `v` without the spaces and line breaks a textarea leaves at either
 * end (people type them; text_check rightly refuses them in stored text). */
static void
trimmed(char *dst, size_t cap, const char *v)
{
	size_t n;

	while (*v == ' ' || *v == '\n' || *v == '\r' || *v == '\t')
		v++;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\n' ||
	    v[n - 1] == '\r' || v[n - 1] == '\t'))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* A break-glass reason: at least 10 characters once trimmed, several lines
 * allowed (the schema's CHECK agrees). */
static enum herr
valid_reason(const char *v, const char *label, struct hdiag *d)
{
	char t[AUDIT_REASON_MAX + 1];
	size_t chars = 0;
	enum herr e;

	(void)label;
	trimmed(t, sizeof(t), v);
	if ((e = text_check("reason", "Your reason", t, AUDIT_REASON_MAX,
	    TEXT_REQUIRED | TEXT_MULTILINE, d)) != HERR_OK)
		return e;
	for (const char *p = t; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars < 10)
		return hdiag_set(d, HERR_INVALID, NULL, "", "Your reason must "
		    "be at least 10 characters");
	return HERR_OK;
}

/* A chronology summary, trimmed as it will be stored. */
static enum herr
valid_summary(const char *v, const char *label, struct hdiag *d)
{
	char t[CHRONOLOGY_SUMMARY_MAX + 1];

	(void)label;
	trimmed(t, sizeof(t), v);
	return text_check("summary", "What happened", t,
	    CHRONOLOGY_SUMMARY_MAX, TEXT_REQUIRED | TEXT_MULTILINE, d);
}

/* Append this request's audit row and commit; rolls back and answers 503
 * when either fails. */
static bool
audit_commit(struct req *r, struct resp *w, enum audit_action action,
    int64_t child_id, const char *reason)
{
	struct audit_row row;

	web_audit_row(r, &row, action, SUBJECT_CHILD, child_id, reason);
	if (store_audit_append(r->st, &row, 1) != HERR_OK ||
	    store_commit(r->st) != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return false;
	}
	return true;
}

/* Audit a view (or print) before showing case content; answers 503 when
 * it could not be recorded. */
static bool
audit_view(struct req *r, struct resp *w, enum audit_action a, int64_t id)
{
	if (web_audit(r, a, SUBJECT_CHILD, id, NULL))
		return true;
	web_unavailable(r, w);
	return false;
}

/*
 * The end of an edit begun with web_begin() whose writes gave x: on success
 * its audit row (`action` on child `id`) and the commit, then a redirect
 * to the record with ?saved=`saved`; otherwise it is rolled back.  True
 * when the request has been answered (that redirect, or 503); false for a
 * problem with the input (HERR_INVALID), for the form to be shown again.
 */
static bool
finish_edit(struct req *r, struct resp *w, enum herr x,
    enum audit_action action, int64_t id, const char *saved)
{
	if (x == HERR_OK) {
		if (audit_commit(r, w, action, id, NULL))
			web_redirect(w, "/children/%" PRId64 "?saved=%s", id,
			    saved);
		return true;
	}
	store_rollback(r->st);
	if (x == HERR_INVALID)
		return false;
	web_unavailable(r, w);
	return true;
}

/* -------------------------------------------------- break the glass */

static void
glass_page(struct req *r, struct resp *w, int64_t id,
    const struct ui_errors *e, const char *reason)
{
	struct html *h = &w->body;
	char action[64];

	w->status = e != NULL && e->n > 0 ? 422 : 403;
	ui_page_start_errors(r, w, "This record is restricted", e);
	ui_back_link(h, "/");
	ui_heading(h, NULL, "This record is restricted");
	html_lit(h, "<div class=\"hearth-restricted\">");
	ui_para(h, "Access to this child's record is limited to the people "
	    "named on it. You can still open it if you need to, for example "
	    "to keep a child safe, but you must give your reason first.");
	ui_para(h, "Your name, your reason and the time are recorded, and a "
	    "manager will review them. You will be able to see the record "
	    "for the next 8 hours.");
	html_lit(h, "</div>");
	snprintf(action, sizeof(action), "/children/%" PRId64 "/break-glass",
	    id);
	ui_form_start(r, h, action);
	ui_textarea(h, e, "reason", "Why do you need to see this record?",
	    "At least 10 characters. Say what you need it for, not just "
	    "your role.", reason);
	ui_button(h, "Continue and record my reason");
	ui_form_end(h);
	ui_page_end(r, w);
}

/*
 * Decide `op` on child `id`: true when allowed.  Otherwise the request
 * has been answered: 404 for a denial (as for a missing record), or the
 * break-glass page for a restricted record the user has a reason to see.
 */
static bool
gate(struct req *r, struct resp *w, int64_t id, enum access_op op,
    enum access_basis *basis)
{
	switch (web_child_access(r, id, op, basis)) {
	case ACCESS_ALLOW:
		return true;
	case ACCESS_NEEDS_GLASS:
		glass_page(r, w, id, NULL, "");
		return false;
	default:
		web_not_found(r, w);
		return false;
	}
}

static bool
allowed(struct req *r, int64_t id, enum access_op op)
{
	return web_child_access(r, id, op, NULL) == ACCESS_ALLOW;
}

static const struct form_field glass_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "reason", "Your reason", true, false, valid_reason,
	    AUDIT_REASON_MAX },
};

static void
get_glass(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);

	if (web_child_access(r, id, ACCESS_VIEW, NULL) != ACCESS_NEEDS_GLASS) {
		web_not_found(r, w);
		return;
	}
	glass_page(r, w, id, NULL, "");
}

static void
post_glass(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS];
	struct ui_errors e = { diags, 0 };
	int64_t id = web_id(r, 0);
	char reason[AUDIT_REASON_MAX + 1];
	bool answered;

	if (web_child_access(r, id, ACCESS_VIEW, NULL) != ACCESS_NEEDS_GLASS) {
		web_not_found(r, w);
		return;
	}
	if (!check_body(r, w, glass_fields, NFIELDS(glass_fields), diags, &e,
	    &answered)) {
		if (!answered)
			glass_page(r, w, id, &e, nz(form_get(&r->body,
			    "reason")));
		return;
	}
	trimmed(reason, sizeof(reason), form_get(&r->body, "reason"));
	if (!web_begin(r, w))
		return;
	if (store_break_glass_add(r->st, r->who.staff_id, id, reason, r->now,
	    r->now + ACCESS_GLASS_SECONDS) != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return;
	}
	if (!audit_commit(r, w, AUDIT_BREAK_GLASS, id, reason))
		return;
	web_redirect(w, "/children/%" PRId64 "?saved=glass", id);
}

/* ------------------------------------------------------- the record */

/* The record as this page shows it: what it holds, and what the user may
 * do from it. */
struct view {
	struct child_view rec;
	enum access_basis basis;
	bool may_edit, may_note, may_print, may_audit, may_share;
	struct store_share shares[SHARES_MAX];
	int nshares, shares_total;
	struct store_staff_pick named[NAMED_MAX];
	int nnamed, named_total;
};

/* What the chronology form holds when it is shown again. */
struct chron_input {
	const char *date, *category, *summary;
};

static enum herr
load_view(struct req *r, int64_t id, struct view *v)
{
	enum herr e;

	if ((e = child_view_load(r, id, &v->rec)) != HERR_OK)
		return e;
	v->may_edit = allowed(r, id, ACCESS_EDIT);
	v->may_note = allowed(r, id, ACCESS_NOTE);
	v->may_print = allowed(r, id, ACCESS_PRINT);
	v->may_audit = access_audit_view(&r->who);
	v->may_share = allowed(r, id, ACCESS_SHARE);
	v->nnamed = v->named_total = 0;
	if ((e = store_child_shares(r->st, id, r->today, v->shares,
	    SHARES_MAX, &v->nshares, &v->shares_total)) != HERR_OK)
		return e;
	if (v->may_share && v->rec.restricted && (e =
	    store_restriction_named(r->st, id, r->today, v->named, NAMED_MAX,
	    &v->nnamed, &v->named_total)) != HERR_OK)
		return e;
	return HERR_OK;
}

static void
saved_banner(struct req *r, struct html *h)
{
	static const struct {
		const char *key, *title;
	} msgs[] = {
		{ "created", "Child's record created" },
		{ "details", "Details saved" },
		{ "relationship", "Relationship added" },
		{ "allocation", "Worker allocated" },
		{ "ended", "Allocation ended" },
		{ "chronology", "Added to the chronology" },
		{ "glass", "Your reason has been recorded" },
		{ "shared", "Record shared" },
		{ "restricted", "Record restricted" },
	};
	const char *s = form_get(&r->query, "saved");

	for (size_t i = 0; s != NULL && i < sizeof(msgs) / sizeof(msgs[0]);
	    i++)
		if (strcmp(s, msgs[i].key) == 0)
			ui_success(h, msgs[i].title, NULL);
	/* A step of the child protection journey. */
	if (journey_saved_title(s) != NULL)
		ui_success(h, journey_saved_title(s), NULL);
	/* Signs of Safety: direct work with the child. */
	if (sos_saved_title(s) != NULL)
		ui_success(h, sos_saved_title(s), NULL);
	if (meeting_saved_title(s) != NULL)
		ui_success(h, meeting_saved_title(s), NULL);
}

static void
truncated(struct html *h, int shown, int total, const char *what)
{
	char msg[160];

	if (total <= shown)
		return;
	snprintf(msg, sizeof(msg), "Showing the first %d of %d %s.", shown,
	    total, what);
	ui_inset(h, msg);
}

/* Text with its line breaks kept. */
static void
lines(struct html *h, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		size_t n = (size_t)(nl - s);

		if (n > 0 && s[n - 1] == '\r')
			n--;
		html_textn(h, s, n);
		html_lit(h, "<br>");
		s = nl + 1;
	}
	html_text(h, s);
}

static void
cell_start(struct html *h)
{
	html_lit(h, "<td class=\"govuk-table__cell\">");
}

static void
cell_end(struct html *h)
{
	html_lit(h, "</td>");
}

static void
household_link(struct html *h, int64_t hh, const char *name)
{
	char href[48];

	snprintf(href, sizeof(href), "/families/%" PRId64, hh);
	ui_link(h, href, name);
}

static void
details_section(struct req *r, struct html *h, const struct child_view *v)
{
	const struct child *c = &v->c;
	char name[NAME_LEN], buf[64], val[400], when[40];

	ui_full_name(name, c->given_name, c->family_name);
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"details\">Details"
	    "</h2>");
	ui_summary_start(h);
	ui_summary_row(h, "Name", name);
	ui_summary_row(h, "LA child id", c->la_child_id);
	if (c->birth_date != HDAY_NONE) {
		snprintf(val, sizeof(val), "%s (age %d)", ui_date_long(
		    c->birth_date, buf, sizeof(buf)), hdate_age_years(
		    c->birth_date, c->death_date != HDAY_NONE ? c->death_date :
		    r->today));
		ui_summary_row(h, "Date of birth", val);
	} else
		ui_summary_row(h, "Date of birth", "Not born yet");
	if (c->expected_birth_date != HDAY_NONE)
		ui_summary_row(h, "Expected date of birth", ui_date_long(
		    c->expected_birth_date, buf, sizeof(buf)));
	if (c->death_date != HDAY_NONE)
		ui_summary_row(h, "Date of death", ui_date_long(c->death_date,
		    buf, sizeof(buf)));
	ui_summary_row(h, "Sex", sex_label(c->sex));
	ui_summary_row(h, "Ethnicity", code_label(CODES_ETHNICITY,
	    c->ethnicity));
	if (c->upn[0] != '\0')
		ui_summary_row(h, "Unique pupil number (UPN)", c->upn);
	else if (c->upn_unknown[0] != '\0') {
		snprintf(val, sizeof(val), "Not known: %s",
		    code_label(CODES_UPN_UNKNOWN, c->upn_unknown));
		ui_summary_row(h, "Unique pupil number (UPN)", val);
	} else
		ui_summary_row(h, "Unique pupil number (UPN)", "Not known");
	if (c->former_upn[0] != '\0')
		ui_summary_row(h, "Former UPN", c->former_upn);
	val[0] = '\0';
	for (int i = 0; i < c->n_disabilities; i++) {
		size_t n = strlen(val);

		snprintf(val + n, sizeof(val) - n, "%s%s", i ? ", " : "",
		    code_label(CODES_DISABILITY, c->disabilities[i]));
	}
	ui_summary_row(h, "Disabilities", val[0] ? val : "None recorded");
	if (v->changed.at > 0) {
		snprintf(val, sizeof(val), "%s by %s", ui_time(v->changed.at,
		    when, sizeof(when)), v->changed.by_name[0] ?
		    v->changed.by_name : "someone not recorded");
		ui_summary_row(h, "Details last changed", val);
	}
	ui_summary_end(h);
}

static void
family_section(struct req *r, struct html *h, const struct child_view *v,
    bool print)
{
	static const char *const hh_cols[] = { "Household", "Postcode",
		"Lived there from", "Until" };
	static const char *const rel_cols[] = { "Name", "Relationship to the "
		"child", "Parental responsibility", "Lives in" };
	char buf[40], name[NAME_LEN], href[48];

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"family\">Family and "
	    "relationships</h2>");
	if (v->nhh == 0)
		ui_para(h, "This child is not recorded as living in any "
		    "household.");
	else {
		ui_table_start(h, "Households", hh_cols, 4);
		for (int i = 0; i < v->nhh; i++) {
			const struct store_member *m = &v->hh[i];

			ui_table_row_start(h);
			cell_start(h);
			if (print)
				html_text(h, m->household_name);
			else
				household_link(h, m->household_id,
				    m->household_name);
			cell_end(h);
			ui_table_cell(h, m->postcode[0] ? m->postcode :
			    "Not known");
			ui_table_cell(h, ui_date_or(m->start_date, buf, sizeof(buf),
			    "Not known"));
			ui_table_cell(h, ui_date_or(m->end_date, buf, sizeof(buf),
			    "Now"));
			ui_table_row_end(h);
		}
		ui_table_end(h);
		truncated(h, v->nhh, v->hh_total, "households");
	}
	if (v->nrel == 0) {
		ui_para(h, "No relationships are recorded.");
		return;
	}
	ui_table_start(h, "People in the child's life", rel_cols, 4);
	for (int i = 0; i < v->nrel; i++) {
		const struct store_relative *x = &v->rel[i];
		bool ended = x->end_date != HDAY_NONE &&
		    x->end_date < r->today;

		ui_table_row_start(h);
		cell_start(h);
		if (!v->rel_shown[i])
			html_lit(h, "Another child");
		else {
			ui_full_name(name, x->given_name, x->family_name);
			if (x->is_child && !print) {
				snprintf(href, sizeof(href), "/children/%"
				    PRId64, x->person_id);
				ui_link(h, href, name);
			} else
				html_text(h, name);
		}
		cell_end(h);
		cell_start(h);
		html_text(h, x->reverse ? relation_inverse_label(x->kind) :
		    relation_label(x->kind));
		if (ended) {
			html_lit(h, " ");
			ui_tag(h, "Ended", "grey");
		}
		cell_end(h);
		if (x->reverse)
			ui_table_cell(h, x->parental_responsibility ?
			    "The child holds it for them" : "No");
		else
			ui_table_cell(h, x->parental_responsibility ? "Yes" :
			    "No");
		cell_start(h);
		if (!v->rel_shown[i] || x->household_id <= 0)
			html_lit(h, "Not known");
		else if (print)
			html_text(h, x->household_name);
		else
			household_link(h, x->household_id, x->household_name);
		cell_end(h);
		ui_table_row_end(h);
	}
	ui_table_end(h);
	truncated(h, v->nrel, v->rel_total, "relationships");
}

/* The allocations; `end_buttons` adds a column of "End allocation"
 * buttons. */
static void
workers_section(struct req *r, struct html *h, const struct child_view *v,
    bool end_buttons)
{
	static const char *const cols[] = { "Worker", "Role", "Team",
		"Allocated to", "From", "To", "" };
	char buf[40], action[96], ver[24];
	int ncols = end_buttons ? 7 : 6;

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"workers\">Allocated "
	    "workers</h2>");
	if (v->nal == 0) {
		ui_para(h, "No workers have been allocated.");
		return;
	}
	ui_table_start(h, NULL, cols, ncols);
	for (int i = 0; i < v->nal; i++) {
		const struct store_allocation *a = &v->al[i];
		bool current = a->a.end_date == HDAY_NONE;

		ui_table_row_start(h);
		ui_table_cell(h, a->staff_name);
		ui_table_cell(h, role_label(a->role));
		ui_table_cell(h, a->team_name[0] ? a->team_name : "Not known");
		ui_table_cell(h, a->a.household_id > 0 ? a->household_name :
		    "This child");
		ui_table_cell(h, ui_date_or(a->a.start_date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, ui_date_or(a->a.end_date, buf, sizeof(buf), "Now"));
		if (ncols == 7) {
			cell_start(h);
			if (current && a->a.child_id == v->id) {
				snprintf(action, sizeof(action), "/children/%"
				    PRId64 "/allocations/%" PRId64 "/end",
				    v->id, a->a.id);
				snprintf(ver, sizeof(ver), "%" PRId64,
				    a->version);
				html_lit(h, "<form method=\"post\" class=\""
				    "hearth-inline-form\" novalidate");
				html_attr(h, "action", action);
				html_lit(h, ">");
				ui_csrf(r, h);
				ui_hidden(h, "version", ver);
				html_lit(h, "<button type=\"submit\" class=\""
				    "hearth-link-button govuk-link\">End "
				    "allocation<span class=\"govuk-visually-"
				    "hidden\"> of ");
				html_text(h, a->staff_name);
				html_lit(h, "</span></button></form>");
			}
			cell_end(h);
		}
		ui_table_row_end(h);
	}
	ui_table_end(h);
	truncated(h, v->nal, v->al_total, "allocations");
}

static void
episodes_section(struct html *h, const struct child_view *v)
{
	static const char *const cols[] = { "Referral date", "Source",
		"Primary need", "Outcome", "Closed", "Reason for closure" };
	char buf[40];

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"episodes\">Children "
	    "in need episodes</h2>");
	if (v->nep == 0) {
		ui_para(h, "No referrals are recorded.");
		return;
	}
	ui_table_start(h, NULL, cols, 6);
	/* store_cin_episodes gives referral order; newest first here. */
	for (int i = v->nep - 1; i >= 0; i--) {
		const struct cin_episode *ep = &v->ep[i];

		ui_table_row_start(h);
		ui_table_cell(h, ui_date_or(ep->referral_date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, code_label(CODES_REFERRAL_SOURCE,
		    ep->referral_source));
		ui_table_cell(h, ep->primary_need[0] ? code_label(
		    CODES_PRIMARY_NEED, ep->primary_need) : "Not recorded");
		ui_table_cell(h, ep->referral_nfa ? "No further action" :
		    ep->closure_date == HDAY_NONE ? "Open" : "Closed");
		ui_table_cell(h, ui_date_or(ep->closure_date, buf, sizeof(buf),
		    "Open"));
		ui_table_cell(h, ep->closure_reason[0] ? code_label(
		    CODES_CLOSURE_REASON, ep->closure_reason) : "");
		ui_table_row_end(h);
	}
	ui_table_end(h);
	truncated(h, v->nep, v->ep_total, "episodes");
}

/* Current shares with partner agencies; who is named on a restriction
 * (for those who may share). */
static void
sharing_section(struct html *h, const struct view *v)
{
	static const char *const cols[] = { "Agency", "From", "To",
		"Reason" };
	char buf[40];

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"sharing\">Shared "
	    "with</h2>");
	if (v->nshares == 0)
		ui_para(h, "This record is not shared with any partner agency.");
	else {
		ui_table_start(h, NULL, cols, 4);
		for (int i = 0; i < v->nshares; i++) {
			const struct store_share *x = &v->shares[i];

			ui_table_row_start(h);
			ui_table_cell(h, x->agency_name);
			ui_table_cell(h, ui_date_or(x->start_date, buf, sizeof(buf),
			    "Not known"));
			ui_table_cell(h, ui_date_or(x->end_date, buf, sizeof(buf),
			    "No end date"));
			ui_table_cell(h, x->reason);
			ui_table_row_end(h);
		}
		ui_table_end(h);
		truncated(h, v->nshares, v->shares_total, "shares");
	}
	if (!v->may_share || !v->rec.restricted)
		return;
	html_lit(h, "<h3 class=\"govuk-heading-s\" id=\"restriction\">"
	    "Named on the restriction</h3>");
	if (v->nnamed == 0) {
		ui_para(h, "Nobody is named: everyone must give a reason to "
		    "open this record.");
		return;
	}
	html_lit(h, "<ul class=\"govuk-list govuk-list--bullet\">");
	for (int i = 0; i < v->nnamed; i++) {
		html_lit(h, "<li>");
		html_text(h, v->named[i].name);
		html_textf(h, ", %s", role_label(v->named[i].role));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
	truncated(h, v->nnamed, v->named_total, "people");
}

static void
chronology_form(struct req *r, struct html *h, const struct child_view *v,
    const struct ui_errors *e, const struct chron_input *in)
{
	struct ui_option cats[16];
	const char *const *names;
	char action[64], today[HDATE_LEN];
	int n;

	names = chronology_categories(&n);
	cats[0] = (struct ui_option){ "", "Select a category" };
	for (int i = 0; i < n && i < 15; i++)
		cats[i + 1] = (struct ui_option){ names[i], names[i] };
	html_lit(h, "<details class=\"govuk-details\"");
	if (e != NULL && e->n > 0)
		html_lit(h, " open");
	html_lit(h, "><summary class=\"govuk-details__summary\"><span class=\""
	    "govuk-details__summary-text\">Add an entry to the chronology"
	    "</span></summary><div class=\"govuk-details__text\">");
	snprintf(action, sizeof(action), "/children/%" PRId64 "/chronology",
	    v->id);
	ui_form_start(r, h, action);
	ui_date(h, e, "event_date", "Date of the event", NULL, in != NULL ?
	    in->date : hdate_format(r->today, today));
	ui_select(h, e, "category", "Category", cats, n + 1, in != NULL ?
	    in->category : "");
	ui_textarea(h, e, "summary", "What happened", "Up to 2000 "
	    "characters. Write it so the child could read it later.",
	    in != NULL ? in->summary : "");
	ui_button(h, "Add to the chronology");
	ui_form_end(h);
	html_lit(h, "</div></details>\n");
}

/* The chronology, with the form to add to it when `form`. */
static void
chronology_section(struct req *r, struct html *h, const struct child_view *v,
    bool form, bool print, const struct ui_errors *e,
    const struct chron_input *in)
{
	char buf[40], when[40], href[160];

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"chronology\">"
	    "Chronology</h2>");
	if (form)
		chronology_form(r, h, v, e, in);
	if (v->nchron == 0) {
		ui_para(h, "Nothing has been added to the chronology yet.");
		return;
	}
	truncated(h, v->manual_shown, v->manual_total,
	    "entries written by staff (the most recent)");
	html_lit(h, "<ol class=\"hearth-chronology\">");
	for (int i = 0; i < v->nchron; i++) {
		const struct chronology_entry *c = &v->chron[i];

		html_lit(h, "<li><h3 class=\"govuk-heading-s\">");
		html_text(h, ui_date_or(c->date, buf, sizeof(buf), "Date not known"));
		html_lit(h, ": ");
		html_text(h, c->category);
		html_lit(h, "</h3><p class=\"govuk-body\">");
		lines(h, c->summary);
		html_lit(h, "</p><p class=\"govuk-body-s\">");
		if (c->source == CHRON_MANUAL)
			html_textf(h, "Recorded by %s, %s", c->recorded_by_name[0]
			    ? c->recorded_by_name : "someone not recorded",
			    ui_time(c->recorded_at, when, sizeof(when)));
		else if (!print && journey_entry_href(c, v->id, href,
		    sizeof(href))) {
			/* A step of the journey links to its own page. */
			html_lit(h, "From the child's record: <a class=\""
			    "govuk-link\"");
			html_attr(h, "href", href);
			html_lit(h, ">view the step<span class=\"govuk-visually-"
			    "hidden\"> (");
			html_text(h, c->category);
			html_textf(h, ", %s)", buf);
			html_lit(h, "</span></a>");
		} else
			html_lit(h, "From the child's record");
		html_lit(h, "</p></li>");
	}
	html_lit(h, "</ol>\n");
}

/* A link (or a button-styled link) to a page under this child's record. */
static void
child_link(struct html *h, int64_t id, const char *page, const char *text,
    bool button)
{
	char href[80];

	snprintf(href, sizeof(href), "/children/%" PRId64 "/%s", id, page);
	if (button)
		ui_button_link(h, href, text);
	else
		ui_link(h, href, text);
}

static void
actions(struct html *h, const struct view *v)
{
	int64_t id = v->rec.id;

	html_lit(h, "<div class=\"govuk-button-group\">");
	if (v->may_edit) {
		child_link(h, id, "edit", "Edit details", true);
		child_link(h, id, "relationships/new", "Add a relationship",
		    true);
		child_link(h, id, "allocations/new", "Allocate a worker", true);
	}
	if (v->may_share) {
		child_link(h, id, "share", "Share with an agency", false);
		child_link(h, id, "restrict", "Restrict this record", false);
	}
	if (v->may_print)
		child_link(h, id, "print", "Print", false);
	if (v->may_audit)
		child_link(h, id, "who-viewed", "Who has viewed this record",
		    false);
	html_lit(h, "</div>\n");
}

static void
render_record(struct req *r, struct resp *w, const struct view *v,
    bool print, const struct ui_errors *e, const struct chron_input *in)
{
	const struct child_view *rec = &v->rec;
	struct html *h = &w->body;
	char name[NAME_LEN], caption[80], when[40], back[48];

	ui_full_name(name, rec->c.given_name, rec->c.family_name);
	snprintf(caption, sizeof(caption), "LA child id %s",
	    rec->c.la_child_id);
	ui_page_start_errors(r, w, name, e);
	if (print) {
		snprintf(back, sizeof(back), "/children/%" PRId64, rec->id);
		ui_back_link(h, back);
	}
	if (!print)
		saved_banner(r, h);
	ui_heading(h, caption, name);
	if (rec->restricted) {
		html_lit(h, "<p class=\"govuk-body\">");
		ui_tag(h, "Restricted record", "red");
		html_lit(h, "</p>");
	}
	if (v->basis == BASIS_BREAK_GLASS)
		ui_inset(h, "You gave a reason to open this restricted record. "
		    "Everything you view is recorded and will be reviewed.");
	if (print)
		html_textf(h, "Printed %s by %s. This record is confidential: "
		    "keep it secure and destroy it when it is no longer "
		    "needed.", ui_time(r->now, when, sizeof(when)),
		    r->who.display);
	else
		actions(h, v);
	details_section(r, h, rec);
	journey_section(r, h, rec, v->may_edit, print);
	sos_section(r, h, rec->id, web_child_access(r, rec->id,
	    ACCESS_CONFERENCE, NULL) == ACCESS_ALLOW, print);
	meeting_section(r, h, rec->id, web_child_access(r, rec->id,
	    ACCESS_CONFERENCE, NULL) == ACCESS_ALLOW, print);
	family_section(r, h, rec, print);
	workers_section(r, h, rec, !print && v->may_edit);
	episodes_section(h, rec);
	/* A partner agency learns nothing of other agencies' involvement. */
	if (r->who.role != ROLE_PARTNER_PRACTITIONER)
		sharing_section(h, v);
	chronology_section(r, h, rec, !print && v->may_note, print, e, in);
	ui_page_end(r, w);
}

/* Load, audit and show the record (or its printable copy). */
static void
show_record(struct req *r, struct resp *w, int64_t id,
    enum access_basis basis, bool print, const struct ui_errors *e,
    const struct chron_input *in)
{
	/* Not zeroed: 0.3 MB per page, and load_view fills what is read. */
	struct view *v = xmalloc(sizeof(*v));
	enum herr x = load_view(r, id, v);

	v->basis = basis;
	if (web_found(r, w, x) && audit_view(r, w, print ? AUDIT_PRINT :
	    AUDIT_VIEW, id)) {
		if (e != NULL && e->n > 0)
			w->status = 422;
		render_record(r, w, v, print, e, in);
	}
	child_view_clear(&v->rec);
	free(v);
}

static void
get_child(struct req *r, struct resp *w)
{
	enum access_basis basis;
	int64_t id = web_id(r, 0);

	if (gate(r, w, id, ACCESS_VIEW, &basis))
		show_record(r, w, id, basis, false, NULL, NULL);
}

static void
get_print(struct req *r, struct resp *w)
{
	enum access_basis basis;
	int64_t id = web_id(r, 0);

	if (gate(r, w, id, ACCESS_PRINT, &basis))
		show_record(r, w, id, basis, true, NULL, NULL);
}

static const struct form_field chron_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "event_date", "Date of the event", true, false, form_valid_date,
	    10 },
	{ "category", "Category", true, false, valid_category,
	    CHRONOLOGY_CATEGORY_MAX },
	{ "summary", "What happened", true, false, valid_summary,
	    CHRONOLOGY_SUMMARY_MAX },
};

static void
post_chronology(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct chron_input in;
	struct chronology_entry *c;
	enum access_basis basis;
	int64_t id = web_id(r, 0);
	bool answered;
	enum herr x;

	if (!gate(r, w, id, ACCESS_NOTE, NULL))
		return;
	(void)web_child_access(r, id, ACCESS_VIEW, &basis);
	in.date = nz(form_get(&r->body, "event_date"));
	in.category = nz(form_get(&r->body, "category"));
	in.summary = nz(form_get(&r->body, "summary"));
	if (!check_body(r, w, chron_fields, NFIELDS(chron_fields), diags, &e,
	    &answered)) {
		if (!answered)
			show_record(r, w, id, basis, false, &e, &in);
		return;
	}
	c = xcalloc(1, sizeof(*c));
	chronology_entry_init(c);
	c->child_id = id;
	c->date = form_day(in.date);
	copy(c->category, sizeof(c->category), in.category);
	trimmed(c->summary, sizeof(c->summary), in.summary);
	c->recorded_by = r->who.staff_id;
	c->recorded_at = r->now;
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = record_chronology_add(r->st, c, r->today, &d);
	if (!finish_edit(r, w, x, AUDIT_EDIT, id, "chronology#chronology")) {
		add_error(diags, &e, &d);
		show_record(r, w, id, basis, false, &e, &in);
	}
out:
	free(c);
}

/* ------------------------------------------------- details: edit, new */

/* The values a child's form shows: from the record or as sent. */
struct cform {
	const char *version, *la_child_id, *given, *family, *birth,
	    *expected, *sex, *ethnicity, *upn, *upn_unknown;
	char b_version[24], b_birth[HDATE_LEN], b_expected[HDATE_LEN];
	char b_sex[2];
};

static void
cform_from_child(struct cform *f, const struct child *c, int64_t version)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->b_version, sizeof(f->b_version), "%" PRId64, version);
	f->version = f->b_version;
	f->la_child_id = c->la_child_id;
	f->given = c->given_name;
	f->family = c->family_name;
	f->birth = c->birth_date != HDAY_NONE ? hdate_format(c->birth_date,
	    f->b_birth) : "";
	f->expected = c->expected_birth_date != HDAY_NONE ?
	    hdate_format(c->expected_birth_date, f->b_expected) : "";
	f->b_sex[0] = c->sex;
	f->sex = f->b_sex;
	f->ethnicity = c->ethnicity;
	f->upn = c->upn;
	f->upn_unknown = c->upn_unknown;
}

static void
cform_from_body(struct cform *f, const struct form *b)
{
	memset(f, 0, sizeof(*f));
	f->version = nz(form_get(b, "version"));
	f->la_child_id = nz(form_get(b, "la_child_id"));
	f->given = nz(form_get(b, "given_name"));
	f->family = nz(form_get(b, "family_name"));
	f->birth = nz(form_get(b, "birth_date"));
	f->expected = nz(form_get(b, "expected_birth_date"));
	f->sex = nz(form_get(b, "sex"));
	f->ethnicity = nz(form_get(b, "ethnicity"));
	f->upn = nz(form_get(b, "upn"));
	f->upn_unknown = nz(form_get(b, "upn_unknown"));
}

/* Fill c's editable details from a form that passed form_check. */
static void
child_from_cform(struct child *c, const struct cform *f)
{
	copy(c->given_name, sizeof(c->given_name), f->given);
	copy(c->family_name, sizeof(c->family_name), f->family);
	c->birth_date = form_day(f->birth);
	c->expected_birth_date = form_day(f->expected);
	c->sex = f->sex[0] ? f->sex[0] : 'U';
	copy(c->ethnicity, sizeof(c->ethnicity), f->ethnicity);
	copy(c->upn, sizeof(c->upn), f->upn);
	for (char *p = c->upn; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	copy(c->upn_unknown, sizeof(c->upn_unknown), f->upn_unknown);
}

/* The child's details, as both the edit and the new-child forms take
 * them (child_fields_html shows them). */
#define DETAIL_FIELDS \
	{ "given_name", "Given name", true, false, NULL, PERSON_NAME_MAX }, \
	{ "family_name", "Family name", true, false, NULL, PERSON_NAME_MAX }, \
	{ "birth_date", "Date of birth", false, false, form_valid_date, 10 }, \
	{ "expected_birth_date", "Expected date of birth", false, false, \
	    form_valid_date, 10 }, \
	{ "sex", "Sex", true, false, valid_sex, 1 }, \
	{ "ethnicity", "Ethnicity", true, false, valid_ethnicity, 4 }, \
	{ "upn", "Unique pupil number (UPN)", false, false, NULL, UPN_LEN }, \
	{ "upn_unknown", "Reason the UPN is not known", false, false, \
	    valid_upn_unknown, 3 }

static const struct form_field edit_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "version", "Version", true, false, form_valid_int, 20 },
	DETAIL_FIELDS,
};

static const struct form_field new_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "la_child_id", "LA child id", true, false, NULL, CHILD_ID_MAX },
	DETAIL_FIELDS,
};

static void
child_fields_html(struct html *h, const struct ui_errors *e,
    const struct cform *f)
{
	static const struct ui_option sexes[] = {
		{ "M", "Male" }, { "F", "Female" }, { "U", "Not known" },
	};
	struct ui_option eth[32], unk[16];
	const struct code *list;
	size_t n, m;

	list = codes_list(CODES_ETHNICITY, &n);
	eth[0] = (struct ui_option){ "", "Select an ethnicity" };
	for (size_t i = 0; i < n && i < 31; i++)
		eth[i + 1] = (struct ui_option){ list[i].code, list[i].label };
	list = codes_list(CODES_UPN_UNKNOWN, &m);
	unk[0] = (struct ui_option){ "", "Not applicable: the UPN is given "
	    "above" };
	for (size_t i = 0; i < m && i < 15; i++)
		unk[i + 1] = (struct ui_option){ list[i].code, list[i].label };
	ui_input(h, e, "given_name", "Given name", NULL, f->given, UI_W_20);
	ui_input(h, e, "family_name", "Family name", NULL, f->family,
	    UI_W_20);
	ui_date(h, e, "birth_date", "Date of birth", "For example, "
	    "2015-03-27. Leave empty for an unborn child.", f->birth);
	ui_date(h, e, "expected_birth_date", "Expected date of birth",
	    "Only for an unborn child. For example, 2026-09-01.",
	    f->expected);
	ui_radios(h, e, "sex", "Sex", sexes, 3, f->sex);
	ui_select(h, e, "ethnicity", "Ethnicity", eth, (int)(n < 31 ? n : 31)
	    + 1, f->ethnicity);
	ui_input(h, e, "upn", "Unique pupil number (UPN)", "13 characters, "
	    "for example A919299001234. Leave empty if it is not known.",
	    f->upn, UI_W_10);
	ui_select(h, e, "upn_unknown", "If the UPN is not known, why not",
	    unk, (int)(m < 15 ? m : 15) + 1, f->upn_unknown);
}

/* The edit form: `now` (may be NULL) is the record as saved now, shown
 * when someone else's change got in first. */
static void
edit_page(struct req *r, struct resp *w, const struct child *c,
    const struct cform *f, const struct ui_errors *e,
    const struct child *now)
{
	struct html *h = &w->body;
	char name[NAME_LEN], back[48], action[64], buf[40];

	ui_full_name(name, c->given_name, c->family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64, c->id);
	snprintf(action, sizeof(action), "/children/%" PRId64 "/edit", c->id);
	ui_page_start_errors(r, w, "Edit details", e);
	ui_back_link(h, back);
	ui_heading(h, name, "Edit details");
	if (now != NULL) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">What the record "
		    "says now</h2>");
		ui_summary_start(h);
		ui_full_name(name, now->given_name, now->family_name);
		ui_summary_row(h, "Name", name);
		ui_summary_row(h, "Date of birth", ui_date_or(now->birth_date, buf,
		    sizeof(buf), "Not known"));
		ui_summary_row(h, "Expected date of birth", ui_date_or(
		    now->expected_birth_date, buf, sizeof(buf), "None"));
		ui_summary_row(h, "Sex", sex_label(now->sex));
		ui_summary_row(h, "Ethnicity", code_label(CODES_ETHNICITY,
		    now->ethnicity));
		ui_summary_row(h, "Unique pupil number (UPN)", now->upn[0] ?
		    now->upn : now->upn_unknown[0] ? code_label(
		    CODES_UPN_UNKNOWN, now->upn_unknown) : "Not known");
		ui_summary_end(h);
		html_lit(h, "<h2 class=\"govuk-heading-m\">Your changes</h2>");
	}
	ui_form_start(r, h, action);
	ui_hidden(h, "version", f->version);
	child_fields_html(h, e, f);
	ui_button(h, "Save changes");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_edit(struct req *r, struct resp *w)
{
	struct child c;
	struct cform f;
	int64_t id = web_id(r, 0);

	if (!gate(r, w, id, ACCESS_EDIT, NULL) ||
	    !web_found(r, w, store_child_get(r->st, id, &c)) ||
	    !audit_view(r, w, AUDIT_VIEW, id))
		return;
	cform_from_child(&f, &c, c.version);
	edit_page(r, w, &c, &f, NULL, NULL);
}

static void
post_edit(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct child stored, c, now;
	struct store_change ch;
	struct cform f;
	char when[40], ver[24];
	int64_t id = web_id(r, 0), expected;
	bool answered;
	enum herr x;

	if (!gate(r, w, id, ACCESS_EDIT, NULL) ||
	    !web_found(r, w, store_child_get(r->st, id, &stored)))
		return;
	cform_from_body(&f, &r->body);
	if (!check_body(r, w, edit_fields, NFIELDS(edit_fields), diags, &e,
	    &answered)) {
		if (answered || !audit_view(r, w, AUDIT_VIEW, id))
			return;
		w->status = 422;
		edit_page(r, w, &stored, &f, &e, NULL);
		return;
	}
	expected = form_id(f.version);
	c = stored;
	child_from_cform(&c, &f);
	if (!web_begin(r, w))
		return;
	hdiag_clear(&d);
	x = record_child_update(r->st, &c, expected, r->today,
	    r->who.staff_id, r->now, &ch, &d);
	if (x == HERR_CONFLICT) {
		/* Someone else's save got in first: keep this person's input,
		 * show what the record says now, and take the new version so
		 * that saving again is a choice made knowing both. */
		store_rollback(r->st);
		if (store_child_get(r->st, id, &now) != HERR_OK) {
			web_not_found(r, w);
			return;
		}
		if (!audit_view(r, w, AUDIT_VIEW, id))
			return;
		hdiag_set(&d, HERR_CONFLICT, "", "", "Someone else saved "
		    "changes to this record at %s (%s). Your changes have not "
		    "been saved. Check the record and make your changes again.",
		    ch.at > 0 ? ui_time(ch.at, when, sizeof(when)) :
		    "an unknown time", ch.by_name[0] ? ch.by_name :
		    "name not recorded");
		add_error(diags, &e, &d);
		snprintf(ver, sizeof(ver), "%" PRId64, ch.version);
		f.version = ver;
		w->status = 409;
		edit_page(r, w, &stored, &f, &e, &now);
		return;
	}
	if (finish_edit(r, w, x, AUDIT_EDIT, id, "details") ||
	    !audit_view(r, w, AUDIT_VIEW, id))
		return;
	add_error(diags, &e, &d);
	w->status = 422;
	edit_page(r, w, &stored, &f, &e, NULL);
}

static void
new_page(struct req *r, struct resp *w, const struct cform *f,
    const struct ui_errors *e)
{
	struct html *h = &w->body;

	ui_page_start_errors(r, w, "Add a child", e);
	ui_back_link(h, "/");
	ui_heading(h, NULL, "Add a child");
	ui_para(h, "You will be allocated to the child from today, so that "
	    "you can see their record. Allocate other workers from the "
	    "record.");
	ui_form_start(r, h, "/children");
	ui_input(h, e, "la_child_id", "LA child id", "Up to 10 letters, "
	    "digits and hyphens, as used in the CIN census", f->la_child_id,
	    UI_W_10);
	child_fields_html(h, e, f);
	ui_button(h, "Add child");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_new(struct req *r, struct resp *w)
{
	struct cform f;

	if (!access_create_records(&r->who)) {
		web_forbidden(r, w, "Only social workers and team managers "
		    "can add a child's record.");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.la_child_id = f.given = f.family = f.birth = f.expected = "";
	f.sex = f.ethnicity = f.upn = f.upn_unknown = f.version = "";
	new_page(r, w, &f, NULL);
}

static void
post_new(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct allocation a;
	struct child c;
	struct cform f;
	bool answered;
	enum herr x;

	if (!access_create_records(&r->who)) {
		web_forbidden(r, w, "Only social workers and team managers "
		    "can add a child's record.");
		return;
	}
	cform_from_body(&f, &r->body);
	if (!check_body(r, w, new_fields, NFIELDS(new_fields), diags, &e,
	    &answered)) {
		if (!answered) {
			w->status = 422;
			new_page(r, w, &f, &e);
		}
		return;
	}
	child_init(&c);
	copy(c.la_child_id, sizeof(c.la_child_id), f.la_child_id);
	child_from_cform(&c, &f);
	if (!web_begin(r, w))
		return;
	hdiag_clear(&d);
	x = record_child_add(r->st, &c, r->today, &d);
	if (x == HERR_OK) {
		/* The creator is allocated, so the record they made is one
		 * they can see (access is by allocation). */
		memset(&a, 0, sizeof(a));
		a.staff_id = r->who.staff_id;
		a.child_id = c.id;
		a.start_date = r->today;
		a.end_date = HDAY_NONE;
		x = record_allocation_add(r->st, &a, &d);
	}
	if (finish_edit(r, w, x, AUDIT_CREATE, c.id, "created"))
		return;
	add_error(diags, &e, &d);
	w->status = 422;
	new_page(r, w, &f, &e);
}

/* ----------------------------------------------------- relationships */

struct rform {
	const char *person, *given, *family, *birth, *sex, *kind, *pr,
	    *start, *lives_with;
};

/* The people a relationship may name: those in the child's households,
 * less children whose records the user may not see. */
struct people {
	struct store_member all[CASE_LIST_MAX];
	struct store_member m[CASE_LIST_MAX];
	int n, total;
	struct ui_option opt[CASE_LIST_MAX + 2];
	char label[CASE_LIST_MAX][NAME_LEN + 40];
	char value[CASE_LIST_MAX][24];
	int nopt;
};

static enum herr
load_people(struct req *r, int64_t child_id, struct people *p)
{
	const struct store_member *all = p->all;
	char name[NAME_LEN], b[40];
	int n;
	enum herr e;

	if ((e = store_child_household_people(r->st, child_id, p->all,
	    CASE_LIST_MAX, &n, &p->total)) != HERR_OK)
		return e;
	p->n = 0;
	for (int i = 0; i < n; i++)
		if (!all[i].is_child || allowed(r, all[i].person_id,
		    ACCESS_VIEW))
			p->m[p->n++] = all[i];
	p->opt[0] = (struct ui_option){ "", "Select a person" };
	for (int i = 0; i < p->n; i++) {
		ui_full_name(name, p->m[i].given_name, p->m[i].family_name);
		if (p->m[i].birth_date != HDAY_NONE)
			snprintf(p->label[i], sizeof(p->label[i]), "%s (born "
			    "%s)", name, ui_date_long(p->m[i].birth_date, b,
			    sizeof(b)));
		else
			snprintf(p->label[i], sizeof(p->label[i]), "%s", name);
		snprintf(p->value[i], sizeof(p->value[i]), "%" PRId64,
		    p->m[i].person_id);
		p->opt[i + 1] = (struct ui_option){ p->value[i], p->label[i] };
	}
	p->opt[p->n + 1] = (struct ui_option){ "new", "Someone not listed: "
	    "add a new adult" };
	p->nopt = p->n + 2;
	return HERR_OK;
}

static bool
people_has(const struct people *p, int64_t id)
{
	for (int i = 0; i < p->n; i++)
		if (p->m[i].person_id == id)
			return true;
	return false;
}

static const struct form_field rel_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "person", "Who", true, false, valid_person, 20 },
	{ "kind", "Relationship", true, false, valid_relation, 20 },
	{ "parental_responsibility", "Parental responsibility", true, false,
	    form_valid_yesno, 3 },
	{ "start_date", "Start date", false, false, form_valid_date, 10 },
	{ "given_name", "Given name", false, false, NULL, PERSON_NAME_MAX },
	{ "family_name", "Family name", false, false, NULL, PERSON_NAME_MAX },
	{ "birth_date", "Date of birth", false, false, form_valid_date, 10 },
	{ "sex", "Sex", false, false, valid_sex, 1 },
	{ "lives_with", "Lives with the child", false, false,
	    form_valid_yesno, 3 },
};

static void
rel_page(struct req *r, struct resp *w, const struct child *c,
    const struct people *p, const struct rform *f, const struct ui_errors *e)
{
	static const struct ui_option yesno[] = {
		{ "yes", "Yes" }, { "no", "No" },
	};
	static const struct ui_option sexes[] = {
		{ "M", "Male" }, { "F", "Female" }, { "U", "Not known" },
	};
	struct ui_option kinds[REL__COUNT + 1];
	struct html *h = &w->body;
	char name[NAME_LEN], back[48], action[80];

	kinds[0] = (struct ui_option){ "", "Select a relationship" };
	for (int i = 0; i < REL__COUNT; i++)
		kinds[i + 1] = (struct ui_option){ relation_code(
		    (enum relation)i), relation_label((enum relation)i) };
	ui_full_name(name, c->given_name, c->family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64 "#family", c->id);
	snprintf(action, sizeof(action), "/children/%" PRId64
	    "/relationships/new", c->id);
	ui_page_start_errors(r, w, "Add a relationship", e);
	ui_back_link(h, back);
	ui_heading(h, name, "Add a relationship");
	ui_form_start(r, h, action);
	ui_select(h, e, "person", "Who is it?", p->opt, p->nopt, f->person);
	if (p->total > CASE_LIST_MAX)
		ui_inset(h, "Only the first 200 people in the child's "
		    "households are listed.");
	ui_select(h, e, "kind", "What are they to the child?", kinds,
	    REL__COUNT + 1, f->kind);
	ui_radios(h, e, "parental_responsibility", "Do they have parental "
	    "responsibility for the child?", yesno, 2, f->pr);
	ui_date(h, e, "start_date", "When did the relationship start?",
	    "Optional. For example, 2019-03-27.", f->start);
	html_lit(h, "<h2 class=\"govuk-heading-m\">If they are not listed"
	    "</h2>");
	ui_para(h, "Choose \"Someone not listed\" above and give their "
	    "details.");
	ui_input(h, e, "given_name", "Given name", NULL, f->given, UI_W_20);
	ui_input(h, e, "family_name", "Family name", NULL, f->family,
	    UI_W_20);
	ui_date(h, e, "birth_date", "Date of birth", "Optional. For example, "
	    "1990-03-27.", f->birth);
	ui_radios(h, e, "sex", "Sex", sexes, 3, f->sex);
	ui_radios(h, e, "lives_with", "Do they live with the child?", yesno,
	    2, f->lives_with);
	ui_button(h, "Add relationship");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
rform_from_body(struct rform *f, const struct form *b)
{
	f->person = nz(form_get(b, "person"));
	f->given = nz(form_get(b, "given_name"));
	f->family = nz(form_get(b, "family_name"));
	f->birth = nz(form_get(b, "birth_date"));
	f->sex = nz(form_get(b, "sex"));
	f->kind = nz(form_get(b, "kind"));
	f->pr = nz(form_get(b, "parental_responsibility"));
	f->start = nz(form_get(b, "start_date"));
	f->lives_with = nz(form_get(b, "lives_with"));
}

/* Load what the relationship pages need; answers the request on
 * failure. */
static bool
rel_load(struct req *r, struct resp *w, int64_t id, struct child *c,
    struct people *p)
{
	enum herr x;

	if ((x = store_child_get(r->st, id, c)) == HERR_OK)
		x = load_people(r, id, p);
	return web_found(r, w, x);
}

static void
get_rel(struct req *r, struct resp *w)
{
	struct people *p;
	struct child c;
	struct rform f = { "", "", "", "", "", "", "", "", "" };
	int64_t id = web_id(r, 0);

	if (!gate(r, w, id, ACCESS_EDIT, NULL))
		return;
	p = xcalloc(1, sizeof(*p));
	if (rel_load(r, w, id, &c, p) && audit_view(r, w, AUDIT_VIEW, id))
		rel_page(r, w, &c, p, &f, NULL);
	free(p);
}

/* Put a new adult in the child's current households (making one for the
 * child if they have none) from `from`. */
static enum herr
move_in(struct req *r, const struct child *c, int64_t adult, hday from,
    struct hdiag *d)
{
	struct store_member hh[16];
	struct household home;
	int n, total, current = 0;
	enum herr x;

	if ((x = store_child_households(r->st, c->id, hh, 16, &n, &total)) !=
	    HERR_OK)
		return x;
	for (int i = 0; i < n; i++) {
		if (hh[i].end_date != HDAY_NONE && hh[i].end_date < r->today)
			continue;
		current++;
		if ((x = record_household_member_add(r->st, hh[i].household_id,
		    adult, from, HDAY_NONE, d)) != HERR_OK)
			return x;
	}
	if (current > 0)
		return HERR_OK;
	memset(&home, 0, sizeof(home));
	snprintf(home.name, sizeof(home.name), "%.90s household",
	    c->family_name);
	if ((x = record_household_add(r->st, &home, d)) != HERR_OK ||
	    (x = record_household_member_add(r->st, home.id, c->id, r->today,
	    HDAY_NONE, d)) != HERR_OK)
		return x;
	return record_household_member_add(r->st, home.id, adult, from,
	    HDAY_NONE, d);
}

static void
post_rel(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct people *p;
	struct child c;
	struct rform f;
	struct relationship rel;
	struct adult adult;
	int64_t id = web_id(r, 0), other = 0;
	bool answered, isnew, dup = false;
	enum herr x;

	if (!gate(r, w, id, ACCESS_EDIT, NULL))
		return;
	p = xcalloc(1, sizeof(*p));
	if (!rel_load(r, w, id, &c, p))
		goto out;
	rform_from_body(&f, &r->body);
	if (!check_body(r, w, rel_fields, NFIELDS(rel_fields), diags, &e,
	    &answered)) {
		if (answered)
			goto out;
		goto again;
	}
	isnew = strcmp(f.person, "new") == 0;
	memset(&rel, 0, sizeof(rel));
	rel.person_id = id;
	(void)!relation_parse(f.kind, &rel.kind, "kind", NULL);
	rel.parental_responsibility = strcmp(f.pr, "yes") == 0;
	rel.start_date = form_day(f.start);
	rel.end_date = HDAY_NONE;
	adult_init(&adult);
	if (isnew) {
		copy(adult.given_name, sizeof(adult.given_name), f.given);
		copy(adult.family_name, sizeof(adult.family_name), f.family);
		adult.birth_date = form_day(f.birth);
		adult.sex = f.sex[0] ? f.sex[0] : 'U';
		if (adult_validate(&adult, r->today, &d) != HERR_OK) {
			add_error(diags, &e, &d);
			goto again;
		}
	} else {
		other = form_id(f.person);
		if (!people_has(p, other)) {
			hdiag_set(&d, HERR_INVALID, "person", f.person,
			    "Select someone from the list, or add someone "
			    "new");
			add_error(diags, &e, &d);
			goto again;
		}
		if (store_relationship_exists(r->st, id, other, rel.kind,
		    &dup) != HERR_OK) {
			web_unavailable(r, w);
			goto out;
		}
		if (dup) {
			hdiag_set(&d, HERR_INVALID, "kind", f.kind, "This "
			    "relationship is already recorded");
			add_error(diags, &e, &d);
			goto again;
		}
	}
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = HERR_OK;
	if (isnew) {
		x = record_adult_add(r->st, &adult, r->today, &d);
		other = adult.id;
		if (x == HERR_OK && strcmp(f.lives_with, "yes") == 0)
			x = move_in(r, &c, other, rel.start_date != HDAY_NONE ?
			    rel.start_date : r->today, &d);
	}
	rel.relative_id = other;
	if (x == HERR_OK)
		x = record_relationship_add(r->st, &rel, &d);
	if (finish_edit(r, w, x, AUDIT_EDIT, id, "relationship#family"))
		goto out;
	add_error(diags, &e, &d);
again:
	if (audit_view(r, w, AUDIT_VIEW, id)) {
		w->status = 422;
		rel_page(r, w, &c, p, &f, &e);
	}
out:
	free(p);
}

/* ------------------------------------------------------ allocations */

struct staff_opts {
	struct store_staff_pick s[STAFF_PICK_MAX];
	int n, total;
	struct ui_option opt[STAFF_PICK_MAX + 1];
	char label[STAFF_PICK_MAX][CASE_STAFF_NAME_MAX + 160];
	char value[STAFF_PICK_MAX][24];
};

static enum herr
load_staff(struct req *r, struct staff_opts *o)
{
	enum herr e;

	if ((e = store_allocatable_staff(r->st, r->today, o->s,
	    STAFF_PICK_MAX, &o->n, &o->total)) != HERR_OK)
		return e;
	o->opt[0] = (struct ui_option){ "", "Select a worker" };
	for (int i = 0; i < o->n; i++) {
		char label[sizeof(o->label[0])];

		snprintf(label, sizeof(label), "%s, %s (%.100s)",
		    o->s[i].name, role_label(o->s[i].role),
		    o->s[i].team_name[0] ? o->s[i].team_name : "no team");
		copy(o->label[i], sizeof(o->label[i]), label);
		snprintf(o->value[i], sizeof(o->value[i]), "%" PRId64,
		    o->s[i].id);
		o->opt[i + 1] = (struct ui_option){ o->value[i], o->label[i] };
	}
	return HERR_OK;
}

static const struct form_field alloc_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "staff", "Worker", true, false, form_valid_int, 20 },
	{ "start_date", "Start date", true, false, form_valid_date, 10 },
};

static void
alloc_page(struct req *r, struct resp *w, const struct child *c,
    const struct staff_opts *o, const char *staff, const char *start,
    const struct ui_errors *e)
{
	struct html *h = &w->body;
	char name[NAME_LEN], back[48], action[80];

	ui_full_name(name, c->given_name, c->family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64 "#workers", c->id);
	snprintf(action, sizeof(action), "/children/%" PRId64
	    "/allocations/new", c->id);
	ui_page_start_errors(r, w, "Allocate a worker", e);
	ui_back_link(h, back);
	ui_heading(h, name, "Allocate a worker");
	ui_form_start(r, h, action);
	ui_select(h, e, "staff", "Worker", o->opt, o->n + 1, staff);
	if (o->total > o->n)
		ui_inset(h, "Not everyone can be listed: only the first 500 "
		    "workers are shown.");
	ui_date(h, e, "start_date", "Start date", "For example, 2025-03-27.",
	    start);
	ui_button(h, "Allocate worker");
	ui_form_end(h);
	ui_page_end(r, w);
}

static bool
alloc_load(struct req *r, struct resp *w, int64_t id, struct child *c,
    struct staff_opts *o)
{
	enum herr x;

	if ((x = store_child_get(r->st, id, c)) == HERR_OK)
		x = load_staff(r, o);
	return web_found(r, w, x);
}

static void
get_alloc(struct req *r, struct resp *w)
{
	struct staff_opts *o;
	struct child c;
	char today[HDATE_LEN];
	int64_t id = web_id(r, 0);

	if (!gate(r, w, id, ACCESS_EDIT, NULL))
		return;
	o = xcalloc(1, sizeof(*o));
	if (alloc_load(r, w, id, &c, o) && audit_view(r, w, AUDIT_VIEW, id))
		alloc_page(r, w, &c, o, "", hdate_format(r->today, today),
		    NULL);
	free(o);
}

static void
post_alloc(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct store_staff_pick pick;
	struct staff_opts *o;
	struct allocation a;
	struct child c;
	const char *staff, *start;
	int64_t id = web_id(r, 0);
	bool answered, already = false;
	enum herr x;

	if (!gate(r, w, id, ACCESS_EDIT, NULL))
		return;
	o = xcalloc(1, sizeof(*o));
	if (!alloc_load(r, w, id, &c, o))
		goto out;
	staff = nz(form_get(&r->body, "staff"));
	start = nz(form_get(&r->body, "start_date"));
	if (!check_body(r, w, alloc_fields, NFIELDS(alloc_fields), diags, &e,
	    &answered)) {
		if (answered)
			goto out;
		goto again;
	}
	memset(&a, 0, sizeof(a));
	a.staff_id = form_id(staff);
	a.child_id = id;
	a.start_date = form_day(start);
	a.end_date = HDAY_NONE;
	x = store_allocatable_staff_get(r->st, a.staff_id, r->today, &pick);
	if (x == HERR_NOTFOUND) {
		hdiag_set(&d, HERR_INVALID, "staff", staff, "Select a worker "
		    "from the list");
		add_error(diags, &e, &d);
		goto again;
	}
	if (x != HERR_OK || store_allocation_current(r->st, id, a.staff_id,
	    r->today, &already) != HERR_OK) {
		web_unavailable(r, w);
		goto out;
	}
	if (already) {
		hdiag_set(&d, HERR_INVALID, "staff", staff, "%s is already "
		    "allocated to this child", pick.name);
		add_error(diags, &e, &d);
		goto again;
	}
	if (a.start_date > r->today) {
		hdiag_set(&d, HERR_INVALID, "start_date", start, "The start "
		    "date must be today or in the past");
		add_error(diags, &e, &d);
		goto again;
	}
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = record_allocation_add(r->st, &a, &d);
	if (finish_edit(r, w, x, AUDIT_EDIT, id, "allocation#workers"))
		goto out;
	add_error(diags, &e, &d);
again:
	if (audit_view(r, w, AUDIT_VIEW, id)) {
		w->status = 422;
		alloc_page(r, w, &c, o, staff, start, &e);
	}
out:
	free(o);
}

static const struct form_field end_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "version", "Version", true, false, form_valid_int, 20 },
};

static void
conflict_page(struct req *r, struct resp *w, int64_t id, const char *msg)
{
	struct html *h = &w->body;
	char back[64];

	snprintf(back, sizeof(back), "/children/%" PRId64 "#workers", id);
	w->status = 409;
	ui_page_start(r, w, "The allocation has not been ended");
	ui_back_link(h, back);
	ui_heading(h, NULL, "The allocation has not been ended");
	ui_para(h, msg);
	ui_button_link(h, back, "Go back to the record");
	ui_page_end(r, w);
}

static void
post_alloc_end(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct store_change ch;
	char msg[400], when[40];
	int64_t id = web_id(r, 0), aid = web_id(r, 1);
	bool answered;
	enum herr x;

	if (!gate(r, w, id, ACCESS_EDIT, NULL))
		return;
	if (!check_body(r, w, end_fields, NFIELDS(end_fields), diags, &e,
	    &answered)) {
		if (!answered)
			web_bad_request(r, w, e.n > 0 ? e.d[0].msg :
			    "The form could not be read.");
		return;
	}
	if (!web_begin(r, w))
		return;
	hdiag_clear(&d);
	x = store_allocation_end(r->st, id, aid, form_id(form_get(&r->body,
	    "version")), r->today, r->who.staff_id, r->now, &ch, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_EDIT, id, NULL))
			web_redirect(w, "/children/%" PRId64 "?saved=ended"
			    "#workers", id);
		return;
	}
	store_rollback(r->st);
	if (x == HERR_NOTFOUND)
		web_not_found(r, w);
	else if (x == HERR_CONFLICT) {
		snprintf(msg, sizeof(msg), "Someone else changed this "
		    "allocation at %s (%.200s). It has not been ended. Check "
		    "the record and try again.", ch.at > 0 ? ui_time(ch.at,
		    when, sizeof(when)) : "an unknown time", ch.by_name[0] ?
		    ch.by_name : "name not recorded");
		conflict_page(r, w, id, msg);
	} else if (x == HERR_INVALID)
		conflict_page(r, w, id, "This allocation has already ended.");
	else
		web_unavailable(r, w);
}

/* ------------------------------------------------ sharing, restricting */

/*
 * Sharing and restricting need ACCESS_SHARE.  Someone who may see the
 * record but not share it is told so (403); anyone else is answered as for
 * a missing record, or with the break-glass page.
 */
static bool
share_gate(struct req *r, struct resp *w, int64_t id)
{
	if (web_child_access(r, id, ACCESS_SHARE, NULL) == ACCESS_ALLOW)
		return true;
	switch (web_child_access(r, id, ACCESS_VIEW, NULL)) {
	case ACCESS_ALLOW:
		web_forbidden(r, w, "Only the child's social worker or their "
		    "team manager can share or restrict this record.");
		break;
	case ACCESS_NEEDS_GLASS:
		glass_page(r, w, id, NULL, "");
		break;
	default:
		web_not_found(r, w);
		break;
	}
	return false;
}

/* A reason for sharing or restricting: 1 to 500 characters once trimmed. */
static enum herr
valid_share_reason(const char *v, const char *label, struct hdiag *d)
{
	char t[AUDIT_REASON_MAX + 1];

	(void)label;
	trimmed(t, sizeof(t), v);
	return text_check("reason", "Reason", t, AUDIT_REASON_MAX,
	    TEXT_REQUIRED | TEXT_MULTILINE, d);
}

struct agency_opts {
	struct agency a[AGENCIES_MAX];
	int n;
	struct ui_option opt[AGENCIES_MAX + 1];
	char value[AGENCIES_MAX][24];
};

static bool
add_agency(const struct agency *a, void *ctx)
{
	struct agency_opts *o = ctx;

	if (a->kind == AGENCY_LOCAL_AUTHORITY)
		return true;
	if (o->n >= AGENCIES_MAX)
		return false;
	o->a[o->n++] = *a;
	return true;
}

static enum herr
load_agencies(struct req *r, struct agency_opts *o)
{
	enum herr e;

	o->n = 0;
	if ((e = store_dir_agencies(r->st, add_agency, o)) != HERR_OK)
		return e;
	o->opt[0] = (struct ui_option){ "", "Select an agency" };
	for (int i = 0; i < o->n; i++) {
		snprintf(o->value[i], sizeof(o->value[i]), "%" PRId64,
		    o->a[i].id);
		o->opt[i + 1] = (struct ui_option){ o->value[i],
		    o->a[i].name };
	}
	return HERR_OK;
}

static const struct form_field share_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "agency", "Agency", true, false, form_valid_int, 20 },
	{ "start_date", "Start date", true, false, form_valid_date, 10 },
	{ "end_date", "End date", false, false, form_valid_date, 10 },
	{ "reason", "Reason", true, false, valid_share_reason,
	    AUDIT_REASON_MAX },
};

struct share_input {
	const char *agency, *start, *end, *reason;
};

static void
share_page(struct req *r, struct resp *w, const struct child *c,
    const struct agency_opts *o, const struct share_input *in,
    const struct ui_errors *e)
{
	struct html *h = &w->body;
	char name[NAME_LEN], back[48], action[64];

	ui_full_name(name, c->given_name, c->family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64 "#sharing", c->id);
	snprintf(action, sizeof(action), "/children/%" PRId64 "/share",
	    c->id);
	ui_page_start_errors(r, w, "Share with a partner agency", e);
	ui_back_link(h, back);
	ui_heading(h, name, "Share with a partner agency");
	ui_para(h, "Everyone at the agency who works with children will be "
	    "able to read this record (but not change it) between these "
	    "dates.");
	ui_form_start(r, h, action);
	ui_select(h, e, "agency", "Agency", o->opt, o->n + 1, in->agency);
	ui_date(h, e, "start_date", "Start date", "For example, 2025-03-27.",
	    in->start);
	ui_date(h, e, "end_date", "End date", "Optional. Leave it empty to "
	    "share until someone ends it.", in->end);
	ui_textarea(h, e, "reason", "Why are you sharing this record?",
	    "Up to 500 characters.", in->reason);
	ui_button(h, "Share record");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_share(struct req *r, struct resp *w)
{
	struct agency_opts *o;
	struct child c;
	struct share_input in;
	char today[HDATE_LEN];
	int64_t id = web_id(r, 0);
	enum herr x;

	if (!share_gate(r, w, id))
		return;
	o = xcalloc(1, sizeof(*o));
	if ((x = store_child_get(r->st, id, &c)) == HERR_OK)
		x = load_agencies(r, o);
	in.agency = "";
	in.start = hdate_format(r->today, today);
	in.end = "";
	in.reason = "";
	if (web_found(r, w, x) && audit_view(r, w, AUDIT_VIEW, id))
		share_page(r, w, &c, o, &in, NULL);
	free(o);
}

static void
post_share(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct agency_opts *o;
	struct store_share *cur = NULL;
	const struct agency *ag = NULL;
	struct share_input in;
	struct child c;
	char reason[AUDIT_REASON_MAX + 1], audit[AUDIT_REASON_MAX + 1];
	int64_t id = web_id(r, 0), aid;
	hday start, end;
	int ncur = 0, totcur = 0;
	bool answered;
	enum herr x;

	if (!share_gate(r, w, id))
		return;
	o = xcalloc(1, sizeof(*o));
	if ((x = store_child_get(r->st, id, &c)) == HERR_OK)
		x = load_agencies(r, o);
	if (!web_found(r, w, x))
		goto out;
	in.agency = nz(form_get(&r->body, "agency"));
	in.start = nz(form_get(&r->body, "start_date"));
	in.end = nz(form_get(&r->body, "end_date"));
	in.reason = nz(form_get(&r->body, "reason"));
	if (!check_body(r, w, share_fields, NFIELDS(share_fields), diags, &e,
	    &answered)) {
		if (answered)
			goto out;
		goto again;
	}
	aid = form_id(in.agency);
	for (int i = 0; i < o->n; i++)
		if (o->a[i].id == aid)
			ag = &o->a[i];
	if (ag == NULL) {
		hdiag_set(&d, HERR_INVALID, "agency", in.agency, "Select an "
		    "agency from the list");
		add_error(diags, &e, &d);
		goto again;
	}
	start = form_day(in.start);
	end = form_day(in.end);
	if (end != HDAY_NONE && end < start) {
		hdiag_set(&d, HERR_INVALID, "end_date", in.end, "The end date "
		    "must be the same as or after the start date");
		add_error(diags, &e, &d);
		goto again;
	}
	if (end != HDAY_NONE && end < r->today) {
		hdiag_set(&d, HERR_INVALID, "end_date", in.end, "The end date "
		    "must be today or in the future");
		add_error(diags, &e, &d);
		goto again;
	}
	cur = xcalloc(SHARES_MAX, sizeof(*cur));
	if (store_child_shares(r->st, id, r->today, cur, SHARES_MAX, &ncur,
	    &totcur) != HERR_OK) {
		web_unavailable(r, w);
		goto out;
	}
	for (int i = 0; i < ncur; i++)
		if (cur[i].agency_id == aid && cur[i].end_date == HDAY_NONE) {
			hdiag_set(&d, HERR_INVALID, "agency", in.agency, "This "
			    "record is already shared with %s", ag->name);
			add_error(diags, &e, &d);
			goto again;
		}
	trimmed(reason, sizeof(reason), in.reason);
	snprintf(audit, sizeof(audit), "shared with %s", ag->name);
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = store_share_add(r->st, id, aid, r->who.staff_id, start, end,
	    reason, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_EDIT, id, audit))
			web_redirect(w, "/children/%" PRId64 "?saved=shared"
			    "#sharing", id);
		goto out;
	}
	store_rollback(r->st);
	if (x != HERR_INVALID) {
		web_unavailable(r, w);
		goto out;
	}
	add_error(diags, &e, &d);
again:
	if (audit_view(r, w, AUDIT_VIEW, id)) {
		w->status = 422;
		share_page(r, w, &c, o, &in, &e);
	}
out:
	free(cur);
	free(o);
}

struct restrict_opts {
	struct store_staff_pick s[STAFF_PICK_MAX];
	int n, total;
	int64_t chosen[STAFF_PICK_MAX + 1];
	int nchosen;
};

static bool
picked(const struct restrict_opts *o, int64_t staff)
{
	for (int i = 0; i < o->nchosen; i++)
		if (o->chosen[i] == staff)
			return true;
	return false;
}

static bool
candidate(const struct restrict_opts *o, int64_t staff)
{
	for (int i = 0; i < o->n; i++)
		if (o->s[i].id == staff)
			return true;
	return false;
}

static const struct form_field restrict_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "reason", "Reason", true, false, valid_share_reason,
	    AUDIT_REASON_MAX },
	{ "staff", "Who may see it", false, true, form_valid_int, 20 },
};

static void
restrict_page(struct req *r, struct resp *w, const struct child *c,
    const struct restrict_opts *o, const char *reason,
    const struct ui_errors *e)
{
	struct html *h = &w->body;
	char name[NAME_LEN], back[48], action[64], label[400];
	const char *err = ui_error_for(e, "staff");
	int k = 0;

	ui_full_name(name, c->given_name, c->family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64, c->id);
	snprintf(action, sizeof(action), "/children/%" PRId64 "/restrict",
	    c->id);
	ui_page_start_errors(r, w, "Restrict this record", e);
	ui_back_link(h, back);
	ui_heading(h, name, "Restrict this record");
	ui_para(h, "Only the people you name will be able to open this "
	    "record without giving a reason. Anyone else who works with the "
	    "child must give a reason, which is recorded and reviewed.");
	ui_form_start(r, h, action);
	ui_textarea(h, e, "reason", "Why does this record need to be "
	    "restricted?", "Up to 500 characters.", reason);
	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\" aria-describedby="
	    "\"staff-hint\"><legend class=\"govuk-fieldset__legend "
	    "govuk-fieldset__legend--s\">Who may open it without giving a "
	    "reason</legend><div id=\"staff-hint\" class=\"govuk-hint\">");
	html_textf(h, "You (%s) are named automatically.", r->who.display);
	html_lit(h, "</div>");
	if (err != NULL) {
		html_lit(h, "<p class=\"govuk-error-message\"><span class=\""
		    "govuk-visually-hidden\">Error:</span> ");
		html_text(h, err);
		html_lit(h, "</p>");
	}
	html_lit(h, "<div class=\"govuk-checkboxes\" data-module=\""
	    "govuk-checkboxes\">");
	for (int i = 0; i < o->n; i++) {
		const struct store_staff_pick *p = &o->s[i];

		if (p->id == r->who.staff_id)
			continue;
		snprintf(label, sizeof(label), "%s, %s (%.100s)", p->name,
		    role_label(p->role), p->team_name[0] ? p->team_name :
		    "no team");
		html_lit(h, "<div class=\"govuk-checkboxes__item\"><input "
		    "class=\"govuk-checkboxes__input\" type=\"checkbox\" "
		    "name=\"staff\"");
		if (k == 0)
			html_attr(h, "id", "staff");
		else
			html_attrf(h, "id", "staff-%d", k);
		html_attrf(h, "value", "%" PRId64, p->id);
		if (picked(o, p->id))
			html_lit(h, " checked");
		html_lit(h, "><label class=\"govuk-label "
		    "govuk-checkboxes__label\"");
		if (k == 0)
			html_attr(h, "for", "staff");
		else
			html_attrf(h, "for", "staff-%d", k);
		html_lit(h, ">");
		html_text(h, label);
		html_lit(h, "</label></div>");
		k++;
	}
	html_lit(h, "</div>");
	if (k == 0)
		ui_para(h, "Nobody else works with this child now.");
	html_lit(h, "</fieldset></div>\n");
	if (o->total > o->n)
		ui_inset(h, "Not everyone can be listed: only the first 500 "
		    "are shown.");
	ui_button(h, "Restrict record");
	ui_form_end(h);
	ui_page_end(r, w);
}

/* The child and whom a restriction may name; answers the request on
 * failure. */
static bool
restrict_load(struct req *r, struct resp *w, int64_t id, struct child *c,
    struct restrict_opts *o)
{
	enum herr x;

	if ((x = store_child_get(r->st, id, c)) == HERR_OK)
		x = store_restriction_candidates(r->st, id, r->today, o->s,
		    STAFF_PICK_MAX, &o->n, &o->total);
	return web_found(r, w, x);
}

static void
get_restrict(struct req *r, struct resp *w)
{
	struct restrict_opts *o;
	struct store_staff_pick *named;
	struct child c;
	int64_t id = web_id(r, 0);
	int n = 0, total = 0;

	if (!share_gate(r, w, id))
		return;
	o = xcalloc(1, sizeof(*o));
	named = xcalloc(NAMED_MAX, sizeof(*named));
	if (!restrict_load(r, w, id, &c, o))
		goto out;
	if (store_restriction_named(r->st, id, r->today, named, NAMED_MAX, &n,
	    &total) != HERR_OK) {
		web_unavailable(r, w);
		goto out;
	}
	for (int i = 0; i < n && o->nchosen < STAFF_PICK_MAX; i++)
		o->chosen[o->nchosen++] = named[i].id;
	if (audit_view(r, w, AUDIT_VIEW, id))
		restrict_page(r, w, &c, o, "", NULL);
out:
	free(named);
	free(o);
}

static void
post_restrict(struct req *r, struct resp *w)
{
	struct hdiag diags[MAX_ERRORS], d;
	struct ui_errors e = { diags, 0 };
	struct restrict_opts *o;
	struct child c;
	char reason[AUDIT_REASON_MAX + 1];
	const char *given = nz(form_get(&r->body, "reason"));
	int64_t id = web_id(r, 0);
	bool answered, bad = false;
	enum herr x;

	if (!share_gate(r, w, id))
		return;
	o = xcalloc(1, sizeof(*o));
	if (!restrict_load(r, w, id, &c, o))
		goto out;
	for (int i = 0; i < r->body.n; i++) {
		int64_t s;

		if (strcmp(r->body.pair[i].name, "staff") != 0)
			continue;
		s = form_id(r->body.pair[i].value);
		if (s != r->who.staff_id && !candidate(o, s))
			bad = true;
		else if (!picked(o, s) && o->nchosen < STAFF_PICK_MAX)
			o->chosen[o->nchosen++] = s;
	}
	if (!check_body(r, w, restrict_fields, NFIELDS(restrict_fields),
	    diags, &e, &answered)) {
		if (answered)
			goto out;
		goto again;
	}
	if (bad) {
		hdiag_set(&d, HERR_INVALID, "staff", "", "Select people from "
		    "the list");
		add_error(diags, &e, &d);
		goto again;
	}
	if (!picked(o, r->who.staff_id))
		o->chosen[o->nchosen++] = r->who.staff_id;
	trimmed(reason, sizeof(reason), given);
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = store_restriction_set(r->st, id, reason, r->who.staff_id, r->now,
	    o->chosen, o->nchosen, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_EDIT, id, "restricted the "
		    "record"))
			web_redirect(w, "/children/%" PRId64 "?saved="
			    "restricted", id);
		goto out;
	}
	store_rollback(r->st);
	if (x != HERR_INVALID) {
		web_unavailable(r, w);
		goto out;
	}
	add_error(diags, &e, &d);
again:
	if (audit_view(r, w, AUDIT_VIEW, id)) {
		w->status = 422;
		restrict_page(r, w, &c, o, given, &e);
	}
out:
	free(o);
}

/* ------------------------------------------------------- who viewed */

static void
get_who_viewed(struct req *r, struct resp *w)
{
	static const char *const cols[] = { "When", "Who", "Role", "What",
		"Reason given" };
	struct html *h = &w->body;
	struct audit_row *rows;
	struct child c;
	char name[NAME_LEN], back[48], when[40];
	int64_t id = web_id(r, 0);
	int n = 0, shown;

	if (!gate(r, w, id, ACCESS_VIEW, NULL))
		return;
	if (!access_audit_view(&r->who)) {
		web_not_found(r, w);
		return;
	}
	if (!web_found(r, w, store_child_get(r->st, id, &c)) ||
	    !audit_view(r, w, AUDIT_VIEW, id))
		return;
	rows = xcalloc(WHO_VIEWED_MAX, sizeof(*rows));
	if (store_audit_subject(r->st, SUBJECT_CHILD, id, rows,
	    WHO_VIEWED_MAX, &n) != HERR_OK) {
		free(rows);
		web_unavailable(r, w);
		return;
	}
	shown = n < WHO_VIEWED_MAX ? n : WHO_VIEWED_MAX;
	ui_full_name(name, c.given_name, c.family_name);
	snprintf(back, sizeof(back), "/children/%" PRId64, id);
	ui_page_start(r, w, "Who has viewed this record");
	ui_back_link(h, back);
	ui_heading(h, name, "Who has viewed this record");
	ui_para(h, "Everyone who has viewed, printed, changed or broken the "
	    "glass on this child's record, newest first. Check that each had "
	    "a reason to.");
	truncated(h, shown, n, "entries");
	ui_table_start(h, NULL, cols, 5);
	for (int i = 0; i < shown; i++) {
		const struct audit_row *a = &rows[i];
		enum staff_role role;
		const char *al = audit_action_label(a->action);

		ui_table_row_start(h);
		ui_table_cell(h, ui_time(a->at_ms / 1000, when, sizeof(when)));
		ui_table_cell(h, a->username);
		ui_table_cell(h, role_parse(a->role, &role, NULL, NULL) ==
		    HERR_OK ? role_label(role) : a->role);
		cell_start(h);
		if (a->action == AUDIT_BREAK_GLASS)
			ui_tag(h, al != NULL ? al : "Broke the glass", "red");
		else
			html_text(h, al != NULL ? al : "Unknown");
		cell_end(h);
		ui_table_cell(h, a->reason);
		ui_table_row_end(h);
	}
	ui_table_end(h);
	ui_page_end(r, w);
	free(rows);
}

const struct route page_child_routes[] = {
	{ "GET", "/children/new", get_new, 0 },
	{ "POST", "/children", post_new, 0 },
	{ "GET", "/children/{id}", get_child, 0 },
	{ "GET", "/children/{id}/print", get_print, 0 },
	{ "GET", "/children/{id}/edit", get_edit, 0 },
	{ "POST", "/children/{id}/edit", post_edit, 0 },
	{ "GET", "/children/{id}/relationships/new", get_rel, 0 },
	{ "POST", "/children/{id}/relationships/new", post_rel, 0 },
	{ "GET", "/children/{id}/allocations/new", get_alloc, 0 },
	{ "POST", "/children/{id}/allocations/new", post_alloc, 0 },
	{ "POST", "/children/{id}/allocations/{id}/end", post_alloc_end, 0 },
	{ "POST", "/children/{id}/chronology", post_chronology, 0 },
	{ "GET", "/children/{id}/break-glass", get_glass, 0 },
	{ "POST", "/children/{id}/break-glass", post_glass, 0 },
	{ "GET", "/children/{id}/who-viewed", get_who_viewed, 0 },
	{ "GET", "/children/{id}/share", get_share, 0 },
	{ "POST", "/children/{id}/share", post_share, 0 },
	{ "GET", "/children/{id}/restrict", get_restrict, 0 },
	{ "POST", "/children/{id}/restrict", post_restrict, 0 },
	{ NULL, NULL, NULL, 0 },
};
