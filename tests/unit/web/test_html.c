/*
 * test_html.c: the HTML writer escapes every byte HTML gives a meaning, in
 * text and in attribute values, whatever path the text takes (plain,
 * counted, formatted, URL part); a page never grows past its limit; and the
 * buffer changes hands cleanly.
 *
 * Expected output is written out by hand from the HTML standard's list of
 * characters that end text or a quoted attribute (& < > " '), not produced
 * by html.c's own table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/html.h"
#include "testutil.h"
#include "core/banned.h"

struct esc_case {
	const char *in;
	const char *out;
};

/* Text in, exactly what the page must hold. */
static const struct esc_case text_cases[] = {
	{ "", "" },
	{ "Amara Okafor", "Amara Okafor" },
	{ "a&b", "a&amp;b" },
	{ "<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "\"quoted\"", "&quot;quoted&quot;" },
	{ "O'Brien", "O&#39;Brien" },
	{ "&<>\"'", "&amp;&lt;&gt;&quot;&#39;" },
	{ "&amp;", "&amp;amp;" },		/* never trusted as an entity */
	{ "&#60;", "&amp;#60;" },
	{ "Zo\xc3\xab \xe2\x82\xac", "Zo\xc3\xab \xe2\x82\xac" },
	{ "line 1\nline 2\t", "line 1\nline 2\t" },
	{ "a=b; c/d?e#f%20", "a=b; c/d?e#f%20" },
	{ "x\" onmouseover=\"alert(1)",
	    "x&quot; onmouseover=&quot;alert(1)" },
	{ "' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x" },
	{ "<<<>>>", "&lt;&lt;&lt;&gt;&gt;&gt;" },
	{ "`backtick` =equals", "`backtick` =equals" },
};

/* Bytes that must never reach a page as themselves. */
static const char specials[] = "&<>\"'";

static void
assert_page(struct html *h, const char *want)
{
	assert_false(html_failed(h));
	assert_non_null(h->buf);
	assert_int_equal(h->len, strlen(want));
	assert_string_equal(h->buf, want);
}

static void
test_text_escaped(void **state)
{
	struct html h;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(text_cases); i++) {
		html_init(&h, 0);
		html_text(&h, text_cases[i].in);
		if (h.len != strlen(text_cases[i].out) ||
		    (h.len && strcmp(h.buf, text_cases[i].out) != 0))
			fail_msg("case %zu: \"%s\" gave \"%s\"", i,
			    text_cases[i].in, h.buf ? h.buf : "(null)");
		html_clear(&h);
	}
}

/* Every one of the 255 non-NUL bytes alone: a special byte becomes its
 * entity, any other byte is itself. */
static void
test_every_byte(void **state)
{
	static const char *const entity[] = { "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;" };
	struct html h;
	char in[2] = { 0, 0 };
	const char *sp;

	(void)state;
	for (int c = 1; c < 256; c++) {
		in[0] = (char)c;
		html_init(&h, 0);
		html_text(&h, in);
		sp = strchr(specials, c);
		if (sp != NULL)
			assert_string_equal(h.buf, entity[sp - specials]);
		else
			assert_string_equal(h.buf, in);
		html_clear(&h);
	}
}

/* The same cases, as a quoted attribute value: the quotes cannot be
 * escaped from and no attribute can be smuggled in. */
static void
test_attr_escaped(void **state)
{
	char want[256];
	struct html h;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(text_cases); i++) {
		html_init(&h, 0);
		html_lit(&h, "<input");
		html_attr(&h, "value", text_cases[i].in);
		html_lit(&h, ">");
		snprintf(want, sizeof(want), "<input value=\"%s\">",
		    text_cases[i].out);
		assert_page(&h, want);
		/* Exactly two '"' and no '<' or '>' between the tag's
		 * brackets: the value stayed inside its quotes. */
		assert_null(strchr(h.buf + 1, '<'));
		assert_ptr_equal(strchr(h.buf, '>'), h.buf + h.len - 1);
		assert_ptr_equal(strchr(strchr(strchr(h.buf, '"') + 1, '"') +
		    1, '"'), NULL);
		html_clear(&h);
	}
}

static void
test_attr_null_and_formatted(void **state)
{
	struct html h;

	(void)state;
	html_init(&h, 0);
	html_lit(&h, "<a");
	html_attr(&h, "title", NULL);
	html_attrf(&h, "href", "/children/%d?q=%s", 42, "a\"b<c>'d&e");
	html_lit(&h, ">");
	assert_page(&h, "<a title=\"\" href=\"/children/42?q=a&quot;b&lt;c"
	    "&gt;&#39;d&amp;e\">");
	html_clear(&h);
}

