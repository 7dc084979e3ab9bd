//! A schedule against a summit: what an import would add, change and cancel (the preview), and
//! writing exactly that in one transaction (the import).
//!
//! Sessions are matched by the key their source knows them by, kept in `imported_sessions`; the
//! import owns their title, abstract, times, zone, room, track, type, language and speakers, and
//! leaves what organisers add (venue, capacity, audience) alone. A session missing from the file
//! is cancelled, never deleted. People are matched by their key in `imported_speakers`, else by
//! name among every speaker, so nobody is created twice.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::{
    ImportProgress, ImportStage, ProgressFn, Schedule, ScheduleFormat, Talk, normalise_name,
};
use crate::error::{Error, Result};
use crate::fields;
use crate::gathering::{
    self, Audience, Gathering, GatheringData, GatheringFilter, GatheringKind, GatheringStatus,
};
use crate::money::Currency;
use crate::speaker::{self, SpeakerData};
use crate::store::{Store, batch_json};
use crate::summit::{self, Summit, SummitData};
use crate::text_enum::text_enum;
use crate::time::Zone;

/// Where and how to import a schedule, as typed on the command line or in the import dialog.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleOptions {
    /// The summit's slug; when no summit has it, one is created from the file's conference.
    pub summit: String,
    /// The venue's IANA time zone, for files that name none (or the wrong one).
    pub tz: Option<String>,
    /// The base currency of a summit the import creates (EUR when blank).
    pub currency: Option<String>,
}

text_enum!(
    /// What an import does to one session.
    ChangeAction("change") {
        Added => "added",
        Changed => "changed",
        Cancelled => "cancelled",
    }
);

/// How many records an import adds, changes, cancels and leaves as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChangeCounts {
    pub added: u32,
    pub changed: u32,
    pub cancelled: u32,
    pub unchanged: u32,
}

impl ChangeCounts {
    fn plus(self, other: ChangeCounts) -> ChangeCounts {
        ChangeCounts {
            added: self.added + other.added,
            changed: self.changed + other.changed,
            cancelled: self.cancelled + other.cancelled,
            unchanged: self.unchanged + other.unchanged,
        }
    }
}

/// The summit a schedule goes into: one that exists, or the one the import creates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SummitTarget {
    /// Its id; null while it is still to be created.
    pub id: Option<i64>,
    /// Whether the import creates it (or, once applied, created it).
    pub created: bool,
    pub slug: String,
    pub name: String,
    pub tz: Zone,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub currency: Currency,
}

/// One session the import adds, changes or cancels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionChange {
    pub action: ChangeAction,
    /// The key the source knows it by.
    pub key: String,
    /// The gathering; null for one still to be added.
    pub gathering_id: Option<i64>,
    pub title: String,
    /// Its (new) start and end, wall-clock in the summit's zone, `YYYY-MM-DDTHH:MM`.
    pub start_local: String,
    pub end_local: String,
    pub room: Option<String>,
    /// What changes: `start`, `end`, `title`, `abstract`, `room`, `track`, `type`, `language`,
    /// `speakers`, `tz`, `status`.
    pub fields: Vec<String>,
}

/// What an import of a schedule does (a preview) or did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScheduleReport {
    pub format: ScheduleFormat,
    /// The format as people know it, e.g. "frab/pentabarf schedule XML".
    pub format_name: String,
    pub summit: SummitTarget,
    /// Whether this was written (false for a preview).
    pub applied: bool,
    /// Sessions and speakers together.
    pub added: u32,
    pub changed: u32,
    pub cancelled: u32,
    pub unchanged: u32,
    pub sessions: ChangeCounts,
    pub speakers: ChangeCounts,
    /// Every session added, changed or cancelled, by (new) start time, cancellations last.
    pub changes: Vec<SessionChange>,
    /// What was left out, guessed or looks wrong, each with where in the file.
    pub warnings: Vec<String>,
}

impl Store {
    /// What importing `schedule` would do, without writing anything.
    pub async fn preview_schedule(
        &self,
        schedule: &Schedule,
        options: &ScheduleOptions,
        progress: ProgressFn<'_>,
    ) -> Result<ScheduleReport> {
        self.schedule_import(schedule, options, false, progress)
            .await
    }

