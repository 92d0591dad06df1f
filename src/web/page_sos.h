/*
 * page_sos.h: what the child's record (page_child.c) borrows from the
 * Signs of Safety pages (page_sos.c): the record's "Signs of Safety"
 * section, the safety scale chart (also drawn on a conference's page), and
 * the banner a saved map, rating or piece of direct work returns with.
 */
#ifndef HEARTH_WEB_PAGE_SOS_H
#define HEARTH_WEB_PAGE_SOS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/sos.h"
#include "web/web.h"

/*
 * The section (id "signs-of-safety"): the latest map's danger statements
 * and goals in short, the overall safety scale chart with its data table,
 * the child's direct work (Three Houses, Words and Pictures) and links to
 * the map, its history, the scales and the child's voice (when `may_run`:
 * the user has ACCESS_CONFERENCE).  `print` leaves out links and buttons.
 * Reads what it needs itself; on a store failure it says so in the
 * section rather than failing the page.
 */
void sos_section(struct req *r, struct html *h, int64_t child_id,
    bool may_run, bool print);

/*
 * The safety scale chart for scale `pair` (0: overall) of `ratings`: a
 * server-rendered SVG (one line per person, 0-10 on the y axis, dates on
 * the x axis, each person's colour and marker shape distinct, with a
 * title and description for assistive technology) followed by a table of
 * the same figures (person, agency, date, rating, reason) for screen
 * readers and for anyone who prefers it.  `id` makes the element ids
 * unique on a page.
 */
void sos_scale_chart(struct html *h, const struct sos_rating *ratings,
    int n, int pair, const char *caption, const char *id);

/* The banner title for ?saved=`key` after a save here, or NULL. */
const char *sos_saved_title(const char *key);

#endif
