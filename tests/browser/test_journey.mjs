// tests/browser/test_journey.mjs: the child protection journey in a real
// browser, through the real pages.
//
// Starts its own demo authority and server in a temporary folder, signs in
// as the demo social worker in Debian's chromium (playwright-core), adds a
// child, and takes that child from a referral through its decision, a
// strategy discussion, a section 47 enquiry and its outcome, the initial
// child protection conference and the plan (core group members, a visit
// with the child seen alone, a core group meeting), two review conferences
// and the step down to a child in need plan, following the links and
// buttons the child's record offers at each stage.  Every page (each form,
// a form with its errors, the record after each step, the steps' own
// pages) is checked as test_pages.mjs checks them: it loads, axe-core finds
// no WCAG 2.2 AA violation, and the browser reports no console error,
// failed request or Content-Security-Policy violation.  Full-page
// screenshots go to build/screenshots/journey-*.png.
//
// Prints TAP-style "ok N - name" / "not ok N - name" lines with "# "
// diagnostics and exits non-zero if any test failed.
//
//   HEARTH=build/release/hearth HEARTH_STATIC=static node tests/browser/test_journey.mjs
//
// Environment: HEARTH (the binary), HEARTH_STATIC (the static folder),
// HEARTH_CHROMIUM (default /usr/bin/chromium), HEARTH_KEEP=1 keeps the
// temporary folder.

import path from 'node:path';
import {
	Failure,
	check,
	checkPage,
	demo,
	diag,
	firstLink,
	launchBrowser,
	makeTmp,
	navigating,
	need,
	newContext,
	run,
	screenshot,
	serverStillRunning,
	signIn,
	startServer,
	test,
	visit,
} from './lib.mjs';

const DEADLINE_MS = 240_000;	// the whole run; normally under a minute

// ------------------------------------------------------------ journey

// Fills a GOV.UK date input: the day box carries the id NAME.
async function fillDate(page, name, iso) {
	const [y, m, d] = iso.split('-').map(Number);
	await page.locator(`#${name}`).fill(String(d));
	await page.locator(`#${name}-month`).fill(String(m));
	await page.locator(`#${name}-year`).fill(String(y));
}

// The state the steps pass on: the page, its tracker, the record's path.
const S = { ok: true };

// One step of the journey, from the record: follow the link or button
// `open` offers, check the form page, fill it in, save, and check the
// record again with its "saved" banner and `expect` (a regular expression)
// in the journey section.
async function step(label, open, fill, save, expect, shot) {
	const { page, tr } = S;
	let resp = null;
	await test(`${label}: the record offers it`, async (notes) => {
		need(S.ok, 'the step before');
		const here = new URL(page.url()).pathname;
		if (here !== S.record)
			await visit(page, tr, `${S.base}${S.record}`);
		const l = open();
		check(await l.count() > 0, 'no such link or button on the record');
		notes.push(`${(await l.first().textContent()).trim()} -> ${await l.first().getAttribute('href')}`);
		resp = await navigating(page, tr, () => l.first().click());
	});
	const formOk = await checkPage(`${label}: form`, page, tr, resp);
	if (shot && formOk)
		await test(`${label}: screenshot`, async (notes) => { notes.push(await screenshot(page, `journey-${shot}`)); });
	let saved = false;
	await test(`${label}: save`, async (notes) => {
		need(formOk, 'the form');
		await fill(page);
		resp = await navigating(page, tr, () => page.getByRole('button', { name: save, exact: true }).click());
		const at = new URL(page.url());
		notes.push(`HTTP ${resp.status()} at ${at.pathname}${at.search}`);
		if (resp.status() !== 200) {
			const summary = await page.locator('.govuk-error-summary').textContent().catch(() => '');
			throw new Failure(`HTTP ${resp.status()}: ${summary.trim().replace(/\s+/g, ' ')}`);
		}
		check(at.pathname === S.record, `ended at ${at.pathname}, not the record`);
		check(await page.locator('.govuk-notification-banner--success').count() === 1, 'no success banner');
		const journey = await page.locator('#journey ~ .hearth-stage').first().textContent();
		notes.push(`stage: ${journey.trim().replace(/\s+/g, ' ')}`);
		check(expect.test(journey), `the stage does not say ${expect}`);
		saved = true;
	});
	if (saved)
		await checkPage(`${label}: the record after saving`, page, tr, resp);
	S.ok = saved;
	return saved;
}

