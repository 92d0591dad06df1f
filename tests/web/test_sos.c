/*
 * test_sos.c: Signs of Safety on the child's record, through its real
 * pages over HTTP: the map and its versions, the safety scales with their
 * chart and table, and the child's voice.
 *
 * The allocated social worker starts a map from the record and changes
 * it: each save is a new version, the old one still readable as it was,
 * with an audit row; a form started from a version someone else has since
 * replaced is refused (409) naming who saved first, keeping what was
 * typed; problems are named field by field with the text kept; more than
 * three danger statements is warned about and still saved; jargon in a
 * danger statement is flagged in plain language, never blocked.  Ratings
 * from several people appear in the SVG chart and in the table beside it;
 * a second rating by one person on one day is refused.  Words and Pictures
 * dates out of order are refused; its dates are updated with a version
 * check.  Access: someone with no relationship gets the 404 of a missing
 * child on every route, byte for byte; a partner agency with a share may
 * look but not change anything (403), and nothing is written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "journey_seed.h"
#include "store/store_sos.h"
#include "core/banned.h"

#define NO_SUCH_CHILD 987654321LL
#define FIELDS 420

/* ------------------------------------------------------------ helpers */

/* A form being filled in: names and values typed over the page's. */
struct fb {
	const char *n[FIELDS];
	const char *v[FIELDS];
	int k;
};

static void
fb_add(struct fb *f, const char *name, const char *value)
{
	for (int i = 0; i < f->k; i++)
		if (strcmp(f->n[i], name) == 0) {
			f->v[i] = h_strdup(value);
			return;
		}
	if (f->k >= FIELDS)
		fail_msg("fb_add: too many fields");
	f->n[f->k] = h_strdup(name);
	f->v[f->k] = h_strdup(value);
	f->k++;
}

/* A GOV.UK date input: "2026-01-05" as NAME-day, NAME-month, NAME-year. */
static void
fb_date(struct fb *f, const char *name, const char *iso)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
		fail_msg("fb_date: %s", iso);
	fb_add(f, h_printf("%s-day", name), h_printf("%d", d));
	fb_add(f, h_printf("%s-month", name), h_printf("%d", m));
	fb_add(f, h_printf("%s-year", name), h_printf("%d", y));
}

static bool
fb_has(const struct fb *f, const char *name)
{
	for (int i = 0; i < f->k; i++)
		if (strcmp(f->n[i], name) == 0)
			return true;
	return false;
}

/* Every control a browser would send of the form posting to `action` in
 * html (the harness's reader stops at 64; a map has hundreds). */
static int
read_form(const char *html, const char *action, const char **n,
    const char **v, int cap)
{
	const char *want = h_printf("action=\"%s\"", action);
	const char *form = strstr(html, want), *close, *p;
	struct hfield fld;
	int k = 0;

	if (form == NULL)
		return -1;
	close = strstr(form, "</form>");
	p = strchr(form, '>');
	while (p != NULL && p < close && k < cap) {
		const char *t = strchr(p, '<');

		if (t == NULL || t >= close)
			break;
		if (strncmp(t, "<input", 6) == 0 || strncmp(t, "<textarea", 9)
		    == 0 || strncmp(t, "<select", 7) == 0) {
			if (html_control(t, close, &fld, &p)) {
				n[k] = fld.name;
				v[k++] = fld.value;
			}
		} else
			p = t + 1;
	}
	return k;
}

/* Post the form of the last page (action `action`) as a browser would,
 * with f's fields typed over it.  Returns the status. */
static long
post_page_form(struct agent *a, const char *action, struct fb *f)
{
	static const char *n[FIELDS + 40], *v[FIELDS + 40];
	int k, m = 0;

	k = read_form(a->body.p, action, n, v, FIELDS);
	if (k < 0)
		fail_msg("no form posting to %s:\n%.2000s", action, h_shown(a));
	for (int i = 0; i < k; i++)
		if (!fb_has(f, n[i])) {
			n[m] = n[i];
			v[m++] = v[i];
		}
	for (int i = 0; i < f->k; i++) {
		n[m] = f->n[i];
		v[m++] = f->v[i];
	}
	return post_formv(a, action, m, n, v);
}

/* Open `page` and post its form to `action` with f typed in. */
static long
submit(struct agent *a, const char *page, const char *action, struct fb *f)
{
	get(a, "%s", page);
	expect_status(a, 200);
	return post_page_form(a, action, f);
}

static long long
id_after(const char *loc, const char *prefix)
{
	size_t n = strlen(prefix);

	if (loc == NULL || strncmp(loc, prefix, n) != 0)
		fail_msg("\"%s\" does not start with \"%s\"", loc ? loc :
		    "(none)", prefix);
	return strtoll(loc + n, NULL, 10);
}

static struct agent *
sw(void)
{
	return agent_as(h_username("social_worker"));
}

static const char *
P(long long child, const char *tail)
{
	return h_printf("/children/%lld/%s", child, tail);
}

