/*
 * page_admin.c: staff administration: users, their roles, passwords and
 * second factors, and teams and who is in them.
 *
 * Administrators only (access_admin); to anyone else every page here is
 * "Page not found", as if it did not exist.  Administration never shows
 * case content.  Each change commits in one transaction with its audit
 * row, so the audit chain holds every change or the change did not
 * happen.  An edit names the version it started from: if someone saved
 * the user in between, the edit is refused (409) with the user's input
 * kept, never silently overwriting theirs.  Passwords are checked against
 * the policy (auth_password_check), never shown back, and a new password,
 * a disabled account or a reset second factor ends the user's sessions.
 *
 * The authority's local timescales (timescale.h's intervals: visits, core
 * groups after the first, CIN reviews) are set here too; saving them
 * recomputes every open due item in the same transaction as its audit row.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/auth.h"
#include "core/mem.h"
#include "core/record.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DIAGS 12
#define OPTIONS_MAX 5000	/* staff, agencies or teams in one select */

/* ------------------------------------------------------------ helpers */

static bool
admin(struct req *r, struct resp *w)
{
	if (access_admin(&r->who))
		return true;
	web_not_found(r, w);
	return false;
}

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

/* Add one problem to the summary unless its field already has one. */
static void
add_diag(struct ui_errors *e, struct hdiag *room, const struct hdiag *d)
{
	if (e->n >= DIAGS || ui_error_for(e, d->field) != NULL)
		return;
	room[e->n++] = *d;
}

static void
add_problem(struct ui_errors *e, struct hdiag *room, const char *field,
    const char *msg)
{
	struct hdiag d;

	hdiag_set(&d, HERR_INVALID, field, "", "%s", msg);
	add_diag(e, room, &d);
}

/* form_check asks to "Enter" a missing value; a select or radios is
 * chosen, so say so (GOV.UK error messages). */
static void
choose_wording(const struct ui_errors *e, struct hdiag *room,
    const char *field, const char *msg)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(room[i].field, field) == 0 &&
		    strncmp(room[i].msg, "Enter ", 6) == 0)
			snprintf(room[i].msg, sizeof(room[i].msg), "%s", msg);
}

/* A positive id from a select's value; 0 when it is not one. */
static int64_t
id_value(const char *v)
{
	char *end;
	long long n;

	if (v == NULL || *v < '1' || *v > '9')
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? (int64_t)n : 0;
}

/* Append the audit row of this change and commit; rolls back on failure. */
static enum herr
audit_commit(struct req *r, enum audit_subject subject, int64_t id)
{
	struct audit_row row;
	enum herr e;

	web_audit_row(r, &row, AUDIT_ADMIN, subject, id, NULL);
	if ((e = store_audit_append(r->st, &row, 1)) == HERR_OK)
		e = store_commit(r->st);
	if (e != HERR_OK)
		store_rollback(r->st);
	return e;
}

/*
 * End a change begun with web_begin() whose writes gave e: when they
 * succeeded, append its audit row (about `subject` `id`) and commit, true.
 * Otherwise it is rolled back and the request answered 503 (false).
 */
static bool
commit_change(struct req *r, struct resp *w, enum herr e,
    enum audit_subject subject, int64_t id)
{
	if (e != HERR_OK)
		store_rollback(r->st);
	else if (audit_commit(r, subject, id) == HERR_OK)
		return true;
	web_unavailable(r, w);
	return false;
}

/* The options of a select, with room for their text (heap, bounded). */
struct opts {
	struct ui_option *o;
	char (*val)[24];
	char (*lab)[DIR_NAME_MAX + USERNAME_MAX + 8];
	int n;
};

static void
opts_init(struct opts *l)
{
	l->o = xcalloc(OPTIONS_MAX, sizeof(*l->o));
	l->val = xcalloc(OPTIONS_MAX, sizeof(*l->val));
	l->lab = xcalloc(OPTIONS_MAX, sizeof(*l->lab));
	l->n = 0;
}

static void
opts_free(struct opts *l)
{
	free(l->o);
	free(l->val);
	free(l->lab);
}

static bool
opts_add(struct opts *l, const char *value, const char *label)
{
	if (l->n >= OPTIONS_MAX)
		return false;
	snprintf(l->val[l->n], sizeof(l->val[0]), "%s", value);
	snprintf(l->lab[l->n], sizeof(l->lab[0]), "%s", label);
	l->o[l->n].value = l->val[l->n];
	l->o[l->n].label = l->lab[l->n];
	l->n++;
	return true;
}

static bool
opts_add_id(struct opts *l, int64_t id, const char *label)
{
	char v[24];

	snprintf(v, sizeof(v), "%lld", (long long)id);
	return opts_add(l, v, label);
}

static void
role_options(struct opts *l, bool any)
{
	if (any)
		(void)opts_add(l, "", "All roles");
	for (int i = 0; i < ROLE__COUNT; i++)
		(void)opts_add(l, role_code((enum staff_role)i),
		    role_label((enum staff_role)i));
}

static bool
agency_option(const struct agency *a, void *ctx)
{
	char label[AGENCY_NAME_MAX + 64];

	snprintf(label, sizeof(label), "%s (%s)", a->name,
	    agency_kind_label(a->kind));
	return opts_add_id(ctx, a->id, label);
}

static bool
team_option(const struct dir_team *t, void *ctx)
{
	return opts_add_id(ctx, t->team.id, t->team.name);
}

static bool
staff_option(const struct store_user *u, void *ctx)
{
	char label[DIR_NAME_MAX + USERNAME_MAX + 8];

	if (!u->staff.active)
		return true;
	snprintf(label, sizeof(label), "%s %s (%s)", u->staff.given_name,
	    u->staff.family_name, u->staff.username);
	return opts_add_id(ctx, u->staff.id, label);
}

static const char *
yes_no(bool b)
{
	return b ? "Yes" : "No";
}

/* The saved banner for ?saved=code, from a fixed list (never echoed). */
struct saved_msg {
	const char *code;
	const char *title;
};

static void
saved_banner(struct req *r, struct html *h, const struct saved_msg *m,
    int n)
{
	const char *v = form_get(&r->query, "saved");

	for (int i = 0; v != NULL && i < n; i++)
		if (strcmp(v, m[i].code) == 0) {
			ui_success(h, m[i].title, NULL);
			return;
		}
}

