//! Demo data: a coherent summit with socials around its main schedule, regional meetups, speakers,
//! travel requests in several currencies, swag, shipments, budget lines and exchange rates.
//! `Large` is ten times a FOSDEM, for benchmarks and for trying the app at scale.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc, Weekday};
use serde::Serialize;

use crate::budget::{self, BudgetCategory, BudgetLineData};
use crate::error::{Error, Result};
use crate::gathering::{self, Audience, GatheringData, GatheringKind, GatheringStatus};
use crate::geo::Geo;
use crate::money::{Currency, Money};
use crate::organiser::{self, OrganiserData};
use crate::rates::{self, ExchangeRateData, Rate};
use crate::shipment::{self, ShipmentData, ShipmentLine, ShipmentStatus};
use crate::speaker::{self, SpeakerData};
use crate::stock::{self, NewMovement, StockMovementKind, Target};
use crate::store::{Store, only};
use crate::summit::Summit;
use crate::summit::{self, SummitData};
use crate::swag::{self, SwagItemData};
use crate::time::FixedClock;
use crate::time::Zone;
use crate::travel::approve::ApprovalInput;
use crate::travel::decide::{self, BookingData, PaymentInput};
use crate::travel::flow::TravelAction;
use crate::travel::policy::{self, TravelPolicy};
use crate::travel::{self, TravelCategory, TravelItem, TravelRequestData};

/// How much demo data to seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// One summit a person can read through.
    Small,
    /// At least 10,000 gatherings, 3,000 speakers, 2,000 travel requests, 5,000 shipments and
    /// 100,000 budget lines.
    Large,
}

impl Scale {
    /// Parses `small` or `large`.
    pub fn parse(field: &str, text: &str) -> Result<Scale> {
        match text.trim() {
            "small" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            other => Err(Error::invalid(
                field,
                format!("unknown scale {other:?} (expected small or large)"),
            )),
        }
    }
}

/// What the demo seeded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DemoCounts {
    pub summit_slug: String,
    pub gatherings: usize,
    pub speakers: usize,
    pub travel_requests: usize,
    pub shipments: usize,
    pub budget_lines: usize,
}

/// A small deterministic generator, so every demo is the same.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Guido", "Radia",
    "Yukihiro", "Hedy", "Tim", "Karen", "Bjarne", "Sophie", "Anders", "Lynn", "Rasmus", "Carol",
    "Aisha", "Mateo", "Priya", "Kenji", "Olu", "Ingrid", "Tomás", "Mei", "Zanele", "Arjun",
    "Leila", "Søren",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "van Rossum",
    "Perlman",
    "Matsumoto",
    "Lamarr",
    "Berners-Lee",
    "Spärck Jones",
    "Stroustrup",
    "Wilson",
    "Hejlsberg",
    "Conway",
    "Lerdorf",
    "Shaw",
    "Okafor",
    "García",
    "Raman",
    "Tanaka",
    "Adeyemi",
    "Nilsson",
    "Silva",
    "Chen",
    "Dlamini",
    "Iyer",
    "Haddad",
    "Kierkegaard",
];
const ORGS: &[&str] = &[
    "Ferrous Systems",
    "Igalia",
    "Red Hat",
    "Canonical",
    "Mozilla",
    "Tweede golf",
    "Collabora",
    "Sovereign Tech Agency",
    "University of Lyon",
    "Independent",
];
const CITIES: &[(&str, &str, &str)] = &[
    ("Berlin", "DE", "EUR"),
    ("Tokyo", "JP", "JPY"),
    ("Bengaluru", "IN", "INR"),
    ("Manama", "BH", "BHD"),
    ("San Francisco", "US", "USD"),
    ("London", "GB", "GBP"),
    ("Lagos", "NG", "NGN"),
    ("São Paulo", "BR", "BRL"),
    ("Lyon", "FR", "EUR"),
    ("Toronto", "CA", "CAD"),
];
const TOPICS: &[&str] = &[
    "Async Rust in production",
    "Fuzzing everything",
    "Memory safety for C programmers",
    "Embedded without fear",
    "Building a database from scratch",
    "Type-driven API design",
    "Compilers for mortals",
    "WebAssembly outside the browser",
    "Observability on a budget",
    "Maintaining a project for ten years",
    "Funding open source",
    "Accessible desktop apps",
    "Reproducible builds",
    "The state of the borrow checker",
    "Writing a game engine",
    "Formal methods in practice",
];

fn at(day: NaiveDate, hour: u32, minute: u32, tz: Zone) -> Result<DateTime<Utc>> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0)
        .ok_or_else(|| Error::invalid("start", "bad demo time"))?;
    tz.to_utc("start", day.and_time(time))
}

fn money(minor: i64, code: &str) -> Result<Money> {
    Ok(Money::new(minor, Currency::parse("currency", code)?))
}

