/*
 * store_sos.c: the SQLite side of store_sos.h: Signs of Safety map
 * revisions (the revision row, the children it covers, its statements,
 * danger/goal pairs and next steps), safety scale ratings and the child's
 * direct work (Three Houses, Words and Pictures).
 *
 * Decides nothing: the rules are sos.h's, applied by record_sos.c before
 * anything here writes.  A map revision is only ever inserted, never
 * updated or deleted, so the map shown at any conference stays as it was.
 * Every read of a child goes through an index on child_id (the
 * sos_map_child key, sos_rating_child, voice_work_child); a revision's
 * parts are read by their (map_id, seq) keys.  Writes refuse to run
 * outside the caller's transaction, and a revision's several rows are
 * written in a savepoint so a failure part-way leaves none behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_sos.h"
#include "core/banned.h"

enum sos_stmt {
	S_SAVEPOINT,
	S_RELEASE,
	S_ROLLBACK_TO,
	S_MAP_INSERT,
	S_MAP_CHILD_INSERT,
	S_ITEM_INSERT,
	S_PAIR_INSERT,
	S_STEP_INSERT,
	S_MAP_GET,
	S_MAP_CHILDREN,
	S_MAP_ITEMS,
	S_MAP_PAIRS,
	S_MAP_STEPS,
	S_MAP_LATEST,
	S_MAP_HISTORY,
	S_RATING_INSERT,
	S_RATINGS_CHILD,
	S_RATINGS_MEETING,
	S_VOICE_INSERT,
	S_VOICE_UPDATE,
	S_VOICE_CHANGED,
	S_VOICE_GET,
	S_VOICE_LIST,
	S__COUNT
};

/* "Given Family" of the member of staff `t`. */
#define STAFF_NAME(t) "(" t ".given_name || ' ' || " t ".family_name)"

/* The columns read_rating() reads. */
#define RATING_COLS \
	"id, child_id, coalesce(meeting_id, 0), coalesce(map_id, 0), pair," \
	" rated_on, rater_kind, rater, agency, coalesce(staff_id, 0), value," \
	" reason, coalesce(recorded_by, 0), recorded_at"

/* The columns read_voice() reads. */
#define VOICE_COLS \
	"id, version, child_id, kind, made_on, made_with, good, worries," \
	" dreams, explanation, shared_parents_on, agreed_on, shared_child_on," \
	" coalesce(recorded_by, 0), recorded_at"

