/*
 * cli.h: what the command files share: the command table entry, option
 * parsing, subcommands, the rules for exit codes and where the database
 * is, and opening it.
 *
 * Exit codes: 0 ok; 1 the data or input was bad (unknown option, wrong type,
 * impossible date, unknown code: the message names the field and value);
 * 2 usage (no or unknown command, missing option value, stray argument);
 * 3 environment (disk, permissions, database locked or too new).
 */
#ifndef HEARTH_CLI_H
#define HEARTH_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

#define EXIT_OK 0
#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2
#define EXIT_ENV 3

/* The help of every command's --db option. */
#define CLI_DB_HELP "the database file (default $HEARTH_DB or ./hearth.db)"

struct store;

struct cli_option {
	const char *name;	/* without the leading "--" */
	const char *arg;	/* "PATH", "N"...; NULL for a flag */
	const char *help;
	const char *value;	/* filled by cli_parse: borrowed from argv */
	bool seen;
};

struct cli_command {
	const char *name;
	const char *summary;	/* one line for `hearth help` */
	const char *usage;	/* the synopsis after "hearth " */
	const char *description;	/* a paragraph for --help; may be NULL */
	struct cli_option *options;	/* terminated by a NULL name */
	int (*run)(const struct cli_command *cmd, int argc, char **argv);
};

/*
 * Parse argv (argv[0] is the command name) against cmd->options, filling
 * each option's value.  Accepts "--name VALUE" and "--name=VALUE".  Returns
 * EXIT_OK, or prints a message and returns the exit code: --help prints the
 * command's help and returns -1 (the caller exits 0).
 */
int cli_parse(const struct cli_command *cmd, int argc, char **argv);

/* The option called `name` (must exist in cmd's table). */
const struct cli_option *cli_opt(const struct cli_command *cmd,
    const char *name);

/* Print the command's usage and options to stdout. */
void cli_print_help(const struct cli_command *cmd);

/*
 * For `hearth CMD VERB NAME [options]`: NAME (the first argument, when it
 * is not an option) comes first, as the command name does in `hearth help
 * demo`, then cli_parse.  Returns EXIT_OK with *name set (borrowed from
 * argv), -1 after --help, or an exit code (EXIT_USAGE without a NAME).
 */
int cli_parse_named(const struct cli_command *cmd, int argc, char **argv,
    const char **name);

/*
 * Run the subcommand of `cmd` that argv[1] names: one of `subs`
 * (NULL-terminated, each named "CMD VERB"), given argv from the verb on.
 * "--help" prints cmd's help and every subcommand's; anything else prints
 * the usage.  Returns the exit code.
 */
int cli_run_sub(const struct cli_command *cmd,
    const struct cli_command *const *subs, int argc, char **argv);

/* The database path: --db, else $HEARTH_DB, else ./hearth.db. */
const char *cli_db_path(const struct cli_command *cmd);

/*
 * Open the database at cli_db_path as it is (never creating or migrating
 * it), after setting up core/auth, which password hashes and audit rows
 * need: *st (the caller closes it) on EXIT_OK, else prints why not and
 * returns the exit code.
 */
int cli_store_open(const struct cli_command *cmd, struct store **st);

/* Copy option `name`'s text, if it was given, into dst (cap bytes); false
 * after printing a message naming it when it does not fit. */
bool cli_take(const struct cli_command *cmd, const char *name, char *dst,
    size_t cap);

/* Characters in UTF-8 text (bytes that do not continue a character), for
 * lining up columns. */
size_t cli_chars(const char *s);

/* Parse a whole decimal integer in [min, max] for option `name`; on failure
 * prints a message naming it and returns false. */
bool cli_int(const char *name, const char *s, int64_t min, int64_t max,
    int64_t *out);

/* Parse a date option; prints a message naming it on failure. */
bool cli_date(const char *name, const char *s, hday *out);

/* Print "hearth: <msg>" (and the field if any) to stderr and return the exit
 * code for e. */
int cli_fail(enum herr e, const struct hdiag *diag);

/* The commands (one file each). */
extern const struct cli_command cmd_init, cmd_demo, cmd_status, cmd_child,
    cmd_serve, cmd_user, cmd_access, cmd_audit, cmd_due, cmd_plain,
    cmd_version, cmd_help;

/* Every command, NULL-terminated, for dispatch and `hearth help`. */
extern const struct cli_command *const cli_commands[];

#endif
