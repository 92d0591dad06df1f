/*
 * api.c: the JSON API under /api/v1/, over the same core and store calls
 * as the pages.
 *
 * Clients authenticate with a personal access token ("Authorization:
 * Bearer hrth_..."), made on the Your account page and stored only as a
 * hash.  Cookies are ignored here, so a browser session can never be
 * used cross-site against the API and no CSRF token is needed.  A denied
 * record is 404, exactly as a missing one (the same bytes).  Errors are
 * RFC 9457 problem details (application/problem+json).  JSON is read and
 * written only through jansson; request bodies must be JSON objects
 * (application/json, UTF-8, no NUL, no repeated keys) whose keys are all
 * known: an unknown key or a value of the wrong type is 400, a value the
 * core's rules refuse is 422 with errors naming each field.
 *
 * Resources:
 *   GET  /api/v1/me
 *   GET  /api/v1/children?q=&dob=       search, as the /search page
 *   GET  /api/v1/children/{id}          the record, as the record page
 *   PUT  /api/v1/children/{id}          change details (version checked)
 *   POST /api/v1/children/{id}/chronology
 *   GET  /api/v1/families/{id}          a household, as the family page
 *   GET  /api/v1/teams/{id}             members, and a caseload's ids
 *   GET  /api/v1/due?team=&worker=&until=
 *        open timed steps (timescale.h) of children the caller may open:
 *        a team's (one the caller is in), a worker's, or without either
 *        the caller's own; each with "status" due or overdue
 *   GET  /api/v1/children/{id}/journey  episodes with referral and
 *        decision, assessments, strategy discussions with people, s47s,
 *        conferences with each child's decision, plans with core groups,
 *        events, and the child's open due items
 *
 * The child protection journey: each step through the same record_*
 * call as the pages (core/record.h), under /api/v1/children/{id}/, with
 * ACCESS_EDIT on the child; 201 with the new record, 200 with the changed
 * one; "version" where the record is versioned (409 when stale):
 *   POST referrals                   {referral_date, referral_source,
 *                                     primary_need}: a new CIN episode
 *   POST episodes/{id}/decision      {version, decision, decision_date,
 *                                     contact_date, reason}
 *   POST episodes/{id}/close         {closure_date, reason}
 *   POST assessments                 {episode_id, start_date, factors[]}
 *   POST assessments/{id}/authorise  {version, authorised_date, outcome,
 *                                     factors[]}
 *   POST strategy-discussions        {episode_id, held_date, s47, note,
 *                                     people[{name, agency, role,
 *                                     staff_id}]}
 *   POST s47                         {episode_id, strategy_id, start_date}
 *   POST s47/{id}/outcome            {version, outcome, outcome_date}
 *   POST conferences                 {kind, held_date, notified_date,
 *                                     chair_id, note, children[{child_id,
 *                                     s47_id, plan_id, decision, category,
 *                                     end_reason, step_down}]}: every child
 *                                     listed needs ACCESS_EDIT too
 *   POST plans/{id}/end              {end_date, reason}: CP, CIN or LAC
 *   POST plans/{id}/core-group       {version, members[]}
 *   POST plans/{id}/events           {kind, held_date, seen, seen_alone,
 *                                     note}
 *   POST cin-plans                   {episode_id, start_date}
 *   POST looked-after                {episode_id, start_date, legal_status,
 *                                     placement, long_term}
 *   POST looked-after/{id}/end       {end_date, reason}
 * Codes are journey.h's ("assessment", "icpc", "neglect"...); dates
 * YYYY-MM-DD.  A problem with a value names the field as the body does
 * ("children[1].category", "people[0].name").
 *
 * Every handler asks web_child_access (core/access) before anything else
 * about a record, writes the audit row before a byte of case content is
 * sent (and sends nothing when it could not: 503), and an edit commits
 * with its audit row in one transaction, exactly as the pages do.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "core/auth.h"
#include "core/chronology.h"
#include "core/codes.h"
#include "core/mem.h"
#include "core/journey.h"
#include "core/record.h"
#include "core/text.h"
#include "core/timescale.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "web/child_view.h"
#include "web/router.h"
#include "web/search.h"
#include "core/banned.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define CASELOAD_LIMIT 2000	/* rows of a caseload looked at */
#define API_ERRORS 16		/* problems listed in one answer */
#define SHOWN_MAX 80		/* bytes of a sent value quoted back */

/* ------------------------------------------------------------ answers */

/* A JSON string, or null when s is NULL or not valid UTF-8 (stored text
 * always is: text_check). */
static json_t *
jstr(const char *s)
{
	json_t *v = s != NULL ? json_string(s) : NULL;

	return v != NULL ? v : json_null();
}

/* Text, or null when empty. */
static json_t *
jtext(const char *s)
{
	return s == NULL || s[0] == '\0' ? json_null() : jstr(s);
}

/* A date as "YYYY-MM-DD", or JSON null. */
static json_t *
jdate(hday d)
{
	char buf[HDATE_LEN];

	return d == HDAY_NONE ? json_null() : json_string(hdate_format(d, buf));
}

/* A time (unix seconds) as RFC 3339 UTC, or null for 0. */
static json_t *
jtime(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (t == 0 || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return json_null();
	return json_string(buf);
}

/* An id, or null for 0. */
static json_t *
jid(int64_t id)
{
	return id > 0 ? json_integer((json_int_t)id) : json_null();
}

static void
set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v != NULL ? v : json_null());
}

void
api_json(struct resp *w, int status, json_t *body)
{
	char *s = body != NULL ? json_dumps(body,
	    JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;

	json_decref(body);
	w->status = status;
	w->content_type = "application/json";
	free(w->raw);
	w->raw = s;
	w->raw_len = s != NULL ? strlen(s) : 0;
	if (s == NULL) {
		/* Out of memory, or a value jansson would not encode: say so
		 * in JSON that cannot fail. */
		static const char oops[] = "{\"type\":\"about:blank\","
		    "\"title\":\"Internal server error\",\"status\":500}";

		w->status = 500;
		w->content_type = "application/problem+json";
		w->raw = xstrdup(oops);
		w->raw_len = sizeof(oops) - 1;
	}
}

/* A problem details object (errors, may be NULL, is taken). */
static json_t *
problem_new(int status, const char *title, const char *detail,
    json_t *errors)
{
	json_t *p = json_object();

	set(p, "type", json_string("about:blank"));
	set(p, "title", jstr(title));
	set(p, "status", json_integer(status));
	if (detail != NULL)
		set(p, "detail", jstr(detail));
	if (errors != NULL)
		set(p, "errors", errors);
	return p;
}

static void
problem_send(struct resp *w, int status, json_t *p)
{
	api_json(w, status, p);
	if (w->status == status)
		w->content_type = "application/problem+json";
}

void
api_problem(struct resp *w, int status, const char *title,
    const char *detail, json_t *errors)
{
	problem_send(w, status, problem_new(status, title, detail, errors));
}

/* One {"field":..., "detail":...} of a problem's errors (field may be
 * NULL or empty: left out). */
static void
error_add(json_t *errors, const char *field, const char *detail)
{
	json_t *e = json_object();

	if (field != NULL && field[0] != '\0')
		set(e, "field", jstr(field));
	set(e, "detail", jstr(detail));
	json_array_append_new(errors, e);
}

static void
not_found(struct resp *w)
{
	api_problem(w, 404, "Not found", "There is no such record, or you "
	    "have no reason to see it.", NULL);
}

static void
unavailable(struct resp *w)
{
	api_problem(w, 503, "Service unavailable", "What you asked for could "
	    "not be recorded, so it has not been done or sent. Try again in "
	    "a few minutes.", NULL);
}

static void
restricted(struct resp *w)
{
	api_problem(w, 403, "Restricted record", "This record is restricted. "
	    "Open it in hearth and give your reason to break the glass "
	    "first.", NULL);
}

/* Copy s for quoting back: at most SHOWN_MAX bytes, cut at a character
 * boundary. */
static void
shown(char out[SHOWN_MAX + 4], const char *s)
{
	size_t n = strlen(s);

	if (n > SHOWN_MAX) {
		n = SHOWN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		memcpy(out, s, n);
		memcpy(out + n, "...", 4);
		return;
	}
	memcpy(out, s, n + 1);
}

/* ------------------------------------------------------------ tokens */

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

/* ------------------------------------------------------------ requests */

/* Refuse any query parameter (400): the resource takes none. */
static bool
no_query(struct req *r, struct resp *w)
{
	json_t *errors;
	char s[SHOWN_MAX + 4], why[160];

	if (r->query.n == 0)
		return true;
	errors = json_array();
	shown(s, r->query.pair[0].name);
	snprintf(why, sizeof(why), "Remove the unknown parameter '%s'", s);
	error_add(errors, r->query.pair[0].name, why);
	api_problem(w, 400, "Unknown parameter", why, errors);
	return false;
}

/* True for "application/json", any case, with nothing after it but an
 * optional charset=utf-8 parameter. */
static bool
is_json(const char *ct)
{
	static const char want[] = "application/json";
	const char *p;

	if (ct == NULL || strncasecmp(ct, want, sizeof(want) - 1) != 0)
		return false;
	p = ct + sizeof(want) - 1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return true;
	if (*p++ != ';')
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "charset=", 8) != 0)
		return false;
	p += 8;
	if (strncasecmp(p, "utf-8", 5) == 0)
		p += 5;
	else if (strncasecmp(p, "\"utf-8\"", 7) == 0)
		p += 7;
	else
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '\0';
}

/*
 * The request body as a JSON object (the caller decrefs it), or NULL with
 * the request answered: 415 unless it is application/json, 400 unless it
 * is one well-formed JSON object in UTF-8 without NUL bytes or repeated
 * keys.  (Bodies over WEB_BODY_MAX never get here: the server answers
 * 413.)
 */
static json_t *
body_object(struct req *r, struct resp *w)
{
	json_error_t err;
	json_t *j;
	char why[JSON_ERROR_TEXT_LENGTH + 80];

	if (!is_json(r->content_type)) {
		api_problem(w, 415, "Unsupported media type", "Send the body "
		    "as application/json.", NULL);
		return NULL;
	}
	if (r->body_len == 0) {
		api_problem(w, 400, "Malformed JSON", "The body is empty: send "
		    "a JSON object.", NULL);
		return NULL;
	}
	if (memchr(r->body_raw, '\0', r->body_len) != NULL) {
		api_problem(w, 400, "Malformed JSON", "The body holds a NUL "
		    "byte.", NULL);
		return NULL;
	}
	if (!text_utf8_valid(r->body_raw, r->body_len)) {
		api_problem(w, 400, "Malformed JSON", "The body is not valid "
		    "UTF-8.", NULL);
		return NULL;
	}
	/* Without JSON_ALLOW_NUL, "\u0000" is refused too. */
	j = json_loadb(r->body_raw, r->body_len, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL) {
		/* jansson's message may quote a piece of the input, cut
		 * anywhere: keep it to ASCII. */
		for (char *p = err.text; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 ||
			    (unsigned char)*p >= 0x7f)
				*p = '?';
		snprintf(why, sizeof(why), "The body is not valid JSON (line "
		    "%d, column %d): %s", err.line, err.column, err.text);
		api_problem(w, 400, "Malformed JSON", why, NULL);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		api_problem(w, 400, "Malformed JSON", "The body must be a JSON "
		    "object.", NULL);
		return NULL;
	}
	return j;
}

/* What a body key may hold. */
enum jkind {
	J_INT,		/* an integer */
	J_INT_NULL,	/* an integer, or null for none */
	J_STRING,	/* a string */
	J_STRING_NULL,	/* a string, or null for none */
	J_BOOL,		/* true or false */
	J_ARRAY,	/* an array (its items checked by the handler) */
};

struct jfield {
	const char *name;
	enum jkind kind;
};

/*
 * Check the object's keys against `fields`, adding a problem to `bad` for
 * each unknown key and each value of the wrong type, named `prefix` then
 * the key ("people[0].name"); *title gets the first problem's title.
 */