/// Where the demo's places are on the map; none for a place not listed ("Online").
fn geo(place: &str) -> Option<Geo> {
    let (latitude, longitude) = match place {
        "Centre de Congrès de Lyon" => (45.7851, 4.8524),
        "La Sucrière" => (45.7376, 4.8147),
        "Brasserie Georges" => (45.7488, 4.826),
        "Le Sirius" => (45.7583, 4.8407),
        "Le Tuba" => (45.7701, 4.8306),
        "c-base" => (52.513, 13.4201),
        _ => return None,
    };
    Geo::new("geo", latitude, longitude).ok()
}

/// The first day on or after `from` that is the `n`th `weekday` of its month, as a monthly
/// `BYDAY=nWD` rule counts: a recurring meetup starts on a day its rule matches.
fn nth_weekday_from(from: NaiveDate, weekday: Weekday, n: u8) -> NaiveDate {
    let month_start = from.with_day(1).unwrap_or(from);
    (0..3)
        .filter_map(|m| month_start.checked_add_months(Months::new(m)))
        .filter_map(|d| NaiveDate::from_weekday_of_month_opt(d.year(), d.month(), weekday, n))
        .find(|d| *d >= from)
        .unwrap_or(from)
}

fn gathering(
    summit_id: Option<i64>,
    kind: GatheringKind,
    title: String,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    tz: Zone,
    place: (&str, Option<String>),
    audience: Audience,
) -> GatheringData {
    GatheringData {
        summit_id,
        kind,
        title,
        description: None,
        start,
        end,
        tz,
        venue: Some(place.0.to_owned()),
        room: place.1,
        url: None,
        geo: geo(place.0),
        track: None,
        capacity: None,
        expected_headcount: None,
        audience,
        status: GatheringStatus::Confirmed,
        recurrence: None,
    }
}

