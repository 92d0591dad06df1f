// tests/browser/test_pages.mjs: every page in a real browser.
//
// Starts its own demo authority and server in a temporary folder, drives
// Debian's chromium through playwright-core, and for each page checks that
// it loads, that axe-core finds no WCAG 2.2 AA violation, and that the
// browser reported no console error, failed request or Content-Security-
// Policy violation.  Then the end-to-end journey (sign in, search, open,
// edit, save), the same pages with JavaScript off, and full-page
// screenshots into build/screenshots/.
//
// Prints TAP-style "ok N - name" / "not ok N - name" lines with "# "
// diagnostics and exits non-zero if any test failed.
//
//   HEARTH=build/release/hearth HEARTH_STATIC=static node tests/browser/test_pages.mjs
//
// Environment: HEARTH (the binary), HEARTH_STATIC (the static folder),
// HEARTH_CHROMIUM (default /usr/bin/chromium), HEARTH_KEEP=1 keeps the
// temporary folder.

import path from 'node:path';
import {
	check,
	checkPage,
	cspViolations,
	demo,
	diag,
	firstLink,
	launchBrowser,
	makeTmp,
	navigating,
	need,
	newContext,
	part,
	run,
	screenshot,
	serverStillRunning,
	signIn,
	signOut,
	sql,
	startServer,
	test,
	type,
	visit,
} from './lib.mjs';

const NEW_NAME = 'Journeytest';	// the given name the journey saves
const DEADLINE_MS = 120_000;	// the whole run; normally 30-40 s

// ----------------------------------------------------------------- tests

// The administrator's pages, side by side with the social worker's.
async function adminPart(base, admin) {
	let resp;
	{
		const a = await newContext();
		await test(`sign in as the administrator (${admin.username})`, async () => {
			await signIn(a.page, a.tr, base, admin);
		});
		for (const [label, url] of [['admin: users', '/admin/users'],
		    ['admin: add a user', '/admin/users/new'], ['admin: teams', '/admin/teams']]) {
			resp = await visit(a.page, a.tr, `${base}${url}`);
			await checkPage(`${label} (${url})`, a.page, a.tr, resp);
		}
		await a.ctx.close();
	}

}

// The team manager: who viewed the child (the social worker did), then
// the same person with JavaScript off.
async function managerPart(base, db, S, sw, tm) {
	let resp;
	// --- the team manager: who viewed the child (the social worker did)
	{
		const m = await newContext();
		await test(`sign in as the team manager (${tm.username})`, async () => {
			await signIn(m.page, m.tr, base, tm);
		});
		if (S.child) {
			resp = await visit(m.page, m.tr, `${base}${S.child.href}/who-viewed`);
			const ok = await checkPage('who viewed the child', m.page, m.tr, resp);
			await test('who viewed lists the social worker', async () => {
				need(ok, 'the who-viewed page');
				const text = await m.page.locator('main').textContent();
				const row = sql(db, `select given_name || ' ' || family_name from staff where username = '${sw.username}'`);
				check(text.includes(sw.username) || (row && text.includes(row)),
				    `neither ${sw.username} nor "${row}" is on the page`);
			});
		} else {
			await test('who viewed the child: loads', () => need(false, 'a child'));
		}
		await m.ctx.close();
	}

	// --- JavaScript off: sign in and open a child record
	{
		const n = await newContext({ javaScriptEnabled: false });
		await test('JavaScript off: sign in (team manager, security code)', async () => {
			resp = await signIn(n.page, n.tr, base, tm);
			check(resp.status() === 200 || resp.status() === 404, `HTTP ${resp.status()}`);
			check(new URL(n.page.url()).pathname === '/', `ended at ${n.page.url()}`);
		});
		await test('JavaScript off: My work loads', async () => {
			check(resp && resp.status() === 200, `My work answered ${resp?.status()}`);
		});
		await test('JavaScript off: open a child record', async (notes) => {
			const href = need(S.child?.href, 'a child');
			resp = await visit(n.page, n.tr, `${base}${href}`);
			check(resp.status() === 200, `HTTP ${resp.status()}`);
			const h1 = (await n.page.locator('h1').textContent()).trim();
			notes.push(`h1 "${h1}"`);
			if (S.childH1)
				check(h1.includes(NEW_NAME) || h1 === S.childH1, `h1 "${h1}" is not the child's name`);
			for (const i of n.tr.items)
				notes.push(`${i.kind}: ${i.text}`);
			check(n.tr.items.length === 0, 'console errors or failed requests');
		});
		await test('JavaScript off: sign out', async () => {
			if (!(await n.page.getByRole('button', { name: 'Sign out' }).count()))
				await visit(n.page, n.tr, `${base}${S.child?.href || '/'}`);
			resp = await signOut(n.page, n.tr);
			check(new URL(n.page.url()).pathname === '/signed-out', `ended at ${n.page.url()}`);
		});
		await n.ctx.close();
	}
}

