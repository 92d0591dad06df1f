/*
 * api_util.c: the API's shared pieces (api_internal.h, api.h): JSON
 * answers and problem details, token authentication, reading a request
 * body as a JSON object with known keys, the access gate, and committing
 * an edit together with its audit row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api_internal.h"
#include "core/auth.h"
#include "core/journey.h"
#include "core/mem.h"
#include "core/plain.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_journey.h"
#include "web/form.h"
#include "core/banned.h"

/* ------------------------------------------------------------ answers */

/* A JSON string, or null when s is NULL or not valid UTF-8 (stored text
 * always is: text_check). */
json_t *
api_jstr(const char *s)
{
	json_t *v = s != NULL ? json_string(s) : NULL;

	return v != NULL ? v : json_null();
}

/* Text, or null when empty. */
json_t *
api_jtext(const char *s)
{
	return s == NULL || s[0] == '\0' ? json_null() : api_jstr(s);
}

/* A date as "YYYY-MM-DD", or JSON null. */
json_t *
api_jdate(hday d)
{
	char buf[HDATE_LEN];

	return d == HDAY_NONE ? json_null() : json_string(hdate_format(d, buf));
}

/* A time (unix seconds) as RFC 3339 UTC, or null for 0. */
json_t *
api_jtime(int64_t t)
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
json_t *
api_jid(int64_t id)
{
	return id > 0 ? json_integer((json_int_t)id) : json_null();
}

void
api_set(json_t *o, const char *k, json_t *v)
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
json_t *
api_problem_new(int status, const char *title, const char *detail,
    json_t *errors)
{
	json_t *p = json_object();

	api_set(p, "type", json_string("about:blank"));
	api_set(p, "title", api_jstr(title));
	api_set(p, "status", json_integer(status));
	if (detail != NULL)
		api_set(p, "detail", api_jstr(detail));
	if (errors != NULL)
		api_set(p, "errors", errors);
	return p;
}

void
api_problem_send(struct resp *w, int status, json_t *p)
{
	api_json(w, status, p);
	if (w->status == status)
		w->content_type = "application/problem+json";
}

void
api_problem(struct resp *w, int status, const char *title,
    const char *detail, json_t *errors)
{
	api_problem_send(w, status, api_problem_new(status, title, detail, errors));
}

/* One {"field":..., "detail":...} of a problem's errors (field may be
 * NULL or empty: left out). */
void
api_error_add(json_t *errors, const char *field, const char *detail)
{
	json_t *e = json_object();

	if (field != NULL && field[0] != '\0')
		api_set(e, "field", api_jstr(field));
	api_set(e, "detail", api_jstr(detail));
	json_array_append_new(errors, e);
}

void
api_not_found(struct resp *w)
{
	api_problem(w, 404, "Not found", "There is no such record, or you "
	    "have no reason to see it.", NULL);
}

void
api_unavailable(struct resp *w)
{
	api_problem(w, 503, "Service unavailable", "What you asked for could "
	    "not be recorded, so it has not been done or sent. Try again in "
	    "a few minutes.", NULL);
}

void
api_restricted(struct resp *w)
{
	api_problem(w, 403, "Restricted record", "This record is restricted. "
	    "Open it in hearth and give your reason to break the glass "
	    "first.", NULL);
}

/* Copy s for quoting back: at most SHOWN_MAX bytes, cut at a character
 * boundary. */
