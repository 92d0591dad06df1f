/*
 * store_internal.h: what the SQLite backend's files share with each other
 * and with the store's own unit tests.  Only src/store and tests/unit/store
 * include this header (scripts/lint enforces it for sqlite3.h).
 */
#ifndef HEARTH_STORE_INTERNAL_H
#define HEARTH_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

/* PRAGMA application_id of a hearth database: "Hrth". */
#define STORE_APPLICATION_ID 0x48727468

/* Every SQL statement hearth runs, by name; the text is in sql.c. */
enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_SETTING_SET,
	STMT_SETTING_GET,
	STMT_AGENCY_INSERT,
	STMT_AGENCY_GET,
	STMT_TEAM_INSERT,
	STMT_STAFF_INSERT,
	STMT_STAFF_GET,
	STMT_TEAM_MEMBER_INSERT,
	STMT_PERSON_INSERT,
	STMT_CHILD_INSERT,
	STMT_CHILD_DISABILITY_INSERT,
	STMT_CHILD_GET,
	STMT_CHILD_FIND,
	STMT_CHILD_DISABILITIES,
	STMT_HOUSEHOLD_INSERT,
	STMT_HOUSEHOLD_MEMBER_INSERT,
	STMT_RELATIONSHIP_INSERT,
	STMT_ALLOCATION_INSERT,
	STMT_CIN_EPISODE_INSERT,
	STMT_CIN_EPISODES_OF_CHILD,
	STMT_COUNT_PEOPLE,
	STMT_COUNT_TABLES,
	STMT_COUNT_STAFF_BY_ROLE,
	STMT_COUNT_TEAMS_BY_KIND,
	STMT_REFERRAL_COUNTS,
	STMT__COUNT
};

/* The SQL text of each statement (sql.c). */
extern const char *const store_sql[STMT__COUNT];

/*
 * Statements run before the schema is known to exist, so they cannot be
 * prepared with the others: identity checks and connection settings.
 */
enum setup_sql {
	SETUP_OBJECT_COUNT,
	SETUP_APPLICATION_ID,
	SETUP_USER_VERSION,
	SETUP_WAL,
	SETUP_FOREIGN_KEYS,
	SETUP_SYNC_FULL,
	SETUP_SYNC_OFF,
	SETUP_BEGIN,
	SETUP_COMMIT,
	SETUP_ROLLBACK,
	SETUP_WAL_MANUAL,
	SETUP_BULK_CACHE,
	SETUP_MMAP,
	SETUP__COUNT
};
extern const char *const store_setup_sql[SETUP__COUNT];

/* The version bump that ends every migration (format: app id, version);
 * a macro so the compiler checks the format. */
#define STORE_VERSION_BUMP \
	"PRAGMA application_id = %d; PRAGMA user_version = %d"

/* The migrations, oldest first; migration i takes version i to i+1. */
const char *const *store_migrations(int *n);

/*
 * Beside store_sql[] (the records of issue 2), each store file that serves
 * one area keeps its own statement table, NULL-terminated and indexed by an
 * enum in that file: store_auth.c (accounts, sessions, tokens, audit,
 * access facts), store_case.c (search, my work, the child and family
 * record, edits), store_admin.c (users, roles and teams),
 * store_directory.c (my work, search, team pages, administration lists),
 * store_journey.c (the child protection journey and its due items),
 * store_sos.c (Signs of Safety maps, scales, the child's voice),
 * store_meeting.c (conferences as meetings), store_plain.c (the
 * authority's plain-language terms).  All
 * are prepared once, at open, so a broken statement fails the open, not a
 * request.
 */
enum sqlset {
	SQLSET_AUTH,
	SQLSET_CASE,
	SQLSET_ADMIN,
	SQLSET_DIRECTORY,
	SQLSET_JOURNEY,
	SQLSET_SOS,
	SQLSET_MEETING,
	SQLSET_PLAIN,
	SQLSET__COUNT
};
extern const char *const store_auth_sql[];
extern const char *const store_case_sql[];
extern const char *const store_admin_sql[];
extern const char *const store_directory_sql[];
extern const char *const store_journey_sql[];
extern const char *const store_sos_sql[];
extern const char *const store_meeting_sql[];
extern const char *const store_plain_sql[];

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[STMT__COUNT];	/* prepared once, at open */
	sqlite3_stmt **area[SQLSET__COUNT];	/* the same, per area file */
	int area_n[SQLSET__COUNT];
};

/* Statement `which` of an area's table, ready to bind (borrowed). */
sqlite3_stmt *store_q(struct store *st, enum sqlset set, int which);
sqlite3 *store_db(struct store *st);

/*
 * Helpers every store file shares (store.c).  step_done runs a statement
 * that returns no rows and resets it; step_row steps a one-row query
 * (NOTFOUND when there is none) and the caller reads the row and calls
 * finish().  sql_fail turns an SQLite code into a status and a sentence;
 * unique_clash turns a unique-constraint failure on `column` ("table.col")
 * into a sentence about the field.  bind_text binds "" and NULL as NULL;
 * bind_id binds ids <= 0 as NULL.
 */
enum herr sql_fail(sqlite3 *db, int rc, const char *doing,
    struct hdiag *diag);
enum herr step_done(struct store *st, sqlite3_stmt *s, const char *doing,
    struct hdiag *diag);
enum herr step_row(struct store *st, sqlite3_stmt *s, const char *doing);
void finish(sqlite3_stmt *s);
enum herr unique_clash(struct store *st, enum herr e, const char *column,
    const char *field, const char *label, const char *value,
    struct hdiag *diag);
void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_date(sqlite3_stmt *s, int i, hday d);
void bind_id(sqlite3_stmt *s, int i, int64_t id);
hday column_date(sqlite3_stmt *s, int i);
void column_copy(sqlite3_stmt *s, int i, char *dst, size_t cap);

/*
 * Bring `db` to schema version `target` using migrations[0..target), each in
 * its own transaction with the version bump.  *from gets the version found.
 * Used by store_open and by tests that need an old database.
 */
enum herr store_migrate(sqlite3 *db, const char *const *migrations,
    int target, int *from, struct hdiag *diag);

#endif
