//! Personal data stays out of what attendees and speakers are given (issue 8): on the demo, where
//! speakers and organisers have e-mail addresses, a shipment's contact a phone number, travel
//! requests, approvals and payments their amounts, and the organisers' own debrief a description
//! with contact details, no calendar for the public, attendees or speakers (a summit's, a
//! speaker's itinerary, the meetups', a single gathering's) holds any of them.

use roadie_core::demo::Scale;
use roadie_core::{Audience, SpeakerFilter, Store};
use roadie_core::{CalendarAudience, Currency, Feed, FixedClock, GatheringFilter, Money};

use crate::helpers::*;

/// Every piece of personal data in the database, as text that would give it away: e-mail
/// addresses, phone numbers, and travel amounts as Roadie writes them ("850.00 EUR", "850.00").
async fn personal_data(store: &Store) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let emails: Vec<String> = sqlx::query_scalar(
        "SELECT email FROM speakers WHERE email IS NOT NULL
         UNION SELECT email FROM organisers WHERE email IS NOT NULL",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    found.extend(emails.into_iter().map(|e| ("e-mail".to_owned(), e)));
    let phones: Vec<String> =
        sqlx::query_scalar("SELECT contact_phone FROM shipments WHERE contact_phone IS NOT NULL")
            .fetch_all(store.pool())
            .await
            .unwrap();
    found.extend(phones.into_iter().map(|p| ("phone".to_owned(), p)));
    let amounts: Vec<(i64, String)> = sqlx::query_as(
        "SELECT requested_minor, r.currency FROM travel_request_items i
           JOIN travel_requests r ON r.id = i.request_id
         UNION SELECT approved_minor, a.currency FROM travel_approved_items i
           JOIN travel_approvals a ON a.request_id = i.request_id
         UNION SELECT total_minor, currency FROM travel_approvals
         UNION SELECT total_base_minor, base_currency FROM travel_approvals
         UNION SELECT amount_minor, currency FROM travel_payments
         UNION SELECT base_minor, s.currency FROM travel_payments p
           JOIN travel_requests r ON r.id = p.request_id JOIN summits s ON s.id = r.summit_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    for (minor, code) in amounts {
        let money = Money::new(minor, Currency::parse("currency", &code).unwrap());
        found.push(("travel amount".to_owned(), money.to_string()));
        found.push(("travel amount".to_owned(), money.amount()));
    }
    found
}

/// The calendar text with folded lines joined again, so nothing hides across a fold.
fn unfolded(ics: &str) -> String {
    ics.replace("\r\n ", "").replace("\r\n\t", "")
}

/// What in `text` gives personal data away: any of `known`, and anything shaped like an e-mail
/// address (something@domain.tld, outside UID lines) or an international phone number.
fn leaks(text: &str, known: &[(String, String)]) -> Vec<String> {
    let mut leaks = Vec::new();
    for (what, secret) in known {
        let mut rest = text;
        while let Some(i) = rest.find(secret.as_str()) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + secret.len()..].chars().next();
            let number = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.');
            // A bare amount counts only as a number of its own, not inside a longer one.
            if !(what == "travel amount" && (number(before) || number(after))) {
                leaks.push(format!("{what} {secret:?}"));
                break;
            }
            rest = &rest[i + secret.len()..];
        }
    }
    for line in text.lines().filter(|l| !l.starts_with("UID:")) {
        for word in line.split(|c: char| c.is_whitespace() || ";:,<>\"()\\".contains(c)) {
            if let Some((user, domain)) = word.split_once('@')
                && !user.is_empty()
                && domain.contains('.')
            {
                leaks.push(format!("an e-mail address {word:?}"));
            }
        }
        for (i, _) in line.match_indices('+') {
            let digits = line[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || " -().".contains(*c))
                .filter(char::is_ascii_digit)
                .count();
            if digits >= 8 {
                leaks.push(format!("a phone number in {line:?}"));
            }
        }
    }
    leaks
}

async fn ics(store: &Store, feed: Feed) -> String {
    let clock = FixedClock(now());
    let calendar = store.calendar(feed).await.unwrap();
    unfolded(&calendar.to_ics(&clock).unwrap())
}

#[tokio::test]
async fn calendars_for_the_public_attendees_and_speakers_hold_no_email_phone_or_travel_amount() {
    let store = spawn_store().await;
    store
        .seed_demo(Scale::Small, date("2026-04-01"))
        .await
        .unwrap();
    let known = personal_data(&store).await;
    let count = |what: &str| known.iter().filter(|k| k.0 == what).count();
    assert!(count("e-mail") >= 10, "{known:?}");
    assert!(count("phone") >= 1, "{known:?}");
    assert!(count("travel amount") >= 20, "{known:?}");

    let summit = store.list_summits().await.unwrap()[0].id;
    // The organisers' calendar carries their debrief's contact details: the scan finds them.
    let organisers = ics(
        &store,
        Feed::Summit {
            summit_id: summit,
            audience: CalendarAudience::Organisers,
        },
    )
    .await;
    let found = leaks(&organisers, &known);
    assert!(
        found.iter().any(|l| l.contains("rosa@northwind.example"))
            && found.iter().any(|l| l.contains("phone number")),
        "{found:?}"
    );

    let mut feeds: Vec<Feed> = [
        CalendarAudience::Public,
        CalendarAudience::Attendees,
        CalendarAudience::Speakers,
    ]
    .into_iter()
    .map(|audience| Feed::Summit {
        summit_id: summit,
        audience,
    })
    .collect();
    feeds.push(Feed::Meetups);
    for speaker in store
        .list_speakers(&SpeakerFilter::default())
        .await
        .unwrap()
    {
        feeds.push(Feed::Speaker {
            speaker_id: speaker.id,
        });
    }
    for g in store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap()
    {
        if matches!(
            g.data.audience,
            Audience::Public | Audience::Attendees | Audience::Speakers
        ) {
            feeds.push(Feed::Gathering { gathering_id: g.id });
        }
    }
    assert!(feeds.len() > 50, "{}", feeds.len());
    for feed in feeds {
        let text = ics(&store, feed).await;
        assert!(text.contains("BEGIN:VEVENT"), "{feed:?}");
        assert_eq!(leaks(&text, &known), Vec::<String>::new(), "{feed:?}");
    }
}

#[tokio::test]
async fn the_travel_report_says_first_that_it_is_internal() {
    let store = spawn_store().await;
    store
        .seed_demo(Scale::Small, date("2026-04-01"))
        .await
        .unwrap();
    let summit = store.list_summits().await.unwrap()[0].id;
    let report = store.travel_report_csv(summit, now()).await.unwrap();
    let first = report.lines().next().unwrap();
    assert!(
        first.starts_with("INTERNAL - travel funding report for ")
            && first.contains("personal data for the organisers and the treasurer only"),
        "{first}"
    );
    // It is the one that does hold the amounts.
    let known = personal_data(&store).await;
    assert!(
        leaks(&report, &known)
            .iter()
            .any(|l| l.starts_with("travel amount")),
        "the report holds the travel amounts"
    );
}
