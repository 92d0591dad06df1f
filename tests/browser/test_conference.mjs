// tests/browser/test_conference.mjs: an initial child protection conference
// as a meeting, from the booking to the plan sent to the family and the
// agencies, in a real browser through the real pages.
//
// Starts its own demo authority and server in a temporary folder.  The
// child is one the demo has waiting for an initial conference (a section 47
// enquiry that ended in 'conference', no conference since, nothing booked)
// and allocated to the demo social worker; when the demo has none, the
// social worker records one through the pages (a referral, its decision, a
// strategy discussion, a section 47 enquiry and its outcome).  Then:
//
//   the social worker books the conference from the child's record, invites
//   a parent, a relative from the safety network and the school (a report
//   expected), types in the school's report and marks it shared with the
//   family, records how the child takes part (and, at 10 or older, the
//   advocate offered), works through the Signs of Safety map from the
//   conference page (the plain-language flag on "neglect") and records two
//   people's safety scale ratings (the chart and its table);
//   the chair named on the conference signs in, finds it in their list,
//   records attendance, two views on the threshold, the decision (a plan,
//   neglect, with dissent), the plan (the family's own words, an action,
//   the contingency, when the child is seen, the core group) and the
//   minutes, downloads the four PDF documents, records them as sent, sees
//   the 72-hour status, and records a parent's feedback form.
//
// The conference is held today when today is a working day and it is past
// 08:15 in the UK (booked for 08:00), else on the last working day (10:00):
// the decision can only be recorded on or after the conference's date, and
// a document can only be recorded as sent after it started.
//
// Every page is checked as test_pages.mjs checks them: it loads, axe-core
// finds no WCAG 2.2 AA violation, and the browser reports no console error,
// failed request or Content-Security-Policy violation.  A full-page
// screenshot of the conference page after distribution goes to
// /tmp/conference.png (HEARTH_CONFERENCE_SHOT to change it), others to
// build/screenshots/conference-*.png.
//
// Prints TAP-style "ok N - name" / "not ok N - name" lines with "# "
// diagnostics and exits non-zero if any test failed.
//
//   HEARTH=build/release/hearth HEARTH_STATIC=static node tests/browser/test_conference.mjs
//
// Environment: HEARTH (the binary), HEARTH_STATIC (the static folder),
// HEARTH_CHROMIUM (default /usr/bin/chromium), HEARTH_KEEP=1 keeps the
// temporary folder.

import fs from 'node:fs';
import path from 'node:path';
import {
	check,
	checkPage,
	demo,
	diag,
	launchBrowser,
	makeTmp,
	navigating,
	need,
	newContext,
	run,
	screenshot,
	serverStillRunning,
	signIn,
	signOut,
	sql,
	startServer,
	test,
	visit,
} from './lib.mjs';

const DEADLINE_MS = 180_000;	// the whole run; normally well under a minute
const SHOT = process.env.HEARTH_CONFERENCE_SHOT || '/tmp/conference.png';

// ---------------------------------------------------------------- dates
//
// Days are ISO strings ("2026-11-20"); arithmetic in UTC so that no time
// zone moves them.

function dayNum(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return Date.UTC(y, m - 1, d) / 86_400_000;
}

