/*
 * api.c: the JSON API under /api/v1/, over the same core and store calls
 * as the pages.
 *
 * Clients authenticate with a personal access token ("Authorization:
 * Bearer hrth_..."), made on the Your account page and stored only as a
 * hash.  Cookies are ignored here, so a browser session can never be
 * used cross-site against the API and no CSRF token is needed.  A denied
 * record is 404, exactly as a missing one (the same bytes).  Errors are
 * RFC 9457 problem details (application/problem+json).  JSON is read and
 * written only through jansson; request bodies must be JSON objects
 * (application/json, UTF-8, no NUL, no repeated keys) whose keys are all
 * known: an unknown key or a value of the wrong type is 400, a value the
 * core's rules refuse is 422 with errors naming each field.
 *
 * Resources:
 *   GET  /api/v1/me
 *   GET  /api/v1/children?q=&dob=       search, as the /search page
 *   GET  /api/v1/children/{id}          the record, as the record page
 *   PUT  /api/v1/children/{id}          change details (version checked)
 *   POST /api/v1/children/{id}/chronology
 *   GET  /api/v1/families/{id}          a household, as the family page
 *   GET  /api/v1/teams/{id}             members, and a caseload's ids
 *   GET  /api/v1/due?team=&worker=&until=
 *        open timed steps (timescale.h) of children the caller may open:
 *        a team's (one the caller is in), a worker's, or without either
 *        the caller's own; each with "status" due or overdue
 *   GET  /api/v1/children/{id}/journey  episodes with referral and
 *        decision, assessments, strategy discussions with people, s47s,
 *        conferences with each child's decision, plans with core groups,
 *        events, and the child's open due items
 *
 * The child protection journey: each step through the same record_*
 * call as the pages (core/record.h), under /api/v1/children/{id}/, with
 * ACCESS_EDIT on the child; 201 with the new record, 200 with the changed
 * one; "version" where the record is versioned (409 when stale):
 *   POST referrals                   {referral_date, referral_source,
 *                                     primary_need}: a new CIN episode
 *   POST episodes/{id}/decision      {version, decision, decision_date,
 *                                     contact_date, reason}
 *   POST episodes/{id}/close         {closure_date, reason}
 *   POST assessments                 {episode_id, start_date, factors[]}
 *   POST assessments/{id}/authorise  {version, authorised_date, outcome,
 *                                     factors[]}
 *   POST strategy-discussions        {episode_id, held_date, s47, note,
 *                                     people[{name, agency, role,
 *                                     staff_id}]}
 *   POST s47                         {episode_id, strategy_id, start_date}
 *   POST s47/{id}/outcome            {version, outcome, outcome_date}
 *   POST conferences                 {kind, held_date, notified_date,
 *                                     chair_id, note, children[{child_id,
 *                                     s47_id, plan_id, decision, category,
 *                                     end_reason, step_down}]}: every child
 *                                     listed needs ACCESS_EDIT too
 *   POST plans/{id}/end              {end_date, reason}: CP, CIN or LAC
 *   POST plans/{id}/core-group       {version, members[]}
 *   POST plans/{id}/events           {kind, held_date, seen, seen_alone,
 *                                     note}
 *   POST cin-plans                   {episode_id, start_date}
 *   POST looked-after                {episode_id, start_date, legal_status,
 *                                     placement, long_term}
 *   POST looked-after/{id}/end       {end_date, reason}
 * Codes are journey.h's ("assessment", "icpc", "neglect"...); dates
 * YYYY-MM-DD.  A problem with a value names the field as the body does
 * ("children[1].category", "people[0].name").
 *
 * Every handler asks web_child_access (core/access) before anything else
 * about a record, writes the audit row before a byte of case content is
 * sent (and sends nothing when it could not: 503), and an edit commits
 * with its audit row in one transaction, exactly as the pages do.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api_internal.h"
#include "core/auth.h"
#include "core/chronology.h"
#include "core/codes.h"
#include "core/mem.h"
#include "core/journey.h"
#include "core/record.h"
#include "core/text.h"
#include "core/timescale.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "web/child_view.h"
#include "web/router.h"
#include "web/search.h"
#include "core/banned.h"


#define CASELOAD_LIMIT 2000	/* rows of a caseload looked at */

/* ------------------------------------------------------------ /me */

static void
get_me(struct req *r, struct resp *w)
{
	json_t *teams, *o;

	if (!api_authenticate(r, w) || !api_no_query(r, w))
		return;
	teams = json_array();
	for (int i = 0; i < r->who.n_teams; i++)
		json_array_append_new(teams, json_integer(r->who.team_ids[i]));
	o = json_object();
	api_set(o, "id", json_integer(r->who.staff_id));
	api_set(o, "username", api_jstr(r->who.username));
	api_set(o, "name", api_jstr(r->who.display));
	api_set(o, "role", api_jstr(role_code(r->who.role)));
	api_set(o, "role_label", api_jstr(role_label(r->who.role)));
	api_set(o, "agency_id", json_integer(r->who.agency_id));
	api_set(o, "teams", teams);
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ a child */

static json_t *
child_json(const struct child *c, const struct cin_episode *eps, int neps)
{
	json_t *dis = json_array(), *episodes = json_array(), *o;
	const struct code *eth = codes_find(CODES_ETHNICITY, c->ethnicity);
	const struct code *unk = codes_find(CODES_UPN_UNKNOWN, c->upn_unknown);
	char sex[2] = { c->sex, '\0' };

	for (int i = 0; i < c->n_disabilities; i++)
		json_array_append_new(dis, api_jstr(c->disabilities[i]));
	for (int i = 0; i < neps; i++) {
		const struct cin_episode *e = &eps[i];
		json_t *x = json_object();

		api_set(x, "id", json_integer(e->id));
		api_set(x, "version", json_integer(e->version));
		api_set(x, "referral_date", api_jdate(e->referral_date));
		api_set(x, "referral_source", api_jtext(e->referral_source));
		api_set(x, "primary_need", api_jtext(e->primary_need));
		api_set(x, "referral_nfa", json_boolean(e->referral_nfa));
		api_set(x, "closure_date", api_jdate(e->closure_date));
		api_set(x, "closure_reason", api_jtext(e->closure_reason));
		json_array_append_new(episodes, x);
	}
	o = json_object();
	api_set(o, "id", json_integer(c->id));
	api_set(o, "version", json_integer(c->version));
	api_set(o, "la_child_id", api_jstr(c->la_child_id));
	api_set(o, "given_name", api_jstr(c->given_name));
	api_set(o, "family_name", api_jstr(c->family_name));
	api_set(o, "birth_date", api_jdate(c->birth_date));
	api_set(o, "expected_birth_date", api_jdate(c->expected_birth_date));
	api_set(o, "death_date", api_jdate(c->death_date));
	api_set(o, "sex", api_jstr(sex));
	api_set(o, "ethnicity", api_jstr(c->ethnicity));
	api_set(o, "ethnicity_label", eth != NULL ? api_jstr(eth->label) :
	    json_null());
	api_set(o, "upn", api_jtext(c->upn));
	api_set(o, "upn_unknown", api_jtext(c->upn_unknown));
	api_set(o, "upn_unknown_label", unk != NULL && c->upn_unknown[0] ?
	    api_jstr(unk->label) : json_null());
	api_set(o, "disabilities", dis);
	api_set(o, "cin_episodes", episodes);
	return o;
}

static bool
current(hday start, hday end, hday today)
{
	return (start == HDAY_NONE || start <= today) &&
	    (end == HDAY_NONE || end >= today);
}

static json_t *
relative_json(struct req *r, const struct store_relative *x, bool shown_)
{
	json_t *o = json_object();

	if (shown_) {
		api_set(o, "relationship_id", json_integer(x->relationship_id));
		api_set(o, "person_id", json_integer(x->person_id));
	}
	api_set(o, "kind", json_string(x->is_child ? "child" : "adult"));
	if (!shown_)
		api_set(o, "restricted_from_you", json_true());
	api_set(o, "relationship", api_jstr(relation_code(x->kind)));
	api_set(o, "relationship_label", api_jstr(x->reverse ?
	    relation_inverse_label(x->kind) : relation_label(x->kind)));
	api_set(o, "reverse", json_boolean(x->reverse));
	api_set(o, "parental_responsibility",
	    json_boolean(x->parental_responsibility));
	api_set(o, "current", json_boolean(x->end_date == HDAY_NONE ||
	    x->end_date >= r->today));
	if (!shown_)
		return o;
	api_set(o, "given_name", api_jstr(x->given_name));
	api_set(o, "family_name", api_jstr(x->family_name));
	api_set(o, "birth_date", api_jdate(x->birth_date));
	api_set(o, "start_date", api_jdate(x->start_date));
	api_set(o, "end_date", api_jdate(x->end_date));
	api_set(o, "household_id", api_jid(x->household_id));
	api_set(o, "household_name", x->household_id > 0 ?
	    api_jtext(x->household_name) : json_null());
	return o;
}

static json_t *
allocation_json(struct req *r, const struct store_allocation *a)
{
	json_t *o = json_object();

	api_set(o, "id", json_integer(a->a.id));
	api_set(o, "version", json_integer(a->version));
	api_set(o, "staff_id", json_integer(a->a.staff_id));
	api_set(o, "staff_name", api_jstr(a->staff_name));
	api_set(o, "role", api_jstr(role_code(a->role)));
	api_set(o, "role_label", api_jstr(role_label(a->role)));
	api_set(o, "team_name", api_jtext(a->team_name));
	api_set(o, "to", json_string(a->a.household_id > 0 ? "household" :
	    "child"));
	api_set(o, "child_id", api_jid(a->a.child_id));
	api_set(o, "household_id", api_jid(a->a.household_id));
	api_set(o, "household_name", a->a.household_id > 0 ?
	    api_jtext(a->household_name) : json_null());
	api_set(o, "start_date", api_jdate(a->a.start_date));
	api_set(o, "end_date", api_jdate(a->a.end_date));
	api_set(o, "current", json_boolean(current(a->a.start_date,
	    a->a.end_date, r->today)));
	return o;
}

static const char *
source_code(enum chronology_source s)
{
	switch (s) {
	case CHRON_MANUAL:
		return "manual";
	case CHRON_REFERRAL:
		return "referral";
	case CHRON_CLOSURE:
		return "closure";
	case CHRON_ALLOCATED:
		return "allocated";
	case CHRON_ALLOCATION_ENDED:
		return "allocation_ended";
	case CHRON_JOURNEY:
		return "journey";
	}
	return "other";
}

static json_t *
chronology_json(const struct chronology_entry *e)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(e->id));
	api_set(o, "child_id", api_jid(e->child_id));
	api_set(o, "source", json_string(source_code(e->source)));
	if (e->step != CSTEP_NONE) {
		api_set(o, "step", json_string(chronology_step_code(e->step)));
		api_set(o, "ref_id", api_jid(e->ref_id));
		if (e->ref2_id != 0)
			api_set(o, "ref2_id", api_jid(e->ref2_id));
	}
	api_set(o, "event_date", api_jdate(e->date));
	api_set(o, "category", api_jstr(e->category));
	api_set(o, "summary", api_jstr(e->summary));
	api_set(o, "recorded_by", api_jid(e->recorded_by));
	api_set(o, "recorded_by_name", api_jtext(e->recorded_by_name));
	api_set(o, "recorded_at", api_jtime(e->recorded_at));
	return o;
}

