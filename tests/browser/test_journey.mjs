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

import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HEARTH = path.resolve(process.env.HEARTH || path.join(ROOT, 'build/release/hearth'));
const STATIC = path.resolve(process.env.HEARTH_STATIC || path.join(ROOT, 'static'));
const CHROMIUM = process.env.HEARTH_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'build', 'screenshots');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DEADLINE_MS = 240_000;	// the whole run; normally under a minute

// ------------------------------------------------------------------ TAP

const t0 = Date.now();
let count = 0;
let failed = 0;

// Parts of the run that go on side by side (other users' browsers) keep
// their lines in a buffer of their own, printed when the part is over, so
// that the numbering stays in order.
const buffers = new AsyncLocalStorage();

function diag(text) {
	const b = buffers.getStore();
	if (b) {
		b.push(() => diag(text));
		return;
	}
	if (bailed)
		return;
	for (const line of String(text).split('\n'))
		console.log(`# ${line}`);
}

// Starts fn as a part of its own; `await part.done` then prints its lines.
function part(name, fn) {
	const lines = [];
	const run = buffers.run(lines, async () => {
		try {
			await fn();
		} catch (e) {
			report(`${name} ran to the end`, false, [e?.stack || String(e)]);
		}
	});
	return {
		done: run.then(() => { for (const l of lines) l(); lines.length = 0; }),
	};
}

function report(name, ok, notes = []) {
	const b = buffers.getStore();
	if (b) {
		const at = Date.now();
		b.push(() => emit(name, ok, notes, at));
		return;
	}
	emit(name, ok, notes, Date.now());
}

let bailed = false;	// after "Bail out!" nothing more is printed

function emit(name, ok, notes, at) {
	if (bailed)
		return;
	count++;
	if (!ok)
		failed++;
	console.log(`${ok ? 'ok' : 'not ok'} ${count} - ${name}`);
	if (process.env.HEARTH_TIMING)
		diag(`  at ${((at - t0) / 1000).toFixed(1)} s`);
	for (const n of notes)
		diag(`  ${n}`);
}

// Runs fn(notes); ok unless it throws (check/need) or returns false.
class Failure extends Error {}
async function test(name, fn) {
	const notes = [];
	let ok = true;
	try {
		const r = await fn(notes);
		if (r === false)
			ok = false;
	} catch (e) {
		ok = false;
		notes.push(e instanceof Failure ? e.message :
		    (e && e.message ? e.message.split('\n')[0] : String(e)));
	}
	report(name, ok, notes);
	return ok;
}

function need(value, what) {
	if (!value)
		throw new Failure(`not checked: needs ${what}`);
	return value;
}

function check(cond, msg) {
	if (!cond)
		throw new Failure(msg);
}

// ----------------------------------------------------------------- TOTP

function base32Decode(s) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];

	for (const ch of s.toUpperCase().replace(/[\s=-]/g, '')) {
		const v = alphabet.indexOf(ch);
		if (v < 0)
			throw new Error(`bad base32 character ${JSON.stringify(ch)}`);
		value = (value << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// RFC 6238 / RFC 4226: HMAC-SHA1, dynamic truncation, 6 digits.
function totpAt(secret, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = crypto.createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const off = mac[mac.length - 1] & 0x0f;
	const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) |
	    (mac[off + 2] << 8) | mac[off + 3];
	return String(bin % 1_000_000).padStart(6, '0');
}

// The server accepts one step either side of now and never a step at or
// before the last one used, so a second sign-in inside 30 seconds uses the
// next step's code; a third waits.
const secrets = {};
const lastStep = {};
async function nextCode(user) {
	for (;;) {
		const now = Math.floor(Date.now() / 30_000);
		const step = Math.max(now, (lastStep[user] ?? -1) + 1);
		if (step <= now + 1) {
			lastStep[user] = step;
			return totpAt(need(secrets[user], `the TOTP secret of ${user}`), step);
		}
		await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 200));
	}
}

