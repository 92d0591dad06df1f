/*
 * test_auth.c: password policy and hashing, tokens, TOTP, the enrolment QR
 * code, and the lockout and session-lifetime rules.
 *
 * Expected values come from outside auth.c: the TOTP codes are RFC 6238's
 * appendix B vectors (SHA-1 rows, last six digits), the token hash was
 * computed with Python's hashlib.blake2b(digest_size=32), and the QR SVG is
 * checked module by module against libqrencode's own matrix.  Hashing runs
 * at libsodium's minimum cost except in the tests marked full cost.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qrencode.h>

#include "core/auth.h"
#include "testutil.h"
#include "core/banned.h"

/* A 43-character token of every base64url class. */
#define T43 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_Z"
#define T43_BLAKE2B \
	"080552231bbd22db8efbf078dbfc8f8cfe1ebf70bda2df2060181d0540cfcdd1"

/* RFC 6238 appendix B: the ASCII secret "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static int
setup(void **state)
{
	(void)state;
	assert_int_equal(auth_init(), HERR_OK);
	auth_set_cost_for_tests(true);
	auth_clock_offset_set(0);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Initialisation                                                      */

static void *
init_thread(void *arg)
{
	enum herr *rc = arg;

	*rc = auth_init();
	return NULL;
}

static void
test_init_threads(void **state)
{
	pthread_t t[8];
	enum herr rc[8];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		rc[i] = HERR_ENV;
		assert_int_equal(pthread_create(&t[i], NULL, init_thread,
		    &rc[i]), 0);
	}
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(rc[i], HERR_OK);
	}
	assert_int_equal(auth_init(), HERR_OK);
}

/* ------------------------------------------------------------------ */
/* Password policy                                                     */

struct pw_case {
	const char *pw;
	const char *user;
	const char *msg;	/* a phrase of the refusal; NULL when valid */
};

static const struct pw_case pw_valid[] = {
	{ "correct horse battery staple", "amara.okafor", NULL },
	{ "tr0ub4dor&3x", "amara.okafor", NULL },	/* exactly 12 */
	{ "Zo\xc3\xab's garden", "zoe", NULL },	/* 12 chars, 13 bytes */
	{ "\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82"
	  "\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82"
	  "\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82\xf0\x9f\x99\x82",
	  NULL, NULL },				/* 12 emoji, 48 bytes */
	{ "  spaced out passphrase  ", "sam", NULL },	/* spaces kept */
	{ "journey to the west", "jo", NULL },	/* short username */
	{ "no username given here", NULL, NULL },
	{ "no username given here", "", NULL },
	{ "password12345x", "sam", NULL },	/* not on the list itself */
	{ "my password1234", "sam", NULL },
	{ "\xc2\xa0nbsp is not control", "sam", NULL },
	{ "amar okafor house", "amara", NULL },	/* near miss */
};

static const struct pw_case pw_invalid[] = {
	{ "", "sam", "Password is missing" },
	{ NULL, "sam", "Password is missing" },
	{ "short pass1", "sam", "too short: 11 characters, at least 12" },
	{ "abcdefghij\xc3\xa9", "sam", "too short: 11 characters" },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	  "\xc3\xa9\xc3\xa9\xc3\xa9", "sam", "too short: 11 characters" },
	{ "a valid length \xc3\x28 but bad", "sam", "not valid UTF-8" },
	{ "surrogate \xed\xa0\x80 in here", "sam", "not valid UTF-8" },
	{ "truncated at the end \xe2\x82", "sam", "not valid UTF-8" },
	{ "tab\tinside the password", "sam", "control character" },
	{ "newline inside the\npassword", "sam", "control character" },
	{ "carriage return\r here", "sam", "control character" },
	{ "delete char \x7f here", "sam", "control character" },
	{ "escape \x1b[31m red text", "sam", "control character" },
	{ "C1 control \xc2\x85 next line", "sam", "control character" },
	{ "my name is amara okafor", "amara", "must not contain your username" },
	{ "my name is AMARA okafor", "amara", "must not contain your username" },
	{ "amara.okafor2024!", "Amara.Okafor", "must not contain your username" },
	{ "prefix-sam-suffix", "sam", "must not contain your username" },
	{ "password1234", "sam", "most commonly used" },
	{ "PASSWORD1234", "sam", "most commonly used" },
	{ "Password123!", "sam", "most commonly used" },
	{ "123456789012", "sam", "most commonly used" },
	{ "qwertyuiop12", "sam", "most commonly used" },
	{ "letmein12345", "sam", "most commonly used" },
	{ "iloveyou1234", "sam", "most commonly used" },
	{ "1qaz2wsx3edc", "sam", "most commonly used" },
	{ "administrator", "sam", "most commonly used" },
};

static void
test_password_valid(void **state)
{
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(pw_valid); i++) {
		hdiag_clear(&d);
		if (auth_password_check(pw_valid[i].pw, pw_valid[i].user, &d)
		    != HERR_OK)
			fail_msg("case %zu refused: %s", i, d.msg);
		assert_string_equal(d.msg, "");
	}
}

