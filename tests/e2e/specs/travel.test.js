// @ts-check
// Travel funding in the real window: act as an organiser, open a request, try to approve over a
// cap and read the core's refusal with nothing changed, approve within the caps, and read the
// decision in the request's audit history. The CLI checks the database behind the window.

import assert from 'node:assert/strict';
import { appTest, click, ready, roadie, roadieJson, waitFor, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

/** Types `value` into the input matching `selector`, replacing what it held. */
async function type(/** @type {Browser} */ browser, /** @type {string} */ selector, /** @type {string} */ value) {
    const el = await browser.$(selector);
    await el.waitForDisplayed({ timeout: 15_000, timeoutMsg: `${selector} is not shown` });
    await el.setValue(value);
}

/** The one request of the seeded summit, as `roadie travel list --json` has it. */
function request(/** @type {string} */ db) {
    const rows = roadieJson(db, 'travel', 'list', '--summit', 'rs');
    assert.equal(rows.length, 1);
    return rows[0];
}

/**
 * A summit in USD (8–11 September: three nights, four funded), organisers Olu and Mia, a policy
 * (airfare 900 USD, lodging 150 USD a night) and Ada's request in EUR under review.
 */
function seed(/** @type {string} */ db) {
    roadie(db, 'summit', 'create', '--name', 'Rust Summit', '--slug', 'rs', '--tz', 'Europe/Berlin',
        '--start', '2026-09-08', '--end', '2026-09-11', '--currency', 'USD');
    roadie(db, 'speaker', 'add', '--name', 'Ada Lovelace', '--country', 'FR');
    roadie(db, 'organiser', 'add', '--name', 'Olu');
    roadie(db, 'organiser', 'add', '--name', 'Mia');
    roadie(db, 'travel', 'policy', 'set', '--summit', 'rs', '--actor', 'Mia', '--pool', '3000 USD',
        '--airfare', '900', '--lodging-per-night', '150', '--ground', '50', '--visa', '100');
    roadie(db, 'travel', 'submit', '--summit', 'rs', '--speaker', '1', '--currency', 'EUR',
        '--airfare', '850', '--lodging', '700', '--nights', '5', '--from-country', 'FR');
    roadie(db, 'travel', 'review', '1', '--actor', 'Mia');
}

appTest('approve travel within the caps; over a cap the core refuses and nothing changes; the audit shows it', { seed }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-section="travel"]');
    await ready(browser, 'travel');
    await waitForText(browser, 'Ada Lovelace');
    await waitForText(browser, '3,000.00');

    // Act as Olu.
    const acting = await browser.$('select#acting-as');
    await acting.waitForDisplayed({ timeout: 15_000 });
    await acting.selectByAttribute('value', 'Olu');
    await waitFor(async () => (await browser.$('[data-acting="Olu"]').isExisting()), { message: 'acting as Olu' });

    // Open Ada's request: select its row, then Enter.
    const row = await browser.$('//*[@role="row"][.//*[contains(text(), "Ada Lovelace")]]');
    await row.waitForClickable({ timeout: 15_000 });
    await row.click();
    await browser.keys(['Enter']);
    const panel = await browser.$('[data-request="1"]');
    await panel.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the request panel did not open' });
    await waitForText(browser, '4 nights × 150.00 USD');
    await screenshot('travel-request');

    const before = request(db);
    const auditBefore = roadieJson(db, 'audit', 'log').length;
    assert.equal(before.status, 'under-review');
    assert.equal(before.approved, null);

    // Over the lodging cap: 700 EUR is 756 USD at 1.08, over 4 × 150 USD.
    await click(browser, '[data-move="approve"]');
    const dialog = await browser.$('[data-approve-dialog]');
    await dialog.waitForDisplayed({ timeout: 15_000 });
    await type(browser, '[data-approve-dialog] input[name="rate"]', '1.08');
    await type(browser, '[data-approve-dialog] input[name="airfare"]', '800');
    await type(browser, '[data-approve-dialog] input[name="lodging"]', '700');
    const refusal = await browser.$('[data-approve-dialog] [data-refusal]');
    const overCap = '700.00 EUR (756.00 USD at 1.08) is over the cap of 600.00 USD (4 nights × 150.00 USD)';
    // The dialog previews a moment after each keystroke: wait for the preview of what was typed.
    await waitFor(async () => (await refusal.isDisplayed()) && (await refusal.getText()) === overCap,
        { message: `the refusal ${JSON.stringify(overCap)}` });
    await click(browser, 'button[data-action="approve"]');
    // Still refused, still open, and nothing changed in the database.
    await waitFor(async () => (await dialog.isDisplayed()) && (await refusal.getText()) === overCap,
        { message: 'the refusal to stay after Approve' });
    await screenshot('travel-over-cap');
    assert.deepEqual(request(db), before);
    assert.equal(roadieJson(db, 'audit', 'log').length, auditBefore);

    // Within the caps: the preview shows the figures after approval, then it is approved.
    await type(browser, '[data-approve-dialog] input[name="lodging"]', '550');
    const total = await browser.$('[data-plan-total]');
    await total.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no figures for amounts within the caps' });
    await waitFor(async () => (await total.getText()).includes('1,458.00'), { message: 'the total in USD' });
    assert.match(await browser.$('[data-plan-after]').getText(), /1,542\.00/);
    await click(browser, 'button[data-action="approve"]');
    await dialog.waitForDisplayed({ reverse: true, timeout: 15_000, timeoutMsg: 'the approve dialog stayed open' });

    const after = request(db);
    assert.equal(after.status, 'approved');
    assert.equal(after.approved.minor, 135_000);
    assert.equal(after.approved.currency, 'EUR');
    assert.equal(after.approved_base.minor, 145_800);
    assert.equal(after.pool_remaining.minor, 154_200);

    // The audit history in the panel, and in the database, intact.
    const entry = await browser.$('[data-audit-action="approve"]');
    await entry.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no approval in the history' });
    const text = await entry.getText();
    assert.match(text, /Olu approved/);
    assert.match(text, /under-review → approved/);
    assert.match(text, /UTC/);
    await waitForText(browser, 'Mia started the review');
    const log = roadieJson(db, 'audit', 'log', '--request', '1');
    assert.deepEqual(log.map((e) => [e.action, e.actor]), [['start-review', 'Mia'], ['approve', 'Olu']]);
    assert.match(roadie(db, 'audit', 'verify'), /audit log intact/);
    await screenshot('travel-approved');
});

