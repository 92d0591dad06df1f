/*
 * page_signin.c: signing in and out.
 *
 * Staff sign in with a username and password, then a code from an
 * authenticator app (TOTP); the first time, they set the app up from a QR
 * code.  A new session token is issued at each step up (password, then
 * both factors), so a token seen before sign-in is worthless after it.
 * The same message answers an unknown username and a wrong password, and
 * an unknown username costs the same argon2id time, so neither the words
 * nor the timing tell an attacker which usernames exist.  Five failures in
 * a row lock the account for 15 minutes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/auth.h"
#include "core/mem.h"
#include "store/store_auth.h"
#include "web/router.h"
#include "web/server.h"
#include "web/ui.h"
#include "core/banned.h"

/* A password is checked for what it is, never for how it looks: spaces
 * anywhere are allowed (form_check's default text rule refuses leading and
 * trailing ones); the parser has already refused invalid UTF-8 and control
 * characters. */
static enum herr
valid_password(const char *v, const char *label, struct hdiag *d)
{
	if (strlen(v) > AUTH_PW_MAX_BYTES)
		return hdiag_set(d, HERR_INVALID, "password", "",
		    "%s must be %d characters or fewer", label,
		    AUTH_PW_MAX_BYTES);
	return HERR_OK;
}

static const struct form_field signin_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "username", "Username", true, false, NULL, USERNAME_MAX },
	{ "password", "Password", true, false, valid_password,
	    AUTH_PW_MAX_BYTES },
};

static const struct form_field code_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
	{ "code", "Security code", true, false, NULL, 16 },
};

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *
secure(const struct req *r)
{
	return r->tls ? "; Secure" : "";
}

static void
signin_page(struct req *r, struct resp *w, const struct ui_errors *e,
    const char *username, const char *csrf)
{
	struct html *h = &w->body;

	ui_page_start_errors(r, w, "Sign in", e);
	ui_heading(h, NULL, "Sign in");
	html_lit(h, "<form method=\"post\" action=\"/sign-in\" novalidate>");
	ui_hidden(h, "csrf", csrf);
	ui_input(h, e, "username", "Username", NULL, username, UI_W_20);
	ui_password(h, e, "password", "Password", "current-password");
	ui_button(h, "Sign in");
	ui_form_end(h);
	ui_inset(h, "If you have forgotten your password or lost the device "
	    "with your authenticator app, ask your system administrator.");
	ui_page_end(r, w);
}

/* The pre-session form token: from the cookie, or a new one (set). */
static bool
pre_csrf(struct req *r, struct resp *w, char out[AUTH_TOKEN_TEXT])
{
	const char *c = form_get(&r->cookies, "hearth_csrf");

	if (c != NULL && auth_token_valid_form(c)) {
		snprintf(out, AUTH_TOKEN_TEXT, "%s", c);
		return true;
	}
	if (auth_token_new(out) != HERR_OK)
		return false;
	web_set_cookie(w, "hearth_csrf=%s; Path=/; HttpOnly; SameSite=Strict%s",
	    out, secure(r));
	return true;
}

static void
get_signin(struct req *r, struct resp *w)
{
	char csrf[AUTH_TOKEN_TEXT];

	if (r->signed_in) {
		web_redirect(w, "/");
		return;
	}
	/* A half-finished sign-in posts with its session's form token. */
	if (r->has_session)
		snprintf(csrf, sizeof(csrf), "%s", r->sess.csrf);
	else if (!pre_csrf(r, w, csrf)) {
		web_unavailable(r, w);
		return;
	}
	signin_page(r, w, NULL, "", csrf);
}

/* Start a session at `stage` for staff_id with a fresh token and form
 * token, replacing any session this browser had. */
static bool
new_session(struct req *r, struct resp *w, int64_t staff_id,
    enum session_stage stage)
{
	char tok[AUTH_TOKEN_TEXT];
	struct session s;

	memset(&s, 0, sizeof(s));
	if (r->has_session)
		(void)!store_session_end(r->st, r->sess.id, r->now);
	if (auth_token_new(tok) != HERR_OK || auth_token_new(s.csrf) !=
	    HERR_OK || auth_token_hash(tok, s.token_hash) != HERR_OK)
		return false;
	s.staff_id = staff_id;
	s.stage = stage;
	s.created = r->now;
	snprintf(s.remote, sizeof(s.remote), "%s", r->remote);
	if (store_session_add(r->st, &s) != HERR_OK)
		return false;
	web_set_cookie(w, "hearth_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s", tok, secure(r));
	r->sess = s;
	r->has_session = true;
	sodium_memzero(tok, sizeof(tok));
	return true;
}

