//! Money as integer minor units plus an ISO 4217 currency, never a float.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Active ISO 4217 codes and their minor-unit exponents (ISO 4217 list one, 2024).
#[rustfmt::skip]
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("ANG", 2), ("AOA", 2), ("ARS", 2),
    ("AUD", 2), ("AWG", 2), ("AZN", 2), ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2),
    ("BHD", 3), ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2), ("BOV", 2), ("BRL", 2),
    ("BSD", 2), ("BTN", 2), ("BWP", 2), ("BYN", 2), ("BZD", 2), ("CAD", 2), ("CDF", 2),
    ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4), ("CLP", 0), ("CNY", 2), ("COP", 2),
    ("COU", 2), ("CRC", 2), ("CUP", 2), ("CVE", 2), ("CZK", 2), ("DJF", 0), ("DKK", 2),
    ("DOP", 2), ("DZD", 2), ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2), ("FJD", 2),
    ("FKP", 2), ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2), ("GNF", 0),
    ("GTQ", 2), ("GYD", 2), ("HKD", 2), ("HNL", 2), ("HTG", 2), ("HUF", 2), ("IDR", 2),
    ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0), ("JMD", 2), ("JOD", 3),
    ("JPY", 0), ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2), ("KRW", 0),
    ("KWD", 3), ("KYD", 2), ("KZT", 2), ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2),
    ("LSL", 2), ("LYD", 3), ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2),
    ("MNT", 2), ("MOP", 2), ("MRU", 2), ("MUR", 2), ("MVR", 2), ("MWK", 2), ("MXN", 2),
    ("MXV", 2), ("MYR", 2), ("MZN", 2), ("NAD", 2), ("NGN", 2), ("NIO", 2), ("NOK", 2),
    ("NPR", 2), ("NZD", 2), ("OMR", 3), ("PAB", 2), ("PEN", 2), ("PGK", 2), ("PHP", 2),
    ("PKR", 2), ("PLN", 2), ("PYG", 0), ("QAR", 2), ("RON", 2), ("RSD", 2), ("RUB", 2),
    ("RWF", 0), ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2),
    ("SHP", 2), ("SLE", 2), ("SOS", 2), ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2),
    ("SYP", 2), ("SZL", 2), ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2),
    ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2), ("UAH", 2), ("UGX", 0), ("USD", 2),
    ("USN", 2), ("UYI", 0), ("UYU", 2), ("UYW", 4), ("UZS", 2), ("VED", 2), ("VES", 2),
    ("VND", 0), ("VUV", 0), ("WST", 2), ("XAF", 0), ("XCD", 2), ("XCG", 2), ("XOF", 0),
    ("XPF", 0), ("YER", 2), ("ZAR", 2), ("ZMW", 2), ("ZWG", 2),
];

/// An ISO 4217 currency that Roadie knows the minor unit of.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    /// Parses a three-letter ISO 4217 code (case-insensitive); `field` names the input for errors.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let code = text.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(Error::invalid(
                field,
                "a currency code is required, e.g. EUR",
            ));
        }
        CURRENCIES
            .binary_search_by(|(c, _)| (*c).cmp(code.as_str()))
            .map(|i| Currency {
                code: CURRENCIES[i].0,
                exponent: CURRENCIES[i].1,
            })
            .map_err(|_| {
                Error::invalid(
                    field,
                    format!("unknown currency code {text:?} (expected ISO 4217, e.g. EUR)"),
                )
            })
    }

    /// The three-letter code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Digits after the decimal point: JPY 0, EUR 2, BHD 3.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse("currency", &code).map_err(serde::de::Error::custom)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.code.to_owned()
    }
}

/// An amount of money: integer minor units (cents, yen, fils) of one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Money {
    /// The amount in the currency's minor unit.
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Zero of `currency`.
    pub fn zero(currency: Currency) -> Self {
        Money::new(0, currency)
    }

    /// Parses "1250.50 EUR", "EUR 1250.50" or "1250 JPY". The decimal separator is '.', with at
    /// most as many decimals as the currency has; `field` names the input for errors.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let (amount, code) = match parts.as_slice() {
            [a, c] if c.chars().all(|ch| ch.is_ascii_alphabetic()) => (*a, *c),
            [c, a] if c.chars().all(|ch| ch.is_ascii_alphabetic()) => (*a, *c),
            _ => {
                return Err(Error::invalid(
                    field,
                    format!("{text:?} is not an amount with a currency, e.g. \"1250.50 EUR\""),
                ));
            }
        };
        let currency = Currency::parse(field, code)?;
        let minor = parse_minor(field, amount, currency)?;
        Ok(Money { minor, currency })
    }

    /// Parses an amount such as "12.5" in `currency`.
    pub fn parse_amount(field: &str, amount: &str, currency: Currency) -> Result<Self> {
        Ok(Money::new(
            parse_minor(field, amount.trim(), currency)?,
            currency,
        ))
    }

    /// Fails with a message on `field` when the amount is below zero.
    pub fn non_negative(self, field: &str) -> Result<Self> {
        if self.minor < 0 {
            return Err(Error::invalid(
                field,
                format!("must not be negative, got {self}"),
            ));
        }
        Ok(self)
    }

    /// The sum, refusing different currencies and overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Money::new(
            self.minor.checked_add(other.minor)?,
            self.currency,
        ))
    }
}

