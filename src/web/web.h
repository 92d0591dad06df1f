/*
 * web.h: what every page handler sees: the request (already parsed,
 * authenticated and, for a POST, checked for its CSRF token) and the
 * response it fills.  Handlers decide nothing about security themselves:
 * they ask web_child_access() (which asks core/access) and record what
 * they showed with web_audit() before returning.
 *
 * Memory: a request's strings live until the response is sent; handlers
 * allocate nothing that outlives it.  The response body is an html writer
 * with a limit, so no page can grow without bound.
 */
#ifndef HEARTH_WEB_WEB_H
#define HEARTH_WEB_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/access.h"
#include "core/account.h"
#include "core/audit.h"
#include "core/date.h"
#include "store/store.h"
#include "web/form.h"
#include "web/html.h"

#define WEB_BODY_MAX (64 * 1024)	/* larger request bodies get 413 */
#define WEB_PAGE_MAX (4 * 1024 * 1024)	/* largest page we will build */
#define WEB_PATH_IDS 3
#define WEB_FACTS_CACHE 8

struct server;

struct req {
	const char *method;		/* "GET", "POST", ... */
	const char *path;		/* decoded path, no query */
	char route[AUDIT_ROUTE_MAX + 1];	/* "GET /children/12" */
	struct form query;		/* ?a=b */
	struct form body;		/* POST form fields (urlencoded) */
	struct form cookies;
	const char *body_raw;		/* the raw body (JSON for the API) */
	size_t body_len;
	const char *content_type;	/* of the body, or NULL */
	const char *accept;
	const char *authorization;	/* API requests only */
	char remote[AUDIT_REMOTE_MAX + 1];
	int64_t ids[WEB_PATH_IDS];	/* numeric {id} parts of the path */
	int nids;

	struct store *st;		/* this thread's connection */
	const struct server *srv;
	int64_t now;			/* unix seconds */
	hday today;

	bool has_session;		/* a live session cookie */
	struct session sess;
	bool signed_in;			/* both factors done (or API token) */
	struct principal who;		/* valid when signed_in */
	bool api;			/* under /api/v1/ */
	bool tls;

	/* Access facts already fetched for this request, by child id: a
	 * page asks about the same child for several operations. */
	struct {
		int64_t child_id;
		struct access_facts f;
	} facts[WEB_FACTS_CACHE];
	int nfacts;
};

#define RESP_COOKIES 3

struct resp {
	int status;
	const char *content_type;	/* static string */
	struct html body;
	char location[512];		/* for redirects */
	char cookie[RESP_COOKIES][320];
	int ncookies;
	const char *cache;		/* Cache-Control, static; default
					 * "no-store" */
	char allow[64];			/* for 405 */
	const char *www_authenticate;	/* for 401 from the API, static */
	/* A body made elsewhere (the JSON encoder): owned, freed after
	 * sending, sent as is instead of `body`. */
	char *raw;
	size_t raw_len;
	/* A static file: sent as is instead of body. */
	const void *file;
	size_t file_len;
	char etag[40];
	/* A download: the Content-Disposition value ("attachment;
	 * filename=..."), or "". */
	char disposition[160];
	bool head;			/* HEAD: headers only */
	bool api;			/* answering the JSON API */
};

typedef void (*web_handler)(struct req *r, struct resp *w);

/* Redirect with 303 See Other to a path built from fmt (a local path). */
void web_redirect(struct resp *w, const char *fmt, ...) HEARTH_PRINTF(2, 3);

/*
 * Decide `op` on a child's (or a household's) record for the signed-in
 * user: gathers the facts from the store and asks core/access.  A store
 * failure is a denial.
 */
enum access_result web_child_access(struct req *r, int64_t child_id,
    enum access_op op, enum access_basis *basis);
enum access_result web_household_access(struct req *r, int64_t household_id,
    enum access_op op);

/*
 * Record an audit row for this request (who, role, route, remote, now) and
 * return only once it is durable (committed and synced).  False if it could
 * not be written: the handler must then not send what it would have shown
 * (web_unavailable).  `reason` may be NULL.
 */
bool web_audit(struct req *r, enum audit_action action,
    enum audit_subject subject, int64_t subject_id, const char *reason)
    HEARTH_WUR;

/*
 * Fill an audit row for this request without writing it, for handlers
 * that append it inside their own transaction (an edit and its audit row
 * commit together).
 */
void web_audit_row(struct req *r, struct audit_row *row,
    enum audit_action action, enum audit_subject subject,
    int64_t subject_id, const char *reason);

/* Standard answers.  web_not_found is also the answer to a denied request:
 * the two must be indistinguishable. */
void web_not_found(struct req *r, struct resp *w);
void web_bad_request(struct req *r, struct resp *w, const char *why);
void web_forbidden(struct req *r, struct resp *w, const char *why);
void web_unavailable(struct req *r, struct resp *w);
/* True when a read gave HERR_OK; otherwise answers 404 for HERR_NOTFOUND
 * (as a denial is answered), else 503. */
bool web_found(struct req *r, struct resp *w, enum herr e);
/* Begin the transaction of a change (store_begin): true, or false with
 * the request answered 503. */
bool web_begin(struct req *r, struct resp *w);
void web_method_not_allowed(struct req *r, struct resp *w,
    const char *allow);

/* An RFC 9457 problem details body (application/problem+json), for
 * answers to the API made before or outside its handlers. */
void web_problem(struct resp *w, int status, const char *title,
    const char *detail);

/* The path id i (0-based) as parsed by the router. */
int64_t web_id(const struct req *r, int i);

/* Set a cookie header line (already formatted "name=value; attrs"). */
void web_set_cookie(struct resp *w, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);

#endif
