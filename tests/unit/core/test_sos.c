/*
 * test_sos.c: Signs of Safety in the core (sos.h): the code lists (codes
 * exactly as migration 6's CHECK constraints), sos_map_check with its
 * warnings, sos_rating_check with repeated ratings, the series and spread
 * the chart is drawn from, and voice_work_check.
 *
 * Each check has a valid[] and an invalid[] table.  A case changes one
 * thing in a good record (built by hand) and, for an invalid case, names
 * the field diag must blame and a phrase of its message.  "Today" is
 * fixed, so the cases read as dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sos.h"
#include "testutil.h"
#include "core/banned.h"

#define TODAY "2026-06-30"
#define CHILD 40
#define SIBLING 41

/* ------------------------------------------------------------ codes */

static void
test_codes(void **state)
{
	static const char *const items[] = { "harm", "complicating",
		"strength", "safety" };
	static const char *const views[] = { "not-asked", "agrees", "partly",
		"disputes" };
	static const char *const raters[] = { "child", "parent", "network",
		"professional" };
	static const char *const voices[] = { "three-houses",
		"words-pictures" };

	(void)state;
	assert_int_equal(NELEM(items), SOS_ITEM__COUNT);
	for (int i = 0; i < SOS_ITEM__COUNT; i++) {
		assert_string_equal(sos_item_kind_code((enum sos_item_kind)i),
		    items[i]);
		assert_int_equal(sos_item_kind_parse(items[i]), i);
		assert_true(strlen(sos_item_kind_label(
		    (enum sos_item_kind)i)) > 3);
	}
	assert_int_equal(NELEM(views), SOS_VIEW__COUNT);
	for (int i = 0; i < SOS_VIEW__COUNT; i++) {
		assert_string_equal(sos_family_view_code(
		    (enum sos_family_view)i), views[i]);
		assert_int_equal(sos_family_view_parse(views[i]), i);
	}
	assert_int_equal(NELEM(raters), RATER__COUNT);
	for (int i = 0; i < RATER__COUNT; i++) {
		assert_string_equal(sos_rater_code((enum sos_rater)i),
		    raters[i]);
		assert_int_equal(sos_rater_parse(raters[i]), i);
	}
	assert_int_equal(NELEM(voices), VOICE__COUNT);
	for (int i = 0; i < VOICE__COUNT; i++) {
		assert_string_equal(voice_kind_code((enum voice_kind)i),
		    voices[i]);
		assert_int_equal(voice_kind_parse(voices[i]), i);
	}
	/* Unknown, empty, NULL and case are refused; out of range is "". */
	assert_int_equal(sos_item_kind_parse("Harm"), -1);
	assert_int_equal(sos_item_kind_parse(""), -1);
	assert_int_equal(sos_item_kind_parse(NULL), -1);
	assert_int_equal(sos_family_view_parse("agree"), -1);
	assert_int_equal(sos_rater_parse("police"), -1);
	assert_int_equal(voice_kind_parse("fairy-wizard"), -1);
	assert_string_equal(sos_item_kind_code(SOS_ITEM__COUNT), "");
	assert_string_equal(sos_rater_label(RATER__COUNT), "Unknown");
}

/* ------------------------------------------------------------ the map */

static void
set(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s);
}

static void
add_item(struct sos_map *m, enum sos_item_kind k, const char *text)
{
	m->items[m->n_items].kind = k;
	set(m->items[m->n_items].text, sizeof(m->items[0].text), text);
	m->n_items++;
}

static void
add_pair(struct sos_map *m, const char *danger, enum sos_family_view v)
{
	struct sos_pair *p = &m->pairs[m->n_pairs++];

	memset(p, 0, sizeof(*p));
	set(p->danger, sizeof(p->danger), danger);
	set(p->who_worried, sizeof(p->who_worried), "The school and the "
	    "social worker");
	p->family_view = v;
	set(p->goal_agency, sizeof(p->goal_agency), "Mum and Dad will sort "
	    "out arguments calmly, away from Amy, for six months.");
	set(p->goal_family, sizeof(p->goal_family), "We will talk things "
	    "through when Amy is in bed.");
	set(p->sustain, sizeof(p->sustain), "for 6 months");
}

static void
add_step(struct sos_map *m, const char *what, const char *by)
{
	struct sos_step *s = &m->steps[m->n_steps++];

	set(s->what, sizeof(s->what), what);
	set(s->who, sizeof(s->who), "Sam (social worker)");
	s->by = dt(by);
}

/* A good map: one child, a harm statement, a pair, strengths, a step. */
static struct sos_map *
good_map(void)
{
	struct sos_map *m = sos_map_new();

	m->child_ids[m->n_children++] = CHILD;
	m->made_on = dt("2026-06-01");
	add_item(m, SOS_HARM, "In May Dad pushed Mum into the kitchen door "
	    "while Amy watched.\nAmy told her teacher she was scared.");
	add_item(m, SOS_STRENGTH, "Gran collects Amy from school every day.");
	add_item(m, SOS_SAFETY, "Mum took Amy to Gran's the night it "
	    "happened.");
	add_pair(m, "The school and the social worker are worried that if "
	    "Mum and Dad keep fighting, Amy could be hurt.", SOS_VIEW_AGREES);
	add_step(m, "Meet the family with Gran to start the safety plan",
	    "2026-07-10");
	return m;
}

typedef void (*map_mod)(struct sos_map *);

