//! Speakers and travel applications from CSV, as form tools and spreadsheets export them.
//!
//! Columns are found by their header: by the field's own name or a common alias (`E-mail`,
//! `Company`, `Timestamp`…), or as mapped (`email=Your e-mail address`). Every row is checked
//! before anything is written; one bad row means nothing is written, and every bad row is
//! reported with its line number and what is wrong. Speakers are merged with those already stored
//! (by e-mail, else by name), so an export can be imported again as it grows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::normalise_name;
use crate::error::{Error, Result};
use crate::forms::{TravelItemForm, TravelRequestForm};
use crate::speaker::{self, Speaker, SpeakerData, SpeakerFilter};
use crate::store::Store;
use crate::text_enum::text_enum;
use crate::time::{Zone, parse_local};
use crate::travel::{self, TravelCategory, TravelFilter, TravelRequestData};

text_enum!(
    /// What a CSV file holds.
    CsvKind("CSV kind") {
        Speakers => "speakers",
        Travel => "travel",
    }
);

/// One field read from a column with another header (or, with an empty column, from none).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnMap {
    pub field: String,
    pub column: String,
}

impl ColumnMap {
    /// Reads `FIELD=COLUMN`, as typed on the command line.
    pub fn parse(field: &str, text: &str) -> Result<ColumnMap> {
        match text.split_once('=') {
            Some((f, column)) if !f.trim().is_empty() && !column.trim().is_empty() => {
                Ok(ColumnMap {
                    field: f.trim().to_owned(),
                    column: column.trim().to_owned(),
                })
            }
            _ => Err(Error::invalid(
                field,
                format!("{text:?} is not FIELD=COLUMN, e.g. \"email=Your e-mail address\""),
            )),
        }
    }
}

/// What a CSV file holds and how to read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CsvOptions {
    pub kind: CsvKind,
    /// The summit's slug (travel applications only).
    pub summit: Option<String>,
    /// Columns whose header is not the field's name or one of its aliases.
    #[serde(default)]
    pub columns: Vec<ColumnMap>,
}

/// A row that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CsvProblem {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u32,
    pub field: Option<String>,
    pub message: String,
}

/// What happens to one row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CsvChange {
    pub line: u32,
    /// `added`, `changed` or `unchanged`.
    pub action: String,
    /// The speaker's name.
    pub name: String,
    /// What changes, or why nothing does.
    pub detail: Option<String>,
}

/// Which column a field is read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnUse {
    pub field: String,
    pub column: Option<String>,
}

/// What importing a CSV file does (a preview) or did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CsvReport {
    pub kind: CsvKind,
    /// Whether it was written: never while a row has a problem.
    pub applied: bool,
    /// Data rows read.
    pub rows: u32,
    /// Speakers, or travel requests, added, changed and left as they were.
    pub added: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// Speakers created for applicants not yet known (travel applications).
    pub speakers_added: u32,
    /// The file's column headers, in order.
    pub headers: Vec<String>,
    pub columns: Vec<ColumnUse>,
    /// Columns no field is read from.
    pub ignored_columns: Vec<String>,
    pub problems: Vec<CsvProblem>,
    pub changes: Vec<CsvChange>,
}

/// The fields of each kind, each with the headers it is found under unless mapped (compared
/// without case, spaces or punctuation).
fn fields(kind: CsvKind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        CsvKind::Speakers => &[
            ("name", &["name", "fullname", "speaker", "speakername"]),
            ("email", &["email", "emailaddress", "mail"]),
            (
                "organisation",
                &["organisation", "organization", "company", "affiliation"],
            ),
            ("home_city", &["homecity", "city"]),
            ("country", &["country", "countrycode"]),
            ("first_time", &["firsttime", "firsttimespeaker"]),
        ],
        CsvKind::Travel => &[
            (
                "name",
                &["name", "fullname", "speaker", "speakername", "applicant"],
            ),
            ("email", &["email", "emailaddress", "mail"]),
            ("currency", &["currency"]),
            (
                "origin_city",
                &["origincity", "fromcity", "travellingfrom", "travelingfrom"],
            ),
            ("origin_country", &["origincountry", "fromcountry"]),
            ("depart_on", &["departon", "departure", "departuredate"]),
            ("return_on", &["returnon", "return", "returndate"]),
            ("lodging_nights", &["lodgingnights", "nights"]),
            ("notes", &["notes", "comments", "comment"]),
            ("airfare", &["airfare", "flight", "flights", "travel"]),
            ("lodging", &["lodging", "hotel", "accommodation"]),
            ("ground", &["ground", "groundtransport", "localtransport"]),
            ("visa", &["visa"]),
            ("other", &["other"]),
            ("submitted_at", &["submittedat", "submitted", "timestamp"]),
        ],
    }
}

