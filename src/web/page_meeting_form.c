/*
 * page_meeting_form.c: the engine every conference form runs on (its
 * validators, long texts in parts, showing, saving and the answers to a
 * save, over form_page.h's values, allow-list, date inputs and
 * controls), and the forms before the day: booking a conference from a
 * child's record, changing or cancelling it, and invitations.  The forms
 * from the day on are in page_meeting_run.c; the conference's own page in
 * page_meeting.c.
 *
 * The forms decide nothing: each is checked against its allow-list
 * (form_check; a field it does not declare is a bad request), turned into
 * meeting.h's structs and handed to record.h, whose diag names the field.
 * The form is then shown again with the GOV.UK error summary, each
 * problem beside its field and everything the person typed, and nothing
 * saved.  A change and its audit rows (one per child) commit in one
 * transaction; a change to the meeting row carries the version the person
 * saw, and someone else's newer save is refused (409) saying whose it was.
 *
 * Family-facing texts (the plan's outcomes and actions, the contingency
 * plan, when the child is seen, the minutes) are run through the
 * plain-language checker whenever the form shows them again, after a save
 * or with errors; nothing is ever blocked by it.
 *
 * No JavaScript: dates are GOV.UK date inputs (NAME-day, NAME-month,
 * NAME-year, the day box carrying the id NAME) except in the plan's rows,
 * where one box per date keeps each row small; repeating rows are blank
 * rows with buttons that add more.  A form may carry at most
 * FORM_MAX_FIELDS fields and each at most FORM_VALUE_MAX bytes, so the
 * plan shows as many rows as fit, and long texts (reports, minutes) are
 * written in parts of up to PART_MAX bytes, joined with a blank line.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/journey.h"
#include "core/meeting.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/text.h"
#include "store/store_admin.h"
#include "store/store_case.h"
#include "store/store_directory.h"
#include "store/store_journey.h"
#include "store/store_meeting.h"
#include "web/page_meeting.h"
#include "web/page_meeting_int.h"
#include "web/plain_view.h"
#include "web/ui.h"
#include "core/banned.h"

#define CHAIRS_MAX 200
#define AGENCIES_MAX 200
#define PARTNERS_MAX 400
#define HH_MAX 16

/* ======================================================== validators */

/* A short line of text: a name, an agency, a time. */
enum herr
mf_valid_line(const char *v, const char *label, struct hdiag *d)
{
	char t[MEETING_NAME_MAX + 1];

	text_trim(t, sizeof(t), v);
	if (strlen(v) > MEETING_NAME_MAX + 8 || text_check("name", label, t,
	    MEETING_NAME_MAX, 0, NULL) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be on one "
		    "line, up to %d characters", label, MEETING_NAME_MAX);
	return HERR_OK;
}

/* Several lines of text, checked by the core for their length. */
enum herr
mf_valid_note(const char *v, const char *label, struct hdiag *d)
{
	if (!text_utf8_valid(v, strlen(v)))
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be plain "
		    "text", label);
	return HERR_OK;
}

enum herr
mf_valid_code(const char *v, const char *label, struct hdiag *d)
{
	for (const char *s = v; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return hdiag_set(d, HERR_INVALID, NULL, "", "Select "
			    "%s from the list", label);
	return HERR_OK;
}

enum herr
mf_valid_yesno(const char *v, const char *label, struct hdiag *d)
{
	(void)label;
	if (v[0] == '\0' || strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
		return HERR_OK;
	return hdiag_set(d, HERR_INVALID, NULL, v, "Select yes or no");
}

/* ============================================================= dates */

/* A date typed in one box: "27/3/2026", "27 3 2026", "27-03-2026",
 * "2026-03-27".  False when it is not a real date. */
bool
mf_loose_date(const char *s, hday *out)
{
	long v[3];
	int len[3], n = 0;
	const char *q = s;

	while (*q == ' ')
		q++;
	while (n < 3) {
		const char *st = q;
		long x = 0;

		while (*q >= '0' && *q <= '9' && q - st < 5)
			x = x * 10 + (*q++ - '0');
		if (q == st)
			return false;
		v[n] = x;
		len[n] = (int)(q - st);
		n++;
		if (n == 3)
			break;
		if (*q != '/' && *q != '-' && *q != '.' && *q != ' ')
			return false;
		while (*q == '/' || *q == '-' || *q == '.' || *q == ' ')
			q++;
	}
	while (*q == ' ')
		q++;
	if (*q != '\0')
		return false;
	if (len[0] == 4) {		/* year first */
		long t = v[0];

		v[0] = v[2];
		v[2] = t;
		t = len[0];
		len[0] = len[2];
		len[2] = (int)t;
	}
	if (len[2] != 4 || !hdate_valid((int)v[2], (int)v[1], (int)v[0]))
		return false;
	return hdate_from_ymd((int)v[2], (int)v[1], (int)v[0], out) == HERR_OK;
}

/* ========================================================= controls */

const struct ui_option mf_yesno[2] = { { "yes", "Yes" }, { "no", "No" } };

/* The authority's plain-language terms, read once per request. */
static void
terms_read(struct mf *p)
{
	if (p->terms_read)
		return;
	p->terms_read = true;
	p->terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*p->terms));
	p->nterms = plain_view_terms(p->r, p->terms);
}

/* The plain-language flags of a field's text, under it. */
static void
plain_flags(struct mf *p, struct html *h, const char *name,
    const char *label)
{
	const char *v = form_page_val(&p->form, name);
	char what[160];

	if (v[0] == '\0')
		return;
	terms_read(p);
	/* "... to look at in the contingency plan" */
	text_cut(what, sizeof(what), strncmp(label, "In ", 3) == 0 ?
	    label + 3 : label);
	if (what[0] >= 'A' && what[0] <= 'Z')
		what[0] = (char)(what[0] - 'A' + 'a');
	(void)plain_view_flags(h, what, v, p->terms, p->nterms);
}

/* A family-facing text area, with the plain-language flags of what it
 * holds (nothing is flagged in an empty one). */
