/*
 * auth.c: password policy and hashing, tokens, TOTP, enrolment QR codes and
 * the lockout and session-lifetime rules.
 *
 * Owns no state beyond library initialisation, the test-only hash cost and
 * clock offset.  Must never print, never speak HTTP or SQL, and never copy a
 * password, token or TOTP secret anywhere but the caller's out-parameter:
 * diags name the field only, and decoded secrets are wiped after use.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "core/auth.h"
#include "core/mem.h"
#include "core/status.h"
#include "core/text.h"
#include "core/banned.h"

_Static_assert(AUTH_TOKEN_TEXT == sodium_base64_ENCODED_LEN(AUTH_TOKEN_BYTES,
    sodium_base64_VARIANT_URLSAFE_NO_PADDING), "token text size");
_Static_assert(AUTH_TOKEN_HASH_BYTES >= crypto_generichash_BYTES_MIN &&
    AUTH_TOKEN_HASH_BYTES <= crypto_generichash_BYTES_MAX, "token hash size");
_Static_assert(AUTH_TOTP_SECRET_TEXT == (AUTH_TOTP_SECRET_BYTES * 8 + 4) / 5 + 1,
    "TOTP secret text size");
_Static_assert(sizeof(AUTH_API_TOKEN_PREFIX) - 1 == AUTH_API_TOKEN_PREFIX_LEN,
    "API token prefix length");

/* ------------------------------------------------------------------ */
/* Initialisation                                                      */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static enum herr init_status = HERR_ENV;

static void
init_run(void)
{
	/* sodium_init: 0 first time, 1 if already done, -1 on failure. */
	if (sodium_init() < 0)
		return;
	if (oath_init() != OATH_OK)
		return;
	init_status = HERR_OK;
}

enum herr
auth_init(void)
{
	if (pthread_once(&init_once, init_run) != 0)
		return HERR_ENV;
	return init_status;
}

/* ------------------------------------------------------------------ */
/* Passwords                                                           */

/*
 * The commonest passwords of 12 or more characters in published breach
 * lists (shorter ones already fail the length rule).  NCSC guidance: block
 * the most common passwords rather than impose composition rules.  Compared
 * ignoring ASCII case.
 */
static const char *const common_pw[] = {
	"password1234", "password12345", "password123456", "passwordpassword",
	"123456789012", "1234567890123", "12345678901234", "123456123456",
	"qwertyuiop12", "qwertyuiop123", "qwerty123456", "123456qwerty",
	"1q2w3e4r5t6y", "1qaz2wsx3edc", "qwertyuiopasdfghjkl",
	"letmein12345", "iloveyou1234", "welcome12345", "changeme1234",
	"administrator", "abcdefghijkl", "abc123456789",
	"111111111111", "000000000000", "aaaaaaaaaaaa", "password123!",
};

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* a and b equal ignoring ASCII case. */
static bool
ci_equal(const char *a, const char *b)
{
	while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

/* needle (length n > 0) occurs in hay, ignoring ASCII case.  No copies,
 * so the password is never duplicated in memory. */
static bool
ci_contains(const char *hay, const char *needle, size_t n)
{
	size_t h = strlen(hay);

	for (size_t i = 0; i + n <= h; i++) {
		size_t k = 0;

		while (k < n && lower((unsigned char)hay[i + k]) ==
		    lower((unsigned char)needle[k]))
			k++;
		if (k == n)
			return true;
	}
	return false;
}

enum herr
auth_password_check(const char *pw, const char *username, struct hdiag *diag)
{
	size_t n = pw ? strlen(pw) : 0, chars = 0, un;

	if (n == 0)
		return hdiag_set(diag, HERR_INVALID, "password", NULL,
		    "Password is missing");
	if (n > AUTH_PW_MAX_BYTES)
		return hdiag_set(diag, HERR_INVALID, "password", NULL,
		    "Password is too long: %zu bytes, at most %d", n,
		    AUTH_PW_MAX_BYTES);
	if (!text_utf8_valid(pw, n))
		return hdiag_set(diag, HERR_INVALID, "password", NULL,
		    "Password is not valid UTF-8 text");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)pw[i];

		/* C0, DEL, and C1 (the pairs C2 80 to C2 9F). */
		if (c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && (unsigned char)pw[i + 1] < 0xa0))
			return hdiag_set(diag, HERR_INVALID, "password", NULL,
			    "Password contains a control character (such as "
			    "a tab or a new line) at byte %zu", i + 1);
		if ((c & 0xc0) != 0x80)
			chars++;
	}
	if (chars < AUTH_PW_MIN_CHARS)
		return hdiag_set(diag, HERR_INVALID, "password", NULL,
		    "Password is too short: %zu characters, at least %d",
		    chars, AUTH_PW_MIN_CHARS);
	/* A one- or two-letter username would forbid half the dictionary. */
	un = username ? strlen(username) : 0;
	if (un >= 3 && ci_contains(pw, username, un))
		return hdiag_set(diag, HERR_INVALID, "password", NULL,
		    "Password must not contain your username");
	for (size_t i = 0; i < sizeof(common_pw) / sizeof(common_pw[0]); i++)
		if (ci_equal(pw, common_pw[i]))
			return hdiag_set(diag, HERR_INVALID, "password", NULL,
			    "Password is one of the most commonly used "
			    "passwords; choose another");
	return HERR_OK;
}

