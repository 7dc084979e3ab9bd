//! Gatherings: everything on a timeline — imported sessions, socials, meetups and milestones.

use chrono::{DateTime, Datelike, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::fields;
use crate::geo::Geo;
use crate::store::{Store, batch_ids, batch_json, is_foreign_key_violation, only};
use crate::text_enum::text_enum;
use crate::time::Zone;

text_enum!(
    /// What kind of thing a gathering is.
    GatheringKind("kind") {
        Session => "session",
        Social => "social",
        Meetup => "meetup",
        Milestone => "milestone",
    }
);

text_enum!(
    /// Who a gathering is for, and so which calendars carry it.
    Audience("audience") {
        Public => "public",
        Attendees => "attendees",
        Speakers => "speakers",
        InviteOnly => "invite-only",
        Organisers => "organisers",
    }
);

text_enum!(
    /// Whether a gathering happens. Cancelled gatherings stay, so calendars can cancel them.
    GatheringStatus("status") {
        Tentative => "tentative",
        Confirmed => "confirmed",
        Cancelled => "cancelled",
    }
);

/// What a gathering is; the input to create or update one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GatheringData {
    /// The summit it belongs to; only meetups may stand alone.
    pub summit_id: Option<i64>,
    pub kind: GatheringKind,
    pub title: String,
    pub description: Option<String>,
    /// When it starts (UTC; shown in `tz`).
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The venue's time zone.
    pub tz: Zone,
    pub venue: Option<String>,
    pub room: Option<String>,
    /// A web page about it: the calendar's URL, repeated in its DESCRIPTION.
    pub url: Option<String>,
    /// Where it is on the map: the calendar's GEO.
    pub geo: Option<Geo>,
    pub track: Option<String>,
    pub capacity: Option<i64>,
    pub expected_headcount: Option<i64>,
    pub audience: Audience,
    pub status: GatheringStatus,
    /// An RFC 5545 RRULE value for recurring meetups, e.g. `FREQ=MONTHLY;BYDAY=1TH`.
    pub recurrence: Option<String>,
}

impl GatheringData {
    /// Checks every field and returns the cleaned-up data.
    pub fn validated(&self) -> Result<GatheringData> {
        let title = fields::required("title", &self.title)?;
        if self.summit_id.is_none() && self.kind != GatheringKind::Meetup {
            return Err(Error::invalid(
                "summit",
                format!(
                    "a {} must belong to a summit; only meetups stand alone",
                    self.kind
                ),
            ));
        }
        // Times are stored to the second; drop finer parts so what is returned is what is stored.
        let (start, end) = (self.start.trunc_subsecs(0), self.end.trunc_subsecs(0));
        // What a calendar can hold (RFC 5545 years have four digits); chrono reads far more.
        for (field, t) in [("start", start), ("end", end)] {
            let local = self.tz.local(t);
            if !(0..=9999).contains(&local.year()) {
                return Err(Error::invalid(
                    field,
                    format!(
                        "{} is outside the years 0000 to 9999",
                        local.format("%Y-%m-%d %H:%M")
                    ),
                ));
            }
        }
        let zero_length_ok = self.kind == GatheringKind::Milestone;
        if end < start || (end == start && !zero_length_ok) {
            let local = |t| self.tz.local(t).format("%Y-%m-%d %H:%M").to_string();
            return Err(Error::invalid(
                "end",
                format!(
                    "{} is not after the start {} ({})",
                    local(end),
                    local(start),
                    self.tz
                ),
            ));
        }
        if let Some(c) = self.capacity {
            fields::non_negative("capacity", c)?;
        }
        if let Some(h) = self.expected_headcount {
            fields::non_negative("expected_headcount", h)?;
        }
        Ok(GatheringData {
            title,
            description: fields::optional("description", self.description.as_deref())?,
            venue: fields::optional("venue", self.venue.as_deref())?,
            room: fields::optional("room", self.room.as_deref())?,
            url: fields::web_url("url", self.url.as_deref())?,
            geo: self
                .geo
                .map(|g| Geo::new("geo", g.latitude, g.longitude))
                .transpose()?,
            track: fields::optional("track", self.track.as_deref())?,
            recurrence: recurrence("recurrence", self.recurrence.as_deref())?,
            start,
            end,
            ..self.clone()
        })
    }