static void
keys_check(json_t *bad, const char *prefix, json_t *o,
    const struct jfield *fields, int n, const char **title)
{
	json_t *v;
	const char *key;
	char s[SHOWN_MAX + 4], name[SHOWN_MAX + 40], why[300];

	json_object_foreach(o, key, v) {
		int k;

		if (json_array_size(bad) >= API_ERRORS)
			break;
		for (k = 0; k < n; k++)
			if (strcmp(fields[k].name, key) == 0)
				break;
		shown(s, key);
		snprintf(name, sizeof(name), "%s%s", prefix, s);
		if (k == n) {
			snprintf(why, sizeof(why), "Remove the unknown field "
			    "'%s'", name);
			error_add(bad, name, why);
			if (*title == NULL)
				*title = "Unknown field";
			continue;
		}
		switch (fields[k].kind) {
		case J_INT:
			if (json_is_integer(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a whole "
			    "number", name);
			break;
		case J_INT_NULL:
			if (json_is_integer(v) || json_is_null(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a whole "
			    "number or null", name);
			break;
		case J_STRING:
			if (json_is_string(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a string",
			    name);
			break;
		case J_STRING_NULL:
			if (json_is_string(v) || json_is_null(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a string or "
			    "null", name);
			break;
		case J_BOOL:
			if (json_is_boolean(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be true or "
			    "false", name);
			break;
		case J_ARRAY:
			if (json_is_array(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be an array",
			    name);
			break;
		}
		error_add(bad, name, why);
		if (*title == NULL)
			*title = "Wrong type";
	}
}

/* Answer 400 with the problems in `bad` (taken), the first as the
 * detail. */
static void
bad_request(struct resp *w, const char *title, json_t *bad)
{
	char why[320];

	snprintf(why, sizeof(why), "%s", json_string_value(json_object_get(
	    json_array_get(bad, 0), "detail")));
	api_problem(w, 400, title, why, bad);
}

/*
 * Check the body's keys against `fields`: unknown keys and values of the
 * wrong type are refused (400, each named); true when all passed.
 */
static bool
body_known(struct resp *w, json_t *o, const struct jfield *fields, int n)
{
	json_t *bad = json_array();
	const char *title = NULL;

	keys_check(bad, "", o, fields, n, &title);
	if (json_array_size(bad) == 0) {
		json_decref(bad);
		return true;
	}
	bad_request(w, title, bad);
	return false;
}

/* A string member, or NULL when absent or null. */
static const char *
member(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* ------------------------------------------------------------ access */

/*
 * Decide `op` on child `id`: true when allowed.  Otherwise the request
 * has been answered: 404 for a denial (the same bytes as a missing
 * record); 403 for a restricted record the user has a reason to see but
 * has not broken the glass on; 403 with `cannot` when the user may see
 * the record but not do `op` to it (they know it exists already).
 */
static bool
gate(struct req *r, struct resp *w, int64_t id, enum access_op op,
    const char *cannot)
{
	switch (web_child_access(r, id, op, NULL)) {
	case ACCESS_ALLOW:
		return true;
	case ACCESS_NEEDS_GLASS:
		restricted(w);
		return false;
	default:
		break;
	}
	if (op != ACCESS_VIEW && web_child_access(r, id, ACCESS_VIEW, NULL) !=
	    ACCESS_DENY)
		api_problem(w, 403, cannot, "Your role or your relationship "
		    "to this child lets you see the record but not do this.",
		    NULL);
	else
		not_found(w);
	return false;
}

/* ------------------------------------------------------------ /me */

static void
get_me(struct req *r, struct resp *w)
{
	json_t *teams, *o;

	if (!api_authenticate(r, w) || !no_query(r, w))
		return;
	teams = json_array();
	for (int i = 0; i < r->who.n_teams; i++)
		json_array_append_new(teams, json_integer(r->who.team_ids[i]));
	o = json_object();
	set(o, "id", json_integer(r->who.staff_id));
	set(o, "username", jstr(r->who.username));
	set(o, "name", jstr(r->who.display));
	set(o, "role", jstr(role_code(r->who.role)));
	set(o, "role_label", jstr(role_label(r->who.role)));
	set(o, "agency_id", json_integer(r->who.agency_id));
	set(o, "teams", teams);
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ a child */

static json_t *
child_json(const struct child *c, const struct cin_episode *eps, int neps)
{
	json_t *dis = json_array(), *episodes = json_array(), *o;
	const struct code *eth = codes_find(CODES_ETHNICITY, c->ethnicity);
	const struct code *unk = codes_find(CODES_UPN_UNKNOWN, c->upn_unknown);
	char sex[2] = { c->sex, '\0' };

	for (int i = 0; i < c->n_disabilities; i++)
		json_array_append_new(dis, jstr(c->disabilities[i]));
	for (int i = 0; i < neps; i++) {
		const struct cin_episode *e = &eps[i];
		json_t *x = json_object();

		set(x, "id", json_integer(e->id));
		set(x, "version", json_integer(e->version));
		set(x, "referral_date", jdate(e->referral_date));
		set(x, "referral_source", jtext(e->referral_source));
		set(x, "primary_need", jtext(e->primary_need));
		set(x, "referral_nfa", json_boolean(e->referral_nfa));
		set(x, "closure_date", jdate(e->closure_date));
		set(x, "closure_reason", jtext(e->closure_reason));
		json_array_append_new(episodes, x);
	}
	o = json_object();
	set(o, "id", json_integer(c->id));
	set(o, "version", json_integer(c->version));
	set(o, "la_child_id", jstr(c->la_child_id));
	set(o, "given_name", jstr(c->given_name));
	set(o, "family_name", jstr(c->family_name));
	set(o, "birth_date", jdate(c->birth_date));
	set(o, "expected_birth_date", jdate(c->expected_birth_date));
	set(o, "death_date", jdate(c->death_date));
	set(o, "sex", jstr(sex));
	set(o, "ethnicity", jstr(c->ethnicity));
	set(o, "ethnicity_label", eth != NULL ? jstr(eth->label) :
	    json_null());
	set(o, "upn", jtext(c->upn));
	set(o, "upn_unknown", jtext(c->upn_unknown));
	set(o, "upn_unknown_label", unk != NULL && c->upn_unknown[0] ?
	    jstr(unk->label) : json_null());
	set(o, "disabilities", dis);
	set(o, "cin_episodes", episodes);
	return o;
}

static bool
current(hday start, hday end, hday today)
{
	return (start == HDAY_NONE || start <= today) &&
	    (end == HDAY_NONE || end >= today);
}

static json_t *
relative_json(struct req *r, const struct store_relative *x, bool shown_)
{
	json_t *o = json_object();

	if (shown_) {
		set(o, "relationship_id", json_integer(x->relationship_id));
		set(o, "person_id", json_integer(x->person_id));
	}
	set(o, "kind", json_string(x->is_child ? "child" : "adult"));
	if (!shown_)
		set(o, "restricted_from_you", json_true());
	set(o, "relationship", jstr(relation_code(x->kind)));
	set(o, "relationship_label", jstr(x->reverse ?
	    relation_inverse_label(x->kind) : relation_label(x->kind)));
	set(o, "reverse", json_boolean(x->reverse));
	set(o, "parental_responsibility",
	    json_boolean(x->parental_responsibility));
	set(o, "current", json_boolean(x->end_date == HDAY_NONE ||
	    x->end_date >= r->today));
	if (!shown_)
		return o;
	set(o, "given_name", jstr(x->given_name));
	set(o, "family_name", jstr(x->family_name));
	set(o, "birth_date", jdate(x->birth_date));
	set(o, "start_date", jdate(x->start_date));
	set(o, "end_date", jdate(x->end_date));
	set(o, "household_id", jid(x->household_id));
	set(o, "household_name", x->household_id > 0 ?
	    jtext(x->household_name) : json_null());
	return o;
}

static json_t *
allocation_json(struct req *r, const struct store_allocation *a)
{
	json_t *o = json_object();

	set(o, "id", json_integer(a->a.id));
	set(o, "version", json_integer(a->version));
	set(o, "staff_id", json_integer(a->a.staff_id));
	set(o, "staff_name", jstr(a->staff_name));
	set(o, "role", jstr(role_code(a->role)));
	set(o, "role_label", jstr(role_label(a->role)));
	set(o, "team_name", jtext(a->team_name));
	set(o, "to", json_string(a->a.household_id > 0 ? "household" :
	    "child"));
	set(o, "child_id", jid(a->a.child_id));
	set(o, "household_id", jid(a->a.household_id));
	set(o, "household_name", a->a.household_id > 0 ?
	    jtext(a->household_name) : json_null());
	set(o, "start_date", jdate(a->a.start_date));
	set(o, "end_date", jdate(a->a.end_date));
	set(o, "current", json_boolean(current(a->a.start_date,
	    a->a.end_date, r->today)));
	return o;
}

static const char *
source_code(enum chronology_source s)
{
	switch (s) {
	case CHRON_MANUAL:
		return "manual";
	case CHRON_REFERRAL:
		return "referral";
	case CHRON_CLOSURE:
		return "closure";
	case CHRON_ALLOCATED:
		return "allocated";
	case CHRON_ALLOCATION_ENDED:
		return "allocation_ended";
	case CHRON_JOURNEY:
		return "journey";
	}
	return "other";
}

static json_t *
chronology_json(const struct chronology_entry *e)
{
	json_t *o = json_object();

	set(o, "id", jid(e->id));
	set(o, "child_id", jid(e->child_id));
	set(o, "source", json_string(source_code(e->source)));
	if (e->step != CSTEP_NONE) {
		set(o, "step", json_string(chronology_step_code(e->step)));
		set(o, "ref_id", jid(e->ref_id));
		if (e->ref2_id != 0)
			set(o, "ref2_id", jid(e->ref2_id));
	}
	set(o, "event_date", jdate(e->date));
	set(o, "category", jstr(e->category));
	set(o, "summary", jstr(e->summary));
	set(o, "recorded_by", jid(e->recorded_by));
	set(o, "recorded_by_name", jtext(e->recorded_by_name));
	set(o, "recorded_at", jtime(e->recorded_at));
	return o;
}

static json_t *
record_json(struct req *r, const struct child_view *v)
{
	json_t *o = child_json(&v->c, v->ep, v->nep);
	json_t *hh = json_array(), *rel = json_array(), *al = json_array();
	json_t *chron = json_array(), *cut = json_object();

	set(o, "restricted", json_boolean(v->restricted));
	set(o, "last_changed_by", v->changed.by_name[0] ?
	    jstr(v->changed.by_name) : json_null());
	set(o, "last_changed_at", jtime(v->changed.at));
	for (int i = 0; i < v->nhh; i++) {
		const struct store_member *m = &v->hh[i];
		json_t *x = json_object();

		set(x, "household_id", json_integer(m->household_id));
		set(x, "name", jstr(m->household_name));
		set(x, "postcode", jtext(m->postcode));
		set(x, "start_date", jdate(m->start_date));
		set(x, "end_date", jdate(m->end_date));
		set(x, "current", json_boolean(m->end_date == HDAY_NONE ||
		    m->end_date >= r->today));
		json_array_append_new(hh, x);
	}
	for (int i = 0; i < v->nrel; i++)
		json_array_append_new(rel, relative_json(r, &v->rel[i],
		    v->rel_shown[i]));
	for (int i = 0; i < v->nal; i++)
		json_array_append_new(al, allocation_json(r, &v->al[i]));
	for (int i = 0; i < v->nchron; i++)
		json_array_append_new(chron, chronology_json(&v->chron[i]));
	set(o, "households", hh);
	set(o, "relationships", rel);
	set(o, "allocations", al);
	set(o, "chronology", chron);
	/* Which lists hold only their first rows. */
	set(cut, "cin_episodes", json_boolean(v->ep_total > v->nep));
	set(cut, "households", json_boolean(v->hh_total > v->nhh));
	set(cut, "relationships", json_boolean(v->rel_total > v->nrel));
	set(cut, "allocations", json_boolean(v->al_total > v->nal));
	set(cut, "chronology", json_boolean(v->manual_total >
	    v->manual_shown || v->nchron == CHILD_VIEW_CHRON_MAX));
	set(o, "truncated", cut);
	return o;
}

static void
get_child(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct child_view *v;
	enum herr e;

	if (!api_authenticate(r, w) || !no_query(r, w) ||
	    !gate(r, w, id, ACCESS_VIEW, NULL))
		return;
	v = xmalloc(sizeof(*v));
	if ((e = child_view_load(r, id, v)) != HERR_OK) {
		if (e == HERR_NOTFOUND)
			not_found(w);
		else
			unavailable(w);
		goto out;
	}
	/* Recorded before a byte of the record is sent. */
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL)) {
		unavailable(w);
		goto out;
	}
	api_json(w, 200, record_json(r, v));
out:
	child_view_clear(v);
	free(v);
}

/* ------------------------------------------------------------ edits */

/* Begin, or answer 503. */
static bool
begin(struct resp *w, struct req *r)
{
	if (store_begin(r->st) == HERR_OK)
		return true;
	unavailable(w);
	return false;
}

/* Append this request's audit row and commit; rolls back and answers 503
 * when either fails. */
static bool
audit_commit(struct req *r, struct resp *w, enum audit_action action,
    int64_t child_id)
{
	struct audit_row row;

	web_audit_row(r, &row, action, SUBJECT_CHILD, child_id, NULL);
	if (store_audit_append(r->st, &row, 1) != HERR_OK ||
	    store_commit(r->st) != HERR_OK) {
		store_rollback(r->st);
		unavailable(w);
		return false;
	}
	return true;
}

static const struct jfield child_fields[] = {
	{ "version", J_INT },
	{ "given_name", J_STRING },
	{ "family_name", J_STRING },
	{ "birth_date", J_STRING_NULL },
	{ "expected_birth_date", J_STRING_NULL },
	{ "sex", J_STRING },
	{ "ethnicity", J_STRING },
	{ "upn", J_STRING_NULL },
	{ "upn_unknown", J_STRING_NULL },
};

/* Copy a sent text value into dst (cap bytes); a value too long for it
 * is a problem for `field`, never cut short. */
static void
take_text(json_t *errors, char *dst, size_t cap, const char *v,
    const char *field, const char *label)
{
	if (text_copy(dst, cap, v) == HERR_OK)
		return;
	{
		char why[160];

		snprintf(why, sizeof(why), "%s is too long: at most %zu bytes",
		    label, cap - 1);
		error_add(errors, field, why);
	}
}

/* A sent date ("" or null: none) into *out; a problem for `field`
 * otherwise, worded as the pages word it. */
static void
take_date(json_t *errors, hday *out, json_t *v, const char *field,
    const char *label)
{
	const char *s = json_string_value(v);
	struct hdiag d;

	if (s == NULL || s[0] == '\0') {
		*out = HDAY_NONE;
		return;
	}
	hdiag_clear(&d);
	if (form_valid_date(s, label, &d) != HERR_OK ||
	    hdate_parse(s, out, field, NULL) != HERR_OK) {
		error_add(errors, field, d.msg[0] ? d.msg : "Not a date");
		*out = HDAY_NONE;
	}
}

/* Apply the sent details to c (the stored record); problems the core
 * could not see (a value that does not fit, a date that is no date) are
 * added to errors. */
static void
child_from_json(struct child *c, json_t *o, json_t *errors)
{
	json_t *v;
	const char *s;

	if ((s = member(o, "given_name")) != NULL)
		take_text(errors, c->given_name, sizeof(c->given_name), s,
		    "given_name", "Given name");
	if ((s = member(o, "family_name")) != NULL)
		take_text(errors, c->family_name, sizeof(c->family_name), s,
		    "family_name", "Family name");
	if ((v = json_object_get(o, "birth_date")) != NULL)
		take_date(errors, &c->birth_date, v, "birth_date",
		    "Date of birth");
	if ((v = json_object_get(o, "expected_birth_date")) != NULL)
		take_date(errors, &c->expected_birth_date, v,
		    "expected_birth_date", "Expected date of birth");
	if ((s = member(o, "sex")) != NULL) {
		if (strlen(s) == 1 && (s[0] == 'M' || s[0] == 'F' ||
		    s[0] == 'U'))
			c->sex = s[0];
		else
			error_add(errors, "sex", "Sex must be M (male), F "
			    "(female) or U (not known)");
	}
	if ((s = member(o, "ethnicity")) != NULL) {
		if (text_copy(c->ethnicity, sizeof(c->ethnicity), s) !=
		    HERR_OK || codes_find(CODES_ETHNICITY, s) == NULL)
			error_add(errors, "ethnicity", "Ethnicity must be a "
			    "code from the CIN census list");
	}
	if ((v = json_object_get(o, "upn")) != NULL) {
		take_text(errors, c->upn, sizeof(c->upn), json_is_string(v) ?
		    json_string_value(v) : "", "upn",
		    "Unique pupil number (UPN)");
		/* As the edit page: UPNs are upper case. */
		for (char *p = c->upn; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	}
	if ((v = json_object_get(o, "upn_unknown")) != NULL) {
		s = json_is_string(v) ? json_string_value(v) : "";
		if (text_copy(c->upn_unknown, sizeof(c->upn_unknown), s) !=
		    HERR_OK || (s[0] != '\0' &&
		    codes_find(CODES_UPN_UNKNOWN, s) == NULL))
			error_add(errors, "upn_unknown", "The reason the UPN "
			    "is not known must be a code UN1 to UN7 from the "
			    "CIN census list");
	}
}

/* Answer 422 with `errors` (taken), the first as the detail. */
static void
invalid(struct resp *w, json_t *errors)
{
	char why[400];

	snprintf(why, sizeof(why), "%s", json_string_value(json_object_get(
	    json_array_get(errors, 0), "detail")));
	api_problem(w, 422, "Invalid values", why, errors);
}

static void
conflict(struct resp *w, const struct store_change *ch)
{
	char when[40], why[400];
	struct tm tm;
	time_t t = (time_t)ch->at;
	json_t *p;

	when[0] = '\0';
	if (ch->at > 0 && gmtime_r(&t, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(why, sizeof(why), "Someone else saved changes to this record "
	    "at %s (%s). Your changes have not been saved. Check the record "
	    "and make your changes again.", when[0] ? when :
	    "an unknown time", ch->by_name[0] ? ch->by_name :
	    "name not recorded");
	p = problem_new(409, "Edit conflict", why, NULL);
	set(p, "current_version", json_integer(ch->version));
	set(p, "changed_by", ch->by_name[0] ? jstr(ch->by_name) :
	    json_null());
	set(p, "changed_at", jtime(ch->at));
	problem_send(w, 409, p);
}

static void
put_child(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0), expected;
	struct cin_episode *eps = NULL;
	struct child stored, c;
	struct store_change ch;
	struct hdiag d;
	json_t *o, *errors, *ver;
	int neps = 0;
	enum herr x;

	if (!api_authenticate(r, w) || !no_query(r, w) ||
	    !gate(r, w, id, ACCESS_EDIT, "You cannot change this record"))
		return;
	if ((o = body_object(r, w)) == NULL)
		return;
	if (!body_known(w, o, child_fields, NFIELDS(child_fields)))
		goto out;
	if ((ver = json_object_get(o, "version")) == NULL) {
		errors = json_array();
		error_add(errors, "version", "Send the version of the record "
		    "you are changing (from GET), so that nobody's changes "
		    "are overwritten");
		api_problem(w, 400, "Missing version", "Send the version of "
		    "the record you are changing.", errors);
		goto out;
	}
	expected = (int64_t)json_integer_value(ver);
	if ((x = store_child_get(r->st, id, &stored)) != HERR_OK) {
		if (x == HERR_NOTFOUND)
			not_found(w);
		else
			unavailable(w);
		goto out;
	}
	c = stored;
	errors = json_array();
	child_from_json(&c, o, errors);
	if (json_array_size(errors) > 0) {
		invalid(w, errors);
		goto out;
	}
	json_decref(errors);
	if (!begin(w, r))
		goto out;
	hdiag_clear(&d);
	x = record_child_update(r->st, &c, expected, r->today,
	    r->who.staff_id, r->now, &ch, &d);
	if (x == HERR_OK) {
		/* The record as saved, read in the same transaction. */
		eps = xcalloc(CHILD_VIEW_EPISODES_MAX, sizeof(*eps));
		if (store_child_get(r->st, id, &c) != HERR_OK ||
		    store_cin_episodes(r->st, id, eps, CHILD_VIEW_EPISODES_MAX,
		    &neps) != HERR_OK) {
			store_rollback(r->st);
			unavailable(w);
			goto out;
		}
		if (neps > CHILD_VIEW_EPISODES_MAX)
			neps = CHILD_VIEW_EPISODES_MAX;
		if (audit_commit(r, w, AUDIT_EDIT, id))
			api_json(w, 200, child_json(&c, eps, neps));
		goto out;
	}
	store_rollback(r->st);
	if (x == HERR_CONFLICT)
		conflict(w, &ch);
	else if (x == HERR_NOTFOUND)
		not_found(w);
	else if (x == HERR_INVALID) {
		errors = json_array();
		error_add(errors, d.field, d.msg);
		invalid(w, errors);
	} else
		unavailable(w);
out:
	free(eps);
	json_decref(o);
}

static const struct jfield chron_fields[] = {
	{ "event_date", J_STRING },
	{ "category", J_STRING },
	{ "summary", J_STRING },
};

/* s without the spaces and line breaks people leave at either end (as
 * the page trims a textarea): *n gets the length. */
static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
		s++;
	k = strlen(s);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\n' ||
	    s[k - 1] == '\r' || s[k - 1] == '\t'))
		k--;
	*n = k;
	return s;
}

static void
post_chronology(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct chronology_entry *c = NULL;
	const char *date, *category, *summary;
	struct hdiag d;
	json_t *o, *errors, *out;
	size_t n;
	enum herr x;

	if (!api_authenticate(r, w) || !no_query(r, w) ||
	    !gate(r, w, id, ACCESS_NOTE, "You cannot add to this record's "
	    "chronology"))
		return;
	if ((o = body_object(r, w)) == NULL)
		return;
	if (!body_known(w, o, chron_fields, NFIELDS(chron_fields)))
		goto done;
	c = xcalloc(1, sizeof(*c));
	chronology_entry_init(c);
	c->child_id = id;
	c->recorded_by = r->who.staff_id;
	c->recorded_at = r->now;
	errors = json_array();
	date = member(o, "event_date");
	category = member(o, "category");
	summary = member(o, "summary");
	/* The page's checks first (the same messages), then the core's. */
	hdiag_clear(&d);
	if (date == NULL || date[0] == '\0')
		error_add(errors, "event_date", "Enter the date of the event");
	else if (form_valid_date(date, "Date of the event", &d) != HERR_OK ||
	    hdate_parse(date, &c->date, "event_date", NULL) != HERR_OK)
		error_add(errors, "event_date", d.msg);
	if (category == NULL || category[0] == '\0')
		error_add(errors, "category", "Enter the category");
	else if (!chronology_category_valid(category) ||
	    text_copy(c->category, sizeof(c->category), category) != HERR_OK)
		error_add(errors, "category", "Select a category from the "
		    "list");
	n = 0;
	summary = summary != NULL ? trim(summary, &n) : "";
	if (n > CHRONOLOGY_SUMMARY_MAX) {
		char why[120];

		snprintf(why, sizeof(why), "What happened is too long: at most "
		    "%d bytes", CHRONOLOGY_SUMMARY_MAX);
		error_add(errors, "summary", why);
	} else {
		memcpy(c->summary, summary, n);
		c->summary[n] = '\0';
		hdiag_clear(&d);
		if (text_check("summary", "What happened", c->summary,
		    CHRONOLOGY_SUMMARY_MAX, TEXT_REQUIRED | TEXT_MULTILINE,
		    &d) != HERR_OK)
			error_add(errors, "summary", d.msg);
	}
	if (json_array_size(errors) > 0) {
		invalid(w, errors);
		goto done;
	}
	json_decref(errors);
	if (!begin(w, r))
		goto done;
	hdiag_clear(&d);
	if ((x = record_chronology_add(r->st, c, r->today, &d)) != HERR_OK) {
		store_rollback(r->st);
		if (x != HERR_INVALID) {
			unavailable(w);
			goto done;
		}
		errors = json_array();
		error_add(errors, d.field, d.msg);
		invalid(w, errors);
		goto done;
	}
	if (!audit_commit(r, w, AUDIT_EDIT, id))
		goto done;
	snprintf(c->recorded_by_name, sizeof(c->recorded_by_name), "%s",
	    r->who.display);
	out = chronology_json(c);
	api_json(w, 201, out);
done:
	free(c);
	json_decref(o);
}

/* ------------------------------------------------------------ search */

static void
get_children(struct req *r, struct resp *w)
{
	struct hdiag diags[API_ERRORS];
	struct search_result *f;
	struct dir_search q;
	json_t *o, *list;
	enum herr e;
	int nbad = 0;

	if (!api_authenticate(r, w))
		return;
	if (form_check(&r->query, search_fields, NFIELDS(search_fields),
	    diags, API_ERRORS, &nbad) != HERR_OK) {
		json_t *errors = json_array();

		for (int i = 0; i < nbad; i++)
			error_add(errors, diags[i].field, diags[i].msg);
		api_problem(w, 400, "Invalid search", nbad > 0 ?
		    diags[0].msg : NULL, errors);
		return;
	}
	search_query_init(&q, r, form_get(&r->query, "q"),
	    form_get(&r->query, "dob"));
	if (q.text[0] == '\0' && q.birth_date == HDAY_NONE) {
		json_t *errors = json_array();

		error_add(errors, "q", "Give a name, LA child id or UPN (q), "
		    "a date of birth (dob), or both");
		api_problem(w, 400, "Invalid search", "Give a name, LA child "
		    "id or UPN (q), a date of birth (dob), or both.", errors);
		return;
	}
	f = xcalloc(1, sizeof(*f));
	/* Roles with no route to case records find nothing. */
	e = access_case_role(r->who.role) ||
	    r->who.role == ROLE_PARTNER_PRACTITIONER ? search_run(r, &q, f) :
	    HERR_OK;
	/* The search is recorded (not its words) before anything of what it
	 * found is sent. */
	if (e != HERR_OK || !web_audit(r, AUDIT_SEARCH, SUBJECT_NONE, 0,
	    NULL)) {
		free(f);
		unavailable(w);
		return;
	}
	list = json_array();
	for (int i = 0; i < f->n; i++) {
		const struct dir_child *c = &f->rows[i];
		json_t *x = json_object();

		set(x, "id", json_integer(c->id));
		set(x, "given_name", jstr(c->given_name));
		set(x, "family_name", jstr(c->family_name));
		set(x, "la_child_id", jstr(c->la_child_id));
		set(x, "birth_date", jdate(c->birth_date));
		set(x, "expected_birth_date", jdate(c->expected_birth_date));
		set(x, "restricted", json_boolean(c->restricted));
		json_array_append_new(list, x);
	}
	o = json_object();
	set(o, "results", list);
	set(o, "count", json_integer(f->n));
	/* More than a page, or candidates nobody looked at: narrow it. */
	set(o, "truncated", json_boolean(f->more || f->capped));
	free(f);
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ families */

static void
get_family(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct store_member *m = NULL;
	struct store_allocation *al = NULL;
	struct household hh;
	json_t *o, *now, *past, *workers;
	int nm = 0, m_total = 0, nal = 0, al_total = 0;
	enum herr x;

	if (!api_authenticate(r, w) || !no_query(r, w))
		return;
	switch (web_household_access(r, id, ACCESS_VIEW)) {
	case ACCESS_ALLOW:
		break;
	case ACCESS_NEEDS_GLASS:
		api_problem(w, 403, "Restricted record", "A child in this "
		    "household has a restricted record. Open the family in "
		    "hearth and give your reason to break the glass first.",
		    NULL);
		return;
	default:
		not_found(w);
		return;
	}
	m = xcalloc(CASE_LIST_MAX, sizeof(*m));
	al = xcalloc(CASE_LIST_MAX, sizeof(*al));
	if ((x = store_household_get(r->st, id, &hh)) != HERR_OK ||
	    (x = store_household_members(r->st, id, r->today, m,
	    CASE_LIST_MAX, &nm, &m_total)) != HERR_OK ||
	    (x = store_household_allocations(r->st, id, r->today, al,
	    CASE_LIST_MAX, &nal, &al_total)) != HERR_OK) {
		if (x == HERR_NOTFOUND)
			not_found(w);
		else
			unavailable(w);
		goto out;
	}
	o = json_object();
	now = json_array();
	past = json_array();
	workers = json_array();
	for (int i = 0; i < nm; i++) {
		json_t *x1 = json_object();
		bool cur = m[i].end_date == HDAY_NONE ||
		    m[i].end_date >= r->today;

		if (m[i].is_child && web_child_access(r, m[i].person_id,
		    ACCESS_VIEW, NULL) != ACCESS_ALLOW) {
			/* As the page's "Another child": nothing more. */
			set(x1, "kind", json_string("child"));
			set(x1, "restricted_from_you", json_true());
		} else {
			set(x1, "kind", json_string(m[i].is_child ? "child" :
			    "adult"));
			set(x1, "person_id", json_integer(m[i].person_id));
			set(x1, "given_name", jstr(m[i].given_name));
			set(x1, "family_name", jstr(m[i].family_name));
			set(x1, "birth_date", jdate(m[i].birth_date));
			set(x1, "start_date", jdate(m[i].start_date));
			set(x1, "end_date", jdate(m[i].end_date));
		}
		json_array_append_new(cur ? now : past, x1);
	}
	for (int i = 0; i < nal; i++) {
		json_t *a;

		/* A child's worker only to someone who may see the child. */
		if (al[i].a.child_id > 0 && web_child_access(r,
		    al[i].a.child_id, ACCESS_VIEW, NULL) != ACCESS_ALLOW)
			continue;
		a = allocation_json(r, &al[i]);
		set(a, "child_name", al[i].a.child_id > 0 ?
		    jtext(al[i].child_name) : json_null());
		json_array_append_new(workers, a);
	}
	set(o, "id", json_integer(hh.id));
	set(o, "version", json_integer(hh.version));
	set(o, "name", jstr(hh.name));
	set(o, "postcode", jtext(hh.postcode));
	set(o, "living_here", now);
	set(o, "used_to_live_here", past);
	set(o, "allocations", workers);
	set(o, "truncated", json_pack("{s:b, s:b}", "members",
	    m_total > nm, "allocations", al_total > nal));
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_HOUSEHOLD, id, NULL)) {
		json_decref(o);
		unavailable(w);
		goto out;
	}
	api_json(w, 200, o);
out:
	free(m);
	free(al);
}

/* ------------------------------------------------------------ teams */

struct member_rows {
	json_t *list;
};

static bool
member_row(const struct dir_member *m, void *ctx)
{
	struct member_rows *l = ctx;
	json_t *o = json_object();

	set(o, "staff_id", json_integer(m->staff_id));
	set(o, "name", jstr(m->name));
	set(o, "role", jstr(role_code(m->role)));
	set(o, "role_label", jstr(role_label(m->role)));
	set(o, "start_date", jdate(m->start_date));
	set(o, "end_date", jdate(m->end_date));
	json_array_append_new(l->list, o);
	return true;
}

struct caseload_rows {
	struct req *r;
	json_t *list;
};

static bool
caseload_row(const struct dir_child *c, void *ctx)
{
	struct caseload_rows *l = ctx;
	json_t *o;

	if (web_child_access(l->r, c->id, ACCESS_VIEW, NULL) == ACCESS_DENY)
		return true;
	o = json_object();
	set(o, "child_id", json_integer(c->id));
	set(o, "worker_id", jid(c->worker_id));
	set(o, "since", jdate(c->since));
	set(o, "restricted", json_boolean(c->restricted));
	json_array_append_new(l->list, o);
	return true;
}

static void
get_team(struct req *r, struct resp *w)
{
	struct member_rows ml;
	struct caseload_rows cl;
	struct team t;
	json_t *o;
	enum herr e;

	if (!api_authenticate(r, w) || !no_query(r, w))
		return;
	if (!access_team(&r->who, web_id(r, 0))) {
		not_found(w);
		return;
	}
	if ((e = store_dir_team_get(r->st, web_id(r, 0), &t)) != HERR_OK) {
		if (e == HERR_NOTFOUND)
			not_found(w);
		else
			unavailable(w);
		return;
	}
	o = json_object();
	ml.list = json_array();
	set(o, "id", json_integer(t.id));
	set(o, "name", jstr(t.name));
	set(o, "kind", jstr(team_kind_code(t.kind)));
	set(o, "kind_label", jstr(team_kind_label(t.kind)));
	set(o, "members", ml.list);
	e = store_dir_team_members(r->st, t.id, r->today, member_row, &ml);
	/* Administrators see the membership only: no case content. */
	if (e == HERR_OK && access_case_role(r->who.role)) {
		cl.r = r;
		cl.list = json_array();
		set(o, "caseload", cl.list);
		e = store_dir_team_caseload(r->st, t.id, r->today,
		    CASELOAD_LIMIT, caseload_row, &cl);
	}
	if (e != HERR_OK) {
		json_decref(o);
		unavailable(w);
		return;
	}
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ journey */

#define DUE_CHILD_MAX 256	/* a child's open items in one answer */
#define DUE_LIST_MAX 5000	/* open items in one answer of /due */
#define FIELD_MAX 96		/* a problem's field name */

/* A code list's stable codes by number, for messages naming the choices. */
typedef const char *(*code_fn)(int);
#define CODE_FN(name, fn, type) \
	static const char *name(int i) { return fn((type)i); }
CODE_FN(decision_code, referral_decision_code, enum referral_decision)
CODE_FN(aoutcome_code, assessment_outcome_code, enum assessment_outcome)
CODE_FN(soutcome_code, s47_outcome_code, enum s47_outcome)
CODE_FN(ckind_code, conference_kind_code, enum conference_kind)
CODE_FN(cdecision_code, conference_decision_code, enum conference_decision)
CODE_FN(category_code, abuse_category_code, enum abuse_category)
CODE_FN(endreason_code, plan_end_reason_code, enum plan_end_reason)
CODE_FN(event_code, event_kind_code, enum event_kind)

/* ------------------------------------------------------------ as JSON */

static json_t *
people_json(const struct journey_person *p, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}",
		    "name", jstr(p[i].name), "agency", jtext(p[i].agency),
		    "role", jtext(p[i].role), "staff_id", jid(p[i].staff_id)));
	return a;
}

/* A CIN episode with its referral's decision. */
static json_t *
episode_json(const struct cin_episode *e, const struct referral *rf)
{
	json_t *o;

	/* NULL: a record just written that is not there (never crash). */
	if (e == NULL)
		return json_null();
	o = json_object();
	set(o, "id", json_integer(e->id));
	set(o, "version", json_integer(e->version));
	set(o, "referral_date", jdate(e->referral_date));
	set(o, "referral_source", jtext(e->referral_source));
	set(o, "primary_need", jtext(e->primary_need));
	set(o, "referral_nfa", json_boolean(e->referral_nfa));
	set(o, "contact_date", rf ? jdate(rf->contact_date) : json_null());
	set(o, "reason", rf ? jtext(rf->reason) : json_null());
	set(o, "decision", rf && rf->decision != DECISION_NONE ?
	    jstr(referral_decision_code(rf->decision)) : json_null());
	set(o, "decision_date", rf ? jdate(rf->decision_date) : json_null());
	set(o, "closure_date", jdate(e->closure_date));
	set(o, "closure_reason", jtext(e->closure_reason));
	return o;
}

static json_t *
assessment_json(const struct assessment *a)
{
	json_t *o, *f;

	if (a == NULL)
		return json_null();
	o = json_object();
	f = json_array();
	for (int i = 0; i < a->n_factors; i++)
		json_array_append_new(f, jstr(a->factors[i]));
	set(o, "id", json_integer(a->id));
	set(o, "version", json_integer(a->version));
	set(o, "episode_id", jid(a->episode_id));
	set(o, "start_date", jdate(a->start_date));
	set(o, "authorised_date", jdate(a->authorised_date));
	set(o, "outcome", a->outcome != ASSESS_OPEN ?
	    jstr(assessment_outcome_code(a->outcome)) : json_null());
	set(o, "factors", f);
	set(o, "due_date", jdate(a->due_date));
	return o;
}

static json_t *
strategy_json(const struct strategy *s)
{
	json_t *o;

	if (s == NULL)
		return json_null();
	o = json_object();
	set(o, "id", json_integer(s->id));
	set(o, "version", json_integer(s->version));
	set(o, "episode_id", jid(s->episode_id));
	set(o, "held_date", jdate(s->held_date));
	set(o, "s47", json_boolean(s->s47));
	set(o, "note", jtext(s->note));
	set(o, "people", people_json(s->people, s->n_people));
	return o;
}

static json_t *
s47_json(const struct s47 *s)
{
	json_t *o;

	if (s == NULL)
		return json_null();
	o = json_object();
	set(o, "id", json_integer(s->id));
	set(o, "version", json_integer(s->version));
	set(o, "episode_id", jid(s->episode_id));
	set(o, "strategy_id", jid(s->strategy_id));
	set(o, "start_date", jdate(s->start_date));
	set(o, "outcome", s->outcome != S47_OPEN ?
	    jstr(s47_outcome_code(s->outcome)) : json_null());
	set(o, "outcome_date", jdate(s->outcome_date));
	return o;
}

/* A conference with each child's part; a sibling's part only to someone
 * who may see that child (as the record's relatives are shown). */
static json_t *
conference_json(struct req *r, const struct conference *c)
{
	json_t *o, *kids;

	if (c == NULL)
		return json_null();
	o = json_object();
	kids = json_array();
	for (int i = 0; i < c->n_children; i++) {
		const struct conference_child *cc = &c->children[i];
		json_t *x = json_object();

		if (web_child_access(r, cc->child_id, ACCESS_VIEW, NULL) !=
		    ACCESS_ALLOW) {
			set(x, "restricted_from_you", json_true());
			json_array_append_new(kids, x);
			continue;
		}
		set(x, "child_id", json_integer(cc->child_id));
		set(x, "s47_id", jid(cc->s47_id));
		set(x, "plan_id", jid(cc->plan_id));
		set(x, "decision", jstr(conference_decision_code(
		    cc->decision)));
		set(x, "category", cc->category != ABUSE_NONE ?
		    jstr(abuse_category_code(cc->category)) : json_null());
		set(x, "end_reason", cc->end_reason != PLANEND_NONE ?
		    jstr(plan_end_reason_code(cc->end_reason)) : json_null());
		set(x, "step_down", json_boolean(cc->step_down));
		set(x, "due_date", jdate(cc->due_date));
		json_array_append_new(kids, x);
	}
	set(o, "id", json_integer(c->id));
	set(o, "version", json_integer(c->version));
	set(o, "kind", jstr(conference_kind_code(c->kind)));
	set(o, "held_date", jdate(c->held_date));
	set(o, "notified_date", jdate(c->notified_date));
	set(o, "chair_id", jid(c->chair_id));
	set(o, "note", jtext(c->note));
	set(o, "children", kids);
	return o;
}

static json_t *
plan_json(const struct plan *p)
{
	json_t *o;

	if (p == NULL)
		return json_null();
	o = json_object();
	set(o, "id", json_integer(p->id));
	set(o, "version", json_integer(p->version));
	set(o, "kind", jstr(plan_kind_code(p->kind)));
	set(o, "episode_id", jid(p->episode_id));
	set(o, "start_date", jdate(p->start_date));
	set(o, "end_date", jdate(p->end_date));
	if (p->kind == PLAN_CP) {
		set(o, "conference_id", jid(p->conference_id));
		set(o, "initial_category", p->initial_category != ABUSE_NONE ?
		    jstr(abuse_category_code(p->initial_category)) :
		    json_null());
		set(o, "latest_category", p->latest_category != ABUSE_NONE ?
		    jstr(abuse_category_code(p->latest_category)) :
		    json_null());
		set(o, "end_reason", p->end_reason != PLANEND_NONE ?
		    jstr(plan_end_reason_code(p->end_reason)) : json_null());
		set(o, "core_group", people_json(p->core_group,
		    p->n_core_group));
	} else if (p->kind == PLAN_LAC) {
		set(o, "legal_status", jtext(p->legal_status));
		set(o, "placement", jtext(p->placement));
		set(o, "long_term", json_boolean(p->long_term));
		set(o, "end_reason", jtext(p->lac_end_reason));
	}
	return o;
}

static json_t *
event_json(const struct plan_event *e)
{
	json_t *o;

	if (e == NULL)
		return json_null();
	o = json_object();
	set(o, "id", json_integer(e->id));
	set(o, "plan_id", json_integer(e->plan_id));
	set(o, "kind", jstr(event_kind_code(e->kind)));
	set(o, "held_date", jdate(e->held_date));
	if (e->kind == EVENT_VISIT || e->kind == EVENT_LAC_VISIT) {
		set(o, "seen", json_boolean(e->seen));
		set(o, "seen_alone", json_boolean(e->seen_alone));
	}
	set(o, "note", jtext(e->note));
	set(o, "due_date", jdate(e->due_date));
	return o;
}

/* An open due item as of today: "due" or "overdue" (due_status_code). */
static json_t *
due_json(const struct due_item *it, hday today)
{
	json_t *o = json_object();

	set(o, "step", jstr(due_step_code(it->step)));
	set(o, "seq", json_integer(it->seq));
	set(o, "ref_id", jid(it->ref_id));
	set(o, "from", jdate(it->from));
	set(o, "due", jdate(it->due));
	set(o, "status", jstr(due_status_code(due_item_status(it, today))));
	set(o, "working_days_late", json_integer(due_item_days_late(it,
	    today)));
	return o;
}

/* Lookups the journey has no function for; NULL when absent. */
static const struct assessment *
find_assessment(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].id == id)
			return &j->assessments[i];
	return NULL;
}

