/*
 * child_view.h: a child's record as the record page (page_child.c) and the
 * JSON API (api.c) show it, read in one place so that both show the same
 * thing: the details and who last changed them, whether the record is
 * restricted, the households, the people related to the child, the
 * allocated workers, the children in need episodes, the child protection
 * journey (journey.h) with its open due items, and the chronology (the
 * entries staff wrote, merged with the events derived from the episodes,
 * the journey and allocations, in date order).
 *
 * It owns what the record holds and what the user may see of the people
 * around the child: a related child is named only to someone who may view
 * that child's record too.  It never decides access to the record itself
 * (the caller asks web_child_access first), never audits (the caller
 * records the view before sending a byte of it) and never renders.
 */
#ifndef HEARTH_WEB_CHILD_VIEW_H
#define HEARTH_WEB_CHILD_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/chronology.h"
#include "core/cin.h"
#include "core/journey.h"
#include "core/person.h"
#include "store/store_case.h"
#include "store/store_journey.h"
#include "web/web.h"

/* As record.c: more episodes than this are not shown (and said so). */
#define CHILD_VIEW_EPISODES_MAX 64
/* The open due items shown on the record (the earliest due first). */
#define CHILD_VIEW_DUE_MAX 20
/* A chronology holds the manual entries, two events per episode and per
 * allocation, and the events of the journey (chronology_journey_count:
 * a decision per episode, two per assessment, s47 and plan, one per
 * strategy discussion, conference and event). */
#define CHILD_VIEW_CHRON_MAX \
	(CASE_LIST_MAX + 2 * CHILD_VIEW_EPISODES_MAX + 2 * CASE_LIST_MAX + \
	JOURNEY_EPISODES_MAX + 6 * JOURNEY_STEPS_MAX + \
	2 * JOURNEY_PLANS_MAX + JOURNEY_EVENTS_MAX)

/* One child's record; large (keep it on the heap).  Every list holds its
 * first rows (n...) of how many there are (..._total). */
struct child_view {
	int64_t id;
	struct child c;
	struct store_change changed;	/* who last changed the details */
	bool restricted;
	struct store_member hh[CASE_LIST_MAX];
	int nhh, hh_total;
	struct store_relative rel[CASE_LIST_MAX];
	bool rel_shown[CASE_LIST_MAX];	/* false: "another child" */
	int nrel, rel_total;
	struct store_allocation al[CASE_LIST_MAX];
	int nal, al_total;
	struct cin_episode ep[CHILD_VIEW_EPISODES_MAX];	/* by referral */
	int nep, ep_total;
	/* The whole journey (store_journey_load): owned, freed by
	 * child_view_clear. */
	struct journey *j;
	struct store_due due[CHILD_VIEW_DUE_MAX];	/* open, by due date */
	int ndue, due_total;
	/* Sized to what the child has (an entry is 2.3 KB and most children
	 * have a handful): owned, freed by child_view_clear. */
	struct chronology_entry *chron;	/* sorted */
	int nchron, chron_cap, manual_shown, manual_total;
};

/* Read child `id`'s record into v (the caller's; need not be zeroed) for
 * r's user: HERR_OK, or HERR_NOTFOUND for no such child, or the store's
 * failure.  Call child_view_clear afterwards either way. */
enum herr child_view_load(struct req *r, int64_t id, struct child_view *v)
    HEARTH_WUR;

/* Free what child_view_load allocated; v may be loaded again. */
void child_view_clear(struct child_view *v);

#endif
