/*
 * store_journey.c: the SQLite side of store_journey.h: loading a child's
 * whole journey, writing each step, the `due` table and the lists My work,
 * the timeliness page and `hearth due` read from it.
 *
 * Decides nothing: the rules are journey.h's and timescale.h's, applied by
 * record_journey.c before anything here writes.  Every read of a child is
 * driven by an index on child_id; every list of due items is driven from
 * the people it is for (a team's members, a worker, a child) through their
 * allocations to the open rows of those children, never by walking `due`,
 * so My work costs what the team's caseload costs, not what the authority's
 * does.  Each write that touches several rows runs in a savepoint, so a
 * failure part-way leaves none of them behind even inside the caller's
 * transaction; every write refuses to run outside one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/store_internal.h"
#include "store/store_journey.h"
#include "core/banned.h"

enum journey_stmt {
	J_SAVEPOINT,
	J_RELEASE,
	J_ROLLBACK_TO,
	J_EPISODES,
	J_ASSESSMENTS,
	J_ASSESSMENT_FACTORS,
	J_STRATEGIES,
	J_STRATEGY_PEOPLE,
	J_S47S,
	J_CONFERENCES,
	J_PLANS,
	J_CORE_GROUPS,
	J_EVENTS,
	J_EPISODE_CHANGED,
	J_ASSESSMENT_CHANGED,
	J_S47_CHANGED,
	J_PLAN_CHANGED,
	J_REFERRAL_UPDATE,
	J_EPISODE_CLOSE,
	J_ASSESSMENT_INSERT,
	J_ASSESSMENT_AUTHORISE,
	J_FACTORS_DELETE,
	J_FACTOR_INSERT,
	J_STRATEGY_INSERT,
	J_PERSON_INSERT,
	J_PEOPLE_DELETE,
	J_S47_INSERT,
	J_S47_OUTCOME,
	J_CONFERENCE_INSERT,
	J_CONFERENCE_CHILD_INSERT,
	J_CONFERENCE_CHILD_PLAN,
	J_PLAN_INSERT,
	J_PLAN_END,
	J_PLAN_CATEGORY,
	J_PLAN_TOUCH,
	J_EVENT_INSERT,
	J_DUE_DELETE_OPEN,
	J_DUE_INSERT,
	J_JOURNEY_CHILDREN,
	J_DUE_TEAM,
	J_DUE_WORKER,
	J_DUE_CHILD,
	J_DUE_ALL,
	J_TIME_DONE,
	J_TIME_OPEN,
	J_TIME_DONE_TEAM,
	J_TIME_OPEN_TEAM,
	J__COUNT
};

/* "Given Family" of the member of staff `t`. */
#define STAFF_NAME(t) "(" t ".given_name || ' ' || " t ".family_name)"

/* Who last changed row ?1 of `table`, for a conflict. */
#define CHANGED(table) \
	"SELECT x.version, coalesce(x.updated_by, 0)," \
	" coalesce(" STAFF_NAME("s") ", ''), coalesce(x.updated_at, 0)" \
	" FROM " table " x LEFT JOIN staff s ON s.id = x.updated_by" \
	" WHERE x.id = ?1"

/* "Current on ?n": started by then and not ended before it. */
#define ON_DAY(t, n) \
	"(" t ".start_date <= ?" n " AND (" t ".end_date IS NULL OR " t \
	".end_date >= ?" n "))"

/* A household member on ?n (a membership may have no start date). */
#define LIVES_ON(t, n) \
	"((" t ".start_date IS NULL OR " t ".start_date <= ?" n ") AND (" t \
	".end_date IS NULL OR " t ".end_date >= ?" n "))"

/*
 * The (child, worker) pairs of allocations current on ?2 made through
 * allocations `a` already joined and filtered: a child's own, and the
 * current child members of an allocated household; `via` 1 for the
 * latter, so a child's own worker is preferred.  Here and below, CROSS
 * JOIN fixes the order (people, then their allocations, then households'
 * members): given ANALYZE statistics SQLite otherwise chose, for a query
 * of this shape, to walk every household member in the authority.
 */
#define PAIRS(from, where) \
	"SELECT a.child_id AS cid, a.staff_id AS sid, 0 AS via," \
	" a.start_date AS since FROM " from " WHERE " where \
	" AND a.child_id IS NOT NULL AND " ON_DAY("a", "2") \
	" UNION ALL SELECT hm.person_id, a.staff_id, 1, a.start_date" \
	" FROM " from " CROSS JOIN household_member hm" \
	" ON hm.household_id = a.household_id AND " LIVES_ON("hm", "2") \
	" WHERE " where " AND a.household_id IS NOT NULL AND " ON_DAY("a", "2")

/* The columns read_due() reads, from due d, person p and child c, then
 * the worker's id and name. */
#define DUE_COLS \
	"d.child_id, d.step, d.seq, d.ref_id, d.from_date, d.due_date," \
	" d.done_date, coalesce(d.done_id, 0)," \
	" " STAFF_NAME("p") ", c.la_child_id"
#define DUE_ORDER \
	" ORDER BY d.due_date, d.child_id, d.step, d.ref_id, d.seq"

/*
 * Open items of the children in pairs `k` (one row per child: its own
 * worker first, then the earliest allocated, among those passing ?4
 * worker and ?5 child, 0 meaning any), due on or before ?3.  The CROSS
 * JOIN keeps the planner from starting at `due`: it goes from the few
 * children to their open rows by due_child_open.
 */
#define DUE_OF_PAIRS(pairs) \
	"WITH k AS (" pairs ")," \
	" w AS (SELECT cid, sid FROM (SELECT cid, sid, row_number() OVER" \
	"  (PARTITION BY cid ORDER BY via, since, sid) AS rn FROM k" \
	"  WHERE (?4 = 0 OR sid = ?4) AND (?5 = 0 OR cid = ?5)) WHERE rn = 1)" \
	" SELECT " DUE_COLS ", w.sid, " STAFF_NAME("s") \
	" FROM w CROSS JOIN due d JOIN person p ON p.id = d.child_id" \
	" JOIN child c ON c.person_id = d.child_id" \
	" JOIN staff s ON s.id = w.sid" \
	" WHERE d.child_id = w.cid AND d.done_date IS NULL" \
	" AND d.due_date <= ?3" DUE_ORDER

/* The worker currently allocated to child `cid` on ?2: its own
 * allocation first, then one through a household it lives in, earliest
 * first; NULL when there is none. */
#define CHILD_WORKER(cid) \
	"(SELECT cw.sid FROM (SELECT a.staff_id AS sid, 0 AS via," \
	" a.start_date AS since FROM allocation a WHERE a.child_id = " cid \
	" AND " ON_DAY("a", "2") " UNION ALL SELECT a.staff_id, 1," \
	" a.start_date FROM household_member hm CROSS JOIN allocation a" \
	" ON a.household_id = hm.household_id AND " ON_DAY("a", "2") \
	" WHERE hm.person_id = " cid " AND " LIVES_ON("hm", "2") ") cw" \
	" ORDER BY cw.via, cw.since, cw.sid LIMIT 1)"

/* Open items chosen by `where` on due d, with each child's worker. */
#define DUE_OF_ROWS(where) \
	"SELECT " DUE_COLS ", coalesce(d.wid, 0)," \
	" coalesce(" STAFF_NAME("s") ", '')" \
	" FROM (SELECT x.*, " CHILD_WORKER("x.child_id") " AS wid" \
	"  FROM due x WHERE " where ") d" \
	" JOIN person p ON p.id = d.child_id" \
	" JOIN child c ON c.person_id = d.child_id" \
	" LEFT JOIN staff s ON s.id = d.wid" DUE_ORDER

/*
 * Timeliness: ?1 step, ?2 from, ?3 to, ?4 first only (seq 1), ?5 CP
 * plans only (visits), ?6 team.
 */
#define TIME_FILTER \
	" AND (?4 = 0 OR d.seq = 1) AND (?5 = 0 OR EXISTS (SELECT 1" \
	" FROM plan pl WHERE pl.id = d.ref_id AND pl.kind = 'cp'))"

