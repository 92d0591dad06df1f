/*
 * test_query_plans.c: no statement a page runs may read a whole large
 * table.
 *
 * Every statement of every area table is planned with EXPLAIN QUERY PLAN
 * on a fresh database (the planner uses the schema's indexes; sizes do not
 * matter for a SCAN versus SEARCH decision on these queries) and any full
 * scan of a table that grows with the authority (people, children,
 * allocations, households, episodes, audit...) fails the test, naming the
 * statement.  A full scan of the allocation table once cost 118 ms per
 * child record page on 100,000 children; this keeps it from coming back.
 * Statements that must scan (counts for summaries, the audit walk, the
 * demo's bulk reads) are listed with the reason.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "testutil.h"
#include "core/banned.h"

/* Tables that grow with the authority.  Staff, teams, agencies and
 * break-glass grants number in the hundreds and may be listed whole. */
static const char *const big[] = {
	"person", "child", "child_disability", "household", "household_member",
	"relationship", "allocation", "cin_episode", "audit", "session",
	"chronology", "record_share", "team_member", "api_token",
	/* The journey (schema 5): every child's steps and due items. */
	"assessment", "assessment_factor", "strategy", "journey_person",
	"s47", "conference", "conference_child", "plan", "plan_event", "due",
	/* Conferences as meetings (schema 6): every meeting and the rows
	 * beside it. */
	"meeting", "meeting_child", "meeting_invitee", "meeting_report",
	"meeting_view", "meeting_outcome", "meeting_action", "meeting_core",
	"meeting_send", "meeting_feedback",
};

/* The audit chain walk reads every row on purpose. */
static bool
is_allowed(const char *sql)
{
	return strstr(sql, "FROM audit ORDER BY id") != NULL;
}

#define ALIASES 32

struct alias {
	char name[64];
	char table[64];
};

static bool
ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (c >= '0' && c <= '9');
}

/* The next identifier-or-punctuation token of sql from *p into out. */
static bool
token(const char **p, char *out, size_t cap)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	if (*s == '\0')
		return false;
	if (ident((unsigned char)*s))
		while (ident((unsigned char)*s) && n + 1 < cap)
			out[n++] = *s++;
	else
		out[n++] = *s++;
	out[n] = '\0';
	*p = s;
	return true;
}

static bool
keyword(const char *t)
{
	static const char *const kw[] = { "ON", "WHERE", "JOIN", "LEFT",
		"INNER", "CROSS", "GROUP", "ORDER", "LIMIT", "USING", "UNION",
		"AS", "NATURAL", "INDEXED", "NOT" };

	for (size_t i = 0; i < NELEM(kw); i++)
		if (strcasecmp(t, kw[i]) == 0)
			return true;
	return false;
}

/* Which table each name in a plan's "SCAN name" stands for: "FROM
 * allocation a" maps both "allocation" and "a"; a subquery's alias maps to
 * nothing (its own scans are planned separately). */
static int
aliases(const char *sql, struct alias *out, int cap)
{
	char t[64], table[64], al[64];
	const char *p = sql;
	int n = 0;

	while (token(&p, t, sizeof(t))) {
		const char *save;

		if (strcasecmp(t, "FROM") != 0 && strcasecmp(t, "JOIN") != 0)
			continue;
		if (!token(&p, table, sizeof(table)) ||
		    !ident((unsigned char)table[0]))
			continue;
		save = p;
		if (!token(&p, al, sizeof(al)))
			al[0] = '\0';
		if (strcasecmp(al, "AS") == 0 && !token(&p, al, sizeof(al)))
			al[0] = '\0';
		if (!ident((unsigned char)al[0]) || keyword(al)) {
			p = save;
			snprintf(al, sizeof(al), "%s", table);
		}
		if (n + 2 > cap)
			break;
		snprintf(out[n].name, sizeof(out[n].name), "%s", al);
		snprintf(out[n].table, sizeof(out[n].table), "%s", table);
		n++;
		snprintf(out[n].name, sizeof(out[n].name), "%s", table);
		snprintf(out[n].table, sizeof(out[n].table), "%s", table);
		n++;
	}
	return n;
}