static atomic_bool low_cost;

void
auth_set_cost_for_tests(bool low)
{
	atomic_store(&low_cost, low);
}

static void
cost(unsigned long long *ops, size_t *mem)
{
	if (atomic_load(&low_cost)) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = AUTH_PW_OPS;
		*mem = AUTH_PW_MEM;
	}
}

/*
 * Each argon2id hash in flight holds 64 MiB.  A server with dozens of
 * request threads could otherwise be pushed into gigabytes by a burst of
 * sign-ins, so at most AUTH_PW_CONCURRENT run at once; the rest wait.
 */
#define AUTH_PW_CONCURRENT 2
static pthread_mutex_t pw_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pw_cv = PTHREAD_COND_INITIALIZER;
static int pw_busy;

static void
pw_slot_take(void)
{
	pthread_mutex_lock(&pw_mu);
	while (pw_busy >= AUTH_PW_CONCURRENT)
		pthread_cond_wait(&pw_cv, &pw_mu);
	pw_busy++;
	pthread_mutex_unlock(&pw_mu);
}

static void
pw_slot_give(void)
{
	pthread_mutex_lock(&pw_mu);
	pw_busy--;
	pthread_cond_signal(&pw_cv);
	pthread_mutex_unlock(&pw_mu);
}

/* The hash with the costs given, for auth_password_hash and the dummy. */
static enum herr
hash_at(const char *pw, unsigned long long ops, size_t mem,
    char out[AUTH_HASH_MAX])
{
	enum herr rc;

	out[0] = '\0';
	if (pw == NULL)
		return HERR_INVALID;
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	/* Fails only when the Argon2 memory cannot be allocated. */
	pw_slot_take();
	rc = crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0 ? HERR_NOMEM : HERR_OK;
	pw_slot_give();
	if (rc != HERR_OK)
		out[0] = '\0';
	return rc;
}

enum herr
auth_password_hash(const char *pw, char out[AUTH_HASH_MAX])
{
	unsigned long long ops;
	size_t mem;

	cost(&ops, &mem);
	return hash_at(pw, ops, mem, out);
}

enum herr
auth_password_verify(const char *hash, const char *pw, bool *ok,
    bool *needs_rehash)
{
	static const char prefix[] = "$argon2id$";
	unsigned long long ops;
	size_t mem;
	enum herr rc;

	*ok = false;
	if (needs_rehash)
		*needs_rehash = false;
	if (hash == NULL || pw == NULL ||
	    strnlen(hash, AUTH_HASH_MAX) >= AUTH_HASH_MAX ||
	    strncmp(hash, prefix, sizeof(prefix) - 1) != 0)
		return HERR_INVALID;
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	pw_slot_take();
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 ? HERR_OK :
	    HERR_INVALID;
	pw_slot_give();
	if (rc != HERR_OK)
		return HERR_OK;
	*ok = true;
	if (needs_rehash) {
		cost(&ops, &mem);
		*needs_rehash = crypto_pwhash_str_needs_rehash(hash, ops, mem)
		    != 0;
	}
	return HERR_OK;
}