/* Current on `day` (an SQL expression): started by then, not ended. */
#define ON_EXPR(t, day) \
	"(" t ".start_date <= " day " AND (" t ".end_date IS NULL OR " t \
	".end_date >= " day "))"
#define LIVES_EXPR(t, day) \
	"((" t ".start_date IS NULL OR " t ".start_date <= " day ") AND (" t \
	".end_date IS NULL OR " t ".end_date >= " day "))"
/* Overlapping [?2, ?3]. */
#define IN_PERIOD(t) \
	"(" t ".start_date <= ?3 AND (" t ".end_date IS NULL OR " t \
	".end_date >= ?2))"
#define IN_PERIOD_HM(t) \
	"((" t ".start_date IS NULL OR " t ".start_date <= ?3) AND (" t \
	".end_date IS NULL OR " t ".end_date >= ?2))"

/* Staff `who` was a member of team ?6 on `day`. */
#define TEAM_MEMBER_ON(who, day) \
	"EXISTS (SELECT 1 FROM team_member tm WHERE tm.staff_id = " who \
	" AND tm.team_id = ?6 AND " ON_EXPR("tm", day) ")"

/*
 * Child d.child_id counts for team ?6 on `day`: allocated then (itself,
 * or a household it then lived in) to someone then a member of the team.
 * Nested EXISTS from the child's side, each an index lookup, and no
 * joins: given ANALYZE statistics SQLite builds a Bloom filter for a join
 * by reading the whole of its inner table (allocations, household
 * members, `due`), which took the team timeliness page from 40 ms to 10 s
 * on 100,000 children.
 */
#define HELD_BY_TEAM(day) \
	"(EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = d.child_id" \
	" AND " ON_EXPR("a", day) " AND " TEAM_MEMBER_ON("a.staff_id", day) \
	") OR EXISTS (SELECT 1 FROM household_member hm" \
	" WHERE hm.person_id = d.child_id AND " LIVES_EXPR("hm", day) \
	" AND EXISTS (SELECT 1 FROM allocation a" \
	" WHERE a.household_id = hm.household_id AND " ON_EXPR("a", day) \
	" AND " TEAM_MEMBER_ON("a.staff_id", day) ")))"

/* The children who may count for team ?6 in [?2, ?3]: allocated during
 * it to someone who was a member during it (HELD_BY_TEAM decides). */
#define TEAM_STAFF \
	"(SELECT tm.staff_id FROM team_member tm WHERE tm.team_id = ?6 AND " \
	IN_PERIOD("tm") ")"
#define TEAM_CHILDREN \
	"(SELECT a.child_id FROM allocation a WHERE a.staff_id IN " TEAM_STAFF \
	" AND a.child_id IS NOT NULL AND " IN_PERIOD("a") \
	" UNION SELECT hm.person_id FROM household_member hm" \
	" WHERE hm.household_id IN (SELECT a.household_id FROM allocation a" \
	" WHERE a.staff_id IN " TEAM_STAFF " AND a.household_id IS NOT NULL" \
	" AND " IN_PERIOD("a") ") AND " IN_PERIOD_HM("hm") ")"

