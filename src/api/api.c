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
#include "core/record.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_directory.h"
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
	J_STRING,	/* a string */
	J_STRING_NULL,	/* a string, or null for none */
};

struct jfield {
	const char *name;
	enum jkind kind;
};

/*
 * Check the object's keys against `fields`: unknown keys and values of the
 * wrong type are refused (400, each named); true when all passed.
 */
static bool
body_known(struct resp *w, json_t *o, const struct jfield *fields, int n)
{
	json_t *errors = json_array(), *v;
	const char *key;
	char s[SHOWN_MAX + 4], why[200];
	const char *title = NULL;

	json_object_foreach(o, key, v) {
		int k;

		if (json_array_size(errors) >= API_ERRORS)
			break;
		for (k = 0; k < n; k++)
			if (strcmp(fields[k].name, key) == 0)
				break;
		shown(s, key);
		if (k == n) {
			snprintf(why, sizeof(why), "Remove the unknown field "
			    "'%s'", s);
			error_add(errors, key, why);
			if (title == NULL)
				title = "Unknown field";
			continue;
		}
		switch (fields[k].kind) {
		case J_INT:
			if (json_is_integer(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a whole "
			    "number", s);
			break;
		case J_STRING:
			if (json_is_string(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a string", s);
			break;
		case J_STRING_NULL:
			if (json_is_string(v) || json_is_null(v))
				continue;
			snprintf(why, sizeof(why), "'%s' must be a string or "
			    "null", s);
			break;
		}
		error_add(errors, key, why);
		if (title == NULL)
			title = "Wrong type";
	}
	if (json_array_size(errors) == 0) {
		json_decref(errors);
		return true;
	}
	/* The first problem as the detail, all of them in errors. */
	snprintf(why, sizeof(why), "%s", json_string_value(json_object_get(
	    json_array_get(errors, 0), "detail")));
	api_problem(w, 400, title, why, errors);
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
	{ "GET", "/api/v1", no_route, ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