// -------------------------------------------------------- server and db

let tmp = null;
let server = null;
let serverLog = '';
let browser = null;

async function cleanup() {
	try { if (browser) await browser.close(); } catch { /* gone */ }
	browser = null;
	if (server && server.exitCode === null && server.signalCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => {
			const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 3000);
			server.once('exit', () => { clearTimeout(t); r(); });
		});
	}
	server = null;
	if (tmp && !process.env.HEARTH_KEEP)
		fs.rmSync(tmp, { recursive: true, force: true });
	else if (tmp)
		diag(`kept ${tmp}`);
	tmp = null;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, async () => {
		console.log(`Bail out! ${sig}`);
		bailed = true;
		await cleanup();
		process.exit(2);
	});
}

function demo(db) {
	const r = spawnSync(HEARTH, ['demo', '--db', db, '--children', '300', '--seed', '7'],
	    { encoding: 'utf8', timeout: 30_000 });
	if (r.status !== 0)
		throw new Error(`${HEARTH} demo failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}): ` +
		    `${r.stderr || ''}${r.stdout || ''}`);
	// "    Social worker      laura.simpson  ashdown-vale-demo"
	const users = {};
	let inTable = false;
	for (const line of r.stdout.split('\n')) {
		if (/^Sign in as/.test(line)) { inTable = true; continue; }
		const m = inTable && /^\s+(\S.*?)\s{2,}(\S+)\s+(\S+)\s*$/.exec(line);
		if (m && m[1] !== 'role')
			users[m[1]] = { username: m[2], password: m[3] };
	}
	return users;
}

async function startServer(db) {
	const portFile = path.join(tmp, 'port');
	server = spawn(HEARTH, ['serve', '--db', db, '--listen', '127.0.0.1:0',
	    '--port-file', portFile, '--static', STATIC, '--quiet'],
	    { stdio: ['ignore', 'pipe', 'pipe'] });
	server.stdout.on('data', (d) => { serverLog += d; });
	server.stderr.on('data', (d) => { serverLog += d; });
	for (let i = 0; i < 100; i++) {
		if (server.exitCode !== null)
			throw new Error(`hearth serve exited ${server.exitCode}: ${serverLog}`);
		const p = fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8').trim() : '';
		if (/^\d+$/.test(p))
			return `http://127.0.0.1:${p}`;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`hearth serve wrote no port file: ${serverLog}`);
}

// Only used when a page that should link to a record is not there yet, so
// that the record's own pages are still tested.
function sql(db, query) {
	const r = spawnSync('sqlite3', ['-readonly', db, query], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : '';
}

// ------------------------------------------------------- page checking

// Collects what the browser says went wrong on a page: console errors (CSP
// violations are console errors in chromium), uncaught exceptions, failed
// requests and sub-resources answered with 4xx/5xx.
function track(page) {
	const t = { items: [] };
	page.on('console', (m) => {
		if (m.type() === 'error')
			t.items.push({ kind: 'console', text: m.text(), url: m.location().url || '' });
	});
	page.on('pageerror', (e) => t.items.push({ kind: 'pageerror', text: e.message, url: '' }));
	page.on('requestfailed', (rq) => {
		// A navigation replaced by the next one is not an error.
		if (rq.failure()?.errorText === 'net::ERR_ABORTED' && rq.isNavigationRequest())
			return;
		t.items.push({ kind: 'requestfailed', text: `${rq.failure()?.errorText} ${rq.url()}`, url: rq.url() });
	});
	page.on('response', (rs) => {
		if (rs.status() >= 400 && !rs.request().isNavigationRequest())
			t.items.push({ kind: 'http', text: `${rs.status()} ${rs.url()}`, url: rs.url() });
	});
	t.clear = () => { t.items = []; };
	return t;
}

async function cspViolations(page) {
	try {
		return await page.evaluate(() => window.__hearthCsp || []);
	} catch {
		return [];
	}
}

async function runAxe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE_SOURCE);	// CDP evaluation: not subject to the CSP
	return page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
	}), AXE_TAGS);
}

