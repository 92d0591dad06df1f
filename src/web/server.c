/*
 * server.c: libmicrohttpd glue, per-thread database connections, static
 * files, and the audit writer (group commit).
 *
 * Owns everything about HTTP transport; knows nothing about pages.  A
 * request arrives here, is turned into a struct req (raw URI captured by
 * the URI log callback so that our own strict parser decodes the query),
 * handed to router_dispatch, and its struct resp becomes the MHD response
 * with the security headers.  Request bodies over WEB_BODY_MAX are read
 * and discarded and answered 413.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include <microhttpd.h>
#include <sodium.h>

#include "core/auth.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "web/router.h"
#include "web/server.h"
#include "core/banned.h"

#define URI_MAX 8192
#define STATIC_MAX 32

struct static_file {
	char name[64];		/* "govuk-frontend.min.css" */
	char *data;
	size_t len;
	const char *type;
	char etag[40];
};

/* One request waiting for its audit row to be durable.  Each has its own
 * semaphore, so the writer wakes exactly the requests in its batch rather
 * than every waiting thread. */
struct audit_wait {
	struct audit_row *row;
	bool ok;
	sem_t done;
	struct audit_wait *next;
};

struct server {
	struct server_config cfg;
	struct MHD_Daemon *d;
	int port;
	bool tls;
	char authority[128];
	char asset_version[20];
	struct static_file files[STATIC_MAX];
	int nfiles;
	char *tls_cert, *tls_key;
	pthread_key_t store_key;

	/* The audit writer, and the log checkpointer. */
	pthread_t writer, checkpointer;
	bool writer_started, checkpointer_started;
	struct store *cst;
	pthread_mutex_t mu;
	pthread_cond_t more, more_ckpt;
	struct audit_wait *head, *tail;
	bool stopping;
	struct store *wst;
};

/* Per-connection state: the raw URI and the body being received. */
struct conn {
	char uri[URI_MAX + 1];
	bool uri_too_long;
	char *body;
	size_t len, cap;
	bool too_big;
	bool started;
};

void
server_config_init(struct server_config *c)
{
	memset(c, 0, sizeof(*c));
	c->host = "127.0.0.1";
	c->port = 8080;
	c->static_dir = "static";
	c->threads = 32;
}

int
server_port(const struct server *s)
{
	return s->port;
}

const char *
server_authority(const struct server *s)
{
	return s->authority;
}

const char *
server_asset_version(const struct server *s)
{
	return s->asset_version;
}

bool
server_tls(const struct server *s)
{
	return s->tls;
}

/* ------------------------------------------------------------ audit */

static void *
audit_writer(void *arg)
{
	struct server *s = arg;
	struct audit_row *rows = NULL;
	int cap = 0;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		struct audit_wait *batch, *w;
		int n = 0;
		bool ok;

		while (s->head == NULL && !s->stopping)
			pthread_cond_wait(&s->more, &s->mu);
		if (s->head == NULL && s->stopping)
			break;
		batch = s->head;
		s->head = s->tail = NULL;
		pthread_mutex_unlock(&s->mu);

		for (w = batch; w != NULL; w = w->next)
			n++;
		if (n > cap) {
			cap = n * 2;
			rows = xrealloc(rows, (size_t)cap * sizeof(*rows));
		}
		n = 0;
		for (w = batch; w != NULL; w = w->next)
			rows[n++] = *w->row;
		ok = store_begin(s->wst) == HERR_OK;
		if (ok && store_audit_append(s->wst, rows, n) != HERR_OK)
			ok = false;
		if (ok && store_commit(s->wst) != HERR_OK)
			ok = false;
		if (!ok) {
			store_rollback(s->wst);
			fprintf(stderr, "hearth serve: could not write %d audit "
			    "rows; their requests were refused\n", n);
		}

		n = 0;
		for (w = batch; w != NULL; ) {
			struct audit_wait *next = w->next;

			*w->row = rows[n++];
			w->ok = ok;
			sem_post(&w->done);	/* w may be gone after this */
			w = next;
		}
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	free(rows);
	return NULL;
}

