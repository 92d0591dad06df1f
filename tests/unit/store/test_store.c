/*
 * test_store.c: the store's promises: migrations (fresh, idempotent,
 * upgrade, atomic), refusal of files that are not ours or are too new (left
 * byte-for-byte untouched), constraints, and typed round trips.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/codes.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_internal.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];

static const char *
path_of(const char *name)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-store-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The whole file, for byte-for-byte comparisons; caller frees. */
static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	return buf;
}

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static struct store *
open_new(const char *name)
{
	struct store *st = NULL;
	struct hdiag d;

	unlink(path_of(name));
	assert_int_equal(store_open(path_of(name), STORE_MIGRATE, &st, NULL,
	    &d), HERR_OK);
	return st;
}

static void
a_child(struct child *c, const char *id)
{
	child_init(c);
	assert_int_equal(text_copy(c->given_name, sizeof(c->given_name),
	    "Ava"), HERR_OK);
	assert_int_equal(text_copy(c->family_name, sizeof(c->family_name),
	    "Okafor"), HERR_OK);
	assert_int_equal(hdate_from_ymd(2015, 6, 1, &c->birth_date), HERR_OK);
	c->sex = 'F';
	assert_int_equal(text_copy(c->ethnicity, sizeof(c->ethnicity), "BAFR"),
	    HERR_OK);
	assert_int_equal(text_copy(c->la_child_id, sizeof(c->la_child_id), id),
	    HERR_OK);
}

/* ------------------------------------------------------------ migrations */

static void
test_new_database(void **state)
{
	struct store_open_info info;
	struct store *st = NULL;
	struct hdiag d;
	const char *p = path_of("new.db");

	(void)state;
	assert_int_equal(store_open(p, STORE_MIGRATE, &st, &info, &d), HERR_OK);
	assert_true(info.created);
	assert_int_equal(info.from_version, 0);
	assert_int_equal(info.to_version, store_schema_latest());
	assert_true(store_schema_latest() >= 3);
	store_close(st);
	assert_int_equal(raw_int(p, "PRAGMA user_version"),
	    store_schema_latest());
	assert_int_equal(raw_int(p, "PRAGMA application_id"),
	    STORE_APPLICATION_ID);
	/* WAL is a property of the file and survives closing. */
	assert_int_equal(raw_int(p, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1);
	/* Every table hearth makes is STRICT. */
	assert_int_equal(raw_int(p, "SELECT count(*) FROM pragma_table_list "
	    "WHERE schema = 'main' AND type = 'table' AND strict = 0 AND "
	    "name NOT LIKE 'sqlite_%'"), 0);
	assert_true(raw_int(p, "SELECT count(*) FROM pragma_table_list WHERE "
	    "schema = 'main' AND strict = 1") >= 12);
}

static void
test_init_is_idempotent(void **state)
{
	struct store_open_info info;
	struct store *st = open_new("idem.db");
	struct child c;
	struct hdiag d;

	(void)state;
	a_child(&c, "C1");
	assert_int_equal(store_child_add(st, &c, &d), HERR_OK);
	store_close(st);
	assert_int_equal(store_open(path_of("idem.db"), STORE_MIGRATE, &st,
	    &info, &d), HERR_OK);
	assert_false(info.created);
	assert_int_equal(info.from_version, store_schema_latest());
	assert_int_equal(info.to_version, store_schema_latest());
	assert_int_equal(store_child_find(st, "C1", &c), HERR_OK);
	store_close(st);
}

static void
test_upgrade_keeps_data(void **state)
{
	const char *p = path_of("old.db");
	struct store_open_info info;
	struct store *st = NULL;
	struct hdiag d;
	sqlite3 *db;
	int from, n;

	(void)state;
	unlink(p);
	/* A database as version 1 of hearth would have left it. */
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(store_migrate(db, store_migrations(&n), 1, &from, &d),
	    HERR_OK);
	assert_int_equal(from, 0);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO person (kind, "
	    "given_name, family_name, sex) VALUES ('adult', 'Kemi', 'Osei', "
	    "'F')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(raw_int(p, "PRAGMA user_version"), 1);

	/* Without permission to migrate, an old schema is refused. */
	assert_int_equal(store_open(p, 0, &st, NULL, &d), HERR_ENV);
	assert_non_null(strstr(d.msg, "hearth init"));
	assert_null(st);

	assert_int_equal(store_open(p, STORE_MIGRATE, &st, &info, &d), HERR_OK);
	assert_false(info.created);
	assert_int_equal(info.from_version, 1);
	assert_int_equal(info.to_version, store_schema_latest());
	store_close(st);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM person WHERE "
	    "given_name = 'Kemi'"), 1);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM sqlite_schema "
	    "WHERE name = 'cin_episode'"), 1);
}

