/*
 * page_sos.c: Signs of Safety on the child's record: the map (what are we
 * worried about, what's working well, what needs to happen) and its
 * versions, the safety scales with everyone's ratings over time, and the
 * child's voice (Three Houses, Words and Pictures); the record's "Signs of
 * Safety" section; and the safety scale chart the conference pages borrow.
 *
 * The pages decide nothing about the practice model: each form is checked
 * against an allow-list (form_check), turned into sos.h's structs and
 * handed to record.h, whose diag names the field; the form is shown again
 * with the GOV.UK error summary and everything typed, with nothing saved.
 * A record and its audit row (AUDIT_CREATE for a new map version, rating
 * or piece of direct work, AUDIT_EDIT for a change; subject the child, and
 * for a family map every child it covers) commit in one transaction.
 * Family-facing texts (danger statements and safety goals, the Words and
 * Pictures explanation) are run through the plain-language checker
 * (plain_view.h) whenever they are shown to their author again; nothing is
 * ever blocked by it.
 *
 * Access: seeing a page needs ACCESS_VIEW; any change, and the forms that
 * make one, ACCESS_CONFERENCE.  Someone with no relationship to the child
 * gets the same 404 as for a missing child on every route; someone who may
 * see the record but not run the child's conferences (a partner agency) is
 * told so (403), as the journey's pages do for ACCESS_EDIT.  Pages that
 * show case content, forms included, are audited before they are written.
 *
 * The chart is SVG written on the server with presentation attributes
 * only (the Content-Security-Policy allows no inline style or script),
 * with a title and description, marker shapes as well as colours, and a
 * table of the same figures after it.  No JavaScript: rows to add are
 * blank rows.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/journey.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/sos.h"
#include "core/text.h"
#include "store/store_auth.h"
#include "store/store_case.h"
#include "store/store_meeting.h"
#include "store/store_sos.h"
#include "web/form_page.h"
#include "web/page_sos.h"
#include "web/plain_view.h"
#include "web/router.h"
#include "web/ui.h"
#include "core/banned.h"

#define BLANK_ROWS 3		/* empty rows to add statements, pairs, steps */
#define RATING_ROWS 6		/* people rated in one go */
#define RATINGS_PAGE 800	/* ratings a scales page charts */
#define RATINGS_SECTION 300	/* and the record's section */
#define HISTORY_MAX 60
#define VOICE_MAX 40
#define SERIES_MAX 24
#define MEETINGS_MAX 64
#define PEOPLE_MAX 64
#define SHORT_MAX 160		/* a statement "in short" */

/* ------------------------------------------------------------ helpers */

static bool
space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/*
 * Copy without the spaces and line breaks people leave at either end, a
 * line break typed as CR LF kept as LF.  Returns the length the whole
 * text takes so trimmed (which may be more than was copied: the copy is
 * cut at a character boundary to fit).
 */
static size_t
trimmed(char *dst, size_t cap, const char *v)
{
	size_t n, k = 0, all = 0;

	v = text_nz(v);
	while (space(*v))
		v++;
	n = strlen(v);
	while (n > 0 && space(v[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\r' && i + 1 < n && v[i + 1] == '\n')
			continue;
		all++;
		if (k + 1 < cap)
			dst[k++] = v[i];
	}
	/* Cut short: never end inside a character. */
	if (all > k && k > 0) {
		size_t j = k - 1, len = 1;
		unsigned char lead;

		while (j > 0 && ((unsigned char)dst[j] & 0xc0) == 0x80)
			j--;
		lead = (unsigned char)dst[j];
		if (lead >= 0xf0)
			len = 4;
		else if (lead >= 0xe0)
			len = 3;
		else if (lead >= 0xc0)
			len = 2;
		if (j + len > k)
			k = j;
	}
	dst[k] = '\0';
	return all;
}

/* The opening of a statement, cut at a word near SHORT_MAX bytes. */
static void
in_short(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(s), lim = cap - 4 < SHORT_MAX ? cap - 4 : SHORT_MAX;
	size_t k;

	if (n <= lim) {
		text_cut(dst, cap, s);
		return;
	}
	k = lim;
	while (k > lim / 2 && s[k] != ' ')
		k--;
	if (k <= lim / 2)
		k = lim;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	memcpy(dst, s, k);
	memcpy(dst + k, "...", 4);
}

/* Text of several lines, each line kept as a line. */
static void
lines(struct html *h, const char *s)
{
	const char *p = text_nz(s), *nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		size_t n = (size_t)(nl - p);

		if (n > 0 && p[n - 1] == '\r')
			n--;
		html_textn(h, p, n);
		html_lit(h, "<br>");
		p = nl + 1;
	}
	html_text(h, p);
}

/* "12 Mar 2026" for chart labels. */
static const char *
date_short(hday d, char *buf, size_t cap)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, day;

	if (d == HDAY_NONE) {
		text_cut(buf, cap, "");
		return buf;
	}
	hdate_to_ymd(d, &y, &m, &day);
	snprintf(buf, cap, "%d %s %d", day, mon[(m - 1) % 12], y);
	return buf;
}

/* ------------------------------------------------------------- access */

/*
 * Decide `op` on the child: true when allowed.  Otherwise the request is
 * answered: someone who may see the record but not change this is told so
 * (403); a restricted record the person has a reason to open sends them
 * to give it; anyone else gets the 404 of a missing record.
 */
static bool
gate(struct req *r, struct resp *w, int64_t id, enum access_op op)
{
	enum access_result a = web_child_access(r, id, op, NULL);

	if (a == ACCESS_ALLOW)
		return true;
	if (a == ACCESS_DENY && op != ACCESS_VIEW)
		a = web_child_access(r, id, ACCESS_VIEW, NULL);
	if (a == ACCESS_NEEDS_GLASS)
		web_redirect(w, "/children/%" PRId64 "/break-glass", id);
	else if (a == ACCESS_ALLOW)
		web_forbidden(r, w, "Only the child's social worker, their team "
		    "manager or the chair of the child's conference can change "
		    "the Signs of Safety map, the safety scales or the child's "
		    "direct work.");
	else
		web_not_found(r, w);
	return false;
}

static bool
may(struct req *r, int64_t id, enum access_op op)
{
	return web_child_access(r, id, op, NULL) == ACCESS_ALLOW;
}

/* Audit a view before showing case content; 503 when it could not be
 * recorded. */
static bool
audit_view(struct req *r, struct resp *w, int64_t id)
{
	if (web_audit(r, AUDIT_VIEW, SUBJECT_CHILD, id, NULL))
		return true;
	web_unavailable(r, w);
	return false;
}

/* One `action` row per child of ids[n], then the commit; rolls back and
 * answers 503 when either fails. */
static bool
audit_commit(struct req *r, struct resp *w, enum audit_action action,
    const int64_t *ids, int n)
{
	struct audit_row rows[SOS_CHILDREN_MAX];

	if (n > SOS_CHILDREN_MAX)
		n = SOS_CHILDREN_MAX;
	for (int i = 0; i < n; i++)
		web_audit_row(r, &rows[i], action, SUBJECT_CHILD, ids[i], NULL);
	if (store_audit_append(r->st, rows, n) != HERR_OK ||
	    store_commit(r->st) != HERR_OK) {
		store_rollback(r->st);
		web_unavailable(r, w);
		return false;
	}
	return true;
}

/* The child's name, or the request answered (404 or 503): false. */
static bool
child_load(struct req *r, struct resp *w, int64_t id, struct child *c,
    char name[UI_NAME_LEN])
{
	if (!web_found(r, w, store_child_get(r->st, id, c)))
		return false;
	ui_full_name(name, c->given_name, c->family_name);
	return true;
}

/* The child's conferences, newest first (none on a store failure). */
static int
meetings_of(struct req *r, int64_t child_id, struct meeting_summary *ms)
{
	int n = 0;

	if (store_meetings_child(r->st, child_id, ms, MEETINGS_MAX, &n) !=
	    HERR_OK)
		return 0;
	return n;
}

static const struct meeting_summary *
meeting_find(const struct meeting_summary *ms, int n, int64_t id)
{
	for (int i = 0; id > 0 && i < n; i++)
		if (ms[i].id == id)
			return &ms[i];
	return NULL;
}

/* "Initial child protection conference, 12 March 2026". */
static void
meeting_words(const struct meeting_summary *m, char *buf, size_t cap)
{
	char d[40];

	snprintf(buf, cap, "%s, %s", conference_kind_label(m->kind),
	    ui_date_long(m->date, d, sizeof(d)));
}

/* ------------------------------------------------------- form state */

/*
 * One form page while being shown or saved, whichever form it is: the
 * child, and form_page.h's values, allow-list and problems.  Large: on
 * the heap.
 */
struct fs {
	struct req *r;
	struct resp *w;
	int64_t child_id;
	struct child child;
	char name[UI_NAME_LEN];
	struct form_page form;		/* values, allow-list, problems */
	struct store_change ch;
	struct plain_term *terms;	/* the authority's, read once */
	int nterms;
	bool terms_read;
};

static struct fs *
fs_new(struct req *r, struct resp *w)
{
	struct fs *p = xcalloc(1, sizeof(*p));

	p->r = r;
	p->w = w;
	p->child_id = web_id(r, 0);
	form_page_init(&p->form, NULL);
	return p;
}

static void
fs_free(struct fs *p)
{
	if (p == NULL)
		return;
	form_page_clear(&p->form);
	free(p->terms);
	free(p);
}

/* The authority's plain-language terms, read once per request. */
static void
terms_read(struct fs *p)
{
	if (p->terms_read)
		return;
	p->terms_read = true;
	p->terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*p->terms));
	p->nterms = plain_view_terms(p->r, p->terms);
}

/* ----------------------------------------------------------- validators */

/* A statement of several lines, trimmed as it will be stored. */
static enum herr
valid_note(const char *v, const char *label, struct hdiag *d)
{
	char t[SOS_TEXT_MAX + 1];

	if (trimmed(t, sizeof(t), v) > SOS_TEXT_MAX || text_check("note",
	    label, t, SOS_TEXT_MAX, TEXT_MULTILINE, NULL) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be plain "
		    "text of up to %d characters", label, SOS_TEXT_MAX);
	return HERR_OK;
}

/* A short line of text (a name, an agency), trimmed. */
static enum herr
valid_line(const char *v, const char *label, struct hdiag *d)
{
	char t[SOS_NAME_MAX + 1];

	if (trimmed(t, sizeof(t), v) > SOS_NAME_MAX || text_check("name",
	    label, t, SOS_NAME_MAX, 0, NULL) != HERR_OK)
		return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be on one "
		    "line, up to %d characters", label, SOS_NAME_MAX);
	return HERR_OK;
}