/*
 * The dummy hash is made on first use at each cost, from a random password
 * nobody knows, so its parameters always match what auth_password_hash makes
 * now (a constant string would drift from AUTH_PW_OPS/MEM unnoticed).
 */
static char dummy_full[AUTH_HASH_MAX], dummy_low[AUTH_HASH_MAX];
static pthread_once_t dummy_full_once = PTHREAD_ONCE_INIT;
static pthread_once_t dummy_low_once = PTHREAD_ONCE_INIT;

static void
dummy_make(char out[AUTH_HASH_MAX], unsigned long long ops, size_t mem)
{
	char pw[AUTH_TOKEN_TEXT];

	if (auth_token_new(pw) == HERR_OK &&
	    hash_at(pw, ops, mem, out) != HERR_OK)
		out[0] = '\0';
	sodium_memzero(pw, sizeof(pw));
}

static void
dummy_full_make(void)
{
	dummy_make(dummy_full, AUTH_PW_OPS, AUTH_PW_MEM);
}

static void
dummy_low_make(void)
{
	dummy_make(dummy_low, crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN);
}

void
auth_password_dummy_verify(const char *pw)
{
	const char *h;

	if (atomic_load(&low_cost)) {
		(void)pthread_once(&dummy_low_once, dummy_low_make);
		h = dummy_low;
	} else {
		(void)pthread_once(&dummy_full_once, dummy_full_make);
		h = dummy_full;
	}
	if (h[0] == '\0')
		return;
	if (pw == NULL)
		pw = "";
	/* The answer is meaningless; only the time spent matters.  (A cast
	 * to void does not silence warn_unused_result in GCC.) */
	pw_slot_take();
	if (crypto_pwhash_str_verify(h, pw, strlen(pw)) == 0)
		h = NULL;
	pw_slot_give();
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum herr
auth_token_new(char out[AUTH_TOKEN_TEXT])
{
	unsigned char raw[AUTH_TOKEN_BYTES];
	enum herr rc;

	out[0] = '\0';
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_TEXT, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return HERR_OK;
}

static bool
base64url_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool
auth_token_valid_form(const char *s)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < AUTH_TOKEN_TEXT - 1; i++)
		if (!base64url_char((unsigned char)s[i]))
			return false;	/* includes a NUL: too short */
	return s[i] == '\0';
}

enum herr
auth_token_hash(const char *token, unsigned char out[AUTH_TOKEN_HASH_BYTES])
{
	enum herr rc;

	if (!auth_token_valid_form(token))
		return HERR_INVALID;
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	if (crypto_generichash(out, AUTH_TOKEN_HASH_BYTES,
	    (const unsigned char *)token, AUTH_TOKEN_TEXT - 1, NULL, 0) != 0)
		return HERR_ENV;
	return HERR_OK;
}

enum herr
auth_token_hash_hex(const char *token, char out[AUTH_TOKEN_HASH_HEX])
{
	unsigned char h[AUTH_TOKEN_HASH_BYTES];
	enum herr rc;

	out[0] = '\0';
	if ((rc = auth_token_hash(token, h)) != HERR_OK)
		return rc;
	sodium_bin2hex(out, AUTH_TOKEN_HASH_HEX, h, sizeof(h));
	return HERR_OK;
}

bool
auth_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

enum herr
auth_api_token_new(char out[AUTH_API_TOKEN_TEXT])
{
	enum herr rc;

	memcpy(out, AUTH_API_TOKEN_PREFIX, AUTH_API_TOKEN_PREFIX_LEN);
	if ((rc = auth_token_new(out + AUTH_API_TOKEN_PREFIX_LEN)) != HERR_OK)
		out[0] = '\0';
	return rc;
}

enum herr
auth_api_token_split(const char *presented, const char **token)
{
	*token = NULL;
	if (presented == NULL || strncmp(presented, AUTH_API_TOKEN_PREFIX,
	    AUTH_API_TOKEN_PREFIX_LEN) != 0 ||
	    !auth_token_valid_form(presented + AUTH_API_TOKEN_PREFIX_LEN))
		return HERR_INVALID;
	*token = presented + AUTH_API_TOKEN_PREFIX_LEN;
	return HERR_OK;
}

