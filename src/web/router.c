/*
 * router.c: from a parsed request to a handler, with the security checks
 * every request passes first.
 *
 * Order of checks: find the route (404, or 405 with Allow); resolve who is
 * asking (API bearer token, else session cookie with its idle and absolute
 * timeouts); refuse what needs more than they have (sign-in redirect, or
 * 401 problem details for the API); for a form POST, parse the body
 * strictly (400 on malformed input) and compare its CSRF token in constant
 * time (403).  Only then is the handler called.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/auth.h"
#include "store/store_auth.h"
#include "web/router.h"
#include "web/server.h"
#include "web/ui.h"
#include "core/banned.h"

static const struct route *const tables[] = {
	page_signin_routes,
	page_home_routes,
	page_child_routes,
	page_journey_routes,
	page_sos_routes,
	page_meeting_routes,
	page_family_routes,
	page_team_routes,
	page_admin_routes,
	page_account_routes,
	page_plain_routes,
	api_sos_routes,
	api_meeting_routes,
	api_routes,
};

static const struct header plain_headers[] = {
	{ "Content-Security-Policy", "default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
	    "object-src 'none'; base-uri 'none'; form-action 'self'; "
	    "frame-ancestors 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), "
	    "payment=()" },
	{ NULL, NULL },
};

static const struct header tls_headers[] = {
	{ "Content-Security-Policy", "default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data:; font-src 'self'; "
	    "object-src 'none'; base-uri 'none'; form-action 'self'; "
	    "frame-ancestors 'none'; upgrade-insecure-requests" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Cross-Origin-Resource-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), "
	    "payment=()" },
	{ "Strict-Transport-Security", "max-age=31536000; includeSubDomains" },
	{ NULL, NULL },
};

const struct header *
router_security_headers(bool tls)
{
	return tls ? tls_headers : plain_headers;
}

/* Match `path` against `pattern`, collecting {id} numbers. */
static bool
match(const char *pattern, const char *path, int64_t *ids, int *nids)
{
	const char *p = pattern, *s = path;

	*nids = 0;
	while (*p != '\0' && *s != '\0') {
		if (strncmp(p, "{id}", 4) == 0) {
			int64_t v = 0;
			int digits = 0;

			while (*s >= '0' && *s <= '9') {
				if (v > (INT64_MAX - 9) / 10)
					return false;
				v = v * 10 + (*s++ - '0');
				digits++;
			}
			if (digits == 0 || v <= 0 || *nids >= WEB_PATH_IDS)
				return false;
			ids[(*nids)++] = v;
			p += 4;
			continue;
		}
		if (*p++ != *s++)
			return false;
	}
	return *p == '\0' && *s == '\0';
}

static const struct route *
find(struct req *r, char *allow, size_t cap, bool *path_known)
{
	const struct route *hit = NULL;
	size_t alen = 0;

	*path_known = false;
	allow[0] = '\0';
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (const struct route *rt = tables[t]; rt->pattern != NULL;
		    rt++) {
			int64_t ids[WEB_PATH_IDS];
			int n;

			if (!match(rt->pattern, r->path, ids, &n))
				continue;
			*path_known = true;
			if (alen < cap && strstr(allow, rt->method) == NULL) {
				int k = snprintf(allow + alen, cap - alen,
				    "%s%s", alen ? ", " : "", rt->method);

				if (k > 0)
					alen += (size_t)k;
			}
			if (hit == NULL && (strcmp(rt->method, r->method) == 0 ||
			    (strcmp(rt->method, "GET") == 0 &&
			    strcmp(r->method, "HEAD") == 0))) {
				hit = rt;
				memcpy(r->ids, ids, sizeof(ids));
				r->nids = n;
			}
		}
	}
	return hit;
}

