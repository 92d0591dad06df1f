/*
 * access.h: who may see and do what.  Default deny, decided here and only
 * here.
 *
 * Every request resolves to a principal (a member of staff with one role,
 * an agency and the teams they belong to today).  For a child's record the
 * store gathers the facts that make a relationship legitimate (allocated
 * worker, a member of the allocated worker's team, a partner agency the
 * record is shared with, whether the record is restricted and who is named
 * on it, a break-glass grant) and access_child() decides.  Handlers and the
 * API call nothing else to decide.  An answer of ACCESS_DENY must be shown
 * exactly as a missing record is, so that nobody learns a child exists.
 *
 * This module never reads the database and never writes to anyone: it is a
 * pure function of the principal, the operation and the facts, so every
 * rule can be tested exhaustively and printed (`hearth access`).
 */
#ifndef HEARTH_CORE_ACCESS_H
#define HEARTH_CORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/staff.h"

#define ACCESS_TEAMS_MAX 8

/* The signed-in member of staff a request acts for. */
struct principal {
	int64_t staff_id;
	enum staff_role role;
	int64_t agency_id;
	enum agency_kind agency_kind;
	char username[USERNAME_MAX + 1];
	char display[2 * PERSON_NAME_MAX + 2];	/* "Given Family" */
	int64_t team_ids[ACCESS_TEAMS_MAX];	/* current memberships */
	int n_teams;
};

/* What may be done to a case record (a child, or a family through its
 * children). */
enum access_op {
	ACCESS_VIEW,	/* read the record */
	ACCESS_EDIT,	/* change details, relationships, allocations */
	ACCESS_NOTE,	/* add to the chronology */
	ACCESS_PRINT,	/* a printable copy */
	ACCESS_EXPORT,	/* leave the system as data (API, downloads) */
	ACCESS_SHARE,	/* share with a partner agency, restrict */
	ACCESS_CONFERENCE, /* prepare and run the child's conferences: the
			 * Signs of Safety map, scales, the child's voice,
			 * invitations, the decision, plan and minutes */
	ACCESS_OP__COUNT
};

/* Facts about one principal and one child's record (store_access_facts). */
struct access_facts {
	bool exists;		/* there is such a child */
	bool allocated;		/* principal is a current allocated worker
				 * (of the child or of its household) */
	bool team_allocated;	/* a current allocated worker is in one of
				 * the principal's current teams */
	bool shared;		/* a current share with principal's agency */
	bool restricted;	/* the record carries the sensitive flag */
	bool named;		/* principal is named on the restriction */
	bool glass_broken;	/* principal holds a live break-glass grant */
	bool chairing;		/* principal chairs a conference about the
				 * child, booked or held in the last 120
				 * days */
};

enum access_result {
	ACCESS_DENY,		/* answer as if there were no such record */
	ACCESS_ALLOW,
	ACCESS_NEEDS_GLASS,	/* legitimate, but restricted: may break the
				 * glass by giving a reason */
};

/* How a decision was reached, for audit and for `hearth access`. */
enum access_basis {
	BASIS_NONE,
	BASIS_ALLOCATED,
	BASIS_TEAM,
	BASIS_SHARED,
	BASIS_NAMED,
	BASIS_BREAK_GLASS,
	BASIS_CHAIR,		/* chairs the child's conference */
};

/* Decide one operation on one child's record.  `basis` may be NULL. */
enum access_result access_child(const struct principal *p,
    enum access_op op, const struct access_facts *f,
    enum access_basis *basis);

/* A case role: a local-authority practitioner whose work is children's
 * cases (not a partner agency's practitioner, a performance analyst or an
 * administrator, who have no caseload). */
bool access_case_role(enum staff_role r);

/* Staff administration (users, roles, teams): administrators only.  They
 * never see case content through it. */
bool access_admin(const struct principal *p);

/* The team page and its caseload: members of the team and administrators
 * (membership only, no case content for administrators). */
bool access_team(const struct principal *p, int64_t team_id);

/* Who-viewed pages and break-glass reviews: team managers (for records their
 * team may see) and administrators of audit are not the same thing; only
 * team managers see who viewed a record. */
bool access_audit_view(const struct principal *p);

/* A team's figures (how timely its work is): team managers of that team,
 * performance analysts and administrators.  Figures only: this grants no
 * route to any child's record. */
bool access_team_figures(const struct principal *p, int64_t team_id);

/* A conference the principal is invited to (`invited`: as themselves, or
 * through their partner agency): they may see when and where it is, who
 * it is about, and write and read their own agency's report; nothing else
 * of the child's record.  Administrators and analysts never. */
bool access_meeting_invited(const struct principal *p, bool invited);

/* May create a new child or family record at all (front-door roles). */
bool access_create_records(const struct principal *p);

/* Stable names, for messages and `hearth access`. */
const char *access_op_name(enum access_op op);
const char *access_basis_name(enum access_basis b);

/*
 * What each role can reach, as plain sentences, one per line, for
 * `hearth access`; written to `out` (up to cap bytes, NUL-terminated).
 * Generated from the same rules access_child applies: every combination of
 * facts is evaluated, not described by hand.
 */
void access_describe(char *out, size_t cap);

/* How long a break-glass grant lasts (seconds). */
#define ACCESS_GLASS_SECONDS (8 * 3600)

#endif
