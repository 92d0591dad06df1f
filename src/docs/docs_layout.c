/*
 * docs_layout.c: the page engine of docs_layout.h.
 *
 * Three steps over the block list: shape every cell once with pango
 * (wrapping to its width) and note where each of its lines lies; walk the
 * blocks without drawing to count the pages; walk them again drawing each
 * line with pango_cairo_show_layout_line and the head and foot of every
 * page.  The two walks run the same code on the same measurements, so the
 * count cannot disagree with what is drawn.
 *
 * A block is split only between lines: a cut across a block is lowered
 * until no line of any of its cells straddles it, so a table row split
 * over two pages keeps its columns' lines level, and a table that runs on
 * to a new page repeats its header row there.
 *
 * Never reads files or the clock; the only output is the PDF bytes.
 * Threads: pango_cairo_create_context uses the calling thread's default
 * font map (pango keeps one per thread), so renders on different threads
 * share nothing.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "core/mem.h"
#include "core/text.h"
#include "docs/docs_layout.h"
#include "core/banned.h"

/* A4 in points (1/72 inch): 210 x 297 mm. */
#define PAGE_W 595.2756
#define PAGE_H 841.8898
#define MARGIN_X 56.6929		/* 20 mm either side */
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define BODY_TOP 68.0
#define BODY_BOTTOM (PAGE_H - 70.0)
#define MARK_Y 28.0			/* the marking at the head */
#define FOOT_Y (PAGE_H - 46.0)		/* the foot line */
#define FURNITURE_PT 8.5
#define GUTTER 8.0			/* between table columns */
#define INDENT 18.0			/* a list item's hanging marker */
#define ROW_LABEL 0.32			/* a row's label column */
#define KEEP_WHOLE 110.0		/* blocks no taller are not split */
/* DejaVu Sans (fonts-dejavu-core) covers Latin, Greek, Cyrillic and more;
 * fontconfig falls back to another installed font for what it lacks. */
#define FONT "DejaVu Sans"

enum block_kind { B_HEADING, B_PARA, B_ITEM, B_ROW, B_TABLE };
enum rule { RULE_NONE, RULE_LIGHT, RULE_DARK };

struct line {
	PangoLayoutLine *pl;		/* borrowed from the cell's layout */
	double x, y0, y1, base;		/* points, from the cell's top */
};

struct cell {
	char *text;			/* owned, valid UTF-8 */
	size_t bold;			/* bytes from the start set in bold */
	double x, w;			/* from the left margin */
	PangoLayout *pl;		/* after shaping */
	struct line *lines;
	int n_lines;
	double h;
};

struct block {
	enum block_kind kind;
	int level;			/* headings */
	double size;			/* points */
	double before, after;		/* space above (not at a page's top),
					 * below */
	enum rule rule;			/* under the block */
	bool keep;			/* with the start of the next block */
	int header;			/* a table row: its table's header
					 * block, repeated on a new page; -1 */
	struct cell cells[LAYOUT_COLS_MAX];
	int n_cells;
	double h;			/* the tallest cell */
};

struct layout {
	double body, spacing;
	struct block *b;
	int n, cap;
	char **strs;			/* layout_printf's */
	int n_strs, cap_strs;
};

struct layout *
layout_new(double body_pt, double spacing)
{
	struct layout *l = xcalloc(1, sizeof(*l));

	l->body = body_pt;
	l->spacing = spacing;
	return l;
}

static void
cell_unshape(struct cell *c)
{
	if (c->pl != NULL)
		g_object_unref(c->pl);
	c->pl = NULL;
	free(c->lines);
	c->lines = NULL;
	c->n_lines = 0;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	for (int i = 0; i < l->n; i++)
		for (int j = 0; j < l->b[i].n_cells; j++) {
			cell_unshape(&l->b[i].cells[j]);
			free(l->b[i].cells[j].text);
		}
	for (int i = 0; i < l->n_strs; i++)
		free(l->strs[i]);
	free(l->strs);
	free(l->b);
	free(l);
}

