//! Forms: records as a person types them — dates, local times and amounts as text — parsed into
//! the records' data, every error naming its field. The desktop app's forms and the CLI's
//! arguments both come through here, so a value is read the same way everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::budget::{BudgetCategory, BudgetLineData};
use crate::error::{Error, Result};
use crate::gathering::{Audience, GatheringData, GatheringKind, GatheringStatus};
use crate::geo::Geo;
use crate::money::{Currency, Money};
use crate::rates::{ExchangeRateData, Rate};
use crate::shipment::{ShipmentData, ShipmentLine, ShipmentStatus};
use crate::summit::SummitData;
use crate::swag::SwagItemData;
use crate::time::{Zone, parse_date, parse_local};
use crate::travel::approve::ApprovalInput;
use crate::travel::decide::{BookingData, PaymentInput};
use crate::travel::funding::ApprovedItem;
use crate::travel::policy::TravelPolicy;
use crate::travel::{TravelCategory, TravelItem, TravelRequestData};

/// How local times are written in forms: the value of an HTML `datetime-local` input.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A summit as typed: dates `YYYY-MM-DD`, the budget an amount in the summit's currency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SummitForm {
    pub name: String,
    pub slug: String,
    pub city: Option<String>,
    pub venue: Option<String>,
    pub tz: String,
    pub start: String,
    pub end: String,
    pub currency: String,
    pub budget: Option<String>,
}

impl SummitForm {
    pub fn parse(&self) -> Result<SummitData> {
        let currency = Currency::parse("currency", &self.currency)?;
        SummitData {
            name: self.name.clone(),
            slug: self.slug.clone(),
            city: self.city.clone(),
            venue: self.venue.clone(),
            tz: Zone::parse("tz", &self.tz)?,
            start_date: parse_date("start", &self.start)?,
            end_date: parse_date("end", &self.end)?,
            currency,
            budget: amount("budget", self.budget.as_deref(), currency)?,
        }
        .validated()
    }
}

impl From<&SummitData> for SummitForm {
    fn from(d: &SummitData) -> Self {
        SummitForm {
            name: d.name.clone(),
            slug: d.slug.clone(),
            city: d.city.clone(),
            venue: d.venue.clone(),
            tz: d.tz.to_string(),
            start: d.start_date.to_string(),
            end: d.end_date.to_string(),
            currency: d.currency.to_string(),
            budget: d.budget.map(|m| m.amount()),
        }
    }
}

/// A gathering as typed: start and end are wall-clock times in `tz`, `YYYY-MM-DDTHH:MM`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GatheringForm {
    pub summit_id: Option<i64>,
    pub kind: GatheringKind,
    pub title: String,
    pub description: Option<String>,
    pub start: String,
    pub end: String,
    pub tz: String,
    pub venue: Option<String>,
    pub room: Option<String>,
    /// A web page, `https://...`.
    pub url: Option<String>,
    /// The map position as maps copy it, `latitude, longitude`, e.g. `45.7578, 4.8320`.
    pub geo: Option<String>,
    pub track: Option<String>,
    pub capacity: Option<i64>,
    pub expected_headcount: Option<i64>,
    pub audience: Audience,
    pub status: GatheringStatus,
    pub recurrence: Option<String>,
}

impl GatheringForm {
    pub fn parse(&self) -> Result<GatheringData> {
        let tz = Zone::parse("tz", &self.tz)?;
        GatheringData {
            summit_id: self.summit_id,
            kind: self.kind,
            title: self.title.clone(),
            description: self.description.clone(),
            start: tz.to_utc("start", parse_local("start", &self.start)?)?,
            end: tz.to_utc("end", parse_local("end", &self.end)?)?,
            tz,
            venue: self.venue.clone(),
            room: self.room.clone(),
            url: self.url.clone(),
            geo: Geo::parse("geo", self.geo.as_deref())?,
            track: self.track.clone(),
            capacity: self.capacity,
            expected_headcount: self.expected_headcount,
            audience: self.audience,
            status: self.status,
            recurrence: self.recurrence.clone(),
        }
        .validated()
    }

