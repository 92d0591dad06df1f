/*
 * page_team.c: teams and their caseloads.
 *
 * Anyone may list the teams they belong to; administrators see every
 * team.  A team's page shows who is in it and, for case roles, the
 * children allocated to its current members: a team manager's view of the
 * team's work.  Administrators see the membership only: staff
 * administration never reaches case content (access.h).  Every child on a
 * caseload passes web_child_access before it is named.
 *
 * A team's timeliness page gives, for a period, how many of the timed
 * steps of its children's journeys (timescale.h) were done on time and how
 * many are still open and overdue: figures only, never a child, so its
 * managers, performance analysts and administrators may see it
 * (access_team_figures).  Analysts and administrators see every team on
 * /teams for that reason, with a link to its figures only.
 */
#include <stdio.h>
#include <string.h>

#include "core/timescale.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define CASELOAD_LIMIT 2000	/* rows of a caseload looked at */
#define TIMELINESS_MONTHS 12	/* the default period, back from today */

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
	struct req *r;
	struct html *h;
	bool figures;		/* a column of links to timeliness */
	int shown;
};

static bool
team_row(const struct dir_team *t, void *ctx)
{
	static const char *const head[] = { "Team", "Kind", "Members",
		"Figures" };
	struct team_rows *l = ctx;
	char href[48];

	if (l->shown++ == 0)
		ui_table_start(l->h, NULL, head, NFIELDS(head) -
		    (l->figures ? 0 : 1));
	snprintf(href, sizeof(href), "/teams/%lld", (long long)t->team.id);
	ui_table_row_start(l->h);
	if (access_team(&l->r->who, t->team.id))
		ui_table_cell_link(l->h, href, t->team.name);
	else
		ui_table_cell(l->h, t->team.name);
	ui_table_cell(l->h, team_kind_label(t->team.kind));
	ui_table_cell_int(l->h, t->members);
	if (l->figures && access_team_figures(&l->r->who, t->team.id)) {
		snprintf(href, sizeof(href), "/teams/%lld/timeliness",
		    (long long)t->team.id);
		/* Each link names its team to a screen reader. */
		html_lit(l->h, "<td class=\"govuk-table__cell\"><a "
		    "class=\"govuk-link\"");
		html_attr(l->h, "href", href);
		html_lit(l->h, ">Timeliness<span class=\"govuk-visually-"
		    "hidden\"> of ");
		html_text(l->h, t->team.name);
		html_lit(l->h, "</span></a></td>");
	} else if (l->figures)
		ui_table_cell(l->h, "");
	ui_table_row_end(l->h);
	return true;
}

