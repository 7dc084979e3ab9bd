//! Publishing a calendar to a CalDAV collection (RFC 4791), so people can subscribe to it in
//! their calendar app. Each event is PUT as a resource of its own, named by its UID
//! (`<UID>.ics`), and every PUT is conditional, so nothing is overwritten blindly:
//!
//! - an event Roadie has not published to the collection before goes with `If-None-Match: *`
//!   (stored only if the collection has no such resource);
//! - one it has goes with `If-Match:` the ETag the server gave it last time (stored only if
//!   nobody changed it since); a `412 Precondition Failed` is reported as a conflict, and the
//!   server's copy is replaced only when the caller asks to overwrite;
//! - one that has not changed since is not sent again: a HEAD checks that the server still holds
//!   what Roadie put there;
//! - nothing is ever DELETEd: a cancelled gathering is published with STATUS:CANCELLED and its
//!   SEQUENCE raised, so subscribers' calendars cancel it too.
//!
//! The ETag and a hash of what was sent are kept per collection URL and UID
//! (`caldav_resources`). Credentials are passed in for each publish and never stored here; see
//! [`crate::credentials`].

use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

use base64::prelude::{BASE64_STANDARD, Engine as _};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ureq::tls::{RootCerts, TlsConfig};
use url::Url;

use super::feeds::{CalendarAudience, Feed};
use crate::credentials;
use crate::error::{Error, Result};
use crate::fields;
use crate::store::{Store, is_foreign_key_violation};
use crate::time::Clock;

/// How long one request may take before the publish gives up.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A CalDAV collection's address: `https://` (or `http://` on this computer only), with a host,
/// no user name or password in it, no query, its path ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collection(Url);

impl Collection {
    /// Checks and normalises a collection's address; `field` names it in errors.
    pub fn parse(field: &str, text: &str) -> Result<Collection> {
        let text = text.trim();
        let bad = |why: &str| {
            Error::invalid(
                field,
                format!("{text:?} is not a CalDAV collection address: {why}"),
            )
        };
        if text.is_empty() {
            return Err(Error::invalid(field, "must not be empty"));
        }
        let mut url = Url::parse(text).map_err(|e| bad(&e.to_string()))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad(
                "expected https:// and a host, e.g. https://dav.example.org/calendars/team/summit/",
            ));
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return Err(bad(
                    "http:// would send the password unencrypted; use https:// (plain http is \
                     accepted only on this computer: localhost, 127.0.0.1 or ::1)",
                ));
            }
            _ => return Err(bad("expected https://")),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad(
                "a user name or password does not belong in the address; give the user on its \
                 own (the password is kept in the OS keyring)",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("it must not have a ?query or a #fragment"));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Collection(url))
    }

    /// The normalised address, ending in `/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The address of the resource that holds the event with this UID.
    fn resource(&self, uid: &str) -> Url {
        let mut url = self.0.clone();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty().push(&format!("{uid}.ics"));
        }
        url
    }
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Who publishes: a user name and password, sent with HTTP Basic authentication.
#[derive(Clone)]
pub struct Login {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("password", &"(hidden)")
            .finish()
    }
}

/// Where a summit's calendar is published: which of its calendars, to which collection, as which
/// user. The password is not here: it is in the OS keyring.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaldavTarget {
    pub summit_id: i64,
    pub audience: CalendarAudience,
    /// The collection's address, e.g. `https://dav.example.org/calendars/team/summit/`.
    pub url: String,
    /// The user to log in as; none for a collection open to anyone.
    pub user: Option<String>,
}

impl CaldavTarget {
    /// Checks every field and returns the cleaned-up target.
    pub fn validated(&self) -> Result<CaldavTarget> {
        Ok(CaldavTarget {
            url: Collection::parse("url", &self.url)?.as_str().to_owned(),
            user: user("user", self.user.as_deref())?,
            ..self.clone()
        })
    }

    /// The collection it publishes to.
    pub fn collection(&self) -> Result<Collection> {
        Collection::parse("url", &self.url)
    }
}

