/*
 * html.c: the HTML writer.  Owns the page buffer of a `struct html` and
 * nothing else.  Every byte that did not come through html_lit_() is escaped
 * (or percent-encoded) before it reaches the buffer; this file must never
 * grow a function that copies caller text verbatim.
 *
 * Each write is all or nothing: its escaped size is worked out first, and a
 * write that would take the page past `max` is dropped whole and marks the
 * page failed, after which every write is dropped.  So a failed page is a
 * clean prefix, never half an entity or half a tag, and the caller answers
 * 500 instead of sending it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/html.h"
#include "core/banned.h"

#define HTML_DEFAULT_MAX ((size_t)8 << 20)
#define HTML_FIRST_CAP 4096

/*
 * What each byte becomes in text and in a quoted attribute value (n == 0:
 * itself).  A NUL becomes U+FFFD, as an HTML parser would read it, so that a
 * stray NUL in a record can neither truncate nor corrupt the page.
 */
static const struct {
	const char *s;
	unsigned char n;
} entity[256] = {
	['\0'] = { "\xef\xbf\xbd", 3 },
	['&'] = { "&amp;", 5 },
	['<'] = { "&lt;", 4 },
	['>'] = { "&gt;", 4 },
	['"'] = { "&quot;", 6 },
	['\''] = { "&#39;", 5 },
};

void
html_init(struct html *h, size_t max)
{
	memset(h, 0, sizeof(*h));
	h->max = max ? max : HTML_DEFAULT_MAX;
}

void
html_clear(struct html *h)
{
	free(h->buf);
	memset(h, 0, sizeof(*h));
}

char *
html_take(struct html *h, size_t *len)
{
	char *p = h->buf;
	size_t max = h->max;

	if (p == NULL) {
		p = xmalloc(1);
		p[0] = '\0';
	}
	if (len != NULL)
		*len = h->len;
	memset(h, 0, sizeof(*h));
	h->max = max;
	return p;
}

bool
html_failed(const struct html *h)
{
	return h->failed;
}

/*
 * Make room for `extra` more bytes and the NUL.  False (and the page marked
 * failed) when they would take it past max; nothing is written then.
 */
static bool
reserve(struct html *h, size_t extra)
{
	size_t want, cap;

	if (h->failed)
		return false;
	if (extra > h->max - h->len) {
		h->failed = true;
		return false;
	}
	want = h->len + extra + 1;
	if (want <= h->cap)
		return true;
	cap = h->cap ? h->cap : HTML_FIRST_CAP;
	while (cap < want && cap <= SIZE_MAX / 2)
		cap *= 2;
	if (cap < want)
		cap = want;
	if (cap > h->max + 1)
		cap = h->max + 1;
	h->buf = xrealloc(h->buf, cap);
	h->cap = cap;
	return true;
}

/* Append n bytes already known to be safe; room must have been reserved. */
static void
put(struct html *h, const char *s, size_t n)
{
	if (n)
		memcpy(h->buf + h->len, s, n);
	h->len += n;
	h->buf[h->len] = '\0';
}

static size_t
escaped_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t out = n;

	for (size_t i = 0; i < n; i++)
		if (entity[u[i]].n)
			out += entity[u[i]].n - 1u;
	return out;
}

/* Append s[0..n) escaped; room for escaped_len() must have been reserved.
 * Runs of plain bytes are copied in one go. */
static void
put_escaped(struct html *h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		if (entity[u[i]].n == 0)
			continue;
		put(h, s + run, i - run);
		put(h, entity[u[i]].s, entity[u[i]].n);
		run = i + 1;
	}
	put(h, s + run, n - run);
}

void
html_lit_(struct html *h, const char *lit, size_t n)
{
	if (reserve(h, n))
		put(h, lit, n);
}

void
html_textn(struct html *h, const char *s, size_t n)
{
	if (s == NULL)
		return;
	if (reserve(h, escaped_len(s, n)))
		put_escaped(h, s, n);
}