/* ------------------------------------------------------------------ */
/* TOTP                                                                */

/* Decoded TOTP secrets: RFC 4226 R6 asks for at least 128 bits. */
#define TOTP_SECRET_MIN 16
#define TOTP_SECRET_MAX 64

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* RFC 4648 base32 of in[0..n) into out (cap >= (8n + 4) / 5 + 1), no
 * padding. */
static void
base32_encode(const unsigned char *in, size_t n, char *out)
{
	unsigned buf = 0, bits = 0;
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		buf = (buf << 8 | in[i]) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32_alphabet[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32_alphabet[(buf << (5 - bits)) & 31];
	out[o] = '\0';
}

/*
 * Decode RFC 4648 base32 (either case, '=' padding allowed only at the end)
 * into out[0..cap); *n is the byte count.  False for any other character,
 * a length no encoder makes, or more than cap bytes.
 */
static bool
base32_decode(const char *s, unsigned char *out, size_t cap, size_t *n)
{
	unsigned buf = 0, bits = 0;
	size_t o = 0, len, chars;

	*n = 0;
	if (s == NULL)
		return false;
	len = strnlen(s, TOTP_SECRET_MAX * 2);
	if (len >= TOTP_SECRET_MAX * 2)
		return false;
	chars = len;
	while (chars > 0 && s[chars - 1] == '=')
		chars--;
	/* 1, 3 and 6 characters left over in a block never occur. */
	if (chars % 8 == 1 || chars % 8 == 3 || chars % 8 == 6)
		return false;
	for (size_t i = 0; i < chars; i++) {
		unsigned char c = lower((unsigned char)s[i]);
		unsigned v;

		if (c >= 'a' && c <= 'z')
			v = c - 'a';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else
			return false;
		buf = (buf << 5 | v) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			if (o == cap)
				return false;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	*n = o;
	return true;
}

/* Decode a TOTP secret of acceptable length; the caller wipes key. */
static bool
totp_key(const char *secret_b32, unsigned char key[TOTP_SECRET_MAX],
    size_t *n)
{
	if (!base32_decode(secret_b32, key, TOTP_SECRET_MAX, n))
		return false;
	return *n >= TOTP_SECRET_MIN;
}

enum herr
auth_totp_secret_new(char out[AUTH_TOTP_SECRET_TEXT])
{
	unsigned char raw[AUTH_TOTP_SECRET_BYTES];
	enum herr rc;

	out[0] = '\0';
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	randombytes_buf(raw, sizeof(raw));
	base32_encode(raw, sizeof(raw), out);
	sodium_memzero(raw, sizeof(raw));
	return HERR_OK;
}

/* The code for one time step (RFC 4226 HOTP with the step as counter). */
static enum herr
totp_at_step(const unsigned char *key, size_t n, uint64_t step,
    char out[AUTH_TOTP_CODE_TEXT])
{
	if (oath_hotp_generate((const char *)key, n, step, AUTH_TOTP_DIGITS,
	    false, OATH_HOTP_DYNAMIC_TRUNCATION, out) != OATH_OK) {
		out[0] = '\0';
		return HERR_ENV;
	}
	return HERR_OK;
}

enum herr
auth_totp_code(const char *secret_b32, int64_t unix_time,
    char out[AUTH_TOTP_CODE_TEXT])
{
	unsigned char key[TOTP_SECRET_MAX];
	size_t n;
	enum herr rc;

	out[0] = '\0';
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	if (unix_time < 0 || !totp_key(secret_b32, key, &n)) {
		rc = HERR_INVALID;
		goto out;
	}
	rc = totp_at_step(key, n, (uint64_t)unix_time / AUTH_TOTP_STEP, out);
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}

/* The code without spaces, if it is then exactly 6 ASCII digits. */
static bool
totp_code_form(const char *code, char digits[AUTH_TOTP_CODE_TEXT])
{
	size_t d = 0;

	if (code == NULL)
		return false;
	/* Bounded: a person types a few spaces at most. */
	for (size_t i = 0; code[i] != '\0'; i++) {
		if (i >= 32)
			return false;
		if (code[i] == ' ')
			continue;
		if (code[i] < '0' || code[i] > '9' || d == AUTH_TOTP_DIGITS)
			return false;
		digits[d++] = code[i];
	}
	digits[d] = '\0';
	return d == AUTH_TOTP_DIGITS;
}

enum herr
auth_totp_verify(const char *secret_b32, const char *code, int64_t unix_time,
    int64_t last_used_step, int64_t *matched_step, bool *ok)
{
	unsigned char key[TOTP_SECRET_MAX];
	static const char no_code[] = "------";
	char want[AUTH_TOTP_CODE_TEXT], got[AUTH_TOTP_CODE_TEXT];
	int64_t now_step, found = -1;
	size_t n;
	bool form;
	enum herr rc;

	*ok = false;
	*matched_step = -1;
	if ((rc = auth_init()) != HERR_OK)
		return rc;
	if (unix_time < 0 || !totp_key(secret_b32, key, &n)) {
		rc = HERR_INVALID;
		goto out;
	}
	form = totp_code_form(code, got);
	/* A malformed code is still compared, against "------" (which no
	 * step gives), so it takes as long as a well-formed one. */
	now_step = unix_time / AUTH_TOTP_STEP;
	/* Every step in the window is computed and compared in constant
	 * time, whatever the code looks like, so the time taken says
	 * nothing about which step (if any) matched. */
	for (int64_t s = now_step - AUTH_TOTP_WINDOW;
	    s <= now_step + AUTH_TOTP_WINDOW; s++) {
		if (s < 0)
			continue;
		if ((rc = totp_at_step(key, n, (uint64_t)s, want)) != HERR_OK)
			goto out;
		if (auth_equal(want, form ? got : no_code, AUTH_TOTP_DIGITS) &&
		    form && s > last_used_step && found < 0)
			found = s;
	}
	if (found >= 0) {
		*ok = true;
		*matched_step = found;
	}
	rc = HERR_OK;
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(want, sizeof(want));
	sodium_memzero(got, sizeof(got));
	return rc;
}

/* Append s percent-encoded (RFC 3986: all but the unreserved characters)
 * at out[*o], within cap; false if it does not fit. */
static bool
pct_append(char *out, size_t cap, size_t *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			if (cap - *o < 2)
				return false;
			out[(*o)++] = (char)c;
		} else {
			if (cap - *o < 4)
				return false;
			out[(*o)++] = '%';
			out[(*o)++] = hex[c >> 4];
			out[(*o)++] = hex[c & 15];
		}
	}
	out[*o] = '\0';
	return true;
}

