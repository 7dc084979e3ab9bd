// @ts-check
// The window itself: it opens on a CLI-seeded database, is titled Roadie, shows which database it
// has open, and can be photographed. Only what survives a rewrite of the UI is checked here.

import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appTest, nativeWindowTitles, roadieJson, waitFor, waitForText } from '../lib/app.js';

appTest('the window is titled Roadie', async ({ browser }) => {
    const title = await waitFor(async () => {
        const t = await browser.getTitle();
        return t.includes('Roadie') ? t : null;
    }, { message: 'the page title to contain "Roadie"' });
    assert.match(title, /Roadie/);
    const native = await waitFor(
        () => nativeWindowTitles().find((name) => name.includes('Roadie')),
        { message: 'a native window titled Roadie' },
    );
    assert.match(native, /Roadie/);
});

appTest('the page shows the database path of a demo-seeded database', async ({ browser, db }) => {
    await waitForText(browser, db);
    // Still up and answering a few seconds later, once the page has loaded its data.
    await new Promise((r) => setTimeout(r, 2000));
    assert.ok((await browser.getTitle()).includes('Roadie'), 'the window is still up');
});

appTest('a screenshot of the window is saved', async ({ browser, db, screenshot }) => {
    // Once the page shows the demo summit, as the CLI names it.
    const [summit] = roadieJson(db, 'summit', 'list');
    await waitForText(browser, summit.name);
    const path = await screenshot('window');
    const png = readFileSync(path);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')], `${path} is a PNG`);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 800 && height >= 500, `the screenshot is ${width}x${height}`);
});

const NOTES = Buffer.from('these are someone\'s notes, not a Roadie database\n'.repeat(200));

appTest('a file that is not a database: the window says so, keeps it, and tries again', {
    seed: (db) => writeFileSync(db, NOTES),
}, async ({ browser, db, screenshot }) => {
    await waitForText(browser, 'Could not open the database.');
    await waitForText(browser, `cannot open the database ${db}`);
    await screenshot('database-unopened');
    assert.deepEqual(readFileSync(db), NOTES, 'the file is untouched');

    // The notes move away; "Try again" opens a new database in their place.
    renameSync(db, `${db}.notes`);
    const retry = await browser.$('button.retry');
    await retry.click();
    await waitForText(browser, 'Welcome to Roadie');
    await waitForText(browser, db);
});
