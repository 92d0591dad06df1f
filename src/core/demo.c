/*
 * demo.c: generate the demo authority (see demo.h for what it contains and
 * which national rates it follows).
 *
 * The shape: the workforce first (agencies, teams whose posts change hands
 * over the three years), then households one at a time: the people, their
 * relationships and a family referral history.  Each referral of the family
 * is first planned as a whole (plan_episode: every date of its journey,
 * from the decision through assessment, strategy discussion, section 47,
 * conferences and plans to closure, stopping wherever the as-of date falls)
 * and then recorded for the children it concerned (apply_episode): the CIN
 * episode is created open, each step is recorded in date order through the
 * record_* journey functions, and the episode is closed at the end.
 * Siblings are referred together, share their worker, and are discussed at
 * one conference, as in practice; visits, core groups and reviews are held
 * on the same days for all of them.
 *
 * Rates are national where there is a national figure (DfE Characteristics
 * of children in need 2023-24: about 14% of referrals reach an initial
 * conference, four in five within 15 working days; plans by category) and
 * practice-shaped elsewhere (plans of 3 to 18 months, a review at 3 months
 * and then within 6, most visits on time).  Near the as-of date a few steps
 * are left undone after they fell due, so that the authority has overdue
 * work today as every real one does.
 *
 * Each conference is held as a meeting (demo.h says what that records),
 * with the family's Signs of Safety map and safety scales, in words from
 * demo_phrases.h.  The meeting's details come from a second stream
 * (g->mr), so that adding them never moved the journey's own draws: the
 * chair and the initial conference's core group are still drawn from
 * g->rng, in the order they always were.
 *
 * Everything is written through core/record.h inside one transaction.  The
 * only randomness is struct rng seeded from the options, and iteration order
 * is fixed, so the same seed and as-of date give the same rows; the
 * journey's "now" (updated_at) is the step's own date (for a conference,
 * the hour of the meeting, its minutes and its sends), never the clock.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "core/codes.h"
#include "core/demo.h"
#include "core/demo_names.h"
#include "core/demo_phrases.h"
#include "core/journey.h"
#include "core/meeting.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/rng.h"
#include "core/sos.h"
#include "core/text.h"
#include "core/timescale.h"
#include "store/store.h"
#include "store/store_journey.h"
#include "core/banned.h"

#define DEMO_LA_CODE 873	/* the UPN LA code of the demo's schools */
#define DEMO_NAME "Ashdown Vale Council (demo authority)"
#define SLOTS_PER_TEAM 6	/* social worker posts per casework team */
#define HOLDERS_MAX 4		/* successive holders of one post */
#define FAMILY_CHILDREN_MAX 6
#define FAMILY_EPISODES_MAX 12
#define REVIEWS_MAX 8		/* review conferences of one CP plan */
/* How far back a family's history may start: the three-year window, a
 * year before it, and two more for a troubled family. */
#define HISTORY_YEARS 7
#define NEVER INT32_MAX		/* a date later than any: "not (yet)" */

/* National rates the demo follows (DfE Children in need 2023-24). */
#define RATE_REFERRALS_PER_10K 510.0

/* One post (e.g. a social worker in a team) and who held it when. */
struct post {
	int n;
	struct {
		int64_t staff_id;
		hday start, end;	/* end HDAY_NONE while in post */
	} h[HOLDERS_MAX];
};

struct dteam {
	int64_t id;
	enum team_kind kind;
	struct post manager;
	struct post sw[SLOTS_PER_TEAM];
	int nsw;
	/* Family Safeguarding adult specialists, by role (0 if none). */
	int64_t specialist[ROLE__COUNT];
};

/* A member of staff's name, for strategy discussions and core groups. */
struct staff_name {
	int64_t id;
	char name[JOURNEY_NAME_MAX + 1];
};

struct mtg;

struct gen {
	struct store *st;
	struct rng rng;
	/* The conferences' own stream (meetings, maps, scales, reports):
	 * drawing from it never moves `rng`, so every journey is the one the
	 * seed gave before conferences became meetings. */
	struct rng mr;
	struct hdiag *diag;
	hday as_of, window;	/* history runs from window to as_of */
	int64_t next_child, next_staff_no;
	int64_t la, police, health, mental_health, education, probation,
	    recovery, womens_aid;
	struct dteam *teams;		/* cap_teams of them */
	int nteams, cap_teams;
	int *assessment, nassessment;	/* indexes into teams */
	int *casework, ncasework;
	struct staff_name *names;	/* by id, in the order added */
	int nnames, cap_names;
	/* Partner practitioners who join strategy discussions. */
	int64_t *police_staff, *health_staff, *school_staff;
	int npolice, nhealth, nschool;
	struct post *chairs;		/* conference chairs' posts */
	int nchairs;
	struct intervals iv;		/* the authority's intervals */
	struct journey *j;		/* scratch: one child's journey */
	struct meeting *m;		/* scratch: a booking, a plan */
	struct sos_map *map;		/* scratch: a map revision */
	struct mtg *mt;			/* scratch: the meeting being held */
	struct demo_stats *stats;
	/* CP plans by category so far, for plans_by_category. */
	int64_t category[ABUSE__COUNT], categories;
};

/* ---------------------------------------------------------------- people */

static const char *
pick(struct gen *g, const char *const *list, int n)
{
	return list[rng_range(&g->rng, 0, n - 1)];
}

#define PICK(g, list) pick((g), (list), NAMES_N(list))

/* Copy demo text known to fit; if it ever does not, the empty field is
 * refused by the record's validation, so nothing is silently cut. */
static void
put(char *dst, size_t cap, const char *s)
{
	if (text_copy(dst, cap, s) != HERR_OK)
		dst[0] = '\0';
}

static void
disable(struct child *c, const char *code)
{
	if (child_add_disability(c, code) != HERR_OK)
		c->n_disabilities = CHILD_DISABILITY_MAX + 1;	/* refused */
}

/* A uniform date in [a, b]. */
static hday
date_between(struct gen *g, hday a, hday b)
{
	return b <= a ? a : (hday)rng_range(&g->rng, a, b);
}

/* Most events happen on working days: move d to the next one, unless that
 * passes `limit`. */
static hday
working(hday d, hday limit)
{
	hday w = d;

	while (!calendar_is_working_day(w) && w < limit)
		w++;
	return calendar_is_working_day(w) ? w : d;
}

static hday
add_wd(hday d, int n)
{
	hday out;

	return calendar_add_working_days(d, n, &out) == HERR_OK ? out : d + n;
}

/* ------------------------------------------------------------- workforce */

static void
username_of(char *buf, size_t cap, const char *given, const char *family,
    int suffix)
{
	size_t k = 0;
	const char *parts[2] = { given, family };

	for (int p = 0; p < 2; p++) {
		if (p == 1 && k + 1 < cap)
			buf[k++] = '.';
		for (const char *c = parts[p]; *c && k + 1 < cap; c++)
			if (isalnum((unsigned char)*c))
				buf[k++] = (char)tolower((unsigned char)*c);
	}
	if (suffix > 1)
		k += (size_t)snprintf(buf + k, cap - k, "%d", suffix);
	buf[k < cap ? k : cap - 1] = '\0';
}

/* Add a member of staff (retrying the username until it is unique) and, if
 * team_id, their membership from start to end. */
static enum herr
add_staff(struct gen *g, enum staff_role role, int64_t agency,
    int64_t team_id, hday start, hday end, int64_t *id)
{
	struct staff s;
	enum herr e;
	bool woman = rng_chance(&g->rng, role == ROLE_SOCIAL_WORKER ? 0.82 :
	    0.65);

	memset(&s, 0, sizeof(s));
	s.role = role;
	s.agency_id = agency;
	s.active = end == HDAY_NONE;
	put(s.given_name, sizeof(s.given_name), woman ?
	    PICK(g, adult_women) : PICK(g, adult_men));
	put(s.family_name, sizeof(s.family_name),
	    PICK(g, family_names));
	for (int suffix = 1;; suffix++) {
		username_of(s.username, sizeof(s.username), s.given_name,
		    s.family_name, suffix);
		snprintf(s.email, sizeof(s.email), "%s@%s.example",
		    s.username, agency == g->la ? "ashdownvale" : "partner");
		e = record_staff_add(g->st, &s, g->diag);
		if (e != HERR_INVALID || strcmp(g->diag->field, "username") != 0)
			break;
	}
	if (e != HERR_OK)
		return e;
	*id = s.id;
	if (g->nnames == g->cap_names) {
		g->cap_names = g->cap_names ? 2 * g->cap_names : 256;
		g->names = xrealloc(g->names, (size_t)g->cap_names *
		    sizeof(*g->names));
	}
	/* The demo's names fit a participant's; were one not to, the family
	 * name alone stands (never a name cut inside a character). */
	g->names[g->nnames].id = s.id;
	if (snprintf(g->names[g->nnames].name, sizeof(g->names[0].name),
	    "%s %s", s.given_name, s.family_name) >=
	    (int)sizeof(g->names[0].name))
		put(g->names[g->nnames].name, sizeof(g->names[0].name),
		    s.family_name);
	g->nnames++;
	if (team_id)
		e = store_team_member_add(g->st, team_id, s.id, start, end,
		    g->diag);
	return e;
}

static enum herr
add_agency(struct gen *g, const char *name, enum agency_kind kind,
    int64_t *id)
{
	struct agency a;
	enum herr e;

	memset(&a, 0, sizeof(a));
	put(a.name, sizeof(a.name), name);
	a.kind = kind;
	if ((e = record_agency_add(g->st, &a, g->diag)) == HERR_OK)
		*id = a.id;
	return e;
}

static enum herr
add_team(struct gen *g, const char *name, enum team_kind kind, int *index)
{
	struct dteam *dt;
	struct team t;
	enum herr e;

	if (g->nteams >= g->cap_teams)
		return hdiag_set(g->diag, HERR_INVALID, "children", "",
		    "Too many teams for the demo");
	memset(&t, 0, sizeof(t));
	put(t.name, sizeof(t.name), name);
	t.kind = kind;
	if ((e = record_team_add(g->st, &t, g->diag)) != HERR_OK)
		return e;
	dt = &g->teams[g->nteams];
	memset(dt, 0, sizeof(*dt));
	dt->id = t.id;
	dt->kind = kind;
	*index = g->nteams++;
	return HERR_OK;
}

/*
 * Fill one post from before the window to now: the first holder started
 * years ago; some leave during the window and a successor starts on the
 * next working day (turnover is about 15% a year in children's social work).
 */
static enum herr
fill_post(struct gen *g, struct post *p, enum staff_role role,
    int64_t agency, int64_t team_id)
{
	/* In post before the earliest referral the demo makes. */
	hday start = g->window - 365 - (hday)rng_range(&g->rng, 30, 365 * 6);
	enum herr e;

	p->n = 0;
	for (;;) {
		hday end = HDAY_NONE, lo = start + 60 > g->window ? start + 60 :
		    g->window, hi = g->as_of - 30;
		int k = p->n;

		if (k + 1 < HOLDERS_MAX && lo <= hi &&
		    rng_chance(&g->rng, 0.35))
			end = date_between(g, lo, hi);
		if ((e = add_staff(g, role, agency, team_id, start, end,
		    &p->h[k].staff_id)) != HERR_OK)
			return e;
		p->h[k].start = start;
		p->h[k].end = end;
		p->n++;
		if (end == HDAY_NONE)
			return HERR_OK;
		start = add_wd(end, 1);
	}
}

static enum herr
add_casework_team(struct gen *g, const char *name, enum team_kind kind,
    int nsw)
{
	static const enum staff_role specialists[] = {
		ROLE_DA_VICTIM_WORKER, ROLE_DA_PERPETRATOR_WORKER,
		ROLE_MENTAL_HEALTH_WORKER, ROLE_SUBSTANCE_MISUSE_WORKER,
		ROLE_PROBATION_OFFICER,
	};
	struct dteam *dt;
	enum herr e;
	int ix;

	if ((e = add_team(g, name, kind, &ix)) != HERR_OK)
		return e;
	dt = &g->teams[ix];
	if ((e = fill_post(g, &dt->manager, ROLE_TEAM_MANAGER, g->la,
	    dt->id)) != HERR_OK)
		return e;
	dt->nsw = nsw;
	for (int i = 0; i < nsw; i++)
		if ((e = fill_post(g, &dt->sw[i], ROLE_SOCIAL_WORKER, g->la,
		    dt->id)) != HERR_OK)
			return e;
	if (kind == TEAM_FAMILY_SAFEGUARDING) {
		for (size_t i = 0; i < sizeof(specialists) /
		    sizeof(specialists[0]); i++) {
			enum staff_role r = specialists[i];
			int64_t agency = r == ROLE_MENTAL_HEALTH_WORKER ?
			    g->mental_health : r == ROLE_SUBSTANCE_MISUSE_WORKER ?
			    g->recovery : r == ROLE_PROBATION_OFFICER ?
			    g->probation : r == ROLE_DA_VICTIM_WORKER ?
			    g->womens_aid : g->la;

			if ((e = add_staff(g, r, agency, dt->id, g->window -
			    (hday)rng_range(&g->rng, 30, 900), HDAY_NONE,
			    &dt->specialist[r])) != HERR_OK)
				return e;
		}
	}
	if (kind == TEAM_ASSESSMENT)
		g->assessment[g->nassessment++] = ix;
	else
		g->casework[g->ncasework++] = ix;
	return HERR_OK;
}

/* A team of `n` people in `role` (plus a manager if `managed`); their
 * posts into keep[n] when keep is not NULL. */
static enum herr
add_service_team(struct gen *g, const char *name, enum team_kind kind,
    enum staff_role role, int64_t agency, int n, bool managed,
    struct post *keep)
{
	struct post p;
	enum herr e;
	int ix;

	if ((e = add_team(g, name, kind, &ix)) != HERR_OK)
		return e;
	if (managed && (e = fill_post(g, &p, ROLE_TEAM_MANAGER, g->la,
	    g->teams[ix].id)) != HERR_OK)
		return e;
	for (int i = 0; i < n; i++)
		if ((e = fill_post(g, keep ? &keep[i] : &p, role, agency,
		    g->teams[ix].id)) != HERR_OK)
			return e;
	return HERR_OK;
}

static int
scaled(int64_t children, int64_t per, int min)
{
	int64_t n = (children + per - 1) / per;

	return n < min ? min : (int)n;
}