const char *const store_sos_sql[S__COUNT + 1] = {
	[S_SAVEPOINT] = "SAVEPOINT sos",
	[S_RELEASE] = "RELEASE sos",
	[S_ROLLBACK_TO] = "ROLLBACK TO sos",
	[S_MAP_INSERT] =
	    "INSERT INTO sos_map (previous_id, meeting_id, made_on, made_by,"
	    " made_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_MAP_CHILD_INSERT] =
	    "INSERT INTO sos_map_child (map_id, child_id) VALUES (?1, ?2)",
	[S_ITEM_INSERT] =
	    "INSERT INTO sos_item (map_id, seq, kind, text)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[S_PAIR_INSERT] =
	    "INSERT INTO sos_pair (map_id, seq, danger, who_worried,"
	    " family_view, family_says, goal_agency, goal_family, sustain)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_STEP_INSERT] =
	    "INSERT INTO sos_step (map_id, seq, what, who, by_date)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	/* ?1 map, for every read of a revision */
	[S_MAP_GET] =
	    "SELECT id, coalesce(previous_id, 0), coalesce(meeting_id, 0),"
	    " made_on, coalesce(made_by, 0), made_at FROM sos_map"
	    " WHERE id = ?1",
	[S_MAP_CHILDREN] =
	    "SELECT child_id FROM sos_map_child WHERE map_id = ?1"
	    " ORDER BY child_id",
	[S_MAP_ITEMS] =
	    "SELECT kind, text FROM sos_item WHERE map_id = ?1 ORDER BY seq",
	[S_MAP_PAIRS] =
	    "SELECT danger, who_worried, family_view, family_says,"
	    " goal_agency, goal_family, sustain FROM sos_pair"
	    " WHERE map_id = ?1 ORDER BY seq",
	[S_MAP_STEPS] =
	    "SELECT what, who, by_date FROM sos_step WHERE map_id = ?1"
	    " ORDER BY seq",
	/* ?1 child: the (child_id, map_id) key answers both. */
	[S_MAP_LATEST] =
	    "SELECT coalesce(max(map_id), 0) FROM sos_map_child"
	    " WHERE child_id = ?1",
	[S_MAP_HISTORY] =
	    "SELECT m.id, coalesce(m.meeting_id, 0), coalesce(m.made_by, 0),"
	    " m.made_on, m.made_at,"
	    " (SELECT count(*) FROM sos_pair p WHERE p.map_id = m.id),"
	    " (SELECT count(*) FROM sos_item i WHERE i.map_id = m.id),"
	    " (SELECT count(*) FROM sos_step s WHERE s.map_id = m.id),"
	    " coalesce(" STAFF_NAME("st") ", '')"
	    " FROM sos_map_child c JOIN sos_map m ON m.id = c.map_id"
	    " LEFT JOIN staff st ON st.id = m.made_by"
	    " WHERE c.child_id = ?1 ORDER BY c.map_id DESC LIMIT ?2",
	[S_RATING_INSERT] =
	    "INSERT INTO sos_rating (child_id, meeting_id, map_id, pair,"
	    " rated_on, rater_kind, rater, agency, staff_id, value, reason,"
	    " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " ?8, ?9, ?10, ?11, ?12, ?13)",
	/* The latest ?2 of the child's, given back oldest first. */
	[S_RATINGS_CHILD] =
	    "SELECT * FROM (SELECT " RATING_COLS " FROM sos_rating"
	    " WHERE child_id = ?1 ORDER BY rated_on DESC, id DESC LIMIT ?2)"
	    " ORDER BY rated_on, id",
	/* ?1 meeting, ?2 child (0: every child), ?3 at most */
	[S_RATINGS_MEETING] =
	    "SELECT " RATING_COLS " FROM sos_rating WHERE meeting_id = ?1"
	    " AND (?2 = 0 OR child_id = ?2)"
	    " ORDER BY child_id, pair, rated_on, id LIMIT ?3",
	[S_VOICE_INSERT] =
	    "INSERT INTO voice_work (child_id, kind, made_on, made_with, good,"
	    " worries, dreams, explanation, shared_parents_on, agreed_on,"
	    " shared_child_on, recorded_by, recorded_at) VALUES (?1, ?2, ?3,"
	    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[S_VOICE_UPDATE] =
	    "UPDATE voice_work SET made_with = ?3, good = ?4, worries = ?5,"
	    " dreams = ?6, explanation = ?7, shared_parents_on = ?8,"
	    " agreed_on = ?9, shared_child_on = ?10, version = version + 1,"
	    " updated_by = ?11, updated_at = ?12"
	    " WHERE id = ?1 AND version = ?2",
	/* Who last changed it: the update, else whoever recorded it. */
	[S_VOICE_CHANGED] =
	    "SELECT x.version, coalesce(x.updated_by, x.recorded_by, 0),"
	    " coalesce(" STAFF_NAME("s") ", ''),"
	    " coalesce(x.updated_at, x.recorded_at, 0)"
	    " FROM voice_work x LEFT JOIN staff s"
	    " ON s.id = coalesce(x.updated_by, x.recorded_by) WHERE x.id = ?1",
	[S_VOICE_GET] =
	    "SELECT " VOICE_COLS " FROM voice_work WHERE id = ?1",
	[S_VOICE_LIST] =
	    "SELECT " VOICE_COLS " FROM voice_work WHERE child_id = ?1"
	    " ORDER BY made_on DESC, id DESC LIMIT ?2",
	[S__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum sos_stmt which)
{
	return store_q(st, SQLSET_SOS, which);
}

