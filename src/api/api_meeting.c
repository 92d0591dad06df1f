/*
 * api_meeting.c: conferences as meetings (core/meeting.h) in the JSON
 * API, over the same record_* calls as the pages.  The journey's
 * POST /children/{id}/conferences records a conference's outcome on its
 * own; a meeting is the whole conference around it, and its decision
 * goes through the same journey rules.
 *
 *   GET  /api/v1/meetings?from=&to=     booked and recent meetings the
 *        caller reaches: a chair's own, a partner's invitations, or those
 *        of children the caller may see (summaries)
 *   GET  /api/v1/meetings/{id}          the meeting: everything for staff
 *        who may see every child; for an invited partner only when and
 *        where, who it is about and their own agency's report
 *   POST /api/v1/children/{id}/meetings {kind, date, time "HH:MM", place,
 *        chair_id, notified_date, children[] (other children's ids)}
 *   POST /api/v1/meetings/{id}/invitees {kind, name, role, agency_id,
 *        agency, staff_id, invited_on, report_expected}
 *   POST /api/v1/meetings/{id}/attendance {version, attendance[] (one
 *        code per invitee, in the meeting's order)}
 *   POST /api/v1/meetings/{id}/reports {invitee_id, text, id, version}:
 *        a new report (no id) or its text replaced; an invited partner
 *        only for their own invitee
 *   POST /api/v1/meetings/{id}/reports/{id}/shared {version, shared_on}
 *   POST /api/v1/meetings/{id}/participation {version, child_id,
 *        participation, note, advocate_offered_on, advocate_accepted,
 *        advocate}
 *   POST /api/v1/meetings/{id}/views {child_id, name, agency, met, reason}
 *   POST /api/v1/meetings/{id}/decision {version, dissent, children[
 *        {child_id, decision, category, end_reason, step_down}]}
 *   POST /api/v1/meetings/{id}/plan {version, outcomes[{agency, family}],
 *        actions[{outcome, who, what, by}], contingency, child_seen,
 *        core[{name, agency, role, staff_id}]}
 *   POST /api/v1/meetings/{id}/minutes {version, minutes}
 *   POST /api/v1/meetings/{id}/sends {doc, audience, method, recipients,
 *        sent_at (RFC 3339, or null for now)}
 *   POST /api/v1/meetings/{id}/feedback {from, name, answers[4],
 *        comments, given_on}
 *
 * Who reaches a meeting is web_meeting_reach's answer, as on the pages;
 * anyone else gets the 404 a missing meeting gets.  Views and changes are
 * audited against each child of the meeting.  The plan and minutes answer
 * with the plain-language flags of their family-facing texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_internal.h"
#include "core/mem.h"
#include "core/meeting.h"
#include "core/plain.h"
#include "store/store_meeting.h"
#include "web/meeting_access.h"
#include "web/plain_view.h"
#include "web/router.h"
#include "core/banned.h"

#define LIST_MAX 500		/* summaries in one answer */
#define LIST_DAYS 56		/* default window: 8 weeks either side */

CODE_FN(kind_code, conference_kind_code, enum conference_kind)
CODE_FN(decision_code, conference_decision_code, enum conference_decision)
CODE_FN(category_code, abuse_category_code, enum abuse_category)
CODE_FN(endreason_code, plan_end_reason_code, enum plan_end_reason)
CODE_FN(invitee_code, invitee_kind_code, enum invitee_kind)
CODE_FN(part_code, participation_code, enum participation)
CODE_FN(doc_code, doc_kind_code, enum doc_kind)
CODE_FN(aud_code, doc_audience_code, enum doc_audience)
CODE_FN(from_code, feedback_from_code, enum feedback_from)

/* ------------------------------------------------------------ JSON */

static json_t *
time_of_day(int minute)
{
	char buf[8];

	snprintf(buf, sizeof(buf), "%02d:%02d", minute / 60 % 24, minute % 60);
	return json_string(buf);
}

static json_t *
children_json(const int64_t *ids, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_integer(ids[i]));
	return a;
}

static json_t *
summary_json(const struct meeting_summary *s)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(s->id));
	api_set(o, "kind", api_jstr(conference_kind_code(s->kind)));
	api_set(o, "status", api_jstr(meeting_status_code(s->status)));
	api_set(o, "date", api_jdate(s->date));
	api_set(o, "time", time_of_day(s->minute));
	api_set(o, "place", api_jstr(s->place));
	api_set(o, "chair_id", api_jid(s->chair_id));
	api_set(o, "children", children_json(s->child_ids, s->n_children));
	api_set(o, "reports_expected", json_integer(s->reports_expected));
	api_set(o, "reports_in", json_integer(s->reports_in));
	api_set(o, "reports_shared", json_integer(s->reports_shared));
	api_set(o, "plan_saved", json_boolean(s->plan_saved));
	api_set(o, "minutes_saved", json_boolean(s->minutes_saved));
	api_set(o, "all_sent_at", api_jtime(s->all_sent_at));
	return o;
}

static json_t *
invitee_json(const struct invitee *i)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(i->id));
	api_set(o, "kind", api_jstr(invitee_kind_code(i->kind)));
	api_set(o, "name", api_jstr(i->name));
	api_set(o, "role", api_jtext(i->role));
	api_set(o, "agency_id", api_jid(i->agency_id));
	api_set(o, "agency", api_jtext(i->agency));
	api_set(o, "staff_id", api_jid(i->staff_id));
	api_set(o, "invited_on", api_jdate(i->invited_on));
	api_set(o, "attendance", api_jstr(attendance_code(i->attendance)));
	api_set(o, "report_expected", json_boolean(i->report_expected));
	return o;
}

