/*
 * test_cin.c: Children in Need episodes on their own (cin_episode_validate)
 * and beside the child's other episodes (cin_episode_fits).
 *
 * Each validation case changes one thing in a valid episode, so the field
 * diag names is the one the rule is about.  Rule numbers are the CIN census
 * validation rules cited in cin.h.  "Today" is fixed so that the cases read
 * as dates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/cin.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/person.h"
#include "core/text.h"
#include "testutil.h"
#include "core/banned.h"

#define TODAY "2025-06-30"

enum which_child {
	BORN,		/* born 2015-03-14 */
	UNBORN,		/* expected 2025-09-01 */
	DIED,		/* born 2015-03-14, died 2025-05-01 */
};

static void
make_child(struct child *c, enum which_child w)
{
	child_init(c);
	c->id = 40;
	memcpy(c->given_name, "Amara", 6);
	memcpy(c->family_name, "Okafor", 7);
	memcpy(c->ethnicity, "BAFR", 5);
	memcpy(c->la_child_id, "CH12345", 8);
	switch (w) {
	case BORN:
		c->birth_date = dt("2015-03-14");
		c->sex = 'F';
		break;
	case UNBORN:
		c->expected_birth_date = dt("2025-09-01");
		c->sex = 'U';
		break;
	case DIED:
		c->birth_date = dt("2015-03-14");
		c->death_date = dt("2025-05-01");
		c->sex = 'F';
		break;
	}
	/* The children themselves are valid (so only the episode is at
	 * fault in the cases below). */
	assert_int_equal(child_validate(c, dt(TODAY), NULL), HERR_OK);
}

/*
 * One change to the base episode (referred 2025-01-10 from A&E, 3E, for
 * abuse or neglect, N1; open).  NULL keeps the base value; "" for a date is
 * no date, for a code an empty code.
 */
struct ep_case {
	const char *what;
	enum which_child child;
	const char *ref, *source, *need;
	bool nfa;
	const char *close, *reason;
	/* invalid cases only */
	const char *field;
	const char *value;	/* diag.value, if not NULL */
	const char *msg;	/* a phrase of diag.msg, if not NULL */
};

static void
make_episode(struct cin_episode *ep, const struct ep_case *k)
{
	cin_episode_init(ep);
	ep->child_id = 40;
	ep->referral_date = dt(k->ref ? k->ref : "2025-01-10");
	assert_int_equal(text_copy(ep->referral_source,
	    sizeof(ep->referral_source), k->source ? k->source : "3E"),
	    HERR_OK);
	assert_int_equal(text_copy(ep->primary_need, sizeof(ep->primary_need),
	    k->need ? k->need : "N1"), HERR_OK);
	ep->referral_nfa = k->nfa;
	if (k->close)
		ep->closure_date = dt(k->close);
	if (k->reason)
		assert_int_equal(text_copy(ep->closure_reason,
		    sizeof(ep->closure_reason), k->reason), HERR_OK);
}

static const struct ep_case ep_valid[] = {
	{ .what = "open" },
	{ .what = "referred today", .ref = TODAY },
	{ .what = "closed the day of referral", .close = "2025-01-10",
	    .reason = "RC8" },
	{ .what = "closed today", .close = TODAY, .reason = "RC1" },
	{ .what = "closed later", .close = "2025-04-02", .reason = "RC3" },
	{ .what = "NFA without a need (8610)", .nfa = true, .need = "",
	    .close = "2025-01-10", .reason = "RC8" },
	{ .what = "NFA with a need", .nfa = true, .need = "N4",
	    .close = "2025-01-10", .reason = "RC8" },
	{ .what = "NFA closed later", .nfa = true, .need = "",
	    .close = "2025-01-14", .reason = "RC8" },
	{ .what = "unborn, referred before birth", .child = UNBORN,
	    .ref = "2025-06-01" },
	{ .what = "unborn, referred today", .child = UNBORN, .ref = TODAY },
	{ .what = "referred the day of death (8555Q)", .child = DIED,
	    .ref = "2025-05-01" },
	{ .what = "RC2 with a date of death (8585Q)", .child = DIED,
	    .close = "2025-05-01", .reason = "RC2" },
	{ .what = "RC2 closed after death", .child = DIED,
	    .close = "2025-05-20", .reason = "RC2" },
	{ .what = "other reason for a child who died", .child = DIED,
	    .close = "2025-05-20", .reason = "RC1" },
	{ .what = "referral source 10", .source = "10" },
	{ .what = "primary need N0", .need = "N0" },
	{ .what = "born long ago, referred at 10", .ref = "2025-03-14" },
};

