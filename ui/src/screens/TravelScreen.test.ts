import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type {
  ApprovalForm,
  ApprovalPlan,
  AuditEntry,
  Speaker,
  Summit,
  TravelDetail,
  TravelRequest,
  TravelRequestForm,
  TravelRow,
} from "../bindings/commands";
import { formatMoney } from "../lib/format";

vi.mock("../bindings/commands", () => ({
  commands: {
    listSpeakers: vi.fn(),
    travelOverview: vi.fn(),
    travelMoney: vi.fn(),
    travelPolicy: vi.fn(),
    travelDetail: vi.fn(),
    previewApproval: vi.fn(),
    approveTravel: vi.fn(),
    moveTravel: vi.fn(),
    createTravelRequest: vi.fn(),
    updateTravelRequest: vi.fn(),
  },
}));

const { commands } = await import("../bindings/commands");
const { default: TravelScreen } = await import("./TravelScreen.svelte");
const { toasts } = await import("../lib/toasts.svelte");
const { actAs } = await import("./acting.svelte");

const summit: Summit = {
  id: 7,
  name: "Northwind Open Source Summit",
  slug: "northwind",
  city: "Lyon",
  venue: null,
  tz: "Europe/Paris",
  start_date: "2026-03-12",
  end_date: "2026-03-14",
  currency: "EUR",
  budget: null,
};

const speakers: Speaker[] = [
  { id: 1, name: "Ada Lovelace", talk_ids: [], email: null, organisation: "Analytical Engines", home_city: "London", country: "GB", first_time: false },
  { id: 2, name: "Grace Hopper", talk_ids: [], email: null, organisation: null, home_city: "Arlington", country: "US", first_time: true },
];

const adaRequest: TravelRequest = {
  id: 30,
  status: "under-review",
  submitted_at: "2026-01-20T08:30:00Z",
  summit_id: 7,
  speaker_id: 1,
  currency: "GBP",
  origin_city: "London",
  origin_country: "GB",
  depart_on: "2026-03-11",
  return_on: "2026-03-15",
  lodging_nights: 4,
  notes: "Vegetarian",
  items: [
    { category: "airfare", requested: { minor: 23_450, currency: "GBP" } },
    { category: "lodging", requested: { minor: 48_000, currency: "GBP" } },
  ],
};

let db: TravelRequest[] = [];

function fromForm(form: TravelRequestForm, id: number): TravelRequest {
  return {
    id,
    status: "submitted",
    submitted_at: "2026-02-01T10:00:00Z",
    summit_id: form.summit_id,
    speaker_id: form.speaker_id,
    currency: form.currency,
    origin_city: form.origin_city,
    origin_country: form.origin_country,
    depart_on: form.depart_on,
    return_on: form.return_on,
    lodging_nights: form.lodging_nights,
    notes: form.notes,
    items: form.items
      .filter((i) => i.amount !== "")
      .map((i) => ({ category: i.category, requested: { minor: Math.round(Number(i.amount) * 100), currency: form.currency } })),
  };
}

const eur = (minor: number) => ({ minor, currency: "EUR" });
const gbp = (minor: number) => ({ minor, currency: "GBP" });

function rowOf(r: TravelRequest, rank: number, extra: Partial<TravelRow> = {}): TravelRow {
  const speaker = speakers.find((s) => s.id === r.speaker_id);
  const total = r.items.reduce((n, i) => n + i.requested.minor, 0);
  return {
    id: r.id,
    rank,
    status: r.status,
    summit_id: r.summit_id,
    speaker_id: r.speaker_id,
    speaker: speaker?.name ?? "?",
    first_time: speaker?.first_time ?? false,
    country: r.origin_country,
    origin_city: r.origin_city,
    score: null,
    reviews: 0,
    requested: { minor: total, currency: r.currency },
    requested_base: eur(Math.round(total * 1.17)),
    approved: null,
    approved_base: null,
    pending: false,
    reimbursed: { minor: 0, currency: r.currency },
    pool_remaining: eur(1_000_000),
    submitted_at: r.submitted_at,
    ...extra,
  };
}

const history: AuditEntry[] = [
  {
    id: 5,
    at: "2026-02-02T09:15:00Z",
    actor: "Olu",
    entity: "travel_request",
    entity_id: 30,
    action: "start-review",
    state_before: "submitted",
    state_after: "under-review",
    amount: null,
    details: null,
    reason: null,
    prev_hash: "0".repeat(64),
    hash: "1".repeat(64),
  },
];

