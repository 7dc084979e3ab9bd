//! Travel funding: the state machine through the store, the approval rules at their boundaries
//! (in currencies with 0 and 3 decimals), overrides, self-approval, amendments, bookings,
//! receipts, payments, the audit chain, the ranked overview and the treasurer's report.

use chrono::{DateTime, Duration, Utc};
use roadie_core::{
    ApprovalInput, ApprovedItem, BookingData, Error, FixedClock, Money, OrganiserData,
    PaymentInput, Rate, TravelAction, TravelCategory, TravelPolicy, TravelRequestData,
    TravelStatus,
};

use crate::helpers::*;

const OLU: &str = "Olu";
const MIA: &str = "Mia";
/// An organiser who is also a speaker (and applies for travel).
const SAM: &str = "Sam";

fn now() -> DateTime<Utc> {
    at("2026-05-01 12:00")
}

fn clock() -> FixedClock {
    FixedClock(now())
}

/// A summit in `currency` (Berlin, 10–12 June 2026: two nights, so three funded by default) with
/// organisers Olu, Mia and Sam (Sam also a speaker); returns the summit and Sam's speaker id.
async fn setup(store: &TestStore, currency: &str) -> (i64, i64) {
    let summit = store
        .create_summit(&roadie_core::SummitData {
            currency: cur(currency),
            budget: None,
            ..summit_data("s")
        })
        .await
        .unwrap()
        .id;
    let sam = store.add_speaker(&speaker_data("Sam")).await.unwrap().id;
    for (name, speaker_id) in [(OLU, None), (MIA, None), (SAM, Some(sam))] {
        store
            .add_organiser(
                &OrganiserData {
                    name: name.into(),
                    email: None,
                    speaker_id,
                },
                now(),
            )
            .await
            .unwrap();
    }
    (summit, sam)
}

/// A policy in `c` with a pool and caps given in whole units of `c`'s minor unit.
fn policy(summit_id: i64, c: &str, pool: i64, airfare: i64, per_night: i64) -> TravelPolicy {
    let m = |minor| Money::new(minor, cur(c));
    TravelPolicy {
        summit_id,
        pool: m(pool),
        airfare_cap: m(airfare),
        airfare_domestic_cap: None,
        airfare_international_cap: None,
        domestic_country: None,
        lodging_per_night: m(per_night),
        lodging_max_nights: None,
        ground_cap: m(airfare / 10),
        visa_cap: m(airfare / 5),
        other_cap: m(airfare / 20),
        accept_by_days: 14,
        review_min: 1,
        review_max: 5,
    }
}

async fn speaker(store: &TestStore, name: &str) -> i64 {
    store.add_speaker(&speaker_data(name)).await.unwrap().id
}

/// Submits a request of `speaker` with `items` ("airfare" → "800 EUR").
async fn request(
    store: &TestStore,
    summit: i64,
    speaker: i64,
    currency: &str,
    items: &[(TravelCategory, &str)],
) -> i64 {
    let data = TravelRequestData {
        items: items.iter().map(|(c, a)| item(*c, a)).collect(),
        ..travel_data(summit, speaker, currency)
    };
    store
        .submit_travel_request(&data, now() - Duration::days(10))
        .await
        .unwrap()
        .id
}

fn amounts(list: &[(TravelCategory, &str)]) -> ApprovalInput {
    ApprovalInput {
        amounts: list
            .iter()
            .map(|(c, a)| ApprovedItem {
                category: *c,
                approved: money(a),
            })
            .collect(),
        ..ApprovalInput::default()
    }
}

async fn status(store: &TestStore, id: i64) -> TravelStatus {
    store.travel_request(id).await.unwrap().status
}

async fn review(store: &TestStore, id: i64) {
    store
        .move_travel(id, TravelAction::StartReview, OLU, None, now())
        .await
        .unwrap();
}

fn booking() -> BookingData {
    BookingData {
        flight_ref: Some("LH 123".into()),
        hotel_ref: Some("Hotel 42".into()),
        arrive_at: at("2026-06-09 15:00"),
        depart_at: at("2026-06-13 10:00"),
        nights: Some(4),
    }
}

fn payment(amount: &str, last: bool) -> PaymentInput {
    PaymentInput {
        paid_on: date("2026-06-20"),
        amount: money(amount),
        rate: None,
        reference: Some("SEPA 1".into()),
        last,
    }
}

/// Everything a failed decision must leave as it was.
async fn snapshot(store: &TestStore, id: i64) -> (TravelStatus, i64, i64, i64, i64, String) {
    let approval = store.travel_approval(id).await.unwrap();
    (
        status(store, id).await,
        store.count("audit_log").await,
        store.count("travel_approvals").await,
        store.count("travel_payments").await,
        store.count("travel_bookings").await,
        format!("{approval:?}"),
    )
}

/// Brings a fresh request of a new speaker to `target` through the real decisions.
async fn request_in(store: &TestStore, summit: i64, n: usize, target: TravelStatus) -> i64 {
    use TravelStatus as S;
    let who = speaker(store, &format!("Speaker {n}")).await;
    let id = request(
        store,
        summit,
        who,
        "EUR",
        &[(TravelCategory::Airfare, "400 EUR")],
    )
    .await;
    let path: &[S] = match target {
        S::Submitted => &[],
        S::UnderReview => &[S::UnderReview],
        S::Waitlisted => &[S::UnderReview, S::Waitlisted],
        S::Denied => &[S::UnderReview, S::Denied],
        S::Approved => &[S::UnderReview, S::Approved],
        S::Declined => &[S::UnderReview, S::Approved, S::Declined],
        S::Expired => &[S::UnderReview, S::Approved, S::Expired],
        S::Accepted => &[S::UnderReview, S::Approved, S::Accepted],
        S::Booked => &[S::UnderReview, S::Approved, S::Accepted, S::Booked],
        S::Reimbursed => &[
            S::UnderReview,
            S::Approved,
            S::Accepted,
            S::Booked,
            S::Reimbursed,
        ],
        S::Withdrawn => &[S::Withdrawn],
    };
    for step in path {
        apply(store, id, step_action(*step)).await.unwrap();
    }
    assert_eq!(status(store, id).await, target);
    id
}

