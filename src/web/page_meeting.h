/*
 * page_meeting.h: what other pages borrow from the conference pages
 * (page_meeting.c): the "Conferences" section of a child's record, and the
 * banner a saved conference step returns with.
 */
#ifndef HEARTH_WEB_PAGE_MEETING_H
#define HEARTH_WEB_PAGE_MEETING_H

#include <stdbool.h>
#include <stdint.h>

#include "web/web.h"

/* The section (id "conferences"): the child's conferences, newest first,
 * with their status (booked, held, plan and minutes sent or how late),
 * links to each and, when `may_run` (ACCESS_CONFERENCE), a link to book
 * one.  `print` leaves out links and buttons. */
void meeting_section(struct req *r, struct html *h, int64_t child_id,
    bool may_run, bool print);

/* The banner title for ?saved=`key`, or NULL. */
const char *meeting_saved_title(const char *key);

#endif
