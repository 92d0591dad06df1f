/*
 * form_page.c: a form page's values, allow-list and problems, and the
 * GOV.UK controls drawn from them (form_page.h).
 *
 * Every value reaches the page through the html writer, escaped; the
 * markup is the GOV.UK Design System's (classes, ids, aria attributes),
 * each control's id being its field's name so that the error summary's
 * links land on it.  Nothing here knows what a form is for.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/form_page.h"
#include "core/banned.h"

/* The aria-describedby of a control with an optional hint and error. */
static void
described_by(struct html *h, const char *name, bool hinted, bool erred)
{
	if (hinted && erred)
		html_attrf(h, "aria-describedby", "%s-hint %s-error", name,
		    name);
	else if (hinted)
		html_attrf(h, "aria-describedby", "%s-hint", name);
	else if (erred)
		html_attrf(h, "aria-describedby", "%s-error", name);
}

/* ============================================================ values */

void
form_page_init(struct form_page *fp, const struct form *body)
{
	memset(fp, 0, sizeof(*fp));
	fp->body = body;
	fp->e.d = fp->diags;
}

void
form_page_clear(struct form_page *fp)
{
	for (int i = 0; i < fp->nd; i++) {
		free(fp->d[i].value);
		fp->d[i].value = NULL;
	}
	fp->nd = 0;
}

const char *
form_page_val(const struct form_page *fp, const char *name)
{
	const char *v;

	if (fp->body != NULL) {
		v = form_get(fp->body, name);
		return v != NULL ? v : "";
	}
	for (int i = 0; i < fp->nd; i++)
		if (strcmp(fp->d[i].name, name) == 0)
			return fp->d[i].value;
	return "";
}

bool
form_page_val_has(const struct form_page *fp, const char *name,
    const char *value)
{
	if (fp->body != NULL) {
		for (int i = 0; i < fp->body->n; i++)
			if (strcmp(fp->body->pair[i].name, name) == 0 &&
			    strcmp(fp->body->pair[i].value, value) == 0)
				return true;
		return false;
	}
	for (int i = 0; i < fp->nd; i++)
		if (strcmp(fp->d[i].name, name) == 0 &&
		    strcmp(fp->d[i].value, value) == 0)
			return true;
	return false;
}

