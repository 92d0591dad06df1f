/*
 * audit.h: what is recorded about every access to a record, and the hash
 * chain that proves the record of it has not been changed.
 *
 * Each row names who (staff id, username and role at the time), what (an
 * action on a subject: view, edit, print, export, break-glass... of a child,
 * household, member of staff or team), when (unix milliseconds, UTC), from
 * where (remote address) through which route, and why (the reason given for
 * breaking the glass).  Rows are append-only.  Each row's hash is BLAKE2b-256
 * over the previous row's hash and a canonical, length-prefixed encoding of
 * every field, so altering, deleting or reordering any row breaks every
 * hash after it; audit_verify names the first row that does not fit.
 *
 * Pure: no database, no I/O.  The store appends and reads rows; this module
 * computes and checks hashes.
 */
#ifndef HEARTH_CORE_AUDIT_H
#define HEARTH_CORE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/status.h"

#define AUDIT_HASH_BYTES 32
#define AUDIT_REASON_MAX 500
#define AUDIT_ROUTE_MAX 160
#define AUDIT_REMOTE_MAX 64

enum audit_action {
	AUDIT_VIEW,
	AUDIT_EDIT,
	AUDIT_CREATE,
	AUDIT_PRINT,
	AUDIT_EXPORT,
	AUDIT_BREAK_GLASS,
	AUDIT_SEARCH,
	AUDIT_SIGN_IN,
	AUDIT_SIGN_IN_FAILED,
	AUDIT_SIGN_OUT,
	AUDIT_ADMIN,
	AUDIT_ACTION__COUNT
};

enum audit_subject {
	SUBJECT_NONE,
	SUBJECT_CHILD,
	SUBJECT_HOUSEHOLD,
	SUBJECT_STAFF,
	SUBJECT_TEAM,
	SUBJECT_TOKEN,
	SUBJECT__COUNT
};

struct audit_row {
	int64_t id;			/* assigned by the store */
	int64_t at_ms;			/* unix milliseconds, UTC */
	int64_t staff_id;		/* 0 when unknown (failed sign-in) */
	char username[65];
	char role[32];			/* role code at the time */
	enum audit_action action;
	enum audit_subject subject;
	int64_t subject_id;		/* 0 when none */
	char route[AUDIT_ROUTE_MAX + 1];	/* "GET /children/12" */
	char remote[AUDIT_REMOTE_MAX + 1];	/* client address */
	char reason[AUDIT_REASON_MAX + 1];	/* break-glass reason, or "" */
	unsigned char prev[AUDIT_HASH_BYTES];
	unsigned char hash[AUDIT_HASH_BYTES];
};

/* Stable codes stored in the database ("view", "child"); NULL if out of
 * range.  Parse returns HERR_INVALID for an unknown code. */
const char *audit_action_code(enum audit_action a);
const char *audit_subject_code(enum audit_subject s);
enum herr audit_action_parse(const char *s, enum audit_action *out)
    HEARTH_WUR;
enum herr audit_subject_parse(const char *s, enum audit_subject *out)
    HEARTH_WUR;

/* Plain label for people ("Viewed", "Broke the glass"). */
const char *audit_action_label(enum audit_action a);

/* Set row->prev to `prev` (NULL: the chain's start, 32 zero bytes) and
 * compute row->hash. */
void audit_seal(struct audit_row *row, const unsigned char *prev);

/*
 * Checking a chain row by row, in id order.  audit_verify_init starts at
 * the chain's beginning; each audit_verify_next checks one row: its prev
 * must equal the hash of the row before it and its hash must match its
 * contents.  Returns false at the first row that does not fit, with
 * v->why saying which of the two failed.
 */
struct audit_verify {
	unsigned char last[AUDIT_HASH_BYTES];
	int64_t rows;		/* rows checked and found good */
	int64_t last_id;
	const char *why;	/* static; set when a row fails */
};
void audit_verify_init(struct audit_verify *v);
bool audit_verify_next(struct audit_verify *v, const struct audit_row *row);

/* Unix milliseconds now (UTC), honouring the test clock offset of
 * auth_clock_offset_set(). */
int64_t audit_now_ms(void);

#endif