static json_t *
report_json(const struct agency_report *r)
{
	json_t *o = json_object();

	api_set(o, "id", api_jid(r->id));
	api_set(o, "version", json_integer(r->version));
	api_set(o, "invitee_id", api_jid(r->invitee_id));
	api_set(o, "text", api_jstr(r->text));
	api_set(o, "author_id", api_jid(r->author_id));
	api_set(o, "submitted_at", api_jtime(r->submitted_at));
	api_set(o, "shared_on", api_jdate(r->shared_on));
	return o;
}

/* The meeting as JSON; `full` false gives an invited partner's view
 * (their own reports only: `r` decides which invitees are theirs). */
static json_t *
meeting_json(struct req *r, const struct meeting *m, bool full)
{
	struct meeting_distribution dist;
	json_t *o = json_object(), *a;

	api_set(o, "id", api_jid(m->id));
	api_set(o, "version", json_integer(m->version));
	api_set(o, "kind", api_jstr(conference_kind_code(m->kind)));
	api_set(o, "status", api_jstr(meeting_status_code(m->status)));
	api_set(o, "date", api_jdate(m->date));
	api_set(o, "time", time_of_day(m->minute));
	api_set(o, "place", api_jstr(m->place));
	api_set(o, "chair_id", api_jid(m->chair_id));
	a = json_array();
	for (int i = 0; i < m->n_children; i++)
		json_array_append_new(a, json_integer(m->children[i].child_id));
	api_set(o, "children", a);
	a = json_array();
	for (int i = 0; i < m->n_invitees; i++) {
		const struct invitee *iv = &m->invitees[i];

		if (full || web_meeting_own_invitee(r, iv))
			json_array_append_new(a, invitee_json(iv));
	}
	api_set(o, "invitees", a);
	a = json_array();
	for (int i = 0; i < m->n_reports; i++) {
		const struct invitee *iv = NULL;

		for (int k = 0; k < m->n_invitees; k++)
			if (m->invitees[k].id == m->reports[i].invitee_id)
				iv = &m->invitees[k];
		if (full || (iv != NULL && web_meeting_own_invitee(r, iv)))
			json_array_append_new(a, report_json(&m->reports[i]));
	}
	api_set(o, "reports", a);
	if (!full)
		return o;
	api_set(o, "notified_date", api_jdate(m->notified_date));
	api_set(o, "conference_id", api_jid(m->conference_id));
	api_set(o, "cancel_reason", api_jtext(m->cancel_reason));
	a = json_array();
	for (int i = 0; i < m->n_children; i++) {
		const struct meeting_child *c = &m->children[i];
		json_t *x = json_object();

		api_set(x, "child_id", api_jid(c->child_id));
		api_set(x, "participation", api_jstr(participation_code(
		    c->part)));
		api_set(x, "note", api_jtext(c->part_note));
		api_set(x, "advocate_offered_on", api_jdate(
		    c->advocate_offered_on));
		api_set(x, "advocate_accepted", json_boolean(
		    c->advocate_accepted));
		api_set(x, "advocate", api_jtext(c->advocate));
		json_array_append_new(a, x);
	}
	api_set(o, "participation", a);
	a = json_array();
	for (int i = 0; i < m->n_views; i++) {
		const struct threshold_view *v = &m->views[i];
		json_t *x = json_object();

		api_set(x, "id", api_jid(v->id));
		api_set(x, "child_id", api_jid(v->child_id));
		api_set(x, "name", api_jstr(v->name));
		api_set(x, "agency", api_jtext(v->agency));
		api_set(x, "met", json_boolean(v->met));
		api_set(x, "reason", api_jstr(v->reason));
		json_array_append_new(a, x);
	}
	api_set(o, "views", a);
	api_set(o, "dissent", api_jtext(m->dissent));
	a = json_array();
	for (int i = 0; i < m->n_outcomes; i++) {
		json_t *x = json_object();

		api_set(x, "agency", api_jstr(m->outcomes[i].agency));
		api_set(x, "family", api_jtext(m->outcomes[i].family));
		json_array_append_new(a, x);
	}
	api_set(o, "outcomes", a);
	a = json_array();
	for (int i = 0; i < m->n_actions; i++) {
		const struct plan_action *ac = &m->actions[i];
		json_t *x = json_object();

		api_set(x, "outcome", json_integer(ac->outcome));
		api_set(x, "who", api_jstr(ac->who));
		api_set(x, "what", api_jstr(ac->what));
		api_set(x, "by", api_jdate(ac->by));
		json_array_append_new(a, x);
	}
	api_set(o, "actions", a);
	api_set(o, "contingency", api_jtext(m->contingency));
	api_set(o, "child_seen", api_jtext(m->child_seen));
	a = json_array();
	for (int i = 0; i < m->n_core; i++) {
		json_t *x = json_object();

		api_set(x, "name", api_jstr(m->core[i].name));
		api_set(x, "agency", api_jtext(m->core[i].agency));
		api_set(x, "role", api_jtext(m->core[i].role));
		api_set(x, "staff_id", api_jid(m->core[i].staff_id));
		json_array_append_new(a, x);
	}
	api_set(o, "core_group", a);
	api_set(o, "plan_saved_at", api_jtime(m->plan_saved_at));
	api_set(o, "minutes", api_jtext(m->minutes));
	api_set(o, "minutes_saved_at", api_jtime(m->minutes_saved_at));
	a = json_array();
	for (int i = 0; i < m->n_sends; i++) {
		const struct meeting_send *sd = &m->sends[i];
		json_t *x = json_object();

		api_set(x, "id", api_jid(sd->id));
		api_set(x, "doc", api_jstr(doc_kind_code(sd->doc)));
		api_set(x, "audience", api_jstr(doc_audience_code(
		    sd->audience)));
		api_set(x, "method", api_jstr(sd->method));
		api_set(x, "recipients", api_jtext(sd->recipients));
		api_set(x, "sent_at", api_jtime(sd->sent_at));
		json_array_append_new(a, x);
	}
	api_set(o, "sends", a);
	meeting_distribution(m, r->now, &dist);
	{
		json_t *x = json_object();

		api_set(x, "all_sent", json_boolean(dist.all_sent));
		api_set(x, "all_sent_at", api_jtime(dist.all_sent_at));
		api_set(x, "hours", m->status == MEETING_HELD ?
		    json_integer(dist.hours) : json_null());
		api_set(x, "within_72_hours", json_boolean(dist.within));
		api_set(x, "overdue", json_boolean(dist.overdue));
		api_set(o, "distribution", x);
	}
	a = json_array();
	for (int i = 0; i < m->n_feedback; i++) {
		const struct feedback *f = &m->feedback[i];
		json_t *x = json_object(), *ans = json_array();

		api_set(x, "id", api_jid(f->id));
		api_set(x, "from", api_jstr(feedback_from_code(f->from)));
		api_set(x, "name", api_jtext(f->name));
		for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
			json_array_append_new(ans, f->answers[q] > 0 ?
			    json_integer(f->answers[q]) : json_null());
		api_set(x, "answers", ans);
		api_set(x, "comments", api_jtext(f->comments));
		api_set(x, "given_on", api_jdate(f->given_on));
		json_array_append_new(a, x);
	}
	api_set(o, "feedback", a);
	return o;
}