static enum herr
make_workforce(struct gen *g, int64_t children)
{
	static const char *const areas[] = { "North", "South", "East", "West",
	    "Central", "Riverside", "Valley", "Coast" };
	/* About 30% of children are open at a time, 16 per social worker. */
	int sw = scaled(children * 30 / 100, 16, 12);
	int nassess = scaled(sw * 30 / 100, SLOTS_PER_TEAM, 1);
	int ncase = scaled(sw * 70 / 100, SLOTS_PER_TEAM, 2);
	char name[TEAM_NAME_MAX + 1];
	enum herr e;

	/* The casework teams, and five service teams. */
	g->cap_teams = nassess + ncase + 5;
	g->teams = xcalloc((size_t)g->cap_teams, sizeof(*g->teams));
	g->assessment = xcalloc((size_t)nassess, sizeof(int));
	g->casework = xcalloc((size_t)ncase, sizeof(int));
	if ((e = add_agency(g, "Ashdown Vale Council", AGENCY_LOCAL_AUTHORITY,
	    &g->la)) || (e = add_agency(g, "Ashdown Vale Police",
	    AGENCY_POLICE, &g->police)) || (e = add_agency(g,
	    "Ashdown Vale NHS Foundation Trust", AGENCY_HEALTH, &g->health)) ||
	    (e = add_agency(g, "Ashdown Vale Mental Health Partnership",
	    AGENCY_HEALTH, &g->mental_health)) || (e = add_agency(g,
	    "Ashdown Vale Schools", AGENCY_EDUCATION, &g->education)) ||
	    (e = add_agency(g, "Probation Service (Ashdown Vale)",
	    AGENCY_PROBATION, &g->probation)) || (e = add_agency(g,
	    "Ashdown Vale Recovery Service", AGENCY_OTHER, &g->recovery)) ||
	    (e = add_agency(g, "Ashdown Vale Women's Aid", AGENCY_OTHER,
	    &g->womens_aid)))
		return e;
	for (int i = 0; i < nassess; i++) {
		snprintf(name, sizeof(name), "Assessment Team %d", i + 1);
		if ((e = add_casework_team(g, name, TEAM_ASSESSMENT,
		    SLOTS_PER_TEAM)))
			return e;
	}
	/* Half the casework teams work the Family Safeguarding model. */
	for (int i = 0; i < ncase; i++) {
		bool fs = i % 2 == 0;
		const char *area = areas[(i / 2) % 8];

		if (i / 16 > 0)
			snprintf(name, sizeof(name), "%s %s Team %d", area, fs ?
			    "Family Safeguarding" : "Children in Need", i / 16 + 1);
		else
			snprintf(name, sizeof(name), "%s %s Team", area, fs ?
			    "Family Safeguarding" : "Children in Need");
		if ((e = add_casework_team(g, name, fs ?
		    TEAM_FAMILY_SAFEGUARDING : TEAM_CHILD_IN_NEED,
		    SLOTS_PER_TEAM)))
			return e;
	}
	g->nchairs = scaled(children, 350, 2);
	g->chairs = xcalloc((size_t)g->nchairs, sizeof(*g->chairs));
	if ((e = add_service_team(g, "Children in Care Team",
	    TEAM_CHILDREN_IN_CARE, ROLE_SOCIAL_WORKER, g->la,
	    scaled(children, 400, 2), true, NULL)) ||
	    (e = add_service_team(g, "Safeguarding and Conference Service",
	    TEAM_CONFERENCE, ROLE_CP_CHAIR, g->la, g->nchairs, true,
	    g->chairs)) ||
	    (e = add_service_team(g, "Family Group Conference Service",
	    TEAM_FGC, ROLE_FGC_COORDINATOR, g->la, scaled(children, 500, 2),
	    true, NULL)) ||
	    (e = add_service_team(g, "Performance and Insight",
	    TEAM_PERFORMANCE, ROLE_PERFORMANCE_ANALYST, g->la,
	    scaled(children, 5000, 2), false, NULL)) ||
	    (e = add_service_team(g, "Business Support", TEAM_OTHER,
	    ROLE_ADMINISTRATOR, g->la, scaled(children, 5000, 2), false,
	    NULL)))
		return e;
	/* Partner-agency practitioners belong to their agency, not a team;
	 * police, health and school ones join strategy discussions and core
	 * groups. */
	struct {
		int64_t agency;
		int per;
		int64_t **keep;
		int *n;
	} partners[] = {
		{ g->police, 600, &g->police_staff, &g->npolice },
		{ g->health, 500, &g->health_staff, &g->nhealth },
		{ g->education, 500, &g->school_staff, &g->nschool },
		{ g->womens_aid, 3000, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(partners) / sizeof(partners[0]); i++) {
		int n = scaled(children, partners[i].per, 2);
		int64_t *ids = xcalloc((size_t)n, sizeof(*ids));

		for (int k = 0; k < n; k++)
			if ((e = add_staff(g, ROLE_PARTNER_PRACTITIONER,
			    partners[i].agency, 0, HDAY_NONE, HDAY_NONE,
			    &ids[k]))) {
				free(ids);
				return e;
			}
		if (partners[i].keep) {
			*partners[i].keep = ids;
			*partners[i].n = n;
		} else {
			free(ids);
		}
	}
	return HERR_OK;
}

/* -------------------------------------------------------------- episodes */

static const char *const sources[] = { "6", "2A", "2B", "3A", "3B", "3C",
    "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D", "1A", "1B", "1C", "1D",
    "7", "8", "9", "10" };
/* Share of referrals by source, roughly as in England 2023-24. */
static const double source_w[] = { 29, 20, 1, 2, 3, 1, 2, 3, 5, 2, 5, 3, 1,
    2, 4, 0.5, 1, 1, 2, 4, 1, 2 };
static const char *const needs[] = { "N1", "N2", "N3", "N4", "N5", "N6",
    "N7", "N8", "N9", "N0" };
static const double need_w[] = { 57, 9, 3, 9, 15, 2, 0.3, 3, 1, 0.7 };
/* What the referrer said, by primary need (same order as needs[]). */
static const char *const need_reasons[] = {
	"Concerns that the children are being harmed or neglected at home",
	"The child's disability: the family need more support",
	"A parent's illness or disability is affecting the children's care",
	"The family is in acute stress and struggling to cope",
	"Domestic abuse and conflict in the home",
	"The young person's behaviour is putting them at risk",
	"The family has no money for food or heating",
	"No adult is looking after the children properly",
	"Other concerns about the children's welfare",
	"Reason not recorded by the referrer",
};
/* CIN census factors (8897Q) an assessment may find, by primary need; "21"
 * (no factors) only ever alone (8869). */
static const char *const factor_pool[][7] = {
	{ "16A", "17A", "3B", "4B", "2B", "1B", "18C" },
	{ "5A", "6A", "6B", NULL },
	{ "4B", "6B", "5B", NULL },
	{ "4B", "3B", "2B", "20", NULL },
	{ "3B", "3C", "4B", "2B", "1B", NULL },
	{ "14A", "10A", "13A", "11A", "2A", NULL },
	{ "20", NULL },
	{ "20", "7A", NULL },
	{ "20", NULL },
	{ "21", NULL },
};

/* Categories of abuse of CP plans (DfE 2023-24: neglect about half,
 * emotional abuse 37%, physical 7%, sexual 4%, multiple 2%). */
static const double category_share[ABUSE__COUNT] = {
	[ABUSE_NEGLECT] = 0.50, [ABUSE_EMOTIONAL] = 0.37,
	[ABUSE_PHYSICAL] = 0.07, [ABUSE_SEXUAL] = 0.04,
	[ABUSE_MULTIPLE] = 0.02,
};

/* Which holder of `post` was in post on day d (the last one if later). */
static int64_t
holder_on(const struct post *p, hday d, int *k)
{
	int i = 0;

	while (i + 1 < p->n && p->h[i].end != HDAY_NONE && p->h[i].end < d)
		i++;
	if (k)
		*k = i;
	return p->h[i].staff_id;
}

/*
 * Allocate the child (or, with household, the family) to the post's holder
 * from `from` to `to` (HDAY_NONE: still allocated), handing over to the
 * successor when a holder leaves.
 */
static enum herr
allocate_post(struct gen *g, const struct post *p, int64_t child,
    int64_t household, hday from, hday to)
{
	struct allocation a;
	enum herr e;
	int k;

	holder_on(p, from, &k);
	for (; k < p->n; k++) {
		hday leave = p->h[k].end;

		memset(&a, 0, sizeof(a));
		a.staff_id = p->h[k].staff_id;
		a.child_id = child;
		a.household_id = household;
		a.start_date = from;
		a.end_date = to;
		if (leave != HDAY_NONE && (to == HDAY_NONE || leave < to))
			a.end_date = leave;
		if ((e = record_allocation_add(g->st, &a, g->diag)) != HERR_OK)
			return e;
		if (a.end_date == to)
			break;
		from = add_wd(leave, 1);
		if (to != HDAY_NONE && from > to)
			break;
	}
	return HERR_OK;
}

/*
 * One referral of a family, planned whole before it is recorded for each
 * child.  A date is HDAY_NONE when that step does not happen or has not
 * happened by the as-of date; the journey stops at the first step that has
 * not, and the episode is then open.
 */
struct fam_episode {
	hday referral;
	const char *source, *need, *reason_text;
	int a_team, a_post;		/* assessment team and post */
	int c_team, c_post;		/* casework team and post */
	enum referral_decision decision;
	hday decided;			/* HDAY_NONE: awaiting one */
	/* The child and family assessment. */
	hday assess_start, assessed;
	enum assessment_outcome a_outcome;
	const char *factors[3];
	int nfactors;
	/* Strategy discussion and section 47 enquiry. */
	hday strategy;
	bool s47;
	hday s47_done;
	enum s47_outcome s47_outcome;
	/* Conferences and the CP plan. */
	hday icpc;
	bool cp;			/* the ICPC made plans */
	enum abuse_category category;
	hday rcpc[REVIEWS_MAX];
	enum abuse_category rcpc_category[REVIEWS_MAX];
	int nrcpc;
	hday cp_end;
	enum plan_end_reason cp_end_reason;
	bool step_down;
	/* The next conference, when it falls after the as-of date: booked
	 * already if it is near. */
	hday icpc_next, rcpc_next;
	/* Child in need plan. */
	hday cin_start, cin_end;
	bool cin_auto;	/* started by an s47 outcome or a step-down */
	/* Looked after (SSDA903). */
	hday lac_start, lac_end;
	const char *legal, *placement, *lac_reason;
	bool long_term;
	/* Closure. */
	hday closure;
	const char *reason;
	bool closed_by_decision;	/* NFA or early help at the referral */
};

/* What the family brings to a referral's plan. */
struct fam_facts {
	bool disabled;		/* the eldest child's disability */
	bool troubled;		/* difficulties going back years */
	bool had_plan;		/* a child protection plan before */
	bool known;		/* troubled or had_plan: child protection
				 * comes sooner (repeat plans) */
	bool lac_ok;		/* one child, old enough for s20 care */
	hday born_by;		/* the last of the children's births */
	int nkids;
};

static bool
happened(const struct gen *g, hday d)
{
	return d != HDAY_NONE && d <= g->as_of;
}

/* The working day on or before d, but after `after`; the next one if
 * there is none between. */
static hday
wd_back(hday d, hday after)
{
	hday w = d;

	while (w > after + 1 && !calendar_is_working_day(w))
		w--;
	while (!calendar_is_working_day(w))
		w++;
	return w;
}

static hday
wd_on_or_after(hday d)
{
	while (!calendar_is_working_day(d))
		d++;
	return d;
}

/*
 * The day a step due on `due` (clock started on `after`) is done: on time
 * with probability p, up to `early` days before it is due, otherwise 1 to
 * `late` days after; on a working day.  A step falling due in the four
 * weeks before the as-of date is left undone now and then (`slip`), so that
 * the authority has overdue work today.  A result after the as-of date
 * means not done (yet).
 */
static hday
schedule(struct gen *g, hday after, hday due, double p, int early, int late,
    double slip)
{
	hday d;

	if (rng_chance(&g->rng, p)) {
		d = due - (hday)rng_range(&g->rng, 0, early);
		if (d <= after)
			d = after + 1;
		d = wd_back(d, after);
	} else {
		d = wd_on_or_after(due + (hday)rng_range(&g->rng, 1, late));
	}
	if (due < g->as_of && due >= g->as_of - 28 && d <= g->as_of &&
	    rng_chance(&g->rng, slip))
		d = g->as_of + 1;
	return d;
}

/* Close the planned episode on `end` for `reason`, if that has happened. */
static void
plan_close(struct gen *g, struct fam_episode *fe, hday end,
    const char *reason)
{
	if (happened(g, end)) {
		fe->closure = end;
		fe->reason = reason;
	}
}

/* The category of the next plans: the one furthest behind its national
 * share, so that even a small demo has every category. */
static enum abuse_category
plans_by_category(struct gen *g, int children)
{
	enum abuse_category best = ABUSE_NEGLECT;
	double gap = -1e18;

	for (int c = ABUSE_NONE + 1; c < ABUSE__COUNT; c++) {
		double d = category_share[c] * (double)(g->categories +
		    children) - (double)g->category[c];

		if (d > gap) {
			gap = d;
			best = (enum abuse_category)c;
		}
	}
	g->category[best] += children;
	g->categories += children;
	return best;
}

static void
plan_lac(struct gen *g, struct fam_episode *fe, hday start, bool from_cp,
    int age)
{
	/* SSDA903 legal status (LS) and placement (PL). */
	static const char *const ls_cp[] = { "C1", "V2", "L2", "C2" };
	static const double ls_cp_w[] = { 45, 35, 10, 10 };
	static const char *const pl[] = { "U6", "U3", "U4", "U1", "P1", "K2" };
	static const double pl_young_w[] = { 50, 25, 10, 5, 5, 0 };
	static const double pl_old_w[] = { 45, 10, 10, 5, 0, 30 };
	static const char *const rec[] = { "E4A", "E41", "E45", "E11",
	    "E13" };
	static const double rec_young_w[] = { 40, 10, 20, 25, 5 };
	static const double rec_old_w[] = { 55, 10, 20, 0, 15 };
	static const char *const rec_rc[] = { "RC7", "RC3", "RC4", "RC1",
	    "RC7" };
	bool young = age < 10;
	int k;

	fe->lac_start = start;
	fe->legal = from_cp ? ls_cp[rng_weighted(&g->rng, ls_cp_w, 4)] : "V2";
	k = rng_weighted(&g->rng, young ? pl_young_w : pl_old_w, 6);
	fe->placement = pl[k];
	fe->long_term = k == 2 || k == 3;	/* U4, U1 */
	hday end = hdate_add_months(start, (int)rng_range(&g->rng, 6, 48));
	if (!happened(g, end))
		return;
	k = rng_weighted(&g->rng, young ? rec_young_w : rec_old_w, 5);
	fe->lac_end = end;
	fe->lac_reason = rec[k];
	plan_close(g, fe, end, rec_rc[k]);
}

/* A CIN plan from `start`: for months (a step-down plan for 3 to 9), then
 * the episode closes; now and then an older child is accommodated (s20). */
static void
plan_cin(struct gen *g, struct fam_episode *fe, hday start, bool automatic,
    bool step_down, const struct fam_facts *ff, int age)
{
	static const char *const reasons[] = { "RC7", "RC5", "RC3", "RC4" };
	static const double reason_w[] = { 88, 6, 3, 3 };
	int months = step_down ? (int)rng_range(&g->rng, 3, 9) :
	    (int)rng_range(&g->rng, 3, rng_chance(&g->rng, 0.8) ? 18 : 36);
	hday end = hdate_add_months(start, months);

	fe->cin_start = start;
	fe->cin_auto = automatic;
	end = working(end + (hday)rng_range(&g->rng, 0, 27), end + 40);
	if (ff->lac_ok && !step_down && rng_chance(&g->rng, 0.06)) {
		hday lac = wd_on_or_after(start + (hday)rng_range(&g->rng, 30,
		    180));

		if (lac < end && happened(g, lac)) {
			fe->cin_end = lac;
			plan_lac(g, fe, lac, false, age);
			return;
		}
	}
	if (!happened(g, end))
		return;
	fe->cin_end = end;
	plan_close(g, fe, end, reasons[rng_weighted(&g->rng, reason_w, 4)]);
}

/*
 * The CP plan from the ICPC on `icpc`: review conferences within 3 months,
 * then at most 6 months apart (WT2023), until one ends the plan (rarely the
 * first), or it ends without a conference because the children came into
 * care or moved away.
 */
static void
plan_cp(struct gen *g, struct fam_episode *fe, hday icpc,
    const struct fam_facts *ff, int age)
{
	static const double end_at_w[] = { 10, 55, 25, 8, 2 };
	double u = rng_unit(&g->rng);
	enum plan_end_reason other = u < 0.1 ? PLANEND_LOOKED_AFTER :
	    u < 0.13 ? PLANEND_MOVED_LA : PLANEND_NONE;
	int end_at = 1 + rng_weighted(&g->rng, end_at_w, 5);
	hday other_end = other ? icpc + (hday)rng_range(&g->rng, 30, 365) :
	    HDAY_NONE;
	hday last = icpc;
	enum abuse_category cat;

	/* Only a child who has been born can be looked after. */
	if (other == PLANEND_LOOKED_AFTER && other_end < ff->born_by) {
		other = PLANEND_NONE;
		other_end = HDAY_NONE;
	}

	fe->cp = true;
	fe->category = cat = plans_by_category(g, ff->nkids);
	for (int k = 0; k < REVIEWS_MAX; k++) {
		hday due = k == 0 ? hdate_add_months(icpc, 3) :
		    hdate_add_months(last, 6);
		hday d = schedule(g, last, due, 0.9, k == 0 ? 20 : 90, 25,
		    0.25);

		/* A review put off for weeks, now and then. */
		if (due < g->as_of && due >= g->as_of - 75 && d <= g->as_of &&
		    rng_chance(&g->rng, 0.3))
			d = g->as_of + 1;

		if (other_end != HDAY_NONE && other_end <= d) {
			if (!happened(g, other_end))
				return;
			if (other_end <= last)
				other_end = last + 1;
			fe->cp_end = other_end;
			fe->cp_end_reason = other;
			break;
		}
		if (!happened(g, d)) {
			fe->rcpc_next = d;
			return;		/* the plan is open */
		}
		if (rng_chance(&g->rng, 0.05))
			cat = cat == ABUSE_NEGLECT ? ABUSE_EMOTIONAL :
			    ABUSE_NEGLECT;
		fe->rcpc[fe->nrcpc] = d;
		fe->rcpc_category[fe->nrcpc++] = cat;
		last = d;
		if (other == PLANEND_NONE && (k + 1 == end_at ||
		    k + 1 == REVIEWS_MAX)) {
			fe->cp_end = d;
			fe->cp_end_reason = PLANEND_NO_LONGER_AT_RISK;
			fe->step_down = rng_chance(&g->rng, 0.6);
			break;
		}
	}
	if (fe->cp_end == HDAY_NONE)
		return;
	switch (fe->cp_end_reason) {
	case PLANEND_LOOKED_AFTER:
		plan_lac(g, fe, fe->cp_end, true, age);
		break;
	case PLANEND_MOVED_LA:
		plan_close(g, fe, fe->cp_end, "RC5");
		break;
	default:
		if (fe->step_down)
			plan_cin(g, fe, fe->cp_end, true, true, ff, age);
		else
			plan_close(g, fe, fe->cp_end, "RC7");
		break;
	}
}

/*
 * From a strategy discussion on `h` (direct: the referral went straight to
 * one, and the assessment runs alongside the enquiry): the section 47
 * enquiry, its outcome, and the initial conference (WT2023: within 15
 * working days of the strategy discussion, about four in five on time).
 */
static void
plan_child_protection(struct gen *g, struct fam_episode *fe, hday h,
    bool direct, const struct fam_facts *ff, int age)
{
	const double outcome_w[S47__COUNT] = { [S47_CONFERENCE] =
	    ff->known ? 80 : 36, [S47_NFA] = 32, [S47_CIN_PLAN] = 20 };
	hday done, icpc = HDAY_NONE;

	if (!happened(g, h))
		return;
	fe->strategy = h;
	if (direct)
		fe->assess_start = h;
	fe->s47 = rng_chance(&g->rng, ff->known ? 0.95 : 0.85);
	if (!fe->s47) {
		done = add_wd(h, (int)rng_range(&g->rng, 1, 10));
		if (!happened(g, done))
			return;
		bool cin = rng_chance(&g->rng, 0.6);
		if (direct) {
			fe->assessed = done;
			fe->a_outcome = cin ? ASSESS_CIN_PLAN : ASSESS_NFA;
		}
		if (cin)
			plan_cin(g, fe, done, false, false, ff, age);
		else
			plan_close(g, fe, done, "RC8");
		return;
	}
	enum s47_outcome out = (enum s47_outcome)rng_weighted(&g->rng,
	    outcome_w, S47__COUNT);
	if (out == S47_CONFERENCE) {
		int off = (int)rng_range(&g->rng, 2, 8);

		done = add_wd(h, off);
		/* WT2023: ICPC within 15 working days of the strategy
		 * discussion (8675Q). */
		icpc = add_wd(h, rng_chance(&g->rng, 0.8) ?
		    (int)rng_range(&g->rng, off + 1 > 8 ? off + 1 : 8, 15) :
		    (int)rng_range(&g->rng, 16, 30));
		hday due = add_wd(h, 15);
		if (due < g->as_of && icpc <= g->as_of &&
		    icpc >= g->as_of - 28 && rng_chance(&g->rng, 0.4))
			icpc = g->as_of + 1;	/* not held yet: overdue */
	} else {
		done = add_wd(h, (int)rng_range(&g->rng, 10, 40));
	}
	if (!happened(g, done))
		return;
	fe->s47_done = done;
	fe->s47_outcome = out;
	if (direct) {
		fe->assessed = done;
		fe->a_outcome = out == S47_CONFERENCE ? ASSESS_STRATEGY :
		    out == S47_NFA ? ASSESS_NFA : ASSESS_CIN_PLAN;
	}
	if (out == S47_NFA) {
		plan_close(g, fe, done, "RC8");
		return;
	}
	if (out == S47_CIN_PLAN) {
		plan_cin(g, fe, done, true, false, ff, age);
		return;
	}
	if (!happened(g, icpc)) {
		fe->icpc_next = icpc;
		return;			/* awaiting the ICPC */
	}
	fe->icpc = icpc;
	if (rng_chance(&g->rng, ff->known ? 0.9 : 0.83)) {
		plan_cp(g, fe, icpc, ff, age);
	} else if (rng_chance(&g->rng, 0.6)) {
		plan_cin(g, fe, icpc, false, false, ff, age);
	} else {
		plan_close(g, fe, icpc, "RC7");
	}
}

/*
 * Plan one family referral on day r (a working day).  `age` is the eldest
 * child's age at the referral.
 */
static void
plan_episode(struct gen *g, struct fam_episode *fe, hday r,
    const struct fam_facts *ff, int age)
{
	double nw[10];
	int need;

	memset(fe, 0, sizeof(*fe));
	fe->referral = r;
	fe->decided = fe->assess_start = fe->assessed = fe->strategy =
	    fe->s47_done = fe->icpc = fe->cp_end = fe->cin_start =
	    fe->cin_end = fe->lac_start = fe->lac_end = fe->closure =
	    fe->icpc_next = fe->rcpc_next = HDAY_NONE;
	fe->source = sources[rng_weighted(&g->rng, source_w, NAMES_N(sources))];
	memcpy(nw, need_w, sizeof(nw));
	if (ff->disabled)
		nw[1] *= 4;	/* child's disability is more often the need */
	need = rng_weighted(&g->rng, nw, 10);
	fe->need = needs[need];
	fe->reason_text = need_reasons[need];
	for (int i = 0; i < 7 && factor_pool[need][i]; i++)
		if (fe->nfactors < 3 && (i == 0 || rng_chance(&g->rng, 0.3)))
			fe->factors[fe->nfactors++] = factor_pool[need][i];
	fe->a_team = g->assessment[rng_range(&g->rng, 0, g->nassessment - 1)];
	fe->a_post = (int)rng_range(&g->rng, 0,
	    g->teams[fe->a_team].nsw - 1);
	fe->c_team = g->casework[rng_range(&g->rng, 0, g->ncasework - 1)];
	fe->c_post = (int)rng_range(&g->rng, 0, g->teams[fe->c_team].nsw - 1);

	/* The decision, due within 1 working day (WT2023).  About 7% of
	 * referrals lead to no further action (or early help) at once; a
	 * family known to child protection goes straight to a strategy
	 * discussion more often. */
	double u = rng_unit(&g->rng);
	fe->decision = u < 0.06 ? DECISION_NFA : u < 0.07 ?
	    DECISION_EARLY_HELP : rng_chance(&g->rng, ff->known ? 0.6 :
	    0.12) ? DECISION_STRATEGY : DECISION_ASSESSMENT;
	u = rng_unit(&g->rng);
	hday decided = u < 0.85 ? r : add_wd(r, u < 0.97 ? 1 :
	    (int)rng_range(&g->rng, 2, 4));
	if (r >= g->as_of - 21 && rng_chance(&g->rng, 0.2))
		decided = g->as_of + 1;	/* still at the front door */
	if (!happened(g, decided)) {
		fe->decision = DECISION_NONE;
		return;
	}
	fe->decided = decided;
	if (fe->decision == DECISION_NFA ||
	    fe->decision == DECISION_EARLY_HELP) {
		fe->closed_by_decision = true;
		fe->closure = decided;
		fe->reason = fe->decision == DECISION_NFA ? "RC8" : "RC9";
		return;
	}
	if (fe->decision == DECISION_STRATEGY) {
		plan_child_protection(g, fe, rng_chance(&g->rng, 0.7) ?
		    decided : add_wd(decided, 1), true, ff, age);
		return;
	}

	/* The assessment: WT2023, within 45 working days of the referral
	 * (8670Q); about 83% are (DfE 2023-24). */
	fe->assess_start = decided;
	hday done = add_wd(r, rng_chance(&g->rng, 0.83) ?
	    (int)rng_range(&g->rng, 8, 45) : (int)rng_range(&g->rng, 46, 75));
	hday due = add_wd(r, 45);
	if (done <= g->as_of && due < g->as_of && due >= g->as_of - 30 &&
	    rng_chance(&g->rng, 0.1))
		done = g->as_of + 1;
	if (!happened(g, done))
		return;
	fe->assessed = done;
	const double outcome_w[ASSESS__COUNT] = { [ASSESS_NFA] = 30,
	    [ASSESS_EARLY_HELP] = 9, [ASSESS_STRATEGY] = ff->known ? 60 :
	    18, [ASSESS_CIN_PLAN] = 41 };
	fe->a_outcome = (enum assessment_outcome)rng_weighted(&g->rng,
	    outcome_w, ASSESS__COUNT);
	switch (fe->a_outcome) {
	case ASSESS_NFA:
		plan_close(g, fe, done, "RC8");
		break;
	case ASSESS_EARLY_HELP:
		plan_close(g, fe, done, "RC9");
		break;
	case ASSESS_CIN_PLAN:
		plan_cin(g, fe, done, false, false, ff, age);
		break;
	default:
		plan_child_protection(g, fe, add_wd(done,
		    (int)rng_range(&g->rng, 0, 3)), false, ff, age);
		break;
	}
}

/* ---------------------------------------------------------------- family */

struct dchild {
	struct child c;
	hday earliest;		/* earliest referral a step may follow */
	int episodes;
	int cp_plans;		/* CP plans so far (repeat plans) */
	int64_t map_id;		/* the latest map revision covering them */
};

/* One household as its referrals are recorded. */
struct family {
	struct dchild kids[FAMILY_CHILDREN_MAX];
	int n;
	int64_t household;
	struct adult mother, father, gran;
	bool has_mother, has_father, father_home, has_gran;
};

static void
make_upn(char out[14], int64_t serial)
{
	/* A bijection of the serial onto 8 digits keeps UPNs unique. */
	uint64_t v = ((uint64_t)serial * 7919u + 1234567u) % 100000000u;
	char tail[13];

	snprintf(tail, sizeof(tail), "%03d%08llu", DEMO_LA_CODE,
	    (unsigned long long)v);
	out[0] = upn_check_letter(tail);
	memcpy(out + 1, tail, 12);
	out[13] = '\0';
}

static const char *const ethnicities[] = { "WBRI", "WIRI", "WIRT", "WOTH",
    "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
    "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT" };
static const double ethnicity_w[] = { 64, 0.5, 0.5, 6, 0.5, 3, 1.5, 1.5, 3,
    2, 3, 1, 2, 1.5, 4, 1, 0.3, 3, 0.7, 1 };
static const char *const disabilities[] = { "AUT", "LD", "BEH", "COMM",
    "MOB", "HAND", "PC", "INC", "HEAR", "VIS", "CON", "DDA" };
static const double disability_w[] = { 30, 20, 15, 15, 5, 2, 3, 3, 2, 2, 1,
    2 };

static enum herr
make_child(struct gen *g, struct dchild *dc, const char *family,
    const char *ethnicity, hday dob, bool unborn)
{
	struct child *c = &dc->c;
	bool girl = rng_chance(&g->rng, 0.49);
	int age;

	child_init(c);
	put(c->given_name, sizeof(c->given_name), unborn ?
	    "Unborn" : girl ? PICK(g, girl_names) : PICK(g, boy_names));
	put(c->family_name, sizeof(c->family_name), family);
	if (unborn) {
		c->expected_birth_date = dob;
		c->sex = 'U';	/* 8750 */
	} else {
		c->birth_date = dob;
		c->sex = girl ? 'F' : 'M';
	}
	put(c->ethnicity, sizeof(c->ethnicity), ethnicity);
	snprintf(c->la_child_id, sizeof(c->la_child_id), "D%07u",
	    (unsigned)(++g->next_child % 10000000u));
	age = unborn ? -1 : hdate_age_years(dob, g->as_of);
	if (age >= 5 && rng_chance(&g->rng, 0.93)) {
		make_upn(c->upn, g->next_child);
		if (rng_chance(&g->rng, 0.01))
			make_upn(c->former_upn, g->next_child + 50000000);
	} else {
		static const char *const un[] = { "UN2", "UN3", "UN4", "UN5",
		    "UN6" };

		put(c->upn_unknown, sizeof(c->upn_unknown),
		    age < 5 ? "UN1" : un[rng_range(&g->rng, 0, 4)]);
	}
	if (!unborn && rng_chance(&g->rng, 0.13)) {
		int n = rng_chance(&g->rng, 0.75) ? 1 : 2;
		int first = rng_weighted(&g->rng, disability_w, 12);

		disable(c, disabilities[first]);
		if (n == 2)
			disable(c,
			    disabilities[(first + 1 + rng_range(&g->rng, 0, 10)) %
			    12]);
	} else if (!unborn && rng_chance(&g->rng, 0.92)) {
		disable(c, "NONE");
	}
	/* Work with a child may start up to 40 weeks before their birth or
	 * expected birth (8606). */
	dc->earliest = dob - 40 * 7 + 1;
	dc->episodes = 0;
	dc->cp_plans = 0;
	dc->map_id = 0;
	return record_child_add(g->st, c, g->as_of, g->diag);
}

static enum herr
add_adult(struct gen *g, struct adult *a, bool woman, const char *family,
    hday dob)
{
	adult_init(a);
	put(a->given_name, sizeof(a->given_name), woman ?
	    PICK(g, adult_women) : PICK(g, adult_men));
	put(a->family_name, sizeof(a->family_name), family);
	a->sex = woman ? 'F' : 'M';
	a->birth_date = dob;
	return record_adult_add(g->st, a, g->as_of, g->diag);
}

static enum herr
relate(struct gen *g, int64_t person, int64_t relative, enum relation kind,
    bool pr, hday start)
{
	struct relationship r;

	memset(&r, 0, sizeof(r));
	r.person_id = person;
	r.relative_id = relative;
	r.kind = kind;
	r.parental_responsibility = pr;
	r.start_date = start;
	r.end_date = HDAY_NONE;
	return record_relationship_add(g->st, &r, g->diag);
}

/* ---------------------------------------------------------- the journey */

/* One child's records in the referral being applied. */
struct kid {
	struct dchild *dc;
	int64_t episode, episode_version;
	int64_t assessment, assessment_version;
	int64_t s47, s47_version;
	int64_t cp, cin, lac;		/* plans */
};

/* One worry of the family's map: a harm statement or a danger/goal pair
 * from the phrase table of `w`. */
struct pick {
	enum worry w;
	int i;
};

/*
 * What the conferences of one referral share, chosen at the initial
 * conference and kept for its reviews: the worries on the family's map
 * (so each danger/goal pair is the same pair at every review and its
 * scale shows a trend), the safety network, the professionals invited,
 * the core group, and how each kind of person tends to rate safety.
 */
struct casefacts {
	bool set;
	enum worry worry;		/* the main one */
	struct pick harm[4];
	int nharm;
	struct {
		struct pick p;
		enum sos_family_view view;
		int says;		/* family_partly/disputes index */
		double offset;		/* this pair's scale against overall */
	} pair[3];
	int npairs;
	int complic[3], ncomplic;
	int strength[6], nstrength;
	int safety[5], nsafety;
	/* Safety scales: where the first conference put things, and each
	 * rater's lean against the professionals'. */
	double base0, parent_lean, network_lean, child_lean[FAMILY_CHILDREN_MAX];
	struct {
		char name[MEETING_NAME_MAX + 1];
		char first[PERSON_NAME_MAX + 1];
		char role[MEETING_NAME_MAX + 1];
	} net[2];
	int nnet;
	int64_t police, health, school, specialist;
	enum staff_role specialist_role;
	bool gp;
	char gp_name[MEETING_NAME_MAX + 1];
	const char *surgery;
	struct journey_person core[JOURNEY_PEOPLE_MAX];
	int ncore;
	int place;
};

/* The recording of one family referral for the children it concerned. */
struct run {
	struct gen *g;
	struct family *f;
	const struct fam_episode *fe;
	struct kid k[FAMILY_CHILDREN_MAX];
	int n;
	hday handover;		/* to casework (HDAY_NONE: never) */
	hday casework;		/* the casework worker's first day */
	struct casefacts cs;	/* its conferences' */
};

/* The rules' "today" is the as-of date; the step's own date stands for
 * "now" (09:00 that day), so the same seed gives the same rows. */
static struct journey_ctx
ctx_on(const struct gen *g, hday day)
{
	struct journey_ctx cx;

	memset(&cx, 0, sizeof(cx));
	cx.today = g->as_of;
	cx.by = 0;
	cx.now = (int64_t)day * 86400 + 9 * 3600;
	cx.conflict = NULL;
	/* One family's history is written step by step; its children's due
	 * items are worked out once, when it is complete (make_family). */
	cx.iv = &g->iv;
	cx.defer_due = true;
	return cx;
}

/* Say which step of which child the rules refused: the demo must never
 * produce a record the rules refuse, so this is a bug to fix. */
static enum herr
refused(struct gen *g, enum herr e, const char *step, const struct kid *k,
    hday day)
{
	char msg[sizeof(g->diag->msg)], b[HDATE_LEN];
	int n;

	if (e == HERR_OK)
		return e;
	n = snprintf(msg, sizeof(msg), "demo: %s for child %s on %s: %s",
	    step, k->dc->c.la_child_id, hdate_format(day, b), g->diag->msg);
	if (n > 0)
		memcpy(g->diag->msg, msg, sizeof(msg));
	return e;
}

static const char *
staff_name(const struct gen *g, int64_t id)
{
	int lo = 0, hi = g->nnames - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (g->names[mid].id == id)
			return g->names[mid].name;
		if (g->names[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "Unknown";
}

static void
person_set(struct journey_person *p, const char *name, const char *agency,
    const char *role, int64_t staff_id)
{
	memset(p, 0, sizeof(*p));
	put(p->name, sizeof(p->name), name);
	put(p->agency, sizeof(p->agency), agency);
	put(p->role, sizeof(p->role), role);
	p->staff_id = staff_id;
}

static void
person_staff(const struct gen *g, struct journey_person *p, int64_t id,
    const char *agency, const char *role)
{
	person_set(p, staff_name(g, id), agency, role, id);
}

/* Age in whole years on `day`; -1 before birth. */
static int
kid_age(const struct dchild *dc, hday day)
{
	if (dc->c.birth_date == HDAY_NONE || day < dc->c.birth_date)
		return -1;
	return hdate_age_years(dc->c.birth_date, day);
}

/* The youngest and eldest ages of the run's children on `day`. */
static void
ages(const struct run *rn, hday day, int *youngest, int *eldest)
{
	*youngest = 99;
	*eldest = -1;
	for (int i = 0; i < rn->n; i++) {
		int a = kid_age(rn->k[i].dc, day);

		if (a < *youngest)
			*youngest = a;
		if (a > *eldest)
			*eldest = a;
	}
}

/* The child's social worker on `day`. */
static int64_t
worker_on(const struct run *rn, hday day)
{
	const struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	const struct post *p = rn->casework != HDAY_NONE &&
	    day >= rn->casework ? &g->teams[fe->c_team].sw[fe->c_post] :
	    &g->teams[fe->a_team].sw[fe->a_post];

	return holder_on(p, day, NULL);
}

static const char *const la_name = "Ashdown Vale Council";
static const char *const police_name = "Ashdown Vale Police";
static const char *const health_name = "Ashdown Vale NHS Foundation Trust";
static const char *const school_name = "Ashdown Vale Schools";

/* Health's practitioner for children of these ages. */
static const char *
health_role(int youngest)
{
	return youngest < 5 ? "Health visitor" : "School nurse";
}

static int64_t
one_of(struct gen *g, const int64_t *ids, int n)
{
	return ids[rng_range(&g->rng, 0, n - 1)];
}

/* A conference chair in post on `day`. */
static int64_t
chair_on(struct gen *g, hday day)
{
	return holder_on(&g->chairs[rng_range(&g->rng, 0, g->nchairs - 1)],
	    day, NULL);
}

/* The strategy discussion (WT2023: social care, police and health at
 * least; the school for a child of school age) and the s47 it began. */
static enum herr
record_strategy(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	hday day = fe->strategy;
	struct journey_ctx cx = ctx_on(g, day);
	struct strategy s;
	int youngest, eldest, np = 0;
	int64_t sw = worker_on(rn, day);
	int64_t tm = holder_on(&g->teams[fe->a_team].manager, day, NULL);
	enum herr e;

	ages(rn, day, &youngest, &eldest);
	memset(&s, 0, sizeof(s));
	person_staff(g, &s.people[np++], sw, la_name, "Social worker");
	person_staff(g, &s.people[np++], tm, la_name, "Team manager");
	person_staff(g, &s.people[np++], one_of(g, g->police_staff,
	    g->npolice), police_name, "Detective constable, child abuse "
	    "investigation");
	person_staff(g, &s.people[np++], one_of(g, g->health_staff,
	    g->nhealth), health_name, health_role(youngest));
	if (eldest >= 4)
		person_staff(g, &s.people[np++], one_of(g, g->school_staff,
		    g->nschool), school_name, "Designated safeguarding lead");
	s.n_people = np;
	s.held_date = day;
	s.s47 = fe->s47;
	put(s.note, sizeof(s.note), fe->s47 ? "Reasonable cause to suspect "
	    "significant harm: section 47 enquiries agreed." : "Threshold for "
	    "section 47 not met: support as a child in need.");
	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];
		struct s47 q;

		s.id = 0;
		s.child_id = k->dc->c.id;
		s.episode_id = k->episode;
		if ((e = record_strategy_add(g->st, &s, &cx, g->diag)))
			return refused(g, e, "strategy discussion", k, day);
		if (!fe->s47)
			continue;
		memset(&q, 0, sizeof(q));
		q.child_id = k->dc->c.id;
		q.episode_id = k->episode;
		q.strategy_id = s.id;
		q.start_date = day;
		q.outcome = S47_OPEN;
		q.outcome_date = HDAY_NONE;
		if ((e = record_s47_start(g->st, &q, &cx, g->diag)))
			return refused(g, e, "section 47 enquiry", k, day);
		k->s47 = q.id;
		k->s47_version = q.version ? q.version : 1;
	}
	return HERR_OK;
}

static enum herr
assessment_start(struct run *rn, hday day)
{
	struct gen *g = rn->g;
	struct journey_ctx cx = ctx_on(g, day);
	struct assessment a;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];

		memset(&a, 0, sizeof(a));
		a.child_id = k->dc->c.id;
		a.episode_id = k->episode;
		a.start_date = day;
		a.authorised_date = HDAY_NONE;
		a.outcome = ASSESS_OPEN;
		a.due_date = HDAY_NONE;
		if ((e = record_assessment_start(g->st, &a, &cx, g->diag)))
			return refused(g, e, "assessment", k, day);
		k->assessment = a.id;
		k->assessment_version = a.version ? a.version : 1;
	}
	return HERR_OK;
}

