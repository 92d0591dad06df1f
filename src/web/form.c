/*
 * form.c: the strict parsers for URL-encoded forms and the Cookie header,
 * and the allow-list check every handler runs before it reads a field.
 *
 * Owns the decoded bytes of a `struct form` (one growable store, bounded by
 * what FORM_MAX_FIELDS fields at their limits can hold) and nothing else.
 * It must never guess at malformed input (a bad escape, bad UTF-8, a control
 * character is refused, not repaired), never read past the `n` it is given,
 * never allocate per byte or without limit, and never leave half a parse in
 * the form: a failed parse takes back every pair it added.
 *
 * Messages from form_check() and the validators are shown to members of the
 * public in an error summary, so they are plain sentences naming the field's
 * label ("Enter date of birth"), in the manner of the GOV.UK design system.
 * Messages from the parsers describe a request no browser sends; they name
 * the problem for the log and the 400 page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/form.h"
#include "core/banned.h"

/* The most a pair can take in the store: its name, its value and their NULs;
 * and so the most a store can ever need. */
#define PAIR_MAX ((size_t)FORM_NAME_MAX + FORM_VALUE_MAX + 2)
#define STORE_MAX (FORM_MAX_FIELDS * PAIR_MAX)
/* Free text longer than this may hold several lines (notes, not names). */
#define MULTILINE_OVER 1000

void
form_init(struct form *f)
{
	memset(f, 0, sizeof(*f));
}

void
form_clear(struct form *f)
{
	free(f->store);
	memset(f, 0, sizeof(*f));
}

/*
 * Make sure the store can take everything a parse of n bytes may add.  No
 * decoding makes text longer, and each pair adds at most two NULs (a name
 * without '=' gets an empty value), so n + 2 per pair is enough; and no
 * parse can add more than the free pairs at their limits, so a huge input
 * of empty segments ("&&&...") never makes a huge store.  Grows
 * geometrically and moves the pairs already parsed with the bytes.
 */
static void
store_reserve(struct form *f, size_t n)
{
	size_t room = (size_t)(FORM_MAX_FIELDS - f->n), extra, want, cap;
	char *old = f->store, *p;

	if (n == 0)
		return;
	extra = n < room * (PAIR_MAX - 2) ? n + 2 * room : room * PAIR_MAX;
	want = f->store_len + extra;
	if (want <= f->store_cap)
		return;
	cap = f->store_cap ? f->store_cap : 256;
	while (cap < want)
		cap *= 2;
	if (cap > STORE_MAX)
		cap = STORE_MAX;	/* want never exceeds it */
	p = xmalloc(cap);
	if (f->store_len)
		memcpy(p, old, f->store_len);
	for (int i = 0; i < f->n; i++) {
		f->pair[i].name = p + (f->pair[i].name - old);
		f->pair[i].value = p + (f->pair[i].value - old);
	}
	free(old);
	f->store = p;
	f->store_cap = cap;
}

/*
 * A character text must not hold: C0 controls and DEL, and the C1 controls
 * U+0080-U+009F, which are C2 80 to C2 9F in UTF-8 (0xC2 is never a
 * continuation byte, so after it such a byte can only be C1).  Tab, CR and
 * LF are allowed in values, where a textarea sends them.
 */
static inline bool
is_control(unsigned char prev, unsigned char c, bool value)
{
	if (c >= 0x20 && c < 0x7f)
		return false;
	if (c < 0x20)
		return !(value && (c == '\t' || c == '\r' || c == '\n'));
	return c == 0x7f || (prev == 0xc2 && c < 0xa0);
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * The bytes the decoder copies as they are, in runs: everything but the
 * separators '&' and '=', '+' and '%', controls (C0 and DEL), and 0xC2, the
 * lead byte of the C1 controls, whose next byte needs a look.
 */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 10 */
	1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1,	/* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1,	/* 30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,	/* 70 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 90 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* A0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* B0 */
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* C0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* D0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* E0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* F0 */
};

/* Refuse a name (name == NULL) or the value of `name`, saying why. */
static enum herr
decode_fail(struct hdiag *diag, const char *name, const char *why)
{
	return hdiag_set(diag, HERR_INVALID, name, "",
	    "The form could not be read: %s%s%s %s",
	    name ? "the value of '" : "a field name", name ? name : "",
	    name ? "'" : "", why);
}

