/*
 * staff.h: the people who do the work: staff, their roles and agencies,
 * the teams they belong to, and who is allocated to which child or family.
 *
 * Roles are the jobs hearth's access rules are written for.  Adult
 * specialists (domestic abuse victim and perpetrator workers, mental health,
 * substance misuse, probation) sit in multi-disciplinary Family Safeguarding
 * teams beside social workers.  Partner-agency practitioners (police,
 * health, education, other) belong to their agency, never to a local
 * authority.  Allocation links a worker to a child or to a whole family
 * (household) from one date to another.  Decides validity only.
 */
#ifndef HEARTH_CORE_STAFF_H
#define HEARTH_CORE_STAFF_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/person.h"
#include "core/status.h"

enum staff_role {
	ROLE_SOCIAL_WORKER,
	ROLE_TEAM_MANAGER,
	ROLE_CP_CHAIR,
	ROLE_DA_VICTIM_WORKER,
	ROLE_DA_PERPETRATOR_WORKER,
	ROLE_MENTAL_HEALTH_WORKER,
	ROLE_SUBSTANCE_MISUSE_WORKER,
	ROLE_PROBATION_OFFICER,
	ROLE_FGC_COORDINATOR,
	ROLE_PARTNER_PRACTITIONER,
	ROLE_PERFORMANCE_ANALYST,
	ROLE_ADMINISTRATOR,
	ROLE__COUNT
};

enum agency_kind {
	AGENCY_LOCAL_AUTHORITY,
	AGENCY_POLICE,
	AGENCY_HEALTH,
	AGENCY_EDUCATION,
	AGENCY_PROBATION,
	AGENCY_OTHER,
	AGENCY__COUNT
};

enum team_kind {
	TEAM_ASSESSMENT,		/* front door: referrals and assessments */
	TEAM_CHILD_IN_NEED,		/* CIN and CP casework */
	TEAM_FAMILY_SAFEGUARDING,	/* multi-disciplinary (Hertfordshire) */
	TEAM_CHILDREN_IN_CARE,
	TEAM_CONFERENCE,		/* CP chairs and reviewing officers */
	TEAM_FGC,			/* family group conference service */
	TEAM_PERFORMANCE,
	TEAM_OTHER,
	TEAM__COUNT
};

#define AGENCY_NAME_MAX 100
#define TEAM_NAME_MAX 100
#define USERNAME_MAX 64
#define EMAIL_MAX 254

struct agency {
	int64_t id;
	char name[AGENCY_NAME_MAX + 1];
	enum agency_kind kind;
};

struct staff {
	int64_t id;
	int64_t version;
	char username[USERNAME_MAX + 1];	/* a-z 0-9 . _ - */
	char given_name[PERSON_NAME_MAX + 1];
	char family_name[PERSON_NAME_MAX + 1];
	char email[EMAIL_MAX + 1];		/* "" if none */
	enum staff_role role;
	int64_t agency_id;
	bool active;
};

struct team {
	int64_t id;
	int64_t version;
	char name[TEAM_NAME_MAX + 1];
	enum team_kind kind;
};

/* A worker allocated to exactly one of a child or a household. */
struct allocation {
	int64_t id;
	int64_t staff_id;
	int64_t child_id;	/* 0 when allocated to a household */
	int64_t household_id;	/* 0 when allocated to a child */
	hday start_date;
	hday end_date;		/* HDAY_NONE while current */
};

/* Stored code ("da_victim_worker") and plain label ("Domestic abuse victim
 * worker") of a role; NULL if out of range.  Same for agency and team kinds. */
const char *role_code(enum staff_role r);
const char *role_label(enum staff_role r);
const char *agency_kind_code(enum agency_kind k);
const char *agency_kind_label(enum agency_kind k);
const char *team_kind_code(enum team_kind k);
const char *team_kind_label(enum team_kind k);

/* Parse stored codes; HERR_INVALID with diag naming `field` if unknown. */
enum herr role_parse(const char *s, enum staff_role *out, const char *field,
    struct hdiag *diag) HEARTH_WUR;
enum herr agency_kind_parse(const char *s, enum agency_kind *out,
    const char *field, struct hdiag *diag) HEARTH_WUR;
enum herr team_kind_parse(const char *s, enum team_kind *out,
    const char *field, struct hdiag *diag) HEARTH_WUR;

/* True for the adult specialists of a Family Safeguarding team. */
bool role_is_adult_specialist(enum staff_role r);

/* An agency needs a name and a known kind. */
enum herr agency_validate(const struct agency *a, struct hdiag *diag)
    HEARTH_WUR;

/*
 * A staff member needs a well-formed username, names, a plausible e-mail if
 * any, a known role and an agency; a partner-agency practitioner must belong
 * to an agency that is not a local authority (`agency` is the one named by
 * s->agency_id, borrowed).
 */
enum herr staff_validate(const struct staff *s, const struct agency *agency,
    struct hdiag *diag) HEARTH_WUR;

/* A team needs a name and a known kind. */
enum herr team_validate(const struct team *t, struct hdiag *diag) HEARTH_WUR;

/* An allocation names a worker, exactly one of child and household, a start,
 * and an end (if any) not before the start. */
enum herr allocation_validate(const struct allocation *a,
    struct hdiag *diag) HEARTH_WUR;

#endif
