//! Exchange rates the user records (Roadie never fetches them), and conversion with them.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::money::{Currency, Money};
use crate::store::{Store, is_foreign_key_violation};

/// A positive exact decimal rate, e.g. 1.0834 (kept as digits and a scale, never a float).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rate {
    digits: i64,
    scale: u32,
}

impl Rate {
    /// The longest fraction a rate may have.
    pub const MAX_SCALE: u32 = 12;

    /// Parses a positive decimal such as `1.0834`; `field` names the input for errors.
    pub fn parse(field: &str, text: &str) -> Result<Rate> {
        let text = text.trim();
        let bad = || {
            Error::invalid(
                field,
                format!("{text:?} is not a positive decimal rate such as 1.0834"),
            )
        };
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(frac)
            || (text.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let frac = frac.trim_end_matches('0');
        let scale = u32::try_from(frac.len()).map_err(|_| bad())?;
        if scale > Rate::MAX_SCALE {
            return Err(Error::invalid(
                field,
                format!("{text:?} has more than {} decimals", Rate::MAX_SCALE),
            ));
        }
        let digits: i64 = format!("{whole}{frac}").parse().map_err(|_| bad())?;
        if digits == 0 {
            return Err(Error::invalid(field, "must be greater than zero"));
        }
        Ok(Rate { digits, scale })
    }

    /// `amount` converted into `to` at this rate (one unit of `amount`'s currency buys `rate`
    /// units of `to`), rounded half away from zero to `to`'s minor unit. None on overflow.
    pub fn convert(&self, amount: Money, to: Currency) -> Option<Money> {
        let from_exp = u32::from(amount.currency.exponent());
        let to_exp = u32::from(to.exponent());
        // amount.minor / 10^from_exp * digits / 10^scale * 10^to_exp
        let numerator = i128::from(amount.minor)
            .checked_mul(i128::from(self.digits))?
            .checked_mul(10i128.checked_pow(to_exp)?)?;
        let denominator = 10i128.checked_pow(self.scale + from_exp)?;
        let half = denominator / 2;
        let rounded = if numerator >= 0 {
            (numerator + half) / denominator
        } else {
            (numerator - half) / denominator
        };
        Some(Money::new(i64::try_from(rounded).ok()?, to))
    }
}

impl Rate {
    /// The rate of one: a currency converted into itself.
    pub fn one() -> Rate {
        Rate {
            digits: 1,
            scale: 0,
        }
    }

    /// Parses a quote such as `EUR/USD=1.08` (one EUR buys 1.08 USD), which must be for `from` to
    /// `to`; a bare `1.08` is taken as that pair too. `field` names the input for errors.
    pub fn parse_quote(field: &str, text: &str, from: Currency, to: Currency) -> Result<Rate> {
        let Some((pair, rate)) = text.split_once('=') else {
            return Rate::parse(field, text);
        };
        let pair = pair.trim();
        let (a, b) = pair.split_once('/').ok_or_else(|| {
            Error::invalid(
                field,
                format!("{text:?} is not a rate such as \"{from}/{to}=1.08\""),
            )
        })?;
        let (a, b) = (Currency::parse(field, a)?, Currency::parse(field, b)?);
        if (a, b) != (from, to) {
            return Err(Error::invalid(
                field,
                format!("must convert {from} to {to} (\"{from}/{to}=...\"), got {a}/{b}"),
            ));
        }
        Rate::parse(field, rate)
    }

    /// The rate as a float, only for spreadsheets, which compute in floating point anyway.
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.digits);
        }
        let unit = 10i64.pow(self.scale);
        write!(
            f,
            "{}.{:0width$}",
            self.digits / unit,
            self.digits % unit,
            width = self.scale as usize
        )
    }
}

impl fmt::Debug for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl TryFrom<String> for Rate {
    type Error = Error;
    fn try_from(value: String) -> Result<Rate> {
        Rate::parse("rate", &value)
    }
}

impl From<Rate> for String {
    fn from(value: Rate) -> Self {
        value.to_string()
    }
}

