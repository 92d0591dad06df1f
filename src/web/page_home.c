/*
 * page_home.c: "My work" and search, the two ways into a child's record.
 *
 * My work lists what the signed-in member of staff is linked to: the
 * steps of their children's journeys that are overdue or due in the next
 * 5 working days (for a team manager, their teams' by worker), the
 * children allocated to them (directly, or through a family), the records
 * shared with a partner's agency, and for a team manager the break-glass
 * reviews of their teams.  Search finds children by name, date of birth,
 * LA child id or UPN.
 *
 * Every child a list could name passes web_child_access first: the store
 * returns candidates, core/access decides, and a denied child is neither
 * shown nor counted, so neither page tells anyone a record exists that
 * they could not open.  A search writes one audit row (never its text);
 * My work needs none, as it only names records the user is linked to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/mem.h"
#include "core/timescale.h"
#include "store/store_auth.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "web/router.h"
#include "web/search.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define WORK_LIMIT 1000		/* rows of My work looked at */
#define GLASS_LIMIT 100		/* break-glass rows on My work */
#define DUE_LIMIT 500		/* due items looked at, per list */
#define DUE_AHEAD 5		/* working days ahead My work looks */

/* The name of a query field the page does not take, or NULL. */
static const char *
unknown_field(const struct form *f, const struct form_field *fields, int n)
{
	for (int i = 0; i < f->n; i++) {
		int k;

		for (k = 0; k < n; k++)
			if (strcmp(f->pair[i].name, fields[k].name) == 0)
				break;
		if (k == n)
			return f->pair[i].name;
	}
	return NULL;
}

static bool
query_known(struct req *r, struct resp *w, const struct form_field *fields,
    int n)
{
	const char *bad = unknown_field(&r->query, fields, n);
	char why[160];

	if (bad == NULL)
		return true;
	snprintf(why, sizeof(why), "This page does not take '%s'.", bad);
	web_bad_request(r, w, why);
	return false;
}

static bool
body_known(struct req *r, struct resp *w, const struct form_field *fields,
    int n)
{
	const char *bad = unknown_field(&r->body, fields, n);
	char why[160];

	if (bad == NULL)
		return true;
	snprintf(why, sizeof(why), "Remove the unknown field '%s'.", bad);
	web_bad_request(r, w, why);
	return false;
}

/* "12 March 2015", "Expected 1 May 2025" or "Not known". */
static const char *
birth_text(const struct dir_child *c, char *buf, size_t cap)
{
	char d[32];

	if (c->birth_date != HDAY_NONE)
		return ui_date_long(c->birth_date, buf, cap);
	if (c->expected_birth_date != HDAY_NONE) {
		snprintf(buf, cap, "Expected %s",
		    ui_date_long(c->expected_birth_date, d, sizeof(d)));
		return buf;
	}
	return "Not known";
}

/* A table cell naming the child, linked, with a tag when restricted. */
static void
child_cell(struct html *h, const struct dir_child *c)
{
	char href[40], name[DIR_NAME_MAX];

	snprintf(href, sizeof(href), "/children/%lld", (long long)c->id);
	snprintf(name, sizeof(name), "%s %s", c->given_name, c->family_name);
	html_lit(h, "<td class=\"govuk-table__cell\">");
	ui_link(h, href, name);
	if (c->restricted) {
		html_lit(h, " ");
		ui_tag(h, "Restricted", "red");
	}
	html_lit(h, "</td>");
}

/* ------------------------------------------------------------ due work */

/* Open due items (timescale.h) of one list, those the user may see. */
struct due_rows {
	struct store_due *d;	/* heap, DUE_LIMIT */
	int n;			/* shown */
	int total;		/* all that matched, before access */
	int overdue;
};

/*
 * The tag saying how an open item stands today: red "Overdue by N
 * working days", "Due today", or "Due in N working days".  An item falls
 * due at the end of its due date, so one due at a weekend is still "due
 * today" on the Friday before.
 */
