// @ts-check
// The budget page in the real window: the demo's summary in the summit's currency as the core
// computed it, its charts drawn by Chart.js under the app's CSP, a currency with no rate said
// rather than dropped, the records behind a figure, and an export written by the app's command.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appTest, click, ready, roadie, roadieJson, waitFor, waitForText } from '../lib/app.js';

/** "1699344" minor units of a two-decimal currency as the page's en-US digits: "16,993.44". */
function digits(/** @type {{ minor: number }} */ money) {
    return (money.minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

appTest('the budget page shows the summary, its charts, what has no rate, and the records behind a figure', {
    seed: (db) => {
        roadie(db, 'demo');
        roadie(db, 'budget', 'add', '--summit', 'northwind', '--category', 'other', '--description', 'Insurance in Zurich',
            '--currency', 'CHF', '--planned', '300', '--committed', '300');
    },
}, async ({ browser, db, screenshot }) => {
    /** @type {any} the summary as `roadie budget summary --json` prints it */
    const summary = roadieJson(db, 'budget', 'summary', '--summit', 'northwind');
    assert.deepEqual(summary.missing_rates, ['CHF']);

    await ready(browser, 'dashboard');
    await click(browser, '[data-section="budget"]');
    await ready(browser, 'budget');
    for (const key of ['planned', 'committed', 'spent', 'remaining']) {
        const shown = await (await browser.$(`[data-testid="total-${key}"]`)).getText();
        assert.ok(shown.includes(digits(summary.totals[key])), `${key}: ${shown} shows ${digits(summary.totals[key])}`);
    }
    await waitForText(browser, 'Amounts in CHF are not in these totals');
    await waitForText(browser, '1 USD = 0.92 EUR');

    // Two charts, drawn: each canvas has pixels of more than one colour.
    const drawn = await waitFor(() => browser.execute(() => {
        const canvases = [...document.querySelectorAll('.chart canvas')];
        return canvases.length === 2 && canvases.every((c) => {
            const canvas = /** @type {HTMLCanvasElement} */ (c);
            const context = canvas.getContext('2d');
            if (!context || canvas.width === 0) return false;
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            const colours = new Set();
            for (let i = 0; i < pixels.length && colours.size < 3; i += 4 * 97) colours.add(pixels.slice(i, i + 4).join(','));
            return colours.size >= 3;
        }) ? canvases.length : 0;
    }), { message: 'two charts drawn on their canvases' });
    assert.equal(drawn, 2);
    await screenshot('budget-summary');
    await browser.execute(() => document.querySelector('.main')?.scrollBy(0, 640));
    await waitForText(browser, 'Cost per head of the socials');
    await screenshot('budget-summary-tables');
    await browser.execute(() => document.querySelector('.main')?.scrollTo(0, 0));

    // The lines behind the CHF sum: the one line in CHF.
    const chfRow = await browser.$('//table//tr[.//span[contains(@class, "pill") and normalize-space()="CHF"]]//th//button');
    await chfRow.waitForClickable({ timeout: 15_000 });
    await chfRow.click();
    await waitForText(browser, 'Other in CHF');
    const rows = await browser.execute(() =>
        [...document.querySelectorAll('[role="grid"][aria-label="Budget lines"] [role="row"]')].slice(1)
            .map((row) => row.querySelectorAll('[role="gridcell"]')[1]?.textContent?.trim() ?? ''));
    assert.deepEqual(rows, ['Insurance in Zurich']);
    await screenshot('budget-drill-down');

    // An export written by the app's own command (the native save dialog only picks the path).
    const out = join(dirname(db), 'northwind-budget.pdf');
    const error = await browser.execute(async (summitId, path) => {
        try {
            // @ts-expect-error the IPC bridge Tauri injects into the page
            await window.__TAURI_INTERNALS__.invoke('export_budget', { summitId, format: 'pdf', path });
            return null;
        } catch (e) {
            return JSON.stringify(e);
        }
    }, summary.summit.id, out);
    assert.equal(error, null);
    assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
});
