/*
 * store_plain.c: the SQLite side of store_plain.h: the authority's own
 * plain-language terms in `plain_term` (migration 6).
 *
 * Decides nothing about what a good term is: plain_term_valid (core) does,
 * and a term is checked again here only so that nothing the checker could
 * not match is ever stored.  The table's primary key is COLLATE NOCASE, so
 * "LAC" and "lac" are one term and adding either replaces the suggestion.
 */
#include <string.h>

#include "store/store_internal.h"
#include "store/store_plain.h"
#include "core/banned.h"

enum plain_stmt {
	P_LIST,
	P_SET,
	P_REMOVE,
	P__COUNT
};

const char *const store_plain_sql[P__COUNT + 1] = {
	[P_LIST] =
	    "SELECT term, plain FROM plain_term"
	    " ORDER BY term COLLATE NOCASE, term",
	/* ?1 term, ?2 plain, ?3 by, ?4 now.  A new spelling of an existing
	 * term (another case) replaces the old one too. */
	[P_SET] =
	    "INSERT INTO plain_term (term, plain, added_by, added_at)"
	    " VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (term) DO UPDATE SET term = excluded.term,"
	    " plain = excluded.plain, added_by = excluded.added_by,"
	    " added_at = excluded.added_at",
	[P_REMOVE] = "DELETE FROM plain_term WHERE term = ?1",
	[P__COUNT] = NULL,
};

static sqlite3_stmt *
q(struct store *st, enum plain_stmt which)
{
	return store_q(st, SQLSET_PLAIN, which);
}

enum herr
store_plain_terms(struct store *st, struct plain_term *out, int max, int *n)
{
	sqlite3_stmt *s = q(st, P_LIST);
	int rc, k = 0;

	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (k >= max)
			break;		/* the caller's room is full */
		memset(&out[k], 0, sizeof(out[k]));
		column_copy(s, 0, out[k].term, sizeof(out[k].term));
		column_copy(s, 1, out[k].plain, sizeof(out[k].plain));
		k++;
	}
	finish(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sql_fail(st->db, rc, "reading the plain-language terms",
		    NULL);
	*n = k;
	return HERR_OK;
}

enum herr
store_plain_term_set(struct store *st, const struct plain_term *t,
    int64_t by, int64_t now)
{
	sqlite3_stmt *s = q(st, P_SET);

	if (!plain_term_valid(t, NULL, 0))
		return HERR_INVALID;
	bind_text(s, 1, t->term);
	bind_text(s, 2, t->plain);
	bind_id(s, 3, by);
	sqlite3_bind_int64(s, 4, now);
	return step_done(st, s, "saving a plain-language term", NULL);
}

enum herr
store_plain_term_remove(struct store *st, const char *term)
{
	sqlite3_stmt *s = q(st, P_REMOVE);
	enum herr e;

	if (term == NULL || term[0] == '\0')
		return HERR_NOTFOUND;
	bind_text(s, 1, term);
	e = step_done(st, s, "removing a plain-language term", NULL);
	if (e == HERR_OK && sqlite3_changes(st->db) == 0)
		return HERR_NOTFOUND;
	return e;
}