void
form_page_def(struct form_page *fp, const char *name, const char *fmt, ...)
{
	va_list ap, ap2;
	int n;

	if (fp->nd >= FORM_PAGE_VALS_MAX)
		return;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	snprintf(fp->d[fp->nd].name, sizeof(fp->d[fp->nd].name), "%s", name);
	fp->d[fp->nd].value = xmalloc((size_t)n + 1);
	vsnprintf(fp->d[fp->nd].value, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fp->nd++;
}

void
form_page_def_text(struct form_page *fp, const char *name, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	form_page_def(fp, name, "%s", value);
}

void
form_page_def_date(struct form_page *fp, const char *name, hday day)
{
	char n[FORM_NAME_MAX + 1];
	int y, m, d;

	if (day == HDAY_NONE)
		return;
	hdate_to_ymd(day, &y, &m, &d);
	snprintf(n, sizeof(n), "%s-day", name);
	form_page_def(fp, n, "%d", d);
	snprintf(n, sizeof(n), "%s-month", name);
	form_page_def(fp, n, "%d", m);
	snprintf(n, sizeof(n), "%s-year", name);
	form_page_def(fp, n, "%d", y);
}

void
form_page_def_version(struct form_page *fp, int64_t v)
{
	form_page_def(fp, "version", "%" PRId64, v);
}

int64_t
form_page_version_value(const struct form_page *fp)
{
	const char *v = fp->version[0] ? fp->version :
	    form_page_val(fp, "version");
	char *end;
	long long x = strtoll(v, &end, 10);

	return v[0] != '\0' && *end == '\0' && x > 0 ? (int64_t)x : 0;
}

void
form_page_version_hidden(const struct form_page *fp, struct html *h)
{
	ui_hidden(h, "version", fp->version[0] ? fp->version :
	    form_page_val(fp, "version"));
}

/* ======================================================== allow-list */

void
form_page_field(struct form_page *fp, const char *name, const char *label,
    bool required, bool repeatable, form_validator valid, size_t max)
{
	struct form_field *f;

	if (fp->nfields >= FORM_PAGE_FIELDS_MAX)
		return;
	snprintf(fp->fname[fp->nfields], sizeof(fp->fname[0]), "%s", name);
	f = &fp->fields[fp->nfields];
	f->name = fp->fname[fp->nfields];
	f->label = label;
	f->required = required;
	f->repeatable = repeatable;
	f->valid = valid;
	f->max = max;
	fp->nfields++;
}

void
form_page_fieldf(struct form_page *fp, const char *label,
    form_validator valid, size_t max, const char *fmt, ...)
{
	char name[FORM_NAME_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	form_page_field(fp, name, label, false, false, valid, max);
}

bool
form_page_has_field(const struct form_page *fp, const char *name)
{
	for (int i = 0; i < fp->nfields; i++)
		if (strcmp(fp->fields[i].name, name) == 0)
			return true;
	return false;
}

void
form_page_first_field(const struct form_page *fp, const char *const *skip,
    size_t nskip, char *out, size_t cap)
{
	for (int i = 0; i < fp->nfields; i++) {
		const char *n = fp->fields[i].name;
		size_t len = strlen(n);
		bool hidden = false;

		for (size_t k = 0; k < nskip; k++)
			hidden = hidden || strcmp(n, skip[k]) == 0;
		if (hidden)
			continue;
		if (len > 4 && strcmp(n + len - 4, "-day") == 0)
			len -= 4;
		if (len >= cap)
			len = cap - 1;
		memcpy(out, n, len);
		out[len] = '\0';
		return;
	}
	if (cap > 0)
		out[0] = '\0';
}

/* ========================================================== problems */

void
form_page_error_add(struct form_page *fp, const struct hdiag *d)
{
	for (int i = 0; i < fp->e.n; i++)
		if (strcmp(fp->diags[i].field, d->field) == 0)
			return;
	if (fp->e.n < FORM_PAGE_ERRORS_MAX)
		fp->diags[fp->e.n++] = *d;
	fp->e.d = fp->diags;
}

void
form_page_problem(struct form_page *fp, const char *field, const char *fmt,
    ...)
{
	struct hdiag d;
	va_list ap;

	hdiag_clear(&d);
	snprintf(d.field, sizeof(d.field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	form_page_error_add(fp, &d);
}

bool
form_page_date_part(struct hdiag *d)
{
	static const char *const parts[] = { "-day", "-month", "-year" };
	size_t len = strlen(d->field);

	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		size_t pl = strlen(parts[k]);

		if (len > pl && strcmp(d->field + len - pl, parts[k]) == 0) {
			d->field[len - pl] = '\0';
			return true;
		}
	}
	return false;
}

void
form_page_map(const struct form_page *fp, struct hdiag *d,
    const char *const *skip, size_t nskip)
{
	char n[FORM_NAME_MAX + 8];

	if (form_page_date_part(d))
		return;
	if (d->field[0] != '\0' && form_page_has_field(fp, d->field))
		return;
	snprintf(n, sizeof(n), "%s-day", d->field);
	if (d->field[0] != '\0' && form_page_has_field(fp, n))
		return;
	form_page_first_field(fp, skip, nskip, d->field, sizeof(d->field));
}

/* Whether the body holds a field the form did not declare. */
static bool
unknown_field(const struct form_page *fp)
{
	for (int i = 0; i < fp->body->n; i++)
		if (!form_page_has_field(fp, fp->body->pair[i].name))
			return true;
	return false;
}

bool
form_page_check(struct form_page *fp, struct req *r, struct resp *w,
    void (*map)(void *ctx, struct hdiag *d), void *ctx, bool *answered)
{
	struct hdiag got[FORM_PAGE_ERRORS_MAX];
	int nbad = 0;

	*answered = false;
	if (form_check(fp->body, fp->fields, fp->nfields, got,
	    FORM_PAGE_ERRORS_MAX, &nbad) == HERR_OK)
		return true;
	if (unknown_field(fp)) {
		web_bad_request(r, w, "The form sent a field this page does "
		    "not accept. Go back, reload the page and try again.");
		*answered = true;
		return false;
	}
	for (int i = 0; i < nbad && i < FORM_PAGE_ERRORS_MAX; i++) {
		if (map != NULL)
			map(ctx, &got[i]);
		else
			(void)form_page_date_part(&got[i]);
		form_page_error_add(fp, &got[i]);
	}
	return false;
}

enum herr
form_page_valid_digits(const char *v, const char *label, struct hdiag *d)
{
	for (const char *s = v; *s; s++)
		if (*s < '0' || *s > '9')
			return hdiag_set(d, HERR_INVALID, NULL, "", "%s must be "
			    "a number", label);
	return HERR_OK;
}

/* ============================================================= dates */

void
form_page_date_fields(struct form_page *fp, const char *name,
    const char *label)
{
	form_page_fieldf(fp, label, form_page_valid_digits, 2, "%s-day", name);
	form_page_fieldf(fp, label, form_page_valid_digits, 2, "%s-month",
	    name);
	form_page_fieldf(fp, label, form_page_valid_digits, 4, "%s-year",
	    name);
}

bool
form_page_date_blank(const struct form_page *fp, const char *name)
{
	static const char *const parts[] = { "day", "month", "year" };
	char n[FORM_NAME_MAX + 8];

	for (int i = 0; i < 3; i++) {
		snprintf(n, sizeof(n), "%s-%s", name, parts[i]);
		if (form_page_val(fp, n)[0] != '\0')
			return false;
	}
	return true;
}

bool
form_page_date_value(struct form_page *fp, const char *name,
    const char *what, bool required, hday *out)
{
	char n[FORM_NAME_MAX + 1], What[120];
	const char *dv, *mv, *yv, *missing = NULL;
	int nmissing = 0;
	long d, m, y;

	*out = HDAY_NONE;
	snprintf(n, sizeof(n), "%s-day", name);
	dv = form_page_val(fp, n);
	snprintf(n, sizeof(n), "%s-month", name);
	mv = form_page_val(fp, n);
	snprintf(n, sizeof(n), "%s-year", name);
	yv = form_page_val(fp, n);
	snprintf(What, sizeof(What), "%s", what);
	if (What[0] >= 'a' && What[0] <= 'z')
		What[0] = (char)(What[0] - 'a' + 'A');
	if (yv[0] == '\0') {
		missing = "a year";
		nmissing++;
	}
	if (mv[0] == '\0') {
		missing = "a month";
		nmissing++;
	}
	if (dv[0] == '\0') {
		missing = "a day";
		nmissing++;
	}
	if (nmissing == 3) {
		if (!required)
			return true;
		form_page_problem(fp, name, "Enter %s", what);
		return false;
	}
	if (nmissing == 2) {
		form_page_problem(fp, name, "%s must include %s and %s", What,
		    dv[0] == '\0' ? "a day" : "a month", yv[0] == '\0' ?
		    "a year" : "a month");
		return false;
	}
	if (nmissing == 1) {
		form_page_problem(fp, name, "%s must include %s", What,
		    missing);
		return false;
	}
	d = strtol(dv, NULL, 10);
	m = strtol(mv, NULL, 10);
	y = strtol(yv, NULL, 10);
	if (strlen(yv) != 4) {
		form_page_problem(fp, name, "The year must include 4 numbers");
		return false;
	}
	if (!hdate_valid((int)y, (int)m, (int)d) ||
	    hdate_from_ymd((int)y, (int)m, (int)d, out) != HERR_OK) {
		*out = HDAY_NONE;
		form_page_problem(fp, name, "%s must be a real date", What);
		return false;
	}
	return true;
}

void
form_page_date_input(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint)
{
	static const struct {
		const char *part, *label, *cls;
	} parts[] = {
		{ "day", "Day", "govuk-input--width-2" },
		{ "month", "Month", "govuk-input--width-2" },
		{ "year", "Year", "govuk-input--width-4" },
	};
	const char *err = ui_error_for(&fp->e, name);
	char n[FORM_NAME_MAX + 1];

	if (hint == NULL)
		hint = "For example, 27 3 2026";
	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\" role=\"group\"");
	described_by(h, name, true, err != NULL);
	html_lit(h, "><legend class=\"govuk-fieldset__legend govuk-fieldset__"
	    "legend--s\">");
	html_text(h, legend);
	html_lit(h, "</legend>");
	ui_hint(h, name, hint);
	ui_error_message(h, name, err);
	html_lit(h, "<div class=\"govuk-date-input\"");
	html_attrf(h, "id", "%s-input", name);
	html_lit(h, ">");
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		snprintf(n, sizeof(n), "%s-%s", name, parts[i].part);
		html_lit(h, "<div class=\"govuk-date-input__item\"><div class=\""
		    "govuk-form-group\"><label class=\"govuk-label "
		    "govuk-date-input__label\"");
		/* The day box carries the field's own id, which the error
		 * summary links to. */
		html_attr(h, "for", i == 0 ? name : n);
		html_lit(h, ">");
		html_text(h, parts[i].label);
		html_lit(h, "</label><input");
		html_attrf(h, "class", "govuk-input govuk-date-input__input %s%s",
		    parts[i].cls, err != NULL ? " govuk-input--error" : "");
		html_attr(h, "id", i == 0 ? name : n);
		html_attr(h, "name", n);
		html_lit(h, " type=\"text\" inputmode=\"numeric\"");
		html_attr(h, "value", form_page_val(fp, n));
		html_lit(h, "></div></div>");
	}
	html_lit(h, "</div></fieldset></div>\n");
}

/* ========================================================== controls */

/* The form group, fieldset and legend of a group of choices. */
static void
choices_start(const struct form_page *fp, struct html *h, const char *name,
    const char *legend, const char *hint)
{
	const char *err = ui_error_for(&fp->e, name);

	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\"");
	described_by(h, name, hint != NULL, err != NULL);
	html_lit(h, "><legend class=\"govuk-fieldset__legend govuk-fieldset__"
	    "legend--s\">");
	html_text(h, legend);
	html_lit(h, "</legend>");
	ui_hint(h, name, hint);
	ui_error_message(h, name, err);
}

