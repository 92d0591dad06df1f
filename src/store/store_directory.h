/*
 * store_directory.h: the store's lists: the children on someone's work
 * list, search candidates, teams and their caseloads, break-glass reviews,
 * and the reads and writes behind the administration pages.  Implemented
 * in store_directory.c.
 *
 * The lists of children return candidates, never decisions: every row a
 * caller shows must still pass core/access (web_child_access), because
 * this module only knows who is linked to what, not who may see it.  Rows
 * carry names and identifiers only, never case content.  Lists are handed
 * to a callback one row at a time (the row is borrowed for the call); the
 * callback returns false to stop early, which is not an error.
 */
#ifndef HEARTH_STORE_STORE_DIRECTORY_H
#define HEARTH_STORE_STORE_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/family.h"
#include "core/person.h"
#include "core/staff.h"
#include "store/store.h"

#define DIR_NAME_MAX (2 * PERSON_NAME_MAX + 2)	/* "Given Family" */

/* A child in a list: enough to name and find them. */
struct dir_child {
	int64_t id;
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	char la_child_id[CHILD_ID_MAX + 1];
	hday birth_date;		/* HDAY_NONE if unborn */
	hday expected_birth_date;	/* HDAY_NONE once born */
	bool restricted;
	hday since;			/* allocated or shared since */
	int64_t household_id;		/* allocated through this family, or 0 */
	char household[HOUSEHOLD_NAME_MAX + 1];
	int64_t worker_id;		/* caseloads: the allocated worker */
	char worker[DIR_NAME_MAX];
};

typedef bool (*dir_child_fn)(const struct dir_child *c, void *ctx);

/* Children currently allocated to staff_id on `today`, directly or
 * through a household they currently live in; by name, at most `limit`. */
enum herr store_dir_my_children(struct store *st, int64_t staff_id,
    hday today, int limit, dir_child_fn fn, void *ctx) HEARTH_WUR;

/* Children whose record is currently shared with agency_id. */
enum herr store_dir_shared_children(struct store *st, int64_t agency_id,
    hday today, int limit, dir_child_fn fn, void *ctx) HEARTH_WUR;

/* A team's caseload: one row per child and allocated worker, for workers
 * who are current members of team_id. */
enum herr store_dir_team_caseload(struct store *st, int64_t team_id,
    hday today, int limit, dir_child_fn fn, void *ctx) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Search                                                              */

#define DIR_SEARCH_WORDS 6
#define DIR_SEARCH_TEXT 100	/* bytes of the query text */

/*
 * What to look for, and for whom.  `text` is matched as: one word, a name
 * prefix of the given or family name, an LA child id (exact, or a prefix
 * when it holds a digit) or a UPN (exact); several words, a given and a
 * family name in either order (each a prefix).  Case is ignored.
 * birth_date (HDAY_NONE for none) must match exactly.  Both empty finds
 * nothing.
 *
 * Candidates are only children staff_id is linked to on `today`: allocated
 * to them or to a current colleague in one of their current teams, or
 * shared with agency_id.  Those are the only relationships access_child
 * allows anything on, so this never hides a child the searcher may open;
 * it keeps a common name from filling the candidate limit with children
 * the searcher has nothing to do with.  It decides nothing: each row must
 * still pass web_child_access.
 */
struct dir_search {
	char text[DIR_SEARCH_TEXT + 1];
	hday birth_date;
	int64_t staff_id;
	int64_t agency_id;
	hday today;
};

enum dir_search_pass {
	DIR_SEARCH_PREFIX,	/* the matches above */
	DIR_SEARCH_CONTAINS,	/* one word found inside a name ("mit" in
				 * Smith), excluding the prefix matches */
};

/*
 * Candidates for `q` in one pass, ordered by family then given name, at
 * most `limit`; *scanned (may be NULL) is how many rows were handed to fn.
 * The contains pass finds nothing for several words or a date of birth
 * (the prefix pass already matches names inside a date's rows).
 */
enum herr store_dir_search(struct store *st, const struct dir_search *q,
    enum dir_search_pass pass, int limit, dir_child_fn fn, void *ctx,
    int *scanned) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Break-glass reviews                                                 */

struct dir_glass {
	int64_t id;
	int64_t staff_id;
	char staff[DIR_NAME_MAX];
	int64_t child_id;
	char child[DIR_NAME_MAX];
	char reason[AUDIT_REASON_MAX + 1];
	int64_t at, expires;		/* unix seconds */
	int64_t reviewed_by;		/* 0 until reviewed */
	char reviewer[DIR_NAME_MAX];
	int64_t reviewed_at;		/* 0 until reviewed */
};

