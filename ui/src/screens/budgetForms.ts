// What the swag, shipment and budget forms share: money as exact decimal text in a currency,
// optional text, currency suggestions, and the core's refusals placed on their fields.
import type { Money } from "../bindings/commands";
import { currencyExponent } from "../lib/format";
import { COMMON_CURRENCIES } from "../lib/formValues";

/** What an empty amount field in `currency` shows: "0.00", "0" for JPY, "0.000" for BHD. */
export function amountPlaceholder(currency: string): string {
  const exponent = /^[A-Za-z]{3}$/.test(currency.trim()) ? currencyExponent(currency.trim()) : 2;
  return exponent > 0 ? `0.${"0".repeat(exponent)}` : "0";
}

/** An amount in whole units of its currency, only to sort by: 125050 EUR minor units are 1250.5. */
export function majorValue(money: Money | null | undefined): number | null {
  if (!money) return null;
  return money.minor / 10 ** currencyExponent(money.currency);
}

/** `first`, then `more` and the common currencies, each once, upper case. */
export function currencySuggestions(first: string | null | undefined, more: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const code of [first ?? "", ...more, ...COMMON_CURRENCIES]) {
    const upper = code.trim().toUpperCase();
    if (upper === "" || seen.has(upper)) continue;
    seen.add(upper);
    out.push(upper);
  }
  return out;
}

