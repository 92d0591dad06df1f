/*
 * page_meeting_run.c: the forms of a conference from the day itself on
 * (the engine and the booking forms are in page_meeting_form.c): attendance,
 * each child's participation, an agency's report and when it was shared
 * with the family, each member's view on the threshold, the chair's
 * decision, the plan, the minutes, what was sent when, and the family's
 * feedback.  The rules are meeting.h's, applied by record.h; these forms
 * only turn boxes into structs and back.
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
#include "store/store_journey.h"
#include "web/page_meeting.h"
#include "web/page_meeting_int.h"
#include "web/ui.h"
#include "core/banned.h"

/* ========================================================= attendance */

static void
att_name(char *out, size_t cap, const struct invitee *v)
{
	snprintf(out, cap, "att_%" PRId64, v->id);
}

static void
attendance_fields(struct mf *p)
{
	char n[FORM_NAME_MAX + 1];

	for (int i = 0; i < p->c.m->n_invitees; i++) {
		att_name(n, sizeof(n), &p->c.m->invitees[i]);
		form_page_field(&p->form, n, "Attendance", false, false,
		    mf_valid_code, 20);
	}
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
attendance_defaults(struct mf *p)
{
	char n[FORM_NAME_MAX + 1];

	for (int i = 0; i < p->c.m->n_invitees; i++) {
		const struct invitee *v = &p->c.m->invitees[i];

		if (v->attendance == ATTEND_NOT_RECORDED)
			continue;
		att_name(n, sizeof(n), v);
		form_page_def(&p->form, n, "%s",
		    attendance_code(v->attendance));
	}
	form_page_def_version(&p->form, p->c.m->version);
}

static void
attendance_render(struct mf *p, struct html *h)
{
	const struct meeting *m = p->c.m;
	struct ui_option opts[3];
	char n[FORM_NAME_MAX + 1], legend[420];

	opts[0] = (struct ui_option){ attendance_code(ATTEND_ATTENDED),
	    attendance_label(ATTEND_ATTENDED) };
	opts[1] = (struct ui_option){ attendance_code(ATTEND_APOLOGIES),
	    attendance_label(ATTEND_APOLOGIES) };
	opts[2] = (struct ui_option){ attendance_code(ATTEND_ABSENT),
	    attendance_label(ATTEND_ABSENT) };
	if (m->n_invitees == 0)
		ui_para(h, "No one has been invited yet.");
	else
		ui_para(h, "Record who came, who sent their apologies and who "
		    "did not come. Leave anyone you do not know about yet.");
	for (int i = 0; i < m->n_invitees; i++) {
		const struct invitee *v = &m->invitees[i];

		att_name(n, sizeof(n), v);
		snprintf(legend, sizeof(legend), "%.120s%s%.120s%s%.120s",
		    v->name, v->role[0] ? ", " : "", v->role,
		    v->agency[0] ? ", " : "", v->agency);
		form_page_radios(&p->form, h, n, legend, NULL, opts, 3);
	}
	form_page_version_hidden(&p->form, h);
}

static bool
attendance_read(struct mf *p)
{
	const struct meeting *m = p->c.m;
	char n[FORM_NAME_MAX + 1];

	for (int i = 0; i < m->n_invitees && i < MEETING_INVITEES_MAX; i++) {
		const char *v;
		int a;

		att_name(n, sizeof(n), &m->invitees[i]);
		v = form_page_val(&p->form, n);
		a = v[0] == '\0' ? ATTEND_NOT_RECORDED : attendance_parse(v);
		if (a < 0 || a >= ATTEND__COUNT) {
			form_page_problem(&p->form, n, "Select whether %s came",
			    m->invitees[i].name);
			a = ATTEND_NOT_RECORDED;
		}
		p->att[i] = (enum attendance)a;
	}
	return true;
}

static enum herr
attendance_save(struct mf *p, const struct journey_ctx *cx,
    struct hdiag *d)
{
	return record_attendance_set(p->r->st, p->c.m->id, p->att,
	    p->c.m->n_invitees, form_page_version_value(&p->form), cx, d);
}

static void
attendance_map(struct mf *p, struct hdiag *d)
{
	int k;

	if (sscanf(d->field, "attendance[%d]", &k) == 1 && k >= 0 &&
	    k < p->c.m->n_invitees)
		att_name(d->field, sizeof(d->field), &p->c.m->invitees[k]);
	else if (p->c.m->n_invitees > 0)
		att_name(d->field, sizeof(d->field), &p->c.m->invitees[0]);
}

static const struct mform attendance_form = {
	.title = "Attendance and apologies",
	.button = "Save attendance",
	.saved = "meeting-attendance",
	.anchor = "invited",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.fields = attendance_fields,
	.defaults = attendance_defaults,
	.render = attendance_render,
	.parse = attendance_read,
	.save = attendance_save,
	.map = attendance_map,
};

/* ======================================== how a child takes part */

static bool
participation_find(struct mf *p)
{
	p->idx = mc_child_index(&p->c, p->id2);
	if (p->idx < 0)
		return false;
	snprintf(p->title, sizeof(p->title), "How %.160s takes part",
	    p->c.names[p->idx]);
	return true;
}

static void
participation_fields(struct mf *p)
{
	form_page_field(&p->form, "part", "How they take part", false, false,
	    mf_valid_code, 20);
	form_page_field(&p->form, "part_note", "How, or why not", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_field(&p->form, "advocate_offered", "Advocate offered", false,
	    false, mf_valid_yesno, 3);
	form_page_date_fields(&p->form, "advocate_offered_on", "Date offered");
	form_page_field(&p->form, "advocate_accepted", "Advocate accepted",
	    false, false, mf_valid_yesno, 3);
	form_page_field(&p->form, "advocate", "The advocate's name", false,
	    false, mf_valid_line, MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
participation_defaults(struct mf *p)
{
	const struct meeting_child *c = &p->c.m->children[p->idx];

	if (c->part != PART_NOT_RECORDED)
		form_page_def(&p->form, "part", "%s",
		    participation_code(c->part));
	form_page_def(&p->form, "part_note", "%s", c->part_note);
	if (c->advocate_offered || c->advocate_offered_on != HDAY_NONE)
		form_page_def(&p->form, "advocate_offered", "%s",
		    c->advocate_offered ? "yes" :
		    "no");
	form_page_def_date(&p->form, "advocate_offered_on",
	    c->advocate_offered_on);
	if (c->advocate_offered)
		form_page_def(&p->form, "advocate_accepted", "%s",
		    c->advocate_accepted ?
		    "yes" : "no");
	form_page_def(&p->form, "advocate", "%s", c->advocate);
	form_page_def_version(&p->form, p->c.m->version);
}

static void
participation_render(struct mf *p, struct html *h)
{
	struct ui_option opts[PART__COUNT];
	const char *name = p->c.names[p->idx];
	hday dob = p->c.dobs[p->idx];
	char buf[400];
	int n = 0;

	for (int i = PART_NOT_RECORDED + 1; i < PART__COUNT; i++)
		opts[n++] = (struct ui_option){ participation_code(
		    (enum participation)i), participation_label(
		    (enum participation)i) };
	if (dob != HDAY_NONE && dob <= p->c.m->date &&
	    hdate_age_years(dob, p->c.m->date) >= MEETING_ADVOCATE_AGE) {
		snprintf(buf, sizeof(buf), "%.160s is %d on the day of the "
		    "conference. Children aged %d and over are told of their "
		    "right to an independent advocate, and the offer is "
		    "recorded here.", name, hdate_age_years(dob, p->c.m->date),
		    MEETING_ADVOCATE_AGE);
		ui_inset(h, buf);
	}
	snprintf(buf, sizeof(buf), "How does %.160s take part in the "
	    "conference?", name);
	form_page_radios(&p->form, h, "part", buf,
	    "Taking part is more than coming: a "
	    "child's views can be shared through an advocate, in writing, a "
	    "drawing, a recording or an app.", opts, n);
	form_page_textarea(&p->form, h, "part_note", "How, or why not",
	    "For example, what "
	    "they drew or who shared their views. If no view is recorded, "
	    "say why.");
	html_lit(h, "<h2 class=\"govuk-heading-m\">Independent advocate</h2>");
	snprintf(buf, sizeof(buf), "Was %.160s offered an independent "
	    "advocate?", name);
	form_page_radios(&p->form, h, "advocate_offered", buf, NULL, mf_yesno,
	    2);
	form_page_date_input(&p->form, h, "advocate_offered_on",
	    "When was the advocate "
	    "offered?", NULL);
	snprintf(buf, sizeof(buf), "Did %.160s accept?", name);
	form_page_radios(&p->form, h, "advocate_accepted", buf, NULL, mf_yesno,
	    2);
	form_page_input(&p->form, h, "advocate", "The advocate's name", NULL,
	    UI_W_20);
	form_page_version_hidden(&p->form, h);
}

static bool
participation_read(struct mf *p)
{
	struct meeting_child *c = &p->part;
	int k = participation_parse(form_page_val(&p->form, "part"));

	mf_child_blank(c, p->c.m->children[p->idx].child_id);
	if (k <= PART_NOT_RECORDED || k >= PART__COUNT)
		form_page_problem(&p->form, "part", "Select how %s takes part",
		    p->c.names[p->idx]);
	else
		c->part = (enum participation)k;
	text_trim(c->part_note, sizeof(c->part_note), form_page_val(&p->form,
	    "part_note"));
	if (strlen(form_page_val(&p->form,
	    "part_note")) > MEETING_TEXT_MAX + 100)
		form_page_problem(&p->form, "part_note",
		    "Write up to %d characters",
		    MEETING_TEXT_MAX);
	c->advocate_offered = strcmp(form_page_val(&p->form,
	    "advocate_offered"), "yes") == 0;
	if (c->advocate_offered)
		(void)form_page_date_value(&p->form, "advocate_offered_on",
		    "the date the "
		    "advocate was offered", true, &c->advocate_offered_on);
	c->advocate_accepted = strcmp(form_page_val(&p->form,
	    "advocate_accepted"), "yes") ==
	    0;
	if (c->advocate_accepted && !c->advocate_offered)
		form_page_problem(&p->form, "advocate_offered",
		    "Select yes if the advocate was "
		    "offered and accepted");
	text_trim(c->advocate, sizeof(c->advocate), form_page_val(&p->form,
	    "advocate"));
	return true;
}

static enum herr
participation_save(struct mf *p, const struct journey_ctx *cx,
    struct hdiag *d)
{
	return record_participation_set(p->r->st, p->c.m->id, &p->part,
	    form_page_version_value(&p->form), cx, d);
}

static void
participation_map(struct mf *p, struct hdiag *d)
{
	if (strcmp(d->field, "child_id") == 0)
		text_cut(d->field, sizeof(d->field), "part");
	else if (strcmp(d->field, "advocate_offered_on") == 0 &&
	    strcmp(form_page_val(&p->form, "advocate_offered"), "yes") != 0)
		text_cut(d->field, sizeof(d->field), "advocate_offered");
}

static const struct mform participation_form = {
	.title = "How the child takes part",
	.button = "Save",
	.saved = "meeting-participation",
	.anchor = "children",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.find = participation_find,
	.fields = participation_fields,
	.defaults = participation_defaults,
	.render = participation_render,
	.parse = participation_read,
	.save = participation_save,
	.map = participation_map,
};

/* ===================================================== agency reports */

#define REPORT_PARTS ((MEETING_REPORT_MAX + PART_MAX - 1) / PART_MAX)

static bool
report_find(struct mf *p)
{
	const struct meeting *m = p->c.m;
	const struct agency_report *rp;
	const struct invitee *v;

	p->idx = mc_invitee_index(m, p->id2);
	if (p->idx < 0 || m->invitees[p->idx].kind != INVITEE_AGENCY)
		return false;
	v = &m->invitees[p->idx];
	/* Their own agency's report, or anyone who runs the conference. */
	if (p->c.level != MC_RUN && !(p->idx < MEETING_INVITEES_MAX &&
	    p->c.own[p->idx])) {
		if (p->c.level == MC_VIEW) {
			web_forbidden(p->r, p->w, "Only the agency, the "
			    "children's social worker, their team manager or "
			    "the chair can write this report.");
			p->answered = true;
		}
		return false;
	}
	memset(&p->rep, 0, sizeof(p->rep));
	p->rep.invitee_id = v->id;
	p->rep.shared_on = HDAY_NONE;
	p->audit = AUDIT_CREATE;
	if ((rp = mc_report_for(m, v->id)) != NULL) {
		p->rep = *rp;
		p->audit = AUDIT_EDIT;
		if (rp->shared_on != HDAY_NONE ||
		    m->status != MEETING_BOOKED)
			p->readonly = true;
	} else if (m->status != MEETING_BOOKED)
		p->readonly = true;
	snprintf(p->title, sizeof(p->title), "The report from %.160s",
	    v->agency[0] ? v->agency : v->name);
	if (p->c.level == MC_PARTNER)
		snprintf(p->back, sizeof(p->back), "/conferences/%" PRId64
		    "#your-report", m->id);
	p->parts = REPORT_PARTS;
	return true;
}

static void
report_fields(struct mf *p)
{
	mf_parts_fields(p, "text", "The report", p->parts);
	form_page_field(&p->form, "parts", "Parts", false, false,
	    form_page_valid_digits, 2);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
report_defaults(struct mf *p)
{
	(void)mf_def_parts(p, "text", p->rep.text, p->parts);
	form_page_def_version(&p->form, p->rep.id > 0 ? p->rep.version : 0);
}

static void
report_render(struct mf *p, struct html *h)
{
	const struct invitee *v = &p->c.m->invitees[p->idx];
	char d[40], when[60], buf[400];

	if (p->rep.id > 0) {
		snprintf(buf, sizeof(buf), "Submitted %s.%s%s", mp_when(
		    p->rep.submitted_at, when, sizeof(when)),
		    p->rep.shared_on != HDAY_NONE ? " Shared with the family "
		    "on " : "", p->rep.shared_on != HDAY_NONE ?
		    ui_date_long(p->rep.shared_on, d, sizeof(d)) : "");
		ui_para(h, buf);
	}
	if (p->readonly) {
		if (p->rep.id > 0) {
			ui_inset(h, p->rep.shared_on != HDAY_NONE ? "This "
			    "report has been shared with the family, so it can "
			    "no longer be changed." : "The conference is no "
			    "longer booked, so the report can no longer be "
			    "changed.");
			mp_paras(h, p->rep.text);
		} else
			ui_para(h, "The conference is no longer booked, so a "
			    "report can no longer be written.");
		return;
	}
	snprintf(buf, sizeof(buf), "For %.120s%s%.120s. The report is shared "
	    "with the family before the conference: write it in plain words "
	    "they will understand, about what you have seen and heard.",
	    v->name, v->role[0] ? ", " : "", v->role);
	ui_para(h, buf);
	mf_parts_render(p, h, "text", "The report", "What your agency knows "
	    "about the children and family, what is working well, what you "
	    "are worried about, and what you think needs to happen.", true);
	form_page_version_hidden(&p->form, h);
}

static bool
report_parse(struct mf *p)
{
	char *t = mf_joined(p, "text", p->parts);

	if (t[0] == '\0')
		form_page_problem(&p->form, "text", "Write the report");
	else if (strlen(t) > MEETING_REPORT_MAX)
		form_page_problem(&p->form, "text",
		    "The report must be %d characters or fewer",
		    MEETING_REPORT_MAX);
	else
		text_cut(p->rep.text, sizeof(p->rep.text), t);
	free(t);
	return true;
}

static enum herr
report_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_report_submit(p->r->st, p->c.m->id, &p->rep,
	    form_page_version_value(&p->form), cx, d);
}

static void
report_map(struct mf *p, struct hdiag *d)
{
	(void)p;
	if (strcmp(d->field, "invitee_id") == 0 || strcmp(d->field, "id") == 0)
		text_cut(d->field, sizeof(d->field), "text");
}

static const struct mform report_form = {
	.title = "Agency report",
	.button = "Save the report",
	.saved = "meeting-report",
	.anchor = "reports",
	.audit = AUDIT_CREATE,
	.need = MC_PARTNER,
	.find = report_find,
	.fields = report_fields,
	.defaults = report_defaults,
	.render = report_render,
	.parse = report_parse,
	.save = report_save,
	.map = report_map,
};

/* ================================== a report shared with the family */

static bool
shared_find(struct mf *p)
{
	const struct agency_report *rp = mc_report(p->c.m, p->id2);

	if (rp == NULL)
		return false;
	p->rep = *rp;
	return true;
}

static void
shared_fields(struct mf *p)
{
	form_page_date_fields(&p->form, "shared_on", "Date shared");
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
shared_defaults(struct mf *p)
{
	form_page_def_date(&p->form, "shared_on",
	    p->rep.shared_on != HDAY_NONE ?
	    p->rep.shared_on : p->r->today);
	form_page_def_version(&p->form, p->rep.version);
}

static void
shared_render(struct mf *p, struct html *h)
{
	const struct invitee *v = mc_report_invitee(p->c.m, &p->rep);
	char buf[300];

	if (v != NULL) {
		snprintf(buf, sizeof(buf), "The report from %.120s (%.120s).",
		    v->agency[0] ? v->agency : v->name, v->name);
		ui_para(h, buf);
	}
	form_page_date_input(&p->form, h, "shared_on",
	    "When was it shared with the family?",
	    "Reports are shared before the conference so that the family can "
	    "say what is wrong in them. For example, 27 3 2026");
	form_page_version_hidden(&p->form, h);
}

static bool
shared_parse(struct mf *p)
{
	(void)form_page_date_value(&p->form, "shared_on",
	    "the date it was shared", true, &p->day);
	return true;
}

static enum herr
shared_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_report_share(p->r->st, p->c.m->id, p->rep.id, p->day,
	    form_page_version_value(&p->form), cx, d);
}

static const struct mform shared_form = {
	.title = "Shared with the family",
	.button = "Save",
	.saved = "meeting-shared",
	.anchor = "reports",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.find = shared_find,
	.fields = shared_fields,
	.defaults = shared_defaults,
	.render = shared_render,
	.parse = shared_parse,
	.save = shared_save,
};

/* ================================================ views on threshold */

static void
view_fields(struct mf *p)
{
	if (p->c.m->n_children > 1)
		form_page_field(&p->form, "child_id", "Child", false, false,
		    form_page_valid_digits, 20);
	form_page_field(&p->form, "name", "Name", false, false, mf_valid_line,
	    MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "agency", "Agency", false, false,
	    mf_valid_line, MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "met", "Threshold met", false, false,
	    mf_valid_yesno, 3);
	form_page_field(&p->form, "reason", "Why", false, false, mf_valid_note,
	    MEETING_TEXT_MAX + 200);
}

static void
view_render(struct mf *p, struct html *h)
{
	const struct meeting *m = p->c.m;
	struct ui_option kids[CONFERENCE_CHILDREN_MAX];
	char values[CONFERENCE_CHILDREN_MAX][24];

	ui_para(h, "Every member of the conference gives their view: is the "
	    "child likely to suffer significant harm? Record each view with "
	    "the reasons, in the person's own words.");
	if (m->n_views > 0) {
		char buf[80];

		snprintf(buf, sizeof(buf), "%d view%s recorded so far.",
		    m->n_views, m->n_views == 1 ? "" : "s");
		ui_para(h, buf);
	}
	if (m->n_children > 1) {
		for (int i = 0; i < m->n_children; i++) {
			snprintf(values[i], sizeof(values[i]), "%" PRId64,
			    m->children[i].child_id);
			kids[i] = (struct ui_option){ values[i],
			    p->c.names[i] };
		}
		form_page_radios(&p->form, h, "child_id",
		    "Which child is this view about?",
		    NULL, kids, m->n_children);
	}
	form_page_input(&p->form, h, "name", "Name", NULL, UI_W_20);
	form_page_input(&p->form, h, "agency",
	    "Agency, or their part in the family",
	    "For example, Police, School or Parent", UI_W_20);
	form_page_radios(&p->form, h, "met",
	    "Is the child likely to suffer significant harm?",
	    "The threshold for a child protection plan", mf_yesno, 2);
	form_page_textarea(&p->form, h, "reason", "Why",
	    "Their reasons, in their own words");
}

static bool
view_parse(struct mf *p)
{
	const struct meeting *m = p->c.m;
	struct threshold_view *v = &p->view;
	const char *met = form_page_val(&p->form, "met");

	memset(v, 0, sizeof(*v));
	v->child_id = m->children[0].child_id;
	if (m->n_children > 1) {
		v->child_id = text_id(form_page_val(&p->form, "child_id"));
		if (mc_child_index(&p->c, v->child_id) < 0)
			form_page_problem(&p->form, "child_id",
			    "Select the child this view is "
			    "about");
	}
	text_trim(v->name, sizeof(v->name), form_page_val(&p->form, "name"));
	text_trim(v->agency, sizeof(v->agency), form_page_val(&p->form,
	    "agency"));
	if (strcmp(met, "yes") != 0 && strcmp(met, "no") != 0)
		form_page_problem(&p->form, "met", "Select yes or no");
	v->met = strcmp(met, "yes") == 0;
	if (strlen(form_page_val(&p->form, "reason")) > MEETING_TEXT_MAX + 100)
		form_page_problem(&p->form, "reason",
		    "Write up to %d characters",
		    MEETING_TEXT_MAX);
	text_trim(v->reason, sizeof(v->reason), form_page_val(&p->form,
	    "reason"));
	return true;
}

static enum herr
view_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_view_add(p->r->st, p->c.m->id, &p->view, cx, d);
}

static void
view_map(struct mf *p, struct hdiag *d)
{
	if (strcmp(d->field, "child_id") == 0 && !form_page_has_field(&p->form,
	    "child_id"))
		text_cut(d->field, sizeof(d->field), "name");
}

static const struct mform view_form = {
	.title = "Record a view on the threshold",
	.button = "Save the view",
	.another = "Save and record another view",
	.saved = "meeting-view",
	.anchor = "views",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.fields = view_fields,
	.render = view_render,
	.parse = view_parse,
	.save = view_save,
	.map = view_map,
};

/* ========================================================= decision */

static bool
decision_find(struct mf *p)
{
	if (p->c.m->status != MEETING_BOOKED)
		p->readonly = true;
	return true;
}

static void
decision_fields(struct mf *p)
{
	const struct meeting *m = p->c.m;

	for (int i = 0; i < m->n_children; i++) {
		int64_t id = m->children[i].child_id;

		form_page_fieldf(&p->form, "Decision", mf_valid_code, 20,
		    "decision_%" PRId64, id);
		form_page_fieldf(&p->form, "Category", mf_valid_code, 20,
		    "category_%" PRId64, id);
		if (m->kind == CONF_REVIEW) {
			form_page_fieldf(&p->form, "Reason the plan ends",
			    mf_valid_code, 30,
			    "end_reason_%" PRId64, id);
			form_page_fieldf(&p->form, "Step down", mf_valid_yesno,
			    3, "step_down_%"
			    PRId64, id);
		}
	}
	form_page_field(&p->form, "dissent", "Dissent", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
decision_defaults(struct mf *p)
{
	const struct meeting *m = p->c.m;
	struct journey *j;
	char n[FORM_NAME_MAX + 1];

	form_page_def_version(&p->form, m->version);
	form_page_def(&p->form, "dissent", "%s", m->dissent);
	if (m->kind != CONF_REVIEW || p->readonly)
		return;
	/* A review starts from each plan's latest category. */
	j = journey_new();
	for (int i = 0; i < m->n_children; i++) {
		const struct plan *pl;

		if (store_journey_load(p->r->st, m->children[i].child_id, j,
		    NULL) != HERR_OK ||
		    (pl = journey_open_plan(j, PLAN_CP)) == NULL)
			continue;
		snprintf(n, sizeof(n), "category_%" PRId64,
		    m->children[i].child_id);
		form_page_def(&p->form, n, "%s",
		    abuse_category_code(pl->latest_category));
	}
	journey_free(j);
}

static void
decision_child_render(struct mf *p, struct html *h, int i)
{
	const struct meeting *m = p->c.m;
	int64_t id = m->children[i].child_id;
	const char *name = p->c.names[i];
	bool review = m->kind == CONF_REVIEW;
	struct ui_option dec[2], cat[ABUSE__COUNT], end[PLANEND__COUNT];
	char n[FORM_NAME_MAX + 1], q[300];
	int nc = 0, ne = 0, met = 0, notmet = 0;

	for (int k = 0; k < m->n_views; k++)
		if (m->views[k].child_id == id) {
			if (m->views[k].met)
				met++;
			else
				notmet++;
		}
	dec[0] = (struct ui_option){ conference_decision_code(review ?
	    CDEC_CONTINUE : CDEC_PLAN), conference_decision_label(review ?
	    CDEC_CONTINUE : CDEC_PLAN) };
	dec[1] = (struct ui_option){ conference_decision_code(review ?
	    CDEC_END : CDEC_NO_PLAN), conference_decision_label(review ?
	    CDEC_END : CDEC_NO_PLAN) };
	for (int k = ABUSE_NONE + 1; k < ABUSE__COUNT; k++)
		cat[nc++] = (struct ui_option){ abuse_category_code(
		    (enum abuse_category)k), abuse_category_label(
		    (enum abuse_category)k) };
	for (int k = PLANEND_NONE + 1; k < PLANEND__COUNT; k++)
		end[ne++] = (struct ui_option){ plan_end_reason_code(
		    (enum plan_end_reason)k), plan_end_reason_label(
		    (enum plan_end_reason)k) };
	html_lit(h, "<h2 class=\"govuk-heading-m\">");
	html_textf(h, "The decision for %s", name);
	html_lit(h, "</h2>");
	snprintf(q, sizeof(q), "Views recorded: %d think %.160s is likely to "
	    "suffer significant harm, %d do not.", met, name, notmet);
	ui_para(h, q);
	snprintf(n, sizeof(n), "decision_%" PRId64, id);
	snprintf(q, sizeof(q), "What did the chair decide for %.160s?", name);
	form_page_radios(&p->form, h, n, q, NULL, dec, 2);
	snprintf(n, sizeof(n), "category_%" PRId64, id);
	snprintf(q, sizeof(q), review ? "If the plan for %.160s continues, "
	    "under which category?" : "If %.160s needs a plan, under which "
	    "category?", name);
	form_page_radios(&p->form, h, n, q,
	    "The main worry: neglect, or physical, emotional "
	    "or sexual abuse", cat, nc);
	if (!review)
		return;
	snprintf(n, sizeof(n), "end_reason_%" PRId64, id);
	snprintf(q, sizeof(q), "If the plan for %.160s ends, why?", name);
	form_page_radios(&p->form, h, n, q, NULL, end, ne);
	snprintf(n, sizeof(n), "step_down_%" PRId64, id);
	snprintf(q, sizeof(q), "If the plan for %.160s ends, does a child in "
	    "need plan start?", name);
	form_page_radios(&p->form, h, n, q, NULL, mf_yesno, 2);
}

static void
decision_render(struct mf *p, struct html *h)
{
	if (p->readonly) {
		ui_para(h, p->c.m->status == MEETING_HELD ? "The chair's "
		    "decision has been recorded. It is shown on the "
		    "conference's page." : "The conference was cancelled, so "
		    "no decision can be recorded.");
		return;
	}
	ui_para(h, "The chair decides, after hearing everyone's view, whether "
	    "each child is likely to suffer significant harm and so needs a "
	    "child protection plan, and records any dissent.");
	for (int i = 0; i < p->c.m->n_children; i++)
		decision_child_render(p, h, i);
	html_lit(h, "<h2 class=\"govuk-heading-m\">Dissent</h2>");
	form_page_textarea(&p->form, h, "dissent",
	    "Did anyone disagree with the decision?",
	    "Who disagreed and why, in their words. Leave it empty if no one "
	    "did.");
	form_page_version_hidden(&p->form, h);
}

static void
decision_child_parse(struct mf *p, struct conference_child *cc, int i)
{
	const struct meeting *m = p->c.m;
	int64_t id = m->children[i].child_id;
	bool review = m->kind == CONF_REVIEW;
	char n[FORM_NAME_MAX + 1];
	const char *v;
	int k;

	memset(cc, 0, sizeof(*cc));
	cc->child_id = id;
	cc->due_date = HDAY_NONE;
	snprintf(n, sizeof(n), "decision_%" PRId64, id);
	k = conference_decision_parse(form_page_val(&p->form, n));
	if (review ? k != CDEC_CONTINUE && k != CDEC_END :
	    k != CDEC_PLAN && k != CDEC_NO_PLAN) {
		form_page_problem(&p->form, n,
		    "Select what the chair decided for %s",
		    p->c.names[i]);
		cc->decision = review ? CDEC_CONTINUE : CDEC_PLAN;
	} else
		cc->decision = (enum conference_decision)k;
	snprintf(n, sizeof(n), "category_%" PRId64, id);
	v = form_page_val(&p->form, n);
	/* A category only goes with a plan that starts or continues. */
	if (v[0] != '\0' && (cc->decision == CDEC_PLAN ||
	    cc->decision == CDEC_CONTINUE)) {
		if ((k = abuse_category_parse(v)) <= ABUSE_NONE ||
		    k >= ABUSE__COUNT)
			form_page_problem(&p->form, n,
			    "Select a category from the list");
		else
			cc->category = (enum abuse_category)k;
	}
	if (!review)
		return;
	snprintf(n, sizeof(n), "end_reason_%" PRId64, id);
	v = form_page_val(&p->form, n);
	if (v[0] != '\0' && cc->decision == CDEC_END) {
		if ((k = plan_end_reason_parse(v)) <= PLANEND_NONE ||
		    k >= PLANEND__COUNT)
			form_page_problem(&p->form, n,
			    "Select a reason from the list");
		else
			cc->end_reason = (enum plan_end_reason)k;
	}
	snprintf(n, sizeof(n), "step_down_%" PRId64, id);
	cc->step_down = cc->decision == CDEC_END && strcmp(form_page_val(&p->form, n),
	    "yes") == 0;
}

static bool
decision_parse(struct mf *p)
{
	const struct meeting *m = p->c.m;
	struct conference *c = p->conf = xcalloc(1, sizeof(*p->conf));

	c->kind = m->kind;
	c->held_date = m->date;
	c->notified_date = m->notified_date;
	c->chair_id = m->chair_id;
	for (int i = 0; i < m->n_children && i < CONFERENCE_CHILDREN_MAX; i++)
		decision_child_parse(p, &c->children[i], i);
	c->n_children = m->n_children;
	p->text = mf_joined(p, "dissent", 1);
	return true;
}

static enum herr
decision_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_meeting_decide(p->r->st, p->c.m->id, p->conf, p->text,
	    form_page_version_value(&p->form), cx, d);
}

/* The core names a child's field "child_N.category" (N-th child, when
 * several) or "category": the page's is "category_ID". */
static void
decision_map(struct mf *p, struct hdiag *d)
{
	static const char *const per[][2] = {
		{ "decision", "decision" }, { "category", "category" },
		{ "end_reason", "end_reason" }, { "step_down", "step_down" },
		{ "s47_id", "decision" }, { "plan_id", "decision" },
		{ "held_date", "decision" }, { "date", "decision" },
		{ "children", "decision" }, { "chair_id", "decision" },
		{ "notified_date", "decision" },
	};
	const struct meeting *m = p->c.m;
	char f[sizeof(d->field)];
	int64_t id = m->children[0].child_id;
	char *end;

	text_cut(f, sizeof(f), d->field);
	if (strncmp(f, "child_", 6) == 0) {
		long k = strtol(f + 6, &end, 10);

		if (*end == '.' && k >= 0 && k < m->n_children) {
			id = m->children[k].child_id;
			memmove(f, end + 1, strlen(end + 1) + 1);
		}
	}
	for (size_t i = 0; i < sizeof(per) / sizeof(per[0]); i++)
		if (strcmp(f, per[i][0]) == 0) {
			snprintf(d->field, sizeof(d->field), "%s_%" PRId64,
			    per[i][1], id);
			return;
		}
	text_cut(d->field, sizeof(d->field), f);
}

static const struct mform decision_form = {
	.title = "The chair's decision",
	.button = "Save the decision",
	.saved = "meeting-decision",
	.anchor = "decision",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.find = decision_find,
	.fields = decision_fields,
	.defaults = decision_defaults,
	.render = decision_render,
	.parse = decision_parse,
	.save = decision_save,
	.map = decision_map,
};

/* ============================================================= plan */

static int
plan_cost(int o, int a, int c)
{
	return o * PLAN_OUTCOME_FIELDS + a * PLAN_ACTION_FIELDS +
	    c * PLAN_CORE_FIELDS;
}

#define PLAN_BUDGET (FORM_MAX_FIELDS - PLAN_FIXED)

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The rows the plan form shows: those the body asked for (one more in a
 * group whose "add a row" was pressed, while the form has room), or those
 * the plan holds with blanks to write in, within FORM_MAX_FIELDS. */
static void
plan_rows(struct mf *p, int have_o, int have_a, int have_c)
{
	if (p->form.body != NULL) {
		const char *more = text_nz(form_get(p->form.body, "more"));

		p->rows_o = clamp((int)text_id(form_page_val(&p->form,
		    "rows_o")), 1, MEETING_OUTCOMES_MAX);
		p->rows_a = clamp((int)text_id(form_page_val(&p->form,
		    "rows_a")), 1, MEETING_ACTIONS_MAX);
		p->rows_c = clamp((int)text_id(form_page_val(&p->form,
		    "rows_c")), 1, MEETING_CORE_MAX);
		while (plan_cost(p->rows_o, p->rows_a, p->rows_c) >
		    PLAN_BUDGET && p->rows_a > 1)
			p->rows_a--;
		if (strcmp(more, "outcomes") == 0 && p->rows_o <
		    MEETING_OUTCOMES_MAX && plan_cost(p->rows_o + 1, p->rows_a,
		    p->rows_c) <= PLAN_BUDGET)
			p->rows_o++;
		else if (strcmp(more, "actions") == 0 && p->rows_a <
		    MEETING_ACTIONS_MAX && plan_cost(p->rows_o, p->rows_a + 1,
		    p->rows_c) <= PLAN_BUDGET)
			p->rows_a++;
		else if (strcmp(more, "core") == 0 && p->rows_c <
		    MEETING_CORE_MAX && plan_cost(p->rows_o, p->rows_a,
		    p->rows_c + 1) <= PLAN_BUDGET)
			p->rows_c++;
		return;
	}
	p->rows_o = clamp(have_o + 1, 2, MEETING_OUTCOMES_MAX);
	p->rows_a = clamp(have_a + 1, 3, MEETING_ACTIONS_MAX);
	p->rows_c = clamp(have_c + 1, 3, MEETING_CORE_MAX);
	/* Fewer blank rows until the form fits. */
	while (plan_cost(p->rows_o, p->rows_a, p->rows_c) > PLAN_BUDGET) {
		if (p->rows_a > have_a && p->rows_a > 1)
			p->rows_a--;
		else if (p->rows_c > have_c && p->rows_c > 1)
			p->rows_c--;
		else if (p->rows_o > have_o && p->rows_o > 1)
			p->rows_o--;
		else
			break;
	}
}

static bool
plan_find(struct mf *p)
{
	const struct meeting *m = p->c.m;

	if (m->status != MEETING_HELD) {
		p->readonly = true;
		return true;
	}
	/* A plan longer than one form holds (saved through the API) is
	 * shown, not offered for changing a part of. */
	if (plan_cost(m->n_outcomes, m->n_actions, m->n_core) > PLAN_BUDGET)
		p->readonly = true;
	return true;
}

static void
plan_fields(struct mf *p)
{
	const struct meeting *m = p->c.m;

	plan_rows(p, m->n_outcomes, m->n_actions, m->n_core);
	for (int i = 1; i <= p->rows_o; i++) {
		form_page_fieldf(&p->form, "What must change", mf_valid_note,
		    MEETING_TEXT_MAX +
		    200, "o_%d_agency", i);
		form_page_fieldf(&p->form, "In the family's words",
		    mf_valid_note, MEETING_TEXT_MAX + 200, "o_%d_family", i);
	}
	for (int i = 1; i <= p->rows_a; i++) {
		form_page_fieldf(&p->form, "Towards", form_page_valid_digits, 3,
		    "a_%d_outcome", i);
		form_page_fieldf(&p->form, "Who", mf_valid_line,
		    MEETING_NAME_MAX + 8,
		    "a_%d_who", i);
		form_page_fieldf(&p->form, "What", mf_valid_note,
		    MEETING_TEXT_MAX + 200,
		    "a_%d_what", i);
		form_page_fieldf(&p->form, "By when", mf_valid_line, 40,
		    "a_%d_by", i);
	}
	for (int i = 1; i <= p->rows_c; i++) {
		form_page_fieldf(&p->form, "Name", mf_valid_line,
		    MEETING_NAME_MAX + 8,
		    "c_%d_name", i);
		form_page_fieldf(&p->form, "Agency", mf_valid_line,
		    MEETING_NAME_MAX + 8,
		    "c_%d_agency", i);
		form_page_fieldf(&p->form, "Role", mf_valid_line,
		    MEETING_NAME_MAX + 8,
		    "c_%d_role", i);
	}
	form_page_field(&p->form, "contingency", "The contingency plan", false,
	    false, mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_field(&p->form, "child_seen",
	    "When the children will be seen", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_field(&p->form, "rows_o", "Rows", false, false,
	    form_page_valid_digits, 3);
	form_page_field(&p->form, "rows_a", "Rows", false, false,
	    form_page_valid_digits, 3);
	form_page_field(&p->form, "rows_c", "Rows", false, false,
	    form_page_valid_digits, 3);
	form_page_field(&p->form, "more", "More rows", false, false,
	    mf_valid_code, 10);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
plan_defaults(struct mf *p)
{
	const struct meeting *m = p->c.m;
	char n[FORM_NAME_MAX + 1];
	int nc = 0;

	form_page_def_version(&p->form, m->version);
	if (m->plan_saved_at != 0) {
		for (int i = 0; i < m->n_outcomes; i++) {
			snprintf(n, sizeof(n), "o_%d_agency", i + 1);
			form_page_def(&p->form, n, "%s", m->outcomes[i].agency);
			snprintf(n, sizeof(n), "o_%d_family", i + 1);
			form_page_def(&p->form, n, "%s", m->outcomes[i].family);
		}
		for (int i = 0; i < m->n_actions; i++) {
			const struct plan_action *a = &m->actions[i];
			int y, mo, dd;

			if (a->outcome > 0) {
				snprintf(n, sizeof(n), "a_%d_outcome", i + 1);
				form_page_def(&p->form, n, "%d", a->outcome);
			}
			snprintf(n, sizeof(n), "a_%d_who", i + 1);
			form_page_def(&p->form, n, "%s", a->who);
			snprintf(n, sizeof(n), "a_%d_what", i + 1);
			form_page_def(&p->form, n, "%s", a->what);
			if (a->by != HDAY_NONE) {
				hdate_to_ymd(a->by, &y, &mo, &dd);
				snprintf(n, sizeof(n), "a_%d_by", i + 1);
				form_page_def(&p->form, n, "%d/%d/%d", dd, mo,
				    y);
			}
		}
		for (int i = 0; i < m->n_core; i++) {
			snprintf(n, sizeof(n), "c_%d_name", i + 1);
			form_page_def(&p->form, n, "%s", m->core[i].name);
			snprintf(n, sizeof(n), "c_%d_agency", i + 1);
			form_page_def(&p->form, n, "%s", m->core[i].agency);
			snprintf(n, sizeof(n), "c_%d_role", i + 1);
			form_page_def(&p->form, n, "%s", m->core[i].role);
		}
		form_page_def(&p->form, "contingency", "%s", m->contingency);
		form_page_def(&p->form, "child_seen", "%s", m->child_seen);
		plan_rows(p, m->n_outcomes, m->n_actions, m->n_core);
		return;
	}
	/* A first plan: the core group starts as the professionals and
	 * family who came (everyone invited, if attendance is not yet
	 * recorded). */
	{
		bool any = false;

		for (int i = 0; i < m->n_invitees; i++)
			any = any || m->invitees[i].attendance !=
			    ATTEND_NOT_RECORDED;
		for (int i = 0; i < m->n_invitees && nc < MEETING_CORE_MAX;
		    i++) {
			const struct invitee *v = &m->invitees[i];

			if (v->kind == INVITEE_NETWORK || (any &&
			    v->attendance != ATTEND_ATTENDED))
				continue;
			nc++;
			snprintf(n, sizeof(n), "c_%d_name", nc);
			form_page_def(&p->form, n, "%s", v->name);
			snprintf(n, sizeof(n), "c_%d_agency", nc);
			form_page_def(&p->form, n, "%s",
			    v->kind == INVITEE_AGENCY ? v->agency :
			    "Family");
			snprintf(n, sizeof(n), "c_%d_role", nc);
			form_page_def(&p->form, n, "%s", v->role);
		}
	}
	plan_rows(p, 0, 0, nc);
	/* The prefilled members must all show. */
	while (p->rows_c < nc && plan_cost(p->rows_o, p->rows_a, p->rows_c +
	    1) <= PLAN_BUDGET)
		p->rows_c++;
}

static void
fieldset_start(struct html *h, const char *legend, bool error)
{
	html_lit(h, "<div class=\"govuk-form-group hearth-person");
	if (error)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\"><legend class=\""
	    "govuk-fieldset__legend govuk-fieldset__legend--s\">");
	html_text(h, legend);
	html_lit(h, "</legend>");
}

static void
fieldset_end(struct html *h)
{
	html_lit(h, "</fieldset></div>\n");
}

/* A small input inside a row of boxes (core group members). */
static void
row_input(struct mf *p, struct html *h, const char *name, const char *label,
    const char *of)
{
	const char *err = ui_error_for(&p->form.e, name);

	html_lit(h, "<div class=\"hearth-person__field\"><label class=\""
	    "govuk-label\"");
	html_attr(h, "for", name);
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "<span class=\"govuk-visually-hidden\"> of ");
	html_text(h, of);
	html_lit(h, "</span></label>");
	ui_error_message(h, name, err);
	html_lit(h, "<input type=\"text\" spellcheck=\"false\"");
	html_attr(h, "class", err != NULL ? "govuk-input govuk-input--error" :
	    "govuk-input");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	html_attr(h, "value", form_page_val(&p->form, name));
	if (err != NULL)
		html_attrf(h, "aria-describedby", "%s-error", name);
	html_lit(h, "></div>");
}

static bool
row_has_error(const struct mf *p, const char *prefix)
{
	size_t n = strlen(prefix);

	for (int i = 0; i < p->form.e.n; i++)
		if (strncmp(p->form.diags[i].field, prefix, n) == 0)
			return true;
	return false;
}

static void
plan_render(struct mf *p, struct html *h)
{
	const struct meeting *m = p->c.m;
	struct ui_option outs[MEETING_OUTCOMES_MAX + 1];
	char n[FORM_NAME_MAX + 1], legend[80], pre[16],
	    ovals[MEETING_OUTCOMES_MAX][16], olabels[MEETING_OUTCOMES_MAX][40];

	if (p->readonly) {
		ui_para(h, m->status != MEETING_HELD ? "The plan is written "
		    "once the chair has made the decision." : "This plan is "
		    "longer than this page can hold, so it is shown on the "
		    "conference's page and cannot be changed here.");
		return;
	}
	/* What a saved plan still lacks (nothing is refused for it). */
	if (p->form.body == NULL && m->plan_saved_at != 0) {
		struct sos_warnings warn;
		struct hdiag d;

		memset(&warn, 0, sizeof(warn));
		if (meeting_check_plan(m, &warn, &d) == HERR_OK)
			for (int i = 0; i < warn.n && i < SOS_WARNINGS_MAX; i++)
				ui_warning(h, warn.w[i].msg);
	}
	ui_inset(h, "Write the plan with the family, in words they use: what "
	    "must change for the children, who will do what by when, and what "
	    "happens if things do not change.");
	html_lit(h, "<h2 class=\"govuk-heading-m\">What must change</h2>");
	for (int i = 1; i <= p->rows_o; i++) {
		snprintf(legend, sizeof(legend), "What must change %d", i);
		snprintf(pre, sizeof(pre), "o_%d_", i);
		fieldset_start(h, legend, row_has_error(p, pre));
		snprintf(n, sizeof(n), "o_%d_agency", i);
		mf_plain_textarea(p, h, n, "In the agencies' words", NULL);
		snprintf(n, sizeof(n), "o_%d_family", i);
		mf_plain_textarea(p, h, n, "In the family's own words",
		    "What the family say needs to change");
		fieldset_end(h);
	}
	outs[0] = (struct ui_option){ "", "Not one change in particular" };
	for (int i = 1; i <= p->rows_o && i <= MEETING_OUTCOMES_MAX; i++) {
		snprintf(ovals[i - 1], sizeof(ovals[0]), "%d", i);
		snprintf(olabels[i - 1], sizeof(olabels[0]), "What must change "
		    "%d", i);
		outs[i] = (struct ui_option){ ovals[i - 1], olabels[i - 1] };
	}
	html_lit(h, "<h2 class=\"govuk-heading-m\">Who does what by when</h2>");
	for (int i = 1; i <= p->rows_a; i++) {
		snprintf(legend, sizeof(legend), "Action %d", i);
		snprintf(pre, sizeof(pre), "a_%d_", i);
		fieldset_start(h, legend, row_has_error(p, pre));
		snprintf(n, sizeof(n), "a_%d_outcome", i);
		ui_select(h, &p->form.e, n, "Towards which change?", outs,
		    p->rows_o + 1, form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "a_%d_who", i);
		form_page_input(&p->form, h, n, "Who", NULL, UI_W_20);
		snprintf(n, sizeof(n), "a_%d_what", i);
		mf_plain_textarea(p, h, n, "What they will do", NULL);
		snprintf(n, sizeof(n), "a_%d_by", i);
		form_page_input(&p->form, h, n, "By when",
		    "For example, 27/3/2026", UI_W_10);
		fieldset_end(h);
	}
	html_lit(h, "<h2 class=\"govuk-heading-m\">If things do not change"
	    "</h2>");
	mf_plain_textarea(p, h, "contingency", "The contingency plan", "What "
	    "will happen if the plan does not keep the children safe enough");
	mf_plain_textarea(p, h, "child_seen", "When and where the children will "
	    "be seen", "How often, where, and whether on their own");
	html_lit(h, "<h2 class=\"govuk-heading-m\">The core group</h2>");
	ui_para(h, "The professionals and family members who carry out the "
	    "plan together. The first core group meets within 10 working "
	    "days.");
	for (int i = 1; i <= p->rows_c; i++) {
		snprintf(legend, sizeof(legend), "Member %d", i);
		snprintf(pre, sizeof(pre), "c_%d_", i);
		fieldset_start(h, legend, row_has_error(p, pre));
		html_lit(h, "<div class=\"hearth-person__fields\">");
		snprintf(n, sizeof(n), "c_%d_name", i);
		row_input(p, h, n, "Name", legend);
		snprintf(n, sizeof(n), "c_%d_agency", i);
		row_input(p, h, n, "Agency or relationship", legend);
		snprintf(n, sizeof(n), "c_%d_role", i);
		row_input(p, h, n, "Role", legend);
		html_lit(h, "</div>");
		fieldset_end(h);
	}
	html_lit(h, "<input type=\"hidden\" name=\"rows_o\"");
	html_attrf(h, "value", "%d", p->rows_o);
	html_lit(h, "><input type=\"hidden\" name=\"rows_a\"");
	html_attrf(h, "value", "%d", p->rows_a);
	html_lit(h, "><input type=\"hidden\" name=\"rows_c\"");
	html_attrf(h, "value", "%d", p->rows_c);
	html_lit(h, ">");
	form_page_version_hidden(&p->form, h);
}

/* A trimmed text of up to `cap - 1` bytes, or a problem when it is
 * longer. */
static void
mf_text_into(struct mf *p, const char *name, char *out, size_t cap)
{
	char *t = mf_joined(p, name, 1);

	if (strlen(t) >= cap)
		form_page_problem(&p->form, name, "Write up to %zu characters",
		    cap - 1);
	text_cut(out, cap, t);
	free(t);
}

static bool
plan_parse(struct mf *p)
{
	struct meeting *m;
	char n[FORM_NAME_MAX + 1];
	int number[MEETING_OUTCOMES_MAX + 1];

	m = p->nm = meeting_new();
	memcpy(m, p->c.m, sizeof(*m));
	m->n_outcomes = m->n_actions = m->n_core = 0;
	memset(number, 0, sizeof(number));
	for (int i = 1; i <= p->rows_o; i++) {
		struct plan_outcome o;

		snprintf(n, sizeof(n), "o_%d_agency", i);
		mf_text_into(p, n, o.agency, sizeof(o.agency));
		snprintf(n, sizeof(n), "o_%d_family", i);
		mf_text_into(p, n, o.family, sizeof(o.family));
		if (o.agency[0] == '\0' && o.family[0] == '\0')
			continue;
		if (o.agency[0] == '\0') {
			snprintf(n, sizeof(n), "o_%d_agency", i);
			form_page_problem(&p->form, n,
			    "Write what must change %d in the "
			    "agencies' words too", i);
		}
		p->orow[m->n_outcomes] = i;
		m->outcomes[m->n_outcomes++] = o;
		number[i] = m->n_outcomes;
	}
	for (int i = 1; i <= p->rows_a; i++) {
		struct plan_action *a = &m->actions[m->n_actions];
		const char *ov, *by;

		memset(a, 0, sizeof(*a));
		snprintf(n, sizeof(n), "a_%d_outcome", i);
		ov = form_page_val(&p->form, n);
		snprintf(n, sizeof(n), "a_%d_who", i);
		text_trim(a->who, sizeof(a->who), form_page_val(&p->form, n));
		snprintf(n, sizeof(n), "a_%d_what", i);
		mf_text_into(p, n, a->what, sizeof(a->what));
		snprintf(n, sizeof(n), "a_%d_by", i);
		by = form_page_val(&p->form, n);
		a->by = HDAY_NONE;
		if (a->who[0] == '\0' && a->what[0] == '\0' && by[0] == '\0')
			continue;
		if (ov[0] != '\0') {
			int k = (int)text_id(ov);

			if (k < 1 || k > p->rows_o || number[k] == 0) {
				snprintf(n, sizeof(n), "a_%d_outcome", i);
				form_page_problem(&p->form, n,
				    "Choose something the plan says "
				    "must change, or none");
			} else
				a->outcome = number[k];
		}
		if (by[0] != '\0' && !mf_loose_date(by, &a->by)) {
			snprintf(n, sizeof(n), "a_%d_by", i);
			form_page_problem(&p->form, n,
			    "Enter the date action %d is done by as "
			    "day/month/year, for example 27/3/2026", i);
			a->by = HDAY_NONE;
		}
		p->arow[m->n_actions++] = i;
	}
	mf_text_into(p, "contingency", m->contingency, sizeof(m->contingency));
	mf_text_into(p, "child_seen", m->child_seen, sizeof(m->child_seen));
	for (int i = 1; i <= p->rows_c; i++) {
		struct journey_person *c = &m->core[m->n_core];

		memset(c, 0, sizeof(*c));
		snprintf(n, sizeof(n), "c_%d_name", i);
		text_trim(c->name, sizeof(c->name), form_page_val(&p->form,
		    n));
		snprintf(n, sizeof(n), "c_%d_agency", i);
		text_trim(c->agency, sizeof(c->agency), form_page_val(&p->form,
		    n));
		snprintf(n, sizeof(n), "c_%d_role", i);
		text_trim(c->role, sizeof(c->role), form_page_val(&p->form,
		    n));
		if (c->name[0] == '\0' && c->agency[0] == '\0' &&
		    c->role[0] == '\0')
			continue;
		if (c->name[0] == '\0') {
			snprintf(n, sizeof(n), "c_%d_name", i);
			form_page_problem(&p->form, n,
			    "Enter the name of member %d", i);
		}
		p->crow[m->n_core++] = i;
	}
	return true;
}

static enum herr
plan_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_meeting_plan_save(p->r->st, p->nm,
	    form_page_version_value(&p->form), cx, NULL, d);
}

/* "outcomes[N].agency" (the N-th outcome kept) to the row it came from:
 * "o_ROW_agency". */
static void
plan_map(struct mf *p, struct hdiag *d)
{
	static const struct {
		const char *list, *prefix, *first;
	} lists[] = {
		{ "outcomes", "o", "o_1_agency" },
		{ "actions", "a", "a_1_who" },
		{ "core", "c", "c_1_name" },
	};
	char member[24];
	int k;

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		size_t ln = strlen(lists[i].list);
		const int *rows = i == 0 ? p->orow : i == 1 ? p->arow :
		    p->crow;
		int n = i == 0 ? p->nm->n_outcomes : i == 1 ?
		    p->nm->n_actions : p->nm->n_core;

		if (strncmp(d->field, lists[i].list, ln) != 0)
			continue;
		if (d->field[ln] == '\0') {
			text_cut(d->field, sizeof(d->field), lists[i].first);
			return;
		}
		if (sscanf(d->field + ln, "[%d].%23s", &k, member) == 2 &&
		    k >= 0 && k < n) {
			snprintf(d->field, sizeof(d->field), "%s_%d_%s",
			    lists[i].prefix, rows[k], member);
			return;
		}
	}
}

static const struct mform plan_form = {
	.title = "The plan",
	.button = "Save the plan",
	.saved = "meeting-plan",
	.anchor = "plan",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.back_to_form = true,
	.find = plan_find,
	.fields = plan_fields,
	.defaults = plan_defaults,
	.render = plan_render,
	.parse = plan_parse,
	.save = plan_save,
	.map = plan_map,
};

/* ============================================================ minutes */

#define MINUTES_PARTS ((MEETING_MINUTES_MAX + PART_MAX - 1) / PART_MAX)

static bool
minutes_find(struct mf *p)
{
	if (p->c.m->status != MEETING_HELD)
		p->readonly = true;
	return true;
}

static void
minutes_fields(struct mf *p)
{
	p->parts = mf_parts_count(p, "minutes", 2, MINUTES_PARTS);
	mf_parts_fields(p, "minutes", "The minutes", p->parts);
	form_page_field(&p->form, "parts", "Parts", false, false,
	    form_page_valid_digits, 2);
	form_page_field(&p->form, "version", "Version", false, false,
	    form_page_valid_digits, 20);
}

static void
minutes_defaults(struct mf *p)
{
	(void)mf_def_parts(p, "minutes", p->c.m->minutes, MINUTES_PARTS);
	form_page_def_version(&p->form, p->c.m->version);
	p->parts = mf_parts_count(p, "minutes", 2, MINUTES_PARTS);
}

static void
minutes_render(struct mf *p, struct html *h)
{
	if (p->readonly) {
		ui_para(h, "The minutes are written once the chair has made the "
		    "decision.");
		return;
	}
	ui_para(h, "The minutes go to the family and to every agency. Write "
	    "them so that the family can understand them.");
	html_lit(h, "<details class=\"govuk-details\"><summary class=\"govuk-"
	    "details__summary\"><span class=\"govuk-details__summary-text\">"
	    "What the minutes cover</span></summary><div class=\"govuk-"
	    "details__text\"><ul class=\"govuk-list govuk-list--bullet\">"
	    "<li>who came and who sent apologies</li>"
	    "<li>why the conference was held</li>"
	    "<li>what the children, the family and each agency said</li>"
	    "<li>the map: what we are worried about, what is working well "
	    "and what needs to happen</li>"
	    "<li>the chair's summary, the decision and any dissent</li>"
	    "</ul></div></details>");
	mf_parts_render(p, h, "minutes", "The minutes", NULL, true);
	form_page_version_hidden(&p->form, h);
}

static bool
minutes_parse(struct mf *p)
{
	p->text = mf_joined(p, "minutes", p->parts);
	if (p->text[0] == '\0')
		form_page_problem(&p->form, "minutes", "Write the minutes");
	else if (strlen(p->text) > MEETING_MINUTES_MAX)
		form_page_problem(&p->form, "minutes",
		    "The minutes must be %d characters or "
		    "fewer", MEETING_MINUTES_MAX);
	return true;
}

static enum herr
minutes_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_minutes_save(p->r->st, p->c.m->id, p->text,
	    form_page_version_value(&p->form), cx, d);
}

static const struct mform minutes_form = {
	.title = "Minutes",
	.button = "Save the minutes",
	.saved = "meeting-minutes",
	.anchor = "minutes",
	.audit = AUDIT_EDIT,
	.need = MC_RUN,
	.back_to_form = true,
	.find = minutes_find,
	.fields = minutes_fields,
	.defaults = minutes_defaults,
	.render = minutes_render,
	.parse = minutes_parse,
	.save = minutes_save,
};

/* ============================================================ sending */

static const struct {
	const char *code;
	enum doc_kind doc;
	enum doc_audience aud;
	const char *label;
} send_docs[] = {
	{ "plan-family", DOC_PLAN, AUD_FAMILY, "The plan, for the family" },
	{ "plan-agencies", DOC_PLAN, AUD_AGENCIES, "The plan, for agencies" },
	{ "minutes-family", DOC_MINUTES, AUD_FAMILY,
	    "The minutes, for the family" },
	{ "minutes-agencies", DOC_MINUTES, AUD_AGENCIES,
	    "The minutes, for agencies" },
};

static const struct ui_option send_methods[] = {
	{ "secure-email", "Secure email" },
	{ "email", "Email" },
	{ "post", "Post" },
	{ "by-hand", "By hand" },
	{ "other", "Another way" },
};

static bool
sent_find(struct mf *p)
{
	const struct meeting *m = p->c.m;

	if (m->status != MEETING_HELD || (m->plan_saved_at == 0 &&
	    m->minutes_saved_at == 0))
		p->readonly = true;
	return true;
}

static void
sent_fields(struct mf *p)
{
	form_page_field(&p->form, "documents", "What was sent", false, true,
	    mf_valid_code, 20);
	form_page_field(&p->form, "method", "How", false, false, mf_valid_code,
	    20);
	form_page_field(&p->form, "method_other", "How", false, false,
	    mf_valid_line, MEETING_NAME_MAX + 8);
	form_page_field(&p->form, "recipients", "Who to", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_date_fields(&p->form, "sent_on", "Date sent");
	form_page_field(&p->form, "sent_time", "Time sent", false, false,
	    mf_valid_line, 40);
}

static void
sent_defaults(struct mf *p)
{
	char c[8];
	hday day;
	int minute;

	mp_uk_local(p->r->now, &day, &minute);
	form_page_def_date(&p->form, "sent_on", day);
	form_page_def(&p->form, "sent_time", "%s", mp_clock(minute, c,
	    sizeof(c)));
}

static void
sent_render(struct mf *p, struct html *h)
{
	const struct meeting *m = p->c.m;
	struct ui_option docs[4];
	struct meeting_distribution d;
	char buf[200];
	int n = 0;
	bool late;

	if (p->readonly) {
		ui_para(h, "The plan and the minutes can be sent once they have "
		    "been written.");
		return;
	}
	meeting_distribution(m, p->r->now, &d);
	ui_para(h, mp_sent_status(&d, true, buf, sizeof(buf), &late));
	ui_para(h, "The plan and the minutes go to the family and to every "
	    "agency within 72 hours of the conference.");
	for (size_t i = 0; i < sizeof(send_docs) / sizeof(send_docs[0]); i++)
		if (send_docs[i].doc == DOC_PLAN ? m->plan_saved_at != 0 :
		    m->minutes_saved_at != 0)
			docs[n++] = (struct ui_option){ send_docs[i].code,
			    send_docs[i].label };
	form_page_checkboxes(&p->form, h, "documents", "What was sent?",
	    "Select everything "
	    "that went at the same time", docs, n);
	form_page_radios(&p->form, h, "method", "How was it sent?", NULL,
	    send_methods, 5);
	form_page_input(&p->form, h, "method_other", "If another way, how?",
	    NULL, UI_W_20);
	form_page_textarea(&p->form, h, "recipients", "Who was it sent to?",
	    "For example: "
	    "mother and father; the school; the health visitor");
	form_page_date_input(&p->form, h, "sent_on", "When was it sent?", NULL);
	form_page_input(&p->form, h, "sent_time", "At what time?",
	    "For example, 15:00 or "
	    "3pm", UI_W_5);
}

static bool
sent_parse(struct mf *p)
{
	const char *method = form_page_val(&p->form, "method"),
	    *t = form_page_val(&p->form, "sent_time");
	char how[MEETING_NAME_MAX + 1], who[MEETING_TEXT_MAX + 1];
	int minute = mp_parse_clock(t);
	int64_t at = 0;
	hday day = HDAY_NONE;

	how[0] = '\0';
	for (size_t i = 0; i < sizeof(send_methods) / sizeof(send_methods[0]);
	    i++)
		if (strcmp(method, send_methods[i].value) == 0)
			text_cut(how, sizeof(how), send_methods[i].label);
	if (strcmp(method, "other") == 0) {
		text_trim(how, sizeof(how), form_page_val(&p->form,
		    "method_other"));
		if (how[0] == '\0')
			form_page_problem(&p->form, "method_other",
			    "Enter how it was sent");
	} else if (how[0] == '\0')
		form_page_problem(&p->form, "method", "Select how it was sent");
	mf_text_into(p, "recipients", who, sizeof(who));
	if (form_page_date_value(&p->form, "sent_on", "the date it was sent",
	    true, &day)) {
		if (t[0] == '\0')
			form_page_problem(&p->form, "sent_time",
			    "Enter the time it was sent");
		else if (minute < 0)
			form_page_problem(&p->form, "sent_time",
			    "Enter the time as hours and "
			    "minutes, like 15:00 or 3pm");
		else
			at = meeting_start_utc(day, minute);
	}
	p->nsends = 0;
	for (int i = 0; i < p->form.body->n; i++) {
		const struct form_pair *fp = &p->form.body->pair[i];
		size_t k;

		if (strcmp(fp->name, "documents") != 0)
			continue;
		for (k = 0; k < sizeof(send_docs) / sizeof(send_docs[0]); k++)
			if (strcmp(fp->value, send_docs[k].code) == 0)
				break;
		if (k == sizeof(send_docs) / sizeof(send_docs[0]) ||
		    p->nsends >= DOC__COUNT * AUD__COUNT) {
			form_page_problem(&p->form, "documents",
			    "Select documents from the "
			    "list");
			continue;
		}
		memset(&p->sends[p->nsends], 0, sizeof(p->sends[0]));
		p->sends[p->nsends].doc = send_docs[k].doc;
		p->sends[p->nsends].audience = send_docs[k].aud;
		text_cut(p->sends[p->nsends].method,
		    sizeof(p->sends[0].method), how);
		text_cut(p->sends[p->nsends].recipients,
		    sizeof(p->sends[0].recipients), who);
		p->sends[p->nsends].sent_at = at;
		p->nsends++;
	}
	if (p->nsends == 0)
		form_page_problem(&p->form, "documents",
		    "Select what was sent");
	return true;
}

static enum herr
sent_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	enum herr e = HERR_OK;

	for (int i = 0; i < p->nsends && e == HERR_OK; i++)
		e = record_send_add(p->r->st, p->c.m->id, &p->sends[i], cx, d);
	return e;
}

static void
sent_map(struct mf *p, struct hdiag *d)
{
	(void)p;
	if (strcmp(d->field, "sent_at") == 0)
		text_cut(d->field, sizeof(d->field), "sent_on");
	else if (strcmp(d->field, "doc") == 0 ||
	    strcmp(d->field, "audience") == 0)
		text_cut(d->field, sizeof(d->field), "documents");
}

static const struct mform sent_form = {
	.title = "Record what was sent",
	.button = "Save",
	.saved = "meeting-sent",
	.anchor = "documents",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.find = sent_find,
	.fields = sent_fields,
	.defaults = sent_defaults,
	.render = sent_render,
	.parse = sent_parse,
	.save = sent_save,
	.map = sent_map,
};

/* =========================================================== feedback */

static bool
feedback_find(struct mf *p)
{
	const char *from = p->form.body != NULL ? form_get(p->form.body,
	    "from") :
	    form_get(&p->r->query, "from");
	int k = feedback_from_parse(text_nz(from));

	if (k < 0 || k >= FEEDBACK__COUNT)
		return false;
	p->from = (enum feedback_from)k;
	text_cut(p->title, sizeof(p->title), p->from == FEEDBACK_CHILD ?
	    "Feedback from a child" : "Feedback from a parent or carer");
	if (p->c.m->status != MEETING_HELD)
		p->readonly = true;
	return true;
}

static void
feedback_fields(struct mf *p)
{
	form_page_field(&p->form, "from", "From", false, false, mf_valid_code,
	    10);
	form_page_field(&p->form, "name", "Name", false, false, mf_valid_line,
	    MEETING_NAME_MAX + 8);
	for (int q = 1; q <= FEEDBACK_QUESTIONS; q++)
		form_page_fieldf(&p->form, "Answer", form_page_valid_digits, 1,
		    "q%d", q);
	form_page_field(&p->form, "comments", "Comments", false, false,
	    mf_valid_note, MEETING_TEXT_MAX + 200);
	form_page_date_fields(&p->form, "given_on", "Date given");
}

static void
feedback_defaults(struct mf *p)
{
	form_page_def(&p->form, "from", "%s", feedback_from_code(p->from));
	form_page_def_date(&p->form, "given_on", p->r->today);
}

static void
feedback_render(struct mf *p, struct html *h)
{
	struct ui_option opts[6];
	char vals[6][16], n[16];
	int k = 0;

	if (p->readonly) {
		ui_para(h, "Feedback is recorded after the conference.");
		return;
	}
	for (int a = 5; a >= 1; a--) {
		snprintf(vals[k], sizeof(vals[k]), "%d", a);
		opts[k] = (struct ui_option){ vals[k],
		    feedback_answer_label(a) };
		k++;
	}
	opts[k++] = (struct ui_option){ "0", "Not answered" };
	ui_hidden(h, "from", feedback_from_code(p->from));
	ui_para(h, p->from == FEEDBACK_CHILD ? "Copy the child's answers from "
	    "their form." : "Copy the answers from the parent's or carer's "
	    "form.");
	form_page_input(&p->form, h, "name", "Name (optional)",
	    "Leave this empty if they did "
	    "not give it", UI_W_20);
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		snprintf(n, sizeof(n), "q%d", q + 1);
		form_page_radios(&p->form, h, n, feedback_question(p->from, q),
		    NULL, opts, k);
	}
	form_page_textarea(&p->form, h, "comments", "Anything else they said",
	    NULL);
	form_page_date_input(&p->form, h, "given_on",
	    "When was the form filled in?", NULL);
}

static bool
feedback_parse(struct mf *p)
{
	struct feedback *f = &p->fb;
	char n[16];

	memset(f, 0, sizeof(*f));
	f->from = p->from;
	text_trim(f->name, sizeof(f->name), form_page_val(&p->form, "name"));
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		const char *v;

		snprintf(n, sizeof(n), "q%d", q + 1);
		v = form_page_val(&p->form, n);
		f->answers[q] = v[0] != '\0' ? (int)(v[0] - '0') : 0;
		if (f->answers[q] < 0 || f->answers[q] > 5) {
			form_page_problem(&p->form, n,
			    "Select an answer from the list");
			f->answers[q] = 0;
		}
	}
	mf_text_into(p, "comments", f->comments, sizeof(f->comments));
	(void)form_page_date_value(&p->form, "given_on",
	    "the date the form was filled in",
	    true, &f->given_on);
	f->recorded_by = p->r->who.staff_id;
	return true;
}

