/*
 * store.c: the SQLite backend of store.h.
 *
 * Owns the connection, the refusal rules for files that are not ours, the
 * migration runner and every typed read and write.  It checks only what the
 * database itself can (uniqueness, references); the rules of the domain are
 * the core's.  It must never build SQL from input: statements come from
 * store_sql[] and take parameters.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/store_internal.h"
#include "core/banned.h"

int
store_schema_latest(void)
{
	int n;

	(void)store_migrations(&n);
	return n;
}

const char *
store_engine(void)
{
	static char buf[48];

	if (buf[0] == '\0')
		snprintf(buf, sizeof(buf), "SQLite %s", sqlite3_libversion());
	return buf;
}

/* Map an SQLite result code to a status and, for a person, a sentence. */
enum herr
sql_fail(sqlite3 *db, int rc, const char *doing, struct hdiag *diag)
{
	enum herr e;

	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		e = HERR_INVALID;
		break;
	case SQLITE_NOTADB:
		e = HERR_NOTHEARTH;
		break;
	case SQLITE_NOMEM:
		e = HERR_NOMEM;
		break;
	default:
		e = HERR_ENV;
		break;
	}
	return hdiag_set(diag, e, "", "", "%s: %s", doing,
	    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

static enum herr
exec_sql(sqlite3 *db, const char *sql, const char *doing, struct hdiag *diag)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	enum herr e = HERR_OK;

	if (rc != SQLITE_OK) {
		e = sql_fail(NULL, rc, doing, diag);
		if (msg != NULL)
			hdiag_set(diag, e, "", "", "%s: %s", doing, msg);
	}
	sqlite3_free(msg);
	return e;
}

/* One integer from a one-row query (PRAGMAs, counts). */
static int
query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(s, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(s);
	return rc;
}

enum herr
store_migrate(sqlite3 *db, const char *const *migrations, int target,
    int *from, struct hdiag *diag)
{
	char bump[96];
	int64_t v;
	int rc;
	enum herr e;

	if ((rc = query_int(db, store_setup_sql[SETUP_USER_VERSION], &v)) !=
	    SQLITE_OK)
		return sql_fail(db, rc, "reading the schema version", diag);
	*from = (int)v;
	for (int n = (int)v + 1; n <= target; n++) {
		char doing[64];

		snprintf(doing, sizeof(doing), "applying migration %d", n);
		if ((e = exec_sql(db, store_setup_sql[SETUP_BEGIN], doing,
		    diag)) != HERR_OK)
			return e;
		snprintf(bump, sizeof(bump), STORE_VERSION_BUMP,
		    STORE_APPLICATION_ID, n);
		if ((e = exec_sql(db, migrations[n - 1], doing, diag)) !=
		    HERR_OK || (e = exec_sql(db, bump, doing, diag)) != HERR_OK ||
		    (e = exec_sql(db, store_setup_sql[SETUP_COMMIT], doing,
		    diag)) != HERR_OK) {
			(void)sqlite3_exec(db, store_setup_sql[SETUP_ROLLBACK], NULL,
			    NULL, NULL);
			return e == HERR_INVALID ? HERR_ENV : e;
		}
	}
	return HERR_OK;
}

/*
 * Decide, without writing a byte, whether the open file is a hearth database
 * we may use: a hearth one at a version we understand, or an empty one.
 */
static enum herr
check_identity(sqlite3 *db, const char *path, unsigned flags, int *version,
    struct hdiag *diag)
{
	int64_t objects, app, ver;
	int rc;

