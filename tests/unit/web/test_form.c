/*
 * test_form.c: the URL-encoded and Cookie parsers decode what browsers send
 * and refuse everything else whole; form_check holds a handler to its
 * allow-list and reports every problem in plain English; the validators
 * accept exactly their format.
 *
 * Expected decodings are written from the WHATWG URL standard's
 * application/x-www-form-urlencoded parser and RFC 6265 section 5.2, not
 * from form.c.  Every input is copied into a heap buffer of exactly its
 * length with no NUL after it, so that ASan catches a read past `n`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/form.h"
#include "testutil.h"
#include "core/banned.h"

#define MAXP 8	/* pairs a table case may expect */

/* Input bytes, and the pairs it must give as name, value, name, ... NULL. */
struct parse_case {
	const char *s;
	size_t n;
	const char *want[2 * MAXP + 1];
};
#define P(lit, ...) { lit, sizeof(lit) - 1, { __VA_ARGS__ } }

/* Input bytes that must be refused, and a phrase of the diag. */
struct bad_case {
	const char *s;
	size_t n;
	const char *msg;
};
#define BAD(lit, msg) { lit, sizeof(lit) - 1, msg }

static char *
exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	assert_non_null(p);
	if (n)
		memcpy(p, s, n);
	return p;
}

static enum herr
parse_url(struct form *f, const char *s, size_t n, struct hdiag *d)
{
	char *p = exact(s, n);
	enum herr e = form_parse_urlencoded(f, p, n, d);

	free(p);
	return e;
}

static enum herr
parse_cookies(struct form *f, const char *s, size_t n, struct hdiag *d)
{
	char *p = exact(s, n);
	enum herr e = form_parse_cookies(f, p, n, d);

	free(p);
	return e;
}

/* `f` holds exactly the pairs of `want` after `first` earlier pairs, each
 * NUL-terminated where value_len says. */
static void
assert_pairs(const struct form *f, int first, const char *const *want,
    size_t idx)
{
	int k = first;

	for (size_t j = 0; want[j] != NULL; j += 2, k++) {
		if (k >= f->n)
			fail_msg("case %zu: only %d pairs", idx, f->n - first);
		if (strcmp(f->pair[k].name, want[j]) != 0 ||
		    strcmp(f->pair[k].value, want[j + 1]) != 0)
			fail_msg("case %zu: pair %d is \"%s\"=\"%s\", not "
			    "\"%s\"=\"%s\"", idx, k - first, f->pair[k].name,
			    f->pair[k].value, want[j], want[j + 1]);
		assert_int_equal(f->pair[k].value_len, strlen(want[j + 1]));
	}
	if (k != f->n)
		fail_msg("case %zu: %d pairs, expected %d", idx, f->n - first,
		    k - first);
}

static const struct parse_case url_valid[] = {
	P("", NULL),
	P("a=1", "a", "1", NULL),
	P("a=1&b=2", "a", "1", "b", "2", NULL),
	P("given=Mary+Ann", "given", "Mary Ann", NULL),
	P("given=Mary%20Ann", "given", "Mary Ann", NULL),
	P("a=++", "a", "  ", NULL),
	P("a=%2B", "a", "+", NULL),
	P("a=%2b%2F%2f", "a", "+//", NULL),		/* either case of hex */
	P("a=%c3%a9%C3%A9%e2%82%AC", "a", "\xc3\xa9\xc3\xa9\xe2\x82\xac",
	    NULL),
	P("q=a%26b%3Dc%25", "q", "a&b=c%", NULL),
	P("a=b=c", "a", "b=c", NULL),		/* only the first '=' splits */
	P("a", "a", "", NULL),			/* no '=': empty value */
	P("a=", "a", "", NULL),
	P("a&b", "a", "", "b", "", NULL),
	P("a=1&&b=2", "a", "1", "b", "2", NULL),	/* empty segments */
	P("&a=1", "a", "1", NULL),
	P("a=1&", "a", "1", NULL),
	P("&&&", NULL),
	P("&", NULL),
	P("a=1&a=2&a=3", "a", "1", "a", "2", "a", "3", NULL),	/* in order */
	P("n%61me=v", "name", "v", NULL),	/* names are decoded too */
	P("a+b=c", "a b", "c", NULL),
	P("%3D=%26", "=", "&", NULL),		/* escaped '=' is data */
	P("notes=line+1%0D%0Aline+2%09end", "notes",
	    "line 1\r\nline 2\tend", NULL),	/* CR, LF, tab in values */
	P("notes=a\tb\nc", "notes", "a\tb\nc", NULL),	/* sent raw too */
	P("a=%C2%A0", "a", "\xc2\xa0", NULL),	/* U+00A0 is not a C1 */
	P("a=Zo\xc3\xab", "a", "Zo\xc3\xab", NULL),	/* raw UTF-8 */
	P("a=%F0%9F%98%80", "a", "\xf0\x9f\x98\x80", NULL),
	P("a=%F4%8F%BF%BF", "a", "\xf4\x8f\xbf\xbf", NULL),
	P("a=%7E~", "a", "~~", NULL),
	P("a=;b", "a", ";b", NULL),		/* ';' separates nothing */
	P("csrf=AbC-_.~&x=%21%2A%27%28%29", "csrf", "AbC-_.~", "x", "!*'()",
	    NULL),
};