static const struct conference *
find_conference(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_conferences; i++)
		if (j->conferences[i].id == id)
			return &j->conferences[i];
	return NULL;
}

static const struct plan_event *
find_event(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_events; i++)
		if (j->events[i].id == id)
			return &j->events[i];
	return NULL;
}

/* The whole journey, with the child's open due items. */
static json_t *
journey_json(struct req *r, const struct journey *j,
    const struct store_due *due, int ndue, bool cut)
{
	json_t *o = json_object(), *a;

	set(o, "child_id", json_integer(j->child.id));
	set(o, "la_child_id", jstr(j->child.la_child_id));
	a = json_array();
	for (int i = 0; i < j->n_episodes; i++)
		json_array_append_new(a, episode_json(&j->episodes[i],
		    &j->referrals[i]));
	set(o, "episodes", a);
	a = json_array();
	for (int i = 0; i < j->n_assessments; i++)
		json_array_append_new(a, assessment_json(&j->assessments[i]));
	set(o, "assessments", a);
	a = json_array();
	for (int i = 0; i < j->n_strategies; i++)
		json_array_append_new(a, strategy_json(&j->strategies[i]));
	set(o, "strategy_discussions", a);
	a = json_array();
	for (int i = 0; i < j->n_s47s; i++)
		json_array_append_new(a, s47_json(&j->s47s[i]));
	set(o, "s47s", a);
	a = json_array();
	for (int i = 0; i < j->n_conferences; i++)
		json_array_append_new(a, conference_json(r,
		    &j->conferences[i]));
	set(o, "conferences", a);
	a = json_array();
	for (int i = 0; i < j->n_plans; i++)
		json_array_append_new(a, plan_json(&j->plans[i]));
	set(o, "plans", a);
	a = json_array();
	for (int i = 0; i < j->n_events; i++)
		json_array_append_new(a, event_json(&j->events[i]));
	set(o, "events", a);
	a = json_array();
	for (int i = 0; i < ndue; i++)
		json_array_append_new(a, due_json(&due[i].item, r->today));
	set(o, "due", a);
	set(o, "due_truncated", json_boolean(cut));
	return o;
}

