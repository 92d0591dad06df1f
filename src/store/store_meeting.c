/*
 * store_meeting.c: the SQLite side of store_meeting.h: a conference as a
 * meeting, everything recorded about it, and the lists the chair's view,
 * a child's page and a partner agency read.
 *
 * Decides nothing: the rules are meeting.h's, applied by record_meeting.c
 * before anything here writes.  Every write refuses to run outside the
 * caller's transaction, and one that touches several rows runs in a
 * savepoint, so a failure part-way leaves none of them behind.  Every read
 * starts from an index (a meeting's id, a child's meeting_child rows, a
 * chair's meetings by date, booked meetings by date, a partner's
 * invitations); a list's summary counts come from aggregate subqueries on
 * each chosen meeting's own rows, never from loading whole meetings, and
 * a list is read in one statement with no allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "store/store_meeting.h"
#include "core/banned.h"

enum meeting_stmt {
	M_SAVEPOINT,
	M_RELEASE,
	M_ROLLBACK_TO,
	M_GET,
	M_CHILDREN,
	M_INVITEES,
	M_REPORTS,
	M_VIEWS,
	M_OUTCOMES,
	M_ACTIONS,
	M_CORE,
	M_SENDS,
	M_FEEDBACK,
	M_CHANGED,
	M_REPORT_CHANGED,
	M_INSERT,
	M_CHILD_INSERT,
	M_UPDATE,
	M_CANCEL,
	M_HELD,
	M_TOUCH,
	M_CHILD_SET,
	M_PLAN_SAVE,
	M_OUTCOMES_DELETE,
	M_OUTCOME_INSERT,
	M_ACTIONS_DELETE,
	M_ACTION_INSERT,
	M_CORE_DELETE,
	M_CORE_INSERT,
	M_MINUTES_SAVE,
	M_INVITEE_INSERT,
	M_INVITEE_ATTENDANCE,
	M_REPORT_INSERT,
	M_REPORT_UPDATE,
	M_REPORT_SHARE,
	M_VIEW_INSERT,
	M_SEND_INSERT,
	M_FEEDBACK_INSERT,
	M_LIST_CHILD,
	M_LIST_BOOKED_ALL,
	M_LIST_BOOKED_CHAIR,
	M_LIST_UNSENT_ALL,
	M_LIST_UNSENT_CHAIR,
	M_LIST_INVITED,
	M_INVITED,
	M_HAS_CHILD,
	M__COUNT
};

/* "Given Family" of the member of staff `t`. */
#define STAFF_NAME(t) "(" t ".given_name || ' ' || " t ".family_name)"

/* Who last changed row ?1 of `table`, for a conflict. */
#define CHANGED(table) \
	"SELECT x.version, coalesce(x.updated_by, 0)," \
	" coalesce(" STAFF_NAME("s") ", ''), coalesce(x.updated_at, 0)" \
	" FROM " table " x LEFT JOIN staff s ON s.id = x.updated_by" \
	" WHERE x.id = ?1"

/* Agency invitees of meeting m expected to report, and of those with a
 * report (`extra` narrows the reports: shared ones). */
#define EXPECTED \
	"(SELECT count(*) FROM meeting_invitee ie WHERE ie.meeting_id = m.id" \
	" AND ie.kind = 'agency' AND ie.report_expected = 1)"
#define REPORTED(extra) \
	"(SELECT count(*) FROM meeting_invitee ir" \
	" CROSS JOIN meeting_report rr" \
	" ON rr.invitee_id = ir.id WHERE ir.meeting_id = m.id" \
	" AND ir.kind = 'agency' AND ir.report_expected = 1" extra ")"

/* The first time document `doc` went to `aud` (NULL if never). */
#define FIRST_SENT(doc, aud) \
	"(SELECT min(sx.sent_at) FROM meeting_send sx" \
	" WHERE sx.meeting_id = m.id" \
	" AND sx.doc = '" doc "' AND sx.audience = '" aud "')"

/* A plan is one of the documents to send only once the conference has
 * saved one (a conference that made no plan sends its minutes). */
#define PLAN_SENT(aud) \
	"(CASE WHEN m.plan_saved_at IS NULL THEN 0 ELSE " \
	FIRST_SENT("plan", aud) " END)"

/* The last of the firsts; SQLite's max() of several arguments is NULL
 * when any is, so a document not yet sent gives 0. */
#define ALL_SENT_AT \
	"coalesce(max(" PLAN_SENT("family") ", " PLAN_SENT("agencies") ", " \
	FIRST_SENT("minutes", "family") ", " \
	FIRST_SENT("minutes", "agencies") "), 0)"

/* Held meeting m is not yet all sent. */
#define NOT_ALL_SENT \
	"NOT ((m.plan_saved_at IS NULL OR" \
	" (EXISTS (SELECT 1 FROM meeting_send s1" \
	" WHERE s1.meeting_id = m.id" \
	" AND s1.doc = 'plan' AND s1.audience = 'family')" \
	" AND EXISTS (SELECT 1 FROM meeting_send s2" \
	" WHERE s2.meeting_id = m.id" \
	" AND s2.doc = 'plan' AND s2.audience = 'agencies')))" \
	" AND EXISTS (SELECT 1 FROM meeting_send s3" \
	" WHERE s3.meeting_id = m.id" \
	" AND s3.doc = 'minutes' AND s3.audience = 'family')" \
	" AND EXISTS (SELECT 1 FROM meeting_send s4" \
	" WHERE s4.meeting_id = m.id" \
	" AND s4.doc = 'minutes' AND s4.audience = 'agencies'))"

/* A summary's columns of meeting m (read_summary reads them in order). */
#define SUMMARY_COLS \
	"m.id AS id, m.kind AS kind, m.status AS status, m.date AS date," \
	" m.minute AS minute, m.place AS place," \
	" coalesce(m.chair_id, 0) AS chair_id, " EXPECTED " AS rx, " \
	REPORTED("") " AS ri, " REPORTED(" AND rr.shared_on IS NOT NULL") \
	" AS rs, m.plan_saved_at IS NOT NULL AS ps," \
	" m.minutes_saved_at IS NOT NULL AS ms, " ALL_SENT_AT " AS sent"

