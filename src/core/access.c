/*
 * access.c: the rules of access.h.  Everything not allowed below is denied.
 *
 * Case roles are the local-authority practitioners who work with families
 * (social workers, their managers, Family Safeguarding adult specialists,
 * FGC coordinators, conference chairs).  Their relationship to a child is
 * through allocation: their own, or a colleague's in a team they belong to
 * (which is how a team manager sees the team's caseload); a conference
 * chair's is chairing the child's conference.  Partner-agency
 * practitioners see only what has been shared with their agency.
 * Administrators and performance analysts manage the system and its figures;
 * they have no route to case content at all.
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/banned.h"

bool
access_case_role(enum staff_role r)
{
	switch (r) {
	case ROLE_SOCIAL_WORKER:
	case ROLE_TEAM_MANAGER:
	case ROLE_CP_CHAIR:
	case ROLE_DA_VICTIM_WORKER:
	case ROLE_DA_PERPETRATOR_WORKER:
	case ROLE_MENTAL_HEALTH_WORKER:
	case ROLE_SUBSTANCE_MISUSE_WORKER:
	case ROLE_PROBATION_OFFICER:
	case ROLE_FGC_COORDINATOR:
		return true;
	default:
		return false;
	}
}

/* What a role may do once it has a legitimate relationship. */
static bool
role_may(enum staff_role r, enum access_op op)
{
	switch (op) {
	case ACCESS_VIEW:
	case ACCESS_PRINT:
		return access_case_role(r) || r == ROLE_PARTNER_PRACTITIONER;
	case ACCESS_NOTE:
		return access_case_role(r);
	case ACCESS_EDIT:
	case ACCESS_EXPORT:
	case ACCESS_SHARE:
		return r == ROLE_SOCIAL_WORKER || r == ROLE_TEAM_MANAGER;
	case ACCESS_CONFERENCE:
		return r == ROLE_SOCIAL_WORKER || r == ROLE_TEAM_MANAGER ||
		    r == ROLE_CP_CHAIR;
	default:
		return false;
	}
}

enum access_result
access_child(const struct principal *p, enum access_op op,
    const struct access_facts *f, enum access_basis *basis)
{
	enum access_basis b = BASIS_NONE;

	if (basis != NULL)
		*basis = BASIS_NONE;
	if (p == NULL || f == NULL || !f->exists || p->staff_id <= 0 ||
	    (unsigned)op >= ACCESS_OP__COUNT || !role_may(p->role, op))
		return ACCESS_DENY;
	if (p->role == ROLE_PARTNER_PRACTITIONER) {
		/* A share is to an agency, never to a local authority. */
		if (f->shared && p->agency_kind != AGENCY_LOCAL_AUTHORITY)
			b = BASIS_SHARED;
	} else if (f->allocated)
		b = BASIS_ALLOCATED;
	else if (f->team_allocated)
		b = BASIS_TEAM;
	else if (f->chairing && p->role == ROLE_CP_CHAIR)
		/* WT2023: the chair is independent of the case, so has no
		 * allocation; chairing is the relationship. */
		b = BASIS_CHAIR;
	if (b == BASIS_NONE)
		return ACCESS_DENY;
	if (f->restricted) {
		if (f->named)
			b = BASIS_NAMED;
		else if (f->glass_broken)
			b = BASIS_BREAK_GLASS;
		else
			return ACCESS_NEEDS_GLASS;
	}
	if (basis != NULL)
		*basis = b;
	return ACCESS_ALLOW;
}

bool
access_admin(const struct principal *p)
{
	return p != NULL && p->staff_id > 0 && p->role == ROLE_ADMINISTRATOR;
}

bool
access_team(const struct principal *p, int64_t team_id)
{
	if (p == NULL || p->staff_id <= 0)
		return false;
	if (p->role == ROLE_ADMINISTRATOR)
		return true;
	if (p->role == ROLE_PARTNER_PRACTITIONER)
		return false;
	for (int i = 0; i < p->n_teams; i++)
		if (p->team_ids[i] == team_id)
			return true;
	return false;
}

bool
access_audit_view(const struct principal *p)
{
	return p != NULL && p->staff_id > 0 && p->role == ROLE_TEAM_MANAGER;
}

bool
access_team_figures(const struct principal *p, int64_t team_id)
{
	if (p == NULL || p->staff_id <= 0)
		return false;
	if (p->role == ROLE_ADMINISTRATOR ||
	    p->role == ROLE_PERFORMANCE_ANALYST)
		return true;
	return p->role == ROLE_TEAM_MANAGER && access_team(p, team_id);
}