/* ------------------------------------------------------------ access */

/* Audit `action` on each child of m (before anything is sent); false
 * (answered 503) when a row could not be written. */
static bool
audit_children(struct req *r, struct resp *w, const struct meeting *m,
    enum audit_action action)
{
	for (int i = 0; i < m->n_children; i++)
		if (!web_audit(r, action, SUBJECT_CHILD, m->children[i].child_id,
		    NULL)) {
			api_unavailable(w);
			return false;
		}
	return true;
}

/*
 * Load the path's meeting into m and decide the caller's reach; true
 * when it is at least `need`.  Otherwise answered: 404 (the same as a
 * missing meeting) below REACH_INVITED or for a partner asking for more,
 * 403 for staff who may see it but not change it, or for a restricted
 * child not yet opened through the glass.
 */
static bool
reach(struct req *r, struct resp *w, struct meeting *m, enum meeting_reach
    need, enum meeting_reach *got)
{
	int64_t glass = 0;
	enum herr e = store_meeting_get(r->st, web_id(r, 0), m);

	*got = REACH_NONE;
	if (e != HERR_OK) {
		if (e == HERR_NOTFOUND)
			api_not_found(w);
		else
			api_unavailable(w);
		return false;
	}
	*got = web_meeting_reach(r, m, &glass);
	if (*got >= need)
		return true;
	if (glass > 0)
		api_restricted(w);
	else if (*got == REACH_VIEW)
		api_problem(w, 403, "You cannot change this conference", "Your "
		    "role or your relationship to its children lets you see "
		    "the conference but not change it.", NULL);
	else
		api_not_found(w);
	return false;
}

/* ------------------------------------------------------------ reads */

static const struct form_field list_query[] = {
	{ "from", "From", false, false, form_valid_date, 10 },
	{ "to", "To", false, false, form_valid_date, 10 },
};

static void
get_meetings(struct req *r, struct resp *w)
{
	struct meeting_summary *l = NULL;
	struct hdiag diags[API_ERRORS];
	hday from = r->today - LIST_DAYS, to = r->today + LIST_DAYS;
	json_t *a, *o;
	int n = 0, nbad = 0;
	enum herr e;

	if (!api_authenticate(r, w))
		return;
	if (form_check(&r->query, list_query, NFIELDS(list_query), diags,
	    API_ERRORS, &nbad) != HERR_OK) {
		a = json_array();
		for (int i = 0; i < nbad; i++)
			api_error_add(a, diags[i].field, diags[i].msg);
		api_bad_request(w, "Invalid parameter", a);
		return;
	}
	if (form_get(&r->query, "from") != NULL &&
	    hdate_parse(form_get(&r->query, "from"), &from, "from", NULL) !=
	    HERR_OK)
		from = r->today - LIST_DAYS;
	if (form_get(&r->query, "to") != NULL &&
	    hdate_parse(form_get(&r->query, "to"), &to, "to", NULL) != HERR_OK)
		to = r->today + LIST_DAYS;
	l = xcalloc(LIST_MAX, sizeof(*l));
	if (r->who.role == ROLE_PARTNER_PRACTITIONER)
		e = store_meetings_invited(r->st, r->who.staff_id,
		    r->who.agency_id, from, l, LIST_MAX, &n);
	else if (r->who.role == ROLE_ADMINISTRATOR ||
	    r->who.role == ROLE_PERFORMANCE_ANALYST)
		e = HERR_OK;	/* no case content, so no conferences */
	else
		e = store_meetings_booked(r->st, r->who.role == ROLE_CP_CHAIR ?
		    r->who.staff_id : 0, from, to, l, LIST_MAX, &n);
	if (e != HERR_OK || !web_audit(r, AUDIT_SEARCH, SUBJECT_NONE, 0,
	    NULL)) {
		api_unavailable(w);
		goto out;
	}
	a = json_array();
	for (int i = 0; i < n; i++) {
		/* Staff see a meeting only when they may see its first
		 * child; the chair's own are theirs through chairing. */
		if (r->who.role != ROLE_PARTNER_PRACTITIONER &&
		    (l[i].n_children == 0 || web_child_access(r,
		    l[i].child_ids[0], ACCESS_VIEW, NULL) != ACCESS_ALLOW))
			continue;
		if (l[i].date > to)
			continue;
		json_array_append_new(a, summary_json(&l[i]));
	}
	o = json_object();
	api_set(o, "from", api_jdate(from));
	api_set(o, "to", api_jdate(to));
	api_set(o, "meetings", a);
	api_json(w, 200, o);
out:
	free(l);
}