static json_t *
record_json(struct req *r, const struct child_view *v)
{
	json_t *o = child_json(&v->c, v->ep, v->nep);
	json_t *hh = json_array(), *rel = json_array(), *al = json_array();
	json_t *chron = json_array(), *cut = json_object();

	api_set(o, "restricted", json_boolean(v->restricted));
	api_set(o, "last_changed_by", v->changed.by_name[0] ?
	    api_jstr(v->changed.by_name) : json_null());
	api_set(o, "last_changed_at", api_jtime(v->changed.at));
	for (int i = 0; i < v->nhh; i++) {
		const struct store_member *m = &v->hh[i];
		json_t *x = json_object();

		api_set(x, "household_id", json_integer(m->household_id));
		api_set(x, "name", api_jstr(m->household_name));
		api_set(x, "postcode", api_jtext(m->postcode));
		api_set(x, "start_date", api_jdate(m->start_date));
		api_set(x, "end_date", api_jdate(m->end_date));
		api_set(x, "current", json_boolean(m->end_date == HDAY_NONE ||
		    m->end_date >= r->today));
		json_array_append_new(hh, x);
	}
	for (int i = 0; i < v->nrel; i++)
		json_array_append_new(rel, relative_json(r, &v->rel[i],
		    v->rel_shown[i]));
	for (int i = 0; i < v->nal; i++)
		json_array_append_new(al, allocation_json(r, &v->al[i]));
	for (int i = 0; i < v->nchron; i++)
		json_array_append_new(chron, chronology_json(&v->chron[i]));
	api_set(o, "households", hh);
	api_set(o, "relationships", rel);
	api_set(o, "allocations", al);
	api_set(o, "chronology", chron);
	/* Which lists hold only their first rows. */
	api_set(cut, "cin_episodes", json_boolean(v->ep_total > v->nep));
	api_set(cut, "households", json_boolean(v->hh_total > v->nhh));
	api_set(cut, "relationships", json_boolean(v->rel_total > v->nrel));
	api_set(cut, "allocations", json_boolean(v->al_total > v->nal));
	api_set(cut, "chronology", json_boolean(v->manual_total >
	    v->manual_shown || v->nchron == CHILD_VIEW_CHRON_MAX));
	api_set(o, "truncated", cut);
	return o;
}

static void
get_child(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct child_view *v;
	enum herr e;

	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !api_gate(r, w, id, ACCESS_VIEW, NULL))
		return;
	v = xmalloc(sizeof(*v));
	if ((e = child_view_load(r, id, v)) != HERR_OK) {
		if (e == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		goto out;
	}
	/* Recorded before a byte of the record is sent. */
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL)) {
		api_unavailable(w);
		goto out;
	}
	api_json(w, 200, record_json(r, v));
out:
	child_view_clear(v);
	free(v);
}

/* ------------------------------------------------------------ edits */



static const struct jfield child_fields[] = {
	{ "version", J_INT },
	{ "given_name", J_STRING },
	{ "family_name", J_STRING },
	{ "birth_date", J_STRING_NULL },
	{ "expected_birth_date", J_STRING_NULL },
	{ "sex", J_STRING },
	{ "ethnicity", J_STRING },
	{ "upn", J_STRING_NULL },
	{ "upn_unknown", J_STRING_NULL },
};



/* Apply the sent details to c (the stored record); problems the core
 * could not see (a value that does not fit, a date that is no date) are
 * added to errors. */
static void
child_from_json(struct child *c, json_t *o, json_t *errors)
{
	json_t *v;
	const char *s;

	if ((s = api_member(o, "given_name")) != NULL)
		api_take_text(errors, c->given_name, sizeof(c->given_name), s,
		    "given_name", "Given name");
	if ((s = api_member(o, "family_name")) != NULL)
		api_take_text(errors, c->family_name, sizeof(c->family_name), s,
		    "family_name", "Family name");
	if ((v = json_object_get(o, "birth_date")) != NULL)
		api_take_date(errors, &c->birth_date, v, "birth_date",
		    "Date of birth");
	if ((v = json_object_get(o, "expected_birth_date")) != NULL)
		api_take_date(errors, &c->expected_birth_date, v,
		    "expected_birth_date", "Expected date of birth");
	if ((s = api_member(o, "sex")) != NULL) {
		if (strlen(s) == 1 && (s[0] == 'M' || s[0] == 'F' ||
		    s[0] == 'U'))
			c->sex = s[0];
		else
			api_error_add(errors, "sex", "Sex must be M (male), F "
			    "(female) or U (not known)");
	}
	if ((s = api_member(o, "ethnicity")) != NULL) {
		if (text_copy(c->ethnicity, sizeof(c->ethnicity), s) !=
		    HERR_OK || codes_find(CODES_ETHNICITY, s) == NULL)
			api_error_add(errors, "ethnicity", "Ethnicity must be a "
			    "code from the CIN census list");
	}
	if ((v = json_object_get(o, "upn")) != NULL) {
		api_take_text(errors, c->upn, sizeof(c->upn), json_is_string(v) ?
		    json_string_value(v) : "", "upn",
		    "Unique pupil number (UPN)");
		/* As the edit page: UPNs are upper case. */
		for (char *p = c->upn; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	}
	if ((v = json_object_get(o, "upn_unknown")) != NULL) {
		s = json_is_string(v) ? json_string_value(v) : "";
		if (text_copy(c->upn_unknown, sizeof(c->upn_unknown), s) !=
		    HERR_OK || (s[0] != '\0' &&
		    codes_find(CODES_UPN_UNKNOWN, s) == NULL))
			api_error_add(errors, "upn_unknown", "The reason the UPN "
			    "is not known must be a code UN1 to UN7 from the "
			    "CIN census list");
	}
}



static void
put_child(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0), expected;
	struct cin_episode *eps = NULL;
	struct child stored, c;
	struct store_change ch;
	struct hdiag d;
	json_t *o, *errors, *ver;
	int neps = 0;
	enum herr x;

	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !api_gate(r, w, id, ACCESS_EDIT, "You cannot change this record"))
		return;
	if ((o = api_body_object(r, w)) == NULL)
		return;
	if (!api_body_known(w, o, child_fields, NFIELDS(child_fields)))
		goto out;
	if ((ver = json_object_get(o, "version")) == NULL) {
		errors = json_array();
		api_error_add(errors, "version", "Send the version of the record "
		    "you are changing (from GET), so that nobody's changes "
		    "are overwritten");
		api_problem(w, 400, "Missing version", "Send the version of "
		    "the record you are changing.", errors);
		goto out;
	}
	expected = (int64_t)json_integer_value(ver);
	if ((x = store_child_get(r->st, id, &stored)) != HERR_OK) {
		if (x == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		goto out;
	}
	c = stored;
	errors = json_array();
	child_from_json(&c, o, errors);
	if (json_array_size(errors) > 0) {
		api_invalid(w, errors);
		goto out;
	}
	json_decref(errors);
	if (!api_begin(w, r))
		goto out;
	hdiag_clear(&d);
	x = record_child_update(r->st, &c, expected, r->today,
	    r->who.staff_id, r->now, &ch, &d);
	if (x == HERR_OK) {
		/* The record as saved, read in the same transaction. */
		eps = xcalloc(CHILD_VIEW_EPISODES_MAX, sizeof(*eps));
		if (store_child_get(r->st, id, &c) != HERR_OK ||
		    store_cin_episodes(r->st, id, eps, CHILD_VIEW_EPISODES_MAX,
		    &neps) != HERR_OK) {
			store_rollback(r->st);
			api_unavailable(w);
			goto out;
		}
		if (neps > CHILD_VIEW_EPISODES_MAX)
			neps = CHILD_VIEW_EPISODES_MAX;
		if (api_audit_commit(r, w, AUDIT_EDIT, id))
			api_json(w, 200, child_json(&c, eps, neps));
		goto out;
	}
	store_rollback(r->st);
	if (x == HERR_CONFLICT)
		api_conflict(w, &ch);
	else if (x == HERR_NOTFOUND)
		api_not_found(w);
	else if (x == HERR_INVALID) {
		errors = json_array();
		api_error_add(errors, d.field, d.msg);
		api_invalid(w, errors);
	} else
		api_unavailable(w);
out:
	free(eps);
	json_decref(o);
}

