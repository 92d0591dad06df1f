/*
 * store_admin.c: statements and reads/writes for the admin area (see
 * store_internal.h and store_admin.h): staff accounts, their agencies and
 * teams.  Decides nothing: staff.h holds the rules for a member of staff
 * and access.h who may administer.  Never reads or returns a credential's
 * secrets, only whether they are set.
 */
#include <string.h>

#include "store/store_admin.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum admin_stmt {
	/* Users: `hearth user`, and the demo's sign-in accounts. */
	ADM_AGENCY_BY_NAME,
	ADM_TEAM_BY_NAME,
	ADM_STAFF_SET_ACTIVE,
	ADM_USERS,
	ADM_STAFF_FIRST_IN_ROLE,
	/* Further admin statements go below this group. */
	ADM__COUNT
};

/* "Current on ?2": started by then and not ended before it. */
#define ON_DAY(t) \
	"(" t ".start_date <= ?2 AND (" t ".end_date IS NULL OR " t \
	".end_date >= ?2))"

const char *const store_admin_sql[ADM__COUNT + 1] = {
	/* Users. */
	[ADM_AGENCY_BY_NAME] =
	    "SELECT id, name, kind FROM agency WHERE name = ?1",
	[ADM_TEAM_BY_NAME] =
	    "SELECT id, version, name, kind FROM team WHERE name = ?1",
	[ADM_STAFF_SET_ACTIVE] =
	    "UPDATE staff SET active = ?2, version = version + 1"
	    " WHERE id = ?1",
	[ADM_USERS] =
	    "SELECT s.id, s.version, s.username, s.given_name, s.family_name,"
	    " coalesce(s.email, ''), s.role, s.agency_id, s.active, a.name,"
	    " c.staff_id IS NOT NULL, coalesce(c.totp_enrolled, 0)"
	    " FROM staff s JOIN agency a ON a.id = s.agency_id"
	    " LEFT JOIN credential c ON c.staff_id = s.id"
	    " WHERE ?1 IS NULL OR s.role = ?1 ORDER BY s.username",
	/* ?1 role, ?2 today.  Someone with a caseload of their own comes
	 * first, then someone whose team has one (a manager). */
	[ADM_STAFF_FIRST_IN_ROLE] =
	    "SELECT s.id FROM staff s WHERE s.role = ?1 AND s.active = 1"
	    " ORDER BY EXISTS (SELECT 1 FROM allocation a"
	    "  WHERE a.staff_id = s.id AND " ON_DAY("a") ") DESC,"
	    " EXISTS (SELECT 1 FROM team_member me"
	    "  JOIN team_member tm ON tm.team_id = me.team_id AND "
	    ON_DAY("tm")
	    "  JOIN allocation a ON a.staff_id = tm.staff_id AND " ON_DAY("a")
	    "  WHERE me.staff_id = s.id AND " ON_DAY("me") ") DESC, s.id"
	    " LIMIT 1",
	[ADM__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum admin_stmt which)
{
	return store_q(st, SQLSET_ADMIN, which);
}

enum herr
store_agency_by_name(struct store *st, const char *name, struct agency *a)
{
	sqlite3_stmt *s = q(st, ADM_AGENCY_BY_NAME);
	char kind[32];
	enum herr e;

	memset(a, 0, sizeof(*a));
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if ((e = step_row(st, s, "finding an agency")) == HERR_OK) {
		a->id = sqlite3_column_int64(s, 0);
		column_copy(s, 1, a->name, sizeof(a->name));
		column_copy(s, 2, kind, sizeof(kind));
		e = agency_kind_parse(kind, &a->kind, "kind", NULL);
	}
	finish(s);
	return e;
}

enum herr
store_team_by_name(struct store *st, const char *name, struct team *t)
{
	sqlite3_stmt *s = q(st, ADM_TEAM_BY_NAME);
	char kind[32];
	enum herr e;

	memset(t, 0, sizeof(*t));
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if ((e = step_row(st, s, "finding a team")) == HERR_OK) {
		t->id = sqlite3_column_int64(s, 0);
		t->version = sqlite3_column_int64(s, 1);
		column_copy(s, 2, t->name, sizeof(t->name));
		column_copy(s, 3, kind, sizeof(kind));
		e = team_kind_parse(kind, &t->kind, "kind", NULL);
	}
	finish(s);
	return e;
}

enum herr
store_staff_set_active(struct store *st, int64_t staff_id, bool active)
{
	sqlite3_stmt *s = q(st, ADM_STAFF_SET_ACTIVE);
	enum herr e;

	sqlite3_bind_int64(s, 1, staff_id);
	sqlite3_bind_int(s, 2, active ? 1 : 0);
	e = step_done(st, s, "changing whether a member of staff is active",
	    NULL);
	if (e == HERR_OK && sqlite3_changes(st->db) == 0)
		e = HERR_NOTFOUND;
	return e;
}

enum herr
store_users_each(struct store *st, const enum staff_role *role,
    bool (*fn)(const struct store_user *u, void *ctx), void *ctx)
{
	sqlite3_stmt *s = q(st, ADM_USERS);
	struct store_user u;
	char code[32];
	int rc;

	if (role != NULL)
		sqlite3_bind_text(s, 1, role_code(*role), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&u, 0, sizeof(u));
		u.staff.id = sqlite3_column_int64(s, 0);
		u.staff.version = sqlite3_column_int64(s, 1);
		column_copy(s, 2, u.staff.username, sizeof(u.staff.username));
		column_copy(s, 3, u.staff.given_name,
		    sizeof(u.staff.given_name));
		column_copy(s, 4, u.staff.family_name,
		    sizeof(u.staff.family_name));
		column_copy(s, 5, u.staff.email, sizeof(u.staff.email));
		column_copy(s, 6, code, sizeof(code));
		if (role_parse(code, &u.staff.role, "role", NULL) != HERR_OK)
			u.staff.role = ROLE__COUNT;
		u.staff.agency_id = sqlite3_column_int64(s, 7);
		u.staff.active = sqlite3_column_int(s, 8) != 0;
		column_copy(s, 9, u.agency, sizeof(u.agency));
		u.has_password = sqlite3_column_int(s, 10) != 0;
		u.totp_enrolled = sqlite3_column_int(s, 11) != 0;
		if (!fn(&u, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	finish(s);
	return rc == SQLITE_DONE ? HERR_OK :
	    sql_fail(st->db, rc, "listing staff", NULL);
}

enum herr
store_staff_first_in_role(struct store *st, enum staff_role role,
    hday today, struct staff *out)
{
	sqlite3_stmt *s = q(st, ADM_STAFF_FIRST_IN_ROLE);
	int64_t id = 0;
	enum herr e;

	memset(out, 0, sizeof(*out));
	sqlite3_bind_text(s, 1, role_code(role), -1, SQLITE_STATIC);
	bind_date(s, 2, today);
	if ((e = step_row(st, s, "choosing a member of staff")) == HERR_OK)
		id = sqlite3_column_int64(s, 0);
	finish(s);
	return e == HERR_OK ? store_staff_get(st, id, out) : e;
}