enum herr
server_audit(const struct server *cs, struct audit_row *row)
{
	/* The queue is the server's mutable heart; pages hold it const. */
	struct server *s = (struct server *)(uintptr_t)cs;
	struct audit_wait w = { .row = row };

	sem_init(&w.done, 0, 0);
	pthread_mutex_lock(&s->mu);
	if (s->stopping) {
		pthread_mutex_unlock(&s->mu);
		sem_destroy(&w.done);
		return HERR_ENV;
	}
	if (s->tail != NULL)
		s->tail->next = &w;
	else
		s->head = &w;
	s->tail = &w;
	pthread_cond_signal(&s->more);
	pthread_mutex_unlock(&s->mu);
	while (sem_wait(&w.done) != 0 && errno == EINTR)
		;
	sem_destroy(&w.done);
	return w.ok ? HERR_OK : HERR_ENV;
}

/*
 * Copy the write-ahead log back into the database once a second, outside
 * any request's commit (every connection has automatic checkpoints off).
 */
static void *
wal_checkpointer(void *arg)
{
	struct server *s = arg;
	struct timespec until;

	pthread_mutex_lock(&s->mu);
	while (!s->stopping) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&s->more_ckpt, &s->mu, &until);
		if (s->stopping)
			break;
		pthread_mutex_unlock(&s->mu);
		if (store_wal_checkpoint(s->cst) != HERR_OK)
			fprintf(stderr, "hearth serve: a log checkpoint "
			    "failed; it will be tried again\n");
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* ------------------------------------------------------------ statics */

static const char *
type_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".woff2") == 0)
		return "font/woff2";
	return "application/octet-stream";
}

static enum herr
read_file(const char *path, char **data, size_t *len, struct hdiag *diag)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	size_t n;

	if (f == NULL || fstat(fileno(f), &sb) != 0 || sb.st_size > 4 << 20) {
		if (f != NULL)
			fclose(f);
		return hdiag_set(diag, HERR_ENV, "file", path,
		    "cannot read %s", path);
	}
	*data = xmalloc((size_t)sb.st_size + 1);
	n = fread(*data, 1, (size_t)sb.st_size, f);
	fclose(f);
	(*data)[n] = '\0';
	*len = n;
	return HERR_OK;
}

/* Load every regular file of the static folder into memory once: they are
 * small, and serving from memory needs no file system access per request. */