static const struct jfield chron_fields[] = {
	{ "event_date", J_STRING },
	{ "category", J_STRING },
	{ "summary", J_STRING },
};

/* s without the spaces and line breaks people leave at either end (as
 * the page trims a textarea): *n gets the length. */
static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
		s++;
	k = strlen(s);
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\n' ||
	    s[k - 1] == '\r' || s[k - 1] == '\t'))
		k--;
	*n = k;
	return s;
}

static void
post_chronology(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct chronology_entry *c = NULL;
	const char *date, *category, *summary;
	struct hdiag d;
	json_t *o, *errors, *out;
	size_t n;
	enum herr x;

	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !api_gate(r, w, id, ACCESS_NOTE, "You cannot add to this record's "
	    "chronology"))
		return;
	if ((o = api_body_object(r, w)) == NULL)
		return;
	if (!api_body_known(w, o, chron_fields, NFIELDS(chron_fields)))
		goto done;
	c = xcalloc(1, sizeof(*c));
	chronology_entry_init(c);
	c->child_id = id;
	c->recorded_by = r->who.staff_id;
	c->recorded_at = r->now;
	errors = json_array();
	date = api_member(o, "event_date");
	category = api_member(o, "category");
	summary = api_member(o, "summary");
	/* The page's checks first (the same messages), then the core's. */
	hdiag_clear(&d);
	if (date == NULL || date[0] == '\0')
		api_error_add(errors, "event_date", "Enter the date of the event");
	else if (form_valid_date(date, "Date of the event", &d) != HERR_OK ||
	    hdate_parse(date, &c->date, "event_date", NULL) != HERR_OK)
		api_error_add(errors, "event_date", d.msg);
	if (category == NULL || category[0] == '\0')
		api_error_add(errors, "category", "Enter the category");
	else if (!chronology_category_valid(category) ||
	    text_copy(c->category, sizeof(c->category), category) != HERR_OK)
		api_error_add(errors, "category", "Select a category from the "
		    "list");
	n = 0;
	summary = summary != NULL ? trim(summary, &n) : "";
	if (n > CHRONOLOGY_SUMMARY_MAX) {
		char why[120];

		snprintf(why, sizeof(why), "What happened is too long: at most "
		    "%d bytes", CHRONOLOGY_SUMMARY_MAX);
		api_error_add(errors, "summary", why);
	} else {
		memcpy(c->summary, summary, n);
		c->summary[n] = '\0';
		hdiag_clear(&d);
		if (text_check("summary", "What happened", c->summary,
		    CHRONOLOGY_SUMMARY_MAX, TEXT_REQUIRED | TEXT_MULTILINE,
		    &d) != HERR_OK)
			api_error_add(errors, "summary", d.msg);
	}
	if (json_array_size(errors) > 0) {
		api_invalid(w, errors);
		goto done;
	}
	json_decref(errors);
	if (!api_begin(w, r))
		goto done;
	hdiag_clear(&d);
	if ((x = record_chronology_add(r->st, c, r->today, &d)) != HERR_OK) {
		store_rollback(r->st);
		if (x != HERR_INVALID) {
			api_unavailable(w);
			goto done;
		}
		errors = json_array();
		api_error_add(errors, d.field, d.msg);
		api_invalid(w, errors);
		goto done;
	}
	if (!api_audit_commit(r, w, AUDIT_EDIT, id))
		goto done;
	snprintf(c->recorded_by_name, sizeof(c->recorded_by_name), "%s",
	    r->who.display);
	out = chronology_json(c);
	api_json(w, 201, out);
done:
	free(c);
	json_decref(o);
}

/* ------------------------------------------------------------ search */

static void
get_children(struct req *r, struct resp *w)
{
	struct hdiag diags[API_ERRORS];
	struct search_result *f;
	struct dir_search q;
	json_t *o, *list;
	enum herr e;
	int nbad = 0;

	if (!api_authenticate(r, w))
		return;
	if (form_check(&r->query, search_fields, NFIELDS(search_fields),
	    diags, API_ERRORS, &nbad) != HERR_OK) {
		json_t *errors = json_array();

		for (int i = 0; i < nbad; i++)
			api_error_add(errors, diags[i].field, diags[i].msg);
		api_problem(w, 400, "Invalid search", nbad > 0 ?
		    diags[0].msg : NULL, errors);
		return;
	}
	search_query_init(&q, r, form_get(&r->query, "q"),
	    form_get(&r->query, "dob"));
	if (q.text[0] == '\0' && q.birth_date == HDAY_NONE) {
		json_t *errors = json_array();

		api_error_add(errors, "q", "Give a name, LA child id or UPN (q), "
		    "a date of birth (dob), or both");
		api_problem(w, 400, "Invalid search", "Give a name, LA child "
		    "id or UPN (q), a date of birth (dob), or both.", errors);
		return;
	}
	f = xcalloc(1, sizeof(*f));
	/* Roles with no route to case records find nothing. */
	e = access_case_role(r->who.role) ||
	    r->who.role == ROLE_PARTNER_PRACTITIONER ? search_run(r, &q, f) :
	    HERR_OK;
	/* The search is recorded (not its words) before anything of what it
	 * found is sent. */
	if (e != HERR_OK || !web_audit(r, AUDIT_SEARCH, SUBJECT_NONE, 0,
	    NULL)) {
		free(f);
		api_unavailable(w);
		return;
	}
	list = json_array();
	for (int i = 0; i < f->n; i++) {
		const struct dir_child *c = &f->rows[i];
		json_t *x = json_object();

		api_set(x, "id", json_integer(c->id));
		api_set(x, "given_name", api_jstr(c->given_name));
		api_set(x, "family_name", api_jstr(c->family_name));
		api_set(x, "la_child_id", api_jstr(c->la_child_id));
		api_set(x, "birth_date", api_jdate(c->birth_date));
		api_set(x, "expected_birth_date", api_jdate(c->expected_birth_date));
		api_set(x, "restricted", json_boolean(c->restricted));
		json_array_append_new(list, x);
	}
	o = json_object();
	api_set(o, "results", list);
	api_set(o, "count", json_integer(f->n));
	/* More than a page, or candidates nobody looked at: narrow it. */
	api_set(o, "truncated", json_boolean(f->more || f->capped));
	free(f);
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ families */

static void
get_family(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct store_member *m = NULL;
	struct store_allocation *al = NULL;
	struct household hh;
	json_t *o, *now, *past, *workers;
	int nm = 0, m_total = 0, nal = 0, al_total = 0;
	enum herr x;

	if (!api_authenticate(r, w) || !api_no_query(r, w))
		return;
	switch (web_household_access(r, id, ACCESS_VIEW)) {
	case ACCESS_ALLOW:
		break;
	case ACCESS_NEEDS_GLASS:
		api_problem(w, 403, "Restricted record", "A child in this "
		    "household has a restricted record. Open the family in "
		    "hearth and give your reason to break the glass first.",
		    NULL);
		return;
	default:
		api_not_found(w);
		return;
	}
	m = xcalloc(CASE_LIST_MAX, sizeof(*m));
	al = xcalloc(CASE_LIST_MAX, sizeof(*al));
	if ((x = store_household_get(r->st, id, &hh)) != HERR_OK ||
	    (x = store_household_members(r->st, id, r->today, m,
	    CASE_LIST_MAX, &nm, &m_total)) != HERR_OK ||
	    (x = store_household_allocations(r->st, id, r->today, al,
	    CASE_LIST_MAX, &nal, &al_total)) != HERR_OK) {
		if (x == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		goto out;
	}
	o = json_object();
	now = json_array();
	past = json_array();
	workers = json_array();
	for (int i = 0; i < nm; i++) {
		json_t *x1 = json_object();
		bool cur = m[i].end_date == HDAY_NONE ||
		    m[i].end_date >= r->today;

		if (m[i].is_child && web_child_access(r, m[i].person_id,
		    ACCESS_VIEW, NULL) != ACCESS_ALLOW) {
			/* As the page's "Another child": nothing more. */
			api_set(x1, "kind", json_string("child"));
			api_set(x1, "restricted_from_you", json_true());
		} else {
			api_set(x1, "kind", json_string(m[i].is_child ? "child" :
			    "adult"));
			api_set(x1, "person_id", json_integer(m[i].person_id));
			api_set(x1, "given_name", api_jstr(m[i].given_name));
			api_set(x1, "family_name", api_jstr(m[i].family_name));
			api_set(x1, "birth_date", api_jdate(m[i].birth_date));
			api_set(x1, "start_date", api_jdate(m[i].start_date));
			api_set(x1, "end_date", api_jdate(m[i].end_date));
		}
		json_array_append_new(cur ? now : past, x1);
	}
	for (int i = 0; i < nal; i++) {
		json_t *a;

		/* A child's worker only to someone who may see the child. */
		if (al[i].a.child_id > 0 && web_child_access(r,
		    al[i].a.child_id, ACCESS_VIEW, NULL) != ACCESS_ALLOW)
			continue;
		a = allocation_json(r, &al[i]);
		api_set(a, "child_name", al[i].a.child_id > 0 ?
		    api_jtext(al[i].child_name) : json_null());
		json_array_append_new(workers, a);
	}
	api_set(o, "id", json_integer(hh.id));
	api_set(o, "version", json_integer(hh.version));
	api_set(o, "name", api_jstr(hh.name));
	api_set(o, "postcode", api_jtext(hh.postcode));
	api_set(o, "living_here", now);
	api_set(o, "used_to_live_here", past);
	api_set(o, "allocations", workers);
	api_set(o, "truncated", json_pack("{s:b, s:b}", "members",
	    m_total > nm, "allocations", al_total > nal));
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_HOUSEHOLD, id, NULL)) {
		json_decref(o);
		api_unavailable(w);
		goto out;
	}
	api_json(w, 200, o);
out:
	free(m);
	free(al);
}

