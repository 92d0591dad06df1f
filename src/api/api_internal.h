/*
 * api_internal.h: what the API's resource files (api.c for children,
 * families, teams and the journey; api_sos.c; api_meeting.c) share: JSON
 * values from stored ones, reading and checking request bodies, problem
 * answers, the access gate and committing an edit with its audit row.
 * Implemented in api_util.c.  Only src/api/ includes this.
 */
#ifndef HEARTH_API_API_INTERNAL_H
#define HEARTH_API_API_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "api/api.h"
#include "core/audit.h"
#include "core/date.h"
#include "core/journey.h"
#include "core/record.h"
#include "store/store_case.h"

#define NFIELDS(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define API_ERRORS 16		/* problems listed in one answer */
#define SHOWN_MAX 80		/* bytes of a sent value quoted back */

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

/* A JSON string, or null when s is NULL or not valid UTF-8 (stored text
 * always is: text_check). */
json_t *api_jstr(const char *s);

/* Text, or null when empty. */
json_t *api_jtext(const char *s);

/* A date as "YYYY-MM-DD", or JSON null. */
json_t *api_jdate(hday d);

/* A time (unix seconds) as RFC 3339 UTC, or null for 0. */
json_t *api_jtime(int64_t t);

/* An id, or null for 0. */
json_t *api_jid(int64_t id);

void api_set(json_t *o, const char *k, json_t *v);

/* A problem details object (errors, may be NULL, is taken). */
json_t *api_problem_new(int status, const char *title, const char *detail,
    json_t *errors);

void api_problem_send(struct resp *w, int status, json_t *p);

/* One {"field":..., "detail":...} of a problem's errors (field may be
 * NULL or empty: left out). */
void api_error_add(json_t *errors, const char *field, const char *detail);

void api_not_found(struct resp *w);

void api_unavailable(struct resp *w);

void api_restricted(struct resp *w);

/* Copy s for quoting back: at most SHOWN_MAX bytes, cut at a character
 * boundary. */
void api_shown(char out[SHOWN_MAX + 4], const char *s);

/* Refuse any query parameter (400): the resource takes none. */
bool api_no_query(struct req *r, struct resp *w);

/*
 * The request body as a JSON object (the caller decrefs it), or NULL with
 * the request answered: 415 unless it is application/json, 400 unless it
 * is one well-formed JSON object in UTF-8 without NUL bytes or repeated
 * keys.  (Bodies over WEB_BODY_MAX never get here: the server answers
 * 413.)
 */
json_t *api_body_object(struct req *r, struct resp *w);

/*
 * Check the object's keys against `fields`, adding a problem to `bad` for
 * each unknown key and each value of the wrong type, named `prefix` then
 * the key ("people[0].name"); *title gets the first problem's title.
 */
void api_keys_check(json_t *bad, const char *prefix, json_t *o,
    const struct jfield *fields, int n, const char **title);

/* Answer 400 with the problems in `bad` (taken), the first as the
 * detail. */
void api_bad_request(struct resp *w, const char *title, json_t *bad);

/*
 * Check the body's keys against `fields`: unknown keys and values of the
 * wrong type are refused (400, each named); true when all passed.
 */
bool api_body_known(struct resp *w, json_t *o, const struct jfield *fields, int n);

/* A string member, or NULL when absent or null. */
const char *api_member(json_t *o, const char *key);

/*
 * Decide `op` on child `id`: true when allowed.  Otherwise the request
 * has been answered: 404 for a denial (the same bytes as a missing
 * record); 403 for a restricted record the user has a reason to see but
 * has not broken the glass on; 403 with `cannot` when the user may see
 * the record but not do `op` to it (they know it exists already).
 */
bool api_gate(struct req *r, struct resp *w, int64_t id, enum access_op op,
    const char *cannot);

/* Begin, or answer 503. */
bool api_begin(struct resp *w, struct req *r);

/* Append this request's audit row and commit; rolls back and answers 503
 * when either fails. */
bool api_audit_commit(struct req *r, struct resp *w, enum audit_action action,
    int64_t child_id);

/* Copy a sent text value into dst (cap bytes); a value too long for it
 * is a problem for `field`, never cut short. */
void api_take_text(json_t *errors, char *dst, size_t cap, const char *v,
    const char *field, const char *label);

/* A sent date ("" or null: none) into *out; a problem for `field`
 * otherwise, worded as the pages word it. */
