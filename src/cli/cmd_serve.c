/*
 * cmd_serve.c: `hearth serve`: the web application.
 *
 * Runs until SIGINT or SIGTERM, then stops accepting, lets requests in
 * flight finish and flushes the audit queue before exiting, so no audit
 * row of a response already sent is lost.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "docs/docs.h"
#include "store/store.h"
#include "web/server.h"
#include "core/banned.h"

static struct cli_option serve_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "listen", "HOST:PORT", "address to listen on (default "
	    "127.0.0.1:8080; port 0 picks a free one)" },
	{ "static", "DIR", "the built static files (default ./static)" },
	{ "threads", "N", "request threads (default 32)" },
	{ "tls-cert", "FILE", "PEM certificate: serve HTTPS (with --tls-key)" },
	{ "tls-key", "FILE", "PEM private key for --tls-cert" },
	{ "port-file", "FILE", "write the bound port here once listening "
	    "(for tests)" },
	{ "quiet", NULL, "no request log on stderr" },
	{ NULL },
};

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int
run_serve(const struct cli_command *cmd, int argc, char **argv)
{
	struct server_config cfg;
	struct server *srv = NULL;
	struct store *st = NULL;
	struct hdiag diag;
	struct sigaction sa;
	const char *listen = cli_opt(cmd, "listen")->value;
	const char *pf = cli_opt(cmd, "port-file")->value;
	char host[64];
	int64_t port = 8080, threads = 32;
	int rc;
	enum herr e;

	if ((rc = cli_parse(cmd, argc, argv)) != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	listen = cli_opt(cmd, "listen")->value;
	pf = cli_opt(cmd, "port-file")->value;
	server_config_init(&cfg);
	cfg.db_path = cli_db_path(cmd);
	snprintf(host, sizeof(host), "127.0.0.1");
	if (listen != NULL) {
		const char *colon = strrchr(listen, ':');

		if (colon == NULL || (size_t)(colon - listen) >= sizeof(host)) {
			fprintf(stderr, "hearth: --listen: \"%s\" is not "
			    "HOST:PORT\n", listen);
			return EXIT_BAD_INPUT;
		}
		memcpy(host, listen, (size_t)(colon - listen));
		host[colon - listen] = '\0';
		if (!cli_int("listen", colon + 1, 0, 65535, &port))
			return EXIT_BAD_INPUT;
	}
	if (cli_opt(cmd, "threads")->value != NULL && !cli_int("threads",
	    cli_opt(cmd, "threads")->value, 1, 512, &threads))
		return EXIT_BAD_INPUT;
	cfg.host = host;
	cfg.port = (int)port;
	cfg.threads = (int)threads;
	if (cli_opt(cmd, "static")->value != NULL)
		cfg.static_dir = cli_opt(cmd, "static")->value;
	cfg.tls_cert = cli_opt(cmd, "tls-cert")->value;
	cfg.tls_key = cli_opt(cmd, "tls-key")->value;
	if ((cfg.tls_cert != NULL) != (cfg.tls_key != NULL)) {
		fprintf(stderr, "hearth: --tls-cert and --tls-key go together: "
		    "give both, or neither\n");
		return EXIT_BAD_INPUT;
	}
	cfg.quiet = cli_opt(cmd, "quiet")->seen;

	/* Bring an existing database's schema up to date before any thread
	 * opens it; a missing one is an error (a typo in --db must not start
	 * an empty authority). */
	if (access(cfg.db_path, F_OK) != 0) {
		fprintf(stderr, "hearth: there is no database at %s: create one "
		    "with `hearth init` or `hearth demo`\n", cfg.db_path);
		return EXIT_ENV;
	}
	if ((e = store_open(cfg.db_path, STORE_MIGRATE, &st, NULL, &diag)) !=
	    HERR_OK)
		return cli_fail(e, &diag);
	store_close(st);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((e = server_start(&cfg, &srv, &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	printf("hearth is serving %s on %s://%s:%d/\n", server_authority(srv),
	    cfg.tls_cert ? "https" : "http", host, server_port(srv));
	fflush(stdout);
	if (pf != NULL) {
		FILE *f = fopen(pf, "w");

		if (f != NULL) {
			fprintf(f, "%d\n", server_port(srv));
			fclose(f);
		}
	}
	while (!stop_requested)
		pause();
	server_stop(srv);
	/* No worker is rendering a document any more. */
	docs_release_caches();
	printf("hearth stopped.\n");
	return EXIT_OK;
}

const struct cli_command cmd_serve = {
	.name = "serve",
	.summary = "serve the web application",
	.usage = "serve [--db PATH] [--listen HOST:PORT] [--tls-cert FILE "
	    "--tls-key FILE]",
	.description = "Pages and the JSON API (/api/v1/) over HTTP, or HTTPS "
	    "with a certificate.\nStops cleanly on Ctrl-C or SIGTERM.",
	.options = serve_opts,
	.run = run_serve,
};
