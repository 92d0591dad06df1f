/*
 * record_sos.c: Signs of Safety's door (record.h): a new revision of a
 * map, a safety scale rating, and the child's direct work.  Each function
 * reads what its rule needs (the children, the revision rated, the
 * child's ratings so far, the child's date of birth, the child's
 * conferences), applies sos.h's check and only then writes through
 * store_sos.h, inside the caller's transaction, so the record and the
 * caller's audit row commit together.
 *
 * A refusal (HERR_INVALID, HERR_NOTFOUND) or a conflict returns with
 * nothing written: the map's conflict is decided by reading the latest
 * revision before the write, in the same transaction as the write, and a
 * piece of direct work's by its versioned update, its only write.  This
 * file never reads or writes SQL itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/record.h"
#include "store/store_meeting.h"
#include "store/store_sos.h"
#include "core/banned.h"

/* The child's ratings a new one is checked against: the latest this
 * many (a repeat is of a recent day or meeting). */
#define RATINGS_CHECKED 400

/* A store write that failed, in words for the person saving `what`. */
static enum herr
write_fail(enum herr e, const char *what, struct hdiag *diag)
{
	switch (e) {
	case HERR_OK:
		return e;
	case HERR_CONFLICT:
		return hdiag_set(diag, e, "version", "", "Someone else saved a "
		    "change to this %s after you opened it", what);
	case HERR_NOTFOUND:
		return hdiag_set(diag, e, "", "", "This %s no longer exists",
		    what);
	default:
		return hdiag_set(diag, e, "", "", "The %s could not be saved: "
		    "the database refused the change", what);
	}
}

/* The child, or HERR_NOTFOUND naming `field`. */
static enum herr
child_get(struct store *st, int64_t id, const char *field, struct child *c,
    struct hdiag *diag)
{
	char v[24];
	enum herr e = store_child_get(st, id, c);

	if (e == HERR_NOTFOUND) {
		snprintf(v, sizeof(v), "%lld", (long long)id);
		return hdiag_set(diag, HERR_NOTFOUND, field, v,
		    "There is no child with id %s", v);
	}
	if (e != HERR_OK)
		return hdiag_set(diag, e, field, "", "The child's record could "
		    "not be read");
	return HERR_OK;
}

/* Whether conference `meeting_id` is about one of children[n]: HERR_OK,
 * or HERR_INVALID naming "meeting_id". */
static enum herr
meeting_about(struct store *st, int64_t meeting_id, const int64_t *children,
    int n, struct hdiag *diag)
{
	enum herr e = HERR_OK;
	bool found = false;
	char v[24];

	for (int c = 0; c < n && !found && e == HERR_OK; c++)
		e = store_meeting_has_child(st, meeting_id, children[c], &found);
	if (e != HERR_OK)
		return hdiag_set(diag, e, "meeting_id", "", "The child's "
		    "conferences could not be read");
	if (!found) {
		snprintf(v, sizeof(v), "%lld", (long long)meeting_id);
		return hdiag_set(diag, HERR_INVALID, "meeting_id", v,
		    "Conference %s is not about this child", v);
	}
	return HERR_OK;
}

enum herr
record_map_save(struct store *st, struct sos_map *m, int64_t expected,
    const struct journey_ctx *cx, struct sos_warnings *warn,
    struct hdiag *diag)
{
	struct store_map_rev rev;
	struct child *c = xmalloc(sizeof(*c));
	int64_t latest = 0;
	enum herr e;
	int n;

	m->id = 0;
	m->made_by = cx->by;
	m->made_at = cx->now;
	if ((e = sos_map_check(m, cx->today, warn, diag)) != HERR_OK)
		goto out;
	for (int i = 0; i < m->n_children; i++)
		if ((e = child_get(st, m->child_ids[i], "children", c, diag)) !=
		    HERR_OK)
			goto out;
	if (m->meeting_id != 0 && (e = meeting_about(st, m->meeting_id,
	    m->child_ids, m->n_children, diag)) != HERR_OK)
		goto out;
	if ((e = store_map_latest_id(st, m->child_ids[0], &latest)) !=
	    HERR_OK) {
		e = write_fail(e, "map", diag);
		goto out;
	}
	if (latest != expected) {
		/* Say who saved the newer revision, and when. */
		if (cx->conflict != NULL) {
			memset(cx->conflict, 0, sizeof(*cx->conflict));
			cx->conflict->version = latest;
			if (store_map_history(st, m->child_ids[0], &rev, 1, &n) ==
			    HERR_OK && n == 1) {
				cx->conflict->by = rev.made_by;
				memcpy(cx->conflict->by_name, rev.made_by_name,
				    sizeof(rev.made_by_name));
				cx->conflict->at = rev.made_at;
			}
		}
		e = hdiag_set(diag, HERR_CONFLICT, "expected", "", "Someone "
		    "else saved a newer version of the map after you opened "
		    "it");
		goto out;
	}
	m->previous_id = latest;
	e = write_fail(store_map_add(st, m), "map", diag);
out:
	free(c);
	return e;
}

