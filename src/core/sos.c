/*
 * sos.c: Signs of Safety in the core (sos.h): the code lists of the map,
 * the scales and the child's direct work; the rules a map revision, a
 * safety scale rating and a piece of direct work must pass; and the shape
 * the chart of everyone's ratings over time is drawn from.
 *
 * Owns no records and keeps no state: the checks see what the caller hands
 * them (the revision a rating rates, the child's ratings so far, the
 * child's date of birth) and `today` from the caller, so they never read
 * the clock or the database.  Only sos_map_new and sos_scale_series
 * allocate, through mem.h.  Messages are sentences a person reads in a
 * form's error summary; fields are the struct's, with the 0-based index
 * ("pairs[1].danger"), so an edge can point each at its own box.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/sos.h"
#include "core/text.h"
#include "core/banned.h"

/* ---------------------------------------------------------------------
 * Code lists: the codes are those of the CHECK constraints of migration 6
 * (schema.c), so a stored code always parses.
 */

struct entry {
	const char *code;
	const char *label;
};

static const struct entry item_kinds[SOS_ITEM__COUNT] = {
	[SOS_HARM] = { "harm", "Harm: what has happened" },
	[SOS_COMPLICATING] = { "complicating", "Complicating factors" },
	[SOS_STRENGTH] = { "strength", "Existing strengths" },
	[SOS_SAFETY] = { "safety", "Existing safety" },
};

static const struct entry family_views[SOS_VIEW__COUNT] = {
	[SOS_VIEW_NOT_ASKED] = { "not-asked", "Not asked yet" },
	[SOS_VIEW_AGREES] = { "agrees", "The family agrees" },
	[SOS_VIEW_PARTLY] = { "partly", "The family partly agrees" },
	[SOS_VIEW_DISPUTES] = { "disputes", "The family disputes this" },
};

static const struct entry raters[RATER__COUNT] = {
	[RATER_CHILD] = { "child", "Child" },
	[RATER_PARENT] = { "parent", "Parent or carer" },
	[RATER_NETWORK] = { "network", "Safety network" },
	[RATER_PROFESSIONAL] = { "professional", "Professional" },
};

static const struct entry voice_kinds[VOICE__COUNT] = {
	[VOICE_THREE_HOUSES] = { "three-houses", "Three Houses" },
	[VOICE_WORDS_PICTURES] = { "words-pictures", "Words and Pictures" },
};

/* Out-of-range values give "" (code) or "Unknown" (label), never NULL. */
static const char *
entry_code(const struct entry *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].code : "";
}

static const char *
entry_label(const struct entry *t, int n, int v)
{
	return v >= 0 && v < n ? t[v].label : "Unknown";
}