static void
due_tag(struct html *h, const struct due_item *it, hday today)
{
	char text[64];
	int n = 0;

	if (it->due < today) {
		n = due_item_days_late(it, today);
		if (n > 0)
			snprintf(text, sizeof(text), "Overdue by %d working "
			    "day%s", n, n == 1 ? "" : "s");
		else
			snprintf(text, sizeof(text), "Overdue");
		ui_tag(h, text, "red");
		return;
	}
	if (calendar_working_days_between(today, it->due, &n) != HERR_OK ||
	    n <= 0) {
		ui_tag(h, "Due today", "orange");
		return;
	}
	snprintf(text, sizeof(text), "Due in %d working day%s", n,
	    n == 1 ? "" : "s");
	ui_tag(h, text, "blue");
}

/* Read the items of filter f into l, keeping only the children the user
 * may open (a denied child is neither shown nor counted). */
static enum herr
due_load(struct req *r, const struct due_filter *f, struct due_rows *l)
{
	int n = 0;
	enum herr e;

	l->n = l->overdue = 0;
	e = store_due_list(r->st, f, l->d, DUE_LIMIT, &n, &l->total);
	if (e != HERR_OK)
		return e;
	for (int i = 0; i < n && i < DUE_LIMIT; i++) {
		if (web_child_access(r, l->d[i].item.child_id, ACCESS_VIEW,
		    NULL) == ACCESS_DENY)
			continue;
		if (l->d[i].item.due < r->today)
			l->overdue++;
		l->d[l->n++] = l->d[i];
	}
	return HERR_OK;
}

/* One table of items, in the store's order (due date, so overdue first);
 * only worker `worker` when that is not -1. */