const char *const store_journey_sql[J__COUNT + 1] = {
	[J_SAVEPOINT] = "SAVEPOINT journey",
	[J_RELEASE] = "RELEASE journey",
	[J_ROLLBACK_TO] = "ROLLBACK TO journey",
	/* ?1 child, for every read of a journey */
	[J_EPISODES] =
	    "SELECT id, version, child_id, referral_date, referral_source,"
	    " coalesce(primary_need, ''), referral_nfa, closure_date,"
	    " coalesce(closure_reason, ''), contact_date, referral_reason,"
	    " coalesce(decision, ''), decision_date"
	    " FROM cin_episode WHERE child_id = ?1 ORDER BY referral_date, id",
	[J_ASSESSMENTS] =
	    "SELECT id, version, child_id, episode_id, start_date,"
	    " authorised_date, coalesce(outcome, ''), due_date"
	    " FROM assessment WHERE child_id = ?1 ORDER BY start_date, id",
	[J_ASSESSMENT_FACTORS] =
	    "SELECT f.assessment_id, f.code FROM assessment x"
	    " JOIN assessment_factor f ON f.assessment_id = x.id"
	    " WHERE x.child_id = ?1 ORDER BY f.assessment_id, f.code",
	[J_STRATEGIES] =
	    "SELECT id, version, child_id, episode_id, held_date, s47, note"
	    " FROM strategy WHERE child_id = ?1 ORDER BY held_date, id",
	/* CROSS JOIN: from the child's few rows to their people, not from
	 * every strategy member of the authority to the child. */
	[J_STRATEGY_PEOPLE] =
	    "SELECT jp.owner_id, jp.name, jp.agency, jp.role,"
	    " coalesce(jp.staff_id, 0) FROM strategy x"
	    " CROSS JOIN journey_person jp ON jp.owner_kind = 'strategy'"
	    " AND jp.owner_id = x.id WHERE x.child_id = ?1"
	    " ORDER BY jp.owner_id, jp.id",
	[J_S47S] =
	    "SELECT id, version, child_id, episode_id,"
	    " coalesce(strategy_id, 0), start_date, coalesce(outcome, ''),"
	    " outcome_date FROM s47 WHERE child_id = ?1"
	    " ORDER BY start_date, id",
	/* Every conference the child was part of, one row per child of
	 * each (so a joint conference brings its siblings' parts). */
	[J_CONFERENCES] =
	    "SELECT cf.id, cf.version, cf.kind, cf.held_date, cf.notified_date,"
	    " coalesce(cf.chair_id, 0), cf.note, cc.child_id,"
	    " coalesce(cc.s47_id, 0), coalesce(cc.plan_id, 0), cc.decision,"
	    " coalesce(cc.category, ''), coalesce(cc.end_reason, ''),"
	    " cc.step_down, cc.due_date"
	    " FROM conference_child me"
	    " JOIN conference cf ON cf.id = me.conference_id"
	    " JOIN conference_child cc ON cc.conference_id = cf.id"
	    " WHERE me.child_id = ?1 ORDER BY cf.held_date, cf.id, cc.child_id",
	[J_PLANS] =
	    "SELECT id, version, child_id, coalesce(episode_id, 0), kind,"
	    " start_date, end_date, coalesce(conference_id, 0),"
	    " coalesce(initial_category, ''), coalesce(latest_category, ''),"
	    " coalesce(end_reason, ''), coalesce(legal_status, ''),"
	    " coalesce(placement, ''), long_term"
	    " FROM plan WHERE child_id = ?1 ORDER BY start_date, id",
	[J_CORE_GROUPS] =
	    "SELECT jp.owner_id, jp.name, jp.agency, jp.role,"
	    " coalesce(jp.staff_id, 0) FROM plan x"
	    " CROSS JOIN journey_person jp ON jp.owner_kind = 'core-group'"
	    " AND jp.owner_id = x.id WHERE x.child_id = ?1"
	    " ORDER BY jp.owner_id, jp.id",
	[J_EVENTS] =
	    "SELECT id, child_id, plan_id, kind, held_date, seen, seen_alone,"
	    " note, due_date FROM plan_event WHERE child_id = ?1"
	    " ORDER BY held_date, id",
	[J_EPISODE_CHANGED] = CHANGED("cin_episode"),
	[J_ASSESSMENT_CHANGED] = CHANGED("assessment"),
	[J_S47_CHANGED] = CHANGED("s47"),
	[J_PLAN_CHANGED] = CHANGED("plan"),
	/* ?1 episode, ?2 version, ?3 contact, ?4 reason, ?5 decision, ?6 its
	 * date, ?7 by, ?8 at.  The census's ReferralNFA follows the decision:
	 * no further action and early help end social care's part. */
	[J_REFERRAL_UPDATE] =
	    "UPDATE cin_episode SET contact_date = ?3, referral_reason = ?4,"
	    " decision = ?5, decision_date = ?6, referral_nfa = CASE"
	    " WHEN ?5 IS NULL THEN referral_nfa"
	    " WHEN ?5 IN ('nfa', 'early-help') THEN 1 ELSE 0 END,"
	    " version = version + 1, updated_by = ?7, updated_at = ?8"
	    " WHERE id = ?1 AND version = ?2",
	/* ?1 episode, ?2 closure, ?3 reason, ?4 by, ?5 at */
	[J_EPISODE_CLOSE] =
	    "UPDATE cin_episode SET closure_date = ?2, closure_reason = ?3,"
	    " version = version + 1, updated_by = ?4, updated_at = ?5"
	    " WHERE id = ?1 AND closure_date IS NULL",
	[J_ASSESSMENT_INSERT] =
	    "INSERT INTO assessment (child_id, episode_id, start_date,"
	    " authorised_date, outcome, due_date, updated_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* ?1 id, ?2 version, ?3 authorised, ?4 outcome, ?5 due, ?6 by, ?7 at */
	[J_ASSESSMENT_AUTHORISE] =
	    "UPDATE assessment SET authorised_date = ?3, outcome = ?4,"
	    " due_date = ?5, version = version + 1, updated_by = ?6,"
	    " updated_at = ?7 WHERE id = ?1 AND version = ?2",
	[J_FACTORS_DELETE] =
	    "DELETE FROM assessment_factor WHERE assessment_id = ?1",
	/* A factor listed twice is one factor. */
	[J_FACTOR_INSERT] =
	    "INSERT OR IGNORE INTO assessment_factor (assessment_id, code)"
	    " VALUES (?1, ?2)",
	[J_STRATEGY_INSERT] =
	    "INSERT INTO strategy (child_id, episode_id, held_date, s47, note,"
	    " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[J_PERSON_INSERT] =
	    "INSERT INTO journey_person (owner_kind, owner_id, name, agency,"
	    " role, staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[J_PEOPLE_DELETE] =
	    "DELETE FROM journey_person WHERE owner_kind = ?1"
	    " AND owner_id = ?2",
	[J_S47_INSERT] =
	    "INSERT INTO s47 (child_id, episode_id, strategy_id, start_date,"
	    " outcome, outcome_date, updated_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* ?1 id, ?2 version, ?3 outcome, ?4 its date, ?5 by, ?6 at */
	[J_S47_OUTCOME] =
	    "UPDATE s47 SET outcome = ?3, outcome_date = ?4,"
	    " version = version + 1, updated_by = ?5, updated_at = ?6"
	    " WHERE id = ?1 AND version = ?2",
	[J_CONFERENCE_INSERT] =
	    "INSERT INTO conference (kind, held_date, notified_date, chair_id,"
	    " note, updated_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[J_CONFERENCE_CHILD_INSERT] =
	    "INSERT INTO conference_child (conference_id, child_id, s47_id,"
	    " plan_id, decision, category, end_reason, step_down, due_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[J_CONFERENCE_CHILD_PLAN] =
	    "UPDATE conference_child SET plan_id = ?3"
	    " WHERE conference_id = ?1 AND child_id = ?2",
	[J_PLAN_INSERT] =
	    "INSERT INTO plan (child_id, episode_id, kind, start_date,"
	    " end_date, conference_id, initial_category, latest_category,"
	    " end_reason, legal_status, placement, long_term, updated_by,"
	    " updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14)",
	/* ?1 id, ?2 end, ?3 reason, ?4 by, ?5 at */
	[J_PLAN_END] =
	    "UPDATE plan SET end_date = ?2, end_reason = ?3,"
	    " version = version + 1, updated_by = ?4, updated_at = ?5"
	    " WHERE id = ?1 AND end_date IS NULL",
	/* ?1 id, ?2 category, ?3 by, ?4 at */
	[J_PLAN_CATEGORY] =
	    "UPDATE plan SET latest_category = ?2, version = version + 1,"
	    " updated_by = ?3, updated_at = ?4 WHERE id = ?1 AND kind = 'cp'",
	/* ?1 id, ?2 version, ?3 by, ?4 at: a CP plan's core group changed */
	[J_PLAN_TOUCH] =
	    "UPDATE plan SET version = version + 1, updated_by = ?3,"
	    " updated_at = ?4 WHERE id = ?1 AND version = ?2 AND kind = 'cp'",
	[J_EVENT_INSERT] =
	    "INSERT INTO plan_event (child_id, plan_id, kind, held_date, seen,"
	    " seen_alone, note, due_date, recorded_by, recorded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[J_DUE_DELETE_OPEN] =
	    "DELETE FROM due WHERE child_id = ?1 AND done_date IS NULL",
	/* A done row already there keeps the due date it was measured
	 * against; open rows were deleted first, so they are rewritten. */
	[J_DUE_INSERT] =
	    "INSERT OR IGNORE INTO due (child_id, step, seq, ref_id, from_date,"
	    " due_date, done_date, done_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8)",
	/* Every child with a journey: every step hangs off an episode,
	 * except a looked-after episode recorded on its own.  Both read
	 * only their child_id indexes. */
	[J_JOURNEY_CHILDREN] =
	    "SELECT child_id FROM cin_episode UNION SELECT child_id FROM plan"
	    " ORDER BY 1",
	/* ?1 team, ?2 today, ?3 until, ?4 worker, ?5 child: from the team's
	 * current members to their current allocations. */
	[J_DUE_TEAM] = DUE_OF_PAIRS(PAIRS("team_member tm"
	    " CROSS JOIN allocation a ON a.staff_id = tm.staff_id",
	    "tm.team_id = ?1 AND " ON_DAY("tm", "2"))),
	/* ?1 worker, ?2 today, ?3 until, ?4 worker again, ?5 child */
	[J_DUE_WORKER] = DUE_OF_PAIRS(PAIRS("allocation a",
	    "a.staff_id = ?1")),
	/* ?2 today, ?3 until, ?5 child (the numbers the others use) */
	[J_DUE_CHILD] = DUE_OF_ROWS("x.child_id = ?5 AND x.done_date IS NULL"
	    " AND x.due_date <= ?3"),
	/* ?2 today, ?3 until: the whole authority, by due_open */
	[J_DUE_ALL] = DUE_OF_ROWS("x.done_date IS NULL AND x.due_date <= ?3"),
	[J_TIME_DONE] =
	    "SELECT count(*), coalesce(sum(d.done_date <= d.due_date), 0)"
	    " FROM due d WHERE d.step = ?1 AND d.done_date IS NOT NULL"
	    " AND d.done_date BETWEEN ?2 AND ?3" TIME_FILTER,
	[J_TIME_OPEN] =
	    "SELECT count(*) FROM due d WHERE d.done_date IS NULL"
	    " AND d.due_date BETWEEN ?2 AND ?3 AND d.step = ?1" TIME_FILTER,
	/* A team's: its children by IN (an index lookup each), then the
	 * day's test.  The unary + keeps due_done's authority-wide range
	 * out of it. */
	[J_TIME_DONE_TEAM] =
	    "SELECT count(*), coalesce(sum(d.done_date <= d.due_date), 0)"
	    " FROM due d WHERE d.child_id IN " TEAM_CHILDREN
	    " AND d.step = ?1 AND +d.done_date IS NOT NULL"
	    " AND +d.done_date BETWEEN ?2 AND ?3" TIME_FILTER
	    " AND " HELD_BY_TEAM("d.done_date"),
	[J_TIME_OPEN_TEAM] =
	    "SELECT count(*) FROM due d WHERE d.child_id IN " TEAM_CHILDREN
	    " AND d.step = ?1 AND d.done_date IS NULL"
	    " AND +d.due_date BETWEEN ?2 AND ?3" TIME_FILTER
	    " AND " HELD_BY_TEAM("d.due_date"),
	[J__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum journey_stmt which)
{
	return store_q(st, SQLSET_JOURNEY, which);
}

/* A text column copied up to cap - 1 bytes, at a UTF-8 boundary. */
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

/* Bind text to a NOT NULL column: "" stays "". */
static void
bind_str(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

/* Bind a code, or NULL when the value has none (e.g. "not decided"). */
static void
bind_code(sqlite3_stmt *s, int i, bool has, const char *code)
{
	if (has && code != NULL)
		sqlite3_bind_text(s, i, code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* A stored code back to its value: "" is `none`; a code this build does
 * not know is refused, naming the column. */
static enum herr
code_value(int parsed, const char *code, int none, const char *column,
    int *out, struct hdiag *diag)
{
	*out = none;
	if (code[0] == '\0')
		return HERR_OK;
	if (parsed < 0)
		return hdiag_set(diag, HERR_INVALID, column, code,
		    "The stored %s \"%s\" is not one hearth knows", column,
		    code);
	*out = parsed;
	return HERR_OK;
}

static enum herr
list_done(struct store *st, sqlite3_stmt *s, int rc, const char *doing)
{
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK : sql_fail(st->db, rc, doing, NULL);
}

static enum herr
in_transaction(struct store *st)
{
	return sqlite3_get_autocommit(st->db) ? HERR_ENV : HERR_OK;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static enum herr
load_episodes(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_EPISODES);
	enum herr e = HERR_OK;
	char code[32];
	int rc, v;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cin_episode ep;
		struct referral r;

		cin_episode_init(&ep);
		memset(&r, 0, sizeof(r));
		ep.id = sqlite3_column_int64(s, 0);
		ep.version = sqlite3_column_int64(s, 1);
		ep.child_id = sqlite3_column_int64(s, 2);
		ep.referral_date = column_date(s, 3);
		col_text(s, 4, ep.referral_source, sizeof(ep.referral_source));
		col_text(s, 5, ep.primary_need, sizeof(ep.primary_need));
		ep.referral_nfa = sqlite3_column_int(s, 6) != 0;
		ep.closure_date = column_date(s, 7);
		col_text(s, 8, ep.closure_reason, sizeof(ep.closure_reason));
		r.episode_id = ep.id;
		r.version = ep.version;
		r.contact_date = column_date(s, 9);
		col_text(s, 10, r.reason, sizeof(r.reason));
		col_text(s, 11, code, sizeof(code));
		e = code_value(referral_decision_parse(code), code,
		    DECISION_NONE, "decision", &v, diag);
		r.decision = (enum referral_decision)v;
		r.decision_date = column_date(s, 12);
		if (e == HERR_OK)
			e = journey_push_episode(j, &ep, &r, diag);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "reading CIN episodes");
}

static enum herr
load_assessments(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_ASSESSMENTS);
	enum herr e = HERR_OK;
	char code[32];
	int rc, v;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct assessment a;

		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(s, 0);
		a.version = sqlite3_column_int64(s, 1);
		a.child_id = sqlite3_column_int64(s, 2);
		a.episode_id = sqlite3_column_int64(s, 3);
		a.start_date = column_date(s, 4);
		a.authorised_date = column_date(s, 5);
		col_text(s, 6, code, sizeof(code));
		e = code_value(assessment_outcome_parse(code), code,
		    ASSESS_OPEN, "outcome", &v, diag);
		a.outcome = (enum assessment_outcome)v;
		a.due_date = column_date(s, 7);
		if (e == HERR_OK)
			e = journey_push_assessment(j, &a, diag);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	if ((e = list_done(st, s, rc, "reading assessments")) != HERR_OK)
		return e;
	s = q(st, J_ASSESSMENT_FACTORS);
	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		for (int i = 0; i < j->n_assessments; i++) {
			struct assessment *a = &j->assessments[i];

			if (a->id != id)
				continue;
			if (a->n_factors == JOURNEY_FACTORS_MAX)
				e = hdiag_set(diag, HERR_INVALID, "factors",
				    "", "An assessment has more than %d "
				    "factors", JOURNEY_FACTORS_MAX);
			else
				col_text(s, 1, a->factors[a->n_factors++],
				    sizeof(a->factors[0]));
			break;
		}
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "reading assessment factors");
}

/* Step a people query (owner id, name, agency, role, staff id) into the
 * owners' arrays, found by `find`. */
static enum herr
load_people(struct store *st, sqlite3_stmt *s, struct journey *j,
    struct journey_person *(*find)(struct journey *, int64_t, int **),
    const char *doing, struct hdiag *diag)
{
	enum herr e = HERR_OK;
	int rc;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int *n = NULL;
		struct journey_person *list = find(j,
		    sqlite3_column_int64(s, 0), &n), *p;

		if (list == NULL)
			continue;
		if (*n == JOURNEY_PEOPLE_MAX) {
			e = hdiag_set(diag, HERR_INVALID, "people", "",
			    "A meeting has more than %d people",
			    JOURNEY_PEOPLE_MAX);
			break;
		}
		p = &list[(*n)++];
		memset(p, 0, sizeof(*p));
		col_text(s, 1, p->name, sizeof(p->name));
		col_text(s, 2, p->agency, sizeof(p->agency));
		col_text(s, 3, p->role, sizeof(p->role));
		p->staff_id = sqlite3_column_int64(s, 4);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, doing);
}

