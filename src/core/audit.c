/*
 * audit.c: codes, hashing and chain verification for audit rows.
 *
 * The canonical encoding is fixed forever: changing it would make every
 * existing chain fail to verify.  Each field is written as an 8-byte
 * big-endian length followed by its bytes; integers as 8-byte big-endian
 * two's complement.  Text fields are hashed up to their NUL.
 */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/audit.h"
#include "core/auth.h"
#include "core/banned.h"

static const char *const action_codes[AUDIT_ACTION__COUNT] = {
	[AUDIT_VIEW] = "view",
	[AUDIT_EDIT] = "edit",
	[AUDIT_CREATE] = "create",
	[AUDIT_PRINT] = "print",
	[AUDIT_EXPORT] = "export",
	[AUDIT_BREAK_GLASS] = "break_glass",
	[AUDIT_SEARCH] = "search",
	[AUDIT_SIGN_IN] = "sign_in",
	[AUDIT_SIGN_IN_FAILED] = "sign_in_failed",
	[AUDIT_SIGN_OUT] = "sign_out",
	[AUDIT_ADMIN] = "admin",
};

static const char *const action_labels[AUDIT_ACTION__COUNT] = {
	[AUDIT_VIEW] = "Viewed",
	[AUDIT_EDIT] = "Changed",
	[AUDIT_CREATE] = "Created",
	[AUDIT_PRINT] = "Printed",
	[AUDIT_EXPORT] = "Exported",
	[AUDIT_BREAK_GLASS] = "Broke the glass",
	[AUDIT_SEARCH] = "Searched",
	[AUDIT_SIGN_IN] = "Signed in",
	[AUDIT_SIGN_IN_FAILED] = "Failed to sign in",
	[AUDIT_SIGN_OUT] = "Signed out",
	[AUDIT_ADMIN] = "Administered",
};

static const char *const subject_codes[SUBJECT__COUNT] = {
	[SUBJECT_NONE] = "none",
	[SUBJECT_CHILD] = "child",
	[SUBJECT_HOUSEHOLD] = "household",
	[SUBJECT_STAFF] = "staff",
	[SUBJECT_TEAM] = "team",
	[SUBJECT_TOKEN] = "token",
};

const char *
audit_action_code(enum audit_action a)
{
	return (unsigned)a < AUDIT_ACTION__COUNT ? action_codes[a] : NULL;
}

const char *
audit_action_label(enum audit_action a)
{
	return (unsigned)a < AUDIT_ACTION__COUNT ? action_labels[a] : "Unknown";
}

const char *
audit_subject_code(enum audit_subject s)
{
	return (unsigned)s < SUBJECT__COUNT ? subject_codes[s] : NULL;
}

enum herr
audit_action_parse(const char *s, enum audit_action *out)
{
	for (int i = 0; s != NULL && i < AUDIT_ACTION__COUNT; i++)
		if (strcmp(s, action_codes[i]) == 0) {
			*out = (enum audit_action)i;
			return HERR_OK;
		}
	return HERR_INVALID;
}

enum herr
audit_subject_parse(const char *s, enum audit_subject *out)
{
	for (int i = 0; s != NULL && i < SUBJECT__COUNT; i++)
		if (strcmp(s, subject_codes[i]) == 0) {
			*out = (enum audit_subject)i;
			return HERR_OK;
		}
	return HERR_INVALID;
}

static void
put_u64(crypto_generichash_state *h, uint64_t v)
{
	unsigned char b[8];

	for (int i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_generichash_update(h, b, sizeof(b));
}

static void
put_text(crypto_generichash_state *h, const char *s)
{
	size_t n = strlen(s);

	put_u64(h, n);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void
row_hash(const struct audit_row *r, const unsigned char *prev,
    unsigned char out[AUDIT_HASH_BYTES])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, AUDIT_HASH_BYTES);
	crypto_generichash_update(&h, prev, AUDIT_HASH_BYTES);
	put_u64(&h, (uint64_t)r->id);
	put_u64(&h, (uint64_t)r->at_ms);
	put_u64(&h, (uint64_t)r->staff_id);
	put_text(&h, r->username);
	put_text(&h, r->role);
	put_text(&h, audit_action_code(r->action) ?
	    audit_action_code(r->action) : "");
	put_text(&h, audit_subject_code(r->subject) ?
	    audit_subject_code(r->subject) : "");
	put_u64(&h, (uint64_t)r->subject_id);
	put_text(&h, r->route);
	put_text(&h, r->remote);
	put_text(&h, r->reason);
	crypto_generichash_final(&h, out, AUDIT_HASH_BYTES);
}

void
audit_seal(struct audit_row *row, const unsigned char *prev)
{
	static const unsigned char zero[AUDIT_HASH_BYTES];

	memcpy(row->prev, prev != NULL ? prev : zero, AUDIT_HASH_BYTES);
	row_hash(row, row->prev, row->hash);
}

void
audit_verify_init(struct audit_verify *v)
{
	memset(v, 0, sizeof(*v));
}

bool
audit_verify_next(struct audit_verify *v, const struct audit_row *row)
{
	unsigned char h[AUDIT_HASH_BYTES];

	if (sodium_memcmp(row->prev, v->last, AUDIT_HASH_BYTES) != 0) {
		v->why = "its previous-row hash does not match the row before "
		    "it (a row was removed, inserted or reordered)";
		return false;
	}
	row_hash(row, row->prev, h);
	if (sodium_memcmp(h, row->hash, AUDIT_HASH_BYTES) != 0) {
		v->why = "its contents do not match its hash (the row was "
		    "altered)";
		return false;
	}
	memcpy(v->last, row->hash, AUDIT_HASH_BYTES);
	v->rows++;
	v->last_id = row->id;
	return true;
}

int64_t
audit_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return auth_now() * 1000 + ts.tv_nsec / 1000000;
}