void api_take_date(json_t *errors, hday *out, json_t *v, const char *field,
    const char *label);

/* Answer 422 with `errors` (taken), the first as the detail. */
void api_invalid(struct resp *w, json_t *errors);

void api_conflict(struct resp *w, const struct store_change *ch);

#define FIELD_MAX 96		/* a problem's field name */
/* A static code_fn `name` over a code list's function `fn` taking enum
 * `type`: calling fn through a pointer of another type would be
 * undefined. */
#define CODE_FN(name, fn, type) \
	static const char *name(int i) { return fn((type)i); }

/* A code list's stable codes by number, for messages naming the choices. */
typedef const char *(*code_fn)(int);

/*
 * One change made through the API: the child it is about (access
 * checked), the body, the problems found with it (400 for shape, 422 for
 * values), the context the record door takes, and for journey steps the
 * child's journey (loaded inside the transaction; NULL otherwise, freed by
 * api_step_end).
 */
struct api_step {
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

/* Empty s for request r (cx from the request's user, today and now). */
void api_step_init(struct api_step *s, struct req *r, struct resp *w);
/*
 * Authenticate, check `op` on child `child_id` (api_gate, with `cannot`
 * for a 403), read the body and check its keys.  True to go on; otherwise
 * the request is answered.  s is always left fit for api_step_end.
 */
bool api_step_start(struct api_step *s, struct req *r, struct resp *w,
    int64_t child_id, enum access_op op, const char *cannot,
    const struct jfield *fields, int n);
/* Read the body and check its keys (for callers that gated themselves). */
bool api_step_body(struct api_step *s, const struct jfield *fields, int n);
/* Roll back what is open and free what s holds. */
void api_step_end(struct api_step *s);
/* The field a core diag names, as the API names it: a conference's
 * "child_N.x" is the body's "children[N].x". */
void api_diag_field(char out[FIELD_MAX], const char *field);
/* Roll back and answer for a status that is not HERR_OK (409 with who
 * saved first, 404, 422 naming the diag's field, else 503). */
void api_step_fail(struct api_step *s, enum herr x);
/* After the values are read: answer 400 or 422 if any was refused; else
 * begin the transaction.  True to go on. */
bool api_step_begin(struct api_step *s);
/* The write gave x.  When it succeeded, append an AUDIT_EDIT row for
 * each child it touched and commit; true to answer.  Otherwise roll back
 * and answer. */
bool api_step_commit(struct api_step *s, enum herr x, const int64_t *children,
    int n);
/* The body's "version" (400 when absent). */
bool api_step_version(struct api_step *s, int64_t *out);
/* prefix + key, the name a problem gives a field. */
const char *api_fname(char out[FIELD_MAX], const char *prefix,
    const char *key);
/* "Enter <what>" for a missing value. */
void api_missing(struct api_step *s, const char *field, const char *what);
/* A date member of o (absent, null or "": HDAY_NONE, a problem when
 * required). */
void api_take_day(struct api_step *s, json_t *o, const char *prefix,
    const char *key, const char *what, bool required, hday *out);
/* A code member of o: its number (parse), first <= k < count, or -1
 * (absent, or a problem listing the codes). */
int api_take_code(struct api_step *s, json_t *o, const char *prefix,
    const char *key, const char *what, bool required,
    int (*parse)(const char *), code_fn code, int first, int count);
/* A text member of o into dst (cap bytes; absent or null: ""). */
void api_take_str(struct api_step *s, json_t *o, const char *prefix,
    const char *key, const char *label, char *dst, size_t cap);
/* An id member of o: > 0, or 0 when absent or null (a problem when
 * required). */
int64_t api_take_id(struct api_step *s, json_t *o, const char *prefix,
    const char *key, const char *what, bool required);
bool api_take_bool(json_t *o, const char *key);
/* The array member `key` of s->o, each item an object with `fields`; *n
 * gets its size, capped at max with a problem beyond.  NULL when absent. */
json_t *api_take_items(struct api_step *s, const char *key,
    const struct jfield *fields, int nf, int max, int *n);

/* The plain-language flags (core/plain.h, at most 16) of `text`, added to
 * the array `out` as {field, kind, text, plain, line, column}. */
struct plain_term;
void api_plain_add(json_t *out, const char *field, const char *text,
    const struct plain_term *terms, int nterms);

#endif