/*
 * A list: `pick` chooses at most ?4 meetings (FROM and WHERE, with m the
 * meeting, in order `ord` written on m) and computes their summaries once
 * each (the LIMIT keeps it a subquery of its own); then each meeting's
 * children, in order, one row per child.
 */
#define LIST_WITH(ctes, from_where, ord, pick_ord) \
	"WITH " ctes "pick AS (SELECT " SUMMARY_COLS " FROM " from_where \
	" ORDER BY " ord " LIMIT ?4)" \
	" SELECT pick.id, pick.kind, pick.status, pick.date, pick.minute," \
	" pick.place, pick.chair_id, pick.rx, pick.ri, pick.rs, pick.ps," \
	" pick.ms, pick.sent, coalesce(mc.child_id, 0) FROM pick" \
	" LEFT JOIN meeting_child mc ON mc.meeting_id = pick.id" \
	" ORDER BY " pick_ord ", mc.seq"

#define LIST(from_where, ord, pick_ord) \
	LIST_WITH("", from_where, ord, pick_ord)

#define ORD_UP "m.date, m.minute, m.id"
#define PICK_UP "pick.date, pick.minute, pick.id"
#define ORD_DOWN "m.date DESC, m.minute DESC, m.id DESC"
#define PICK_DOWN "pick.date DESC, pick.minute DESC, pick.id DESC"