static const struct bad_case url_invalid[] = {
	/* malformed percent-escapes */
	BAD("%", "hexadecimal"),
	BAD("a=%", "hexadecimal"),
	BAD("a=%4", "hexadecimal"),
	BAD("a=%zz", "hexadecimal"),
	BAD("a=%4g", "hexadecimal"),
	BAD("a=%g4", "hexadecimal"),
	BAD("a=%%41", "hexadecimal"),
	BAD("a=1%", "hexadecimal"),
	BAD("a=%4&b=1", "hexadecimal"),		/* not completed by the next */
	BAD("a=% 41", "hexadecimal"),
	BAD("%zz=1", "hexadecimal"),
	BAD("a=%+4", "hexadecimal"),
	BAD("a=ok&b=%x", "hexadecimal"),	/* a good pair first */
	/* invalid UTF-8, escaped and raw */
	BAD("a=%C0%AF", "UTF-8"),		/* overlong '/' */
	BAD("a=%E0%80%80", "UTF-8"),		/* overlong NUL */
	BAD("a=%ED%A0%80", "UTF-8"),		/* surrogate */
	BAD("a=%ED%BF%BF", "UTF-8"),
	BAD("a=%E2%82", "UTF-8"),		/* truncated */
	BAD("a=%C3", "UTF-8"),
	BAD("a=%C3&b=%A9", "UTF-8"),		/* split across fields */
	BAD("a=%F4%90%80%80", "UTF-8"),		/* past U+10FFFF */
	BAD("a=%FF", "UTF-8"),
	BAD("a=%80", "UTF-8"),
	BAD("a=\xc3", "UTF-8"),
	BAD("a=\xed\xa0\x80", "UTF-8"),
	BAD("%C3%28=1", "UTF-8"),		/* in a name */
	BAD("\xff=1", "UTF-8"),
	/* control characters */
	BAD("a=%00", "control character"),
	BAD("a=x%00y", "control character"),
	BAD("a=%01", "control character"),
	BAD("a=\x01", "control character"),
	BAD("a=x\0y", "control character"),	/* a raw NUL */
	BAD("a=%7F", "control character"),
	BAD("a=%1B%5B31m", "control character"),
	BAD("a=%C2%85", "control character"),	/* C1 NEL */
	BAD("a=%C2%80", "control character"),
	BAD("a=%C2%9F", "control character"),
	BAD("a=\xc2\x85", "control character"),
	BAD("a%09b=1", "control character"),	/* tab: values only */
	BAD("a%0A=1", "control character"),
	BAD("%0D=1", "control character"),
	BAD("a%00=1", "control character"),
	BAD("a%C2%85=1", "control character"),
	BAD("a\x7f", "control character"),
	/* a pair with no name */
	BAD("=1", "no name"),
	BAD("=", "no name"),
	BAD("a=1&=2", "no name"),
};

static void
test_url_valid(void **state)
{
	struct form f;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(url_valid); i++) {
		form_init(&f);
		hdiag_clear(&d);
		if (parse_url(&f, url_valid[i].s, url_valid[i].n, &d) !=
		    HERR_OK)
			fail_msg("case %zu refused: %s", i, d.msg);
		assert_pairs(&f, 0, url_valid[i].want, i);
		assert_string_equal(d.msg, "");
		form_clear(&f);
	}
}

/* Refused whole: the pairs parsed before stay, none of the bad input's. */
static void
test_url_invalid(void **state)
{
	static const char *const keep[] = { "keep", "me", NULL };
	struct form f;
	struct hdiag d;
	size_t i, len;

	(void)state;
	for (i = 0; i < NELEM(url_invalid); i++) {
		form_init(&f);
		assert_int_equal(parse_url(&f, "keep=me", 7, NULL), HERR_OK);
		len = f.store_len;
		hdiag_clear(&d);
		if (parse_url(&f, url_invalid[i].s, url_invalid[i].n, &d) !=
		    HERR_INVALID)
			fail_msg("case %zu accepted", i);
		if (strstr(d.msg, url_invalid[i].msg) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, d.msg,
			    url_invalid[i].msg);
		assert_string_equal(d.value, "");	/* never echoed */
		assert_pairs(&f, 0, keep, i);
		assert_int_equal(f.store_len, len);
		/* Refused the same way without a diag, into an empty form. */
		form_clear(&f);
		form_init(&f);
		assert_int_equal(parse_url(&f, url_invalid[i].s,
		    url_invalid[i].n, NULL), HERR_INVALID);
		assert_int_equal(f.n, 0);
		form_clear(&f);
	}
}