static void
test_password_invalid(void **state)
{
	struct hdiag d;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(pw_invalid); i++) {
		const struct pw_case *c = &pw_invalid[i];

		hdiag_clear(&d);
		if (auth_password_check(c->pw, c->user, &d) != HERR_INVALID)
			fail_msg("case %zu accepted", i);
		assert_string_equal(d.field, "password");
		if (strstr(d.msg, c->msg) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, d.msg,
			    c->msg);
		if (strncmp(d.msg, "Password", 8) != 0)
			fail_msg("case %zu: \"%s\" does not name the field",
			    i, d.msg);
		/* A password is never echoed into a diag. */
		assert_string_equal(d.value, "");
		if (c->pw != NULL && c->pw[0] != '\0')
			assert_null(strstr(d.msg, c->pw));
		assert_int_equal(auth_password_check(c->pw, c->user, NULL),
		    HERR_INVALID);
	}
}

/* 12 characters and 128 bytes are allowed; 11 and 129 are not. */
static void
test_password_length_boundaries(void **state)
{
	char buf[AUTH_PW_MAX_BYTES + 2];
	struct hdiag d;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	buf[AUTH_PW_MAX_BYTES] = '\0';
	assert_int_equal(auth_password_check(buf, "sam", &d), HERR_OK);
	buf[AUTH_PW_MAX_BYTES] = 'x';
	buf[AUTH_PW_MAX_BYTES + 1] = '\0';
	assert_int_equal(auth_password_check(buf, "sam", &d), HERR_INVALID);
	assert_non_null(strstr(d.msg, "too long: 129 bytes, at most 128"));
	assert_string_equal(d.value, "");
	buf[AUTH_PW_MIN_CHARS] = '\0';
	assert_int_equal(auth_password_check(buf, "sam", &d), HERR_OK);
	buf[AUTH_PW_MIN_CHARS - 1] = '\0';
	assert_int_equal(auth_password_check(buf, "sam", &d), HERR_INVALID);
	assert_non_null(strstr(d.msg, "too short"));
	/* 64 two-byte characters are 128 bytes: allowed. */
	for (int i = 0; i < 64; i++)
		memcpy(buf + 2 * i, "\xc3\xa9", 2);
	buf[128] = '\0';
	assert_int_equal(auth_password_check(buf, "sam", &d), HERR_OK);
}

/* ------------------------------------------------------------------ */
/* Password hashing                                                    */

static void
test_password_hash_verify(void **state)
{
	const char *pw = "correct horse battery staple";
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
	bool ok, rehash;

	(void)state;
	assert_int_equal(auth_password_hash(pw, h1), HERR_OK);
	assert_int_equal(auth_password_hash(pw, h2), HERR_OK);
	assert_int_equal(strncmp(h1, "$argon2id$v=19$", 15), 0);
	assert_non_null(strstr(h1, "m=8,t=1,p=1$"));	/* test cost */
	assert_null(strstr(h1, pw));
	/* A fresh salt every time. */
	assert_string_not_equal(h1, h2);

	assert_int_equal(auth_password_verify(h1, pw, &ok, &rehash), HERR_OK);
	assert_true(ok);
	assert_false(rehash);
	assert_int_equal(auth_password_verify(h2, pw, &ok, NULL), HERR_OK);
	assert_true(ok);

	static const char *const wrong[] = {
		"correct horse battery stapl", "correct horse battery staple ",
		"Correct horse battery staple", "", "x",
	};
	for (size_t i = 0; i < NELEM(wrong); i++) {
		rehash = true;
		assert_int_equal(auth_password_verify(h1, wrong[i], &ok,
		    &rehash), HERR_OK);
		if (ok)
			fail_msg("wrong password %zu accepted", i);
		assert_false(rehash);
	}
}

static void
test_password_verify_bad_hash(void **state)
{
	char long_hash[300];
	bool ok = true, rehash = true;

	(void)state;
	static const char *const bad[] = {
		"", "plain text", "$2y$10$abcdefghijklmnopqrstuv",
		"$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
		"argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
	};
	for (size_t i = 0; i < NELEM(bad); i++) {
		ok = rehash = true;
		if (auth_password_verify(bad[i], "whatever password", &ok,
		    &rehash) != HERR_INVALID)
			fail_msg("bad hash %zu accepted", i);
		assert_false(ok);
		assert_false(rehash);
	}
	memset(long_hash, 'a', sizeof(long_hash) - 1);
	memcpy(long_hash, "$argon2id$", 10);
	long_hash[sizeof(long_hash) - 1] = '\0';
	assert_int_equal(auth_password_verify(long_hash, "pw", &ok, NULL),
	    HERR_INVALID);
	assert_int_equal(auth_password_verify(NULL, "pw", &ok, NULL),
	    HERR_INVALID);
	/* A damaged hash of the right kind is simply no match. */
	assert_int_equal(auth_password_verify("$argon2id$garbage", "pw", &ok,
	    NULL), HERR_OK);
	assert_false(ok);
	assert_int_equal(auth_password_hash(NULL, long_hash), HERR_INVALID);
}

