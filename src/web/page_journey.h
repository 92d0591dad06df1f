/*
 * page_journey.h: what the child's record (page_child.c) borrows from the
 * child protection journey's pages (page_journey.c): the "Child protection
 * journey" section, the link from a derived chronology entry to the page
 * of its step, and the banner a saved step returns to the record with.
 */
#ifndef HEARTH_WEB_PAGE_JOURNEY_H
#define HEARTH_WEB_PAGE_JOURNEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/chronology.h"
#include "web/child_view.h"

/*
 * The section (id "journey"): where the child is now in plain words, the
 * open due items with their dates and lateness, each CIN episode with its
 * steps, and (when `may_edit`) links to exactly the steps that can come
 * next.  `print` leaves out links and buttons.
 */
void journey_section(struct req *r, struct html *h,
    const struct child_view *v, bool may_edit, bool print);

/* The page of the step a derived chronology entry stands for, into buf;
 * false (buf "") for entries that have none. */
bool journey_entry_href(const struct chronology_entry *e, int64_t child_id,
    char *buf, size_t cap);

/* The banner title for ?saved=`key` after a step, or NULL. */
const char *journey_saved_title(const char *key);

#endif
