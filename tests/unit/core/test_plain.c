/*
 * test_plain.c: the plain-language checker (core/plain.h) on a table of
 * texts, each with the exact flags it must give (kind, text as shown,
 * line, column, byte offset and length, words, suggestion): whole words,
 * case, multi-word terms across a line break but not a blank line,
 * longest match, the authority's own terms extending the list and
 * replacing a suggestion, UTF-8 columns, long sentences and what does and
 * does not end one, and writing fewer flags than there are.  Then the
 * built-in list itself (every term valid, none twice, each found in its
 * own words) and plain_term_valid's valid[] and invalid[] tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/plain.h"
#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"

#define J PLAIN_JARGON
#define L PLAIN_LONG_SENTENCE

/* Ten plain words, and a sentence of exactly 26 and of exactly 25. */
#define TEN "aa bb cc dd ee ff gg hh ii jj "
#define W26 TEN TEN "aa bb cc dd ee ff."
#define W25 TEN TEN "aa bb cc dd ee."
/* Ten e-acutes: 20 bytes, one word. */
#define E10 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" \
	"\xc3\xa9\xc3\xa9\xc3\xa9"

/* The authority's own terms for the cases that use them. */
static const struct plain_term extras[] = {
	{ "TAC", "the group of workers who help the child" },
	{ "NEGLECT", "our own words for neglect" },
	{ "neglect of health", "not taking the child to the doctor or "
	    "dentist when they need it" },
	{ "CP", "our own words for CP" },
	{ "child's plan", "the plan for the child" },
	{ "", "an empty term matches nothing" },
};

struct want {
	enum plain_flag_kind kind;
	const char *text;	/* as shown */
	int line, column;
	size_t offset, len;
	int words;		/* long sentences */
	/* The suggestion: NULL for the built-in one of `text`, "=term" for
	 * the built-in one of term, else exactly this. */
	const char *plain;
};

struct tcase {
	const char *name;
	const char *text;
	bool extra;
	int n;
	struct want w[6];
};