	rc = query_int(db, store_setup_sql[SETUP_OBJECT_COUNT], &objects);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return hdiag_set(diag, HERR_NOTHEARTH, "db", path,
		    "%s is not a hearth database (it is not a database file "
		    "at all); it was left untouched", path);
	if (rc != SQLITE_OK)
		return sql_fail(db, rc, path, diag);
	if ((rc = query_int(db, store_setup_sql[SETUP_APPLICATION_ID], &app)) !=
	    SQLITE_OK || (rc = query_int(db,
	    store_setup_sql[SETUP_USER_VERSION], &ver)) != SQLITE_OK)
		return sql_fail(db, rc, path, diag);
	if (app != STORE_APPLICATION_ID && !(app == 0 && objects == 0))
		return hdiag_set(diag, HERR_NOTHEARTH, "db", path,
		    "%s is a database but not a hearth database; it was left "
		    "untouched", path);
	if (ver > store_schema_latest())
		return hdiag_set(diag, HERR_TOONEW, "db", path,
		    "%s has schema version %lld but this hearth knows only up "
		    "to version %d: use a newer hearth; the file was left "
		    "untouched", path, (long long)ver, store_schema_latest());
	if (ver < store_schema_latest() && !(flags & STORE_MIGRATE)) {
		if (objects == 0)
			return hdiag_set(diag, HERR_ENV, "db", path,
			    "%s is empty: create the database with `hearth "
			    "init`", path);
		return hdiag_set(diag, HERR_ENV, "db", path,
		    "%s has schema version %lld, older than this hearth's %d: "
		    "upgrade it with `hearth init`", path, (long long)ver,
		    store_schema_latest());
	}
	*version = (int)ver;
	return HERR_OK;
}

/* The statement tables of the other store files, each NULL-terminated. */
static const char *const *const area_sql[SQLSET__COUNT] = {
	[SQLSET_AUTH] = store_auth_sql,
	[SQLSET_CASE] = store_case_sql,
	[SQLSET_ADMIN] = store_admin_sql,
	[SQLSET_DIRECTORY] = store_directory_sql,
	[SQLSET_JOURNEY] = store_journey_sql,
	[SQLSET_SOS] = store_sos_sql,
	[SQLSET_MEETING] = store_meeting_sql,
	[SQLSET_PLAIN] = store_plain_sql,
};

static enum herr
prepare_all(struct store *st, struct hdiag *diag)
{
	for (int i = 0; i < STMT__COUNT; i++) {
		int rc = sqlite3_prepare_v3(st->db, store_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmt[i], NULL);

		if (rc != SQLITE_OK)
			return sql_fail(st->db, rc, "preparing statements",
			    diag);
	}
	for (int a = 0; a < SQLSET__COUNT; a++) {
		int n = 0;

		while (area_sql[a][n] != NULL)
			n++;
		st->area[a] = xcalloc((size_t)n + 1, sizeof(sqlite3_stmt *));
		st->area_n[a] = n;
		for (int i = 0; i < n; i++) {
			int rc = sqlite3_prepare_v3(st->db, area_sql[a][i], -1,
			    SQLITE_PREPARE_PERSISTENT, &st->area[a][i], NULL);

			if (rc != SQLITE_OK)
				return hdiag_set(diag, HERR_ENV, "", "",
				    "preparing statement %d of set %d: %s", i,
				    a, sqlite3_errmsg(st->db));
		}
	}
	return HERR_OK;
}

