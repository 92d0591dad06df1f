/*
 * status.c: names and exit codes for enum herr, and the diag setters.
 * Owns nothing else; must never print.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/status.h"
#include "core/banned.h"

const char *
herr_str(enum herr e)
{
	switch (e) {
	case HERR_OK:		return "ok";
	case HERR_INVALID:	return "invalid data";
	case HERR_NOTFOUND:	return "not found";
	case HERR_CONFLICT:	return "changed by someone else";
	case HERR_NOTHEARTH:	return "not a hearth database";
	case HERR_RANGE:	return "date out of range";
	case HERR_TOONEW:	return "database is newer than this program";
	case HERR_ENV:		return "environment error";
	case HERR_NOMEM:	return "out of memory";
	}
	return "unknown error";
}

int
herr_exit_code(enum herr e)
{
	switch (e) {
	case HERR_OK:
		return 0;
	case HERR_INVALID:
	case HERR_NOTFOUND:
	case HERR_CONFLICT:
	case HERR_NOTHEARTH:
	case HERR_RANGE:
		return 1;
	case HERR_TOONEW:
	case HERR_ENV:
	case HERR_NOMEM:
		return 3;
	}
	return 3;
}

void
hdiag_clear(struct hdiag *d)
{
	if (d == NULL)
		return;
	d->field[0] = d->value[0] = d->msg[0] = '\0';
}

static void
copy_trunc(char *dst, size_t cap, const char *src)
{
	size_t n;

	if (src == NULL) {
		dst[0] = '\0';
		return;
	}
	n = strlen(src);
	if (n < cap) {
		memcpy(dst, src, n + 1);
		return;
	}
	memcpy(dst, src, cap - 4);
	memcpy(dst + cap - 4, "...", 4);
}

enum herr
hdiag_set(struct hdiag *d, enum herr e, const char *field, const char *value,
    const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return e;
	copy_trunc(d->field, sizeof(d->field), field);
	copy_trunc(d->value, sizeof(d->value), value);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return e;
}