/// A recorded rate: one `from` buys `rate` of `to`, as of `recorded_on`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExchangeRateData {
    /// The summit it applies to; none means every summit.
    pub summit_id: Option<i64>,
    pub from: Currency,
    pub to: Currency,
    pub rate: Rate,
    pub recorded_on: NaiveDate,
    pub note: Option<String>,
}

impl ExchangeRateData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<ExchangeRateData> {
        if self.from == self.to {
            return Err(Error::invalid(
                "to",
                format!(
                    "a rate converts between two currencies, got {} twice",
                    self.to
                ),
            ));
        }
        Ok(ExchangeRateData {
            note: fields::optional("note", self.note.as_deref())?,
            ..self.clone()
        })
    }
}

/// A stored exchange rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExchangeRate {
    pub id: i64,
    #[serde(flatten)]
    pub data: ExchangeRateData,
}

/// Inserts one validated rate on `conn`.
pub(crate) async fn insert(conn: &mut SqliteConnection, data: &ExchangeRateData) -> Result<i64> {
    let (from, to, rate) = (data.from.code(), data.to.code(), data.rate.to_string());
    sqlx::query_scalar!(
            "INSERT INTO exchange_rates (summit_id, from_currency, to_currency, rate, recorded_on, note)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id AS \"id!\"",
            data.summit_id, from, to, rate, data.recorded_on, data.note
        )
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| if is_foreign_key_violation(&e) { Error::invalid("summit", "no such summit") } else { e.into() })
}

