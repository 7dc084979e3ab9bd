// @ts-check
// Importing a conference schedule through the Timeline's import dialog, in the real window: a
// preview of what would change, the import, a second file where a talk moved and one was dropped,
// a file with a bad duration refused with where it is wrong, a schedule that creates a summit, and
// speakers from CSV, refused with every bad line first and imported once fixed.
//
// WebDriver cannot drive the native file dialog (it is a GTK window outside the page), so the tests
// type the file's path into the dialog's path field, which sits beside "Choose…" for people too.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest, click, ready, roadie, roadieJson, setValue, tempDb, waitFor, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../../crates/roadie-core/tests/fixtures/schedules');

/** @param {string} name */
function fixture(name) {
    return resolve(fixtures, name);
}

/** Opens the import dialog from the timeline and previews `file` into `summit` (or the current one). */
async function previewImport(/** @type {Browser} */ browser, /** @type {string} */ file, /** @type {string | null} */ summit = null) {
    await click(browser, '[data-action="import-schedule"]');
    const path = await browser.$('[data-import="schedule"] input[name="path"]');
    await path.waitForDisplayed({ timeout: 15_000 });
    await setValue(browser, '[data-import="schedule"] input[name="path"]', file);
    if (summit !== null) await setValue(browser, '[data-import="schedule"] input[name="summit"]', summit);
    await click(browser, 'button[data-action="preview"]');
}

/** Waits for two frames, so that a screenshot shows what the page now holds. */
async function painted(/** @type {Browser} */ browser) {
    await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined))));
}

/** The preview's one-line summary, once it is shown. */
async function previewSummary(/** @type {Browser} */ browser) {
    const summary = await browser.$('[data-preview] [data-summary]');
    await summary.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'the preview never showed' });
    return summary.getText();
}

/** @param {string} db @param {string} slug */
function sessions(db, slug) {
    return roadieJson(db, 'gathering', 'list', '--summit', slug);
}

const tinyconf = (/** @type {string} */ db) =>
    roadie(db, 'summit', 'create', '--name', 'TinyConf 2026', '--slug', 'tinyconf', '--tz', 'Europe/Berlin',
        '--start', '2026-05-01', '--end', '2026-05-02', '--currency', 'EUR');

appTest('a schedule is previewed, imported, and imported again after a talk moved and one was dropped', { seed: tinyconf }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    await waitForText(browser, 'Nothing on the timeline yet');

    await previewImport(browser, fixture('tiny.c3voc.json'));
    assert.equal(await previewSummary(browser), '4 sessions to add, 3 new speakers.');
    await waitForText(browser, 'c3voc/pretalx schedule JSON');
    await waitForText(browser, 'Midnight hacking');
    await painted(browser);
    await screenshot('import-preview');
    assert.deepEqual(sessions(db, 'tinyconf'), [], 'a preview writes nothing');

    await click(browser, 'button[data-action="import"]');
    await waitForText(browser, 'Imported the schedule into TinyConf 2026');
    await waitForText(browser, 'Opening');
    const first = sessions(db, 'tinyconf');
    assert.equal(first.length, 4);
    assert.ok(first.every((/** @type {any} */ g) => g.kind === 'session' && g.sequence === 0));
    await painted(browser);
    await screenshot('import-timeline');

    // The same file again: nothing to do.
    await previewImport(browser, fixture('tiny.c3voc.json'));
    assert.match(await previewSummary(browser), /up to date/);
    const nothing = await browser.$('button[data-action="import"]');
    assert.equal(await nothing.isEnabled(), false);
    await click(browser, '.modal button[aria-label="Close"]');

    // A talk moved, one was dropped.
    await previewImport(browser, fixture('tiny-moved.c3voc.json'));
    assert.equal(await previewSummary(browser), '1 session to change, 1 session to cancel, 1 new speaker, 1 renamed speaker.');
    await waitForText(browser, 'start, end, room, speakers');
    await painted(browser);
    await screenshot('import-preview-moved');
    await click(browser, 'button[data-action="import"]');
    // The dialog closes once the import has returned; the first import's toast may still be up.
    await browser.$('[data-import="schedule"]').waitForExist({ reverse: true, timeout: 30_000 });
    await waitForText(browser, 'Imported the schedule into TinyConf 2026');
    const after = sessions(db, 'tinyconf');
    assert.equal(after.length, 4, 'nothing is deleted');
    /** @returns {any} the gathering with title `t` */
    const byTitle = (/** @type {string} */ t) => {
        const found = after.find((/** @type {any} */ g) => g.title === t);
        assert.ok(found, `${t} is listed`);
        return found;
    };
    assert.equal(byTitle('Closing').status, 'cancelled');
    assert.equal(byTitle('Closing').sequence, 1);
    const moved = byTitle('Compilers for everyone');
    const before = first.find((/** @type {any} */ g) => g.title === 'Compilers for everyone');
    assert.equal(moved.id, before?.id, 'updated in place');
    assert.equal(moved.start, '2026-05-02T13:00:00Z');
    assert.equal(moved.sequence, 1);
});