/* A choice from a list the handler checks itself (codes, ids). */
static enum herr
valid_code(const char *v, const char *label, struct hdiag *d)
{
	for (const char *s = v; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return hdiag_set(d, HERR_INVALID, NULL, "", "Select "
			    "%s from the list", label);
	return HERR_OK;
}

/* ------------------------------------------------------------ the chart */

/* The drawing's frame, in SVG user units. */
#define CH_W 640
#define CH_H 300
#define CH_LEFT 64		/* the y axis */
#define CH_RIGHT 624
#define CH_TOP 16		/* 10 */
#define CH_BOTTOM 236		/* 0 */
#define CH_PAD 20		/* between an axis and the first point */
#define CH_LABEL_GAP 84		/* the least room a date label takes */

/* Colours with at least 3:1 contrast on white (WCAG 2.2 1.4.11), each
 * person also with a marker shape and a dash pattern of their own. */
static const char *const colours[] = {
	"#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#912b88", "#0b0c0c",
	"#505a5f", "#8f5a00",
};
static const char *const dashes[] = { NULL, "8 4", "2 4", "10 4 2 4" };
#define SHAPES 6
static const char *const shape_names[SHAPES] = {
	"circle", "square", "triangle", "diamond", "upside-down triangle",
	"cross",
};

static const char *
colour_of(int i)
{
	return colours[i % (int)(sizeof(colours) / sizeof(colours[0]))];
}

static int
shape_of(int i)
{
	return i % SHAPES;
}

/* A marker of `shape` centred on (x, y). */
static void
marker(struct html *h, int shape, const char *colour, int x, int y)
{
	const int r = 5;

	switch (shape) {
	case 0:
		html_lit(h, "<circle");
		html_attrf(h, "cx", "%d", x);
		html_attrf(h, "cy", "%d", y);
		html_attrf(h, "r", "%d", r);
		break;
	case 1:
		html_lit(h, "<rect");
		html_attrf(h, "x", "%d", x - r + 1);
		html_attrf(h, "y", "%d", y - r + 1);
		html_attrf(h, "width", "%d", 2 * r - 2);
		html_attrf(h, "height", "%d", 2 * r - 2);
		break;
	case 2:
		html_lit(h, "<polygon");
		html_attrf(h, "points", "%d,%d %d,%d %d,%d", x, y - r - 1,
		    x + r + 1, y + r, x - r - 1, y + r);
		break;
	case 3:
		html_lit(h, "<polygon");
		html_attrf(h, "points", "%d,%d %d,%d %d,%d %d,%d", x, y - r - 1,
		    x + r + 1, y, x, y + r + 1, x - r - 1, y);
		break;
	case 4:
		html_lit(h, "<polygon");
		html_attrf(h, "points", "%d,%d %d,%d %d,%d", x - r - 1, y - r,
		    x + r + 1, y - r, x, y + r + 1);
		break;
	default:
		html_lit(h, "<path");
		html_attrf(h, "d", "M%d %dL%d %dM%d %dL%d %d", x - r, y - r,
		    x + r, y + r, x + r, y - r, x - r, y + r);
		html_attr(h, "stroke", colour);
		html_lit(h, " stroke-width=\"3\" fill=\"none\"/>");
		return;
	}
	html_attr(h, "fill", colour);
	html_attr(h, "stroke", colour);
	html_lit(h, "/>");
}

static int
chart_y(int v)
{
	return CH_BOTTOM - v * (CH_BOTTOM - CH_TOP) / SOS_SCALE_MAX;
}

static int
chart_x(hday d, hday lo, hday hi)
{
	int w = CH_RIGHT - CH_LEFT - 2 * CH_PAD;

	if (hi == lo)
		return (CH_LEFT + CH_RIGHT) / 2;
	return CH_LEFT + CH_PAD + (int)((int64_t)(d - lo) * w / (hi - lo));
}

static int
hday_cmp(const void *a, const void *b)
{
	hday x = *(const hday *)a, y = *(const hday *)b;

	return x < y ? -1 : x > y;
}

/* Who gave a rating, in the middle of a sentence. */
static const char *
rater_noun(enum sos_rater k)
{
	static const char *const nouns[RATER__COUNT] = {
		[RATER_CHILD] = "child",
		[RATER_PARENT] = "parent or carer",
		[RATER_NETWORK] = "safety network",
		[RATER_PROFESSIONAL] = "professional",
	};

	return k >= 0 && k < RATER__COUNT ? nouns[k] : "";
}

/* "Amy (mum): parent or carer", "PC Lee: professional, Police". */
static void
series_name(const struct sos_series *s, char *buf, size_t cap)
{
	if (s->agency[0] != '\0')
		snprintf(buf, cap, "%s: %s, %s", s->rater,
		    rater_noun(s->kind), s->agency);
	else
		snprintf(buf, cap, "%s: %s", s->rater, rater_noun(s->kind));
}

/* The axes: gridlines and labels at 0, 5 and 10, the dates below. */
static void
chart_axes(struct html *h, const hday *days, int nd, hday lo, hday hi)
{
	char buf[24];
	int last = -1000;

	html_lit(h, "<g font-family=\"Arial, sans-serif\" font-size=\"14\" "
	    "fill=\"#0b0c0c\">");
	for (int v = SOS_SCALE_MIN; v <= SOS_SCALE_MAX; v += 5) {
		html_lit(h, "<line");
		html_attrf(h, "x1", "%d", CH_LEFT);
		html_attrf(h, "x2", "%d", CH_RIGHT);
		html_attrf(h, "y1", "%d", chart_y(v));
		html_attrf(h, "y2", "%d", chart_y(v));
		html_lit(h, " stroke=\"#b1b4b6\" stroke-width=\"1\"/><text");
		html_attrf(h, "x", "%d", CH_LEFT - 8);
		html_attrf(h, "y", "%d", chart_y(v) + 5);
		html_lit(h, " text-anchor=\"end\">");
		html_int(h, v);
		html_lit(h, "</text>");
	}
	html_lit(h, "<line");
	html_attrf(h, "x1", "%d", CH_LEFT);
	html_attrf(h, "x2", "%d", CH_LEFT);
	html_attrf(h, "y1", "%d", CH_TOP);
	html_attrf(h, "y2", "%d", CH_BOTTOM);
	html_lit(h, " stroke=\"#505a5f\" stroke-width=\"1\"/>");
	html_lit(h, "<text transform=\"rotate(-90)\" text-anchor=\"middle\"");
	html_attrf(h, "x", "%d", -(CH_TOP + CH_BOTTOM) / 2);
	html_lit(h, " y=\"18\">Safety rating, 0 to 10</text>");
	/* A tick for every date rated on; a label where there is room. */
	for (int i = 0; i < nd; i++) {
		int x = chart_x(days[i], lo, hi);

		html_lit(h, "<line");
		html_attrf(h, "x1", "%d", x);
		html_attrf(h, "x2", "%d", x);
		html_attrf(h, "y1", "%d", CH_BOTTOM);
		html_attrf(h, "y2", "%d", CH_BOTTOM + 6);
		html_lit(h, " stroke=\"#505a5f\" stroke-width=\"1\"/>");
		if (x - last < CH_LABEL_GAP || (i < nd - 1 && i > 0 &&
		    chart_x(days[nd - 1], lo, hi) - x < CH_LABEL_GAP))
			continue;
		last = x;
		html_lit(h, "<text text-anchor=\"middle\"");
		html_attrf(h, "x", "%d", x);
		html_attrf(h, "y", "%d", CH_BOTTOM + 24);
		html_lit(h, ">");
		html_text(h, date_short(days[i], buf, sizeof(buf)));
		html_lit(h, "</text>");
	}
	html_lit(h, "<text text-anchor=\"middle\"");
	html_attrf(h, "x", "%d", (CH_LEFT + CH_RIGHT) / 2);
	html_attrf(h, "y", "%d", CH_H - 12);
	html_lit(h, ">Date of the rating</text></g>");
}

/* One person's line and markers, nudged sideways by `dx` so that people
 * who gave the same number on the same day stay visible. */
static void
chart_series(struct html *h, const struct sos_series *s, int i, int dx,
    hday lo, hday hi)
{
	char pts[SOS_SERIES_POINTS * 16], name[SOS_NAME_MAX * 2 + 40];
	char d[40];
	size_t len = 0;
	const char *dash = dashes[(i / (int)(sizeof(colours) /
	    sizeof(colours[0]))) % (int)(sizeof(dashes) / sizeof(dashes[0]))];

	pts[0] = '\0';
	for (int k = 0; k < s->n && len < sizeof(pts); k++) {
		int n = snprintf(pts + len, sizeof(pts) - len, "%s%d,%d",
		    k ? " " : "", chart_x(s->pts[k].on, lo, hi) + dx,
		    chart_y(s->pts[k].value));

		if (n < 0)
			break;
		len += (size_t)n;
	}
	series_name(s, name, sizeof(name));
	html_lit(h, "<g>");
	if (s->n > 1) {
		html_lit(h, "<polyline fill=\"none\" stroke-width=\"2\"");
		html_attr(h, "stroke", colour_of(i));
		if (dash != NULL)
			html_attr(h, "stroke-dasharray", dash);
		html_attr(h, "points", pts);
		html_lit(h, "/>");
	}
	for (int k = 0; k < s->n; k++) {
		html_lit(h, "<g><title>");
		html_textf(h, "%s: %d on %s", name, s->pts[k].value,
		    ui_date_long(s->pts[k].on, d, sizeof(d)));
		html_lit(h, "</title>");
		marker(h, shape_of(i), colour_of(i),
		    chart_x(s->pts[k].on, lo, hi) + dx,
		    chart_y(s->pts[k].value));
		html_lit(h, "</g>");
	}
	html_lit(h, "</g>");
}

/* The legend: each person's marker, line and name. */
static void
chart_legend(struct html *h, const struct sos_series *s, int ns)
{
	char name[SOS_NAME_MAX * 2 + 40];

	html_lit(h, "<ul class=\"govuk-list hearth-legend\">");
	for (int i = 0; i < ns; i++) {
		const char *dash = dashes[(i / (int)(sizeof(colours) /
		    sizeof(colours[0]))) % (int)(sizeof(dashes) /
		    sizeof(dashes[0]))];

		series_name(&s[i], name, sizeof(name));
		html_lit(h, "<li><svg xmlns=\"http://www.w3.org/2000/svg\" "
		    "width=\"40\" height=\"16\" viewBox=\"0 0 40 16\" "
		    "aria-hidden=\"true\" focusable=\"false\"><line x1=\"2\" "
		    "y1=\"8\" x2=\"38\" y2=\"8\" stroke-width=\"2\"");
		html_attr(h, "stroke", colour_of(i));
		if (dash != NULL)
			html_attr(h, "stroke-dasharray", dash);
		html_lit(h, "/>");
		marker(h, shape_of(i), colour_of(i), 20, 8);
		html_lit(h, "</svg> ");
		html_text(h, name);
		html_lit(h, "<span class=\"govuk-visually-hidden\">");
		html_textf(h, " (%s marker)", shape_names[shape_of(i)]);
		html_lit(h, "</span></li>");
	}
	html_lit(h, "</ul>\n");
}

static const struct sos_rating *
rating_by_id(const struct sos_rating *r, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (r[i].id == id)
			return &r[i];
	return NULL;
}

/* "4", or "4.5" for a median between two whole numbers. */
static void
half(char *buf, size_t cap, int twice)
{
	if (twice % 2 == 0)
		snprintf(buf, cap, "%d", twice / 2);
	else
		snprintf(buf, cap, "%d.5", twice / 2);
}

/* The spread of views on the latest occasion this scale was rated. */
static void
chart_spread(struct html *h, const struct sos_rating *ratings, int n,
    int pair)
{
	const struct sos_rating *last = NULL;
	struct sos_spread sp;
	char d[40], mid[16];

	for (int i = 0; i < n; i++)
		if (ratings[i].pair == pair && (last == NULL ||
		    ratings[i].rated_on > last->rated_on ||
		    (ratings[i].rated_on == last->rated_on &&
		    ratings[i].id > last->id)))
			last = &ratings[i];
	if (last == NULL)
		return;
	sos_scale_spread(ratings, n, pair, last->meeting_id, last->rated_on,
	    &sp);
	if (sp.n == 0)
		return;
	half(mid, sizeof(mid), sp.median2);
	html_lit(h, "<p class=\"govuk-body\">");
	if (sp.n == 1)
		html_textf(h, "Latest (%s): one person rated this %d.",
		    ui_date_long(last->rated_on, d, sizeof(d)), sp.lowest);
	else
		html_textf(h, "Latest (%s): %d people rated this from %d to "
		    "%d; the middle rating is %s.", ui_date_long(last->rated_on,
		    d, sizeof(d)), sp.n, sp.lowest, sp.highest, mid);
	html_lit(h, "</p>\n");
}

/* The table of the same figures as the chart, person by person. */
static void
chart_table(struct html *h, const struct sos_series *s, int ns,
    const struct sos_rating *ratings, int n, const char *caption)
{
	static const char *const cols[] = { "Person", "Who they are", "Date",
		"Rating", "Reason" };
	char d[40], who[SOS_NAME_MAX + 40];

	html_lit(h, "<table class=\"govuk-table\"><caption class=\"govuk-"
	    "table__caption govuk-table__caption--s\">");
	html_text(h, caption);
	html_lit(h, ": every rating</caption><thead class=\"govuk-table__"
	    "head\"><tr class=\"govuk-table__row\">");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		html_lit(h, "<th scope=\"col\" class=\"govuk-table__header\">");
		html_text(h, cols[i]);
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody class=\"govuk-table__body\">");
	for (int i = 0; i < ns; i++) {
		if (s[i].agency[0] != '\0')
			snprintf(who, sizeof(who), "%s, %s",
			    sos_rater_label(s[i].kind), s[i].agency);
		else
			snprintf(who, sizeof(who), "%s",
			    sos_rater_label(s[i].kind));
		for (int k = 0; k < s[i].n; k++) {
			const struct sos_rating *r = rating_by_id(ratings, n,
			    s[i].pts[k].rating_id);

			html_lit(h, "<tr class=\"govuk-table__row\"><th "
			    "scope=\"row\" class=\"govuk-table__header\">");
			html_text(h, s[i].rater);
			html_lit(h, "</th><td class=\"govuk-table__cell\">");
			html_text(h, who);
			html_lit(h, "</td><td class=\"govuk-table__cell\">");
			html_text(h, ui_date_long(s[i].pts[k].on, d,
			    sizeof(d)));
			html_lit(h, "</td><td class=\"govuk-table__cell "
			    "govuk-table__cell--numeric\">");
			html_int(h, s[i].pts[k].value);
			html_lit(h, "</td><td class=\"govuk-table__cell\">");
			if (r != NULL)
				lines(h, r->reason);
			html_lit(h, "</td></tr>");
		}
	}
	html_lit(h, "</tbody></table>\n");
}

void
sos_scale_chart(struct html *h, const struct sos_rating *ratings, int n,
    int pair, const char *caption, const char *id)
{
	struct sos_series *s = xcalloc(SERIES_MAX, sizeof(*s));
	hday *days = NULL, lo, hi;
	char d1[40], d2[40];
	int ns, nd = 0, total = 0;

	caption = text_nz(caption);
	id = id != NULL && id[0] != '\0' ? id : "scale";
	ns = sos_scale_series(ratings, n, pair, s, SERIES_MAX);
	if (ns == 0) {
		ui_para(h, "No one has given a rating on this scale yet.");
		goto out;
	}
	for (int i = 0; i < ns; i++)
		total += s[i].n;
	days = xmalloc((size_t)total * sizeof(*days));
	for (int i = 0; i < ns; i++)
		for (int k = 0; k < s[i].n; k++)
			days[nd++] = s[i].pts[k].on;
	qsort(days, (size_t)nd, sizeof(*days), hday_cmp);
	total = nd;
	nd = 0;
	for (int i = 0; i < total; i++)
		if (nd == 0 || days[nd - 1] != days[i])
			days[nd++] = days[i];
	lo = days[0];
	hi = days[nd - 1];
	html_lit(h, "<div class=\"hearth-chart\"><svg xmlns=\"http://www.w3.org"
	    "/2000/svg\" width=\"100%\" role=\"img\" focusable=\"false\"");
	html_attrf(h, "viewBox", "0 0 %d %d", CH_W, CH_H);
	html_attrf(h, "aria-labelledby", "%s-title %s-desc", id, id);
	html_lit(h, "><title");
	html_attrf(h, "id", "%s-title", id);
	html_lit(h, ">");
	html_text(h, caption);
	html_lit(h, "</title><desc");
	html_attrf(h, "id", "%s-desc", id);
	html_lit(h, ">");
	if (lo == hi)
		html_textf(h, "Safety ratings from 0 (too unsafe for the child "
		    "to stay at home) to 10 (safe enough to close) given by %d "
		    "%s on %s. The table after the chart gives every rating "
		    "with its reason.", ns, ns == 1 ? "person" : "people",
		    ui_date_long(lo, d1, sizeof(d1)));
	else
		html_textf(h, "Safety ratings from 0 (too unsafe for the child "
		    "to stay at home) to 10 (safe enough to close) given by %d "
		    "%s between %s and %s, one line for each person. The table "
		    "after the chart gives every rating with its reason.", ns,
		    ns == 1 ? "person" : "people", ui_date_long(lo, d1,
		    sizeof(d1)), ui_date_long(hi, d2, sizeof(d2)));
	html_lit(h, "</desc><rect x=\"0\" y=\"0\" width=\"100%\" "
	    "height=\"100%\" fill=\"#ffffff\"/>");
	chart_axes(h, days, nd, lo, hi);
	for (int i = 0; i < ns; i++) {
		int dx = (2 * i - (ns - 1)) * 2;

		if (dx > 10)
			dx = 10;
		if (dx < -10)
			dx = -10;
		chart_series(h, &s[i], i, dx, lo, hi);
	}
	html_lit(h, "</svg>");
	chart_legend(h, s, ns);
	html_lit(h, "</div>\n");
	chart_spread(h, ratings, n, pair);
	chart_table(h, s, ns, ratings, n, caption);
out:
	free(days);
	free(s);
}

/* ------------------------------------------------------------- the map */

/* A map's warnings alone: whether it would be refused is for the save. */
static void
warnings_of(const struct sos_map *m, hday today, struct sos_warnings *w)
{
	memset(w, 0, sizeof(*w));
	if (sos_map_check(m, today, w, NULL) != HERR_OK)
		return;
}

/* A paragraph of a record's text, lines kept. */
static void
para_lines(struct html *h, const char *s)
{
	html_lit(h, "<p class=\"govuk-body\">");
	lines(h, s);
	html_lit(h, "</p>");
}

/* The statements of one kind as a list, under their heading. */
static void
items_list(struct html *h, const struct sos_map *m, enum sos_item_kind k)
{
	int shown = 0;

	html_lit(h, "<h3 class=\"govuk-heading-s\">");
	html_text(h, sos_item_kind_label(k));
	html_lit(h, "</h3>");
	for (int i = 0; i < m->n_items; i++) {
		if (m->items[i].kind != k)
			continue;
		if (shown++ == 0)
			html_lit(h, "<ul class=\"govuk-list govuk-list--bullet"
			    "\">");
		html_lit(h, "<li>");
		lines(h, m->items[i].text);
		html_lit(h, "</li>");
	}
	if (shown > 0)
		html_lit(h, "</ul>\n");
	else
		ui_para(h, "None recorded.");
}

static void
steps_list(struct html *h, const struct sos_map *m)
{
	char d[40];

	html_lit(h, "<h3 class=\"govuk-heading-s\">Next steps</h3>");
	if (m->n_steps == 0) {
		ui_para(h, "None recorded.");
		return;
	}
	html_lit(h, "<ol class=\"govuk-list govuk-list--number govuk-list--"
	    "spaced\">");
	for (int i = 0; i < m->n_steps; i++) {
		html_lit(h, "<li>");
		lines(h, m->steps[i].what);
		html_lit(h, "<br><span class=\"govuk-body-s\">");
		html_textf(h, "%s, by %s", m->steps[i].who, ui_date_long(
		    m->steps[i].by, d, sizeof(d)));
		html_lit(h, "</span></li>");
	}
	html_lit(h, "</ol>\n");
}