/* ------------------------------------------------------------ teams */

struct member_rows {
	json_t *list;
};

static bool
member_row(const struct dir_member *m, void *ctx)
{
	struct member_rows *l = ctx;
	json_t *o = json_object();

	api_set(o, "staff_id", json_integer(m->staff_id));
	api_set(o, "name", api_jstr(m->name));
	api_set(o, "role", api_jstr(role_code(m->role)));
	api_set(o, "role_label", api_jstr(role_label(m->role)));
	api_set(o, "start_date", api_jdate(m->start_date));
	api_set(o, "end_date", api_jdate(m->end_date));
	json_array_append_new(l->list, o);
	return true;
}

struct caseload_rows {
	struct req *r;
	json_t *list;
};

static bool
caseload_row(const struct dir_child *c, void *ctx)
{
	struct caseload_rows *l = ctx;
	json_t *o;

	if (web_child_access(l->r, c->id, ACCESS_VIEW, NULL) == ACCESS_DENY)
		return true;
	o = json_object();
	api_set(o, "child_id", json_integer(c->id));
	api_set(o, "worker_id", api_jid(c->worker_id));
	api_set(o, "since", api_jdate(c->since));
	api_set(o, "restricted", json_boolean(c->restricted));
	json_array_append_new(l->list, o);
	return true;
}

static void
get_team(struct req *r, struct resp *w)
{
	struct member_rows ml;
	struct caseload_rows cl;
	struct team t;
	json_t *o;
	enum herr e;

	if (!api_authenticate(r, w) || !api_no_query(r, w))
		return;
	if (!access_team(&r->who, web_id(r, 0))) {
		api_not_found(w);
		return;
	}
	if ((e = store_dir_team_get(r->st, web_id(r, 0), &t)) != HERR_OK) {
		if (e == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		return;
	}
	o = json_object();
	ml.list = json_array();
	api_set(o, "id", json_integer(t.id));
	api_set(o, "name", api_jstr(t.name));
	api_set(o, "kind", api_jstr(team_kind_code(t.kind)));
	api_set(o, "kind_label", api_jstr(team_kind_label(t.kind)));
	api_set(o, "members", ml.list);
	e = store_dir_team_members(r->st, t.id, r->today, member_row, &ml);
	/* Administrators see the membership only: no case content. */
	if (e == HERR_OK && access_case_role(r->who.role)) {
		cl.r = r;
		cl.list = json_array();
		api_set(o, "caseload", cl.list);
		e = store_dir_team_caseload(r->st, t.id, r->today,
		    CASELOAD_LIMIT, caseload_row, &cl);
	}
	if (e != HERR_OK) {
		json_decref(o);
		api_unavailable(w);
		return;
	}
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ journey */

#define DUE_CHILD_MAX 256	/* a child's open items in one answer */
#define DUE_LIST_MAX 5000	/* open items in one answer of /due */

CODE_FN(decision_code, referral_decision_code, enum referral_decision)
CODE_FN(aoutcome_code, assessment_outcome_code, enum assessment_outcome)
CODE_FN(soutcome_code, s47_outcome_code, enum s47_outcome)
CODE_FN(ckind_code, conference_kind_code, enum conference_kind)
CODE_FN(cdecision_code, conference_decision_code, enum conference_decision)
CODE_FN(category_code, abuse_category_code, enum abuse_category)
CODE_FN(endreason_code, plan_end_reason_code, enum plan_end_reason)
CODE_FN(event_code, event_kind_code, enum event_kind)

/* ------------------------------------------------------------ as JSON */

static json_t *
people_json(const struct journey_person *p, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}",
		    "name", api_jstr(p[i].name), "agency", api_jtext(p[i].agency),
		    "role", api_jtext(p[i].role), "staff_id", api_jid(p[i].staff_id)));
	return a;
}

/* A CIN episode with its referral's decision. */
static json_t *
episode_json(const struct cin_episode *e, const struct referral *rf)
{
	json_t *o;

	/* NULL: a record just written that is not there (never crash). */
	if (e == NULL)
		return json_null();
	o = json_object();
	api_set(o, "id", json_integer(e->id));
	api_set(o, "version", json_integer(e->version));
	api_set(o, "referral_date", api_jdate(e->referral_date));
	api_set(o, "referral_source", api_jtext(e->referral_source));
	api_set(o, "primary_need", api_jtext(e->primary_need));
	api_set(o, "referral_nfa", json_boolean(e->referral_nfa));
	api_set(o, "contact_date", rf ? api_jdate(rf->contact_date) : json_null());
	api_set(o, "reason", rf ? api_jtext(rf->reason) : json_null());
	api_set(o, "decision", rf && rf->decision != DECISION_NONE ?
	    api_jstr(referral_decision_code(rf->decision)) : json_null());
	api_set(o, "decision_date", rf ? api_jdate(rf->decision_date) : json_null());
	api_set(o, "closure_date", api_jdate(e->closure_date));
	api_set(o, "closure_reason", api_jtext(e->closure_reason));
	return o;
}

static json_t *
assessment_json(const struct assessment *a)
{
	json_t *o, *f;

	if (a == NULL)
		return json_null();
	o = json_object();
	f = json_array();
	for (int i = 0; i < a->n_factors; i++)
		json_array_append_new(f, api_jstr(a->factors[i]));
	api_set(o, "id", json_integer(a->id));
	api_set(o, "version", json_integer(a->version));
	api_set(o, "episode_id", api_jid(a->episode_id));
	api_set(o, "start_date", api_jdate(a->start_date));
	api_set(o, "authorised_date", api_jdate(a->authorised_date));
	api_set(o, "outcome", a->outcome != ASSESS_OPEN ?
	    api_jstr(assessment_outcome_code(a->outcome)) : json_null());
	api_set(o, "factors", f);
	api_set(o, "due_date", api_jdate(a->due_date));
	return o;
}

static json_t *
strategy_json(const struct strategy *s)
{
	json_t *o;

	if (s == NULL)
		return json_null();
	o = json_object();
	api_set(o, "id", json_integer(s->id));
	api_set(o, "version", json_integer(s->version));
	api_set(o, "episode_id", api_jid(s->episode_id));
	api_set(o, "held_date", api_jdate(s->held_date));
	api_set(o, "s47", json_boolean(s->s47));
	api_set(o, "note", api_jtext(s->note));
	api_set(o, "people", people_json(s->people, s->n_people));
	return o;
}

static json_t *
s47_json(const struct s47 *s)
{
	json_t *o;

	if (s == NULL)
		return json_null();
	o = json_object();
	api_set(o, "id", json_integer(s->id));
	api_set(o, "version", json_integer(s->version));
	api_set(o, "episode_id", api_jid(s->episode_id));
	api_set(o, "strategy_id", api_jid(s->strategy_id));
	api_set(o, "start_date", api_jdate(s->start_date));
	api_set(o, "outcome", s->outcome != S47_OPEN ?
	    api_jstr(s47_outcome_code(s->outcome)) : json_null());
	api_set(o, "outcome_date", api_jdate(s->outcome_date));
	return o;
}

/* A conference with each child's part; a sibling's part only to someone
 * who may see that child (as the record's relatives are shown). */
static json_t *
conference_json(struct req *r, const struct conference *c)
{
	json_t *o, *kids;

	if (c == NULL)
		return json_null();
	o = json_object();
	kids = json_array();
	for (int i = 0; i < c->n_children; i++) {
		const struct conference_child *cc = &c->children[i];
		json_t *x = json_object();

		if (web_child_access(r, cc->child_id, ACCESS_VIEW, NULL) !=
		    ACCESS_ALLOW) {
			api_set(x, "restricted_from_you", json_true());
			json_array_append_new(kids, x);
			continue;
		}
		api_set(x, "child_id", json_integer(cc->child_id));
		api_set(x, "s47_id", api_jid(cc->s47_id));
		api_set(x, "plan_id", api_jid(cc->plan_id));
		api_set(x, "decision", api_jstr(conference_decision_code(
		    cc->decision)));
		api_set(x, "category", cc->category != ABUSE_NONE ?
		    api_jstr(abuse_category_code(cc->category)) : json_null());
		api_set(x, "end_reason", cc->end_reason != PLANEND_NONE ?
		    api_jstr(plan_end_reason_code(cc->end_reason)) : json_null());
		api_set(x, "step_down", json_boolean(cc->step_down));
		api_set(x, "due_date", api_jdate(cc->due_date));
		json_array_append_new(kids, x);
	}
	api_set(o, "id", json_integer(c->id));
	api_set(o, "version", json_integer(c->version));
	api_set(o, "kind", api_jstr(conference_kind_code(c->kind)));
	api_set(o, "held_date", api_jdate(c->held_date));
	api_set(o, "notified_date", api_jdate(c->notified_date));
	api_set(o, "chair_id", api_jid(c->chair_id));
	api_set(o, "note", api_jtext(c->note));
	api_set(o, "children", kids);
	return o;
}