    /// Imports `schedule`: everything the preview lists, in one transaction.
    pub async fn import_schedule(
        &self,
        schedule: &Schedule,
        options: &ScheduleOptions,
        progress: ProgressFn<'_>,
    ) -> Result<ScheduleReport> {
        self.schedule_import(schedule, options, true, progress)
            .await
    }

    async fn schedule_import(
        &self,
        schedule: &Schedule,
        options: &ScheduleOptions,
        apply: bool,
        progress: ProgressFn<'_>,
    ) -> Result<ScheduleReport> {
        let slug = fields::slug("summit", &options.summit)?;
        let tz = match options.tz.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => Some(Zone::parse("tz", name)?),
            _ => None,
        };
        let currency = match options.currency.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => Currency::parse("currency", code)?,
            _ => Currency::parse("currency", "EUR")?,
        };
        // IMMEDIATE when writing: the comparison and the writes see the same database.
        let mut tx = if apply {
            self.write().await?
        } else {
            self.pool.begin().await?
        };
        let existing =
            sqlx::query_scalar!(r#"SELECT id AS "id!" FROM summits WHERE slug = ?"#, slug)
                .fetch_optional(&mut *tx)
                .await?;
        let existing = match existing {
            Some(id) => Some(self.summit(id).await?),
            None => None,
        };
        let mut warnings = schedule.warnings.clone();
        let zone = resolve_zone(schedule, tz, existing.as_ref(), &mut warnings)?;
        let incoming = incoming(schedule, zone, &mut warnings)?;
        let target = target(
            schedule,
            existing.as_ref(),
            &slug,
            zone,
            currency,
            &incoming,
        )?;
        ImportProgress::report(progress, ImportStage::Comparing, 0, incoming.len());
        let state = match &existing {
            Some(summit) => State::load(self, &mut tx, summit.id).await?,
            None => State::default(),
        };
        let speakers = all_speakers(&mut tx).await?;
        let plan = Plan::new(&incoming, &state, &speakers, zone)?;
        ImportProgress::report(
            progress,
            ImportStage::Comparing,
            incoming.len(),
            incoming.len(),
        );
        let mut target = target;
        if apply {
            let summit_id = match target.id {
                Some(id) => id,
                None => {
                    let data = target_data(&target)?;
                    summit::insert(&mut tx, &data).await?
                }
            };
            plan.write(&mut tx, summit_id, &incoming, progress).await?;
            tx.commit().await?;
            target.id = Some(summit_id);
        } else {
            tx.rollback().await?;
        }
        ImportProgress::report(progress, ImportStage::Done, 1, 1);
        Ok(plan.report(schedule.format, target, apply, warnings))
    }
}

/// Everything an import works out before it reads the database (the zone, the talks as
/// gatherings, the summit to create), for the fuzz targets: how many sessions there are.
pub(crate) fn convert(schedule: &Schedule) -> Result<usize> {
    let mut warnings = Vec::new();
    let zone = resolve_zone(schedule, None, None, &mut warnings)?;
    let incoming = incoming(schedule, zone, &mut warnings)?;
    let currency = Currency::parse("currency", "EUR")?;
    target(schedule, None, "fuzz", zone, currency, &incoming)?;
    Ok(incoming.len())
}

/// The zone the schedule's times are shown in: the one asked for, else the one the file names,
/// else the summit's, else (when every time carries the same whole-hour offset) that offset's
/// `Etc/GMT` zone. Times written with an offset the zone does not have then are kept as written.
fn resolve_zone(
    schedule: &Schedule,
    asked: Option<Zone>,
    summit: Option<&Summit>,
    warnings: &mut Vec<String>,
) -> Result<Zone> {
    let named = match &schedule.conference.time_zone {
        Some(tz) => Some(Zone::parse(&tz.at, &tz.value)?),
        None => None,
    };
    let zone = match (asked, named, summit) {
        (Some(zone), _, _) | (None, Some(zone), _) => zone,
        (None, None, Some(summit)) => summit.data.tz,
        (None, None, None) => infer_zone(schedule, warnings)?,
    };
    let mut wrong = schedule.talks.iter().filter_map(|t| match t.start {
        super::When::Exact(at) => {
            let offset = zone.tz().offset_from_utc_datetime(&at.naive_utc()).fix();
            (offset != *at.offset()).then_some((t, at))
        }
        super::When::Local(_) => None,
    });
    if let Some((talk, at)) = wrong.next() {
        let more = wrong.count();
        warnings.push(format!(
            "{}: {:?} is written {} but {} is {} then{}; times stay as the file writes them",
            talk.at,
            talk.title,
            at.to_rfc3339(),
            zone,
            zone.tz().offset_from_utc_datetime(&at.naive_utc()).fix(),
            if more > 0 {
                format!(" (and {more} more like it)")
            } else {
                String::new()
            }
        ));
    }
    Ok(zone)
}

