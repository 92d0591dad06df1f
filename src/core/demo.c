/*
 * demo.c: generate the demo authority (see demo.h for what it contains and
 * which national rates it follows).
 *
 * The shape: the workforce first (agencies, teams whose posts change hands
 * over the three years), then households one at a time: the people, their
 * relationships, a family referral history (referral, assessment, then no
 * further action, early help or a period as a child in need, and perhaps a
 * re-referral), each episode applied to the children it concerned and
 * allocated to a worker who was in post on the day.  Siblings are referred
 * together and share their worker, as in practice.
 *
 * Everything is written through core/record.h inside one transaction.  The
 * only randomness is struct rng seeded from the options, and iteration order
 * is fixed, so the same seed and as-of date give the same rows.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/codes.h"
#include "core/demo.h"
#include "core/demo_names.h"
#include "core/mem.h"
#include "core/record.h"
#include "core/rng.h"
#include "core/text.h"
#include "store/store.h"
#include "core/banned.h"

#define DEMO_LA_CODE 873	/* the UPN LA code of the demo's schools */
#define DEMO_NAME "Ashdown Vale Council (demo authority)"
#define SLOTS_PER_TEAM 6	/* social worker posts per casework team */
#define HOLDERS_MAX 4		/* successive holders of one post */
#define FAMILY_CHILDREN_MAX 6
#define FAMILY_EPISODES_MAX 12

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
	struct post sw[SLOTS_PER_TEAM];
	int nsw;
	/* Family Safeguarding adult specialists, by role (0 if none). */
	int64_t specialist[ROLE__COUNT];
};

/* One referral of a family, before it is applied to each child. */
struct fam_episode {
	hday referral, assessed, closure;	/* HDAY_NONE: not (yet) */
	bool nfa;
	const char *source, *need, *reason;
	int a_team, a_post;	/* assessment team and post */
	int c_team, c_post;	/* casework team and post (-1 if none) */
};

struct gen {
	struct store *st;
	struct rng rng;
	struct hdiag *diag;
	hday as_of, window;	/* history runs from window to as_of */
	int64_t next_child, next_staff_no;
	int64_t la, police, health, mental_health, education, probation,
	    recovery, womens_aid;
	struct dteam *teams;		/* cap_teams of them */
	int nteams, cap_teams;
	int *assessment, nassessment;	/* indexes into teams */
	int *casework, ncasework;
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
	struct post manager;
	struct dteam *dt;
	enum herr e;
	int ix;