/* A new child, added by the social worker (and so allocated to them). */
static long long
new_child(const char *given, const char *family)
{
	static int seq;
	struct agent *a = sw();
	struct fb f = { 0 };

	fb_add(&f, "la_child_id", h_printf("SS%d%04d", (int)(getpid() %
	    1000), ++seq));
	fb_add(&f, "given_name", given);
	fb_add(&f, "family_name", family);
	fb_add(&f, "birth_date", "2018-05-01");
	fb_add(&f, "expected_birth_date", "");
	fb_add(&f, "sex", "F");
	fb_add(&f, "ethnicity", "WBRI");
	fb_add(&f, "upn", "");
	fb_add(&f, "upn_unknown", "UN1");
	submit(a, "/children/new", "/children", &f);
	expect_status(a, 303);
	return id_after(agent_header(a, "Location"), "/children/");
}

static long long
audit_rows(long long child, const char *action, const char *route)
{
	return sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_kind = "
	    "'child' AND subject_id = %lld AND action = %s AND route = %s",
	    child, sql_quote(action), sql_quote(route));
}

static long long
maps_of(long long child)
{
	return sql_int(H.db, "SELECT count(*) FROM sos_map_child WHERE "
	    "child_id = %lld", child);
}

/* The fields of danger statement `i` (from 1). */
static void
fb_pair(struct fb *f, int i, const char *danger)
{
	fb_add(f, h_printf("pair_%d_danger", i), danger);
	fb_add(f, h_printf("pair_%d_who", i), "The school and the social "
	    "worker");
	fb_add(f, h_printf("pair_%d_view", i), "agrees");
	fb_add(f, h_printf("pair_%d_goal_agency", i), "Mum and Dad sort out "
	    "arguments calmly, away from the children.");
	fb_add(f, h_printf("pair_%d_goal_family", i), "We talk things "
	    "through when the children are in bed.");
	fb_add(f, h_printf("pair_%d_sustain", i), "for 6 months");
}

/* A first map (or a new version) saved from the edit page. */
static long long
save_map(long long c, const char *harm, int pairs)
{
	struct agent *a = sw();
	struct fb f = { 0 };

	fb_add(&f, "harm_1", harm);
	fb_add(&f, "strength_1", "Gran collects the children from school "
	    "every day.");
	fb_add(&f, "safety_1", "Mum took the children to Gran's the night "
	    "it happened.");
	fb_add(&f, "complicating_1", "Dad works nights.");
	for (int i = 1; i <= pairs; i++)
		fb_pair(&f, i, h_printf("The school and the social worker are "
		    "worried that if the shouting goes on (worry %d), the "
		    "children could be hurt.", i));
	fb_add(&f, "step_1_what", "Meet with Gran to start a safety plan");
	fb_add(&f, "step_1_who", "Sam (social worker)");
	fb_date(&f, "step_1_by", "2027-01-15");
	submit(a, P(c, "map/edit"), P(c, "map/edit"), &f);
	expect_redirect(a, P(c, "map?saved=map"));
	return sql_int(H.db, "SELECT max(map_id) FROM sos_map_child WHERE "
	    "child_id = %lld", c);
}

/* ------------------------------------------------------------ the map */

static void
test_map_versions(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Amelia", "Mapworth"), m1, m2;

	(void)state;
	/* The record offers to start the map; nothing yet. */
	get(a, "/children/%lld", c);
	expect_status(a, 200);
	expect_body_has(a, "id=\"signs-of-safety\"");
	expect_body_has(a, "No map has been made yet.");
	expect_body_has(a, P(c, "map/edit"));
	get(a, "%s", P(c, "map"));
	expect_status(a, 200);
	expect_body_has(a, "No Signs of Safety map has been made");
	assert_int_equal(audit_rows(c, "view", h_printf("GET /children/%lld/"
	    "map", c)), 1);

	m1 = save_map(c, "In May Dad pushed Mum into the kitchen door while "
	    "Amelia watched.", 1);
	assert_true(m1 > 0);
	assert_int_equal(maps_of(c), 1);
	assert_int_equal(audit_rows(c, "create", h_printf("POST /children/"
	    "%lld/map/edit", c)), 1);
	assert_string_equal(sql(H.db, "SELECT family_view || '|' || "
	    "who_worried || '|' || sustain FROM sos_pair WHERE map_id = %lld",
	    m1), "agrees|The school and the social worker|for 6 months");
	assert_string_equal(sql(H.db, "SELECT by_date || '|' || who FROM "
	    "sos_step WHERE map_id = %lld", m1), "2027-01-15|Sam (social "
	    "worker)");
	get(a, "%s", P(c, "map?saved=map"));
	expect_status(a, 200);
	expect_body_has(a, "The map has been saved as a new version");
	expect_body_has(a, "What are we worried about?");
	expect_body_has(a, "What's working well?");
	expect_body_has(a, "What needs to happen?");
	expect_body_has(a, "Dad pushed Mum into the kitchen door");
	expect_body_has(a, "Gran collects the children");
	expect_body_has(a, "Danger statement 1");
	expect_body_has(a, "The family agrees");
	expect_body_has(a, "We talk things through");

	/* A new version, prefilled from the first; the first stays. */
	get(a, "%s", P(c, "map/edit"));
	expect_status(a, 200);
	expect_body_has(a, "Dad pushed Mum into the kitchen door");
	assert_string_equal(html_field(a->body.p, "expected"),
	    h_printf("%lld", m1));
	m2 = save_map(c, "In June Dad threw a plate.", 1);
	assert_true(m2 > m1);
	assert_int_equal(maps_of(c), 2);
	assert_int_equal(sql_int(H.db, "SELECT previous_id FROM sos_map WHERE "
	    "id = %lld", m2), m1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_item WHERE "
	    "map_id = %lld AND text LIKE 'In May%%'", m1), 1);
	get(a, "%s", P(c, "map"));
	expect_body_has(a, "In June Dad threw a plate.");
	expect_body_lacks(a, "In May Dad pushed");
	expect_body_has(a, P(c, h_printf("map/%lld", m1)));
	get(a, "%s", P(c, h_printf("map/%lld", m1)));
	expect_status(a, 200);
	expect_body_has(a, "In May Dad pushed Mum");
	expect_body_has(a, "an earlier version of the map");
	expect_body_has(a, "Saved by");
	assert_int_equal(audit_rows(c, "view", h_printf("GET /children/%lld/"
	    "map/%lld", c, m1)), 1);
	/* A version of another child's map is not this child's. */
	get(a, "%s", P(new_child("Other", "Mapless"), h_printf("map/%lld",
	    m1)));
	expect_status(a, 404);
	/* The record's section, in short. */
	get(a, "/children/%lld", c);
	expect_body_has(a, "Worry:");
	expect_body_has(a, "(worry 1)");
	expect_body_has(a, "Change the map");
}