void
api_shown(char out[SHOWN_MAX + 4], const char *s)
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
bool
api_no_query(struct req *r, struct resp *w)
{
	json_t *errors;
	char s[SHOWN_MAX + 4], why[160];

	if (r->query.n == 0)
		return true;
	errors = json_array();
	api_shown(s, r->query.pair[0].name);
	snprintf(why, sizeof(why), "Remove the unknown parameter '%s'", s);
	api_error_add(errors, r->query.pair[0].name, why);
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
json_t *
api_body_object(struct req *r, struct resp *w)
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


/*
 * Check the object's keys against `fields`, adding a problem to `bad` for
 * each unknown key and each value of the wrong type, named `prefix` then
 * the key ("people[0].name"); *title gets the first problem's title.
 */
void
api_keys_check(json_t *bad, const char *prefix, json_t *o,
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
		api_shown(s, key);
		snprintf(name, sizeof(name), "%s%s", prefix, s);
		if (k == n) {
			snprintf(why, sizeof(why), "Remove the unknown field "
			    "'%s'", name);
			api_error_add(bad, name, why);
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
		api_error_add(bad, name, why);
		if (*title == NULL)
			*title = "Wrong type";
	}
}

/* Answer 400 with the problems in `bad` (taken), the first as the
 * detail. */
void
api_bad_request(struct resp *w, const char *title, json_t *bad)
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
bool
api_body_known(struct resp *w, json_t *o, const struct jfield *fields, int n)
{
	json_t *bad = json_array();
	const char *title = NULL;

	api_keys_check(bad, "", o, fields, n, &title);
	if (json_array_size(bad) == 0) {
		json_decref(bad);
		return true;
	}
	api_bad_request(w, title, bad);
	return false;
}

/* A string member, or NULL when absent or null. */
const char *
api_member(json_t *o, const char *key)
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
bool
api_gate(struct req *r, struct resp *w, int64_t id, enum access_op op,
    const char *cannot)
{
	switch (web_child_access(r, id, op, NULL)) {
	case ACCESS_ALLOW:
		return true;
	case ACCESS_NEEDS_GLASS:
		api_restricted(w);
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
		api_not_found(w);
	return false;
}


/* ------------------------------------------------------------ edits */

/* Begin, or answer 503. */
bool
api_begin(struct resp *w, struct req *r)
{
	if (store_begin(r->st) == HERR_OK)
		return true;
	api_unavailable(w);
	return false;
}

/* Append this request's audit row and commit; rolls back and answers 503
 * when either fails. */
bool
api_audit_commit(struct req *r, struct resp *w, enum audit_action action,
    int64_t child_id)
{
	struct audit_row row;

	web_audit_row(r, &row, action, SUBJECT_CHILD, child_id, NULL);
	if (store_audit_append(r->st, &row, 1) != HERR_OK ||
	    store_commit(r->st) != HERR_OK) {
		store_rollback(r->st);
		api_unavailable(w);
		return false;
	}
	return true;
}

/* Copy a sent text value into dst (cap bytes); a value too long for it
 * is a problem for `field`, never cut short. */
void
api_take_text(json_t *errors, char *dst, size_t cap, const char *v,
    const char *field, const char *label)
{
	if (text_copy(dst, cap, v) == HERR_OK)
		return;
	{
		char why[160];

		snprintf(why, sizeof(why), "%s is too long: at most %zu bytes",
		    label, cap - 1);
		api_error_add(errors, field, why);
	}
}

/* A sent date ("" or null: none) into *out; a problem for `field`
 * otherwise, worded as the pages word it. */
void
api_take_date(json_t *errors, hday *out, json_t *v, const char *field,
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
		api_error_add(errors, field, d.msg[0] ? d.msg : "Not a date");
		*out = HDAY_NONE;
	}
}

/* Answer 422 with `errors` (taken), the first as the detail. */
void
api_invalid(struct resp *w, json_t *errors)
{
	char why[400];

	snprintf(why, sizeof(why), "%s", json_string_value(json_object_get(
	    json_array_get(errors, 0), "detail")));
	api_problem(w, 422, "Invalid values", why, errors);
}

void
api_conflict(struct resp *w, const struct store_change *ch)
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
	p = api_problem_new(409, "Edit conflict", why, NULL);
	api_set(p, "current_version", json_integer(ch->version));
	api_set(p, "changed_by", ch->by_name[0] ? api_jstr(ch->by_name) :
	    json_null());
	api_set(p, "changed_at", api_jtime(ch->at));
	api_problem_send(w, 409, p);
}

