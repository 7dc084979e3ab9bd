//! Importing schedules and CSV files into a real database: the real 36C3 and 31C3 schedules, and
//! small hand-made files for Sessionize and the edge cases.

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use roadie_core::import::{
    ChangeAction, ColumnMap, CsvKind, CsvOptions, ImportProgress, ImportStage, ScheduleFormat,
    ScheduleOptions, ScheduleReport, parse_schedule,
};
use roadie_core::{GatheringFilter, GatheringKind, GatheringStatus, Schedule, SpeakerFilter};

use crate::helpers::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schedules")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schedule(name: &str) -> Schedule {
    parse_schedule(&fixture(name)).unwrap()
}

fn options(slug: &str, tz: Option<&str>) -> ScheduleOptions {
    ScheduleOptions {
        summit: slug.into(),
        tz: tz.map(Into::into),
        currency: None,
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

async fn import(store: &TestStore, file: &str, slug: &str, tz: Option<&str>) -> ScheduleReport {
    store
        .import_schedule(&schedule(file), &options(slug, tz), &|_| {})
        .await
        .unwrap_or_else(|e| panic!("importing {file}: {e}"))
}

async fn preview(store: &TestStore, file: &str, slug: &str, tz: Option<&str>) -> ScheduleReport {
    store
        .preview_schedule(&schedule(file), &options(slug, tz), &|_| {})
        .await
        .unwrap_or_else(|e| panic!("previewing {file}: {e}"))
}

/// Every row of every table an import touches, as one text, to show nothing moved.
async fn snapshot(store: &TestStore) -> String {
    let mut all = String::new();
    for table in roadie_core::store::TABLES {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(table)
                .fetch_all(store.pool())
                .await
                .unwrap();
        let rows: String = sqlx::query_scalar(&format!(
            "SELECT coalesce(json_group_array(json_array({cols})), '') FROM (SELECT * FROM {table} ORDER BY 1, 2)",
            cols = columns.join(", ")
        ))
        .fetch_one(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{table}: {e}"));
        all.push_str(table);
        all.push_str(&rows);
        all.push('\n');
    }
    all
}

#[tokio::test]
async fn the_36c3_schedule_imports_into_a_new_summit_and_a_second_import_changes_nothing() {
    let store = spawn_store().await;
    let empty = snapshot(&store).await;
    let plan = preview(
        &store,
        "36c3-everything.schedule.json",
        "36c3",
        Some("Europe/Berlin"),
    )
    .await;
    assert!(!plan.applied);
    assert_eq!(plan.format, ScheduleFormat::FrabJson);
    assert!(plan.summit.created);
    assert_eq!(plan.summit.id, None);
    assert_eq!(plan.summit.name, "36th Chaos Communication Congress");
    assert_eq!(
        (plan.summit.start_date, plan.summit.end_date),
        (date("2019-12-27"), date("2019-12-30"))
    );
    assert_eq!(plan.summit.tz, berlin());
    assert_eq!(plan.summit.currency, cur("EUR"));
    assert_eq!(plan.sessions.added, 1350);
    assert!(plan.speakers.added > 300, "{:?}", plan.speakers);
    assert_eq!(plan.changes.len(), 1350);
    assert_eq!(snapshot(&store).await, empty, "a preview writes nothing");

    let done = import(
        &store,
        "36c3-everything.schedule.json",
        "36c3",
        Some("Europe/Berlin"),
    )
    .await;
    assert!(done.applied);
    assert_eq!(
        (done.sessions, done.speakers),
        (plan.sessions, plan.speakers)
    );
    assert_eq!(done.added, plan.sessions.added + plan.speakers.added);
    let summit = store.summit_by_slug("36c3").await.unwrap();
    assert_eq!(done.summit.id, Some(summit.id));
    let filter = GatheringFilter {
        summit_id: Some(summit.id),
        ..GatheringFilter::default()
    };
    let sessions = store.list_gatherings(&filter).await.unwrap();
    assert_eq!(sessions.len(), 1350);
    assert!(
        sessions
            .iter()
            .all(|g| g.data.kind == GatheringKind::Session && g.sequence == 0)
    );
    let opening = sessions
        .iter()
        .find(|g| g.data.title == "Opening Ceremony")
        .unwrap();
    assert_eq!(opening.data.start, utc("2019-12-27T10:00:00Z"));
    assert_eq!(opening.data.end, utc("2019-12-27T10:30:00Z"));
    assert_eq!(opening.data.room.as_deref(), Some("Ada"));
    assert_eq!(opening.data.track.as_deref(), Some("CCC"));
    assert_eq!(opening.data.description.as_deref(), Some("Welcome!"));
    let speakers = store
        .list_speakers(&SpeakerFilter {
            summit_id: Some(summit.id),
            search: None,
        })
        .await
        .unwrap();
    assert_eq!(speakers.len() as u32, done.speakers.added);
    // bleeptrack is listed under two ids: one speaker, on every talk of either.
    let bleeptrack: Vec<_> = speakers
        .iter()
        .filter(|s| s.data.name == "bleeptrack")
        .collect();
    assert_eq!(bleeptrack.len(), 1);
    assert!(bleeptrack[0].talk_ids.contains(&opening.id));
    assert!(bleeptrack[0].talk_ids.len() > 1);
    let (kind, lang): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT session_type, language FROM imported_sessions WHERE gathering_id = ?",
    )
    .bind(opening.id)
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(
        (kind.as_deref(), lang.as_deref()),
        (Some("lecture"), Some("de"))
    );

    let before = snapshot(&store).await;
    let again = import(
        &store,
        "36c3-everything.schedule.json",
        "36c3",
        Some("Europe/Berlin"),
    )
    .await;
    assert!(!again.summit.created);
    assert_eq!((again.added, again.changed, again.cancelled), (0, 0, 0));
    assert_eq!(again.sessions.unchanged, 1350);
    assert_eq!(again.speakers.unchanged, done.speakers.added);
    assert!(again.changes.is_empty());
    assert_eq!(
        snapshot(&store).await,
        before,
        "a second import changes nothing"
    );
}

#[tokio::test]
async fn the_31c3_xml_goes_into_an_existing_summit_in_its_zone() {
    let store = spawn_store().await;
    let summit = store.new_summit("31c3").await;
    let done = import(&store, "31c3.schedule.xml", "31c3", None).await;
    assert_eq!(done.format, ScheduleFormat::FrabXml);
    assert_eq!(done.summit.id, Some(summit.id));
    assert!(!done.summit.created);
    assert_eq!(
        done.summit.name, summit.data.name,
        "an existing summit is left as it is"
    );
    assert_eq!(done.sessions.added, 138);
    assert!(done.warnings.is_empty(), "{:?}", done.warnings);
    let filter = GatheringFilter {
        summit_id: Some(summit.id),
        ..GatheringFilter::default()
    };
    let sessions = store.list_gatherings(&filter).await.unwrap();
    assert_eq!(sessions.len(), 138);
    assert!(sessions.iter().all(|g| g.data.tz == berlin()));
    let before = snapshot(&store).await;
    let again = import(&store, "31c3.schedule.xml", "31c3", None).await;
    assert_eq!((again.added, again.changed, again.cancelled), (0, 0, 0));
    assert_eq!(again.sessions.unchanged, 138);
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_moved_talk_is_updated_in_place_and_a_removed_one_cancelled_never_deleted() {
    let store = spawn_store().await;
    // Ada is already known (with her e-mail): the import merges, not duplicates, her.
    let ada = store
        .add_speaker(&roadie_core::SpeakerData {
            email: Some("ada@example.org".into()),
            ..speaker_data("Ada Lovelace")
        })
        .await
        .unwrap();
    let first = import(&store, "tiny.c3voc.json", "tinyconf", None).await;
    assert_eq!(first.summit.tz, berlin(), "the zone the file names");
    assert_eq!(first.summit.name, "TinyConf 2026");
    assert_eq!(first.sessions.added, 4);
    assert_eq!((first.speakers.added, first.speakers.unchanged), (2, 1));
    assert_eq!(store.count("speakers").await, 3);
    let ada = store.speaker(ada.id).await.unwrap();
    assert_eq!(ada.data.email.as_deref(), Some("ada@example.org"));
    assert_eq!(ada.talk_ids.len(), 2);

    let summit = store.summit_by_slug("tinyconf").await.unwrap();
    let filter = GatheringFilter {
        summit_id: Some(summit.id),
        ..GatheringFilter::default()
    };
    let find = |list: &[roadie_core::Gathering], title: &str| {
        list.iter().find(|g| g.data.title == title).unwrap().clone()
    };
    let list = store.list_gatherings(&filter).await.unwrap();
    let compilers = find(&list, "Compilers for everyone");
    // An organiser's own detail, which the import leaves alone.
    let mut edited = compilers.data.clone();
    edited.capacity = Some(80);
    store.update_gathering(compilers.id, &edited).await.unwrap();

    let plan = preview(&store, "tiny-moved.c3voc.json", "tinyconf", None).await;
    assert_eq!(
        (
            plan.sessions.added,
            plan.sessions.changed,
            plan.sessions.cancelled,
            plan.sessions.unchanged
        ),
        (0, 1, 1, 2)
    );
    let changed = plan
        .changes
        .iter()
        .find(|c| c.action == ChangeAction::Changed)
        .unwrap();
    assert_eq!(changed.gathering_id, Some(compilers.id));
    assert_eq!(changed.fields, ["start", "end", "room", "speakers"]);
    assert_eq!(changed.start_local, "2026-05-02T15:00");
    assert_eq!(changed.room.as_deref(), Some("Hall A"));
    let cancelled = plan
        .changes
        .iter()
        .find(|c| c.action == ChangeAction::Cancelled)
        .unwrap();
    assert_eq!(cancelled.title, "Closing");
    // Grace is renamed, Knuth is new, Dijkstra stays a speaker.
    assert_eq!((plan.speakers.added, plan.speakers.changed), (1, 1));

    let done = import(&store, "tiny-moved.c3voc.json", "tinyconf", None).await;
    assert_eq!(
        (done.sessions, done.speakers),
        (plan.sessions, plan.speakers)
    );
    let list = store.list_gatherings(&filter).await.unwrap();
    assert_eq!(list.len(), 4, "nothing is deleted");
    let moved = find(&list, "Compilers for everyone");
    assert_eq!(moved.id, compilers.id, "updated in place");
    assert_eq!(moved.uid, compilers.uid);
    assert_eq!(moved.sequence, 1);
    assert_eq!(moved.data.start, utc("2026-05-02T13:00:00Z"));
    assert_eq!(moved.data.end, utc("2026-05-02T14:30:00Z"));
    assert_eq!(moved.data.room.as_deref(), Some("Hall A"));
    assert_eq!(moved.data.capacity, Some(80));
    let closing = find(&list, "Closing");
    assert_eq!(closing.data.status, GatheringStatus::Cancelled);
    assert_eq!(closing.sequence, 1);
    assert_eq!(find(&list, "Opening").sequence, 0);
    let speakers = store
        .list_speakers(&SpeakerFilter::default())
        .await
        .unwrap();
    let names: Vec<&str> = speakers.iter().map(|s| s.data.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ada Lovelace",
            "Donald Knuth",
            "Edsger Dijkstra",
            "Grace Brewster Hopper"
        ]
    );
    let by_name = |n: &str| speakers.iter().find(|s| s.data.name == n).unwrap();
    assert!(by_name("Donald Knuth").talk_ids.contains(&moved.id));
    assert!(by_name("Edsger Dijkstra").talk_ids.is_empty());
    assert!(
        by_name("Grace Brewster Hopper")
            .talk_ids
            .contains(&moved.id)
    );

    // Once more: nothing; then the first file again: the talk moves back, the closing returns.
    let before = snapshot(&store).await;
    let again = import(&store, "tiny-moved.c3voc.json", "tinyconf", None).await;
    assert_eq!((again.added, again.changed, again.cancelled), (0, 0, 0));
    assert_eq!(snapshot(&store).await, before);
    let back = import(&store, "tiny.c3voc.json", "tinyconf", None).await;
    assert_eq!((back.sessions.changed, back.sessions.cancelled), (2, 0));
    let list = store.list_gatherings(&filter).await.unwrap();
    let closing = find(&list, "Closing");
    assert_eq!(
        (closing.data.status, closing.sequence),
        (GatheringStatus::Confirmed, 2)
    );
    assert_eq!(find(&list, "Compilers for everyone").sequence, 2);
}

#[tokio::test]
async fn a_talk_crossing_midnight_ends_the_next_day() {
    let store = spawn_store().await;
    import(&store, "tiny.c3voc.json", "tinyconf", None).await;
    let list = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    let late = list
        .iter()
        .find(|g| g.data.title == "Midnight hacking")
        .unwrap();
    assert_eq!(late.data.start, utc("2026-05-01T21:30:00Z"));
    assert_eq!(late.data.end, utc("2026-05-01T22:30:00Z"));
    let view = roadie_core::GatheringView::from(late.clone());
    assert_eq!(
        (view.start_local.as_str(), view.end_local.as_str()),
        ("2026-05-01T23:30", "2026-05-02T00:30")
    );
}

#[tokio::test]
async fn a_day_starting_before_three_keeps_its_early_talks_on_its_date() {
    let store = spawn_store().await;
    let done = import(
        &store,
        "pentabarf-local.xml",
        "nightowl",
        Some("Europe/Berlin"),
    )
    .await;
    assert_eq!(done.summit.name, "Night Owl Camp");
    let list = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    let local = |title: &str| {
        let g = list.iter().find(|g| g.data.title == title).unwrap();
        roadie_core::GatheringView::from(g.clone()).start_local
    };
    assert_eq!(local("Stargazing at half past two"), "2026-08-14T02:30");
    assert_eq!(local("Late lounge"), "2026-08-14T23:45");
    assert_eq!(local("One o'clock & after"), "2026-08-15T01:00");
    assert_eq!(local("Breakfast talk"), "2026-08-15T10:00");
}

#[tokio::test]
async fn zones_named_asked_for_inferred_or_missing() {
    let store = spawn_store().await;
    // No zone in the file and none asked for: the offset's Etc zone, with a warning.
    let plan = preview(&store, "old-frab.json", "oldfrab", None).await;
    assert_eq!(plan.summit.tz, zone("Etc/GMT-1"));
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("names no time zone")),
        "{:?}",
        plan.warnings
    );
    // Asked for, and the offsets agree: no warning; wall-clock times read in it.
    let plan = preview(&store, "old-frab.json", "oldfrab", Some("Europe/Berlin")).await;
    assert_eq!(plan.summit.tz, berlin());
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    let late = plan
        .changes
        .iter()
        .find(|c| c.key.ends_with("5002"))
        .unwrap();
    assert_eq!(late.start_local, "2013-12-28T01:30");
    // A zone whose offsets disagree with the file's: the times stay as written, with a warning.
    let plan = preview(&store, "old-frab.json", "oldfrab", Some("America/New_York")).await;
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("America/New_York is -05:00")),
        "{:?}",
        plan.warnings
    );
    let keynote = plan.changes.iter().find(|c| c.title == "Keynote").unwrap();
    assert_eq!(keynote.start_local, "2013-12-27T05:00");

    // Sessionize gives wall-clock times only: a new summit needs a zone.
    let e = store
        .preview_schedule(
            &schedule("sessionize-all.json"),
            &options("rustconf", None),
            &|_| {},
        )
        .await;
    assert_invalid(e, "tz", "without a time zone");
    assert_eq!(store.count("summits").await, 0);
    let done = import(
        &store,
        "sessionize-all.json",
        "rustconf",
        Some("America/Denver"),
    )
    .await;
    assert_eq!(
        done.summit.name, "rustconf",
        "Sessionize names no conference"
    );
    // Without conference dates, the summit spans the days its sessions start on.
    assert_eq!(
        (done.summit.start_date, done.summit.end_date),
        (date("2026-09-09"), date("2026-09-09"))
    );
    assert_eq!(done.sessions.added, 3);
    assert_eq!(done.speakers.added, 2);
    let list = store
        .list_gatherings(&GatheringFilter::default())
        .await
        .unwrap();
    let rust = list
        .iter()
        .find(|g| g.data.title == "Rust in production")
        .unwrap();
    assert_eq!(rust.data.start, utc("2026-09-09T15:00:00Z"));
    assert_eq!(rust.data.room.as_deref(), Some("Main Hall"));
    assert_eq!(rust.data.track.as_deref(), Some("Systems"));
    // Into the existing summit, the summit's zone serves.
    let again = import(&store, "sessionize-all.json", "rustconf", None).await;
    assert_eq!((again.added, again.changed, again.cancelled), (0, 0, 0));
}

