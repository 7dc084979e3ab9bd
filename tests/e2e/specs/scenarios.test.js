// @ts-check
// What a planner does on a first day with Roadie, in the real window: open the demo, create a
// summit, add a social (wrong first, then right), and see names rendered as text.

import assert from 'node:assert/strict';
import { alertText, appTest, click, ready, roadie, roadieJson, setValue, waitFor, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

/** Scrolls the timeline's grid from top to bottom and returns the kinds of the blocks it drew. */
async function timelineKinds(/** @type {Browser} */ browser) {
    return browser.executeAsync((done) => {
        const kinds = new Set();
        let firstTop = Infinity;
        // The grid's scroller (the day's tab panel).
        const box = document.getElementById('timeline-grid');
        const collect = () =>
            document.querySelectorAll('[data-gathering-id]').forEach((b) => {
                const kind = [...b.classList].find((c) => c.startsWith('kind-'));
                if (kind) kinds.add(kind.slice(5));
                if (box) {
                    const top = b.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
                    firstTop = Math.min(firstTop, top);
                }
            });
        if (!box) {
            collect();
            done([...kinds]);
            return;
        }
        const scroller = box;
        let top = 0;
        const step = () => {
            collect();
            if (top >= scroller.scrollHeight) {
                // Back to the morning, for the screenshot.
                scroller.scrollTop = Math.max(0, firstTop - 60);
                done([...kinds]);
                return;
            }
            top += scroller.clientHeight / 2;
            scroller.scrollTop = top;
            requestAnimationFrame(() => requestAnimationFrame(step));
        };
        step();
    });
}

appTest('first launch: open the demo, its dashboard, then a timeline of sessions and socials', { seed: 'empty' }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-action="open-demo"]');
    await ready(browser, 'dashboard');
    const [summit] = roadieJson(db, 'summit', 'list');
    await waitForText(browser, summit.name);
    await screenshot('dashboard');

    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    const kinds = await waitFor(async () => {
        const seen = await timelineKinds(browser);
        return seen.includes('session') && seen.includes('social') ? seen : null;
    }, { message: 'sessions and socials on the timeline' });
    assert.ok(kinds.includes('session') && kinds.includes('social'), kinds.join(', '));
    await screenshot('timeline');
});

appTest('create a summit, refuse a social that ends before it starts, then save it fixed', { seed: 'empty' }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-action="create-summit"]');
    const name = await browser.$('input[name="name"]');
    await name.waitForDisplayed({ timeout: 15_000 });
    await name.setValue('Harbour Summit');
    await setValue(browser, 'input[name="slug"]', 'harbour-2027');
    await setValue(browser, 'input[name="tz"]', 'Europe/Lisbon');
    await setValue(browser, 'input[name="start"]', '2027-05-10');
    await setValue(browser, 'input[name="end"]', '2027-05-12');
    await click(browser, 'button[data-action="save"]');
    await ready(browser, 'dashboard');
    await waitForText(browser, 'Harbour Summit');
    assert.deepEqual(roadieJson(db, 'summit', 'list').map((s) => s.slug), ['harbour-2027']);

    await click(browser, '[data-section="socials"]');
    await ready(browser, 'socials');
    await click(browser, '[data-action="new"]');
    const title = await browser.$('input[name="title"]');
    await title.waitForDisplayed({ timeout: 15_000 });
    await title.setValue('Fado night');
    await setValue(browser, 'input[name="start"]', '2027-05-10T21:00');
    await setValue(browser, 'input[name="end"]', '2027-05-10T19:00');
    await click(browser, 'button[data-action="save"]');
    const error = await browser.$('[data-error-for="end"]');
    await error.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no message under the End field' });
    assert.match(await error.getText(), /is not after the start/);
    await screenshot('social-end-before-start');
    assert.deepEqual(roadieJson(db, 'gathering', 'list', '--summit', 'harbour-2027'), [], 'nothing was saved');

    await setValue(browser, 'input[name="end"]', '2027-05-10T23:30');
    await click(browser, 'button[data-action="save"]');
    // The form itself, not its message: the message goes as soon as the save starts.
    await waitFor(async () => !(await (await browser.$('input[name="title"]')).isExisting()), {
        message: 'the form to close after saving',
    });
    const saved = roadieJson(db, 'gathering', 'list', '--summit', 'harbour-2027');
    assert.deepEqual(saved.map((g) => [g.title, g.kind]), [['Fado night', 'social']]);
    assert.equal(saved[0].start, '2027-05-10T20:00:00Z', '21:00 in Lisbon (UTC+1 in May)');

    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    const block = await browser.$(`[data-gathering-id="${saved[0].id}"]`);
    await block.waitForExist({ timeout: 15_000, timeoutMsg: 'the social is not on the timeline' });
    assert.match(String(await block.getProperty('textContent')), /Fado night/);
});

appTest('a speaker named like HTML shows as that literal text', {
    seed: (db) => {
        roadie(db, 'demo');
        roadie(db, 'speaker', 'add', '--name', '<img src=x onerror=alert(1)>', '--email', 'x@example.org');
    },
}, async ({ browser }) => {
    await ready(browser, 'dashboard');
    await click(browser, '[data-section="speakers"]');
    await ready(browser, 'speakers');
    await browser.keys(['/']);
    const filter = await browser.$('input[type="search"]');
    await filter.setValue('onerror');
    await waitForText(browser, '<img src=x onerror=alert(1)>');
    assert.equal(await alertText(browser), null, 'no script ran');
    const injected = await browser.execute(() => document.querySelectorAll('img[src="x"]').length);
    assert.equal(injected, 0, 'no <img> element was made from the name');
});