/* A form opened before someone else saved is refused, naming them, with
 * what was typed kept; saving again is then a choice. */
static void
test_map_conflict(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Connor", "Clash"), m1, m2;
	long long tm = h_staff_id(h_username("team_manager"));
	const char *tm_name = sql(H.db, "SELECT given_name || ' ' || "
	    "family_name FROM staff WHERE id = %lld", tm);
	struct journey_ctx cx;
	struct sos_map *m;
	struct hdiag d;
	struct fb f = { 0 };
	long long before;

	(void)state;
	m1 = save_map(c, "Connor was left alone overnight.", 1);
	get(a, "%s", P(c, "map/edit"));
	expect_status(a, 200);
	/* Meanwhile the team manager saves a version of their own. */
	js_open();
	m = sos_map_new();
	assert_int_equal(store_map_get(js_st, m1, m), HERR_OK);
	memset(&cx, 0, sizeof(cx));
	cx.today = js_today();
	cx.by = tm;
	cx.now = (int64_t)time(NULL);
	assert_int_equal(store_begin(js_st), HERR_OK);
	hdiag_clear(&d);
	JS_OK("record_map_save", record_map_save(js_st, m, m1, &cx, NULL, &d),
	    d);
	assert_int_equal(store_commit(js_st), HERR_OK);
	m2 = m->id;
	sos_map_free(m);
	js_close();
	before = maps_of(c);
	fb_add(&f, "harm_1", "Connor was left alone for two nights.");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_status(a, 409);
	expect_body_has(a, "There is a problem");
	expect_body_has(a, h_printf("%s saved a newer version of the map",
	    tm_name));
	expect_body_has(a, "Connor was left alone for two nights.");
	assert_int_equal(maps_of(c), before);
	assert_string_equal(html_field(a->body.p, "expected"),
	    h_printf("%lld", m2));
	/* Saving again, knowing, is accepted. */
	memset(&f, 0, sizeof(f));
	post_page_form(a, P(c, "map/edit"), &f);
	expect_redirect(a, P(c, "map?saved=map"));
	assert_int_equal(maps_of(c), before + 1);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_item i JOIN "
	    "sos_map_child mc ON mc.map_id = i.map_id WHERE mc.child_id = %lld "
	    "AND i.text = 'Connor was left alone for two nights.'", c), 1);
}

/* Problems are named field by field, with the text kept, and nothing is
 * saved. */
static void
test_map_errors(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Erin", "Errorfield");
	struct fb f = { 0 };

	(void)state;
	fb_add(&f, "harm_1", "Erin was found alone in the park at night.");
	fb_add(&f, "pair_1_danger", "We are worried Erin could get lost or "
	    "hurt.");
	fb_add(&f, "pair_1_goal_agency", "An adult always knows where Erin "
	    "is.");
	fb_add(&f, "pair_2_who", "The police");
	fb_add(&f, "step_1_what", "Visit the family");
	fb_add(&f, "step_1_who", "Sam");
	submit(a, P(c, "map/edit"), P(c, "map/edit"), &f);
	expect_status(a, 422);
	expect_body_has(a, "<title>Error: ");
	expect_body_has(a, "govuk-error-summary");
	expect_body_has(a, "Enter the date next step 1 will be done by");
	expect_body_has(a, "href=\"#step_1_by\"");
	expect_body_has(a, "Erin was found alone in the park at night.");
	expect_body_has(a, "We are worried Erin could get lost or hurt.");
	assert_int_equal(maps_of(c), 0);
	/* With the date: the core names the missing "who is worried". */
	fb_date(&f, "step_1_by", "2027-02-01");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_status(a, 422);
	expect_body_has(a, "Say who is worried");
	expect_body_has(a, "href=\"#pair_1_who\"");
	expect_body_has(a, "An adult always knows where Erin is.");
	assert_int_equal(maps_of(c), 0);
	/* A goal with no danger statement. */
	fb_add(&f, "pair_1_who", "The police");
	fb_add(&f, "pair_2_goal_family", "We will keep Erin close.");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_status(a, 422);
	expect_body_has(a, "href=\"#pair_2_danger\"");
	expect_body_has(a, "that safety goal 2 answers");
	assert_int_equal(maps_of(c), 0);
	/* A field the form never sends. */
	fb_add(&f, "pair_2_goal_family", "");
	fb_add(&f, "pair_2_who", "");
	fb_add(&f, "is_admin", "1");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_status(a, 400);
	assert_int_equal(maps_of(c), 0);
	/* A conference that is not about the child. */
	get(a, "%s", P(c, "map/edit?meeting=987654"));
	expect_status(a, 404);
}

