/*
 * codes.h: the DfE code lists of the Children in Need (CIN) census, 2025/26,
 * and the Unique Pupil Number (UPN) format.
 *
 * The census accepts only the codes on these lists; a record holding any
 * other value fails a CIN validation rule (4220 ethnicity, 8540 disability,
 * 8866 referral source, 8650 primary need, 8640 reason for closure, 4180
 * sex, 8905/8910 category of abuse, 8897Q assessment factors) and the LA
 * must fix it before the return is accepted.  Checking here, when the value
 * is first entered, keeps those errors out of the database.  The lists are
 * read-only static data: nothing here allocates, so lookups are cheap
 * enough to call per row when generating or importing many children.
 *
 * This module knows codes, not records: rules that relate one field to
 * another (e.g. 8750, sex must be U for an unborn child) belong elsewhere.
 */
#ifndef HEARTH_CORE_CODES_H
#define HEARTH_CORE_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

#define UPN_LEN 13	/* a UPN is exactly 13 characters */

enum code_list {
	CODES_ETHNICITY,
	CODES_DISABILITY,
	CODES_REFERRAL_SOURCE,
	CODES_PRIMARY_NEED,
	CODES_CLOSURE_REASON,
	CODES_SEX,
	CODES_ABUSE_CATEGORY,
	CODES_ASSESSMENT_FACTOR,
	CODES_UPN_UNKNOWN,
	CODES__COUNT
};

/* One census code and a short plain-English description of it. */
struct code {
	const char *code;
	const char *label;
};

/* The whole list, in census order; *n gets its length. Borrowed static data.
 * An out-of-range l gives NULL and *n = 0. */
const struct code *codes_list(enum code_list l, size_t *n);

/* The entry for `code` (exact, case-sensitive), or NULL. Borrowed. */
const struct code *codes_find(enum code_list l, const char *code);

/* A short name of the list for messages: "ethnicity", "referral source"... */
const char *codes_list_name(enum code_list l);

/*
 * HERR_OK if value is on list l; else HERR_INVALID with diag (may be NULL)
 * naming field and value and listing a few valid codes, e.g.
 * `ethnicity "WBRX" is not a CIN census ethnicity code (for example WBRI,
 * WIRI, WIRT, ...)`.  A NULL or empty value is refused the same way.
 */
enum herr codes_check(enum code_list l, const char *field, const char *value,
    struct hdiag *diag) HEARTH_WUR;

/*
 * Validate a 13-character Unique Pupil Number as CIN rules 1510-1550 do:
 * length 13; characters 2-4 a known LA code (1530); characters 5-12 digits
 * (1540); character 13 a digit or an allowed letter (1550); character 1 the
 * right check letter (1510).  HERR_INVALID with diag (may be NULL) naming
 * `field` and the problem in plain words.  (1520, duplicate UPNs, is a rule
 * across records and is not checked here.)
 */
enum herr upn_check(const char *upn, const char *field, struct hdiag *diag)
    HEARTH_WUR;

/*
 * The check letter for the 12 characters that follow it (characters 2-13 of
 * the UPN: exactly 12, the first 11 digits and the last a digit or allowed
 * letter), or 0 if those characters are not valid.  Used by the demo
 * generator to make valid UPNs.  Does not check the LA code.
 */
char upn_check_letter(const char *tail12);

/* True if `la` (e.g. 919) is a local authority code accepted in a UPN (rule
 * 1530), including the pseudo-LA codes 001-005. */
bool codes_la_known(int la);

#endif
