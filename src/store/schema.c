/*
 * schema.c: hearth's database schema as numbered migrations.
 *
 * Migration N takes a database at schema version N-1 to version N.  Each is
 * applied in one transaction together with the version bump, so a database
 * is always at exactly one version.  Never edit a migration that has been
 * released: add a new one.  Every table is STRICT; dates are ISO text
 * checked by SQLite's date() so that a malformed date cannot be stored even
 * by a tool that bypasses hearth.
 */
#include <stddef.h>

#include "store/store_internal.h"
#include "core/banned.h"

/*
 * A column holding an ISO date (or NULL).  date() alone passes 2025-02-30
 * through unchanged; going through julianday() normalises it to 2025-03-02,
 * so only a real date compares equal to itself.
 */
#define DATE_COL(c) \
	c " TEXT CHECK (" c " IS NULL OR date(julianday(" c ")) IS " c ")"

static const char *const migrations[] = {
	/* 1: the authority's settings, people, households, relationships. */
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('child', 'adult')),"
	"  given_name TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),"
	"  family_name TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),"
	"  " DATE_COL("birth_date") ","
	"  sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'U')),"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)"
	") STRICT;"
	"CREATE TABLE child ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id),"
	"  la_child_id TEXT NOT NULL UNIQUE"
	"    CHECK (length(la_child_id) BETWEEN 1 AND 10),"
	"  " DATE_COL("expected_birth_date") ","
	"  " DATE_COL("death_date") ","
	"  ethnicity TEXT NOT NULL CHECK (length(ethnicity) = 4),"
	"  upn TEXT UNIQUE CHECK (upn IS NULL OR length(upn) = 13),"
	"  former_upn TEXT CHECK (former_upn IS NULL OR length(former_upn) = 13),"
	"  upn_unknown TEXT CHECK (upn_unknown IS NULL OR upn IS NULL)"
	") STRICT;"
	"CREATE TABLE child_disability ("
	"  child_id INTEGER NOT NULL REFERENCES child(person_id),"
	"  code TEXT NOT NULL,"
	"  PRIMARY KEY (child_id, code)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE household ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),"
	"  postcode TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)"
	") STRICT;"
	"CREATE TABLE household_member ("
	"  id INTEGER PRIMARY KEY,"
	"  household_id INTEGER NOT NULL REFERENCES household(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  " DATE_COL("start_date") ","
	"  " DATE_COL("end_date") ","
	"  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)"
	") STRICT;"
	"CREATE INDEX household_member_person ON household_member(person_id);"
	"CREATE INDEX household_member_household"
	"  ON household_member(household_id);"
	"CREATE TABLE relationship ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  relative_id INTEGER NOT NULL REFERENCES person(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('mother', 'father', 'step_parent',"
	"    'partner', 'sibling', 'grandparent', 'other_relative', 'friend',"
	"    'carer')),"
	"  parental_responsibility INTEGER NOT NULL"
	"    CHECK (parental_responsibility IN (0, 1)),"
	"  " DATE_COL("start_date") ","
	"  " DATE_COL("end_date") ","
	"  CHECK (person_id <> relative_id),"
	"  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)"
	") STRICT;"
	"CREATE INDEX relationship_person ON relationship(person_id);"
	"CREATE INDEX relationship_relative ON relationship(relative_id);",

	/* 2: agencies, staff, teams and allocations. */
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),"
	"  kind TEXT NOT NULL CHECK (kind IN ('local_authority', 'police',"
	"    'health', 'education', 'probation', 'other'))"
	") STRICT;"
	"CREATE TABLE staff ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 64),"
	"  given_name TEXT NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),"
	"  family_name TEXT NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),"
	"  email TEXT,"
	"  role TEXT NOT NULL CHECK (role IN ('social_worker', 'team_manager',"
	"    'cp_chair', 'da_victim_worker', 'da_perpetrator_worker',"
	"    'mental_health_worker', 'substance_misuse_worker',"
	"    'probation_officer', 'fgc_coordinator', 'partner_practitioner',"
	"    'performance_analyst', 'administrator')),"
	"  agency_id INTEGER NOT NULL REFERENCES agency(id),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)"
	") STRICT;"
	"CREATE TABLE team ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),"
	"  kind TEXT NOT NULL CHECK (kind IN ('assessment', 'child_in_need',"
	"    'family_safeguarding', 'children_in_care', 'conference', 'fgc',"
	"    'performance', 'other')),"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)"
	") STRICT;"
	"CREATE TABLE team_member ("
	"  id INTEGER PRIMARY KEY,"
	"  team_id INTEGER NOT NULL REFERENCES team(id),"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  " DATE_COL("start_date") " NOT NULL,"
	"  " DATE_COL("end_date") ","
	"  CHECK (end_date IS NULL OR end_date >= start_date)"
	") STRICT;"
	"CREATE INDEX team_member_team ON team_member(team_id);"
	"CREATE INDEX team_member_staff ON team_member(staff_id);"
	"CREATE TABLE allocation ("
	"  id INTEGER PRIMARY KEY,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  child_id INTEGER REFERENCES child(person_id),"
	"  household_id INTEGER REFERENCES household(id),"
	"  " DATE_COL("start_date") " NOT NULL,"
	"  " DATE_COL("end_date") ","
	"  CHECK ((child_id IS NULL) <> (household_id IS NULL)),"
	"  CHECK (end_date IS NULL OR end_date >= start_date)"
	") STRICT;"
	"CREATE INDEX allocation_staff ON allocation(staff_id, end_date);"
	"CREATE INDEX allocation_child ON allocation(child_id);"
	"CREATE INDEX allocation_household ON allocation(household_id);",

	/* 3: Children in Need episodes (CIN census CINdetails). */
	"CREATE TABLE cin_episode ("
	"  id INTEGER PRIMARY KEY,"
	"  child_id INTEGER NOT NULL REFERENCES child(person_id),"
	"  " DATE_COL("referral_date") " NOT NULL,"
	"  referral_source TEXT NOT NULL,"
	"  primary_need TEXT,"
	"  referral_nfa INTEGER NOT NULL CHECK (referral_nfa IN (0, 1)),"
	"  " DATE_COL("closure_date") ","
	"  closure_reason TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	"  CHECK ((closure_date IS NULL) = (closure_reason IS NULL)),"
	"  CHECK (closure_date IS NULL OR closure_date >= referral_date)"
	") STRICT;"
	"CREATE INDEX cin_episode_child ON cin_episode(child_id, referral_date);"
	"CREATE INDEX cin_episode_referral ON cin_episode(referral_date);",
};

const char *const *
store_migrations(int *n)
{
	*n = (int)(sizeof(migrations) / sizeof(migrations[0]));
	return migrations;
}