/* ------------------------------------------------------------ steps */

void
api_step_init(struct api_step *s, struct req *r, struct resp *w)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->w = w;
	s->cx.today = r->today;
	s->cx.by = r->who.staff_id;
	s->cx.now = r->now;
	s->cx.conflict = &s->ch;
	hdiag_clear(&s->d);
}

bool
api_step_start(struct api_step *s, struct req *r, struct resp *w,
    int64_t child_id, enum access_op op, const char *cannot,
    const struct jfield *fields, int n)
{
	api_step_init(s, r, w);
	s->child_id = child_id;
	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !api_gate(r, w, child_id, op, cannot))
		return false;
	return api_step_body(s, fields, n);
}

bool
api_step_body(struct api_step *s, const struct jfield *fields, int n)
{
	if ((s->o = api_body_object(s->r, s->w)) == NULL ||
	    !api_body_known(s->w, s->o, fields, n))
		return false;
	s->bad = json_array();
	s->errors = json_array();
	return true;
}

void
api_step_end(struct api_step *s)
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
void
api_diag_field(char out[FIELD_MAX], const char *field)
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
void
api_step_fail(struct api_step *s, enum herr x)
{
	char field[FIELD_MAX];
	json_t *e;

	if (s->open) {
		store_rollback(s->r->st);
		s->open = false;
	}
	switch (x) {
	case HERR_CONFLICT:
		api_conflict(s->w, &s->ch);
		break;
	case HERR_NOTFOUND:
		api_not_found(s->w);
		break;
	case HERR_INVALID:
	case HERR_RANGE:
		e = json_array();
		api_diag_field(field, s->d.field);
		api_error_add(e, field, s->d.msg[0] ? s->d.msg : herr_str(x));
		api_invalid(s->w, e);
		break;
	default:
		api_unavailable(s->w);
		break;
	}
}

bool
api_step_begin(struct api_step *s)
{
	if (json_array_size(s->bad) > 0) {
		api_bad_request(s->w, s->bad_title ? s->bad_title : "Wrong type",
		    s->bad);
		s->bad = NULL;
		return false;
	}
	if (json_array_size(s->errors) > 0) {
		api_invalid(s->w, s->errors);
		s->errors = NULL;
		return false;
	}
	if (!api_begin(s->w, s->r))
		return false;
	s->open = true;
	return true;
}

bool
api_step_commit(struct api_step *s, enum herr x, const int64_t *children,
    int n)
{
	struct audit_row *rows;

	if (x != HERR_OK) {
		api_step_fail(s, x);
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
		api_step_fail(s, HERR_ENV);
		return false;
	}
	s->open = false;
	return true;
}

/* The body's "version" (400 when absent), as put_child takes it. */
bool
api_step_version(struct api_step *s, int64_t *out)
{
	json_t *v = json_object_get(s->o, "version"), *e;

	if (v != NULL) {
		*out = (int64_t)json_integer_value(v);
		return true;
	}
	e = json_array();
	api_error_add(e, "version", "Send the version of the record you are "
	    "changing (from GET), so that nobody's changes are overwritten");
	api_problem(s->w, 400, "Missing version", "Send the version of the "
	    "record you are changing.", e);
	return false;
}

/* prefix + key, the name a problem gives a field. */
const char *
api_fname(char out[FIELD_MAX], const char *prefix, const char *key)
{
	/* Field names are short; one cut short still names the place. */
	if (snprintf(out, FIELD_MAX, "%s%s", prefix, key) >= FIELD_MAX)
		out[FIELD_MAX - 1] = '\0';
	return out;
}

/* "Enter the date it was held" for a missing value. */
void
api_missing(struct api_step *s, const char *field, const char *what)
{
	char why[200];

	snprintf(why, sizeof(why), "Enter %s", what);
	api_error_add(s->errors, field, why);
}

/* A date member of o (absent, null or "": HDAY_NONE, a problem when
 * required). */
