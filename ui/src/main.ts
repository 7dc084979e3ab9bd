import "./style.css";
import { databasePath, isIpcError, listSummits, type Money, type Summit } from "./api";

/** Creates an element; text goes in through textContent only, never as HTML. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node;
}

/** An ISO `YYYY-MM-DD` as a calendar date, kept in UTC so no zone shifts it. */
function calendarDate(iso: string): Date {
  const [y = 0, m = 1, d = 1] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function dateRange(start: string, end: string): string {
  return dateFormat.formatRange(calendarDate(start), calendarDate(end));
}

/** Integer minor units as an amount, e.g. 25000000 EUR as "€250,000.00". */
function formatMoney({ minor, currency }: Money): string {
  const format = new Intl.NumberFormat(undefined, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** A table cell holding `children`; strings become text nodes. */
function td(className: string, ...children: (Node | string)[]): HTMLTableCellElement {
  const cell = el("td", className);
  cell.append(...children);
  return cell;
}

interface Column {
  title: string;
  className?: string;
  cell: (summit: Summit) => HTMLTableCellElement;
}

const columns: Column[] = [
  {
    title: "Name",
    cell: (s) => td("name", el("span", "primary", s.name), ...(s.venue ? [el("span", "secondary", s.venue)] : [])),
  },
  { title: "Slug", cell: (s) => td("", el("code", "slug", s.slug)) },
  { title: "City", cell: (s) => td(s.city ? "" : "muted", s.city ?? "—") },
  { title: "Dates", cell: (s) => td("nowrap", dateRange(s.start_date, s.end_date)) },
  { title: "Time zone", cell: (s) => td("muted", s.tz) },
  { title: "Currency", cell: (s) => td("", el("span", "pill", s.currency)) },
  {
    title: "Budget",
    className: "amount",
    cell: (s) => td(s.budget ? "amount" : "amount muted", s.budget ? formatMoney(s.budget) : "—"),
  },
];

function summitTable(summits: Summit[]): HTMLElement {
  const table = el("table");
  const headRow = el("tr");
  for (const column of columns) headRow.append(el("th", column.className, column.title));
  table.createTHead().append(headRow);
  const body = table.createTBody();
  for (const summit of summits) {
    const row = el("tr");
    for (const column of columns) row.append(column.cell(summit));
    body.append(row);
  }
  return table;
}

function emptyState(): HTMLElement {
  const box = el("div", "empty");
  box.append(el("p", "empty-title", "No summits yet"));
  const hint = el("p", "empty-hint", "Create one with ");
  hint.append(el("code", undefined, "roadie summit create …"), " or try ", el("code", undefined, "roadie demo"), ".");
  box.append(hint);
  return box;
}

function errorState(error: unknown): HTMLElement {
  const box = el("div", "error");
  box.append(el("p", "error-title", "Could not load the summits"));
  if (isIpcError(error)) {
    box.append(el("p", undefined, error.message), el("p", "muted", `code: ${error.code}`));
  } else {
    box.append(el("p", undefined, String(error)));
  }
  return box;
}

async function showSummits(): Promise<void> {
  const content = byId("content");
  const count = byId("count");
  try {
    const summits = await listSummits();
    count.textContent = summits.length ? String(summits.length) : "";
    content.replaceChildren(summits.length ? summitTable(summits) : emptyState());
  } catch (error) {
    content.replaceChildren(errorState(error));
  }
}

async function showDatabasePath(): Promise<void> {
  const path = byId("db-path");
  try {
    path.textContent = await databasePath();
    path.title = path.textContent;
  } catch (error) {
    path.textContent = isIpcError(error) ? error.message : String(error);
  }
}

void showSummits();
void showDatabasePath();