/* Bind text to a NOT NULL column: "" stays "". */
static void
bind_str(sqlite3_stmt *s, int i, const char *v)
{
	sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static enum herr
in_transaction(struct store *st)
{
	return sqlite3_get_autocommit(st->db) ? HERR_ENV : HERR_OK;
}

/* The end of a list query: finish it, and DONE is success. */
static enum herr
list_done(struct store *st, sqlite3_stmt *s, int rc, const char *doing)
{
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK : sql_fail(st->db, rc, doing, NULL);
}

/* A stored code (or count) this build does not know: the database is
 * not one this version of hearth wrote. */
static enum herr
bad_row(sqlite3_stmt *s)
{
	finish(s);
	return HERR_INVALID;
}

/* ------------------------------------------------------------------ */
/* Map revisions                                                       */

static enum herr
savepoint(struct store *st)
{
	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	return step_done(st, q(st, S_SAVEPOINT), "starting a change", NULL);
}

/* Kept when e is HERR_OK, else undone; returns e. */
static enum herr
savepoint_end(struct store *st, enum herr e)
{
	if (e == HERR_OK)
		return step_done(st, q(st, S_RELEASE), "saving a change", NULL);
	(void)step_done(st, q(st, S_ROLLBACK_TO), "undoing a change", NULL);
	(void)step_done(st, q(st, S_RELEASE), "undoing a change", NULL);
	return e;
}

static enum herr
map_parts_insert(struct store *st, const struct sos_map *m)
{
	sqlite3_stmt *s;
	enum herr e = HERR_OK;

	for (int i = 0; e == HERR_OK && i < m->n_children; i++) {
		s = q(st, S_MAP_CHILD_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int64(s, 2, m->child_ids[i]);
		e = step_done(st, s, "saving the children a map covers", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_items; i++) {
		s = q(st, S_ITEM_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i);
		sqlite3_bind_text(s, 3, sos_item_kind_code(m->items[i].kind),
		    -1, SQLITE_STATIC);
		bind_str(s, 4, m->items[i].text);
		e = step_done(st, s, "saving a statement of the map", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_pairs; i++) {
		const struct sos_pair *p = &m->pairs[i];

		s = q(st, S_PAIR_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i + 1);
		bind_str(s, 3, p->danger);
		bind_str(s, 4, p->who_worried);
		sqlite3_bind_text(s, 5, sos_family_view_code(p->family_view),
		    -1, SQLITE_STATIC);
		bind_str(s, 6, p->family_says);
		bind_str(s, 7, p->goal_agency);
		bind_str(s, 8, p->goal_family);
		bind_str(s, 9, p->sustain);
		e = step_done(st, s, "saving a danger statement", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_steps; i++) {
		s = q(st, S_STEP_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i);
		bind_str(s, 3, m->steps[i].what);
		bind_str(s, 4, m->steps[i].who);
		bind_date(s, 5, m->steps[i].by);
		e = step_done(st, s, "saving a next step", NULL);
	}
	return e;
}

enum herr
store_map_add(struct store *st, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_INSERT);
	enum herr e;

	if (m->n_children < 1 || m->n_children > SOS_CHILDREN_MAX ||
	    m->n_items < 0 || m->n_items > SOS_ITEMS_MAX || m->n_pairs < 0 ||
	    m->n_pairs > SOS_PAIRS_MAX || m->n_steps < 0 ||
	    m->n_steps > SOS_STEPS_MAX)
		return HERR_INVALID;
	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_id(s, 1, m->previous_id);
	bind_id(s, 2, m->meeting_id);
	bind_date(s, 3, m->made_on);
	bind_id(s, 4, m->made_by);
	sqlite3_bind_int64(s, 5, m->made_at);
	if ((e = step_done(st, s, "saving a map", NULL)) == HERR_OK) {
		m->id = sqlite3_last_insert_rowid(st->db);
		e = map_parts_insert(st, m);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK)
		m->id = 0;
	return e;
}

static enum herr
load_children(struct store *st, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_CHILDREN);
	int rc;

	sqlite3_bind_int64(s, 1, m->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (m->n_children == SOS_CHILDREN_MAX)
			return bad_row(s);
		m->child_ids[m->n_children++] = sqlite3_column_int64(s, 0);
	}
	return list_done(st, s, rc, "reading the children a map covers");
}

static enum herr
load_items(struct store *st, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_ITEMS);
	int rc, k;

	sqlite3_bind_int64(s, 1, m->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sos_item *it;

		if (m->n_items == SOS_ITEMS_MAX ||
		    (k = sos_item_kind_parse((const char *)
		    sqlite3_column_text(s, 0))) < 0)
			return bad_row(s);
		it = &m->items[m->n_items++];
		it->kind = (enum sos_item_kind)k;
		column_copy(s, 1, it->text, sizeof(it->text));
	}
	return list_done(st, s, rc, "reading a map's statements");
}

static enum herr
load_pairs(struct store *st, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_PAIRS);
	int rc, k;

	sqlite3_bind_int64(s, 1, m->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sos_pair *p;

		if (m->n_pairs == SOS_PAIRS_MAX ||
		    (k = sos_family_view_parse((const char *)
		    sqlite3_column_text(s, 2))) < 0)
			return bad_row(s);
		p = &m->pairs[m->n_pairs++];
		column_copy(s, 0, p->danger, sizeof(p->danger));
		column_copy(s, 1, p->who_worried, sizeof(p->who_worried));
		p->family_view = (enum sos_family_view)k;
		column_copy(s, 3, p->family_says, sizeof(p->family_says));
		column_copy(s, 4, p->goal_agency, sizeof(p->goal_agency));
		column_copy(s, 5, p->goal_family, sizeof(p->goal_family));
		column_copy(s, 6, p->sustain, sizeof(p->sustain));
	}
	return list_done(st, s, rc, "reading a map's danger statements");
}

static enum herr
load_steps(struct store *st, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_STEPS);
	int rc;

	sqlite3_bind_int64(s, 1, m->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct sos_step *x;

		if (m->n_steps == SOS_STEPS_MAX)
			return bad_row(s);
		x = &m->steps[m->n_steps++];
		column_copy(s, 0, x->what, sizeof(x->what));
		column_copy(s, 1, x->who, sizeof(x->who));
		x->by = column_date(s, 2);
	}
	return list_done(st, s, rc, "reading a map's next steps");
}

