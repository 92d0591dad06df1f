/*
 * api_sos.c: Signs of Safety in the JSON API, over the same record_* calls
 * as the pages (core/record.h): the map as revisions, safety scale
 * ratings, and direct work with the child.
 *
 *   GET  /api/v1/children/{id}/map            the latest revision (null
 *        when none) and the list of revisions, newest first
 *   GET  /api/v1/children/{id}/map/{id}       one revision (it must cover
 *        the child)
 *   POST /api/v1/children/{id}/map            a new revision: {expected
 *        (the latest revision's id you started from, or null for the
 *        first), made_on, meeting_id, children[] (other children it
 *        covers), harm[], complicating[], strengths[], safety[] (strings),
 *        pairs[{danger, who_worried, family_view, family_says,
 *        goal_agency, goal_family, sustain}], next_steps[{what, who, by}]}
 *   GET  /api/v1/children/{id}/ratings        every rating, date order
 *   POST /api/v1/children/{id}/ratings        {meeting_id, map_id, pair,
 *        rated_on, rater_kind, rater, agency, staff_id, value, reason}
 *   GET  /api/v1/children/{id}/voice          Three Houses, Words and
 *        Pictures, newest first
 *   POST /api/v1/children/{id}/voice          {kind, made_on, made_with,
 *        good, worries, dreams, explanation, shared_parents_on, agreed_on,
 *        shared_child_on}
 *   POST /api/v1/children/{id}/voice/{id}     {version, explanation,
 *        shared_parents_on, agreed_on, shared_child_on}
 *
 * Reading needs ACCESS_VIEW on the child; writing ACCESS_CONFERENCE (on
 * every child a map covers).  A saved map answers with its warnings (more
 * than three danger statements) and the plain-language flags of its
 * family-facing texts (core/plain.h): nothing is refused for either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_internal.h"
#include "core/mem.h"
#include "core/plain.h"
#include "core/sos.h"
#include "store/store_sos.h"
#include "web/plain_view.h"
#include "web/router.h"
#include "core/banned.h"

#define RATINGS_MAX 2000	/* a child's ratings answered at once */
#define VOICE_MAX 100
#define HISTORY_MAX 200

CODE_FN(view_code, sos_family_view_code, enum sos_family_view)
CODE_FN(rater_code, sos_rater_code, enum sos_rater)
CODE_FN(voice_code, voice_kind_code, enum voice_kind)

/* ------------------------------------------------------------ JSON */

static json_t *
map_json(const struct sos_map *m)
{
	json_t *o = json_object(), *a, *lists[SOS_ITEM__COUNT];
	static const char *const keys[SOS_ITEM__COUNT] = {
		[SOS_HARM] = "harm",
		[SOS_COMPLICATING] = "complicating",
		[SOS_STRENGTH] = "strengths",
		[SOS_SAFETY] = "safety",
	};

	api_set(o, "id", api_jid(m->id));
	api_set(o, "previous_id", api_jid(m->previous_id));
	a = json_array();
	for (int i = 0; i < m->n_children; i++)
		json_array_append_new(a, json_integer(m->child_ids[i]));
	api_set(o, "children", a);
	api_set(o, "meeting_id", api_jid(m->meeting_id));
	api_set(o, "made_on", api_jdate(m->made_on));
	api_set(o, "made_by", api_jid(m->made_by));
	api_set(o, "made_at", api_jtime(m->made_at));
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		lists[k] = json_array();
	for (int i = 0; i < m->n_items; i++)
		if ((unsigned)m->items[i].kind < SOS_ITEM__COUNT)
			json_array_append_new(lists[m->items[i].kind],
			    api_jstr(m->items[i].text));
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		api_set(o, keys[k], lists[k]);
	a = json_array();
	for (int i = 0; i < m->n_pairs; i++) {
		const struct sos_pair *p = &m->pairs[i];
		json_t *x = json_object();

		api_set(x, "number", json_integer(i + 1));
		api_set(x, "danger", api_jstr(p->danger));
		api_set(x, "who_worried", api_jstr(p->who_worried));
		api_set(x, "family_view", api_jstr(sos_family_view_code(
		    p->family_view)));
		api_set(x, "family_says", api_jtext(p->family_says));
		api_set(x, "goal_agency", api_jtext(p->goal_agency));
		api_set(x, "goal_family", api_jtext(p->goal_family));
		api_set(x, "sustain", api_jtext(p->sustain));
		json_array_append_new(a, x);
	}
	api_set(o, "pairs", a);
	a = json_array();
	for (int i = 0; i < m->n_steps; i++) {
		json_t *x = json_object();

		api_set(x, "what", api_jstr(m->steps[i].what));
		api_set(x, "who", api_jstr(m->steps[i].who));
		api_set(x, "by", api_jdate(m->steps[i].by));
		json_array_append_new(a, x);
	}
	api_set(o, "next_steps", a);
	return o;
}