function button(name) {
	return () => S.page.locator('main').getByRole('button', { name, exact: true });
}

function link(name) {
	return () => S.page.locator('main').getByRole('link', { name, exact: true });
}

async function main() {
	const db = path.join(makeTmp(), 'h.db');
	const users = demo(db);
	const sw = users['Social worker'];
	if (!sw)
		throw new Error(`demo printed no social worker sign-in: ${JSON.stringify(users)}`);
	const base = await startServer(db);
	diag(`server ${base}, social worker ${sw.username}`);
	await launchBrowser();
	const { page, tr } = await newContext();
	S.page = page;
	S.tr = tr;
	S.base = base;
	let resp;

	await test(`sign in as the social worker (${sw.username})`, async () => {
		await signIn(page, tr, base, sw);
	});

	// --- a new child, so the journey starts from nothing
	await test('add a child', async (notes) => {
		resp = await visit(page, tr, `${base}/children/new`);
		check(resp.status() === 200, `HTTP ${resp.status()}`);
		await page.locator('#la_child_id').fill('BJ0001');
		await page.locator('#given_name').fill('Poppy');
		await page.locator('#family_name').fill('Wayfarer');
		await page.locator('#birth_date').fill('2019-04-10');
		await page.locator('input[name="sex"][value="F"]').check();
		await page.locator('#ethnicity').selectOption('WBRI');
		await page.locator('#upn_unknown').selectOption('UN1');
		resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Add child' }).click());
		check(resp.status() === 200, `HTTP ${resp.status()}`);
		S.record = new URL(page.url()).pathname;
		check(/^\/children\/\d+$/.test(S.record), `ended at ${page.url()}`);
		notes.push(S.record);
	});
	S.ok = Boolean(S.record);
	if (S.ok) {
		const ok = await checkPage('the new child\'s record', page, tr, resp);
		await test('the record offers only a referral', async () => {
			need(ok, 'the record');
			check(await page.locator('#journey').count() === 1, 'no Child protection journey section');
			check(await button('Record a new referral')().count() === 1, 'no "Record a new referral"');
			check(await link('Record a strategy discussion')().count() === 0, 'a strategy discussion is offered');
		});
	}

	await step('a new referral', button('Record a new referral'), async (p) => {
		await fillDate(p, 'referral_date', '2026-02-02');
		await p.locator('#referral_source').selectOption('3B');
		await p.locator('#primary_need').selectOption('N1');
		await p.locator('#reason').fill('The health visitor saw bruising on Poppy\'s arm.');
	}, 'Save the referral', /waiting for a decision/, 'referral');
	await test('an undecided referral offers only its decision', async () => {
		need(S.ok, 'the referral');
		check(await button('Record the decision')().count() === 1, 'no "Record the decision"');
		check(await page.locator('main a[href*="/strategy/new"], main a[href*="/assessments/new"]').count() === 0,
		    'other steps are offered before the decision');
		check(await page.locator('#journey ~ table .govuk-tag--red, .govuk-tag--red').filter({ hasText: /Overdue by \d+ working days?/ }).count() > 0,
		    'no "Overdue by N working days" tag on the decision');
	});

	// --- the decision, first with the error summary
	await test('the decision: open the form', async () => {
		need(S.ok, 'the referral');
		resp = await navigating(page, tr, () => button('Record the decision')().click());
	});
	let decOk = await checkPage('the decision: form', page, tr, resp);
	await test('the decision: saving with no decision shows the error summary and keeps the input', async (notes) => {
		need(decOk, 'the form');
		await page.locator('#reason').fill('Bruising seen by the health visitor; police informed.');
		resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Save the decision' }).click());
		check(resp.status() === 422, `HTTP ${resp.status()}, wanted 422`);
		check(/^Error: /.test(await page.title()), 'the title lacks "Error: "');
		const summary = page.locator('.govuk-error-summary');
		notes.push(`summary: ${(await summary.textContent()).trim().replace(/\s+/g, ' ')}`);
		check(await summary.locator('a[href="#decision"]').count() === 1, 'the summary does not link to #decision');
		check((await page.locator('#reason').inputValue()).includes('police informed'), 'the reason typed was lost');
		await summary.locator('a[href="#decision"]').click();
		check(await page.evaluate(() => document.activeElement?.id) === 'decision', 'the link does not focus the first radio');
	});
	await checkPage('the decision: form with errors', page, tr, resp, { status: 422 });
	await test('the decision: screenshot with errors', async (notes) => {
		need(decOk, 'the form');
		notes.push(await screenshot(page, 'journey-decision-errors'));
	});
	await test('the decision: save', async () => {
		need(decOk, 'the form');
		await page.locator('input[name="decision"][value="strategy"]').check();
		await fillDate(page, 'decision_date', '2026-02-02');
		resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Save the decision' }).click());
		check(resp.status() === 200 && new URL(page.url()).pathname === S.record, `HTTP ${resp.status()} at ${page.url()}`);
	});
	S.ok = new URL(page.url()).pathname === S.record;
	if (S.ok)
		await checkPage('the decision: the record after saving', page, tr, resp);

	await step('a strategy discussion', button('Record the strategy discussion'), async (p) => {
		await fillDate(p, 'held_date', '2026-02-03');
		await p.locator('#person_1_name').fill('Sam Patel');
		await p.locator('#person_1_agency').fill('Police');
		await p.locator('#person_1_role').fill('Detective constable');
		await p.locator('#person_2_name').fill('Jo Reed');
		await p.locator('#person_2_agency').fill('Health visiting');
		await p.locator('input[name="s47"][value="yes"]').check();
		await p.locator('#note').fill('Agreed the threshold for a section 47 enquiry is met.');
	}, 'Save the strategy discussion', /decided to start a section 47 enquiry/, 'strategy');

	await step('a section 47 enquiry', button('Start the section 47 enquiry'), async (p) => {
		await fillDate(p, 'start_date', '2026-02-03');
	}, 'Save', /Section 47 enquiry in progress since 3 February 2026/, 's47');

	await step('the outcome of the enquiry', button('Record the outcome of the section 47 enquiry'), async (p) => {
		await fillDate(p, 'outcome_date', '2026-02-13');
		await p.locator('input[name="outcome"][value="conference"]').check();
	}, 'Save the outcome', /Waiting for an initial child protection conference/, 's47-outcome');

	await step('the initial child protection conference', button('Record the initial child protection conference'), async (p) => {
		const id = S.record.split('/').pop();
		await fillDate(p, 'held_date', '2026-02-18');
		const chairs = await p.locator('#chair_id option').count();
		if (chairs > 1)
			await p.locator('#chair_id').selectOption({ index: 1 });
		await p.locator(`input[name="decision_${id}"][value="plan"]`).check();
		await p.locator(`input[name="category_${id}"][value="neglect"]`).check();
		await p.locator('#note').fill('Mother and father attended.');
	}, 'Save the conference', /On a child protection plan since 18 February 2026 \(neglect\)/, 'icpc');

	await step('the core group members', link('Change the core group members'), async (p) => {
		await p.locator('#member_1_name').fill('Dee Wayfarer');
		await p.locator('#member_1_agency').fill('Mother');
		await p.locator('#member_2_name').fill('Jo Reed');
		await p.locator('#member_2_agency').fill('Health visiting');
		await p.locator('#member_2_role').fill('Health visitor');
	}, 'Save the core group', /On a child protection plan/, 'core-group');

	await step('a visit', button('Record a visit'), async (p) => {
		await fillDate(p, 'held_date', '2026-02-20');
		await p.locator('input[name="seen"][value="alone"]').check();
		await p.locator('#note').fill('Poppy showed me her drawings.');
	}, 'Save', /On a child protection plan/, 'visit');

	await step('a core group meeting', button('Record a core group meeting'), async (p) => {
		await fillDate(p, 'held_date', '2026-02-25');
	}, 'Save', /On a child protection plan/, null);

	await step('the first review conference', button('Record a review conference'), async (p) => {
		const id = S.record.split('/').pop();
		await fillDate(p, 'held_date', '2026-05-13');
		await p.locator(`input[name="decision_${id}"][value="continue"]`).check();
		await p.locator(`input[name="category_${id}"][value="emotional"]`).check();
	}, 'Save the conference', /On a child protection plan since 18 February 2026 \(emotional abuse\)/, 'rcpc');

	await step('the second review conference, ending the plan with a step down', button('Record a review conference'), async (p) => {
		const id = S.record.split('/').pop();
		await fillDate(p, 'held_date', '2026-11-11');
		await p.locator(`input[name="decision_${id}"][value="end"]`).check();
		await p.locator(`input[name="end_reason_${id}"][value="no-longer-at-risk"]`).check();
		await p.locator(`input[name="step_down_${id}"][value="yes"]`).check();
	}, 'Save the conference', /On a child in need plan since 11 November 2026/, 'rcpc-end');

	await test('the record: screenshot of the journey', async (notes) => {
		need(S.ok, 'the journey');
		notes.push(await screenshot(page, 'journey-record'));
	});
	await test('the record no longer shows a child protection plan', async () => {
		need(S.ok, 'the journey');
		const stage = await page.locator('#journey ~ .hearth-stage').first().textContent();
		check(!/On a child protection plan/.test(stage), `the stage still says: ${stage.trim()}`);
		check(await button('Record a child in need review')().count() === 1, 'no "Record a child in need review"');
	});

	// --- the steps' own pages, from the chronology's links
	for (const [label, re, shot] of [
		['the conference page', /^(\/children\/\d+\/conferences\/\d+)$/, 'conference'],
		['the plan page', /^(\/children\/\d+\/plans\/\d+)$/, 'plan'],
		['the strategy discussion page', /^(\/children\/\d+\/strategy\/\d+)$/, 'strategy-page'],
		['the section 47 enquiry page', /^(\/children\/\d+\/s47\/\d+)$/, 's47-page'],
		['the episode page', /^(\/children\/\d+\/episodes\/\d+)$/, 'episode'],
	]) {
		let href = null;
		await test(`the chronology links to ${label}`, async (notes) => {
			need(S.ok, 'the journey');
			if (new URL(page.url()).pathname !== S.record)
				await visit(page, tr, `${base}${S.record}`);
			const l = await firstLink(page, re);
			check(l, `no link matching ${re}`);
			href = l.href;
			notes.push(href);
		});
		if (!href)
			continue;
		resp = await visit(page, tr, `${base}${href}`);
		const ok = await checkPage(label, page, tr, resp);
		if (ok)
			await test(`${label}: screenshot`, async (notes) => { notes.push(await screenshot(page, `journey-${shot}`)); });
	}
	await test('the plan page lists the visit with the child seen alone', async () => {
		need(S.ok, 'the journey');
		await visit(page, tr, `${base}${S.record}`);
		const l = await firstLink(page, /^(\/children\/\d+\/plans\/\d+)$/);
		need(l, 'a plan link');
		const ids = [];
		for (const a of await page.locator('main a[href*="/plans/"]').evaluateAll((as) => as.map((x) => x.getAttribute('href'))))
			ids.push(a);
		let found = false;
		for (const h of ids) {
			await visit(page, tr, `${base}${h.replace(/#.*/, '')}`);
			if (await page.getByText('Seen alone').count())
				found = true;
			if (found)
				break;
		}
		check(found, 'no plan page lists "Seen alone"');
	});
	await page.context().close();
	await serverStillRunning();
}

await run(main, DEADLINE_MS);