enum herr
store_map_get(struct store *st, int64_t id, struct sos_map *m)
{
	sqlite3_stmt *s = q(st, S_MAP_GET);
	enum herr e;

	sos_map_clear(m);
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a map")) != HERR_OK) {
		finish(s);
		return e;
	}
	m->id = sqlite3_column_int64(s, 0);
	m->previous_id = sqlite3_column_int64(s, 1);
	m->meeting_id = sqlite3_column_int64(s, 2);
	m->made_on = column_date(s, 3);
	m->made_by = sqlite3_column_int64(s, 4);
	m->made_at = sqlite3_column_int64(s, 5);
	finish(s);
	if ((e = load_children(st, m)) != HERR_OK ||
	    (e = load_items(st, m)) != HERR_OK ||
	    (e = load_pairs(st, m)) != HERR_OK ||
	    (e = load_steps(st, m)) != HERR_OK) {
		sos_map_clear(m);
		return e;
	}
	return HERR_OK;
}

enum herr
store_map_latest_id(struct store *st, int64_t child_id, int64_t *id)
{
	sqlite3_stmt *s = q(st, S_MAP_LATEST);
	enum herr e;

	*id = 0;
	sqlite3_bind_int64(s, 1, child_id);
	if ((e = step_row(st, s, "finding a child's map")) != HERR_OK) {
		finish(s);
		return e;
	}
	*id = sqlite3_column_int64(s, 0);
	finish(s);
	return HERR_OK;
}

enum herr
store_map_latest(struct store *st, int64_t child_id, struct sos_map *m)
{
	int64_t id;
	enum herr e;

	sos_map_clear(m);
	if ((e = store_map_latest_id(st, child_id, &id)) != HERR_OK)
		return e;
	if (id == 0)
		return HERR_NOTFOUND;
	return store_map_get(st, id, m);
}

enum herr
store_map_history(struct store *st, int64_t child_id,
    struct store_map_rev *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, S_MAP_HISTORY);
	int rc;

	*n = 0;
	if (max <= 0)
		return HERR_OK;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max) {
		struct store_map_rev *r = &out[(*n)++];

		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(s, 0);
		r->meeting_id = sqlite3_column_int64(s, 1);
		r->made_by = sqlite3_column_int64(s, 2);
		r->made_on = column_date(s, 3);
		r->made_at = sqlite3_column_int64(s, 4);
		r->n_pairs = sqlite3_column_int(s, 5);
		r->n_items = sqlite3_column_int(s, 6);
		r->n_steps = sqlite3_column_int(s, 7);
		column_copy(s, 8, r->made_by_name, sizeof(r->made_by_name));
	}
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return list_done(st, s, rc, "reading a map's history");
}

