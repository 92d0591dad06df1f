/*
 * store_auth.c: the SQLite side of store_auth.h.
 *
 * Owns the statements for credentials, sessions, API tokens, the audit
 * chain and access facts.  Decides nothing: access.c and auth.c hold the
 * rules; this file only reads and writes what they need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum auth_stmt {
	A_STAFF_BY_USERNAME,
	A_PRINCIPAL,
	A_PRINCIPAL_TEAMS,
	A_CRED_GET,
	A_CRED_SET_PASSWORD,
	A_CRED_FAILED,
	A_CRED_SUCCEEDED,
	A_CRED_TOTP_BEGIN,
	A_CRED_TOTP_USED,
	A_CRED_TOTP_RESET,
	A_SESSION_ADD,
	A_SESSION_GET,
	A_SESSION_TOUCH,
	A_SESSION_PROMOTE,
	A_SESSION_END,
	A_SESSIONS_END_STAFF,
	A_TOKEN_ADD,
	A_TOKEN_GET,
	A_TOKEN_USED,
	A_TOKEN_REVOKE,
	A_TOKENS_OF_STAFF,
	A_AUDIT_LAST,
	A_AUDIT_INSERT,
	A_AUDIT_ALL,
	A_AUDIT_SUBJECT,
	A_AUDIT_SUBJECT_COUNT,
	A_FACTS_CHILD,
	A_FACTS_HOUSEHOLD,
	A_GLASS_ADD,
	A_SHARE_ADD,
	A_RESTRICT_SET,
	A_RESTRICT_CLEAR_USERS,
	A_RESTRICT_USER_ADD,
	A__COUNT
};

/* "Current on ?3": started by then and not ended before it. */
#define CURRENT(t) \
	"(" t ".start_date <= ?3 AND (" t ".end_date IS NULL OR " t \
	".end_date >= ?3))"

/* The children a household's facts are taken over: its current members. */
#define HOUSEHOLD_CHILDREN \
	"(SELECT hm.person_id FROM household_member hm JOIN child c" \
	" ON c.person_id = hm.person_id WHERE hm.household_id = ?1" \
	" AND (hm.end_date IS NULL OR hm.end_date >= ?3))"

/* The households a child currently lives in. */
#define CHILD_HOUSEHOLDS \
	"(SELECT hm.household_id FROM household_member hm" \
	" WHERE hm.person_id = ?1 AND (hm.end_date IS NULL OR" \
	" hm.end_date >= ?3))"

/*
 * The workers currently allocated to a child (directly or through a
 * household it lives in), found from the child's side: a child has a few
 * allocations, while a worker or a team has hundreds, so the facts are
 * driven from here rather than from the principal's caseload.
 */
#define CHILD_WORKERS \
	"(SELECT a.staff_id FROM allocation a WHERE a.child_id = ?1 AND " \
	CURRENT("a") " UNION SELECT a.staff_id FROM allocation a" \
	" WHERE a.household_id IN " CHILD_HOUSEHOLDS " AND " CURRENT("a") ")"

/* The same for a household: its own workers and its children's. */
#define HOUSEHOLD_WORKERS \
	"(SELECT a.staff_id FROM allocation a WHERE a.household_id = ?1 AND " \
	CURRENT("a") " UNION SELECT a.staff_id FROM allocation a" \
	" WHERE a.child_id IN " HOUSEHOLD_CHILDREN " AND " CURRENT("a") ")"

