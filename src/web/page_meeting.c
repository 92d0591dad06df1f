/*
 * page_meeting.c: child protection conferences as meetings (meeting.h) on
 * pages of their own: the conference's page (a GOV.UK task list in three
 * parts, before, at and after the conference, with everything recorded
 * beneath it), the chair's view of conferences to come and of plans and
 * minutes still to send, the "Conferences" section of a child's record and
 * the plan and minutes as PDF documents for the family and for agencies.
 * The forms are in page_meeting_form.c (the engine and the booking) and
 * page_meeting_run.c (from the day itself on).
 *
 * Who reaches a meeting is meeting_access.h's one decision, shared with
 * the API: local-authority staff need ACCESS_VIEW on every child to see it
 * and ACCESS_CONFERENCE on every child to change it (a chair has both
 * through chairing it).  A partner practitioner invited to it (themselves,
 * or their agency) sees only when and where it is, who it is about, their
 * own agency's report and the agencies' documents: never another agency's
 * report, the views, the map or the record.  Everyone else gets the 404 of a meeting that does not exist, on
 * every route.  Every page that shows a meeting is audited, one row per
 * child, before it is written; a document downloaded is audited as a print.
 *
 * This file decides nothing about conferences: warnings, deadlines and the
 * 72-hour distribution are meeting.h's.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/mem.h"
#include "core/sos.h"
#include "docs/docs.h"
#include "store/store_auth.h"
#include "store/store_journey.h"
#include "store/store_meeting.h"
#include "store/store_sos.h"
#include "web/meeting_access.h"
#include "web/page_meeting.h"
#include "web/page_meeting_int.h"
#include "web/page_sos.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define RATINGS_MAX 200		/* ratings drawn on one conference's chart */
#define LIST_MAX 100		/* rows of one list on the chair's view */
#define SCAN_MAX 200		/* meetings looked at for someone's list */
#define SECTION_MAX 50		/* a child's conferences on the record */
#define CHAIR_DAYS 56		/* the chair's view looks 8 weeks ahead */
#define CHAIR_BACK_DAYS 28	/* and back 4 weeks for conferences held
				 * whose decision is not recorded yet */
#define PARTNER_PAST_DAYS 120	/* a partner sees conferences this recent */
#define HISTORY_MAX 40		/* map revisions searched for a meeting's */

/* ============================================================ helpers */

static bool
space(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
}

const char *
mp_clock(int minute, char *buf, size_t cap)
{
	if (minute < 0 || minute >= 24 * 60)
		minute = 0;
	snprintf(buf, cap, "%02d:%02d", minute / 60, minute % 60);
	return buf;
}

int
mp_parse_clock(const char *s)
{
	const char *p = text_nz(s), *d0;
	int nd = 0, v = 0, h, m = 0;
	char ap = 0;

	while (*p == ' ')
		p++;
	d0 = p;
	while (*p >= '0' && *p <= '9' && nd < 5) {
		v = v * 10 + (*p - '0');
		p++;
		nd++;
	}
	if (nd == 0 || (*p >= '0' && *p <= '9'))
		return -1;
	if (*p == ':' || *p == '.') {
		if (nd > 2 || !(p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
		    p[2] <= '9'))
			return -1;
		h = v;
		m = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
	} else if (nd <= 2)
		h = v;
	else if (nd <= 4 && d0[0] != '\0') {
		h = v / 100;
		m = v % 100;
	} else
		return -1;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "am", 2) == 0 || strncasecmp(p, "pm", 2) == 0) {
		ap = (char)(p[0] | 0x20);
		p += 2;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0' || m > 59)
		return -1;
	if (ap != 0) {
		if (h < 1 || h > 12)
			return -1;
		if (ap == 'a' && h == 12)
			h = 0;
		else if (ap == 'p' && h != 12)
			h += 12;
	}
	if (h > 23)
		return -1;
	return h * 60 + m;
}

static void
split_day(int64_t t, hday *day, int *minute)
{
	int64_t d = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);

	*day = (hday)d;
	*minute = (int)((t - d * 86400) / 60);
}

void
mp_uk_local(int64_t t, hday *day, int *minute)
{
	int64_t tt = t - (((t % 60) + 60) % 60);

	/* British Summer Time when an hour ahead reads back as t. */
	split_day(tt + 3600, day, minute);
	if (meeting_start_utc(*day, *minute) != tt)
		split_day(tt, day, minute);
}

const char *
mp_when(int64_t t, char *buf, size_t cap)
{
	char d[40], c[8];
	hday day;
	int minute;

	mp_uk_local(t, &day, &minute);
	snprintf(buf, cap, "%s at %s", ui_date_long(day, d, sizeof(d)),
	    mp_clock(minute, c, sizeof(c)));
	return buf;
}

const char *
mp_meeting_when(const struct meeting *m, char *buf, size_t cap)
{
	static const char *const days[] = { "Monday", "Tuesday", "Wednesday",
		"Thursday", "Friday", "Saturday", "Sunday" };
	char d[40], c[8];
	int wd = (int)hdate_weekday(m->date);

	snprintf(buf, cap, "%s %s at %s", wd >= 0 && wd < 7 ? days[wd] : "",
	    ui_date_long(m->date, d, sizeof(d)), mp_clock(m->minute, c,
	    sizeof(c)));
	return buf;
}

const char *
mp_hours(int64_t h, char *buf, size_t cap)
{
	if (h < 0)
		h = 0;
	snprintf(buf, cap, "%" PRId64 " hour%s", h, h == 1 ? "" : "s");
	return buf;
}

const char *
mp_sent_status(const struct meeting_distribution *d, bool held, char *buf,
    size_t cap, bool *late)
{
	char hb[32];

	*late = false;
	if (!held) {
		snprintf(buf, cap, "Cannot start yet");
		return buf;
	}
	mp_hours(d->hours, hb, sizeof(hb));
	if (d->all_sent) {
		*late = !d->within;
		snprintf(buf, cap, "Sent %s after%s", hb, d->within ? "" :
		    " (later than 72 hours)");
	} else if (d->overdue) {
		*late = true;
		snprintf(buf, cap, "Overdue: not all sent, %s since the "
		    "conference", hb);
	} else
		snprintf(buf, cap, "Not all sent: %s since the conference", hb);
	return buf;
}

/* Text keeping its line breaks (a CR before a LF is dropped). */
void
mp_lines(struct html *h, const char *s)
{
	const char *p = text_nz(s);

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");
		size_t k = n;

		if (k > 0 && p[k - 1] == '\r')
			k--;
		html_textn(h, p, k);
		p += n;
		if (*p == '\n') {
			p++;
			if (*p != '\0')
				html_lit(h, "<br>");
		}
	}
}

/* Longer text as paragraphs, one per blank-line-separated block. */
void
mp_paras(struct html *h, const char *s)
{
	const char *p = text_nz(s);

	while (*p != '\0') {
		const char *e = p, *next;

		/* The end of this block: a line break followed by an empty
		 * line. */
		for (;;) {
			const char *nl = strchr(e, '\n');
			const char *q;

			if (nl == NULL) {
				e = p + strlen(p);
				next = e;
				break;
			}
			q = nl + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			if (*q == '\n') {
				e = nl;
				next = q + 1;
				break;
			}
			e = nl + 1;
		}
		while (e > p && space(e[-1]))
			e--;
		while (p < e && space(*p))
			p++;
		if (e > p) {
			char *blk = xmalloc((size_t)(e - p) + 1);

			memcpy(blk, p, (size_t)(e - p));
			blk[e - p] = '\0';
			html_lit(h, "<p class=\"govuk-body\">");
			mp_lines(h, blk);
			html_lit(h, "</p>");
			free(blk);
		}
		p = next;
		while (space(*p))
			p++;
	}
}

static void
row_open(struct html *h, const char *key)
{
	html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\""
	    "govuk-summary-list__key\">");
	html_text(h, key);
	html_lit(h, "</dt><dd class=\"govuk-summary-list__value\">");
}

static void
row_close(struct html *h)
{
	html_lit(h, "</dd></div>");
}

static void
heading2(struct html *h, const char *id, const char *text)
{
	html_lit(h, "<h2 class=\"govuk-heading-m\"");
	html_attr(h, "id", id);
	html_lit(h, ">");
	html_text(h, text);
	html_lit(h, "</h2>\n");
}

static void
heading3(struct html *h, const char *text)
{
	html_lit(h, "<h3 class=\"govuk-heading-s\">");
	html_text(h, text);
	html_lit(h, "</h3>\n");
}

/* A child's full name (store_child_get); "Child N" when it cannot be
 * read. */
static void
child_name(struct store *st, int64_t id, char out[UI_NAME_LEN], hday *dob)
{
	struct child ch;

	if (store_child_get(st, id, &ch) == HERR_OK) {
		ui_full_name(out, ch.given_name, ch.family_name);
		if (dob != NULL)
			*dob = ch.birth_date;
	} else {
		snprintf(out, UI_NAME_LEN, "Child %" PRId64, id);
		if (dob != NULL)
			*dob = HDAY_NONE;
	}
}

static void
staff_name(struct store *st, int64_t id, char out[UI_NAME_LEN])
{
	struct staff s;

	if (id > 0 && store_staff_get(st, id, &s) == HERR_OK)
		ui_full_name(out, s.given_name, s.family_name);
	else
		out[0] = '\0';
}

/* The names of the children of a list row, "A and B". */
static void
summary_names(struct store *st, const struct meeting_summary *s, char *buf,
    size_t cap)
{
	char n[UI_NAME_LEN];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->n_children && len + 1 < cap; i++) {
		const char *sep = i == 0 ? "" : i == s->n_children - 1 ?
		    " and " : ", ";
		int k;

		child_name(st, s->child_ids[i], n, NULL);
		k = snprintf(buf + len, cap - len, "%s%s", sep, n);
		if (k < 0)
			break;
		len += (size_t)k < cap - len ? (size_t)k : cap - len - 1;
	}
}

/* ============================================================ access */

/* The level of meeting_access.h's reach, the one decision the pages and
 * the API share. */
static enum mc_level
reach_level(enum meeting_reach reach)
{
	switch (reach) {
	case REACH_RUN:
		return MC_RUN;
	case REACH_VIEW:
		return MC_VIEW;
	case REACH_INVITED:
		return MC_PARTNER;
	default:
		return MC_NONE;
	}
}

/* A loaded meeting's level for this user (lists: no break-glass). */
static enum mc_level
level_of(struct req *r, const struct meeting *m)
{
	return reach_level(web_meeting_reach(r, m, NULL));
}

