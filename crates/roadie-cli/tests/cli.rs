//! The `roadie` command-line contract, run as users script it: real binary, real database file.
#![allow(clippy::unwrap_used)] // helpers outside #[test] functions; a failure here is a failed test

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("roadie.db")
    }

    fn roadie(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("roadie")
            .unwrap()
            .arg("--db")
            .arg(self.db())
            .args(args)
            .assert()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.roadie(args).success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn summit(&self) {
        self.roadie(&[
            "summit",
            "create",
            "--name",
            "RustConf 2026",
            "--slug",
            "rustconf-2026",
            "--tz",
            "America/Denver",
            "--start",
            "2026-09-08",
            "--end",
            "2026-09-11",
            "--currency",
            "USD",
            "--city",
            "Denver",
            "--budget",
            "50000 USD",
        ])
        .success()
        .stdout(predicate::str::contains("created summit rustconf-2026"));
    }
}

#[test]
fn summits_are_created_and_listed_as_json() {
    let env = Env::new();
    env.summit();
    let list = env.json(&["summit", "list", "--json"]);
    let summits = list.as_array().unwrap();
    assert_eq!(summits.len(), 1);
    let s = &summits[0];
    assert!(s["id"].as_i64().unwrap() > 0);
    assert_eq!(s["slug"], "rustconf-2026");
    assert_eq!(s["name"], "RustConf 2026");
    assert_eq!(s["tz"], "America/Denver");
    assert_eq!(s["currency"], "USD");
    assert_eq!(s["start_date"], "2026-09-08");
    assert_eq!(s["budget"]["minor"], 5_000_000);
    env.roadie(&["summit", "list"])
        .success()
        .stdout(predicate::str::contains("50000.00 USD"));
}

#[test]
fn gatherings_are_added_in_the_summit_zone_and_listed() {
    let env = Env::new();
    env.summit();
    env.roadie(&[
        "gathering",
        "add",
        "--summit",
        "rustconf-2026",
        "--kind",
        "social",
        "--title",
        "Welcome party",
        "--start",
        "2026-09-08 19:00",
        "--end",
        "2026-09-08 23:00",
        "--venue",
        "Union Station",
        "--capacity",
        "300",
        "--audience",
        "public",
    ])
    .success();
    env.roadie(&[
        "gathering",
        "add",
        "--summit",
        "rustconf-2026",
        "--kind",
        "session",
        "--title",
        "Keynote",
        "--start",
        "2026-09-09 09:00",
        "--end",
        "2026-09-09 10:00",
        "--tz",
        "America/New_York",
    ])
    .success();
    let list = env.json(&["gathering", "list", "--summit", "rustconf-2026", "--json"]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 2);
    let party = &items[0];
    for key in [
        "id", "kind", "title", "start", "end", "tz", "audience", "status",
    ] {
        assert!(party.get(key).is_some(), "missing {key}");
    }
    assert_eq!(party["kind"], "social");
    assert_eq!(party["title"], "Welcome party");
    // 19:00 MDT is 01:00 UTC the next day.
    assert_eq!(party["start"], "2026-09-09T01:00:00Z");
    assert_eq!(party["end"], "2026-09-09T05:00:00Z");
    assert_eq!(party["tz"], "America/Denver");
    assert_eq!(party["audience"], "public");
    assert_eq!(party["status"], "confirmed");
    let keynote = &items[1];
    assert_eq!(keynote["start"], "2026-09-09T13:00:00Z");
    assert_eq!(keynote["tz"], "America/New_York");
    let socials = env.json(&[
        "gathering",
        "list",
        "--summit",
        "rustconf-2026",
        "--kind",
        "social",
        "--json",
    ]);
    assert_eq!(socials.as_array().unwrap().len(), 1);
    env.roadie(&["gathering", "list", "--summit", "rustconf-2026"])
        .success()
        .stdout(predicate::str::contains("2026-09-08 19:00–23:00"));
}

#[test]
fn cancelling_keeps_the_gathering_marked_cancelled() {
    let env = Env::new();
    env.summit();
    let added = env.json(&[
        "gathering",
        "add",
        "--summit",
        "rustconf-2026",
        "--kind",
        "social",
        "--title",
        "Board games",
        "--start",
        "2026-09-10 20:00",
        "--end",
        "2026-09-10 22:00",
        "--json",
    ]);
    let id = added["id"].as_i64().unwrap().to_string();
    env.roadie(&["gathering", "cancel", &id]).success();
    let list = env.json(&["gathering", "list", "--summit", "rustconf-2026", "--json"]);
    assert_eq!(list[0]["status"], "cancelled");
    assert_eq!(list[0]["sequence"], 1);
    assert_eq!(list[0]["uid"], added["uid"]);
    env.roadie(&["gathering", "cancel", "999"])
        .code(2)
        .stderr(predicate::str::contains("gathering 999 not found"));
}