/*
 * Decode one name (up to '=' or '&') or value (up to '&') starting at s[*ip]
 * onto the end of the store and NUL-terminate it; *ip is left on the byte
 * that ended it.  `name` is NULL while decoding a name, else the decoded,
 * already checked name (for messages).  The store has room (store_reserve).
 * One pass: runs of plain bytes are copied whole, the rest byte by byte.
 */
static enum herr
decode(struct form *f, const char *s, size_t n, size_t *ip, const char *name,
    struct hdiag *diag)
{
	const bool value = name != NULL;
	const size_t limit = value ? FORM_VALUE_MAX : FORM_NAME_MAX;
	const size_t start = f->store_len;
	unsigned char *out = (unsigned char *)f->store + start;
	unsigned char c, prev = 0;
	size_t i = *ip, w = 0, stop;
	int hi, lo;

	while (i < n) {
		/* Plain bytes up to the limit; one left over past the limit
		 * is refused below.  After 0xC2 the next byte goes the slow
		 * way, to be seen. */
		if (prev != 0xc2) {
			stop = n - i > limit - w ? i + (limit - w) : n;
			while (i < stop && plain[(unsigned char)s[i]])
				out[w++] = (unsigned char)s[i++];
			if (i == n)
				break;
		}
		c = (unsigned char)s[i];
		if (c == '&' || (c == '=' && !value))
			break;
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return hdiag_set(diag, HERR_INVALID, name, "",
				    "The form could not be read: the %% at "
				    "byte %zu is not followed by two "
				    "hexadecimal digits", i + 1);
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (w == limit)
			return decode_fail(diag, name, "is too long");
		if (is_control(prev, c, value))
			return decode_fail(diag, name,
			    "contains a control character");
		out[w++] = c;
		prev = c;
		i++;
	}
	if (!text_utf8_valid((const char *)out, w))
		return decode_fail(diag, name, "is not valid UTF-8 text");
	out[w] = '\0';
	f->store_len = start + w + 1;
	*ip = i;
	return HERR_OK;
}

enum herr
form_parse_urlencoded(struct form *f, const char *s, size_t n,
    struct hdiag *diag)
{
	const int n0 = f->n;
	const size_t len0 = f->store_len;
	struct form_pair *p;
	enum herr rc = HERR_INVALID;
	size_t i = 0, name_off, value_off;

	store_reserve(f, n);
	while (i < n) {
		/* Empty segments ("a=1&&b=2", a trailing '&') are skipped,
		 * as browsers never send them and they carry nothing. */
		if (s[i] == '&') {
			i++;
			continue;
		}
		if (f->n == FORM_MAX_FIELDS) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The form could not be read: it has more than %d "
			    "fields", FORM_MAX_FIELDS);
			goto out;
		}
		name_off = f->store_len;
		if (decode(f, s, n, &i, NULL, diag) != HERR_OK)
			goto out;
		if (f->store[name_off] == '\0') {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The form could not be read: a field at byte %zu "
			    "has no name", i + 1);
			goto out;
		}
		value_off = f->store_len;
		if (i < n && s[i] == '=') {
			i++;
			if (decode(f, s, n, &i, f->store + name_off, diag) !=
			    HERR_OK)
				goto out;
		} else {
			f->store[f->store_len++] = '\0';
		}
		p = &f->pair[f->n++];
		p->name = f->store + name_off;
		p->value = f->store + value_off;
		p->value_len = f->store_len - value_off - 1;
		i++;	/* past the '&' (or n) */
	}
	rc = HERR_OK;
out:
	if (rc != HERR_OK) {
		f->n = n0;
		f->store_len = len0;
	}
	return rc;
}

