use roadie_core::{BudgetCategory, GatheringKind, GatheringStatus};

use crate::helpers::*;

#[tokio::test]
async fn the_dashboard_lists_what_is_next_counts_what_waits_and_sums_the_budget() {
    let store = spawn_store().await;
    let summit = store.new_summit("dash").await.id;
    let other = store.new_summit("other").await.id;
    let past = store
        .add_gathering(&session(summit, "Opening", "2026-06-10 09:00"))
        .await
        .unwrap();
    let keynote = store
        .add_gathering(&session(summit, "Keynote", "2026-06-10 10:00"))
        .await
        .unwrap();
    let party = store
        .add_gathering(&gathering_data(
            Some(summit),
            GatheringKind::Social,
            "Party",
            "2026-06-10 20:00",
            180,
        ))
        .await
        .unwrap();
    store.cancel_gathering(party.id).await.unwrap();
    store
        .add_gathering(&session(other, "Elsewhere", "2026-06-10 11:00"))
        .await
        .unwrap();
    let ada = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    store.link_talk(ada.id, keynote.id).await.unwrap();
    store.link_talk(ada.id, past.id).await.unwrap();
    store
        .submit_travel_request(&travel_data(summit, ada.id, "EUR"), at("2026-05-01 10:00"))
        .await
        .unwrap();
    store
        .add_budget_line(&budget_data(summit, BudgetCategory::Socials, "1000.50 EUR"))
        .await
        .unwrap();
    store
        .add_budget_line(&budget_data(summit, BudgetCategory::Socials, "99.50 EUR"))
        .await
        .unwrap();
    store
        .add_budget_line(&budget_data(summit, BudgetCategory::Socials, "5000 JPY"))
        .await
        .unwrap();

    // Half past nine: the opening is on, so it is still "next"; the other summit's is not.
    let dash = store
        .dashboard(summit, at("2026-06-10 09:30"))
        .await
        .unwrap();
    let titles: Vec<_> = dash
        .next
        .iter()
        .map(|g| g.gathering.data.title.as_str())
        .collect();
    assert_eq!(titles, ["Opening", "Keynote", "Party"]);
    assert_eq!(dash.next[1].start_local, "2026-06-10T10:00");
    assert_eq!(
        dash.next[2].gathering.data.status,
        GatheringStatus::Cancelled
    );
    let later = store
        .dashboard(summit, at("2026-06-10 10:00"))
        .await
        .unwrap();
    assert_eq!(later.next.len(), 2, "the opening has ended by ten");

    let c = &dash.counts;
    assert_eq!(
        (c.sessions, c.socials, c.cancelled, c.speakers),
        (2, 1, 1, 1)
    );
    assert_eq!((c.travel_requests, c.travel_to_review), (1, 1));
    let totals: Vec<_> = dash
        .budget
        .iter()
        .map(|b| (b.category, b.lines, b.planned.to_string()))
        .collect();
    assert_eq!(
        totals,
        [
            (BudgetCategory::Socials, 2, "1100.00 EUR".to_owned()),
            (BudgetCategory::Socials, 1, "5000 JPY".to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_dashboard_of_an_unknown_summit_is_not_found() {
    let store = spawn_store().await;
    let err = store
        .dashboard(42, at("2026-06-10 09:30"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}