const char *
layout_printf(struct layout *l, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	s = xmalloc((size_t)n + 1);
	s[0] = '\0';
	va_start(ap, fmt);
	(void)vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (l->n_strs == l->cap_strs) {
		l->cap_strs = l->cap_strs ? 2 * l->cap_strs : 64;
		l->strs = xrealloc(l->strs, (size_t)l->cap_strs *
		    sizeof(*l->strs));
	}
	l->strs[l->n_strs++] = s;
	return s;
}

/* A copy of s (NULL: "") without carriage returns, repaired to valid
 * UTF-8 so pango sets it rather than warning and dropping it. */
static char *
clean(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0, j = 0;
	char *out = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r')
			out[j++] = s[i];
	out[j] = '\0';
	if (!text_utf8_valid(out, j)) {
		gchar *v = g_utf8_make_valid(out, (gssize)j);

		free(out);
		out = xstrdup(v);
		g_free(v);
	}
	return out;
}

static struct block *
block_add(struct layout *l, enum block_kind k, double size, double before)
{
	struct block *b;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->b = xrealloc(l->b, (size_t)l->cap * sizeof(*l->b));
	}
	b = &l->b[l->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	b->header = -1;
	b->size = size;
	b->before = before;
	return b;
}

/* A cell of b at x, w wide: `lead` in bold, then `text`; all bold when
 * `bold`. */
static void
cell_add(struct block *b, double x, double w, const char *lead,
    const char *text, bool bold)
{
	struct cell *c = &b->cells[b->n_cells++];
	char *l = clean(lead), *t = clean(text);
	size_t nl = strlen(l), nt = strlen(t);

	c->x = x;
	c->w = w;
	c->text = xmalloc(nl + nt + 1);
	memcpy(c->text, l, nl);
	memcpy(c->text + nl, t, nt + 1);
	c->bold = bold ? nl + nt : nl;
	free(l);
	free(t);
}

void
layout_heading(struct layout *l, int level, const char *text)
{
	static const double size[] = { 1.75, 1.3, 1.08 };
	static const double before[] = { 0, 1.7, 1.1 };
	struct block *b;

	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	b = block_add(l, B_HEADING, l->body * size[level - 1],
	    l->body * before[level - 1]);
	b->level = level;
	b->keep = true;
	b->after = level == 1 ? l->body * 0.3 : 0;
	cell_add(b, 0, TEXT_W, NULL, text, true);
}

void
layout_para(struct layout *l, const char *lead, const char *text)
{
	struct block *b = block_add(l, B_PARA, l->body, l->body * 0.6);

	cell_add(b, 0, TEXT_W, lead, text, false);
}

void
layout_small(struct layout *l, const char *text)
{
	struct block *b = block_add(l, B_PARA, l->body * 0.85, l->body * 0.4);

	cell_add(b, 0, TEXT_W, NULL, text, false);
}

void
layout_item(struct layout *l, int depth, const char *marker,
    const char *lead, const char *text)
{
	double x = (depth > 0 ? 1 : 0) * INDENT;
	bool more = marker != NULL && marker[0] == '\0';
	struct block *b = block_add(l, B_ITEM, l->body,
	    l->body * (more ? 0.15 : 0.35));

	cell_add(b, x, INDENT - 2, NULL, more ? "" : marker != NULL ?
	    marker : "\xe2\x80\xa2", false);
	cell_add(b, x + INDENT, TEXT_W - x - INDENT, lead, text, false);
}

void
layout_row(struct layout *l, const char *label, const char *value)
{
	struct block *b = block_add(l, B_ROW, l->body, l->body * 0.4);
	double lw = TEXT_W * ROW_LABEL;

	cell_add(b, 0, lw - GUTTER, NULL, label, true);
	cell_add(b, lw, TEXT_W - lw, NULL, value, false);
}