function detailOf(r: TravelRequest): TravelDetail {
  return {
    row: rowOf(r, 1, { score: 4.5, reviews: 2 }),
    request: r,
    caps: [
      { category: "airfare", cap: eur(90_000), basis: "airfare" },
      { category: "lodging", cap: eur(57_000), basis: "3 nights × 190.00 EUR" },
      { category: "ground", cap: eur(8_000), basis: "ground transport" },
      { category: "visa", cap: eur(15_000), basis: "visa" },
      { category: "other", cap: eur(0), basis: "other" },
    ],
    approval: null,
    reviews: [],
    booking: null,
    receipts: [],
    payments: [],
    money: { summit_id: 7, pool: eur(1_000_000), committed: eur(0), spent: eur(0), remaining: eur(1_000_000) },
    history,
    actions: ["approve", "waitlist", "deny", "withdraw"],
  };
}

function planOf(form: ApprovalForm): ApprovalPlan {
  const lines = form.amounts.map((a) => {
    const approved = gbp(Math.round(Number(a.amount || "0") * 100));
    return {
      category: a.category,
      requested: gbp(0),
      approved,
      approved_base: eur(Math.round(approved.minor * 1.17)),
      cap: { category: a.category, cap: eur(90_000), basis: "cap" },
    };
  });
  const total = lines.reduce((n, l) => n + l.approved.minor, 0);
  const base = lines.reduce((n, l) => n + l.approved_base.minor, 0);
  return {
    request_id: 30,
    lines,
    total: gbp(total),
    rate: "1.17",
    total_base: eur(base),
    pool: eur(1_000_000),
    remaining_before: eur(1_000_000),
    remaining_after: eur(1_000_000 - base),
    over_pool: false,
    override_reason: null,
    accept_by: "2026-02-16",
    amendment: false,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  toasts.clear();
  actAs(null);
  db = [adaRequest];
  vi.mocked(commands.listSpeakers).mockResolvedValue(speakers);
  vi.mocked(commands.travelOverview).mockImplementation(() => Promise.resolve(db.map((r, i) => rowOf(r, i + 1))));
  vi.mocked(commands.travelMoney).mockResolvedValue({ summit_id: 7, pool: eur(1_000_000), committed: eur(250_000), spent: eur(50_000), remaining: eur(750_000) });
  vi.mocked(commands.travelPolicy).mockResolvedValue(null);
  vi.mocked(commands.travelDetail).mockImplementation((id) => {
    const r = db.find((x) => x.id === id);
    return r ? Promise.resolve(detailOf(r)) : Promise.reject(new Error("gone"));
  });
  vi.mocked(commands.previewApproval).mockImplementation((_id, _actor, form) => Promise.resolve(planOf(form)));
  vi.mocked(commands.createTravelRequest).mockImplementation((form) => {
    const created = fromForm(form, 31);
    db.push(created);
    return Promise.resolve(created);
  });
  vi.mocked(commands.updateTravelRequest).mockImplementation((id, form) => Promise.resolve({ ...fromForm(form, id), status: "under-review" }));
});

async function ready() {
  await waitFor(() => expect(document.querySelector('[data-ready="travel"]')).not.toBeNull());
}

function control(name: string, root: ParentNode = document): HTMLInputElement {
  const element = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!element) throw new Error(`no control named ${name}`);
  return element;
}

function select(name: string): HTMLSelectElement {
  const element = document.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
  if (!element) throw new Error(`no select named ${name}`);
  return element;
}

function errorOf(name: string): string | null {
  const element = control(name);
  if (element.getAttribute("aria-invalid") !== "true") return null;
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains("field-error"))?.textContent.trim() ?? null;
}

function cellsOf(row: HTMLElement): string[] {
  return within(row).getAllByRole("gridcell").map((c) => c.textContent.replace(/\s+/g, " ").trim());
}

function move(panel: HTMLElement, action: string): HTMLButtonElement {
  const button = panel.querySelector<HTMLButtonElement>(`[data-move="${action}"]`);
  if (!button) throw new Error(`no ${action} button`);
  return button;
}

function textarea(root: HTMLElement): HTMLTextAreaElement {
  const element = root.querySelector("textarea");
  if (!element) throw new Error("no textarea");
  return element;
}

async function openPanel() {
  const row = screen.getAllByRole("row")[1];
  if (!row) throw new Error("no row");
  await fireEvent.dblClick(row);
  return screen.findByRole("dialog", { name: "Travel request of Ada Lovelace" });
}

