/*
 * ui.h: the page frame and GOV.UK Design System components, written
 * through the html writer so every value is escaped.
 *
 * Pages call ui_page_start / ui_page_end around their content and build
 * forms from the field helpers, which render the label, hint, the error
 * message of that field (if any diag names it) and the input, with the
 * classes and ids GOV.UK Frontend expects.  ui_error_summary renders the
 * error summary pattern linking each problem to its field.
 */
#ifndef HEARTH_WEB_UI_H
#define HEARTH_WEB_UI_H

#include "web/web.h"

/* Errors of a form being re-shown: one diag per problem field. */
struct ui_errors {
	const struct hdiag *d;
	int n;
};

/* Start the page: head, header with service name and navigation, the
 * phase banner, and <main>.  `title` is the page's h1 and <title>. */
void ui_page_start(struct req *r, struct resp *w, const char *title);
/* Same, with an error summary: "Error: " is prefixed to the title. */
void ui_page_start_errors(struct req *r, struct resp *w, const char *title,
    const struct ui_errors *e);
void ui_page_end(struct req *r, struct resp *w);

/* A "Back" link above the h1. */
void ui_back_link(struct html *h, const char *href);
/* <h1 class="govuk-heading-l"> with an optional caption above it. */
void ui_heading(struct html *h, const char *caption, const char *title);

/* The error summary (nothing when there are no errors). */
void ui_error_summary(struct html *h, const struct ui_errors *e);
/* The message for `field`, or NULL. */
const char *ui_error_for(const struct ui_errors *e, const char *field);

/* A field's hint (id NAME-hint; nothing when hint is NULL or "") and its
 * error message (id NAME-error, with the hidden "Error:" prefix; nothing
 * when err is NULL), for form groups the ui_ helpers do not build whole. */
void ui_hint(struct html *h, const char *name, const char *hint);
void ui_error_message(struct html *h, const char *name, const char *err);

/* <form method="post" action="..."> with the CSRF field; close with
 * ui_form_end. */
void ui_form_start(struct req *r, struct html *h, const char *action);
void ui_form_end(struct html *h);
/* The hidden CSRF field alone (for forms started by hand). */
void ui_csrf(struct req *r, struct html *h);
void ui_hidden(struct html *h, const char *name, const char *value);

enum ui_width { UI_W_FULL, UI_W_20, UI_W_10, UI_W_5 };

void ui_input(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value,
    enum ui_width width);
void ui_password(struct html *h, const struct ui_errors *e,
    const char *name, const char *label, const char *autocomplete);
/* A date as one text box in YYYY-MM-DD (with that hint). */
void ui_date(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const char *hint, const char *value);
void ui_textarea(struct html *h, const struct ui_errors *e,
    const char *name, const char *label, const char *hint,
    const char *value);

struct ui_option {
	const char *value;
	const char *label;
};
/* A select; the option equal to `value` is selected.  Options first. */
void ui_select(struct html *h, const struct ui_errors *e, const char *name,
    const char *label, const struct ui_option *opts, int n,
    const char *value);
/* Radios, inline when small. */
void ui_radios(struct html *h, const struct ui_errors *e, const char *name,
    const char *legend, const struct ui_option *opts, int n,
    const char *value);

void ui_button(struct html *h, const char *text);
void ui_button_secondary(struct html *h, const char *text);
/* A link styled as a button. */
void ui_button_link(struct html *h, const char *href, const char *text);

/* Summary list: ui_summary_start, then rows, then ui_summary_end. */
void ui_summary_start(struct html *h);
void ui_summary_row(struct html *h, const char *key, const char *value);
void ui_summary_end(struct html *h);

/* Table: caption, headers, then ui_table_row_start/cell/row_end. */
void ui_table_start(struct html *h, const char *caption,
    const char *const *headers, int n);
void ui_table_row_start(struct html *h);
void ui_table_cell(struct html *h, const char *text);
/* A cell holding a whole number. */
void ui_table_cell_int(struct html *h, int64_t v);
/* A cell holding a link. */
void ui_table_cell_link(struct html *h, const char *href, const char *text);
void ui_table_row_end(struct html *h);
void ui_table_end(struct html *h);
/* For a table started at its first row: end it when `shown` rows were
 * written, else say `none` in a paragraph instead. */
void ui_table_end_or(struct html *h, int shown, const char *none);

void ui_para(struct html *h, const char *text);
void ui_inset(struct html *h, const char *text);
void ui_warning(struct html *h, const char *text);
/* A green notification banner for "saved" messages. */
void ui_success(struct html *h, const char *title, const char *text);
void ui_tag(struct html *h, const char *text, const char *colour);
/* A link with href and text. */
void ui_link(struct html *h, const char *href, const char *text);

/* "Given Family" into out, each name cut at PERSON_NAME_MAX. */
#define UI_NAME_LEN (2 * PERSON_NAME_MAX + 2)
void ui_full_name(char out[UI_NAME_LEN], const char *given,
    const char *family);

/* "12 March 2015", or `none` (borrowed, returned as is) for no date. */
const char *ui_date_or(hday d, char *buf, size_t cap, const char *none);

/* "12 March 2024"; "" for no date.  buf of at least 20 bytes. */
const char *ui_date_long(hday d, char *buf, size_t cap);
/* "2024-03-12 14:05 UTC" from unix seconds. */
const char *ui_time(int64_t t, char *buf, size_t cap);

#endif