/* True when a plan line is a full scan of a big table. */
static bool
is_big(const char *detail, const struct alias *al, int nal)
{
	char name[64];
	size_t n = 0;

	if (strncmp(detail, "SCAN ", 5) != 0 ||
	    strstr(detail, "COVERING INDEX") != NULL)
		return false;
	while (ident((unsigned char)detail[5 + n]) && n + 1 < sizeof(name)) {
		name[n] = detail[5 + n];
		n++;
	}
	name[n] = '\0';
	for (int i = 0; i < nal; i++) {
		if (strcmp(al[i].name, name) != 0)
			continue;
		for (size_t k = 0; k < NELEM(big); k++)
			if (strcmp(al[i].table, big[k]) == 0)
				return true;
		return false;
	}
	return false;
}

static int
plan_scans(sqlite3 *db, const char *set, int idx, const char *sql)
{
	struct alias al[ALIASES];
	int nal = aliases(sql, al, ALIASES);
	char *q;
	sqlite3_stmt *s;
	int bad = 0;

	q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 3);

		if (d != NULL && is_big(d, al, nal) && !is_allowed(sql)) {
			print_message("%s statement %d: %s\n  %s\n", set, idx,
			    d, sql);
			bad++;
		}
	}
	sqlite3_finalize(s);
	sqlite3_free(q);
	return bad;
}

static void
test_no_full_scans(void **state)
{
	static const struct {
		const char *name;
		const char *const *sql;
	} sets[] = {
		{ "auth", store_auth_sql },
		{ "case", store_case_sql },
		{ "directory", store_directory_sql },
		{ "admin", store_admin_sql },
		{ "journey", store_journey_sql },
		{ "meeting", store_meeting_sql },
	};
	char dir[] = "/tmp/hearth-test-plans-XXXXXX", path[96], cmd[96];
	struct store *st = NULL;
	struct hdiag d;
	int bad = 0, planned = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.db", dir);
	assert_int_equal(store_open(path, STORE_MIGRATE, &st, NULL, &d),
	    HERR_OK);
	for (size_t k = 0; k < NELEM(sets); k++)
		for (int i = 0; sets[k].sql[i] != NULL; i++) {
			const char *sql = sets[k].sql[i];

			/* Writes name their row by key; only reads plan. */
			if (strncmp(sql, "SELECT", 6) != 0 &&
			    strncmp(sql, "WITH", 4) != 0)
				continue;
			bad += plan_scans(store_db(st), sets[k].name, i, sql);
			planned++;
		}
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(planned > 40);
	assert_int_equal(bad, 0);
}

/*
 * Signs of Safety (schema 6): a child's maps, ratings and direct work are
 * read through indexes on child_id (sos_map_child's key, sos_rating_child,
 * voice_work_child) and a revision's parts by their (map_id, seq) keys, so
 * no statement of store_sos.c may scan these tables or any big one.
 */
static const char *const sos_tables[] = {
	"sos_map", "sos_map_child", "sos_item", "sos_pair", "sos_step",
	"sos_rating", "voice_work",
};

static bool
sos_scan(const char *detail, const struct alias *al, int nal)
{
	char name[64];
	size_t n = 0;

	if (strncmp(detail, "SCAN ", 5) != 0 ||
	    strstr(detail, "COVERING INDEX") != NULL)
		return false;
	while (ident((unsigned char)detail[5 + n]) && n + 1 < sizeof(name)) {
		name[n] = detail[5 + n];
		n++;
	}
	name[n] = '\0';
	for (int i = 0; i < nal; i++) {
		if (strcmp(al[i].name, name) != 0)
			continue;
		for (size_t k = 0; k < NELEM(sos_tables); k++)
			if (strcmp(al[i].table, sos_tables[k]) == 0)
				return true;
		return is_big(detail, al, nal);
	}
	return false;
}

