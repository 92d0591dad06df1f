/*
 * staff.c: role, agency and team vocabularies and their validation.
 */
#include <string.h>

#include "core/staff.h"
#include "core/text.h"
#include "core/banned.h"

struct vocab {
	const char *code;
	const char *label;
};

static const struct vocab roles[ROLE__COUNT] = {
	[ROLE_SOCIAL_WORKER] = { "social_worker", "Social worker" },
	[ROLE_TEAM_MANAGER] = { "team_manager", "Team manager" },
	[ROLE_CP_CHAIR] = { "cp_chair", "Child protection chair" },
	[ROLE_DA_VICTIM_WORKER] = { "da_victim_worker",
	    "Domestic abuse victim worker" },
	[ROLE_DA_PERPETRATOR_WORKER] = { "da_perpetrator_worker",
	    "Domestic abuse perpetrator worker" },
	[ROLE_MENTAL_HEALTH_WORKER] = { "mental_health_worker",
	    "Adult mental health worker" },
	[ROLE_SUBSTANCE_MISUSE_WORKER] = { "substance_misuse_worker",
	    "Substance misuse worker" },
	[ROLE_PROBATION_OFFICER] = { "probation_officer", "Probation officer" },
	[ROLE_FGC_COORDINATOR] = { "fgc_coordinator",
	    "Family group conference coordinator" },
	[ROLE_PARTNER_PRACTITIONER] = { "partner_practitioner",
	    "Partner-agency practitioner" },
	[ROLE_PERFORMANCE_ANALYST] = { "performance_analyst",
	    "Performance analyst" },
	[ROLE_ADMINISTRATOR] = { "administrator", "Administrator" },
};

static const struct vocab agency_kinds[AGENCY__COUNT] = {
	[AGENCY_LOCAL_AUTHORITY] = { "local_authority", "Local authority" },
	[AGENCY_POLICE] = { "police", "Police" },
	[AGENCY_HEALTH] = { "health", "Health" },
	[AGENCY_EDUCATION] = { "education", "Education" },
	[AGENCY_PROBATION] = { "probation", "Probation" },
	[AGENCY_OTHER] = { "other", "Other agency" },
};

static const struct vocab team_kinds[TEAM__COUNT] = {
	[TEAM_ASSESSMENT] = { "assessment", "Assessment" },
	[TEAM_CHILD_IN_NEED] = { "child_in_need",
	    "Children in need and child protection" },
	[TEAM_FAMILY_SAFEGUARDING] = { "family_safeguarding",
	    "Family Safeguarding (multi-disciplinary)" },
	[TEAM_CHILDREN_IN_CARE] = { "children_in_care", "Children in care" },
	[TEAM_CONFERENCE] = { "conference",
	    "Child protection chairs and reviewing officers" },
	[TEAM_FGC] = { "fgc", "Family group conferences" },
	[TEAM_PERFORMANCE] = { "performance", "Performance and insight" },
	[TEAM_OTHER] = { "other", "Other" },
};

static const char *
vocab_field(const struct vocab *v, int n, int i, bool label)
{
	if (i < 0 || i >= n)
		return NULL;
	return label ? v[i].label : v[i].code;
}

static enum herr
vocab_parse(const struct vocab *v, int n, const char *s, int *out,
    const char *field, const char *what, struct hdiag *diag)
{
	char list[256];
	size_t used = 0;

	for (int i = 0; i < n; i++)
		if (s != NULL && strcmp(s, v[i].code) == 0) {
			*out = i;
			return HERR_OK;
		}
	list[0] = '\0';
	for (int i = 0; i < n && used < sizeof(list); i++) {
		size_t k = strlen(v[i].code);

		if (used + k + 3 >= sizeof(list))
			break;
		if (used) {
			memcpy(list + used, ", ", 2);
			used += 2;
		}
		memcpy(list + used, v[i].code, k + 1);
		used += k;
	}
	return hdiag_set(diag, HERR_INVALID, field, s ? s : "",
	    "%s \"%s\" is not one of: %s", what, s ? s : "", list);
}

const char *role_code(enum staff_role r)
{ return vocab_field(roles, ROLE__COUNT, (int)r, false); }
const char *role_label(enum staff_role r)
{ return vocab_field(roles, ROLE__COUNT, (int)r, true); }
const char *agency_kind_code(enum agency_kind k)
{ return vocab_field(agency_kinds, AGENCY__COUNT, (int)k, false); }
const char *agency_kind_label(enum agency_kind k)
{ return vocab_field(agency_kinds, AGENCY__COUNT, (int)k, true); }
const char *team_kind_code(enum team_kind k)
{ return vocab_field(team_kinds, TEAM__COUNT, (int)k, false); }
const char *team_kind_label(enum team_kind k)
{ return vocab_field(team_kinds, TEAM__COUNT, (int)k, true); }

enum herr
role_parse(const char *s, enum staff_role *out, const char *field,
    struct hdiag *diag)
{
	int i;
	enum herr e = vocab_parse(roles, ROLE__COUNT, s, &i, field, "Role",
	    diag);