static const struct ep_case ep_invalid[] = {
	{ .what = "no referral date", .ref = "", .field = "referral_date",
	    .msg = "missing" },
	/* 8600 */
	{ .what = "referred tomorrow (8600)", .ref = "2025-07-01",
	    .field = "referral_date", .value = "2025-07-01",
	    .msg = "2025-07-01 is in the future" },
	{ .what = "referred next year (8600)", .ref = "2026-01-10",
	    .field = "referral_date", .value = "2026-01-10" },
	{ .what = "unborn, referred tomorrow (8600)", .child = UNBORN,
	    .ref = "2025-07-01", .field = "referral_date" },
	/* 8606 (the exact boundary is its own test) */
	{ .what = "referred years before birth (8606)",
	    .ref = "2013-01-01", .field = "referral_date",
	    .value = "2013-01-01", .msg = "40 weeks" },
	{ .what = "unborn, referred a year early (8606)", .child = UNBORN,
	    .ref = "2024-08-01", .field = "referral_date",
	    .msg = "expected date of birth 2025-09-01" },
	/* 8555Q */
	{ .what = "referred the day after death (8555Q)", .child = DIED,
	    .ref = "2025-05-02", .field = "referral_date",
	    .value = "2025-05-02", .msg = "2025-05-01" },
	{ .what = "referred well after death (8555Q)", .child = DIED,
	    .ref = "2025-06-30", .field = "referral_date" },
	/* 8866 */
	{ .what = "no referral source (8866)", .source = "",
	    .field = "referral_source" },
	{ .what = "source 3G (8866)", .source = "3G",
	    .field = "referral_source", .value = "3G" },
	{ .what = "source lower case (8866)", .source = "3e",
	    .field = "referral_source", .value = "3e" },
	{ .what = "source 11 (8866)", .source = "11",
	    .field = "referral_source", .value = "11" },
	{ .what = "source 1 (8866)", .source = "1",
	    .field = "referral_source", .value = "1" },
	/* 8650, 8610 */
	{ .what = "no need, further action (8610)", .need = "",
	    .field = "primary_need" },
	{ .what = "no need, closed, not NFA (8610)", .need = "",
	    .close = "2025-02-01", .reason = "RC8", .field = "primary_need" },
	{ .what = "need N (8650)", .need = "N", .field = "primary_need",
	    .value = "N" },
	{ .what = "need lower case (8650)", .need = "n1",
	    .field = "primary_need", .value = "n1" },
	{ .what = "need NA (8650)", .need = "NA", .field = "primary_need",
	    .value = "NA" },
	{ .what = "NFA with a bad need (8650)", .nfa = true, .need = "X1",
	    .close = "2025-01-10", .reason = "RC8", .field = "primary_need",
	    .value = "X1" },
	/* 8805, 8810 */
	{ .what = "closure date without a reason (8805)",
	    .close = "2025-02-01", .field = "closure_reason" },
	{ .what = "reason without a closure date (8810)", .reason = "RC1",
	    .field = "closure_date", .msg = "RC1" },
	/* 8640 */
	{ .what = "reason R1 (8640)", .close = "2025-02-01",
	    .reason = "R1", .field = "closure_reason", .value = "R1" },
	{ .what = "reason RC0 (8640)", .close = "2025-02-01", .reason = "RC0",
	    .field = "closure_reason", .value = "RC0" },
	{ .what = "reason lower case (8640)", .close = "2025-02-01",
	    .reason = "rc1", .field = "closure_reason", .value = "rc1" },
	{ .what = "reason RC (8640)", .close = "2025-02-01", .reason = "RC",
	    .field = "closure_reason", .value = "RC" },
	/* 8630 */
	{ .what = "closed the day before referral (8630)",
	    .close = "2025-01-09", .reason = "RC1", .field = "closure_date",
	    .value = "2025-01-09",
	    .msg = "2025-01-09 is before the referral date 2025-01-10" },
	{ .what = "closed a year before referral (8630)",
	    .close = "2024-01-10", .reason = "RC1", .field = "closure_date",
	    .value = "2024-01-10" },
	/* closure in the future */
	{ .what = "closed tomorrow", .close = "2025-07-01", .reason = "RC1",
	    .field = "closure_date", .value = "2025-07-01", .msg = "future" },
	{ .what = "NFA closed tomorrow", .nfa = true, .need = "",
	    .ref = TODAY, .close = "2025-07-01", .reason = "RC8",
	    .field = "closure_date" },
	/* NFA must be closed */
	{ .what = "NFA left open", .nfa = true, .need = "",
	    .field = "closure_date", .msg = "no further action" },
	{ .what = "NFA left open with a need", .nfa = true,
	    .field = "closure_date" },
	/* 8585Q */
	{ .what = "RC2 for a living child (8585Q)", .close = "2025-02-01",
	    .reason = "RC2", .field = "closure_reason", .value = "RC2",
	    .msg = "date of death" },
	{ .what = "RC2 for an unborn child (8585Q)", .child = UNBORN,
	    .ref = "2025-06-01", .close = "2025-06-02", .reason = "RC2",
	    .field = "closure_reason", .value = "RC2" },
};