/* A diag about a value names its field; one about a name cannot. */
static void
test_url_diag_names_field(void **state)
{
	struct form f;
	struct hdiag d;

	(void)state;
	form_init(&f);
	assert_int_equal(parse_url(&f, "given=%zz", 9, &d), HERR_INVALID);
	assert_string_equal(d.field, "given");
	assert_int_equal(parse_url(&f, "given=a%00", 10, &d), HERR_INVALID);
	assert_string_equal(d.field, "given");
	assert_non_null(strstr(d.msg, "'given'"));
	assert_int_equal(parse_url(&f, "gi%00ven=a", 10, &d), HERR_INVALID);
	assert_string_equal(d.field, "");
	form_clear(&f);
}

/* A string of `n` copies of `unit` after `prefix`, NUL-terminated. */
static char *
repeat(const char *prefix, const char *unit, size_t n, size_t *len)
{
	size_t pl = strlen(prefix), ul = strlen(unit);
	char *p = malloc(pl + ul * n + 1);

	assert_non_null(p);
	memcpy(p, prefix, pl);
	for (size_t i = 0; i < n; i++)
		memcpy(p + pl + i * ul, unit, ul);
	p[pl + ul * n] = '\0';
	*len = pl + ul * n;
	return p;
}

/* Names and values at their limits pass; one byte more does not.  The
 * limits count decoded bytes, so "%41" is one byte. */
static void
test_url_lengths(void **state)
{
	struct limit {
		const char *prefix, *unit;
		size_t count;
		bool ok;
	} cases[] = {
		{ "", "n", FORM_NAME_MAX, true },
		{ "", "n", FORM_NAME_MAX + 1, false },
		{ "", "%41", FORM_NAME_MAX, true },
		{ "", "%41", FORM_NAME_MAX + 1, false },
		{ "v=", "x", FORM_VALUE_MAX, true },
		{ "v=", "x", FORM_VALUE_MAX + 1, false },
		{ "v=", "%78", FORM_VALUE_MAX, true },
		{ "v=", "+", FORM_VALUE_MAX + 1, false },
		{ "v=", "\xc3\xa9", FORM_VALUE_MAX / 2, true },
		{ "v=", "\xc3\xa9", FORM_VALUE_MAX / 2 + 1, false },
	};
	struct form f;
	struct hdiag d;
	size_t n;
	char *s;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		s = repeat(cases[i].prefix, cases[i].unit, cases[i].count, &n);
		form_init(&f);
		if ((parse_url(&f, s, n, &d) == HERR_OK) != cases[i].ok)
			fail_msg("case %zu: wrong outcome (%s)", i, d.msg);
		if (cases[i].ok) {
			assert_int_equal(f.n, 1);
			assert_true(strlen(f.pair[0].name) <= FORM_NAME_MAX);
			assert_int_equal(strlen(f.pair[0].value),
			    f.pair[0].value_len);
			assert_true(f.pair[0].value_len <= FORM_VALUE_MAX);
		} else {
			assert_int_equal(f.n, 0);
			assert_non_null(strstr(d.msg, "too long"));
		}
		form_clear(&f);
		free(s);
	}
}

/* FORM_MAX_FIELDS fields pass (empty segments do not count); one more is
 * refused, also when it comes in a second parse. */
static void
test_url_too_many(void **state)
{
	char want[40];
	struct form f;
	struct hdiag d;
	size_t n;
	char *s;

	(void)state;
	s = repeat("", "a=1&", FORM_MAX_FIELDS, &n);
	form_init(&f);
	assert_int_equal(parse_url(&f, s, n, &d), HERR_OK);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_int_equal(parse_url(&f, "&&&", 3, &d), HERR_OK);
	assert_int_equal(parse_url(&f, "b=2", 3, &d), HERR_INVALID);
	snprintf(want, sizeof(want), "more than %d fields", FORM_MAX_FIELDS);
	assert_non_null(strstr(d.msg, want));
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_null(form_get(&f, "b"));
	form_clear(&f);
	free(s);

	s = repeat("", "a&", FORM_MAX_FIELDS + 1, &n);
	form_init(&f);
	assert_int_equal(parse_url(&f, s, n, &d), HERR_INVALID);
	assert_int_equal(f.n, 0);
	form_clear(&f);
	free(s);

	s = repeat("", "a=1&", FORM_MAX_FIELDS / 2, &n);
	form_init(&f);
	assert_int_equal(parse_url(&f, s, n, &d), HERR_OK);
	assert_int_equal(parse_cookies(&f, "c=1", 3, &d), HERR_OK);
	assert_int_equal(parse_url(&f, s, n, &d), HERR_INVALID);
	assert_int_equal(f.n, FORM_MAX_FIELDS / 2 + 1);
	assert_string_equal(form_get(&f, "c"), "1");
	form_clear(&f);
	free(s);
}

/*
 * Pairs from many parses stay right as the store grows under them (each
 * parse may move it), and an input of a million empty segments does not
 * make a million-byte store.
 */