const char *const store_auth_sql[A__COUNT + 1] = {
	[A_STAFF_BY_USERNAME] = "SELECT id FROM staff WHERE username = ?1",
	[A_PRINCIPAL] =
	    "SELECT s.role, s.agency_id, a.kind, s.username, s.given_name,"
	    " s.family_name FROM staff s JOIN agency a ON a.id = s.agency_id"
	    " WHERE s.id = ?1 AND s.active = 1",
	[A_PRINCIPAL_TEAMS] =
	    "SELECT team_id FROM team_member tm WHERE tm.staff_id = ?1 AND"
	    " tm.start_date <= ?2 AND (tm.end_date IS NULL OR"
	    " tm.end_date >= ?2) ORDER BY team_id",
	[A_CRED_GET] =
	    "SELECT password_hash, totp_secret, totp_enrolled, totp_last_step,"
	    " failures, last_failure, changed_at FROM credential"
	    " WHERE staff_id = ?1",
	[A_CRED_SET_PASSWORD] =
	    "INSERT INTO credential (staff_id, password_hash, changed_at)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (staff_id) DO UPDATE SET"
	    " password_hash = excluded.password_hash, failures = 0,"
	    " changed_at = excluded.changed_at",
	[A_CRED_FAILED] =
	    "UPDATE credential SET failures = failures + 1, last_failure = ?2"
	    " WHERE staff_id = ?1 RETURNING failures",
	[A_CRED_SUCCEEDED] =
	    "UPDATE credential SET failures = 0 WHERE staff_id = ?1",
	[A_CRED_TOTP_BEGIN] =
	    "UPDATE credential SET totp_secret = ?2, totp_enrolled = 0,"
	    " totp_last_step = 0 WHERE staff_id = ?1",
	[A_CRED_TOTP_USED] =
	    "UPDATE credential SET totp_last_step = ?2, totp_enrolled ="
	    " CASE WHEN ?3 THEN 1 ELSE totp_enrolled END"
	    " WHERE staff_id = ?1 AND totp_last_step < ?2"
	    " AND totp_secret IS NOT NULL",
	[A_CRED_TOTP_RESET] =
	    "UPDATE credential SET totp_secret = NULL, totp_enrolled = 0,"
	    " totp_last_step = 0 WHERE staff_id = ?1",
	[A_SESSION_ADD] =
	    "INSERT INTO session (token_hash, staff_id, csrf, stage, created,"
	    " last_seen, remote) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
	[A_SESSION_GET] =
	    "SELECT id, staff_id, csrf, stage, created, last_seen, remote"
	    " FROM session WHERE token_hash = ?1 AND ended IS NULL",
	[A_SESSION_TOUCH] =
	    "UPDATE session SET last_seen = ?2 WHERE id = ?1 AND ended IS NULL",
	[A_SESSION_PROMOTE] =
	    "UPDATE session SET stage = 2, last_seen = ?2 WHERE id = ?1"
	    " AND ended IS NULL",
	[A_SESSION_END] =
	    "UPDATE session SET ended = ?2 WHERE id = ?1 AND ended IS NULL",
	[A_SESSIONS_END_STAFF] =
	    "UPDATE session SET ended = ?2 WHERE staff_id = ?1"
	    " AND ended IS NULL",
	[A_TOKEN_ADD] =
	    "INSERT INTO api_token (staff_id, name, token_hash, created)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[A_TOKEN_GET] =
	    "SELECT id, staff_id, name, created, last_used FROM api_token"
	    " WHERE token_hash = ?1 AND revoked IS NULL",
	[A_TOKEN_USED] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1",
	[A_TOKEN_REVOKE] =
	    "UPDATE api_token SET revoked = ?3 WHERE id = ?2 AND staff_id = ?1"
	    " AND revoked IS NULL",
	[A_TOKENS_OF_STAFF] =
	    "SELECT id, name, created, last_used, revoked FROM api_token"
	    " WHERE staff_id = ?1 ORDER BY id DESC",
	[A_AUDIT_LAST] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
	[A_AUDIT_INSERT] =
	    "INSERT INTO audit (id, at, staff_id, username, role, action,"
	    " subject_kind, subject_id, route, remote, reason, prev_hash, hash)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[A_AUDIT_ALL] =
	    "SELECT id, at, staff_id, username, role, action, subject_kind,"
	    " subject_id, route, remote, reason, prev_hash, hash FROM audit"
	    " ORDER BY id",
	[A_AUDIT_SUBJECT] =
	    "SELECT id, at, staff_id, username, role, action, subject_kind,"
	    " subject_id, route, remote, reason, prev_hash, hash FROM audit"
	    " WHERE subject_kind = ?1 AND subject_id = ?2"
	    " ORDER BY at DESC, id DESC LIMIT ?3",
	[A_AUDIT_SUBJECT_COUNT] =
	    "SELECT count(*) FROM audit WHERE subject_kind = ?1"
	    " AND subject_id = ?2",
	/* ?1 child, ?2 staff, ?3 today, ?4 agency, ?5 now */
	[A_FACTS_CHILD] =
	    "SELECT"
	    " EXISTS (SELECT 1 FROM child WHERE person_id = ?1),"
	    " ?2 IN " CHILD_WORKERS ","
	    " EXISTS (SELECT 1 FROM team_member me JOIN team_member tm"
	    "  ON tm.team_id = me.team_id AND " CURRENT("tm")
	    "  WHERE me.staff_id = ?2 AND " CURRENT("me")
	    "  AND tm.staff_id IN " CHILD_WORKERS "),"
	    " EXISTS (SELECT 1 FROM record_share s WHERE s.child_id = ?1"
	    "  AND s.agency_id = ?4 AND " CURRENT("s") "),"
	    " EXISTS (SELECT 1 FROM restriction WHERE child_id = ?1),"
	    " EXISTS (SELECT 1 FROM restriction_user WHERE child_id = ?1"
	    "  AND staff_id = ?2),"
	    " EXISTS (SELECT 1 FROM break_glass WHERE child_id = ?1"
	    "  AND staff_id = ?2 AND expires > ?5),"
	    " EXISTS (SELECT 1 FROM meeting_child mc JOIN meeting m"
	    "  ON m.id = mc.meeting_id WHERE mc.child_id = ?1"
	    "  AND m.chair_id = ?2 AND m.status <> 'cancelled'"
	    "  AND m.date >= date(?3, '-120 days'))",
	/* ?1 household, ?2 staff, ?3 today, ?4 agency, ?5 now */
	[A_FACTS_HOUSEHOLD] =
	    "SELECT"
	    " EXISTS (SELECT 1 FROM household WHERE id = ?1),"
	    " ?2 IN " HOUSEHOLD_WORKERS ","
	    " EXISTS (SELECT 1 FROM team_member me JOIN team_member tm"
	    "  ON tm.team_id = me.team_id AND " CURRENT("tm")
	    "  WHERE me.staff_id = ?2 AND " CURRENT("me")
	    "  AND tm.staff_id IN " HOUSEHOLD_WORKERS "),"
	    " EXISTS (SELECT 1 FROM record_share s WHERE s.child_id IN "
	    HOUSEHOLD_CHILDREN " AND s.agency_id = ?4 AND " CURRENT("s") "),"
	    " EXISTS (SELECT 1 FROM restriction WHERE child_id IN "
	    HOUSEHOLD_CHILDREN "),"
	    " NOT EXISTS (SELECT 1 FROM restriction r WHERE r.child_id IN "
	    HOUSEHOLD_CHILDREN " AND NOT EXISTS (SELECT 1 FROM"
	    "  restriction_user u WHERE u.child_id = r.child_id"
	    "  AND u.staff_id = ?2)),"
	    " NOT EXISTS (SELECT 1 FROM restriction r WHERE r.child_id IN "
	    HOUSEHOLD_CHILDREN " AND NOT EXISTS (SELECT 1 FROM break_glass g"
	    "  WHERE g.child_id = r.child_id AND g.staff_id = ?2"
	    "  AND g.expires > ?5)),"
	    " 0",
	[A_GLASS_ADD] =
	    "INSERT INTO break_glass (staff_id, child_id, reason, at, expires)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[A_SHARE_ADD] =
	    "INSERT INTO record_share (child_id, agency_id, shared_by,"
	    " start_date, end_date, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[A_RESTRICT_SET] =
	    "INSERT INTO restriction (child_id, reason, set_by, set_at)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (child_id) DO UPDATE SET"
	    " reason = excluded.reason, set_by = excluded.set_by,"
	    " set_at = excluded.set_at",
	[A_RESTRICT_CLEAR_USERS] =
	    "DELETE FROM restriction_user WHERE child_id = ?1",
	[A_RESTRICT_USER_ADD] =
	    "INSERT OR IGNORE INTO restriction_user (child_id, staff_id)"
	    " VALUES (?1, ?2)",
	[A__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum auth_stmt which)
{
	return store_q(st, SQLSET_AUTH, which);
}

/* Run `s`, which must change exactly one row; NOTFOUND if none did. */
static enum herr
change_one(struct store *st, sqlite3_stmt *s, const char *doing)
{
	enum herr e = step_done(st, s, doing, NULL);

	if (e == HERR_OK && sqlite3_changes(st->db) == 0)
		e = HERR_NOTFOUND;
	return e;
}

enum herr
store_staff_by_username(struct store *st, const char *username,
    struct staff *out)
{
	sqlite3_stmt *s = q(st, A_STAFF_BY_USERNAME);
	int64_t id = 0;
	enum herr e;

	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	if ((e = step_row(st, s, "finding a member of staff")) == HERR_OK)
		id = sqlite3_column_int64(s, 0);
	finish(s);
	return e == HERR_OK ? store_staff_get(st, id, out) : e;
}

enum herr
store_principal_load(struct store *st, int64_t staff_id, hday today,
    struct principal *p)
{
	sqlite3_stmt *s = q(st, A_PRINCIPAL);
	char code[32], given[PERSON_NAME_MAX + 1], family[PERSON_NAME_MAX + 1];
	enum herr e;
	int rc;

	memset(p, 0, sizeof(*p));
	sqlite3_bind_int64(s, 1, staff_id);
	if ((e = step_row(st, s, "reading a principal")) == HERR_OK) {
		p->staff_id = staff_id;
		column_copy(s, 0, code, sizeof(code));
		e = role_parse(code, &p->role, "role", NULL);
		p->agency_id = sqlite3_column_int64(s, 1);
		column_copy(s, 2, code, sizeof(code));
		if (e == HERR_OK)
			e = agency_kind_parse(code, &p->agency_kind, "kind",
			    NULL);
		column_copy(s, 3, p->username, sizeof(p->username));
		column_copy(s, 4, given, sizeof(given));
		column_copy(s, 5, family, sizeof(family));
		snprintf(p->display, sizeof(p->display), "%s %s", given,
		    family);
	}
	finish(s);
	if (e != HERR_OK) {
		memset(p, 0, sizeof(*p));
		return e;
	}
	s = q(st, A_PRINCIPAL_TEAMS);
	sqlite3_bind_int64(s, 1, staff_id);
	bind_date(s, 2, today);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (p->n_teams < ACCESS_TEAMS_MAX)
			p->team_ids[p->n_teams++] = sqlite3_column_int64(s, 0);
	finish(s);
	if (rc != SQLITE_DONE) {
		memset(p, 0, sizeof(*p));
		return sql_fail(st->db, rc, "reading teams", NULL);
	}
	return HERR_OK;
}

enum herr
store_credential_get(struct store *st, int64_t staff_id,
    struct credential *c)
{
	sqlite3_stmt *s = q(st, A_CRED_GET);
	enum herr e;

	memset(c, 0, sizeof(*c));
	sqlite3_bind_int64(s, 1, staff_id);
	if ((e = step_row(st, s, "reading a credential")) == HERR_OK) {
		c->staff_id = staff_id;
		column_copy(s, 0, c->password_hash, sizeof(c->password_hash));
		column_copy(s, 1, c->totp_secret, sizeof(c->totp_secret));
		c->totp_enrolled = sqlite3_column_int(s, 2) != 0;
		c->totp_last_step = sqlite3_column_int64(s, 3);
		c->failures = sqlite3_column_int(s, 4);
		c->last_failure = sqlite3_column_int64(s, 5);
		c->changed_at = sqlite3_column_int64(s, 6);
	}
	finish(s);
	return e;
}

enum herr
store_credential_set_password(struct store *st, int64_t staff_id,
    const char *hash, int64_t now)
{
	sqlite3_stmt *s = q(st, A_CRED_SET_PASSWORD);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	return step_done(st, s, "saving a password", NULL);
}

enum herr
store_credential_failed(struct store *st, int64_t staff_id, int64_t now,
    int *failures)
{
	sqlite3_stmt *s = q(st, A_CRED_FAILED);
	enum herr e;

	*failures = 0;
	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, now);
	if ((e = step_row(st, s, "counting a failed sign-in")) == HERR_OK) {
		*failures = sqlite3_column_int(s, 0);
		/* RETURNING rows are written when the statement finishes. */
		while (sqlite3_step(s) == SQLITE_ROW)
			;
	}
	finish(s);
	return e;
}

