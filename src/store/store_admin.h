/*
 * store_admin.h: the store's half of staff administration: finding
 * agencies and teams by name, switching a member of staff on and off,
 * listing who can sign in, and picking the demo's sign-in accounts.
 * Implemented in store_admin.c.  Reads and writes only; who may administer
 * is access.h's decision and the rules for staff are staff.h's.
 */
#ifndef HEARTH_STORE_STORE_ADMIN_H
#define HEARTH_STORE_STORE_ADMIN_H

#include <stdbool.h>

#include "core/staff.h"
#include "store/store.h"

/* The agency or team called exactly `name`.  NOTFOUND if there is none. */
enum herr store_agency_by_name(struct store *st, const char *name,
    struct agency *out) HEARTH_WUR;
enum herr store_team_by_name(struct store *st, const char *name,
    struct team *out) HEARTH_WUR;

/* Set a member of staff's active flag (a new version of the record).
 * NOTFOUND if there is no such member of staff. */
enum herr store_staff_set_active(struct store *st, int64_t staff_id,
    bool active) HEARTH_WUR;

/* One line of `hearth user list`: the record, its agency's name, and
 * whether a password and a second factor are set (never the secrets). */
struct store_user {
	struct staff staff;
	char agency[AGENCY_NAME_MAX + 1];
	bool has_password;
	bool totp_enrolled;
};

/* Call fn for every member of staff (only those in *role when role is not
 * NULL) in username order; stops early, returning HERR_OK, when fn returns
 * false.  The row passed to fn is borrowed for the call. */
enum herr store_users_each(struct store *st, const enum staff_role *role,
    bool (*fn)(const struct store_user *u, void *ctx), void *ctx)
    HEARTH_WUR;

/*
 * The active member of staff in `role` with the lowest id, preferring one
 * who on `today` holds a current allocation, and after them one who is a
 * current member of a team in which someone does (so that a demo sign-in
 * has work to see).  NOTFOUND if nobody active has the role.
 */
enum herr store_staff_first_in_role(struct store *st, enum staff_role role,
    hday today, struct staff *out) HEARTH_WUR;

#endif
