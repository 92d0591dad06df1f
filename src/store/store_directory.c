/*
 * store_directory.c: the SQLite side of store_directory.h: work lists,
 * search candidates, teams and caseloads, break-glass reviews, and the
 * staff administration reads and writes the web pages need.
 *
 * Decides nothing about access: every list of children is a list of
 * candidates that the caller passes through core/access before showing a
 * row.  Search text reaches SQL only as bound parameters; LIKE wildcards in
 * it are escaped, so "a_b" finds "a_b", not "axb".  Searches are narrowed
 * to the children the searcher is linked to (LINKED below), which is what
 * keeps them fast on a large authority.
 */
#include <stdio.h>
#include <string.h>

#include "store/store_directory.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum dir_stmt {
	D_MY_CHILDREN,
	D_SHARED_CHILDREN,
	D_TEAM_CASELOAD,
	D_SEARCH_WORD,
	D_SEARCH_WORDS,
	D_SEARCH_DOB,
	D_SEARCH_CONTAINS,
	D_GLASS_MANAGER,
	D_GLASS_ONE,
	D_GLASS_REVIEW,
	D_TEAMS,
	D_TEAM_GET,
	D_TEAM_MEMBERS,
	D_STAFF_TEAMS,
	D_IS_MEMBER,
	D_MEMBER_END,
	D_AGENCIES,
	D_STAFF_CHANGED,
	D_STAFF_UPDATE,
	D_STAFF_SET_ACTIVE,
	D_CRED_STATE,
	D__COUNT
};

/* "Current on ?n": started by then and not ended before it. */
#define ON_DAY(t, n) \
	"(" t ".start_date <= ?" n " AND (" t ".end_date IS NULL OR " t \
	".end_date >= ?" n "))"

/* A household member on ?n (a membership may have no start date). */
#define LIVES_ON(t, n) \
	"((" t ".start_date IS NULL OR " t ".start_date <= ?" n ") AND (" t \
	".end_date IS NULL OR " t ".end_date >= ?" n "))"

/* The columns every list of children reads (child_read), then since,
 * household id and name, worker id and names. */
#define CHILD_COLS \
	"p.id, p.given_name, p.family_name, c.la_child_id, p.birth_date," \
	" c.expected_birth_date," \
	" EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = p.id)"
#define NO_EXTRA_COLS ", NULL, NULL, NULL, NULL, NULL, NULL"
#define BY_NAME \
	" ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE," \
	" p.id"

/*
 * The children allocated on ?2 through allocations `a` already joined and
 * filtered: direct ones, and the current child members of allocated
 * households.  Columns: staff, child, since, household.
 */
#define ALLOCATED_CHILDREN(join, where) \
	"SELECT a.staff_id AS sid, a.child_id AS cid, a.start_date AS since," \
	" NULL AS hid FROM allocation a " join " WHERE a.child_id IS NOT NULL" \
	" AND " ON_DAY("a", "2") " AND " where \
	" UNION ALL SELECT a.staff_id, hm.person_id, a.start_date," \
	" a.household_id FROM allocation a " join \
	" JOIN household_member hm ON hm.household_id = a.household_id AND " \
	LIVES_ON("hm", "2") \
	" WHERE a.household_id IS NOT NULL AND " ON_DAY("a", "2") " AND " where

/* Rows of (sid, cid, since, hid) grouped into one row per child (and per
 * worker when `per_worker`). */
#define CHILD_ROWS(rows, group) \
	"SELECT " CHILD_COLS ", min(x.since), max(x.hid), max(h.name)," \
	" x.sid, s.given_name, s.family_name FROM (" rows ") x" \
	" JOIN child c ON c.person_id = x.cid JOIN person p ON p.id = x.cid" \
	" JOIN staff s ON s.id = x.sid" \
	" LEFT JOIN household h ON h.id = x.hid GROUP BY " group BY_NAME \
	", s.family_name, s.given_name LIMIT ?3"

/* The same as store_auth.c's team_allocated fact for child `g.child_id`
 * and staff ?1 on ?2: a current allocation (of the child or a household it
 * lives in) to a current member of one of ?1's current teams. */
#define TEAM_HOLDS_CHILD \
	"EXISTS (SELECT 1 FROM allocation a" \
	" JOIN team_member tm ON tm.staff_id = a.staff_id AND " \
	ON_DAY("tm", "2") \
	" JOIN team_member me ON me.team_id = tm.team_id AND me.staff_id = ?1" \
	" AND " ON_DAY("me", "2") " WHERE " ON_DAY("a", "2") \
	" AND (a.child_id = g.child_id OR a.household_id IN" \
	" (SELECT hm.household_id FROM household_member hm" \
	" WHERE hm.person_id = g.child_id AND (hm.end_date IS NULL OR" \
	" hm.end_date >= ?2))))"

