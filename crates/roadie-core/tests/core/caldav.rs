//! The conditional requests of a CalDAV publish, seen from the server's side: which method and
//! precondition each event is sent with, and what Roadie does with a 412. The server here is a
//! tiny in-memory HTTP store with ETags that records every request; it checks Roadie's side of
//! the protocol only. The real server test is tests/caldav.sh, against Radicale.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use roadie_core::{
    CalendarAudience, Collection, Feed, FixedClock, GatheringData, Login, PublishReport, Store,
};

use crate::helpers::*;

/// One request as the server saw it.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    method: String,
    /// The resource's name, `<UID>.ics`.
    name: String,
    if_match: Option<String>,
    if_none_match: Option<String>,
    authorization: Option<String>,
}

#[derive(Default)]
struct State {
    /// Resource name → (ETag, body).
    resources: HashMap<String, (String, String)>,
    seen: Vec<Seen>,
    next_etag: u32,
    /// Whether a PUT's answer carries the new ETag.
    etag_on_put: bool,
    /// Every request is refused with this status when set.
    refuse_with: Option<u16>,
}

/// A tiny HTTP/1.1 server that stores PUT bodies with ETags and honours If-Match and
/// If-None-Match, on a free port on 127.0.0.1.
struct Server {
    state: Arc<Mutex<State>>,
    collection: Collection,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            etag_on_put: true,
            ..State::default()
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        let url = format!("http://127.0.0.1:{port}/cal/");
        Server {
            state,
            collection: Collection::parse("url", &url).unwrap(),
        }
    }

    fn seen(&self) -> Vec<Seen> {
        std::mem::take(&mut self.state.lock().unwrap().seen)
    }

    fn etag(&self, name: &str) -> Option<String> {
        let state = self.state.lock().unwrap();
        state.resources.get(name).map(|(etag, _)| etag.clone())
    }

    fn body(&self, name: &str) -> String {
        let state = self.state.lock().unwrap();
        state.resources[name].1.clone()
    }

    /// Another client's change to a resource.
    fn change(&self, name: &str, body: &str) {
        let mut state = self.state.lock().unwrap();
        state.next_etag += 1;
        let etag = format!("\"{}\"", state.next_etag);
        state.resources.insert(name.into(), (etag, body.into()));
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or_default().to_owned(),
            parts.next().unwrap_or_default().to_owned(),
        );
        let mut headers = HashMap::new();
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).unwrap();
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap();
            headers.insert(name.to_ascii_lowercase(), value.trim().to_owned());
        }
        let length: usize = headers
            .get("content-length")
            .map_or(0, |l| l.parse().unwrap());
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let body = String::from_utf8(body).unwrap();
        let name = path.rsplit('/').next().unwrap_or_default().to_owned();
        let (status, etag) = answer(state, &method, &name, &headers, body);
        let etag = etag.map_or(String::new(), |e| format!("ETag: {e}\r\n"));
        let reply = format!("HTTP/1.1 {status} X\r\n{etag}Content-Length: 0\r\n\r\n");
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn answer(
    state: &Mutex<State>,
    method: &str,
    name: &str,
    headers: &HashMap<String, String>,
    body: String,
) -> (u16, Option<String>) {
    let mut state = state.lock().unwrap();
    state.seen.push(Seen {
        method: method.into(),
        name: name.into(),
        if_match: headers.get("if-match").cloned(),
        if_none_match: headers.get("if-none-match").cloned(),
        authorization: headers.get("authorization").cloned(),
    });
    if let Some(status) = state.refuse_with {
        return (status, None);
    }
    let current = state.resources.get(name).map(|(etag, _)| etag.clone());
    match method {
        "HEAD" => match current {
            Some(etag) => (200, Some(etag)),
            None => (404, None),
        },
        "PUT" => {
            let precondition = match (headers.get("if-match"), headers.get("if-none-match")) {
                (Some(wanted), _) => current.as_ref() == Some(wanted),
                (_, Some(star)) if star == "*" => current.is_none(),
                _ => true,
            };
            if !precondition {
                return (412, None);
            }
            state.next_etag += 1;
            let etag = format!("\"{}\"", state.next_etag);
            let status = if current.is_some() { 204 } else { 201 };
            state.resources.insert(name.into(), (etag.clone(), body));
            (status, state.etag_on_put.then_some(etag))
        }
        _ => (405, None),
    }
}

