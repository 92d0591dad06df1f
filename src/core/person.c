/*
 * person.c: validation of children and adults against the CIN census rules
 * that apply to a person's own details.  Decides only; never stores.
 */
#include <string.h>

#include "core/codes.h"
#include "core/person.h"
#include "core/text.h"
#include "core/banned.h"

void
child_init(struct child *c)
{
	memset(c, 0, sizeof(*c));
	c->birth_date = HDAY_NONE;
	c->expected_birth_date = HDAY_NONE;
	c->death_date = HDAY_NONE;
	c->sex = 'U';
}

void
adult_init(struct adult *a)
{
	memset(a, 0, sizeof(*a));
	a->birth_date = HDAY_NONE;
	a->sex = 'U';
}

bool
child_is_unborn(const struct child *c)
{
	return c->birth_date == HDAY_NONE && c->expected_birth_date != HDAY_NONE;
}

static enum herr
check_names(const char *given, const char *family, struct hdiag *diag)
{
	enum herr e;

	if ((e = text_check("given_name", "Given name", given,
	    PERSON_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK)
		return e;
	return text_check("family_name", "Family name", family,
	    PERSON_NAME_MAX, TEXT_REQUIRED, diag);
}

static enum herr
check_sex(char sex, struct hdiag *diag)
{
	char v[2] = { sex, '\0' };

	/* 4180: sex must be provided and equal M, F or U */
	if (sex == 'M' || sex == 'F' || sex == 'U')
		return HERR_OK;
	return hdiag_set(diag, HERR_INVALID, "sex", v,
	    "Sex \"%s\" is not M (male), F (female) or U (unknown)", v);
}

static enum herr
check_birth(hday dob, hday today, bool child, struct hdiag *diag)
{
	char b[HDATE_LEN];

	if (dob == HDAY_NONE || dob <= today)
		return HERR_OK;
	hdate_format(dob, b);
	/* 8520: date of birth after the collection period */
	return hdiag_set(diag, HERR_INVALID, "birth_date", b,
	    "Date of birth %s is in the future%s", b, child ? ": for an "
	    "unborn child give the expected date of birth instead" : "");
}

static enum herr
check_child_id(const char *id, struct hdiag *diag)
{
	size_t n = strlen(id);

	/* 8500: LA child id missing */
	if (n == 0)
		return hdiag_set(diag, HERR_INVALID, "la_child_id", "",
		    "LA child id is missing");
	if (n > CHILD_ID_MAX)
		return hdiag_set(diag, HERR_INVALID, "la_child_id", id,
		    "LA child id \"%s\" is longer than %d characters", id,
		    CHILD_ID_MAX);
	for (size_t i = 0; i < n; i++) {
		char ch = id[i];

		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= 'a' && ch <= 'z') || ch == '-'))
			return hdiag_set(diag, HERR_INVALID, "la_child_id", id,
			    "LA child id \"%s\" may contain only letters, "
			    "digits and hyphens", id);
	}
	return HERR_OK;
}

static enum herr
check_disabilities(const struct child *c, struct hdiag *diag)
{
	enum herr e;

	if (c->n_disabilities < 0 || c->n_disabilities > CHILD_DISABILITY_MAX)
		return hdiag_set(diag, HERR_INVALID, "disability", "",
		    "Too many disability codes: at most %d",
		    CHILD_DISABILITY_MAX);
	for (int i = 0; i < c->n_disabilities; i++) {
		const char *code = c->disabilities[i];

		if ((e = codes_check(CODES_DISABILITY, "disability", code,
		    diag)) != HERR_OK)
			return e;
		if (strcmp(code, "NONE") == 0 && c->n_disabilities > 1)
			return hdiag_set(diag, HERR_INVALID, "disability",
			    code, "Disability NONE cannot be recorded "
			    "together with other disability codes");
		for (int j = 0; j < i; j++)
			if (strcmp(c->disabilities[j], code) == 0)
				return hdiag_set(diag, HERR_INVALID,
				    "disability", code, "Disability \"%s\" "
				    "is recorded twice", code);
	}
	return HERR_OK;
}

enum herr
child_validate(const struct child *c, hday today, struct hdiag *diag)
{
	char b[HDATE_LEN], x[HDATE_LEN];
	enum herr e;

	if ((e = check_names(c->given_name, c->family_name, diag)) != HERR_OK)
		return e;
	/* 8525Q: either date of birth or expected date of birth, not both */
	if (c->birth_date == HDAY_NONE && c->expected_birth_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "birth_date", "",
		    "Give a date of birth, or an expected date of birth for "
		    "an unborn child");
	if (c->birth_date != HDAY_NONE && c->expected_birth_date != HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "expected_birth_date",
		    hdate_format(c->expected_birth_date, x),
		    "Give a date of birth or an expected date of birth, not "
		    "both: a born child has no expected date of birth");
	if ((e = check_birth(c->birth_date, today, true, diag)) != HERR_OK)
		return e;
	if (c->death_date != HDAY_NONE) {
		hdate_format(c->death_date, x);
		if (c->death_date > today)
			return hdiag_set(diag, HERR_INVALID, "death_date", x,
			    "Date of death %s is in the future", x);
		/* 8535Q: date of death before date of birth */
		if (c->birth_date != HDAY_NONE && c->death_date < c->birth_date)
			return hdiag_set(diag, HERR_INVALID, "death_date", x,
			    "Date of death %s is before the date of birth %s",
			    x, hdate_format(c->birth_date, b));
	}
	if ((e = check_sex(c->sex, diag)) != HERR_OK)
		return e;
	/* 8750: sex must equal U for an unborn child */
	if (child_is_unborn(c) && c->sex != 'U')
		return hdiag_set(diag, HERR_INVALID, "sex", (char[2]){ c->sex,
		    '\0' }, "An unborn child's sex is recorded as U (unknown) "
		    "until birth");
	if ((e = codes_check(CODES_ETHNICITY, "ethnicity", c->ethnicity,
	    diag)) != HERR_OK)
		return e;
	if (c->upn[0] != '\0') {
		if ((e = upn_check(c->upn, "upn", diag)) != HERR_OK)
			return e;
		if (c->upn_unknown[0] != '\0')
			return hdiag_set(diag, HERR_INVALID, "upn_unknown",
			    c->upn_unknown, "A reason the UPN is unknown "
			    "was given, but the child has a UPN");
	} else if (c->upn_unknown[0] != '\0') {
		if ((e = codes_check(CODES_UPN_UNKNOWN, "upn_unknown",
		    c->upn_unknown, diag)) != HERR_OK)
			return e;
	}
	/* 1560Q: former UPN wrongly formatted */
	if (c->former_upn[0] != '\0' &&
	    (e = upn_check(c->former_upn, "former_upn", diag)) != HERR_OK)
		return e;
	if ((e = check_child_id(c->la_child_id, diag)) != HERR_OK)
		return e;
	return check_disabilities(c, diag);
}

enum herr
adult_validate(const struct adult *a, hday today, struct hdiag *diag)
{
	enum herr e;

	if ((e = check_names(a->given_name, a->family_name, diag)) != HERR_OK)
		return e;
	if ((e = check_sex(a->sex, diag)) != HERR_OK)
		return e;
	return check_birth(a->birth_date, today, false, diag);
}

enum herr
child_add_disability(struct child *c, const char *code)
{
	if (c->n_disabilities >= CHILD_DISABILITY_MAX)
		return HERR_INVALID;
	if (text_copy(c->disabilities[c->n_disabilities], 5, code) != HERR_OK)
		return HERR_INVALID;
	c->n_disabilities++;
	return HERR_OK;
}