/* Formatting happens first, then escaping: a %s argument and the literal
 * text of the format are both escaped. */
static void
test_textf_escapes_after_formatting(void **state)
{
	char big[1001], want[5200];
	struct html h;
	size_t w = 0;

	(void)state;
	html_init(&h, 0);
	html_textf(&h, "%s & %d <%s>", "<b>Tom's</b>", -3, "x\"y");
	assert_page(&h, "&lt;b&gt;Tom&#39;s&lt;/b&gt; &amp; -3 &lt;x&quot;y"
	    "&gt;");
	html_clear(&h);

	/* Longer than any stack buffer the writer might format into. */
	for (size_t i = 0; i < sizeof(big) - 1; i++)
		big[i] = "a<&"[i % 3];
	big[sizeof(big) - 1] = '\0';
	for (size_t i = 0; i < sizeof(big) - 1; i++) {
		const char *e = big[i] == '<' ? "&lt;" : big[i] == '&' ?
		    "&amp;" : "a";

		memcpy(want + w, e, strlen(e));
		w += strlen(e);
	}
	memcpy(want + w, "!&quot;", 8);
	html_init(&h, 0);
	html_textf(&h, "%s!\"", big);
	assert_page(&h, want);
	html_clear(&h);
}

/* A counted string: only n bytes are read, and a NUL inside is shown as
 * U+FFFD rather than cutting the page short. */
static void
test_textn(void **state)
{
	struct html h;
	char *p = malloc(5);

	(void)state;
	assert_non_null(p);
	memcpy(p, "<ab>&", 5);	/* no terminator: ASan sees a read past 5 */
	html_init(&h, 0);
	html_textn(&h, p, 3);
	html_textn(&h, p, 5);
	html_textn(&h, "a\0b", 3);
	assert_page(&h, "&lt;ab&lt;ab&gt;&amp;a\xef\xbf\xbd" "b");
	free(p);
	html_clear(&h);
}

static void
test_int(void **state)
{
	struct html h;

	(void)state;
	html_init(&h, 0);
	html_int(&h, 0);
	html_lit(&h, " ");
	html_int(&h, -1);
	html_lit(&h, " ");
	html_int(&h, INT64_MAX);
	html_lit(&h, " ");
	html_int(&h, INT64_MIN);
	assert_page(&h, "0 -1 9223372036854775807 -9223372036854775808");
	html_clear(&h);
}

/* URL parts: RFC 3986 unreserved bytes stay, everything else is %XX with
 * upper-case hex, so the result is safe in a path, a query and HTML. */
static const struct esc_case url_cases[] = {
	{ "", "" },
	{ "AZaz09-._~", "AZaz09-._~" },
	{ "a b", "a%20b" },
	{ "a&b", "a%26b" },
	{ "a/b", "a%2Fb" },
	{ "a?b", "a%3Fb" },
	{ "a#b", "a%23b" },
	{ "a=b", "a%3Db" },
	{ "a+b", "a%2Bb" },
	{ "100%", "100%25" },
	{ "<\"'>", "%3C%22%27%3E" },
	{ "Zo\xc3\xab", "Zo%C3%AB" },
	{ "\xe2\x82\xac", "%E2%82%AC" },
	{ "\x7f\x01\xff", "%7F%01%FF" },
	{ "../etc/passwd", "..%2Fetc%2Fpasswd" },
	{ "javascript:alert(1)", "javascript%3Aalert%281%29" },
};

static void
test_urlpart(void **state)
{
	char want[128];
	struct html h;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(url_cases); i++) {
		html_init(&h, 0);
		html_urlpart(&h, url_cases[i].in);
		if (h.len != strlen(url_cases[i].out) ||
		    (h.len && strcmp(h.buf, url_cases[i].out) != 0))
			fail_msg("case %zu: \"%s\" gave \"%s\"", i,
			    url_cases[i].in, h.buf ? h.buf : "(null)");
		/* Nothing HTML-special survives the encoding. */
		for (const char *sp = specials; *sp; sp++)
			assert_true(h.len == 0 || !strchr(h.buf, *sp));
		html_clear(&h);

		/* Put inside an href, as a search box's value is. */
		html_init(&h, 0);
		html_lit(&h, "<a href=\"/search?q=");
		html_urlpart(&h, url_cases[i].in);
		html_lit(&h, "\">");
		snprintf(want, sizeof(want), "<a href=\"/search?q=%s\">",
		    url_cases[i].out);
		assert_page(&h, want);
		html_clear(&h);
	}
}