/* A key and a value of several lines in a summary list. */
static void
summary_lines(struct html *h, const char *key, const char *value,
    const char *none)
{
	html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\""
	    "govuk-summary-list__key\">");
	html_text(h, key);
	html_lit(h, "</dt><dd class=\"govuk-summary-list__value\">");
	if (value != NULL && value[0] != '\0')
		lines(h, value);
	else
		html_text(h, none);
	html_lit(h, "</dd></div>");
}

/* Danger statement i (0-based) beside its safety goals, in a card; with
 * the plain-language flags of its family-facing texts when `terms`. */
static void
pair_card(struct html *h, const struct sos_pair *p, int i,
    const struct plain_term *terms, int nterms, bool flags)
{
	char title[48], label[64], view[SOS_NAME_MAX + 64];

	snprintf(title, sizeof(title), "Danger statement %d", i + 1);
	html_lit(h, "<div class=\"govuk-summary-card\"");
	html_attrf(h, "id", "pair-%d", i + 1);
	html_lit(h, "><div class=\"govuk-summary-card__title-wrapper\"><h3 "
	    "class=\"govuk-summary-card__title\">");
	html_text(h, title);
	html_lit(h, "</h3></div><div class=\"govuk-summary-card__content\">"
	    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-"
	    "half\"><h4 class=\"govuk-heading-s\">What we are worried about"
	    "</h4>");
	para_lines(h, p->danger);
	html_lit(h, "<dl class=\"govuk-summary-list govuk-summary-list--no-"
	    "border\">");
	summary_lines(h, "Who is worried", p->who_worried, "Not recorded");
	snprintf(view, sizeof(view), "%s", sos_family_view_label(
	    p->family_view));
	summary_lines(h, "The family's view", view, "");
	if (p->family_says[0] != '\0')
		summary_lines(h, "What the family says", p->family_says, "");
	html_lit(h, "</dl></div><div class=\"govuk-grid-column-one-half\"><h4 "
	    "class=\"govuk-heading-s\">Safety goals</h4><dl class=\"govuk-"
	    "summary-list govuk-summary-list--no-border\">");
	summary_lines(h, "What the agency needs to see", p->goal_agency,
	    "Not recorded");
	summary_lines(h, "In the family's words", p->goal_family,
	    "Not recorded yet");
	if (p->sustain[0] != '\0')
		summary_lines(h, "For how long", p->sustain, "");
	html_lit(h, "</dl></div></div>");
	if (flags) {
		snprintf(label, sizeof(label), "danger statement %d", i + 1);
		plain_view_flags(h, label, p->danger, terms, nterms);
		snprintf(label, sizeof(label), "the agency's safety goal %d",
		    i + 1);
		plain_view_flags(h, label, p->goal_agency, terms, nterms);
		snprintf(label, sizeof(label), "the family's safety goal %d",
		    i + 1);
		plain_view_flags(h, label, p->goal_family, terms, nterms);
	}
	html_lit(h, "</div></div>\n");
}

/* The map in its three columns, then each danger statement beside its
 * goals. */
static void
map_body(struct html *h, const struct sos_map *m,
    const struct plain_term *terms, int nterms, bool flags)
{
	html_lit(h, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-"
	    "column-one-third\"><h2 class=\"govuk-heading-m\">What are we "
	    "worried about?</h2>");
	items_list(h, m, SOS_HARM);
	html_lit(h, "<h3 class=\"govuk-heading-s\">Danger statements</h3>");
	if (m->n_pairs == 0)
		ui_para(h, "None recorded.");
	else {
		html_lit(h, "<p class=\"govuk-body\">");
		html_textf(h, "%d, each with its safety goals below.",
		    m->n_pairs);
		html_lit(h, "</p>");
	}
	items_list(h, m, SOS_COMPLICATING);
	html_lit(h, "</div><div class=\"govuk-grid-column-one-third\"><h2 "
	    "class=\"govuk-heading-m\">What's working well?</h2>");
	items_list(h, m, SOS_STRENGTH);
	items_list(h, m, SOS_SAFETY);
	html_lit(h, "</div><div class=\"govuk-grid-column-one-third\"><h2 "
	    "class=\"govuk-heading-m\">What needs to happen?</h2><h3 class=\""
	    "govuk-heading-s\">Safety goals</h3>");
	if (m->n_pairs == 0)
		ui_para(h, "None recorded.");
	else
		ui_para(h, "Each with its danger statement below: the "
		    "family's goals and the agency's, separately.");
	steps_list(h, m);
	html_lit(h, "</div></div>\n<h2 class=\"govuk-heading-m\">Danger "
	    "statements and safety goals</h2>");
	if (m->n_pairs == 0)
		ui_para(h, "This map has no danger statements yet.");
	for (int i = 0; i < m->n_pairs; i++)
		pair_card(h, &m->pairs[i], i, terms, nterms, flags);
}

/* Who made revision m and when, which conference, which children. */
static void
map_made(struct req *r, struct html *h, const struct sos_map *m,
    const char *by, const struct meeting_summary *ms, int nms)
{
	const struct meeting_summary *mt = meeting_find(ms, nms, m->meeting_id);
	char d[40], t[40], words[160], cname[UI_NAME_LEN];
	struct child c;
	int others = 0;

	ui_summary_start(h);
	ui_summary_row(h, "The map as it was on", ui_date_long(m->made_on, d,
	    sizeof(d)));
	snprintf(words, sizeof(words), "%s, %s", by[0] ? by : "Not recorded",
	    ui_time(m->made_at, t, sizeof(t)));
	ui_summary_row(h, "Saved by", words);
	if (m->meeting_id != 0) {
		if (mt != NULL)
			meeting_words(mt, words, sizeof(words));
		else
			text_cut(words, sizeof(words), "A conference");
		ui_summary_row(h, "Worked through at", words);
	}
	if (m->n_children > 1) {
		html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\""
		    "govuk-summary-list__key\">A family map, also about</dt>"
		    "<dd class=\"govuk-summary-list__value\"><ul class=\"govuk-"
		    "list\">");
		for (int i = 0; i < m->n_children; i++) {
			int64_t cid = m->child_ids[i];

			if (cid == web_id(r, 0))
				continue;
			/* Only the names of children this user may see. */
			if (!may(r, cid, ACCESS_VIEW) ||
			    store_child_get(r->st, cid, &c) != HERR_OK) {
				others++;
				continue;
			}
			ui_full_name(cname, c.given_name, c.family_name);
			html_lit(h, "<li>");
			html_text(h, cname);
			html_lit(h, "</li>");
		}
		if (others > 0) {
			html_lit(h, "<li>");
			html_textf(h, "%d other %s", others, others == 1 ?
			    "child" : "children");
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul></dd></div>");
	}
	ui_summary_end(h);
}