static void
audit_signin(struct req *r, enum audit_action a, const struct staff *m)
{
	struct audit_row row;

	web_audit_row(r, &row, a, SUBJECT_STAFF, m != NULL ? m->id : 0, NULL);
	if (m != NULL) {
		row.staff_id = m->id;
		snprintf(row.username, sizeof(row.username), "%s", m->username);
		snprintf(row.role, sizeof(row.role), "%s", role_code(m->role));
	}
	(void)!server_audit(r->srv, &row);
}

static void
post_signin(struct req *r, struct resp *w)
{
	struct hdiag diags[4];
	struct ui_errors e = { diags, 0 };
	struct staff m;
	struct credential c;
	const char *user, *pw, *csrf = form_get(&r->body, "csrf");
	bool found, ok = false, rehash = false;
	int failures = 0;

	if (form_check(&r->body, signin_fields, NFIELDS(signin_fields), diags,
	    4, &e.n) != HERR_OK) {
		w->status = 400;
		signin_page(r, w, &e, form_get(&r->body, "username"), csrf);
		return;
	}
	user = form_get(&r->body, "username");
	pw = form_get(&r->body, "password");
	found = store_staff_by_username(r->st, user, &m) == HERR_OK &&
	    m.active && store_credential_get(r->st, m.id, &c) == HERR_OK;
	if (!found) {
		auth_password_dummy_verify(pw);
		audit_signin(r, AUDIT_SIGN_IN_FAILED, NULL);
		goto wrong;
	}
	if (auth_locked(c.failures, c.last_failure, r->now)) {
		audit_signin(r, AUDIT_SIGN_IN_FAILED, &m);
		w->status = 429;
		hdiag_set(&diags[0], HERR_INVALID, "username", "",
		    "This account is locked after too many failed attempts. "
		    "Try again in 15 minutes, or ask your system "
		    "administrator.");
		e.n = 1;
		signin_page(r, w, &e, user, csrf);
		return;
	}
	if (auth_password_verify(c.password_hash, pw, &ok, &rehash) !=
	    HERR_OK || !ok) {
		(void)!store_credential_failed(r->st, m.id, r->now, &failures);
		audit_signin(r, AUDIT_SIGN_IN_FAILED, &m);
		if (failures >= AUTH_LOCK_AFTER) {
			w->status = 429;
			hdiag_set(&diags[0], HERR_INVALID, "username", "",
			    "This account is now locked after %d failed "
			    "attempts. Try again in 15 minutes, or ask your "
			    "system administrator.", failures);
			e.n = 1;
			signin_page(r, w, &e, user, csrf);
			return;
		}
		goto wrong;
	}
	if (rehash) {
		char fresh[AUTH_HASH_MAX];

		if (auth_password_hash(pw, fresh) == HERR_OK)
			(void)!store_credential_set_password(r->st, m.id, fresh,
			    r->now);
	}
	if (store_credential_succeeded(r->st, m.id) != HERR_OK ||
	    !new_session(r, w, m.id, SESSION_PASSWORD)) {
		web_unavailable(r, w);
		return;
	}
	web_redirect(w, c.totp_enrolled ? "/sign-in/two-factor" :
	    "/sign-in/set-up-two-factor");
	return;
wrong:
	w->status = 401;
	hdiag_set(&diags[0], HERR_INVALID, "username", "",
	    "Enter a correct username and password");
	e.n = 1;
	signin_page(r, w, &e, user, csrf);
}

