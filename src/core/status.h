/*
 * status.h: the one status vocabulary of hearth.
 *
 * Every fallible public function returns an enum herr and hands results back
 * through out-parameters.  Where the caller needs to tell a person what was
 * wrong, the function also fills a struct hdiag naming the field and value.
 * The command line maps a status to an exit code with herr_exit_code(); it
 * never invents its own.
 */
#ifndef HEARTH_CORE_STATUS_H
#define HEARTH_CORE_STATUS_H

#include <stddef.h>

#define HEARTH_WUR __attribute__((warn_unused_result))
#define HEARTH_PRINTF(a, b) __attribute__((format(printf, a, b)))

enum herr {
	HERR_OK = 0,
	HERR_INVALID,	/* the data or input was bad (exit 1) */
	HERR_NOTFOUND,	/* no such record (exit 1) */
	HERR_CONFLICT,	/* someone else saved a newer version (exit 1) */
	HERR_NOTHEARTH,	/* the file is not a hearth database (exit 1) */
	HERR_RANGE,	/* a date outside what the calendar knows (exit 1) */
	HERR_TOONEW,	/* database schema is newer than this binary (exit 3) */
	HERR_ENV,	/* disk, permissions, database locked (exit 3) */
	HERR_NOMEM,	/* out of memory (exit 3) */
};

/* A short, stable description of a status; never NULL. */
const char *herr_str(enum herr e);

/* The process exit code for a status: 0 ok, 1 bad data, 3 environment. */
int herr_exit_code(enum herr e);

/*
 * What went wrong, for a person: the field (form or column name, may be
 * empty), the offending value (may be empty) and a sentence.  Callers may pass
 * a NULL diag when they do not need one; every setter accepts NULL.
 */
struct hdiag {
	char field[48];
	char value[96];
	char msg[320];
};

/* Empty a diag (borrowed, may be NULL). */
void hdiag_clear(struct hdiag *d);

/*
 * Record a problem with one field and return `e`, so validators can write
 * `return hdiag_set(d, HERR_INVALID, "dob", s, "...")`.  field and value may
 * be NULL; value is truncated with "..." when long.
 */
enum herr hdiag_set(struct hdiag *d, enum herr e, const char *field,
    const char *value, const char *fmt, ...) HEARTH_PRINTF(5, 6);

#endif
