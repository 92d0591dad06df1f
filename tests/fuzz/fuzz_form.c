/*
 * fuzz_form.c: libFuzzer target for web/form.c, the parser every request's
 * body, query string and Cookie header goes through.
 *
 * Beyond "no crash, no sanitizer finding" it asserts what the header
 * promises: every pair parsed is a NUL-terminated, non-empty name and a
 * value within their limits, valid UTF-8 and free of control characters
 * (tab, CR and LF only in values); a refused input leaves no pair behind
 * and does not disturb the pairs parsed before; a parsed form re-encoded
 * parses back to the same pairs; form_check never reports more than it has
 * room for; and form_valid_int agrees with strtoll.
 *
 *   clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
 *       -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/fuzz_form.c \
 *       src/web/form.c src/core/text.c src/core/date.c src/core/status.c \
 *       src/core/mem.c -o /tmp/fuzz_form
 *   /tmp/fuzz_form -runs=200000 -seed=1 tests/fuzz/corpus/form
 *
 * (_POSIX_C_SOURCE as the Makefile sets it: date.c uses localtime_r.)
 * Give the fuzzer a copy of the corpus directory to write to, or none.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "web/form.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)							\
	do {								\
		if (!(c)) {						\
			fprintf(stderr, "fuzz_form.c:%d: %s\n",		\
			    __LINE__, #c);				\
			abort();					\
		}							\
	} while (0)

static const struct form_field fields[] = {
	{ "dob", "Date of birth", true, false, form_valid_date, 0 },
	{ "a", "A", false, false, NULL, 20 },
	{ "n", "Number", false, false, form_valid_int, 0 },
	{ "t", "Tags", false, true, NULL, 5 },
	{ "yn", "Consent", false, false, form_valid_yesno, 0 },
	{ "notes", "Notes", false, false, NULL, 0 },
};

/* Written apart from form.c: C0, DEL and C1 (as UTF-8) are controls. */
static bool
clean(const char *s, size_t n, bool value)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n; i++) {
		if (u[i] < 0x20 && !(value && (u[i] == '\t' || u[i] == '\r' ||
		    u[i] == '\n')))
			return false;
		if (u[i] == 0x7f)
			return false;
		if (u[i] == 0xc2 && i + 1 < n && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

static bool
in_store(const struct form *f, const char *p)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)f->store;

	return f->store != NULL && a >= lo && a < lo + f->store_len;
}

static void
check_pairs(const struct form *f, int from)
{
	CHECK(f->n >= 0 && f->n <= FORM_MAX_FIELDS);
	CHECK(f->store_len <= f->store_cap);
	for (int i = from; i < f->n; i++) {
		const struct form_pair *p = &f->pair[i];
		size_t nlen;

		CHECK(in_store(f, p->name));
		CHECK(in_store(f, p->value));
		CHECK(in_store(f, p->value + p->value_len));
		nlen = strlen(p->name);
		CHECK(nlen > 0 && nlen <= FORM_NAME_MAX);
		CHECK(in_store(f, p->name + nlen));
		CHECK(p->value_len <= FORM_VALUE_MAX);
		CHECK(strlen(p->value) == p->value_len);
		CHECK(text_utf8_valid(p->name, nlen));
		CHECK(text_utf8_valid(p->value, p->value_len));
		CHECK(clean(p->name, nlen, false));
		CHECK(clean(p->value, p->value_len, true));
	}
}

/* What a form held before a parse, to see that the parse left it alone. */
struct snap {
	int n;
	size_t len;
	char *text;	/* the pairs' names and values, one after another */
	size_t text_len;
};

static void
snap_take(struct snap *s, const struct form *f)
{
	size_t w = 0;

	s->n = f->n;
	s->len = f->store_len;
	s->text = malloc(f->store_len + 1);
	CHECK(s->text != NULL);
	for (int i = 0; i < f->n; i++) {
		size_t a = strlen(f->pair[i].name) + 1, b =
		    f->pair[i].value_len + 1;

		memcpy(s->text + w, f->pair[i].name, a);
		memcpy(s->text + w + a, f->pair[i].value, b);
		w += a + b;
	}
	s->text_len = w;
}

/* The first s->n pairs of f are as they were. */
static void
snap_same(const struct snap *s, const struct form *f)
{
	size_t w = 0;

	CHECK(f->n >= s->n);
	for (int i = 0; i < s->n; i++) {
		size_t a = strlen(f->pair[i].name) + 1, b =
		    f->pair[i].value_len + 1;

		CHECK(w + a + b <= s->text_len);
		CHECK(memcmp(s->text + w, f->pair[i].name, a) == 0);
		CHECK(memcmp(s->text + w + a, f->pair[i].value, b) == 0);
		w += a + b;
	}
	CHECK(w == s->text_len);
	free(s->text);
}

/* Percent-encode every byte that is not a letter or digit. */
static size_t
encode(char *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')) {
			out[w++] = (char)c;
		} else {
			out[w++] = '%';
			out[w++] = hex[c >> 4];
			out[w++] = hex[c & 0xf];
		}
	}
	return w;
}