/* Break-glass grants on children allocated (on `today`) to a current
 * member of one of manager_id's current teams: unreviewed first, then
 * newest first, at most `limit`. */
enum herr store_dir_glass_for_manager(struct store *st, int64_t manager_id,
    hday today, int limit, bool (*fn)(const struct dir_glass *g, void *ctx),
    void *ctx) HEARTH_WUR;

/* One such grant; NOTFOUND if there is none or it is not on a child
 * manager_id's teams hold. */
enum herr store_dir_glass_get(struct store *st, int64_t manager_id,
    hday today, int64_t id, struct dir_glass *out) HEARTH_WUR;

/* Mark grant `id` reviewed by reviewer_id at `now`; HERR_CONFLICT if it
 * was already reviewed, NOTFOUND if there is none. */
enum herr store_dir_glass_review(struct store *st, int64_t id,
    int64_t reviewer_id, int64_t now) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Teams and memberships                                               */

struct dir_team {
	struct team team;
	int members;		/* current members on the day asked */
};

/* Teams by name: all of them (staff_id 0) or those staff_id is a current
 * member of on `today`. */
enum herr store_dir_teams(struct store *st, int64_t staff_id, hday today,
    bool (*fn)(const struct dir_team *t, void *ctx), void *ctx) HEARTH_WUR;

/* A team by id.  NOTFOUND if none. */
enum herr store_dir_team_get(struct store *st, int64_t id, struct team *out)
    HEARTH_WUR;

/* One membership of a team by a member of staff. */
struct dir_member {
	int64_t id;		/* the membership */
	int64_t team_id;
	char team[TEAM_NAME_MAX + 1];
	enum team_kind team_kind;
	int64_t staff_id;
	char username[USERNAME_MAX + 1];
	char name[DIR_NAME_MAX];
	enum staff_role role;
	bool active;
	hday start_date;
	hday end_date;		/* HDAY_NONE while open */
};

typedef bool (*dir_member_fn)(const struct dir_member *m, void *ctx);

/* A team's memberships not ended before `today` (current and future), by
 * member's name. */
enum herr store_dir_team_members(struct store *st, int64_t team_id,
    hday today, dir_member_fn fn, void *ctx) HEARTH_WUR;

/* A member of staff's memberships: all of them (today HDAY_NONE; open
 * ones first) or only those current on `today`. */
enum herr store_dir_staff_teams(struct store *st, int64_t staff_id,
    hday today, dir_member_fn fn, void *ctx) HEARTH_WUR;

/* Whether staff_id holds a membership of team_id not ended before
 * `today`. */
enum herr store_dir_is_member(struct store *st, int64_t team_id,
    int64_t staff_id, hday today, bool *out) HEARTH_WUR;

/* End membership `id` of team_id on `day` (or on its start, if that is
 * later).  NOTFOUND if there is no such open membership of that team. */
enum herr store_dir_member_end(struct store *st, int64_t team_id,
    int64_t id, hday day) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Staff administration                                                */

/* Every agency, by name. */
enum herr store_dir_agencies(struct store *st,
    bool (*fn)(const struct agency *a, void *ctx), void *ctx) HEARTH_WUR;

/* Who last changed a member of staff and when (0 and "" if nobody since
 * it was created), with its current version.  NOTFOUND if none. */
enum herr store_dir_staff_changed(struct store *st, int64_t staff_id,
    int64_t *version, int64_t *at, char by[DIR_NAME_MAX]) HEARTH_WUR;

/*
 * Save s's names, e-mail and role as a new version, if the stored version
 * is still s->version (then s->version is the new one); by and now say who
 * changed it.  HERR_CONFLICT if someone saved a newer version, NOTFOUND if
 * there is no such member of staff.  The caller validates s first.
 */
enum herr store_dir_staff_update(struct store *st, struct staff *s,
    int64_t by, int64_t now) HEARTH_WUR;

/* Switch a member of staff on or off (a new version).  NOTFOUND if none. */
enum herr store_dir_staff_set_active(struct store *st, int64_t staff_id,
    bool active, int64_t by, int64_t now) HEARTH_WUR;

/* Whether a password and a second factor are set (never the secrets). */
enum herr store_dir_credential_state(struct store *st, int64_t staff_id,
    bool *has_password, bool *totp_enrolled) HEARTH_WUR;

#endif
