/*
 * plain.c: the plain-language checker (plain.h): the built-in list of
 * children's social care jargon with a plain alternative for each, the
 * matcher, and the long-sentence counter.
 *
 * Owns the rules for what counts as a word and as a sentence; must never
 * allocate, do I/O or change the text (nothing is blocked, only flagged).
 *
 * Matching (whole words, case-insensitive for ASCII):
 *  - a space or hyphen in a term matches a hyphen or a run of white space
 *    in the text holding at most one line break, so "disguised compliance"
 *    matches across a wrapped line and "non-engagement" matches "non
 *    engagement", but a blank line (a new paragraph) is never crossed;
 *  - an apostrophe matches ' or the typographic ’;
 *  - one trailing "s" is allowed ("perpetrators", "CINs");
 *  - letters outside ASCII count as word characters, so "LACé" is not LAC,
 *    while dashes, quotes and bullets from the General Punctuation block
 *    do not;
 *  - the longest term at a position wins; with equal length an
 *    authority's own term wins over the built-in one, which is how an
 *    authority replaces a suggestion.
 *
 * Sentences end at . ! or ? followed by white space or the end of the text
 * (so "3.5" and "gov.uk" do not end one; nor do "e.g.", "i.e.", "Mr." and
 * single initials; "etc." ends one only before a capital letter), at a
 * blank line, and at a single line break when the next line starts with a
 * bullet ("-", "*", "•", "1." or "1)"), or when the line ends without
 * punctuation (or with a colon) and the next line does not start with a
 * lower-case letter: a typed list of lines is a list of sentences, while a
 * hard-wrapped paragraph still reads as one.  A word is a run of non-space
 * characters holding at least one letter or digit.
 *
 * Deliberately not on the built-in list: plain words that are sometimes
 * used as jargon but are far more often plain ("contact" alone, "risk",
 * "case", "victim"), names of conditions (ADHD, autism: a diagnosis is
 * not jargon), and the formal names a family needs to recognise on their
 * own papers ("child protection plan", "child protection conference").
 */
#include <string.h>

#include "core/plain.h"
#include "core/text.h"
#include "core/banned.h"

/*
 * Practice-models 1.4 and 6.7: describe the behaviour, not the label.  Each
 * alternative says what to write instead, in words a parent or a child
 * would use.
 */
