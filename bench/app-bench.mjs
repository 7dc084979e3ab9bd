#!/usr/bin/env node
// Roadie's app benchmarks against a bare Tauri window, through WebDriver (tauri-driver in front of
// WebKitWebDriver) on the X display in $DISPLAY: cold start, memory of the whole process tree, and
// filtering a 10,000-row list keystroke by keystroke. bench/run.sh builds everything, seeds the
// database, starts Xvfb and calls this; see bench/README.md. No npm packages: WebDriver is a
// handful of HTTP calls, made with Node's fetch.
//
//   node bench/app-bench.mjs --roadie PATH --bare PATH --db PATH [options]
//
// Options (defaults in brackets):
//   --reps N                 cold-start repetitions of each app [5]
//   --ready SEL              roadie is ready when SEL exists [[data-ready="dashboard"]]
//   --bare-ready SEL         the bare window is ready when SEL exists [body[data-ready]]
//   --ready-mark NAME        the performance mark either page sets when ready, if any [ready]
//   --timeline-nav SEL       clicked to open the timeline [[data-section="timeline"]]
//   --timeline-ready SEL     the timeline shows data [[data-ready="timeline"]]
//   --list-nav SEL           clicked to open the 10,000-row list [[data-section="socials"]]
//   --list-ready SEL         the list shows data [[data-ready="socials"]]
//   --list-choose SEL=VALUE  a <select> set to VALUE (with an input and a change event) before
//                            typing, '' for none [select[name="kind-filter"]=all]: the socials
//                            list shows every kind of gathering with "all"
//   --filter-input SEL       the list's filter [input[type=search]]
//   --list-count SEL         its text is shown before and after typing, to check how many rows
//                            the list holds [[role=status]]
//   --query TEXT             typed one character at a time, then erased [reproducible]
//   --timeout S              how long to wait for each selector [30]
//   --settle S               pause before reading memory [2]
//   --skip-filter / --skip-memory

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, realpathSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

const { values: opt } = parseArgs({
  options: {
    roadie: { type: "string" },
    bare: { type: "string" },
    db: { type: "string" },
    reps: { type: "string", default: "5" },
    ready: { type: "string", default: '[data-ready="dashboard"]' },
    "bare-ready": { type: "string", default: "body[data-ready]" },
    "ready-mark": { type: "string", default: "ready" },
    "timeline-nav": { type: "string", default: '[data-section="timeline"]' },
    "timeline-ready": { type: "string", default: '[data-ready="timeline"]' },
    "list-nav": { type: "string", default: '[data-section="socials"]' },
    "list-ready": { type: "string", default: '[data-ready="socials"]' },
    "list-choose": { type: "string", default: 'select[name="kind-filter"]=all' },
    "filter-input": { type: "string", default: "input[type=search]" },
    "list-count": { type: "string", default: "[role=status]" },
    query: { type: "string", default: "reproducible" },
    timeout: { type: "string", default: "30" },
    settle: { type: "string", default: "2" },
    "skip-filter": { type: "boolean", default: false },
    "skip-memory": { type: "boolean", default: false },
    "native-driver": { type: "string", default: "/usr/bin/WebKitWebDriver" },
  },
});
for (const name of ["roadie", "bare", "db"]) {
  if (!opt[name]) fail(`--${name} is required`);
}
if (!process.env.DISPLAY) fail("DISPLAY is not set: run this under Xvfb (bench/run.sh does)");
const reps = Number(opt.reps);
const timeoutMs = Number(opt.timeout) * 1000;
const settleMs = Number(opt.settle) * 1000;

