/*
 * cli.c: option parsing, subcommands, opening the database and the
 * messages shared by the commands.  The only place that decides how a
 * status becomes an exit code and a sentence.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/auth.h"
#include "core/text.h"
#include "store/store.h"
#include "core/banned.h"

const struct cli_option *
cli_opt(const struct cli_command *cmd, const char *name)
{
	for (struct cli_option *o = cmd->options; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

void
cli_print_help(const struct cli_command *cmd)
{
	printf("usage: hearth %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->description)
		printf("\n%s\n", cmd->description);
	if (cmd->options && cmd->options->name)
		printf("\noptions:\n");
	for (struct cli_option *o = cmd->options; o && o->name; o++) {
		char left[48];

		snprintf(left, sizeof(left), "--%s%s%s", o->name,
		    o->arg ? " " : "", o->arg ? o->arg : "");
		printf("  %-22s %s\n", left, o->help);
	}
	printf("  %-22s %s\n", "--help", "show this help");
}

int
cli_parse(const struct cli_command *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *name;
		struct cli_option *o;
		size_t len;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_print_help(cmd);
			return -1;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			fprintf(stderr, "hearth %s: unexpected argument \"%s\" "
			    "(see hearth %s --help)\n", cmd->name, a,
			    cmd->name);
			return EXIT_USAGE;
		}
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		for (o = cmd->options; o && o->name; o++)
			if (strlen(o->name) == len &&
			    memcmp(o->name, name, len) == 0)
				break;
		if (o == NULL || o->name == NULL) {
			fprintf(stderr, "hearth %s: unknown option \"--%.*s\" "
			    "(see hearth %s --help)\n", cmd->name, (int)len,
			    name, cmd->name);
			return EXIT_BAD_INPUT;
		}
		if (o->seen) {
			fprintf(stderr, "hearth %s: option --%s given twice\n",
			    cmd->name, o->name);
			return EXIT_BAD_INPUT;
		}
		o->seen = true;
		if (o->arg == NULL) {
			if (eq) {
				fprintf(stderr, "hearth %s: option --%s takes "
				    "no value\n", cmd->name, o->name);
				return EXIT_BAD_INPUT;
			}
			continue;
		}
		if (eq)
			o->value = eq + 1;
		else if (i + 1 < argc)
			o->value = argv[++i];
		else {
			fprintf(stderr, "hearth %s: option --%s needs a value "
			    "(%s)\n", cmd->name, o->name, o->arg);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

int
cli_parse_named(const struct cli_command *cmd, int argc, char **argv,
    const char **name)
{
	int rc;

	*name = NULL;
	if (argc >= 2 && argv[1][0] != '-') {
		*name = argv[1];
		argc--;
		argv++;
	}
	if ((rc = cli_parse(cmd, argc, argv)) != EXIT_OK)
		return rc;
	if (*name == NULL) {
		fprintf(stderr, "usage: hearth %s\n", cmd->usage);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cli_run_sub(const struct cli_command *cmd,
    const struct cli_command *const *subs, int argc, char **argv)
{
	size_t skip = strlen(cmd->name) + 1;	/* "CMD " */

	for (int i = 0; argc >= 2 && subs[i]; i++)
		if (strcmp(argv[1], subs[i]->name + skip) == 0)
			return subs[i]->run(subs[i], argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cli_print_help(cmd);
		for (int i = 0; subs[i]; i++) {
			printf("\n");
			cli_print_help(subs[i]);
		}
		return EXIT_OK;
	}
	fprintf(stderr, "usage: hearth %s\n", cmd->usage);
	return EXIT_USAGE;
}

const char *
cli_db_path(const struct cli_command *cmd)
{
	const struct cli_option *o = cli_opt(cmd, "db");
	const char *env;

	if (o && o->value && o->value[0])
		return o->value;
	env = getenv("HEARTH_DB");
	if (env && env[0])
		return env;
	return "hearth.db";
}

int
cli_store_open(const struct cli_command *cmd, struct store **st)
{
	struct hdiag diag;
	enum herr e;

	hdiag_clear(&diag);
	if ((e = auth_init()) != HERR_OK)
		return cli_fail(e, NULL);
	if ((e = store_open(cli_db_path(cmd), 0, st, NULL, &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	return EXIT_OK;
}

bool
cli_take(const struct cli_command *cmd, const char *name, char *dst,
    size_t cap)
{
	const struct cli_option *o = cli_opt(cmd, name);

	if (!o->seen)
		return true;
	if (text_copy(dst, cap, o->value) == HERR_OK)
		return true;
	fprintf(stderr, "hearth: --%s \"%s\" is too long (at most %zu "
	    "characters)\n", name, o->value, cap - 1);
	return false;
}

size_t
cli_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool
cli_int(const char *name, const char *s, int64_t min, int64_t max,
    int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	if (s == NULL || s[0] == '\0' || s[0] == ' ' || s[0] == '+')
		goto bad;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno == ERANGE)
		goto bad;
	if (v < min || v > max) {
		fprintf(stderr, "hearth: --%s %s is out of range: give a whole "
		    "number from %" PRId64 " to %" PRId64 "\n", name, s, min,
		    max);
		return false;
	}
	*out = v;
	return true;
bad:
	fprintf(stderr, "hearth: --%s \"%s\" is not a whole number\n", name,
	    s ? s : "");
	return false;
}

bool
cli_date(const char *name, const char *s, hday *out)
{
	struct hdiag d;

	if (hdate_parse(s, out, name, &d) == HERR_OK)
		return true;
	fprintf(stderr, "hearth: --%s: %s\n", name, d.msg);
	return false;
}

int
cli_fail(enum herr e, const struct hdiag *diag)
{
	if (diag && diag->msg[0]) {
		if (diag->field[0] && e == HERR_INVALID)
			fprintf(stderr, "hearth: %s (field %s)\n", diag->msg,
			    diag->field);
		else
			fprintf(stderr, "hearth: %s\n", diag->msg);
	} else {
		fprintf(stderr, "hearth: %s\n", herr_str(e));
	}
	return herr_exit_code(e);
}
