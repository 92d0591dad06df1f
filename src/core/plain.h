/*
 * plain.h: the plain-language checker.  Families said conferences were
 * full of jargon and that they never understood what the worry was
 * (seeds 000, 002); practice-models 1.4 and 6.7: describe the behaviour,
 * not the professional label.  Every family-facing text (danger statements,
 * goals, the plan, the minutes) is checked as it is written: each jargon
 * word or professional label is flagged with a plain alternative, and each
 * sentence longer than PLAIN_SENTENCE_WORDS words is flagged.  Nothing is
 * ever blocked: the author sees the flags before sharing.
 *
 * The built-in list is the core's; an authority adds its own terms (and may
 * replace the suggestion for a built-in one) as data (store_plain.h).
 * Matching is whole words, case-insensitive (except that a short term
 * in capitals, an acronym such as LAC or SEND, matches only in capitals:
 * "send" is an ordinary word), with multi-word terms
 * ("disguised compliance") matched across any run of spaces or a line
 * break, and the longest term at a position wins.
 *
 * Pure: no allocation, no I/O.
 */
#ifndef HEARTH_CORE_PLAIN_H
#define HEARTH_CORE_PLAIN_H

#include <stdbool.h>
#include <stddef.h>

#define PLAIN_TERM_MAX 60		/* bytes of a term */
#define PLAIN_SUGGESTION_MAX 240	/* bytes of its plain alternative */
#define PLAIN_SENTENCE_WORDS 25		/* longer is flagged */
#define PLAIN_EXCERPT_MAX 120		/* bytes of a long sentence shown */
#define PLAIN_TERMS_MAX 400		/* an authority's own list */

struct plain_term {
	char term[PLAIN_TERM_MAX + 1];
	char plain[PLAIN_SUGGESTION_MAX + 1];
};

enum plain_flag_kind {
	PLAIN_JARGON = 0,		/* a word or label with an alternative */
	PLAIN_LONG_SENTENCE,
};

struct plain_flag {
	enum plain_flag_kind kind;
	size_t offset;			/* byte offset in the text */
	size_t len;			/* bytes flagged */
	int line, column;		/* 1-based; column in characters */
	int words;			/* long sentences: how many */
	/* The word as written, or the sentence's opening (cut at a
	 * character boundary, "..." appended when cut); each run of white
	 * space is shown as one space (offset and len give the bytes). */
	char text[PLAIN_EXCERPT_MAX + 4];
	char plain[PLAIN_SUGGESTION_MAX + 1];	/* the alternative, or for a
						 * long sentence the advice */
};

/* The built-in list (borrowed, static). */
const struct plain_term *plain_default_terms(int *n);

/*
 * Check `text` (UTF-8, NUL-terminated) against the built-in terms and the
 * authority's `extra` terms (may be NULL; an extra term equal to a
 * built-in one, case-insensitive, replaces its suggestion).  Writes at most
 * `max` flags in text order and returns how many there are in all (which
 * may be more than max).
 */
int plain_check(const char *text, const struct plain_term *extra,
    int n_extra, struct plain_flag *out, int max);

/* Check a term the authority wants to add: 1..PLAIN_TERM_MAX bytes of
 * letters, digits, spaces, hyphens and apostrophes with a letter or digit
 * at each end; a suggestion of 1..PLAIN_SUGGESTION_MAX bytes.  False with
 * a sentence in why (at least 160 bytes) when not. */
bool plain_term_valid(const struct plain_term *t, char *why, size_t why_len);

#endif
