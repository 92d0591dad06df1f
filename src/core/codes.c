/*
 * codes.c: the CIN census code lists (2025/26) and UPN validation.
 *
 * The lists are the DfE's; each is checked against the CIN validation rule
 * that enforces it (named above each table).  Labels are our own short
 * descriptions for screens and messages; the code, never the label, is what
 * is stored and returned.  Everything here is constant data and pure
 * functions: no allocation, no state, safe to call from any thread.
 */
#include <string.h>

#include "core/codes.h"
#include "core/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* 4220: ethnicity must be present and on this list. */
static const struct code ethnicity[] = {
	{ "WBRI", "White British" },
	{ "WIRI", "White Irish" },
	{ "WIRT", "Traveller of Irish heritage" },
	{ "WOTH", "Any other White background" },
	{ "WROM", "Gypsy or Roma" },
	{ "MWBC", "Mixed: White and Black Caribbean" },
	{ "MWBA", "Mixed: White and Black African" },
	{ "MWAS", "Mixed: White and Asian" },
	{ "MOTH", "Any other mixed background" },
	{ "AIND", "Indian" },
	{ "APKN", "Pakistani" },
	{ "ABAN", "Bangladeshi" },
	{ "AOTH", "Any other Asian background" },
	{ "BCRB", "Black Caribbean" },
	{ "BAFR", "Black African" },
	{ "BOTH", "Any other Black background" },
	{ "CHNE", "Chinese" },
	{ "OOTH", "Any other ethnic group" },
	{ "REFU", "Refused" },
	{ "NOBT", "Information not yet obtained" },
};

/* 8540: every disability recorded must be on this list (8790: NONE is never
 * combined with another code, which is a rule for the record, not here). */
static const struct code disability[] = {
	{ "NONE", "No disability" },
	{ "MOB", "Mobility" },
	{ "HAND", "Hand function" },
	{ "PC", "Personal care" },
	{ "INC", "Incontinence" },
	{ "COMM", "Communication" },
	{ "LD", "Learning" },
	{ "HEAR", "Hearing" },
	{ "VIS", "Vision" },
	{ "BEH", "Behaviour" },
	{ "CON", "Consciousness" },
	{ "AUT", "Autism or Asperger syndrome" },
	{ "DDA", "Other disability" },
};

/* 8866: source of referral, required for referrals from 1 April 2013. */
static const struct code referral_source[] = {
	{ "1A", "Individual: family member, relative or carer" },
	{ "1B", "Individual: acquaintance, e.g. neighbour or childminder" },
	{ "1C", "Individual: self" },
	{ "1D", "Individual: other, e.g. a stranger" },
	{ "2A", "Schools" },
	{ "2B", "Education services" },
	{ "3A", "Health services: GP" },
	{ "3B", "Health services: health visitor" },
	{ "3C", "Health services: school nurse" },
	{ "3D", "Health services: other primary health services" },
	{ "3E", "Health services: A&E" },
	{ "3F", "Health services: other, e.g. hospice" },
	{ "4", "Housing: LA housing or housing association" },
	{ "5A", "LA services: social care, e.g. adult social care" },
	{ "5B", "LA services: other department, e.g. youth offending" },
	{ "5C", "LA services: another local authority" },
	{ "5D", "LA services: early help" },
	{ "6", "Police" },
	{ "7", "Other legal agency: courts, probation, immigration, "
	    "Cafcass or prison" },
	{ "8", "Other: children's centre, independent or voluntary agency" },
	{ "9", "Anonymous" },
	{ "10", "Unknown" },
};

/* 8650: primary need code, where present. */
static const struct code primary_need[] = {
	{ "N1", "Abuse or neglect" },
	{ "N2", "Child's disability or illness" },
	{ "N3", "Parental disability or illness" },
	{ "N4", "Family in acute stress" },
	{ "N5", "Family dysfunction" },
	{ "N6", "Socially unacceptable behaviour" },
	{ "N7", "Low income" },
	{ "N8", "Absent parenting" },
	{ "N9", "Cases other than children in need" },
	{ "N0", "Not stated" },
};

