#!/usr/bin/env bash
# hearth due: every open timed step, as text, JSON and CSV, for the whole
# authority, a team or a worker (by id or by name), judged on --today; and
# its refusals (unknown format, team or worker, a date that is no date,
# stray arguments, no database).
#
# A demo authority, with the `due` table emptied and filled by hand (the
# store keeps it from the journeys; here only what it lists matters), and
# staff, teams and children of the test's own so that the lists are known.
. "$(dirname "$0")/lib.sh"
PW='plum-kettle-harbour-42'
TODAY=2026-03-10

"$HEARTH" demo --db d.db --children 40 --seed 5 >/dev/null
AGENCY=$(q d.db "SELECT name FROM agency WHERE kind = 'local_authority' ORDER BY id LIMIT 1")
add() { "$HEARTH" user add --db d.db --agency "$AGENCY" --role social_worker "$@" <<<"$PW" >/dev/null; }
child() { "$HEARTH" child add --db d.db --dob 2016-04-01 --ethnicity WBRI --upn-unknown UN1 "$@" >/dev/null; }
id_of() { q d.db "SELECT person_id FROM child WHERE la_child_id = '$1'"; }

q d.db "INSERT INTO team (name, kind) VALUES ('Due Team One', 'child_in_need'), ('Due Team Two', 'child_in_need')"
add --username due.one --given Ann --family One
add --username due.two --given Ben --family Two
add --username due.three --given Cat --family Three
child --la-child-id DUE001 --given Ava --family Due
child --la-child-id DUE002 --given Bo --family Due
child --la-child-id DUE003 --given Cy --family Due
child --la-child-id DUE004 --given Di --family Due
C1=$(id_of DUE001); C2=$(id_of DUE002); C3=$(id_of DUE003); C4=$(id_of DUE004)
T1=$(q d.db "SELECT id FROM team WHERE name = 'Due Team One'")
W1=$(q d.db "SELECT id FROM staff WHERE username = 'due.one'")
# A child whose LA id needs quoting in CSV (the shell writes what the rules
# would refuse, to prove the quoting).
q d.db "INSERT INTO person (kind, given_name, family_name, birth_date, sex) VALUES ('child', 'Eve', 'Due', '2016-04-01', 'F'); INSERT INTO child (person_id, la_child_id, ethnicity) VALUES (last_insert_rowid(), 'Q,\"5', 'WBRI')"
C5=$(id_of 'Q,"5')
q d.db "
INSERT INTO team_member (team_id, staff_id, start_date) SELECT t.id, s.id, '2020-01-01' FROM team t, staff s WHERE (t.name, s.username) IN (VALUES ('Due Team One', 'due.one'), ('Due Team Two', 'due.two'));
INSERT INTO allocation (staff_id, child_id, start_date) SELECT s.id, c.person_id, '2020-01-01' FROM staff s, child c WHERE (s.username, c.la_child_id) IN (VALUES ('due.one', 'DUE001'), ('due.two', 'DUE002'), ('due.three', 'DUE003'), ('due.one', 'Q,\"5'));
DELETE FROM due;
INSERT INTO due (child_id, step, seq, ref_id, from_date, due_date, done_date, done_id) VALUES
 ($C1, 'assessment', 1, 11, '2026-01-05', '2026-03-09', NULL, NULL),
 ($C1, 'visit', 2, 12, '2026-03-01', '2026-03-13', NULL, NULL),
 ($C2, 'decision', 1, 21, '2026-03-10', '2026-03-11', NULL, NULL),
 ($C3, 'icpc', 1, 31, '2026-02-02', '2026-02-23', '2026-02-20', 33),
 ($C3, 'core-group', 1, 32, '2026-02-20', '2026-03-06', NULL, NULL),
 ($C4, 'rcpc', 1, 41, '2026-01-01', '2026-04-01', NULL, NULL),
 ($C5, 'lac-visit', 1, 51, '2026-03-02', '2026-03-10', NULL, NULL);"

# --- help ------------------------------------------------------------------
expect_exit 0 "help lists due" -- "$HEARTH" help
contains "help names due" "  due " "$OUT"
expect_exit 0 "due --help" -- "$HEARTH" due --help
contains "due --help shows usage" "usage: hearth due" "$OUT"
for o in --team --worker --format --today --db; do
	contains "due --help explains $o" "$o" "$OUT"
done

# --- text --------------------------------------------------------------------
expect_exit 0 "due, whole authority" -- "$HEARTH" due --db d.db --today $TODAY
want=$(cat <<EOF
CHILD       ID       STEP         FROM        DUE         STATUS
DUE003      $(printf '%-8s' $C3) core-group   2026-02-20  2026-03-06  overdue
DUE001      $(printf '%-8s' $C1) assessment   2026-01-05  2026-03-09  overdue
Q,"5        $(printf '%-8s' $C5) lac-visit    2026-03-02  2026-03-10  due
DUE002      $(printf '%-8s' $C2) decision     2026-03-10  2026-03-11  due
DUE001      $(printf '%-8s' $C1) visit        2026-03-01  2026-03-13  due
DUE004      $(printf '%-8s' $C4) rcpc         2026-01-01  2026-04-01  due
6 open items, 2 overdue, as of 2026-03-10
EOF
)
check "text lists every open item, soonest due first, done ones left out" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want") <(echo "$OUT") | sed 's/^/#   /'
check "due on its due date is not overdue" -- grep -q 'lac-visit    2026-03-02  2026-03-10  due$' <<<"$OUT"
expect_exit 0 "a day later it is" -- "$HEARTH" due --db d.db --today 2026-03-11
contains "overdue from the day after the due date" "lac-visit    2026-03-02  2026-03-10  overdue" "$OUT"
contains "the count follows" "6 open items, 3 overdue, as of 2026-03-11" "$OUT"
HEARTH_DB=d.db expect_exit 0 "\$HEARTH_DB is the database" -- "$HEARTH" due --today $TODAY
check "\$HEARTH_DB gives the same list" -- test "$OUT" = "$want"