/* Four danger statements: a warning, and the map is saved. */
static void
test_map_warns(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Wanda", "Warnley"), m;

	(void)state;
	/* A first map shows three empty pairs; a fourth comes next time. */
	m = save_map(c, "Wanda was hit with a belt.", 3);
	get(a, "%s", P(c, "map?saved=map"));
	expect_body_lacks(a, "govuk-warning-text");
	get(a, "%s", P(c, "map/edit"));
	expect_body_has(a, "name=\"pair_6_danger\"");
	expect_body_lacks(a, "name=\"pair_7_danger\"");
	m = save_map(c, "Wanda was hit with a belt.", 4);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_pair WHERE "
	    "map_id = %lld", m), 4);
	get(a, "%s", P(c, "map?saved=map"));
	expect_body_has(a, "govuk-warning-text");
	expect_body_has(a, "There are 4 danger statements");
	get(a, "%s", P(c, "map/edit"));
	expect_body_has(a, "There are 4 danger statements");
	expect_body_has(a, "name=\"pair_7_danger\"");
}

/* Jargon in a danger statement is flagged with a plain alternative after
 * saving and when the form comes back with errors; never blocked. */
static void
test_plain_flags(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Priya", "Plainword");
	struct fb f = { 0 };

	(void)state;
	fb_add(&f, "harm_1", "Mum was hit by Dad in front of Priya.");
	fb_pair(&f, 1, "Social care is worried about domestic violence and "
	    "neglect.");
	fb_add(&f, "pair_1_who", "");
	submit(a, P(c, "map/edit"), P(c, "map/edit"), &f);
	expect_status(a, 422);
	expect_body_has(a, "Plain language: ");
	expect_body_has(a, "to look at in danger statement 1");
	expect_body_has(a, "&#39;domestic violence&#39; - try:");
	fb_add(&f, "pair_1_who", "Social care");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_redirect(a, P(c, "map?saved=map"));
	assert_int_equal(maps_of(c), 1);
	get(a, "%s", P(c, "map?saved=map"));
	expect_body_has(a, "to look at in danger statement 1");
	expect_body_has(a, "&#39;neglect&#39; - try:");
	/* Not on an ordinary view. */
	get(a, "%s", P(c, "map"));
	expect_body_lacks(a, "Plain language: ");
}

/* ------------------------------------------------------------ scales */


static void
rating_row(struct fb *f, int i, const char *kind, const char *name,
    const char *agency, const char *value, const char *reason)
{
	fb_add(f, h_printf("rating_%d_kind", i), kind);
	fb_add(f, h_printf("rating_%d_rater", i), name);
	fb_add(f, h_printf("rating_%d_agency", i), agency);
	fb_add(f, h_printf("rating_%d_value", i), value);
	fb_add(f, h_printf("rating_%d_reason", i), reason);
}

/* A family's map: a brother living with the child can be covered too;
 * it is then his latest map as well, and both are audited. */
static void
test_family_map(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Fern", "Familyton");
	long long b = new_child("Felix", "Familyton"), m;
	struct household hh;
	struct hdiag d;
	struct fb f = { 0 };

	(void)state;
	js_open();
	memset(&hh, 0, sizeof(hh));
	snprintf(hh.name, sizeof(hh.name), "Familyton household");
	hdiag_clear(&d);
	JS_OK("record_household_add", record_household_add(js_st, &hh, &d), d);
	JS_OK("member", record_household_member_add(js_st, hh.id, c,
	    js_today() - 100, HDAY_NONE, &d), d);
	JS_OK("member", record_household_member_add(js_st, hh.id, b,
	    js_today() - 100, HDAY_NONE, &d), d);
	js_close();
	get(a, "%s", P(c, "map/edit"));
	expect_status(a, 200);
	expect_body_has(a, "A family map: which other children is it about?");
	expect_body_has(a, h_printf("name=\"children\" id=\"children\" "
	    "value=\"%lld\"", b));
	fb_add(&f, "children", h_printf("%lld", b));
	fb_add(&f, "harm_1", "Both children saw Dad hit Mum.");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_redirect(a, P(c, "map?saved=map"));
	m = sql_int(H.db, "SELECT max(map_id) FROM sos_map_child WHERE "
	    "child_id = %lld", c);
	assert_int_equal(sql_int(H.db, "SELECT max(map_id) FROM sos_map_child "
	    "WHERE child_id = %lld", b), m);
	assert_int_equal(audit_rows(b, "create", h_printf("POST /children/"
	    "%lld/map/edit", c)), 1);
	get(a, "%s", P(b, "map"));
	expect_status(a, 200);
	expect_body_has(a, "Both children saw Dad hit Mum.");
	expect_body_has(a, "A family map, also about");
	expect_body_has(a, "Fern Familyton");
	/* A child not offered is refused. */
	memset(&f, 0, sizeof(f));
	get(a, "%s", P(c, "map/edit"));
	fb_add(&f, "children", h_printf("%lld", new_child("Stray", "Kid")));
	get(a, "%s", P(c, "map/edit"));
	post_page_form(a, P(c, "map/edit"), &f);
	expect_status(a, 422);
	expect_body_has(a, "Choose the children from the list");
}