void
html_text(struct html *h, const char *s)
{
	if (s == NULL)
		return;
	html_textn(h, s, strlen(s));
}

/*
 * Format into `small` or, when that is too short, into a heap buffer that
 * *heap owns (caller frees).  Returns the text and its length through *n;
 * NULL on a formatting error.
 */
static const char *vformat(char *, size_t, char **, size_t *, const char *,
    va_list) HEARTH_PRINTF(5, 0);

static const char *
vformat(char *small, size_t cap, char **heap, size_t *n, const char *fmt,
    va_list ap)
{
	va_list again;
	int len;

	*heap = NULL;
	va_copy(again, ap);
	len = vsnprintf(small, cap, fmt, ap);
	if (len < 0) {
		va_end(again);
		return NULL;
	}
	if ((size_t)len < cap) {
		va_end(again);
		*n = (size_t)len;
		return small;
	}
	*heap = xmalloc((size_t)len + 1);
	vsnprintf(*heap, (size_t)len + 1, fmt, again);
	va_end(again);
	*n = (size_t)len;
	return *heap;
}

void
html_textf(struct html *h, const char *fmt, ...)
{
	char small[256], *heap;
	const char *s;
	va_list ap;
	size_t n;

	if (h->failed)
		return;
	va_start(ap, fmt);
	s = vformat(small, sizeof(small), &heap, &n, fmt, ap);
	va_end(ap);
	if (s == NULL) {
		h->failed = true;
		return;
	}
	html_textn(h, s, n);
	free(heap);
}

void
html_int(struct html *h, int64_t v)
{
	char buf[24];
	int n;

	n = snprintf(buf, sizeof(buf), "%" PRId64, v);
	if (reserve(h, (size_t)n))
		put(h, buf, (size_t)n);
}

/* ` name="value"`, all or nothing; a NULL value gives name="". */
static void
attr(struct html *h, const char *name, const char *value, size_t n)
{
	size_t nlen = strlen(name), vlen = value ? escaped_len(value, n) : 0;

	if (vlen > SIZE_MAX - nlen - 4 || !reserve(h, nlen + vlen + 4)) {
		h->failed = true;
		return;
	}
	put(h, " ", 1);
	put(h, name, nlen);
	put(h, "=\"", 2);
	if (value != NULL)
		put_escaped(h, value, n);
	put(h, "\"", 1);
}

void
html_attr_(struct html *h, const char *name, const char *value)
{
	attr(h, name, value, value ? strlen(value) : 0);
}

void
html_attrf_(struct html *h, const char *name, const char *fmt, ...)
{
	char small[256], *heap;
	const char *s;
	va_list ap;
	size_t n;

	if (h->failed)
		return;
	va_start(ap, fmt);
	s = vformat(small, sizeof(small), &heap, &n, fmt, ap);
	va_end(ap);
	if (s == NULL) {
		h->failed = true;
		return;
	}
	attr(h, name, s, n);
	free(heap);
}

/* RFC 3986 unreserved characters: the only bytes a URL part keeps as they
 * are.  Everything else, '/' included, is %XX, so a value can never end a
 * path segment or start a new query parameter. */
static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

void
html_urlpart(struct html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t n, out = 0;

	if (s == NULL)
		return;
	n = strlen(s);
	for (size_t i = 0; i < n; i++)
		out += unreserved(u[i]) ? 1 : 3;
	if (!reserve(h, out))
		return;
	/* The encoded text is unreserved bytes and %XX only, none of which
	 * HTML gives a meaning: it is already escaped for text and for a
	 * quoted attribute. */
	for (size_t i = 0; i < n; i++) {
		if (unreserved(u[i])) {
			h->buf[h->len++] = (char)u[i];
		} else {
			h->buf[h->len++] = '%';
			h->buf[h->len++] = hex[u[i] >> 4];
			h->buf[h->len++] = hex[u[i] & 0xf];
		}
	}
	h->buf[h->len] = '\0';
}
