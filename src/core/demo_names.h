/*
 * demo_names.h: name lists for the demo authority (demo.c only).  A mix of
 * names common among children and adults in England today.
 */
#ifndef HEARTH_CORE_DEMO_NAMES_H
#define HEARTH_CORE_DEMO_NAMES_H

static const char *const girl_names[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence",
	"Mia", "Willow", "Rosie", "Sophia", "Isabella", "Grace", "Daisy",
	"Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn", "Phoebe",
	"Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya",
	"Ruby", "Aisha", "Fatima", "Maryam", "Zara", "Hannah", "Chloe",
	"Jessica", "Megan", "Leah", "Niamh", "Amara", "Zainab", "Amira",
	"Layla", "Nia", "Precious", "Kayla", "Jasmine", "Summer", "Skye",
	"Lacey", "Courtney", "Demi", "Paige", "Kelsey", "Alicja", "Zuzanna",
	"Maja", "Ioana", "Elena",
};

static const char *const boy_names[] = {
	"Muhammad", "Noah", "Oliver", "George", "Leo", "Arthur", "Oscar",
	"Theodore", "Freddie", "Archie", "Harry", "Jack", "Henry", "Charlie",
	"Finley", "Tommy", "Alfie", "Jacob", "Thomas", "Isaac", "Reggie",
	"Albie", "Ronnie", "Louie", "Teddy", "Ethan", "Mason", "Logan",
	"Riley", "Kai", "Tyler", "Jayden", "Callum", "Connor", "Kyle",
	"Liam", "Dylan", "Ryan", "Lewis", "Jordan", "Ibrahim", "Yusuf",
	"Ali", "Omar", "Hamza", "Ayaan", "Zayn", "Kofi", "Tobi", "David",
	"Daniel", "Samuel", "Joseph", "Jakub", "Szymon", "Filip", "Andrei",
	"Mateo", "Luca", "Ahmed",
};

static const char *const adult_women[] = {
	"Sarah", "Emma", "Laura", "Rebecca", "Gemma", "Kirsty", "Lisa",
	"Nicola", "Joanne", "Claire", "Kelly", "Stacey", "Danielle", "Amy",
	"Natalie", "Samantha", "Hayley", "Leanne", "Carly", "Jade", "Louise",
	"Michelle", "Donna", "Tracey", "Amina", "Nadia", "Shazia", "Grace",
	"Blessing", "Chantelle", "Agnieszka", "Monika", "Anna", "Maria",
	"Roxanne", "Sharon", "Julie", "Karen", "Helen", "Ruth",
};

static const char *const adult_men[] = {
	"James", "Daniel", "Craig", "Lee", "Mark", "Paul", "Stephen", "Darren",
	"Wayne", "Dean", "Jamie", "Ryan", "Scott", "Gary", "Kevin", "Shane",
	"Carl", "Ashley", "Adam", "Christopher", "Michael", "Matthew", "Imran",
	"Tariq", "Asif", "Kwame", "Emeka", "Tomasz", "Piotr", "Marius",
	"Robert", "Anthony", "Richard", "Neil", "Simon", "Peter", "Martin",
	"Keith", "Barry", "Trevor",
};

static const char *const family_names[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
	"Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
	"Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee",
	"King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
	"Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
	"Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson",
	"Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
	"Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis",
	"Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell",
	"Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain",
	"Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes",
	"Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens",
	"Jenkins", "Murray", "Dixon", "Harvey", "Ahmed", "Okafor", "Mensah",
	"Nowak", "Kowalski", "Popescu", "Ahmed", "Rahman", "Begum", "Osei",
	"O'Brien", "McDonald", "Doherty", "Gallagher", "Sharma", "Kaur",
	"Nguyen", "Da Silva", "Rossi", "Yilmaz",
};

#define NAMES_N(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
