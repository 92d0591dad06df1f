/*
 * test_text.c: the UTF-8, control-character and length checks every piece of
 * stored text passes, and the copy that never truncates silently.
 *
 * The UTF-8 tables are written from the Unicode standard's table of
 * well-formed byte sequences (Unicode 15, table 3-7), not from text.c: each
 * invalid entry breaks exactly one line of that table.  Every case is copied
 * into a heap buffer of exactly its length, with no NUL after it, so that
 * the sanitizer build catches a read past `n`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"


/* A byte string and its length (it may hold a NUL). */
struct bytes {
	const char *s;
	size_t n;
	const char *why;
};
#define B(lit, why) { lit, sizeof(lit) - 1, why }

static const struct bytes utf8_valid[] = {
	B("", "empty"),
	B("abc", "ASCII"),
	B("a\0b", "a NUL is ASCII"),
	B("\x7f", "DEL is ASCII (text_check refuses it, not this)"),
	B("\xc2\x80", "U+0080, lowest 2-byte"),
	B("\xc3\xa9", "U+00E9 e acute"),
	B("Zo\xc3\xab", "Zoe with diaeresis"),
	B("\xdf\xbf", "U+07FF, highest 2-byte"),
	B("\xe0\xa0\x80", "U+0800, lowest 3-byte"),
	B("\xe2\x82\xac", "U+20AC euro"),
	B("Nguy\xe1\xbb\x85n", "Vietnamese"),
	B("\xed\x9f\xbf", "U+D7FF, just below the surrogates"),
	B("\xee\x80\x80", "U+E000, just above the surrogates"),
	B("\xef\xbf\xbd", "U+FFFD replacement character"),
	B("\xef\xbf\xbf", "U+FFFF, highest 3-byte"),
	B("\xf0\x90\x80\x80", "U+10000, lowest 4-byte"),
	B("\xf0\x9d\x84\x9e", "U+1D11E musical symbol"),
	B("\xf0\x9f\x98\x80", "U+1F600 emoji"),
	B("\xf4\x8f\xbf\xbf", "U+10FFFF, the last code point"),
	B("a\xc3\xa9" "b\xe2\x82\xac" "c\xf0\x9f\x98\x80" "d", "mixed"),
};

static const struct bytes utf8_invalid[] = {
	/* continuation bytes with no lead */
	B("\x80", "lone continuation 80"),
	B("\xbf", "lone continuation BF"),
	B("a\x80" "b", "continuation between ASCII"),
	B("\xc3\xa9\xa9", "one continuation too many"),
	/* overlong encodings */
	B("\xc0\x80", "overlong NUL"),
	B("\xc0\xaf", "overlong '/'"),
	B("\xc1\xbf", "overlong U+007F"),
	B("\xe0\x80\x80", "overlong 3-byte NUL"),
	B("\xe0\x9f\xbf", "overlong U+07FF"),
	B("\xf0\x80\x80\x80", "overlong 4-byte NUL"),
	B("\xf0\x8f\xbf\xbf", "overlong U+FFFF"),
	/* UTF-16 surrogates */
	B("\xed\xa0\x80", "U+D800, first high surrogate"),
	B("\xed\xaf\xbf", "U+DBFF, last high surrogate"),
	B("\xed\xb0\x80", "U+DC00, first low surrogate"),
	B("\xed\xbf\xbf", "U+DFFF, last surrogate"),
	B("\xed\xa0\xbd\xed\xb8\x80", "CESU-8 surrogate pair"),
	/* beyond U+10FFFF, and bytes that never start a character */
	B("\xf4\x90\x80\x80", "U+110000"),
	B("\xf5\x80\x80\x80", "F5 lead"),
	B("\xf7\xbf\xbf\xbf", "U+1FFFFF"),
	B("\xf8\x88\x80\x80\x80", "5-byte form"),
	B("\xfc\x84\x80\x80\x80\x80", "6-byte form"),
	B("\xfe", "FE"),
	B("\xff", "FF"),
	/* truncated sequences */
	B("\xc3", "2-byte lead alone"),
	B("\xe2\x82", "3-byte, one continuation"),
	B("\xe2", "3-byte lead alone"),
	B("\xf0\x9f\x98", "4-byte, two continuations"),
	B("\xf0\x9f", "4-byte, one continuation"),
	B("abc\xc3", "lead at the end of text"),
	B("\xe2\x82" "a", "3-byte cut short by ASCII"),
	B("\xc3\x28", "2-byte with ASCII in place of continuation"),
	B("\xe2\x28\xa1", "3-byte with a bad second byte"),
	B("\xe2\x82\x28", "3-byte with a bad third byte"),
	B("\xf0\x9f\x98\x28", "4-byte with a bad last byte"),
	B("\xc3\xc3\xa9", "lead followed by a lead"),
};