fn required(kind: CsvKind) -> &'static [&'static str] {
    match kind {
        CsvKind::Speakers => &["name"],
        CsvKind::Travel => &["name", "currency"],
    }
}

fn squash(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A CSV file's rows, with which column each field is in.
struct Table {
    headers: Vec<String>,
    /// Field name → column index.
    columns: HashMap<&'static str, usize>,
    uses: Vec<ColumnUse>,
    ignored: Vec<String>,
    rows: Vec<(u32, Vec<String>)>,
    problems: Vec<CsvProblem>,
}

impl Table {
    fn read(bytes: &[u8], options: &CsvOptions) -> Result<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
        let delimiter = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|&d| (count(d), d == b','))
            .unwrap_or(b',');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(bytes);
        let mut records = reader.byte_records();
        let header = match records.next() {
            None => {
                return Err(Error::invalid(
                    "file",
                    "the file is empty: expected a header row",
                ));
            }
            Some(Err(e)) => return Err(Error::invalid("line 1", format!("not a CSV header: {e}"))),
            Some(Ok(h)) => h,
        };
        let header: Vec<String> = header
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_owned())
            .collect();
        let known = fields(options.kind);
        let mut columns = HashMap::new();
        // Columns that cannot be found: reported on the header's line, and no row is read.
        let mut header_problems = Vec::new();
        let mut unread: Vec<&str> = Vec::new();
        for map in &options.columns {
            let Some((field, _)) = known.iter().find(|(f, _)| *f == map.field.trim()) else {
                return Err(Error::invalid(
                    "map",
                    format!(
                        "unknown field {:?} for {} (fields: {})",
                        map.field,
                        options.kind,
                        known.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", ")
                    ),
                ));
            };
            if map.column.trim().is_empty() {
                // Explicitly not read from any column.
                unread.push(*field);
                continue;
            }
            match header.iter().position(|h| h == map.column.trim()) {
                Some(index) => {
                    columns.insert(*field, index);
                }
                None => header_problems.push(format!(
                    "no column {:?} for {field} in the file (its columns: {})",
                    map.column,
                    header.join(", ")
                )),
            }
        }
        for (field, aliases) in known {
            if columns.contains_key(field) || unread.contains(field) {
                continue;
            }
            let found = header.iter().enumerate().find(|(i, h)| {
                aliases.contains(&squash(h).as_str()) && !columns.values().any(|c| c == i)
            });
            if let Some((index, _)) = found {
                columns.insert(*field, index);
            }
        }
        for field in required(options.kind) {
            if !columns.contains_key(field) {
                header_problems.push(format!(
                    "no column for {field}: map one with {field}=COLUMN (the file's columns: {})",
                    header.join(", ")
                ));
            }
        }
        let uses = known
            .iter()
            .map(|(field, _)| ColumnUse {
                field: (*field).to_owned(),
                column: columns.get(field).and_then(|&i| header.get(i)).cloned(),
            })
            .collect();
        let ignored = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !columns.values().any(|c| c == i))
            .map(|(_, h)| h.clone())
            .collect();
        let mut rows = Vec::new();
        let mut problems: Vec<CsvProblem> = header_problems
            .into_iter()
            .map(|message| CsvProblem {
                line: 1,
                field: Some("map".into()),
                message,
            })
            .collect();
        let records = records.take(if problems.is_empty() { usize::MAX } else { 0 });
        for record in records {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(CsvProblem {
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        field: None,
                        message: format!("cannot be read: {e}"),
                    });
                    continue;
                }
            };
            let line = record
                .position()
                .map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if record.len() != header.len() {
                problems.push(CsvProblem {
                    line,
                    field: None,
                    message: format!(
                        "has {} field{} where the header has {}",
                        record.len(),
                        if record.len() == 1 { "" } else { "s" },
                        header.len()
                    ),
                });
                continue;
            }
            let mut cells = Vec::with_capacity(record.len());
            let mut bad = None;
            for (i, cell) in record.iter().enumerate() {
                match std::str::from_utf8(cell) {
                    Ok(text) => cells.push(text.trim().to_owned()),
                    Err(_) => {
                        bad = Some(header.get(i).cloned().unwrap_or_default());
                        break;
                    }
                }
            }
            if let Some(column) = bad {
                problems.push(CsvProblem {
                    line,
                    field: None,
                    message: format!("column {column:?} is not UTF-8 text"),
                });
                continue;
            }
            rows.push((line, cells));
        }
        Ok(Table {
            headers: header,
            columns,
            uses,
            ignored,
            rows,
            problems,
        })
    }

    /// The cell of `field` in a row, `None` when the field has no column or the cell is blank.
    fn get<'r>(&self, row: &'r [String], field: &str) -> Option<&'r str> {
        let index = *self.columns.get(field)?;
        row.get(index).map(String::as_str).filter(|s| !s.is_empty())
    }
}