#[test]
fn editing_changes_only_what_is_given_and_raises_the_sequence() {
    let env = Env::new();
    env.summit();
    let added = env.json(&[
        "gathering",
        "add",
        "--summit",
        "rustconf-2026",
        "--kind",
        "social",
        "--title",
        "Party",
        "--start",
        "2026-09-10 20:00",
        "--end",
        "2026-09-10 22:00",
        "--venue",
        "Union Station",
        "--url",
        "https://example.org/party",
        "--geo",
        "39.7530, -105.0001",
        "--json",
    ]);
    assert_eq!(added["url"], "https://example.org/party");
    assert_eq!(added["geo"]["longitude"], -105.0001);
    let id = added["id"].as_i64().unwrap().to_string();
    let edited = env.json(&[
        "gathering",
        "edit",
        &id,
        "--start",
        "2026-09-10 21:00",
        "--end",
        "2026-09-10 23:00",
        "--geo",
        "",
        "--json",
    ]);
    assert_eq!(edited["sequence"], 1);
    assert_eq!(
        edited["start"], "2026-09-11T03:00:00Z",
        "21:00 in Denver (UTC-6)"
    );
    assert_eq!(edited["geo"], Value::Null);
    assert_eq!(edited["venue"], "Union Station");
    assert_eq!(edited["url"], added["url"]);
    assert_eq!(edited["uid"], added["uid"]);
    fails_with(
        &env,
        &["gathering", "edit", &id, "--url", "party.html"],
        "url: ",
    );
    fails_with(
        &env,
        &["gathering", "edit", &id, "--geo", "95, 1"],
        "geo: latitude 95",
    );
    fails_with(
        &env,
        &["gathering", "edit", &id, "--end", "2026-09-10 20:00"],
        "end: ",
    );
    let list = env.json(&["gathering", "list", "--summit", "rustconf-2026", "--json"]);
    assert_eq!(list[0], edited, "a refused edit changes nothing");
}

fn publish_args<'a>(url: &'a str, user: &'a str) -> Vec<&'a str> {
    let mut args = vec![
        "publish",
        "caldav",
        "--summit",
        "rustconf-2026",
        "--audience",
        "public",
        "--url",
        url,
    ];
    if !user.is_empty() {
        args.extend(["--user", user]);
    }
    args
}

#[test]
fn publishing_refuses_bad_addresses_and_users_before_sending_anything() {
    let env = Env::new();
    env.summit();
    let publish = publish_args;
    fails_with(&env, &publish("http://dav.example.org/cal/", ""), "url: ");
    fails_with(
        &env,
        &publish("https://ada:pw@dav.example.org/cal/", ""),
        "does not belong",
    );
    fails_with(
        &env,
        &publish("https://dav.example.org/cal/", "a:b"),
        "user: ",
    );
    let mut everyone = publish("https://dav.example.org/cal/", "");
    everyone[5] = "everyone";
    fails_with(&env, &everyone, "audience: ");
    Command::cargo_bin("roadie")
        .unwrap()
        .arg("--db")
        .arg(env.db())
        .args(publish("https://dav.example.org/cal/", ""))
        .env("ROADIE_CALDAV_PASSWORD", "secret")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "user: ROADIE_CALDAV_PASSWORD is set",
        ));
}