static enum herr
feedback_save(struct mf *p, const struct journey_ctx *cx, struct hdiag *d)
{
	return record_feedback_add(p->r->st, p->c.m->id, &p->fb, cx, d);
}

static void
feedback_map(struct mf *p, struct hdiag *d)
{
	int k;

	(void)p;
	if (sscanf(d->field, "answers[%d]", &k) == 1 && k >= 0 &&
	    k < FEEDBACK_QUESTIONS)
		snprintf(d->field, sizeof(d->field), "q%d", k + 1);
	else if (strcmp(d->field, "answers") == 0 ||
	    strcmp(d->field, "from") == 0)
		text_cut(d->field, sizeof(d->field), "q1");
}

static const struct mform feedback_form = {
	.title = "Feedback",
	.button = "Save the feedback",
	.saved = "meeting-feedback",
	.anchor = "feedback",
	.audit = AUDIT_CREATE,
	.need = MC_RUN,
	.find = feedback_find,
	.fields = feedback_fields,
	.defaults = feedback_defaults,
	.render = feedback_render,
	.parse = feedback_parse,
	.save = feedback_save,
	.map = feedback_map,
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

FORM_ROUTES(attendance, attendance_form)
FORM_ROUTES(participation, participation_form)
FORM_ROUTES(report, report_form)
FORM_ROUTES(shared, shared_form)
FORM_ROUTES(view, view_form)
FORM_ROUTES(decision, decision_form)
FORM_ROUTES(plan, plan_form)
FORM_ROUTES(minutes, minutes_form)
FORM_ROUTES(sent, sent_form)
FORM_ROUTES(feedback, feedback_form)
