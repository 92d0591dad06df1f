/*
 * search.h: finding children by name, date of birth, LA child id or UPN,
 * for the /search page (page_home.c) and GET /api/v1/children (api.c)
 * alike, so that both find exactly the same children.
 *
 * It owns the query's two fields and their allow-list, the search as the
 * store sees it (struct dir_search), and the passes: names by prefix, then
 * (for one word long enough and no date of birth) the word inside names,
 * each looking at a bounded number of candidates.  Every candidate passes
 * web_child_access: a child the user may not view is neither listed nor
 * counted, so a search never tells anyone a record exists that they could
 * not open.  It never audits (the caller records the search, not its
 * words, before sending anything it found) and never renders.
 */
#ifndef HEARTH_WEB_SEARCH_H
#define HEARTH_WEB_SEARCH_H

#include <stdbool.h>

#include "store/store_directory.h"
#include "web/web.h"

#define SEARCH_SHOW 50		/* results of one search */
#define SEARCH_CANDIDATES 1000	/* rows a search pass looks at */
#define SEARCH_CONTAINS_MIN 3	/* bytes of a word searched inside names */
#define SEARCH_NFIELDS 2

/* The query fields a search takes: "q" (name, LA child id or UPN) and
 * "dob" (a date of birth), both optional. */
extern const struct form_field search_fields[SEARCH_NFIELDS];

/* What a search found; large (keep it on the heap). */
struct search_result {
	struct dir_child rows[SEARCH_SHOW];	/* the first found */
	int n;
	bool more;	/* a child the user may view beyond SEARCH_SHOW */
	bool capped;	/* a pass stopped at its candidate limit before
			 * filling a page: there may be matches nobody
			 * looked at */
};

/* Fill q for r's user from the "q" and "dob" values (either may be NULL),
 * which have passed search_fields: the text without the spaces and tabs
 * either side, the date HDAY_NONE when there is none. */
void search_query_init(struct dir_search *q, const struct req *r,
    const char *text, const char *dob);

/* Run the passes of q for r's user into res (the caller's, filled from
 * empty): HERR_OK, or the store's failure. */
enum herr search_run(struct req *r, const struct dir_search *q,
    struct search_result *res) HEARTH_WUR;

#endif