	if (e == HERR_OK)
		*out = (enum staff_role)i;
	return e;
}

enum herr
agency_kind_parse(const char *s, enum agency_kind *out, const char *field,
    struct hdiag *diag)
{
	int i;
	enum herr e = vocab_parse(agency_kinds, AGENCY__COUNT, s, &i, field,
	    "Agency kind", diag);

	if (e == HERR_OK)
		*out = (enum agency_kind)i;
	return e;
}

enum herr
team_kind_parse(const char *s, enum team_kind *out, const char *field,
    struct hdiag *diag)
{
	int i;
	enum herr e = vocab_parse(team_kinds, TEAM__COUNT, s, &i, field,
	    "Team kind", diag);

	if (e == HERR_OK)
		*out = (enum team_kind)i;
	return e;
}

bool
role_is_adult_specialist(enum staff_role r)
{
	return r == ROLE_DA_VICTIM_WORKER || r == ROLE_DA_PERPETRATOR_WORKER ||
	    r == ROLE_MENTAL_HEALTH_WORKER ||
	    r == ROLE_SUBSTANCE_MISUSE_WORKER || r == ROLE_PROBATION_OFFICER;
}

enum herr
agency_validate(const struct agency *a, struct hdiag *diag)
{
	if ((unsigned)a->kind >= AGENCY__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Agency kind is not known");
	return text_check("name", "Agency name", a->name, AGENCY_NAME_MAX,
	    TEXT_REQUIRED, diag);
}

static bool
username_ok(const char *u)
{
	size_t n = strlen(u);

	if (n < 2 || n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = u[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    ((c == '.' || c == '_' || c == '-') && i > 0)))
			return false;
	}
	return true;
}

enum herr
staff_validate(const struct staff *s, const struct agency *agency,
    struct hdiag *diag)
{
	enum herr e;
	const char *at;

	if (!username_ok(s->username))
		return hdiag_set(diag, HERR_INVALID, "username", s->username,
		    "Username \"%s\" must be 2 to %d characters: lower-case "
		    "letters, digits, '.', '_' or '-', starting with a letter "
		    "or digit", s->username, USERNAME_MAX);
	if ((e = text_check("given_name", "Given name", s->given_name,
	    PERSON_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK ||
	    (e = text_check("family_name", "Family name", s->family_name,
	    PERSON_NAME_MAX, TEXT_REQUIRED, diag)) != HERR_OK ||
	    (e = text_check("email", "E-mail address", s->email, EMAIL_MAX, 0,
	    diag)) != HERR_OK)
		return e;
	if (s->email[0] != '\0' && ((at = strchr(s->email, '@')) == NULL ||
	    at == s->email || strchr(at, '.') == NULL ||
	    strchr(s->email, ' ') != NULL))
		return hdiag_set(diag, HERR_INVALID, "email", s->email,
		    "E-mail address \"%s\" is not an e-mail address",
		    s->email);
	if ((unsigned)s->role >= ROLE__COUNT)
		return hdiag_set(diag, HERR_INVALID, "role", "",
		    "Role is not known");
	if (agency == NULL || s->agency_id <= 0 || agency->id != s->agency_id)
		return hdiag_set(diag, HERR_INVALID, "agency", "",
		    "Staff must belong to an agency");
	if (s->role == ROLE_PARTNER_PRACTITIONER &&
	    agency->kind == AGENCY_LOCAL_AUTHORITY)
		return hdiag_set(diag, HERR_INVALID, "agency", agency->name,
		    "A partner-agency practitioner must belong to a partner "
		    "agency (police, health, education, probation or other), "
		    "not to "
		    "\"%s\"", agency->name);
	return HERR_OK;
}

enum herr
team_validate(const struct team *t, struct hdiag *diag)
{
	if ((unsigned)t->kind >= TEAM__COUNT)
		return hdiag_set(diag, HERR_INVALID, "kind", "",
		    "Team kind is not known");
	return text_check("name", "Team name", t->name, TEAM_NAME_MAX,
	    TEXT_REQUIRED, diag);
}

enum herr
allocation_validate(const struct allocation *a, struct hdiag *diag)
{
	char s[HDATE_LEN], e[HDATE_LEN];

	if (a->staff_id <= 0)
		return hdiag_set(diag, HERR_INVALID, "staff", "",
		    "An allocation needs a worker");
	if ((a->child_id > 0) == (a->household_id > 0))
		return hdiag_set(diag, HERR_INVALID, "child", "",
		    "An allocation is to one child or one family, not both "
		    "or neither");
	if (a->start_date == HDAY_NONE)
		return hdiag_set(diag, HERR_INVALID, "start_date", "",
		    "An allocation needs a start date");
	if (a->end_date != HDAY_NONE && a->end_date < a->start_date)
		return hdiag_set(diag, HERR_INVALID, "end_date",
		    hdate_format(a->end_date, e), "The allocation ends on %s, "
		    "before it starts on %s", e, hdate_format(a->start_date, s));
	return HERR_OK;
}
