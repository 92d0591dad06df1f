#!/usr/bin/env bash
# The command line: help, version, exit codes, bad input (named, nothing
# written), init's refusals, the demo authority and its determinism.
. "$(dirname "$0")/lib.sh"
AS_OF=2026-11-20

# --- help and version ------------------------------------------------------
expect_exit 0 "help lists the commands" -- "$HEARTH" help
for c in init demo status child user access audit version help; do contains "help names $c" "  $c " "$OUT"; done
expect_exit 0 "version" -- "$HEARTH" version
contains "version names the schema" "schema version" "$OUT"
for c in init demo status version; do
	expect_exit 0 "$c --help" -- "$HEARTH" $c --help
	contains "$c --help shows usage" "usage: hearth $c" "$OUT"
done
expect_exit 0 "help demo" -- "$HEARTH" help demo
contains "help demo lists --seed" "--seed" "$OUT"

# --- usage errors (2) and bad input (1) ------------------------------------
expect_exit 2 "no command is a usage error" -- "$HEARTH"
expect_exit 2 "unknown command is a usage error" -- "$HEARTH" frobnicate
contains "unknown command is named" "frobnicate" "$ERR"
expect_exit 2 "missing option value is a usage error" -- "$HEARTH" init --db
expect_exit 2 "stray argument is a usage error" -- "$HEARTH" init extra
expect_exit 1 "unknown option is bad input" -- "$HEARTH" demo --childrens 5 --db x.db
contains "unknown option is named" "--childrens" "$ERR"
expect_exit 1 "non-numeric --children" -- "$HEARTH" demo --children abc --db x.db
contains "--children abc names the option and value" "--children \"abc\"" "$ERR"
expect_exit 1 "--children 0" -- "$HEARTH" demo --children 0 --db x.db
contains "--children 0 says the range" "from 1 to" "$ERR"
expect_exit 1 "--children 12x" -- "$HEARTH" demo --children 12x --db x.db
expect_exit 1 "negative --seed" -- "$HEARTH" demo --seed -4 --db x.db
expect_exit 1 "impossible date" -- "$HEARTH" demo --as-of 2025-02-30 --db x.db
contains "impossible date is named" "2025-02-30" "$ERR"
contains "impossible date says why" "not a real date" "$ERR"
expect_exit 1 "malformed date" -- "$HEARTH" demo --as-of 2025/01/01 --db x.db
contains "malformed date names the field" "as-of" "$ERR"
expect_exit 1 "future --as-of" -- "$HEARTH" demo --as-of 2099-01-01 --db x.db
contains "future date says so" "future" "$ERR"
expect_exit 1 "option given twice" -- "$HEARTH" demo --seed 1 --seed 2 --db x.db
check "no bad input created a database" -- test ! -e x.db

# --- init ------------------------------------------------------------------
expect_exit 0 "init creates a database" -- "$HEARTH" init --db a.db
contains "init says it created" "Created" "$OUT"
check "schema version recorded" -- test "$(q a.db 'PRAGMA user_version')" -ge 3
check "WAL mode" -- test "$(q a.db 'PRAGMA journal_mode')" = wal
expect_exit 0 "init again is idempotent" -- "$HEARTH" init --db a.db
contains "init again says up to date" "up to date" "$OUT"
HEARTH_DB=env.db expect_exit 0 "init honours HEARTH_DB" -- env HEARTH_DB=env.db "$HEARTH" init
check "HEARTH_DB file created" -- test -f env.db
expect_exit 0 "init defaults to ./hearth.db" -- "$HEARTH" init
check "./hearth.db created" -- test -f hearth.db

printf 'Minutes of the core group meeting.\n%.0s' $(seq 1 50) > notes.txt
cp notes.txt notes.orig
expect_exit 1 "init refuses a text file" -- "$HEARTH" init --db notes.txt
contains "refusal says not a hearth database" "not a hearth database" "$ERR"
check "text file untouched" -- cmp -s notes.txt notes.orig

sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (42);"
cp other.db other.orig
expect_exit 1 "init refuses another SQLite database" -- "$HEARTH" init --db other.db
check "other database untouched" -- cmp -s other.db other.orig