	if ((e = add_team(g, name, kind, &ix)) != HERR_OK)
		return e;
	dt = &g->teams[ix];
	if ((e = fill_post(g, &manager, ROLE_TEAM_MANAGER, g->la, dt->id)) !=
	    HERR_OK)
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

/* A team of `n` people in `role` (plus a manager if `managed`). */
static enum herr
add_service_team(struct gen *g, const char *name, enum team_kind kind,
    enum staff_role role, int64_t agency, int n, bool managed)
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
		if ((e = fill_post(g, &p, role, agency, g->teams[ix].id)) !=
		    HERR_OK)
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
	if ((e = add_service_team(g, "Children in Care Team",
	    TEAM_CHILDREN_IN_CARE, ROLE_SOCIAL_WORKER, g->la,
	    scaled(children, 400, 2), true)) ||
	    (e = add_service_team(g, "Safeguarding and Conference Service",
	    TEAM_CONFERENCE, ROLE_CP_CHAIR, g->la, scaled(children, 350, 2),
	    true)) ||
	    (e = add_service_team(g, "Family Group Conference Service",
	    TEAM_FGC, ROLE_FGC_COORDINATOR, g->la, scaled(children, 500, 2),
	    true)) ||
	    (e = add_service_team(g, "Performance and Insight",
	    TEAM_PERFORMANCE, ROLE_PERFORMANCE_ANALYST, g->la,
	    scaled(children, 5000, 2), false)) ||
	    (e = add_service_team(g, "Business Support", TEAM_OTHER,
	    ROLE_ADMINISTRATOR, g->la, scaled(children, 5000, 2), false)))
		return e;
	/* Partner-agency practitioners belong to their agency, not a team. */
	struct { int64_t agency; int per; } partners[] = {
		{ g->police, 600 }, { g->health, 500 }, { g->education, 500 },
		{ g->womens_aid, 3000 },
	};
	for (size_t i = 0; i < sizeof(partners) / sizeof(partners[0]); i++)
		for (int k = 0; k < scaled(children, partners[i].per, 2); k++) {
			int64_t id;

			if ((e = add_staff(g, ROLE_PARTNER_PRACTITIONER,
			    partners[i].agency, 0, HDAY_NONE, HDAY_NONE, &id)))
				return e;
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

/* Plan one family referral starting on day r. */
static void
plan_episode(struct gen *g, struct fam_episode *fe, hday r, bool disabled)
{
	double nw[10];

	memset(fe, 0, sizeof(*fe));
	fe->referral = r;
	fe->assessed = fe->closure = HDAY_NONE;
	fe->c_team = fe->c_post = -1;
	fe->source = sources[rng_weighted(&g->rng, source_w, NAMES_N(sources))];
	memcpy(nw, need_w, sizeof(nw));
	if (disabled)
		nw[1] *= 4;	/* child's disability is more often the need */
	fe->need = needs[rng_weighted(&g->rng, nw, 10)];
	fe->a_team = g->assessment[rng_range(&g->rng, 0, g->nassessment - 1)];
	fe->a_post = (int)rng_range(&g->rng, 0,
	    g->teams[fe->a_team].nsw - 1);
	/* About 7% of referrals lead to no further action. */
	if (rng_chance(&g->rng, 0.07)) {
		fe->nfa = true;
		fe->need = rng_chance(&g->rng, 0.5) ? "" : "N9";
		fe->closure = r;
		fe->reason = "RC8";
		return;
	}
	/* Assessments: most within 45 working days, some late. */
	fe->assessed = add_wd(r, rng_chance(&g->rng, 0.86) ?
	    (int)rng_range(&g->rng, 8, 45) : (int)rng_range(&g->rng, 46, 75));
	if (fe->assessed > g->as_of) {
		fe->assessed = HDAY_NONE;
		return;
	}
	double outcome = rng_unit(&g->rng);
	if (outcome < 0.33) {
		fe->closure = fe->assessed;
		fe->reason = "RC8";
		return;
	}
	if (outcome < 0.42) {
		fe->closure = fe->assessed;
		fe->reason = "RC9";
		return;
	}
	/* A child in need: a casework team for months, sometimes years. */
	fe->c_team = g->casework[rng_range(&g->rng, 0, g->ncasework - 1)];
	fe->c_post = (int)rng_range(&g->rng, 0, g->teams[fe->c_team].nsw - 1);
	hday end = hdate_add_months(fe->assessed, (int)rng_range(&g->rng, 3,
	    rng_chance(&g->rng, 0.8) ? 18 : 36));
	end = working(end + (hday)rng_range(&g->rng, 0, 27), end + 40);
	if (end > g->as_of)
		return;
	static const char *const reasons[] = { "RC7", "RC5", "RC3", "RC4" };
	static const double reason_w[] = { 88, 6, 3, 3 };
	fe->closure = end;
	fe->reason = reasons[rng_weighted(&g->rng, reason_w, 4)];
}

/* ---------------------------------------------------------------- family */

struct dchild {
	struct child c;
	hday earliest;		/* earliest valid referral (8606) */
	int episodes;
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
	dc->earliest = dob - 40 * 7 + 1;
	dc->episodes = 0;
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

/* Record fe for one child and allocate its workers. */
static enum herr
apply_episode(struct gen *g, const struct fam_episode *fe,
    struct dchild *dc)
{
	struct cin_episode ep;
	enum herr e;
	const struct post *ap = &g->teams[fe->a_team].sw[fe->a_post];

	cin_episode_init(&ep);
	ep.child_id = dc->c.id;
	ep.referral_date = fe->referral;
	ep.referral_nfa = fe->nfa;
	put(ep.referral_source, sizeof(ep.referral_source),
	    fe->source);
	put(ep.primary_need, sizeof(ep.primary_need),
	    fe->need);
	ep.closure_date = fe->closure;
	if (fe->reason)
		put(ep.closure_reason,
		    sizeof(ep.closure_reason), fe->reason);
	if ((e = record_cin_episode_add(g->st, &ep, g->as_of, g->diag)) !=
	    HERR_OK)
		return e;
	dc->episodes++;
	if (fe->nfa)
		return HERR_OK;
	/* Assessment team from referral to assessment (or still assessing). */
	if ((e = allocate_post(g, ap, dc->c.id, 0, fe->referral,
	    fe->assessed != HDAY_NONE && fe->c_team < 0 ? fe->closure :
	    fe->assessed)) != HERR_OK)
		return e;
	if (fe->c_team < 0)
		return HERR_OK;
	return allocate_post(g, &g->teams[fe->c_team].sw[fe->c_post],
	    dc->c.id, 0, add_wd(fe->assessed, 1), fe->closure);
}

/* Family Safeguarding: adult specialists work with the whole family. */
static enum herr
allocate_specialists(struct gen *g, const struct fam_episode *fe,
    int64_t household)
{
	const struct dteam *t;
	struct allocation a;
	enum herr e;
	bool toxic;

	if (fe->c_team < 0)
		return HERR_OK;
	t = &g->teams[fe->c_team];
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
		a.start_date = add_wd(fe->assessed, (int)rng_range(&g->rng, 1,
		    15));
		a.end_date = fe->closure;
		if (a.end_date != HDAY_NONE && a.end_date < a.start_date)
			a.start_date = a.end_date;
		if ((e = record_allocation_add(g->st, &a, g->diag)) != HERR_OK)
			return e;
	}
	return HERR_OK;
}

static hday
age_to_dob(struct gen *g, int age)
{
	return g->as_of - (hday)(age * 365 + rng_range(&g->rng, 0, 364));
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
	struct dchild kids[FAMILY_CHILDREN_MAX];
	struct fam_episode fes[FAMILY_EPISODES_MAX];
	struct household h;
	struct adult mother, father, other;
	const char *family = PICK(g, family_names);
	const char *eth = ethnicities[rng_weighted(&g->rng, ethnicity_w, 20)];
	int n = 1 + rng_weighted(&g->rng, size_w, 6), nfe = 0;
	bool has_mother = rng_chance(&g->rng, 0.96);
	hday eldest, start;
	enum herr e;

	if (n > want)
		n = want;
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
		return e;
	for (int i = 0; i < n; i++) {
		bool unborn = unborn_last && i == n - 1 && n > 0;
		hday dob;

		if (unborn)
			dob = g->as_of + (hday)rng_range(&g->rng, 14, 200);
		else
			dob = age_to_dob(g, age);
		if ((e = make_child(g, &kids[i], family, eth, dob, unborn)))
			return e;
		age -= (int)rng_range(&g->rng, 1, 4);
		if (age < 0)
			age = 0;
	}
	eldest = kids[0].c.birth_date != HDAY_NONE ? kids[0].c.birth_date :
	    kids[0].c.expected_birth_date;
	start = eldest < g->as_of ? eldest : g->as_of;
	/* The adults around the children. */
	if (has_mother) {
		if ((e = add_adult(g, &mother, true, family, eldest -
		    (hday)rng_range(&g->rng, 17 * 365, 38 * 365))) ||
		    (e = store_household_member_add(g->st, h.id, mother.id,
		    start, HDAY_NONE, g->diag)))
			return e;
	}
	bool has_father = rng_chance(&g->rng, 0.75);
	bool father_home = has_father && rng_chance(&g->rng, 0.45);
	if (has_father && (e = add_adult(g, &father, false, family, eldest -
	    (hday)rng_range(&g->rng, 18 * 365, 45 * 365))))
		return e;
	if (father_home && (e = store_household_member_add(g->st, h.id,
	    father.id, start, HDAY_NONE, g->diag)))
		return e;
	bool has_partner = has_mother && !father_home &&
	    rng_chance(&g->rng, 0.2);
	bool has_gran = !has_mother || rng_chance(&g->rng, 0.2);
	if (has_partner) {
		hday since = date_between(g, start, g->as_of);

		if ((e = add_adult(g, &other, false, PICK(g, family_names),
		    mother.birth_date - (hday)rng_range(&g->rng, -5 * 365,
		    10 * 365))) || (e = store_household_member_add(g->st, h.id,
		    other.id, since, HDAY_NONE, g->diag)) ||
		    (e = relate(g, mother.id, other.id, REL_PARTNER, false,
		    since)))
			return e;
	}
	for (int i = 0; i < n; i++) {
		struct dchild *dc = &kids[i];
		hday born = dc->c.birth_date;

		if (born != HDAY_NONE && (e = store_household_member_add(g->st,
		    h.id, dc->c.id, born, HDAY_NONE, g->diag)))
			return e;
		if (has_mother && (e = relate(g, dc->c.id, mother.id,
		    REL_MOTHER, true, born)))
			return e;
		if (has_father && (e = relate(g, dc->c.id, father.id,
		    REL_FATHER, rng_chance(&g->rng, 0.85), born)))
			return e;
		if (has_partner && (e = relate(g, dc->c.id, other.id,
		    REL_STEP_PARENT, rng_chance(&g->rng, 0.05), HDAY_NONE)))
			return e;
		for (int j = 0; j < i; j++)
			if ((e = relate(g, dc->c.id, kids[j].c.id, REL_SIBLING,
			    false, born)))
				return e;
	}
	if (has_gran) {
		struct adult gran;
		bool lives_here = !has_mother || rng_chance(&g->rng, 0.25);

		if ((e = add_adult(g, &gran, true, family, eldest -
		    (hday)rng_range(&g->rng, 38 * 365, 60 * 365))))
			return e;
		if (lives_here && (e = store_household_member_add(g->st, h.id,
		    gran.id, start, HDAY_NONE, g->diag)))
			return e;
		for (int i = 0; i < n; i++)
			if ((e = relate(g, kids[i].c.id, gran.id,
			    REL_GRANDPARENT, !has_mother &&
			    rng_chance(&g->rng, 0.6), HDAY_NONE)))
				return e;
	}

	/* The family's referral history, from up to a year before the
	 * window (so some episodes were already open when it began). */
	hday r = date_between(g, g->window - 365, g->as_of);
	bool disabled = kids[0].c.n_disabilities > 0 &&
	    strcmp(kids[0].c.disabilities[0], "NONE") != 0;
	while (r <= g->as_of && nfe < FAMILY_EPISODES_MAX) {
		r = working(r, g->as_of);
		plan_episode(g, &fes[nfe], r, disabled);
		struct fam_episode *fe = &fes[nfe++];

		if (fe->closure == HDAY_NONE)
			break;
		/* Calibrated so that about 22% of referrals are re-referrals
		 * within 12 months of the one before. */
		if (rng_chance(&g->rng, 0.55))
			r = fe->closure + (hday)rng_range(&g->rng, 7, 240);
		else if (rng_chance(&g->rng, 0.15))
			r = fe->closure + (hday)rng_range(&g->rng, 366, 1000);
		else
			break;
	}
	/* Apply each referral to the children it concerned. */
	for (int k = 0; k < nfe; k++) {
		const struct fam_episode *fe = &fes[k];

		for (int i = 0; i < n; i++) {
			struct dchild *dc = &kids[i];

			if (fe->referral < dc->earliest)
				continue;
			if (dc->episodes > 0 && !rng_chance(&g->rng, 0.92))
				continue;
			if ((e = apply_episode(g, fe, dc)) != HERR_OK)
				return e;
		}
		if ((e = allocate_specialists(g, fe, h.id)) != HERR_OK)
			return e;
	}
	/* A child the family's history did not reach (a baby born since,
	 * an unborn child) has a referral of their own. */
	for (int i = 0; i < n; i++) {
		struct dchild *dc = &kids[i];
		struct fam_episode solo;
		hday from;

		if (dc->episodes > 0)
			continue;
		from = dc->earliest > g->window ? dc->earliest : g->window;
		if (from > g->as_of)
			from = g->as_of;
		plan_episode(g, &solo, working(date_between(g, from, g->as_of),
		    g->as_of), false);
		if ((e = apply_episode(g, &solo, dc)) != HERR_OK)
			return e;
	}
	*made = n;
	return HERR_OK;
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
	if (y < CALENDAR_FIRST_YEAR + 5 || y > CALENDAR_LAST_YEAR - 2)
		return hdiag_set(diag, HERR_INVALID, "as_of",
		    hdate_format(o->as_of, b), "The demo's date %s must be in "
		    "the years %d to %d", b, CALENDAR_FIRST_YEAR + 5,
		    CALENDAR_LAST_YEAR - 2);
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
    struct hdiag *diag)
{
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
	rng_init(&g.rng, o->seed);
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
	free(g.teams);
	free(g.assessment);
	free(g.casework);
	return e;
}
