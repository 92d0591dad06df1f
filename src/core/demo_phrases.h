/*
 * demo_phrases.h: the words of the demo's conferences (demo.c only, and
 * tests/unit/core/test_demo.c, which runs plain_check over every phrase).
 *
 * Signs of Safety maps, agency reports, plans, minutes and the child's
 * voice, in small tables keyed by what the family is worried about.  Every
 * phrase is written the way practice-models.md 1.4 and 6.7 ask: the
 * behaviour and its effect on the child in plain words, never the label
 * ("neglect", "domestic abuse", "engage", "core group"), sentences short
 * enough that a name or two put in keeps them under PLAIN_SENTENCE_WORDS.
 *
 * A phrase may hold these marks, which demo.c fills in:
 *   {c}  the children: "Ava", "Ava and Leo", "Ava, Leo and Mia", "the
 *        children" (or "the baby" for a child not yet born)
 *   {p}  the parents or carers at home: "Sarah", "Sarah and James"
 *   {n}  the first name of someone in the family's safety network
 *   {w}  who is worried: "The social worker and the school"
 * Verbs after {c} and {p} are in the past tense or after "will", "can",
 * "could", so that they read right for one person or several.
 */
#ifndef HEARTH_CORE_DEMO_PHRASES_H
#define HEARTH_CORE_DEMO_PHRASES_H

#include <stdbool.h>

/* What the family's worries are about: the plan's category, or for an
 * initial conference that made no plan, the referral's. */
enum worry {
	WORRY_CARE = 0,		/* neglect: food, warmth, school, health */
	WORRY_ARGUMENTS,	/* emotional harm: fighting at home */
	WORRY_HITTING,		/* physical harm */
	WORRY_TOUCHING,		/* sexual harm */
	WORRY__COUNT
};

/* Which professional a danger statement names beside the social worker. */
enum worry_who {
	WHO_HEALTH = 0,		/* the health visitor or the school nurse */
	WHO_SCHOOL,
	WHO_POLICE,
};

/* A danger statement with the safety goals that answer it. */
struct pair_phrase {
	enum worry_who who;
	const char *danger;
	const char *goal_agency;
	const char *goal_family;
	const char *sustain;
};

/* ------------------------------------------------------------------ harm */

static const char *const harm_care[] = {
	"{c} often went to school hungry and in clothes that had not been washed.",
	"There was not enough food in the house on three visits this spring.",
	"{c} missed many days of school this term.",
	"The house was very cold and dirty, with rubbish on the floors where {c} played.",
	"{c} missed health and dental checks, and a bad tooth was not treated for weeks.",
	"{c} got left at home without an adult for several hours one evening.",
};

static const char *const harm_arguments[] = {
	"There were loud arguments at home, with shouting and swearing, while {c} could hear.",
	"The police came to the house four times this year after neighbours heard shouting and things breaking.",
	"{c} told a teacher about feeling scared when the adults at home shout.",
	"An adult at home pushed another adult against a wall while {c} watched.",
	"{c} heard adults at home call each other names and threaten to leave.",
};

static const char *const harm_hitting[] = {
	"{c} had bruises on one arm that an adult at home said came from a hard grab.",
	"An adult at home hit {c} with a belt when angry.",
	"{c} came to school with a red mark on one cheek and said it came from a slap.",
	"{c} told the school nurse about being hit at home when things go wrong.",
};

static const char *const harm_touching[] = {
	"{c} told a teacher that an adult touched them in a way that was not okay.",
	"An adult who has hurt children before spent time alone with {c}.",
	"An older man sent {c} messages and pictures online that no child should get.",
};

/* ------------------------------------------------- danger and safety goals */