static void
test_store_growth(void **state)
{
	char buf[FORM_VALUE_MAX + 16], name[16];
	struct form f;
	struct hdiag d;
	size_t n;
	char *s;
	int i, k;

	(void)state;
	form_init(&f);
	/* Values of 0 to 6,300 bytes (FORM_VALUE_MAX bounds one value);
	 * every pair is checked after every 16th parse and the last. */
#define GROWTH_LEN(i) ((size_t)((i) % 64) * 100)
	for (i = 0; i < FORM_MAX_FIELDS; i++) {
		n = (size_t)snprintf(buf, sizeof(buf), "k%d=", i);
		memset(buf + n, 'a' + i % 26, GROWTH_LEN(i));
		n += GROWTH_LEN(i);
		assert_int_equal(parse_url(&f, buf, n, &d), HERR_OK);
		for (k = i % 16 == 0 || i == FORM_MAX_FIELDS - 1 ? 0 : i;
		    k <= i; k++) {
			snprintf(name, sizeof(name), "k%d", k);
			assert_string_equal(f.pair[k].name, name);
			assert_int_equal(f.pair[k].value_len, GROWTH_LEN(k));
			assert_int_equal(strlen(f.pair[k].value),
			    GROWTH_LEN(k));
			if (k % 64 != 0)
				assert_int_equal(f.pair[k].value[GROWTH_LEN(k) -
				    1], 'a' + k % 26);
		}
	}
#undef GROWTH_LEN
	form_clear(&f);

	s = repeat("", "&", 1000000, &n);
	s[n - 1] = 'a';
	form_init(&f);
	assert_int_equal(parse_url(&f, s, n, &d), HERR_OK);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.pair[0].name, "a");
	assert_true(f.store_cap <= (size_t)FORM_MAX_FIELDS *
	    (FORM_NAME_MAX + FORM_VALUE_MAX + 2));
	form_clear(&f);
	free(s);
}

static const struct parse_case cookie_valid[] = {
	P("", NULL),
	P("   ", NULL),
	P("a=1", "a", "1", NULL),
	P("a=1; b=2", "a", "1", "b", "2", NULL),
	P("a=1;b=2", "a", "1", "b", "2", NULL),
	P("  a=1  ;  b=2  ", "a", "1", "b", "2", NULL),
	P("a=1;\tb=2", "a", "1", "b", "2", NULL),
	P("a = 1", "a", "1", NULL),		/* spaces around '=' */
	P("a=1; a=2", "a", "1", "a", "2", NULL),	/* duplicates, in order */
	P("a=", "a", "", NULL),
	P("a=1;", "a", "1", NULL),
	P(";;a=1;;", "a", "1", NULL),
	P("sid=abc+/==", "sid", "abc+/==", NULL),	/* base64 */
	P("a=%41", "a", "%41", NULL),		/* not percent-decoded */
	P("a=\"q\"", "a", "\"q\"", NULL),	/* quotes kept */
	P("a=x y", "a", "x y", NULL),
	P("__Host-sid=xyz", "__Host-sid", "xyz", NULL),
	P("!#$%&'*+-.^_`|~=v", "!#$%&'*+-.^_`|~", "v", NULL),
	P("a=Zo\xc3\xab", "a", "Zo\xc3\xab", NULL),
};

static const struct bad_case cookie_invalid[] = {
	BAD("a", "no '='"),
	BAD("a=1; b", "no '='"),
	BAD("a,b=1", "not allowed"),		/* ',' is not a token char */
	BAD("=1", "no name"),
	BAD(" =1", "no name"),
	BAD("a b=1", "not allowed"),
	BAD("a\"=1", "not allowed"),
	BAD("a(=1", "not allowed"),
	BAD("a/b=1", "not allowed"),
	BAD("a:b=1", "not allowed"),
	BAD("\xc3\xa9=1", "not allowed"),
	BAD("a\x01=1", "not allowed"),
	BAD("a=\x01", "control character"),
	BAD("a=x\0y", "control character"),
	BAD("a=\x7f", "control character"),
	BAD("a=\xc2\x85", "control character"),
	BAD("a=1\x1b", "control character"),
	BAD("a=\xc3", "UTF-8"),
	BAD("a=\xed\xa0\x80", "UTF-8"),
	BAD("a=\xc0\xaf", "UTF-8"),
	BAD("ok=1; a=\xff", "UTF-8"),
};

static void
test_cookies_valid(void **state)
{
	struct form f;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cookie_valid); i++) {
		form_init(&f);
		hdiag_clear(&d);
		if (parse_cookies(&f, cookie_valid[i].s, cookie_valid[i].n,
		    &d) != HERR_OK)
			fail_msg("case %zu refused: %s", i, d.msg);
		assert_pairs(&f, 0, cookie_valid[i].want, i);
		form_clear(&f);
	}
}