void
mf_plain_textarea(struct mf *p, struct html *h, const char *name,
    const char *label, const char *hint)
{
	form_page_textarea(&p->form, h, name, label, hint);
	plain_flags(p, h, name, label);
}

/* ========================================================= long texts */

/* The parts of a long text are NAME, NAME_2, NAME_3, ... */
static void
part_name(char *out, size_t cap, const char *name, int i)
{
	if (i == 0)
		snprintf(out, cap, "%s", name);
	else
		snprintf(out, cap, "%s_%d", name, i + 1);
}

/* Split `text` into defaults NAME, NAME_2... of at most PART_MAX bytes,
 * at a blank line where there is one, else a line break, a space, a
 * character boundary; returns how many parts. */
int
mf_def_parts(struct mf *p, const char *name, const char *text, int max)
{
	const char *s = text_nz(text);
	char n[FORM_NAME_MAX + 1];
	int k = 0;

	while (*s != '\0' && k < max) {
		size_t len = strlen(s), cut = len, skip = 0;

		if (len > PART_MAX && k < max - 1) {
			cut = 0;
			for (size_t i = PART_MAX; i > PART_MAX / 2 && !cut; i--)
				if (s[i - 1] == '\n' && s[i] == '\n') {
					cut = i - 1;
					skip = 2;
				}
			for (size_t i = PART_MAX; i > PART_MAX / 2 && !cut; i--)
				if (s[i] == '\n' || s[i] == ' ') {
					cut = i;
					skip = 1;
				}
			if (!cut) {
				cut = PART_MAX;
				while (cut > 0 && ((unsigned char)s[cut] &
				    0xc0) == 0x80)
					cut--;
			}
		}
		part_name(n, sizeof(n), name, k);
		form_page_def(&p->form, n, "%.*s", (int)cut, s);
		s += cut + skip;
		while (*s == '\n' || *s == '\r')
			s++;
		k++;
	}
	return k;
}

/* The parts as one text (owned by the caller): each trimmed, line breaks
 * as LF, joined by a blank line. */
char *
mf_joined(const struct mf *p, const char *name, int nparts)
{
	size_t cap = 1, len = 0;
	char n[FORM_NAME_MAX + 1], *out;

	for (int i = 0; i < nparts; i++) {
		part_name(n, sizeof(n), name, i);
		cap += strlen(form_page_val(&p->form, n)) + 2;
	}
	out = xmalloc(cap);
	out[0] = '\0';
	for (int i = 0; i < nparts; i++) {
		const char *v, *e;

		part_name(n, sizeof(n), name, i);
		v = form_page_val(&p->form, n);
		while (*v == ' ' || *v == '\n' || *v == '\r' || *v == '\t')
			v++;
		e = v + strlen(v);
		while (e > v && (e[-1] == ' ' || e[-1] == '\n' ||
		    e[-1] == '\r' || e[-1] == '\t'))
			e--;
		if (e == v)
			continue;
		if (len > 0) {
			memcpy(out + len, "\n\n", 2);
			len += 2;
		}
		for (; v < e; v++)
			if (!(*v == '\r' && v + 1 < e && v[1] == '\n'))
				out[len++] = *v == '\r' ? '\n' : *v;
	}
	out[len] = '\0';
	return out;
}

void
mf_parts_fields(struct mf *p, const char *name, const char *label, int nparts)
{
	char n[FORM_NAME_MAX + 1];

	for (int i = 0; i < nparts; i++) {
		part_name(n, sizeof(n), name, i);
		form_page_field(&p->form, n, label, false, false, mf_valid_note,
		    PART_MAX + 200);
	}
}

/* The parts a body holds, or defaults: at least `min`, at most `max`. */
int
mf_parts_count(const struct mf *p, const char *name, int min, int max)
{
	char n[FORM_NAME_MAX + 1];
	int k = 1;

	if (p->form.body != NULL) {
		for (int i = 1; i < max; i++) {
			part_name(n, sizeof(n), name, i);
			if (form_get(p->form.body, n) != NULL)
				k = i + 1;
		}
		return k < min ? min : k;
	}
	for (int i = 0; i < max; i++) {
		part_name(n, sizeof(n), name, i);
		for (int j = 0; j < p->form.nd; j++)
			if (strcmp(p->form.d[j].name, n) == 0)
				k = i + 1;
	}
	/* One empty part more than the text needs, to go on writing. */
	if (k < max && form_page_val(&p->form, name)[0] != '\0')
		k++;
	return k < min ? min : k;
}

void
mf_parts_render(struct mf *p, struct html *h, const char *name,
    const char *label, const char *hint, bool plain)
{
	char n[FORM_NAME_MAX + 1], l[160], hn[200];

	for (int i = 0; i < p->parts; i++) {
		part_name(n, sizeof(n), name, i);
		if (i == 0) {
			text_cut(l, sizeof(l), label);
			text_cut(hn, sizeof(hn), hint);
		} else {
			snprintf(l, sizeof(l), "%.120s (continued, part %d)",
			    label, i + 1);
			snprintf(hn, sizeof(hn), "Only if it is longer than one "
			    "box holds (about %d characters each)", PART_MAX);
		}
		form_page_textarea_rows(&p->form, h, n, l, hn, 15);
		if (plain)
			plain_flags(p, h, n, l);
	}
	html_lit(h, "<input type=\"hidden\" name=\"parts\"");
	html_attrf(h, "value", "%d", p->parts);
	html_lit(h, ">");
}

/* ====================================================== the page frame */

static struct mf *
mf_new(struct req *r, struct resp *w, const struct mform *f)
{
	struct mf *p = xcalloc(1, sizeof(*p));

	p->r = r;
	p->w = w;
	p->f = f;
	form_page_init(&p->form, NULL);
	p->audit = f->audit;
	p->own_kind = -1;
	p->id2 = r->nids > 1 ? web_id(r, 1) : 0;
	return p;
}