static const struct pair_phrase pairs_care[] = {
	{ WHO_SCHOOL,
	  "{w} are worried that {c} could go hungry and miss school if nothing changes.",
	  "{p} will give {c} three meals a day and get them to school on time.",
	  "We want the kids fed, clean and at school every day without anyone having to check on us.",
	  "for 6 months" },
	{ WHO_HEALTH,
	  "{w} are worried that a cold, dirty house could make {c} ill.",
	  "The house will be warm, clean and safe, with a bed for each child and food in the cupboards.",
	  "Our home will be somewhere we are proud of, warm and tidy, with our own beds.",
	  "for 3 months" },
	{ WHO_HEALTH,
	  "{w} are worried that missed health checks could leave {c} ill for longer.",
	  "{p} will take {c} to every health and dental check, or book a new time the same week.",
	  "We will keep a calendar on the fridge and get the kids to every appointment.",
	  "for 6 months" },
	{ WHO_SCHOOL,
	  "{w} are worried that {c} could get hurt with no adult at home.",
	  "There will always be a safe adult at home with {c}. {p} will tell the social worker who it is.",
	  "We will always know who is looking after the children, and they will be people we trust.",
	  "for 6 months" },
};

static const struct pair_phrase pairs_arguments[] = {
	{ WHO_POLICE,
	  "{w} are worried that more fighting at home could scare and hurt {c}.",
	  "Arguments at home will be sorted out calmly, away from {c}, with no shouting, pushing or things thrown.",
	  "We want a calm home where the kids feel safe and we sort things out by talking.",
	  "for 6 months" },
	{ WHO_POLICE,
	  "{w} are worried that {c} could get hurt trying to stop a fight between adults.",
	  "If an adult at home starts to get angry, they will leave the room and {p} will call someone from the safety plan.",
	  "If things get heated, one of us walks away and we ring someone we trust.",
	  "for 6 months" },
	{ WHO_SCHOOL,
	  "{w} are worried that fear at home will spoil sleep and school for {c}.",
	  "{c} will feel safe at home, sleep well and be settled at school, and will say so to people they trust.",
	  "We want the kids happy, sleeping well and doing well at school.",
	  "for 3 months" },
	{ WHO_POLICE,
	  "{w} are worried that {c} could see more violence if that adult comes back.",
	  "The adult who was violent will only see {c} in the way the safety plan says.",
	  "We will stick to the plan for visits and ask for help if it goes wrong.",
	  "for 6 months" },
};

static const struct pair_phrase pairs_hitting[] = {
	{ WHO_POLICE,
	  "{w} are worried that {c} could be badly hurt if an adult loses their temper.",
	  "When telling {c} off, {p} will use calm ways that do not hurt, every time.",
	  "We will find other ways to handle bad behaviour that do not involve smacking.",
	  "for 6 months" },
	{ WHO_SCHOOL,
	  "{w} are worried that {c} would be too scared to tell anyone about more hitting.",
	  "{c} will have at least two adults they trust to tell, and will know how to reach them.",
	  "We want the kids to know they can talk to us, or to someone else, about anything.",
	  "for 3 months" },
	{ WHO_HEALTH,
	  "{w} are worried that anger at home could turn into hitting again at stressful times.",
	  "{p} will use the stress plan and call someone in the safety network when feeling angry or tired.",
	  "When we are stressed we will ask for help before it gets too much.",
	  "for 6 months" },
};

static const struct pair_phrase pairs_touching[] = {
	{ WHO_POLICE,
	  "{w} are worried that {c} could be hurt again if that adult gets near them.",
	  "The adult who hurt {c} will not see them at all. {p} will call the police if that adult tries.",
	  "We will keep that person away from our family and call the police if they come near.",
	  "until the court case ends" },
	{ WHO_SCHOOL,
	  "{w} are worried that {c} may have nobody safe to tell if it happens again.",
	  "{c} will have a list of safe adults to talk to, and those adults will listen and act.",
	  "We want the kids to know they can tell us anything and we will believe them.",
	  "for 6 months" },
	{ WHO_POLICE,
	  "{w} are worried that someone online could trick and hurt {c}.",
	  "{p} will check phones and apps with {c} every week and know who they talk to.",
	  "We will check phones together and keep the computer in the living room.",
	  "for 6 months" },
};