/* The radios or checkboxes of a group; the first carries the field's id. */
static void
choices(const struct form_page *fp, struct html *h, const char *name,
    const struct ui_option *opts, int n, bool radio)
{
	const char *value = form_page_val(fp, name);

	for (int i = 0; i < n; i++) {
		if (radio)
			html_lit(h, "<div class=\"govuk-radios__item\"><input "
			    "class=\"govuk-radios__input\" type=\"radio\"");
		else
			html_lit(h, "<div class=\"govuk-checkboxes__item\"><input "
			    "class=\"govuk-checkboxes__input\" type=\"checkbox\"");
		if (i == 0)
			html_attr(h, "id", name);
		else
			html_attrf(h, "id", "%s-%d", name, i);
		html_attr(h, "name", name);
		html_attr(h, "value", opts[i].value);
		if (radio ? strcmp(value, opts[i].value) == 0 :
		    form_page_val_has(fp, name, opts[i].value))
			html_lit(h, " checked");
		if (radio)
			html_lit(h, "><label class=\"govuk-label govuk-radios__"
			    "label\"");
		else
			html_lit(h, "><label class=\"govuk-label govuk-checkboxes__"
			    "label\"");
		if (i == 0)
			html_attr(h, "for", name);
		else
			html_attrf(h, "for", "%s-%d", name, i);
		html_lit(h, ">");
		html_text(h, opts[i].label);
		html_lit(h, "</label></div>");
	}
	html_lit(h, "</div></fieldset></div>\n");
}