/* Append a literal at out[*o], within cap; false if it does not fit. */
static bool
lit_append(char *out, size_t cap, size_t *o, const char *s)
{
	size_t n = strlen(s);

	if (cap - *o <= n)
		return false;
	memcpy(out + *o, s, n + 1);
	*o += n;
	return true;
}

/* A label part: non-empty UTF-8 text without control characters or ':'
 * (the Key Uri Format forbids a colon in either part). */
static bool
uri_label_ok(const char *s)
{
	if (s == NULL || s[0] == '\0' || strchr(s, ':') != NULL)
		return false;
	return text_check("label", "label", s, 256, TEXT_REQUIRED, NULL) ==
	    HERR_OK;
}

enum herr
auth_totp_uri(const char *issuer, const char *account, const char *secret,
    char *out, size_t cap)
{
	unsigned char key[TOTP_SECRET_MAX];
	size_t n, o = 0;
	bool fits, good;

	if (cap == 0)
		return HERR_INVALID;
	out[0] = '\0';
	good = totp_key(secret, key, &n);
	sodium_memzero(key, sizeof(key));
	if (!good || !uri_label_ok(issuer) || !uri_label_ok(account))
		return HERR_INVALID;
	fits = lit_append(out, cap, &o, "otpauth://totp/") &&
	    pct_append(out, cap, &o, issuer) &&
	    lit_append(out, cap, &o, ":") &&
	    pct_append(out, cap, &o, account) &&
	    lit_append(out, cap, &o, "?secret=") &&
	    lit_append(out, cap, &o, secret) &&
	    lit_append(out, cap, &o, "&issuer=") &&
	    pct_append(out, cap, &o, issuer) &&
	    lit_append(out, cap, &o, "&algorithm=SHA1&digits=6&period=30");
	if (!fits) {
		sodium_memzero(out, o < cap ? o : cap);
		out[0] = '\0';
		return HERR_INVALID;
	}
	return HERR_OK;
}