static void
code_page(struct req *r, struct resp *w, const struct ui_errors *e,
    bool enrol, const char *secret)
{
	struct html *h = &w->body;
	const char *title = enrol ? "Set up your authenticator app" :
	    "Enter your security code";

	ui_page_start_errors(r, w, title, e);
	ui_heading(h, NULL, title);
	if (enrol) {
		char uri[512], *svg = NULL, *b64;
		size_t n = 0, b64len;

		ui_para(h, "Staff sign in with a second step: a 6-digit code "
		    "from an authenticator app on your work phone. Scan this "
		    "QR code with the app, or type in the key below it.");
		if (auth_totp_uri(server_authority(r->srv), r->who.username[0] ?
		    r->who.username : "staff", secret, uri, sizeof(uri)) ==
		    HERR_OK && auth_qr_svg(uri, &svg, &n) == HERR_OK) {
			b64len = sodium_base64_encoded_len(n,
			    sodium_base64_VARIANT_ORIGINAL);
			b64 = xmalloc(b64len);
			sodium_bin2base64(b64, b64len, (unsigned char *)svg, n,
			    sodium_base64_VARIANT_ORIGINAL);
			html_lit(h, "<div class=\"hearth-qr\"><img width=\"200\" "
			    "height=\"200\" alt=\"QR code to scan with your "
			    "authenticator app\"");
			html_attrf(h, "src", "data:image/svg+xml;base64,%s",
			    b64);
			html_lit(h, "></div>");
			free(b64);
			free(svg);
		}
		html_lit(h, "<p class=\"govuk-body\">Key: <span class=\""
		    "hearth-secret\" id=\"totp-secret\">");
		html_text(h, secret);
		html_lit(h, "</span></p>");
	}
	ui_form_start(r, h, enrol ? "/sign-in/set-up-two-factor" :
	    "/sign-in/two-factor");
	html_lit(h, "<div class=\"govuk-form-group");
	if (ui_error_for(e, "code") != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><label class=\"govuk-label govuk-label--s\" for=\"code\""
	    ">Security code</label><div class=\"govuk-hint\" id=\"code-hint\">"
	    "The 6-digit code shown in your authenticator app</div>");
	if (ui_error_for(e, "code") != NULL) {
		html_lit(h, "<p class=\"govuk-error-message\" id=\"code-error\">"
		    "<span class=\"govuk-visually-hidden\">Error:</span> ");
		html_text(h, ui_error_for(e, "code"));
		html_lit(h, "</p>");
	}
	html_lit(h, "<input class=\"govuk-input govuk-input--width-5");
	if (ui_error_for(e, "code") != NULL)
		html_lit(h, " govuk-input--error");
	html_lit(h, "\" id=\"code\" name=\"code\" type=\"text\" inputmode=\""
	    "numeric\" autocomplete=\"one-time-code\" spellcheck=\"false\" "
	    "aria-describedby=\"code-hint");
	if (ui_error_for(e, "code") != NULL)
		html_lit(h, " code-error");
	html_lit(h, "\"></div>");
	ui_button(h, "Continue");
	ui_form_end(h);
	ui_page_end(r, w);
}

/* The half-signed-in user's credential, or false (then sign in again). */
static bool
half_credential(struct req *r, struct resp *w, struct credential *c)
{
	if (!r->has_session || r->sess.stage != SESSION_PASSWORD ||
	    store_credential_get(r->st, r->sess.staff_id, c) != HERR_OK) {
		web_redirect(w, r->signed_in ? "/" : "/sign-in");
		return false;
	}
	return true;
}

static void
get_two_factor(struct req *r, struct resp *w)
{
	struct credential c;

	if (!half_credential(r, w, &c))
		return;
	if (!c.totp_enrolled) {
		web_redirect(w, "/sign-in/set-up-two-factor");
		return;
	}
	code_page(r, w, NULL, false, NULL);
}

static void
get_enrol(struct req *r, struct resp *w)
{
	struct credential c;
	struct staff m;

	if (!half_credential(r, w, &c))
		return;
	if (c.totp_enrolled) {
		web_redirect(w, "/sign-in/two-factor");
		return;
	}
	/* Keep an unconfirmed secret across reloads, so a code from an app
	 * that already scanned it still works. */
	if (c.totp_secret[0] == '\0') {
		if (auth_totp_secret_new(c.totp_secret) != HERR_OK ||
		    store_credential_totp_begin(r->st, c.staff_id,
		    c.totp_secret) != HERR_OK) {
			web_unavailable(r, w);
			return;
		}
	}
	if (store_staff_get(r->st, c.staff_id, &m) == HERR_OK)
		snprintf(r->who.username, sizeof(r->who.username), "%s",
		    m.username);
	code_page(r, w, NULL, true, c.totp_secret);
	memset(r->who.username, 0, sizeof(r->who.username));
}

