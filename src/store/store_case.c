/*
 * store_case.c: statements and reads/writes for the case area (see
 * store_internal.h).
 */
#include "store/store_internal.h"
#include "core/banned.h"

const char *const store_case_sql[] = {
	NULL,
};