/* Resolve the session cookie, if any, enforcing its timeouts. */
static void
load_session(struct req *r, struct resp *w)
{
	const char *tok = form_get(&r->cookies, "hearth_session");
	unsigned char hash[AUTH_TOKEN_HASH_BYTES];
	struct session s;
	bool live;

	if (tok == NULL || !auth_token_valid_form(tok))
		return;
	if (auth_token_hash(tok, hash) != HERR_OK)
		return;
	if (store_session_get(r->st, hash, &s) != HERR_OK)
		return;
	if (s.stage == SESSION_SIGNED_IN)
		live = auth_session_live(s.created, s.last_seen, r->now);
	else
		live = r->now >= s.created &&
		    r->now - s.created < AUTH_MFA_PENDING_SECONDS;
	if (!live) {
		(void)!store_session_end(r->st, s.id, r->now);
		web_set_cookie(w, "hearth_session=; Path=/; Max-Age=0; "
		    "HttpOnly; SameSite=Strict%s", r->tls ? "; Secure" : "");
		return;
	}
	r->has_session = true;
	r->sess = s;
	if (s.stage == SESSION_SIGNED_IN) {
		if (store_principal_load(r->st, s.staff_id, r->today,
		    &r->who) != HERR_OK) {
			/* Disabled since signing in. */
			(void)!store_session_end(r->st, s.id, r->now);
			r->has_session = false;
			return;
		}
		r->signed_in = true;
	}
	/* Idle time is counted in minutes; a write per page is not needed. */
	if (r->now - s.last_seen >= 60)
		(void)!store_session_touch(r->st, s.id, r->now);
}

static bool
csrf_ok(struct req *r)
{
	const char *sent = form_get(&r->body, "csrf");
	const char *want = r->has_session ? r->sess.csrf :
	    form_get(&r->cookies, "hearth_csrf");

	if (sent == NULL || want == NULL || !auth_token_valid_form(sent) ||
	    !auth_token_valid_form(want))
		return false;
	return auth_equal(sent, want, AUTH_TOKEN_TEXT - 1);
}

static bool
is_form(const char *ct)
{
	static const char want[] = "application/x-www-form-urlencoded";

	return ct != NULL && strncmp(ct, want, sizeof(want) - 1) == 0 &&
	    (ct[sizeof(want) - 1] == '\0' || ct[sizeof(want) - 1] == ';');
}

void
router_dispatch(struct req *r, struct resp *w)
{
	char allow[64];
	bool known;
	const struct route *rt = find(r, allow, sizeof(allow), &known);
	struct hdiag d;

	if (rt == NULL) {
		/* Signed-in people keep their navigation on an error page. */
		if (!r->api)
			load_session(r, w);
		if (known)
			web_method_not_allowed(r, w, allow);
		else
			web_not_found(r, w);
		return;
	}
	if (rt->flags & ROUTE_JSON) {
		rt->fn(r, w);	/* the API authenticates itself (api.c) */
		return;
	}
	load_session(r, w);
	if (!(rt->flags & ROUTE_PUBLIC) && !r->signed_in &&
	    !(r->has_session && (rt->flags & ROUTE_HALF))) {
		web_redirect(w, "/sign-in");
		return;
	}
	if (strcmp(r->method, "POST") == 0) {
		if (!is_form(r->content_type)) {
			web_bad_request(r, w, "Forms must be sent as "
			    "application/x-www-form-urlencoded.");
			return;
		}
		if (form_parse_urlencoded(&r->body, r->body_raw, r->body_len,
		    &d) != HERR_OK) {
			web_bad_request(r, w, d.msg);
			return;
		}
		if (!csrf_ok(r)) {
			web_forbidden(r, w, "This form has expired or did not "
			    "come from this service. Go back, reload the page "
			    "and try again.");
			return;
		}
	}
	rt->fn(r, w);
}

/* ------------------------------------------------------------ web.h */

void
web_redirect(struct resp *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->location, sizeof(w->location), fmt, ap);
	va_end(ap);
	w->status = 303;
	w->content_type = "text/plain; charset=utf-8";
}

void
web_set_cookie(struct resp *w, const char *fmt, ...)
{
	va_list ap;

	if (w->ncookies >= RESP_COOKIES)
		return;
	va_start(ap, fmt);
	vsnprintf(w->cookie[w->ncookies++], sizeof(w->cookie[0]), fmt, ap);
	va_end(ap);
}

int64_t
web_id(const struct req *r, int i)
{
	return i >= 0 && i < r->nids ? r->ids[i] : 0;
}

/* Facts are fetched once per child per request; a request that changes
 * them (break-glass, sharing) redirects, so the next request reads anew. */
enum access_result
web_child_access(struct req *r, int64_t child_id, enum access_op op,
    enum access_basis *basis)
{
	struct access_facts f;