static const struct plain_term defaults[] = {
	/* Labels for harm: say what happened. */
	{ "neglect", "not meeting the child's basic needs - say what was "
	    "missing, such as food, warmth, clean clothes or getting to "
	    "school" },
	{ "neglected", "say what the child went without, such as food, "
	    "warmth, clean clothes or getting to school" },
	{ "neglectful", "say what the child went without, such as food, "
	    "warmth, clean clothes or getting to school" },
	{ "domestic violence", "say what happened between the adults, for "
	    "example 'Dad hit Mum while the children were upstairs'" },
	{ "domestic abuse", "one adult hurting, frightening or controlling "
	    "another at home - say what happened and what the children saw "
	    "or heard" },
	{ "DV", "say what happened between the adults at home and what the "
	    "children saw or heard" },
	{ "emotional abuse", "say what was said or done that hurt how the "
	    "child feels, such as shouting at them, calling them names or "
	    "frightening them" },
	{ "physical abuse", "say how the child was hurt, such as being hit, "
	    "shaken, kicked or burned" },
	{ "sexual abuse", "say plainly and carefully what happened to the "
	    "child, in words the family will understand" },
	{ "non-accidental injury", "an injury someone caused on purpose - say "
	    "what the injury is" },
	{ "NAI", "an injury someone caused on purpose - say what the injury "
	    "is" },
	{ "significant harm", "serious harm to the child's health or how they "
	    "grow and develop - say which harm you mean" },
	{ "toxic trio", "say what is happening at home, such as heavy "
	    "drinking, feeling very low or violence, and how it affects the "
	    "child" },
	{ "perpetrator", "the person who caused the harm - use their name or "
	    "say who they are to the child" },
	{ "CSE", "someone using the child for sex in return for something - "
	    "say what happened" },
	{ "child sexual exploitation", "someone using the child for sex in "
	    "return for something, like gifts, money or attention - say what "
	    "happened" },
	{ "CCE", "adults making the child commit crimes for them, such as "
	    "carrying drugs - say what happened" },
	{ "child criminal exploitation", "adults making the child commit "
	    "crimes for them, such as carrying drugs - say what happened" },
	{ "exploitation", "someone using the child for their own gain - say "
	    "who and how" },
	{ "county lines", "gangs using children to carry and sell drugs in "
	    "other towns" },
	{ "FGM", "female genital mutilation (cutting a girl's private parts) "
	    "- say it in full" },
	{ "failure to thrive", "not growing or putting on weight as expected" },
	{ "faltering growth", "not growing or putting on weight as expected" },
	{ "developmental delay", "the child is behind with things like "
	    "talking, walking or playing - say which" },

	/* Labels for parents: say what they did or did not do. */
	{ "disguised compliance", "saying you will do things but not doing "
	    "them - say what was agreed and what happened" },
	{ "non-engagement", "say what did not happen, for example 'Mum did "
	    "not come to the last three meetings'" },
	{ "non-compliance", "say what was agreed and what did not happen" },
	{ "engagement", "say what the person did, for example 'Dad came to "
	    "every meeting'" },
	{ "engage", "take part - say what the person did or did not do" },
	{ "engaged with", "took part in - say what the person did" },
	{ "engaging with", "taking part in - say what the person does" },
	{ "hard to reach", "say what was tried and what happened, for example "
	    "'we phoned Dad five times and he did not answer'" },
	{ "lack of insight", "say what the person does not yet see, for "
	    "example 'Dad does not think the shouting upsets the children'" },
	{ "minimise", "say what the person said, for example 'Mum said it "
	    "only happened once'" },
	{ "minimised", "say what the person said, for example 'Mum said it "
	    "only happened once'" },
	{ "minimising", "say what the person said, for example 'Mum said it "
	    "only happened once'" },
	{ "parenting capacity", "how well the parent can look after the child "
	    "- say what they do well and what they find hard" },
	{ "capacity to change", "whether the parent can make the changes "
	    "needed and keep them going" },
	{ "sustained change", "changes that last" },
	{ "mental health issues", "say what you have seen, for example 'Mum "
	    "has felt very low and stays in bed most days'" },
	{ "mental health difficulties", "say what you have seen, for example "
	    "'Mum has felt very low and stays in bed most days'" },
	{ "substance misuse", "using drugs or alcohol in a way that causes "
	    "harm - say which, how much and what happens" },
	{ "substance abuse", "using drugs or alcohol in a way that causes "
	    "harm - say which, how much and what happens" },
	{ "substance use", "using drugs or alcohol - say which and what "
	    "happens" },
	{ "volatile", "say what happens, for example 'shouting and throwing "
	    "things'" },
	{ "chaotic", "say what it is like, for example 'no set bedtime and "
	    "meals at different times'" },
	{ "unkempt", "looked unwashed or was in dirty clothes" },
	{ "inappropriate", "say what was wrong and why it worries you" },
	{ "boundaries", "rules and limits for the children" },
	{ "home conditions", "how clean, safe and warm the home is" },
	{ "basic care", "food, warmth, washing and clean clothes" },
	{ "emotional warmth", "showing the child love and comfort" },
	{ "attachment", "the bond between the child and the people who look "
	    "after them" },
	{ "vulnerable", "say why the person could be hurt more easily" },
	{ "at risk", "say what might happen to the child and why" },
	{ "risk factors", "the worries - say what they are" },
	{ "protective factors", "the things that help keep the child safe" },
	{ "presenting issues", "what the worry was when we first got "
	    "involved" },
	{ "service user", "use the person's name, or say 'the family'" },
	{ "disclosure", "when the child told someone what happened" },
	{ "disclosed", "told" },

	/* Processes and meetings: say what they are for. */
	{ "s47", "a child protection enquiry: the council finding out whether "
	    "the child is being harmed or is at risk of harm" },
	{ "section 47", "a child protection enquiry: the council finding out "
	    "whether the child is being harmed or is at risk of harm" },
	{ "s17", "help for a child in need (section 17) - say what help" },
	{ "section 17", "help for a child in need - say what help" },
	{ "s20", "the child living away from home with the parents' agreement "
	    "(section 20) - the parents keep their rights" },
	{ "section 20", "the child living away from home with the parents' "
	    "agreement - the parents keep their rights" },
	{ "CP", "child protection - say it in full" },
	{ "CP plan", "child protection plan - say it in full and say what it "
	    "is for" },
	{ "CP conference", "child protection conference: the meeting where "
	    "the family and workers agree how to keep the child safe" },
	{ "ICPC", "the first child protection meeting (initial child "
	    "protection conference) - say it in full" },
	{ "RCPC", "the meeting that checks how the child protection plan is "
	    "going (review child protection conference)" },
	{ "core group", "the small group of family members and workers who "
	    "meet to make the plan happen" },
	{ "strategy discussion", "the first talk between the council, police "
	    "and health about whether the child may be being harmed" },
	{ "strategy meeting", "the first meeting of the council, police and "
	    "health about whether the child may be being harmed" },
	{ "threshold", "say what the worry is and why it means the council "
	    "needs to be involved" },
	{ "safeguarding", "keeping children safe" },
	{ "safeguard", "keep safe" },
	{ "CIN", "child in need - say it in full and say what help is on "
	    "offer" },
	{ "child in need", "a child the council will help because they need "
	    "extra support to be safe and well" },
	{ "LAC", "a child in care (looked after by the council)" },
	{ "CLA", "a child in care (looked after by the council)" },
	{ "looked after child", "a child in care" },
	{ "looked after children", "children in care" },
	{ "placement", "where the child lives - say who with, for example "
	    "'living with foster carers'" },
	{ "placement breakdown", "the child had to move because living there "
	    "was not working" },
	{ "respite", "a short break - say who the child stays with and for "
	    "how long" },
	{ "supervised contact", "family time with a worker there" },
	{ "contact arrangements", "plans for when the child sees their "
	    "family" },
	{ "contact centre", "the family centre where the child sees their "
	    "family" },
	{ "contact session", "family time" },
	{ "direct contact", "seeing each other in person" },
	{ "indirect contact", "keeping in touch by letters, cards or photos" },
	{ "kinship care", "the child living with a relative or family "
	    "friend" },
	{ "connected person", "a relative or family friend who looks after "
	    "the child" },
	{ "SGO", "special guardianship order: a court order for a relative or "
	    "friend to bring up the child - say it in full" },
	{ "care proceedings", "a court case where a judge decides where the "
	    "child should live and who makes decisions for them" },
	{ "PLO", "the formal stage before the council decides whether to go "
	    "to court (Public Law Outline) - say what happens next" },
	{ "pre-proceedings", "the last stage before the council may go to "
	    "court" },
	{ "legal planning meeting", "a meeting of the council and its lawyers "
	    "to decide whether to go to court" },
	{ "parental responsibility", "the legal rights and duties of a "
	    "parent" },
	{ "PR", "parental responsibility: the legal rights and duties of a "
	    "parent - say it in full" },
	{ "NFA", "no further action: the council will not do anything more" },
	{ "step down", "move to a lighter kind of help" },
	{ "escalate", "pass the worry to someone more senior, or take stronger "
	    "action - say which" },
	{ "de-escalate", "calm things down, or reduce the level of help - say "
	    "which" },
	{ "intervention", "help or support - say what will be done and by "
	    "whom" },
	{ "statutory", "required by law" },
	{ "statutory visit", "a visit the law says the social worker must "
	    "make" },
	{ "risk assessment", "looking at what could go wrong and how likely "
	    "it is" },
	{ "chronology", "a list of important events in date order" },
	{ "genogram", "a family tree" },
	{ "ecomap", "a drawing of the people and services around the family" },
	{ "eco-map", "a drawing of the people and services around the "
	    "family" },
	{ "missing episode", "a time the child went missing" },

	/* Services, teams and people: name them. */
	{ "local authority", "the council" },
	{ "multi-agency", "the different services working together, such as "
	    "school, health and the council" },
	{ "agencies", "name the services, for example the school, the health "
	    "visitor and the police" },
	{ "partner agencies", "name the services, for example the school, the "
	    "health visitor and the police" },
	{ "professional network", "the workers who know the family - name "
	    "them" },
	{ "universal services", "everyday services such as school, the doctor "
	    "and the health visitor" },
	{ "MASH", "the team that looks at new worries about children "
	    "(Multi-Agency Safeguarding Hub)" },
	{ "front door", "the team that takes new calls about children" },
	{ "LADO", "the council officer who looks into worries about adults who "
	    "work with children" },
	{ "MARAC", "a meeting of services about people at high risk from "
	    "domestic abuse" },
	{ "IDVA", "a domestic abuse support worker" },
	{ "CAMHS", "the children's mental health service - say it in full the "
	    "first time" },
	{ "IRO", "independent reviewing officer: the person who checks that "
	    "the plan for a child in care is working" },
	{ "TAF", "team around the family: the workers who meet with the family "
	    "to help" },
	{ "HV", "health visitor" },
	{ "SW", "social worker" },
	{ "EHCP", "education, health and care plan: the plan for the child's "
	    "extra help at school - say it in full" },
	{ "SEN", "special educational needs - say what help the child needs to "
	    "learn" },
	{ "SEND", "special educational needs and disabilities - say what help "
	    "the child needs" },
	{ "ABE interview", "a video-recorded police interview with the "
	    "child" },

	/* Office words: use the everyday one. */
	{ "holistic", "looking at the whole of the family's life" },
	{ "wraparound", "help from several services at once" },
	{ "signpost", "tell the family about, or put them in touch with" },
	{ "signposted", "told about, or put in touch with" },
	{ "facilitate", "arrange, or help" },
	{ "utilise", "use" },
	{ "commence", "start" },
	{ "prior to", "before" },
	{ "ascertain", "find out" },
	{ "adverse childhood experiences", "hard things that happen in "
	    "childhood, such as violence at home - say which" },
	{ "trauma-informed", "aware of how hard things that happened can "
	    "still affect people" },
};