static void
test_failed_migration_rolls_back(void **state)
{
	const char *p = path_of("broken.db");
	const char *const migs[] = {
		"CREATE TABLE one (x INTEGER) STRICT;",
		"CREATE TABLE two (x INTEGER) STRICT; INSERT INTO nowhere "
		"VALUES (1);",
	};
	struct hdiag d;
	sqlite3 *db;
	int from;

	(void)state;
	unlink(p);
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_not_equal(store_migrate(db, migs, 2, &from, &d), HERR_OK);
	assert_non_null(strstr(d.msg, "migration 2"));
	sqlite3_close(db);
	/* Migration 1 landed, migration 2 left nothing behind. */
	assert_int_equal(raw_int(p, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'one'"), 1);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'two'"), 0);
}

/* -------------------------------------------------------------- refusals */

static void
assert_refused_untouched(const char *p, enum herr want)
{
	struct store *st = (struct store *)1;
	size_t n0, n1;
	char *before = slurp(p, &n0), *after, wal[160];
	struct hdiag d;

	assert_non_null(before);
	assert_int_equal(store_open(p, STORE_MIGRATE, &st, NULL, &d), want);
	assert_null(st);
	assert_non_null(strstr(d.msg, p));
	assert_non_null(strstr(d.msg, "untouched"));
	after = slurp(p, &n1);
	assert_non_null(after);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	snprintf(wal, sizeof(wal), "%s-wal", p);
	assert_int_not_equal(access(wal, F_OK), 0);
	free(before);
	free(after);
}

static void
test_refuses_non_database(void **state)
{
	const char *p = path_of("notes.txt");
	FILE *f = fopen(p, "w");

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fprintf(f, "Case notes line %d: this is not a database.\n", i);
	fclose(f);
	assert_refused_untouched(p, HERR_NOTHEARTH);
}

static void
test_refuses_other_sqlite_database(void **state)
{
	const char *p = path_of("other.db");

	(void)state;
	unlink(p);
	raw_exec(p, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total "
	    "REAL); INSERT INTO invoices (total) VALUES (12.5);");
	assert_refused_untouched(p, HERR_NOTHEARTH);
	assert_int_equal(raw_int(p, "SELECT count(*) FROM invoices"), 1);
}

static void
test_refuses_newer_schema(void **state)
{
	const char *p = path_of("newer.db");
	char sql[64];
	struct hdiag d;
	struct store *st;

	(void)state;
	store_close(open_new("newer.db"));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    store_schema_latest() + 1);
	raw_exec(p, sql);
	assert_refused_untouched(p, HERR_TOONEW);
	/* Also without STORE_MIGRATE. */
	assert_int_equal(store_open(p, 0, &st, NULL, &d), HERR_TOONEW);
	assert_int_equal(herr_exit_code(HERR_TOONEW), 3);
}

static void
test_missing_file_not_created(void **state)
{
	const char *p = path_of("absent.db");
	struct store *st;
	struct hdiag d;

	(void)state;
	unlink(p);
	assert_int_equal(store_open(p, 0, &st, NULL, &d), HERR_ENV);
	assert_non_null(strstr(d.msg, "hearth init"));
	assert_int_not_equal(access(p, F_OK), 0);
	/* A directory that does not exist is an environment problem. */
	assert_int_equal(store_open(path_of("no/such/dir.db"), STORE_MIGRATE,
	    &st, NULL, &d), HERR_ENV);
}