static json_t *
plan_json(const struct plan *p)
{
	json_t *o;

	if (p == NULL)
		return json_null();
	o = json_object();
	api_set(o, "id", json_integer(p->id));
	api_set(o, "version", json_integer(p->version));
	api_set(o, "kind", api_jstr(plan_kind_code(p->kind)));
	api_set(o, "episode_id", api_jid(p->episode_id));
	api_set(o, "start_date", api_jdate(p->start_date));
	api_set(o, "end_date", api_jdate(p->end_date));
	if (p->kind == PLAN_CP) {
		api_set(o, "conference_id", api_jid(p->conference_id));
		api_set(o, "initial_category", p->initial_category != ABUSE_NONE ?
		    api_jstr(abuse_category_code(p->initial_category)) :
		    json_null());
		api_set(o, "latest_category", p->latest_category != ABUSE_NONE ?
		    api_jstr(abuse_category_code(p->latest_category)) :
		    json_null());
		api_set(o, "end_reason", p->end_reason != PLANEND_NONE ?
		    api_jstr(plan_end_reason_code(p->end_reason)) : json_null());
		api_set(o, "core_group", people_json(p->core_group,
		    p->n_core_group));
	} else if (p->kind == PLAN_LAC) {
		api_set(o, "legal_status", api_jtext(p->legal_status));
		api_set(o, "placement", api_jtext(p->placement));
		api_set(o, "long_term", json_boolean(p->long_term));
		api_set(o, "end_reason", api_jtext(p->lac_end_reason));
	}
	return o;
}

static json_t *
event_json(const struct plan_event *e)
{
	json_t *o;

	if (e == NULL)
		return json_null();
	o = json_object();
	api_set(o, "id", json_integer(e->id));
	api_set(o, "plan_id", json_integer(e->plan_id));
	api_set(o, "kind", api_jstr(event_kind_code(e->kind)));
	api_set(o, "held_date", api_jdate(e->held_date));
	if (e->kind == EVENT_VISIT || e->kind == EVENT_LAC_VISIT) {
		api_set(o, "seen", json_boolean(e->seen));
		api_set(o, "seen_alone", json_boolean(e->seen_alone));
	}
	api_set(o, "note", api_jtext(e->note));
	api_set(o, "due_date", api_jdate(e->due_date));
	return o;
}

/* An open due item as of today: "due" or "overdue" (due_status_code). */
static json_t *
due_json(const struct due_item *it, hday today)
{
	json_t *o = json_object();

	api_set(o, "step", api_jstr(due_step_code(it->step)));
	api_set(o, "seq", json_integer(it->seq));
	api_set(o, "ref_id", api_jid(it->ref_id));
	api_set(o, "from", api_jdate(it->from));
	api_set(o, "due", api_jdate(it->due));
	api_set(o, "status", api_jstr(due_status_code(due_item_status(it, today))));
	api_set(o, "working_days_late", json_integer(due_item_days_late(it,
	    today)));
	return o;
}

/* Lookups the journey has no function for; NULL when absent. */
static const struct assessment *
find_assessment(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_assessments; i++)
		if (j->assessments[i].id == id)
			return &j->assessments[i];
	return NULL;
}

static const struct conference *
find_conference(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_conferences; i++)
		if (j->conferences[i].id == id)
			return &j->conferences[i];
	return NULL;
}

static const struct plan_event *
find_event(const struct journey *j, int64_t id)
{
	for (int i = 0; i < j->n_events; i++)
		if (j->events[i].id == id)
			return &j->events[i];
	return NULL;
}

/* The whole journey, with the child's open due items. */
static json_t *
journey_json(struct req *r, const struct journey *j,
    const struct store_due *due, int ndue, bool cut)
{
	json_t *o = json_object(), *a;

	api_set(o, "child_id", json_integer(j->child.id));
	api_set(o, "la_child_id", api_jstr(j->child.la_child_id));
	a = json_array();
	for (int i = 0; i < j->n_episodes; i++)
		json_array_append_new(a, episode_json(&j->episodes[i],
		    &j->referrals[i]));
	api_set(o, "episodes", a);
	a = json_array();
	for (int i = 0; i < j->n_assessments; i++)
		json_array_append_new(a, assessment_json(&j->assessments[i]));
	api_set(o, "assessments", a);
	a = json_array();
	for (int i = 0; i < j->n_strategies; i++)
		json_array_append_new(a, strategy_json(&j->strategies[i]));
	api_set(o, "strategy_discussions", a);
	a = json_array();
	for (int i = 0; i < j->n_s47s; i++)
		json_array_append_new(a, s47_json(&j->s47s[i]));
	api_set(o, "s47s", a);
	a = json_array();
	for (int i = 0; i < j->n_conferences; i++)
		json_array_append_new(a, conference_json(r,
		    &j->conferences[i]));
	api_set(o, "conferences", a);
	a = json_array();
	for (int i = 0; i < j->n_plans; i++)
		json_array_append_new(a, plan_json(&j->plans[i]));
	api_set(o, "plans", a);
	a = json_array();
	for (int i = 0; i < j->n_events; i++)
		json_array_append_new(a, event_json(&j->events[i]));
	api_set(o, "events", a);
	a = json_array();
	for (int i = 0; i < ndue; i++)
		json_array_append_new(a, due_json(&due[i].item, r->today));
	api_set(o, "due", a);
	api_set(o, "due_truncated", json_boolean(cut));
	return o;
}

static void
get_journey(struct req *r, struct resp *w)
{
	int64_t id = web_id(r, 0);
	struct journey *j = NULL;
	struct store_due *due = NULL;
	struct due_filter f;
	struct hdiag d;
	int n = 0, total = 0;
	enum herr e;

	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !api_gate(r, w, id, ACCESS_VIEW, NULL))
		return;
	j = journey_new();
	due = xcalloc(DUE_CHILD_MAX, sizeof(*due));
	memset(&f, 0, sizeof(f));
	f.child_id = id;
	f.until = HDAY_NONE;
	f.today = r->today;
	hdiag_clear(&d);
	if ((e = store_journey_load(r->st, id, j, &d)) != HERR_OK ||
	    (e = store_due_list(r->st, &f, due, DUE_CHILD_MAX, &n, &total)) !=
	    HERR_OK) {
		if (e == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		goto out;
	}
	/* Recorded before a byte of the journey is sent. */
	if (!web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL)) {
		api_unavailable(w);
		goto out;
	}
	api_json(w, 200, journey_json(r, j, due, n < DUE_CHILD_MAX ? n :
	    DUE_CHILD_MAX, total > n));
out:
	free(due);
	journey_free(j);
}

/* ------------------------------------------------------------ /due */

static const struct form_field due_query[] = {
	{ "team", "Team", false, false, form_valid_int, 20 },
	{ "worker", "Worker", false, false, form_valid_int, 20 },
	{ "until", "Due on or before", false, false, form_valid_date, 10 },
};

struct due_list {
	struct req *r;
	json_t *items;
	int n;
	bool cut;
};

static enum herr
due_list_row(void *arg, const struct store_due *d)
{
	struct due_list *l = arg;
	json_t *o;

	/* Only children the caller may open; a denied one is not counted. */
	if (web_child_access(l->r, d->item.child_id, ACCESS_VIEW, NULL) ==
	    ACCESS_DENY)
		return HERR_OK;
	if (l->n >= DUE_LIST_MAX) {
		l->cut = true;
		return HERR_OK;
	}
	o = due_json(&d->item, l->r->today);
	api_set(o, "child_id", json_integer(d->item.child_id));
	api_set(o, "la_child_id", api_jstr(d->la_child_id));
	api_set(o, "child_name", api_jtext(d->child_name));
	api_set(o, "worker_id", api_jid(d->worker_id));
	api_set(o, "worker_name", d->worker_id > 0 ? api_jtext(d->worker_name) :
	    json_null());
	json_array_append_new(l->items, o);
	l->n++;
	return HERR_OK;
}

/* A whole positive number from a query value that passed form_valid_int;
 * 0 for none. */
