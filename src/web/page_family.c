/*
 * page_family.c: a household: who lives there now and who used to, and the
 * workers allocated to the family and to its children.
 *
 * Access is decided for the household as a whole (web_household_access),
 * and then again for each child in it: a child whose record the user may
 * not see is shown only as "Another child", with no name, date or link, and
 * their workers are left out, so a family page never tells anyone more
 * about a child than that child's own record would.  The page is audited
 * (AUDIT_VIEW of the household) before it is written.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store_case.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NAME_LEN (2 * PERSON_NAME_MAX + 2)

struct family {
	struct household hh;
	struct store_member m[CASE_LIST_MAX];
	bool shown[CASE_LIST_MAX];	/* may see this member's name */
	int nm, m_total;
	struct store_allocation al[CASE_LIST_MAX];
	int nal, al_total;
};

static bool
current(hday end, hday today)
{
	return end == HDAY_NONE || end >= today;
}

static bool
may_view_child(struct req *r, int64_t id)
{
	return web_child_access(r, id, ACCESS_VIEW, NULL) == ACCESS_ALLOW;
}

/*
 * The household includes a restricted record this user has not broken the
 * glass on: say so, and offer the break-glass page of each such child (the
 * user has a reason to see each, or the household would have been denied).
 */
static void
restricted_page(struct req *r, struct resp *w, int64_t household_id)
{
	struct store_member *m = xcalloc(CASE_LIST_MAX, sizeof(*m));
	struct html *h = &w->body;
	char href[64];
	int n = 0, total = 0, k = 0;

	if (store_household_members(r->st, household_id, r->today, m,
	    CASE_LIST_MAX, &n, &total) != HERR_OK) {
		free(m);
		web_unavailable(r, w);
		return;
	}
	w->status = 403;
	ui_page_start(r, w, "This family includes a restricted record");
	ui_back_link(h, "/");
	ui_heading(h, NULL, "This family includes a restricted record");
	html_lit(h, "<div class=\"hearth-restricted\">");
	ui_para(h, "A child in this household has a restricted record. To "
	    "see the family's page you must first give your reason for "
	    "opening that child's record.");
	html_lit(h, "</div>");
	html_lit(h, "<ul class=\"govuk-list\">");
	for (int i = 0; i < n; i++) {
		if (!m[i].is_child || !current(m[i].end_date, r->today) ||
		    web_child_access(r, m[i].person_id, ACCESS_VIEW, NULL) !=
		    ACCESS_NEEDS_GLASS)
			continue;
		snprintf(href, sizeof(href), "/children/%" PRId64
		    "/break-glass", m[i].person_id);
		html_lit(h, "<li>");
		k++;
		html_lit(h, "<a class=\"govuk-link\"");
		html_attr(h, "href", href);
		html_lit(h, ">");
		html_textf(h, "Give a reason to open restricted record %d", k);
		html_lit(h, "</a></li>");
	}
	html_lit(h, "</ul>");
	if (k == 0)
		ui_para(h, "Ask a manager named on the restricted record if "
		    "you need to see this family's page.");
	ui_page_end(r, w);
	free(m);
}

