/*
 * text.h: checks every piece of free text must pass before it is stored.
 *
 * Text arriving from forms, the API, imports or the command line must be
 * valid UTF-8, free of control characters (a tab or newline only where the
 * field allows several lines) and within its length limit.  Checking once
 * here means the store and every edge can rely on it.
 */
#ifndef HEARTH_CORE_TEXT_H
#define HEARTH_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

enum text_flags {
	TEXT_REQUIRED = 1 << 0,	/* empty is an error */
	TEXT_MULTILINE = 1 << 1,	/* newlines and tabs allowed */
};

/* True if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t n);

/*
 * Check one text field: UTF-8, no control characters, at most `max` bytes,
 * present if TEXT_REQUIRED.  `label` is the field as a person knows it
 * ("given name").  Fills diag naming `field` on failure.
 */
enum herr text_check(const char *field, const char *label, const char *s,
    size_t max, unsigned flags, struct hdiag *diag) HEARTH_WUR;

/* Copy s into dst of capacity cap (always NUL-terminated); HERR_INVALID if
 * it would not fit (nothing is truncated silently). */
enum herr text_copy(char *dst, size_t cap, const char *s) HEARTH_WUR;

/* For display and forms, where a value too long is cut, not refused: */
/* s, or "" for NULL. */
const char *text_nz(const char *s);
/* Copy s (NULL: "") into dst, cut at a character boundary to fit cap. */
void text_cut(char *dst, size_t cap, const char *s);
/* The same without the spaces, tabs and line breaks at either end. */
void text_trim(char *dst, size_t cap, const char *s);
/* A record's id written in decimal digits only (> 0); 0 for anything
 * else, NULL and "" included. */
int64_t text_id(const char *s);

#endif
