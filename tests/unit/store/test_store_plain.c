/*
 * test_store_plain.c: the authority's own plain-language terms
 * (store_plain.h): a new database has none; a term added is listed, in
 * alphabetical order regardless of case, with who added it and when;
 * adding the same term in another case replaces it rather than adding a
 * second; removing is case-insensitive and says when there was nothing to
 * remove; a term plain_term_valid refuses is never written; a full list
 * stops at the caller's room; and the terms are still there after the
 * database is closed and opened again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/text.h"
#include "store/store_internal.h"
#include "store/store_plain.h"
#include "testutil.h"
#include "core/banned.h"

static char dir[64];
static char path[128];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/hearth-test-plain-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/plain.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct store *
open_db(bool fresh)
{
	struct store *st = NULL;
	struct hdiag d;

	if (fresh)
		unlink(path);
	assert_int_equal(store_open(path, STORE_MIGRATE, &st, NULL, &d),
	    HERR_OK);
	return st;
}

static struct plain_term
term(const char *t, const char *p)
{
	struct plain_term x;

	memset(&x, 0, sizeof(x));
	assert_int_equal(text_copy(x.term, sizeof(x.term), t), HERR_OK);
	assert_int_equal(text_copy(x.plain, sizeof(x.plain), p), HERR_OK);
	return x;
}

static void
set(struct store *st, const char *t, const char *p, int64_t by,
    int64_t now)
{
	struct plain_term x = term(t, p);

	assert_int_equal(store_begin(st), HERR_OK);
	assert_int_equal(store_plain_term_set(st, &x, by, now), HERR_OK);
	assert_int_equal(store_commit(st), HERR_OK);
}

static int64_t
one_int(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
	    SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A member of staff to name as the one who added a term. */
static int64_t
a_staff(struct store *st)
{
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO agency "
	    "(name, kind) VALUES ('Plain Council', 'local_authority');"
	    "INSERT INTO staff (username, given_name, family_name, role, "
	    "agency_id) VALUES ('plain.admin', 'Pat', 'Admin', "
	    "'administrator', last_insert_rowid());", NULL, NULL, NULL),
	    SQLITE_OK);
	return one_int(st, "SELECT id FROM staff WHERE username = "
	    "'plain.admin'");
}

static void
test_none_at_first(void **state)
{
	struct store *st = open_db(true);
	struct plain_term out[4];
	int n = -1;

	(void)state;
	assert_int_equal(store_plain_terms(st, out, 4, &n), HERR_OK);
	assert_int_equal(n, 0);
	store_close(st);
}

