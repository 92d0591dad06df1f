/*
 * harness.h: what every HTTP test program under tests/web/ shares.
 *
 * A test program is one cmocka group: H_TEST(fn) for each test and
 * `return H_RUN(tests, h_setup);` in main (H_RUN also fails the program
 * when only a group fixture failed, which cmocka 1.1 does not).  Tests run
 * in the order listed and share one server.  h_setup makes a temporary folder,
 * creates a demo authority in it (`hearth demo --children 300 --seed 7`,
 * remembering the sign-ins it prints), and starts `hearth serve` on a free
 * port as a child process whose stderr goes to DIR/server.log.  h_teardown
 * stops it with SIGTERM and fails if it did not exit cleanly or if a
 * sanitizer reported anything (the log is printed), then removes the folder.
 * The server is also stopped and the folder removed if the program exits
 * another way (atexit) or is killed (SIGTERM, SIGINT, SIGHUP), and the
 * server gets SIGTERM if the test program dies (PR_SET_PDEATHSIG).
 *
 * The binaries come from $HEARTH (the hearth program) and $HEARTH_STATIC
 * (the static folder); scripts/run-tests sets both.
 *
 * HTTP goes through libcurl "agents": one browser each, with its own cookie
 * jar, never following redirects, keeping the last response's status,
 * headers and body.  sign_in() does the password, then TOTP enrolment or
 * the code, computing codes with auth_totp_code; an account accepts each
 * 30-second code step once, so it reads the last step used from the
 * database and uses the next one (waiting for the clock only when both
 * usable steps are spent).  agent_as(username) signs in once per program
 * and shares the browser between tests, which keeps sign-ins (argon2id,
 * TOTP steps) few.  Fixtures and checks on the database go through the
 * sqlite3 shell, run with an argument vector (no shell quoting), since
 * tests may not include sqlite3.h.
 *
 * Memory: strings the helpers return are kept by the harness and freed
 * after each test (H_TEST's teardown), as are agents, so a failing
 * assertion leaks nothing.  Callers never free them.
 *
 * Include after <cmocka.h> and before "core/banned.h".
 */
#ifndef HEARTH_TESTS_WEB_HARNESS_H
#define HEARTH_TESTS_WEB_HARNESS_H

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/auth.h"

#define H_FN static __attribute__((unused))
#define H_PRINTF(f, a) __attribute__((format(printf, f, a)))

#define H_USERS 48
#define H_KEEP 8192
#define H_AGENTS 64
#define H_DEMO_CHILDREN "300"
#define H_DEMO_SEED "7"
/* The password `h_add_user` gives (the demo's is printed by `hearth demo`). */
#define H_TEST_PASSWORD "kestrel-harbour-lantern"

struct h_user {
	char username[72];
	char role[40];		/* role code, as in staff.role */
	char password[64];
	char secret[AUTH_TOTP_SECRET_TEXT];	/* once enrolled */
};

struct h_server {
	char dir[256];
	char db[320];
	char log[320];
	char portfile[320];
	char hearth[512];
	char static_dir[512];
	pid_t pid;
	int port;
	char base[64];		/* "http://127.0.0.1:PORT" */
	struct h_user users[H_USERS];
	int nusers;
	bool curl_up;
	bool atexit_set;
	bool group_failed;	/* setup or teardown failed */
};

static struct h_server H;

/* ------------------------------------------------------------ memory */

static struct {
	void *p[H_KEEP];
	int n;
} h_kept;

/* Keep p until the end of the test; returns p. */
H_FN void *
h_keep(void *p)
{
	if (p == NULL)
		return NULL;
	if (h_kept.n >= H_KEEP)
		fail_msg("harness: more than %d kept allocations in one test",
		    H_KEEP);
	h_kept.p[h_kept.n++] = p;
	return p;
}

H_FN char *
h_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	assert_non_null(p);
	memcpy(p, s, n);
	p[n] = '\0';
	return h_keep(p);
}

H_FN char *
h_strdup(const char *s)
{
	return h_strndup(s, strlen(s));
}

H_FN char *h_vprintf(const char *fmt, va_list ap) H_PRINTF(1, 0);

H_FN char *
h_vprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	assert_true(n >= 0);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return h_keep(p);
}

/* A formatted string, kept until the end of the test. */
H_FN char *h_printf(const char *fmt, ...) H_PRINTF(1, 2);

H_FN char *
h_printf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = h_vprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* A growable byte buffer, always NUL-terminated. */
struct hbuf {
	char *p;
	size_t len, cap;
};