static void m_none(struct sos_map *m) { (void)m; }
static void m_today(struct sos_map *m) { m->made_on = dt(TODAY); }
static void m_no_harm(struct sos_map *m) { m->n_items = 2;
	m->items[0] = m->items[2]; }
static void m_no_pairs(struct sos_map *m) { m->n_pairs = 0; }
static void m_family(struct sos_map *m) {
	m->child_ids[m->n_children++] = SIBLING; }
static void m_disputed(struct sos_map *m) {
	m->pairs[0].family_view = SOS_VIEW_DISPUTES;
	set(m->pairs[0].family_says, sizeof(m->pairs[0].family_says),
	    "Dad says it was an accident and it will not happen again."); }
static void m_agency_goal_only(struct sos_map *m) {
	m->pairs[0].goal_family[0] = '\0'; }
static void m_family_goal_only(struct sos_map *m) {
	m->pairs[0].goal_agency[0] = '\0'; }
static void m_no_sustain(struct sos_map *m) { m->pairs[0].sustain[0] = 0; }
static void m_no_steps(struct sos_map *m) { m->n_steps = 0; }
static void m_past_step(struct sos_map *m) { m->steps[0].by =
	dt("2026-01-02"); }
static void m_four_pairs(struct sos_map *m) {
	for (int i = 0; i < 3; i++)
		add_pair(m, "Another worry about what could happen.",
		    SOS_VIEW_NOT_ASKED); }
static void m_full(struct sos_map *m) {
	while (m->n_items < SOS_ITEMS_MAX)
		add_item(m, SOS_STRENGTH, "A strength.");
	while (m->n_pairs < SOS_PAIRS_MAX)
		add_pair(m, "A worry.", SOS_VIEW_PARTLY),
		set(m->pairs[m->n_pairs - 1].family_says, 40, "Partly.");
	while (m->n_steps < SOS_STEPS_MAX)
		add_step(m, "A step.", "2026-08-01"); }
static void m_multiline_goal(struct sos_map *m) {
	set(m->pairs[0].goal_family, sizeof(m->pairs[0].goal_family),
	    "We will:\n- talk calmly\n- ask Gran for help"); }

/* Invalid. */
static void m_no_child(struct sos_map *m) { m->n_children = 0; }
static void m_bad_child(struct sos_map *m) { m->child_ids[0] = 0; }
static void m_twice(struct sos_map *m) {
	m->child_ids[m->n_children++] = CHILD; }
static void m_too_many_children(struct sos_map *m) {
	m->n_children = SOS_CHILDREN_MAX + 1; }
static void m_no_date(struct sos_map *m) { m->made_on = HDAY_NONE; }
static void m_future(struct sos_map *m) { m->made_on = dt("2026-07-01"); }
static void m_nothing(struct sos_map *m) { m->n_items = 0;
	m->n_pairs = 0; }
static void m_strengths_only(struct sos_map *m) { m->n_pairs = 0;
	m->items[0].kind = SOS_STRENGTH; }
static void m_empty_item(struct sos_map *m) { m->items[1].text[0] = 0; }
static void m_bad_kind(struct sos_map *m) {
	m->items[1].kind = SOS_ITEM__COUNT; }
static void m_item_control(struct sos_map *m) {
	set(m->items[2].text, 40, "Gran\x01 helps"); }
static void m_item_space(struct sos_map *m) {
	set(m->items[0].text, 40, "Dad pushed Mum "); }
static void m_too_many_items(struct sos_map *m) {
	m->n_items = SOS_ITEMS_MAX + 1; }
static void m_no_danger(struct sos_map *m) { m->pairs[0].danger[0] = 0;
	m->pairs[0].goal_agency[0] = 0; m->pairs[0].goal_family[0] = 0; }
static void m_goal_alone(struct sos_map *m) {
	m->pairs[0].danger[0] = '\0'; }
static void m_no_who(struct sos_map *m) { m->pairs[0].who_worried[0] = 0; }
static void m_who_lines(struct sos_map *m) {
	set(m->pairs[0].who_worried, 40, "School\nPolice"); }
static void m_bad_view(struct sos_map *m) {
	m->pairs[0].family_view = SOS_VIEW__COUNT; }
static void m_disputed_silent(struct sos_map *m) {
	m->pairs[0].family_view = SOS_VIEW_DISPUTES; }
static void m_partly_silent(struct sos_map *m) { add_pair(m, "Another.",
	SOS_VIEW_PARTLY); }
static void m_no_goal(struct sos_map *m) { m->pairs[0].goal_agency[0] = 0;
	m->pairs[0].goal_family[0] = 0; }
static void m_sustain_long(struct sos_map *m) {
	memset(m->pairs[0].sustain, 'x', SOS_NAME_MAX);
	m->pairs[0].sustain[SOS_NAME_MAX] = '\0';
	m->pairs[0].sustain[0] = ' '; }
static void m_too_many_pairs(struct sos_map *m) {
	m->n_pairs = SOS_PAIRS_MAX + 1; }
static void m_step_no_what(struct sos_map *m) { m->steps[0].what[0] = 0; }
static void m_step_no_who(struct sos_map *m) { m->steps[0].who[0] = 0; }
static void m_step_no_by(struct sos_map *m) { m->steps[0].by = HDAY_NONE; }
static void m_second_step_no_by(struct sos_map *m) {
	add_step(m, "Review", "2026-09-01"); m->steps[1].by = HDAY_NONE; }
static void m_too_many_steps(struct sos_map *m) {
	m->n_steps = SOS_STEPS_MAX + 1; }

