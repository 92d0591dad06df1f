/*
 * cmd_demo.c: `hearth demo`: create the demo authority, give one member of
 * staff in each role a password so that people can sign in and try it, and
 * print what it holds.  Every option is checked before the database is
 * touched.  The demo's passwords are printed for anyone to use: a demo
 * database must never hold real records.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/auth.h"
#include "core/demo.h"
#include "store/store.h"
#include "store/store_admin.h"
#include "store/store_auth.h"
#include "store/store_journey.h"
#include "core/banned.h"

/* The demo's shared password, and others to fall back on for anyone whose
 * username it contains (auth_password_check refuses those). */
static const char *const demo_passwords[] = {
	"ashdown-vale-demo", "hearth-demo-sign-in", "try-hearth-safely",
};

struct sign_in {
	enum staff_role role;
	char username[USERNAME_MAX + 1];
	const char *password;	/* static */
};

/*
 * For each role, the active member of staff with the lowest id, preferring
 * one with work to see on `as_of` (store_staff_first_in_role), gets a
 * password at the normal Argon2id cost and no second factor: they set it up
 * at their first sign-in.  One transaction; *n gets how many were given.
 */
static enum herr
give_sign_ins(struct store *st, hday as_of, struct sign_in out[ROLE__COUNT],
    int *n)
{
	char hash[AUTH_HASH_MAX];
	struct staff s;
	enum herr e;

	*n = 0;
	if ((e = auth_init()) != HERR_OK || (e = store_begin(st)) != HERR_OK)
		return e;
	for (int r = 0; r < ROLE__COUNT; r++) {
		const char *pw = NULL;

		if ((e = store_staff_first_in_role(st, (enum staff_role)r,
		    as_of, &s)) == HERR_NOTFOUND)
			continue;
		if (e != HERR_OK)
			goto out;
		for (size_t i = 0; pw == NULL && i < sizeof(demo_passwords) /
		    sizeof(demo_passwords[0]); i++)
			if (auth_password_check(demo_passwords[i], s.username,
			    NULL) == HERR_OK)
				pw = demo_passwords[i];
		if (pw == NULL)
			continue;
		if ((e = auth_password_hash(pw, hash)) != HERR_OK ||
		    (e = store_credential_set_password(st, s.id, hash,
		    auth_now())) != HERR_OK)
			goto out;
		out[*n].role = s.role;
		memcpy(out[*n].username, s.username, sizeof(s.username));
		out[*n].password = pw;
		(*n)++;
	}
	e = store_commit(st);
out:
	if (e != HERR_OK) {
		store_rollback(st);
		*n = 0;
	}
	return e;
}

static void
print_sign_ins(const struct sign_in *si, int n)
{
	int w = (int)strlen("username");

	for (int i = 0; i < n; i++)
		if ((int)strlen(si[i].username) > w)
			w = (int)strlen(si[i].username);
	printf("Sign in as (two-factor sign-in is set up at the first "
	    "sign-in):\n");
	printf("    %-36s %-*s %s\n", "role", w, "username", "password");
	for (int i = 0; i < n; i++)
		printf("    %-36s %-*s %s\n", role_label(si[i].role), w,
		    si[i].username, si[i].password);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static double
pct(int64_t part, int64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* Open due items past their due date, by step (store_due_each). */
struct overdue {
	int64_t n, by_step[STEP__COUNT];
};

static enum herr
count_overdue(void *arg, const struct store_due *d)
{
	struct overdue *o = arg;

	o->n++;
	if (d->item.step >= 0 && d->item.step < STEP__COUNT)
		o->by_step[d->item.step]++;
	return HERR_OK;
}

/* "N assessment, N icpc, ..." of the steps with any, into buf. */
static void
overdue_line(const struct overdue *o, char *buf, size_t cap)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int s = 0; s < STEP__COUNT && k < cap; s++) {
		int n;

		if (o->by_step[s] == 0)
			continue;
		n = snprintf(buf + k, cap - k, "%s%" PRId64 " %s",
		    k ? ", " : "", o->by_step[s],
		    due_step_code((enum due_step)s));
		if (n < 0)
			break;
		k += (size_t)n;
	}
}

/* What the authority holds; `as_of` is the end of the 12 months counted
 * and the day overdue work is counted on.  *children (may be NULL) gets
 * the number of children. */