/* What the family says when they do not share a worry, or only partly. */
static const char *const family_partly[] = {
	"We agree things have been hard, but we do not think it put {c} in danger.",
	"We accept some of this, but some of what is written is wrong.",
	"We agree there were problems last year, but things are better now.",
};

static const char *const family_disputes[] = {
	"We do not agree this happened the way it is written.",
	"We think the people who told the school got it wrong.",
	"We do not think there was ever any danger to {c}.",
};

/* ---------------------------------------------------------- the rest */

static const char *const complicating[] = {
	"Trusting people who come to the house is hard for {p} after a hard childhood.",
	"Money is very tight and the family are behind on the rent.",
	"The family moved house twice this year, so {c} changed schools.",
	"The social worker has changed three times, so the family have had to tell their story again.",
	"An adult at home drinks a lot at weekends.",
	"An adult at home has low mood and some days cannot get out of bed.",
	"The family have no relatives or friends nearby to help.",
	"Appointments are hard to get to without a car.",
	"English is not the first language at home and letters are hard to read.",
};

static const char *const strengths[] = {
	"Staying at home with their family matters a lot to {c}.",
	"{p} came to every meeting and spoke honestly about what went wrong.",
	"{p} took {c} to the doctor and the dentist when asked.",
	"The teachers describe {c} as kind and hard-working.",
	"{n} lives nearby and helps most days.",
	"{p} asked for help with money and got food from the food bank.",
	"{p} started a parenting course and went to most sessions.",
	"{c} and {p} clearly love each other and enjoy time together.",
	"{p} let the social worker see every room of the house.",
};

static const char *const safety_care[] = {
	"{n} has looked after {c} when things got hard at home.",
	"{p} made sure {c} had breakfast at the school club every day this month.",
	"The house was clean and warm on every visit in the last month.",
	"{c} went to school every day for the last four weeks.",
	"{p} went to every health check booked since the last meeting.",
};

static const char *const safety_arguments[] = {
	"{n} has looked after {c} when things got hard at home.",
	"{p} called the police when an argument got out of hand.",
	"{c} can go to a neighbour's house if there is shouting, and did so once.",
	"{p} kept to the safety plan at the weekends.",
	"There have been no police call-outs since the last meeting.",
};

static const char *const safety_hitting[] = {
	"{n} has looked after {c} when things got hard at home.",
	"{p} used time out instead of smacking on the last visits.",
	"{p} rang {n} when feeling close to losing their temper.",
	"{c} told a teacher that home has been calmer lately.",
};

static const char *const safety_touching[] = {
	"{p} believed {c} straight away and called the police.",
	"{p} told the social worker as soon as the adult who hurt {c} came near.",
	"{n} collects {c} from school so they are never alone with that adult.",
	"{p} changed the locks and blocked the adult's number.",
};

/* Next steps: who and what. */
struct step_phrase {
	const char *who;
	const char *what;
	int days;		/* by how many days after the meeting */
};

static const struct step_phrase next_steps[] = {
	{ "Social worker", "Visit the family at home every two weeks and see {c} alone.", 14 },
	{ "Social worker", "Write the safety plan with {p} and {n}.", 21 },
	{ "Social worker", "Do the Three Houses with {c} to hear what they think.", 28 },
	{ "{p}", "Start the parenting course at the family centre.", 35 },
	{ "{p} and {n}", "Meet with the social worker to agree who is in the safety network.", 21 },
	{ "Family support worker", "Go with {p} to the housing office about repairs.", 28 },
	{ "School", "Check in with {c} each week about how things are at home.", 14 },
	{ "Health", "Check the health and growth of {c} at home.", 28 },
};

