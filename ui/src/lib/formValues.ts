// How the forms hold values the core reads as text: optional text, exact amounts, currency codes.
import type { Money } from "../bindings/commands";
import { currencyExponent, minorToDecimal } from "./format";

/** Blank text as null, the way the forms send optional fields (the core trims the rest). */
export function orNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.trim() === "" ? null : text;
}

/**
 * An amount as a form field holds it, exactly: {minor: 125050, currency: "EUR"} is "1250.50",
 * {minor: 1500, currency: "JPY"} is "1500". No amount is "".
 */
export function amountText(money: Money | null | undefined): string {
  if (!money) return "";
  return minorToDecimal(money.minor, currencyExponent(money.currency));
}

/** Currencies offered first in a currency field's suggestions. */
export const COMMON_CURRENCIES: readonly string[] = [
  "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "BRL", "SGD",
];