/* Every byte 0x01-0xFF: kept only when unreserved, else %XX. */
static void
test_urlpart_every_byte(void **state)
{
	char in[2] = { 0, 0 }, want[4];
	struct html h;

	(void)state;
	for (int c = 1; c < 256; c++) {
		in[0] = (char)c;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c))
			snprintf(want, sizeof(want), "%c", c);
		else
			snprintf(want, sizeof(want), "%%%02X", c);
		html_init(&h, 0);
		html_urlpart(&h, in);
		assert_string_equal(h.buf, want);
		html_clear(&h);
	}
}

/* NULL text writes nothing, through every entry point that takes text. */
static void
test_null_writes_nothing(void **state)
{
	struct html h;

	(void)state;
	html_init(&h, 0);
	html_text(&h, NULL);
	html_textn(&h, NULL, 10);
	html_urlpart(&h, NULL);
	assert_int_equal(h.len, 0);
	assert_false(html_failed(&h));
	html_lit(&h, "<p>");
	html_text(&h, NULL);
	html_lit(&h, "</p>");
	assert_page(&h, "<p></p>");
	html_clear(&h);
}

/*
 * The limit: a write that would pass it is dropped whole and the page is
 * marked failed; every later write is dropped too, even one that would
 * fit.  The buffer never holds more than max bytes and its NUL (ASan would
 * see a write past it).
 */
struct limit_case {
	size_t max;
	const char *first;	/* written with html_textn (no specials) */
	const char *second;	/* written with html_text */
	const char *want;	/* the page afterwards */
	bool failed;
};

static const struct limit_case limit_cases[] = {
	{ 10, "12345", "67890", "1234567890", false },	/* exactly max */
	{ 10, "12345", "678901", "12345", true },	/* one byte over */
	{ 10, "12345", "&", "12345&amp;", false },	/* entity fits */
	{ 10, "123456", "&", "123456", true },		/* entity does not */
	{ 7, "", "<>", "", true },			/* 8 bytes: 2 chars */
	{ 8, "", "<>", "&lt;&gt;", false },
	{ 1, "", "a", "a", false },
	{ 1, "", "ab", "", true },
};

static void
test_limit(void **state)
{
	struct html h;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(limit_cases); i++) {
		const struct limit_case *c = &limit_cases[i];

		html_init(&h, c->max);
		html_textn(&h, c->first, strlen(c->first));
		html_text(&h, c->second);
		if (html_failed(&h) != c->failed)
			fail_msg("case %zu: failed is %d", i, html_failed(&h));
		assert_int_equal(h.len, strlen(c->want));
		if (h.len)
			assert_string_equal(h.buf, c->want);
		assert_true(h.len <= c->max);
		assert_true(h.cap <= c->max + 1);
		/* Once failed, nothing more gets in. */
		html_lit(&h, "x");
		html_int(&h, 1);
		html_urlpart(&h, "y");
		html_textf(&h, "%s", "z");
		html_lit(&h, "<a");
		html_attr(&h, "b", "c");
		if (c->failed) {
			assert_int_equal(h.len, strlen(c->want));
			assert_true(html_failed(&h));
		}
		html_clear(&h);
	}
}

/* Each kind of write on its own overflows cleanly. */
static void
test_limit_each_writer(void **state)
{
	struct html h;

	(void)state;
	html_init(&h, 4);
	html_lit(&h, "<p>xx");
	assert_true(html_failed(&h));
	assert_int_equal(h.len, 0);
	html_clear(&h);

	html_init(&h, 4);
	html_int(&h, -12345);
	assert_true(html_failed(&h));
	html_clear(&h);

	html_init(&h, 4);
	html_urlpart(&h, "a b");	/* 5 bytes encoded */
	assert_true(html_failed(&h));
	assert_int_equal(h.len, 0);
	html_clear(&h);

	html_init(&h, 9);
	html_attr(&h, "id", "abcd");	/* ` id="abcd"` is 10 bytes */
	assert_true(html_failed(&h));
	assert_int_equal(h.len, 0);
	html_clear(&h);

	html_init(&h, 10);
	html_attrf(&h, "id", "%s", "abcd");
	assert_page(&h, " id=\"abcd\"");
	html_clear(&h);

	html_init(&h, 5);
	html_textf(&h, "%d", 123456);
	assert_true(html_failed(&h));
	html_clear(&h);
}