"$HEARTH" init --db newer.db >/dev/null
sqlite3 newer.db "PRAGMA user_version = 999"
cp newer.db newer.orig
expect_exit 3 "init refuses a newer schema" -- "$HEARTH" init --db newer.db
contains "newer schema says so" "newer hearth" "$ERR"
check "newer database untouched" -- cmp -s newer.db newer.orig
expect_exit 3 "init in a missing directory" -- "$HEARTH" init --db no/such/dir/x.db
expect_exit 3 "status needs an existing database" -- "$HEARTH" status --db missing.db
check "status did not create one" -- test ! -e missing.db

# --- demo ------------------------------------------------------------------
expect_exit 0 "demo with 300 children" -- "$HEARTH" demo --db d1.db --children 300 --seed 7 --as-of $AS_OF
contains "demo summary names the authority" "demo authority" "$OUT"
check "exactly 300 children" -- test "$(q d1.db 'SELECT count(*) FROM child')" -eq 300
for role in social_worker team_manager cp_chair da_victim_worker \
    da_perpetrator_worker mental_health_worker substance_misuse_worker \
    probation_officer fgc_coordinator partner_practitioner \
    performance_analyst administrator; do
	check "staff in role $role" -- test "$(q d1.db "SELECT count(*) FROM staff WHERE role = '$role'")" -ge 1
done
for kind in police health education; do
	check "partner practitioner from $kind" -- test "$(q d1.db "SELECT count(*) FROM staff s JOIN agency a ON a.id = s.agency_id WHERE s.role = 'partner_practitioner' AND a.kind = '$kind'")" -ge 1
done
check "Family Safeguarding teams have adult specialists" -- test "$(q d1.db "SELECT count(DISTINCT s.role) FROM team t JOIN team_member m ON m.team_id = t.id JOIN staff s ON s.id = m.staff_id WHERE t.kind = 'family_safeguarding'")" -ge 6
check "several teams" -- test "$(q d1.db 'SELECT count(*) FROM team')" -ge 6
check "every child has a CIN episode" -- test "$(q d1.db 'SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM cin_episode e WHERE e.child_id = c.person_id)')" -eq 0
check "history spans three years" -- test "$(q d1.db "SELECT min(referral_date) <= date('$AS_OF', '-30 months') FROM cin_episode")" -eq 1
check "no referral after the as-of date" -- test "$(q d1.db "SELECT count(*) FROM cin_episode WHERE referral_date > '$AS_OF' OR closure_date > '$AS_OF'")" -eq 0
check "no overlapping episodes (8820)" -- test "$(q d1.db 'SELECT count(*) FROM cin_episode a JOIN cin_episode b ON a.child_id = b.child_id AND a.id < b.id AND a.referral_date <= coalesce(b.closure_date, 9999) AND b.referral_date <= coalesce(a.closure_date, 9999)')" -eq 0
check "some open, some closed, some NFA" -- test "$(q d1.db 'SELECT (count(*) FILTER (WHERE closure_date IS NULL) > 0) + (count(*) FILTER (WHERE closure_date IS NOT NULL) > 0) + (count(*) FILTER (WHERE referral_nfa = 1) > 0) FROM cin_episode')" -eq 3
check "re-referrals exist" -- test "$(q d1.db 'SELECT count(*) FROM child WHERE (SELECT count(*) FROM cin_episode e WHERE e.child_id = person_id) > 1')" -gt 0
check "every open episode has a current allocation" -- test "$(q d1.db 'SELECT count(*) FROM cin_episode e WHERE e.closure_date IS NULL AND e.referral_nfa = 0 AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.child_id = e.child_id AND a.end_date IS NULL)')" -eq 0
check "families are allocated adult specialists" -- test "$(q d1.db 'SELECT count(*) FROM allocation WHERE household_id IS NOT NULL')" -gt 0
check "relationships include parental responsibility" -- test "$(q d1.db 'SELECT count(*) FROM relationship WHERE parental_responsibility = 1')" -gt 0
check "foreign keys hold" -- test -z "$(q d1.db 'PRAGMA foreign_key_check')"
check "integrity check" -- test "$(q d1.db 'PRAGMA integrity_check')" = ok
check "unborn children have an expected date and sex U" -- test "$(q d1.db "SELECT count(*) FROM child c JOIN person p ON p.id = c.person_id WHERE p.birth_date IS NULL AND (c.expected_birth_date IS NULL OR p.sex <> 'U')")" -eq 0
before=$(q d1.db 'SELECT count(*) FROM person')
expect_exit 1 "demo refuses a database that has data" -- "$HEARTH" demo --db d1.db --children 10 --as-of $AS_OF
contains "refusal explains" "empty database" "$ERR"
check "nothing added by the refused demo" -- test "$(q d1.db 'SELECT count(*) FROM person')" -eq "$before"
expect_exit 0 "status of the demo" -- "$HEARTH" status --db d1.db
contains "status counts the children" "300 in" "$OUT"