#define NDEFAULTS ((int)(sizeof(defaults) / sizeof(defaults[0])))

static const char long_advice[] =
    "try splitting it into shorter sentences, one idea in each";

const struct plain_term *
plain_default_terms(int *n)
{
	if (n != NULL)
		*n = NDEFAULTS;
	return defaults;
}

/* ---- characters ---- */

/* The code point at s (0 at the end); *len its bytes.  A malformed byte is
 * U+FFFD of one byte, so scanning always moves forward. */
static unsigned
cp_at(const char *str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], cp, need;

	*len = 1;
	if (c < 0x80)
		return c;
	if ((c & 0xe0) == 0xc0)
		need = 1, cp = c & 0x1f;
	else if ((c & 0xf0) == 0xe0)
		need = 2, cp = c & 0x0f;
	else if ((c & 0xf8) == 0xf0)
		need = 3, cp = c & 0x07;
	else
		return 0xfffd;
	for (unsigned k = 1; k <= need; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0xfffd;
		cp = cp << 6 | (s[k] & 0x3f);
	}
	*len = need + 1;
	return cp;
}

static bool
ascii_alnum(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static bool
cp_word(unsigned cp)
{
	if (cp < 0x80)
		return ascii_alnum(cp);
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return false;	/* Latin-1 punctuation, nbsp, × and ÷ */
	if (cp >= 0x2000 && cp <= 0x206f)
		return false;	/* General Punctuation: dashes, quotes, • */
	if (cp >= 0x3000 && cp <= 0x303f)
		return false;
	if (cp == 0xfeff)
		return false;
	return true;
}

static bool
word_at(const char *t, size_t i)
{
	size_t n;

	return t[i] != '\0' && cp_word(cp_at(t + i, &n));
}

/* Whether the character ending just before i is a word character. */
static bool
word_before(const char *t, size_t i)
{
	size_t j = i, n;

	if (i == 0)
		return false;
	j--;
	while (j > 0 && i - j < 4 && ((unsigned char)t[j] & 0xc0) == 0x80)
		j--;
	return cp_word(cp_at(t + j, &n));
}

static unsigned char
fold(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static bool
hspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool
space(char c)
{
	return hspace(c) || c == '\n' || c == '\f' || c == '\v';
}

/* ---- jargon ---- */

/*
 * Bytes of a separator in the text at i matching a space or hyphen of a
 * term: one hyphen, or white space (spaces, tabs, no-break spaces) with at
 * most one line break; 0 if none.
 */
static size_t
sep_len(const char *t, size_t i)
{
	size_t j = i;
	int breaks = 0;

	if (t[i] == '-')
		return 1;
	for (;;) {
		if (hspace(t[j])) {
			j++;
		} else if (t[j] == '\n') {
			if (++breaks > 1)
				return 0;
			j++;
		} else if ((unsigned char)t[j] == 0xc2 &&
		    (unsigned char)t[j + 1] == 0xa0) {
			j += 2;
		} else {
			break;
		}
	}
	return j - i;
}

/*
 * A short term written in capitals (two to five letters, none lower case:
 * LAC, CIN, SEND, ICPC, CAMHS) is an acronym and matches only in
 * capitals, so that "send the letter" is not SEND and "cin" in a name is
 * not CIN.  A longer word in capitals ("NEGLECT") is only emphasis.
 */
static bool
acronym(const char *term)
{
	int letters = 0;

	for (const char *k = term; *k != '\0'; k++) {
		if (*k >= 'a' && *k <= 'z')
			return false;
		if (*k >= 'A' && *k <= 'Z')
			letters++;
	}
	return letters >= 2 && letters <= 5;
}

/* Bytes of text at p matched by `term` (ignoring boundaries), 0 if none. */
static size_t
term_len(const char *t, size_t p, const char *term)
{
	const unsigned char *k = (const unsigned char *)term;
	bool exact = acronym(term);
	size_t i = p, n;

	while (*k != '\0') {
		if (*k == ' ' || *k == '-') {
			while (*k == ' ' || *k == '-')
				k++;
			if ((n = sep_len(t, i)) == 0)
				return 0;
			i += n;
		} else if (*k == '\'' ||
		    strncmp((const char *)k, "\xe2\x80\x99", 3) == 0) {
			if (t[i] == '\'')
				i++;
			else if (strncmp(t + i, "\xe2\x80\x99", 3) == 0)
				i += 3;
			else
				return 0;
			k += (*k == '\'') ? 1 : 3;
		} else {
			if (exact ? (unsigned char)t[i] != *k :
			    fold((unsigned char)t[i]) != fold(*k))
				return 0;
			i++;
			k++;
		}
	}
	return i - p;
}

/* The end of a whole-word match of `term` at p (a word start), or 0. */
static size_t
term_end(const char *t, size_t p, const char *term)
{
	size_t n, e;

	if (term[0] == '\0' ||
	    fold((unsigned char)t[p]) != fold((unsigned char)term[0]))
		return 0;
	if ((n = term_len(t, p, term)) == 0)
		return 0;
	e = p + n;
	if ((t[e] == 's' || t[e] == 'S') && !word_at(t, e + 1))
		e++;	/* one plural s */
	if (word_at(t, e))
		return 0;
	return e;
}

struct hit {
	size_t off, len;
	const char *plain;
	int words;
};

/*
 * The next jargon term at or after *pos (a character boundary): true with
 * the hit, *pos moved past it; false at the end of the text.
 */
static bool
jargon_next(const char *t, size_t *pos, const struct plain_term *extra,
    int n_extra, struct hit *h)
{
	size_t i = *pos, n;
	bool prev = word_before(t, i);

	while (t[i] != '\0') {
		bool w = cp_word(cp_at(t + i, &n));

		if (w && !prev) {
			size_t best = 0, e;
			const char *plain = NULL;

			for (int k = 0; k < NDEFAULTS; k++) {
				e = term_end(t, i, defaults[k].term);
				if (e > best)
					best = e, plain = defaults[k].plain;
			}
			for (int k = 0; k < n_extra; k++) {
				e = term_end(t, i, extra[k].term);
				if (e >= best && e > 0 && extra[k].plain[0])
					best = e, plain = extra[k].plain;
			}
			if (best > 0) {
				h->off = i;
				h->len = best - i;
				h->plain = plain;
				h->words = 0;
				*pos = best;
				return true;
			}
		}
		prev = w;
		i += n;
	}
	*pos = i;
	return false;
}

/* ---- sentences ---- */

/* Bytes of a list bullet at i ("-", "*", "•", "12." or "3)" followed by
 * white space), or 0. */
static size_t
bullet_len(const char *t, size_t i)
{
	size_t j = i;

	if (t[i] == '-' || t[i] == '*')
		j = i + 1;
	else if (strncmp(t + i, "\xe2\x80\xa2", 3) == 0)
		j = i + 3;
	else if (t[i] >= '0' && t[i] <= '9') {
		while (t[j] >= '0' && t[j] <= '9' && j - i < 3)
			j++;
		if (t[j] != '.' && t[j] != ')')
			return 0;
		j++;
	} else
		return 0;
	return space(t[j]) ? j - i : 0;
}

/* Skip white space and list bullets before a sentence. */
static size_t
skip_lead(const char *t, size_t i)
{
	size_t n;

	for (;;) {
		if (space(t[i]))
			i++;
		else if ((unsigned char)t[i] == 0xc2 &&
		    (unsigned char)t[i + 1] == 0xa0)
			i += 2;
		else if ((n = bullet_len(t, i)) > 0)
			i += n;
		else
			return i;
	}
}

/* The end (exclusive) of the text before i once trailing white space is
 * dropped, but not before s. */
static size_t
trim_end(const char *t, size_t s, size_t i)
{
	while (i > s && space(t[i - 1]))
		i--;
	return i;
}

/* Whether the line break at i ends the sentence that began at s. */
static bool
break_ends(const char *t, size_t s, size_t i)
{
	size_t j = i + 1, e;
	unsigned char last, next;

	while (hspace(t[j]))
		j++;
	if (t[j] == '\0' || t[j] == '\n')
		return true;		/* end of text, or a blank line */
	if (bullet_len(t, j) > 0)
		return true;		/* the next line is a list item */
	e = trim_end(t, s, i);
	if (e == s)
		return false;
	last = (unsigned char)t[e - 1];
	next = (unsigned char)t[j];
	if (last == ':')
		return true;		/* a list follows */
	if (last == ',' || last == ';' || last == '-' || last == '(' ||
	    last == '&')
		return false;		/* plainly goes on */
	/* A line that ends without punctuation is a list item or a heading,
	 * unless the next line carries on in lower case (wrapped text). */
	return !(next >= 'a' && next <= 'z');
}

/* Lower-case copy of t[a..b) into buf (cap bytes); false if too long. */
static bool
lower_word(const char *t, size_t a, size_t b, char *buf, size_t cap)
{
	if (b - a >= cap)
		return false;
	for (size_t k = a; k < b; k++)
		buf[k - a] = (char)fold((unsigned char)t[k]);
	buf[b - a] = '\0';
	return true;
}

/*
 * Whether the full stop at i, after the word t[w..i), is an abbreviation
 * rather than the end of a sentence; `after` is where the next word
 * starts.
 */
static bool
abbreviation(const char *t, size_t w, size_t i, size_t after)
{
	static const char *const never_end[] = {
		"e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "prof",
		"st", "vs", "cf", "approx", "nb", "n.b",
	};
	char word[8];

	while (w < i && (t[w] == '(' || t[w] == '"' || t[w] == '\''))
		w++;
	if (i - w == 1 && ((t[w] >= 'A' && t[w] <= 'Z')))
		return true;		/* an initial: "J. Smith" */
	if (!lower_word(t, w, i, word, sizeof(word)))
		return false;
	for (size_t k = 0; k < sizeof(never_end) / sizeof(never_end[0]); k++)
		if (strcmp(word, never_end[k]) == 0)
			return true;
	if (strcmp(word, "etc") == 0)
		return !(t[after] >= 'A' && t[after] <= 'Z');
	return false;
}

/* Bytes of closing quotes and brackets at i. */
static size_t
closers(const char *t, size_t i)
{
	size_t j = i;

	for (;;) {
		if (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']')
			j++;
		else if (strncmp(t + j, "\xe2\x80\x99", 3) == 0 ||
		    strncmp(t + j, "\xe2\x80\x9d", 3) == 0)
			j += 3;
		else
			return j - i;
	}
}

/*
 * The next sentence at or after *pos: true with [start, end) and its word
 * count in h, *pos moved past it; false at the end of the text.
 */
static bool
sentence_next(const char *t, size_t *pos, struct hit *h)
{
	size_t i = skip_lead(t, *pos), s = i, tok = 0, e = 0, n;
	int words = 0;
	bool in_tok = false, tok_word = false;

	if (t[i] == '\0') {
		*pos = i;
		return false;
	}
	while (t[i] != '\0') {
		char c = t[i];

		if (space(c) || ((unsigned char)c == 0xc2 &&
		    (unsigned char)t[i + 1] == 0xa0)) {
			if (in_tok && tok_word)
				words++;
			in_tok = tok_word = false;
			if (c == '\n' && break_ends(t, s, i)) {
				e = trim_end(t, s, i);
				break;
			}
			i += ((unsigned char)c == 0xc2) ? 2 : 1;
			continue;
		}
		if (!in_tok)
			in_tok = true, tok_word = false, tok = i;
		if (c == '.' || c == '!' || c == '?') {
			size_t j = i;

			while (t[j] == '.' || t[j] == '!' || t[j] == '?')
				j++;
			j += closers(t, j);
			if (t[j] == '\0' || space(t[j])) {
				size_t after = j;

				while (space(t[after]))
					after++;
				if (!(c == '.' && j - i == 1 &&
				    abbreviation(t, tok, i, after))) {
					if (tok_word)
						words++;
					in_tok = false;
					e = j;
					break;
				}
			}
			i = j;
			continue;
		}
		if (cp_word(cp_at(t + i, &n)))
			tok_word = true;
		i += n;
	}
	if (t[i] == '\0' && e == 0) {
		if (in_tok && tok_word)
			words++;
		e = trim_end(t, s, i);
	}
	h->off = s;
	h->len = e - s;
	h->words = words;
	h->plain = long_advice;
	*pos = e > s ? e : i;
	return true;
}

/* The next sentence longer than PLAIN_SENTENCE_WORDS words. */
static bool
long_next(const char *t, size_t *pos, struct hit *h)
{
	while (sentence_next(t, pos, h))
		if (h->words > PLAIN_SENTENCE_WORDS)
			return true;
	return false;
}

/* ---- flags ---- */

/*
 * t[off..off+len) into dst (PLAIN_EXCERPT_MAX + 4 bytes) with each run of
 * white space shown as one space, cut with "..." when longer than
 * PLAIN_EXCERPT_MAX bytes: after a whole word when one ends in the second
 * half, else at a character boundary.
 */
static void
excerpt(char *dst, const char *t, size_t off, size_t len)
{
	size_t o = 0, i = off, end = off + len, n;

	while (i < end) {
		if (space(t[i])) {
			while (i < end && space(t[i]))
				i++;
			if (o + 1 > PLAIN_EXCERPT_MAX)
				goto cut;
			dst[o++] = ' ';
			continue;
		}
		(void)cp_at(t + i, &n);
		if (i + n > end)
			n = end - i;
		if (o + n > PLAIN_EXCERPT_MAX)
			goto cut;
		memcpy(dst + o, t + i, n);
		o += n;
		i += n;
	}
	dst[o] = '\0';
	return;
cut:
	/* End at a word when one ends in the second half. */
	for (n = o; n > PLAIN_EXCERPT_MAX / 2; n--)
		if (dst[n - 1] == ' ') {
			o = n;
			break;
		}
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	memcpy(dst + o, "...", 4);
}

/* Where the flags have got to: byte offset, line and column. */
struct cursor {
	size_t off;
	int line, col;
};

static void
cursor_move(struct cursor *c, const char *t, size_t to)
{
	for (; c->off < to; c->off++) {
		unsigned char b = (unsigned char)t[c->off];

		if (b == '\n')
			c->line++, c->col = 1;
		else if ((b & 0xc0) != 0x80)
			c->col++;
	}
}

static void
flag_fill(struct plain_flag *f, enum plain_flag_kind kind,
    const struct hit *h, const char *t, struct cursor *c)
{
	size_t n;

	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->offset = h->off;
	f->len = h->len;
	cursor_move(c, t, h->off);
	f->line = c->line;
	f->column = c->col;
	f->words = h->words;
	excerpt(f->text, t, h->off, h->len);
	n = strnlen(h->plain, PLAIN_SUGGESTION_MAX);
	memcpy(f->plain, h->plain, n);
	f->plain[n] = '\0';
}

int
plain_check(const char *text, const struct plain_term *extra, int n_extra,
    struct plain_flag *out, int max)
{
	struct cursor c = { 0, 1, 1 };
	struct hit j, s;
	size_t jpos = 0, spos = 0;
	bool have_j, have_s;
	int total = 0;

	if (text == NULL)
		return 0;
	if (extra == NULL || n_extra < 0)
		n_extra = 0;
	if (out == NULL || max < 0)
		max = 0;
	have_j = jargon_next(text, &jpos, extra, n_extra, &j);
	have_s = long_next(text, &spos, &s);
	while (have_j || have_s) {
		/* A long sentence comes before a word that opens it. */
		if (have_s && (!have_j || s.off <= j.off)) {
			if (total < max)
				flag_fill(&out[total], PLAIN_LONG_SENTENCE, &s,
				    text, &c);
			have_s = long_next(text, &spos, &s);
		} else {
			if (total < max)
				flag_fill(&out[total], PLAIN_JARGON, &j, text,
				    &c);
			have_j = jargon_next(text, &jpos, extra, n_extra, &j);
		}
		if (total < 0x7fffffff)
			total++;
	}
	return total;
}

/* ---- validation ---- */

static bool
why_set(char *why, size_t why_len, const char *msg)
{
	if (why != NULL && why_len > 0) {
		size_t n = strlen(msg);

		if (n >= why_len)
			n = why_len - 1;
		memcpy(why, msg, n);
		why[n] = '\0';
	}
	return false;
}

bool
plain_term_valid(const struct plain_term *t, char *why, size_t why_len)
{
	size_t tn, pn, i, n;

	if (t == NULL)
		return why_set(why, why_len, "Enter a word or phrase");
	tn = strnlen(t->term, sizeof(t->term));
	pn = strnlen(t->plain, sizeof(t->plain));
	if (tn == 0)
		return why_set(why, why_len, "Enter the word or phrase to look "
		    "out for");
	if (tn > PLAIN_TERM_MAX)
		return why_set(why, why_len, "The word or phrase must be 60 "
		    "characters or fewer");
	if (!text_utf8_valid(t->term, tn))
		return why_set(why, why_len, "The word or phrase must be "
		    "ordinary text");
	for (i = 0; i < tn; i += n) {
		unsigned cp = cp_at(t->term + i, &n);

		if (!(cp_word(cp) || cp == ' ' || cp == '-' || cp == '\'' ||
		    cp == 0x2019))
			return why_set(why, why_len, "The word or phrase "
			    "can only use letters, numbers, spaces, hyphens "
			    "and apostrophes");
	}
	if (!word_at(t->term, 0) || !word_before(t->term, tn))
		return why_set(why, why_len, "The word or phrase must start "
		    "and end with a letter or a number");
	if (pn == 0)
		return why_set(why, why_len, "Enter the plain alternative to "
		    "suggest");
	if (pn > PLAIN_SUGGESTION_MAX)
		return why_set(why, why_len, "The plain alternative must be "
		    "240 characters or fewer");
	if (!text_utf8_valid(t->plain, pn))
		return why_set(why, why_len, "The plain alternative must be "
		    "ordinary text");
	for (i = 0; i < pn; i++)
		if ((unsigned char)t->plain[i] < 0x20 || t->plain[i] == 0x7f)
			return why_set(why, why_len, "The plain alternative "
			    "must be on one line, without tabs or other "
			    "control characters");
	for (i = 0; i < pn && space(t->plain[i]); i++)
		;
	if (i == pn)
		return why_set(why, why_len, "Enter the plain alternative to "
		    "suggest");
	return true;
}