struct map_case {
	const char *name;
	map_mod mod;
	const char *field;	/* invalid: the field blamed */
	const char *msg;	/* invalid: a phrase of the message */
};

static const struct map_case map_valid[] = {
	{ "as built", m_none, NULL, NULL },
	{ "made today", m_today, NULL, NULL },
	{ "danger statements without harm", m_no_harm, NULL, NULL },
	{ "harm without danger statements", m_no_pairs, NULL, NULL },
	{ "a family's map", m_family, NULL, NULL },
	{ "disputed, with what the family says", m_disputed, NULL, NULL },
	{ "the agency's goal alone", m_agency_goal_only, NULL, NULL },
	{ "the family's goal alone", m_family_goal_only, NULL, NULL },
	{ "no sustain period", m_no_sustain, NULL, NULL },
	{ "no next steps", m_no_steps, NULL, NULL },
	{ "a next step already past", m_past_step, NULL, NULL },
	{ "four pairs (warned, not refused)", m_four_pairs, NULL, NULL },
	{ "every part at its limit", m_full, NULL, NULL },
	{ "a goal of several lines", m_multiline_goal, NULL, NULL },
};

static const struct map_case map_invalid[] = {
	{ "no child", m_no_child, "children", "Choose the child" },
	{ "child id 0", m_bad_child, "children", "no child with id 0" },
	{ "a child twice", m_twice, "children", "listed twice" },
	{ "too many children", m_too_many_children, "children", "at most 16" },
	{ "no date", m_no_date, "made_on", "Enter the date the map reflects" },
	{ "tomorrow", m_future, "made_on", "in the future" },
	{ "no harm and no danger", m_nothing, "pairs[0].danger",
	    "at least one harm statement or danger statement" },
	{ "strengths only", m_strengths_only, "pairs[0].danger",
	    "at least one harm statement" },
	{ "an empty statement", m_empty_item, "items[1].text",
	    "Write the statement" },
	{ "a statement of no kind", m_bad_kind, "items[1].text",
	    "no kind hearth knows" },
	{ "a control character", m_item_control, "items[2].text",
	    "control character" },
	{ "a statement ending in a space", m_item_space, "items[0].text",
	    "starts or ends with a space" },
	{ "too many statements", m_too_many_items, "items", "at most 48" },
	{ "a pair with no danger statement", m_no_danger, "pairs[0].danger",
	    "Write the danger statement" },
	{ "a goal without its danger statement", m_goal_alone,
	    "pairs[0].danger", "that safety goal 1 answers" },
	{ "nobody is worried", m_no_who, "pairs[0].who_worried",
	    "Say who is worried" },
	{ "who is worried on two lines", m_who_lines, "pairs[0].who_worried",
	    "control character" },
	{ "no family view", m_bad_view, "pairs[0].family_view",
	    "whether the family agrees" },
	{ "disputed in silence", m_disputed_silent, "pairs[0].family_says",
	    "what the family says" },
	{ "partly agreed in silence", m_partly_silent,
	    "pairs[1].family_says", "what the family says" },
	{ "no safety goal", m_no_goal, "pairs[0].goal_agency",
	    "at least one safety goal for danger statement 1" },
	{ "sustain starts with a space", m_sustain_long, "pairs[0].sustain",
	    "space" },
	{ "too many pairs", m_too_many_pairs, "pairs", "at most 12" },
	{ "a step without what", m_step_no_what, "steps[0].what",
	    "Write what will happen" },
	{ "a step without who", m_step_no_who, "steps[0].who",
	    "Say who will do it" },
	{ "a step without a date", m_step_no_by, "steps[0].by",
	    "next step 1 will be done by" },
	{ "the second step without a date", m_second_step_no_by,
	    "steps[1].by", "next step 2" },
	{ "too many steps", m_too_many_steps, "steps", "at most 40" },
};

static void
test_map_check(void **state)
{
	struct sos_warnings w;
	struct hdiag d;

	(void)state;
	for (size_t i = 0; i < NELEM(map_valid); i++) {
		struct sos_map *m = good_map();
		enum herr e;

		map_valid[i].mod(m);
		hdiag_clear(&d);
		e = sos_map_check(m, dt(TODAY), &w, &d);
		if (e != HERR_OK)
			fail_msg("valid \"%s\" refused: %s: %s", map_valid[i].name,
			    d.field, d.msg);
		sos_map_free(m);
	}
	for (size_t i = 0; i < NELEM(map_invalid); i++) {
		struct sos_map *m = good_map();
		enum herr e;

		map_invalid[i].mod(m);
		hdiag_clear(&d);
		e = sos_map_check(m, dt(TODAY), NULL, &d);
		if (e != HERR_INVALID)
			fail_msg("invalid \"%s\" gave %s", map_invalid[i].name,
			    herr_str(e));
		if (strcmp(d.field, map_invalid[i].field) != 0 ||
		    strstr(d.msg, map_invalid[i].msg) == NULL)
			fail_msg("invalid \"%s\": got %s: \"%s\", want %s: "
			    "\"...%s...\"", map_invalid[i].name, d.field, d.msg,
			    map_invalid[i].field, map_invalid[i].msg);
		sos_map_free(m);
	}
}

static bool
warned(const struct sos_warnings *w, const char *field, const char *phrase)
{
	for (int i = 0; i < w->n; i++)
		if (strcmp(w->w[i].field, field) == 0 &&
		    strstr(w->w[i].msg, phrase) != NULL)
			return true;
	return false;
}

