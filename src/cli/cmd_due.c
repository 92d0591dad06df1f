/*
 * cmd_due.c: `hearth due`: every open timed step of the children's
 * journeys (timescale.h), from the `due` table the store keeps, for a
 * team, a worker or the whole authority, as text, JSON or CSV.
 *
 * Reads only.  An item is "overdue" from the day after its due date and
 * "due" until then (due_status_code), as of --today (default: today), so
 * the output of a given database and --today never changes.  --team and
 * --worker take hearth's id when the value is all digits and such a team
 * or member of staff exists, else the team's exact name or the username.
 * JSON is written only through jansson; CSV follows RFC 4180 (CRLF line
 * ends, fields holding a comma, quote or line break quoted).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/timescale.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "core/banned.h"

enum due_format { FMT_TEXT, FMT_JSON, FMT_CSV };

struct due_out {
	enum due_format fmt;
	hday today;
	int n, overdue;
};

/* A whole positive decimal number, or 0. */
static int64_t
all_digits(const char *s)
{
	int64_t v = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* --team: an id, else an exact name.  *id gets the team's id. */
static int
find_team(struct store *st, const char *v, int64_t *id)
{
	struct team t;
	int64_t n = all_digits(v);
	enum herr e = n > 0 ? store_dir_team_get(st, n, &t) : HERR_NOTFOUND;

	if (e == HERR_NOTFOUND)
		e = store_team_by_name(st, v, &t);
	if (e == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: --team \"%s\": there is no team with "
		    "that id or name\n", v);
		return EXIT_BAD_INPUT;
	}
	if (e != HERR_OK)
		return cli_fail(e, NULL);
	*id = t.id;
	return EXIT_OK;
}

/* --worker: an id, else a username.  *id gets the staff id. */
static int
find_worker(struct store *st, const char *v, int64_t *id)
{
	struct staff s;
	int64_t n = all_digits(v);
	enum herr e = n > 0 ? store_staff_get(st, n, &s) : HERR_NOTFOUND;

	if (e == HERR_NOTFOUND)
		e = store_staff_by_username(st, v, &s);
	if (e == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: --worker \"%s\": there is no member "
		    "of staff with that id or username\n", v);
		return EXIT_BAD_INPUT;
	}
	if (e != HERR_OK)
		return cli_fail(e, NULL);
	*id = s.id;
	return EXIT_OK;
}

/* One CSV field (RFC 4180). */
static void
csv_field(const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static enum herr
due_row(void *arg, const struct store_due *d)
{
	struct due_out *o = arg;
	const char *status = due_status_code(due_item_status(&d->item,
	    o->today));
	const char *step = due_step_code(d->item.step);
	char from[HDATE_LEN], due[HDATE_LEN], id[24];

	hdate_format(d->item.from, from);
	hdate_format(d->item.due, due);
	snprintf(id, sizeof(id), "%" PRId64, d->item.child_id);
	if (d->item.due < o->today)
		o->overdue++;
	switch (o->fmt) {
	case FMT_TEXT:
		printf("%-11s %-8s %-12s %-10s  %-10s  %s\n", d->la_child_id,
		    id, step, from, due, status);
		break;
	case FMT_CSV: {
		const char *cell[] = { d->la_child_id, id, step, from, due,
			status };

		for (size_t i = 0; i < sizeof(cell) / sizeof(cell[0]); i++) {
			if (i > 0)
				putchar(',');
			csv_field(cell[i]);
		}
		fputs("\r\n", stdout);
		break;
	}
	case FMT_JSON: {
		json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "child",
		    d->la_child_id, "step", step, "from", from, "due", due,
		    "status", status);
		char *s = j != NULL ? json_dumps(j, JSON_COMPACT |
		    JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) : NULL;

		json_decref(j);
		if (s == NULL)
			return HERR_NOMEM;
		printf("%s\n  %s", o->n == 0 ? "" : ",", s);
		free(s);
		break;
	}
	}
	o->n++;
	return HERR_OK;
}