static void
get_journey(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct journey *j = NULL;
	struct store_due *due = NULL;
	struct due_filter f;
	struct hdiag d;
	int n = 0, total = 0;
	enum herr e;

	if (!api_authenticate(r, w) || !no_query(r, w) ||
	    !gate(r, w, id, ACCESS_VIEW, NULL))
		return;
	j = journey_new();
	due = xcalloc(DUE_CHILD_MAX, sizeof(*due));
	memset(&f, 0, sizeof(f));
	f.child_id = id;
	f.until = HDAY_NONE;
	f.today = r->today;
	hdiag_clear(&d);
	if ((e = store_journey_load(r->st, id, j, &d)) != HERR_OK ||
	    (e = store_due_list(r->st, &f, due, DUE_CHILD_MAX, &n, &total)) !=
	    HERR_OK) {
		if (e == HERR_NOTFOUND)
			not_found(w);
		else
			unavailable(w);
		goto out;
	}
	/* Recorded before a byte of the journey is sent. */
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL)) {
		unavailable(w);
		goto out;
	}
	api_json(w, 200, journey_json(r, j, due, n < DUE_CHILD_MAX ? n :
	    DUE_CHILD_MAX, total > n));
out:
	free(due);
	journey_free(j);
}

/* ------------------------------------------------------------ /due */