static int
entry_parse(const struct entry *t, int n, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

const char *
sos_item_kind_code(enum sos_item_kind k)
{
	return entry_code(item_kinds, SOS_ITEM__COUNT, (int)k);
}

const char *
sos_item_kind_label(enum sos_item_kind k)
{
	return entry_label(item_kinds, SOS_ITEM__COUNT, (int)k);
}

int
sos_item_kind_parse(const char *code)
{
	return entry_parse(item_kinds, SOS_ITEM__COUNT, code);
}

const char *
sos_family_view_code(enum sos_family_view v)
{
	return entry_code(family_views, SOS_VIEW__COUNT, (int)v);
}

const char *
sos_family_view_label(enum sos_family_view v)
{
	return entry_label(family_views, SOS_VIEW__COUNT, (int)v);
}

int
sos_family_view_parse(const char *code)
{
	return entry_parse(family_views, SOS_VIEW__COUNT, code);
}

const char *
sos_rater_code(enum sos_rater r)
{
	return entry_code(raters, RATER__COUNT, (int)r);
}

const char *
sos_rater_label(enum sos_rater r)
{
	return entry_label(raters, RATER__COUNT, (int)r);
}

int
sos_rater_parse(const char *code)
{
	return entry_parse(raters, RATER__COUNT, code);
}

const char *
voice_kind_code(enum voice_kind k)
{
	return entry_code(voice_kinds, VOICE__COUNT, (int)k);
}

const char *
voice_kind_label(enum voice_kind k)
{
	return entry_label(voice_kinds, VOICE__COUNT, (int)k);
}

int
voice_kind_parse(const char *code)
{
	return entry_parse(voice_kinds, VOICE__COUNT, code);
}

/* ---------------------------------------------------------------------
 * The map
 */

struct sos_map *
sos_map_new(void)
{
	return xcalloc(1, sizeof(struct sos_map));
}

void
sos_map_free(struct sos_map *m)
{
	free(m);
}

void
sos_map_clear(struct sos_map *m)
{
	memset(m, 0, sizeof(*m));
}

/* "pairs[2].danger" into f. */
static void
indexed(char *f, size_t cap, const char *list, int i, const char *member)
{
	snprintf(f, cap, "%s[%d].%s", list, i, member);
}

/* A statement: several lines, at most SOS_TEXT_MAX bytes; `missing` is
 * the message when it is required and empty (NULL: optional). */
static enum herr
check_text(const char *field, const char *label, const char *s,
    const char *missing, struct hdiag *diag)
{
	if (missing != NULL && (s == NULL || s[0] == '\0'))
		return hdiag_set(diag, HERR_INVALID, field, "", "%s", missing);
	return text_check(field, label, s, SOS_TEXT_MAX, TEXT_MULTILINE, diag);
}

/* A name, an agency, "who is worried": one line, SOS_NAME_MAX bytes. */
static enum herr
check_name(const char *field, const char *label, const char *s,
    const char *missing, struct hdiag *diag)
{
	if (missing != NULL && (s == NULL || s[0] == '\0'))
		return hdiag_set(diag, HERR_INVALID, field, "", "%s", missing);
	return text_check(field, label, s, SOS_NAME_MAX, 0, diag);
}

/* A day that must be set and not after `today`. */
static enum herr
check_day(const char *field, const char *what, hday d, hday today,
    struct hdiag *diag)
{
	char a[HDATE_LEN], b[HDATE_LEN];

	if (d == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, field, "", "Enter the %s",
		    what);
	if (d > today)
		return hdiag_set(diag, HERR_INVALID, field, hdate_format(d, a),
		    "The %s %s is in the future (today is %s)", what, a,
		    hdate_format(today, b));
	return HERR_OK;
}

static bool
blank(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static void
warn_add(struct sos_warnings *w, const char *field, const char *fmt, ...)
    HEARTH_PRINTF(3, 4);

static void
warn_add(struct sos_warnings *w, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (w == NULL || w->n >= SOS_WARNINGS_MAX)
		return;
	snprintf(w->w[w->n].field, sizeof(w->w[w->n].field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(w->w[w->n].msg, sizeof(w->w[w->n].msg), fmt, ap);
	va_end(ap);
	w->n++;
}

/* The warnings of a map: they never stop a save. */
static void
map_warnings(const struct sos_map *m, struct sos_warnings *warn)
{
	char f[48];

	if (warn == NULL)
		return;
	warn->n = 0;
	/* Local guidance (practice-models 1.4): "try not to exceed three"
	 * danger statements, so the family can hold on to what matters. */
	if (m->n_pairs > SOS_PAIRS_ADVISED)
		warn_add(warn, "pairs", "There are %d danger statements. "
		    "Guidance is to keep to %d or fewer, so that the family "
		    "can hold on to what matters most.", m->n_pairs,
		    SOS_PAIRS_ADVISED);
	for (int i = 0; i < m->n_pairs && i < SOS_PAIRS_MAX; i++)
		if (blank(m->pairs[i].goal_family) &&
		    !blank(m->pairs[i].danger)) {
			indexed(f, sizeof(f), "pairs", i, "goal_family");
			warn_add(warn, f, "Safety goal %d has no goal in the "
			    "family's own words yet.", i + 1);
		}
}

static enum herr
check_children(const struct sos_map *m, struct hdiag *diag)
{
	char v[24];

	if (m->n_children < 1)
		return hdiag_set(diag, HERR_INVALID, "children", "",
		    "Choose the child or children this map is about");
	if (m->n_children > SOS_CHILDREN_MAX)
		return hdiag_set(diag, HERR_INVALID, "children", "",
		    "A map can cover at most %d children", SOS_CHILDREN_MAX);
	for (int i = 0; i < m->n_children; i++) {
		snprintf(v, sizeof(v), "%lld", (long long)m->child_ids[i]);
		if (m->child_ids[i] <= 0)
			return hdiag_set(diag, HERR_INVALID, "children", v,
			    "There is no child with id %s", v);
		for (int k = 0; k < i; k++)
			if (m->child_ids[k] == m->child_ids[i])
				return hdiag_set(diag, HERR_INVALID,
				    "children", v, "The child with id %s is "
				    "listed twice", v);
	}
	return HERR_OK;
}

static enum herr
check_item(const struct sos_item *it, int i, struct hdiag *diag)
{
	char f[48], label[64];

	indexed(f, sizeof(f), "items", i, "text");
	if (it->kind < 0 || it->kind >= SOS_ITEM__COUNT)
		return hdiag_set(diag, HERR_INVALID, f, "", "Statement %d is "
		    "of no kind hearth knows", i + 1);
	snprintf(label, sizeof(label), "%s", sos_item_kind_label(it->kind));
	return check_text(f, label, it->text, "Write the statement, or "
	    "leave the whole box empty to remove it", diag);
}

static enum herr
check_pair(const struct sos_pair *p, int i, struct hdiag *diag)
{
	char f[48], label[64];
	bool goal = !blank(p->goal_agency) || !blank(p->goal_family);
	enum herr e;

	indexed(f, sizeof(f), "pairs", i, "danger");
	snprintf(label, sizeof(label), "Danger statement %d", i + 1);
	/* A goal answers a worry: never a goal on its own. */
	if (blank(p->danger) && goal)
		return hdiag_set(diag, HERR_INVALID, f, "", "Write the danger "
		    "statement that safety goal %d answers", i + 1);
	if ((e = check_text(f, label, p->danger, "Write the danger "
	    "statement: who is worried, about what, and what could happen to "
	    "the child if nothing changes", diag)) != HERR_OK)
		return e;
	indexed(f, sizeof(f), "pairs", i, "who_worried");
	snprintf(label, sizeof(label), "Who is worried (statement %d)", i + 1);
	if ((e = check_name(f, label, p->who_worried, "Say who is worried",
	    diag)) != HERR_OK)
		return e;
	indexed(f, sizeof(f), "pairs", i, "family_view");
	if (p->family_view < 0 || p->family_view >= SOS_VIEW__COUNT)
		return hdiag_set(diag, HERR_INVALID, f, "", "Select whether "
		    "the family agrees with danger statement %d", i + 1);
	/* practice-models 1.3: a disputed worry records the dispute. */
	indexed(f, sizeof(f), "pairs", i, "family_says");
	snprintf(label, sizeof(label), "What the family says (statement %d)",
	    i + 1);
	if ((e = check_text(f, label, p->family_says,
	    p->family_view == SOS_VIEW_PARTLY ||
	    p->family_view == SOS_VIEW_DISPUTES ? "Write what the family "
	    "says about this worry, in their words" : NULL, diag)) != HERR_OK)
		return e;
	/* North Yorkshire SCP: one safety goal per danger statement. */
	indexed(f, sizeof(f), "pairs", i, "goal_agency");
	if (!goal)
		return hdiag_set(diag, HERR_INVALID, f, "", "Write at least "
		    "one safety goal for danger statement %d: what the parents "
		    "will be doing, what the child will experience", i + 1);
	snprintf(label, sizeof(label), "The agency's safety goal %d", i + 1);
	if ((e = check_text(f, label, p->goal_agency, NULL, diag)) != HERR_OK)
		return e;
	indexed(f, sizeof(f), "pairs", i, "goal_family");
	snprintf(label, sizeof(label), "The family's safety goal %d", i + 1);
	if ((e = check_text(f, label, p->goal_family, NULL, diag)) != HERR_OK)
		return e;
	indexed(f, sizeof(f), "pairs", i, "sustain");
	snprintf(label, sizeof(label), "How long (goal %d)", i + 1);
	return check_name(f, label, p->sustain, NULL, diag);
}

static enum herr
check_step(const struct sos_step *s, int i, struct hdiag *diag)
{
	char f[48], label[64];
	enum herr e;

	indexed(f, sizeof(f), "steps", i, "what");
	snprintf(label, sizeof(label), "Next step %d", i + 1);
	if ((e = check_text(f, label, s->what, "Write what will happen",
	    diag)) != HERR_OK)
		return e;
	indexed(f, sizeof(f), "steps", i, "who");
	snprintf(label, sizeof(label), "Who (step %d)", i + 1);
	if ((e = check_name(f, label, s->who, "Say who will do it", diag)) !=
	    HERR_OK)
		return e;
	indexed(f, sizeof(f), "steps", i, "by");
	if (s->by == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, f, "", "Enter the date "
		    "next step %d will be done by", i + 1);
	return HERR_OK;
}

enum herr
sos_map_check(const struct sos_map *m, hday today,
    struct sos_warnings *warn, struct hdiag *diag)
{
	bool harm = false;
	enum herr e;

	map_warnings(m, warn);
	if ((e = check_children(m, diag)) != HERR_OK ||
	    (e = check_day("made_on", "date the map reflects", m->made_on,
	    today, diag)) != HERR_OK)
		return e;
	if (m->n_items < 0 || m->n_items > SOS_ITEMS_MAX)
		return hdiag_set(diag, HERR_INVALID, "items", "", "A map can "
		    "hold at most %d statements of harm, complicating "
		    "factors, strengths and safety", SOS_ITEMS_MAX);
	if (m->n_pairs < 0 || m->n_pairs > SOS_PAIRS_MAX)
		return hdiag_set(diag, HERR_INVALID, "pairs", "", "A map can "
		    "hold at most %d danger statements", SOS_PAIRS_MAX);
	if (m->n_steps < 0 || m->n_steps > SOS_STEPS_MAX)
		return hdiag_set(diag, HERR_INVALID, "steps", "", "A map can "
		    "hold at most %d next steps", SOS_STEPS_MAX);
	for (int i = 0; i < m->n_items; i++) {
		if ((e = check_item(&m->items[i], i, diag)) != HERR_OK)
			return e;
		harm = harm || m->items[i].kind == SOS_HARM;
	}
	for (int i = 0; i < m->n_pairs; i++)
		if ((e = check_pair(&m->pairs[i], i, diag)) != HERR_OK)
			return e;
	for (int i = 0; i < m->n_steps; i++)
		if ((e = check_step(&m->steps[i], i, diag)) != HERR_OK)
			return e;
	/* WA procedure 2.2.17: harm statements and/or danger statements. */
	if (!harm && m->n_pairs == 0)
		return hdiag_set(diag, HERR_INVALID, "pairs[0].danger", "",
		    "Write at least one harm statement or danger statement: "
		    "a map says what the worry is");
	return HERR_OK;
}

/* ---------------------------------------------------------------------
 * Safety scales
 */

static bool
same_person(enum sos_rater ka, const char *a, enum sos_rater kb,
    const char *b)
{
	return ka == kb && strcasecmp(a, b) == 0;
}

enum herr
sos_rating_check(const struct sos_rating *r, const struct sos_map *map,
    const struct sos_rating *existing, int n_existing, hday today,
    struct hdiag *diag)
{
	char v[24], d[HDATE_LEN];
	enum herr e;

	if (r->child_id <= 0)
		return hdiag_set(diag, HERR_INVALID, "child_id", "",
		    "Say which child the rating is about");
	if (r->kind < 0 || r->kind >= RATER__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "", "Select who "
		    "gave the rating: the child, a parent or carer, someone "
		    "in the safety network or a professional");
	if ((e = check_name("rater", "The name of the person rating",
	    r->rater, "Enter the name of the person who gave the rating",
	    diag)) != HERR_OK)
		return e;
	if ((e = check_name("agency", "The agency", r->agency,
	    r->kind == RATER_PROFESSIONAL ? "Enter the professional's agency" :
	    NULL, diag)) != HERR_OK)
		return e;
	if (r->value < SOS_SCALE_MIN || r->value > SOS_SCALE_MAX) {
		snprintf(v, sizeof(v), "%d", r->value);
		return hdiag_set(diag, HERR_INVALID, "value", v, "A rating is "
		    "from %d (too unsafe for the child to stay at home) to %d "
		    "(safe enough to close)", SOS_SCALE_MIN, SOS_SCALE_MAX);
	}
	if ((e = check_text("reason", "The reason", r->reason, "Enter why "
	    "they chose that number", diag)) != HERR_OK)
		return e;
	if (r->pair < 0 || (r->pair > 0 && (map == NULL ||
	    r->pair > map->n_pairs))) {
		snprintf(v, sizeof(v), "%d", r->pair);
		return hdiag_set(diag, HERR_INVALID, "pair", v, "The map has "
		    "no danger statement %s to rate", v);
	}
	if (map != NULL && r->map_id != 0 && map->id != r->map_id)
		return hdiag_set(diag, HERR_INVALID, "map_id", "", "The "
		    "rating is not of the version of the map given");
	if ((e = check_day("rated_on", "date of the rating", r->rated_on,
	    today, diag)) != HERR_OK)
		return e;
	/* Norfolk IRO: each person scores independently, once. */
	for (int i = 0; i < n_existing; i++) {
		const struct sos_rating *x = &existing[i];

		if (x->id == r->id && r->id != 0)
			continue;
		if (x->child_id != r->child_id || x->pair != r->pair ||
		    !same_person(x->kind, x->rater, r->kind, r->rater))
			continue;
		if (r->meeting_id != 0 && x->meeting_id == r->meeting_id)
			return hdiag_set(diag, HERR_INVALID, "rater", r->rater,
			    "%s has already given a rating for this scale at "
			    "this conference", r->rater);
		if (r->meeting_id == 0 && x->rated_on == r->rated_on)
			return hdiag_set(diag, HERR_INVALID, "rater", r->rater,
			    "%s has already given a rating for this scale on "
			    "%s", r->rater, hdate_format(r->rated_on, d));
	}
	return HERR_OK;
}

/* Ratings by date, then id (qsort over pointers). */
static int
by_date(const void *a, const void *b)
{
	const struct sos_rating *x = *(const struct sos_rating *const *)a;
	const struct sos_rating *y = *(const struct sos_rating *const *)b;

	if (x->rated_on != y->rated_on)
		return x->rated_on < y->rated_on ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return 0;
}

/* Series: child, parents, network, professionals; each group by first
 * rating, then name. */
static int
series_order(const void *a, const void *b)
{
	const struct sos_series *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->pts[0].on != y->pts[0].on)
		return x->pts[0].on < y->pts[0].on ? -1 : 1;
	if ((c = strcasecmp(x->rater, y->rater)) != 0)
		return c;
	return strcmp(x->rater, y->rater);
}

int
sos_scale_series(const struct sos_rating *ratings, int n, int pair,
    struct sos_series *out, int max)
{
	const struct sos_rating **sorted;
	struct sos_series *all;
	int ns = 0, k = 0;

	if (n <= 0 || max <= 0)
		return 0;
	sorted = xmalloc((size_t)n * sizeof(*sorted));
	for (int i = 0; i < n; i++)
		if (ratings[i].pair == pair)
			sorted[k++] = &ratings[i];
	if (k == 0) {
		free(sorted);
		return 0;
	}
	qsort(sorted, (size_t)k, sizeof(*sorted), by_date);
	all = xcalloc((size_t)k, sizeof(*all));
	for (int i = 0; i < k; i++) {
		const struct sos_rating *r = sorted[i];
		struct sos_series *s = NULL;

		for (int j = 0; j < ns && s == NULL; j++)
			if (same_person(all[j].kind, all[j].rater, r->kind,
			    r->rater))
				s = &all[j];
		if (s == NULL) {
			s = &all[ns++];
			s->kind = r->kind;
			snprintf(s->rater, sizeof(s->rater), "%s", r->rater);
		}
		/* The latest agency a person gave is the one they are with. */
		if (r->agency[0] != '\0')
			snprintf(s->agency, sizeof(s->agency), "%s", r->agency);
		/* Past the cap the earliest point makes room for the new. */
		if (s->n == SOS_SERIES_POINTS) {
			memmove(&s->pts[0], &s->pts[1],
			    (SOS_SERIES_POINTS - 1) * sizeof(s->pts[0]));
			s->n--;
		}
		s->pts[s->n].on = r->rated_on;
		s->pts[s->n].value = r->value;
		s->pts[s->n].rating_id = r->id;
		s->n++;
	}
	qsort(all, (size_t)ns, sizeof(*all), series_order);
	if (ns > max)
		ns = max;
	memcpy(out, all, (size_t)ns * sizeof(*all));
	free(all);
	free(sorted);
	return ns;
}

void
sos_scale_spread(const struct sos_rating *ratings, int n, int pair,
    int64_t meeting_id, hday on, struct sos_spread *out)
{
	int count[SOS_SCALE_MAX - SOS_SCALE_MIN + 1] = { 0 };
	int seen = 0, lo = -1, hi = -1;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < n; i++) {
		const struct sos_rating *r = &ratings[i];

		if (r->pair != pair || r->value < SOS_SCALE_MIN ||
		    r->value > SOS_SCALE_MAX)
			continue;
		if (meeting_id != 0 ? r->meeting_id != meeting_id :
		    r->rated_on != on)
			continue;
		count[r->value - SOS_SCALE_MIN]++;
		seen++;
	}
	if (seen == 0)
		return;
	/* The median of values 0..10 from their counts: the value at
	 * 0-based rank (seen-1)/2 plus the one at seen/2. */
	for (int v = 0, rank = 0; v <= SOS_SCALE_MAX - SOS_SCALE_MIN; v++) {
		for (int c = 0; c < count[v]; c++, rank++) {
			if (rank == (seen - 1) / 2)
				lo = v;
			if (rank == seen / 2)
				hi = v;
		}
	}
	out->n = seen;
	out->median2 = lo + hi + 2 * SOS_SCALE_MIN;
	for (int v = 0; v <= SOS_SCALE_MAX - SOS_SCALE_MIN; v++)
		if (count[v] > 0) {
			out->lowest = v + SOS_SCALE_MIN;
			break;
		}
	for (int v = SOS_SCALE_MAX - SOS_SCALE_MIN; v >= 0; v--)
		if (count[v] > 0) {
			out->highest = v + SOS_SCALE_MIN;
			break;
		}
}

/* ---------------------------------------------------------------------
 * The child's voice
 */

/* An optional date of the Words and Pictures chain: not in the future,
 * not before `after` (the step before it, named `after_what`). */
static enum herr
check_chain(const char *field, const char *what, hday d, hday after,
    const char *after_what, hday today, struct hdiag *diag)
{
	char a[HDATE_LEN], b[HDATE_LEN];
	enum herr e;

	if (d == HDAY_NONE)
		return HERR_OK;
	if ((e = check_day(field, what, d, today, diag)) != HERR_OK)
		return e;
	if (after != HDAY_NONE && d < after)
		return hdiag_set(diag, HERR_INVALID, field, hdate_format(d, a),
		    "The %s %s is before %s (%s)", what, a, after_what,
		    hdate_format(after, b));
	return HERR_OK;
}

enum herr
voice_work_check(const struct voice_work *v, hday dob, hday today,
    struct hdiag *diag)
{
	char a[HDATE_LEN], b[HDATE_LEN];
	hday last;
	const char *last_what;
	enum herr e;

	if (v->kind < 0 || v->kind >= VOICE__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "", "Choose Three "
		    "Houses or Words and Pictures");
	if ((e = check_day("made_on", "date it was done", v->made_on, today,
	    diag)) != HERR_OK)
		return e;
	if (dob != HDAY_NONE && v->made_on < dob)
		return hdiag_set(diag, HERR_INVALID, "made_on",
		    hdate_format(v->made_on, a), "The date it was done (%s) is "
		    "before the child was born (%s)", a, hdate_format(dob, b));
	if ((e = check_name("made_with", "Who did it with the child",
	    v->made_with, NULL, diag)) != HERR_OK)
		return e;
	if (v->kind == VOICE_THREE_HOUSES) {
		/* Nicki Weld's three houses, in the child's words. */
		if (blank(v->good) && blank(v->worries) && blank(v->dreams))
			return hdiag_set(diag, HERR_INVALID, "good", "",
			    "Write what the child said for at least one of "
			    "the houses");
		if ((e = check_text("good", "The house of good things",
		    v->good, NULL, diag)) != HERR_OK ||
		    (e = check_text("worries", "The house of worries",
		    v->worries, NULL, diag)) != HERR_OK ||
		    (e = check_text("dreams", "The house of dreams", v->dreams,
		    NULL, diag)) != HERR_OK)
			return e;
		if (!blank(v->explanation) || v->shared_parents_on !=
		    HDAY_NONE || v->agreed_on != HDAY_NONE ||
		    v->shared_child_on != HDAY_NONE)
			return hdiag_set(diag, HERR_INVALID, "explanation", "",
			    "Three Houses has no explanation or sharing "
			    "dates: those belong to Words and Pictures");
		return HERR_OK;
	}
	/* Turnell and Essex: the explanation, shared with and agreed by the
	 * parents where possible, then shared with the child. */
	if (!blank(v->good) || !blank(v->worries) || !blank(v->dreams))
		return hdiag_set(diag, HERR_INVALID, "good", "", "Words and "
		    "Pictures has no houses: those belong to Three Houses");
	if ((e = check_text("explanation", "The explanation", v->explanation,
	    "Write the explanation for the child: why professionals are "
	    "involved, in words the child will understand", diag)) != HERR_OK)
		return e;
	if ((e = check_chain("shared_parents_on", "date it was shared with "
	    "the parents", v->shared_parents_on, v->made_on, "the date it "
	    "was written", today, diag)) != HERR_OK)
		return e;
	if (v->agreed_on != HDAY_NONE && v->shared_parents_on == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "agreed_on", "", "Enter "
		    "when it was shared with the parents before saying they "
		    "agreed it");
	if ((e = check_chain("agreed_on", "date the parents agreed it",
	    v->agreed_on, v->shared_parents_on, "it was shared with them",
	    today, diag)) != HERR_OK)
		return e;
	last = v->made_on;
	last_what = "the date it was written";
	if (v->shared_parents_on != HDAY_NONE) {
		last = v->shared_parents_on;
		last_what = "it was shared with the parents";
	}
	if (v->agreed_on != HDAY_NONE) {
		last = v->agreed_on;
		last_what = "the parents agreed it";
	}
	return check_chain("shared_child_on", "date it was shared with the "
	    "child", v->shared_child_on, last, last_what, today, diag);
}