const char *const store_meeting_sql[M__COUNT + 1] = {
	[M_SAVEPOINT] = "SAVEPOINT meeting",
	[M_RELEASE] = "RELEASE meeting",
	[M_ROLLBACK_TO] = "ROLLBACK TO meeting",
	/* ?1 meeting, for every read of one */
	[M_GET] =
	    "SELECT id, version, kind, status, date, minute, place,"
	    " coalesce(chair_id, 0), notified_date, coalesce(conference_id, 0),"
	    " cancel_reason, dissent, contingency, child_seen,"
	    " coalesce(plan_saved_at, 0), minutes,"
	    " coalesce(minutes_saved_at, 0), coalesce(booked_by, 0), booked_at"
	    " FROM meeting WHERE id = ?1",
	[M_CHILDREN] =
	    "SELECT child_id, participation, part_note, advocate_offered_on,"
	    " advocate_accepted, advocate FROM meeting_child"
	    " WHERE meeting_id = ?1 ORDER BY seq",
	[M_INVITEES] =
	    "SELECT id, kind, name, role, coalesce(agency_id, 0), agency,"
	    " coalesce(staff_id, 0), invited_on, attendance, report_expected"
	    " FROM meeting_invitee WHERE meeting_id = ?1 ORDER BY id",
	[M_REPORTS] =
	    "SELECT id, version, invitee_id, text, coalesce(author_id, 0),"
	    " submitted_at, shared_on FROM meeting_report"
	    " WHERE meeting_id = ?1 ORDER BY id",
	[M_VIEWS] =
	    "SELECT id, child_id, name, agency, met, reason FROM meeting_view"
	    " WHERE meeting_id = ?1 ORDER BY id",
	[M_OUTCOMES] =
	    "SELECT agency_text, family_text FROM meeting_outcome"
	    " WHERE meeting_id = ?1 ORDER BY seq",
	[M_ACTIONS] =
	    "SELECT outcome, who, what, by_date FROM meeting_action"
	    " WHERE meeting_id = ?1 ORDER BY seq",
	[M_CORE] =
	    "SELECT name, agency, role, coalesce(staff_id, 0) FROM meeting_core"
	    " WHERE meeting_id = ?1 ORDER BY seq",
	[M_SENDS] =
	    "SELECT id, doc, audience, method, recipients, sent_at,"
	    " coalesce(sent_by, 0) FROM meeting_send WHERE meeting_id = ?1"
	    " ORDER BY id",
	[M_FEEDBACK] =
	    "SELECT id, respondent, name, q1, q2, q3, q4, comments, given_on,"
	    " coalesce(recorded_by, 0), recorded_at FROM meeting_feedback"
	    " WHERE meeting_id = ?1 ORDER BY id",
	[M_CHANGED] = CHANGED("meeting"),
	[M_REPORT_CHANGED] = CHANGED("meeting_report"),
	/* ?1 kind, ?2 date, ?3 minute, ?4 place, ?5 chair, ?6 notified,
	 * ?7 booked by, ?8 at */
	[M_INSERT] =
	    "INSERT INTO meeting (kind, status, date, minute, place, chair_id,"
	    " notified_date, booked_by, booked_at, updated_by, updated_at)"
	    " VALUES (?1, 'booked', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)",
	[M_CHILD_INSERT] =
	    "INSERT INTO meeting_child (meeting_id, seq, child_id,"
	    " participation, part_note, advocate_offered_on,"
	    " advocate_accepted, advocate)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* Versioned: ?1 id, ?2 version; the last two are by and at. */
	[M_UPDATE] =
	    "UPDATE meeting SET kind = ?3, date = ?4, minute = ?5, place = ?6,"
	    " chair_id = ?7, notified_date = ?8, version = version + 1,"
	    " updated_by = ?9, updated_at = ?10 WHERE id = ?1 AND version = ?2",
	[M_CANCEL] =
	    "UPDATE meeting SET status = 'cancelled', cancel_reason = ?3,"
	    " version = version + 1, updated_by = ?4, updated_at = ?5"
	    " WHERE id = ?1 AND version = ?2",
	[M_HELD] =
	    "UPDATE meeting SET status = 'held', conference_id = ?3,"
	    " dissent = ?4, version = version + 1, updated_by = ?5,"
	    " updated_at = ?6 WHERE id = ?1 AND version = ?2",
	[M_TOUCH] =
	    "UPDATE meeting SET version = version + 1, updated_by = ?3,"
	    " updated_at = ?4 WHERE id = ?1 AND version = ?2",
	/* ?1 meeting, ?2 child */
	[M_CHILD_SET] =
	    "UPDATE meeting_child SET participation = ?3, part_note = ?4,"
	    " advocate_offered_on = ?5, advocate_accepted = ?6, advocate = ?7"
	    " WHERE meeting_id = ?1 AND child_id = ?2",
	[M_PLAN_SAVE] =
	    "UPDATE meeting SET contingency = ?3, child_seen = ?4,"
	    " plan_saved_at = ?6, version = version + 1, updated_by = ?5,"
	    " updated_at = ?6 WHERE id = ?1 AND version = ?2",
	[M_OUTCOMES_DELETE] =
	    "DELETE FROM meeting_outcome WHERE meeting_id = ?1",
	[M_OUTCOME_INSERT] =
	    "INSERT INTO meeting_outcome (meeting_id, seq, agency_text,"
	    " family_text) VALUES (?1, ?2, ?3, ?4)",
	[M_ACTIONS_DELETE] = "DELETE FROM meeting_action WHERE meeting_id = ?1",
	[M_ACTION_INSERT] =
	    "INSERT INTO meeting_action (meeting_id, seq, outcome, who, what,"
	    " by_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[M_CORE_DELETE] = "DELETE FROM meeting_core WHERE meeting_id = ?1",
	[M_CORE_INSERT] =
	    "INSERT INTO meeting_core (meeting_id, seq, name, agency, role,"
	    " staff_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[M_MINUTES_SAVE] =
	    "UPDATE meeting SET minutes = ?3, minutes_saved_at = ?5,"
	    " version = version + 1, updated_by = ?4, updated_at = ?5"
	    " WHERE id = ?1 AND version = ?2",
	[M_INVITEE_INSERT] =
	    "INSERT INTO meeting_invitee (meeting_id, kind, name, role,"
	    " agency_id, agency, staff_id, invited_on, attendance,"
	    " report_expected)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	/* ?1 meeting, ?2 invitee, ?3 attendance */
	[M_INVITEE_ATTENDANCE] =
	    "UPDATE meeting_invitee SET attendance = ?3"
	    " WHERE id = ?2 AND meeting_id = ?1",
	[M_REPORT_INSERT] =
	    "INSERT INTO meeting_report (meeting_id, invitee_id, text,"
	    " author_id, submitted_at, shared_on, updated_by, updated_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?5)",
	[M_REPORT_UPDATE] =
	    "UPDATE meeting_report SET text = ?3, author_id = ?4,"
	    " submitted_at = ?5, shared_on = ?6, version = version + 1,"
	    " updated_by = ?7, updated_at = ?8 WHERE id = ?1 AND version = ?2",
	[M_REPORT_SHARE] =
	    "UPDATE meeting_report SET shared_on = ?3, version = version + 1,"
	    " updated_by = ?4, updated_at = ?5 WHERE id = ?1 AND version = ?2",
	[M_VIEW_INSERT] =
	    "INSERT INTO meeting_view (meeting_id, child_id, name, agency, met,"
	    " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[M_SEND_INSERT] =
	    "INSERT INTO meeting_send (meeting_id, doc, audience, method,"
	    " recipients, sent_at, sent_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[M_FEEDBACK_INSERT] =
	    "INSERT INTO meeting_feedback (meeting_id, respondent, name,"
	    " q1, q2, q3, q4, comments, given_on, recorded_by, recorded_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	/*
	 * Lists: ?1 the child, chair or staff member, ?2 and ?3 the dates
	 * (or ?2 the agency), ?4 the most meetings.  CROSS JOIN starts from
	 * the few rows the index names, never from every meeting.
	 */
	[M_LIST_CHILD] = LIST("meeting_child me CROSS JOIN meeting m"
	    " ON m.id = me.meeting_id WHERE me.child_id = ?1", ORD_DOWN,
	    PICK_DOWN),
	/* meeting_date: booked meetings by date, whoever chairs */
	[M_LIST_BOOKED_ALL] = LIST("meeting m WHERE m.status = 'booked'"
	    " AND m.date BETWEEN ?2 AND ?3", ORD_UP, PICK_UP),
	/* meeting_chair: the chair's meetings by date */
	[M_LIST_BOOKED_CHAIR] = LIST("meeting m WHERE m.chair_id = ?1"
	    " AND m.date BETWEEN ?2 AND ?3 AND m.status = 'booked'", ORD_UP,
	    PICK_UP),
	[M_LIST_UNSENT_ALL] = LIST("meeting m WHERE m.status = 'held' AND "
	    NOT_ALL_SENT, ORD_UP, PICK_UP),
	[M_LIST_UNSENT_CHAIR] = LIST("meeting m WHERE m.chair_id = ?1"
	    " AND m.status = 'held' AND " NOT_ALL_SENT, ORD_UP, PICK_UP),
	/* ?1 staff, ?2 agency (0: none), ?3 from: the partial indexes on
	 * the invitee's staff and agency. */
	[M_LIST_INVITED] = LIST_WITH("ids AS (SELECT iv.meeting_id AS mid"
	    " FROM meeting_invitee iv WHERE iv.staff_id = ?1"
	    " UNION SELECT ia.meeting_id FROM meeting_invitee ia"
	    " WHERE ?2 <> 0 AND ia.agency_id = ?2), ",
	    "ids CROSS JOIN meeting m ON m.id = ids.mid WHERE m.date >= ?3",
	    ORD_UP, PICK_UP),
	[M_INVITED] =
	    "SELECT EXISTS (SELECT 1 FROM meeting_invitee iw"
	    " WHERE iw.meeting_id = ?1 AND (iw.staff_id = ?2"
	    " OR (?3 <> 0 AND iw.agency_id = ?3)))",
	[M_HAS_CHILD] =
	    "SELECT EXISTS (SELECT 1 FROM meeting_child mh"
	    " WHERE mh.meeting_id = ?1 AND mh.child_id = ?2)",
	[M__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum meeting_stmt which)
{
	return store_q(st, SQLSET_MEETING, which);
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

/* A stored code back to its value (parse gives -1 for one this build
 * does not know, which is refused). */
static enum herr
code_of(sqlite3_stmt *s, int i, int (*parse)(const char *), int *out)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	*out = parse(t != NULL ? t : "");
	return *out < 0 ? HERR_INVALID : HERR_OK;
}

static enum herr
in_transaction(struct store *st)
{
	return sqlite3_get_autocommit(st->db) ? HERR_ENV : HERR_OK;
}

/* Finish a list statement that stopped with rc (or with e already
 * failed). */
static enum herr
list_done(struct store *st, sqlite3_stmt *s, enum herr e, int rc,
    const char *doing)
{
	finish(s);
	if (e != HERR_OK)
		return e;
	return rc == SQLITE_DONE ? HERR_OK : sql_fail(st->db, rc, doing, NULL);
}

/* Several rows as one: a savepoint inside the caller's transaction. */
static enum herr
savepoint(struct store *st)
{
	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	return step_done(st, q(st, M_SAVEPOINT), "starting a change", NULL);
}

static enum herr
savepoint_end(struct store *st, enum herr e)
{
	if (e == HERR_OK)
		return step_done(st, q(st, M_RELEASE), "saving a change", NULL);
	(void)step_done(st, q(st, M_ROLLBACK_TO), "undoing a change", NULL);
	(void)step_done(st, q(st, M_RELEASE), "undoing a change", NULL);
	return e;
}

/* Who last changed row `id` of `which`'s table: HERR_CONFLICT with *out
 * (may be NULL), or NOTFOUND when the row is gone. */
static enum herr
conflict_of(struct store *st, enum meeting_stmt which, int64_t id,
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

/* Run a versioned update already bound (?1 id, ?2 version). */
static enum herr
versioned(struct store *st, sqlite3_stmt *s, enum meeting_stmt changed,
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

/* ------------------------------------------------------------------ */
/* Reading one meeting                                                 */

/* Step the rows of list statement `which` for meeting m, handing each to
 * `row` (which may refuse, e.g. when the struct is full). */
static enum herr
each_row(struct store *st, struct meeting *m, enum meeting_stmt which,
    enum herr (*row)(sqlite3_stmt *, struct meeting *), const char *doing)
{
	sqlite3_stmt *s = q(st, which);
	enum herr e = HERR_OK;
	int rc;

	sqlite3_bind_int64(s, 1, m->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((e = row(s, m)) != HERR_OK)
			break;
	return list_done(st, s, e, rc, doing);
}

static enum herr
child_row(sqlite3_stmt *s, struct meeting *m)
{
	struct meeting_child *c;
	int v;

	if (m->n_children >= CONFERENCE_CHILDREN_MAX)
		return HERR_INVALID;
	c = &m->children[m->n_children];
	memset(c, 0, sizeof(*c));
	c->child_id = sqlite3_column_int64(s, 0);
	if (code_of(s, 1, participation_parse, &v) != HERR_OK)
		return HERR_INVALID;
	c->part = (enum participation)v;
	col_text(s, 2, c->part_note, sizeof(c->part_note));
	c->advocate_offered_on = column_date(s, 3);
	c->advocate_offered = c->advocate_offered_on != HDAY_NONE;
	c->advocate_accepted = sqlite3_column_int(s, 4) != 0;
	col_text(s, 5, c->advocate, sizeof(c->advocate));
	m->n_children++;
	return HERR_OK;
}

static enum herr
invitee_row(sqlite3_stmt *s, struct meeting *m)
{
	struct invitee *i;
	int v;

	if (m->n_invitees >= MEETING_INVITEES_MAX)
		return HERR_INVALID;
	i = &m->invitees[m->n_invitees];
	memset(i, 0, sizeof(*i));
	i->id = sqlite3_column_int64(s, 0);
	if (code_of(s, 1, invitee_kind_parse, &v) != HERR_OK)
		return HERR_INVALID;
	i->kind = (enum invitee_kind)v;
	col_text(s, 2, i->name, sizeof(i->name));
	col_text(s, 3, i->role, sizeof(i->role));
	i->agency_id = sqlite3_column_int64(s, 4);
	col_text(s, 5, i->agency, sizeof(i->agency));
	i->staff_id = sqlite3_column_int64(s, 6);
	i->invited_on = column_date(s, 7);
	if (code_of(s, 8, attendance_parse, &v) != HERR_OK)
		return HERR_INVALID;
	i->attendance = (enum attendance)v;
	i->report_expected = sqlite3_column_int(s, 9) != 0;
	m->n_invitees++;
	return HERR_OK;
}

static enum herr
report_row(sqlite3_stmt *s, struct meeting *m)
{
	struct agency_report *r;

	if (m->n_reports >= MEETING_REPORTS_MAX)
		return HERR_INVALID;
	r = &m->reports[m->n_reports++];
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->version = sqlite3_column_int64(s, 1);
	r->invitee_id = sqlite3_column_int64(s, 2);
	col_text(s, 3, r->text, sizeof(r->text));
	r->author_id = sqlite3_column_int64(s, 4);
	r->submitted_at = sqlite3_column_int64(s, 5);
	r->shared_on = column_date(s, 6);
	return HERR_OK;
}

static enum herr
view_row(sqlite3_stmt *s, struct meeting *m)
{
	struct threshold_view *v;

	if (m->n_views >= MEETING_VIEWS_MAX)
		return HERR_INVALID;
	v = &m->views[m->n_views++];
	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(s, 0);
	v->child_id = sqlite3_column_int64(s, 1);
	col_text(s, 2, v->name, sizeof(v->name));
	col_text(s, 3, v->agency, sizeof(v->agency));
	v->met = sqlite3_column_int(s, 4) != 0;
	col_text(s, 5, v->reason, sizeof(v->reason));
	return HERR_OK;
}

static enum herr
outcome_row(sqlite3_stmt *s, struct meeting *m)
{
	struct plan_outcome *o;

	if (m->n_outcomes >= MEETING_OUTCOMES_MAX)
		return HERR_INVALID;
	o = &m->outcomes[m->n_outcomes++];
	col_text(s, 0, o->agency, sizeof(o->agency));
	col_text(s, 1, o->family, sizeof(o->family));
	return HERR_OK;
}

static enum herr
action_row(sqlite3_stmt *s, struct meeting *m)
{
	struct plan_action *a;

	if (m->n_actions >= MEETING_ACTIONS_MAX)
		return HERR_INVALID;
	a = &m->actions[m->n_actions++];
	a->outcome = sqlite3_column_int(s, 0);
	col_text(s, 1, a->who, sizeof(a->who));
	col_text(s, 2, a->what, sizeof(a->what));
	a->by = column_date(s, 3);
	return HERR_OK;
}

static enum herr
core_row(sqlite3_stmt *s, struct meeting *m)
{
	struct journey_person *p;

	if (m->n_core >= MEETING_CORE_MAX)
		return HERR_INVALID;
	p = &m->core[m->n_core++];
	col_text(s, 0, p->name, sizeof(p->name));
	col_text(s, 1, p->agency, sizeof(p->agency));
	col_text(s, 2, p->role, sizeof(p->role));
	p->staff_id = sqlite3_column_int64(s, 3);
	return HERR_OK;
}

static enum herr
send_row(sqlite3_stmt *s, struct meeting *m)
{
	struct meeting_send *x;
	int v;

	if (m->n_sends >= MEETING_SENDS_MAX)
		return HERR_INVALID;
	x = &m->sends[m->n_sends];
	memset(x, 0, sizeof(*x));
	x->id = sqlite3_column_int64(s, 0);
	if (code_of(s, 1, doc_kind_parse, &v) != HERR_OK)
		return HERR_INVALID;
	x->doc = (enum doc_kind)v;
	if (code_of(s, 2, doc_audience_parse, &v) != HERR_OK)
		return HERR_INVALID;
	x->audience = (enum doc_audience)v;
	col_text(s, 3, x->method, sizeof(x->method));
	col_text(s, 4, x->recipients, sizeof(x->recipients));
	x->sent_at = sqlite3_column_int64(s, 5);
	x->sent_by = sqlite3_column_int64(s, 6);
	m->n_sends++;
	return HERR_OK;
}

static enum herr
feedback_row(sqlite3_stmt *s, struct meeting *m)
{
	struct feedback *f;
	int v;

	if (m->n_feedback >= MEETING_FEEDBACK_MAX)
		return HERR_INVALID;
	f = &m->feedback[m->n_feedback];
	memset(f, 0, sizeof(*f));
	f->id = sqlite3_column_int64(s, 0);
	if (code_of(s, 1, feedback_from_parse, &v) != HERR_OK)
		return HERR_INVALID;
	f->from = (enum feedback_from)v;
	col_text(s, 2, f->name, sizeof(f->name));
	for (int k = 0; k < FEEDBACK_QUESTIONS; k++)
		f->answers[k] = sqlite3_column_int(s, 3 + k);
	col_text(s, 7, f->comments, sizeof(f->comments));
	f->given_on = column_date(s, 8);
	f->recorded_by = sqlite3_column_int64(s, 9);
	f->recorded_at = sqlite3_column_int64(s, 10);
	m->n_feedback++;
	return HERR_OK;
}

/* The meeting row itself (M_GET, stepped to its row). */
static enum herr
meeting_row(sqlite3_stmt *s, struct meeting *m)
{
	int v;

	m->id = sqlite3_column_int64(s, 0);
	m->version = sqlite3_column_int64(s, 1);
	if (code_of(s, 2, conference_kind_parse, &v) != HERR_OK)
		return HERR_INVALID;
	m->kind = (enum conference_kind)v;
	if (code_of(s, 3, meeting_status_parse, &v) != HERR_OK)
		return HERR_INVALID;
	m->status = (enum meeting_status)v;
	m->date = column_date(s, 4);
	m->minute = sqlite3_column_int(s, 5);
	col_text(s, 6, m->place, sizeof(m->place));
	m->chair_id = sqlite3_column_int64(s, 7);
	m->notified_date = column_date(s, 8);
	m->conference_id = sqlite3_column_int64(s, 9);
	col_text(s, 10, m->cancel_reason, sizeof(m->cancel_reason));
	col_text(s, 11, m->dissent, sizeof(m->dissent));
	col_text(s, 12, m->contingency, sizeof(m->contingency));
	col_text(s, 13, m->child_seen, sizeof(m->child_seen));
	m->plan_saved_at = sqlite3_column_int64(s, 14);
	col_text(s, 15, m->minutes, sizeof(m->minutes));
	m->minutes_saved_at = sqlite3_column_int64(s, 16);
	m->booked_by = sqlite3_column_int64(s, 17);
	m->booked_at = sqlite3_column_int64(s, 18);
	return HERR_OK;
}

enum herr
store_meeting_get(struct store *st, int64_t id, struct meeting *m)
{
	sqlite3_stmt *s = q(st, M_GET);
	enum herr e;

	meeting_reset(m);
	sqlite3_bind_int64(s, 1, id);
	if ((e = step_row(st, s, "reading a conference")) == HERR_OK)
		e = meeting_row(s, m);
	finish(s);
	if (e != HERR_OK ||
	    (e = each_row(st, m, M_CHILDREN, child_row,
	    "reading a conference's children")) != HERR_OK ||
	    (e = each_row(st, m, M_INVITEES, invitee_row,
	    "reading a conference's invitees")) != HERR_OK ||
	    (e = each_row(st, m, M_REPORTS, report_row,
	    "reading agency reports")) != HERR_OK ||
	    (e = each_row(st, m, M_VIEWS, view_row,
	    "reading views on the threshold")) != HERR_OK ||
	    (e = each_row(st, m, M_OUTCOMES, outcome_row,
	    "reading a plan's outcomes")) != HERR_OK ||
	    (e = each_row(st, m, M_ACTIONS, action_row,
	    "reading a plan's actions")) != HERR_OK ||
	    (e = each_row(st, m, M_CORE, core_row,
	    "reading a core group")) != HERR_OK ||
	    (e = each_row(st, m, M_SENDS, send_row,
	    "reading documents sent")) != HERR_OK ||
	    (e = each_row(st, m, M_FEEDBACK, feedback_row,
	    "reading feedback")) != HERR_OK)
		return e;
	return HERR_OK;
}

enum herr
store_meeting_change(struct store *st, int64_t id, struct store_change *out)
{
	enum herr e = conflict_of(st, M_CHANGED, id, out);

	return e == HERR_CONFLICT ? HERR_OK : e;
}

/* ------------------------------------------------------------------ */
/* Writes to the meeting row                                           */

static void
bind_child(sqlite3_stmt *s, int first, const struct meeting_child *c)
{
	bind_text(s, first, participation_code(c->part));
	bind_str(s, first + 1, c->part_note);
	bind_date(s, first + 2, c->advocate_offered ||
	    c->advocate_offered_on != HDAY_NONE ? c->advocate_offered_on :
	    HDAY_NONE);
	sqlite3_bind_int(s, first + 3, c->advocate_accepted ? 1 : 0);
	bind_str(s, first + 4, c->advocate);
}

enum herr
store_meeting_add(struct store *st, struct meeting *m)
{
	sqlite3_stmt *s = q(st, M_INSERT);
	int64_t id = m->id;
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	bind_text(s, 1, conference_kind_code(m->kind));
	bind_date(s, 2, m->date);
	sqlite3_bind_int(s, 3, m->minute);
	bind_str(s, 4, m->place);
	bind_id(s, 5, m->chair_id);
	bind_date(s, 6, m->notified_date);
	bind_id(s, 7, m->booked_by);
	sqlite3_bind_int64(s, 8, m->booked_at);
	if ((e = step_done(st, s, "booking a conference", NULL)) == HERR_OK)
		m->id = sqlite3_last_insert_rowid(st->db);
	for (int i = 0; e == HERR_OK && i < m->n_children; i++) {
		s = q(st, M_CHILD_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i);
		bind_id(s, 3, m->children[i].child_id);
		bind_child(s, 4, &m->children[i]);
		e = step_done(st, s, "adding a child to a conference", NULL);
	}
	if ((e = savepoint_end(st, e)) != HERR_OK) {
		m->id = id;
		return e;
	}
	m->version = 1;
	m->status = MEETING_BOOKED;
	return HERR_OK;
}

enum herr
store_meeting_update(struct store *st, const struct meeting *m,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_UPDATE);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, m->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_text(s, 3, conference_kind_code(m->kind));
	bind_date(s, 4, m->date);
	sqlite3_bind_int(s, 5, m->minute);
	bind_str(s, 6, m->place);
	bind_id(s, 7, m->chair_id);
	bind_date(s, 8, m->notified_date);
	bind_id(s, 9, by);
	sqlite3_bind_int64(s, 10, now);
	return versioned(st, s, M_CHANGED, m->id, "changing a conference",
	    conflict);
}

enum herr
store_meeting_cancel(struct store *st, int64_t id, const char *reason,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_CANCEL);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, expected);
	bind_str(s, 3, reason);
	bind_id(s, 4, by);
	sqlite3_bind_int64(s, 5, now);
	return versioned(st, s, M_CHANGED, id, "cancelling a conference",
	    conflict);
}

enum herr
store_meeting_held(struct store *st, int64_t id, int64_t conference_id,
    const char *dissent, int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_HELD);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, expected);
	bind_id(s, 3, conference_id);
	bind_str(s, 4, dissent);
	bind_id(s, 5, by);
	sqlite3_bind_int64(s, 6, now);
	return versioned(st, s, M_CHANGED, id, "recording a decision",
	    conflict);
}