    /// Parses a form for a new gathering, which cannot start out cancelled.
    pub fn parse_new(&self) -> Result<GatheringData> {
        if self.status == GatheringStatus::Cancelled {
            return Err(Error::invalid(
                "status",
                "a new gathering cannot start cancelled",
            ));
        }
        self.parse()
    }
}

impl From<&GatheringData> for GatheringForm {
    fn from(d: &GatheringData) -> Self {
        let local = |t| d.tz.local(t).format(LOCAL_FORMAT).to_string();
        GatheringForm {
            summit_id: d.summit_id,
            kind: d.kind,
            title: d.title.clone(),
            description: d.description.clone(),
            start: local(d.start),
            end: local(d.end),
            tz: d.tz.to_string(),
            venue: d.venue.clone(),
            room: d.room.clone(),
            url: d.url.clone(),
            geo: d.geo.map(|g| g.to_string()),
            track: d.track.clone(),
            capacity: d.capacity,
            expected_headcount: d.expected_headcount,
            audience: d.audience,
            status: d.status,
            recurrence: d.recurrence.clone(),
        }
    }
}

/// One requested amount as typed; a blank amount means the category is not requested.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelItemForm {
    pub category: TravelCategory,
    pub amount: String,
}

/// A travel request as typed: dates `YYYY-MM-DD`, amounts in `currency`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelRequestForm {
    pub summit_id: i64,
    pub speaker_id: i64,
    pub currency: String,
    pub origin_city: Option<String>,
    pub origin_country: Option<String>,
    pub depart_on: Option<String>,
    pub return_on: Option<String>,
    pub lodging_nights: Option<i64>,
    pub notes: Option<String>,
    pub items: Vec<TravelItemForm>,
}

impl TravelRequestForm {
    pub fn parse(&self) -> Result<TravelRequestData> {
        let currency = Currency::parse("currency", &self.currency)?;
        let mut items = Vec::new();
        for item in &self.items {
            if let Some(requested) = amount(item.category.as_str(), Some(&item.amount), currency)? {
                items.push(TravelItem {
                    category: item.category,
                    requested,
                });
            }
        }
        TravelRequestData {
            summit_id: self.summit_id,
            speaker_id: self.speaker_id,
            currency,
            origin_city: self.origin_city.clone(),
            origin_country: self.origin_country.clone(),
            depart_on: date("depart_on", self.depart_on.as_deref())?,
            return_on: date("return_on", self.return_on.as_deref())?,
            lodging_nights: self.lodging_nights,
            notes: self.notes.clone(),
            items,
        }
        .validated()
    }
}

impl From<&TravelRequestData> for TravelRequestForm {
    fn from(d: &TravelRequestData) -> Self {
        TravelRequestForm {
            summit_id: d.summit_id,
            speaker_id: d.speaker_id,
            currency: d.currency.to_string(),
            origin_city: d.origin_city.clone(),
            origin_country: d.origin_country.clone(),
            depart_on: d.depart_on.map(|d| d.to_string()),
            return_on: d.return_on.map(|d| d.to_string()),
            lodging_nights: d.lodging_nights,
            notes: d.notes.clone(),
            items: d
                .items
                .iter()
                .map(|i| TravelItemForm {
                    category: i.category,
                    amount: i.requested.amount(),
                })
                .collect(),
        }
    }
}

/// A summit's travel policy as typed: amounts in the summit's `currency` ("150" or "150 EUR");
/// blank optional caps mean none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TravelPolicyForm {
    pub summit_id: i64,
    /// The summit's currency.
    pub currency: String,
    pub pool: String,
    pub airfare: String,
    pub airfare_domestic: Option<String>,
    pub airfare_international: Option<String>,
    pub domestic_country: Option<String>,
    pub lodging_per_night: String,
    /// Blank: the summit's nights plus one.
    pub lodging_max_nights: Option<i64>,
    pub ground: String,
    pub visa: String,
    pub other: String,
    pub accept_by_days: i64,
    pub review_min: i64,
    pub review_max: i64,
}