fn problem(line: u32, e: Error) -> CsvProblem {
    match e {
        Error::Invalid { field, message } => CsvProblem {
            line,
            field: Some(field),
            message,
        },
        other => CsvProblem {
            line,
            field: None,
            message: other.to_string(),
        },
    }
}

/// A yes/no cell: yes, y, true, 1, x (and no, n, false, 0, blank).
fn yes_no(field: &str, text: Option<&str>) -> Result<bool> {
    match text.map(|t| t.trim().to_lowercase()).as_deref() {
        None | Some("" | "no" | "n" | "false" | "0") => Ok(false),
        Some("yes" | "y" | "true" | "1" | "x") => Ok(true),
        Some(other) => Err(Error::invalid(field, format!("{other:?} is not yes or no"))),
    }
}

/// Speakers by e-mail and by name, stored and added by this file.
struct Known {
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    speakers: Vec<Speaker>,
}

impl Known {
    fn new(speakers: Vec<Speaker>) -> Known {
        let mut known = Known {
            by_email: HashMap::new(),
            by_name: HashMap::new(),
            speakers: Vec::new(),
        };
        for s in speakers {
            known.remember(s);
        }
        known
    }

    fn remember(&mut self, s: Speaker) -> usize {
        let n = self.speakers.len();
        if let Some(email) = &s.data.email {
            self.by_email.entry(email.to_lowercase()).or_insert(n);
        }
        self.by_name
            .entry(normalise_name(&s.data.name))
            .or_insert(n);
        self.speakers.push(s);
        n
    }