    /// Whether anything a calendar shows differs, so its SEQUENCE must go up: times, title, text,
    /// status, place, link, position, recurrence, and the kind and track its CATEGORIES show.
    pub(crate) fn calendar_differs(&self, other: &GatheringData) -> bool {
        (
            self.start,
            self.end,
            self.tz,
            &self.title,
            &self.description,
            self.status,
        ) != (
            other.start,
            other.end,
            other.tz,
            &other.title,
            &other.description,
            other.status,
        ) || (&self.venue, &self.room, &self.recurrence)
            != (&other.venue, &other.room, &other.recurrence)
            || (self.kind, &self.track, &self.url, self.geo)
                != (other.kind, &other.track, &other.url, other.geo)
    }
}

/// Checks an RRULE value: FREQ first-class, known parts only, not both COUNT and UNTIL.
fn recurrence(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(rule) = fields::optional(field, text)? else {
        return Ok(None);
    };
    let rule = rule.to_ascii_uppercase();
    let mut freq = None;
    let mut seen = Vec::new();
    for part in rule.split(';') {
        let (key, value) = part
            .split_once('=')
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .ok_or_else(|| {
                Error::invalid(field, format!("{part:?} is not KEY=VALUE in {rule:?}"))
            })?;
        const KEYS: [&str; 9] = [
            "FREQ",
            "INTERVAL",
            "COUNT",
            "UNTIL",
            "BYDAY",
            "BYMONTHDAY",
            "BYMONTH",
            "BYSETPOS",
            "WKST",
        ];
        if !KEYS.contains(&key) {
            return Err(Error::invalid(
                field,
                format!("unsupported rule part {key:?}"),
            ));
        }
        if seen.contains(&key) {
            return Err(Error::invalid(field, format!("{key} appears twice")));
        }
        seen.push(key);
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == ',' || c == '-' || c == '+';
        if !value.chars().all(allowed) {
            return Err(Error::invalid(
                field,
                format!("{key} has an invalid value {value:?}"),
            ));
        }
        if key == "FREQ" {
            freq = Some(value);
        }
    }
    match freq {
        Some("DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY") => {}
        Some(other) => {
            return Err(Error::invalid(
                field,
                format!("FREQ={other} is not DAILY, WEEKLY, MONTHLY or YEARLY"),
            ));
        }
        None => {
            return Err(Error::invalid(
                field,
                "a rule needs FREQ, e.g. FREQ=MONTHLY;BYDAY=1TH",
            ));
        }
    }
    if seen.contains(&"COUNT") && seen.contains(&"UNTIL") {
        return Err(Error::invalid(
            field,
            "COUNT and UNTIL cannot both be given",
        ));
    }
    Ok(Some(rule))
}

/// A stored gathering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Gathering {
    pub id: i64,
    /// The calendar UID: stable across exports and edits.
    pub uid: String,
    /// The calendar SEQUENCE: raised whenever something a calendar shows changes.
    pub sequence: i64,
    #[serde(flatten)]
    pub data: GatheringData,
}

/// Which gatherings to list; every field narrows the list.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct GatheringFilter {
    pub summit_id: Option<i64>,
    /// Only gatherings that belong to no summit (standalone meetups).
    #[serde(default)]
    pub standalone: bool,
    pub kind: Option<GatheringKind>,
    pub audience: Option<Audience>,
    pub status: Option<GatheringStatus>,
    /// Only those that end after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Only those that start before this instant.
    pub to: Option<DateTime<Utc>>,
    /// At most this many, the earliest first.
    pub limit: Option<i64>,
}