static void
test_add_list_replace_remove(void **state)
{
	struct store *st = open_db(true);
	struct plain_term out[8];
	int64_t admin = a_staff(st);
	int n = 0;

	(void)state;
	set(st, "zebra crossing", "where to cross", admin, 1700000000);
	set(st, "TAC", "the workers who help the child", admin, 1700000001);
	set(st, "agency", "the service", 0, 1700000002);
	assert_int_equal(store_plain_terms(st, out, 8, &n), HERR_OK);
	assert_int_equal(n, 3);
	/* Alphabetical whatever the case. */
	assert_string_equal(out[0].term, "agency");
	assert_string_equal(out[0].plain, "the service");
	assert_string_equal(out[1].term, "TAC");
	assert_string_equal(out[1].plain, "the workers who help the child");
	assert_string_equal(out[2].term, "zebra crossing");
	/* Who and when. */
	assert_int_equal(one_int(st, "SELECT added_by FROM plain_term WHERE "
	    "term = 'TAC'"), admin);
	assert_int_equal(one_int(st, "SELECT added_at FROM plain_term WHERE "
	    "term = 'TAC'"), 1700000001);
	assert_int_equal(one_int(st, "SELECT added_by FROM plain_term WHERE "
	    "term = 'agency'"), 0);	/* NULL: nobody named */

	/* The same term in another case replaces it. */
	set(st, "tac", "team around the child", admin, 1700000100);
	assert_int_equal(store_plain_terms(st, out, 8, &n), HERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(out[1].term, "tac");
	assert_string_equal(out[1].plain, "team around the child");
	assert_int_equal(one_int(st, "SELECT added_at FROM plain_term WHERE "
	    "term = 'tac'"), 1700000100);

	/* Removing is case-insensitive; twice is not found. */
	assert_int_equal(store_plain_term_remove(st, "TAC"), HERR_OK);
	assert_int_equal(store_plain_term_remove(st, "TAC"), HERR_NOTFOUND);
	assert_int_equal(store_plain_term_remove(st, "nothing"),
	    HERR_NOTFOUND);
	assert_int_equal(store_plain_term_remove(st, ""), HERR_NOTFOUND);
	assert_int_equal(store_plain_term_remove(st, NULL), HERR_NOTFOUND);
	assert_int_equal(store_plain_terms(st, out, 8, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].term, "agency");
	assert_string_equal(out[1].term, "zebra crossing");
	store_close(st);
}

static void
test_invalid_never_written(void **state)
{
	static const struct {
		const char *term, *plain;
	} bad[] = {
		{ "", "empty" },
		{ " LAC", "a space first" },
		{ "L.A.C", "a full stop" },
		{ "LAC", "" },
		{ "LAC", "two\nlines" },
	};
	struct store *st = open_db(true);
	struct plain_term x, out[2];
	int n = -1;

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++) {
		x = term(bad[i].term, bad[i].plain);
		assert_int_equal(store_plain_term_set(st, &x, 0, 1),
		    HERR_INVALID);
	}
	assert_int_equal(store_plain_terms(st, out, 2, &n), HERR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM plain_term"), 0);
	store_close(st);
}

static void
test_room_and_reopen(void **state)
{
	struct store *st = open_db(true);
	struct plain_term out[3];
	int n = 0;

	(void)state;
	set(st, "cc", "three", 0, 3);
	set(st, "aa", "one", 0, 1);
	set(st, "bb", "two", 0, 2);
	memset(out, 0x5a, sizeof(out));
	assert_int_equal(store_plain_terms(st, out, 2, &n), HERR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].term, "aa");
	assert_string_equal(out[1].term, "bb");
	for (size_t k = 0; k < sizeof(out[2]); k++)
		assert_int_equal(((unsigned char *)&out[2])[k], 0x5a);
	/* The list is usable again at once (the statement was reset). */
	assert_int_equal(store_plain_terms(st, out, 3, &n), HERR_OK);
	assert_int_equal(n, 3);
	store_close(st);

	st = open_db(false);
	assert_int_equal(store_plain_terms(st, out, 3, &n), HERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(out[2].term, "cc");
	assert_string_equal(out[2].plain, "three");
	store_close(st);
}

/* The checker with the authority's terms read back from the store. */
static void
test_terms_reach_the_checker(void **state)
{
	struct store *st = open_db(true);
	struct plain_term terms[PLAIN_TERMS_MAX];
	struct plain_flag f[2];
	int n = 0;

	(void)state;
	set(st, "TAC", "the workers who help the child", 0, 1);
	set(st, "neglect", "our own words", 0, 2);
	assert_int_equal(store_plain_terms(st, terms, PLAIN_TERMS_MAX, &n),
	    HERR_OK);
	assert_int_equal(plain_check("The TAC saw neglect.", terms, n, f, 2),
	    2);
	assert_string_equal(f[0].text, "TAC");
	assert_string_equal(f[0].plain, "the workers who help the child");
	assert_string_equal(f[1].text, "neglect");
	assert_string_equal(f[1].plain, "our own words");
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_none_at_first),
		cmocka_unit_test(test_add_list_replace_remove),
		cmocka_unit_test(test_invalid_never_written),
		cmocka_unit_test(test_room_and_reopen),
		cmocka_unit_test(test_terms_reach_the_checker),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