static enum herr
assessment_authorise(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct journey_ctx cx = ctx_on(g, fe->assessed);
	struct assessment a;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];

		memset(&a, 0, sizeof(a));
		a.id = k->assessment;
		a.version = k->assessment_version;
		a.child_id = k->dc->c.id;
		a.episode_id = k->episode;
		a.start_date = fe->assess_start;
		a.authorised_date = fe->assessed;
		a.outcome = fe->a_outcome;
		a.due_date = HDAY_NONE;
		for (int f = 0; f < fe->nfactors; f++)
			put(a.factors[a.n_factors++], sizeof(a.factors[0]),
			    fe->factors[f]);
		if ((e = record_assessment_authorise(g->st, &a,
		    k->assessment_version, &cx, g->diag)))
			return refused(g, e, "assessment authorised", k,
			    fe->assessed);
	}
	return HERR_OK;
}

/* The CIN plan the rules started on the child's behalf (an s47 outcome or
 * a step-down). */
static enum herr
find_cin_plan(struct run *rn, struct kid *k, hday day)
{
	struct gen *g = rn->g;
	const struct plan *p;
	enum herr e;

	if ((e = store_journey_load(g->st, k->dc->c.id, g->j, g->diag)))
		return refused(g, e, "loading the journey", k, day);
	if ((p = journey_open_plan(g->j, PLAN_CIN)) == NULL)
		return refused(g, hdiag_set(g->diag, HERR_INVALID, "plan", "",
		    "no CIN plan was started"), "finding the CIN plan", k, day);
	k->cin = p->id;
	return HERR_OK;
}

static enum herr
s47_outcome(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct journey_ctx cx = ctx_on(g, fe->s47_done);
	struct s47 q;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];

		memset(&q, 0, sizeof(q));
		q.id = k->s47;
		q.version = k->s47_version;
		q.child_id = k->dc->c.id;
		q.episode_id = k->episode;
		q.start_date = fe->strategy;
		q.outcome = fe->s47_outcome;
		q.outcome_date = fe->s47_done;
		if ((e = record_s47_outcome(g->st, &q, k->s47_version, &cx,
		    g->diag)))
			return refused(g, e, "section 47 outcome", k,
			    fe->s47_done);
		if (fe->s47_outcome == S47_CIN_PLAN &&
		    (e = find_cin_plan(rn, k, fe->s47_done)))
			return e;
	}
	return HERR_OK;
}

/* ------------------------------------------------ conferences as meetings */

/*
 * Every conference is a meeting (meeting.h) prepared, held and written up
 * the way Signs of Safety councils run one: booked, the family and the
 * professionals invited, reports shared with the family before the day,
 * the child's voice, the family's map worked through and everyone's safety
 * scale, the chair's decision (record_meeting_decide, which records the
 * journey's conference exactly as it was planned), the plan in the
 * family's words, the minutes, and both sent within 72 hours for most.
 * Only the journey's own draws (the chair, the core group) come from
 * g->rng; everything else from g->mr.
 */

#define MTG_INVITEES 16
#define DAY_SECS 86400
#define HOUR_SECS 3600

static const char *const womens_aid_name = "Ashdown Vale Women's Aid";
static const char *const recovery_name = "Ashdown Vale Recovery Service";
static const char *const mental_health_name =
    "Ashdown Vale Mental Health Partnership";
static const char *const advocacy_name = "Ashdown Vale Advocacy";

/* What {c}, {p}, {n} and {w} stand for in a phrase. */
struct words {
	char c[160];
	char p[160];
	char n[PERSON_NAME_MAX + 1];
	char w[SOS_NAME_MAX + 1];
};

/* One invitee of the meeting being held, with how they rate safety. */
struct minv {
	struct invitee iv;
	const char *plain_role;		/* "father", "school nurse" */
	unsigned seen;			/* SEEN_*: what they could have seen */
	enum sos_rater rater;
	bool rates;			/* gives a safety scale rating */
	char rater_name[SOS_NAME_MAX + 1];
};

/* The meeting being held or booked. */
struct mtg {
	int64_t id, version;
	enum conference_kind kind;
	int r;			/* -1: the initial conference; else review r */
	bool held;		/* false: booked for after the as-of date */
	hday date, booked, share_by;
	int minute;
	int64_t start;		/* unix seconds */
	int64_t chair;
	double level;		/* the professionals' scale today */
	struct words w;
	struct minv inv[MTG_INVITEES];
	int ninv;
	enum participation part[FAMILY_CHILDREN_MAX];
	bool dissent;
	char dissent_text[MEETING_TEXT_MAX + 1];
	int64_t map_id;
	int lo[2], hi[2];	/* scale_seen */
	char text[MEETING_MINUTES_MAX + 1];	/* minutes, a report */
};

static int64_t
mrange(struct gen *g, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : rng_range(&g->mr, lo, hi);
}

static bool
mchance(struct gen *g, double p)
{
	return rng_chance(&g->mr, p);
}

static double
munit(struct gen *g)
{
	return rng_unit(&g->mr);
}

#define MPICK(g, list) ((list)[mrange((g), 0, NAMES_N(list) - 1)])

/* k different indexes of 0..n-1 in random order, into out (k <= n <= 16). */
static int
choose(struct gen *g, int n, int k, int *out)
{
	int all[16];

	if (n > 16)
		n = 16;
	if (k > n)
		k = n;
	for (int i = 0; i < n; i++)
		all[i] = i;
	for (int i = 0; i < k; i++) {
		int j = (int)mrange(g, i, n - 1), t = all[i];

		all[i] = all[j];
		all[j] = t;
		out[i] = all[i];
	}
	return k;
}

static int64_t
at(hday day, int hour, int minute)
{
	return (int64_t)day * DAY_SECS + hour * HOUR_SECS + minute * 60;
}

/* True if `t` (unix seconds) is on or before the as-of date. */
static bool
by_now(const struct gen *g, int64_t t)
{
	return t < (int64_t)(g->as_of + 1) * DAY_SECS;
}

static struct journey_ctx
ctx_at(const struct gen *g, int64_t t)
{
	struct journey_ctx cx = ctx_on(g, (hday)(t / DAY_SECS));

	cx.now = t;
	return cx;
}

/* "A", "A and B", "A, B and C" into out. */
static void
join_names(char *out, size_t cap, const char *const *names, int n)
{
	size_t k = 0;

	out[0] = '\0';
	for (int i = 0; i < n && k < cap; i++) {
		int w = snprintf(out + k, cap - k, "%s%s", i == 0 ? "" :
		    i == n - 1 ? " and " : ", ", names[i]);

		if (w < 0)
			break;
		k += (size_t)w;
	}
}

