// @ts-check
// Helpers for driving the real Roadie window: one WebDriver session (one app process) per test,
// each on its own fresh database. run.sh sets the environment these read; see README.md.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

/** @typedef {WebdriverIO.Browser} Browser */

/**
 * @param {string} name
 * @returns {string}
 */
function required(name) {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set: run the suite with tests/e2e/run.sh (or make e2e)`);
    }
    return value;
}

/** Where run.sh put things: the app and CLI binaries, the tauri-driver port, the output folder. */
export const env = {
    get app() { return required('E2E_APP'); },
    get cli() { return required('E2E_CLI'); },
    get port() { return Number(required('E2E_DRIVER_PORT')); },
    get out() { return required('E2E_OUT'); },
};

/** How long a wait helper waits unless told otherwise (E2E_WAIT_MS). */
export const DEFAULT_WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 15_000);

/** @type {Set<string>} the temporary folders still to remove */
const tempDirs = new Set();
process.on('exit', () => {
    if (process.env.E2E_KEEP) return;
    for (const dir of tempDirs) {
        try {
            rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
        } catch (error) {
            console.error(`e2e: could not remove ${dir}: ${error}`);
        }
    }
});

/**
 * A path for a new database in a fresh temporary folder (the file itself does not exist yet:
 * the CLI or the app creates it). The folder goes when the test ends (appTest) or when the spec
 * file's process exits, unless E2E_KEEP is set.
 * @param {string} [name]
 * @returns {string}
 */
export function tempDb(name = 'roadie.db') {
    const dir = mkdtempSync(join(tmpdir(), 'roadie-e2e-'));
    tempDirs.add(dir);
    return join(dir, name);
}

/**
 * Runs the `roadie` CLI on `db` and returns its stdout. Throws with its stderr when it fails.
 * @param {string} db
 * @param {...string} args
 * @returns {string}
 */
export function roadie(db, ...args) {
    try {
        return execFileSync(env.cli, ['--db', db, ...args], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: 60_000,
        });
    } catch (error) {
        const e = /** @type {{ status?: number, stderr?: string }} */ (error);
        throw new Error(`roadie ${args.join(' ')} failed (exit ${e.status}): ${e.stderr?.trim()}`);
    }
}

/**
 * Runs a `roadie … --json` command on `db` and returns the parsed JSON (for the list commands, an
 * array of objects whose fields README.md lists).
 * @template [T=Record<string, any>[]]
 * @param {string} db
 * @param {...string} args
 * @returns {T}
 */
export function roadieJson(db, ...args) {
    return JSON.parse(roadie(db, ...args, '--json'));
}

/**
 * Seeds `db` with the CLI's demo data.
 * @param {string} db
 * @param {'small' | 'large'} [scale]
 */
export function seedDemo(db, scale = 'small') {
    roadie(db, 'demo', '--scale', scale);
}

/**
 * Launches the app on `db` in a new WebDriver session and waits for its page to have loaded.
 * The app's XDG folders (its webview storage among them) are in `home/` beside `db`, so it
 * starts as on a first launch, and a second launch on the same `db` remembers what the first
 * left. Close it with `browser.deleteSession()` (appTest does).
 * @param {string} db
 * @param {{ args?: string[] }} [options] more command-line arguments for roadie-app
 * @returns {Promise<Browser>}
 */
export async function launch(db, options = {}) {
    /** @type {Parameters<typeof remote>[0]} */
    const params = {
        hostname: '127.0.0.1',
        port: env.port,
        logLevel: 'silent',
        // A retried POST /session would start a second app; the driver is local, so fail fast.
        connectionRetryCount: 0,
        // Per request; the app starts in a second or two, and one that fails to never connects.
        connectionRetryTimeout: 30_000,
        capabilities: {
            // tauri-driver forwards requests verbatim and WebKitWebDriver has no BiDi.
            'wdio:enforceWebDriverClassic': true,
            // @ts-expect-error tauri-driver's own capability, unknown to webdriverio's types
            'tauri:options': {
                // The app with XDG folders of its own beside the database: a first launch.
                application: fileURLToPath(new URL('./app-with-own-home.sh', import.meta.url)),
                args: ['--e2e-app', env.app, '--e2e-home', join(dirname(db), 'home'),
                    '--db', db, ...(options.args ?? [])],
            },
        },
    };
    // WebKitWebDriver holds one session at a time: wait for the previous test's to be deleted.
    const browser = await waitFor(async () => {
        try {
            return await remote(params);
        } catch (error) {
            if (/Maximum number of active sessions/i.test(String(error))) throw error;
            const log = join(env.out, 'tauri-driver.log');
            throw Object.assign(new Error(`the app did not start a WebDriver session (${error}); `
                + `its stderr is in ${log}`), { fatal: true });
        }
    }, { message: 'a WebDriver session (the app to launch)', timeout: 60_000, interval: 250 });
    await waitFor(
        () => browser.execute(() => document.readyState === 'complete'),
        { message: 'the page to finish loading' },
    );
    return browser;
}

/**
 * Polls `condition` until it returns a truthy value, and returns that value. On timeout it throws
 * "timed out after N ms waiting for MESSAGE" with the last error `condition` threw, if any. An
 * error with a truthy `fatal` property, or WebDriver's "invalid session id", ends the wait at once.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{ timeout?: number, interval?: number, message?: string }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(condition, options = {}) {
    const { timeout = DEFAULT_WAIT_MS, interval = 100, message = 'a condition' } = options;
    const deadline = Date.now() + timeout;
    /** @type {unknown} */
    let lastError;
    for (;;) {
        try {
            const value = await condition();
            if (value) return /** @type {NonNullable<T>} */ (value);
            lastError = undefined;
        } catch (error) {
            if (error && /** @type {{ fatal?: boolean }} */ (error).fatal) throw error;
            // The session is gone (the app quit, or the test timed out): waiting cannot help.
            if (/invalid session id/i.test(String(error))) throw error;
            lastError = error;
        }
        if (Date.now() >= deadline) {
            const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
            throw new Error(`timed out after ${timeout} ms waiting for ${message}${cause}`);
        }
        await new Promise((r) => setTimeout(r, interval));
    }
}

/**
 * The page's visible text (document.body.innerText).
 * @param {Browser} browser
 * @returns {Promise<string>}
 */
export async function bodyText(browser) {
    return browser.execute(() => document.body?.innerText ?? '');
}

/**
 * Waits until the page's visible text contains `text`; returns the whole text. On timeout the
 * message quotes the start of what the page did show.
 * @param {Browser} browser
 * @param {string} text
 * @param {{ timeout?: number }} [options]
 * @returns {Promise<string>}
 */
export async function waitForText(browser, text, options = {}) {
    let last = '';
    try {
        return await waitFor(async () => {
            last = await bodyText(browser);
            return last.includes(text) ? last : '';
        }, { ...options, message: `the page to show ${JSON.stringify(text)}` });
    } catch (error) {
        const shown = last.replace(/\s+/g, ' ').slice(0, 300);
        const message = /** @type {Error} */ (error).message;
        throw new Error(`${message}; it shows: ${JSON.stringify(shown)}`);
    }
}

/**
 * Waits until the page's visible text no longer contains `text`.
 * @param {Browser} browser
 * @param {string} text
 * @param {{ timeout?: number }} [options]
 */
export async function waitForNoText(browser, text, options = {}) {
    await waitFor(async () => !(await bodyText(browser)).includes(text),
        { ...options, message: `the page to stop showing ${JSON.stringify(text)}` });
}

/**
 * Clicks the element `selector` finds, once it can be clicked.
 * @param {Browser} browser
 * @param {string} selector
 */
export async function click(browser, selector) {
    const el = await browser.$(selector);
    await el.waitForClickable({ timeout: 15_000, timeoutMsg: `${selector} never became clickable` });
    await el.click();
}

/**
 * Waits for the screen `id` to have loaded (`[data-ready="id"]`).
 * @param {Browser} browser
 * @param {string} id
 */
export async function ready(browser, id) {
    const el = await browser.$(`[data-ready="${id}"]`);
    await el.waitForExist({ timeout: 30_000, timeoutMsg: `the ${id} never became ready` });
}

/**
 * Sets the value of the field `selector` finds, as one edit (an `input` and a `change` event),
 * for selects and date and time inputs that typing does not fill reliably.
 * @param {Browser} browser
 * @param {string} selector
 * @param {string} value
 */
export async function setValue(browser, selector, value) {
    const found = await browser.execute(
        (sel, v) => {
            const input = /** @type {HTMLInputElement | null} */ (document.querySelector(sel));
            if (!input) return false;
            input.value = v;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            input.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
        },
        selector,
        value,
    );
    assert.ok(found, `${selector} is on the page`);
}

/**
 * Types `text` into the input named `name`, replacing what it held.
 * @param {Browser} browser
 * @param {string} name
 * @param {string} text
 */
export async function typeInto(browser, name, text) {
    const input = await browser.$(`input[name="${name}"]`);
    await input.waitForDisplayed({ timeout: 15_000, timeoutMsg: `no input named ${name}` });
    await input.clearValue();
    await input.setValue(text);
}

/**
 * The text of the open alert/confirm/prompt dialog, or null when there is none.
 * @param {Browser} browser
 * @returns {Promise<string | null>}
 */
export async function alertText(browser) {
    try {
        return await browser.getAlertText();
    } catch {
        return null;
    }
}

/**
 * A file-name-safe form of a test's name.
 * @param {string} name
 */
export function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * Saves a screenshot of the window to test-output/e2e/NAME.png and returns its path.
 * @param {Browser} browser
 * @param {string} name
 * @returns {Promise<string>}
 */
export async function screenshot(browser, name) {
    mkdirSync(env.out, { recursive: true });
    const path = resolve(env.out, `${slug(name)}.png`);
    await browser.saveScreenshot(path);
    return path;
}

/**
 * The names of the top-level X windows on the test display (the native window titles, which
 * WebDriver cannot see: it reports the page's <title>).
 * @returns {string[]}
 */
export function nativeWindowTitles() {
    const tree = execFileSync('xwininfo', ['-root', '-children'], { encoding: 'utf8' });
    return [...tree.matchAll(/^\s+0x[0-9a-f]+ "(.*)":/gm)].map((m) => m[1]);
}

/**
 * @typedef {object} AppContext
 * @property {Browser} browser the WebDriver session on the running app
 * @property {string} db the test's database file
 * @property {(name: string) => Promise<string>} screenshot saves test-output/e2e/NAME.png
 * @property {import('node:test').TestContext} t node's test context
 */

/**
 * @typedef {object} AppTestOptions
 * @property {'demo' | 'empty' | ((db: string) => void)} [seed] what the database holds when the
 *   app starts: the CLI's small demo (default), nothing (the app creates the file), or whatever
 *   the function puts there (e.g. with `roadie(db, …)`)
 * @property {string[]} [args] more command-line arguments for roadie-app
 * @property {number} [timeout] ms for the whole test, launch included (default 120 000)
 */

/**
 * Declares a test that gets a fresh database, seeded as asked, and the app launched on it. When
 * the body fails it saves test-output/e2e/failed-NAME.png; it always ends the session (which
 * closes the app) and removes the database.
 * @param {string} name
 * @param {AppTestOptions | ((ctx: AppContext) => Promise<void>)} options
 * @param {(ctx: AppContext) => Promise<void>} [body]
 */
export function appTest(name, options, body) {
    const opts = typeof options === 'function' ? {} : options;
    const fn = typeof options === 'function' ? options : body;
    if (!fn) throw new Error(`appTest ${JSON.stringify(name)} has no body`);
    const { seed = 'demo', args = [], timeout = 120_000 } = opts;

    test(name, { timeout }, async (t) => {
        const db = tempDb();
        /** @type {Browser | undefined} */
        let browser;
        try {
            if (seed === 'demo') seedDemo(db);
            else if (typeof seed === 'function') seed(db);
            browser = await launch(db, { args });
            const b = browser;
            // A test that times out is abandoned, not stopped: end its session (and app) now so
            // the next test can start one.
            t.signal.addEventListener('abort', () => { b.deleteSession().catch(() => {}); });
            await fn({ browser: b, db, t, screenshot: (shot) => screenshot(b, shot) });
        } catch (error) {
            if (browser) {
                const path = await screenshot(browser, `failed-${name}`).catch(() => null);
                if (path) t.diagnostic(`screenshot: ${path}`);
            }
            throw error;
        } finally {
            await browser?.deleteSession().catch(() => {});
            if (!process.env.E2E_KEEP) {
                // The app may still be closing its database files as its session ends: retry,
                // and if it is still writing there, leave the folder to the clean-up at exit.
                try {
                    rmSync(dirname(db), { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
                    tempDirs.delete(dirname(db));
                } catch (error) {
                    t.diagnostic(`database folder left for the clean-up at exit: ${error}`);
                }
            } else {
                t.diagnostic(`database kept: ${db}`);
            }
        }
    });
}
