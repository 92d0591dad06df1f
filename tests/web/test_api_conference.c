/*
 * test_api_conference.c: Signs of Safety and conferences as meetings
 * through the JSON API (src/api/api_sos.c, src/api/api_meeting.c) over
 * real HTTP: map revisions with their warnings and plain-language flags,
 * safety scale ratings, the child's direct work, and one initial
 * conference from booking to feedback, with a partner agency writing
 * their own report and seeing nothing else, and the refusals (400 for
 * shape, 422 naming the field, 409 on a stale version, 404 for anyone
 * with no route to the meeting, the same bytes as a missing one).
 *
 * Beside the demo authority (journey_seed.h): a team with a social worker
 * (apic.sw) whose children are Tegan and her brother Rhodri (born 2015,
 * so 10 or older: an advocate must be offered); a social worker of
 * another team (apic.other); a CP chair (apic.chair) with no allocation;
 * two partner practitioners of one partner agency (apic.nurse, invited
 * by name, and apic.teacher of another agency, never invited).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "api_client.h"
#include "journey_seed.h"
#include "core/banned.h"

static struct {
	bool done;
	int64_t team, other_team;
	int64_t sw, other, chair, nurse, teacher;
	int64_t health_agency;
	int64_t tegan, rhodri;
	int64_t meeting;
	int64_t invitee_nurse, invitee_school;
} F;

static void
expect_refused(struct agent *a, long want, const char *field)
{
	expect_api(a, want);
	if (field != NULL && strncmp(error_field(a), field, strlen(field)) !=
	    0)
		fail_msg("the problem names \"%s\", expected \"%s\":\n%s",
		    error_field(a), field, body(a));
}

static long
child_post(struct agent *a, int64_t child, const char *rest, json_t *v)
{
	return call(a, "POST", h_printf("/api/v1/children/%lld/%s",
	    (long long)child, rest), v);
}

static long
meeting_post(struct agent *a, const char *rest, json_t *v)
{
	return call(a, "POST", h_printf("/api/v1/meetings/%lld/%s",
	    (long long)F.meeting, rest), v);
}

static json_t *
meeting_get(struct agent *a)
{
	call(a, "GET", h_printf("/api/v1/meetings/%lld",
	    (long long)F.meeting), NULL);
	expect_api(a, 200);
	return jbody(a);
}

/* ------------------------------------------------------------ fixture */

/* Child `child` through referral, strategy discussion and an s47 that
 * ended in a conference, `back` working days ago. */
static void
to_conference(struct agent *a, int64_t child, int back)
{
	hday r = js_wd(-back);
	long long ep, v, sd, s47;
	json_t *o;

	child_post(a, child, "referrals", J("{s:s, s:s, s:s}",
	    "referral_date", js_date(r), "referral_source", "3E",
	    "primary_need", "N1"));
	expect_api(a, 201);
	o = jbody(a);
	ep = jint(o, "id");
	v = jint(o, "version");
	child_post(a, child, h_printf("episodes/%lld/decision", ep),
	    J("{s:I, s:s, s:s}", "version", (json_int_t)v, "decision",
	    "strategy", "decision_date", js_date(r)));
	expect_api(a, 200);
	child_post(a, child, "strategy-discussions", J("{s:I, s:s, s:b, "
	    "s:[{s:s, s:s}]}", "episode_id", (json_int_t)ep, "held_date",
	    js_date(js_add(r, 1)), "s47", 1, "people", "name",
	    "DC Rhys Morgan", "agency", "Police"));
	expect_api(a, 201);
	sd = jint(jbody(a), "id");
	child_post(a, child, "s47", J("{s:I, s:I, s:s}", "episode_id",
	    (json_int_t)ep, "strategy_id", (json_int_t)sd, "start_date",
	    js_date(js_add(r, 1))));
	expect_api(a, 201);
	s47 = jint(jbody(a), "id");
	child_post(a, child, h_printf("s47/%lld/outcome", s47), J("{s:I, "
	    "s:s, s:s}", "version", (json_int_t)1, "outcome", "conference",
	    "outcome_date", js_date(js_add(r, 3))));
	expect_api(a, 200);
}