static void
test_episode_valid(void **state)
{
	struct cin_episode ep;
	struct child c;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(ep_valid); i++) {
		make_child(&c, ep_valid[i].child);
		make_episode(&ep, &ep_valid[i]);
		hdiag_clear(&d);
		if (cin_episode_validate(&ep, &c, dt(TODAY), &d) != HERR_OK)
			fail_msg("%s: refused: %s: %s", ep_valid[i].what,
			    d.field, d.msg);
		assert_string_equal(d.msg, "");
	}
}

static void
test_episode_invalid(void **state)
{
	const struct ep_case *k;
	struct cin_episode ep;
	struct child c;
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(ep_invalid); i++) {
		k = &ep_invalid[i];
		make_child(&c, k->child);
		make_episode(&ep, k);
		hdiag_clear(&d);
		if (cin_episode_validate(&ep, &c, dt(TODAY), &d) !=
		    HERR_INVALID)
			fail_msg("%s: accepted", k->what);
		if (strcmp(d.field, k->field) != 0)
			fail_msg("%s: field \"%s\", expected \"%s\" (%s)",
			    k->what, d.field, k->field, d.msg);
		if (k->value && strcmp(d.value, k->value) != 0)
			fail_msg("%s: value \"%s\", expected \"%s\"", k->what,
			    d.value, k->value);
		if (k->msg && strstr(d.msg, k->msg) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", k->what, d.msg,
			    k->msg);
		assert_int_equal(cin_episode_validate(&ep, &c, dt(TODAY),
		    NULL), HERR_INVALID);
	}
}

/*
 * 8606: "cannot be more than 280 days before" the date of birth or the
 * expected one.  Exactly 280 days (40 weeks) before is allowed; 281 is not.
 */
static void
test_episode_40_weeks(void **state)
{
	static const struct {
		const char *birth;
		bool unborn;
	} births[] = {
		{ "2025-03-01", false },
		{ "2024-02-29", false },	/* leap day */
		{ "2025-09-01", true },
		{ "2025-06-30", true },
	};
	struct cin_episode ep;
	struct child c;
	struct hdiag d;
	char b[HDATE_LEN];
	size_t i;
	hday birth;

	(void)state;
	/* 280 days before 2025-03-01 is 2024-05-25, counted by hand. */
	assert_int_equal(dt("2025-03-01") - 280, dt("2024-05-25"));
	for (i = 0; i < NELEM(births); i++) {
		birth = dt(births[i].birth);
		make_child(&c, births[i].unborn ? UNBORN : BORN);
		if (births[i].unborn)
			c.expected_birth_date = birth;
		else
			c.birth_date = birth;
		cin_episode_init(&ep);
		memcpy(ep.referral_source, "5A", 3);
		memcpy(ep.primary_need, "N1", 3);

		ep.referral_date = birth - 280;
		if (cin_episode_validate(&ep, &c, dt(TODAY), &d) != HERR_OK)
			fail_msg("%s: 280 days before refused: %s",
			    births[i].birth, d.msg);
		ep.referral_date = birth - 279;
		assert_int_equal(cin_episode_validate(&ep, &c, dt(TODAY), &d),
		    HERR_OK);

		ep.referral_date = birth - 281;
		hdiag_clear(&d);
		if (cin_episode_validate(&ep, &c, dt(TODAY), &d) !=
		    HERR_INVALID)
			fail_msg("%s: 281 days before accepted",
			    births[i].birth);
		assert_string_equal(d.field, "referral_date");
		assert_string_equal(d.value, hdate_format(birth - 281, b));
		assert_non_null(strstr(d.msg, "40 weeks"));
		assert_non_null(strstr(d.msg, births[i].birth));
		if (births[i].unborn)
			assert_non_null(strstr(d.msg, "expected date"));
		else
			assert_null(strstr(d.msg, "expected"));
	}
}

