/*
 * html.h: the only way hearth writes HTML.
 *
 * Output goes into a bounded, growable buffer owned by the request.  Every
 * function that takes text escapes every byte that means something in HTML
 * (& < > " ' and, in attributes, nothing is left unquoted).  The single path
 * for markup is html_lit(), which accepts only a string literal, so text from
 * a record or a request can never reach the page unescaped.  Once the
 * buffer's limit is reached further writes are dropped and html_failed()
 * says so; the caller answers 500 rather than send half a page.
 */
#ifndef HEARTH_WEB_HTML_H
#define HEARTH_WEB_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/status.h"

struct html {
	char *buf;	/* owned; NUL-terminated after every write */
	size_t len;
	size_t cap;
	size_t max;	/* never grows past this many bytes */
	bool failed;	/* a write hit max: the page is incomplete */
};

/* Fill `h` for a page of at most `max` bytes (0 for 8 MiB). */
void html_init(struct html *h, size_t max);
/* Free the buffer and empty `h`; it may be reused after html_init. */
void html_clear(struct html *h);
/* Take the buffer (caller frees with free()); `h` is left empty. */
char *html_take(struct html *h, size_t *len);
bool html_failed(const struct html *h);

/* Trusted markup: a string literal only (the macro refuses anything else). */
#define html_lit(h, s) html_lit_((h), "" s "", sizeof(s) - 1)
void html_lit_(struct html *h, const char *lit, size_t n);

/* Text, escaped.  NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
/* Formatted text, escaped after formatting. */
void html_textf(struct html *h, const char *fmt, ...) HEARTH_PRINTF(2, 3);
void html_int(struct html *h, int64_t v);

/*
 * ` name="value"` with the value escaped; the name must be a literal.
 * html_attrf formats the value first.  Use between html_lit("<a") and
 * html_lit(">").
 */
#define html_attr(h, name, v) html_attr_((h), "" name "", (v))
void html_attr_(struct html *h, const char *name, const char *value);
#define html_attrf(h, name, ...) html_attrf_((h), "" name "", __VA_ARGS__)
void html_attrf_(struct html *h, const char *name, const char *fmt, ...)
    HEARTH_PRINTF(3, 4);

/* A URL path segment or query value, percent-encoded then HTML-escaped,
 * e.g. the value of a search box put back into a link. */
void html_urlpart(struct html *h, const char *s);

#endif
