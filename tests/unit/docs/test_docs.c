/*
 * test_docs.c: the conference documents as PDF (docs.h).
 *
 * Each document is rendered from a conference built by hand, checked to be
 * a PDF (starts "%PDF-", ends "%%EOF") and read back with poppler's
 * pdftotext and pdfinfo (poppler-utils): the plan's text, the family's own
 * words, the child's UTF-8 name and the contingency are there; the family's
 * versions leave out what only the agencies see (a threshold view's reason,
 * a rating's reason, census codes) and the agencies' versions have them.
 * Long text must run on over pages without losing or repeating a line:
 * numbered words are read back in order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/sos.h"
#include "docs/docs.h"
#include "docs/docs_layout.h"
#include "testutil.h"
#include "core/banned.h"

#define CHILD_ID 11
#define CHILD_NAME "Zo\xc3\xab \xc3\x93'Brien"		/* Zoë Ó'Brien */
#define VIEW_REASON "Bruises seen twice this term by the school nurse"
#define RATING_REASON "Mum has kept every appointment since October"
#define FAMILY_WORDS "We want Zoe to feel safe and happy at home"
#define AGENCY_WORDS "Zoe lives free from harm and her needs are met"
#define CONTINGENCY "If the plan is not working we will ask for legal advice"
#define MINUTES_TEXT "The chair welcomed everyone and explained the purpose"

struct fixture {
	struct meeting *m;
	struct sos_map *map;
	struct sos_rating rating;
	struct docs_input in;
};

static int64_t
unix_at(const char *iso_day, int hour, int minute)
{
	return (int64_t)dt(iso_day) * 86400 + hour * 3600 + minute * 60;
}

static void
copy(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s);
}

static void
add_invitee(struct meeting *m, int64_t id, enum invitee_kind k,
    const char *name, const char *role, const char *agency,
    enum attendance a, bool report)
{
	struct invitee *v = &m->invitees[m->n_invitees++];

	v->id = id;
	v->kind = k;
	copy(v->name, sizeof(v->name), name);
	copy(v->role, sizeof(v->role), role);
	copy(v->agency, sizeof(v->agency), agency);
	v->invited_on = dt("2026-11-20");
	v->attendance = a;
	v->report_expected = report;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct meeting *m;
	struct sos_map *map;
	struct docs_input *in;

	assert_non_null(f);
	f->m = m = meeting_new();
	f->map = map = sos_map_new();
	in = &f->in;

	m->id = 5;
	m->kind = CONF_INITIAL;
	m->status = MEETING_HELD;
	m->date = dt("2026-12-03");
	m->minute = 10 * 60 + 30;
	copy(m->place, sizeof(m->place), "Civic Centre, Room 4");
	m->n_children = 1;
	m->children[0].child_id = CHILD_ID;
	m->children[0].part = PART_DRAWING;
	copy(m->children[0].part_note, sizeof(m->children[0].part_note),
	    "Zoe drew her three houses with her advocate");
	m->children[0].advocate_offered = true;
	m->children[0].advocate_offered_on = dt("2026-11-25");
	m->children[0].advocate_accepted = true;
	copy(m->children[0].advocate, sizeof(m->children[0].advocate),
	    "Ann Advocate");

	add_invitee(m, 1, INVITEE_FAMILY, "Maria O'Brien", "Mother", "",
	    ATTEND_ATTENDED, false);
	add_invitee(m, 2, INVITEE_AGENCY, "PC Dan Lee", "Officer",
	    "Riverside Police", ATTEND_ATTENDED, true);
	add_invitee(m, 3, INVITEE_AGENCY, "Jo Hart", "Head teacher",
	    "Oak Primary School", ATTEND_APOLOGIES, true);
	add_invitee(m, 4, INVITEE_AGENCY, "Sam Patel", "Health visitor",
	    "Riverside Health", ATTEND_ATTENDED, true);

