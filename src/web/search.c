/*
 * search.c: the search passes shared by the /search page and the API
 * (search.h).  The store returns candidates; web_child_access decides
 * every one before it is kept.
 */
#include <string.h>

#include "web/search.h"
#include "core/banned.h"

const struct form_field search_fields[SEARCH_NFIELDS] = {
	{ "q", "Name, LA child id or UPN", false, false, NULL,
	    DIR_SEARCH_TEXT },
	{ "dob", "Date of birth", false, false, form_valid_date, 10 },
};

/* What a pass's callback works on. */
struct pass {
	struct req *r;
	struct search_result *res;
};

static bool
found_row(const struct dir_child *c, void *ctx)
{
	struct pass *p = ctx;
	struct search_result *res = p->res;

	/* A child the user may not see is neither listed nor counted. */
	if (web_child_access(p->r, c->id, ACCESS_VIEW, NULL) == ACCESS_DENY)
		return true;
	if (res->n == SEARCH_SHOW) {
		res->more = true;
		return false;
	}
	res->rows[res->n++] = *c;
	return true;
}

void
search_query_init(struct dir_search *q, const struct req *r,
    const char *text, const char *dob)
{
	size_t n;

	memset(q, 0, sizeof(*q));
	q->birth_date = HDAY_NONE;
	q->staff_id = r->who.staff_id;
	q->agency_id = r->who.agency_id;
	q->today = r->today;
	/* Spaces and tabs either side are no part of the search. */
	if (text != NULL) {
		while (*text == ' ' || *text == '\t')
			text++;
		n = strlen(text);
		while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
			n--;
		if (n > DIR_SEARCH_TEXT)
			n = DIR_SEARCH_TEXT;
		memcpy(q->text, text, n);
		q->text[n] = '\0';
	}
	if (dob != NULL && dob[0] != '\0' &&
	    hdate_parse(dob, &q->birth_date, "dob", NULL) != HERR_OK)
		q->birth_date = HDAY_NONE;
}

enum herr
search_run(struct req *r, const struct dir_search *q,
    struct search_result *res)
{
	struct pass p = { r, res };
	int scanned = 0;
	enum herr e;

	memset(res, 0, sizeof(*res));
	e = store_dir_search(r->st, q, DIR_SEARCH_PREFIX, SEARCH_CANDIDATES,
	    found_row, &p, &scanned);
	if (e != HERR_OK || res->more)
		return e;
	if (scanned >= SEARCH_CANDIDATES) {
		res->capped = true;
		return HERR_OK;
	}
	/* A word found inside names ("mit" in Smith) only when the word is
	 * long enough to mean something and a page is not yet full. */
	if (q->birth_date == HDAY_NONE &&
	    strlen(q->text) >= SEARCH_CONTAINS_MIN &&
	    strpbrk(q->text, " \t") == NULL) {
		e = store_dir_search(r->st, q, DIR_SEARCH_CONTAINS,
		    SEARCH_CANDIDATES, found_row, &p, &scanned);
		if (e == HERR_OK && !res->more && scanned >= SEARCH_CANDIDATES)
			res->capped = true;
	}
	return e;
}
