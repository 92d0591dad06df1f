/*
 * cmd_plain.c: `hearth plain`: the plain-language checker (core/plain.h)
 * on text read from standard input, for authors who write elsewhere and
 * for scripts.  Prints each flag: the word or sentence, where it is, and
 * the plain alternative, as text or as JSON.
 *
 * Reads only, and blocks nothing: it exits 0 whether or not anything was
 * flagged (a flag is advice, not an error), 1 when the input is not text
 * it can check (over 1 MB, not UTF-8, a NUL byte) or an option's value is
 * wrong, 2 for usage, 3 when a database that was asked for cannot be
 * opened.  The authority's own terms come from --db or $HEARTH_DB, or from
 * ./hearth.db when that file exists; with none of those the built-in list
 * is used.  JSON is written only through jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store_plain.h"
#include "core/banned.h"

#define PLAIN_INPUT_MAX (1024 * 1024)	/* bytes read from stdin */
#define PLAIN_SHOWN_MAX 10000		/* flags printed; the rest counted */

enum plain_format { FMT_TEXT, FMT_JSON };

/* Standard input whole, NUL-terminated, into *out (caller frees): EXIT_OK,
 * or a message and the exit code. */
static int
read_input(char **out, size_t *len)
{
	size_t cap = 64 * 1024, n = 0, got;
	char *buf = xmalloc(cap + 1);

	*out = NULL;
	for (;;) {
		if (n == cap) {
			if (cap > PLAIN_INPUT_MAX) {
				fprintf(stderr, "hearth plain: the text on "
				    "standard input is over 1 MB (%d bytes); "
				    "check it in parts\n", PLAIN_INPUT_MAX);
				free(buf);
				return EXIT_BAD_INPUT;
			}
			cap = cap * 2 > PLAIN_INPUT_MAX + 1 ?
			    PLAIN_INPUT_MAX + 1 : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, stdin);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(stdin)) {
		fprintf(stderr, "hearth plain: could not read standard "
		    "input\n");
		free(buf);
		return EXIT_ENV;
	}
	if (n > PLAIN_INPUT_MAX) {
		fprintf(stderr, "hearth plain: the text on standard input is "
		    "over 1 MB (%d bytes); check it in parts\n",
		    PLAIN_INPUT_MAX);
		free(buf);
		return EXIT_BAD_INPUT;
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		fprintf(stderr, "hearth plain: the input holds a NUL byte at "
		    "offset %zu; it must be text\n",
		    (size_t)((char *)memchr(buf, '\0', n) - buf));
		free(buf);
		return EXIT_BAD_INPUT;
	}
	if (!text_utf8_valid(buf, n)) {
		fprintf(stderr, "hearth plain: the input is not UTF-8 text\n");
		free(buf);
		return EXIT_BAD_INPUT;
	}
	*out = buf;
	*len = n;
	return EXIT_OK;
}

/* The authority's own terms, when there is a database to read them from:
 * *n stays 0 without one. */
static int
read_terms(const struct cli_command *cmd, struct plain_term *terms, int *n)
{
	const struct cli_option *db = cli_opt(cmd, "db");
	const char *env = getenv("HEARTH_DB");
	struct store *st = NULL;
	enum herr e;
	int rc;

	*n = 0;
	if (!(db->seen || (env != NULL && env[0] != '\0')) &&
	    access(cli_db_path(cmd), F_OK) != 0)
		return EXIT_OK;		/* no database: built-in list only */
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	e = store_plain_terms(st, terms, PLAIN_TERMS_MAX, n);
	store_close(st);
	if (e != HERR_OK) {
		*n = 0;
		return cli_fail(e, NULL);
	}
	return EXIT_OK;
}

static void
print_text(const struct plain_flag *f)
{
	if (f->kind == PLAIN_LONG_SENTENCE)
		printf("%d:%d: long sentence (%d words): \"%s\" - %s\n",
		    f->line, f->column, f->words, f->text, f->plain);
	else
		printf("%d:%d: \"%s\" - try: %s\n", f->line, f->column,
		    f->text, f->plain);
}