	m->n_reports = 1;
	m->reports[0].id = 1;
	m->reports[0].invitee_id = 2;
	copy(m->reports[0].text, sizeof(m->reports[0].text), "Police report");
	m->reports[0].submitted_at = unix_at("2026-11-26", 9, 0);
	m->reports[0].shared_on = dt("2026-11-27");

	m->n_views = 2;
	m->views[0].child_id = CHILD_ID;
	copy(m->views[0].name, sizeof(m->views[0].name), "PC Dan Lee");
	copy(m->views[0].agency, sizeof(m->views[0].agency),
	    "Riverside Police");
	m->views[0].met = true;
	copy(m->views[0].reason, sizeof(m->views[0].reason), VIEW_REASON);
	m->views[1].child_id = CHILD_ID;
	copy(m->views[1].name, sizeof(m->views[1].name), "Maria O'Brien");
	copy(m->views[1].agency, sizeof(m->views[1].agency), "Parent");
	m->views[1].met = false;
	copy(m->views[1].reason, sizeof(m->views[1].reason),
	    "We are getting help now");
	copy(m->dissent, sizeof(m->dissent), "The mother disagreed with "
	    "the decision.");

	m->n_outcomes = 2;
	copy(m->outcomes[0].agency, sizeof(m->outcomes[0].agency),
	    AGENCY_WORDS);
	copy(m->outcomes[0].family, sizeof(m->outcomes[0].family),
	    FAMILY_WORDS);
	copy(m->outcomes[1].agency, sizeof(m->outcomes[1].agency),
	    "Zoe goes to school every day");
	m->n_actions = 2;
	m->actions[0].outcome = 1;
	copy(m->actions[0].who, sizeof(m->actions[0].who), "Maria O'Brien");
	copy(m->actions[0].what, sizeof(m->actions[0].what),
	    "Go to the parenting group");
	m->actions[0].by = dt("2027-01-15");
	m->actions[1].outcome = 2;
	copy(m->actions[1].who, sizeof(m->actions[1].who), "Jo Hart");
	copy(m->actions[1].what, sizeof(m->actions[1].what),
	    "Check attendance weekly");
	m->actions[1].by = dt("2027-02-01");
	copy(m->contingency, sizeof(m->contingency), CONTINGENCY);
	copy(m->child_seen, sizeof(m->child_seen), "Every two weeks at home, "
	    "and alone at school");
	m->n_core = 2;
	copy(m->core[0].name, sizeof(m->core[0].name), "Amira Khan");
	copy(m->core[0].role, sizeof(m->core[0].role), "Social worker");
	copy(m->core[0].agency, sizeof(m->core[0].agency), "Children's "
	    "services");
	copy(m->core[1].name, sizeof(m->core[1].name), "Maria O'Brien");
	copy(m->core[1].role, sizeof(m->core[1].role), "Mother");
	m->plan_saved_at = unix_at("2026-12-03", 13, 0);
	copy(m->minutes, sizeof(m->minutes), MINUTES_TEXT " of the meeting."
	    "\n\n- Police shared their report.\n- The school sent apologies.");
	m->minutes_saved_at = unix_at("2026-12-04", 9, 0);

	map->id = 3;
	map->n_children = 1;
	map->child_ids[0] = CHILD_ID;
	map->made_on = dt("2026-12-03");
	map->n_items = 2;
	map->items[0].kind = SOS_HARM;
	copy(map->items[0].text, sizeof(map->items[0].text),
	    "Zoe had bruises on her arm in October");
	map->items[1].kind = SOS_STRENGTH;
	copy(map->items[1].text, sizeof(map->items[1].text),
	    "Grandma visits every Sunday");
	map->n_pairs = 1;
	copy(map->pairs[0].danger, sizeof(map->pairs[0].danger),
	    "Zoe could be hurt again when adults argue");
	copy(map->pairs[0].who_worried, sizeof(map->pairs[0].who_worried),
	    "The school and the social worker");
	map->pairs[0].family_view = SOS_VIEW_PARTLY;
	copy(map->pairs[0].family_says, sizeof(map->pairs[0].family_says),
	    "The arguing has stopped");
	copy(map->pairs[0].goal_agency, sizeof(map->pairs[0].goal_agency),
	    "Adults keep Zoe safe when they disagree");