fn fails_with(env: &Env, args: &[&str], message: &str) {
    let out = env.roadie(args).code(2).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains(message),
        "expected {message:?} in {stderr:?}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_field() {
    let env = Env::new();
    let summit = |tz: &str, start: &str, end: &str, budget: &str| {
        [
            "summit",
            "create",
            "--name",
            "X",
            "--slug",
            "x",
            "--tz",
            tz,
            "--start",
            start,
            "--end",
            end,
            "--currency",
            "EUR",
            "--budget",
            budget,
        ]
        .map(str::to_owned)
    };
    let run = |args: [String; 16], message: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_with(&env, &args, message);
    };
    run(
        summit("Mars/Olympus", "2026-01-01", "2026-01-02", "1 EUR"),
        "tz: unknown time zone \"Mars/Olympus\"",
    );
    run(
        summit("UTC", "2026-01-05", "2026-01-02", "1 EUR"),
        "end: 2026-01-02 is before the start date 2026-01-05",
    );
    run(
        summit("UTC", "2026-01-01", "2026-01-02", "12,5 XYZ"),
        "budget: unknown currency code \"XYZ\"",
    );
    run(
        summit("UTC", "2026-01-01", "2026-01-02", "12,5 EUR"),
        "budget: \"12,5\" is not an amount in EUR",
    );
    run(
        summit("UTC", "2026-01-01", "2026-01-32", "1 EUR"),
        "end: \"2026-01-32\" is not a date",
    );
    let listed = env.json(&["summit", "list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing was saved");

    env.summit();
    let gathering = |kind: &str, start: &str, end: &str, extra: &[&str]| {
        let mut args = vec![
            "gathering",
            "add",
            "--summit",
            "rustconf-2026",
            "--kind",
            kind,
            "--title",
            "Party",
            "--start",
            start,
            "--end",
            end,
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let run = |args: Vec<String>, message: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_with(&env, &args, message);
    };
    run(
        gathering("social", "2026-09-08 19:00", "2026-09-08 18:00", &[]),
        "end: 2026-09-08 18:00 is not after the start",
    );
    run(
        gathering("party", "2026-09-08 19:00", "2026-09-08 20:00", &[]),
        "kind: unknown kind \"party\"",
    );
    run(
        gathering(
            "social",
            "2026-09-08 19:00",
            "2026-09-08 20:00",
            &["--tz", "Nowhere/Else"],
        ),
        "tz: unknown time zone",
    );
    run(
        gathering(
            "social",
            "2026-09-08 19:00",
            "2026-09-08 20:00",
            &["--capacity", "-5"],
        ),
        "capacity: must not be negative",
    );
    run(
        gathering(
            "social",
            "2026-09-08 19:00",
            "2026-09-08 20:00",
            &["--audience", "everyone"],
        ),
        "audience: unknown audience",
    );
    run(
        gathering("social", "next friday", "2026-09-08 20:00", &[]),
        "start: \"next friday\" is not a date and time",
    );
    run(
        gathering("social", "2026-03-08 02:30", "2026-03-08 04:00", &[]),
        "start: 2026-03-08 02:30 does not exist in America/Denver",
    );
    fails_with(
        &env,
        &["gathering", "list", "--summit", "nope"],
        "summit: no summit with slug \"nope\"",
    );
    let listed = env.json(&["gathering", "list", "--summit", "rustconf-2026", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing was saved");
}

#[test]
fn usage_errors_exit_2_and_system_errors_exit_1() {
    let env = Env::new();
    env.roadie(&["summit", "create", "--name", "X"]).code(2);
    env.roadie(&["gathering", "cancel", "abc"]).code(2);
    Command::cargo_bin("roadie")
        .unwrap()
        .args([
            "--db",
            "/proc/roadie-cannot-live-here/roadie.db",
            "summit",
            "list",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("roadie: "));
}

#[test]
fn the_database_comes_from_roadie_db_too() {
    let env = Env::new();
    env.summit();
    let out = Command::cargo_bin("roadie")
        .unwrap()
        .env("ROADIE_DB", env.db())
        .args(["summit", "list", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(list[0]["slug"], "rustconf-2026");
}

#[test]
fn demo_seeds_a_coherent_summit_once() {
    let env = Env::new();
    let counts = env.json(&["demo", "--json"]);
    assert_eq!(counts["summit_slug"], "northwind");
    assert!(counts["gatherings"].as_u64().unwrap() > 50);
    let socials = env.json(&[
        "gathering",
        "list",
        "--summit",
        "northwind",
        "--kind",
        "social",
        "--json",
    ]);
    assert!(socials.as_array().unwrap().len() >= 4);
    let sessions = env.json(&[
        "gathering",
        "list",
        "--summit",
        "northwind",
        "--kind",
        "session",
        "--json",
    ]);
    assert!(sessions.as_array().unwrap().len() >= 50);
    let speakers = env.json(&["speaker", "list", "--summit", "northwind", "--json"]);
    assert_eq!(
        speakers.as_array().unwrap().len(),
        counts["speakers"].as_u64().unwrap() as usize
    );
    fails_with(
        &env,
        &["demo"],
        "slug: a summit with slug \"northwind\" already exists",
    );
}

#[test]
fn speakers_are_added_with_their_talks() {
    let env = Env::new();
    env.summit();
    let talk = env.json(&[
        "gathering",
        "add",
        "--summit",
        "rustconf-2026",
        "--kind",
        "session",
        "--title",
        "Async traits",
        "--start",
        "2026-09-09 11:00",
        "--end",
        "2026-09-09 11:30",
        "--json",
    ]);
    let talk_id = talk["id"].as_i64().unwrap().to_string();
    let speaker = env.json(&[
        "speaker",
        "add",
        "--name",
        "<img src=x onerror=alert(1)>",
        "--email",
        "ada@example.org",
        "--country",
        "gb",
        "--talk",
        &talk_id,
        "--json",
    ]);
    assert_eq!(speaker["name"], "<img src=x onerror=alert(1)>");
    assert_eq!(speaker["country"], "GB");
    assert_eq!(
        speaker["talk_ids"][0].as_i64().unwrap().to_string(),
        talk_id
    );
    fails_with(
        &env,
        &["speaker", "add", "--name", "Bob", "--email", "bob"],
        "email: \"bob\" is not an e-mail address",
    );
    let found = env.json(&["speaker", "list", "--search", "IMG", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
}

impl Env {
    /// Adds a gathering to rustconf-2026 and returns its id.
    fn gathering(&self, kind: &str, title: &str, start: &str, end: &str, extra: &[&str]) -> i64 {
        let mut args = vec![
            "gathering",
            "add",
            "--summit",
            "rustconf-2026",
            "--kind",
            kind,
            "--title",
            title,
            "--start",
            start,
            "--end",
            end,
            "--json",
        ];
        args.extend(extra);
        self.json(&args)["id"].as_i64().unwrap()
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap()
    }
}

/// The value of `name` in the event whose SUMMARY is `summary`, in unfolded text.
fn field_after(ics: &str, summary: &str, name: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains(&format!("SUMMARY:{summary}\r\n")));
    assert!(event.is_some(), "no event {summary:?} in {ics}");
    let value = event
        .unwrap()
        .split("\r\n")
        .find_map(|l| l.strip_prefix(name).and_then(|l| l.strip_prefix(':')));
    assert!(value.is_some(), "no {name} in {summary:?}");
    value.unwrap().to_owned()
}

#[test]
fn a_summit_calendar_is_exported_for_its_audience() {
    let env = Env::new();
    env.summit();
    let party = env.gathering(
        "social",
        "Welcome party",
        "2026-09-08 19:00",
        "2026-09-08 23:00",
        &["--audience", "public", "--venue", "Union Station"],
    );
    env.gathering(
        "session",
        "Keynote",
        "2026-09-09 09:00",
        "2026-09-09 10:00",
        &["--audience", "attendees"],
    );
    env.gathering(
        "social",
        "Sponsor breakfast",
        "2026-09-10 08:00",
        "2026-09-10 09:00",
        &["--audience", "invite-only"],
    );
    let out = env.path("public.ics");
    env.roadie(&[
        "export",
        "ical",
        "--summit",
        "rustconf-2026",
        "--audience",
        "public",
        "--out",
        &out,
    ])
    .success()
    .stdout(predicate::str::contains("wrote 1 event of").and(predicate::str::contains(&out)));
    let ics = env.read("public.ics");
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/Denver\r\n"));
    assert_eq!(
        field_after(&ics, "Welcome party", "DTSTART;TZID=America/Denver"),
        "20260908T190000"
    );
    assert!(!ics.contains("Keynote") && !ics.contains("Sponsor"));

    let organisers = env.path("organisers.ics");
    env.roadie(&[
        "export",
        "ical",
        "--summit",
        "rustconf-2026",
        "--audience",
        "organisers",
        "--out",
        &organisers,
    ])
    .success()
    .stdout(predicate::str::contains("wrote 3 events"));

    // Cancelling keeps the UID and raises the sequence in the next export.
    let uid = field_after(&ics, "Welcome party", "UID");
    env.roadie(&["gathering", "cancel", &party.to_string()])
        .success();
    env.roadie(&[
        "export",
        "ical",
        "--summit",
        "rustconf-2026",
        "--audience",
        "public",
        "--out",
        &out,
    ])
    .success();
    let again = env.read("public.ics");
    assert_eq!(field_after(&again, "Welcome party", "UID"), uid);
    assert_eq!(field_after(&again, "Welcome party", "SEQUENCE"), "1");
    assert_eq!(field_after(&again, "Welcome party", "STATUS"), "CANCELLED");

    // "-" writes to standard output.
    let stdout = env
        .roadie(&[
            "export",
            "ical",
            "--summit",
            "rustconf-2026",
            "--audience",
            "attendees",
            "--out",
            "-",
        ])
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.starts_with("BEGIN:VCALENDAR\r\n") && stdout.contains("SUMMARY:Keynote\r\n"));
}

#[test]
fn a_speaker_itinerary_is_exported() {
    let env = Env::new();
    env.summit();
    let talk = env.gathering(
        "session",
        "Async in practice",
        "2026-09-09 11:00",
        "2026-09-09 11:45",
        &[],
    );
    env.gathering(
        "social",
        "Speakers' dinner",
        "2026-09-09 19:00",
        "2026-09-09 22:00",
        &["--audience", "speakers"],
    );
    env.gathering(
        "social",
        "Organisers' drinks",
        "2026-09-10 19:00",
        "2026-09-10 22:00",
        &["--audience", "organisers"],
    );
    let speaker = env.json(&[
        "speaker",
        "add",
        "--name",
        "Ada Lovelace",
        "--talk",
        &talk.to_string(),
        "--json",
    ])["id"]
        .as_i64()
        .unwrap();
    let out = env.path("ada.ics");
    env.roadie(&[
        "export",
        "ical",
        "--speaker",
        &speaker.to_string(),
        "--out",
        &out,
    ])
    .success()
    .stdout(predicate::str::contains(
        "wrote 2 events of \"Ada Lovelace: itinerary\"",
    ));
    let ics = env.read("ada.ics");
    assert!(ics.contains("SUMMARY:Async in practice\r\n"));
    assert!(ics.contains("SUMMARY:Speakers' dinner\r\n"));
    assert!(!ics.contains("Organisers"));
}

#[test]
fn export_errors_name_the_field_and_leave_the_file_alone() {
    let env = Env::new();
    env.summit();
    let out = env.path("cal.ics");
    std::fs::write(&out, "before").unwrap();
    fn export<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["export", "ical"];
        args.extend(extra);
        args
    }
    fails_with(
        &env,
        &export(&[
            "--summit",
            "rustconf-2026",
            "--audience",
            "everyone",
            "--out",
            &out,
        ]),
        "roadie: audience: unknown calendar audience \"everyone\"",
    );
    fails_with(
        &env,
        &export(&["--summit", "nope", "--audience", "public", "--out", &out]),
        "summit",
    );
    let lonely = env.json(&["speaker", "add", "--name", "Bo", "--json"])["id"]
        .as_i64()
        .unwrap();
    fails_with(
        &env,
        &export(&["--speaker", &lonely.to_string(), "--out", &out]),
        "roadie: speaker: Bo (id 1) gives no talk",
    );
    fails_with(
        &env,
        &export(&["--speaker", "99", "--out", &out]),
        "speaker 99 not found",
    );
    fails_with(
        &env,
        &export(&["--meetups", "--out", &out]),
        "roadie: meetups: there is no meetup outside a summit",
    );
    let nowhere = env.path("no/such/dir/cal.ics");
    fails_with(
        &env,
        &export(&[
            "--summit",
            "rustconf-2026",
            "--audience",
            "public",
            "--out",
            &nowhere,
        ]),
        "roadie: out: ",
    );
    assert_eq!(env.read("cal.ics"), "before");
    // Usage errors: no calendar chosen, a summit without an audience, two calendars at once.
    env.roadie(&export(&["--out", &out])).code(2);
    env.roadie(&export(&["--summit", "rustconf-2026", "--out", &out]))
        .code(2)
        .stderr(predicate::str::contains("--audience"));
    env.roadie(&export(&["--speaker", "1", "--meetups", "--out", &out]))
        .code(2);
    env.roadie(&export(&["--speaker", "1"])).code(2);
    assert_eq!(env.read("cal.ics"), "before");
}

fn schedule_fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../roadie-core/tests/fixtures/schedules")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_schedule_is_previewed_imported_and_imported_again_without_changes() {
    let env = Env::new();
    let tiny = schedule_fixture("tiny.c3voc.json");
    let plan = env.json(&[
        "import",
        "schedule",
        &tiny,
        "--summit",
        "tinyconf",
        "--dry-run",
        "--json",
    ]);
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["summit"]["created"], true);
    assert_eq!(plan["sessions"]["added"], 4);
    assert_eq!(plan["speakers"]["added"], 3);
    assert_eq!(plan["added"], 7);
    assert_eq!(
        env.json(&["summit", "list", "--json"]),
        serde_json::json!([])
    );

    env.roadie(&["import", "schedule", &tiny, "--summit", "tinyconf"])
        .success()
        .stdout(predicate::str::contains(
            "sessions: 4 added, 0 changed, 0 cancelled, 0 unchanged",
        ))
        .stdout(predicate::str::contains("imported"));
    let summits = env.json(&["summit", "list", "--json"]);
    assert_eq!(summits[0]["name"], "TinyConf 2026");
    assert_eq!(summits[0]["tz"], "Europe/Berlin");
    let again = env.json(&[
        "import", "schedule", &tiny, "--summit", "tinyconf", "--json",
    ]);
    assert_eq!(
        (
            &again["added"],
            &again["changed"],
            &again["cancelled"],
            &again["unchanged"]
        ),
        (
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(0),
            &serde_json::json!(7)
        )
    );

    let moved = schedule_fixture("tiny-moved.c3voc.json");
    env.roadie(&[
        "import",
        "schedule",
        &moved,
        "--summit",
        "tinyconf",
        "--dry-run",
    ])
    .success()
    .stdout(predicate::str::contains(
        "~ 2026-05-02 15:00  Hall A  Compilers for everyone (start, end, room, speakers)",
    ))
    .stdout(predicate::str::contains(
        "x 2026-05-02 11:00  Hall A  Closing",
    ))
    .stdout(predicate::str::contains("dry run: nothing was written"));
    env.roadie(&["import", "schedule", &moved, "--summit", "tinyconf"])
        .success();
    let list = env.json(&["gathering", "list", "--summit", "tinyconf", "--json"]);
    let closing = list
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["title"] == "Closing")
        .unwrap();
    assert_eq!(
        (&closing["status"], &closing["sequence"]),
        (&serde_json::json!("cancelled"), &serde_json::json!(1))
    );
}

#[test]
fn a_bad_schedule_exits_2_naming_where_and_writes_nothing() {
    let env = Env::new();
    for (file, said) in [
        (
            "banana-duration.c3voc.json",
            "schedule.conference.days[0].rooms[\"Hall B\"][0].duration: \"banana\" is not a duration",
        ),
        ("truncated.c3voc.json", "is it truncated?"),
        (
            "bad-date.xml",
            "<date> \"2026-02-30T23:45:00+02:00\" is not a date and time",
        ),
    ] {
        let path = schedule_fixture(file);
        env.roadie(&["import", "schedule", &path, "--summit", "bad"])
            .code(2)
            .stderr(predicate::str::contains(format!("roadie: {path}: ")))
            .stderr(predicate::str::contains(said));
    }
    let sessionize = schedule_fixture("sessionize-all.json");
    env.roadie(&["import", "schedule", &sessionize, "--summit", "bad"])
        .code(2)
        .stderr(predicate::str::contains(
            "tz: the Sessionize JSON (All view) gives its times without a time zone",
        ));
    assert_eq!(
        env.json(&["summit", "list", "--json"]),
        serde_json::json!([])
    );
    env.roadie(&[
        "import",
        "schedule",
        &sessionize,
        "--summit",
        "rustconf",
        "--tz",
        "America/Denver",
    ])
    .success();
}

#[test]
fn csv_rows_are_imported_all_or_nothing_with_every_bad_line_named() {
    let env = Env::new();
    let csv = env.dir.path().join("speakers.csv");
    std::fs::write(
        &csv,
        "Full Name,E-mail,Company\nAda Lovelace,ada@example.org,Engines\nGrace Hopper,grace-at-navy,Navy\n,x@example.org,\n",
    )
    .unwrap();
    let path = csv.display().to_string();
    env.roadie(&["import", "csv", &path, "--kind", "speakers"])
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{path}: line 3: email: \"grace-at-navy\" is not an e-mail address"
        )))
        .stderr(predicate::str::contains(format!(
            "{path}: line 4: name: must not be empty"
        )))
        .stderr(predicate::str::contains("2 bad rows"));
    assert_eq!(
        env.json(&["speaker", "list", "--json"]),
        serde_json::json!([])
    );

    std::fs::write(
        &csv,
        "Your name,Mail,Company\nAda Lovelace,ada@example.org,Engines\n",
    )
    .unwrap();
    env.roadie(&[
        "import",
        "csv",
        &path,
        "--kind",
        "speakers",
        "--map",
        "name=Your name",
        "--map",
        "email=Mail",
    ])
    .success()
    .stdout(predicate::str::contains("line 2: added Ada Lovelace"));
    let speakers = env.json(&["speaker", "list", "--json"]);
    assert_eq!(speakers[0]["email"], "ada@example.org");
    assert_eq!(speakers[0]["organisation"], "Engines");
    fails_with(
        &env,
        &[
            "import", "csv", &path, "--kind", "speakers", "--map", "email",
        ],
        "map: \"email\" is not FIELD=COLUMN",
    );

    env.summit();
    std::fs::write(
        &csv,
        "name,email,currency,airfare,hotel\nAda Lovelace,ada@example.org,USD,450,300\n",
    )
    .unwrap();
    let report = env.json(&[
        "import",
        "csv",
        &path,
        "--kind",
        "travel",
        "--summit",
        "rustconf-2026",
        "--json",
    ]);
    assert_eq!(
        (&report["added"], &report["applied"]),
        (&serde_json::json!(1), &serde_json::json!(true))
    );
}