    /// The speaker with this e-mail, else (for rows without one) with this name.
    fn find(&self, data: &SpeakerData) -> Option<usize> {
        match &data.email {
            Some(email) => self
                .by_email
                .get(&email.to_lowercase())
                .copied()
                .or_else(|| {
                    // A stored speaker of that name without an e-mail is the same person.
                    self.by_name
                        .get(&normalise_name(&data.name))
                        .copied()
                        .filter(|&i| self.speakers[i].data.email.is_none())
                }),
            None => self.by_name.get(&normalise_name(&data.name)).copied(),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Store {
    /// What importing a CSV file would do, without writing anything.
    pub async fn preview_csv(
        &self,
        bytes: &[u8],
        options: &CsvOptions,
        now: DateTime<Utc>,
    ) -> Result<CsvReport> {
        self.csv_import(bytes, options, now, false).await
    }

    /// Imports a CSV file when every row is good; otherwise writes nothing and reports why.
    pub async fn import_csv(
        &self,
        bytes: &[u8],
        options: &CsvOptions,
        now: DateTime<Utc>,
    ) -> Result<CsvReport> {
        self.csv_import(bytes, options, now, true).await
    }

    async fn csv_import(
        &self,
        bytes: &[u8],
        options: &CsvOptions,
        now: DateTime<Utc>,
        apply: bool,
    ) -> Result<CsvReport> {
        let table = Table::read(bytes, options)?;
        let summit = match (options.kind, options.summit.as_deref().map(str::trim)) {
            (CsvKind::Travel, Some(slug)) if !slug.is_empty() => {
                Some(self.summit_by_slug(slug).await?)
            }
            (CsvKind::Travel, _) => {
                return Err(Error::invalid(
                    "summit",
                    "travel applications need the summit they apply to",
                ));
            }
            (CsvKind::Speakers, _) => None,
        };
        let mut tx = if apply {
            self.write().await?
        } else {
            self.pool.begin().await?
        };
        // Read on another connection: the write lock this import holds keeps the two in step.
        let known = Known::new(self.list_speakers(&SpeakerFilter::default()).await?);
        let mut report = empty_report(&table, options.kind);
        match summit {
            None => {
                let plan = speakers_plan(&table, known, &mut report);
                if apply && report.problems.is_empty() {
                    speaker::insert_many(&mut tx, &plan.added).await?;
                    for (id, data) in &plan.changed {
                        sqlx::query!(
                            "UPDATE speakers SET name = ?, email = ?, organisation = ?, home_city = ?, country = ?,
                             first_time = ? WHERE id = ?",
                            data.name, data.email, data.organisation, data.home_city, data.country,
                            data.first_time, id
                        )
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                    report.applied = true;
                }
            }
            Some(summit) => {
                let filter = TravelFilter {
                    summit_id: Some(summit.id),
                    ..TravelFilter::default()
                };
                let applied: Vec<i64> = self
                    .list_travel_requests(&filter)
                    .await?
                    .iter()
                    .map(|r| r.data.speaker_id)
                    .collect();
                let plan = travel_plan(&table, known, &summit, &applied, now, &mut report);
                if apply && report.problems.is_empty() {
                    let ids = speaker::insert_many(&mut tx, &plan.new_speakers).await?;
                    let requests: Vec<(TravelRequestData, DateTime<Utc>)> = plan
                        .requests
                        .into_iter()
                        .map(|(who, data, at)| {
                            let speaker_id = match who {
                                Ok(id) => id,
                                Err(n) => ids[n],
                            };
                            (TravelRequestData { speaker_id, ..data }, at)
                        })
                        .collect();
                    travel::insert_many(&mut tx, &requests).await?;
                    tx.commit().await?;
                    report.applied = true;
                }
            }
        }
        report.problems.sort_by_key(|p| p.line);
        Ok(report)
    }
}

/// A report of `table` with nothing decided yet: its rows, columns and unreadable rows.
fn empty_report(table: &Table, kind: CsvKind) -> CsvReport {
    CsvReport {
        kind,
        applied: false,
        rows: count(table.rows.len() + table.problems.len()),
        added: 0,
        changed: 0,
        unchanged: 0,
        speakers_added: 0,
        headers: table.headers.clone(),
        columns: table.uses.clone(),
        ignored_columns: table.ignored.clone(),
        problems: table.problems.clone(),
        changes: Vec::new(),
    }
}

/// Every check of an import into an empty database, without one (for the fuzz targets).
pub(crate) fn check(
    bytes: &[u8],
    options: &CsvOptions,
    summit: &crate::summit::Summit,
    now: DateTime<Utc>,
) -> Result<CsvReport> {
    let table = Table::read(bytes, options)?;
    let mut report = empty_report(&table, options.kind);
    let known = Known::new(Vec::new());
    match options.kind {
        CsvKind::Speakers => {
            speakers_plan(&table, known, &mut report);
        }
        CsvKind::Travel => {
            travel_plan(&table, known, summit, &[], now, &mut report);
        }
    }
    Ok(report)
}

struct SpeakersPlan {
    added: Vec<SpeakerData>,
    changed: Vec<(i64, SpeakerData)>,
}

fn speakers_plan(table: &Table, mut known: Known, report: &mut CsvReport) -> SpeakersPlan {
    let mut plan = SpeakersPlan {
        added: Vec::new(),
        changed: Vec::new(),
    };
    let stored = known.speakers.len();
    // Which row first named each speaker, to refuse a second.
    let mut rows_of: HashMap<usize, u32> = HashMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        let cell = |field| table.get(row, field).map(str::to_owned);
        let first_time = match yes_no("first_time", table.get(row, "first_time")) {
            Ok(v) => v,
            Err(e) => {
                report.problems.push(problem(line, e));
                continue;
            }
        };
        let data = SpeakerData {
            name: cell("name").unwrap_or_default(),
            email: cell("email"),
            organisation: cell("organisation"),
            home_city: cell("home_city"),
            country: cell("country"),
            first_time,
        }
        .validated();
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                report.problems.push(problem(line, e));
                continue;
            }
        };
        match known.find(&data) {
            Some(i) if i >= stored || rows_of.contains_key(&i) => {
                let first = rows_of.get(&i).copied().unwrap_or_default();
                report.problems.push(CsvProblem {
                    line,
                    field: None,
                    message: format!("{} is already on line {first}", data.name),
                });
            }
            Some(i) => {
                rows_of.insert(i, line);
                let old = &known.speakers[i];
                // Blank cells keep what is stored.
                let merged = SpeakerData {
                    name: data.name.clone(),
                    email: data.email.clone().or_else(|| old.data.email.clone()),
                    organisation: data
                        .organisation
                        .clone()
                        .or_else(|| old.data.organisation.clone()),
                    home_city: data
                        .home_city
                        .clone()
                        .or_else(|| old.data.home_city.clone()),
                    country: data.country.clone().or_else(|| old.data.country.clone()),
                    first_time: if table.get(row, "first_time").is_some() {
                        data.first_time
                    } else {
                        old.data.first_time
                    },
                };
                let what: Vec<&str> = [
                    ("name", merged.name != old.data.name),
                    ("email", merged.email != old.data.email),
                    ("organisation", merged.organisation != old.data.organisation),
                    ("home_city", merged.home_city != old.data.home_city),
                    ("country", merged.country != old.data.country),
                    ("first_time", merged.first_time != old.data.first_time),
                ]
                .into_iter()
                .filter_map(|(f, c)| c.then_some(f))
                .collect();
                if what.is_empty() {
                    report.unchanged += 1;
                    report.changes.push(CsvChange {
                        line,
                        action: "unchanged".into(),
                        name: merged.name,
                        detail: None,
                    });
                } else {
                    report.changed += 1;
                    report.changes.push(CsvChange {
                        line,
                        action: "changed".into(),
                        name: merged.name.clone(),
                        detail: Some(what.join(", ")),
                    });
                    plan.changed.push((old.id, merged));
                }
            }
            None => {
                let n = known.remember(Speaker {
                    id: 0,
                    data: data.clone(),
                    talk_ids: Vec::new(),
                });
                rows_of.insert(n, line);
                report.added += 1;
                report.changes.push(CsvChange {
                    line,
                    action: "added".into(),
                    name: data.name.clone(),
                    detail: None,
                });
                plan.added.push(data);
            }
        }
    }
    plan
}

struct TravelPlan {
    new_speakers: Vec<SpeakerData>,
    /// Each request's speaker (stored id, or the n-th new speaker) and data.
    requests: Vec<(
        std::result::Result<i64, usize>,
        TravelRequestData,
        DateTime<Utc>,
    )>,
}

fn travel_plan(
    table: &Table,
    mut known: Known,
    summit: &crate::summit::Summit,
    applied: &[i64],
    now: DateTime<Utc>,
    report: &mut CsvReport,
) -> TravelPlan {
    let mut plan = TravelPlan {
        new_speakers: Vec::new(),
        requests: Vec::new(),
    };
    let stored = known.speakers.len();
    let mut rows_of: HashMap<usize, u32> = HashMap::new();
    for (line, row) in &table.rows {
        let line = *line;
        let cell = |field| table.get(row, field).map(str::to_owned);
        let applicant = SpeakerData {
            name: cell("name").unwrap_or_default(),
            email: cell("email"),
            organisation: None,
            home_city: cell("origin_city"),
            country: None,
            first_time: false,
        }
        .validated();
        let request = row_request(table, row, summit, now);
        let (applicant, (data, at)) = match (applicant, request) {
            (Ok(a), Ok(r)) => (a, r),
            (a, r) => {
                report.problems.extend(a.err().map(|e| problem(line, e)));
                report.problems.extend(r.err().map(|e| problem(line, e)));
                continue;
            }
        };
        let found = known.find(&applicant);
        if let Some(i) = found
            && let Some(first) = rows_of.get(&i)
        {
            report.problems.push(CsvProblem {
                line,
                field: None,
                message: format!("{} already applied on line {first}", applicant.name),
            });
            continue;
        }
        let who = match found {
            Some(i) if i < stored => {
                rows_of.insert(i, line);
                let id = known.speakers[i].id;
                if applied.contains(&id) {
                    report.unchanged += 1;
                    report.changes.push(CsvChange {
                        line,
                        action: "unchanged".into(),
                        name: applicant.name,
                        detail: Some("already has a travel request for this summit".into()),
                    });
                    continue;
                }
                Ok(id)
            }
            _ => {
                let i = known.remember(Speaker {
                    id: 0,
                    data: applicant.clone(),
                    talk_ids: Vec::new(),
                });
                rows_of.insert(i, line);
                plan.new_speakers.push(applicant.clone());
                report.speakers_added += 1;
                Err(plan.new_speakers.len() - 1)
            }
        };
        report.added += 1;
        let total = data.total_requested().map(|m| m.to_string());
        report.changes.push(CsvChange {
            line,
            action: "added".into(),
            name: applicant.name,
            detail: total.map(|t| format!("requests {t}")),
        });
        plan.requests.push((who, data, at));
    }
    plan
}

/// A row's travel request (its speaker still unset) and when it was submitted.
fn row_request(
    table: &Table,
    row: &[String],
    summit: &crate::summit::Summit,
    now: DateTime<Utc>,
) -> Result<(TravelRequestData, DateTime<Utc>)> {
    let cell = |field| table.get(row, field).map(str::to_owned);
    let nights = match table.get(row, "lodging_nights") {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            Error::invalid("lodging_nights", format!("{text:?} is not a whole number"))
        })?),
    };
    let items = TravelCategory::ALL
        .iter()
        .filter_map(|&category| {
            cell(category.as_str()).map(|amount| TravelItemForm { category, amount })
        })
        .collect();
    let data = TravelRequestForm {
        summit_id: summit.id,
        speaker_id: 0,
        currency: cell("currency").unwrap_or_default(),
        origin_city: cell("origin_city"),
        origin_country: cell("origin_country"),
        depart_on: cell("depart_on"),
        return_on: cell("return_on"),
        lodging_nights: nights,
        notes: cell("notes"),
        items,
    }
    .parse()?;
    let at = match table.get(row, "submitted_at") {
        None => now,
        Some(text) => submitted_at(text, summit.data.tz)?,
    };
    Ok((data, at))
}

/// When an application was sent: an instant with its offset, or a local time (or a date) in the
/// summit's zone.
fn submitted_at(text: &str, zone: Zone) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(t) = parse_local("submitted_at", text) {
        return zone.to_utc("submitted_at", t);
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => zone.to_utc("submitted_at", d.and_time(chrono::NaiveTime::MIN)),
        Err(_) => Err(Error::invalid(
            "submitted_at",
            format!("{text:?} is not a date and time (expected YYYY-MM-DD HH:MM)"),
        )),
    }
}
