/*
 * plain_view.h: the plain-language checker (core/plain.h) on a page.
 * Family-facing texts are checked whenever a form that holds them is
 * shown again (after a save, or with errors): under the field, a GOV.UK
 * inset lists each flag (the word or sentence, and the plain
 * alternative).  Nothing is ever blocked.  The authority's own terms are
 * read once per request (store_plain.h).
 */
#ifndef HEARTH_WEB_PLAIN_VIEW_H
#define HEARTH_WEB_PLAIN_VIEW_H

#include <stdbool.h>

#include "core/plain.h"
#include "web/web.h"

/* The authority's terms, read once per call site's request: fills a
 * caller's array (PLAIN_TERMS_MAX) and returns how many; 0 on a store
 * failure (the built-in list still applies). */
int plain_view_terms(struct req *r, struct plain_term *terms);

/*
 * Check `text` and, when anything is flagged, write an inset headed
 * "Plain language: N things to look at in <label>" listing each flag as
 * "'<word>' - try: <plain alternative>" or "Long sentence (N words):
 * '<opening>...' - try splitting it".  Writes nothing when there is
 * nothing to flag.  Returns the number of flags.  `terms` may be NULL
 * (built-in list only).
 */
int plain_view_flags(struct html *h, const char *label, const char *text,
    const struct plain_term *terms, int n_terms);

#endif