bool
access_meeting_invited(const struct principal *p, bool invited)
{
	return p != NULL && p->staff_id > 0 && invited &&
	    p->role != ROLE_ADMINISTRATOR &&
	    p->role != ROLE_PERFORMANCE_ANALYST;
}

bool
access_create_records(const struct principal *p)
{
	return p != NULL && p->staff_id > 0 &&
	    (p->role == ROLE_SOCIAL_WORKER || p->role == ROLE_TEAM_MANAGER);
}

static const char *const op_names[ACCESS_OP__COUNT] = {
	[ACCESS_VIEW] = "view",
	[ACCESS_EDIT] = "edit",
	[ACCESS_NOTE] = "add to chronology",
	[ACCESS_PRINT] = "print",
	[ACCESS_EXPORT] = "export",
	[ACCESS_SHARE] = "share or restrict",
	[ACCESS_CONFERENCE] = "run conferences",
};

const char *
access_op_name(enum access_op op)
{
	return (unsigned)op < ACCESS_OP__COUNT ? op_names[op] : "unknown";
}

const char *
access_basis_name(enum access_basis b)
{
	switch (b) {
	case BASIS_ALLOCATED:
		return "allocated worker";
	case BASIS_TEAM:
		return "member of the allocated worker's team";
	case BASIS_SHARED:
		return "shared with their agency";
	case BASIS_NAMED:
		return "named on a restricted record";
	case BASIS_BREAK_GLASS:
		return "broke the glass";
	case BASIS_CHAIR:
		return "chair of the child's conference";
	default:
		return "none";
	}
}

/* Append to out without overflowing; always NUL-terminated. */
static void
put(char *out, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len >= cap)
		return;
	if (n > cap - 1 - *len)
		n = cap - 1 - *len;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/*
 * For each role, evaluate every relationship a record can have (allocated,
 * team, shared) unrestricted and restricted, and say which operations each
 * allows.
 */
void
access_describe(char *out, size_t cap)
{
	static const struct {
		const char *how;
		struct access_facts f;
	} rel[] = {
		{ "as allocated worker", { .exists = true, .allocated = true } },
		{ "through their team", { .exists = true,
		    .team_allocated = true } },
		{ "when shared with their agency", { .exists = true,
		    .shared = true } },
		{ "as chair of a conference about the child", {
		    .exists = true, .chairing = true } },
		{ "with no relationship", { .exists = true } },
	};
	size_t len = 0;

	if (cap == 0)
		return;
	out[0] = '\0';
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = { .staff_id = 1, .role = (enum staff_role)r,
		    .agency_kind = r == ROLE_PARTNER_PRACTITIONER ?
		    AGENCY_HEALTH : AGENCY_LOCAL_AUTHORITY };
		char line[512];
		bool any = false;

		snprintf(line, sizeof(line), "%s (%s):\n", role_label(p.role),
		    role_code(p.role));
		put(out, cap, &len, line);
		for (size_t k = 0; k < sizeof(rel) / sizeof(rel[0]); k++) {
			struct access_facts f = rel[k].f, fr = rel[k].f;
			size_t l = 0;
			bool glass = false;

			fr.restricted = true;
			line[0] = '\0';
			for (int op = 0; op < ACCESS_OP__COUNT; op++) {
				if (access_child(&p, (enum access_op)op, &f,
				    NULL) != ACCESS_ALLOW)
					continue;
				put(line, sizeof(line), &l, l ? ", " : "");
				put(line, sizeof(line), &l,
				    access_op_name((enum access_op)op));
				if (access_child(&p, (enum access_op)op, &fr,
				    NULL) == ACCESS_NEEDS_GLASS)
					glass = true;
			}
			if (l == 0)
				continue;
			any = true;
			put(out, cap, &len, "  children's records ");
			put(out, cap, &len, rel[k].how);
			put(out, cap, &len, ": ");
			put(out, cap, &len, line);
			put(out, cap, &len, glass ? "; restricted records only "
			    "if named on them or after breaking the glass\n" :
			    "\n");
		}
		if (!any)
			put(out, cap, &len, "  no children's records\n");
		if (access_admin(&p))
			put(out, cap, &len, "  users, roles and teams: manage\n");
		if (access_team_figures(&p, 0))
			put(out, cap, &len, "  every team's timeliness "
			    "figures\n");
		else if (p.role == ROLE_TEAM_MANAGER)
			put(out, cap, &len, "  their own teams' timeliness "
			    "figures\n");
		if (access_audit_view(&p))
			put(out, cap, &len, "  who viewed a record their team "
			    "may see, and break-glass reviews\n");
		if (access_create_records(&p))
			put(out, cap, &len, "  new child and family records: "
			    "create\n");
	}
}