static json_t *
rating_json(const struct sos_rating *r)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(r->id));
	api_set(o, "child_id", api_jid(r->child_id));
	api_set(o, "meeting_id", api_jid(r->meeting_id));
	api_set(o, "map_id", api_jid(r->map_id));
	api_set(o, "pair", json_integer(r->pair));
	api_set(o, "rated_on", api_jdate(r->rated_on));
	api_set(o, "rater_kind", api_jstr(sos_rater_code(r->kind)));
	api_set(o, "rater", api_jstr(r->rater));
	api_set(o, "agency", api_jtext(r->agency));
	api_set(o, "staff_id", api_jid(r->staff_id));
	api_set(o, "value", json_integer(r->value));
	api_set(o, "reason", api_jstr(r->reason));
	api_set(o, "recorded_at", api_jtime(r->recorded_at));
	return o;
}

static json_t *
voice_json(const struct voice_work *v)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(v->id));
	api_set(o, "version", json_integer(v->version));
	api_set(o, "child_id", api_jid(v->child_id));
	api_set(o, "kind", api_jstr(voice_kind_code(v->kind)));
	api_set(o, "made_on", api_jdate(v->made_on));
	api_set(o, "made_with", api_jtext(v->made_with));
	if (v->kind == VOICE_THREE_HOUSES) {
		api_set(o, "good", api_jtext(v->good));
		api_set(o, "worries", api_jtext(v->worries));
		api_set(o, "dreams", api_jtext(v->dreams));
	} else {
		api_set(o, "explanation", api_jtext(v->explanation));
		api_set(o, "shared_parents_on", api_jdate(v->shared_parents_on));
		api_set(o, "agreed_on", api_jdate(v->agreed_on));
		api_set(o, "shared_child_on", api_jdate(v->shared_child_on));
	}
	return o;
}

/* ------------------------------------------------------------ reads */

/* Authenticate and gate a read of the path's child; true to go on. */
static bool
read_gate(struct req *r, struct resp *w)
{
	return api_authenticate(r, w) && api_no_query(r, w) &&
	    api_gate(r, w, web_id(r, 0), ACCESS_VIEW, NULL);
}

/* Audit the view of the child, then send o (taken); 503 if the audit row
 * could not be written. */
static void
send_viewed(struct req *r, struct resp *w, json_t *o)
{
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, web_id(r, 0), NULL)) {
		json_decref(o);
		api_unavailable(w);
		return;
	}
	api_json(w, 200, o);
}

static void
get_map(struct req *r, struct resp *w)
{
	struct sos_map *m = NULL;
	struct store_map_rev *revs = NULL;
	json_t *o, *a;
	enum herr e;
	int n = 0;

	if (!read_gate(r, w))
		return;
	m = sos_map_new();
	revs = xcalloc(HISTORY_MAX, sizeof(*revs));
	e = store_map_latest(r->st, web_id(r, 0), m);
	if ((e != HERR_OK && e != HERR_NOTFOUND) ||
	    store_map_history(r->st, web_id(r, 0), revs, HISTORY_MAX, &n) !=
	    HERR_OK) {
		api_unavailable(w);
		goto out;
	}
	o = json_object();
	api_set(o, "map", e == HERR_OK ? map_json(m) : json_null());
	a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *x = json_object();

		api_set(x, "id", api_jid(revs[i].id));
		api_set(x, "made_on", api_jdate(revs[i].made_on));
		api_set(x, "made_by", api_jid(revs[i].made_by));
		api_set(x, "made_at", api_jtime(revs[i].made_at));
		api_set(x, "meeting_id", api_jid(revs[i].meeting_id));
		api_set(x, "pairs", json_integer(revs[i].n_pairs));
		json_array_append_new(a, x);
	}
	api_set(o, "revisions", a);
	send_viewed(r, w, o);
out:
	free(revs);
	sos_map_free(m);
}

/* True when revision m covers child `id`. */
static bool
covers(const struct sos_map *m, int64_t id)
{
	for (int i = 0; i < m->n_children; i++)
		if (m->child_ids[i] == id)
			return true;
	return false;
}

