// report.mjs - the HTML report (`claimtrack check --format html`) as a reader
// sees it in headless Chromium: a table of contents whose numbers never run
// into the entries of the other column, a heat map with a legend and no
// empty header cell, a tab icon that needs no request.
//
//   node report.mjs REPORT.html
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [report] = process.argv.slice(2);
let passed = 0;
let failed = 0;
function check(name, cond) {
    if (cond) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name}`); }
}

const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const width of [1280, 800, 420]) {
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
        // Each entry's number is drawn inside its own box, and no two boxes
        // overlap: a number can never sit against the previous entry's text.
        const toc = await page.$$eval('nav.toc li', (items) => items.map((li) => {
            const r = li.getBoundingClientRect();
            return { inside: getComputedStyle(li).listStylePosition === 'inside',
                     l: r.left, r: r.right, t: r.top, b: r.bottom, text: li.textContent };
        }));
        const overlap = toc.some((a, i) => toc.some((b, k) => k > i &&
            a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5));
        check(`contents at ${width}px: ${toc.length} entries, numbers inside their entries, none overlapping`,
              toc.length >= 3 && toc.every((e) => e.inside) && !overlap);
    }
    const legend = await page.$eval('#heat-legend', (e) => ({
        shown: e.getBoundingClientRect().height > 0, text: e.textContent,
        swatches: e.querySelectorAll('.swatch').length,
    })).catch(() => null);
    check('the heat map has a visible legend for its counts and colours',
          legend && legend.shown && /agree \/ clash/.test(legend.text) && legend.swatches === 3);
    const headers = await page.$$eval('table.heat th', (ths) => ths.map((th) => th.textContent.trim()));
    check(`no empty header cell in the heat map (${headers.length} headers)`,
          headers.length > 2 && headers.every((h) => h.length > 0));
    const described = await page.$eval('table.heat', (t) => t.getAttribute('aria-describedby'));
    check('the heat map table is described by its legend', described === 'heat-legend');
    const icon = await page.$eval('link[rel="icon"]', (l) => l.getAttribute('href')).catch(() => null);
    check('a tab icon is declared inline, so the browser asks for no favicon.ico',
          icon && icon.startsWith('data:') && !requests.some((u) => /favicon/.test(u)));
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