# --- filters -----------------------------------------------------------------
expect_exit 0 "--team by name" -- "$HEARTH" due --db d.db --today $TODAY --team 'Due Team One'
team_one="$OUT"
contains "team one: Ava's assessment" "DUE001      $(printf '%-8s' $C1) assessment" "$OUT"
contains "team one: Eve's visit" "lac-visit" "$OUT"
check "team one: nobody else's" -- test "$(grep -c -E 'DUE00[234]' <<<"$OUT")" -eq 0
contains "team one count" "3 open items, 1 overdue" "$OUT"
expect_exit 0 "--team by id" -- "$HEARTH" due --db d.db --today $TODAY --team "$T1"
check "--team by id is the same list" -- test "$OUT" = "$team_one"
expect_exit 0 "--worker by username" -- "$HEARTH" due --db d.db --today $TODAY --worker due.three
contains "worker three: Cy's core group" "DUE003      $(printf '%-8s' $C3) core-group" "$OUT"
contains "worker three count" "1 open item, 1 overdue" "$OUT"
expect_exit 0 "--worker by id" -- "$HEARTH" due --db d.db --today $TODAY --worker "$W1"
check "--worker by id: the worker's children" -- test "$(grep -c -E 'DUE001|Q,"5' <<<"$OUT")" -eq 3
expect_exit 0 "--team and --worker together" -- "$HEARTH" due --db d.db --today $TODAY --team 'Due Team Two' --worker due.one
contains "a worker outside the team: nothing" "0 open items, 0 overdue" "$OUT"

# --- JSON ----------------------------------------------------------------------
expect_exit 0 "--format json" -- "$HEARTH" due --db d.db --today $TODAY --team 'Due Team One' --format json
want=$(cat <<'EOF'
[
  {"child":"DUE001","step":"assessment","from":"2026-01-05","due":"2026-03-09","status":"overdue"},
  {"child":"Q,\"5","step":"lac-visit","from":"2026-03-02","due":"2026-03-10","status":"due"},
  {"child":"DUE001","step":"visit","from":"2026-03-01","due":"2026-03-13","status":"due"}
]
EOF
)
check "json: an array of objects with exactly child, step, from, due, status" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want") <(echo "$OUT") | sed 's/^/#   /'
if command -v python3 >/dev/null; then
	check "json parses" -- python3 -c 'import json,sys; json.loads(sys.argv[1])' "$OUT"
fi
expect_exit 0 "json, nothing to list" -- "$HEARTH" due --db d.db --today $TODAY --worker due.two --team 'Due Team One' --format json
check "json: an empty array" -- test "$OUT" = "[]"

# --- CSV -----------------------------------------------------------------------
expect_exit 0 "--format csv" -- "$HEARTH" due --db d.db --today $TODAY --worker due.one --format csv
want=$(printf 'child,child_id,step,from,due,status\r\nDUE001,%s,assessment,2026-01-05,2026-03-09,overdue\r\n"Q,""5",%s,lac-visit,2026-03-02,2026-03-10,due\r\nDUE001,%s,visit,2026-03-01,2026-03-13,due\r' "$C1" "$C5" "$C1")
check "csv: a header, CRLF lines, a field with a comma and a quote quoted" -- test "$OUT" = "$want"
[ "$OUT" = "$want" ] || diff <(echo "$want" | od -c) <(echo "$OUT" | od -c) | sed 's/^/#   /' | head -20

# --- refusals ------------------------------------------------------------------
expect_exit 1 "--format xml" -- "$HEARTH" due --db d.db --format xml
contains "--format xml is named" '--format "xml" is not one of text, json or csv' "$ERR"
check "--format xml prints no list" -- test -z "$OUT"
expect_exit 1 "unknown team" -- "$HEARTH" due --db d.db --team 'No Such Team'
contains "unknown team is named" '--team "No Such Team"' "$ERR"
expect_exit 1 "unknown team id" -- "$HEARTH" due --db d.db --team 999999
contains "unknown team id is named" '--team "999999"' "$ERR"
expect_exit 1 "unknown worker" -- "$HEARTH" due --db d.db --worker nobody.here
contains "unknown worker is named" '--worker "nobody.here"' "$ERR"
expect_exit 1 "--today garbage" -- "$HEARTH" due --db d.db --today garbage
contains "--today garbage is named" "--today" "$ERR"
contains "--today garbage quotes the value" "garbage" "$ERR"
expect_exit 1 "--today 2026-02-30" -- "$HEARTH" due --db d.db --today 2026-02-30
expect_exit 1 "unknown option" -- "$HEARTH" due --db d.db --colour red
expect_exit 2 "--team without a value" -- "$HEARTH" due --db d.db --team
expect_exit 2 "stray argument" -- "$HEARTH" due --db d.db overdue
expect_exit 3 "no database" -- "$HEARTH" due --db missing.db
check "no database is not created" -- test ! -e missing.db