impl TravelPolicyForm {
    /// The policy; amounts are checked against the summit's currency when it is set.
    pub fn parse(&self) -> Result<TravelPolicy> {
        let currency = Currency::parse("currency", &self.currency)?;
        let required = |field: &str, text: &str| -> Result<Money> {
            amount(field, Some(text), currency)?
                .ok_or_else(|| Error::invalid(field, "must not be empty (0 means not funded)"))
        };
        TravelPolicy {
            summit_id: self.summit_id,
            pool: required("pool", &self.pool)?,
            airfare_cap: required("airfare", &self.airfare)?,
            airfare_domestic_cap: amount(
                "airfare_domestic",
                self.airfare_domestic.as_deref(),
                currency,
            )?,
            airfare_international_cap: amount(
                "airfare_international",
                self.airfare_international.as_deref(),
                currency,
            )?,
            domestic_country: self.domestic_country.clone(),
            lodging_per_night: required("lodging_per_night", &self.lodging_per_night)?,
            lodging_max_nights: self.lodging_max_nights,
            ground_cap: required("ground", &self.ground)?,
            visa_cap: required("visa", &self.visa)?,
            other_cap: required("other", &self.other)?,
            accept_by_days: self.accept_by_days,
            review_min: self.review_min,
            review_max: self.review_max,
        }
        .validated(currency)
    }
}

impl From<&TravelPolicy> for TravelPolicyForm {
    fn from(p: &TravelPolicy) -> Self {
        let text = |m: Option<Money>| m.map(|m| m.amount());
        TravelPolicyForm {
            summit_id: p.summit_id,
            currency: p.pool.currency.to_string(),
            pool: p.pool.amount(),
            airfare: p.airfare_cap.amount(),
            airfare_domestic: text(p.airfare_domestic_cap),
            airfare_international: text(p.airfare_international_cap),
            domestic_country: p.domestic_country.clone(),
            lodging_per_night: p.lodging_per_night.amount(),
            lodging_max_nights: p.lodging_max_nights,
            ground: p.ground_cap.amount(),
            visa: p.visa_cap.amount(),
            other: p.other_cap.amount(),
            accept_by_days: p.accept_by_days,
            review_min: p.review_min,
            review_max: p.review_max,
        }
    }
}

/// An approval as typed: amounts in the request's currency (a blank one is approved as
/// requested), the rate as `1.08` or `EUR/USD=1.08`, the accept-by date `YYYY-MM-DD`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApprovalForm {
    pub amounts: Vec<TravelItemForm>,
    pub rate: Option<String>,
    pub override_reason: Option<String>,
    pub accept_by: Option<String>,
}

impl ApprovalForm {
    /// The approval of a request in `currency` at a summit in `base`.
    pub fn parse(&self, currency: Currency, base: Currency) -> Result<ApprovalInput> {
        let mut amounts = Vec::new();
        for item in &self.amounts {
            if let Some(approved) = amount(item.category.as_str(), Some(&item.amount), currency)? {
                amounts.push(ApprovedItem {
                    category: item.category,
                    approved,
                });
            }
        }
        Ok(ApprovalInput {
            amounts,
            rate: rate(self.rate.as_deref(), currency, base)?,
            override_reason: self.override_reason.clone(),
            accept_by: date("accept_by", self.accept_by.as_deref())?,
        })
    }
}

/// A rate from `from` to `to` as typed (`1.08` or `EUR/USD=1.08`); blank means none.
fn rate(text: Option<&str>, from: Currency, to: Currency) -> Result<Option<Rate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => Rate::parse_quote("rate", text, from, to).map(Some),
        None => Ok(None),
    }
}

/// A booking as typed: arrival and departure are wall-clock times in `tz` (the summit's zone),
/// `YYYY-MM-DDTHH:MM`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BookingForm {
    pub flight_ref: Option<String>,
    pub hotel_ref: Option<String>,
    pub arrive: String,
    pub depart: String,
    pub tz: String,
    pub nights: Option<i64>,
}