static void
due_table(struct req *r, struct html *h, const char *caption,
    const struct due_rows *l, int64_t worker)
{
	static const char *const head[] = { "Child", "Step", "Clock started",
		"Due", "Status" };
	char href[40], buf[32];

	ui_table_start(h, caption, head, NFIELDS(head));
	for (int i = 0; i < l->n; i++) {
		const struct store_due *d = &l->d[i];

		if (worker != -1 && d->worker_id != worker)
			continue;
		ui_table_row_start(h);
		snprintf(href, sizeof(href), "/children/%lld",
		    (long long)d->item.child_id);
		ui_table_cell_link(h, href, d->child_name);
		ui_table_cell(h, due_step_label(d->item.step));
		ui_table_cell(h, ui_date_long(d->item.from, buf, sizeof(buf)));
		ui_table_cell(h, ui_date_long(d->item.due, buf, sizeof(buf)));
		html_lit(h, "<td class=\"govuk-table__cell\">");
		due_tag(h, &d->item, r->today);
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

/* "2 overdue and 3 due in the next 5 working days." */
static void
due_summary(struct html *h, const struct due_rows *l)
{
	int soon = l->n - l->overdue;

	if (l->n == 0) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_textf(h, "Nothing is overdue and nothing is due in the "
		    "next %d working days.", DUE_AHEAD);
		html_lit(h, "</p>");
		return;
	}
	html_lit(h, "<p class=\"govuk-body\">");
	if (l->overdue > 0)
		html_textf(h, "%d overdue", l->overdue);
	if (l->overdue > 0 && soon > 0)
		html_lit(h, " and ");
	if (soon > 0)
		html_textf(h, "%d due in the next %d working days", soon,
		    DUE_AHEAD);
	html_lit(h, ".</p>");
	if (l->total > DUE_LIMIT)
		ui_inset(h, "Only the items due soonest are listed: there are "
		    "more than this page shows.");
}

/* A team's items, one table per worker (by name), each in due order. */
static void
due_by_worker(struct req *r, struct html *h, const struct due_rows *l)
{
	int *first = xcalloc((size_t)l->n + 1, sizeof(*first));
	int nw = 0;

	for (int i = 0; i < l->n; i++) {
		int k;

		for (k = 0; k < nw; k++)
			if (l->d[first[k]].worker_id == l->d[i].worker_id)
				break;
		if (k < nw)
			continue;
		/* Insert in order of name (then id). */
		for (k = nw; k > 0; k--) {
			const struct store_due *a = &l->d[first[k - 1]];
			int c = strcmp(a->worker_name, l->d[i].worker_name);

			if (c < 0 || (c == 0 && a->worker_id <
			    l->d[i].worker_id))
				break;
			first[k] = first[k - 1];
		}
		first[k] = i;
		nw++;
	}
	for (int k = 0; k < nw; k++) {
		const struct store_due *d = &l->d[first[k]];
		char caption[CASE_STAFF_NAME_MAX + USERNAME_MAX + 8];
		struct staff st;

		snprintf(caption, sizeof(caption), "%s", d->worker_id > 0 &&
		    d->worker_name[0] ? d->worker_name : "No allocated worker");
		/* Two workers of one name: say which is which. */
		if (d->worker_id > 0 && ((k > 0 && strcmp(d->worker_name,
		    l->d[first[k - 1]].worker_name) == 0) || (k + 1 < nw &&
		    strcmp(d->worker_name, l->d[first[k + 1]].worker_name) ==
		    0)) && store_staff_get(r->st, d->worker_id, &st) == HERR_OK)
			snprintf(caption, sizeof(caption), "%s (%s)",
			    d->worker_name, st.username);
		due_table(r, h, caption, l, d->worker_id);
	}
	free(first);
}

/*
 * What is overdue or due in the next 5 working days: a worker's own
 * children, or for a team manager each of their teams' by worker.
 */
static enum herr
due_work(struct req *r, struct html *h)
{
	struct due_rows l;
	struct due_filter f;
	enum herr e;
	hday until;

	if ((e = calendar_add_working_days(r->today, DUE_AHEAD, &until)) !=
	    HERR_OK)
		return e;
	memset(&f, 0, sizeof(f));
	f.until = until;
	f.today = r->today;
	memset(&l, 0, sizeof(l));
	l.d = xcalloc(DUE_LIMIT, sizeof(*l.d));
	if (r->who.role != ROLE_TEAM_MANAGER) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Due and overdue"
		    "</h2>");
		f.worker_id = r->who.staff_id;
		if ((e = due_load(r, &f, &l)) == HERR_OK) {
			due_summary(h, &l);
			if (l.n > 0)
				due_table(r, h, NULL, &l, -1);
		}
		free(l.d);
		return e;
	}
	for (int t = 0; t < r->who.n_teams && e == HERR_OK; t++) {
		struct team team;

		if ((e = store_dir_team_get(r->st, r->who.team_ids[t],
		    &team)) != HERR_OK)
			break;
		html_lit(h, "<h2 class=\"govuk-heading-m\">Due and overdue: ");
		html_text(h, team.name);
		html_lit(h, "</h2>");
		f.team_id = team.id;
		if ((e = due_load(r, &f, &l)) != HERR_OK)
			break;
		due_summary(h, &l);
		due_by_worker(r, h, &l);
	}
	if (e == HERR_OK && r->who.n_teams == 0) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Due and overdue"
		    "</h2>");
		ui_para(h, "You are not a member of any team at the moment, so "
		    "there is no team work to show.");
	}
	free(l.d);
	return e;
}

/* ------------------------------------------------------------ my work */

enum work_kind { WORK_ALLOCATED, WORK_SHARED };

struct work_list {
	struct req *r;
	struct html *h;
	enum work_kind kind;
	int shown;
};

