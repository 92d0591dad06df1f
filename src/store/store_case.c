/*
 * store_case.c: statements and reads/writes for the case area (see
 * store_internal.h and store_case.h): the child and family record and the
 * edits made from it.
 *
 * Decides nothing: the core validates before anything here writes, and
 * access.h decides who may ask.  Every statement is fixed text with
 * parameters; every list is read into the caller's bounded array and
 * counted with a window function, so nothing grows with the data.
 */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "store/store_case.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum case_stmt {
	C_CHILD_RESTRICTED,
	C_PERSON_CHANGED,
	C_CHILD_RELATIVES,
	C_CHILD_HOUSEHOLDS,
	C_CHILD_HOUSEHOLD_PEOPLE,
	C_CHILD_ALLOCATIONS,
	C_HOUSEHOLD_ALLOCATIONS,
	C_CHRONOLOGY_LIST,
	C_CHRONOLOGY_INSERT,
	C_PERSON_UPDATE,
	C_CHILD_UPDATE,
	C_ALLOCATION_END,
	C_ALLOCATION_STATE,
	C_RELATIONSHIP_EXISTS,
	C_ALLOCATION_CURRENT,
	C_HOUSEHOLD_GET,
	C_HOUSEHOLD_MEMBERS,
	C_ALLOCATABLE,
	C_ALLOCATABLE_ONE,
	C_CHILD_SHARES,
	C_RESTRICTION_NAMED,
	C_RESTRICTION_CANDIDATES,
	C__COUNT
};

/* "Given Family" of the member of staff `t`. */
#define STAFF_NAME(t) "(" t ".given_name || ' ' || " t ".family_name)"

/* The team of staff `a.staff_id` on the allocation's start day, else their
 * latest team.  (Two subqueries, not one ordered by the outer row: SQLite
 * 3.40 cannot resolve an outer column in a subquery's ORDER BY when the
 * outer query has a window function.) */
#define ALLOC_TEAM \
	"coalesce((SELECT t.name FROM team_member tm JOIN team t" \
	" ON t.id = tm.team_id WHERE tm.staff_id = a.staff_id" \
	" AND tm.start_date <= a.start_date AND (tm.end_date IS NULL" \
	" OR tm.end_date >= a.start_date) ORDER BY tm.start_date DESC" \
	" LIMIT 1), (SELECT t.name FROM team_member tm JOIN team t" \
	" ON t.id = tm.team_id WHERE tm.staff_id = a.staff_id" \
	" ORDER BY tm.start_date DESC LIMIT 1), '')"

/* The columns read_allocation() reads, from allocation a, staff s,
 * household h (left) and person c (left, the child). */
#define ALLOC_COLS \
	"a.id, a.version, a.staff_id, a.child_id, a.household_id," \
	" a.start_date, a.end_date, " STAFF_NAME("s") ", s.role, " \
	ALLOC_TEAM ", coalesce(h.name, '')," \
	" coalesce(c.given_name || ' ' || c.family_name, '')," \
	" count(*) OVER ()"

/* Roles that take allocations (access.c's case roles less the chairs). */
#define ALLOCATABLE_ROLES \
	"('social_worker', 'team_manager', 'da_victim_worker'," \
	" 'da_perpetrator_worker', 'mental_health_worker'," \
	" 'substance_misuse_worker', 'probation_officer', 'fgc_coordinator')"

/* The current team of staff s on ?1. */
#define CURRENT_TEAM \
	"coalesce((SELECT t.name FROM team_member tm JOIN team t" \
	" ON t.id = tm.team_id WHERE tm.staff_id = s.id AND" \
	" tm.start_date <= ?1 AND (tm.end_date IS NULL OR tm.end_date >= ?1)" \
	" ORDER BY tm.start_date DESC LIMIT 1), '')"

