#!/usr/bin/env bash
# Staff accounts, access and the audit chain from the command line:
# hearth user (passwords from standard input; every bad value named, exit 1
# and nothing written; sessions ended), hearth access (what each role can
# reach), hearth audit verify (tampering found and the row named) and
# who-viewed, and the demo's sign-ins.
. "$(dirname "$0")/lib.sh"
PW='plum-kettle-harbour-42'
PW2='quiet-lantern-meadow-17'
CSRF=$(printf 'c%.0s' $(seq 1 43))
ROLES="social_worker team_manager cp_chair da_victim_worker
    da_perpetrator_worker mental_health_worker substance_misuse_worker
    probation_officer fgc_coordinator partner_practitioner
    performance_analyst administrator"

# Rows in `table` (optionally WHERE ...) of u.db.
count() { q u.db "SELECT count(*) FROM $1 ${2:+WHERE $2}"; }
# A live session for a username, as the web application would make one.
session() {
	q u.db "INSERT INTO session (token_hash, staff_id, csrf, stage, created, last_seen) SELECT randomblob(32), id, '$CSRF', 2, 1, 1 FROM staff WHERE username = '$1'"
}
add() { "$HEARTH" user add --db u.db "$@"; }

"$HEARTH" init --db u.db >/dev/null
q u.db "INSERT INTO agency (name, kind) VALUES ('Ashdown Vale Council', 'local_authority'), ('Ashdown Vale Police', 'police'); INSERT INTO team (name, kind) VALUES ('Assessment Team 1', 'assessment')"

# --- help ------------------------------------------------------------------
expect_exit 0 "help lists user, access and audit" -- "$HEARTH" help
for c in user access audit; do contains "help names $c" "  $c " "$OUT"; done
contains "help says passwords come from standard input" "standard input" "$OUT"
for c in user access audit; do
	expect_exit 0 "$c --help" -- "$HEARTH" $c --help
	contains "$c --help shows usage" "usage: hearth $c" "$OUT"
done
expect_exit 0 "user --help shows every subcommand" -- "$HEARTH" user --help
for s in add list disable enable reset-2fa password; do
	contains "user --help shows user $s" "usage: hearth user $s" "$OUT"
done
expect_exit 0 "user disable --help" -- "$HEARTH" user disable --help
expect_exit 2 "user with no subcommand" -- "$HEARTH" user
expect_exit 2 "user with an unknown subcommand" -- "$HEARTH" user frob
expect_exit 2 "audit with no subcommand" -- "$HEARTH" audit
expect_exit 2 "user disable with no username" -- "$HEARTH" user disable --db u.db
expect_exit 2 "access takes no argument" -- "$HEARTH" access extra

# --- user add --------------------------------------------------------------
expect_exit 0 "user add reads the password from stdin" -- add --username sam.okafor \
    --given Sam --family Okafor --role social_worker --agency 'Ashdown Vale Council' \
    --team 'Assessment Team 1' --email sam@ashdownvale.example <<<"$PW"
contains "user add says who was added" "sam.okafor" "$OUT"
check "staff row written, active" -- test "$(count staff "username = 'sam.okafor' AND role = 'social_worker' AND active = 1 AND email = 'sam@ashdownvale.example'")" -eq 1
check "credential is an argon2id hash" -- test "$(count credential "password_hash LIKE '\$argon2id\$%' AND totp_secret IS NULL AND totp_enrolled = 0")" -eq 1
check "the password itself is stored nowhere" -- test "$(sqlite3 u.db .dump | grep -c "$PW")" -eq 0
check "the password is not printed" -- test "$(printf '%s%s' "$OUT" "$ERR" | grep -c "$PW")" -eq 0
check "team membership from today" -- test "$(count team_member "start_date = '$(date +%F)' AND end_date IS NULL")" -eq 1
check "one audit row for the addition" -- test "$(count audit "action = 'admin' AND subject_kind = 'staff' AND route = 'cli user add' AND username = 'cli' AND role = 'cli' AND remote = 'local'")" -eq 1
expect_exit 0 "user add without a team, CRLF line end" -- add --username ana.p \
    --given Ana --family Pereira --role partner_practitioner --agency 'Ashdown Vale Police' <<<"$PW"$'\r'
check "no team membership without --team" -- test "$(count team_member)" -eq 1
expect_exit 0 "only the first line is the password" -- add --username lee.admin \
    --given Lee --family Ward --role administrator --agency 'Ashdown Vale Council' \
    < <(printf '%s\nsecond line\n' "$PW")