/* RFC 9110 section 5.6.2: tchar, the bytes of a token (a cookie's name). */
static bool
is_tchar(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

enum herr
form_parse_cookies(struct form *f, const char *s, size_t n,
    struct hdiag *diag)
{
	const int n0 = f->n;
	const size_t len0 = f->store_len;
	const char *semi, *eq;
	struct form_pair *p;
	enum herr rc = HERR_INVALID;
	size_t i = 0, a, b, e, nlen, vlen;
	unsigned char prev;
	char *out;

	store_reserve(f, n);
	while (i < n) {
		/* One cookie-pair is s[a..b), without the spaces around it
		 * (RFC 6265 section 5.2 trims them); empty ones are
		 * skipped. */
		semi = memchr(s + i, ';', n - i);
		b = semi ? (size_t)(semi - s) : n;
		a = i;
		i = b + 1;
		while (a < b && is_ows(s[a]))
			a++;
		while (b > a && is_ows(s[b - 1]))
			b--;
		if (a == b)
			continue;
		if (f->n == FORM_MAX_FIELDS) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The cookies could not be read: there are more "
			    "than %d", FORM_MAX_FIELDS);
			goto out;
		}
		eq = memchr(s + a, '=', b - a);
		if (eq == NULL) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The cookies could not be read: the cookie at "
			    "byte %zu has no '='", a + 1);
			goto out;
		}
		e = (size_t)(eq - s);
		nlen = e - a;
		while (nlen > 0 && is_ows(s[a + nlen - 1]))
			nlen--;
		if (nlen == 0 || nlen > FORM_NAME_MAX) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The cookies could not be read: the cookie at "
			    "byte %zu has %s name", a + 1,
			    nlen ? "too long a" : "no");
			goto out;
		}
		for (size_t k = 0; k < nlen; k++)
			if (!is_tchar((unsigned char)s[a + k])) {
				hdiag_set(diag, HERR_INVALID, NULL, "",
				    "The cookies could not be read: a "
				    "cookie name has a character not "
				    "allowed at byte %zu", a + k + 1);
				goto out;
			}
		e++;
		while (e < b && is_ows(s[e]))
			e++;
		vlen = b - e;
		if (vlen > FORM_VALUE_MAX) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The cookies could not be read: the value of "
			    "the cookie at byte %zu is longer than %d bytes",
			    a + 1, FORM_VALUE_MAX);
			goto out;
		}
		prev = 0;
		for (size_t k = e; k < b; k++) {
			if (is_control(prev, (unsigned char)s[k], true)) {
				hdiag_set(diag, HERR_INVALID, NULL, "",
				    "The cookies could not be read: a cookie "
				    "value has a control character at byte "
				    "%zu", k + 1);
				goto out;
			}
			prev = (unsigned char)s[k];
		}
		if (!text_utf8_valid(s + e, vlen)) {
			hdiag_set(diag, HERR_INVALID, NULL, "",
			    "The cookies could not be read: the value of the "
			    "cookie at byte %zu is not valid UTF-8 text",
			    a + 1);
			goto out;
		}
		p = &f->pair[f->n++];
		out = f->store + f->store_len;
		memcpy(out, s + a, nlen);
		out[nlen] = '\0';
		if (vlen)
			memcpy(out + nlen + 1, s + e, vlen);
		out[nlen + 1 + vlen] = '\0';
		p->name = out;
		p->value = out + nlen + 1;
		p->value_len = vlen;
		f->store_len += nlen + vlen + 2;
	}
	rc = HERR_OK;
out:
	if (rc != HERR_OK) {
		f->n = n0;
		f->store_len = len0;
	}
	return rc;
}

const char *
form_get(const struct form *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->pair[i].name, name) == 0)
			return f->pair[i].value;
	return NULL;
}

int
form_count(const struct form *f, const char *name)
{
	int count = 0;

	for (int i = 0; i < f->n; i++)
		if (strcmp(f->pair[i].name, name) == 0)
			count++;
	return count;
}

/*
 * A label as it reads inside a sentence ("Enter date of birth") or at its
 * start ("Date of birth must be ...").  Inside, only the first letter is
 * lowered, and not even that for an initialism ("NHS number").
 */