void
form_page_radios(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint,
    const struct ui_option *opts, int n)
{
	choices_start(fp, h, name, legend, hint);
	if (n <= 3)
		html_lit(h, "<div class=\"govuk-radios govuk-radios--small "
		    "govuk-radios--inline\">");
	else
		html_lit(h, "<div class=\"govuk-radios govuk-radios--small\">");
	choices(fp, h, name, opts, n, true);
}

void
form_page_checkboxes(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint,
    const struct ui_option *opts, int n)
{
	choices_start(fp, h, name, legend, hint);
	html_lit(h, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" "
	    "data-module=\"govuk-checkboxes\">");
	choices(fp, h, name, opts, n, false);
}

void
form_page_input(const struct form_page *fp, struct html *h, const char *name,
    const char *label, const char *hint, enum ui_width width)
{
	ui_input(h, &fp->e, name, label, hint, form_page_val(fp, name), width);
}

void
form_page_textarea(const struct form_page *fp, struct html *h,
    const char *name, const char *label, const char *hint)
{
	ui_textarea(h, &fp->e, name, label, hint, form_page_val(fp, name));
}

void
form_page_hidden(const struct form_page *fp, struct html *h,
    const char *name)
{
	ui_hidden(h, name, form_page_val(fp, name));
}

void
form_page_textarea_rows(const struct form_page *fp, struct html *h,
    const char *name, const char *label, const char *hint, int rows)
{
	const char *err = ui_error_for(&fp->e, name);

	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><label class=\"govuk-label govuk-label--s\"");
	html_attr(h, "for", name);
	html_lit(h, ">");
	html_text(h, label);
	html_lit(h, "</label>");
	ui_hint(h, name, hint);
	ui_error_message(h, name, err);
	html_lit(h, "<textarea");
	html_attrf(h, "rows", "%d", rows);
	html_attr(h, "class", err != NULL ?
	    "govuk-textarea govuk-textarea--error" : "govuk-textarea");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	/* ui_hint writes nothing for "": nothing to point at. */
	described_by(h, name, hint != NULL && hint[0] != '\0', err != NULL);
	html_lit(h, ">");
	html_text(h, form_page_val(fp, name));
	html_lit(h, "</textarea></div>\n");
}
