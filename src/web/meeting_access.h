/*
 * meeting_access.h: how far the signed-in user reaches a conference, for
 * the pages (page_meeting.c) and the API (api_meeting.c) alike.  A meeting
 * is reached through its children (core/access decides each), except for
 * a partner-agency practitioner, whose only route is an invitation: they
 * see when and where it is and who it is about, and write their own
 * agency's report (access_meeting_invited); nothing else.
 */
#ifndef HEARTH_WEB_MEETING_ACCESS_H
#define HEARTH_WEB_MEETING_ACCESS_H

#include <stdbool.h>

#include "core/meeting.h"
#include "web/web.h"

enum meeting_reach {
	REACH_NONE = 0,	/* answer exactly as for a missing meeting */
	REACH_INVITED,	/* invited partner: the limited view, own report */
	REACH_VIEW,	/* ACCESS_VIEW on every child: the whole meeting */
	REACH_RUN,	/* ACCESS_CONFERENCE on every child: may change it */
};

/*
 * The user's reach to meeting m.  When a child is restricted and the user
 * has a reason to see it but has not broken the glass, the answer is
 * REACH_NONE and *glass_child (may be NULL) is that child's id, so a page
 * can offer the break-glass route; otherwise *glass_child is 0.
 */
enum meeting_reach web_meeting_reach(struct req *r, const struct meeting *m,
    int64_t *glass_child);

/* Whether invitee i is the user's own to write a report for: an agency
 * invitee who is the user, or (no user named) the user's partner
 * agency. */
bool web_meeting_own_invitee(const struct req *r, const struct invitee *i);

#endif
