/*
 * cmd_audit.c: `hearth audit verify|who-viewed`: the audit chain from the
 * command line.  verify re-computes every row's hash in order and names
 * the first row that does not fit (core/audit.h decides); who-viewed lists
 * the rows about one child's record.  Reads only: nothing here writes to
 * the database, and text from the rows is printed with control characters
 * replaced, so a forged row cannot drive the terminal.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/audit.h"
#include "core/mem.h"
#include "store/store_auth.h"
#include "core/banned.h"

#define WHO_VIEWED_DEFAULT 1000
#define WHO_VIEWED_MAX 100000

/* ------------------------------------------------------------- verify */

struct walk {
	struct audit_verify v;
	int64_t bad_id;		/* 0 while every row fits */
};

static bool
verify_row(const struct audit_row *row, void *ctx)
{
	struct walk *w = ctx;

	if (audit_verify_next(&w->v, row))
		return true;
	w->bad_id = row->id;
	return false;
}

static int
audit_verify(const struct cli_command *cmd, int argc, char **argv)
{
	struct store *st = NULL;
	struct walk w;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	memset(&w, 0, sizeof(w));
	audit_verify_init(&w.v);
	e = store_audit_each(st, verify_row, &w);
	store_close(st);
	if (e != HERR_OK)
		return cli_fail(e, NULL);
	if (w.bad_id != 0) {
		printf("audit chain broken at row %" PRId64 ": %s\n", w.bad_id,
		    w.v.why);
		return EXIT_BAD_INPUT;
	}
	printf("audit chain verified: %" PRId64 " rows\n", w.v.rows);
	return EXIT_OK;
}

/* --------------------------------------------------------- who-viewed */

/* Print s with control characters (C0, DEL and C1) as '?', then pad to
 * `width` characters (no padding when width is 0). */
static void
put_cell(const char *s, size_t width)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == 0xc2 && (unsigned char)p[1] >= 0x80 &&
		    (unsigned char)p[1] < 0xa0) {
			putchar('?');
			p++;
		} else {
			putchar(c < 0x20 || c == 0x7f ? '?' : c);
		}
	}
	for (size_t n = cli_chars(s); n < width; n++)
		putchar(' ');
}

/* ISO 8601 in UTC, to the second: "2026-11-20T09:30:05Z". */
static void
iso_time(int64_t at_ms, char out[32])
{
	time_t t = (time_t)(at_ms / 1000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "%" PRId64 " ms", at_ms);
}

enum { WV_TIME, WV_USER, WV_ROLE, WV_ACTION, WV_ROUTE, WV_REASON,
	WV__COUNT };

static void
row_cells(const struct audit_row *r, char when[32],
    const char *cell[WV__COUNT])
{
	iso_time(r->at_ms, when);
	cell[WV_TIME] = when;
	cell[WV_USER] = r->username;
	cell[WV_ROLE] = r->role;
	cell[WV_ACTION] = audit_action_label(r->action);
	cell[WV_ROUTE] = r->route;
	cell[WV_REASON] = r->reason;
}

static void
print_rows(const struct audit_row *rows, int n)
{
	static const char *const head[WV__COUNT] = {
		"TIME (UTC)", "USERNAME", "ROLE", "ACTION", "ROUTE", "REASON",
	};
	size_t width[WV__COUNT];
	const char *cell[WV__COUNT];
	char when[32];

	for (int c = 0; c < WV__COUNT; c++)
		width[c] = cli_chars(head[c]);
	for (int i = 0; i < n; i++) {
		row_cells(&rows[i], when, cell);
		for (int c = 0; c < WV__COUNT; c++)
			if (cli_chars(cell[c]) > width[c])
				width[c] = cli_chars(cell[c]);
	}
	for (int i = -1; i < n; i++) {
		int last = WV__COUNT - 1;

		if (i >= 0)
			row_cells(&rows[i], when, cell);
		/* No trailing blanks when the reason (or more) is empty. */
		while (last > 0 && i >= 0 && cell[last][0] == '\0')
			last--;
		for (int c = 0; c <= last; c++)
			put_cell(i < 0 ? head[c] : cell[c], c == last ? 0 :
			    width[c] + 2);
		putchar('\n');
	}
}