static void
get_meeting(struct req *r, struct resp *w)
{
	struct meeting *m;
	enum meeting_reach got;

	if (!api_authenticate(r, w) || !api_no_query(r, w))
		return;
	m = meeting_new();
	if (reach(r, w, m, REACH_INVITED, &got) &&
	    audit_children(r, w, m, AUDIT_VIEW))
		api_json(w, 200, meeting_json(r, m, got >= REACH_VIEW));
	meeting_free(m);
}

/* ------------------------------------------------------------ writes */

/*
 * A change to the path's meeting: authenticate, load it, check the
 * caller reaches it at `need`, read the body.  m is loaded for the
 * handler (it is read again inside the record_* call, in the
 * transaction).
 */
static bool
change_start(struct api_step *s, struct req *r, struct resp *w,
    struct meeting *m, enum meeting_reach need, const struct jfield *fields,
    int n)
{
	enum meeting_reach got;

	api_step_init(s, r, w);
	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !reach(r, w, m, need, &got))
		return false;
	return api_step_body(s, fields, n);
}

/* Commit the change x with an audit row for each child of m; on success
 * answer with the meeting as stored now. */
static void
change_commit(struct api_step *s, struct meeting *m, enum herr x,
    int status, json_t *extra_key_plain)
{
	int64_t ids[CONFERENCE_CHILDREN_MAX];
	int n = m->n_children;
	json_t *o;

	for (int i = 0; i < n; i++)
		ids[i] = m->children[i].child_id;
	if (x == HERR_OK)
		x = store_meeting_get(s->r->st, m->id, m);
	if (!api_step_commit(s, x, ids, n)) {
		json_decref(extra_key_plain);
		return;
	}
	o = meeting_json(s->r, m, true);
	if (extra_key_plain != NULL)
		api_set(o, "plain_language", extra_key_plain);
	api_json(s->w, status, o);
}

static const struct jfield book_fields[] = {
	{ "kind", J_STRING },
	{ "date", J_STRING },
	{ "time", J_STRING },
	{ "place", J_STRING },
	{ "chair_id", J_INT_NULL },
	{ "notified_date", J_STRING_NULL },
	{ "children", J_ARRAY },
};

/* "HH:MM" into minutes after midnight; -1 (a problem) otherwise. */
static int
take_time(struct api_step *s, const char *key)
{
	const char *v = api_member(s->o, key);
	int h, mi;
	char end;

	if (v == NULL || v[0] == '\0') {
		api_missing(s, key, "the start time, as HH:MM");
		return -1;
	}
	if (sscanf(v, "%2d:%2d%c", &h, &mi, &end) != 2 || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || strlen(v) != 5) {
		api_error_add(s->errors, key, "The start time must be HH:MM, "
		    "for example 10:30");
		return -1;
	}
	return h * 60 + mi;
}

static void
post_book(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	static const char cannot[] = "You cannot book this child's "
	    "conference";
	struct api_step s;
	json_t *a;
	int k;

	if (!api_step_start(&s, r, w, web_id(r, 0), ACCESS_CONFERENCE, cannot,
	    book_fields, NFIELDS(book_fields)))
		goto out;
	k = api_take_code(&s, s.o, "", "kind", "the kind of conference", true,
	    conference_kind_parse, kind_code, CONF_INITIAL, CONF__COUNT);
	m->kind = k >= 0 ? (enum conference_kind)k : CONF_INITIAL;
	api_take_day(&s, s.o, "", "date", "the date of the conference", true,
	    &m->date);
	m->minute = take_time(&s, "time");
	api_take_str(&s, s.o, "", "place", "The place", m->place,
	    sizeof(m->place));
	m->chair_id = api_take_id(&s, s.o, "", "chair_id", "", false);
	api_take_day(&s, s.o, "", "notified_date", "the date this authority "
	    "was told of the transfer", false, &m->notified_date);
	m->children[m->n_children++].child_id = s.child_id;
	a = json_object_get(s.o, "children");
	for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
		json_t *v = json_array_get(a, i);
		int64_t id = (int64_t)json_integer_value(v);
		char field[FIELD_MAX];

		snprintf(field, sizeof(field), "children[%zu]", i);
		if (!json_is_integer(v) || id <= 0) {
			api_error_add(s.bad, field, "Each child must be a "
			    "child's id");
			s.bad_title = "Wrong type";
			continue;
		}
		if (id == s.child_id)
			continue;
		if (m->n_children >= CONFERENCE_CHILDREN_MAX) {
			api_error_add(s.errors, "children", "A conference is "
			    "about at most 16 children");
			break;
		}
		if (!api_gate(r, w, id, ACCESS_CONFERENCE, cannot))
			goto out;
		m->children[m->n_children++].child_id = id;
	}
	for (int i = 0; i < m->n_children; i++)
		m->children[i].advocate_offered_on = HDAY_NONE;
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_meeting_book(r->st, m, &s.cx, &s.d), 201,
	    NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield invitee_fields[] = {
	{ "kind", J_STRING },
	{ "name", J_STRING },
	{ "role", J_STRING_NULL },
	{ "agency_id", J_INT_NULL },
	{ "agency", J_STRING_NULL },
	{ "staff_id", J_INT_NULL },
	{ "invited_on", J_STRING },
	{ "report_expected", J_BOOL },
};