	f->rating.child_id = CHILD_ID;
	f->rating.meeting_id = 5;
	f->rating.kind = RATER_PROFESSIONAL;
	copy(f->rating.rater, sizeof(f->rating.rater), "Amira Khan");
	copy(f->rating.agency, sizeof(f->rating.agency), "Children's "
	    "services");
	f->rating.value = 4;
	copy(f->rating.reason, sizeof(f->rating.reason), RATING_REASON);

	in->m = m;
	in->map = map;
	in->ratings = &f->rating;
	in->n_ratings = 1;
	in->n_children = 1;
	copy(in->children[0].name, sizeof(in->children[0].name), CHILD_NAME);
	in->children[0].dob = dt("2016-05-09");
	in->children[0].decided = true;
	in->children[0].decision = CDEC_PLAN;
	in->children[0].category = ABUSE_NEGLECT;
	copy(in->authority, sizeof(in->authority), "Riverside Council");
	copy(in->chair, sizeof(in->chair), "Priya Shah");
	in->made_at = unix_at("2026-12-04", 14, 15);

	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	meeting_free(f->m);
	sos_map_free(f->map);
	free(f);
	return 0;
}

/* ------------------------------------------------------------- helpers */

/* The PDF's bytes in a new temporary file; its path into path. */
static void
write_temp(const char *pdf, size_t len, char path[64])
{
	int fd;

	snprintf(path, 64, "/tmp/hearth-test-docs-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/* HEARTH_TEST_PDF_DIR=dir keeps each document rendered, to look at:
 * dir/NN-<docs_filename>. */
static void
keep(enum doc_kind doc, enum doc_audience aud, const char *pdf, size_t len)
{
	static int seq;
	const char *dir = getenv("HEARTH_TEST_PDF_DIR");
	char name[80], path[512];
	FILE *fp;

	if (dir == NULL || dir[0] == '\0')
		return;
	docs_filename(doc, aud, dt("2026-12-03"), name, sizeof(name));
	snprintf(path, sizeof(path), "%s/%02d-%s", dir, ++seq, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(pdf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* The whole output of a command (caller frees). */
static char *
run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	size_t n;

	assert_non_null(p);
	assert_non_null(out);
	while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
	}
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

/* Runs of white space as one space, so a phrase wrapped over two lines
 * still matches. */
static void
squeeze(char *s)
{
	size_t j = 0;
	bool space = false;

	for (size_t i = 0; s[i] != '\0'; i++) {
		if (isspace((unsigned char)s[i])) {
			space = true;
			continue;
		}
		if (space && j > 0)
			s[j++] = ' ';
		space = false;
		s[j++] = s[i];
	}
	s[j] = '\0';
}

struct pdf_read {
	char *text;		/* pdftotext -layout, squeezed */
	char *info;		/* pdfinfo */
	int pages;
};

static void
pdf_read_free(struct pdf_read *r)
{
	free(r->text);
	free(r->info);
}

/* Render, check the PDF's frame, and read it back. */
static void
render_read(enum doc_kind doc, enum doc_audience aud,
    const struct docs_input *in, struct pdf_read *r)
{
	char *pdf = NULL, path[64], cmd[128];
	size_t len = 0, end;
	struct hdiag diag;
	const char *p;

	hdiag_clear(&diag);
	assert_int_equal(docs_render(doc, aud, in, &pdf, &len, &diag),
	    HERR_OK);
	assert_non_null(pdf);
	assert_true(len > 100);
	assert_memory_equal(pdf, "%PDF-", 5);
	end = len;
	while (end > 0 && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r'))
		end--;
	assert_true(end >= 5);
	assert_memory_equal(pdf + end - 5, "%%EOF", 5);

	write_temp(pdf, len, path);
	keep(doc, aud, pdf, len);
	free(pdf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 -layout %s -",
	    path);
	r->text = run(cmd);
	squeeze(r->text);
	snprintf(cmd, sizeof(cmd), "pdfinfo -isodates %s", path);
	r->info = run(cmd);
	assert_int_equal(unlink(path), 0);
	p = strstr(r->info, "Pages:");
	assert_non_null(p);
	r->pages = (int)strtol(p + 6, NULL, 10);
	assert_true(r->pages >= 1);
}

#define HAS(r, s) do { \
	if (strstr((r)->text, (s)) == NULL) \
		fail_msg("missing \"%s\" in: %.3000s", (s), (r)->text); \
} while (0)
#define LACKS(r, s) do { \
	if (strstr((r)->text, (s)) != NULL) \
		fail_msg("unexpected \"%s\"", (s)); \
} while (0)

/* Every page's foot says "Page N of M" with M the real count, and carries
 * the marking. */
static void
check_pages(const struct pdf_read *r)
{
	char want[64];

	for (int i = 1; i <= r->pages; i++) {
		snprintf(want, sizeof(want), "Page %d of %d", i, r->pages);
		HAS(r, want);
	}
	snprintf(want, sizeof(want), "Page %d of", r->pages + 1);
	LACKS(r, want);
	HAS(r, "OFFICIAL-SENSITIVE");
}

/* -------------------------------------------------------------- tests */

static void
test_plan_family(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	check_pages(&r);
	HAS(&r, "Your child protection plan");
	HAS(&r, CHILD_NAME);
	HAS(&r, "Thursday 3 December 2026");
	HAS(&r, "Why we met");
	HAS(&r, "What we are worried about");
	HAS(&r, "Zoe could be hurt again when adults argue");
	HAS(&r, "What you told us: The arguing has stopped");
	HAS(&r, "What is working well");
	HAS(&r, "Grandma visits every Sunday");
	HAS(&r, "What needs to happen");
	HAS(&r, "Who will do what, and by when");
	HAS(&r, "Go to the parenting group");
	HAS(&r, "If things do not change");
	HAS(&r, CONTINGENCY);
	HAS(&r, "When we will see " CHILD_NAME);
	HAS(&r, "Who is in the core group");
	HAS(&r, "Amira Khan");
	HAS(&r, "Neglect");
	/* The family's words first, the agencies' after. */
	HAS(&r, "In your words: " FAMILY_WORDS);
	HAS(&r, "What the professionals said: " AGENCY_WORDS);
	assert_true(strstr(r.text, FAMILY_WORDS) < strstr(r.text,
	    AGENCY_WORDS));
	/* Only for the agencies. */
	LACKS(&r, VIEW_REASON);
	LACKS(&r, RATING_REASON);
	LACKS(&r, "(NEG)");
	LACKS(&r, "Riverside Police");
	pdf_read_free(&r);
}

static void
test_plan_agencies(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	render_read(DOC_PLAN, AUD_AGENCIES, &f->in, &r);
	check_pages(&r);
	HAS(&r, "Child protection plan");
	HAS(&r, CHILD_NAME);
	HAS(&r, "Initial child protection conference");
	HAS(&r, "Neglect (NEG)");
	HAS(&r, "The mother disagreed with the decision.");
	HAS(&r, "feel safe and happy");		/* beside, in a column */
	HAS(&r, "free from harm");
	HAS(&r, CONTINGENCY);
	HAS(&r, "Contingency plan");
	HAS(&r, "Core group");
	HAS(&r, "Amira Khan");
	HAS(&r, "Check attendance weekly");
	HAS(&r, "Safety scale ratings");
	HAS(&r, "Mum has kept every");		/* the rating's reason */
	pdf_read_free(&r);
}

static void
test_minutes_family(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	render_read(DOC_MINUTES, AUD_FAMILY, &f->in, &r);
	check_pages(&r);
	HAS(&r, CHILD_NAME);
	HAS(&r, MINUTES_TEXT);
	HAS(&r, "Police shared their report.");
	HAS(&r, "Who came");
	HAS(&r, "Maria O'Brien, Mother");
	HAS(&r, "Who could not come");
	HAS(&r, "Jo Hart");
	HAS(&r, "10:30am");
	HAS(&r, "Priya Shah");
	LACKS(&r, VIEW_REASON);
	LACKS(&r, RATING_REASON);
	LACKS(&r, "(NEG)");
	pdf_read_free(&r);
}

static void
test_minutes_agencies(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	render_read(DOC_MINUTES, AUD_AGENCIES, &f->in, &r);
	check_pages(&r);
	HAS(&r, CHILD_NAME);
	HAS(&r, MINUTES_TEXT);
	HAS(&r, "Attendance and apologies");
	HAS(&r, "Sent apologies");
	HAS(&r, "Riverside Police");
	HAS(&r, "Bruises seen twice");		/* the view's reason */
	HAS(&r, "1 of 2 thought the threshold was met.");
	HAS(&r, "Neglect (NEG)");
	HAS(&r, "The mother disagreed with the decision.");
	HAS(&r, "27 November 2026");		/* report shared */
	HAS(&r, "Not received");		/* the school's */
	HAS(&r, "Civic Centre, Room 4");
	pdf_read_free(&r);
}

static void
test_metadata(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	assert_non_null(strstr(r.info, "Title:"));
	assert_non_null(strstr(r.info, "Child protection plan for the family"));
	assert_non_null(strstr(r.info, "3 December 2026"));
	assert_non_null(strstr(r.info, "Author:"));
	assert_non_null(strstr(r.info, "Riverside Council"));
	assert_non_null(strstr(r.info,
	    "CreationDate:    2026-12-04T14:15:00Z"));
	assert_non_null(strstr(r.info, "Creator:         hearth"));
	assert_non_null(strstr(r.info, "Page size:"));
	assert_non_null(strstr(r.info, "595.276 x 841.89"));	/* A4 */
	pdf_read_free(&r);
}

/* Numbered words "w00001 w00002 ..." read back in order, each once. */
static void
check_sequence(const char *text, char tag, int n)
{
	const char *p = text;
	int next = 1;

	while ((p = strchr(p, tag)) != NULL) {
		if ((p == text || p[-1] == ' ') &&
		    isdigit((unsigned char)p[1])) {
			int v = (int)strtol(p + 1, NULL, 10);

			if (v != next)
				fail_msg("%c%05d where %c%05d was due", tag, v,
				    tag, next);
			next++;
		}
		p++;
	}
	assert_int_equal(next - 1, n);
}

static void
test_long_minutes(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };
	char *s = f->m->minutes;
	size_t len = 0;
	int n = 0;

	/* One paragraph of 25,000 bytes: more than a page. */
	while (len + 7 < 25000) {
		n++;
		len += (size_t)snprintf(s + len, MEETING_MINUTES_MAX + 1 - len,
		    "w%05d ", n);
	}
	render_read(DOC_MINUTES, AUD_AGENCIES, &f->in, &r);
	assert_true(r.pages > 2);
	check_pages(&r);
	check_sequence(r.text, 'w', n);
	pdf_read_free(&r);

	render_read(DOC_MINUTES, AUD_FAMILY, &f->in, &r);
	assert_true(r.pages > 2);
	check_pages(&r);
	check_sequence(r.text, 'w', n);
	pdf_read_free(&r);
}

/* Table rows taller than what is left of a page are split between lines,
 * keeping every line once. */
static void
test_long_table_rows(void **state)
{
	struct fixture *f = *state;
	struct meeting *m = f->m;
	struct pdf_read r = { 0 };
	int n = 0;

	m->n_actions = 12;
	for (int i = 0; i < m->n_actions; i++) {
		struct plan_action *a = &m->actions[i];
		size_t len = 0;

		a->outcome = 1;
		snprintf(a->who, sizeof(a->who), "Person %d", i + 1);
		a->by = dt("2027-01-15");
		while (len + 7 < 1990) {
			n++;
			len += (size_t)snprintf(a->what + len, sizeof(a->what) -
			    len, "q%05d ", n);
		}
	}
	render_read(DOC_PLAN, AUD_AGENCIES, &f->in, &r);
	assert_true(r.pages > 3);
	check_pages(&r);
	check_sequence(r.text, 'q', n);
	pdf_read_free(&r);

	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	check_sequence(r.text, 'q', n);
	pdf_read_free(&r);
}

static void
test_several_children(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	f->m->n_children = 2;
	f->m->children[1].child_id = 12;
	f->in.n_children = 2;
	copy(f->in.children[1].name, sizeof(f->in.children[1].name),
	    "Sam O'Brien");
	f->in.children[1].dob = HDAY_NONE;
	f->in.children[1].decided = true;
	f->in.children[1].decision = CDEC_NO_PLAN;
	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	HAS(&r, "For " CHILD_NAME " and Sam O'Brien");
	HAS(&r, "When we will see the children");
	HAS(&r, "Does not need a child protection plan.");
	pdf_read_free(&r);
	render_read(DOC_PLAN, AUD_AGENCIES, &f->in, &r);
	HAS(&r, "No child protection");		/* wrapped in its column */
	HAS(&r, "Unborn or not");
	pdf_read_free(&r);
}

/* Text that is not UTF-8 is repaired, never refused or dropped whole;
 * text that looks like pango markup is printed as it is. */
static void
test_odd_text(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	copy(f->m->contingency, sizeof(f->m->contingency),
	    "Broken \xff\xfe bytes then <b>bold?</b> &amp; more");
	f->in.map = NULL;
	f->in.ratings = NULL;
	f->in.n_ratings = 0;
	f->in.authority[0] = '\0';
	f->in.made_at = 0;
	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	HAS(&r, "Broken");
	HAS(&r, "bytes then <b>bold?</b> &amp; more");
	HAS(&r, "Your social worker will go through them with you.");
	pdf_read_free(&r);
}

/* "Written on" is the UK's civil date: BST in summer, GMT in winter. */
static void
test_made_at_uk_time(void **state)
{
	struct fixture *f = *state;
	struct pdf_read r = { 0 };

	f->in.made_at = unix_at("2026-07-01", 23, 30);	/* 00:30 BST */
	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	HAS(&r, "Written on Thursday 2 July 2026.");
	pdf_read_free(&r);
	f->in.made_at = unix_at("2026-12-04", 23, 30);	/* 23:30 GMT */
	render_read(DOC_PLAN, AUD_FAMILY, &f->in, &r);
	HAS(&r, "Written on Friday 4 December 2026.");
	pdf_read_free(&r);
}

/* A document larger than the buffer's maximum fails cleanly. */
static void
test_too_big(void **state)
{
	struct layout *l = layout_new(12, 1);
	struct layout_meta meta = { .title = "Big" };
	char *pdf = NULL;
	size_t len = 7;
	struct hdiag diag;

	(void)state;
	for (int i = 0; i < 200; i++)
		layout_para(l, NULL, "A paragraph that fills the pages up.");
	hdiag_clear(&diag);
	assert_int_equal(layout_render(l, &meta, 4096, &pdf, &len, &diag),
	    HERR_NOMEM);
	assert_null(pdf);
	assert_int_equal(len, 0);
	assert_string_equal(diag.field, "pdf");
	assert_string_equal(diag.msg, "The document would be larger than 4 KB");
	layout_free(l);
	layout_free(NULL);
}

static void
test_invalid(void **state)
{
	struct fixture *f = *state;
	static char untouched[] = "not touched";
	char *pdf = untouched;
	size_t len = 99;
	struct hdiag diag;

	f->m->plan_saved_at = 0;
	hdiag_clear(&diag);
	assert_int_equal(docs_render(DOC_PLAN, AUD_FAMILY, &f->in, &pdf,
	    &len, &diag), HERR_INVALID);
	assert_null(pdf);
	assert_int_equal(len, 0);
	assert_string_equal(diag.field, "plan");
	assert_non_null(strstr(diag.msg, "plan"));
	assert_int_equal(docs_render(DOC_PLAN, AUD_AGENCIES, &f->in, &pdf,
	    &len, NULL), HERR_INVALID);

	f->m->minutes_saved_at = 0;
	hdiag_clear(&diag);
	assert_int_equal(docs_render(DOC_MINUTES, AUD_AGENCIES, &f->in, &pdf,
	    &len, &diag), HERR_INVALID);
	assert_null(pdf);
	assert_string_equal(diag.field, "minutes");
	assert_non_null(strstr(diag.msg, "minutes"));

	hdiag_clear(&diag);
	assert_int_equal(docs_render(DOC_PLAN, AUD_FAMILY, NULL, &pdf, &len,
	    &diag), HERR_INVALID);
	f->in.m = NULL;
	assert_int_equal(docs_render(DOC_PLAN, AUD_FAMILY, &f->in, &pdf, &len,
	    &diag), HERR_INVALID);
	f->in.m = f->m;
	f->m->plan_saved_at = 1;
	assert_int_equal(docs_render((enum doc_kind)7, AUD_FAMILY, &f->in,
	    &pdf, &len, &diag), HERR_INVALID);
	assert_int_equal(docs_render(DOC_PLAN, (enum doc_audience)-1, &f->in,
	    &pdf, &len, &diag), HERR_INVALID);
	assert_null(pdf);
}

static void
test_filename(void **state)
{
	static const struct {
		enum doc_kind doc;
		enum doc_audience aud;
		const char *date;
		const char *want;
	} valid[] = {
		{ DOC_PLAN, AUD_FAMILY, "2026-12-03",
		    "child-protection-plan-2026-12-03-family.pdf" },
		{ DOC_PLAN, AUD_AGENCIES, "2026-12-03",
		    "child-protection-plan-2026-12-03-agencies.pdf" },
		{ DOC_MINUTES, AUD_FAMILY, "2027-01-05",
		    "conference-minutes-2027-01-05-family.pdf" },
		{ DOC_MINUTES, AUD_AGENCIES, "",
		    "conference-minutes-agencies.pdf" },
	};
	char buf[80], small[8];

	(void)state;
	for (size_t i = 0; i < NELEM(valid); i++) {
		docs_filename(valid[i].doc, valid[i].aud, dt(valid[i].date),
		    buf, sizeof(buf));
		assert_string_equal(buf, valid[i].want);
	}
	docs_filename(DOC_PLAN, AUD_FAMILY, dt("2026-12-03"), small,
	    sizeof(small));
	assert_string_equal(small, "child-p");
	docs_filename(DOC_PLAN, AUD_FAMILY, dt("2026-12-03"), small, 0);
}

/* Pango, cairo and fontconfig keep font caches for the life of the
 * process, by design: release them at the end so that what LeakSanitizer
 * reports is only what the documents leak. */
static int
release_font_caches(void **state)
{
	(void)state;
	docs_release_caches();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plan_family, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_plan_agencies, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_minutes_family, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_minutes_agencies, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_metadata, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_long_minutes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_long_table_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_several_children, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_odd_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_made_at_uk_time, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_invalid, setup,
		    teardown),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_filename),
	};

	return cmocka_run_group_tests(tests, NULL, release_font_caches);
}