static struct journey_person *
strategy_people(struct journey *j, int64_t id, int **n)
{
	for (int i = 0; i < j->n_strategies; i++)
		if (j->strategies[i].id == id) {
			*n = &j->strategies[i].n_people;
			return j->strategies[i].people;
		}
	return NULL;
}

static struct journey_person *
plan_people(struct journey *j, int64_t id, int **n)
{
	for (int i = 0; i < j->n_plans; i++)
		if (j->plans[i].id == id) {
			*n = &j->plans[i].n_core_group;
			return j->plans[i].core_group;
		}
	return NULL;
}

static enum herr
load_strategies(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_STRATEGIES);
	enum herr e = HERR_OK;
	int rc;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct strategy x;

		memset(&x, 0, sizeof(x));
		x.id = sqlite3_column_int64(s, 0);
		x.version = sqlite3_column_int64(s, 1);
		x.child_id = sqlite3_column_int64(s, 2);
		x.episode_id = sqlite3_column_int64(s, 3);
		x.held_date = column_date(s, 4);
		x.s47 = sqlite3_column_int(s, 5) != 0;
		col_text(s, 6, x.note, sizeof(x.note));
		e = journey_push_strategy(j, &x, diag);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	if ((e = list_done(st, s, rc, "reading strategy discussions")) !=
	    HERR_OK)
		return e;
	return load_people(st, q(st, J_STRATEGY_PEOPLE), j, strategy_people,
	    "reading strategy discussion members", diag);
}

static enum herr
load_s47s(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_S47S);
	enum herr e = HERR_OK;
	char code[32];
	int rc, v;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct s47 x;

		memset(&x, 0, sizeof(x));
		x.id = sqlite3_column_int64(s, 0);
		x.version = sqlite3_column_int64(s, 1);
		x.child_id = sqlite3_column_int64(s, 2);
		x.episode_id = sqlite3_column_int64(s, 3);
		x.strategy_id = sqlite3_column_int64(s, 4);
		x.start_date = column_date(s, 5);
		col_text(s, 6, code, sizeof(code));
		e = code_value(s47_outcome_parse(code), code, S47_OPEN,
		    "outcome", &v, diag);
		x.outcome = (enum s47_outcome)v;
		x.outcome_date = column_date(s, 7);
		if (e == HERR_OK)
			e = journey_push_s47(j, &x, diag);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "reading section 47 enquiries");
}

/* One conference_child row (columns 7..14 of J_CONFERENCES). */
static enum herr
read_conference_child(sqlite3_stmt *s, struct conference_child *cc,
    struct hdiag *diag)
{
	char code[32];
	enum herr e;
	int v;