/* 8640: reason for closure, where present. */
static const struct code closure_reason[] = {
	{ "RC1", "Adopted" },
	{ "RC2", "Died" },
	{ "RC3", "Child arrangements order" },
	{ "RC4", "Special guardianship order" },
	{ "RC5", "Transferred to another local authority" },
	{ "RC6", "Transferred to adult social care" },
	{ "RC7", "Services ceased for any other reason, incl. no longer "
	    "in need" },
	{ "RC8", "Case closed after assessment, no further action" },
	{ "RC9", "Case closed after assessment, referred to early help" },
};

/* 4180 (from 2024/25, replacing GenderCurrent): sex is M, F or U. */
static const struct code sex[] = {
	{ "M", "Male" },
	{ "F", "Female" },
	{ "U", "Unknown, including unborn children" },
};

/* 8905 (initial) and 8910 (latest): category of abuse on a CP plan. */
static const struct code abuse_category[] = {
	{ "NEG", "Neglect" },
	{ "PHY", "Physical abuse" },
	{ "SAB", "Sexual abuse" },
	{ "EMO", "Emotional abuse" },
	{ "MUL", "Multiple (no longer recommended)" },
};

/*
 * 8897Q: factors identified at assessment.  18A and 19A are still accepted
 * but raise queries 8945Q and 8950Q (use 18B/18C and 19B/19C instead); 8869
 * keeps 21 on its own.  There is no 8A: private fostering starts at 8B.
 */
static const struct code assessment_factor[] = {
	{ "1A", "Alcohol misuse: the child" },
	{ "1B", "Alcohol misuse: parent or carer" },
	{ "1C", "Alcohol misuse: another person in the household" },
	{ "2A", "Drug misuse: the child" },
	{ "2B", "Drug misuse: parent or carer" },
	{ "2C", "Drug misuse: another person in the household" },
	{ "3A", "Domestic abuse: the child" },
	{ "3B", "Domestic abuse: parent or carer" },
	{ "3C", "Domestic abuse: another person in the household" },
	{ "4A", "Mental health: the child" },
	{ "4B", "Mental health: parent or carer" },
	{ "4C", "Mental health: another person in the household" },
	{ "5A", "Learning disability: the child" },
	{ "5B", "Learning disability: parent or carer" },
	{ "5C", "Learning disability: another person in the household" },
	{ "6A", "Physical disability or illness: the child" },
	{ "6B", "Physical disability or illness: parent or carer" },
	{ "6C", "Physical disability or illness: another person in the "
	    "household" },
	{ "7A", "Young carer" },
	{ "8B", "Privately fostered: overseas child who intends to return" },
	{ "8C", "Privately fostered: overseas child who intends to stay" },
	{ "8D", "Privately fostered: UK child in an educational placement" },
	{ "8E", "Privately fostered: UK child in an alternative family "
	    "arrangement" },
	{ "8F", "Privately fostered: other" },
	{ "9A", "Unaccompanied asylum-seeking child" },
	{ "10A", "Going or being missing" },
	{ "11A", "Child sexual exploitation" },
	{ "12A", "Trafficking" },
	{ "13A", "Gangs" },
	{ "14A", "Socially unacceptable behaviour" },
	{ "15A", "Self-harm" },
	{ "16A", "Neglect" },
	{ "17A", "Emotional abuse" },
	{ "18A", "Physical abuse (old code: use 18B or 18C)" },
	{ "18B", "Physical abuse: child on child" },
	{ "18C", "Physical abuse: adult on child" },
	{ "19A", "Sexual abuse (old code: use 19B or 19C)" },
	{ "19B", "Sexual abuse: child on child" },
	{ "19C", "Sexual abuse: adult on child" },
	{ "20", "Other" },
	{ "21", "No factors identified" },
	{ "22A", "Female genital mutilation" },
	{ "23A", "Abuse linked to faith or belief" },
	{ "24A", "Child criminal exploitation" },
};

/*
 * Reasons a UPN is unknown, as the CIN schema allows them.  The DfE's shared
 * list also has UN8-UN10, but those belong to the SEN2 return (they speak of
 * ULNs and EHC assessments) and are not valid in the CIN census.  8770Q
 * queries UN1 for a child of school age; 8772 refuses UN7 where a referral
 * went on to further action.
 */
