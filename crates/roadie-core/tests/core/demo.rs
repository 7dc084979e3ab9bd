use roadie_core::demo::{DemoCounts, Scale};
use roadie_core::{
    BudgetFilter, GatheringFilter, GatheringKind, ShipmentFilter, SpeakerFilter, TravelFilter,
};

use crate::helpers::*;

/// What the list calls see, in the shape of `DemoCounts`.
async fn listed_counts(store: &TestStore, slug: &str) -> DemoCounts {
    let summit = store.summit_by_slug(slug).await.unwrap().id;
    let all_gatherings = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    DemoCounts {
        summit_slug: slug.to_owned(),
        gatherings: all_gatherings.len(),
        speakers: store
            .list_speakers(&SpeakerFilter::default())
            .await
            .unwrap()
            .len(),
        travel_requests: store
            .list_travel_requests(&TravelFilter {
                summit_id: Some(summit),
                ..TravelFilter::default()
            })
            .await
            .unwrap()
            .len(),
        shipments: store
            .list_shipments(&ShipmentFilter {
                summit_id: Some(summit),
                status: None,
            })
            .await
            .unwrap()
            .len(),
        budget_lines: store
            .list_budget_lines(&BudgetFilter {
                summit_id: Some(summit),
                category: None,
                ..BudgetFilter::default()
            })
            .await
            .unwrap()
            .len(),
    }
}

#[tokio::test]
async fn the_small_demo_seeds_what_it_reports() {
    let store = spawn_store().await;
    let counts = store
        .seed_demo(Scale::Small, date("2026-04-01"))
        .await
        .unwrap();
    assert_eq!(counts.summit_slug, "northwind");
    assert!(counts.gatherings > 0);
    assert!(counts.speakers > 0);
    assert!(counts.travel_requests > 0);
    assert!(counts.shipments > 0);
    assert!(counts.budget_lines > 0);
    assert_eq!(listed_counts(&store, "northwind").await, counts);

    let summit = store.summit_by_slug("northwind").await.unwrap();
    assert_eq!(summit.data.start_date, date("2026-05-16"));
    assert!(summit.data.start_date <= summit.data.end_date);
    assert_eq!(store.list_summits().await.unwrap(), vec![summit.clone()]);
    // Every kind of gathering, standalone meetups included, and every record valid by the rules.
    let gatherings = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    for kind in GatheringKind::ALL {
        assert!(gatherings.iter().any(|g| g.data.kind == *kind), "{kind}");
    }
    let standalone = store
        .list_gatherings(&GatheringFilter {
            standalone: true,
            ..GatheringFilter::default()
        })
        .await
        .unwrap();
    assert!(!standalone.is_empty());
    for g in &gatherings {
        assert_eq!(g.data.validated().unwrap(), g.data, "{}", g.data.title);
    }
    let mut uids: Vec<&str> = gatherings.iter().map(|g| g.uid.as_str()).collect();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), gatherings.len());
    assert!(gatherings.iter().all(|g| g.sequence == 0));
    // Every session has exactly one speaker, and speakers give only sessions.
    let speakers = store
        .list_speakers(&SpeakerFilter::default())
        .await
        .unwrap();
    for s in &speakers {
        assert_eq!(s.data.validated().unwrap(), s.data, "{}", s.data.name);
    }
    let mut talks: Vec<i64> = speakers.iter().flat_map(|s| s.talk_ids.clone()).collect();
    talks.sort_unstable();
    let mut sessions: Vec<i64> = gatherings
        .iter()
        .filter(|g| g.data.kind == GatheringKind::Session)
        .map(|g| g.id)
        .collect();
    sessions.sort_unstable();
    assert_eq!(talks, sessions);
    assert!(speakers.iter().any(|s| s.data.first_time));
    assert!(speakers.iter().any(|s| !s.data.first_time));
    let on_summit = store
        .list_speakers(&SpeakerFilter {
            summit_id: Some(summit.id),
            search: None,
        })
        .await
        .unwrap();
    assert_eq!(on_summit.len(), speakers.len());
    // Shipments carry their contents.
    for s in store
        .list_shipments(&ShipmentFilter::default())
        .await
        .unwrap()
    {
        assert!(!s.data.contents.is_empty(), "shipment {}", s.id);
    }
    for r in store
        .list_travel_requests(&TravelFilter::default())
        .await
        .unwrap()
    {
        assert_eq!(r.data.validated().unwrap(), r.data);
    }
    for s in store
        .list_shipments(&ShipmentFilter::default())
        .await
        .unwrap()
    {
        assert_eq!(s.data.validated().unwrap(), s.data);
    }
    for l in store
        .list_budget_lines(&BudgetFilter::default())
        .await
        .unwrap()
    {
        assert_eq!(l.data.validated().unwrap(), l.data);
    }
    assert!(!store.list_swag_items().await.unwrap().is_empty());
    assert!(!store.list_rates(Some(summit.id)).await.unwrap().is_empty());
}