static enum herr
load_static(struct server *s, struct hdiag *diag)
{
	DIR *dir = opendir(s->cfg.static_dir);
	struct dirent *de;
	unsigned char all[crypto_generichash_BYTES_MIN];
	crypto_generichash_state hs;

	if (dir == NULL)
		return hdiag_set(diag, HERR_ENV, "static", s->cfg.static_dir,
		    "cannot open the static folder %s (run make first)",
		    s->cfg.static_dir);
	crypto_generichash_init(&hs, NULL, 0, sizeof(all));
	while ((de = readdir(dir)) != NULL && s->nfiles < STATIC_MAX) {
		struct static_file *f = &s->files[s->nfiles];
		char path[512];
		unsigned char h[8];

		if (de->d_name[0] == '.' || strlen(de->d_name) >=
		    sizeof(f->name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", s->cfg.static_dir,
		    de->d_name);
		if (read_file(path, &f->data, &f->len, diag) != HERR_OK) {
			closedir(dir);
			return HERR_ENV;
		}
		memcpy(f->name, de->d_name, strlen(de->d_name) + 1);
		f->type = type_of(f->name);
		crypto_generichash(h, sizeof(h), (unsigned char *)f->data,
		    f->len, NULL, 0);
		snprintf(f->etag, sizeof(f->etag),
		    "\"%02x%02x%02x%02x%02x%02x%02x%02x\"", h[0], h[1], h[2],
		    h[3], h[4], h[5], h[6], h[7]);
		crypto_generichash_update(&hs, h, sizeof(h));
		s->nfiles++;
	}
	closedir(dir);
	crypto_generichash_final(&hs, all, sizeof(all));
	snprintf(s->asset_version, sizeof(s->asset_version),
	    "%02x%02x%02x%02x%02x%02x", all[0], all[1], all[2], all[3], all[4],
	    all[5]);
	return HERR_OK;
}

/* Serve /assets/NAME from memory; false if there is no such file. */
static bool
serve_static(const struct server *s, const char *path, struct resp *w)
{
	const char *name = path + strlen("/assets/");

	for (int i = 0; i < s->nfiles; i++) {
		if (strcmp(s->files[i].name, name) != 0)
			continue;
		w->status = 200;
		w->file = s->files[i].data;
		w->file_len = s->files[i].len;
		w->content_type = s->files[i].type;
		/* Links carry ?v=<content hash>, so a year is safe. */
		w->cache = "public, max-age=31536000, immutable";
		snprintf(w->etag, sizeof(w->etag), "%s", s->files[i].etag);
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ requests */

static void
close_store(void *p)
{
	store_close(p);
}

/* This thread's connection, opened on first use. */
static struct store *
thread_store(struct server *s)
{
	struct store *st = pthread_getspecific(s->store_key);
	struct hdiag d;

	if (st != NULL)
		return st;
	if (store_open(s->cfg.db_path, 0, &st, NULL, &d) != HERR_OK ||
	    store_wal_manual(st) != HERR_OK) {
		fprintf(stderr, "hearth serve: %s\n", d.msg);
		store_close(st);
		return NULL;
	}
	pthread_setspecific(s->store_key, st);
	return st;
}

static void *
uri_logger(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn *cn = xcalloc(1, sizeof(*cn));
	size_t n = strlen(uri);

	(void)cls;
	(void)c;
	if (n > URI_MAX) {
		cn->uri_too_long = true;
		n = 0;
	}
	memcpy(cn->uri, uri, n);
	cn->uri[n] = '\0';
	return cn;
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn *cn = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cn != NULL) {
		free(cn->body);
		free(cn);
	}
	*con_cls = NULL;
}

static void
remote_of(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;

	snprintf(out, cap, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, out, (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, out, (socklen_t)cap);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Split the raw URI into a decoded path and the raw query.  The path must
 * decode to valid UTF-8 without control characters, "//" or dot segments.
 */
static bool
split_uri(const char *uri, char *path, size_t cap, const char **query)
{
	size_t o = 0;
	const char *p = uri;

	*query = "";
	if (*p != '/')
		return false;
	for (; *p != '\0' && *p != '?' && *p != '#'; p++) {
		int c = (unsigned char)*p;

		if (c == '%') {
			int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);

			if (hi < 0 || lo < 0)
				return false;
			c = hi * 16 + lo;
			p += 2;
		}
		if (c < 0x20 || c == 0x7f || o + 1 >= cap)
			return false;
		path[o++] = (char)c;
	}
	path[o] = '\0';
	if (*p == '?')
		*query = p + 1;
	if (!text_utf8_valid(path, o) || strstr(path, "//") != NULL ||
	    strstr(path, "/./") != NULL || strstr(path, "/../") != NULL)
		return false;
	if (o >= 2 && (strcmp(path + o - 2, "/.") == 0 ||
	    (o >= 3 && strcmp(path + o - 3, "/..") == 0)))
		return false;
	return true;
}

static void
add_headers(const struct server *s, struct MHD_Response *mr,
    const struct resp *w)
{
	for (const struct header *hd = router_security_headers(s->tls);
	    hd->name != NULL; hd++)
		MHD_add_response_header(mr, hd->name, hd->value);
	MHD_add_response_header(mr, "Content-Type", w->content_type ?
	    w->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(mr, "Cache-Control", w->cache ? w->cache :
	    "no-store");
	if (w->location[0] != '\0')
		MHD_add_response_header(mr, "Location", w->location);
	for (int i = 0; i < w->ncookies; i++)
		MHD_add_response_header(mr, "Set-Cookie", w->cookie[i]);
	if (w->allow[0] != '\0')
		MHD_add_response_header(mr, "Allow", w->allow);
	if (w->etag[0] != '\0')
		MHD_add_response_header(mr, "ETag", w->etag);
	if (w->disposition[0] != '\0')
		MHD_add_response_header(mr, "Content-Disposition",
		    w->disposition);
	if (w->www_authenticate != NULL)
		MHD_add_response_header(mr, "WWW-Authenticate",
		    w->www_authenticate);
}

static enum MHD_Result
send_resp(struct server *s, struct MHD_Connection *c, struct resp *w)
{
	struct MHD_Response *mr;
	enum MHD_Result ret;

	if (w->file != NULL) {
		mr = MHD_create_response_from_buffer(w->file_len,
		    (void *)(uintptr_t)w->file, MHD_RESPMEM_PERSISTENT);
	} else if (w->raw != NULL) {
		mr = MHD_create_response_from_buffer(w->raw_len, w->raw,
		    MHD_RESPMEM_MUST_FREE);
		w->raw = NULL;
	} else {
		size_t len = 0;
		char *b;

		if (html_failed(&w->body)) {
			html_clear(&w->body);
			html_init(&w->body, 0);
			w->status = 500;
			w->content_type = "text/plain; charset=utf-8";
			html_lit(&w->body, "The page was too large to send.\n");
		}
		b = html_take(&w->body, &len);
		mr = MHD_create_response_from_buffer(len, b,
		    MHD_RESPMEM_MUST_FREE);
	}
	if (mr == NULL)
		return MHD_NO;
	add_headers(s, mr, w);
	ret = MHD_queue_response(c, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static void
resp_init(struct resp *w)
{
	memset(w, 0, sizeof(*w));
	w->status = 200;
	html_init(&w->body, WEB_PAGE_MAX);
}

/* An early answer, before routing: plain text, or problem details for
 * the API (its clients parse JSON, whatever went wrong). */
static void
plain(struct resp *w, int status, const char *text)
{
	if (w->api) {
		web_problem(w, status, status == 413 ? "Request too large" :
		    status == 503 ? "Service unavailable" : "Bad request",
		    text);
		return;
	}
	/* Plain text is not HTML: sent as it is, not escaped. */
	w->status = status;
	w->content_type = "text/plain; charset=utf-8";
	free(w->raw);
	w->raw = xstrdup(text);
	w->raw_len = strlen(w->raw);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct conn *cn = *con_cls;
	struct req r;
	struct resp w;
	char path[2048];
	const char *query, *cookie;
	struct hdiag d;
	struct timespec t0, t1;
	enum MHD_Result ret;

	(void)url;
	(void)version;
	if (cn == NULL)
		return MHD_NO;
	if (!cn->started) {
		cn->started = true;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (!cn->too_big && cn->len + *upload_size > WEB_BODY_MAX) {
			cn->too_big = true;
			free(cn->body);
			cn->body = NULL;
			cn->len = cn->cap = 0;
		}
		if (!cn->too_big) {
			if (cn->len + *upload_size + 1 > cn->cap) {
				cn->cap = cn->len + *upload_size + 1 + 1024;
				cn->body = xrealloc(cn->body, cn->cap);
			}
			memcpy(cn->body + cn->len, upload, *upload_size);
			cn->len += *upload_size;
			cn->body[cn->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	resp_init(&w);
	memset(&r, 0, sizeof(r));
	form_init(&r.query);
	form_init(&r.body);
	form_init(&r.cookies);
	r.method = method;
	r.srv = s;
	r.tls = s->tls;
	r.now = auth_now();
	r.today = hdate_today();
	w.head = strcmp(method, "HEAD") == 0;
	w.api = strncmp(cn->uri, "/api/", 5) == 0;
	remote_of(c, r.remote, sizeof(r.remote));

	if (cn->too_big) {
		plain(&w, 413, "The request is too large: the limit is 64 KB.\n");
		goto send;
	}
	if (cn->uri_too_long || !split_uri(cn->uri, path, sizeof(path),
	    &query)) {
		plain(&w, 400, "The address is not valid.\n");
		goto send;
	}
	r.path = path;
	/* The route as audited: long paths are cut, never overflowed. */
	{
		size_t ml = strlen(method), pl = strlen(path);

		if (ml > 8)
			ml = 8;
		if (pl > sizeof(r.route) - ml - 2)
			pl = sizeof(r.route) - ml - 2;
		memcpy(r.route, method, ml);
		r.route[ml] = ' ';
		memcpy(r.route + ml + 1, path, pl);
		r.route[ml + 1 + pl] = '\0';
	}
	if (strncmp(path, "/assets/", 8) == 0 && (strcmp(method, "GET") == 0 ||
	    w.head)) {
		const char *inm = MHD_lookup_connection_value(c,
		    MHD_HEADER_KIND, "If-None-Match");

		if (!serve_static(s, path, &w))
			plain(&w, 404, "Not found.\n");
		else if (inm != NULL && strcmp(inm, w.etag) == 0) {
			w.status = 304;
			w.file = NULL;
			w.file_len = 0;
		}
		goto send;
	}
	if (form_parse_urlencoded(&r.query, query, strlen(query), &d) !=
	    HERR_OK) {
		plain(&w, 400, d.msg);
		goto send;
	}
	cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	if (cookie != NULL && form_parse_cookies(&r.cookies, cookie,
	    strlen(cookie), &d) != HERR_OK) {
		/* A malformed Cookie header from some other site on the same
		 * host is ignored rather than locking the user out. */
		form_clear(&r.cookies);
		form_init(&r.cookies);
	}
	r.body_raw = cn->body != NULL ? cn->body : "";
	r.body_len = cn->len;
	r.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type");
	r.accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
	r.api = strncmp(path, "/api/", 5) == 0;
	if ((r.st = thread_store(s)) == NULL) {
		plain(&w, 503, "The database is not available.\n");
		goto send;
	}
	/* The Authorization header is read by the API through the cookie
	 * form's sibling: keep it on the request as a pseudo-cookie. */
	{
		const char *auth = MHD_lookup_connection_value(c,
		    MHD_HEADER_KIND, "Authorization");

		if (auth != NULL && r.api)
			r.authorization = auth;
	}
	router_dispatch(&r, &w);
send:
	if (w.head && w.file == NULL) {
		html_clear(&w.body);
		html_init(&w.body, 0);
		free(w.raw);
		w.raw = NULL;
	}
	ret = send_resp(s, c, &w);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!s->cfg.quiet)
		fprintf(stderr, "%s %s %d %.1fms\n", method, r.path ? r.path :
		    "-", w.status, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	html_clear(&w.body);
	free(w.raw);
	form_clear(&r.query);
	form_clear(&r.body);
	form_clear(&r.cookies);
	return ret;
}

/* ------------------------------------------------------------ lifecycle */

enum herr
server_start(const struct server_config *cfg, struct server **out,
    struct hdiag *diag)
{
	struct server *s = xcalloc(1, sizeof(*s));
	struct sockaddr_in sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ERROR_LOG;
	enum herr e;
	size_t ncert = 0, nkey = 0;

	*out = NULL;
	/*
	 * A record page allocates a few hundred kilobytes (the child's view,
	 * the page) and frees them at once.  glibc serves such blocks with
	 * mmap and returns them with munmap, so every page paid for fresh
	 * zeroed pages from the kernel; keeping them in the heap lets each
	 * thread reuse its own.
	 */
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	s->cfg = *cfg;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->more, NULL);
	pthread_cond_init(&s->more_ckpt, NULL);
	pthread_key_create(&s->store_key, close_store);
	if ((e = auth_init()) != HERR_OK) {
		hdiag_set(diag, e, "", "", "the crypto libraries did not start");
		goto fail;
	}
	if ((e = store_open(cfg->db_path, 0, &s->wst, NULL, diag)) != HERR_OK ||
	    (e = store_wal_manual(s->wst)) != HERR_OK ||
	    (e = store_open(cfg->db_path, 0, &s->cst, NULL, diag)) != HERR_OK ||
	    (e = store_wal_manual(s->cst)) != HERR_OK)
		goto fail;
	if (store_setting_get(s->wst, "authority_name", s->authority,
	    sizeof(s->authority)) != HERR_OK)
		snprintf(s->authority, sizeof(s->authority), "hearth");
	if ((e = load_static(s, diag)) != HERR_OK)
		goto fail;
	if ((cfg->tls_cert != NULL) != (cfg->tls_key != NULL)) {
		e = hdiag_set(diag, HERR_INVALID, "tls", "", "give both "
		    "--tls-cert and --tls-key, or neither");
		goto fail;
	}
	if (cfg->tls_cert != NULL) {
		if ((e = read_file(cfg->tls_cert, &s->tls_cert, &ncert,
		    diag)) != HERR_OK || (e = read_file(cfg->tls_key,
		    &s->tls_key, &nkey, diag)) != HERR_OK)
			goto fail;
		s->tls = true;
		flags |= MHD_USE_TLS;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->host, &sa.sin_addr) != 1) {
		e = hdiag_set(diag, HERR_INVALID, "listen", cfg->host,
		    "%s is not an IPv4 address", cfg->host);
		goto fail;
	}
	if (pthread_create(&s->writer, NULL, audit_writer, s) != 0) {
		e = hdiag_set(diag, HERR_ENV, "", "", "cannot start a thread");
		goto fail;
	}
	s->writer_started = true;
	if (pthread_create(&s->checkpointer, NULL, wal_checkpointer, s) != 0) {
		e = hdiag_set(diag, HERR_ENV, "", "", "cannot start a thread");
		goto fail;
	}
	s->checkpointer_started = true;
	s->d = s->tls ? MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_logger, s,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, s,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_HTTPS_MEM_CERT, s->tls_cert,
	    MHD_OPTION_HTTPS_MEM_KEY, s->tls_key,
	    MHD_OPTION_END) : MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_logger, s,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, s,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_END);
	if (s->d == NULL) {
		e = hdiag_set(diag, HERR_ENV, "listen", cfg->host,
		    "cannot listen on %s:%d (%s)", cfg->host, cfg->port,
		    strerror(errno));
		goto fail;
	}
	{
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d,
		    MHD_DAEMON_INFO_BIND_PORT);

		s->port = di != NULL ? di->port : cfg->port;
	}
	*out = s;
	return HERR_OK;
fail:
	server_stop(s);
	return e;
}

void
server_stop(struct server *s)
{
	if (s == NULL)
		return;
	if (s->d != NULL)
		MHD_stop_daemon(s->d);
	if (s->writer_started) {
		pthread_mutex_lock(&s->mu);
		s->stopping = true;
		pthread_cond_broadcast(&s->more);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->writer, NULL);
	}
	if (s->checkpointer_started) {
		pthread_mutex_lock(&s->mu);
		s->stopping = true;
		pthread_cond_broadcast(&s->more_ckpt);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->checkpointer, NULL);
	}
	if (s->cst != NULL)
		(void)!store_wal_checkpoint(s->cst);
	store_close(s->cst);
	store_close(s->wst);
	for (int i = 0; i < s->nfiles; i++)
		free(s->files[i].data);
	free(s->tls_cert);
	free(s->tls_key);
	pthread_key_delete(s->store_key);
	pthread_cond_destroy(&s->more);
	pthread_cond_destroy(&s->more_ckpt);
	pthread_mutex_destroy(&s->mu);
	free(s);
}