static bool
work_row(const struct dir_child *c, void *ctx)
{
	static const char *const allocated[] = { "Name", "LA child id",
		"Date of birth", "Family", "Allocated since" };
	static const char *const shared[] = { "Name", "LA child id",
		"Date of birth", "Shared since" };
	struct work_list *l = ctx;
	char buf[48];

	if (web_child_access(l->r, c->id, ACCESS_VIEW, NULL) == ACCESS_DENY)
		return true;
	if (l->shown++ == 0) {
		if (l->kind == WORK_ALLOCATED)
			ui_table_start(l->h, "Children allocated to you",
			    allocated, NFIELDS(allocated));
		else
			ui_table_start(l->h, "Records shared with your agency",
			    shared, NFIELDS(shared));
	}
	ui_table_row_start(l->h);
	child_cell(l->h, c);
	ui_table_cell(l->h, c->la_child_id);
	ui_table_cell(l->h, birth_text(c, buf, sizeof(buf)));
	if (l->kind == WORK_ALLOCATED && c->household_id > 0 &&
	    web_household_access(l->r, c->household_id, ACCESS_VIEW) !=
	    ACCESS_DENY) {
		char href[40];

		snprintf(href, sizeof(href), "/families/%lld",
		    (long long)c->household_id);
		ui_table_cell_link(l->h, href, c->household);
	} else if (l->kind == WORK_ALLOCATED)
		ui_table_cell(l->h, c->household_id > 0 ? c->household :
		    "Allocated to the child");
	ui_table_cell(l->h, ui_date_long(c->since, buf, sizeof(buf)));
	ui_table_row_end(l->h);
	return true;
}

struct glass_list {
	struct req *r;
	struct html *h;
	int shown;
};

static bool
glass_row(const struct dir_glass *g, void *ctx)
{
	static const char *const head[] = { "Who", "Child", "Reason", "When",
		"Review" };
	struct glass_list *l = ctx;
	struct html *h = l->h;
	char href[64], when[32];

	if (web_child_access(l->r, g->child_id, ACCESS_VIEW, NULL) ==
	    ACCESS_DENY)
		return true;
	if (l->shown++ == 0)
		ui_table_start(h, NULL, head, NFIELDS(head));
	ui_table_row_start(h);
	ui_table_cell(h, g->staff);
	snprintf(href, sizeof(href), "/children/%lld", (long long)g->child_id);
	ui_table_cell_link(h, href, g->child);
	ui_table_cell(h, g->reason);
	ui_table_cell(h, ui_time(g->at, when, sizeof(when)));
	html_lit(h, "<td class=\"govuk-table__cell\">");
	if (g->reviewed_at != 0) {
		html_textf(h, "Reviewed by %s, ", g->reviewer);
		html_text(h, ui_time(g->reviewed_at, when, sizeof(when)));
	} else if (g->staff_id == l->r->who.staff_id) {
		html_lit(h, "Your own: another manager reviews it");
	} else {
		snprintf(href, sizeof(href), "/break-glass/%lld/reviewed",
		    (long long)g->id);
		ui_form_start(l->r, h, href);
		html_lit(h, "<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary govuk-!-margin-bottom-0\">"
		    "Mark as reviewed</button>");
		ui_form_end(h);
	}
	html_lit(h, "</td>");
	ui_table_row_end(h);
	return true;
}

static const struct form_field home_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

static void
work_saved(struct req *r, struct html *h)
{
	const char *v = form_get(&r->query, "saved");

	if (v == NULL)
		return;
	if (strcmp(v, "reviewed") == 0)
		ui_success(h, "Break-glass access marked as reviewed", NULL);
	else if (strcmp(v, "already-reviewed") == 0)
		ui_success(h, "Another manager had already reviewed that "
		    "break-glass access", NULL);
}