static void
get_map_revision(struct req *r, struct resp *w)
{
	struct sos_map *m;
	enum herr e;

	if (!read_gate(r, w))
		return;
	m = sos_map_new();
	e = store_map_get(r->st, web_id(r, 1), m);
	if (e == HERR_NOTFOUND || (e == HERR_OK && !covers(m, web_id(r, 0))))
		api_not_found(w);
	else if (e != HERR_OK)
		api_unavailable(w);
	else
		send_viewed(r, w, map_json(m));
	sos_map_free(m);
}

static void
get_ratings(struct req *r, struct resp *w)
{
	struct sos_rating *rs;
	json_t *a;
	int n = 0;

	if (!read_gate(r, w))
		return;
	rs = xcalloc(RATINGS_MAX, sizeof(*rs));
	if (store_ratings_child(r->st, web_id(r, 0), rs, RATINGS_MAX, &n) !=
	    HERR_OK) {
		api_unavailable(w);
		free(rs);
		return;
	}
	a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, rating_json(&rs[i]));
	free(rs);
	send_viewed(r, w, a);
}

static void
get_voice(struct req *r, struct resp *w)
{
	struct voice_work *v;
	json_t *a;
	int n = 0;

	if (!read_gate(r, w))
		return;
	v = xcalloc(VOICE_MAX, sizeof(*v));
	if (store_voice_list(r->st, web_id(r, 0), v, VOICE_MAX, &n) !=
	    HERR_OK) {
		api_unavailable(w);
		free(v);
		return;
	}
	a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, voice_json(&v[i]));
	free(v);
	send_viewed(r, w, a);
}

/* ------------------------------------------------------------ writes */

static const char cannot[] = "You cannot change this child's Signs of "
    "Safety records";

static const struct jfield map_fields[] = {
	{ "expected", J_INT_NULL },
	{ "made_on", J_STRING },
	{ "meeting_id", J_INT_NULL },
	{ "children", J_ARRAY },
	{ "harm", J_ARRAY },
	{ "complicating", J_ARRAY },
	{ "strengths", J_ARRAY },
	{ "safety", J_ARRAY },
	{ "pairs", J_ARRAY },
	{ "next_steps", J_ARRAY },
};

static const struct jfield pair_fields[] = {
	{ "danger", J_STRING },
	{ "who_worried", J_STRING },
	{ "family_view", J_STRING_NULL },
	{ "family_says", J_STRING_NULL },
	{ "goal_agency", J_STRING_NULL },
	{ "goal_family", J_STRING_NULL },
	{ "sustain", J_STRING_NULL },
};

static const struct jfield step_fields[] = {
	{ "what", J_STRING },
	{ "who", J_STRING },
	{ "by", J_STRING },
};

/* The strings of array `key` as items of `kind`. */
static void
take_items_of(struct api_step *s, struct sos_map *m, const char *key,
    enum sos_item_kind kind)
{
	json_t *a = json_object_get(s->o, key), *v;
	char field[FIELD_MAX];
	size_t i;

	json_array_foreach(a, i, v) {
		snprintf(field, sizeof(field), "%s[%zu]", key, i);
		if (!json_is_string(v)) {
			api_error_add(s->bad, field, "Each item must be a string");
			if (s->bad_title == NULL)
				s->bad_title = "Wrong type";
			continue;
		}
		if (m->n_items >= SOS_ITEMS_MAX) {
			api_error_add(s->errors, key, "A map holds at most 48 "
			    "harm, complicating, strength and safety items in "
			    "all");
			return;
		}
		m->items[m->n_items].kind = kind;
		api_take_text(s->errors, m->items[m->n_items].text,
		    sizeof(m->items[0].text), json_string_value(v), field,
		    "The statement");
		m->n_items++;
	}
}

/* The map's family-facing texts checked for plain language. */
static json_t *
map_plain(struct req *r, const struct sos_map *m)
{
	struct plain_term *terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
	json_t *out = json_array();
	char field[FIELD_MAX];
	int n = 0;

	n = plain_view_terms(r, terms);
	for (int i = 0; i < m->n_pairs; i++) {
		snprintf(field, sizeof(field), "pairs[%d].danger", i);
		api_plain_add(out, field, m->pairs[i].danger, terms, n);
		snprintf(field, sizeof(field), "pairs[%d].goal_agency", i);
		api_plain_add(out, field, m->pairs[i].goal_agency, terms, n);
		snprintf(field, sizeof(field), "pairs[%d].goal_family", i);
		api_plain_add(out, field, m->pairs[i].goal_family, terms, n);
	}
	for (int i = 0; i < m->n_items; i++) {
		snprintf(field, sizeof(field), "%s[%d]",
		    sos_item_kind_code(m->items[i].kind), i);
		api_plain_add(out, field, m->items[i].text, terms, n);
	}
	free(terms);
	return out;
}

