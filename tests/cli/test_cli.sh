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