/// A gathering as a timeline shows it: with its start and end as wall-clock times in its zone
/// (`YYYY-MM-DDTHH:MM`, see [`crate::forms::LOCAL_FORMAT`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GatheringView {
    #[serde(flatten)]
    pub gathering: Gathering,
    pub start_local: String,
    pub end_local: String,
}

impl From<Gathering> for GatheringView {
    fn from(gathering: Gathering) -> Self {
        let d = &gathering.data;
        let local = |t| d.tz.local(t).format(crate::forms::LOCAL_FORMAT).to_string();
        GatheringView {
            start_local: local(d.start),
            end_local: local(d.end),
            gathering,
        }
    }
}

/// A row of `gatherings`, in the table's column order: read by `query_as!`, or from the JSON array
/// of the view `gathering_rows` (migration 0008), which lists the columns in this order.
#[derive(Deserialize)]
struct GatheringRow {
    id: i64,
    uid: String,
    summit_id: Option<i64>,
    kind: String,
    title: String,
    description: Option<String>,
    starts_at: i64,
    ends_at: i64,
    tz: String,
    venue: Option<String>,
    room: Option<String>,
    url: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    track: Option<String>,
    capacity: Option<i64>,
    expected_headcount: Option<i64>,
    audience: String,
    status: String,
    recurrence: Option<String>,
    sequence: i64,
}

/// Gatherings from rows of the view `gathering_rows` (each a JSON array), one after the other
/// with a space between them.
fn from_json_rows(rows: &str) -> Result<Vec<Gathering>> {
    serde_json::Deserializer::from_str(rows)
        .into_iter::<GatheringRow>()
        .map(|row| Gathering::try_from(row.map_err(|e| sqlx::Error::Decode(Box::new(e)))?))
        .collect()
}

/// The rows of the gatherings with these ids (one JSON array each, from the view gathering_rows)
/// one after the other, a space between them: one value for them all instead of a row at a time.
async fn rows_by_id(conn: &mut SqliteConnection, ids: &[i64]) -> Result<String> {
    let ids = batch_json(ids)?;
    Ok(sqlx::query_scalar!(
        r#"SELECT coalesce(group_concat(r.row, ' '), '') AS "rows!: String"
         FROM json_each(?) AS chosen JOIN gathering_rows r ON r.id = chosen.value"#,
        ids
    )
    .fetch_one(conn)
    .await?)
}

/// Sorts gatherings by start, then id. Sorting moves each whole gathering many times, which costs
/// more than the sort itself at 100,000 gatherings: their keys are sorted instead, then each
/// gathering is moved once, following the cycles of the permutation.
fn in_time_order(gatherings: &mut [Gathering]) {
    let mut keys: Vec<(DateTime<Utc>, i64, usize)> = gatherings
        .iter()
        .enumerate()
        .map(|(i, g)| (g.data.start, g.id, i))
        .collect();
    keys.sort_unstable();
    // from[p]: where the gathering that belongs at p is now; p once it is there.
    let mut from: Vec<usize> = keys.into_iter().map(|(_, _, i)| i).collect();
    for start in 0..from.len() {
        let mut p = start;
        while from[p] != p {
            let q = from[p];
            from[p] = p;
            if q == start {
                break;
            }
            gatherings.swap(p, q);
            p = q;
        }
    }
}

/// How many gatherings [`Store::list_gatherings`] reads at once: a summit of 100,000 takes two
/// hundred reads, each small enough (about 200 kB of text) to reuse memory already in use rather
/// than fault in fresh pages, which would cost more than the reads.
const READ_AT_ONCE: usize = 500;

/// The UTC instant `seconds` after the Unix epoch, as stored.
pub(crate) fn instant(field: &str, seconds: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        Error::invalid(
            field,
            format!("{seconds} is outside the supported time range"),
        )
    })
}