const char *const store_case_sql[C__COUNT + 1] = {
	[C_CHILD_RESTRICTED] =
	    "SELECT EXISTS (SELECT 1 FROM restriction WHERE child_id = ?1)",
	[C_PERSON_CHANGED] =
	    "SELECT p.version, coalesce(p.updated_by, 0),"
	    " coalesce(" STAFF_NAME("s") ", ''), coalesce(p.updated_at, 0)"
	    " FROM person p LEFT JOIN staff s ON s.id = p.updated_by"
	    " WHERE p.id = ?1",
	/* ?1 child, ?2 today, ?3 cap */
	[C_CHILD_RELATIVES] =
	    "WITH x AS ("
	    " SELECT r.id, r.relative_id AS other, 0 AS reverse, r.kind,"
	    "  r.parental_responsibility AS pr, r.start_date, r.end_date"
	    "  FROM relationship r WHERE r.person_id = ?1"
	    " UNION ALL"
	    " SELECT r.id, r.person_id, 1, r.kind, r.parental_responsibility,"
	    "  r.start_date, r.end_date"
	    "  FROM relationship r WHERE r.relative_id = ?1),"
	    " y AS (SELECT x.*, (SELECT hm.household_id FROM household_member hm"
	    "  WHERE hm.person_id = x.other AND (hm.end_date IS NULL OR"
	    "  hm.end_date >= ?2) ORDER BY hm.start_date DESC, hm.id DESC"
	    "  LIMIT 1) AS hh FROM x)"
	    " SELECT y.id, y.other, p.kind = 'child', y.reverse, y.kind, y.pr,"
	    " y.start_date, y.end_date, p.given_name, p.family_name,"
	    " p.birth_date, coalesce(y.hh, 0), coalesce(h.name, ''),"
	    " count(*) OVER ()"
	    " FROM y JOIN person p ON p.id = y.other"
	    " LEFT JOIN household h ON h.id = y.hh"
	    " ORDER BY (y.end_date IS NOT NULL AND y.end_date < ?2), y.reverse,"
	    " CASE y.kind WHEN 'mother' THEN 0 WHEN 'father' THEN 1"
	    "  WHEN 'step_parent' THEN 2 WHEN 'carer' THEN 3"
	    "  WHEN 'grandparent' THEN 4 WHEN 'sibling' THEN 5 ELSE 6 END,"
	    " p.birth_date, p.family_name, p.given_name, y.id"
	    " LIMIT ?3",
	/* ?1 child, ?2 cap; columns as read_member() reads them (the child,
	 * unnamed), then the count */
	[C_CHILD_HOUSEHOLDS] =
	    "SELECT h.id, h.name, coalesce(h.postcode, ''), hm.person_id, 1,"
	    " '', '', NULL, hm.start_date, hm.end_date, count(*) OVER ()"
	    " FROM household_member hm JOIN household h ON h.id = hm.household_id"
	    " WHERE hm.person_id = ?1"
	    " ORDER BY hm.end_date IS NOT NULL, hm.end_date DESC,"
	    " hm.start_date DESC, hm.id DESC LIMIT ?2",
	/* ?1 child, ?2 cap; columns as read_member() reads them (a household
	 * by its id only, no dates), then the count */
	[C_CHILD_HOUSEHOLD_PEOPLE] =
	    "SELECT min(hm.household_id), '', '', p.id, p.kind = 'child',"
	    " p.given_name, p.family_name, p.birth_date, NULL, NULL,"
	    " count(*) OVER ()"
	    " FROM household_member mine"
	    " JOIN household_member hm ON hm.household_id = mine.household_id"
	    " JOIN person p ON p.id = hm.person_id"
	    " WHERE mine.person_id = ?1 AND hm.person_id <> ?1"
	    " GROUP BY p.id ORDER BY p.family_name, p.given_name, p.id"
	    " LIMIT ?2",
	/* ?1 child, ?2 cap */
	[C_CHILD_ALLOCATIONS] =
	    "SELECT " ALLOC_COLS
	    " FROM allocation a JOIN staff s ON s.id = a.staff_id"
	    " LEFT JOIN household h ON h.id = a.household_id"
	    " LEFT JOIN person c ON c.id = a.child_id"
	    /* From the child's side (its own allocations, then its
	     * households'): an OR with EXISTS here made SQLite scan every
	     * allocation in the authority, 118 ms on 100,000 children. */
	    " WHERE a.id IN (SELECT id FROM allocation WHERE child_id = ?1"
	    "  UNION ALL SELECT a2.id FROM household_member hm"
	    "  JOIN allocation a2 ON a2.household_id = hm.household_id"
	    "  WHERE hm.person_id = ?1"
	    "  AND (hm.end_date IS NULL OR hm.end_date >= a2.start_date)"
	    "  AND (a2.end_date IS NULL OR hm.start_date IS NULL"
	    "  OR hm.start_date <= a2.end_date))"
	    " ORDER BY a.end_date IS NOT NULL, a.end_date DESC,"
	    " a.start_date DESC, a.id DESC LIMIT ?2",
	/* ?1 household, ?2 today, ?3 cap */
	[C_HOUSEHOLD_ALLOCATIONS] =
	    "SELECT " ALLOC_COLS
	    " FROM allocation a JOIN staff s ON s.id = a.staff_id"
	    " LEFT JOIN household h ON h.id = a.household_id"
	    " LEFT JOIN person c ON c.id = a.child_id"
	    " WHERE a.household_id = ?1 OR (a.child_id IN (SELECT hm.person_id"
	    "  FROM household_member hm WHERE hm.household_id = ?1"
	    "  AND (hm.end_date IS NULL OR hm.end_date >= ?2))"
	    "  AND a.start_date <= ?2 AND (a.end_date IS NULL"
	    "  OR a.end_date >= ?2))"
	    " ORDER BY (a.end_date IS NOT NULL AND a.end_date < ?2),"
	    " a.end_date DESC, a.start_date DESC, a.id DESC LIMIT ?3",
	/* ?1 child, ?2 cap */
	[C_CHRONOLOGY_LIST] =
	    "SELECT c.id, c.version, c.event_date, c.category, c.summary,"
	    " coalesce(c.recorded_by, 0), coalesce(" STAFF_NAME("s") ", ''),"
	    " c.recorded_at, count(*) OVER ()"
	    " FROM chronology c LEFT JOIN staff s ON s.id = c.recorded_by"
	    " WHERE c.child_id = ?1"
	    " ORDER BY c.event_date DESC, c.recorded_at DESC, c.id DESC"
	    " LIMIT ?2",
	[C_CHRONOLOGY_INSERT] =
	    "INSERT INTO chronology (child_id, event_date, category, summary,"
	    " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[C_PERSON_UPDATE] =
	    "UPDATE person SET given_name = ?3, family_name = ?4,"
	    " birth_date = ?5, sex = ?6, version = version + 1,"
	    " updated_by = ?7, updated_at = ?8"
	    " WHERE id = ?1 AND version = ?2 AND kind = 'child'",
	[C_CHILD_UPDATE] =
	    "UPDATE child SET expected_birth_date = ?2, ethnicity = ?3,"
	    " upn = ?4, upn_unknown = ?5 WHERE person_id = ?1",
	/* ?1 allocation, ?2 child, ?3 version, ?4 end, ?5 by, ?6 at */
	[C_ALLOCATION_END] =
	    "UPDATE allocation SET end_date = max(?4, start_date),"
	    " version = version + 1, updated_by = ?5, updated_at = ?6"
	    " WHERE id = ?1 AND child_id = ?2 AND version = ?3"
	    " AND end_date IS NULL",
	[C_ALLOCATION_STATE] =
	    "SELECT a.version, a.end_date IS NOT NULL,"
	    " coalesce(a.updated_by, 0), coalesce(" STAFF_NAME("s") ", ''),"
	    " coalesce(a.updated_at, 0)"
	    " FROM allocation a LEFT JOIN staff s ON s.id = a.updated_by"
	    " WHERE a.id = ?1 AND a.child_id = ?2",
	[C_RELATIONSHIP_EXISTS] =
	    "SELECT EXISTS (SELECT 1 FROM relationship WHERE person_id = ?1"
	    " AND relative_id = ?2 AND kind = ?3 AND end_date IS NULL)",
	[C_ALLOCATION_CURRENT] =
	    "SELECT EXISTS (SELECT 1 FROM allocation WHERE child_id = ?1"
	    " AND staff_id = ?2 AND start_date <= ?3"
	    " AND (end_date IS NULL OR end_date >= ?3))",
	[C_HOUSEHOLD_GET] =
	    "SELECT id, version, name, coalesce(postcode, '') FROM household"
	    " WHERE id = ?1",
	/* ?1 household, ?2 today, ?3 cap; columns as read_member() reads
	 * them, then the count */
	[C_HOUSEHOLD_MEMBERS] =
	    "SELECT h.id, h.name, coalesce(h.postcode, ''), p.id,"
	    " p.kind = 'child', p.given_name, p.family_name, p.birth_date,"
	    " hm.start_date, hm.end_date, count(*) OVER ()"
	    " FROM household_member hm JOIN household h ON h.id = hm.household_id"
	    " JOIN person p ON p.id = hm.person_id WHERE hm.household_id = ?1"
	    " ORDER BY (hm.end_date IS NOT NULL AND hm.end_date < ?2),"
	    " p.kind = 'child', p.birth_date IS NULL, p.birth_date, p.id,"
	    " hm.id LIMIT ?3",
	/* ?1 today, ?2 cap */
	[C_ALLOCATABLE] =
	    "SELECT s.id, " STAFF_NAME("s") ", s.role, " CURRENT_TEAM " AS team,"
	    " count(*) OVER ()"
	    " FROM staff s WHERE s.active = 1 AND s.role IN " ALLOCATABLE_ROLES
	    " ORDER BY team = '', team, s.family_name, s.given_name, s.id"
	    " LIMIT ?2",
	/* ?1 today, ?2 staff */
	[C_ALLOCATABLE_ONE] =
	    "SELECT s.id, " STAFF_NAME("s") ", s.role, " CURRENT_TEAM
	    " FROM staff s WHERE s.id = ?2 AND s.active = 1"
	    " AND s.role IN " ALLOCATABLE_ROLES,
	/* ?1 child, ?2 today, ?3 cap */
	[C_CHILD_SHARES] =
	    "SELECT r.id, r.agency_id, g.name, r.start_date, r.end_date,"
	    " r.reason, count(*) OVER ()"
	    " FROM record_share r JOIN agency g ON g.id = r.agency_id"
	    " WHERE r.child_id = ?1 AND (r.end_date IS NULL OR"
	    " r.end_date >= ?2) ORDER BY r.start_date, g.name, r.id LIMIT ?3",
	/* ?1 child, ?2 today, ?3 cap */
	[C_RESTRICTION_NAMED] =
	    "SELECT s.id, " STAFF_NAME("s") ", s.role,"
	    " coalesce((SELECT t.name FROM team_member tm JOIN team t"
	    " ON t.id = tm.team_id WHERE tm.staff_id = s.id AND"
	    " tm.start_date <= ?2 AND (tm.end_date IS NULL OR"
	    " tm.end_date >= ?2) ORDER BY tm.start_date DESC LIMIT 1), '')"
	    " AS team, count(*) OVER ()"
	    " FROM restriction_user u JOIN staff s ON s.id = u.staff_id"
	    " WHERE u.child_id = ?1"
	    " ORDER BY s.family_name, s.given_name, s.id LIMIT ?3",
	/* ?1 child, ?2 today, ?3 cap: the child's current workers (of the
	 * child or of a household it lives in now) and the current members
	 * of their current teams, active only. */
	[C_RESTRICTION_CANDIDATES] =
	    "WITH w AS (SELECT a.staff_id FROM allocation a WHERE"
	    " (a.child_id = ?1 OR a.household_id IN (SELECT hm.household_id"
	    " FROM household_member hm WHERE hm.person_id = ?1 AND"
	    " hm.start_date <= ?2 AND (hm.end_date IS NULL OR"
	    " hm.end_date >= ?2))) AND a.start_date <= ?2 AND"
	    " (a.end_date IS NULL OR a.end_date >= ?2)),"
	    " m AS (SELECT staff_id FROM w UNION SELECT tm.staff_id FROM"
	    " team_member tm JOIN team_member wm ON wm.team_id = tm.team_id"
	    " AND wm.start_date <= ?2 AND (wm.end_date IS NULL OR"
	    " wm.end_date >= ?2) WHERE wm.staff_id IN (SELECT staff_id FROM w)"
	    " AND tm.start_date <= ?2 AND (tm.end_date IS NULL OR"
	    " tm.end_date >= ?2))"
	    " SELECT s.id, " STAFF_NAME("s") ", s.role,"
	    " coalesce((SELECT t.name FROM team_member tm JOIN team t"
	    " ON t.id = tm.team_id WHERE tm.staff_id = s.id AND"
	    " tm.start_date <= ?2 AND (tm.end_date IS NULL OR"
	    " tm.end_date >= ?2) ORDER BY tm.start_date DESC LIMIT 1), '')"
	    " AS team, count(*) OVER ()"
	    " FROM staff s WHERE s.active = 1 AND s.id IN (SELECT staff_id"
	    " FROM m) ORDER BY team = '', team, s.family_name, s.given_name,"
	    " s.id LIMIT ?3",
	[C__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum case_stmt which)
{
	return store_q(st, SQLSET_CASE, which);
}

/* A text column that may not fit: copied up to cap - 1 bytes (at a UTF-8
 * character boundary), so a long value is shortened, never lost. */
static void
col_text(sqlite3_stmt *s, int i, char *dst, size_t cap)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	size_t n = t ? strlen(t) : 0;

	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
			n--;
	}
	if (n)
		memcpy(dst, t, n);
	dst[n] = '\0';
}