/// A summit long past (so its shipments are late) or far ahead, with a t-shirt in sizes M and L;
/// returns the variants' ids.
fn swag_summit(env: &Env, slug: &str, start: &str) -> (i64, i64) {
    env.roadie(&[
        "summit",
        "create",
        "--name",
        slug,
        "--slug",
        slug,
        "--tz",
        "Europe/Paris",
        "--start",
        start,
        "--end",
        start,
        "--currency",
        "EUR",
    ])
    .success();
    let item = env.json(&[
        "swag",
        "add",
        "--name",
        "T-shirt",
        "--cost",
        "9.00 EUR",
        "--variant",
        "M",
        "--variant",
        "L",
        "--json",
    ]);
    let variants = item["variants"].as_array().unwrap();
    assert_eq!(variants[0]["label"], "M");
    (
        variants[0]["id"].as_i64().unwrap(),
        variants[1]["id"].as_i64().unwrap(),
    )
}

fn stock_of(env: &Env, variant: i64) -> Value {
    env.json(&["swag", "stock", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["variant_id"] == variant)
        .unwrap()
        .clone()
}

#[test]
fn swag_stock_is_received_allocated_and_never_taken_below_zero() {
    let env = Env::new();
    let (m, _) = swag_summit(&env, "ahead", "2099-06-10");
    let m_text = m.to_string();
    env.roadie(&["swag", "receive", "--variant", &m_text, "--quantity", "100"])
        .success()
        .stdout(predicate::str::contains(
            "received 100 of T-shirt M: 100 on hand, 0 allocated, 100 available",
        ));
    env.roadie(&[
        "swag",
        "allocate",
        "--variant",
        &m_text,
        "--quantity",
        "60",
        "--summit",
        "ahead",
    ])
    .success();
    let s = stock_of(&env, m);
    assert_eq!(
        (&s["on_hand"], &s["allocated"], &s["available"], &s["out"]),
        (
            &Value::from(100),
            &Value::from(60),
            &Value::from(40),
            &Value::from(0)
        )
    );
    fails_with(
        &env,
        &["swag", "give", "--variant", &m_text, "--quantity", "41"],
        "roadie: quantity: cannot give away 41 of T-shirt M: there are only 40 available (100 on hand, 60 allocated)",
    );
    fails_with(
        &env,
        &["swag", "allocate", "--variant", &m_text, "--quantity", "1"],
        "roadie: target: say which summit or meetup the stock is allocated",
    );
    fails_with(
        &env,
        &["swag", "receive", "--variant", &m_text, "--quantity", "-5"],
        "roadie: quantity: must be at least 1, got -5",
    );
    let moves = env.json(&["swag", "movements", "--variant", &m_text, "--json"]);
    let kinds: Vec<&str> = moves
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["received", "allocated"]);
}