/* A heap copy of exactly n bytes, no terminator, for ASan to guard. */
static char *
exact(const struct bytes *b)
{
	char *p = malloc(b->n ? b->n : 1);

	assert_non_null(p);
	if (b->n)
		memcpy(p, b->s, b->n);
	return p;
}

static void
test_utf8_valid(void **state)
{
	size_t i;
	char *p;

	(void)state;
	for (i = 0; i < NELEM(utf8_valid); i++) {
		p = exact(&utf8_valid[i]);
		if (!text_utf8_valid(p, utf8_valid[i].n))
			fail_msg("refused: %s", utf8_valid[i].why);
		free(p);
	}
}

static void
test_utf8_invalid(void **state)
{
	size_t i;
	char *p;

	(void)state;
	for (i = 0; i < NELEM(utf8_invalid); i++) {
		p = exact(&utf8_invalid[i]);
		if (text_utf8_valid(p, utf8_invalid[i].n))
			fail_msg("accepted: %s", utf8_invalid[i].why);
		free(p);
	}
}

/* Only n bytes are looked at: a sequence cut by n is truncated even if the
 * bytes after it would complete it, and bad bytes past n do not matter. */
static void
test_utf8_length_respected(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("\xe2\x82\xac", 3));
	assert_false(text_utf8_valid("\xe2\x82\xac", 2));
	assert_false(text_utf8_valid("\xe2\x82\xac", 1));
	assert_true(text_utf8_valid("\xe2\x82\xac", 0));
	assert_true(text_utf8_valid("ab\xff", 2));
	assert_false(text_utf8_valid("ab\xff", 3));
	assert_true(text_utf8_valid("\xf4\x8f\xbf\xbf", 4));
	assert_false(text_utf8_valid("\xf4\x8f\xbf\xbf", 3));
}

/* Every 2- and 3-byte sequence agrees with the code point it encodes. */
static void
test_utf8_exhaustive_short(void **state)
{
	unsigned char b[3];
	unsigned a, c, d, cp;
	bool want;

	(void)state;
	for (a = 0xc0; a <= 0xdf; a++)
		for (c = 0; c <= 0xff; c++) {
			b[0] = (unsigned char)a;
			b[1] = (unsigned char)c;
			cp = (a & 0x1f) << 6 | (c & 0x3f);
			want = (c & 0xc0) == 0x80 && cp >= 0x80;
			if (text_utf8_valid((const char *)b, 2) != want)
				fail_msg("%02X %02X", a, c);
		}
	for (a = 0xe0; a <= 0xef; a++)
		for (c = 0x80; c <= 0xbf; c++)
			for (d = 0; d <= 0xff; d += 0x11) {
				b[0] = (unsigned char)a;
				b[1] = (unsigned char)c;
				b[2] = (unsigned char)d;
				cp = (a & 0x0f) << 12 | (c & 0x3f) << 6 |
				    (d & 0x3f);
				want = (d & 0xc0) == 0x80 && cp >= 0x800 &&
				    !(cp >= 0xd800 && cp <= 0xdfff);
				if (text_utf8_valid((const char *)b, 3) != want)
					fail_msg("%02X %02X %02X", a, c, d);
			}
}

/* text_check: the string, its limit and flags, and the expected outcome. */
struct check_case {
	const char *s;
	size_t max;
	unsigned flags;
	const char *msg;	/* NULL: accepted; else a phrase of the message */
	bool echo;		/* the refused text is put in diag.value */
};

#define REQ TEXT_REQUIRED
#define ML TEXT_MULTILINE