staff=$(count staff); creds=$(count credential); audits=$(count audit); members=$(count team_member)
nothing_written() {
	check "$1: nothing written" -- test "$(count staff)" -eq "$staff" -a \
	    "$(count credential)" -eq "$creds" -a "$(count audit)" -eq "$audits" -a \
	    "$(count team_member)" -eq "$members"
}
good=(--given Kim --family Lee --role social_worker --agency 'Ashdown Vale Council')
expect_exit 1 "too-short password" -- add --username kim.lee "${good[@]}" <<<"short-pw"
contains "too-short password says why" "too short" "$ERR"
contains "too-short password names the field" "password" "$ERR"
nothing_written "too-short password"
expect_exit 1 "empty password" -- add --username kim.lee "${good[@]}" <<<""
contains "empty password refused" "no password" "$ERR"
expect_exit 1 "no standard input" -- add --username kim.lee "${good[@]}" </dev/null
expect_exit 1 "password containing the username" -- add --username kim.lee "${good[@]}" <<<"my-name-is-kim.lee!"
contains "username in password says why" "username" "$ERR"
expect_exit 1 "one of the commonest passwords" -- add --username kim.lee "${good[@]}" <<<"password1234"
expect_exit 1 "password over 128 bytes" -- add --username kim.lee "${good[@]}" <<<"$(printf 'x%.0s' $(seq 1 129))"
contains "long password says so" "too long" "$ERR"
nothing_written "bad passwords"
expect_exit 1 "unknown role" -- add --username kim.lee --given Kim --family Lee \
    --role nurse --agency 'Ashdown Vale Council' <<<"$PW"
contains "unknown role is named" '"nurse"' "$ERR"
contains "unknown role lists the roles" "social_worker" "$ERR"
expect_exit 1 "unknown agency" -- add --username kim.lee --given Kim --family Lee \
    --role social_worker --agency 'Nowhere Council' <<<"$PW"
contains "unknown agency is named" '--agency "Nowhere Council"' "$ERR"
expect_exit 1 "unknown team" -- add --username kim.lee "${good[@]}" --team 'No Such Team' <<<"$PW"
contains "unknown team is named" '--team "No Such Team"' "$ERR"
expect_exit 1 "duplicate username" -- add --username sam.okafor "${good[@]}" <<<"$PW"
contains "duplicate username is named" '"sam.okafor"' "$ERR"
expect_exit 1 "malformed username" -- add --username 'Kim Lee' "${good[@]}" <<<"$PW"
contains "malformed username is named" "Kim Lee" "$ERR"
expect_exit 1 "bad e-mail address" -- add --username kim.lee "${good[@]}" --email nope <<<"$PW"
contains "bad e-mail is named" "nope" "$ERR"
expect_exit 1 "partner practitioner in the local authority" -- add --username kim.lee \
    --given Kim --family Lee --role partner_practitioner --agency 'Ashdown Vale Council' <<<"$PW"
expect_exit 2 "missing --role is a usage error" -- add --username kim.lee --given Kim \
    --family Lee --agency 'Ashdown Vale Council' <<<"$PW"
contains "missing option is named" "--role" "$ERR"
expect_exit 1 "the password is not an option" -- add --username kim.lee "${good[@]}" --password "$PW"
nothing_written "refused additions"
expect_exit 3 "user add without a database" -- "$HEARTH" user add --db none.db \
    --username kim.lee "${good[@]}" <<<"$PW"
check "user add did not create a database" -- test ! -e none.db

# --- user list -------------------------------------------------------------
expect_exit 0 "user list" -- "$HEARTH" user list --db u.db
contains "list has a header" "USERNAME" "$OUT"
contains "list shows the name" "Sam Okafor" "$OUT"
contains "list shows the agency" "Ashdown Vale Police" "$OUT"
check "list has a line per member of staff and a header" -- test "$(printf '%s\n' "$OUT" | wc -l)" -eq 4
line=$(printf '%s\n' "$OUT" | grep '^sam.okafor ')
check "sam: role, active, password, no second factor" -- test "$(echo $line | awk '{print $4, $(NF-2), $(NF-1), $NF}')" = "social_worker yes yes no"
head=$(printf '%s\n' "$OUT" | head -1)
check "names line up under NAME" -- test "$(awk -v s="$head" 'BEGIN {print index(s, "  NAME")}')" -eq "$(awk -v s="$line" 'BEGIN {print index(s, "  Sam Okafor")}')"
check "roles line up under ROLE" -- test "$(awk -v s="$head" 'BEGIN {print index(s, "  ROLE")}')" -eq "$(awk -v s="$line" 'BEGIN {print index(s, "  social_worker")}')"
expect_exit 0 "user list --role" -- "$HEARTH" user list --db u.db --role administrator
contains "role filter keeps the administrator" "lee.admin" "$OUT"
check "role filter drops others" -- test "$(printf '%s\n' "$OUT" | grep -c sam.okafor)" -eq 0
expect_exit 0 "user list of an empty role" -- "$HEARTH" user list --db u.db --role cp_chair
contains "empty role says so" "No staff" "$OUT"
expect_exit 1 "user list with an unknown role" -- "$HEARTH" user list --db u.db --role chief
contains "unknown role is named" '"chief"' "$ERR"

