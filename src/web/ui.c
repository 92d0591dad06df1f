/*
 * ui.c: the page frame and GOV.UK Frontend components of ui.h.
 *
 * The markup follows the GOV.UK Design System's published component HTML
 * (classes, ids, aria attributes) so that govuk-frontend's stylesheet
 * applies and assistive technology gets what it expects.  No inline script
 * or style, ever: the Content-Security-Policy forbids both.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/server.h"
#include "web/ui.h"
#include "core/banned.h"

static const struct {
	const char *href;
	const char *label;
	bool admin_only;
	bool case_work;
	bool practice;		/* not for performance analysts either */
} nav[] = {
	{ "/", "My work", false, true, false },
	{ "/search", "Search", false, true, false },
	{ "/conferences", "Conferences", false, true, true },
	{ "/teams", "Teams", false, false },
	{ "/admin/users", "Users", true, false },
	{ "/account", "Your account", false, false },
};

static bool
nav_current(const char *path, const char *href)
{
	size_t n = strlen(href);

	if (strcmp(href, "/") == 0)
		return strcmp(path, "/") == 0;
	return strncmp(path, href, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

static void
page_head(struct req *r, struct resp *w, const char *title, bool error)
{
	struct html *h = &w->body;
	const char *v = server_asset_version(r->srv);

	w->content_type = "text/html; charset=utf-8";
	html_lit(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template"
	    " govuk-template--rebranded\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>");
	if (error)
		html_lit(h, "Error: ");
	html_text(h, title);
	html_lit(h, " - ");
	html_text(h, server_authority(r->srv));
	html_lit(h, "</title>\n<meta name=\"viewport\" content=\"width=device-"
	    "width, initial-scale=1, viewport-fit=cover\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	    "<link rel=\"icon\" href=\"/assets/favicon.ico\">\n"
	    "<link rel=\"stylesheet\"");
	html_attrf(h, "href", "/assets/govuk-frontend.min.css?v=%s", v);
	html_lit(h, ">\n<link rel=\"stylesheet\"");
	html_attrf(h, "href", "/assets/hearth.css?v=%s", v);
	html_lit(h, ">\n</head>\n<body class=\"govuk-template__body\">\n"
	    "<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main"
	    " content</a>\n<header class=\"govuk-header\">"
	    "<div class=\"govuk-header__container govuk-width-container\">"
	    "<div class=\"govuk-header__logo\"><a href=\"/\" class=\""
	    "govuk-header__link govuk-header__link--homepage\">"
	    "<span class=\"hearth-logotype\">");
	html_text(h, server_authority(r->srv));
	html_lit(h, "</span></a></div></div></header>\n");
	html_lit(h, "<section aria-label=\"Service information\" class=\""
	    "govuk-service-navigation\"><div class=\"govuk-width-container\">"
	    "<div class=\"govuk-service-navigation__container\">"
	    "<span class=\"govuk-service-navigation__service-name\">"
	    "<a href=\"/\" class=\"govuk-service-navigation__link\">"
	    "Children's safeguarding</a></span>");
	if (r->signed_in && !r->api) {
		html_lit(h, "<nav aria-label=\"Menu\" class=\""
		    "govuk-service-navigation__wrapper\"><ul class=\""
		    "govuk-service-navigation__list\" id=\"navigation\">");
		for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
			bool cur = nav_current(r->path, nav[i].href);

			if (nav[i].admin_only && !access_admin(&r->who))
				continue;
			if (nav[i].case_work && (r->who.role ==
			    ROLE_ADMINISTRATOR))
				continue;
			if (nav[i].practice && r->who.role ==
			    ROLE_PERFORMANCE_ANALYST)
				continue;
			html_lit(h, "<li class=\"govuk-service-navigation__item");
			if (cur)
				html_lit(h, " govuk-service-navigation__item--"
				    "active");
			html_lit(h, "\"><a class=\"govuk-service-navigation__"
			    "link\"");
			html_attr(h, "href", nav[i].href);
			if (cur)
				html_lit(h, " aria-current=\"page\"");
			html_lit(h, ">");
			html_text(h, nav[i].label);
			html_lit(h, "</a></li>");
		}
		html_lit(h, "<li class=\"govuk-service-navigation__item\">"
		    "<form method=\"post\" action=\"/sign-out\" class=\""
		    "hearth-inline-form\">");
		ui_csrf(r, h);
		html_lit(h, "<button type=\"submit\" class=\"hearth-link-"
		    "button govuk-service-navigation__link\">Sign out</button>"
		    "</form></li></ul></nav>");
	}
	html_lit(h, "</div></div></section>\n<div class=\"govuk-width-container"
	    "\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void
ui_page_start(struct req *r, struct resp *w, const char *title)
{
	page_head(r, w, title, false);
}

void
ui_page_start_errors(struct req *r, struct resp *w, const char *title,
    const struct ui_errors *e)
{
	page_head(r, w, title, e != NULL && e->n > 0);
	ui_error_summary(&w->body, e);
}

void
ui_page_end(struct req *r, struct resp *w)
{
	struct html *h = &w->body;

	html_lit(h, "</main>\n</div>\n<footer class=\"govuk-footer\">"
	    "<div class=\"govuk-width-container\"><div class=\"govuk-footer__"
	    "meta\"><div class=\"govuk-footer__meta-item govuk-footer__meta-"
	    "item--grow\"><p class=\"govuk-body-s\">");
	if (r->signed_in)
		html_textf(h, "Signed in as %s (%s). Everything you view here "
		    "is recorded.", r->who.display, role_label(r->who.role));
	else
		html_lit(h, "This system holds confidential records about "
		    "children. Only authorised staff may sign in.");
	html_lit(h, "</p></div></div></div></footer>\n</body>\n</html>\n");
}

void
ui_back_link(struct html *h, const char *href)
{
	html_lit(h, "<a class=\"govuk-back-link\"");
	html_attr(h, "href", href);
	html_lit(h, ">Back</a>\n");
}

void
ui_heading(struct html *h, const char *caption, const char *title)
{
	if (caption != NULL && caption[0] != '\0') {
		html_lit(h, "<span class=\"govuk-caption-l\">");
		html_text(h, caption);
		html_lit(h, "</span>");
	}
	html_lit(h, "<h1 class=\"govuk-heading-l\">");
	html_text(h, title);
	html_lit(h, "</h1>\n");
}

const char *
ui_error_for(const struct ui_errors *e, const char *field)
{
	for (int i = 0; e != NULL && i < e->n; i++)
		if (strcmp(e->d[i].field, field) == 0)
			return e->d[i].msg;
	return NULL;
}

void
ui_error_summary(struct html *h, const struct ui_errors *e)
{
	if (e == NULL || e->n == 0)
		return;
	html_lit(h, "<div class=\"govuk-error-summary\" data-module=\""
	    "govuk-error-summary\"><div role=\"alert\"><h2 class=\""
	    "govuk-error-summary__title\">There is a problem</h2>"
	    "<div class=\"govuk-error-summary__body\"><ul class=\"govuk-list"
	    " govuk-error-summary__list\">");
	for (int i = 0; i < e->n; i++) {
		html_lit(h, "<li><a");
		if (e->d[i].field[0] != '\0')
			html_attrf(h, "href", "#%s", e->d[i].field);
		else
			html_attr(h, "href", "#main-content");
		html_lit(h, ">");
		html_text(h, e->d[i].msg);
		html_lit(h, "</a></li>");
	}
	html_lit(h, "</ul></div></div></div>\n");
}

void
ui_csrf(struct req *r, struct html *h)
{
	html_lit(h, "<input type=\"hidden\" name=\"csrf\"");
	html_attr(h, "value", r->has_session ? r->sess.csrf :
	    form_get(&r->cookies, "hearth_csrf"));
	html_lit(h, ">");
}

void
ui_hidden(struct html *h, const char *name, const char *value)
{
	html_lit(h, "<input type=\"hidden\"");
	html_attr(h, "name", name);
	html_attr(h, "value", value);
	html_lit(h, ">");
}

void
ui_form_start(struct req *r, struct html *h, const char *action)
{
	html_lit(h, "<form method=\"post\" novalidate");
	html_attr(h, "action", action);
	html_lit(h, ">");
	ui_csrf(r, h);
}

void
ui_form_end(struct html *h)
{
	html_lit(h, "</form>\n");
}

void
ui_hint(struct html *h, const char *name, const char *hint)
{
	if (hint == NULL || hint[0] == '\0')
		return;
	html_lit(h, "<div class=\"govuk-hint\"");
	html_attrf(h, "id", "%s-hint", name);
	html_lit(h, ">");
	html_text(h, hint);
	html_lit(h, "</div>");
}

void
ui_error_message(struct html *h, const char *name, const char *err)
{
	if (err == NULL)
		return;
	html_lit(h, "<p class=\"govuk-error-message\"");
	html_attrf(h, "id", "%s-error", name);
	html_lit(h, "><span class=\"govuk-visually-hidden\">Error:</span> ");
	html_text(h, err);
	html_lit(h, "</p>");
}

/* The opening of a form group, its label and hint and error message. */
static const char *
group_start(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint)
{
	const char *err = ui_error_for(e, name);

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
	return err;
}

static void
described_by(struct html *h, const char *name, const char *hint,
    const char *err)
{
	char v[160];
	int n = 0;

	v[0] = '\0';
	if (hint != NULL && hint[0] != '\0')
		n = snprintf(v, sizeof(v), "%s-hint", name);
	if (err != NULL && n >= 0 && (size_t)n < sizeof(v))
		snprintf(v + n, sizeof(v) - (size_t)n, "%s%s-error",
		    n ? " " : "", name);
	if (v[0] != '\0')
		html_attr(h, "aria-describedby", v);
}

static const char *const widths[] = {
	[UI_W_FULL] = "govuk-input",
	[UI_W_20] = "govuk-input govuk-input--width-20",
	[UI_W_10] = "govuk-input govuk-input--width-10",
	[UI_W_5] = "govuk-input govuk-input--width-5",
};

static void
input(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value, const char *cls,
    const char *type, const char *autocomplete)
{
	const char *err = group_start(h, e, name, label, hint);

	html_lit(h, "<input");
	if (err != NULL)
		html_attrf(h, "class", "%s govuk-input--error", cls);
	else
		html_attr(h, "class", cls);
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	html_attr(h, "type", type);
	if (autocomplete != NULL)
		html_attr(h, "autocomplete", autocomplete);
	else
		html_lit(h, " spellcheck=\"false\"");
	if (value != NULL)
		html_attr(h, "value", value);
	described_by(h, name, hint, err);
	html_lit(h, "></div>\n");
}

void
ui_input(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value,
    enum ui_width width)
{
	input(h, e, name, label, hint, value, widths[width], "text", NULL);
}

void
ui_password(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *autocomplete)
{
	input(h, e, name, label, NULL, NULL, "govuk-input govuk-input--"
	    "width-20", "password", autocomplete);
}

void
ui_date(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value)
{
	input(h, e, name, label, hint != NULL ? hint :
	    "For example, 2019-03-27", value,
	    "govuk-input govuk-input--width-10", "text", NULL);
}

void
ui_textarea(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value)
{
	const char *err = group_start(h, e, name, label, hint);

	html_lit(h, "<textarea rows=\"5\"");
	html_attr(h, "class", err != NULL ?
	    "govuk-textarea govuk-textarea--error" : "govuk-textarea");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	described_by(h, name, hint, err);
	html_lit(h, ">");
	html_text(h, value);
	html_lit(h, "</textarea></div>\n");
}

void
ui_select(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const struct ui_option *opts, int n,
    const char *value)
{
	const char *err = group_start(h, e, name, label, NULL);

	html_lit(h, "<select");
	html_attr(h, "class", err != NULL ?
	    "govuk-select govuk-select--error" : "govuk-select");
	html_attr(h, "id", name);
	html_attr(h, "name", name);
	described_by(h, name, NULL, err);
	html_lit(h, ">");
	for (int i = 0; i < n; i++) {
		html_lit(h, "<option");
		html_attr(h, "value", opts[i].value);
		if (value != NULL && strcmp(value, opts[i].value) == 0)
			html_lit(h, " selected");
		html_lit(h, ">");
		html_text(h, opts[i].label);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></div>\n");
}

void
ui_radios(struct html *h, const struct ui_errors *e, const char *name,
    const char *legend, const struct ui_option *opts, int n,
    const char *value)
{
	const char *err = ui_error_for(e, name);

	html_lit(h, "<div class=\"govuk-form-group");
	if (err != NULL)
		html_lit(h, " govuk-form-group--error");
	html_lit(h, "\"><fieldset class=\"govuk-fieldset\"");
	if (err != NULL)
		html_attrf(h, "aria-describedby", "%s-error", name);
	html_lit(h, "><legend class=\"govuk-fieldset__legend govuk-fieldset__"
	    "legend--s\">");
	html_text(h, legend);
	html_lit(h, "</legend>");
	ui_error_message(h, name, err);
	if (n <= 3)
		html_lit(h, "<div class=\"govuk-radios govuk-radios--inline\">");
	else
		html_lit(h, "<div class=\"govuk-radios\">");
	for (int i = 0; i < n; i++) {
		/* The first radio carries the field's id so the error summary
		 * link lands on it. */
		html_lit(h, "<div class=\"govuk-radios__item\"><input class=\""
		    "govuk-radios__input\" type=\"radio\"");
		if (i == 0)
			html_attr(h, "id", name);
		else
			html_attrf(h, "id", "%s-%d", name, i);
		html_attr(h, "name", name);
		html_attr(h, "value", opts[i].value);
		if (value != NULL && strcmp(value, opts[i].value) == 0)
			html_lit(h, " checked");
		html_lit(h, "><label class=\"govuk-label govuk-radios__label\"");
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
ui_button(struct html *h, const char *text)
{
	html_lit(h, "<button type=\"submit\" class=\"govuk-button\">");
	html_text(h, text);
	html_lit(h, "</button>\n");
}

void
ui_button_secondary(struct html *h, const char *text)
{
	html_lit(h, "<button type=\"submit\" class=\"govuk-button "
	    "govuk-button--secondary\">");
	html_text(h, text);
	html_lit(h, "</button>\n");
}

void
ui_button_link(struct html *h, const char *href, const char *text)
{
	html_lit(h, "<a role=\"button\" draggable=\"false\" class=\""
	    "govuk-button govuk-button--secondary\"");
	html_attr(h, "href", href);
	html_lit(h, ">");
	html_text(h, text);
	html_lit(h, "</a>\n");
}

void
ui_summary_start(struct html *h)
{
	html_lit(h, "<dl class=\"govuk-summary-list\">");
}

void
ui_summary_row(struct html *h, const char *key, const char *value)
{
	html_lit(h, "<div class=\"govuk-summary-list__row\"><dt class=\""
	    "govuk-summary-list__key\">");
	html_text(h, key);
	html_lit(h, "</dt><dd class=\"govuk-summary-list__value\">");
	html_text(h, value != NULL && value[0] != '\0' ? value : "Not known");
	html_lit(h, "</dd></div>");
}

void
ui_summary_end(struct html *h)
{
	html_lit(h, "</dl>\n");
}

void
ui_table_start(struct html *h, const char *caption, const char *const *hd,
    int n)
{
	html_lit(h, "<table class=\"govuk-table\">");
	if (caption != NULL) {
		html_lit(h, "<caption class=\"govuk-table__caption govuk-table__"
		    "caption--m\">");
		html_text(h, caption);
		html_lit(h, "</caption>");
	}
	html_lit(h, "<thead class=\"govuk-table__head\"><tr class=\""
	    "govuk-table__row\">");
	for (int i = 0; i < n; i++) {
		html_lit(h, "<th scope=\"col\" class=\"govuk-table__header\">");
		/* A column of buttons still needs a name for screen readers. */
		if (hd[i][0] == '\0')
			html_lit(h, "<span class=\"govuk-visually-hidden\">"
			    "Actions</span>");
		else
			html_text(h, hd[i]);
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody class=\"govuk-table__body\">");
}

void
ui_table_row_start(struct html *h)
{
	html_lit(h, "<tr class=\"govuk-table__row\">");
}

void
ui_table_cell(struct html *h, const char *text)
{
	html_lit(h, "<td class=\"govuk-table__cell\">");
	html_text(h, text);
	html_lit(h, "</td>");
}

void
ui_table_cell_int(struct html *h, int64_t v)
{
	html_lit(h, "<td class=\"govuk-table__cell\">");
	html_int(h, v);
	html_lit(h, "</td>");
}

void
ui_table_cell_link(struct html *h, const char *href, const char *text)
{
	html_lit(h, "<td class=\"govuk-table__cell\">");
	ui_link(h, href, text);
	html_lit(h, "</td>");
}

void
ui_table_row_end(struct html *h)
{
	html_lit(h, "</tr>");
}

void
ui_table_end(struct html *h)
{
	html_lit(h, "</tbody></table>\n");
}

void
ui_table_end_or(struct html *h, int shown, const char *none)
{
	if (shown > 0)
		ui_table_end(h);
	else
		ui_para(h, none);
}

void
ui_para(struct html *h, const char *text)
{
	html_lit(h, "<p class=\"govuk-body\">");
	html_text(h, text);
	html_lit(h, "</p>\n");
}

void
ui_inset(struct html *h, const char *text)
{
	html_lit(h, "<div class=\"govuk-inset-text\">");
	html_text(h, text);
	html_lit(h, "</div>\n");
}

void
ui_warning(struct html *h, const char *text)
{
	html_lit(h, "<div class=\"govuk-warning-text\"><span class=\""
	    "govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
	    "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-"
	    "hidden\">Warning</span>");
	html_text(h, text);
	html_lit(h, "</strong></div>\n");
}

void
ui_success(struct html *h, const char *title, const char *text)
{
	html_lit(h, "<div class=\"govuk-notification-banner govuk-"
	    "notification-banner--success\" role=\"alert\" aria-labelledby=\""
	    "govuk-notification-banner-title\"><div class=\"govuk-"
	    "notification-banner__header\"><h2 class=\"govuk-notification-"
	    "banner__title\" id=\"govuk-notification-banner-title\">Success"
	    "</h2></div><div class=\"govuk-notification-banner__content\">"
	    "<h3 class=\"govuk-notification-banner__heading\">");
	html_text(h, title);
	html_lit(h, "</h3>");
	if (text != NULL) {
		html_lit(h, "<p class=\"govuk-body\">");
		html_text(h, text);
		html_lit(h, "</p>");
	}
	html_lit(h, "</div></div>\n");
}

void
ui_tag(struct html *h, const char *text, const char *colour)
{
	html_lit(h, "<strong");
	if (colour != NULL)
		html_attrf(h, "class", "govuk-tag govuk-tag--%s", colour);
	else
		html_attr(h, "class", "govuk-tag");
	html_lit(h, ">");
	html_text(h, text);
	html_lit(h, "</strong>");
}

void
ui_link(struct html *h, const char *href, const char *text)
{
	html_lit(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", href);
	html_lit(h, ">");
	html_text(h, text);
	html_lit(h, "</a>");
}

const char *
ui_date_long(hday d, char *buf, size_t cap)
{
	static const char *const months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	char iso[HDATE_LEN];
	int y, m, day;

	if (cap == 0)
		return "";
	buf[0] = '\0';
	if (d == HDAY_NONE)
		return buf;
	hdate_format(d, iso);
	if (sscanf(iso, "%d-%d-%d", &y, &m, &day) == 3 && m >= 1 && m <= 12)
		snprintf(buf, cap, "%d %s %d", day, months[m - 1], y);
	return buf;
}

void
ui_full_name(char out[UI_NAME_LEN], const char *given, const char *family)
{
	size_t g = strlen(given), f = strlen(family);

	if (g > PERSON_NAME_MAX)
		g = PERSON_NAME_MAX;
	if (f > PERSON_NAME_MAX)
		f = PERSON_NAME_MAX;
	memcpy(out, given, g);
	out[g] = ' ';
	memcpy(out + g + 1, family, f);
	out[g + 1 + f] = '\0';
}

const char *
ui_date_or(hday d, char *buf, size_t cap, const char *none)
{
	return d == HDAY_NONE ? none : ui_date_long(d, buf, cap);
}

const char *
ui_time(int64_t t, char *buf, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (cap == 0)
		return "";
	buf[0] = '\0';
	if (gmtime_r(&tt, &tm) != NULL)
		strftime(buf, cap, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}