/* More than three danger statements is warned about, never refused; so
 * is a goal without the family's words. */
static void
test_map_warnings(void **state)
{
	struct sos_map *m = good_map();
	struct sos_warnings w;

	(void)state;
	memset(&w, 0, sizeof(w));
	assert_int_equal(sos_map_check(m, dt(TODAY), &w, NULL), HERR_OK);
	assert_int_equal(w.n, 0);
	add_pair(m, "Two.", SOS_VIEW_AGREES);
	add_pair(m, "Three.", SOS_VIEW_AGREES);
	assert_int_equal(sos_map_check(m, dt(TODAY), &w, NULL), HERR_OK);
	assert_false(warned(&w, "pairs", "danger statements"));
	add_pair(m, "Four.", SOS_VIEW_AGREES);
	assert_int_equal(sos_map_check(m, dt(TODAY), &w, NULL), HERR_OK);
	assert_true(warned(&w, "pairs", "There are 4 danger statements"));
	assert_true(warned(&w, "pairs", "3 or fewer"));
	assert_int_equal(w.n, 1);
	m->pairs[2].goal_family[0] = '\0';
	assert_int_equal(sos_map_check(m, dt(TODAY), &w, NULL), HERR_OK);
	assert_int_equal(w.n, 2);
	assert_true(warned(&w, "pairs[2].goal_family", "Safety goal 3 has no "
	    "goal in the family's own words"));
	/* Warnings come also with a refusal, and a NULL list is fine. */
	m->made_on = HDAY_NONE;
	assert_int_equal(sos_map_check(m, dt(TODAY), &w, NULL), HERR_INVALID);
	assert_true(warned(&w, "pairs", "There are 4"));
	assert_int_equal(sos_map_check(m, dt(TODAY), NULL, NULL),
	    HERR_INVALID);
	sos_map_free(m);
}

static void
test_map_lifecycle(void **state)
{
	struct sos_map *m = sos_map_new();

	(void)state;
	assert_int_equal(m->n_items + m->n_pairs + m->n_steps +
	    m->n_children, 0);
	assert_int_equal(m->id, 0);
	add_item(m, SOS_HARM, "x");
	sos_map_clear(m);
	assert_int_equal(m->n_items, 0);
	assert_string_equal(m->items[0].text, "");
	sos_map_free(m);
	sos_map_free(NULL);
}

/* ------------------------------------------------------------ ratings */

static struct sos_rating
rating(int64_t id, enum sos_rater k, const char *who, int pair,
    const char *on, int64_t meeting, int value)
{
	struct sos_rating r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.child_id = CHILD;
	r.meeting_id = meeting;
	r.map_id = 7;
	r.pair = pair;
	r.rated_on = dt(on);
	r.kind = k;
	set(r.rater, sizeof(r.rater), who);
	if (k == RATER_PROFESSIONAL)
		set(r.agency, sizeof(r.agency), "Police");
	r.value = value;
	set(r.reason, sizeof(r.reason), "Dad has moved out and Gran helps.");
	return r;
}

/* The map the ratings rate: revision 7 with two pairs. */
static struct sos_map *
rated_map(void)
{
	struct sos_map *m = good_map();

	m->id = 7;
	add_pair(m, "Two.", SOS_VIEW_AGREES);
	return m;
}

/* Already recorded: Amy (mum) on the overall scale at meeting 5 on
 * 2026-06-01, and on 2026-06-10 with no meeting; PC Lee on pair 1 at
 * meeting 5. */
static const struct {
	int64_t id;
	enum sos_rater k;
	const char *who;
	int pair;
	const char *on;
	int64_t meeting;
} before[] = {
	{ 1, RATER_PARENT, "Amy (mum)", 0, "2026-06-01", 5 },
	{ 2, RATER_PARENT, "Amy (mum)", 0, "2026-06-10", 0 },
	{ 3, RATER_PROFESSIONAL, "PC Lee", 1, "2026-06-01", 5 },
};

static int
existing(struct sos_rating *out)
{
	for (size_t i = 0; i < NELEM(before); i++)
		out[i] = rating(before[i].id, before[i].k, before[i].who,
		    before[i].pair, before[i].on, before[i].meeting, 4);
	return (int)NELEM(before);
}

typedef void (*rating_mod)(struct sos_rating *);

static void r_none(struct sos_rating *r) { (void)r; }
static void r_zero(struct sos_rating *r) { r->value = 0; }
static void r_ten(struct sos_rating *r) { r->value = 10; }
static void r_child(struct sos_rating *r) { r->kind = RATER_CHILD;
	set(r->rater, sizeof(r->rater), "Amy"); }
static void r_pair2(struct sos_rating *r) { r->pair = 2; }
static void r_other_day(struct sos_rating *r) { r->meeting_id = 0;
	r->rated_on = dt("2026-06-11"); }
static void r_other_meeting(struct sos_rating *r) { r->meeting_id = 6;
	r->rated_on = dt("2026-06-01"); }
static void r_other_pair(struct sos_rating *r) { r->meeting_id = 5;
	r->pair = 2; r->rated_on = dt("2026-06-01"); }
static void r_same_name_other_kind(struct sos_rating *r) {
	r->kind = RATER_NETWORK; r->meeting_id = 5;
	r->rated_on = dt("2026-06-01"); }
static void r_network_agency(struct sos_rating *r) {
	r->kind = RATER_NETWORK; set(r->agency, sizeof(r->agency), "Church"); }
static void r_no_map_overall(struct sos_rating *r) { r->map_id = 0; }