/* Fill in a phrase's marks; sentences start with a capital. */
static size_t
say(char *out, size_t cap, const struct words *w, const char *tmpl)
{
	size_t k = 0;
	bool start = true;

	for (const char *s = tmpl; *s && k + 1 < cap;) {
		const char *v = NULL;

		if (s[0] == '{' && s[1] && s[2] == '}') {
			v = s[1] == 'c' ? w->c : s[1] == 'p' ? w->p :
			    s[1] == 'n' ? w->n : s[1] == 'w' ? w->w : "";
			s += 3;
		}
		for (; v && *v && k + 1 < cap; v++) {
			out[k++] = start ? (char)toupper((unsigned char)*v) :
			    *v;
			start = false;
		}
		if (v)
			continue;
		out[k] = *s++;
		if (out[k] == '.' || out[k] == '\n')
			start = true;
		else if (out[k] != ' ')
			start = false;
		k++;
	}
	out[k] = '\0';
	return k;
}

/* A text being built up (a report, the minutes): never past cap. */
struct sbuf {
	char *b;
	size_t cap, n;
};

static void
sb_add(struct sbuf *sb, const char *s)
{
	while (*s && sb->n + 1 < sb->cap)
		sb->b[sb->n++] = *s++;
	sb->b[sb->n] = '\0';
}

static void
sb_say(struct sbuf *sb, const struct words *w, const char *tmpl)
{
	if (sb->n + 1 < sb->cap)
		sb->n += say(sb->b + sb->n, sb->cap - sb->n, w, tmpl);
}

static void sb_fmt(struct sbuf *sb, const char *fmt, ...) HEARTH_PRINTF(2, 3);

static void
sb_fmt(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (sb->n + 1 >= sb->cap)
		return;
	va_start(ap, fmt);
	w = vsnprintf(sb->b + sb->n, sb->cap - sb->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		sb->n = sb->n + (size_t)w < sb->cap ? sb->n + (size_t)w :
		    sb->cap - 1;
}

static bool
unborn_on(const struct dchild *dc, hday day)
{
	return dc->c.birth_date == HDAY_NONE || dc->c.birth_date > day;
}

/* The people {p} stands for: the parents at home, or the carer. */
static int
carers(const struct family *f, const char *names[3])
{
	int n = 0;

	if (f->has_mother)
		names[n++] = f->mother.given_name;
	if (f->has_father && f->father_home)
		names[n++] = f->father.given_name;
	if (n == 0 && f->has_gran)
		names[n++] = f->gran.given_name;
	if (n == 0 && f->has_father)
		names[n++] = f->father.given_name;
	return n;
}

static const char *
who_word(const struct run *rn, hday day, enum worry_who who)
{
	int youngest, eldest;

	ages(rn, day, &youngest, &eldest);
	if (who == WHO_POLICE)
		return "the police";
	if (who == WHO_SCHOOL && eldest >= 4)
		return "the school";
	return youngest < 5 ? "the health visitor" : "the school nurse";
}

static void
words_make(const struct run *rn, hday day, struct words *w)
{
	const char *names[FAMILY_CHILDREN_MAX];
	const char *p[3];
	int np;

	for (int i = 0; i < rn->n; i++)
		names[i] = unborn_on(rn->k[i].dc, day) ? "the baby" :
		    rn->k[i].dc->c.given_name;
	if (rn->n > 3)
		snprintf(w->c, sizeof(w->c), "the children");
	else
		join_names(w->c, sizeof(w->c), names, rn->n);
	np = carers(rn->f, p);
	if (np == 0)
		snprintf(w->p, sizeof(w->p), "the family");
	else
		join_names(w->p, sizeof(w->p), p, np);
	put(w->n, sizeof(w->n), rn->cs.nnet > 0 ? rn->cs.net[0].first :
	    "a friend");
	snprintf(w->w, sizeof(w->w), "The social worker and %s",
	    who_word(rn, day, WHO_SCHOOL));
}

/* The phrase tables of a worry. */
static const char *const *
harm_list(enum worry w, int *n)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		*n = NAMES_N(harm_arguments);
		return harm_arguments;
	case WORRY_HITTING:
		*n = NAMES_N(harm_hitting);
		return harm_hitting;
	case WORRY_TOUCHING:
		*n = NAMES_N(harm_touching);
		return harm_touching;
	default:
		*n = NAMES_N(harm_care);
		return harm_care;
	}
}

static const struct pair_phrase *
pair_list(enum worry w, int *n)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		*n = NAMES_N(pairs_arguments);
		return pairs_arguments;
	case WORRY_HITTING:
		*n = NAMES_N(pairs_hitting);
		return pairs_hitting;
	case WORRY_TOUCHING:
		*n = NAMES_N(pairs_touching);
		return pairs_touching;
	default:
		*n = NAMES_N(pairs_care);
		return pairs_care;
	}
}

static const char *const *
safety_list(enum worry w, int *n)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		*n = NAMES_N(safety_arguments);
		return safety_arguments;
	case WORRY_HITTING:
		*n = NAMES_N(safety_hitting);
		return safety_hitting;
	case WORRY_TOUCHING:
		*n = NAMES_N(safety_touching);
		return safety_touching;
	default:
		*n = NAMES_N(safety_care);
		return safety_care;
	}
}

static const struct seen_phrase *
seen_list(enum worry w, int *n)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		*n = NAMES_N(report_seen_arguments);
		return report_seen_arguments;
	case WORRY_HITTING:
		*n = NAMES_N(report_seen_hitting);
		return report_seen_hitting;
	case WORRY_TOUCHING:
		*n = NAMES_N(report_seen_touching);
		return report_seen_touching;
	default:
		*n = NAMES_N(report_seen_care);
		return report_seen_care;
	}
}

static const char *const *
house_worries(enum worry w, int *n)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		*n = NAMES_N(house_worries_arguments);
		return house_worries_arguments;
	case WORRY_HITTING:
		*n = NAMES_N(house_worries_hitting);
		return house_worries_hitting;
	case WORRY_TOUCHING:
		*n = NAMES_N(house_worries_touching);
		return house_worries_touching;
	default:
		*n = NAMES_N(house_worries_care);
		return house_worries_care;
	}
}

/* What the family's worries are about: the plan's category, or for a
 * conference that made no plan, the referral's need. */
static enum worry
worry_of(struct run *rn)
{
	const struct fam_episode *fe = rn->fe;

	if (fe->cp) {
		switch (fe->category) {
		case ABUSE_EMOTIONAL:
			return WORRY_ARGUMENTS;
		case ABUSE_PHYSICAL:
			return WORRY_HITTING;
		case ABUSE_SEXUAL:
			return WORRY_TOUCHING;
		default:
			return WORRY_CARE;
		}
	}
	if (strcmp(fe->need, "N5") == 0 || strcmp(fe->need, "N6") == 0)
		return WORRY_ARGUMENTS;
	if (strcmp(fe->need, "N1") == 0 && mchance(rn->g, 0.15))
		return WORRY_HITTING;
	return WORRY_CARE;
}

/* Add up to k harm statements (or danger/goal pairs) of worry w. */
static void
pick_harm(struct run *rn, enum worry w, int k)
{
	struct casefacts *cs = &rn->cs;
	int n, ix[16];

	(void)harm_list(w, &n);
	k = choose(rn->g, n, k, ix);
	for (int i = 0; i < k && cs->nharm < 4; i++)
		cs->harm[cs->nharm++] = (struct pick){ w, ix[i] };
}

static void
pick_pairs(struct run *rn, enum worry w, int k)
{
	struct gen *g = rn->g;
	struct casefacts *cs = &rn->cs;
	int n, ix[16];

	(void)pair_list(w, &n);
	k = choose(g, n, k, ix);
	for (int i = 0; i < k && cs->npairs < 3; i++) {
		double u = munit(g);
		int j = cs->npairs++;

		cs->pair[j].p = (struct pick){ w, ix[i] };
		cs->pair[j].view = u < 0.55 ? SOS_VIEW_AGREES : u < 0.85 ?
		    SOS_VIEW_PARTLY : SOS_VIEW_DISPUTES;
		cs->pair[j].says = (int)mrange(g, 0, 2);
		cs->pair[j].offset = munit(g) * 2.0 - 1.0;
	}
}

/* Someone in the family's safety network: the grandmother when she is
 * not the carer, else a relative or friend. */
static void
network_member(struct run *rn, int k, bool gran)
{
	struct gen *g = rn->g;
	struct casefacts *cs = &rn->cs;
	const char *given, *family = rn->f->kids[0].c.family_name;
	int r = (int)mrange(g, 0, NAMES_N(network_roles) - 1);

	if (gran) {
		given = rn->f->gran.given_name;
		family = rn->f->gran.family_name;
		put(cs->net[k].role, sizeof(cs->net[k].role), "Grandmother");
	} else {
		given = network_roles[r].woman ? MPICK(g, adult_women) :
		    MPICK(g, adult_men);
		if (!network_roles[r].same_family)
			family = MPICK(g, family_names);
		put(cs->net[k].role, sizeof(cs->net[k].role),
		    network_roles[r].role);
	}
	put(cs->net[k].first, sizeof(cs->net[k].first), given);
	if (snprintf(cs->net[k].name, sizeof(cs->net[k].name), "%s %s", given,
	    family) >= (int)sizeof(cs->net[k].name))
		put(cs->net[k].name, sizeof(cs->net[k].name), given);
}

/* The core group (WT2023): the social worker, the parents at home, health
 * and, for a child of school age, the school; with the lead social worker
 * of the day after `day`. */
static void
core_build(struct run *rn, hday day)
{
	struct gen *g = rn->g;
	struct family *f = rn->f;
	struct casefacts *cs = &rn->cs;
	char name[2 * PERSON_NAME_MAX + 2];
	int youngest, eldest, np = 0;

	ages(rn, day, &youngest, &eldest);
	person_staff(g, &cs->core[np++], worker_on(rn, add_wd(day, 1)),
	    la_name, "Lead social worker");
	if (f->has_mother) {
		snprintf(name, sizeof(name), "%s %s", f->mother.given_name,
		    f->mother.family_name);
		person_set(&cs->core[np++], name, "", "Mother", 0);
	}
	if (f->has_father && f->father_home) {
		snprintf(name, sizeof(name), "%s %s", f->father.given_name,
		    f->father.family_name);
		person_set(&cs->core[np++], name, "", "Father", 0);
	}
	person_staff(g, &cs->core[np++], cs->health, health_name,
	    health_role(youngest));
	if (eldest >= 4)
		person_staff(g, &cs->core[np++], cs->school, school_name,
		    "Designated safeguarding lead");
	cs->ncore = np;
}

/* The ICPC's core group members from health and the school, drawn from
 * the journey's stream in the order the demo has always drawn them, so
 * that the seed still gives the same journeys. */
static void
core_pick(struct run *rn, hday day)
{
	struct gen *g = rn->g;
	int youngest, eldest;

	ages(rn, day, &youngest, &eldest);
	rn->cs.health = one_of(g, g->health_staff, g->nhealth);
	if (eldest >= 4)
		rn->cs.school = one_of(g, g->school_staff, g->nschool);
}

/* What the referral's conferences share (struct casefacts); the ICPC's
 * core group members from health and school already drawn if have_core. */
static void
case_setup(struct run *rn, bool have_core)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct casefacts *cs = &rn->cs;
	bool multiple = fe->cp && fe->category == ABUSE_MULTIPLE;
	int n;

	cs->set = true;
	cs->worry = worry_of(rn);
	cs->nharm = cs->npairs = 0;
	if (multiple) {
		pick_harm(rn, WORRY_CARE, (int)mrange(g, 1, 2));
		pick_harm(rn, WORRY_ARGUMENTS, (int)mrange(g, 1, 2));
		pick_pairs(rn, WORRY_CARE, 1);
		pick_pairs(rn, WORRY_ARGUMENTS, (int)mrange(g, 1, 2));
	} else {
		pick_harm(rn, cs->worry, (int)mrange(g, 1, 4));
		pick_pairs(rn, cs->worry, (int)mrange(g, 1, 3));
	}
	cs->ncomplic = choose(g, NAMES_N(complicating), (int)mrange(g, 1, 3),
	    cs->complic);
	cs->nstrength = choose(g, NAMES_N(strengths), 6, cs->strength);
	(void)safety_list(cs->worry, &n);
	cs->nsafety = choose(g, n, 5, cs->safety);
	/* Safety scales: low while a plan is needed, parents more hopeful
	 * than the professionals, children all over the place. */
	cs->base0 = fe->cp ? 2.0 + 1.5 * munit(g) : 5.5 + 1.5 * munit(g);
	cs->parent_lean = 1.0 + 2.0 * munit(g);
	cs->network_lean = 0.3 + 1.2 * munit(g);
	for (int i = 0; i < rn->n; i++)
		cs->child_lean[i] = 3.0 * munit(g) - 1.5;
	cs->nnet = 0;
	network_member(rn, cs->nnet++, rn->f->has_gran && rn->f->has_mother);
	if (mchance(g, 0.4))
		network_member(rn, cs->nnet++, false);
	cs->police = g->police_staff[mrange(g, 0, g->npolice - 1)];
	/* The school too when the ICPC had no child of school age: one may
	 * reach it before a review. */
	if (!have_core)
		cs->health = g->health_staff[mrange(g, 0, g->nhealth - 1)];
	if (cs->school == 0)
		cs->school = g->school_staff[mrange(g, 0, g->nschool - 1)];
	cs->specialist = 0;
	if (g->teams[fe->c_team].kind == TEAM_FAMILY_SAFEGUARDING &&
	    cs->worry != WORRY_TOUCHING && mchance(g, 0.4)) {
		cs->specialist_role = cs->worry == WORRY_ARGUMENTS ?
		    ROLE_DA_VICTIM_WORKER : cs->worry == WORRY_HITTING ||
		    mchance(g, 0.5) ? ROLE_MENTAL_HEALTH_WORKER :
		    ROLE_SUBSTANCE_MISUSE_WORKER;
		cs->specialist = g->teams[fe->c_team].specialist[
		    cs->specialist_role];
	}
	cs->gp = mchance(g, 0.35);
	if (cs->gp) {
		snprintf(cs->gp_name, sizeof(cs->gp_name), "Dr %s %s",
		    mchance(g, 0.55) ? MPICK(g, adult_women) :
		    MPICK(g, adult_men), MPICK(g, family_names));
		cs->surgery = MPICK(g, surgeries);
	}
	cs->place = (int)mrange(g, 0, NAMES_N(places) - 1);
}

/* The professionals' view of safety at this meeting: low at the start,
 * rising to 7 or 8 by the review that ends a plan, and staying low for a
 * plan that carries on or ends in care.  *improving says which. */
static double
mtg_level(const struct run *rn, int r, bool *improving)
{
	const struct fam_episode *fe = rn->fe;
	const struct casefacts *cs = &rn->cs;
	double lift;

	*improving = false;
	if (r < 0)
		return cs->base0;
	if (fe->cp_end_reason == PLANEND_NO_LONGER_AT_RISK && fe->nrcpc > 0) {
		*improving = true;
		return cs->base0 + (7.8 - cs->base0) * (double)(r + 1) /
		    (double)fe->nrcpc;
	}
	if (fe->cp_end_reason == PLANEND_LOOKED_AFTER)
		return cs->base0 - 0.4 * (double)(r + 1) < 0.8 ? 0.8 :
		    cs->base0 - 0.4 * (double)(r + 1);
	lift = 0.3 * (double)(r + 1);
	return cs->base0 + (lift > 1.2 ? 1.2 : lift);
}

static void
mtg_start(struct run *rn, struct mtg *mt, int r, hday day, int64_t chair,
    bool held)
{
	static const int starts[] = { 570, 600, 630, 780, 810, 840 };
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	bool improving;

	mt->id = mt->version = 0;
	mt->kind = r < 0 ? CONF_INITIAL : CONF_REVIEW;
	mt->r = r;
	mt->held = held;
	mt->date = day;
	mt->chair = chair;
	mt->minute = starts[mrange(g, 0, NAMES_N(starts) - 1)];
	mt->start = meeting_start_utc(day, mt->minute);
	if (meeting_share_by(mt->kind, day, &mt->share_by) != HERR_OK)
		mt->share_by = day;
	if (r < 0) {
		/* Booked once the enquiry showed a conference was needed:
		 * on or after the strategy discussion. */
		hday last = fe->s47_done != HDAY_NONE && fe->s47_done < day ?
		    fe->s47_done : day - 1;

		mt->booked = wd_on_or_after((hday)mrange(g, fe->strategy,
		    last));
		if (mt->booked >= day)
			mt->booked = fe->strategy;
	} else {
		/* A review is booked a few weeks ahead. */
		hday prev = r == 0 ? fe->icpc : fe->rcpc[r - 1];
		hday b = day - (hday)mrange(g, 21, 42);

		mt->booked = wd_on_or_after(b > prev ? b : prev + 1);
		if (mt->booked >= day)
			mt->booked = prev;
	}
	mt->level = held ? mtg_level(rn, r, &improving) : 0;
	words_make(rn, day, &mt->w);
	mt->ninv = 0;
	mt->dissent = false;
	mt->dissent_text[0] = '\0';
	mt->map_id = 0;
	mt->lo[0] = mt->lo[1] = mt->hi[0] = mt->hi[1] = -1;
	for (int i = 0; i < rn->n; i++)
		mt->part[i] = PART_NOT_RECORDED;
}

static enum herr
mtg_book(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	struct meeting *m = g->m;
	struct journey_ctx cx = ctx_at(g, at(mt->booked, 10,
	    (int)mrange(g, 0, 59)));
	enum herr e;

	meeting_clear(m);
	m->kind = mt->kind;
	m->status = MEETING_BOOKED;
	m->date = mt->date;
	m->minute = mt->minute;
	put(m->place, sizeof(m->place), places[rn->cs.place]);
	m->chair_id = mt->chair;
	m->n_children = rn->n;
	for (int i = 0; i < rn->n; i++) {
		m->children[i].child_id = rn->k[i].dc->c.id;
		m->children[i].advocate_offered_on = HDAY_NONE;
	}
	if ((e = record_meeting_book(g->st, m, &cx, g->diag)))
		return refused(g, e, "booking the conference", &rn->k[0],
		    mt->booked);
	mt->id = m->id;
	mt->version = m->version > 0 ? m->version : 1;
	return HERR_OK;
}

/* Add an invitee to mt's list (recorded by mtg_invite). */
static struct minv *
inv_add(struct mtg *mt, enum invitee_kind kind, const char *name,
    const char *role, const char *plain_role, int64_t agency_id,
    const char *agency, int64_t staff_id, enum sos_rater rater,
    const char *rater_name)
{
	struct minv *v;

	if (mt->ninv >= MTG_INVITEES)
		return NULL;
	v = &mt->inv[mt->ninv++];
	memset(v, 0, sizeof(*v));
	v->iv.kind = kind;
	put(v->iv.name, sizeof(v->iv.name), name);
	put(v->iv.role, sizeof(v->iv.role), role);
	v->iv.agency_id = agency_id;
	put(v->iv.agency, sizeof(v->iv.agency), agency);
	v->iv.staff_id = staff_id;
	v->iv.invited_on = HDAY_NONE;
	v->iv.attendance = ATTEND_NOT_RECORDED;
	v->iv.report_expected = kind == INVITEE_AGENCY;
	v->plain_role = plain_role;
	v->seen = SEEN_OTHER;
	v->rater = rater;
	put(v->rater_name, sizeof(v->rater_name), rater_name);
	return v;
}

/* A parent or carer; `as` is how the family says it ("mum"). */
static void
inv_adult(struct mtg *mt, enum invitee_kind kind, const struct adult *a,
    const char *role, const char *plain_role, const char *as)
{
	char name[2 * PERSON_NAME_MAX + 2], rater[SOS_NAME_MAX + 1];

	snprintf(name, sizeof(name), "%s %s", a->given_name, a->family_name);
	snprintf(rater, sizeof(rater), "%s (%s)", a->given_name, as);
	(void)inv_add(mt, kind, name, role, plain_role, 0, "", 0,
	    RATER_PARENT, rater);
}

static void
inv_staff(struct gen *g, struct mtg *mt, int64_t staff_id,
    const char *role, const char *plain_role, unsigned seen,
    int64_t agency_id, const char *agency)
{
	const char *name = staff_name(g, staff_id);
	struct minv *v = inv_add(mt, INVITEE_AGENCY, name, role, plain_role,
	    agency_id, agency, staff_id, RATER_PROFESSIONAL, name);

	if (v)
		v->seen = seen;
}