/* A plan outcome besides the safety goals. */
static const struct {
	const char *agency, *family;
} outcomes_more[] = {
	{ "{c} will be seen by a doctor and a dentist, and every health check will be kept.",
	  "We will keep every appointment and tell someone if we cannot get there." },
	{ "{c} will go to school or nursery every day, on time, unless they are ill.",
	  "The kids will be at school on time every day." },
	{ "{p} will work with the social worker and tell them straight away if things get worse.",
	  "We will be honest with the social worker, even when things go wrong." },
	{ "{c} will know who to talk to if they feel worried or scared.",
	  "The kids will always have someone to talk to." },
};

/* Plan actions: who, what, by how many days, towards which outcome (0 for
 * the plan as a whole, -1 for the first outcome, and so on). */
static const struct {
	const char *who;
	const char *what;
	int days;
	int outcome;
} actions[] = {
	{ "Social worker", "Visit {c} at home at least every 10 working days, and see them alone.", 10, 0 },
	{ "Social worker", "Write the safety plan with {p} and the safety network.", 28, -1 },
	{ "{p}", "Go to every session of the parenting course.", 84, -1 },
	{ "{p}", "Tell the social worker about any change in who lives at the house.", 7, 0 },
	{ "School", "Tell the social worker the same day about any missed school day or worry about {c}.", 7, -2 },
	{ "Health", "See {c} at home and check growth and health.", 42, -2 },
	{ "{n}", "Visit the family twice a week and call if worried.", 14, -1 },
	{ "Social worker", "Share this plan with {c} in words they understand.", 21, 0 },
};

static const char *const contingencies[] = {
	"If the plan is not followed, or the worries happen again, the social worker will talk to the manager the same day. A meeting will be called to decide what must happen to keep {c} safe.",
	"If home is not safe for {c}, {n} will be asked to look after them for a while. If that is not possible, the council may ask a court to decide.",
	"If things get worse, the social worker will call a meeting within five working days. Everyone will look again at what needs to change and by when.",
};

static const char *const child_seen_young[] = {
	"The social worker will see {c} at home every 10 working days, including where they sleep. {p} will be there for most visits.",
	"The social worker will see {c} at home every 10 working days. The health visitor will visit every month.",
};

static const char *const child_seen_older[] = {
	"The social worker will see {c} every 10 working days, at home and alone at school.",
	"The social worker will see {c} every 10 working days, and alone once a month in a place they choose.",
};

/* -------------------------------------------------------- agency reports */

/* What each professional has seen, by the family's worry, and which
 * professionals could have seen it. */
enum {
	SEEN_SW = 1, SEEN_POLICE = 2, SEEN_HEALTH = 4, SEEN_SCHOOL = 8,
	SEEN_OTHER = 16, SEEN_ANY = 31
};

struct seen_phrase {
	unsigned who;
	const char *s;
};

static const struct seen_phrase report_seen_care[] = {
	{ SEEN_SCHOOL, "{c} often came in hungry, and we gave breakfast most mornings." },
	{ SEEN_SCHOOL, "Attendance has been poor this term, with many days missed and no reason given." },
	{ SEEN_SCHOOL | SEEN_HEALTH | SEEN_SW, "{c} often wore the same clothes for several days at a time." },
	{ SEEN_HEALTH | SEEN_OTHER, "A health check was missed twice, and a letter we sent was not answered." },
	{ SEEN_SW | SEEN_HEALTH, "On our last visit the house was cold and there was little food." },
	{ SEEN_POLICE, "We went to the house after a neighbour said the children were home alone." },
	{ SEEN_SW | SEEN_OTHER, "{p} told us that money has been so short that meals were sometimes missed." },
};

static const struct seen_phrase report_seen_arguments[] = {
	{ SEEN_POLICE, "We have been called to the house after neighbours heard shouting and banging." },
	{ SEEN_SCHOOL, "{c} seemed tired and jumpy in class, and said home has been noisy at night." },
	{ SEEN_SW | SEEN_HEALTH | SEEN_OTHER, "On our visit the adults argued in front of {c}, who hid behind the sofa." },
	{ SEEN_SW | SEEN_SCHOOL | SEEN_OTHER, "{c} talked about the fighting at home and said it makes them feel sick." },
	{ SEEN_HEALTH, "{c} seemed anxious at the health check and jumped at loud noises." },
};