/* ------------------------------------------------------------ users */

static const struct form_field users_query[] = {
	{ "role", "Role", false, false, NULL, 32 },
	{ "saved", "Saved", false, false, NULL, 32 },
};

struct user_rows {
	struct html *h;
	int shown;
};

static bool
user_row(const struct store_user *u, void *ctx)
{
	static const char *const head[] = { "Username", "Name", "Role",
		"Agency", "Active", "Two-factor set up" };
	struct user_rows *l = ctx;
	char href[48], name[DIR_NAME_MAX];

	if (l->shown++ == 0)
		ui_table_start(l->h, NULL, head, NFIELDS(head));
	snprintf(href, sizeof(href), "/admin/users/%lld",
	    (long long)u->staff.id);
	snprintf(name, sizeof(name), "%s %s", u->staff.given_name,
	    u->staff.family_name);
	ui_table_row_start(l->h);
	ui_table_cell_link(l->h, href, u->staff.username);
	ui_table_cell(l->h, name);
	ui_table_cell(l->h, role_label(u->staff.role) ?
	    role_label(u->staff.role) : "Not known");
	ui_table_cell(l->h, u->agency);
	ui_table_cell(l->h, yes_no(u->staff.active));
	ui_table_cell(l->h, yes_no(u->totp_enrolled));
	ui_table_row_end(l->h);
	return true;
}

static void
get_users(struct req *r, struct resp *w)
{
	static const struct saved_msg saved[] = {
		{ "created", "User added" },
	};
	struct html *h = &w->body;
	struct user_rows l = { h, 0 };
	const char *rv = form_get(&r->query, "role");
	enum staff_role role;
	bool filtered = rv != NULL && rv[0] != '\0';
	struct opts ro;
	enum herr e;

	if (!admin(r, w) || !known(r, w, &r->query, users_query,
	    NFIELDS(users_query)))
		return;
	if (filtered && role_parse(rv, &role, "role", NULL) != HERR_OK) {
		web_bad_request(r, w, "There is no such role.");
		return;
	}
	ui_page_start(r, w, "Users");
	ui_heading(h, NULL, "Users");
	saved_banner(r, h, saved, NFIELDS(saved));
	ui_button_link(h, "/admin/users/new", "Add a user");
	html_lit(h, "<form method=\"get\" action=\"/admin/users\" novalidate>");
	opts_init(&ro);
	role_options(&ro, true);
	ui_select(h, NULL, "role", "Show users with the role", ro.o, ro.n,
	    filtered ? rv : "");
	opts_free(&ro);
	ui_button_secondary(h, "Show");
	html_lit(h, "</form>\n");
	e = store_users_each(r->st, filtered ? &role : NULL, user_row, &l);
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_table_end_or(h, l.shown, "No users have that role.");
	ui_page_end(r, w);
}

/* -------------------------------------------------------- new user */

static const struct form_field new_user_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "username", "Username", true, false, NULL, USERNAME_MAX },
	{ "given_name", "Given name", true, false, NULL, PERSON_NAME_MAX },
	{ "family_name", "Family name", true, false, NULL, PERSON_NAME_MAX },
	{ "email", "Email address", false, false, NULL, EMAIL_MAX },
	{ "role", "Role", true, false, NULL, 32 },
	{ "agency", "Agency", true, false, NULL, 20 },
	{ "team", "Team", false, false, NULL, 20 },
	{ "password", "Password", true, false, NULL, AUTH_PW_MAX_BYTES },
	{ "confirm", "Password again", true, false, NULL, AUTH_PW_MAX_BYTES },
};

