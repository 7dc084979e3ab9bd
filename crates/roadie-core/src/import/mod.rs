//! Importing what other tools publish: a conference's main schedule (c3voc/pretalx JSON, the older
//! frab JSON, frab/pentabarf `schedule.xml`, Sessionize JSON), told apart by its content, and
//! speakers and travel applications from CSV.
//!
//! Reading a file is pure: [`parse_schedule`] turns bytes into a [`Schedule`] that says where in
//! the file each talk came from, and refuses a bad file with the place it went wrong (a JSON path
//! or a line and column). [`plan`] then compares a schedule with what a summit holds, lists what
//! would be added, changed and cancelled, and writes exactly that when asked.

mod c3voc;
pub mod csv;
mod frab_xml;
#[doc(hidden)]
pub mod fuzzing;
mod json;
mod plan;
mod sessionize;
mod when;

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text_enum::text_enum;

pub use self::csv::{ColumnMap, ColumnUse, CsvChange, CsvKind, CsvOptions, CsvProblem, CsvReport};
pub use plan::{
    ChangeAction, ChangeCounts, ScheduleOptions, ScheduleReport, SessionChange, SummitTarget,
};
pub use when::When;

/// The largest file an import reads.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

text_enum!(
    /// Which tool's schedule a file is, as told from its content.
    ScheduleFormat("schedule format") {
        C3voc => "c3voc-json",
        FrabJson => "frab-json",
        FrabXml => "frab-xml",
        Sessionize => "sessionize-json",
    }
);

impl ScheduleFormat {
    /// How people know the format.
    pub fn label(self) -> &'static str {
        match self {
            ScheduleFormat::C3voc => "c3voc/pretalx schedule JSON",
            ScheduleFormat::FrabJson => "frab schedule JSON",
            ScheduleFormat::FrabXml => "frab/pentabarf schedule XML",
            ScheduleFormat::Sessionize => "Sessionize JSON (All view)",
        }
    }
}

/// A conference schedule as read from a file, before it is compared with anything.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub format: ScheduleFormat,
    pub conference: Conference,
    /// The timed sessions in file order (by day, then room), each with a key unique within the
    /// schedule.
    pub talks: Vec<Talk>,
    /// What was read but left out or guessed, for the preview.
    pub warnings: Vec<String>,
}

/// What a schedule says about the conference itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conference {
    pub title: Option<String>,
    pub acronym: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The IANA zone the schedule names, unchecked, and where it is named.
    pub time_zone: Option<Located<String>>,
}

/// A value with the place in the file it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub at: String,
}

/// One session of a schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Talk {
    /// How the source knows it: `guid:…`, `code:…` or `id:…` (with `#2`, `#3` for the later
    /// occurrences of a key the file uses more than once).
    pub key: String,
    /// Where in the file it is: a JSON path or a line and column.
    pub at: String,
    pub title: String,
    /// Its abstract (or, without one, its description): what a calendar shows.
    pub summary: Option<String>,
    pub start: When,
    pub duration: TimeDelta,
    pub room: Option<String>,
    pub track: Option<String>,
    pub session_type: Option<String>,
    pub language: Option<String>,
    pub persons: Vec<Person>,
}

/// A person listed on a talk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// How the schedule knows them: `guid:…`, `code:…`, `id:…`, or `name:…` when it gives no id
    /// that names one person throughout the file.
    pub key: String,
    pub name: String,
}

/// A person as a parser finds them, before their key is chosen.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawPerson {
    pub guid: Option<String>,
    pub code: Option<String>,
    pub id: Option<String>,
    pub name: String,
}

/// A talk as a parser finds it, before keys are made unique and persons keyed.
#[derive(Clone, Debug)]
pub(crate) struct RawTalk {
    pub key: String,
    pub at: String,
    pub title: String,
    pub summary: Option<String>,
    pub start: When,
    pub duration: TimeDelta,
    pub room: Option<String>,
    pub track: Option<String>,
    pub session_type: Option<String>,
    pub language: Option<String>,
    pub persons: Vec<RawPerson>,
}