/* A hash made at one cost asks to be remade at the other. */
static void
test_password_needs_rehash(void **state)
{
	char h[AUTH_HASH_MAX];
	bool ok, rehash;

	(void)state;
	assert_int_equal(auth_password_hash("correct horse battery", h),
	    HERR_OK);
	auth_set_cost_for_tests(false);
	assert_int_equal(auth_password_verify(h, "correct horse battery", &ok,
	    &rehash), HERR_OK);
	auth_set_cost_for_tests(true);
	assert_true(ok);
	assert_true(rehash);
	assert_int_equal(auth_password_verify(h, "correct horse battery", &ok,
	    &rehash), HERR_OK);
	assert_true(ok);
	assert_false(rehash);
}

static double
ms_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

/* Full cost: the production parameters, and the dummy verify spends about
 * as long as a real one (so an unknown username is not faster). */
static void
test_password_full_cost(void **state)
{
	char h[AUTH_HASH_MAX];
	struct timespec t0;
	double real, dummy;
	bool ok, rehash;

	(void)state;
	auth_set_cost_for_tests(false);
	assert_int_equal(auth_password_hash("correct horse battery staple", h),
	    HERR_OK);
	assert_non_null(strstr(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(auth_password_verify(h, "correct horse battery staple",
	    &ok, &rehash), HERR_OK);
	real = ms_since(&t0);
	assert_true(ok);
	assert_false(rehash);
	assert_int_equal(auth_password_verify(h, "wrong horse battery staple",
	    &ok, &rehash), HERR_OK);
	assert_false(ok);

	auth_password_dummy_verify("warm up: makes the dummy hash");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	auth_password_dummy_verify("some guess at a password");
	dummy = ms_since(&t0);
	auth_set_cost_for_tests(true);
	if (dummy < real / 3)
		fail_msg("dummy verify %.1f ms, real %.1f ms", dummy, real);
}

static void
test_password_dummy_low_cost(void **state)
{
	(void)state;
	auth_password_dummy_verify("correct horse battery staple");
	auth_password_dummy_verify("");
	auth_password_dummy_verify(NULL);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static int
cmp_token(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
test_token_new_distinct(void **state)
{
	enum { N = 1000 };
	char (*t)[AUTH_TOKEN_TEXT] = calloc(N, sizeof(*t));
	size_t i;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < N; i++) {
		assert_int_equal(auth_token_new(t[i]), HERR_OK);
		assert_int_equal(strlen(t[i]), AUTH_TOKEN_TEXT - 1);
		if (!auth_token_valid_form(t[i]))
			fail_msg("token %zu \"%s\" has a bad form", i, t[i]);
	}
	qsort(t, N, sizeof(*t), cmp_token);
	for (i = 1; i < N; i++)
		if (strcmp(t[i - 1], t[i]) == 0)
			fail_msg("duplicate token %s", t[i]);
	free(t);
}

static const char *const token_valid[] = {
	T43,
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	"-------------------------------------------",
	"___________________________________________",
	"0123456789012345678901234567890123456789012",
};

/* T43 with one byte replaced. */
struct token_bad {
	size_t at;
	char c;
};

static const struct token_bad token_invalid[] = {
	{ 0, '+' }, { 42, '/' }, { 42, '=' }, { 20, ' ' }, { 0, ' ' },
	{ 10, '.' }, { 5, '~' }, { 42, '\n' }, { 7, '\x80' }, { 1, '%' },
	{ 42, '\0' },			/* 42 characters */
};

static void
test_token_valid_form(void **state)
{
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(token_valid); i++)
		if (!auth_token_valid_form(token_valid[i]))
			fail_msg("valid %zu refused", i);
	for (i = 0; i < NELEM(token_invalid); i++) {
		memcpy(buf, T43, sizeof(T43));
		buf[token_invalid[i].at] = token_invalid[i].c;
		if (auth_token_valid_form(buf))
			fail_msg("invalid %zu accepted", i);
	}
	assert_false(auth_token_valid_form(NULL));
	assert_false(auth_token_valid_form(""));
	assert_false(auth_token_valid_form(T43 "A"));		/* 44 */
	assert_false(auth_token_valid_form(T43 "="));
	assert_false(auth_token_valid_form(T43 T43));
	assert_false(auth_token_valid_form(T43 " "));
	assert_false(auth_token_valid_form(" " T43));
	assert_false(auth_token_valid_form("hrth_" T43));
}

static void
test_token_hash(void **state)
{
	unsigned char a[AUTH_TOKEN_HASH_BYTES], b[AUTH_TOKEN_HASH_BYTES];
	char hex[AUTH_TOKEN_HASH_HEX], hex2[AUTH_TOKEN_HASH_HEX];
	char t1[AUTH_TOKEN_TEXT], t2[AUTH_TOKEN_TEXT];

	(void)state;
	assert_int_equal(auth_token_hash_hex(T43, hex), HERR_OK);
	assert_string_equal(hex, T43_BLAKE2B);
	assert_int_equal(auth_token_hash(T43, a), HERR_OK);
	for (size_t i = 0; i < sizeof(a); i++) {
		char two[3];

		snprintf(two, sizeof(two), "%02x", a[i]);
		assert_memory_equal(two, hex + 2 * i, 2);
	}

	assert_int_equal(auth_token_new(t1), HERR_OK);
	assert_int_equal(auth_token_new(t2), HERR_OK);
	assert_int_equal(auth_token_hash(t1, a), HERR_OK);
	assert_int_equal(auth_token_hash(t1, b), HERR_OK);
	assert_memory_equal(a, b, sizeof(a));			/* stable */
	assert_int_equal(auth_token_hash(t2, b), HERR_OK);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_int_equal(auth_token_hash_hex(t1, hex), HERR_OK);
	assert_int_equal(auth_token_hash_hex(t2, hex2), HERR_OK);
	assert_string_not_equal(hex, hex2);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(strspn(hex, "0123456789abcdef"), 64);

	/* Nothing that is not a token is hashed. */
	assert_int_equal(auth_token_hash("", a), HERR_INVALID);
	assert_int_equal(auth_token_hash(NULL, a), HERR_INVALID);
	assert_int_equal(auth_token_hash(T43 "x", a), HERR_INVALID);
	assert_int_equal(auth_token_hash_hex("a+b", hex), HERR_INVALID);
	assert_string_equal(hex, "");
}

static void
test_equal(void **state)
{
	(void)state;
	assert_true(auth_equal("abcdef", "abcdef", 6));
	assert_false(auth_equal("abcdef", "abcdeg", 6));
	assert_false(auth_equal("abcdef", "bbcdef", 6));
	assert_true(auth_equal("abcdef", "abcxyz", 3));
	assert_true(auth_equal("a", "b", 0));
}

static const char *const api_invalid[] = {
	"", "hrth_", "hrth", T43, "hrth" T43, "HRTH_" T43, "hrt_" T43,
	"hrth-" T43, " hrth_" T43, "hrth_ " T43, "hrth_" T43 "A",
	"hrth_" T43 "\n", "hrth_hrth_" T43,
	"hrth_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_",	/* 42 */
	"hrth_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123+_Z",
	"Bearer hrth_" T43,
};

static void
test_api_token(void **state)
{
	char t[AUTH_API_TOKEN_TEXT], t2[AUTH_API_TOKEN_TEXT];
	unsigned char a[AUTH_TOKEN_HASH_BYTES], b[AUTH_TOKEN_HASH_BYTES];
	const char *tok;
	size_t i;

	(void)state;
	assert_int_equal(auth_api_token_new(t), HERR_OK);
	assert_int_equal(auth_api_token_new(t2), HERR_OK);
	assert_string_not_equal(t, t2);
	assert_int_equal(strlen(t), AUTH_API_TOKEN_TEXT - 1);
	assert_int_equal(strncmp(t, "hrth_", 5), 0);
	assert_int_equal(auth_api_token_split(t, &tok), HERR_OK);
	assert_ptr_equal(tok, t + 5);
	assert_true(auth_token_valid_form(tok));
	assert_int_equal(auth_token_hash(tok, a), HERR_OK);
	assert_int_equal(auth_token_hash(t + 5, b), HERR_OK);
	assert_memory_equal(a, b, sizeof(a));

	assert_int_equal(auth_api_token_split("hrth_" T43, &tok), HERR_OK);
	assert_string_equal(tok, T43);
	for (i = 0; i < NELEM(api_invalid); i++) {
		tok = "unset";
		if (auth_api_token_split(api_invalid[i], &tok) != HERR_INVALID)
			fail_msg("API token %zu accepted", i);
		assert_null(tok);
	}
	assert_int_equal(auth_api_token_split(NULL, &tok), HERR_INVALID);
	assert_null(tok);
}

/* ------------------------------------------------------------------ */
/* TOTP                                                                */

struct totp_vec {
	int64_t t;
	const char *code;
};

/* RFC 6238 appendix B, SHA-1, the last 6 of the 8 digits. */
static const struct totp_vec rfc6238[] = {
	{ 59, "287082" },		/* 94287082 */
	{ 1111111109, "081804" },	/* 07081804 */
	{ 1111111111, "050471" },	/* 14050471 */
	{ 1234567890, "005924" },	/* 89005924 */
	{ 2000000000, "279037" },	/* 69279037 */
	{ 20000000000, "353130" },	/* 65353130 */
};

static void
test_totp_rfc_vectors(void **state)
{
	char code[AUTH_TOTP_CODE_TEXT];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(rfc6238); i++) {
		assert_int_equal(auth_totp_code(RFC_SECRET, rfc6238[i].t, code),
		    HERR_OK);
		if (strcmp(code, rfc6238[i].code) != 0)
			fail_msg("T=%lld: %s, want %s",
			    (long long)rfc6238[i].t, code, rfc6238[i].code);
		/* Lower-case base32 is the same secret. */
		assert_int_equal(auth_totp_code(
		    "gezdgnbvgy3tqojqgezdgnbvgy3tqojq", rfc6238[i].t, code),
		    HERR_OK);
		assert_string_equal(code, rfc6238[i].code);
	}
	/* The same 30-second step gives the same code. */
	assert_int_equal(auth_totp_code(RFC_SECRET, 30, code), HERR_OK);
	assert_string_equal(code, "287082");
	/* 16 bytes 00..0f, with and without padding (Python's hmac). */
	assert_int_equal(auth_totp_code("AAAQEAYEAUDAOCAJBIFQYDIOB4",
	    1111111111, code), HERR_OK);
	assert_string_equal(code, "649149");
	assert_int_equal(auth_totp_code("AAAQEAYEAUDAOCAJBIFQYDIOB4======",
	    1111111111, code), HERR_OK);
	assert_string_equal(code, "649149");
}

static const char *const secret_invalid[] = {
	"",
	"GEZDGNBVGY3TQOJQ",			/* 10 bytes: under 128 bits */
	"AAAQEAYEAUDAOCAJBIFQYDIOB4A",		/* 27 chars: no such length */
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",	/* '1' is not base32 */
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ0",
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ8",
	"GEZDGNBVGY3TQOJQ GEZDGNBVGY3TQOJQ",
	"GEZDGNBVGY3TQOJQ=GEZDGNBVGY3TQOJQ",
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n",
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
};

static void
test_totp_bad_secret(void **state)
{
	char code[AUTH_TOTP_CODE_TEXT];
	int64_t step;
	bool ok;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(secret_invalid); i++) {
		if (auth_totp_code(secret_invalid[i], 59, code) !=
		    HERR_INVALID)
			fail_msg("secret %zu accepted", i);
		assert_string_equal(code, "");
		assert_int_equal(auth_totp_verify(secret_invalid[i], "287082",
		    59, 0, &step, &ok), HERR_INVALID);
		assert_false(ok);
	}
	assert_int_equal(auth_totp_code(NULL, 59, code), HERR_INVALID);
	assert_int_equal(auth_totp_code(RFC_SECRET, -1, code), HERR_INVALID);
	assert_int_equal(auth_totp_verify(RFC_SECRET, "287082", -1, 0, &step,
	    &ok), HERR_INVALID);
}