static void
post_map(struct req *r, struct resp *w)
{
	struct sos_map *m = sos_map_new();
	struct sos_warnings warn;
	struct api_step s;
	int64_t expected;
	json_t *a, *o;
	char prefix[FIELD_MAX];
	int n;

	memset(&warn, 0, sizeof(warn));
	if (!api_step_start(&s, r, w, web_id(r, 0), ACCESS_CONFERENCE, cannot,
	    map_fields, NFIELDS(map_fields)))
		goto out;
	expected = (int64_t)json_integer_value(json_object_get(s.o,
	    "expected"));
	m->child_ids[m->n_children++] = s.child_id;
	a = json_object_get(s.o, "children");
	for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
		json_t *v = json_array_get(a, i);
		int64_t id = (int64_t)json_integer_value(v);

		snprintf(prefix, sizeof(prefix), "children[%zu]", i);
		if (!json_is_integer(v) || id <= 0) {
			api_error_add(s.bad, prefix, "Each child must be a "
			    "child's id");
			s.bad_title = "Wrong type";
			continue;
		}
		if (id == s.child_id)
			continue;
		if (m->n_children >= SOS_CHILDREN_MAX) {
			api_error_add(s.errors, "children", "A map covers at "
			    "most 16 children");
			break;
		}
		/* Every child the map covers needs the same access. */
		if (!api_gate(r, w, id, ACCESS_CONFERENCE, cannot))
			goto out;
		m->child_ids[m->n_children++] = id;
	}
	api_take_day(&s, s.o, "", "made_on", "the date the map reflects", true,
	    &m->made_on);
	m->meeting_id = api_take_id(&s, s.o, "", "meeting_id", "", false);
	take_items_of(&s, m, "harm", SOS_HARM);
	take_items_of(&s, m, "complicating", SOS_COMPLICATING);
	take_items_of(&s, m, "strengths", SOS_STRENGTH);
	take_items_of(&s, m, "safety", SOS_SAFETY);
	a = api_take_items(&s, "pairs", pair_fields, NFIELDS(pair_fields),
	    SOS_PAIRS_MAX, &n);
	for (int i = 0; a != NULL && i < n; i++) {
		json_t *it = json_array_get(a, (size_t)i);
		struct sos_pair *p = &m->pairs[i];
		int k;

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "pairs[%d].", i);
		api_take_str(&s, it, prefix, "danger", "The danger statement",
		    p->danger, sizeof(p->danger));
		api_take_str(&s, it, prefix, "who_worried", "Who is worried",
		    p->who_worried, sizeof(p->who_worried));
		k = api_take_code(&s, it, prefix, "family_view", "the family's "
		    "view", false, sos_family_view_parse,
		    view_code, 0, SOS_VIEW__COUNT);
		p->family_view = k < 0 ? SOS_VIEW_NOT_ASKED :
		    (enum sos_family_view)k;
		api_take_str(&s, it, prefix, "family_says", "What the family "
		    "says", p->family_says, sizeof(p->family_says));
		api_take_str(&s, it, prefix, "goal_agency", "The agency's "
		    "safety goal", p->goal_agency, sizeof(p->goal_agency));
		api_take_str(&s, it, prefix, "goal_family", "The family's "
		    "safety goal", p->goal_family, sizeof(p->goal_family));
		api_take_str(&s, it, prefix, "sustain", "How long",
		    p->sustain, sizeof(p->sustain));
		m->n_pairs = i + 1;
	}
	a = api_take_items(&s, "next_steps", step_fields, NFIELDS(step_fields),
	    SOS_STEPS_MAX, &n);
	for (int i = 0; a != NULL && i < n; i++) {
		json_t *it = json_array_get(a, (size_t)i);
		struct sos_step *st = &m->steps[i];

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "next_steps[%d].", i);
		api_take_str(&s, it, prefix, "what", "What will happen",
		    st->what, sizeof(st->what));
		api_take_str(&s, it, prefix, "who", "Who will do it", st->who,
		    sizeof(st->who));
		api_take_day(&s, it, prefix, "by", "the date it is due by",
		    true, &st->by);
		m->n_steps = i + 1;
	}
	if (!api_step_begin(&s))
		goto out;
	if (!api_step_commit(&s, record_map_save(r->st, m, expected, &s.cx,
	    &warn, &s.d), m->child_ids, m->n_children))
		goto out;
	o = json_object();
	api_set(o, "map", map_json(m));
	a = json_array();
	for (int i = 0; i < warn.n; i++) {
		json_t *x = json_object();

		api_set(x, "field", api_jtext(warn.w[i].field));
		api_set(x, "detail", api_jstr(warn.w[i].msg));
		json_array_append_new(a, x);
	}
	api_set(o, "warnings", a);
	api_set(o, "plain_language", map_plain(r, m));
	api_json(w, 201, o);
