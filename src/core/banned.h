/*
 * banned.h: functions hearth must not call, turned into compile errors.
 * Include it LAST in every .c file, after all system headers (as git does),
 * so that declarations in system headers are not rewritten.
 * scripts/lint checks that every source file includes it.
 */
#ifndef HEARTH_CORE_BANNED_H
#define HEARTH_CORE_BANNED_H

#define HEARTH_BANNED(f) sorry_##f##_is_banned_in_hearth

#undef strcpy
#define strcpy(a, b) HEARTH_BANNED(strcpy)
#undef strcat
#define strcat(a, b) HEARTH_BANNED(strcat)
#undef strncpy
#define strncpy(a, b, n) HEARTH_BANNED(strncpy)
#undef strncat
#define strncat(a, b, n) HEARTH_BANNED(strncat)
#undef strtok
#define strtok(a, b) HEARTH_BANNED(strtok)
#undef sprintf
#define sprintf(...) HEARTH_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) HEARTH_BANNED(vsprintf)
#undef gets
#define gets(a) HEARTH_BANNED(gets)
#undef atoi
#define atoi(a) HEARTH_BANNED(atoi)
#undef atol
#define atol(a) HEARTH_BANNED(atol)
#undef localtime
#define localtime(t) HEARTH_BANNED(localtime)
#undef gmtime
#define gmtime(t) HEARTH_BANNED(gmtime)
#undef ctime
#define ctime(t) HEARTH_BANNED(ctime)
#undef asctime
#define asctime(t) HEARTH_BANNED(asctime)
#undef rand
#define rand() HEARTH_BANNED(rand)
#undef random
#define random() HEARTH_BANNED(random)

#endif