appTest('the demo round: requests ranked with the pool, an organiser cannot approve their own request', async ({ browser, db, screenshot }) => {
    await click(browser, '[data-section="travel"]');
    await ready(browser, 'travel');
    const rows = roadieJson(db, 'travel', 'list', '--summit', 'northwind');
    assert.equal(rows.length, 12);
    await waitForText(browser, rows[0].speaker);
    await waitForText(browser, 'Committed');
    // The organiser who applied acts as themselves on their own request.
    const [self] = roadieJson(db, 'organiser', 'list').filter((o) => o.speaker_id !== null);
    const own = rows.find((r) => r.speaker_id === self.speaker_id);
    assert.ok(own, 'the organiser has a request');
    const acting = await browser.$('select#acting-as');
    await acting.waitForDisplayed({ timeout: 15_000 });
    await acting.selectByAttribute('value', self.name);
    await screenshot('travel-demo-list');
    const row = await browser.$(`//*[@role="row"][.//*[contains(text(), "${self.name}")]]`);
    await row.waitForClickable({ timeout: 15_000 });
    await row.click();
    await browser.keys(['Enter']);
    await click(browser, '[data-move="approve"]');
    const refusal = await browser.$('[data-approve-dialog] [data-refusal]');
    await refusal.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'self-approval was not refused' });
    assert.match(await refusal.getText(), new RegExp(`is the applicant of travel request ${own.id} and cannot approve it`));
    await screenshot('travel-self-approval');
    await click(browser, 'button[data-action="approve"]');
    await waitFor(async () => (await refusal.isDisplayed()), { message: 'the refusal to stay' });
    assert.equal(roadieJson(db, 'travel', 'list', '--summit', 'northwind').find((r) => r.id === own.id)?.status, 'under-review');
});