impl BookingForm {
    pub fn parse(&self) -> Result<BookingData> {
        let tz = Zone::parse("tz", &self.tz)?;
        BookingData {
            flight_ref: self.flight_ref.clone(),
            hotel_ref: self.hotel_ref.clone(),
            arrive_at: tz.to_utc("arrive", parse_local("arrive", &self.arrive)?)?,
            depart_at: tz.to_utc("depart", parse_local("depart", &self.depart)?)?,
            nights: self.nights,
        }
        .validated()
    }
}

/// A payment as typed: the date `YYYY-MM-DD`, the amount in the request's currency, the rate to
/// the summit's currency as `1.08` or `EUR/USD=1.08` (blank: the newest recorded one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentForm {
    pub paid_on: String,
    pub amount: String,
    pub rate: Option<String>,
    pub reference: Option<String>,
    pub last: bool,
}

impl PaymentForm {
    /// The payment on a request in `currency` at a summit in `base`.
    pub fn parse(&self, currency: Currency, base: Currency) -> Result<PaymentInput> {
        Ok(PaymentInput {
            paid_on: parse_date("paid_on", &self.paid_on)?,
            amount: amount("amount", Some(&self.amount), currency)?
                .ok_or_else(|| Error::invalid("amount", "must not be empty"))?,
            rate: rate(self.rate.as_deref(), currency, base)?,
            reference: self.reference.clone(),
            last: self.last,
        })
    }
}

/// A shipment as typed: the ship date `YYYY-MM-DD`, both costs in `currency`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ShipmentForm {
    pub summit_id: Option<i64>,
    pub gathering_id: Option<i64>,
    pub destination_address: Option<String>,
    pub origin: String,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub ship_date: Option<String>,
    pub buffer_days: i64,
    pub transit_days: i64,
    pub status: ShipmentStatus,
    pub currency: String,
    pub shipping_cost: Option<String>,
    pub customs_cost: Option<String>,
    pub contents: Vec<ShipmentLine>,
}

impl ShipmentForm {
    pub fn parse(&self) -> Result<ShipmentData> {
        let costs = [&self.shipping_cost, &self.customs_cost];
        let currency = if costs.iter().all(|c| blank(c.as_deref())) {
            // No cost given: the currency does not matter.
            None
        } else {
            Some(Currency::parse("currency", &self.currency)?)
        };
        let cost = |field, text: &Option<String>| match currency {
            Some(currency) => amount(field, text.as_deref(), currency),
            None => Ok(None),
        };
        ShipmentData {
            summit_id: self.summit_id,
            gathering_id: self.gathering_id,
            destination_address: self.destination_address.clone(),
            origin: self.origin.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            carrier: self.carrier.clone(),
            tracking_number: self.tracking_number.clone(),
            ship_date: date("ship_date", self.ship_date.as_deref())?,
            buffer_days: self.buffer_days,
            transit_days: self.transit_days,
            status: self.status,
            shipping_cost: cost("shipping_cost", &self.shipping_cost)?,
            customs_cost: cost("customs_cost", &self.customs_cost)?,
            contents: self.contents.clone(),
        }
        .validated()
    }
}

impl From<&ShipmentData> for ShipmentForm {
    fn from(d: &ShipmentData) -> Self {
        let currency = d.shipping_cost.or(d.customs_cost).map(|m| m.currency);
        ShipmentForm {
            summit_id: d.summit_id,
            gathering_id: d.gathering_id,
            destination_address: d.destination_address.clone(),
            origin: d.origin.clone(),
            contact_name: d.contact_name.clone(),
            contact_phone: d.contact_phone.clone(),
            carrier: d.carrier.clone(),
            tracking_number: d.tracking_number.clone(),
            ship_date: d.ship_date.map(|d| d.to_string()),
            buffer_days: d.buffer_days,
            transit_days: d.transit_days,
            status: d.status,
            currency: currency.map(|c| c.to_string()).unwrap_or_default(),
            shipping_cost: d.shipping_cost.map(|m| m.amount()),
            customs_cost: d.customs_cost.map(|m| m.amount()),
            contents: d.contents.clone(),
        }
    }
}