#[test]
fn shipments_take_their_contents_from_stock_and_late_ones_are_checked() {
    let env = Env::new();
    let (m, l) = swag_summit(&env, "past", "2020-06-10");
    env.roadie(&[
        "swag",
        "receive",
        "--variant",
        &m.to_string(),
        "--quantity",
        "30",
    ])
    .success();
    let added = env.json(&[
        "shipment",
        "add",
        "--summit",
        "past",
        "--origin",
        "Berlin warehouse",
        "--item",
        &format!("{m}:20"),
        "--item",
        &format!("{l}:5"),
        "--shipping-cost",
        "45 EUR",
        "--customs-cost",
        "12.50",
        "--json",
    ]);
    let id = added["id"].as_i64().unwrap().to_string();
    assert_eq!(added["status"], "draft");
    assert_eq!(added["must_arrive_by"]["local"], "2020-06-07T00:00");
    assert_eq!(added["must_arrive_by"]["tz"], "Europe/Paris");
    assert_eq!(added["customs_cost"]["minor"], 1250);
    // No L in stock: it cannot leave, and nothing changes.
    fails_with(
        &env,
        &["shipment", "ship", &id],
        "roadie: contents: cannot ship 5 of T-shirt L: there are only 0 available and 0 allocated to summit",
    );
    env.roadie(&[
        "swag",
        "receive",
        "--variant",
        &l.to_string(),
        "--quantity",
        "5",
    ])
    .success();
    env.roadie(&[
        "shipment",
        "ship",
        &id,
        "--carrier",
        "DHL",
        "--tracking",
        "JD1",
    ])
    .success()
    .stdout(predicate::str::contains(format!(
        "shipment {id} shipped on "
    )));
    assert_eq!(stock_of(&env, m)["on_hand"], 10);
    assert_eq!(stock_of(&env, m)["out"], 20);
    fails_with(
        &env,
        &["shipment", "status", &id, "draft"],
        "roadie: status: a shipped shipment cannot become draft",
    );

    // The summit began in 2020: the shipment is late, and check still exits 0.
    let found = env.json(&["check", "--summit", "past", "--json"]);
    let found = found.as_array().unwrap();
    let late = found.iter().find(|f| f["kind"] == "shipment-late").unwrap();
    assert_eq!(late["severity"], "error");
    assert_eq!(
        late["records"],
        serde_json::json!([{ "kind": "shipment", "id": added["id"] }])
    );
    assert!(late["message"].as_str().unwrap().contains("(DHL JD1)"));
    // Its costs are committed and spent in the shipping category, with nothing planned.
    assert!(found.iter().any(|f| f["kind"] == "budget-over-plan"));
    env.roadie(&["check", "--summit", "past"])
        .success()
        .stdout(predicate::str::contains("error    shipment-late"))
        .stdout(predicate::str::contains(
            "past: 2 findings (2 errors, 0 warnings)",
        ));
    env.roadie(&["shipment", "deliver", &id]).success();
    let found = env.json(&["check", "--summit", "past", "--json"]);
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] != "shipment-late")
    );
    fails_with(
        &env,
        &[
            "shipment", "add", "--summit", "past", "--origin", "x", "--item", "3x",
        ],
        "roadie: item: \"3x\" is not VARIANT_ID:QUANTITY, e.g. 3:25",
    );
    fails_with(
        &env,
        &["check", "--summit", "nope"],
        "roadie: summit: no summit with slug \"nope\"",
    );
}

