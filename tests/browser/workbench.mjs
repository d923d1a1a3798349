// workbench.mjs - an editor's path through `claimtrack serve` in headless
// Chromium: logging in with the one-time link, the list, a filter, a conflict, reviews by keyboard and by
// clicking a position, `claimtrack check` turning green, two sessions at
// once, a stale form's 409 view, a hostile quote kept as text, and the
// plain HTML form with JavaScript off.
//
//   node workbench.mjs URL LOGIN-URL CLAIMTRACK WORKDIR SCREENSHOT
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';

const [url, login, bin, work, screenshot] = process.argv.slice(2);
const PIER_OPENED = 'CT-25f691b54cd90bc6';
const PIER_SHIPS = 'CT-61fa39a40e19a951';
const FLIGHT_CAUSE = 'CT-9d1c51d424c87585';
const FLIGHT_DEATHS = 'CT-99fa98e50640fc67';
let passed = 0;
let failed = 0;

function check(name, cond) {
    if (cond) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name}`); }
}
function checkStatus() {
    return spawnSync(bin, ['check', 'claims'], { cwd: work, stdio: 'ignore' }).status;
}
async function rows(page) { return page.$$eval('tr.row', (r) => r.length); }
async function review(page, key, note, by) {
    await page.keyboard.press(key);
    await page.type('textarea[name="note"]', note);
    const current = await page.$eval('input[name="by"]', (e) => e.value);
    if (!current) await page.type('input[name="by"]', by);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // not logged in: nothing but the request to log in
    let res = await page.goto(url);
    check('before the login every page is 401', res.status() === 401 &&
        (await page.content()).includes('log in first'));
    // the one-time login link: a session cookie, then the list
    res = await page.goto(login);
    check('the login link leads to the list', res.status() === 200 && new URL(page.url()).pathname === '/');
    const cookies = await page.cookies();
    check('the session cookie is HttpOnly and SameSite=Strict',
        cookies.length === 1 && cookies[0].httpOnly && cookies[0].sameSite === 'Strict' &&
        (await page.evaluate(() => document.cookie)) === '');
    // other windows of the same editor get the session (a fresh context would
    // have to log in, and the link works once)
    const session = async (ctx) => { const p = await ctx.newPage(); await p.setCookie(...cookies); return p; };
    const other = await browser.createBrowserContext();
    const o = await other.newPage();
    res = await o.goto(login);
    check('the login link a second time, without the cookie, is 403', res.status() === 403);
    res = await o.goto(url);
    check('and gives no session', res.status() === 401);
    await other.close();

    // the list, then a filter
    await page.goto(url);
    check('the list shows the four conflicts', (await rows(page)) === 4);
    check('check fails before any review', checkStatus() === 1);
    await page.select('select[name="severity"]', 'high');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    check('filtering by severity leaves the two high ones', (await rows(page)) === 2);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    check('j moves through the list', await page.$eval('tr.row:nth-child(2)', (r) => r.classList.contains('current')));
    await page.keyboard.press('k');
    check('k moves back', await page.$eval('tr.row:nth-child(1)', (r) => r.classList.contains('current')));

    // a conflict holding a hostile quote
    await Promise.all([page.waitForNavigation(), page.click(`a[href="/conflict/${PIER_OPENED}"]`)]);
    const quotes = await page.$$eval('blockquote.quote', (b) => b.map((q) => q.textContent));
    check('a hostile quote is shown as text', quotes.some((q) => q.startsWith("<script>alert('pwned')</script>")));
    check('and runs nothing: one script (our own), no dialog',
        (await page.$$eval('script', (s) => s.length)) === 1 && dialogs.length === 0);
    check('the interval chart is drawn', (await page.$$('svg#chart rect')).length === 2);

    // review by keyboard: c opens the form as "confirmed"
    await review(page, 'c', 'two different dates in two sources', 'ann');
    check('the review by keyboard is saved (state confirmed)', (await page.$eval('#state', (e) => e.textContent)) === 'confirmed');
    await page.screenshot({ path: screenshot, fullPage: true });

    // resolve by clicking a position; the reviewer is remembered
    await page.goto(`${url}conflict/${PIER_SHIPS}`);
    check('the reviewer is remembered in the browser', (await page.$eval('input[name="by"]', (e) => e.value)) === 'ann');
    await page.click('li.position:nth-child(1) .value');
    check('clicking a position chooses resolved', await page.$eval('input[name="status"][value="resolved"]', (e) => e.checked));
    await page.type('textarea[name="note"]', 'the fire brigade counted four');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    check('the resolution is saved with its preferred claim',
        (await page.$eval('#state', (e) => e.textContent)) === 'resolved' &&
        (await page.$eval('.review.current', (e) => e.textContent)).includes('preferring h3'));

    // two sessions (separate browser contexts) reviewing different conflicts at once
    const ctxA = await browser.createBrowserContext();
    const ctxB = await browser.createBrowserContext();
    const a = await session(ctxA);
    const b = await session(ctxB);
    await a.goto(`${url}conflict/${FLIGHT_CAUSE}`);
    await b.goto(`${url}conflict/${FLIGHT_DEATHS}`);
    for (const [p, note, by] of [[a, 'missile or birds', 'bea'], [b, 'counts differ', 'cy']]) {
        await p.click('input[name="status"][value="dismissed"]');
        await p.type('textarea[name="note"]', note);
        await p.type('input[name="by"]', by);
    }
    await Promise.all([a.waitForNavigation(), b.waitForNavigation(), a.click('button[type="submit"]'), b.click('button[type="submit"]')]);
    check('two sessions at once: both reviews land',
        (await a.$eval('#state', (e) => e.textContent)) === 'dismissed' &&
        (await b.$eval('#state', (e) => e.textContent)) === 'dismissed');
    check('with every conflict reviewed in the browser, check passes', checkStatus() === 0);

    // a stale form: A holds the form while B reviews the same conflict
    await a.goto(`${url}conflict/${FLIGHT_DEATHS}`);
    await b.goto(`${url}conflict/${FLIGHT_DEATHS}`);
    await b.keyboard.press('c');
    await b.type('textarea[name="note"]', 'real after all');
    await Promise.all([b.waitForNavigation(), b.click('button[type="submit"]')]);
    await a.keyboard.press('d');
    await a.type('textarea[name="note"]', 'stale opinion');
    await a.click('button[type="submit"]');
    await a.waitForSelector('#review-result[data-status="409"]');
    const text = await a.$eval('#review-result', (e) => e.textContent);
    check('a stale form gets the 409 view with their review', text.includes('confirmed by cy') && text.includes('real after all'));
    check('and the stale review was not written', (await b.$eval('#state', (e) => e.textContent)) === 'confirmed');
    await ctxA.close();
    await ctxB.close();

    // JavaScript off: reading works, and the plain form posts
    const ctxC = await browser.createBrowserContext();
    const c = await session(ctxC);
    await c.setJavaScriptEnabled(false);
    await c.goto(url);
    check('with JavaScript off the list renders', (await rows(c)) === 4);
    await c.goto(`${url}conflict/${FLIGHT_CAUSE}`);
    await c.click('input[name="status"][value="confirmed"]');
    await c.type('textarea[name="note"]', 'no script needed');
    await c.type('input[name="by"]', 'dee');
    await Promise.all([c.waitForNavigation(), c.click('button[type="submit"]')]);
    check('with JavaScript off the form saves the review',
        (await c.$eval('#state', (e) => e.textContent)) === 'confirmed' &&
        (await c.$eval('#history', (e) => e.textContent)).includes('missile or birds'));
    await ctxC.close();
    check('no script errors in the page', errors.length === 0);
} catch (e) {
    failed++;
    console.log(`FAIL ${e.stack || e}`);
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