/* Every referral source, primary need and closure reason on the census
 * lists is accepted (RC2 for a child who has died). */
static void
test_episode_every_code(void **state)
{
	const struct code *list;
	struct cin_episode ep;
	struct child c;
	struct ep_case k = { .what = "code" };
	size_t i, n;

	(void)state;
	make_child(&c, DIED);
	list = codes_list(CODES_REFERRAL_SOURCE, &n);
	assert_int_equal(n, 22);
	for (i = 0; i < n; i++) {
		k.source = list[i].code;
		make_episode(&ep, &k);
		if (cin_episode_validate(&ep, &c, dt(TODAY), NULL) != HERR_OK)
			fail_msg("source %s refused", list[i].code);
	}
	k.source = NULL;
	list = codes_list(CODES_PRIMARY_NEED, &n);
	assert_int_equal(n, 10);
	for (i = 0; i < n; i++) {
		k.need = list[i].code;
		make_episode(&ep, &k);
		if (cin_episode_validate(&ep, &c, dt(TODAY), NULL) != HERR_OK)
			fail_msg("need %s refused", list[i].code);
	}
	k.need = NULL;
	k.close = "2025-02-01";
	list = codes_list(CODES_CLOSURE_REASON, &n);
	assert_int_equal(n, 9);
	for (i = 0; i < n; i++) {
		k.reason = list[i].code;
		make_episode(&ep, &k);
		if (cin_episode_validate(&ep, &c, dt(TODAY), NULL) != HERR_OK)
			fail_msg("reason %s refused", list[i].code);
	}
}

/* Codes longer than the census ever uses (N10, RC10, 10A) do not fit the
 * struct, so they are refused where the edge copies them in. */
static void
test_episode_code_sizes(void **state)
{
	struct cin_episode ep;

	(void)state;
	cin_episode_init(&ep);
	assert_int_equal(text_copy(ep.primary_need, sizeof(ep.primary_need),
	    "N10"), HERR_INVALID);
	assert_int_equal(text_copy(ep.closure_reason,
	    sizeof(ep.closure_reason), "RC10"), HERR_INVALID);
	assert_int_equal(text_copy(ep.referral_source,
	    sizeof(ep.referral_source), "10A"), HERR_INVALID);
	/* The longest real codes fit. */
	assert_int_equal(text_copy(ep.primary_need, sizeof(ep.primary_need),
	    "N9"), HERR_OK);
	assert_int_equal(text_copy(ep.closure_reason,
	    sizeof(ep.closure_reason), "RC9"), HERR_OK);
	assert_int_equal(text_copy(ep.referral_source,
	    sizeof(ep.referral_source), "10"), HERR_OK);
}

static void
test_episode_init(void **state)
{
	struct cin_episode ep;

	(void)state;
	memset(&ep, 0x5a, sizeof(ep));
	cin_episode_init(&ep);
	assert_int_equal(ep.id, 0);
	assert_int_equal(ep.referral_date, HDAY_NONE);
	assert_int_equal(ep.closure_date, HDAY_NONE);
	assert_false(ep.referral_nfa);
	assert_string_equal(ep.referral_source, "");
	assert_string_equal(ep.closure_reason, "");
	assert_true(cin_episode_is_open(&ep));
	ep.closure_date = dt("2025-01-01");
	assert_false(cin_episode_is_open(&ep));
}

/* ---- cin_episode_fits ---- */

struct span {
	int64_t id;
	const char *ref, *close;	/* close "" while open */
};

static void
make_span(struct cin_episode *ep, const struct span *s)
{
	cin_episode_init(ep);
	ep->id = s->id;
	ep->child_id = 40;
	ep->referral_date = dt(s->ref);
	memcpy(ep->referral_source, "3E", 3);
	memcpy(ep->primary_need, "N1", 3);
	ep->closure_date = dt(s->close);
	if (ep->closure_date != HDAY_NONE)
		memcpy(ep->closure_reason, "RC1", 4);
}

