// suggest.mjs - the Suggest page of `claimtrack serve` in headless Chromium:
// an article pasted (and one loaded from a file), its drafts with their
// sentences marked, two accepted (one edited), one rejected, the rest
// skipped; the claims land in the topic file and `claimtrack check` finds
// the new conflicts; an invalid edit writes nothing; the page without
// JavaScript.
//
//   node suggest.mjs URL LOGIN-URL CLAIMTRACK WORKDIR
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const [url, login, bin, work] = process.argv.slice(2);
const ARTICLE = 'Flight 1 crashed on Tuesday. The crash killed 40 people, officials said. ' +
    'Only 5 survived. Investigators blamed a bird strike. At pier 9, seven ships burned.\n';
let passed = 0;
let failed = 0;

function check(name, cond) {
    if (cond) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name}`); }
}
function run(args) {
    return spawnSync(bin, args, { cwd: work, encoding: 'utf8' });
}
function claimIds() {
    return JSON.parse(readFileSync(`${work}/claims/crash.json`, 'utf8')).claims.map((c) => c.id);
}
async function paste(page, text) {
    await page.goto(`${url}suggest`);
    await page.$eval('#suggest-form textarea[name="text"]', (e, t) => { e.value = t; }, text);
    await page.select('select[name="source"]', 'd');
    await Promise.all([page.waitForNavigation(), page.click('#suggest-form button[type="submit"]')]);
}
async function decide(page, i, decision) {
    await page.click(`input[name="d${i}-decision"][value="${decision}"]`);
}
async function save(page) {
    const [res] = await Promise.all([page.waitForNavigation(), page.click('#drafts-form button[type="submit"]')]);
    return res.status();
}

const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(login);
    const cookies = await page.cookies();

    // a text file chosen is read into the article's box by the script
    await page.goto(`${url}suggest`);
    check('the Suggest page is linked from the header', (await page.$('header a[href="/suggest"]')) !== null);
    writeFileSync(`${work}/article.txt`, ARTICLE);
    check('with the script the file picker shows',
        await page.$eval('#article-file-label', (e) => !e.hidden));
    const picker = await page.$('#article-file');
    await picker.uploadFile(`${work}/article.txt`);
    await page.waitForFunction(() => document.querySelector('#suggest-form textarea').value.length > 0);
    check('a chosen text file fills the article box',
        (await page.$eval('#suggest-form textarea', (e) => e.value)) === ARTICLE);

    // paste -> suggest: the drafts, each in its sentence
    await paste(page, ARTICLE);
    check('the article gives five drafts', (await page.$$('fieldset.draft')).length === 5 &&
        (await page.$eval('#draft-count', (e) => e.textContent)) === '5 drafts');
    check('each draft marks its quote in the sentence',
        (await page.$eval('#draft-0 mark', (e) => e.textContent)) === 'The crash killed 40 people' &&
        (await page.$eval('#draft-0 .context', (e) => e.textContent)).includes('officials said'));

    // an edit the corpus does not take: nothing written, the form comes back
    const before = readFileSync(`${work}/claims/crash.json`, 'utf8');
    await decide(page, 0, 'accept');
    await page.$eval('input[name="d0-value"]', (e) => { e.value = '"forty"'; });
    check('an invalid edit is refused with the validator\'s message', (await save(page)) === 422 &&
        (await page.$eval('#accept-result', (e) => e.textContent)).includes('/claims/4/value') &&
        readFileSync(`${work}/claims/crash.json`, 'utf8') === before);

    // accept two (one edited), reject one, skip two
    await paste(page, ARTICLE);
    await decide(page, 0, 'accept');
    await decide(page, 1, 'accept');
    const id1 = 'survivors-d-edited';
    await page.$eval('input[name="d1-id"]', (e, v) => { e.value = v; }, id1);
    await decide(page, 2, 'reject');
    check('a draft marked reject is dimmed',
        await page.$eval('#draft-2', (e) => e.classList.contains('rejected')));
    check('the accept form saves two drafts', (await save(page)) === 200 &&
        (await page.$eval('#accept-result', (e) => e.dataset.added)) === '2');
    const ids = claimIds();
    check('the two claims are in the topic file, the edited id kept',
        ids.includes('deaths-d') && ids.includes(id1) && !ids.includes('cause-d'));
    check('the skipped drafts stay in the form, the rejected one is gone',
        (await page.$$('fieldset.draft')).length === 2);
    check('claimtrack validate passes', run(['validate', 'claims']).status === 0);
    const report = run(['check', '--format', 'json', 'claims']);
    const conflicts = JSON.parse(report.stdout).conflicts;
    check('claimtrack check finds the two new conflicts', report.status === 1 && conflicts.length === 2);
    await page.goto(url);
    check('the conflict list shows them', (await page.$$eval('tr.row', (r) => r.length)) === 2);

    // without JavaScript the paste and the accept work as plain forms
    const ctx = await browser.createBrowserContext();
    const p = await ctx.newPage();
    await p.setCookie(...cookies);
    await p.setJavaScriptEnabled(false);
    await paste(p, 'Flight 1 fell. Investigators blamed a bird strike.\n');
    check('with JavaScript off the file picker stays hidden and the drafts render',
        await p.$eval('#article-file-label', (e) => e.hidden) && (await p.$$('fieldset.draft')).length === 1);
    await decide(p, 0, 'accept');
    check('with JavaScript off a draft is accepted', (await save(p)) === 200 && claimIds().includes('cause-d'));
    await ctx.close();
    check('no script errors in the page', errors.length === 0);
} catch (e) {
    failed++;
    console.log(`FAIL ${e.stack || e}`);
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