	memset(cc, 0, sizeof(*cc));
	cc->child_id = sqlite3_column_int64(s, 7);
	cc->s47_id = sqlite3_column_int64(s, 8);
	cc->plan_id = sqlite3_column_int64(s, 9);
	col_text(s, 10, code, sizeof(code));
	if ((e = code_value(conference_decision_parse(code), code, CDEC_PLAN,
	    "decision", &v, diag)) != HERR_OK)
		return e;
	cc->decision = (enum conference_decision)v;
	col_text(s, 11, code, sizeof(code));
	if ((e = code_value(abuse_category_parse(code), code, ABUSE_NONE,
	    "category", &v, diag)) != HERR_OK)
		return e;
	cc->category = (enum abuse_category)v;
	col_text(s, 12, code, sizeof(code));
	if ((e = code_value(plan_end_reason_parse(code), code, PLANEND_NONE,
	    "end_reason", &v, diag)) != HERR_OK)
		return e;
	cc->end_reason = (enum plan_end_reason)v;
	cc->step_down = sqlite3_column_int(s, 13) != 0;
	cc->due_date = column_date(s, 14);
	return HERR_OK;
}

static enum herr
load_conferences(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_CONFERENCES);
	struct conference *c = xcalloc(1, sizeof(*c));
	enum herr e = HERR_OK;
	char code[32];
	int rc, v;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);

		if (id != c->id) {
			if (c->id != 0 &&
			    (e = journey_push_conference(j, c, diag)) !=
			    HERR_OK)
				break;
			memset(c, 0, sizeof(*c));
			c->id = id;
			c->version = sqlite3_column_int64(s, 1);
			col_text(s, 2, code, sizeof(code));
			if ((e = code_value(conference_kind_parse(code), code,
			    CONF_INITIAL, "kind", &v, diag)) != HERR_OK)
				break;
			c->kind = (enum conference_kind)v;
			c->held_date = column_date(s, 3);
			c->notified_date = column_date(s, 4);
			c->chair_id = sqlite3_column_int64(s, 5);
			col_text(s, 6, c->note, sizeof(c->note));
		}
		if (c->n_children == CONFERENCE_CHILDREN_MAX) {
			e = hdiag_set(diag, HERR_INVALID, "children", "",
			    "A conference has more than %d children",
			    CONFERENCE_CHILDREN_MAX);
			break;
		}
		e = read_conference_child(s, &c->children[c->n_children++],
		    diag);
	}
	if (e == HERR_OK && c->id != 0)
		e = journey_push_conference(j, c, diag);
	free(c);
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "reading conferences");
}

/* There is no plan_kind_parse: plans are made here, never typed in. */
static int
plan_kind_from(const char *code)
{
	for (int k = 0; k < PLAN__COUNT; k++)
		if (strcmp(code, plan_kind_code((enum plan_kind)k)) == 0)
			return k;
	return -1;
}

static enum herr
read_plan(sqlite3_stmt *s, struct plan *p, struct hdiag *diag)
{
	char code[32], reason[32];
	enum herr e;
	int v;

	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	p->version = sqlite3_column_int64(s, 1);
	p->child_id = sqlite3_column_int64(s, 2);
	p->episode_id = sqlite3_column_int64(s, 3);
	col_text(s, 4, code, sizeof(code));
	if ((e = code_value(plan_kind_from(code), code, PLAN_CP, "kind", &v,
	    diag)) != HERR_OK)
		return e;
	p->kind = (enum plan_kind)v;
	p->start_date = column_date(s, 5);
	p->end_date = column_date(s, 6);
	p->conference_id = sqlite3_column_int64(s, 7);
	col_text(s, 8, code, sizeof(code));
	if ((e = code_value(abuse_category_parse(code), code, ABUSE_NONE,
	    "initial_category", &v, diag)) != HERR_OK)
		return e;
	p->initial_category = (enum abuse_category)v;
	col_text(s, 9, code, sizeof(code));
	if ((e = code_value(abuse_category_parse(code), code, ABUSE_NONE,
	    "latest_category", &v, diag)) != HERR_OK)
		return e;
	p->latest_category = (enum abuse_category)v;
	col_text(s, 10, reason, sizeof(reason));
	p->end_reason = PLANEND_NONE;
	if (p->kind == PLAN_CP) {
		if ((e = code_value(plan_end_reason_parse(reason), reason,
		    PLANEND_NONE, "end_reason", &v, diag)) != HERR_OK)
			return e;
		p->end_reason = (enum plan_end_reason)v;
	} else if (p->kind == PLAN_LAC)
		col_text(s, 10, p->lac_end_reason, sizeof(p->lac_end_reason));
	col_text(s, 11, p->legal_status, sizeof(p->legal_status));
	col_text(s, 12, p->placement, sizeof(p->placement));
	p->long_term = sqlite3_column_int(s, 13) != 0;
	return HERR_OK;
}

static enum herr
load_plans(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_PLANS);
	struct plan *p = xcalloc(1, sizeof(*p));
	enum herr e = HERR_OK;
	int rc;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((e = read_plan(s, p, diag)) == HERR_OK)
			e = journey_push_plan(j, p, diag);
	free(p);
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	if ((e = list_done(st, s, rc, "reading plans")) != HERR_OK)
		return e;
	return load_people(st, q(st, J_CORE_GROUPS), j, plan_people,
	    "reading core groups", diag);
}

static enum herr
load_events(struct store *st, struct journey *j, struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, J_EVENTS);
	enum herr e = HERR_OK;
	char code[32];
	int rc, v;

	sqlite3_bind_int64(s, 1, j->child.id);
	while (e == HERR_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct plan_event x;

		memset(&x, 0, sizeof(x));
		x.id = sqlite3_column_int64(s, 0);
		x.child_id = sqlite3_column_int64(s, 1);
		x.plan_id = sqlite3_column_int64(s, 2);
		col_text(s, 3, code, sizeof(code));
		e = code_value(event_kind_parse(code), code, EVENT_VISIT,
		    "kind", &v, diag);
		x.kind = (enum event_kind)v;
		x.held_date = column_date(s, 4);
		x.seen = sqlite3_column_int(s, 5) != 0;
		x.seen_alone = sqlite3_column_int(s, 6) != 0;
		col_text(s, 7, x.note, sizeof(x.note));
		x.due_date = column_date(s, 8);
		if (e == HERR_OK)
			e = journey_push_event(j, &x, diag);
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "reading visits and meetings");
}

enum herr
store_journey_load(struct store *st, int64_t child_id, struct journey *j,
    struct hdiag *diag)
{
	enum herr e;

	journey_clear(j);
	e = store_child_get(st, child_id, &j->child);
	if (e == HERR_NOTFOUND) {
		char id[24];

		snprintf(id, sizeof(id), "%lld", (long long)child_id);
		return hdiag_set(diag, HERR_NOTFOUND, "child_id", id,
		    "There is no child with id %s", id);
	}
	if (e != HERR_OK || (e = load_episodes(st, j, diag)) != HERR_OK ||
	    (e = load_assessments(st, j, diag)) != HERR_OK ||
	    (e = load_strategies(st, j, diag)) != HERR_OK ||
	    (e = load_s47s(st, j, diag)) != HERR_OK ||
	    (e = load_conferences(st, j, diag)) != HERR_OK ||
	    (e = load_plans(st, j, diag)) != HERR_OK ||
	    (e = load_events(st, j, diag)) != HERR_OK)
		return e;
	return HERR_OK;
}

/* ------------------------------------------------------------------ */
/* Writes                                                              */

/* Several rows as one: a savepoint inside the caller's transaction. */
static enum herr
savepoint(struct store *st)
{
	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	return step_done(st, q(st, J_SAVEPOINT), "starting a change", NULL);
}

/* End the savepoint: kept when e is HERR_OK, else undone; returns e. */
static enum herr
savepoint_end(struct store *st, enum herr e)
{
	if (e == HERR_OK)
		return step_done(st, q(st, J_RELEASE), "saving a change", NULL);
	(void)step_done(st, q(st, J_ROLLBACK_TO), "undoing a change", NULL);
	(void)step_done(st, q(st, J_RELEASE), "undoing a change", NULL);
	return e;
}

/* After a versioned update changed nothing: NOTFOUND if row ?1 of the
 * `which` statement's table is gone, else HERR_CONFLICT with *out (may be
 * NULL) saying who changed it. */