static void
test_sos_plans(void **state)
{
	char dir[] = "/tmp/hearth-test-sos-plans-XXXXXX", path[96], cmd[96];
	struct store *st = NULL;
	struct hdiag d;
	int bad = 0, planned = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.db", dir);
	assert_int_equal(store_open(path, STORE_MIGRATE, &st, NULL, &d),
	    HERR_OK);
	for (int i = 0; store_sos_sql[i] != NULL; i++) {
		const char *sql = store_sos_sql[i];
		struct alias al[ALIASES];
		int nal;
		char *q;
		sqlite3_stmt *s;

		if (strncmp(sql, "SELECT", 6) != 0)
			continue;
		nal = aliases(sql, al, ALIASES);
		q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		assert_int_equal(sqlite3_prepare_v2(store_db(st), q, -1, &s,
		    NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *x = (const char *)sqlite3_column_text(s, 3);

			if (x != NULL && sos_scan(x, al, nal)) {
				print_message("sos statement %d: %s\n  %s\n", i,
				    x, sql);
				bad++;
			}
		}
		sqlite3_finalize(s);
		sqlite3_free(q);
		planned++;
	}
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(planned >= 10);
	assert_int_equal(bad, 0);
}

/*
 * Conferences as meetings: no full scan is not enough for a list that
 * could walk the wrong index (every booked meeting for one chair's), so
 * each statement that reads by child, chair, staff or agency must be
 * driven by that index, and every other read by the meeting's own id.
 * A statement is recognised by the condition it filters on.
 */
static const struct {
	const char *where;	/* a phrase of the statement */
	const char *index;	/* a phrase its plan must have */
} meeting_drivers[] = {
	{ "me.child_id = ?1", "meeting_child_child (child_id=?)" },
	{ "m.chair_id = ?1 AND m.date BETWEEN", "meeting_chair (chair_id=? "
	    "AND date>? AND date<?)" },
	{ "WHERE m.status = 'booked' AND m.date BETWEEN", "meeting_date "
	    "(status=? AND date>? AND date<?)" },
	{ "m.chair_id = ?1 AND m.status = 'held'", "meeting_chair "
	    "(chair_id=?)" },
	{ "WHERE m.status = 'held'", "meeting_date (status=?)" },
	{ "iv.staff_id = ?1", "meeting_invitee_staff (staff_id=?)" },
	{ "ia.agency_id = ?2", "meeting_invitee_agency (agency_id=?)" },
	{ "WHERE meeting_id = ?1", "(meeting_id=?)" },
	{ "mh.meeting_id = ?1 AND mh.child_id = ?2", "PRIMARY KEY "
	    "(meeting_id=? AND child_id=?)" },
	{ "iw.meeting_id = ?1", "meeting_invitee_meeting (meeting_id=?)" },
	{ "WHERE x.id = ?1", "INTEGER PRIMARY KEY" },
	{ "WHERE id = ?1", "INTEGER PRIMARY KEY" },
};

static void
test_meeting_indexes(void **state)
{
	char dir[] = "/tmp/hearth-test-mtg-plans-XXXXXX", path[96], cmd[96];
	bool used[NELEM(meeting_drivers)] = { false };
	struct store *st = NULL;
	struct hdiag d;
	int reads = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.db", dir);
	assert_int_equal(store_open(path, STORE_MIGRATE, &st, NULL, &d),
	    HERR_OK);
	for (int i = 0; store_meeting_sql[i] != NULL; i++) {
		const char *sql = store_meeting_sql[i];
		char plan[4096] = "";
		size_t len = 0;
		sqlite3_stmt *s;
		char *q;
		bool matched = false;

		if (strncmp(sql, "SELECT", 6) != 0 &&
		    strncmp(sql, "WITH", 4) != 0)
			continue;
		reads++;
		q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		assert_int_equal(sqlite3_prepare_v2(store_db(st), q, -1, &s,
		    NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *x = (const char *)sqlite3_column_text(s, 3);

			len += (size_t)snprintf(plan + len, sizeof(plan) - len,
			    "%s\n", x ? x : "");
			if (len >= sizeof(plan))
				len = sizeof(plan) - 1;
		}
		sqlite3_finalize(s);
		sqlite3_free(q);
		for (size_t k = 0; k < NELEM(meeting_drivers); k++) {
			if (strstr(sql, meeting_drivers[k].where) == NULL)
				continue;
			matched = used[k] = true;
			if (strstr(plan, meeting_drivers[k].index) == NULL)
				fail_msg("meeting statement %d is not "
				    "driven by %s:\n%s\n%s", i,
				    meeting_drivers[k].index, sql, plan);
		}
		if (!matched)
			fail_msg("meeting statement %d reads by no known key: "
			    "%s", i, sql);
	}
	for (size_t k = 0; k < NELEM(meeting_drivers); k++)
		if (!used[k])
			fail_msg("no meeting statement filters on \"%s\"",
			    meeting_drivers[k].where);
	store_close(st);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(reads >= 18);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_full_scans),
		cmocka_unit_test(test_sos_plans),
		cmocka_unit_test(test_meeting_indexes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
