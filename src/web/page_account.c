/*
 * page_account.c: your account: who you are to the service, your teams,
 * and your personal access tokens for the API.
 *
 * A new token is shown once, on the page that answers the form (201, not a
 * redirect, so it never appears in a URL, a Location header or history),
 * and only its hash is stored: nobody, including an administrator, can see
 * it again.  Creating and revoking a token each commit with their audit
 * row.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/auth.h"
#include "store/store_auth.h"
#include "store/store_directory.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define TOKENS_SHOWN 50
#define TOKENS_LIVE_MAX 20	/* unrevoked tokens one person may hold */
#define TOKEN_NAME_MAX 100	/* as the api_token.name column allows */

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
known(struct req *r, struct resp *w, const struct form *f,
    const struct form_field *fields, int n)
{
	const char *bad = unknown_field(f, fields, n);
	char why[160];

	if (bad == NULL)
		return true;
	snprintf(why, sizeof(why), "Remove the unknown field '%s'.", bad);
	web_bad_request(r, w, why);
	return false;
}

struct team_names {
	struct html *h;
	int shown;
};

static bool
team_item(const struct dir_member *m, void *ctx)
{
	struct team_names *l = ctx;
	char href[40];

	if (l->shown++ == 0)
		html_lit(l->h, "<ul class=\"govuk-list\">");
	snprintf(href, sizeof(href), "/teams/%lld", (long long)m->team_id);
	html_lit(l->h, "<li>");
	ui_link(l->h, href, m->team);
	html_lit(l->h, "</li>");
	return true;
}

/* The live tokens of the signed-in user, or -1 on a store failure. */
static int
live_tokens(struct req *r, struct api_token *t, int *n)
{
	int live = 0;

	if (store_api_tokens(r->st, r->who.staff_id, t, TOKENS_SHOWN, n) !=
	    HERR_OK)
		return -1;
	if (*n > TOKENS_SHOWN)
		*n = TOKENS_SHOWN;
	for (int i = 0; i < *n; i++)
		live += t[i].revoked == 0;
	return live;
}

static void
tokens_table(struct req *r, struct html *h, const struct api_token *t, int n)
{
	static const char *const head[] = { "Name", "Created", "Last used",
		"Status", "" };
	char buf[32], href[64];

	if (n == 0) {
		ui_para(h, "You have no tokens.");
		return;
	}
	ui_table_start(h, NULL, head, NFIELDS(head));
	for (int i = 0; i < n; i++) {
		ui_table_row_start(h);
		ui_table_cell(h, t[i].name);
		ui_table_cell(h, ui_time(t[i].created, buf, sizeof(buf)));
		ui_table_cell(h, t[i].last_used ? ui_time(t[i].last_used, buf,
		    sizeof(buf)) : "Never");
		html_lit(h, "<td class=\"govuk-table__cell\">");
		if (t[i].revoked) {
			ui_tag(h, "Revoked", "grey");
			html_lit(h, " ");
			html_text(h, ui_time(t[i].revoked, buf, sizeof(buf)));
		} else
			ui_tag(h, "In use", "green");
		html_lit(h, "</td><td class=\"govuk-table__cell\">");
		if (!t[i].revoked) {
			snprintf(href, sizeof(href), "/account/tokens/%lld/"
			    "revoke", (long long)t[i].id);
			ui_form_start(r, h, href);
			html_lit(h, "<button type=\"submit\" class=\"govuk-"
			    "button govuk-button--warning govuk-!-margin-"
			    "bottom-0\">Revoke<span class=\"govuk-visually-"
			    "hidden\"> ");
			html_text(h, t[i].name);
			html_lit(h, "</span></button>");
			ui_form_end(h);
		}
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

/*
 * The account page: `e` and `name` re-show the new-token form, `token` (a
 * new token's full text, shown once) is NULL except just after creating
 * one.
 */
static void
account_page(struct req *r, struct resp *w, const struct ui_errors *e,
    const char *name, const char *token)
{
	struct html *h = &w->body;
	struct team_names tl = { h, 0 };
	struct api_token t[TOKENS_SHOWN];
	struct agency ag;
	const char *saved = form_get(&r->query, "saved");
	int n = 0;

	if (live_tokens(r, t, &n) < 0) {
		web_unavailable(r, w);
		return;
	}
	ui_page_start_errors(r, w, "Your account", e);
	ui_heading(h, NULL, "Your account");
	if (token != NULL) {
		html_lit(h, "<div class=\"govuk-panel govuk-panel--"
		    "confirmation\"><h2 class=\"govuk-panel__title\">Token "
		    "created</h2><div class=\"govuk-panel__body\">Copy it "
		    "now</div></div>\n");
		ui_warning(h, "This is the only time the token is shown. Copy "
		    "it into the program that will use it. If you lose it, "
		    "revoke it and create another.");
		html_lit(h, "<p class=\"govuk-body\"><code class=\"hearth-"
		    "secret\" id=\"api-token\">");
		html_text(h, token);
		html_lit(h, "</code></p>\n");
	} else if (saved != NULL && strcmp(saved, "revoked") == 0)
		ui_success(h, "Token revoked", "Programs using it can no "
		    "longer sign in with it.");
	ui_summary_start(h);
	ui_summary_row(h, "Name", r->who.display);
	ui_summary_row(h, "Username", r->who.username);
	ui_summary_row(h, "Role", role_label(r->who.role));
	ui_summary_row(h, "Agency", store_agency_get(r->st, r->who.agency_id,
	    &ag) == HERR_OK ? ag.name : "");
	ui_summary_end(h);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Your teams</h2>");
	if (store_dir_staff_teams(r->st, r->who.staff_id, r->today,
	    team_item, &tl) != HERR_OK) {
		web_unavailable(r, w);
		return;
	}
	if (tl.shown > 0)
		html_lit(h, "</ul>");
	else
		ui_para(h, "You are not a member of any team at the moment.");
	html_lit(h, "<h2 class=\"govuk-heading-m\">Personal access tokens"
	    "</h2>");
	ui_para(h, "A token lets a program use the service's API as you, "
	    "seeing only what you can see. Every use is recorded. Revoke a "
	    "token as soon as it is no longer needed.");
	tokens_table(r, h, t, n);
	html_lit(h, "<h3 class=\"govuk-heading-s\">Create a token</h3>");
	ui_form_start(r, h, "/account/tokens");
	ui_input(h, e, "name", "Token name", "What the token is for, for "
	    "example, Weekly caseload report", name, UI_W_20);
	ui_button(h, "Create token");
	ui_form_end(h);
	ui_page_end(r, w);
}

static const struct form_field account_query[] = {
	{ "saved", "Saved", false, false, NULL, 32 },
};

static void
get_account(struct req *r, struct resp *w)
{
	if (!known(r, w, &r->query, account_query, NFIELDS(account_query)))
		return;
	account_page(r, w, NULL, "", NULL);
}

static const struct form_field token_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "name", "Token name", true, false, NULL, TOKEN_NAME_MAX },
};

