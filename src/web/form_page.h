/*
 * form_page.h: what every HTML form page keeps while it is shown or saved
 * (the values shown, the allow-list the body is checked against, the
 * problems to show, the version a conflict moved it to) and the GOV.UK
 * controls drawn from it.  The journey, Signs of Safety and conference
 * pages embed one struct form_page in their own page state.
 *
 * Dates are GOV.UK date inputs: boxes NAME-day, NAME-month and NAME-year,
 * the day box carrying the id NAME that the error summary links to.
 *
 * It decides nothing about what a form means and never answers a request
 * except form_page_check's 400 for a field the form does not declare.
 */
#ifndef HEARTH_WEB_FORM_PAGE_H
#define HEARTH_WEB_FORM_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "web/form.h"
#include "web/ui.h"
#include "web/web.h"

#define FORM_PAGE_FIELDS_MAX 520	/* a SoS map at its limits */
#define FORM_PAGE_VALS_MAX 420
#define FORM_PAGE_ERRORS_MAX 16

/* One form's state.  Large (about 96 KB): embed it in a heap struct. */
struct form_page {
	const struct form *body;	/* the POST (borrowed), or NULL */
	struct {
		char name[FORM_NAME_MAX + 1];
		char *value;		/* owned */
	} d[FORM_PAGE_VALS_MAX];	/* defaults, shown when no body */
	int nd;
	struct form_field fields[FORM_PAGE_FIELDS_MAX];
	char fname[FORM_PAGE_FIELDS_MAX][FORM_NAME_MAX + 1];
	int nfields;
	struct hdiag diags[FORM_PAGE_ERRORS_MAX];
	struct ui_errors e;		/* the problems, over diags */
	char version[24];		/* after a conflict: the new one */
};

/* Fill `fp` empty, showing `body` (borrowed; NULL: the defaults). */
void form_page_init(struct form_page *fp, const struct form *body);
/* Free the defaults `fp` owns; it may be reused after form_page_init. */
void form_page_clear(struct form_page *fp);

/* The value of `name` to show, from the body or the defaults ("" when
 * neither; borrowed). */
const char *form_page_val(const struct form_page *fp, const char *name);
/* Whether a (repeatable) `name` holds `value`. */
bool form_page_val_has(const struct form_page *fp, const char *name,
    const char *value);

/* A default value, copied (added: a name may have several). */
void form_page_def(struct form_page *fp, const char *name, const char *fmt,
    ...) HEARTH_PRINTF(3, 4);
/* A default text, copied; nothing when it is NULL or "". */
void form_page_def_text(struct form_page *fp, const char *name,
    const char *value);
/* A date's three boxes; nothing for HDAY_NONE. */
void form_page_def_date(struct form_page *fp, const char *name, hday day);
void form_page_def_version(struct form_page *fp, int64_t v);

/* The version a versioned form sends back: the one a conflict showed,
 * else the one it was opened with; 0 when none. */
int64_t form_page_version_value(const struct form_page *fp);
/* That version as the hidden field "version". */
void form_page_version_hidden(const struct form_page *fp, struct html *h);

/* Add a field to the allow-list (name copied, label borrowed). */
void form_page_field(struct form_page *fp, const char *name,
    const char *label, bool required, bool repeatable, form_validator valid,
    size_t max);
/* The same for an optional field whose name is formatted. */
void form_page_fieldf(struct form_page *fp, const char *label,
    form_validator valid, size_t max, const char *fmt, ...)
    HEARTH_PRINTF(5, 6);
bool form_page_has_field(const struct form_page *fp, const char *name);
/* The first field a person fills in (a date as its NAME), skipping the
 * `nskip` names of `skip`; "" when none. */
void form_page_first_field(const struct form_page *fp,
    const char *const *skip, size_t nskip, char *out, size_t cap);

/* Add a problem to show: one per field, the first kept. */
void form_page_error_add(struct form_page *fp, const struct hdiag *d);
/* A problem with `field`, shown in the error summary and beside it. */
void form_page_problem(struct form_page *fp, const char *field,
    const char *fmt, ...) HEARTH_PRINTF(3, 4);
/* A problem named by a date's box (NAME-day...) is about NAME: true when
 * d->field was such a box and now names the date. */
bool form_page_date_part(struct hdiag *d);
/* Point a problem at a field on the page: a date's box at its date, a
 * field the page lacks at NAME-day's date, else at the first field. */
void form_page_map(const struct form_page *fp, struct hdiag *d,
    const char *const *skip, size_t nskip);

/*
 * Check fp->body against the allow-list: true when it passed.  Otherwise
 * false with each problem passed through `map` (when not NULL; else a
 * date's box names its date) and added, or, for a field the form never
 * sends, the request answered 400 and *answered set.
 */
bool form_page_check(struct form_page *fp, struct req *r, struct resp *w,
    void (*map)(void *ctx, struct hdiag *d), void *ctx, bool *answered);

/* Digits only ("%s must be a number"): the validator of dates' boxes. */
enum herr form_page_valid_digits(const char *v, const char *label,
    struct hdiag *d);

/* A GOV.UK date input's three boxes in the allow-list. */
void form_page_date_fields(struct form_page *fp, const char *name,
    const char *label);
/* Whether all three boxes of `name` are empty. */
bool form_page_date_blank(const struct form_page *fp, const char *name);
/*
 * The date in the boxes of `name`: true with *out (HDAY_NONE when all are
 * empty and not `required`), or false with the GOV.UK message added
 * ("Enter `what`", "`What` must include a month", "`What` must be a real
 * date").
 */
bool form_page_date_value(struct form_page *fp, const char *name,
    const char *what, bool required, hday *out);
/* A GOV.UK date input (hint NULL: "For example, 27 3 2026"). */
void form_page_date_input(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint);

/* Small radios or checkboxes in a fieldset with a hint (NULL: none); the
 * first carries the field's id.  Radios are inline when three or fewer. */
void form_page_radios(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint,
    const struct ui_option *opts, int n);
void form_page_checkboxes(const struct form_page *fp, struct html *h,
    const char *name, const char *legend, const char *hint,
    const struct ui_option *opts, int n);
/* ui_input, ui_textarea and ui_hidden showing the form's value. */
void form_page_input(const struct form_page *fp, struct html *h,
    const char *name, const char *label, const char *hint,
    enum ui_width width);
void form_page_textarea(const struct form_page *fp, struct html *h,
    const char *name, const char *label, const char *hint);
void form_page_hidden(const struct form_page *fp, struct html *h,
    const char *name);
/* A text area of `rows` lines (ui_textarea's markup, taller). */
void form_page_textarea_rows(const struct form_page *fp, struct html *h,
    const char *name, const char *label, const char *hint, int rows);

#endif