/* The versions of the child's map, newest first. */
static void
history_table(struct html *h, int64_t child_id,
    const struct store_map_rev *hist, int n, int64_t shown,
    const struct meeting_summary *ms, int nms)
{
	static const char *const cols[] = { "The map as it was on", "Saved",
		"Saved by", "Conference", "Danger statements", "" };
	char d[40], t[40], href[96], words[160];

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"versions\">Versions of "
	    "the map</h2>");
	ui_para(h, "Saving the map makes a new version. Earlier versions are "
	    "kept as they were, so the map discussed at any conference can be "
	    "read again.");
	ui_table_start(h, NULL, cols, 6);
	for (int i = 0; i < n; i++) {
		const struct meeting_summary *mt = meeting_find(ms, nms,
		    hist[i].meeting_id);

		ui_table_row_start(h);
		ui_table_cell(h, ui_date_long(hist[i].made_on, d, sizeof(d)));
		ui_table_cell(h, ui_time(hist[i].made_at, t, sizeof(t)));
		ui_table_cell(h, hist[i].made_by_name[0] ?
		    hist[i].made_by_name : "Not recorded");
		if (mt != NULL)
			meeting_words(mt, words, sizeof(words));
		else
			text_cut(words, sizeof(words), hist[i].meeting_id ?
			    "A conference" : "");
		ui_table_cell(h, words);
		ui_table_cell_int(h, hist[i].n_pairs);
		html_lit(h, "<td class=\"govuk-table__cell\">");
		if (hist[i].id == shown) {
			html_text(h, i == 0 ? "Latest, shown" : "Shown");
		} else {
			snprintf(href, sizeof(href), "/children/%" PRId64
			    "/map/%" PRId64, child_id, hist[i].id);
			html_lit(h, "<a class=\"govuk-link\"");
			html_attr(h, "href", href);
			html_lit(h, ">View<span class=\"govuk-visually-hidden\"> "
			    "the map as it was on ");
			html_text(h, d);
			html_textf(h, " (saved %s)", t);
			html_lit(h, "</span></a>");
			if (i == 0)
				html_text(h, " (latest)");
		}
		html_lit(h, "</td>");
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

/* What a map page needs loaded. */
struct mp {
	struct child c;
	char name[UI_NAME_LEN];
	struct sos_map *m;		/* the revision shown, or NULL */
	int64_t latest_id;
	struct store_map_rev hist[HISTORY_MAX];
	int nhist;
	struct meeting_summary ms[MEETINGS_MAX];
	int nms;
	bool run;
	char by[UI_NAME_LEN];		/* made_by_name's, when looked up */
};

static void
mp_free(struct mp *v)
{
	if (v == NULL)
		return;
	sos_map_free(v->m);
	free(v);
}

/* Gate (view), load the child, the map revision `rev` (0: the latest)
 * and its history: NULL when the request has been answered. */
static struct mp *
mp_load(struct req *r, struct resp *w, int64_t rev)
{
	int64_t id = web_id(r, 0);
	struct mp *v;
	enum herr x;

	if (!gate(r, w, id, ACCESS_VIEW))
		return NULL;
	v = xcalloc(1, sizeof(*v));
	if (!child_load(r, w, id, &v->c, v->name))
		goto fail;
	if ((x = store_map_latest_id(r->st, id, &v->latest_id)) != HERR_OK) {
		web_unavailable(r, w);
		goto fail;
	}
	if (rev == 0)
		rev = v->latest_id;
	if (rev != 0) {
		bool covers = false;

		v->m = sos_map_new();
		if (!web_found(r, w, store_map_get(r->st, rev, v->m)))
			goto fail;
		for (int i = 0; i < v->m->n_children; i++)
			covers = covers || v->m->child_ids[i] == id;
		if (!covers) {
			web_not_found(r, w);
			goto fail;
		}
	}
	if (store_map_history(r->st, id, v->hist, HISTORY_MAX, &v->nhist) !=
	    HERR_OK) {
		web_unavailable(r, w);
		goto fail;
	}
	v->nms = meetings_of(r, id, v->ms);
	v->run = may(r, id, ACCESS_CONFERENCE);
	return v;
fail:
	mp_free(v);
	return NULL;
}

/* Who saved the revision shown: from the history, or (for one older
 * than the history shows) their staff record. */
static const char *
made_by_name(struct req *r, struct mp *v)
{
	struct staff who;

	for (int i = 0; i < v->nhist; i++)
		if (v->hist[i].id == v->m->id)
			return v->hist[i].made_by_name;
	if (v->m->made_by > 0 && store_staff_get(r->st, v->m->made_by, &who) ==
	    HERR_OK)
		ui_full_name(v->by, who.given_name, who.family_name);
	return v->by;
}

static void
back_to_record(struct html *h, int64_t id)
{
	char back[80];

	snprintf(back, sizeof(back), "/children/%" PRId64 "#signs-of-safety",
	    id);
	ui_back_link(h, back);
}

static void
get_map(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	const char *saved = form_get(&r->query, "saved");
	struct plain_term *terms = NULL;
	struct sos_warnings warn;
	char href[96];
	int nterms = 0;
	struct mp *v;
	bool flags;

	if ((v = mp_load(r, w, 0)) == NULL)
		return;
	if (!audit_view(r, w, v->c.id))
		goto out;
	ui_page_start(r, w, "Signs of Safety map");
	back_to_record(h, v->c.id);
	if (sos_saved_title(saved) != NULL)
		ui_success(h, sos_saved_title(saved), NULL);
	ui_heading(h, v->name, "Signs of Safety map");
	snprintf(href, sizeof(href), "/children/%" PRId64 "/map/edit",
	    v->c.id);
	if (v->m == NULL) {
		ui_para(h, "No Signs of Safety map has been made for this child "
		    "yet.");
		if (v->run)
			ui_button_link(h, href, "Start the map");
		ui_page_end(r, w);
		goto out;
	}
	map_made(r, h, v->m, made_by_name(r, v), v->ms, v->nms);
	if (v->run) {
		/* Warnings stop nothing; they are for whoever runs the map. */
		warnings_of(v->m, r->today, &warn);
		for (int i = 0; i < warn.n; i++)
			ui_warning(h, warn.w[i].msg);
		html_lit(h, "<div class=\"govuk-button-group\">");
		ui_button_link(h, href, "Change the map");
		snprintf(href, sizeof(href), "/children/%" PRId64 "/scales",
		    v->c.id);
		ui_link(h, href, "Safety scales");
		html_lit(h, "</div>");
	} else {
		snprintf(href, sizeof(href), "/children/%" PRId64 "/scales",
		    v->c.id);
		html_lit(h, "<p class=\"govuk-body\">");
		ui_link(h, href, "Safety scales");
		html_lit(h, "</p>");
	}
	/* Just saved: the family-facing texts through the plain-language
	 * checker, for their author. */
	flags = v->run && saved != NULL && strcmp(saved, "map") == 0;
	if (flags) {
		terms = xcalloc(PLAIN_TERMS_MAX, sizeof(*terms));
		nterms = plain_view_terms(r, terms);
	}
	map_body(h, v->m, terms, nterms, flags);
	history_table(h, v->c.id, v->hist, v->nhist, v->m->id, v->ms, v->nms);
	ui_page_end(r, w);
out:
	free(terms);
	mp_free(v);
}

static void
get_map_rev(struct req *r, struct resp *w)
{
	struct html *h = &w->body;
	char href[96], d[40], line[200];
	struct mp *v;

	if ((v = mp_load(r, w, web_id(r, 1))) == NULL)
		return;
	if (!audit_view(r, w, v->c.id))
		goto out;
	snprintf(line, sizeof(line), "Signs of Safety map as it was on %s",
	    ui_date_long(v->m->made_on, d, sizeof(d)));
	ui_page_start(r, w, line);
	snprintf(href, sizeof(href), "/children/%" PRId64 "/map", v->c.id);
	ui_back_link(h, href);
	ui_heading(h, v->name, line);
	if (v->m->id == v->latest_id)
		ui_inset(h, "This is the latest version of the map.");
	else {
		html_lit(h, "<div class=\"govuk-inset-text\">This is an earlier "
		    "version of the map, kept as it was: it cannot be changed. "
		    "<a class=\"govuk-link\"");
		html_attr(h, "href", href);
		html_lit(h, ">See the latest version</a>.</div>");
	}
	map_made(r, h, v->m, made_by_name(r, v), v->ms, v->nms);
	map_body(h, v->m, NULL, 0, false);
	history_table(h, v->c.id, v->hist, v->nhist, v->m->id, v->ms, v->nms);
	ui_page_end(r, w);
out:
	mp_free(v);
}

/* ------------------------------------------------------ the map's form */

/* What the form calls each kind of statement, one at a time. */
static const char *const item_nouns[SOS_ITEM__COUNT] = {
	[SOS_HARM] = "Harm statement",
	[SOS_COMPLICATING] = "Complicating factor",
	[SOS_STRENGTH] = "Strength",
	[SOS_SAFETY] = "Existing safety",
};

static const char *const item_hints[SOS_ITEM__COUNT] = {
	[SOS_HARM] = "What has happened to the child, and the impact on "
	    "them. Describe what people did, not a label.",
	[SOS_COMPLICATING] = "What makes the worries harder to sort out, "
	    "including anything professionals do.",
	[SOS_STRENGTH] = "What is good in the family and around the child.",
	[SOS_SAFETY] = "What people have already done to keep the child safe "
	    "when the danger was there.",
};

/* The map form's own state beside the generic one. */
struct mf {
	struct fs *p;
	struct sos_map *latest;		/* NULL before the first */
	int64_t latest_id;
	char latest_by[CASE_STAFF_NAME_MAX + 1];
	struct meeting_summary ms[MEETINGS_MAX];
	int nms;
	const struct meeting_summary *meeting;	/* ?meeting=, or NULL */
	/* The child's brothers and sisters the map may also cover: those
	 * living with the child now, or covered by the latest version,
	 * whose conferences this user may run. */
	struct {
		int64_t id;
		char name[UI_NAME_LEN];
	} kids[SOS_CHILDREN_MAX - 1];
	int nkids;
	int rows[SOS_ITEM__COUNT], prows, srows;
	struct sos_map *m;		/* built from the body */
	char item_field[SOS_ITEMS_MAX][FORM_NAME_MAX + 1];
	int pair_row[SOS_PAIRS_MAX], step_row[SOS_STEPS_MAX];
	struct sos_warnings warn;
	char expected[24];		/* after a conflict: the newer one */
};

static void
mf_free(struct mf *f)
{
	if (f == NULL)
		return;
	sos_map_free(f->latest);
	sos_map_free(f->m);
	fs_free(f->p);
	free(f);
}

static void
kid_add(struct mf *f, struct req *r, int64_t id)
{
	struct child c;

	if (id == f->p->child_id || f->nkids >= SOS_CHILDREN_MAX - 1)
		return;
	for (int i = 0; i < f->nkids; i++)
		if (f->kids[i].id == id)
			return;
	if (!may(r, id, ACCESS_CONFERENCE) ||
	    store_child_get(r->st, id, &c) != HERR_OK)
		return;
	f->kids[f->nkids].id = id;
	ui_full_name(f->kids[f->nkids].name, c.given_name, c.family_name);
	f->nkids++;
}

/* The brothers and sisters this map may also cover. */
static void
kids_load(struct mf *f)
{
	struct store_member *people = xcalloc(PEOPLE_MAX, sizeof(*people));
	struct req *r = f->p->r;
	int n = 0, total = 0;

	if (f->latest != NULL)
		for (int i = 0; i < f->latest->n_children; i++)
			kid_add(f, r, f->latest->child_ids[i]);
	if (store_child_household_people(r->st, f->p->child_id, people,
	    PEOPLE_MAX, &n, &total) == HERR_OK)
		for (int i = 0; i < n; i++)
			if (people[i].is_child && (people[i].start_date ==
			    HDAY_NONE || people[i].start_date <= r->today) &&
			    (people[i].end_date == HDAY_NONE ||
			    people[i].end_date >= r->today))
				kid_add(f, r, people[i].person_id);
	free(people);
}

/* How many rows of each part a form shows: what the body says it had,
 * or the latest version's plus BLANK_ROWS empty ones, within limits. */
static void
rows_set(struct mf *f)
{
	static const char *const kinds[SOS_ITEM__COUNT] = { "rows_harm",
		"rows_complicating", "rows_strength", "rows_safety" };
	const struct form *b = f->p->form.body;
	int total = 0, n;

	if (b != NULL) {
		for (int k = 0; k < SOS_ITEM__COUNT; k++) {
			n = (int)text_id(form_get(b, kinds[k]));
			f->rows[k] = n < SOS_ITEMS_MAX ? n : SOS_ITEMS_MAX;
		}
		n = (int)text_id(form_get(b, "rows_pairs"));
		f->prows = n < SOS_PAIRS_MAX ? n : SOS_PAIRS_MAX;
		n = (int)text_id(form_get(b, "rows_steps"));
		f->srows = n < SOS_STEPS_MAX ? n : SOS_STEPS_MAX;
		return;
	}
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		f->rows[k] = 0;
	if (f->latest != NULL)
		for (int i = 0; i < f->latest->n_items; i++)
			f->rows[f->latest->items[i].kind]++;
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		total += f->rows[k];
	for (int k = 0; k < SOS_ITEM__COUNT; k++) {
		int blank = SOS_ITEMS_MAX - total;

		blank = blank < BLANK_ROWS ? (blank > 0 ? blank : 0) :
		    BLANK_ROWS;
		f->rows[k] += blank;
		total += blank;
	}
	f->prows = f->latest != NULL ? f->latest->n_pairs : 0;
	f->prows += SOS_PAIRS_MAX - f->prows < BLANK_ROWS ?
	    SOS_PAIRS_MAX - f->prows : BLANK_ROWS;
	f->srows = f->latest != NULL ? f->latest->n_steps : 0;
	f->srows += SOS_STEPS_MAX - f->srows < BLANK_ROWS ?
	    SOS_STEPS_MAX - f->srows : BLANK_ROWS;
}

/* The form's values from the latest version. */
static void
mf_defaults(struct mf *f)
{
	struct fs *p = f->p;
	const struct sos_map *m = f->latest;
	int seen[SOS_ITEM__COUNT] = { 0 };
	char n[FORM_NAME_MAX + 1];

	form_page_def(&p->form, "expected", "%" PRId64, f->latest_id);
	if (f->meeting != NULL)
		form_page_def(&p->form, "meeting", "%" PRId64, f->meeting->id);
	form_page_def_date(&p->form, "made_on",
	    f->meeting != NULL && f->meeting->date <=
	    p->r->today ? f->meeting->date : p->r->today);
	for (int i = 0; m != NULL && i < m->n_children; i++)
		if (m->child_ids[i] != p->child_id)
			form_page_def(&p->form, "children", "%" PRId64,
			    m->child_ids[i]);
	for (int i = 0; m != NULL && i < m->n_items; i++) {
		const struct sos_item *it = &m->items[i];

		snprintf(n, sizeof(n), "%s_%d", sos_item_kind_code(it->kind),
		    ++seen[it->kind]);
		form_page_def_text(&p->form, n, it->text);
	}
	for (int i = 0; i < f->prows; i++) {
		const struct sos_pair *x = m != NULL && i < m->n_pairs ?
		    &m->pairs[i] : NULL;

		snprintf(n, sizeof(n), "pair_%d_view", i + 1);
		form_page_def(&p->form, n, "%s",
		    sos_family_view_code(x != NULL ?
		    x->family_view : SOS_VIEW_NOT_ASKED));
		if (x == NULL)
			continue;
		snprintf(n, sizeof(n), "pair_%d_danger", i + 1);
		form_page_def_text(&p->form, n, x->danger);
		snprintf(n, sizeof(n), "pair_%d_who", i + 1);
		form_page_def_text(&p->form, n, x->who_worried);
		snprintf(n, sizeof(n), "pair_%d_says", i + 1);
		form_page_def_text(&p->form, n, x->family_says);
		snprintf(n, sizeof(n), "pair_%d_goal_agency", i + 1);
		form_page_def_text(&p->form, n, x->goal_agency);
		snprintf(n, sizeof(n), "pair_%d_goal_family", i + 1);
		form_page_def_text(&p->form, n, x->goal_family);
		snprintf(n, sizeof(n), "pair_%d_sustain", i + 1);
		form_page_def_text(&p->form, n, x->sustain);
	}
	for (int i = 0; m != NULL && i < m->n_steps; i++) {
		snprintf(n, sizeof(n), "step_%d_what", i + 1);
		form_page_def_text(&p->form, n, m->steps[i].what);
		snprintf(n, sizeof(n), "step_%d_who", i + 1);
		form_page_def_text(&p->form, n, m->steps[i].who);
		snprintf(n, sizeof(n), "step_%d_by", i + 1);
		form_page_def_date(&p->form, n, m->steps[i].by);
	}
	if (m != NULL)
		warnings_of(m, p->r->today, &f->warn);
}

/* The form's allow-list. */
static void
mf_fields(struct mf *f)
{
	static const char *const hidden_rows[] = { "rows_harm",
		"rows_complicating", "rows_strength", "rows_safety",
		"rows_pairs", "rows_steps" };
	struct fs *p = f->p;

	form_page_field(&p->form, "csrf", "Form token", true, false, NULL, 64);
	form_page_field(&p->form, "expected", "Version", false, false,
	    form_page_valid_digits, 20);
	form_page_field(&p->form, "meeting", "Conference", false, false,
	    form_page_valid_digits, 20);
	for (size_t i = 0; i < sizeof(hidden_rows) / sizeof(hidden_rows[0]);
	    i++)
		form_page_field(&p->form, hidden_rows[i], "Rows", false, false,
		    form_page_valid_digits, 3);
	form_page_field(&p->form, "children", "Children", false, true,
	    form_page_valid_digits, 20);
	form_page_date_fields(&p->form, "made_on", "The date the map reflects");
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		for (int i = 1; i <= f->rows[k]; i++)
			form_page_fieldf(&p->form, item_nouns[k], valid_note, 0,
			    "%s_%d",
			    sos_item_kind_code((enum sos_item_kind)k), i);
	for (int i = 1; i <= f->prows; i++) {
		form_page_fieldf(&p->form, "The danger statement", valid_note,
		    0,
		    "pair_%d_danger", i);
		form_page_fieldf(&p->form, "Who is worried", valid_line, 0,
		    "pair_%d_who", i);
		form_page_fieldf(&p->form, "Whether the family agrees",
		    valid_code, 16,
		    "pair_%d_view", i);
		form_page_fieldf(&p->form, "What the family says", valid_note,
		    0,
		    "pair_%d_says", i);
		form_page_fieldf(&p->form, "The agency's safety goal",
		    valid_note, 0,
		    "pair_%d_goal_agency", i);
		form_page_fieldf(&p->form, "The family's safety goal",
		    valid_note, 0,
		    "pair_%d_goal_family", i);
		form_page_fieldf(&p->form, "For how long", valid_line, 0,
		    "pair_%d_sustain", i);
	}
	for (int i = 1; i <= f->srows; i++) {
		char n[FORM_NAME_MAX + 1];

		form_page_fieldf(&p->form, "What will happen", valid_note, 0,
		    "step_%d_what", i);
		form_page_fieldf(&p->form, "Who will do it", valid_line, 0,
		    "step_%d_who", i);
		snprintf(n, sizeof(n), "step_%d_by", i);
		form_page_date_fields(&p->form, n,
		    "The date it will be done by");
	}
}

/* Load the child, the latest version, the conference and the children
 * the map may cover: false when the request has been answered. */
static bool
mf_load(struct mf *f)
{
	struct fs *p = f->p;
	struct req *r = p->r;
	const char *mt;
	enum herr x;

	if (!child_load(r, p->w, p->child_id, &p->child, p->name))
		return false;
	f->latest = sos_map_new();
	x = store_map_latest(r->st, p->child_id, f->latest);
	if (x == HERR_NOTFOUND) {
		sos_map_free(f->latest);
		f->latest = NULL;
	} else if (x != HERR_OK) {
		web_unavailable(r, p->w);
		return false;
	} else {
		struct store_map_rev rev;
		int n = 0;

		f->latest_id = f->latest->id;
		if (store_map_history(r->st, p->child_id, &rev, 1, &n) ==
		    HERR_OK && n == 1)
			text_cut(f->latest_by, sizeof(f->latest_by),
			    rev.made_by_name);
	}
	f->nms = meetings_of(r, p->child_id, f->ms);
	mt = p->form.body != NULL ? form_get(p->form.body, "meeting") :
	    form_get(&r->query, "meeting");
	if (mt != NULL && mt[0] != '\0') {
		/* Only a conference about this child. */
		f->meeting = meeting_find(f->ms, f->nms, text_id(mt));
		if (f->meeting == NULL || f->meeting->status ==
		    MEETING_CANCELLED) {
			web_not_found(r, p->w);
			return false;
		}
	}
	kids_load(f);
	rows_set(f);
	return true;
}

/* One statement's box. */
static void
item_rows(struct mf *f, struct html *h, enum sos_item_kind k)
{
	char n[FORM_NAME_MAX + 1], label[64];

	html_lit(h, "<h3 class=\"govuk-heading-m\">");
	html_text(h, sos_item_kind_label(k));
	html_lit(h, "</h3>");
	ui_para(h, item_hints[k]);
	for (int i = 1; i <= f->rows[k]; i++) {
		snprintf(n, sizeof(n), "%s_%d", sos_item_kind_code(k), i);
		snprintf(label, sizeof(label), "%s %d", item_nouns[k], i);
		form_page_textarea_rows(&f->p->form, h, n, label, NULL, 3);
	}
}

static const struct ui_option view_options[] = {
	{ "not-asked", "Not asked yet" },
	{ "agrees", "The family agrees" },
	{ "partly", "The family partly agrees" },
	{ "disputes", "The family disagrees" },
};

static void
pair_rows(struct mf *f, struct html *h)
{
	struct fs *p = f->p;
	char n[FORM_NAME_MAX + 1], label[80];

	terms_read(p);
	for (int i = 1; i <= f->prows; i++) {
		html_lit(h, "<div class=\"govuk-form-group\"><fieldset class=\""
		    "govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
		    "govuk-fieldset__legend--s\">");
		html_textf(h, "Danger statement %d and its safety goals", i);
		html_lit(h, "</legend>");
		snprintf(n, sizeof(n), "pair_%d_danger", i);
		snprintf(label, sizeof(label), "Danger statement %d", i);
		form_page_textarea_rows(&p->form, h, n, label,
		    "Who is worried, about what, and what "
		    "could happen to the child if nothing changes. Use the "
		    "family's words where you can.", 4);
		snprintf(n, sizeof(n), "pair_%d_who", i);
		form_page_input(&p->form, h, n, "Who is worried",
		    "For example, the school and "
		    "the social worker", UI_W_FULL);
		snprintf(n, sizeof(n), "pair_%d_view", i);
		ui_radios(h, &p->form.e, n,
		    "Does the family agree with this worry?",
		    view_options, 4, form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "pair_%d_says", i);
		form_page_textarea_rows(&p->form, h, n, "What the family says",
		    "Needed when they "
		    "partly agree or disagree: in their words.", 2);
		snprintf(n, sizeof(n), "pair_%d_goal_agency", i);
		form_page_textarea_rows(&p->form, h, n,
		    "Safety goal: what the agency needs to see",
		    "What the parents will be doing, what the child will "
		    "experience, what professionals will see.", 3);
		snprintf(n, sizeof(n), "pair_%d_goal_family", i);
		form_page_textarea_rows(&p->form, h, n,
		    "Safety goal in the family's own words", NULL, 3);
		snprintf(n, sizeof(n), "pair_%d_sustain", i);
		form_page_input(&p->form, h, n, "For how long must it last?",
		    "For example, for "
		    "6 months", UI_W_20);
		/* The family-facing texts, as typed, through the checker. */
		snprintf(n, sizeof(n), "pair_%d_danger", i);
		snprintf(label, sizeof(label), "danger statement %d", i);
		plain_view_flags(h, label, form_page_val(&p->form, n), p->terms,
		    p->nterms);
		snprintf(n, sizeof(n), "pair_%d_goal_agency", i);
		snprintf(label, sizeof(label), "the agency's safety goal %d", i);
		plain_view_flags(h, label, form_page_val(&p->form, n), p->terms,
		    p->nterms);
		snprintf(n, sizeof(n), "pair_%d_goal_family", i);
		snprintf(label, sizeof(label), "the family's safety goal %d", i);
		plain_view_flags(h, label, form_page_val(&p->form, n), p->terms,
		    p->nterms);
		html_lit(h, "</fieldset></div>\n");
	}
}

static void
step_rows(struct mf *f, struct html *h)
{
	struct fs *p = f->p;
	char n[FORM_NAME_MAX + 1], label[48];

	for (int i = 1; i <= f->srows; i++) {
		html_lit(h, "<div class=\"govuk-form-group\"><fieldset class=\""
		    "govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
		    "govuk-fieldset__legend--s\">");
		html_textf(h, "Next step %d", i);
		html_lit(h, "</legend>");
		snprintf(n, sizeof(n), "step_%d_what", i);
		snprintf(label, sizeof(label), "What will happen (step %d)", i);
		form_page_textarea_rows(&p->form, h, n, label, NULL, 2);
		snprintf(n, sizeof(n), "step_%d_who", i);
		snprintf(label, sizeof(label), "Who will do it (step %d)", i);
		form_page_input(&p->form, h, n, label, NULL, UI_W_FULL);
		snprintf(n, sizeof(n), "step_%d_by", i);
		snprintf(label, sizeof(label), "By when (step %d)", i);
		form_page_date_input(&p->form, h, n, label, NULL);
		html_lit(h, "</fieldset></div>\n");
	}
}

static void
children_choice(struct mf *f, struct html *h)
{
	struct fs *p = f->p;
	const char *err = ui_error_for(&p->form.e, "children");
	char v[24];

	if (f->nkids == 0)
		return;
	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\" aria-describedby=\""
	    "children-hint\"><legend class=\"govuk-fieldset__legend govuk-"
	    "fieldset__legend--s\">A family map: which other children is it "
	    "about?</legend>");
	html_lit(h, "<div id=\"children-hint\" class=\"govuk-hint\">");
	html_textf(h, "The map is about %s. It can also be about their "
	    "brothers and sisters, as one family's map.", p->name);
	html_lit(h, "</div>");
	ui_error_message(h, "children", err);
	html_lit(h, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
	    "data-module=\"govuk-checkboxes\">");
	for (int i = 0; i < f->nkids; i++) {
		snprintf(v, sizeof(v), "%" PRId64, f->kids[i].id);
		html_lit(h, "<div class=\"govuk-checkboxes__item\"><input class="
		    "\"govuk-checkboxes__input\" type=\"checkbox\" name=\""
		    "children\"");
		if (i == 0)
			html_attr(h, "id", "children");
		else
			html_attrf(h, "id", "children-%d", i);
		html_attr(h, "value", v);
		if (form_page_val_has(&p->form, "children", v))
			html_lit(h, " checked");
		html_lit(h, "><label class=\"govuk-label govuk-checkboxes__label"
		    "\"");
		if (i == 0)
			html_attr(h, "for", "children");
		else
			html_attrf(h, "for", "children-%d", i);
		html_lit(h, ">");
		html_text(h, f->kids[i].name);
		html_lit(h, "</label></div>");
	}
	html_lit(h, "</div></fieldset></div>\n");
}