static void
test_totp_secret_new(void **state)
{
	char s[20][AUTH_TOTP_SECRET_TEXT], code[AUTH_TOTP_CODE_TEXT];
	size_t i, j;

	(void)state;
	for (i = 0; i < NELEM(s); i++) {
		assert_int_equal(auth_totp_secret_new(s[i]), HERR_OK);
		assert_int_equal(strlen(s[i]), AUTH_TOTP_SECRET_TEXT - 1);
		assert_int_equal(strspn(s[i],
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
		assert_int_equal(auth_totp_code(s[i], 1111111111, code),
		    HERR_OK);
		assert_int_equal(strspn(code, "0123456789"), 6);
		assert_int_equal(strlen(code), 6);
		for (j = 0; j < i; j++)
			assert_string_not_equal(s[i], s[j]);
	}
}

/* One step either side of now is accepted, two are not. */
static void
test_totp_window(void **state)
{
	const int64_t now = 1111111111, step = now / 30;
	char code[AUTH_TOTP_CODE_TEXT];
	int64_t matched;
	bool ok;

	(void)state;
	for (int d = -3; d <= 3; d++) {
		assert_int_equal(auth_totp_code(RFC_SECRET, now + 30 * d, code),
		    HERR_OK);
		assert_int_equal(auth_totp_verify(RFC_SECRET, code, now, 0,
		    &matched, &ok), HERR_OK);
		if (ok != (d >= -1 && d <= 1))
			fail_msg("step %+d: ok=%d", d, ok);
		assert_int_equal(matched, ok ? step + d : -1);
	}
	/* "081804" is step 37037036 (T=1111111109): still accepted in the
	 * last second of step 37037037, refused from the first of 37037038. */
	assert_int_equal(auth_totp_verify(RFC_SECRET, "081804", 1111111139, 0,
	    &matched, &ok), HERR_OK);
	assert_true(ok);
	assert_int_equal(matched, 37037036);
	assert_int_equal(auth_totp_verify(RFC_SECRET, "081804", 1111111140, 0,
	    &matched, &ok), HERR_OK);
	assert_false(ok);
	/* Near the epoch there is no step -1 to try. */
	assert_int_equal(auth_totp_verify(RFC_SECRET, "287082", 0, -1,
	    &matched, &ok), HERR_OK);
	assert_true(ok);
	assert_int_equal(matched, 1);
}

/* A code is accepted once: its step, or any earlier one, is refused. */
static void
test_totp_replay(void **state)
{
	const int64_t now = 1111111111, step = now / 30;
	char prev[AUTH_TOTP_CODE_TEXT];
	int64_t matched;
	bool ok;

	(void)state;
	assert_int_equal(auth_totp_verify(RFC_SECRET, "050471", now, 0,
	    &matched, &ok), HERR_OK);
	assert_true(ok);
	assert_int_equal(matched, step);
	assert_int_equal(auth_totp_verify(RFC_SECRET, "050471", now + 1,
	    matched, &matched, &ok), HERR_OK);
	assert_false(ok);
	assert_int_equal(matched, -1);
	assert_int_equal(auth_totp_verify(RFC_SECRET, "050471", now,
	    step + 1, &matched, &ok), HERR_OK);
	assert_false(ok);
	assert_int_equal(auth_totp_verify(RFC_SECRET, "050471", now,
	    step - 1, &matched, &ok), HERR_OK);
	assert_true(ok);
	/* The previous step's code after the current one was used. */
	assert_int_equal(auth_totp_code(RFC_SECRET, now - 30, prev), HERR_OK);
	assert_int_equal(auth_totp_verify(RFC_SECRET, prev, now, step,
	    &matched, &ok), HERR_OK);
	assert_false(ok);
	assert_int_equal(auth_totp_verify(RFC_SECRET, prev, now, step - 2,
	    &matched, &ok), HERR_OK);
	assert_true(ok);
	assert_int_equal(matched, step - 1);
}

/* The right code for T=1111111111 ("050471") in the forms a person types. */
static const char *const code_valid[] = {
	"050471", "050 471", " 050471", "050471 ", "0 5 0 4 7 1",
	"  050  471  ",
};

static const char *const code_invalid[] = {
	"", "05047", "0504711", "050471 1", "05047a", "O50471", "-50471",
	"+50471", "050471\n", "050\t471", "050-471", "050.471", "5047l",
	"\xef\xbc\x90\xef\xbc\x95\xef\xbc\x90\xef\xbc\x94\xef\xbc\x97"
	"\xef\xbc\x91",					/* full-width digits */
	"050471                                    ",	/* too long */
	"00050471", "050472", "000000",
};

static void
test_totp_code_forms(void **state)
{
	int64_t matched;
	bool ok;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(code_valid); i++) {
		assert_int_equal(auth_totp_verify(RFC_SECRET, code_valid[i],
		    1111111111, 0, &matched, &ok), HERR_OK);
		if (!ok)
			fail_msg("\"%s\" refused", code_valid[i]);
	}
	for (i = 0; i < NELEM(code_invalid); i++) {
		ok = true;
		assert_int_equal(auth_totp_verify(RFC_SECRET, code_invalid[i],
		    1111111111, 0, &matched, &ok), HERR_OK);
		if (ok)
			fail_msg("\"%s\" accepted", code_invalid[i]);
		assert_int_equal(matched, -1);
	}
	assert_int_equal(auth_totp_verify(RFC_SECRET, NULL, 1111111111, 0,
	    &matched, &ok), HERR_OK);
	assert_false(ok);
}

struct uri_case {
	const char *issuer, *account, *want;
};

#define URI_TAIL "&algorithm=SHA1&digits=6&period=30"

static const struct uri_case uri_valid[] = {
	{ "Hearth", "amara.okafor@example.gov.uk",
	  "otpauth://totp/Hearth:amara.okafor%40example.gov.uk?secret="
	  RFC_SECRET "&issuer=Hearth" URI_TAIL },
	{ "Hearth Borough Council", "Amara Okafor",
	  "otpauth://totp/Hearth%20Borough%20Council:Amara%20Okafor?secret="
	  RFC_SECRET "&issuer=Hearth%20Borough%20Council" URI_TAIL },
	{ "Hearth", "Zo\xc3\xab",
	  "otpauth://totp/Hearth:Zo%C3%AB?secret=" RFC_SECRET
	  "&issuer=Hearth" URI_TAIL },
	{ "A&B?C#D", "x/y%z+w=v",
	  "otpauth://totp/A%26B%3FC%23D:x%2Fy%25z%2Bw%3Dv?secret=" RFC_SECRET
	  "&issuer=A%26B%3FC%23D" URI_TAIL },
	{ "a-b.c_d~e", "0-9",
	  "otpauth://totp/a-b.c_d~e:0-9?secret=" RFC_SECRET
	  "&issuer=a-b.c_d~e" URI_TAIL },
};

static const struct uri_case uri_invalid[] = {
	{ "Hearth", "amara:okafor", NULL },
	{ "Hearth:Council", "amara", NULL },
	{ "", "amara", NULL },
	{ "Hearth", "", NULL },
	{ NULL, "amara", NULL },
	{ "Hearth", NULL, NULL },
	{ "Hearth", "amara\nokafor", NULL },
	{ "Hearth", "amara\xc3\x28", NULL },
};

static void
test_totp_uri(void **state)
{
	char out[512];
	size_t i, n;

	(void)state;
	for (i = 0; i < NELEM(uri_valid); i++) {
		const struct uri_case *c = &uri_valid[i];

		assert_int_equal(auth_totp_uri(c->issuer, c->account,
		    RFC_SECRET, out, sizeof(out)), HERR_OK);
		assert_string_equal(out, c->want);
	}
	for (i = 0; i < NELEM(uri_invalid); i++) {
		const struct uri_case *c = &uri_invalid[i];

		if (auth_totp_uri(c->issuer, c->account, RFC_SECRET, out,
		    sizeof(out)) != HERR_INVALID)
			fail_msg("URI case %zu accepted", i);
		assert_string_equal(out, "");
	}
	assert_int_equal(auth_totp_uri("Hearth", "amara", "not base32!", out,
	    sizeof(out)), HERR_INVALID);
	/* Exactly enough room, then every capacity short of it, in heap
	 * buffers of that size: never truncated, never overrun. */
	for (i = 0; i < NELEM(uri_valid); i++) {
		const struct uri_case *c = &uri_valid[i];
		char *heap;

		n = strlen(c->want) + 1;
		heap = malloc(n);
		assert_non_null(heap);
		assert_int_equal(auth_totp_uri(c->issuer, c->account,
		    RFC_SECRET, heap, n), HERR_OK);
		assert_string_equal(heap, c->want);
		free(heap);
		for (size_t cap = 1; cap < n; cap++) {
			heap = malloc(cap);
			assert_non_null(heap);
			if (auth_totp_uri(c->issuer, c->account, RFC_SECRET,
			    heap, cap) != HERR_INVALID)
				fail_msg("case %zu fits in %zu", i, cap);
			assert_string_equal(heap, "");
			free(heap);
		}
	}
}

/* ------------------------------------------------------------------ */
/* QR code                                                             */

/* Check svg draws exactly the dark modules libqrencode gives for text. */
static void
qr_matches(const char *svg, const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int w, size, vb1, vb2, x, y, h, h2, used;
	unsigned char *grid;
	const char *p;

	assert_non_null(qr);
	w = qr->width;
	size = w + 8;
	p = strstr(svg, "viewBox=\"");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "viewBox=\"0 0 %d %d\"", &vb1, &vb2), 2);
	assert_int_equal(vb1, size);
	assert_int_equal(vb2, size);

	grid = calloc((size_t)size * (size_t)size, 1);
	assert_non_null(grid);
	p = strstr(svg, " d=\"");
	assert_non_null(p);
	p += 4;
	while (*p == 'M') {
		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &h,
		    &h2, &used), 4);
		assert_int_equal(h, h2);
		assert_true(h >= 1);
		/* Inside the quiet zone on every side. */
		assert_true(x >= 4 && y >= 4 && x + h <= 4 + w && y < 4 + w);
		for (int k = 0; k < h; k++) {
			assert_int_equal(grid[y * size + x + k], 0);
			grid[y * size + x + k] = 1;
		}
		p += used;
	}
	assert_int_equal(*p, '"');
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			if (grid[(y + 4) * size + x + 4] !=
			    (qr->data[y * w + x] & 1))
				fail_msg("module %d,%d differs", x, y);
	free(grid);
	QRcode_free(qr);
}