enum herr
record_rating_add(struct store *st, struct sos_rating *r,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct sos_rating *existing = NULL;
	struct sos_map *map = NULL;
	struct child *c = xmalloc(sizeof(*c));
	enum herr e;
	char v[24];
	int n = 0;

	if ((e = child_get(st, r->child_id, "child_id", c, diag)) != HERR_OK)
		goto out;
	if (r->map_id != 0) {
		map = sos_map_new();
		if ((e = store_map_get(st, r->map_id, map)) == HERR_OK) {
			bool covers = false;

			for (int i = 0; i < map->n_children; i++)
				covers = covers ||
				    map->child_ids[i] == r->child_id;
			if (!covers)
				e = HERR_NOTFOUND;
		}
		if (e == HERR_NOTFOUND) {
			snprintf(v, sizeof(v), "%lld", (long long)r->map_id);
			e = hdiag_set(diag, HERR_INVALID, "map_id", v, "The "
			    "child has no map with id %s", v);
		} else if (e != HERR_OK)
			e = hdiag_set(diag, e, "map_id", "", "The map could not "
			    "be read");
		if (e != HERR_OK)
			goto out;
	}
	if (r->meeting_id != 0 && (e = meeting_about(st, r->meeting_id,
	    &r->child_id, 1, diag)) != HERR_OK)
		goto out;
	existing = xmalloc(RATINGS_CHECKED * sizeof(*existing));
	e = r->meeting_id != 0 ? store_ratings_meeting(st, r->meeting_id,
	    r->child_id, existing, RATINGS_CHECKED, &n) :
	    store_ratings_child(st, r->child_id, existing, RATINGS_CHECKED, &n);
	if (e != HERR_OK) {
		e = hdiag_set(diag, e, "", "", "The child's ratings could not "
		    "be read");
		goto out;
	}
	r->id = 0;
	r->recorded_by = cx->by;
	r->recorded_at = cx->now;
	if ((e = sos_rating_check(r, map, existing, n, cx->today, diag)) !=
	    HERR_OK)
		goto out;
	e = write_fail(store_rating_add(st, r), "rating", diag);
out:
	free(existing);
	sos_map_free(map);
	free(c);
	return e;
}

enum herr
record_voice_add(struct store *st, struct voice_work *v,
    const struct journey_ctx *cx, struct hdiag *diag)
{
	struct child *c = xmalloc(sizeof(*c));
	enum herr e;

	if ((e = child_get(st, v->child_id, "child_id", c, diag)) != HERR_OK)
		goto out;
	v->id = 0;
	v->version = 0;
	v->recorded_by = cx->by;
	v->recorded_at = cx->now;
	if ((e = voice_work_check(v, c->birth_date, cx->today, diag)) !=
	    HERR_OK)
		goto out;
	e = write_fail(store_voice_add(st, v), "direct work", diag);
out:
	free(c);
	return e;
}

enum herr
record_voice_update(struct store *st, struct voice_work *v,
    int64_t expected, const struct journey_ctx *cx, struct hdiag *diag)
{
	struct voice_work *old = xmalloc(sizeof(*old));
	struct child *c = xmalloc(sizeof(*c));
	enum herr e;
	char id[24];

	e = store_voice_get(st, v->id, old);
	if (e == HERR_NOTFOUND || (e == HERR_OK && old->child_id !=
	    v->child_id)) {
		snprintf(id, sizeof(id), "%lld", (long long)v->id);
		e = hdiag_set(diag, HERR_NOTFOUND, "id", id, "The child has no "
		    "direct work with id %s", id);
		goto out;
	}
	if (e != HERR_OK) {
		e = hdiag_set(diag, e, "id", "", "The direct work could not be "
		    "read");
		goto out;
	}
	if ((e = child_get(st, v->child_id, "child_id", c, diag)) != HERR_OK)
		goto out;
	/* What it is and when it was done stay as first recorded. */
	v->kind = old->kind;
	v->made_on = old->made_on;
	v->recorded_by = old->recorded_by;
	v->recorded_at = old->recorded_at;
	if ((e = voice_work_check(v, c->birth_date, cx->today, diag)) !=
	    HERR_OK)
		goto out;
	if ((e = write_fail(store_voice_update(st, v, expected, cx->by,
	    cx->now, cx->conflict), "direct work", diag)) == HERR_OK)
		v->version = expected + 1;
out:
	free(c);
	free(old);
	return e;
}