/*
 * Invite the family (the parents, or the grandmother who cares for the
 * children), their safety network, and the professionals: the social
 * worker, the police (always to an initial conference), health (health
 * visiting for under-fives, else school nursing; the GP for some), the
 * school for a child of school age, and a Family Safeguarding adult
 * worker now and then.  Partners are invited as the hearth users they
 * are, so their reports are theirs to write.
 */
static enum herr
mtg_invite(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	struct family *f = rn->f;
	struct casefacts *cs = &rn->cs;
	int youngest, eldest;
	enum herr e;

	ages(rn, mt->date, &youngest, &eldest);
	mt->ninv = 0;
	if (f->has_mother)
		inv_adult(mt, INVITEE_FAMILY, &f->mother, "Mother", "mother",
		    "mum");
	if (f->has_father)
		inv_adult(mt, INVITEE_FAMILY, &f->father, "Father", "father",
		    "dad");
	if (!f->has_mother && f->has_gran)
		inv_adult(mt, INVITEE_FAMILY, &f->gran,
		    "Grandmother, caring for the children", "grandmother",
		    "nan");
	for (int k = 0; k < cs->nnet; k++) {
		char rater[SOS_NAME_MAX + 1], role[MEETING_NAME_MAX + 1];

		put(role, sizeof(role), cs->net[k].role);
		role[0] = (char)tolower((unsigned char)role[0]);
		if (snprintf(rater, sizeof(rater), "%s (%s)", cs->net[k].name,
		    role) >= (int)sizeof(rater))
			put(rater, sizeof(rater), cs->net[k].name);
		(void)inv_add(mt, INVITEE_NETWORK, cs->net[k].name,
		    cs->net[k].role, "family and friends", 0, "", 0,
		    RATER_NETWORK, rater);
	}
	inv_staff(g, mt, worker_on(rn, mt->date), "Social worker",
	    "social worker", SEEN_SW, g->la, la_name);
	if (mt->r < 0 || cs->worry != WORRY_CARE || mchance(g, 0.3))
		inv_staff(g, mt, cs->police, "Police officer, child abuse "
		    "investigation", "police officer", SEEN_POLICE, g->police,
		    police_name);
	inv_staff(g, mt, cs->health, health_role(youngest), youngest < 5 ?
	    "health visitor" : "school nurse", SEEN_HEALTH, g->health,
	    health_name);
	if (eldest >= 4)
		inv_staff(g, mt, cs->school, "Designated safeguarding lead",
		    "school", SEEN_SCHOOL, g->education, school_name);
	if (cs->gp) {
		struct minv *v = inv_add(mt, INVITEE_AGENCY, cs->gp_name, "GP",
		    "family doctor", 0, cs->surgery, 0, RATER_PROFESSIONAL,
		    cs->gp_name);

		if (v)
			v->seen = SEEN_HEALTH;
	}
	/* Family Safeguarding's adult workers, by their plain titles. */
	if (cs->specialist && cs->specialist_role == ROLE_DA_VICTIM_WORKER)
		inv_staff(g, mt, cs->specialist, "Women's Aid worker",
		    "Women's Aid worker", SEEN_OTHER, g->womens_aid,
		    womens_aid_name);
	else if (cs->specialist &&
	    cs->specialist_role == ROLE_MENTAL_HEALTH_WORKER)
		inv_staff(g, mt, cs->specialist, "Adult mental health worker",
		    "adult mental health worker", SEEN_OTHER,
		    g->mental_health, mental_health_name);
	else if (cs->specialist)
		inv_staff(g, mt, cs->specialist, "Drug and alcohol worker",
		    "drug and alcohol worker", SEEN_OTHER, g->recovery,
		    recovery_name);
	for (int i = 0; i < mt->ninv; i++) {
		struct invitee *iv = &mt->inv[i].iv;
		hday on = iv->kind == INVITEE_AGENCY ? add_wd(mt->booked,
		    (int)mrange(g, 0, 2)) : add_wd(mt->booked,
		    (int)mrange(g, 0, 1));
		struct journey_ctx cx;

		if (on >= mt->date)
			on = mt->booked;
		if (on > g->as_of)
			on = g->as_of;
		iv->invited_on = on;
		cx = ctx_at(g, at(on, 11, (int)mrange(g, 0, 59)));
		if ((e = record_invitee_add(g->st, mt->id, iv, &cx, g->diag)))
			return refused(g, e, "inviting to the conference",
			    &rn->k[0], on);
		if (mt->held)
			g->stats->invitations++;
	}
	return HERR_OK;
}

/* A working day from lo to hi (hi if there is none between). */
static hday
wd_between(struct gen *g, hday lo, hday hi)
{
	hday d;

	if (hi <= lo)
		return hi < lo ? lo : hi;
	d = wd_back((hday)mrange(g, lo, hi), lo - 1);
	return d > hi ? hi : d;
}

/* An agency's report in plain words: what they have seen, what is going
 * well, what they think should happen. */
static void
report_text(struct run *rn, struct mtg *mt, const struct minv *v,
    char *out, size_t cap)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct sbuf sb = { out, cap, 0 };
	const struct seen_phrase *seen;
	int n, ix[16], k, fit[16], nfit = 0;
	bool ends = mt->r >= 0 && fe->cp_end == mt->date &&
	    fe->cp_end_reason == PLANEND_NO_LONGER_AT_RISK;

	out[0] = '\0';
	sb_fmt(&sb, "Report from %s (%s).\n\nWhat we have seen\n",
	    v->iv.name, v->iv.agency);
	/* What this professional could have seen; anything if nothing. */
	seen = seen_list(rn->cs.worry, &n);
	for (int i = 0; i < n && nfit < 16; i++)
		if (seen[i].who & v->seen)
			fit[nfit++] = i;
	for (int i = 0; nfit == 0 && i < n && i < 16; i++)
		fit[i] = i;
	if (nfit == 0)
		nfit = n < 16 ? n : 16;
	k = choose(g, nfit, mt->r < 0 ? 2 : 1, ix);
	for (int i = 0; i < k; i++) {
		sb_say(&sb, &mt->w, seen[fit[ix[i]]].s);
		sb_add(&sb, i + 1 < k ? " " : "\n");
	}
	if (mt->r >= 0) {
		sb_say(&sb, &mt->w, mt->level >= 5.5 ? report_view_better[0] :
		    report_view_same[1]);
		sb_add(&sb, "\n");
	}
	sb_add(&sb, "\nWhat is going well\n");
	k = choose(g, NAMES_N(report_well), (int)mrange(g, 1, 2), ix);
	for (int i = 0; i < k; i++) {
		sb_say(&sb, &mt->w, report_well[ix[i]]);
		sb_add(&sb, i + 1 < k ? " " : "\n");
	}
	sb_add(&sb, "\nWhat we think should happen\n");
	if (mt->r < 0)
		sb_say(&sb, &mt->w, fe->cp ? MPICK(g, report_view_plan) :
		    MPICK(g, report_view_better));
	else
		sb_say(&sb, &mt->w, ends ? MPICK(g, report_view_better) :
		    MPICK(g, report_view_same));
	sb_add(&sb, "\n");
}

/*
 * The agencies' reports: most in before the day, most shared with the
 * family by the share-by date (3 working days before an initial
 * conference, 5 before a review), some shared late, some never.  Only
 * what has happened by the as-of date is recorded.
 */
static enum herr
mtg_reports(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	struct demo_stats *s = g->stats;
	hday last = wd_back(mt->date - 1, mt->booked);
	enum herr e;

	if (last >= mt->date)
		last = mt->booked;
	for (int i = 0; i < mt->ninv; i++) {
		struct minv *v = &mt->inv[i];
		struct agency_report r;
		struct journey_ctx cx;
		hday lo = v->iv.invited_on, sub, sh = HDAY_NONE;
		double p = v->iv.staff_id == 0 ? 0.6 :
		    strcmp(v->iv.role, "Social worker") == 0 ? 0.98 : 0.87;
		double u;

		if (v->iv.kind != INVITEE_AGENCY || !v->iv.report_expected)
			continue;
		if (mt->held)
			s->reports_expected++;
		if (!mchance(g, p))
			continue;
		if (mt->share_by >= lo && mchance(g, 0.88))
			sub = wd_between(g, lo, mt->share_by);
		else
			sub = wd_between(g, mt->share_by + 1 > lo ?
			    mt->share_by + 1 : lo, last);
		if (sub > last)
			sub = last;
		if (sub < lo)
			sub = lo;
		if (sub > g->as_of)
			continue;	/* not written yet */
		memset(&r, 0, sizeof(r));
		r.invitee_id = v->iv.id;
		r.shared_on = HDAY_NONE;
		report_text(rn, mt, v, mt->text, sizeof(r.text));
		put(r.text, sizeof(r.text), mt->text);
		cx = ctx_at(g, at(sub, (int)mrange(g, 9, 16),
		    (int)mrange(g, 0, 59)));
		cx.by = v->iv.staff_id;
		if ((e = record_report_submit(g->st, mt->id, &r, 0, &cx,
		    g->diag)))
			return refused(g, e, "an agency's report", &rn->k[0],
			    sub);
		if (mt->held)
			s->reports++;
		u = munit(g);
		if (sub <= mt->share_by) {
			if (u < 0.9)
				sh = wd_between(g, sub, mt->share_by);
			else if (u < 0.95)
				sh = wd_between(g, mt->share_by + 1, mt->date);
		} else if (u < 0.7) {
			sh = wd_between(g, sub, mt->date);
		}
		if (sh == HDAY_NONE || sh > g->as_of)
			continue;
		cx = ctx_at(g, at(sh, (int)mrange(g, 10, 17),
		    (int)mrange(g, 0, 59)));
		cx.by = 0;
		if ((e = record_report_share(g->st, mt->id, r.id, sh,
		    r.version > 0 ? r.version : 1, &cx, g->diag)))
			return refused(g, e, "sharing a report", &rn->k[0],
			    sh);
		if (mt->held && sh <= mt->share_by)
			s->reports_on_time++;
		else if (mt->held)
			s->reports_late++;
	}
	return HERR_OK;
}

/*
 * How each child took part (measures.md): babies and young children
 * through the social worker's report; children of 5 to 9 often by a
 * drawing or in writing; children of 10 and over always offered an
 * advocate (Walsall), many accepting, some attending, a few giving no
 * view, with the reason.
 */
static enum herr
mtg_participation(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	struct demo_stats *s = g->stats;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		const struct dchild *dc = rn->k[i].dc;
		int age = kid_age(dc, mt->date);
		struct meeting_child mc;
		struct journey_ctx cx = ctx_at(g, mt->start + 3 * HOUR_SECS);
		const char *note;
		double u = munit(g);

		memset(&mc, 0, sizeof(mc));
		mc.child_id = dc->c.id;
		mc.advocate_offered_on = HDAY_NONE;
		if (unborn_on(dc, mt->date)) {
			mc.part = PART_NONE;
			note = part_none[2];
		} else if (age < 5) {
			mc.part = PART_REPORT_ONLY;
			note = part_report_only[0];
		} else if (age < MEETING_ADVOCATE_AGE) {
			mc.part = u < 0.3 ? PART_DRAWING : u < 0.42 ?
			    PART_WRITTEN : u < 0.47 ? PART_APP : u < 0.5 ?
			    PART_ATTENDED : PART_REPORT_ONLY;
			note = mc.part == PART_DRAWING ? MPICK(g, part_drawing) :
			    mc.part == PART_WRITTEN ? MPICK(g, part_written) :
			    mc.part == PART_APP ? part_app[0] :
			    mc.part == PART_ATTENDED ? part_attended[2] :
			    part_report_only[1];
		} else {
			mc.advocate_offered = true;
			mc.advocate_offered_on = wd_between(g, mt->booked,
			    wd_back(mt->date - 1, mt->booked));
			if (mc.advocate_offered_on > mt->date)
				mc.advocate_offered_on = mt->booked;
			mc.advocate_accepted = mchance(g, 0.45);
			s->advocates_offered++;
			if (mc.advocate_accepted) {
				s->advocates_accepted++;
				snprintf(mc.advocate, sizeof(mc.advocate),
				    "%s %s, %s", mchance(g, 0.7) ?
				    MPICK(g, adult_women) : MPICK(g, adult_men),
				    MPICK(g, family_names), advocacy_name);
				mc.part = mchance(g, 0.3) ? PART_ATTENDED :
				    PART_ADVOCATE;
			} else {
				mc.part = u < 0.35 ? PART_ATTENDED : u < 0.55 ?
				    PART_WRITTEN : u < 0.65 ? PART_APP :
				    u < 0.87 ? PART_REPORT_ONLY : PART_NONE;
			}
			note = mc.part == PART_ATTENDED ? (mc.advocate_accepted ?
			    part_attended[1] : MPICK(g, part_attended)) :
			    mc.part == PART_ADVOCATE ? MPICK(g, part_advocate) :
			    mc.part == PART_WRITTEN ? MPICK(g, part_written) :
			    mc.part == PART_APP ? part_app[0] :
			    mc.part == PART_REPORT_ONLY ? part_report_only[1] :
			    part_none[mrange(g, 0, 1)];
		}
		say(mc.part_note, sizeof(mc.part_note), &mt->w, note);
		mt->part[i] = mc.part;
		s->participation[mc.part]++;
		if ((e = record_participation_set(g->st, mt->id, &mc,
		    mt->version, &cx, g->diag)))
			return refused(g, e, "the child's participation",
			    &rn->k[i], mt->date);
		mt->version++;
	}
	return HERR_OK;
}

/*
 * Who came: most parents, fewer fathers living apart, most of the
 * network, the social worker always, partners usually and GPs seldom
 * (they send a report).  The social worker and one or two other
 * professionals who came give safety scale ratings, with the family.
 */
static enum herr
mtg_attendance(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	enum attendance att[MTG_INVITEES];
	struct journey_ctx cx = ctx_at(g, mt->start + 2 * HOUR_SECS);
	int raters = 0;
	enum herr e;

	for (int i = 0; i < mt->ninv; i++) {
		struct minv *v = &mt->inv[i];
		double p = 0.85, q = 0.1, u = munit(g);

		if (v->iv.kind == INVITEE_FAMILY) {
			p = strcmp(v->iv.role, "Father") == 0 ? 0.65 : 0.88;
			q = 0.12;
		} else if (v->iv.kind == INVITEE_NETWORK) {
			p = 0.6;
			q = 0.3;
		} else if (strcmp(v->iv.role, "Social worker") == 0) {
			p = 1.0;
		} else if (strcmp(v->iv.role, "GP") == 0) {
			p = 0.15;
			q = 0.75;
		} else if (v->iv.agency_id == g->police) {
			p = 0.65;
			q = 0.3;
		}
		att[i] = u < p ? ATTEND_ATTENDED : u < p + q ?
		    ATTEND_APOLOGIES : ATTEND_ABSENT;
		v->iv.attendance = att[i];
		v->rates = att[i] == ATTEND_ATTENDED &&
		    (v->iv.kind != INVITEE_AGENCY || p >= 1.0 ||
		    (raters < 2 && mchance(g, 0.7)));
		/* A scale is one person's (sos_rating_check): two people of
		 * the same name, one rates. */
		for (int k = 0; v->rates && k < i; k++)
			if (mt->inv[k].rates && mt->inv[k].rater == v->rater &&
			    strcasecmp(mt->inv[k].rater_name,
			    v->rater_name) == 0)
				v->rates = false;
		if (v->rates && v->iv.kind == INVITEE_AGENCY && p < 1.0)
			raters++;
	}
	if ((e = record_attendance_set(g->st, mt->id, att, mt->ninv,
	    mt->version, &cx, g->diag)))
		return refused(g, e, "attendance", &rn->k[0], mt->date);
	mt->version++;
	return HERR_OK;
}

/* The family's map, worked through at this meeting: a new revision. */
static enum herr
mtg_map(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	const struct casefacts *cs = &rn->cs;
	struct sos_map *m = g->map;
	struct journey_ctx cx = ctx_at(g, mt->start + 80 * 60);
	const char *const *list;
	bool improving;
	int n, k, ix[16];
	enum herr e;

	(void)mtg_level(rn, mt->r, &improving);
	sos_map_clear(m);
	m->previous_id = rn->k[0].dc->map_id;
	for (int i = 0; i < rn->n; i++)
		m->child_ids[m->n_children++] = rn->k[i].dc->c.id;
	m->meeting_id = mt->id;
	m->made_on = mt->date;
#define ITEM(kind_, tmpl_) do { \
		m->items[m->n_items].kind = (kind_); \
		say(m->items[m->n_items].text, \
		    sizeof(m->items[0].text), &mt->w, (tmpl_)); \
		m->n_items++; \
	} while (0)
	for (int i = 0; i < cs->nharm; i++) {
		list = harm_list(cs->harm[i].w, &n);
		ITEM(SOS_HARM, list[cs->harm[i].i]);
	}
	k = cs->ncomplic - (improving && mt->r >= 1 ? 1 : 0);
	for (int i = 0; i < (k < 1 ? 1 : k); i++)
		ITEM(SOS_COMPLICATING, complicating[cs->complic[i]]);
	k = mt->r < 0 ? 2 + (int)mrange(g, 0, 1) : 3 + mt->r;
	for (int i = 0; i < k && i < cs->nstrength; i++)
		ITEM(SOS_STRENGTH, strengths[cs->strength[i]]);
	list = safety_list(cs->worry, &n);
	k = mt->r < 0 ? 1 : improving ? 2 + mt->r : 1 + (mt->r + 1) / 2;
	for (int i = 0; i < k && i < cs->nsafety; i++)
		ITEM(SOS_SAFETY, list[cs->safety[i]]);
#undef ITEM
	for (int i = 0; i < cs->npairs; i++) {
		const struct pair_phrase *pp = &pair_list(cs->pair[i].p.w,
		    &n)[cs->pair[i].p.i];
		struct sos_pair *sp = &m->pairs[m->n_pairs++];
		struct words w = mt->w;

		snprintf(w.w, sizeof(w.w), "The social worker and %s",
		    who_word(rn, mt->date, pp->who));
		say(sp->danger, sizeof(sp->danger), &w, pp->danger);
		put(sp->who_worried, sizeof(sp->who_worried), w.w);
		sp->family_view = improving && mt->r >= 1 ? SOS_VIEW_AGREES :
		    cs->pair[i].view;
		sp->family_says[0] = '\0';
		if (sp->family_view == SOS_VIEW_PARTLY)
			say(sp->family_says, sizeof(sp->family_says), &w,
			    family_partly[cs->pair[i].says]);
		else if (sp->family_view == SOS_VIEW_DISPUTES)
			say(sp->family_says, sizeof(sp->family_says), &w,
			    family_disputes[cs->pair[i].says]);
		say(sp->goal_agency, sizeof(sp->goal_agency), &w,
		    pp->goal_agency);
		say(sp->goal_family, sizeof(sp->goal_family), &w,
		    pp->goal_family);
		put(sp->sustain, sizeof(sp->sustain), pp->sustain);
	}
	k = choose(g, NAMES_N(next_steps), (int)mrange(g, 2, 4), ix);
	for (int i = 0; i < k; i++) {
		const struct step_phrase *st = &next_steps[ix[i]];
		struct sos_step *sp;

		if (ix[i] == 2 && mt->r >= 0)
			continue;	/* Three Houses: done early */
		sp = &m->steps[m->n_steps++];
		say(sp->what, sizeof(sp->what), &mt->w, st->what);
		say(sp->who, sizeof(sp->who), &mt->w, st->who);
		sp->by = wd_on_or_after(mt->date + st->days);
	}
	if ((e = record_map_save(g->st, m, rn->k[0].dc->map_id, &cx, NULL,
	    g->diag)))
		return refused(g, e, "the family's map", &rn->k[0], mt->date);
	mt->map_id = m->id;
	for (int i = 0; i < rn->n; i++)
		rn->k[i].dc->map_id = m->id;
	g->stats->maps++;
	return HERR_OK;
}

/* One rating: the level with the rater's lean and a little noise. */
static int
scale_value(struct gen *g, double level)
{
	double v = level + (munit(g) * 2.0 - 1.0) * 0.8;
	int x = (int)(v + 0.5);

	return x < SOS_SCALE_MIN ? SOS_SCALE_MIN : x > SOS_SCALE_MAX ?
	    SOS_SCALE_MAX : x;
}

