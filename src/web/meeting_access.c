/*
 * meeting_access.c: the reach of meeting_access.h.  Every decision about a
 * child is core/access's (web_child_access); this file only combines them
 * over a meeting's children and reads the invitation list.
 */
#include "web/meeting_access.h"
#include "core/banned.h"

bool
web_meeting_own_invitee(const struct req *r, const struct invitee *i)
{
	if (!r->signed_in || i->kind != INVITEE_AGENCY)
		return false;
	if (i->staff_id > 0)
		return i->staff_id == r->who.staff_id;
	return r->who.role == ROLE_PARTNER_PRACTITIONER &&
	    r->who.agency_id > 0 && i->agency_id == r->who.agency_id;
}

enum meeting_reach
web_meeting_reach(struct req *r, const struct meeting *m,
    int64_t *glass_child)
{
	bool view = m->n_children > 0, run = m->n_children > 0;
	bool invited = false;

	if (glass_child != NULL)
		*glass_child = 0;
	if (!r->signed_in)
		return REACH_NONE;
	if (r->who.role == ROLE_PARTNER_PRACTITIONER) {
		for (int i = 0; i < m->n_invitees && !invited; i++)
			invited = web_meeting_own_invitee(r, &m->invitees[i]);
		return access_meeting_invited(&r->who, invited) ?
		    REACH_INVITED : REACH_NONE;
	}
	for (int i = 0; i < m->n_children; i++) {
		int64_t c = m->children[i].child_id;

		switch (web_child_access(r, c, ACCESS_VIEW, NULL)) {
		case ACCESS_ALLOW:
			break;
		case ACCESS_NEEDS_GLASS:
			if (glass_child != NULL && *glass_child == 0)
				*glass_child = c;
			view = false;
			break;
		default:
			view = false;
			break;
		}
		if (web_child_access(r, c, ACCESS_CONFERENCE, NULL) !=
		    ACCESS_ALLOW)
			run = false;
	}
	if (!view)
		return REACH_NONE;
	if (glass_child != NULL)
		*glass_child = 0;
	return run ? REACH_RUN : REACH_VIEW;
}