/* The pairs from `from` on, encoded again, parse back to themselves. */
static void
round_trip(const struct form *f, int from)
{
	struct form g;
	size_t cap = 1, w = 0;
	char *buf;

	for (int i = from; i < f->n; i++)
		cap += 3 * (strlen(f->pair[i].name) + f->pair[i].value_len) +
		    2;
	buf = malloc(cap);
	CHECK(buf != NULL);
	for (int i = from; i < f->n; i++) {
		if (i > from)
			buf[w++] = '&';
		w += encode(buf + w, f->pair[i].name,
		    strlen(f->pair[i].name));
		buf[w++] = '=';
		w += encode(buf + w, f->pair[i].value, f->pair[i].value_len);
	}
	CHECK(w < cap);
	form_init(&g);
	CHECK(form_parse_urlencoded(&g, buf, w, NULL) == HERR_OK);
	CHECK(g.n == f->n - from);
	for (int i = 0; i < g.n; i++) {
		CHECK(strcmp(g.pair[i].name, f->pair[from + i].name) == 0);
		CHECK(g.pair[i].value_len == f->pair[from + i].value_len);
		CHECK(memcmp(g.pair[i].value, f->pair[from + i].value,
		    g.pair[i].value_len) == 0);
	}
	form_clear(&g);
	free(buf);
}

static bool
is_tchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static void
parse(struct form *f, bool cookies, const char *s, size_t n)
{
	struct hdiag d;
	struct snap sn;
	enum herr e;

	snap_take(&sn, f);
	hdiag_clear(&d);
	e = cookies ? form_parse_cookies(f, s, n, &d) :
	    form_parse_urlencoded(f, s, n, &d);
	if (e != HERR_OK) {
		CHECK(e == HERR_INVALID);
		CHECK(f->n == sn.n);
		CHECK(f->store_len == sn.len);
		CHECK(d.msg[0] != '\0');
		CHECK(strlen(d.msg) < sizeof(d.msg));
	} else {
		check_pairs(f, sn.n);
		if (cookies) {
			for (int i = sn.n; i < f->n; i++) {
				const struct form_pair *p = &f->pair[i];

				for (const char *c = p->name; *c; c++)
					CHECK(is_tchar((unsigned char)*c));
				CHECK(strchr(p->value, ';') == NULL);
				CHECK(p->value_len == 0 ||
				    (!strchr(" \t", p->value[0]) &&
				    !strchr(" \t",
				    p->value[p->value_len - 1])));
			}
		} else {
			round_trip(f, sn.n);
		}
	}
	snap_same(&sn, f);
}

static void
check_table(const struct form *f)
{
	struct hdiag d[4];
	int nbad = -1;
	enum herr e;

	e = form_check(f, fields, (int)(sizeof(fields) / sizeof(fields[0])),
	    d, 4, &nbad);
	CHECK(nbad >= 0 && nbad <= 4);
	CHECK((e == HERR_OK) == (nbad == 0));
	for (int i = 0; i < nbad; i++) {
		CHECK(d[i].msg[0] != '\0');
		CHECK(strlen(d[i].msg) < sizeof(d[i].msg));
		CHECK(strlen(d[i].field) < sizeof(d[i].field));
		CHECK(strlen(d[i].value) < sizeof(d[i].value));
	}
	CHECK(form_check(f, fields, 0, NULL, 0, NULL) ==
	    (f->n ? HERR_INVALID : HERR_OK));
}

/* form_valid_int accepts exactly -?[0-9]+ within int64, as strtoll reads. */
static void
check_int(const char *s)
{
	const char *p = s + (s[0] == '-');
	bool digits = *p != '\0';
	long long v;
	char *end;

	for (; *p; p++)
		digits = digits && *p >= '0' && *p <= '9';
	errno = 0;
	v = strtoll(s, &end, 10);
	(void)v;
	if (form_valid_int(s, "Number", NULL) == HERR_OK)
		CHECK(digits && *end == '\0' && errno == 0);
	else
		CHECK(!digits || errno == ERANGE);
	CHECK(form_valid_yesno(s, "Consent", NULL) == (strcmp(s, "yes") == 0 ||
	    strcmp(s, "no") == 0 ? HERR_OK : HERR_INVALID));
	if (form_valid_date(s, "Date", NULL) == HERR_OK)
		CHECK(strlen(s) == 10 && s[4] == '-' && s[7] == '-');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct form f;
	char *z;

	/* A pair first, so that a refusal must take back only its own
	 * pairs and growth must carry the earlier ones along. */
	form_init(&f);
	CHECK(form_parse_urlencoded(&f, "pre=1", 5, NULL) == HERR_OK);
	parse(&f, false, s, size);
	check_table(&f);
	parse(&f, false, s, size);	/* twice: the field limit across parses */
	CHECK(strcmp(f.pair[0].name, "pre") == 0);
	CHECK(strcmp(f.pair[0].value, "1") == 0);
	form_clear(&f);

	form_init(&f);
	parse(&f, true, s, size);
	check_table(&f);
	form_clear(&f);

	if (size < 64 && memchr(data, '\0', size) == NULL) {
		z = malloc(size + 1);
		CHECK(z != NULL);
		memcpy(z, data, size);
		z[size] = '\0';
		check_int(z);
		free(z);
	}
	return 0;
}
