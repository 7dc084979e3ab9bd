import "./theme.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { askStartup, settledOrAfter } from "./lib/startup";
import { toasts } from "./lib/toasts.svelte";

// Where start-up time goes, for the app benchmark (bench/app-bench.mjs prints the marks).
performance.mark("script");

const target = document.getElementById("app");
if (!target) throw new Error("#app is missing from index.html");

// A failure nothing caught still reaches the user, with what went wrong, rather than nothing
// happening when they click.
window.addEventListener("error", (event) => {
  toasts.error(event.error ?? event.message, { detail: "Unexpected error" });
});
window.addEventListener("unhandledrejection", (event) => {
  toasts.error(event.reason, { detail: "Unexpected error" });
});

// The start-up answer is asked for first, and the app mounted once it is here: the page is built
// and laid out once, with the data in its first frame. Mounted before the answer, the app showed
// "Loading…" and WebKit laid that out (some 30 ms at start-up) before the answer could be taken
// in. An answer that takes long (the day's first snapshot of a large database) does not leave the
// window empty: after MOUNT_WAIT_MS the app mounts, shows "Loading…" and takes the answer later.
const MOUNT_WAIT_MS = 150;
const startup = askStartup();
void settledOrAfter(startup, MOUNT_WAIT_MS).then(() => {
  mount(App, { target, props: { startup } });
  performance.mark("mounted");
});