static const struct seen_phrase report_seen_hitting[] = {
	{ SEEN_SW | SEEN_SCHOOL | SEEN_HEALTH, "We saw a bruise on the arm of {c}, and the explanation did not match the mark." },
	{ SEEN_SW | SEEN_HEALTH | SEEN_OTHER, "{c} flinched when an adult raised their voice during our visit." },
	{ SEEN_SW | SEEN_SCHOOL, "{c} said they get hit when they are naughty." },
	{ SEEN_POLICE, "We were called after a neighbour heard a child crying and an adult shouting." },
};

static const struct seen_phrase report_seen_touching[] = {
	{ SEEN_SCHOOL, "{c} told us something that worried us about an adult, and we told the police the same day." },
	{ SEEN_SCHOOL, "{c} became quiet and withdrawn in school over the summer term." },
	{ SEEN_HEALTH | SEEN_OTHER, "{c} seemed very anxious at the health check and did not want to be examined." },
	{ SEEN_POLICE, "We are looking into what {c} told us, and that adult must stay away from the family." },
	{ SEEN_SW, "We are working with the police on what {c} told us." },
};

static const char *const report_well[] = {
	"{p} always spoke to us politely and openly.",
	"{c} seemed happy and relaxed with {p} when we saw them together.",
	"{p} took up the offer of help from the family centre.",
	"{p} kept most appointments with us since the last meeting.",
	"{c} looked well cared for when we last saw them.",
};

static const char *const report_view_plan[] = {
	"We think a plan is needed to keep {c} safe while things change at home.",
	"We are worried enough to think a plan is needed, and we will play our part in it.",
};

static const char *const report_view_better[] = {
	"Things have got better since the last meeting, and we have fewer worries now.",
	"We have seen real change, and we think the family could manage with less help from us.",
};

static const char *const report_view_same[] = {
	"Not enough has changed yet, and we are still worried about {c}.",
	"Some things are better, but we are still worried and think the plan should carry on.",
};

/* -------------------------------------------------- the child's voice */

static const char *const part_attended[] = {
	"Came for the first part of the meeting and said what they wanted.",
	"Came to the meeting with their advocate and spoke to the chair.",
	"Met the chair before the meeting and came in for part of it.",
};

static const char *const part_advocate[] = {
	"Their advocate shared what they wanted the meeting to know.",
	"Met the advocate twice before the meeting; the advocate read out their words.",
};

static const char *const part_written[] = {
	"Wrote a letter to the meeting, read out by the chair.",
	"Filled in the form for children and young people before the meeting.",
};

static const char *const part_drawing[] = {
	"Drew their Three Houses with the social worker, shared at the meeting.",
	"Drew a picture of their family and what makes them happy and sad.",
};

static const char *const part_app[] = {
	"Shared their views through the app before the meeting.",
};

static const char *const part_report_only[] = {
	"Too young to share views: the social worker described how they seem at home.",
	"The social worker shared what they have seen and heard from {c} on visits.",
};

static const char *const part_none[] = {
	"Did not want to take part and did not want anyone to speak for them.",
	"Was not well on the day and did not want to share their views.",
	"Not born yet.",
};

/* ------------------------------------------------------ safety scales */

/* Why a rater gave their number: [rater][level], level 0 for 0-3 (very
 * worried), 1 for 4-6, 2 for 7-10. */
static const char *const rating_child[3][2] = {
	{ "I still feel scared at home a lot of the time.",
	  "Things are not better yet and I worry at night." },
	{ "It is a bit better now but sometimes it still goes wrong.",
	  "Home is calmer than before but I still worry sometimes." },
	{ "Home feels safe now and I know who to talk to.",
	  "Things are much better and I feel happy at home." },
};