static void r_minus(struct sos_rating *r) { r->value = -1; }
static void r_eleven(struct sos_rating *r) { r->value = 11; }
static void r_no_reason(struct sos_rating *r) { r->reason[0] = '\0'; }
static void r_no_rater(struct sos_rating *r) { r->rater[0] = '\0'; }
static void r_bad_kind(struct sos_rating *r) { r->kind = RATER__COUNT; }
static void r_pro_no_agency(struct sos_rating *r) {
	r->kind = RATER_PROFESSIONAL; r->agency[0] = '\0'; }
static void r_pair3(struct sos_rating *r) { r->pair = 3; }
static void r_pair_neg(struct sos_rating *r) { r->pair = -1; }
static void r_future(struct sos_rating *r) { r->rated_on =
	dt("2026-07-01"); }
static void r_no_date(struct sos_rating *r) { r->rated_on = HDAY_NONE; }
static void r_no_child(struct sos_rating *r) { r->child_id = 0; }
static void r_wrong_map(struct sos_rating *r) { r->map_id = 8; }
static void r_again_meeting(struct sos_rating *r) { r->meeting_id = 5;
	r->rated_on = dt("2026-06-01"); }
static void r_again_meeting_case(struct sos_rating *r) {
	r->meeting_id = 5; r->rated_on = dt("2026-06-02");
	set(r->rater, sizeof(r->rater), "AMY (Mum)"); }
static void r_again_day(struct sos_rating *r) { r->meeting_id = 0;
	r->rated_on = dt("2026-06-10"); }
static void r_again_pro(struct sos_rating *r) {
	r->kind = RATER_PROFESSIONAL; set(r->rater, sizeof(r->rater),
	"pc lee"); set(r->agency, sizeof(r->agency), "Police");
	r->pair = 1; r->meeting_id = 5; r->rated_on = dt("2026-06-01"); }

struct rating_case {
	const char *name;
	rating_mod mod;
	const char *field;
	const char *msg;
};

static const struct rating_case rating_valid[] = {
	{ "as built", r_none, NULL, NULL },
	{ "zero", r_zero, NULL, NULL },
	{ "ten", r_ten, NULL, NULL },
	{ "the child", r_child, NULL, NULL },
	{ "the map's second pair", r_pair2, NULL, NULL },
	{ "the same person another day", r_other_day, NULL, NULL },
	{ "the same person at another meeting", r_other_meeting, NULL,
	    NULL },
	{ "the same person on another scale", r_other_pair, NULL, NULL },
	{ "the same name as someone else", r_same_name_other_kind, NULL,
	    NULL },
	{ "a network member with an agency", r_network_agency, NULL, NULL },
	{ "overall with no map", r_no_map_overall, NULL, NULL },
};

static const struct rating_case rating_invalid[] = {
	{ "below 0", r_minus, "value", "from 0" },
	{ "above 10", r_eleven, "value", "to 10" },
	{ "no reason", r_no_reason, "reason", "why they chose that number" },
	{ "no name", r_no_rater, "rater", "Enter the name" },
	{ "no kind", r_bad_kind, "kind", "Select who gave the rating" },
	{ "a professional with no agency", r_pro_no_agency, "agency",
	    "professional's agency" },
	{ "a pair the map lacks", r_pair3, "pair", "no danger statement 3" },
	{ "a negative pair", r_pair_neg, "pair", "no danger statement" },
	{ "tomorrow", r_future, "rated_on", "in the future" },
	{ "no date", r_no_date, "rated_on", "Enter the date of the rating" },
	{ "no child", r_no_child, "child_id", "which child" },
	{ "another map", r_wrong_map, "map_id", "not of the version" },
	{ "twice at one meeting", r_again_meeting, "rater",
	    "already given a rating for this scale at this conference" },
	{ "twice at one meeting, other case", r_again_meeting_case, "rater",
	    "at this conference" },
	{ "twice on one day", r_again_day, "rater",
	    "already given a rating for this scale on 2026-06-10" },
	{ "a professional twice on a pair", r_again_pro, "rater",
	    "at this conference" },
};

static void
test_rating_check(void **state)
{
	struct sos_rating ex[NELEM(before)], r;
	struct sos_map *map = rated_map();
	int n = existing(ex);
	struct hdiag d;

	(void)state;
	for (size_t i = 0; i < NELEM(rating_valid); i++) {
		r = rating(0, RATER_PARENT, "Amy (mum)", 0, "2026-06-20", 0, 5);
		rating_valid[i].mod(&r);
		hdiag_clear(&d);
		if (sos_rating_check(&r, r.map_id ? map : NULL, ex, n,
		    dt(TODAY), &d) != HERR_OK)
			fail_msg("valid \"%s\" refused: %s: %s",
			    rating_valid[i].name, d.field, d.msg);
	}
	for (size_t i = 0; i < NELEM(rating_invalid); i++) {
		enum herr e;

		r = rating(0, RATER_PARENT, "Amy (mum)", 0, "2026-06-20", 0, 5);
		rating_invalid[i].mod(&r);
		hdiag_clear(&d);
		e = sos_rating_check(&r, map, ex, n, dt(TODAY), &d);
		if (e != HERR_INVALID || strcmp(d.field,
		    rating_invalid[i].field) != 0 || strstr(d.msg,
		    rating_invalid[i].msg) == NULL)
			fail_msg("invalid \"%s\": %s %s: \"%s\", want %s: "
			    "\"...%s...\"", rating_invalid[i].name, herr_str(e),
			    d.field, d.msg, rating_invalid[i].field,
			    rating_invalid[i].msg);
	}
	/* A rating of a pair with no map at all. */
	r = rating(0, RATER_PARENT, "Amy (mum)", 1, "2026-06-20", 0, 5);
	r.map_id = 0;
	assert_int_equal(sos_rating_check(&r, NULL, ex, n, dt(TODAY), &d),
	    HERR_INVALID);
	assert_string_equal(d.field, "pair");
	/* The same rating checked against itself (a re-check) passes. */
	r = ex[1];
	assert_int_equal(sos_rating_check(&r, map, ex, n, dt(TODAY), &d),
	    HERR_OK);
	sos_map_free(map);
}