sqlite3_stmt *
store_q(struct store *st, enum sqlset set, int which)
{
	return st->area[set][which];
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

/*
 * SQLite keeps process-wide memory statistics behind one mutex, taken on
 * every allocation: with a connection per server thread that lock was a
 * tenth of the child record page's time.  hearth never reads the figures.
 */
static pthread_once_t global_once = PTHREAD_ONCE_INIT;

static void
global_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum herr
store_open(const char *path, unsigned flags, struct store **out,
    struct store_open_info *info, struct hdiag *diag)
{
	struct store *st = NULL;
	struct stat sb;
	bool existed;
	int version = 0, from = 0, nmig, rc;
	enum herr e = HERR_ENV;
	const char *sync;

	*out = NULL;
	(void)pthread_once(&global_once, global_setup);
	existed = stat(path, &sb) == 0;
	if (existed && !S_ISREG(sb.st_mode))
		return hdiag_set(diag, HERR_ENV, "db", path,
		    "%s is not a regular file", path);
	if (!existed && !(flags & STORE_MIGRATE))
		return hdiag_set(diag, HERR_ENV, "db", path,
		    "there is no database at %s: create one with `hearth init`",
		    path);
	st = xcalloc(1, sizeof(*st));
	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    (flags & STORE_MIGRATE ? SQLITE_OPEN_CREATE : 0) |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		e = hdiag_set(diag, HERR_ENV, "db", path, "cannot open %s: %s",
		    path, st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	if ((e = check_identity(st->db, path, flags, &version, diag)) !=
	    HERR_OK)
		goto out;
	/* From here on the file is ours to change. */
	sync = store_setup_sql[flags & STORE_BULK ? SETUP_SYNC_OFF :
	    SETUP_SYNC_FULL];
	if ((e = exec_sql(st->db, store_setup_sql[SETUP_WAL], path, diag)) !=
	    HERR_OK || (e = exec_sql(st->db,
	    store_setup_sql[SETUP_FOREIGN_KEYS], path, diag)) != HERR_OK ||
	    (e = exec_sql(st->db, sync, path, diag)) != HERR_OK)
		goto out;
	if ((e = exec_sql(st->db, store_setup_sql[flags & STORE_BULK ?
	    SETUP_BULK_CACHE : SETUP_MMAP], path, diag)) != HERR_OK)
		goto out;
	if (version < store_schema_latest() &&
	    (e = store_migrate(st->db, store_migrations(&nmig),
	    store_schema_latest(), &from, diag)) != HERR_OK)
		goto out;
	if ((e = prepare_all(st, diag)) != HERR_OK)
		goto out;
	if (info != NULL) {
		info->created = !existed || version == 0;
		info->from_version = version;
		info->to_version = store_schema_latest();
	}
	*out = st;
	st = NULL;
	e = HERR_OK;
out:
	if (st != NULL) {
		store_close(st);
		/* A file we created and could not finish is not left behind. */
		if (!existed)
			(void)unlink(path);
	}
	return e;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (int a = 0; a < SQLSET__COUNT; a++) {
		for (int i = 0; i < st->area_n[a]; i++)
			sqlite3_finalize(st->area[a][i]);
		free(st->area[a]);
	}
	sqlite3_close(st->db);
	free(st);
}

/* Run a statement that returns no rows; resets it whatever happens. */
enum herr
step_done(struct store *st, sqlite3_stmt *s, const char *doing,
    struct hdiag *diag)
{
	int rc = sqlite3_step(s);
	enum herr e = HERR_OK;

	if (rc != SQLITE_DONE)
		e = sql_fail(st->db, rc, doing, diag);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return e;
}

static sqlite3_stmt *
stmt(struct store *st, enum stmt which)
{
	return st->stmt[which];
}

void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL || v[0] == '\0')
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

void
bind_date(sqlite3_stmt *s, int i, hday d)
{
	char buf[HDATE_LEN];

	if (d == HDAY_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, hdate_format(d, buf), 10,
		    SQLITE_TRANSIENT);
}

void
bind_id(sqlite3_stmt *s, int i, int64_t id)
{
	if (id <= 0)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, id);
}

hday
column_date(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	hday d;

	if (t == NULL || hdate_parse(t, &d, NULL, NULL) != HERR_OK)
		return HDAY_NONE;
	return d;
}

void
column_copy(sqlite3_stmt *s, int i, char *dst, size_t cap)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	if (text_copy(dst, cap, t ? t : "") != HERR_OK)
		dst[0] = '\0';
}

enum herr
store_begin(struct store *st)
{
	return step_done(st, stmt(st, STMT_BEGIN), "begin", NULL);
}

enum herr
store_commit(struct store *st)
{
	return step_done(st, stmt(st, STMT_COMMIT), "commit", NULL);
}

void
store_rollback(struct store *st)
{
	if (sqlite3_get_autocommit(st->db))
		return;
	(void)step_done(st, stmt(st, STMT_ROLLBACK), "rollback", NULL);
}

enum herr
store_wal_manual(struct store *st)
{
	return exec_sql(st->db, store_setup_sql[SETUP_WAL_MANUAL],
	    "turning off automatic checkpoints", NULL);
}

enum herr
store_wal_checkpoint(struct store *st)
{
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

	/* Busy means a writer is mid-commit: the next round will do it. */
	if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return HERR_OK;
	return sql_fail(st->db, rc, "checkpointing the log", NULL);
}

enum herr
store_setting_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = stmt(st, STMT_SETTING_SET);

	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	return step_done(st, s, "saving a setting", NULL);
}