/// How far an import has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    pub stage: ImportStage,
    /// Units done and in all (bytes while reading, records after); equal when the stage is over.
    pub done: u32,
    pub total: u32,
}

text_enum!(
    /// The steps of an import, in order.
    ImportStage("import stage") {
        Reading => "reading",
        Parsing => "parsing",
        Comparing => "comparing",
        Writing => "writing",
        Done => "done",
    }
);

/// Where progress goes; `&|_| {}` for nowhere.
pub type ProgressFn<'a> = &'a (dyn Fn(ImportProgress) + Send + Sync);

impl ImportProgress {
    pub(crate) fn report(progress: ProgressFn<'_>, stage: ImportStage, done: usize, total: usize) {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        progress(ImportProgress {
            stage,
            done: clamp(done),
            total: clamp(total),
        });
    }
}

/// Reads a file to import, in chunks so that `progress` can follow a large one.
pub fn read_file(path: &Path, progress: ProgressFn<'_>) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(Error::io(path))?;
    let size = file.metadata().map_err(Error::io(path))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is {} MiB; the largest file Roadie imports is {} MiB",
                path.display(),
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let total = usize::try_from(size).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(total);
    let mut chunk = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut chunk).map_err(Error::io(path))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Error::invalid(
                "file",
                "the file grew past the import limit while it was read",
            ));
        }
        ImportProgress::report(
            progress,
            ImportStage::Reading,
            bytes.len(),
            total.max(bytes.len()),
        );
    }
    Ok(bytes)
}

/// Reads a schedule file and parses it, reporting progress as it goes.
pub fn load_schedule(path: &Path, progress: ProgressFn<'_>) -> Result<Schedule> {
    let bytes = read_file(path, progress)?;
    ImportProgress::report(progress, ImportStage::Parsing, 0, 1);
    let schedule = parse_schedule(&bytes)?;
    ImportProgress::report(progress, ImportStage::Parsing, 1, 1);
    Ok(schedule)
}

/// Reads a schedule in any of the formats Roadie knows, telling them apart by content.
pub fn parse_schedule(bytes: &[u8]) -> Result<Schedule> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => Err(Error::invalid("file", "the file is empty")),
        Some(b'<') => frab_xml::parse(bytes),
        Some(b'{' | b'[') => {
            let value = json::parse(bytes)?;
            if let Some(format) = c3voc::detect(&value) {
                c3voc::parse(&value, format)
            } else if sessionize::detect(&value) {
                sessionize::parse(&value)
            } else {
                Err(json::unknown_format(&value))
            }
        }
        Some(_) => Err(Error::invalid(
            "file",
            "not a schedule: it is neither JSON nor XML (expected c3voc/pretalx or frab JSON, \
             frab schedule.xml, or Sessionize JSON)",
        )),
    }
}

/// Finishes what a parser read: zero-length talks are left out with a warning, keys a file uses
/// more than once are told apart by their order in time, and persons get their keys.
pub(crate) fn finish(
    format: ScheduleFormat,
    conference: Conference,
    raw: Vec<RawTalk>,
    mut warnings: Vec<String>,
) -> Result<Schedule> {
    let mut talks = Vec::with_capacity(raw.len());
    for talk in raw {
        if talk.duration <= TimeDelta::zero() {
            if talk.duration < TimeDelta::zero() {
                return Err(Error::invalid(
                    talk.at,
                    format!("{:?} ends before it starts", talk.title),
                ));
            }
            warnings.push(format!(
                "{}: {:?} lasts no time at all, so it is not imported",
                talk.at, talk.title
            ));
            continue;
        }
        talks.push(talk);
    }
    if talks.is_empty() {
        return Err(Error::invalid(
            "file",
            format!(
                "the {} lists no timed sessions; nothing to import",
                format.label()
            ),
        ));
    }
    disambiguate_keys(&mut talks, &mut warnings);
    let person_keys = PersonKeys::new(&talks);
    let talks = talks
        .into_iter()
        .map(|t| Talk {
            persons: t
                .persons
                .iter()
                .filter(|p| !p.name.trim().is_empty())
                .map(|p| Person {
                    key: person_keys.key(p),
                    name: p.name.trim().to_owned(),
                })
                .collect(),
            key: t.key,
            at: t.at,
            title: t.title,
            summary: t.summary,
            start: t.start,
            duration: t.duration,
            room: t.room,
            track: t.track,
            session_type: t.session_type,
            language: t.language,
        })
        .collect();
    Ok(Schedule {
        format,
        conference,
        talks,
        warnings,
    })
}

