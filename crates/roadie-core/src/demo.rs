//! Demo data: a coherent summit with socials around its main schedule, regional meetups, speakers,
//! travel requests in several currencies, swag, shipments, budget lines and exchange rates.
//! `Large` is ten times a FOSDEM, for benchmarks and for trying the app at scale.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use crate::budget::{self, BudgetCategory, BudgetLineData};
use crate::error::{Error, Result};
use crate::gathering::{self, Audience, GatheringData, GatheringKind, GatheringStatus};
use crate::money::{Currency, Money};
use crate::rates::{self, ExchangeRateData, Rate};
use crate::shipment::{self, ShipmentData, ShipmentLine, ShipmentStatus};
use crate::speaker::{self, SpeakerData};
use crate::store::Store;
use crate::summit::Summit;
use crate::summit::{self, SummitData};
use crate::swag::{self, SwagItemData};
use crate::time::Zone;
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
        let mut tx = self.pool.begin().await?;
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
    for (title, d, (sh, sm), (eh, em), place, audience, capacity, headcount) in socials {
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
    // Regional meetups; two stand alone and recur.
    let berlin = Zone::parse("tz", "Europe/Berlin")?;
    let meetups = [
        (
            None,
            "Lyon Rust Meetup",
            "Le Tuba",
            tz,
            Some("FREQ=MONTHLY;BYDAY=1TH"),
        ),
        (
            None,
            "Berlin Contributors Night",
            "c-base",
            berlin,
            Some("FREQ=MONTHLY;BYDAY=2WE"),
        ),
        (sid, "Pre-summit newcomers meetup", venue, tz, None),
    ];
    for (i, (summit_id, title, place, zone, rule)) in meetups.into_iter().enumerate() {
        let d = today + Duration::days(7 + 7 * i64::try_from(i).unwrap_or(0));
        let mut m = gathering(
            summit_id,
            GatheringKind::Meetup,
            title.into(),
            (at(d, 18, 30, zone)?, at(d, 21, 0, zone)?),
            zone,
            (place, None),
            Audience::Public,
        );
        m.recurrence = rule.map(str::to_owned);
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

    // Swag and the boxes that carry it.
    let mut variants = Vec::new();
    let swag_items: [(&str, i64, &[&str]); 3] = [
        ("Summit t-shirt", 900, &["S", "M", "L", "XL", "XXL"]),
        ("Sticker sheet", 40, &["Ferris", "Logo"]),
        ("Hoodie", 3200, &["M", "L", "XL"]),
    ];
    for (name, cost, labels) in swag_items {
        let item = SwagItemData {
            name: name.into(),
            description: None,
            unit_cost: Some(Money::new(cost, eur)),
        };
        let item_id = swag::insert_item(conn, &item).await?;
        for label in labels {
            variants.push(swag::insert_variant(conn, item_id, label, None).await?);
        }
    }
    let shipment_count = if large { 5000 } else { 4 };
    let mut shipments = Vec::with_capacity(shipment_count);
    let statuses = [
        ShipmentStatus::Delivered,
        ShipmentStatus::InTransit,
        ShipmentStatus::Shipped,
        ShipmentStatus::Draft,
    ];
    for i in 0..shipment_count {
        let status = statuses[i % statuses.len()];
        let shipped = status != ShipmentStatus::Draft;
        let data = ShipmentData {
            summit_id: sid,
            gathering_id: None,
            destination_address: None,
            origin: [
                "Berlin warehouse",
                "Printer, Leipzig",
                "Community office, Lyon",
            ][i % 3]
                .into(),
            contact_name: Some("Venue loading dock".into()),
            contact_phone: None,
            carrier: shipped.then(|| ["DHL", "UPS", "La Poste"][i % 3].into()),
            tracking_number: shipped.then(|| format!("RD{:09}FR", 100_000 + i)),
            ship_date: shipped
                .then(|| today - Duration::days(3 + i64::try_from(i % 10).unwrap_or(0))),
            buffer_days: 3,
            status,
            shipping_cost: Some(Money::new(
                4_500 + 100 * i64::try_from(i % 50).unwrap_or(0),
                eur,
            )),
            customs_cost: (i % 4 == 1).then(|| Money::new(2_000, eur)),
            contents: vec![
                ShipmentLine {
                    variant_id: variants[i % variants.len()],
                    quantity: 25,
                },
                ShipmentLine {
                    variant_id: variants[(i + 3) % variants.len()],
                    quantity: 100,
                },
            ],
        }
        .validated()?;
        shipments.push(data);
    }
    counts.shipments = shipment::insert_many(conn, &shipments).await?.len();

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
    Ok(counts)
}