async function main() {
	const db = path.join(makeTmp(), 'h.db');
	const users = demo(db);
	const sw = users['Social worker'];
	const tm = users['Team manager'];
	const admin = users['Administrator'];
	if (!sw || !tm || !admin)
		throw new Error(`demo printed no sign-ins for every role: ${JSON.stringify(users)}`);
	const base = await startServer(db);
	diag(`server ${base}, social worker ${sw.username}, team manager ${tm.username}, ` +
	    `administrator ${admin.username}`);
	await launchBrowser();
	const adminDone = part('the administrator\'s pages', () => adminPart(base, admin)).done;
	let managerDone = null;
	try {
		await socialWorkerPart(base, db, sw, tm, (p) => { managerDone = p; });
	} finally {
		await adminDone;
		await managerDone;
	}
	await serverStillRunning();
}

// The social worker: every case-work page, then the journey.
async function socialWorkerPart(base, db, sw, tm, startManager) {
	let resp;

	const S = {};	// what one step learns for the next
	const { page, tr } = await newContext();

	// --- signing in, first time (TOTP enrolment), with the error state
	await test('sign-in: screenshot', async (notes) => {
		const resp = await visit(page, tr, `${base}/sign-in`);
		check(resp.status() === 200, `HTTP ${resp.status()}`);
		notes.push(await screenshot(page, 'sign-in'));
	});
	resp = await visit(page, tr, `${base}/sign-in`);
	await checkPage('sign-in', page, tr, resp);

	await test('sign-in: a wrong password shows the error summary', async (notes) => {
		await type(page.getByLabel('Username'), sw.username);
		await type(page.getByLabel('Password'), 'not-the-password');
		resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Sign in' }).click());
		check(resp.status() === 401, `HTTP ${resp.status()}, wanted 401`);
		check(/^Error: /.test(await page.title()), `title ${JSON.stringify(await page.title())} lacks "Error: "`);
		const summary = page.locator('.govuk-error-summary');
		check(await summary.isVisible(), 'no visible .govuk-error-summary');
		const link = summary.locator('a[href^="#"]').first();
		const href = await link.getAttribute('href');
		notes.push(`summary: ${(await summary.textContent()).trim().replace(/\s+/g, ' ')}; link ${href}`);
		const target = page.locator(href);
		check(await target.count() === 1, `the summary links to ${href}, which is not on the page`);
		await link.click();
		const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
		check(focused === href.slice(1), `after following the link, focus is on ${focused}, not ${href}`);
		check(await page.locator('.govuk-error-message').count() >= 1, 'no field error message');
	});
	await checkPage('sign-in with a wrong password', page, tr, resp, { status: 401 });

	await test(`sign in as the social worker (${sw.username}), setting up two-factor`, async () => {
		resp = await signIn(page, tr, base, sw, async (kind, r) => {
			if (kind === 'enrol')
				await checkPage('two-factor set-up', page, tr, r);
		});
		check(new URL(page.url()).pathname === '/', `ended at ${page.url()}`);
	});

	// --- My work
	const myWorkOk = await checkPage('My work (/)', page, tr, resp, { path: /^\/$/ });
	await test('My work: screenshot', async (notes) => {
		need(myWorkOk, 'My work');
		notes.push(await screenshot(page, 'my-work'));
	});
	await test('My work links to an allocated child', async (notes) => {
		need(myWorkOk, 'My work');
		S.child = await firstLink(page, /^\/children\/(\d+)$/);
		check(S.child, 'no link to /children/{id} on My work');
		notes.push(`${S.child.text} ${S.child.href}`);
	});
	if (!S.child) {
		const row = sql(db, `select a.child_id, p.family_name from allocation a join staff s on s.id = a.staff_id ` +
		    `join person p on p.id = a.child_id where s.username = '${sw.username}' and a.end_date is null ` +
		    `order by a.child_id limit 1`);
		if (row) {
			const [id, family] = row.split('|');
			S.child = { id, href: `/children/${id}`, text: '', family };
			diag(`(My work gave no child: testing the child pages with allocated child ${id} from the database)`);
		}
	}

	// --- the child record
	let childOk = false;
	if (S.child) {
		resp = await visit(page, tr, `${base}${S.child.href}`);
		childOk = await checkPage('child record', page, tr, resp);
	} else {
		await test('child record: loads', () => need(false, 'a child linked from My work'));
	}
	await test('child record: screenshot', async (notes) => {
		need(childOk, 'the child record');
		notes.push(await screenshot(page, 'child-record'));
	});
	if (childOk) {
		S.childH1 = (await page.locator('h1').textContent()).trim();
		// The family name: a "Family name" row if there is one, else the
		// last word of the heading.
		const row = page.locator('.govuk-summary-list__row').filter({ hasText: /family name|surname|last name/i });
		const fromRow = (await row.count()) ? (await row.first().locator('dd').first().textContent()).trim() : '';
		S.family = fromRow || S.child.family || S.childH1.split(/\s+/).pop();
		S.family_link = await firstLink(page, /^\/families\/(\d+)$/);
		S.print = await firstLink(page, /^(\/children\/\d+\/print[^]*)$/);
		S.editLink = await firstLink(page, /^(\/children\/\d+\/edit)$/);
	}
	// The social worker has now viewed the child: the team manager starts.
	startManager(part('the team manager\'s pages', () => managerPart(base, db, S, sw, tm)).done);

	// --- the family
	await test('the child record links to the family (/families/{id})', async (notes) => {
		need(childOk, 'the child record');
		check(S.family_link, 'no link to /families/{id} on the child record');
		notes.push(`${S.family_link.text} ${S.family_link.href}`);
	});
	if (S.family_link) {
		resp = await navigating(page, tr, () => page.locator(`main a[href="${S.family_link.href}"]`).first().click());
		await checkPage('family', page, tr, resp);
	} else {
		await test('family: loads', () => need(false, 'a family link on the child record'));
	}

	// --- the print view
	await test('the child record links to its print view', async (notes) => {
		need(childOk, 'the child record');
		check(S.print, 'no link to /children/{id}/print on the child record');
		notes.push(S.print.href);
	});
	if (S.child) {
		resp = await visit(page, tr, `${base}${S.print ? S.print.href : `${S.child.href}/print`}`);
		await checkPage('print view', page, tr, resp);
	}

	// --- search
	if (S.family || S.child?.family) {
		const q = S.family || S.child.family;
		resp = await visit(page, tr, `${base}/search?q=${encodeURIComponent(q)}`);
		const ok = await checkPage(`search with results (q=${q})`, page, tr, resp);
		await test('search by family name lists the child', async (notes) => {
			need(ok, 'the search page');
			const hits = await page.locator(`main a[href="${S.child.href}"]`).count();
			notes.push(`${await page.locator('main a[href^="/children/"]').count()} child link(s)`);
			check(hits > 0, `no link to ${S.child.href} in the results`);
		});
	} else {
		await test('search with results: loads', () => need(false, 'a family name from the child record'));
	}

	// --- teams
	resp = await visit(page, tr, `${base}/teams`);
	const teamsOk = await checkPage('teams (/teams)', page, tr, resp);
	S.team = teamsOk ? await firstLink(page, /^\/teams\/(\d+)$/) : null;
	if (!S.team) {
		const id = sql(db, `select tm.team_id from team_member tm join staff s on s.id = tm.staff_id ` +
		    `where s.username = '${sw.username}' limit 1`);
		if (id)
			S.team = { id, href: `/teams/${id}`, fallback: true };
	}
	await test('teams links to a team page', async (notes) => {
		need(teamsOk, 'the teams page');
		check(S.team && !S.team.fallback, 'no link to /teams/{id}');
		notes.push(S.team.href);
	});
	if (S.team) {
		resp = await visit(page, tr, `${base}${S.team.href}`);
		await checkPage('team page', page, tr, resp);
	}

	// --- your account
	resp = await visit(page, tr, `${base}/account`);
	await checkPage('your account (/account)', page, tr, resp);

	// --- 404
	resp = await visit(page, tr, `${base}/no-such-page`);
	await checkPage('page not found (404)', page, tr, resp, { status: 404 });

	// --- edit, and its validation errors
	let editOk = false;
	if (S.child) {
		resp = await visit(page, tr, `${base}${S.child.href}/edit`);
		editOk = await checkPage('edit child', page, tr, resp);
	} else {
		await test('edit child: loads', () => need(false, 'a child'));
	}
	await test('the child record links to Edit', async () => {
		need(childOk, 'the child record');
		check(S.editLink, 'no link to /children/{id}/edit on the child record');
	});
	let invalidResp = null;
	await test('edit child: an empty given name shows the error summary and the field error', async (notes) => {
		need(editOk, 'the edit page');
		const given = page.getByLabel(/given name|first name/i).first();
		check(await given.count(), 'no field labelled "Given name"');
		const id = await given.getAttribute('id');
		await given.fill('');
		invalidResp = await navigating(page, tr, () => page.getByRole('button', { name: /save/i }).first().click());
		notes.push(`HTTP ${invalidResp.status()} at ${new URL(page.url()).pathname}`);
		check(invalidResp.status() >= 400 && invalidResp.status() < 500, `HTTP ${invalidResp.status()}, wanted 4xx`);
		check(/^Error: /.test(await page.title()), `title ${JSON.stringify(await page.title())} lacks "Error: "`);
		const summary = page.locator('.govuk-error-summary');
		check(await summary.isVisible(), 'no visible error summary');
		notes.push(`summary: ${(await summary.textContent()).trim().replace(/\s+/g, ' ')}`);
		check(await summary.locator(`a[href="#${id}"]`).count() === 1, `the summary does not link to #${id}`);
		const err = page.locator(`#${id}-error`);
		check(await err.count() === 1 && await err.isVisible(), `no field error #${id}-error`);
		const describedBy = (await page.locator(`#${id}`).getAttribute('aria-describedby')) || '';
		check(describedBy.split(/\s+/).includes(`${id}-error`), `#${id} is not aria-describedby its error`);
		check(/govuk-input--error/.test(await page.locator(`#${id}`).getAttribute('class')), 'the input lacks govuk-input--error');
		await summary.locator(`a[href="#${id}"]`).click();
		const focused = await page.evaluate(() => document.activeElement?.id);
		check(focused === id, `following the summary link focuses ${focused}, not ${id}`);
	});
	if (invalidResp && invalidResp.status() >= 400 && invalidResp.status() < 500) {
		await checkPage('edit child with errors', page, tr, invalidResp, { status: invalidResp.status() });
	} else {
		await test('edit child with errors: loads', () => need(false, 'the edit page to refuse an empty given name'));
	}

	// --- sign out, and in again through the two-factor code page
	resp = null;
	await test('sign out', async () => {
		// From the first page that has the navigation with "Sign out".
		for (const url of ['/', '/account', '/teams', S.child?.href].filter(Boolean)) {
			await visit(page, tr, `${base}${url}`);
			if (await page.getByRole('button', { name: 'Sign out' }).count())
				break;
		}
		resp = await signOut(page, tr);
		check(new URL(page.url()).pathname === '/signed-out', `ended at ${page.url()}`);
	});
	await checkPage('signed out', page, tr, resp, { path: /^\/signed-out$/ });
	if (!resp) {
		diag('(could not sign out: forgetting the session cookie instead)');
		await page.context().clearCookies();
	}

	// --- the end-to-end journey
	await test('journey: sign in again with a security code', async () => {
		resp = await signIn(page, tr, base, sw, async (kind, r) => {
			if (kind === 'code')
				await checkPage('two-factor code', page, tr, r);
			else if (kind === 'enrol')
				throw new Failure('asked to set up two-factor again');
		});
	});
	await test('journey: search for the child by part of the family name', async (notes) => {
		const family = need(S.family || S.child?.family, 'a child and their family name');
		const part = family.length > 4 ? family.slice(0, family.length - 1) : family;
		resp = await navigating(page, tr, () => page.locator('#navigation').getByRole('link', { name: 'Search' }).click());
		check(resp.status() === 200, `the Search page answered ${resp.status()}`);
		const box = page.locator('main input[name="q"]');
		check(await box.count() === 1, 'no search box named q');
		await type(box, part);
		resp = await navigating(page, tr, () => box.press('Enter'));
		notes.push(`searched "${part}": ${page.url()}`);
		check(resp.status() === 200, `HTTP ${resp.status()}`);
		const hit = page.locator(`main a[href="${S.child.href}"]`).first();
		check(await hit.count(), `no link to ${S.child.href} in the results`);
		resp = await navigating(page, tr, () => hit.click());
		check(new URL(page.url()).pathname === S.child.href, `opened ${page.url()}`);
		check(resp.status() === 200, `the record answered ${resp.status()}`);
	});
	await test('journey: Edit, change the given name, save, see the success banner and the new name', async (notes) => {
		need(S.child && new URL(page.url()).pathname === S.child.href, 'the child record open from search');
		const edit = page.locator(`main a[href="${S.child.href}/edit"]`).first();
		check(await edit.count(), `no link to ${S.child.href}/edit on the record`);
		notes.push(`"${(await edit.textContent()).trim()}" ${await edit.getAttribute('href')}`);
		resp = await navigating(page, tr, () => edit.click());
		check(new URL(page.url()).pathname === `${S.child.href}/edit`, `Edit went to ${page.url()}`);
		check(resp.status() === 200, `the edit page answered ${resp.status()}`);
		await type(page.getByLabel(/given name|first name/i).first(), NEW_NAME);
		resp = await navigating(page, tr, () => page.getByRole('button', { name: /save/i }).first().click());
		notes.push(`saved: HTTP ${resp.status()} at ${new URL(page.url()).pathname}`);
		check(resp.status() === 200, `HTTP ${resp.status()}`);
		check(new URL(page.url()).pathname === S.child.href, `after saving, at ${page.url()}, not the record`);
		const banner = page.locator('.govuk-notification-banner--success');
		check(await banner.count() === 1 && await banner.isVisible(), 'no success banner');
		notes.push(`banner: ${(await banner.textContent()).trim().replace(/\s+/g, ' ')}`);
		const h1 = (await page.locator('h1').textContent()).trim();
		check(h1.includes(NEW_NAME), `the heading is "${h1}", without "${NEW_NAME}"`);
	});
	await test('journey: the record after saving has no console errors or CSP violations', async (notes) => {
		need(new URL(page.url()).pathname === S.child?.href, 'the saved record');
		for (const i of tr.items)
			notes.push(`${i.kind}: ${i.text}`);
		const csp = await cspViolations(page);
		notes.push(...csp);
		check(tr.items.length + csp.length === 0, 'problems reported');
	});
	await page.context().close();

}

await run(main, DEADLINE_MS);
