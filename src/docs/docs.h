/*
 * docs.h: the documents a conference sends out, as PDF (cairo + pango):
 * the child protection plan and the minutes, each in two versions, one
 * for the family and one for the agencies.  practice-models 6.3 (what a
 * plan and a conference record contain) and 6.7 (plain language).
 *
 * The family's version speaks to the family in plain words ("What we are
 * worried about", "What needs to happen", "If things do not change"), puts
 * the family's own words for each outcome first and leaves out what only
 * agencies need (agency reports, each member's threshold view by agency,
 * census category codes).  The agencies' version is the full record:
 * attendance by agency, the threshold views with reasons, the decision and
 * category per child, dissent, the plan with the family's words beside the
 * agency's, the core group, and reports received and when shared.
 *
 * Everything shown is text the caller has already loaded and access-checked;
 * this module reads nothing and writes nothing but the PDF bytes.  Pango
 * lays out UTF-8 text (wrapping, page breaks), so names and statements in
 * any language are set correctly.
 */
#ifndef HEARTH_DOCS_DOCS_H
#define HEARTH_DOCS_DOCS_H

#include <stddef.h>
#include <stdint.h>

#include "core/journey.h"
#include "core/meeting.h"
#include "core/sos.h"
#include "core/status.h"

#define DOCS_NAME_MAX 120

/* One child of the conference as the documents name them. */
struct docs_child {
	char name[2 * DOCS_NAME_MAX + 2];	/* "Given Family" */
	hday dob;				/* HDAY_NONE: unborn/unknown */
	bool decided;				/* the chair has decided */
	enum conference_decision decision;
	enum abuse_category category;		/* plan/continue */
};

/* What a document is made from (all borrowed). */
struct docs_input {
	const struct meeting *m;		/* required */
	const struct sos_map *map;		/* the map at the conference;
						 * NULL if none */
	const struct sos_rating *ratings;	/* given at this meeting */
	int n_ratings;
	struct docs_child children[CONFERENCE_CHILDREN_MAX];
	int n_children;				/* as m->children, in order */
	char authority[DOCS_NAME_MAX + 1];	/* "Riverside Council" */
	char chair[2 * DOCS_NAME_MAX + 2];	/* the chair's name */
	/* Invitees' names for reports, in m->invitees order, are in m. */
	int64_t made_at;			/* unix seconds, printed */
};

/*
 * Render document `doc` for `aud` as a PDF into a new heap buffer *pdf of
 * *len bytes (caller frees; NULL on failure).  HERR_INVALID (diag) when the
 * meeting has nothing to put in it yet (no plan saved for DOC_PLAN, no
 * minutes for DOC_MINUTES); HERR_NOMEM or HERR_ENV when cairo fails.
 * The PDF's title metadata names the document and the conference date.
 */
enum herr docs_render(enum doc_kind doc, enum doc_audience aud,
    const struct docs_input *in, char **pdf, size_t *len,
    struct hdiag *diag) HEARTH_WUR;

/*
 * At exit, once no render is running on any thread (the server's workers
 * have stopped): release the font caches pango, cairo and fontconfig keep
 * for the life of the process, so that LeakSanitizer reports only real
 * leaks (fontconfig keeps pointers as offsets, which it cannot follow).
 * Each thread's pango font map is released when that thread ends.
 */
void docs_release_caches(void);

/* "child-protection-plan-2026-12-03-family.pdf": a file name for
 * Content-Disposition, into buf. */
void docs_filename(enum doc_kind doc, enum doc_audience aud, hday date,
    char *buf, size_t cap);

#endif
