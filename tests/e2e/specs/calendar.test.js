// @ts-check
// Calendars in the real window: the export dialog counts what each audience's calendar holds as
// the database does (the organisers' one with each shipment's ship-by and must-arrive-by days) and
// saves the file; a booked speaker's itinerary, with their arrival and departure, is saved from
// their form; and
// "Publish now" puts the calendar into a real CalDAV server (Radicale), then finds nothing new.
// The native save dialog cannot be driven through WebDriver, so files are saved through the path
// field beside "Choose…" (the dialog's own path is tested with mocks in ui/ and src-tauri/).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { appTest, click, ready, roadie, roadieJson, typeInto, waitFor } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

/** Which gathering audiences each summit calendar holds (crates/roadie-core/src/ical/feeds.rs). */
const COVERS = {
    public: ['public'],
    attendees: ['public', 'attendees'],
    speakers: ['public', 'attendees', 'speakers'],
    organisers: ['public', 'attendees', 'speakers', 'invite-only', 'organisers'],
};

/** How many events an .ics file holds. */
function events(/** @type {string} */ path) {
    return readFileSync(path, 'utf8').split('BEGIN:VEVENT\r\n').length - 1;
}

/** Opens the calendars dialog from the timeline of the demo summit. */
async function openCalendars(/** @type {Browser} */ browser) {
    await ready(browser, 'dashboard');
    await click(browser, '[data-section="timeline"]');
    await ready(browser, 'timeline');
    await click(browser, '[data-action="calendars"]');
    await ready(browser, 'calendars');
}

appTest('the export dialog shows each audience\'s count as the database has it, and saves the file', async ({ browser, db, screenshot }) => {
    await openCalendars(browser);
    const gatherings = roadieJson(db, 'gathering', 'list', '--summit', 'northwind');
    // Each shipment to the summit or its gatherings has two days in the organisers' calendar.
    const shipments = roadieJson(db, 'shipment', 'list', '--summit', 'northwind');
    const shippingDays = 2 * shipments.filter((s) => s.must_arrive_by !== null).length;
    assert.ok(shippingDays > 0, 'the demo has shipments to the summit');
    for (const [audience, covered] of Object.entries(COVERS)) {
        const want = gatherings.filter((g) => covered.includes(g.audience)).length + (audience === 'organisers' ? shippingDays : 0);
        const option = await browser.$(`[data-audience="${audience}"]`);
        const shown = await waitFor(() => option.getAttribute('data-events'), { message: `the ${audience} count` });
        assert.equal(Number(shown), want, `${audience}: the dialog shows ${shown}, the database has ${want}`);
        // What a person reads in the option, once the dialog has finished appearing.
        await waitFor(async () => new RegExp(`\\b${want} events`).test(await option.getText()), {
            message: `"${want} events" shown for ${audience}`,
        });
    }
    await screenshot('calendar-export-dialog');

    await click(browser, '[data-audience="organisers"]');
    const contents = await browser.$('[data-testid="calendar-contents"]');
    await waitFor(async () => /organisers/.test(await contents.getText()), { message: 'the organisers calendar described' });
    assert.match(await contents.getText(), new RegExp(`\\b${shippingDays} shipping deadlines\\b`));
    const target = join(dirname(db), 'northwind-organisers.ics');
    await typeInto(browser, 'path', target);
    await click(browser, '[data-action="save-file"]');
    const saved = await browser.$('[data-saved-events]');
    await saved.waitForExist({ timeout: 15_000, timeoutMsg: 'no saved message' });
    assert.equal(Number(await saved.getAttribute('data-saved-events')), gatherings.length + shippingDays);
    assert.equal(events(target), gatherings.length + shippingDays, 'the file holds every gathering of the summit and the shipping days');
    const wholeDays = readFileSync(target, 'utf8').split('\r\nCATEGORIES:shipment\r\n').length - 1;
    assert.equal(wholeDays, shippingDays, 'each shipping day is in the file once');
    await screenshot('calendar-export-saved');

    // A path that is not a full one is refused under the field; nothing is written.
    await typeInto(browser, 'path', 'relative.ics');
    await click(browser, '[data-action="save-file"]');
    const error = await browser.$('[data-error-for="path"]');
    await error.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'no message under File' });
    assert.match(await error.getText(), /full path/);
});