#[test]
fn a_far_summit_is_all_clear_and_the_buffer_moves_the_deadline() {
    let env = Env::new();
    let (m, _) = swag_summit(&env, "ahead", "2099-06-10");
    env.roadie(&["check", "--summit", "ahead"])
        .success()
        .stdout(predicate::str::contains("all clear"));
    assert_eq!(
        env.json(&["check", "--summit", "ahead", "--json"]),
        serde_json::json!([])
    );
    let added = env.json(&[
        "shipment",
        "add",
        "--summit",
        "ahead",
        "--origin",
        "Lyon",
        "--item",
        &format!("{m}:1"),
        "--json",
    ]);
    let id = added["id"].as_i64().unwrap().to_string();
    env.roadie(&["shipment", "update", &id, "--buffer-days", "10"])
        .success()
        .stdout(predicate::str::contains(
            "must arrive by 2099-05-31 00:00 Europe/Paris",
        ));
    fails_with(
        &env,
        &["shipment", "update", &id, "--buffer-days", "-1"],
        "roadie: buffer_days: must not be negative, got -1",
    );
    let listed = env.json(&["shipment", "list", "--summit", "ahead", "--json"]);
    assert_eq!(listed[0]["buffer_days"], 10);
    assert_eq!(
        listed[0]["next_statuses"],
        serde_json::json!(["packed", "shipped"])
    );
}