/// A summit's CalDAV settings as the app shows them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaldavSettings {
    pub target: Option<CaldavTarget>,
    /// Whether the OS keyring holds a password for the target's user at its collection.
    pub password_saved: bool,
    /// Why the OS keyring could not be asked, when it could not.
    pub keyring_problem: Option<String>,
}

/// A user name: one line of text, or none; it may not hold a `:` (Basic authentication
/// separates the user from the password with one).
pub fn user(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(user) = fields::optional(field, text)? else {
        return Ok(None);
    };
    if user.contains(':') || user.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("{user:?} cannot be a user name (no ':' and no line breaks)"),
        ));
    }
    Ok(Some(user))
}

/// What one publish did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublishReport {
    /// The calendar's name.
    pub calendar: String,
    /// The collection it went to.
    pub collection: String,
    /// Events the collection did not hold before.
    pub created: usize,
    /// Events replaced with a newer version.
    pub updated: usize,
    /// Events that had not changed since the last publish and were not sent again.
    pub unchanged: usize,
    /// Events that could not be published, with why.
    pub failed: Vec<PublishFailure>,
    /// Events published to this collection before that the calendar no longer holds (their
    /// audience changed): left as they are, since Roadie deletes nothing.
    pub not_in_calendar: usize,
}

/// An event that could not be published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublishFailure {
    pub uid: String,
    pub title: String,
    /// Whether the server's copy changed since Roadie published it (or Roadie never did): it was
    /// left alone; publishing again with `overwrite` replaces it.
    pub conflict: bool,
    pub reason: String,
}

/// What Roadie last put at a resource.
#[derive(Clone, Debug)]
struct Stored {
    etag: String,
    hash: String,
}

/// What happened to one event.
enum Outcome {
    Created(String),
    Updated(String),
    Unchanged,
    Conflict(&'static str),
    Failed(String),
}

/// What the server answered about one resource.
enum Reply {
    /// It holds the resource (HEAD) or stored it (PUT), with this ETag when it gave one.
    Stored(Option<String>),
    /// It has no such resource (HEAD).
    Missing,
    /// `412 Precondition Failed`: the condition of a PUT did not hold.
    PreconditionFailed,
    /// Any other answer, as a reason to show.
    Refused(String),
}

/// The precondition a PUT carries.
enum Condition<'a> {
    /// `If-None-Match: *`: only if there is no such resource yet.
    Absent,
    /// `If-Match: <etag>`: only if the resource is still the one with this ETag.
    Matches(&'a str),
    /// No precondition: only for a resource whose server never gave an ETag.
    Unconditional,
}

/// An HTTP client for one collection.
#[derive(Clone)]
struct Client {
    agent: ureq::Agent,
    collection: Collection,
    authorization: Option<String>,
}

impl Client {
    fn new(collection: &Collection, login: Option<&Login>) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A PUT is never redirected: the answer says where to publish instead.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("Roadie/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .new_agent();
        Client {
            agent,
            collection: collection.clone(),
            authorization: login.map(|l| {
                let pair = format!("{}:{}", l.user, l.password);
                format!("Basic {}", BASE64_STANDARD.encode(pair))
            }),
        }
    }

    fn put(&self, url: &Url, body: &str, condition: Condition<'_>) -> Result<Reply> {
        let mut request = self
            .agent
            .put(url.as_str())
            .content_type("text/calendar; charset=utf-8");
        request = match condition {
            Condition::Absent => request.header("If-None-Match", "*"),
            Condition::Matches(etag) => request.header("If-Match", etag),
            Condition::Unconditional => request,
        };
        if let Some(authorization) = &self.authorization {
            request = request.header("Authorization", authorization);
        }
        let response = request.send(body).map_err(|e| self.unreachable(&e))?;
        self.reply(url, response, false)
    }

    fn head(&self, url: &Url) -> Result<Reply> {
        let mut request = self.agent.head(url.as_str());
        if let Some(authorization) = &self.authorization {
            request = request.header("Authorization", authorization);
        }
        let response = request.call().map_err(|e| self.unreachable(&e))?;
        self.reply(url, response, true)
    }

