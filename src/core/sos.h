/*
 * sos.h: Signs of Safety in the core: the map (what are we worried about,
 * what's working well, what needs to happen), safety scales from everyone
 * who matters to the child, and the child's own voice (Three Houses, Words
 * and Pictures).  practice-models.md section 1.
 *
 * A map is kept as revisions: saving a map never changes an old one, it
 * adds a new revision, so the map at any conference can be shown as it
 * was.  A revision covers one child or several (a family's map).  Each
 * danger statement is paired with its safety goals (the family's and the
 * agency's, separately), says who is worried and whether the family
 * agrees; more than three pairs is allowed but warned about (local
 * guidance: "try not to exceed three").
 *
 * A safety scale rating is one person's 0-10 judgement with their reason,
 * for the map as a whole (pair 0) or for one danger/goal pair, given at a
 * meeting or on a date.  Every rater's value is kept, never a single case
 * score: sos_scale_series() turns them into one line per person for the
 * chart of the spread of views over time.
 *
 * Decides validity and shapes data only: no SQL, no HTML, no I/O.
 */
#ifndef HEARTH_CORE_SOS_H
#define HEARTH_CORE_SOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

#define SOS_TEXT_MAX 2000	/* bytes of UTF-8 in one statement */
#define SOS_NAME_MAX 120	/* a person's name, an agency, "who is worried" */
#define SOS_ITEMS_MAX 48	/* harm, complicating, strengths, safety items */
#define SOS_PAIRS_MAX 12	/* danger statements with their goals */
#define SOS_PAIRS_ADVISED 3	/* more than this is warned about */
#define SOS_STEPS_MAX 40	/* next steps */
#define SOS_CHILDREN_MAX 16	/* children one map covers */
#define SOS_SERIES_POINTS 64	/* ratings per person on one chart */

/* The map's single-statement parts. */
enum sos_item_kind {
	SOS_HARM = 0,		/* past harm (what has happened) */
	SOS_COMPLICATING,	/* what makes the worries harder to address */
	SOS_STRENGTH,		/* existing strengths */
	SOS_SAFETY,		/* existing safety: what people already do */
	SOS_ITEM__COUNT
};

/* Whether the family shares a worry (practice-models 1.3: a disputed
 * worry is recorded as disputed, with what the family says). */
enum sos_family_view {
	SOS_VIEW_NOT_ASKED = 0,
	SOS_VIEW_AGREES,
	SOS_VIEW_PARTLY,
	SOS_VIEW_DISPUTES,
	SOS_VIEW__COUNT
};

struct sos_item {
	enum sos_item_kind kind;
	char text[SOS_TEXT_MAX + 1];
};

/* A danger statement and the safety goals that answer it. */
struct sos_pair {
	char danger[SOS_TEXT_MAX + 1];		/* required */
	char who_worried[SOS_NAME_MAX + 1];	/* required: "The school and
						 * the social worker" */
	enum sos_family_view family_view;
	char family_says[SOS_TEXT_MAX + 1];	/* required when partly or
						 * disputes */
	char goal_agency[SOS_TEXT_MAX + 1];	/* at least one goal */
	char goal_family[SOS_TEXT_MAX + 1];	/* in the family's words */
	char sustain[SOS_NAME_MAX + 1];		/* "for 6 months"; optional */
};

/* A next step: who does what by when. */
struct sos_step {
	char what[SOS_TEXT_MAX + 1];
	char who[SOS_NAME_MAX + 1];
	hday by;				/* required */
};

/* One revision of a map.  Large: make with sos_map_new. */
struct sos_map {
	int64_t id;			/* this revision; 0 before it is saved */
	int64_t previous_id;		/* the revision it replaces; 0 for
					 * the first */
	int64_t child_ids[SOS_CHILDREN_MAX];
	int n_children;
	int64_t meeting_id;		/* worked through at this meeting; 0 */
	hday made_on;			/* the day it reflects */
	int64_t made_by;		/* staff; 0 for demo/CLI */
	int64_t made_at;		/* unix seconds */
	struct sos_item items[SOS_ITEMS_MAX];
	int n_items;
	struct sos_pair pairs[SOS_PAIRS_MAX];
	int n_pairs;
	struct sos_step steps[SOS_STEPS_MAX];
	int n_steps;
};

struct sos_map *sos_map_new(void);	/* zeroed; caller frees */
void sos_map_free(struct sos_map *m);	/* NULL is a no-op */
void sos_map_clear(struct sos_map *m);

const char *sos_item_kind_code(enum sos_item_kind k);	/* harm complicating strength safety */
const char *sos_item_kind_label(enum sos_item_kind k);	/* "Harm: what has happened" */
int sos_item_kind_parse(const char *code);		/* -1 if unknown */
const char *sos_family_view_code(enum sos_family_view v); /* not-asked agrees partly disputes */
const char *sos_family_view_label(enum sos_family_view v);
int sos_family_view_parse(const char *code);

/*
 * A warning: something the author should see but which does not stop a
 * save (more than three danger statements, a goal without the family's
 * words, jargon).  Filled by the check functions that can warn.
 */
#define SOS_WARNINGS_MAX 16
struct sos_warnings {
	int n;
	struct {
		char field[48];
		char msg[240];
	} w[SOS_WARNINGS_MAX];
};

