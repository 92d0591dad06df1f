/*
 * router.h: the table of routes, and what the router does before a
 * handler runs.
 *
 * Each page family (one file, page_*.c) exports a NULL-terminated table of
 * routes; router.c lists the tables.  A pattern is a path whose "{id}"
 * segments match positive decimal numbers (available as web_id(r, i)).
 * Before calling a handler the router has: resolved the session or API
 * token, refused requests that need a signed-in user (redirect to sign-in,
 * or 401 for the API), parsed a POST body and checked its CSRF token, and
 * set the security headers.  Handlers never repeat those checks.
 */
#ifndef HEARTH_WEB_ROUTER_H
#define HEARTH_WEB_ROUTER_H

#include "web/web.h"

enum route_flags {
	ROUTE_PUBLIC = 1 << 0,	/* no session needed (sign-in pages) */
	ROUTE_HALF = 1 << 1,	/* a half-signed-in session (password done,
				 * second factor to come) may use it */
	ROUTE_JSON = 1 << 2,	/* API: token or session, JSON body */
};

struct route {
	const char *method;	/* "GET", "POST", "PUT", "DELETE" */
	const char *pattern;	/* "/children/{id}/edit" */
	web_handler fn;
	unsigned flags;
};

/* The page families' tables (each ends with a zeroed entry). */
extern const struct route page_signin_routes[];
extern const struct route page_home_routes[];
extern const struct route page_child_routes[];
extern const struct route page_journey_routes[];
extern const struct route page_sos_routes[];
extern const struct route page_meeting_routes[];
extern const struct route page_family_routes[];
extern const struct route page_team_routes[];
extern const struct route page_admin_routes[];
extern const struct route page_account_routes[];
extern const struct route page_plain_routes[];
extern const struct route api_routes[];
extern const struct route api_sos_routes[];
extern const struct route api_meeting_routes[];

/* Handle one request completely: fills w. */
void router_dispatch(struct req *r, struct resp *w);

/* Security headers every response carries, as name/value pairs ending in
 * a NULL name; `tls` adds HSTS. */
struct header {
	const char *name;
	const char *value;
};
const struct header *router_security_headers(bool tls);

#endif
