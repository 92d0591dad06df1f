/*
 * chronology.c: the rules of chronology.h.  Pure: no store, no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chronology.h"
#include "core/codes.h"
#include "core/text.h"
#include "core/banned.h"

static const char *const categories[] = {
	"Referral", "Assessment", "Strategy discussion", "Visit", "Meeting",
	"Incident", "Court", "Health", "Education", "Other",
};

#define NCATEGORIES ((int)(sizeof(categories) / sizeof(categories[0])))

void
chronology_entry_init(struct chronology_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->date = HDAY_NONE;
	e->source = CHRON_MANUAL;
}

const char *const *
chronology_categories(int *n)
{
	*n = NCATEGORIES;
	return categories;
}

bool
chronology_category_valid(const char *s)
{
	for (int i = 0; s != NULL && i < NCATEGORIES; i++)
		if (strcmp(s, categories[i]) == 0)
			return true;
	return false;
}

enum herr
chronology_validate(const struct chronology_entry *e, hday today,
    struct hdiag *diag)
{
	char d[HDATE_LEN];

	if (e->date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "event_date", "",
		    "Enter the date of the event");
	if (e->date > today)
		return hdiag_set(diag, HERR_INVALID, "event_date",
		    hdate_format(e->date, d), "The date of the event must be "
		    "today or in the past");
	if (!chronology_category_valid(e->category))
		return hdiag_set(diag, HERR_INVALID, "category", e->category,
		    "Select a category from the list");
	return text_check("summary", "Summary", e->summary,
	    CHRONOLOGY_SUMMARY_MAX, TEXT_REQUIRED | TEXT_MULTILINE, diag);
}

/* The label of `code` on list l, or the code itself when unknown. */
static const char *
label(enum code_list l, const char *code)
{
	const struct code *c = codes_find(l, code);

	return c != NULL ? c->label : code;
}

static void
derived(struct chronology_entry *e, int64_t child_id, hday date,
    const char *category, enum chronology_source src)
{
	chronology_entry_init(e);
	e->child_id = child_id;
	e->date = date;
	e->source = src;
	(void)!text_copy(e->category, sizeof(e->category), category);
}

int
chronology_from_episode(const struct cin_episode *ep,
    struct chronology_entry out[2])
{
	int n = 0;

	if (ep->referral_date == HDAY_NONE)
		return 0;
	derived(&out[n], ep->child_id, ep->referral_date, "Referral",
	    CHRON_REFERRAL);
	if (ep->referral_nfa)
		snprintf(out[n].summary, sizeof(out[n].summary), "Referral "
		    "received from %s. No further action.",
		    label(CODES_REFERRAL_SOURCE, ep->referral_source));
	else
		snprintf(out[n].summary, sizeof(out[n].summary), "Referral "
		    "received from %s. Primary need: %s.",
		    label(CODES_REFERRAL_SOURCE, ep->referral_source),
		    ep->primary_need[0] ? label(CODES_PRIMARY_NEED,
		    ep->primary_need) : "not recorded");
	n++;
	if (ep->closure_date != HDAY_NONE) {
		derived(&out[n], ep->child_id, ep->closure_date, "Case closed",
		    CHRON_CLOSURE);
		snprintf(out[n].summary, sizeof(out[n].summary), "Episode of "
		    "need closed. Reason: %s.", ep->closure_reason[0] ?
		    label(CODES_CLOSURE_REASON, ep->closure_reason) :
		    "not recorded");
		n++;
	}
	return n;
}

int
chronology_from_allocation(const struct allocation *a, const char *worker,
    enum staff_role role, const char *to_family, hday today,
    struct chronology_entry out[2])
{
	const char *rl = role_label(role);
	char whom[160];
	int n = 0;

	if (a->start_date == HDAY_NONE)
		return 0;
	if (to_family != NULL && to_family[0] != '\0')
		snprintf(whom, sizeof(whom), "the family (%s)", to_family);
	else
		snprintf(whom, sizeof(whom), "the child");
	derived(&out[n], a->child_id, a->start_date, "Allocation",
	    CHRON_ALLOCATED);
	snprintf(out[n].summary, sizeof(out[n].summary), "%s (%s) allocated "
	    "to %s.", worker, rl ? rl : "worker", whom);
	n++;
	if (a->end_date != HDAY_NONE && a->end_date <= today) {
		derived(&out[n], a->child_id, a->end_date, "Allocation",
		    CHRON_ALLOCATION_ENDED);
		snprintf(out[n].summary, sizeof(out[n].summary), "%s (%s) no "
		    "longer allocated to %s.", worker, rl ? rl : "worker",
		    whom);
		n++;
	}
	return n;
}

static int
cmp(const void *pa, const void *pb)
{
	const struct chronology_entry *a = pa, *b = pb;

	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	if (a->recorded_at != b->recorded_at)
		return a->recorded_at > b->recorded_at ? -1 : 1;
	if (a->source != b->source)
		return a->source > b->source ? -1 : 1;
	if (a->id != b->id)
		return a->id > b->id ? -1 : 1;
	return strcmp(a->summary, b->summary);
}

void
chronology_sort(struct chronology_entry *e, int n)
{
	if (n > 1)
		qsort(e, (size_t)n, sizeof(*e), cmp);
}