static void
get_home(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct work_list wl = { r, h, WORK_ALLOCATED, 0 };
	struct glass_list gl = { r, h, 0 };
	enum herr e = HERR_OK;

	if (!query_known(r, w, home_query, NFIELDS(home_query)))
		return;
	ui_page_start(r, w, "My work");
	ui_heading(h, r->who.display, "My work");
	work_saved(r, h);
	if (r->who.role == ROLE_ADMINISTRATOR) {
		ui_para(h, "You manage who can use this service: staff "
		    "accounts, their roles and the teams they belong to. Your "
		    "role does not give access to children's records.");
		html_lit(h, "<ul class=\"govuk-list\"><li>");
		ui_link(h, "/admin/users", "Users");
		html_lit(h, "</li><li>");
		ui_link(h, "/admin/teams", "Teams");
		html_lit(h, "</li><li>");
		ui_link(h, "/admin/intervals", "Local timescales");
		html_lit(h, "</li><li>");
		ui_link(h, "/admin/plain-language", "Plain language");
		html_lit(h, "</li></ul>");
		ui_page_end(r, w);
		return;
	}
	if (!access_case_role(r->who.role) && r->who.role !=
	    ROLE_PARTNER_PRACTITIONER) {
		ui_para(h, "You work with the service's figures. Your role "
		    "does not give access to children's records.");
		html_lit(h, "<ul class=\"govuk-list\"><li>");
		ui_link(h, "/teams", "Teams and their timeliness");
		html_lit(h, "</li></ul>");
		ui_page_end(r, w);
		return;
	}
	if (r->who.role == ROLE_PARTNER_PRACTITIONER) {
		wl.kind = WORK_SHARED;
		e = store_dir_shared_children(r->st, r->who.agency_id,
		    r->today, WORK_LIMIT, work_row, &wl);
		if (e == HERR_OK && wl.shown == 0)
			ui_para(h, "No records are shared with your agency at "
			    "the moment.");
	} else {
		e = due_work(r, h);
		if (e == HERR_OK)
			e = store_dir_my_children(r->st, r->who.staff_id,
			    r->today, WORK_LIMIT, work_row, &wl);
		if (e == HERR_OK && wl.shown == 0) {
			html_lit(h, "<h2 class=\"govuk-heading-m\">Children "
			    "allocated to you</h2>");
			ui_para(h, "No children or families are allocated to "
			    "you at the moment.");
		}
	}
	if (wl.shown > 0)
		ui_table_end(h);
	if (e == HERR_OK && access_audit_view(&r->who)) {
		html_lit(h, "<h2 class=\"govuk-heading-m\">Break-glass reviews"
		    "</h2>");
		ui_para(h, "Staff in your teams who opened a restricted record "
		    "by giving a reason. Check each reason was good enough.");
		e = store_dir_glass_for_manager(r->st, r->who.staff_id,
		    r->today, GLASS_LIMIT, glass_row, &gl);
		if (gl.shown > 0)
			ui_table_end(h);
		else if (e == HERR_OK)
			ui_para(h, "There is nothing to review.");
	}
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_page_end(r, w);
}

static const struct form_field review_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
};

static void
post_glass_reviewed(struct req *r, struct resp *w)
{
	struct hdiag d;
	struct dir_glass g;
	struct audit_row row;
	enum herr e;
	int n = 0;

	if (!body_known(r, w, review_fields, NFIELDS(review_fields)))
		return;
	if (form_check(&r->body, review_fields, NFIELDS(review_fields), &d, 1,
	    &n) != HERR_OK) {
		web_bad_request(r, w, d.msg);
		return;
	}
	if (!access_audit_view(&r->who)) {
		web_not_found(r, w);
		return;
	}
	e = store_dir_glass_get(r->st, r->who.staff_id, r->today,
	    web_id(r, 0), &g);
	if (e == HERR_NOTFOUND || (e == HERR_OK && web_child_access(r,
	    g.child_id, ACCESS_VIEW, NULL) == ACCESS_DENY)) {
		web_not_found(r, w);
		return;
	}
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	if (g.staff_id == r->who.staff_id) {
		web_forbidden(r, w, "You cannot review your own break-glass "
		    "access. Another manager in your team will review it.");
		return;
	}
	if (g.reviewed_at != 0) {
		web_redirect(w, "/?saved=already-reviewed");
		return;
	}
	web_audit_row(r, &row, AUDIT_ADMIN, SUBJECT_CHILD, g.child_id, NULL);
	if (!web_begin(r, w))
		return;
	e = store_dir_glass_review(r->st, g.id, r->who.staff_id, r->now);
	if (e == HERR_OK)
		e = store_audit_append(r->st, &row, 1);
	if (e == HERR_OK)
		e = store_commit(r->st);
	if (e != HERR_OK) {
		store_rollback(r->st);
		if (e == HERR_CONFLICT)
			web_redirect(w, "/?saved=already-reviewed");
		else
			web_unavailable(r, w);
		return;
	}
	web_redirect(w, "/?saved=reviewed");
}

