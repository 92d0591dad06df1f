/*
 * main.c: `hearth <command> [options]`: finds the command and runs it.
 * Each command lives in its own file (cmd_*.c); this file only dispatches.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/banned.h"

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: hearth <command> [options]\n"
		    "Run `hearth help` for the list of commands.\n");
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help.run(&cmd_help, 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version.run(&cmd_version, 1, argv + 1);
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(argv[1], cli_commands[i]->name) == 0)
			return cli_commands[i]->run(cli_commands[i], argc - 1,
			    argv + 1);
	fprintf(stderr, "hearth: unknown command \"%s\"\n"
	    "Run `hearth help` for the list of commands.\n", argv[1]);
	return EXIT_USAGE;
}