fn step_action(to: TravelStatus) -> TravelAction {
    match to {
        TravelStatus::UnderReview => TravelAction::StartReview,
        TravelStatus::Waitlisted => TravelAction::Waitlist,
        TravelStatus::Denied => TravelAction::Deny,
        TravelStatus::Approved => TravelAction::Approve,
        TravelStatus::Declined => TravelAction::Decline,
        TravelStatus::Expired => TravelAction::Expire,
        TravelStatus::Accepted => TravelAction::Accept,
        TravelStatus::Booked => TravelAction::Book,
        TravelStatus::Reimbursed => TravelAction::Reimburse,
        TravelStatus::Withdrawn => TravelAction::Withdraw,
        TravelStatus::Submitted => unreachable!("nothing leads back to submitted"),
    }
}

/// Applies `action` through the store function that performs it.
async fn apply(store: &TestStore, id: i64, action: TravelAction) -> Result<(), Error> {
    let late = FixedClock(now() + Duration::days(30));
    match action {
        TravelAction::Approve => store
            .approve_travel(id, OLU, &ApprovalInput::default(), &clock())
            .await
            .map(drop),
        TravelAction::Accept => store.accept_travel(id, OLU, &clock()).await.map(drop),
        TravelAction::Expire => store.expire_travel(id, OLU, &late).await.map(drop),
        TravelAction::Book => store
            .book_travel(id, OLU, &booking(), now())
            .await
            .map(drop),
        TravelAction::Reimburse => store
            .pay_travel(id, OLU, &payment("100 EUR", true), now())
            .await
            .map(drop),
        TravelAction::Deny => store
            .move_travel(id, action, OLU, Some("over budget"), now())
            .await
            .map(drop),
        other => store
            .move_travel(id, other, OLU, None, now())
            .await
            .map(drop),
    }
}

#[tokio::test]
async fn every_action_from_every_status_moves_or_is_refused_with_nothing_changed() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 100_000_000, 100_000, 20_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    let mut n = 0;
    let (mut legal, mut illegal) = (0, 0);
    for &from in TravelStatus::ALL {
        for &action in TravelAction::ALL {
            n += 1;
            let id = request_in(store, summit, n, from).await;
            let before = snapshot(store, id).await;
            let audit_before = store.count("audit_log").await;
            let result = apply(store, id, action).await;
            match from.after(action) {
                Ok(to) => {
                    result.unwrap_or_else(|e| panic!("{from} {action}: {e}"));
                    assert_eq!(status(store, id).await, to, "{from} {action}");
                    assert_eq!(store.count("audit_log").await, audit_before + 1);
                    let last = store.audit_history("travel_request", id).await.unwrap();
                    let last = last.last().unwrap();
                    assert_eq!(last.state_before.as_deref(), Some(from.as_str()));
                    assert_eq!(last.state_after.as_deref(), Some(to.as_str()));
                    assert_eq!(last.actor, OLU);
                    legal += 1;
                }
                Err(_) => {
                    let (field, message) = invalid(result);
                    // Approving an approved request is an amendment, refused here because
                    // nothing changes; every other refusal is the state machine's.
                    if action == TravelAction::Approve && from.holds_approval() {
                        assert_eq!(field, "approval", "{message}");
                    } else {
                        assert_eq!(field, "status", "{from} {action}: {message}");
                        assert!(
                            message.contains(&format!("request {id} is {from}"))
                                || message.contains(&format!("that is {from}")),
                            "{message}"
                        );
                    }
                    assert_eq!(snapshot(store, id).await, before, "{from} {action}");
                    illegal += 1;
                }
            }
        }
    }
    assert_eq!(legal, 18);
    assert_eq!(
        illegal,
        TravelStatus::ALL.len() * TravelAction::ALL.len() - 18
    );
    assert!(store.verify_audit().await.unwrap().is_intact());
}

/// Approves (or refuses) `request` for one category, for the boundary tests.
async fn try_one(
    store: &TestStore,
    id: i64,
    category: TravelCategory,
    amount: &str,
) -> Result<roadie_core::ApprovalPlan, Error> {
    store
        .preview_approval(id, OLU, &amounts(&[(category, amount)]), &clock())
        .await
}