function fail(message) {
  console.error(`app-bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// WebDriver over HTTP.

class NotFound extends Error {}

class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, application) {
    const body = {
      capabilities: { alwaysMatch: { "tauri:options": { application, args: [] } } },
    };
    const value = await call("POST", `${base}/session`, body);
    const session = new Session(base, value.sessionId);
    await session.cmd("POST", "/timeouts", { script: timeoutMs + 10_000 });
    return session;
  }

  cmd(method, path, body) {
    return call(method, `${this.base}/session/${this.id}${path}`, body);
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Waits until `selector` exists; returns the page's wall-clock time (ms since the epoch) at
   * which it was ready: the `mark` performance mark if the page set one, else the moment a
   * MutationObserver saw the selector appear ("observer"), else, when it was already there at
   * the look, the time of the look, which is then only an upper bound ("already"). */
  async waitFor(selector, mark = "") {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      let found;
      try {
        found = await this.executeAsync(WAIT_FOR, [selector, mark, Math.min(1000, deadline - Date.now())]);
      } catch (error) {
        // The page may be between documents while the app starts: look again.
        if (!(error instanceof WebDriverError)) throw error;
        await sleep(20);
        continue;
      }
      if (found) return found;
    }
    throw new NotFound(`selector not found after ${opt.timeout}s: ${selector}`);
  }

  /** Where a launch's time went: when the page's document started (its time origin) and each
   * performance mark the page set, in ms after the app process started. */
  async phases(processStart) {
    const page = await this.executeAsync(PHASES, []);
    const phases = [["page", page.origin - processStart]];
    for (const [name, at] of page.marks) phases.push([name, page.origin + at - processStart]);
    return phases;
  }

  async click(selector) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let element;
      try {
        element = await this.cmd("POST", "/element", { using: "css selector", value: selector });
      } catch (error) {
        if (!(error instanceof WebDriverError)) throw error;
        if (Date.now() > deadline) throw new NotFound(`selector not found after ${opt.timeout}s: ${selector}`);
        await sleep(100);
        continue;
      }
      await this.cmd("POST", `/element/${element[ELEMENT_KEY]}/click`, {});
      return;
    }
  }

  async close() {
    try {
      await this.cmd("DELETE", "");
    } catch {
      // The driver goes down with its process group anyway.
    }
  }
}

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

class WebDriverError extends Error {}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const value = json.value ?? {};
    throw new WebDriverError(`${method} ${url}: ${value.error ?? response.status}: ${value.message ?? ""}`);
  }
  return json.value;
}

// Runs in the page: sets a <select> to a value as a user would; resolves with an error text or
// null, after two frames so the list has re-rendered.
const CHOOSE = `
const [selector, value, done] = arguments;
const select = document.querySelector(selector);
if (!select) return done("no element " + selector);
if (![...select.options].some((o) => o.value === value)) return done(selector + " has no option " + value);
select.value = value;
select.dispatchEvent(new Event("input", { bubbles: true }));
select.dispatchEvent(new Event("change", { bubbles: true }));
requestAnimationFrame(() => requestAnimationFrame(() => done(null)));`;

// Runs in the page: its time origin (epoch ms) and its performance marks (ms after it).
const PHASES = `
const done = arguments[arguments.length - 1];
done({
  origin: performance.timeOrigin,
  marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]),
});`;

// Runs in the page: resolves with the time `selector` appears, or null after `ms`.
const WAIT_FOR = `
const [selector, mark, ms, done] = arguments;
const now = () => performance.timeOrigin + performance.now();
const found = (already) => {
  const marked = mark ? performance.getEntriesByName(mark, "mark")[0] : undefined;
  if (marked) done({ at: performance.timeOrigin + marked.startTime, how: "mark" });
  else done({ at: now(), how: already ? "already" : "observer" });
};
if (document.querySelector(selector)) { found(true); return; }
const observer = new MutationObserver(() => {
  if (document.querySelector(selector)) { observer.disconnect(); found(false); }
});
observer.observe(document, { subtree: true, childList: true, attributes: true });
setTimeout(() => { observer.disconnect(); done(null); }, ms);
`;

// Runs in the page: types successive prefixes of the query into the filter, then erases them,
// timing each keystroke two ways (see bench/README.md):
//   frame: the keystroke is dispatched at the start of a frame (in a requestAnimationFrame
//          callback) and timed until a zero-delay timer set there fires, which is after that
//          frame's style, layout and paint: the time the keystroke costs the frame (the README
//          says why a timer and not a MessageChannel message);
//   next:  the frame after the keystroke's, timed the same way from its start: what the
//          keystroke left for later (the list's scroll height follows its rows a frame late);
//   script: from the dispatch until a microtask queued after it runs, after the UI's reactive
//          update (Svelte flushes in a microtask): the keystroke's JavaScript alone;
//   raf2:  from the dispatch until two requestAnimationFrame callbacks later, as first specified;
//          it cannot be shorter than one frame interval (16.7 ms at 60 Hz) by construction;
//   again: the query typed and erased a third time, timed as the first, seconds later in the
//          same page (see bench/README.md: it has measured slower than the first pass).
const TYPE_QUERY = `
const [selector, query, countSelector, done] = arguments;
const input = document.querySelector(selector);
const count = () => {
  const texts = [...document.querySelectorAll(countSelector)].map((e) => e.textContent.trim()).filter(Boolean);
  return texts.length ? texts.join(" | ") : "unknown";
};
if (!input) { done({ error: "no filter input " + selector }); return; }
const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
const type = (text) => {
  input.focus();
  setter.call(input, text);
  input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const timedFrame = (work) => new Promise((resolve) => requestAnimationFrame(() => {
  const start = performance.now();
  work(start);
  setTimeout(() => resolve(performance.now() - start), 0);
}));
// The keystroke's frame and the one after it. The next frame's callback is asked for before the
// keystroke, so it runs before any the app asks for while handling it.
const afterFrame = (text, result) => {
  let nextFrame;
  const keystroke = timedFrame((start) => {
    nextFrame = timedFrame(() => {});
    type(text);
    queueMicrotask(() => result.script.push(performance.now() - start));
  });
  return keystroke.then(async (ms) => {
    result.frame.push(ms);
    result.next.push(await nextFrame);
  });
};
const twoFrames = async (text) => {
  const start = performance.now();
  type(text);
  await frame();
  await frame();
  return performance.now() - start;
};
const texts = [];
for (let i = 1; i <= query.length; i++) texts.push(query.slice(0, i));
for (let i = query.length - 1; i >= 0; i--) texts.push(query.slice(0, i));
(async () => {
  const result = { frame: [], next: [], script: [], raf2: [], countBefore: count() };
  for (const text of texts) {
    await afterFrame(text, result);
    await frame();
    if (text === query) result.countTyped = count();
  }
  for (const text of texts) {
    result.raf2.push(await twoFrames(text));
  }
  // Typed a third time, timed as the first: the same keystrokes once the page has run them.
  result.again = { frame: [], next: [], script: [] };
  for (const text of texts) {
    await afterFrame(text, result.again);
    await frame();
  }
  done(result);
})().catch((error) => done({ error: String(error) }));
`;

// ---------------------------------------------------------------------------------------------
// Processes.

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** One tauri-driver (and its WebKitWebDriver) per launch, with a fresh home for WebKit's caches
 * and data, so that every start is a first start. */
async function startDriver(extraEnv) {
  const home = mkdtempSync(join(tmpdir(), "roadie-bench-"));
  const port = await freePort();
  let nativePort = await freePort();
  while (nativePort === port) nativePort = await freePort();
  const env = {
    ...process.env,
    ...extraEnv,
    NO_AT_BRIDGE: "1",
    XDG_CACHE_HOME: join(home, "cache"),
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
  };
  const child = spawn(
    "tauri-driver",
    ["--port", String(port), "--native-port", String(nativePort), "--native-driver", opt["native-driver"]],
    { env, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/status`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`tauri-driver did not start: ${log}`);
    }
    await sleep(50);
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await sleep(300);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

function processTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      table.set(Number(name), { pid: Number(name), comm, ppid: Number(fields[1]), start: Number(fields[19]) });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

function descendants(table, root) {
  const out = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    for (const proc of table.values()) {
      if (proc.ppid === pid) {
        out.push(proc);
        queue.push(proc.pid);
      }
    }
  }
  return out;
}

function exeOf(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

/** The app process tauri-driver's WebKitWebDriver launched. */
async function findApp(driverPid, application) {
  const want = realpathSync(application);
  for (let i = 0; i < 100; i++) {
    const table = processTable();
    const app = descendants(table, driverPid).find((p) => exeOf(p.pid) === want);
    if (app) return app;
    await sleep(50);
  }
  throw new Error(`no ${application} process under tauri-driver`);
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Wall-clock time (ms since the epoch) at which a process started, to about 10 ms. */
function startedAt(proc) {
  const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  const now = Date.now();
  return now - (uptime - proc.start / CLOCK_TICKS) * 1000;
}

/** PSS, RSS and USS (private memory) in KiB of a process and all its descendants. */
function treeMemory(rootPid) {
  const table = processTable();
  const procs = [table.get(rootPid), ...descendants(table, rootPid)].filter(Boolean);
  const rows = [];
  for (const proc of procs) {
    try {
      const text = readFileSync(`/proc/${proc.pid}/smaps_rollup`, "utf8");
      const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
      const uss = field("Private_Clean") + field("Private_Dirty");
      rows.push({ comm: proc.comm, pid: proc.pid, pss: field("Pss"), rss: field("Rss"), uss });
    } catch {
      // exited meanwhile, or a kernel thread
    }
  }
  return {
    pss: rows.reduce((s, r) => s + r.pss, 0),
    rss: rows.reduce((s, r) => s + r.rss, 0),
    uss: rows.reduce((s, r) => s + r.uss, 0),
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// One launch of one app.

async function launch(kind) {
  const application = kind === "roadie" ? opt.roadie : opt.bare;
  const driver = await startDriver(kind === "roadie" ? { ROADIE_DB: opt.db } : {});
  const result = { kind };
  let session;
  try {
    session = await Session.create(driver.base, application);
    const app = await findApp(driver.pid, application);
    const start = startedAt(app);
    if (process.env.BENCH_DEBUG) console.log(`    session after ${Date.now() - start} ms`);
    try {
      const ready = await session.waitFor(kind === "roadie" ? opt.ready : opt["bare-ready"], opt["ready-mark"]);
      result.coldMs = ready.at - start;
      result.how = ready.how;
      result.phases = await session.phases(start);
    } catch (error) {
      result.coldError = error.message;
    }

    if (!opt["skip-memory"] && !(kind === "roadie" && skip.memory)) {
      try {
        if (kind === "roadie") {
          await session.click(opt["timeline-nav"]);
          await session.waitFor(opt["timeline-ready"]);
        } else if (result.coldError) {
          throw new NotFound(result.coldError);
        }
        await sleep(settleMs);
        result.memory = treeMemory(app.pid);
      } catch (error) {
        if (!(error instanceof NotFound || error instanceof WebDriverError)) throw error;
        result.memoryError = error.message;
        skip.memory = kind === "roadie";
      }
    }

    if (kind === "roadie" && !opt["skip-filter"] && !skip.filter) {
      try {
        await session.click(opt["list-nav"]);
        await session.waitFor(opt["list-ready"]);
        if (opt["list-choose"]) {
          const at = opt["list-choose"].lastIndexOf("=");
          const chosen = await session.executeAsync(CHOOSE, [opt["list-choose"].slice(0, at), opt["list-choose"].slice(at + 1)]);
          if (chosen) throw new NotFound(chosen);
          await session.waitFor(opt["list-ready"]);
        }
        await session.waitFor(opt["filter-input"]);
        const typed = await session.executeAsync(TYPE_QUERY, [opt["filter-input"], opt.query, opt["list-count"]]);
        if (typed.error) throw new NotFound(typed.error);
        result.filter = typed;
      } catch (error) {
        if (!(error instanceof NotFound || error instanceof WebDriverError)) throw error;
        result.filterError = error.message;
        skip.filter = true;
      }
    }
  } catch (error) {
    // The app did not start, crashed, or the driver failed: this launch measured nothing more.
    result.coldError ??= `launch failed: ${error.message}`;
  } finally {
    if (session) await session.close();
    await driver.stop();
  }
  return result;
}

const HOW = {
  mark: "performance mark",
  observer: "seen appearing",
  already: "UPPER BOUND: ready before the first look, and no performance mark",
};

// Once a roadie step has failed for want of its selector, later launches skip it.
const skip = { memory: false, filter: false };

// ---------------------------------------------------------------------------------------------
// Statistics and the report.

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
const median = (values) => quantile(values, 0.5);

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 100 ? 1 : 0)} ms` : "—");
const mib = (kib) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(1)} MiB` : "—");
const times = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "—");