static void
print_summary(struct store *st, hday as_of, int64_t *children)
{
	struct store_referral_counts rc;
	struct store_counts c;
	struct due_filter f;
	struct overdue od;
	char name[128], pop[32], asof[HDATE_LEN], line[512];
	int64_t population = 0;

	if (store_counts(st, &c) != HERR_OK ||
	    store_referral_counts(st, hdate_add_months(as_of, -12) + 1, as_of,
	    &rc) != HERR_OK)
		return;
	if (children)
		*children = c.children;
	if (store_setting_get(st, "authority_name", name, sizeof(name)) !=
	    HERR_OK)
		name[0] = '\0';
	if (store_setting_get(st, "child_population", pop, sizeof(pop)) ==
	    HERR_OK)
		(void)cli_int("child_population", pop, 0, INT64_MAX,
		    &population);
	printf("%s, as of %s\n", name[0] ? name : "hearth",
	    hdate_format(as_of, asof));
	printf("  children       %" PRId64 " in %" PRId64 " households, with %"
	    PRId64 " adults and %" PRId64 " relationships\n", c.children,
	    c.households, c.adults, c.relationships);
	printf("  staff          %" PRId64 " in %" PRId64 " teams, %" PRId64
	    " agencies\n", c.staff, c.teams, c.agencies);
	for (int r = 0; r < ROLE__COUNT; r++)
		printf("    %-36s %" PRId64 "\n", role_label(r),
		    c.staff_by_role[r]);
	printf("  teams\n");
	for (int k = 0; k < TEAM__COUNT; k++)
		if (c.teams_by_kind[k])
			printf("    %-42s %" PRId64 "\n", team_kind_label(k),
			    c.teams_by_kind[k]);
	printf("  CIN episodes   %" PRId64 " (%" PRId64 " open now), %" PRId64
	    " allocations\n", c.episodes, c.open_episodes, c.allocations);
	printf("  last 12 months %" PRId64 " referrals, %.1f%% re-referrals "
	    "within 12 months, %.1f%% no further action\n", rc.referrals,
	    pct(rc.rereferrals, rc.referrals), pct(rc.nfa, rc.referrals));
	if (population > 0)
		printf("  rates          child population %" PRId64 ": %.0f "
		    "referrals and %.0f children in need per 10,000\n",
		    population, 10000.0 * (double)rc.referrals /
		    (double)population, 10000.0 * (double)c.open_episodes /
		    (double)population);
	memset(&f, 0, sizeof(f));
	memset(&od, 0, sizeof(od));
	f.until = as_of - 1;
	f.today = as_of;
	if (store_due_each(st, &f, count_overdue, &od) == HERR_OK) {
		overdue_line(&od, line, sizeof(line));
		printf("  overdue now    %" PRId64 " steps past their due "
		    "date%s%s\n", od.n, od.n ? ": " : "", line);
	}
}

/* What the demo recorded of the child protection journey. */
static void
print_journey(const struct demo_stats *s)
{
	printf("  journey now    %" PRId64 " referrals awaiting a decision, %"
	    PRId64 " assessments, %" PRId64 " s47 enquiries in progress, %"
	    PRId64 " children awaiting an initial conference\n",
	    s->awaiting_decision, s->assessments_open, s->s47s_open,
	    s->awaiting_icpc);
	printf("  CP plans       %" PRId64 " open now; %" PRId64 " in all "
	    "(neglect %.0f%%, emotional %.0f%%, physical %.0f%%, sexual "
	    "%.0f%%, multiple %.0f%%), %.0f%% repeat plans, %" PRId64
	    " stepped down to CIN plans\n", s->cp_open, s->cp_plans,
	    pct(s->cp_category[ABUSE_NEGLECT], s->cp_plans),
	    pct(s->cp_category[ABUSE_EMOTIONAL], s->cp_plans),
	    pct(s->cp_category[ABUSE_PHYSICAL], s->cp_plans),
	    pct(s->cp_category[ABUSE_SEXUAL], s->cp_plans),
	    pct(s->cp_category[ABUSE_MULTIPLE], s->cp_plans),
	    pct(s->cp_repeat, s->cp_plans), s->cp_step_down);
	printf("  other plans    %" PRId64 " CIN plans open now (%" PRId64
	    " in all), %" PRId64 " children looked after now (%" PRId64
	    " in all)\n", s->cin_open, s->cin_plans, s->lac_open, s->lac);
	printf("  steps          %" PRId64 " assessments, %" PRId64
	    " strategy discussions, %" PRId64 " s47 enquiries (%.0f%% to "
	    "conference)\n", s->assessments, s->strategies, s->s47s,
	    pct(s->s47_outcomes[S47_CONFERENCE], s->s47s));
	printf("  conferences    %" PRId64 " initial and %" PRId64 " review "
	    "conferences, %" PRId64 " of them for two or more children\n",
	    s->icpcs, s->rcpcs, s->joint);
	printf("  meetings       %" PRId64 " visits, %" PRId64 " core groups, %"
	    PRId64 " CIN reviews, %" PRId64 " looked-after reviews and %"
	    PRId64 " visits\n", s->events[EVENT_VISIT],
	    s->events[EVENT_CORE_GROUP], s->events[EVENT_CIN_REVIEW],
	    s->events[EVENT_LAC_REVIEW], s->events[EVENT_LAC_VISIT]);
}