static const struct tcase cases[] = {
	{ "plain text has no flags", "We will make sure the children get to "
	    "school on time every day. Mum will cook tea.", false, 0,
	    { { 0 } } },
	{ "empty text", "", false, 0, { { 0 } } },
	{ "a word", "There was neglect.", false, 1,
	    { { J, "neglect", 1, 11, 10, 7, 0, NULL } } },
	{ "case does not matter, text is as written", "NEGLECT and Neglect",
	    false, 2, { { J, "NEGLECT", 1, 1, 0, 7, 0, "=neglect" },
	    { J, "Neglect", 1, 13, 12, 7, 0, "=neglect" } } },
	{ "whole words only: lacrosse is not LAC", "lacrosse, blackLAC, LAC.",
	    false, 1, { { J, "LAC", 1, 21, 20, 3, 0, NULL } } },
	{ "an acronym matches only in capitals: send is a word",
	    "We will send it. Send SEND support. Lac and Cin.", false, 1,
	    { { J, "SEND", 1, 23, 22, 4, 0, NULL } } },
	{ "s47 matches, s470 and xs47 do not, s47s does", "s470 and s47 and "
	    "s47s and xs47", false, 2,
	    { { J, "s47", 1, 10, 9, 3, 0, NULL },
	    { J, "s47s", 1, 18, 17, 4, 0, "=s47" } } },
	{ "a plural s", "We met the perpetrators.", false, 1,
	    { { J, "perpetrators", 1, 12, 11, 12, 0, "=perpetrator" } } },
	{ "but not another ending", "Perpetrated and neglecting.", false, 0,
	    { { 0 } } },
	{ "multi-word across a line break, shown on one line",
	    "Mum showed disguised\ncompliance at home.", false, 1,
	    { { J, "disguised compliance", 1, 12, 11, 20, 0, NULL } } },
	{ "multi-word across a run of spaces and tabs", "The core  \t group "
	    "met.", false, 1, { { J, "core group", 1, 5, 4, 13, 0, NULL } } },
	{ "never across a blank line", "It was disguised\n\ncompliance.",
	    false, 0, { { 0 } } },
	{ "a hyphen and a space are the same in a term",
	    "non engagement, non-engagement", false, 2,
	    { { J, "non engagement", 1, 1, 0, 14, 0, "=non-engagement" },
	    { J, "non-engagement", 1, 17, 16, 14, 0, NULL } } },
	{ "longest match: CP plan, not CP", "The CP plan and the CP team.",
	    false, 2, { { J, "CP plan", 1, 5, 4, 7, 0, NULL },
	    { J, "CP", 1, 21, 20, 2, 0, NULL } } },
	{ "longest match: looked after children", "Looked after children "
	    "and a looked after child.", false, 2,
	    { { J, "Looked after children", 1, 1, 0, 21, 0,
	    "=looked after children" },
	    { J, "looked after child", 1, 29, 28, 18, 0, NULL } } },
	{ "one match does not hide a word inside it", "multi-agency work",
	    false, 1, { { J, "multi-agency", 1, 1, 0, 12, 0, NULL } } },
	{ "the authority adds a term", "The TAC met.", true, 1,
	    { { J, "TAC", 1, 5, 4, 3, 0,
	    "the group of workers who help the child" } } },
	{ "without its terms, TAC is not flagged", "The TAC met.", false, 0,
	    { { 0 } } },
	{ "the authority's suggestion replaces the built-in one",
	    "There was neglect.", true, 1,
	    { { J, "neglect", 1, 11, 10, 7, 0,
	    "our own words for neglect" } } },
	{ "the authority's longer term wins", "This is neglect of health "
	    "needs.", true, 1,
	    { { J, "neglect of health", 1, 9, 8, 17, 0,
	    "not taking the child to the doctor or dentist when they need "
	    "it" } } },
	{ "a longer built-in term beats the authority's shorter one",
	    "The CP plan.", true, 1,
	    { { J, "CP plan", 1, 5, 4, 7, 0, NULL } } },
	{ "an apostrophe matches a typographic one", "The child\xe2\x80\x99s "
	    "plan is here.", true, 1,
	    { { J, "child\xe2\x80\x99s plan", 1, 5, 4, 14, 0,
	    "the plan for the child" } } },
	{ "columns count characters, offsets count bytes",
	    "Zo\xc3\xab\xe2\x80\x99s caf\xc3\xa9 \xe2\x80\x94 neglect", false,
	    1, { { J, "neglect", 1, 14, 19, 7, 0, NULL } } },
	{ "a line break starts column 1 again", "\xc3\xbc\nand LAC", false,
	    1, { { J, "LAC", 2, 5, 7, 3, 0, NULL } } },
	{ "letters outside ASCII are part of a word", "LAC\xc3\xa9 and "
	    "\xc3\xa9LAC", false, 0, { { 0 } } },
	{ "punctuation outside ASCII is not", "\xc2\xab" "LAC\xc2\xbb and "
	    "\xe2\x80\x9cLAC\xe2\x80\x9d", false, 2,
	    { { J, "LAC", 1, 2, 2, 3, 0, NULL },
	    { J, "LAC", 1, 12, 15, 3, 0, NULL } } },
	{ "a sentence of 25 words is not long", W25, false, 0, { { 0 } } },
	{ "a sentence of 26 words is", W26, false, 1,
	    { { L, TEN TEN "aa bb cc dd ee ff.", 1, 1, 0,
	    sizeof(W26) - 1, 26, NULL } } },
	{ "the long sentence after a short one", "It is cold.\n" W26, false,
	    1, { { L, W26, 2, 1, 12, sizeof(W26) - 1, 26, NULL } } },
	{ "a long sentence comes before a word that opens it",
	    "Neglect " TEN TEN "aa bb cc dd ee.", false, 2,
	    { { L, "Neglect " TEN TEN "aa bb cc dd ee.", 1, 1, 0,
	    sizeof("Neglect " TEN TEN "aa bb cc dd ee.") - 1, 26,
	    NULL },
	    { J, "Neglect", 1, 1, 0, 7, 0, "=neglect" } } },
	{ "e.g. does not end a sentence", "We saw lots of things e.g. the "
	    "kitchen was cold and there was no food in the fridge and the "
	    "children had not been to school for a week.", false, 1,
	    { { L, "We saw lots of things e.g. the kitchen was cold and there "
	    "was no food in the fridge and the children had not been "
	    "to...", 1, 1, 0, 135, 29, NULL } } },
	{ "nor does a decimal point", "The baby weighed 3.5 kilos at birth "
	    "and 4.1 kilos at eight weeks which is less than the nurse "
	    "expected for a baby of that age.", false, 1,
	    { { L, "The baby weighed 3.5 kilos at birth and 4.1 kilos at eight "
	    "weeks which is less than the nurse expected for a baby of...", 1,
	    1, 0, 126, 26, NULL } } },
	{ "nor do Mr. and an initial", "Mr. Jones met J. Smith and " TEN TEN
	    "aa bb.", false, 1, { { L, "Mr. Jones met J. Smith and " TEN TEN
	    "aa bb.", 1, 1, 0, 27 + 60 + 6, 28, NULL } } },
	{ "etc. before a small letter carries on", TEN "etc. " TEN TEN,
	    false, 1, { { L, TEN "etc. " TEN "aa bb cc dd ee ff gg hh ii jj", 1,
	    1, 0, 30 + 5 + 59, 31,
	    NULL } } },
	{ "etc. before a capital ends one", TEN "etc. Aa bb " TEN TEN,
	    false, 0, { { 0 } } },
	{ "a full stop, ! and ? each end one", "One two three four five "
	    "six seven eight nine ten one two three. Four five six seven "
	    "eight nine ten one two three four! Five six seven eight nine "
	    "ten? One two three four five six seven eight nine.", false, 0,
	    { { 0 } } },
	{ "a blank line ends one", TEN TEN "\n\n" TEN TEN, false, 0,
	    { { 0 } } },
	{ "lines without full stops are a list, not one sentence",
	    "Mum will take the children to school every day\nDad will not "
	    "drink when he looks after them\nThe house will be kept warm "
	    "and clean all week\n", false, 0, { { 0 } } },
	{ "so are bullets", "- mum will take the children to school every "
	    "day\n- dad will not drink when he looks after them\n* the "
	    "house will be kept warm and clean all week\n\xe2\x80\xa2 and "
	    "the children will see their nan on sundays", false, 0,
	    { { 0 } } },
	{ "a bullet breaks even after a comma", "- mum will take the "
	    "children to school every day,\n- dad will not drink when he "
	    "looks after them;\n- the house will be kept warm and clean all "
	    "week", false, 0, { { 0 } } },
	{ "a colon at the end of a line breaks", "we agreed on these things "
	    "today at the meeting with the family:\nmum will take the "
	    "children to school every day and pick them up after", false, 0,
	    { { 0 } } },
	{ "a closing quote or bracket after the full stop still ends one",
	    TEN "kk \"ll mm.\" " TEN "(nn oo pp.) " TEN "qq rr ss", false, 0,
	    { { 0 } } },
	{ "and numbered lines", "1. mum will take the children to school "
	    "every day\n2) dad will not drink when he looks after them\n3. "
	    "the house will be kept warm and clean all week", false, 0,
	    { { 0 } } },
	{ "wrapped prose carrying on in lower case is one sentence",
	    "We are worried that when Dad drinks he shouts\nand the children "
	    "hear it from upstairs and\nthey cannot sleep so they are tired "
	    "at school\nthe next day", false, 1,
	    { { L, "We are worried that when Dad drinks he shouts and the "
	    "children hear it from upstairs and they cannot sleep so they "
	    "are...", 1, 1, 0, 147, 29, NULL } } },
	{ "a long sentence on line 3, at column 3", "Hello.\n\n- " W26,
	    false, 1, { { L, W26, 3, 3, 10, sizeof(W26) - 1, 26, NULL } } },
	{ "a long word is cut at a character boundary",
	    "xy " E10 E10 E10 E10 E10 E10 E10 " " TEN TEN "aa bb cc dd.", false,
	    1, { { L, "xy " E10 E10 E10 E10 E10 "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...", 1, 1, 0,
	    3 + 140 + 1 + 60 + 12, 26, NULL } } },
};

