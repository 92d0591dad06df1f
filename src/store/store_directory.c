/*
 * store_directory.c: statements and reads for the directory area (see
 * store_internal.h).
 */
#include "store/store_internal.h"
#include "core/banned.h"

const char *const store_directory_sql[] = {
	NULL,
};