static void
fixture(void)
{
	char *agency;

	if (F.done)
		return;
	js_open();
	F.team = js_team("API Conference Team");
	F.other_team = js_team("API Conference Other Team");
	js_close();
	F.sw = js_user("apic.sw", "social_worker", F.team, "Carys", "Apiconf");
	F.other = js_user("apic.other", "social_worker", F.other_team, "Owain",
	    "Apiconf");
	F.chair = js_user("apic.chair", "cp_chair", 0, "Bethan", "Chair");
	agency = sql(H.db, "SELECT name FROM agency WHERE kind = 'health' "
	    "ORDER BY id LIMIT 1");
	assert_non_null(agency);
	F.health_agency = sql_int(H.db, "SELECT id FROM agency WHERE name = "
	    "%s", sql_quote(agency));
	h_add_user("apic.nurse", "partner_practitioner", agency, NULL);
	F.nurse = h_staff_id("apic.nurse");
	agency = sql(H.db, "SELECT name FROM agency WHERE kind = 'education' "
	    "ORDER BY id LIMIT 1");
	assert_non_null(agency);
	h_add_user("apic.teacher", "partner_practitioner", agency, NULL);
	F.teacher = h_staff_id("apic.teacher");
	js_open();
	F.tegan = js_child("AC0001", "Tegan", "Apiconf", F.sw);
	F.rhodri = js_child("AC0002", "Rhodri", "Apiconf", F.sw);
	js_close();
	F.done = true;
}

/* ------------------------------------------------------------ tests */

static json_t *
pair(const char *danger, const char *goal)
{
	return J("{s:s, s:s, s:s, s:s, s:s, s:s}", "danger", danger,
	    "who_worried", "The school and the social worker", "family_view",
	    "disputes", "family_says", "Mum says the flat is fine most days",
	    "goal_agency", goal, "goal_family", "We will be up in time");
}

/* Map revisions: a new one each save, the old kept, a stale one 409,
 * warnings and plain-language flags given back, nothing refused for
 * them; a pair without a goal refused. */
static void
test_map(void **state)
{
	struct agent *a, *other;
	json_t *o, *map;
	long long first, second;

	(void)state;
	fixture();
	a = as("apic.sw");
	child_post(a, F.tegan, "map", J("{s:n, s:s, s:[s], s:[{s:s, s:s}]}",
	    "expected", "made_on", js_date(js_wd(-2)), "harm",
	    "Tegan came to school hungry on 12 days this term", "pairs",
	    "danger", "Tegan will go hungry", "who_worried", "School"));
	expect_refused(a, 422, "pairs[0]");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_map_child "
	    "WHERE child_id = %lld", (long long)F.tegan), 0);
	child_post(a, F.tegan, "map", J("{s:n, s:s, s:[s], s:[o], s:[s]}",
	    "expected", "made_on", js_date(js_wd(-2)), "harm",
	    "Tegan came to school hungry on 12 days this term", "pairs",
	    pair("The school is worried about neglect: Tegan could go "
	    "hungry and miss school", "Tegan will have breakfast every "
	    "school day for 3 months"), "strengths", "Mum walks Tegan to "
	    "school when she is well"));
	expect_api(a, 201);
	o = jbody(a);
	map = json_object_get(o, "map");
	first = jint(map, "id");
	assert_int_equal(json_array_size(json_object_get(o, "warnings")), 0);
	/* "neglect" is flagged, with where it is. */
	assert_non_null(strstr(body(a), "\"text\":\"neglect\""));
	assert_non_null(strstr(body(a), "\"field\":\"pairs[0].danger\""));
	assert_string_equal(jstr_of(json_array_get(json_object_get(map,
	    "pairs"), 0), "family_view"), "disputes");
	/* Starting from nothing again is stale now. */
	child_post(a, F.tegan, "map", J("{s:n, s:s, s:[o]}", "expected",
	    "made_on", js_date(js_wd(-1)), "pairs", pair("Tegan could go "
	    "hungry", "Tegan eats breakfast")));
	expect_api(a, 409);
	/* Four pairs: saved, with the warning. */
	child_post(a, F.tegan, "map", J("{s:I, s:s, s:[o, o, o, o]}",
	    "expected", (json_int_t)first, "made_on", js_date(js_wd(-1)),
	    "pairs", pair("Tegan could go hungry", "Tegan eats breakfast"),
	    pair("Tegan could miss school", "Tegan goes to school"),
	    pair("Tegan could be left alone at night", "An adult is home"),
	    pair("Tegan could be hurt by strangers in the flat",
	    "Only people Tegan knows come round")));
	expect_api(a, 201);
	o = jbody(a);
	second = jint(json_object_get(o, "map"), "id");
	assert_true(second > first);
	assert_int_equal(json_array_size(json_object_get(o, "warnings")), 1);
	/* Both revisions are kept; the latest is shown. */
	call(a, "GET", h_printf("/api/v1/children/%lld/map",
	    (long long)F.tegan), NULL);
	expect_api(a, 200);
	o = jbody(a);
	assert_int_equal(jint(json_object_get(o, "map"), "id"), second);
	assert_int_equal(json_array_size(json_object_get(o, "revisions")), 2);
	call(a, "GET", h_printf("/api/v1/children/%lld/map/%lld",
	    (long long)F.tegan, first), NULL);
	expect_api(a, 200);
	assert_int_equal(json_array_size(json_object_get(jbody(a), "pairs")),
	    1);
	/* Another child's revision is not this child's. */
	call(a, "GET", h_printf("/api/v1/children/%lld/map/%lld",
	    (long long)F.rhodri, first), NULL);
	expect_api(a, 404);
	/* Someone with no relationship: the bytes of a missing child. */
	other = as("apic.other");
	call(other, "GET", h_printf("/api/v1/children/%lld/map",
	    (long long)F.tegan), NULL);
	expect_api(other, 404);
	{
		char *seen = h_strndup(other->body.p, other->body.len);

		call(other, "GET", "/api/v1/children/99999999/map", NULL);
		expect_api(other, 404);
		assert_string_equal(seen, h_strndup(other->body.p,
		    other->body.len));
	}
}