static void
new_user_page(struct req *r, struct resp *w, const struct ui_errors *e)
{
	struct html *h = &w->body;
	const struct form *f = &r->body;
	struct opts o;

	ui_page_start_errors(r, w, "Add a user", e);
	ui_back_link(h, "/admin/users");
	ui_heading(h, NULL, "Add a user");
	ui_form_start(r, h, "/admin/users/new");
	ui_input(h, e, "username", "Username", "Lower-case letters, digits, "
	    "'.', '_' or '-', for example, sam.jones", form_get(f,
	    "username"), UI_W_20);
	ui_input(h, e, "given_name", "Given name", NULL, form_get(f,
	    "given_name"), UI_W_20);
	ui_input(h, e, "family_name", "Family name", NULL, form_get(f,
	    "family_name"), UI_W_20);
	ui_input(h, e, "email", "Email address (optional)", NULL, form_get(f,
	    "email"), UI_W_FULL);
	opts_init(&o);
	role_options(&o, false);
	ui_select(h, e, "role", "Role", o.o, o.n, form_get(f, "role"));
	o.n = 0;
	if (store_dir_agencies(r->st, agency_option, &o) != HERR_OK)
		o.n = 0;
	ui_select(h, e, "agency", "Agency", o.o, o.n, form_get(f, "agency"));
	o.n = 0;
	(void)opts_add(&o, "", "No team");
	if (store_dir_teams(r->st, 0, r->today, team_option, &o) != HERR_OK)
		o.n = 1;
	ui_select(h, e, "team", "Team (optional)", o.o, o.n, form_get(f,
	    "team"));
	opts_free(&o);
	html_lit(h, "<h2 class=\"govuk-heading-m\">First password</h2>");
	ui_para(h, "Give the user this password in person or by phone, never "
	    "by email. They set up two-factor sign-in the first time they "
	    "sign in.");
	ui_password(h, e, "password", "Password (at least 12 characters)",
	    "new-password");
	ui_password(h, e, "confirm", "Password again", "new-password");
	ui_button(h, "Add user");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_new_user(struct req *r, struct resp *w)
{
	if (!admin(r, w) || !known(r, w, &r->query, NULL, 0))
		return;
	new_user_page(r, w, NULL);
}

/* Check the new password and its repeat, adding problems to e. */
static void
check_password(struct ui_errors *e, struct hdiag *room, const char *pw,
    const char *again, const char *username)
{
	struct hdiag d;

	if (pw == NULL || pw[0] == '\0')
		return;
	hdiag_clear(&d);
	if (auth_password_check(pw, username, &d) != HERR_OK) {
		snprintf(d.field, sizeof(d.field), "password");
		add_diag(e, room, &d);
	} else if (again == NULL || strcmp(pw, again) != 0)
		add_problem(e, room, "confirm", "Enter the same password "
		    "twice");
}

static void
post_new_user(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS], d;
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct staff s, clash;
	struct agency ag;
	struct team t;
	char hash[AUTH_HASH_MAX];
	int64_t team_id = 0;
	enum herr err;

	memset(&ag, 0, sizeof(ag));
	memset(hash, 0, sizeof(hash));
	if (!admin(r, w) || !known(r, w, f, new_user_fields,
	    NFIELDS(new_user_fields)))
		return;
	(void)!form_check(f, new_user_fields, NFIELDS(new_user_fields), room,
	    DIAGS, &e.n);
	choose_wording(&e, room, "role", "Select a role");
	choose_wording(&e, room, "agency", "Select an agency");
	memset(&s, 0, sizeof(s));
	s.active = true;
	snprintf(s.username, sizeof(s.username), "%s", form_get(f,
	    "username") ? form_get(f, "username") : "");
	snprintf(s.given_name, sizeof(s.given_name), "%s", form_get(f,
	    "given_name") ? form_get(f, "given_name") : "");
	snprintf(s.family_name, sizeof(s.family_name), "%s", form_get(f,
	    "family_name") ? form_get(f, "family_name") : "");
	snprintf(s.email, sizeof(s.email), "%s", form_get(f, "email") ?
	    form_get(f, "email") : "");
	if (e.n == 0) {
		if (role_parse(form_get(f, "role"), &s.role, "role", NULL) !=
		    HERR_OK)
			add_problem(&e, room, "role", "Select a role");
		s.agency_id = id_value(form_get(f, "agency"));
		err = s.agency_id > 0 ? store_agency_get(r->st, s.agency_id,
		    &ag) : HERR_NOTFOUND;
		if (err == HERR_NOTFOUND)
			add_problem(&e, room, "agency", "Select an agency");
		else if (err != HERR_OK)
			goto unavailable;
		if (form_get(f, "team") != NULL && form_get(f, "team")[0]) {
			team_id = id_value(form_get(f, "team"));
			err = team_id > 0 ? store_dir_team_get(r->st, team_id,
			    &t) : HERR_NOTFOUND;
			if (err == HERR_NOTFOUND)
				add_problem(&e, room, "team", "Select a team, "
				    "or no team");
			else if (err != HERR_OK)
				goto unavailable;
		}
	}
	if (e.n == 0) {
		hdiag_clear(&d);
		if (staff_validate(&s, &ag, &d) != HERR_OK)
			add_diag(&e, room, &d);
		err = store_staff_by_username(r->st, s.username, &clash);
		if (err == HERR_OK)
			add_problem(&e, room, "username", "That username is "
			    "already in use: choose another");
		else if (err != HERR_NOTFOUND)
			goto unavailable;
		check_password(&e, room, form_get(f, "password"), form_get(f,
		    "confirm"), s.username);
	}
	if (e.n > 0) {
		w->status = 422;
		new_user_page(r, w, &e);
		return;
	}
	if (auth_password_hash(form_get(f, "password"), hash) != HERR_OK ||
	    store_begin(r->st) != HERR_OK)
		goto unavailable;
	hdiag_clear(&d);
	err = record_staff_add(r->st, &s, &d);
	if (err == HERR_OK && team_id > 0)
		err = store_team_member_add(r->st, team_id, s.id, r->today,
		    HDAY_NONE, &d);
	if (err == HERR_OK)
		err = store_credential_set_password(r->st, s.id, hash, r->now);
	sodium_memzero(hash, sizeof(hash));
	if (err != HERR_OK) {
		store_rollback(r->st);
		if (err != HERR_INVALID)
			goto unavailable;
		/* A clash found only on writing (another administrator added
		 * the same username a moment ago). */
		add_diag(&e, room, &d);
		w->status = 422;
		new_user_page(r, w, &e);
		return;
	}
	if (audit_commit(r, SUBJECT_STAFF, s.id) != HERR_OK)
		goto unavailable;
	web_redirect(w, "/admin/users/%lld?saved=created", (long long)s.id);
	return;
unavailable:
	sodium_memzero(hash, sizeof(hash));
	web_unavailable(r, w);
}

/* -------------------------------------------------------- one user */

static const struct form_field user_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

static const struct form_field edit_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "version", "Version", true, false, form_valid_int, 20 },
	{ "given_name", "Given name", true, false, NULL, PERSON_NAME_MAX },
	{ "family_name", "Family name", true, false, NULL, PERSON_NAME_MAX },
	{ "email", "Email address", false, false, NULL, EMAIL_MAX },
	{ "role", "Role", true, false, NULL, 32 },
};

static const struct form_field password_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "password", "New password", true, false, NULL, AUTH_PW_MAX_BYTES },
	{ "confirm", "New password again", true, false, NULL,
	    AUTH_PW_MAX_BYTES },
};

static const struct form_field button_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
};

/* A one-button form (its form token only) posted by an administrator:
 * false when the request has been answered (404 or 400). */
static bool
button_posted(struct req *r, struct resp *w)
{
	struct hdiag d;
	int n = 0;

	if (!admin(r, w) || !known(r, w, &r->body, button_fields,
	    NFIELDS(button_fields)))
		return false;
	if (form_check(&r->body, button_fields, NFIELDS(button_fields), &d, 1,
	    &n) != HERR_OK) {
		web_bad_request(r, w, d.msg);
		return false;
	}
	return true;
}

struct membership_rows {
	struct html *h;
	int shown;
};

static bool
membership_row(const struct dir_member *m, void *ctx)
{
	static const char *const head[] = { "Team", "Since", "Until" };
	struct membership_rows *l = ctx;
	char href[48], buf[32];

	if (l->shown++ == 0)
		ui_table_start(l->h, "Teams", head, NFIELDS(head));
	snprintf(href, sizeof(href), "/admin/teams/%lld",
	    (long long)m->team_id);
	ui_table_row_start(l->h);
	ui_table_cell_link(l->h, href, m->team);
	ui_table_cell(l->h, ui_date_long(m->start_date, buf, sizeof(buf)));
	ui_table_cell(l->h, m->end_date == HDAY_NONE ? "" :
	    ui_date_long(m->end_date, buf, sizeof(buf)));
	ui_table_row_end(l->h);
	return true;
}