static const char *
scale_reason(struct gen *g, enum sos_rater kind, int value)
{
	int band = value <= 3 ? 0 : value <= 6 ? 1 : 2;
	int k = (int)mrange(g, 0, 1);

	switch (kind) {
	case RATER_CHILD:
		return rating_child[band][k];
	case RATER_PARENT:
		return rating_parent[band][k];
	case RATER_NETWORK:
		return rating_network[band][k];
	default:
		return rating_professional[band][k];
	}
}

/* The range of the overall scale for the first child, for the minutes:
 * [0] the professionals, [1] the family, network and child. */
static void
scale_seen(struct mtg *mt, bool professional, int value)
{
	int k = professional ? 0 : 1;

	if (mt->lo[k] < 0 || value < mt->lo[k])
		mt->lo[k] = value;
	if (value > mt->hi[k])
		mt->hi[k] = value;
}

/* Safety scales for each child, overall and for each danger/goal pair:
 * from the child (old enough and taking part), the family and network
 * who came, and the professionals rating today. */
static enum herr
mtg_ratings(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	const struct casefacts *cs = &rn->cs;
	struct journey_ctx cx = ctx_at(g, mt->start + 70 * 60);
	struct sos_rating rt;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		const struct dchild *dc = rn->k[i].dc;
		int age = kid_age(dc, mt->date);
		bool child = age >= 8 && (mt->part[i] == PART_ATTENDED ||
		    mt->part[i] == PART_ADVOCATE || mt->part[i] == PART_WRITTEN ||
		    mt->part[i] == PART_APP);

		for (int v = child ? -1 : 0; v < mt->ninv; v++) {
			const struct minv *iv = v >= 0 ? &mt->inv[v] : NULL;
			double lean = 0;

			if (iv && !iv->rates)
				continue;
			if (iv == NULL)
				lean = cs->child_lean[i];
			else if (iv->rater == RATER_PARENT)
				lean = cs->parent_lean;
			else if (iv->rater == RATER_NETWORK)
				lean = cs->network_lean;
			else if (iv->iv.agency_id == g->police)
				lean = -0.6;
			for (int p = 0; p <= cs->npairs; p++) {
				memset(&rt, 0, sizeof(rt));
				rt.child_id = dc->c.id;
				rt.meeting_id = mt->id;
				rt.map_id = mt->map_id;
				rt.pair = p;
				rt.rated_on = mt->date;
				rt.kind = iv ? iv->rater : RATER_CHILD;
				put(rt.rater, sizeof(rt.rater), iv ?
				    iv->rater_name : dc->c.given_name);
				if (iv && iv->rater == RATER_PROFESSIONAL) {
					put(rt.agency, sizeof(rt.agency),
					    iv->iv.agency);
					rt.staff_id = iv->iv.staff_id;
				}
				rt.value = scale_value(g, mt->level + lean +
				    (p > 0 ? cs->pair[p - 1].offset : 0));
				put(rt.reason, sizeof(rt.reason),
				    scale_reason(g, rt.kind, rt.value));
				if ((e = record_rating_add(g->st, &rt, &cx,
				    g->diag)))
					return refused(g, e, "a safety scale "
					    "rating", &rn->k[i], mt->date);
				g->stats->ratings++;
				if (i == 0 && p == 0)
					scale_seen(mt, rt.kind ==
					    RATER_PROFESSIONAL, rt.value);
			}
		}
	}
	return HERR_OK;
}

/* A few members' views on the threshold, with their reasons; now and
 * then a parent or a professional disagrees with the decision. */
static enum herr
mtg_views(struct run *rn, struct mtg *mt, bool plan)
{
	struct gen *g = rn->g;
	struct threshold_view v;
	struct journey_ctx cx = ctx_at(g, mt->start + 60 * 60);
	int n = 0;
	enum herr e;

	if (!mchance(g, 0.3))
		return HERR_OK;
	for (int i = 0; i < mt->ninv && n < 3; i++) {
		const struct minv *iv = &mt->inv[i];
		bool parent = iv->iv.kind == INVITEE_FAMILY;

		if (iv->iv.attendance != ATTEND_ATTENDED ||
		    iv->iv.kind == INVITEE_NETWORK || !mchance(g, 0.6))
			continue;
		memset(&v, 0, sizeof(v));
		v.child_id = rn->k[0].dc->c.id;
		put(v.name, sizeof(v.name), iv->iv.name);
		put(v.agency, sizeof(v.agency), parent ? "Parent" :
		    iv->iv.agency);
		v.met = parent ? false : plan;
		say(v.reason, sizeof(v.reason), &mt->w, parent ?
		    MPICK(g, view_parent) : plan ? MPICK(g, view_met) :
		    MPICK(g, view_not_met));
		if ((e = record_view_add(g->st, mt->id, &v, &cx, g->diag)))
			return refused(g, e, "a view on the threshold",
			    &rn->k[0], mt->date);
		g->stats->views++;
		n++;
	}
	return HERR_OK;
}

/* Everything before the chair decides; a meeting booked for after the
 * as-of date stops at the reports written so far. */
static enum herr
mtg_prepare(struct run *rn, struct mtg *mt, bool plan)
{
	enum herr e;

	if ((e = mtg_book(rn, mt)) || (e = mtg_invite(rn, mt)) ||
	    (e = mtg_reports(rn, mt)))
		return e;
	if (!mt->held)
		return HERR_OK;
	if ((e = mtg_participation(rn, mt)) || (e = mtg_attendance(rn, mt)) ||
	    (e = mtg_map(rn, mt)) || (e = mtg_ratings(rn, mt)) ||
	    (e = mtg_views(rn, mt, plan)))
		return e;
	if (plan && mchance(rn->g, 0.08)) {
		mt->dissent = true;
		say(mt->dissent_text, sizeof(mt->dissent_text), &mt->w,
		    MPICK(rn->g, dissents));
	}
	return HERR_OK;
}

/* What a conference decided, for the write-up. */
enum mtg_result {
	RES_PLAN,		/* an initial conference made plans */
	RES_SUPPORT,		/* no plan: help under a plan for the family */
	RES_NONE,		/* no plan, and the case closes */
	RES_CONTINUE,		/* a review: the plans carry on */
	RES_END_SUPPORT,	/* a review ended them, stepping down */
	RES_END,		/* a review ended them */
};

static bool
result_has_plan(enum mtg_result res)
{
	return res != RES_NONE && res != RES_END;
}

static const char *
worry_words(enum worry w)
{
	switch (w) {
	case WORRY_ARGUMENTS:
		return "the fighting and shouting at home";
	case WORRY_HITTING:
		return "children being hit at home";
	case WORRY_TOUCHING:
		return "an adult hurting a child in a sexual way";
	default:
		return "food, warmth, school and health care at home";
	}
}

/* Invitees whose attendance is `a`, one a line: "- Name, role". */
static void
attended_list(struct sbuf *sb, const struct mtg *mt, enum attendance a)
{
	int n = 0;

	for (int i = 0; i < mt->ninv; i++) {
		const struct minv *v = &mt->inv[i];

		if (v->iv.attendance != a)
			continue;
		n++;
		if (v->iv.kind == INVITEE_AGENCY)
			sb_fmt(sb, "- %s, %s (%s)\n", v->iv.name, v->plain_role,
			    v->iv.agency);
		else
			sb_fmt(sb, "- %s, %s\n", v->iv.name, v->plain_role);
	}
	if (n == 0)
		sb_add(sb, "- Nobody\n");
}

/* The chair's record: who came, why, the worries and what is working
 * well from the map, the children's views, the scales, the decision. */
static void
minutes_text(struct run *rn, struct mtg *mt, enum mtg_result res,
    char *out, size_t cap)
{
	struct gen *g = rn->g;
	const struct sos_map *m = g->map;
	struct sbuf sb = { out, cap, 0 };
	char d[HDATE_LEN];

	out[0] = '\0';
	sb_fmt(&sb, "%s child protection conference for ", mt->r < 0 ?
	    "Initial" : "Review");
	sb_say(&sb, &mt->w, "{c}");
	sb_fmt(&sb, ", held on %s. Chair: %s.\n\nWho came\n",
	    hdate_format(mt->date, d), staff_name(g, mt->chair));
	attended_list(&sb, mt, ATTEND_ATTENDED);
	sb_add(&sb, "\nSent apologies\n");
	attended_list(&sb, mt, ATTEND_APOLOGIES);
	sb_add(&sb, "\nWhy we met\n");
	sb_say(&sb, &mt->w, mt->r < 0 ? "To share the worries about {c} "
	    "and decide together whether a plan is needed to keep them safe.\n" :
	    "To check how the plan for {c} is going and decide what happens "
	    "next.\n");
	sb_add(&sb, "\nWhat we are worried about\n");
	for (int i = 0; i < m->n_items; i++)
		if (m->items[i].kind == SOS_HARM) {
			sb_add(&sb, m->items[i].text);
			sb_add(&sb, "\n");
		}
	for (int i = 0; i < m->n_pairs; i++) {
		sb_add(&sb, m->pairs[i].danger);
		sb_add(&sb, "\n");
	}
	sb_add(&sb, "\nWhat is working well\n");
	for (int i = 0; i < m->n_items; i++)
		if (m->items[i].kind == SOS_STRENGTH ||
		    m->items[i].kind == SOS_SAFETY) {
			sb_add(&sb, m->items[i].text);
			sb_add(&sb, "\n");
		}
	sb_add(&sb, "\nWhat the children told us\n");
	for (int i = 0; i < rn->n; i++)
		sb_fmt(&sb, "- %s: %s.\n", unborn_on(rn->k[i].dc, mt->date) ?
		    "The baby" : rn->k[i].dc->c.given_name,
		    participation_label(mt->part[i]));
	for (int k = 0; k < 2; k++) {
		if (mt->lo[k] < 0)
			continue;
		sb_add(&sb, k == 0 ? "\nSafety scale (0 to 10)\nThe "
		    "professionals rated safety " : "The family rated it ");
		if (mt->lo[k] == mt->hi[k])
			sb_fmt(&sb, "at %d.\n", mt->lo[k]);
		else
			sb_fmt(&sb, "from %d to %d.\n", mt->lo[k], mt->hi[k]);
	}
	sb_add(&sb, "\nDecision\n");
	switch (res) {
	case RES_PLAN:
		sb_say(&sb, &mt->w, "The chair decided that {c} will have a "
		    "child protection plan. The main worry is ");
		sb_add(&sb, worry_words(rn->cs.worry));
		sb_add(&sb, ".\n");
		break;
	case RES_SUPPORT:
		sb_add(&sb, "The chair decided that a child protection plan "
		    "is not needed. The social worker will keep helping the "
		    "family with a family support plan.\n");
		break;
	case RES_NONE:
		sb_add(&sb, "The chair decided that a child protection plan "
		    "is not needed. The family will be offered help from the "
		    "family centre.\n");
		break;
	case RES_CONTINUE:
		sb_add(&sb, "The plan will carry on, because the worries have "
		    "not changed enough yet.\n");
		break;
	case RES_END_SUPPORT:
	case RES_END:
		sb_add(&sb, "The plan can end: everyone agreed that the safety "
		    "plan has worked for months.");
		sb_add(&sb, res == RES_END_SUPPORT ? " The social worker will "
		    "keep helping the family for a few more months.\n" :
		    " The family can ask the family centre for help at any "
		    "time.\n");
		break;
	}
	if (mt->dissent) {
		sb_add(&sb, "Not everyone agreed. ");
		sb_add(&sb, mt->dissent_text);
		sb_add(&sb, "\n");
	}
	sb_add(&sb, "\nWhat happens next\n");
	if (res == RES_PLAN || res == RES_CONTINUE)
		sb_fmt(&sb, "The people who check the plan will meet within "
		    "10 working days. The next review conference will be "
		    "within %s.\n", mt->r < 0 ? "3 months" : "6 months");
	else
		sb_add(&sb, "There will be no more conferences for now.\n");
}

/*
 * The plan in the agency's words and the family's own (the map's safety
 * goals, and one or two more), who does what by when, the contingency,
 * when the child will be seen and the core group.  Saving it also names
 * the core group on each child's open CP plan.
 */
static enum herr
mtg_plan(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	const struct casefacts *cs = &rn->cs;
	struct meeting *m = g->m;
	struct journey_ctx cx = ctx_at(g, mt->start + 2 * HOUR_SECS);
	int youngest, eldest, n, k, ix[16];
	enum herr e;

	/* record_meeting_plan_save reads only the plan's parts and the id
	 * (record.h), so the scratch meeting is not cleared (720 KB) but
	 * each part is set afresh. */
	ages(rn, mt->date, &youngest, &eldest);
	m->id = mt->id;
	m->version = mt->version;
	m->n_outcomes = m->n_actions = m->n_core = 0;
	for (int i = 0; i < cs->npairs; i++) {
		const struct pair_phrase *pp = &pair_list(cs->pair[i].p.w,
		    &n)[cs->pair[i].p.i];
		struct plan_outcome *o = &m->outcomes[m->n_outcomes++];

		say(o->agency, sizeof(o->agency), &mt->w, pp->goal_agency);
		say(o->family, sizeof(o->family), &mt->w, pp->goal_family);
	}
	k = choose(g, NAMES_N(outcomes_more), cs->npairs == 1 ?
	    (int)mrange(g, 1, 2) : (int)mrange(g, 0, 1), ix);
	for (int i = 0; i < k && m->n_outcomes < 4; i++) {
		struct plan_outcome *o = &m->outcomes[m->n_outcomes++];

		say(o->agency, sizeof(o->agency), &mt->w,
		    outcomes_more[ix[i]].agency);
		say(o->family, sizeof(o->family), &mt->w,
		    outcomes_more[ix[i]].family);
	}
	k = choose(g, NAMES_N(actions), (int)mrange(g, 3, 6), ix);
	for (int i = 0; i < k; i++) {
		struct plan_action *a = &m->actions[m->n_actions++];
		int o = actions[ix[i]].outcome;

		a->outcome = o >= 0 ? o : -o < m->n_outcomes ? -o :
		    m->n_outcomes;
		say(a->who, sizeof(a->who), &mt->w, actions[ix[i]].who);
		say(a->what, sizeof(a->what), &mt->w, actions[ix[i]].what);
		a->by = wd_on_or_after(mt->date + actions[ix[i]].days);
	}
	say(m->contingency, sizeof(m->contingency), &mt->w,
	    MPICK(g, contingencies));
	say(m->child_seen, sizeof(m->child_seen), &mt->w, youngest < 5 ?
	    MPICK(g, child_seen_young) : MPICK(g, child_seen_older));
	core_build(rn, mt->date);
	memcpy(m->core, cs->core, (size_t)cs->ncore * sizeof(m->core[0]));
	m->n_core = cs->ncore;
	if ((e = record_meeting_plan_save(g->st, m, mt->version, &cx, NULL,
	    g->diag)))
		return refused(g, e, "the conference plan", &rn->k[0],
		    mt->date);
	mt->version++;
	g->stats->plans++;
	return HERR_OK;
}

static enum herr
send_one(struct run *rn, struct mtg *mt, enum doc_kind doc,
    enum doc_audience aud, int64_t t, const char *method, bool *sent)
{
	struct gen *g = rn->g;
	struct meeting_send s;
	struct sbuf sb;
	struct journey_ctx cx = ctx_at(g, t);
	int n = 0;
	enum herr e;

	*sent = false;
	if (!by_now(g, t))
		return HERR_OK;
	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.audience = aud;
	put(s.method, sizeof(s.method), method);
	s.sent_at = t;
	sb = (struct sbuf){ s.recipients, sizeof(s.recipients), 0 };
	for (int i = 0; i < mt->ninv; i++) {
		const struct invitee *iv = &mt->inv[i].iv;

		if ((aud == AUD_AGENCIES) != (iv->kind == INVITEE_AGENCY))
			continue;
		sb_fmt(&sb, "%s%s", n++ ? ", " : "", iv->name);
	}
	if ((e = record_send_add(g->st, mt->id, &s, &cx, g->diag)))
		return refused(g, e, "sending the plan or minutes", &rn->k[0],
		    (hday)(t / DAY_SECS));
	*sent = true;
	return HERR_OK;
}

/*
 * The minutes, and the plan and minutes to the family and the agencies:
 * for about nine conferences in ten everything within 72 hours (Bexley
 * reported about 90%), for the rest up to a fortnight.  What falls after
 * the as-of date has not been done yet.
 */
static enum herr
mtg_write_up(struct run *rn, struct mtg *mt, enum mtg_result res)
{
	struct gen *g = rn->g;
	struct demo_stats *s = g->stats;
	bool plan = result_has_plan(res), all = true, sent;
	int64_t start = mt->start, end = start + 2 * HOUR_SECS;
	int64_t last = mchance(g, 0.9) ? start + mrange(g, 3 * HOUR_SECS,
	    71 * HOUR_SECS) : start + mrange(g, 73 * HOUR_SECS,
	    15 * DAY_SECS);
	int64_t minutes_at = end + 30 * 60 + (int64_t)((double)(last - end -
	    30 * 60) * 0.4 * munit(g));
	int64_t t[DOC__COUNT][AUD__COUNT];
	bool minutes = false;
	enum herr e;

	if (plan && (e = mtg_plan(rn, mt)))
		return e;
	if (by_now(g, minutes_at)) {
		struct journey_ctx cx = ctx_at(g, minutes_at);

		minutes_text(rn, mt, res, mt->text, sizeof(mt->text));
		if ((e = record_minutes_save(g->st, mt->id, mt->text,
		    mt->version, &cx, g->diag)))
			return refused(g, e, "the minutes", &rn->k[0],
			    mt->date);
		mt->version++;
		s->minutes++;
		minutes = true;
	}
	t[DOC_PLAN][AUD_FAMILY] = mchance(g, 0.5) ? end + 15 * 60 :
	    mrange(g, end, last);
	t[DOC_PLAN][AUD_AGENCIES] = mrange(g, end, last);
	if (mchance(g, 0.5)) {
		t[DOC_MINUTES][AUD_FAMILY] = last;
		t[DOC_MINUTES][AUD_AGENCIES] = mrange(g, minutes_at, last);
	} else {
		t[DOC_MINUTES][AUD_FAMILY] = mrange(g, minutes_at, last);
		t[DOC_MINUTES][AUD_AGENCIES] = last;
	}
	if (plan && t[DOC_PLAN][AUD_FAMILY] != end + 15 * 60 &&
	    t[DOC_PLAN][AUD_AGENCIES] < last && mchance(g, 0.5))
		t[DOC_PLAN][AUD_AGENCIES] = last;
	for (int d = 0; d < DOC__COUNT; d++)
		for (int a = 0; a < AUD__COUNT; a++) {
			const char *how = a == AUD_AGENCIES ? "Secure email" :
			    d == DOC_PLAN && t[d][a] == end + 15 * 60 ?
			    "By hand at the conference" : mchance(g, 0.3) ?
			    "Post" : "Email";

			if (d == DOC_PLAN && !plan)
				continue;
			if (d == DOC_MINUTES && !minutes) {
				all = false;
				continue;
			}
			if ((e = send_one(rn, mt, (enum doc_kind)d,
			    (enum doc_audience)a, t[d][a], how, &sent)))
				return e;
			all = all && sent;
		}
	if (all) {
		s->sent++;
		if (last - start <= (int64_t)MEETING_SEND_HOURS * HOUR_SECS)
			s->sent_72h++;
	}
	return HERR_OK;
}

/* Answers to the four questions: most agree, some do not (measures.md
 * "Parent feedback"). */
static void
feedback_answers(struct gen *g, int answers[FEEDBACK_QUESTIONS])
{
	double mood = munit(g);
	int given = 0;

	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		if (mood < 0.62)
			answers[q] = mchance(g, 0.5) ? 5 : mchance(g, 0.85) ?
			    4 : 3;
		else if (mood < 0.88)
			answers[q] = (int)mrange(g, 2, 4);
		else
			answers[q] = (int)mrange(g, 1, 3);
		if (mchance(g, 0.04))
			answers[q] = 0;
		given += answers[q] > 0;
	}
	if (given == 0)
		answers[0] = 3;
}

static bool
mostly_agrees(const int answers[FEEDBACK_QUESTIONS])
{
	int agree = 0, n = 0;

	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		if (answers[q] > 0) {
			n++;
			agree += answers[q] >= 4;
		}
	return 2 * agree >= n;
}

/* Feedback forms: a parent who came, for about three conferences in ten;
 * some older children who took part. */