static void
test_qr_svg(void **state)
{
	const char *texts[] = {
		"otpauth://totp/Hearth:amara.okafor%40example.gov.uk?secret="
		    RFC_SECRET "&issuer=Hearth" URI_TAIL,
		"x",
		"\"><script>alert(1)</script>",
	};
	char *svg;
	size_t len;

	(void)state;
	for (size_t i = 0; i < NELEM(texts); i++) {
		assert_int_equal(auth_qr_svg(texts[i], &svg, &len), HERR_OK);
		assert_non_null(svg);
		assert_int_equal(len, strlen(svg));
		assert_int_equal(strncmp(svg, "<svg", 4), 0);
		assert_int_equal(strcmp(svg + len - 6, "</svg>"), 0);
		assert_non_null(strstr(svg, "role=\"img\""));
		assert_non_null(strstr(svg,
		    "aria-label=\"QR code for your authenticator app\""));
		assert_non_null(strstr(svg, "shape-rendering=\"crispEdges\""));
		assert_non_null(strstr(svg, "width=\"200\" height=\"200\""));
		assert_non_null(strstr(svg, "<path "));
		/* Exactly one path; no trace of the input. */
		assert_null(strstr(strstr(svg, "<path ") + 1, "<path"));
		assert_null(strstr(svg, RFC_SECRET));
		assert_null(strstr(svg, "script"));
		assert_null(strstr(svg, "otpauth"));
		qr_matches(svg, texts[i]);
		free(svg);
	}
}