/* Move the meeting's version on from `expected` (the first write of a
 * change to rows beside it that counts as a change to the meeting). */
static enum herr
touch(struct store *st, int64_t id, int64_t expected, int64_t by,
    int64_t now, struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_TOUCH);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, expected);
	bind_id(s, 3, by);
	sqlite3_bind_int64(s, 4, now);
	return versioned(st, s, M_CHANGED, id, "changing a conference",
	    conflict);
}

enum herr
store_meeting_child_set(struct store *st, int64_t meeting_id,
    const struct meeting_child *c, int64_t expected, int64_t by,
    int64_t now, struct store_change *conflict)
{
	sqlite3_stmt *s;
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	if ((e = touch(st, meeting_id, expected, by, now, conflict)) ==
	    HERR_OK) {
		s = q(st, M_CHILD_SET);
		sqlite3_bind_int64(s, 1, meeting_id);
		sqlite3_bind_int64(s, 2, c->child_id);
		bind_child(s, 3, c);
		if ((e = step_done(st, s, "saving a child's participation",
		    NULL)) == HERR_OK && sqlite3_changes(st->db) != 1)
			e = HERR_NOTFOUND;
	}
	return savepoint_end(st, e);
}

static enum herr
plan_rows(struct store *st, const struct meeting *m)
{
	sqlite3_stmt *s;
	enum herr e = HERR_OK;
	static const enum meeting_stmt clear[] = { M_OUTCOMES_DELETE,
		M_ACTIONS_DELETE, M_CORE_DELETE };

	for (size_t k = 0; e == HERR_OK && k < sizeof(clear) /
	    sizeof(clear[0]); k++) {
		s = q(st, clear[k]);
		sqlite3_bind_int64(s, 1, m->id);
		e = step_done(st, s, "replacing a plan", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_outcomes; i++) {
		s = q(st, M_OUTCOME_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i + 1);
		bind_str(s, 3, m->outcomes[i].agency);
		bind_str(s, 4, m->outcomes[i].family);
		e = step_done(st, s, "saving an outcome", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_actions; i++) {
		s = q(st, M_ACTION_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i);
		sqlite3_bind_int(s, 3, m->actions[i].outcome);
		bind_str(s, 4, m->actions[i].who);
		bind_str(s, 5, m->actions[i].what);
		bind_date(s, 6, m->actions[i].by);
		e = step_done(st, s, "saving an action", NULL);
	}
	for (int i = 0; e == HERR_OK && i < m->n_core; i++) {
		s = q(st, M_CORE_INSERT);
		sqlite3_bind_int64(s, 1, m->id);
		sqlite3_bind_int(s, 2, i);
		bind_str(s, 3, m->core[i].name);
		bind_str(s, 4, m->core[i].agency);
		bind_str(s, 5, m->core[i].role);
		bind_id(s, 6, m->core[i].staff_id);
		e = step_done(st, s, "saving a core group member", NULL);
	}
	return e;
}

enum herr
store_meeting_plan_save(struct store *st, const struct meeting *m,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_PLAN_SAVE);
	enum herr e;

	if ((e = savepoint(st)) != HERR_OK)
		return e;
	sqlite3_bind_int64(s, 1, m->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_str(s, 3, m->contingency);
	bind_str(s, 4, m->child_seen);
	bind_id(s, 5, by);
	sqlite3_bind_int64(s, 6, now);
	if ((e = versioned(st, s, M_CHANGED, m->id, "saving a plan",
	    conflict)) == HERR_OK)
		e = plan_rows(st, m);
	return savepoint_end(st, e);
}

enum herr
store_meeting_minutes_save(struct store *st, int64_t id, const char *minutes,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_MINUTES_SAVE);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, expected);
	bind_str(s, 3, minutes);
	bind_id(s, 4, by);
	sqlite3_bind_int64(s, 5, now);
	return versioned(st, s, M_CHANGED, id, "saving minutes", conflict);
}