# --- disable, enable: staff.active and sessions ----------------------------
session sam.okafor
session sam.okafor
session lee.admin
audits=$(count audit)
expect_exit 0 "user disable" -- "$HEARTH" user disable sam.okafor --db u.db
check "disabled: active is 0" -- test "$(count staff "username = 'sam.okafor' AND active = 0")" -eq 1
check "disabled: their sessions ended" -- test "$(count session "staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor') AND ended IS NULL")" -eq 0
check "disabled: others' sessions live" -- test "$(count session "staff_id = (SELECT id FROM staff WHERE username = 'lee.admin') AND ended IS NULL")" -eq 1
check "disable audited" -- test "$(count audit "route = 'cli user disable' AND subject_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" -eq 1
check "disable made a new version" -- test "$(count staff "username = 'sam.okafor' AND version = 2")" -eq 1
expect_exit 0 "disable again changes nothing" -- "$HEARTH" user disable sam.okafor --db u.db
contains "disable again says so" "already disabled" "$OUT"
check "disable again is not audited" -- test "$(count audit)" -eq $((audits + 1))
expect_exit 0 "user list shows disabled" -- "$HEARTH" user list --db u.db
check "list shows sam inactive" -- test "$(printf '%s\n' "$OUT" | grep '^sam.okafor ' | awk '{print $(NF-2)}')" = no
session sam.okafor
expect_exit 0 "user enable" -- "$HEARTH" user enable sam.okafor --db u.db
check "enabled: active is 1" -- test "$(count staff "username = 'sam.okafor' AND active = 1")" -eq 1
check "enabled: sessions ended" -- test "$(count session "staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor') AND ended IS NULL")" -eq 0
expect_exit 0 "enable again changes nothing" -- "$HEARTH" user enable sam.okafor --db u.db
expect_exit 1 "disable an unknown username" -- "$HEARTH" user disable nobody --db u.db
contains "unknown username is named" '"nobody"' "$ERR"

# --- reset-2fa -------------------------------------------------------------
q u.db "UPDATE credential SET totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enrolled = 1, totp_last_step = 99 WHERE staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')"
session sam.okafor
expect_exit 0 "user reset-2fa" -- "$HEARTH" user reset-2fa sam.okafor --db u.db
check "second factor forgotten" -- test "$(count credential "staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor') AND totp_secret IS NULL AND totp_enrolled = 0 AND totp_last_step = 0")" -eq 1
check "password kept" -- test "$(count credential "staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" -eq 1
check "reset-2fa ended their sessions" -- test "$(count session "ended IS NULL AND staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" -eq 0
check "reset-2fa audited" -- test "$(count audit "route = 'cli user reset-2fa'")" -eq 1
q u.db "INSERT INTO staff (username, given_name, family_name, role, agency_id) VALUES ('no.pw', 'No', 'Password', 'cp_chair', 1)"
expect_exit 1 "reset-2fa of someone with no password" -- "$HEARTH" user reset-2fa no.pw --db u.db
contains "no password is said" "no password" "$ERR"

# --- password --------------------------------------------------------------
old=$(q u.db "SELECT password_hash FROM credential WHERE staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")
session sam.okafor
expect_exit 1 "user password too short" -- "$HEARTH" user password sam.okafor --db u.db <<<"tiny"
check "refused password left the hash" -- test "$(q u.db "SELECT password_hash FROM credential WHERE staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" = "$old"
check "refused password left the session" -- test "$(count session "ended IS NULL")" -ge 2
expect_exit 0 "user password" -- "$HEARTH" user password sam.okafor --db u.db <<<"$PW2"
check "new hash stored" -- test "$(q u.db "SELECT password_hash FROM credential WHERE staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" != "$old"
check "password change ended their sessions" -- test "$(count session "ended IS NULL AND staff_id = (SELECT id FROM staff WHERE username = 'sam.okafor')")" -eq 0
check "password change audited" -- test "$(count audit "route = 'cli user password'")" -eq 1
expect_exit 0 "a first password for someone without one" -- "$HEARTH" user password no.pw --db u.db <<<"$PW2"
check "credential created" -- test "$(count credential "staff_id = (SELECT id FROM staff WHERE username = 'no.pw')")" -eq 1