static void
test_qr_svg_invalid(void **state)
{
	char unset[] = "unset", *svg = unset, *big;
	size_t len = 99;

	(void)state;
	assert_int_equal(auth_qr_svg("", &svg, &len), HERR_INVALID);
	assert_null(svg);
	assert_int_equal(len, 0);
	assert_int_equal(auth_qr_svg(NULL, &svg, &len), HERR_INVALID);
	/* More than version 40-M holds in 8-bit mode (2331 bytes). */
	big = malloc(4000);
	assert_non_null(big);
	memset(big, 'a', 3999);
	big[3999] = '\0';
	assert_int_equal(auth_qr_svg(big, &svg, &len), HERR_INVALID);
	assert_null(svg);
	free(big);
}

/* ------------------------------------------------------------------ */
/* Lockout, sessions, the clock                                        */

struct lock_case {
	int failures;
	int64_t last, now;
	bool locked;
};

static const struct lock_case lock_cases[] = {
	{ 0, 1000, 1000, false },
	{ 4, 1000, 1000, false },		/* one short of the limit */
	{ 5, 1000, 1000, true },
	{ 5, 1000, 1899, true },		/* one second to go */
	{ 5, 1000, 1900, false },		/* exactly 900 s */
	{ 5, 1000, 5000, false },
	{ 6, 1000, 1899, true },
	{ 50, 1000, 1900, false },
	{ 5, 1000, 999, true },			/* clock went back */
	{ -1, 1000, 1000, false },
	{ 5, INT64_MIN, INT64_MAX, false },	/* no overflow */
	{ 5, INT64_MAX, INT64_MAX, true },
	{ 5, INT64_MAX - 10, INT64_MIN, true },
};