static const struct code upn_unknown[] = {
	{ "UN1", "Under 6 and not yet given a UPN" },
	{ "UN2", "Never attended a state school in England, no UPN" },
	{ "UN3", "Educated outside England, no UPN" },
	{ "UN4", "Newly in need, UPN not yet known at census time" },
	{ "UN5", "Sources disagree on name or date of birth, e.g. a "
	    "duplicate UPN" },
	{ "UN6", "Not looked after and the LA cannot obtain the UPN" },
	{ "UN7", "Referral with no further action" },
};

static const struct {
	const char *name;
	const struct code *list;
	size_t n;
} tables[CODES__COUNT] = {
	[CODES_ETHNICITY] = { "ethnicity", ethnicity, NELEM(ethnicity) },
	[CODES_DISABILITY] = { "disability", disability, NELEM(disability) },
	[CODES_REFERRAL_SOURCE] = { "referral source", referral_source,
	    NELEM(referral_source) },
	[CODES_PRIMARY_NEED] = { "primary need", primary_need,
	    NELEM(primary_need) },
	[CODES_CLOSURE_REASON] = { "reason for closure", closure_reason,
	    NELEM(closure_reason) },
	[CODES_SEX] = { "sex", sex, NELEM(sex) },
	[CODES_ABUSE_CATEGORY] = { "category of abuse", abuse_category,
	    NELEM(abuse_category) },
	[CODES_ASSESSMENT_FACTOR] = { "assessment factor", assessment_factor,
	    NELEM(assessment_factor) },
	[CODES_UPN_UNKNOWN] = { "UPN unknown reason", upn_unknown,
	    NELEM(upn_unknown) },
};

static bool
list_ok(enum code_list l)
{
	/* Cast first: the enum may be unsigned, and callers may pass junk. */
	return (int)l >= 0 && (int)l < CODES__COUNT;
}

const struct code *
codes_list(enum code_list l, size_t *n)
{
	if (!list_ok(l)) {
		*n = 0;
		return NULL;
	}
	*n = tables[l].n;
	return tables[l].list;
}

/*
 * Lists are at most a few dozen short codes, so a linear scan that rejects
 * on the first character before calling strcmp beats anything cleverer.
 */
const struct code *
codes_find(enum code_list l, const char *code)
{
	const struct code *c, *end;

	if (!list_ok(l) || code == NULL || code[0] == '\0')
		return NULL;
	c = tables[l].list;
	for (end = c + tables[l].n; c < end; c++)
		if (c->code[0] == code[0] && strcmp(c->code, code) == 0)
			return c;
	return NULL;
}

const char *
codes_list_name(enum code_list l)
{
	return list_ok(l) ? tables[l].name : "unknown code list";
}

enum herr
codes_check(enum code_list l, const char *field, const char *value,
    struct hdiag *diag)
{
	const struct code *c;
	const char *f;