function isoOf(n) {
	return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

function addDays(iso, n) {
	return isoOf(dayNum(iso) + n);
}

function weekday(iso) {	// 0 Sunday .. 6 Saturday
	return new Date(dayNum(iso) * 86_400_000).getUTCDay();
}

// England and Wales bank holidays by the standing rules (calendar.c has the
// one-off changes too; the test only looks at days near today).
function easterSunday(y) {	// anonymous Gregorian algorithm
	const a = y % 19, b = Math.floor(y / 100), c = y % 100;
	const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function mondayOnOrAfter(iso) {
	while (weekday(iso) !== 1)
		iso = addDays(iso, 1);
	return iso;
}

function lastMonday(y, m) {
	let iso = addDays(`${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
	if (m === 12)
		iso = `${y}-12-31`;
	while (weekday(iso) !== 1)
		iso = addDays(iso, -1);
	return iso;
}

const holidayCache = new Map();
function bankHolidays(y) {
	if (holidayCache.has(y))
		return holidayCache.get(y);
	const easter = easterSunday(y);
	const set = new Set([addDays(easter, -2), addDays(easter, 1),
	    mondayOnOrAfter(`${y}-05-01`), lastMonday(y, 5), lastMonday(y, 8)]);
	// New Year's Day, or the Monday after.
	let ny = `${y}-01-01`;
	while (weekday(ny) === 0 || weekday(ny) === 6)
		ny = addDays(ny, 1);
	set.add(ny);
	// Christmas and Boxing Day, each moved past the weekend and each other.
	let xmas = `${y}-12-25`;
	while (weekday(xmas) === 0 || weekday(xmas) === 6)
		xmas = addDays(xmas, 1);
	set.add(xmas);
	let boxing = `${y}-12-26`;
	while (weekday(boxing) === 0 || weekday(boxing) === 6 || set.has(boxing))
		boxing = addDays(boxing, 1);
	set.add(boxing);
	holidayCache.set(y, set);
	return set;
}

function isWorkingDay(iso) {
	const w = weekday(iso);
	return w !== 0 && w !== 6 && !bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

// n working days after (n < 0: before) a day.
function addWorkingDays(iso, n) {
	const step = n < 0 ? -1 : 1;
	for (let left = Math.abs(n); left > 0;) {
		iso = addDays(iso, step);
		if (isWorkingDay(iso))
			left--;
	}
	return iso;
}

// The server's today: its local date (hdate_today), on this machine.
function localToday() {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// Now in UK civil time, as the conference pages count time.
function ukNow() {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
		hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
	}).formatToParts(new Date()).map((p) => [p.type, p.value]));
	return { iso: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

// A UK civil day and minute as unix seconds (meeting_start_utc: BST from
// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
// October).
function lastSunday(y, m) {
	let iso = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
	while (weekday(iso) !== 0)
		iso = addDays(iso, -1);
	return iso;
}

function ukSeconds(iso, minute) {
	const y = Number(iso.slice(0, 4));
	const naive = dayNum(iso) * 86_400 + minute * 60;
	const bstStart = dayNum(lastSunday(y, 3)) * 86_400 + 3600;
	const bstEnd = dayNum(lastSunday(y, 10)) * 86_400 + 3600;
	const asBst = naive - 3600;
	return asBst >= bstStart && asBst < bstEnd ? asBst : naive;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
	'August', 'September', 'October', 'November', 'December'];
function longDate(iso) {	// "20 November 2026", as ui_date_long writes it
	const [y, m, d] = iso.split('-').map(Number);
	return `${d} ${MONTHS[m - 1]} ${y}`;
}

function clock(minute) {
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function hoursWords(h) {	// mp_hours
	return h === 1 ? '1 hour' : `${h} hours`;
}

function yearsBetween(birth, on) {
	const [by, bm, bd] = birth.split('-').map(Number);
	const [y, m, d] = on.split('-').map(Number);
	return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---------------------------------------------------------------- pages

// The state the steps pass on.
const S = {};

// Fills a GOV.UK date input: the day box carries the id NAME.
async function fillDate(page, name, iso) {
	const [y, m, d] = iso.split('-').map(Number);
	await page.locator(`#${name}`).fill(String(d));
	await page.locator(`#${name}-month`).fill(String(m));
	await page.locator(`#${name}-year`).fill(String(y));
}

function squash(s) {
	return String(s ?? '').replace(/\s+/g, ' ').trim();
}

async function mainText(page, selector = 'main') {
	return squash(await page.locator(selector).first().innerText());
}

// The text of the part of the conference page under the h2 with `id`, up
// to the next h2, with closed <details> read as if open.
async function section(page, id) {
	return squash(await page.evaluate((hid) => {
		const h = document.getElementById(hid);
		if (!h)
			return '';
		const closed = [...document.querySelectorAll('main details:not([open])')];
		for (const d of closed)
			d.open = true;
		let s = '';
		for (let n = h.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling)
			s += ` ${n.innerText}`;
		for (const d of closed)
			d.open = false;
		return s;
	}, id));
}

// The rows of the first table after the h2 with `id` (before the next h2),
// as arrays of cell texts.
async function sectionRows(page, id) {
	return page.evaluate((hid) => {
		const h = document.getElementById(hid);
		if (!h)
			return null;
		for (let n = h.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling) {
			const t = n.tagName === 'TABLE' ? n : n.querySelector('table');
			if (t)
				return [...t.querySelectorAll('tbody tr')].map((tr) =>
				    [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim()));
		}
		return [];
	}, id);
}

// The status of a task on the conference page, by the task's exact name;
// null when there is no such task.
async function taskStatus(page, name) {
	return page.evaluate((n) => {
		for (const li of document.querySelectorAll('.govuk-task-list__item')) {
			const nm = li.querySelector('.govuk-task-list__name-and-hint > :first-child');
			if (nm && nm.textContent.replace(/\s+/g, ' ').trim() === n)
				return li.querySelector('.govuk-task-list__status')?.innerText.replace(/\s+/g, ' ').trim() ?? '';
		}
		return null;
	}, name);
}

function exactly(text) {
	return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function banner(page) {
	const b = page.locator('.govuk-notification-banner--success .govuk-notification-banner__heading');
	return await b.count() ? squash(await b.first().innerText()) : '';
}

async function errorSummary(page) {
	const e = page.locator('.govuk-error-summary');
	return await e.count() ? squash(await e.first().innerText()) : '';
}

// One step: `open` leads to a form (a link or button to click, or a URL),
// the form is checked, filled and saved with the button `save`, and the
// page it ends on is checked and handed to `after` for the step's own
// assertions.  Returns whether everything up to `after` worked.
async function step(label, { open, form, fill, save, endsAt, after, needs = 'the steps before' }) {
	const { page, tr } = S;
	let resp = null;
	let reached = false;
	let formOk = false;
	if (open === 'here') {
		// The save before ended on this form, checked then.
		formOk = S.ok;
	} else {
		await test(`${label}: open the form`, async (notes) => {
			if (needs)
				need(S.ok, needs);
			if (typeof open === 'string') {
				resp = await visit(page, tr, `${S.base}${open}`);
			} else {
				const l = await open(page);
				check(await l.count() > 0, `no such link or button on ${new URL(page.url()).pathname}`);
				const href = await l.first().getAttribute('href');
				notes.push(`${squash(await l.first().innerText())}${href ? ` -> ${href}` : ''}`);
				resp = await navigating(page, tr, () => l.first().click());
			}
			reached = true;
		});
		formOk = reached && await checkPage(`${label}: the form`, page, tr, resp);
	}
	if (formOk && form)
		await test(`${label}: the form shows what it should`, async (notes) => form(page, notes));
	let saved = false;
	await test(`${label}: save`, async (notes) => {
		need(formOk, 'the form');
		await fill(page);
		resp = await navigating(page, tr, () => page.locator('main').getByRole('button', { name: save, exact: true }).click());
		const at = new URL(page.url());
		notes.push(`HTTP ${resp.status()} at ${at.pathname}${at.search}`);
		check(resp.status() === 200, `HTTP ${resp.status()}: ${await errorSummary(page)}`);
		if (endsAt)
			check(endsAt.test(at.pathname), `ended at ${at.pathname}, wanted ${endsAt}`);
		saved = true;
	});
	if (!saved) {
		S.ok = false;
		return false;
	}
	const ok = await checkPage(`${label}: the page after saving`, page, tr, resp);
	if (after)
		await test(`${label}: saved as it should be`, async (notes) => {
			need(ok, 'the page after saving');
			return after(page, notes);
		});
	return ok;
}

// Goes to a page and checks it; `then` gets the page for its assertions.
async function look(label, url, then, opts = {}) {
	const { page, tr } = S;
	let resp = null;
	if (url)
		resp = await visit(page, tr, `${S.base}${url}`);
	const ok = await checkPage(label, page, tr, resp, opts);
	if (then)
		await test(`${label}: shows what it should`, async (notes) => {
			need(ok, 'the page');
			return then(page, notes);
		});
	return ok;
}

const mainLink = (name) => (p) => p.locator('main').getByRole('link', { name, exact: true });
const mainButton = (name) => (p) => p.locator('main').getByRole('button', { name, exact: true });
const taskLink = (name) => (p) => p.locator('.govuk-task-list__link').filter({ hasText: exactly(name) });

// ------------------------------------------------------ finding the child

// A child the demo has waiting for an initial conference on or before
// `day`, allocated to `username`: the latest section 47 enquiry ended in
// 'conference' by `day`, no conference since, no open CP plan, nothing
// booked, not restricted, born.  "id|name|birth date", or ''.
function awaitingChild(db, username, day) {
	return sql(db, `
		SELECT c.person_id, p.given_name || ' ' || p.family_name, p.birth_date
		FROM child c JOIN person p ON p.id = c.person_id
		JOIN s47 s ON s.child_id = c.person_id
		WHERE s.outcome = 'conference' AND s.outcome_date <= '${day}'
		AND s.id = (SELECT s2.id FROM s47 s2 WHERE s2.child_id = c.person_id
		    ORDER BY s2.start_date DESC, s2.id DESC LIMIT 1)
		AND NOT EXISTS (SELECT 1 FROM conference_child cc JOIN conference k ON k.id = cc.conference_id
		    WHERE cc.child_id = c.person_id AND k.held_date >= s.outcome_date)
		AND NOT EXISTS (SELECT 1 FROM plan pl WHERE pl.child_id = c.person_id
		    AND pl.kind = 'cp' AND pl.end_date IS NULL)
		AND NOT EXISTS (SELECT 1 FROM meeting_child mc JOIN meeting m ON m.id = mc.meeting_id
		    WHERE mc.child_id = c.person_id AND m.status = 'booked')
		AND NOT EXISTS (SELECT 1 FROM restriction r WHERE r.child_id = c.person_id)
		AND c.death_date IS NULL AND p.birth_date IS NOT NULL
		AND EXISTS (SELECT 1 FROM allocation a JOIN staff st ON st.id = a.staff_id
		    WHERE a.child_id = c.person_id AND a.end_date IS NULL AND st.username = '${username}')
		ORDER BY p.birth_date, c.person_id LIMIT 1`);
}

// The social worker records a child up to the outcome of a section 47
// enquiry, 'conference', through the record's buttons, each form and the
// record after it checked.  Sets S.child.
async function recordChildThroughPages(C) {
	const { page, tr } = S;
	const birth = addDays(`${Number(C.slice(0, 4)) - 11}${C.slice(4)}`, -60);	// 11 on the day
	const referral = addWorkingDays(C, -9);
	const strategy = addWorkingDays(C, -8);
	const outcome = addWorkingDays(C, -4);
	const child = { name: 'Kai Thornbury', birth };
	let resp = null;

	resp = await visit(page, tr, `${S.base}/children/new`);
	const formOk = await checkPage('no child waiting: the form to add one', page, tr, resp);
	await test('no child waiting: add one', async (notes) => {
		need(formOk, 'the form');
		await page.locator('#la_child_id').fill('CONF001');
		await page.locator('#given_name').fill('Kai');
		await page.locator('#family_name').fill('Thornbury');
		await page.locator('#birth_date').fill(birth);
		await page.locator('input[name="sex"][value="M"]').check();
		await page.locator('#ethnicity').selectOption('WBRI');
		await page.locator('#upn_unknown').selectOption('UN1');
		resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Add child' }).click());
		const m = /^\/children\/(\d+)$/.exec(new URL(page.url()).pathname);
		check(resp.status() === 200 && m, `HTTP ${resp.status()} at ${page.url()}: ${await errorSummary(page)}`);
		child.id = m[1];
		notes.push(`/children/${child.id}, born ${birth}`);
	});
	if (!child.id)
		return;
	await checkPage('the new child\'s record', page, tr, resp);
	S.record = `/children/${child.id}`;

	const steps = [
		['a referral', 'Record a new referral', async (p) => {
			await fillDate(p, 'referral_date', referral);
			await p.locator('#referral_source').selectOption('3B');
			await p.locator('#primary_need').selectOption('N1');
			await p.locator('#reason').fill('The school says Kai often arrives hungry and in dirty clothes.');
		}, 'Save the referral', /waiting for a decision/],
		['its decision', 'Record the decision', async (p) => {
			await p.locator('input[name="decision"][value="strategy"]').check();
			await fillDate(p, 'decision_date', referral);
			await p.locator('#reason').fill('Hungry most days for two months; the school has raised it before.');
		}, 'Save the decision', /strategy discussion/i],
		['a strategy discussion', 'Record the strategy discussion', async (p) => {
			await fillDate(p, 'held_date', strategy);
			await p.locator('#person_1_name').fill('Sam Patel');
			await p.locator('#person_1_agency').fill('Police');
			await p.locator('#person_2_name').fill('Priya Shah');
			await p.locator('#person_2_agency').fill('School');
			await p.locator('input[name="s47"][value="yes"]').check();
			await p.locator('#note').fill('Agreed the threshold for a section 47 enquiry is met.');
		}, 'Save the strategy discussion', /decided to start a section 47 enquiry/],
		['a section 47 enquiry', 'Start the section 47 enquiry', async (p) => {
			await fillDate(p, 'start_date', strategy);
		}, 'Save', /Section 47 enquiry in progress/],
		['its outcome', 'Record the outcome of the section 47 enquiry', async (p) => {
			await fillDate(p, 'outcome_date', outcome);
			await p.locator('input[name="outcome"][value="conference"]').check();
		}, 'Save the outcome', /Waiting for an initial child protection conference/],
	];
	S.ok = true;
	for (const [what, button, fill, save, stage] of steps) {
		const ok = await step(`no child waiting: ${what}`, {
			open: mainButton(button), fill, save, needs: 'the step before',
			endsAt: /^\/children\/\d+$/,
			after: async (p, notes) => {
				const text = squash(await p.locator('#journey ~ .hearth-stage').first().innerText());
				notes.push(`stage: ${text}`);
				check(stage.test(text), `the stage does not say ${stage}`);
			},
		});
		if (!ok)
			return;
	}
	S.child = child;
}

// ------------------------------------------------------------- the run

async function main() {
	const db = path.join(makeTmp(), 'h.db');
	const users = demo(db);
	const sw = users['Social worker'];
	const chairUser = users['Child protection chair'];
	if (!sw || !chairUser)
		throw new Error(`demo printed no social worker or chair sign-in: ${JSON.stringify(users)}`);
	const chairName = sql(db, `SELECT given_name || ' ' || family_name FROM staff WHERE username = '${chairUser.username}'`);
	const swName = sql(db, `SELECT given_name || ' ' || family_name FROM staff WHERE username = '${sw.username}'`);

	// When the conference is held (see the top of the file).
	const today = localToday();
	const uk = ukNow();
	let C, start;
	if (isWorkingDay(today) && uk.iso === today && uk.minute >= 8 * 60 + 15) {
		C = today;
		start = 8 * 60;
	} else {
		C = today;
		do
			C = addDays(C, -1);
		while (!isWorkingDay(C));
		start = 10 * 60;
	}
	const shareBy = addWorkingDays(C, -3);	// MEETING_SHARE_WD_INITIAL
	const invited = addWorkingDays(C, -6);
	S.base = await startServer(db);
	diag(`server ${S.base}; social worker ${sw.username}, chair ${chairUser.username} (${chairName}); ` +
	    `today ${today}, the conference ${C} at ${clock(start)}`);
	await launchBrowser();
	const { page, tr } = await newContext();
	S.page = page;
	S.tr = tr;
	let resp;

	// ------------------------------------------------ the social worker
	await test(`sign in as the social worker (${sw.username})`, async () => {
		resp = await signIn(page, tr, S.base, sw, async (kind, r) => {
			await checkPage(kind === 'sign-in' ? 'the sign-in page' : 'two-factor set-up', page, tr, r);
		});
	});
	await checkPage('My work, after signing in', page, tr, resp);

	const found = awaitingChild(db, sw.username, C);
	if (found) {
		const [id, name, birth] = found.split('|');
		S.child = { id, name, birth };
		S.record = `/children/${id}`;
		diag(`the demo has ${name} (${S.record}, born ${birth}) waiting for an initial conference`);
	} else {
		diag('the demo has no child of the social worker\'s waiting for an initial conference: recording one');
		await recordChildThroughPages(C);
		await test('the database query finds the child just recorded as waiting for an initial conference', async (notes) => {
			need(S.child, 'the child');
			const again = awaitingChild(db, sw.username, C);
			notes.push(`query gave ${JSON.stringify(again)}`);
			check(again.split('|')[0] === S.child.id, `wanted child ${S.child.id}`);
		});
	}
	S.ok = Boolean(S.child);
	const child = S.child || { id: '0', name: 'the child', birth: C };
	const age = yearsBetween(child.birth, C);
	const first = child.name.split(' ')[0];

	// --- the record's Conferences section, and the booking
	S.ok = S.ok && await look('the child\'s record', S.record, async (p) => {
		const text = await section(p, 'conferences');
		check(/No conferences have been booked/.test(text), `the Conferences section says: ${text}`);
	});

	await step('book the conference', {
		open: (p) => p.locator(`#conferences ~ a[href="${S.record}/conferences/book"]`).filter({ hasText: exactly('Book a conference') }),
		needs: 'the child\'s record',
		form: async (p) => {
			const hint = squash(await p.locator('#kind-hint').innerText());
			check(/waiting for an initial conference/.test(hint), `the kind's hint says: ${hint}`);
			const chairs = await p.locator('#chair_id option').allInnerTexts();
			check(chairs.includes(chairName), `the chair list (${chairs.join(', ')}) lacks ${chairName}`);
		},
		fill: async (p) => {
			await p.locator('input[name="kind"][value="icpc"]').check();
			await fillDate(p, 'date', C);
			await p.locator('#time').fill(clock(start));
			await p.locator('#place').fill('Room 2, Ashdown Vale Civic Centre');
			await p.locator('#chair_id').selectOption({ label: chairName });
		},
		save: 'Book the conference',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p, notes) => {
			S.meeting = new URL(p.url()).pathname;
			notes.push(S.meeting);
			check(await banner(p) === 'Conference booked', `banner: ${await banner(p)}`);
			check(squash(await p.locator('h1').innerText()) === 'Initial child protection conference', 'wrong h1');
			const text = await mainText(p);
			check(text.includes(`${longDate(C)} at ${clock(start)}`), `no "${longDate(C)} at ${clock(start)}"`);
			check(text.includes('Room 2, Ashdown Vale Civic Centre'), 'no place');
			check(new RegExp(`Chair ${chairName}`).test(text), `the chair is not ${chairName}`);
			check(text.includes(`Share reports with the family by ${longDate(shareBy)}`), `no share-by date ${longDate(shareBy)}`);
			check(await taskStatus(p, 'Invite the family, their network and agencies') === 'Not started', 'the invitation task is not "Not started"');
			if (age >= 10)
				check(/no offer of an independent advocate/.test(text), 'no warning that no advocate was offered');
		},
	});
	S.ok = Boolean(S.meeting);
	const M = S.meeting || '/conferences/0';
	const id = M.split('/').pop();

	// --- invitations: a parent, the network, the school
	const invitees = [
		['family', 'Dee Thornbury', 'Mother', null],
		['network', 'Grace Thornbury', 'Grandmother', null],
		['agency', 'Priya Shah', 'Class teacher', 'Ashdown Vale Schools'],
	];
	for (const [i, [kind, name, role, agency]] of invitees.entries()) {
		const last = i === invitees.length - 1;
		S.ok = await step(`invite ${name} (${kind})`, {
			open: i === 0 ? taskLink('Invite the family, their network and agencies') : 'here',
			form: i === 0 ? async (p) => {
				check(await p.locator('input[name="kind"]').count() === 3, 'not three kinds of invitee');
				check(await p.locator('#report_expected').isChecked(), 'a report is not expected by default');
			} : null,
			fill: async (p) => {
				await p.locator(`input[name="kind"][value="${kind}"]`).check();
				await p.locator('#name').fill(name);
				await p.locator('#role').fill(role);
				if (agency) {
					await p.locator('#agency_id').selectOption({ label: agency });
					await p.locator('input[name="report_expected"][value="yes"]').check();
				}
				await fillDate(p, 'invited_on', invited);
			},
			save: last ? 'Save the invitation' : 'Save and invite someone else',
			endsAt: last ? /^\/conferences\/\d+$/ : /^\/conferences\/\d+\/invitees\/new$/,
			after: last ? async (p) => {
				const rows = await sectionRows(p, 'invited');
				check(rows && rows.length === 3, `${rows?.length} rows under "Who is invited"`);
				const want = [['Dee Thornbury', 'Mother', /^Family/], ['Grace Thornbury', 'Grandmother', /network/i],
				    ['Priya Shah', 'Class teacher', /^Ashdown Vale Schools$/]];
				for (const [k, [n, r, a]] of want.entries()) {
					check(rows[k][0] === n && rows[k][1] === r && a.test(rows[k][2]),
					    `row ${k + 1}: ${rows[k].join(' | ')}`);
					check(rows[k][3] === longDate(invited), `row ${k + 1} invited on ${rows[k][3]}`);
				}
				const hint = squash(await p.locator('.govuk-task-list__item').filter({ has: taskLink('Invite the family, their network and agencies')(p) })
				    .locator('.govuk-task-list__hint').innerText());
				check(hint === '1 family, 1 network, 1 agency', `the task hint says ${hint}`);
				check(await taskStatus(p, 'Invite the family, their network and agencies') === '3 invited', `status ${await taskStatus(p, 'Invite the family, their network and agencies')}`);
				const reports = await section(p, 'reports');
				check(/Ashdown Vale Schools: Priya Shah \(Class teacher\) Not received/.test(reports), `reports: ${reports}`);
			} : async (p) => {
				check(await banner(p) !== '', 'no banner after saving');
				check(await p.locator('#name').inputValue() === '', 'the form is not empty for the next one');
			},
		});
	}

	// --- the school's report, typed in by the social worker, then shared
	const reportText = 'Kai comes to school most days. He is often hungry in the morning and his uniform ' +
	    'is not washed. He is doing well in maths and has good friends.';
	await step('the school\'s report', {
		open: mainLink('Write this agency\'s report'),
		form: async (p) => {
			check(/^The report from Ashdown Vale Schools$/.test(squash(await p.locator('h1').innerText())), 'wrong h1');
		},
		fill: async (p) => { await p.locator('#text').fill(reportText); },
		save: 'Save the report',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p) => {
			check(await banner(p) === 'Report saved', `banner: ${await banner(p)}`);
			const reports = await section(p, 'reports');
			check(reports.includes(reportText), 'the report text is not shown');
			const on = longDate(ukNow().iso);	// when it was submitted, UK time
			check(new RegExp(`Submitted ${on} at \\d\\d:\\d\\d by ${swName}`).test(reports),
			    `no "Submitted ${on} at .. by ${swName}": ${reports}`);
			check(/Not shared with the family/.test(reports), 'not marked as unshared');
			const st = await taskStatus(p, 'Agency reports, shared with the family');
			check(st === '1 of 1 reports in, 0 shared', `task status ${st}`);
		},
	});
	await step('the report shared with the family', {
		open: (p) => p.locator('main a[href*="/reports/"][href$="/shared"]').filter({ hasText: 'Shared on another day' }),
		form: async (p) => {
			check(/Ashdown Vale Schools \(Priya Shah\)/.test(await mainText(p)), 'the form does not name the report');
		},
		fill: async (p) => { await fillDate(p, 'shared_on', shareBy); },
		save: 'Save',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p, notes) => {
			const reports = await section(p, 'reports');
			notes.push(reports.slice(0, 300));
			check(reports.includes(longDate(shareBy)), `the share date ${longDate(shareBy)} is not shown`);
			check(!/Not shared with the family/.test(reports), 'still marked as not shared');
			const st = await taskStatus(p, 'Agency reports, shared with the family');
			check(st === '1 of 1 reports in, all shared', `task status ${st}`);
			check(!/not yet shared with the family/.test(await mainText(p)), 'the not-shared warning is still shown');
		},
	});

	// --- how the child takes part
	const advocateOn = addWorkingDays(C, -5);
	await step(`how ${first} takes part`, {
		open: taskLink(`How ${child.name} takes part`),
		form: async (p) => {
			const t = await mainText(p);
			if (age >= 10)
				check(t.includes(`${child.name} is ${age} on the day of the conference`), `no "is ${age} on the day"`);
			check(await p.locator('input[name="advocate_offered"]').count() === 2, 'no advocate question');
		},
		fill: async (p) => {
			await p.locator('input[name="part"][value="written"]').check();
			await p.locator('#part_note').fill(`${first} wrote a letter to the conference about home and school.`);
			if (age >= 10) {
				await p.locator('input[name="advocate_offered"][value="yes"]').check();
				await fillDate(p, 'advocate_offered_on', advocateOn);
				await p.locator('input[name="advocate_accepted"][value="yes"]').check();
				await p.locator('#advocate').fill('Jordan Ellis');
			} else {
				await p.locator('input[name="advocate_offered"][value="no"]').check();
			}
		},
		save: 'Save',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p, notes) => {
			const rows = await sectionRows(p, 'children');
			notes.push(JSON.stringify(rows));
			check(rows && rows.length >= 1, 'no children table');
			const row = rows.find((r) => r[0] === child.name);
			check(row, `no row for ${child.name}`);
			check(row[1] === String(age), `age ${row[1]}, wanted ${age}`);
			check(/written/i.test(row[2]), `took part: ${row[2]}`);
			if (age >= 10) {
				check(/Jordan Ellis/.test(row[3]) && !/Not offered/i.test(row[3]), `advocate: ${row[3]}`);
				check(!/no offer of an independent advocate/.test(await mainText(p)), 'the advocate warning is still shown');
			}
			check(/written/i.test(await taskStatus(p, `How ${child.name} takes part`)), 'the task status does not say written');
		},
	});

	// --- the Signs of Safety map, from the conference page
	const familySays = 'There is food at home now; it was a bad few weeks.';
	const danger = `Children's services are worried that ${first} will suffer neglect if there is no food at home ` +
	    'and will keep going to school hungry.';
	await step('the Signs of Safety map', {
		open: taskLink('Work through the map together'),
		form: async (p) => {
			check(await p.locator('input[type="hidden"][name="meeting"]').inputValue() === id,
			    'the form does not carry the conference');
			check(await p.locator('#made_on').inputValue() === String(Number(C.slice(8))), 'the map\'s date is not the conference day');
		},
		fill: async (p) => {
			await p.locator('#harm_1').fill(`${first} has gone to school hungry on most days since September.`);
			await p.locator('#pair_1_danger').fill(danger);
			await p.locator('#pair_1_who').fill('The social worker and the school');
			await p.locator('input[name="pair_1_view"][value="partly"]').check();
			await p.locator('#pair_1_says').fill(familySays);
			await p.locator('#pair_1_goal_agency').fill(`${first} has breakfast every school day and clean clothes.`);
			await p.locator('#pair_1_goal_family').fill(`${first} eats before school and we keep the cupboards full.`);
			await p.locator('#strength_1').fill('His grandmother lives nearby and cooks for him at weekends.');
		},
		save: 'Save a new version of the map',
		endsAt: /^\/children\/\d+\/map$/,
		after: async (p) => {
			check(/saved/.test(await banner(p)), `banner: ${await banner(p)}`);
			const t = await mainText(p);
			check(t.includes(`Worked through at Initial child protection conference, ${longDate(C)}`),
			    'the map does not say it was worked through at the conference');
			const card = p.locator('#pair-1');
			check(squash(await card.innerText()).includes(danger), 'the danger statement is not shown');
			const flags = p.locator('.hearth-plain');
			check(await flags.count() === 1, `${await flags.count()} plain-language flags, wanted 1 (on the danger statement)`);
			const flag = squash(await card.locator('.hearth-plain').innerText().catch(() => ''));
			check(/^Plain language: 1 thing to look at in danger statement 1/.test(flag), `flag: ${flag}`);
			check(/'neglect' - try: /.test(flag), `the flag does not name 'neglect': ${flag}`);
		},
	});

	// --- safety scale ratings from two people at the conference
	S.ok = S.ok && await look('the conference page after the map', M, async (p) => {
		check(await taskStatus(p, 'Work through the map together') === 'Updated at this conference',
		    `map task: ${await taskStatus(p, 'Work through the map together')}`);
		const map = await section(p, 'map');
		check(map.includes(danger), 'the map section does not show the danger statement');
		check(map.includes('The family\'s view The family partly agrees'), 'the map section does not give the family\'s view');
		check(map.includes(`What the family says ${familySays}`), 'the map section does not give what the family says');
	});
	await step('safety scale ratings', {
		open: taskLink('Safety scales from everyone'),
		form: async (p) => {
			check(await p.locator('#meeting').inputValue() === id, 'the conference is not chosen');
			check(await p.locator('svg[role="img"]').count() === 0, 'a chart before any rating');
		},
		fill: async (p) => {
			await p.locator('#pair').selectOption('0');
			await p.locator('#rating_1_kind').selectOption('parent');
			await p.locator('#rating_1_rater').fill('Dee Thornbury');
			await p.locator('#rating_1_value').selectOption('7');
			await p.locator('#rating_1_reason').fill(`We have food in now and ${first} has breakfast.`);
			await p.locator('#rating_2_kind').selectOption('professional');
			await p.locator('#rating_2_rater').fill('Priya Shah');
			await p.locator('#rating_2_agency').fill('Ashdown Vale Schools');
			await p.locator('#rating_2_value').selectOption('3');
			await p.locator('#rating_2_reason').fill(`${first} was hungry three days last week.`);
		},
		save: 'Save the ratings',
		endsAt: /^\/children\/\d+\/scales$/,
		after: async (p, notes) => {
			check(await banner(p) === 'Ratings saved', `banner: ${await banner(p)}`);
			const chart = p.locator('#scale-0 ~ .hearth-chart svg[role="img"]').first();
			check(await chart.count() === 1, 'no chart (svg role="img") for the overall scale');
			const name = await chart.evaluate((s) => s.getAttribute('aria-labelledby')
			    .split(/\s+/).map((i) => document.getElementById(i)?.textContent || '').join(' '));
			notes.push(`chart: ${squash(name)}`);
			check(new RegExp(`given by 2 people on ${longDate(C)}`).test(name), 'the chart\'s description does not say 2 people');
			const marks = await chart.locator('g > title').allTextContents();
			check(marks.some((m) => /^Dee Thornbury: parent or carer: 7 on /.test(m)) &&
			    marks.some((m) => /^Priya Shah: professional, Ashdown Vale Schools: 3 on /.test(m)),
			    `the chart's points: ${marks.join('; ')}`);
			const rows = await p.locator('table').filter({ has: p.locator('caption', { hasText: 'Overall safety scale' }) })
			    .locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
			notes.push(JSON.stringify(rows));
			check(rows.length === 2, `${rows.length} rows in the table`);
			check(rows.some((r) => r[0] === 'Dee Thornbury' && r[3] === '7' && r[2] === longDate(C)), 'no row: Dee Thornbury, 7');
			check(rows.some((r) => r[0] === 'Priya Shah' && r[3] === '3' && /Ashdown Vale Schools/.test(r[1])), 'no row: Priya Shah, 3');
		},
	});
	S.ok = S.ok && await look('the conference page, ready', M, async (p) => {
		check(await taskStatus(p, 'Safety scales from everyone') === '2 ratings',
		    `scales task: ${await taskStatus(p, 'Safety scales from everyone')}`);
		const sc = await section(p, 'scales');
		check(/Dee Thornbury/.test(sc) && /Priya Shah/.test(sc), `the scales section: ${sc.slice(0, 200)}`);
		check(await p.locator('.govuk-warning-text').count() === 0,
		    `warnings left: ${squash(await p.locator('.govuk-warning-text').allInnerTexts())}`);
	});
	S.ok = S.ok && await look('the child\'s record with the conference booked', S.record, async (p) => {
		const text = await section(p, 'conferences');
		check(new RegExp(`${longDate(C)} at ${clock(start)} Initial child protection conference Booked: 1 of 1 reports in`).test(text),
		    `the Conferences section says: ${text}`);
		check(await p.locator(`#conferences ~ table a[href="${M}"]`).count() === 1, `no link to ${M}`);
	});

	await test('sign out', async () => {
		resp = await signOut(page, tr);
	});
	await checkPage('signed out', page, tr, resp, { path: /^\/signed-out$/ });

	// ------------------------------------------------------------ the chair
	await test(`sign in as the chair named on the conference (${chairUser.username}, ${chairName})`, async () => {
		resp = await signIn(page, tr, S.base, chairUser, async (kind, r) => {
			await checkPage(kind === 'sign-in' ? 'the sign-in page (the chair)' : 'two-factor set-up (the chair)', page, tr, r);
		});
	});
	await checkPage('the chair\'s first page', page, tr, resp);

	await look('the chair\'s conferences, before the conference is held', '/conferences', async (p, notes) => {
		need(S.meeting, 'the conference');
		const rows = await sectionRows(p, 'booked');
		const row = (rows || []).find((r) => r[1] === child.name);
		notes.push(row ? row.join(' | ') : `rows: ${JSON.stringify(rows)}`);
		check(row, `${child.name}'s conference on ${C} is not under "Conferences you chair in the next 8 weeks"` +
		    (C < today ? ' (it was booked for a day already past and has not been held yet)' : ''));
		check(row[0] === `${longDate(C)} at ${clock(start)}`, `when: ${row[0]}`);
		check(row[2].startsWith('Initial child protection conference'), `kind: ${row[2]}`);
		// Held on a past day with no decision yet: still listed, marked.
		check(/Decision not recorded/.test(row[2]) === (C < today), `past-day tag: ${row[2]}`);
		check(row[3] === '1 of 1 in, all shared', `reports: ${row[3]}`);
		check(await p.locator(`#booked ~ table a[href="${M}"]`).count() === 1, `no link to ${M}`);
	});

	S.ok = Boolean(S.meeting) && await look('the conference page (the chair)', M, async (p) => {
		check(squash(await p.locator('h1').innerText()) === 'Initial child protection conference', 'wrong h1');
		check(await taskStatus(p, 'Attendance and apologies') === 'Not started', `attendance task: ${await taskStatus(p, 'Attendance and apologies')}`);
	});

	await step('attendance', {
		open: taskLink('Attendance and apologies'),
		form: async (p) => {
			const legends = await p.locator('main form legend').allInnerTexts();
			check(legends.length === 3 && /Dee Thornbury, Mother/.test(legends[0]), `legends: ${legends.join('; ')}`);
		},
		fill: async (p) => {
			const sets = p.locator('main form fieldset');
			await sets.nth(0).locator('input[value="attended"]').check();
			await sets.nth(1).locator('input[value="apologies"]').check();
			await sets.nth(2).locator('input[value="attended"]').check();
		},
		save: 'Save attendance',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p) => {
			const rows = await sectionRows(p, 'invited');
			const att = rows.map((r) => r[4]);
			check(att.join('|') === 'Attended|Sent apologies|Attended', `attendance: ${att.join(', ')}`);
			check(await taskStatus(p, 'Attendance and apologies') === 'Completed', 'the task is not completed');
		},
	});

	const views = [
		['Priya Shah', 'School', 'yes', `${first} is hungry most mornings and it has not changed since September.`],
		['Dee Thornbury', 'Parent', 'no', 'We have food in now and I make his breakfast.'],
	];
	for (const [i, [name, agency, met, reason]] of views.entries()) {
		const last = i === views.length - 1;
		await step(`a view on the threshold (${name})`, {
			open: i === 0 ? taskLink('Each member\'s view on the threshold') : 'here',
			fill: async (p) => {
				await p.locator('#name').fill(name);
				await p.locator('#agency').fill(agency);
				await p.locator(`input[name="met"][value="${met}"]`).check();
				await p.locator('#reason').fill(reason);
			},
			save: last ? 'Save the view' : 'Save and record another view',
			endsAt: last ? /^\/conferences\/\d+$/ : /^\/conferences\/\d+\/views\/new$/,
			after: last ? async (p) => {
				const rows = await sectionRows(p, 'views');
				check(rows.length === 2, `${rows.length} views shown`);
				check(rows[0].join('|') === `${child.name}|Priya Shah, School|Yes|${views[0][3]}`, `view 1: ${rows[0].join(' | ')}`);
				check(rows[1].join('|') === `${child.name}|Dee Thornbury, Parent|No|${views[1][3]}`, `view 2: ${rows[1].join(' | ')}`);
				check(await taskStatus(p, 'Each member\'s view on the threshold') === '2 views', 'the task does not say 2 views');
			} : async (p) => {
				check(await banner(p) !== '', 'no banner after saving');
				check(await p.locator('#name').inputValue() === '', 'the form is not empty for the next one');
			},
		});
	}

	const dissent = 'Dee Thornbury disagreed: she says there is food at home now and a plan is not needed.';
	await step('the chair\'s decision', {
		open: taskLink('The chair\'s decision and category'),
		form: async (p) => {
			const t = await mainText(p);
			check(t.includes(`Views recorded: 1 think ${child.name} is likely to suffer significant harm, 1 do not.`),
			    'the form does not count the views (1 and 1)');
		},
		fill: async (p) => {
			await p.locator(`input[name="decision_${child.id}"][value="plan"]`).check();
			await p.locator(`input[name="category_${child.id}"][value="neglect"]`).check();
			await p.locator('#dissent').fill(dissent);
		},
		save: 'Save the decision',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p) => {
			check(/Held/.test(squash(await p.locator('main .govuk-tag').first().innerText())), 'the status tag is not "Held"');
			const rows = await sectionRows(p, 'decision');
			check(rows.length === 1 && rows[0].join('|') === `${child.name}|Child protection plan|Neglect`,
			    `decision: ${JSON.stringify(rows)}`);
			check((await section(p, 'decision')).includes(dissent), 'the dissent is not shown');
			check(await taskStatus(p, 'The chair\'s decision and category') === 'Completed', 'the decision task is not completed');
			check(await taskStatus(p, 'The outcome-focused plan and core group') === 'Not started', 'the plan cannot be started');
		},
	});

	await look('the chair\'s conferences, once held', '/conferences', async (p, notes) => {
		need(S.ok, 'the decision');
		const rows = await sectionRows(p, 'to-send');
		const row = (rows || []).find((r) => r[1] === child.name);
		notes.push(row ? row.join(' | ') : `rows: ${JSON.stringify(rows)}`);
		check(row, 'not under "Plans and minutes to send"');
		check(row[0] === `${longDate(C)} at ${clock(start)}`, `held: ${row[0]}`);
		check(/^Not all sent: \d+ hours? since the conference$|^Overdue: not all sent/.test(row[3]), `status: ${row[3]}`);
		check(/the minutes, once written/.test(row[4]), `still to send: ${row[4]}`);
		const booked = await sectionRows(p, 'booked');
		check(!(booked || []).some((r) => r[1] === child.name), 'still under the booked conferences');
	});

	// --- the plan, the minutes
	S.ok = S.ok && await look('the conference page, held', M, async (p) => {
		check(await taskStatus(p, 'The outcome-focused plan and core group') === 'Not started',
		    `plan task: ${await taskStatus(p, 'The outcome-focused plan and core group')}`);
		check(await taskStatus(p, 'Minutes') === 'Not started', `minutes task: ${await taskStatus(p, 'Minutes')}`);
		// Nothing written yet, so nothing to send; past 72 hours that is overdue.
		const since = Date.now() / 1000 - ukSeconds(C, start);
		const sending = await taskStatus(p, 'Send the plan and minutes');
		check(since > 72 * 3600 ? /^Overdue: not all sent, \d+ hours since the conference$/.test(sending) :
		    sending === 'Cannot start yet', `sending task: ${sending} (${Math.floor(since / 3600)} hours since)`);
		check(await p.locator('#documents ~ ul a[href$=".pdf"]').count() === 0, 'documents offered before anything is written');
	});
	const familyWords = `We want ${first} to eat before school and have his uniform washed.`;
	const plan = {
		agency: `${first} has breakfast every school day and clean clothes for school.`,
		who: 'Dee Thornbury', what: `Make breakfast for ${first} every school day.`,
		by: addWorkingDays(C, 10),
		contingency: `If ${first} is still going to school hungry, a review conference will be held early.`,
		seen: 'Every 10 working days at home, and on his own at school.',
	};
	await step('the plan', {
		open: taskLink('The outcome-focused plan and core group'),
		form: async (p) => {
			// The core group starts from those who came.
			const names = [];
			for (let i = 1; await p.locator(`#c_${i}_name`).count(); i++)
				names.push(await p.locator(`#c_${i}_name`).inputValue());
			check(names.includes('Dee Thornbury') && names.includes('Priya Shah') && !names.includes('Grace Thornbury'),
			    `the core group starts as ${names.join(', ')}`);
		},
		fill: async (p) => {
			await p.locator('#o_1_agency').fill(plan.agency);
			await p.locator('#o_1_family').fill(familyWords);
			await p.locator('#a_1_outcome').selectOption('1');
			await p.locator('#a_1_who').fill(plan.who);
			await p.locator('#a_1_what').fill(plan.what);
			const [y, m, d] = plan.by.split('-').map(Number);
			await p.locator('#a_1_by').fill(`${d}/${m}/${y}`);
			await p.locator('#contingency').fill(plan.contingency);
			await p.locator('#child_seen').fill(plan.seen);
			let free = 1;
			while (await p.locator(`#c_${free}_name`).inputValue() !== '')
				free++;
			await p.locator(`#c_${free}_name`).fill(swName);
			await p.locator(`#c_${free}_agency`).fill('Ashdown Vale Council');
			await p.locator(`#c_${free}_role`).fill('Social worker');
		},
		save: 'Save the plan',
		endsAt: /^\/conferences\/\d+\/plan$/,
		after: async (p) => {
			check(await banner(p) !== '', 'no banner after saving the plan');
			check(await p.locator('#o_1_family').inputValue() === familyWords, 'the form lost the family\'s words');
		},
	});
	S.ok = S.ok && await look('the conference page with the plan', M, async (p) => {
		const t = await section(p, 'plan');
		for (const [what, s] of [['the agencies\' words', plan.agency], ['the family\'s words', familyWords],
		    ['the contingency', plan.contingency], ['when the child is seen', plan.seen]])
			check(t.includes(s), `the plan does not show ${what}`);
		check(t.includes(`In the family's own words ${familyWords}`), 'the family\'s words are not labelled as theirs');
		const tables = await p.evaluate(() => {
			const out = [];
			for (let n = document.getElementById('plan')?.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling)
				if (n.tagName === 'TABLE')
					out.push([...n.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.innerText.trim()).join('|')));
			return out;
		});
		check(tables.length === 2, `${tables.length} tables in the plan, wanted actions and the core group`);
		check(tables[0].join('\n') === `1|${plan.who}|${plan.what}|${longDate(plan.by)}`, `actions: ${tables[0].join('; ')}`);
		check(tables[1].includes(`${swName}|Ashdown Vale Council|Social worker`) && tables[1].length === 3,
		    `core group: ${tables[1].join('; ')}`);
		check(await taskStatus(p, 'The outcome-focused plan and core group') === 'Completed', 'the plan task is not completed');
	});

	const minutes = ['Dee Thornbury and Priya Shah came. Grace Thornbury sent her apologies.',
		`The conference decided that ${first} needs a child protection plan under the category of neglect.`];
	await step('the minutes', {
		open: taskLink('Minutes'),
		fill: async (p) => { await p.locator('#minutes').fill(minutes.join('\n\n')); },
		save: 'Save the minutes',
		endsAt: /^\/conferences\/\d+\/minutes$/,
		after: async (p) => { check(await banner(p) !== '', 'no banner after saving the minutes'); },
	});
	S.ok = S.ok && await look('the conference page with the minutes', M, async (p) => {
		const paras = await p.locator('#minutes ~ details .govuk-details__text p').allTextContents();
		check(paras.map(squash).join('\n') === minutes.join('\n'), `the minutes shown: ${paras.join(' / ')}`);
		check(await taskStatus(p, 'Minutes') === 'Completed', 'the minutes task is not completed');
	});

	// --- the four documents
	const docs = [['plan-family', 'The child protection plan for the family (PDF)'],
		['plan-agencies', 'The child protection plan for agencies (PDF)'],
		['minutes-family', 'The minutes for the family (PDF)'],
		['minutes-agencies', 'The minutes for agencies (PDF)']];
	for (const [file, text] of docs) {
		await test(`download ${file}.pdf`, async (notes) => {
			need(S.ok, 'the conference page');
			const a = page.locator(`#documents ~ ul a[href="${M}/${file}.pdf"]`);
			check(await a.count() === 1, `no link to ${M}/${file}.pdf under Documents`);
			check(squash(await a.innerText()) === text, `the link says ${await a.innerText()}`);
			const r = await page.request.get(`${S.base}${M}/${file}.pdf`);
			const body = await r.body();
			notes.push(`HTTP ${r.status()}, ${r.headers()['content-type']}, ${body.length} bytes`);
			check(r.status() === 200, `HTTP ${r.status()}`);
			check(/^application\/pdf\b/.test(r.headers()['content-type'] || ''), `content-type ${r.headers()['content-type']}`);
			check(body.subarray(0, 5).toString('latin1') === '%PDF-', `starts with ${JSON.stringify(body.subarray(0, 8).toString('latin1'))}`);
			check(body.subarray(-1024).toString('latin1').includes('%%EOF'), 'no %%EOF at the end');
		});
	}

	// --- sent: to the family, then to the agencies
	const sends = [
		['the family', ['plan-family', 'minutes-family'], 'by-hand', 'By hand', 'Dee Thornbury (mother)'],
		['the agencies', ['plan-agencies', 'minutes-agencies'], 'secure-email', 'Secure email', `Ashdown Vale Schools; ${swName}`],
	];
	const sentAt = [];
	for (const [i, [to, values, method, methodLabel, who]] of sends.entries()) {
		await step(`the plan and minutes sent to ${to}`, {
			open: taskLink('Send the plan and minutes'),
			form: async (p) => {
				const offered = await p.locator('input[name="documents"]').evaluateAll((is) => is.map((x) => x.value));
				check(['plan-family', 'plan-agencies', 'minutes-family', 'minutes-agencies'].every((v) => offered.includes(v)),
				    `documents offered: ${offered.join(', ')}`);
				if (i === 0)
					check(/^(Not all sent: \d+ hours? since the conference|Overdue: not all sent)/.test(await mainText(p, 'main form p')),
					    `status: ${await mainText(p, 'main form p')}`);
			},
			fill: async (p) => {
				for (const v of values)
					await p.locator(`input[name="documents"][value="${v}"]`).check();
				await p.locator(`input[name="method"][value="${method}"]`).check();
				await p.locator('#recipients').fill(who);
				// When: the form's own default, now.
				const day = `${await p.locator('#sent_on-year').inputValue()}-${(await p.locator('#sent_on-month').inputValue()).padStart(2, '0')}-${(await p.locator('#sent_on').inputValue()).padStart(2, '0')}`;
				const [hh, mm] = (await p.locator('#sent_time').inputValue()).split(':').map(Number);
				sentAt.push({ day, minute: hh * 60 + mm });
			},
			save: 'Save',
			endsAt: /^\/conferences\/\d+$/,
			after: async (p) => {
				check(await banner(p) !== '', 'no banner');
				const rows = await p.evaluate(() => {
					const h = [...document.querySelectorAll('#documents ~ h3')].find((x) => /What was sent/.test(x.textContent));
					const t = h?.nextElementSibling;
					return t?.tagName === 'TABLE' ? [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => c.innerText.trim())) : [];
				});
				check(rows.length === 2 * (i + 1), `${rows.length} rows under "What was sent, and when"`);
				const mine = rows.slice(2 * i);
				const s = sentAt[i];
				const secs = ukSeconds(s.day, s.minute) - ukSeconds(C, start);
				const after = `${hoursWords(Math.floor(secs / 3600))}${secs > 72 * 3600 ? ' Late' : ''}`;
				for (const [k, doc] of ['Child protection plan', 'Minutes'].entries())
					check(mine.some((r) => r[0] === doc && r[1] === (i === 0 ? 'The family' : 'The agencies') &&
					    r[2] === methodLabel && r[3] === who && r[4] === `${longDate(s.day)} at ${clock(s.minute)}` &&
					    r[5] === after), `no row for ${doc.toLowerCase()} to ${to} (${after}): ${JSON.stringify(mine[k])}`);
			},
		});
	}
	S.ok = S.ok && await look('the conference page after distribution', M, async (p, notes) => {
		need(sentAt.length === 2, 'both sends');
		const last = sentAt.reduce((a, b) => (ukSeconds(b.day, b.minute) > ukSeconds(a.day, a.minute) ? b : a));
		const secs = ukSeconds(last.day, last.minute) - ukSeconds(C, start);
		const hours = Math.floor(secs / 3600);
		const item = p.locator('.govuk-task-list__item').filter({ has: taskLink('Send the plan and minutes')(p) });
		const st = squash(await item.locator('.govuk-task-list__status').innerText());
		notes.push(`status: ${st}`);
		if (secs <= 72 * 3600) {
			check(st === `Sent ${hoursWords(hours)} after`, `the 72-hour status says "${st}", wanted "Sent ${hoursWords(hours)} after"`);
			check(await item.locator('.govuk-tag--red').count() === 0, 'sent within 72 hours but tagged red');
		} else {
			check(st === `Sent ${hoursWords(hours)} after (later than 72 hours)`, `the 72-hour status says "${st}"`);
			check(await item.locator('.govuk-tag--red').count() === 1, 'sent late but not tagged red');
		}
		fs.mkdirSync(path.dirname(SHOT), { recursive: true });
		await p.screenshot({ path: SHOT, fullPage: true });
		notes.push(`screenshot ${SHOT}`);
	});

	// --- a parent's feedback
	const comments = 'It helped to hear what the school had seen. I did not agree with the plan.';
	await step('a parent\'s feedback', {
		open: taskLink('Feedback from parents'),
		form: async (p) => {
			check(await p.locator('input[name="from"]').inputValue() === 'parent', 'not the parent\'s form');
			check(await p.locator('main form fieldset').count() >= 4, 'fewer than four questions');
		},
		fill: async (p) => {
			await p.locator('#name').fill('Dee Thornbury');
			await p.locator('input[name="q1"][value="4"]').check();
			await p.locator('input[name="q2"][value="5"]').check();
			await p.locator('input[name="q3"][value="4"]').check();
			await p.locator('input[name="q4"][value="2"]').check();
			await p.locator('#comments').fill(comments);
		},
		save: 'Save the feedback',
		endsAt: /^\/conferences\/\d+$/,
		after: async (p, notes) => {
			const t = await section(p, 'feedback');
			notes.push(t.slice(0, 300));
			check(t.includes(comments), 'the comments are not shown');
			check(/Dee Thornbury/.test(t), 'the parent\'s name is not shown');
			check(/Professionals knew our family well enough/.test(t) && /Agree/.test(t), 'the answers are not shown');
			check(await taskStatus(p, 'Feedback from parents') === '1 form', `task: ${await taskStatus(p, 'Feedback from parents')}`);
		},
	});
	await look('the chair\'s conferences, after distribution', '/conferences', async (p, notes) => {
		need(S.ok, 'the distribution');
		const toSend = await sectionRows(p, 'to-send');
		const booked = await sectionRows(p, 'booked');
		notes.push(`to send: ${JSON.stringify(toSend)}`);
		check(!(toSend || []).some((r) => r[1] === child.name), 'still under "Plans and minutes to send"');
		check(!(booked || []).some((r) => r[1] === child.name), 'back under the booked conferences');
		check(await p.locator(`main a[href="${M}"]`).count() === 0, `still links to ${M}`);
	});
	await look('the child\'s record after distribution (the chair)', S.record, async (p, notes) => {
		need(S.ok && sentAt.length === 2, 'the distribution');
		const text = await section(p, 'conferences');
		notes.push(text.slice(0, 300));
		check(new RegExp(`Initial child protection conference Held: plan and minutes sent \\d+ hours? after`).test(text),
		    `the Conferences section says: ${text}`);
		check(await p.locator(`#conferences ~ table a[href="${M}"]`).count() === 1, `no link to ${M}`);
	});

	await test('the conference page: screenshot at the end', async (notes) => {
		need(S.ok, 'the conference');
		notes.push(await screenshot(page, 'conference-end'));
	});

	await page.context().close();
	await serverStillRunning();
}

await run(main, DEADLINE_MS);
