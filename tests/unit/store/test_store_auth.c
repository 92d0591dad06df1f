/*
 * test_store_auth.c: the store's half of security: credentials, sessions,
 * tokens, the audit chain as stored, and the access facts.
 *
 * The facts query is the one place SQL decides who is related to a child,
 * so every relationship is built here and checked both ways: current
 * (allowed) and ended (not), direct and through a household or a team.
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

#include "core/auth.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_internal.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64], dbpath[128];
static struct store *st;

/* The authority every test starts from. */
static int64_t la, police, team_a, team_b;
static int64_t sw_a, sw_b, tm_a, partner, admin;
static int64_t child1, child2, house1;

static void
exec(const char *sql)
{
	assert_int_equal(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL),
	    SQLITE_OK);
}

static int64_t
agency(const char *name, enum agency_kind k)
{
	struct agency a = { .kind = k };

	assert_int_equal(text_copy(a.name, sizeof(a.name), name), HERR_OK);
	assert_int_equal(store_agency_add(st, &a, NULL), HERR_OK);
	return a.id;
}

static int64_t
team(const char *name)
{
	struct team t = { .kind = TEAM_CHILD_IN_NEED };

	assert_int_equal(text_copy(t.name, sizeof(t.name), name), HERR_OK);
	assert_int_equal(store_team_add(st, &t, NULL), HERR_OK);
	return t.id;
}

static int64_t
staff(const char *user, enum staff_role r, int64_t ag, int64_t tm)
{
	struct staff m = { .role = r, .agency_id = ag, .active = true };

	assert_int_equal(text_copy(m.username, sizeof(m.username), user),
	    HERR_OK);
	assert_int_equal(text_copy(m.given_name, sizeof(m.given_name), "Sam"),
	    HERR_OK);
	assert_int_equal(text_copy(m.family_name, sizeof(m.family_name),
	    user), HERR_OK);
	assert_int_equal(store_staff_add(st, &m, NULL), HERR_OK);
	if (tm > 0)
		assert_int_equal(store_team_member_add(st, tm, m.id,
		    dt("2020-01-01"), HDAY_NONE, NULL), HERR_OK);
	return m.id;
}

static int64_t
child(const char *id)
{
	struct child c;

	child_init(&c);
	assert_int_equal(text_copy(c.given_name, sizeof(c.given_name), "Ava"),
	    HERR_OK);
	assert_int_equal(text_copy(c.family_name, sizeof(c.family_name),
	    "Okafor"), HERR_OK);
	c.birth_date = dt("2015-06-01");
	c.sex = 'F';
	assert_int_equal(text_copy(c.ethnicity, sizeof(c.ethnicity), "BAFR"),
	    HERR_OK);
	assert_int_equal(text_copy(c.la_child_id, sizeof(c.la_child_id), id),
	    HERR_OK);
	assert_int_equal(store_child_add(st, &c, NULL), HERR_OK);
	return c.id;
}

static void
allocate(int64_t who, int64_t c, int64_t h, const char *start,
    const char *end)
{
	struct allocation a = { .staff_id = who, .child_id = c,
	    .household_id = h, .start_date = dt(start), .end_date = dt(end) };

	assert_int_equal(store_allocation_add(st, &a, NULL), HERR_OK);
}