static const char *const rating_parent[3][2] = {
	{ "We know things went badly wrong and we have a lot to change.",
	  "It has been a very hard time and we need the help." },
	{ "We have done a lot of what was asked and the kids are fine.",
	  "We are trying hard, but we know it has to last." },
	{ "We have kept to the plan for months and the kids are doing well.",
	  "Things are very different now and we want to show we can keep it up." },
};

static const char *const rating_network[3][2] = {
	{ "I am worried and I want to help more than I have.",
	  "I did not know how bad things had got." },
	{ "Things are better when I am around, but I cannot be there all the time.",
	  "I can see them trying, and I will keep checking in." },
	{ "I see the kids most days and they are safe and happy.",
	  "They have kept to the plan and I know what to do if it slips." },
};

static const char *const rating_professional[3][2] = {
	{ "The worries that brought us here have not changed yet.",
	  "There is no safety plan yet that we have seen working." },
	{ "Some changes have been made but they have not lasted long enough.",
	  "Things are better, but the safety plan is still new." },
	{ "The family have kept to the safety plan for months and we have seen it work.",
	  "The worries have not come back and the safety network is strong." },
};

/* ------------------------------------------------ threshold and dissent */

static const char *const view_met[] = {
	"What has happened is serious, and it could happen again without a plan.",
	"The harm has gone on for a long time and has not changed with help so far.",
	"{c} told us about feeling scared, and nothing has changed yet.",
};

static const char *const view_not_met[] = {
	"The family have made changes already and help without a plan is enough.",
	"The worries are real, but the help in place keeps {c} safe enough.",
};

static const char *const view_parent[] = {
	"We do not think a plan is needed: we have already made the changes asked.",
	"We know there are worries, but we would rather have help without a plan.",
};

static const char *const dissents[] = {
	"{p} did not agree that a plan is needed, as they feel the worries are about the past.",
	"The school did not think a plan is needed, as things have improved in the last month.",
	"{p} said the reports were unfair, but agreed to work with the plan.",
};

/* ------------------------------------------------------------ feedback */

static const char *const feedback_parent_good[] = {
	"The chair explained everything clearly and let us speak.",
	"It was hard to hear but I understood what people were worried about.",
	"Having {n} with me made a big difference.",
	"I liked that the plan was in our own words.",
};

static const char *const feedback_parent_poor[] = {
	"I did not get the reports until the day before.",
	"It felt like everyone was against us.",
	"There were too many people in the room.",
	"Nobody asked what we thought until the end.",
};

static const char *const feedback_child[] = {
	"The advocate helped me say what I wanted.",
	"I was nervous but the chair was kind.",
	"I want to know what happens next.",
	"It was boring and too long.",
};

/* ------------------------------------------------ Three Houses, W&P */

static const char *const house_good[] = {
	"Playing with my brother and sister. My bedroom. When Mum reads to me.",
	"Going to the park. My friends at school. My dog.",
	"Football on Saturdays. Pizza night. My Nan.",
	"When everyone is calm. Drawing. Watching films together.",
};

static const char *const house_worries_care[] = {
	"When there is no food for tea. When I am late for school and the teacher is cross.",
	"When the house is cold. When I have to look after my little brother.",
	"When my tooth hurts. When nobody is at home.",
};

static const char *const house_worries_arguments[] = {
	"When Mum and Dad shout. When I hear banging at night.",
	"When the police come. When someone gets hurt.",
	"When people argue and I have to hide in my room.",
};

static const char *const house_worries_hitting[] = {
	"When I get smacked. When grown-ups are angry.",
	"When I do something wrong and get hit.",
	"When I have to go home after school and someone is cross.",
};

static const char *const house_worries_touching[] = {
	"When that man comes to our house.",
	"Being on my own. Messages on my phone from people I do not know.",
	"When I remember what happened.",
};

static const char *const house_dreams[] = {
	"Everyone happy at home. A holiday at the seaside.",
	"No shouting. My own room. A puppy.",
	"Mum and me being happy. Being a footballer.",
	"That we all stay together and things are calm.",
};

