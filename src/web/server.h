/*
 * server.h: hearth's HTTP server (libmicrohttpd): configuration, start,
 * and what pages may read of it.
 *
 * A pool of threads serves requests; each thread has its own database
 * connection.  Audit rows are written by one writer thread that commits
 * them in batches (group commit) and wakes each request only once its row
 * is durable, so an audited page is never sent before its audit row is on
 * disk and a burst of requests shares one fsync.
 */
#ifndef HEARTH_WEB_SERVER_H
#define HEARTH_WEB_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/status.h"

struct server_config {
	const char *db_path;
	const char *host;		/* "127.0.0.1" */
	int port;			/* 8080 */
	const char *static_dir;		/* "static" */
	int threads;			/* request threads */
	const char *tls_cert;		/* PEM files; both or neither */
	const char *tls_key;
	bool quiet;			/* no access log */
};

struct server;

/* Defaults: 127.0.0.1:8080, ./static, 32 threads, no TLS. */
void server_config_init(struct server_config *c);

/* Start serving; returns once the socket listens.  *out is the caller's
 * to stop with server_stop(). */
enum herr server_start(const struct server_config *c, struct server **out,
    struct hdiag *diag) HEARTH_WUR;
/* Stop accepting, finish requests in flight, flush the audit queue. */
void server_stop(struct server *s);

/* The port actually bound (when the config asked for 0). */
int server_port(const struct server *s);
/* The authority's name, for page headers (borrowed). */
const char *server_authority(const struct server *s);
/* A short string that changes with the static files, for cache-busting
 * ?v= links (borrowed). */
const char *server_asset_version(const struct server *s);
bool server_tls(const struct server *s);

/*
 * Queue an audit row and wait until it is durable.  HERR_OK only when the
 * batch it was in committed.
 */
enum herr server_audit(const struct server *s, struct audit_row *row)
    HEARTH_WUR;

#endif