	if (basis != NULL)
		*basis = BASIS_NONE;
	if (!r->signed_in)
		return ACCESS_DENY;
	for (int i = 0; i < r->nfacts; i++)
		if (r->facts[i].child_id == child_id)
			return access_child(&r->who, op, &r->facts[i].f, basis);
	if (store_access_facts(r->st, &r->who, child_id, r->today, r->now,
	    &f) != HERR_OK)
		return ACCESS_DENY;
	if (r->nfacts < WEB_FACTS_CACHE) {
		r->facts[r->nfacts].child_id = child_id;
		r->facts[r->nfacts].f = f;
		r->nfacts++;
	}
	return access_child(&r->who, op, &f, basis);
}

enum access_result
web_household_access(struct req *r, int64_t household_id, enum access_op op)
{
	struct access_facts f;

	if (!r->signed_in || store_access_facts_household(r->st, &r->who,
	    household_id, r->today, r->now, &f) != HERR_OK)
		return ACCESS_DENY;
	return access_child(&r->who, op, &f, NULL);
}

void
web_audit_row(struct req *r, struct audit_row *row, enum audit_action action,
    enum audit_subject subject, int64_t subject_id, const char *reason)
{
	memset(row, 0, sizeof(*row));
	row->at_ms = audit_now_ms();
	row->action = action;
	row->subject = subject;
	row->subject_id = subject_id;
	if (r->signed_in) {
		row->staff_id = r->who.staff_id;
		snprintf(row->username, sizeof(row->username), "%s",
		    r->who.username);
		snprintf(row->role, sizeof(row->role), "%s",
		    role_code(r->who.role));
	} else {
		snprintf(row->username, sizeof(row->username), "-");
		snprintf(row->role, sizeof(row->role), "-");
	}
	snprintf(row->route, sizeof(row->route), "%s", r->route);
	snprintf(row->remote, sizeof(row->remote), "%s", r->remote);
	snprintf(row->reason, sizeof(row->reason), "%s", reason ? reason : "");
}

bool
web_audit(struct req *r, enum audit_action action, enum audit_subject subject,
    int64_t subject_id, const char *reason)
{
	struct audit_row row;

	web_audit_row(r, &row, action, subject, subject_id, reason);
	return server_audit(r->srv, &row) == HERR_OK;
}

static void
message_page(struct req *r, struct resp *w, int status, const char *title,
    const char *text)
{
	html_clear(&w->body);
	html_init(&w->body, WEB_PAGE_MAX);
	w->status = status;
	if (r->api) {
		web_problem(w, status, status == 404 ? "Not found" : title,
		    text);
		return;
	}
	ui_page_start(r, w, title);
	ui_heading(&w->body, NULL, title);
	ui_para(&w->body, text);
	ui_page_end(r, w);
}

void
web_problem(struct resp *w, int status, const char *title,
    const char *detail)
{
	json_t *p = json_pack("{s:s, s:s, s:i}", "type", "about:blank",
	    "title", title, "status", status);
	char *s;

	if (detail != NULL)
		json_object_set_new(p, "detail", json_string(detail));
	s = json_dumps(p, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(p);
	w->status = s != NULL ? status : 500;
	w->content_type = "application/problem+json";
	free(w->raw);
	w->raw = s;
	w->raw_len = s != NULL ? strlen(s) : 0;
}

void
web_not_found(struct req *r, struct resp *w)
{
	message_page(r, w, 404, "Page not found",
	    "If you typed the web address, check it is correct. If you "
	    "followed a link, the record may not exist or you may not have "
	    "a reason to see it.");
}

void
web_bad_request(struct req *r, struct resp *w, const char *why)
{
	message_page(r, w, 400, "There is a problem with what was sent", why);
}

void
web_forbidden(struct req *r, struct resp *w, const char *why)
{
	message_page(r, w, 403, "You cannot do that", why);
}

void
web_unavailable(struct req *r, struct resp *w)
{
	message_page(r, w, 503, "Sorry, there is a problem with the service",
	    "What you asked for could not be recorded, so it has not been "
	    "shown. Try again in a few minutes.");
}

bool
web_begin(struct req *r, struct resp *w)
{
	if (store_begin(r->st) == HERR_OK)
		return true;
	web_unavailable(r, w);
	return false;
}

bool
web_found(struct req *r, struct resp *w, enum herr e)
{
	if (e == HERR_NOTFOUND)
		web_not_found(r, w);
	else if (e != HERR_OK)
		web_unavailable(r, w);
	return e == HERR_OK;
}

void
web_method_not_allowed(struct req *r, struct resp *w, const char *allow)
{
	snprintf(w->allow, sizeof(w->allow), "%s", allow);
	message_page(r, w, 405, "That is not possible here",
	    "This page cannot be used in that way.");
}