/* A map and ratings worked through at a conference say so. */
static void
test_at_conference(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Cora", "Conferton"), mt, m;
	struct fb f = { 0 };

	(void)state;
	sql_all(H.db, "INSERT INTO meeting (kind, date, minute, place, "
	    "booked_at) VALUES ('icpc', '2026-03-02', 600, 'Civic Centre', 1)");
	mt = sql_int(H.db, "SELECT max(id) FROM meeting");
	sql_all(H.db, "INSERT INTO meeting_child (meeting_id, seq, child_id) "
	    "VALUES (%lld, 0, %lld)", mt, c);
	get(a, "%s", P(c, h_printf("map/edit?meeting=%lld", mt)));
	expect_status(a, 200);
	expect_body_has(a, "worked through at the Initial child protection "
	    "conference, 2 March 2026");
	assert_string_equal(html_field(a->body.p, "made_on-month"), "3");
	fb_add(&f, "harm_1", "Cora was left alone.");
	post_page_form(a, P(c, "map/edit"), &f);
	expect_redirect(a, P(c, "map?saved=map"));
	m = sql_int(H.db, "SELECT max(map_id) FROM sos_map_child WHERE "
	    "child_id = %lld", c);
	assert_int_equal(sql_int(H.db, "SELECT meeting_id FROM sos_map WHERE "
	    "id = %lld", m), mt);
	assert_string_equal(sql(H.db, "SELECT made_on FROM sos_map WHERE id = "
	    "%lld", m), "2026-03-02");
	get(a, "%s", P(c, "map"));
	expect_body_has(a, "Worked through at");
	/* Ratings at it: the conference and its date come selected. */
	memset(&f, 0, sizeof(f));
	get(a, "%s", P(c, h_printf("scales?meeting=%lld", mt)));
	expect_status(a, 200);
	assert_string_equal(html_field(a->body.p, "meeting"),
	    h_printf("%lld", mt));
	rating_row(&f, 1, "parent", "Mum", "", "4", "Calmer.");
	post_page_form(a, P(c, "scales"), &f);
	expect_redirect(a, P(c, "scales?saved=ratings"));
	assert_string_equal(sql(H.db, "SELECT meeting_id || '|' || rated_on "
	    "FROM sos_rating WHERE child_id = %lld", c), h_printf("%lld|"
	    "2026-03-02", mt));
	/* Another child's conference is not offered, nor accepted. */
	get(a, "%s", P(new_child("Nora", "Nomeet"), h_printf("map/edit?"
	    "meeting=%lld", mt)));
	expect_status(a, 404);
}