static void
test_lockout(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(lock_cases); i++) {
		const struct lock_case *c = &lock_cases[i];

		if (auth_locked(c->failures, c->last, c->now) != c->locked)
			fail_msg("lock case %zu", i);
	}
}

struct session_case {
	int64_t created, last_seen, now;
	bool live;
};

#define C0 1700000000
static const struct session_case session_cases[] = {
	{ C0, C0, C0, true },
	{ C0, C0, C0 + 1799, true },		/* idle one second short */
	{ C0, C0, C0 + 1800, false },		/* idle exactly 30 minutes */
	{ C0, C0 + 40000, C0 + 41799, true },
	{ C0, C0 + 40000, C0 + 41800, false },
	{ C0, C0 + 43000, C0 + 43199, true },	/* one second before 12 h */
	{ C0, C0 + 43100, C0 + 43200, false },	/* 12 h, though active */
	{ C0, C0 + 43199, C0 + 43300, false },
	{ C0, C0, C0 - 1, false },		/* clock went back */
	{ C0, C0 + 600, C0 + 300, true },	/* seen "later" than now */
	{ INT64_MIN, INT64_MIN, INT64_MAX, false },	/* no overflow */
	{ INT64_MAX, INT64_MAX, INT64_MAX, true },
	{ INT64_MAX, INT64_MAX, INT64_MIN, false },
};