/* One flag as a compact JSON object; false when it could not be made. */
static bool
print_json(const struct plain_flag *f, bool first)
{
	json_t *j = json_pack("{s:s, s:s, s:i, s:i, s:I, s:s}", "kind",
	    f->kind == PLAIN_LONG_SENTENCE ? "long-sentence" : "jargon",
	    "text", f->text, "line", f->line, "column", f->column, "offset",
	    (json_int_t)f->offset, "plain", f->plain);
	char *s = NULL;

	if (j != NULL && f->kind == PLAIN_LONG_SENTENCE &&
	    json_object_set_new(j, "words", json_integer(f->words)) != 0) {
		json_decref(j);
		j = NULL;
	}
	if (j != NULL)
		s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_ENSURE_ASCII);
	json_decref(j);
	if (s == NULL)
		return false;
	printf("%s\n  %s", first ? "" : ",", s);
	free(s);
	return true;
}

static int
run_plain(const struct cli_command *cmd, int argc, char **argv)
{
	const struct cli_option *format = cli_opt(cmd, "format");
	struct plain_term *terms = NULL;
	struct plain_flag *flags = NULL;
	enum plain_format fmt;
	char *text = NULL;
	size_t len = 0;
	int rc = cli_parse(cmd, argc, argv), n_terms = 0, total, shown;

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if (!format->seen || strcmp(format->value, "text") == 0)
		fmt = FMT_TEXT;
	else if (strcmp(format->value, "json") == 0)
		fmt = FMT_JSON;
	else {
		fprintf(stderr, "hearth plain: --format \"%s\" is not one of "
		    "text or json\n", format->value);
		return EXIT_BAD_INPUT;
	}
	terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
	if ((rc = read_terms(cmd, terms, &n_terms)) != EXIT_OK)
		goto out;
	if ((rc = read_input(&text, &len)) != EXIT_OK)
		goto out;
	total = plain_check(text, terms, n_terms, NULL, 0);
	shown = total < PLAIN_SHOWN_MAX ? total : PLAIN_SHOWN_MAX;
	flags = xcalloc(shown > 0 ? (size_t)shown : 1, sizeof(*flags));
	(void)plain_check(text, terms, n_terms, flags, shown);
	if (fmt == FMT_JSON)
		fputs("[", stdout);
	for (int i = 0; i < shown; i++) {
		if (fmt == FMT_TEXT) {
			print_text(&flags[i]);
		} else if (!print_json(&flags[i], i == 0)) {
			fflush(stdout);
			rc = cli_fail(HERR_NOMEM, NULL);
			goto out;
		}
	}
	if (fmt == FMT_JSON)
		fputs(shown > 0 ? "\n]\n" : "]\n", stdout);
	else if (total == 0)
		printf("nothing to flag\n");
	else
		printf("%d thing%s to look at\n", total, total == 1 ? "" :
		    "s");
	if (total > shown)
		fprintf(stderr, "hearth plain: %d flags, the first %d shown\n",
		    total, shown);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ENV;
out:
	free(flags);
	free(text);
	free(terms);
	return rc;
}

static struct cli_option plain_opts[] = {
	{ "format", "FMT", "text (default) or json" },
	{ "db", "PATH", "the authority's own terms from this database "
	    "(default $HEARTH_DB, or ./hearth.db if it exists; without one, "
	    "the built-in list)" },
	{ NULL },
};

const struct cli_command cmd_plain = {
	.name = "plain",
	.summary = "check text on standard input for jargon and long "
	    "sentences",
	.usage = "plain [--format text|json] [--db PATH] < TEXT",
	.description = "Reads text (at most 1 MB of UTF-8) from standard "
	    "input and prints each\nword or professional label that has a "
	    "plainer alternative, and each\nsentence longer than 25 words, "
	    "as LINE:COLUMN: \"TEXT\" - try: ALTERNATIVE,\nthen how many "
	    "things there are to look at.  JSON is an array of objects\nwith "
	    "the keys kind (jargon or long-sentence), text, line, column "
	    "(in\ncharacters), offset (in bytes), plain, and words for a long "
	    "sentence.\nNothing is blocked: it exits 0 whether or not anything "
	    "is flagged.\nThe authority's own terms (added on the "
	    "administration page) are used\nwhen there is a database.",
	.options = plain_opts,
	.run = run_plain,
};