#[test]
fn a_budget_is_summarised_in_the_summit_currency_and_exported() {
    let env = Env::new();
    env.summit();
    let add = |args: &[&str]| {
        let mut all = vec!["budget", "add", "--summit", "rustconf-2026"];
        all.extend_from_slice(args);
        env.roadie(&all).success();
    };
    add(&[
        "--category",
        "socials",
        "--description",
        "Venue",
        "--planned",
        "1000",
        "--committed",
        "800",
        "--spent",
        "300",
        "--paid-on",
        "2026-05-02",
    ]);
    add(&[
        "--category",
        "swag",
        "--description",
        "Shirts",
        "--currency",
        "EUR",
        "--planned",
        "500",
    ]);
    add(&[
        "--category",
        "other",
        "--description",
        "Permit",
        "--currency",
        "CHF",
        "--planned",
        "100",
    ]);
    env.roadie(&[
        "rate",
        "record",
        "--from",
        "EUR",
        "--to",
        "USD",
        "--rate",
        "1.08",
        "--on",
        "2026-04-01",
        "--summit",
        "rustconf-2026",
    ])
    .success()
    .stdout(predicate::str::contains(
        "1 EUR = 1.08 USD as of 2026-04-01",
    ));

    let summary = env.json(&["budget", "summary", "--summit", "rustconf-2026", "--json"]);
    // 1000.00 USD + 500.00 EUR at 1.08; the CHF stays out, and is named.
    assert_eq!(
        summary["totals"]["planned"],
        serde_json::json!({ "minor": 154_000, "currency": "USD" })
    );
    assert_eq!(summary["totals"]["remaining"]["minor"], 74_000);
    assert_eq!(summary["missing_rates"], serde_json::json!(["CHF"]));
    assert_eq!(summary["complete"], false);
    assert_eq!(summary["spending"][0]["month"], "2026-05");
    env.roadie(&["budget", "summary", "--summit", "rustconf-2026"])
        .success()
        .stdout(
            predicate::str::contains("total")
                .and(predicate::str::contains("not in the totals: other CHF")),
        );
    let year = env.json(&["budget", "year", "--year", "2026", "--json"]);
    assert_eq!(year["currency"], "USD");
    assert_eq!(year["totals"], summary["totals"]);

    for format in ["csv", "xlsx", "pdf"] {
        let out = env.dir.path().join(format!("budget.{format}"));
        env.roadie(&[
            "export",
            "budget",
            "--summit",
            "rustconf-2026",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ])
        .success()
        .stdout(predicate::str::contains(format!(
            "wrote the {format} budget summary"
        )));
        let bytes = std::fs::read(&out).unwrap();
        let magic: &[u8] = match format {
            "csv" => b"record,category",
            "xlsx" => b"PK",
            _ => b"%PDF-",
        };
        assert!(bytes.starts_with(magic), "{format}");
    }
    env.roadie(&[
        "export",
        "budget",
        "--summit",
        "rustconf-2026",
        "--format",
        "csv",
        "--out",
        "-",
    ])
    .success()
    .stdout(predicate::str::starts_with("record,category").and(predicate::str::contains("Venue")));
}