#[tokio::test]
async fn seeding_twice_fails_on_the_slug_and_changes_nothing() {
    let store = spawn_store().await;
    let today = date("2026-04-01");
    let counts = store.seed_demo(Scale::Small, today).await.unwrap();
    let tables = roadie_core::store::TABLES;
    let mut before = Vec::new();
    for table in tables {
        before.push(store.count(table).await);
    }
    assert_invalid(
        store.seed_demo(Scale::Small, today).await,
        "slug",
        "a summit with slug \"northwind\" already exists",
    );
    // Even on another day, which would move every date.
    assert_invalid(
        store.seed_demo(Scale::Small, date("2027-01-01")).await,
        "slug",
        "already exists",
    );
    let mut after = Vec::new();
    for table in tables {
        after.push(store.count(table).await);
    }
    assert_eq!(after, before);
    assert_eq!(listed_counts(&store, "northwind").await, counts);
}

#[tokio::test]
async fn the_demo_is_deterministic() {
    let a = spawn_store().await;
    let b = spawn_store().await;
    let today = date("2026-04-01");
    assert_eq!(
        a.seed_demo(Scale::Small, today).await.unwrap(),
        b.seed_demo(Scale::Small, today).await.unwrap()
    );
    let titles = |store: &TestStore| {
        let store = store.store.clone();
        async move {
            store
                .list_gatherings(&GatheringFilter::default())
                .await
                .unwrap()
                .into_iter()
                .map(|g| (g.data.title, g.data.start))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(titles(&a).await, titles(&b).await);
}

#[test]
fn scales_parse() {
    assert_eq!(Scale::parse("scale", "small").unwrap(), Scale::Small);
    assert_eq!(Scale::parse("scale", " large ").unwrap(), Scale::Large);
    assert_invalid(
        Scale::parse("scale", "huge"),
        "scale",
        "unknown scale \"huge\"",
    );
}

#[tokio::test]
async fn the_demo_summit_is_seeded_once_and_then_found() {
    let store = spawn_store().await;
    let today = date("2026-11-21");
    let first = store.demo_summit(today).await.unwrap();
    let again = store.demo_summit(today).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(first.data.slug, "northwind");
    assert_eq!(store.count("summits").await, 1);
}

#[tokio::test]
async fn recurring_meetups_start_on_a_day_their_rule_matches() {
    use chrono::{Datelike, Weekday};
    // Whatever day the demo is seeded on.
    for today in ["2026-04-01", "2026-04-03", "2026-12-31", "2027-02-20"] {
        let store = spawn_store().await;
        store.seed_demo(Scale::Small, date(today)).await.unwrap();
        let recurring: Vec<_> = store
            .list_gatherings(&GatheringFilter::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|g| g.data.recurrence.is_some())
            .collect();
        assert_eq!(recurring.len(), 2, "{today}");
        for g in recurring {
            let rule = g.data.recurrence.as_deref().unwrap();
            let byday = rule
                .split(';')
                .find_map(|p| p.strip_prefix("BYDAY="))
                .unwrap();
            let (n, day) = byday.split_at(1);
            let weekday = match day {
                "TH" => Weekday::Thu,
                "WE" => Weekday::Wed,
                other => panic!("unexpected BYDAY {other}"),
            };
            let local = g.data.tz.local(g.data.start).date();
            let nth = (local.day() - 1) / 7 + 1;
            assert_eq!(
                (local.weekday(), nth.to_string().as_str()),
                (weekday, n),
                "{today}: {} starts on {local}, which {rule} does not match",
                g.data.title
            );
            assert!(local > date(today), "{today}: {local}");
        }
    }
}

#[tokio::test]
async fn the_small_demo_shows_a_planner_realistic_findings_and_consistent_stock() {
    let store = spawn_store().await;
    let today = date("2026-04-01");
    store.seed_demo(Scale::Small, today).await.unwrap();
    let summit = store.summit_by_slug("northwind").await.unwrap();
    // Opening the demo the morning it was seeded.
    let morning = summit
        .data
        .tz
        .to_utc("now", today.and_hms_opt(9, 0, 0).unwrap())
        .unwrap();
    let found = store.run_checks(summit.id, morning).await.unwrap();
    let kinds: Vec<&str> = found.iter().map(|f| f.kind.as_str()).collect();
    for kind in [
        "shipment-late",
        "shipment-at-risk",
        "social-overlaps-plenary",
        "over-capacity",
    ] {
        assert!(kinds.contains(&kind), "no {kind} in {found:#?}");
    }
    let late = found
        .iter()
        .find(|f| f.kind.as_str() == "shipment-late")
        .unwrap();
    assert!(late.message.contains("warm-up"), "{}", late.message);
    // Every figure derives from movements the database accepted, and none is below zero.
    let stock = store.stock_levels().await.unwrap();
    assert_eq!(stock.len(), 11);
    assert!(
        stock
            .iter()
            .all(|s| s.on_hand >= 0 && s.available >= 0 && s.out >= 0)
    );
    assert!(stock.iter().any(|s| s.out > 0));
    assert!(stock.iter().any(|s| s.allocated > 0));
}