static int
run_due(const struct cli_command *cmd, int argc, char **argv)
{
	const struct cli_option *team = cli_opt(cmd, "team");
	const struct cli_option *worker = cli_opt(cmd, "worker");
	const struct cli_option *format = cli_opt(cmd, "format");
	const struct cli_option *today = cli_opt(cmd, "today");
	struct store *st = NULL;
	struct due_filter f;
	struct due_out o;
	char day[HDATE_LEN];
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	memset(&o, 0, sizeof(o));
	if (!format->seen || strcmp(format->value, "text") == 0)
		o.fmt = FMT_TEXT;
	else if (strcmp(format->value, "json") == 0)
		o.fmt = FMT_JSON;
	else if (strcmp(format->value, "csv") == 0)
		o.fmt = FMT_CSV;
	else {
		fprintf(stderr, "hearth: --format \"%s\" is not one of text, "
		    "json or csv\n", format->value);
		return EXIT_BAD_INPUT;
	}
	o.today = hdate_today();
	if (today->seen && !cli_date("today", today->value, &o.today))
		return EXIT_BAD_INPUT;
	memset(&f, 0, sizeof(f));
	f.until = HDAY_NONE;
	f.today = o.today;
	if ((rc = cli_store_open(cmd, &st)) != EXIT_OK)
		return rc;
	if ((team->seen && (rc = find_team(st, team->value, &f.team_id)) !=
	    EXIT_OK) || (worker->seen && (rc = find_worker(st, worker->value,
	    &f.worker_id)) != EXIT_OK))
		goto out;
	if (o.fmt == FMT_TEXT)
		printf("%-11s %-8s %-12s %-10s  %-10s  %s\n", "CHILD", "ID",
		    "STEP", "FROM", "DUE", "STATUS");
	else if (o.fmt == FMT_CSV)
		fputs("child,child_id,step,from,due,status\r\n", stdout);
	else
		fputs("[", stdout);
	e = store_due_each(st, &f, due_row, &o);
	if (e != HERR_OK) {
		fflush(stdout);
		rc = cli_fail(e, NULL);
		goto out;
	}
	if (o.fmt == FMT_JSON)
		fputs(o.n > 0 ? "\n]\n" : "]\n", stdout);
	else if (o.fmt == FMT_TEXT)
		printf("%d open item%s, %d overdue, as of %s\n", o.n,
		    o.n == 1 ? "" : "s", o.overdue, hdate_format(o.today,
		    day));
	rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_ENV;
out:
	store_close(st);
	return rc;
}

static struct cli_option due_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "team", "T", "the team's children (id or exact name)" },
	{ "worker", "W", "the worker's children (id or username)" },
	{ "format", "FMT", "text (default), json or csv" },
	{ "today", "DATE", "judge overdue as of DATE (default today)" },
	{ NULL },
};

const struct cli_command cmd_due = {
	.name = "due",
	.summary = "list every open timed step: what is due and what is "
	    "overdue",
	.usage = "due [--team T] [--worker W] [--format text|json|csv] "
	    "[--today DATE] [--db PATH]",
	.description = "One line per open step of a child's journey, soonest "
	    "due first: the child's\nLA child id and hearth id, the step "
	    "(assessment, icpc, core-group, rcpc,\nvisit, cin-review, "
	    "lac-review, lac-visit, decision, transfer-in), the day\nits "
	    "clock started, the last day it is on time, and \"due\" or "
	    "\"overdue\"\n(overdue from the day after the due date).  JSON is "
	    "an array of objects\nwith the keys child, step, from, due and "
	    "status; CSV has a header line.\nT and W are hearth's id when all "
	    "digits and such a team or member of\nstaff exists, else the "
	    "team's exact name or the username.",
	.options = due_opts,
	.run = run_due,
};