fn parse_minor(field: &str, amount: &str, currency: Currency) -> Result<i64> {
    let bad = || {
        Error::invalid(
            field,
            format!(
                "{amount:?} is not an amount in {currency} (digits with an optional '.' and at most {} decimals)",
                currency.exponent()
            ),
        )
    };
    let (negative, digits) = match amount.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, amount),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(frac) {
        return Err(bad());
    }
    if digits.contains('.') && frac.is_empty() {
        return Err(bad());
    }
    let exp = usize::from(currency.exponent());
    if frac.len() > exp {
        return Err(bad());
    }
    let scaled = format!("{whole}{frac:0<exp$}");
    let value: i64 = scaled
        .parse()
        .map_err(|_| Error::invalid(field, format!("{amount:?} is too large")))?;
    Ok(if negative { -value } else { value })
}

impl Money {
    /// The amount without its currency, with the currency's decimals: "1250.50", "1200" (JPY).
    pub fn amount(&self) -> String {
        let exp = u32::from(self.currency.exponent());
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exp == 0 {
            return format!("{sign}{abs}");
        }
        let unit = 10u64.pow(exp);
        format!(
            "{sign}{}.{:0width$}",
            abs / unit,
            abs % unit,
            width = exp as usize
        )
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse("currency", code).unwrap()
    }

    #[test]
    fn the_table_is_sorted_so_lookups_find_every_code() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        for (code, exp) in CURRENCIES {
            assert_eq!(cur(code).exponent(), *exp);
        }
    }

    #[test]
    fn exponents_follow_each_currency() {
        assert_eq!(cur("jpy").exponent(), 0);
        assert_eq!(cur("EUR").exponent(), 2);
        assert_eq!(cur("BHD").exponent(), 3);
    }

    #[test]
    fn parses_amounts_in_minor_units() {
        assert_eq!(Money::parse("x", "1250.5 EUR").unwrap().minor, 125_050);
        assert_eq!(Money::parse("x", "EUR 1250").unwrap().minor, 125_000);
        assert_eq!(Money::parse("x", "5000 JPY").unwrap().minor, 5000);
        assert_eq!(Money::parse("x", "1.234 BHD").unwrap().minor, 1234);
        assert_eq!(Money::parse("x", "-3.10 USD").unwrap().minor, -310);
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let e = Money::parse("budget", "12,5 XYZ").unwrap_err();
        assert_eq!(e.field(), Some("budget"));
        assert!(
            e.to_string().contains("unknown currency code \"XYZ\""),
            "{e}"
        );
        let e = Money::parse("budget", "12,5 EUR").unwrap_err();
        assert!(e.to_string().contains("not an amount"), "{e}");
        assert!(
            Money::parse("budget", "1.5 JPY").is_err(),
            "JPY has no decimals"
        );
        assert!(Money::parse("budget", "1.2345 BHD").is_err());
        assert!(Money::parse("budget", "12 ").is_err());
        assert!(Money::parse("budget", "1. EUR").is_err());
        assert!(Money::parse("budget", "99999999999999999999 EUR").is_err());
        assert!(Money::parse("budget", "").is_err());
    }

    #[test]
    fn displays_with_the_currency_exponent() {
        assert_eq!(Money::new(125_050, cur("EUR")).to_string(), "1250.50 EUR");
        assert_eq!(Money::new(5, cur("BHD")).to_string(), "0.005 BHD");
        assert_eq!(Money::new(-7, cur("JPY")).to_string(), "-7 JPY");
        assert_eq!(Money::new(-5, cur("USD")).to_string(), "-0.05 USD");
    }

    #[test]
    fn serialises_as_minor_units_and_code() {
        let json = serde_json::to_string(&Money::new(1999, cur("USD"))).unwrap();
        assert_eq!(json, r#"{"minor":1999,"currency":"USD"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Money::new(1999, cur("USD")));
        assert!(serde_json::from_str::<Money>(r#"{"minor":1,"currency":"ABC"}"#).is_err());
    }
}