/* Finish a list read: SQLITE_DONE is success. */
static enum herr
list_done(struct store *st, sqlite3_stmt *s, int rc, const char *doing)
{
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK : sql_fail(st->db, rc, doing, NULL);
}

/* A boolean one-row query already bound. */
static enum herr
exists(struct store *st, sqlite3_stmt *s, const char *doing, bool *out)
{
	enum herr e;

	*out = false;
	if ((e = step_row(st, s, doing)) == HERR_OK)
		*out = sqlite3_column_int(s, 0) != 0;
	finish(s);
	return e;
}

enum herr
store_child_restricted(struct store *st, int64_t child_id, bool *out)
{
	sqlite3_stmt *s = q(st, C_CHILD_RESTRICTED);

	sqlite3_bind_int64(s, 1, child_id);
	return exists(st, s, "checking a restriction", out);
}

enum herr
store_person_changed(struct store *st, int64_t person_id,
    struct store_change *out)
{
	sqlite3_stmt *s = q(st, C_PERSON_CHANGED);
	enum herr e;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, person_id);
	if ((e = step_row(st, s, "reading who changed a record")) == HERR_OK) {
		out->version = sqlite3_column_int64(s, 0);
		out->by = sqlite3_column_int64(s, 1);
		col_text(s, 2, out->by_name, sizeof(out->by_name));
		out->at = sqlite3_column_int64(s, 3);
	}
	finish(s);
	return e;
}