/* ------------------------------------------------------------------ */
/* Rows beside the meeting                                             */

/* Run an insert already bound and hand back its id. */
static enum herr
insert(struct store *st, sqlite3_stmt *s, const char *doing, int64_t *id)
{
	enum herr e = step_done(st, s, doing, NULL);

	if (e == HERR_OK)
		*id = sqlite3_last_insert_rowid(st->db);
	return e;
}

enum herr
store_invitee_add(struct store *st, int64_t meeting_id, struct invitee *i)
{
	sqlite3_stmt *s = q(st, M_INVITEE_INSERT);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_text(s, 2, invitee_kind_code(i->kind));
	bind_str(s, 3, i->name);
	bind_str(s, 4, i->role);
	bind_id(s, 5, i->agency_id);
	bind_str(s, 6, i->agency);
	bind_id(s, 7, i->staff_id);
	bind_date(s, 8, i->invited_on);
	bind_text(s, 9, attendance_code(i->attendance));
	sqlite3_bind_int(s, 10, i->report_expected ? 1 : 0);
	return insert(st, s, "inviting someone to a conference", &i->id);
}

enum herr
store_invitee_attendance(struct store *st, int64_t meeting_id,
    int64_t invitee_id, enum attendance a)
{
	sqlite3_stmt *s = q(st, M_INVITEE_ATTENDANCE);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	sqlite3_bind_int64(s, 2, invitee_id);
	bind_text(s, 3, attendance_code(a));
	if ((e = step_done(st, s, "recording attendance", NULL)) != HERR_OK)
		return e;
	return sqlite3_changes(st->db) == 1 ? HERR_OK : HERR_NOTFOUND;
}