static int
setup(void **state)
{
	struct household h = { 0 };
	struct hdiag d;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-auth-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/a.db", dir);
	if (store_open(dbpath, STORE_MIGRATE, &st, NULL, &d) != HERR_OK)
		return -1;
	la = agency("Ashdown Vale Council", AGENCY_LOCAL_AUTHORITY);
	police = agency("Vale Police", AGENCY_POLICE);
	team_a = team("Team A");
	team_b = team("Team B");
	sw_a = staff("sw.a", ROLE_SOCIAL_WORKER, la, team_a);
	sw_b = staff("sw.b", ROLE_SOCIAL_WORKER, la, team_b);
	tm_a = staff("tm.a", ROLE_TEAM_MANAGER, la, team_a);
	partner = staff("pc.police", ROLE_PARTNER_PRACTITIONER, police, 0);
	admin = staff("admin", ROLE_ADMINISTRATOR, la, 0);
	child1 = child("C1");
	child2 = child("C2");
	snprintf(h.name, sizeof(h.name), "Okafor household");
	assert_int_equal(store_household_add(st, &h, NULL), HERR_OK);
	house1 = h.id;
	assert_int_equal(store_household_member_add(st, house1, child2,
	    dt("2019-01-01"), HDAY_NONE, NULL), HERR_OK);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct access_facts
facts_of(int64_t who, int64_t c, const char *today, int64_t now)
{
	struct principal p;
	struct access_facts f;

	assert_int_equal(store_principal_load(st, who, dt(today), &p),
	    HERR_OK);
	assert_int_equal(store_access_facts(st, &p, c, dt(today), now, &f),
	    HERR_OK);
	return f;
}

static void
test_principal(void **state)
{
	struct principal p;

	(void)state;
	assert_int_equal(store_principal_load(st, tm_a, dt("2026-01-01"), &p),
	    HERR_OK);
	assert_int_equal(p.role, ROLE_TEAM_MANAGER);
	assert_int_equal(p.n_teams, 1);
	assert_int_equal(p.team_ids[0], team_a);
	assert_string_equal(p.username, "tm.a");
	assert_string_equal(p.display, "Sam tm.a");
	assert_int_equal(store_principal_load(st, partner, dt("2026-01-01"),
	    &p), HERR_OK);
	assert_int_equal(p.agency_kind, AGENCY_POLICE);
	assert_int_equal(p.n_teams, 0);
	/* Before the team membership began: no teams. */
	assert_int_equal(store_principal_load(st, tm_a, dt("2019-12-31"), &p),
	    HERR_OK);
	assert_int_equal(p.n_teams, 0);
	assert_int_equal(store_principal_load(st, 9999, dt("2026-01-01"), &p),
	    HERR_NOTFOUND);
	exec("UPDATE staff SET active = 0 WHERE username = 'admin'");
	assert_int_equal(store_principal_load(st, admin, dt("2026-01-01"), &p),
	    HERR_NOTFOUND);
	assert_int_equal(p.staff_id, 0);
	exec("UPDATE staff SET active = 1 WHERE username = 'admin'");
}

static void
test_facts_allocation_and_team(void **state)
{
	struct access_facts f;

	(void)state;
	allocate(sw_a, child1, 0, "2024-01-01", "");
	f = facts_of(sw_a, child1, "2026-01-01", 0);
	assert_true(f.exists && f.allocated && f.team_allocated);
	f = facts_of(tm_a, child1, "2026-01-01", 0);
	assert_true(f.exists && !f.allocated && f.team_allocated);
	f = facts_of(sw_b, child1, "2026-01-01", 0);
	assert_true(f.exists && !f.allocated && !f.team_allocated);
	/* Before the allocation started, nobody is related. */
	f = facts_of(sw_a, child1, "2023-12-31", 0);
	assert_false(f.allocated || f.team_allocated);
	/* A missing child. */
	f = facts_of(sw_a, 424242, "2026-01-01", 0);
	assert_false(f.exists || f.allocated || f.team_allocated);
}

static void
test_facts_household_and_ended(void **state)
{
	struct access_facts f;
	struct principal p;

	(void)state;
	/* sw.b is allocated to the household child2 lives in. */
	allocate(sw_b, 0, house1, "2024-01-01", "");
	f = facts_of(sw_b, child2, "2026-01-01", 0);
	assert_true(f.allocated);
	assert_int_equal(store_principal_load(st, sw_b, dt("2026-01-01"), &p),
	    HERR_OK);
	assert_int_equal(store_access_facts_household(st, &p, house1,
	    dt("2026-01-01"), 0, &f), HERR_OK);
	assert_true(f.exists && f.allocated);
	/* An ended allocation of sw.a to child2 gives nothing after it. */
	allocate(sw_a, child2, 0, "2020-01-01", "2021-01-01");
	f = facts_of(sw_a, child2, "2026-01-01", 0);
	assert_false(f.allocated || f.team_allocated);
	f = facts_of(sw_a, child2, "2020-06-01", 0);
	assert_true(f.allocated);
	/* Once child2 leaves the household, sw.b's family allocation no
	 * longer reaches it. */
	exec("UPDATE household_member SET end_date = '2025-01-01'");
	f = facts_of(sw_b, child2, "2026-01-01", 0);
	assert_false(f.allocated);
	exec("UPDATE household_member SET end_date = NULL");
}

static void
test_facts_share_restriction_glass(void **state)
{
	struct access_facts f;
	int64_t named[] = { sw_a };

	(void)state;
	f = facts_of(partner, child1, "2026-01-01", 0);
	assert_false(f.shared);
	assert_int_equal(store_share_add(st, child1, police, sw_a,
	    dt("2025-06-01"), dt("2026-06-01"), "Joint investigation", NULL),
	    HERR_OK);
	f = facts_of(partner, child1, "2026-01-01", 0);
	assert_true(f.shared);
	f = facts_of(partner, child1, "2026-06-02", 0);
	assert_false(f.shared);
	/* A share to the police is not a share to the council. */
	f = facts_of(sw_b, child1, "2026-01-01", 0);
	assert_false(f.shared);

	assert_int_equal(store_restriction_set(st, child1, "Staff member's "
	    "relative", tm_a, 1000, named, 1, NULL), HERR_OK);
	f = facts_of(sw_a, child1, "2026-01-01", 2000);
	assert_true(f.restricted && f.named && !f.glass_broken);
	f = facts_of(tm_a, child1, "2026-01-01", 2000);
	assert_true(f.restricted && !f.named && !f.glass_broken);
	assert_int_equal(store_break_glass_add(st, tm_a, child1, "Urgent "
	    "call from the hospital", 2000, 2000 + ACCESS_GLASS_SECONDS),
	    HERR_OK);
	f = facts_of(tm_a, child1, "2026-01-01", 2001);
	assert_true(f.glass_broken);
	f = facts_of(tm_a, child1, "2026-01-01", 2000 + ACCESS_GLASS_SECONDS);
	assert_false(f.glass_broken);
	/* The database refuses a reason too short to mean anything. */
	assert_int_not_equal(store_break_glass_add(st, tm_a, child1, "x", 3000,
	    4000), HERR_OK);
}

static void
test_credentials_and_lockout_counts(void **state)
{
	struct credential c;
	int failures = 0;

	(void)state;
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_NOTFOUND);
	assert_int_equal(store_credential_set_password(st, sw_a,
	    "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", 100),
	    HERR_OK);
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_OK);
	assert_int_equal(c.failures, 0);
	assert_false(c.totp_enrolled);
	assert_string_equal(c.totp_secret, "");
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_credential_failed(st, sw_a, 200 + i,
		    &failures), HERR_OK);
		assert_int_equal(failures, i);
	}
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_OK);
	assert_int_equal(c.failures, 3);
	assert_int_equal(c.last_failure, 203);
	assert_int_equal(store_credential_succeeded(st, sw_a), HERR_OK);
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_OK);
	assert_int_equal(c.failures, 0);

	/* TOTP: enrol once, then every step only once. */
	assert_int_equal(store_credential_totp_begin(st, sw_a,
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), HERR_OK);
	assert_int_equal(store_credential_totp_used(st, sw_a, 50, true),
	    HERR_OK);
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_OK);
	assert_true(c.totp_enrolled);
	assert_int_equal(c.totp_last_step, 50);
	assert_int_equal(store_credential_totp_used(st, sw_a, 50, false),
	    HERR_NOTFOUND);
	assert_int_equal(store_credential_totp_used(st, sw_a, 49, false),
	    HERR_NOTFOUND);
	assert_int_equal(store_credential_totp_used(st, sw_a, 51, false),
	    HERR_OK);
	assert_int_equal(store_credential_totp_reset(st, sw_a), HERR_OK);
	assert_int_equal(store_credential_get(st, sw_a, &c), HERR_OK);
	assert_false(c.totp_enrolled);
	assert_string_equal(c.totp_secret, "");
	assert_int_equal(store_credential_totp_used(st, sw_a, 60, true),
	    HERR_NOTFOUND);
}