/// Every cap and the pool at, under and just over their limits (one minor unit) in `code`.
async fn every_limit_at_under_and_just_over(code: &str) {
    use TravelCategory as C;
    let store = &spawn_store().await;
    let (summit, _) = setup(store, code).await;
    let m = |minor: i64| Money::new(minor, cur(code)).to_string();
    // Pool 300000, airfare 100000, lodging 15000 a night (3 nights: 45000), ground 10000,
    // visa 20000, other 5000 minor units.
    store
        .set_travel_policy(&policy(summit, code, 300_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    let asked = [
        (C::Airfare, m(200_000)),
        (C::Lodging, m(90_000)),
        (C::Ground, m(50_000)),
        (C::Visa, m(50_000)),
        (C::Other, m(50_000)),
    ];
    let asked: Vec<(C, &str)> = asked.iter().map(|(c, a)| (*c, a.as_str())).collect();
    let id = request(store, summit, speaker(store, "Ada").await, code, &asked).await;
    let other = request(store, summit, speaker(store, "Bo").await, code, &asked).await;
    for r in [id, other] {
        review(store, r).await;
    }
    // Only `category` at `amount`, every other category at zero.
    let only = |category: C, amount: i64| {
        let list: Vec<(C, String)> = C::ALL
            .iter()
            .map(|c| (*c, if *c == category { m(amount) } else { m(0) }))
            .collect();
        let borrowed: Vec<(C, &str)> = list.iter().map(|(c, a)| (*c, a.as_str())).collect();
        amounts(&borrowed)
    };
    for (category, cap) in [
        (C::Airfare, 100_000),
        (C::Lodging, 45_000),
        (C::Ground, 10_000),
        (C::Visa, 20_000),
        (C::Other, 5_000),
    ] {
        for ok in [cap, cap - 1] {
            let plan = store
                .preview_approval(id, OLU, &only(category, ok), &clock())
                .await
                .unwrap_or_else(|e| panic!("{code} {category} {ok}: {e}"));
            assert_eq!(plan.total.to_string(), m(ok));
            let line = plan.lines.iter().find(|l| l.category == category).unwrap();
            assert_eq!(line.cap.cap.to_string(), m(cap));
        }
        assert_invalid(
            store
                .preview_approval(id, OLU, &only(category, cap + 1), &clock())
                .await,
            category.as_str(),
            &format!("{} is over the cap of {}", m(cap + 1), m(cap)),
        );
    }
    // Over a cap, approving writes nothing.
    let before = snapshot(store, id).await;
    assert_invalid(
        store
            .approve_travel(id, OLU, &only(C::Airfare, 100_001), &clock())
            .await,
        "airfare",
        "over the cap",
    );
    assert_eq!(snapshot(store, id).await, before);
    // Another request at every cap holds 180000; 120000 is left.
    let at_caps = [
        (C::Airfare, m(100_000)),
        (C::Lodging, m(45_000)),
        (C::Ground, m(10_000)),
        (C::Visa, m(20_000)),
        (C::Other, m(5_000)),
    ];
    let at_caps: Vec<(C, &str)> = at_caps.iter().map(|(c, a)| (*c, a.as_str())).collect();
    let plan = store
        .approve_travel(other, OLU, &amounts(&at_caps), &clock())
        .await
        .unwrap();
    assert_eq!(plan.total_base.to_string(), m(180_000));
    assert_eq!(plan.remaining_after.to_string(), m(120_000));
    let pool = |airfare: i64, visa: i64, other: i64| {
        let list = [
            (C::Airfare, m(airfare)),
            (C::Lodging, m(0)),
            (C::Ground, m(0)),
            (C::Visa, m(visa)),
            (C::Other, m(other)),
        ];
        let borrowed: Vec<(C, &str)> = list.iter().map(|(c, a)| (*c, a.as_str())).collect();
        amounts(&borrowed)
    };
    let under = store
        .preview_approval(id, OLU, &pool(99_999, 20_000, 0), &clock())
        .await
        .unwrap();
    assert_eq!(under.remaining_after.to_string(), m(1));
    assert_invalid(
        store
            .preview_approval(id, OLU, &pool(100_000, 20_000, 1), &clock())
            .await,
        "pool",
        &format!(
            "approving {} is over what is left of the {} pool ({} left, {} after)",
            m(120_001),
            m(300_000),
            m(120_000),
            m(-1)
        ),
    );
    let at = store
        .approve_travel(id, OLU, &pool(100_000, 20_000, 0), &clock())
        .await
        .unwrap();
    assert_eq!(at.remaining_after.to_string(), m(0));
    assert!(!at.over_pool);
    assert_eq!(
        store
            .travel_money(summit)
            .await
            .unwrap()
            .remaining
            .map(|r| r.to_string()),
        Some(m(0))
    );
}

#[tokio::test]
async fn every_cap_and_the_pool_hold_at_under_and_just_over_in_yen() {
    every_limit_at_under_and_just_over("JPY").await;
}

#[tokio::test]
async fn every_cap_and_the_pool_hold_at_under_and_just_over_in_dinars() {
    every_limit_at_under_and_just_over("BHD").await;
    every_limit_at_under_and_just_over("KWD").await;
}

#[tokio::test]
async fn caps_hold_at_under_and_just_over_in_three_decimal_currencies() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "BHD").await;
    // Pool 1000.000 BHD, airfare cap 300.000 BHD, 40.000 a night.
    store
        .set_travel_policy(
            &policy(summit, "BHD", 1_000_000, 300_000, 40_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    use TravelCategory as C;
    let ada = speaker(store, "Ada").await;
    let id = request(store, summit, ada, "BHD", &[(C::Airfare, "400.000 BHD")]).await;
    review(store, id).await;
    try_one(store, id, C::Airfare, "300.000 BHD").await.unwrap();
    try_one(store, id, C::Airfare, "299.999 BHD").await.unwrap();
    assert_invalid(
        try_one(store, id, C::Airfare, "300.001 BHD").await,
        "airfare",
        "300.001 BHD is over the cap of 300.000 BHD (airfare)",
    );
    // And across currencies: a request in KWD at 1.225 BHD a dinar. 244.898 KWD is 300.00005 BHD
    // (rounds to 300.000, at the cap); 244.899 KWD is 300.001275 BHD (rounds to 300.001, over).
    let grace = speaker(store, "Grace").await;
    let kwd = request(store, summit, grace, "KWD", &[(C::Airfare, "400.000 KWD")]).await;
    review(store, kwd).await;
    store
        .record_rate(&rate_data(
            Some(summit),
            "KWD",
            "BHD",
            "1.225",
            "2026-04-30",
        ))
        .await
        .unwrap();
    let plan = try_one(store, kwd, C::Airfare, "244.898 KWD")
        .await
        .unwrap();
    assert_eq!(plan.total_base, money("300.000 BHD"));
    assert_eq!(plan.rate.to_string(), "1.225");
    assert_invalid(
        try_one(store, kwd, C::Airfare, "244.899 KWD").await,
        "airfare",
        "244.899 KWD (300.001 BHD at 1.225) is over the cap of 300.000 BHD",
    );
    // Without a recorded rate and none given, the approval says what it needs.
    let bob = speaker(store, "Bob").await;
    let usd = request(store, summit, bob, "USD", &[(C::Airfare, "100 USD")]).await;
    review(store, usd).await;
    assert_invalid(
        try_one(store, usd, C::Airfare, "100 USD").await,
        "rate",
        "no USD/BHD rate is recorded",
    );
    // A given rate is used and recorded.
    let plan = store
        .approve_travel(
            usd,
            OLU,
            &ApprovalInput {
                rate: Some(Rate::parse("rate", "0.376").unwrap()),
                ..ApprovalInput::default()
            },
            &clock(),
        )
        .await
        .unwrap();
    assert_eq!(plan.total_base, money("37.600 BHD"));
    let approval = store.travel_approval(usd).await.unwrap().unwrap();
    assert_eq!(approval.rate.to_string(), "0.376");
    assert_eq!(approval.total_base, money("37.600 BHD"));
}

#[tokio::test]
async fn the_pool_holds_at_under_and_just_over_and_an_override_is_recorded() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "JPY").await;
    store
        .set_travel_policy(&policy(summit, "JPY", 300_000, 250_000, 10_000), OLU, now())
        .await
        .unwrap();
    use TravelCategory as C;
    let a = request(
        store,
        summit,
        speaker(store, "A").await,
        "JPY",
        &[(C::Airfare, "200000 JPY")],
    )
    .await;
    let b = request(
        store,
        summit,
        speaker(store, "B").await,
        "JPY",
        &[(C::Airfare, "200000 JPY")],
    )
    .await;
    for id in [a, b] {
        review(store, id).await;
    }
    store
        .approve_travel(a, OLU, &ApprovalInput::default(), &clock())
        .await
        .unwrap();
    assert_eq!(
        store.travel_money(summit).await.unwrap().remaining,
        Some(money("100000 JPY"))
    );
    let at_pool = try_one(store, b, C::Airfare, "100000 JPY").await.unwrap();
    assert_eq!(at_pool.remaining_after, money("0 JPY"));
    assert!(!at_pool.over_pool);
    try_one(store, b, C::Airfare, "99999 JPY").await.unwrap();
    assert_invalid(
        try_one(store, b, C::Airfare, "100001 JPY").await,
        "pool",
        "approving 100001 JPY is over what is left of the 300000 JPY pool (100000 JPY left, -1 JPY after)",
    );
    let before = snapshot(store, b).await;
    assert_invalid(
        store
            .approve_travel(b, OLU, &amounts(&[(C::Airfare, "150000 JPY")]), &clock())
            .await,
        "pool",
        "give an override reason",
    );
    assert_eq!(snapshot(store, b).await, before);
    // With a reason it goes through, and the reason is kept with the approval and in the log.
    let input = ApprovalInput {
        override_reason: Some("keynote speaker; board agreed on 30 April".into()),
        ..amounts(&[(C::Airfare, "150000 JPY")])
    };
    let plan = store
        .approve_travel(b, MIA, &input, &clock())
        .await
        .unwrap();
    assert!(plan.over_pool);
    assert_eq!(plan.remaining_after, money("-50000 JPY"));
    let approval = store.travel_approval(b).await.unwrap().unwrap();
    assert_eq!(
        approval.override_reason.as_deref(),
        Some("keynote speaker; board agreed on 30 April")
    );
    assert_eq!(approval.approved_by, MIA);
    let money_now = store.travel_money(summit).await.unwrap();
    assert_eq!(money_now.committed, money("350000 JPY"));
    assert_eq!(money_now.remaining, Some(money("-50000 JPY")));
    let history = store.audit_history("travel_request", b).await.unwrap();
    let approved = history.iter().find(|e| e.action == "approve").unwrap();
    assert_eq!(approved.actor, MIA);
    assert_eq!(
        approved.reason.as_deref(),
        Some("keynote speaker; board agreed on 30 April")
    );
    assert_eq!(approved.amount, Some(money("150000 JPY")));
    let details: serde_json::Value =
        serde_json::from_str(approved.details.as_deref().unwrap()).unwrap();
    assert_eq!(details["over_pool"], true);
    assert_eq!(details["pool_remaining_after"], "-50000 JPY");
}

