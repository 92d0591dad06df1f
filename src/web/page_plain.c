/*
 * page_plain.c: the plain-language list (core/plain.h) on the
 * administration pages, and a box to check some text against it.
 *
 *   GET  /admin/plain-language          the built-in terms (read-only), the
 *                                       authority's own, a form to add one
 *   POST /admin/plain-language          add a term (or replace the
 *                                       suggestion of one already there)
 *   POST /admin/plain-language/remove   remove one of the authority's terms
 *   GET  /admin/plain-language/check    a box to paste text into
 *   POST /admin/plain-language/check    the flags for that text
 *
 * The list is the administrators' (access_admin); to anyone else those
 * pages are "Page not found", as the other administration pages are.
 * Checking text is for any signed-in member of staff: it shows advice,
 * stores nothing and reads no record, so it is not audited.  Each change
 * to the list commits in one transaction with its audit row.  A bad term,
 * or a new one once the list holds PLAIN_TERMS_MAX, is refused with an
 * error naming the field and what was typed kept; nothing is saved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_plain.h"
#include "web/plain_view.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DIAGS 6
#define CHECK_TEXT_MAX FORM_VALUE_MAX

/* ------------------------------------------------------------ helpers */

static bool
admin(struct req *r, struct resp *w)
{
	if (access_admin(&r->who))
		return true;
	web_not_found(r, w);
	return false;
}

/* Refuse (400) a form that holds a field the handler did not declare. */
static bool
known(struct req *r, struct resp *w, const struct form *f,
    const struct form_field *fields, int n)
{
	char why[160];

	for (int i = 0; i < f->n; i++) {
		int k;

		for (k = 0; k < n; k++)
			if (strcmp(f->pair[i].name, fields[k].name) == 0)
				break;
		if (k == n) {
			snprintf(why, sizeof(why), "Remove the unknown field "
			    "'%s'.", f->pair[i].name);
			web_bad_request(r, w, why);
			return false;
		}
	}
	return true;
}

static void
add_problem(struct ui_errors *e, struct hdiag *room, const char *field,
    const char *msg)
{
	if (e->n >= DIAGS)
		return;
	hdiag_set(&room[e->n++], HERR_INVALID, field, "", "%s", msg);
}

/* The audit row of this change, then commit; rolls back on failure. */
static enum herr
audit_commit(struct req *r)
{
	struct audit_row row;
	enum herr e;

	web_audit_row(r, &row, AUDIT_ADMIN, SUBJECT_NONE, 0, NULL);
	if ((e = store_audit_append(r->st, &row, 1)) == HERR_OK)
		e = store_commit(r->st);
	if (e != HERR_OK)
		store_rollback(r->st);
	return e;
}

/*
 * The validators of the two fields of a term, each through
 * plain_term_valid with the other half a known good value, so that the
 * message lands on the field that is wrong.
 */
static enum herr
valid_term(const char *v, const char *label, struct hdiag *d)
{
	struct plain_term t;
	char why[200];

	(void)label;
	memset(&t, 0, sizeof(t));
	t.plain[0] = 'x';
	if (text_copy(t.term, sizeof(t.term), v) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, "term", v, "The word or "
		    "phrase must be %d characters or fewer", PLAIN_TERM_MAX);
	if (!plain_term_valid(&t, why, sizeof(why)))
		return hdiag_set(d, HERR_INVALID, "term", v, "%s", why);
	return HERR_OK;
}

static enum herr
valid_plain(const char *v, const char *label, struct hdiag *d)
{
	struct plain_term t;
	char why[200];

	(void)label;
	memset(&t, 0, sizeof(t));
	t.term[0] = 'x';
	if (text_copy(t.plain, sizeof(t.plain), v) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, "plain", "", "The plain "
		    "alternative must be %d characters or fewer",
		    PLAIN_SUGGESTION_MAX);
	if (!plain_term_valid(&t, why, sizeof(why)))
		return hdiag_set(d, HERR_INVALID, "plain", "", "%s", why);
	return HERR_OK;
}

/* Any text a family-facing field could hold, over several lines. */
static enum herr
valid_text(const char *v, const char *label, struct hdiag *d)
{
	return text_check("text", label, v, CHECK_TEXT_MAX, TEXT_MULTILINE,
	    d);
}

static const struct form_field add_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	/* No byte limit here: the validators say what the limit is. */
	{ "term", "Word or phrase", true, false, valid_term, 0 },
	{ "plain", "Plain alternative", true, false, valid_plain, 0 },
};

static const struct form_field remove_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "term", "Word or phrase", true, false, NULL, PLAIN_TERM_MAX },
};

