/*
 * family.h: households and the relationships between people.
 *
 * A household is the people living together, over time (members join and
 * leave on dates).  A relationship says that one person (the relative) is
 * the mother, father, step-parent, partner, sibling, grandparent, other
 * relative, friend or carer of another (the person), from a date, and
 * whether the relative holds parental responsibility for that person.
 * Decides validity only; never stores.
 */
#ifndef HEARTH_CORE_FAMILY_H
#define HEARTH_CORE_FAMILY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

#define HOUSEHOLD_NAME_MAX 100
#define POSTCODE_MAX 8

struct household {
	int64_t id;
	int64_t version;
	char name[HOUSEHOLD_NAME_MAX + 1];	/* e.g. "Smith household" */
	char postcode[POSTCODE_MAX + 1];	/* "" if not known */
};

enum relation {
	REL_MOTHER,
	REL_FATHER,
	REL_STEP_PARENT,
	REL_PARTNER,
	REL_SIBLING,
	REL_GRANDPARENT,
	REL_OTHER_RELATIVE,
	REL_FRIEND,
	REL_CARER,
	REL__COUNT
};

struct relationship {
	int64_t id;
	int64_t person_id;	/* whose relative this is (often the child) */
	int64_t relative_id;	/* the mother, father, ... of person_id */
	enum relation kind;
	bool parental_responsibility;	/* relative holds PR for person */
	hday start_date;	/* HDAY_NONE if not known */
	hday end_date;		/* HDAY_NONE while it lasts */
};

/* The stored name of a relation ("step_parent"); NULL if out of range. */
const char *relation_code(enum relation r);

/* The plain label ("Step-parent"); NULL if out of range. */
const char *relation_label(enum relation r);

/* The label read the other way round: what the person is to a relative
 * who is their `r` ("Child" of a mother or father, "Step-child",
 * "Grandchild", "Cared for by the child"); relation_label(r) for a
 * relation that reads the same both ways; NULL if out of range. */
const char *relation_inverse_label(enum relation r);

/* Parse a stored name; HERR_INVALID with diag naming `field` if unknown. */
enum herr relation_parse(const char *s, enum relation *out,
    const char *field, struct hdiag *diag) HEARTH_WUR;

/* A household must have a name; postcode, if any, looks like one. */
enum herr household_validate(const struct household *h,
    struct hdiag *diag) HEARTH_WUR;

/*
 * A relationship joins two different people with a known kind, and does not
 * end before it starts.  (Who may hold parental responsibility is a legal
 * question hearth records, not one it decides.)
 */
enum herr relationship_validate(const struct relationship *r,
    struct hdiag *diag) HEARTH_WUR;

#endif
