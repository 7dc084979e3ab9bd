// @ts-check
// One app per database: launching Roadie again on a database it already has open brings the
// running window to the front and exits, instead of opening the database a second time; another
// database still gets a window of its own. The apps find each other on a D-Bus session bus
// (tauri-plugin-single-instance), here a private one this file starts (lib/session-bus.conf).

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest, env, tempDb, waitFor, waitForText } from '../lib/app.js';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));
const wrapper = join(lib, 'app-with-own-home.sh');

const [address, pid] = execFileSync('dbus-daemon', [
    `--config-file=${join(lib, 'session-bus.conf')}`, '--fork', '--print-address=1', '--print-pid=1',
], { encoding: 'utf8' }).trim().split('\n');
process.on('exit', () => {
    try { process.kill(Number(pid)); } catch { /* already gone */ }
});

/**
 * The arguments that launch the app on `db` as the driver does, on the private bus.
 * @param {string} db
 * @returns {string[]}
 */
function appArgs(db) {
    return ['--e2e-app', env.app, '--e2e-home', join(dirname(db), 'home'), '--db', db,
        '--e2e-dbus', address];
}

/**
 * The X window ids of the windows named Roadie.
 * @returns {string[]}
 */
function roadieWindows() {
    const found = spawnSync('xdotool', ['search', '--name', '^Roadie$'], { encoding: 'utf8' });
    return found.stdout.split('\n').filter(Boolean);
}

/**
 * The X window id of the one window named Roadie.
 * @returns {string}
 */
function roadieWindow() {
    const ids = roadieWindows();
    assert.equal(ids.length, 1, `one window named Roadie, not ${ids.length}`);
    return ids[0];
}

/**
 * Whether the window `id` is mapped (shown) on the display.
 * @param {string} id
 * @returns {boolean}
 */
function isShown(id) {
    return /Map State: IsViewable/.test(execFileSync('xwininfo', ['-id', id], { encoding: 'utf8' }));
}

appTest('a second launch on the same database shows the running window and exits', {
    args: ['--e2e-dbus', address],
}, async ({ browser, db, screenshot }) => {
    await waitForText(browser, 'Northwind');
    const window = roadieWindow();
    // Hidden behind the app's back (as if minimised), and it stays hidden by itself.
    execFileSync('xdotool', ['windowunmap', window]);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(isShown(window), false, 'the window stays hidden until something shows it');

    const second = spawnSync(wrapper, appArgs(db), { encoding: 'utf8', timeout: 20_000 });
    assert.equal(second.error, undefined, `the second launch did not end: ${second.error}`);
    assert.equal(second.status, 0, `the second launch exits 0: ${second.stderr}`);
    await waitFor(() => isShown(window), { message: 'the running window to be shown again' });
        assert.equal(roadieWindow(), window, 'still one window, the same');
    // The first app goes on answering.
    await waitForText(browser, 'Northwind');
    await screenshot('single-instance-shown-again');
});

appTest('another database opens in a window of its own', {
    args: ['--e2e-dbus', address],
}, async ({ browser }) => {
    await waitForText(browser, 'Northwind');
    const other = tempDb('other.db');
    const app = spawn(wrapper, appArgs(other), { stdio: 'ignore' });
    try {
        await waitFor(() => roadieWindows().length === 2, { message: 'a second window, on other.db' });
        assert.equal(app.exitCode, null, 'the app on other.db keeps running');
    } finally {
        app.kill('SIGTERM');
    }
    await waitFor(() => roadieWindows().length === 1, { message: 'the other window to close' });
    await waitForText(browser, 'Northwind');
});