appTest('a schedule with a duration of "banana" is refused with where it is, and nothing is written', { seed: tinyconf }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    await previewImport(browser, fixture('banana-duration.c3voc.json'));
    const alert = await browser.$('[data-import="schedule"] [role="alert"]');
    await alert.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no error shown' });
    const text = await alert.getText();
    assert.match(text, /schedule\.conference\.days\[0\]\.rooms\["Hall B"\]\[0\]\.duration: "banana" is not a duration/);
    assert.equal(await (await browser.$('button[data-action="import"]')).isExisting(), false, 'nothing to import');
    await painted(browser);
    await screenshot('import-banana');
    assert.deepEqual(sessions(db, 'tinyconf'), []);
});

appTest('a frab schedule.xml into a new summit: the app switches to it', { seed: tinyconf }, async ({ browser, db, screenshot }) => {
    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    await previewImport(browser, fixture('31c3.schedule.xml'), '31c3');
    assert.equal(await previewSummary(browser), '138 sessions to add, 197 new speakers.');
    await waitForText(browser, 'into a new summit 31. Chaos Communication Congress');
    await setValue(browser, '[data-import="schedule"] input[name="tz"]', 'Europe/Berlin');
    await click(browser, 'button[data-action="preview"]');
    assert.equal(await previewSummary(browser), '138 sessions to add, 197 new speakers.');
    await click(browser, 'button[data-action="import"]');
    await waitForText(browser, 'Imported the schedule into 31. Chaos Communication Congress');
    const summits = roadieJson(db, 'summit', 'list');
    const ccc = summits.find((/** @type {any} */ s) => s.slug === '31c3');
    assert.ok(ccc, 'the summit was created');
    assert.equal(ccc.tz, 'Europe/Berlin');
    assert.equal(sessions(db, '31c3').length, 138);
    // The switcher now shows the new summit and the timeline its sessions.
    await waitFor(async () => (await (await browser.$('#summit-switcher')).getValue()) === String(ccc.id), { message: 'the switcher on 31c3' });
    await ready(browser, 'timeline');
    await painted(browser);
    await screenshot('import-31c3-timeline');
});

appTest('speakers from CSV: every bad row listed by line, nothing written, then imported once fixed', { seed: tinyconf }, async ({ browser, db, screenshot }) => {
    const csv = tempDb('speakers.csv'); // a path in a temporary folder removed after the run
    writeFileSync(csv, 'Full Name,Mail,Company,Country\nAda Lovelace,ada@example.org,Engines,GB\nGrace Hopper,grace-at-navy,Navy,US\nEdsger Dijkstra,edsger@example.org,TU/e,Netherlands\n');
    await click(browser, '[data-section="speakers"]');
    await ready(browser, 'speakers');
    await click(browser, '[data-action="import-csv"]');
    await (await browser.$('[data-import="csv"] input[name="path"]')).waitForDisplayed({ timeout: 15_000 });
    await setValue(browser, '[data-import="csv"] input[name="path"]', csv);
    await click(browser, 'button[data-action="preview"]');
    const problems = await browser.$('[data-problems]');
    await problems.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no problems listed' });
    const lines = await browser.execute(() => [...document.querySelectorAll('[data-problems] li')].map((li) => li.textContent));
    assert.deepEqual(lines, [
        'line 3 · E-mail: "grace-at-navy" is not an e-mail address',
        'line 4 · Country: "Netherlands" is not a two-letter country code such as DE',
    ]);
    assert.equal(await (await browser.$('button[data-action="import"]')).isEnabled(), false);
    await painted(browser);
    await screenshot('import-csv-problems');
    assert.deepEqual(roadieJson(db, 'speaker', 'list'), [], 'nothing is written');

    writeFileSync(csv, 'Full Name,Mail,Company,Country\nAda Lovelace,ada@example.org,Engines,GB\nGrace Hopper,grace@navy.mil,Navy,US\nEdsger Dijkstra,edsger@example.org,TU/e,NL\n');
    await setValue(browser, '[data-import="csv"] input[name="path"]', csv);
    await click(browser, 'button[data-action="preview"]');
    const summary = await browser.$('[data-preview] [data-summary]');
    await summary.waitForDisplayed({ timeout: 15_000 });
    await waitFor(async () => (await summary.getText()) === '3 rows: 3 new speakers to add.', { message: 'the fixed preview' });
    await click(browser, 'button[data-action="import"]');
    await waitForText(browser, 'Imported the speakers');
    await waitForText(browser, 'Edsger Dijkstra');
    const speakers = roadieJson(db, 'speaker', 'list');
    assert.deepEqual(speakers.map((/** @type {any} */ s) => s.name), ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Hopper']);
    assert.equal(speakers[2].email, 'grace@navy.mil');
    await painted(browser);
    await screenshot('import-csv-done');
});