/* ------------------------------------------------------------ series */

static void
test_series(void **state)
{
	struct sos_rating r[12];
	struct sos_series s[8];
	int n = 0, ns;

	(void)state;
	/* Given in no order: a professional first, then the child, then
	 * parents by their first date, one parent spelt two ways. */
	r[n++] = rating(10, RATER_PROFESSIONAL, "PC Lee", 0, "2026-05-01", 0,
	    3);
	r[n++] = rating(11, RATER_PARENT, "Ben (dad)", 0, "2026-03-01", 0, 6);
	r[n++] = rating(12, RATER_PARENT, "Amy (mum)", 0, "2026-04-01", 0, 5);
	r[n++] = rating(13, RATER_PARENT, "AMY (MUM)", 0, "2026-02-01", 0, 2);
	r[n++] = rating(14, RATER_CHILD, "Amy", 0, "2026-06-01", 0, 7);
	r[n++] = rating(15, RATER_PARENT, "Ben (dad)", 0, "2026-01-15", 0, 4);
	/* Another scale, and a network member. */
	r[n++] = rating(16, RATER_PARENT, "Amy (mum)", 1, "2026-01-01", 0, 1);
	r[n++] = rating(17, RATER_NETWORK, "Gran", 0, "2026-03-01", 0, 8);
	/* Two ratings of one person on one day keep id order. */
	r[n++] = rating(19, RATER_PROFESSIONAL, "PC Lee", 0, "2026-06-01", 0,
	    6);
	r[n++] = rating(18, RATER_PROFESSIONAL, "pc lee", 0, "2026-06-01", 9,
	    5);
	ns = sos_scale_series(r, n, 0, s, 8);
	assert_int_equal(ns, 5);
	assert_int_equal(s[0].kind, RATER_CHILD);
	assert_string_equal(s[0].rater, "Amy");
	/* Parents: Ben's first rating (01-15) before Amy's (02-01). */
	assert_int_equal(s[1].kind, RATER_PARENT);
	assert_string_equal(s[1].rater, "Ben (dad)");
	assert_int_equal(s[1].n, 2);
	assert_int_equal(s[1].pts[0].on, dt("2026-01-15"));
	assert_int_equal(s[1].pts[1].value, 6);
	assert_string_equal(s[2].rater, "AMY (MUM)");	/* first spelling */
	assert_int_equal(s[2].n, 2);
	assert_int_equal(s[2].pts[0].value, 2);
	assert_int_equal(s[2].pts[1].value, 5);
	assert_int_equal(s[2].pts[1].rating_id, 12);
	assert_int_equal(s[3].kind, RATER_NETWORK);
	assert_int_equal(s[4].kind, RATER_PROFESSIONAL);
	assert_string_equal(s[4].agency, "Police");
	assert_int_equal(s[4].n, 3);
	assert_int_equal(s[4].pts[1].rating_id, 18);
	assert_int_equal(s[4].pts[2].rating_id, 19);
	/* The other scale has one series; max cuts the list; none. */
	assert_int_equal(sos_scale_series(r, n, 1, s, 8), 1);
	assert_int_equal(s[0].pts[0].value, 1);
	assert_int_equal(sos_scale_series(r, n, 0, s, 2), 2);
	assert_string_equal(s[1].rater, "Ben (dad)");
	assert_int_equal(sos_scale_series(r, n, 2, s, 8), 0);
	assert_int_equal(sos_scale_series(r, 0, 0, s, 8), 0);
}

/* A person with more ratings than a chart holds keeps the latest. */
static void
test_series_cap(void **state)
{
	int n = SOS_SERIES_POINTS + 6;
	struct sos_rating *r = calloc((size_t)n, sizeof(*r));
	struct sos_series *s = calloc(1, sizeof(*s));

	(void)state;
	assert_non_null(r);
	assert_non_null(s);
	/* Newest first, to show the input order does not matter. */
	for (int i = 0; i < n; i++) {
		r[i] = rating(100 + i, RATER_PARENT, "Amy (mum)", 0,
		    "2026-01-01", 0, i % 11);
		r[i].rated_on = dt("2026-01-01") + (n - i);
	}
	assert_int_equal(sos_scale_series(r, n, 0, s, 1), 1);
	assert_int_equal(s->n, SOS_SERIES_POINTS);
	assert_int_equal(s->pts[SOS_SERIES_POINTS - 1].on, dt("2026-01-01") +
	    n);
	assert_int_equal(s->pts[0].on, dt("2026-01-01") + 7);
	for (int k = 1; k < s->n; k++)
		assert_true(s->pts[k].on > s->pts[k - 1].on);
	free(s);
	free(r);
}