out:
	api_step_end(&s);
	sos_map_free(m);
}

static const struct jfield rating_fields[] = {
	{ "meeting_id", J_INT_NULL },
	{ "map_id", J_INT_NULL },
	{ "pair", J_INT_NULL },
	{ "rated_on", J_STRING },
	{ "rater_kind", J_STRING },
	{ "rater", J_STRING },
	{ "agency", J_STRING_NULL },
	{ "staff_id", J_INT_NULL },
	{ "value", J_INT },
	{ "reason", J_STRING },
};

static void
post_rating(struct req *r, struct resp *w)
{
	struct sos_rating *rt = xcalloc(1, sizeof(*rt));
	struct api_step s;
	json_int_t v;
	int k;

	if (!api_step_start(&s, r, w, web_id(r, 0), ACCESS_CONFERENCE, cannot,
	    rating_fields, NFIELDS(rating_fields)))
		goto out;
	rt->child_id = s.child_id;
	rt->meeting_id = api_take_id(&s, s.o, "", "meeting_id", "", false);
	rt->map_id = api_take_id(&s, s.o, "", "map_id", "", false);
	v = json_integer_value(json_object_get(s.o, "pair"));
	rt->pair = v < 0 || v > SOS_PAIRS_MAX ? -1 : (int)v;
	api_take_day(&s, s.o, "", "rated_on", "the date of the rating", true,
	    &rt->rated_on);
	k = api_take_code(&s, s.o, "", "rater_kind", "who gave the rating",
	    true, sos_rater_parse, rater_code, 0, RATER__COUNT);
	rt->kind = k < 0 ? RATER_CHILD : (enum sos_rater)k;
	api_take_str(&s, s.o, "", "rater", "The name of the person",
	    rt->rater, sizeof(rt->rater));
	api_take_str(&s, s.o, "", "agency", "The agency", rt->agency,
	    sizeof(rt->agency));
	rt->staff_id = api_take_id(&s, s.o, "", "staff_id", "", false);
	v = json_integer_value(json_object_get(s.o, "value"));
	rt->value = v < -1 || v > 100 ? -1 : (int)v;
	api_take_str(&s, s.o, "", "reason", "The reason", rt->reason,
	    sizeof(rt->reason));
	if (!api_step_begin(&s) ||
	    !api_step_commit(&s, record_rating_add(r->st, rt, &s.cx, &s.d),
	    &s.child_id, 1))
		goto out;
	api_json(w, 201, rating_json(rt));
out:
	api_step_end(&s);
	free(rt);
}

static const struct jfield voice_fields[] = {
	{ "kind", J_STRING },
	{ "made_on", J_STRING },
	{ "made_with", J_STRING_NULL },
	{ "good", J_STRING_NULL },
	{ "worries", J_STRING_NULL },
	{ "dreams", J_STRING_NULL },
	{ "explanation", J_STRING_NULL },
	{ "shared_parents_on", J_STRING_NULL },
	{ "agreed_on", J_STRING_NULL },
	{ "shared_child_on", J_STRING_NULL },
};

/* The Words and Pictures part of a body (explanation and dates). */
static void
take_words_pictures(struct api_step *s, struct voice_work *v)
{
	api_take_str(s, s->o, "", "explanation", "The explanation",
	    v->explanation, sizeof(v->explanation));
	api_take_day(s, s->o, "", "shared_parents_on", "the date it was "
	    "shared with the parents", false, &v->shared_parents_on);
	api_take_day(s, s->o, "", "agreed_on", "the date the parents agreed "
	    "it", false, &v->agreed_on);
	api_take_day(s, s->o, "", "shared_child_on", "the date it was shared "
	    "with the child", false, &v->shared_child_on);
}