impl TryFrom<GatheringRow> for Gathering {
    type Error = Error;
    fn try_from(row: GatheringRow) -> Result<Gathering> {
        Ok(Gathering {
            id: row.id,
            uid: row.uid,
            sequence: row.sequence,
            data: GatheringData {
                summit_id: row.summit_id,
                kind: GatheringKind::parse("kind", &row.kind)?,
                title: row.title,
                description: row.description,
                start: instant("start", row.starts_at)?,
                end: instant("end", row.ends_at)?,
                tz: Zone::parse("tz", &row.tz)?,
                venue: row.venue,
                room: row.room,
                url: row.url,
                geo: match (row.latitude, row.longitude) {
                    (Some(latitude), Some(longitude)) => {
                        Some(Geo::new("geo", latitude, longitude)?)
                    }
                    _ => None,
                },
                track: row.track,
                capacity: row.capacity,
                expected_headcount: row.expected_headcount,
                audience: Audience::parse("audience", &row.audience)?,
                status: GatheringStatus::parse("status", &row.status)?,
                recurrence: row.recurrence,
            },
        })
    }
}

fn unknown_summit(e: sqlx::Error) -> Error {
    if is_foreign_key_violation(&e) {
        Error::invalid("summit", "no such summit")
    } else {
        e.into()
    }
}

/// One gathering as `insert_many` sends it: a JSON array in the table's column order (a tuple
/// struct, since serde writes plain tuples of at most 16 values).
#[derive(Serialize)]
struct InsertRow<'a>(
    &'a str,
    Option<i64>,
    &'a str,
    &'a str,
    &'a Option<String>,
    i64,
    i64,
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    Option<i64>,
    Option<i64>,
    &'a str,
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    Option<f64>,
    Option<f64>,
);

/// Inserts validated gatherings on `conn` with one statement and returns their ids and UIDs, in
/// order. The rows travel as one JSON array; each gets the id one past the table's largest plus its
/// index, so the ids are known without a round trip per row.
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    items: &[GatheringData],
) -> Result<Vec<(i64, String)>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let uids: Vec<String> = items
        .iter()
        .map(|_| format!("{}@roadie", uuid::Uuid::new_v4()))
        .collect();
    let rows: Vec<_> = items
        .iter()
        .zip(&uids)
        .map(|(d, uid)| {
            InsertRow(
                uid,
                d.summit_id,
                d.kind.as_str(),
                &d.title,
                &d.description,
                d.start.timestamp(),
                d.end.timestamp(),
                d.tz.name(),
                &d.venue,
                &d.room,
                &d.track,
                d.capacity,
                d.expected_headcount,
                d.audience.as_str(),
                d.status.as_str(),
                &d.recurrence,
                &d.url,
                d.geo.map(|g| g.latitude),
                d.geo.map(|g| g.longitude),
            )
        })
        .collect();
    let json = batch_json(&rows)?;
    let done = sqlx::query!(
        "INSERT INTO gatherings (id, uid, summit_id, kind, title, description, starts_at, ends_at, tz, venue, room,
         track, capacity, expected_headcount, audience, status, recurrence, url, latitude, longitude)
         SELECT (SELECT coalesce(max(id), 0) FROM gatherings) + 1 + key, value ->> 0, value ->> 1, value ->> 2,
                value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9,
                value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15,
                value ->> 16, value ->> 17, value ->> 18
         FROM json_each(?) ORDER BY key",
        json
    )
    .execute(&mut *conn)
    .await
    .map_err(unknown_summit)?;
    Ok(batch_ids(done, items.len())?.zip(uids).collect())
}

impl Store {
    /// Adds a gathering.
    pub async fn add_gathering(&self, data: &GatheringData) -> Result<Gathering> {
        let data = data.validated()?;
        let mut conn = self.pool.acquire().await?;
        let (id, uid) = only(insert_many(&mut conn, std::slice::from_ref(&data)).await?)?;
        Ok(Gathering {
            id,
            uid,
            sequence: 0,
            data,
        })
    }

    /// Adds many gatherings in one transaction: all of them, or none if any is invalid.
    pub async fn add_gatherings(&self, items: &[GatheringData]) -> Result<Vec<i64>> {
        let valid = items
            .iter()
            .map(GatheringData::validated)
            .collect::<Result<Vec<_>>>()?;
        let mut tx = self.write().await?;
        let ids = insert_many(&mut tx, &valid)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        tx.commit().await?;
        Ok(ids)
    }