/* A one-button form posting to /admin/users/{id}/{what}. */
static void
user_button(struct req *r, struct html *h, int64_t id, const char *what,
    const char *text, bool warning)
{
	char href[80];

	snprintf(href, sizeof(href), "/admin/users/%lld/%s", (long long)id,
	    what);
	ui_form_start(r, h, href);
	if (warning) {
		html_lit(h, "<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--warning\">");
		html_text(h, text);
		html_lit(h, "</button>");
	} else
		ui_button_secondary(h, text);
	ui_form_end(h);
}

/*
 * The page of member of staff `m` as stored.  `e` re-shows a form with
 * problems; `edit` is the edit form's values (NULL: as stored) and
 * `version` the version it sends back.
 */
static void
user_page(struct req *r, struct resp *w, const struct staff *m,
    const struct ui_errors *e, const struct staff *edit, int64_t version)
{
	static const struct saved_msg saved[] = {
		{ "created", "User added" },
		{ "details", "Details saved" },
		{ "disabled", "User disabled and signed out" },
		{ "enabled", "User enabled" },
		{ "two-factor", "Two-factor sign-in reset: they set it up "
		    "again the next time they sign in" },
		{ "no-password", "They have no password yet, so there was "
		    "no two-factor sign-in to reset" },
		{ "password", "Password set and the user signed out" },
	};
	struct html *h = &w->body;
	struct membership_rows ml = { h, 0 };
	struct agency ag;
	struct opts o;
	bool has_pw = false, totp = false;
	char name[DIR_NAME_MAX], by[DIR_NAME_MAX], when[DIR_NAME_MAX + 40];
	char buf[32], v[24];
	char href[64];
	int64_t cur_version = 0, at = 0;

	if (store_agency_get(r->st, m->agency_id, &ag) != HERR_OK ||
	    store_dir_credential_state(r->st, m->id, &has_pw, &totp) !=
	    HERR_OK || store_dir_staff_changed(r->st, m->id, &cur_version,
	    &at, by) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	snprintf(name, sizeof(name), "%s %s", m->given_name, m->family_name);
	ui_page_start_errors(r, w, name, e);
	ui_back_link(h, "/admin/users");
	ui_heading(h, m->username, name);
	saved_banner(r, h, saved, NFIELDS(saved));
	ui_summary_start(h);
	ui_summary_row(h, "Username", m->username);
	ui_summary_row(h, "Name", name);
	ui_summary_row(h, "Email address", m->email);
	ui_summary_row(h, "Role", role_label(m->role));
	ui_summary_row(h, "Agency", ag.name);
	ui_summary_row(h, "Active", yes_no(m->active));
	ui_summary_row(h, "Two-factor set up", has_pw ? yes_no(totp) :
	    "No password yet");
	if (at > 0)
		snprintf(when, sizeof(when), "%s by %s", ui_time(at, buf,
		    sizeof(buf)), by[0] ? by : "the command line");
	else
		when[0] = '\0';
	ui_summary_row(h, "Last changed", when);
	ui_summary_end(h);

	if (store_dir_staff_teams(r->st, m->id, HDAY_NONE, membership_row,
	    &ml) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_table_end_or(h, ml.shown, "Not a member of any team.");

	html_lit(h, "<h2 class=\"govuk-heading-m\">Change details</h2>");
	if (edit == NULL)
		edit = m;
	snprintf(href, sizeof(href), "/admin/users/%lld", (long long)m->id);
	ui_form_start(r, h, href);
	snprintf(v, sizeof(v), "%lld", (long long)version);
	ui_hidden(h, "version", v);
	ui_input(h, e, "given_name", "Given name", NULL, edit->given_name,
	    UI_W_20);
	ui_input(h, e, "family_name", "Family name", NULL, edit->family_name,
	    UI_W_20);
	ui_input(h, e, "email", "Email address (optional)", NULL, edit->email,
	    UI_W_FULL);
	opts_init(&o);
	role_options(&o, false);
	ui_select(h, e, "role", "Role", o.o, o.n, role_code(edit->role));
	opts_free(&o);
	ui_button(h, "Save changes");
	ui_form_end(h);

	html_lit(h, "<h2 class=\"govuk-heading-m\">Set a new password</h2>");
	ui_para(h, "They will be signed out everywhere and must sign in with "
	    "the new password.");
	snprintf(href, sizeof(href), "/admin/users/%lld/password",
	    (long long)m->id);
	ui_form_start(r, h, href);
	ui_password(h, e, "password", "New password (at least 12 "
	    "characters)", "new-password");
	ui_password(h, e, "confirm", "New password again", "new-password");
	ui_button_secondary(h, "Set password");
	ui_form_end(h);

	html_lit(h, "<h2 class=\"govuk-heading-m\">Sign-in</h2>");
	if (has_pw && totp) {
		ui_para(h, "If they have lost the phone with their "
		    "authenticator app, reset two-factor sign-in: they set it "
		    "up again the next time they sign in.");
		user_button(r, h, m->id, "reset-two-factor", "Reset two-factor "
		    "sign-in", false);
	}
	if (m->active && m->id != r->who.staff_id) {
		ui_para(h, "Disabling a user signs them out at once and stops "
		    "them signing in. Their records and history are kept.");
		user_button(r, h, m->id, "disable", "Disable user", true);
	} else if (!m->active)
		user_button(r, h, m->id, "enable", "Enable user", false);
	ui_page_end(r, w);
}

/* Load user {id} for a handler; false when answered (404 or 503). */
static bool
load_user(struct req *r, struct resp *w, struct staff *m)
{
	return web_found(r, w, store_staff_get(r->st, web_id(r, 0), m));
}

static void
get_user(struct req *r, struct resp *w)
{
	struct staff m;

	if (!admin(r, w) || !known(r, w, &r->query, user_query,
	    NFIELDS(user_query)) || !load_user(r, w, &m))
		return;
	user_page(r, w, &m, NULL, NULL, m.version);
}

static void
post_user(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS], d;
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct staff m, edit;
	struct agency ag;
	int64_t version = 0, at = 0;
	char by[DIR_NAME_MAX], when[32], msg[DIR_NAME_MAX + 200];
	enum herr err;

	if (!admin(r, w) || !known(r, w, f, edit_fields, NFIELDS(edit_fields))
	    || !load_user(r, w, &m))
		return;
	edit = m;
	(void)!form_check(f, edit_fields, NFIELDS(edit_fields), room, DIAGS,
	    &e.n);
	choose_wording(&e, room, "role", "Select a role");
	snprintf(edit.given_name, sizeof(edit.given_name), "%s", form_get(f,
	    "given_name") ? form_get(f, "given_name") : "");
	snprintf(edit.family_name, sizeof(edit.family_name), "%s", form_get(f,
	    "family_name") ? form_get(f, "family_name") : "");
	snprintf(edit.email, sizeof(edit.email), "%s", form_get(f, "email") ?
	    form_get(f, "email") : "");
	if (form_get(f, "version") != NULL)
		edit.version = (int64_t)strtoll(form_get(f, "version"), NULL,
		    10);
	if (ui_error_for(&e, "role") == NULL && role_parse(form_get(f,
	    "role"), &edit.role, "role", NULL) != HERR_OK)
		add_problem(&e, room, "role", "Select a role");
	if (e.n == 0 && m.id == r->who.staff_id && edit.role != m.role)
		add_problem(&e, room, "role", "You cannot change your own role: "
		    "ask another administrator");
	if (e.n == 0) {
		if ((err = store_agency_get(r->st, m.agency_id, &ag)) !=
		    HERR_OK) {
			web_unavailable(r, w);
			return;
		}
		hdiag_clear(&d);
		if (staff_validate(&edit, &ag, &d) != HERR_OK)
			add_diag(&e, room, &d);
	}
	if (e.n > 0) {
		w->status = 422;
		user_page(r, w, &m, &e, &edit, edit.version);
		return;
	}
	if (!web_begin(r, w))
		return;
	err = store_dir_staff_update(r->st, &edit, r->who.staff_id, r->now);
	if (err == HERR_CONFLICT) {
		store_rollback(r->st);
		if (!load_user(r, w, &m))
			return;
		if (store_dir_staff_changed(r->st, m.id, &version, &at, by) !=
		    HERR_OK) {
			web_unavailable(r, w);
			return;
		}
		if (at > 0)
			ui_time(at, when, sizeof(when));
		else
			snprintf(when, sizeof(when), "the same time");
		if (by[0] != '\0')
			snprintf(msg, sizeof(msg), "Someone else changed this "
			    "user at %s (%s). Their details are shown above: "
			    "check them, then save your changes again if they "
			    "are still right", when, by);
		else
			snprintf(msg, sizeof(msg), "Someone else changed this "
			    "user at %s. Their details are shown above: check "
			    "them, then save your changes again if they are "
			    "still right", when);
		hdiag_set(&room[0], HERR_CONFLICT, "given_name", "", "%s",
		    msg);
		e.n = 1;
		w->status = 409;
		user_page(r, w, &m, &e, &edit, m.version);
		return;
	}
	if (err == HERR_NOTFOUND) {
		store_rollback(r->st);
		web_not_found(r, w);
		return;
	}
	if (commit_change(r, w, err, SUBJECT_STAFF, m.id))
		web_redirect(w, "/admin/users/%lld?saved=details",
		    (long long)m.id);
}

/* The one-button changes to a user: check the form, then run `what`. */
enum user_action { UA_DISABLE, UA_ENABLE, UA_RESET_TWO_FACTOR };

static void
user_action(struct req *r, struct resp *w, enum user_action what)
{
	static const char *const done[] = {
		[UA_DISABLE] = "disabled",
		[UA_ENABLE] = "enabled",
		[UA_RESET_TWO_FACTOR] = "two-factor",
	};
	const char *saved = done[what];
	struct staff m;
	enum herr e = HERR_OK;

	if (!button_posted(r, w) || !load_user(r, w, &m))
		return;
	if (what == UA_DISABLE && m.id == r->who.staff_id) {
		web_forbidden(r, w, "You cannot disable your own account: ask "
		    "another administrator.");
		return;
	}
	if (!web_begin(r, w))
		return;
	switch (what) {
	case UA_DISABLE:
	case UA_ENABLE:
		e = store_dir_staff_set_active(r->st, m.id, what == UA_ENABLE,
		    r->who.staff_id, r->now);
		if (e == HERR_OK && what == UA_DISABLE)
			e = store_sessions_end_staff(r->st, m.id, r->now);
		break;
	case UA_RESET_TWO_FACTOR:
		e = store_credential_totp_reset(r->st, m.id);
		if (e == HERR_NOTFOUND) {
			store_rollback(r->st);
			web_redirect(w, "/admin/users/%lld?saved=no-password",
			    (long long)m.id);
			return;
		}
		/* Whoever has the lost phone may hold a session too. */
		if (e == HERR_OK)
			e = store_sessions_end_staff(r->st, m.id, r->now);
		break;
	}
	if (commit_change(r, w, e, SUBJECT_STAFF, m.id))
		web_redirect(w, "/admin/users/%lld?saved=%s", (long long)m.id,
		    saved);
}

static void
post_disable(struct req *r, struct resp *w)
{
	user_action(r, w, UA_DISABLE);
}

static void
post_enable(struct req *r, struct resp *w)
{
	user_action(r, w, UA_ENABLE);
}

static void
post_reset_two_factor(struct req *r, struct resp *w)
{
	user_action(r, w, UA_RESET_TWO_FACTOR);
}

static void
post_password(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS];
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	char hash[AUTH_HASH_MAX];
	struct staff m;
	enum herr err;

	if (!admin(r, w) || !known(r, w, f, password_fields,
	    NFIELDS(password_fields)) || !load_user(r, w, &m))
		return;
	(void)!form_check(f, password_fields, NFIELDS(password_fields), room,
	    DIAGS, &e.n);
	if (e.n == 0)
		check_password(&e, room, form_get(f, "password"), form_get(f,
		    "confirm"), m.username);
	if (e.n > 0) {
		w->status = 422;
		user_page(r, w, &m, &e, NULL, m.version);
		return;
	}
	if (auth_password_hash(form_get(f, "password"), hash) != HERR_OK ||
	    store_begin(r->st) != HERR_OK) {
		sodium_memzero(hash, sizeof(hash));
		web_unavailable(r, w);
		return;
	}
	err = store_credential_set_password(r->st, m.id, hash, r->now);
	sodium_memzero(hash, sizeof(hash));
	if (err == HERR_OK)
		err = store_sessions_end_staff(r->st, m.id, r->now);
	if (commit_change(r, w, err, SUBJECT_STAFF, m.id))
		web_redirect(w, "/admin/users/%lld?saved=password",
		    (long long)m.id);
}