enum herr
store_setting_get(struct store *st, const char *key, char *buf, size_t cap)
{
	sqlite3_stmt *s = stmt(st, STMT_SETTING_GET);
	enum herr e = HERR_NOTFOUND;
	int rc;

	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		e = text_copy(buf, cap, (const char *)sqlite3_column_text(s, 0));
	else if (rc != SQLITE_DONE)
		e = sql_fail(st->db, rc, "reading a setting", NULL);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return e;
}

/*
 * A unique constraint names "table.column" in its message; turn the ones a
 * person can cause into a sentence about the field.
 */
enum herr
unique_clash(struct store *st, enum herr e, const char *column,
    const char *field, const char *label, const char *value,
    struct hdiag *diag)
{
	if (e != HERR_INVALID || strstr(sqlite3_errmsg(st->db), column) == NULL)
		return e;
	return hdiag_set(diag, HERR_INVALID, field, value,
	    "%s \"%s\" is already in use", label, value);
}

enum herr
store_agency_add(struct store *st, struct agency *a, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_AGENCY_INSERT);
	enum herr e;

	bind_text(s, 1, a->name);
	bind_text(s, 2, agency_kind_code(a->kind));
	e = step_done(st, s, "adding an agency", diag);
	e = unique_clash(st, e, "agency.name", "name", "Agency name", a->name,
	    diag);
	if (e == HERR_OK)
		a->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

enum herr
store_team_add(struct store *st, struct team *t, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_TEAM_INSERT);
	enum herr e;

	bind_text(s, 1, t->name);
	bind_text(s, 2, team_kind_code(t->kind));
	e = step_done(st, s, "adding a team", diag);
	e = unique_clash(st, e, "team.name", "name", "Team name", t->name,
	    diag);
	if (e == HERR_OK) {
		t->id = sqlite3_last_insert_rowid(st->db);
		t->version = 1;
	}
	return e;
}

enum herr
store_staff_add(struct store *st, struct staff *m, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_STAFF_INSERT);
	enum herr e;

	bind_text(s, 1, m->username);
	bind_text(s, 2, m->given_name);
	bind_text(s, 3, m->family_name);
	bind_text(s, 4, m->email);
	bind_text(s, 5, role_code(m->role));
	bind_id(s, 6, m->agency_id);
	sqlite3_bind_int(s, 7, m->active ? 1 : 0);
	e = step_done(st, s, "adding a member of staff", diag);
	e = unique_clash(st, e, "staff.username", "username", "Username",
	    m->username, diag);
	if (e == HERR_OK) {
		m->id = sqlite3_last_insert_rowid(st->db);
		m->version = 1;
	}
	return e;
}

enum herr
store_team_member_add(struct store *st, int64_t team_id, int64_t staff_id,
    hday start, hday end, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_TEAM_MEMBER_INSERT);

	bind_id(s, 1, team_id);
	bind_id(s, 2, staff_id);
	bind_date(s, 3, start);
	bind_date(s, 4, end);
	return step_done(st, s, "adding a team member", diag);
}

static enum herr
person_insert(struct store *st, const char *kind, const char *given,
    const char *family, hday birth, char sex, int64_t *id, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_PERSON_INSERT);
	char sx[2] = { sex, '\0' };
	enum herr e;

	bind_text(s, 1, kind);
	bind_text(s, 2, given);
	bind_text(s, 3, family);
	bind_date(s, 4, birth);
	bind_text(s, 5, sx);
	if ((e = step_done(st, s, "adding a person", diag)) == HERR_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return e;
}

/*
 * Several rows make one child; if we are not already inside the caller's
 * transaction, use a savepoint so a failure leaves nothing behind.
 */