/* ----------------------------------------------------------- constraints */

static void
test_child_round_trip(void **state)
{
	struct store *st = open_new("child.db");
	struct child c, back;
	struct hdiag d;
	char tail[13] = "87312345678";

	(void)state;
	a_child(&c, "C77");
	tail[11] = '9';
	tail[12] = '\0';
	c.upn[0] = upn_check_letter(tail);
	memcpy(c.upn + 1, tail, 12);
	assert_int_equal(child_add_disability(&c, "AUT"), HERR_OK);
	assert_int_equal(child_add_disability(&c, "COMM"), HERR_OK);
	assert_int_equal(record_child_add(st, &c, ymd(2026, 1, 1), &d), HERR_OK);
	assert_true(c.id > 0);
	assert_int_equal(c.version, 1);
	assert_int_equal(store_child_get(st, c.id, &back), HERR_OK);
	assert_string_equal(back.given_name, "Ava");
	assert_string_equal(back.family_name, "Okafor");
	assert_int_equal(back.birth_date, c.birth_date);
	assert_int_equal(back.expected_birth_date, HDAY_NONE);
	assert_int_equal(back.sex, 'F');
	assert_string_equal(back.ethnicity, "BAFR");
	assert_string_equal(back.upn, c.upn);
	assert_string_equal(back.la_child_id, "C77");
	assert_int_equal(back.n_disabilities, 2);
	assert_string_equal(back.disabilities[0], "AUT");
	assert_string_equal(back.disabilities[1], "COMM");
	assert_int_equal(store_child_get(st, 9999, &back), HERR_NOTFOUND);
	assert_int_equal(store_child_find(st, "nope", &back), HERR_NOTFOUND);
	store_close(st);
}

static void
test_unique_identifiers(void **state)
{
	struct store *st = open_new("unique.db");
	struct store_counts n;
	struct child a, b;
	struct hdiag d;
	char tail[13] = "873123456789";

	(void)state;
	a_child(&a, "C1");
	a.upn[0] = upn_check_letter(tail);
	memcpy(a.upn + 1, tail, 12);
	assert_int_equal(store_child_add(st, &a, &d), HERR_OK);
	a_child(&b, "C1");
	assert_int_equal(store_child_add(st, &b, &d), HERR_INVALID);
	assert_string_equal(d.field, "la_child_id");
	assert_non_null(strstr(d.msg, "C1"));
	/* 1520: more than one record with the same UPN */
	a_child(&b, "C2");
	memcpy(b.upn, a.upn, sizeof(a.upn));
	assert_int_equal(store_child_add(st, &b, &d), HERR_INVALID);
	assert_string_equal(d.field, "upn");
	/* Neither failure left a person row behind. */
	assert_int_equal(store_counts(st, &n), HERR_OK);
	assert_int_equal(n.children, 1);
	store_close(st);
	assert_int_equal(raw_int(path_of("unique.db"), "SELECT count(*) FROM "
	    "person"), 1);
}

static void
test_child_is_all_or_nothing(void **state)
{
	struct store *st = open_new("atomic.db");
	struct store_counts n;
	struct child c;
	struct hdiag d;

	(void)state;
	/* A repeated disability breaks the last row written for the child;
	 * the person and child rows before it must go too. */
	a_child(&c, "C9");
	assert_int_equal(child_add_disability(&c, "MOB"), HERR_OK);
	assert_int_equal(child_add_disability(&c, "MOB"), HERR_OK);
	assert_int_equal(store_child_add(st, &c, &d), HERR_INVALID);
	assert_int_equal(store_counts(st, &n), HERR_OK);
	assert_int_equal(n.children, 0);
	store_close(st);
	assert_int_equal(raw_int(path_of("atomic.db"), "SELECT count(*) FROM "
	    "person"), 0);
	assert_int_equal(raw_int(path_of("atomic.db"), "SELECT count(*) FROM "
	    "child_disability"), 0);
}