static const struct form_field due_query[] = {
	{ "team", "Team", false, false, form_valid_int, 20 },
	{ "worker", "Worker", false, false, form_valid_int, 20 },
	{ "until", "Due on or before", false, false, form_valid_date, 10 },
};

struct due_list {
	struct req *r;
	json_t *items;
	int n;
	bool cut;
};

static enum herr
due_list_row(void *arg, const struct store_due *d)
{
	struct due_list *l = arg;
	json_t *o;

	/* Only children the caller may open; a denied one is not counted. */
	if (web_child_access(l->r, d->item.child_id, ACCESS_VIEW, NULL) ==
	    ACCESS_DENY)
		return HERR_OK;
	if (l->n >= DUE_LIST_MAX) {
		l->cut = true;
		return HERR_OK;
	}
	o = due_json(&d->item, l->r->today);
	set(o, "child_id", json_integer(d->item.child_id));
	set(o, "la_child_id", jstr(d->la_child_id));
	set(o, "child_name", jtext(d->child_name));
	set(o, "worker_id", jid(d->worker_id));
	set(o, "worker_name", d->worker_id > 0 ? jtext(d->worker_name) :
	    json_null());
	json_array_append_new(l->items, o);
	l->n++;
	return HERR_OK;
}

/* A whole positive number from a query value that passed form_valid_int;
 * 0 for none. */
