import { defineConfig } from "vite";

// The desktop shell loads ui/dist (tauri.conf.json "frontendDist"); `npm run dev` serves the same
// page on the fixed port tauri.conf.json "devUrl" points at.
export default defineConfig({
  clearScreen: false,
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
  },
});