enum herr
store_child_relatives(struct store *st, int64_t child_id, hday today,
    struct store_relative *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHILD_RELATIVES);
	char kind[32];
	int rc, k = 0;

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		struct store_relative *x = &out[k];

		memset(x, 0, sizeof(*x));
		x->relationship_id = sqlite3_column_int64(s, 0);
		x->person_id = sqlite3_column_int64(s, 1);
		x->is_child = sqlite3_column_int(s, 2) != 0;
		x->reverse = sqlite3_column_int(s, 3) != 0;
		column_copy(s, 4, kind, sizeof(kind));
		if (relation_parse(kind, &x->kind, "kind", NULL) != HERR_OK)
			x->kind = REL_OTHER_RELATIVE;
		x->parental_responsibility = sqlite3_column_int(s, 5) != 0;
		x->start_date = column_date(s, 6);
		x->end_date = column_date(s, 7);
		col_text(s, 8, x->given_name, sizeof(x->given_name));
		col_text(s, 9, x->family_name, sizeof(x->family_name));
		x->birth_date = column_date(s, 10);
		x->household_id = sqlite3_column_int64(s, 11);
		col_text(s, 12, x->household_name, sizeof(x->household_name));
		*total = sqlite3_column_int(s, 13);
		k++;
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "reading relationships");
}