describe("TravelScreen", () => {
  it("lists the summit's requests ranked, with the pool and what each asks for", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(commands.travelOverview).toHaveBeenCalledWith(7, null);
    expect(commands.travelMoney).toHaveBeenCalledWith(7);
    const row = screen.getAllByRole("row")[1];
    if (!row) throw new Error("no row");
    const cells = cellsOf(row);
    expect(cells[0]).toBe("1");
    expect(cells[1]).toBe("Ada Lovelace GB");
    expect(cells[2]).toBe("—");
    expect(cells[3]).toBe(`${formatMoney(gbp(71_450))} ≈ ${formatMoney(eur(83_597))}`);
    expect(cells[6]).toBe("Under review");
    expect(document.querySelector("[data-pool-remaining]")?.textContent).toBe(formatMoney(eur(750_000)));
    expect(screen.getByText(/No travel policy yet|Set travel policy/)).toBeTruthy();
  });

  it("filters by status, country and first-time speakers", async () => {
    db = [adaRequest, { ...adaRequest, id: 31, speaker_id: 2, origin_country: "US", status: "approved" }];
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    expect(screen.getAllByRole("row")).toHaveLength(3);
    await fireEvent.change(select("status-filter"), { target: { value: "approved" } });
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(2));
    expect(screen.getAllByRole("row")[1]?.textContent).toContain("Grace Hopper");
    await fireEvent.change(select("status-filter"), { target: { value: "" } });
    await fireEvent.change(select("country-filter"), { target: { value: "GB" } });
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(2));
    expect(screen.getAllByRole("row")[1]?.textContent).toContain("Ada Lovelace");
    await fireEvent.change(select("country-filter"), { target: { value: "" } });
    await fireEvent.click(control("first-time-filter"));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(2));
    expect(screen.getAllByRole("row")[1]?.textContent).toContain("First-time speaker");
  });

  it("explains that travel belongs to a summit when there is none", () => {
    render(TravelScreen, { props: { summit: null, summits: [summit] } });
    expect(screen.getByText("Travel funding belongs to a summit")).toBeTruthy();
    expect(document.querySelector('[data-ready="travel"]')).not.toBeNull();
    expect(commands.travelOverview).not.toHaveBeenCalled();
  });

  it("submits a request: the core's error under Lodging keeps the input, then saved and listed", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    await fireEvent.click(screen.getByRole("button", { name: /New request/ }));
    const dialog = await screen.findByRole("dialog", { name: "New travel request" });
    expect(control("currency").value).toBe("EUR");

    await fireEvent.change(select("speaker_id"), { target: { value: "2" } });
    expect(control("origin_city").value).toBe("Arlington");
    expect(control("origin_country").value).toBe("US");
    await fireEvent.input(control("airfare"), { target: { value: "850" } });
    await fireEvent.input(control("lodging"), { target: { value: "12,5" } });
    vi.mocked(commands.createTravelRequest).mockRejectedValueOnce({ code: "invalid", message: "\"12,5\" is not an amount", field: "lodging" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(errorOf("lodging")).toBe("\"12,5\" is not an amount"));
    expect(control("lodging").value).toBe("12,5");
    expect(control("airfare").value).toBe("850");

    await fireEvent.input(control("lodging"), { target: { value: "12.50" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Submit request" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.createTravelRequest).toHaveBeenLastCalledWith(expect.objectContaining({
      summit_id: 7,
      speaker_id: 2,
      currency: "EUR",
      items: [
        { category: "airfare", amount: "850" },
        { category: "lodging", amount: "12.50" },
        { category: "ground", amount: "" },
        { category: "visa", amount: "" },
        { category: "other", amount: "" },
      ],
    }));
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(3));
    const selected = screen.getAllByRole("row").filter((r) => r.getAttribute("aria-selected") === "true");
    expect(selected.map((r) => r.textContent)).toEqual([expect.stringContaining("Grace Hopper")]);
  });

  it("shows a request's amounts against the caps and its history, and edits it from there", async () => {
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    const panel = await openPanel();
    await waitFor(() => expect(panel.querySelector('[data-category="lodging"]')).not.toBeNull());
    const lodging = panel.querySelector('[data-category="lodging"]')?.textContent.replace(/\s+/g, " ");
    expect(lodging).toContain(formatMoney(gbp(48_000)));
    expect(lodging).toContain(`${formatMoney(eur(57_000))} (3 nights × 190.00 EUR)`);
    expect(panel.querySelector("[data-panel-pool]")?.textContent).toBe(formatMoney(eur(1_000_000)));
    const entry = panel.querySelector('[data-audit-action="start-review"]')?.textContent.replace(/\s+/g, " ");
    expect(entry).toContain("2026-02-02 09:15 UTC");
    expect(entry).toContain("Olu started the review");
    expect(entry).toContain("submitted → under-review");
    // Nobody chosen to act as: decisions wait.
    expect(within(panel).getByText(/Choose who you are acting as/)).toBeTruthy();
    expect(move(panel, "approve").disabled).toBe(true);

    await fireEvent.click(within(panel).getByRole("button", { name: "Edit request" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit travel request" });
    expect(control("airfare").value).toBe("234.50");
    expect(control("lodging").value).toBe("480.00");
    await fireEvent.input(control("ground"), { target: { value: "40" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(commands.updateTravelRequest).toHaveBeenCalledWith(30, expect.objectContaining({ currency: "GBP" }));
  });

  it("previews an approval, shows the core's refusal over a cap, and approves within it", async () => {
    actAs("Olu");
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    const panel = await openPanel();
    await waitFor(() => expect(panel.querySelector('[data-move="approve"]')).not.toBeNull());
    await fireEvent.click(move(panel, "approve"));
    const dialog = await screen.findByRole("dialog", { name: "Approve travel support" });
    // Opens with what was requested, and the core's figures for it.
    expect(control("airfare", dialog).value).toBe("234.50");
    await waitFor(() => expect(dialog.querySelector("[data-plan-total]")?.textContent).toContain(formatMoney(gbp(71_450))));
    expect(commands.previewApproval).toHaveBeenCalledWith(30, "Olu", expect.objectContaining({ rate: null, override_reason: null }));

    const message = "lodging: 480.00 GBP (561.60 EUR at 1.17) is over the cap of 570.00 EUR (3 nights × 190.00 EUR)";
    vi.mocked(commands.previewApproval).mockRejectedValueOnce({ code: "invalid", message, field: "lodging" });
    await fireEvent.input(control("lodging", dialog), { target: { value: "500" } });
    await waitFor(() => expect(dialog.querySelector("[data-refusal]")?.textContent).toBe(message.replace("lodging: ", "")));
    expect(control("lodging", dialog).getAttribute("aria-invalid")).toBe("true");
    expect(dialog.querySelector("[data-plan-total]")).toBeNull();

    vi.mocked(commands.approveTravel).mockRejectedValueOnce({ code: "invalid", message, field: "lodging" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(commands.approveTravel).toHaveBeenCalledTimes(1));
    expect(screen.getByRole("dialog", { name: "Approve travel support" })).toBeTruthy();

    await fireEvent.input(control("lodging", dialog), { target: { value: "400" } });
    await waitFor(() => expect(dialog.querySelector("[data-refusal]")).toBeNull());
    vi.mocked(commands.approveTravel).mockImplementationOnce((_id, _actor, form) => Promise.resolve(planOf(form)));
    await fireEvent.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Approve travel support" })).toBeNull());
    expect(commands.approveTravel).toHaveBeenLastCalledWith(30, "Olu", expect.objectContaining({
      amounts: expect.arrayContaining([{ category: "lodging", amount: "400" }, { category: "airfare", amount: "234.50" }]) as unknown,
    }));
  });

  it("asks for the reason of a denial and shows the core's refusal in the dialog", async () => {
    actAs("Olu");
    render(TravelScreen, { props: { summit, summits: [summit] } });
    await ready();
    const panel = await openPanel();
    await waitFor(() => expect(panel.querySelector('[data-move="deny"]')).not.toBeNull());
    await fireEvent.click(move(panel, "deny"));
    const dialog = await screen.findByRole("dialog", { name: "Deny" });
    vi.mocked(commands.moveTravel).mockRejectedValueOnce({ code: "invalid", message: "reason: say why the request is denied", field: "reason" });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Deny" }));
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toBe("reason: say why the request is denied"));
    vi.mocked(commands.moveTravel).mockResolvedValueOnce({ ...adaRequest, status: "denied" });
    await fireEvent.input(textarea(dialog), { target: { value: "pool exhausted" } });
    await fireEvent.click(within(dialog).getByRole("button", { name: "Deny" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Deny" })).toBeNull());
    expect(commands.moveTravel).toHaveBeenLastCalledWith(30, "deny", "Olu", "pool exhausted");
  });
});