/// A budget line as typed: three amounts in `currency`; blank committed or spent means zero.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BudgetLineForm {
    pub summit_id: i64,
    pub category: BudgetCategory,
    pub description: String,
    pub currency: String,
    pub planned: String,
    pub committed: Option<String>,
    pub spent: Option<String>,
    pub gathering_id: Option<i64>,
    /// `YYYY-MM-DD`, or blank.
    #[serde(default)]
    pub paid_on: Option<String>,
}

impl BudgetLineForm {
    pub fn parse(&self) -> Result<BudgetLineData> {
        let currency = Currency::parse("currency", &self.currency)?;
        let or_zero = |field, text: Option<&str>| {
            amount(field, text, currency).map(|m| m.unwrap_or(Money::zero(currency)))
        };
        let planned = amount("planned", Some(&self.planned), currency)?
            .ok_or_else(|| Error::invalid("planned", "must not be empty"))?;
        BudgetLineData {
            summit_id: self.summit_id,
            category: self.category,
            description: self.description.clone(),
            planned,
            committed: or_zero("committed", self.committed.as_deref())?,
            spent: or_zero("spent", self.spent.as_deref())?,
            gathering_id: self.gathering_id,
            paid_on: match self.paid_on.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(day) => Some(parse_date("paid_on", day)?),
            },
        }
        .validated()
    }
}

impl From<&BudgetLineData> for BudgetLineForm {
    fn from(d: &BudgetLineData) -> Self {
        BudgetLineForm {
            summit_id: d.summit_id,
            category: d.category,
            description: d.description.clone(),
            currency: d.currency().to_string(),
            planned: d.planned.amount(),
            committed: Some(d.committed.amount()),
            spent: Some(d.spent.amount()),
            gathering_id: d.gathering_id,
            paid_on: d.paid_on.map(|day| day.to_string()),
        }
    }
}

/// An exchange rate as typed: codes, a decimal rate, a `YYYY-MM-DD` date.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExchangeRateForm {
    /// None: the rate applies to every summit.
    pub summit_id: Option<i64>,
    pub from: String,
    pub to: String,
    pub rate: String,
    pub recorded_on: String,
    pub note: Option<String>,
}

impl ExchangeRateForm {
    pub fn parse(&self) -> Result<ExchangeRateData> {
        ExchangeRateData {
            summit_id: self.summit_id,
            from: Currency::parse("from", &self.from)?,
            to: Currency::parse("to", &self.to)?,
            rate: Rate::parse("rate", &self.rate)?,
            recorded_on: parse_date("recorded_on", &self.recorded_on)?,
            note: self.note.clone(),
        }
        .validated()
    }
}

/// A swag item as typed: the unit cost an amount in `currency`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwagItemForm {
    pub name: String,
    pub description: Option<String>,
    pub currency: String,
    pub unit_cost: Option<String>,
}

impl SwagItemForm {
    pub fn parse(&self) -> Result<SwagItemData> {
        let unit_cost = if blank(self.unit_cost.as_deref()) {
            None
        } else {
            let currency = Currency::parse("currency", &self.currency)?;
            amount("unit_cost", self.unit_cost.as_deref(), currency)?
        };
        SwagItemData {
            name: self.name.clone(),
            description: self.description.clone(),
            unit_cost,
        }
        .validated()
    }
}

impl From<&SwagItemData> for SwagItemForm {
    fn from(d: &SwagItemData) -> Self {
        SwagItemForm {
            name: d.name.clone(),
            description: d.description.clone(),
            currency: d
                .unit_cost
                .map(|m| m.currency.to_string())
                .unwrap_or_default(),
            unit_cost: d.unit_cost.map(|m| m.amount()),
        }
    }
}

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// An amount in `currency`, typed as "12.50" or with its code, "12.50 EUR"; blank means none.
pub fn amount(field: &str, text: Option<&str>, currency: Currency) -> Result<Option<Money>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let money = if text.contains(char::is_whitespace) {
        Money::parse(field, text)?
    } else {
        Money::parse_amount(field, text, currency)?
    };
    if money.currency != currency {
        return Err(Error::invalid(
            field,
            format!("must be in {currency}, got {}", money.currency),
        ));
    }
    Ok(Some(money))
}

