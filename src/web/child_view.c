/*
 * child_view.c: reading a child's record for the record page and the API
 * (child_view.h).  Reads only, through the store; decides nothing but
 * which related children the user may see named (web_child_access).
 * Reading the journey here, not in the page, keeps the chronology the
 * page and the API show the same.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "store/store.h"
#include "web/child_view.h"
#include "core/banned.h"

/* Add the derived events (at most two) to the chronology while it has
 * room. */
/* Written entries read before knowing how many there are. */
#define CHRON_FIRST 16

static void
chron_add(struct child_view *v, const struct chronology_entry *two, int k)
{
	for (int j = 0; j < k && v->nchron < v->chron_cap &&
	    v->nchron < CHILD_VIEW_CHRON_MAX; j++)
		v->chron[v->nchron++] = two[j];
}

/* The child's journey and open due items. */
static enum herr
load_journey(struct req *r, int64_t id, struct child_view *v)
{
	struct due_filter f;
	enum herr e;

	v->j = journey_new();
	if ((e = store_journey_load(r->st, id, v->j, NULL)) != HERR_OK)
		return e;
	memset(&f, 0, sizeof(f));
	f.child_id = id;
	f.until = HDAY_NONE;
	f.today = r->today;
	return store_due_list(r->st, &f, v->due, CHILD_VIEW_DUE_MAX,
	    &v->ndue, &v->due_total);
}

enum herr
child_view_load(struct req *r, int64_t id, struct child_view *v)
{
	struct chronology_entry two[2];
	enum herr e;
	int cap, njourney;

	v->id = id;
	v->chron = NULL;
	v->j = NULL;
	v->ndue = v->due_total = 0;
	v->nchron = v->manual_shown = v->manual_total = 0;
	if ((e = store_child_get(r->st, id, &v->c)) != HERR_OK ||
	    (e = store_person_changed(r->st, id, &v->changed)) != HERR_OK ||
	    (e = store_child_restricted(r->st, id, &v->restricted)) !=
	    HERR_OK ||
	    (e = store_child_households(r->st, id, v->hh, CASE_LIST_MAX,
	    &v->nhh, &v->hh_total)) != HERR_OK ||
	    (e = store_child_relatives(r->st, id, r->today, v->rel,
	    CASE_LIST_MAX, &v->nrel, &v->rel_total)) != HERR_OK ||
	    (e = store_child_allocations(r->st, id, v->al, CASE_LIST_MAX,
	    &v->nal, &v->al_total)) != HERR_OK ||
	    (e = store_cin_episodes(r->st, id, v->ep, CHILD_VIEW_EPISODES_MAX,
	    &v->ep_total)) != HERR_OK ||
	    (e = load_journey(r, id, v)) != HERR_OK)
		return e;
	v->nep = v->ep_total < CHILD_VIEW_EPISODES_MAX ? v->ep_total :
	    CHILD_VIEW_EPISODES_MAX;
	/* Room for a few written entries first; read again if there are
	 * more, then add room for the events derived from the record. */
	cap = CHRON_FIRST;
	v->chron = xmalloc((size_t)cap * sizeof(*v->chron));
	if ((e = store_chronology_list(r->st, id, v->chron, cap,
	    &v->manual_shown, &v->manual_total)) != HERR_OK)
		return e;
	if (v->manual_total > cap) {
		cap = v->manual_total < CASE_LIST_MAX ? v->manual_total :
		    CASE_LIST_MAX;
		v->chron = xrealloc(v->chron, (size_t)cap * sizeof(*v->chron));
		if ((e = store_chronology_list(r->st, id, v->chron, cap,
		    &v->manual_shown, &v->manual_total)) != HERR_OK)
			return e;
	}
	njourney = chronology_journey_count(v->j);
	v->chron_cap = v->manual_shown + 2 * v->nep + 2 * v->nal + njourney;
	v->chron = xrealloc(v->chron, (size_t)(v->chron_cap > 0 ?
	    v->chron_cap : 1) * sizeof(*v->chron));
	/* A related child's name is shown only to someone who may see
	 * that child's record too. */
	for (int i = 0; i < v->nrel; i++)
		v->rel_shown[i] = !v->rel[i].is_child ||
		    web_child_access(r, v->rel[i].person_id, ACCESS_VIEW,
		    NULL) == ACCESS_ALLOW;
	v->nchron = v->manual_shown;
	for (int i = 0; i < v->nep; i++)
		chron_add(v, two, chronology_from_episode(&v->ep[i], two));
	for (int i = 0; i < v->nal; i++) {
		const struct store_allocation *a = &v->al[i];

		chron_add(v, two, chronology_from_allocation(&a->a,
		    a->staff_name, a->role, a->a.household_id > 0 ?
		    a->household_name : NULL, r->today, two));
	}
	if (v->nchron < v->chron_cap && v->nchron < CHILD_VIEW_CHRON_MAX)
		v->nchron += chronology_from_journey(v->j, v->chron + v->nchron,
		    (v->chron_cap < CHILD_VIEW_CHRON_MAX ? v->chron_cap :
		    CHILD_VIEW_CHRON_MAX) - v->nchron);
	chronology_sort(v->chron, v->nchron);
	return HERR_OK;
}

void
child_view_clear(struct child_view *v)
{
	free(v->chron);
	v->chron = NULL;
	journey_free(v->j);
	v->j = NULL;
	v->nchron = v->chron_cap = 0;
}
