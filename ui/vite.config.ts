import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vitest/config";

// The desktop shell loads ui/dist (tauri.conf.json "frontendDist"); `npm run dev` serves the same
// page on the fixed port the shell's dev URL points at.
//
// The window's CSP is `style-src 'self'` and `img-src 'self'`: no inline <style>, no style=""
// attributes, no data: URLs. Svelte's component CSS is emitted as a file (vite-plugin-svelte's
// default `emitCss`), assets are never inlined, and `style:` directives set properties through the
// CSSOM, which the CSP allows.
export default defineConfig({
  clearScreen: false,
  plugins: [svelte(), svelteTesting()],
  server: {
    port: 1420,
    strictPort: true,
    // The logo is imported from ../icons, the one copy of Roadie's artwork.
    fs: { allow: [".", "../icons"] },
  },
  build: {
    target: "safari15",
    // Emit every asset as a file: the CSP allows no data: URLs.
    assetsInlineLimit: 0,
    // One stylesheet file, linked from index.html.
    cssCodeSplit: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    restoreMocks: true,
  },
});