    /// The gathering with this id.
    pub async fn gathering(&self, id: i64) -> Result<Gathering> {
        sqlx::query_as!(GatheringRow, "SELECT * FROM gatherings WHERE id = ?", id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::not_found("gathering", id))?
            .try_into()
    }

    /// Gatherings matching `filter`, in time order.
    pub async fn list_gatherings(&self, filter: &GatheringFilter) -> Result<Vec<Gathering>> {
        let kind = filter.kind.map(GatheringKind::as_str);
        let audience = filter.audience.map(Audience::as_str);
        let status = filter.status.map(GatheringStatus::as_str);
        let from = filter.from.map(|t| t.timestamp());
        let to = filter.to.map(|t| t.timestamp());
        // One read transaction: every statement below sees the same database.
        let mut tx = self.pool.begin().await?;
        // A summit can hold 100,000 gatherings. Their ids are chosen and put in time order alone
        // (not whole rows; the limit applies in that order): a summit's from its part of the
        // index on (summit_id, starts_at), already in order...
        let ids = match (filter.summit_id, filter.standalone) {
            (Some(summit_id), false) => sqlx::query_scalar!(
                r#"SELECT json_group_array(id) AS "ids!: String" FROM (SELECT id FROM gathering_rows
                 WHERE summit_id = ?1
                   AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR audience = ?3) AND (?4 IS NULL OR status = ?4)
                   AND (?5 IS NULL OR ends_at > ?5) AND (?6 IS NULL OR starts_at < ?6)
                 ORDER BY starts_at, id LIMIT coalesce(?7, -1))"#,
                summit_id, kind, audience, status, from, to, filter.limit
            )
            .fetch_one(&mut *tx)
            .await?,
            _ => sqlx::query_scalar!(
                r#"SELECT json_group_array(id) AS "ids!: String" FROM (SELECT id FROM gathering_rows
                 WHERE (?1 IS NULL OR summit_id = ?1) AND (NOT ?2 OR summit_id IS NULL)
                   AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR audience = ?4) AND (?5 IS NULL OR status = ?5)
                   AND (?6 IS NULL OR ends_at > ?6) AND (?7 IS NULL OR starts_at < ?7)
                 ORDER BY starts_at, id LIMIT coalesce(?8, -1))"#,
                filter.summit_id, filter.standalone, kind, audience, status, from, to, filter.limit
            )
            .fetch_one(&mut *tx)
            .await?,
        };
        let mut ids: Vec<i64> =
            serde_json::from_str(&ids).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        // ...then the rows are read in the table's order, a few hundred at a time, so that each
        // read finds its pages next to the last one's (in time order, reads jump about the file).
        ids.sort_unstable();
        let mut gatherings = Vec::with_capacity(ids.len());
        let mut chunks = ids.chunks(READ_AT_ONCE);
        let mut read = match chunks.next() {
            Some(chunk) => Some(rows_by_id(&mut tx, chunk).await?),
            None => None,
        };
        while let Some(rows) = read {
            // The next rows are read (on the database's own thread) while these are decoded.
            let (next, decoded) = tokio::join!(
                async {
                    match chunks.next() {
                        Some(chunk) => rows_by_id(&mut tx, chunk).await.map(Some),
                        None => Ok(None),
                    }
                },
                async { from_json_rows(&rows) }
            );
            gatherings.extend(decoded?);
            read = next?;
        }
        tx.commit().await?;
        in_time_order(&mut gatherings);
        Ok(gatherings)
    }

    /// The gatherings with these ids, in time order (missing ids are left out).
    pub(crate) async fn gatherings_by_id(&self, ids: &[i64]) -> Result<Vec<Gathering>> {
        let rows = rows_by_id(&mut *self.pool.acquire().await?, ids).await?;
        let mut gatherings = from_json_rows(&rows)?;
        in_time_order(&mut gatherings);
        Ok(gatherings)
    }

    /// Replaces a gathering's data, raising its SEQUENCE when a calendar would show the change.
    pub async fn update_gathering(&self, id: i64, data: &GatheringData) -> Result<Gathering> {
        let data = data.validated()?;
        // IMMEDIATE: this transaction reads, then writes; a deferred one fails at once with
        // SQLITE_BUSY when another connection writes in between, whatever the busy timeout.
        let mut tx = self.write().await?;
        let old: Gathering =
            sqlx::query_as!(GatheringRow, "SELECT * FROM gatherings WHERE id = ?", id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| Error::not_found("gathering", id))?
                .try_into()?;
        let sequence = old.sequence + i64::from(old.data.calendar_differs(&data));
        let (latitude, longitude) = (data.geo.map(|g| g.latitude), data.geo.map(|g| g.longitude));
        let (kind, start, end, tz) = (
            data.kind.as_str(),
            data.start.timestamp(),
            data.end.timestamp(),
            data.tz.name(),
        );
        let (audience, status) = (data.audience.as_str(), data.status.as_str());
        sqlx::query!(
            "UPDATE gatherings SET summit_id = ?, kind = ?, title = ?, description = ?, starts_at = ?, ends_at = ?,
             tz = ?, venue = ?, room = ?, track = ?, capacity = ?, expected_headcount = ?, audience = ?, status = ?,
             recurrence = ?, sequence = ?, url = ?, latitude = ?, longitude = ? WHERE id = ?",
            data.summit_id, kind, data.title, data.description, start, end, tz, data.venue, data.room, data.track,
            data.capacity, data.expected_headcount, audience, status, data.recurrence, sequence, data.url,
            latitude, longitude, id
        )
        .execute(&mut *tx)
        .await
        .map_err(unknown_summit)?;
        tx.commit().await?;
        Ok(Gathering {
            id,
            uid: old.uid,
            sequence,
            data,
        })
    }

    /// Cancels a gathering: it stays, marked cancelled, with its SEQUENCE raised (once).
    pub async fn cancel_gathering(&self, id: i64) -> Result<Gathering> {
        let done = sqlx::query!(
            "UPDATE gatherings SET sequence = sequence + (status <> 'cancelled'), status = 'cancelled' WHERE id = ?",
            id
        )
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found("gathering", id));
        }
        self.gathering(id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn gatherings_are_put_in_time_order(starts in proptest::collection::vec(0i64..50, 0..200)) {
            let mut gatherings: Vec<Gathering> = starts
                .iter()
                .enumerate()
                .map(|(i, start)| {
                    let mut g = crate::ical::tests::gathering(
                        i64::try_from(i).unwrap(),
                        GatheringKind::Session,
                        "t",
                        "2026-06-10T07:00:00Z",
                        "2026-06-10T08:00:00Z",
                    );
                    g.data.start += chrono::Duration::hours(*start);
                    g
                })
                .rev()
                .collect();
            let mut expected = gatherings.clone();
            expected.sort_by_key(|g| (g.data.start, g.id));
            in_time_order(&mut gatherings);
            prop_assert_eq!(gatherings, expected);
        }
    }

    #[test]
    fn rules_are_checked() {
        assert_eq!(
            recurrence("r", Some("freq=monthly;byday=1th"))
                .unwrap()
                .as_deref(),
            Some("FREQ=MONTHLY;BYDAY=1TH")
        );
        assert_eq!(recurrence("r", Some(" ")).unwrap(), None);
        for bad in [
            "BYDAY=MO",
            "FREQ=HOURLY",
            "FREQ=WEEKLY;FREQ=DAILY",
            "FREQ=DAILY;COUNT=2;UNTIL=20270101",
            "FREQ=WEEKLY;X-FOO=1",
            "FREQ=WEEKLY;BYDAY",
            "FREQ=WEEKLY;BYDAY=MO\r\nX:1",
        ] {
            assert_eq!(
                recurrence("recurrence", Some(bad)).unwrap_err().field(),
                Some("recurrence"),
                "{bad}"
            );
        }
    }
}