fn infer_zone(schedule: &Schedule, warnings: &mut Vec<String>) -> Result<Zone> {
    let needs_zone = || {
        Error::invalid(
            "tz",
            format!(
                "the {} gives its times without a time zone: name the venue's zone, e.g. Europe/Berlin",
                schedule.format.label()
            ),
        )
    };
    // Wall-clock times without an offset are read in the zone the others' offset gives.
    let mut offsets: Vec<i32> = Vec::new();
    for offset in schedule.talks.iter().filter_map(|t| t.start.offset()) {
        if !offsets.contains(&offset.local_minus_utc()) {
            offsets.push(offset.local_minus_utc());
        }
    }
    match offsets.as_slice() {
        [seconds] if seconds % 3600 == 0 => {
            let hours = seconds / 3600;
            // The Etc zones' signs are POSIX's, the reverse of ISO 8601's.
            let name = match hours {
                0 => "UTC".to_owned(),
                h if h > 0 => format!("Etc/GMT-{h}"),
                h => format!("Etc/GMT+{}", -h),
            };
            let zone = Zone::parse("tz", &name).map_err(|_| needs_zone())?;
            warnings.push(format!(
                "the file names no time zone; its times are all {}, so they are shown in {name}; \
                 name the venue's zone (e.g. Europe/Berlin) to show them in it",
                chrono::FixedOffset::east_opt(*seconds)
                    .map(|o| o.to_string())
                    .unwrap_or_default()
            ));
            Ok(zone)
        }
        _ => Err(needs_zone()),
    }
}

/// A talk as the gathering it becomes, with what lives beside it.
struct Incoming<'a> {
    talk: &'a Talk,
    data: GatheringData,
}

/// The talks as gatherings (their summit still unset), each checked like a gathering typed in.
fn incoming<'a>(
    schedule: &'a Schedule,
    zone: Zone,
    warnings: &mut Vec<String>,
) -> Result<Vec<Incoming<'a>>> {
    let at = |talk: &Talk| {
        let place = talk.at.clone();
        move |e: Error| match e {
            Error::Invalid { field, message } => {
                Error::invalid(place, format!("{field}: {message}"))
            }
            other => other,
        }
    };
    schedule
        .talks
        .iter()
        .map(|talk| {
            let start = talk.start.to_utc("start", zone).map_err(at(talk))?;
            let end = start.checked_add_signed(talk.duration).ok_or_else(|| {
                Error::invalid(talk.at.clone(), "ends outside the supported time range")
            })?;
            let mut summary = talk.summary.clone();
            if let Some(text) = &summary
                && text.chars().count() > fields::MAX_TEXT
            {
                warnings.push(format!(
                    "{}: the abstract of {:?} is cut to {} characters",
                    talk.at,
                    talk.title,
                    fields::MAX_TEXT
                ));
                let mut cut: String = text.chars().take(fields::MAX_TEXT - 1).collect();
                cut.push('…');
                summary = Some(cut);
            }
            let data = GatheringData {
                // Set for real when written; validation only needs one.
                summit_id: Some(0),
                kind: GatheringKind::Session,
                title: talk.title.clone(),
                description: summary,
                start,
                end,
                tz: zone,
                venue: None,
                room: talk.room.clone(),
                track: talk.track.clone(),
                url: None,
                geo: None,
                capacity: None,
                expected_headcount: None,
                audience: Audience::Public,
                status: GatheringStatus::Confirmed,
                recurrence: None,
            }
            .validated()
            .map_err(at(talk))?;
            Ok(Incoming { talk, data })
        })
        .collect()
}