void
layout_table_row(struct layout *l, int n, const double *widths,
    const char *const *cells, bool header)
{
	struct block *b;
	double x = 0;

	if (n < 1)
		return;
	if (n > LAYOUT_COLS_MAX)
		n = LAYOUT_COLS_MAX;
	b = block_add(l, B_TABLE, l->body * 0.92, header ? l->body * 0.9 : 3.0);
	b->rule = header ? RULE_DARK : RULE_LIGHT;
	b->keep = header;
	b->after = 3.0;
	/* A row carries on the table of the row above it. */
	if (!header && l->n >= 2) {
		const struct block *prev = &l->b[l->n - 2];

		if (prev->kind == B_TABLE && prev->n_cells == n)
			b->header = prev->rule == RULE_DARK ? l->n - 2 :
			    prev->header;
	}
	for (int i = 0; i < n; i++) {
		double w = widths[i] * TEXT_W;

		cell_add(b, x, i < n - 1 ? w - GUTTER : TEXT_W - x, NULL,
		    cells[i], header);
		x += w;
	}
}

void
layout_keep(struct layout *l)
{
	if (l->n > 0)
		l->b[l->n - 1].keep = true;
}

/* ------------------------------------------------------------ shaping */

static void
cell_shape(struct layout *l, PangoContext *ctx,
    const PangoFontDescription *fd, struct cell *c)
{
	PangoLayoutIter *it;
	int i = 0;

	cell_unshape(c);
	c->pl = pango_layout_new(ctx);
	pango_layout_set_font_description(c->pl, fd);
	pango_layout_set_width(c->pl, (int)(c->w * PANGO_SCALE));
	pango_layout_set_wrap(c->pl, PANGO_WRAP_WORD_CHAR);
	if (l->spacing > 0)
		pango_layout_set_line_spacing(c->pl, (float)l->spacing);
	pango_layout_set_text(c->pl, c->text, -1);
	if (c->bold > 0) {
		PangoAttrList *al = pango_attr_list_new();
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);

		a->start_index = 0;
		a->end_index = (guint)c->bold;
		pango_attr_list_insert(al, a);	/* takes ownership of a */
		pango_layout_set_attributes(c->pl, al);
		pango_attr_list_unref(al);
	}
	c->n_lines = pango_layout_get_line_count(c->pl);
	c->lines = xcalloc((size_t)(c->n_lines > 0 ? c->n_lines : 1),
	    sizeof(*c->lines));
	it = pango_layout_get_iter(c->pl);
	do {
		struct line *ln = &c->lines[i];
		PangoRectangle logical;
		int y0, y1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		ln->pl = pango_layout_iter_get_line_readonly(it);
		ln->x = (double)logical.x / PANGO_SCALE;
		ln->y0 = (double)y0 / PANGO_SCALE;
		ln->y1 = (double)y1 / PANGO_SCALE;
		ln->base = (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		i++;
	} while (i < c->n_lines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	c->n_lines = i;
	c->h = i > 0 ? c->lines[i - 1].y1 : 0;
}

static void
block_shape(struct layout *l, PangoContext *ctx, struct block *b)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, FONT);
	pango_font_description_set_absolute_size(fd, b->size * PANGO_SCALE);
	b->h = 0;
	for (int i = 0; i < b->n_cells; i++) {
		cell_shape(l, ctx, fd, &b->cells[i]);
		if (b->cells[i].h > b->h)
			b->h = b->cells[i].h;
	}
	pango_font_description_free(fd);
}

/* ---------------------------------------------------------- pagination */

struct pager {
	const struct layout *l;
	cairo_t *cr;			/* NULL while counting */
	cairo_surface_t *surface;
	PangoContext *ctx;
	const struct layout_meta *meta;
	int page, pages;
	double y;			/* where the next block may start */
	bool fresh;			/* nothing placed on this page yet
					 * (but a repeated table header) */
	const struct block *repeat;	/* a table header to repeat at the
					 * top of a new page */
	int outline[3];			/* the last bookmark of each level */
};

/* Text in a box at (x, y) w wide, in the head or foot of a page. */
static void
furniture_text(struct pager *pg, const char *text, bool bold, double x,
    double y, double w, PangoAlignment align)
{
	PangoLayout *pl;
	PangoFontDescription *fd;

	if (text == NULL || text[0] == '\0')
		return;
	pl = pango_layout_new(pg->ctx);
	fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, FONT);
	pango_font_description_set_absolute_size(fd, FURNITURE_PT *
	    PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(pl, align);
	pango_layout_set_text(pl, text, -1);
	cairo_move_to(pg->cr, x, y);
	pango_cairo_show_layout(pg->cr, pl);
	pango_font_description_free(fd);
	g_object_unref(pl);
}