/* Read a household member's row: household id, name and postcode, the
 * person's id, whether a child, given and family names and date of birth,
 * the membership's start and end dates (the statements above that say so
 * lay their columns out this way). */
static void
read_member(sqlite3_stmt *s, struct store_member *m)
{
	memset(m, 0, sizeof(*m));
	m->household_id = sqlite3_column_int64(s, 0);
	col_text(s, 1, m->household_name, sizeof(m->household_name));
	col_text(s, 2, m->postcode, sizeof(m->postcode));
	m->person_id = sqlite3_column_int64(s, 3);
	m->is_child = sqlite3_column_int(s, 4) != 0;
	col_text(s, 5, m->given_name, sizeof(m->given_name));
	col_text(s, 6, m->family_name, sizeof(m->family_name));
	m->birth_date = column_date(s, 7);
	m->start_date = column_date(s, 8);
	m->end_date = column_date(s, 9);
}

/* Step a bound list of household members (read_member's columns, then
 * the count) into out. */
static enum herr
members(struct store *st, sqlite3_stmt *s, struct store_member *out,
    int cap, int *n, int *total, const char *doing)
{
	int rc, k = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		read_member(s, &out[k++]);
		*total = sqlite3_column_int(s, 10);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc, doing);
}

enum herr
store_child_households(struct store *st, int64_t child_id,
    struct store_member *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHILD_HOUSEHOLDS);

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, cap);
	return members(st, s, out, cap, n, total, "reading households");
}

