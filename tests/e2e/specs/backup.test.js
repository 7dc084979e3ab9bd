// @ts-check
// Restoring a backup in the real window: the about box checks the file, then asks before replacing
// the open database, naming the file and the database; cancelling changes nothing, confirming
// restores it and the window shows the restored data. The native open dialog cannot be driven
// through WebDriver, so the backup's path is typed into the field beside "Choose…".

import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appTest, click, roadie, roadieJson, seedDemo, typeInto, waitFor, waitForNoText, waitForText } from '../lib/app.js';

/**
 * @typedef {import('webdriverio').Browser} Browser
 */

/** The summits the switcher offers. */
async function switcherSummits(/** @type {Browser} */ browser) {
    return browser.execute(() =>
        Array.from(document.querySelectorAll('#summit-switcher optgroup[label="Summits"] option')).map((o) => o.textContent?.trim() ?? ''),
    );
}

/** The snapshots taken before a restore, in the backups folder beside `db`. */
function restoreSnapshots(/** @type {string} */ db) {
    try {
        return readdirSync(join(dirname(db), 'roadie-backups')).filter((n) => n.endsWith('-before-restore.db'));
    } catch {
        return [];
    }
}

/** The demo, backed up, then a summit added after the backup. */
function seed(/** @type {string} */ db) {
    seedDemo(db);
    roadie(db, 'backup', '--out', join(dirname(db), 'northwind-backup.zip'));
    roadie(db, 'summit', 'create', '--name', 'Later Summit', '--slug', 'later', '--tz', 'Europe/Berlin',
        '--start', '2027-03-01', '--end', '2027-03-02', '--currency', 'EUR');
}

appTest('restoring a backup asks first: cancel changes nothing, confirm restores and shows it', { seed }, async ({ browser, db, screenshot }) => {
    const backup = join(dirname(db), 'northwind-backup.zip');
    await waitFor(async () => (await switcherSummits(browser)).includes('Later Summit'), { message: 'the later summit in the switcher' });
    // On the summit added after the backup, which the restore takes away.
    await (await browser.$('#summit-switcher')).selectByVisibleText('Later Summit');
    await waitFor(async () => /Later Summit/.test(await (await browser.$('[data-ready="dashboard"]')).getText()), {
        message: 'the dashboard of the later summit',
    });

    await click(browser, '[data-action="about"]');
    await click(browser, '[data-action="restore-backup"]');

    // A file that is not a backup is refused in the field, before anything is asked.
    const notes = join(dirname(db), 'notes.txt');
    writeFileSync(notes, 'not a backup');
    await typeInto(browser, 'backup-path', notes);
    await click(browser, '[data-action="check-backup"]');
    await waitForText(browser, 'not a Roadie backup');
    assert.equal(await (await browser.$('[data-testid="restore-confirm"]')).isExisting(), false);

    // The real backup: the confirmation names the file, what it holds and the database it replaces.
    await typeInto(browser, 'backup-path', backup);
    await click(browser, '[data-action="check-backup"]');
    const confirm = await browser.$('[data-testid="restore-confirm"]');
    await confirm.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the confirmation never showed' });
    const asked = await confirm.getText();
    assert.match(asked, /Northwind Open Source Summit/);
    assert.ok(asked.includes(backup), `the file is named: ${asked}`);
    assert.ok(asked.includes(db), `the database it replaces is named: ${asked}`);
    await waitForText(browser, 'Replace the open database?');
    await screenshot('backup-restore-confirm');

    // Cancel: nothing changes.
    await click(browser, '[data-action="cancel-restore"]');
    await confirm.waitForExist({ reverse: true, timeout: 15_000, timeoutMsg: 'the confirmation stayed open' });
    assert.deepEqual(roadieJson(db, 'summit', 'list').map((s) => s.slug).sort(), ['later', 'northwind']);
    assert.deepEqual(restoreSnapshots(db), []);
    assert.ok((await switcherSummits(browser)).includes('Later Summit'));
    await waitForText(browser, 'Later Summit');

    // Confirm: restored, and the window shows the backup's data.
    await click(browser, '[data-action="check-backup"]');
    await confirm.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the confirmation never showed again' });
    await click(browser, '[data-action="confirm-restore"]');
    await waitForText(browser, 'Restored the backup');
    await waitFor(async () => {
        const offered = await switcherSummits(browser);
        return offered.length === 1 && offered[0] === 'Northwind Open Source Summit';
    }, { message: 'the switcher to offer only the restored summit' });
    const dashboard = await browser.$('[data-ready="dashboard"]');
    await dashboard.waitForExist({ timeout: 30_000, timeoutMsg: 'the dashboard never reloaded' });
    await waitFor(async () => /Northwind Open Source Summit/.test(await dashboard.getText()), {
        message: 'the dashboard of the restored summit',
    });
    await waitForNoText(browser, 'Later Summit');
    await screenshot('backup-restored');

    assert.deepEqual(roadieJson(db, 'summit', 'list').map((s) => s.slug), ['northwind']);
    assert.equal(restoreSnapshots(db).length, 1, 'the database as it was is kept');
    assert.match(roadie(db, 'audit', 'verify'), /audit log intact/);
});