/* The head and foot of the current page. */
static void
furniture(struct pager *pg)
{
	const struct layout_meta *mt = pg->meta;
	char num[64];
	char *foot;

	snprintf(num, sizeof(num), "Page %d of %d", pg->page, pg->pages);
	foot = clean(mt->footer);
	cairo_set_source_rgb(pg->cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(pg->cr, 0.5);
	cairo_move_to(pg->cr, MARGIN_X, FOOT_Y - 5);
	cairo_line_to(pg->cr, PAGE_W - MARGIN_X, FOOT_Y - 5);
	cairo_stroke(pg->cr);
	cairo_set_source_rgb(pg->cr, 0, 0, 0);
	furniture_text(pg, mt->marking, true, MARGIN_X, MARK_Y, TEXT_W,
	    PANGO_ALIGN_CENTER);
	furniture_text(pg, mt->marking, true, MARGIN_X, FOOT_Y,
	    TEXT_W * 0.28, PANGO_ALIGN_LEFT);
	furniture_text(pg, foot, false, MARGIN_X + TEXT_W * 0.28, FOOT_Y,
	    TEXT_W * 0.5, PANGO_ALIGN_CENTER);
	furniture_text(pg, num, false, MARGIN_X + TEXT_W * 0.78, FOOT_Y,
	    TEXT_W * 0.22, PANGO_ALIGN_RIGHT);
	free(foot);
}

static void
page_end(struct pager *pg)
{
	if (pg->cr != NULL) {
		furniture(pg);
		cairo_show_page(pg->cr);
	}
}

static void draw_chunk(struct pager *pg, const struct block *b, double from,
    double to);
static void draw_rule(struct pager *pg, const struct block *b);

static void
page_break(struct pager *pg)
{
	const struct block *h = pg->repeat;

	page_end(pg);
	pg->page++;
	pg->y = BODY_TOP;
	pg->fresh = true;
	if (h != NULL) {
		if (pg->cr != NULL) {
			draw_chunk(pg, h, 0, h->h);
			draw_rule(pg, h);
		}
		pg->y += h->h + h->after;
	}
}

/* Lower `cut` (points from the block's top) until no line of any cell
 * straddles it. */
static double
settle(const struct block *b, double cut)
{
	bool moved;

	do {
		moved = false;
		for (int i = 0; i < b->n_cells; i++)
			for (int j = 0; j < b->cells[i].n_lines; j++) {
				const struct line *ln = &b->cells[i].lines[j];

				if (ln->y0 < cut && ln->y1 > cut) {
					cut = ln->y0;
					moved = true;
				}
			}
	} while (moved);
	return cut;
}

/* The bottom of the first line ending below `from`: the least that can
 * be placed when nothing else fits (a line taller than a page). */
static double
first_bottom(const struct block *b, double from)
{
	double cut = b->h;

	for (int i = 0; i < b->n_cells; i++)
		for (int j = 0; j < b->cells[i].n_lines; j++) {
			const struct line *ln = &b->cells[i].lines[j];

			if (ln->y1 > from && ln->y1 < cut)
				cut = ln->y1;
		}
	return cut;
}

/* How much of block b must follow a block kept with it onto its page: all
 * of a short block, else its first two lines. */
static double
lead_height(const struct block *b)
{
	double h = 0;

	if (b->h <= KEEP_WHOLE)
		return b->h;
	for (int i = 0; i < b->n_cells; i++) {
		const struct cell *c = &b->cells[i];
		int k = c->n_lines < 2 ? c->n_lines : 2;

		if (k > 0 && c->lines[k - 1].y1 > h)
			h = c->lines[k - 1].y1;
	}
	return h;
}

/* How much from block i on must share a page with the block before it,
 * which is kept with it: its space above and its start, and all of it and
 * what follows while it too is kept with the next (a heading, then a note,
 * then a table's header and first row). */
static double
follow(const struct layout *l, int i, int depth)
{
	const struct block *b;

	if (i >= l->n)
		return 0;
	b = &l->b[i];
	if (b->keep && depth < 4)
		return b->before + b->h + b->after + follow(l, i + 1,
		    depth + 1);
	return b->before + lead_height(b);
}

/* Draw the lines of b lying within [from, to) with `from` at pg->y. */
static void
draw_chunk(struct pager *pg, const struct block *b, double from, double to)
{
	cairo_set_source_rgb(pg->cr, 0.05, 0.05, 0.05);
	for (int i = 0; i < b->n_cells; i++) {
		const struct cell *c = &b->cells[i];

		for (int j = 0; j < c->n_lines; j++) {
			const struct line *ln = &c->lines[j];

			if (ln->y0 < from || ln->y1 > to)
				continue;
			cairo_move_to(pg->cr, MARGIN_X + c->x + ln->x,
			    pg->y + ln->base - from);
			pango_cairo_show_layout_line(pg->cr, ln->pl);
		}
	}
}

/* A bookmark for a heading at the current place: the title holds the
 * sections (shown open), a section its parts. */
static void
bookmark(struct pager *pg, const struct block *b)
{
	char dest[64];
	int lv = b->level - 1;

	if (b->kind != B_HEADING || lv < 0 || lv > 2 || b->n_cells == 0)
		return;
	snprintf(dest, sizeof(dest), "page=%d pos=[%d %d]", pg->page,
	    (int)MARGIN_X, (int)pg->y);
	pg->outline[lv] = cairo_pdf_surface_add_outline(pg->surface,
	    lv == 0 ? CAIRO_PDF_OUTLINE_ROOT : pg->outline[lv - 1],
	    b->cells[0].text, dest, lv == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (int i = lv + 1; i < 3; i++)
		pg->outline[i] = pg->outline[lv];
}

/* The rule under a block, just placed, ending at pg->y. */
static void
draw_rule(struct pager *pg, const struct block *b)
{
	double y = pg->y + b->after / 2;

	if (b->rule == RULE_NONE)
		return;
	if (b->rule == RULE_DARK) {
		cairo_set_source_rgb(pg->cr, 0.1, 0.1, 0.1);
		cairo_set_line_width(pg->cr, 0.8);
	} else {
		cairo_set_source_rgb(pg->cr, 0.7, 0.7, 0.7);
		cairo_set_line_width(pg->cr, 0.4);
	}
	cairo_move_to(pg->cr, MARGIN_X, y);
	cairo_line_to(pg->cr, PAGE_W - MARGIN_X, y);
	cairo_stroke(pg->cr);
}

static void
place(struct pager *pg, int i)
{
	const struct block *b = &pg->l->b[i];
	double before = pg->fresh ? 0 : b->before;
	double need = b->h, from = 0;

	pg->repeat = b->header >= 0 ? &pg->l->b[b->header] : NULL;
	if (b->keep)
		need += b->after + follow(pg->l, i + 1, 0);
	if (!pg->fresh && (b->keep || b->h <= KEEP_WHOLE) &&
	    pg->y + before + need > BODY_BOTTOM) {
		page_break(pg);
		before = 0;
	}
	pg->y += before;
	if (pg->cr != NULL)
		bookmark(pg, b);
	while (from < b->h) {
		double cut = from + (BODY_BOTTOM - pg->y);

		cut = cut >= b->h ? b->h : settle(b, cut);
		if (cut <= from) {
			if (!pg->fresh) {
				page_break(pg);
				continue;
			}
			cut = first_bottom(b, from);
		}
		if (pg->cr != NULL)
			draw_chunk(pg, b, from, cut);
		pg->y += cut - from;
		pg->fresh = false;
		from = cut;
		if (from < b->h)
			page_break(pg);
	}
	if (pg->cr != NULL)
		draw_rule(pg, b);
	pg->y += b->after;
	pg->repeat = NULL;
}

/* Walk every block; returns the number of pages. */
static int
paginate(struct layout *l, struct pager *pg)
{
	pg->page = 1;
	pg->y = BODY_TOP;
	pg->fresh = true;
	for (int i = 0; i < 3; i++)
		pg->outline[i] = CAIRO_PDF_OUTLINE_ROOT;
	pg->l = l;
	pg->repeat = NULL;
	for (int i = 0; i < l->n; i++)
		place(pg, i);
	page_end(pg);
	return pg->page;
}

/* ---------------------------------------------------------------- output */

struct sink {
	char *buf;
	size_t len, cap, max;
	bool toobig;
};

static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct sink *k = closure;

	if (n > k->max - k->len) {
		k->toobig = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	if (k->len + n > k->cap) {
		size_t cap = k->cap ? k->cap : 64 * 1024;

		while (cap < k->len + n)
			cap = cap > k->max / 2 ? k->max : 2 * cap;
		k->buf = xrealloc(k->buf, cap);
		k->cap = cap;
	}
	memcpy(k->buf + k->len, data, n);
	k->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static void
metadata(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value)
{
	char *v;

	if (value == NULL || value[0] == '\0')
		return;
	v = clean(value);
	cairo_pdf_surface_set_metadata(s, key, v);
	free(v);
}

static enum herr
cairo_failed(cairo_status_t st, const struct sink *k, struct hdiag *diag)
{
	if (k->toobig && k->max >= 1024 * 1024)
		return hdiag_set(diag, HERR_NOMEM, "pdf", NULL, "The document "
		    "would be larger than %zu MB", k->max / (1024 * 1024));
	if (k->toobig)
		return hdiag_set(diag, HERR_NOMEM, "pdf", NULL, "The document "
		    "would be larger than %zu KB", k->max / 1024);
	if (st == CAIRO_STATUS_NO_MEMORY)
		return hdiag_set(diag, HERR_NOMEM, "pdf", NULL, "Out of memory "
		    "while making the PDF");
	return hdiag_set(diag, HERR_ENV, "pdf", cairo_status_to_string(st),
	    "Cairo could not make the PDF");
}

enum herr
layout_render(struct layout *l, const struct layout_meta *meta, size_t max,
    char **pdf, size_t *len, struct hdiag *diag)
{
	enum herr rc = HERR_ENV;
	struct sink sink = { .max = max };
	struct pager pg = { .meta = meta };
	cairo_surface_t *s;
	cairo_t *cr = NULL;
	PangoContext *ctx = NULL;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;

	*pdf = NULL;
	*len = 0;
	s = cairo_pdf_surface_create_for_stream(sink_write, &sink, PAGE_W,
	    PAGE_H);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS)
		goto out;
	metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
	metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta->author);
	metadata(s, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
	metadata(s, CAIRO_PDF_METADATA_CREATOR, "hearth");
	metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, meta->created);
	metadata(s, CAIRO_PDF_METADATA_MOD_DATE, meta->created);
	cr = cairo_create(s);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS)
		goto out;
	ctx = pango_cairo_create_context(cr);
	for (int i = 0; i < l->n; i++)
		block_shape(l, ctx, &l->b[i]);

	pg.surface = s;
	pg.ctx = ctx;
	pg.pages = paginate(l, &pg);		/* count */
	pg.cr = cr;
	(void)paginate(l, &pg);			/* draw */
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(s);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS)
		goto out;
	if (sink.len == 0) {
		st = CAIRO_STATUS_WRITE_ERROR;
		goto out;
	}
	*pdf = sink.buf;
	*len = sink.len;
	sink.buf = NULL;
	rc = HERR_OK;
out:
	if (rc != HERR_OK)
		rc = cairo_failed(st, &sink, diag);
	/* The layouts hold the context; free them before it goes. */
	for (int i = 0; i < l->n; i++)
		for (int j = 0; j < l->b[i].n_cells; j++)
			cell_unshape(&l->b[i].cells[j]);
	if (ctx != NULL)
		g_object_unref(ctx);
	if (cr != NULL)
		cairo_destroy(cr);
	cairo_surface_destroy(s);
	free(sink.buf);
	return rc;
}

void
layout_release_caches(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
