// @ts-check
// Names and notes that hold HTML and script show as that literal text in the real window, on
// every screen that shows them: a speaker, socials (one made with the CLI, one typed into the
// form), a travel request's notes, a swag item, a shipment, a budget line. No element is made
// from them, no handler runs, no alert opens; a `javascript:` link is refused with the field named.

import assert from 'node:assert/strict';
import { alertText, appTest, bodyText, click, ready, roadie, roadieJson, setValue, waitFor, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=alert(2)>';
const JS_URL = 'javascript:alert(3)';

/** What the seed stores, as typed. */
const TEXT = {
    summit: `Payload Summit ${SCRIPT}`,
    speaker: `Ada ${IMG}`,
    organisation: `Org ${SCRIPT}`,
    city: `City ${SVG}`,
    social: `Boat party ${IMG}`,
    socialAbout: `Bring ${SCRIPT} and ${SVG}`,
    venue: `Pier ${SVG}`,
    room: `Deck ${IMG}`,
    notes: `Needs ${SCRIPT} ${IMG}`,
    item: `Shirt ${IMG}`,
    itemAbout: `Soft ${SCRIPT}`,
    variant: `XL${SVG}`,
    origin: `Depot ${SVG}`,
    carrier: `Carrier ${SCRIPT}`,
    line: `Boat hire ${IMG} ${SCRIPT}`,
    typedSocial: `Dinner ${SVG}`,
    typedAbout: `Typed ${IMG} ${SCRIPT}`,
};

/** Opens a screen from the sidebar and waits for it. */
async function open(/** @type {Browser} */ browser, /** @type {string} */ section) {
    await click(browser, `[data-section="${section}"]`);
    await ready(browser, section);
}

/**
 * Replaces `alert`, `confirm` and `prompt` with recorders, so a payload that ran would leave a
 * trace even if the dialog closed again (WebDriver also reports an open one: `alertText`).
 */
async function recordDialogs(/** @type {Browser} */ browser) {
    await browser.execute(() => {
        const w = /** @type {any} */ (window);
        w.__dialogs = [];
        for (const name of ['alert', 'confirm', 'prompt']) {
            w[name] = (/** @type {unknown} */ message) => {
                w.__dialogs.push(`${name}: ${String(message)}`);
                return null;
            };
        }
    });
}

/**
 * Fails when anything in the page came from a payload: an element the markup would make
 * (`img[src=x]`, an `svg` or any element with an `on…` attribute, a script holding `__pwned`),
 * `window.__pwned` set, or a dialog opened.
 */
async function assertInert(/** @type {Browser} */ browser, /** @type {string} */ where) {
    assert.equal(await alertText(browser), null, `${where}: an alert is open`);
    const found = await browser.execute(() => {
        const w = /** @type {any} */ (window);
        const all = [...document.querySelectorAll('*')];
        return {
            img: document.querySelectorAll('img[src="x"]').length,
            svgOnload: document.querySelectorAll('svg[onload]').length,
            handlers: all
                .filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
                .map((el) => el.outerHTML.slice(0, 120)),
            scripts: [...document.querySelectorAll('script')]
                .filter((s) => (s.textContent ?? '').includes('__pwned')).length,
            pwned: w.__pwned ?? null,
            dialogs: w.__dialogs ?? ['the recorder is gone: the page was reloaded'],
        };
    });
    assert.deepEqual(found, { img: 0, svgOnload: 0, handlers: [], scripts: 0, pwned: null, dialogs: [] },
        `${where}: something was made from a payload`);
}

/** Waits for every one of `texts` in the page's visible text. */
async function waitForAll(/** @type {Browser} */ browser, /** @type {string[]} */ texts) {
    for (const text of texts) await waitForText(browser, text);
}

/** Types into the list's filter, as a user looking for a record would. */
async function filter(/** @type {Browser} */ browser, /** @type {string} */ text) {
    const box = await browser.$('input[type="search"]');
    await box.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no filter on this screen' });
    await box.setValue(text);
}

/** A summit three weeks away holding every kind of record, each named with payloads. */
function seed(/** @type {string} */ db) {
    const day = (/** @type {number} */ n) => {
        const d = new Date();
        d.setUTCDate(d.getUTCDate() + n);
        return d.toISOString().slice(0, 10);
    };
    roadie(db, 'summit', 'create', '--name', TEXT.summit, '--slug', 'payload', '--tz', 'Europe/Berlin',
        '--start', day(21), '--end', day(23), '--currency', 'EUR', '--city', TEXT.city);
    roadie(db, 'speaker', 'add', '--name', TEXT.speaker, '--email', 'ada@example.org',
        '--organisation', TEXT.organisation, '--city', TEXT.city, '--country', 'DE');
    roadie(db, 'gathering', 'add', '--summit', 'payload', '--kind', 'social', '--title', TEXT.social,
        '--description', TEXT.socialAbout, '--venue', TEXT.venue, '--room', TEXT.room,
        '--start', `${day(21)} 19:00`, '--end', `${day(21)} 23:00`, '--audience', 'public',
        '--url', 'https://example.org/party?q=<script>');
    roadie(db, 'travel', 'submit', '--summit', 'payload', '--speaker', '1', '--currency', 'EUR',
        '--airfare', '300', '--notes', TEXT.notes, '--from-city', TEXT.city, '--from-country', 'FR');
    roadie(db, 'swag', 'add', '--name', TEXT.item, '--description', TEXT.itemAbout, '--variant', TEXT.variant);
    roadie(db, 'shipment', 'add', '--summit', 'payload', '--origin', TEXT.origin, '--carrier', TEXT.carrier,
        '--contact', IMG, '--item', '1:1');
    roadie(db, 'budget', 'add', '--summit', 'payload', '--category', 'socials', '--description', TEXT.line,
        '--planned', '100', '--for', '1');
}

appTest('names and notes holding HTML and script show as literal text on every screen', { seed, timeout: 240_000 }, async ({ browser, db, screenshot }) => {
    await ready(browser, 'dashboard');
    await recordDialogs(browser);
    await waitForText(browser, TEXT.summit);
    await assertInert(browser, 'dashboard');
    await screenshot('injection-dashboard');

    // A social typed into the form: a javascript: link is refused, by field, and nothing saved.
    await open(browser, 'socials');
    await click(browser, '[data-action="new"]');
    const title = await browser.$('input[name="title"]');
    await title.waitForDisplayed({ timeout: 15_000 });
    await title.setValue(TEXT.typedSocial);
    const day = roadieJson(db, 'summit', 'list')[0].start_date;
    await setValue(browser, 'input[name="start"]', `${day}T12:00`);
    await setValue(browser, 'input[name="end"]', `${day}T14:00`);
    await setValue(browser, 'textarea[name="description"]', TEXT.typedAbout);
    await setValue(browser, 'input[name="url"]', JS_URL);
    await click(browser, 'button[data-action="save"]');
    const error = await browser.$('[data-error-for="url"]');
    await error.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no message under the link field' });
    assert.match(await error.getText(), /is not a web address: expected http:\/\/ or https:\/\//);
    await assertInert(browser, 'the social form');
    await screenshot('injection-javascript-link-refused');
    assert.equal(roadieJson(db, 'gathering', 'list', '--summit', 'payload').length, 1, 'nothing was saved');
    await setValue(browser, 'input[name="url"]', '');
    await click(browser, 'button[data-action="save"]');
    // The form itself, not its message: the message goes as soon as the save starts.
    await waitFor(async () => !(await (await browser.$('input[name="url"]')).isExisting()) || null,
        { message: 'the form to close after saving' });
    const typed = roadieJson(db, 'gathering', 'list', '--summit', 'payload').find((g) => g.title === TEXT.typedSocial);
    assert.ok(typed, 'the typed social is stored as typed');
    assert.equal(typed.description, TEXT.typedAbout);
    assert.equal(typed.url, null);
    await waitForAll(browser, [TEXT.social, TEXT.typedSocial, TEXT.venue]);
    await assertInert(browser, 'socials');
    await screenshot('injection-socials');

    // The timeline, and a social's details.
    await open(browser, 'timeline');
    const social = roadieJson(db, 'gathering', 'list', '--summit', 'payload').find((g) => g.title === TEXT.social);
    assert.ok(social, 'the seeded social');
    // The grid draws what is in view: scroll down to the evening until the social is drawn.
    await waitFor(() => browser.execute((id) => {
        const el = document.querySelector(`[data-gathering-id="${id}"]`);
        if (el) {
            el.scrollIntoView({ block: 'center' });
            return true;
        }
        const grid = document.getElementById('timeline-grid');
        if (grid) grid.scrollTop += grid.clientHeight / 2;
        return false;
    }, social.id), { message: 'the social on the timeline' });
    const block = await browser.$(`[data-gathering-id="${social.id}"]`);
    await block.waitForClickable({ timeout: 15_000, timeoutMsg: 'the social is not clickable on the timeline' });
    assert.match(String(await block.getProperty('textContent')), /Boat party <img src=x onerror=alert\(1\)>/);
    await block.click();
    await waitForAll(browser, [TEXT.socialAbout, `${TEXT.room}, ${TEXT.venue}`, 'https://example.org/party?q=%3Cscript%3E']);
    await assertInert(browser, 'the timeline');
    await screenshot('injection-timeline-details');
    await browser.keys(['Escape']);

    await open(browser, 'speakers');
    await filter(browser, 'Ada');
    await waitForAll(browser, [TEXT.speaker, TEXT.organisation, TEXT.city]);
    await assertInert(browser, 'speakers');
    await screenshot('injection-speakers');

    // Travel: the request in the list and its panel; its notes in the form, as typed.
    await open(browser, 'travel');
    await waitForText(browser, TEXT.speaker);
    const row = await browser.$('//*[@role="row"][.//*[contains(text(), "Ada <img")]]');
    await row.waitForClickable({ timeout: 15_000 });
    await row.click();
    await browser.keys(['Enter']);
    await (await browser.$('[data-request="1"]')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the request panel did not open' });
    await assertInert(browser, 'the travel request');
    await screenshot('injection-travel-request');
    await click(browser, '[data-move="edit"]');
    const notes = await browser.$('textarea[name="notes"]');
    await notes.waitForDisplayed({ timeout: 15_000 });
    assert.equal(await notes.getValue(), TEXT.notes);
    assert.equal(await (await browser.$('input[name="origin_city"]')).getValue(), TEXT.city);
    await assertInert(browser, 'the travel form');
    await screenshot('injection-travel-notes');
    await browser.keys(['Escape']);

    // Swag: the shipment on the board, then the item with its variant.
    await open(browser, 'swag');
    await waitForAll(browser, [`from ${TEXT.origin}`, TEXT.carrier]);
    await assertInert(browser, 'the shipments');
    await screenshot('injection-shipments');
    const items = await browser.$('//*[@role="tab"][contains(., "Items") or contains(., "items")]');
    await items.waitForClickable({ timeout: 15_000, timeoutMsg: 'no items tab' });
    await items.click();
    await waitForAll(browser, [TEXT.item, TEXT.itemAbout, TEXT.variant]);
    // The item's cell on the visible tab (the stock tab's table names it too, hidden).
    const item = await waitFor(async () => {
        for (const cell of await browser.$$('//*[@role="gridcell"][contains(., "Shirt <img")]')) {
            if (await cell.isDisplayed()) return cell;
        }
        return null;
    }, { message: 'the item in the list' });
    await item.click();
    await (await browser.$('p.description')).waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the item did not open' });
    assert.equal(await (await browser.$('p.description')).getText(), TEXT.itemAbout);
    await assertInert(browser, 'the swag items');
    await screenshot('injection-swag-items');

    // The budget: the summary's socials table, then the line itself.
    await open(browser, 'budget');
    await waitForText(browser, TEXT.social);
    await assertInert(browser, 'the budget summary');
    const lines = await browser.$('//*[@role="tab"][contains(., "Lines")]');
    await lines.waitForClickable({ timeout: 15_000, timeoutMsg: 'no lines tab' });
    await lines.click();
    await waitForText(browser, TEXT.line);
    await assertInert(browser, 'the budget');
    await screenshot('injection-budget');
    assert.ok((await bodyText(browser)).includes(`${TEXT.line}`), 'the line as typed');

    // The check can fail: an element made from markup, or an alert, is caught.
    await browser.execute(() => document.body.insertAdjacentHTML('beforeend', '<img src="x" alt="">'));
    await assert.rejects(assertInert(browser, 'a page with an injected image'), /something was made from a payload/);
    await browser.execute(() => {
        document.querySelector('img[src="x"]')?.remove();
        window.alert('caught');
    });
    assert.deepEqual(await browser.execute(() => /** @type {any} */ (window).__dialogs), ['alert: caught']);
    await assert.rejects(assertInert(browser, 'a page that raised an alert'), /something was made from a payload/);
});