static enum herr
conflict_of(struct store *st, enum journey_stmt which, int64_t id,
    struct store_change *out)
{
	sqlite3_stmt *s = q(st, which);
	struct store_change tmp;
	enum herr e;

	if (out == NULL)
		out = &tmp;
	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading who changed a record")) ==
	    HERR_OK) {
		out->version = sqlite3_column_int64(s, 0);
		out->by = sqlite3_column_int64(s, 1);
		col_text(s, 2, out->by_name, sizeof(out->by_name));
		out->at = sqlite3_column_int64(s, 3);
		e = HERR_CONFLICT;
	}
	finish(s);
	return e;
}

/* Run a versioned update already bound; HERR_CONFLICT/NOTFOUND as
 * conflict_of says when it changed no row. */
static enum herr
versioned(struct store *st, sqlite3_stmt *s, enum journey_stmt changed,
    int64_t id, const char *doing, struct store_change *conflict)
{
	enum herr e;

	if (conflict != NULL)
		memset(conflict, 0, sizeof(*conflict));
	if ((e = step_done(st, s, doing, NULL)) != HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	return conflict_of(st, changed, id, conflict);
}

enum herr
store_referral_update(struct store *st, const struct referral *r,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, J_REFERRAL_UPDATE);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, r->episode_id);
	sqlite3_bind_int64(s, 2, expected);
	bind_date(s, 3, r->contact_date);
	bind_str(s, 4, r->reason);
	bind_code(s, 5, r->decision != DECISION_NONE,
	    referral_decision_code(r->decision));
	bind_date(s, 6, r->decision_date);
	bind_id(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	return versioned(st, s, J_EPISODE_CHANGED, r->episode_id,
	    "saving a referral decision", conflict);
}

/* An update of one row by id that changed nothing: NOTFOUND if the row
 * is gone, else HERR_INVALID (it was not in the state the update needs,
 * e.g. already closed). */
static enum herr
not_changed(struct store *st, enum journey_stmt changed, int64_t id)
{
	enum herr e = conflict_of(st, changed, id, NULL);

	return e == HERR_CONFLICT ? HERR_INVALID : e;
}

enum herr
store_episode_close(struct store *st, int64_t episode_id, hday closure,
    const char *reason, int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, J_EPISODE_CLOSE);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, episode_id);
	bind_date(s, 2, closure);
	bind_text(s, 3, reason);
	bind_id(s, 4, by);
	sqlite3_bind_int64(s, 5, now);
	if ((e = step_done(st, s, "closing a CIN episode", NULL)) != HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	return not_changed(st, J_EPISODE_CHANGED, episode_id);
}

static enum herr
factors_insert(struct store *st, const struct assessment *a)
{
	enum herr e = HERR_OK;

	for (int i = 0; e == HERR_OK && i < a->n_factors; i++) {
		sqlite3_stmt *s = q(st, J_FACTOR_INSERT);

		sqlite3_bind_int64(s, 1, a->id);
		bind_text(s, 2, a->factors[i]);
		e = step_done(st, s, "saving an assessment factor", NULL);
	}
	return e;
}

enum herr
store_assessment_add(struct store *st, struct assessment *a, int64_t by,
    int64_t now)
{
	sqlite3_stmt *s = q(st, J_ASSESSMENT_INSERT);
	int64_t id = a->id;
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_id(s, 1, a->child_id);
	bind_id(s, 2, a->episode_id);
	bind_date(s, 3, a->start_date);
	bind_date(s, 4, a->authorised_date);
	bind_code(s, 5, a->outcome != ASSESS_OPEN,
	    assessment_outcome_code(a->outcome));
	bind_date(s, 6, a->due_date);
	bind_id(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	if ((e = step_done(st, s, "adding an assessment", NULL)) == HERR_OK) {
		a->id = sqlite3_last_insert_rowid(st->db);
		e = factors_insert(st, a);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK) {
		a->id = id;
		return e;
	}
	a->version = 1;
	return HERR_OK;
}

enum herr
store_assessment_authorise(struct store *st, const struct assessment *a,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, J_ASSESSMENT_AUTHORISE);
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_date(s, 3, a->authorised_date);
	bind_code(s, 4, a->outcome != ASSESS_OPEN,
	    assessment_outcome_code(a->outcome));
	bind_date(s, 5, a->due_date);
	bind_id(s, 6, by);
	sqlite3_bind_int64(s, 7, now);
	e = versioned(st, s, J_ASSESSMENT_CHANGED, a->id,
	    "authorising an assessment", conflict);
	if (e == HERR_OK) {
		s = q(st, J_FACTORS_DELETE);
		sqlite3_bind_int64(s, 1, a->id);
		e = step_done(st, s, "replacing assessment factors", NULL);
	}
	if (e == HERR_OK)
		e = factors_insert(st, a);
	return savepoint_end(st, e);
}

static enum herr
people_insert(struct store *st, const char *kind, int64_t owner,
    const struct journey_person *p, int n)
{
	enum herr e = HERR_OK;

	for (int i = 0; e == HERR_OK && i < n; i++) {
		sqlite3_stmt *s = q(st, J_PERSON_INSERT);

		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, owner);
		bind_str(s, 3, p[i].name);
		bind_str(s, 4, p[i].agency);
		bind_str(s, 5, p[i].role);
		bind_id(s, 6, p[i].staff_id);
		e = step_done(st, s, "saving a person taking part", NULL);
	}
	return e;
}

enum herr
store_strategy_add(struct store *st, struct strategy *x, int64_t by,
    int64_t now)
{
	sqlite3_stmt *s = q(st, J_STRATEGY_INSERT);
	int64_t id = x->id;
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_id(s, 1, x->child_id);
	bind_id(s, 2, x->episode_id);
	bind_date(s, 3, x->held_date);
	sqlite3_bind_int(s, 4, x->s47 ? 1 : 0);
	bind_str(s, 5, x->note);
	bind_id(s, 6, by);
	sqlite3_bind_int64(s, 7, now);
	if ((e = step_done(st, s, "adding a strategy discussion", NULL)) ==
	    HERR_OK) {
		x->id = sqlite3_last_insert_rowid(st->db);
		e = people_insert(st, "strategy", x->id, x->people,
		    x->n_people);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK) {
		x->id = id;
		return e;
	}
	x->version = 1;
	return HERR_OK;
}

enum herr
store_s47_add(struct store *st, struct s47 *x, int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, J_S47_INSERT);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	bind_id(s, 1, x->child_id);
	bind_id(s, 2, x->episode_id);
	bind_id(s, 3, x->strategy_id);
	bind_date(s, 4, x->start_date);
	bind_code(s, 5, x->outcome != S47_OPEN, s47_outcome_code(x->outcome));
	bind_date(s, 6, x->outcome_date);
	bind_id(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	if ((e = step_done(st, s, "adding a section 47 enquiry", NULL)) ==
	    HERR_OK) {
		x->id = sqlite3_last_insert_rowid(st->db);
		x->version = 1;
	}
	return e;
}

enum herr
store_s47_outcome(struct store *st, const struct s47 *x, int64_t expected,
    int64_t by, int64_t now, struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, J_S47_OUTCOME);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, x->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_code(s, 3, x->outcome != S47_OPEN, s47_outcome_code(x->outcome));
	bind_date(s, 4, x->outcome_date);
	bind_id(s, 5, by);
	sqlite3_bind_int64(s, 6, now);
	return versioned(st, s, J_S47_CHANGED, x->id,
	    "recording a section 47 outcome", conflict);
}

