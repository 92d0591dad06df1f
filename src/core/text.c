/*
 * text.c: UTF-8 and length checks for stored text.  Never allocates.
 */
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/banned.h"

bool
text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		unsigned need, min, cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1, min = 0x80, cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2, min = 0x800, cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= need)
			return false;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += need + 1;
	}
	return true;
}

enum herr
text_check(const char *field, const char *label, const char *s, size_t max,
    unsigned flags, struct hdiag *diag)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0) {
		if (flags & TEXT_REQUIRED)
			return hdiag_set(diag, HERR_INVALID, field, "",
			    "%s is missing", label);
		return HERR_OK;
	}
	if (n > max)
		return hdiag_set(diag, HERR_INVALID, field, s,
		    "%s is too long: %zu bytes, at most %zu", label, n, max);
	if (!text_utf8_valid(s, n))
		return hdiag_set(diag, HERR_INVALID, field, "",
		    "%s is not valid UTF-8 text", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* C0 controls and DEL; C1 controls U+0080-U+009F are the
		 * UTF-8 pairs C2 80 to C2 9F (the text is valid UTF-8 here). */
		if (c == 0x7f || (c < 0x20 && !((flags & TEXT_MULTILINE) &&
		    (c == '\n' || c == '\r' || c == '\t'))) ||
		    (c == 0xc2 && (unsigned char)s[i + 1] < 0xa0))
			return hdiag_set(diag, HERR_INVALID, field, "",
			    "%s contains a control character at byte %zu",
			    label, i + 1);
	}
	if (s[0] == ' ' || s[n - 1] == ' ')
		return hdiag_set(diag, HERR_INVALID, field, s,
		    "%s \"%s\" starts or ends with a space", label, s);
	return HERR_OK;
}

enum herr
text_copy(char *dst, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n >= cap) {
		dst[0] = '\0';
		return HERR_INVALID;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
	return HERR_OK;
}

const char *
text_nz(const char *s)
{
	return s != NULL ? s : "";
}

void
text_cut(char *dst, size_t cap, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (cap == 0)
		return;
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

static bool
blank(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

void
text_trim(char *dst, size_t cap, const char *s)
{
	size_t n;

	s = text_nz(s);
	while (blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && blank(s[n - 1]))
		n--;
	text_cut(dst, cap < n + 1 ? cap : n + 1, s);
}

int64_t
text_id(const char *s)
{
	char *end;
	long long x;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return 0;
	x = strtoll(s, &end, 10);
	return *end == '\0' && x > 0 ? (int64_t)x : 0;
}
