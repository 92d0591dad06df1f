/*
 * store_sos.h: the store's half of Signs of Safety (sos.h): map revisions
 * (with the children each covers, its items, danger/goal pairs and next
 * steps), safety scale ratings and the child's direct work (Three Houses,
 * Words and Pictures).  Implemented in store_sos.c with its own statement
 * table (SQLSET_SOS).
 *
 * Reads and writes only; the rules are sos.h's, applied by record_sos.c
 * (record.h).  Writes must run inside the caller's transaction.  A map
 * revision is never updated: store_map_add writes a new one.
 */
#ifndef HEARTH_STORE_STORE_SOS_H
#define HEARTH_STORE_STORE_SOS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/sos.h"
#include "store/store.h"
#include "store/store_case.h"

/* Write a new revision: the sos_map row, one sos_map_child row per child,
 * items, pairs (numbered 1..n in order) and steps; sets m->id. */
enum herr store_map_add(struct store *st, struct sos_map *m) HEARTH_WUR;

/* Revision `id` into m (sos_map_clear first); HERR_NOTFOUND if none. */
enum herr store_map_get(struct store *st, int64_t id, struct sos_map *m)
    HEARTH_WUR;

/* The latest revision covering `child_id` (highest id); HERR_NOTFOUND
 * when the child has no map yet. */
enum herr store_map_latest(struct store *st, int64_t child_id,
    struct sos_map *m) HEARTH_WUR;

/* The id of the latest revision covering the child, 0 when none. */
enum herr store_map_latest_id(struct store *st, int64_t child_id,
    int64_t *id) HEARTH_WUR;

/* One line of a map's history. */
struct store_map_rev {
	int64_t id, meeting_id, made_by;
	hday made_on;
	int64_t made_at;
	int n_pairs, n_items, n_steps;
	char made_by_name[CASE_STAFF_NAME_MAX + 1];	/* "" for demo/CLI */
};

/* The revisions covering a child, newest first, at most max; *n set. */
enum herr store_map_history(struct store *st, int64_t child_id,
    struct store_map_rev *out, int max, int *n) HEARTH_WUR;

/* Ratings: add one (sets r->id); every rating of a child in date then id
 * order (at most max: the latest max when there are more; *n set); the
 * ratings given at a meeting for one child (child_id 0: every child). */
enum herr store_rating_add(struct store *st, struct sos_rating *r)
    HEARTH_WUR;
enum herr store_ratings_child(struct store *st, int64_t child_id,
    struct sos_rating *out, int max, int *n) HEARTH_WUR;
enum herr store_ratings_meeting(struct store *st, int64_t meeting_id,
    int64_t child_id, struct sos_rating *out, int max, int *n) HEARTH_WUR;

/* Direct work: add (sets id, version 1); update the Words and Pictures
 * dates and texts if the stored version is still `expected`
 * (HERR_CONFLICT, *conflict filled, when not); get one; list a child's,
 * newest first. */
enum herr store_voice_add(struct store *st, struct voice_work *v)
    HEARTH_WUR;
enum herr store_voice_update(struct store *st, const struct voice_work *v,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_voice_get(struct store *st, int64_t id, struct voice_work *v)
    HEARTH_WUR;
enum herr store_voice_list(struct store *st, int64_t child_id,
    struct voice_work *out, int max, int *n) HEARTH_WUR;

#endif