enum herr
store_conference_add(struct store *st, struct conference *c, int64_t by,
    int64_t now)
{
	sqlite3_stmt *s = q(st, J_CONFERENCE_INSERT);
	int64_t id = c->id;
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_text(s, 1, conference_kind_code(c->kind));
	bind_date(s, 2, c->held_date);
	bind_date(s, 3, c->notified_date);
	bind_id(s, 4, c->chair_id);
	bind_str(s, 5, c->note);
	bind_id(s, 6, by);
	sqlite3_bind_int64(s, 7, now);
	if ((e = step_done(st, s, "adding a conference", NULL)) == HERR_OK)
		c->id = sqlite3_last_insert_rowid(st->db);
	for (int i = 0; e == HERR_OK && i < c->n_children; i++) {
		const struct conference_child *cc = &c->children[i];

		s = q(st, J_CONFERENCE_CHILD_INSERT);
		sqlite3_bind_int64(s, 1, c->id);
		bind_id(s, 2, cc->child_id);
		bind_id(s, 3, cc->s47_id);
		bind_id(s, 4, cc->plan_id);
		bind_text(s, 5, conference_decision_code(cc->decision));
		bind_code(s, 6, cc->category != ABUSE_NONE,
		    abuse_category_code(cc->category));
		bind_code(s, 7, cc->end_reason != PLANEND_NONE,
		    plan_end_reason_code(cc->end_reason));
		sqlite3_bind_int(s, 8, cc->step_down ? 1 : 0);
		bind_date(s, 9, cc->due_date);
		e = step_done(st, s, "adding a child to a conference", NULL);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK) {
		c->id = id;
		return e;
	}
	c->version = 1;
	return HERR_OK;
}

enum herr
store_conference_child_plan(struct store *st, int64_t conference_id,
    int64_t child_id, int64_t plan_id)
{
	sqlite3_stmt *s = q(st, J_CONFERENCE_CHILD_PLAN);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, conference_id);
	sqlite3_bind_int64(s, 2, child_id);
	bind_id(s, 3, plan_id);
	if ((e = step_done(st, s, "linking a conference to its plan",
	    NULL)) != HERR_OK)
		return e;
	return sqlite3_changes(st->db) == 1 ? HERR_OK : HERR_NOTFOUND;
}

enum herr
store_plan_add(struct store *st, struct plan *p, int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, J_PLAN_INSERT);
	int64_t id = p->id;
	const char *reason = NULL;
	enum herr e;

	if (p->kind == PLAN_CP && p->end_reason != PLANEND_NONE)
		reason = plan_end_reason_code(p->end_reason);
	else if (p->kind == PLAN_LAC)
		reason = p->lac_end_reason;
	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_id(s, 1, p->child_id);
	bind_id(s, 2, p->episode_id);
	bind_text(s, 3, plan_kind_code(p->kind));
	bind_date(s, 4, p->start_date);
	bind_date(s, 5, p->end_date);
	bind_id(s, 6, p->conference_id);
	bind_code(s, 7, p->initial_category != ABUSE_NONE,
	    abuse_category_code(p->initial_category));
	bind_code(s, 8, p->latest_category != ABUSE_NONE,
	    abuse_category_code(p->latest_category));
	bind_text(s, 9, reason);
	bind_text(s, 10, p->legal_status);
	bind_text(s, 11, p->placement);
	sqlite3_bind_int(s, 12, p->long_term ? 1 : 0);
	bind_id(s, 13, by);
	sqlite3_bind_int64(s, 14, now);
	if ((e = step_done(st, s, "adding a plan", NULL)) == HERR_OK) {
		p->id = sqlite3_last_insert_rowid(st->db);
		if (p->kind == PLAN_CP)
			e = people_insert(st, "core-group", p->id,
			    p->core_group, p->n_core_group);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK) {
		p->id = id;
		return e;
	}
	p->version = 1;
	return HERR_OK;
}

enum herr
store_plan_end(struct store *st, int64_t plan_id, hday end,
    const char *reason, int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, J_PLAN_END);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, plan_id);
	bind_date(s, 2, end);
	bind_text(s, 3, reason);
	bind_id(s, 4, by);
	sqlite3_bind_int64(s, 5, now);
	if ((e = step_done(st, s, "ending a plan", NULL)) != HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	return not_changed(st, J_PLAN_CHANGED, plan_id);
}

enum herr
store_plan_category(struct store *st, int64_t plan_id,
    enum abuse_category latest, int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, J_PLAN_CATEGORY);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, plan_id);
	bind_code(s, 2, latest != ABUSE_NONE, abuse_category_code(latest));
	bind_id(s, 3, by);
	sqlite3_bind_int64(s, 4, now);
	if ((e = step_done(st, s, "saving a plan's category", NULL)) !=
	    HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	return not_changed(st, J_PLAN_CHANGED, plan_id);
}

enum herr
store_core_group_set(struct store *st, const struct plan *p,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, J_PLAN_TOUCH);
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_id(s, 3, by);
	sqlite3_bind_int64(s, 4, now);
	e = versioned(st, s, J_PLAN_CHANGED, p->id, "saving a core group",
	    conflict);
	if (e == HERR_OK) {
		s = q(st, J_PEOPLE_DELETE);
		sqlite3_bind_text(s, 1, "core-group", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, p->id);
		e = step_done(st, s, "replacing a core group", NULL);
	}
	if (e == HERR_OK)
		e = people_insert(st, "core-group", p->id, p->core_group,
		    p->n_core_group);
	return savepoint_end(st, e);
}

enum herr
store_event_add(struct store *st, struct plan_event *x, int64_t by,
    int64_t now)
{
	sqlite3_stmt *s = q(st, J_EVENT_INSERT);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	bind_id(s, 1, x->child_id);
	bind_id(s, 2, x->plan_id);
	bind_text(s, 3, event_kind_code(x->kind));
	bind_date(s, 4, x->held_date);
	sqlite3_bind_int(s, 5, x->seen ? 1 : 0);
	sqlite3_bind_int(s, 6, x->seen && x->seen_alone ? 1 : 0);
	bind_str(s, 7, x->note);
	bind_date(s, 8, x->due_date);
	bind_id(s, 9, by);
	sqlite3_bind_int64(s, 10, now);
	if ((e = step_done(st, s, "adding a visit or meeting", NULL)) ==
	    HERR_OK)
		x->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

/* ------------------------------------------------------------------ */
/* Due items                                                           */

enum herr
store_due_replace(struct store *st, int64_t child_id,
    const struct due_item *items, int n)
{
	sqlite3_stmt *s = q(st, J_DUE_DELETE_OPEN);
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	sqlite3_bind_int64(s, 1, child_id);
	e = step_done(st, s, "replacing due items", NULL);
	for (int i = 0; e == HERR_OK && i < n; i++) {
		const struct due_item *it = &items[i];

		s = q(st, J_DUE_INSERT);
		sqlite3_bind_int64(s, 1, child_id);
		bind_text(s, 2, due_step_code(it->step));
		sqlite3_bind_int(s, 3, it->seq);
		sqlite3_bind_int64(s, 4, it->ref_id);
		bind_date(s, 5, it->from);
		bind_date(s, 6, it->due);
		bind_date(s, 7, it->done);
		bind_id(s, 8, it->done == HDAY_NONE ? 0 : it->done_id);
		e = step_done(st, s, "saving a due item", NULL);
	}
	return savepoint_end(st, e);
}

/* The settings keys of the local intervals, in struct order. */
static const char *const interval_keys[] = {
	"interval.cp-visit", "interval.core-group", "interval.cin-visit",
	"interval.cin-review",
};

static struct interval *
interval_at(struct intervals *iv, int i)
{
	struct interval *all[] = { &iv->cp_visit, &iv->core_group,
		&iv->cin_visit, &iv->cin_review };

	return all[i];
}

enum herr
store_intervals_get(struct store *st, struct intervals *iv,
    struct hdiag *diag)
{
	char buf[64];
	enum herr e;

	intervals_default(iv);
	for (int i = 0; i < 4; i++) {
		e = store_setting_get(st, interval_keys[i], buf, sizeof(buf));
		if (e == HERR_NOTFOUND)
			continue;
		if (e == HERR_INVALID)
			return hdiag_set(diag, HERR_INVALID, interval_keys[i],
			    "", "The setting %s is too long",
			    interval_keys[i]);
		if (e != HERR_OK)
			return e;
		if ((e = interval_parse(buf, interval_at(iv, i),
		    interval_keys[i], diag)) != HERR_OK)
			return e;
	}
	return HERR_OK;
}

/* Every child with a journey, into a heap array (caller frees). */
static enum herr
journey_children(struct store *st, int64_t **out, int *n)
{
	sqlite3_stmt *s = q(st, J_JOURNEY_CHILDREN);
	int rc, cap = 0;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*out = xrealloc(*out, (size_t)cap * sizeof(**out));
		}
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	return list_done(st, s, rc, "listing children with a journey");
}

