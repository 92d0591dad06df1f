/*
 * sql.c: every SQL statement hearth runs, in one table indexed by enum stmt.
 * Statements are fixed text with ? parameters, prepared once per connection
 * by store_open; nothing ever builds SQL from input.
 */
#include "store/store_internal.h"
#include "core/banned.h"

const char *const store_setup_sql[SETUP__COUNT] = {
	[SETUP_OBJECT_COUNT] = "SELECT count(*) FROM sqlite_schema",
	[SETUP_APPLICATION_ID] = "PRAGMA application_id",
	[SETUP_USER_VERSION] = "PRAGMA user_version",
	[SETUP_WAL] = "PRAGMA journal_mode = WAL",
	[SETUP_FOREIGN_KEYS] = "PRAGMA foreign_keys = ON",
	/* A write acknowledged to a user is on disk (WAL synced per commit). */
	[SETUP_SYNC_FULL] = "PRAGMA synchronous = FULL",
	/* Bulk loads (the demo) commit once; the file is rebuilt on failure. */
	[SETUP_SYNC_OFF] = "PRAGMA synchronous = OFF",
	[SETUP_BEGIN] = "BEGIN IMMEDIATE",
	[SETUP_COMMIT] = "COMMIT",
	[SETUP_ROLLBACK] = "ROLLBACK",
	/* Servers checkpoint from a thread of their own (store_wal_manual). */
	[SETUP_WAL_MANUAL] = "PRAGMA wal_autocheckpoint = 0",
	/* A bulk load rereads each child's journey for every step it
	 * writes; 64 MB of page cache keeps those pages at hand. */
	[SETUP_BULK_CACHE] = "PRAGMA cache_size = -65536",
	/* Readers map the file rather than copy each page out of the OS
	 * cache into every connection's own (a server has one connection a
	 * thread; My work touches hundreds of pages). */
	[SETUP_MMAP] = "PRAGMA mmap_size = 1073741824",
};

const char *const store_sql[STMT__COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	/* A record spread over several rows is written all or nothing, inside
	 * or outside the caller's transaction. */
	[STMT_SAVEPOINT] = "SAVEPOINT record",
	[STMT_RELEASE] = "RELEASE record",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO record",
	[STMT_SETTING_SET] =
	    "INSERT INTO setting (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[STMT_SETTING_GET] = "SELECT value FROM setting WHERE key = ?1",
	[STMT_AGENCY_INSERT] =
	    "INSERT INTO agency (name, kind) VALUES (?1, ?2)",
	[STMT_AGENCY_GET] = "SELECT id, name, kind FROM agency WHERE id = ?1",
	[STMT_TEAM_INSERT] = "INSERT INTO team (name, kind) VALUES (?1, ?2)",
	[STMT_STAFF_INSERT] =
	    "INSERT INTO staff (username, given_name, family_name, email, role,"
	    " agency_id, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_STAFF_GET] =
	    "SELECT id, version, username, given_name, family_name,"
	    " coalesce(email, ''), role, agency_id, active"
	    " FROM staff WHERE id = ?1",
	[STMT_TEAM_MEMBER_INSERT] =
	    "INSERT INTO team_member (team_id, staff_id, start_date, end_date)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STMT_PERSON_INSERT] =
	    "INSERT INTO person (kind, given_name, family_name, birth_date, sex)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_CHILD_INSERT] =
	    "INSERT INTO child (person_id, la_child_id, expected_birth_date,"
	    " death_date, ethnicity, upn, former_upn, upn_unknown)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[STMT_CHILD_DISABILITY_INSERT] =
	    "INSERT INTO child_disability (child_id, code) VALUES (?1, ?2)",
	[STMT_CHILD_GET] =
	    "SELECT p.id, p.version, p.given_name, p.family_name, p.birth_date,"
	    " p.sex, c.la_child_id, c.expected_birth_date, c.death_date,"
	    " c.ethnicity, coalesce(c.upn, ''), coalesce(c.former_upn, ''),"
	    " coalesce(c.upn_unknown, '')"
	    " FROM child c JOIN person p ON p.id = c.person_id"
	    " WHERE c.person_id = ?1",
	[STMT_CHILD_FIND] =
	    "SELECT person_id FROM child WHERE la_child_id = ?1",
	[STMT_CHILD_DISABILITIES] =
	    "SELECT code FROM child_disability WHERE child_id = ?1"
	    " ORDER BY code",
	[STMT_HOUSEHOLD_INSERT] =
	    "INSERT INTO household (name, postcode) VALUES (?1, ?2)",
	[STMT_HOUSEHOLD_MEMBER_INSERT] =
	    "INSERT INTO household_member (household_id, person_id, start_date,"
	    " end_date) VALUES (?1, ?2, ?3, ?4)",
	[STMT_RELATIONSHIP_INSERT] =
	    "INSERT INTO relationship (person_id, relative_id, kind,"
	    " parental_responsibility, start_date, end_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_ALLOCATION_INSERT] =
	    "INSERT INTO allocation (staff_id, child_id, household_id,"
	    " start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_CIN_EPISODE_INSERT] =
	    "INSERT INTO cin_episode (child_id, referral_date, referral_source,"
	    " primary_need, referral_nfa, closure_date, closure_reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STMT_CIN_EPISODES_OF_CHILD] =
	    "SELECT id, version, child_id, referral_date, referral_source,"
	    " coalesce(primary_need, ''), referral_nfa, closure_date,"
	    " coalesce(closure_reason, '')"
	    " FROM cin_episode WHERE child_id = ?1 ORDER BY referral_date, id",
	[STMT_COUNT_PEOPLE] =
	    "SELECT count(*) FILTER (WHERE kind = 'child'),"
	    " count(*) FILTER (WHERE kind = 'adult') FROM person",
	[STMT_COUNT_TABLES] =
	    "SELECT (SELECT count(*) FROM household),"
	    " (SELECT count(*) FROM relationship),"
	    " (SELECT count(*) FROM staff), (SELECT count(*) FROM team),"
	    " (SELECT count(*) FROM agency), (SELECT count(*) FROM allocation),"
	    " (SELECT count(*) FROM cin_episode),"
	    " (SELECT count(*) FROM cin_episode WHERE closure_date IS NULL)",
	[STMT_COUNT_STAFF_BY_ROLE] =
	    "SELECT role, count(*) FROM staff GROUP BY role",
	[STMT_COUNT_TEAMS_BY_KIND] =
	    "SELECT kind, count(*) FROM team GROUP BY kind",
	/* measures.md "Repeat referrals": a referral in the period for a child
	 * with another referral in the previous 12 months. */
	[STMT_REFERRAL_COUNTS] =
	    "SELECT count(*),"
	    " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cin_episode p"
	    "   WHERE p.child_id = e.child_id AND p.id <> e.id"
	    "   AND p.referral_date < e.referral_date"
	    "   AND p.referral_date >= date(e.referral_date, '-12 months'))),"
	    " count(*) FILTER (WHERE referral_nfa = 1)"
	    " FROM cin_episode e WHERE referral_date BETWEEN ?1 AND ?2",
};
