/*
 * page_team.c: teams and their caseloads.
 *
 * Anyone may list the teams they belong to; administrators see every
 * team.  A team's page shows who is in it and, for case roles, the
 * children allocated to its current members: a team manager's view of the
 * team's work.  Administrators see the membership only: staff
 * administration never reaches case content (access.h).  Every child on a
 * caseload passes web_child_access before it is named.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_directory.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define CASELOAD_LIMIT 2000	/* rows of a caseload looked at */

static bool
no_query(struct req *r, struct resp *w)
{
	char why[160];

	if (r->query.n == 0)
		return true;
	snprintf(why, sizeof(why), "This page does not take '%s'.",
	    r->query.pair[0].name);
	web_bad_request(r, w, why);
	return false;
}

struct team_rows {
	struct html *h;
	int shown;
};

static bool
team_row(const struct dir_team *t, void *ctx)
{
	static const char *const head[] = { "Team", "Kind", "Members" };
	struct team_rows *l = ctx;
	char href[40];

	if (l->shown++ == 0)
		ui_table_start(l->h, NULL, head, NFIELDS(head));
	snprintf(href, sizeof(href), "/teams/%lld", (long long)t->team.id);
	ui_table_row_start(l->h);
	ui_table_cell_link(l->h, href, t->team.name);
	ui_table_cell(l->h, team_kind_label(t->team.kind));
	ui_table_cell_int(l->h, t->members);
	ui_table_row_end(l->h);
	return true;
}

static void
get_teams(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct team_rows l = { h, 0 };
	bool all = access_admin(&r->who);
	enum herr e;

	if (!no_query(r, w))
		return;
	ui_page_start(r, w, all ? "Teams" : "Your teams");
	ui_heading(h, NULL, all ? "Teams" : "Your teams");
	e = store_dir_teams(r->st, all ? 0 : r->who.staff_id, r->today,
	    team_row, &l);
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_table_end_or(h, l.shown, all ? "There are no teams yet." :
	    "You are not a member of any team at the moment.");
	if (all)
		ui_button_link(h, "/admin/teams", "Manage teams");
	ui_page_end(r, w);
}

struct member_rows {
	struct html *h;
	int shown;
};

static bool
member_row(const struct dir_member *m, void *ctx)
{
	static const char *const head[] = { "Name", "Role", "Member since",
		"Until" };
	struct member_rows *l = ctx;
	char buf[32];

	if (l->shown++ == 0)
		ui_table_start(l->h, "Members", head, NFIELDS(head));
	ui_table_row_start(l->h);
	ui_table_cell(l->h, m->name);
	ui_table_cell(l->h, role_label(m->role) ? role_label(m->role) :
	    "Not known");
	ui_table_cell(l->h, ui_date_long(m->start_date, buf, sizeof(buf)));
	ui_table_cell(l->h, m->end_date == HDAY_NONE ? "" :
	    ui_date_long(m->end_date, buf, sizeof(buf)));
	ui_table_row_end(l->h);
	return true;
}

struct caseload_rows {
	struct req *r;
	struct html *h;
	int shown;
};

static bool
caseload_row(const struct dir_child *c, void *ctx)
{
	static const char *const head[] = { "Name", "LA child id",
		"Date of birth", "Allocated worker", "Since" };
	struct caseload_rows *l = ctx;
	struct html *h = l->h;
	char href[40], name[DIR_NAME_MAX], buf[48], d[32];

	if (web_child_access(l->r, c->id, ACCESS_VIEW, NULL) == ACCESS_DENY)
		return true;
	if (l->shown++ == 0)
		ui_table_start(h, "Caseload", head, NFIELDS(head));
	ui_table_row_start(h);
	snprintf(href, sizeof(href), "/children/%lld", (long long)c->id);
	snprintf(name, sizeof(name), "%s %s", c->given_name, c->family_name);
	html_lit(h, "<td class=\"govuk-table__cell\">");
	ui_link(h, href, name);
	if (c->restricted) {
		html_lit(h, " ");
		ui_tag(h, "Restricted", "red");
	}
	html_lit(h, "</td>");
	ui_table_cell(h, c->la_child_id);
	if (c->birth_date != HDAY_NONE)
		ui_table_cell(h, ui_date_long(c->birth_date, buf, sizeof(buf)));
	else if (c->expected_birth_date != HDAY_NONE) {
		snprintf(buf, sizeof(buf), "Expected %s",
		    ui_date_long(c->expected_birth_date, d, sizeof(d)));
		ui_table_cell(h, buf);
	} else
		ui_table_cell(h, "Not known");
	ui_table_cell(h, c->worker);
	ui_table_cell(h, ui_date_long(c->since, buf, sizeof(buf)));
	ui_table_row_end(h);
	return true;
}

static void
get_team(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct member_rows ml = { h, 0 };
	struct caseload_rows cl = { r, h, 0 };
	struct team t;
	enum herr e;

	if (!no_query(r, w))
		return;
	if (!access_team(&r->who, web_id(r, 0))) {
		web_not_found(r, w);
		return;
	}
	if (!web_found(r, w, store_dir_team_get(r->st, web_id(r, 0), &t)))
		return;
	ui_page_start(r, w, t.name);
	ui_back_link(h, "/teams");
	ui_heading(h, team_kind_label(t.kind), t.name);
	e = store_dir_team_members(r->st, t.id, r->today, member_row, &ml);
	if (e == HERR_OK && ml.shown > 0)
		ui_table_end(h);
	else if (e == HERR_OK)
		ui_para(h, "This team has no members at the moment.");
	if (e == HERR_OK && access_case_role(r->who.role)) {
		e = store_dir_team_caseload(r->st, t.id, r->today,
		    CASELOAD_LIMIT, caseload_row, &cl);
		if (cl.shown > 0)
			ui_table_end(h);
		else if (e == HERR_OK) {
			html_lit(h, "<h2 class=\"govuk-heading-m\">Caseload"
			    "</h2>");
			ui_para(h, "No children are allocated to members of "
			    "this team at the moment.");
		}
	}
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	if (access_admin(&r->who)) {
		char href[48];

		snprintf(href, sizeof(href), "/admin/teams/%lld",
		    (long long)t.id);
		ui_button_link(h, href, "Manage this team");
	}
	ui_page_end(r, w);
}

const struct route page_team_routes[] = {
	{ "GET", "/teams", get_teams, 0 },
	{ "GET", "/teams/{id}", get_team, 0 },
	{ NULL, NULL, NULL, 0 },
};