static int64_t
query_id(struct req *r, const char *name)
{
	const char *v = form_get(&r->query, name);
	char *end;
	long long n;

	if (v == NULL || v[0] == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? (int64_t)n : -1;
}

static void
get_due(struct req *r, struct resp *w)
{
	struct hdiag diags[API_ERRORS];
	struct due_filter f;
	struct due_list l = { r, NULL, 0, false };
	const char *until = form_get(&r->query, "until");
	json_t *o, *errors;
	enum herr e;
	int nbad = 0;

	if (!api_authenticate(r, w))
		return;
	memset(&f, 0, sizeof(f));
	f.until = HDAY_NONE;
	f.today = r->today;
	errors = json_array();
	if (form_check(&r->query, due_query, NFIELDS(due_query), diags,
	    API_ERRORS, &nbad) != HERR_OK)
		for (int i = 0; i < nbad; i++)
			error_add(errors, diags[i].field, diags[i].msg);
	if (json_array_size(errors) == 0) {
		f.team_id = query_id(r, "team");
		f.worker_id = query_id(r, "worker");
		if (f.team_id < 0)
			error_add(errors, "team", "team must be a team's id");
		if (f.worker_id < 0)
			error_add(errors, "worker", "worker must be a member "
			    "of staff's id");
		if (until != NULL && until[0] != '\0' && hdate_parse(until,
		    &f.until, "until", NULL) != HERR_OK)
			error_add(errors, "until", "until must be a date "
			    "YYYY-MM-DD");
	}
	if (json_array_size(errors) > 0) {
		bad_request(w, "Invalid parameters", errors);
		return;
	}
	json_decref(errors);
	/* A team the caller is not in is answered as a missing one. */
	if (f.team_id > 0 && !access_team(&r->who, f.team_id)) {
		not_found(w);
		return;
	}
	/* Without either, the caller's own children. */
	if (f.team_id == 0 && f.worker_id == 0)
		f.worker_id = r->who.staff_id;
	l.items = json_array();
	e = access_case_role(r->who.role) ? store_due_each(r->st, &f,
	    due_list_row, &l) : HERR_OK;
	if (e != HERR_OK || !web_audit(r, AUDIT_VIEW, f.team_id > 0 ?
	    SUBJECT_TEAM : SUBJECT_STAFF, f.team_id > 0 ? f.team_id :
	    f.worker_id, NULL)) {
		json_decref(l.items);
		unavailable(w);
		return;
	}
	o = json_object();
	set(o, "today", jdate(r->today));
	set(o, "items", l.items);
	set(o, "count", json_integer(l.n));
	set(o, "truncated", json_boolean(l.cut));
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ steps */

/*
 * One step recorded through the API: the child of the path (edit access
 * checked), the body, the problems found with it (400 for shape, 422 for
 * values), and the child's journey, loaded inside the transaction the
 * step is written in.
 */
struct step {
	struct req *r;
	struct resp *w;
	int64_t child_id;
	json_t *o;		/* the body */
	json_t *bad;		/* 400: unknown keys, wrong types in items */
	const char *bad_title;
	json_t *errors;		/* 422: values refused */
	struct journey *j;
	struct journey_ctx cx;
	struct store_change ch;
	struct hdiag d;
	bool open;		/* a transaction is open */
};

/*
 * Authenticate, check edit access to the path's child, read the body and
 * check its keys.  True to go on; otherwise the request is answered.  s
 * is always left fit for step_end.
 */
static bool
step_start(struct step *s, struct req *r, struct resp *w,
    const struct jfield *fields, int n)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->w = w;
	s->child_id = web_id(r, 0);
	s->cx.today = r->today;
	s->cx.by = r->who.staff_id;
	s->cx.now = r->now;
	s->cx.conflict = &s->ch;
	hdiag_clear(&s->d);
	if (!api_authenticate(r, w) || !no_query(r, w) ||
	    !gate(r, w, s->child_id, ACCESS_EDIT, "You cannot change this "
	    "child's journey"))
		return false;
	if ((s->o = body_object(r, w)) == NULL ||
	    !body_known(w, s->o, fields, n))
		return false;
	s->bad = json_array();
	s->errors = json_array();
	return true;
}

static void
step_end(struct step *s)
{
	if (s->open)
		store_rollback(s->r->st);
	json_decref(s->o);
	json_decref(s->bad);
	json_decref(s->errors);
	journey_free(s->j);
}

/* The field a core diag names, as the API names it: a conference's
 * "child_N.x" is the body's "children[N].x". */
static void
api_field(char out[FIELD_MAX], const char *field)
{
	const char *p = field + 6;
	int n = 0;

	if (strncmp(field, "child_", 6) == 0 && *p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9' && n < 1000)
			n = n * 10 + (*p++ - '0');
		if (*p == '.') {
			snprintf(out, FIELD_MAX, "children[%d].%s", n, p + 1);
			return;
		}
	}
	snprintf(out, FIELD_MAX, "%s", field);
}

/* Roll back and answer for a status that is not HERR_OK. */
static void
step_fail(struct step *s, enum herr x)
{
	char field[FIELD_MAX];
	json_t *e;

	if (s->open) {
		store_rollback(s->r->st);
		s->open = false;
	}
	switch (x) {
	case HERR_CONFLICT:
		conflict(s->w, &s->ch);
		break;
	case HERR_NOTFOUND:
		not_found(s->w);
		break;
	case HERR_INVALID:
	case HERR_RANGE:
		e = json_array();
		api_field(field, s->d.field);
		error_add(e, field, s->d.msg[0] ? s->d.msg : herr_str(x));
		invalid(s->w, e);
		break;
	default:
		unavailable(s->w);
		break;
	}
}

/* After the values are read: answer 400 or 422 if any was refused; else
 * begin the transaction and load the child's journey into s->j. */
static bool
step_begin(struct step *s)
{
	enum herr x;

	if (json_array_size(s->bad) > 0) {
		bad_request(s->w, s->bad_title ? s->bad_title : "Wrong type",
		    s->bad);
		s->bad = NULL;
		return false;
	}
	if (json_array_size(s->errors) > 0) {
		invalid(s->w, s->errors);
		s->errors = NULL;
		return false;
	}
	if (!begin(s->w, s->r))
		return false;
	s->open = true;
	s->j = journey_new();
	if ((x = store_journey_load(s->r->st, s->child_id, s->j, &s->d)) !=
	    HERR_OK) {
		step_fail(s, x);
		return false;
	}
	return true;
}

/*
 * The write gave x.  When it succeeded: reload the journey (to answer
 * with the record as stored), append an audit row for each child it
 * touched and commit; true to answer.  Otherwise roll back and answer.
 */
static bool
step_commit(struct step *s, enum herr x, const int64_t *children, int n)
{
	struct audit_row *rows;

	if (x == HERR_OK)
		x = store_journey_load(s->r->st, s->child_id, s->j, &s->d);
	if (x != HERR_OK) {
		step_fail(s, x);
		return false;
	}
	rows = xcalloc((size_t)n, sizeof(*rows));
	for (int i = 0; i < n; i++)
		web_audit_row(s->r, &rows[i], AUDIT_EDIT, SUBJECT_CHILD,
		    children[i], NULL);
	x = store_audit_append(s->r->st, rows, n);
	free(rows);
	if (x == HERR_OK)
		x = store_commit(s->r->st);
	if (x != HERR_OK) {
		step_fail(s, HERR_ENV);
		return false;
	}
	s->open = false;
	return true;
}

/* The body's "version" (400 when absent), as put_child takes it. */
static bool
step_version(struct step *s, int64_t *out)
{
	json_t *v = json_object_get(s->o, "version"), *e;

	if (v != NULL) {
		*out = (int64_t)json_integer_value(v);
		return true;
	}
	e = json_array();
	error_add(e, "version", "Send the version of the record you are "
	    "changing (from GET), so that nobody's changes are overwritten");
	api_problem(s->w, 400, "Missing version", "Send the version of the "
	    "record you are changing.", e);
	return false;
}

/* prefix + key, the name a problem gives a field. */
static const char *
fname(char out[FIELD_MAX], const char *prefix, const char *key)
{
	/* Field names are short; one cut short still names the place. */
	if (snprintf(out, FIELD_MAX, "%s%s", prefix, key) >= FIELD_MAX)
		out[FIELD_MAX - 1] = '\0';
	return out;
}

/* "Enter the date it was held" for a missing value. */
static void
missing(struct step *s, const char *field, const char *what)
{
	char why[200];

	snprintf(why, sizeof(why), "Enter %s", what);
	error_add(s->errors, field, why);
}

/* A date member of o (absent, null or "": HDAY_NONE, a problem when
 * required). */
static void
take_day(struct step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required, hday *out)
{
	json_t *v = json_object_get(o, key);
	const char *str = json_string_value(v);
	char field[FIELD_MAX];

	fname(field, prefix, key);
	*out = HDAY_NONE;
	if (str == NULL || str[0] == '\0') {
		if (required)
			missing(s, field, what);
		return;
	}
	take_date(s->errors, out, v, field, what);
}

/* A code member of o: its number, or -1 (absent, or a problem). */
static int
take_code(struct step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required, int (*parse)(const char *),
    code_fn code, int first, int count)
{
	const char *v = member(o, key);
	char field[FIELD_MAX], why[400];
	size_t len;
	int k;

	fname(field, prefix, key);
	if (v == NULL || v[0] == '\0') {
		if (required)
			missing(s, field, what);
		return -1;
	}
	if ((k = parse(v)) >= first && k < count)
		return k;
	len = (size_t)snprintf(why, sizeof(why), "%s must be one of", field);
	for (int i = first; i < count && len < sizeof(why); i++)
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s %s",
		    i == first ? "" : ",", code(i));
	error_add(s->errors, field, why);
	return -1;
}

/* A text member of o into dst (cap bytes; absent or null: ""). */
static void
take_str(struct step *s, json_t *o, const char *prefix, const char *key,
    const char *label, char *dst, size_t cap)
{
	const char *v = member(o, key);
	char field[FIELD_MAX];

	dst[0] = '\0';
	if (v != NULL)
		take_text(s->errors, dst, cap, v, fname(field, prefix, key),
		    label);
}

/* An id member of o: > 0, or 0 when absent or null (a problem when
 * required). */
static int64_t
take_id(struct step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required)
{
	json_t *v = json_object_get(o, key);
	char field[FIELD_MAX], why[200];

	fname(field, prefix, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			missing(s, field, what);
		return 0;
	}
	if (json_integer_value(v) > 0)
		return (int64_t)json_integer_value(v);
	snprintf(why, sizeof(why), "%s must be a record's id (a whole number "
	    "from 1)", field);
	error_add(s->errors, field, why);
	return 0;
}

static bool
take_bool(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/*
 * The array member `key` of s->o, each item an object with `fields`;
 * *n gets its size, capped at max with a problem beyond.  Items of the
 * wrong shape are problems in s->bad.  NULL when absent.
 */
static json_t *
take_items(struct step *s, const char *key, const struct jfield *fields,
    int nf, int max, int *n)
{
	json_t *a = json_object_get(s->o, key), *it;
	char prefix[FIELD_MAX], why[160];
	size_t i;

	*n = 0;
	if (a == NULL)
		return NULL;
	json_array_foreach(a, i, it) {
		snprintf(prefix, sizeof(prefix), "%s[%zu].", key, i);
		if (!json_is_object(it)) {
			snprintf(why, sizeof(why), "'%s[%zu]' must be an "
			    "object", key, i);
			error_add(s->bad, key, why);
			if (s->bad_title == NULL)
				s->bad_title = "Wrong type";
			continue;
		}
		keys_check(s->bad, prefix, it, fields, nf, &s->bad_title);
	}
	if (json_array_size(a) > (size_t)max) {
		snprintf(why, sizeof(why), "%s may hold at most %d items", key,
		    max);
		error_add(s->errors, key, why);
	}
	*n = json_array_size(a) > (size_t)max ? max : (int)json_array_size(a);
	return a;
}

static const struct jfield person_fields[] = {
	{ "name", J_STRING },
	{ "agency", J_STRING_NULL },
	{ "role", J_STRING_NULL },
	{ "staff_id", J_INT_NULL },
};

/* People (strategy participants, core group members) from `key`. */
static void
take_people(struct step *s, const char *key, struct journey_person *p,
    int *np)
{
	json_t *a = take_items(s, key, person_fields, NFIELDS(person_fields),
	    JOURNEY_PEOPLE_MAX, np);
	char prefix[FIELD_MAX];

	for (int i = 0; a != NULL && i < *np; i++) {
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "%s[%d].", key, i);
		take_str(s, it, prefix, "name", "The name", p[i].name,
		    sizeof(p[i].name));
		take_str(s, it, prefix, "agency", "The agency", p[i].agency,
		    sizeof(p[i].agency));
		take_str(s, it, prefix, "role", "The role", p[i].role,
		    sizeof(p[i].role));
		p[i].staff_id = take_id(s, it, prefix, "staff_id", "", false);
	}
}

/* CIN census factor codes from `key` ("factors": ["1C", "4A"]). */
static void
take_factors(struct step *s, struct assessment *a)
{
	json_t *arr = json_object_get(s->o, "factors"), *v;
	char field[FIELD_MAX];
	size_t i;

	a->n_factors = 0;
	if (arr == NULL)
		return;
	json_array_foreach(arr, i, v) {
		snprintf(field, sizeof(field), "factors[%zu]", i);
		if (!json_is_string(v)) {
			error_add(s->bad, field, "Each factor must be a string "
			    "(a CIN census code such as 1C)");
			continue;
		}
		if (a->n_factors >= JOURNEY_FACTORS_MAX) {
			error_add(s->errors, "factors", "An assessment has at "
			    "most 24 factors");
			break;
		}
		take_text(s->errors, a->factors[a->n_factors],
		    sizeof(a->factors[0]), json_string_value(v), field,
		    "A factor code");
		a->n_factors++;
	}
}

/* The episode, assessment... of the path that must be this child's; NULL
 * (answered 404 and rolled back) when it is not. */
#define OWNED(s, p) ((p) != NULL ? true : (step_fail((s), HERR_NOTFOUND), \
	false))