enum herr
store_credential_succeeded(struct store *st, int64_t staff_id)
{
	sqlite3_stmt *s = q(st, A_CRED_SUCCEEDED);

	sqlite3_bind_int64(s, 1, staff_id);
	return step_done(st, s, "clearing failed sign-ins", NULL);
}

enum herr
store_credential_totp_begin(struct store *st, int64_t staff_id,
    const char *secret)
{
	sqlite3_stmt *s = q(st, A_CRED_TOTP_BEGIN);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_text(s, 2, secret, -1, SQLITE_STATIC);
	return change_one(st, s, "starting two-factor enrolment");
}

enum herr
store_credential_totp_used(struct store *st, int64_t staff_id, int64_t step,
    bool enrol)
{
	sqlite3_stmt *s = q(st, A_CRED_TOTP_USED);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, step);
	sqlite3_bind_int(s, 3, enrol ? 1 : 0);
	/* No row changed: the step was used already (a replay). */
	return change_one(st, s, "recording a security code");
}

enum herr
store_credential_totp_reset(struct store *st, int64_t staff_id)
{
	sqlite3_stmt *s = q(st, A_CRED_TOTP_RESET);

	sqlite3_bind_int64(s, 1, staff_id);
	return change_one(st, s, "resetting two-factor sign-in");
}

