/* store_plain.c: being written (issue 5). */
#include <stddef.h>

#include "store/store_internal.h"

const char *const store_plain_sql[] = { NULL };
