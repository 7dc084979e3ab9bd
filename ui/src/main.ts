import "./theme.css";
import { mount } from "svelte";
import App from "./App.svelte";
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

const app = mount(App, { target });
performance.mark("mounted");
export default app;
