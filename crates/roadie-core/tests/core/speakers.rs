use roadie_core::{Error, GatheringKind, Speaker, SpeakerData, SpeakerFilter};

use crate::helpers::*;

fn speaker_ids(list: &[Speaker]) -> Vec<i64> {
    ids(list, |s| s.id)
}

#[tokio::test]
async fn a_created_speaker_reads_back_cleaned_up() {
    let store = &spawn_store().await;
    let data = SpeakerData {
        name: "  Ada Lovelace ".into(),
        email: Some(" ada@example.org ".into()),
        organisation: Some("".into()),
        home_city: Some(" London ".into()),
        country: Some("gb".into()),
        first_time: true,
    };
    let created = store.add_speaker(&data).await.unwrap();
    assert_eq!(
        created.data,
        SpeakerData {
            name: "Ada Lovelace".into(),
            email: Some("ada@example.org".into()),
            organisation: None,
            home_city: Some("London".into()),
            country: Some("GB".into()),
            first_time: true,
        }
    );
    assert!(created.talk_ids.is_empty());
    assert_eq!(store.speaker(created.id).await.unwrap(), created);
}

#[tokio::test]
async fn an_updated_speaker_shows_the_change_and_keeps_talks() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let talk = store
        .add_gathering(&session(summit.id, "Talk", "2026-06-10 10:00"))
        .await
        .unwrap();
    let speaker = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    store.link_talk(speaker.id, talk.id).await.unwrap();
    let data = SpeakerData {
        name: "Ada King".into(),
        email: Some("ada@example.org".into()),
        organisation: Some("Analytical Engines".into()),
        country: Some("de".into()),
        ..speaker.data.clone()
    };
    let updated = store.update_speaker(speaker.id, &data).await.unwrap();
    assert_eq!(updated.data.name, "Ada King");
    assert_eq!(updated.data.country.as_deref(), Some("DE"));
    assert_eq!(updated.talk_ids, vec![talk.id]);
    assert_eq!(store.speaker(speaker.id).await.unwrap(), updated);
    assert!(matches!(
        store.update_speaker(999, &data).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.speaker(999).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn talks_link_sessions_only_once() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let a = store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let b = store
        .add_gathering(&session(summit.id, "B", "2026-06-10 11:00"))
        .await
        .unwrap();
    let party = store
        .add_gathering(&gathering_data(
            Some(summit.id),
            GatheringKind::Social,
            "Party",
            "2026-06-10 19:00",
            120,
        ))
        .await
        .unwrap();
    let speaker = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    store.link_talk(speaker.id, b.id).await.unwrap();
    store.link_talk(speaker.id, a.id).await.unwrap();
    let mut talks = store.speaker(speaker.id).await.unwrap().talk_ids;
    talks.sort_unstable();
    assert_eq!(talks, vec![a.id, b.id]);

    assert_invalid(
        store.link_talk(speaker.id, a.id).await,
        "talk",
        "the speaker already gives this talk",
    );
    assert_invalid(
        store.link_talk(speaker.id, party.id).await,
        "talk",
        "is a social, not a session",
    );
    assert_invalid(
        store.link_talk(speaker.id, 999).await,
        "talk",
        "no gathering with id 999",
    );
    assert_invalid(
        store.link_talk(999, a.id).await,
        "speaker",
        "no such speaker",
    );
    assert_eq!(store.count("speaker_talks").await, 2);
}

#[tokio::test]
async fn speakers_are_listed_by_name_with_filters() {
    let store = &spawn_store().await;
    let summit = store.new_summit("s").await;
    let other = store.new_summit("other").await;
    let here = store
        .add_gathering(&session(summit.id, "Here", "2026-06-10 10:00"))
        .await
        .unwrap();
    let there = store
        .add_gathering(&session(other.id, "There", "2026-06-10 10:00"))
        .await
        .unwrap();
    let add = |name: &str, org: Option<&str>| {
        let data = SpeakerData {
            organisation: org.map(str::to_owned),
            ..speaker_data(name)
        };
        async move { store.add_speaker(&data).await.unwrap().id }
    };
    let zoe = add("Zoë Adeyemi", Some("Igalia")).await;
    let ada = add("Ada Lovelace", Some("Ferrous Systems")).await;
    let emile = add("Émile Borel", None).await;
    let linus = add("Linus", Some("The Rust Foundation")).await;
    store.link_talk(zoe, here.id).await.unwrap();
    store.link_talk(ada, here.id).await.unwrap();
    store.link_talk(ada, there.id).await.unwrap();
    store.link_talk(linus, there.id).await.unwrap();

    let list = |filter: SpeakerFilter| async move {
        speaker_ids(&store.list_speakers(&filter).await.unwrap())
    };
    assert_eq!(
        list(SpeakerFilter::default()).await,
        vec![ada, linus, zoe, emile]
    );
    assert_eq!(
        list(SpeakerFilter {
            summit_id: Some(summit.id),
            search: None
        })
        .await,
        vec![ada, zoe]
    );
    assert_eq!(
        list(SpeakerFilter {
            summit_id: Some(other.id),
            search: None
        })
        .await,
        vec![ada, linus]
    );
    assert_eq!(
        list(SpeakerFilter {
            summit_id: Some(999),
            search: None
        })
        .await,
        Vec::<i64>::new()
    );
    let search = |text: &str| SpeakerFilter {
        summit_id: None,
        search: Some(text.into()),
    };
    // Name or organisation, case-insensitive.
    assert_eq!(list(search("LOVE")).await, vec![ada]);
    assert_eq!(list(search("rust")).await, vec![linus]);
    assert_eq!(list(search("systems")).await, vec![ada]);
    assert_eq!(list(search("  ")).await, vec![ada, linus, zoe, emile]);
    assert_eq!(list(search("nobody")).await, Vec::<i64>::new());
    // Beyond ASCII too.
    assert_eq!(list(search("ZOË")).await, vec![zoe]);
    assert_eq!(list(search("émile")).await, vec![emile]);
    assert_eq!(list(search("ÉMILE")).await, vec![emile]);
    // Both filters narrow.
    assert_eq!(
        list(SpeakerFilter {
            summit_id: Some(other.id),
            search: Some("ADA".into())
        })
        .await,
        vec![ada]
    );
}

#[tokio::test]
async fn an_empty_name_is_refused() {
    let store = &spawn_store().await;
    assert_invalid(
        store.add_speaker(&speaker_data("  ")).await,
        "name",
        "must not be empty",
    );
    assert_eq!(store.count("speakers").await, 0);
}

#[tokio::test]
async fn a_bad_email_is_refused() {
    let store = &spawn_store().await;
    for bad in [
        "ada",
        "ada@",
        "@example.org",
        "ada@localhost",
        "a da@example.org",
    ] {
        let data = SpeakerData {
            email: Some(bad.into()),
            ..speaker_data("Ada")
        };
        let (field, message) = invalid(store.add_speaker(&data).await);
        assert_eq!(field, "email");
        assert_eq!(
            message,
            format!("{:?} is not an e-mail address", bad.trim())
        );
    }
    assert_eq!(store.count("speakers").await, 0);
    let speaker = store.add_speaker(&speaker_data("Ada")).await.unwrap();
    let bad = SpeakerData {
        email: Some("nope".into()),
        ..speaker.data.clone()
    };
    assert_invalid(
        store.update_speaker(speaker.id, &bad).await,
        "email",
        "is not an e-mail address",
    );
    assert_eq!(store.speaker(speaker.id).await.unwrap(), speaker);
}

#[tokio::test]
async fn a_bad_country_is_refused() {
    let store = &spawn_store().await;
    for bad in ["DEU", "D", "D1", "Germany"] {
        let data = SpeakerData {
            country: Some(bad.into()),
            ..speaker_data("Ada")
        };
        let (field, message) = invalid(store.add_speaker(&data).await);
        assert_eq!(field, "country");
        assert_eq!(
            message,
            format!("{bad:?} is not a two-letter country code such as DE")
        );
    }
    assert_eq!(store.count("speakers").await, 0);
}