static const struct form_field check_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "text", "Text to check", true, false, valid_text, CHECK_TEXT_MAX },
};

static const struct form_field list_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

/* ------------------------------------------------------------ pages */

static void
check_form(struct req *r, struct html *h, const struct ui_errors *e,
    const char *text)
{
	ui_form_start(r, h, "/admin/plain-language/check");
	ui_textarea(h, e, "text", "Text to check", "Paste a danger statement, "
	    "a goal, part of a plan or minutes. Nothing you paste is kept.",
	    text);
	ui_button(h, "Check text");
	ui_form_end(h);
}

static void
own_terms(struct req *r, struct html *h, const struct plain_term *t, int n)
{
	static const char *const head[] = { "Word or phrase",
		"Plain alternative", "" };

	html_lit(h, "<h2 class=\"govuk-heading-m\">Your authority's terms"
	    "</h2>");
	if (n == 0) {
		ui_para(h, "Your authority has not added any terms yet. Only "
		    "the built-in list below is used.");
		return;
	}
	ui_table_start(h, NULL, head, NFIELDS(head));
	for (int i = 0; i < n; i++) {
		ui_table_row_start(h);
		ui_table_cell(h, t[i].term);
		ui_table_cell(h, t[i].plain);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		ui_form_start(r, h, "/admin/plain-language/remove");
		ui_hidden(h, "term", t[i].term);
		html_lit(h, "<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary govuk-!-margin-bottom-0\">Remove"
		    "<span class=\"govuk-visually-hidden\"> ");
		html_text(h, t[i].term);
		html_lit(h, "</span></button>");
		ui_form_end(h);
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
builtin_terms(struct html *h)
{
	static const char *const head[] = { "Word or phrase",
		"Plain alternative" };
	const struct plain_term *t;
	int n = 0;

	t = plain_default_terms(&n);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Built-in terms</h2>");
	ui_para(h, "These come with hearth and cannot be removed. To give one "
	    "a different suggestion, add it above with your own.");
	ui_table_start(h, NULL, head, NFIELDS(head));
	for (int i = 0; i < n; i++) {
		ui_table_row_start(h);
		ui_table_cell(h, t[i].term);
		ui_table_cell(h, t[i].plain);
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

/* The list page; `e` and the body's values when an addition was refused. */
static void
list_page(struct req *r, struct resp *w, const struct ui_errors *e)
{
	struct html *h = &w->body;
	struct plain_term *terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
	const char *saved = form_get(&r->query, "saved");
	int n = 0;

	if (store_plain_terms(r->st, terms, PLAIN_TERMS_MAX, &n) != HERR_OK) {
		free(terms);
		web_unavailable(r, w);
		return;
	}
	ui_page_start_errors(r, w, "Plain language", e);
	ui_heading(h, "Administration", "Plain language");
	if (saved != NULL && strcmp(saved, "added") == 0)
		ui_success(h, "Term saved", NULL);
	else if (saved != NULL && strcmp(saved, "removed") == 0)
		ui_success(h, "Term removed", NULL);
	ui_para(h, "Everything written for a family (danger statements, goals, "
	    "the plan and the minutes) is checked as it is written for jargon "
	    "and professional labels, and for sentences longer than 25 words. "
	    "Each is shown to the author with a plainer alternative. Nothing "
	    "is ever blocked.");
	own_terms(r, h, terms, n);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Add a term</h2>");
	ui_form_start(r, h, "/admin/plain-language");
	ui_input(h, e, "term", "Word or phrase", "Letters, numbers, spaces, "
	    "hyphens and apostrophes. Adding a built-in term replaces its "
	    "suggestion.", e != NULL ? form_get(&r->body, "term") : NULL,
	    UI_W_20);
	ui_input(h, e, "plain", "Plain alternative", "What to write instead, "
	    "in words a parent or a child would use",
	    e != NULL ? form_get(&r->body, "plain") : NULL, UI_W_FULL);
	ui_button(h, "Add term");
	ui_form_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Check some text</h2>");
	check_form(r, h, NULL, NULL);
	builtin_terms(h);
	ui_page_end(r, w);
	free(terms);
}

static void
get_list(struct req *r, struct resp *w)
{
	if (!admin(r, w) || !known(r, w, &r->query, list_query,
	    NFIELDS(list_query)))
		return;
	list_page(r, w, NULL);
}

/* Whether the authority's list is full and `term` is not on it already
 * (adding it would replace, not add). */
static enum herr
list_full(struct req *r, const char *term, bool *full)
{
	struct plain_term *t = xcalloc(PLAIN_TERMS_MAX, sizeof(*t));
	enum herr e;
	int n = 0;

	*full = false;
	e = store_plain_terms(r->st, t, PLAIN_TERMS_MAX, &n);
	if (e == HERR_OK && n >= PLAIN_TERMS_MAX) {
		*full = true;
		for (int i = 0; i < n && *full; i++)
			if (strcasecmp(t[i].term, term) == 0)
				*full = false;
	}
	free(t);
	return e;
}

static void
post_add(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS];
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct plain_term t;
	enum herr err;
	bool full = false;

	if (!admin(r, w) || !known(r, w, f, add_fields, NFIELDS(add_fields)))
		return;
	(void)!form_check(f, add_fields, NFIELDS(add_fields), room, DIAGS,
	    &e.n);
	if (e.n > 0) {
		w->status = 422;
		list_page(r, w, &e);
		return;
	}
	memset(&t, 0, sizeof(t));
	if (text_copy(t.term, sizeof(t.term), form_get(f, "term")) !=
	    HERR_OK || text_copy(t.plain, sizeof(t.plain), form_get(f,
	    "plain")) != HERR_OK) {
		web_bad_request(r, w, "The term is too long.");
		return;
	}
	if (!web_begin(r, w))
		return;
	/* The list the checker reads is PLAIN_TERMS_MAX long: refuse a new
	 * term past it rather than keep one that would never be used. */
	if ((err = list_full(r, t.term, &full)) == HERR_OK && full) {
		store_rollback(r->st);
		add_problem(&e, room, "term", "Your authority already has 400 "
		    "terms, the most there can be. Remove one before adding "
		    "another");
		w->status = 422;
		list_page(r, w, &e);
		return;
	}
	if (err == HERR_OK)
		err = store_plain_term_set(r->st, &t, r->who.staff_id,
		    r->now);
	if (err != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return;
	}
	if (audit_commit(r) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	web_redirect(w, "/admin/plain-language?saved=added");
}

static void
post_remove(struct req *r, struct resp *w)
{
	struct hdiag d;
	enum herr err;
	int n = 0;

	if (!admin(r, w) || !known(r, w, &r->body, remove_fields,
	    NFIELDS(remove_fields)))
		return;
	if (form_check(&r->body, remove_fields, NFIELDS(remove_fields), &d, 1,
	    &n) != HERR_OK) {
		web_bad_request(r, w, d.msg);
		return;
	}
	if (!web_begin(r, w))
		return;
	err = store_plain_term_remove(r->st, form_get(&r->body, "term"));
	if (err == HERR_NOTFOUND) {
		store_rollback(r->st);
		web_not_found(r, w);
		return;
	}
	if (err != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return;
	}
	if (audit_commit(r) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	web_redirect(w, "/admin/plain-language?saved=removed");
}

/* The check page: the box, and under it the flags for `text` (if any). */
static void
check_page(struct req *r, struct resp *w, const struct ui_errors *e,
    const char *text)
{
	struct html *h = &w->body;
	struct plain_term *terms = NULL;
	int n_terms, flags = 0;

	ui_page_start_errors(r, w, "Check text for plain language", e);
	if (access_admin(&r->who))
		ui_back_link(h, "/admin/plain-language");
	ui_heading(h, NULL, "Check text for plain language");
	ui_para(h, "Paste text written for a family to see each word or label "
	    "that has a plainer alternative, and each sentence longer than 25 "
	    "words.");
	if (text != NULL && (e == NULL || e->n == 0)) {
		terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
		n_terms = plain_view_terms(r, terms);
		flags = plain_view_flags(h, "this text", text, terms, n_terms);
		if (flags == 0)
			ui_inset(h, "Nothing to flag: this text reads "
			    "plainly.");
		free(terms);
	}
	check_form(r, h, e, text);
	ui_page_end(r, w);
}

static void
get_check(struct req *r, struct resp *w)
{
	if (!known(r, w, &r->query, NULL, 0))
		return;
	check_page(r, w, NULL, NULL);
}

static void
post_check(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS];
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;

	if (!known(r, w, f, check_fields, NFIELDS(check_fields)))
		return;
	(void)!form_check(f, check_fields, NFIELDS(check_fields), room, DIAGS,
	    &e.n);
	if (e.n > 0)
		w->status = 422;
	check_page(r, w, &e, form_get(f, "text"));
}

const struct route page_plain_routes[] = {
	{ "GET", "/admin/plain-language", get_list, 0 },
	{ "POST", "/admin/plain-language", post_add, 0 },
	{ "POST", "/admin/plain-language/remove", post_remove, 0 },
	{ "GET", "/admin/plain-language/check", get_check, 0 },
	{ "POST", "/admin/plain-language/check", post_check, 0 },
	{ NULL, NULL, NULL, 0 },
};