# Same seed and date, same database; another seed, another one.  The demo's
# sign-ins are the same staff each time, but every password hash has its own
# random salt (and changed_at is the clock), so the credential table is
# compared by who holds one and the rest of the database byte for byte.
"$HEARTH" demo --db d2.db --children 300 --seed 7 --as-of $AS_OF >/dev/null
"$HEARTH" demo --db d3.db --children 300 --seed 8 --as-of $AS_OF >/dev/null
dump() { sqlite3 "$1" .dump | grep -v '^INSERT INTO credential '; }
check "the dump without credentials is most of the database" -- test "$(dump d1.db | grep -c '^INSERT INTO')" -gt 1000
check "same seed gives the same database" -- cmp -s <(dump d1.db) <(dump d2.db)
check "same seed gives the same sign-ins" -- cmp -s <(q d1.db 'SELECT staff_id FROM credential ORDER BY 1') <(q d2.db 'SELECT staff_id FROM credential ORDER BY 1')
check "the demo gave sign-ins" -- test "$(q d1.db 'SELECT count(*) FROM credential')" -eq 12
check "salts differ between runs" -- test -z "$(q d1.db "ATTACH 'd2.db' AS b; SELECT 1 FROM credential c JOIN b.credential d USING (staff_id) WHERE c.password_hash = d.password_hash")"
check "another seed gives another database" -- test "$(dump d1.db | md5sum)" != "$(dump d3.db | md5sum)"

# The default is 1,000 children.
expect_exit 0 "demo default size" -- "$HEARTH" demo --db d4.db --as-of $AS_OF
check "default demo has 1000 children" -- test "$(q d4.db 'SELECT count(*) FROM child')" -eq 1000
contains "demo summary counts CP plans" "CP plans" "$OUT"
contains "demo summary counts conferences" "initial and" "$OUT"
contains "demo summary counts overdue steps" "overdue now" "$OUT"
# Conferences as meetings, in the summary: each line, and the rates the
# demo aims at (reports shared on time mostly, plan and minutes within 72
# hours about nine in ten, parents' feedback about three in ten).
for w in "as meetings" "agency reports in" "advocates offered" \
    "within 72 hours" "from parents" "map revisions" "safety scale ratings" \
    "Three Houses" "Words and Pictures"; do
	contains "demo summary says $w" "$w" "$OUT"
done
rate() { printf '%s\n' "$OUT" | sed -n "s/.*[^0-9]\([0-9][0-9]*\)% $1.*/\1/p" | head -1; }
check "most reports shared on time" -- test "$(rate 'shared with the family on time')" -ge 55 -a "$(rate 'shared with the family on time')" -le 92
check "plan and minutes within 72 hours mostly" -- test "$(rate 'within 72 hours')" -ge 80 -a "$(rate 'within 72 hours')" -le 97
check "parents' feedback on about three in ten" -- test "$(rate 'of conferences')" -ge 20 -a "$(rate 'of conferences')" -le 45