static int64_t
query_id(struct req *r, const char *name)
{
	const char *v = form_get(&r->query, name);
	char *end;
	long long n;

	if (v == NULL || v[0] == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	return *end == '\0' && n > 0 ? (int64_t)n : -1;
}

static void
get_due(struct req *r, struct resp *w)
{
	struct hdiag diags[API_ERRORS];
	struct due_filter f;
	struct due_list l = { r, NULL, 0, false };
	const char *until = form_get(&r->query, "until");
	json_t *o, *errors;
	enum herr e;
	int nbad = 0;

	if (!api_authenticate(r, w))
		return;
	memset(&f, 0, sizeof(f));
	f.until = HDAY_NONE;
	f.today = r->today;
	errors = json_array();
	if (form_check(&r->query, due_query, NFIELDS(due_query), diags,
	    API_ERRORS, &nbad) != HERR_OK)
		for (int i = 0; i < nbad; i++)
			api_error_add(errors, diags[i].field, diags[i].msg);
	if (json_array_size(errors) == 0) {
		f.team_id = query_id(r, "team");
		f.worker_id = query_id(r, "worker");
		if (f.team_id < 0)
			api_error_add(errors, "team", "team must be a team's id");
		if (f.worker_id < 0)
			api_error_add(errors, "worker", "worker must be a member "
			    "of staff's id");
		if (until != NULL && until[0] != '\0' && hdate_parse(until,
		    &f.until, "until", NULL) != HERR_OK)
			api_error_add(errors, "until", "until must be a date "
			    "YYYY-MM-DD");
	}
	if (json_array_size(errors) > 0) {
		api_bad_request(w, "Invalid parameters", errors);
		return;
	}
	json_decref(errors);
	/* A team the caller is not in is answered as a missing one. */
	if (f.team_id > 0 && !access_team(&r->who, f.team_id)) {
		api_not_found(w);
		return;
	}
	/* Without either, the caller's own children. */
	if (f.team_id == 0 && f.worker_id == 0)
		f.worker_id = r->who.staff_id;
	l.items = json_array();
	e = access_case_role(r->who.role) ? store_due_each(r->st, &f,
	    due_list_row, &l) : HERR_OK;
	if (e != HERR_OK || !web_audit(r, AUDIT_VIEW, f.team_id > 0 ?
	    SUBJECT_TEAM : SUBJECT_STAFF, f.team_id > 0 ? f.team_id :
	    f.worker_id, NULL)) {
		json_decref(l.items);
		api_unavailable(w);
		return;
	}
	o = json_object();
	api_set(o, "today", api_jdate(r->today));
	api_set(o, "items", l.items);
	api_set(o, "count", json_integer(l.n));
	api_set(o, "truncated", json_boolean(l.cut));
	api_json(w, 200, o);
}

/* ------------------------------------------------------------ steps */

/* A journey step: edit access to the path's child, then the body. */
static bool
step_start(struct api_step *s, struct req *r, struct resp *w,
    const struct jfield *fields, int n)
{
	return api_step_start(s, r, w, web_id(r, 0), ACCESS_EDIT, "You cannot "
	    "change this child's journey", fields, n);
}

/* Answer 400 or 422 for refused values; else begin the transaction and
 * load the child's journey into s->j. */
static bool
step_begin(struct api_step *s)
{
	enum herr x;

	if (!api_step_begin(s))
		return false;
	s->j = journey_new();
	if ((x = store_journey_load(s->r->st, s->child_id, s->j, &s->d)) !=
	    HERR_OK) {
		api_step_fail(s, x);
		return false;
	}
	return true;
}

/* The write gave x: reload the journey (to answer with the record as
 * stored), then audit and commit. */
static bool
step_commit(struct api_step *s, enum herr x, const int64_t *children, int n)
{
	if (x == HERR_OK)
		x = store_journey_load(s->r->st, s->child_id, s->j, &s->d);
	return api_step_commit(s, x, children, n);
}

static const struct jfield person_fields[] = {
	{ "name", J_STRING },
	{ "agency", J_STRING_NULL },
	{ "role", J_STRING_NULL },
	{ "staff_id", J_INT_NULL },
};

/* People (strategy participants, core group members) from `key`. */
static void
take_people(struct api_step *s, const char *key, struct journey_person *p,
    int *np)
{
	json_t *a = api_take_items(s, key, person_fields, NFIELDS(person_fields),
	    JOURNEY_PEOPLE_MAX, np);
	char prefix[FIELD_MAX];

	for (int i = 0; a != NULL && i < *np; i++) {
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "%s[%d].", key, i);
		api_take_str(s, it, prefix, "name", "The name", p[i].name,
		    sizeof(p[i].name));
		api_take_str(s, it, prefix, "agency", "The agency", p[i].agency,
		    sizeof(p[i].agency));
		api_take_str(s, it, prefix, "role", "The role", p[i].role,
		    sizeof(p[i].role));
		p[i].staff_id = api_take_id(s, it, prefix, "staff_id", "", false);
	}
}

/* CIN census factor codes from `key` ("factors": ["1C", "4A"]). */
static void
take_factors(struct api_step *s, struct assessment *a)
{
	json_t *arr = json_object_get(s->o, "factors"), *v;
	char field[FIELD_MAX];
	size_t i;

	a->n_factors = 0;
	if (arr == NULL)
		return;
	json_array_foreach(arr, i, v) {
		snprintf(field, sizeof(field), "factors[%zu]", i);
		if (!json_is_string(v)) {
			api_error_add(s->bad, field, "Each factor must be a string "
			    "(a CIN census code such as 1C)");
			continue;
		}
		if (a->n_factors >= JOURNEY_FACTORS_MAX) {
			api_error_add(s->errors, "factors", "An assessment has at "
			    "most 24 factors");
			break;
		}
		api_take_text(s->errors, a->factors[a->n_factors],
		    sizeof(a->factors[0]), json_string_value(v), field,
		    "A factor code");
		a->n_factors++;
	}
}

/* The episode, assessment... of the path that must be this child's; NULL
 * (answered 404 and rolled back) when it is not. */
#define OWNED(s, p) ((p) != NULL ? true : (api_step_fail((s), HERR_NOTFOUND), \
	false))

/* POST /children/{id}/referrals: a new CIN episode from its referral. */
static const struct jfield referral_fields[] = {
	{ "referral_date", J_STRING },
	{ "referral_source", J_STRING },
	{ "primary_need", J_STRING_NULL },
	{ "contact_date", J_STRING_NULL },
	{ "reason", J_STRING_NULL },
};