	if (codes_find(l, value) != NULL)
		return HERR_OK;
	f = field != NULL && field[0] != '\0' ? field : codes_list_name(l);
	if (!list_ok(l))
		return hdiag_set(diag, HERR_INVALID, field, value,
		    "%s: no such code list", f);
	c = tables[l].list;
	if (value == NULL || value[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, field, value,
		    "%s is missing: it must be a CIN census %s code "
		    "(for example %s, %s, ...)", f, codes_list_name(l),
		    c[0].code, c[1].code);
	/* Only the start of a long value: the message must keep its
	 * examples, and the diag keeps the value itself. */
	return hdiag_set(diag, HERR_INVALID, field, value,
	    "%s \"%.40s%s\" is not a CIN census %s code "
	    "(for example %s, %s, ...)", f, value,
	    strlen(value) > 40 ? "..." : "", codes_list_name(l),
	    c[0].code, c[1].code);
}

/*
 * UPN: the DfE's Unique Pupil Number format (UPN guide; CIN rules 1510-1550).
 *
 * The check letter and a temporary UPN's 13th character come from the same
 * 23-letter alphabet, A-Z without I, O and S (too easily read as 1, 0, 5).
 */
static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

/* The value 0-22 of a check-alphabet letter, or -1. */
static int
upn_letter_value(char ch)
{
	const char *p;

	if (ch == '\0')
		return -1;
	p = strchr(upn_letters, ch);
	return p == NULL ? -1 : (int)(p - upn_letters);
}

static bool
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/*
 * 1530: "a valid post April 1998 LA code or a recognised pseudo LA code",
 * as the 2023/24 validator rules list them (942 Cumberland and 943
 * Westmorland and Furness were added for 2023/24; 2024/25 and 2025/26
 * inherit that list unchanged).  Inclusive ranges, ascending.
 */
static const struct {
	short lo, hi;
} la_ranges[] = {
	{ 1, 5 },	/* pseudo-LA codes 001-005 */
	{ 201, 213 }, { 301, 320 }, { 330, 336 }, { 340, 344 },
	{ 350, 359 }, { 370, 373 }, { 380, 384 }, { 390, 394 },
	{ 420, 420 }, { 660, 681 }, { 701, 708 }, { 800, 803 },
	{ 805, 808 }, { 810, 813 }, { 815, 816 }, { 820, 823 },
	{ 825, 826 }, { 830, 831 }, { 835, 841 }, { 845, 846 },
	{ 850, 852 }, { 855, 857 }, { 860, 861 }, { 865, 896 },
	{ 908, 909 }, { 916, 916 }, { 919, 919 }, { 921, 921 },
	{ 925, 926 }, { 928, 929 }, { 931, 931 }, { 933, 933 },
	{ 935, 938 }, { 940, 943 },
};

bool
codes_la_known(int la)
{
	size_t i;

	for (i = 0; i < NELEM(la_ranges); i++) {
		if (la < la_ranges[i].lo)
			return false;
		if (la <= la_ranges[i].hi)
			return true;
	}
	return false;
}

/*
 * 1510: weight character k (k = 2..13) by k, sum, take the remainder mod 23
 * and read it off the alphabet (0 = A ... 22 = Z).  A temporary UPN's
 * letter in place 13 counts as its own alphabet value (A = 0, B = 1...).
 */
char
upn_check_letter(const char *tail12)
{
	int i, v, sum;

	if (tail12 == NULL)
		return 0;
	sum = 0;
	for (i = 0; i < 11; i++) {
		if (!is_digit(tail12[i]))
			return 0;
		sum += (tail12[i] - '0') * (i + 2);
	}
	if (is_digit(tail12[11]))
		v = tail12[11] - '0';
	else if ((v = upn_letter_value(tail12[11])) < 0)
		return 0;
	if (tail12[12] != '\0')
		return 0;
	sum += v * 13;
	return upn_letters[sum % 23];
}

enum herr
upn_check(const char *upn, const char *field, struct hdiag *diag)
{
	size_t len;
	int i, la;

	if (upn == NULL || upn[0] == '\0')
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "the UPN is missing (give a UPN or a reason it is unknown)");
	len = strlen(upn);
	if (len != UPN_LEN)
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "a UPN has %d characters, not %zu", UPN_LEN, len);
	/* 1530 needs three digits before it can look the number up. */
	for (i = 1; i < 4; i++)
		if (!is_digit(upn[i]))
			return hdiag_set(diag, HERR_INVALID, field, upn,
			    "characters 2-4 of a UPN are the local authority "
			    "number, three digits (CIN rule 1530)");
	la = (upn[1] - '0') * 100 + (upn[2] - '0') * 10 + (upn[3] - '0');
	if (!codes_la_known(la))
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "characters 2-4 of the UPN, %.3s, are not a recognised "
		    "local authority number (CIN rule 1530)", upn + 1);
	for (i = 4; i < 12; i++)
		if (!is_digit(upn[i]))
			return hdiag_set(diag, HERR_INVALID, field, upn,
			    "characters 5-12 of a UPN must all be digits "
			    "(CIN rule 1540)");
	if (!is_digit(upn[12]) && upn_letter_value(upn[12]) < 0)
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "the last character of a UPN must be a digit or a "
		    "capital letter other than I, O or S (CIN rule 1550)");
	if (upn_letter_value(upn[0]) < 0)
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "a UPN starts with its check letter, a capital letter "
		    "other than I, O or S (CIN rule 1510)");
	/*
	 * Say only that the letter is wrong, not which it should be: a
	 * mismatch usually means a mistyped digit, and offering the letter
	 * that fits invites "fixing" a wrong number into a plausible one.
	 */
	if (upn_check_letter(upn + 1) != upn[0])
		return hdiag_set(diag, HERR_INVALID, field, upn,
		    "the check letter (character 1) does not match the rest "
		    "of the UPN; check it was copied correctly "
		    "(CIN rule 1510)");
	return HERR_OK;
}