/*
 * The children staff ?20 is linked to on ?21: allocated (directly, or
 * through a household the child lives in) to them or to a current member
 * of one of their current teams, or shared with their agency ?22.  These
 * are the relationships store_access_facts reads and the only ones on
 * which access_child allows anything, so narrowing a search to them never
 * hides a child the searcher may open; access_child still decides every
 * row.
 *
 * Searches start from this set rather than from the COLLATE NOCASE name
 * indexes of schema 4.  Measured on the 100,000-child demo (a team
 * manager with a 350-child team caseload): walking the indexes costs what
 * the name's commonness costs, 12 ms for "smi" and 50-75 ms for "s"
 * (20,000 index entries), before any access check; starting from the
 * searcher's linked children costs 2-5 ms whatever the name.  And without
 * the narrowing a common name ("Ahmed": 1,650 children) fills any
 * candidate limit with strangers' children, each needing an access check
 * (about 0.5 ms each there), so the searcher's own may never be reached.
 */
#define LINKED_STAFF \
	"(SELECT ?20 UNION SELECT tm.staff_id FROM team_member me" \
	" JOIN team_member tm ON tm.team_id = me.team_id AND " \
	ON_DAY("tm", "21") " WHERE me.staff_id = ?20 AND " ON_DAY("me", "21") \
	")"
#define LINKED \
	"SELECT a.child_id FROM allocation a WHERE a.staff_id IN " \
	LINKED_STAFF " AND a.child_id IS NOT NULL AND " ON_DAY("a", "21") \
	" UNION SELECT hm.person_id FROM allocation a" \
	" JOIN household_member hm ON hm.household_id = a.household_id" \
	" AND (hm.end_date IS NULL OR hm.end_date >= ?21)" \
	" WHERE a.staff_id IN " LINKED_STAFF " AND a.household_id IS NOT NULL" \
	" AND " ON_DAY("a", "21") \
	" UNION SELECT sh.child_id FROM record_share sh WHERE" \
	" sh.agency_id = ?22 AND " ON_DAY("sh", "21")

#define GLASS_COLS \
	"SELECT g.id, g.staff_id, s.given_name || ' ' || s.family_name," \
	" g.child_id, p.given_name || ' ' || p.family_name, g.reason, g.at," \
	" g.expires, coalesce(g.reviewed_by, 0), coalesce(rv.given_name ||" \
	" ' ' || rv.family_name, ''), coalesce(g.reviewed_at, 0)" \
	" FROM break_glass g JOIN staff s ON s.id = g.staff_id" \
	" JOIN person p ON p.id = g.child_id" \
	" LEFT JOIN staff rv ON rv.id = g.reviewed_by"

#define MEMBER_COLS \
	"SELECT tm.id, t.id, t.name, t.kind, s.id, s.username," \
	" s.given_name || ' ' || s.family_name, s.role, s.active," \
	" tm.start_date, tm.end_date FROM team_member tm" \
	" JOIN team t ON t.id = tm.team_id JOIN staff s ON s.id = tm.staff_id"

