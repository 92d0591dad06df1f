/*
 * store_auth.h: the store's half of security: staff sign-in records,
 * sessions, API tokens, the audit chain, and the facts access decisions
 * are made from (sharing, restriction, break-glass).  Implemented in
 * store_auth.c.  Times are unix seconds unless named _ms.
 */
#ifndef HEARTH_STORE_STORE_AUTH_H
#define HEARTH_STORE_STORE_AUTH_H

#include "core/access.h"
#include "core/account.h"
#include "core/audit.h"
#include "store/store.h"

/* A member of staff by username (any case as stored).  NOTFOUND if none. */
enum herr store_staff_by_username(struct store *st, const char *username,
    struct staff *out) HEARTH_WUR;

/* The principal for staff_id: role, agency and teams current on `today`.
 * NOTFOUND if there is no such member of staff or they are disabled. */
enum herr store_principal_load(struct store *st, int64_t staff_id,
    hday today, struct principal *out) HEARTH_WUR;

/* Credentials.  get: NOTFOUND when the member of staff has no password. */
enum herr store_credential_get(struct store *st, int64_t staff_id,
    struct credential *out) HEARTH_WUR;
/* Set (or replace) the password hash; clears failures. */
enum herr store_credential_set_password(struct store *st, int64_t staff_id,
    const char *hash, int64_t now) HEARTH_WUR;
/* One more failed attempt at `now`; *failures gets the new count. */
enum herr store_credential_failed(struct store *st, int64_t staff_id,
    int64_t now, int *failures) HEARTH_WUR;
/* A good password: failures back to 0. */
enum herr store_credential_succeeded(struct store *st, int64_t staff_id)
    HEARTH_WUR;
/* Start enrolment with a new secret (not yet enrolled). */
enum herr store_credential_totp_begin(struct store *st, int64_t staff_id,
    const char *secret) HEARTH_WUR;
/* A code for `step` was accepted: record the step (refuses replays) and,
 * with `enrol`, mark the second factor as set up. */
enum herr store_credential_totp_used(struct store *st, int64_t staff_id,
    int64_t step, bool enrol) HEARTH_WUR;
/* Forget the second factor: the next sign-in enrols again. */
enum herr store_credential_totp_reset(struct store *st, int64_t staff_id)
    HEARTH_WUR;

/* Sessions, found by the hash of their token; ended ones are never found. */
enum herr store_session_add(struct store *st, struct session *s) HEARTH_WUR;
enum herr store_session_get(struct store *st,
    const unsigned char hash[ACCOUNT_TOKEN_HASH], struct session *out)
    HEARTH_WUR;
enum herr store_session_touch(struct store *st, int64_t id, int64_t now)
    HEARTH_WUR;
enum herr store_session_promote(struct store *st, int64_t id, int64_t now)
    HEARTH_WUR;
enum herr store_session_end(struct store *st, int64_t id, int64_t now)
    HEARTH_WUR;
/* End every session of a member of staff (disabled, password reset). */
enum herr store_sessions_end_staff(struct store *st, int64_t staff_id,
    int64_t now) HEARTH_WUR;

/* Personal access tokens.  get finds live (unrevoked) tokens only. */
enum herr store_api_token_add(struct store *st, struct api_token *t,
    struct hdiag *diag) HEARTH_WUR;
enum herr store_api_token_get(struct store *st,
    const unsigned char hash[ACCOUNT_TOKEN_HASH], struct api_token *out)
    HEARTH_WUR;
enum herr store_api_token_used(struct store *st, int64_t id, int64_t now)
    HEARTH_WUR;
/* Revoke token `id` of `staff_id` (NOTFOUND if it is not theirs). */
enum herr store_api_token_revoke(struct store *st, int64_t staff_id,
    int64_t id, int64_t now) HEARTH_WUR;
/* A member of staff's tokens, newest first, up to cap; *n how many. */
enum herr store_api_tokens(struct store *st, int64_t staff_id,
    struct api_token *out, int cap, int *n) HEARTH_WUR;

/*
 * Append rows to the audit chain: each is given its id, sealed onto the
 * hash of the row before it and inserted.  Must run inside a transaction
 * (store_begin) so that no other writer can interleave: the chain is only
 * as good as its order.
 */
enum herr store_audit_append(struct store *st, struct audit_row *rows,
    int n) HEARTH_WUR;

/* Call fn for every row in id order from the first; stops early (and
 * returns HERR_OK) when fn returns false. */
enum herr store_audit_each(struct store *st,
    bool (*fn)(const struct audit_row *row, void *ctx), void *ctx)
    HEARTH_WUR;

/* Rows about one subject, newest first, up to cap; *n how many in all. */
enum herr store_audit_subject(struct store *st, enum audit_subject subject,
    int64_t subject_id, struct audit_row *out, int cap, int *n) HEARTH_WUR;

/* The facts of access.h for principal `p` and child `child_id`, as of
 * `today` (allocations, teams, shares) and `now` (break-glass expiry). */
enum herr store_access_facts(struct store *st, const struct principal *p,
    int64_t child_id, hday today, int64_t now, struct access_facts *out)
    HEARTH_WUR;
/* The same for a household: the facts of its strongest child, and the
 * household's own allocations. */
enum herr store_access_facts_household(struct store *st,
    const struct principal *p, int64_t household_id, hday today,
    int64_t now, struct access_facts *out) HEARTH_WUR;

/* Record a break-glass grant lasting until `expires`. */
enum herr store_break_glass_add(struct store *st, int64_t staff_id,
    int64_t child_id, const char *reason, int64_t now, int64_t expires)
    HEARTH_WUR;

/* Share a child's record with an agency from `start` (until `end`, or
 * HDAY_NONE for open-ended). */
enum herr store_share_add(struct store *st, int64_t child_id,
    int64_t agency_id, int64_t shared_by, hday start, hday end,
    const char *reason, struct hdiag *diag) HEARTH_WUR;

/* Mark a child's record restricted, naming who may see it without
 * breaking the glass (n staff ids). */
enum herr store_restriction_set(struct store *st, int64_t child_id,
    const char *reason, int64_t set_by, int64_t now, const int64_t *named,
    int n, struct hdiag *diag) HEARTH_WUR;

#endif