static void
members_table(struct req *r, struct html *h, const struct family *f,
    bool now)
{
	static const char *const cols[] = { "Name", "Child or adult",
		"Date of birth",
		"Lived there from", "Until" };
	char name[NAME_LEN], href[48], buf[40];
	int rows = 0;

	for (int i = 0; i < f->nm; i++)
		rows += current(f->m[i].end_date, r->today) == now;
	if (rows == 0) {
		ui_para(h, now ? "Nobody is recorded as living here now." :
		    "Nobody is recorded as having left.");
		return;
	}
	ui_table_start(h, now ? "Living here now" : "Used to live here", cols,
	    5);
	for (int i = 0; i < f->nm; i++) {
		const struct store_member *m = &f->m[i];

		if (current(m->end_date, r->today) != now)
			continue;
		ui_table_row_start(h);
		if (!f->shown[i]) {
			ui_table_cell(h, "Another child");
			ui_table_cell(h, "Child");
			ui_table_cell(h, "");
			ui_table_cell(h, "");
			ui_table_cell(h, "");
			ui_table_row_end(h);
			continue;
		}
		ui_full_name(name, m->given_name, m->family_name);
		if (m->is_child) {
			snprintf(href, sizeof(href), "/children/%" PRId64,
			    m->person_id);
			ui_table_cell_link(h, href, name);
		} else
			ui_table_cell(h, name);
		ui_table_cell(h, m->is_child ? "Child" : "Adult");
		ui_table_cell(h, ui_date_or(m->birth_date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, ui_date_or(m->start_date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, ui_date_or(m->end_date, buf, sizeof(buf), "Now"));
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
workers_table(struct req *r, struct html *h, const struct family *f)
{
	static const char *const cols[] = { "Worker", "Role", "Team",
		"Allocated to", "From", "To" };
	char buf[40];
	int rows = 0;

	html_lit(h, "<h2 class=\"govuk-heading-m\">Allocated workers</h2>");
	for (int i = 0; i < f->nal; i++) {
		const struct store_allocation *a = &f->al[i];

		if (a->a.child_id > 0 && !may_view_child(r, a->a.child_id))
			continue;
		if (rows++ == 0)
			ui_table_start(h, NULL, cols, 6);
		ui_table_row_start(h);
		ui_table_cell(h, a->staff_name);
		ui_table_cell(h, role_label(a->role));
		ui_table_cell(h, a->team_name[0] ? a->team_name : "Not known");
		ui_table_cell(h, a->a.child_id > 0 ? a->child_name :
		    "The whole family");
		ui_table_cell(h, ui_date_or(a->a.start_date, buf, sizeof(buf),
		    "Not known"));
		ui_table_cell(h, ui_date_or(a->a.end_date, buf, sizeof(buf), "Now"));
		ui_table_row_end(h);
	}
	if (rows == 0) {
		ui_para(h, "No workers are allocated to this family.");
		return;
	}
	ui_table_end(h);
	if (f->al_total > f->nal)
		ui_inset(h, "Only the first 200 allocations are shown.");
}

static void
get_family(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct html *h = &w->body;
	struct family *f;
	enum herr x;

	switch (web_household_access(r, id, ACCESS_VIEW)) {
	case ACCESS_ALLOW:
		break;
	case ACCESS_NEEDS_GLASS:
		restricted_page(r, w, id);
		return;
	default:
		web_not_found(r, w);
		return;
	}
	f = xcalloc(1, sizeof(*f));
	if ((x = store_household_get(r->st, id, &f->hh)) != HERR_OK ||
	    (x = store_household_members(r->st, id, r->today, f->m,
	    CASE_LIST_MAX, &f->nm, &f->m_total)) != HERR_OK ||
	    (x = store_household_allocations(r->st, id, r->today, f->al,
	    CASE_LIST_MAX, &f->nal, &f->al_total)) != HERR_OK) {
		if (x == HERR_NOTFOUND)
			web_not_found(r, w);
		else
			web_unavailable(r, w);
		goto out;
	}
	for (int i = 0; i < f->nm; i++)
		f->shown[i] = !f->m[i].is_child ||
		    may_view_child(r, f->m[i].person_id);
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_HOUSEHOLD, id, NULL)) {
		web_unavailable(r, w);
		goto out;
	}
	ui_page_start(r, w, f->hh.name);
	ui_heading(h, "Household", f->hh.name);
	ui_summary_start(h);
	ui_summary_row(h, "Name", f->hh.name);
	ui_summary_row(h, "Postcode", f->hh.postcode);
	ui_summary_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Who lives here</h2>");
	members_table(r, h, f, true);
	members_table(r, h, f, false);
	if (f->m_total > f->nm)
		ui_inset(h, "Only the first 200 people are shown.");
	workers_table(r, h, f);
	ui_page_end(r, w);
out:
	free(f);
}

const struct route page_family_routes[] = {
	{ "GET", "/families/{id}", get_family, 0 },
	{ NULL, NULL, NULL, 0 },
};