static void
test_scales(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Sasha", "Scaleby");
	struct fb f = { 0 };
	long long n;
	const char *svg;

	(void)state;
	save_map(c, "Sasha was found with bruises on her arm.", 2);
	get(a, "%s", P(c, "scales"));
	expect_status(a, 200);
	expect_body_has(a, "No one has given a rating on this scale yet.");
	expect_body_has(a, "Add ratings");
	/* Three people at once, some months ago. */
	fb_add(&f, "pair", "0");
	fb_date(&f, "rated_on", "2026-01-12");
	rating_row(&f, 1, "parent", "Amy (mum)", "", "3", "Dad still visits "
	    "at night.");
	rating_row(&f, 2, "professional", "PC Lee", "Police", "5", "No call "
	    "outs since March.");
	rating_row(&f, 3, "network", "Gran", "", "6", "I see Sasha every "
	    "day.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_redirect(a, P(c, "scales?saved=ratings"));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_rating WHERE "
	    "child_id = %lld", c), 3);
	assert_int_equal(audit_rows(c, "create", h_printf("POST /children/"
	    "%lld/scales", c)), 1);
	assert_string_equal(sql(H.db, "SELECT agency FROM sos_rating WHERE "
	    "child_id = %lld AND rater = 'PC Lee'", c), "Police");
	/* Mum again later: a trajectory. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "pair", "0");
	fb_date(&f, "rated_on", "2026-02-16");
	rating_row(&f, 1, "parent", "Amy (mum)", "", "7", "Dad has moved "
	    "out.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_redirect(a, P(c, "scales?saved=ratings"));
	/* And one on the second danger statement. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "pair", "2");
	fb_date(&f, "rated_on", "2026-02-16");
	rating_row(&f, 1, "child", "Sasha", "", "8", "I feel safe now.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_redirect(a, P(c, "scales?saved=ratings"));
	get(a, "%s", P(c, "scales?saved=ratings"));
	expect_status(a, 200);
	expect_body_has(a, "Ratings saved");
	/* The chart: SVG with a title and description, no inline style. */
	svg = strstr(a->body.p, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"100%\" role=\"img\"");
	if (svg == NULL)
		fail_msg("no chart:\n%.3000s", h_shown(a));
	expect_body_has(a, "<title id=\"chart-0-title\">Overall safety scale"
	    "</title>");
	expect_body_has(a, "<desc id=\"chart-0-desc\">");
	expect_body_has(a, "given by 3 people between 12 January 2026 and 16 "
	    "February 2026");
	expect_body_has(a, "aria-labelledby=\"chart-0-title chart-0-desc\"");
	expect_body_lacks(a, " style=");
	expect_body_lacks(a, "<script");
	/* Gridlines at 0, 5 and 10, a legend with shapes, every person. */
	expect_body_has(a, ">Safety rating, 0 to 10</text>");
	expect_body_has(a, "Amy (mum): parent or carer");
	expect_body_has(a, "PC Lee: professional, Police");
	expect_body_has(a, "Gran: safety network");
	expect_body_has(a, "(square marker)");
	expect_body_has(a, "<polyline");
	/* The table carries the same figures. */
	expect_body_has(a, "Overall safety scale: every rating</caption>");
	expect_body_has(a, "Dad still visits at night.");
	expect_body_has(a, "No call outs since March.");
	expect_body_has(a, "<td class=\"govuk-table__cell govuk-table__cell--"
	    "numeric\">7</td>");
	expect_body_has(a, "Latest (16 February 2026): one person rated this "
	    "7.");
	/* The second danger statement has its own chart. */
	expect_body_has(a, "<title id=\"chart-2-title\">Safety scale for "
	    "danger statement 2</title>");
	expect_body_has(a, "I feel safe now.");
	/* The same person twice on one day is refused; nothing saved. */
	n = sql_int(H.db, "SELECT count(*) FROM sos_rating WHERE child_id = "
	    "%lld", c);
	memset(&f, 0, sizeof(f));
	fb_add(&f, "pair", "0");
	fb_date(&f, "rated_on", "2026-01-12");
	rating_row(&f, 1, "network", "Uncle Jo", "", "5", "Better.");
	rating_row(&f, 2, "professional", "pc lee", "Police", "4", "Again.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_status(a, 422);
	expect_body_has(a, "pc lee has already given a rating for this scale "
	    "on 2026-01-12");
	expect_body_has(a, "href=\"#rating_2_rater\"");
	expect_body_has(a, "Uncle Jo");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_rating WHERE "
	    "child_id = %lld", c), n);
	/* A professional without an agency; a row without a number. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "pair", "0");
	rating_row(&f, 1, "professional", "Dr Patel", "", "5", "Healthy.");
	rating_row(&f, 2, "parent", "Ben (dad)", "", "", "Fine.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_status(a, 422);
	expect_body_has(a, "Select the rating person 2 gave, from 0 to 10");
	memset(&f, 0, sizeof(f));
	fb_add(&f, "pair", "0");
	rating_row(&f, 1, "professional", "Dr Patel", "", "5", "Healthy.");
	submit(a, P(c, "scales"), P(c, "scales"), &f);
	expect_status(a, 422);
	expect_body_has(a, "Enter the professional&#39;s agency");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_rating WHERE "
	    "child_id = %lld", c), n);
	/* The record shows the overall chart too. */
	get(a, "/children/%lld", c);
	expect_body_has(a, "<title id=\"record-scale-title\">Overall safety "
	    "scale</title>");
}

/* ------------------------------------------------------------ voice */