/* The default limit is 8 MiB, and a page that passes it stops there. */
static void
test_default_limit(void **state)
{
	const size_t mib = (size_t)1 << 20;
	struct html h;
	char *chunk = malloc(mib + 1);
	int i;

	(void)state;
	assert_non_null(chunk);
	memset(chunk, 'a', mib);
	chunk[mib] = '\0';
	html_init(&h, 0);
	assert_int_equal(h.max, 8 * mib);
	for (i = 0; i < 8; i++)
		html_text(&h, chunk);
	assert_false(html_failed(&h));
	assert_int_equal(h.len, 8 * mib);
	html_lit(&h, "b");
	assert_true(html_failed(&h));
	assert_int_equal(h.len, 8 * mib);
	assert_true(h.cap <= 8 * mib + 1);
	html_clear(&h);
	free(chunk);
}

/* A long page of many small writes grows correctly: every row is there,
 * in order, escaped. */
static void
test_long_page(void **state)
{
	const int rows = 20000;
	char want[64];
	struct html h;
	const char *p;
	int i, n;

	(void)state;
	html_init(&h, 0);
	html_lit(&h, "<table>");
	for (i = 0; i < rows; i++) {
		html_lit(&h, "<tr><td");
		html_attrf(&h, "id", "r%d", i);
		html_lit(&h, ">");
		html_textf(&h, "%d <&>", i);
		html_lit(&h, "</td></tr>");
	}
	html_lit(&h, "</table>");
	assert_false(html_failed(&h));
	assert_int_equal(strlen(h.buf), h.len);
	assert_true(h.cap > h.len);
	p = h.buf + strlen("<table>");
	for (i = 0; i < rows; i++) {
		n = snprintf(want, sizeof(want), "<tr><td id=\"r%d\">%d "
		    "&lt;&amp;&gt;</td></tr>", i, i);
		if (strncmp(p, want, (size_t)n) != 0)
			fail_msg("row %d is wrong", i);
		p += n;
	}
	assert_string_equal(p, "</table>");
	html_clear(&h);
}

/* html_take hands over the buffer: the caller frees it with free(), and
 * `h` is left empty and usable with the same limit. */
static void
test_take(void **state)
{
	struct html h;
	size_t len = 99;
	char *page, *again;

	(void)state;
	html_init(&h, 100);
	html_lit(&h, "<p>");
	html_text(&h, "a&b");
	html_lit(&h, "</p>");
	page = html_take(&h, &len);
	assert_non_null(page);
	assert_int_equal(len, strlen("<p>a&amp;b</p>"));
	assert_string_equal(page, "<p>a&amp;b</p>");
	assert_null(h.buf);
	assert_int_equal(h.len, 0);
	assert_int_equal(h.cap, 0);
	assert_false(html_failed(&h));
	assert_int_equal(h.max, 100);

	/* Reusable, and the page taken is not touched by later writes. */
	html_text(&h, "second");
	assert_page(&h, "second");
	assert_string_equal(page, "<p>a&amp;b</p>");
	again = html_take(&h, NULL);
	assert_string_equal(again, "second");
	free(again);
	free(page);

	/* Taking an empty page gives "" that free() accepts. */
	html_init(&h, 0);
	page = html_take(&h, &len);
	assert_non_null(page);
	assert_int_equal(len, 0);
	assert_string_equal(page, "");
	free(page);
	html_clear(&h);
	html_clear(&h);		/* clearing twice is harmless */
}

/* html_clear frees and empties; the struct is reusable after html_init. */
static void
test_clear_reuse(void **state)
{
	struct html h;

	(void)state;
	html_init(&h, 16);
	html_text(&h, "0123456789abcdefg");
	assert_true(html_failed(&h));
	html_clear(&h);
	assert_null(h.buf);
	assert_int_equal(h.len, 0);
	assert_false(html_failed(&h));
	html_init(&h, 16);
	html_text(&h, "ok");
	assert_page(&h, "ok");
	html_clear(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escaped),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_attr_escaped),
		cmocka_unit_test(test_attr_null_and_formatted),
		cmocka_unit_test(test_textf_escapes_after_formatting),
		cmocka_unit_test(test_textn),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_urlpart),
		cmocka_unit_test(test_urlpart_every_byte),
		cmocka_unit_test(test_null_writes_nothing),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_limit_each_writer),
		cmocka_unit_test(test_default_limit),
		cmocka_unit_test(test_long_page),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_clear_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