appTest('a booked speaker\'s itinerary, with their arrival and departure, is saved from their form', async ({ browser, db, screenshot }) => {
    await ready(browser, 'dashboard');
    await click(browser, '[data-section="speakers"]');
    await ready(browser, 'speakers');
    // A speaker with a talk and a booking (the demo books a few).
    const booked = new Set(roadieJson(db, 'travel', 'list', '--summit', 'northwind', '--status', 'booked').map((r) => r.speaker));
    const speaker = roadieJson(db, 'speaker', 'list', '--summit', 'northwind').find((s) => booked.has(s.name));
    assert.ok(speaker, 'the demo has a booked speaker with a talk');
    const filter = await browser.$('input[type="search"]');
    await filter.setValue(speaker.name);
    const cell = await browser.$(`.cell-primary=${speaker.name}`);
    await cell.waitForDisplayed({ timeout: 15_000, timeoutMsg: `${speaker.name} is not listed` });
    await cell.doubleClick();
    await click(browser, '[data-action="itinerary"]');
    await ready(browser, 'itinerary');
    const expected = join(dirname(db), 'expected.ics');
    roadie(db, 'export', 'ical', '--speaker', String(speaker.id), '--out', expected);
    const contents = await browser.$('[data-testid="itinerary-contents"]');
    assert.equal(Number(await contents.getAttribute('data-events')), events(expected));
    // What a person reads, once the dialog has finished appearing.
    await waitFor(async () => /\b1 arrival and 1 departure\b/.test(await contents.getText()), {
        message: 'the arrival and the departure counted',
    });
    assert.match(readFileSync(expected, 'utf8'), /\r\nSUMMARY:Arrive: /);
    await screenshot('speaker-itinerary');

    const target = join(dirname(db), 'itinerary.ics');
    await typeInto(browser, 'path', target);
    await click(browser, '[data-action="save-file"]');
    await (await browser.$('[data-saved-events]')).waitForExist({ timeout: 15_000, timeoutMsg: 'no saved message' });
    assert.equal(events(target), events(expected));
    assert.match(readFileSync(target, 'utf8'), new RegExp(`X-WR-CALNAME:${speaker.name.split(' ')[0]}`));
});

/** A free TCP port on 127.0.0.1. */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

/** Radicale on 127.0.0.1 with a throw-away configuration open to anyone, and a calendar in it. */
async function startRadicale(/** @type {string} */ dir) {
    const port = await freePort();
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'radicale.conf');
    writeFileSync(config, `[server]\nhosts = 127.0.0.1:${port}\n[auth]\ntype = none\n[rights]\ntype = authenticated\n`
        + `[storage]\nfilesystem_folder = ${join(dir, 'collections')}\n[web]\ntype = none\n`);
    const child = spawn('radicale', ['--config', config], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/`).catch(() => null))?.status, { message: 'Radicale to answer' });
    assert.equal((await fetch(`${base}/team/`, { method: 'MKCOL' })).status, 201);
    const collection = `${base}/team/northwind/`;
    assert.equal((await fetch(collection, { method: 'MKCALENDAR' })).status, 201);
    return { child, collection };
}

/** The `.ics` resources a collection holds, read with PROPFIND. */
async function resources(/** @type {string} */ collection) {
    const res = await fetch(collection, { method: 'PROPFIND', headers: { Depth: '1' } });
    assert.equal(res.status, 207);
    return [...(await res.text()).matchAll(/<href>([^<]*\.ics)<\/href>/g)].map((m) => m[1]);
}

appTest('"Publish now" puts the calendar into a real CalDAV server, then finds nothing new', async ({ browser, db, screenshot }) => {
    assert.ok(existsSync('/usr/bin/radicale'), 'radicale is missing: run scripts/setup.sh');
    const { child, collection } = await startRadicale(join(dirname(db), 'radicale'));
    try {
        await openCalendars(browser);
        await click(browser, '[data-tab="caldav"]');
        await typeInto(browser, 'url', collection);
        await click(browser, '[data-action="publish"]');
        const report = await browser.$('[data-testid="publish-report"]');
        await report.waitForExist({ timeout: 30_000, timeoutMsg: 'no publish report' });
        const publicCount = roadieJson(db, 'gathering', 'list', '--summit', 'northwind', '--audience', 'public').length;
        assert.match(await report.getText(), new RegExp(`${publicCount} created, 0 updated, 0 unchanged, 0 failed`));
        assert.equal((await resources(collection)).length, publicCount);
        await screenshot('calendar-published');

        await click(browser, '[data-action="publish"]');
        await waitFor(async () => new RegExp(`0 created, 0 updated, ${publicCount} unchanged`).test(await report.getText()), {
            message: 'a second publish to find nothing new',
        });
        assert.equal((await resources(collection)).length, publicCount);
    } finally {
        child.kill();
    }
});