bool
mc_open(struct mc *c, struct req *r, struct resp *w, int64_t id,
    enum mc_level need)
{
	struct meeting *m;
	int64_t glass = 0;
	enum herr e;

	memset(c, 0, sizeof(*c));
	c->r = r;
	c->w = w;
	c->m = m = meeting_new();
	e = store_meeting_get(r->st, id, m);
	if (!web_found(r, w, e))
		return false;
	if (m->n_children < 1) {
		web_not_found(r, w);
		return false;
	}
	c->level = reach_level(web_meeting_reach(r, m, &glass));
	if (c->level < need) {
		if (c->level == MC_VIEW)
			web_forbidden(r, w, "Only the children's social worker, "
			    "their team manager or the conference's chair can "
			    "change a conference.");
		else if (c->level == MC_NONE && glass > 0)
			/* A restricted record the person has a reason to
			 * open: they give it first. */
			web_redirect(w, "/children/%" PRId64 "/break-glass",
			    glass);
		else
			web_not_found(r, w);
		return false;
	}
	for (int i = 0; i < m->n_children; i++)
		child_name(r->st, m->children[i].child_id, c->names[i],
		    &c->dobs[i]);
	staff_name(r->st, m->chair_id, c->chair);
	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++)
		c->own[i] = web_meeting_own_invitee(r, &m->invitees[i]);
	return true;
}

void
mc_close(struct mc *c)
{
	meeting_free(c->m);
	c->m = NULL;
}

static bool
audit_all(struct mc *c, enum audit_action action)
{
	for (int i = 0; i < c->m->n_children; i++)
		if (!web_audit(c->r, action, SUBJECT_CHILD,
		    c->m->children[i].child_id, NULL)) {
			web_unavailable(c->r, c->w);
			return false;
		}
	return true;
}

bool
mc_audit_view(struct mc *c)
{
	return audit_all(c, AUDIT_VIEW);
}

bool
mc_audit_print(struct mc *c)
{
	return audit_all(c, AUDIT_PRINT);
}

bool
mc_commit(struct mc *c, enum audit_action action)
{
	struct audit_row rows[CONFERENCE_CHILDREN_MAX];
	int n = 0;

	for (int i = 0; i < c->m->n_children && n < CONFERENCE_CHILDREN_MAX;
	    i++)
		web_audit_row(c->r, &rows[n++], action, SUBJECT_CHILD,
		    c->m->children[i].child_id, NULL);
	if (store_audit_append(c->r->st, rows, n) != HERR_OK ||
	    store_commit(c->r->st) != HERR_OK) {
		store_rollback(c->r->st);
		web_unavailable(c->r, c->w);
		return false;
	}
	return true;
}

int
mc_child_index(const struct mc *c, int64_t child_id)
{
	for (int i = 0; i < c->m->n_children; i++)
		if (c->m->children[i].child_id == child_id)
			return i;
	return -1;
}

int
mc_invitee_index(const struct meeting *m, int64_t invitee_id)
{
	for (int i = 0; i < m->n_invitees; i++)
		if (m->invitees[i].id == invitee_id)
			return i;
	return -1;
}

const struct agency_report *
mc_report_for(const struct meeting *m, int64_t invitee_id)
{
	for (int i = 0; i < m->n_reports; i++)
		if (m->reports[i].invitee_id == invitee_id)
			return &m->reports[i];
	return NULL;
}

const struct agency_report *
mc_report(const struct meeting *m, int64_t id)
{
	for (int i = 0; i < m->n_reports; i++)
		if (m->reports[i].id == id)
			return &m->reports[i];
	return NULL;
}

const struct invitee *
mc_report_invitee(const struct meeting *m, const struct agency_report *rp)
{
	int k = mc_invitee_index(m, rp->invitee_id);

	return k >= 0 ? &m->invitees[k] : NULL;
}

void
mc_names(const struct mc *c, char *buf, size_t cap)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < c->m->n_children && len + 1 < cap; i++) {
		const char *sep = i == 0 ? "" : i == c->m->n_children - 1 ?
		    " and " : ", ";
		int k = snprintf(buf + len, cap - len, "%s%s", sep,
		    c->names[i]);

		if (k < 0)
			break;
		len += (size_t)k < cap - len ? (size_t)k : cap - len - 1;
	}
}

/* ===================================================== saved banners */

static const struct {
	const char *key, *title;
} saved_msgs[] = {
	{ "meeting-booked", "Conference booked" },
	{ "meeting-changed", "Booking details saved" },
	{ "meeting-cancelled", "Conference cancelled" },
	{ "meeting-invited", "Invitation recorded" },
	{ "meeting-attendance", "Attendance saved" },
	{ "meeting-participation", "How the child takes part saved" },
	{ "meeting-report", "Report saved" },
	{ "meeting-shared", "Report marked as shared with the family" },
	{ "meeting-view", "View on the threshold recorded" },
	{ "meeting-decision", "The chair's decision recorded" },
	{ "meeting-plan", "Plan saved" },
	{ "meeting-minutes", "Minutes saved" },
	{ "meeting-sent", "Sending recorded" },
	{ "meeting-feedback", "Feedback recorded" },
};

const char *
meeting_saved_title(const char *key)
{
	for (size_t i = 0; key != NULL &&
	    i < sizeof(saved_msgs) / sizeof(saved_msgs[0]); i++)
		if (strcmp(key, saved_msgs[i].key) == 0)
			return saved_msgs[i].title;
	return NULL;
}

static void
saved_banner(struct req *r, struct html *h)
{
	const char *t = meeting_saved_title(form_get(&r->query, "saved"));

	if (t != NULL)
		ui_success(h, t, NULL);
}

/* ========================================================= task list */

struct task {
	char name[200];
	char href[200];		/* "": not a link */
	char hint[200];
	char status[160];
	const char *tag;	/* a tag colour, or NULL for plain text */
	bool cannot;		/* cannot start yet */
};

#define TASKS_MAX (8 + CONFERENCE_CHILDREN_MAX)

static void
task_list(struct html *h, const char *id, const struct task *t, int n)
{
	html_lit(h, "<ul class=\"govuk-task-list\">");
	for (int i = 0; i < n; i++) {
		bool link = t[i].href[0] != '\0';

		html_lit(h, "<li class=\"govuk-task-list__item");
		if (link)
			html_lit(h, " govuk-task-list__item--with-link");
		html_lit(h, "\"><div class=\"govuk-task-list__name-and-hint\">");
		if (link) {
			html_lit(h, "<a class=\"govuk-link govuk-task-list__"
			    "link\"");
			html_attr(h, "href", t[i].href);
			if (t[i].hint[0] != '\0')
				html_attrf(h, "aria-describedby", "%s-%d-hint "
				    "%s-%d-status", id, i, id, i);
			else
				html_attrf(h, "aria-describedby", "%s-%d-status",
				    id, i);
			html_lit(h, ">");
			html_text(h, t[i].name);
			html_lit(h, "</a>");
		} else {
			html_lit(h, "<div>");
			html_text(h, t[i].name);
			html_lit(h, "</div>");
		}
		if (t[i].hint[0] != '\0') {
			html_lit(h, "<div class=\"govuk-task-list__hint\"");
			html_attrf(h, "id", "%s-%d-hint", id, i);
			html_lit(h, ">");
			html_text(h, t[i].hint);
			html_lit(h, "</div>");
		}
		html_lit(h, "</div><div");
		html_attr(h, "class", t[i].cannot ? "govuk-task-list__status "
		    "govuk-task-list__status--cannot-start-yet" :
		    "govuk-task-list__status");
		html_attrf(h, "id", "%s-%d-status", id, i);
		html_lit(h, ">");
		if (t[i].tag != NULL)
			ui_tag(h, t[i].status, t[i].tag);
		else
			html_text(h, t[i].status);
		html_lit(h, "</div></li>");
	}
	html_lit(h, "</ul>\n");
}

static struct task *task_add(struct task *t, int *n, const char *fmt, ...)
    HEARTH_PRINTF(3, 4);

/* A new task named from fmt (the lists are shorter than TASKS_MAX; were
 * one not, its last task would be written over rather than overflow). */
static struct task *
task_add(struct task *t, int *n, const char *fmt, ...)
{
	struct task *x = &t[*n < TASKS_MAX ? (*n)++ : TASKS_MAX - 1];
	va_list ap;

	memset(x, 0, sizeof(*x));
	va_start(ap, fmt);
	vsnprintf(x->name, sizeof(x->name), fmt, ap);
	va_end(ap);
	return x;
}

static void task_href(struct task *t, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);

static void
task_href(struct task *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->href, sizeof(t->href), fmt, ap);
	va_end(ap);
}

static void task_status(struct task *t, const char *tag, const char *fmt,
    ...) HEARTH_PRINTF(3, 4);

static void
task_status(struct task *t, const char *tag, const char *fmt, ...)
{
	va_list ap;

	t->tag = tag;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
}

static void task_hint(struct task *t, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);

static void
task_hint(struct task *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->hint, sizeof(t->hint), fmt, ap);
	va_end(ap);
}

static void
task_cannot(struct task *t, const char *why)
{
	t->href[0] = '\0';
	t->tag = NULL;
	t->cannot = true;
	text_cut(t->status, sizeof(t->status), why);
}

/* ================================================= the conference page */

/* What the page shows beside the meeting, read once. */
struct extra {
	struct journey *j;		/* the first child's, when held */
	const struct conference *conf;	/* the decision, in j */
	struct sos_map *map;		/* the latest map; NULL if none */
	struct sos_rating *ratings;	/* given at this meeting */
	int nratings;
	struct meeting_distribution dist;
	struct sos_warnings warn;
	int reports_expected, reports_in, reports_shared;
	hday share_by;			/* HDAY_NONE if not known */
};

static void
extra_free(struct extra *x)
{
	journey_free(x->j);
	sos_map_free(x->map);
	free(x->ratings);
	memset(x, 0, sizeof(*x));
}

static const struct conference_child *
conference_part(const struct conference *cf, int64_t child_id)
{
	for (int i = 0; cf != NULL && i < cf->n_children; i++)
		if (cf->children[i].child_id == child_id)
			return &cf->children[i];
	return NULL;
}

/* Read what the page needs beside the meeting (`sos`: the map and the
 * ratings too); false on a store failure. */