enum herr
store_child_add(struct store *st, struct child *c, struct hdiag *diag)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	enum herr e;

	if ((e = step_done(st, stmt(st, STMT_SAVEPOINT), "adding a child",
	    diag)) != HERR_OK)
		return e;
	if ((e = person_insert(st, "child", c->given_name, c->family_name,
	    c->birth_date, c->sex, &id, diag)) != HERR_OK)
		goto out;
	s = stmt(st, STMT_CHILD_INSERT);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, c->la_child_id);
	bind_date(s, 3, c->expected_birth_date);
	bind_date(s, 4, c->death_date);
	bind_text(s, 5, c->ethnicity);
	bind_text(s, 6, c->upn);
	bind_text(s, 7, c->former_upn);
	bind_text(s, 8, c->upn_unknown);
	e = step_done(st, s, "adding a child", diag);
	e = unique_clash(st, e, "child.la_child_id", "la_child_id",
	    "LA child id", c->la_child_id, diag);
	/* 1520: more than one record with the same UPN */
	e = unique_clash(st, e, "child.upn", "upn", "UPN", c->upn, diag);
	for (int i = 0; e == HERR_OK && i < c->n_disabilities; i++) {
		s = stmt(st, STMT_CHILD_DISABILITY_INSERT);
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, c->disabilities[i]);
		e = step_done(st, s, "adding a disability", diag);
	}
out:
	if (e != HERR_OK) {
		(void)step_done(st, stmt(st, STMT_ROLLBACK_TO), "undo", NULL);
		(void)step_done(st, stmt(st, STMT_RELEASE), "undo", NULL);
		return e;
	}
	if ((e = step_done(st, stmt(st, STMT_RELEASE), "adding a child",
	    diag)) != HERR_OK)
		return e;
	c->id = id;
	c->version = 1;
	return HERR_OK;
}

enum herr
store_adult_add(struct store *st, struct adult *a, struct hdiag *diag)
{
	enum herr e = person_insert(st, "adult", a->given_name, a->family_name,
	    a->birth_date, a->sex, &a->id, diag);

	if (e == HERR_OK)
		a->version = 1;
	return e;
}

enum herr
store_household_add(struct store *st, struct household *h,
    struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_HOUSEHOLD_INSERT);
	enum herr e;

	bind_text(s, 1, h->name);
	bind_text(s, 2, h->postcode);
	if ((e = step_done(st, s, "adding a household", diag)) == HERR_OK) {
		h->id = sqlite3_last_insert_rowid(st->db);
		h->version = 1;
	}
	return e;
}

enum herr
store_household_member_add(struct store *st, int64_t household_id,
    int64_t person_id, hday start, hday end, struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_HOUSEHOLD_MEMBER_INSERT);

	bind_id(s, 1, household_id);
	bind_id(s, 2, person_id);
	bind_date(s, 3, start);
	bind_date(s, 4, end);
	return step_done(st, s, "adding a household member", diag);
}

enum herr
store_relationship_add(struct store *st, struct relationship *r,
    struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_RELATIONSHIP_INSERT);
	enum herr e;

	bind_id(s, 1, r->person_id);
	bind_id(s, 2, r->relative_id);
	bind_text(s, 3, relation_code(r->kind));
	sqlite3_bind_int(s, 4, r->parental_responsibility ? 1 : 0);
	bind_date(s, 5, r->start_date);
	bind_date(s, 6, r->end_date);
	if ((e = step_done(st, s, "adding a relationship", diag)) == HERR_OK)
		r->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

enum herr
store_allocation_add(struct store *st, struct allocation *a,
    struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_ALLOCATION_INSERT);
	enum herr e;

	bind_id(s, 1, a->staff_id);
	bind_id(s, 2, a->child_id);
	bind_id(s, 3, a->household_id);
	bind_date(s, 4, a->start_date);
	bind_date(s, 5, a->end_date);
	if ((e = step_done(st, s, "adding an allocation", diag)) == HERR_OK)
		a->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

enum herr
store_cin_episode_add(struct store *st, struct cin_episode *ep,
    struct hdiag *diag)
{
	sqlite3_stmt *s = stmt(st, STMT_CIN_EPISODE_INSERT);
	enum herr e;

	bind_id(s, 1, ep->child_id);
	bind_date(s, 2, ep->referral_date);
	bind_text(s, 3, ep->referral_source);
	bind_text(s, 4, ep->primary_need);
	sqlite3_bind_int(s, 5, ep->referral_nfa ? 1 : 0);
	bind_date(s, 6, ep->closure_date);
	bind_text(s, 7, ep->closure_reason);
	if ((e = step_done(st, s, "adding a CIN episode", diag)) == HERR_OK) {
		ep->id = sqlite3_last_insert_rowid(st->db);
		ep->version = 1;
	}
	return e;
}

