/*
 * docs.c: what each conference document says (docs.h), written as blocks
 * for the page engine (docs_layout.h), which lays them out and draws the
 * PDF.
 *
 * Two voices.  The family's versions talk to the family ("you", "we") in
 * plain words (practice-models 6.7), put the family's own words for each
 * outcome first and leave out what only the agencies need: reports, each
 * member's threshold view by agency, census codes, the scale ratings.  The
 * agencies' versions are the full record, in the order a conference record
 * is read (practice-models 6.3): the facts, attendance by agency, the
 * threshold views with reasons, the decision per child with dissent, the
 * plan with the family's words beside the agency's, the core group, the
 * reports and when they were shared, and the ratings given.
 *
 * Reads only the borrowed input: no store, no clock, no access decisions
 * (the caller has already made them).  Never builds markup from text a
 * person typed: every string reaches pango as plain text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/sos.h"
#include "docs/docs.h"
#include "docs/docs_layout.h"
#include "core/banned.h"

/* A growing buffer's ceiling: a plan or minutes with every field at its
 * maximum is well under 1 MB. */
#define DOCS_PDF_MAX ((size_t)16 * 1024 * 1024)
#define MARKING "OFFICIAL-SENSITIVE"
/* Plain-language guidance: 12 point or larger for the family; the agencies'
 * record is denser. */
#define FAMILY_PT 12.0
#define FAMILY_SPACING 1.15
#define AGENCY_PT 10.0
#define AGENCY_SPACING 1.05
#define DAY_SECONDS 86400

/* A document being written. */
struct doc {
	const struct docs_input *in;
	const struct meeting *m;
	struct layout *l;
	enum doc_kind kind;
	enum doc_audience aud;
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const weekdays[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday",
};

/* ------------------------------------------------------------- helpers */

/* A count as loaded, kept within its array. */
static int
count(int n, int max)
{
	return n < 0 ? 0 : n > max ? max : n;
}

static const char *
or_else(const char *s, const char *none)
{
	return s != NULL && s[0] != '\0' ? s : none;
}

/* "Thursday 3 December 2026", or "3 December 2026" without the weekday;
 * "" for no date. */
static const char *
long_date(struct doc *d, hday day, bool weekday)
{
	int y, m, dd;

	if (day == HDAY_NONE)
		return "";
	hdate_to_ymd(day, &y, &m, &dd);
	if (m < 1 || m > 12)
		return "";
	if (!weekday)
		return layout_printf(d->l, "%d %s %d", dd, months[m - 1], y);
	return layout_printf(d->l, "%s %d %s %d",
	    weekdays[hdate_weekday(day)], dd, months[m - 1], y);
}

/* GOV.UK style: "10am", "2:30pm", "midday". */
static const char *
clock_time(struct doc *d, int minute)
{
	int h = minute / 60, mm = minute % 60, h12;

	if (minute < 0 || minute >= 24 * 60)
		return "";
	if (minute == 12 * 60)
		return "midday";
	if (minute == 0)
		return "midnight";
	h12 = h % 12 == 0 ? 12 : h % 12;
	if (mm == 0)
		return layout_printf(d->l, "%d%s", h12, h < 12 ? "am" : "pm");
	return layout_printf(d->l, "%d:%02d%s", h12, mm, h < 12 ? "am" : "pm");
}

/* The day of unix time t (UTC) and the seconds into it. */
static hday
utc_day(int64_t t, int64_t *secs)
{
	int64_t day = t / DAY_SECONDS;

	if (t % DAY_SECONDS < 0)
		day--;
	*secs = t - day * DAY_SECONDS;
	return (hday)day;
}

/* The last Sunday of March or October, when UK clocks change at 01:00 UTC. */
static hday
last_sunday(int year, int month)
{
	hday d;

	if (hdate_from_ymd(year, month, 31, &d) != HERR_OK)
		return HDAY_NONE;
	return d - ((int)hdate_weekday(d) + 1) % 7;
}

/* Unix time t as the UK civil day and minute (GMT, or BST between the
 * last Sundays of March and October). */
static hday
uk_local(int64_t t, int *minute)
{
	int64_t secs;
	hday day = utc_day(t, &secs);
	hday on, off;
	int y, m, dd;

	hdate_to_ymd(day, &y, &m, &dd);
	on = last_sunday(y, 3);
	off = last_sunday(y, 10);
	if (on != HDAY_NONE && off != HDAY_NONE &&
	    t >= (int64_t)on * DAY_SECONDS + 3600 &&
	    t < (int64_t)off * DAY_SECONDS + 3600)
		day = utc_day(t + 3600, &secs);
	*minute = (int)(secs / 60);
	return day;
}

static const char *
child_name(const struct doc *d, int i)
{
	if (i < 0 || i >= count(d->in->n_children, CONFERENCE_CHILDREN_MAX))
		return "the child";
	return or_else(d->in->children[i].name, "the child");
}

static int
n_children(const struct doc *d)
{
	return count(d->in->n_children, CONFERENCE_CHILDREN_MAX);
}

/* Which of the documents' children has this id: the input's children are
 * the meeting's, in order; -1 if none. */
static int
child_of(const struct doc *d, int64_t child_id)
{
	int n = count(d->m->n_children, CONFERENCE_CHILDREN_MAX);

	for (int i = 0; i < n && i < n_children(d); i++)
		if (d->m->children[i].child_id == child_id)
			return i;
	return -1;
}

/* "Zoë", "Zoë and Sam", "Zoë, Sam and Ali". */
static const char *
children_names(struct doc *d)
{
	const char *s = "";
	int n = n_children(d);

	if (n == 0)
		return "the children";
	for (int i = 0; i < n; i++)
		s = layout_printf(d->l, "%s%s%s", s, i == 0 ? "" : i == n - 1 ?
		    " and " : ", ", child_name(d, i));
	return s;
}

/* "needs" for one child, "need" for several. */
static const char *
verb_s(const struct doc *d, const char *one, const char *many)
{
	return n_children(d) == 1 ? one : many;
}

static const char *
category_text(struct doc *d, enum abuse_category c, bool code)
{
	if (c == ABUSE_NONE)
		return "Not recorded";
	if (!code)
		return abuse_category_label(c);
	return layout_printf(d->l, "%s (%s)", abuse_category_label(c),
	    abuse_category_census(c));
}

static bool
has_category(const struct docs_child *c)
{
	return c->decision == CDEC_PLAN || c->decision == CDEC_CONTINUE;
}

/* a and b as two sentences: "a. b", or "a b" when a already ends one. */
static const char *
sentences(struct doc *d, const char *a, const char *b)
{
	size_t n = strlen(a);
	bool ended = n > 0 && strchr(".!?", a[n - 1]) != NULL;

	if (b == NULL || b[0] == '\0')
		return a;
	if (n == 0)
		return b;
	return layout_printf(d->l, "%s%s %s", a, ended ? "" : ".", b);
}

/* Lines of text as paragraphs: blank lines only separate; a line that
 * starts with "- ", "* " or "• " is a list item. */
static void
text_paras(struct doc *d, const char *s)
{
	const char *p = s;

	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, '\n');
		size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *line = layout_printf(d->l, "%.*s", (int)n, p);