fn clock() -> FixedClock {
    FixedClock(at("2026-05-01 10:00"))
}

async fn publish(store: &Store, server: &Server, summit_id: i64, overwrite: bool) -> PublishReport {
    let feed = Feed::Summit {
        summit_id,
        audience: CalendarAudience::Attendees,
    };
    let login = Login {
        user: "ada".into(),
        password: "pässword".into(),
    };
    store
        .publish_caldav(feed, &server.collection, Some(login), overwrite, &clock())
        .await
        .unwrap()
}

fn counts(r: &PublishReport) -> (usize, usize, usize, usize) {
    (r.created, r.updated, r.unchanged, r.failed.len())
}

fn methods(seen: &[Seen]) -> Vec<(&str, &str, Option<&str>, Option<&str>)> {
    seen.iter()
        .map(|s| {
            (
                s.method.as_str(),
                s.name.as_str(),
                s.if_match.as_deref(),
                s.if_none_match.as_deref(),
            )
        })
        .collect()
}

#[tokio::test]
async fn each_event_is_put_conditionally_and_a_412_is_a_conflict_not_an_overwrite() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    let a = store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let b = store
        .add_gathering(&session(summit.id, "B", "2026-06-10 11:00"))
        .await
        .unwrap();
    let server = Server::start();
    let (na, nb) = (format!("{}.ics", a.uid), format!("{}.ics", b.uid));

    // New events: PUT with If-None-Match: *, as the user given.
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (2, 0, 0, 0));
    let seen = server.seen();
    assert_eq!(
        methods(&seen),
        [
            ("PUT", &*na, None, Some("*")),
            ("PUT", &*nb, None, Some("*"))
        ]
    );
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Basic YWRhOnDDpHNzd29yZA=="))
    );
    assert!(server.body(&na).contains(&format!("UID:{}\r\n", a.uid)));
    assert_eq!(store.count("caldav_resources").await, 2);

    // Nothing changed: a HEAD each, nothing sent.
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (0, 0, 2, 0));
    assert_eq!(
        methods(&server.seen()),
        [("HEAD", &*na, None, None), ("HEAD", &*nb, None, None)]
    );

    // A changed event: PUT with If-Match on the ETag the server gave it.
    let etag_a = server.etag(&na).unwrap();
    let data = GatheringData {
        title: "A, later".into(),
        ..a.data.clone()
    };
    store.update_gathering(a.id, &data).await.unwrap();
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (0, 1, 1, 0));
    assert_eq!(
        methods(&server.seen()),
        [
            ("PUT", &*na, Some(&*etag_a), None),
            ("HEAD", &*nb, None, None)
        ]
    );
    let body = server.body(&na);
    assert!(
        body.contains("SEQUENCE:1\r\n") && body.contains("SUMMARY:A\\, later\r\n"),
        "{body}"
    );

    // Changed on the server and in Roadie: the PUT's If-Match fails; reported, not overwritten.
    let etag_a = server.etag(&na).unwrap();
    server.change(&na, "someone else's copy");
    let data = GatheringData {
        title: "A, later still".into(),
        ..data
    };
    store.update_gathering(a.id, &data).await.unwrap();
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (0, 0, 1, 1));
    let failure = &report.failed[0];
    assert!(failure.conflict);
    assert_eq!(
        (failure.uid.as_str(), failure.title.as_str()),
        (a.uid.as_str(), "A, later still")
    );
    assert!(
        failure.reason.contains("changed or removed on the server"),
        "{}",
        failure.reason
    );
    assert_eq!(server.body(&na), "someone else's copy");
    assert_eq!(server.seen()[0].if_match.as_deref(), Some(&*etag_a));

    // With overwrite: the server's current ETag is read and matched, so still no blind PUT.
    let theirs = server.etag(&na).unwrap();
    let report = publish(&store, &server, summit.id, true).await;
    assert_eq!(counts(&report), (0, 1, 1, 0));
    assert_eq!(
        methods(&server.seen()),
        [
            ("PUT", &*na, Some(&*etag_a), None),
            ("HEAD", &*na, None, None),
            ("PUT", &*na, Some(&*theirs), None),
            ("HEAD", &*nb, None, None)
        ]
    );
    assert!(server.body(&na).contains("SEQUENCE:2"));

    // Unchanged in Roadie but changed on the server: a conflict too, found by the HEAD.
    server.change(&nb, "edited elsewhere");
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (0, 0, 1, 1));
    assert!(report.failed[0].conflict);
    assert_eq!(server.body(&nb), "edited elsewhere");

    // Removed on the server: put back, as new.
    server.state.lock().unwrap().resources.remove(&na);
    server.seen();
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(report.created, 1);
    assert_eq!(
        methods(&server.seen())[..2],
        [("HEAD", &*na, None, None), ("PUT", &*na, None, Some("*"))]
    );

    // A UID the collection already holds from elsewhere: a conflict, not an overwrite.
    let c = store
        .add_gathering(&session(summit.id, "C", "2026-06-10 12:00"))
        .await
        .unwrap();
    let nc = format!("{}.ics", c.uid);
    server.change(&nc, "not Roadie's");
    let report = publish(&store, &server, summit.id, false).await;
    let conflict = report.failed.iter().find(|f| f.uid == c.uid).unwrap();
    assert!(
        conflict
            .reason
            .contains("already holds an event with this UID"),
        "{}",
        conflict.reason
    );
    assert_eq!(server.body(&nc), "not Roadie's");
    assert!(server.seen().iter().all(|s| s.method != "DELETE"));
}