impl Store {
    /// Seeds the demo summit in one transaction, its dates a few weeks after `today`.
    pub async fn seed_demo(&self, scale: Scale, today: NaiveDate) -> Result<DemoCounts> {
        let mut tx = self.write().await?;
        let counts = seed(&mut tx, scale, today).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// The small demo summit, seeded relative to `today` unless the database has it already.
    pub async fn demo_summit(&self, today: NaiveDate) -> Result<Summit> {
        let slug = "northwind";
        if let Some(summit) = self
            .list_summits()
            .await?
            .into_iter()
            .find(|s| s.data.slug == slug)
        {
            return Ok(summit);
        }
        let counts = self.seed_demo(Scale::Small, today).await?;
        self.summit_by_slug(&counts.summit_slug).await
    }
}

async fn seed(
    conn: &mut sqlx::SqliteConnection,
    scale: Scale,
    today: NaiveDate,
) -> Result<DemoCounts> {
    let large = scale == Scale::Large;
    let mut dice = Dice(0x5EED_CAFE_F00D_0001);
    let tz = Zone::parse("tz", "Europe/Paris")?;
    let eur = Currency::parse("currency", "EUR")?;
    let first_day = today + Duration::days(45);
    let days: i64 = if large { 4 } else { 3 };
    let venue = "Centre de Congrès de Lyon";
    let summit = SummitData {
        name: if large {
            "Northwind Open Source Summit XL".into()
        } else {
            "Northwind Open Source Summit".into()
        },
        slug: if large {
            "northwind-xl".into()
        } else {
            "northwind".into()
        },
        city: Some("Lyon".into()),
        venue: Some(venue.into()),
        tz,
        start_date: first_day,
        end_date: first_day + Duration::days(days - 1),
        currency: eur,
        budget: Some(Money::new(
            if large { 250_000_000 } else { 25_000_000 },
            eur,
        )),
    }
    .validated()?;
    let summit_id = summit::insert(conn, &summit).await?;
    let sid = Some(summit_id);
    let mut counts = DemoCounts {
        summit_slug: summit.slug.clone(),
        ..DemoCounts::default()
    };

    // The main schedule: a keynote each morning, then talks in every room.
    let (rooms, slots, every, length) = if large {
        (130, 20, 30, 25)
    } else {
        (4, 6, 60, 50)
    };
    let mut schedule = Vec::new();
    for d in 0..days {
        let day = first_day + Duration::days(d);
        let keynote = gathering(
            sid,
            GatheringKind::Session,
            format!("Keynote: {}", dice.pick(TOPICS)),
            (at(day, 9, 0, tz)?, at(day, 10, 0, tz)?),
            tz,
            (venue, Some("Auditorium Lumière".into())),
            Audience::Attendees,
        );
        schedule.push(GatheringData {
            track: Some("plenary".into()),
            ..keynote
        });
        for room in 0..rooms {
            for slot in 0..slots {
                let minutes: u32 = 10 * 60 + 30 + slot * every;
                let start = at(day, minutes / 60, minutes % 60, tz)?;
                let mut talk = gathering(
                    sid,
                    GatheringKind::Session,
                    format!(
                        "{} ({}-{}-{})",
                        dice.pick(TOPICS),
                        d + 1,
                        room + 1,
                        slot + 1
                    ),
                    (start, start + Duration::minutes(length.into())),
                    tz,
                    (venue, Some(format!("Room {}", room + 1))),
                    Audience::Attendees,
                );
                talk.track = Some(["systems", "web", "community", "security"][room % 4].into());
                talk.capacity = Some(if large { 120 } else { 200 });
                schedule.push(talk);
            }
        }
    }
    let talks: Vec<i64> = gathering::insert_many(conn, &schedule)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    counts.gatherings += talks.len();

    // Socials around it, one of them clashing with the second keynote.
    let day = |n: i64| first_day + Duration::days(n);
    let socials = [
        (
            "Welcome party",
            day(-1),
            (19, 0),
            (23, 0),
            "La Sucrière",
            Audience::Attendees,
            600,
            450,
        ),
        (
            "Speakers' dinner",
            day(0),
            (19, 30),
            (22, 30),
            "Brasserie Georges",
            Audience::Speakers,
            120,
            135,
        ),
        (
            "Sponsor breakfast",
            day(1),
            (8, 30),
            (9, 30),
            venue,
            Audience::InviteOnly,
            40,
            35,
        ),
        (
            "Contributor meetup",
            day(1),
            (18, 0),
            (21, 0),
            "Le Sirius",
            Audience::Public,
            150,
            90,
        ),
        (
            "Organisers' debrief drinks",
            day(days - 1),
            (19, 0),
            (21, 0),
            "Le Sirius",
            Audience::Organisers,
            30,
            25,
        ),
    ];
    let mut extras = Vec::new();
    let social_titles: Vec<&str> = socials.iter().map(|s| s.0).collect();
    for (i, (title, d, (sh, sm), (eh, em), place, audience, capacity, headcount)) in
        socials.into_iter().enumerate()
    {
        let mut social = gathering(
            sid,
            GatheringKind::Social,
            title.into(),
            (at(d, sh, sm, tz)?, at(d, eh, em, tz)?),
            tz,
            (place, None),
            audience,
        );
        social.capacity = Some(capacity);
        social.expected_headcount = Some(headcount);
        social.url = Some(format!(
            "https://{}.example.org/socials/{}",
            summit.slug,
            i + 1
        ));
        if audience == Audience::Organisers {
            // Contact details belong in the organisers' own calendar only.
            social.description = Some(
                "Table booked by Rosa (rosa@northwind.example, +33 6 12 34 56 78); the treasurer \
                 brings the travel report."
                    .into(),
            );
        }
        extras.push(social);
    }
    let milestones = [
        ("Call for papers closes", -60),
        ("Travel applications close", -40),
        ("Swag order deadline", -30),
    ];
    for (title, offset) in milestones {
        let d = first_day + Duration::days(offset);
        let m = gathering(
            sid,
            GatheringKind::Milestone,
            title.into(),
            (at(d, 0, 0, tz)?, at(d, 0, 0, tz)?),
            tz,
            ("Online", None),
            Audience::Organisers,
        );
        extras.push(m);
    }
    // Regional meetups; two stand alone and recur, each starting on a day its rule matches.
    let berlin = Zone::parse("tz", "Europe/Berlin")?;
    let meetups = [
        (
            None,
            "Lyon Rust Meetup",
            "Le Tuba",
            tz,
            Some(("FREQ=MONTHLY;BYDAY=1TH", Weekday::Thu, 1)),
        ),
        (
            None,
            "Berlin Contributors Night",
            "c-base",
            berlin,
            Some(("FREQ=MONTHLY;BYDAY=2WE", Weekday::Wed, 2)),
        ),
        (sid, "Pre-summit newcomers meetup", venue, tz, None),
    ];
    for (i, (summit_id, title, place, zone, rule)) in meetups.into_iter().enumerate() {
        let from = today + Duration::days(7 + 7 * i64::try_from(i).unwrap_or(0));
        let d = match rule {
            Some((_, weekday, n)) => nth_weekday_from(from, weekday, n),
            None => from,
        };
        let mut m = gathering(
            summit_id,
            GatheringKind::Meetup,
            title.into(),
            (at(d, 18, 30, zone)?, at(d, 21, 0, zone)?),
            zone,
            (place, None),
            Audience::Public,
        );
        m.recurrence = rule.map(|(rule, _, _)| rule.to_owned());
        extras.push(m);
    }
    let extra_ids = gathering::insert_many(conn, &extras).await?;
    counts.gatherings += extra_ids.len();
    // The socials come first among the extras.
    let social_ids: Vec<(i64, &str)> = extra_ids
        .iter()
        .map(|(id, _)| *id)
        .zip(social_titles)
        .collect();

    // Speakers, each giving talks; some ask for travel support.
    let speaker_count = if large { 3000 } else { 40 };
    let mut speaker_data = Vec::with_capacity(speaker_count);
    let mut homes = Vec::with_capacity(speaker_count);
    for i in 0..speaker_count {
        let (city, country, _) = *dice.pick(CITIES);
        let name = format!("{} {}", dice.pick(FIRST), dice.pick(LAST));
        let data = SpeakerData {
            email: Some(format!("speaker{}@example.org", i + 1)),
            organisation: Some((*dice.pick(ORGS)).into()),
            home_city: Some(city.into()),
            country: Some(country.into()),
            first_time: dice.below(4) == 0,
            name,
        };
        speaker_data.push(data);
        homes.push((city, country));
    }
    let speaker_ids = speaker::insert_many(conn, &speaker_data).await?;
    let speakers: Vec<_> = speaker_ids
        .into_iter()
        .zip(homes)
        .map(|(id, (city, country))| (id, city, country))
        .collect();
    counts.speakers = speakers.len();
    let links: Vec<(i64, i64)> = talks
        .iter()
        .enumerate()
        .map(|(i, talk)| (speakers[i % speakers.len()].0, *talk))
        .collect();
    speaker::insert_talks(conn, &links).await?;
    let request_count = if large { 2000 } else { 12 };
    let submitted = at(today - Duration::days(20), 10, 0, tz)?;
    let mut requests = Vec::with_capacity(request_count);
    for (i, (speaker_id, city, country)) in speakers.iter().take(request_count).enumerate() {
        let code = CITIES.iter().find(|c| c.0 == *city).map_or("EUR", |c| c.2);
        let currency = Currency::parse("currency", code)?;
        let scale = |eur_cents: i64| -> i64 {
            match currency.exponent() {
                0 => eur_cents * if code == "JPY" { 160 } else { 10 } / 100,
                3 => eur_cents * 4,
                _ => eur_cents * if code == "INR" { 90 } else { 1 },
            }
        };
        let mut items = vec![
            TravelItem {
                category: TravelCategory::Airfare,
                requested: Money::new(
                    scale(30_000 + 1_000 * i64::try_from(dice.below(60)).unwrap_or(0)),
                    currency,
                ),
            },
            TravelItem {
                category: TravelCategory::Lodging,
                requested: Money::new(scale(4 * 12_000), currency),
            },
        ];
        if i % 3 == 0 {
            items.push(TravelItem {
                category: TravelCategory::Ground,
                requested: Money::new(scale(6_000), currency),
            });
        }
        if *country == "NG" || *country == "IN" {
            items.push(TravelItem {
                category: TravelCategory::Visa,
                requested: Money::new(scale(8_000), currency),
            });
        }
        let data = TravelRequestData {
            summit_id,
            speaker_id: *speaker_id,
            currency,
            origin_city: Some((*city).into()),
            origin_country: Some((*country).into()),
            depart_on: Some(first_day - Duration::days(1)),
            return_on: Some(first_day + Duration::days(days)),
            lodging_nights: Some(days + 1),
            notes: None,
            items,
        }
        .validated()?;
        requests.push((
            data,
            submitted + Duration::minutes(i64::try_from(i).unwrap_or(0)),
        ));
    }
    counts.travel_requests = travel::insert_many(conn, &requests).await?.len();

    // Swag, its stock and the boxes that carry it.
    let (gatherings, shipments) = seed_swag(conn, scale, summit_id, today, tz).await?;
    counts.gatherings += gatherings;
    counts.shipments = shipments;

    // The budget, in the currencies it is paid in.
    let line_count = if large { 100_000 } else { 18 };
    let categories = BudgetCategory::ALL;
    let codes = ["EUR", "EUR", "EUR", "USD", "GBP", "JPY"];
    let mut lines = Vec::with_capacity(line_count);
    for i in 0..line_count {
        let category = categories[i % categories.len()];
        let code = codes[i % codes.len()];
        let unit = if code == "JPY" { 1 } else { 100 };
        let planned = money(
            unit * (200 + 50 * i64::try_from(dice.below(40)).unwrap_or(0)),
            code,
        )?;
        let committed = Money::new(
            planned.minor * i64::try_from(dice.below(4)).unwrap_or(0) / 3,
            planned.currency,
        );
        let spent = Money::new(
            committed.minor * i64::try_from(dice.below(3)).unwrap_or(0) / 2,
            planned.currency,
        );
        // The socials' lines pay for one social each, so each has a cost per head.
        let social = (category == BudgetCategory::Socials)
            .then(|| social_ids.get(i / categories.len() % social_ids.len().max(1)))
            .flatten();
        let data = BudgetLineData {
            summit_id,
            category,
            description: match social {
                Some((_, title)) => format!("{title}: venue and catering ({})", i + 1),
                None => format!("{} line {}", category, i + 1),
            },
            planned,
            committed,
            spent,
            gathering_id: social.map(|(id, _)| *id),
            // Paid over the four months before today.
            paid_on: (spent.minor > 0)
                .then(|| today - Duration::days(i64::try_from(i * 7 % 120).unwrap_or(0))),
        };
        lines.push(data);
    }
    counts.budget_lines = budget::insert_many(conn, &lines).await?.len();
    for (from, rate) in [
        ("USD", "0.92"),
        ("GBP", "1.17"),
        ("JPY", "0.0061"),
        ("INR", "0.011"),
    ] {
        let data = ExchangeRateData {
            summit_id: sid,
            from: Currency::parse("from", from)?,
            to: eur,
            rate: Rate::parse("rate", rate)?,
            recorded_on: today,
            note: Some("demo rate".into()),
        };
        rates::insert(conn, &data).await?;
    }
    travel_round(conn, summit_id, today, tz).await?;
    Ok(counts)
}

// ---- swag, stock and shipments -----------------------------------------------------------------

/// Swag items, their stock (received, set aside for the summit, handed out), and shipments to the
/// summit. The small demo's shipments tell a story the checks see: one delivered, some on the way,
/// a draft, stickers for a warm-up meetup stuck in transit past their must-arrive-by (late), and
/// tote bags by sea that should have left already (at risk). Returns how many gatherings and
/// shipments it added.
async fn seed_swag(
    conn: &mut sqlx::SqliteConnection,
    scale: Scale,
    summit_id: i64,
    today: NaiveDate,
    tz: Zone,
) -> Result<(usize, usize)> {
    let eur = Currency::parse("currency", "EUR")?;
    let sid = Some(summit_id);
    let swag_items: [(&str, i64, &[&str], i64); 4] = [
        ("Summit t-shirt", 900, &["S", "M", "L", "XL", "XXL"], 300),
        ("Sticker sheet", 40, &["Ferris", "Logo"], 2000),
        ("Hoodie", 3200, &["M", "L", "XL"], 60),
        ("Tote bag", 210, &["Natural"], 600),
    ];
    let mut variants = Vec::new();
    let mut received = Vec::new();
    for (name, cost, labels, stock) in swag_items {
        let item = SwagItemData {
            name: name.into(),
            description: None,
            unit_cost: Some(Money::new(cost, eur)),
        };
        let item_id = swag::insert_item(conn, &item).await?;
        for label in labels {
            variants.push(swag::insert_variant(conn, item_id, label, None).await?);
            received.push(if scale == Scale::Large {
                1_000_000
            } else {
                stock
            });
        }
    }
    let line = |v: usize, quantity: i64| ShipmentLine {
        variant_id: variants[v % variants.len()],
        quantity,
    };
    let days_ago = |n: i64| today - Duration::days(n);
    let mut added_gatherings = 0;
    let mut shipments = Vec::new();
    if scale == Scale::Large {
        let statuses = [
            ShipmentStatus::Delivered,
            ShipmentStatus::InTransit,
            ShipmentStatus::Shipped,
            ShipmentStatus::Draft,
        ];
        for i in 0..5000 {
            let status = statuses[i % statuses.len()];
            let shipped = status.has_left();
            let n = i64::try_from(i).unwrap_or(0);
            shipments.push(ShipmentData {
                carrier: shipped.then(|| ["DHL", "UPS", "La Poste"][i % 3].into()),
                tracking_number: shipped.then(|| format!("RD{:09}FR", 100_000 + i)),
                ship_date: shipped.then(|| days_ago(3 + n % 10)),
                status,
                shipping_cost: Some(Money::new(4_500 + 100 * (n % 50), eur)),
                customs_cost: (i % 4 == 1).then(|| Money::new(2_000, eur)),
                contents: vec![line(i, 25), line(i + 3, 100)],
                ..demo_shipment(
                    sid,
                    [
                        "Berlin warehouse",
                        "Printer, Leipzig",
                        "Community office, Lyon",
                    ][i % 3],
                )
            });
        }
    } else {
        // A warm-up meetup in two days, whose stickers are stuck in transit.
        let warm_up_day = today + Duration::days(2);
        let warm_up = gathering(
            sid,
            GatheringKind::Meetup,
            "Northwind warm-up: Rust in Lyon".into(),
            (at(warm_up_day, 18, 30, tz)?, at(warm_up_day, 21, 0, tz)?),
            tz,
            ("Le Sirius", None),
            Audience::Public,
        );
        let warm_up_id = only(gathering::insert_many(conn, &[warm_up]).await?)?.0;
        added_gatherings += 1;
        let money = |minor| Some(Money::new(minor, eur));
        shipments = vec![
            ShipmentData {
                carrier: Some("DHL".into()),
                tracking_number: Some("JD014600003344".into()),
                ship_date: Some(days_ago(12)),
                status: ShipmentStatus::Delivered,
                shipping_cost: money(18_000),
                contents: vec![line(0, 50), line(1, 100), line(2, 100)],
                ..demo_shipment(sid, "Berlin warehouse")
            },
            ShipmentData {
                carrier: Some("UPS".into()),
                tracking_number: Some("1Z999AA10123456784".into()),
                ship_date: Some(days_ago(4)),
                status: ShipmentStatus::InTransit,
                shipping_cost: money(4_500),
                contents: vec![line(5, 500), line(6, 500)],
                ..demo_shipment(sid, "Printer, Leipzig")
            },
            ShipmentData {
                carrier: Some("La Poste".into()),
                tracking_number: Some("6A12345678901".into()),
                ship_date: Some(days_ago(1)),
                status: ShipmentStatus::Shipped,
                shipping_cost: money(6_000),
                contents: vec![line(7, 20), line(8, 30), line(9, 20)],
                ..demo_shipment(sid, "Community office, Lyon")
            },
            ShipmentData {
                status: ShipmentStatus::Draft,
                shipping_cost: money(15_000),
                contents: vec![line(0, 50), line(3, 120), line(4, 50)],
                ..demo_shipment(sid, "Berlin warehouse")
            },
            ShipmentData {
                gathering_id: Some(warm_up_id),
                summit_id: None,
                contact_name: Some("Camille at Le Sirius".into()),
                contact_phone: Some("+33 4 78 00 00 00".into()),
                carrier: Some("DHL".into()),
                tracking_number: Some("JD014600009876".into()),
                ship_date: Some(days_ago(6)),
                status: ShipmentStatus::InTransit,
                shipping_cost: money(1_850),
                contents: vec![line(5, 150), line(6, 150)],
                ..demo_shipment(sid, "Printer, Leipzig")
            },
            ShipmentData {
                carrier: Some("COSCO sea freight".into()),
                transit_days: 44,
                status: ShipmentStatus::Packed,
                shipping_cost: money(42_000),
                customs_cost: money(9_500),
                contents: vec![line(10, 600)],
                ..demo_shipment(sid, "Printer's warehouse, Shenzhen")
            },
        ];
    }
    let shipments = shipments
        .iter()
        .map(ShipmentData::validated)
        .collect::<Result<Vec<_>>>()?;
    let ids = shipment::insert_many(conn, &shipments).await?;

    // The stock: received a month ago, set aside for where the shipments go (as much as they
    // carry), a few hoodies handed out as thank-yous, then what the shipments that left took.
    let received_at = at(days_ago(30), 10, 0, tz)?;
    let mut movements = Vec::new();
    for (variant_id, quantity) in variants.iter().zip(&received) {
        movements.push(NewMovement {
            variant_id: *variant_id,
            kind: StockMovementKind::Received,
            quantity: *quantity,
            target: Target::default(),
            shipment_id: None,
            note: None,
            at: received_at,
        });
    }
    let mut set_aside: Vec<(i64, Target, i64)> = Vec::new();
    for s in &shipments {
        let target = Target::of_shipment(s.summit_id, s.gathering_id);
        for l in &s.contents {
            match set_aside
                .iter_mut()
                .find(|(v, t, _)| *v == l.variant_id && *t == target)
            {
                Some((_, _, quantity)) => *quantity += l.quantity,
                None => set_aside.push((l.variant_id, target, l.quantity)),
            }
        }
    }
    for (variant_id, target, quantity) in set_aside {
        movements.push(NewMovement {
            variant_id,
            kind: StockMovementKind::Allocated,
            quantity,
            target,
            shipment_id: None,
            note: None,
            at: received_at + Duration::days(1),
        });
    }
    if scale == Scale::Small {
        movements.push(NewMovement {
            variant_id: variants[8],
            kind: StockMovementKind::GivenAway,
            quantity: 5,
            target: Target::default(),
            shipment_id: None,
            note: Some("Thank-you parcels for the release team"),
            at: received_at + Duration::days(2),
        });
    }
    for (id, s) in ids
        .iter()
        .zip(&shipments)
        .filter(|(_, s)| s.status.has_left())
    {
        let left = at(s.ship_date.unwrap_or(today), 9, 0, tz)?;
        for l in &s.contents {
            movements.push(NewMovement {
                variant_id: l.variant_id,
                kind: StockMovementKind::Shipped,
                quantity: l.quantity,
                target: Target::of_shipment(s.summit_id, s.gathering_id),
                shipment_id: Some(*id),
                note: None,
                at: left,
            });
        }
    }
    stock::insert_many(conn, &movements).await?;
    Ok((added_gatherings, ids.len()))
}

/// A draft shipment from `origin` to the summit's venue, three days' buffer, five in transit.
fn demo_shipment(summit_id: Option<i64>, origin: &str) -> ShipmentData {
    ShipmentData {
        summit_id,
        gathering_id: None,
        destination_address: None,
        origin: origin.into(),
        contact_name: Some("Venue loading dock".into()),
        contact_phone: None,
        carrier: None,
        tracking_number: None,
        ship_date: None,
        buffer_days: 3,
        transit_days: 5,
        status: ShipmentStatus::Draft,
        shipping_cost: None,
        customs_cost: None,
        contents: Vec::new(),
    }
}

// ---- Travel funding: organisers, the policy and a round of decisions ----------------------------

/// Makes sure an organiser called `name` exists (a large and a small demo share them).
async fn demo_organiser(
    conn: &mut sqlx::SqliteConnection,
    data: OrganiserData,
    at: DateTime<Utc>,
) -> Result<String> {
    let exists = sqlx::query_scalar!(
        "SELECT count(*) FROM organisers WHERE name = ? COLLATE NOCASE",
        data.name
    )
    .fetch_one(&mut *conn)
    .await?;
    if exists == 0 {
        organiser::insert(conn, &data.validated()?, at).await?;
    }
    Ok(data.name)
}

/// Organisers, the summit's travel policy and decisions on its first twelve requests, made through
/// the same functions the app uses (so each is in the audit log): one request in every state, a
/// changed approval waiting for confirmation, a booked speaker landing after their first talk has
/// started (the planning checks flag it), and an organiser who applied themselves (they cannot
/// approve their own request).
async fn travel_round(
    conn: &mut sqlx::SqliteConnection,
    summit_id: i64,
    today: NaiveDate,
    tz: Zone,
) -> Result<()> {
    let eur = Currency::parse("currency", "EUR")?;
    let when = |days: i64, hour: u32| at(today + Duration::days(days), hour, 0, tz);
    for (from, rate) in [
        ("BHD", "2.45"),
        ("NGN", "0.00058"),
        ("BRL", "0.17"),
        ("CAD", "0.68"),
    ] {
        let data = ExchangeRateData {
            summit_id: Some(summit_id),
            from: Currency::parse("from", from)?,
            to: eur,
            rate: Rate::parse("rate", rate)?,
            recorded_on: today,
            note: Some("demo rate".into()),
        };
        rates::insert(conn, &data).await?;
    }
    let requests = sqlx::query!(
        r#"SELECT r.id AS "id!", r.speaker_id, s.name FROM travel_requests r JOIN speakers s ON s.id = r.speaker_id
           WHERE r.summit_id = ? ORDER BY r.id LIMIT 12"#,
        summit_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let [
        _stays_submitted,
        r1,
        r2,
        r3,
        r4,
        r5,
        r6,
        r7,
        r8,
        r9,
        r10,
        r11,
    ] = requests.as_slice()
    else {
        return Ok(());
    };
    let rosa = demo_organiser(
        conn,
        OrganiserData {
            name: "Rosa Martínez".into(),
            email: Some("rosa@northwind.example".into()),
            speaker_id: None,
        },
        when(-40, 9)?,
    )
    .await?;
    let tom = demo_organiser(
        conn,
        OrganiserData {
            name: "Tom Becker".into(),
            email: Some("treasurer@northwind.example".into()),
            speaker_id: None,
        },
        when(-40, 9)?,
    )
    .await?;
    // An organiser who also speaks, and applied for travel support.
    demo_organiser(
        conn,
        OrganiserData {
            name: r11.name.clone(),
            email: None,
            speaker_id: Some(r11.speaker_id),
        },
        when(-40, 10)?,
    )
    .await?;
    let m = |minor: i64| Money::new(minor, eur);
    let policy = TravelPolicy {
        summit_id,
        pool: m(1_200_000),
        airfare_cap: m(110_000),
        airfare_domestic_cap: None,
        airfare_international_cap: None,
        domestic_country: None,
        lodging_per_night: m(19_000),
        lodging_max_nights: None,
        ground_cap: m(8_000),
        visa_cap: m(15_000),
        other_cap: m(5_000),
        accept_by_days: 14,
        review_min: 1,
        review_max: 5,
    };
    policy::set_in(conn, &policy, &rosa, when(-35, 10)?).await?;

    use TravelAction as A;
    // Reviews: every request but the newest goes under review and gets two scores.
    for (i, r) in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11]
        .iter()
        .enumerate()
    {
        decide::move_travel_in(conn, r.id, A::StartReview, &rosa, None, when(-18, 10)?).await?;
        let i = i64::try_from(i).unwrap_or(0);
        if r.id != r11.id {
            decide::score_travel_in(conn, r.id, &rosa, 1 + (i * 3 + 2) % 5, None, when(-17, 11)?)
                .await?;
        }
        decide::score_travel_in(conn, r.id, &tom, 1 + (i * 4 + 1) % 5, None, when(-17, 15)?)
            .await?;
    }
    decide::move_travel_in(
        conn,
        r3.id,
        A::Waitlist,
        &rosa,
        Some("strong, but the pool is committed"),
        when(-16, 15)?,
    )
    .await?;
    decide::move_travel_in(
        conn,
        r4.id,
        A::Deny,
        &rosa,
        Some("outside this year's programme focus; encouraged to reapply"),
        when(-16, 15)?,
    )
    .await?;
    let decided = FixedClock(when(-16, 15)?);
    let recent = FixedClock(when(-2, 16)?);
    let everything = ApprovalInput::default();
    for r in [r2, r7, r8, r9, r10] {
        decide::approve_travel_in(conn, r.id, &rosa, &everything, &decided).await?;
    }
    for r in [r5, r6] {
        decide::approve_travel_in(conn, r.id, &rosa, &everything, &recent).await?;
    }
    // r6: the lodging was booked for less; the changed approval waits for Tom.
    let lodging = sqlx::query_scalar!(
        "SELECT approved_minor FROM travel_approved_items WHERE request_id = ? AND category = 'lodging'",
        r6.id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(lodging) = lodging {
        let currency = Currency::parse(
            "currency",
            &sqlx::query_scalar!("SELECT currency FROM travel_requests WHERE id = ?", r6.id)
                .fetch_one(&mut *conn)
                .await?,
        )?;
        let less = ApprovalInput {
            amounts: vec![crate::travel::funding::ApprovedItem {
                category: TravelCategory::Lodging,
                approved: Money::new(lodging * 3 / 4, currency),
            }],
            ..ApprovalInput::default()
        };
        decide::approve_travel_in(conn, r6.id, &rosa, &less, &FixedClock(when(-1, 11)?)).await?;
    }
    // r2 never answered: expired once its accept-by date passed.
    decide::expire_travel_in(conn, r2.id, &rosa, &FixedClock(when(-1, 9)?)).await?;
    for r in [r7, r8, r9, r10] {
        decide::accept_travel_in(conn, r.id, &rosa, &FixedClock(when(-13, 9)?)).await?;
    }
    let facts = crate::travel::funding::summit_facts(conn, summit_id).await?;
    let on_time = BookingData {
        flight_ref: Some("AF 7712".into()),
        hotel_ref: Some("Hôtel des Célestins #4411".into()),
        arrive_at: at(facts.start - Duration::days(1), 15, 0, tz)?,
        depart_at: at(facts.end + Duration::days(1), 11, 0, tz)?,
        nights: Some((facts.end - facts.start).num_days() + 2),
    };
    for r in [r8, r10] {
        decide::book_travel_in(conn, r.id, &rosa, &on_time, when(-10, 14)?).await?;
    }
    // r9 lands three hours after their first talk starts.
    let first_talk = sqlx::query_scalar!(
        r#"SELECT min(g.starts_at) AS "starts_at: i64" FROM speaker_talks t JOIN gatherings g ON g.id = t.gathering_id
           WHERE t.speaker_id = ? AND g.summit_id = ?"#,
        r9.speaker_id,
        summit_id
    )
    .fetch_one(&mut *conn)
    .await?
    .and_then(|s| DateTime::from_timestamp(s, 0))
    .unwrap_or(on_time.arrive_at + Duration::days(1));
    let late = BookingData {
        flight_ref: Some("LH 1076".into()),
        hotel_ref: Some("Hôtel Carlton #208".into()),
        arrive_at: first_talk + Duration::hours(3),
        ..on_time.clone()
    };
    decide::book_travel_in(conn, r9.id, &rosa, &late, when(-9, 11)?).await?;
    // r10 is reimbursed in two payments by the treasurer.
    if let Some(approval) = crate::travel::funding::approval(conn, r10.id).await? {
        let first = Money::new(approval.total.minor * 6 / 10, approval.total.currency);
        let rest = Money::new(approval.total.minor - first.minor, approval.total.currency);
        for (amount, days, reference) in [(first, -4, "SEPA NW-0412"), (rest, -2, "SEPA NW-0419")] {
            let payment = PaymentInput {
                paid_on: today + Duration::days(days),
                amount,
                rate: None,
                reference: Some(reference.into()),
                last: false,
            };
            decide::pay_travel_in(conn, r10.id, &tom, &payment, when(days, 10)?).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_monthly_rule_day_is_found_on_or_after_the_date() {
        // The first Thursdays of April and May 2026 are the 2nd and the 7th.
        assert_eq!(
            nth_weekday_from(date("2026-04-01"), Weekday::Thu, 1),
            date("2026-04-02")
        );
        assert_eq!(
            nth_weekday_from(date("2026-04-02"), Weekday::Thu, 1),
            date("2026-04-02")
        );
        assert_eq!(
            nth_weekday_from(date("2026-04-03"), Weekday::Thu, 1),
            date("2026-05-07")
        );
        // The second Wednesday of December 2026 is the 9th; of January 2027, the 13th.
        assert_eq!(
            nth_weekday_from(date("2026-12-10"), Weekday::Wed, 2),
            date("2027-01-13")
        );
        assert_eq!(geo("Online"), None);
        assert!(geo("Le Sirius").is_some());
    }
}