#[tokio::test]
async fn approvals_stay_within_what_was_requested_and_domestic_caps_apply() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    let mut p = policy(summit, "EUR", 10_000_000, 80_000, 15_000);
    p.domestic_country = Some("de".into());
    p.airfare_domestic_cap = Some(money("200 EUR"));
    p.airfare_international_cap = Some(money("1000 EUR"));
    let p = store.set_travel_policy(&p, OLU, now()).await.unwrap();
    assert_eq!(p.domestic_country.as_deref(), Some("DE"));
    use TravelCategory as C;
    let mut ids = Vec::new();
    for (name, country) in [("Dora", "DE"), ("Ike", "JP"), ("Nobody", "")] {
        let data = TravelRequestData {
            origin_country: Some(country.into()).filter(|c: &String| !c.is_empty()),
            items: vec![item(C::Airfare, "1200 EUR")],
            ..travel_data(summit, speaker(store, name).await, "EUR")
        };
        let id = store.submit_travel_request(&data, now()).await.unwrap().id;
        review(store, id).await;
        ids.push(id);
    }
    assert_invalid(
        try_one(store, ids[0], C::Airfare, "200.01 EUR").await,
        "airfare",
        "over the cap of 200.00 EUR (domestic airfare)",
    );
    try_one(store, ids[0], C::Airfare, "200 EUR").await.unwrap();
    assert_invalid(
        try_one(store, ids[1], C::Airfare, "1000.01 EUR").await,
        "airfare",
        "(international airfare)",
    );
    try_one(store, ids[1], C::Airfare, "1000 EUR")
        .await
        .unwrap();
    // Origin unknown: the general airfare cap.
    assert_invalid(
        try_one(store, ids[2], C::Airfare, "800.01 EUR").await,
        "airfare",
        "over the cap of 800.00 EUR (airfare)",
    );
    // Never more than requested, never a category not asked for, never negative.
    assert_invalid(
        try_one(store, ids[1], C::Airfare, "1200.01 EUR").await,
        "airfare",
        "more than the 1200.00 EUR requested",
    );
    assert_invalid(
        store
            .preview_approval(
                ids[1],
                OLU,
                &amounts(&[(C::Airfare, "0 EUR"), (C::Visa, "0.01 EUR")]),
                &clock(),
            )
            .await,
        "visa",
        "0.01 EUR is more than the 0.00 EUR requested",
    );
    assert_invalid(
        try_one(store, ids[1], C::Airfare, "-1 EUR").await,
        "airfare",
        "must not be negative",
    );
    assert_invalid(
        try_one(store, ids[1], C::Airfare, "100 USD").await,
        "airfare",
        "must be in the request's currency EUR",
    );
}

#[tokio::test]
async fn an_organiser_cannot_decide_on_their_own_request() {
    let store = &spawn_store().await;
    let (summit, sam) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    let id = request(
        store,
        summit,
        sam,
        "EUR",
        &[(TravelCategory::Airfare, "300 EUR")],
    )
    .await;
    assert_invalid(
        store
            .move_travel(id, TravelAction::StartReview, SAM, None, now())
            .await,
        "actor",
        "Sam is the applicant of travel request",
    );
    review(store, id).await;
    let before = snapshot(store, id).await;
    assert_invalid(
        store
            .approve_travel(id, SAM, &ApprovalInput::default(), &clock())
            .await,
        "actor",
        "Sam is the applicant of travel request 1 and cannot approve it",
    );
    assert_invalid(
        store.score_travel(id, "sam", 5, None, now()).await,
        "actor",
        "cannot score it",
    );
    assert_invalid(
        store
            .move_travel(id, TravelAction::Deny, SAM, Some("x"), now())
            .await,
        "actor",
        "cannot deny it",
    );
    assert_eq!(snapshot(store, id).await, before);
    // Another organiser can; the applicant may then accept their own offer.
    store
        .approve_travel(id, OLU, &ApprovalInput::default(), &clock())
        .await
        .unwrap();
    store.accept_travel(id, SAM, &clock()).await.unwrap();
    // Unknown organisers are refused by name.
    assert_invalid(
        store
            .move_travel(id, TravelAction::Withdraw, "Nobody", None, now())
            .await,
        "actor",
        "no organiser called \"Nobody\"",
    );
}