static void
test_sessions(void **state)
{
	struct session s, got;
	unsigned char other[32];

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(s.token_hash, 7, sizeof(s.token_hash));
	memset(other, 8, sizeof(other));
	s.staff_id = sw_a;
	s.stage = SESSION_PASSWORD;
	s.created = 1000;
	assert_int_equal(auth_token_new(s.csrf), HERR_OK);
	snprintf(s.remote, sizeof(s.remote), "127.0.0.1");
	assert_int_equal(store_session_add(st, &s), HERR_OK);
	assert_true(s.id > 0);
	assert_int_equal(store_session_get(st, s.token_hash, &got), HERR_OK);
	assert_int_equal(got.id, s.id);
	assert_int_equal(got.stage, SESSION_PASSWORD);
	assert_string_equal(got.csrf, s.csrf);
	assert_int_equal(store_session_get(st, other, &got), HERR_NOTFOUND);
	assert_int_equal(store_session_promote(st, s.id, 1010), HERR_OK);
	assert_int_equal(store_session_touch(st, s.id, 1500), HERR_OK);
	assert_int_equal(store_session_get(st, s.token_hash, &got), HERR_OK);
	assert_int_equal(got.stage, SESSION_SIGNED_IN);
	assert_int_equal(got.last_seen, 1500);
	assert_int_equal(store_sessions_end_staff(st, sw_a, 1600), HERR_OK);
	assert_int_equal(store_session_get(st, s.token_hash, &got),
	    HERR_NOTFOUND);
	assert_int_equal(store_session_touch(st, s.id, 1700), HERR_NOTFOUND);
	assert_int_equal(store_session_end(st, s.id, 1700), HERR_NOTFOUND);
}

