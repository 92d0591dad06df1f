/*
 * person.h: the people a case is about: children and the adults around them.
 *
 * A child carries the identifiers and characteristics the CIN census asks
 * for (LA child id, UPN, former UPN, sex, ethnicity, disabilities, date of
 * birth or, for an unborn child, the expected date of birth).  An adult is
 * anyone else in the child's world: parents, carers, relatives, friends.
 * This module only decides whether a record is valid; it never stores.
 */
#ifndef HEARTH_CORE_PERSON_H
#define HEARTH_CORE_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

#define PERSON_NAME_MAX 100	/* bytes of UTF-8 */
#define CHILD_ID_MAX 10		/* LAchildID: up to 10 characters */
#define CHILD_DISABILITY_MAX 13	/* every code on the census list */

struct child {
	int64_t id;			/* 0 until stored */
	int64_t version;		/* 0 until stored */
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	hday birth_date;		/* HDAY_NONE if unborn */
	hday expected_birth_date;	/* HDAY_NONE once born (8525Q) */
	hday death_date;		/* HDAY_NONE */
	char sex;			/* 'M', 'F' or 'U' (4180) */
	char ethnicity[5];		/* CIN ethnicity code (4220) */
	char upn[14];			/* "" if none */
	char former_upn[14];		/* "" if none */
	char upn_unknown[5];		/* UN1..UN7 when upn is "" (or "") */
	char la_child_id[CHILD_ID_MAX + 1];
	int n_disabilities;
	char disabilities[CHILD_DISABILITY_MAX][5];	/* CIN codes (8540) */
};

struct adult {
	int64_t id;
	int64_t version;
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	hday birth_date;		/* HDAY_NONE if not known */
	char sex;			/* 'M', 'F' or 'U' */
};

/* Fill a child with "nothing recorded": empty strings, no dates. */
void child_init(struct child *c);

/* Fill an adult with "nothing recorded". */
void adult_init(struct adult *a);

/* True if the child is unborn (no date of birth, an expected one). */
bool child_is_unborn(const struct child *c);

/*
 * Decide whether `c` may be stored, as of `today`: names present and
 * well-formed; exactly one of date of birth and expected date of birth
 * (8525Q); a date of birth not in the future (8520); death not before birth
 * (8535Q) nor in the future; sex M/F/U (4180), U if unborn (8750);
 * ethnicity on the census list
 * (4220); UPN and former UPN well-formed (1510-1550, 1560Q) and the UPN
 * unknown reason a UN code, and only when there is no UPN; LA child id
 * present, at most 10 letters, digits or hyphens (8500); disability codes on
 * the list, no repeats, and NONE alone (8540).  The first problem found is
 * reported in diag.
 */
enum herr child_validate(const struct child *c, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* The same for an adult: names; sex; date of birth not in the future. */
enum herr adult_validate(const struct adult *a, hday today,
    struct hdiag *diag) HEARTH_WUR;

/* Add a disability code to c (no validation; HERR_INVALID if full). */
enum herr child_add_disability(struct child *c, const char *code) HEARTH_WUR;

#endif
