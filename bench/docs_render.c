/*
 * bench/docs_render.c: the program bench/docs builds and runs.  Renders each
 * conference document (docs.h) N times from a full, realistic conference
 * (two children, six outcomes, fifteen actions, a map with three worries,
 * twelve ratings, about 20 KB of minutes) and prints milliseconds per
 * document and the process's peak resident memory, and how much the
 * resident memory grew between the early renders and the last, so that a
 * leak per render shows.
 *   docs_render [N]     (default 200)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/meeting.h"
#include "core/sos.h"
#include "docs/docs.h"
#include "core/banned.h"

static const char *const words[] = {
	"the", "children", "school", "home", "safe", "mum", "dad", "visit",
	"every", "week", "will", "help", "with", "meals", "bedtime", "and",
	"talk", "about", "worries", "when", "adults", "argue", "grandma",
	"keeps", "a", "plan", "for", "evenings", "health", "visitor", "checks",
	"weight", "growth", "attendance", "improves", "Zo\xc3\xab",
	"Ch\xc3\xa9",
};

/* A sentence-like text of about `len` bytes into buf. */
static void
prose(char *buf, size_t cap, size_t len, unsigned seed)
{
	size_t n = 0;

	buf[0] = '\0';
	while (n + 16 < len && n + 16 < cap) {
		size_t nw = sizeof(words) / sizeof(words[0]);
		const char *w = words[seed % nw];
		int k;

		seed = seed * 1103515245u + 12345u;
		k = snprintf(buf + n, cap - n, "%s%s", n ? " " : "", w);
		if (k < 0)
			break;
		n += (size_t)k;
		if (seed % 11 == 0 && n + 2 < cap)
			n += (size_t)snprintf(buf + n, cap - n, ".");
	}
	if (n + 2 < cap)
		snprintf(buf + n, cap - n, ".");
}

static void
fill(struct meeting *m, struct sos_map *map, struct sos_rating *r, int nr,
    struct docs_input *in)
{
	hday day;

	if (hdate_parse("2026-12-03", &day, NULL, NULL) != HERR_OK)
		abort();
	m->id = 1;
	m->kind = CONF_INITIAL;
	m->status = MEETING_HELD;
	m->date = day;
	m->minute = 10 * 60;
	snprintf(m->place, sizeof(m->place), "Civic Centre, Room 4");
	m->n_children = 2;
	m->children[0].child_id = 1;
	m->children[1].child_id = 2;
	m->children[0].part = PART_ADVOCATE;
	m->children[1].part = PART_NONE;
	snprintf(m->children[1].part_note, sizeof(m->children[1].part_note),
	    "Too young to share a view");
	for (int i = 0; i < 14; i++) {
		struct invitee *v = &m->invitees[m->n_invitees++];

		v->id = i + 1;
		v->kind = i < 2 ? INVITEE_FAMILY : i < 4 ? INVITEE_NETWORK :
		    INVITEE_AGENCY;
		snprintf(v->name, sizeof(v->name), "Person %d", i + 1);
		snprintf(v->role, sizeof(v->role), "Role %d", i + 1);
		snprintf(v->agency, sizeof(v->agency), "Agency %d", i % 7);
		v->invited_on = day - 10;
		v->attendance = i % 5 == 4 ? ATTEND_APOLOGIES : ATTEND_ATTENDED;
		v->report_expected = v->kind == INVITEE_AGENCY;
		if (v->kind == INVITEE_AGENCY && i % 2 == 0) {
			struct agency_report *a = &m->reports[m->n_reports++];

			a->invitee_id = v->id;
			prose(a->text, sizeof(a->text), 3000, (unsigned)i);
			a->submitted_at = (int64_t)(day - 6) * 86400 + 36000;
			a->shared_on = day - 4;
		}
	}
	for (int i = 0; i < 20; i++) {
		struct threshold_view *v = &m->views[m->n_views++];

		v->child_id = 1 + i % 2;
		snprintf(v->name, sizeof(v->name), "Person %d", i / 2 + 1);
		snprintf(v->agency, sizeof(v->agency), "Agency %d", i % 7);
		v->met = i % 3 != 0;
		prose(v->reason, sizeof(v->reason), 300, (unsigned)i + 100);
	}
	prose(m->dissent, sizeof(m->dissent), 200, 7);
	m->n_outcomes = 6;
	for (int i = 0; i < m->n_outcomes; i++) {
		prose(m->outcomes[i].agency, sizeof(m->outcomes[i].agency), 250,
		    (unsigned)i + 200);
		prose(m->outcomes[i].family, sizeof(m->outcomes[i].family), 180,
		    (unsigned)i + 300);
	}
	m->n_actions = 15;
	for (int i = 0; i < m->n_actions; i++) {
		m->actions[i].outcome = 1 + i % 6;
		snprintf(m->actions[i].who, sizeof(m->actions[i].who),
		    "Person %d", i % 9 + 1);
		prose(m->actions[i].what, sizeof(m->actions[i].what), 160,
		    (unsigned)i + 400);
		m->actions[i].by = day + 14 + 7 * i;
	}
	prose(m->contingency, sizeof(m->contingency), 600, 500);
	prose(m->child_seen, sizeof(m->child_seen), 200, 501);
	m->n_core = 8;
	for (int i = 0; i < m->n_core; i++) {
		snprintf(m->core[i].name, sizeof(m->core[i].name), "Person %d",
		    i + 1);
		snprintf(m->core[i].agency, sizeof(m->core[i].agency),
		    "Agency %d", i % 7);
	}
	m->plan_saved_at = (int64_t)day * 86400 + 50000;
	prose(m->minutes, sizeof(m->minutes), 20000, 600);
	m->minutes_saved_at = (int64_t)(day + 1) * 86400 + 36000;

