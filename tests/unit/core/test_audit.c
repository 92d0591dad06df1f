/*
 * test_audit.c: audit codes, sealing and chain verification.
 *
 * A chain of rows is sealed, verified, then damaged in every way that
 * matters (a field changed, a row removed, two rows swapped, a row
 * inserted, a hash recomputed without its successors) and verification
 * must stop at the right row each time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/auth.h"
#include "testutil.h"
#include "core/banned.h"

#define N 12

static void
make_chain(struct audit_row *rows, int n)
{
	for (int i = 0; i < n; i++) {
		struct audit_row *r = &rows[i];

		memset(r, 0, sizeof(*r));
		r->id = i + 1;
		r->at_ms = 1780000000000LL + i * 1500;
		r->staff_id = 10 + i % 3;
		snprintf(r->username, sizeof(r->username), "worker.%d", i % 3);
		snprintf(r->role, sizeof(r->role), "social_worker");
		r->action = i % 4 == 3 ? AUDIT_BREAK_GLASS : AUDIT_VIEW;
		r->subject = SUBJECT_CHILD;
		r->subject_id = 100 + i;
		snprintf(r->route, sizeof(r->route), "GET /children/%d",
		    100 + i);
		snprintf(r->remote, sizeof(r->remote), "10.0.0.%d", i);
		if (r->action == AUDIT_BREAK_GLASS)
			snprintf(r->reason, sizeof(r->reason), "Duty call: "
			    "police at the address");
		audit_seal(r, i == 0 ? NULL : rows[i - 1].hash);
	}
}

/* The position (1-based) of the first row that fails, or 0 when all
 * verify. */
static int64_t
first_bad(const struct audit_row *rows, int n)
{
	struct audit_verify v;

	audit_verify_init(&v);
	for (int i = 0; i < n; i++)
		if (!audit_verify_next(&v, &rows[i]))
			return i + 1;
	assert_int_equal(v.rows, n);
	return 0;
}

static void
test_codes_round_trip(void **state)
{
	static const char *const actions[] = { "view", "edit", "create",
		"print", "export", "break_glass", "search", "sign_in",
		"sign_in_failed", "sign_out", "admin" };
	static const char *const subjects[] = { "none", "child", "household",
		"staff", "team", "token" };

	(void)state;
	assert_int_equal(NELEM(actions), AUDIT_ACTION__COUNT);
	for (int i = 0; i < AUDIT_ACTION__COUNT; i++) {
		enum audit_action a;

		assert_string_equal(audit_action_code((enum audit_action)i),
		    actions[i]);
		assert_int_equal(audit_action_parse(actions[i], &a), HERR_OK);
		assert_int_equal(a, i);
	}
	assert_int_equal(NELEM(subjects), SUBJECT__COUNT);
	for (int i = 0; i < SUBJECT__COUNT; i++) {
		enum audit_subject s;

		assert_string_equal(audit_subject_code((enum audit_subject)i),
		    subjects[i]);
		assert_int_equal(audit_subject_parse(subjects[i], &s), HERR_OK);
		assert_int_equal(s, i);
	}
	{
		enum audit_action a;
		enum audit_subject s;

		assert_int_equal(audit_action_parse("View", &a), HERR_INVALID);
		assert_int_equal(audit_action_parse(NULL, &a), HERR_INVALID);
		assert_int_equal(audit_subject_parse("", &s), HERR_INVALID);
		assert_null(audit_action_code(AUDIT_ACTION__COUNT));
		assert_string_equal(audit_action_label(AUDIT_BREAK_GLASS),
		    "Broke the glass");
	}
}

static void
test_intact_chain_verifies(void **state)
{
	struct audit_row rows[N];
	static const unsigned char zero[AUDIT_HASH_BYTES];

	(void)state;
	make_chain(rows, N);
	assert_memory_equal(rows[0].prev, zero, AUDIT_HASH_BYTES);
	for (int i = 1; i < N; i++)
		assert_memory_equal(rows[i].prev, rows[i - 1].hash,
		    AUDIT_HASH_BYTES);
	assert_int_equal(first_bad(rows, N), 0);
	assert_int_equal(first_bad(rows, 0), 0);
}