#[tokio::test]
async fn a_server_that_gives_no_etag_on_put_is_asked_with_a_head() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    let a = store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let server = Server::start();
    server.state.lock().unwrap().etag_on_put = false;
    let name = format!("{}.ics", a.uid);
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (1, 0, 0, 0));
    assert_eq!(
        methods(&server.seen()),
        [
            ("PUT", &*name, None, Some("*")),
            ("HEAD", &*name, None, None)
        ]
    );
    let etag = server.etag(&name).unwrap();
    store
        .update_gathering(
            a.id,
            &GatheringData {
                title: "A2".into(),
                ..a.data
            },
        )
        .await
        .unwrap();
    publish(&store, &server, summit.id, false).await;
    assert_eq!(server.seen()[0].if_match.as_deref(), Some(&*etag));
}

#[tokio::test]
async fn a_refused_login_or_a_missing_collection_stops_the_publish_with_the_field_named() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let server = Server::start();
    let feed = Feed::Summit {
        summit_id: summit.id,
        audience: CalendarAudience::Attendees,
    };
    for (status, login, field) in [
        (401, true, "password"),
        (401, false, "user"),
        (409, true, "url"),
        (404, true, "url"),
    ] {
        server.state.lock().unwrap().refuse_with = Some(status);
        let login = login.then(|| Login {
            user: "ada".into(),
            password: "x".into(),
        });
        let e = store
            .publish_caldav(feed, &server.collection, login, false, &clock())
            .await
            .unwrap_err();
        assert_eq!(e.field(), Some(field), "{status}: {e}");
    }
    // Any other refusal is this event's failure, with the server's status.
    server.state.lock().unwrap().refuse_with = Some(507);
    let report = publish(&store, &server, summit.id, false).await;
    assert_eq!(counts(&report), (0, 0, 0, 1));
    assert!(!report.failed[0].conflict);
    assert!(
        report.failed[0].reason.contains("HTTP 507"),
        "{}",
        report.failed[0].reason
    );
    assert_eq!(store.count("caldav_resources").await, 0);

    // Nobody listening: an error naming the server, not a panic.
    let closed = Collection::parse("url", "http://127.0.0.1:1/cal/").unwrap();
    let e = store
        .publish_caldav(feed, &closed, None, false, &clock())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "remote");
    assert!(e.to_string().contains("127.0.0.1:1"), "{e}");
}