/* Step a query expected to give one row; HERR_NOTFOUND if it gives none.
 * The caller reads the row, then calls finish(). */
enum herr
step_row(struct store *st, sqlite3_stmt *s, const char *doing)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return HERR_OK;
	if (rc == SQLITE_DONE)
		return HERR_NOTFOUND;
	return sql_fail(st->db, rc, doing, NULL);
}

void
finish(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

enum herr
store_child_get(struct store *st, int64_t id, struct child *c)
{
	sqlite3_stmt *s = stmt(st, STMT_CHILD_GET);
	enum herr e;
	int rc;

	child_init(c);
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a child")) == HERR_OK) {
		const char *sex = (const char *)sqlite3_column_text(s, 5);

		c->id = sqlite3_column_int64(s, 0);
		c->version = sqlite3_column_int64(s, 1);
		column_copy(s, 2, c->given_name, sizeof(c->given_name));
		column_copy(s, 3, c->family_name, sizeof(c->family_name));
		c->birth_date = column_date(s, 4);
		c->sex = sex ? sex[0] : 'U';
		column_copy(s, 6, c->la_child_id, sizeof(c->la_child_id));
		c->expected_birth_date = column_date(s, 7);
		c->death_date = column_date(s, 8);
		column_copy(s, 9, c->ethnicity, sizeof(c->ethnicity));
		column_copy(s, 10, c->upn, sizeof(c->upn));
		column_copy(s, 11, c->former_upn, sizeof(c->former_upn));
		column_copy(s, 12, c->upn_unknown, sizeof(c->upn_unknown));
	}
	finish(s);
	if (e != HERR_OK)
		return e;
	s = stmt(st, STMT_CHILD_DISABILITIES);
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    c->n_disabilities < CHILD_DISABILITY_MAX)
		column_copy(s, 0, c->disabilities[c->n_disabilities++], 5);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = sql_fail(st->db, rc, "reading disabilities", NULL);
	finish(s);
	return e;
}

enum herr
store_child_find(struct store *st, const char *la_child_id, struct child *c)
{
	sqlite3_stmt *s = stmt(st, STMT_CHILD_FIND);
	int64_t id = 0;
	enum herr e;

	sqlite3_bind_text(s, 1, la_child_id, -1, SQLITE_STATIC);
	if ((e = step_row(st, s, "finding a child")) == HERR_OK)
		id = sqlite3_column_int64(s, 0);
	finish(s);
	return e == HERR_OK ? store_child_get(st, id, c) : e;
}

enum herr
store_agency_get(struct store *st, int64_t id, struct agency *a)
{
	sqlite3_stmt *s = stmt(st, STMT_AGENCY_GET);
	char kind[32];
	enum herr e;

	memset(a, 0, sizeof(*a));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading an agency")) == HERR_OK) {
		a->id = sqlite3_column_int64(s, 0);
		column_copy(s, 1, a->name, sizeof(a->name));
		column_copy(s, 2, kind, sizeof(kind));
		e = agency_kind_parse(kind, &a->kind, "kind", NULL);
	}
	finish(s);
	return e;
}

enum herr
store_staff_get(struct store *st, int64_t id, struct staff *m)
{
	sqlite3_stmt *s = stmt(st, STMT_STAFF_GET);
	char role[32];
	enum herr e;

	memset(m, 0, sizeof(*m));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a member of staff")) == HERR_OK) {
		m->id = sqlite3_column_int64(s, 0);
		m->version = sqlite3_column_int64(s, 1);
		column_copy(s, 2, m->username, sizeof(m->username));
		column_copy(s, 3, m->given_name, sizeof(m->given_name));
		column_copy(s, 4, m->family_name, sizeof(m->family_name));
		column_copy(s, 5, m->email, sizeof(m->email));
		column_copy(s, 6, role, sizeof(role));
		m->agency_id = sqlite3_column_int64(s, 7);
		m->active = sqlite3_column_int(s, 8) != 0;
		e = role_parse(role, &m->role, "role", NULL);
	}
	finish(s);
	return e;
}