const char *const store_directory_sql[D__COUNT + 1] = {
	/* ?1 staff, ?2 today, ?3 limit */
	[D_MY_CHILDREN] = CHILD_ROWS(ALLOCATED_CHILDREN("", "a.staff_id = ?1"),
	    "p.id"),
	/* ?1 agency, ?2 today, ?3 limit.  A share names no worker. */
	[D_SHARED_CHILDREN] =
	    "SELECT " CHILD_COLS ", min(sh.start_date), NULL, NULL, NULL,"
	    " NULL, NULL FROM record_share sh"
	    " JOIN child c ON c.person_id = sh.child_id"
	    " JOIN person p ON p.id = sh.child_id"
	    " WHERE sh.agency_id = ?1 AND " ON_DAY("sh", "2")
	    " GROUP BY p.id" BY_NAME " LIMIT ?3",
	/* ?1 team, ?2 today, ?3 limit */
	[D_TEAM_CASELOAD] = CHILD_ROWS(ALLOCATED_CHILDREN(
	    "JOIN team_member tm ON tm.staff_id = a.staff_id AND"
	    " tm.team_id = ?1 AND " ON_DAY("tm", "2"), "1"), "p.id, x.sid"),
	/*
	 * One word: ?1 a name prefix pattern; LA child ids from ?2 to ?3 and
	 * from ?4 to ?5 (as typed and in capitals; see la_range); ?6 a UPN
	 * in capitals; ?7 limit.  Driven from LINKED (?20..?22), the
	 * searcher's own children; see the note above LINKED for why not
	 * from the name indexes.
	 */
	[D_SEARCH_WORD] =
	    "SELECT " CHILD_COLS NO_EXTRA_COLS " FROM child c"
	    " JOIN person p ON p.id = c.person_id"
	    " WHERE c.person_id IN (" LINKED ")"
	    " AND (p.family_name LIKE ?1 ESCAPE '\\'"
	    " OR p.given_name LIKE ?1 ESCAPE '\\'"
	    " OR c.la_child_id BETWEEN ?2 AND ?3"
	    " OR c.la_child_id BETWEEN ?4 AND ?5 OR c.upn = ?6)" BY_NAME
	    " LIMIT ?7",
	/* Several words: family ?1 and given ?2, or family ?3 and given ?4
	 * (prefix patterns); ?5 limit.  The unary + keeps the planner from
	 * walking a name index (all of a common name) instead of LINKED. */
	[D_SEARCH_WORDS] =
	    "SELECT " CHILD_COLS NO_EXTRA_COLS " FROM child c"
	    " JOIN person p ON p.id = c.person_id"
	    " WHERE c.person_id IN (" LINKED ")"
	    " AND ((+p.family_name LIKE ?1 ESCAPE '\\'"
	    " AND +p.given_name LIKE ?2 ESCAPE '\\')"
	    " OR (+p.family_name LIKE ?3 ESCAPE '\\'"
	    " AND +p.given_name LIKE ?4 ESCAPE '\\'))" BY_NAME " LIMIT ?5",
	/*
	 * A date of birth ?1 (the index narrows to a few dozen rows), and
	 * within them one word ?2 anywhere in a name, ?3 an LA child id
	 * prefix pattern, ?4 a UPN; or several words as above in ?5..?8.
	 * ?9 limit.
	 */
	[D_SEARCH_DOB] =
	    "SELECT " CHILD_COLS NO_EXTRA_COLS " FROM person p"
	    " JOIN child c ON c.person_id = p.id WHERE p.birth_date = ?1"
	    " AND (?2 IS NULL OR p.family_name LIKE ?2 ESCAPE '\\'"
	    " OR p.given_name LIKE ?2 ESCAPE '\\'"
	    " OR c.la_child_id LIKE ?3 ESCAPE '\\' OR c.upn = ?4)"
	    " AND (?5 IS NULL OR (p.family_name LIKE ?5 ESCAPE '\\'"
	    " AND p.given_name LIKE ?6 ESCAPE '\\')"
	    " OR (p.family_name LIKE ?7 ESCAPE '\\'"
	    " AND p.given_name LIKE ?8 ESCAPE '\\'))"
	    " AND c.person_id IN (" LINKED ")" BY_NAME " LIMIT ?9",
	/* One word ?1 ("%w%") inside a name but not at its start ?2
	 * ("w%"), at most ?3: no index helps, but LINKED keeps it to the
	 * searcher's few hundred children rather than a scan of them all. */
	[D_SEARCH_CONTAINS] =
	    "SELECT " CHILD_COLS NO_EXTRA_COLS " FROM person p"
	    " JOIN child c ON c.person_id = p.id"
	    " WHERE (p.family_name LIKE ?1 ESCAPE '\\'"
	    " OR p.given_name LIKE ?1 ESCAPE '\\')"
	    " AND NOT (p.family_name LIKE ?2 ESCAPE '\\'"
	    " OR p.given_name LIKE ?2 ESCAPE '\\')"
	    " AND c.person_id IN (" LINKED ")" BY_NAME " LIMIT ?3",
	/* ?1 manager, ?2 today, ?3 limit */
	[D_GLASS_MANAGER] =
	    GLASS_COLS " WHERE " TEAM_HOLDS_CHILD
	    " ORDER BY g.reviewed_at IS NOT NULL, g.at DESC, g.id DESC"
	    " LIMIT ?3",
	/* ?1 manager, ?2 today, ?3 id */
	[D_GLASS_ONE] = GLASS_COLS " WHERE g.id = ?3 AND " TEAM_HOLDS_CHILD,
	[D_GLASS_REVIEW] =
	    "UPDATE break_glass SET reviewed_by = ?2, reviewed_at = ?3"
	    " WHERE id = ?1 AND reviewed_at IS NULL",
	/* ?1 today, ?2 staff or NULL for every team */
	[D_TEAMS] =
	    "SELECT t.id, t.version, t.name, t.kind,"
	    " (SELECT count(DISTINCT tm.staff_id) FROM team_member tm"
	    "  WHERE tm.team_id = t.id AND " ON_DAY("tm", "1") ")"
	    " FROM team t WHERE ?2 IS NULL OR EXISTS (SELECT 1 FROM"
	    " team_member me WHERE me.team_id = t.id AND me.staff_id = ?2"
	    " AND " ON_DAY("me", "1") ") ORDER BY t.name COLLATE NOCASE",
	[D_TEAM_GET] = "SELECT id, version, name, kind FROM team WHERE id = ?1",
	/* ?1 team, ?2 today */
	[D_TEAM_MEMBERS] =
	    MEMBER_COLS " WHERE tm.team_id = ?1 AND (tm.end_date IS NULL OR"
	    " tm.end_date >= ?2) ORDER BY s.family_name COLLATE NOCASE,"
	    " s.given_name COLLATE NOCASE, tm.start_date, tm.id",
	/* ?1 staff, ?2 today or NULL for every membership */
	[D_STAFF_TEAMS] =
	    MEMBER_COLS " WHERE tm.staff_id = ?1 AND (?2 IS NULL OR "
	    ON_DAY("tm", "2") ") ORDER BY tm.end_date IS NOT NULL,"
	    " t.name COLLATE NOCASE, tm.start_date DESC",
	/* ?1 team, ?2 staff, ?3 today */
	[D_IS_MEMBER] =
	    "SELECT EXISTS (SELECT 1 FROM team_member WHERE team_id = ?1"
	    " AND staff_id = ?2 AND (end_date IS NULL OR end_date >= ?3))",
	/* ?1 team, ?2 membership, ?3 day (ISO dates compare as text) */
	[D_MEMBER_END] =
	    "UPDATE team_member SET end_date = max(?3, start_date)"
	    " WHERE id = ?2 AND team_id = ?1 AND end_date IS NULL",
	[D_AGENCIES] =
	    "SELECT id, name, kind FROM agency ORDER BY name COLLATE NOCASE",
	[D_STAFF_CHANGED] =
	    "SELECT s.version, coalesce(s.updated_at, 0),"
	    " coalesce(u.given_name || ' ' || u.family_name, '')"
	    " FROM staff s LEFT JOIN staff u ON u.id = s.updated_by"
	    " WHERE s.id = ?1",
	[D_STAFF_UPDATE] =
	    "UPDATE staff SET given_name = ?3, family_name = ?4, email = ?5,"
	    " role = ?6, version = version + 1, updated_by = ?7,"
	    " updated_at = ?8 WHERE id = ?1 AND version = ?2",
	[D_STAFF_SET_ACTIVE] =
	    "UPDATE staff SET active = ?2, version = version + 1,"
	    " updated_by = ?3, updated_at = ?4 WHERE id = ?1",
	[D_CRED_STATE] =
	    "SELECT totp_enrolled FROM credential WHERE staff_id = ?1",
	[D__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum dir_stmt which)
{
	return store_q(st, SQLSET_DIRECTORY, which);
}

/* Step a bound write that should change one row: `none` when it changed
 * nothing (no such row, or not in the state it must be in). */
static enum herr
write_one(struct store *st, sqlite3_stmt *s, const char *doing,
    enum herr none)
{
	enum herr e = step_done(st, s, doing, NULL);

	if (e == HERR_OK && sqlite3_changes(st->db) == 0)
		e = none;
	return e;
}

/* ------------------------------------------------------------ children */

/* Read the child row `s` is on (CHILD_COLS and the six after them). */
static void
child_read(sqlite3_stmt *s, struct dir_child *c)
{
	char given[PERSON_NAME_MAX + 1], family[PERSON_NAME_MAX + 1];

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(s, 0);
	column_copy(s, 1, c->given_name, sizeof(c->given_name));
	column_copy(s, 2, c->family_name, sizeof(c->family_name));
	column_copy(s, 3, c->la_child_id, sizeof(c->la_child_id));
	c->birth_date = column_date(s, 4);
	c->expected_birth_date = column_date(s, 5);
	c->restricted = sqlite3_column_int(s, 6) != 0;
	c->since = column_date(s, 7);
	c->household_id = sqlite3_column_int64(s, 8);
	column_copy(s, 9, c->household, sizeof(c->household));
	c->worker_id = sqlite3_column_int64(s, 10);
	column_copy(s, 11, given, sizeof(given));
	column_copy(s, 12, family, sizeof(family));
	if (c->worker_id > 0)
		snprintf(c->worker, sizeof(c->worker), "%s %s", given, family);
}

/* Step a bound list of children into fn; resets `s`. */
static enum herr
each_child(struct store *st, sqlite3_stmt *s, dir_child_fn fn, void *ctx,
    int *scanned, const char *doing)
{
	struct dir_child c;
	int rc, k = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		child_read(s, &c);
		k++;
		if (!fn(&c, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	if (scanned != NULL)
		*scanned = k;
	return rc == SQLITE_DONE ? HERR_OK : sql_fail(st->db, rc, doing, NULL);
}

static enum herr
child_list(struct store *st, enum dir_stmt which, int64_t id, hday today,
    int limit, dir_child_fn fn, void *ctx, const char *doing)
{
	sqlite3_stmt *s = q(st, which);

	sqlite3_bind_int64(s, 1, id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, limit);
	return each_child(st, s, fn, ctx, NULL, doing);
}

enum herr
store_dir_my_children(struct store *st, int64_t staff_id, hday today,
    int limit, dir_child_fn fn, void *ctx)
{
	return child_list(st, D_MY_CHILDREN, staff_id, today, limit, fn, ctx,
	    "listing your work");
}

enum herr
store_dir_shared_children(struct store *st, int64_t agency_id, hday today,
    int limit, dir_child_fn fn, void *ctx)
{
	return child_list(st, D_SHARED_CHILDREN, agency_id, today, limit, fn,
	    ctx, "listing shared records");
}

enum herr
store_dir_team_caseload(struct store *st, int64_t team_id, hday today,
    int limit, dir_child_fn fn, void *ctx)
{
	return child_list(st, D_TEAM_CASELOAD, team_id, today, limit, fn, ctx,
	    "listing a team's caseload");
}

/* ------------------------------------------------------------ search */

/* Room for a word of the query as a LIKE pattern: every byte escaped,
 * a wildcard either side, the NUL. */
#define PATTERN_MAX (2 * DIR_SEARCH_TEXT + 3)

/*
 * `w` (n bytes) as a LIKE pattern with '\' as the escape character:
 * "%" before it when `contains`, "%" after it always.
 */
static void
like_pattern(char out[PATTERN_MAX], const char *w, size_t n, bool contains)
{
	size_t k = 0;

	if (contains)
		out[k++] = '%';
	for (size_t i = 0; i < n && k + 3 < PATTERN_MAX; i++) {
		if (w[i] == '%' || w[i] == '_' || w[i] == '\\')
			out[k++] = '\\';
		out[k++] = w[i];
	}
	out[k++] = '%';
	out[k] = '\0';
}

static char
upper(char ch)
{
	return ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
}

/* `w` in capitals into out (cap bytes) when every byte is in `allowed`
 * classes (letters and digits, and '-' when `hyphen`) and it is 1 to
 * max bytes long; else false. */
static bool
code_upper(const char *w, size_t n, size_t max, bool hyphen, char *out,
    size_t cap)
{
	if (n == 0 || n > max || n >= cap)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = w[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || (hyphen && ch == '-')))
			return false;
		out[i] = upper(ch);
	}
	out[n] = '\0';
	return true;
}

/*
 * Bind parameters i and i + 1 to the range of LA child ids a word `id`
 * finds: those starting with it when it has a digit, else only itself.
 * LA child ids are letters, digits and hyphens (8500), so every id
 * starting with X sorts at or before X || '~'.  Requiring a digit for a
 * prefix keeps "d" from finding every "D0000123" in the authority while
 * "D00001" finds the ids it begins.
 */
static void
la_range(sqlite3_stmt *s, int i, const char *id)
{
	char hi[CHILD_ID_MAX + 2];

	sqlite3_bind_text(s, i, id, -1, SQLITE_TRANSIENT);
	if (strpbrk(id, "0123456789") != NULL) {
		snprintf(hi, sizeof(hi), "%s~", id);
		sqlite3_bind_text(s, i + 1, hi, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_text(s, i + 1, id, -1, SQLITE_TRANSIENT);
}

struct words {
	const char *w[DIR_SEARCH_WORDS];
	size_t n[DIR_SEARCH_WORDS];
	int count;
};

/* Split on spaces and tabs; words past the last allowed join the last. */
static void
split_words(const char *s, struct words *ws)
{
	const char *p = s;

	memset(ws, 0, sizeof(*ws));
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (ws->count == DIR_SEARCH_WORDS) {
			/* Extend the last word to the end of the text. */
			size_t end = strlen(p);

			while (end > 0 && (p[end - 1] == ' ' ||
			    p[end - 1] == '\t'))
				end--;
			ws->n[ws->count - 1] = (size_t)(p + end -
			    ws->w[ws->count - 1]);
			break;
		}
		ws->w[ws->count] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		ws->n[ws->count] = (size_t)(p - ws->w[ws->count]);
		ws->count++;
	}
}

/* Bind parameters i and i + 1 to the one word inside a name ("%w%") and
 * at its start ("w%"). */
static void
bind_word(sqlite3_stmt *s, int i, const struct words *ws)
{
	char inside[PATTERN_MAX], start[PATTERN_MAX];

	like_pattern(inside, ws->w[0], ws->n[0], true);
	like_pattern(start, ws->w[0], ws->n[0], false);
	sqlite3_bind_text(s, i, inside, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, i + 1, start, -1, SQLITE_TRANSIENT);
}

/*
 * For several words, bind parameters i to i + 3 to the two readings of a
 * name: the first word as the family name and the rest as the given
 * names, or the last word as the family name and the rest as the given
 * names ("Smith Mary Ann", "Mary Ann Smith").  Both as prefix patterns.
 */
static void
bind_readings(sqlite3_stmt *s, int i, const struct words *ws)
{
	char fam_a[PATTERN_MAX], given_a[PATTERN_MAX];
	char fam_b[PATTERN_MAX], given_b[PATTERN_MAX];
	int last = ws->count - 1;
	const char *rest_start = ws->w[1];
	size_t rest_len = (size_t)(ws->w[last] + ws->n[last] - rest_start);
	size_t init_len = (size_t)(ws->w[last - 1] + ws->n[last - 1] -
	    ws->w[0]);

	like_pattern(fam_a, ws->w[0], ws->n[0], false);
	like_pattern(given_a, rest_start, rest_len, false);
	like_pattern(fam_b, ws->w[last], ws->n[last], false);
	like_pattern(given_b, ws->w[0], init_len, false);
	sqlite3_bind_text(s, i, fam_a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, i + 1, given_a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, i + 2, fam_b, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, i + 3, given_b, -1, SQLITE_TRANSIENT);
}

/* Bind the searcher to LINKED's parameters. */
static void
bind_linked(sqlite3_stmt *s, const struct dir_search *qy)
{
	sqlite3_bind_int64(s, 20, qy->staff_id);
	bind_date(s, 21, qy->today);
	sqlite3_bind_int64(s, 22, qy->agency_id);
}

enum herr
store_dir_search(struct store *st, const struct dir_search *qy,
    enum dir_search_pass pass, int limit, dir_child_fn fn, void *ctx,
    int *scanned)
{
	char pat[PATTERN_MAX], la[CHILD_ID_MAX + 1];
	char la_up[CHILD_ID_MAX + 1], upn[14];
	bool has_dob = qy->birth_date != HDAY_NONE;
	struct words ws;
	sqlite3_stmt *s;
	int limit_at;		/* the statement's limit parameter */

	if (scanned != NULL)
		*scanned = 0;
	split_words(qy->text, &ws);
	if (ws.count == 0 && !has_dob)
		return HERR_OK;
	if (pass == DIR_SEARCH_CONTAINS) {
		if (ws.count != 1 || has_dob)
			return HERR_OK;
		s = q(st, D_SEARCH_CONTAINS);
		bind_word(s, 1, &ws);
		limit_at = 3;
	} else if (has_dob) {
		s = q(st, D_SEARCH_DOB);
		bind_date(s, 1, qy->birth_date);
		if (ws.count == 1) {
			bind_word(s, 2, &ws);
			if (ws.n[0] == 13 && code_upper(ws.w[0], ws.n[0], 13,
			    false, upn, sizeof(upn)))
				sqlite3_bind_text(s, 4, upn, -1,
				    SQLITE_TRANSIENT);
		} else if (ws.count > 1)
			bind_readings(s, 5, &ws);
		limit_at = 9;
	} else if (ws.count == 1) {
		s = q(st, D_SEARCH_WORD);
		like_pattern(pat, ws.w[0], ws.n[0], false);
		sqlite3_bind_text(s, 1, pat, -1, SQLITE_TRANSIENT);
		/* Not an LA child id or UPN in shape: those arms stay NULL
		 * and find nothing. */
		if (code_upper(ws.w[0], ws.n[0], CHILD_ID_MAX, true, la_up,
		    sizeof(la_up))) {
			memcpy(la, ws.w[0], ws.n[0]);
			la[ws.n[0]] = '\0';
			la_range(s, 2, la);
			la_range(s, 4, la_up);
		}
		if (ws.n[0] == 13 && code_upper(ws.w[0], ws.n[0], 13, false,
		    upn, sizeof(upn)))
			sqlite3_bind_text(s, 6, upn, -1, SQLITE_TRANSIENT);
		limit_at = 7;
	} else {
		s = q(st, D_SEARCH_WORDS);
		bind_readings(s, 1, &ws);
		limit_at = 5;
	}
	sqlite3_bind_int(s, limit_at, limit);
	bind_linked(s, qy);
	return each_child(st, s, fn, ctx, scanned, "searching");
}

/* ------------------------------------------------------------ break-glass */

static void
glass_read(sqlite3_stmt *s, struct dir_glass *g)
{
	memset(g, 0, sizeof(*g));
	g->id = sqlite3_column_int64(s, 0);
	g->staff_id = sqlite3_column_int64(s, 1);
	column_copy(s, 2, g->staff, sizeof(g->staff));
	g->child_id = sqlite3_column_int64(s, 3);
	column_copy(s, 4, g->child, sizeof(g->child));
	column_copy(s, 5, g->reason, sizeof(g->reason));
	g->at = sqlite3_column_int64(s, 6);
	g->expires = sqlite3_column_int64(s, 7);
	g->reviewed_by = sqlite3_column_int64(s, 8);
	column_copy(s, 9, g->reviewer, sizeof(g->reviewer));
	g->reviewed_at = sqlite3_column_int64(s, 10);
}

enum herr
store_dir_glass_for_manager(struct store *st, int64_t manager_id, hday today,
    int limit, bool (*fn)(const struct dir_glass *g, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q(st, D_GLASS_MANAGER);
	struct dir_glass g;
	int rc;

	sqlite3_bind_int64(s, 1, manager_id);
	bind_date(s, 2, today);
	sqlite3_bind_int(s, 3, limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		glass_read(s, &g);
		if (!fn(&g, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing break-glass reviews", NULL);
}

enum herr
store_dir_glass_get(struct store *st, int64_t manager_id, hday today,
    int64_t id, struct dir_glass *out)
{
	sqlite3_stmt *s = q(st, D_GLASS_ONE);
	enum herr e;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, manager_id);
	bind_date(s, 2, today);
	sqlite3_bind_int64(s, 3, id);
	if ((e = step_row(st, s, "reading a break-glass grant")) == HERR_OK)
		glass_read(s, out);
	finish(s);
	return e;
}

enum herr
store_dir_glass_review(struct store *st, int64_t id, int64_t reviewer_id,
    int64_t now)
{
	sqlite3_stmt *s = q(st, D_GLASS_REVIEW);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, reviewer_id);
	sqlite3_bind_int64(s, 3, now);
	return write_one(st, s, "reviewing a break-glass grant",
	    HERR_CONFLICT);
}

/* ------------------------------------------------------------ teams */

/* Read team columns id, version, name, kind starting at column `at`. */
static void
team_read(sqlite3_stmt *s, int at, struct team *t)
{
	char kind[32];

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(s, at);
	t->version = sqlite3_column_int64(s, at + 1);
	column_copy(s, at + 2, t->name, sizeof(t->name));
	column_copy(s, at + 3, kind, sizeof(kind));
	if (team_kind_parse(kind, &t->kind, "kind", NULL) != HERR_OK)
		t->kind = TEAM_OTHER;
}

enum herr
store_dir_teams(struct store *st, int64_t staff_id, hday today,
    bool (*fn)(const struct dir_team *t, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q(st, D_TEAMS);
	struct dir_team t;
	int rc;

	bind_date(s, 1, today);
	bind_id(s, 2, staff_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		team_read(s, 0, &t.team);
		t.members = sqlite3_column_int(s, 4);
		if (!fn(&t, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing teams", NULL);
}

enum herr
store_dir_team_get(struct store *st, int64_t id, struct team *out)
{
	sqlite3_stmt *s = q(st, D_TEAM_GET);
	enum herr e;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a team")) == HERR_OK)
		team_read(s, 0, out);
	finish(s);
	return e;
}

static enum herr
each_member(struct store *st, sqlite3_stmt *s, dir_member_fn fn, void *ctx)
{
	struct dir_member m;
	char code[32];
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&m, 0, sizeof(m));
		m.id = sqlite3_column_int64(s, 0);
		m.team_id = sqlite3_column_int64(s, 1);
		column_copy(s, 2, m.team, sizeof(m.team));
		column_copy(s, 3, code, sizeof(code));
		if (team_kind_parse(code, &m.team_kind, "kind", NULL) !=
		    HERR_OK)
			m.team_kind = TEAM_OTHER;
		m.staff_id = sqlite3_column_int64(s, 4);
		column_copy(s, 5, m.username, sizeof(m.username));
		column_copy(s, 6, m.name, sizeof(m.name));
		column_copy(s, 7, code, sizeof(code));
		if (role_parse(code, &m.role, "role", NULL) != HERR_OK)
			m.role = ROLE__COUNT;
		m.active = sqlite3_column_int(s, 8) != 0;
		m.start_date = column_date(s, 9);
		m.end_date = column_date(s, 10);
		if (!fn(&m, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing team members", NULL);
}

enum herr
store_dir_team_members(struct store *st, int64_t team_id, hday today,
    dir_member_fn fn, void *ctx)
{
	sqlite3_stmt *s = q(st, D_TEAM_MEMBERS);

	sqlite3_bind_int64(s, 1, team_id);
	bind_date(s, 2, today);
	return each_member(st, s, fn, ctx);
}

enum herr
store_dir_staff_teams(struct store *st, int64_t staff_id, hday today,
    dir_member_fn fn, void *ctx)
{
	sqlite3_stmt *s = q(st, D_STAFF_TEAMS);

	sqlite3_bind_int64(s, 1, staff_id);
	bind_date(s, 2, today);
	return each_member(st, s, fn, ctx);
}

enum herr
store_dir_is_member(struct store *st, int64_t team_id, int64_t staff_id,
    hday today, bool *out)
{
	sqlite3_stmt *s = q(st, D_IS_MEMBER);
	enum herr e;

	*out = false;
	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, staff_id);
	bind_date(s, 3, today);
	if ((e = step_row(st, s, "checking a membership")) == HERR_OK)
		*out = sqlite3_column_int(s, 0) != 0;
	finish(s);
	return e;
}

enum herr
store_dir_member_end(struct store *st, int64_t team_id, int64_t id, hday day)
{
	sqlite3_stmt *s = q(st, D_MEMBER_END);

	sqlite3_bind_int64(s, 1, team_id);
	sqlite3_bind_int64(s, 2, id);
	bind_date(s, 3, day);
	return write_one(st, s, "ending a membership", HERR_NOTFOUND);
}

/* ------------------------------------------------------------ staff */

enum herr
store_dir_agencies(struct store *st,
    bool (*fn)(const struct agency *a, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q(st, D_AGENCIES);
	struct agency a;
	char kind[32];
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = sqlite3_column_int64(s, 0);
		column_copy(s, 1, a.name, sizeof(a.name));
		column_copy(s, 2, kind, sizeof(kind));
		if (agency_kind_parse(kind, &a.kind, "kind", NULL) != HERR_OK)
			a.kind = AGENCY_OTHER;
		if (!fn(&a, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing agencies", NULL);
}

enum herr
store_dir_staff_changed(struct store *st, int64_t staff_id, int64_t *version,
    int64_t *at, char by[DIR_NAME_MAX])
{
	sqlite3_stmt *s = q(st, D_STAFF_CHANGED);
	enum herr e;

	*version = 0;
	*at = 0;
	by[0] = '\0';
	sqlite3_bind_int64(s, 1, staff_id);
	if ((e = step_row(st, s, "reading who changed a member of staff")) ==
	    HERR_OK) {
		*version = sqlite3_column_int64(s, 0);
		*at = sqlite3_column_int64(s, 1);
		column_copy(s, 2, by, DIR_NAME_MAX);
	}
	finish(s);
	return e;
}

enum herr
store_dir_staff_update(struct store *st, struct staff *m, int64_t by,
    int64_t now)
{
	sqlite3_stmt *s = q(st, D_STAFF_UPDATE);
	int64_t version, at;
	char who[DIR_NAME_MAX];
	enum herr e;

	sqlite3_bind_int64(s, 1, m->id);
	sqlite3_bind_int64(s, 2, m->version);
	bind_text(s, 3, m->given_name);
	bind_text(s, 4, m->family_name);
	bind_text(s, 5, m->email);
	sqlite3_bind_text(s, 6, role_code(m->role), -1, SQLITE_STATIC);
	bind_id(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	if ((e = step_done(st, s, "saving a member of staff", NULL)) !=
	    HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1) {
		m->version++;
		return HERR_OK;
	}
	e = store_dir_staff_changed(st, m->id, &version, &at, who);
	return e == HERR_OK ? HERR_CONFLICT : e;
}

enum herr
store_dir_staff_set_active(struct store *st, int64_t staff_id, bool active,
    int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, D_STAFF_SET_ACTIVE);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int(s, 2, active ? 1 : 0);
	bind_id(s, 3, by);
	sqlite3_bind_int64(s, 4, now);
	return write_one(st, s, "changing whether a member of staff is active",
	    HERR_NOTFOUND);
}

enum herr
store_dir_credential_state(struct store *st, int64_t staff_id,
    bool *has_password, bool *totp_enrolled)
{
	sqlite3_stmt *s = q(st, D_CRED_STATE);
	enum herr e;

	*has_password = *totp_enrolled = false;
	sqlite3_bind_int64(s, 1, staff_id);
	e = step_row(st, s, "reading sign-in state");
	if (e == HERR_OK) {
		*has_password = true;
		*totp_enrolled = sqlite3_column_int(s, 0) != 0;
	}
	finish(s);
	return e == HERR_NOTFOUND ? HERR_OK : e;
}