enum herr
store_report_add(struct store *st, int64_t meeting_id,
    struct agency_report *r)
{
	sqlite3_stmt *s = q(st, M_REPORT_INSERT);
	enum herr e;

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_id(s, 2, r->invitee_id);
	bind_str(s, 3, r->text);
	bind_id(s, 4, r->author_id);
	sqlite3_bind_int64(s, 5, r->submitted_at);
	bind_date(s, 6, r->shared_on);
	if ((e = insert(st, s, "adding an agency report", &r->id)) == HERR_OK)
		r->version = 1;
	return e;
}

enum herr
store_report_update(struct store *st, const struct agency_report *r,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_REPORT_UPDATE);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_int64(s, 2, expected);
	bind_str(s, 3, r->text);
	bind_id(s, 4, r->author_id);
	sqlite3_bind_int64(s, 5, r->submitted_at);
	bind_date(s, 6, r->shared_on);
	bind_id(s, 7, by);
	sqlite3_bind_int64(s, 8, now);
	return versioned(st, s, M_REPORT_CHANGED, r->id,
	    "changing an agency report", conflict);
}

enum herr
store_report_share(struct store *st, int64_t report_id, hday shared_on,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict)
{
	sqlite3_stmt *s = q(st, M_REPORT_SHARE);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, report_id);
	sqlite3_bind_int64(s, 2, expected);
	bind_date(s, 3, shared_on);
	bind_id(s, 4, by);
	sqlite3_bind_int64(s, 5, now);
	return versioned(st, s, M_REPORT_CHANGED, report_id,
	    "recording a report shared", conflict);
}

