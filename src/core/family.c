/*
 * family.c: relation names and validation of households and relationships.
 */
#include <string.h>

#include "core/family.h"
#include "core/text.h"
#include "core/banned.h"

static const struct {
	const char *code;
	const char *label;
} relations[REL__COUNT] = {
	[REL_MOTHER] = { "mother", "Mother" },
	[REL_FATHER] = { "father", "Father" },
	[REL_STEP_PARENT] = { "step_parent", "Step-parent" },
	[REL_PARTNER] = { "partner", "Partner" },
	[REL_SIBLING] = { "sibling", "Brother or sister" },
	[REL_GRANDPARENT] = { "grandparent", "Grandparent" },
	[REL_OTHER_RELATIVE] = { "other_relative", "Other relative" },
	[REL_FRIEND] = { "friend", "Family friend" },
	[REL_CARER] = { "carer", "Carer" },
};

const char *
relation_code(enum relation r)
{
	return (unsigned)r < REL__COUNT ? relations[r].code : NULL;
}

const char *
relation_label(enum relation r)
{
	return (unsigned)r < REL__COUNT ? relations[r].label : NULL;
}

const char *
relation_inverse_label(enum relation r)
{
	switch (r) {
	case REL_MOTHER:
	case REL_FATHER:
		return "Child";
	case REL_STEP_PARENT:
		return "Step-child";
	case REL_GRANDPARENT:
		return "Grandchild";
	case REL_CARER:
		return "Cared for by the child";
	default:
		return relation_label(r);
	}
}

enum herr
relation_parse(const char *s, enum relation *out, const char *field,
    struct hdiag *diag)
{
	for (int i = 0; i < REL__COUNT; i++)
		if (s != NULL && strcmp(s, relations[i].code) == 0) {
			*out = (enum relation)i;
			return HERR_OK;
		}
	return hdiag_set(diag, HERR_INVALID, field, s ? s : "",
	    "Relationship \"%s\" is not one of mother, father, step_parent, "
	    "partner, sibling, grandparent, other_relative, friend, carer",
	    s ? s : "");
}

static bool
upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * UK postcode shape: outward code, space, inward code (digit + 2 letters).
 * The outward code is one or two letters, a digit, then at most one more
 * letter or digit: A9, A99, A9A, AA9, AA99, AA9A.
 */
static bool
postcode_shape(const char *p)
{
	size_t n = strlen(p);
	const char *sp = strchr(p, ' ');
	size_t out, letters;

	if (sp == NULL || n < 6 || n > 8)
		return false;
	out = (size_t)(sp - p);
	if (out < 2 || out > 4 || n - out - 1 != 3)
		return false;
	letters = upper(p[0]) ? (upper(p[1]) ? 2 : 1) : 0;
	if (letters == 0 || !digit(p[letters]) || out - letters > 2)
		return false;
	if (out - letters == 2 && !upper(p[out - 1]) && !digit(p[out - 1]))
		return false;
	return sp[1] >= '0' && sp[1] <= '9' && sp[2] >= 'A' && sp[2] <= 'Z' &&
	    sp[3] >= 'A' && sp[3] <= 'Z';
}

enum herr
household_validate(const struct household *h, struct hdiag *diag)
{
	enum herr e;

	if ((e = text_check("name", "Household name", h->name,
	    HOUSEHOLD_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK)
		return e;
	if (h->postcode[0] != '\0' && !postcode_shape(h->postcode))
		return hdiag_set(diag, HERR_INVALID, "postcode", h->postcode,
		    "Postcode \"%s\" does not look like a UK postcode (for "
		    "example SW1A 1AA)", h->postcode);
	return HERR_OK;
}

enum herr
relationship_validate(const struct relationship *r, struct hdiag *diag)
{
	char a[HDATE_LEN], b[HDATE_LEN];

	if ((unsigned)r->kind >= REL__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Relationship kind is not known");
	if (r->person_id <= 0 || r->relative_id <= 0)
		return hdiag_set(diag, HERR_INVALID, "person", "",
		    "A relationship needs two people");
	if (r->person_id == r->relative_id)
		return hdiag_set(diag, HERR_INVALID, "relative", "",
		    "A person cannot be their own %s",
		    relations[r->kind].label);
	if (r->start_date != HDAY_NONE && r->end_date != HDAY_NONE &&
	    r->end_date < r->start_date)
		return hdiag_set(diag, HERR_INVALID, "end_date",
		    hdate_format(r->end_date, b), "The relationship ends on "
		    "%s, before it starts on %s", b,
		    hdate_format(r->start_date, a));
	return HERR_OK;
}