static void
post_code(struct req *r, struct resp *w, bool enrol)
{
	struct hdiag diags[3];
	struct ui_errors e = { diags, 0 };
	struct credential c;
	struct staff m;
	int64_t step = -1;
	bool ok = false;
	int failures = 0;

	if (!half_credential(r, w, &c))
		return;
	if (enrol == c.totp_enrolled || c.totp_secret[0] == '\0') {
		web_redirect(w, c.totp_enrolled ? "/sign-in/two-factor" :
		    "/sign-in/set-up-two-factor");
		return;
	}
	if (store_staff_get(r->st, c.staff_id, &m) != HERR_OK) {
		web_redirect(w, "/sign-in");
		return;
	}
	if (auth_locked(c.failures, c.last_failure, r->now)) {
		(void)!store_session_end(r->st, r->sess.id, r->now);
		web_redirect(w, "/sign-in");
		return;
	}
	if (form_check(&r->body, code_fields, NFIELDS(code_fields), diags, 3,
	    &e.n) == HERR_OK && auth_totp_verify(c.totp_secret,
	    form_get(&r->body, "code"), r->now, c.totp_last_step, &step,
	    &ok) == HERR_OK && ok && store_credential_totp_used(r->st,
	    c.staff_id, step, enrol) == HERR_OK) {
		if (!new_session(r, w, c.staff_id, SESSION_SIGNED_IN) ||
		    store_principal_load(r->st, c.staff_id, r->today,
		    &r->who) != HERR_OK) {
			web_unavailable(r, w);
			return;
		}
		r->signed_in = true;
		if (!web_audit(r, AUDIT_SIGN_IN, SUBJECT_STAFF, c.staff_id,
		    NULL)) {
			web_unavailable(r, w);
			return;
		}
		web_redirect(w, "/");
		return;
	}
	(void)!store_credential_failed(r->st, c.staff_id, r->now, &failures);
	audit_signin(r, AUDIT_SIGN_IN_FAILED, &m);
	w->status = 401;
	hdiag_set(&diags[0], HERR_INVALID, "code", "", failures >=
	    AUTH_LOCK_AFTER ? "Too many wrong codes: this account is locked "
	    "for 15 minutes" : "Enter the 6-digit code shown in your "
	    "authenticator app now");
	e.n = 1;
	if (enrol)
		snprintf(r->who.username, sizeof(r->who.username), "%s",
		    m.username);
	code_page(r, w, &e, enrol, c.totp_secret);
	memset(r->who.username, 0, sizeof(r->who.username));
}

static void
post_two_factor(struct req *r, struct resp *w)
{
	post_code(r, w, false);
}

static void
post_enrol(struct req *r, struct resp *w)
{
	post_code(r, w, true);
}

static const struct form_field signout_fields[] = {
	{ "csrf", "Form token", true, false, NULL, 64 },
};

static void
post_signout(struct req *r, struct resp *w)
{
	int n = 0;
	struct hdiag d;

	if (form_check(&r->body, signout_fields, NFIELDS(signout_fields), &d,
	    1, &n) != HERR_OK) {
		web_bad_request(r, w, d.msg);
		return;
	}
	if (r->signed_in)
		(void)!web_audit(r, AUDIT_SIGN_OUT, SUBJECT_STAFF,
		    r->who.staff_id, NULL);
	if (r->has_session)
		(void)!store_session_end(r->st, r->sess.id, r->now);
	web_set_cookie(w, "hearth_session=; Path=/; Max-Age=0; HttpOnly; "
	    "SameSite=Strict%s", secure(r));
	web_redirect(w, "/signed-out");
}

static void
get_signed_out(struct req *r, struct resp *w)
{
	struct html *h = &w->body;

	r->signed_in = false;
	ui_page_start(r, w, "You have signed out");
	ui_heading(h, NULL, "You have signed out");
	ui_para(h, "Close the browser window if you are on a shared computer.");
	ui_button_link(h, "/sign-in", "Sign in again");
	ui_page_end(r, w);
}

const struct route page_signin_routes[] = {
	{ "GET", "/sign-in", get_signin, ROUTE_PUBLIC },
	{ "POST", "/sign-in", post_signin, ROUTE_PUBLIC },
	{ "GET", "/sign-in/two-factor", get_two_factor, ROUTE_HALF },
	{ "POST", "/sign-in/two-factor", post_two_factor, ROUTE_HALF },
	{ "GET", "/sign-in/set-up-two-factor", get_enrol, ROUTE_HALF },
	{ "POST", "/sign-in/set-up-two-factor", post_enrol, ROUTE_HALF },
	{ "POST", "/sign-out", post_signout, ROUTE_HALF },
	{ "GET", "/signed-out", get_signed_out, ROUTE_PUBLIC },
	{ NULL, NULL, NULL, 0 },
};