static const struct check_case check_valid[] = {
	{ "Amara", 100, REQ, NULL, false },
	{ "Mary Ann", 100, REQ, NULL, false },
	{ "O'Brien-Smith", 100, REQ, NULL, false },
	{ "", 100, 0, NULL, false },			/* optional, empty */
	{ NULL, 100, 0, NULL, false },			/* optional, absent */
	{ "abcde", 5, REQ, NULL, false },		/* exactly max bytes */
	{ "\xc3\xa9\xc3\xa9", 4, REQ, NULL, false },	/* 2 chars, 4 bytes */
	{ "Zo\xc3\xab", 100, REQ, NULL, false },
	{ "\xf0\x9f\x98\x80", 4, 0, NULL, false },
	{ "\xc2\xa0" "x", 100, 0, NULL, false },	/* U+00A0 is not C1 */
	{ "line 1\nline 2", 100, ML, NULL, false },
	{ "a\tb\r\nc", 100, ML, NULL, false },
	{ "ends with a newline\n", 100, ML, NULL, false },
	{ "\n", 100, ML | REQ, NULL, false },
	{ "~", 100, REQ, NULL, false },
};

static const struct check_case check_invalid[] = {
	{ "", 100, REQ, "is missing", false },
	{ NULL, 100, REQ, "is missing", false },
	{ "abcdef", 5, REQ, "too long: 6 bytes, at most 5", true },
	{ "abcdef", 5, 0, "too long", true },
	{ "\xc3\xa9\xc3\xa9", 3, 0, "too long: 4 bytes", true },
	{ "a", 0, 0, "too long", true },
	{ "a\nb", 100, 0, "control character at byte 2", false },
	{ "a\tb", 100, REQ, "control character at byte 2", false },
	{ "a\rb", 100, 0, "control character at byte 2", false },
	{ "\t", 100, 0, "control character at byte 1", false },
	{ "ab\x7f", 100, ML, "control character at byte 3", false },
	{ "a\x01", 100, ML, "control character at byte 2", false },
	{ "\x1b[31mred", 100, ML, "control character at byte 1", false },
	{ "x\x1f", 100, 0, "control character at byte 2", false },
	{ "a\xc2\x85" "b", 100, ML, "control character at byte 2", false },
	{ "\xc2\x80", 100, 0, "control character at byte 1", false },
	{ "\xc2\x9f", 100, 0, "control character at byte 1", false },
	{ "\xc3\x28", 100, 0, "not valid UTF-8", false },
	{ "\xc0\xaf", 100, 0, "not valid UTF-8", false },
	{ "\xed\xa0\x80", 100, 0, "not valid UTF-8", false },
	{ "ab\xe2\x82", 100, 0, "not valid UTF-8", false },
	{ " Amara", 100, REQ, "starts or ends with a space", true },
	{ "Amara ", 100, REQ, "starts or ends with a space", true },
	{ " ", 100, 0, "starts or ends with a space", true },
	{ " line\nline", 100, ML, "starts or ends with a space", true },
	{ "line\nline ", 100, ML, "starts or ends with a space", true },
};

static void
test_check_valid(void **state)
{
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(check_valid); i++) {
		const struct check_case *c = &check_valid[i];

		hdiag_clear(&d);
		if (text_check("note", "Note", c->s, c->max, c->flags, &d) !=
		    HERR_OK)
			fail_msg("case %zu refused: %s", i, d.msg);
		assert_string_equal(d.field, "");
		assert_string_equal(d.msg, "");
	}
}

static void
test_check_invalid(void **state)
{
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(check_invalid); i++) {
		const struct check_case *c = &check_invalid[i];

		hdiag_clear(&d);
		if (text_check("given_name", "Given name", c->s, c->max,
		    c->flags, &d) != HERR_INVALID)
			fail_msg("case %zu accepted", i);
		assert_string_equal(d.field, "given_name");
		if (strstr(d.msg, c->msg) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, d.msg,
			    c->msg);
		if (strncmp(d.msg, "Given name", 10) != 0)
			fail_msg("case %zu: \"%s\" does not name the field",
			    i, d.msg);
		/* Bad bytes are never echoed back; a long or spaced value is. */
		assert_string_equal(d.value, c->echo ? c->s : "");
		/* Refused the same way with no diag. */
		assert_int_equal(text_check("given_name", "Given name", c->s,
		    c->max, c->flags, NULL), HERR_INVALID);
	}
}

/* Long text is reported in diag.value clipped with "...", not overrun. */
static void
test_check_long_value_clipped(void **state)
{
	char big[400];
	struct hdiag d;

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(text_check("notes", "Notes", big, 100, 0, &d),
	    HERR_INVALID);
	assert_string_equal(d.field, "notes");
	assert_int_equal(strlen(d.value), sizeof(d.value) - 1);
	assert_string_equal(d.value + sizeof(d.value) - 4, "...");
	assert_non_null(strstr(d.msg, "399 bytes, at most 100"));
	big[100] = '\0';
	assert_int_equal(text_check("notes", "Notes", big, 100, 0, &d),
	    HERR_OK);
}