enum herr
store_child_household_people(struct store *st, int64_t child_id,
    struct store_member *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHILD_HOUSEHOLD_PEOPLE);

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, cap);
	return members(st, s, out, cap, n, total,
	    "reading the people in a child's households");
}

static void
read_allocation(sqlite3_stmt *s, struct store_allocation *x)
{
	char role[32];

	memset(x, 0, sizeof(*x));
	x->a.id = sqlite3_column_int64(s, 0);
	x->version = sqlite3_column_int64(s, 1);
	x->a.staff_id = sqlite3_column_int64(s, 2);
	x->a.child_id = sqlite3_column_int64(s, 3);
	x->a.household_id = sqlite3_column_int64(s, 4);
	x->a.start_date = column_date(s, 5);
	x->a.end_date = column_date(s, 6);
	col_text(s, 7, x->staff_name, sizeof(x->staff_name));
	column_copy(s, 8, role, sizeof(role));
	if (role_parse(role, &x->role, "role", NULL) != HERR_OK)
		x->role = ROLE_SOCIAL_WORKER;
	col_text(s, 9, x->team_name, sizeof(x->team_name));
	col_text(s, 10, x->household_name, sizeof(x->household_name));
	col_text(s, 11, x->child_name, sizeof(x->child_name));
}

static enum herr
allocations(struct store *st, sqlite3_stmt *s, int count_col,
    struct store_allocation *out, int cap, int *n, int *total)
{
	int rc, k = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		read_allocation(s, &out[k++]);
		*total = sqlite3_column_int(s, count_col);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "reading allocations");
}

enum herr
store_child_allocations(struct store *st, int64_t child_id,
    struct store_allocation *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHILD_ALLOCATIONS);

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, cap);
	return allocations(st, s, 12, out, cap, n, total);
}

enum herr
store_household_allocations(struct store *st, int64_t household_id,
    hday today, struct store_allocation *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_HOUSEHOLD_ALLOCATIONS);

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, household_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, cap);
	return allocations(st, s, 12, out, cap, n, total);
}

enum herr
store_chronology_list(struct store *st, int64_t child_id,
    struct chronology_entry *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHRONOLOGY_LIST);
	int rc, k = 0;

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		struct chronology_entry *e = &out[k++];

		chronology_entry_init(e);
		e->child_id = child_id;
		e->id = sqlite3_column_int64(s, 0);
		e->version = sqlite3_column_int64(s, 1);
		e->date = column_date(s, 2);
		col_text(s, 3, e->category, sizeof(e->category));
		col_text(s, 4, e->summary, sizeof(e->summary));
		e->recorded_by = sqlite3_column_int64(s, 5);
		col_text(s, 6, e->recorded_by_name,
		    sizeof(e->recorded_by_name));
		e->recorded_at = sqlite3_column_int64(s, 7);
		*total = sqlite3_column_int(s, 8);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "reading the chronology");
}

enum herr
store_chronology_add(struct store *st, struct chronology_entry *e,
    struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, C_CHRONOLOGY_INSERT);
	enum herr x;

	bind_id(s, 1, e->child_id);
	bind_date(s, 2, e->date);
	bind_text(s, 3, e->category);
	bind_text(s, 4, e->summary);
	bind_id(s, 5, e->recorded_by);
	sqlite3_bind_int64(s, 6, e->recorded_at);
	if ((x = step_done(st, s, "adding to the chronology", diag)) ==
	    HERR_OK) {
		e->id = sqlite3_last_insert_rowid(st->db);
		e->version = 1;
	}
	return x;
}