/// The summit the schedule goes into: the existing one, or one made from the conference.
fn target(
    schedule: &Schedule,
    existing: Option<&Summit>,
    slug: &str,
    zone: Zone,
    currency: Currency,
    incoming: &[Incoming<'_>],
) -> Result<SummitTarget> {
    if let Some(s) = existing {
        return Ok(SummitTarget {
            id: Some(s.id),
            created: false,
            slug: s.data.slug.clone(),
            name: s.data.name.clone(),
            tz: s.data.tz,
            start_date: s.data.start_date,
            end_date: s.data.end_date,
            currency: s.data.currency,
        });
    }
    let conference = &schedule.conference;
    let dates = incoming.iter().map(|i| zone.local(i.data.start).date());
    let start_date = conference.start.or_else(|| dates.clone().min());
    let end_date = conference.end.or_else(|| dates.max());
    let (Some(start_date), Some(end_date)) = (start_date, end_date) else {
        return Err(Error::invalid("file", "the schedule gives no dates"));
    };
    let target = SummitTarget {
        id: None,
        created: true,
        slug: slug.to_owned(),
        name: conference
            .title
            .clone()
            .or_else(|| conference.acronym.clone())
            .unwrap_or_else(|| slug.to_owned()),
        tz: zone,
        start_date,
        end_date: end_date.max(start_date),
        currency,
    };
    target_data(&target)?;
    Ok(target)
}

fn target_data(target: &SummitTarget) -> Result<SummitData> {
    SummitData {
        name: target.name.chars().take(fields::MAX_LINE).collect(),
        slug: target.slug.clone(),
        city: None,
        venue: None,
        tz: target.tz,
        start_date: target.start_date,
        end_date: target.end_date,
        currency: target.currency,
        budget: None,
    }
    .validated()
    .map_err(|e| match e {
        Error::Invalid { field, message } => {
            Error::invalid("file", format!("the conference's {field}: {message}"))
        }
        other => other,
    })
}

/// An imported session as stored.
struct Existing {
    gathering: Gathering,
    session_type: Option<String>,
    language: Option<String>,
}

/// What a summit holds from earlier imports.
#[derive(Default)]
struct State {
    /// By source key.
    sessions: HashMap<String, Existing>,
    /// The speakers of each imported session.
    links: HashMap<i64, HashSet<i64>>,
    /// Person keys and the speakers they were merged into.
    people: HashMap<String, i64>,
}

/// Rows read as one JSON array of arrays: sqlx passes one value far faster than thousands of rows.
fn rows<T: serde::de::DeserializeOwned>(json: &str) -> Result<Vec<T>> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)).into())
}

impl State {
    async fn load(store: &Store, tx: &mut SqliteConnection, summit_id: i64) -> Result<State> {
        let sessions = sqlx::query_scalar!(
            r#"SELECT json_group_array(json_array(gathering_id, source_key, session_type, language)) AS "rows!: String"
               FROM imported_sessions WHERE summit_id = ?"#,
            summit_id
        )
        .fetch_one(&mut *tx)
        .await?;
        let sessions: Vec<(i64, String, Option<String>, Option<String>)> = rows(&sessions)?;
        // Read on another connection: the write lock this import holds keeps the two in step.
        let filter = GatheringFilter {
            summit_id: Some(summit_id),
            ..GatheringFilter::default()
        };
        let mut gatherings: HashMap<i64, Gathering> = store
            .list_gatherings(&filter)
            .await?
            .into_iter()
            .map(|g| (g.id, g))
            .collect();
        let sessions = sessions
            .into_iter()
            .filter_map(|(id, key, session_type, language)| {
                let gathering = gatherings.remove(&id)?;
                Some((
                    key,
                    Existing {
                        gathering,
                        session_type,
                        language,
                    },
                ))
            })
            .collect();
        let pairs = sqlx::query_scalar!(
            r#"SELECT json_group_array(json_array(t.gathering_id, t.speaker_id)) AS "rows!: String"
               FROM speaker_talks t JOIN imported_sessions s ON s.gathering_id = t.gathering_id
               WHERE s.summit_id = ?"#,
            summit_id
        )
        .fetch_one(&mut *tx)
        .await?;
        let mut links: HashMap<i64, HashSet<i64>> = HashMap::new();
        for (gathering, speaker) in rows::<(i64, i64)>(&pairs)? {
            links.entry(gathering).or_default().insert(speaker);
        }
        let people = sqlx::query_scalar!(
            r#"SELECT json_group_array(json_array(source_key, speaker_id)) AS "rows!: String"
               FROM imported_speakers WHERE summit_id = ?"#,
            summit_id
        )
        .fetch_one(&mut *tx)
        .await?;
        Ok(State {
            sessions,
            links,
            people: rows::<(String, i64)>(&people)?.into_iter().collect(),
        })
    }
}