static void
post_voice(struct req *r, struct resp *w)
{
	struct voice_work *v = xcalloc(1, sizeof(*v));
	struct api_step s;
	int k;

	if (!api_step_start(&s, r, w, web_id(r, 0), ACCESS_CONFERENCE, cannot,
	    voice_fields, NFIELDS(voice_fields)))
		goto out;
	v->child_id = s.child_id;
	k = api_take_code(&s, s.o, "", "kind", "the kind of direct work", true,
	    voice_kind_parse, voice_code, 0, VOICE__COUNT);
	v->kind = k < 0 ? VOICE_THREE_HOUSES : (enum voice_kind)k;
	api_take_day(&s, s.o, "", "made_on", "the date it was done", true,
	    &v->made_on);
	api_take_str(&s, s.o, "", "made_with", "Who did it with the child",
	    v->made_with, sizeof(v->made_with));
	api_take_str(&s, s.o, "", "good", "The house of good things", v->good,
	    sizeof(v->good));
	api_take_str(&s, s.o, "", "worries", "The house of worries",
	    v->worries, sizeof(v->worries));
	api_take_str(&s, s.o, "", "dreams", "The house of dreams", v->dreams,
	    sizeof(v->dreams));
	take_words_pictures(&s, v);
	if (!api_step_begin(&s) ||
	    !api_step_commit(&s, record_voice_add(r->st, v, &s.cx, &s.d),
	    &s.child_id, 1))
		goto out;
	api_json(w, 201, voice_json(v));
out:
	api_step_end(&s);
	free(v);
}

static const struct jfield voice_update_fields[] = {
	{ "version", J_INT },
	{ "explanation", J_STRING_NULL },
	{ "shared_parents_on", J_STRING_NULL },
	{ "agreed_on", J_STRING_NULL },
	{ "shared_child_on", J_STRING_NULL },
};

static void
post_voice_update(struct req *r, struct resp *w)
{
	struct voice_work *v = xcalloc(1, sizeof(*v));
	struct api_step s;
	int64_t expected;
	enum herr x;

	if (!api_step_start(&s, r, w, web_id(r, 0), ACCESS_CONFERENCE, cannot,
	    voice_update_fields, NFIELDS(voice_update_fields)) ||
	    !api_step_version(&s, &expected) || !api_step_begin(&s))
		goto out;
	x = store_voice_get(r->st, web_id(r, 1), v);
	if (x == HERR_OK && v->child_id != s.child_id)
		x = HERR_NOTFOUND;
	if (x == HERR_OK && v->kind != VOICE_WORDS_PICTURES)
		x = hdiag_set(&s.d, HERR_INVALID, "kind", "", "Only a Words "
		    "and Pictures explanation has dates to change");
	if (x != HERR_OK) {
		api_step_fail(&s, x);
		goto out;
	}
	/* Fields left out keep what is stored. */
	{
		struct voice_work sent = *v;

		if (json_object_get(s.o, "explanation") == NULL)
			sent.explanation[0] = '\0';
		take_words_pictures(&s, &sent);
		if (json_object_get(s.o, "explanation") == NULL)
			memcpy(sent.explanation, v->explanation,
			    sizeof(sent.explanation));
		if (json_object_get(s.o, "shared_parents_on") == NULL)
			sent.shared_parents_on = v->shared_parents_on;
		if (json_object_get(s.o, "agreed_on") == NULL)
			sent.agreed_on = v->agreed_on;
		if (json_object_get(s.o, "shared_child_on") == NULL)
			sent.shared_child_on = v->shared_child_on;
		*v = sent;
	}
	if (json_array_size(s.errors) > 0) {
		api_invalid(w, s.errors);
		s.errors = NULL;
		goto out;
	}
	if (!api_step_commit(&s, record_voice_update(r->st, v, expected,
	    &s.cx, &s.d), &s.child_id, 1))
		goto out;
	api_json(w, 200, voice_json(v));
out:
	api_step_end(&s);
	free(v);
}

const struct route api_sos_routes[] = {
	{ "GET", "/api/v1/children/{id}/map", get_map, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/map", post_map, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}/map/{id}", get_map_revision,
	    ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}/ratings", get_ratings, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/ratings", post_rating, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}/voice", get_voice, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/voice", post_voice, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/voice/{id}", post_voice_update,
	    ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
