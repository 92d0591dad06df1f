// tests/browser/lib.mjs: what every browser test shares: TAP output,
// TOTP codes, the demo authority and its server in a temporary folder,
// pages checked with axe-core and for console errors, failed requests and
// Content-Security-Policy violations, sign-in and sign-out, and the run
// itself (watchdog, cleanup, summary).  Not a test: scripts/run-tests runs
// tests/browser/test_*.mjs, each of which imports this.

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

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HEARTH = path.resolve(process.env.HEARTH || path.join(ROOT, 'build/release/hearth'));
export const STATIC = path.resolve(process.env.HEARTH_STATIC || path.join(ROOT, 'static'));
export const CHROMIUM = process.env.HEARTH_CHROMIUM || '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'build', 'screenshots');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const t0 = Date.now();
let count = 0;
let failed = 0;

// Parts of the run that go on side by side (other users' browsers) keep
// their lines in a buffer of their own, printed when the part is over, so
// that the numbering stays in order.
export const buffers = new AsyncLocalStorage();

export function diag(text) {
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
export function part(name, fn) {
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

export function report(name, ok, notes = []) {
	const b = buffers.getStore();
	if (b) {
		const at = Date.now();
		b.push(() => emit(name, ok, notes, at));
		return;
	}
	emit(name, ok, notes, Date.now());
}

let bailed = false;	// after "Bail out!" nothing more is printed

export function emit(name, ok, notes, at) {
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
export class Failure extends Error {}
export async function test(name, fn) {
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

export function need(value, what) {
	if (!value)
		throw new Failure(`not checked: needs ${what}`);
	return value;
}

export function check(cond, msg) {
	if (!cond)
		throw new Failure(msg);
}

// ----------------------------------------------------------------- TOTP

export function base32Decode(s) {
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
export function totpAt(secret, step) {
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
export const secrets = {};
export const lastStep = {};
export async function nextCode(user) {
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

export async function cleanup() {
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

export function demo(db) {
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

export async function startServer(db) {
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
export function sql(db, query) {
	const r = spawnSync('sqlite3', ['-readonly', db, query], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : '';
}

// ------------------------------------------------------- page checking

// Collects what the browser says went wrong on a page: console errors (CSP
// violations are console errors in chromium), uncaught exceptions, failed
// requests and sub-resources answered with 4xx/5xx.
export function track(page) {
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

export async function cspViolations(page) {
	try {
		return await page.evaluate(() => window.__hearthCsp || []);
	} catch {
		return [];
	}
}

export async function runAxe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.evaluate(AXE_SOURCE);	// CDP evaluation: not subject to the CSP
	return page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
	}), AXE_TAGS);
}

export function describeViolations(violations) {
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

export const axeFindings = [];	// for the summary at the end

// The three checks every page gets.  `resp` is the navigation's response;
// `status` the status the page should have.  Returns whether it loaded.
export async function checkPage(label, page, tr, resp, { status = 200, axe = true, path: want } = {}) {
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
export async function visit(page, tr, url) {
	tr.clear();
	return page.goto(url, { waitUntil: 'load' });
}

// Clicks (or does) something that navigates; returns the final response.
export async function navigating(page, tr, action) {
	tr.clear();
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		action(),
	]);
	return resp;
}

export async function type(locator, text) {
	await locator.click();
	await locator.fill('');
	await locator.pressSequentially(text);
}

// Signs in through the forms.  onStep(kind, resp) is called on the two-
// factor page ('enrol' or 'code') before the code is typed.  Returns the
// response of the page signing in ends on.
export async function signIn(page, tr, base, who, onStep) {
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

export async function signOut(page, tr) {
	check(await page.getByRole('button', { name: 'Sign out' }).count(),
	    `no "Sign out" button on ${new URL(page.url()).pathname}`);
	return navigating(page, tr, () => page.getByRole('button', { name: 'Sign out' }).click());
}

// The first link on the page whose path matches re, as { href, text, id }.
export async function firstLink(page, re) {
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

export async function screenshot(page, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	const file = path.join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

export async function newContext(opts = {}) {
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

// ---------------------------------------------------------- the run

// A fresh folder for the run's database (removed by cleanup) and the
// browser every part opens its contexts in.
export function makeTmp() {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-browser-'));
	return tmp;
}

export async function launchBrowser() {
	browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
	return browser;
}

// The last test of every run: the server outlived it and logged nothing
// that looks like an error.
export async function serverStillRunning() {
	await test('the server is still running and logged no errors', async (notes) => {
		const lines = serverLog.split('\n').filter((l) => l.trim() && !/^hearth is serving /.test(l));
		notes.push(...lines.slice(-20));
		check(server && server.exitCode === null && server.signalCode === null,
		    `the server exited (${server?.exitCode ?? server?.signalCode})`);
		check(!lines.some((l) => /error|sanitizer|runtime error|assert/i.test(l)), 'the server logged errors');
	});
}

// Runs main under a watchdog of deadlineMs, cleans up, prints the TAP
// plan and the summary, and exits non-zero if anything failed.
export async function run(main, deadlineMs) {
	const started = Date.now();
	const watchdog = setTimeout(async () => {
		console.log(`Bail out! the run took longer than ${deadlineMs / 1000} s`);
		bailed = true;
		await cleanup();
		process.exit(2);
	}, deadlineMs);

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
}