/* The conferences as meetings (measures.md, the conference model). */
static void
print_meetings(const struct demo_stats *s)
{
	int64_t children = 0, shared = s->reports_on_time + s->reports_late;

	for (int p = 0; p < PART__COUNT; p++)
		children += s->participation[p];
	printf("  as meetings    %" PRId64 " held and %" PRId64 " booked ahead; "
	    "%" PRId64 " invitations, %" PRId64 " threshold views\n",
	    s->meetings, s->meetings_booked, s->invitations, s->views);
	printf("  reports        %" PRId64 " of %" PRId64 " agency reports in "
	    "(%.0f%%); %.0f%% shared with the family on time, %.0f%% late, "
	    "%.0f%% not shared\n", s->reports, s->reports_expected,
	    pct(s->reports, s->reports_expected),
	    pct(s->reports_on_time, s->reports),
	    pct(s->reports_late, s->reports),
	    pct(s->reports - shared, s->reports));
	printf("  participation  %" PRId64 " children: %.0f%% attended, %.0f%% "
	    "views by other means, %.0f%% only through the social worker's "
	    "report, %.0f%% no view; %" PRId64 " advocates offered, %" PRId64
	    " accepted\n", children,
	    pct(s->participation[PART_ATTENDED], children),
	    pct(s->participation[PART_ADVOCATE] +
	    s->participation[PART_WRITTEN] + s->participation[PART_DRAWING] +
	    s->participation[PART_RECORDING] + s->participation[PART_APP],
	    children), pct(s->participation[PART_REPORT_ONLY], children),
	    pct(s->participation[PART_NONE], children), s->advocates_offered,
	    s->advocates_accepted);
	printf("  write-up       %" PRId64 " plans and %" PRId64 " minutes; "
	    "%" PRId64 " conferences' documents all sent, %.0f%% within 72 "
	    "hours\n", s->plans, s->minutes, s->sent,
	    pct(s->sent_72h, s->sent));
	printf("  feedback       %" PRId64 " from parents (%.0f%% of "
	    "conferences), %" PRId64 " from children\n", s->feedback_parent,
	    pct(s->feedback_parent, s->meetings), s->feedback_child);
	printf("  Signs of Safety %" PRId64 " map revisions, %" PRId64
	    " safety scale ratings, %" PRId64 " Three Houses, %" PRId64
	    " Words and Pictures\n", s->maps, s->ratings, s->three_houses,
	    s->words_pictures);
}