    /// The server's answer; an error for one that stops the whole publish (the login refused, no
    /// collection at the address).
    fn reply(
        &self,
        url: &Url,
        mut response: ureq::http::Response<ureq::Body>,
        head: bool,
    ) -> Result<Reply> {
        let status = response.status();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header("etag").filter(|e| !e.is_empty());
        let code = status.as_u16();
        let what = format!(
            "HTTP {code} {}",
            status.canonical_reason().unwrap_or_default()
        );
        match code {
            200..=299 => Ok(Reply::Stored(etag)),
            404 if head => Ok(Reply::Missing),
            412 => Ok(Reply::PreconditionFailed),
            401 if self.authorization.is_none() => Err(Error::invalid(
                "user",
                format!(
                    "{} asks for a login ({what}); give the user name to publish as",
                    self.collection.0.host_str().unwrap_or_default()
                ),
            )),
            401 => Err(Error::invalid(
                "password",
                format!(
                    "{} refused the user name or password ({what})",
                    self.collection.0.host_str().unwrap_or_default()
                ),
            )),
            404 | 405 | 409 => Err(Error::invalid(
                "url",
                format!(
                    "there is no calendar collection at {} ({what}); create it on the server \
                     first (a new calendar in its web interface, or MKCALENDAR), or check the address",
                    self.collection
                ),
            )),
            300..=399 => Err(Error::invalid(
                "url",
                format!(
                    "{url} is redirected ({what}) to {}; publish to that address instead",
                    header("location").unwrap_or_else(|| "another address".into())
                ),
            )),
            _ => {
                let text = if head {
                    String::new()
                } else {
                    response
                        .body_mut()
                        .with_config()
                        .limit(4096)
                        .read_to_string()
                        .unwrap_or_default()
                };
                let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let text: String = text.chars().take(300).collect();
                Ok(Reply::Refused(if text.is_empty() {
                    format!("the server refused it ({what})")
                } else {
                    format!("the server refused it ({what}): {text}")
                }))
            }
        }
    }

    fn unreachable(&self, error: &ureq::Error) -> Error {
        Error::Remote(format!(
            "cannot reach the CalDAV server at {}: {error}",
            self.collection
        ))
    }

    /// Publishes one event, `previous` being what Roadie last put at its resource.
    fn publish(
        &self,
        uid: &str,
        body: &str,
        hash: &str,
        previous: Option<&Stored>,
        overwrite: bool,
    ) -> Result<Outcome> {
        let url = self.collection.resource(uid);
        let refused = |why: String| Ok(Outcome::Failed(why));
        match previous {
            Some(stored) if stored.hash == hash => match self.head(&url)? {
                Reply::Stored(etag) if etag.as_deref().is_none_or(|e| e == stored.etag) => {
                    Ok(Outcome::Unchanged)
                }
                Reply::Stored(_) if overwrite => self.replace(&url, body),
                Reply::Stored(_) => Ok(Outcome::Conflict(
                    "changed on the server since Roadie published it",
                )),
                // Removed on the server: put it back.
                Reply::Missing => self.create(&url, body, overwrite),
                Reply::PreconditionFailed => refused("the server answered a HEAD with 412".into()),
                Reply::Refused(why) => refused(why),
            },
            Some(stored) => {
                let condition = if stored.etag.is_empty() {
                    Condition::Unconditional
                } else {
                    Condition::Matches(&stored.etag)
                };
                match self.put(&url, body, condition)? {
                    Reply::Stored(etag) => Ok(Outcome::Updated(self.etag(&url, etag)?)),
                    Reply::PreconditionFailed if overwrite => self.replace(&url, body),
                    Reply::PreconditionFailed => Ok(Outcome::Conflict(
                        "changed or removed on the server since Roadie last published it",
                    )),
                    Reply::Missing => refused("the server answered a PUT with 404".into()),
                    Reply::Refused(why) => refused(why),
                }
            }
            None => self.create(&url, body, overwrite),
        }
    }