static enum herr
mtg_feedback(struct run *rn, struct mtg *mt)
{
	struct gen *g = rn->g;
	struct feedback f;
	struct journey_ctx cx;
	enum herr e;

	for (int i = 0; i < mt->ninv; i++) {
		const struct minv *v = &mt->inv[i];

		if (v->iv.kind != INVITEE_FAMILY ||
		    v->iv.attendance != ATTEND_ATTENDED)
			continue;
		if (!mchance(g, 0.34))
			break;		/* one form at most, from the first */
		memset(&f, 0, sizeof(f));
		f.from = FEEDBACK_PARENT;
		f.given_on = mt->date + (hday)mrange(g, 0, 10);
		if (f.given_on > g->as_of)
			break;
		if (mchance(g, 0.8))
			put(f.name, sizeof(f.name), v->iv.name);
		feedback_answers(g, f.answers);
		if (mchance(g, 0.55))
			say(f.comments, sizeof(f.comments), &mt->w,
			    mostly_agrees(f.answers) ?
			    MPICK(g, feedback_parent_good) :
			    MPICK(g, feedback_parent_poor));
		cx = ctx_at(g, at(f.given_on, 12, (int)mrange(g, 0, 59)));
		if ((e = record_feedback_add(g->st, mt->id, &f, &cx, g->diag)))
			return refused(g, e, "a parent's feedback", &rn->k[0],
			    f.given_on);
		g->stats->feedback_parent++;
		break;
	}
	for (int i = 0; i < rn->n; i++) {
		const struct dchild *dc = rn->k[i].dc;

		if (kid_age(dc, mt->date) < 8 || (mt->part[i] !=
		    PART_ATTENDED && mt->part[i] != PART_ADVOCATE) ||
		    !mchance(g, 0.35))
			continue;
		memset(&f, 0, sizeof(f));
		f.from = FEEDBACK_CHILD;
		f.given_on = mt->date + (hday)mrange(g, 0, 7);
		if (f.given_on > g->as_of)
			continue;
		put(f.name, sizeof(f.name), dc->c.given_name);
		feedback_answers(g, f.answers);
		if (mchance(g, 0.5))
			put(f.comments, sizeof(f.comments),
			    MPICK(g, feedback_child));
		cx = ctx_at(g, at(f.given_on, 16, (int)mrange(g, 0, 59)));
		if ((e = record_feedback_add(g->st, mt->id, &f, &cx, g->diag)))
			return refused(g, e, "a child's feedback", &rn->k[i],
			    f.given_on);
		g->stats->feedback_child++;
	}
	return HERR_OK;
}

/*
 * Direct work early in a plan (practice-models 1.6): Three Houses with
 * each child of 5 or more, and for some children of 4 or more Words and
 * Pictures, shared with the parents, agreed, then shared with the child.
 */
static enum herr
voice_work(struct run *rn, const struct mtg *mt)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	hday end = fe->cp_end != HDAY_NONE ? fe->cp_end : NEVER;
	struct voice_work *v = xcalloc(1, sizeof(*v));
	const char *const *worries;
	enum herr e = HERR_OK;
	int n;

	worries = house_worries(rn->cs.worry, &n);
	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];
		int age = kid_age(k->dc, fe->icpc);
		struct journey_ctx cx;
		hday made = add_wd(fe->icpc, (int)mrange(g, 3, 20)), d;

		if (age >= 5 && made <= g->as_of && made < end) {
			memset(v, 0, sizeof(*v));
			v->child_id = k->dc->c.id;
			v->kind = VOICE_THREE_HOUSES;
			v->made_on = made;
			put(v->made_with, sizeof(v->made_with),
			    staff_name(g, worker_on(rn, made)));
			put(v->good, sizeof(v->good), MPICK(g, house_good));
			put(v->worries, sizeof(v->worries),
			    worries[mrange(g, 0, n - 1)]);
			put(v->dreams, sizeof(v->dreams), MPICK(g, house_dreams));
			v->shared_parents_on = v->agreed_on =
			    v->shared_child_on = HDAY_NONE;
			cx = ctx_at(g, at(made, 17, 0));
			if ((e = record_voice_add(g->st, v, &cx, g->diag))) {
				e = refused(g, e, "Three Houses", k, made);
				goto out;
			}
			g->stats->three_houses++;
		}
		made = wd_on_or_after(fe->icpc + (hday)mrange(g, 15, 60));
		if (age < 4 || !mchance(g, 0.45) || made > g->as_of ||
		    made >= end)
			continue;
		memset(v, 0, sizeof(*v));
		v->child_id = k->dc->c.id;
		v->kind = VOICE_WORDS_PICTURES;
		v->made_on = made;
		put(v->made_with, sizeof(v->made_with),
		    staff_name(g, worker_on(rn, made)));
		say(v->explanation, sizeof(v->explanation), &mt->w,
		    words_pictures[rn->cs.worry]);
		v->shared_parents_on = v->agreed_on = v->shared_child_on =
		    HDAY_NONE;
		d = wd_on_or_after(made + (hday)mrange(g, 2, 14));
		if (d <= g->as_of) {
			v->shared_parents_on = d;
			d = wd_on_or_after(d + (hday)mrange(g, 0, 7));
			if (d <= g->as_of && mchance(g, 0.85)) {
				v->agreed_on = d;
				d = wd_on_or_after(d + (hday)mrange(g, 2, 14));
				if (d <= g->as_of && mchance(g, 0.9))
					v->shared_child_on = d;
			}
		}
		cx = ctx_at(g, at(made, 16, 0));
		if ((e = record_voice_add(g->st, v, &cx, g->diag))) {
			e = refused(g, e, "Words and Pictures", k, made);
			goto out;
		}
		g->stats->words_pictures++;
	}
out:
	free(v);
	return e;
}

/*
 * A conference for all the run's children (one row, a decision each): the
 * ICPC, or review `r` of their plans, held as a meeting.  The chair and the
 * ICPC's core group are drawn from the journey's stream first, as they
 * always were, so that the decisions are the ones the journey planned.
 */
static enum herr
conference(struct run *rn, int r)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct mtg *mt = g->mt;
	bool initial = r < 0;
	hday day = initial ? fe->icpc : fe->rcpc[r];
	bool ends = !initial && fe->cp_end == day &&
	    fe->cp_end_reason == PLANEND_NO_LONGER_AT_RISK;
	enum mtg_result res = initial ? (fe->cp ? RES_PLAN :
	    fe->cin_start == day ? RES_SUPPORT : RES_NONE) : !ends ?
	    RES_CONTINUE : fe->step_down ? RES_END_SUPPORT : RES_END;
	struct journey_ctx cx;
	struct conference c;
	enum herr e;

	memset(&c, 0, sizeof(c));
	c.kind = initial ? CONF_INITIAL : CONF_REVIEW;
	c.held_date = day;
	c.notified_date = HDAY_NONE;
	c.chair_id = chair_on(g, day);
	c.n_children = rn->n;
	for (int i = 0; i < rn->n; i++) {
		struct conference_child *cc = &c.children[i];

		cc->child_id = rn->k[i].dc->c.id;
		cc->due_date = HDAY_NONE;
		if (initial) {
			cc->s47_id = rn->k[i].s47;
			cc->decision = fe->cp ? CDEC_PLAN : CDEC_NO_PLAN;
			cc->category = fe->cp ? fe->category : ABUSE_NONE;
		} else {
			cc->plan_id = rn->k[i].cp;
			cc->decision = ends ? CDEC_END : CDEC_CONTINUE;
			cc->category = ends ? ABUSE_NONE :
			    fe->rcpc_category[r];
			cc->end_reason = ends ? PLANEND_NO_LONGER_AT_RISK :
			    PLANEND_NONE;
			cc->step_down = ends && fe->step_down;
		}
	}
	if (initial) {
		if (fe->cp)
			core_pick(rn, day);
		case_setup(rn, fe->cp);
	}
	mtg_start(rn, mt, r, day, c.chair_id, true);
	if ((e = mtg_prepare(rn, mt, res == RES_PLAN || res == RES_CONTINUE)))
		return e;
	cx = ctx_at(g, mt->start + 100 * 60);
	if ((e = record_meeting_decide(g->st, mt->id, &c, mt->dissent_text,
	    mt->version, &cx, g->diag)))
		return refused(g, e, initial ? "initial conference" :
		    "review conference", &rn->k[0], day);
	mt->version++;
	g->stats->meetings++;
	if (initial) {
		g->stats->icpcs++;
		for (int i = 0; fe->cp && i < rn->n; i++)
			rn->k[i].cp = c.children[i].plan_id;
	} else {
		g->stats->rcpcs++;
		if (rn->n > 1)
			g->stats->joint++;
	}
	for (int i = 0; ends && fe->step_down && i < rn->n; i++)
		if ((e = find_cin_plan(rn, &rn->k[i], day)))
			return e;
	if ((e = mtg_write_up(rn, mt, res)) || (e = mtg_feedback(rn, mt)))
		return e;
	if (initial && fe->cp)
		return voice_work(rn, mt);
	return HERR_OK;
}

/*
 * The next conference when it is near (within six weeks of the as-of
 * date): booked, invitations out and the reports written so far, so that
 * the chairs' diaries and partners' lists have something to show.
 */
static enum herr
book_ahead(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	struct mtg *mt = g->mt;
	hday day, booked;
	int r;

	if (fe->cp && fe->cp_end == HDAY_NONE && fe->rcpc_next != HDAY_NONE &&
	    rn->cs.set) {
		r = fe->nrcpc;
		day = fe->rcpc_next;
	} else if (!fe->cp && fe->s47_done != HDAY_NONE &&
	    fe->s47_outcome == S47_CONFERENCE && fe->icpc == HDAY_NONE &&
	    fe->icpc_next != HDAY_NONE) {
		r = -1;
		day = fe->icpc_next > g->as_of + 1 ? fe->icpc_next :
		    g->as_of + (hday)mrange(g, 1, 7);
		case_setup(rn, false);
	} else {
		return HERR_OK;
	}
	day = wd_on_or_after(day);
	if (day > g->as_of + 42)
		return HERR_OK;
	mtg_start(rn, mt, r, day, holder_on(&g->chairs[mrange(g, 0,
	    g->nchairs - 1)], day, NULL), false);
	booked = mt->booked;
	if (booked > g->as_of)
		return HERR_OK;
	g->stats->meetings_booked++;
	return mtg_prepare(rn, mt, false);
}

/* A visit, core group or review for each child, under the plan of
 * `kind`.  Visits see most children, and most older ones alone. */
static enum herr
event_all(struct run *rn, enum plan_kind kind, enum event_kind ev, hday day)
{
	struct gen *g = rn->g;
	struct journey_ctx cx = ctx_on(g, day);
	struct plan_event e;
	enum herr rc;

	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];
		int age = kid_age(k->dc, day);

		memset(&e, 0, sizeof(e));
		e.child_id = k->dc->c.id;
		e.plan_id = kind == PLAN_CP ? k->cp : kind == PLAN_CIN ?
		    k->cin : k->lac;
		e.kind = ev;
		e.held_date = day;
		e.due_date = HDAY_NONE;
		if (ev == EVENT_VISIT || ev == EVENT_LAC_VISIT) {
			e.seen = age >= 0 && rng_chance(&g->rng, 0.95);
			e.seen_alone = e.seen && (age >= 8 ?
			    rng_chance(&g->rng, 0.8) : age >= 5 &&
			    rng_chance(&g->rng, 0.2));
		}
		if ((rc = record_event_add(g->st, &e, &cx, g->diag)))
			return refused(g, rc, event_kind_code(ev), k, day);
		g->stats->events[ev]++;
	}
	return HERR_OK;
}

static hday
after_interval(const struct interval *iv, hday from)
{
	hday out;

	return interval_add(iv, from, &out) == HERR_OK ? out : from + 28;
}

static hday
earliest_of(hday a, hday b)
{
	return a < b ? a : b;
}

/*
 * The CP plan's life: core groups (the first within 10 working days of the
 * ICPC, WT2023; then at the local interval), visits at the local interval,
 * the review conferences planned, and its end.
 */
static enum herr
run_cp(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	const struct intervals *iv = &g->iv;
	hday start = fe->icpc;
	hday end = fe->cp_end != HDAY_NONE ? fe->cp_end : NEVER;
	hday due = add_wd(start, 10);
	hday cg = rng_chance(&g->rng, 0.88) ?
	    add_wd(start, (int)rng_range(&g->rng, 3, 10)) :
	    add_wd(start, (int)rng_range(&g->rng, 11, 20));
	hday v = schedule(g, start, after_interval(&iv->cp_visit, start), 0.85,
	    3, 10, 0.1);
	int r = 0;
	enum herr e;

	if (due < g->as_of && due >= g->as_of - 28 && cg <= g->as_of &&
	    rng_chance(&g->rng, 0.2))
		cg = g->as_of + 1;
	for (;;) {
		hday rv = r < fe->nrcpc ? fe->rcpc[r] : NEVER;
		hday ev = earliest_of(cg, v);

		if (rv != NEVER && rv <= ev) {
			if ((e = conference(rn, r++)))
				return e;
			continue;
		}
		if (ev >= end || ev > g->as_of)
			break;
		if (ev == cg) {
			if ((e = event_all(rn, PLAN_CP, EVENT_CORE_GROUP, cg)))
				return e;
			cg = schedule(g, cg, after_interval(&iv->core_group,
			    cg), 0.85, 5, 15, 0.1);
		} else {
			if ((e = event_all(rn, PLAN_CP, EVENT_VISIT, v)))
				return e;
			v = schedule(g, v, after_interval(&iv->cp_visit, v),
			    0.85, 3, 10, 0.1);
		}
	}
	if (fe->cp_end == HDAY_NONE ||
	    fe->cp_end_reason == PLANEND_NO_LONGER_AT_RISK)
		return HERR_OK;
	struct journey_ctx cx = ctx_on(g, fe->cp_end);
	for (int i = 0; i < rn->n; i++)
		if ((e = record_plan_end(g->st, rn->k[i].dc->c.id,
		    rn->k[i].cp, fe->cp_end, fe->cp_end_reason, &cx, g->diag)))
			return refused(g, e, "CP plan end", &rn->k[i],
			    fe->cp_end);
	return HERR_OK;
}

/* A CIN plan's life: visits and reviews at the local intervals. */
static enum herr
run_cin(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	const struct intervals *iv = &g->iv;
	hday start = fe->cin_start;
	hday end = fe->cin_end != HDAY_NONE ? fe->cin_end : NEVER;
	struct journey_ctx cx = ctx_on(g, start);
	struct plan p;
	enum herr e;

	for (int i = 0; !fe->cin_auto && i < rn->n; i++) {
		struct kid *k = &rn->k[i];

		memset(&p, 0, sizeof(p));
		p.child_id = k->dc->c.id;
		p.episode_id = k->episode;
		p.kind = PLAN_CIN;
		p.start_date = start;
		p.end_date = HDAY_NONE;
		if ((e = record_cin_plan_start(g->st, &p, &cx, g->diag)))
			return refused(g, e, "CIN plan", k, start);
		k->cin = p.id;
	}
	hday v = schedule(g, start, after_interval(&iv->cin_visit, start),
	    0.85, 5, 14, 0.1);
	hday rv = schedule(g, start, after_interval(&iv->cin_review, start),
	    0.85, 10, 20, 0.1);
	for (;;) {
		hday ev = earliest_of(v, rv);

		if (ev >= end || ev > g->as_of)
			break;
		if (ev == rv) {
			if ((e = event_all(rn, PLAN_CIN, EVENT_CIN_REVIEW, rv)))
				return e;
			rv = schedule(g, rv, after_interval(&iv->cin_review,
			    rv), 0.85, 10, 20, 0.1);
		} else {
			if ((e = event_all(rn, PLAN_CIN, EVENT_VISIT, v)))
				return e;
			v = schedule(g, v, after_interval(&iv->cin_visit, v),
			    0.85, 5, 14, 0.1);
		}
	}
	if (fe->cin_end == HDAY_NONE)
		return HERR_OK;
	cx = ctx_on(g, fe->cin_end);
	for (int i = 0; i < rn->n; i++)
		if ((e = record_cin_plan_end(g->st, rn->k[i].dc->c.id,
		    rn->k[i].cin, fe->cin_end, &cx, g->diag)))
			return refused(g, e, "CIN plan end", &rn->k[i],
			    fe->cin_end);
	return HERR_OK;
}

/*
 * A looked-after episode: reviews within 20 working days, then 3 months,
 * then every 6 months (CPPCR 2010 reg 33); visits within a week, then
 * 6-weekly in the first year, then 3-monthly if the placement is meant to
 * last, else 6-weekly (reg 28).
 */
static enum herr
run_lac(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	hday start = fe->lac_start;
	hday end = fe->lac_end != HDAY_NONE ? fe->lac_end : NEVER;
	struct journey_ctx cx = ctx_on(g, start);
	struct plan p;
	int reviews = 0;
	enum herr e;

	for (int i = 0; i < rn->n; i++) {
		struct kid *k = &rn->k[i];

		memset(&p, 0, sizeof(p));
		p.child_id = k->dc->c.id;
		p.episode_id = k->episode;
		p.kind = PLAN_LAC;
		p.start_date = start;
		p.end_date = HDAY_NONE;
		put(p.legal_status, sizeof(p.legal_status), fe->legal);
		put(p.placement, sizeof(p.placement), fe->placement);
		p.long_term = fe->long_term;
		if ((e = record_lac_start(g->st, &p, &cx, g->diag)))
			return refused(g, e, "looked-after episode", k, start);
		k->lac = p.id;
	}
	hday v = schedule(g, start, start + 7, 0.85, 5, 10, 0.1);
	hday rv = schedule(g, start, add_wd(start, 20), 0.85, 5, 20, 0.1);
	for (;;) {
		hday ev = earliest_of(v, rv);

		if (ev >= end || ev > g->as_of)
			break;
		if (ev == rv) {
			if ((e = event_all(rn, PLAN_LAC, EVENT_LAC_REVIEW, rv)))
				return e;
			reviews++;
			rv = schedule(g, rv, hdate_add_months(rv, reviews == 1 ?
			    3 : 6), 0.85, 20, 20, 0.1);
		} else {
			if ((e = event_all(rn, PLAN_LAC, EVENT_LAC_VISIT, v)))
				return e;
			hday due = v < start + 365 || !fe->long_term ? v + 42 :
			    hdate_add_months(v, 3);
			v = schedule(g, v, due, 0.85, 7, 14, 0.1);
		}
	}
	if (fe->lac_end == HDAY_NONE)
		return HERR_OK;
	cx = ctx_on(g, fe->lac_end);
	for (int i = 0; i < rn->n; i++)
		if ((e = record_lac_end(g->st, rn->k[i].dc->c.id, rn->k[i].lac,
		    fe->lac_end, fe->lac_reason, &cx, g->diag)))
			return refused(g, e, "looked-after episode end",
			    &rn->k[i], fe->lac_end);
	return HERR_OK;
}

/* Family Safeguarding: adult specialists work with the whole family. */
static enum herr
allocate_specialists(struct gen *g, const struct fam_episode *fe,
    int64_t household, hday handover)
{
	const struct dteam *t = &g->teams[fe->c_team];
	struct allocation a;
	enum herr e;
	bool toxic;

	if (t->kind != TEAM_FAMILY_SAFEGUARDING)
		return HERR_OK;
	toxic = strcmp(fe->need, "N1") == 0 || strcmp(fe->need, "N4") == 0 ||
	    strcmp(fe->need, "N5") == 0;
	struct { enum staff_role role; double p; } offer[] = {
		{ ROLE_DA_VICTIM_WORKER, toxic ? 0.5 : 0.1 },
		{ ROLE_DA_PERPETRATOR_WORKER, toxic ? 0.35 : 0.05 },
		{ ROLE_MENTAL_HEALTH_WORKER, 0.35 },
		{ ROLE_SUBSTANCE_MISUSE_WORKER, 0.3 },
		{ ROLE_PROBATION_OFFICER, 0.08 },
	};
	for (size_t i = 0; i < sizeof(offer) / sizeof(offer[0]); i++) {
		if (!rng_chance(&g->rng, offer[i].p))
			continue;
		memset(&a, 0, sizeof(a));
		a.staff_id = t->specialist[offer[i].role];
		a.household_id = household;
		a.start_date = add_wd(handover, (int)rng_range(&g->rng, 1, 15));
		a.end_date = fe->closure;
		if (a.end_date != HDAY_NONE && a.end_date < a.start_date)
			a.start_date = a.end_date;
		if (a.start_date > g->as_of)
			continue;
		if ((e = record_allocation_add(g->st, &a, g->diag)) != HERR_OK)
			return e;
	}
	return HERR_OK;
}

/* The social workers: the assessment team's from the referral until the
 * case moves to a casework team (a plan or a conference), then the
 * casework team's until the episode closes. */