# --- access ----------------------------------------------------------------
expect_exit 0 "access" -- "$HEARTH" access
for r in $ROLES; do contains "access describes $r" "($r):" "$OUT"; done
admin=$(printf '%s\n' "$OUT" | sed -n '/(administrator):/,/^[^ ]/p')
contains "administrators have no children's records" "no children's records" "$admin"
contains "administrators manage users" "users, roles and teams" "$admin"
sw=$(printf '%s\n' "$OUT" | sed -n '/(social_worker):/,/^[^ ]/p')
contains "social workers see their allocated children" "as allocated worker" "$sw"

# --- audit verify ----------------------------------------------------------
"$HEARTH" init --db fresh.db >/dev/null
expect_exit 0 "audit verify of a fresh database" -- "$HEARTH" audit verify --db fresh.db
contains "no rows is a good chain" "audit chain verified: 0 rows" "$OUT"
n=$(count audit)
check "every change above was audited" -- test "$n" -eq 8
expect_exit 0 "audit verify after user changes" -- "$HEARTH" audit verify --db u.db
contains "verify counts the rows" "audit chain verified: $n rows" "$OUT"
cp u.db t1.db
sqlite3 t1.db "DROP TRIGGER audit_no_update; UPDATE audit SET username = 'x' WHERE id = 2"
expect_exit 1 "an altered row is found" -- "$HEARTH" audit verify --db t1.db
contains "the altered row is named" "audit chain broken at row 2:" "$OUT"
contains "and why" "altered" "$OUT"
cp u.db t2.db
sqlite3 t2.db "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2"
expect_exit 1 "a removed row is found" -- "$HEARTH" audit verify --db t2.db
contains "the row after the gap is named" "audit chain broken at row 3:" "$OUT"
cp u.db t3.db
sqlite3 t3.db "DROP TRIGGER audit_no_update; UPDATE audit SET at = at + 1 WHERE id = $n"
expect_exit 1 "an altered last row is found" -- "$HEARTH" audit verify --db t3.db
contains "the last row is named" "audit chain broken at row $n:" "$OUT"
expect_exit 3 "audit verify without a database" -- "$HEARTH" audit verify --db none.db

# --- audit who-viewed ------------------------------------------------------
"$HEARTH" child add --db u.db --la-child-id K1 --given Ava --family Khan --dob 2019-04-02 --sex F --ethnicity APKN >/dev/null
"$HEARTH" child add --db u.db --la-child-id K2 --given Bo --family Lee --dob 2018-01-02 --sex M --ethnicity WBRI >/dev/null
k1=$(q u.db "SELECT person_id FROM child WHERE la_child_id = 'K1'")
blob="zeroblob(32), zeroblob(32)"
q u.db "INSERT INTO audit (id, at, staff_id, username, role, action, subject_kind, subject_id, route, remote, reason, prev_hash, hash) VALUES
    (1001, 1763630000000, 1, 'sam.okafor', 'social_worker', 'view', 'child', $k1, 'GET /children/$k1', '10.0.0.1', '', $blob),
    (1002, 1763640000000, 1, 'lee.admin', 'cp_chair', 'break_glass', 'child', $k1, 'POST /children/$k1/glass', '10.0.0.2', 'Core group meeting this afternoon', $blob),
    (1003, 1763650000000, 1, 'sam.okafor', 'social_worker', 'edit', 'child', $k1, 'POST /children/$k1', '10.0.0.1', 'bad'||char(27)||'[31m', $blob),
    (1004, 1763660000000, 1, 'ana.p', 'partner_practitioner', 'view', 'household', $k1, 'GET /families/1', '10.0.0.3', '', $blob)"