static void
mf_free(struct mf *p)
{
	if (p == NULL)
		return;
	form_page_clear(&p->form);
	if (p->opened)
		mc_close(&p->c);
	meeting_free(p->nm);
	free(p->text);
	free(p->conf);
	free(p->chairs);
	free(p->agencies);
	free(p->partners);
	free(p->terms);
	free(p);
}

/* Booking: the child's record, ACCESS_CONFERENCE on it. */
static bool
open_child(struct mf *p)
{
	int64_t id = web_id(p->r, 0);
	enum access_result a = web_child_access(p->r, id, ACCESS_CONFERENCE,
	    NULL);
	struct child ch;

	if (a != ACCESS_ALLOW) {
		if (a == ACCESS_DENY)
			a = web_child_access(p->r, id, ACCESS_VIEW, NULL);
		if (a == ACCESS_NEEDS_GLASS)
			web_redirect(p->w, "/children/%" PRId64 "/break-glass",
			    id);
		else if (a == ACCESS_ALLOW)
			web_forbidden(p->r, p->w, "Only the child's social "
			    "worker or their team manager can book the child's "
			    "conferences.");
		else
			web_not_found(p->r, p->w);
		return false;
	}
	if (!web_found(p->r, p->w, store_child_get(p->r->st, id, &ch)))
		return false;
	memset(&p->c, 0, sizeof(p->c));
	p->c.r = p->r;
	p->c.w = p->w;
	p->c.m = meeting_new();
	p->c.level = MC_RUN;
	p->opened = true;
	p->c.m->children[0].child_id = id;
	p->c.m->n_children = 1;
	ui_full_name(p->c.names[0], ch.given_name, ch.family_name);
	p->c.dobs[0] = ch.birth_date;
	text_cut(p->caption, sizeof(p->caption), p->c.names[0]);
	snprintf(p->back, sizeof(p->back), "/children/%" PRId64
	    "#conferences", id);
	snprintf(p->action, sizeof(p->action), "/children/%" PRId64
	    "/conferences/book", id);
	return true;
}

/* Open what the form is about: false when the request has been
 * answered. */
static bool
mf_open(struct mf *p)
{
	const struct mform *f = p->f;

	if (f->child_route) {
		if (!open_child(p))
			return false;
	} else {
		if (!mc_open(&p->c, p->r, p->w, web_id(p->r, 0), f->need)) {
			p->opened = true;
			return false;
		}
		p->opened = true;
		mc_names(&p->c, p->caption, sizeof(p->caption));
		snprintf(p->back, sizeof(p->back), "/conferences/%" PRId64
		    "#%s", p->c.m->id, f->anchor);
		snprintf(p->action, sizeof(p->action), "%s", p->r->path);
	}
	text_cut(p->title, sizeof(p->title), f->title);
	if (f->find != NULL && !f->find(p)) {
		if (!p->answered)
			web_not_found(p->r, p->w);
		return false;
	}
	return true;
}