static void
post_invitee(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct invitee iv;
	struct api_step s;
	int k;

	memset(&iv, 0, sizeof(iv));
	if (!change_start(&s, r, w, m, REACH_RUN, invitee_fields,
	    NFIELDS(invitee_fields)))
		goto out;
	k = api_take_code(&s, s.o, "", "kind", "who is invited", true,
	    invitee_kind_parse, invitee_code, INVITEE_FAMILY, INVITEE__COUNT);
	iv.kind = k >= 0 ? (enum invitee_kind)k : INVITEE_FAMILY;
	api_take_str(&s, s.o, "", "name", "The name", iv.name,
	    sizeof(iv.name));
	api_take_str(&s, s.o, "", "role", "The role", iv.role,
	    sizeof(iv.role));
	iv.agency_id = api_take_id(&s, s.o, "", "agency_id", "", false);
	api_take_str(&s, s.o, "", "agency", "The agency", iv.agency,
	    sizeof(iv.agency));
	iv.staff_id = api_take_id(&s, s.o, "", "staff_id", "", false);
	api_take_day(&s, s.o, "", "invited_on", "the date they were invited",
	    true, &iv.invited_on);
	iv.report_expected = api_take_bool(s.o, "report_expected");
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_invitee_add(r->st, m->id, &iv, &s.cx,
	    &s.d), 201, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield attendance_fields[] = {
	{ "version", J_INT },
	{ "attendance", J_ARRAY },
};

static void
post_attendance(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	enum attendance att[MEETING_INVITEES_MAX];
	struct api_step s;
	int64_t expected;
	json_t *a;
	int n = 0;

	if (!change_start(&s, r, w, m, REACH_RUN, attendance_fields,
	    NFIELDS(attendance_fields)) || !api_step_version(&s, &expected))
		goto out;
	a = json_object_get(s.o, "attendance");
	for (size_t i = 0; a != NULL && i < json_array_size(a); i++) {
		const char *v = json_string_value(json_array_get(a, i));
		char field[FIELD_MAX];
		int k = v != NULL ? attendance_parse(v) : -1;

		snprintf(field, sizeof(field), "attendance[%zu]", i);
		if (n >= MEETING_INVITEES_MAX)
			break;
		if (k < 0) {
			api_error_add(s.errors, field, "Each must be one of "
			    "not-recorded, attended, apologies, absent");
			k = 0;
		}
		att[n++] = (enum attendance)k;
	}
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_attendance_set(r->st, m->id, att, n,
	    expected, &s.cx, &s.d), 200, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield report_fields[] = {
	{ "id", J_INT_NULL },
	{ "version", J_INT_NULL },
	{ "invitee_id", J_INT_NULL },
	{ "text", J_STRING },
};

/* An invited partner writes their own agency's report; staff who run the
 * meeting may write any (typed in from a paper report). */
static void
post_report(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct agency_report *rp = xcalloc(1, sizeof(*rp));
	const struct invitee *iv = NULL;
	enum meeting_reach got;
	struct api_step s;
	int64_t ids[CONFERENCE_CHILDREN_MAX];
	int64_t expected;
	bool added;
	enum herr x;

	api_step_init(&s, r, w);
	if (!api_authenticate(r, w) || !api_no_query(r, w) ||
	    !reach(r, w, m, REACH_INVITED, &got) ||
	    !api_step_body(&s, report_fields, NFIELDS(report_fields)))
		goto out;
	rp->id = api_take_id(&s, s.o, "", "id", "", false);
	expected = (int64_t)json_integer_value(json_object_get(s.o,
	    "version"));
	rp->invitee_id = api_take_id(&s, s.o, "", "invitee_id", "", false);
	if (rp->id > 0)
		for (int i = 0; i < m->n_reports; i++)
			if (m->reports[i].id == rp->id)
				rp->invitee_id = m->reports[i].invitee_id;
	for (int i = 0; i < m->n_invitees; i++)
		if (m->invitees[i].id == rp->invitee_id)
			iv = &m->invitees[i];
	if (iv == NULL || (rp->id > 0 && expected <= 0)) {
		api_error_add(s.errors, rp->id > 0 ? "version" : "invitee_id",
		    rp->id > 0 ? "Send the report's version (from GET)" :
		    "Name the agency invitee whose report this is");
	} else if (got < REACH_RUN && !web_meeting_own_invitee(r, iv)) {
		/* Another agency's report: as if it were not there. */
		api_not_found(w);
		goto out;
	}
	api_take_str(&s, s.o, "", "text", "The report", rp->text,
	    sizeof(rp->text));
	if (!api_step_begin(&s))
		goto out;
	added = rp->id == 0;
	x = record_report_submit(r->st, m->id, rp, expected, &s.cx, &s.d);
	for (int i = 0; i < m->n_children; i++)
		ids[i] = m->children[i].child_id;
	if (api_step_commit(&s, x, ids, m->n_children))
		api_json(w, added ? 201 : 200, report_json(rp));
out:
	api_step_end(&s);
	free(rp);
	meeting_free(m);
}

static const struct jfield shared_fields[] = {
	{ "version", J_INT },
	{ "shared_on", J_STRING },
};

static void
post_report_shared(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct api_step s;
	int64_t expected;
	hday day;

	if (!change_start(&s, r, w, m, REACH_RUN, shared_fields,
	    NFIELDS(shared_fields)) || !api_step_version(&s, &expected))
		goto out;
	api_take_day(&s, s.o, "", "shared_on", "the date it was shared with "
	    "the family", true, &day);
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_report_share(r->st, m->id, web_id(r, 1),
	    day, expected, &s.cx, &s.d), 200, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield participation_fields[] = {
	{ "version", J_INT },
	{ "child_id", J_INT },
	{ "participation", J_STRING },
	{ "note", J_STRING_NULL },
	{ "advocate_offered_on", J_STRING_NULL },
	{ "advocate_accepted", J_BOOL },
	{ "advocate", J_STRING_NULL },
};

static void
post_participation(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct meeting_child c;
	struct api_step s;
	int64_t expected;
	int k;

	memset(&c, 0, sizeof(c));
	if (!change_start(&s, r, w, m, REACH_RUN, participation_fields,
	    NFIELDS(participation_fields)) || !api_step_version(&s, &expected))
		goto out;
	c.child_id = api_take_id(&s, s.o, "", "child_id", "the child's id",
	    true);
	k = api_take_code(&s, s.o, "", "participation", "how the child took "
	    "part", true, participation_parse, part_code, PART_NOT_RECORDED,
	    PART__COUNT);
	c.part = k >= 0 ? (enum participation)k : PART_NOT_RECORDED;
	api_take_str(&s, s.o, "", "note", "The note", c.part_note,
	    sizeof(c.part_note));
	api_take_day(&s, s.o, "", "advocate_offered_on", "the date an "
	    "advocate was offered", false, &c.advocate_offered_on);
	c.advocate_offered = c.advocate_offered_on != HDAY_NONE;
	c.advocate_accepted = api_take_bool(s.o, "advocate_accepted");
	api_take_str(&s, s.o, "", "advocate", "The advocate's name",
	    c.advocate, sizeof(c.advocate));
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_participation_set(r->st, m->id, &c,
	    expected, &s.cx, &s.d), 200, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield view_fields[] = {
	{ "child_id", J_INT },
	{ "name", J_STRING },
	{ "agency", J_STRING_NULL },
	{ "met", J_BOOL },
	{ "reason", J_STRING },
};

static void
post_view(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct threshold_view v;
	struct api_step s;

	memset(&v, 0, sizeof(v));
	if (!change_start(&s, r, w, m, REACH_RUN, view_fields,
	    NFIELDS(view_fields)))
		goto out;
	v.child_id = api_take_id(&s, s.o, "", "child_id", "the child's id",
	    true);
	api_take_str(&s, s.o, "", "name", "The name", v.name, sizeof(v.name));
	api_take_str(&s, s.o, "", "agency", "The agency", v.agency,
	    sizeof(v.agency));
	if (json_object_get(s.o, "met") == NULL)
		api_missing(&s, "met", "whether they think the threshold is "
		    "met (true or false)");
	v.met = api_take_bool(s.o, "met");
	api_take_str(&s, s.o, "", "reason", "The reason", v.reason,
	    sizeof(v.reason));
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_view_add(r->st, m->id, &v, &s.cx, &s.d),
	    201, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield decision_fields[] = {
	{ "version", J_INT },
	{ "dissent", J_STRING_NULL },
	{ "children", J_ARRAY },
};

static const struct jfield decision_child_fields[] = {
	{ "child_id", J_INT },
	{ "decision", J_STRING },
	{ "category", J_STRING_NULL },
	{ "end_reason", J_STRING_NULL },
	{ "step_down", J_BOOL },
};

static void
post_decision(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct conference *c = xcalloc(1, sizeof(*c));
	char dissent[MEETING_TEXT_MAX + 1], prefix[FIELD_MAX];
	struct api_step s;
	int64_t expected;
	json_t *a;
	int k;

	if (!change_start(&s, r, w, m, REACH_RUN, decision_fields,
	    NFIELDS(decision_fields)) || !api_step_version(&s, &expected))
		goto out;
	api_take_str(&s, s.o, "", "dissent", "The dissent", dissent,
	    sizeof(dissent));
	a = api_take_items(&s, "children", decision_child_fields,
	    NFIELDS(decision_child_fields), CONFERENCE_CHILDREN_MAX,
	    &c->n_children);
	if (a == NULL || c->n_children != m->n_children)
		api_error_add(s.errors, "children", "Give a decision for each "
		    "child of the conference, in the conference's order");
	for (int i = 0; a != NULL && i < c->n_children; i++) {
		struct conference_child *cc = &c->children[i];
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "children[%d].", i);
		cc->child_id = api_take_id(&s, it, prefix, "child_id", "the "
		    "child's id", true);
		k = api_take_code(&s, it, prefix, "decision", "the decision "
		    "for this child", true, conference_decision_parse,
		    decision_code, CDEC_PLAN, CDEC__COUNT);
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
	}
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_meeting_decide(r->st, m->id, c, dissent,
	    expected, &s.cx, &s.d), 200, NULL);
out:
	api_step_end(&s);
	free(c);
	meeting_free(m);
}

static const struct jfield plan_fields[] = {
	{ "version", J_INT },
	{ "outcomes", J_ARRAY },
	{ "actions", J_ARRAY },
	{ "contingency", J_STRING },
	{ "child_seen", J_STRING },
	{ "core", J_ARRAY },
};

static const struct jfield outcome_fields[] = {
	{ "agency", J_STRING },
	{ "family", J_STRING_NULL },
};

static const struct jfield action_fields[] = {
	{ "outcome", J_INT_NULL },
	{ "who", J_STRING },
	{ "what", J_STRING },
	{ "by", J_STRING },
};

static const struct jfield core_fields[] = {
	{ "name", J_STRING },
	{ "agency", J_STRING_NULL },
	{ "role", J_STRING_NULL },
	{ "staff_id", J_INT_NULL },
};

/* The plan's family-facing texts checked for plain language. */
static json_t *
plan_plain(struct req *r, const struct meeting *m)
{
	struct plain_term *terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
	json_t *out = json_array();
	char field[FIELD_MAX];
	int n = plain_view_terms(r, terms);

	for (int i = 0; i < m->n_outcomes; i++) {
		snprintf(field, sizeof(field), "outcomes[%d].agency", i);
		api_plain_add(out, field, m->outcomes[i].agency, terms, n);
		snprintf(field, sizeof(field), "outcomes[%d].family", i);
		api_plain_add(out, field, m->outcomes[i].family, terms, n);
	}
	for (int i = 0; i < m->n_actions; i++) {
		snprintf(field, sizeof(field), "actions[%d].what", i);
		api_plain_add(out, field, m->actions[i].what, terms, n);
	}
	api_plain_add(out, "contingency", m->contingency, terms, n);
	api_plain_add(out, "child_seen", m->child_seen, terms, n);
	api_plain_add(out, "minutes", m->minutes, terms, n);
	free(terms);
	return out;
}

static void
post_plan(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new(), *p = meeting_new();
	struct sos_warnings warn;
	char prefix[FIELD_MAX];
	struct api_step s;
	int64_t expected;
	json_t *a;
	enum herr x;

	memset(&warn, 0, sizeof(warn));
	if (!change_start(&s, r, w, m, REACH_RUN, plan_fields,
	    NFIELDS(plan_fields)) || !api_step_version(&s, &expected))
		goto out;
	p->id = m->id;
	a = api_take_items(&s, "outcomes", outcome_fields,
	    NFIELDS(outcome_fields), MEETING_OUTCOMES_MAX, &p->n_outcomes);
	for (int i = 0; a != NULL && i < p->n_outcomes; i++) {
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "outcomes[%d].", i);
		api_take_str(&s, it, prefix, "agency", "What must change",
		    p->outcomes[i].agency, sizeof(p->outcomes[i].agency));
		api_take_str(&s, it, prefix, "family", "The family's words",
		    p->outcomes[i].family, sizeof(p->outcomes[i].family));
	}
	a = api_take_items(&s, "actions", action_fields,
	    NFIELDS(action_fields), MEETING_ACTIONS_MAX, &p->n_actions);
	for (int i = 0; a != NULL && i < p->n_actions; i++) {
		json_t *it = json_array_get(a, (size_t)i);
		struct plan_action *ac = &p->actions[i];
		json_int_t o;

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "actions[%d].", i);
		o = json_integer_value(json_object_get(it, "outcome"));
		ac->outcome = o < 0 || o > MEETING_OUTCOMES_MAX ? -1 : (int)o;
		api_take_str(&s, it, prefix, "who", "Who", ac->who,
		    sizeof(ac->who));
		api_take_str(&s, it, prefix, "what", "What", ac->what,
		    sizeof(ac->what));
		api_take_day(&s, it, prefix, "by", "the date it is due by",
		    true, &ac->by);
	}
	api_take_str(&s, s.o, "", "contingency", "The contingency plan",
	    p->contingency, sizeof(p->contingency));
	api_take_str(&s, s.o, "", "child_seen", "When the child will be seen",
	    p->child_seen, sizeof(p->child_seen));
	a = api_take_items(&s, "core", core_fields, NFIELDS(core_fields),
	    MEETING_CORE_MAX, &p->n_core);
	for (int i = 0; a != NULL && i < p->n_core; i++) {
		json_t *it = json_array_get(a, (size_t)i);

		if (!json_is_object(it))
			continue;
		snprintf(prefix, sizeof(prefix), "core[%d].", i);
		api_take_str(&s, it, prefix, "name", "The name",
		    p->core[i].name, sizeof(p->core[i].name));
		api_take_str(&s, it, prefix, "agency", "The agency",
		    p->core[i].agency, sizeof(p->core[i].agency));
		api_take_str(&s, it, prefix, "role", "The role",
		    p->core[i].role, sizeof(p->core[i].role));
		p->core[i].staff_id = api_take_id(&s, it, prefix, "staff_id",
		    "", false);
	}
	if (!api_step_begin(&s))
		goto out;
	x = record_meeting_plan_save(r->st, p, expected, &s.cx, &warn, &s.d);
	change_commit(&s, m, x, 200, x == HERR_OK ? plan_plain(r, p) : NULL);
out:
	api_step_end(&s);
	meeting_free(p);
	meeting_free(m);
}

static const struct jfield minutes_fields[] = {
	{ "version", J_INT },
	{ "minutes", J_STRING },
};

static void
post_minutes(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new(), *p = meeting_new();
	struct api_step s;
	int64_t expected;
	enum herr x;

	if (!change_start(&s, r, w, m, REACH_RUN, minutes_fields,
	    NFIELDS(minutes_fields)) || !api_step_version(&s, &expected))
		goto out;
	api_take_str(&s, s.o, "", "minutes", "The minutes", p->minutes,
	    sizeof(p->minutes));
	if (!api_step_begin(&s))
		goto out;
	x = record_minutes_save(r->st, m->id, p->minutes, expected, &s.cx,
	    &s.d);
	change_commit(&s, m, x, 200, x == HERR_OK ? plan_plain(r, p) : NULL);
out:
	api_step_end(&s);
	meeting_free(p);
	meeting_free(m);
}

static const struct jfield send_fields[] = {
	{ "doc", J_STRING },
	{ "audience", J_STRING },
	{ "method", J_STRING },
	{ "recipients", J_STRING_NULL },
	{ "sent_at", J_STRING_NULL },
};

/* An RFC 3339 UTC time ("2026-12-03T14:05:00Z") into unix seconds. */
static bool
parse_time(const char *v, int64_t *out)
{
	int y, mo, d, h, mi, sec;
	char z, end;
	hday day;

	if (sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%c%c", &y, &mo, &d, &h, &mi,
	    &sec, &z, &end) != 7 || z != 'Z' || h > 23 || mi > 59 ||
	    sec > 60 || h < 0 || mi < 0 || sec < 0 ||
	    hdate_from_ymd(y, mo, d, &day) != HERR_OK)
		return false;
	*out = (int64_t)day * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}