/* POST /children/{id}/referrals: a new CIN episode from its referral. */
static const struct jfield referral_fields[] = {
	{ "referral_date", J_STRING },
	{ "referral_source", J_STRING },
	{ "primary_need", J_STRING_NULL },
	{ "contact_date", J_STRING_NULL },
	{ "reason", J_STRING_NULL },
};

static void
post_referral(struct req *r, struct resp *w)
{
	struct cin_episode ep;
	struct referral rf;
	struct step s;

	if (!step_start(&s, r, w, referral_fields, NFIELDS(referral_fields)))
		goto out;
	cin_episode_init(&ep);
	memset(&rf, 0, sizeof(rf));
	rf.decision_date = HDAY_NONE;
	ep.child_id = s.child_id;
	take_day(&s, s.o, "", "referral_date", "the date of the referral",
	    true, &ep.referral_date);
	take_str(&s, s.o, "", "referral_source", "The source of the referral",
	    ep.referral_source, sizeof(ep.referral_source));
	take_str(&s, s.o, "", "primary_need", "The primary need code",
	    ep.primary_need, sizeof(ep.primary_need));
	take_day(&s, s.o, "", "contact_date", "the date of the contact",
	    false, &rf.contact_date);
	take_str(&s, s.o, "", "reason", "The reason for the referral",
	    rf.reason, sizeof(rf.reason));
	if (!step_begin(&s))
		goto out;
	if (step_commit(&s, record_referral_add(r->st, &ep, &rf, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, episode_json(journey_episode(s.j, ep.id),
		    journey_referral(s.j, ep.id)));
out:
	step_end(&s);
}

/* POST /children/{id}/episodes/{id}/decision */
static const struct jfield decision_fields[] = {
	{ "version", J_INT },
	{ "decision", J_STRING },
	{ "decision_date", J_STRING },
	{ "contact_date", J_STRING_NULL },
	{ "reason", J_STRING_NULL },
};

static void
post_decision(struct req *r, struct resp *w)
{
	const struct referral *stored;
	struct referral rf;
	struct step s;
	int64_t expected;
	int k;

	memset(&rf, 0, sizeof(rf));
	if (!step_start(&s, r, w, decision_fields, NFIELDS(decision_fields)) ||
	    !step_version(&s, &expected))
		goto out;
	k = take_code(&s, s.o, "", "decision", "the decision", true,
	    referral_decision_parse, decision_code, DECISION_NFA,
	    DECISION__COUNT);
	take_day(&s, s.o, "", "decision_date", "the date of the decision",
	    true, &rf.decision_date);
	take_day(&s, s.o, "", "contact_date", "the date of the contact",
	    false, &rf.contact_date);
	take_str(&s, s.o, "", "reason", "The reason for the referral",
	    rf.reason, sizeof(rf.reason));
	if (!step_begin(&s) || !OWNED(&s, stored = journey_referral(s.j,
	    web_id(r, 1))))
		goto out;
	/* What is not sent stays as it was. */
	if (json_object_get(s.o, "contact_date") == NULL)
		rf.contact_date = stored->contact_date;
	if (json_object_get(s.o, "reason") == NULL)
		snprintf(rf.reason, sizeof(rf.reason), "%s", stored->reason);
	rf.episode_id = stored->episode_id;
	rf.version = expected;
	rf.decision = (enum referral_decision)k;
	if (step_commit(&s, record_referral_decide(r->st, s.child_id, &rf,
	    expected, &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, episode_json(journey_episode(s.j,
		    rf.episode_id), journey_referral(s.j, rf.episode_id)));
out:
	step_end(&s);
}

/* POST /children/{id}/assessments */
static const struct jfield assessment_fields[] = {
	{ "episode_id", J_INT },
	{ "start_date", J_STRING },
	{ "factors", J_ARRAY },
};

static void
post_assessment(struct req *r, struct resp *w)
{
	struct assessment a;
	struct step s;

	memset(&a, 0, sizeof(a));
	if (!step_start(&s, r, w, assessment_fields,
	    NFIELDS(assessment_fields)))
		goto out;
	a.child_id = s.child_id;
	a.episode_id = take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	take_day(&s, s.o, "", "start_date", "the date the assessment started",
	    true, &a.start_date);
	take_factors(&s, &a);
	a.authorised_date = HDAY_NONE;
	a.due_date = HDAY_NONE;
	a.outcome = ASSESS_OPEN;
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j, a.episode_id)))
		goto out;
	if (step_commit(&s, record_assessment_start(r->st, &a, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, assessment_json(find_assessment(s.j, a.id)));
out:
	step_end(&s);
}

/* POST /children/{id}/assessments/{id}/authorise */
static const struct jfield authorise_fields[] = {
	{ "version", J_INT },
	{ "authorised_date", J_STRING },
	{ "outcome", J_STRING },
	{ "factors", J_ARRAY },
};

static void
post_authorise(struct req *r, struct resp *w)
{
	const struct assessment *stored;
	struct assessment a, sent;
	struct step s;
	int64_t expected;
	int k;

	memset(&sent, 0, sizeof(sent));
	if (!step_start(&s, r, w, authorise_fields,
	    NFIELDS(authorise_fields)) || !step_version(&s, &expected))
		goto out;
	take_day(&s, s.o, "", "authorised_date", "the date the assessment "
	    "was authorised", true, &sent.authorised_date);
	k = take_code(&s, s.o, "", "outcome", "the outcome", true,
	    assessment_outcome_parse, aoutcome_code, ASSESS_NFA,
	    ASSESS__COUNT);
	take_factors(&s, &sent);
	if (!step_begin(&s) || !OWNED(&s, stored = find_assessment(s.j,
	    web_id(r, 1))))
		goto out;
	a = *stored;
	a.authorised_date = sent.authorised_date;
	a.outcome = (enum assessment_outcome)k;
	/* Factors not sent: those recorded when it started. */
	if (json_object_get(s.o, "factors") != NULL) {
		memcpy(a.factors, sent.factors, sizeof(a.factors));
		a.n_factors = sent.n_factors;
	}
	if (step_commit(&s, record_assessment_authorise(r->st, &a, expected,
	    &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, assessment_json(find_assessment(s.j, a.id)));
out:
	step_end(&s);
}

/* POST /children/{id}/strategy-discussions */
static const struct jfield strategy_fields[] = {
	{ "episode_id", J_INT },
	{ "held_date", J_STRING },
	{ "s47", J_BOOL },
	{ "note", J_STRING_NULL },
	{ "people", J_ARRAY },
};

static void
post_strategy(struct req *r, struct resp *w)
{
	struct strategy *sd = xcalloc(1, sizeof(*sd));
	struct step s;

	if (!step_start(&s, r, w, strategy_fields, NFIELDS(strategy_fields)))
		goto out;
	sd->child_id = s.child_id;
	sd->episode_id = take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	take_day(&s, s.o, "", "held_date", "the date of the strategy "
	    "discussion", true, &sd->held_date);
	sd->s47 = take_bool(s.o, "s47");
	take_str(&s, s.o, "", "note", "The note", sd->note, sizeof(sd->note));
	take_people(&s, "people", sd->people, &sd->n_people);
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j,
	    sd->episode_id)))
		goto out;
	if (step_commit(&s, record_strategy_add(r->st, sd, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, strategy_json(journey_strategy(s.j, sd->id)));
out:
	step_end(&s);
	free(sd);
}

/* POST /children/{id}/s47 */
static const struct jfield s47_fields[] = {
	{ "episode_id", J_INT },
	{ "strategy_id", J_INT },
	{ "start_date", J_STRING },
};

static void
post_s47(struct req *r, struct resp *w)
{
	struct s47 e;
	struct step s;

	memset(&e, 0, sizeof(e));
	if (!step_start(&s, r, w, s47_fields, NFIELDS(s47_fields)))
		goto out;
	e.child_id = s.child_id;
	e.episode_id = take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	e.strategy_id = take_id(&s, s.o, "", "strategy_id", "the id of the "
	    "strategy discussion that began it", true);
	take_day(&s, s.o, "", "start_date", "the date the enquiry started",
	    true, &e.start_date);
	e.outcome = S47_OPEN;
	e.outcome_date = HDAY_NONE;
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j,
	    e.episode_id)) || !OWNED(&s, journey_strategy(s.j,
	    e.strategy_id)))
		goto out;
	if (step_commit(&s, record_s47_start(r->st, &e, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, s47_json(journey_s47(s.j, e.id)));
out:
	step_end(&s);
}

/* POST /children/{id}/s47/{id}/outcome */
static const struct jfield s47_outcome_fields[] = {
	{ "version", J_INT },
	{ "outcome", J_STRING },
	{ "outcome_date", J_STRING },
};

static void
post_s47_outcome(struct req *r, struct resp *w)
{
	const struct s47 *stored;
	struct s47 e;
	struct step s;
	int64_t expected;
	hday day = HDAY_NONE;
	int k;

	if (!step_start(&s, r, w, s47_outcome_fields,
	    NFIELDS(s47_outcome_fields)) || !step_version(&s, &expected))
		goto out;
	k = take_code(&s, s.o, "", "outcome", "the outcome", true,
	    s47_outcome_parse, soutcome_code, S47_CONFERENCE, S47__COUNT);
	take_day(&s, s.o, "", "outcome_date", "the date of the outcome", true,
	    &day);
	if (!step_begin(&s) || !OWNED(&s, stored = journey_s47(s.j,
	    web_id(r, 1))))
		goto out;
	e = *stored;
	e.outcome = (enum s47_outcome)k;
	e.outcome_date = day;
	if (step_commit(&s, record_s47_outcome(r->st, &e, expected, &s.cx,
	    &s.d), &s.child_id, 1))
		api_json(w, 200, s47_json(journey_s47(s.j, e.id)));
out:
	step_end(&s);
}

/* POST /children/{id}/conferences: one conference, every child discussed
 * at it with their own decision; the caller must be able to change each
 * child's record, and the path's child must be one of them. */
static const struct jfield conference_fields[] = {
	{ "kind", J_STRING },
	{ "held_date", J_STRING },
	{ "notified_date", J_STRING_NULL },
	{ "chair_id", J_INT_NULL },
	{ "note", J_STRING_NULL },
	{ "children", J_ARRAY },
};

static const struct jfield conference_child_fields[] = {
	{ "child_id", J_INT },
	{ "s47_id", J_INT_NULL },
	{ "plan_id", J_INT_NULL },
	{ "decision", J_STRING },
	{ "category", J_STRING_NULL },
	{ "end_reason", J_STRING_NULL },
	{ "step_down", J_BOOL },
};

static void
post_conference(struct req *r, struct resp *w)
{
	struct conference *c = xcalloc(1, sizeof(*c));
	int64_t ids[CONFERENCE_CHILDREN_MAX] = { 0 };
	char prefix[FIELD_MAX], field[FIELD_MAX];
	struct step s;
	json_t *a;
	bool has_path_child = false;
	int k;

	if (!step_start(&s, r, w, conference_fields,
	    NFIELDS(conference_fields)))
		goto out;
	k = take_code(&s, s.o, "", "kind", "the kind of conference", true,
	    conference_kind_parse, ckind_code, CONF_INITIAL, CONF__COUNT);
	c->kind = k >= 0 ? (enum conference_kind)k : CONF_INITIAL;
	take_day(&s, s.o, "", "held_date", "the date the conference was held",
	    true, &c->held_date);
	take_day(&s, s.o, "", "notified_date", "the date this authority was "
	    "told of the transfer", false, &c->notified_date);
	c->chair_id = take_id(&s, s.o, "", "chair_id", "", false);
	take_str(&s, s.o, "", "note", "The note", c->note, sizeof(c->note));
	a = take_items(&s, "children", conference_child_fields,
	    NFIELDS(conference_child_fields), CONFERENCE_CHILDREN_MAX,
	    &c->n_children);
	if (a == NULL || c->n_children == 0)
		missing(&s, "children", "the children discussed, each with "
		    "the conference's decision for them");
	for (int i = 0; i < c->n_children; i++) {
		struct conference_child *cc = &c->children[i];
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "children[%d].", i);
		cc->child_id = take_id(&s, it, prefix, "child_id", "the "
		    "child's id", true);
		cc->s47_id = take_id(&s, it, prefix, "s47_id", "", false);
		cc->plan_id = take_id(&s, it, prefix, "plan_id", "", false);
		k = take_code(&s, it, prefix, "decision", "the conference's "
		    "decision for this child", true, conference_decision_parse,
		    cdecision_code, CDEC_PLAN, CDEC__COUNT);
		cc->decision = k >= 0 ? (enum conference_decision)k : CDEC_PLAN;
		k = take_code(&s, it, prefix, "category", "", false,
		    abuse_category_parse, category_code, ABUSE_NEGLECT,
		    ABUSE__COUNT);
		cc->category = k >= 0 ? (enum abuse_category)k : ABUSE_NONE;
		k = take_code(&s, it, prefix, "end_reason", "", false,
		    plan_end_reason_parse, endreason_code,
		    PLANEND_NO_LONGER_AT_RISK, PLANEND__COUNT);
		cc->end_reason = k >= 0 ? (enum plan_end_reason)k :
		    PLANEND_NONE;
		cc->step_down = take_bool(it, "step_down");
		cc->due_date = HDAY_NONE;
		ids[i] = cc->child_id;
		if (cc->child_id == s.child_id)
			has_path_child = true;
		for (int m = 0; m < i; m++)
			if (ids[m] == cc->child_id && cc->child_id > 0)
				error_add(s.errors, fname(field, prefix,
				    "child_id"), "Each child is listed once");
	}
	if (c->n_children > 0 && !has_path_child && json_array_size(
	    s.errors) == 0)
		error_add(s.errors, "children", "List this child among the "
		    "children discussed");
	if (json_array_size(s.bad) == 0 && json_array_size(s.errors) == 0)
		/* Every other child: the same gate as the path's. */
		for (int i = 0; i < c->n_children; i++)
			if (ids[i] != s.child_id && !gate(r, w, ids[i],
			    ACCESS_EDIT, "You cannot change this child's "
			    "journey"))
				goto out;
	if (!step_begin(&s))
		goto out;
	if (step_commit(&s, record_conference_add(r->st, c, &s.cx, &s.d), ids,
	    c->n_children))
		api_json(w, 201, conference_json(r, find_conference(s.j,
		    c->id)));
out:
	step_end(&s);
	free(c);
}

/* POST /children/{id}/plans/{id}/end and /looked-after/{id}/end: a CP
 * plan (with a reason needing no judgement), a CIN plan, or a
 * looked-after episode (its REC code); `lac` when the path says which. */
static const struct jfield end_fields[] = {
	{ "end_date", J_STRING },
	{ "reason", J_STRING_NULL },
};

static void
plan_end(struct req *r, struct resp *w, bool lac)
{
	const struct plan *p;
	char reason[32];
	struct step s;
	hday end = HDAY_NONE;
	enum herr x;
	int k = -1;

	if (!step_start(&s, r, w, end_fields, NFIELDS(end_fields)))
		goto out;
	take_day(&s, s.o, "", "end_date", "the date it ended", true, &end);
	take_str(&s, s.o, "", "reason", "The reason", reason, sizeof(reason));
	if (!step_begin(&s) || !OWNED(&s, p = journey_plan(s.j, web_id(r,
	    1))) || !OWNED(&s, (!lac || p->kind == PLAN_LAC) ? p : NULL))
		goto out;
	switch (p->kind) {
	case PLAN_CP:
		k = take_code(&s, s.o, "", "reason", "why the plan ended",
		    true, plan_end_reason_parse, endreason_code,
		    PLANEND_NO_LONGER_AT_RISK, PLANEND__COUNT);
		x = k < 0 ? HERR_INVALID : record_plan_end(r->st, s.child_id,
		    p->id, end, (enum plan_end_reason)k, &s.cx, &s.d);
		break;
	case PLAN_CIN:
		if (reason[0] != '\0')
			error_add(s.errors, "reason", "A child in need plan "
			    "ends without a reason: leave reason out");
		x = reason[0] != '\0' ? HERR_INVALID : record_cin_plan_end(
		    r->st, s.child_id, p->id, end, &s.cx, &s.d);
		break;
	default:
		x = record_lac_end(r->st, s.child_id, p->id, end, reason,
		    &s.cx, &s.d);
		break;
	}
	if (x == HERR_INVALID && json_array_size(s.errors) > 0) {
		/* The problem was the API's own reading of reason. */
		store_rollback(r->st);
		s.open = false;
		invalid(w, s.errors);
		s.errors = NULL;
		goto out;
	}
	if (step_commit(&s, x, &s.child_id, 1))
		api_json(w, 200, plan_json(journey_plan(s.j, web_id(r, 1))));
out:
	step_end(&s);
}

static void
post_plan_end(struct req *r, struct resp *w)
{
	plan_end(r, w, false);
}

static void
post_lac_end(struct req *r, struct resp *w)
{
	plan_end(r, w, true);
}

/* POST /children/{id}/plans/{id}/core-group: replace the members. */
static const struct jfield core_group_fields[] = {
	{ "version", J_INT },
	{ "members", J_ARRAY },
};

static void
post_core_group(struct req *r, struct resp *w)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct journey_person *m = xcalloc(JOURNEY_PEOPLE_MAX, sizeof(*m));
	const struct plan *stored;
	struct step s;
	int64_t expected;
	int n = 0;

	if (!step_start(&s, r, w, core_group_fields,
	    NFIELDS(core_group_fields)) || !step_version(&s, &expected))
		goto out;
	take_people(&s, "members", m, &n);
	if (json_object_get(s.o, "members") == NULL)
		missing(&s, "members", "the core group's members");
	if (!step_begin(&s) || !OWNED(&s, stored = journey_plan(s.j, web_id(r,
	    1))))
		goto out;
	*p = *stored;
	memcpy(p->core_group, m, sizeof(p->core_group));
	p->n_core_group = n;
	if (step_commit(&s, record_core_group_set(r->st, p, expected, &s.cx,
	    &s.d), &s.child_id, 1))
		api_json(w, 200, plan_json(journey_plan(s.j, p->id)));
out:
	step_end(&s);
	free(m);
	free(p);
}

/* POST /children/{id}/plans/{id}/events: a visit, core group or review. */
static const struct jfield event_fields[] = {
	{ "kind", J_STRING },
	{ "held_date", J_STRING },
	{ "seen", J_BOOL },
	{ "seen_alone", J_BOOL },
	{ "note", J_STRING_NULL },
};

static void
post_event(struct req *r, struct resp *w)
{
	struct plan_event *e = xcalloc(1, sizeof(*e));
	struct step s;
	int k;

	if (!step_start(&s, r, w, event_fields, NFIELDS(event_fields)))
		goto out;
	e->child_id = s.child_id;
	e->plan_id = web_id(r, 1);
	k = take_code(&s, s.o, "", "kind", "what was held", true,
	    event_kind_parse, event_code, EVENT_VISIT, EVENT__COUNT);
	e->kind = k >= 0 ? (enum event_kind)k : EVENT_VISIT;
	take_day(&s, s.o, "", "held_date", "the date it was held", true,
	    &e->held_date);
	e->seen = take_bool(s.o, "seen");
	e->seen_alone = take_bool(s.o, "seen_alone");
	take_str(&s, s.o, "", "note", "The note", e->note, sizeof(e->note));
	e->due_date = HDAY_NONE;
	if (!step_begin(&s) || !OWNED(&s, journey_plan(s.j, e->plan_id)))
		goto out;
	if (step_commit(&s, record_event_add(r->st, e, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, event_json(find_event(s.j, e->id)));
out:
	step_end(&s);
	free(e);
}

/* POST /children/{id}/cin-plans and /looked-after: a plan starts. */
static const struct jfield cin_plan_fields[] = {
	{ "episode_id", J_INT },
	{ "start_date", J_STRING },
};

static const struct jfield lac_fields[] = {
	{ "episode_id", J_INT_NULL },
	{ "start_date", J_STRING },
	{ "legal_status", J_STRING },
	{ "placement", J_STRING },
	{ "long_term", J_BOOL },
};

static void
plan_start(struct req *r, struct resp *w, enum plan_kind kind)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct step s;
	enum herr x;

	if (!step_start(&s, r, w, kind == PLAN_LAC ? lac_fields :
	    cin_plan_fields, kind == PLAN_LAC ? NFIELDS(lac_fields) :
	    NFIELDS(cin_plan_fields)))
		goto out;
	p->child_id = s.child_id;
	p->kind = kind;
	p->end_date = HDAY_NONE;
	p->episode_id = take_id(&s, s.o, "", "episode_id", "the episode's id",
	    kind != PLAN_LAC);
	take_day(&s, s.o, "", "start_date", "the date it started", true,
	    &p->start_date);
	if (kind == PLAN_LAC) {
		take_str(&s, s.o, "", "legal_status", "The legal status",
		    p->legal_status, sizeof(p->legal_status));
		take_str(&s, s.o, "", "placement", "The placement",
		    p->placement, sizeof(p->placement));
		p->long_term = take_bool(s.o, "long_term");
	}
	if (!step_begin(&s) || (p->episode_id > 0 && !OWNED(&s,
	    journey_episode(s.j, p->episode_id))))
		goto out;
	x = kind == PLAN_LAC ? record_lac_start(r->st, p, &s.cx, &s.d) :
	    record_cin_plan_start(r->st, p, &s.cx, &s.d);
	if (step_commit(&s, x, &s.child_id, 1))
		api_json(w, 201, plan_json(journey_plan(s.j, p->id)));
out:
	step_end(&s);
	free(p);
}

static void
post_cin_plan(struct req *r, struct resp *w)
{
	plan_start(r, w, PLAN_CIN);
}

static void
post_lac(struct req *r, struct resp *w)
{
	plan_start(r, w, PLAN_LAC);
}

/* POST /children/{id}/episodes/{id}/close */
static const struct jfield close_fields[] = {
	{ "closure_date", J_STRING },
	{ "reason", J_STRING },
};

static void
post_episode_close(struct req *r, struct resp *w)
{
	const struct cin_episode *ep;
	char reason[8];
	struct step s;
	hday day = HDAY_NONE;

	if (!step_start(&s, r, w, close_fields, NFIELDS(close_fields)))
		goto out;
	take_day(&s, s.o, "", "closure_date", "the date the episode closed",
	    true, &day);
	take_str(&s, s.o, "", "reason", "The reason for closure", reason,
	    sizeof(reason));
	if (reason[0] == '\0' && json_array_size(s.errors) == 0)
		missing(&s, "reason", "the reason for closure (RC1 to RC9)");
	if (!step_begin(&s) || !OWNED(&s, ep = journey_episode(s.j,
	    web_id(r, 1))))
		goto out;
	if (step_commit(&s, record_episode_close(r->st, s.child_id, ep->id,
	    day, reason, &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, episode_json(journey_episode(s.j,
		    web_id(r, 1)), journey_referral(s.j, web_id(r, 1))));
out:
	step_end(&s);
}

/* ------------------------------------------------------------ routes */

static void
no_route(struct req *r, struct resp *w)
{
	(void)r;
	not_found(w);
}

const struct route api_routes[] = {
	{ "GET", "/api/v1/me", get_me, ROUTE_JSON },
	{ "GET", "/api/v1/children", get_children, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}", get_child, ROUTE_JSON },
	{ "PUT", "/api/v1/children/{id}", put_child, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/chronology", post_chronology,
	    ROUTE_JSON },
	{ "GET", "/api/v1/families/{id}", get_family, ROUTE_JSON },
	{ "GET", "/api/v1/teams/{id}", get_team, ROUTE_JSON },
	{ "GET", "/api/v1/due", get_due, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}/journey", get_journey, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/referrals", post_referral,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/episodes/{id}/decision",
	    post_decision, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/episodes/{id}/close",
	    post_episode_close, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/assessments", post_assessment,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/assessments/{id}/authorise",
	    post_authorise, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/strategy-discussions", post_strategy,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/s47", post_s47, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/s47/{id}/outcome", post_s47_outcome,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/conferences", post_conference,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/end", post_plan_end,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/core-group",
	    post_core_group, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/events", post_event,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/cin-plans", post_cin_plan,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/looked-after", post_lac, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/looked-after/{id}/end", post_lac_end,
	    ROUTE_JSON },
	{ "GET", "/api/v1", no_route, ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