static int
audit_who_viewed(const struct cli_command *cmd, int argc, char **argv)
{
	const struct cli_option *lim = cli_opt(cmd, "limit");
	struct audit_row *rows = NULL;
	struct store *st = NULL;
	struct child c;
	const char *which;
	int64_t limit = WHO_VIEWED_DEFAULT, id = 0;
	enum herr e;
	int n = 0, rc = cli_parse_named(cmd, argc, argv, &which);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if (lim->seen && !cli_int("limit", lim->value, 1, WHO_VIEWED_MAX,
	    &limit))
		return EXIT_BAD_INPUT;
	/* "id:123" is hearth's own id; anything else the LA child id. */
	if (strncmp(which, "id:", 3) == 0 && !cli_int("id", which + 3, 1,
	    INT64_MAX, &id))
		return EXIT_BAD_INPUT;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	if (strncmp(which, "id:", 3) == 0)
		e = store_child_get(st, id, &c);
	else
		e = store_child_find(st, which, &c);
	if (e == HERR_NOTFOUND && strncmp(which, "id:", 3) == 0) {
		fprintf(stderr, "hearth: no child has the id \"%s\"\n",
		    which + 3);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (e == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: no child has the LA child id \"%s\"\n",
		    which);
		rc = EXIT_BAD_INPUT;
		goto out;
	}
	if (e != HERR_OK)
		goto fail;
	rows = xcalloc((size_t)limit, sizeof(*rows));
	if ((e = store_audit_subject(st, SUBJECT_CHILD, c.id, rows,
	    (int)limit, &n)) != HERR_OK)
		goto fail;
	printf("The record of %s %s (LA child id %s, id %" PRId64 "), newest "
	    "first:\n", c.given_name, c.family_name, c.la_child_id, c.id);
	if (n == 0)
		printf("No one has opened or changed it: there are no audit "
		    "rows about it.\n");
	else
		print_rows(rows, n < limit ? n : (int)limit);
	if (n > limit)
		printf("(the newest %" PRId64 " of %d rows; --limit shows "
		    "more)\n", limit, n);
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_fail(e, NULL);
out:
	free(rows);
	store_close(st);
	return rc;
}

/* ------------------------------------------------------------ the table */

static struct cli_option verify_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ NULL },
};

static const struct cli_command audit_verify_cmd = {
	.name = "audit verify",
	.summary = "check that no audit row was altered, removed or reordered",
	.usage = "audit verify [--db PATH]",
	.description = "Walks the whole chain, oldest first.  Exit 0 if every "
	    "row fits; exit 1\nnaming the first row that does not.  Rows "
	    "cut from the very end leave a\nshorter chain that still fits: "
	    "compare the row count with an earlier run.",
	.options = verify_opts,
	.run = audit_verify,
};

static struct cli_option who_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "limit", "N", "at most N rows, newest first (default 1000)" },
	{ NULL },
};

static const struct cli_command audit_who_cmd = {
	.name = "audit who-viewed",
	.summary = "who opened or changed a child's record, newest first",
	.usage = "audit who-viewed CHILD [--limit N] [--db PATH]",
	.description = "CHILD is the LA child id, or id:N for hearth's own "
	    "id.  Each row: the time\n(UTC), the username and role at the "
	    "time, what they did, the route, and\nthe reason given for "
	    "breaking the glass.",
	.options = who_opts,
	.run = audit_who_viewed,
};

static const struct cli_command *const audit_cmds[] = {
	&audit_verify_cmd, &audit_who_cmd, NULL,
};

static int
run_audit(const struct cli_command *cmd, int argc, char **argv)
{
	return cli_run_sub(cmd, audit_cmds, argc, argv);
}

static struct cli_option audit_opts[] = { { NULL } };

const struct cli_command cmd_audit = {
	.name = "audit",
	.summary = "check the audit chain; who viewed a child (verify, "
	    "who-viewed)",
	.usage = "audit verify|who-viewed [options]",
	.options = audit_opts,
	.run = run_audit,
};