static void
test_voice(void **state)
{
	struct agent *a = sw();
	long long c = new_child("Violet", "Voiceman"), v;
	struct fb f = { 0 };
	const char *page;

	(void)state;
	fb_date(&f, "made_on", "2026-02-02");
	fb_add(&f, "made_with", "Sam (social worker)");
	fb_add(&f, "good", "My dog Biscuit.");
	fb_add(&f, "worries", "When Dad shouts.");
	fb_add(&f, "dreams", "A trip to the sea.");
	submit(a, P(c, "voice/new?kind=three-houses"), P(c, "voice/new"), &f);
	expect_redirect(a, h_printf("/children/%lld?saved=three-houses"
	    "#signs-of-safety", c));
	get(a, "/children/%lld?saved=three-houses", c);
	expect_body_has(a, "Three Houses saved");
	expect_body_has(a, "Three Houses");
	assert_int_equal(audit_rows(c, "create", h_printf("POST /children/"
	    "%lld/voice/new", c)), 1);
	v = sql_int(H.db, "SELECT id FROM voice_work WHERE child_id = %lld",
	    c);
	get(a, "%s", P(c, h_printf("voice/%lld", v)));
	expect_status(a, 200);
	expect_body_has(a, "When Dad shouts.");
	expect_body_lacks(a, "Sharing and agreement");
	/* Words and Pictures with its dates out of order. */
	memset(&f, 0, sizeof(f));
	fb_date(&f, "made_on", "2026-02-02");
	fb_add(&f, "explanation", "Mum and Dad were shouting and Dad pushed "
	    "Mum. Sam's job is to help everyone be safe.");
	fb_date(&f, "shared_parents_on", "2026-02-05");
	fb_date(&f, "agreed_on", "2026-02-04");
	submit(a, P(c, "voice/new?kind=words-pictures"), P(c, "voice/new"),
	    &f);
	expect_status(a, 422);
	expect_body_has(a, "before it was shared with them");
	expect_body_has(a, "href=\"#agreed_on\"");
	expect_body_has(a, "Sam&#39;s job is to help everyone be safe.");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM voice_work WHERE "
	    "child_id = %lld AND kind = 'words-pictures'", c), 0);
	fb_date(&f, "agreed_on", "2026-02-06");
	post_page_form(a, P(c, "voice/new"), &f);
	expect_redirect(a, h_printf("/children/%lld?saved=words-pictures"
	    "#signs-of-safety", c));
	v = sql_int(H.db, "SELECT id FROM voice_work WHERE child_id = %lld AND "
	    "kind = 'words-pictures'", c);
	/* Its dates, with the version seen. */
	page = P(c, h_printf("voice/%lld", v));
	memset(&f, 0, sizeof(f));
	fb_date(&f, "shared_child_on", "2026-02-01");
	submit(a, page, page, &f);
	expect_status(a, 422);
	expect_body_has(a, "before the parents agreed it");
	fb_date(&f, "shared_child_on", "2026-02-09");
	post_page_form(a, page, &f);
	expect_redirect(a, h_printf("%s?saved=voice-dates", page));
	assert_string_equal(sql(H.db, "SELECT shared_child_on || '|' || "
	    "version FROM voice_work WHERE id = %lld", v), "2026-02-09|2");
	assert_int_equal(audit_rows(c, "edit", h_printf("POST %s", page)), 1);
	/* A stale version. */
	memset(&f, 0, sizeof(f));
	fb_add(&f, "version", "1");
	fb_date(&f, "shared_child_on", "2026-02-10");
	submit(a, page, page, &f);
	expect_status(a, 409);
	expect_body_has(a, "saved a change to this");
	assert_string_equal(sql(H.db, "SELECT shared_child_on FROM voice_work "
	    "WHERE id = %lld", v), "2026-02-09");
	/* An unknown kind. */
	get(a, "%s", P(c, "voice/new?kind=fairy-wizard"));
	expect_status(a, 404);
}

/* ------------------------------------------------------------ access */

static const char *const routes[] = {
	"map", "map/edit", "map/%M", "scales", "voice/new?kind=three-houses",
	"voice/%V",
};

static const char *
route_for(const char *r, long long child, long long map, long long voice)
{
	const char *s = strstr(r, "%M") ? h_printf("map/%lld", map) :
	    strstr(r, "%V") ? h_printf("voice/%lld", voice) : r;

	return h_printf("/children/%lld/%s", child, s);
}

static const char *
no_query(const char *path)
{
	const char *q = strchr(path, '?');

	return q != NULL ? h_strndup(path, (size_t)(q - path)) : path;
}

/* A child with a map, a rating and direct work. */
static void
full_child(long long *c, long long *map, long long *voice)
{
	struct agent *a = sw();
	struct fb f = { 0 };

	*c = new_child("Zoe", "Everypage");
	*map = save_map(*c, "Zoe was hurt.", 1);
	fb_add(&f, "pair", "0");
	rating_row(&f, 1, "parent", "Mum", "", "4", "Getting better.");
	submit(a, P(*c, "scales"), P(*c, "scales"), &f);
	expect_status(a, 303);
	memset(&f, 0, sizeof(f));
	fb_add(&f, "explanation", "Why Sam visits.");
	submit(a, P(*c, "voice/new?kind=words-pictures"), P(*c, "voice/new"),
	    &f);
	expect_status(a, 303);
	*voice = sql_int(H.db, "SELECT id FROM voice_work WHERE child_id = "
	    "%lld", *c);
}