/* ------------------------------------------------------------------ */
/* QR code                                                             */

#define QR_QUIET 4	/* modules of light border (ISO/IEC 18004) */

enum herr
auth_qr_svg(const char *text, char **svg, size_t *len)
{
	static const char head[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
	    " width=\"200\" height=\"200\" role=\"img\""
	    " aria-label=\"QR code for your authenticator app\""
	    " shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"";
	static const char tail[] = "\"/></svg>";
	QRcode *qr = NULL;
	char *buf = NULL;
	size_t cap, o = 0, runs = 0;
	int w, size, x, y, k, m;
	enum herr rc = HERR_INVALID;

	*svg = NULL;
	*len = 0;
	if (text == NULL || text[0] == '\0')
		goto out;
	errno = 0;
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL) {
		rc = errno == ENOMEM ? HERR_NOMEM : HERR_INVALID;
		goto out;
	}
	w = qr->width;
	size = w + 2 * QR_QUIET;

	/* One subpath per horizontal run of dark modules: count them to
	 * size the buffer exactly enough, then write them. */
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			if ((qr->data[y * w + x] & 1) &&
			    (x == 0 || !(qr->data[y * w + x - 1] & 1)))
				runs++;
	/* "M%d %dh%dv1h-%dz": each number has at most 3 digits. */
	cap = sizeof(head) + 4 * 10 + runs * 20 + sizeof(tail);
	buf = xmalloc(cap);
	k = snprintf(buf, cap, head, size, size, size, size);
	if (k < 0 || (size_t)k >= cap)
		goto out;
	o = (size_t)k;
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x = k) {
			if (!(qr->data[y * w + x] & 1)) {
				k = x + 1;
				continue;
			}
			for (k = x; k < w && (qr->data[y * w + k] & 1); k++)
				;
			m = snprintf(buf + o, cap - o, "M%d %dh%dv1h-%dz",
			    x + QR_QUIET, y + QR_QUIET, k - x, k - x);
			if (m < 0 || (size_t)m >= cap - o)
				goto out;
			o += (size_t)m;
		}
	if (cap - o < sizeof(tail))
		goto out;
	memcpy(buf + o, tail, sizeof(tail));
	o += sizeof(tail) - 1;
	*svg = buf;
	*len = o;
	buf = NULL;
	rc = HERR_OK;
out:
	free(buf);
	QRcode_free(qr);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lockout, sessions, the clock                                        */

/* At least secs seconds have passed from `from` to `now`; false if now is
 * before from.  Exact for every int64 pair (no signed overflow). */
static bool
elapsed(int64_t from, int64_t now, int64_t secs)
{
	if (now < from)
		return false;
	return (uint64_t)now - (uint64_t)from >= (uint64_t)secs;
}

bool
auth_locked(int failures, int64_t last_failure, int64_t now)
{
	/* A last failure in the future (clock went back) stays locked. */
	return failures >= AUTH_LOCK_AFTER &&
	    !elapsed(last_failure, now, AUTH_LOCK_SECONDS);
}

bool
auth_session_live(int64_t created, int64_t last_seen, int64_t now)
{
	if (now < created)
		return false;
	return !elapsed(last_seen, now, AUTH_SESSION_IDLE) &&
	    !elapsed(created, now, AUTH_SESSION_ABSOLUTE);
}

bool
auth_mfa_pending_live(int64_t created, int64_t now)
{
	return now >= created &&
	    !elapsed(created, now, AUTH_MFA_PENDING_SECONDS);
}

static _Atomic int64_t clock_offset;

int64_t
auth_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		ts.tv_sec = time(NULL);
	return (int64_t)ts.tv_sec + (int64_t)atomic_load(&clock_offset);
}

void
auth_clock_offset_set(int64_t seconds)
{
	atomic_store(&clock_offset, seconds);
}