/* Ratings: several people, each with a reason; a second rating by one
 * person on one day refused; out of range refused. */
static void
test_ratings(void **state)
{
	struct agent *a;
	const char *day = js_date(js_wd(-1));

	(void)state;
	fixture();
	a = as("apic.sw");
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:i, s:s}",
	    "rated_on", day, "rater_kind", "parent", "rater", "Lowri (mum)",
	    "value", 7, "reason", "We have a plan for mornings now"));
	expect_api(a, 201);
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:s, s:i, s:s}",
	    "rated_on", day, "rater_kind", "professional", "rater",
	    "Carys Apiconf", "agency", "Children's services", "value", 3,
	    "reason", "It is early days"));
	expect_api(a, 201);
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:i, s:s}",
	    "rated_on", day, "rater_kind", "professional", "rater", "PC Lee",
	    "value", 4, "reason", "No call-outs this month"));
	expect_refused(a, 422, "agency");
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:i, s:s}",
	    "rated_on", day, "rater_kind", "parent", "rater", "lowri (MUM)",
	    "value", 8, "reason", "Again"));
	expect_api(a, 422);
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:i, s:s}",
	    "rated_on", day, "rater_kind", "child", "rater", "Rhodri",
	    "value", 11, "reason", "Fine"));
	expect_refused(a, 422, "value");
	child_post(a, F.rhodri, "ratings", J("{s:s, s:s, s:s, s:i}",
	    "rated_on", day, "rater_kind", "child", "rater", "Rhodri",
	    "value", 6));
	expect_refused(a, 422, "reason");
	call(a, "GET", h_printf("/api/v1/children/%lld/ratings",
	    (long long)F.rhodri), NULL);
	expect_api(a, 200);
	assert_int_equal(json_array_size(jbody(a)), 2);
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM sos_rating WHERE "
	    "child_id = %lld", (long long)F.rhodri), 2);
}

/* Direct work: Three Houses; Words and Pictures dates in order. */
static void
test_voice(void **state)
{
	struct agent *a;
	long long id;

	(void)state;
	fixture();
	a = as("apic.sw");
	child_post(a, F.tegan, "voice", J("{s:s, s:s, s:s, s:s}", "kind",
	    "three-houses", "made_on", js_date(js_wd(-3)), "good",
	    "My cat Smokey", "dreams", "To be a vet"));
	expect_api(a, 201);
	child_post(a, F.tegan, "voice", J("{s:s, s:s, s:s, s:s, s:s}", "kind",
	    "words-pictures", "made_on", js_date(js_wd(-5)), "explanation",
	    "Mum has been poorly and people want to help", "shared_parents_on",
	    js_date(js_wd(-2)), "agreed_on", js_date(js_wd(-4))));
	expect_refused(a, 422, "agreed_on");
	child_post(a, F.tegan, "voice", J("{s:s, s:s, s:s, s:s}", "kind",
	    "words-pictures", "made_on", js_date(js_wd(-5)), "explanation",
	    "Mum has been poorly and people want to help",
	    "shared_parents_on", js_date(js_wd(-4))));
	expect_api(a, 201);
	id = jint(jbody(a), "id");
	call(a, "POST", h_printf("/api/v1/children/%lld/voice/%lld",
	    (long long)F.tegan, id), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)7, "agreed_on", js_date(js_wd(-3)),
	    "shared_child_on", js_date(js_wd(-1))));
	expect_api(a, 409);
	call(a, "POST", h_printf("/api/v1/children/%lld/voice/%lld",
	    (long long)F.tegan, id), J("{s:I, s:s, s:s}", "version",
	    (json_int_t)1, "agreed_on", js_date(js_wd(-3)),
	    "shared_child_on", js_date(js_wd(-1))));
	expect_api(a, 200);
	assert_string_equal(jstr_of(jbody(a), "shared_child_on"),
	    js_date(js_wd(-1)));
	call(a, "GET", h_printf("/api/v1/children/%lld/voice",
	    (long long)F.tegan), NULL);
	expect_api(a, 200);
	assert_int_equal(json_array_size(jbody(a)), 2);
}