static void
test_transactions(void **state)
{
	struct store *st = open_new("tx.db");
	struct store_counts n;
	struct child c;
	struct hdiag d;

	(void)state;
	assert_int_equal(store_begin(st), HERR_OK);
	a_child(&c, "T1");
	assert_int_equal(store_child_add(st, &c, &d), HERR_OK);
	store_rollback(st);
	assert_int_equal(store_counts(st, &n), HERR_OK);
	assert_int_equal(n.children, 0);
	assert_int_equal(store_begin(st), HERR_OK);
	assert_int_equal(store_child_add(st, &c, &d), HERR_OK);
	assert_int_equal(store_commit(st), HERR_OK);
	assert_int_equal(store_counts(st, &n), HERR_OK);
	assert_int_equal(n.children, 1);
	store_close(st);
}

static void
test_schema_checks_dates_and_references(void **state)
{
	const char *p = path_of("checks.db");
	sqlite3 *db;

	(void)state;
	store_close(open_new("checks.db"));
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* An impossible date cannot be stored even bypassing hearth. */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO person (kind, "
	    "given_name, family_name, birth_date, sex) VALUES ('adult', 'A', "
	    "'B', '2025-02-30', 'F')", NULL, NULL, NULL), SQLITE_OK);
	/* STRICT: text in an integer column is refused. */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO household (id, "
	    "name) VALUES ('seven', 'x')", NULL, NULL, NULL), SQLITE_OK);
	/* References must exist. */
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO relationship "
	    "(person_id, relative_id, kind, parental_responsibility) VALUES "
	    "(41, 42, 'mother', 1)", NULL, NULL, NULL), SQLITE_OK);
	/* Closure date and reason go together (8805/8810). */
	assert_int_equal(sqlite3_exec(db, "INSERT INTO person (id, kind, "
	    "given_name, family_name, sex) VALUES (1, 'child', 'A', 'B', 'U');"
	    "INSERT INTO child (person_id, la_child_id, ethnicity) VALUES "
	    "(1, 'X1', 'NOBT')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO cin_episode "
	    "(child_id, referral_date, referral_source, referral_nfa, "
	    "closure_date) VALUES (1, '2025-01-06', '6', 0, '2025-02-01')",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_episodes_and_referral_counts(void **state)
{
	struct store *st = open_new("episodes.db");
	struct store_referral_counts rc;
	struct cin_episode ep, got[4];
	struct child c;
	struct hdiag d;
	int n;

	(void)state;
	a_child(&c, "E1");
	assert_int_equal(record_child_add(st, &c, ymd(2026, 1, 1), &d), HERR_OK);
	/* Closed episode, then a re-referral within 12 months (open). */
	cin_episode_init(&ep);
	ep.child_id = c.id;
	ep.referral_date = ymd(2025, 1, 6);
	memcpy(ep.referral_source, "6", 2);
	memcpy(ep.primary_need, "N1", 3);
	ep.closure_date = ymd(2025, 3, 3);
	memcpy(ep.closure_reason, "RC8", 4);
	assert_int_equal(record_cin_episode_add(st, &ep, ymd(2026, 1, 1), &d),
	    HERR_OK);
	ep.id = 0;
	ep.referral_date = ymd(2025, 9, 1);
	ep.closure_date = HDAY_NONE;
	ep.closure_reason[0] = '\0';
	assert_int_equal(record_cin_episode_add(st, &ep, ymd(2026, 1, 1), &d),
	    HERR_OK);
	/* A second open episode is refused (8815) and nothing is written. */
	ep.id = 0;
	ep.referral_date = ymd(2025, 10, 1);
	assert_int_equal(record_cin_episode_add(st, &ep, ymd(2026, 1, 1), &d),
	    HERR_INVALID);
	assert_int_equal(store_cin_episodes(st, c.id, got, 4, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].closure_date, ymd(2025, 3, 3));
	assert_string_equal(got[0].closure_reason, "RC8");
	assert_int_equal(got[1].closure_date, HDAY_NONE);
	/* No such child. */
	ep.child_id = 424242;
	assert_int_equal(record_cin_episode_add(st, &ep, ymd(2026, 1, 1), &d),
	    HERR_NOTFOUND);
	assert_int_equal(store_referral_counts(st, ymd(2025, 1, 1),
	    ymd(2025, 12, 31), &rc), HERR_OK);
	assert_int_equal(rc.referrals, 2);
	assert_int_equal(rc.rereferrals, 1);
	assert_int_equal(rc.nfa, 0);
	assert_int_equal(store_referral_counts(st, ymd(2025, 6, 1),
	    ymd(2025, 12, 31), &rc), HERR_OK);
	assert_int_equal(rc.referrals, 1);
	assert_int_equal(rc.rereferrals, 1);
	store_close(st);
}

static void
test_settings(void **state)
{
	struct store *st = open_new("settings.db");
	char buf[16];

	(void)state;
	assert_int_equal(store_setting_get(st, "la_code", buf, sizeof(buf)),
	    HERR_NOTFOUND);
	assert_int_equal(store_setting_set(st, "la_code", "873"), HERR_OK);
	assert_int_equal(store_setting_set(st, "la_code", "919"), HERR_OK);
	assert_int_equal(store_setting_get(st, "la_code", buf, sizeof(buf)),
	    HERR_OK);
	assert_string_equal(buf, "919");
	assert_int_equal(store_setting_set(st, "long", "0123456789abcdefXYZ"),
	    HERR_OK);
	assert_int_equal(store_setting_get(st, "long", buf, sizeof(buf)),
	    HERR_INVALID);
	store_close(st);
}

static void
test_staff_needs_partner_agency(void **state)
{
	struct store *st = open_new("staff.db");
	struct agency la = { 0 }, police = { 0 };
	struct staff s;
	struct hdiag d;

	(void)state;
	assert_int_equal(text_copy(la.name, sizeof(la.name), "Council"),
	    HERR_OK);
	la.kind = AGENCY_LOCAL_AUTHORITY;
	assert_int_equal(record_agency_add(st, &la, &d), HERR_OK);
	assert_int_equal(text_copy(police.name, sizeof(police.name), "Police"),
	    HERR_OK);
	police.kind = AGENCY_POLICE;
	assert_int_equal(record_agency_add(st, &police, &d), HERR_OK);
	memset(&s, 0, sizeof(s));
	assert_int_equal(text_copy(s.username, sizeof(s.username), "pc.jones"),
	    HERR_OK);
	assert_int_equal(text_copy(s.given_name, sizeof(s.given_name), "Sam"),
	    HERR_OK);
	assert_int_equal(text_copy(s.family_name, sizeof(s.family_name),
	    "Jones"), HERR_OK);
	s.role = ROLE_PARTNER_PRACTITIONER;
	s.agency_id = la.id;
	assert_int_equal(record_staff_add(st, &s, &d), HERR_INVALID);
	assert_string_equal(d.field, "agency");
	s.agency_id = 999;
	assert_int_equal(record_staff_add(st, &s, &d), HERR_INVALID);
	s.agency_id = police.id;
	assert_int_equal(record_staff_add(st, &s, &d), HERR_OK);
	assert_int_equal(record_staff_add(st, &s, &d), HERR_INVALID);
	assert_string_equal(d.field, "username");
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_database),
		cmocka_unit_test(test_init_is_idempotent),
		cmocka_unit_test(test_upgrade_keeps_data),
		cmocka_unit_test(test_failed_migration_rolls_back),
		cmocka_unit_test(test_refuses_non_database),
		cmocka_unit_test(test_refuses_other_sqlite_database),
		cmocka_unit_test(test_refuses_newer_schema),
		cmocka_unit_test(test_missing_file_not_created),
		cmocka_unit_test(test_child_round_trip),
		cmocka_unit_test(test_unique_identifiers),
		cmocka_unit_test(test_child_is_all_or_nothing),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_schema_checks_dates_and_references),
		cmocka_unit_test(test_episodes_and_referral_counts),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_staff_needs_partner_agency),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
