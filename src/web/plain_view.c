/*
 * plain_view.c: the plain-language flags (core/plain.h) as a GOV.UK inset
 * under a family-facing field, and the authority's own terms for a request.
 *
 * Shows; never blocks and never changes the text.  Everything it writes
 * goes through the html writer, so the author's words and the authority's
 * suggestions are escaped like any other text.
 */
#include <stdlib.h>

#include "core/mem.h"
#include "store/store_plain.h"
#include "web/plain_view.h"
#include "core/banned.h"

/* Flags listed under one field; the rest are counted ("and 3 more"), since
 * a page of flags helps nobody more than the first forty do. */
#define PLAIN_VIEW_SHOWN 40

int
plain_view_terms(struct req *r, struct plain_term *terms)
{
	int n = 0;

	if (r == NULL || r->st == NULL || terms == NULL)
		return 0;
	if (store_plain_terms(r->st, terms, PLAIN_TERMS_MAX, &n) != HERR_OK)
		return 0;
	return n;
}

int
plain_view_flags(struct html *h, const char *label, const char *text,
    const struct plain_term *terms, int n_terms)
{
	struct plain_flag *f;
	int total, shown;

	if (text == NULL || text[0] == '\0')
		return 0;
	if (terms == NULL)
		n_terms = 0;
	f = xcalloc(PLAIN_VIEW_SHOWN, sizeof(*f));
	total = plain_check(text, terms, n_terms, f, PLAIN_VIEW_SHOWN);
	if (total <= 0)
		goto out;
	shown = total < PLAIN_VIEW_SHOWN ? total : PLAIN_VIEW_SHOWN;
	html_lit(h, "<div class=\"govuk-inset-text hearth-plain\">"
	    "<p class=\"govuk-body govuk-!-font-weight-bold\">");
	html_textf(h, "Plain language: %d %s to look at in %s", total,
	    total == 1 ? "thing" : "things", label ? label : "this text");
	html_lit(h, "</p><ul class=\"govuk-list govuk-list--bullet\">");
	for (int i = 0; i < shown; i++) {
		html_lit(h, "<li>");
		if (f[i].kind == PLAIN_LONG_SENTENCE) {
			html_textf(h, "Long sentence (%d words): '%s' - %s",
			    f[i].words, f[i].text, f[i].plain);
		} else {
			html_textf(h, "'%s' - try: %s", f[i].text,
			    f[i].plain);
		}
		html_lit(h, "</li>");
	}
	if (total > shown) {
		html_lit(h, "<li>");
		html_textf(h, "and %d more", total - shown);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul></div>");
out:
	free(f);
	return total;
}