/* ------------------------------------------------------------------ */
/* Ratings                                                             */

enum herr
store_rating_add(struct store *st, struct sos_rating *r)
{
	sqlite3_stmt *s = q(st, S_RATING_INSERT);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, r->child_id);
	bind_id(s, 2, r->meeting_id);
	bind_id(s, 3, r->map_id);
	sqlite3_bind_int(s, 4, r->pair);
	bind_date(s, 5, r->rated_on);
	sqlite3_bind_text(s, 6, sos_rater_code(r->kind), -1, SQLITE_STATIC);
	bind_str(s, 7, r->rater);
	bind_str(s, 8, r->agency);
	bind_id(s, 9, r->staff_id);
	sqlite3_bind_int(s, 10, r->value);
	bind_str(s, 11, r->reason);
	bind_id(s, 12, r->recorded_by);
	sqlite3_bind_int64(s, 13, r->recorded_at);
	if ((e = step_done(st, s, "saving a safety scale rating", NULL)) ==
	    HERR_OK)
		r->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

/* One row of RATING_COLS; false for a code this build does not know. */
static bool
read_rating(sqlite3_stmt *s, struct sos_rating *r)
{
	int k;

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->child_id = sqlite3_column_int64(s, 1);
	r->meeting_id = sqlite3_column_int64(s, 2);
	r->map_id = sqlite3_column_int64(s, 3);
	r->pair = sqlite3_column_int(s, 4);
	r->rated_on = column_date(s, 5);
	if ((k = sos_rater_parse((const char *)sqlite3_column_text(s, 6))) < 0)
		return false;
	r->kind = (enum sos_rater)k;
	column_copy(s, 7, r->rater, sizeof(r->rater));
	column_copy(s, 8, r->agency, sizeof(r->agency));
	r->staff_id = sqlite3_column_int64(s, 9);
	r->value = sqlite3_column_int(s, 10);
	column_copy(s, 11, r->reason, sizeof(r->reason));
	r->recorded_by = sqlite3_column_int64(s, 12);
	r->recorded_at = sqlite3_column_int64(s, 13);
	return true;
}

static enum herr
ratings_list(struct store *st, sqlite3_stmt *s, struct sos_rating *out,
    int max, int *n)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		if (!read_rating(s, &out[(*n)++]))
			return bad_row(s);
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return list_done(st, s, rc, "reading safety scale ratings");
}

enum herr
store_ratings_child(struct store *st, int64_t child_id,
    struct sos_rating *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, S_RATINGS_CHILD);

	*n = 0;
	if (max <= 0)
		return HERR_OK;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, max);
	return ratings_list(st, s, out, max, n);
}

enum herr
store_ratings_meeting(struct store *st, int64_t meeting_id,
    int64_t child_id, struct sos_rating *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, S_RATINGS_MEETING);

	*n = 0;
	if (max <= 0)
		return HERR_OK;
	sqlite3_bind_int64(s, 1, meeting_id);
	sqlite3_bind_int64(s, 2, child_id);
	sqlite3_bind_int(s, 3, max);
	return ratings_list(st, s, out, max, n);
}

/* ------------------------------------------------------------------ */
/* The child's voice                                                   */

enum herr
store_voice_add(struct store *st, struct voice_work *v)
{
	sqlite3_stmt *s = q(st, S_VOICE_INSERT);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, v->child_id);
	sqlite3_bind_text(s, 2, voice_kind_code(v->kind), -1, SQLITE_STATIC);
	bind_date(s, 3, v->made_on);
	bind_str(s, 4, v->made_with);
	bind_str(s, 5, v->good);
	bind_str(s, 6, v->worries);
	bind_str(s, 7, v->dreams);
	bind_str(s, 8, v->explanation);
	bind_date(s, 9, v->shared_parents_on);
	bind_date(s, 10, v->agreed_on);
	bind_date(s, 11, v->shared_child_on);
	bind_id(s, 12, v->recorded_by);
	sqlite3_bind_int64(s, 13, v->recorded_at);
	if ((e = step_done(st, s, "saving the child's direct work", NULL)) ==
	    HERR_OK) {
		v->id = sqlite3_last_insert_rowid(st->db);
		v->version = 1;
	}
	return e;
}