/* ------------------------------------------------------------ teams */

static const struct form_field teams_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

struct team_rows {
	struct html *h;
	int shown;
};

static bool
team_row(const struct dir_team *t, void *ctx)
{
	static const char *const head[] = { "Team", "Kind", "Members" };
	struct team_rows *l = ctx;
	char href[48];

	if (l->shown++ == 0)
		ui_table_start(l->h, NULL, head, NFIELDS(head));
	snprintf(href, sizeof(href), "/admin/teams/%lld",
	    (long long)t->team.id);
	ui_table_row_start(l->h);
	ui_table_cell_link(l->h, href, t->team.name);
	ui_table_cell(l->h, team_kind_label(t->team.kind));
	ui_table_cell_int(l->h, t->members);
	ui_table_row_end(l->h);
	return true;
}

static void
get_admin_teams(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	struct team_rows l = { h, 0 };

	if (!admin(r, w) || !known(r, w, &r->query, teams_query,
	    NFIELDS(teams_query)))
		return;
	ui_page_start(r, w, "Teams");
	ui_heading(h, NULL, "Teams");
	ui_button_link(h, "/admin/teams/new", "Add a team");
	if (store_dir_teams(r->st, 0, r->today, team_row, &l) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_table_end_or(h, l.shown, "There are no teams yet.");
	ui_page_end(r, w);
}

static const struct form_field new_team_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "name", "Team name", true, false, NULL, TEAM_NAME_MAX },
	{ "kind", "Kind of team", true, false, NULL, 32 },
};

