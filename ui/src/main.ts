import "./theme.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { toasts } from "./lib/toasts.svelte";

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

export default mount(App, { target });