static void
mf_show(struct mf *f, int status)
{
	struct fs *p = f->p;
	struct html *h = &p->w->body;
	const char *title = f->latest != NULL ? "Change the Signs of Safety "
	    "map" : "Start the Signs of Safety map";
	char action[80], back[80], d[40], line[480], v[16];

	p->w->status = status;
	ui_page_start_errors(p->r, p->w, title, &p->form.e);
	snprintf(back, sizeof(back), "/children/%" PRId64 "/map",
	    p->child_id);
	ui_back_link(h, back);
	ui_heading(h, p->name, title);
	if (f->latest != NULL) {
		snprintf(line, sizeof(line), "You are changing the version of "
		    "the map saved by %s on %s. Saving makes a new version; "
		    "the earlier ones are kept and can still be read.",
		    f->latest_by[0] ? f->latest_by : "someone",
		    ui_date_long(f->latest->made_on, d, sizeof(d)));
		ui_inset(h, line);
	}
	if (f->meeting != NULL) {
		char words[160];

		meeting_words(f->meeting, words, sizeof(words));
		snprintf(line, sizeof(line), "This version will be recorded as "
		    "worked through at the %s.", words);
		ui_inset(h, line);
	}
	for (int i = 0; i < f->warn.n; i++)
		ui_warning(h, f->warn.w[i].msg);
	snprintf(action, sizeof(action), "/children/%" PRId64 "/map/edit",
	    p->child_id);
	ui_form_start(p->r, h, action);
	ui_hidden(h, "expected", f->expected[0] ? f->expected :
	    form_page_val(&p->form, "expected"));
	if (f->meeting != NULL)
		form_page_hidden(&p->form, h, "meeting");
	for (int k = 0; k < SOS_ITEM__COUNT; k++) {
		char n[32];

		snprintf(n, sizeof(n), "rows_%s",
		    sos_item_kind_code((enum sos_item_kind)k));
		snprintf(v, sizeof(v), "%d", f->rows[k]);
		ui_hidden(h, n, v);
	}
	snprintf(v, sizeof(v), "%d", f->prows);
	ui_hidden(h, "rows_pairs", v);
	snprintf(v, sizeof(v), "%d", f->srows);
	ui_hidden(h, "rows_steps", v);
	children_choice(f, h);
	form_page_date_input(&p->form, h, "made_on",
	    "The date the map reflects", NULL);
	ui_para(h, "To take a statement off the map, delete its text. Empty "
	    "boxes are left out.");
	html_lit(h, "<h2 class=\"govuk-heading-l\">What are we worried about?"
	    "</h2>");
	item_rows(f, h, SOS_HARM);
	html_lit(h, "<h3 class=\"govuk-heading-m\">Danger statements and "
	    "safety goals</h3>");
	ui_para(h, "Each danger statement has its safety goals: the agency's, "
	    "and the family's in their own words. Try to keep to three.");
	pair_rows(f, h);
	item_rows(f, h, SOS_COMPLICATING);
	html_lit(h, "<h2 class=\"govuk-heading-l\">What's working well?</h2>");
	item_rows(f, h, SOS_STRENGTH);
	item_rows(f, h, SOS_SAFETY);
	html_lit(h, "<h2 class=\"govuk-heading-l\">What needs to happen?</h2>");
	html_lit(h, "<h3 class=\"govuk-heading-m\">Next steps</h3>");
	ui_para(h, "The safety goals are with their danger statements above. "
	    "Next steps say who will do what, by when.");
	step_rows(f, h);
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, "Save a new version of the map");
	html_lit(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", back);
	html_lit(h, ">Cancel</a></div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

/* The form again, audited as a view of the child. */
static void
mf_again(struct mf *f, int status)
{
	if (audit_view(f->p->r, f->p->w, f->p->child_id))
		mf_show(f, status);
}

/* Build the map from the checked body into f->m: false with problems
 * added for answers that cannot be used. */
static bool
mf_parse(struct mf *f)
{
	struct fs *p = f->p;
	struct sos_map *m;
	char n[FORM_NAME_MAX + 1], what[64];

	f->m = m = sos_map_new();
	m->child_ids[m->n_children++] = p->child_id;
	for (int i = 0; i < p->form.body->n; i++) {
		int64_t id;
		bool known = false;

		if (strcmp(p->form.body->pair[i].name, "children") != 0)
			continue;
		id = text_id(p->form.body->pair[i].value);
		for (int k = 0; k < f->nkids; k++)
			known = known || f->kids[k].id == id;
		if (!known) {
			form_page_problem(&p->form,
			    f->nkids > 0 ? "children" : "made_on",
			    "Choose the children from the list");
			continue;
		}
		if (m->n_children < SOS_CHILDREN_MAX)
			m->child_ids[m->n_children++] = id;
	}
	m->meeting_id = f->meeting != NULL ? f->meeting->id : 0;
	(void)form_page_date_value(&p->form, "made_on",
	    "the date the map reflects", true, &m->made_on);
	for (int k = 0; k < SOS_ITEM__COUNT; k++)
		for (int i = 1; i <= f->rows[k]; i++) {
			struct sos_item *it;

			snprintf(n, sizeof(n), "%s_%d",
			    sos_item_kind_code((enum sos_item_kind)k), i);
			if (form_page_val(&p->form, n)[0] == '\0')
				continue;
			if (m->n_items == SOS_ITEMS_MAX) {
				form_page_problem(&p->form, n,
				    "A map can hold at most %d "
				    "statements of harm, complicating factors, "
				    "strengths and safety", SOS_ITEMS_MAX);
				break;
			}
			it = &m->items[m->n_items];
			it->kind = (enum sos_item_kind)k;
			if (trimmed(it->text, sizeof(it->text),
			    form_page_val(&p->form, n)) == 0)
				continue;
			text_cut(f->item_field[m->n_items],
			    sizeof(f->item_field[0]), n);
			m->n_items++;
		}
	for (int i = 1; i <= f->prows; i++) {
		struct sos_pair *x = &m->pairs[m->n_pairs];
		static const char *const parts[] = { "danger", "who", "says",
			"goal_agency", "goal_family", "sustain" };
		bool any = false;
		int v;

		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			snprintf(n, sizeof(n), "pair_%d_%s", i, parts[k]);
			any = any || trimmed(what, sizeof(what),
			    form_page_val(&p->form, n)) > 0;
		}
		if (!any)
			continue;
		memset(x, 0, sizeof(*x));
		snprintf(n, sizeof(n), "pair_%d_danger", i);
		trimmed(x->danger, sizeof(x->danger), form_page_val(&p->form,
		    n));
		snprintf(n, sizeof(n), "pair_%d_who", i);
		trimmed(x->who_worried, sizeof(x->who_worried),
		    form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "pair_%d_view", i);
		v = sos_family_view_parse(form_page_val(&p->form, n));
		x->family_view = v >= 0 ? (enum sos_family_view)v :
		    SOS_VIEW__COUNT;
		snprintf(n, sizeof(n), "pair_%d_says", i);
		trimmed(x->family_says, sizeof(x->family_says),
		    form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "pair_%d_goal_agency", i);
		trimmed(x->goal_agency, sizeof(x->goal_agency),
		    form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "pair_%d_goal_family", i);
		trimmed(x->goal_family, sizeof(x->goal_family),
		    form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "pair_%d_sustain", i);
		trimmed(x->sustain, sizeof(x->sustain), form_page_val(&p->form,
		    n));
		f->pair_row[m->n_pairs++] = i;
	}
	for (int i = 1; i <= f->srows; i++) {
		struct sos_step *x = &m->steps[m->n_steps];
		char wn[FORM_NAME_MAX + 1], bn[FORM_NAME_MAX + 1];

		snprintf(n, sizeof(n), "step_%d_what", i);
		snprintf(wn, sizeof(wn), "step_%d_who", i);
		snprintf(bn, sizeof(bn), "step_%d_by", i);
		if (trimmed(what, sizeof(what), form_page_val(&p->form,
		    n)) == 0 &&
		    trimmed(what, sizeof(what), form_page_val(&p->form,
		    wn)) == 0 &&
		    form_page_date_blank(&p->form, bn))
			continue;
		memset(x, 0, sizeof(*x));
		trimmed(x->what, sizeof(x->what), form_page_val(&p->form, n));
		trimmed(x->who, sizeof(x->who), form_page_val(&p->form, wn));
		snprintf(what, sizeof(what), "the date next step %d will be "
		    "done by", i);
		(void)form_page_date_value(&p->form, bn, what, true, &x->by);
		f->step_row[m->n_steps++] = i;
	}
	return p->form.e.n == 0;
}

/* Point a problem the core names ("pairs[1].danger") at its box. */
static void
mf_map_field(struct mf *f, struct hdiag *d)
{
	static const struct {
		const char *core, *form;
	} pair_parts[] = {
		{ "danger", "danger" }, { "who_worried", "who" },
		{ "family_view", "view" }, { "family_says", "says" },
		{ "goal_agency", "goal_agency" },
		{ "goal_family", "goal_family" }, { "sustain", "sustain" },
	};
	const struct sos_map *m = f->m;
	char out[FORM_NAME_MAX + 1], member[32];
	int idx = -1;

	out[0] = '\0';
	if (sscanf(d->field, "items[%d].%31s", &idx, member) == 2 &&
	    idx >= 0 && idx < m->n_items)
		text_cut(out, sizeof(out), f->item_field[idx]);
	else if (sscanf(d->field, "pairs[%d].%31s", &idx, member) == 2 &&
	    idx >= 0) {
		int row = idx < m->n_pairs ? f->pair_row[idx] : 1;

		for (size_t k = 0; k < sizeof(pair_parts) /
		    sizeof(pair_parts[0]); k++)
			if (strcmp(member, pair_parts[k].core) == 0)
				snprintf(out, sizeof(out), "pair_%d_%s", row,
				    pair_parts[k].form);
	} else if (sscanf(d->field, "steps[%d].%31s", &idx, member) == 2 &&
	    idx >= 0 && idx < m->n_steps)
		snprintf(out, sizeof(out), "step_%d_%s", f->step_row[idx],
		    member);
	else if (strcmp(d->field, "pairs") == 0)
		text_cut(out, sizeof(out), "pair_1_danger");
	else if (strcmp(d->field, "items") == 0)
		text_cut(out, sizeof(out), "harm_1");
	else if (strcmp(d->field, "steps") == 0)
		text_cut(out, sizeof(out), "step_1_what");
	else if (strcmp(d->field, "children") == 0 && f->nkids > 0)
		text_cut(out, sizeof(out), "children");
	if (out[0] != '\0' && !form_page_has_field(&f->p->form, out)) {
		char day[FORM_NAME_MAX + 8];

		snprintf(day, sizeof(day), "%s-day", out);
		if (!form_page_has_field(&f->p->form, day))
			out[0] = '\0';
	}
	if (out[0] == '\0')
		text_cut(out, sizeof(out), "made_on");
	text_cut(d->field, sizeof(d->field), out);
}

static struct mf *
mf_new(struct req *r, struct resp *w)
{
	struct mf *f = xcalloc(1, sizeof(*f));

	f->p = fs_new(r, w);
	return f;
}

static void
get_map_edit(struct req *r, struct resp *w)
{
	struct mf *f;

	if (!gate(r, w, web_id(r, 0), ACCESS_CONFERENCE))
		return;
	f = mf_new(r, w);
	if (mf_load(f)) {
		mf_defaults(f);
		if (audit_view(r, w, f->p->child_id))
			mf_show(f, 200);
	}
	mf_free(f);
}

static void
post_map_edit(struct req *r, struct resp *w)
{
	struct journey_ctx cx;
	struct hdiag d;
	struct mf *f;
	struct fs *p;
	char when[40];
	bool answered;
	enum herr x;

	if (!gate(r, w, web_id(r, 0), ACCESS_CONFERENCE))
		return;
	f = mf_new(r, w);
	p = f->p;
	p->form.body = &r->body;
	if (!mf_load(f))
		goto out;
	mf_fields(f);
	if (!form_page_check(&p->form, p->r, p->w, NULL, NULL, &answered)) {
		if (!answered)
			mf_again(f, 422);
		goto out;
	}
	if (!mf_parse(f)) {
		/* The warnings of what was typed, beside its problems. */
		warnings_of(f->m, r->today, &f->warn);
		mf_again(f, 422);
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
	x = record_map_save(r->st, f->m, text_id(form_page_val(&p->form,
	    "expected")), &cx, &f->warn, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_CREATE, f->m->child_ids,
		    f->m->n_children))
			web_redirect(w, "/children/%" PRId64 "/map?saved=map",
			    p->child_id);
		goto out;
	}
	store_rollback(r->st);
	switch (x) {
	case HERR_INVALID:
	case HERR_RANGE:
		if (d.msg[0] == '\0')
			snprintf(d.msg, sizeof(d.msg), "This map cannot be "
			    "saved: check it and try again");
		mf_map_field(f, &d);
		form_page_error_add(&p->form, &d);
		mf_again(f, 422);
		break;
	case HERR_CONFLICT:
		/* Someone else's version came first: keep this person's
		 * input, say whose, and take the newer version as the one
		 * this starts from, so saving again is a choice made knowing
		 * both. */
		hdiag_clear(&d);
		snprintf(d.msg, sizeof(d.msg), "%.60s saved a newer version of "
		    "the map at %s. Nothing you entered has been saved. Look at "
		    "the latest version, then save again if your changes are "
		    "still needed.", p->ch.by_name[0] ? p->ch.by_name :
		    "Someone else", p->ch.at > 0 ? ui_time(p->ch.at, when,
		    sizeof(when)) : "an unknown time");
		form_page_error_add(&p->form, &d);
		snprintf(f->expected, sizeof(f->expected), "%" PRId64,
		    p->ch.version);
		mf_again(f, 409);
		break;
	case HERR_NOTFOUND:
		web_not_found(r, w);
		break;
	default:
		web_unavailable(r, w);
		break;
	}
out:
	mf_free(f);
}