enum herr
store_session_add(struct store *st, struct session *x)
{
	sqlite3_stmt *s = q(st, A_SESSION_ADD);
	enum herr e;

	sqlite3_bind_blob(s, 1, x->token_hash, ACCOUNT_TOKEN_HASH,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, x->staff_id);
	sqlite3_bind_text(s, 3, x->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, (int)x->stage);
	sqlite3_bind_int64(s, 5, x->created);
	sqlite3_bind_text(s, 6, x->remote, -1, SQLITE_STATIC);
	if ((e = step_done(st, s, "starting a session", NULL)) == HERR_OK) {
		x->id = sqlite3_last_insert_rowid(st->db);
		x->last_seen = x->created;
	}
	return e;
}

enum herr
store_session_get(struct store *st,
    const unsigned char hash[ACCOUNT_TOKEN_HASH], struct session *x)
{
	sqlite3_stmt *s = q(st, A_SESSION_GET);
	enum herr e;

	memset(x, 0, sizeof(*x));
	sqlite3_bind_blob(s, 1, hash, ACCOUNT_TOKEN_HASH, SQLITE_STATIC);
	if ((e = step_row(st, s, "reading a session")) == HERR_OK) {
		memcpy(x->token_hash, hash, ACCOUNT_TOKEN_HASH);
		x->id = sqlite3_column_int64(s, 0);
		x->staff_id = sqlite3_column_int64(s, 1);
		column_copy(s, 2, x->csrf, sizeof(x->csrf));
		x->stage = sqlite3_column_int(s, 3) == 2 ? SESSION_SIGNED_IN :
		    SESSION_PASSWORD;
		x->created = sqlite3_column_int64(s, 4);
		x->last_seen = sqlite3_column_int64(s, 5);
		column_copy(s, 6, x->remote, sizeof(x->remote));
	}
	finish(s);
	return e;
}