#[test]
fn budget_input_errors_name_the_field() {
    let env = Env::new();
    env.summit();
    let summit = ["--summit", "rustconf-2026"];
    fn line<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut all = vec![
            "budget",
            "add",
            "--summit",
            "rustconf-2026",
            "--category",
            "swag",
            "--description",
            "Shirts",
        ];
        all.extend_from_slice(extra);
        all
    }
    fails_with(&env, &line(&["--planned", "12,50"]), "roadie: planned: ");
    fails_with(
        &env,
        &[
            "budget",
            "add",
            "--summit",
            "rustconf-2026",
            "--category",
            "food",
            "--description",
            "Shirts",
            "--planned",
            "10",
        ],
        "roadie: category: unknown budget category \"food\"",
    );
    fails_with(
        &env,
        &line(&["--planned", "10", "--spent", "5", "--paid-on", "2026-02-30"]),
        "roadie: paid_on: ",
    );
    fails_with(
        &env,
        &line(&["--planned", "10", "--paid-on", "2026-02-03"]),
        "roadie: paid_on: is 2026-02-03 but nothing is spent",
    );
    fails_with(
        &env,
        &[
            "rate",
            "record",
            "--from",
            "EUR",
            "--to",
            "USD",
            "--rate",
            "0",
            "--on",
            "2026-04-01",
        ],
        "roadie: rate: must be greater than zero",
    );
    fails_with(
        &env,
        &[
            "rate",
            "record",
            "--from",
            "EUR",
            "--to",
            "EUR",
            "--rate",
            "1",
            "--on",
            "2026-04-01",
        ],
        "roadie: to: ",
    );
    fails_with(
        &env,
        &["budget", "year", "--year", "2031"],
        "roadie: year: no summit starts in 2031",
    );
    let mut export = vec!["export", "budget"];
    export.extend_from_slice(&summit);
    let mut bad_format = export.clone();
    bad_format.extend_from_slice(&["--format", "docx", "--out", "x.docx"]);
    fails_with(
        &env,
        &bad_format,
        "roadie: format: unknown export format \"docx\"",
    );
    let nowhere = env.dir.path().join("no/such/dir/budget.pdf");
    let mut bad_out = export.clone();
    bad_out.extend_from_slice(&["--format", "pdf", "--out", nowhere.to_str().unwrap()]);
    fails_with(&env, &bad_out, "roadie: out: ");
    assert!(!nowhere.exists());
    fails_with(
        &env,
        &[
            "export", "budget", "--summit", "nope", "--format", "csv", "--out", "-",
        ],
        "roadie: summit: no summit with slug \"nope\"",
    );
}

/// `roadie … | head`: the reader goes away before the output is written. The CLI ends by SIGPIPE,
/// as Unix commands do, and does not panic.
#[cfg(unix)]
#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let env = Env::new();
    env.roadie(&["demo"]).success();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("roadie"))
        .arg("--db")
        .arg(env.db())
        .args(["gathering", "list", "--summit", "northwind"])
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGPIPE),
        "status {:?}",
        out.status
    );
    // The database is whole: the list still reads.
    let listed = env.json(&["gathering", "list", "--summit", "northwind", "--json"]);
    assert!(!listed.as_array().unwrap().is_empty());
}