/* The built-in suggestion for `term` (which must be built in). */
static const char *
builtin_plain(const char *term)
{
	int n = 0;
	const struct plain_term *t = plain_default_terms(&n);

	for (int i = 0; i < n; i++)
		if (strcasecmp(t[i].term, term) == 0)
			return t[i].plain;
	fail_msg("\"%s\" is not a built-in term", term);
	return NULL;
}

static void
check_case(const struct tcase *c)
{
	struct plain_flag out[8];
	int n_extra = c->extra ? (int)NELEM(extras) : 0;
	int got;

	memset(out, 0, sizeof(out));
	got = plain_check(c->text, c->extra ? extras : NULL, n_extra, out,
	    (int)NELEM(out));
	if (got != c->n)
		fail_msg("%s: %d flags, wanted %d (first: \"%s\")", c->name,
		    got, c->n, got > 0 ? out[0].text : "");
	for (int i = 0; i < c->n; i++) {
		const struct want *w = &c->w[i];
		const struct plain_flag *f = &out[i];
		const char *plain;

		if (f->kind != w->kind || strcmp(f->text, w->text) != 0 ||
		    f->line != w->line || f->column != w->column ||
		    f->offset != w->offset || f->len != w->len ||
		    (w->kind == L && f->words != w->words))
			fail_msg("%s: flag %d is %s \"%s\" %d:%d @%zu+%zu "
			    "(%d words), wanted %s \"%s\" %d:%d @%zu+%zu "
			    "(%d words)", c->name, i, f->kind == L ? "long" :
			    "jargon", f->text, f->line, f->column, f->offset,
			    f->len, f->words, w->kind == L ? "long" : "jargon",
			    w->text, w->line, w->column, w->offset, w->len,
			    w->words);
		if (w->kind == L) {
			plain = "try splitting it into shorter sentences, one "
			    "idea in each";
		} else {
			plain = w->plain;
			if (plain == NULL)
				plain = builtin_plain(w->text);
			else if (plain[0] == '=')
				plain = builtin_plain(plain + 1);
		}
		if (strcmp(f->plain, plain) != 0)
			fail_msg("%s: flag %d suggests \"%s\", wanted \"%s\"",
			    c->name, i, f->plain, plain);
		if (w->kind == J)
			assert_int_equal(f->words, 0);
		/* The flag points at what it shows. */
		assert_true(f->offset + f->len <= strlen(c->text));
		assert_true(text_utf8_valid(f->text, strlen(f->text)));
	}
}

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		check_case(&cases[i]);
}

