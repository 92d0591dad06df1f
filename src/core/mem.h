/*
 * mem.h: hearth's out-of-memory policy, decided once.
 *
 * Allocation failure aborts the process with a message: a case system that
 * cannot allocate a few bytes cannot do anything useful, and a half-handled
 * failure is worse than a clean stop (SQLite transactions roll back).  Every
 * allocation in hearth goes through these wrappers; none returns NULL.
 */
#ifndef HEARTH_CORE_MEM_H
#define HEARTH_CORE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);		/* caller frees */
void *xcalloc(size_t n, size_t size);	/* caller frees */
void *xrealloc(void *p, size_t n);	/* caller frees the result */
char *xstrdup(const char *s);		/* caller frees; NULL in, NULL out */

#endif
