/*
 * fuzz_plain.c: libFuzzer target for core/plain.c, the plain-language
 * checker every family-facing text and `hearth plain`'s standard input go
 * through.
 *
 * Beyond "no crash, no sanitizer finding" it asserts what plain.h
 * promises: flags come in text order, each inside the text (offset + len
 * within it), at a 1-based line and column, with a NUL-terminated word or
 * excerpt and a non-empty alternative; a long sentence has more than
 * PLAIN_SENTENCE_WORDS words; the count returned does not depend on how
 * many flags the caller has room for; and the first bytes of the input are
 * used as one authority term when they make a valid one.
 *
 * Built and run by `make check` (tests/fuzz/corpus/plain seeds it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plain.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)							\
	do {								\
		if (!(c)) {						\
			fprintf(stderr, "fuzz_plain.c:%d: %s\n",	\
			    __LINE__, #c);				\
			abort();					\
		}							\
	} while (0)

#define FLAGS_MAX 64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct plain_flag flags[FLAGS_MAX], few[2];
	struct plain_term term;
	char why[200];
	char *text;
	size_t split = 0, len;
	int n, n2, nterms = 0;

	/* An authority term from the input up to the first '|', if valid. */
	memset(&term, 0, sizeof(term));
	while (split < size && data[split] != '|' && split < PLAIN_TERM_MAX)
		split++;
	if (split < size && data[split] == '|') {
		memcpy(term.term, data, split);
		snprintf(term.plain, sizeof(term.plain), "a plainer way");
		if (plain_term_valid(&term, why, sizeof(why)))
			nterms = 1;
		split++;
	} else
		split = 0;
	len = size - split;
	text = malloc(len + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data + split, len);
	text[len] = '\0';
	len = strlen(text);	/* the checker reads up to the first NUL */

	n = plain_check(text, nterms ? &term : NULL, nterms, flags, FLAGS_MAX);
	n2 = plain_check(text, nterms ? &term : NULL, nterms, few, 2);
	CHECK(n >= 0 && n == n2);
	for (int i = 0; i < n && i < FLAGS_MAX; i++) {
		const struct plain_flag *f = &flags[i];

		CHECK(f->offset <= len && f->len <= len - f->offset);
		CHECK(f->len > 0);
		CHECK(f->line >= 1 && f->column >= 1);
		CHECK(memchr(f->text, '\0', sizeof(f->text)) != NULL);
		CHECK(memchr(f->plain, '\0', sizeof(f->plain)) != NULL);
		CHECK(f->plain[0] != '\0');
		if (f->kind == PLAIN_LONG_SENTENCE)
			CHECK(f->words > PLAIN_SENTENCE_WORDS);
		else
			CHECK(f->kind == PLAIN_JARGON);
		if (i > 0)
			CHECK(flags[i - 1].offset <= f->offset);
	}
	free(text);
	return 0;
}