static void
post_token(struct req *r, struct resp *w)
{
	struct hdiag diags[2];
	struct ui_errors e = { diags, 0 };
	struct api_token t[TOKENS_SHOWN], nt;
	struct audit_row row;
	char full[AUTH_API_TOKEN_TEXT];
	const char *name = form_get(&r->body, "name"), *secret;
	enum herr err;
	int n = 0, live;

	if (!known(r, w, &r->body, token_fields, NFIELDS(token_fields)))
		return;
	if (form_check(&r->body, token_fields, NFIELDS(token_fields), diags,
	    NFIELDS(diags), &e.n) == HERR_OK) {
		if ((live = live_tokens(r, t, &n)) < 0) {
			web_unavailable(r, w);
			return;
		}
		if (live >= TOKENS_LIVE_MAX) {
			hdiag_set(&diags[0], HERR_INVALID, "name", "",
			    "You have %d tokens in use. Revoke one you no "
			    "longer need first", live);
			e.n = 1;
		}
	}
	if (e.n > 0) {
		w->status = 422;
		account_page(r, w, &e, name, NULL);
		return;
	}
	memset(&nt, 0, sizeof(nt));
	nt.staff_id = r->who.staff_id;
	nt.created = r->now;
	snprintf(nt.name, sizeof(nt.name), "%s", name);
	if (auth_api_token_new(full) != HERR_OK ||
	    auth_api_token_split(full, &secret) != HERR_OK ||
	    auth_token_hash(secret, nt.token_hash) != HERR_OK ||
	    store_begin(r->st) != HERR_OK) {
		sodium_memzero(full, sizeof(full));
		web_unavailable(r, w);
		return;
	}
	err = store_api_token_add(r->st, &nt, NULL);
	if (err == HERR_OK) {
		web_audit_row(r, &row, AUDIT_ADMIN, SUBJECT_TOKEN, nt.id, NULL);
		err = store_audit_append(r->st, &row, 1);
	}
	if (err == HERR_OK)
		err = store_commit(r->st);
	if (err != HERR_OK) {
		store_rollback(r->st);
		sodium_memzero(full, sizeof(full));
		web_unavailable(r, w);
		return;
	}
	w->status = 201;
	account_page(r, w, NULL, "", full);
	sodium_memzero(full, sizeof(full));
}

static const struct form_field revoke_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
};

static void
post_revoke(struct req *r, struct resp *w)
{
	struct hdiag d;
	struct audit_row row;
	enum herr e;
	int n = 0;

	if (!known(r, w, &r->body, revoke_fields, NFIELDS(revoke_fields)))
		return;
	if (form_check(&r->body, revoke_fields, NFIELDS(revoke_fields), &d, 1,
	    &n) != HERR_OK) {
		web_bad_request(r, w, d.msg);
		return;
	}
	web_audit_row(r, &row, AUDIT_ADMIN, SUBJECT_TOKEN, web_id(r, 0), NULL);
	if ((e = store_begin(r->st)) == HERR_OK &&
	    (e = store_api_token_revoke(r->st, r->who.staff_id, web_id(r, 0),
	    r->now)) == HERR_OK &&
	    (e = store_audit_append(r->st, &row, 1)) == HERR_OK)
		e = store_commit(r->st);
	if (e != HERR_OK) {
		store_rollback(r->st);
		/* Someone else's token, or one already revoked. */
		if (e == HERR_NOTFOUND)
			web_not_found(r, w);
		else
			web_unavailable(r, w);
		return;
	}
	web_redirect(w, "/account?saved=revoked");
}

const struct route page_account_routes[] = {
	{ "GET", "/account", get_account, 0 },
	{ "POST", "/account/tokens", post_token, 0 },
	{ "POST", "/account/tokens/{id}/revoke", post_revoke, 0 },
	{ NULL, NULL, NULL, 0 },
};