static void
test_session(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(session_cases); i++) {
		const struct session_case *c = &session_cases[i];

		if (auth_session_live(c->created, c->last_seen, c->now) !=
		    c->live)
			fail_msg("session case %zu", i);
	}
}

static void
test_mfa_pending(void **state)
{
	(void)state;
	assert_true(auth_mfa_pending_live(C0, C0));
	assert_true(auth_mfa_pending_live(C0, C0 + 299));
	assert_false(auth_mfa_pending_live(C0, C0 + 300));
	assert_false(auth_mfa_pending_live(C0, C0 - 1));
	assert_false(auth_mfa_pending_live(INT64_MIN, INT64_MAX));
}

static void
test_clock(void **state)
{
	int64_t a, b;

	(void)state;
	a = auth_now();
	assert_true(a >= (int64_t)time(NULL) - 1);
	assert_true(a <= (int64_t)time(NULL) + 1);
	auth_clock_offset_set(AUTH_SESSION_IDLE);
	b = auth_now();
	auth_clock_offset_set(0);
	assert_true(b - a >= AUTH_SESSION_IDLE);
	assert_true(b - a <= AUTH_SESSION_IDLE + 2);
	assert_false(auth_session_live(a, a, b));
	assert_true(auth_now() - a <= 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_threads),
		cmocka_unit_test(test_password_valid),
		cmocka_unit_test(test_password_invalid),
		cmocka_unit_test(test_password_length_boundaries),
		cmocka_unit_test(test_password_hash_verify),
		cmocka_unit_test(test_password_verify_bad_hash),
		cmocka_unit_test(test_password_needs_rehash),
		cmocka_unit_test(test_password_full_cost),
		cmocka_unit_test(test_password_dummy_low_cost),
		cmocka_unit_test(test_token_new_distinct),
		cmocka_unit_test(test_token_valid_form),
		cmocka_unit_test(test_token_hash),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_api_token),
		cmocka_unit_test(test_totp_rfc_vectors),
		cmocka_unit_test(test_totp_bad_secret),
		cmocka_unit_test(test_totp_secret_new),
		cmocka_unit_test(test_totp_window),
		cmocka_unit_test(test_totp_replay),
		cmocka_unit_test(test_totp_code_forms),
		cmocka_unit_test(test_totp_uri),
		cmocka_unit_test(test_qr_svg),
		cmocka_unit_test(test_qr_svg_invalid),
		cmocka_unit_test(test_lockout),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_mfa_pending),
		cmocka_unit_test(test_clock),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