/// Gives the second and later talks that share a key (the same workshop held twice under one
/// guid) the keys `key#2`, `key#3`… in the order they happen, so each is recognised next time.
fn disambiguate_keys(talks: &mut [RawTalk], warnings: &mut Vec<String>) {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in talks.iter().enumerate() {
        by_key.entry(t.key.as_str()).or_default().push(i);
    }
    let mut shared: Vec<Vec<usize>> = by_key.into_values().filter(|v| v.len() > 1).collect();
    shared.sort();
    for mut group in shared {
        group.sort_by_key(|&i| (talks[i].start.sort_key(), i));
        let key = talks[group[0]].key.clone();
        warnings.push(format!(
            "{} sessions share the key {key} ({}); they are told apart by their order in time",
            group.len(),
            group
                .iter()
                .map(|&i| talks[i].at.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for (n, &i) in group.iter().enumerate().skip(1) {
            talks[i].key = format!("{key}#{}", n + 1);
        }
    }
}

/// Chooses each person's key: their guid, else their code, else their id, but only an id that
/// names one person throughout the file (schedules merged from several sources reuse ids), else
/// their name.
struct PersonKeys {
    ambiguous_ids: std::collections::HashSet<String>,
}

impl PersonKeys {
    fn new(talks: &[RawTalk]) -> PersonKeys {
        let mut names: HashMap<&str, String> = HashMap::new();
        let mut ambiguous_ids = std::collections::HashSet::new();
        for p in talks.iter().flat_map(|t| &t.persons) {
            if let Some(id) = p.id.as_deref() {
                let name = normalise_name(&p.name);
                match names.get(id) {
                    Some(seen) if *seen != name => {
                        ambiguous_ids.insert(id.to_owned());
                    }
                    Some(_) => {}
                    None => {
                        names.insert(id, name);
                    }
                }
            }
        }
        PersonKeys { ambiguous_ids }
    }

    fn key(&self, p: &RawPerson) -> String {
        if let Some(guid) = &p.guid {
            format!("guid:{guid}")
        } else if let Some(code) = &p.code {
            format!("code:{code}")
        } else if let Some(id) = p.id.as_ref().filter(|id| !self.ambiguous_ids.contains(*id)) {
            format!("id:{id}")
        } else {
            format!("name:{}", normalise_name(&p.name))
        }
    }
}

/// A name as compared when merging people: trimmed, inner spaces collapsed, lower-cased.
pub(crate) fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Trimmed text, `None` when blank.
pub(crate) fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A duration written `H:MM` or `H:MM:SS` (`1:30`, `00:45`, `10:00:00`).
pub(crate) fn parse_duration(text: &str) -> Option<TimeDelta> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let number = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (number(h)?, number(m)?, 0),
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        _ => return None,
    };
    if m >= 60 || s >= 60 || parts[1].len() != 2 {
        return None;
    }
    TimeDelta::try_seconds(h * 3600 + m * 60 + s)
}

/// The message for a duration that is not one.
pub(crate) fn bad_duration(text: &str) -> String {
    format!("{text:?} is not a duration (expected hours and minutes, H:MM, e.g. 1:30)")
}

#[cfg(test)]
mod tests;