#[tokio::test]
async fn a_bad_schedule_writes_nothing() {
    let store = spawn_store().await;
    let long_title = "x".repeat(600);
    let json = format!(
        r#"{{"schedule": {{"conference": {{"title": "T", "time_zone_name": "Europe/Berlin", "days": [{{"rooms": {{"A": [
            {{"guid": "g1", "title": "fine", "date": "2026-05-01T10:00:00+02:00", "duration": "1:00"}},
            {{"guid": "g2", "title": "{long_title}", "date": "2026-05-01T11:00:00+02:00", "duration": "1:00"}}]}}}}]}}}}}}"#
    );
    let s = parse_schedule(json.as_bytes()).unwrap();
    let e = store
        .import_schedule(&s, &options("t", None), &|_| {})
        .await;
    assert_invalid(
        e,
        "schedule.conference.days[0].rooms.A[1]",
        "title: is 600 characters long",
    );
    // A zone the file names that does not exist.
    let json = json
        .replace("Europe/Berlin", "Mars/Olympus")
        .replace(&long_title, "ok");
    let s = parse_schedule(json.as_bytes()).unwrap();
    let e = store
        .import_schedule(&s, &options("t", None), &|_| {})
        .await;
    assert_invalid(
        e,
        "schedule.conference.time_zone_name",
        "unknown time zone \"Mars/Olympus\"",
    );
    // A wall-clock time the clocks skip.
    let gap = String::from_utf8(fixture("sessionize-all.json"))
        .unwrap()
        .replace("2026-09-09T09:00:00", "2026-03-29T02:30:00");
    let s = parse_schedule(gap.as_bytes()).unwrap();
    let e = store
        .import_schedule(&s, &options("t", Some("Europe/Berlin")), &|_| {})
        .await;
    assert_invalid(
        e,
        "sessions[0]",
        "start: 2026-03-29 02:30 does not exist in Europe/Berlin",
    );
    assert_invalid(
        store
            .import_schedule(&s, &options("Not A Slug", None), &|_| {})
            .await,
        "summit",
        "is not a slug",
    );
    for table in roadie_core::store::TABLES {
        assert_eq!(store.count(table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn progress_goes_through_every_stage() {
    let store = spawn_store().await;
    let seen = Mutex::new(Vec::<ImportProgress>::new());
    let record = |p: ImportProgress| seen.lock().unwrap().push(p);
    store
        .import_schedule(
            &schedule("31c3.schedule.xml"),
            &options("31c3", Some("Europe/Berlin")),
            &record,
        )
        .await
        .unwrap();
    let seen = seen.into_inner().unwrap();
    let stages: Vec<ImportStage> = seen.iter().map(|p| p.stage).collect();
    assert_eq!(stages.first(), Some(&ImportStage::Comparing));
    assert_eq!(stages.last(), Some(&ImportStage::Done));
    let writing: Vec<&ImportProgress> = seen
        .iter()
        .filter(|p| p.stage == ImportStage::Writing)
        .collect();
    assert!(writing.len() >= 2);
    assert!(writing.windows(2).all(|w| w[0].done <= w[1].done));
    let last = writing.last().unwrap();
    assert_eq!(last.done, last.total);
}

fn csv_options(kind: CsvKind, summit: Option<&str>, columns: &[(&str, &str)]) -> CsvOptions {
    CsvOptions {
        kind,
        summit: summit.map(Into::into),
        columns: columns
            .iter()
            .map(|(field, column)| ColumnMap {
                field: (*field).into(),
                column: (*column).into(),
            })
            .collect(),
    }
}

const SPEAKERS_CSV: &str = "\
Full Name,E-mail,Company,Country,First time?,Shoe size
Ada Lovelace,ada@example.org,Analytical Engines,GB,yes,38
Grace Hopper,grace@example.org,US Navy,US,,40
\"Dijkstra, Edsger\",,TU Eindhoven,NL,no,44
";

#[tokio::test]
async fn speakers_from_csv_merge_with_those_stored() {
    let store = spawn_store().await;
    store
        .add_speaker(&speaker_data("Grace Hopper"))
        .await
        .unwrap();
    let options = csv_options(CsvKind::Speakers, None, &[("first_time", "First time?")]);
    let now = utc("2026-04-01T12:00:00Z");
    let plan = store
        .preview_csv(SPEAKERS_CSV.as_bytes(), &options, now)
        .await
        .unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    assert_eq!(
        (plan.rows, plan.added, plan.changed, plan.unchanged),
        (3, 2, 1, 0)
    );
    assert_eq!(plan.ignored_columns, ["Shoe size"]);
    assert_eq!(store.count("speakers").await, 1, "a preview writes nothing");
    let done = store
        .import_csv(SPEAKERS_CSV.as_bytes(), &options, now)
        .await
        .unwrap();
    assert!(done.applied);
    let speakers = store
        .list_speakers(&SpeakerFilter::default())
        .await
        .unwrap();
    assert_eq!(speakers.len(), 3);
    let ada = speakers
        .iter()
        .find(|s| s.data.name == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada.data.organisation.as_deref(), Some("Analytical Engines"));
    assert!(ada.data.first_time);
    let grace = speakers
        .iter()
        .find(|s| s.data.name == "Grace Hopper")
        .unwrap();
    assert_eq!(grace.data.email.as_deref(), Some("grace@example.org"));
    assert!(speakers.iter().any(|s| s.data.name == "Dijkstra, Edsger"));
    let again = store
        .import_csv(SPEAKERS_CSV.as_bytes(), &options, now)
        .await
        .unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 3));
}

#[tokio::test]
async fn every_bad_csv_row_is_reported_with_its_line_and_nothing_is_written() {
    let store = spawn_store().await;
    let bad = "\
name;email;country
Ada Lovelace;ada@example.org;GB
Grace Hopper;grace-at-example;US
;nobody@example.org;DE
Edsger Dijkstra;edsger@example.org;Netherlands
Ada Lovelace;ada@example.org;GB
\"Unclosed;x@example.org
";
    let options = csv_options(CsvKind::Speakers, None, &[]);
    let now = utc("2026-04-01T12:00:00Z");
    let report = store
        .import_csv(bad.as_bytes(), &options, now)
        .await
        .unwrap();
    assert!(!report.applied);
    let problems: Vec<(u32, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, Some("email")),
            (4, Some("name")),
            (5, Some("country")),
            (6, None),
            (7, None)
        ],
        "{:#?}",
        report.problems
    );
    assert!(report.problems[3].message.contains("already on line 2"));
    assert_eq!(store.count("speakers").await, 0, "all or nothing");

    // A mapping to a column the file does not have, or no column for a required field: a problem
    // on the header's line, and no row is read. A field that does not exist is an error.
    let report = store
        .preview_csv(
            bad.as_bytes(),
            &csv_options(CsvKind::Speakers, None, &[("email", "Mail")]),
            now,
        )
        .await
        .unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(
        (report.problems[0].line, report.problems[0].field.as_deref()),
        (1, Some("map"))
    );
    assert!(
        report.problems[0]
            .message
            .contains("no column \"Mail\" for email")
    );
    assert_eq!(report.headers, ["name", "email", "country"]);
    let e = store
        .preview_csv(
            bad.as_bytes(),
            &csv_options(CsvKind::Speakers, None, &[("shoe", "name")]),
            now,
        )
        .await;
    assert_invalid(e, "map", "unknown field \"shoe\"");
    let report = store
        .preview_csv(b"email\nx@example.org\n", &options, now)
        .await
        .unwrap();
    assert!(
        report.problems[0].message.starts_with("no column for name"),
        "{:?}",
        report.problems
    );
    let e = store.preview_csv(b"", &options, now).await;
    assert_invalid(e, "file", "empty");
}