/* The text must be read only up to its NUL, and the same text on the heap
 * (exact size) gives the same flags: the sanitizer build catches a read
 * past the end. */
static void
test_heap_copies(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct tcase c = cases[i];
		size_t n = strlen(c.text);
		char *t = malloc(n + 1);

		assert_non_null(t);
		memcpy(t, c.text, n + 1);
		c.text = t;
		check_case(&c);
		free(t);
	}
}

static void
test_fewer_than_there_are(void **state)
{
	const char *text = "LAC and s47 and " W26;
	struct plain_flag out[3];

	(void)state;
	memset(out, 0x5a, sizeof(out));
	assert_int_equal(plain_check(text, NULL, 0, out, 1), 3);
	/* The first is the long sentence (offset 0), then LAC at 0. */
	assert_int_equal(out[0].kind, L);
	assert_int_equal(out[0].offset, 0);
	assert_int_equal(out[0].words, 30);
	/* Nothing is written past max. */
	for (size_t k = 0; k < sizeof(out[1]); k++)
		assert_int_equal(((unsigned char *)&out[1])[k], 0x5a);
	assert_int_equal(plain_check(text, NULL, 0, out, 2), 3);
	assert_int_equal(out[1].kind, J);
	assert_string_equal(out[1].text, "LAC");
	for (size_t k = 0; k < sizeof(out[2]); k++)
		assert_int_equal(((unsigned char *)&out[2])[k], 0x5a);
	/* Counting only. */
	assert_int_equal(plain_check(text, NULL, 0, NULL, 0), 3);
	assert_int_equal(plain_check(text, NULL, 0, out, 0), 3);
	assert_int_equal(plain_check(NULL, NULL, 0, out, 3), 0);
}

/* The built-in list: big enough, every term valid, none twice, and each
 * flagged in its own words with its own suggestion. */
static void
test_builtin_list(void **state)
{
	int n = 0;
	const struct plain_term *t = plain_default_terms(&n);
	struct plain_flag f[2];
	char why[200];

	(void)state;
	assert_non_null(t);
	assert_true(n >= 80);
	for (int i = 0; i < n; i++) {
		if (!plain_term_valid(&t[i], why, sizeof(why)))
			fail_msg("built-in \"%s\": %s", t[i].term, why);
		for (int k = 0; k < i; k++)
			if (strcasecmp(t[i].term, t[k].term) == 0)
				fail_msg("\"%s\" is on the list twice",
				    t[i].term);
		memset(f, 0, sizeof(f));
		if (plain_check(t[i].term, NULL, 0, f, 2) != 1 ||
		    f[0].offset != 0 || f[0].len != strlen(t[i].term) ||
		    strcmp(f[0].plain, t[i].plain) != 0)
			fail_msg("\"%s\" is not found in its own words",
			    t[i].term);
	}
	/* What the brief names must be on it. */
	static const char *const named[] = { "neglect", "domestic violence",
		"domestic abuse", "disguised compliance", "LAC",
		"looked after child", "s47", "section 47", "ICPC", "RCPC",
		"core group", "strategy discussion", "strategy meeting",
		"threshold", "significant harm", "safeguarding", "CIN",
		"placement", "respite", "substance misuse", "non-engagement",
		"parenting capacity", "MASH", "LADO", "PLO", "s20",
		"section 20", "care proceedings", "EHCP", "toxic trio",
		"perpetrator" };
	for (size_t i = 0; i < NELEM(named); i++)
		(void)builtin_plain(named[i]);
}