/// Every speaker's id and name, for merging people by name.
async fn all_speakers(tx: &mut SqliteConnection) -> Result<Vec<(i64, String)>> {
    let json = sqlx::query_scalar!(
        r#"SELECT json_group_array(json_array(id, name)) AS "rows!: String"
           FROM (SELECT id, name FROM speakers ORDER BY id)"#
    )
    .fetch_one(&mut *tx)
    .await?;
    rows(&json)
}

/// A speaker a person resolves to: one stored, or the n-th the import adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Who {
    Stored(i64),
    New(usize),
}

/// An existing session and what happens to it.
struct Update {
    id: i64,
    data: GatheringData,
    sequence: i64,
}

/// The difference between a schedule and a summit, ready to write.
struct Plan {
    /// For each incoming talk: the session it updates, if any.
    matched: Vec<Option<i64>>,
    changes: Vec<SessionChange>,
    updates: Vec<Update>,
    /// Type and language per existing session that changed them.
    details: Vec<(i64, Option<String>, Option<String>)>,
    cancels: Vec<i64>,
    sessions: ChangeCounts,
    speakers: ChangeCounts,
    new_speakers: Vec<SpeakerData>,
    renames: Vec<(i64, String)>,
    new_keys: Vec<(String, Who)>,
    /// For each incoming talk, the speakers it has.
    talk_speakers: Vec<Vec<Who>>,
    link_adds: Vec<(Who, i64)>,
    link_removals: Vec<(i64, i64)>,
}