static void
test_cookies_invalid(void **state)
{
	static const char *const keep[] = { "keep", "me", NULL };
	struct form f;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cookie_invalid); i++) {
		form_init(&f);
		assert_int_equal(parse_cookies(&f, "keep=me", 7, NULL),
		    HERR_OK);
		hdiag_clear(&d);
		if (parse_cookies(&f, cookie_invalid[i].s, cookie_invalid[i].n,
		    &d) != HERR_INVALID)
			fail_msg("case %zu accepted", i);
		if (strstr(d.msg, cookie_invalid[i].msg) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, d.msg,
			    cookie_invalid[i].msg);
		assert_pairs(&f, 0, keep, i);
		form_clear(&f);
	}
}

static void
test_cookie_lengths(void **state)
{
	struct form f;
	struct hdiag d;
	size_t n;
	char *s;

	(void)state;
	for (int extra = 0; extra <= 1; extra++) {
		/* A name of FORM_NAME_MAX (+ extra) bytes, then '='. */
		s = repeat("", "n", FORM_NAME_MAX + 1 + (size_t)extra, &n);
		s[n - 1] = '=';
		form_init(&f);
		assert_int_equal(parse_cookies(&f, s, n, &d),
		    extra ? HERR_INVALID : HERR_OK);
		assert_int_equal(f.n, extra ? 0 : 1);
		form_clear(&f);
		free(s);

		s = repeat("v=", "x", FORM_VALUE_MAX + (size_t)extra, &n);
		form_init(&f);
		assert_int_equal(parse_cookies(&f, s, n, &d),
		    extra ? HERR_INVALID : HERR_OK);
		assert_int_equal(f.n, extra ? 0 : 1);
		form_clear(&f);
		free(s);
	}

	s = repeat("", "a=1;", FORM_MAX_FIELDS + 1, &n);
	form_init(&f);
	assert_int_equal(parse_cookies(&f, s, n, &d), HERR_INVALID);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse_cookies(&f, s, n - 4, &d), HERR_OK);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	form_clear(&f);
	free(s);
}

static void
test_get_count(void **state)
{
	struct form f;

	(void)state;
	form_init(&f);
	assert_null(form_get(&f, "a"));
	assert_int_equal(form_count(&f, "a"), 0);
	assert_int_equal(parse_url(&f, "a=1&b=2&a=3&c", 13, NULL), HERR_OK);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(form_get(&f, "b"), "2");
	assert_string_equal(form_get(&f, "c"), "");
	assert_null(form_get(&f, "d"));
	assert_null(form_get(&f, "A"));		/* names are exact */
	assert_null(form_get(&f, ""));
	assert_int_equal(form_count(&f, "a"), 2);
	assert_int_equal(form_count(&f, "b"), 1);
	assert_int_equal(form_count(&f, "c"), 1);
	assert_int_equal(form_count(&f, "d"), 0);
	form_clear(&f);
	form_clear(&f);		/* clearing twice is harmless */
	form_init(&f);
	assert_int_equal(f.n, 0);
	form_clear(&f);
}

/* The allow-list of a made-up page. */
static const struct form_field fields[] = {
	{ "dob", "Date of birth", true, false, form_valid_date, 0 },
	{ "given", "Given name", true, false, NULL, 20 },
	{ "age", "Age", false, false, form_valid_int, 0 },
	{ "tags", "Tags", false, true, NULL, 10 },
	{ "consent", "Consent given", false, false, form_valid_yesno, 0 },
	{ "notes", "Notes", false, false, NULL, 0 },
	{ "nhs", "NHS number", false, false, NULL, 10 },
};

#define OKFORM "dob=2024-02-29&given=Amara"

static const char *const check_valid[] = {
	OKFORM,
	OKFORM "&age=-12&consent=yes",
	OKFORM "&age=&consent=&tags=&notes=&nhs=",	/* optional, empty */
	OKFORM "&tags=a&tags=b&tags=c",			/* repeatable */
	OKFORM "&tags=0123456789",			/* exactly max */
	"given=Amara&dob=2024-02-29",			/* any order */
	OKFORM "&notes=line+1%0D%0Aline+2%09x",	/* long: several lines */
};

/* The body, and the problems in order as "field: message". */
struct check_case {
	const char *body;
	int ndiag;
	const char *want[8];
};