function verdict(value, goal, isMet) {
  if (!Number.isFinite(value)) return "not measured";
  return isMet(value, goal) ? "met" : "MISSED";
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, n) => {
      const line = r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])));
      const text = line.join("   ");
      return n === 0 ? `${text}\n${"-".repeat(text.length)}` : text;
    })
    .join("\n");
}

async function main() {
  console.log(`app-bench: ${reps} launches of each app on ${process.env.DISPLAY}, database ${opt.db}`);
  const results = { roadie: [], bare: [] };
  for (let i = 0; i < reps; i++) {
    // Alternate, so that anything else the machine does affects both alike.
    for (const kind of i % 2 === 0 ? ["bare", "roadie"] : ["roadie", "bare"]) {
      const r = await launch(kind);
      results[kind].push(r);
      const parts = [`  launch ${i + 1} ${kind.padEnd(6)}`];
      parts.push(r.coldError ? `cold start: ${r.coldError}` : `cold start ${ms(r.coldMs)} (${HOW[r.how]})`);
      if (r.phases) parts.push(`phases: ${r.phases.map(([name, at]) => `${name} ${ms(at)}`).join(", ")}`);
      if (r.memory) parts.push(`PSS ${mib(r.memory.pss)}, RSS ${mib(r.memory.rss)}, USS ${mib(r.memory.uss)}`);
      if (r.memoryError) parts.push(`memory: ${r.memoryError}`);
      if (r.filter) {
        if (process.env.BENCH_DEBUG) console.log(`    frames ${r.filter.frame.map(Math.round).join(" ")}\n    next   ${r.filter.next.map(Math.round).join(" ")}\n    again  ${r.filter.again.frame.map(Math.round).join(" ")}\n    script ${r.filter.script.map(Math.round).join(" ")}`);
        parts.push(`filter median ${ms(median(r.filter.frame))}, its script ${ms(median(r.filter.script))} (list: "${r.filter.countBefore}", after "${opt.query}": "${r.filter.countTyped}")`);
      }
      if (r.filterError) parts.push(`filter: ${r.filterError}`);
      console.log(parts.join("; "));
    }
  }

  const cold = (kind) => median(results[kind].filter((r) => r.coldMs !== undefined).map((r) => r.coldMs));
  const mem = (kind, key) => median(results[kind].filter((r) => r.memory).map((r) => r.memory[key]));
  const frame = results.roadie.flatMap((r) => r.filter?.frame ?? []);
  const next = results.roadie.flatMap((r) => r.filter?.next ?? []);
  const raf2 = results.roadie.flatMap((r) => r.filter?.raf2 ?? []);
  const again = results.roadie.flatMap((r) => r.filter?.again?.frame ?? []);
  const againNext = results.roadie.flatMap((r) => r.filter?.again?.next ?? []);
  const script = results.roadie.flatMap((r) => r.filter?.script ?? []);

  const coldRatio = cold("roadie") / cold("bare");
  const bounded = [...results.roadie, ...results.bare].some((r) => r.how === "already");
  const pssRatio = mem("roadie", "pss") / mem("bare", "pss");
  const rssRatio = mem("roadie", "rss") / mem("bare", "rss");
  const ussRatio = mem("roadie", "uss") / mem("bare", "uss");
  const rows = [
    ["measure", "roadie", "bare window", "ratio", "goal", "verdict"],
    ["cold start to data shown, median", ms(cold("roadie")), ms(cold("bare")), times(coldRatio), "≤ 1.5×",
      verdict(coldRatio, 1.5, (v, g) => v <= g) + (bounded ? " (upper bound)" : "")],
    ["memory after timeline, PSS, median", mib(mem("roadie", "pss")), mib(mem("bare", "pss")), times(pssRatio), "≤ 1.3×",
      verdict(pssRatio, 1.3, (v, g) => v <= g)],
    ["memory after timeline, RSS, median", mib(mem("roadie", "rss")), mib(mem("bare", "rss")), times(rssRatio), "", ""],
    ["memory after timeline, USS, median", mib(mem("roadie", "uss")), mib(mem("bare", "uss")), times(ussRatio), "", ""],
    [`filter the list, per keystroke, median (${frame.length})`, ms(median(frame)), "", "", "< 16 ms",
      verdict(median(frame), 16, (v, g) => v < g)],
    ["filter the list, per keystroke, p95", ms(quantile(frame, 0.95)), "", "", "< 16 ms",
      verdict(quantile(frame, 0.95), 16, (v, g) => v < g)],
    ["the frame after each keystroke, median", ms(median(next)), "", "", "< 16 ms",
      verdict(median(next), 16, (v, g) => v < g)],
    ["the frame after each keystroke, p95", ms(quantile(next, 0.95)), "", "", "< 16 ms",
      verdict(quantile(next, 0.95), 16, (v, g) => v < g)],
    ["keystroke's script (the UI's update), median", ms(median(script)), "", "", "", ""],
    ["keystroke's script (the UI's update), p95", ms(quantile(script, 0.95)), "", "", "", ""],
    ["typed again: keystroke, median", ms(median(again)), "", "", "", ""],
    ["typed again: keystroke, p95", ms(quantile(again, 0.95)), "", "", "", ""],
    ["typed again: the frame after, p95", ms(quantile(againNext, 0.95)), "", "", "", ""],
    ["keystroke to 2nd rAF (≥ 1 frame), median", ms(median(raf2)), "", "", "", ""],
    ["keystroke to 2nd rAF (≥ 1 frame), p95", ms(quantile(raf2, 0.95)), "", "", "", ""],
  ];
  console.log();
  console.log(table(rows));
  const listed = results.roadie.find((r) => r.filter)?.filter;
  if (listed) console.log(`the filtered list held: "${listed.countBefore}" (it must hold ≥ 10,000 rows for the goal)`);

  const errors = new Set(
    results.roadie.flatMap((r) => [r.coldError, r.memoryError, r.filterError]).filter(Boolean),
  );
  for (const e of results.bare.map((r) => r.coldError).filter(Boolean)) errors.add(`bare window: ${e}`);
  if (errors.size) {
    console.log("\nnot measured:");
    for (const e of errors) console.log(`  ${e}`);
  }

  const sample = (kind) => results[kind].find((r) => r.memory)?.memory;
  for (const kind of ["roadie", "bare"]) {
    const m = sample(kind);
    if (!m) continue;
    console.log(`\n${kind} process tree (first launch measured):`);
    for (const r of m.rows) {
      const cells = [r.comm.padEnd(16), `pid ${String(r.pid).padStart(7)}`];
      for (const key of ["pss", "rss", "uss"]) cells.push(`${key.toUpperCase()} ${mib(r[key]).padStart(10)}`);
      console.log(`  ${cells.join("  ")}`);
    }
  }
  // The bare window must always be measurable: anything else is a broken pipeline.
  if (results.bare.some((r) => r.coldError)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`app-bench: ${error.stack ?? error}`);
  process.exit(1);
});
