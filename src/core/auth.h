/*
 * auth.h: the credential primitives behind sign-in.
 *
 * Password policy, hashing and verification; random tokens for session
 * cookies, CSRF and personal API tokens (the store keeps only their hashes);
 * TOTP second factors and the QR code that enrols them; and the lockout and
 * session-lifetime rules as pure functions, so that every edge applies the
 * same numbers.  This module never speaks HTTP or SQL, never prints, and
 * never puts a password, token or secret into a diag.
 *
 * Call auth_init() once before anything else (it is cheap to call again);
 * every function that needs the libraries also calls it itself.
 */
#ifndef HEARTH_CORE_AUTH_H
#define HEARTH_CORE_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "core/status.h"

/* Initialise libsodium and liboath once; safe from several threads at once.
 * HERR_ENV if either library cannot start (then nothing here works). */
enum herr auth_init(void) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Passwords                                                           */

#define AUTH_PW_MIN_CHARS 12	/* code points, not bytes */
#define AUTH_PW_MAX_BYTES 128
#define AUTH_HASH_MAX crypto_pwhash_STRBYTES	/* 128, with the NUL */

/*
 * Argon2id cost.  libsodium's INTERACTIVE limits (2 passes over 64 MiB) are
 * its advice for on-line sign-in, aiming at a sign-in latency of roughly
 * 50 ms on a 2-core server (measured at 95-100 ms per hash on the 2-core
 * development machine; libsodium hashes on one lane, so the second core
 * serves a second sign-in rather than speeding up this one).
 * Each hash in flight holds 64 MiB, so the server must bound how many run at
 * once.  Raise these only with a measurement; old hashes upgrade themselves
 * at the next sign-in (see needs_rehash).
 */
#define AUTH_PW_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define AUTH_PW_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

/*
 * Check a new password against the policy (NCSC password guidance): at least
 * 12 characters, at most 128 bytes, UTF-8 without control characters, not
 * containing the username (ignoring case; usernames under 3 characters are
 * not checked), not one of the commonest passwords.  No composition rules.
 * username may be NULL.  Fills diag naming the field "password" and never
 * echoes the password.
 */
enum herr auth_password_check(const char *pw, const char *username,
    struct hdiag *diag) HEARTH_WUR;

/*
 * FOR TESTS ONLY: true switches hashing to libsodium's minimum cost
 * (OPSLIMIT_MIN, MEMLIMIT_MIN) so that test suites that sign in many times
 * run fast; false restores AUTH_PW_OPS/AUTH_PW_MEM.  A server must never
 * call it.  Hashes made at one cost report needs_rehash at the other.
 */
void auth_set_cost_for_tests(bool low);

/* Hash pw with Argon2id and a random salt into out (a NUL-terminated
 * "$argon2id$..." string).  HERR_NOMEM if the hash memory is unavailable. */
enum herr auth_password_hash(const char *pw, char out[AUTH_HASH_MAX])
    HEARTH_WUR;

/*
 * Verify pw against a stored hash: *ok is true only on a match;
 * *needs_rehash (may be NULL) is true when it matched but was made with
 * other costs, so the caller should store auth_password_hash(pw) again.
 * HERR_INVALID if hash is not an Argon2id hash string.
 */
enum herr auth_password_verify(const char *hash, const char *pw, bool *ok,
    bool *needs_rehash) HEARTH_WUR;

/* Spend the time of one auth_password_verify() at the current cost and
 * forget the answer, so that an unknown username takes as long to refuse
 * as a wrong password (no timing oracle for which accounts exist). */
void auth_password_dummy_verify(const char *pw);

/* ------------------------------------------------------------------ */
/* Tokens: session cookies, CSRF, personal API tokens                  */

#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_TEXT 44	/* 43 base64url characters, no padding, NUL */
#define AUTH_TOKEN_HASH_BYTES 32	/* BLAKE2b-256 */
#define AUTH_TOKEN_HASH_HEX 65	/* 64 hex digits and the NUL */

/* A new token: 32 bytes from the CSPRNG as 43 base64url characters. */
enum herr auth_token_new(char out[AUTH_TOKEN_TEXT]) HEARTH_WUR;

/* BLAKE2b-256 of the token's text, which is what the store keeps.
 * HERR_INVALID unless auth_token_valid_form(token). */
enum herr auth_token_hash(const char *token,
    unsigned char out[AUTH_TOKEN_HASH_BYTES]) HEARTH_WUR;

/* The same hash as 64 lower-case hex digits. */
enum herr auth_token_hash_hex(const char *token,
    char out[AUTH_TOKEN_HASH_HEX]) HEARTH_WUR;

/* True only for exactly 43 characters of A-Z a-z 0-9 '-' '_' (NULL is
 * false): anything else is refused before the database is asked. */
bool auth_token_valid_form(const char *s);

/* a[0..n) == b[0..n), in time that depends only on n. */
bool auth_equal(const void *a, const void *b, size_t n);

