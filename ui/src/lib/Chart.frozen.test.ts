// The desktop window freezes Object.prototype (tauri.conf.json "freezePrototype"): Chart.js must
// load, draw, update and go away with it frozen. jsdom has no canvas, so the chart draws on a
// stand-in 2D context that accepts every call.
import { expect, it } from "vitest";

Object.freeze(Object.prototype);

it("Chart.js works with Object.prototype frozen", async () => {
  const { Chart, BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip } = await import("chart.js");
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
  const canvas = document.createElement("canvas");
  document.body.append(canvas);
  const calls: string[] = [];
  const context = new Proxy(
    {},
    {
      get(_target, name) {
        if (name === "canvas") return canvas;
        if (name === "measureText") return (text: string) => ({ width: text.length * 6 });
        if (name === "getTransform") return () => ({ a: 1, d: 1 });
        if (name === "createLinearGradient") return () => ({ addColorStop: () => undefined });
        return () => {
          calls.push(String(name));
        };
      },
      set: () => true,
    },
  ) as CanvasRenderingContext2D;
  Object.defineProperty(canvas, "getContext", { value: () => context });
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: ["Socials", "Swag"],
      datasets: [
        { type: "bar", label: "Planned", data: [1460, 922.53] },
        { type: "line", label: "Spent so far", data: [410.86, 1020.86] },
      ],
    },
    options: { animation: false, responsive: false, plugins: { legend: { labels: { color: "#000" } } } },
  });
  chart.data.datasets[0]?.data.push(5);
  chart.update();
  expect(calls).toContain("fill");
  expect(calls).toContain("fillText");
  chart.destroy();
});