static void
get_teams(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	/* Analysts see every team too, for its figures. */
	bool all = access_admin(&r->who) ||
	    access_team_figures(&r->who, 0);
	struct team_rows l = { r, h, all ||
	    r->who.role == ROLE_TEAM_MANAGER, 0 };
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
	if (access_admin(&r->who))
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
	if (access_team_figures(&r->who, t.id)) {
		char href[48];

		snprintf(href, sizeof(href), "/teams/%lld/timeliness",
		    (long long)t.id);
		html_lit(h, "<p class=\"govuk-body\">");
		ui_link(h, href, "How timely the team's work is");
		html_lit(h, "</p>");
	}
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

/* ------------------------------------------------------------ timeliness */

static const struct form_field timeliness_query[] = {
	{ "from", "Start of the period", false, false, form_valid_date, 10 },
	{ "to", "End of the period", false, false, form_valid_date, 10 },
};

/* What a row of store_timeliness measures, as the page names it. */
static const char *
timeliness_label(const struct timeliness_row *row)
{
	switch (row->step) {
	case STEP_ASSESSMENT:
		/* WT2023: within 45 working days of the referral */
		return "Assessments completed within 45 working days of the "
		    "referral";
	case STEP_ICPC:
		/* WT2023: within 15 working days of the strategy discussion */
		return "Initial conferences within 15 working days of the "
		    "strategy discussion";
	case STEP_CORE_GROUP:
		/* WT2023: the first within 10 working days of the ICPC */
		return row->first_only ? "First core groups within 10 working "
		    "days of the initial conference" : "Core groups on time";
	case STEP_RCPC:
		return "Review conferences on time";
	case STEP_VISIT:
		/* Visits to children on child protection plans only. */
		return "Child protection visits on time";
	case STEP_CIN_REVIEW:
		return "Child in need plan reviews on time";
	case STEP_LAC_REVIEW:
		return "Looked-after reviews on time";
	case STEP_LAC_VISIT:
		return "Looked-after visits on time";
	default:
		return due_step_label(row->step);
	}
}

/* The filter form: a GET, so the figures have an address to share. */
static void
timeliness_form(struct html *h, int64_t team_id, const struct ui_errors *e,
    const char *from, const char *to)
{
	html_lit(h, "<form method=\"get\" novalidate");
	html_attrf(h, "action", "/teams/%lld/timeliness", (long long)team_id);
	html_lit(h, ">");
	ui_date(h, e, "from", "Start of the period", NULL, from);
	ui_date(h, e, "to", "End of the period", NULL, to);
	ui_button(h, "Show figures");
	html_lit(h, "</form>\n");
}

static void
timeliness_table(struct html *h, hday from, hday to,
    const struct timeliness_row rows[TIMELINESS_ROWS])
{
	static const char *const head[] = { "Step", "Done", "On time",
		"On time (%)", "Still open and overdue" };
	char caption[96], a[32], b[32], pct[16];

	snprintf(caption, sizeof(caption), "From %s to %s",
	    ui_date_long(from, a, sizeof(a)), ui_date_long(to, b, sizeof(b)));
	ui_table_start(h, caption, head, NFIELDS(head));
	for (int i = 0; i < TIMELINESS_ROWS; i++) {
		const struct timeliness_row *row = &rows[i];

		ui_table_row_start(h);
		html_lit(h, "<th scope=\"row\" class=\"govuk-table__header\">");
		html_text(h, timeliness_label(row));
		html_lit(h, "</th>");
		ui_table_cell_int(h, row->done);
		ui_table_cell_int(h, row->on_time);
		/* Whole per cent, rounded half up, as the returns give it. */
		if (row->done > 0)
			snprintf(pct, sizeof(pct), "%d%%", (200 * row->on_time +
			    row->done) / (2 * row->done));
		else
			snprintf(pct, sizeof(pct), "None done");
		ui_table_cell(h, pct);
		ui_table_cell_int(h, row->open_overdue);
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
get_timeliness(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct hdiag diags[3];
	struct ui_errors e = { diags, 0 };
	struct timeliness_row rows[TIMELINESS_ROWS];
	const char *qfrom = form_get(&r->query, "from");
	const char *qto = form_get(&r->query, "to");
	char sfrom[HDATE_LEN], sto[HDATE_LEN], back[40];
	hday from = hdate_add_months(r->today, -TIMELINESS_MONTHS);
	hday to = r->today;
	struct team t;

	if (!access_team_figures(&r->who, web_id(r, 0))) {
		web_not_found(r, w);
		return;
	}
	if (!web_found(r, w, store_dir_team_get(r->st, web_id(r, 0), &t)))
		return;
	/* An unknown parameter is a bad link (400), as on every page. */
	for (int i = 0; i < r->query.n; i++) {
		int k = 0;
		char why[160];

		while (k < NFIELDS(timeliness_query) && strcmp(
		    r->query.pair[i].name, timeliness_query[k].name) != 0)
			k++;
		if (k < NFIELDS(timeliness_query))
			continue;
		snprintf(why, sizeof(why), "This page does not take '%s'.",
		    r->query.pair[i].name);
		web_bad_request(r, w, why);
		return;
	}
	if (form_check(&r->query, timeliness_query, NFIELDS(timeliness_query),
	    diags, NFIELDS(diags), &e.n) == HERR_OK) {
		if (qfrom != NULL && qfrom[0] != '\0')
			(void)!hdate_parse(qfrom, &from, "from", NULL);
		if (qto != NULL && qto[0] != '\0')
			(void)!hdate_parse(qto, &to, "to", NULL);
		/* Open steps count as overdue up to the period's end, so
		 * it may not be later than today. */
		if (to > r->today)
			hdiag_set(&diags[e.n++], HERR_INVALID, "to", "",
			    "The end of the period must be today or earlier");
		else if (from > to)
			hdiag_set(&diags[e.n++], HERR_INVALID, "to", "",
			    "The end of the period must be the same as or "
			    "after its start");
	}
	if (qfrom == NULL || qfrom[0] == '\0')
		qfrom = hdate_format(from, sfrom);
	if (qto == NULL || qto[0] == '\0')
		qto = hdate_format(to, sto);
	snprintf(back, sizeof(back), "/teams/%lld", (long long)t.id);
	if (e.n > 0) {
		w->status = 422;
		ui_page_start_errors(r, w, "Timeliness", &e);
		if (access_team(&r->who, t.id))
			ui_back_link(h, back);
		ui_heading(h, t.name, "Timeliness");
		timeliness_form(h, t.id, &e, qfrom, qto);
		ui_page_end(r, w);
		return;
	}
	if (store_timeliness(r->st, t.id, from, to, r->today, rows) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_page_start(r, w, "Timeliness");
	ui_back_link(h, access_team(&r->who, t.id) ? back : "/teams");
	ui_heading(h, t.name, "Timeliness");
	ui_para(h, "Of the timed steps done in the period, how many were done "
	    "within their timescale, and how many are still open although "
	    "they fell due in it. A child counts for the team when one of "
	    "its members was their allocated worker on the day.");
	timeliness_form(h, t.id, NULL, qfrom, qto);
	timeliness_table(h, from, to, rows);
	ui_page_end(r, w);
}

const struct route page_team_routes[] = {
	{ "GET", "/teams", get_teams, 0 },
	{ "GET", "/teams/{id}", get_team, 0 },
	{ "GET", "/teams/{id}/timeliness", get_timeliness, 0 },
	{ NULL, NULL, NULL, 0 },
};