static enum herr
session_update(struct store *st, enum auth_stmt which, int64_t id,
    int64_t now, const char *doing)
{
	sqlite3_stmt *s = q(st, which);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	return change_one(st, s, doing);
}

enum herr
store_session_touch(struct store *st, int64_t id, int64_t now)
{
	return session_update(st, A_SESSION_TOUCH, id, now,
	    "keeping a session alive");
}

enum herr
store_session_promote(struct store *st, int64_t id, int64_t now)
{
	return session_update(st, A_SESSION_PROMOTE, id, now,
	    "completing sign-in");
}

enum herr
store_session_end(struct store *st, int64_t id, int64_t now)
{
	return session_update(st, A_SESSION_END, id, now, "signing out");
}

enum herr
store_sessions_end_staff(struct store *st, int64_t staff_id, int64_t now)
{
	sqlite3_stmt *s = q(st, A_SESSIONS_END_STAFF);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, now);
	return step_done(st, s, "ending sessions", NULL);
}

enum herr
store_api_token_add(struct store *st, struct api_token *t,
    struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, A_TOKEN_ADD);
	enum herr e;

	sqlite3_bind_int64(s, 1, t->staff_id);
	bind_text(s, 2, t->name);
	sqlite3_bind_blob(s, 3, t->token_hash, ACCOUNT_TOKEN_HASH,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, t->created);
	if ((e = step_done(st, s, "saving a token", diag)) == HERR_OK)
		t->id = sqlite3_last_insert_rowid(st->db);
	return e;
}