static bool
extra_load(struct mc *c, struct extra *x, bool sos)
{
	const struct meeting *m = c->m;
	int64_t first = m->children[0].child_id;
	enum herr e;

	memset(x, 0, sizeof(*x));
	x->share_by = HDAY_NONE;
	if (m->conference_id > 0) {
		x->j = journey_new();
		if (store_journey_load(c->r->st, first, x->j, NULL) != HERR_OK)
			return false;
		for (int i = 0; i < x->j->n_conferences; i++)
			if (x->j->conferences[i].id == m->conference_id)
				x->conf = &x->j->conferences[i];
	}
	if (sos) {
		x->map = sos_map_new();
		e = store_map_latest(c->r->st, first, x->map);
		if (e == HERR_NOTFOUND) {
			sos_map_free(x->map);
			x->map = NULL;
		} else if (e != HERR_OK)
			return false;
		x->ratings = xcalloc(RATINGS_MAX, sizeof(*x->ratings));
		if (store_ratings_meeting(c->r->st, m->id, 0, x->ratings,
		    RATINGS_MAX, &x->nratings) != HERR_OK)
			return false;
	}
	meeting_distribution(m, c->r->now, &x->dist);
	if (m->status == MEETING_BOOKED)
		meeting_warnings(m, c->dobs, c->r->today, &x->warn);
	for (int i = 0; i < m->n_invitees; i++) {
		const struct invitee *v = &m->invitees[i];
		const struct agency_report *rp;

		if (v->kind != INVITEE_AGENCY || !v->report_expected)
			continue;
		x->reports_expected++;
		if ((rp = mc_report_for(m, v->id)) != NULL) {
			x->reports_in++;
			if (rp->shared_on != HDAY_NONE)
				x->reports_shared++;
		}
	}
	if (meeting_share_by(m->kind, m->date, &x->share_by) != HERR_OK)
		x->share_by = HDAY_NONE;
	return true;
}

/* The child's age in whole years on the day of the conference, or -1. */
static int
age_on_day(const struct mc *c, int i)
{
	if (c->dobs[i] == HDAY_NONE || c->dobs[i] > c->m->date)
		return -1;
	return hdate_age_years(c->dobs[i], c->m->date);
}

static void
before_tasks(const struct mc *c, const struct extra *x, bool run,
    struct task *t, int *n)
{
	const struct meeting *m = c->m;
	bool booked = m->status == MEETING_BOOKED;
	bool past = x->share_by != HDAY_NONE && c->r->today > x->share_by;
	int fam = 0, net = 0, ag = 0;
	struct task *k;
	char d[40];

	for (int i = 0; i < m->n_invitees; i++) {
		if (m->invitees[i].kind == INVITEE_FAMILY)
			fam++;
		else if (m->invitees[i].kind == INVITEE_NETWORK)
			net++;
		else
			ag++;
	}
	k = task_add(t, n, "Invite the family, their network and agencies");
	if (run && booked)
		task_href(k, "/conferences/%" PRId64 "/invitees/new", m->id);
	task_hint(k, "%d family, %d network, %d agenc%s", fam, net, ag,
	    ag == 1 ? "y" : "ies");
	if (m->n_invitees == 0)
		task_status(k, "blue", "Not started");
	else if (fam == 0)
		task_status(k, "yellow", "No family invited");
	else
		task_status(k, NULL, "%d invited", m->n_invitees);

	k = task_add(t, n, "Agency reports, shared with the family");
	task_href(k, "/conferences/%" PRId64 "#reports", m->id);
	if (x->share_by != HDAY_NONE)
		task_hint(k, "Share with the family by %s (%d working days "
		    "before)", ui_date_long(x->share_by, d, sizeof(d)),
		    m->kind == CONF_REVIEW ? MEETING_SHARE_WD_REVIEW :
		    MEETING_SHARE_WD_INITIAL);
	if (x->reports_expected == 0)
		task_status(k, NULL, "None expected");
	else if (x->reports_in < x->reports_expected ||
	    x->reports_shared < x->reports_in)
		task_status(k, past && booked ? "red" : "blue",
		    "%d of %d reports in, %d shared", x->reports_in,
		    x->reports_expected, x->reports_shared);
	else
		task_status(k, NULL, "%d of %d reports in, all shared",
		    x->reports_in, x->reports_expected);

	for (int i = 0; i < m->n_children; i++) {
		const struct meeting_child *mch = &m->children[i];
		int age = age_on_day(c, i);

		k = task_add(t, n, "How %s takes part", c->names[i]);
		if (run && m->status != MEETING_CANCELLED)
			task_href(k, "/conferences/%" PRId64 "/children/%"
			    PRId64 "/participation", m->id, mch->child_id);
		if (age >= MEETING_ADVOCATE_AGE)
			task_hint(k, "Aged %d: offer an independent advocate "
			    "(%s)", age, mch->advocate_offered ? "offered" :
			    "not offered yet");
		if (mch->part == PART_NOT_RECORDED)
			task_status(k, age >= MEETING_ADVOCATE_AGE &&
			    !mch->advocate_offered ? "red" : "blue",
			    "Not recorded");
		else
			task_status(k, NULL, "%s",
			    participation_label(mch->part));
	}
}

static void
at_tasks(const struct mc *c, const struct extra *x, bool run,
    struct task *t, int *n)
{
	const struct meeting *m = c->m;
	int64_t first = m->children[0].child_id;
	bool held = m->status == MEETING_HELD;
	bool booked = m->status == MEETING_BOOKED;
	int att = 0;
	struct task *k;
	char d[40];

	for (int i = 0; i < m->n_invitees; i++)
		if (m->invitees[i].attendance != ATTEND_NOT_RECORDED)
			att++;
	k = task_add(t, n, "Attendance and apologies");
	if (run)
		task_href(k, "/conferences/%" PRId64 "/attendance", m->id);
	if (m->n_invitees == 0)
		task_cannot(k, "No one invited yet");
	else if (c->r->today < m->date && att == 0)
		task_cannot(k, "Cannot start yet");
	else if (att == 0)
		task_status(k, "blue", "Not started");
	else if (att < m->n_invitees)
		task_status(k, "blue", "Recorded for %d of %d", att,
		    m->n_invitees);
	else
		task_status(k, NULL, "Completed");

	k = task_add(t, n, "Work through the map together");
	if (run)
		task_href(k, "/children/%" PRId64 "/map/edit?meeting=%" PRId64,
		    first, m->id);
	task_hint(k, "What we are worried about, what is working well and "
	    "what needs to happen");
	if (x->map != NULL && x->map->meeting_id == m->id)
		task_status(k, NULL, "Updated at this conference");
	else if (x->map != NULL)
		task_status(k, "blue", "Latest map from %s",
		    ui_date_long(x->map->made_on, d, sizeof(d)));
	else
		task_status(k, "blue", "Not started");

	k = task_add(t, n, "Safety scales from everyone");
	if (run)
		task_href(k, "/children/%" PRId64 "/scales?meeting=%" PRId64,
		    first, m->id);
	if (x->nratings > 0)
		task_status(k, NULL, "%d rating%s", x->nratings,
		    x->nratings == 1 ? "" : "s");
	else
		task_status(k, "blue", "Not started");

	k = task_add(t, n, "Each member's view on the threshold");
	if (run && (booked || held))
		task_href(k, "/conferences/%" PRId64 "/views/new", m->id);
	task_hint(k, "Is each child likely to suffer significant harm? With "
	    "reasons");
	if (m->n_views > 0)
		task_status(k, NULL, "%d view%s", m->n_views,
		    m->n_views == 1 ? "" : "s");
	else
		task_status(k, "blue", "Not started");

	k = task_add(t, n, "The chair's decision and category");
	if (run && (booked || held))
		task_href(k, "/conferences/%" PRId64 "/decision", m->id);
	if (held) {
		task_status(k, NULL, "Completed");
		if (m->dissent[0] != '\0')
			task_hint(k, "Dissent recorded");
	} else
		task_status(k, "blue", "Not started");

	k = task_add(t, n, "The outcome-focused plan and core group");
	task_hint(k, "What must change, in the family's words too; who does "
	    "what by when; the contingency plan");
	if (!held)
		task_cannot(k, "Cannot start yet");
	else {
		if (run)
			task_href(k, "/conferences/%" PRId64 "/plan", m->id);
		if (m->plan_saved_at != 0)
			task_status(k, NULL, "Completed");
		else
			task_status(k, "blue", "Not started");
	}
}

static void
after_tasks(const struct mc *c, const struct extra *x, bool run,
    struct task *t, int *n)
{
	const struct meeting *m = c->m;
	bool held = m->status == MEETING_HELD;
	int fb[FEEDBACK__COUNT] = { 0 };
	struct task *k;
	char s[160];
	bool late;

	for (int i = 0; i < m->n_feedback; i++)
		if ((unsigned)m->feedback[i].from < FEEDBACK__COUNT)
			fb[m->feedback[i].from]++;
	k = task_add(t, n, "Minutes");
	if (!held)
		task_cannot(k, "Cannot start yet");
	else {
		if (run)
			task_href(k, "/conferences/%" PRId64 "/minutes", m->id);
		if (m->minutes_saved_at != 0)
			task_status(k, NULL, "Completed");
		else
			task_status(k, "blue", "Not started");
	}

	k = task_add(t, n, "Send the plan and minutes");
	task_hint(k, "To the family and to agencies, within %d hours",
	    MEETING_SEND_HOURS);
	if (!held || (m->plan_saved_at == 0 && m->minutes_saved_at == 0)) {
		task_cannot(k, "Cannot start yet");
		if (held && x->dist.overdue) {
			task_status(k, "red", "%s", mp_sent_status(&x->dist,
			    held, s, sizeof(s), &late));
			k->cannot = false;
		}
	} else {
		if (run)
			task_href(k, "/conferences/%" PRId64 "/sent", m->id);
		mp_sent_status(&x->dist, held, s, sizeof(s), &late);
		task_status(k, late ? "red" : x->dist.all_sent ? NULL :
		    "blue", "%s", s);
	}

	k = task_add(t, n, "Feedback from parents");
	if (!held)
		task_cannot(k, "Cannot start yet");
	else {
		if (run)
			task_href(k, "/conferences/%" PRId64 "/feedback/new?"
			    "from=parent", m->id);
		if (fb[FEEDBACK_PARENT] > 0)
			task_status(k, NULL, "%d form%s", fb[FEEDBACK_PARENT],
			    fb[FEEDBACK_PARENT] == 1 ? "" : "s");
		else
			task_status(k, "blue", "None yet");
	}
	k = task_add(t, n, "Feedback from children");
	if (!held)
		task_cannot(k, "Cannot start yet");
	else {
		if (run)
			task_href(k, "/conferences/%" PRId64 "/feedback/new?"
			    "from=child", m->id);
		if (fb[FEEDBACK_CHILD] > 0)
			task_status(k, NULL, "%d form%s", fb[FEEDBACK_CHILD],
			    fb[FEEDBACK_CHILD] == 1 ? "" : "s");
		else
			task_status(k, "blue", "None yet");
	}
}