static const char *
phrase(char *buf, size_t cap, const char *label, bool start)
{
	snprintf(buf, cap, "%s", label && label[0] ? label : "this field");
	if (start && buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	else if (!start && buf[0] >= 'A' && buf[0] <= 'Z' &&
	    !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

static bool
has_control(const char *v, size_t n, bool value)
{
	unsigned char prev = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_control(prev, (unsigned char)v[i], value))
			return true;
		prev = (unsigned char)v[i];
	}
	return false;
}

/* The value to show back in a diag: only text that is safe to show. */
static const char *
shown(const char *v)
{
	size_t n = strlen(v);

	return text_utf8_valid(v, n) && !has_control(v, n, false) ? v : "";
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum herr
form_valid_date(const char *v, const char *label, struct hdiag *d)
{
	char in[128], at[128];
	const char *l;
	hday day;
	int year;

	/* The shape is checked here only to choose the message; hdate_parse
	 * is what decides (ISO 8601 calendar date, years 1800-2200). */
	if (v == NULL || strlen(v) != 10 || v[4] != '-' || v[7] != '-' ||
	    !is_digit(v[0]) || !is_digit(v[1]) || !is_digit(v[2]) ||
	    !is_digit(v[3]) || !is_digit(v[5]) || !is_digit(v[6]) ||
	    !is_digit(v[8]) || !is_digit(v[9])) {
		l = phrase(in, sizeof(in), label, false);
		return hdiag_set(d, HERR_INVALID, NULL, v ? shown(v) : "",
		    "Enter %s %s in the format YYYY-MM-DD",
		    l[0] && strchr("aeiouAEIOU", l[0]) ? "an" : "a", l);
	}
	if (hdate_parse(v, &day, NULL, NULL) == HERR_OK)
		return HERR_OK;
	year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 +
	    (v[3] - '0');
	if (year < HDATE_MIN_YEAR || year > HDATE_MAX_YEAR)
		return hdiag_set(d, HERR_INVALID, NULL, v,
		    "%s must be between the years %d and %d",
		    phrase(at, sizeof(at), label, true), HDATE_MIN_YEAR,
		    HDATE_MAX_YEAR);
	return hdiag_set(d, HERR_INVALID, NULL, v, "%s must be a real date",
	    phrase(at, sizeof(at), label, true));
}

enum herr
form_valid_int(const char *v, const char *label, struct hdiag *d)
{
	char at[128];
	const char *p = v;
	bool neg;
	uint64_t mag = 0, lim;

	if (v == NULL)
		return hdiag_set(d, HERR_INVALID, NULL, "",
		    "%s must be a whole number, like 12",
		    phrase(at, sizeof(at), label, true));
	neg = *p == '-';
	p += neg;
	/* int64: the magnitude of a negative may be one more. */
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (*p == '\0')
		return hdiag_set(d, HERR_INVALID, NULL, shown(v),
		    "%s must be a whole number, like 12",
		    phrase(at, sizeof(at), label, true));
	for (; *p != '\0'; p++) {
		if (!is_digit(*p))
			return hdiag_set(d, HERR_INVALID, NULL, shown(v),
			    "%s must be a whole number, like 12",
			    phrase(at, sizeof(at), label, true));
		if (mag > (lim - (uint64_t)(*p - '0')) / 10) {
			/* Keep looking: "99999999999999999999x" is not a
			 * number at all, and says so. */
			for (p++; *p != '\0'; p++)
				if (!is_digit(*p))
					return hdiag_set(d, HERR_INVALID,
					    NULL, shown(v), "%s must be a "
					    "whole number, like 12",
					    phrase(at, sizeof(at), label,
					    true));
			return hdiag_set(d, HERR_INVALID, NULL, v,
			    "%s is too %s", phrase(at, sizeof(at), label,
			    true), neg ? "small" : "large");
		}
		mag = mag * 10 + (uint64_t)(*p - '0');
	}
	return HERR_OK;
}

enum herr
form_valid_yesno(const char *v, const char *label, struct hdiag *d)
{
	char in[128];

	if (v != NULL && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
		return HERR_OK;
	return hdiag_set(d, HERR_INVALID, NULL, v ? shown(v) : "",
	    "Select yes or no for %s", phrase(in, sizeof(in), label, false));
}

/* Put the form's name for the field into a validator's diag. */
static void
set_field(struct hdiag *d, const char *name)
{
	size_t n = strlen(name);

	if (n < sizeof(d->field)) {
		memcpy(d->field, name, n + 1);
		return;
	}
	memcpy(d->field, name, sizeof(d->field) - 4);
	memcpy(d->field + sizeof(d->field) - 4, "...", 4);
}

/*
 * A field without a validator: text_check() decides, with several lines
 * allowed only in long fields (notes, not names).  The sentence is ours,
 * plainer than text_check's, and never repeats the value: a free-text field
 * may be a password.
 */
static enum herr
check_text(const struct form_field *ff, const char *v, size_t n, size_t max,
    struct hdiag *d)
{
	const unsigned flags = max > MULTILINE_OVER ? TEXT_MULTILINE : 0;
	const char *why;
	char at[128];

	if (text_check(ff->name, ff->label, v, max, flags, NULL) == HERR_OK)
		return HERR_OK;
	if (!text_utf8_valid(v, n))
		why = "contains characters that cannot be read";
	else if (!flags && strpbrk(v, "\r\n") != NULL)
		why = "must be on a single line";
	else if (has_control(v, n, flags != 0))
		why = "must not contain control characters";
	else
		why = "must not start or end with a space";
	return hdiag_set(d, HERR_INVALID, ff->name, "", "%s %s",
	    phrase(at, sizeof(at), ff->label, true), why);
}

/* Check every occurrence of one declared field; at most one problem. */
static enum herr
check_field(const struct form *f, const struct form_field *ff,
    struct hdiag *d)
{
	size_t max = ff->max ? ff->max : FORM_VALUE_MAX;
	const struct form_pair *p;
	char buf[128];
	int count = 0, filled = 0;
	enum herr e;

	for (int i = 0; i < f->n; i++)
		if (strcmp(f->pair[i].name, ff->name) == 0) {
			count++;
			filled += f->pair[i].value_len > 0;
		}
	if (count > 1 && !ff->repeatable)
		return hdiag_set(d, HERR_INVALID, ff->name, "",
		    "Give %s only once", phrase(buf, sizeof(buf), ff->label,
		    false));
	if (filled == 0) {
		if (ff->required)
			return hdiag_set(d, HERR_INVALID, ff->name, "",
			    "Enter %s", phrase(buf, sizeof(buf), ff->label,
			    false));
		return HERR_OK;
	}
	for (int i = 0; i < f->n; i++) {
		p = &f->pair[i];
		/* An empty checkbox or optional box is simply not given. */
		if (p->value_len == 0 || strcmp(p->name, ff->name) != 0)
			continue;
		if (p->value_len > max)
			return hdiag_set(d, HERR_INVALID, ff->name, "",
			    "%s must be %zu characters or fewer",
			    phrase(buf, sizeof(buf), ff->label, true), max);
		if (ff->valid != NULL) {
			hdiag_clear(d);
			e = ff->valid(p->value, ff->label, d);
			if (e != HERR_OK) {
				set_field(d, ff->name);
				return e;
			}
		} else if (check_text(ff, p->value, p->value_len, max, d) !=
		    HERR_OK) {
			return HERR_INVALID;
		}
	}
	return HERR_OK;
}

enum herr
form_check(const struct form *f, const struct form_field *fields, int n,
    struct hdiag *diags, int ndiag, int *nbad)
{
	struct hdiag scratch;
	struct hdiag *d;
	int bad = 0, k, j;

	if (diags == NULL || ndiag < 0)
		ndiag = 0;
	for (k = 0; k < n; k++) {
		d = bad < ndiag ? &diags[bad] : &scratch;
		hdiag_clear(d);
		if (check_field(f, &fields[k], d) != HERR_OK)
			bad++;
	}
	/* Default deny: a name the handler did not declare is refused, once
	 * however often it was sent. */
	for (int i = 0; i < f->n; i++) {
		const char *name = f->pair[i].name;

		for (k = 0; k < n; k++)
			if (strcmp(fields[k].name, name) == 0)
				break;
		if (k < n)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(f->pair[j].name, name) == 0)
				break;
		if (j < i)
			continue;
		d = bad < ndiag ? &diags[bad] : &scratch;
		hdiag_set(d, HERR_INVALID, name, "",
		    "Remove the unknown field '%s'", name);
		bad++;
	}
	if (nbad != NULL)
		*nbad = bad < ndiag ? bad : ndiag;
	return bad ? HERR_INVALID : HERR_OK;
}