static const char *const words_pictures[] = {
	"This is the story of why the social worker and other helpers came to see your family. Grown-ups were worried because there was not always food at home and you missed school. Your family are working hard so that you always have what you need.",
	"This is the story of why helpers came to your family. There was a lot of shouting and fighting at home, and it made you feel scared. That is never your fault. Your family and the helpers made a plan so that home feels calm and safe.",
	"This is the story of why helpers came to see you. A grown-up hurt you when they were angry. That was not okay, and it was not your fault. Your family have made a plan so that nobody hurts you again.",
	"This is the story of why the police and other helpers came to see you. A grown-up did something to you that was not okay. You were brave to tell, and it was not your fault. Your family and the helpers are keeping you safe.",
};

/* ------------------------------------------------------------- places */

static const char *const places[] = {
	"Ashdown Vale Civic Centre, Room 2",
	"Ashdown Vale Civic Centre, Room 4",
	"Online (video call)",
	"Hybrid: Civic Centre and online",
	"Riverside Family Centre",
	"Valley Children's Centre",
};

static const char *const surgeries[] = {
	"Riverside Medical Centre", "Station Road Surgery",
	"Ashdown Vale Health Centre", "The Coast Practice",
	"Valley View Surgery",
};

/* Someone in the family's safety network, if not a grandparent. */
static const struct {
	const char *role;
	bool woman;
	bool same_family;	/* shares the family name */
} network_roles[] = {
	{ "Aunt", true, true }, { "Uncle", false, true },
	{ "Family friend", true, false }, { "Family friend", false, false },
	{ "Neighbour", true, false }, { "Godparent", true, false },
	{ "Older cousin", false, true },
};

/* ------------------------------------------------------------- index */

/* Every list of plain sentences above, for the test that runs the
 * plain-language checker over them (demo.c picks from the lists by name). */
struct phrase_list {
	const char *name;
	const char *const *s;
	int n;
};

#define PHRASE_LIST(a) { #a, (const char *const *)(a), \
	(int)(sizeof(a) / sizeof(const char *)) }

static const struct phrase_list phrase_lists[] __attribute__((unused)) = {
	PHRASE_LIST(harm_care), PHRASE_LIST(harm_arguments),
	PHRASE_LIST(harm_hitting), PHRASE_LIST(harm_touching),
	PHRASE_LIST(family_partly), PHRASE_LIST(family_disputes),
	PHRASE_LIST(complicating), PHRASE_LIST(strengths),
	PHRASE_LIST(safety_care), PHRASE_LIST(safety_arguments),
	PHRASE_LIST(safety_hitting), PHRASE_LIST(safety_touching),
	PHRASE_LIST(contingencies), PHRASE_LIST(child_seen_young),
	PHRASE_LIST(child_seen_older), PHRASE_LIST(report_well),
	PHRASE_LIST(report_view_plan), PHRASE_LIST(report_view_better),
	PHRASE_LIST(report_view_same), PHRASE_LIST(part_attended),
	PHRASE_LIST(part_advocate), PHRASE_LIST(part_written),
	PHRASE_LIST(part_drawing), PHRASE_LIST(part_app),
	PHRASE_LIST(part_report_only), PHRASE_LIST(part_none),
	PHRASE_LIST(rating_child), PHRASE_LIST(rating_parent),
	PHRASE_LIST(rating_network), PHRASE_LIST(rating_professional),
	PHRASE_LIST(view_met), PHRASE_LIST(view_not_met),
	PHRASE_LIST(view_parent), PHRASE_LIST(dissents),
	PHRASE_LIST(feedback_parent_good), PHRASE_LIST(feedback_parent_poor),
	PHRASE_LIST(feedback_child), PHRASE_LIST(house_good),
	PHRASE_LIST(house_worries_care), PHRASE_LIST(house_worries_arguments),
	PHRASE_LIST(house_worries_hitting), PHRASE_LIST(house_worries_touching),
	PHRASE_LIST(house_dreams), PHRASE_LIST(words_pictures),
};

#endif
