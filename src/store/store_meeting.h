/*
 * store_meeting.h: the store's half of conferences as meetings
 * (meeting.h): the meeting and its children, invitees, agency reports,
 * threshold views, the plan, minutes, documents sent and feedback, and the
 * lists the chair's view, a child's page and a partner agency need.
 * Implemented in store_meeting.c with its own statement table
 * (SQLSET_MEETING).
 *
 * Reads and writes only; the rules are meeting.h's, applied by
 * record_meeting.c (record.h).  Writes run inside the caller's
 * transaction.  The meeting row carries a version: every change to the
 * meeting row itself (booking details, participation, decision, plan,
 * minutes, cancelling) takes the version the user saw and bumps it, and
 * returns HERR_CONFLICT (filling *conflict when not NULL) if it moved on.
 * Rows added beside it (invitees, reports, views, sends, feedback) do not
 * move the version; a report has its own.
 */
#ifndef HEARTH_STORE_STORE_MEETING_H
#define HEARTH_STORE_STORE_MEETING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/meeting.h"
#include "store/store.h"
#include "store/store_case.h"

/* Book: the meeting row and one meeting_child row per child (in order);
 * sets m->id and m->version = 1. */
enum herr store_meeting_add(struct store *st, struct meeting *m)
    HEARTH_WUR;

/* Meeting `id` with everything recorded about it (meeting_reset first):
 * children in order, invitees, reports, views, outcomes, actions, core
 * group, sends and feedback, each in the order recorded.  HERR_NOTFOUND
 * when there is no such meeting. */
enum herr store_meeting_get(struct store *st, int64_t id, struct meeting *m)
    HEARTH_WUR;

/* Booking details: kind, date, minute, place, chair, notified date. */
enum herr store_meeting_update(struct store *st, const struct meeting *m,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_meeting_cancel(struct store *st, int64_t id,
    const char *reason, int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
/* The chair has decided: status held, the journey conference and the
 * dissent in words. */
enum herr store_meeting_held(struct store *st, int64_t id,
    int64_t conference_id, const char *dissent, int64_t expected,
    int64_t by, int64_t now, struct store_change *conflict) HEARTH_WUR;
/* One child's participation and advocate offer (the row for
 * c->child_id must exist). */
enum herr store_meeting_child_set(struct store *st, int64_t meeting_id,
    const struct meeting_child *c, int64_t expected, int64_t by,
    int64_t now, struct store_change *conflict) HEARTH_WUR;
/* The plan (outcomes, actions, contingency, child_seen, core group: all
 * replaced) with plan_saved_at = now. */
enum herr store_meeting_plan_save(struct store *st, const struct meeting *m,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_meeting_minutes_save(struct store *st, int64_t id,
    const char *minutes, int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
/* Who changed the meeting last (for a conflict message). */
enum herr store_meeting_change(struct store *st, int64_t id,
    struct store_change *out) HEARTH_WUR;

/* Rows beside the meeting: each add sets the id. */
enum herr store_invitee_add(struct store *st, int64_t meeting_id,
    struct invitee *i) HEARTH_WUR;
enum herr store_invitee_attendance(struct store *st, int64_t meeting_id,
    int64_t invitee_id, enum attendance a) HEARTH_WUR;
enum herr store_report_add(struct store *st, int64_t meeting_id,
    struct agency_report *r) HEARTH_WUR;
/* Replace a report's text (and author, submitted_at) or mark it shared
 * on a day, if its version is still `expected`. */
enum herr store_report_update(struct store *st, const struct agency_report *r,
    int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_report_share(struct store *st, int64_t report_id,
    hday shared_on, int64_t expected, int64_t by, int64_t now,
    struct store_change *conflict) HEARTH_WUR;
enum herr store_view_add(struct store *st, int64_t meeting_id,
    struct threshold_view *v) HEARTH_WUR;
enum herr store_send_add(struct store *st, int64_t meeting_id,
    struct meeting_send *s) HEARTH_WUR;
enum herr store_feedback_add(struct store *st, int64_t meeting_id,
    struct feedback *f) HEARTH_WUR;

/*
 * Lists of summaries (meeting.h), at most max, *n set:
 * - a child's meetings, newest first;
 * - booked meetings from `from` to `to` (inclusive) in date order, for one
 *   chair (chair_id 0: every chair, including none named);
 * - held meetings whose plan and minutes are not yet all sent, oldest
 *   first, for one chair (0: all);
 * - the meetings a partner is invited to (as the staff member, or their
 *   agency when agency_id is not 0), from `from`, in date order.
 */
enum herr store_meetings_child(struct store *st, int64_t child_id,
    struct meeting_summary *out, int max, int *n) HEARTH_WUR;
enum herr store_meetings_booked(struct store *st, int64_t chair_id,
    hday from, hday to, struct meeting_summary *out, int max, int *n)
    HEARTH_WUR;
enum herr store_meetings_unsent(struct store *st, int64_t chair_id,
    struct meeting_summary *out, int max, int *n) HEARTH_WUR;
enum herr store_meetings_invited(struct store *st, int64_t staff_id,
    int64_t agency_id, hday from, struct meeting_summary *out, int max,
    int *n) HEARTH_WUR;

/* Whether staff `staff_id` (of agency `agency_id`) is invited to meeting
 * `meeting_id`, as themselves or through their agency. */
enum herr store_meeting_invited(struct store *st, int64_t meeting_id,
    int64_t staff_id, int64_t agency_id, bool *invited) HEARTH_WUR;

/* Whether child `child_id` is one of meeting `meeting_id`'s children. */
enum herr store_meeting_has_child(struct store *st, int64_t meeting_id,
    int64_t child_id, bool *yes) HEARTH_WUR;

#endif