void
api_take_day(struct api_step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required, hday *out)
{
	json_t *v = json_object_get(o, key);
	const char *str = json_string_value(v);
	char field[FIELD_MAX];

	api_fname(field, prefix, key);
	*out = HDAY_NONE;
	if (str == NULL || str[0] == '\0') {
		if (required)
			api_missing(s, field, what);
		return;
	}
	api_take_date(s->errors, out, v, field, what);
}

/* A code member of o: its number, or -1 (absent, or a problem). */
int
api_take_code(struct api_step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required, int (*parse)(const char *),
    code_fn code, int first, int count)
{
	const char *v = api_member(o, key);
	char field[FIELD_MAX], why[400];
	size_t len;
	int k;

	api_fname(field, prefix, key);
	if (v == NULL || v[0] == '\0') {
		if (required)
			api_missing(s, field, what);
		return -1;
	}
	if ((k = parse(v)) >= first && k < count)
		return k;
	len = (size_t)snprintf(why, sizeof(why), "%s must be one of", field);
	for (int i = first; i < count && len < sizeof(why); i++)
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s %s",
		    i == first ? "" : ",", code(i));
	api_error_add(s->errors, field, why);
	return -1;
}

/* A text member of o into dst (cap bytes; absent or null: ""). */
void
api_take_str(struct api_step *s, json_t *o, const char *prefix, const char *key,
    const char *label, char *dst, size_t cap)
{
	const char *v = api_member(o, key);
	char field[FIELD_MAX];

	dst[0] = '\0';
	if (v != NULL)
		api_take_text(s->errors, dst, cap, v, api_fname(field, prefix, key),
		    label);
}

/* An id member of o: > 0, or 0 when absent or null (a problem when
 * required). */
int64_t
api_take_id(struct api_step *s, json_t *o, const char *prefix, const char *key,
    const char *what, bool required)
{
	json_t *v = json_object_get(o, key);
	char field[FIELD_MAX], why[200];

	api_fname(field, prefix, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			api_missing(s, field, what);
		return 0;
	}
	if (json_integer_value(v) > 0)
		return (int64_t)json_integer_value(v);
	snprintf(why, sizeof(why), "%s must be a record's id (a whole number "
	    "from 1)", field);
	api_error_add(s->errors, field, why);
	return 0;
}

bool
api_take_bool(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/*
 * The array member `key` of s->o, each item an object with `fields`;
 * *n gets its size, capped at max with a problem beyond.  Items of the
 * wrong shape are problems in s->bad.  NULL when absent.
 */
json_t *
api_take_items(struct api_step *s, const char *key, const struct jfield *fields,
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
			api_error_add(s->bad, key, why);
			if (s->bad_title == NULL)
				s->bad_title = "Wrong type";
			continue;
		}
		api_keys_check(s->bad, prefix, it, fields, nf, &s->bad_title);
	}
	if (json_array_size(a) > (size_t)max) {
		snprintf(why, sizeof(why), "%s may hold at most %d items", key,
		    max);
		api_error_add(s->errors, key, why);
	}
	*n = json_array_size(a) > (size_t)max ? max : (int)json_array_size(a);
	return a;
}

/* ------------------------------------------------------------ plain */

void
api_plain_add(json_t *out, const char *field, const char *text,
    const struct plain_term *terms, int nterms)
{
	struct plain_flag f[16];
	int n = plain_check(text, terms, nterms, f, 16);

	for (int i = 0; i < n && i < 16; i++) {
		json_t *x = json_object();

		api_set(x, "field", api_jstr(field));
		api_set(x, "kind", api_jstr(f[i].kind == PLAIN_JARGON ?
		    "jargon" : "long-sentence"));
		api_set(x, "text", api_jstr(f[i].text));
		api_set(x, "plain", api_jstr(f[i].plain));
		api_set(x, "line", json_integer(f[i].line));
		api_set(x, "column", json_integer(f[i].column));
		json_array_append_new(out, x);
	}
}