enum herr
store_api_token_get(struct store *st,
    const unsigned char hash[ACCOUNT_TOKEN_HASH], struct api_token *t)
{
	sqlite3_stmt *s = q(st, A_TOKEN_GET);
	enum herr e;

	memset(t, 0, sizeof(*t));
	sqlite3_bind_blob(s, 1, hash, ACCOUNT_TOKEN_HASH, SQLITE_STATIC);
	if ((e = step_row(st, s, "reading a token")) == HERR_OK) {
		memcpy(t->token_hash, hash, ACCOUNT_TOKEN_HASH);
		t->id = sqlite3_column_int64(s, 0);
		t->staff_id = sqlite3_column_int64(s, 1);
		column_copy(s, 2, t->name, sizeof(t->name));
		t->created = sqlite3_column_int64(s, 3);
		t->last_used = sqlite3_column_int64(s, 4);
	}
	finish(s);
	return e;
}

enum herr
store_api_token_used(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *s = q(st, A_TOKEN_USED);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	return step_done(st, s, "using a token", NULL);
}

enum herr
store_api_token_revoke(struct store *st, int64_t staff_id, int64_t id,
    int64_t now)
{
	sqlite3_stmt *s = q(st, A_TOKEN_REVOKE);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, id);
	sqlite3_bind_int64(s, 3, now);
	return change_one(st, s, "revoking a token");
}

enum herr
store_api_tokens(struct store *st, int64_t staff_id, struct api_token *out,
    int cap, int *n)
{
	sqlite3_stmt *s = q(st, A_TOKENS_OF_STAFF);
	int rc, k = 0;

	sqlite3_bind_int64(s, 1, staff_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k < cap) {
			struct api_token *t = &out[k];

			memset(t, 0, sizeof(*t));
			t->staff_id = staff_id;
			t->id = sqlite3_column_int64(s, 0);
			column_copy(s, 1, t->name, sizeof(t->name));
			t->created = sqlite3_column_int64(s, 2);
			t->last_used = sqlite3_column_int64(s, 3);
			t->revoked = sqlite3_column_int64(s, 4);
		}
		k++;
	}
	finish(s);
	*n = k;
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing tokens", NULL);
}