const TRAVEL_CSV: &str = "\
Timestamp,Your name,Email Address,Currency,Travelling from,Airfare,Hotel,Nights,Departure,Return
2026-03-01 10:15:00,Ada Lovelace,ada@example.org,GBP,London,250.00,400,4,2026-06-09,2026-06-13
2026-03-02T08:00:00Z,Alan Turing,alan@example.org,GBP,Manchester,180,,,2026-06-10,2026-06-12
";

#[tokio::test]
async fn travel_applications_from_csv() {
    let store = spawn_store().await;
    let summit = store.new_summit("berlin-2026").await;
    let ada = store
        .add_speaker(&roadie_core::SpeakerData {
            email: Some("ada@example.org".into()),
            ..speaker_data("Ada Lovelace")
        })
        .await
        .unwrap();
    let options = csv_options(
        CsvKind::Travel,
        Some("berlin-2026"),
        &[("name", "Your name")],
    );
    let now = utc("2026-04-01T12:00:00Z");
    let done = store
        .import_csv(TRAVEL_CSV.as_bytes(), &options, now)
        .await
        .unwrap();
    assert!(done.applied, "{:?}", done.problems);
    assert_eq!((done.added, done.speakers_added), (2, 1));
    let requests = store
        .list_travel_requests(&roadie_core::TravelFilter {
            summit_id: Some(summit.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(requests.len(), 2);
    let ada_request = requests
        .iter()
        .find(|r| r.data.speaker_id == ada.id)
        .unwrap();
    assert_eq!(
        ada_request.data.total_requested(),
        Some(money("650.00 GBP"))
    );
    assert_eq!(ada_request.data.lodging_nights, Some(4));
    assert_eq!(ada_request.data.origin_city.as_deref(), Some("London"));
    // A local timestamp is read in the summit's zone.
    assert_eq!(ada_request.submitted_at, utc("2026-03-01T09:15:00Z"));
    let turing = requests
        .iter()
        .find(|r| r.data.speaker_id != ada.id)
        .unwrap();
    assert_eq!(turing.submitted_at, utc("2026-03-02T08:00:00Z"));
    assert_eq!(
        store
            .speaker(turing.data.speaker_id)
            .await
            .unwrap()
            .data
            .name,
        "Alan Turing"
    );
    // The same export again: both already applied.
    let again = store
        .import_csv(TRAVEL_CSV.as_bytes(), &options, now)
        .await
        .unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
    assert_eq!(store.count("travel_requests").await, 2);

    let bad = format!(
        "{TRAVEL_CSV}2026-03-03 09:00,Grace Hopper,grace@example.org,USD,Arlington,lots,,,2026-06-12,2026-06-09\n"
    );
    let report = store
        .import_csv(bad.as_bytes(), &options, now)
        .await
        .unwrap();
    assert!(!report.applied);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(
        (report.problems[0].line, report.problems[0].field.as_deref()),
        (4, Some("airfare"))
    );
    assert_eq!(
        store.count("speakers").await,
        2,
        "Grace was not added: all or nothing"
    );
    assert_invalid(
        store
            .preview_csv(
                TRAVEL_CSV.as_bytes(),
                &csv_options(CsvKind::Travel, None, &[("name", "Your name")]),
                now,
            )
            .await,
        "summit",
        "need the summit",
    );
}