# --- the demo's child protection journey ------------------------------------
# Children at every stage on the as-of date, every category of plan, every
# kind of overdue step, and the shapes of practice the pages show.  At least
# one of each (`some`), so that these fail if the demo stops making them.
some() { check "demo has $1" -- test "$(q d4.db "$2")" -ge "${3:-1}"; }
none() { check "demo has $1" -- test "$(q d4.db "$2")" -eq 0; }
# Stages now.
some "a referral awaiting a decision" "SELECT count(*) FROM cin_episode WHERE closure_date IS NULL AND decision IS NULL"
some "an assessment in progress" "SELECT count(*) FROM assessment WHERE authorised_date IS NULL"
some "an s47 enquiry in progress" "SELECT count(*) FROM s47 WHERE outcome IS NULL"
some "a child awaiting an initial conference" "SELECT count(*) FROM s47 s WHERE s.outcome = 'conference' AND NOT EXISTS (SELECT 1 FROM conference_child cc WHERE cc.s47_id = s.id)"
some "a child on a CP plan" "SELECT count(*) FROM plan WHERE kind = 'cp' AND end_date IS NULL"
some "a child on a CIN plan" "SELECT count(*) FROM plan WHERE kind = 'cin' AND end_date IS NULL"
some "a child looked after now" "SELECT count(*) FROM plan WHERE kind = 'lac' AND end_date IS NULL"
some "closed episodes after each route" "SELECT count(DISTINCT closure_reason) FROM cin_episode WHERE closure_date IS NOT NULL" 4
for d in nfa assessment strategy early-help; do
	some "referral decision $d" "SELECT count(*) FROM cin_episode WHERE decision = '$d'"
done
# Plans of every category, at roughly national shares.
for c in neglect emotional physical sexual multiple; do
	some "a CP plan for $c" "SELECT count(*) FROM plan WHERE kind = 'cp' AND initial_category = '$c'"
done
check "about half the plans are for neglect" -- test "$(q d4.db "SELECT round(100.0 * avg(initial_category = 'neglect')) BETWEEN 40 AND 60 FROM plan WHERE kind = 'cp'")" -eq 1
# Overdue now, and done late.
for s in decision assessment icpc visit rcpc core-group; do
	some "an overdue $s" "SELECT count(*) FROM due WHERE step = '$s' AND done_date IS NULL AND due_date < '$AS_OF'"
done
for s in assessment icpc visit rcpc core-group; do
	some "a $s done late" "SELECT count(*) FROM due WHERE step = '$s' AND done_date > due_date"