static void
post_send(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct meeting_send sd;
	struct api_step s;
	const char *at;
	int k;

	memset(&sd, 0, sizeof(sd));
	if (!change_start(&s, r, w, m, REACH_RUN, send_fields,
	    NFIELDS(send_fields)))
		goto out;
	k = api_take_code(&s, s.o, "", "doc", "the document", true,
	    doc_kind_parse, doc_code, DOC_PLAN, DOC__COUNT);
	sd.doc = k >= 0 ? (enum doc_kind)k : DOC_PLAN;
	k = api_take_code(&s, s.o, "", "audience", "who it was sent to", true,
	    doc_audience_parse, aud_code, AUD_FAMILY, AUD__COUNT);
	sd.audience = k >= 0 ? (enum doc_audience)k : AUD_FAMILY;
	api_take_str(&s, s.o, "", "method", "How it was sent", sd.method,
	    sizeof(sd.method));
	api_take_str(&s, s.o, "", "recipients", "Who it was sent to",
	    sd.recipients, sizeof(sd.recipients));
	sd.sent_at = r->now;
	if ((at = api_member(s.o, "sent_at")) != NULL && at[0] != '\0' &&
	    !parse_time(at, &sd.sent_at))
		api_error_add(s.errors, "sent_at", "sent_at must be a time "
		    "like 2026-12-03T14:05:00Z (UTC)");
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_send_add(r->st, m->id, &sd, &s.cx, &s.d),
	    201, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

static const struct jfield feedback_fields[] = {
	{ "from", J_STRING },
	{ "name", J_STRING_NULL },
	{ "answers", J_ARRAY },
	{ "comments", J_STRING_NULL },
	{ "given_on", J_STRING },
};

static void
post_feedback(struct req *r, struct resp *w)
{
	struct meeting *m = meeting_new();
	struct feedback f;
	struct api_step s;
	json_t *a;
	int k;

	memset(&f, 0, sizeof(f));
	if (!change_start(&s, r, w, m, REACH_RUN, feedback_fields,
	    NFIELDS(feedback_fields)))
		goto out;
	k = api_take_code(&s, s.o, "", "from", "who gave the feedback", true,
	    feedback_from_parse, from_code, FEEDBACK_PARENT, FEEDBACK__COUNT);
	f.from = k >= 0 ? (enum feedback_from)k : FEEDBACK_PARENT;
	api_take_str(&s, s.o, "", "name", "The name", f.name, sizeof(f.name));
	a = json_object_get(s.o, "answers");
	if (json_array_size(a) != FEEDBACK_QUESTIONS)
		api_error_add(s.errors, "answers", "Give 4 answers, each 1 "
		    "(strongly disagree) to 5 (strongly agree) or null");
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		json_t *v = json_array_get(a, (size_t)q);

		if (v == NULL || json_is_null(v))
			f.answers[q] = 0;
		else if (json_is_integer(v) && json_integer_value(v) >= 1 &&
		    json_integer_value(v) <= 5)
			f.answers[q] = (int)json_integer_value(v);
		else {
			char field[FIELD_MAX];

			snprintf(field, sizeof(field), "answers[%d]", q);
			api_error_add(s.errors, field, "Each answer is 1 to 5, "
			    "or null for not answered");
		}
	}
	api_take_str(&s, s.o, "", "comments", "The comments", f.comments,
	    sizeof(f.comments));
	api_take_day(&s, s.o, "", "given_on", "the date it was given", true,
	    &f.given_on);
	if (!api_step_begin(&s))
		goto out;
	change_commit(&s, m, record_feedback_add(r->st, m->id, &f, &s.cx,
	    &s.d), 201, NULL);
out:
	api_step_end(&s);
	meeting_free(m);
}

const struct route api_meeting_routes[] = {
	{ "GET", "/api/v1/meetings", get_meetings, ROUTE_JSON },
	{ "GET", "/api/v1/meetings/{id}", get_meeting, ROUTE_JSON },
	{ "POST", "/api/v1/children/{id}/meetings", post_book, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/invitees", post_invitee, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/attendance", post_attendance,
	    ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/reports", post_report, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/reports/{id}/shared",
	    post_report_shared, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/participation", post_participation,
	    ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/views", post_view, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/decision", post_decision,
	    ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/plan", post_plan, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/minutes", post_minutes, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/sends", post_send, ROUTE_JSON },
	{ "POST", "/api/v1/meetings/{id}/feedback", post_feedback,
	    ROUTE_JSON },
	{ NULL, NULL, NULL, 0 },
};