static void
show(struct mf *p, int status)
{
	struct html *h = &p->w->body;
	const char *saved = meeting_saved_title(form_get(&p->r->query,
	    "saved"));

	p->w->status = status;
	ui_page_start_errors(p->r, p->w, p->title, &p->form.e);
	ui_back_link(h, p->back);
	if (saved != NULL && p->form.body == NULL)
		ui_success(h, saved, NULL);
	ui_heading(h, p->caption, p->title);
	if (p->readonly) {
		p->f->render(p, h);
		html_lit(h, "<p class=\"govuk-body\">");
		ui_link(h, p->back, "Back to the conference");
		html_lit(h, "</p>");
		ui_page_end(p->r, p->w);
		return;
	}
	ui_form_start(p->r, h, p->action);
	p->f->render(p, h);
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, p->f->button);
	if (p->f->another != NULL) {
		html_lit(h, "<button type=\"submit\" name=\"next\" value=\""
		    "another\" class=\"govuk-button govuk-button--secondary\">");
		html_text(h, p->f->another);
		html_lit(h, "</button>");
	}
	if (p->rows_o + p->rows_a + p->rows_c > 0) {
		/* The plan's "add a row" buttons come after its save button,
		 * so that Enter in a box saves. */
		int left = FORM_MAX_FIELDS - PLAN_FIXED - p->rows_o *
		    PLAN_OUTCOME_FIELDS - p->rows_a * PLAN_ACTION_FIELDS -
		    p->rows_c * PLAN_CORE_FIELDS;

		if (left >= PLAN_OUTCOME_FIELDS &&
		    p->rows_o < MEETING_OUTCOMES_MAX)
			html_lit(h, "<button type=\"submit\" name=\"more\" "
			    "value=\"outcomes\" class=\"govuk-button govuk-"
			    "button--secondary\">Add a row: what must change"
			    "</button>");
		if (left >= PLAN_ACTION_FIELDS &&
		    p->rows_a < MEETING_ACTIONS_MAX)
			html_lit(h, "<button type=\"submit\" name=\"more\" "
			    "value=\"actions\" class=\"govuk-button govuk-"
			    "button--secondary\">Add a row: who does what"
			    "</button>");
		if (left >= PLAN_CORE_FIELDS && p->rows_c < MEETING_CORE_MAX)
			html_lit(h, "<button type=\"submit\" name=\"more\" "
			    "value=\"core\" class=\"govuk-button govuk-button--"
			    "secondary\">Add a row: core group</button>");
	}
	html_lit(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", p->back);
	html_lit(h, ">Cancel</a></div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

/* Audit the view of the form (every child), then show it. */
static void
again(struct mf *p, int status)
{
	if (mc_audit_view(&p->c))
		show(p, status);
}

/* Fields a person never fills in: no problem is pointed at them. */
static const char *const unseen[] = { "csrf", "version", "rows_o", "rows_a",
	"rows_c", "more", "next", "parts", "from" };

/* Point a problem at a field that is on the page (form_page_check's map;
 * ctx is the struct mf). */
static void
map_field(void *ctx, struct hdiag *d)
{
	struct mf *p = ctx;

	if (p->f->map != NULL)
		p->f->map(p, d);
	form_page_map(&p->form, d, unseen, sizeof(unseen) / sizeof(unseen[0]));
}

void
mf_get(struct req *r, struct resp *w, const struct mform *f)
{
	struct mf *p = mf_new(r, w, f);

	if (mf_open(p)) {
		if (f->defaults != NULL)
			f->defaults(p);
		again(p, 200);
	}
	mf_free(p);
}

/* Where a saved form goes: the conference's page (a booking: the new
 * one's), or the form again. */
static void
saved_redirect(struct mf *p)
{
	const struct mform *f = p->f;
	int64_t id = p->c.m->id;

	if (f->another != NULL && strcmp(form_page_val(&p->form, "next"),
	    "another") == 0)
		web_redirect(p->w, "%s?saved=%s", p->r->path, f->saved);
	else if (f->back_to_form)
		web_redirect(p->w, "%s?saved=%s", p->r->path, f->saved);
	else if (p->c.level == MC_PARTNER)
		web_redirect(p->w, "/conferences/%" PRId64 "?saved=%s#%s", id,
		    f->saved, "your-report");
	else
		web_redirect(p->w, "/conferences/%" PRId64 "?saved=%s#%s", id,
		    f->saved, f->anchor);
}

void
mf_post(struct req *r, struct resp *w, const struct mform *f)
{
	struct journey_ctx cx;
	struct hdiag d;
	struct mf *p = mf_new(r, w, f);
	char when[60];
	bool answered;
	enum herr x;

	p->form.body = &r->body;
	if (!mf_open(p))
		goto out;
	form_page_field(&p->form, "csrf", "Form token", false, false, NULL, 64);
	if (f->another != NULL)
		form_page_field(&p->form, "next", "Next", false, false,
		    mf_valid_code, 16);
	f->fields(p);
	if (!form_page_check(&p->form, r, w, map_field, p, &answered)) {
		if (!answered)
			again(p, 422);
		goto out;
	}
	/* "Add a row": the same form, longer, nothing saved. */
	if (form_get(p->form.body,
	    "more") != NULL && form_page_has_field(&p->form, "more")) {
		again(p, 200);
		goto out;
	}
	if (!f->parse(p) || p->form.e.n > 0) {
		again(p, 422);
		goto out;
	}
	memset(&cx, 0, sizeof(cx));
	cx.today = r->today;
	cx.by = r->who.staff_id;
	cx.now = r->now;
	cx.conflict = &p->ch;
	if (!web_begin(r, w))
		goto out;
	hdiag_clear(&d);
	x = f->save(p, &cx, &d);
	if (x == HERR_OK) {
		if (mc_commit(&p->c, p->audit))
			saved_redirect(p);
		goto out;
	}
	store_rollback(r->st);
	switch (x) {
	case HERR_INVALID:
	case HERR_RANGE:
		if (d.msg[0] == '\0')
			snprintf(d.msg, sizeof(d.msg), "This cannot be "
			    "recorded: check the dates and try again");
		map_field(p, &d);
		form_page_error_add(&p->form, &d);
		again(p, 422);
		break;
	case HERR_CONFLICT:
		/* Someone else's save came first: keep this person's input,
		 * say whose, and take the new version so that saving again
		 * is a choice made knowing both. */
		hdiag_clear(&d);
		snprintf(d.msg, sizeof(d.msg), "Someone else saved a change "
		    "to this conference at %s (%.60s). Nothing you entered has "
		    "been saved. Check the conference and save again if your "
		    "change is still needed.", p->ch.at > 0 ? mp_when(p->ch.at,
		    when, sizeof(when)) : "an unknown time", p->ch.by_name[0] ?
		    p->ch.by_name : "name not recorded");
		form_page_first_field(&p->form, unseen, sizeof(unseen) /
		    sizeof(unseen[0]), d.field, sizeof(d.field));
		form_page_error_add(&p->form, &d);
		snprintf(p->form.version, sizeof(p->form.version), "%" PRId64,
		    p->ch.version);
		again(p, 409);
		break;
	case HERR_NOTFOUND:
		web_not_found(r, w);
		break;
	default:
		web_unavailable(r, w);
		break;
	}
out:
	mf_free(p);
}

/* ============================================================ lists */

static const struct person *
person_find(const struct person *list, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	return NULL;
}

static bool
add_chair(const struct store_user *u, void *ctx)
{
	struct mf *p = ctx;
	struct person *c;

	if (!u->staff.active || u->staff.role != ROLE_CP_CHAIR)
		return true;
	if (p->nchairs >= CHAIRS_MAX)
		return false;
	c = &p->chairs[p->nchairs++];
	memset(c, 0, sizeof(*c));
	c->id = u->staff.id;
	ui_full_name(c->name, u->staff.given_name, u->staff.family_name);
	snprintf(c->value, sizeof(c->value), "%" PRId64, c->id);
	return true;
}

static bool
load_chairs(struct mf *p)
{
	enum staff_role role = ROLE_CP_CHAIR;

	p->chairs = xcalloc(CHAIRS_MAX, sizeof(*p->chairs));
	p->nchairs = 0;
	return store_users_each(p->r->st, &role, add_chair, p) == HERR_OK;
}

static bool
add_agency(const struct agency *a, void *ctx)
{
	struct mf *p = ctx;
	struct person *x;

	if (p->nagencies >= AGENCIES_MAX)
		return false;
	x = &p->agencies[p->nagencies++];
	memset(x, 0, sizeof(*x));
	x->id = a->id;
	text_cut(x->name, sizeof(x->name), a->name);
	text_cut(x->agency, sizeof(x->agency), a->name);
	x->agency_id = a->id;
	snprintf(x->value, sizeof(x->value), "%" PRId64, a->id);
	return true;
}

static bool
add_partner(const struct store_user *u, void *ctx)
{
	struct mf *p = ctx;
	struct person *x;
	char name[UI_NAME_LEN];

	if (!u->staff.active || u->staff.role != ROLE_PARTNER_PRACTITIONER)
		return true;
	if (p->npartners >= PARTNERS_MAX)
		return false;
	x = &p->partners[p->npartners++];
	memset(x, 0, sizeof(*x));
	x->id = u->staff.id;
	ui_full_name(name, u->staff.given_name, u->staff.family_name);
	snprintf(x->name, sizeof(x->name), "%s (%s)", name, u->agency);
	x->agency_id = u->staff.agency_id;
	text_cut(x->agency, sizeof(x->agency), u->agency);
	snprintf(x->value, sizeof(x->value), "%" PRId64, x->id);
	return true;
}

/* A select of people or agencies, with a first "none" option. */
static void
person_select(struct mf *p, struct html *h, const char *name,
    const char *label, const char *none, const struct person *list, int n)
{
	struct ui_option *opts = xcalloc((size_t)n + 1, sizeof(*opts));

	opts[0] = (struct ui_option){ "", none };
	for (int i = 0; i < n; i++)
		opts[i + 1] = (struct ui_option){ list[i].value, list[i].name };
	ui_select(h, &p->form.e, name, label, opts, n + 1,
	    form_page_val(&p->form, name));
	free(opts);
}

/* A chosen id from a list: true with *out (NULL when none chosen), false
 * with a problem added when it is not on the list. */
static bool
chosen(struct mf *p, const char *name, const struct person *list, int n,
    const char *what, const struct person **out)
{
	const char *v = form_page_val(&p->form, name);

	*out = NULL;
	if (v[0] == '\0')
		return true;
	if ((*out = person_find(list, n, text_id(v))) == NULL) {
		form_page_problem(&p->form, name, "Select %s from the list",
		    what);
		return false;
	}
	return true;
}

/* ========================================================== booking */

static bool
current(hday start, hday end, hday today)
{
	return (start == HDAY_NONE || start <= today) &&
	    (end == HDAY_NONE || end >= today);
}

/* Whether an ICPC has been held for enquiry s. */
static bool
s47_conferenced(const struct journey *j, int64_t s47_id)
{
	for (int i = 0; i < j->n_conferences; i++)
		for (int k = 0; k < j->conferences[i].n_children; k++)
			if (j->conferences[i].children[k].s47_id == s47_id)
				return true;
	return false;
}

/* The conference a child's journey is ready for: an ICPC after an
 * enquiry that decided on one, a review while a plan is open; -1. */
static int
ready_kind(const struct journey *j)
{
	if (journey_open_plan(j, PLAN_CP) != NULL)
		return CONF_REVIEW;
	for (int i = j->n_s47s - 1; i >= 0; i--)
		if (j->s47s[i].outcome == S47_CONFERENCE &&
		    !s47_conferenced(j, j->s47s[i].id))
			return CONF_INITIAL;
	return -1;
}

static const char *
ready_words(int kind)
{
	return kind == CONF_INITIAL ? "waiting for an initial conference" :
	    kind == CONF_REVIEW ? "on a child protection plan" : "";
}

static bool
sibling_known(const struct mf *p, int64_t id)
{
	for (int i = 0; i < p->nsib; i++)
		if (p->sib[i].id == id)
			return true;
	return false;
}

/*
 * Where the child is, and the children living with them now whose
 * conferences the user may run, each with where they are: all the
 * children in a household are considered together (practice-models 6.3).
 * False on a store failure.
 */
static bool
load_siblings(struct mf *p)
{
	int64_t child = p->c.m->children[0].child_id;
	struct store_member hh[HH_MAX], *mm = NULL;
	struct journey *j = journey_new();
	int nh = 0, th = 0, n, t;
	bool ok = false;

	p->nsib = 0;
	if (store_journey_load(p->r->st, child, j, NULL) != HERR_OK)
		goto out;
	p->own_kind = ready_kind(j);
	if (store_child_households(p->r->st, child, hh, HH_MAX, &nh, &th) !=
	    HERR_OK)
		goto out;
	mm = xcalloc(CASE_LIST_MAX, sizeof(*mm));
	for (int i = 0; i < nh; i++) {
		if (!current(hh[i].start_date, hh[i].end_date, p->r->today))
			continue;
		if (store_household_members(p->r->st, hh[i].household_id,
		    p->r->today, mm, CASE_LIST_MAX, &n, &t) != HERR_OK)
			goto out;
		for (int k = 0; k < n && p->nsib < SIBLINGS_MAX; k++) {
			struct sibling *s = &p->sib[p->nsib];

			if (!mm[k].is_child || mm[k].person_id == child ||
			    !current(mm[k].start_date, mm[k].end_date,
			    p->r->today) || sibling_known(p, mm[k].person_id) ||
			    web_child_access(p->r, mm[k].person_id,
			    ACCESS_CONFERENCE, NULL) != ACCESS_ALLOW ||
			    store_journey_load(p->r->st, mm[k].person_id, j,
			    NULL) != HERR_OK)
				continue;
			memset(s, 0, sizeof(*s));
			s->id = mm[k].person_id;
			ui_full_name(s->name, mm[k].given_name,
			    mm[k].family_name);
			text_cut(s->state, sizeof(s->state),
			    ready_words(ready_kind(j)));
			p->nsib++;
		}
	}
	ok = true;
out:
	free(mm);
	journey_free(j);
	return ok;
}

static bool
book_find(struct mf *p)
{
	if (!load_chairs(p) || !load_siblings(p)) {
		web_unavailable(p->r, p->w);
		p->answered = true;
		return false;
	}
	return true;
}

/* The booking's questions shared with changing it. */
static void
when_fields(struct mf *p, bool transfer)
{
	form_page_date_fields(&p->form, "date", "Date of the conference");
	form_page_field(&p->form, "time", "Start time", false, false,
	    mf_valid_line, 40);
	form_page_field(&p->form, "place", "Where", false, false, mf_valid_line,
	    MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "chair_id", "Chair", false, false,
	    form_page_valid_digits, 20);
	if (transfer)
		form_page_date_fields(&p->form, "notified_date",
		    "Date we were told");
}

static void
book_fields(struct mf *p)
{
	form_page_field(&p->form, "kind", "Kind of conference", false, false,
	    mf_valid_code, 20);
	when_fields(p, true);
	if (p->nsib > 0)
		form_page_field(&p->form, "children", "Other children", false,
		    true, form_page_valid_digits, 20);
}

static void
book_defaults(struct mf *p)
{
	int k = conference_kind_parse(text_nz(form_get(&p->r->query, "kind")));

	if (k < 0 || k >= CONF__COUNT)
		k = p->own_kind;
	if (k >= 0)
		form_page_def(&p->form, "kind", "%s", conference_kind_code(
		    (enum conference_kind)k));
	form_page_def(&p->form, "time", "10:00");
}

static void
when_render(struct mf *p, struct html *h, bool transfer)
{
	struct ui_option *chairs = xcalloc((size_t)p->nchairs + 1,
	    sizeof(*chairs));

	form_page_date_input(&p->form, h, "date", "Date of the conference",
	    "Conferences are "
	    "held on working days. For example, 27 3 2026");
	form_page_input(&p->form, h, "time", "Start time",
	    "For example, 10:30 or 2pm. "
	    "Conferences start between 8am and 6pm.", UI_W_5);
	form_page_input(&p->form, h, "place", "Where",
	    "The room and building, or how to join "
	    "online", UI_W_FULL);
	chairs[0] = (struct ui_option){ "", "Not named yet" };
	for (int i = 0; i < p->nchairs; i++)
		chairs[i + 1] = (struct ui_option){ p->chairs[i].value,
		    p->chairs[i].name };
	ui_select(h, &p->form.e, "chair_id", "Chair", chairs, p->nchairs + 1,
	    form_page_val(&p->form, "chair_id"));
	free(chairs);
	if (transfer)
		form_page_date_input(&p->form, h, "notified_date",
		    "Transfer-in conferences "
		    "only: when were we told the child had moved here?",
		    "The conference is due within 15 working days of this. "
		    "For example, 27 3 2026");
}

static void
book_render(struct mf *p, struct html *h)
{
	static const struct ui_option kinds[] = {
		{ "icpc", "Initial child protection conference" },
		{ "rcpc", "Review child protection conference" },
		{ "transfer-in", "Transfer-in conference" },
	};
	struct ui_option kids[SIBLINGS_MAX];
	char hint[400], labels[SIBLINGS_MAX][UI_NAME_LEN + 90],
	    values[SIBLINGS_MAX][24];

	if (p->own_kind >= 0)
		snprintf(hint, sizeof(hint), "%.200s is %s.", p->c.names[0],
		    ready_words(p->own_kind));
	else
		snprintf(hint, sizeof(hint), "%.200s is not waiting for an "
		    "initial conference and has no child protection plan.",
		    p->c.names[0]);
	form_page_radios(&p->form, h, "kind", "What kind of conference?", hint,
	    kinds, 3);
	when_render(p, h, true);
	if (p->nsib > 0) {
		for (int i = 0; i < p->nsib; i++) {
			snprintf(values[i], sizeof(values[i]), "%" PRId64,
			    p->sib[i].id);
			snprintf(labels[i], sizeof(labels[i]), "%s%s%s%s",
			    p->sib[i].name, p->sib[i].state[0] ? " (" : "",
			    p->sib[i].state, p->sib[i].state[0] ? ")" : "");
			kids[i] = (struct ui_option){ values[i], labels[i] };
		}
		snprintf(hint, sizeof(hint), "All the children in a household "
		    "are considered together. Select each child who will be "
		    "discussed with %.200s.", p->c.names[0]);
		form_page_checkboxes(&p->form, h, "children",
		    "Which other children in the "
		    "household are included?", hint, kids, p->nsib);
	}
}

/* The booking details in the boxes into m; problems added. */
static void
when_parse(struct mf *p, struct meeting *m)
{
	const struct person *chair;
	const char *t = form_page_val(&p->form, "time");

	(void)form_page_date_value(&p->form, "date",
	    "the date of the conference", true, &m->date);
	m->minute = mp_parse_clock(t);
	if (t[0] == '\0')
		form_page_problem(&p->form, "time", "Enter the start time");
	else if (m->minute < 0) {
		form_page_problem(&p->form, "time",
		    "Enter the start time as hours and "
		    "minutes, like 10:30 or 2pm");
		m->minute = 0;
	}
	text_trim(m->place, sizeof(m->place), form_page_val(&p->form,
	    "place"));
	if (chosen(p, "chair_id", p->chairs, p->nchairs, "the chair", &chair))
		m->chair_id = chair != NULL ? chair->id : 0;
	m->notified_date = HDAY_NONE;
	if (m->kind == CONF_TRANSFER_IN)
		(void)form_page_date_value(&p->form, "notified_date",
		    "the date we were told "
		    "about the child", true, &m->notified_date);
}

void
mf_child_blank(struct meeting_child *c, int64_t id)
{
	memset(c, 0, sizeof(*c));
	c->child_id = id;
	c->part = PART_NOT_RECORDED;
	c->advocate_offered_on = HDAY_NONE;
}

static bool
book_parse(struct mf *p)
{
	struct meeting *m = p->c.m;
	int64_t first = m->children[0].child_id;
	int k = conference_kind_parse(form_page_val(&p->form, "kind"));

	m->kind = CONF_INITIAL;
	if (k < 0 || k >= CONF__COUNT)
		form_page_problem(&p->form, "kind",
		    "Select the kind of conference");
	else
		m->kind = (enum conference_kind)k;
	m->status = MEETING_BOOKED;
	when_parse(p, m);
	mf_child_blank(&m->children[0], first);
	m->n_children = 1;
	for (int i = 0; i < p->form.body->n; i++) {
		int64_t id;

		if (strcmp(p->form.body->pair[i].name, "children") != 0 ||
		    p->form.body->pair[i].value[0] == '\0')
			continue;
		id = text_id(p->form.body->pair[i].value);
		if (!sibling_known(p, id)) {
			form_page_problem(&p->form, "children",
			    "Select children from the list");
			continue;
		}
		if (m->n_children < CONFERENCE_CHILDREN_MAX)
			mf_child_blank(&m->children[m->n_children++], id);
	}
	m->booked_by = p->r->who.staff_id;
	m->booked_at = p->r->now;
	return true;
}

static enum herr
book_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_meeting_book(p->r->st, p->c.m, cx, d);
}

static void
when_map(struct mf *p, struct hdiag *d)
{
	if (strcmp(d->field, "minute") == 0)
		text_cut(d->field, sizeof(d->field), "time");
	else if (strncmp(d->field, "child", 5) == 0)
		text_cut(d->field, sizeof(d->field), p->nsib > 0 &&
		    form_page_has_field(&p->form,
		    "children") ? "children" : form_page_has_field(&p->form,
		    "kind") ? "kind" : "date");
}

static const struct mform book_form = {
	.title = "Book a conference",
	.button = "Book the conference",
	.saved = "meeting-booked",
	.anchor = "before",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.child_route = true,
	.find = book_find,
	.fields = book_fields,
	.defaults = book_defaults,
	.render = book_render,
	.parse = book_parse,
	.save = book_save,
	.map = when_map,
};

/* ============================================== changing the booking */

static bool
edit_find(struct mf *p)
{
	if (!load_chairs(p)) {
		web_unavailable(p->r, p->w);
		p->answered = true;
		return false;
	}
	if (p->c.m->status != MEETING_BOOKED)
		p->readonly = true;
	return true;
}

static void
edit_fields(struct mf *p)
{
	when_fields(p, p->c.m->kind == CONF_TRANSFER_IN);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
edit_defaults(struct mf *p)
{
	const struct meeting *m = p->c.m;
	char c[8];

	form_page_def_date(&p->form, "date", m->date);
	form_page_def(&p->form, "time", "%s", mp_clock(m->minute, c,
	    sizeof(c)));
	form_page_def(&p->form, "place", "%s", m->place);
	if (m->chair_id > 0)
		form_page_def(&p->form, "chair_id", "%" PRId64, m->chair_id);
	form_page_def_date(&p->form, "notified_date", m->notified_date);
	form_page_def_version(&p->form, m->version);
}

static void
edit_render(struct mf *p, struct html *h)
{
	if (p->readonly) {
		ui_para(h, "Only a conference that is still booked can be "
		    "changed.");
		return;
	}
	ui_para(h, conference_kind_label(p->c.m->kind));
	when_render(p, h, p->c.m->kind == CONF_TRANSFER_IN);
	form_page_version_hidden(&p->form, h);
}

static bool
edit_parse(struct mf *p)
{
	p->nm = meeting_new();
	memcpy(p->nm, p->c.m, sizeof(*p->nm));
	when_parse(p, p->nm);
	return true;
}

static enum herr
edit_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_meeting_update(p->r->st, p->nm,
	    form_page_version_value(&p->form), cx, d);
}

static const struct mform edit_form = {
	.title = "Change the booking",
	.button = "Save the changes",
	.saved = "meeting-changed",
	.anchor = "before",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.find = edit_find,
	.fields = edit_fields,
	.defaults = edit_defaults,
	.render = edit_render,
	.parse = edit_parse,
	.save = edit_save,
	.map = when_map,
};

/* ========================================================= cancelling */

static bool
cancel_find(struct mf *p)
{
	if (p->c.m->status != MEETING_BOOKED)
		p->readonly = true;
	return true;
}

static void
cancel_fields(struct mf *p)
{
	form_page_field(&p->form, "reason", "Why it is cancelled", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
cancel_defaults(struct mf *p)
{
	form_page_def_version(&p->form, p->c.m->version);
}

static void
cancel_render(struct mf *p, struct html *h)
{
	if (p->readonly) {
		ui_para(h, "Only a conference that is still booked can be "
		    "cancelled.");
		return;
	}
	ui_warning(h, "Cancelling cannot be undone. Tell everyone who was "
	    "invited.");
	form_page_textarea(&p->form, h, "reason",
	    "Why is the conference cancelled?",
	    "Up to 2000 characters.");
	form_page_version_hidden(&p->form, h);
}

static bool
cancel_parse(struct mf *p)
{
	p->text = mf_joined(p, "reason", 1);
	if (p->text[0] == '\0')
		form_page_problem(&p->form, "reason",
		    "Enter why the conference is cancelled");
	return true;
}

static enum herr
cancel_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_meeting_cancel(p->r->st, p->c.m->id, p->text,
	    form_page_version_value(&p->form), cx, d);
}

static void
reason_map(struct mf *p, struct hdiag *d)
{
	(void)p;
	if (strcmp(d->field, "cancel_reason") == 0)
		text_cut(d->field, sizeof(d->field), "reason");
}

static const struct mform cancel_form = {
	.title = "Cancel the conference",
	.button = "Cancel the conference",
	.saved = "meeting-cancelled",
	.anchor = "before",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.find = cancel_find,
	.fields = cancel_fields,
	.defaults = cancel_defaults,
	.render = cancel_render,
	.parse = cancel_parse,
	.save = cancel_save,
	.map = reason_map,
};

/* ======================================================== invitations */

static bool
invitee_find(struct mf *p)
{
	enum staff_role role = ROLE_PARTNER_PRACTITIONER;

	p->agencies = xcalloc(AGENCIES_MAX, sizeof(*p->agencies));
	p->partners = xcalloc(PARTNERS_MAX, sizeof(*p->partners));
	if (store_dir_agencies(p->r->st, add_agency, p) != HERR_OK ||
	    store_users_each(p->r->st, &role, add_partner, p) != HERR_OK) {
		web_unavailable(p->r, p->w);
		p->answered = true;
		return false;
	}
	return true;
}

static void
invitee_fields(struct mf *p)
{
	form_page_field(&p->form, "kind", "Who you are inviting", false, false,
	    mf_valid_code, 20);
	form_page_field(&p->form, "name", "Name", false, false, mf_valid_line,
	    MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "role", "Role", false, false, mf_valid_line,
	    MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "agency_id", "Agency", false, false,
	    form_page_valid_digits, 20);
	form_page_field(&p->form, "agency_other", "Agency", false, false,
	    mf_valid_line, MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "staff_id", "Account", false, false,
	    form_page_valid_digits, 20);
	form_page_date_fields(&p->form, "invited_on", "Date invited");
	form_page_field(&p->form, "report_expected", "Report expected", false,
	    false, mf_valid_yesno, 3);
}

static void
invitee_defaults(struct mf *p)
{
	/* A conference recorded after the day was not invited to later. */
	form_page_def_date(&p->form, "invited_on", p->c.m->date != HDAY_NONE &&
	    p->c.m->date < p->r->today ? p->c.m->date : p->r->today);
	form_page_def(&p->form, "report_expected", "yes");
}

static void
invitee_render(struct mf *p, struct html *h)
{
	static const struct ui_option kinds[] = {
		{ "family", "A parent, carer or the child" },
		{ "network", "Someone from the family's network: a relative or "
		    "friend" },
		{ "agency", "A professional from an agency" },
	};

	form_page_radios(&p->form, h, "kind", "Who are you inviting?", NULL,
	    kinds, 3);
	form_page_input(&p->form, h, "name", "Name", NULL, UI_W_20);
	form_page_input(&p->form, h, "role", "Role or relationship",
	    "For example, mother, "
	    "grandfather, health visitor or class teacher", UI_W_20);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Professionals only</h2>");
	person_select(p, h, "agency_id", "Agency", "Not on this list",
	    p->agencies, p->nagencies);
	form_page_input(&p->form, h, "agency_other",
	    "Or type the agency's name", "If it is "
	    "not on the list", UI_W_20);
	person_select(p, h, "staff_id", "Their account on this system "
	    "(optional)", "No account", p->partners, p->npartners);
	ui_para(h, "Someone with an account can write their agency's report "
	    "here themselves. They see only when and where the conference "
	    "is, who it is about, their own report and the agencies' "
	    "documents.");
	form_page_radios(&p->form, h, "report_expected",
	    "Is a report expected from them?",
	    "Every agency invited writes a report, whether or not they come",
	    mf_yesno, 2);
	form_page_date_input(&p->form, h, "invited_on",
	    "When were they invited?", NULL);
}

static bool
invitee_parse(struct mf *p)
{
	struct invitee *v = &p->inv;
	const struct person *ag = NULL, *st = NULL;
	char other[MEETING_NAME_MAX + 1];
	int k = invitee_kind_parse(form_page_val(&p->form, "kind"));

	memset(v, 0, sizeof(*v));
	v->attendance = ATTEND_NOT_RECORDED;
	if (k < 0 || k >= INVITEE__COUNT) {
		form_page_problem(&p->form, "kind",
		    "Select who you are inviting");
		k = INVITEE_FAMILY;
	}
	v->kind = (enum invitee_kind)k;
	text_trim(v->name, sizeof(v->name), form_page_val(&p->form, "name"));
	text_trim(v->role, sizeof(v->role), form_page_val(&p->form, "role"));
	text_trim(other, sizeof(other), form_page_val(&p->form,
	    "agency_other"));
	(void)chosen(p, "agency_id", p->agencies, p->nagencies, "the agency",
	    &ag);
	(void)chosen(p, "staff_id", p->partners, p->npartners, "their "
	    "account", &st);
	(void)form_page_date_value(&p->form, "invited_on",
	    "the date they were invited", true, &v->invited_on);
	if (v->kind != INVITEE_AGENCY) {
		if (st != NULL)
			form_page_problem(&p->form, "staff_id",
			    "Only a professional from an "
			    "agency can have their account chosen here");
		v->report_expected = false;
		return true;
	}
	if (ag != NULL && other[0] != '\0')
		form_page_problem(&p->form, "agency_other",
		    "Select the agency or type its "
		    "name, not both");
	if (st != NULL && other[0] != '\0')
		form_page_problem(&p->form, "agency_other",
		    "For someone with an account, "
		    "select their agency from the list");
	if (st != NULL && ag != NULL && st->agency_id != ag->agency_id)
		form_page_problem(&p->form, "staff_id",
		    "Select someone from the agency you "
		    "chose, or no account");
	if (ag == NULL && st != NULL)
		ag = person_find(p->agencies, p->nagencies, st->agency_id);
	if (ag != NULL) {
		v->agency_id = ag->agency_id;
		text_cut(v->agency, sizeof(v->agency), ag->agency);
	} else if (st != NULL) {
		v->agency_id = st->agency_id;
		text_cut(v->agency, sizeof(v->agency), st->agency);
	} else
		text_cut(v->agency, sizeof(v->agency), other);
	v->staff_id = st != NULL ? st->id : 0;
	v->report_expected = strcmp(form_page_val(&p->form, "report_expected"),
	    "no") != 0;
	return true;
}

static enum herr
invitee_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_invitee_add(p->r->st, p->c.m->id, &p->inv, cx, d);
}

static void
invitee_map(struct mf *p, struct hdiag *d)
{
	(void)p;
	if (strcmp(d->field, "agency") == 0)
		text_cut(d->field, sizeof(d->field), "agency_id");
}

static const struct mform invitee_form = {
	.title = "Invite someone",
	.button = "Save the invitation",
	.another = "Save and invite someone else",
	.saved = "meeting-invited",
	.anchor = "invited",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.find = invitee_find,
	.fields = invitee_fields,
	.defaults = invitee_defaults,
	.render = invitee_render,
	.parse = invitee_parse,
	.save = invitee_save,
	.map = invitee_map,
};

/* ============================================================ routes */

#define FORM_ROUTES(name, form)						\
void mf_get_##name(struct req *r, struct resp *w)			\
{									\
	mf_get(r, w, &form);						\
}									\
void mf_post_##name(struct req *r, struct resp *w)			\
{									\
	mf_post(r, w, &form);						\
}

FORM_ROUTES(book, book_form)
FORM_ROUTES(edit, edit_form)
FORM_ROUTES(cancel, cancel_form)
FORM_ROUTES(invitee, invitee_form)