static enum herr
in_transaction(struct store *st, const char *doing, struct hdiag *diag)
{
	if (sqlite3_get_autocommit(st->db))
		return hdiag_set(diag, HERR_ENV, "", "", "%s outside a "
		    "transaction", doing);
	return HERR_OK;
}

enum herr
store_child_update(struct store *st, const struct child *c, int64_t expected,
    int64_t staff_id, int64_t now, struct store_change *conflict,
    struct hdiag *diag)
{
	sqlite3_stmt *s;
	char sex[2] = { c->sex, '\0' };
	enum herr e;

	memset(conflict, 0, sizeof(*conflict));
	if ((e = in_transaction(st, "saving a child", diag)) != HERR_OK)
		return e;
	s = q(st, C_PERSON_UPDATE);
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_text(s, 3, c->given_name);
	bind_text(s, 4, c->family_name);
	bind_date(s, 5, c->birth_date);
	bind_text(s, 6, sex);
	bind_id(s, 7, staff_id);
	sqlite3_bind_int64(s, 8, now);
	if ((e = step_done(st, s, "saving a child", diag)) != HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 0) {
		/* Gone, or someone else saved first. */
		if ((e = store_person_changed(st, c->id, conflict)) != HERR_OK)
			return e;
		return hdiag_set(diag, HERR_CONFLICT, "version", "",
		    "Someone else saved changes to this record");
	}
	s = q(st, C_CHILD_UPDATE);
	sqlite3_bind_int64(s, 1, c->id);
	bind_date(s, 2, c->expected_birth_date);
	bind_text(s, 3, c->ethnicity);
	bind_text(s, 4, c->upn);
	bind_text(s, 5, c->upn_unknown);
	e = step_done(st, s, "saving a child", diag);
	/* 1520: more than one record with the same UPN */
	return unique_clash(st, e, "child.upn", "upn", "UPN", c->upn, diag);
}

enum herr
store_allocation_end(struct store *st, int64_t child_id,
    int64_t allocation_id, int64_t expected, hday end, int64_t staff_id,
    int64_t now, struct store_change *conflict, struct hdiag *diag)
{
	sqlite3_stmt *s;
	bool ended;
	enum herr e;

	memset(conflict, 0, sizeof(*conflict));
	if ((e = in_transaction(st, "ending an allocation", diag)) != HERR_OK)
		return e;
	s = q(st, C_ALLOCATION_END);
	sqlite3_bind_int64(s, 1, allocation_id);
	sqlite3_bind_int64(s, 2, child_id);
	sqlite3_bind_int64(s, 3, expected);
	bind_date(s, 4, end);
	bind_id(s, 5, staff_id);
	sqlite3_bind_int64(s, 6, now);
	if ((e = step_done(st, s, "ending an allocation", diag)) != HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	s = q(st, C_ALLOCATION_STATE);
	sqlite3_bind_int64(s, 1, allocation_id);
	sqlite3_bind_int64(s, 2, child_id);
	if ((e = step_row(st, s, "reading an allocation")) == HERR_OK) {
		conflict->version = sqlite3_column_int64(s, 0);
		ended = sqlite3_column_int(s, 1) != 0;
		conflict->by = sqlite3_column_int64(s, 2);
		col_text(s, 3, conflict->by_name, sizeof(conflict->by_name));
		conflict->at = sqlite3_column_int64(s, 4);
		if (conflict->version != expected)
			e = hdiag_set(diag, HERR_CONFLICT, "version", "",
			    "Someone else changed this allocation");
		else if (ended)
			e = hdiag_set(diag, HERR_INVALID, "version", "",
			    "This allocation has already ended");
		else
			e = hdiag_set(diag, HERR_ENV, "", "",
			    "The allocation could not be ended");
	}
	finish(s);
	return e;
}

enum herr
store_relationship_exists(struct store *st, int64_t child_id,
    int64_t relative_id, enum relation kind, bool *out)
{
	sqlite3_stmt *s = q(st, C_RELATIONSHIP_EXISTS);

	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int64(s, 2, relative_id);
	bind_text(s, 3, relation_code(kind));
	return exists(st, s, "checking a relationship", out);
}

enum herr
store_allocation_current(struct store *st, int64_t child_id,
    int64_t staff_id, hday today, bool *out)
{
	sqlite3_stmt *s = q(st, C_ALLOCATION_CURRENT);

	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int64(s, 2, staff_id);
	bind_date(s, 3, today);
	return exists(st, s, "checking an allocation", out);
}

enum herr
store_household_get(struct store *st, int64_t id, struct household *h)
{
	sqlite3_stmt *s = q(st, C_HOUSEHOLD_GET);
	enum herr e;

	memset(h, 0, sizeof(*h));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a household")) == HERR_OK) {
		h->id = sqlite3_column_int64(s, 0);
		h->version = sqlite3_column_int64(s, 1);
		col_text(s, 2, h->name, sizeof(h->name));
		col_text(s, 3, h->postcode, sizeof(h->postcode));
	}
	finish(s);
	return e;
}