static void
test_api_tokens(void **state)
{
	struct api_token t = { .staff_id = sw_a, .created = 10 }, got,
	    list[4];
	int n = 0;

	(void)state;
	snprintf(t.name, sizeof(t.name), "Reporting script");
	memset(t.token_hash, 3, sizeof(t.token_hash));
	assert_int_equal(store_api_token_add(st, &t, NULL), HERR_OK);
	assert_int_equal(store_api_token_get(st, t.token_hash, &got), HERR_OK);
	assert_int_equal(got.staff_id, sw_a);
	assert_string_equal(got.name, "Reporting script");
	assert_int_equal(store_api_token_used(st, t.id, 20), HERR_OK);
	assert_int_equal(store_api_tokens(st, sw_a, list, 4, &n), HERR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].last_used, 20);
	/* Someone else cannot revoke it; its owner can, once. */
	assert_int_equal(store_api_token_revoke(st, sw_b, t.id, 30),
	    HERR_NOTFOUND);
	assert_int_equal(store_api_token_revoke(st, sw_a, t.id, 30), HERR_OK);
	assert_int_equal(store_api_token_revoke(st, sw_a, t.id, 31),
	    HERR_NOTFOUND);
	assert_int_equal(store_api_token_get(st, t.token_hash, &got),
	    HERR_NOTFOUND);
}

struct walk {
	struct audit_verify v;
	int64_t bad;
};

static bool
walk_row(const struct audit_row *row, void *ctx)
{
	struct walk *w = ctx;

	if (!audit_verify_next(&w->v, row)) {
		w->bad = row->id;
		return false;
	}
	return true;
}

static int64_t
verify(void)
{
	struct walk w = { .bad = 0 };

	audit_verify_init(&w.v);
	assert_int_equal(store_audit_each(st, walk_row, &w), HERR_OK);
	return w.bad;
}

static void
test_audit_chain_in_the_store(void **state)
{
	struct audit_row rows[5], got[8];
	int n = 0;

	(void)state;
	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 5; i++) {
		rows[i].at_ms = 1000 + i;
		rows[i].staff_id = sw_a;
		snprintf(rows[i].username, sizeof(rows[i].username), "sw.a");
		snprintf(rows[i].role, sizeof(rows[i].role), "social_worker");
		rows[i].action = AUDIT_VIEW;
		rows[i].subject = SUBJECT_CHILD;
		rows[i].subject_id = i < 3 ? child1 : child2;
		snprintf(rows[i].route, sizeof(rows[i].route), "GET /x");
		snprintf(rows[i].remote, sizeof(rows[i].remote), "::1");
	}
	/* Only inside a transaction. */
	assert_int_not_equal(store_audit_append(st, rows, 1), HERR_OK);
	assert_int_equal(store_begin(st), HERR_OK);
	assert_int_equal(store_audit_append(st, rows, 2), HERR_OK);
	assert_int_equal(store_commit(st), HERR_OK);
	assert_int_equal(store_begin(st), HERR_OK);
	assert_int_equal(store_audit_append(st, rows + 2, 3), HERR_OK);
	assert_int_equal(store_commit(st), HERR_OK);
	assert_int_equal(rows[4].id, 5);
	assert_memory_equal(rows[2].prev, rows[1].hash, AUDIT_HASH_BYTES);
	assert_int_equal(verify(), 0);

	assert_int_equal(store_audit_subject(st, SUBJECT_CHILD, child1, got, 8,
	    &n), HERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(got[0].id, 3);	/* newest first */
	assert_int_equal(store_audit_subject(st, SUBJECT_CHILD, child1, got, 2,
	    &n), HERR_OK);
	assert_int_equal(n, 3);

	/* Rows cannot be changed or removed through SQL... */
	assert_int_not_equal(sqlite3_exec(store_db(st), "UPDATE audit SET "
	    "username = 'x' WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(store_db(st), "DELETE FROM audit "
	    "WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	/* ...and if the triggers are dropped, the chain shows it. */
	exec("DROP TRIGGER audit_no_update; UPDATE audit SET username = "
	    "'mallory' WHERE id = 4");
	assert_int_equal(verify(), 4);
	exec("DROP TRIGGER audit_no_delete; UPDATE audit SET username = "
	    "'sw.a' WHERE id = 4; DELETE FROM audit WHERE id = 2");
	assert_int_equal(verify(), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_principal),
		cmocka_unit_test(test_facts_allocation_and_team),
		cmocka_unit_test(test_facts_household_and_ended),
		cmocka_unit_test(test_facts_share_restriction_glass),
		cmocka_unit_test(test_credentials_and_lockout_counts),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_api_tokens),
		cmocka_unit_test(test_audit_chain_in_the_store),
	};

	if (auth_init() != HERR_OK)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
