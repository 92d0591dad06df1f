/*
 * cmd_basic.c: the small commands: help, version and init, and the table of
 * every command.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "core/banned.h"

#define HEARTH_VERSION "0.1.0"

const struct cli_command *const cli_commands[] = {
	&cmd_init, &cmd_demo, &cmd_serve, &cmd_status, &cmd_child, &cmd_user,
	&cmd_access, &cmd_audit, &cmd_due, &cmd_plain, &cmd_version,
	&cmd_help, NULL,
};

static int
run_help(const struct cli_command *cmd, int argc, char **argv)
{
	bool named = argc >= 2 && argv[1][0] != '-';
	int rc;

	/* `hearth help demo`: the command name is not an option. */
	if (argc > 2) {
		fprintf(stderr, "usage: hearth %s\n", cmd->usage);
		return EXIT_USAGE;
	}
	if (!named && (rc = cli_parse(cmd, argc, argv)) != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	if (named) {
		for (int i = 0; cli_commands[i]; i++)
			if (strcmp(argv[1], cli_commands[i]->name) == 0) {
				cli_print_help(cli_commands[i]);
				return EXIT_OK;
			}
		fprintf(stderr, "hearth help: unknown command \"%s\"\n",
		    argv[1]);
		return EXIT_USAGE;
	}
	printf("hearth: children's safeguarding case and conference system\n\n"
	    "usage: hearth <command> [options]\n\ncommands:\n");
	for (int i = 0; cli_commands[i]; i++)
		printf("  %-10s %s\n", cli_commands[i]->name,
		    cli_commands[i]->summary);
	printf("\nThe database is --db PATH, else $HEARTH_DB, else ./hearth.db.\n"
	    "Run `hearth <command> --help` for a command's options.\n"
	    "Passwords are read from standard input, never from arguments.\n"
	    "Exit codes: 0 ok, 1 bad data or input, 2 usage, 3 environment.\n");
	return EXIT_OK;
}

static struct cli_option help_opts[] = { { NULL } };

const struct cli_command cmd_help = {
	.name = "help",
	.summary = "list the commands, or show one command's help",
	.usage = "help [COMMAND]",
	.options = help_opts,
	.run = run_help,
};

static int
run_version(const struct cli_command *cmd, int argc, char **argv)
{
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	printf("hearth %s\ndatabase schema version %d\n%s\n", HEARTH_VERSION,
	    store_schema_latest(), store_engine());
	return EXIT_OK;
}

static struct cli_option version_opts[] = { { NULL } };

const struct cli_command cmd_version = {
	.name = "version",
	.summary = "print hearth's version and the schema version it knows",
	.usage = "version",
	.options = version_opts,
	.run = run_version,
};

static int
run_init(const struct cli_command *cmd, int argc, char **argv)
{
	struct store_open_info info;
	struct store *st = NULL;
	struct hdiag diag;
	const char *path;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	path = cli_db_path(cmd);
	hdiag_clear(&diag);
	if ((e = store_open(path, STORE_MIGRATE, &st, &info, &diag)) !=
	    HERR_OK)
		return cli_fail(e, &diag);
	store_close(st);
	if (info.created)
		printf("Created hearth database %s (schema version %d).\n",
		    path, info.to_version);
	else if (info.from_version < info.to_version)
		printf("Upgraded hearth database %s from schema version %d to "
		    "%d.\n", path, info.from_version, info.to_version);
	else
		printf("hearth database %s is up to date (schema version %d)."
		    "\n", path, info.to_version);
	return EXIT_OK;
}

static struct cli_option init_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ NULL },
};

const struct cli_command cmd_init = {
	.name = "init",
	.summary = "create a database, or upgrade one to this version's schema",
	.usage = "init [--db PATH]",
	.description = "Safe to run again: an up-to-date database is left as it "
	    "is.  A file that is\nnot a hearth database, or whose schema is "
	    "newer than this program, is refused\nand left untouched.",
	.options = init_opts,
	.run = run_init,
};