static const char *
status_colour(enum meeting_status s)
{
	return s == MEETING_BOOKED ? "blue" : s == MEETING_HELD ? "green" :
	    "grey";
}

/* When, where, who chairs, who it is about. */
static void
meeting_summary(const struct mc *c, const struct extra *x, bool links,
    struct html *h)
{
	const struct meeting *m = c->m;
	char buf[200], d[40];

	ui_summary_start(h);
	ui_summary_row(h, "When", mp_meeting_when(m, buf, sizeof(buf)));
	ui_summary_row(h, "Where", m->place);
	if (x != NULL)
		ui_summary_row(h, "Chair", c->chair[0] ? c->chair :
		    "Not named yet");
	row_open(h, m->n_children == 1 ? "Child" : "Children");
	html_lit(h, "<ul class=\"govuk-list\">");
	for (int i = 0; i < m->n_children; i++) {
		int age = age_on_day(c, i);

		html_lit(h, "<li>");
		if (links) {
			snprintf(buf, sizeof(buf), "/children/%" PRId64,
			    m->children[i].child_id);
			ui_link(h, buf, c->names[i]);
		} else
			html_text(h, c->names[i]);
		if (age >= 0 && x != NULL)
			html_textf(h, " (aged %d on the day)", age);
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
	row_close(h);
	if (m->kind == CONF_TRANSFER_IN && x != NULL)
		ui_summary_row(h, "We were told about the child on",
		    ui_date_or(m->notified_date, d, sizeof(d), "Not recorded"));
	if (x != NULL && m->status == MEETING_BOOKED &&
	    x->share_by != HDAY_NONE)
		ui_summary_row(h, "Share reports with the family by",
		    ui_date_long(x->share_by, d, sizeof(d)));
	if (m->status == MEETING_CANCELLED && x != NULL)
		ui_summary_row(h, "Why it was cancelled", m->cancel_reason);
	ui_summary_end(h);
}

static void
children_section(const struct mc *c, struct html *h)
{
	static const char *const hd[] = { "Child", "Age on the day",
		"How they took part", "Independent advocate" };
	const struct meeting *m = c->m;
	char d[40], buf[300];

	heading2(h, "children", "The children and how they take part");
	ui_table_start(h, NULL, hd, 4);
	for (int i = 0; i < m->n_children; i++) {
		const struct meeting_child *mch = &m->children[i];
		int age = age_on_day(c, i);

		ui_table_row_start(h);
		ui_table_cell(h, c->names[i]);
		if (age >= 0)
			ui_table_cell_int(h, age);
		else
			ui_table_cell(h, "Not born yet");
		html_lit(h, "<td class=\"govuk-table__cell\">");
		html_text(h, participation_label(mch->part));
		if (mch->part_note[0] != '\0') {
			html_lit(h, "<br><span class=\"govuk-body-s\">");
			mp_lines(h, mch->part_note);
			html_lit(h, "</span>");
		}
		html_lit(h, "</td>");
		if (mch->advocate_offered) {
			snprintf(buf, sizeof(buf), "Offered on %s; %s%s%s",
			    ui_date_or(mch->advocate_offered_on, d, sizeof(d),
			    "a day not recorded"), mch->advocate_accepted ?
			    "accepted" : "not accepted", mch->advocate[0] ?
			    ": " : "", mch->advocate);
			ui_table_cell(h, buf);
		} else if (age >= MEETING_ADVOCATE_AGE) {
			html_lit(h, "<td class=\"govuk-table__cell\">");
			ui_tag(h, "Not offered yet", "red");
			html_lit(h, "</td>");
		} else
			ui_table_cell(h, "Not needed under 10");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
invited_section(const struct mc *c, bool run, struct html *h)
{
	static const char *const hd[] = { "Name", "Role", "Agency",
		"Invited on", "Attendance" };
	const struct meeting *m = c->m;
	char d[40], href[80];
	int shown = 0;

	heading2(h, "invited", "Who is invited");
	for (int i = 0; i < m->n_invitees; i++) {
		const struct invitee *v = &m->invitees[i];

		if (shown++ == 0)
			ui_table_start(h, NULL, hd, 5);
		ui_table_row_start(h);
		ui_table_cell(h, v->name);
		ui_table_cell(h, v->role[0] ? v->role :
		    invitee_kind_label(v->kind));
		ui_table_cell(h, v->kind == INVITEE_AGENCY ? v->agency :
		    invitee_kind_label(v->kind));
		ui_table_cell(h, ui_date_or(v->invited_on, d, sizeof(d),
		    "Not recorded"));
		ui_table_cell(h, attendance_label(v->attendance));
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "No one has been invited yet.");
	if (run && m->status == MEETING_BOOKED) {
		snprintf(href, sizeof(href), "/conferences/%" PRId64
		    "/invitees/new", m->id);
		ui_button_link(h, href, "Invite someone");
	}
}

/* "Health visiting: Jo Bloggs (health visitor)" */
static void
invitee_title(const struct invitee *v, char *buf, size_t cap)
{
	snprintf(buf, cap, "%.120s: %.120s%s%.120s%s", v->agency[0] ?
	    v->agency : invitee_kind_label(v->kind), v->name, v->role[0] ?
	    " (" : "", v->role, v->role[0] ? ")" : "");
}

/* One report: who wrote it when, whether shared, the text, and (run) the
 * actions on it. */
static void
report_block(const struct mc *c, const struct invitee *v,
    const struct agency_report *rp, bool run, bool past,
    struct html *h)
{
	const struct meeting *m = c->m;
	char title[420], d[40], when[60], who[UI_NAME_LEN], href[120];

	invitee_title(v, title, sizeof(title));
	heading3(h, title);
	snprintf(href, sizeof(href), "/conferences/%" PRId64 "/reports/%"
	    PRId64, m->id, v->id);
	if (rp == NULL) {
		html_lit(h, "<p class=\"govuk-body\">");
		ui_tag(h, "Not received", past && m->status == MEETING_BOOKED ?
		    "red" : "grey");
		html_lit(h, "</p>");
		if (run && m->status == MEETING_BOOKED) {
			html_lit(h, "<p class=\"govuk-body\">");
			ui_link(h, href, "Write this agency's report");
			html_lit(h, "</p>");
		}
		return;
	}
	staff_name(c->r->st, rp->author_id, who);
	html_lit(h, "<p class=\"govuk-body\">");
	html_textf(h, "Submitted %s%s%s.", mp_when(rp->submitted_at, when,
	    sizeof(when)), who[0] ? " by " : "", who);
	html_lit(h, " ");
	if (rp->shared_on != HDAY_NONE)
		html_textf(h, "Shared with the family on %s.",
		    ui_date_long(rp->shared_on, d, sizeof(d)));
	else
		ui_tag(h, "Not shared with the family", past ? "red" :
		    "yellow");
	html_lit(h, "</p><details class=\"govuk-details\"><summary class=\""
	    "govuk-details__summary\"><span class=\"govuk-details__summary-"
	    "text\">");
	html_textf(h, "Read the report from %s", v->agency[0] ? v->agency :
	    v->name);
	html_lit(h, "</span></summary><div class=\"govuk-details__text\">");
	mp_paras(h, rp->text);
	html_lit(h, "</div></details>\n");
	if (!run || rp->shared_on != HDAY_NONE)
		return;
	/* Sharing is usually recorded on the day: one button; another day
	 * has a page of its own. */
	snprintf(href, sizeof(href), "/conferences/%" PRId64 "/reports/%"
	    PRId64 "/shared", m->id, rp->id);
	ui_form_start(c->r, h, href);
	{
		int y, mo, dd;
		char v1[8], v2[8], v3[8], ver[24];

		hdate_to_ymd(c->r->today, &y, &mo, &dd);
		snprintf(v1, sizeof(v1), "%d", dd);
		snprintf(v2, sizeof(v2), "%d", mo);
		snprintf(v3, sizeof(v3), "%d", y);
		snprintf(ver, sizeof(ver), "%" PRId64, rp->version);
		ui_hidden(h, "shared_on-day", v1);
		ui_hidden(h, "shared_on-month", v2);
		ui_hidden(h, "shared_on-year", v3);
		ui_hidden(h, "version", ver);
	}
	html_lit(h, "<div class=\"govuk-button-group\"><button type=\"submit\""
	    " class=\"govuk-button govuk-button--secondary\">Shared with the "
	    "family today<span class=\"govuk-visually-hidden\"> (the report "
	    "from ");
	html_text(h, v->agency[0] ? v->agency : v->name);
	html_lit(h, ")</span></button><a class=\"govuk-link\"");
	html_attr(h, "href", href);
	html_lit(h, ">Shared on another day<span class=\"govuk-visually-"
	    "hidden\"> (the report from ");
	html_text(h, v->agency[0] ? v->agency : v->name);
	html_lit(h, ")</span></a><a class=\"govuk-link\"");
	snprintf(href, sizeof(href), "/conferences/%" PRId64 "/reports/%"
	    PRId64, m->id, v->id);
	html_attr(h, "href", href);
	html_lit(h, ">Change the report<span class=\"govuk-visually-hidden\">"
	    " from ");
	html_text(h, v->agency[0] ? v->agency : v->name);
	html_lit(h, "</span></a></div>");
	ui_form_end(h);
}

static void
reports_section(const struct mc *c, const struct extra *x, bool run,
    struct html *h)
{
	const struct meeting *m = c->m;
	bool past = x->share_by != HDAY_NONE && c->r->today > x->share_by;
	char d[40], p[300];
	int shown = 0;

	heading2(h, "reports", "Agency reports");
	if (x->share_by != HDAY_NONE && m->status == MEETING_BOOKED) {
		snprintf(p, sizeof(p), "Every agency invited writes a report, "
		    "whether or not they come. Share each report with the "
		    "family by %s: %d working days before the conference.",
		    ui_date_long(x->share_by, d, sizeof(d)), m->kind ==
		    CONF_REVIEW ? MEETING_SHARE_WD_REVIEW :
		    MEETING_SHARE_WD_INITIAL);
		ui_para(h, p);
	}
	for (int i = 0; i < m->n_invitees; i++) {
		const struct invitee *v = &m->invitees[i];
		const struct agency_report *rp = mc_report_for(m, v->id);

		if (v->kind != INVITEE_AGENCY || (!v->report_expected &&
		    rp == NULL))
			continue;
		shown++;
		report_block(c, v, rp, run, past, h);
	}
	if (shown == 0)
		ui_para(h, "No agency has been asked for a report yet.");
}

static void
map_section(const struct mc *c, const struct extra *x, bool run,
    struct html *h)
{
	const struct meeting *m = c->m;
	int64_t first = m->children[0].child_id;
	const struct sos_map *mp = x->map;
	char d[40], buf[200], href[120];
	int items[SOS_ITEM__COUNT] = { 0 };

	heading2(h, "map", "The map worked through together");
	if (mp == NULL) {
		snprintf(buf, sizeof(buf), "There is no Signs of Safety map for "
		    "%.120s yet.", c->names[0]);
		ui_para(h, buf);
	} else {
		snprintf(buf, sizeof(buf), "The latest map, from %s%s.",
		    ui_date_long(mp->made_on, d, sizeof(d)), mp->meeting_id ==
		    m->id ? ", worked through at this conference" : "");
		ui_para(h, buf);
		for (int i = 0; i < mp->n_pairs; i++) {
			const struct sos_pair *pr = &mp->pairs[i];

			snprintf(buf, sizeof(buf), "Worry %d", i + 1);
			heading3(h, buf);
			ui_summary_start(h);
			ui_summary_row(h, "What we are worried about",
			    pr->danger);
			ui_summary_row(h, "Who is worried", pr->who_worried);
			ui_summary_row(h, "The family's view",
			    sos_family_view_label(pr->family_view));
			if (pr->family_says[0] != '\0')
				ui_summary_row(h, "What the family says",
				    pr->family_says);
			ui_summary_row(h, "Safety goal", pr->goal_agency);
			ui_summary_row(h, "In the family's words",
			    pr->goal_family);
			ui_summary_end(h);
		}
		for (int i = 0; i < mp->n_items; i++)
			if ((unsigned)mp->items[i].kind < SOS_ITEM__COUNT)
				items[mp->items[i].kind]++;
		snprintf(buf, sizeof(buf), "%d thing%s that happened, %d "
		    "strength%s, %d thing%s already keeping the children safe "
		    "and %d next step%s.", items[SOS_HARM], items[SOS_HARM] ==
		    1 ? "" : "s", items[SOS_STRENGTH], items[SOS_STRENGTH] ==
		    1 ? "" : "s", items[SOS_SAFETY], items[SOS_SAFETY] == 1 ?
		    "" : "s", mp->n_steps, mp->n_steps == 1 ? "" : "s");
		ui_para(h, buf);
	}
	html_lit(h, "<p class=\"govuk-body\">");
	if (mp != NULL) {
		snprintf(href, sizeof(href), "/children/%" PRId64 "/map",
		    first);
		ui_link(h, href, "See the whole map");
	}
	if (run && m->status != MEETING_CANCELLED) {
		if (mp != NULL)
			html_lit(h, " | ");
		snprintf(href, sizeof(href), "/children/%" PRId64 "/map/edit?"
		    "meeting=%" PRId64, first, m->id);
		ui_link(h, href, "Work through the map at this conference");
	}
	html_lit(h, "</p>\n");

	heading2(h, "scales", "Safety scales at this conference");
	if (x->nratings > 0)
		sos_scale_chart(h, x->ratings, x->nratings, 0, "Overall safety "
		    "scale: 0 is too unsafe for the children to stay at home, "
		    "10 is safe enough to close", "meeting-scale");
	else
		ui_para(h, "No one's rating has been recorded at this "
		    "conference yet.");
	if (run && m->status != MEETING_CANCELLED) {
		snprintf(href, sizeof(href), "/children/%" PRId64 "/scales?"
		    "meeting=%" PRId64, first, m->id);
		html_lit(h, "<p class=\"govuk-body\">");
		ui_link(h, href, "Record everyone's ratings");
		html_lit(h, "</p>\n");
	}
}

static const char *
child_of(const struct mc *c, int64_t id)
{
	int k = mc_child_index(c, id);

	return k >= 0 ? c->names[k] : "";
}

static void
views_section(const struct mc *c, struct html *h)
{
	static const char *const hd[] = { "Child", "Who", "Likely to suffer "
		"significant harm?", "Why" };
	const struct meeting *m = c->m;
	char who[300];

	heading2(h, "views", "Views on the threshold");
	if (m->n_views == 0) {
		ui_para(h, "No views have been recorded yet.");
		return;
	}
	ui_table_start(h, NULL, hd, 4);
	for (int i = 0; i < m->n_views; i++) {
		const struct threshold_view *v = &m->views[i];

		snprintf(who, sizeof(who), "%.120s%s%.120s", v->name,
		    v->agency[0] ? ", " : "", v->agency);
		ui_table_row_start(h);
		ui_table_cell(h, child_of(c, v->child_id));
		ui_table_cell(h, who);
		ui_table_cell(h, v->met ? "Yes" : "No");
		html_lit(h, "<td class=\"govuk-table__cell\">");
		mp_lines(h, v->reason);
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
decision_section(const struct mc *c, const struct extra *x, struct html *h)
{
	static const char *const hd[] = { "Child", "Decision", "Category" };
	const struct meeting *m = c->m;

	heading2(h, "decision", "The chair's decision");
	if (m->status != MEETING_HELD || x->conf == NULL) {
		ui_para(h, "The chair has not recorded a decision yet.");
		return;
	}
	ui_table_start(h, NULL, hd, 3);
	for (int i = 0; i < m->n_children; i++) {
		const struct conference_child *cc = conference_part(x->conf,
		    m->children[i].child_id);
		char dec[300];

		ui_table_row_start(h);
		ui_table_cell(h, c->names[i]);
		if (cc == NULL) {
			ui_table_cell(h, "Not recorded");
			ui_table_cell(h, "");
			ui_table_row_end(h);
			continue;
		}
		if (cc->decision == CDEC_END)
			snprintf(dec, sizeof(dec), "%s: %s%s",
			    conference_decision_label(cc->decision),
			    plan_end_reason_label(cc->end_reason), cc->step_down ?
			    "; a child in need plan starts" : "");
		else
			snprintf(dec, sizeof(dec), "%s",
			    conference_decision_label(cc->decision));
		ui_table_cell(h, dec);
		ui_table_cell(h, cc->decision == CDEC_PLAN || cc->decision ==
		    CDEC_CONTINUE ? abuse_category_label(cc->category) : "");
		ui_table_row_end(h);
	}
	ui_table_end(h);
	heading3(h, "Dissent");
	if (m->dissent[0] != '\0')
		mp_paras(h, m->dissent);
	else
		ui_para(h, "No one disagreed with the decision.");
}

static void
plan_section(const struct mc *c, struct html *h)
{
	static const char *const ahd[] = { "Outcome", "Who", "What",
		"By when" };
	static const char *const chd[] = { "Name", "Agency", "Role" };
	const struct meeting *m = c->m;
	char buf[40], d[40];

	heading2(h, "plan", "The plan");
	if (m->plan_saved_at == 0) {
		ui_para(h, "The plan has not been written yet.");
		return;
	}
	for (int i = 0; i < m->n_outcomes; i++) {
		snprintf(buf, sizeof(buf), "What must change %d", i + 1);
		heading3(h, buf);
		ui_summary_start(h);
		row_open(h, "In the agencies' words");
		mp_lines(h, m->outcomes[i].agency);
		row_close(h);
		row_open(h, "In the family's own words");
		if (m->outcomes[i].family[0] != '\0')
			mp_lines(h, m->outcomes[i].family);
		else
			html_lit(h, "Not recorded");
		row_close(h);
		ui_summary_end(h);
	}
	if (m->n_actions > 0) {
		html_lit(h, "<h3 class=\"govuk-heading-s\">Who does what by "
		    "when</h3>");
		ui_table_start(h, NULL, ahd, 4);
		for (int i = 0; i < m->n_actions; i++) {
			const struct plan_action *a = &m->actions[i];

			ui_table_row_start(h);
			if (a->outcome > 0)
				ui_table_cell_int(h, a->outcome);
			else
				ui_table_cell(h, "");
			ui_table_cell(h, a->who);
			html_lit(h, "<td class=\"govuk-table__cell\">");
			mp_lines(h, a->what);
			html_lit(h, "</td>");
			ui_table_cell(h, ui_date_or(a->by, d, sizeof(d), ""));
			ui_table_row_end(h);
		}
		ui_table_end(h);
	}
	heading3(h, "If things do not change: the contingency plan");
	mp_paras(h, m->contingency);
	heading3(h, "When the children will be seen");
	mp_paras(h, m->child_seen);
	if (m->n_core > 0) {
		html_lit(h, "<h3 class=\"govuk-heading-s\">The core group</h3>");
		ui_table_start(h, NULL, chd, 3);
		for (int i = 0; i < m->n_core; i++) {
			ui_table_row_start(h);
			ui_table_cell(h, m->core[i].name);
			ui_table_cell(h, m->core[i].agency);
			ui_table_cell(h, m->core[i].role);
			ui_table_row_end(h);
		}
		ui_table_end(h);
	}
}

static void
minutes_section(const struct mc *c, struct html *h)
{
	const struct meeting *m = c->m;
	char when[60], buf[120];

	heading2(h, "minutes", "Minutes");
	if (m->minutes_saved_at == 0) {
		ui_para(h, "The minutes have not been written yet.");
		return;
	}
	snprintf(buf, sizeof(buf), "Last saved %s.", mp_when(
	    m->minutes_saved_at, when, sizeof(when)));
	ui_para(h, buf);
	html_lit(h, "<details class=\"govuk-details\"><summary class=\"govuk-"
	    "details__summary\"><span class=\"govuk-details__summary-text\">"
	    "Read the minutes</span></summary><div class=\"govuk-details__"
	    "text\">");
	mp_paras(h, m->minutes);
	html_lit(h, "</div></details>\n");
}

/* Links to the documents this user may download. */
static void
document_links(const struct meeting *m, bool family, struct html *h)
{
	static const struct {
		enum doc_kind doc;
		enum doc_audience aud;
		const char *file, *label;
	} docs[] = {
		{ DOC_PLAN, AUD_FAMILY, "plan-family.pdf",
		    "The child protection plan for the family (PDF)" },
		{ DOC_PLAN, AUD_AGENCIES, "plan-agencies.pdf",
		    "The child protection plan for agencies (PDF)" },
		{ DOC_MINUTES, AUD_FAMILY, "minutes-family.pdf",
		    "The minutes for the family (PDF)" },
		{ DOC_MINUTES, AUD_AGENCIES, "minutes-agencies.pdf",
		    "The minutes for agencies (PDF)" },
	};
	char href[80];
	int shown = 0;

	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		bool exists = docs[i].doc == DOC_PLAN ? m->plan_saved_at != 0 :
		    m->minutes_saved_at != 0;

		if (!exists || m->status != MEETING_HELD ||
		    (!family && docs[i].aud == AUD_FAMILY))
			continue;
		if (shown++ == 0)
			html_lit(h, "<ul class=\"govuk-list\">");
		snprintf(href, sizeof(href), "/conferences/%" PRId64 "/%s",
		    m->id, docs[i].file);
		html_lit(h, "<li>");
		ui_link(h, href, docs[i].label);
		html_lit(h, "</li>");
	}
	if (shown > 0)
		html_lit(h, "</ul>\n");
	else
		ui_para(h, "The plan and the minutes can be downloaded here "
		    "once they have been written.");
}

static void
documents_section(const struct mc *c, struct html *h)
{
	static const char *const hd[] = { "Document", "To", "How", "Who",
		"Sent", "After the conference" };
	const struct meeting *m = c->m;
	int64_t start = meeting_start_utc(m->date, m->minute);
	char when[60], hb[32];

	heading2(h, "documents", "Documents");
	document_links(m, true, h);
	heading3(h, "What was sent, and when");
	if (m->n_sends == 0) {
		ui_para(h, "Nothing has been sent yet.");
		return;
	}
	ui_table_start(h, NULL, hd, 6);
	for (int i = 0; i < m->n_sends; i++) {
		const struct meeting_send *s = &m->sends[i];

		ui_table_row_start(h);
		ui_table_cell(h, doc_kind_label(s->doc));
		ui_table_cell(h, doc_audience_label(s->audience));
		ui_table_cell(h, s->method);
		ui_table_cell(h, s->recipients);
		ui_table_cell(h, mp_when(s->sent_at, when, sizeof(when)));
		html_lit(h, "<td class=\"govuk-table__cell\">");
		html_text(h, mp_hours((s->sent_at - start) / 3600, hb,
		    sizeof(hb)));
		if (s->sent_at - start > (int64_t)MEETING_SEND_HOURS * 3600) {
			html_lit(h, " ");
			ui_tag(h, "Late", "red");
		}
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

static void
feedback_section(const struct mc *c, struct html *h)
{
	const struct meeting *m = c->m;
	char buf[200], d[40];

	heading2(h, "feedback", "Feedback from the family");
	if (m->n_feedback == 0) {
		ui_para(h, "No feedback forms have been recorded yet.");
		return;
	}
	for (int i = 0; i < m->n_feedback; i++) {
		const struct feedback *f = &m->feedback[i];

		snprintf(buf, sizeof(buf), "%s%s%.120s, %s", f->from ==
		    FEEDBACK_CHILD ? "From a child" : "From a parent",
		    f->name[0] ? ": " : "", f->name, ui_date_long(f->given_on,
		    d, sizeof(d)));
		heading3(h, buf);
		ui_summary_start(h);
		for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
			ui_summary_row(h, feedback_question(f->from, q),
			    f->answers[q] > 0 ? feedback_answer_label(
			    f->answers[q]) : "Not answered");
		if (f->comments[0] != '\0') {
			row_open(h, "Comments");
			mp_lines(h, f->comments);
			row_close(h);
		}
		ui_summary_end(h);
	}
}

static void
meeting_page(struct mc *c, struct extra *x)
{
	struct req *r = c->r;
	struct html *h = &c->w->body;
	const struct meeting *m = c->m;
	bool run = c->level == MC_RUN;
	char names[CONFERENCE_CHILDREN_MAX * UI_NAME_LEN], href[96];
	struct task *t = xcalloc(TASKS_MAX, sizeof(*t));
	int n;

	mc_names(c, names, sizeof(names));
	ui_page_start(r, c->w, conference_kind_label(m->kind));
	ui_back_link(h, "/conferences");
	saved_banner(r, h);
	ui_heading(h, names, conference_kind_label(m->kind));
	html_lit(h, "<p class=\"govuk-body\">");
	ui_tag(h, meeting_status_label(m->status), status_colour(m->status));
	html_lit(h, "</p>\n");
	for (int i = 0; i < x->warn.n && i < SOS_WARNINGS_MAX; i++)
		ui_warning(h, x->warn.w[i].msg);
	meeting_summary(c, x, true, h);
	if (run && m->status == MEETING_BOOKED) {
		html_lit(h, "<div class=\"govuk-button-group\">");
		snprintf(href, sizeof(href), "/conferences/%" PRId64 "/edit",
		    m->id);
		ui_button_link(h, href, "Change the booking");
		snprintf(href, sizeof(href), "/conferences/%" PRId64
		    "/cancel", m->id);
		ui_link(h, href, "Cancel the conference");
		html_lit(h, "</div>\n");
	}
	if (m->status == MEETING_CANCELLED) {
		ui_inset(h, "This conference was cancelled. What was recorded "
		    "before it was cancelled is kept below.");
	} else {
		heading2(h, "before", "Before the conference");
		n = 0;
		before_tasks(c, x, run, t, &n);
		task_list(h, "before", t, n);
		heading2(h, "at", "At the conference");
		n = 0;
		at_tasks(c, x, run, t, &n);
		task_list(h, "at", t, n);
		heading2(h, "after", "After the conference");
		n = 0;
		after_tasks(c, x, run, t, &n);
		task_list(h, "after", t, n);
	}
	html_lit(h, "<hr class=\"govuk-section-break govuk-section-break--l "
	    "govuk-section-break--visible\">\n");
	children_section(c, h);
	invited_section(c, run, h);
	reports_section(c, x, run, h);
	map_section(c, x, run, h);
	views_section(c, h);
	decision_section(c, x, h);
	plan_section(c, h);
	minutes_section(c, h);
	documents_section(c, h);
	feedback_section(c, h);
	free(t);
	ui_page_end(r, c->w);
}

/* What an invited practitioner sees: nothing of the record. */
static void
partner_page(struct mc *c)
{
	struct req *r = c->r;
	struct html *h = &c->w->body;
	const struct meeting *m = c->m;
	char names[CONFERENCE_CHILDREN_MAX * UI_NAME_LEN], title[420],
	    href[96], d[40], when[60];
	int own = 0;

	mc_names(c, names, sizeof(names));
	ui_page_start(r, c->w, conference_kind_label(m->kind));
	ui_back_link(h, "/conferences");
	saved_banner(r, h);
	ui_heading(h, names, conference_kind_label(m->kind));
	html_lit(h, "<p class=\"govuk-body\">");
	ui_tag(h, meeting_status_label(m->status), status_colour(m->status));
	html_lit(h, "</p>\n");
	meeting_summary(c, NULL, false, h);
	heading2(h, "your-report", "Your agency's report");
	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++) {
		const struct invitee *v = &m->invitees[i];
		const struct agency_report *rp;

		if (!c->own[i])
			continue;
		own++;
		rp = mc_report_for(m, v->id);
		invitee_title(v, title, sizeof(title));
		heading3(h, title);
		snprintf(href, sizeof(href), "/conferences/%" PRId64
		    "/reports/%" PRId64, m->id, v->id);
		html_lit(h, "<p class=\"govuk-body\">");
		if (rp == NULL) {
			ui_tag(h, "Not written yet", "blue");
			html_lit(h, "</p>");
			if (m->status == MEETING_BOOKED) {
				html_lit(h, "<p class=\"govuk-body\">");
				ui_link(h, href, "Write your report");
				html_lit(h, "</p>");
			}
			continue;
		}
		html_textf(h, "Submitted %s. ", mp_when(rp->submitted_at, when,
		    sizeof(when)));
		if (rp->shared_on != HDAY_NONE)
			html_textf(h, "Shared with the family on %s.",
			    ui_date_long(rp->shared_on, d, sizeof(d)));
		else
			html_lit(h, "Not shared with the family yet.");
		html_lit(h, "</p><p class=\"govuk-body\">");
		ui_link(h, href, rp->shared_on == HDAY_NONE &&
		    m->status == MEETING_BOOKED ? "Read or change your report" :
		    "Read your report");
		html_lit(h, "</p>");
	}
	if (own == 0)
		ui_para(h, "No report is asked of you for this conference.");
	heading2(h, "documents", "Documents");
	document_links(m, false, h);
	ui_page_end(r, c->w);
}

static void
get_meeting(struct req *r, struct resp *w)
{
	struct extra x;
	struct mc c;

	memset(&x, 0, sizeof(x));
	if (!mc_open(&c, r, w, web_id(r, 0), MC_PARTNER))
		goto out;
	if (c.level == MC_PARTNER) {
		if (mc_audit_view(&c))
			partner_page(&c);
		goto out;
	}
	if (!extra_load(&c, &x, true)) {
		web_unavailable(r, w);
		goto out;
	}
	if (mc_audit_view(&c))
		meeting_page(&c, &x);
out:
	extra_free(&x);
	mc_close(&c);
}

/* ====================================================== the chair's view */

static void
when_cell(struct html *h, const struct meeting_summary *s)
{
	char d[40], c[8];

	html_lit(h, "<td class=\"govuk-table__cell\">");
	html_textf(h, "%s at %s", ui_date_long(s->date, d, sizeof(d)),
	    mp_clock(s->minute, c, sizeof(c)));
	html_lit(h, "</td>");
}

static void
children_cell(struct req *r, struct html *h, const struct meeting_summary *s)
{
	char names[CONFERENCE_CHILDREN_MAX * UI_NAME_LEN], href[48];

	summary_names(r->st, s, names, sizeof(names));
	snprintf(href, sizeof(href), "/conferences/%" PRId64, s->id);
	ui_table_cell_link(h, href, names);
}

/* "in 3 working days", "today", "2 working days ago". */
static void
share_by_cell(struct req *r, struct html *h, hday share_by)
{
	char d[40];
	int wd = 0;

	html_lit(h, "<td class=\"govuk-table__cell\">");
	if (share_by == HDAY_NONE) {
		html_lit(h, "Not known</td>");
		return;
	}
	html_text(h, ui_date_long(share_by, d, sizeof(d)));
	if (share_by == r->today)
		html_lit(h, " (today)");
	else if (share_by > r->today && calendar_working_days_between(
	    r->today, share_by, &wd) == HERR_OK)
		html_textf(h, " (in %d working day%s)", wd, wd == 1 ? "" : "s");
	else if (share_by < r->today && calendar_working_days_between(
	    share_by, r->today, &wd) == HERR_OK && wd > 0)
		html_textf(h, " (%d working day%s ago)", wd, wd == 1 ? "" :
		    "s");
	else if (share_by < r->today)
		html_lit(h, " (passed)");
	html_lit(h, "</td>");
}

static void
reports_cell(struct req *r, struct html *h, const struct meeting_summary *s,
    hday share_by)
{
	int missing = s->reports_expected - s->reports_in;
	int unshared = s->reports_in - s->reports_shared;

	html_lit(h, "<td class=\"govuk-table__cell\">");
	if (s->reports_expected == 0)
		html_lit(h, "None expected");
	else {
		html_textf(h, "%d of %d in", s->reports_in,
		    s->reports_expected);
		if (unshared > 0)
			html_textf(h, ", %d not shared", unshared);
		else if (s->reports_in > 0)
			html_lit(h, ", all shared");
		if (missing > 0 && share_by != HDAY_NONE && r->today > share_by) {
			html_lit(h, "<br>");
			ui_tag(h, missing == 1 ? "1 missing after the share-by "
			    "date" : "Missing after the share-by date", "red");
		}
	}
	html_lit(h, "</td>");
}

/* Children 10 or older on the day with no advocate offer recorded. */
static int
advocates_missing(struct req *r, const struct meeting *m)
{
	int n = 0;

	for (int i = 0; i < m->n_children; i++) {
		char name[UI_NAME_LEN];
		hday dob = HDAY_NONE;

		if (m->children[i].advocate_offered)
			continue;
		child_name(r->st, m->children[i].child_id, name, &dob);
		if (dob != HDAY_NONE && dob <= m->date &&
		    hdate_age_years(dob, m->date) >= MEETING_ADVOCATE_AGE)
			n++;
	}
	return n;
}

static void
booked_list(struct req *r, struct html *h, int64_t chair)
{
	static const char *const hd[] = { "When", "Children", "Conference",
		"Reports", "Share with the family by", "Advocates" };
	struct meeting_summary *s = xcalloc(SCAN_MAX, sizeof(*s));
	struct meeting *m = meeting_new();
	int n = 0, shown = 0;

	heading2(h, "booked", chair > 0 ? "Conferences you chair in the next "
	    "8 weeks" : "Conferences in the next 8 weeks");
	ui_para(h, "With any held in the last 4 weeks whose decision is not "
	    "recorded yet.");
	/* A conference held but not yet recorded is still booked: it stays
	 * on the list, marked, until its decision is recorded. */
	if (store_meetings_booked(r->st, chair, r->today - CHAIR_BACK_DAYS,
	    r->today + CHAIR_DAYS, s, SCAN_MAX, &n) != HERR_OK) {
		ui_para(h, "The conferences could not be read. Try again in a "
		    "few minutes.");
		goto out;
	}
	for (int i = 0; i < n && shown < LIST_MAX; i++) {
		hday share_by = HDAY_NONE;
		int adv;

		if (store_meeting_get(r->st, s[i].id, m) != HERR_OK ||
		    level_of(r, m) < MC_VIEW)
			continue;
		if (meeting_share_by(s[i].kind, s[i].date, &share_by) !=
		    HERR_OK)
			share_by = HDAY_NONE;
		if (shown++ == 0)
			ui_table_start(h, NULL, hd, 6);
		ui_table_row_start(h);
		when_cell(h, &s[i]);
		children_cell(r, h, &s[i]);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		html_text(h, conference_kind_label(s[i].kind));
		if (s[i].date < r->today) {
			html_lit(h, "<br>");
			ui_tag(h, "Decision not recorded", "red");
		}
		html_lit(h, "</td>");
		reports_cell(r, h, &s[i], share_by);
		share_by_cell(r, h, share_by);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		adv = advocates_missing(r, m);
		if (adv > 0)
			ui_tag(h, adv == 1 ? "1 not offered" : "Not offered",
			    "red");
		else
			html_lit(h, "Done or not needed");
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "No conferences are booked in the next 8 "
	    "weeks.");
out:
	meeting_free(m);
	free(s);
}

static void
unsent_list(struct req *r, struct html *h, int64_t chair)
{
	static const char *const hd[] = { "Held", "Children", "Conference",
		"Plan and minutes", "Still to send" };
	static const char *const what[DOC__COUNT][AUD__COUNT] = {
		{ "plan to the family", "plan to agencies" },
		{ "minutes to the family", "minutes to agencies" },
	};
	struct meeting_summary *s = xcalloc(SCAN_MAX, sizeof(*s));
	struct meeting *m = meeting_new();
	struct meeting_distribution d;
	int n = 0, shown = 0;
	char st[160];
	bool late;

	heading2(h, "to-send", "Plans and minutes to send");
	ui_para(h, "Conferences held whose plan and minutes have not all been "
	    "sent to the family and to agencies. They should be sent within "
	    "72 hours.");
	if (store_meetings_unsent(r->st, chair, s, SCAN_MAX, &n) != HERR_OK) {
		ui_para(h, "The conferences could not be read. Try again in a "
		    "few minutes.");
		goto out;
	}
	for (int i = 0; i < n && shown < LIST_MAX; i++) {
		bool first = true;

		if (store_meeting_get(r->st, s[i].id, m) != HERR_OK ||
		    level_of(r, m) < MC_VIEW)
			continue;
		meeting_distribution(m, r->now, &d);
		if (shown++ == 0)
			ui_table_start(h, NULL, hd, 5);
		ui_table_row_start(h);
		when_cell(h, &s[i]);
		children_cell(r, h, &s[i]);
		ui_table_cell(h, conference_kind_label(s[i].kind));
		html_lit(h, "<td class=\"govuk-table__cell\">");
		mp_sent_status(&d, true, st, sizeof(st), &late);
		if (late)
			ui_tag(h, st, "red");
		else
			html_text(h, st);
		html_lit(h, "</td><td class=\"govuk-table__cell\">");
		for (int k = 0; k < DOC__COUNT; k++)
			for (int a = 0; a < AUD__COUNT; a++) {
				/* Only what has been written (a conference
				 * that decided on no plan has none). */
				if (d.sent[k][a] || (k == DOC_PLAN ?
				    !s[i].plan_saved : !s[i].minutes_saved))
					continue;
				if (!first)
					html_lit(h, ", ");
				first = false;
				html_text(h, what[k][a]);
			}
		if (!s[i].minutes_saved)
			html_textf(h, "%sthe minutes, once written", first ? "" :
			    "; ");
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "Every plan and set of minutes has been "
	    "sent.");
out:
	meeting_free(m);
	free(s);
}

static void
invited_list(struct req *r, struct html *h)
{
	static const char *const hd[] = { "When", "Children", "Conference",
		"Where", "Your report" };
	struct meeting_summary *s = xcalloc(SCAN_MAX, sizeof(*s));
	struct meeting *m = meeting_new();
	int n = 0, shown = 0;

	heading2(h, "invited", "Conferences you are invited to");
	if (store_meetings_invited(r->st, r->who.staff_id,
	    r->who.agency_kind != AGENCY_LOCAL_AUTHORITY ? r->who.agency_id : 0,
	    r->today - PARTNER_PAST_DAYS, s, SCAN_MAX, &n) != HERR_OK) {
		ui_para(h, "The conferences could not be read. Try again in a "
		    "few minutes.");
		goto out;
	}
	for (int i = 0; i < n && shown < LIST_MAX; i++) {
		int asked = 0, written = 0, shared = 0;

		/* The store's candidates, decided by the one rule. */
		if (store_meeting_get(r->st, s[i].id, m) != HERR_OK ||
		    level_of(r, m) != MC_PARTNER)
			continue;
		for (int k = 0; k < m->n_invitees; k++) {
			const struct agency_report *rp;

			if (!web_meeting_own_invitee(r, &m->invitees[k]))
				continue;
			asked++;
			if ((rp = mc_report_for(m, m->invitees[k].id)) !=
			    NULL) {
				written++;
				if (rp->shared_on != HDAY_NONE)
					shared++;
			}
		}
		if (shown++ == 0)
			ui_table_start(h, NULL, hd, 5);
		ui_table_row_start(h);
		when_cell(h, &s[i]);
		children_cell(r, h, &s[i]);
		ui_table_cell(h, s[i].status == MEETING_BOOKED ?
		    conference_kind_label(s[i].kind) :
		    meeting_status_label(s[i].status));
		ui_table_cell(h, s[i].place);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		if (asked == 0)
			html_lit(h, "None asked of you");
		else if (written < asked)
			ui_tag(h, "Not written yet", m->status ==
			    MEETING_BOOKED ? "blue" : "grey");
		else if (shared < written)
			html_lit(h, "Submitted");
		else
			html_lit(h, "Shared with the family");
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "You are not invited to any conferences "
	    "now.");
out:
	meeting_free(m);
	free(s);
}

static void
get_list(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	enum staff_role role = r->who.role;

	if (role == ROLE_ADMINISTRATOR || role == ROLE_PERFORMANCE_ANALYST) {
		web_forbidden(r, w, "Conferences are for the practitioners who "
		    "take part in them.");
		return;
	}
	ui_page_start(r, w, "Conferences");
	if (role == ROLE_CP_CHAIR)
		ui_heading(h, "Child protection chair", "Conferences");
	else
		ui_heading(h, NULL, "Conferences");
	if (role == ROLE_PARTNER_PRACTITIONER) {
		ui_para(h, "The conferences you, or your agency, are invited "
		    "to. Write your agency's report for each one here.");
		invited_list(r, h);
	} else if (role == ROLE_CP_CHAIR) {
		booked_list(r, h, r->who.staff_id);
		unsent_list(r, h, r->who.staff_id);
	} else {
		ui_para(h, "Conferences for the children you work with. A "
		    "conference is booked from the child's record.");
		booked_list(r, h, 0);
		unsent_list(r, h, 0);
	}
	ui_page_end(r, w);
}

/* =================================================== the child's record */

void
meeting_section(struct req *r, struct html *h, int64_t child_id,
    bool may_run, bool print)
{
	static const char *const hd[] = { "When", "Conference", "Where it is "
		"up to" };
	struct meeting_summary *s = xcalloc(SECTION_MAX, sizeof(*s));
	struct meeting *m = meeting_new();
	bool partner = r->who.role == ROLE_PARTNER_PRACTITIONER;
	char href[96], d[40], c[8], st[200], hb[32];
	int n = 0, shown = 0;

	heading2(h, "conferences", "Conferences");
	if (store_meetings_child(r->st, child_id, s, SECTION_MAX, &n) !=
	    HERR_OK) {
		ui_para(h, "The conferences could not be read.");
		goto out;
	}
	for (int i = 0; i < n; i++) {
		int64_t start = meeting_start_utc(s[i].date, s[i].minute);
		bool late = false;

		/* Only the conferences this user can open (meeting_access.h):
		 * a partner's through an invitation, read from the meeting;
		 * anyone else's through every child, which the list row
		 * names. */
		if (partner) {
			if (store_meeting_get(r->st, s[i].id, m) != HERR_OK)
				continue;
		} else {
			/* (m has no invitees: only its children count.) */
			m->id = s[i].id;
			m->n_children = s[i].n_children;
			for (int k = 0; k < s[i].n_children; k++)
				m->children[k].child_id = s[i].child_ids[k];
		}
		if (level_of(r, m) < (partner ? MC_PARTNER : MC_VIEW))
			continue;
		if (s[i].status == MEETING_BOOKED) {
			if (s[i].reports_expected > 0)
				snprintf(st, sizeof(st), "Booked: %d of %d "
				    "reports in", s[i].reports_in,
				    s[i].reports_expected);
			else
				snprintf(st, sizeof(st), "Booked");
		} else if (s[i].status == MEETING_CANCELLED)
			snprintf(st, sizeof(st), "Cancelled");
		else if (s[i].all_sent_at > 0) {
			int64_t hrs = (s[i].all_sent_at - start) / 3600;

			late = hrs > MEETING_SEND_HOURS;
			snprintf(st, sizeof(st), "Held: plan and minutes sent %s "
			    "after", mp_hours(hrs, hb, sizeof(hb)));
		} else {
			int64_t hrs = (r->now - start) / 3600;

			late = hrs > MEETING_SEND_HOURS;
			snprintf(st, sizeof(st), "Held: plan and minutes not "
			    "all sent (%s since)", mp_hours(hrs, hb,
			    sizeof(hb)));
		}
		if (shown++ == 0)
			ui_table_start(h, NULL, hd, 3);
		ui_table_row_start(h);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		html_textf(h, "%s at %s", ui_date_long(s[i].date, d,
		    sizeof(d)), mp_clock(s[i].minute, c, sizeof(c)));
		html_lit(h, "</td>");
		if (print)
			ui_table_cell(h, conference_kind_label(s[i].kind));
		else {
			snprintf(href, sizeof(href), "/conferences/%" PRId64,
			    s[i].id);
			ui_table_cell_link(h, href,
			    conference_kind_label(s[i].kind));
		}
		html_lit(h, "<td class=\"govuk-table__cell\">");
		if (late)
			ui_tag(h, st, "red");
		else
			html_text(h, st);
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end_or(h, shown, "No conferences have been booked.");
	if (may_run && !print && !partner) {
		snprintf(href, sizeof(href), "/children/%" PRId64
		    "/conferences/book", child_id);
		ui_button_link(h, href, "Book a conference");
	}
out:
	meeting_free(m);
	free(s);
}

/* ============================================================ documents */

/* The map revision worked through at this meeting, else the latest: NULL
 * when the child has none.  *failed on a store failure. */
static struct sos_map *
docs_map(struct mc *c, bool *failed)
{
	int64_t first = c->m->children[0].child_id;
	struct store_map_rev *revs = xcalloc(HISTORY_MAX, sizeof(*revs));
	struct sos_map *mp = sos_map_new();
	int64_t id = 0;
	int n = 0;
	enum herr e;

	*failed = false;
	if (store_map_history(c->r->st, first, revs, HISTORY_MAX, &n) !=
	    HERR_OK) {
		*failed = true;
		goto fail;
	}
	for (int i = 0; i < n && id == 0; i++)
		if (revs[i].meeting_id == c->m->id)
			id = revs[i].id;
	e = id > 0 ? store_map_get(c->r->st, id, mp) :
	    store_map_latest(c->r->st, first, mp);
	if (e == HERR_OK) {
		free(revs);
		return mp;
	}
	if (e != HERR_NOTFOUND)
		*failed = true;
fail:
	free(revs);
	sos_map_free(mp);
	return NULL;
}

static void
get_document(struct req *r, struct resp *w, enum doc_kind doc,
    enum doc_audience aud)
{
	struct docs_input *in = xcalloc(1, sizeof(*in));
	struct sos_rating *ratings = xcalloc(RATINGS_MAX, sizeof(*ratings));
	struct sos_map *mp = NULL;
	struct extra x;
	struct hdiag d;
	struct mc c;
	char *pdf = NULL;
	size_t len = 0;
	bool failed = false, exists;
	int nr = 0;
	enum herr e;

	memset(&x, 0, sizeof(x));
	/* The family's version is a print of the record; the agencies'
	 * goes to every agency invited. */
	if (!mc_open(&c, r, w, web_id(r, 0), aud == AUD_FAMILY ? MC_VIEW :
	    MC_PARTNER))
		goto out;
	exists = doc == DOC_PLAN ? c.m->plan_saved_at != 0 :
	    c.m->minutes_saved_at != 0;
	if (!exists || c.m->status != MEETING_HELD) {
		web_not_found(r, w);
		goto out;
	}
	if (!extra_load(&c, &x, false) ||
	    (mp = docs_map(&c, &failed), failed) ||
	    store_ratings_meeting(r->st, c.m->id, 0, ratings, RATINGS_MAX,
	    &nr) != HERR_OK) {
		web_unavailable(r, w);
		goto out;
	}
	in->m = c.m;
	in->map = mp;
	in->ratings = ratings;
	in->n_ratings = nr;
	in->n_children = c.m->n_children;
	for (int i = 0; i < c.m->n_children; i++) {
		const struct conference_child *cc = conference_part(x.conf,
		    c.m->children[i].child_id);

		text_cut(in->children[i].name, sizeof(in->children[i].name),
		    c.names[i]);
		in->children[i].dob = c.dobs[i];
		if (cc != NULL) {
			in->children[i].decided = true;
			in->children[i].decision = cc->decision;
			in->children[i].category = cc->category;
		}
	}
	if (store_setting_get(r->st, "authority_name", in->authority,
	    sizeof(in->authority)) != HERR_OK)
		in->authority[0] = '\0';
	text_cut(in->chair, sizeof(in->chair), c.chair);
	in->made_at = r->now;
	hdiag_clear(&d);
	e = docs_render(doc, aud, in, &pdf, &len, &d);
	if (e == HERR_INVALID) {
		web_not_found(r, w);
		goto out;
	}
	if (e != HERR_OK || pdf == NULL) {
		web_unavailable(r, w);
		goto out;
	}
	if (!mc_audit_print(&c))
		goto out;
	{
		char name[96];

		docs_filename(doc, aud, c.m->date, name, sizeof(name));
		snprintf(w->disposition, sizeof(w->disposition),
		    "attachment; filename=\"%s\"", name);
	}
	w->status = 200;
	w->content_type = "application/pdf";
	w->raw = pdf;
	w->raw_len = len;
	pdf = NULL;
out:
	free(pdf);
	sos_map_free(mp);
	free(ratings);
	free(in);
	extra_free(&x);
	mc_close(&c);
}

static void
get_plan_family(struct req *r, struct resp *w)
{
	get_document(r, w, DOC_PLAN, AUD_FAMILY);
}

static void
get_plan_agencies(struct req *r, struct resp *w)
{
	get_document(r, w, DOC_PLAN, AUD_AGENCIES);
}

static void
get_minutes_family(struct req *r, struct resp *w)
{
	get_document(r, w, DOC_MINUTES, AUD_FAMILY);
}

static void
get_minutes_agencies(struct req *r, struct resp *w)
{
	get_document(r, w, DOC_MINUTES, AUD_AGENCIES);
}

/* =============================================================== routes */

const struct route page_meeting_routes[] = {
	{ "GET", "/conferences", get_list, 0 },
	{ "GET", "/children/{id}/conferences/book", mf_get_book, 0 },
	{ "POST", "/children/{id}/conferences/book", mf_post_book, 0 },
	{ "GET", "/conferences/{id}", get_meeting, 0 },
	{ "GET", "/conferences/{id}/edit", mf_get_edit, 0 },
	{ "POST", "/conferences/{id}/edit", mf_post_edit, 0 },
	{ "GET", "/conferences/{id}/cancel", mf_get_cancel, 0 },
	{ "POST", "/conferences/{id}/cancel", mf_post_cancel, 0 },
	{ "GET", "/conferences/{id}/invitees/new", mf_get_invitee, 0 },
	{ "POST", "/conferences/{id}/invitees/new", mf_post_invitee, 0 },
	{ "GET", "/conferences/{id}/attendance", mf_get_attendance, 0 },
	{ "POST", "/conferences/{id}/attendance", mf_post_attendance, 0 },
	{ "GET", "/conferences/{id}/children/{id}/participation",
	    mf_get_participation, 0 },
	{ "POST", "/conferences/{id}/children/{id}/participation",
	    mf_post_participation, 0 },
	{ "GET", "/conferences/{id}/reports/{id}", mf_get_report, 0 },
	{ "POST", "/conferences/{id}/reports/{id}", mf_post_report, 0 },
	{ "GET", "/conferences/{id}/reports/{id}/shared", mf_get_shared, 0 },
	{ "POST", "/conferences/{id}/reports/{id}/shared", mf_post_shared, 0 },
	{ "GET", "/conferences/{id}/views/new", mf_get_view, 0 },
	{ "POST", "/conferences/{id}/views/new", mf_post_view, 0 },
	{ "GET", "/conferences/{id}/decision", mf_get_decision, 0 },
	{ "POST", "/conferences/{id}/decision", mf_post_decision, 0 },
	{ "GET", "/conferences/{id}/plan", mf_get_plan, 0 },
	{ "POST", "/conferences/{id}/plan", mf_post_plan, 0 },
	{ "GET", "/conferences/{id}/minutes", mf_get_minutes, 0 },
	{ "POST", "/conferences/{id}/minutes", mf_post_minutes, 0 },
	{ "GET", "/conferences/{id}/sent", mf_get_sent, 0 },
	{ "POST", "/conferences/{id}/sent", mf_post_sent, 0 },
	{ "GET", "/conferences/{id}/feedback/new", mf_get_feedback, 0 },
	{ "POST", "/conferences/{id}/feedback/new", mf_post_feedback, 0 },
	{ "GET", "/conferences/{id}/plan-family.pdf", get_plan_family, 0 },
	{ "GET", "/conferences/{id}/plan-agencies.pdf", get_plan_agencies, 0 },
	{ "GET", "/conferences/{id}/minutes-family.pdf", get_minutes_family,
	    0 },
	{ "GET", "/conferences/{id}/minutes-agencies.pdf",
	    get_minutes_agencies, 0 },
	{ NULL, NULL, NULL, 0 },
};