/* ---------------------------------------------------------- the scales */

/* The scales page's own state beside the generic one. */
struct rf {
	struct fs *p;
	struct sos_map *latest;		/* NULL before the first map */
	struct sos_rating *ratings;	/* the child's, oldest first */
	int nr;
	struct meeting_summary ms[MEETINGS_MAX];
	int nms;
	bool run;
	struct sos_rating *add;		/* RATING_ROWS, built from the body */
	int add_row[RATING_ROWS];
	int nadd;
};

static void
rf_free(struct rf *f)
{
	if (f == NULL)
		return;
	sos_map_free(f->latest);
	free(f->ratings);
	free(f->add);
	fs_free(f->p);
	free(f);
}

/* Load the child, the latest map, the ratings and the conferences:
 * NULL when the request has been answered. */
static struct rf *
rf_load(struct req *r, struct resp *w, const struct form *body)
{
	struct rf *f = xcalloc(1, sizeof(*f));
	struct fs *p;
	enum herr x;

	f->p = p = fs_new(r, w);
	p->form.body = body;
	if (!child_load(r, w, p->child_id, &p->child, p->name))
		goto fail;
	f->latest = sos_map_new();
	if ((x = store_map_latest(r->st, p->child_id, f->latest)) ==
	    HERR_NOTFOUND) {
		sos_map_free(f->latest);
		f->latest = NULL;
	} else if (x != HERR_OK) {
		web_unavailable(r, w);
		goto fail;
	}
	f->ratings = xmalloc(RATINGS_PAGE * sizeof(*f->ratings));
	if (store_ratings_child(r->st, p->child_id, f->ratings, RATINGS_PAGE,
	    &f->nr) != HERR_OK) {
		web_unavailable(r, w);
		goto fail;
	}
	f->nms = meetings_of(r, p->child_id, f->ms);
	f->run = may(r, p->child_id, ACCESS_CONFERENCE);
	return f;
fail:
	rf_free(f);
	return NULL;
}

static const struct ui_option rater_options[] = {
	{ "", "Select" },
	{ "child", "Child" },
	{ "parent", "Parent or carer" },
	{ "network", "Safety network" },
	{ "professional", "Professional" },
};

static const struct ui_option value_options[] = {
	{ "", "Select" },
	{ "0", "0: too unsafe to stay at home" },
	{ "1", "1" }, { "2", "2" }, { "3", "3" }, { "4", "4" }, { "5", "5" },
	{ "6", "6" }, { "7", "7" }, { "8", "8" }, { "9", "9" },
	{ "10", "10: safe enough to close" },
};

/* A control of a person's row: its label names the row for screen
 * readers; `opts` makes it a select, `rows` a textarea. */
static void
row_control(struct fs *p, struct html *h, const char *name,
    const char *label, const char *legend, const struct ui_option *opts,
    int nopts, int rows)
{
	const char *err = ui_error_for(&p->form.e, name);
	const char *v = form_page_val(&p->form, name);

	html_lit(h, "<div class=\"hearth-person__field\"><label class=\""
	    "govuk-label\"");
	html_attr(h, "for", name);
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "<span class=\"govuk-visually-hidden\"> (");
	html_text(h, legend);
	html_lit(h, ")</span></label>");
	ui_error_message(h, name, err);
	if (opts != NULL) {
		html_lit(h, "<select");
		html_attr(h, "class", err != NULL ? "govuk-select "
		    "govuk-select--error" : "govuk-select");
	} else if (rows > 0) {
		html_lit(h, "<textarea");
		html_attrf(h, "rows", "%d", rows);
		html_attr(h, "class", err != NULL ? "govuk-textarea "
		    "govuk-textarea--error" : "govuk-textarea");
	} else {
		html_lit(h, "<input type=\"text\" spellcheck=\"false\"");
		html_attr(h, "class", err != NULL ? "govuk-input "
		    "govuk-input--error" : "govuk-input");
		html_attr(h, "value", v);
	}
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	if (err != NULL)
		html_attrf(h, "aria-describedby", "%s-error", name);
	html_lit(h, ">");
	if (opts != NULL) {
		for (int i = 0; i < nopts; i++) {
			html_lit(h, "<option");
			html_attr(h, "value", opts[i].value);
			if (strcmp(v, opts[i].value) == 0)
				html_lit(h, " selected");
			html_lit(h, ">");
			html_text(h, opts[i].label);
			html_lit(h, "</option>");
		}
		html_lit(h, "</select>");
	} else if (rows > 0) {
		html_text(h, v);
		html_lit(h, "</textarea>");
	}
	html_lit(h, "</div>");
}

static void
rating_rows(struct rf *f, struct html *h)
{
	struct fs *p = f->p;
	char n[FORM_NAME_MAX + 1], legend[32];

	for (int i = 1; i <= RATING_ROWS; i++) {
		bool any = false;
		static const char *const parts[] = { "kind", "rater", "agency",
			"value", "reason" };

		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			snprintf(n, sizeof(n), "rating_%d_%s", i, parts[k]);
			any = any || ui_error_for(&p->form.e, n) != NULL;
		}
		snprintf(legend, sizeof(legend), "Person %d", i);
		html_lit(h, "<div class=\"govuk-form-group hearth-person");
		if (any)
			html_lit(h, " govuk-form-group--error");
		html_lit(h, "\"><fieldset class=\"govuk-fieldset\"><legend "
		    "class=\"govuk-fieldset__legend govuk-fieldset__legend--s"
		    "\">");
		html_text(h, legend);
		html_lit(h, "</legend><div class=\"hearth-person__fields\">");
		snprintf(n, sizeof(n), "rating_%d_kind", i);
		row_control(p, h, n, "Who they are", legend, rater_options,
		    (int)(sizeof(rater_options) / sizeof(rater_options[0])), 0);
		snprintf(n, sizeof(n), "rating_%d_rater", i);
		row_control(p, h, n, "Name", legend, NULL, 0, 0);
		snprintf(n, sizeof(n), "rating_%d_agency", i);
		row_control(p, h, n, "Agency (professionals)", legend, NULL, 0,
		    0);
		snprintf(n, sizeof(n), "rating_%d_value", i);
		row_control(p, h, n, "Rating", legend, value_options,
		    (int)(sizeof(value_options) / sizeof(value_options[0])), 0);
		html_lit(h, "</div>");
		snprintf(n, sizeof(n), "rating_%d_reason", i);
		row_control(p, h, n, "Why that number", legend, NULL, 0, 2);
		html_lit(h, "</fieldset></div>\n");
	}
}

/* The scale choices: overall, then each danger statement of the map. */
static int
scale_options(const struct rf *f, struct ui_option *opts,
    char labels[][SHORT_MAX + 40])
{
	char s[SHORT_MAX / 2 + 4];
	int k = 0;

	opts[k++] = (struct ui_option){ "0", "The overall safety scale" };
	for (int i = 0; f->latest != NULL && i < f->latest->n_pairs; i++) {
		in_short(s, sizeof(s), f->latest->pairs[i].danger);
		snprintf(labels[k], SHORT_MAX + 40, "Danger statement %d: %s",
		    i + 1, s);
		opts[k] = (struct ui_option){ NULL, labels[k] };
		k++;
	}
	return k;
}