static void
new_team_page(struct req *r, struct resp *w, const struct ui_errors *e)
{
	struct html *h = &w->body;
	struct ui_option kinds[TEAM__COUNT];

	for (int i = 0; i < TEAM__COUNT; i++) {
		kinds[i].value = team_kind_code((enum team_kind)i);
		kinds[i].label = team_kind_label((enum team_kind)i);
	}
	ui_page_start_errors(r, w, "Add a team", e);
	ui_back_link(h, "/admin/teams");
	ui_heading(h, NULL, "Add a team");
	ui_form_start(r, h, "/admin/teams/new");
	ui_input(h, e, "name", "Team name", NULL, form_get(&r->body, "name"),
	    UI_W_20);
	ui_radios(h, e, "kind", "Kind of team", kinds, TEAM__COUNT,
	    form_get(&r->body, "kind"));
	ui_button(h, "Add team");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_new_team(struct req *r, struct resp *w)
{
	if (!admin(r, w) || !known(r, w, &r->query, NULL, 0))
		return;
	new_team_page(r, w, NULL);
}

static void
post_new_team(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS], d;
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct team t;
	enum herr err;

	if (!admin(r, w) || !known(r, w, f, new_team_fields,
	    NFIELDS(new_team_fields)))
		return;
	(void)!form_check(f, new_team_fields, NFIELDS(new_team_fields), room,
	    DIAGS, &e.n);
	choose_wording(&e, room, "kind", "Select the kind of team");
	memset(&t, 0, sizeof(t));
	snprintf(t.name, sizeof(t.name), "%s", form_get(f, "name") ?
	    form_get(f, "name") : "");
	if (ui_error_for(&e, "kind") == NULL && team_kind_parse(form_get(f,
	    "kind"), &t.kind, "kind", NULL) != HERR_OK)
		add_problem(&e, room, "kind", "Select the kind of team");
	if (e.n == 0) {
		if (!web_begin(r, w))
			return;
		hdiag_clear(&d);
		if ((err = record_team_add(r->st, &t, &d)) != HERR_OK) {
			store_rollback(r->st);
			if (err != HERR_INVALID) {
				web_unavailable(r, w);
				return;
			}
			add_diag(&e, room, &d);
		} else if (audit_commit(r, SUBJECT_TEAM, t.id) != HERR_OK) {
			web_unavailable(r, w);
			return;
		}
	}
	if (e.n > 0) {
		w->status = 422;
		new_team_page(r, w, &e);
		return;
	}
	web_redirect(w, "/admin/teams/%lld?saved=created", (long long)t.id);
}

struct admin_member_rows {
	struct req *r;
	struct html *h;
	int64_t team_id;
	int shown;
};

static bool
admin_member_row(const struct dir_member *m, void *ctx)
{
	static const char *const head[] = { "Name", "Role", "Member since",
		"Until", "" };
	struct admin_member_rows *l = ctx;
	struct html *h = l->h;
	char href[80], buf[32];

	if (l->shown++ == 0)
		ui_table_start(h, "Members", head, NFIELDS(head));
	ui_table_row_start(h);
	snprintf(href, sizeof(href), "/admin/users/%lld",
	    (long long)m->staff_id);
	ui_table_cell_link(h, href, m->name);
	ui_table_cell(h, role_label(m->role) ? role_label(m->role) :
	    "Not known");
	ui_table_cell(h, ui_date_long(m->start_date, buf, sizeof(buf)));
	ui_table_cell(h, m->end_date == HDAY_NONE ? "" :
	    ui_date_long(m->end_date, buf, sizeof(buf)));
	html_lit(h, "<td class=\"govuk-table__cell\">");
	if (m->end_date == HDAY_NONE) {
		snprintf(href, sizeof(href), "/admin/teams/%lld/members/%lld/"
		    "end", (long long)l->team_id, (long long)m->id);
		ui_form_start(l->r, h, href);
		html_lit(h, "<button type=\"submit\" class=\"govuk-button "
		    "govuk-button--secondary govuk-!-margin-bottom-0\">End "
		    "membership<span class=\"govuk-visually-hidden\"> of ");
		html_text(h, m->name);
		html_lit(h, "</span></button>");
		ui_form_end(h);
	}
	html_lit(h, "</td>");
	ui_table_row_end(h);
	return true;
}