/* Enough for any journey (timescale.h). */
#define DUE_ITEMS_MAX (JOURNEY_EVENTS_MAX + 4 * JOURNEY_STEPS_MAX)

enum herr
store_intervals_set(struct store *st, const struct intervals *iv)
{
	struct intervals copy = *iv;
	struct journey *j = NULL;
	struct due_item *items = NULL;
	int64_t *kids = NULL;
	char buf[48];
	int nkids = 0, n;
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	/* Only what store_intervals_get will read back. */
	for (int i = 0; i < 4; i++) {
		struct interval back;

		if (interval_parse(interval_format(interval_at(&copy, i), buf,
		    (int)sizeof(buf)), &back, interval_keys[i], NULL) != HERR_OK)
			return HERR_INVALID;
	}
	for (int i = 0; i < 4; i++)
		if ((e = store_setting_set(st, interval_keys[i],
		    interval_format(interval_at(&copy, i), buf,
		    (int)sizeof(buf)))) != HERR_OK)
			return e;
	if ((e = journey_children(st, &kids, &nkids)) != HERR_OK)
		goto out;
	j = journey_new();
	items = xmalloc(DUE_ITEMS_MAX * sizeof(*items));
	for (int i = 0; e == HERR_OK && i < nkids; i++) {
		if ((e = store_journey_load(st, kids[i], j, NULL)) == HERR_OK &&
		    (e = timescale_compute(j, iv, items, DUE_ITEMS_MAX, &n)) ==
		    HERR_OK)
			e = store_due_replace(st, kids[i], items, n);
	}
out:
	free(items);
	journey_free(j);
	free(kids);
	return e;
}

static void
read_due(sqlite3_stmt *s, struct store_due *d)
{
	char step[32];
	int v;

	memset(d, 0, sizeof(*d));
	d->item.child_id = sqlite3_column_int64(s, 0);
	col_text(s, 1, step, sizeof(step));
	v = due_step_parse(step);
	d->item.step = v < 0 ? STEP_DECISION : (enum due_step)v;
	d->item.seq = sqlite3_column_int(s, 2);
	d->item.ref_id = sqlite3_column_int64(s, 3);
	d->item.from = column_date(s, 4);
	d->item.due = column_date(s, 5);
	d->item.done = column_date(s, 6);
	d->item.done_id = sqlite3_column_int64(s, 7);
	col_text(s, 8, d->child_name, sizeof(d->child_name));
	col_text(s, 9, d->la_child_id, sizeof(d->la_child_id));
	d->worker_id = sqlite3_column_int64(s, 10);
	col_text(s, 11, d->worker_name, sizeof(d->worker_name));
}

enum herr
store_due_each(struct store *st, const struct due_filter *f,
    enum herr (*fn)(void *arg, const struct store_due *d), void *arg)
{
	enum journey_stmt which;
	sqlite3_stmt *s;
	struct store_due d;
	enum herr e = HERR_OK;
	hday today = f->today == HDAY_NONE ? hdate_today() : f->today;
	int rc;

	/* Start from the narrowest set the filter names. */
	if (f->team_id > 0)
		which = J_DUE_TEAM;
	else if (f->worker_id > 0)
		which = J_DUE_WORKER;
	else if (f->child_id > 0)
		which = J_DUE_CHILD;
	else
		which = J_DUE_ALL;
	s = q(st, which);
	if (which == J_DUE_TEAM)
		sqlite3_bind_int64(s, 1, f->team_id);
	else if (which == J_DUE_WORKER)
		sqlite3_bind_int64(s, 1, f->worker_id);
	bind_date(s, 2, today);
	if (f->until == HDAY_NONE)
		sqlite3_bind_text(s, 3, "9999-12-31", -1, SQLITE_STATIC);
	else
		bind_date(s, 3, f->until);
	if (which == J_DUE_TEAM || which == J_DUE_WORKER)
		sqlite3_bind_int64(s, 4, f->worker_id > 0 ? f->worker_id : 0);
	if (which != J_DUE_ALL)
		sqlite3_bind_int64(s, 5, f->child_id > 0 ? f->child_id : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_due(s, &d);
		if ((e = fn(arg, &d)) != HERR_OK)
			break;
	}
	if (e != HERR_OK) {
		finish(s);
		return e;
	}
	return list_done(st, s, rc, "listing due items");
}

struct due_collect {
	struct store_due *out;
	int cap, n, total;
};

static enum herr
due_collect(void *arg, const struct store_due *d)
{
	struct due_collect *c = arg;

	if (c->n < c->cap)
		c->out[c->n++] = *d;
	c->total++;
	return HERR_OK;
}

enum herr
store_due_list(struct store *st, const struct due_filter *f,
    struct store_due *out, int cap, int *n, int *total)
{
	struct due_collect c = { out, cap < 0 ? 0 : cap, 0, 0 };
	enum herr e = store_due_each(st, f, due_collect, &c);

	*n = c.n;
	*total = c.total;
	return e;
}

/* The timeliness page's rows, in its order: step, first only, CP only. */
static const struct {
	enum due_step step;
	int first_only, cp_only;
} timeliness_rows[TIMELINESS_ROWS] = {
	{ STEP_ASSESSMENT, 0, 0 },	/* WT2023: 45 working days */
	{ STEP_ICPC, 0, 0 },		/* WT2023: 15 working days */
	{ STEP_CORE_GROUP, 1, 0 },	/* WT2023: first within 10 */
	{ STEP_RCPC, 0, 0 },
	{ STEP_VISIT, 0, 1 },		/* CP visits only */
	{ STEP_CIN_REVIEW, 0, 0 },
	{ STEP_LAC_REVIEW, 0, 0 },	/* CPPCR 2010 reg 33 */
	{ STEP_LAC_VISIT, 0, 0 },	/* CPPCR 2010 reg 28 */
};

static enum herr
time_query(struct store *st, enum journey_stmt which, int row,
    int64_t team_id, hday from, hday to, int *a, int *b)
{
	sqlite3_stmt *s = q(st, which);
	enum herr e;

	bind_text(s, 1, due_step_code(timeliness_rows[row].step));
	bind_date(s, 2, from);
	bind_date(s, 3, to);
	sqlite3_bind_int(s, 4, timeliness_rows[row].first_only);
	sqlite3_bind_int(s, 5, timeliness_rows[row].cp_only);
	bind_id(s, 6, team_id);
	if ((e = step_row(st, s, "counting timeliness")) == HERR_OK) {
		*a = sqlite3_column_int(s, 0);
		if (b != NULL)
			*b = sqlite3_column_int(s, 1);
	}
	finish(s);
	return e;
}

enum herr
store_timeliness(struct store *st, int64_t team_id, hday from, hday to,
    hday today, struct timeliness_row out[TIMELINESS_ROWS])
{
	/* An open item is overdue only from the day after it was due. */
	hday overdue_to = to < today - 1 ? to : today - 1;
	enum journey_stmt done = team_id > 0 ? J_TIME_DONE_TEAM : J_TIME_DONE;
	enum journey_stmt open = team_id > 0 ? J_TIME_OPEN_TEAM : J_TIME_OPEN;
	enum herr e;

	for (int i = 0; i < TIMELINESS_ROWS; i++) {
		struct timeliness_row *r = &out[i];

		memset(r, 0, sizeof(*r));
		r->step = timeliness_rows[i].step;
		r->first_only = timeliness_rows[i].first_only;
		if ((e = time_query(st, done, i, team_id, from, to, &r->done,
		    &r->on_time)) != HERR_OK ||
		    (e = time_query(st, open, i, team_id, from, overdue_to,
		    &r->open_overdue, NULL)) != HERR_OK)
			return e;
	}
	return HERR_OK;
}
