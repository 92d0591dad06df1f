/*
 * account.h: the records behind signing in: a member of staff's
 * credential, their sessions and their personal access tokens.
 *
 * Only hashes of secrets are kept: the password as an argon2id string,
 * session and API tokens as BLAKE2b-256 of the token (auth.h).  The TOTP
 * secret must be kept in a form that can compute codes, so it is stored as
 * it is; the database file is the secret's boundary (see the note in
 * README on protecting the file).  Structs only; the rules are auth.h's.
 */
#ifndef HEARTH_CORE_ACCOUNT_H
#define HEARTH_CORE_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#define ACCOUNT_HASH_MAX 256	/* argon2id encoded string */
#define ACCOUNT_TOTP_MAX 32	/* base32 of 20 bytes */
#define ACCOUNT_TOKEN_HASH 32

struct credential {
	int64_t staff_id;
	char password_hash[ACCOUNT_HASH_MAX];
	char totp_secret[ACCOUNT_TOTP_MAX + 1];	/* "" until enrolment starts */
	bool totp_enrolled;
	int64_t totp_last_step;		/* refuses a code used before */
	int failures;			/* since the last good sign-in */
	int64_t last_failure;
	int64_t changed_at;
};

enum session_stage {
	SESSION_PASSWORD = 1,	/* password good; second factor to come */
	SESSION_SIGNED_IN = 2,
};

struct session {
	int64_t id;
	unsigned char token_hash[ACCOUNT_TOKEN_HASH];
	int64_t staff_id;
	char csrf[44];		/* the form token for this session */
	enum session_stage stage;
	int64_t created, last_seen;
	char remote[65];		/* as AUDIT_REMOTE_MAX + 1 */
};

struct api_token {
	int64_t id;
	int64_t staff_id;
	char name[101];
	unsigned char token_hash[ACCOUNT_TOKEN_HASH];
	int64_t created, last_used, revoked;	/* revoked 0 while live */
};

#endif