/// The newest rate recorded from `from` to `to` for a summit or for every summit, read on `conn`.
pub(crate) async fn latest(
    conn: &mut SqliteConnection,
    summit_id: i64,
    from: Currency,
    to: Currency,
) -> Result<Option<Rate>> {
    let (from, to) = (from.code(), to.code());
    let rate = sqlx::query_scalar!(
        "SELECT rate FROM exchange_rates
         WHERE from_currency = ? AND to_currency = ? AND (summit_id IS NULL OR summit_id = ?)
         ORDER BY recorded_on DESC, summit_id IS NULL, id DESC LIMIT 1",
        from,
        to,
        summit_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    rate.map(|r| Rate::parse("rate", &r)).transpose()
}

impl Store {
    /// Records an exchange rate.
    pub async fn record_rate(&self, data: &ExchangeRateData) -> Result<ExchangeRate> {
        let data = data.validated()?;
        let id = insert(&mut *self.pool.acquire().await?, &data).await?;
        Ok(ExchangeRate { id, data })
    }

    /// Rates recorded for a summit (and those for every summit), newest first.
    pub async fn list_rates(&self, summit_id: Option<i64>) -> Result<Vec<ExchangeRate>> {
        let rows = sqlx::query_as!(
            RateRow,
            r#"SELECT id, summit_id, from_currency, to_currency, rate, recorded_on AS "recorded_on: NaiveDate", note
               FROM exchange_rates WHERE ?1 IS NULL OR summit_id IS NULL OR summit_id = ?1
               ORDER BY recorded_on DESC, id DESC"#,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ExchangeRate::try_from).collect()
    }

    /// The rate that converts each currency into `to` for a summit: of the rates recorded from that
    /// currency to `to`, the latest one recorded for this summit, else the latest one recorded for
    /// every summit (ties go to the one recorded last). Only rates the user recorded, never an
    /// inverse or a chain of them.
    pub async fn rates_into(&self, summit_id: i64, to: Currency) -> Result<Vec<ExchangeRate>> {
        let code = to.code();
        let rows = sqlx::query_as!(
            RateRow,
            r#"SELECT id AS "id!", summit_id, from_currency, to_currency, rate, recorded_on AS "recorded_on: NaiveDate",
                      note
               FROM exchange_rates WHERE to_currency = ?1 AND (summit_id = ?2 OR summit_id IS NULL)
               ORDER BY from_currency, summit_id IS NULL, recorded_on DESC, id DESC"#,
            code,
            summit_id
        )
        .fetch_all(&self.pool)
        .await?;
        let mut rates: Vec<ExchangeRate> = Vec::new();
        for row in rows {
            let rate = ExchangeRate::try_from(row)?;
            if rates.last().is_none_or(|r| r.data.from != rate.data.from) {
                rates.push(rate);
            }
        }
        Ok(rates)
    }
}

struct RateRow {
    id: i64,
    summit_id: Option<i64>,
    from_currency: String,
    to_currency: String,
    rate: String,
    recorded_on: NaiveDate,
    note: Option<String>,
}

impl TryFrom<RateRow> for ExchangeRate {
    type Error = Error;
    fn try_from(r: RateRow) -> Result<ExchangeRate> {
        Ok(ExchangeRate {
            id: r.id,
            data: ExchangeRateData {
                summit_id: r.summit_id,
                from: Currency::parse("from", &r.from_currency)?,
                to: Currency::parse("to", &r.to_currency)?,
                rate: Rate::parse("rate", &r.rate)?,
                recorded_on: r.recorded_on,
                note: r.note,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(c: &str) -> Currency {
        Currency::parse("c", c).unwrap()
    }

    #[test]
    fn rates_are_exact_decimals() {
        assert_eq!(Rate::parse("rate", "1.0800").unwrap().to_string(), "1.08");
        assert_eq!(Rate::parse("rate", "160").unwrap().to_string(), "160");
        for bad in [
            "0",
            "0.000",
            "-1.2",
            "1,08",
            "abc",
            "1.",
            ".5",
            "1.0000000000001",
        ] {
            assert_eq!(
                Rate::parse("rate", bad).unwrap_err().field(),
                Some("rate"),
                "{bad}"
            );
        }
    }

    #[test]
    fn quotes_name_their_pair() {
        let (eur, usd) = (cur("EUR"), cur("USD"));
        assert_eq!(
            Rate::parse_quote("rate", "EUR/USD=1.08", eur, usd).unwrap(),
            Rate::parse("r", "1.08").unwrap()
        );
        assert_eq!(
            Rate::parse_quote("rate", "1.08", eur, usd)
                .unwrap()
                .to_string(),
            "1.08"
        );
        let e = Rate::parse_quote("rate", "USD/EUR=0.9", eur, usd).unwrap_err();
        assert_eq!(e.field(), Some("rate"));
        assert!(e.to_string().contains("must convert EUR to USD"), "{e}");
        assert!(Rate::parse_quote("rate", "EURUSD=1.1", eur, usd).is_err());
        assert!(Rate::parse_quote("rate", "EUR/USD=-1", eur, usd).is_err());
        assert_eq!(Rate::one().to_string(), "1");
    }

    #[test]
    fn converts_between_exponents_with_rounding() {
        let eur_usd = Rate::parse("rate", "1.08").unwrap();
        assert_eq!(
            eur_usd.convert(Money::new(10_000, cur("EUR")), cur("USD")),
            Some(Money::new(10_800, cur("USD")))
        );
        let usd_jpy = Rate::parse("rate", "151.237").unwrap();
        // 12.34 USD * 151.237 = 1866.26... JPY -> 1866
        assert_eq!(
            usd_jpy.convert(Money::new(1234, cur("USD")), cur("JPY")),
            Some(Money::new(1866, cur("JPY")))
        );
        let jpy_bhd = Rate::parse("rate", "0.0025").unwrap();
        // 1000 JPY * 0.0025 = 2.5 BHD = 2500 fils
        assert_eq!(
            jpy_bhd.convert(Money::new(1000, cur("JPY")), cur("BHD")),
            Some(Money::new(2500, cur("BHD")))
        );
        let half = Rate::parse("rate", "0.5").unwrap();
        assert_eq!(
            half.convert(Money::new(1, cur("EUR")), cur("USD")),
            Some(Money::new(1, cur("USD")))
        );
        assert_eq!(
            half.convert(Money::new(-1, cur("EUR")), cur("USD")),
            Some(Money::new(-1, cur("USD")))
        );
        assert_eq!(
            Rate::parse("r", "999999")
                .unwrap()
                .convert(Money::new(i64::MAX, cur("EUR")), cur("USD")),
            None
        );
    }
}