function describeViolations(violations) {
	const out = [];
	for (const v of violations) {
		const n = v.nodes[0];
		const more = v.nodes.length > 1 ? ` (+${v.nodes.length - 1} more)` : '';
		out.push(`axe ${v.id} [${v.impact}] ${v.help}`);
		if (n) {
			out.push(`    at ${n.target.join(' ')}${more}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
			if (n.failureSummary)
				out.push(`    ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`);
		}
	}
	return out;
}

const axeFindings = [];	// for the summary at the end

// The three checks every page gets.  `resp` is the navigation's response;
// `status` the status the page should have.  Returns whether it loaded.
async function checkPage(label, page, tr, resp, { status = 200, axe = true, path: want } = {}) {
	let loaded = false;
	await test(`${label}: loads (HTTP ${status})`, async (notes) => {
		check(resp, 'not checked: the step that leads here failed');
		const got = resp.status();
		const h1 = (await page.locator('h1').allTextContents()).map((s) => s.trim());
		notes.push(`${new URL(page.url()).pathname}${new URL(page.url()).search} -> ${got}, h1 ${JSON.stringify(h1)}`);
		check(got === status, got === 404 ? 'HTTP 404: the page does not exist (yet?)' : `HTTP ${got}, wanted ${status}`);
		if (want)
			check(want.test(new URL(page.url()).pathname), `ended at ${page.url()}, wanted ${want}`);
		check(h1.length === 1, `wanted one h1, found ${h1.length}`);
		check((await page.title()).trim() !== '', 'empty <title>');
		loaded = true;
	});
	if (axe) {
		await test(`${label}: axe finds no WCAG 2.2 AA violations`, async (notes) => {
			need(loaded, 'the page to load');
			const r = await runAxe(page);
			notes.push(...describeViolations(r.violations));
			for (const v of r.violations)
				axeFindings.push({ page: label, id: v.id, impact: v.impact,
				    target: v.nodes[0]?.target.join(' '), count: v.nodes.length });
			check(r.violations.length === 0, `${r.violations.length} violation(s)`);
		});
	}
	await test(`${label}: no console errors, failed requests or CSP violations`, async (notes) => {
		need(loaded, 'the page to load');
		const here = page.url().replace(/#.*/, '');
		const csp = await cspViolations(page);
		// Chromium logs the page's own (deliberate) error status too.
		const own = `Failed to load resource: the server responded with a status of ${status} `;
		const bad = tr.items.filter((i) => !(status !== 200 && i.kind === 'console' &&
		    (i.url === here || i.url === '') && i.text.startsWith(own)));
		for (const i of bad)
			notes.push(`${i.kind}: ${i.text}${i.url && i.url !== here ? ` (${i.url})` : ''}`);
		for (const c of csp)
			notes.push(`CSP: ${c}`);
		check(bad.length === 0 && csp.length === 0, `${bad.length + csp.length} problem(s)`);
	});
	return loaded;
}

// Goes to a URL with the tracker cleared; returns the response.
async function visit(page, tr, url) {
	tr.clear();
	return page.goto(url, { waitUntil: 'load' });
}

// Clicks (or does) something that navigates; returns the final response.
async function navigating(page, tr, action) {
	tr.clear();
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		action(),
	]);
	return resp;
}

async function type(locator, text) {
	await locator.click();
	await locator.fill('');
	await locator.pressSequentially(text);
}

// Signs in through the forms.  onStep(kind, resp) is called on the two-
// factor page ('enrol' or 'code') before the code is typed.  Returns the
// response of the page signing in ends on.
async function signIn(page, tr, base, who, onStep) {
	let resp = await visit(page, tr, `${base}/sign-in`);
	if (onStep)
		await onStep('sign-in', resp);
	await type(page.getByLabel('Username'), who.username);
	await type(page.getByLabel('Password'), who.password);
	resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Sign in' }).click());
	const at = new URL(page.url()).pathname;
	let kind;
	if (at === '/sign-in/set-up-two-factor') {
		kind = 'enrol';
		secrets[who.username] = (await page.locator('#totp-secret').textContent()).trim();
	} else if (at === '/sign-in/two-factor') {
		kind = 'code';
	} else {
		throw new Failure(`after the password, ended at ${at} (HTTP ${resp?.status()})`);
	}
	if (onStep)
		await onStep(kind, resp);
	await type(page.getByLabel('Security code'), await nextCode(who.username));
	resp = await navigating(page, tr, () => page.getByRole('button', { name: 'Continue' }).click());
	const end = new URL(page.url()).pathname;
	check(!end.startsWith('/sign-in'), `the security code was refused: ended at ${end}, ` +
	    `${(await page.locator('.govuk-error-summary').textContent().catch(() => '')) || ''}`);
	return resp;
}

async function signOut(page, tr) {
	check(await page.getByRole('button', { name: 'Sign out' }).count(),
	    `no "Sign out" button on ${new URL(page.url()).pathname}`);
	return navigating(page, tr, () => page.getByRole('button', { name: 'Sign out' }).click());
}

// The first link on the page whose path matches re, as { href, text, id }.
async function firstLink(page, re) {
	const links = await page.locator('main a[href]').evaluateAll((as) =>
		as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
	for (const l of links) {
		const p = new URL(l.href, 'http://x').pathname;
		const m = re.exec(p);
		if (m)
			return { href: p, text: l.text, id: m[1] };
	}
	return null;
}

async function screenshot(page, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	const file = path.join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

async function newContext(opts = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
	ctx.setDefaultTimeout(2500);
	ctx.setDefaultNavigationTimeout(10_000);
	if (opts.javaScriptEnabled !== false) {
		// Runs before the page's own scripts, outside the CSP.
		await ctx.addInitScript(() => {
			window.__hearthCsp = [];
			document.addEventListener('securitypolicyviolation', (e) => {
				window.__hearthCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ` +
				    `at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
			});
		});
	}
	const page = await ctx.newPage();
	return { ctx, page, tr: track(page) };
}

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
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-browser-'));
	const db = path.join(tmp, 'h.db');
	const users = demo(db);
	const sw = users['Social worker'];
	if (!sw)
		throw new Error(`demo printed no social worker sign-in: ${JSON.stringify(users)}`);
	const base = await startServer(db);
	diag(`server ${base}, social worker ${sw.username}`);
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
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
	await test('the server is still running and logged no errors', async (notes) => {
		const lines = serverLog.split('\n').filter((l) => l.trim() && !/^hearth is serving /.test(l));
		notes.push(...lines.slice(-20));
		check(server && server.exitCode === null && server.signalCode === null,
		    `the server exited (${server?.exitCode ?? server?.signalCode})`);
		check(!lines.some((l) => /error|sanitizer|runtime error|assert/i.test(l)), 'the server logged errors');
	});
}

const started = Date.now();
const watchdog = setTimeout(async () => {
	console.log(`Bail out! the run took longer than ${DEADLINE_MS / 1000} s`);
	bailed = true;
	await cleanup();
	process.exit(2);
}, DEADLINE_MS);

try {
	await main();
} catch (e) {
	report('the browser tests ran to the end', false, [e?.stack || String(e)]);
	if (serverLog)
		diag(`server said: ${serverLog.slice(-2000)}`);
} finally {
	clearTimeout(watchdog);
	await cleanup();
}

if (bailed)
	await new Promise(() => {});	// the signal handler exits
if (axeFindings.length) {
	diag('axe violations:');
	for (const f of axeFindings)
		diag(`  ${f.page}: ${f.id} [${f.impact}] ${f.target}${f.count > 1 ? ` (+${f.count - 1})` : ''}`);
}
console.log(`1..${count}`);
diag(`${count - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