/*
 * Check a map revision as of `today`: at least one harm or danger
 * statement (WA procedure 2.2.17); every pair has a danger statement, who
 * is worried and at least one safety goal, and what the family says when
 * they partly agree or dispute; no goal without its danger statement;
 * next steps have what, who and a date; made_on is not in the future; at
 * least one child; texts within their limits.  Fields in diag are
 * "pairs[N].danger", "steps[N].by", "items[N].text" (0-based).  Warnings
 * (may be NULL): more than SOS_PAIRS_ADVISED pairs, a pair with no goal in
 * the family's words.
 */
enum herr sos_map_check(const struct sos_map *m, hday today,
    struct sos_warnings *warn, struct hdiag *diag) HEARTH_WUR;

/* Who gave a rating. */
enum sos_rater {
	RATER_CHILD = 0,
	RATER_PARENT,		/* parent or carer */
	RATER_NETWORK,		/* family and friends in the safety network */
	RATER_PROFESSIONAL,	/* with their agency */
	RATER__COUNT
};
const char *sos_rater_code(enum sos_rater r);	/* child parent network professional */
const char *sos_rater_label(enum sos_rater r);
int sos_rater_parse(const char *code);

#define SOS_SCALE_MIN 0		/* too unsafe for the child to stay at home */
#define SOS_SCALE_MAX 10	/* safe enough to close */

struct sos_rating {
	int64_t id;
	int64_t child_id;
	int64_t meeting_id;		/* 0 when not at a meeting */
	int64_t map_id;			/* the revision rated; 0 if none */
	int pair;			/* 0: overall; N: the map's Nth pair */
	hday rated_on;
	enum sos_rater kind;
	char rater[SOS_NAME_MAX + 1];	/* "Amy (mum)", "PC Lee" */
	char agency[SOS_NAME_MAX + 1];	/* professionals: required */
	int64_t staff_id;		/* when a member of staff; else 0 */
	int value;			/* SOS_SCALE_MIN..SOS_SCALE_MAX */
	char reason[SOS_TEXT_MAX + 1];	/* required: why that number */
	int64_t recorded_by;
	int64_t recorded_at;
};

/*
 * Check one rating as of `today` against the map revision it rates (may be
 * NULL when map_id is 0) and the child's ratings already recorded
 * (`existing`, any order): value 0-10, a reason, a rater, an agency for a
 * professional, a pair the map has, not in the future, and not a second
 * rating by the same person (kind and name, case-insensitive) for the
 * same pair at the same meeting (or, with no meeting, on the same day).
 */
enum herr sos_rating_check(const struct sos_rating *r,
    const struct sos_map *map, const struct sos_rating *existing,
    int n_existing, hday today, struct hdiag *diag) HEARTH_WUR;

/* One person's ratings of one scale over time. */
struct sos_series {
	enum sos_rater kind;
	char rater[SOS_NAME_MAX + 1];
	char agency[SOS_NAME_MAX + 1];
	int n;
	struct {
		hday on;
		int value;
		int64_t rating_id;
	} pts[SOS_SERIES_POINTS];	/* in date order */
};

/*
 * Group `ratings` (any order) of scale `pair` (0: overall) into one series
 * per person (kind and name, case-insensitive), at most `max`; returns the
 * number written.  Series come in a stable order: child, parents,
 * network, professionals, each group by first rating date then name.  A
 * person with more than SOS_SERIES_POINTS ratings keeps the latest.
 */
int sos_scale_series(const struct sos_rating *ratings, int n, int pair,
    struct sos_series *out, int max);

/* The spread of one scale on one occasion: lowest, highest, median (x2
 * so a half survives in an int), and how many rated. */
struct sos_spread {
	int n, lowest, highest, median2;
};
void sos_scale_spread(const struct sos_rating *ratings, int n, int pair,
    int64_t meeting_id, hday on, struct sos_spread *out);

/*
 * The child's voice (practice-models 1.6).  Three Houses: good things,
 * worries, dreams, in the child's words.  Words and Pictures: the
 * explanation to the child of why professionals are involved, shared with
 * the parents, agreed, then shared with the child.
 */
enum voice_kind {
	VOICE_THREE_HOUSES = 0,
	VOICE_WORDS_PICTURES,
	VOICE__COUNT
};
const char *voice_kind_code(enum voice_kind k);	/* three-houses words-pictures */
const char *voice_kind_label(enum voice_kind k);
int voice_kind_parse(const char *code);

struct voice_work {
	int64_t id, version, child_id;
	enum voice_kind kind;
	hday made_on;
	char made_with[SOS_NAME_MAX + 1];	/* who did it with the child */
	/* Three Houses */
	char good[SOS_TEXT_MAX + 1];
	char worries[SOS_TEXT_MAX + 1];
	char dreams[SOS_TEXT_MAX + 1];
	/* Words and Pictures */
	char explanation[SOS_TEXT_MAX + 1];
	hday shared_parents_on;		/* HDAY_NONE until done */
	hday agreed_on;			/* parents agreed it */
	hday shared_child_on;
	int64_t recorded_by;
	int64_t recorded_at;
};

/*
 * Check a piece of direct work against the child's date of birth as of
 * `today`: made_on neither before birth nor in the future; Three Houses
 * needs at least one house; Words and Pictures needs the explanation, and
 * its dates come in order (made <= shared with parents <= agreed <= shared
 * with child; agreed needs shared with parents) and none in the future.
 */
enum herr voice_work_check(const struct voice_work *v, hday dob, hday today,
    struct hdiag *diag) HEARTH_WUR;

#endif