done
# Mostly on time: ICPCs within 15 working days about 80%, assessments within
# 45 about 85%, visits about 85%, first core groups within 10 mostly.
ontime() { q d4.db "SELECT CAST(round(100.0 * avg(done_date <= due_date)) AS INTEGER) FROM due WHERE step = '$1' AND done_date IS NOT NULL ${2:-}"; }
check "ICPCs mostly within 15 working days" -- test "$(ontime icpc)" -ge 70 -a "$(ontime icpc)" -le 95
check "assessments mostly within 45 working days" -- test "$(ontime assessment)" -ge 75 -a "$(ontime assessment)" -le 95
check "visits mostly on time" -- test "$(ontime visit)" -ge 75 -a "$(ontime visit)" -le 95
check "first core groups mostly within 10 working days" -- test "$(ontime core-group 'AND seq = 1')" -ge 75
# The shapes of practice.
some "ended CP plans" "SELECT count(*) FROM plan WHERE kind = 'cp' AND end_date IS NOT NULL"
some "plans stepped down to CIN plans" "SELECT count(*) FROM conference_child cc JOIN conference c ON c.id = cc.conference_id JOIN plan p ON p.child_id = cc.child_id AND p.kind = 'cin' AND p.start_date = c.held_date WHERE cc.decision = 'end' AND cc.step_down = 1"
some "repeat plans in a later episode" "SELECT count(*) FROM plan a JOIN plan b ON b.child_id = a.child_id AND b.kind = 'cp' AND b.start_date > a.end_date AND b.episode_id <> a.episode_id WHERE a.kind = 'cp'"
some "ICPCs that made no plan" "SELECT count(*) FROM conference_child WHERE decision = 'no-plan'"
some "joint conferences for siblings" "SELECT count(*) FROM conference c WHERE (SELECT count(*) FROM conference_child cc WHERE cc.conference_id = c.id) > 1" 5
none "joint conferences only within one household" "SELECT count(*) FROM conference c WHERE (SELECT count(DISTINCT hm.household_id) FROM conference_child cc JOIN household_member hm ON hm.person_id = cc.child_id WHERE cc.conference_id = c.id) > 1"
none "conferences only on weekdays (8875)" "SELECT count(*) FROM conference WHERE strftime('%w', held_date) IN ('0', '6')"
none "a strategy discussion without the police" "SELECT count(*) FROM strategy s WHERE NOT EXISTS (SELECT 1 FROM journey_person p WHERE p.owner_kind = 'strategy' AND p.owner_id = s.id AND p.agency LIKE '%Police%')"
some "strategy discussions with health and school" "SELECT count(DISTINCT agency) FROM journey_person WHERE owner_kind = 'strategy'" 4
some "s47 outcomes of each kind" "SELECT count(DISTINCT outcome) FROM s47" 3
some "core group members" "SELECT count(*) FROM journey_person WHERE owner_kind = 'core-group'"
some "core groups" "SELECT count(*) FROM plan_event WHERE kind = 'core-group'"
some "review conferences" "SELECT count(*) FROM conference WHERE kind = 'rcpc'"
some "CIN reviews" "SELECT count(*) FROM plan_event WHERE kind = 'cin-review'"
some "looked-after reviews" "SELECT count(*) FROM plan_event WHERE kind = 'lac-review'"
some "looked-after visits" "SELECT count(*) FROM plan_event WHERE kind = 'lac-visit'"
some "care that began the day a CP plan ended" "SELECT count(*) FROM plan l JOIN plan c ON c.child_id = l.child_id AND c.kind = 'cp' AND c.end_reason = 'looked-after' AND l.start_date = c.end_date WHERE l.kind = 'lac'"
none "a looked-after episode without 903 codes" "SELECT count(*) FROM plan WHERE kind = 'lac' AND (length(legal_status) <> 2 OR length(placement) <> 2)"
check "older children mostly seen alone" -- test "$(q d4.db "SELECT CAST(round(100.0 * avg(e.seen_alone)) AS INTEGER) FROM plan_event e JOIN person p ON p.id = e.child_id WHERE e.kind = 'visit' AND p.birth_date IS NOT NULL AND e.held_date >= date(p.birth_date, '+10 years')")" -ge 60
none "a plan open in a closed episode" "SELECT count(*) FROM plan p JOIN cin_episode e ON e.id = p.episode_id WHERE p.end_date IS NULL AND e.closure_date IS NOT NULL"
none "an open due item of a closed episode's plan" "SELECT count(*) FROM due d JOIN plan p ON p.id = d.ref_id AND d.step IN ('visit', 'core-group', 'rcpc', 'cin-review', 'lac-review', 'lac-visit') WHERE d.done_date IS NULL AND p.end_date IS NOT NULL"
none "a journey step after the as-of date" "SELECT (SELECT count(*) FROM plan_event WHERE held_date > '$AS_OF') + (SELECT count(*) FROM conference WHERE held_date > '$AS_OF') + (SELECT count(*) FROM plan WHERE start_date > '$AS_OF' OR end_date > '$AS_OF')"
# Conferences as meetings: every conference held as one, the next ones
# booked, the family's map and scales, and nothing done after the as-of date.
some "conferences held as meetings" "SELECT count(*) FROM meeting WHERE status = 'held'" 50
none "a conference without its meeting" "SELECT count(*) FROM conference c WHERE NOT EXISTS (SELECT 1 FROM meeting m WHERE m.conference_id = c.id)"
some "conferences booked after the as-of date" "SELECT count(*) FROM meeting WHERE status = 'booked' AND date > '$AS_OF'"
some "agency reports written by partners themselves" "SELECT count(*) FROM meeting_report r JOIN staff s ON s.id = r.author_id WHERE s.role = 'partner_practitioner'"
some "plans with the family's own words" "SELECT count(*) FROM meeting_outcome WHERE family_text <> ''"
some "maps revised at review conferences" "SELECT count(*) FROM sos_map WHERE previous_id IS NOT NULL"
some "safety scales for danger/goal pairs" "SELECT count(*) FROM sos_rating WHERE pair > 0"
some "children with an advocate" "SELECT count(*) FROM meeting_child WHERE advocate_accepted = 1"
none "a meeting step after the as-of date" "SELECT (SELECT count(*) FROM meeting_send WHERE sent_at >= unixepoch('$AS_OF', '+1 day')) + (SELECT count(*) FROM meeting_feedback WHERE given_on > '$AS_OF') + (SELECT count(*) FROM meeting_report WHERE shared_on > '$AS_OF' OR submitted_at >= unixepoch('$AS_OF', '+1 day')) + (SELECT count(*) FROM sos_rating WHERE rated_on > '$AS_OF') + (SELECT count(*) FROM voice_work WHERE made_on > '$AS_OF' OR shared_child_on > '$AS_OF') + (SELECT count(*) FROM meeting WHERE status = 'held' AND date > '$AS_OF')"

