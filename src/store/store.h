/*
 * store.h: hearth's persistence, behind one interface.
 *
 * Callers see `struct store` and typed functions over the core's structs;
 * they never see SQL or the engine.  SQLite is the embedded engine today;
 * the interface is shaped (opaque handle, status returns, no engine types,
 * explicit transactions, no cursors escaping) so that a PostgreSQL backend can
 * implement the same functions.  Nothing outside src/store includes
 * sqlite3.h.
 *
 * A store is one connection, used by one thread at a time.
 */
#ifndef HEARTH_STORE_STORE_H
#define HEARTH_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cin.h"
#include "core/date.h"
#include "core/family.h"
#include "core/person.h"
#include "core/staff.h"
#include "core/status.h"

struct store;

enum store_flags {
	STORE_MIGRATE = 1 << 0,	/* create the file or upgrade its schema */
	STORE_BULK = 1 << 1,	/* bulk load: no fsync per commit (demo) */
};

/* What opening did, for `hearth init` to report. */
struct store_open_info {
	bool created;		/* a new database was made */
	int from_version;	/* schema version found (0 if new) */
	int to_version;		/* schema version now */
};

/* The newest schema version this binary knows. */
int store_schema_latest(void);

/* The database engine and its version, e.g. "SQLite 3.40.1" (static). */
const char *store_engine(void);

/*
 * Open the database at `path`.  Refuses, leaving the file untouched, a file
 * that is not a hearth database (HERR_NOTHEARTH) or whose schema is newer
 * than this binary (HERR_TOONEW).  Without STORE_MIGRATE a missing file or an
 * older schema is HERR_ENV (run `hearth init`); with it, the file is created
 * or upgraded, each migration in its own transaction.  `info` may be NULL.
 * On success *out is the caller's, to release with store_close().
 */
enum herr store_open(const char *path, unsigned flags, struct store **out,
    struct store_open_info *info, struct hdiag *diag) HEARTH_WUR;

/* Close and free; NULL is a no-op. */
void store_close(struct store *st);

/* Transactions; writes outside one are each their own transaction. */
enum herr store_begin(struct store *st) HEARTH_WUR;
enum herr store_commit(struct store *st) HEARTH_WUR;
void store_rollback(struct store *st);

/*
 * Write-ahead log checkpoints.  By default SQLite copies the log back into
 * the database inside whichever commit crosses 1,000 pages, so one request
 * in a thousand waits for it.  A server turns that off on every connection
 * (store_wal_manual) and runs store_wal_checkpoint from a thread of its own.
 */
enum herr store_wal_manual(struct store *st) HEARTH_WUR;
enum herr store_wal_checkpoint(struct store *st) HEARTH_WUR;

/* Authority settings (name, LA code, child population, local intervals). */
enum herr store_setting_set(struct store *st, const char *key,
    const char *value) HEARTH_WUR;
/* NOTFOUND if unset; HERR_INVALID if it does not fit in cap. */
enum herr store_setting_get(struct store *st, const char *key, char *buf,
    size_t cap) HEARTH_WUR;

/*
 * Inserts.  Each takes a record the core has validated, assigns its id (and
 * version 1) and returns HERR_OK; a clash with a unique identifier (LA child
 * id, UPN, username, names of agencies and teams) is HERR_INVALID with diag
 * naming the field.  Nothing is written on failure.
 */
enum herr store_agency_add(struct store *st, struct agency *a,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_team_add(struct store *st, struct team *t,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_staff_add(struct store *st, struct staff *s,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_team_member_add(struct store *st, int64_t team_id,
    int64_t staff_id, hday start, hday end, struct hdiag *diag) HEARTH_WUR;
enum herr store_child_add(struct store *st, struct child *c,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_adult_add(struct store *st, struct adult *a,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_household_add(struct store *st, struct household *h,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_household_member_add(struct store *st, int64_t household_id,
    int64_t person_id, hday start, hday end, struct hdiag *diag) HEARTH_WUR;
enum herr store_relationship_add(struct store *st, struct relationship *r,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_allocation_add(struct store *st, struct allocation *a,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_cin_episode_add(struct store *st, struct cin_episode *ep,
    struct hdiag *diag) HEARTH_WUR;

/* Reads.  NOTFOUND if there is no such record. */
enum herr store_child_get(struct store *st, int64_t id, struct child *out)
    HEARTH_WUR;
enum herr store_child_find(struct store *st, const char *la_child_id,
    struct child *out) HEARTH_WUR;
enum herr store_agency_get(struct store *st, int64_t id, struct agency *out)
    HEARTH_WUR;
enum herr store_staff_get(struct store *st, int64_t id, struct staff *out)
    HEARTH_WUR;

/* The child's episodes in referral order, up to cap; *n is how many there
 * are in all (may exceed cap). */
enum herr store_cin_episodes(struct store *st, int64_t child_id,
    struct cin_episode *out, int cap, int *n) HEARTH_WUR;

/* Row counts of the main record kinds, for summaries and tests. */
struct store_counts {
	int64_t children, adults, households, relationships;
	int64_t staff, teams, agencies, allocations;
	int64_t episodes, open_episodes;
	int64_t staff_by_role[ROLE__COUNT];
	int64_t teams_by_kind[TEAM__COUNT];
};
enum herr store_counts(struct store *st, struct store_counts *out)
    HEARTH_WUR;

/*
 * Referrals with a referral date in [from, to], how many of them were for a
 * child with another referral in the 12 months before (re-referrals), and
 * how many were NFA.  (measures.md: repeat referrals.)
 */
struct store_referral_counts {
	int64_t referrals, rereferrals, nfa;
};
enum herr store_referral_counts(struct store *st, hday from, hday to,
    struct store_referral_counts *out) HEARTH_WUR;

#endif