static const struct form_field member_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "staff", "Member of staff", true, false, NULL, 20 },
	{ "start_date", "Start date", true, false, form_valid_date, 10 },
};

static void
team_page(struct req *r, struct resp *w, const struct team *t,
    const struct ui_errors *e)
{
	static const struct saved_msg saved[] = {
		{ "created", "Team added" },
		{ "member-added", "Member added" },
		{ "member-ended", "Membership ended today" },
	};
	struct html *h = &w->body;
	struct admin_member_rows ml = { r, h, t->id, 0 };
	const char *start = form_get(&r->body, "start_date");
	char href[64], today[HDATE_LEN];
	struct opts o;

	ui_page_start_errors(r, w, t->name, e);
	ui_back_link(h, "/admin/teams");
	ui_heading(h, team_kind_label(t->kind), t->name);
	saved_banner(r, h, saved, NFIELDS(saved));
	if (store_dir_team_members(r->st, t->id, r->today, admin_member_row,
	    &ml) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	ui_table_end_or(h, ml.shown, "This team has no members at the "
	    "moment.");
	html_lit(h, "<h2 class=\"govuk-heading-m\">Add a member</h2>");
	snprintf(href, sizeof(href), "/admin/teams/%lld/members",
	    (long long)t->id);
	ui_form_start(r, h, href);
	opts_init(&o);
	(void)opts_add(&o, "", "Choose a member of staff");
	if (store_users_each(r->st, NULL, staff_option, &o) != HERR_OK) {
		opts_free(&o);
		web_unavailable(r, w);
		return;
	}
	ui_select(h, e, "staff", "Member of staff", o.o, o.n,
	    form_get(&r->body, "staff"));
	opts_free(&o);
	ui_date(h, e, "start_date", "Start date", NULL, start != NULL ? start :
	    hdate_format(r->today, today));
	ui_button(h, "Add member");
	ui_form_end(h);
	ui_page_end(r, w);
}

static bool
load_team(struct req *r, struct resp *w, struct team *t)
{
	return web_found(r, w, store_dir_team_get(r->st, web_id(r, 0), t));
}

static void
get_admin_team(struct req *r, struct resp *w)
{
	struct team t;

	if (!admin(r, w) || !known(r, w, &r->query, teams_query,
	    NFIELDS(teams_query)) || !load_team(r, w, &t))
		return;
	team_page(r, w, &t, NULL);
}

static void
post_member(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS], d;
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct team t;
	struct staff m;
	hday start = HDAY_NONE;
	bool already = false;
	enum herr err = HERR_OK;

	memset(&m, 0, sizeof(m));
	if (!admin(r, w) || !known(r, w, f, member_fields,
	    NFIELDS(member_fields)) || !load_team(r, w, &t))
		return;
	(void)!form_check(f, member_fields, NFIELDS(member_fields), room,
	    DIAGS, &e.n);
	choose_wording(&e, room, "staff", "Choose a member of staff");
	if (ui_error_for(&e, "staff") == NULL) {
		int64_t id = id_value(form_get(f, "staff"));

		err = id > 0 ? store_staff_get(r->st, id, &m) : HERR_NOTFOUND;
		if (err == HERR_NOTFOUND || (err == HERR_OK && !m.active))
			add_problem(&e, room, "staff", "Choose a member of "
			    "staff who can sign in");
		else if (err == HERR_OK && (err = store_dir_is_member(r->st,
		    t.id, m.id, r->today, &already)) == HERR_OK && already) {
			char msg[DIR_NAME_MAX + 64];

			snprintf(msg, sizeof(msg), "%s %s is already a member "
			    "of this team", m.given_name, m.family_name);
			add_problem(&e, room, "staff", msg);
		}
		if (err != HERR_OK && err != HERR_NOTFOUND) {
			web_unavailable(r, w);
			return;
		}
	}
	if (ui_error_for(&e, "start_date") == NULL &&
	    hdate_parse(form_get(f, "start_date"), &start, "start_date",
	    NULL) != HERR_OK)
		add_problem(&e, room, "start_date", "Enter a start date in the "
		    "format YYYY-MM-DD");
	if (e.n == 0) {
		if (!web_begin(r, w))
			return;
		hdiag_clear(&d);
		err = store_team_member_add(r->st, t.id, m.id, start,
		    HDAY_NONE, &d);
		if (err != HERR_OK) {
			store_rollback(r->st);
			if (err != HERR_INVALID) {
				web_unavailable(r, w);
				return;
			}
			snprintf(d.field, sizeof(d.field), "staff");
			add_diag(&e, room, &d);
		} else if (audit_commit(r, SUBJECT_TEAM, t.id) != HERR_OK) {
			web_unavailable(r, w);
			return;
		}
	}
	if (e.n > 0) {
		w->status = 422;
		team_page(r, w, &t, &e);
		return;
	}
	web_redirect(w, "/admin/teams/%lld?saved=member-added",
	    (long long)t.id);
}

static void
post_member_end(struct req *r, struct resp *w)
{
	struct team t;
	enum herr e;

	if (!button_posted(r, w) || !load_team(r, w, &t) || !web_begin(r, w))
		return;
	e = store_dir_member_end(r->st, t.id, web_id(r, 1), r->today);
	if (e == HERR_NOTFOUND) {
		store_rollback(r->st);
		web_not_found(r, w);
		return;
	}
	if (commit_change(r, w, e, SUBJECT_TEAM, t.id))
		web_redirect(w, "/admin/teams/%lld?saved=member-ended",
		    (long long)t.id);
}

/* ------------------------------------------------------------ intervals */

/* The form: the four intervals after the token, each with its label. */
static const struct form_field intervals_form[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "cp_visit", "Visits to a child on a child protection plan", true,
	    false, NULL, 40 },
	{ "core_group", "Core groups after the first", true, false, NULL, 40 },
	{ "cin_visit", "Visits to a child on a child in need plan", true,
	    false, NULL, 40 },
	{ "cin_review", "Child in need plan reviews", true, false, NULL, 40 },
};