#[tokio::test]
async fn an_approval_failing_half_way_leaves_no_audit_row_and_no_change() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    let id = request(
        store,
        summit,
        speaker(store, "Ada").await,
        "EUR",
        &[
            (TravelCategory::Airfare, "300 EUR"),
            (TravelCategory::Lodging, "100 EUR"),
        ],
    )
    .await;
    review(store, id).await;
    let before = snapshot(store, id).await;
    let items_before = store.count("travel_approved_items").await;
    // The approval row and the status are written before the items and the audit row: make the
    // second item's insert fail, then the audit row's.
    for trigger in [
        "CREATE TRIGGER fail BEFORE INSERT ON travel_approved_items WHEN NEW.category = 'lodging'
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
        "CREATE TRIGGER fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    ] {
        sqlx::query(trigger).execute(store.pool()).await.unwrap();
        let e = store
            .approve_travel(id, OLU, &ApprovalInput::default(), &clock())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("disk full"), "{e}");
        sqlx::query("DROP TRIGGER fail")
            .execute(store.pool())
            .await
            .unwrap();
        assert_eq!(snapshot(store, id).await, before);
        assert_eq!(store.count("travel_approved_items").await, items_before);
    }
    // Once the fault is gone the same approval goes through.
    store
        .approve_travel(id, OLU, &ApprovalInput::default(), &clock())
        .await
        .unwrap();
    assert_eq!(status(store, id).await, TravelStatus::Approved);
    assert!(store.verify_audit().await.unwrap().is_intact());
}

#[tokio::test]
async fn a_changed_approval_waits_for_another_organiser() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    use TravelCategory as C;
    let id = request(
        store,
        summit,
        speaker(store, "Ada").await,
        "EUR",
        &[(C::Airfare, "600 EUR")],
    )
    .await;
    review(store, id).await;
    store
        .approve_travel(id, OLU, &amounts(&[(C::Airfare, "500 EUR")]), &clock())
        .await
        .unwrap();
    assert!(!store.travel_approval(id).await.unwrap().unwrap().pending);
    // Same amounts: nothing to amend.
    assert_invalid(
        store
            .approve_travel(id, OLU, &amounts(&[(C::Airfare, "500 EUR")]), &clock())
            .await,
        "approval",
        "already approved with these amounts",
    );
    let plan = store
        .approve_travel(id, OLU, &amounts(&[(C::Airfare, "550 EUR")]), &clock())
        .await
        .unwrap();
    assert!(plan.amendment);
    let approval = store.travel_approval(id).await.unwrap().unwrap();
    assert!(approval.pending);
    assert_eq!(approval.total, money("550 EUR"));
    assert_eq!(status(store, id).await, TravelStatus::Approved);
    assert_invalid(
        store.accept_travel(id, OLU, &clock()).await,
        "approval",
        "wait for another organiser's confirmation",
    );
    assert_invalid(
        store.confirm_travel_approval(id, OLU, now()).await,
        "actor",
        "Olu changed these amounts; another organiser must confirm them",
    );
    let confirmed = store.confirm_travel_approval(id, MIA, now()).await.unwrap();
    assert!(!confirmed.pending);
    assert_invalid(
        store.confirm_travel_approval(id, MIA, now()).await,
        "approval",
        "no changed amounts waiting",
    );
    store.accept_travel(id, OLU, &clock()).await.unwrap();
    let actions: Vec<String> = store
        .audit_history("travel_request", id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["start-review", "approve", "amend", "confirm", "accept"]
    );
}

#[tokio::test]
async fn offers_expire_after_their_accept_by_date_in_the_summit_zone() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    let id = request(
        store,
        summit,
        speaker(store, "Ada").await,
        "EUR",
        &[(TravelCategory::Airfare, "300 EUR")],
    )
    .await;
    let other = request(
        store,
        summit,
        speaker(store, "Bo").await,
        "EUR",
        &[(TravelCategory::Airfare, "300 EUR")],
    )
    .await;
    for r in [id, other] {
        review(store, r).await;
        store
            .approve_travel(r, OLU, &ApprovalInput::default(), &clock())
            .await
            .unwrap();
    }
    // Approved on 1 May (Berlin) with 14 days: accept by 15 May, through the end of that day.
    let approval = store.travel_approval(id).await.unwrap().unwrap();
    assert_eq!(approval.accept_by, date("2026-05-15"));
    let last_minute = FixedClock(at("2026-05-15 23:59"));
    let too_late = FixedClock(at("2026-05-16 00:00"));
    assert_invalid(
        store.expire_travel(id, OLU, &last_minute).await,
        "accept_by",
        "the offer is open until 2026-05-15 (Europe/Berlin)",
    );
    assert_invalid(
        store.accept_travel(id, OLU, &too_late).await,
        "accept_by",
        "had to be accepted by 2026-05-15",
    );
    store.accept_travel(other, OLU, &last_minute).await.unwrap();
    assert_eq!(
        store
            .expire_overdue_travel(summit, OLU, &too_late)
            .await
            .unwrap(),
        vec![id]
    );
    assert_eq!(status(store, id).await, TravelStatus::Expired);
    assert_eq!(status(store, other).await, TravelStatus::Accepted);
    // An expired offer no longer holds money.
    assert_eq!(
        store.travel_money(summit).await.unwrap().committed,
        money("300 EUR")
    );
}