/* One ICPC for both children from booking to feedback. */
static void
test_meeting_flow(void **state)
{
	struct agent *a, *nurse, *teacher, *chair;
	hday day = js_wd(-6), sat = js_wd(-6);
	json_t *o, *inv;
	long long version, report;

	(void)state;
	fixture();
	a = as("apic.sw");
	to_conference(a, F.tegan, 30);
	to_conference(a, F.rhodri, 30);
	while (hdate_weekday(sat) != HSAT)
		sat--;
	/* 8875: never at a weekend. */
	child_post(a, F.tegan, "meetings", J("{s:s, s:s, s:s, s:s, s:I, "
	    "s:[I]}", "kind", "icpc", "date", js_date(sat), "time", "10:00",
	    "place", "Riverside family centre", "chair_id",
	    (json_int_t)F.chair, "children", (json_int_t)F.rhodri));
	expect_refused(a, 422, "date");
	child_post(a, F.tegan, "meetings", J("{s:s, s:s, s:s, s:s}", "kind",
	    "icpc", "date", js_date(day), "time", "25:00", "place", "Here"));
	expect_refused(a, 422, "time");
	child_post(a, F.tegan, "meetings", J("{s:s, s:s, s:s, s:s, s:I, "
	    "s:[I]}", "kind", "icpc", "date", js_date(day), "time", "10:00",
	    "place", "Riverside family centre", "chair_id",
	    (json_int_t)F.chair, "children", (json_int_t)F.rhodri));
	expect_api(a, 201);
	o = jbody(a);
	F.meeting = jint(o, "id");
	version = jint(o, "version");
	assert_string_equal(jstr_of(o, "status"), "booked");
	assert_int_equal(json_array_size(json_object_get(o, "children")), 2);

	/* Invitations: family, and two agencies, one with the nurse. */
	meeting_post(a, "invitees", J("{s:s, s:s, s:s, s:s}", "kind",
	    "family", "name", "Lowri Apiconf", "role", "Mother", "invited_on",
	    js_date(js_wd(-14))));
	expect_api(a, 201);
	meeting_post(a, "invitees", J("{s:s, s:s, s:s}", "kind", "agency",
	    "name", "Mrs Price", "invited_on", js_date(js_wd(-14))));
	expect_refused(a, 422, "agency");
	meeting_post(a, "invitees", J("{s:s, s:s, s:s, s:I, s:s, s:I, s:s, "
	    "s:b}", "kind", "agency", "name", "Nia Nurse", "role",
	    "School nurse", "agency_id", (json_int_t)F.health_agency, "agency",
	    "Health", "staff_id", (json_int_t)F.nurse, "invited_on",
	    js_date(js_wd(-14)), "report_expected", 1));
	expect_api(a, 201);
	meeting_post(a, "invitees", J("{s:s, s:s, s:s, s:s, s:s, s:b}",
	    "kind", "agency", "name", "Mrs Price", "role", "Head teacher",
	    "agency", "Riverside Primary", "invited_on", js_date(js_wd(-14)),
	    "report_expected", 1));
	expect_api(a, 201);
	inv = json_object_get(jbody(a), "invitees");
	assert_int_equal(json_array_size(inv), 3);
	F.invitee_nurse = jint(json_array_get(inv, 1), "id");
	F.invitee_school = jint(json_array_get(inv, 2), "id");

	/* The nurse: only this meeting, only her own report. */
	nurse = as("apic.nurse");
	o = meeting_get(nurse);
	assert_null(json_object_get(o, "views"));
	assert_null(json_object_get(o, "minutes"));
	assert_int_equal(json_array_size(json_object_get(o, "invitees")), 1);
	call(nurse, "POST", h_printf("/api/v1/meetings/%lld/reports",
	    (long long)F.meeting), J("{s:I, s:s}", "invitee_id",
	    (json_int_t)F.invitee_school, "text", "Not mine to write"));
	expect_api(nurse, 404);
	call(nurse, "POST", h_printf("/api/v1/meetings/%lld/reports",
	    (long long)F.meeting), J("{s:I, s:s}", "invitee_id",
	    (json_int_t)F.invitee_nurse, "text", "I have seen Tegan and "
	    "Rhodri four times at school. They were clean and talked about "
	    "their cat."));
	expect_api(nurse, 201);
	report = jint(jbody(nurse), "id");
	call(nurse, "GET", "/api/v1/meetings", NULL);
	expect_api(nurse, 200);
	assert_non_null(strstr(body(nurse), h_printf("\"id\":%lld",
	    (long long)F.meeting)));
	/* Nothing else for the nurse: the record, the map, other changes. */
	call(nurse, "GET", h_printf("/api/v1/children/%lld/map",
	    (long long)F.tegan), NULL);
	expect_api(nurse, 404);
	call(nurse, "POST", h_printf("/api/v1/meetings/%lld/minutes",
	    (long long)F.meeting), J("{s:I, s:s}", "version",
	    (json_int_t)version, "minutes", "Mine"));
	expect_api(nurse, 404);
	/* The teacher was never invited: a missing meeting's bytes. */
	teacher = as("apic.teacher");
	call(teacher, "GET", h_printf("/api/v1/meetings/%lld",
	    (long long)F.meeting), NULL);
	expect_api(teacher, 404);
	{
		char *seen = h_strndup(teacher->body.p, teacher->body.len);

		call(teacher, "GET", "/api/v1/meetings/99999999", NULL);
		assert_string_equal(seen, h_strndup(teacher->body.p,
		    teacher->body.len));
	}

	/* Shared with the family. */
	meeting_post(a, h_printf("reports/%lld/shared", report), J("{s:I, "
	    "s:s}", "version", (json_int_t)1, "shared_on",
	    js_date(js_wd(-9))));
	expect_api(a, 200);

	/* Participation: 10 and over need an advocate offer. */
	meeting_post(a, "participation", J("{s:I, s:I, s:s}", "version",
	    (json_int_t)version, "child_id", (json_int_t)F.tegan,
	    "participation", "attended"));
	expect_refused(a, 422, "advocate_offered_on");
	meeting_post(a, "participation", J("{s:I, s:I, s:s, s:s, s:b, s:s}",
	    "version", (json_int_t)version, "child_id", (json_int_t)F.tegan,
	    "participation", "advocate", "advocate_offered_on",
	    js_date(js_wd(-12)), "advocate_accepted", 1, "advocate",
	    "Sam from the advocacy service"));
	expect_api(a, 200);
	version = jint(jbody(a), "version");

	/* The chair, with no allocation, runs the rest. */
	chair = as("apic.chair");
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/views",
	    (long long)F.meeting), J("{s:I, s:s, s:s, s:b, s:s}", "child_id",
	    (json_int_t)F.tegan, "name", "Nia Nurse", "agency", "Health",
	    "met", 0, "reason", "The children are well cared for at school"));
	expect_api(chair, 201);
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/decision",
	    (long long)F.meeting), J("{s:I, s:s, s:[{s:I, s:s, s:s}, {s:I, "
	    "s:s}]}", "version", (json_int_t)version, "dissent", "Health did "
	    "not agree that a plan is needed", "children", "child_id",
	    (json_int_t)F.tegan, "decision", "plan", "category", "neglect",
	    "child_id", (json_int_t)F.rhodri, "decision", "plan"));
	expect_refused(chair, 422, "children[1].category");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan WHERE "
	    "child_id IN (%lld, %lld)", (long long)F.tegan,
	    (long long)F.rhodri), 0);
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/decision",
	    (long long)F.meeting), J("{s:I, s:s, s:[{s:I, s:s, s:s}, {s:I, "
	    "s:s, s:s}]}", "version", (json_int_t)version, "dissent", "Health "
	    "did not agree that a plan is needed", "children", "child_id",
	    (json_int_t)F.tegan, "decision", "plan", "category", "neglect",
	    "child_id", (json_int_t)F.rhodri, "decision", "plan", "category",
	    "neglect"));
	expect_api(chair, 200);
	o = jbody(chair);
	assert_string_equal(jstr_of(o, "status"), "held");
	assert_true(jint(o, "conference_id") > 0);
	version = jint(o, "version");
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM plan WHERE kind "
	    "= 'cp' AND end_date IS NULL AND child_id IN (%lld, %lld)",
	    (long long)F.tegan, (long long)F.rhodri), 2);

	/* The plan, in the family's words too; flags for jargon. */
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/plan",
	    (long long)F.meeting), J("{s:I, s:[{s:s, s:s}], s:[{s:i, s:s, "
	    "s:s, s:s}], s:s, s:s, s:[{s:s, s:s}]}", "version",
	    (json_int_t)version, "outcomes", "agency", "The children have "
	    "breakfast and get to school on time every day", "family", "We "
	    "will get up together and have toast", "actions", "outcome", 1,
	    "who", "Lowri", "what", "Set an alarm for 7am", "by",
	    js_date(js_wd(5)), "contingency", "If things do not change the "
	    "LAC team may be asked to help", "child_seen", "Every 2 weeks at "
	    "home, and alone at school", "core", "name", "Nia Nurse",
	    "agency", "Health"));
	expect_api(chair, 200);
	o = jbody(chair);
	version = jint(o, "version");
	assert_non_null(strstr(body(chair), "\"field\":\"contingency\""));
	assert_int_equal(sql_int(H.db, "SELECT count(*) FROM journey_person "
	    "jp JOIN plan p ON jp.owner_id = p.id AND jp.owner_kind = "
	    "'core-group' WHERE p.child_id = %lld AND jp.name = 'Nia Nurse'",
	    (long long)F.tegan), 1);
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/minutes",
	    (long long)F.meeting), J("{s:I, s:s}", "version",
	    (json_int_t)version + 5, "minutes", "We met."));
	expect_api(chair, 409);
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/minutes",
	    (long long)F.meeting), J("{s:I, s:s}", "version",
	    (json_int_t)version, "minutes", "We met at the family centre. "
	    "Lowri told us about the mornings."));
	expect_api(chair, 200);

	/* Sent, and the 72 hours counted from the conference's start. */
	for (int d = 0; d < DOC__COUNT; d++)
		for (int au = 0; au < AUD__COUNT; au++) {
			call(chair, "POST", h_printf("/api/v1/meetings/%lld/"
			    "sends", (long long)F.meeting), J("{s:s, s:s, s:s}",
			    "doc", d == 0 ? "plan" : "minutes", "audience",
			    au == 0 ? "family" : "agencies", "method",
			    "Email"));
			expect_api(chair, 201);
		}
	o = meeting_get(chair);
	assert_true(json_is_true(json_object_get(json_object_get(o,
	    "distribution"), "all_sent")));
	/* Sent today, six working days after: later than 72 hours. */
	assert_true(json_is_false(json_object_get(json_object_get(o,
	    "distribution"), "within_72_hours")));

	/* Feedback: four answers. */
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/feedback",
	    (long long)F.meeting), J("{s:s, s:[i, i, i], s:s}", "from",
	    "parent", "answers", 5, 4, 4, "given_on", js_date(js_wd(-1))));
	expect_refused(chair, 422, "answers");
	call(chair, "POST", h_printf("/api/v1/meetings/%lld/feedback",
	    (long long)F.meeting), J("{s:s, s:[i, i, i, n], s:s, s:s}",
	    "from", "parent", "answers", 5, 4, 4, "comments", "I was "
	    "listened to", "given_on", js_date(js_wd(-1))));
	expect_api(chair, 201);
	assert_int_equal(sql_int(H.db, "SELECT q1 * 1000 + q2 * 100 + q3 * 10 "
	    "+ q4 FROM meeting_feedback WHERE meeting_id = %lld",
	    (long long)F.meeting), 5440);
	/* Every change was audited against the children. */
	assert_true(sql_int(H.db, "SELECT count(*) FROM audit WHERE "
	    "subject_id = %lld AND action = 'edit' AND route LIKE "
	    "'%%/api/v1/meetings/%%'", (long long)F.rhodri) >= 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T_TEST(test_map),
		T_TEST(test_ratings),
		T_TEST(test_voice),
		T_TEST(test_meeting_flow),
	};

	return H_RUN(tests, h_setup);
}