		while (*line == ' ' || *line == '\t' || *line == '\r')
			line++;
		if (*line == '\0')
			;
		else if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
			layout_item(d->l, 0, NULL, NULL, line + 2);
		else if (strncmp(line, "\xe2\x80\xa2 ", 4) == 0)
			layout_item(d->l, 0, NULL, NULL, line + 4);
		else
			layout_para(d->l, NULL, line);
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* ---------------------------------------------------------- the header */

static const char *
doc_title(const struct doc *d)
{
	if (d->aud == AUD_FAMILY)
		return d->kind == DOC_PLAN ? "Your child protection plan" :
		    "What happened at the child protection conference";
	return d->kind == DOC_PLAN ? "Child protection plan" :
	    "Child protection conference: minutes";
}

/* The authority, the title, who it is for and when. */
static void
title_block(struct doc *d)
{
	const struct docs_input *in = d->in;
	const char *made = "";

	if (in->authority[0] != '\0')
		layout_small(d->l, in->authority);
	layout_heading(d->l, 1, doc_title(d));
	layout_para(d->l, "For ", children_names(d));
	if (in->made_at != 0) {
		int minute;

		made = layout_printf(d->l, " Written on %s.", long_date(d,
		    uk_local(in->made_at, &minute), true));
	}
	layout_small(d->l, layout_printf(d->l, "%s on %s.%s",
	    conference_kind_label(d->m->kind), long_date(d, d->m->date, true),
	    made));
}

/* The facts of the meeting as rows (both audiences; the family's in
 * their words). */
static void
facts(struct doc *d)
{
	const struct meeting *m = d->m;
	bool fam = d->aud == AUD_FAMILY;

	if (!fam)
		layout_row(d->l, "Conference", conference_kind_label(m->kind));
	layout_row(d->l, fam ? "When" : "Date", fam ? layout_printf(d->l,
	    "%s at %s", long_date(d, m->date, true), clock_time(d, m->minute)) :
	    long_date(d, m->date, true));
	if (!fam)
		layout_row(d->l, "Time", clock_time(d, m->minute));
	layout_row(d->l, fam ? "Where" : "Place", or_else(m->place,
	    "Not recorded"));
	layout_row(d->l, fam ? "Chaired by" : "Chair", or_else(d->in->chair,
	    "Not recorded"));
	layout_row(d->l, fam ? "About" : "Children", children_names(d));
}

/* ------------------------------------------------- the family's words */

static const char *
family_decision(struct doc *d, const struct docs_child *c)
{
	if (!c->decided)
		return "The chair has not recorded a decision yet.";
	switch (c->decision) {
	case CDEC_PLAN:
		return layout_printf(d->l, "Needs a child protection plan. The "
		    "plan's category is: %s.", category_text(d, c->category,
		    false));
	case CDEC_NO_PLAN:
		return "Does not need a child protection plan.";
	case CDEC_CONTINUE:
		return layout_printf(d->l, "Still needs a child protection "
		    "plan, so the plan carries on. The plan's category is: %s.",
		    category_text(d, c->category, false));
	case CDEC_END:
		return "Does not need a child protection plan any more, so the "
		    "plan ends.";
	default:
		return "The chair has not recorded a decision yet.";
	}
}

static void
family_why(struct doc *d)
{
	const char *names = children_names(d);

	layout_heading(d->l, 2, "Why we met");
	switch (d->m->kind) {
	case CONF_REVIEW:
		layout_para(d->l, NULL, layout_printf(d->l, "We met to look at "
		    "how the child protection plan is going: what has changed, "
		    "what still worries us, and whether %s still %s a plan.",
		    names, verb_s(d, "needs", "need")));
		break;
	case CONF_TRANSFER_IN:
		layout_para(d->l, NULL, layout_printf(d->l, "We met because %s "
		    "had a child protection plan where you lived before. We "
		    "looked at whether %s still %s a plan now that you live "
		    "here.", names, names, verb_s(d, "needs", "need")));
		break;
	default:
		layout_para(d->l, NULL, layout_printf(d->l, "We met because "
		    "people were worried that %s may be harmed. Everyone at "
		    "the meeting shared what they know, so that together we "
		    "could decide whether %s %s a child protection plan to "
		    "help keep %s safe.", names, names, verb_s(d, "needs",
		    "need"),
		    n_children(d) == 1 ? "them" : "them all"));
		break;
	}
	layout_heading(d->l, 3, "What the chair decided");
	for (int i = 0; i < n_children(d); i++)
		layout_row(d->l, child_name(d, i), family_decision(d,
		    &d->in->children[i]));
}

/* The family's view of a worry, in their terms. */
static void
family_view(struct doc *d, const struct sos_pair *p)
{
	switch (p->family_view) {
	case SOS_VIEW_AGREES:
		layout_item(d->l, 0, "", NULL, "You agree with this worry.");
		break;
	case SOS_VIEW_PARTLY:
		layout_item(d->l, 0, "", "You partly agree. What you told us: ",
		    or_else(p->family_says, "-"));
		break;
	case SOS_VIEW_DISPUTES:
		layout_item(d->l, 0, "", "You do not agree. What you told us: ",
		    or_else(p->family_says, "-"));
		break;
	default:
		break;
	}
}

/* Bullets of the map's items of one kind; the number written. */
static int
map_items(struct doc *d, enum sos_item_kind k, const char *heading)
{
	const struct sos_map *map = d->in->map;
	int n = 0;

	if (map == NULL)
		return 0;
	for (int i = 0; i < count(map->n_items, SOS_ITEMS_MAX); i++) {
		if (map->items[i].kind != k)
			continue;
		if (n++ == 0 && heading != NULL)
			layout_heading(d->l, 3, heading);
		layout_item(d->l, 0, NULL, NULL, map->items[i].text);
	}
	return n;
}

static void
family_worries(struct doc *d)
{
	const struct sos_map *map = d->in->map;
	int n = 0;

	layout_heading(d->l, 2, "What we are worried about");
	if (map != NULL)
		for (int i = 0; i < count(map->n_pairs, SOS_PAIRS_MAX); i++) {
			const struct sos_pair *p = &map->pairs[i];

			layout_item(d->l, 0, NULL, NULL, p->danger);
			if (p->who_worried[0] != '\0')
				layout_item(d->l, 0, "", "Who is worried: ",
				    p->who_worried);
			family_view(d, p);
			n++;
		}
	n += map_items(d, SOS_HARM, "What has happened");
	n += map_items(d, SOS_COMPLICATING, "What makes things harder");
	if (n == 0)
		layout_para(d->l, NULL, "We talked about the worries at the "
		    "meeting. Your social worker will go through them with "
		    "you.");
}

static void
family_working(struct doc *d)
{
	int n;

	layout_heading(d->l, 2, "What is working well");
	n = map_items(d, SOS_STRENGTH, NULL);
	n += map_items(d, SOS_SAFETY, NULL);
	if (n == 0)
		layout_para(d->l, NULL, "Your social worker will talk with you "
		    "about what is already going well, and build on it.");
}

static void
family_outcomes(struct doc *d)
{
	const struct meeting *m = d->m;
	int n = count(m->n_outcomes, MEETING_OUTCOMES_MAX);

	layout_heading(d->l, 2, "What needs to happen");
	if (n == 0) {
		layout_para(d->l, NULL, "The changes the plan works towards "
		    "have not been written down yet.");
		return;
	}
	layout_para(d->l, NULL, "These are the changes the plan is working "
	    "towards. Your own words come first.");
	layout_keep(d->l);
	for (int i = 0; i < n; i++) {
		const struct plan_outcome *o = &m->outcomes[i];
		const char *num = layout_printf(d->l, "%d.", i + 1);

		if (o->family[0] != '\0') {
			layout_item(d->l, 0, num, "In your words: ", o->family);
			if (o->agency[0] != '\0')
				layout_item(d->l, 0, "", "What the "
				    "professionals said: ", o->agency);
		} else {
			layout_item(d->l, 0, num, NULL, o->agency);
		}
	}
}

static void
family_actions(struct doc *d)
{
	static const double w[] = { 0.26, 0.48, 0.26 };
	static const char *const head[] = { "Who", "What they will do",
		"By when" };
	const struct meeting *m = d->m;
	int n = count(m->n_actions, MEETING_ACTIONS_MAX);

	layout_heading(d->l, 2, "Who will do what, and by when");
	if (n == 0) {
		layout_para(d->l, NULL, "The actions have not been written "
		    "down yet.");
		return;
	}
	layout_table_row(d->l, 3, w, head, true);
	for (int i = 0; i < n; i++) {
		const struct plan_action *a = &m->actions[i];
		const char *cells[3];

		cells[0] = a->who;
		cells[1] = a->outcome > 0 ? layout_printf(d->l, "%s (for "
		    "change %d)", a->what, a->outcome) : a->what;
		cells[2] = or_else(long_date(d, a->by, true), "-");
		layout_table_row(d->l, 3, w, cells, false);
	}
}

static const char *
seen_heading(struct doc *d, bool fam)
{
	if (fam)
		return n_children(d) == 1 ? layout_printf(d->l, "When we will "
		    "see %s", child_name(d, 0)) :
		    "When we will see the children";
	return n_children(d) == 1 ? "When and where the child will be seen" :
	    "When and where the children will be seen";
}

static void
family_core(struct doc *d)
{
	const struct meeting *m = d->m;

	layout_heading(d->l, 2, "Who is in the core group");
	layout_para(d->l, NULL, "The core group is the people who work with "
	    "you to make this plan happen. You are part of it.");
	layout_keep(d->l);
	/* WT2023: the first core group within 10 working days of the ICPC. */
	if (m->kind != CONF_REVIEW)
		layout_para(d->l, NULL, "The core group will first meet within "
		    "10 working days of the conference.");
	layout_keep(d->l);
	for (int i = 0; i < count(m->n_core, MEETING_CORE_MAX); i++) {
		const struct journey_person *p = &m->core[i];
		const char *s = p->name;

		if (p->role[0] != '\0')
			s = layout_printf(d->l, "%s, %s", s, p->role);
		if (p->agency[0] != '\0')
			s = layout_printf(d->l, "%s (%s)", s, p->agency);
		layout_item(d->l, 0, NULL, NULL, s);
	}
}

static void
family_help(struct doc *d, const char *what)
{
	layout_heading(d->l, 2, "If you disagree or need help");
	layout_para(d->l, NULL, layout_printf(d->l, "If something in %s is "
	    "wrong, or you do not agree with it, tell your social worker or "
	    "the chair of the conference%s%s. What you say will be written "
	    "down.", what, d->in->chair[0] != '\0' ? ", " : "", d->in->chair));
	layout_para(d->l, NULL, layout_printf(d->l, "You can ask for %s in "
	    "another language, in larger print or read aloud to you.", what));
}

static void
family_plan(struct doc *d)
{
	const struct meeting *m = d->m;

	layout_para(d->l, NULL, layout_printf(d->l, "This plan says what needs "
	    "to change so that %s %s safe, who will help, and by when. It was "
	    "agreed at the meeting on %s.", children_names(d), verb_s(d, "is",
	    "are"), long_date(d, m->date, true)));
	family_why(d);
	family_worries(d);
	family_working(d);
	family_outcomes(d);
	family_actions(d);
	layout_heading(d->l, 2, "If things do not change");
	layout_para(d->l, NULL, or_else(m->contingency, "This has not been "
	    "written down yet."));
	layout_heading(d->l, 2, seen_heading(d, true));
	layout_para(d->l, NULL, or_else(m->child_seen, "This has not been "
	    "written down yet."));
	family_core(d);
	family_help(d, "this plan");
}

/* Names of the invitees with attendance `a`, as list items. */
static int
family_people(struct doc *d, enum attendance a)
{
	const struct meeting *m = d->m;
	int n = 0;

	for (int i = 0; i < count(m->n_invitees, MEETING_INVITEES_MAX); i++) {
		const struct invitee *v = &m->invitees[i];
		const char *s = v->name;

		if (v->attendance != a)
			continue;
		if (v->role[0] != '\0')
			s = layout_printf(d->l, "%s, %s", s, v->role);
		if (v->kind == INVITEE_AGENCY && v->agency[0] != '\0')
			s = layout_printf(d->l, "%s (%s)", s, v->agency);
		layout_item(d->l, 0, NULL, NULL, s);
		n++;
	}
	return n;
}

static void
family_minutes(struct doc *d)
{
	const struct meeting *m = d->m;

	facts(d);
	family_why(d);
	layout_heading(d->l, 2, "Who came");
	if (family_people(d, ATTEND_ATTENDED) == 0)
		layout_para(d->l, NULL, "This has not been written down yet.");
	layout_heading(d->l, 3, "Who could not come");
	if (family_people(d, ATTEND_APOLOGIES) == 0)
		layout_para(d->l, NULL, "Everyone who was asked came or has "
		    "not told us.");
	layout_heading(d->l, 2, n_children(d) == 1 ? layout_printf(d->l,
	    "How %s's views were heard", child_name(d, 0)) :
	    "How the children's views were heard");
	for (int i = 0; i < count(m->n_children, CONFERENCE_CHILDREN_MAX);
	    i++) {
		const struct meeting_child *c = &m->children[i];
		const char *s = sentences(d, participation_label(c->part),
		    c->part_note);

		if (c->advocate_accepted && c->advocate[0] != '\0')
			s = sentences(d, s, layout_printf(d->l, "Advocate: %s.",
			    c->advocate));
		layout_row(d->l, child_name(d, i), s);
	}
	layout_heading(d->l, 2, "What was said");
	text_paras(d, m->minutes);
	family_help(d, "these notes");
}

/* ------------------------------------------------ the agencies' record */

static void
agency_decisions(struct doc *d)
{
	static const double w[] = { 0.3, 0.2, 0.25, 0.25 };
	static const char *const head[] = { "Child", "Date of birth",
		"Decision", "Category" };

	layout_heading(d->l, 2, "Decision");
	layout_table_row(d->l, 4, w, head, true);
	for (int i = 0; i < n_children(d); i++) {
		const struct docs_child *c = &d->in->children[i];
		const char *cells[4];

		cells[0] = child_name(d, i);
		cells[1] = c->dob != HDAY_NONE ? long_date(d, c->dob, false) :
		    "Unborn or not known";
		cells[2] = c->decided ? conference_decision_label(c->decision) :
		    "Not decided yet";
		cells[3] = c->decided && has_category(c) ? category_text(d,
		    c->category, true) : "-";
		layout_table_row(d->l, 4, w, cells, false);
	}
	layout_row(d->l, "Dissent", or_else(d->m->dissent, "None recorded"));
}

static int
by_agency(const void *a, const void *b)
{
	const struct invitee *x = *(const struct invitee *const *)a;
	const struct invitee *y = *(const struct invitee *const *)b;
	int c;

	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if ((c = strcasecmp(x->agency, y->agency)) != 0)
		return c;
	return strcasecmp(x->name, y->name);
}

static void
agency_attendance(struct doc *d)
{
	static const double w[] = { 0.28, 0.25, 0.24, 0.23 };
	static const char *const head[] = { "Agency", "Name", "Role",
		"Attendance" };
	const struct meeting *m = d->m;
	const struct invitee *v[MEETING_INVITEES_MAX];
	int n = count(m->n_invitees, MEETING_INVITEES_MAX);
	int tally[ATTEND__COUNT] = { 0 }, agencies = 0;

	layout_heading(d->l, 2, "Attendance and apologies");
	if (n == 0) {
		layout_para(d->l, NULL, "No one was recorded as invited.");
		return;
	}
	for (int i = 0; i < n; i++)
		v[i] = &m->invitees[i];
	qsort(v, (size_t)n, sizeof(v[0]), by_agency);
	layout_table_row(d->l, 4, w, head, true);
	for (int i = 0; i < n; i++) {
		const char *cells[4];

		if ((int)v[i]->attendance >= 0 &&
		    v[i]->attendance < ATTEND__COUNT)
			tally[v[i]->attendance]++;
		/* Agencies represented (quorum): distinct, sorted. */
		if (v[i]->kind == INVITEE_AGENCY &&
		    v[i]->attendance == ATTEND_ATTENDED) {
			bool seen = false;

			for (int j = 0; j < i && !seen; j++)
				seen = v[j]->kind == INVITEE_AGENCY &&
				    v[j]->attendance == ATTEND_ATTENDED &&
				    strcasecmp(v[j]->agency, v[i]->agency) == 0;
			agencies += !seen;
		}
		cells[0] = v[i]->kind == INVITEE_AGENCY ? or_else(v[i]->agency,
		    "-") : v[i]->kind == INVITEE_FAMILY ? "Family" :
		    "Safety network";
		cells[1] = v[i]->name;
		cells[2] = or_else(v[i]->role, "-");
		cells[3] = attendance_label(v[i]->attendance);
		layout_table_row(d->l, 4, w, cells, false);
	}
	layout_small(d->l, layout_printf(d->l, "Attended: %d. Apologies: %d. "
	    "Did not attend: %d. Agencies represented: %d.",
	    tally[ATTEND_ATTENDED], tally[ATTEND_APOLOGIES],
	    tally[ATTEND_ABSENT], agencies));
}

static void
agency_participation(struct doc *d)
{
	static const double w[] = { 0.25, 0.45, 0.3 };
	static const char *const head[] = { "Child", "How they took part",
		"Advocate" };
	const struct meeting *m = d->m;

	layout_heading(d->l, 2, "The children's participation");
	layout_table_row(d->l, 3, w, head, true);
	for (int i = 0; i < count(m->n_children, CONFERENCE_CHILDREN_MAX);
	    i++) {
		const struct meeting_child *c = &m->children[i];
		const char *cells[3], *adv = "Not offered";

		cells[0] = child_name(d, i);
		cells[1] = sentences(d, participation_label(c->part),
		    c->part_note);
		if (c->advocate_offered && c->advocate_accepted)
			adv = layout_printf(d->l, "Offered %s. Accepted: %s",
			    long_date(d, c->advocate_offered_on, false),
			    or_else(c->advocate, "name not recorded"));
		else if (c->advocate_offered)
			adv = layout_printf(d->l, "Offered %s. Not accepted",
			    long_date(d, c->advocate_offered_on, false));
		cells[2] = adv;
		layout_table_row(d->l, 3, w, cells, false);
	}
}

static const struct invitee *
invitee_of(const struct meeting *m, int64_t id)
{
	for (int i = 0; i < count(m->n_invitees, MEETING_INVITEES_MAX); i++)
		if (m->invitees[i].id == id)
			return &m->invitees[i];
	return NULL;
}

static const struct agency_report *
report_of(const struct meeting *m, int64_t invitee_id)
{
	for (int i = 0; i < count(m->n_reports, MEETING_REPORTS_MAX); i++)
		if (m->reports[i].invitee_id == invitee_id)
			return &m->reports[i];
	return NULL;
}

static void
agency_reports(struct doc *d)
{
	static const double w[] = { 0.26, 0.26, 0.22, 0.26 };
	static const char *const head[] = { "Agency", "Report from",
		"Received", "Shared with the family" };
	const struct meeting *m = d->m;
	hday by = HDAY_NONE;
	int rows = 0;

	layout_heading(d->l, 2, "Reports");
	/* Local procedures (meeting.h): shared 3 working days before an
	 * ICPC, 5 before a review. */
	if (meeting_share_by(m->kind, m->date, &by) == HERR_OK)
		layout_small(d->l, layout_printf(d->l, "Reports should have "
		    "been shared with the family by %s (%d working days before "
		    "the conference).", long_date(d, by, true), m->kind ==
		    CONF_REVIEW ? MEETING_SHARE_WD_REVIEW :
		    MEETING_SHARE_WD_INITIAL));
	layout_keep(d->l);
	for (int i = 0; i < count(m->n_invitees, MEETING_INVITEES_MAX); i++) {
		const struct invitee *v = &m->invitees[i];
		const struct agency_report *r = report_of(m, v->id);
		const char *cells[4];
		int minute;

		if (v->kind != INVITEE_AGENCY || (r == NULL &&
		    !v->report_expected))
			continue;
		if (rows++ == 0)
			layout_table_row(d->l, 4, w, head, true);
		cells[0] = or_else(v->agency, "-");
		cells[1] = v->name;
		cells[2] = r == NULL ? "Not received" : r->submitted_at != 0 ?
		    long_date(d, uk_local(r->submitted_at, &minute), false) :
		    "Received";
		cells[3] = r == NULL ? "-" : r->shared_on != HDAY_NONE ?
		    long_date(d, r->shared_on, false) : "Not shared";
		layout_table_row(d->l, 4, w, cells, false);
	}
	/* A report from someone no longer on the invitation list. */
	for (int i = 0; i < count(m->n_reports, MEETING_REPORTS_MAX); i++) {
		const struct agency_report *r = &m->reports[i];
		const char *cells[4];
		int minute;

		if (invitee_of(m, r->invitee_id) != NULL)
			continue;
		if (rows++ == 0)
			layout_table_row(d->l, 4, w, head, true);
		cells[0] = "Not on the invitation list";
		cells[1] = "-";
		cells[2] = r->submitted_at != 0 ? long_date(d,
		    uk_local(r->submitted_at, &minute), false) : "Received";
		cells[3] = r->shared_on != HDAY_NONE ? long_date(d,
		    r->shared_on, false) : "Not shared";
		layout_table_row(d->l, 4, w, cells, false);
	}
	if (rows == 0)
		layout_para(d->l, NULL, "No reports were expected or "
		    "received.");
}

static void
agency_views(struct doc *d)
{
	static const double w[] = { 0.22, 0.2, 0.13, 0.45 };
	static const char *const head[] = { "Name", "Agency", "Threshold",
		"Reason" };
	const struct meeting *m = d->m;
	int nv = count(m->n_views, MEETING_VIEWS_MAX);

	layout_heading(d->l, 2, "Views on the threshold for a plan");
	layout_small(d->l, "Whether each member thinks the child is likely "
	    "to suffer significant harm (Children Act 1989, s47).");
	layout_keep(d->l);
	for (int c = 0; c < n_children(d); c++) {
		int n = 0, met = 0;

		layout_heading(d->l, 3, child_name(d, c));
		for (int i = 0; i < nv; i++) {
			const struct threshold_view *v = &m->views[i];
			const char *cells[4];

			if (child_of(d, v->child_id) != c)
				continue;
			if (n++ == 0)
				layout_table_row(d->l, 4, w, head, true);
			met += v->met;
			cells[0] = v->name;
			cells[1] = or_else(v->agency, "-");
			cells[2] = v->met ? "Met" : "Not met";
			cells[3] = v->reason;
			layout_table_row(d->l, 4, w, cells, false);
		}
		if (n == 0)
			layout_para(d->l, NULL, "No views recorded.");
		else
			layout_small(d->l, layout_printf(d->l, "%d of %d "
			    "thought the threshold was met.", met, n));
	}
}

static void
agency_outcomes(struct doc *d)
{
	static const double w[] = { 0.06, 0.47, 0.47 };
	static const char *const head[] = { "",
		"What must change (agencies' words)",
		"In the family's own words" };
	const struct meeting *m = d->m;
	int n = count(m->n_outcomes, MEETING_OUTCOMES_MAX);

	layout_heading(d->l, 2, "Outcomes");
	if (n == 0) {
		layout_para(d->l, NULL, "None recorded.");
		return;
	}
	layout_table_row(d->l, 3, w, head, true);
	for (int i = 0; i < n; i++) {
		const char *cells[3];

		cells[0] = layout_printf(d->l, "%d", i + 1);
		cells[1] = m->outcomes[i].agency;
		cells[2] = or_else(m->outcomes[i].family, "Not given");
		layout_table_row(d->l, 3, w, cells, false);
	}
}

static void
agency_actions(struct doc *d)
{
	static const double w[] = { 0.13, 0.21, 0.44, 0.22 };
	static const char *const head[] = { "Outcome", "Who", "What", "By" };
	const struct meeting *m = d->m;
	int n = count(m->n_actions, MEETING_ACTIONS_MAX);

	layout_heading(d->l, 2, "Actions");
	if (n == 0) {
		layout_para(d->l, NULL, "None recorded.");
		return;
	}
	layout_table_row(d->l, 4, w, head, true);
	for (int i = 0; i < n; i++) {
		const struct plan_action *a = &m->actions[i];
		const char *cells[4];

		cells[0] = a->outcome > 0 ? layout_printf(d->l, "%d",
		    a->outcome) : "-";
		cells[1] = a->who;
		cells[2] = a->what;
		cells[3] = or_else(long_date(d, a->by, true), "-");
		layout_table_row(d->l, 4, w, cells, false);
	}
}

static void
agency_core(struct doc *d)
{
	static const double w[] = { 0.34, 0.33, 0.33 };
	static const char *const head[] = { "Name", "Role", "Agency" };
	const struct meeting *m = d->m;
	int n = count(m->n_core, MEETING_CORE_MAX);

	layout_heading(d->l, 2, "Core group");
	/* WT2023: the first core group within 10 working days of the ICPC. */
	if (m->kind != CONF_REVIEW)
		layout_small(d->l, "First core group meeting within 10 working "
		    "days of the conference (Working Together 2023).");
	layout_keep(d->l);
	if (n == 0) {
		layout_para(d->l, NULL, "None recorded.");
		return;
	}
	layout_table_row(d->l, 3, w, head, true);
	for (int i = 0; i < n; i++) {
		const char *cells[3];

		cells[0] = m->core[i].name;
		cells[1] = or_else(m->core[i].role, "-");
		cells[2] = or_else(m->core[i].agency, "-");
		layout_table_row(d->l, 3, w, cells, false);
	}
}

/* The map worked through at the conference. */
static void
agency_map(struct doc *d)
{
	static const double w[] = { 0.5, 0.3, 0.2 };
	static const char *const head[] = { "Next step", "Who", "By" };
	const struct sos_map *map = d->in->map;

	if (map == NULL)
		return;
	layout_heading(d->l, 2, "The Signs of Safety map");
	if (map->made_on != HDAY_NONE)
		layout_small(d->l, layout_printf(d->l, "As it stood on %s.",
		    long_date(d, map->made_on, true)));
	layout_keep(d->l);
	for (int i = 0; i < count(map->n_pairs, SOS_PAIRS_MAX); i++) {
		const struct sos_pair *p = &map->pairs[i];
		const char *view = sos_family_view_label(p->family_view);

		layout_heading(d->l, 3, layout_printf(d->l, "Danger statement "
		    "%d", i + 1));
		layout_row(d->l, "Danger statement", p->danger);
		layout_row(d->l, "Who is worried", or_else(p->who_worried,
		    "-"));
		if (p->family_says[0] != '\0')
			view = layout_printf(d->l, "%s: %s", view,
			    p->family_says);
		layout_row(d->l, "The family's view", view);
		layout_row(d->l, "Safety goal (agencies)",
		    or_else(p->goal_agency, "-"));
		layout_row(d->l, "Safety goal (family's words)",
		    or_else(p->goal_family, "Not given"));
		if (p->sustain[0] != '\0')
			layout_row(d->l, "Sustained", p->sustain);
	}
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		(void)map_items(d, (enum sos_item_kind)k,
		    sos_item_kind_label((enum sos_item_kind)k));
	if (count(map->n_steps, SOS_STEPS_MAX) > 0) {
		layout_heading(d->l, 3, "Next steps");
		layout_table_row(d->l, 3, w, head, true);
	}
	for (int i = 0; i < count(map->n_steps, SOS_STEPS_MAX); i++) {
		const struct sos_step *s = &map->steps[i];
		const char *cells[3];

		cells[0] = s->what;
		cells[1] = s->who;
		cells[2] = or_else(long_date(d, s->by, false), "-");
		layout_table_row(d->l, 3, w, cells, false);
	}
}

static void
agency_ratings(struct doc *d)
{
	static const double w6[] = { 0.15, 0.15, 0.15, 0.11, 0.09, 0.35 };
	static const char *const head6[] = { "Child", "Person", "Agency",
		"Scale", "Rating", "Reason" };
	static const double w5[] = { 0.18, 0.18, 0.13, 0.09, 0.42 };
	const struct docs_input *in = d->in;
	bool several = n_children(d) > 1;
	int n = in->ratings != NULL ? in->n_ratings : 0;

	if (n <= 0)
		return;
	layout_heading(d->l, 2, "Safety scale ratings at the conference");
	layout_small(d->l, "0 means things are so unsafe that the child "
	    "cannot stay at home; 10 means everyone knows the child is safe "
	    "enough for the case to close.");
	layout_keep(d->l);
	layout_table_row(d->l, several ? 6 : 5, several ? w6 : w5, several ?
	    head6 : head6 + 1, true);
	for (int i = 0; i < n; i++) {
		const struct sos_rating *r = &in->ratings[i];
		const char *cells[6];
		int c = 0;

		if (several)
			cells[c++] = child_name(d, child_of(d, r->child_id));
		cells[c++] = r->rater;
		cells[c++] = r->kind == RATER_PROFESSIONAL ? or_else(r->agency,
		    "-") : sos_rater_label(r->kind);
		cells[c++] = r->pair == 0 ? "Overall" : layout_printf(d->l,
		    "Danger statement %d", r->pair);
		cells[c++] = layout_printf(d->l, "%d", r->value);
		cells[c++] = r->reason;
		layout_table_row(d->l, c, several ? w6 : w5, cells, false);
	}
}

static void
agency_plan(struct doc *d)
{
	const struct meeting *m = d->m;

	facts(d);
	agency_decisions(d);
	agency_outcomes(d);
	agency_actions(d);
	layout_heading(d->l, 2, "Contingency plan");
	layout_para(d->l, NULL, or_else(m->contingency, "None recorded."));
	layout_heading(d->l, 2, seen_heading(d, false));
	layout_para(d->l, NULL, or_else(m->child_seen, "None recorded."));
	agency_core(d);
	agency_map(d);
	agency_ratings(d);
}

static void
agency_minutes(struct doc *d)
{
	facts(d);
	agency_attendance(d);
	agency_participation(d);
	agency_reports(d);
	agency_views(d);
	agency_decisions(d);
	layout_heading(d->l, 2, "Minutes");
	text_paras(d, d->m->minutes);
	agency_ratings(d);
}

/* -------------------------------------------------------------- public */

static const char *const kind_slug[DOC__COUNT] = {
	[DOC_PLAN] = "child-protection-plan",
	[DOC_MINUTES] = "conference-minutes",
};

void
docs_release_caches(void)
{
	layout_release_caches();
}

void
docs_filename(enum doc_kind doc, enum doc_audience aud, hday date,
    char *buf, size_t cap)
{
	const char *k = (int)doc >= 0 && doc < DOC__COUNT ? kind_slug[doc] :
	    "conference-document";
	const char *a = doc_audience_code(aud);
	char iso[HDATE_LEN] = "";

	if (cap == 0)
		return;
	if (date != HDAY_NONE)
		hdate_format(date, iso);
	snprintf(buf, cap, "%s%s%s%s%s.pdf", k, iso[0] ? "-" : "", iso,
	    a[0] ? "-" : "", a);
}

enum herr
docs_render(enum doc_kind doc, enum doc_audience aud,
    const struct docs_input *in, char **pdf, size_t *len, struct hdiag *diag)
{
	enum herr rc = HERR_INVALID;
	struct doc d = { .in = in, .kind = doc, .aud = aud };
	struct layout_meta meta = { .marking = MARKING, .subject = MARKING };
	bool fam = aud == AUD_FAMILY;
	char created[32] = "";
	const char *what;

	*pdf = NULL;
	*len = 0;
	if (in == NULL || in->m == NULL)
		return hdiag_set(diag, HERR_INVALID, "meeting", NULL,
		    "There is no conference to make a document from");
	if ((int)doc < 0 || doc >= DOC__COUNT)
		return hdiag_set(diag, HERR_INVALID, "doc", NULL, "Choose the "
		    "plan or the minutes");
	if ((int)aud < 0 || aud >= AUD__COUNT)
		return hdiag_set(diag, HERR_INVALID, "audience", NULL, "Choose "
		    "the family's or the agencies' version");
	if (in->n_ratings > 0 && in->ratings == NULL)
		return hdiag_set(diag, HERR_INVALID, "ratings", NULL, "The "
		    "ratings are missing");
	d.m = in->m;
	if (doc == DOC_PLAN && d.m->plan_saved_at == 0)
		return hdiag_set(diag, HERR_INVALID, "plan", NULL,
		    "There is no plan to print: the plan for this conference "
		    "has not been saved yet");
	if (doc == DOC_MINUTES && d.m->minutes_saved_at == 0)
		return hdiag_set(diag, HERR_INVALID, "minutes", NULL,
		    "There are no minutes to print: the minutes of this "
		    "conference have not been saved yet");

	d.l = layout_new(fam ? FAMILY_PT : AGENCY_PT, fam ? FAMILY_SPACING :
	    AGENCY_SPACING);
	title_block(&d);
	if (doc == DOC_PLAN && fam)
		family_plan(&d);
	else if (doc == DOC_PLAN)
		agency_plan(&d);
	else if (fam)
		family_minutes(&d);
	else
		agency_minutes(&d);

	what = doc == DOC_PLAN ? "Child protection plan" : "Conference minutes";
	meta.title = layout_printf(d.l, "%s %s, conference on %s", what, fam ?
	    "for the family" : "for agencies", long_date(&d, d.m->date, true));
	meta.footer = layout_printf(d.l, "%s, %s", what, long_date(&d,
	    d.m->date, false));
	meta.author = in->authority;
	if (in->made_at != 0) {
		int64_t secs;
		hday day = utc_day(in->made_at, &secs);
		size_t n = strlen(hdate_format(day, created));

		snprintf(created + n, sizeof(created) - n, "T%02d:%02d:%02dZ",
		    (int)(secs / 3600), (int)(secs / 60 % 60),
		    (int)(secs % 60));
		meta.created = created;
	}
	rc = layout_render(d.l, &meta, DOCS_PDF_MAX, pdf, len, diag);
	layout_free(d.l);
	return rc;
}