enum herr
store_audit_append(struct store *st, struct audit_row *rows, int n)
{
	sqlite3_stmt *s = q(st, A_AUDIT_LAST);
	unsigned char prev[AUDIT_HASH_BYTES];
	int64_t id = 0;
	bool first = true;
	enum herr e;

	if (sqlite3_get_autocommit(st->db))
		return hdiag_set(NULL, HERR_ENV, "", "", "audit outside a "
		    "transaction");
	e = step_row(st, s, "reading the audit chain");
	if (e == HERR_OK) {
		id = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == AUDIT_HASH_BYTES) {
			memcpy(prev, sqlite3_column_blob(s, 1),
			    AUDIT_HASH_BYTES);
			first = false;
		}
	}
	finish(s);
	if (e != HERR_OK && e != HERR_NOTFOUND)
		return e;
	for (int i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];

		r->id = ++id;
		audit_seal(r, first ? NULL : prev);
		first = false;
		memcpy(prev, r->hash, AUDIT_HASH_BYTES);
		s = q(st, A_AUDIT_INSERT);
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, r->at_ms);
		bind_id(s, 3, r->staff_id);
		sqlite3_bind_text(s, 4, r->username, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, r->role, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, audit_action_code(r->action), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 7, audit_subject_code(r->subject), -1,
		    SQLITE_STATIC);
		bind_id(s, 8, r->subject_id);
		sqlite3_bind_text(s, 9, r->route, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, r->remote, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, r->reason, -1, SQLITE_STATIC);
		sqlite3_bind_blob(s, 12, r->prev, AUDIT_HASH_BYTES,
		    SQLITE_STATIC);
		sqlite3_bind_blob(s, 13, r->hash, AUDIT_HASH_BYTES,
		    SQLITE_STATIC);
		if ((e = step_done(st, s, "writing an audit row", NULL)) !=
		    HERR_OK)
			return e;
	}
	return HERR_OK;
}

/* Read the audit row `s` is on.  Unknown codes read as out-of-range values,
 * so a tampered code fails the hash rather than the read. */
static void
audit_read(sqlite3_stmt *s, struct audit_row *r)
{
	char code[32];

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->at_ms = sqlite3_column_int64(s, 1);
	r->staff_id = sqlite3_column_int64(s, 2);
	column_copy(s, 3, r->username, sizeof(r->username));
	column_copy(s, 4, r->role, sizeof(r->role));
	column_copy(s, 5, code, sizeof(code));
	if (audit_action_parse(code, &r->action) != HERR_OK)
		r->action = AUDIT_ACTION__COUNT;
	column_copy(s, 6, code, sizeof(code));
	if (audit_subject_parse(code, &r->subject) != HERR_OK)
		r->subject = SUBJECT__COUNT;
	r->subject_id = sqlite3_column_int64(s, 7);
	column_copy(s, 8, r->route, sizeof(r->route));
	column_copy(s, 9, r->remote, sizeof(r->remote));
	column_copy(s, 10, r->reason, sizeof(r->reason));
	if (sqlite3_column_bytes(s, 11) == AUDIT_HASH_BYTES)
		memcpy(r->prev, sqlite3_column_blob(s, 11), AUDIT_HASH_BYTES);
	if (sqlite3_column_bytes(s, 12) == AUDIT_HASH_BYTES)
		memcpy(r->hash, sqlite3_column_blob(s, 12), AUDIT_HASH_BYTES);
}