enum herr
store_view_add(struct store *st, int64_t meeting_id,
    struct threshold_view *v)
{
	sqlite3_stmt *s = q(st, M_VIEW_INSERT);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_id(s, 2, v->child_id);
	bind_str(s, 3, v->name);
	bind_str(s, 4, v->agency);
	sqlite3_bind_int(s, 5, v->met ? 1 : 0);
	bind_str(s, 6, v->reason);
	return insert(st, s, "recording a view on the threshold", &v->id);
}

enum herr
store_send_add(struct store *st, int64_t meeting_id, struct meeting_send *x)
{
	sqlite3_stmt *s = q(st, M_SEND_INSERT);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_text(s, 2, doc_kind_code(x->doc));
	bind_text(s, 3, doc_audience_code(x->audience));
	bind_str(s, 4, x->method);
	bind_str(s, 5, x->recipients);
	sqlite3_bind_int64(s, 6, x->sent_at);
	bind_id(s, 7, x->sent_by);
	return insert(st, s, "recording a document sent", &x->id);
}

enum herr
store_feedback_add(struct store *st, int64_t meeting_id, struct feedback *f)
{
	sqlite3_stmt *s = q(st, M_FEEDBACK_INSERT);

	if (in_transaction(st) != HERR_OK)
		return HERR_ENV;
	sqlite3_bind_int64(s, 1, meeting_id);
	bind_text(s, 2, feedback_from_code(f->from));
	bind_str(s, 3, f->name);
	for (int k = 0; k < FEEDBACK_QUESTIONS; k++)
		sqlite3_bind_int(s, 4 + k, f->answers[k]);
	bind_str(s, 8, f->comments);
	bind_date(s, 9, f->given_on);
	bind_id(s, 10, f->recorded_by);
	sqlite3_bind_int64(s, 11, f->recorded_at);
	return insert(st, s, "recording feedback", &f->id);
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */

/* The summary columns 0..12 of a list row into x (children apart). */
static enum herr
read_summary(sqlite3_stmt *s, struct meeting_summary *x)
{
	int v;

	memset(x, 0, sizeof(*x));
	x->id = sqlite3_column_int64(s, 0);
	if (code_of(s, 1, conference_kind_parse, &v) != HERR_OK)
		return HERR_INVALID;
	x->kind = (enum conference_kind)v;
	if (code_of(s, 2, meeting_status_parse, &v) != HERR_OK)
		return HERR_INVALID;
	x->status = (enum meeting_status)v;
	x->date = column_date(s, 3);
	x->minute = sqlite3_column_int(s, 4);
	col_text(s, 5, x->place, sizeof(x->place));
	x->chair_id = sqlite3_column_int64(s, 6);
	x->reports_expected = sqlite3_column_int(s, 7);
	x->reports_in = sqlite3_column_int(s, 8);
	x->reports_shared = sqlite3_column_int(s, 9);
	x->plan_saved = sqlite3_column_int(s, 10) != 0;
	x->minutes_saved = sqlite3_column_int(s, 11) != 0;
	x->all_sent_at = sqlite3_column_int64(s, 12);
	return HERR_OK;
}

/* Step a LIST statement already bound (but for ?4) into out[max]: one
 * summary per meeting, its children from the rows that follow it. */
static enum herr
list(struct store *st, sqlite3_stmt *s, struct meeting_summary *out,
    int max, int *n, const char *doing)
{
	enum herr e = HERR_OK;
	int rc;

	*n = 0;
	if (max <= 0) {
		finish(s);
		return HERR_OK;
	}
	sqlite3_bind_int(s, 4, max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0), child;
		struct meeting_summary *x;

		if (*n == 0 || out[*n - 1].id != id) {
			if (*n == max)
				break;
			if ((e = read_summary(s, &out[*n])) != HERR_OK)
				break;
			(*n)++;
		}
		x = &out[*n - 1];
		child = sqlite3_column_int64(s, 13);
		if (child != 0 && x->n_children < CONFERENCE_CHILDREN_MAX)
			x->child_ids[x->n_children++] = child;
	}
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	return list_done(st, s, e, rc, doing);
}