static enum herr
allocate_workers(struct run *rn)
{
	struct gen *g = rn->g;
	const struct fam_episode *fe = rn->fe;
	hday h = HDAY_NONE;
	enum herr e;

	if (happened(g, fe->cin_start))
		h = fe->cin_start;
	if (fe->cp && (h == HDAY_NONE || fe->icpc < h))
		h = fe->icpc;
	if (happened(g, fe->lac_start) && (h == HDAY_NONE || fe->lac_start < h))
		h = fe->lac_start;
	rn->handover = h;
	rn->casework = h != HDAY_NONE ? add_wd(h, 1) : HDAY_NONE;
	if (rn->casework != HDAY_NONE && (rn->casework > g->as_of ||
	    (fe->closure != HDAY_NONE && rn->casework > fe->closure)))
		rn->casework = HDAY_NONE;
	for (int i = 0; i < rn->n; i++) {
		int64_t child = rn->k[i].dc->c.id;

		if ((e = allocate_post(g, &g->teams[fe->a_team].sw[fe->a_post],
		    child, 0, fe->referral, rn->casework != HDAY_NONE ? h :
		    fe->closure)))
			return e;
		if (rn->casework != HDAY_NONE && (e = allocate_post(g,
		    &g->teams[fe->c_team].sw[fe->c_post], child, 0,
		    rn->casework, fe->closure)))
			return e;
	}
	if (rn->casework == HDAY_NONE)
		return HERR_OK;
	return allocate_specialists(g, fe, rn->f->household, h);
}

static void
count(struct run *rn)
{
	const struct fam_episode *fe = rn->fe;
	struct demo_stats *s = rn->g->stats;
	const struct gen *g = rn->g;
	int64_t n = rn->n;

	if (fe->decided == HDAY_NONE)
		s->awaiting_decision += n;
	if (happened(g, fe->assess_start)) {
		s->assessments += n;
		if (fe->assessed == HDAY_NONE)
			s->assessments_open += n;
	}
	if (happened(g, fe->strategy)) {
		s->strategies += n;
		if (fe->s47) {
			s->s47s += n;
			if (fe->s47_done == HDAY_NONE)
				s->s47s_open += n;
			else
				s->s47_outcomes[fe->s47_outcome] += n;
		}
	}
	if (fe->s47_done != HDAY_NONE && fe->s47_outcome == S47_CONFERENCE &&
	    fe->icpc == HDAY_NONE)
		s->awaiting_icpc += n;
	if (fe->icpc != HDAY_NONE && n > 1)
		s->joint++;
	if (fe->cp) {
		s->cp_plans += n;
		s->cp_category[fe->category] += n;
		if (fe->cp_end == HDAY_NONE)
			s->cp_open += n;
		if (fe->step_down)
			s->cp_step_down += n;
	}
	if (fe->cin_start != HDAY_NONE) {
		s->cin_plans += n;
		if (fe->cin_end == HDAY_NONE)
			s->cin_open += n;
	}
	if (fe->lac_start != HDAY_NONE) {
		s->lac += n;
		if (fe->lac_end == HDAY_NONE)
			s->lac_open += n;
	}
}

/*
 * Record the planned referral fe for the children in[n] of family f: each
 * child's episode, opened; their workers; then every step in date order
 * through the record_* journey functions; then the closure.
 */
static enum herr
apply_episode(struct gen *g, struct family *f, const struct fam_episode *fe,
    const int *in, int n)
{
	struct run rn;
	struct journey_ctx cx;
	enum herr e;

	memset(&rn, 0, sizeof(rn));
	rn.g = g;
	rn.f = f;
	rn.fe = fe;
	rn.n = n;
	for (int i = 0; i < n; i++) {
		struct kid *k = &rn.k[i];
		struct cin_episode ep;

		k->dc = &f->kids[in[i]];
		cin_episode_init(&ep);
		ep.child_id = k->dc->c.id;
		ep.referral_date = fe->referral;
		put(ep.referral_source, sizeof(ep.referral_source),
		    fe->source);
		put(ep.primary_need, sizeof(ep.primary_need), fe->need);
		if ((e = record_cin_episode_add(g->st, &ep, g->as_of, g->diag)))
			return refused(g, e, "referral", k, fe->referral);
		k->episode = ep.id;
		k->episode_version = ep.version ? ep.version : 1;
		k->dc->episodes++;
	}
	if (!fe->closed_by_decision && (e = allocate_workers(&rn)))
		return e;
	count(&rn);

	/* The decision (WT2023: within 1 working day). */
	if (fe->decided == HDAY_NONE)
		return HERR_OK;
	cx = ctx_on(g, fe->decided);
	for (int i = 0; i < n; i++) {
		struct kid *k = &rn.k[i];
		struct referral r;

		memset(&r, 0, sizeof(r));
		r.episode_id = k->episode;
		r.version = k->episode_version;
		r.contact_date = HDAY_NONE;
		put(r.reason, sizeof(r.reason), fe->reason_text);
		r.decision = fe->decision;
		r.decision_date = fe->decided;
		if ((e = record_referral_decide(g->st, k->dc->c.id, &r,
		    k->episode_version, &cx, g->diag)))
			return refused(g, e, "referral decision", k,
			    fe->decided);
	}
	if (fe->closed_by_decision)
		return HERR_OK;

	/* Assessment, strategy discussion and section 47. */
	bool direct = fe->decision == DECISION_STRATEGY;
	if (!direct && happened(g, fe->assess_start)) {
		if ((e = assessment_start(&rn, fe->assess_start)))
			return e;
		if (happened(g, fe->assessed) &&
		    (e = assessment_authorise(&rn)))
			return e;
	}
	if (happened(g, fe->strategy)) {
		if ((e = record_strategy(&rn)))
			return e;
		if (direct && (e = assessment_start(&rn, fe->strategy)))
			return e;
	}
	if (fe->s47 && happened(g, fe->s47_done) && (e = s47_outcome(&rn)))
		return e;
	if (direct && happened(g, fe->assessed) &&
	    (e = assessment_authorise(&rn)))
		return e;

	/* Conferences and plans, each in its turn. */
	if (happened(g, fe->icpc) && (e = conference(&rn, -1)))
		return e;
	if (fe->cp) {
		for (int i = 0; i < n; i++)
			if (rn.k[i].dc->cp_plans++ > 0)
				g->stats->cp_repeat++;
		if ((e = run_cp(&rn)))
			return e;
	}
	if (happened(g, fe->cin_start) && (e = run_cin(&rn)))
		return e;
	if (happened(g, fe->lac_start) && (e = run_lac(&rn)))
		return e;
	if (!happened(g, fe->closure))
		return book_ahead(&rn);
	cx = ctx_on(g, fe->closure);
	for (int i = 0; i < n; i++)
		if ((e = record_episode_close(g->st, rn.k[i].dc->c.id,
		    rn.k[i].episode, fe->closure, fe->reason, &cx, g->diag)))
			return refused(g, e, "closure", &rn.k[i], fe->closure);
	return HERR_OK;
}

static hday
age_to_dob(struct gen *g, int age)
{
	return g->as_of - (hday)(age * 365 + rng_range(&g->rng, 0, 364));
}

/* Plan and record one referral of the family on day r for the children
 * in[n]. */
static enum herr
referral(struct gen *g, struct family *f, struct fam_facts *ff,
    struct fam_episode *fe, hday r, const int *in, int n)
{
	int eldest = 0;

	ff->born_by = HDAY_NONE;
	for (int i = 0; i < n; i++) {
		const struct child *c = &f->kids[in[i]].c;
		hday born = c->birth_date != HDAY_NONE ? c->birth_date :
		    c->expected_birth_date;
		int a = kid_age(&f->kids[in[i]], r);

		if (a > eldest)
			eldest = a;
		if (ff->born_by == HDAY_NONE || born > ff->born_by)
			ff->born_by = born;
	}
	ff->known = ff->troubled || ff->had_plan;
	ff->nkids = n;
	ff->lac_ok = n == 1 && eldest >= 11;
	plan_episode(g, fe, r, ff, eldest);
	if (n > 0) {
		enum herr e = apply_episode(g, f, fe, in, n);

		if (e != HERR_OK)
			return e;
	}
	if (fe->cp)
		ff->had_plan = true;
	return HERR_OK;
}

/* One household: people, relationships, history.  Adds up to `want`
 * children; *made says how many. */
static enum herr
make_family(struct gen *g, int want, int *made)
{
	static const double size_w[] = { 40, 30, 17, 8, 3, 2 };
	/* Age at as-of of children in need, years 0..17. */
	static const double age_w[] = { 9, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7,
	    7, 7, 6, 5, 3 };
	struct family *f = xcalloc(1, sizeof(*f));
	struct dchild *kids = f->kids;
	struct fam_episode fe;
	struct fam_facts ff;
	struct household h;
	struct adult other;
	const char *family = PICK(g, family_names);
	const char *eth = ethnicities[rng_weighted(&g->rng, ethnicity_w, 20)];
	int n = 1 + rng_weighted(&g->rng, size_w, 6), nfe = 0;
	bool has_mother = rng_chance(&g->rng, 0.96);
	hday eldest, start;
	enum herr e = HERR_OK;

	if (n > want)
		n = want;
	f->n = n;
	f->has_mother = has_mother;
	/* Ages: the eldest first, siblings 1-4 years apart. */
	int age = rng_weighted(&g->rng, age_w, 18);
	if (age < n - 1)
		age = n - 1;
	bool unborn_last = rng_chance(&g->rng, 0.03);
	memset(&h, 0, sizeof(h));
	snprintf(h.name, sizeof(h.name), "%s household", family);
	snprintf(h.postcode, sizeof(h.postcode), "AV%d %d%c%c",
	    (int)rng_range(&g->rng, 1, 19), (int)rng_range(&g->rng, 1, 9),
	    "ABDEFGHJLNPQRSTUWXYZ"[rng_range(&g->rng, 0, 19)],
	    "ABDEFGHJLNPQRSTUWXYZ"[rng_range(&g->rng, 0, 19)]);
	if ((e = record_household_add(g->st, &h, g->diag)) != HERR_OK)
		goto out;
	f->household = h.id;
	for (int i = 0; i < n; i++) {
		bool unborn = unborn_last && i == n - 1 && n > 0;
		hday dob;

		if (unborn)
			dob = g->as_of + (hday)rng_range(&g->rng, 14, 200);
		else
			dob = age_to_dob(g, age);
		if ((e = make_child(g, &kids[i], family, eth, dob, unborn)))
			goto out;
		age -= (int)rng_range(&g->rng, 1, 4);
		if (age < 0)
			age = 0;
	}
	eldest = kids[0].c.birth_date != HDAY_NONE ? kids[0].c.birth_date :
	    kids[0].c.expected_birth_date;
	start = eldest < g->as_of ? eldest : g->as_of;
	/* The adults around the children. */
	if (has_mother) {
		if ((e = add_adult(g, &f->mother, true, family, eldest -
		    (hday)rng_range(&g->rng, 17 * 365, 38 * 365))) ||
		    (e = store_household_member_add(g->st, h.id, f->mother.id,
		    start, HDAY_NONE, g->diag)))
			goto out;
	}
	bool has_father = rng_chance(&g->rng, 0.75);
	bool father_home = has_father && rng_chance(&g->rng, 0.45);
	f->has_father = has_father;
	f->father_home = father_home;
	if (has_father && (e = add_adult(g, &f->father, false, family, eldest -
	    (hday)rng_range(&g->rng, 18 * 365, 45 * 365))))
		goto out;
	if (father_home && (e = store_household_member_add(g->st, h.id,
	    f->father.id, start, HDAY_NONE, g->diag)))
		goto out;
	bool has_partner = has_mother && !father_home &&
	    rng_chance(&g->rng, 0.2);
	bool has_gran = !has_mother || rng_chance(&g->rng, 0.2);
	if (has_partner) {
		hday since = date_between(g, start, g->as_of);

		if ((e = add_adult(g, &other, false, PICK(g, family_names),
		    f->mother.birth_date - (hday)rng_range(&g->rng, -5 * 365,
		    10 * 365))) || (e = store_household_member_add(g->st, h.id,
		    other.id, since, HDAY_NONE, g->diag)) ||
		    (e = relate(g, f->mother.id, other.id, REL_PARTNER, false,
		    since)))
			goto out;
	}
	for (int i = 0; i < n; i++) {
		struct dchild *dc = &kids[i];
		hday born = dc->c.birth_date;

		if (born != HDAY_NONE && (e = store_household_member_add(g->st,
		    h.id, dc->c.id, born, HDAY_NONE, g->diag)))
			goto out;
		if (has_mother && (e = relate(g, dc->c.id, f->mother.id,
		    REL_MOTHER, true, born)))
			goto out;
		if (has_father && (e = relate(g, dc->c.id, f->father.id,
		    REL_FATHER, rng_chance(&g->rng, 0.85), born)))
			goto out;
		if (has_partner && (e = relate(g, dc->c.id, other.id,
		    REL_STEP_PARENT, rng_chance(&g->rng, 0.05), HDAY_NONE)))
			goto out;
		for (int j = 0; j < i; j++)
			if ((e = relate(g, dc->c.id, kids[j].c.id, REL_SIBLING,
			    false, born)))
				goto out;
	}
	if (has_gran) {
		struct adult *gran = &f->gran;
		bool lives_here = !has_mother || rng_chance(&g->rng, 0.25);

		f->has_gran = true;
		if ((e = add_adult(g, gran, true, family, eldest -
		    (hday)rng_range(&g->rng, 38 * 365, 60 * 365))))
			goto out;
		if (lives_here && (e = store_household_member_add(g->st, h.id,
		    gran->id, start, HDAY_NONE, g->diag)))
			goto out;
		for (int i = 0; i < n; i++)
			if ((e = relate(g, kids[i].c.id, gran->id,
			    REL_GRANDPARENT, !has_mother &&
			    rng_chance(&g->rng, 0.6), HDAY_NONE)))
				goto out;
	}

	/* The family's referral history, from up to a year before the
	 * window (so some episodes were already open when it began), each
	 * referral recorded for the children it concerned.  A few families'
	 * difficulties go back years: their history starts earlier, comes
	 * back more often and reaches child protection sooner, which is
	 * where most repeat plans come from. */
	memset(&ff, 0, sizeof(ff));
	ff.disabled = kids[0].c.n_disabilities > 0 &&
	    strcmp(kids[0].c.disabilities[0], "NONE") != 0;
	ff.troubled = rng_chance(&g->rng, 0.1);
	hday r = date_between(g, g->window - (ff.troubled ? 3 * 365 : 365),
	    g->as_of);
	while (r <= g->as_of && nfe < FAMILY_EPISODES_MAX) {
		int in[FAMILY_CHILDREN_MAX], nin = 0;

		r = working(r, g->as_of);
		for (int i = 0; i < n; i++) {
			if (r < kids[i].earliest)
				continue;
			if (kids[i].episodes > 0 && !rng_chance(&g->rng, 0.92))
				continue;
			in[nin++] = i;
		}
		if ((e = referral(g, f, &ff, &fe, r, in, nin)))
			goto out;
		nfe++;
		if (fe.closure == HDAY_NONE)
			break;
		/* Calibrated so that about 22% of referrals are re-referrals
		 * within 12 months of the one before. */
		if (ff.known && rng_chance(&g->rng, 0.8))
			r = fe.closure + (hday)rng_range(&g->rng, 14, 365);
		else if (rng_chance(&g->rng, 0.5))
			r = fe.closure + (hday)rng_range(&g->rng, 7, 240);
		else if (rng_chance(&g->rng, 0.15))
			r = fe.closure + (hday)rng_range(&g->rng, 366, 1000);
		else
			break;
	}
	/* A child the family's history did not reach (a baby born since,
	 * an unborn child) has a referral of their own. */
	for (int i = 0; i < n; i++) {
		struct dchild *dc = &kids[i];
		hday from;

		if (dc->episodes > 0)
			continue;
		from = dc->earliest > g->window ? dc->earliest : g->window;
		if (from > g->as_of)
			from = g->as_of;
		ff.disabled = false;
		if ((e = referral(g, f, &ff, &fe, working(date_between(g, from,
		    g->as_of), g->as_of), &i, 1)))
			goto out;
	}
	/* The steps were written with their due items deferred: each
	 * child's items now, from the whole history. */
	for (int i = 0; i < n; i++)
		if ((e = record_due_refresh(g->st, kids[i].c.id, &g->iv,
		    g->diag)) != HERR_OK)
			goto out;
	*made = n;
out:
	free(f);
	return e;
}

/* ------------------------------------------------------------- the whole */

static enum herr
check_options(const struct demo_options *o, struct hdiag *diag)
{
	char b[HDATE_LEN];
	int y, m, d;

	if (o->children < 1 || o->children > DEMO_CHILDREN_MAX)
		return hdiag_set(diag, HERR_INVALID, "children", "",
		    "The number of children must be from 1 to %d",
		    DEMO_CHILDREN_MAX);
	hdate_to_ymd(o->as_of, &y, &m, &d);
	if (y < CALENDAR_FIRST_YEAR + HISTORY_YEARS ||
	    y > CALENDAR_LAST_YEAR - 2)
		return hdiag_set(diag, HERR_INVALID, "as_of",
		    hdate_format(o->as_of, b), "The demo's date %s must be in "
		    "the years %d to %d", b, CALENDAR_FIRST_YEAR +
		    HISTORY_YEARS, CALENDAR_LAST_YEAR - 2);
	return HERR_OK;
}

static enum herr
write_settings(struct gen *g, const struct demo_options *o)
{
	struct store_referral_counts rc;
	char v[64];
	enum herr e;

	/* The child population that makes the referral rate national. */
	if ((e = store_referral_counts(g->st, hdate_add_months(g->as_of, -12) +
	    1, g->as_of, &rc)) != HERR_OK)
		return e;
	snprintf(v, sizeof(v), "%lld", (long long)(rc.referrals * 10000.0 /
	    RATE_REFERRALS_PER_10K + 0.5));
	if ((e = store_setting_set(g->st, "child_population", v)))
		return e;
	if ((e = store_setting_set(g->st, "authority_name", DEMO_NAME)))
		return e;
	snprintf(v, sizeof(v), "%d", DEMO_LA_CODE);
	if ((e = store_setting_set(g->st, "la_code", v)))
		return e;
	if ((e = store_setting_set(g->st, "demo_as_of", hdate_format(o->as_of,
	    v))))
		return e;
	snprintf(v, sizeof(v), "%llu", (unsigned long long)o->seed);
	return store_setting_set(g->st, "demo_seed", v);
}

enum herr
demo_generate(struct store *st, const struct demo_options *o,
    struct demo_stats *stats, struct hdiag *diag)
{
	struct demo_stats scratch;
	struct store_counts counts;
	struct gen g;
	enum herr e;
	int64_t made = 0;

	if ((e = check_options(o, diag)) != HERR_OK)
		return e;
	if ((e = store_counts(st, &counts)) != HERR_OK)
		return e;
	if (counts.children > 0 || counts.staff > 0)
		return hdiag_set(diag, HERR_INVALID, "db", "",
		    "The database already holds %lld children and %lld staff: "
		    "the demo needs an empty database",
		    (long long)counts.children, (long long)counts.staff);
	memset(&g, 0, sizeof(g));
	g.st = st;
	g.diag = diag;
	g.as_of = o->as_of;
	g.window = hdate_add_months(o->as_of, -36);
	g.stats = stats ? stats : &scratch;
	memset(g.stats, 0, sizeof(*g.stats));
	rng_init(&g.rng, o->seed);
	rng_init(&g.mr, o->seed ^ UINT64_C(0x6d656574696e6773));
	g.j = journey_new();
	g.m = meeting_new();
	g.map = sos_map_new();
	g.mt = xcalloc(1, sizeof(*g.mt));
	if ((e = store_intervals_get(st, &g.iv, diag)) != HERR_OK)
		goto out;
	if ((e = store_begin(st)) != HERR_OK)
		goto out;
	if ((e = make_workforce(&g, o->children)) != HERR_OK)
		goto fail;
	while (made < o->children) {
		int n = 0;

		if ((e = make_family(&g, (int)(o->children - made < 6 ?
		    o->children - made : 6), &n)) != HERR_OK)
			goto fail;
		made += n;
	}
	if ((e = write_settings(&g, o)) != HERR_OK)
		goto fail;
	e = store_commit(st);
	goto out;
fail:
	store_rollback(st);
out:
	journey_free(g.j);
	meeting_free(g.m);
	sos_map_free(g.map);
	free(g.mt);
	free(g.teams);
	free(g.assessment);
	free(g.casework);
	free(g.names);
	free(g.police_staff);
	free(g.health_staff);
	free(g.school_staff);
	free(g.chairs);
	return e;
}