static const struct check_case check_invalid[] = {
	{ "given=Amara", 8, { "dob: Enter date of birth" } },
	{ "dob=&given=Amara", 8, { "dob: Enter date of birth" } },
	{ "dob=2023-02-29&given=Amara", 8,
	    { "dob: Date of birth must be a real date" } },
	{ "dob=29%2F02%2F2024&given=Amara", 8,
	    { "dob: Enter a date of birth in the format YYYY-MM-DD" } },
	{ OKFORM "&foo=1", 8, { "foo: Remove the unknown field 'foo'" } },
	{ OKFORM "&dob=2024-03-01", 8,
	    { "dob: Give date of birth only once" } },
	{ OKFORM "&dob=", 8, { "dob: Give date of birth only once" } },
	{ "dob=2024-02-29&given=Amara+Okafor+Smithson", 8,
	    { "given: Given name must be 20 characters or fewer" } },
	{ "dob=2024-02-29&given=a%0Ab", 8,
	    { "given: Given name must be on a single line" } },
	{ "dob=2024-02-29&given=a%0Db", 8,
	    { "given: Given name must be on a single line" } },
	{ "dob=2024-02-29&given=a%09b", 8,
	    { "given: Given name must not contain control characters" } },
	{ "dob=2024-02-29&given=Amara+", 8,
	    { "given: Given name must not start or end with a space" } },
	{ "dob=2024-02-29&given=+Amara", 8,
	    { "given: Given name must not start or end with a space" } },
	{ OKFORM "&notes=+a%0Ab", 8,
	    { "notes: Notes must not start or end with a space" } },
	{ OKFORM "&nhs=1%0A2", 8,
	    { "nhs: NHS number must be on a single line" } },
	{ OKFORM "&tags=ok&tags=01234567890", 8,
	    { "tags: Tags must be 10 characters or fewer" } },
	{ OKFORM "&age=3.5", 8, { "age: Age must be a whole number, like 12" } },
	{ OKFORM "&consent=maybe", 8,
	    { "consent: Select yes or no for consent given" } },
	{ "age=x&consent=maybe&foo=1&bar=2&foo=3", 8, {
	    "dob: Enter date of birth",
	    "given: Enter given name",
	    "age: Age must be a whole number, like 12",
	    "consent: Select yes or no for consent given",
	    "foo: Remove the unknown field 'foo'",
	    "bar: Remove the unknown field 'bar'" } },
	/* Only as many as there is room for. */
	{ "age=x&consent=maybe&foo=1&bar=2&foo=3", 3, {
	    "dob: Enter date of birth",
	    "given: Enter given name",
	    "age: Age must be a whole number, like 12" } },
	{ "age=x&consent=maybe&foo=1&bar=2&foo=3", 0, { NULL } },
};

static enum herr
check(const char *body, struct hdiag *diags, int ndiag, int *nbad)
{
	struct form f;
	enum herr e;

	form_init(&f);
	assert_int_equal(parse_url(&f, body, strlen(body), NULL), HERR_OK);
	e = form_check(&f, fields, (int)NELEM(fields), diags, ndiag, nbad);
	form_clear(&f);
	return e;
}

static void
test_check_valid(void **state)
{
	struct hdiag d[8];
	int nbad = -1;

	(void)state;
	for (size_t i = 0; i < NELEM(check_valid); i++) {
		if (check(check_valid[i], d, 8, &nbad) != HERR_OK)
			fail_msg("case %zu refused: %s: %s", i, d[0].field,
			    d[0].msg);
		assert_int_equal(nbad, 0);
	}
}

static void
test_check_invalid(void **state)
{
	struct hdiag d[8];
	int nbad, want;

	(void)state;
	for (size_t i = 0; i < NELEM(check_invalid); i++) {
		const struct check_case *c = &check_invalid[i];

		for (want = 0; want < 8 && c->want[want]; want++)
			;
		nbad = -1;
		if (check(c->body, d, c->ndiag, &nbad) != HERR_INVALID)
			fail_msg("case %zu accepted", i);
		if (nbad != want)
			fail_msg("case %zu: %d problems, expected %d", i,
			    nbad, want);
		for (int k = 0; k < want; k++) {
			const char *w = c->want[k];
			size_t fl = strlen(d[k].field);

			if (strncmp(w, d[k].field, fl) != 0 ||
			    strncmp(w + fl, ": ", 2) != 0 ||
			    strcmp(w + fl + 2, d[k].msg) != 0)
				fail_msg("case %zu, problem %d: \"%s: %s\", "
				    "expected \"%s\"", i, k, d[k].field,
				    d[k].msg, w);
		}
		/* Without room or a count, still refused. */
		assert_int_equal(check(c->body, NULL, 0, NULL), HERR_INVALID);
	}
}

/* A field's max applies to the value before its validator sees it; a field
 * without max takes FORM_VALUE_MAX and, being long, several lines. */
static void
test_check_max(void **state)
{
	static const struct form_field short_date[] = {
		{ "d", "Start date", false, false, form_valid_date, 9 },
	};
	static const struct form_field short_text[] = {
		{ "t", "Reason", false, false, NULL, 1000 },
	};
	struct form f;
	struct hdiag d;
	int nbad;

	(void)state;
	form_init(&f);
	assert_int_equal(parse_url(&f, "d=2024-01-01", 12, NULL), HERR_OK);
	assert_int_equal(form_check(&f, short_date, 1, &d, 1, &nbad),
	    HERR_INVALID);
	assert_string_equal(d.msg, "Start date must be 9 characters or fewer");
	assert_string_equal(d.field, "d");
	form_clear(&f);

	/* max 1000: one line only; max 0 (8192): several. */
	form_init(&f);
	assert_int_equal(parse_url(&f, "t=a%0Ab", 7, NULL), HERR_OK);
	assert_int_equal(form_check(&f, short_text, 1, &d, 1, &nbad),
	    HERR_INVALID);
	assert_string_equal(d.msg, "Reason must be on a single line");
	form_clear(&f);
	form_init(&f);
	assert_int_equal(parse_url(&f, "notes=a%0Ab&" OKFORM,
	    strlen("notes=a%0Ab&" OKFORM), NULL), HERR_OK);
	assert_int_equal(form_check(&f, fields, (int)NELEM(fields), &d, 1,
	    &nbad), HERR_OK);
	form_clear(&f);
}