impl Plan {
    fn new(
        incoming: &[Incoming<'_>],
        state: &State,
        speakers: &[(i64, String)],
        zone: Zone,
    ) -> Result<Plan> {
        let mut people = People::new(state, speakers);
        let talk_speakers = incoming
            .iter()
            .map(|i| people.resolve(i.talk))
            .collect::<Result<Vec<_>>>()?;
        let renames = people.renames();
        let managed: HashSet<i64> = state
            .people
            .values()
            .copied()
            .chain(people.keys.values().filter_map(|w| match w {
                Who::Stored(id) => Some(*id),
                Who::New(_) => None,
            }))
            .collect();

        let local = |t: DateTime<Utc>| zone.local(t).format(crate::forms::LOCAL_FORMAT).to_string();
        let mut plan = Plan {
            matched: Vec::with_capacity(incoming.len()),
            changes: Vec::new(),
            updates: Vec::new(),
            details: Vec::new(),
            cancels: Vec::new(),
            sessions: ChangeCounts::default(),
            speakers: ChangeCounts::default(),
            new_speakers: people.new.clone(),
            renames,
            new_keys: people.new_keys.clone(),
            talk_speakers: Vec::new(),
            link_adds: Vec::new(),
            link_removals: Vec::new(),
        };
        let mut seen = HashSet::new();
        for (item, whos) in incoming.iter().zip(&talk_speakers) {
            let talk = item.talk;
            seen.insert(talk.key.as_str());
            let Some(old) = state.sessions.get(&talk.key) else {
                plan.matched.push(None);
                plan.sessions.added += 1;
                plan.changes.push(SessionChange {
                    action: ChangeAction::Added,
                    key: talk.key.clone(),
                    gathering_id: None,
                    title: item.data.title.clone(),
                    start_local: local(item.data.start),
                    end_local: local(item.data.end),
                    room: item.data.room.clone(),
                    fields: Vec::new(),
                });
                continue;
            };
            let id = old.gathering.id;
            plan.matched.push(Some(id));
            let before = &old.gathering.data;
            let after = GatheringData {
                title: item.data.title.clone(),
                description: item.data.description.clone(),
                start: item.data.start,
                end: item.data.end,
                tz: item.data.tz,
                room: item.data.room.clone(),
                track: item.data.track.clone(),
                status: match before.status {
                    GatheringStatus::Cancelled => GatheringStatus::Confirmed,
                    other => other,
                },
                ..before.clone()
            };
            let mut fields: Vec<&str> = [
                ("title", before.title != after.title),
                ("abstract", before.description != after.description),
                ("start", before.start != after.start),
                ("end", before.end != after.end),
                ("tz", before.tz != after.tz),
                ("room", before.room != after.room),
                ("track", before.track != after.track),
                ("status", before.status != after.status),
            ]
            .into_iter()
            .filter_map(|(name, changed)| changed.then_some(name))
            .collect();
            let row_changes = !fields.is_empty();
            let details_change =
                old.session_type != talk.session_type || old.language != talk.language;
            if old.session_type != talk.session_type {
                fields.push("type");
            }
            if old.language != talk.language {
                fields.push("language");
            }
            // Speakers: the file's, against those linked whom imports manage.
            let want: HashSet<Who> = whos.iter().copied().collect();
            let have = state.links.get(&id);
            let mut speakers_change = false;
            for who in &want {
                let linked = matches!(who, Who::Stored(s) if have.is_some_and(|h| h.contains(s)));
                if !linked {
                    plan.link_adds.push((*who, id));
                    speakers_change = true;
                }
            }
            for s in have.into_iter().flatten() {
                if managed.contains(s) && !want.contains(&Who::Stored(*s)) {
                    plan.link_removals.push((*s, id));
                    speakers_change = true;
                }
            }
            if speakers_change {
                fields.push("speakers");
            }
            if fields.is_empty() {
                plan.sessions.unchanged += 1;
                continue;
            }
            plan.sessions.changed += 1;
            if details_change {
                plan.details
                    .push((id, talk.session_type.clone(), talk.language.clone()));
            }
            let sequence = old.gathering.sequence + i64::from(before.calendar_differs(&after));
            plan.changes.push(SessionChange {
                action: ChangeAction::Changed,
                key: talk.key.clone(),
                gathering_id: Some(id),
                title: after.title.clone(),
                start_local: local(after.start),
                end_local: local(after.end),
                room: after.room.clone(),
                fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            });
            if row_changes {
                plan.updates.push(Update {
                    id,
                    data: after,
                    sequence,
                });
            }
        }
        let mut gone: Vec<(&String, &Existing)> = state
            .sessions
            .iter()
            .filter(|(key, _)| !seen.contains(key.as_str()))
            .collect();
        gone.sort_by_key(|(_, e)| (e.gathering.data.start, e.gathering.id));
        for (key, old) in gone {
            let g = &old.gathering;
            if g.data.status == GatheringStatus::Cancelled {
                plan.sessions.unchanged += 1;
                continue;
            }
            plan.sessions.cancelled += 1;
            plan.cancels.push(g.id);
            plan.changes.push(SessionChange {
                action: ChangeAction::Cancelled,
                key: key.clone(),
                gathering_id: Some(g.id),
                title: g.data.title.clone(),
                start_local: local(g.data.start),
                end_local: local(g.data.end),
                room: g.data.room.clone(),
                fields: vec!["status".to_owned()],
            });
        }
        // By time, cancellations last; start_local sorts as text.
        plan.changes.sort_by(|a, b| {
            let key =
                |c: &SessionChange| (c.action == ChangeAction::Cancelled, c.start_local.clone());
            key(a).cmp(&key(b))
        });
        plan.speakers = ChangeCounts {
            added: count(plan.new_speakers.len()),
            changed: count(plan.renames.len()),
            cancelled: 0,
            unchanged: count(people.stored_seen.len().saturating_sub(plan.renames.len())),
        };
        plan.talk_speakers = talk_speakers;
        Ok(plan)
    }

    fn report(
        self,
        format: ScheduleFormat,
        summit: SummitTarget,
        applied: bool,
        warnings: Vec<String>,
    ) -> ScheduleReport {
        let total = self.sessions.plus(self.speakers);
        ScheduleReport {
            format,
            format_name: format.label().to_owned(),
            summit,
            applied,
            added: total.added,
            changed: total.changed,
            cancelled: total.cancelled,
            unchanged: total.unchanged,
            sessions: self.sessions,
            speakers: self.speakers,
            changes: self.changes,
            warnings,
        }
    }

    /// Writes the plan on `tx`: speakers, sessions, then who speaks where.
    async fn write(
        &self,
        tx: &mut SqliteConnection,
        summit_id: i64,
        incoming: &[Incoming<'_>],
        progress: ProgressFn<'_>,
    ) -> Result<()> {
        let new_sessions: Vec<usize> = (0..incoming.len())
            .filter(|&i| self.matched[i].is_none())
            .collect();
        let total = new_sessions.len()
            + self.updates.len()
            + self.cancels.len()
            + self.new_speakers.len()
            + 1;
        let mut done = 0;
        let mut step = |n: usize| {
            done += n;
            ImportProgress::report(progress, ImportStage::Writing, done, total);
        };

        let speaker_ids = speaker::insert_many(tx, &self.new_speakers).await?;
        step(speaker_ids.len());
        let id_of = |who: Who| match who {
            Who::Stored(id) => id,
            Who::New(n) => speaker_ids[n],
        };
        for (id, name) in &self.renames {
            sqlx::query!("UPDATE speakers SET name = ? WHERE id = ?", name, id)
                .execute(&mut *tx)
                .await?;
        }
        let keys: Vec<(&str, i64)> = self
            .new_keys
            .iter()
            .map(|(key, who)| (key.as_str(), id_of(*who)))
            .collect();
        if !keys.is_empty() {
            let json = batch_json(&keys)?;
            sqlx::query!(
                "INSERT INTO imported_speakers (summit_id, source_key, speaker_id)
                 SELECT ?, value ->> 0, value ->> 1 FROM json_each(?) WHERE true
                 ON CONFLICT (summit_id, source_key) DO UPDATE SET speaker_id = excluded.speaker_id",
                summit_id,
                json
            )
            .execute(&mut *tx)
            .await?;
        }

        let mut links: Vec<(i64, i64)> = Vec::new();
        // New sessions in chunks, so that a large file's progress moves.
        for chunk in new_sessions.chunks(500) {
            let data: Vec<GatheringData> = chunk
                .iter()
                .map(|&i| GatheringData {
                    summit_id: Some(summit_id),
                    ..incoming[i].data.clone()
                })
                .collect();
            let ids = gathering::insert_many(tx, &data).await?;
            let rows: Vec<(i64, &str, &Option<String>, &Option<String>)> = chunk
                .iter()
                .zip(&ids)
                .map(|(&i, (id, _))| {
                    let t = incoming[i].talk;
                    (*id, t.key.as_str(), &t.session_type, &t.language)
                })
                .collect();
            let json = batch_json(&rows)?;
            sqlx::query!(
                "INSERT INTO imported_sessions (gathering_id, summit_id, source_key, session_type, language)
                 SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
                 ON CONFLICT (summit_id, source_key) DO UPDATE SET gathering_id = excluded.gathering_id,
                    session_type = excluded.session_type, language = excluded.language",
                summit_id,
                json
            )
            .execute(&mut *tx)
            .await?;
            for (&i, (id, _)) in chunk.iter().zip(&ids) {
                let mut mine: Vec<i64> = self.talk_speakers[i].iter().map(|w| id_of(*w)).collect();
                mine.sort_unstable();
                mine.dedup();
                links.extend(mine.into_iter().map(|s| (s, *id)));
            }
            step(chunk.len());
        }

        if !self.updates.is_empty() {
            let rows: Vec<_> = self
                .updates
                .iter()
                .map(|u| {
                    let d = &u.data;
                    (
                        u.id,
                        &d.title,
                        &d.description,
                        d.start.timestamp(),
                        d.end.timestamp(),
                        d.tz.name(),
                        &d.room,
                        &d.track,
                        d.status.as_str(),
                        u.sequence,
                    )
                })
                .collect();
            let json = batch_json(&rows)?;
            sqlx::query!(
                "UPDATE gatherings SET title = j.value ->> 1, description = j.value ->> 2, starts_at = j.value ->> 3,
                    ends_at = j.value ->> 4, tz = j.value ->> 5, room = j.value ->> 6, track = j.value ->> 7,
                    status = j.value ->> 8, sequence = j.value ->> 9
                 FROM json_each(?) AS j WHERE gatherings.id = j.value ->> 0",
                json
            )
            .execute(&mut *tx)
            .await?;
            step(self.updates.len());
        }
        if !self.details.is_empty() {
            let json = batch_json(&self.details)?;
            sqlx::query!(
                "UPDATE imported_sessions SET session_type = j.value ->> 1, language = j.value ->> 2
                 FROM json_each(?) AS j WHERE imported_sessions.gathering_id = j.value ->> 0",
                json
            )
            .execute(&mut *tx)
            .await?;
        }
        if !self.cancels.is_empty() {
            let json = batch_json(&self.cancels)?;
            sqlx::query!(
                "UPDATE gatherings SET sequence = sequence + 1, status = 'cancelled'
                 WHERE status <> 'cancelled' AND id IN (SELECT value FROM json_each(?))",
                json
            )
            .execute(&mut *tx)
            .await?;
            step(self.cancels.len());
        }

        if !self.link_removals.is_empty() {
            let json = batch_json(&self.link_removals)?;
            sqlx::query!(
                "DELETE FROM speaker_talks WHERE (speaker_id, gathering_id) IN
                 (SELECT value ->> 0, value ->> 1 FROM json_each(?))",
                json
            )
            .execute(&mut *tx)
            .await?;
        }
        links.extend(self.link_adds.iter().map(|(who, g)| (id_of(*who), *g)));
        speaker::insert_talks(tx, &links).await?;
        step(1);
        Ok(())
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Resolves the people of a schedule to speakers: by key, else by name, else new.
struct People<'a> {
    /// Person keys known so far, stored and from this file.
    keys: HashMap<String, Who>,
    /// Speakers by normalised name, stored and new.
    names: HashMap<String, Who>,
    stored_names: HashMap<i64, &'a str>,
    new: Vec<SpeakerData>,
    new_keys: Vec<(String, Who)>,
    /// The stored speakers the file names, with the names it gives them.
    stored_seen: HashMap<i64, Vec<String>>,
}

impl<'a> People<'a> {
    fn new(state: &State, speakers: &'a [(i64, String)]) -> People<'a> {
        let mut names = HashMap::new();
        for (id, name) in speakers {
            names
                .entry(normalise_name(name))
                .or_insert(Who::Stored(*id));
        }
        People {
            keys: state
                .people
                .iter()
                .map(|(k, id)| (k.clone(), Who::Stored(*id)))
                .collect(),
            names,
            stored_names: speakers.iter().map(|(id, n)| (*id, n.as_str())).collect(),
            new: Vec::new(),
            new_keys: Vec::new(),
            stored_seen: HashMap::new(),
        }
    }

    fn resolve(&mut self, talk: &Talk) -> Result<Vec<Who>> {
        let mut whos = Vec::with_capacity(talk.persons.len());
        for person in &talk.persons {
            fields::required("name", &person.name)
                .map_err(|e| Error::invalid(talk.at.clone(), format!("a person's {e}")))?;
            let who = match self.keys.get(&person.key) {
                Some(who) => *who,
                None => {
                    let name = normalise_name(&person.name);
                    let who = match self.names.get(&name) {
                        Some(who) => *who,
                        None => {
                            let data = SpeakerData {
                                name: person.name.clone(),
                                email: None,
                                organisation: None,
                                home_city: None,
                                country: None,
                                first_time: false,
                            }
                            .validated()
                            .map_err(|e| {
                                Error::invalid(talk.at.clone(), format!("a person's {e}"))
                            })?;
                            self.new.push(data);
                            let who = Who::New(self.new.len() - 1);
                            self.names.insert(name, who);
                            who
                        }
                    };
                    self.keys.insert(person.key.clone(), who);
                    self.new_keys.push((person.key.clone(), who));
                    who
                }
            };
            if let Who::Stored(id) = who {
                self.stored_seen
                    .entry(id)
                    .or_default()
                    .push(person.name.clone());
            }
            if !whos.contains(&who) {
                whos.push(who);
            }
        }
        Ok(whos)
    }

    /// Stored speakers whose name the file spells differently (not just in case or spacing),
    /// renamed to the first spelling the file uses.
    fn renames(&self) -> Vec<(i64, String)> {
        let mut renames: Vec<(i64, String)> = self
            .stored_seen
            .iter()
            .filter_map(|(id, names)| {
                let stored = normalise_name(self.stored_names.get(id)?);
                let same = names.iter().any(|n| normalise_name(n) == stored);
                let first = names.first()?;
                (!same).then(|| (*id, first.clone()))
            })
            .collect();
        renames.sort();
        renames
    }
}