/// A date `YYYY-MM-DD`; blank means none.
fn date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => parse_date(field, text).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn social() -> GatheringForm {
        GatheringForm {
            summit_id: Some(1),
            kind: GatheringKind::Social,
            title: "Speakers' dinner".into(),
            description: None,
            start: "2026-03-29T01:30".into(),
            end: "2026-03-29T04:00".into(),
            tz: "Europe/Paris".into(),
            venue: None,
            room: None,
            url: Some("https://example.org/dinner".into()),
            geo: Some("45.7578, 4.832".into()),
            track: None,
            capacity: Some(40),
            expected_headcount: None,
            audience: Audience::Speakers,
            status: GatheringStatus::Confirmed,
            recurrence: None,
        }
    }

    #[test]
    fn a_gathering_form_reads_local_times_in_its_zone_and_round_trips() {
        let data = social().parse().unwrap();
        // 01:30 is before the switch to summer time (UTC+1), 04:00 after it (UTC+2).
        assert_eq!(data.start.to_rfc3339(), "2026-03-29T00:30:00+00:00");
        assert_eq!(data.end.to_rfc3339(), "2026-03-29T02:00:00+00:00");
        assert_eq!(GatheringForm::from(&data), social());
    }

    #[test]
    fn a_gathering_outside_the_years_a_calendar_holds_is_refused() {
        // chrono reads signed years down to -262143, where the calendar writer's date arithmetic
        // overflowed (found by fuzzing ical_text): refused when typed, with the field named.
        for (start, end, field) in [
            ("-262143-01-01 10:00", "2026-03-29 04:00", "start"),
            ("-0001-12-31 23:00", "2026-03-29 04:00", "start"),
            ("2026-03-29 01:30", "+10000-01-01 00:00", "end"),
        ] {
            let form = GatheringForm {
                start: start.into(),
                end: end.into(),
                tz: "America/New_York".into(),
                ..social()
            };
            let e = form.parse().unwrap_err();
            assert_eq!(e.field(), Some(field), "{start}..{end}: {e}");
            assert!(e.to_string().contains("0000 to 9999"), "{e}");
        }
        let first = GatheringForm {
            start: "0000-01-01 00:00".into(),
            end: "9999-12-31 23:59".into(),
            tz: "UTC".into(),
            ..social()
        };
        assert!(first.parse().is_ok());
    }

    #[test]
    fn a_gathering_form_names_the_field_that_is_wrong() {
        let field = |form: GatheringForm| form.parse().unwrap_err().field().map(str::to_owned);
        let gap = GatheringForm {
            start: "2026-03-29T02:30".into(),
            ..social()
        };
        assert_eq!(field(gap), Some("start".into()));
        let backwards = GatheringForm {
            end: "2026-03-29T01:00".into(),
            ..social()
        };
        assert_eq!(field(backwards), Some("end".into()));
        let zone = GatheringForm {
            tz: "Mars/Olympus".into(),
            ..social()
        };
        assert_eq!(field(zone), Some("tz".into()));
        let link = GatheringForm {
            url: Some("example.org/dinner".into()),
            ..social()
        };
        assert_eq!(field(link), Some("url".into()));
        let place = GatheringForm {
            geo: Some("45.7578".into()),
            ..social()
        };
        assert_eq!(field(place), Some("geo".into()));
        let cancelled = GatheringForm {
            status: GatheringStatus::Cancelled,
            ..social()
        };
        assert_eq!(
            cancelled.parse_new().unwrap_err().field(),
            Some("status"),
            "a new gathering cannot start cancelled"
        );
    }

    #[test]
    fn amounts_are_read_in_the_forms_currency() {
        let eur = Currency::parse("c", "EUR").unwrap();
        let jpy = Currency::parse("c", "JPY").unwrap();
        assert_eq!(
            amount("x", Some(" 12.5 "), eur).unwrap().unwrap().minor,
            1250
        );
        assert_eq!(
            amount("x", Some("1200 JPY"), jpy).unwrap().unwrap().minor,
            1200
        );
        assert_eq!(amount("x", Some("  "), eur).unwrap(), None);
        let err = amount("planned", Some("12.50 USD"), eur).unwrap_err();
        assert_eq!(err.to_string(), "planned: must be in EUR, got USD");
        let err = amount("planned", Some("12.5"), jpy).unwrap_err();
        assert_eq!(err.field(), Some("planned"));
    }

    #[test]
    fn a_budget_line_form_defaults_committed_and_spent_to_zero_and_round_trips() {
        let form = BudgetLineForm {
            summit_id: 1,
            category: BudgetCategory::Socials,
            description: "Venue deposit".into(),
            currency: "EUR".into(),
            planned: "1500.00".into(),
            committed: None,
            spent: Some("".into()),
            gathering_id: None,
            paid_on: Some(" ".into()),
        };
        let data = form.parse().unwrap();
        assert_eq!(
            (data.planned.minor, data.committed.minor, data.spent.minor),
            (150_000, 0, 0)
        );
        let again = BudgetLineForm::from(&data);
        assert_eq!(again.planned, "1500.00");
        assert_eq!(again.parse().unwrap(), data);
        let missing = BudgetLineForm {
            planned: " ".into(),
            ..form.clone()
        };
        assert_eq!(missing.parse().unwrap_err().field(), Some("planned"));
        let paid = BudgetLineForm {
            spent: Some("200".into()),
            paid_on: Some("2026-05-04".into()),
            ..form.clone()
        };
        let data = paid.parse().unwrap();
        assert_eq!(
            data.paid_on.map(|d| d.to_string()).as_deref(),
            Some("2026-05-04")
        );
        assert_eq!(BudgetLineForm::from(&data).parse().unwrap(), data);
        let bad_day = BudgetLineForm {
            paid_on: Some("2026-02-30".into()),
            ..paid.clone()
        };
        assert_eq!(bad_day.parse().unwrap_err().field(), Some("paid_on"));
        let nothing_paid = BudgetLineForm {
            paid_on: Some("2026-05-04".into()),
            ..form
        };
        let e = nothing_paid.parse().unwrap_err();
        assert_eq!(e.field(), Some("paid_on"), "{e}");
    }

    #[test]
    fn a_travel_form_skips_blank_amounts_and_names_the_bad_category() {
        let form = TravelRequestForm {
            summit_id: 1,
            speaker_id: 2,
            currency: "USD".into(),
            origin_city: Some("Nairobi".into()),
            origin_country: Some("KE".into()),
            depart_on: Some("2026-06-01".into()),
            return_on: Some("".into()),
            lodging_nights: Some(3),
            notes: None,
            items: vec![
                TravelItemForm {
                    category: TravelCategory::Airfare,
                    amount: "850".into(),
                },
                TravelItemForm {
                    category: TravelCategory::Visa,
                    amount: "".into(),
                },
            ],
        };
        let data = form.parse().unwrap();
        assert_eq!(data.items.len(), 1);
        assert_eq!(data.return_on, None);
        let bad = TravelRequestForm {
            items: vec![TravelItemForm {
                category: TravelCategory::Lodging,
                amount: "lots".into(),
            }],
            ..form.clone()
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("lodging"));
        let bad_date = TravelRequestForm {
            depart_on: Some("June".into()),
            ..form
        };
        assert_eq!(bad_date.parse().unwrap_err().field(), Some("depart_on"));
    }

    #[test]
    fn a_summit_form_reads_its_budget_in_its_currency() {
        let form = SummitForm {
            name: "Northwind".into(),
            slug: "northwind".into(),
            tz: "Europe/Paris".into(),
            start: "2026-05-01".into(),
            end: "2026-05-03".into(),
            currency: "JPY".into(),
            budget: Some("5000000".into()),
            ..SummitForm::default()
        };
        let data = form.parse().unwrap();
        assert_eq!(data.budget.map(|b| b.minor), Some(5_000_000));
        assert_eq!(SummitForm::from(&data), form);
        let bad = SummitForm {
            start: "01/05/2026".into(),
            ..form
        };
        assert_eq!(bad.parse().unwrap_err().field(), Some("start"));
    }
}