enum herr
store_cin_episodes(struct store *st, int64_t child_id,
    struct cin_episode *out, int cap, int *n)
{
	sqlite3_stmt *s = stmt(st, STMT_CIN_EPISODES_OF_CHILD);
	enum herr e = HERR_OK;
	int rc, k = 0;

	sqlite3_bind_int64(s, 1, child_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k < cap) {
			struct cin_episode *ep = &out[k];

			cin_episode_init(ep);
			ep->id = sqlite3_column_int64(s, 0);
			ep->version = sqlite3_column_int64(s, 1);
			ep->child_id = sqlite3_column_int64(s, 2);
			ep->referral_date = column_date(s, 3);
			column_copy(s, 4, ep->referral_source,
			    sizeof(ep->referral_source));
			column_copy(s, 5, ep->primary_need,
			    sizeof(ep->primary_need));
			ep->referral_nfa = sqlite3_column_int(s, 6) != 0;
			ep->closure_date = column_date(s, 7);
			column_copy(s, 8, ep->closure_reason,
			    sizeof(ep->closure_reason));
		}
		k++;
	}
	if (rc != SQLITE_DONE)
		e = sql_fail(st->db, rc, "reading CIN episodes", NULL);
	finish(s);
	*n = k;
	return e;
}

enum herr
store_counts(struct store *st, struct store_counts *c)
{
	sqlite3_stmt *s;
	enum herr e;
	char code[32];
	int rc;

	memset(c, 0, sizeof(*c));
	s = stmt(st, STMT_COUNT_PEOPLE);
	if ((e = step_row(st, s, "counting people")) == HERR_OK) {
		c->children = sqlite3_column_int64(s, 0);
		c->adults = sqlite3_column_int64(s, 1);
	}
	finish(s);
	if (e != HERR_OK)
		return e;
	s = stmt(st, STMT_COUNT_TABLES);
	if ((e = step_row(st, s, "counting records")) == HERR_OK) {
		c->households = sqlite3_column_int64(s, 0);
		c->relationships = sqlite3_column_int64(s, 1);
		c->staff = sqlite3_column_int64(s, 2);
		c->teams = sqlite3_column_int64(s, 3);
		c->agencies = sqlite3_column_int64(s, 4);
		c->allocations = sqlite3_column_int64(s, 5);
		c->episodes = sqlite3_column_int64(s, 6);
		c->open_episodes = sqlite3_column_int64(s, 7);
	}
	finish(s);
	if (e != HERR_OK)
		return e;
	s = stmt(st, STMT_COUNT_STAFF_BY_ROLE);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum staff_role r;

		column_copy(s, 0, code, sizeof(code));
		if (role_parse(code, &r, "role", NULL) == HERR_OK)
			c->staff_by_role[r] = sqlite3_column_int64(s, 1);
	}
	finish(s);
	if (rc != SQLITE_DONE)
		return sql_fail(st->db, rc, "counting staff", NULL);
	s = stmt(st, STMT_COUNT_TEAMS_BY_KIND);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		enum team_kind k;

		column_copy(s, 0, code, sizeof(code));
		if (team_kind_parse(code, &k, "kind", NULL) == HERR_OK)
			c->teams_by_kind[k] = sqlite3_column_int64(s, 1);
	}
	finish(s);
	if (rc != SQLITE_DONE)
		return sql_fail(st->db, rc, "counting teams", NULL);
	return HERR_OK;
}

enum herr
store_referral_counts(struct store *st, hday from, hday to,
    struct store_referral_counts *out)
{
	sqlite3_stmt *s = stmt(st, STMT_REFERRAL_COUNTS);
	enum herr e;

	memset(out, 0, sizeof(*out));
	bind_date(s, 1, from);
	bind_date(s, 2, to);
	if ((e = step_row(st, s, "counting referrals")) == HERR_OK) {
		out->referrals = sqlite3_column_int64(s, 0);
		out->rereferrals = sqlite3_column_int64(s, 1);
		out->nfa = sqlite3_column_int64(s, 2);
	}
	finish(s);
	return e;
}