static void
test_spread(void **state)
{
	struct sos_rating r[8];
	struct sos_spread sp;
	int n = 0;

	(void)state;
	r[n++] = rating(1, RATER_PARENT, "Amy", 0, "2026-06-01", 5, 3);
	r[n++] = rating(2, RATER_PARENT, "Ben", 0, "2026-06-01", 5, 7);
	r[n++] = rating(3, RATER_PROFESSIONAL, "PC Lee", 0, "2026-06-01", 5,
	    4);
	r[n++] = rating(4, RATER_CHILD, "Cai", 1, "2026-06-01", 5, 10);
	r[n++] = rating(5, RATER_NETWORK, "Gran", 0, "2026-06-02", 0, 8);
	r[n++] = rating(6, RATER_PARENT, "Amy", 0, "2026-06-02", 0, 2);
	/* Meeting 5, overall: 3, 4, 7: median 4. */
	sos_scale_spread(r, n, 0, 5, HDAY_NONE, &sp);
	assert_int_equal(sp.n, 3);
	assert_int_equal(sp.lowest, 3);
	assert_int_equal(sp.highest, 7);
	assert_int_equal(sp.median2, 8);
	/* With Cai's on pair 1 left out; pair 1 alone. */
	sos_scale_spread(r, n, 1, 5, HDAY_NONE, &sp);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.median2, 20);
	/* No meeting, 06-02: 2 and 8: median 5 (x2 = 10). */
	sos_scale_spread(r, n, 0, 0, dt("2026-06-02"), &sp);
	assert_int_equal(sp.n, 2);
	assert_int_equal(sp.lowest, 2);
	assert_int_equal(sp.highest, 8);
	assert_int_equal(sp.median2, 10);
	/* An even count with a half: 3, 4, 7, 8 is 5.5. */
	r[4].meeting_id = 5;
	r[4].rated_on = dt("2026-06-01");
	sos_scale_spread(r, n, 0, 5, HDAY_NONE, &sp);
	assert_int_equal(sp.n, 4);
	assert_int_equal(sp.median2, 11);
	/* Nobody. */
	sos_scale_spread(r, n, 0, 9, HDAY_NONE, &sp);
	assert_int_equal(sp.n, 0);
	sos_scale_spread(r, 0, 0, 0, dt("2026-06-01"), &sp);
	assert_int_equal(sp.n, 0);
}

/* ------------------------------------------------------------ voice */

#define DOB "2015-05-01"

static struct voice_work
three_houses(void)
{
	struct voice_work v;

	memset(&v, 0, sizeof(v));
	v.child_id = CHILD;
	v.kind = VOICE_THREE_HOUSES;
	v.made_on = dt("2026-06-02");
	set(v.made_with, sizeof(v.made_with), "Sam (social worker)");
	set(v.good, sizeof(v.good), "My dog Biscuit. Gran's pancakes.");
	set(v.worries, sizeof(v.worries), "When Dad shouts.");
	set(v.dreams, sizeof(v.dreams), "Everyone at the park together.");
	v.shared_parents_on = v.agreed_on = v.shared_child_on = HDAY_NONE;
	return v;
}

static struct voice_work
words_pictures(void)
{
	struct voice_work v;

	memset(&v, 0, sizeof(v));
	v.child_id = CHILD;
	v.kind = VOICE_WORDS_PICTURES;
	v.made_on = dt("2026-06-02");
	set(v.explanation, sizeof(v.explanation), "Mum and Dad were "
	    "shouting and Dad pushed Mum. Sam's job is to help everyone be "
	    "safe.");
	v.shared_parents_on = dt("2026-06-05");
	v.agreed_on = dt("2026-06-08");
	v.shared_child_on = dt("2026-06-12");
	return v;
}

typedef void (*voice_mod)(struct voice_work *);

static void v_none(struct voice_work *v) { (void)v; }
static void v_one_house(struct voice_work *v) { v->good[0] = 0;
	v->dreams[0] = 0; }
static void v_no_one(struct voice_work *v) { v->made_with[0] = 0; }
static void v_birthday(struct voice_work *v) { v->made_on = dt(DOB); }
static void v_today(struct voice_work *v) { v->made_on = dt(TODAY); }
static void v_not_shared(struct voice_work *v) {
	v->shared_parents_on = v->agreed_on = v->shared_child_on = HDAY_NONE; }
static void v_shared_only(struct voice_work *v) {
	v->agreed_on = v->shared_child_on = HDAY_NONE; }
static void v_not_agreed(struct voice_work *v) { v->agreed_on = HDAY_NONE; }
static void v_same_day(struct voice_work *v) {
	v->shared_parents_on = v->agreed_on = v->shared_child_on =
	v->made_on; }

static void v_no_house(struct voice_work *v) { v->good[0] = 0;
	v->worries[0] = 0; v->dreams[0] = 0; }
static void v_before_birth(struct voice_work *v) {
	v->made_on = dt("2015-04-30"); }
static void v_future(struct voice_work *v) { v->made_on = dt("2026-07-01"); }
static void v_no_date(struct voice_work *v) { v->made_on = HDAY_NONE; }
static void v_bad_kind(struct voice_work *v) { v->kind = VOICE__COUNT; }
static void v_houses_explained(struct voice_work *v) {
	set(v->explanation, 8, "Why."); }
static void v_houses_shared(struct voice_work *v) {
	v->shared_parents_on = dt("2026-06-03"); }
static void v_with_lines(struct voice_work *v) {
	set(v->made_with, 20, "Sam\nJo"); }
static void v_no_explanation(struct voice_work *v) {
	v->explanation[0] = 0; }