static void
post_referral(struct req *r, struct resp *w)
{
	struct cin_episode ep;
	struct referral rf;
	struct api_step s;

	if (!step_start(&s, r, w, referral_fields, NFIELDS(referral_fields)))
		goto out;
	cin_episode_init(&ep);
	memset(&rf, 0, sizeof(rf));
	rf.decision_date = HDAY_NONE;
	ep.child_id = s.child_id;
	api_take_day(&s, s.o, "", "referral_date", "the date of the referral",
	    true, &ep.referral_date);
	api_take_str(&s, s.o, "", "referral_source", "The source of the referral",
	    ep.referral_source, sizeof(ep.referral_source));
	api_take_str(&s, s.o, "", "primary_need", "The primary need code",
	    ep.primary_need, sizeof(ep.primary_need));
	api_take_day(&s, s.o, "", "contact_date", "the date of the contact",
	    false, &rf.contact_date);
	api_take_str(&s, s.o, "", "reason", "The reason for the referral",
	    rf.reason, sizeof(rf.reason));
	if (!step_begin(&s))
		goto out;
	if (step_commit(&s, record_referral_add(r->st, &ep, &rf, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, episode_json(journey_episode(s.j, ep.id),
		    journey_referral(s.j, ep.id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/episodes/{id}/decision */
static const struct jfield decision_fields[] = {
	{ "version", J_INT },
	{ "decision", J_STRING },
	{ "decision_date", J_STRING },
	{ "contact_date", J_STRING_NULL },
	{ "reason", J_STRING_NULL },
};

static void
post_decision(struct req *r, struct resp *w)
{
	const struct referral *stored;
	struct referral rf;
	struct api_step s;
	int64_t expected;
	int k;

	memset(&rf, 0, sizeof(rf));
	if (!step_start(&s, r, w, decision_fields, NFIELDS(decision_fields)) ||
	    !api_step_version(&s, &expected))
		goto out;
	k = api_take_code(&s, s.o, "", "decision", "the decision", true,
	    referral_decision_parse, decision_code, DECISION_NFA,
	    DECISION__COUNT);
	api_take_day(&s, s.o, "", "decision_date", "the date of the decision",
	    true, &rf.decision_date);
	api_take_day(&s, s.o, "", "contact_date", "the date of the contact",
	    false, &rf.contact_date);
	api_take_str(&s, s.o, "", "reason", "The reason for the referral",
	    rf.reason, sizeof(rf.reason));
	if (!step_begin(&s) || !OWNED(&s, stored = journey_referral(s.j,
	    web_id(r, 1))))
		goto out;
	/* What is not sent stays as it was. */
	if (json_object_get(s.o, "contact_date") == NULL)
		rf.contact_date = stored->contact_date;
	if (json_object_get(s.o, "reason") == NULL)
		snprintf(rf.reason, sizeof(rf.reason), "%s", stored->reason);
	rf.episode_id = stored->episode_id;
	rf.version = expected;
	rf.decision = (enum referral_decision)k;
	if (step_commit(&s, record_referral_decide(r->st, s.child_id, &rf,
	    expected, &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, episode_json(journey_episode(s.j,
		    rf.episode_id), journey_referral(s.j, rf.episode_id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/assessments */
static const struct jfield assessment_fields[] = {
	{ "episode_id", J_INT },
	{ "start_date", J_STRING },
	{ "factors", J_ARRAY },
};

static void
post_assessment(struct req *r, struct resp *w)
{
	struct assessment a;
	struct api_step s;

	memset(&a, 0, sizeof(a));
	if (!step_start(&s, r, w, assessment_fields,
	    NFIELDS(assessment_fields)))
		goto out;
	a.child_id = s.child_id;
	a.episode_id = api_take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	api_take_day(&s, s.o, "", "start_date", "the date the assessment started",
	    true, &a.start_date);
	take_factors(&s, &a);
	a.authorised_date = HDAY_NONE;
	a.due_date = HDAY_NONE;
	a.outcome = ASSESS_OPEN;
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j, a.episode_id)))
		goto out;
	if (step_commit(&s, record_assessment_start(r->st, &a, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, assessment_json(find_assessment(s.j, a.id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/assessments/{id}/authorise */
static const struct jfield authorise_fields[] = {
	{ "version", J_INT },
	{ "authorised_date", J_STRING },
	{ "outcome", J_STRING },
	{ "factors", J_ARRAY },
};

static void
post_authorise(struct req *r, struct resp *w)
{
	const struct assessment *stored;
	struct assessment a, sent;
	struct api_step s;
	int64_t expected;
	int k;

	memset(&sent, 0, sizeof(sent));
	if (!step_start(&s, r, w, authorise_fields,
	    NFIELDS(authorise_fields)) || !api_step_version(&s, &expected))
		goto out;
	api_take_day(&s, s.o, "", "authorised_date", "the date the assessment "
	    "was authorised", true, &sent.authorised_date);
	k = api_take_code(&s, s.o, "", "outcome", "the outcome", true,
	    assessment_outcome_parse, aoutcome_code, ASSESS_NFA,
	    ASSESS__COUNT);
	take_factors(&s, &sent);
	if (!step_begin(&s) || !OWNED(&s, stored = find_assessment(s.j,
	    web_id(r, 1))))
		goto out;
	a = *stored;
	a.authorised_date = sent.authorised_date;
	a.outcome = (enum assessment_outcome)k;
	/* Factors not sent: those recorded when it started. */
	if (json_object_get(s.o, "factors") != NULL) {
		memcpy(a.factors, sent.factors, sizeof(a.factors));
		a.n_factors = sent.n_factors;
	}
	if (step_commit(&s, record_assessment_authorise(r->st, &a, expected,
	    &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, assessment_json(find_assessment(s.j, a.id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/strategy-discussions */
static const struct jfield strategy_fields[] = {
	{ "episode_id", J_INT },
	{ "held_date", J_STRING },
	{ "s47", J_BOOL },
	{ "note", J_STRING_NULL },
	{ "people", J_ARRAY },
};

static void
post_strategy(struct req *r, struct resp *w)
{
	struct strategy *sd = xcalloc(1, sizeof(*sd));
	struct api_step s;

	if (!step_start(&s, r, w, strategy_fields, NFIELDS(strategy_fields)))
		goto out;
	sd->child_id = s.child_id;
	sd->episode_id = api_take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	api_take_day(&s, s.o, "", "held_date", "the date of the strategy "
	    "discussion", true, &sd->held_date);
	sd->s47 = api_take_bool(s.o, "s47");
	api_take_str(&s, s.o, "", "note", "The note", sd->note, sizeof(sd->note));
	take_people(&s, "people", sd->people, &sd->n_people);
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j,
	    sd->episode_id)))
		goto out;
	if (step_commit(&s, record_strategy_add(r->st, sd, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, strategy_json(journey_strategy(s.j, sd->id)));
out:
	api_step_end(&s);
	free(sd);
}

/* POST /children/{id}/s47 */
static const struct jfield s47_fields[] = {
	{ "episode_id", J_INT },
	{ "strategy_id", J_INT },
	{ "start_date", J_STRING },
};

static void
post_s47(struct req *r, struct resp *w)
{
	struct s47 e;
	struct api_step s;

	memset(&e, 0, sizeof(e));
	if (!step_start(&s, r, w, s47_fields, NFIELDS(s47_fields)))
		goto out;
	e.child_id = s.child_id;
	e.episode_id = api_take_id(&s, s.o, "", "episode_id", "the episode's id",
	    true);
	e.strategy_id = api_take_id(&s, s.o, "", "strategy_id", "the id of the "
	    "strategy discussion that began it", true);
	api_take_day(&s, s.o, "", "start_date", "the date the enquiry started",
	    true, &e.start_date);
	e.outcome = S47_OPEN;
	e.outcome_date = HDAY_NONE;
	if (!step_begin(&s) || !OWNED(&s, journey_episode(s.j,
	    e.episode_id)) || !OWNED(&s, journey_strategy(s.j,
	    e.strategy_id)))
		goto out;
	if (step_commit(&s, record_s47_start(r->st, &e, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, s47_json(journey_s47(s.j, e.id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/s47/{id}/outcome */
static const struct jfield s47_outcome_fields[] = {
	{ "version", J_INT },
	{ "outcome", J_STRING },
	{ "outcome_date", J_STRING },
};

static void
post_s47_outcome(struct req *r, struct resp *w)
{
	const struct s47 *stored;
	struct s47 e;
	struct api_step s;
	int64_t expected;
	hday day = HDAY_NONE;
	int k;

	if (!step_start(&s, r, w, s47_outcome_fields,
	    NFIELDS(s47_outcome_fields)) || !api_step_version(&s, &expected))
		goto out;
	k = api_take_code(&s, s.o, "", "outcome", "the outcome", true,
	    s47_outcome_parse, soutcome_code, S47_CONFERENCE, S47__COUNT);
	api_take_day(&s, s.o, "", "outcome_date", "the date of the outcome", true,
	    &day);
	if (!step_begin(&s) || !OWNED(&s, stored = journey_s47(s.j,
	    web_id(r, 1))))
		goto out;
	e = *stored;
	e.outcome = (enum s47_outcome)k;
	e.outcome_date = day;
	if (step_commit(&s, record_s47_outcome(r->st, &e, expected, &s.cx,
	    &s.d), &s.child_id, 1))
		api_json(w, 200, s47_json(journey_s47(s.j, e.id)));
out:
	api_step_end(&s);
}

/* POST /children/{id}/conferences: one conference, every child discussed
 * at it with their own decision; the caller must be able to change each
 * child's record, and the path's child must be one of them. */
static const struct jfield conference_fields[] = {
	{ "kind", J_STRING },
	{ "held_date", J_STRING },
	{ "notified_date", J_STRING_NULL },
	{ "chair_id", J_INT_NULL },
	{ "note", J_STRING_NULL },
	{ "children", J_ARRAY },
};

static const struct jfield conference_child_fields[] = {
	{ "child_id", J_INT },
	{ "s47_id", J_INT_NULL },
	{ "plan_id", J_INT_NULL },
	{ "decision", J_STRING },
	{ "category", J_STRING_NULL },
	{ "end_reason", J_STRING_NULL },
	{ "step_down", J_BOOL },
};

static void
post_conference(struct req *r, struct resp *w)
{
	struct conference *c = xcalloc(1, sizeof(*c));
	int64_t ids[CONFERENCE_CHILDREN_MAX] = { 0 };
	char prefix[FIELD_MAX], field[FIELD_MAX];
	struct api_step s;
	json_t *a;
	bool has_path_child = false;
	int k;

	if (!step_start(&s, r, w, conference_fields,
	    NFIELDS(conference_fields)))
		goto out;
	k = api_take_code(&s, s.o, "", "kind", "the kind of conference", true,
	    conference_kind_parse, ckind_code, CONF_INITIAL, CONF__COUNT);
	c->kind = k >= 0 ? (enum conference_kind)k : CONF_INITIAL;
	api_take_day(&s, s.o, "", "held_date", "the date the conference was held",
	    true, &c->held_date);
	api_take_day(&s, s.o, "", "notified_date", "the date this authority was "
	    "told of the transfer", false, &c->notified_date);
	c->chair_id = api_take_id(&s, s.o, "", "chair_id", "", false);
	api_take_str(&s, s.o, "", "note", "The note", c->note, sizeof(c->note));
	a = api_take_items(&s, "children", conference_child_fields,
	    NFIELDS(conference_child_fields), CONFERENCE_CHILDREN_MAX,
	    &c->n_children);
	if (a == NULL || c->n_children == 0)
		api_missing(&s, "children", "the children discussed, each with "
		    "the conference's decision for them");
	for (int i = 0; i < c->n_children; i++) {
		struct conference_child *cc = &c->children[i];
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "children[%d].", i);
		cc->child_id = api_take_id(&s, it, prefix, "child_id", "the "
		    "child's id", true);
		cc->s47_id = api_take_id(&s, it, prefix, "s47_id", "", false);
		cc->plan_id = api_take_id(&s, it, prefix, "plan_id", "", false);
		k = api_take_code(&s, it, prefix, "decision", "the conference's "
		    "decision for this child", true, conference_decision_parse,
		    cdecision_code, CDEC_PLAN, CDEC__COUNT);
		cc->decision = k >= 0 ? (enum conference_decision)k : CDEC_PLAN;
		k = api_take_code(&s, it, prefix, "category", "", false,
		    abuse_category_parse, category_code, ABUSE_NEGLECT,
		    ABUSE__COUNT);
		cc->category = k >= 0 ? (enum abuse_category)k : ABUSE_NONE;
		k = api_take_code(&s, it, prefix, "end_reason", "", false,
		    plan_end_reason_parse, endreason_code,
		    PLANEND_NO_LONGER_AT_RISK, PLANEND__COUNT);
		cc->end_reason = k >= 0 ? (enum plan_end_reason)k :
		    PLANEND_NONE;
		cc->step_down = api_take_bool(it, "step_down");
		cc->due_date = HDAY_NONE;
		ids[i] = cc->child_id;
		if (cc->child_id == s.child_id)
			has_path_child = true;
		for (int m = 0; m < i; m++)
			if (ids[m] == cc->child_id && cc->child_id > 0)
				api_error_add(s.errors, api_fname(field, prefix,
				    "child_id"), "Each child is listed once");
	}
	if (c->n_children > 0 && !has_path_child && json_array_size(
	    s.errors) == 0)
		api_error_add(s.errors, "children", "List this child among the "
		    "children discussed");
	if (json_array_size(s.bad) == 0 && json_array_size(s.errors) == 0)
		/* Every other child: the same gate as the path's. */
		for (int i = 0; i < c->n_children; i++)
			if (ids[i] != s.child_id && !api_gate(r, w, ids[i],
			    ACCESS_EDIT, "You cannot change this child's "
			    "journey"))
				goto out;
	if (!step_begin(&s))
		goto out;
	if (step_commit(&s, record_conference_add(r->st, c, &s.cx, &s.d), ids,
	    c->n_children))
		api_json(w, 201, conference_json(r, find_conference(s.j,
		    c->id)));
out:
	api_step_end(&s);
	free(c);
}

/* POST /children/{id}/plans/{id}/end and /looked-after/{id}/end: a CP
 * plan (with a reason needing no judgement), a CIN plan, or a
 * looked-after episode (its REC code); `lac` when the path says which. */
static const struct jfield end_fields[] = {
	{ "end_date", J_STRING },
	{ "reason", J_STRING_NULL },
};

static void
plan_end(struct req *r, struct resp *w, bool lac)
{
	const struct plan *p;
	char reason[32];
	struct api_step s;
	hday end = HDAY_NONE;
	enum herr x;
	int k = -1;

	if (!step_start(&s, r, w, end_fields, NFIELDS(end_fields)))
		goto out;
	api_take_day(&s, s.o, "", "end_date", "the date it ended", true, &end);
	api_take_str(&s, s.o, "", "reason", "The reason", reason, sizeof(reason));
	if (!step_begin(&s) || !OWNED(&s, p = journey_plan(s.j, web_id(r,
	    1))) || !OWNED(&s, (!lac || p->kind == PLAN_LAC) ? p : NULL))
		goto out;
	switch (p->kind) {
	case PLAN_CP:
		k = api_take_code(&s, s.o, "", "reason", "why the plan ended",
		    true, plan_end_reason_parse, endreason_code,
		    PLANEND_NO_LONGER_AT_RISK, PLANEND__COUNT);
		x = k < 0 ? HERR_INVALID : record_plan_end(r->st, s.child_id,
		    p->id, end, (enum plan_end_reason)k, &s.cx, &s.d);
		break;
	case PLAN_CIN:
		if (reason[0] != '\0')
			api_error_add(s.errors, "reason", "A child in need plan "
			    "ends without a reason: leave reason out");
		x = reason[0] != '\0' ? HERR_INVALID : record_cin_plan_end(
		    r->st, s.child_id, p->id, end, &s.cx, &s.d);
		break;
	default:
		x = record_lac_end(r->st, s.child_id, p->id, end, reason,
		    &s.cx, &s.d);
		break;
	}
	if (x == HERR_INVALID && json_array_size(s.errors) > 0) {
		/* The problem was the API's own reading of reason. */
		store_rollback(r->st);
		s.open = false;
		api_invalid(w, s.errors);
		s.errors = NULL;
		goto out;
	}
	if (step_commit(&s, x, &s.child_id, 1))
		api_json(w, 200, plan_json(journey_plan(s.j, web_id(r, 1))));
out:
	api_step_end(&s);
}

static void
post_plan_end(struct req *r, struct resp *w)
{
	plan_end(r, w, false);
}

static void
post_lac_end(struct req *r, struct resp *w)
{
	plan_end(r, w, true);
}

/* POST /children/{id}/plans/{id}/core-group: replace the members. */
static const struct jfield core_group_fields[] = {
	{ "version", J_INT },
	{ "members", J_ARRAY },
};

static void
post_core_group(struct req *r, struct resp *w)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct journey_person *m = xcalloc(JOURNEY_PEOPLE_MAX, sizeof(*m));
	const struct plan *stored;
	struct api_step s;
	int64_t expected;
	int n = 0;

	if (!step_start(&s, r, w, core_group_fields,
	    NFIELDS(core_group_fields)) || !api_step_version(&s, &expected))
		goto out;
	take_people(&s, "members", m, &n);
	if (json_object_get(s.o, "members") == NULL)
		api_missing(&s, "members", "the core group's members");
	if (!step_begin(&s) || !OWNED(&s, stored = journey_plan(s.j, web_id(r,
	    1))))
		goto out;
	*p = *stored;
	memcpy(p->core_group, m, sizeof(p->core_group));
	p->n_core_group = n;
	if (step_commit(&s, record_core_group_set(r->st, p, expected, &s.cx,
	    &s.d), &s.child_id, 1))
		api_json(w, 200, plan_json(journey_plan(s.j, p->id)));
out:
	api_step_end(&s);
	free(m);
	free(p);
}

/* POST /children/{id}/plans/{id}/events: a visit, core group or review. */
static const struct jfield event_fields[] = {
	{ "kind", J_STRING },
	{ "held_date", J_STRING },
	{ "seen", J_BOOL },
	{ "seen_alone", J_BOOL },
	{ "note", J_STRING_NULL },
};

static void
post_event(struct req *r, struct resp *w)
{
	struct plan_event *e = xcalloc(1, sizeof(*e));
	struct api_step s;
	int k;

	if (!step_start(&s, r, w, event_fields, NFIELDS(event_fields)))
		goto out;
	e->child_id = s.child_id;
	e->plan_id = web_id(r, 1);
	k = api_take_code(&s, s.o, "", "kind", "what was held", true,
	    event_kind_parse, event_code, EVENT_VISIT, EVENT__COUNT);
	e->kind = k >= 0 ? (enum event_kind)k : EVENT_VISIT;
	api_take_day(&s, s.o, "", "held_date", "the date it was held", true,
	    &e->held_date);
	e->seen = api_take_bool(s.o, "seen");
	e->seen_alone = api_take_bool(s.o, "seen_alone");
	api_take_str(&s, s.o, "", "note", "The note", e->note, sizeof(e->note));
	e->due_date = HDAY_NONE;
	if (!step_begin(&s) || !OWNED(&s, journey_plan(s.j, e->plan_id)))
		goto out;
	if (step_commit(&s, record_event_add(r->st, e, &s.cx, &s.d),
	    &s.child_id, 1))
		api_json(w, 201, event_json(find_event(s.j, e->id)));
out:
	api_step_end(&s);
	free(e);
}

/* POST /children/{id}/cin-plans and /looked-after: a plan starts. */
static const struct jfield cin_plan_fields[] = {
	{ "episode_id", J_INT },
	{ "start_date", J_STRING },
};

static const struct jfield lac_fields[] = {
	{ "episode_id", J_INT_NULL },
	{ "start_date", J_STRING },
	{ "legal_status", J_STRING },
	{ "placement", J_STRING },
	{ "long_term", J_BOOL },
};

static void
plan_start(struct req *r, struct resp *w, enum plan_kind kind)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	struct api_step s;
	enum herr x;

	if (!step_start(&s, r, w, kind == PLAN_LAC ? lac_fields :
	    cin_plan_fields, kind == PLAN_LAC ? NFIELDS(lac_fields) :
	    NFIELDS(cin_plan_fields)))
		goto out;
	p->child_id = s.child_id;
	p->kind = kind;
	p->end_date = HDAY_NONE;
	p->episode_id = api_take_id(&s, s.o, "", "episode_id", "the episode's id",
	    kind != PLAN_LAC);
	api_take_day(&s, s.o, "", "start_date", "the date it started", true,
	    &p->start_date);
	if (kind == PLAN_LAC) {
		api_take_str(&s, s.o, "", "legal_status", "The legal status",
		    p->legal_status, sizeof(p->legal_status));
		api_take_str(&s, s.o, "", "placement", "The placement",
		    p->placement, sizeof(p->placement));
		p->long_term = api_take_bool(s.o, "long_term");
	}
	if (!step_begin(&s) || (p->episode_id > 0 && !OWNED(&s,
	    journey_episode(s.j, p->episode_id))))
		goto out;
	x = kind == PLAN_LAC ? record_lac_start(r->st, p, &s.cx, &s.d) :
	    record_cin_plan_start(r->st, p, &s.cx, &s.d);
	if (step_commit(&s, x, &s.child_id, 1))
		api_json(w, 201, plan_json(journey_plan(s.j, p->id)));
out:
	api_step_end(&s);
	free(p);
}

static void
post_cin_plan(struct req *r, struct resp *w)
{
	plan_start(r, w, PLAN_CIN);
}

static void
post_lac(struct req *r, struct resp *w)
{
	plan_start(r, w, PLAN_LAC);
}

/* POST /children/{id}/episodes/{id}/close */
static const struct jfield close_fields[] = {
	{ "closure_date", J_STRING },
	{ "reason", J_STRING },
};

static void
post_episode_close(struct req *r, struct resp *w)
{
	const struct cin_episode *ep;
	char reason[8];
	struct api_step s;
	hday day = HDAY_NONE;

	if (!step_start(&s, r, w, close_fields, NFIELDS(close_fields)))
		goto out;
	api_take_day(&s, s.o, "", "closure_date", "the date the episode closed",
	    true, &day);
	api_take_str(&s, s.o, "", "reason", "The reason for closure", reason,
	    sizeof(reason));
	if (reason[0] == '\0' && json_array_size(s.errors) == 0)
		api_missing(&s, "reason", "the reason for closure (RC1 to RC9)");
	if (!step_begin(&s) || !OWNED(&s, ep = journey_episode(s.j,
	    web_id(r, 1))))
		goto out;
	if (step_commit(&s, record_episode_close(r->st, s.child_id, ep->id,
	    day, reason, &s.cx, &s.d), &s.child_id, 1))
		api_json(w, 200, episode_json(journey_episode(s.j,
		    web_id(r, 1)), journey_referral(s.j, web_id(r, 1))));
out:
	api_step_end(&s);
}

/* ------------------------------------------------------------ routes */

static void
no_route(struct req *r, struct resp *w)
{
	(void)r;
	api_not_found(w);
}

const struct route api_routes[] = {
	{ "GET", "/api/v1/me", get_me, ROUTE_JSON },
	{ "GET", "/api/v1/children", get_children, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}", get_child, ROUTE_JSON },
	{ "PUT", "/api/v1/children/{id}", put_child, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/chronology", post_chronology,
	    ROUTE_JSON },
	{ "GET", "/api/v1/families/{id}", get_family, ROUTE_JSON },
	{ "GET", "/api/v1/teams/{id}", get_team, ROUTE_JSON },
	{ "GET", "/api/v1/due", get_due, ROUTE_JSON },
	{ "GET", "/api/v1/children/{id}/journey", get_journey, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/referrals", post_referral,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/episodes/{id}/decision",
	    post_decision, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/episodes/{id}/close",
	    post_episode_close, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/assessments", post_assessment,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/assessments/{id}/authorise",
	    post_authorise, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/strategy-discussions", post_strategy,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/s47", post_s47, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/s47/{id}/outcome", post_s47_outcome,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/conferences", post_conference,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/end", post_plan_end,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/core-group",
	    post_core_group, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/plans/{id}/events", post_event,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/cin-plans", post_cin_plan,
	    ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/looked-after", post_lac, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/looked-after/{id}/end", post_lac_end,
	    ROUTE_JSON },
	{ "GET", "/api/v1", no_route, ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