static void
rf_show(struct rf *f, int status)
{
	char values[SOS_PAIRS_MAX + 1][12];
	struct fs *p = f->p;
	struct html *h = &p->w->body;
	const char *saved = form_get(&p->r->query, "saved");
	struct ui_option opts[SOS_PAIRS_MAX + 1], mopts[MEETINGS_MAX + 1];
	char labels[SOS_PAIRS_MAX + 1][SHORT_MAX + 40];
	char mlabels[MEETINGS_MAX + 1][160], mvals[MEETINGS_MAX + 1][24];
	char action[80], id[24], cap[64], s[SHORT_MAX + 4];
	int nopts, nm = 0;

	p->w->status = status;
	ui_page_start_errors(p->r, p->w, "Safety scales", &p->form.e);
	back_to_record(h, p->child_id);
	if (p->form.body == NULL && sos_saved_title(saved) != NULL)
		ui_success(h, sos_saved_title(saved), NULL);
	ui_heading(h, p->name, "Safety scales");
	ui_para(h, "On a safety scale, 0 means the child is too unsafe to stay "
	    "at home and 10 means things are safe enough for the case to "
	    "close. Everyone who matters to the child gives their own number "
	    "and says why, so the spread of views, and how it changes, can be "
	    "seen. Every rating is kept.");
	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"scale-0\">Overall "
	    "safety scale</h2>");
	sos_scale_chart(h, f->ratings, f->nr, 0, "Overall safety scale",
	    "chart-0");
	for (int i = 0; f->latest != NULL && i < f->latest->n_pairs; i++) {
		html_lit(h, "<h2 class=\"govuk-heading-m\"");
		html_attrf(h, "id", "scale-%d", i + 1);
		html_lit(h, ">");
		html_textf(h, "Danger statement %d", i + 1);
		html_lit(h, "</h2>");
		in_short(s, sizeof(s), f->latest->pairs[i].danger);
		ui_inset(h, s);
		snprintf(cap, sizeof(cap), "Safety scale for danger statement "
		    "%d", i + 1);
		snprintf(id, sizeof(id), "chart-%d", i + 1);
		sos_scale_chart(h, f->ratings, f->nr, i + 1, cap, id);
	}
	if (!f->run) {
		ui_page_end(p->r, p->w);
		return;
	}
	html_lit(h, "<h2 class=\"govuk-heading-l\" id=\"add\">Add ratings</h2>");
	ui_para(h, "Ask each person on their own, so they give their own "
	    "number. Add one row for each person; empty rows are left out.");
	snprintf(action, sizeof(action), "/children/%" PRId64 "/scales",
	    p->child_id);
	ui_form_start(p->r, h, action);
	nopts = scale_options(f, opts, labels);
	for (int i = 0; i < nopts; i++) {
		snprintf(values[i], sizeof(values[i]), "%d", i);
		opts[i].value = values[i];
	}
	ui_select(h, &p->form.e, "pair", "Which scale", opts, nopts,
	    form_page_val(&p->form, "pair"));
	mopts[nm++] = (struct ui_option){ "", "Not at a conference" };
	for (int i = 0; i < f->nms; i++) {
		if (f->ms[i].status == MEETING_CANCELLED ||
		    f->ms[i].date > p->r->today)
			continue;
		meeting_words(&f->ms[i], mlabels[nm], sizeof(mlabels[nm]));
		snprintf(mvals[nm], sizeof(mvals[nm]), "%" PRId64, f->ms[i].id);
		mopts[nm] = (struct ui_option){ mvals[nm], mlabels[nm] };
		nm++;
	}
	ui_select(h, &p->form.e, "meeting", "Given at a conference", mopts, nm,
	    form_page_val(&p->form, "meeting"));
	form_page_date_input(&p->form, h, "rated_on", "Date of the ratings",
	    NULL);
	rating_rows(f, h);
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, "Save the ratings");
	html_lit(h, "</div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

static void
rf_fields(struct rf *f)
{
	struct fs *p = f->p;

	form_page_field(&p->form, "csrf", "Form token", true, false, NULL, 64);
	form_page_field(&p->form, "pair", "Which scale", false, false,
	    form_page_valid_digits, 3);
	form_page_field(&p->form, "meeting", "The conference", false, false,
	    form_page_valid_digits, 20);
	form_page_date_fields(&p->form, "rated_on", "The date of the ratings");
	for (int i = 1; i <= RATING_ROWS; i++) {
		form_page_fieldf(&p->form, "Who they are", valid_code, 16,
		    "rating_%d_kind", i);
		form_page_fieldf(&p->form, "Name", valid_line, 0,
		    "rating_%d_rater", i);
		form_page_fieldf(&p->form, "Agency", valid_line, 0,
		    "rating_%d_agency", i);
		form_page_fieldf(&p->form, "Rating", form_page_valid_digits, 2,
		    "rating_%d_value", i);
		form_page_fieldf(&p->form, "Why that number", valid_note, 0,
		    "rating_%d_reason",
		    i);
	}
}

/* Build the ratings typed into f->add: false with problems added. */
static bool
rf_parse(struct rf *f)
{
	struct fs *p = f->p;
	const char *pv = form_page_val(&p->form, "pair"),
	    *mv = form_page_val(&p->form, "meeting");
	int64_t pair = pv[0] != '\0' ? strtoll(pv, NULL, 10) : 0;
	int64_t meeting = text_id(mv);
	const struct meeting_summary *m;
	char n[FORM_NAME_MAX + 1], t[SOS_NAME_MAX + 1];
	hday on = HDAY_NONE;

	if (pair < 0 || pair > (f->latest != NULL ? f->latest->n_pairs : 0)) {
		form_page_problem(&p->form, "pair",
		    "Select the scale from the list");
		pair = 0;
	}
	if (mv[0] != '\0' && ((m = meeting_find(f->ms, f->nms, meeting)) ==
	    NULL || m->status == MEETING_CANCELLED || m->date > p->r->today)) {
		form_page_problem(&p->form, "meeting",
		    "Select the conference from the list");
		meeting = 0;
	}
	(void)form_page_date_value(&p->form, "rated_on",
	    "the date of the ratings", true, &on);
	f->add = xcalloc(RATING_ROWS, sizeof(*f->add));
	for (int i = 1; i <= RATING_ROWS; i++) {
		static const char *const parts[] = { "kind", "rater", "agency",
			"value", "reason" };
		struct sos_rating *x = &f->add[f->nadd];
		bool any = false;
		const char *v;
		int k;

		for (size_t j = 0; j < sizeof(parts) / sizeof(parts[0]); j++) {
			snprintf(n, sizeof(n), "rating_%d_%s", i, parts[j]);
			any = any || trimmed(t, sizeof(t),
			    form_page_val(&p->form, n)) > 0;
		}
		if (!any)
			continue;
		memset(x, 0, sizeof(*x));
		x->child_id = p->child_id;
		x->meeting_id = meeting;
		x->map_id = f->latest != NULL ? f->latest->id : 0;
		x->pair = (int)pair;
		x->rated_on = on;
		snprintf(n, sizeof(n), "rating_%d_kind", i);
		if ((k = sos_rater_parse(form_page_val(&p->form, n))) < 0)
			form_page_problem(&p->form, n,
			    "Select who person %d is: the child, a "
			    "parent or carer, the safety network or a "
			    "professional", i);
		x->kind = k >= 0 ? (enum sos_rater)k : RATER_CHILD;
		snprintf(n, sizeof(n), "rating_%d_rater", i);
		trimmed(x->rater, sizeof(x->rater), form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "rating_%d_agency", i);
		trimmed(x->agency, sizeof(x->agency), form_page_val(&p->form,
		    n));
		snprintf(n, sizeof(n), "rating_%d_value", i);
		v = form_page_val(&p->form, n);
		if (v[0] == '\0' || strlen(v) > 2 ||
		    strtol(v, NULL, 10) > SOS_SCALE_MAX) {
			form_page_problem(&p->form, n,
			    "Select the rating person %d gave, from 0 "
			    "to 10", i);
			x->value = 0;
		} else
			x->value = (int)strtol(v, NULL, 10);
		snprintf(n, sizeof(n), "rating_%d_reason", i);
		trimmed(x->reason, sizeof(x->reason), form_page_val(&p->form,
		    n));
		f->add_row[f->nadd++] = i;
	}
	if (f->nadd == 0 && p->form.e.n == 0)
		form_page_problem(&p->form, "rating_1_kind",
		    "Enter at least one person's "
		    "rating");
	return p->form.e.n == 0;
}

/* Point a problem with the rating of row `row` at its box. */
static void
rf_map_field(struct hdiag *d, int row)
{
	static const struct {
		const char *core, *form;
	} parts[] = {
		{ "kind", "kind" }, { "rater", "rater" }, { "agency", "agency" },
		{ "value", "value" }, { "reason", "reason" },
	};
	char out[FORM_NAME_MAX + 1];

	if (strcmp(d->field, "pair") == 0 || strcmp(d->field, "map_id") == 0)
		text_cut(out, sizeof(out), "pair");
	else if (strcmp(d->field, "rated_on") == 0)
		text_cut(out, sizeof(out), "rated_on");
	else if (strcmp(d->field, "meeting_id") == 0)
		text_cut(out, sizeof(out), "meeting");
	else {
		snprintf(out, sizeof(out), "rating_%d_rater", row);
		for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
			if (strcmp(d->field, parts[k].core) == 0)
				snprintf(out, sizeof(out), "rating_%d_%s", row,
				    parts[k].form);
	}
	text_cut(d->field, sizeof(d->field), out);
}

static void
rf_again(struct rf *f, int status)
{
	if (audit_view(f->p->r, f->p->w, f->p->child_id))
		rf_show(f, status);
}

static void
get_scales(struct req *r, struct resp *w)
{
	const char *mt = form_get(&r->query, "meeting");
	const struct meeting_summary *m;
	struct rf *f;

	if (!gate(r, w, web_id(r, 0), ACCESS_VIEW))
		return;
	if ((f = rf_load(r, w, NULL)) == NULL)
		return;
	/* A conference's page sends people here to rate at it. */
	form_page_def_date(&f->p->form, "rated_on", r->today);
	if (mt != NULL && (m = meeting_find(f->ms, f->nms, text_id(mt))) !=
	    NULL && m->date <= r->today) {
		form_page_clear(&f->p->form);
		form_page_def(&f->p->form, "meeting", "%" PRId64, m->id);
		form_page_def_date(&f->p->form, "rated_on", m->date);
	}
	if (audit_view(r, w, f->p->child_id))
		rf_show(f, 200);
	rf_free(f);
}

static void
post_scales(struct req *r, struct resp *w)
{
	struct journey_ctx cx;
	struct hdiag d;
	struct rf *f;
	struct fs *p;
	bool answered;
	int64_t id = web_id(r, 0);

	if (!gate(r, w, id, ACCESS_CONFERENCE))
		return;
	if ((f = rf_load(r, w, &r->body)) == NULL)
		return;
	p = f->p;
	rf_fields(f);
	if (!form_page_check(&p->form, p->r, p->w, NULL, NULL, &answered)) {
		if (!answered)
			rf_again(f, 422);
		goto out;
	}
	if (!rf_parse(f)) {
		rf_again(f, 422);
		goto out;
	}
	memset(&cx, 0, sizeof(cx));
	cx.today = r->today;
	cx.by = r->who.staff_id;
	cx.now = r->now;
	cx.conflict = &p->ch;
	if (!web_begin(r, w))
		goto out;
	for (int i = 0; i < f->nadd; i++) {
		enum herr x;

		hdiag_clear(&d);
		x = record_rating_add(r->st, &f->add[i], &cx, &d);
		if (x == HERR_OK)
			continue;
		if (x != HERR_INVALID && x != HERR_RANGE &&
		    x != HERR_NOTFOUND) {
			store_rollback(r->st);
			web_unavailable(r, w);
			goto out;
		}
		rf_map_field(&d, f->add_row[i]);
		form_page_error_add(&p->form, &d);
	}
	if (p->form.e.n > 0) {
		store_rollback(r->st);
		rf_again(f, 422);
		goto out;
	}
	if (audit_commit(r, w, AUDIT_CREATE, &id, 1))
		web_redirect(w, "/children/%" PRId64 "/scales?saved=ratings",
		    id);
out:
	rf_free(f);
}

/* ---------------------------------------------------- the child's voice */

/* The fields of each kind of direct work, as the core names them. */
static const char *const wp_dates[] = { "shared_parents_on", "agreed_on",
	"shared_child_on" };
static const char *const wp_date_labels[] = {
	"Date it was shared with the parents",
	"Date the parents agreed it",
	"Date it was shared with the child",
};
static const char *const wp_date_words[] = {
	"the date it was shared with the parents",
	"the date the parents agreed it",
	"the date it was shared with the child",
};

static hday *
wp_date(struct voice_work *v, int i)
{
	hday *all[] = { &v->shared_parents_on, &v->agreed_on,
		&v->shared_child_on };

	return all[i];
}

static hday
wp_date_of(const struct voice_work *v, int i)
{
	const hday all[] = { v->shared_parents_on, v->agreed_on,
		v->shared_child_on };

	return all[i];
}

/* A voice page's own state beside the generic one. */
struct vf {
	struct fs *p;
	enum voice_kind kind;
	struct voice_work *old;		/* the piece shown, or NULL (new) */
	struct voice_work *v;		/* built from the body */
	bool run;
	char version[24];		/* after a conflict: the newer one */
};

static void
vf_free(struct vf *f)
{
	if (f == NULL)
		return;
	free(f->old);
	free(f->v);
	fs_free(f->p);
	free(f);
}

static void
vf_map_field(struct vf *f, struct hdiag *d)
{
	static const char *const known[] = { "made_on", "made_with", "good",
		"worries", "dreams", "explanation", "shared_parents_on",
		"agreed_on", "shared_child_on" };
	char day[FORM_NAME_MAX + 8];

	for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
		if (strcmp(d->field, known[k]) == 0) {
			snprintf(day, sizeof(day), "%s-day", d->field);
			if (form_page_has_field(&f->p->form,
			    d->field) || form_page_has_field(&f->p->form, day))
				return;
		}
	text_cut(d->field, sizeof(d->field), f->old != NULL ?
	    "shared_parents_on" : "made_on");
}

static void
vf_new_fields(struct vf *f)
{
	struct fs *p = f->p;

	form_page_field(&p->form, "csrf", "Form token", true, false, NULL, 64);
	form_page_field(&p->form, "kind", "Kind", true, false, valid_code, 16);
	form_page_date_fields(&p->form, "made_on", "The date");
	form_page_field(&p->form, "made_with", "Who did it with the child",
	    false, false, valid_line, 0);
	if (f->kind == VOICE_THREE_HOUSES) {
		form_page_field(&p->form, "good", "The house of good things",
		    false, false, valid_note, 0);
		form_page_field(&p->form, "worries", "The house of worries",
		    false, false, valid_note, 0);
		form_page_field(&p->form, "dreams", "The house of dreams",
		    false, false, valid_note, 0);
		return;
	}
	form_page_field(&p->form, "explanation", "The explanation", false,
	    false, valid_note, 0);
	for (int i = 0; i < 3; i++)
		form_page_date_fields(&p->form, wp_dates[i], wp_date_labels[i]);
}

static void
vf_new_show(struct vf *f, int status)
{
	struct fs *p = f->p;
	struct html *h = &p->w->body;
	const char *title = f->kind == VOICE_THREE_HOUSES ? "Three Houses" :
	    "Words and Pictures";
	char action[96];

	p->w->status = status;
	ui_page_start_errors(p->r, p->w, title, &p->form.e);
	back_to_record(h, p->child_id);
	ui_heading(h, p->name, title);
	if (f->kind == VOICE_THREE_HOUSES)
		ui_para(h, "What the child says about the good things in their "
		    "life, their worries and their dreams, in their own words. "
		    "Fill in the houses the child talked about.");
	else
		ui_para(h, "The explanation for the child of why professionals "
		    "are involved, in words and pictures the child will "
		    "understand. Share it with the parents first and, where "
		    "they can, agree it with them; then share it with the "
		    "child.");
	snprintf(action, sizeof(action), "/children/%" PRId64 "/voice/new",
	    p->child_id);
	ui_form_start(p->r, h, action);
	ui_hidden(h, "kind", voice_kind_code(f->kind));
	form_page_date_input(&p->form, h, "made_on",
	    f->kind == VOICE_THREE_HOUSES ?
	    "Date it was done" : "Date it was written", NULL);
	form_page_input(&p->form, h, "made_with",
	    f->kind == VOICE_THREE_HOUSES ?
	    "Who did it with the child" : "Who wrote it", NULL, UI_W_FULL);
	if (f->kind == VOICE_THREE_HOUSES) {
		form_page_textarea_rows(&p->form, h, "good",
		    "The house of good things", "In the "
		    "child's own words", 4);
		form_page_textarea_rows(&p->form, h, "worries",
		    "The house of worries", "In the "
		    "child's own words", 4);
		form_page_textarea_rows(&p->form, h, "dreams",
		    "The house of dreams", "In the child's "
		    "own words", 4);
	} else {
		form_page_textarea_rows(&p->form, h, "explanation",
		    "The explanation", "Describe any "
		    "pictures in words too.", 8);
		terms_read(p);
		plain_view_flags(h, "the explanation", form_page_val(&p->form,
		    "explanation"), p->terms, p->nterms);
		for (int i = 0; i < 3; i++)
			form_page_date_input(&p->form, h, wp_dates[i],
			    wp_date_labels[i],
			    "Leave empty if it has not happened yet. For "
			    "example, 27 3 2026");
	}
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, "Save");
	html_lit(h, "<a class=\"govuk-link\"");
	html_attrf(h, "href", "/children/%" PRId64 "#signs-of-safety",
	    p->child_id);
	html_lit(h, ">Cancel</a></div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

/* The kind in ?kind= or the body's hidden kind: false (404) if none. */
static struct vf *
vf_load(struct req *r, struct resp *w, const struct form *body)
{
	const char *k = body != NULL ? form_get(body, "kind") :
	    form_get(&r->query, "kind");
	struct vf *f;
	int kind = voice_kind_parse(k);

	if (kind < 0) {
		web_not_found(r, w);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->p = fs_new(r, w);
	f->p->form.body = body;
	f->kind = (enum voice_kind)kind;
	if (!child_load(r, w, f->p->child_id, &f->p->child, f->p->name)) {
		vf_free(f);
		return NULL;
	}
	return f;
}

static void
get_voice_new(struct req *r, struct resp *w)
{
	struct vf *f;

	if (!gate(r, w, web_id(r, 0), ACCESS_CONFERENCE))
		return;
	if ((f = vf_load(r, w, NULL)) == NULL)
		return;
	form_page_def_date(&f->p->form, "made_on", r->today);
	if (audit_view(r, w, f->p->child_id))
		vf_new_show(f, 200);
	vf_free(f);
}

static void
post_voice_new(struct req *r, struct resp *w)
{
	struct journey_ctx cx;
	struct voice_work *v;
	struct hdiag d;
	struct vf *f;
	struct fs *p;
	bool answered;
	enum herr x;

	if (!gate(r, w, web_id(r, 0), ACCESS_CONFERENCE))
		return;
	if ((f = vf_load(r, w, &r->body)) == NULL)
		return;
	p = f->p;
	vf_new_fields(f);
	if (!form_page_check(&p->form, p->r, p->w, NULL, NULL, &answered)) {
		if (!answered && audit_view(r, w, p->child_id))
			vf_new_show(f, 422);
		goto out;
	}
	f->v = v = xcalloc(1, sizeof(*v));
	v->child_id = p->child_id;
	v->kind = f->kind;
	v->shared_parents_on = v->agreed_on = v->shared_child_on = HDAY_NONE;
	(void)form_page_date_value(&p->form, "made_on",
	    f->kind == VOICE_THREE_HOUSES ?
	    "the date it was done" : "the date it was written", true,
	    &v->made_on);
	trimmed(v->made_with, sizeof(v->made_with), form_page_val(&p->form,
	    "made_with"));
	if (f->kind == VOICE_THREE_HOUSES) {
		trimmed(v->good, sizeof(v->good), form_page_val(&p->form,
		    "good"));
		trimmed(v->worries, sizeof(v->worries), form_page_val(&p->form,
		    "worries"));
		trimmed(v->dreams, sizeof(v->dreams), form_page_val(&p->form,
		    "dreams"));
	} else {
		trimmed(v->explanation, sizeof(v->explanation),
		    form_page_val(&p->form, "explanation"));
		for (int i = 0; i < 3; i++)
			(void)form_page_date_value(&p->form, wp_dates[i],
			    wp_date_words[i], false, wp_date(v, i));
	}
	if (p->form.e.n > 0) {
		if (audit_view(r, w, p->child_id))
			vf_new_show(f, 422);
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
	x = record_voice_add(r->st, v, &cx, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_CREATE, &p->child_id, 1))
			web_redirect(w, "/children/%" PRId64 "?saved=%s"
			    "#signs-of-safety", p->child_id,
			    voice_kind_code(f->kind));
		goto out;
	}
	store_rollback(r->st);
	if (x == HERR_INVALID || x == HERR_RANGE) {
		vf_map_field(f, &d);
		form_page_error_add(&p->form, &d);
		if (audit_view(r, w, p->child_id))
			vf_new_show(f, 422);
	} else if (x == HERR_NOTFOUND)
		web_not_found(r, w);
	else
		web_unavailable(r, w);
out:
	vf_free(f);
}

/* A piece of direct work as it was recorded. */
static void
voice_summary(struct html *h, const struct voice_work *v)
{
	char d[40];

	ui_summary_start(h);
	ui_summary_row(h, v->kind == VOICE_THREE_HOUSES ? "Done on" :
	    "Written on", ui_date_long(v->made_on, d, sizeof(d)));
	ui_summary_row(h, v->kind == VOICE_THREE_HOUSES ? "Done with the "
	    "child by" : "Written by", v->made_with[0] ? v->made_with :
	    "Not recorded");
	if (v->kind == VOICE_THREE_HOUSES) {
		summary_lines(h, "The house of good things", v->good,
		    "Nothing said");
		summary_lines(h, "The house of worries", v->worries,
		    "Nothing said");
		summary_lines(h, "The house of dreams", v->dreams,
		    "Nothing said");
	} else {
		summary_lines(h, "The explanation", v->explanation, "");
		for (int i = 0; i < 3; i++)
			ui_summary_row(h, wp_date_labels[i], ui_date_or(
			    wp_date_of(v, i), d, sizeof(d), "Not yet"));
	}
	ui_summary_end(h);
}

static void
vf_show(struct vf *f, int status)
{
	struct fs *p = f->p;
	struct html *h = &p->w->body;
	const char *saved = form_get(&p->r->query, "saved");
	char action[96], title[80], d[40];

	p->w->status = status;
	snprintf(title, sizeof(title), "%s, %s", voice_kind_label(f->kind),
	    ui_date_long(f->old->made_on, d, sizeof(d)));
	ui_page_start_errors(p->r, p->w, title, &p->form.e);
	back_to_record(h, p->child_id);
	if (p->form.body == NULL && sos_saved_title(saved) != NULL)
		ui_success(h, sos_saved_title(saved), NULL);
	ui_heading(h, p->name, title);
	voice_summary(h, f->old);
	if (f->kind != VOICE_WORDS_PICTURES || !f->run) {
		ui_page_end(p->r, p->w);
		return;
	}
	terms_read(p);
	plain_view_flags(h, "the explanation", f->old->explanation, p->terms,
	    p->nterms);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Sharing and agreement</h2>");
	ui_para(h, "Record when the explanation was shared with the parents, "
	    "when they agreed it and when it was shared with the child, in "
	    "that order.");
	snprintf(action, sizeof(action), "/children/%" PRId64 "/voice/%" PRId64,
	    p->child_id, f->old->id);
	ui_form_start(p->r, h, action);
	ui_hidden(h, "version", f->version[0] ? f->version :
	    form_page_val(&p->form, "version"));
	for (int i = 0; i < 3; i++)
		form_page_date_input(&p->form, h, wp_dates[i],
		    wp_date_labels[i], "Leave empty "
		    "if it has not happened yet. For example, 27 3 2026");
	html_lit(h, "<div class=\"govuk-button-group\">");
	ui_button(h, "Save the dates");
	html_lit(h, "</div>\n");
	ui_form_end(h);
	ui_page_end(p->r, p->w);
}

/* Gate, load the child and piece `vid` of theirs: NULL when answered. */
static struct vf *
vf_open(struct req *r, struct resp *w, enum access_op op,
    const struct form *body)
{
	struct vf *f;
	enum herr x;

	if (!gate(r, w, web_id(r, 0), op))
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->p = fs_new(r, w);
	f->p->form.body = body;
	if (!child_load(r, w, f->p->child_id, &f->p->child, f->p->name))
		goto fail;
	f->old = xcalloc(1, sizeof(*f->old));
	x = store_voice_get(r->st, web_id(r, 1), f->old);
	if (x == HERR_OK && f->old->child_id != f->p->child_id)
		x = HERR_NOTFOUND;
	if (!web_found(r, w, x))
		goto fail;
	f->kind = f->old->kind;
	f->run = may(r, f->p->child_id, ACCESS_CONFERENCE);
	return f;
fail:
	vf_free(f);
	return NULL;
}

static void
get_voice(struct req *r, struct resp *w)
{
	struct vf *f;

	if ((f = vf_open(r, w, ACCESS_VIEW, NULL)) == NULL)
		return;
	form_page_def(&f->p->form, "version", "%" PRId64, f->old->version);
	for (int i = 0; i < 3; i++)
		form_page_def_date(&f->p->form, wp_dates[i], wp_date_of(f->old,
		    i));
	if (audit_view(r, w, f->p->child_id))
		vf_show(f, 200);
	vf_free(f);
}

static void
post_voice(struct req *r, struct resp *w)
{
	struct journey_ctx cx;
	struct voice_work *v;
	struct hdiag d;
	struct vf *f;
	struct fs *p;
	char when[40];
	bool answered;
	enum herr x;

	if ((f = vf_open(r, w, ACCESS_CONFERENCE, &r->body)) == NULL)
		return;
	p = f->p;
	/* Only Words and Pictures has anything to change. */
	if (f->kind != VOICE_WORDS_PICTURES) {
		web_not_found(r, w);
		goto out;
	}
	form_page_field(&p->form, "csrf", "Form token", true, false, NULL, 64);
	form_page_field(&p->form, "version", "Version", true, false,
	    form_page_valid_digits, 20);
	for (int i = 0; i < 3; i++)
		form_page_date_fields(&p->form, wp_dates[i], wp_date_labels[i]);
	if (!form_page_check(&p->form, p->r, p->w, NULL, NULL, &answered)) {
		if (!answered && audit_view(r, w, p->child_id))
			vf_show(f, 422);
		goto out;
	}
	f->v = v = xmalloc(sizeof(*v));
	*v = *f->old;
	for (int i = 0; i < 3; i++)
		(void)form_page_date_value(&p->form, wp_dates[i],
		    wp_date_words[i], false, wp_date(v, i));
	if (p->form.e.n > 0) {
		if (audit_view(r, w, p->child_id))
			vf_show(f, 422);
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
	x = record_voice_update(r->st, v, text_id(form_page_val(&p->form,
	    "version")), &cx, &d);
	if (x == HERR_OK) {
		if (audit_commit(r, w, AUDIT_EDIT, &p->child_id, 1))
			web_redirect(w, "/children/%" PRId64 "/voice/%" PRId64
			    "?saved=voice-dates", p->child_id, v->id);
		goto out;
	}
	store_rollback(r->st);
	switch (x) {
	case HERR_INVALID:
	case HERR_RANGE:
		vf_map_field(f, &d);
		form_page_error_add(&p->form, &d);
		if (audit_view(r, w, p->child_id))
			vf_show(f, 422);
		break;
	case HERR_CONFLICT:
		hdiag_clear(&d);
		snprintf(d.msg, sizeof(d.msg), "%.60s saved a change to this "
		    "at %s. Nothing you entered has been saved. Check the dates "
		    "shown above and save again if your change is still "
		    "needed.", p->ch.by_name[0] ? p->ch.by_name :
		    "Someone else", p->ch.at > 0 ? ui_time(p->ch.at, when,
		    sizeof(when)) : "an unknown time");
		form_page_error_add(&p->form, &d);
		snprintf(f->version, sizeof(f->version), "%" PRId64,
		    p->ch.version);
		/* Show the dates as they are saved now. */
		if (store_voice_get(r->st, f->old->id, f->old) != HERR_OK) {
			web_unavailable(r, w);
			break;
		}
		if (audit_view(r, w, p->child_id))
			vf_show(f, 409);
		break;
	case HERR_NOTFOUND:
		web_not_found(r, w);
		break;
	default:
		web_unavailable(r, w);
		break;
	}
out:
	vf_free(f);
}

/* ------------------------------------------------ the record's section */

const char *
sos_saved_title(const char *key)
{
	static const struct {
		const char *key, *title;
	} msgs[] = {
		{ "map", "The map has been saved as a new version" },
		{ "ratings", "Ratings saved" },
		{ "three-houses", "Three Houses saved" },
		{ "words-pictures", "Words and Pictures saved" },
		{ "voice-dates", "Sharing and agreement dates saved" },
	};

	for (size_t i = 0; key != NULL && i < sizeof(msgs) / sizeof(msgs[0]);
	    i++)
		if (strcmp(key, msgs[i].key) == 0)
			return msgs[i].title;
	return NULL;
}

/* The child's direct work, newest first. */
static void
voice_table(struct html *h, int64_t child_id, const struct voice_work *v,
    int n, bool print)
{
	static const char *const cols[] = { "Date", "What", "With", "Shared",
		"" };
	char d[40], href[96], shared[120];

	if (n == 0) {
		ui_para(h, "No Three Houses or Words and Pictures recorded yet.");
		return;
	}
	ui_table_start(h, NULL, cols, print ? 4 : 5);
	for (int i = 0; i < n; i++) {
		ui_table_row_start(h);
		ui_table_cell(h, ui_date_long(v[i].made_on, d, sizeof(d)));
		ui_table_cell(h, voice_kind_label(v[i].kind));
		ui_table_cell(h, v[i].made_with);
		if (v[i].kind != VOICE_WORDS_PICTURES)
			text_cut(shared, sizeof(shared), "");
		else if (v[i].shared_child_on != HDAY_NONE)
			snprintf(shared, sizeof(shared), "With the child, %s",
			    ui_date_long(v[i].shared_child_on, d, sizeof(d)));
		else if (v[i].agreed_on != HDAY_NONE)
			snprintf(shared, sizeof(shared), "Agreed by the "
			    "parents, %s", ui_date_long(v[i].agreed_on, d,
			    sizeof(d)));
		else if (v[i].shared_parents_on != HDAY_NONE)
			snprintf(shared, sizeof(shared), "With the parents, %s",
			    ui_date_long(v[i].shared_parents_on, d, sizeof(d)));
		else
			text_cut(shared, sizeof(shared), "Not yet");
		ui_table_cell(h, shared);
		if (!print) {
			snprintf(href, sizeof(href), "/children/%" PRId64
			    "/voice/%" PRId64, child_id, v[i].id);
			html_lit(h, "<td class=\"govuk-table__cell\"><a class=\""
			    "govuk-link\"");
			html_attr(h, "href", href);
			html_lit(h, ">View<span class=\"govuk-visually-hidden"
			    "\"> ");
			html_textf(h, "%s, %s", voice_kind_label(v[i].kind),
			    ui_date_long(v[i].made_on, d, sizeof(d)));
			html_lit(h, "</span></a></td>");
		}
		ui_table_row_end(h);
	}
	ui_table_end(h);
}

void
sos_section(struct req *r, struct html *h, int64_t child_id, bool may_run,
    bool print)
{
	struct sos_map *m = sos_map_new();
	struct sos_rating *ratings = NULL;
	struct voice_work *v = NULL;
	struct store_map_rev rev;
	char href[96], d[40], s[SHORT_MAX + 4], line[240];
	int nr = 0, nv = 0, nrev = 0;
	enum herr x;

	html_lit(h, "<h2 class=\"govuk-heading-m\" id=\"signs-of-safety\">"
	    "Signs of Safety</h2>");
	x = store_map_latest(r->st, child_id, m);
	if (x != HERR_OK && x != HERR_NOTFOUND) {
		ui_para(h, "The Signs of Safety records could not be read.");
		goto out;
	}
	html_lit(h, "<h3 class=\"govuk-heading-s\">The map</h3>");
	if (x == HERR_NOTFOUND)
		ui_para(h, "No map has been made yet.");
	else {
		if (store_map_history(r->st, child_id, &rev, 1, &nrev) !=
		    HERR_OK)
			nrev = 0;
		snprintf(line, sizeof(line), "The latest version is of %s%s%s.",
		    ui_date_long(m->made_on, d, sizeof(d)), nrev == 1 &&
		    rev.made_by_name[0] ? ", saved by " : "", nrev == 1 ?
		    rev.made_by_name : "");
		ui_para(h, line);
		if (m->n_pairs == 0)
			ui_para(h, "It has no danger statements yet.");
		else
			html_lit(h, "<ol class=\"govuk-list govuk-list--number "
			    "govuk-list--spaced\">");
		for (int i = 0; i < m->n_pairs; i++) {
			const struct sos_pair *p = &m->pairs[i];

			html_lit(h, "<li><strong>Worry:</strong> ");
			in_short(s, sizeof(s), p->danger);
			html_text(h, s);
			html_lit(h, "<br><strong>Safety goal:</strong> ");
			in_short(s, sizeof(s), p->goal_family[0] ?
			    p->goal_family : p->goal_agency);
			html_text(h, s);
			html_lit(h, "</li>");
		}
		if (m->n_pairs > 0)
			html_lit(h, "</ol>");
	}
	if (!print) {
		html_lit(h, "<ul class=\"govuk-list\">");
		if (x == HERR_OK) {
			snprintf(href, sizeof(href), "/children/%" PRId64
			    "/map", child_id);
			html_lit(h, "<li>");
			ui_link(h, href, "View the map and its versions");
			html_lit(h, "</li>");
		}
		if (may_run) {
			snprintf(href, sizeof(href), "/children/%" PRId64
			    "/map/edit", child_id);
			html_lit(h, "<li>");
			ui_link(h, href, x == HERR_OK ? "Change the map" :
			    "Start the map");
			html_lit(h, "</li>");
		}
		html_lit(h, "</ul>\n");
	}
	html_lit(h, "<h3 class=\"govuk-heading-s\">Overall safety scale</h3>");
	ratings = xmalloc(RATINGS_SECTION * sizeof(*ratings));
	if (store_ratings_child(r->st, child_id, ratings, RATINGS_SECTION,
	    &nr) != HERR_OK)
		ui_para(h, "The ratings could not be read.");
	else
		sos_scale_chart(h, ratings, nr, 0, "Overall safety scale",
		    "record-scale");
	if (!print) {
		snprintf(href, sizeof(href), "/children/%" PRId64 "/scales",
		    child_id);
		html_lit(h, "<p class=\"govuk-body\">");
		ui_link(h, href, may_run ? "All safety scales, and add ratings" :
		    "All safety scales");
		html_lit(h, "</p>");
	}
	html_lit(h, "<h3 class=\"govuk-heading-s\">The child's voice</h3>");
	v = xmalloc(VOICE_MAX * sizeof(*v));
	if (store_voice_list(r->st, child_id, v, VOICE_MAX, &nv) != HERR_OK)
		ui_para(h, "The child's direct work could not be read.");
	else
		voice_table(h, child_id, v, nv, print);
	if (!print && may_run) {
		html_lit(h, "<div class=\"govuk-button-group\">");
		snprintf(href, sizeof(href), "/children/%" PRId64
		    "/voice/new?kind=three-houses", child_id);
		ui_button_link(h, href, "Add Three Houses");
		snprintf(href, sizeof(href), "/children/%" PRId64
		    "/voice/new?kind=words-pictures", child_id);
		ui_button_link(h, href, "Add Words and Pictures");
		html_lit(h, "</div>\n");
	}
out:
	free(v);
	free(ratings);
	sos_map_free(m);
}

/* ------------------------------------------------------------- routes */

const struct route page_sos_routes[] = {
	{ "GET", "/children/{id}/map", get_map, 0 },
	{ "GET", "/children/{id}/map/edit", get_map_edit, 0 },
	{ "POST", "/children/{id}/map/edit", post_map_edit, 0 },
	{ "GET", "/children/{id}/map/{id}", get_map_rev, 0 },
	{ "GET", "/children/{id}/scales", get_scales, 0 },
	{ "POST", "/children/{id}/scales", post_scales, 0 },
	{ "GET", "/children/{id}/voice/new", get_voice_new, 0 },
	{ "POST", "/children/{id}/voice/new", post_voice_new, 0 },
	{ "GET", "/children/{id}/voice/{id}", get_voice, 0 },
	{ "POST", "/children/{id}/voice/{id}", post_voice, 0 },
	{ NULL, NULL, NULL, 0 },
};