H_FN void
hbuf_add(struct hbuf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			abort();
		b->p = p;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

H_FN void
hbuf_reset(struct hbuf *b)
{
	b->len = 0;
	hbuf_add(b, "", 0);
}

H_FN void
hbuf_free(struct hbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* True if the n bytes at s contain needle (binary-safe haystack). */
H_FN bool
h_contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	if (k == 0)
		return true;
	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
			return true;
	return false;
}

H_FN void
h_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ------------------------------------------------------------ processes */

/*
 * Run argv (argv[0] found on PATH), with `in` (may be NULL) on its standard
 * input; *out (may be NULL; kept) gets its standard output and standard
 * error together.  Returns the exit status, or -1 if it did not exit
 * normally (then the signal is printed).
 */
H_FN int
h_run(char *const argv[], const char *in, char **out)
{
	int po[2], pi[2] = { -1, -1 };
	struct hbuf b = { 0 };
	pid_t pid;
	int st = -1;
	char chunk[4096];
	ssize_t k;

	hbuf_reset(&b);
	if (pipe(po) != 0 || (in != NULL && pipe(pi) != 0))
		fail_msg("harness: pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fail_msg("harness: fork: %s", strerror(errno));
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		dup2(in != NULL ? pi[0] : devnull, 0);
		dup2(po[1], 1);
		dup2(po[1], 2);
		close(po[0]);
		close(po[1]);
		if (in != NULL) {
			close(pi[0]);
			close(pi[1]);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	close(po[1]);
	if (in != NULL) {
		size_t n = strlen(in), off = 0;

		close(pi[0]);
		while (off < n) {
			k = write(pi[1], in + off, n - off);
			if (k <= 0)
				break;
			off += (size_t)k;
		}
		close(pi[1]);
	}
	while ((k = read(po[0], chunk, sizeof(chunk))) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		hbuf_add(&b, chunk, (size_t)k);
	}
	close(po[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (out != NULL)
		*out = h_keep(b.p);
	else
		free(b.p);
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	fprintf(stderr, "harness: %s died of signal %d\n", argv[0],
	    WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	return -1;
}

/* ------------------------------------------------------------ sqlite3 */

#define H_SEP "\x1f"	/* column separator in sqlite3 output */

/*
 * Run SQL on the database `db` with the sqlite3 shell (waiting up to 10 s
 * for a lock); fails the test unless it succeeds.  Returns its whole
 * output, rows separated by "\n" and columns by H_SEP, without the last
 * newline (kept).
 */
H_FN char *sql_all(const char *db, const char *fmt, ...) H_PRINTF(2, 3);

H_FN char *
sql_all(const char *db, const char *fmt, ...)
{
	va_list ap;
	char *q, *out = NULL;
	size_t n;
	int rc;

	va_start(ap, fmt);
	q = h_vprintf(fmt, ap);
	va_end(ap);
	{
		char *argv[] = { "sqlite3", "-batch", "-noheader",
		    "-separator", H_SEP, "-cmd", ".timeout 10000",
		    (char *)(uintptr_t)db, q, NULL };

		rc = h_run(argv, NULL, &out);
	}
	if (rc != 0)
		fail_msg("sqlite3 %s \"%s\" exited %d: %s", db, q, rc, out);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return out;
}

/* The first column of the first row, or NULL when there is no row. */
H_FN char *sql(const char *db, const char *fmt, ...) H_PRINTF(2, 3);

H_FN char *
sql(const char *db, const char *fmt, ...)
{
	va_list ap;
	char *q, *out;
	size_t n;

	va_start(ap, fmt);
	q = h_vprintf(fmt, ap);
	va_end(ap);
	out = sql_all(db, "%s", q);
	if (out[0] == '\0')
		return NULL;
	n = strcspn(out, "\n" H_SEP);
	out[n] = '\0';
	return out;
}

/* The first column of the first row as a number; fails if there is none. */
H_FN long long sql_int(const char *db, const char *fmt, ...) H_PRINTF(2, 3);

H_FN long long
sql_int(const char *db, const char *fmt, ...)
{
	va_list ap;
	char *q, *v, *end;
	long long n;

	va_start(ap, fmt);
	q = h_vprintf(fmt, ap);
	va_end(ap);
	v = sql(db, "%s", q);
	if (v == NULL || v[0] == '\0')
		fail_msg("sqlite3: \"%s\" gave no number", q);
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0')
		fail_msg("sqlite3: \"%s\" gave \"%s\", not a number", q, v);
	return n;
}

/* s as an SQL string literal, quotes doubled (kept). */
H_FN char *
sql_quote(const char *s)
{
	struct hbuf b = { 0 };

	hbuf_add(&b, "'", 1);
	for (; *s; s++)
		hbuf_add(&b, *s == '\'' ? "''" : s, *s == '\'' ? 2 : 1);
	hbuf_add(&b, "'", 1);
	return h_keep(b.p);
}

/* The bytes of s as upper-case hex, as sqlite3's hex() gives (kept). */
H_FN char *
h_hex(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(2 * n + 1);
	static const char dig[] = "0123456789ABCDEF";

	assert_non_null(p);
	for (size_t i = 0; i < n; i++) {
		p[2 * i] = dig[(unsigned char)s[i] >> 4];
		p[2 * i + 1] = dig[(unsigned char)s[i] & 15];
	}
	p[2 * n] = '\0';
	return h_keep(p);
}

/* ------------------------------------------------------------ users */

H_FN struct h_user *
h_user(const char *username)
{
	for (int i = 0; i < H.nusers; i++)
		if (strcmp(H.users[i].username, username) == 0)
			return &H.users[i];
	return NULL;
}

/* The username of the demo sign-in for a role code ("social_worker"). */
H_FN const char *
h_username(const char *role)
{
	for (int i = 0; i < H.nusers; i++)
		if (strcmp(H.users[i].role, role) == 0)
			return H.users[i].username;
	fail_msg("harness: the demo printed no sign-in for role %s", role);
	return NULL;
}

H_FN long long
h_staff_id(const char *username)
{
	return sql_int(H.db, "SELECT id FROM staff WHERE username = %s",
	    sql_quote(username));
}

H_FN struct h_user *
h_register(const char *username, const char *password)
{
	struct h_user *u;
	char *role;

	if ((u = h_user(username)) != NULL)
		return u;
	if (H.nusers >= H_USERS)
		fail_msg("harness: more than %d users", H_USERS);
	u = &H.users[H.nusers];
	memset(u, 0, sizeof(*u));
	snprintf(u->username, sizeof(u->username), "%s", username);
	snprintf(u->password, sizeof(u->password), "%s", password);
	role = sql(H.db, "SELECT role FROM staff WHERE username = %s",
	    sql_quote(username));
	if (role == NULL)
		fail_msg("harness: no staff row for %s", username);
	snprintf(u->role, sizeof(u->role), "%s", role);
	H.nusers++;
	return u;
}

/*
 * Add a member of staff who can sign in (`hearth user add`, password
 * H_TEST_PASSWORD): role is a role code, agency an agency's exact name,
 * team a team's exact name or NULL.
 */
H_FN struct h_user *
h_add_user(const char *username, const char *role, const char *agency,
    const char *team)
{
	char *out = NULL;
	int rc;
	char *argv[] = { H.hearth, "user", "add", "--db", H.db, "--username",
	    (char *)(uintptr_t)username, "--given", "Test", "--family",
	    "User", "--role", (char *)(uintptr_t)role, "--agency",
	    (char *)(uintptr_t)agency, team ? "--team" : NULL,
	    (char *)(uintptr_t)team, NULL };

	rc = h_run(argv, H_TEST_PASSWORD "\n", &out);
	if (rc != 0)
		fail_msg("hearth user add %s exited %d: %s", username, rc, out);
	return h_register(username, H_TEST_PASSWORD);
}

/* Read the "Sign in as" table `hearth demo` prints. */
static int
h_parse_demo(const char *out)
{
	const char *p = strstr(out, "Sign in as");
	char line[512];

	if (p == NULL)
		return -1;
	p = strchr(p, '\n');
	while (p != NULL && *p == '\n') {
		const char *e = strchr(p + 1, '\n');
		size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
		char *tok[32];
		int nt = 0;
		struct h_user *u;

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p + 1, n);
		line[n] = '\0';
		p = e;
		for (char *s = line; nt < 32;) {
			while (*s == ' ')
				s++;
			if (*s == '\0')
				break;
			tok[nt++] = s;
			while (*s != ' ' && *s != '\0')
				s++;
			if (*s == ' ')
				*s++ = '\0';
		}
		if (nt < 3 || strcmp(tok[nt - 2], "username") == 0)
			continue;
		if (H.nusers >= H_USERS)
			return -1;
		u = &H.users[H.nusers++];
		memset(u, 0, sizeof(*u));
		snprintf(u->username, sizeof(u->username), "%s", tok[nt - 2]);
		snprintf(u->password, sizeof(u->password), "%s", tok[nt - 1]);
	}
	return H.nusers > 0 ? 0 : -1;
}

/* ------------------------------------------------------------ server */

H_FN void
h_print_log(void)
{
	FILE *f = fopen(H.log, "r");
	char buf[4096];
	size_t n;

	fprintf(stderr, "----- server log %s\n", H.log);
	if (f != NULL) {
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			fwrite(buf, 1, n, stderr);
		fclose(f);
	}
	fprintf(stderr, "----- end of server log\n");
}

/* True if the server log holds a sanitizer report. */
static bool
h_log_has_report(void)
{
	FILE *f = fopen(H.log, "r");
	char line[1024];
	bool bad = false;

	if (f == NULL)
		return false;
	while (!bad && fgets(line, sizeof(line), f) != NULL)
		bad = strstr(line, "ERROR: AddressSanitizer") != NULL ||
		    strstr(line, "ERROR: LeakSanitizer") != NULL ||
		    strstr(line, "runtime error:") != NULL ||
		    strstr(line, "Sanitizer:DEADLYSIGNAL") != NULL;
	fclose(f);
	return bad;
}

/* Remove the temporary folder (it holds only files). */
static void
h_remove_dir(void)
{
	DIR *d;
	struct dirent *de;

	if (H.dir[0] == '\0')
		return;
	if ((d = opendir(H.dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			unlinkat(dirfd(d), de->d_name, 0);
		}
		closedir(d);
	}
	rmdir(H.dir);
	H.dir[0] = '\0';
}

/*
 * Stop the server: SIGTERM, then wait up to 10 s (SIGKILL after that).
 * Returns 0 if it exited with status 0 and no sanitizer report, else -1
 * (with the log printed).
 */
static int
h_stop_server(void)
{
	int st = 0, rc = 0;
	pid_t w = 0;

	if (H.pid <= 0)
		return 0;
	kill(H.pid, SIGTERM);
	for (int i = 0; i < 1000; i++) {
		w = waitpid(H.pid, &st, WNOHANG);
		if (w != 0)
			break;
		h_sleep_ms(10);
	}
	if (w == 0) {
		fprintf(stderr, "harness: the server did not stop within 10 s "
		    "of SIGTERM\n");
		kill(H.pid, SIGKILL);
		waitpid(H.pid, &st, 0);
		rc = -1;
	} else if (w < 0) {
		fprintf(stderr, "harness: waitpid: %s\n", strerror(errno));
		rc = -1;
	} else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (WIFSIGNALED(st))
			fprintf(stderr, "harness: the server died of signal "
			    "%d\n", WTERMSIG(st));
		else
			fprintf(stderr, "harness: the server exited %d\n",
			    WEXITSTATUS(st));
		rc = -1;
	}
	H.pid = 0;
	if (h_log_has_report()) {
		fprintf(stderr, "harness: the server log holds a sanitizer "
		    "report\n");
		rc = -1;
	}
	if (rc != 0)
		h_print_log();
	return rc;
}

/* The files the temporary folder can hold, for the signal handler (which
 * may only unlink names it already has). */
static const char *const h_files[] = { "h.db", "h.db-wal", "h.db-shm",
	"h.db-journal", "server.log", "port" };
#define H_NFILES (sizeof(h_files) / sizeof(h_files[0]))
static char h_paths[H_NFILES][384];

/* Killed (by `timeout`, or Ctrl-C): stop the server and remove the folder
 * with async-signal-safe calls only, then die of the same signal. */
static void
h_on_signal(int sig)
{
	if (H.pid > 0) {
		kill(H.pid, SIGKILL);
		waitpid(H.pid, NULL, 0);
	}
	if (H.dir[0] != '\0') {
		for (size_t i = 0; i < H_NFILES; i++)
			unlink(h_paths[i]);
		rmdir(H.dir);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
h_atexit(void)
{
	if (H.pid > 0) {
		kill(H.pid, SIGKILL);
		waitpid(H.pid, NULL, 0);
		H.pid = 0;
	}
	h_remove_dir();
}

/* True while the server process is running. */
H_FN bool
h_server_alive(void)
{
	int st;

	if (H.pid <= 0)
		return false;
	if (waitpid(H.pid, &st, WNOHANG) == 0)
		return true;
	fprintf(stderr, "harness: the server has exited (%s %d)\n",
	    WIFSIGNALED(st) ? "signal" : "status",
	    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	H.pid = 0;
	h_print_log();
	return false;
}

static int
h_start_server(void)
{
	pid_t pid;
	char buf[64];

	snprintf(H.log, sizeof(H.log), "%s/server.log", H.dir);
	snprintf(H.portfile, sizeof(H.portfile), "%s/port", H.dir);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(H.log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int devnull = open("/dev/null", O_RDONLY);

		/* If the test program dies, so does its server. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (fd < 0 || devnull < 0)
			_exit(126);
		dup2(devnull, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(H.hearth, H.hearth, "serve", "--db", H.db, "--listen",
		    "127.0.0.1:0", "--port-file", H.portfile, "--static",
		    H.static_dir, "--quiet", (char *)NULL);
		_exit(127);
	}
	H.pid = pid;
	for (int i = 0; i < 1000; i++) {	/* 10 s */
		FILE *f;
		size_t n = 0;

		if (!h_server_alive())
			return -1;
		if ((f = fopen(H.portfile, "r")) != NULL) {
			n = fread(buf, 1, sizeof(buf) - 1, f);
			fclose(f);
		}
		buf[n] = '\0';
		if (n > 0 && strchr(buf, '\n') != NULL) {
			char *end;
			long p = strtol(buf, &end, 10);

			if (p <= 0 || p > 65535 || *end != '\n') {
				fprintf(stderr, "harness: port file holds "
				    "\"%s\"\n", buf);
				return -1;
			}
			H.port = (int)p;
			snprintf(H.base, sizeof(H.base),
			    "http://127.0.0.1:%d", H.port);
			return 0;
		}
		h_sleep_ms(10);
	}
	fprintf(stderr, "harness: no port file after 10 s\n");
	h_print_log();
	return -1;
}

/* Group setup: a demo authority and a server on it. */
H_FN int
h_setup(void **state)
{
	const char *hearth = getenv("HEARTH"), *st = getenv("HEARTH_STATIC");
	const char *tmp = getenv("TMPDIR");
	char *out = NULL;
	int rc;

	(void)state;
	if (!H.atexit_set) {
		atexit(h_atexit);
		H.atexit_set = true;
	}
	if (hearth == NULL || hearth[0] == '\0' || st == NULL ||
	    st[0] == '\0') {
		fprintf(stderr, "harness: set HEARTH to the hearth program and "
		    "HEARTH_STATIC to the static folder\n");
		H.group_failed = true;
		return -1;
	}
	snprintf(H.hearth, sizeof(H.hearth), "%s", hearth);
	snprintf(H.static_dir, sizeof(H.static_dir), "%s", st);
	if (auth_init() != HERR_OK || curl_global_init(CURL_GLOBAL_DEFAULT) !=
	    CURLE_OK) {
		H.group_failed = true;
		return -1;
	}
	H.curl_up = true;
	snprintf(H.dir, sizeof(H.dir), "%s/hearth-web-XXXXXX",
	    tmp && tmp[0] ? tmp : "/tmp");
	if (mkdtemp(H.dir) == NULL) {
		fprintf(stderr, "harness: mkdtemp: %s\n", strerror(errno));
		H.dir[0] = '\0';
		H.group_failed = true;
		return -1;
	}
	snprintf(H.db, sizeof(H.db), "%s/h.db", H.dir);
	for (size_t i = 0; i < H_NFILES; i++)
		snprintf(h_paths[i], sizeof(h_paths[i]), "%s/%s", H.dir,
		    h_files[i]);
	signal(SIGTERM, h_on_signal);
	signal(SIGINT, h_on_signal);
	signal(SIGHUP, h_on_signal);
	/* A command that exits before reading its input must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	{
		char *argv[] = { H.hearth, "demo", "--db", H.db, "--children",
		    H_DEMO_CHILDREN, "--seed", H_DEMO_SEED, NULL };

		rc = h_run(argv, NULL, &out);
	}
	if (rc != 0 || h_parse_demo(out) != 0) {
		fprintf(stderr, "harness: hearth demo exited %d:\n%s\n", rc,
		    out);
		goto fail;
	}
	for (int i = 0; i < H.nusers; i++) {
		char *role = sql(H.db, "SELECT role FROM staff WHERE "
		    "username = %s", sql_quote(H.users[i].username));

		if (role == NULL)
			goto fail;
		snprintf(H.users[i].role, sizeof(H.users[i].role), "%s", role);
	}
	if (h_start_server() != 0)
		goto fail;
	for (int i = 0; i < h_kept.n; i++)
		free(h_kept.p[i]);
	h_kept.n = 0;
	return 0;
fail:
	for (int i = 0; i < h_kept.n; i++)
		free(h_kept.p[i]);
	h_kept.n = 0;
	h_atexit();
	H.group_failed = true;
	return -1;
}

/* ------------------------------------------------------------ agents */

struct agent {
	CURL *c;
	long status;
	struct hbuf hdr, body;
	char err[CURL_ERROR_SIZE];
	char auth[160];		/* "Authorization: Bearer ..." or "" */
};

static struct {
	struct agent *a[H_AGENTS];
	int n;
} h_agents;

static size_t
h_on_body(char *p, size_t sz, size_t n, void *ud)
{
	hbuf_add(ud, p, sz * n);
	return sz * n;
}

static size_t
h_on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct hbuf *b = ud;

	/* A 100 Continue (or any earlier response) is replaced. */
	if (sz * n >= 5 && memcmp(p, "HTTP/", 5) == 0)
		hbuf_reset(b);
	hbuf_add(b, p, sz * n);
	return sz * n;
}

/* Signed-in agents kept for the whole program (agent_as). */
static struct {
	struct agent *a[H_USERS];
	char user[H_USERS][72];
	int n;
} h_sessions;

static struct agent *
h_agent_create(void)
{
	struct agent *a = calloc(1, sizeof(*a));

	assert_non_null(a);
	a->c = curl_easy_init();
	assert_non_null(a->c);
	hbuf_reset(&a->hdr);
	hbuf_reset(&a->body);
	curl_easy_setopt(a->c, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(a->c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(a->c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(a->c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(a->c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(a->c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(a->c, CURLOPT_ERRORBUFFER, a->err);
	curl_easy_setopt(a->c, CURLOPT_WRITEFUNCTION, h_on_body);
	curl_easy_setopt(a->c, CURLOPT_WRITEDATA, &a->body);
	curl_easy_setopt(a->c, CURLOPT_HEADERFUNCTION, h_on_header);
	curl_easy_setopt(a->c, CURLOPT_HEADERDATA, &a->hdr);
	return a;
}

/* A new browser with an empty cookie jar (freed after the test). */
H_FN struct agent *
agent_new(void)
{
	struct agent *a;

	if (h_agents.n >= H_AGENTS)
		fail_msg("harness: more than %d agents in one test", H_AGENTS);
	a = h_agent_create();
	h_agents.a[h_agents.n++] = a;
	return a;
}

static void
h_agent_free(struct agent *a)
{
	if (a == NULL)
		return;
	curl_easy_cleanup(a->c);
	hbuf_free(&a->hdr);
	hbuf_free(&a->body);
	free(a);
}

/* Free what the last test kept: agents and strings. */
H_FN void
h_release(void)
{
	for (int i = 0; i < h_agents.n; i++)
		h_agent_free(h_agents.a[i]);
	h_agents.n = 0;
	for (int i = 0; i < h_kept.n; i++)
		free(h_kept.p[i]);
	h_kept.n = 0;
}

/* Per-test teardown (H_TEST). */
H_FN int
h_after(void **state)
{
	(void)state;
	h_release();
	return 0;
}

#define H_TEST(f) cmocka_unit_test_teardown(f, h_after)

/* Group teardown: stop the server, check it, remove the folder. */
H_FN int
h_teardown(void **state)
{
	int rc;

	(void)state;
	h_release();
	for (int i = 0; i < h_sessions.n; i++)
		h_agent_free(h_sessions.a[i]);
	h_sessions.n = 0;
	rc = h_stop_server();
	h_remove_dir();
	if (H.curl_up) {
		curl_global_cleanup();
		H.curl_up = false;
	}
	if (rc != 0)
		H.group_failed = true;
	return rc;
}

/*
 * Run the group and return the program's exit status.  cmocka 1.1 exits 0
 * when only a group fixture failed (a server that crashed at SIGTERM, or a
 * sanitizer report), so that is added here.
 */
#define H_RUN(tests, setup) \
	(cmocka_run_group_tests((tests), (setup), h_teardown) + \
	(H.group_failed ? 1 : 0))

/*
 * Send one request: method, a path (with any query) appended to the
 * server's address, and a body of len bytes with its Content-Type (both may
 * be NULL/0).  Fails the test if there is no HTTP answer.  Returns the
 * status; a->body and a->hdr hold the answer.
 */
H_FN long
h_request(struct agent *a, const char *method, const char *path,
    const char *ctype, const void *body, size_t len)
{
	struct curl_slist *hl = NULL;
	char *url = h_printf("%s%s", H.base, path);
	CURLcode rc;

	hbuf_reset(&a->hdr);
	hbuf_reset(&a->body);
	a->status = 0;
	a->err[0] = '\0';
	curl_easy_setopt(a->c, CURLOPT_URL, url);
	curl_easy_setopt(a->c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(a->c, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(a->c, CURLOPT_CUSTOMREQUEST, NULL);
	hl = curl_slist_append(hl, "Expect:");
	if (a->auth[0] != '\0')
		hl = curl_slist_append(hl, a->auth);
	if (strcmp(method, "POST") == 0 || body != NULL) {
		curl_easy_setopt(a->c, CURLOPT_POST, 1L);
		curl_easy_setopt(a->c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len);
		curl_easy_setopt(a->c, CURLOPT_COPYPOSTFIELDS,
		    body != NULL ? (const char *)body : "");
		hl = curl_slist_append(hl, h_printf("Content-Type: %s",
		    ctype != NULL ? ctype : "application/octet-stream"));
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0)
		curl_easy_setopt(a->c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(a->c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(a->c, CURLOPT_HTTPHEADER, hl);
	rc = curl_easy_perform(a->c);
	curl_easy_setopt(a->c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hl);
	if (rc != CURLE_OK) {
		(void)h_server_alive();
		fail_msg("%s %s: no answer: %s (%s)", method, path,
		    curl_easy_strerror(rc), a->err);
	}
	curl_easy_getinfo(a->c, CURLINFO_RESPONSE_CODE, &a->status);
	return a->status;
}

/* GET a path built from fmt. */
H_FN long get(struct agent *a, const char *fmt, ...) H_PRINTF(2, 3);

H_FN long
get(struct agent *a, const char *fmt, ...)
{
	va_list ap;
	char *path;

	va_start(ap, fmt);
	path = h_vprintf(fmt, ap);
	va_end(ap);
	return h_request(a, "GET", path, NULL, NULL, 0);
}

/* POST len raw bytes with a Content-Type. */
H_FN long
post_raw(struct agent *a, const char *path, const char *ctype,
    const void *bytes, size_t len)
{
	return h_request(a, "POST", path, ctype, bytes, len);
}

/* "name=value&..." from n pairs, every byte but A-Z a-z 0-9 -._~ escaped
 * (kept). */
H_FN char *
h_urlencode_pairs(struct agent *a, int n, const char *const *names,
    const char *const *values)
{
	struct hbuf b = { 0 };

	hbuf_reset(&b);
	for (int i = 0; i < n; i++) {
		char *kn = curl_easy_escape(a->c, names[i], 0);
		char *kv = curl_easy_escape(a->c, values[i],
		    (int)strlen(values[i]));

		assert_non_null(kn);
		assert_non_null(kv);
		if (i > 0)
			hbuf_add(&b, "&", 1);
		hbuf_add(&b, kn, strlen(kn));
		hbuf_add(&b, "=", 1);
		hbuf_add(&b, kv, strlen(kv));
		curl_free(kn);
		curl_free(kv);
	}
	return h_keep(b.p);
}

/* POST n url-encoded fields. */
H_FN long
post_formv(struct agent *a, const char *path, int n,
    const char *const *names, const char *const *values)
{
	char *body = h_urlencode_pairs(a, n, names, values);

	return post_raw(a, path, "application/x-www-form-urlencoded", body,
	    strlen(body));
}

/* POST url-encoded fields given as name, value, ..., NULL. */
H_FN long
post_form(struct agent *a, const char *path, ...)
{
	const char *names[64], *values[64];
	const char *k;
	int n = 0;
	va_list ap;

	va_start(ap, path);
	while ((k = va_arg(ap, const char *)) != NULL) {
		if (n >= 64) {
			va_end(ap);
			fail_msg("post_form: more than 64 fields");
		}
		names[n] = k;
		values[n] = va_arg(ap, const char *);
		if (values[n] == NULL) {
			va_end(ap);
			fail_msg("post_form %s: field %s has no value (the "
			    "page did not give one?)", path, k);
		}
		n++;
	}
	va_end(ap);
	return post_formv(a, path, n, names, values);
}

/* Send "Authorization: Bearer <token>" with every request (NULL: stop). */
H_FN void
agent_bearer(struct agent *a, const char *token)
{
	if (token == NULL)
		a->auth[0] = '\0';
	else
		snprintf(a->auth, sizeof(a->auth), "Authorization: Bearer %s",
		    token);
}

/* The i-th (0-based) value of response header `name` (kept), or NULL. */
H_FN char *
agent_header_nth(struct agent *a, const char *name, int i)
{
	size_t k = strlen(name);
	const char *p = a->hdr.p;

	while (p != NULL && *p != '\0') {
		const char *e = strstr(p, "\r\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n > k && strncasecmp(p, name, k) == 0 && p[k] == ':') {
			const char *v = p + k + 1;
			const char *ve = p + n;

			if (i-- == 0) {
				while (v < ve && (*v == ' ' || *v == '\t'))
					v++;
				while (ve > v && (ve[-1] == ' ' ||
				    ve[-1] == '\t'))
					ve--;
				return h_strndup(v, (size_t)(ve - v));
			}
		}
		p = e ? e + 2 : NULL;
	}
	return NULL;
}

H_FN char *
agent_header(struct agent *a, const char *name)
{
	return agent_header_nth(a, name, 0);
}

/* The Set-Cookie header of the last response that sets `name` (kept), or
 * NULL. */
H_FN char *
agent_set_cookie_header(struct agent *a, const char *name)
{
	size_t k = strlen(name);
	char *v;

	for (int i = 0; (v = agent_header_nth(a, "Set-Cookie", i)) != NULL;
	    i++)
		if (strncmp(v, name, k) == 0 && v[k] == '=')
			return v;
	return NULL;
}

/* The value of cookie `name` in the agent's jar (kept), or NULL. */
H_FN char *
agent_cookie(struct agent *a, const char *name)
{
	struct curl_slist *list = NULL, *l;
	char *found = NULL;

	curl_easy_getinfo(a->c, CURLINFO_COOKIELIST, &list);
	for (l = list; l != NULL; l = l->next) {
		/* domain, tailmatch, path, secure, expires, name, value */
		const char *f[7];
		const char *p = l->data;
		int n = 0;
		long long exp;

		f[n++] = p;
		while (n < 7 && (p = strchr(p, '\t')) != NULL)
			f[n++] = ++p;
		if (n != 7 || strncmp(f[5], name, strlen(name)) != 0 ||
		    f[5][strlen(name)] != '\t')
			continue;
		/* Expired (deleted) cookies may still be listed. */
		exp = strtoll(f[4], NULL, 10);
		if (exp == 0 || exp > (long long)time(NULL))
			found = h_strdup(f[6]);
	}
	curl_slist_free_all(list);
	return found;
}

/* Put cookie name=value for this server into the agent's jar. */
H_FN void
agent_put_cookie(struct agent *a, const char *name, const char *value)
{
	char *line = h_printf("127.0.0.1\tFALSE\t/\tFALSE\t0\t%s\t%s", name,
	    value);

	curl_easy_setopt(a->c, CURLOPT_COOKIELIST, line);
}

/* The response body, NUL-terminated (it may hold other NULs). */
H_FN const char *
body(struct agent *a)
{
	return a->body.p;
}

H_FN bool
body_has(struct agent *a, const char *needle)
{
	return h_contains(a->body.p, a->body.len, needle);
}

/* The part of the last page worth showing in a failure: from <main> when
 * there is one (the header is the same on every page). */
H_FN const char *
h_shown(struct agent *a)
{
	const char *m = strstr(a->body.p, "<main");

	return m != NULL ? m : a->body.p;
}

/* Fail unless the status is `want`, showing the answer. */
#define expect_status(a, want) do {					\
	long got_ = (a)->status;					\
	if (got_ != (want))						\
		fail_msg("status %ld, expected %d; headers:\n%s\nbody "	\
		    "(from <main>):\n%.2000s", got_, (int)(want),	\
		    (a)->hdr.p, h_shown(a));				\
} while (0)

/* Fail unless the last answer is a 303 to exactly `loc`. */
#define expect_redirect(a, loc) do {					\
	const char *l_;							\
	expect_status((a), 303);					\
	l_ = agent_header((a), "Location");				\
	if (l_ == NULL || strcmp(l_, (loc)) != 0)			\
		fail_msg("redirected to \"%s\", expected \"%s\"",	\
		    l_ ? l_ : "(no Location)", (loc));			\
} while (0)

#define expect_body_has(a, s) do {					\
	if (!body_has((a), (s)))					\
		fail_msg("the body does not contain \"%s\":\n%.3000s",	\
		    (s), h_shown(a));					\
} while (0)

#define expect_body_lacks(a, s) do {					\
	if (body_has((a), (s)))						\
		fail_msg("the body contains \"%s\":\n%.3000s", (s),	\
		    h_shown(a));					\
} while (0)

/* ------------------------------------------------------------ HTML */

/* Decode the entities the html writer produces, and numeric ones (kept). */
H_FN char *
html_unescape(const char *s, size_t n)
{
	struct hbuf b = { 0 };
	static const struct {
		const char *ent;
		char c;
	} ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&#x27;", '\'' },
		{ "&apos;", '\'' },
	};

	hbuf_reset(&b);
	for (size_t i = 0; i < n;) {
		bool done = false;

		if (s[i] == '&') {
			for (size_t e = 0; e < sizeof(ents) / sizeof(ents[0]);
			    e++) {
				size_t k = strlen(ents[e].ent);

				if (i + k <= n && memcmp(s + i, ents[e].ent,
				    k) == 0) {
					hbuf_add(&b, &ents[e].c, 1);
					i += k;
					done = true;
					break;
				}
			}
			if (!done && i + 2 < n && s[i + 1] == '#') {
				char *end;
				long v = s[i + 2] == 'x' ? strtol(s + i + 3,
				    &end, 16) : strtol(s + i + 2, &end, 10);

				if (*end == ';' && v > 0 && v < 128) {
					char c = (char)v;

					hbuf_add(&b, &c, 1);
					i = (size_t)(end - s) + 1;
					done = true;
				}
			}
		}
		if (!done)
			hbuf_add(&b, s + i++, 1);
	}
	return h_keep(b.p);
}

/* The value of attribute `attr` in the tag [tag, end) (kept), or NULL. */
H_FN char *
html_attr_in(const char *tag, const char *end, const char *attr)
{
	size_t k = strlen(attr);

	for (const char *p = tag + 1; p + k + 2 < end; p++) {
		if ((p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t') &&
		    strncmp(p, attr, k) == 0 && p[k] == '=') {
			const char *v = p + k + 1, *ve;

			if (*v == '"') {
				ve = memchr(v + 1, '"', (size_t)(end - v - 1));
				if (ve == NULL)
					return NULL;
				return html_unescape(v + 1,
				    (size_t)(ve - v - 1));
			}
			for (ve = v; ve < end && *ve != ' ' && *ve != '>';
			    ve++)
				;
			return html_unescape(v, (size_t)(ve - v));
		}
	}
	return NULL;
}

/* True if the tag [tag, end) has a bare or valued attribute `attr`. */
static bool
html_has_attr(const char *tag, const char *end, const char *attr)
{
	size_t k = strlen(attr);

	for (const char *p = tag + 1; p + k <= end; p++)
		if ((p[-1] == ' ' || p[-1] == '\n') && strncmp(p, attr, k) ==
		    0 && (p[k] == ' ' || p[k] == '>' || p[k] == '=' ||
		    p[k] == '/'))
			return true;
	return false;
}

/* One control of a form: its name and the value a browser would send. */
struct hfield {
	char *name;
	char *value;
};

struct hform {
	char *action;
	int n;
	struct hfield f[64];
};

/*
 * Read the control that starts at `tag` (an <input, <textarea or <select
 * tag) into *out; false for controls a browser would not send (buttons,
 * unchecked boxes, no name).  *next is set past the control.
 */
static bool
html_control(const char *tag, const char *limit, struct hfield *out,
    const char **next)
{
	const char *end = strchr(tag, '>');
	char *name, *type;

	if (end == NULL || end > limit) {
		*next = limit;
		return false;
	}
	*next = end + 1;
	name = html_attr_in(tag, end, "name");
	if (name == NULL)
		return false;
	out->name = name;
	if (strncmp(tag, "<input", 6) == 0) {
		type = html_attr_in(tag, end, "type");
		if (type != NULL && (strcmp(type, "submit") == 0 ||
		    strcmp(type, "button") == 0 || strcmp(type, "image") == 0 ||
		    strcmp(type, "reset") == 0 || strcmp(type, "file") == 0))
			return false;
		if (type != NULL && (strcmp(type, "checkbox") == 0 ||
		    strcmp(type, "radio") == 0) &&
		    !html_has_attr(tag, end, "checked"))
			return false;
		out->value = html_attr_in(tag, end, "value");
		if (out->value == NULL)
			out->value = h_strdup(type != NULL &&
			    (strcmp(type, "checkbox") == 0 ||
			    strcmp(type, "radio") == 0) ? "on" : "");
		return true;
	}
	if (strncmp(tag, "<textarea", 9) == 0) {
		const char *close = strstr(end, "</textarea>");
		const char *v = end + 1;

		if (close == NULL)
			return false;
		/* A newline straight after the tag is not part of the value. */
		if (*v == '\n')
			v++;
		out->value = html_unescape(v, (size_t)(close - v));
		*next = close;
		return true;
	}
	if (strncmp(tag, "<select", 7) == 0) {
		const char *close = strstr(end, "</select>");
		char *first = NULL;

		if (close == NULL)
			return false;
		out->value = NULL;
		for (const char *o = strstr(end, "<option"); o != NULL &&
		    o < close; o = strstr(o + 1, "<option")) {
			const char *oe = strchr(o, '>');
			char *v = html_attr_in(o, oe, "value");

			if (v == NULL) {
				const char *te = strstr(oe, "</option>");

				v = html_unescape(oe + 1, te ? (size_t)(te -
				    oe - 1) : 0);
			}
			if (first == NULL)
				first = v;
			if (html_has_attr(o, oe, "selected")) {
				out->value = v;
				break;
			}
		}
		if (out->value == NULL)
			out->value = first ? first : h_strdup("");
		*next = close;
		return true;
	}
	return false;
}

/* Read the form element starting at `form` ("<form ..."). */
static void
html_read_form(const char *form, struct hform *f)
{
	const char *tagend = strchr(form, '>');
	const char *close = strstr(form, "</form>");
	const char *p;

	memset(f, 0, sizeof(*f));
	if (tagend == NULL)
		return;
	if (close == NULL)
		close = form + strlen(form);
	f->action = html_attr_in(form, tagend, "action");
	p = tagend + 1;
	while (p < close && f->n < 64) {
		const char *t = strchr(p, '<');

		if (t == NULL || t >= close)
			break;
		if (strncmp(t, "<input", 6) == 0 || strncmp(t, "<textarea", 9)
		    == 0 || strncmp(t, "<select", 7) == 0) {
			if (html_control(t, close, &f->f[f->n], &p))
				f->n++;
		} else
			p = t + 1;
	}
}

/*
 * The form of `html` that has a control named `field` (and, if action is
 * not NULL, whose action is exactly `action`); false if there is none.
 */
H_FN bool
html_form_with(const char *html, const char *field, const char *action,
    struct hform *f)
{
	for (const char *p = strstr(html, "<form"); p != NULL;
	    p = strstr(p + 1, "<form")) {
		html_read_form(p, f);
		if (action != NULL && (f->action == NULL ||
		    strcmp(f->action, action) != 0))
			continue;
		for (int i = 0; i < f->n; i++)
			if (strcmp(f->f[i].name, field) == 0)
				return true;
	}
	memset(f, 0, sizeof(*f));
	return false;
}

/* The value of field `name` in form f, or NULL. */
H_FN const char *
hform_get(const struct hform *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

/* Set (or add) field `name` of form f. */
H_FN void
hform_set(struct hform *f, const char *name, const char *value)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0) {
			f->f[i].value = h_strdup(value);
			return;
		}
	if (f->n >= 64)
		fail_msg("hform_set: too many fields");
	f->f[f->n].name = h_strdup(name);
	f->f[f->n].value = h_strdup(value);
	f->n++;
}

/* Submit form f as a browser would (to its action, or to `path`). */
H_FN long
post_hform(struct agent *a, const char *path, const struct hform *f)
{
	const char *names[64], *values[64];

	for (int i = 0; i < f->n; i++) {
		names[i] = f->f[i].name;
		values[i] = f->f[i].value;
	}
	if (path == NULL)
		path = f->action;
	if (path == NULL)
		fail_msg("post_hform: the form has no action");
	return post_formv(a, path, f->n, names, values);
}

/* The value of the first control named `name` anywhere in html (kept), or
 * NULL. */
H_FN char *
html_field(const char *html, const char *name)
{
	const char *want = h_printf("name=\"%s\"", name);

	for (const char *p = strstr(html, want); p != NULL;
	    p = strstr(p + 1, want)) {
		const char *t = p;
		const char *next;
		struct hfield fld;

		while (t > html && *t != '<')
			t--;
		if (html_control(t, html + strlen(html), &fld, &next) &&
		    strcmp(fld.name, name) == 0)
			return fld.value;
	}
	return NULL;
}

/* The first option with a non-empty value of the select named `name`
 * (kept), or NULL. */
H_FN char *
html_first_option(const char *html, const char *name)
{
	const char *want = h_printf("name=\"%s\"", name);
	const char *p = strstr(html, want), *close, *t;

	if (p == NULL)
		return NULL;
	for (t = p; t > html && *t != '<'; t--)
		;
	if (strncmp(t, "<select", 7) != 0 ||
	    (close = strstr(p, "</select>")) == NULL)
		return NULL;
	for (const char *o = strstr(p, "<option"); o != NULL && o < close;
	    o = strstr(o + 1, "<option")) {
		char *v = html_attr_in(o, strchr(o, '>'), "value");

		if (v != NULL && v[0] != '\0')
			return v;
	}
	return NULL;
}

/* The hidden CSRF field of the last page (kept), or NULL. */
H_FN char *
page_csrf(struct agent *a)
{
	return html_field(a->body.p, "csrf");
}

/* ------------------------------------------------------------ sign-in */

/*
 * A TOTP code for u that the server will accept now: the earliest step of
 * now and now+1 (both in the server's window, whichever side of a step
 * boundary it reads the clock) later than the last step the account used,
 * waiting for the clock when both have been used.  *step gets the step.
 */
H_FN void
h_totp_code(struct h_user *u, char code[AUTH_TOTP_CODE_TEXT],
    int64_t *step)
{
	long long last = sql_int(H.db, "SELECT c.totp_last_step FROM "
	    "credential c JOIN staff s ON s.id = c.staff_id WHERE "
	    "s.username = %s", sql_quote(u->username));

	assert_true(u->secret[0] != '\0');
	for (;;) {
		int64_t now = (int64_t)time(NULL) / AUTH_TOTP_STEP;

		if (last < now)
			*step = now;
		else if (last < now + 1)
			*step = now + 1;
		else {
			h_sleep_ms(200);
			continue;
		}
		break;
	}
	assert_int_equal(auth_totp_code(u->secret, *step * AUTH_TOTP_STEP,
	    code), HERR_OK);
}

/*
 * The password step for username (with `password`, or the user's own when
 * NULL): GET /sign-in, POST it.  Leaves the answer in a; returns the
 * status.
 */
H_FN long
sign_in_password(struct agent *a, const char *username, const char *password)
{
	struct h_user *u = h_user(username);
	char *csrf;

	if (password == NULL) {
		if (u == NULL)
			fail_msg("harness: no password known for %s", username);
		password = u->password;
	}
	get(a, "/sign-in");
	expect_status(a, 200);
	csrf = page_csrf(a);
	if (csrf == NULL)
		fail_msg("GET /sign-in has no csrf field:\n%.2000s", body(a));
	return post_form(a, "/sign-in", "csrf", csrf, "username", username,
	    "password", password, NULL);
}

/*
 * After the password step: open the two-factor page `loc` (NULL: where the
 * last answer in a redirected to), enrol (reading and keeping the secret)
 * or not, and send a fresh code.  Returns the final status (303 to "/" on
 * success).
 */
H_FN long
sign_in_second_factor(struct agent *a, const char *username,
    const char *loc)
{
	struct h_user *u = h_user(username);
	char *csrf;
	char code[AUTH_TOTP_CODE_TEXT];
	int64_t step;

	assert_non_null(u);
	if (loc == NULL)
		loc = agent_header(a, "Location");
	if (loc == NULL || (strcmp(loc, "/sign-in/set-up-two-factor") != 0 &&
	    strcmp(loc, "/sign-in/two-factor") != 0))
		fail_msg("after the password, redirected to \"%s\"",
		    loc ? loc : "(none)");
	get(a, "%s", loc);
	expect_status(a, 200);
	if (strcmp(loc, "/sign-in/set-up-two-factor") == 0) {
		const char *s = strstr(body(a), "id=\"totp-secret\">");
		size_t n;

		if (s == NULL)
			fail_msg("no #totp-secret on the enrolment page:\n"
			    "%.3000s", body(a));
		s += strlen("id=\"totp-secret\">");
		n = strcspn(s, "<");
		if (n != AUTH_TOTP_SECRET_TEXT - 1)
			fail_msg("the secret is %zu characters, not 32", n);
		memcpy(u->secret, s, n);
		u->secret[n] = '\0';
	}
	csrf = page_csrf(a);
	assert_non_null(csrf);
	h_totp_code(u, code, &step);
	return post_form(a, loc, "csrf", csrf, "code", code, NULL);
}

/* Sign `a` in as username, both factors; fails the test unless each step
 * answers as it should.  The answer of the last POST stays in a. */
H_FN void
sign_in(struct agent *a, const char *username)
{
	sign_in_password(a, username, NULL);
	expect_status(a, 303);
	sign_in_second_factor(a, username, NULL);
	expect_redirect(a, "/");
	if (agent_cookie(a, "hearth_session") == NULL)
		fail_msg("signed in as %s but no hearth_session cookie",
		    username);
}

/*
 * An agent signed in as username that lasts the whole program: the first
 * call signs in, later calls return the same browser.  Tests that share it
 * must not sign it out.  (A sign-in per test would spend a TOTP step each
 * time, and an account can use only one code per 30-second step.)
 */
H_FN struct agent *
agent_as(const char *username)
{
	struct agent *a;

	for (int i = 0; i < h_sessions.n; i++)
		if (strcmp(h_sessions.user[i], username) == 0)
			return h_sessions.a[i];
	if (h_sessions.n >= H_USERS)
		fail_msg("harness: too many signed-in agents");
	a = h_agent_create();
	/* Registered before signing in, so a failure frees it at exit. */
	h_sessions.a[h_sessions.n] = a;
	h_sessions.user[h_sessions.n][0] = '\0';
	h_sessions.n++;
	sign_in(a, username);
	snprintf(h_sessions.user[h_sessions.n - 1], sizeof(h_sessions.user[0]),
	    "%s", username);
	return a;
}

/* A new agent signed in as username. */
H_FN struct agent *
agent_signed_in(const char *username)
{
	struct agent *a = agent_new();

	sign_in(a, username);
	return a;
}

/* The hex BLAKE2b hash the store keeps for the agent's session cookie. */
H_FN char *
agent_session_hash(struct agent *a)
{
	char *tok = agent_cookie(a, "hearth_session");
	char hex[AUTH_TOKEN_HASH_HEX];

	if (tok == NULL)
		fail_msg("the agent has no hearth_session cookie");
	assert_int_equal(auth_token_hash_hex(tok, hex), HERR_OK);
	return h_strdup(hex);
}

/* The agent's session form token, read from the session table (for forms
 * posted without first opening a page that shows one). */
H_FN char *
agent_session_csrf(struct agent *a)
{
	char *c = sql(H.db, "SELECT csrf FROM session WHERE token_hash = "
	    "x'%s'", agent_session_hash(a));

	if (c == NULL)
		fail_msg("no session row for the agent's cookie");
	return c;
}

/* The server's idea of today (local time), "YYYY-MM-DD" (kept). */
H_FN char *
h_today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[16];

	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return h_strdup(buf);
}

/* ------------------------------------------------------------ access */

/* SQL: "current on today" for the dated row t, as store_auth.c has it. */
#define H_TODAY "date('now', 'localtime')"
#define H_CUR(t) "(" t ".start_date <= " H_TODAY " AND (" t ".end_date IS " \
	"NULL OR " t ".end_date >= " H_TODAY "))"

/*
 * SQL condition: staff `staff` has a legitimate relationship with the
 * child whose id is the SQL expression `child`: a current allocation of
 * the child, or of a household it lives in now, to them or to a current
 * member of one of their current teams (core/access.h's allocated and
 * team_allocated facts).  Its own aliases start with "q", so `child` may
 * name a caller's column.
 */
#define H_SEES(alloc) \
	"(EXISTS (SELECT 1 FROM allocation qa WHERE qa.staff_id = %lld AND " \
	H_CUR("qa") " AND " alloc ") OR EXISTS (SELECT 1 FROM allocation qa" \
	" JOIN team_member qtm ON qtm.staff_id = qa.staff_id AND " \
	H_CUR("qtm") " JOIN team_member qme ON qme.team_id = qtm.team_id" \
	" AND qme.staff_id = %lld AND " H_CUR("qme") " WHERE " H_CUR("qa") \
	" AND " alloc "))"

H_FN char *
h_sql_sees_child(long long staff, const char *child)
{
	const char *alloc = h_printf("(qa.child_id = %s OR qa.household_id "
	    "IN (SELECT qhm.household_id FROM household_member qhm WHERE "
	    "qhm.person_id = %s AND (qhm.end_date IS NULL OR "
	    "qhm.end_date >= " H_TODAY ")))", child, child);

	return h_printf(H_SEES("%s"), staff, alloc, staff, alloc);
}

/* The same for a household (id: the SQL expression `hh`): through the
 * household's own allocation or a current child member's. */
H_FN char *
h_sql_sees_household(long long staff, const char *hh)
{
	const char *alloc = h_printf("(qa.household_id = %s OR qa.child_id "
	    "IN (SELECT qhm.person_id FROM household_member qhm WHERE "
	    "qhm.household_id = %s AND (qhm.end_date IS NULL OR "
	    "qhm.end_date >= " H_TODAY ")))", hh, hh);

	return h_printf(H_SEES("%s"), staff, alloc, staff, alloc);
}

/* `hearth audit verify --db`: its exit status; *out gets its output. */
H_FN int
h_audit_verify(char **out)
{
	char *argv[] = { H.hearth, "audit", "verify", "--db", H.db, NULL };

	return h_run(argv, NULL, out);
}

#endif