/* After an update that changed nothing: NOTFOUND if the row is gone,
 * else HERR_CONFLICT with *out (may be NULL) saying who changed it. */
static enum herr
voice_conflict(struct store *st, int64_t id, struct store_change *out)
{
	sqlite3_stmt *s = q(st, S_VOICE_CHANGED);
	struct store_change tmp;
	enum herr e;

	if (out == NULL)
		out = &tmp;
	memset(out, 0, sizeof(*out));
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading who changed the direct work")) ==
	    HERR_OK) {
		out->version = sqlite3_column_int64(s, 0);
		out->by = sqlite3_column_int64(s, 1);
		column_copy(s, 2, out->by_name, sizeof(out->by_name));
		out->at = sqlite3_column_int64(s, 3);
		e = HERR_CONFLICT;
	}
	finish(s);
	return e;
}

enum herr
store_voice_update(struct store *st, const struct voice_work *v,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, S_VOICE_UPDATE);
	enum herr e;

	if (conflict != NULL)
		memset(conflict, 0, sizeof(*conflict));
	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, v->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_str(s, 3, v->made_with);
	bind_str(s, 4, v->good);
	bind_str(s, 5, v->worries);
	bind_str(s, 6, v->dreams);
	bind_str(s, 7, v->explanation);
	bind_date(s, 8, v->shared_parents_on);
	bind_date(s, 9, v->agreed_on);
	bind_date(s, 10, v->shared_child_on);
	bind_id(s, 11, by);
	sqlite3_bind_int64(s, 12, now);
	if ((e = step_done(st, s, "saving the child's direct work", NULL)) !=
	    HERR_OK)
		return e;
	if (sqlite3_changes(st->db) == 1)
		return HERR_OK;
	return voice_conflict(st, v->id, conflict);
}

/* One row of VOICE_COLS; false for a code this build does not know. */
static bool
read_voice(sqlite3_stmt *s, struct voice_work *v)
{
	int k;

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(s, 0);
	v->version = sqlite3_column_int64(s, 1);
	v->child_id = sqlite3_column_int64(s, 2);
	if ((k = voice_kind_parse((const char *)sqlite3_column_text(s, 3))) <
	    0)
		return false;
	v->kind = (enum voice_kind)k;
	v->made_on = column_date(s, 4);
	column_copy(s, 5, v->made_with, sizeof(v->made_with));
	column_copy(s, 6, v->good, sizeof(v->good));
	column_copy(s, 7, v->worries, sizeof(v->worries));
	column_copy(s, 8, v->dreams, sizeof(v->dreams));
	column_copy(s, 9, v->explanation, sizeof(v->explanation));
	v->shared_parents_on = column_date(s, 10);
	v->agreed_on = column_date(s, 11);
	v->shared_child_on = column_date(s, 12);
	v->recorded_by = sqlite3_column_int64(s, 13);
	v->recorded_at = sqlite3_column_int64(s, 14);
	return true;
}

enum herr
store_voice_get(struct store *st, int64_t id, struct voice_work *v)
{
	sqlite3_stmt *s = q(st, S_VOICE_GET);
	enum herr e;

	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading the child's direct work")) !=
	    HERR_OK) {
		finish(s);
		return e;
	}
	if (!read_voice(s, v))
		return bad_row(s);
	finish(s);
	return HERR_OK;
}

enum herr
store_voice_list(struct store *st, int64_t child_id, struct voice_work *out,
    int max, int *n)
{
	sqlite3_stmt *s = q(st, S_VOICE_LIST);
	int rc;

	*n = 0;
	if (max <= 0)
		return HERR_OK;
	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int(s, 2, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && *n < max)
		if (!read_voice(s, &out[(*n)++]))
			return bad_row(s);
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return list_done(st, s, rc, "reading the child's direct work");
}