# --- child add/show: bad values named, exit 1, nothing written ---------------
"$HEARTH" init --db c.db >/dev/null
add() { "$HEARTH" child add --db c.db "$@"; }
expect_exit 0 "child add" -- add --la-child-id K1 --given Ava --family Khan --dob 2019-04-02 --sex F --ethnicity APKN --disability AUT,COMM
contains "child add prints the record" "AUT" "$OUT"
expect_exit 0 "unborn child add" -- add --la-child-id K2 --given Baby --family Khan --expected 2099-01-01 --ethnicity NOBT
expect_exit 1 "future date of birth" -- add --la-child-id K3 --given Bo --family Lee --dob 2099-01-01 --sex M --ethnicity WBRI
contains "future DOB names the field" "birth_date" "$ERR"
contains "future DOB names the value" "2099-01-01" "$ERR"
expect_exit 1 "impossible date of birth" -- add --la-child-id K3 --given Bo --family Lee --dob 2025-02-30 --sex M --ethnicity WBRI
contains "impossible DOB named" "2025-02-30" "$ERR"
expect_exit 1 "unknown ethnicity code" -- add --la-child-id K3 --given Bo --family Lee --dob 2020-01-01 --sex M --ethnicity WBRX
contains "unknown code named" "WBRX" "$ERR"
expect_exit 1 "unknown disability code" -- add --la-child-id K3 --given Bo --family Lee --dob 2020-01-01 --sex M --ethnicity WBRI --disability AUT,XYZ
contains "unknown disability named" "XYZ" "$ERR"
expect_exit 1 "bad sex" -- add --la-child-id K3 --given Bo --family Lee --dob 2020-01-01 --sex X --ethnicity WBRI
expect_exit 1 "unborn child with sex M (8750)" -- add --la-child-id K3 --given Bo --family Lee --expected 2099-01-01 --sex M --ethnicity WBRI
expect_exit 1 "both DOB and expected DOB (8525Q)" -- add --la-child-id K3 --given Bo --family Lee --dob 2020-01-01 --expected 2099-01-01 --ethnicity WBRI
expect_exit 1 "bad UPN check letter" -- add --la-child-id K3 --given Bo --family Lee --dob 2015-01-01 --sex M --ethnicity WBRI --upn B873000000010
contains "bad UPN named" "upn" "$ERR"
expect_exit 1 "duplicate LA child id" -- add --la-child-id K1 --given Bo --family Lee --dob 2020-01-01 --sex M --ethnicity WBRI
contains "duplicate id named" "K1" "$ERR"
expect_exit 1 "name with a control character" -- add --la-child-id K3 --given "$(printf 'Bo\tb')" --family Lee --dob 2020-01-01 --sex M --ethnicity WBRI
check "refused children were not written" -- test "$(q c.db 'SELECT count(*) FROM person')" -eq 2
expect_exit 0 "child show" -- "$HEARTH" child show --db c.db --la-child-id K1
contains "child show finds her" "Ava Khan" "$OUT"
expect_exit 1 "child show of an unknown id" -- "$HEARTH" child show --db c.db --la-child-id NOPE
expect_exit 2 "child with no subcommand" -- "$HEARTH" child
expect_exit 3 "child add without a database" -- "$HEARTH" child add --db none.db --la-child-id K9 --given A --family B --dob 2020-01-01 --ethnicity WBRI
check "child add did not create a database" -- test ! -e none.db
