/*
 * cmd_child.c: `hearth child add|show`: a child record from the command line,
 * through the same core rules as every other edge (core/record.h).  Useful
 * for scripts and imports; every bad value is named and nothing is written.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/codes.h"
#include "core/record.h"
#include "store/store.h"
#include "core/banned.h"

static bool
take_date(const struct cli_command *cmd, const char *name, hday *out)
{
	const struct cli_option *o = cli_opt(cmd, name);

	return !o->seen || cli_date(name, o->value, out);
}

/* --disability AUT,COMM */
static bool
take_disabilities(const struct cli_command *cmd, struct child *c)
{
	const struct cli_option *o = cli_opt(cmd, "disability");
	const char *p;

	if (!o->seen)
		return true;
	for (p = o->value; *p;) {
		size_t n = strcspn(p, ",");
		char code[8];

		if (n == 0 || n >= sizeof(code) || c->n_disabilities >=
		    CHILD_DISABILITY_MAX) {
			fprintf(stderr, "hearth: --disability \"%s\" is not a "
			    "comma-separated list of disability codes\n",
			    o->value);
			return false;
		}
		memcpy(code, p, n);
		code[n] = '\0';
		if (child_add_disability(c, code) != HERR_OK)
			return false;
		p += n + (p[n] == ',');
	}
	return true;
}

static void
print_child(const struct child *c)
{
	char b[HDATE_LEN];

	printf("id              %lld\n", (long long)c->id);
	printf("LA child id     %s\n", c->la_child_id);
	printf("name            %s %s\n", c->given_name, c->family_name);
	if (c->birth_date != HDAY_NONE)
		printf("date of birth   %s\n", hdate_format(c->birth_date, b));
	if (c->expected_birth_date != HDAY_NONE)
		printf("expected birth  %s\n",
		    hdate_format(c->expected_birth_date, b));
	printf("sex             %c\n", c->sex);
	printf("ethnicity       %s (%s)\n", c->ethnicity,
	    codes_find(CODES_ETHNICITY, c->ethnicity) ?
	    codes_find(CODES_ETHNICITY, c->ethnicity)->label : "?");
	if (c->upn[0])
		printf("UPN             %s\n", c->upn);
	if (c->upn_unknown[0])
		printf("UPN unknown     %s\n", c->upn_unknown);
	for (int i = 0; i < c->n_disabilities; i++)
		printf("disability      %s\n", c->disabilities[i]);
}

static int
child_add(const struct cli_command *cmd, int argc, char **argv)
{
	struct store *st = NULL;
	struct child c;
	struct hdiag diag;
	const struct cli_option *sex;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	child_init(&c);
	sex = cli_opt(cmd, "sex");
	if (sex->seen && strlen(sex->value) != 1) {
		fprintf(stderr, "hearth: --sex \"%s\" is not M, F or U\n",
		    sex->value);
		return EXIT_BAD_INPUT;
	}
	if (sex->seen)
		c.sex = sex->value[0];
	if (!cli_take(cmd, "given", c.given_name, sizeof(c.given_name)) ||
	    !cli_take(cmd, "family", c.family_name, sizeof(c.family_name)) ||
	    !cli_take(cmd, "ethnicity", c.ethnicity, sizeof(c.ethnicity)) ||
	    !cli_take(cmd, "upn", c.upn, sizeof(c.upn)) ||
	    !cli_take(cmd, "upn-unknown", c.upn_unknown,
	    sizeof(c.upn_unknown)) ||
	    !cli_take(cmd, "la-child-id", c.la_child_id,
	    sizeof(c.la_child_id)) ||
	    !take_date(cmd, "dob", &c.birth_date) ||
	    !take_date(cmd, "expected", &c.expected_birth_date) ||
	    !take_disabilities(cmd, &c))
		return EXIT_BAD_INPUT;
	hdiag_clear(&diag);
	/* Check before opening: bad input never creates or touches a file. */
	if ((e = child_validate(&c, hdate_today(), &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	if ((e = store_open(cli_db_path(cmd), 0, &st, NULL, &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	e = record_child_add(st, &c, hdate_today(), &diag);
	store_close(st);
	if (e != HERR_OK)
		return cli_fail(e, &diag);
	print_child(&c);
	return EXIT_OK;
}

static int
child_show(const struct cli_command *cmd, int argc, char **argv)
{
	struct store *st = NULL;
	struct child c;
	struct hdiag diag;
	const struct cli_option *id;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	id = cli_opt(cmd, "la-child-id");
	if (!id->seen) {
		fprintf(stderr, "usage: hearth %s\n", cmd->usage);
		return EXIT_USAGE;
	}
	hdiag_clear(&diag);
	if ((e = store_open(cli_db_path(cmd), 0, &st, NULL, &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	e = store_child_find(st, id->value, &c);
	store_close(st);
	if (e == HERR_NOTFOUND) {
		fprintf(stderr, "hearth: no child has LA child id \"%s\"\n",
		    id->value);
		return EXIT_BAD_INPUT;
	}
	if (e != HERR_OK)
		return cli_fail(e, NULL);
	print_child(&c);
	return EXIT_OK;
}

static struct cli_option add_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "la-child-id", "ID", "the authority's id for the child (required)" },
	{ "given", "NAME", "given name (required)" },
	{ "family", "NAME", "family name (required)" },
	{ "dob", "DATE", "date of birth, YYYY-MM-DD" },
	{ "expected", "DATE", "expected date of birth, for an unborn child" },
	{ "sex", "M|F|U", "sex (default U)" },
	{ "ethnicity", "CODE", "CIN census ethnicity code, e.g. WBRI" },
	{ "upn", "UPN", "Unique Pupil Number (13 characters)" },
	{ "upn-unknown", "CODE", "why there is no UPN: UN1 to UN7" },
	{ "disability", "CODES", "CIN disability codes, comma-separated" },
	{ NULL },
};

static const struct cli_command child_add_cmd = {
	.name = "child add",
	.summary = "record a child",
	.usage = "child add --la-child-id ID --given NAME --family NAME "
	    "(--dob DATE | --expected DATE) [--sex M|F|U] --ethnicity CODE "
	    "[--upn UPN | --upn-unknown CODE] [--disability CODES] [--db PATH]",
	.options = add_opts,
	.run = child_add,
};

static struct cli_option show_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "la-child-id", "ID", "the authority's id for the child" },
	{ NULL },
};

static const struct cli_command child_show_cmd = {
	.name = "child show",
	.summary = "show a child's record",
	.usage = "child show --la-child-id ID [--db PATH]",
	.options = show_opts,
	.run = child_show,
};

static const struct cli_command *const child_cmds[] = {
	&child_add_cmd, &child_show_cmd, NULL,
};

static int
run_child(const struct cli_command *cmd, int argc, char **argv)
{
	return cli_run_sub(cmd, child_cmds, argc, argv);
}

static struct cli_option child_opts[] = { { NULL } };

const struct cli_command cmd_child = {
	.name = "child",
	.summary = "add or show a child's record (add, show)",
	.usage = "child add|show [options]",
	.options = child_opts,
	.run = run_child,
};