#[tokio::test]
async fn bookings_receipts_and_payments_up_to_the_approved_total() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "USD").await;
    store
        .set_travel_policy(
            &policy(summit, "USD", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    use TravelCategory as C;
    let id = request(
        store,
        summit,
        speaker(store, "Ada").await,
        "EUR",
        &[(C::Airfare, "800 EUR"), (C::Lodging, "300 EUR")],
    )
    .await;
    review(store, id).await;
    store
        .score_travel(id, MIA, 4, Some("great talk"), now())
        .await
        .unwrap();
    assert_invalid(
        store.score_travel(id, OLU, 6, None, now()).await,
        "score",
        "must be from 1 to 5, got 6",
    );
    let input = ApprovalInput {
        rate: Some(Rate::parse("rate", "1.08").unwrap()),
        ..amounts(&[(C::Lodging, "250 EUR")])
    };
    let plan = store
        .approve_travel(id, OLU, &input, &clock())
        .await
        .unwrap();
    assert_eq!(plan.total, money("1050 EUR"));
    assert_eq!(plan.total_base, money("1134 USD"));
    assert_invalid(
        store.score_travel(id, OLU, 3, None, now()).await,
        "status",
        "scored before a decision",
    );
    assert_invalid(
        store
            .pay_travel(id, OLU, &payment("10 EUR", false), now())
            .await,
        "status",
        "payments are made on a booked request",
    );
    store.accept_travel(id, OLU, &clock()).await.unwrap();
    let bad = BookingData {
        depart_at: at("2026-06-08 10:00"),
        ..booking()
    };
    assert_invalid(
        store.book_travel(id, OLU, &bad, now()).await,
        "depart",
        "before the arrival",
    );
    store.book_travel(id, OLU, &booking(), now()).await.unwrap();
    let itineraries = store.travel_itineraries(summit).await.unwrap();
    assert_eq!(itineraries.len(), 1);
    assert_eq!(itineraries[0].arrive_at, at("2026-06-09 15:00"));
    assert_eq!(itineraries[0].status, TravelStatus::Booked);

    // A receipt: copied beside the database with its hash.
    let source = store.dir.path().join("taxi receipt.pdf");
    std::fs::write(&source, b"%PDF-1.4 taxi 42 EUR").unwrap();
    let receipt = store.attach_receipt(id, OLU, &source, now()).await.unwrap();
    assert_eq!(receipt.file_name, "taxi receipt.pdf");
    assert_eq!(
        receipt.sha256,
        roadie_core::audit::sha256_hex(b"%PDF-1.4 taxi 42 EUR")
    );
    assert_eq!(receipt.sha256.len(), 64);
    let kept = store.receipts_dir().join(&receipt.stored_name);
    assert!(kept.starts_with(store.dir.path().join("roadie-receipts")));
    assert_eq!(std::fs::read(&kept).unwrap(), b"%PDF-1.4 taxi 42 EUR");
    assert_invalid(
        store.attach_receipt(id, OLU, &source, now()).await,
        "file",
        "already attached",
    );
    assert!(matches!(
        store
            .attach_receipt(id, OLU, &store.dir.path().join("missing.pdf"), now())
            .await,
        Err(Error::Io { .. })
    ));

    // Payments: partial, never over the approved total, reimbursed when it is reached.
    store
        .pay_travel(id, OLU, &payment("800 EUR", false), now())
        .await
        .unwrap();
    assert_eq!(status(store, id).await, TravelStatus::Booked);
    let before = snapshot(store, id).await;
    assert_invalid(
        store
            .pay_travel(id, OLU, &payment("250.01 EUR", false), now())
            .await,
        "amount",
        "paying 250.01 EUR would bring payments to 1050.01 EUR, more than the 1050.00 EUR approved (250.00 EUR left to pay)",
    );
    assert_invalid(
        store
            .pay_travel(id, OLU, &payment("25 USD", false), now())
            .await,
        "amount",
        "payments are in the request's currency EUR",
    );
    assert_eq!(snapshot(store, id).await, before);
    // The newest recorded rate applies to a payment, else the approval's.
    store
        .record_rate(&rate_data(Some(summit), "EUR", "USD", "1.10", "2026-06-19"))
        .await
        .unwrap();
    store
        .pay_travel(id, OLU, &payment("250 EUR", false), now())
        .await
        .unwrap();
    assert_eq!(status(store, id).await, TravelStatus::Reimbursed);
    let payments = store.travel_payments(id).await.unwrap();
    assert_eq!(payments[0].base, money("864 USD"));
    assert_eq!(payments[1].rate.to_string(), "1.1");
    assert_eq!(payments[1].base, money("275 USD"));
    let m = store.travel_money(summit).await.unwrap();
    assert_eq!(m.spent, money("1139 USD"));
    // A reimbursed request holds what it was paid.
    assert_eq!(m.committed, money("1139 USD"));

    let detail = store.travel_detail(id).await.unwrap();
    assert_eq!(detail.row.reimbursed, money("1050 EUR"));
    assert_eq!(detail.row.approved, Some(money("1050 EUR")));
    assert_eq!(detail.row.score, Some(4.0));
    assert_eq!(detail.receipts.len(), 1);
    assert_eq!(detail.payments.len(), 2);
    assert!(detail.actions.is_empty());
    let actions: Vec<&str> = detail.history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "start-review",
            "score",
            "approve",
            "accept",
            "book",
            "receipt",
            "pay",
            "pay"
        ]
    );
}

