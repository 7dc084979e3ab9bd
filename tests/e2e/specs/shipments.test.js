// @ts-check
// Swag and shipments in the real window: a shipment made late in its form shows as a problem on
// the dashboard, whose link picks the shipment out on the board; shipping it from its card takes
// its contents out of the stock the CLI reads.

import assert from 'node:assert/strict';
import { appTest, click, ready, roadie, roadieJson, setValue, waitFor, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

/** `days` from today, YYYY-MM-DD (the app reads the real clock). */
function fromToday(/** @type {number} */ days) {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}

/**
 * A summit three weeks away with a t-shirt in stock and one draft shipment of 20 to it: three
 * days' buffer and five in transit, so nothing is late or at risk yet.
 */
function seed(/** @type {string} */ db) {
    roadie(db, 'summit', 'create', '--name', 'Harbour Summit', '--slug', 'harbour', '--tz', 'Europe/Lisbon',
        '--start', fromToday(21), '--end', fromToday(23), '--currency', 'EUR', '--city', 'Lisbon');
    const item = /** @type {{ variants: { id: number }[] }} */ (
        roadieJson(db, 'swag', 'add', '--name', 'Harbour t-shirt', '--variant', 'M'));
    const variant = String(item.variants[0].id);
    roadie(db, 'swag', 'receive', '--variant', variant, '--quantity', '100');
    roadie(db, 'shipment', 'add', '--summit', 'harbour', '--origin', 'Porto warehouse', '--carrier', 'CTT',
        '--item', `${variant}:20`);
}

/** The shipments' ids on the dashboard's "needs attention" list, by the kind of finding. */
async function attention(/** @type {Browser} */ browser) {
    return browser.execute(() =>
        [...document.querySelectorAll('.findings [data-kind]')].map((li) => ({
            kind: li.getAttribute('data-kind'),
            severity: li.getAttribute('data-severity'),
            text: li.textContent ?? '',
        })),
    );
}

appTest('a shipment made late in its form shows as a problem on the dashboard and links back to it', { seed }, async ({ browser, db, screenshot }) => {
    await ready(browser, 'dashboard');
    await waitForText(browser, 'Harbour Summit');
    // Weeks ahead, the draft is only "not on the way yet": no check finds anything.
    await waitForText(browser, 'not on the way yet');
    assert.deepEqual(await attention(browser), []);
    const [shipment] = roadieJson(db, 'shipment', 'list');
    assert.equal(shipment.status, 'draft');

    // On the board, open the draft and ask for it a month before doors open: it is late already.
    await click(browser, '[data-section="swag"]');
    await ready(browser, 'swag');
    await click(browser, `[data-shipment-id="${shipment.id}"] .card-open`);
    await (await browser.$('input[name="buffer_days"]')).waitForDisplayed({ timeout: 15_000 });
    await setValue(browser, 'input[name="buffer_days"]', '30');
    await waitForText(browser, 'Must arrive by');
    await click(browser, 'button[data-action="save"]');
    await waitFor(async () => (await browser.$('[role="dialog"]').isExisting()) ? null : true,
        { message: 'the shipment form to close' });
    assert.equal(roadieJson(db, 'shipment', 'list')[0].buffer_days, 30);
    await waitFor(async () => (await browser.$(`[data-shipment-id="${shipment.id}"][data-flag="Late"]`).isExisting()) || null,
        { message: 'the card flagged late' });
    await screenshot('shipments-board-late');

    // The dashboard says so, as a problem, naming the shipment.
    await click(browser, '[data-section="dashboard"]');
    await ready(browser, 'dashboard');
    const found = await waitFor(async () => {
        const items = await attention(browser);
        return items.find((f) => f.kind === 'shipment-late') ?? null;
    }, { message: 'the late shipment on the dashboard' });
    assert.equal(found.severity, 'error');
    assert.match(found.text, new RegExp(`Shipment ${shipment.id} \\(CTT\\) to Harbour Summit is still a draft; it had to arrive by`));
    await screenshot('dashboard-late-shipment');
    // The CLI's check finds the same.
    const checked = roadieJson(db, 'check', '--summit', 'harbour');
    assert.deepEqual(checked.map((f) => f.kind), ['shipment-late']);

    // Its link opens the board with that shipment picked out.
    await click(browser, '[data-kind="shipment-late"] a.finding-link');
    await ready(browser, 'swag');
    await waitFor(async () => (await browser.$(`[data-shipment-id="${shipment.id}"].highlighted`).isExisting()) || null,
        { message: 'the shipment picked out on the board' });
    await screenshot('shipments-board-picked-out');
});

appTest('shipping from the board takes the contents out of the stock', { seed }, async ({ browser, db, screenshot }) => {
    await ready(browser, 'dashboard');
    const [shipment] = roadieJson(db, 'shipment', 'list');
    await click(browser, '[data-section="swag"]');
    await ready(browser, 'swag');
    await click(browser, `[data-shipment-id="${shipment.id}"] button[data-status="shipped"]`);
    await waitFor(async () => (await browser.$(`[data-column="on-the-way"] [data-shipment-id="${shipment.id}"]`).isExisting()) || null,
        { message: 'the card in the On the way column' });
    const [stock] = roadieJson(db, 'swag', 'stock');
    assert.deepEqual([stock.on_hand, stock.allocated, stock.available, stock.out], [80, 0, 80, 20]);
    assert.equal(roadieJson(db, 'shipment', 'list')[0].status, 'shipped');

    // The stock tab shows the same figures, worked out by the core.
    await click(browser, '[role="tab"][id$="-tab-stock"]');
    await ready(browser, 'stock');
    await waitForText(browser, 'Harbour t-shirt M');
    await waitForText(browser, '20 sent');
    await screenshot('stock-after-shipping');
});

appTest('the demo opens on a dashboard with what a planner must act on', async ({ browser, db, screenshot }) => {
    await ready(browser, 'dashboard');
    const kinds = await waitFor(async () => {
        const items = await attention(browser);
        const seen = items.map((f) => f.kind);
        return seen.includes('shipment-late') ? seen : null;
    }, { message: 'the demo findings on the dashboard' });
    for (const kind of ['shipment-late', 'shipment-at-risk', 'social-overlaps-plenary', 'over-capacity']) {
        assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
    }
    await screenshot('demo-dashboard-findings');

    // The overlapping social's link opens the socials with it selected.
    await click(browser, '[data-kind="social-overlaps-plenary"] a.finding-link');
    await ready(browser, 'socials');
    await waitFor(async () => (await browser.$('[role="row"][aria-selected="true"]').isExisting()) || null,
        { message: 'the social selected' });
    await waitForText(browser, 'Sponsor breakfast');
    await screenshot('demo-social-picked-out');

    await click(browser, '[data-section="swag"]');
    await ready(browser, 'swag');
    await screenshot('demo-shipments-board');
});