/* One local interval: its field, a hint, where it lives in intervals. */
struct interval_field {
	const struct form_field *f;
	const char *hint;
	size_t off;
};

static const struct interval_field interval_fields[] = {
	{ &intervals_form[1], "How long after the plan starts, and after each "
	    "visit, the next visit is due",
	    offsetof(struct intervals, cp_visit) },
	{ &intervals_form[2], "The first is due within 10 working days of the "
	    "initial conference; each later one this long after the last",
	    offsetof(struct intervals, core_group) },
	{ &intervals_form[3], "How long after the plan starts, and after each "
	    "visit, the next visit is due",
	    offsetof(struct intervals, cin_visit) },
	{ &intervals_form[4], "How long after the plan starts, and after each "
	    "review, the next review is due",
	    offsetof(struct intervals, cin_review) },
};
#define NINTERVALS NFIELDS(interval_fields)

static const struct form_field intervals_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

static struct interval *
interval_at(struct intervals *iv, const struct interval_field *f)
{
	return (struct interval *)(void *)((char *)iv + f->off);
}

/* The form, with `iv` written out, or what was sent when e has errors. */
static void
intervals_page(struct req *r, struct resp *w, struct intervals *iv,
    const char *warning, const struct ui_errors *e)
{
	static const struct saved_msg saved[] = {
		{ "intervals", "Local timescales saved" },
	};
	struct html *h = &w->body;
	char buf[32];

	ui_page_start_errors(r, w, "Local timescales", e);
	ui_heading(h, "Administration", "Local timescales");
	saved_banner(r, h, saved, NFIELDS(saved));
	if (warning != NULL)
		ui_warning(h, warning);
	ui_para(h, "The statutory timescales (assessments, conferences, the "
	    "first core group, looked-after reviews and visits) are fixed by "
	    "law. These four are the authority's own. Give each as a number "
	    "of working days, days, weeks or months, for example \"10 working "
	    "days\", \"4 weeks\" or \"3 months\".");
	ui_inset(h, "Saving changes when every open visit, core group and "
	    "review falls due. Steps already done keep the due date they were "
	    "measured against.");
	ui_form_start(r, h, "/admin/intervals");
	for (int i = 0; i < (int)NINTERVALS; i++) {
		const struct interval_field *f = &interval_fields[i];
		const char *v = e != NULL ? form_get(&r->body, f->f->name) :
		    interval_format(interval_at(iv, f), buf, sizeof(buf));

		ui_input(h, e, f->f->name, f->f->label, f->hint, v, UI_W_20);
	}
	ui_button(h, "Save timescales");
	ui_form_end(h);
	ui_page_end(r, w);
}

static void
get_intervals(struct req *r, struct resp *w)
{
	struct intervals iv;
	struct hdiag d;
	enum herr e;

	if (!admin(r, w) || !known(r, w, &r->query, intervals_query,
	    NFIELDS(intervals_query)))
		return;
	hdiag_clear(&d);
	e = store_intervals_get(r->st, &iv, &d);
	if (e == HERR_INVALID) {
		/* A setting written by hand that does not parse: show the
		 * defaults, and say so, so that saving mends it. */
		intervals_default(&iv);
		intervals_page(r, w, &iv, d.msg, NULL);
		return;
	}
	if (e != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	intervals_page(r, w, &iv, NULL, NULL);
}

static void
post_intervals(struct req *r, struct resp *w)
{
	struct hdiag room[DIAGS], d;
	struct ui_errors e = { room, 0 };
	const struct form *f = &r->body;
	struct intervals iv;
	enum herr err;

	if (!admin(r, w) || !known(r, w, f, intervals_form,
	    NFIELDS(intervals_form)))
		return;
	(void)!form_check(f, intervals_form, NFIELDS(intervals_form), room,
	    DIAGS, &e.n);
	intervals_default(&iv);
	for (int i = 0; i < (int)NINTERVALS; i++) {
		const struct interval_field *fl = &interval_fields[i];

		if (ui_error_for(&e, fl->f->name) != NULL)
			continue;
		hdiag_clear(&d);
		if (interval_parse(form_get(f, fl->f->name), interval_at(&iv,
		    fl), fl->f->name, &d) != HERR_OK) {
			/* The field, whatever interval_parse named. */
			snprintf(d.field, sizeof(d.field), "%s", fl->f->name);
			add_diag(&e, room, &d);
		}
	}
	if (e.n > 0) {
		w->status = 422;
		intervals_page(r, w, &iv, NULL, &e);
		return;
	}
	if (!web_begin(r, w))
		return;
	err = store_intervals_set(r->st, &iv);
	if (commit_change(r, w, err, SUBJECT_NONE, 0))
		web_redirect(w, "/admin/intervals?saved=intervals");
}

const struct route page_admin_routes[] = {
	{ "GET", "/admin/users", get_users, 0 },
	{ "GET", "/admin/users/new", get_new_user, 0 },
	{ "POST", "/admin/users/new", post_new_user, 0 },
	{ "GET", "/admin/users/{id}", get_user, 0 },
	{ "POST", "/admin/users/{id}", post_user, 0 },
	{ "POST", "/admin/users/{id}/disable", post_disable, 0 },
	{ "POST", "/admin/users/{id}/enable", post_enable, 0 },
	{ "POST", "/admin/users/{id}/reset-two-factor", post_reset_two_factor,
	    0 },
	{ "POST", "/admin/users/{id}/password", post_password, 0 },
	{ "GET", "/admin/teams", get_admin_teams, 0 },
	{ "GET", "/admin/teams/new", get_new_team, 0 },
	{ "POST", "/admin/teams/new", post_new_team, 0 },
	{ "GET", "/admin/teams/{id}", get_admin_team, 0 },
	{ "POST", "/admin/teams/{id}/members", post_member, 0 },
	{ "POST", "/admin/teams/{id}/members/{id}/end", post_member_end, 0 },
	{ "GET", "/admin/intervals", get_intervals, 0 },
	{ "POST", "/admin/intervals", post_intervals, 0 },
	{ NULL, NULL, NULL, 0 },
};
