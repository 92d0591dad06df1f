/*
 * api.c: the JSON API under /api/v1/, over the same core and store calls
 * as the pages.
 *
 * Clients authenticate with a personal access token ("Authorization:
 * Bearer hrth_..."), made on the Your account page and stored only as a
 * hash.  Cookies are ignored here, so a browser session can never be
 * used cross-site against the API and no CSRF token is needed.  A denied
 * record is 404, exactly as a missing one.  Errors are RFC 9457 problem
 * details (application/problem+json).  JSON is read and written only
 * through jansson; request bodies must be objects whose keys are all
 * known (unknown keys are refused, as unknown form fields are).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/auth.h"
#include "core/codes.h"
#include "store/store_auth.h"
#include "web/router.h"
#include "core/banned.h"

void
api_json(struct resp *w, int status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);

	json_decref(body);
	w->status = status;
	w->content_type = "application/json";
	free(w->raw);
	w->raw = s;
	w->raw_len = s != NULL ? strlen(s) : 0;
	if (s == NULL)
		w->status = 500;
}

void
api_problem(struct resp *w, int status, const char *title,
    const char *detail, json_t *errors)
{
	json_t *p = json_pack("{s:s, s:s, s:i}", "type", "about:blank",
	    "title", title, "status", status);

	if (detail != NULL)
		json_object_set_new(p, "detail", json_string(detail));
	if (errors != NULL)
		json_object_set_new(p, "errors", errors);
	api_json(w, status, p);
	w->content_type = "application/problem+json";
}

static void
not_found(struct resp *w)
{
	api_problem(w, 404, "Not found", "There is no such record, or you "
	    "have no reason to see it.", NULL);
}

bool
api_authenticate(struct req *r, struct resp *w)
{
	static const char bearer[] = "Bearer ";
	const char *h = r->authorization, *tok = NULL;
	unsigned char hash[AUTH_TOKEN_HASH_BYTES];
	struct api_token t;

	if (h == NULL || strncmp(h, bearer, sizeof(bearer) - 1) != 0 ||
	    auth_api_token_split(h + sizeof(bearer) - 1, &tok) != HERR_OK ||
	    auth_token_hash(tok, hash) != HERR_OK ||
	    store_api_token_get(r->st, hash, &t) != HERR_OK ||
	    store_principal_load(r->st, t.staff_id, r->today, &r->who) !=
	    HERR_OK) {
		w->www_authenticate = "Bearer realm=\"hearth\"";
		api_problem(w, 401, "Unauthorised", "Send a personal access "
		    "token that is live: Authorization: Bearer hrth_...",
		    NULL);
		return false;
	}
	r->signed_in = true;
	if (r->now - t.last_used >= 60)
		(void)!store_api_token_used(r->st, t.id, r->now);
	return true;
}

/* A date as "YYYY-MM-DD", or JSON null. */
static json_t *
jdate(hday d)
{
	char buf[HDATE_LEN];

	return d == HDAY_NONE ? json_null() : json_string(hdate_format(d, buf));
}

/* Text, or null when empty. */
static json_t *
jtext(const char *s)
{
	return s == NULL || s[0] == '\0' ? json_null() : json_string(s);
}

static void
get_me(struct req *r, struct resp *w)
{
	json_t *teams = json_array();

	if (!api_authenticate(r, w))
		return;
	for (int i = 0; i < r->who.n_teams; i++)
		json_array_append_new(teams, json_integer(r->who.team_ids[i]));
	api_json(w, 200, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o}",
	    "id", (json_int_t)r->who.staff_id,
	    "username", r->who.username,
	    "name", r->who.display,
	    "role", role_code(r->who.role),
	    "role_label", role_label(r->who.role),
	    "agency_id", (json_int_t)r->who.agency_id,
	    "teams", teams));
}

static json_t *
child_json(const struct child *c, const struct cin_episode *eps, int neps)
{
	json_t *dis = json_array(), *episodes = json_array();
	const struct code *eth = codes_find(CODES_ETHNICITY, c->ethnicity);
	char sex[2] = { c->sex, '\0' };

	for (int i = 0; i < c->n_disabilities; i++)
		json_array_append_new(dis, json_string(c->disabilities[i]));
	for (int i = 0; i < neps; i++) {
		const struct cin_episode *e = &eps[i];

		json_array_append_new(episodes, json_pack(
		    "{s:I, s:I, s:o, s:s, s:o, s:b, s:o, s:o}",
		    "id", (json_int_t)e->id,
		    "version", (json_int_t)e->version,
		    "referral_date", jdate(e->referral_date),
		    "referral_source", e->referral_source,
		    "primary_need", jtext(e->primary_need),
		    "referral_nfa", e->referral_nfa,
		    "closure_date", jdate(e->closure_date),
		    "closure_reason", jtext(e->closure_reason)));
	}
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:s, "
	    "s:s, s:o, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)c->id,
	    "version", (json_int_t)c->version,
	    "la_child_id", c->la_child_id,
	    "given_name", c->given_name,
	    "family_name", c->family_name,
	    "birth_date", jdate(c->birth_date),
	    "expected_birth_date", jdate(c->expected_birth_date),
	    "death_date", jdate(c->death_date),
	    "sex", sex,
	    "ethnicity", c->ethnicity,
	    "ethnicity_label", eth != NULL ? json_string(eth->label) :
	    json_null(),
	    "upn", jtext(c->upn),
	    "upn_unknown", jtext(c->upn_unknown),
	    "disabilities", dis,
	    "cin_episodes", episodes);
}

#define API_EPISODES 64

static void
get_child(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct cin_episode eps[API_EPISODES];
	struct child c;
	int neps = 0;

	if (!api_authenticate(r, w))
		return;
	switch (web_child_access(r, id, ACCESS_VIEW, NULL)) {
	case ACCESS_ALLOW:
		break;
	case ACCESS_NEEDS_GLASS:
		api_problem(w, 403, "Restricted record", "This record is "
		    "restricted. Open it in hearth and give your reason to "
		    "break the glass first.", NULL);
		return;
	default:
		not_found(w);
		return;
	}
	if (store_child_get(r->st, id, &c) != HERR_OK ||
	    store_cin_episodes(r->st, id, eps, API_EPISODES, &neps) !=
	    HERR_OK) {
		not_found(w);
		return;
	}
	if (neps > API_EPISODES)
		neps = API_EPISODES;
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL)) {
		api_problem(w, 503, "Service unavailable", "The access could "
		    "not be recorded, so the record was not sent.", NULL);
		return;
	}
	api_json(w, 200, child_json(&c, eps, neps));
}

static void
no_route(struct req *r, struct resp *w)
{
	(void)r;
	not_found(w);
}

const struct route api_routes[] = {
	{ "GET", "/api/v1/me", get_me, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}", get_child, ROUTE_JSON },
	{ "GET", "/api/v1", no_route, ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