    /// PUTs a resource Roadie believes absent.
    fn create(&self, url: &Url, body: &str, overwrite: bool) -> Result<Outcome> {
        match self.put(url, body, Condition::Absent)? {
            Reply::Stored(etag) => Ok(Outcome::Created(self.etag(url, etag)?)),
            Reply::PreconditionFailed if overwrite => self.replace(url, body),
            Reply::PreconditionFailed => Ok(Outcome::Conflict(
                "the collection already holds an event with this UID that Roadie did not publish \
                 there from this database",
            )),
            Reply::Missing => Ok(Outcome::Failed("the server answered a PUT with 404".into())),
            Reply::Refused(why) => Ok(Outcome::Failed(why)),
        }
    }

    /// Replaces whatever the server holds now (asked for with `overwrite`), still conditionally:
    /// on the ETag a HEAD just read, so a change in between is not lost either.
    fn replace(&self, url: &Url, body: &str) -> Result<Outcome> {
        let current = match self.head(url)? {
            Reply::Stored(etag) => etag,
            Reply::Missing => return self.create(url, body, false),
            Reply::PreconditionFailed => {
                return Ok(Outcome::Failed(
                    "the server answered a HEAD with 412".into(),
                ));
            }
            Reply::Refused(why) => return Ok(Outcome::Failed(why)),
        };
        let condition = current
            .as_deref()
            .map_or(Condition::Unconditional, Condition::Matches);
        match self.put(url, body, condition)? {
            Reply::Stored(etag) => Ok(Outcome::Updated(self.etag(url, etag)?)),
            Reply::PreconditionFailed => Ok(Outcome::Conflict(
                "changed on the server again while Roadie was replacing it",
            )),
            Reply::Missing => Ok(Outcome::Failed("the server answered a PUT with 404".into())),
            Reply::Refused(why) => Ok(Outcome::Failed(why)),
        }
    }

    /// The ETag of a resource just stored: from the PUT's answer, else from a HEAD (servers that
    /// change what they store may leave it out of the PUT's answer); empty when the server gives
    /// none at all.
    fn etag(&self, url: &Url, from_put: Option<String>) -> Result<String> {
        if let Some(etag) = from_put {
            return Ok(etag);
        }
        Ok(match self.head(url)? {
            Reply::Stored(Some(etag)) => etag,
            _ => String::new(),
        })
    }
}

/// A hash of an event as sent, its DTSTAMP (the time of sending) left out: equal hashes mean the
/// event has not changed.
pub(super) fn fingerprint(body: &str) -> String {
    let mut hash = Sha256::new();
    for line in body.split_inclusive("\r\n") {
        if !line.starts_with("DTSTAMP:") {
            hash.update(line.as_bytes());
        }
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = hash.finalize();
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    hex
}

impl Store {
    /// Publishes the calendar `feed` describes to a CalDAV collection, as `login` when given,
    /// replacing conflicting copies on the server only with `overwrite`. Stops with an error when
    /// the server cannot be reached, refuses the login or has no such collection; what was
    /// published up to then is recorded.
    pub async fn publish_caldav(
        &self,
        feed: Feed,
        collection: &Collection,
        login: Option<Login>,
        overwrite: bool,
        clock: &dyn Clock,
    ) -> Result<PublishReport> {
        let calendar = self.calendar(feed).await?;
        let bodies = calendar.events_alone(clock)?;
        let mut stored = self.published(collection).await?;
        let client = Client::new(collection, login.as_ref());
        let mut report = PublishReport {
            calendar: calendar.name.clone(),
            collection: collection.as_str().to_owned(),
            ..PublishReport::default()
        };
        for ((event_uid, title), body) in calendar.events().zip(bodies) {
            let hash = fingerprint(&body);
            let previous = stored.remove(event_uid);
            let (client, uid, sent) = (client.clone(), event_uid.to_owned(), hash.clone());
            let outcome = tokio::task::spawn_blocking(move || {
                client.publish(&uid, &body, &sent, previous.as_ref(), overwrite)
            })
            .await
            .map_err(|e| Error::Remote(format!("publishing {event_uid} stopped: {e}")))??;
            let failed = |conflict: bool, reason: String| PublishFailure {
                uid: event_uid.to_owned(),
                title: title.to_owned(),
                conflict,
                reason,
            };
            match outcome {
                Outcome::Created(etag) => {
                    self.record(collection, event_uid, &etag, &hash, clock.now())
                        .await?;
                    report.created += 1;
                }
                Outcome::Updated(etag) => {
                    self.record(collection, event_uid, &etag, &hash, clock.now())
                        .await?;
                    report.updated += 1;
                }
                Outcome::Unchanged => report.unchanged += 1,
                Outcome::Conflict(why) => report.failed.push(failed(true, why.to_owned())),
                Outcome::Failed(why) => report.failed.push(failed(false, why)),
            }
        }
        report.not_in_calendar = stored.len();
        Ok(report)
    }

    /// What Roadie last put in a collection, by UID.
    async fn published(&self, collection: &Collection) -> Result<HashMap<String, Stored>> {
        let url = collection.as_str();
        let rows = sqlx::query!(
            "SELECT uid, etag, content_hash FROM caldav_resources WHERE collection_url = ?",
            url
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                (
                    r.uid,
                    Stored {
                        etag: r.etag,
                        hash: r.content_hash,
                    },
                )
            })
            .collect())
    }