static void v_wp_houses(struct voice_work *v) { set(v->good, 8, "Dog"); }
static void v_shared_before_made(struct voice_work *v) {
	v->shared_parents_on = dt("2026-06-01"); }
static void v_agreed_before_shared(struct voice_work *v) {
	v->agreed_on = dt("2026-06-04"); }
static void v_agreed_unshared(struct voice_work *v) {
	v->shared_parents_on = HDAY_NONE; v->shared_child_on = HDAY_NONE; }
static void v_child_before_agreed(struct voice_work *v) {
	v->shared_child_on = dt("2026-06-07"); }
static void v_child_before_shared(struct voice_work *v) {
	v->agreed_on = HDAY_NONE; v->shared_child_on = dt("2026-06-04"); }
static void v_child_before_made(struct voice_work *v) {
	v->shared_parents_on = v->agreed_on = HDAY_NONE;
	v->shared_child_on = dt("2026-06-01"); }
static void v_child_future(struct voice_work *v) {
	v->shared_child_on = dt("2026-07-02"); }

struct voice_case {
	const char *name;
	bool words;		/* Words and Pictures, else Three Houses */
	voice_mod mod;
	const char *field;
	const char *msg;
};

static const struct voice_case voice_valid[] = {
	{ "three houses", false, v_none, NULL, NULL },
	{ "one house", false, v_one_house, NULL, NULL },
	{ "nobody named", false, v_no_one, NULL, NULL },
	{ "on the birthday", false, v_birthday, NULL, NULL },
	{ "today", false, v_today, NULL, NULL },
	{ "words and pictures", true, v_none, NULL, NULL },
	{ "not shared yet", true, v_not_shared, NULL, NULL },
	{ "shared with parents only", true, v_shared_only, NULL, NULL },
	{ "shared with the child, not agreed", true, v_not_agreed, NULL,
	    NULL },
	{ "all on one day", true, v_same_day, NULL, NULL },
};

static const struct voice_case voice_invalid[] = {
	{ "no house", false, v_no_house, "good", "at least one of the houses" },
	{ "before birth", false, v_before_birth, "made_on",
	    "before the child was born" },
	{ "tomorrow", false, v_future, "made_on", "in the future" },
	{ "no date", false, v_no_date, "made_on", "Enter the date it was done" },
	{ "no kind", false, v_bad_kind, "kind", "Three Houses or Words" },
	{ "houses with an explanation", false, v_houses_explained,
	    "explanation", "belong to Words and Pictures" },
	{ "houses shared", false, v_houses_shared, "explanation",
	    "belong to Words and Pictures" },
	{ "made with on two lines", false, v_with_lines, "made_with",
	    "control character" },
	{ "no explanation", true, v_no_explanation, "explanation",
	    "Write the explanation" },
	{ "pictures with houses", true, v_wp_houses, "good",
	    "belong to Three Houses" },
	{ "shared before it was written", true, v_shared_before_made,
	    "shared_parents_on", "before the date it was written" },
	{ "agreed before it was shared", true, v_agreed_before_shared,
	    "agreed_on", "before it was shared with them" },
	{ "agreed, never shared", true, v_agreed_unshared, "agreed_on",
	    "shared with the parents before" },
	{ "with the child before agreed", true, v_child_before_agreed,
	    "shared_child_on", "before the parents agreed it" },
	{ "with the child before the parents", true, v_child_before_shared,
	    "shared_child_on", "before it was shared with the parents" },
	{ "with the child before written", true, v_child_before_made,
	    "shared_child_on", "before the date it was written" },
	{ "with the child tomorrow", true, v_child_future, "shared_child_on",
	    "in the future" },
};

static void
test_voice_check(void **state)
{
	struct voice_work v;
	struct hdiag d;

	(void)state;
	for (size_t i = 0; i < NELEM(voice_valid); i++) {
		v = voice_valid[i].words ? words_pictures() : three_houses();
		voice_valid[i].mod(&v);
		hdiag_clear(&d);
		if (voice_work_check(&v, dt(DOB), dt(TODAY), &d) != HERR_OK)
			fail_msg("valid \"%s\" refused: %s: %s",
			    voice_valid[i].name, d.field, d.msg);
	}
	for (size_t i = 0; i < NELEM(voice_invalid); i++) {
		enum herr e;

		v = voice_invalid[i].words ? words_pictures() : three_houses();
		voice_invalid[i].mod(&v);
		hdiag_clear(&d);
		e = voice_work_check(&v, dt(DOB), dt(TODAY), &d);
		if (e != HERR_INVALID || strcmp(d.field,
		    voice_invalid[i].field) != 0 || strstr(d.msg,
		    voice_invalid[i].msg) == NULL)
			fail_msg("invalid \"%s\": %s %s: \"%s\", want %s: "
			    "\"...%s...\"", voice_invalid[i].name, herr_str(e),
			    d.field, d.msg, voice_invalid[i].field,
			    voice_invalid[i].msg);
	}
	/* An unborn child (no date of birth) has no lower bound. */
	v = three_houses();
	v.made_on = dt("2001-01-01");
	assert_int_equal(voice_work_check(&v, HDAY_NONE, dt(TODAY), &d),
	    HERR_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_map_check),
		cmocka_unit_test(test_map_warnings),
		cmocka_unit_test(test_map_lifecycle),
		cmocka_unit_test(test_rating_check),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_series_cap),
		cmocka_unit_test(test_spread),
		cmocka_unit_test(test_voice_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
