/*
 * api.h: the JSON API's shared pieces: authentication by personal access
 * token, RFC 9457 problem details, and JSON responses.  Resources live in
 * api.c; every one goes through core/access and audit exactly as the
 * pages do (web_child_access, web_audit).
 */
#ifndef HEARTH_API_API_H
#define HEARTH_API_API_H

#include <jansson.h>

#include "web/web.h"

/* Authenticate the request's bearer token; on failure fills w with 401. */
bool api_authenticate(struct req *r, struct resp *w);

/* Send `body` (takes ownership) as application/json with `status`. */
void api_json(struct resp *w, int status, json_t *body);

/* A problem details response; `errors` (may be NULL, taken) is a list of
 * {"field":..., "detail":...} objects for invalid input. */
void api_problem(struct resp *w, int status, const char *title,
    const char *detail, json_t *errors);

#endif