static void
test_every_field_is_covered(void **state)
{
	struct audit_row rows[N];

	(void)state;
	/* Change each field of row 5 in turn: verification stops there. */
	for (int f = 0; f < 11; f++) {
		struct audit_row *r = &rows[4];

		make_chain(rows, N);
		switch (f) {
		case 0: r->id++; break;
		case 1: r->at_ms++; break;
		case 2: r->staff_id++; break;
		case 3: r->username[0] = 'W'; break;
		case 4: r->role[0] = 'S'; break;
		case 5: r->action = AUDIT_EDIT; break;
		case 6: r->subject = SUBJECT_HOUSEHOLD; break;
		case 7: r->subject_id++; break;
		case 8: r->route[0] = 'P'; break;
		case 9: r->remote[0] = '9'; break;
		case 10: snprintf(r->reason, sizeof(r->reason), "x"); break;
		}
		if (first_bad(rows, N) != 5)
			fail_msg("changing field %d of row 5 was not caught", f);
	}
}

static void
test_removed_swapped_inserted(void **state)
{
	struct audit_row rows[N], cut[N], extra[N + 1];
	struct audit_verify v;

	(void)state;
	make_chain(rows, N);
	/* Row 4 removed: row 5 no longer follows row 3. */
	memcpy(cut, rows, 3 * sizeof(rows[0]));
	memcpy(cut + 3, rows + 4, (N - 4) * sizeof(rows[0]));
	assert_int_equal(first_bad(cut, N - 1), 4);
	audit_verify_init(&v);
	for (int i = 0; i < 3; i++)
		assert_true(audit_verify_next(&v, &cut[i]));
	assert_false(audit_verify_next(&v, &cut[3]));
	assert_non_null(strstr(v.why, "previous-row hash"));
	assert_int_equal(v.last_id, 3);

	/* Rows 7 and 8 swapped. */
	memcpy(cut, rows, sizeof(rows));
	cut[6] = rows[7];
	cut[7] = rows[6];
	assert_int_equal(first_bad(cut, N), 7);

	/* A forged row inserted after row 2, even correctly sealed onto row
	 * 2, breaks row 3's link. */
	memcpy(extra, rows, 2 * sizeof(rows[0]));
	extra[2] = rows[2];
	extra[2].id = 99;
	audit_seal(&extra[2], rows[1].hash);
	memcpy(extra + 3, rows + 2, (N - 2) * sizeof(rows[0]));
	assert_int_equal(first_bad(extra, N + 1), 4);

	/* Re-sealing a changed row hides nothing: its successor fails. */
	memcpy(cut, rows, sizeof(rows));
	cut[8].staff_id = 1;
	audit_seal(&cut[8], cut[7].hash);
	assert_int_equal(first_bad(cut, N), 10);
}

static void
test_contents_failure_says_altered(void **state)
{
	struct audit_row rows[3];
	struct audit_verify v;

	(void)state;
	make_chain(rows, 3);
	rows[1].hash[0] ^= 1;
	audit_verify_init(&v);
	assert_true(audit_verify_next(&v, &rows[0]));
	assert_false(audit_verify_next(&v, &rows[1]));
	assert_non_null(strstr(v.why, "altered"));
	assert_int_equal(v.rows, 1);
}

static void
test_now_follows_the_clock_offset(void **state)
{
	int64_t a, b;

	(void)state;
	a = audit_now_ms();
	auth_clock_offset_set(3600);
	b = audit_now_ms();
	auth_clock_offset_set(0);
	assert_true(b - a >= 3600 * 1000 - 1000);
	assert_true(b - a <= 3600 * 1000 + 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_round_trip),
		cmocka_unit_test(test_intact_chain_verifies),
		cmocka_unit_test(test_every_field_is_covered),
		cmocka_unit_test(test_removed_swapped_inserted),
		cmocka_unit_test(test_contents_failure_says_altered),
		cmocka_unit_test(test_now_follows_the_clock_offset),
	};

	if (auth_init() != HERR_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
