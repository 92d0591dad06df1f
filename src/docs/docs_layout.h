/*
 * docs_layout.h: private to src/docs.  A document as a list of blocks
 * (headings, paragraphs, list items, "label: value" rows, table rows) laid
 * out on A4 pages with pango and drawn into a PDF with cairo.
 *
 * Text is set with pango_layout_set_text, never as pango markup, so nothing
 * a person typed can change how a document is set (escape by
 * construction).  Text that is not valid UTF-8 is repaired, not refused.
 *
 * Pagination: every block is split between lines when it does not fit, so a
 * paragraph longer than a page runs on over as many pages as it needs;
 * short blocks (a row, a table row, a few lines) move whole to the next
 * page instead, and a heading is never left at the foot of a page without
 * the start of what follows it.  Pages are counted before they are drawn,
 * so every footer can say "Page N of M".
 */
#ifndef HEARTH_DOCS_DOCS_LAYOUT_H
#define HEARTH_DOCS_DOCS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

#define LAYOUT_COLS_MAX 6	/* cells in one table row */

struct layout;

/* A new, empty document with body text of `body_pt` points and lines
 * spaced by `spacing` (1.0: the font's own) (caller frees with
 * layout_free). */
struct layout *layout_new(double body_pt, double spacing);
void layout_free(struct layout *l);	/* NULL is a no-op */

/* A string formatted into memory the layout owns (freed with it), for
 * composing the text of a block. */
const char *layout_printf(struct layout *l, const char *fmt, ...)
    HEARTH_PRINTF(2, 3);

/* A heading: level 1 (the document's title), 2 (a section, also a PDF
 * bookmark) or 3 (a part of a section). */
void layout_heading(struct layout *l, int level, const char *text);

/* A paragraph; `lead` (may be NULL) is set in bold before `text`. */
void layout_para(struct layout *l, const char *lead, const char *text);

/* A paragraph in smaller type (dates a document was made, notes). */
void layout_small(struct layout *l, const char *text);

/* A list item at `depth` 0 or 1: `marker` ("•", "1.") hangs to the left
 * of the text; "" continues the item before it.  `lead` may be NULL. */
void layout_item(struct layout *l, int depth, const char *marker,
    const char *lead, const char *text);

/* A two-column row: the label in bold on the left, the value beside it. */
void layout_row(struct layout *l, const char *label, const char *value);

/* A table row of n cells (1..LAYOUT_COLS_MAX) whose widths are the
 * fractions `widths` of the text width (summing to 1).  A header row is
 * bold with a rule under it and is repeated at the top of a page the
 * table runs on to; other rows have a light rule under them. */
void layout_table_row(struct layout *l, int n, const double *widths,
    const char *const *cells, bool header);

/* Keep the block just added on the same page as the start of the next
 * (an introduction to a list or table).  Headings and table header rows
 * are kept with what follows them already. */
void layout_keep(struct layout *l);

/* What goes into the PDF besides the pages (all borrowed; NULL or "" to
 * leave one out). */
struct layout_meta {
	const char *title;	/* metadata title */
	const char *author;
	const char *subject;
	const char *created;	/* ISO 8601, "2026-12-03T10:15:00Z" */
	const char *marking;	/* top and foot of every page */
	const char *footer;	/* the middle of the foot of every page */
};

/*
 * Lay out and draw the document as an A4 PDF into a new heap buffer *pdf
 * of *len bytes (caller frees; NULL on failure), at most `max` bytes.
 * HERR_NOMEM when it would be larger than `max` or cairo runs out of
 * memory, HERR_ENV for any other cairo failure, with diag saying which.
 */
enum herr layout_render(struct layout *l, const struct layout_meta *meta,
    size_t max, char **pdf, size_t *len, struct hdiag *diag) HEARTH_WUR;

/*
 * Release what pango, cairo and fontconfig keep for the life of the
 * process (this thread's default font map, cairo's font caches,
 * fontconfig's configuration), so a leak checker at exit reports only
 * real leaks: fontconfig stores pointers as offsets, which LeakSanitizer
 * cannot follow.  Only at exit, with no render running on any thread; a
 * render after it starts them again.
 */
void layout_release_caches(void);

#endif