#[tokio::test]
async fn a_last_payment_closes_a_request_and_releases_the_rest_of_the_pool() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(&policy(summit, "EUR", 100_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    let id = request_in(store, summit, 1, TravelStatus::Booked).await;
    assert_eq!(
        store.travel_money(summit).await.unwrap().remaining,
        Some(money("600 EUR"))
    );
    store
        .pay_travel(id, MIA, &payment("300 EUR", true), now())
        .await
        .unwrap();
    assert_eq!(status(store, id).await, TravelStatus::Reimbursed);
    let m = store.travel_money(summit).await.unwrap();
    assert_eq!(
        (m.committed, m.spent, m.remaining),
        (money("300 EUR"), money("300 EUR"), Some(money("700 EUR")))
    );
}

#[tokio::test]
async fn a_tampered_audit_row_or_a_removed_one_breaks_the_chain() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(
            &policy(summit, "EUR", 10_000_000, 100_000, 15_000),
            OLU,
            now(),
        )
        .await
        .unwrap();
    request_in(store, summit, 1, TravelStatus::Accepted).await;
    let report = store.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    let rows = report.rows;
    assert_eq!(rows, store.count("audit_log").await);
    // The triggers refuse changes through SQL.
    for sql in [
        "UPDATE audit_log SET actor = 'Mallory' WHERE id = 5",
        "DELETE FROM audit_log WHERE id = 5",
    ] {
        let e = sqlx::query(sql).execute(store.pool()).await.unwrap_err();
        assert!(e.to_string().contains("audit_log is append-only"), "{e}");
    }
    assert!(store.verify_audit().await.unwrap().is_intact());
    // Behind their back: drop the trigger and edit a row.
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET amount_minor = 99900 WHERE action = 'approve'")
        .execute(store.pool())
        .await
        .unwrap();
    let report = store.verify_audit().await.unwrap();
    assert_eq!(report.breaks.len(), 1, "{report:?}");
    assert!(report.breaks[0].problem.contains("does not match its hash"));
    let approve_id: i64 = sqlx::query_scalar("SELECT id FROM audit_log WHERE action = 'approve'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(report.breaks[0].id, approve_id);
    // A row removed from the middle breaks the chain at the row after it.
    let fresh = spawn_store().await;
    let (s2, _) = setup(&fresh, "EUR").await;
    fresh
        .set_travel_policy(&policy(s2, "EUR", 10_000_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    request_in(&fresh, s2, 1, TravelStatus::Approved).await;
    sqlx::query("DROP TRIGGER audit_log_no_delete")
        .execute(fresh.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE id = 3")
        .execute(fresh.pool())
        .await
        .unwrap();
    let report = fresh.verify_audit().await.unwrap();
    assert!(!report.is_intact());
    assert!(report.breaks.iter().all(|b| b.id == 4), "{report:?}");
    assert!(
        report
            .breaks
            .iter()
            .any(|b| b.problem.contains("row 3 is missing"))
    );
}

#[tokio::test]
async fn the_overview_ranks_by_score_then_first_timers_then_cost_and_shows_the_pool() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(&policy(summit, "EUR", 500_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    use TravelCategory as C;
    let mut ids = Vec::new();
    for (name, first, amount) in [
        ("Low", false, "100 EUR"),
        ("Cheap", false, "200 EUR"),
        ("Dear", false, "900 EUR"),
        ("New", true, "900 EUR"),
    ] {
        let who = store
            .add_speaker(&roadie_core::SpeakerData {
                first_time: first,
                country: Some("FR".into()),
                ..speaker_data(name)
            })
            .await
            .unwrap()
            .id;
        let id = request(store, summit, who, "EUR", &[(C::Airfare, amount)]).await;
        review(store, id).await;
        ids.push(id);
    }
    for (id, scores) in [
        (ids[0], [2, 3]),
        (ids[1], [4, 5]),
        (ids[2], [5, 4]),
        (ids[3], [4, 5]),
    ] {
        store
            .score_travel(id, OLU, scores[0], None, now())
            .await
            .unwrap();
        store
            .score_travel(id, MIA, scores[1], None, now())
            .await
            .unwrap();
    }
    store
        .approve_travel(ids[2], OLU, &ApprovalInput::default(), &clock())
        .await
        .unwrap();
    let rows = store.travel_overview(summit, None).await.unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.speaker.as_str()).collect();
    assert_eq!(names, ["New", "Cheap", "Dear", "Low"]);
    assert_eq!(
        rows.iter().map(|r| r.rank).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_eq!(rows[0].score, Some(4.5));
    assert_eq!(rows[0].country.as_deref(), Some("FR"));
    assert!(
        rows.iter()
            .all(|r| r.pool_remaining == Some(money("4100 EUR")))
    );
    assert_eq!(rows[2].approved, Some(money("900 EUR")));
    let approved = store
        .travel_overview(summit, Some(TravelStatus::Approved))
        .await
        .unwrap();
    assert_eq!((approved.len(), approved[0].rank), (1, 3));
}

#[tokio::test]
async fn the_report_is_marked_internal_and_neutralises_formulas() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(&policy(summit, "EUR", 500_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    let who = speaker(store, "=HYPERLINK(\"http://evil\",\"x\")").await;
    let id = request(
        store,
        summit,
        who,
        "EUR",
        &[(TravelCategory::Airfare, "300 EUR")],
    )
    .await;
    review(store, id).await;
    let input = ApprovalInput {
        override_reason: Some("@SUM(A1)".into()),
        ..ApprovalInput::default()
    };
    store
        .approve_travel(id, OLU, &input, &clock())
        .await
        .unwrap();
    let csv = store.travel_report_csv(summit, now()).await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[0].starts_with(
            "INTERNAL - travel funding report for Summit s (s) generated 2026-05-01 10:00 UTC"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("rank,id,speaker,country,first_time,status"));
    assert!(
        lines[2].starts_with("1,1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",,no,approved,"),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(",300.00,"), "{}", lines[2]);
    // Not over the pool, so no override reason is kept, and none leaks unneutralised.
    assert!(!csv.contains(",@"), "{csv}");
    assert_eq!(
        lines.len(),
        4,
        "two header lines, one request, and the final CRLF"
    );
}

#[tokio::test]
async fn policies_are_checked_and_every_change_is_audited() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    let good = policy(summit, "EUR", 500_000, 100_000, 15_000);
    assert_invalid(
        store
            .set_travel_policy(
                &TravelPolicy {
                    pool: money("10 USD"),
                    ..good.clone()
                },
                OLU,
                now(),
            )
            .await,
        "pool",
        "must be in the summit's currency EUR",
    );
    assert_invalid(
        store
            .set_travel_policy(
                &TravelPolicy {
                    visa_cap: money("-1 EUR"),
                    ..good.clone()
                },
                OLU,
                now(),
            )
            .await,
        "visa",
        "must not be negative",
    );
    assert_invalid(
        store
            .set_travel_policy(
                &TravelPolicy {
                    airfare_domestic_cap: Some(money("1 EUR")),
                    ..good.clone()
                },
                OLU,
                now(),
            )
            .await,
        "domestic_country",
        "is needed",
    );
    assert_invalid(
        store
            .set_travel_policy(
                &TravelPolicy {
                    accept_by_days: 0,
                    ..good.clone()
                },
                OLU,
                now(),
            )
            .await,
        "accept_by_days",
        "between 1 and 365",
    );
    assert_invalid(
        store
            .set_travel_policy(
                &TravelPolicy {
                    review_max: 1,
                    ..good.clone()
                },
                OLU,
                now(),
            )
            .await,
        "review_max",
        "above the lowest score",
    );
    assert_invalid(
        store.set_travel_policy(&good, "Nobody", now()).await,
        "actor",
        "no organiser",
    );
    assert_eq!(store.travel_policy(summit).await.unwrap(), None);
    store.set_travel_policy(&good, OLU, now()).await.unwrap();
    store
        .set_travel_policy(
            &TravelPolicy {
                pool: money("6000 EUR"),
                ..good.clone()
            },
            MIA,
            now(),
        )
        .await
        .unwrap();
    assert_eq!(
        store.travel_policy(summit).await.unwrap().unwrap().pool,
        money("6000 EUR")
    );
    let history = store.audit_history("travel_policy", summit).await.unwrap();
    let actions: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(actions, [("policy-set", OLU), ("policy-change", MIA)]);
    assert_eq!(history[1].amount, Some(money("6000 EUR")));
    // Approving without a policy says so.
    let fresh = spawn_store().await;
    let (s2, _) = setup(&fresh, "EUR").await;
    let id = request(
        &fresh,
        s2,
        speaker(&fresh, "Ada").await,
        "EUR",
        &[(TravelCategory::Airfare, "1 EUR")],
    )
    .await;
    review(&fresh, id).await;
    assert_invalid(
        fresh
            .approve_travel(id, OLU, &ApprovalInput::default(), &clock())
            .await,
        "policy",
        "has no travel policy",
    );
}

#[tokio::test]
async fn what_a_request_asks_for_is_frozen_once_decided() {
    let store = &spawn_store().await;
    let (summit, _) = setup(store, "EUR").await;
    store
        .set_travel_policy(&policy(summit, "EUR", 500_000, 100_000, 15_000), OLU, now())
        .await
        .unwrap();
    let id = request_in(store, summit, 1, TravelStatus::Approved).await;
    let mut data = store.travel_request(id).await.unwrap().data;
    data.items = vec![item(TravelCategory::Airfare, "9000 EUR")];
    assert_invalid(
        store.update_travel_request(id, &data).await,
        "status",
        "request 1 is approved",
    );
    // Deny needs a reason.
    let other = request_in(store, summit, 2, TravelStatus::UnderReview).await;
    assert_invalid(
        store
            .move_travel(other, TravelAction::Deny, OLU, Some("  "), now())
            .await,
        "reason",
        "say why",
    );
}

#[tokio::test]
async fn the_demo_has_a_whole_round_with_a_late_arrival_and_an_intact_audit_log() {
    use roadie_core::demo::Scale;
    let store = &spawn_store().await;
    let today = date("2026-04-01");
    store.seed_demo(Scale::Small, today).await.unwrap();
    let summit = store.summit_by_slug("northwind").await.unwrap();
    let rows = store.travel_overview(summit.id, None).await.unwrap();
    let mut statuses: Vec<TravelStatus> = rows.iter().map(|r| r.status).collect();
    statuses.sort();
    statuses.dedup();
    use TravelStatus as S;
    assert_eq!(
        statuses,
        [
            S::Submitted,
            S::UnderReview,
            S::Approved,
            S::Waitlisted,
            S::Denied,
            S::Accepted,
            S::Expired,
            S::Booked,
            S::Reimbursed
        ]
    );
    assert!(rows.iter().any(|r| r.pending), "a changed approval waits");
    let money_now = store.travel_money(summit.id).await.unwrap();
    assert_eq!(money_now.pool, Some(money("12000 EUR")));
    assert!(money_now.spent.minor > 0 && money_now.committed.minor > money_now.spent.minor);
    // One booked speaker lands after their first talk starts.
    let talks = store
        .list_gatherings(&roadie_core::GatheringFilter {
            summit_id: Some(summit.id),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut late = 0;
    for trip in store.travel_itineraries(summit.id).await.unwrap() {
        let speaker = store.speaker(trip.speaker_id).await.unwrap();
        let first = talks
            .iter()
            .filter(|g| speaker.talk_ids.contains(&g.id))
            .map(|g| g.data.start)
            .min()
            .unwrap();
        if trip.arrive_at > first {
            late += 1;
        }
    }
    assert_eq!(late, 1);
    // The organiser who applied cannot approve their own request.
    let organisers = store.list_organisers().await.unwrap();
    let applicant = organisers
        .iter()
        .find(|o| o.data.speaker_id.is_some())
        .unwrap();
    let own = rows
        .iter()
        .find(|r| Some(r.speaker_id) == applicant.data.speaker_id)
        .unwrap();
    assert_invalid(
        store
            .approve_travel(
                own.id,
                &applicant.data.name,
                &ApprovalInput::default(),
                &FixedClock(at("2026-04-01 12:00")),
            )
            .await,
        "actor",
        "is the applicant",
    );
    assert!(store.verify_audit().await.unwrap().is_intact());
}

/// The app and the CLI write to one file. A decision taken while the other process holds the
/// write lock waits for it (the busy timeout) and then succeeds: decisions begin with the write
/// lock (`BEGIN IMMEDIATE`), since one that read its audit chain first could not write after the
/// other committed ("database is locked").
#[tokio::test]
async fn a_decision_waits_for_a_writer_in_another_process_and_then_succeeds() {
    let store = spawn_store().await;
    let (summit, _) = setup(&store, "EUR").await;
    store
        .set_travel_policy(&policy(summit, "EUR", 500_000, 80_000, 15_000), OLU, now())
        .await
        .unwrap();
    let other = roadie_core::Store::open(&store.dir.path().join("roadie.db"))
        .await
        .unwrap();
    let mut writer = other.pool().begin_with("BEGIN IMMEDIATE").await.unwrap();
    sqlx::query("UPDATE summits SET city = 'Elsewhere' WHERE id = ?")
        .bind(summit)
        .execute(&mut *writer)
        .await
        .unwrap();
    let commit_later = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        writer.commit().await.unwrap();
    });
    let changed = store
        .set_travel_policy(&policy(summit, "EUR", 600_000, 80_000, 15_000), MIA, now())
        .await;
    commit_later.await.unwrap();
    assert_eq!(
        changed.unwrap().pool,
        Money::new(600_000, cur("EUR")),
        "the change went through once the other writer was done"
    );
    assert_eq!(
        store.summit(summit).await.unwrap().data.city.as_deref(),
        Some("Elsewhere")
    );
    assert!(store.verify_audit().await.unwrap().is_intact());
}