#define AUTH_API_TOKEN_PREFIX "hrth_"
#define AUTH_API_TOKEN_PREFIX_LEN 5
#define AUTH_API_TOKEN_TEXT (AUTH_API_TOKEN_PREFIX_LEN + AUTH_TOKEN_TEXT)

/* A new API token, "hrth_" and a token, shown to its owner once; store the
 * hash of the part after the prefix (see auth_api_token_split). */
enum herr auth_api_token_new(char out[AUTH_API_TOKEN_TEXT]) HEARTH_WUR;

/* Check a presented API token has the prefix and a well-formed token after
 * it; *token is then that part (borrowed from presented).  HERR_INVALID
 * otherwise, with *token NULL. */
enum herr auth_api_token_split(const char *presented, const char **token)
    HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* TOTP second factor (RFC 6238: HMAC-SHA-1, 30 s, 6 digits, which every */
/* authenticator app understands)                                      */

#define AUTH_TOTP_SECRET_BYTES 20	/* 160 bits, RFC 4226 R6 advice */
#define AUTH_TOTP_SECRET_TEXT 33	/* 32 base32 characters and the NUL */
#define AUTH_TOTP_DIGITS 6
#define AUTH_TOTP_CODE_TEXT 7
#define AUTH_TOTP_STEP 30
#define AUTH_TOTP_WINDOW 1	/* steps accepted either side of now */

/* A new secret: 20 CSPRNG bytes in RFC 4648 base32, A-Z2-7, no padding. */
enum herr auth_totp_secret_new(char out[AUTH_TOTP_SECRET_TEXT]) HEARTH_WUR;

/* The 6-digit code for a base32 secret (16 to 64 bytes once decoded) at
 * unix_time (>= 0).  HERR_INVALID for a bad secret or time. */
enum herr auth_totp_code(const char *secret_b32, int64_t unix_time,
    char out[AUTH_TOTP_CODE_TEXT]) HEARTH_WUR;

/*
 * Check a code typed by a person at unix_time: spaces are dropped, then it
 * must be exactly 6 ASCII digits matching the step of unix_time or one step
 * either side, and that step must be later than last_used_step (0 when none
 * has been used), so a code is never accepted twice.  On a match *ok is
 * true and *matched_step is the step to store as the new last_used_step;
 * otherwise *ok is false and *matched_step is -1.  A malformed or wrong code
 * is HERR_OK with *ok false; HERR_INVALID only for a bad secret or time.
 */
enum herr auth_totp_verify(const char *secret_b32, const char *code,
    int64_t unix_time, int64_t last_used_step, int64_t *matched_step,
    bool *ok) HEARTH_WUR;

/*
 * The enrolment URI (Google Authenticator's Key Uri Format) into out of
 * capacity cap: "otpauth://totp/Issuer:account?secret=...&issuer=...
 * &algorithm=SHA1&digits=6&period=30", issuer and account percent-encoded.
 * HERR_INVALID if either is empty, not UTF-8 text or holds a ':', if the
 * secret is not base32, or if it would not fit (out is then "").
 */
enum herr auth_totp_uri(const char *issuer, const char *account,
    const char *secret, char *out, size_t cap) HEARTH_WUR;

/*
 * A QR code of text (error correction M, 8-bit mode) as an SVG document:
 * 200x200, a 4-module quiet zone, one <path> of unit squares, role="img"
 * and an aria-label.  *svg (caller frees) holds only characters this
 * function generates, never the text, so it is safe to embed in a page.
 * HERR_INVALID if text is empty or too long for a QR code.
 */
enum herr auth_qr_svg(const char *text, char **svg, size_t *len) HEARTH_WUR;

/* ------------------------------------------------------------------ */
/* Lockout and session lifetimes (unix seconds)                        */

#define AUTH_LOCK_AFTER 5	/* failed sign-ins in a row */
#define AUTH_LOCK_SECONDS 900	/* locked for 15 minutes after the last */
#define AUTH_SESSION_IDLE 1800	/* 30 minutes without a request */
#define AUTH_SESSION_ABSOLUTE 43200	/* 12 hours from sign-in, a shift */
#define AUTH_MFA_PENDING_SECONDS 300	/* password done, code not yet */

/* True while an account with `failures` consecutive failures, the last at
 * last_failure, must refuse sign-in: failures >= 5 and now < last + 900. */
bool auth_locked(int failures, int64_t last_failure, int64_t now);

/* True while a session may be used: less than 1800 s idle, less than
 * 43200 s old, and now not before it was created (the clock went back). */
bool auth_session_live(int64_t created, int64_t last_seen, int64_t now);

/* True while a half-signed-in session (password accepted, TOTP code not
 * yet) may still complete: less than 300 s old and not from the future. */
bool auth_mfa_pending_live(int64_t created, int64_t now);

/* Wall-clock unix seconds (CLOCK_REALTIME) plus the test offset. */
int64_t auth_now(void);

/* FOR TESTS ONLY: add `seconds` to every later auth_now(), so the HTTP
 * tests can expire a session without sleeping for half an hour.  0 resets. */
void auth_clock_offset_set(int64_t seconds);

#endif