/* ------------------------------------------------------------ search */

static void
search_form(struct html *h, const struct ui_errors *e, const char *text,
    const char *dob)
{
	html_lit(h, "<form method=\"get\" action=\"/search\" novalidate "
	    "role=\"search\">");
	ui_input(h, e, "q", "Name, LA child id or UPN", "For example, Amy "
	    "Smith, or the start of a name", text, UI_W_20);
	ui_date(h, e, "dob", "Date of birth (optional)", NULL, dob);
	ui_button(h, "Search");
	html_lit(h, "</form>\n");
}

static void
results(struct html *h, const struct search_result *f)
{
	static const char *const head[] = { "Name", "LA child id",
		"Date of birth" };
	char buf[48];

	html_lit(h, "<h2 class=\"govuk-heading-m\">");
	if (f->n == 0)
		html_lit(h, "No children found");
	else if (f->n == 1)
		html_lit(h, "1 child found");
	else if (f->more)
		html_lit(h, "More than 50 children found");
	else
		html_textf(h, "%d children found", f->n);
	html_lit(h, "</h2>\n");
	if (f->more)
		ui_inset(h, "Showing the first 50 results. Add more detail to "
		    "narrow the search.");
	else if (f->capped)
		ui_inset(h, "Not every possible match could be checked. Add "
		    "more detail to narrow the search.");
	if (f->n == 0) {
		ui_para(h, "Check the spelling, try fewer letters of a name, "
		    "or search by date of birth. You only see children you "
		    "work with or whose records are shared with you.");
		return;
	}
	ui_table_start(h, NULL, head, NFIELDS(head));
	for (int i = 0; i < f->n; i++) {
		ui_table_row_start(h);
		child_cell(h, &f->rows[i]);
		ui_table_cell(h, f->rows[i].la_child_id);
		ui_table_cell(h, birth_text(&f->rows[i], buf, sizeof(buf)));
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
get_search(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct hdiag diags[2];
	struct ui_errors e = { diags, 0 };
	const char *raw = form_get(&r->query, "q");
	const char *dob = form_get(&r->query, "dob");
	struct search_result *f;
	struct dir_search q;
	enum herr err;

	if (!query_known(r, w, search_fields, NFIELDS(search_fields)))
		return;
	if (form_check(&r->query, search_fields, NFIELDS(search_fields),
	    diags, NFIELDS(diags), &e.n) != HERR_OK) {
		w->status = 422;
		ui_page_start_errors(r, w, "Search", &e);
		ui_heading(h, NULL, "Search");
		search_form(h, &e, raw, dob);
		ui_page_end(r, w);
		return;
	}
	search_query_init(&q, r, raw, dob);
	ui_page_start(r, w, "Search");
	ui_heading(h, NULL, "Search");
	search_form(h, NULL, q.text, dob);
	if (q.text[0] == '\0' && q.birth_date == HDAY_NONE) {
		ui_page_end(r, w);
		return;
	}
	if (!access_case_role(r->who.role) && r->who.role !=
	    ROLE_PARTNER_PRACTITIONER) {
		ui_para(h, "Your role does not give access to children's "
		    "records, so there is nothing to search.");
		ui_page_end(r, w);
		return;
	}
	f = xcalloc(1, sizeof(*f));
	err = search_run(r, &q, f);
	/* The search is recorded (not its words) before anything of what
	 * it found is sent. */
	if (err != HERR_OK || !web_audit(r, AUDIT_SEARCH, SUBJECT_NONE, 0,
	    NULL)) {
		free(f);
		web_unavailable(r, w);
		return;
	}
	results(h, f);
	free(f);
	ui_page_end(r, w);
}

const struct route page_home_routes[] = {
	{ "GET", "/", get_home, 0 },
	{ "GET", "/search", get_search, 0 },
	{ "POST", "/break-glass/{id}/reviewed", post_glass_reviewed, 0 },
	{ NULL, NULL, NULL, 0 },
};