enum herr
store_household_members(struct store *st, int64_t household_id, hday today,
    struct store_member *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_HOUSEHOLD_MEMBERS);

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, household_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, cap);
	return members(st, s, out, cap, n, total,
	    "reading a household's members");
}

static void
read_pick(sqlite3_stmt *s, struct store_staff_pick *p)
{
	char role[32];

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	col_text(s, 1, p->name, sizeof(p->name));
	column_copy(s, 2, role, sizeof(role));
	if (role_parse(role, &p->role, "role", NULL) != HERR_OK)
		p->role = ROLE_SOCIAL_WORKER;
	col_text(s, 3, p->team_name, sizeof(p->team_name));
}

enum herr
store_allocatable_staff(struct store *st, hday today,
    struct store_staff_pick *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_ALLOCATABLE);
	int rc, k = 0;

	*n = *total = 0;
	bind_date(s, 1, today);
	sqlite3_bind_int(s, 2, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		read_pick(s, &out[k++]);
		*total = sqlite3_column_int(s, 4);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "listing staff");
}

enum herr
store_allocatable_staff_get(struct store *st, int64_t staff_id, hday today,
    struct store_staff_pick *out)
{
	sqlite3_stmt *s = q(st, C_ALLOCATABLE_ONE);
	enum herr e;

	memset(out, 0, sizeof(*out));
	bind_date(s, 1, today);
	sqlite3_bind_int64(s, 2, staff_id);
	if ((e = step_row(st, s, "reading a member of staff")) == HERR_OK)
		read_pick(s, out);
	finish(s);
	return e;
}

enum herr
store_child_shares(struct store *st, int64_t child_id, hday today,
    struct store_share *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, C_CHILD_SHARES);
	int rc, k = 0;

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		struct store_share *x = &out[k++];

		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(s, 0);
		x->agency_id = sqlite3_column_int64(s, 1);
		col_text(s, 2, x->agency_name, sizeof(x->agency_name));
		x->start_date = column_date(s, 3);
		x->end_date = column_date(s, 4);
		col_text(s, 5, x->reason, sizeof(x->reason));
		*total = sqlite3_column_int(s, 6);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "listing shares");
}

static enum herr
staff_list(struct store *st, enum case_stmt which, int64_t child_id,
    hday today, struct store_staff_pick *out, int cap, int *n, int *total)
{
	sqlite3_stmt *s = q(st, which);
	int rc, k = 0;

	*n = *total = 0;
	sqlite3_bind_int64(s, 1, child_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap) {
		read_pick(s, &out[k++]);
		*total = sqlite3_column_int(s, 4);
	}
	*n = k;
	return list_done(st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "listing staff");
}

enum herr
store_restriction_named(struct store *st, int64_t child_id, hday today,
    struct store_staff_pick *out, int cap, int *n, int *total)
{
	return staff_list(st, C_RESTRICTION_NAMED, child_id, today, out, cap,
	    n, total);
}

enum herr
store_restriction_candidates(struct store *st, int64_t child_id, hday today,
    struct store_staff_pick *out, int cap, int *n, int *total)
{
	return staff_list(st, C_RESTRICTION_CANDIDATES, child_id, today, out,
	    cap, n, total);
}