/* Free text is never repeated back in a diag: it may be a password. */
static void
test_check_no_echo(void **state)
{
	static const struct form_field pw[] = {
		{ "password", "Password", true, false, NULL, 16 },
	};
	static const char *const bodies[] = {
		"password=secret+",
		"password=+secret",
		"password=sec%0Aret",
		"password=secret%09",
		"password=secretsecretsecret",
	};
	struct form f;
	struct hdiag d;
	int nbad;

	(void)state;
	for (size_t i = 0; i < NELEM(bodies); i++) {
		form_init(&f);
		assert_int_equal(parse_url(&f, bodies[i], strlen(bodies[i]),
		    NULL), HERR_OK);
		assert_int_equal(form_check(&f, pw, 1, &d, 1, &nbad),
		    HERR_INVALID);
		assert_int_equal(nbad, 1);
		assert_string_equal(d.field, "password");
		assert_string_equal(d.value, "");
		assert_null(strstr(d.msg, "secret"));
		assert_null(strstr(d.msg, "sec\n"));
		form_clear(&f);
	}
}

/* A field's name longer than hdiag.field is clipped there, not overrun. */
static void
test_check_long_name(void **state)
{
	char name[FORM_NAME_MAX + 1], body[FORM_NAME_MAX + 8];
	struct form f;
	struct hdiag d;
	int nbad;

	(void)state;
	memset(name, 'x', FORM_NAME_MAX);
	name[FORM_NAME_MAX] = '\0';
	snprintf(body, sizeof(body), "%s=1", name);
	form_init(&f);
	assert_int_equal(parse_url(&f, body, strlen(body), NULL), HERR_OK);
	assert_int_equal(form_check(&f, NULL, 0, &d, 1, &nbad), HERR_INVALID);
	assert_int_equal(nbad, 1);
	assert_int_equal(strlen(d.field), sizeof(d.field) - 1);
	assert_string_equal(d.field + sizeof(d.field) - 4, "...");
	assert_non_null(strstr(d.msg, name));
	form_clear(&f);
}

/* A validator, its label, and the exact message (NULL: accepted). */
struct valid_case {
	const char *v;
	const char *msg;
};

static const struct valid_case date_valid[] = {
	{ "2024-02-29", NULL },		/* leap year */
	{ "2000-02-29", NULL },		/* divisible by 400 */
	{ "2025-01-01", NULL },
	{ "2025-12-31", NULL },
	{ "2025-04-30", NULL },
	{ "1800-01-01", NULL },
	{ "2200-12-31", NULL },
};

#define FMT "Enter a date of birth in the format YYYY-MM-DD"
#define REAL "Date of birth must be a real date"
#define YEARS "Date of birth must be between the years 1800 and 2200"

static const struct valid_case date_invalid[] = {
	{ "2025-02-30", REAL },
	{ "2023-02-29", REAL },
	{ "1900-02-29", REAL },		/* divisible by 100, not 400 */
	{ "2025-04-31", REAL },
	{ "2025-13-01", REAL },
	{ "2025-00-10", REAL },
	{ "2025-01-00", REAL },
	{ "2025-01-32", REAL },
	{ "1799-12-31", YEARS },
	{ "2201-01-01", YEARS },
	{ "0000-01-01", YEARS },
	{ "", FMT },
	{ " 2024-01-01", FMT },
	{ "2024-01-01 ", FMT },
	{ "2024-1-01", FMT },
	{ "2024-01-1", FMT },
	{ "24-01-01", FMT },
	{ "2024/01/01", FMT },
	{ "20240101", FMT },
	{ "01-01-2024", FMT },
	{ "2024-01-01T00:00", FMT },
	{ "+024-01-01", FMT },
	{ "2024-0a-01", FMT },
	{ "2024--1-01", FMT },
	{ "abcd-ef-gh", FMT },
	{ "2024-01-01\n", FMT },
};

static const struct valid_case int_valid[] = {
	{ "0", NULL },
	{ "-0", NULL },
	{ "7", NULL },
	{ "-7", NULL },
	{ "007", NULL },
	{ "1234567890", NULL },
	{ "9223372036854775807", NULL },	/* INT64_MAX */
	{ "-9223372036854775808", NULL },	/* INT64_MIN */
	{ "00000000000000000000000000001", NULL },
};

#define WHOLE "Age must be a whole number, like 12"

