/*
 * form.h: parsing what a browser or client sends: URL-encoded bodies and
 * query strings, and the Cookie header.
 *
 * The parsers are strict and bounded: they take a byte string and its length
 * (not NUL-terminated), decode into storage owned by the `struct form`, and
 * refuse with HERR_INVALID and a diag naming the problem rather than guess:
 * malformed percent-escapes, invalid UTF-8 or control characters (other than
 * tab, CR and LF in values), more than FORM_MAX_FIELDS fields, a name or
 * value longer than its limit, a repeated name that was not declared
 * repeatable.  They never allocate without limit and never read past `n`.
 *
 * The allow-list: a handler declares the fields it accepts in a table of
 * struct form_field; form_check() refuses any other name (HERR_INVALID,
 * "unknown field") and any missing required field, and validates each value
 * with its validator.  Handlers only read fields that passed.
 */
#ifndef HEARTH_WEB_FORM_H
#define HEARTH_WEB_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

/* A Signs of Safety map is one form of many rows (statements, danger and
 * goal pairs, next steps with their dates): up to about 360 fields at its
 * limits.  The body's own limit (WEB_BODY_MAX) still bounds the bytes. */
#define FORM_MAX_FIELDS 400
#define FORM_NAME_MAX 64	/* bytes, after decoding */
#define FORM_VALUE_MAX 8192	/* bytes, after decoding */

struct form_pair {
	char *name;	/* decoded, NUL-terminated; points into form storage */
	char *value;	/* decoded, NUL-terminated; "" when empty or absent */
	size_t value_len;
};

struct form {
	struct form_pair pair[FORM_MAX_FIELDS];
	int n;
	char *store;	/* owned: the decoded bytes */
	size_t store_len, store_cap;
};

void form_init(struct form *f);
/* Free what `f` owns; it may be reused after form_init. */
void form_clear(struct form *f);

/*
 * Parse application/x-www-form-urlencoded `s` (n bytes; '+' is a space) and
 * append its pairs to `f`.  A query string is the same syntax.  "" is an
 * empty form.  On failure `f` holds no pairs from `s`.
 */
enum herr form_parse_urlencoded(struct form *f, const char *s, size_t n,
    struct hdiag *diag) HEARTH_WUR;

/*
 * Parse a Cookie request header ("a=1; b=2") into `f`.  Values are taken as
 * they are (no percent-decoding); a cookie without '=' or with a name that
 * is not a token is an error.  Later duplicates are kept in order.
 */
enum herr form_parse_cookies(struct form *f, const char *s, size_t n,
    struct hdiag *diag) HEARTH_WUR;

/* The first value of `name`, or NULL when absent (borrowed from `f`). */
const char *form_get(const struct form *f, const char *name);
/* How many times `name` occurs. */
int form_count(const struct form *f, const char *name);

/* A validator: HERR_OK or HERR_INVALID with diag naming `label`. */
typedef enum herr (*form_validator)(const char *value, const char *label,
    struct hdiag *diag);

struct form_field {
	const char *name;	/* as sent */
	const char *label;	/* for messages: "Date of birth" */
	bool required;		/* must be present and not empty */
	bool repeatable;	/* may occur more than once (checkboxes) */
	form_validator valid;	/* NULL: any text text_check accepts */
	size_t max;		/* longest value in bytes (0: FORM_VALUE_MAX) */
};

/*
 * Check every pair of `f` against `fields` (n entries).  Collects up to
 * `ndiag` problems into `diags` (one per field, in table order; *nbad says
 * how many) so that a page can show them all in an error summary; returns
 * HERR_OK only when there are none.  An unknown field name is reported with
 * field set to that name.
 */
enum herr form_check(const struct form *f, const struct form_field *fields,
    int n, struct hdiag *diags, int ndiag, int *nbad) HEARTH_WUR;

/* Validators for common fields. */
enum herr form_valid_date(const char *v, const char *label, struct hdiag *d);
enum herr form_valid_int(const char *v, const char *label, struct hdiag *d);
enum herr form_valid_yesno(const char *v, const char *label, struct hdiag *d);

#endif