	map->made_on = day;
	map->n_pairs = 3;
	for (int i = 0; i < map->n_pairs; i++) {
		struct sos_pair *p = &map->pairs[i];

		prose(p->danger, sizeof(p->danger), 300, (unsigned)i + 700);
		snprintf(p->who_worried, sizeof(p->who_worried), "The school");
		p->family_view = (enum sos_family_view)(i % SOS_VIEW__COUNT);
		prose(p->family_says, sizeof(p->family_says), 120,
		    (unsigned)i + 710);
		prose(p->goal_agency, sizeof(p->goal_agency), 200,
		    (unsigned)i + 720);
		prose(p->goal_family, sizeof(p->goal_family), 150,
		    (unsigned)i + 730);
	}
	map->n_items = 12;
	for (int i = 0; i < map->n_items; i++) {
		map->items[i].kind = (enum sos_item_kind)(i % SOS_ITEM__COUNT);
		prose(map->items[i].text, sizeof(map->items[i].text), 150,
		    (unsigned)i + 800);
	}
	for (int i = 0; i < nr; i++) {
		r[i].child_id = 1 + i % 2;
		r[i].pair = i % 4;
		r[i].kind = (enum sos_rater)(i % RATER__COUNT);
		snprintf(r[i].rater, sizeof(r[i].rater), "Person %d", i + 1);
		snprintf(r[i].agency, sizeof(r[i].agency), "Agency %d", i % 7);
		r[i].value = i % 11;
		prose(r[i].reason, sizeof(r[i].reason), 200, (unsigned)i + 900);
	}

	in->m = m;
	in->map = map;
	in->ratings = r;
	in->n_ratings = nr;
	in->n_children = 2;
	snprintf(in->children[0].name, sizeof(in->children[0].name),
	    "Zo\xc3\xab \xc3\x93'Brien");
	snprintf(in->children[1].name, sizeof(in->children[1].name),
	    "Sam \xc3\x93'Brien");
	for (int i = 0; i < 2; i++) {
		in->children[i].dob = day - 3000 * (i + 1);
		in->children[i].decided = true;
		in->children[i].decision = CDEC_PLAN;
		in->children[i].category = ABUSE_NEGLECT;
	}
	snprintf(in->authority, sizeof(in->authority), "Riverside Council");
	snprintf(in->chair, sizeof(in->chair), "Priya Shah");
	in->made_at = (int64_t)(day + 1) * 86400 + 50000;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Resident memory now, in KB. */
static long
rss_kb(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static long
peak_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Render one document once; its size, or 0 after printing why not. */
static size_t
render(enum doc_kind k, enum doc_audience a, const struct docs_input *in)
{
	char *pdf = NULL;
	size_t len = 0;
	struct hdiag diag;

	hdiag_clear(&diag);
	if (docs_render(k, a, in, &pdf, &len, &diag) != HERR_OK) {
		fprintf(stderr, "docs_render: %s\n", diag.msg);
		return 0;
	}
	free(pdf);
	return len;
}

int
main(int argc, char **argv)
{
	static const struct {
		enum doc_kind k;
		enum doc_audience a;
		const char *name;
	} docs[] = {
		{ DOC_PLAN, AUD_FAMILY, "plan, family" },
		{ DOC_PLAN, AUD_AGENCIES, "plan, agencies" },
		{ DOC_MINUTES, AUD_FAMILY, "minutes, family" },
		{ DOC_MINUTES, AUD_AGENCIES, "minutes, agencies" },
	};
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 200;
	struct meeting *m = meeting_new();
	struct sos_map *map = sos_map_new();
	struct sos_rating r[12];
	struct docs_input in;
	double *ms, t0, cold;
	long rss_warm = 0;

	if (n < 1)
		n = 1;
	memset(r, 0, sizeof(r));
	memset(&in, 0, sizeof(in));
	ms = calloc((size_t)n, sizeof(*ms));
	if (ms == NULL || m == NULL || map == NULL)
		return 3;
	fill(m, map, r, 12, &in);

	t0 = now_ms();
	if (render(DOC_PLAN, AUD_FAMILY, &in) == 0)
		return 1;
	cold = now_ms() - t0;
	printf("bench/docs: each conference document rendered %d times "
	    "(docs_render, one thread)\n", n);
	printf("  first render (fonts loaded)  %.1f ms\n", cold);
	for (size_t d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
		double sum = 0;
		size_t bytes = 0;

		for (int i = 0; i < n; i++) {
			t0 = now_ms();
			bytes = render(docs[d].k, docs[d].a, &in);
			ms[i] = now_ms() - t0;
			if (bytes == 0)
				return 1;
			sum += ms[i];
			if (d == 0 && i == n / 10)
				rss_warm = rss_kb();
		}
		qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
		printf("  %-18s %7.2f ms mean, p50 %.2f, p95 %.2f, max %.2f; "
		    "%zu bytes\n", docs[d].name, sum / n, ms[n / 2],
		    ms[(int)(n * 0.95)], ms[n - 1], bytes);
	}
	printf("  memory: peak RSS %ld KB; RSS %ld KB after %d plans, %ld KB "
	    "at the end\n", peak_kb(), rss_warm, n / 10 + 1, rss_kb());
	free(ms);
	meeting_free(m);
	sos_map_free(map);
	return 0;
}