static const struct valid_case int_invalid[] = {
	{ "", WHOLE },
	{ "-", WHOLE },
	{ "+1", WHOLE },
	{ " 1", WHOLE },
	{ "1 ", WHOLE },
	{ "1.0", WHOLE },
	{ "1,000", WHOLE },
	{ "1e3", WHOLE },
	{ "0x10", WHOLE },
	{ "12a", WHOLE },
	{ "--1", WHOLE },
	{ "1-", WHOLE },
	{ "\xd9\xa1", WHOLE },		/* ARABIC-INDIC DIGIT ONE */
	{ "99999999999999999999x", WHOLE },
	{ "9223372036854775808", "Age is too large" },	/* INT64_MAX + 1 */
	{ "10000000000000000000", "Age is too large" },
	{ "18446744073709551616", "Age is too large" },	/* 2^64 */
	{ "99999999999999999999999", "Age is too large" },
	{ "-9223372036854775809", "Age is too small" },	/* INT64_MIN - 1 */
};

static const struct valid_case yesno_valid[] = {
	{ "yes", NULL },
	{ "no", NULL },
};

#define YN "Select yes or no for consent given"

static const struct valid_case yesno_invalid[] = {
	{ "", YN },
	{ "Yes", YN },
	{ "YES", YN },
	{ "y", YN },
	{ "n", YN },
	{ "yes ", YN },
	{ " no", YN },
	{ "true", YN },
	{ "1", YN },
	{ "nope", YN },
	{ "yesno", YN },
};

static void
run_valid(form_validator fn, const char *label, const struct valid_case *c,
    size_t n, bool ok)
{
	struct hdiag d;

	for (size_t i = 0; i < n; i++) {
		hdiag_clear(&d);
		if ((fn(c[i].v, label, &d) == HERR_OK) != ok)
			fail_msg("\"%s\" %s: %s", c[i].v, ok ? "refused" :
			    "accepted", d.msg);
		if (ok) {
			assert_string_equal(d.msg, "");
			continue;
		}
		if (strcmp(d.msg, c[i].msg) != 0)
			fail_msg("\"%s\": \"%s\", expected \"%s\"", c[i].v,
			    d.msg, c[i].msg);
		/* The value is shown back only when it is clean text. */
		if (strchr(c[i].v, '\n') == NULL)
			assert_string_equal(d.value, c[i].v);
		else
			assert_string_equal(d.value, "");
		assert_int_equal(fn(c[i].v, label, NULL), HERR_INVALID);
	}
}

static void
test_valid_date(void **state)
{
	(void)state;
	run_valid(form_valid_date, "Date of birth", date_valid,
	    NELEM(date_valid), true);
	run_valid(form_valid_date, "Date of birth", date_invalid,
	    NELEM(date_invalid), false);
}

static void
test_valid_int(void **state)
{
	(void)state;
	run_valid(form_valid_int, "Age", int_valid, NELEM(int_valid), true);
	run_valid(form_valid_int, "Age", int_invalid, NELEM(int_invalid),
	    false);
}

static void
test_valid_yesno(void **state)
{
	(void)state;
	run_valid(form_valid_yesno, "Consent given", yesno_valid,
	    NELEM(yesno_valid), true);
	run_valid(form_valid_yesno, "Consent given", yesno_invalid,
	    NELEM(yesno_invalid), false);
}

/* Labels read naturally in the middle of a sentence. */
static void
test_labels(void **state)
{
	struct hdiag d;

	(void)state;
	assert_int_equal(form_valid_date("x", "Assessment date", &d),
	    HERR_INVALID);
	assert_string_equal(d.msg,
	    "Enter an assessment date in the format YYYY-MM-DD");
	assert_int_equal(form_valid_yesno("x", "NHS number known", &d),
	    HERR_INVALID);
	assert_string_equal(d.msg, "Select yes or no for NHS number known");
	assert_int_equal(form_valid_int("x", "number of siblings", &d),
	    HERR_INVALID);
	assert_string_equal(d.msg,
	    "Number of siblings must be a whole number, like 12");
	assert_int_equal(form_valid_yesno(NULL, NULL, &d), HERR_INVALID);
	assert_int_equal(form_valid_int(NULL, NULL, &d), HERR_INVALID);
	assert_int_equal(form_valid_date(NULL, NULL, &d), HERR_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_valid),
		cmocka_unit_test(test_url_invalid),
		cmocka_unit_test(test_url_diag_names_field),
		cmocka_unit_test(test_url_lengths),
		cmocka_unit_test(test_url_too_many),
		cmocka_unit_test(test_store_growth),
		cmocka_unit_test(test_cookies_valid),
		cmocka_unit_test(test_cookies_invalid),
		cmocka_unit_test(test_cookie_lengths),
		cmocka_unit_test(test_get_count),
		cmocka_unit_test(test_check_valid),
		cmocka_unit_test(test_check_invalid),
		cmocka_unit_test(test_check_max),
		cmocka_unit_test(test_check_no_echo),
		cmocka_unit_test(test_check_long_name),
		cmocka_unit_test(test_valid_date),
		cmocka_unit_test(test_valid_int),
		cmocka_unit_test(test_valid_yesno),
		cmocka_unit_test(test_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
