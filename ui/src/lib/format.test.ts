import { describe, expect, it } from "vitest";
import {
  currencyExponent,
  formatCount,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatDateTimeRange,
  formatMoney,
  formatTime,
  minorToDecimal,
  parseLocal,
} from "./format";

// Vitest runs in Node, where setting TZ switches the process's zone.
declare const process: { env: Record<string, string | undefined> };

// Intl output uses narrow no-break spaces in places; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, " ");

describe("currencyExponent", () => {
  it("follows each currency's minor unit", () => {
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("EUR")).toBe(2);
    expect(currencyExponent("BHD")).toBe(3);
    expect(currencyExponent("usd")).toBe(2);
  });

  it("follows ISO 4217 where CLDR shows fewer decimals", () => {
    expect(currencyExponent("HUF")).toBe(2);
    expect(currencyExponent("IQD")).toBe(3);
  });
});

describe("minorToDecimal", () => {
  it("places the decimal point exactly", () => {
    expect(minorToDecimal(123456, 2)).toBe("1234.56");
    expect(minorToDecimal(-5, 2)).toBe("-0.05");
    expect(minorToDecimal(1, 3)).toBe("0.001");
    expect(minorToDecimal(1200, 0)).toBe("1200");
    expect(minorToDecimal(123456789012345678n, 2)).toBe("1234567890123456.78");
  });
});

describe("formatMoney", () => {
  it("uses the currency's exponent", () => {
    expect(plain(formatMoney({ minor: 25_000_000, currency: "EUR" }, { locale: "en-US" }))).toBe("€250,000.00");
    expect(plain(formatMoney({ minor: 1200, currency: "JPY" }, { locale: "en-US" }))).toBe("¥1,200");
    expect(plain(formatMoney({ minor: 1234, currency: "BHD" }, { locale: "en-US" }))).toBe("BHD 1.234");
    expect(plain(formatMoney({ minor: 12345, currency: "HUF" }, { locale: "en-US" }))).toBe("HUF 123.45");
  });

  it("follows the locale", () => {
    expect(plain(formatMoney({ minor: 123456, currency: "EUR" }, { locale: "de-DE" }))).toBe("1.234,56 €");
  });

  it("shows negative amounts and signs", () => {
    expect(plain(formatMoney({ minor: -5, currency: "USD" }, { locale: "en-US" }))).toBe("-$0.05");
    expect(plain(formatMoney({ minor: 500, currency: "USD" }, { locale: "en-US", signDisplay: "always" }))).toBe("+$5.00");
  });

  it("does not lose cents on large amounts", () => {
    expect(plain(formatMoney({ minor: 900719925474099, currency: "USD" }, { locale: "en-US" }))).toBe("$9,007,199,254,740.99");
  });

  it("survives a malformed currency", () => {
    expect(formatMoney({ minor: 100, currency: "euro" })).toBe("1.00 EURO");
  });
});

describe("local date-times", () => {
  it("parses dates and date-times and rejects the impossible", () => {
    expect(parseLocal("2025-06-12T18:30")).toEqual({ year: 2025, month: 6, day: 12, hour: 18, minute: 30, second: 0, hasTime: true });
    expect(parseLocal("2025-06-12")).toMatchObject({ hour: 0, hasTime: false });
    expect(parseLocal("2025-02-30")).toBeNull();
    expect(parseLocal("2025-06-12T24:00")).toBeNull();
    expect(parseLocal("12/06/2025")).toBeNull();
  });

  it("formats the wall-clock time given", () => {
    expect(plain(formatTime("2025-06-12T23:30", "en-GB"))).toBe("23:30");
    expect(plain(formatTime("2025-06-12T00:15", "en-GB"))).toBe("00:15");
    expect(plain(formatTime("2025-06-12T18:30", "en-US"))).toMatch(/^0?6:30 PM$/);
    expect(plain(formatDate("2025-06-12T23:30", { locale: "en-GB" }))).toBe("12 Jun 2025");
    expect(plain(formatDate("2025-01-01", { locale: "en-GB", weekday: true }))).toMatch(/^Wed,? 1 Jan 2025$/);
    expect(plain(formatDateTime("2025-06-12T18:30", "en-GB"))).toMatch(/^Thu,? 12 Jun 2025,? 18:30$/);
  });

  it("does not shift by the machine's time zone", () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Adak", "Asia/Kathmandu"]) {
        process.env.TZ = tz;
        if (tz === "Pacific/Kiritimati") expect(new Date(2025, 5, 12).getTimezoneOffset()).toBe(-840);
        expect(plain(formatDateTime("2025-06-12T23:30", "en-GB"))).toMatch(/^Thu,? 12 Jun 2025,? 23:30$/);
        expect(plain(formatDate("2025-01-01", { locale: "en-GB" }))).toBe("1 Jan 2025");
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("keeps input it cannot read", () => {
    expect(formatDate("soon")).toBe("soon");
    expect(formatDateTime("")).toBe("");
  });

  it("formats date ranges compactly", () => {
    expect(plain(formatDateRange("2025-06-12", "2025-06-14", "en-GB"))).toMatch(/^12 ?– ?14 Jun 2025$/);
    expect(plain(formatDateRange("2025-06-30", "2025-07-02", "en-GB"))).toMatch(/^30 Jun ?– ?2 Jul 2025$/);
    expect(plain(formatDateRange("2025-06-12", "2025-06-12", "en-GB"))).toBe("12 Jun 2025");
    expect(plain(formatDateRange("2025-06-14", "2025-06-12", "en-GB"))).toBe("14 Jun 2025 – 12 Jun 2025");
    expect(formatDateRange("x", "2025-06-12")).toBe("x – 2025-06-12");
  });

  it("formats time ranges on one day with the date once", () => {
    const sameDay = plain(formatDateTimeRange("2025-06-12T18:00", "2025-06-12T22:30", "en-GB"));
    expect(sameDay).toMatch(/^Thu,? 12 Jun 2025,? 18:00 ?– ?22:30$/);
    const across = plain(formatDateTimeRange("2025-06-12T22:00", "2025-06-13T02:00", "en-GB"));
    expect(across).toMatch(/12 Jun 2025,? 22:00 ?– ?.*13 Jun 2025,? 02:00/);
  });
});

describe("formatCount", () => {
  it("groups digits", () => {
    expect(formatCount(10_000, "en-US")).toBe("10,000");
  });
});