enum herr
store_meetings_child(struct store *st, int64_t child_id,
    struct meeting_summary *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, M_LIST_CHILD);

	sqlite3_bind_int64(s, 1, child_id);
	return list(st, s, out, max, n, "listing a child's conferences");
}

enum herr
store_meetings_booked(struct store *st, int64_t chair_id, hday from, hday to,
    struct meeting_summary *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, chair_id != 0 ? M_LIST_BOOKED_CHAIR :
	    M_LIST_BOOKED_ALL);

	if (chair_id != 0)
		sqlite3_bind_int64(s, 1, chair_id);
	bind_date(s, 2, from);
	bind_date(s, 3, to);
	return list(st, s, out, max, n, "listing booked conferences");
}

enum herr
store_meetings_unsent(struct store *st, int64_t chair_id,
    struct meeting_summary *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, chair_id != 0 ? M_LIST_UNSENT_CHAIR :
	    M_LIST_UNSENT_ALL);

	if (chair_id != 0)
		sqlite3_bind_int64(s, 1, chair_id);
	return list(st, s, out, max, n,
	    "listing conferences with documents to send");
}

enum herr
store_meetings_invited(struct store *st, int64_t staff_id, int64_t agency_id,
    hday from, struct meeting_summary *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, M_LIST_INVITED);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, agency_id);
	bind_date(s, 3, from);
	return list(st, s, out, max, n, "listing conferences invited to");
}

enum herr
store_meeting_invited(struct store *st, int64_t meeting_id, int64_t staff_id,
    int64_t agency_id, bool *invited)
{
	sqlite3_stmt *s = q(st, M_INVITED);
	enum herr e;

	*invited = false;
	sqlite3_bind_int64(s, 1, meeting_id);
	sqlite3_bind_int64(s, 2, staff_id);
	sqlite3_bind_int64(s, 3, agency_id);
	if ((e = step_row(st, s, "checking an invitation")) == HERR_OK)
		*invited = sqlite3_column_int(s, 0) != 0;
	finish(s);
	return e;
}

enum herr
store_meeting_has_child(struct store *st, int64_t meeting_id,
    int64_t child_id, bool *yes)
{
	sqlite3_stmt *s = q(st, M_HAS_CHILD);
	enum herr e;

	*yes = false;
	sqlite3_bind_int64(s, 1, meeting_id);
	sqlite3_bind_int64(s, 2, child_id);
	if ((e = step_row(st, s, "checking a conference's children")) ==
	    HERR_OK)
		*yes = sqlite3_column_int(s, 0) != 0;
	finish(s);
	return e;
}