expect_exit 0 "who-viewed by LA child id" -- "$HEARTH" audit who-viewed K1 --db u.db
contains "who-viewed names the child" "Ava Khan" "$OUT"
contains "who-viewed has a header" "TIME (UTC)" "$OUT"
contains "times are ISO 8601 UTC" "2025-11-20T09:13:20Z" "$OUT"
contains "actions are labelled" "Broke the glass" "$OUT"
contains "the reason is shown" "Core group meeting this afternoon" "$OUT"
contains "the route is shown" "GET /children/$k1" "$OUT"
check "rows about other subjects are left out" -- test "$(printf '%s\n' "$OUT" | grep -c ana.p)" -eq 0
check "newest first" -- test "$(printf '%s\n' "$OUT" | grep -o 'Changed\|Broke the glass\|Viewed' | tr '\n' ,)" = "Changed,Broke the glass,Viewed,"
check "control characters are not printed" -- test "$(printf '%s' "$OUT" | grep -c $'\e')" -eq 0
expect_exit 0 "who-viewed by hearth id" -- "$HEARTH" audit who-viewed "id:$k1" --db u.db
contains "id:N finds the same child" "Broke the glass" "$OUT"
expect_exit 0 "who-viewed --limit" -- "$HEARTH" audit who-viewed K1 --limit 1 --db u.db
contains "--limit keeps the newest" "Changed" "$OUT"
contains "--limit says there are more" "of 3 rows" "$OUT"
expect_exit 0 "who-viewed a child nobody opened" -- "$HEARTH" audit who-viewed K2 --db u.db
contains "no rows is said" "no audit rows" "$OUT"
expect_exit 1 "who-viewed an unknown child" -- "$HEARTH" audit who-viewed NOPE --db u.db
contains "unknown child is named" '"NOPE"' "$ERR"
expect_exit 1 "who-viewed an unknown id" -- "$HEARTH" audit who-viewed id:99999 --db u.db
contains "unknown id is named" '"99999"' "$ERR"
expect_exit 1 "who-viewed a malformed id" -- "$HEARTH" audit who-viewed id:abc --db u.db
expect_exit 2 "who-viewed with no child" -- "$HEARTH" audit who-viewed --db u.db

# --- the demo's sign-ins ---------------------------------------------------
expect_exit 0 "demo with sign-ins" -- "$HEARTH" demo --db demo.db --children 200 --as-of 2026-11-20
contains "demo prints the sign-ins" "Sign in as" "$OUT"
check "one credential for each of the 12 roles" -- test "$(q demo.db "SELECT count(*) || ' ' || count(DISTINCT s.role) FROM credential c JOIN staff s ON s.id = c.staff_id")" = "12 12"
for r in $ROLES; do
	u=$(q demo.db "SELECT s.username FROM credential c JOIN staff s ON s.id = c.staff_id WHERE s.role = '$r'")
	check "sign-in printed for $r" -- test -n "$u" -a "$(printf '%s\n' "$OUT" | grep -c " $u  *ashdown-vale-demo\$")" -eq 1
done
check "sign-ins are active staff" -- test "$(q demo.db "SELECT count(*) FROM credential c JOIN staff s ON s.id = c.staff_id WHERE s.active = 1")" -eq 12
check "the social worker has current work" -- test "$(q demo.db "SELECT count(*) FROM credential c JOIN staff s ON s.id = c.staff_id JOIN allocation a ON a.staff_id = s.id WHERE s.role = 'social_worker' AND a.end_date IS NULL")" -ge 1
check "the team manager's team has current work" -- test "$(q demo.db "SELECT count(*) FROM credential c JOIN staff s ON s.id = c.staff_id JOIN team_member me ON me.staff_id = s.id AND me.end_date IS NULL JOIN team_member tm ON tm.team_id = me.team_id AND tm.end_date IS NULL JOIN allocation a ON a.staff_id = tm.staff_id AND a.end_date IS NULL WHERE s.role = 'team_manager'")" -ge 1
check "normal argon2id cost" -- test "$(q demo.db "SELECT count(*) FROM credential WHERE password_hash LIKE '\$argon2id\$v=19\$m=65536,t=2,%'")" -eq 12
check "no second factor yet" -- test "$(q demo.db "SELECT count(*) FROM credential WHERE totp_secret IS NULL AND totp_enrolled = 0")" -eq 12
check "a different salt for each" -- test "$(q demo.db "SELECT count(DISTINCT password_hash) FROM credential")" -eq 12
expect_exit 0 "demo --no-sign-ins" -- "$HEARTH" demo --db demo2.db --children 50 --as-of 2026-11-20 --no-sign-ins
check "--no-sign-ins gives nobody a password" -- test "$(q demo2.db "SELECT count(*) FROM credential")" -eq 0
check "--no-sign-ins prints none" -- test "$(printf '%s\n' "$OUT" | grep -c 'Sign in as')" -eq 0
expect_exit 0 "audit verify of the demo" -- "$HEARTH" audit verify --db demo.db