static void
test_no_relationship_is_404(void **state)
{
	long long c, map, voice, before;
	struct h_user *u;
	struct agent *o;
	char *agency, *want, *csrf;
	size_t wlen;

	(void)state;
	full_child(&c, &map, &voice);
	agency = sql(H.db, "SELECT a.name FROM agency a JOIN staff s ON "
	    "s.agency_id = a.id WHERE s.username = %s",
	    sql_quote(h_username("social_worker")));
	u = h_add_user("sos.outsider", "social_worker", agency, NULL);
	o = agent_as(u->username);
	csrf = agent_session_csrf(o);
	before = sql_int(H.db, "SELECT count(*) FROM audit WHERE subject_id = "
	    "%lld AND username = %s", c, sql_quote(u->username));
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		const char *path = route_for(routes[i], c, map, voice);
		const char *none = route_for(routes[i], NO_SUCH_CHILD, map,
		    voice);
		long st;

		get(o, "%s", none);
		expect_status(o, 404);
		expect_body_has(o, "Signed in as");
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		get(o, "%s", path);
		if (o->status != 404 || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("GET %s answered %ld, not the 404 of a missing "
			    "child:\n%.1500s", path, o->status, h_shown(o));
		post_form(o, no_query(none), "csrf", csrf, NULL);
		st = o->status;
		wlen = o->body.len;
		want = h_strndup(o->body.p, wlen);
		assert_true(st == 404 || st == 405);
		post_form(o, no_query(path), "csrf", csrf, NULL);
		if (o->status != st || o->body.len != wlen ||
		    memcmp(o->body.p, want, wlen) != 0)
			fail_msg("POST %s answered %ld, not the %ld of a "
			    "missing child:\n%.1500s", path, o->status, st,
			    h_shown(o));
	}
	/* Nothing of the child was shown to them or recorded as seen. */
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND username = %s", c,
	    sql_quote(u->username)), before);
	/* The record's own page says nothing either. */
	get(o, "/children/%lld", c);
	expect_status(o, 404);
}

/* A partner agency with a share may look, not change. */
static void
test_partner_cannot_change(void **state)
{
	const char *user = h_username("partner_practitioner");
	struct agent *p = agent_as(user);
	long long agency = sql_int(H.db, "SELECT agency_id FROM staff WHERE "
	    "username = %s", sql_quote(user));
	long long c, map, voice, rows;
	const char *csrf;

	(void)state;
	full_child(&c, &map, &voice);
	sql_all(H.db, "INSERT INTO record_share (child_id, agency_id, "
	    "start_date, reason) VALUES (%lld, %lld, " H_TODAY ", "
	    "'Conference: police share')", c, agency);
	get(p, "/children/%lld", c);
	expect_status(p, 200);
	expect_body_has(p, "Signs of Safety");
	expect_body_lacks(p, P(c, "map/edit"));
	expect_body_lacks(p, "voice/new");
	get(p, "%s", P(c, "map"));
	expect_status(p, 200);
	expect_body_has(p, "Zoe was hurt.");
	expect_body_lacks(p, "Change the map");
	get(p, "%s", P(c, h_printf("map/%lld", map)));
	expect_status(p, 200);
	get(p, "%s", P(c, "scales"));
	expect_status(p, 200);
	expect_body_has(p, "Getting better.");
	expect_body_lacks(p, "Add ratings");
	get(p, "%s", P(c, h_printf("voice/%lld", voice)));
	expect_status(p, 200);
	expect_body_lacks(p, "Sharing and agreement");
	get(p, "%s", P(c, "map/edit"));
	expect_status(p, 403);
	get(p, "%s", P(c, "voice/new?kind=three-houses"));
	expect_status(p, 403);
	rows = sql_int(H.db, "SELECT (SELECT count(*) FROM sos_map_child WHERE "
	    "child_id = %lld) + (SELECT count(*) FROM sos_rating WHERE "
	    "child_id = %lld) + (SELECT sum(version) FROM voice_work WHERE "
	    "child_id = %lld)", c, c, c);
	csrf = agent_session_csrf(p);
	post_form(p, P(c, "map/edit"), "csrf", csrf, "harm_1", "x",
	    "rows_harm", "1", NULL);
	expect_status(p, 403);
	post_form(p, P(c, "scales"), "csrf", csrf, "pair", "0",
	    "rating_1_kind", "parent", "rating_1_rater", "X",
	    "rating_1_value", "2", "rating_1_reason", "x", NULL);
	expect_status(p, 403);
	post_form(p, P(c, "voice/new"), "csrf", csrf, "kind", "three-houses",
	    "good", "x", NULL);
	expect_status(p, 403);
	post_form(p, P(c, h_printf("voice/%lld", voice)), "csrf", csrf,
	    "version", "1", NULL);
	expect_status(p, 403);
	assert_int_equal(sql_int(H.db, "SELECT (SELECT count(*) FROM "
	    "sos_map_child WHERE child_id = %lld) + (SELECT count(*) FROM "
	    "sos_rating WHERE child_id = %lld) + (SELECT sum(version) FROM "
	    "voice_work WHERE child_id = %lld)", c, c, c), rows);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND username = %s AND action IN ('create', "
	    "'edit')", c, sql_quote(user)), 0);
	/* Their views were recorded. */
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND username = %s AND action = 'view'", c,
	    sql_quote(user)) >= 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		H_TEST(test_map_versions),
		H_TEST(test_map_conflict),
		H_TEST(test_map_errors),
		H_TEST(test_map_warns),
		H_TEST(test_plain_flags),
		H_TEST(test_family_map),
		H_TEST(test_at_conference),
		H_TEST(test_scales),
		H_TEST(test_voice),
		H_TEST(test_no_relationship_is_404),
		H_TEST(test_partner_cannot_change),
	};

	return H_RUN(tests, h_setup);
}