enum herr
store_audit_each(struct store *st,
    bool (*fn)(const struct audit_row *row, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q(st, A_AUDIT_ALL);
	struct audit_row r;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		audit_read(s, &r);
		if (!fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "reading the audit chain", NULL);
}

enum herr
store_audit_subject(struct store *st, enum audit_subject subject,
    int64_t subject_id, struct audit_row *out, int cap, int *n)
{
	sqlite3_stmt *s = q(st, A_AUDIT_SUBJECT);
	enum herr e;
	int rc, k = 0;

	*n = 0;
	sqlite3_bind_text(s, 1, audit_subject_code(subject), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, subject_id);
	sqlite3_bind_int(s, 3, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && k < cap)
		audit_read(s, &out[k++]);
	finish(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_fail(st->db, rc, "reading who viewed", NULL);
	s = q(st, A_AUDIT_SUBJECT_COUNT);
	sqlite3_bind_text(s, 1, audit_subject_code(subject), -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, subject_id);
	if ((e = step_row(st, s, "counting audit rows")) == HERR_OK)
		*n = sqlite3_column_int(s, 0);
	finish(s);
	return e;
}

static enum herr
facts(struct store *st, enum auth_stmt which, const struct principal *p,
    int64_t id, hday today, int64_t now, struct access_facts *f)
{
	sqlite3_stmt *s = q(st, which);
	enum herr e;

	memset(f, 0, sizeof(*f));
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, p->staff_id);
	bind_date(s, 3, today);
	sqlite3_bind_int64(s, 4, p->agency_id);
	sqlite3_bind_int64(s, 5, now);
	if ((e = step_row(st, s, "checking access")) == HERR_OK) {
		f->exists = sqlite3_column_int(s, 0) != 0;
		f->allocated = sqlite3_column_int(s, 1) != 0;
		f->team_allocated = sqlite3_column_int(s, 2) != 0;
		f->shared = sqlite3_column_int(s, 3) != 0;
		f->restricted = sqlite3_column_int(s, 4) != 0;
		f->named = sqlite3_column_int(s, 5) != 0;
		f->glass_broken = sqlite3_column_int(s, 6) != 0;
		f->chairing = sqlite3_column_int(s, 7) != 0;
	}
	finish(s);
	return e;
}

enum herr
store_access_facts(struct store *st, const struct principal *p,
    int64_t child_id, hday today, int64_t now, struct access_facts *out)
{
	return facts(st, A_FACTS_CHILD, p, child_id, today, now, out);
}

enum herr
store_access_facts_household(struct store *st, const struct principal *p,
    int64_t household_id, hday today, int64_t now, struct access_facts *out)
{
	return facts(st, A_FACTS_HOUSEHOLD, p, household_id, today, now, out);
}

enum herr
store_break_glass_add(struct store *st, int64_t staff_id, int64_t child_id,
    const char *reason, int64_t now, int64_t expires)
{
	sqlite3_stmt *s = q(st, A_GLASS_ADD);

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int64(s, 2, child_id);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, expires);
	return step_done(st, s, "recording a break-glass reason", NULL);
}

enum herr
store_share_add(struct store *st, int64_t child_id, int64_t agency_id,
    int64_t shared_by, hday start, hday end, const char *reason,
    struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, A_SHARE_ADD);

	sqlite3_bind_int64(s, 1, child_id);
	sqlite3_bind_int64(s, 2, agency_id);
	bind_id(s, 3, shared_by);
	bind_date(s, 4, start);
	bind_date(s, 5, end);
	bind_text(s, 6, reason);
	return step_done(st, s, "sharing a record", diag);
}

enum herr
store_restriction_set(struct store *st, int64_t child_id, const char *reason,
    int64_t set_by, int64_t now, const int64_t *named, int n,
    struct hdiag *diag)
{
	sqlite3_stmt *s = q(st, A_RESTRICT_SET);
	enum herr e;

	sqlite3_bind_int64(s, 1, child_id);
	bind_text(s, 2, reason);
	bind_id(s, 3, set_by);
	sqlite3_bind_int64(s, 4, now);
	if ((e = step_done(st, s, "restricting a record", diag)) != HERR_OK)
		return e;
	s = q(st, A_RESTRICT_CLEAR_USERS);
	sqlite3_bind_int64(s, 1, child_id);
	if ((e = step_done(st, s, "restricting a record", diag)) != HERR_OK)
		return e;
	for (int i = 0; i < n; i++) {
		s = q(st, A_RESTRICT_USER_ADD);
		sqlite3_bind_int64(s, 1, child_id);
		sqlite3_bind_int64(s, 2, named[i]);
		if ((e = step_done(st, s, "naming who may see a record",
		    diag)) != HERR_OK)
			return e;
	}
	return HERR_OK;
}