#[tokio::test]
async fn a_summits_caldav_target_is_kept_without_any_password() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    assert_eq!(store.caldav_target(summit.id).await.unwrap(), None);
    let target = roadie_core::CaldavTarget {
        summit_id: summit.id,
        audience: CalendarAudience::Public,
        url: " https://dav.example.org/cal/ada/s ".into(),
        user: Some(" ada ".into()),
    };
    let saved = store.save_caldav_target(&target).await.unwrap();
    assert_eq!(saved.url, "https://dav.example.org/cal/ada/s/");
    assert_eq!(saved.user.as_deref(), Some("ada"));
    assert_eq!(
        store.caldav_target(summit.id).await.unwrap(),
        Some(saved.clone())
    );
    let bad = roadie_core::CaldavTarget {
        url: "http://dav.example.org/cal/".into(),
        ..target.clone()
    };
    assert_eq!(
        store.save_caldav_target(&bad).await.unwrap_err().field(),
        Some("url")
    );
    let nowhere = roadie_core::CaldavTarget {
        summit_id: 999,
        ..target
    };
    assert_eq!(
        store
            .save_caldav_target(&nowhere)
            .await
            .unwrap_err()
            .field(),
        Some("summit")
    );
    assert_eq!(store.caldav_target(summit.id).await.unwrap(), Some(saved));
}

#[tokio::test]
async fn shipping_days_are_published_beside_gatherings_and_a_shipment_sent_back_is_cancelled() {
    let store = spawn_store().await;
    let summit = store.new_summit("s").await;
    store
        .add_gathering(&session(summit.id, "A", "2026-06-10 10:00"))
        .await
        .unwrap();
    let shipment = store
        .add_shipment(
            &roadie_core::ShipmentData {
                ship_date: Some(date("2026-05-20")),
                status: roadie_core::ShipmentStatus::Shipped,
                ..shipment_data(Some(summit.id), Vec::new())
            },
            at("2026-05-20 09:00"),
        )
        .await
        .unwrap();
    let server = Server::start();
    let feed = Feed::Summit {
        summit_id: summit.id,
        audience: CalendarAudience::Organisers,
    };
    let clock = clock();
    let publish = || store.publish_caldav(feed, &server.collection, None, false, &clock);
    assert_eq!(counts(&publish().await.unwrap()), (3, 0, 0, 0));
    let name = format!("shipment-{}-must-arrive-by@roadie.ics", shipment.id);
    let body = server.body(&name);
    assert!(
        body.contains("\r\nDTSTART;VALUE=DATE:20260606\r\nDTEND;VALUE=DATE:20260607\r\n"),
        "{body}"
    );
    assert!(body.contains("\r\nSEQUENCE:0\r\n") && body.contains("\r\nSTATUS:CONFIRMED\r\n"));
    // A whole day needs no time zone.
    assert!(!body.contains("BEGIN:VTIMEZONE"), "{body}");
    assert_eq!(counts(&publish().await.unwrap()), (0, 0, 3, 0));

    store
        .set_shipment_status(shipment.id, roadie_core::ShipmentStatus::Returned, now())
        .await
        .unwrap();
    assert_eq!(counts(&publish().await.unwrap()), (0, 2, 1, 0));
    let body = server.body(&name);
    assert!(
        body.contains("\r\nSEQUENCE:1\r\n") && body.contains("\r\nSTATUS:CANCELLED\r\n"),
        "{body}"
    );
}
