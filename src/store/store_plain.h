/*
 * store_plain.h: the authority's own plain-language terms (plain.h), kept
 * as data an administrator extends.  Implemented in store_plain.c
 * (SQLSET_PLAIN).  A term is unique regardless of case.
 */
#ifndef HEARTH_STORE_STORE_PLAIN_H
#define HEARTH_STORE_STORE_PLAIN_H

#include <stdint.h>

#include "core/plain.h"
#include "store/store.h"

/* Every term in alphabetical order (at most max; *n set). */
enum herr store_plain_terms(struct store *st, struct plain_term *out,
    int max, int *n) HEARTH_WUR;
/* Add a term, or replace the suggestion of one already there. */
enum herr store_plain_term_set(struct store *st, const struct plain_term *t,
    int64_t by, int64_t now) HEARTH_WUR;
/* Remove a term; HERR_NOTFOUND if there is none. */
enum herr store_plain_term_remove(struct store *st, const char *term)
    HEARTH_WUR;

#endif