struct fit_case {
	const char *what;
	struct span ep;
	struct span others[3];
	int n;
	const char *field;	/* NULL: fits */
	const char *msg;	/* a phrase of diag.msg, if not NULL */
};

static const struct fit_case fit_cases[] = {
	{ "no other episodes", { 0, "2025-01-10", "" }, { { 0 } }, 0, NULL,
	    NULL },
	{ "open, after a closed one", { 0, "2025-01-10", "" },
	    { { 1, "2024-01-01", "2024-06-30" } }, 1, NULL, NULL },
	{ "open, the day after the closure", { 0, "2024-07-01", "" },
	    { { 1, "2024-01-01", "2024-06-30" } }, 1, NULL, NULL },
	{ "closed, before an open one", { 0, "2024-01-01", "2024-02-01" },
	    { { 1, "2025-01-01", "" } }, 1, NULL, NULL },
	{ "closed, the day before an open one",
	    { 0, "2024-01-01", "2024-12-31" },
	    { { 1, "2025-01-01", "" } }, 1, NULL, NULL },
	{ "closed, between two", { 0, "2024-01-01", "2024-02-01" },
	    { { 1, "2025-01-01", "" }, { 2, "2023-01-01", "2023-02-01" } },
	    2, NULL, NULL },
	{ "two NFAs on consecutive days", { 0, "2024-01-02", "2024-01-02" },
	    { { 1, "2024-01-01", "2024-01-01" } }, 1, NULL, NULL },
	/* 8820: one episode may end on the day the next is referred (the
	 * DfE's own wording), but no more overlap than that. */
	{ "referred the day the other closed",
	    { 0, "2024-03-01", "" }, { { 1, "2024-01-01", "2024-03-01" } }, 1,
	    NULL, NULL },
	{ "closed the day the other was referred",
	    { 0, "2024-01-01", "2024-03-01" },
	    { { 1, "2024-03-01", "2024-05-01" } }, 1, NULL, NULL },
	{ "closed the day an open one was referred",
	    { 0, "2024-01-01", "2024-03-01" }, { { 1, "2024-03-01", "" } },
	    1, NULL, NULL },
	{ "referred the day before the other closed",
	    { 0, "2024-02-29", "" }, { { 1, "2024-01-01", "2024-03-01" } }, 1,
	    "referral_date", "referred on 2024-01-01" },
	{ "overlapping the other's end", { 0, "2024-05-01", "2024-07-01" },
	    { { 1, "2024-01-01", "2024-06-01" } }, 1, "referral_date", NULL },
	{ "overlapping the other's start", { 0, "2023-12-01", "2024-02-01" },
	    { { 1, "2024-01-01", "2024-06-01" } }, 1, "referral_date", NULL },
	{ "inside the other", { 0, "2024-02-01", "2024-03-01" },
	    { { 1, "2024-01-01", "2024-06-01" } }, 1, "referral_date", NULL },
	{ "around the other", { 0, "2023-01-01", "2024-12-01" },
	    { { 1, "2024-01-01", "2024-06-01" } }, 1, "referral_date", NULL },
	{ "the same dates", { 0, "2024-01-01", "2024-06-01" },
	    { { 1, "2024-01-01", "2024-06-01" } }, 1, "referral_date", NULL },
	{ "two NFAs the same day", { 0, "2024-01-01", "2024-01-01" },
	    { { 1, "2024-01-01", "2024-01-01" } }, 1, "referral_date", NULL },
	{ "open, referred before a closed one",
	    { 0, "2024-01-01", "" }, { { 1, "2024-06-01", "2024-07-01" } }, 1,
	    "referral_date", NULL },
	{ "closed, after an open one started",
	    { 0, "2025-02-01", "2025-03-01" }, { { 1, "2025-01-01", "" } }, 1,
	    "referral_date", NULL },
	{ "overlaps the second of three",
	    { 0, "2024-04-30", "2024-05-02" },
	    { { 1, "2023-01-01", "2023-02-01" },
	    { 2, "2024-04-01", "2024-05-01" },
	    { 3, "2025-01-01", "" } }, 3, "referral_date",
	    "referred on 2024-04-01" },
	/* 8815: at most one open */
	{ "a second open episode", { 0, "2025-03-01", "" },
	    { { 1, "2025-01-01", "" } }, 1, "closure_date",
	    "referred 2025-01-01" },
	{ "a second open one, referred earlier", { 0, "2024-01-01", "" },
	    { { 1, "2025-01-01", "" } }, 1, "closure_date", NULL },
	/* the episode's own stored copy is skipped; id 0 never is */
	{ "its own stored copy", { 7, "2025-01-10", "" },
	    { { 7, "2025-01-10", "" } }, 1, NULL, NULL },
	{ "its own older copy, changed dates", { 7, "2025-01-10", "" },
	    { { 7, "2024-12-01", "2025-02-01" },
	    { 2, "2024-01-01", "2024-02-01" } }, 2, NULL, NULL },
	{ "its own copy and a real overlap", { 7, "2025-01-10", "" },
	    { { 7, "2025-01-10", "" }, { 8, "2025-01-01", "" } }, 2,
	    "closure_date", NULL },
	{ "new (id 0) beside another id 0", { 0, "2025-01-10", "" },
	    { { 0, "2025-01-10", "" } }, 1, "closure_date", NULL },
	{ "a different id, same dates", { 7, "2024-01-01", "2024-02-01" },
	    { { 8, "2024-01-01", "2024-02-01" } }, 1, "referral_date", NULL },
};