    /// Records what was just put at a resource.
    async fn record(
        &self,
        collection: &Collection,
        uid: &str,
        etag: &str,
        hash: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let (url, at) = (collection.as_str(), at.timestamp());
        sqlx::query!(
            "INSERT INTO caldav_resources (collection_url, uid, etag, content_hash, published_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (collection_url, uid) DO UPDATE
             SET etag = excluded.etag, content_hash = excluded.content_hash, published_at = excluded.published_at",
            url,
            uid,
            etag,
            hash,
            at
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A summit's CalDAV settings, and whether the OS keyring holds the password they need.
    pub async fn caldav_settings(&self, summit_id: i64) -> Result<CaldavSettings> {
        self.summit(summit_id).await?;
        let target = self.caldav_target(summit_id).await?;
        let login = target
            .as_ref()
            .and_then(|t| Some((t.url.as_str(), t.user.as_deref()?)));
        let (password_saved, keyring_problem) = match login {
            None => (false, None),
            Some((url, user)) => match credentials::password(url, user).await {
                Ok(password) => (password.is_some(), None),
                Err(Error::Invalid { message, .. }) => (false, Some(message)),
                Err(e) => (false, Some(e.to_string())),
            },
        };
        Ok(CaldavSettings {
            target,
            password_saved,
            keyring_problem,
        })
    }

    /// Saves a summit's CalDAV settings, and `password` (when given) in the OS keyring for the
    /// target's user and collection: never in the database.
    pub async fn save_caldav_settings(
        &self,
        target: &CaldavTarget,
        password: Option<&str>,
    ) -> Result<CaldavSettings> {
        let target = target.validated()?;
        self.summit(target.summit_id).await?;
        if let Some(password) = password.filter(|p| !p.is_empty()) {
            let user = target.user.as_deref().ok_or_else(|| {
                Error::invalid("user", "a password needs the user name it belongs to")
            })?;
            credentials::save_password(&target.url, user, password).await?;
        }
        self.save_caldav_target(&target).await?;
        self.caldav_settings(target.summit_id).await
    }

    /// Publishes a summit's calendar as its CalDAV settings say, the password read from the OS
    /// keyring.
    pub async fn publish_to_caldav_target(
        &self,
        summit_id: i64,
        overwrite: bool,
        clock: &dyn Clock,
    ) -> Result<PublishReport> {
        let target = self.caldav_target(summit_id).await?.ok_or_else(|| {
            Error::invalid(
                "url",
                "give the CalDAV collection's address and save it first",
            )
        })?;
        let collection = target.collection()?;
        let login = match target.user {
            Some(user) => {
                let password = credentials::password(collection.as_str(), &user)
                    .await?
                    .ok_or_else(|| credentials::missing(collection.as_str(), &user))?;
                Some(Login { user, password })
            }
            None => None,
        };
        let feed = Feed::Summit {
            summit_id,
            audience: target.audience,
        };
        self.publish_caldav(feed, &collection, login, overwrite, clock)
            .await
    }

    /// Where a summit's calendar is published, if that was set up.
    pub async fn caldav_target(&self, summit_id: i64) -> Result<Option<CaldavTarget>> {
        let row = sqlx::query!(
            "SELECT summit_id, audience, url, username FROM caldav_targets WHERE summit_id = ?",
            summit_id
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(CaldavTarget {
                summit_id: r.summit_id,
                audience: CalendarAudience::parse("audience", &r.audience)?,
                url: r.url,
                user: r.username,
            })
        })
        .transpose()
    }

    /// Sets where a summit's calendar is published, replacing what was set before.
    pub async fn save_caldav_target(&self, target: &CaldavTarget) -> Result<CaldavTarget> {
        let target = target.validated()?;
        let audience = target.audience.as_str();
        sqlx::query!(
            "INSERT INTO caldav_targets (summit_id, audience, url, username) VALUES (?, ?, ?, ?)
             ON CONFLICT (summit_id) DO UPDATE
             SET audience = excluded.audience, url = excluded.url, username = excluded.username",
            target.summit_id,
            audience,
            target.url,
            target.user
        )
        .execute(&self.pool)
        .await
        .map_err(|e| {
            if is_foreign_key_violation(&e) {
                Error::invalid("summit", "no such summit")
            } else {
                e.into()
            }
        })?;
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_addresses_are_checked_and_end_in_a_slash() {
        let c = Collection::parse("url", " https://dav.example.org/cal/team ").unwrap();
        assert_eq!(c.as_str(), "https://dav.example.org/cal/team/");
        assert_eq!(
            c.resource("a1b2@roadie").as_str(),
            "https://dav.example.org/cal/team/a1b2@roadie.ics"
        );
        assert_eq!(
            c.resource("x/y z?#%").as_str(),
            "https://dav.example.org/cal/team/x%2Fy%20z%3F%23%25.ics"
        );
        for local in [
            "http://127.0.0.1:5232/u/c/",
            "http://localhost/c/",
            "http://[::1]/c/",
        ] {
            assert!(Collection::parse("url", local).is_ok(), "{local}");
        }
        for (bad, why) in [
            ("", "must not be empty"),
            ("dav.example.org/cal", "not a CalDAV collection address"),
            ("http://dav.example.org/cal/", "unencrypted"),
            ("ftp://dav.example.org/cal/", "expected https://"),
            (
                "https://ada:secret@dav.example.org/cal/",
                "does not belong in the address",
            ),
            ("https://dav.example.org/cal/?x=1", "query"),
        ] {
            let e = Collection::parse("url", bad).unwrap_err();
            assert_eq!(e.field(), Some("url"));
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn user_names_cannot_break_basic_authentication() {
        assert_eq!(user("user", Some(" ada ")).unwrap().as_deref(), Some("ada"));
        assert_eq!(user("user", Some("")).unwrap(), None);
        assert_eq!(user("user", Some("a:b")).unwrap_err().field(), Some("user"));
    }

    #[test]
    fn the_fingerprint_ignores_the_stamp_only() {
        let a = "BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n";
        let b = a.replace("20260101", "20270101");
        let c = a.replace("SUMMARY:x", "SUMMARY:y");
        assert_eq!(fingerprint(a), fingerprint(&b));
        assert_ne!(fingerprint(a), fingerprint(&c));
        assert_eq!(fingerprint(a).len(), 64);
        // Lowercase hex of SHA-256, as stored by earlier versions.
        assert_eq!(
            fingerprint(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