struct copy_case {
	const char *s;
	size_t cap;
	enum herr want;
	const char *out;
};

static const struct copy_case copy_cases[] = {
	{ "abc", 4, HERR_OK, "abc" },		/* exactly fits with its NUL */
	{ "abc", 10, HERR_OK, "abc" },
	{ "", 1, HERR_OK, "" },
	{ NULL, 1, HERR_OK, "" },
	{ NULL, 8, HERR_OK, "" },
	{ "\xc3\xa9", 3, HERR_OK, "\xc3\xa9" },
	{ "abcd", 4, HERR_INVALID, "" },	/* one byte short: refused */
	{ "abcdefgh", 4, HERR_INVALID, "" },
	{ "a", 1, HERR_INVALID, "" },
	{ "\xc3\xa9", 2, HERR_INVALID, "" },	/* never half a character */
};

static void
test_copy(void **state)
{
	char buf[32];
	size_t i, j;

	(void)state;
	for (i = 0; i < NELEM(copy_cases); i++) {
		const struct copy_case *c = &copy_cases[i];

		memset(buf, '#', sizeof(buf));
		if (text_copy(buf, c->cap, c->s) != c->want)
			fail_msg("case %zu: wrong status", i);
		assert_string_equal(buf, c->out);
		/* Nothing written past the capacity. */
		for (j = c->cap; j < sizeof(buf); j++)
			if (buf[j] != '#')
				fail_msg("case %zu: byte %zu overwritten", i, j);
	}
}

/* A heap destination of exact size: the sanitizer sees any overrun. */
static void
test_copy_exact_heap(void **state)
{
	char *dst = malloc(6);

	(void)state;
	assert_non_null(dst);
	assert_int_equal(text_copy(dst, 6, "hello"), HERR_OK);
	assert_string_equal(dst, "hello");
	assert_int_equal(text_copy(dst, 6, "hello!"), HERR_INVALID);
	assert_string_equal(dst, "");
	free(dst);
}

/* Cutting, trimming and ids, for forms and display. */
static void
test_cut_trim_id(void **state)
{
	static const struct {
		const char *in;
		int64_t id;
	} ids[] = {
		{ "1", 1 }, { "42", 42 }, { "9223372036854775807", INT64_MAX },
		{ NULL, 0 }, { "", 0 }, { "0", 0 }, { "-3", 0 }, { "+3", 0 },
		{ " 3", 0 }, { "3 ", 0 }, { "3a", 0 }, { "0x10", 0 },
	};
	char buf[6];

	(void)state;
	assert_string_equal(text_nz(NULL), "");
	assert_string_equal(text_nz("a"), "a");
	text_cut(buf, sizeof(buf), "hello");
	assert_string_equal(buf, "hello");
	text_cut(buf, sizeof(buf), "hello world");
	assert_string_equal(buf, "hello");
	/* "abcé" + "é": the second é does not fit whole, so it is left out. */
	text_cut(buf, sizeof(buf), "abc\xc3\xa9\xc3\xa9");
	assert_string_equal(buf, "abc\xc3\xa9");
	text_cut(buf, sizeof(buf), "abcd\xc3\xa9");
	assert_string_equal(buf, "abcd");
	text_cut(buf, sizeof(buf), NULL);
	assert_string_equal(buf, "");
	text_trim(buf, sizeof(buf), " \t\r\nab c\n ");
	assert_string_equal(buf, "ab c");
	text_trim(buf, sizeof(buf), "   ");
	assert_string_equal(buf, "");
	text_trim(buf, 3, "  abcdef ");
	assert_string_equal(buf, "ab");
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (text_id(ids[i].in) != ids[i].id)
			fail_msg("text_id(\"%s\") is %lld", ids[i].in ?
			    ids[i].in : "(null)", (long long)text_id(ids[i].in));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_length_respected),
		cmocka_unit_test(test_utf8_exhaustive_short),
		cmocka_unit_test(test_check_valid),
		cmocka_unit_test(test_check_invalid),
		cmocka_unit_test(test_check_long_value_clipped),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_copy_exact_heap),
		cmocka_unit_test(test_cut_trim_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