static void
test_fits(void **state)
{
	const struct fit_case *k;
	struct cin_episode ep, others[3];
	struct hdiag d;
	size_t i;
	int j;

	(void)state;
	for (i = 0; i < NELEM(fit_cases); i++) {
		k = &fit_cases[i];
		make_span(&ep, &k->ep);
		for (j = 0; j < k->n; j++)
			make_span(&others[j], &k->others[j]);
		hdiag_clear(&d);
		if (k->field == NULL) {
			if (cin_episode_fits(&ep, others, k->n, &d) != HERR_OK)
				fail_msg("%s: refused: %s", k->what, d.msg);
			continue;
		}
		if (cin_episode_fits(&ep, others, k->n, &d) != HERR_INVALID)
			fail_msg("%s: accepted", k->what);
		if (strcmp(d.field, k->field) != 0)
			fail_msg("%s: field \"%s\", expected \"%s\" (%s)",
			    k->what, d.field, k->field, d.msg);
		if (k->msg && strstr(d.msg, k->msg) == NULL)
			fail_msg("%s: \"%s\" lacks \"%s\"", k->what, d.msg,
			    k->msg);
		if (strcmp(k->field, "referral_date") == 0)
			assert_string_equal(d.value, k->ep.ref);
		assert_int_equal(cin_episode_fits(&ep, others, k->n, NULL),
		    HERR_INVALID);
	}
}

/* Permutation p (0..5) of three items. */
static void
permute(int p, int out[3])
{
	static const int perms[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};

	memcpy(out, perms[p], sizeof(perms[p]));
}

/*
 * The order of the others does not matter: disjoint episodes fit in every
 * order, and one overlap is found in every order.  Each of four disjoint
 * episodes is tried as the new one against the other three.
 */
static void
test_fits_any_order(void **state)
{
	static const struct span spans[4] = {
		{ 1, "2021-01-01", "2021-03-01" },
		{ 2, "2022-05-01", "2022-05-01" },	/* NFA */
		{ 3, "2023-01-01", "2023-12-31" },
		{ 4, "2024-01-01", "" },		/* open */
	};
	struct cin_episode all[4], ep, others[3];
	int p, e, j, k, order[3];

	(void)state;
	for (j = 0; j < 4; j++)
		make_span(&all[j], &spans[j]);
	for (e = 0; e < 4; e++) {
		for (p = 0; p < 6; p++) {
			permute(p, order);
			k = 0;
			for (j = 0; j < 4; j++)
				if (j != e)
					others[order[k++]] = all[j];
			if (cin_episode_fits(&all[e], others, 3, NULL) !=
			    HERR_OK)
				fail_msg("episode %d, order %d refused", e, p);
			/* As a new episode (id 0) it is its own overlap. */
			ep = all[e];
			ep.id = 0;
			others[order[0]] = all[e];
			assert_int_equal(cin_episode_fits(&ep, others, 3,
			    NULL), HERR_INVALID);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_episode_init),
		cmocka_unit_test(test_episode_code_sizes),
		cmocka_unit_test(test_episode_valid),
		cmocka_unit_test(test_episode_invalid),
		cmocka_unit_test(test_episode_40_weeks),
		cmocka_unit_test(test_episode_every_code),
		cmocka_unit_test(test_fits),
		cmocka_unit_test(test_fits_any_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