struct valid_case {
	const char *term;
	const char *plain;
};

static const struct valid_case valid[] = {
	{ "LAC", "a child in care" },
	{ "x", "y" },
	{ "team around the child", "the workers who help" },
	{ "de-escalate", "calm down" },
	{ "child's plan", "the plan" },
	{ "child\xe2\x80\x99s plan", "the plan" },
	{ "s47", "a child protection enquiry" },
	{ "caf\xc3\xa9", "a place to eat" },
	{ "123456789012345678901234567890123456789012345678901234567890",
	    "sixty bytes is allowed" },
};

static const struct valid_case invalid[] = {
	{ "", "empty term" },
	{ " LAC", "starts with a space" },
	{ "LAC ", "ends with a space" },
	{ "-LAC", "starts with a hyphen" },
	{ "LAC'", "ends with an apostrophe" },
	{ "L.A.C", "a full stop" },
	{ "LAC!", "punctuation" },
	{ "LAC\tteam", "a tab" },
	{ "LAC\nteam", "a line break" },
	{ "<b>LAC</b>", "markup" },
	{ "\xe2\x80\x94LAC", "a dash outside ASCII" },
	{ "LA\xc3", "bad UTF-8" },
	{ "LAC", "" },
	{ "LAC", "   " },
	{ "LAC", "two\nlines" },
	{ "LAC", "bad UTF-8 \xff" },
};

static void
test_term_valid(void **state)
{
	struct plain_term t;
	char why[200];

	(void)state;
	for (size_t i = 0; i < NELEM(valid); i++) {
		memset(&t, 0, sizeof(t));
		assert_int_equal(text_copy(t.term, sizeof(t.term),
		    valid[i].term), HERR_OK);
		assert_int_equal(text_copy(t.plain, sizeof(t.plain),
		    valid[i].plain), HERR_OK);
		if (!plain_term_valid(&t, why, sizeof(why)))
			fail_msg("valid[%zu] \"%s\" refused: %s", i, t.term,
			    why);
	}
	for (size_t i = 0; i < NELEM(invalid); i++) {
		memset(&t, 0, sizeof(t));
		assert_int_equal(text_copy(t.term, sizeof(t.term),
		    invalid[i].term), HERR_OK);
		assert_int_equal(text_copy(t.plain, sizeof(t.plain),
		    invalid[i].plain), HERR_OK);
		why[0] = '\0';
		if (plain_term_valid(&t, why, sizeof(why)))
			fail_msg("invalid[%zu] \"%s\" / \"%s\" accepted", i,
			    t.term, t.plain);
		assert_true(strlen(why) > 10);	/* a sentence */
	}
	/* Too long: 61 bytes of term, 241 of suggestion (no NUL inside the
	 * arrays, so the check must not read past them either). */
	memset(&t, 'a', sizeof(t));
	t.plain[0] = 'x';
	t.plain[1] = '\0';
	assert_false(plain_term_valid(&t, why, sizeof(why)));
	assert_non_null(strstr(why, "60"));
	memset(&t, 'a', sizeof(t));
	t.term[1] = '\0';
	assert_false(plain_term_valid(&t, why, sizeof(why)));
	assert_non_null(strstr(why, "240"));
	/* A short why is cut, still a string; NULL why is allowed. */
	memset(&t, 0, sizeof(t));
	assert_false(plain_term_valid(&t, why, 4));
	assert_int_equal(strlen(why), 3);
	assert_false(plain_term_valid(&t, NULL, 0));
	assert_false(plain_term_valid(NULL, why, sizeof(why)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_heap_copies),
		cmocka_unit_test(test_fewer_than_there_are),
		cmocka_unit_test(test_builtin_list),
		cmocka_unit_test(test_term_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