static int
run_demo(const struct cli_command *cmd, int argc, char **argv)
{
	struct demo_options o = { DEMO_CHILDREN_DEFAULT, 1, 0 };
	struct sign_in sign_ins[ROLE__COUNT];
	struct demo_stats stats;
	int n_sign_ins = 0;
	int64_t children = 0;
	double secs;
	const struct cli_option *opt;
	struct store *st = NULL;
	struct timespec t0;
	struct hdiag diag;
	const char *path;
	int64_t v;
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	o.as_of = hdate_today();
	if ((opt = cli_opt(cmd, "children"))->seen) {
		if (!cli_int("children", opt->value, 1, DEMO_CHILDREN_MAX, &v))
			return EXIT_BAD_INPUT;
		o.children = v;
	}
	if ((opt = cli_opt(cmd, "seed"))->seen) {
		if (!cli_int("seed", opt->value, 0, INT64_MAX, &v))
			return EXIT_BAD_INPUT;
		o.seed = (uint64_t)v;
	}
	if ((opt = cli_opt(cmd, "as-of"))->seen) {
		if (!cli_date("as-of", opt->value, &o.as_of))
			return EXIT_BAD_INPUT;
		if (o.as_of > hdate_today()) {
			fprintf(stderr, "hearth: --as-of %s is in the future: "
			    "the demo's history must end by today\n",
			    opt->value);
			return EXIT_BAD_INPUT;
		}
	}
	path = cli_db_path(cmd);
	hdiag_clear(&diag);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((e = store_open(path, STORE_MIGRATE | STORE_BULK, &st, NULL,
	    &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	if ((e = demo_generate(st, &o, &stats, &diag)) != HERR_OK) {
		store_close(st);
		return cli_fail(e, &diag);
	}
	secs = seconds_since(&t0);
	printf("Created the demo authority in %s.\n", path);
	print_summary(st, o.as_of, &children);
	print_journey(&stats);
	print_meetings(&stats);
	printf("  took           %.2f s (%.0f children a second)\n", secs,
	    secs > 0 ? (double)children / secs : 0.0);
	if (!cli_opt(cmd, "no-sign-ins")->seen) {
		if ((e = give_sign_ins(st, o.as_of, sign_ins, &n_sign_ins)) !=
		    HERR_OK) {
			store_close(st);
			return cli_fail(e, NULL);
		}
		print_sign_ins(sign_ins, n_sign_ins);
	}
	store_close(st);
	return EXIT_OK;
}

static struct cli_option demo_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ "children", "N", "how many children (default 1000, at most 1000000)" },
	{ "seed", "S", "random seed, 0 or more (default 1)" },
	{ "as-of", "DATE", "the demo's today, YYYY-MM-DD (default today)" },
	{ "no-sign-ins", NULL, "give nobody a password (for benchmarks)" },
	{ NULL },
};

const struct cli_command cmd_demo = {
	.name = "demo",
	.summary = "create a synthetic local authority to try hearth with",
	.usage = "demo [--db PATH] [--children N] [--seed S] [--as-of DATE] "
	    "[--no-sign-ins]",
	.description = "Creates the database if needed, then staff in every "
	    "role, assessment, children in\nneed and Family Safeguarding teams, "
	    "and children in households with three\nyears of referral history "
	    "at national rates.  Each referral is followed\nthrough the child "
	    "protection journey: the decision, assessment, strategy\n"
	    "discussions, section 47 enquiries, conferences, CP and CIN plans "
	    "with their\nvisits, core groups and reviews, and a few children "
	    "looked after; on the\ndemo's date children are at every stage and "
	    "some steps are overdue.  Every\nconference is a meeting: the "
	    "family and agencies invited, reports shared\nbefore the day, the "
	    "children's views, the family's Signs of Safety map and\nsafety "
	    "scales, the plan in the family's words, the minutes sent, and\n"
	    "feedback; the next ones are booked.  The database must hold no\n"
	    "children or staff yet.  The same seed and --as-of give the same\n"
	    "database (apart from the salts of the password hashes).\n\n"
	    "Then one member "
	    "of staff in each role, someone with work to see where\nthere is "
	    "one, gets a password, printed at the end, so that people can\n"
	    "sign in; they set up two-factor sign-in the first time.  The "
	    "passwords\nare public: never put real records in a demo "
	    "database.",
	.options = demo_opts,
	.run = run_demo,
};

static int
run_status(const struct cli_command *cmd, int argc, char **argv)
{
	struct store *st = NULL;
	struct hdiag diag;
	char asof[HDATE_LEN];
	hday as_of = hdate_today();
	enum herr e;
	int rc = cli_parse(cmd, argc, argv);

	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	hdiag_clear(&diag);
	if ((e = store_open(cli_db_path(cmd), 0, &st, NULL, &diag)) != HERR_OK)
		return cli_fail(e, &diag);
	/* A demo authority's history ends on its own date, not today. */
	if (store_setting_get(st, "demo_as_of", asof, sizeof(asof)) ==
	    HERR_OK && hdate_parse(asof, &as_of, NULL, NULL) != HERR_OK)
		as_of = hdate_today();
	print_summary(st, as_of, NULL);
	store_close(st);
	return EXIT_OK;
}

static struct cli_option status_opts[] = {
	{ "db", "PATH", CLI_DB_HELP },
	{ NULL },
};

const struct cli_command cmd_status = {
	.name = "status",
	.summary = "summarise what the authority's database holds",
	.usage = "status [--db PATH]",
	.description = "Counts children, families, staff by role, teams and "
	    "CIN episodes, the\nlast 12 months' referrals, re-referrals and "
	    "rates per 10,000 children, and\nthe steps of children's journeys "
	    "now past their due date.",
	.options = status_opts,
	.run = run_status,
};
