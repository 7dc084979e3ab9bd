//! The command line, as users script it.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};

pub mod travel;

/// Roadie: plan a community's summits, socials, meetups, swag, travel funding and budgets.
#[derive(Debug, Parser)]
#[command(name = "roadie", version, about, propagate_version = true)]
pub struct Cli {
    /// The database file [default: the platform data directory, e.g. ~/.local/share/roadie/roadie.db]
    #[arg(long, env = "ROADIE_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create and list summits.
    #[command(subcommand)]
    Summit(SummitCommand),
    /// Add, list and cancel gatherings: sessions, socials, meetups, milestones.
    #[command(subcommand)]
    Gathering(GatheringCommand),
    /// Add and list speakers.
    #[command(subcommand)]
    Speaker(SpeakerCommand),
    /// Swag items and their stock: receive, allocate, release, return, give away.
    #[command(subcommand)]
    Swag(crate::swag::SwagCommand),
    /// Plan, ship and track shipments of swag.
    #[command(subcommand)]
    Shipment(crate::swag::ShipmentCommand),
    /// Run the planning checks on a summit and list what needs attention (exit status 0 even
    /// with findings).
    Check {
        /// The summit's slug.
        #[arg(long)]
        summit: String,
        /// Print a JSON array of findings (kind, severity, message, records).
        #[arg(long)]
        json: bool,
    },
    /// Add budget lines; summarise a summit's budget or a year's.
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Record the exchange rates budgets are converted with.
    #[command(subcommand)]
    Rate(RateCommand),
    /// Export calendars (.ics) for attendees, speakers and organisers, budget summaries (CSV,
    /// XLSX, PDF) and reports.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Publish a summit's calendar to a CalDAV collection people can subscribe to.
    #[command(subcommand)]
    Publish(PublishCommand),
    /// Speaker travel funding: policy, requests, review, approval, bookings, reimbursement.
    #[command(subcommand)]
    Travel(travel::TravelCommand),
    /// Add and list organisers (who decide travel funding).
    #[command(subcommand)]
    Organiser(travel::OrganiserCommand),
    /// Check and print the append-only audit log of decisions.
    #[command(subcommand)]
    Audit(travel::AuditCommand),
    /// Import a conference schedule (pretalx, frab, c3voc, Sessionize) or a CSV of speakers or
    /// travel applications.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a backup file: one zip of the database and its receipts, with their SHA-256.
    ///
    /// Snapshots of the database alone are also taken automatically, beside it in
    /// <name>-backups/: before a migration, on the first use of each UTC day and before a restore
    /// (the last ten are kept).
    Backup(crate::backup::BackupArgs),
    /// Replace the database with a backup file (or a snapshot), after checking it and taking a
    /// snapshot of the database as it is.
    Restore(crate::backup::RestoreArgs),
    /// Seed a coherent demo summit.
    Demo {
        /// small: one readable summit; large: ten times a FOSDEM.
        #[arg(long, default_value = "small", value_parser = ["small", "large"])]
        scale: String,
        /// Print what was seeded as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SummitCommand {
    /// Create a summit.
    Create(Box<SummitCreate>),
    /// List every summit.
    List {
        /// Print a JSON array of objects (id, slug, name, tz, currency, ...).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SummitCreate {
    #[arg(long)]
    pub name: String,
    /// Short name used on the command line and in URLs, e.g. rustconf-2026.
    #[arg(long)]
    pub slug: String,
    /// The venue's IANA time zone, e.g. Europe/Berlin.
    #[arg(long)]
    pub tz: String,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub start: String,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub end: String,
    /// Base currency (ISO 4217), e.g. EUR.
    #[arg(long)]
    pub currency: String,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub venue: Option<String>,
    /// Total budget with its currency, e.g. "50000 USD".
    #[arg(long)]
    pub budget: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GatheringCommand {
    /// Add a gathering to a summit.
    Add(Box<GatheringAdd>),
    /// List a summit's gatherings in time order.
    List {
        /// The summit's slug.
        #[arg(long)]
        summit: String,
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long, value_name = "AUDIENCE")]
        audience: Option<String>,
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Print a JSON array of objects (id, kind, title, start, end, tz, audience, status, ...).
        #[arg(long)]
        json: bool,
    },
    /// Change a gathering: only the options given change ("" clears an optional one). Its
    /// calendar SEQUENCE rises when something a calendar shows changes.
    Edit(Box<GatheringEdit>),
    /// Cancel a gathering: it stays, marked cancelled, so calendars cancel it too.
    Cancel {
        /// The gathering's id.
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct GatheringAdd {
    /// The summit's slug.
    #[arg(long)]
    pub summit: String,
    /// social, meetup, session or milestone.
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub title: String,
    /// Local start, "YYYY-MM-DD HH:MM", in --tz.
    #[arg(long)]
    pub start: String,
    /// Local end, "YYYY-MM-DD HH:MM", in --tz.
    #[arg(long)]
    pub end: String,
    /// IANA time zone of the times [default: the summit's].
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long)]
    pub venue: Option<String>,
    #[arg(long)]
    pub room: Option<String>,
    /// A web page about it, e.g. https://example.org/party (in calendars as URL and in the
    /// description).
    #[arg(long)]
    pub url: Option<String>,
    /// Its map position, "LATITUDE, LONGITUDE" in degrees, e.g. "45.7578, 4.8320" (GEO).
    #[arg(long, allow_hyphen_values = true)]
    pub geo: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub capacity: Option<i64>,
    /// Expected headcount.
    #[arg(long, allow_negative_numbers = true)]
    pub headcount: Option<i64>,
    /// public, attendees, speakers, invite-only or organisers.
    #[arg(long, default_value = "attendees")]
    pub audience: String,
    /// tentative or confirmed.
    #[arg(long, default_value = "confirmed")]
    pub status: String,
    /// An RRULE for recurring meetups, e.g. "FREQ=MONTHLY;BYDAY=1TH".
    #[arg(long)]
    pub recurrence: Option<String>,
    /// Print the new gathering as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GatheringEdit {
    /// The gathering's id.
    pub id: i64,
    /// social, meetup, session or milestone.
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// Local start, "YYYY-MM-DD HH:MM", in the gathering's zone (or --tz).
    #[arg(long)]
    pub start: Option<String>,
    /// Local end, "YYYY-MM-DD HH:MM", in the gathering's zone (or --tz).
    #[arg(long)]
    pub end: Option<String>,
    /// IANA time zone of the times; the times given (or kept) are read in it.
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long)]
    pub venue: Option<String>,
    #[arg(long)]
    pub room: Option<String>,
    /// A web page about it, e.g. https://example.org/party.
    #[arg(long)]
    pub url: Option<String>,
    /// Its map position, "LATITUDE, LONGITUDE" in degrees.
    #[arg(long, allow_hyphen_values = true)]
    pub geo: Option<String>,
    #[arg(long)]
    pub track: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub capacity: Option<i64>,
    /// Expected headcount.
    #[arg(long, allow_negative_numbers = true)]
    pub headcount: Option<i64>,
    /// public, attendees, speakers, invite-only or organisers.
    #[arg(long)]
    pub audience: Option<String>,
    /// tentative, confirmed or cancelled.
    #[arg(long)]
    pub status: Option<String>,
    /// An RRULE for recurring meetups, e.g. "FREQ=MONTHLY;BYDAY=1TH".
    #[arg(long)]
    pub recurrence: Option<String>,
    /// Print the changed gathering as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SpeakerCommand {
    /// Add a speaker.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        organisation: Option<String>,
        #[arg(long)]
        city: Option<String>,
        /// Two-letter country code, e.g. DE.
        #[arg(long)]
        country: Option<String>,
        /// The id of a session they give (repeatable).
        #[arg(long = "talk", value_name = "GATHERING_ID")]
        talks: Vec<i64>,
        #[arg(long)]
        json: bool,
    },
    /// List speakers.
    List {
        /// Only those speaking at this summit.
        #[arg(long)]
        summit: Option<String>,
        /// Only those whose name or organisation contains this text.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write an iCalendar (.ics) file: a summit's calendar for one audience, a speaker's
    /// itinerary, one gathering, or the meetups that belong to no summit.
    ///
    /// A summit's calendars, each wider than the one before: public holds the gatherings whose
    /// audience is public; attendees adds those for attendees; speakers adds those for speakers;
    /// organisers holds everything, invite-only gatherings and milestones included, and each
    /// shipment's ship-by and must-arrive-by day. A speaker's itinerary holds their talks, the
    /// socials the speakers' calendar covers and their booked arrival and departure. Cancelled
    /// gatherings (and withdrawn trips, shipments sent back) stay in, marked cancelled, so
    /// subscribed calendars cancel them too.
    Ical(IcalExport),
    /// Write the travel funding report (CSV, internal) of a summit for the treasurer.
    Travel(travel::TravelExport),
    /// Write a summit's budget summary: CSV (one table, RFC 4180), XLSX (a workbook whose totals
    /// are formulas) or PDF (a printable summary with a chart).
    Budget(BudgetExport),
    /// Write every record of every table as JSON (a .zip name adds the receipt files); see
    /// docs/export-format.md.
    All(crate::backup::AllExport),
}

#[derive(Debug, Args)]
pub struct BudgetExport {
    /// The summit's slug.
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    /// csv, xlsx or pdf.
    #[arg(long)]
    pub format: String,
    /// The file to write, replaced only once the new one is complete; "-" for standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Add a budget line to a summit.
    Add(Box<BudgetAdd>),
    /// A summit's budget: planned, committed, spent and remaining per category, converted to its
    /// currency with the recorded rates; amounts with no rate are listed apart.
    Summary {
        /// The summit's slug.
        #[arg(long, value_name = "SLUG")]
        summit: String,
        /// Print the whole summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every summit starting in a year, in one currency.
    Year {
        #[arg(long)]
        year: i32,
        /// The currency to sum in [default: the one most of the year's summits use].
        #[arg(long)]
        currency: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct BudgetAdd {
    /// The summit's slug.
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    /// socials, swag, shipping, travel or other.
    #[arg(long)]
    pub category: String,
    #[arg(long)]
    pub description: String,
    /// ISO 4217 code of the amounts [default: the summit's].
    #[arg(long)]
    pub currency: Option<String>,
    /// e.g. 1250.50
    #[arg(long, allow_negative_numbers = true)]
    pub planned: String,
    /// Approved, ordered or booked [default: 0].
    #[arg(long, allow_negative_numbers = true)]
    pub committed: Option<String>,
    /// Paid [default: 0].
    #[arg(long, allow_negative_numbers = true)]
    pub spent: Option<String>,
    /// When it was paid, YYYY-MM-DD.
    #[arg(long)]
    pub paid_on: Option<String>,
    /// The id of the gathering it pays for, e.g. a social.
    #[arg(long = "for", value_name = "GATHERING_ID")]
    pub gathering: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum RateCommand {
    /// Record that one FROM buys RATE of TO, as of a date.
    Record {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// A positive decimal, e.g. 0.92.
        #[arg(long)]
        rate: String,
        /// YYYY-MM-DD.
        #[arg(long = "on", value_name = "DATE")]
        on: String,
        /// Only for this summit [default: every summit].
        #[arg(long, value_name = "SLUG")]
        summit: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("calendar")
        .required(true)
        .args(["summit", "speaker", "gathering", "meetups"])
))]
pub struct IcalExport {
    /// A summit's calendar, by the summit's slug; needs --audience.
    #[arg(long, requires = "audience", value_name = "SLUG")]
    pub summit: Option<String>,
    /// Which of the summit's calendars: public, attendees, speakers or organisers.
    #[arg(long, requires = "summit")]
    pub audience: Option<String>,
    /// A speaker's itinerary, by the speaker's id.
    #[arg(long, value_name = "ID")]
    pub speaker: Option<i64>,
    /// One gathering, by its id.
    #[arg(long, value_name = "ID")]
    pub gathering: Option<i64>,
    /// Every meetup that belongs to no summit.
    #[arg(long)]
    pub meetups: bool,
    /// The file to write, replaced only once the new one is complete; "-" for standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum PublishCommand {
    /// PUT each event of a summit's calendar into a CalDAV collection (e.g. a calendar on
    /// Nextcloud, Radicale or Fastmail), one resource per event named by its UID.
    ///
    /// Every PUT is conditional: If-None-Match: * for events not published there before, If-Match
    /// with the ETag the server gave last time for the others, so a copy changed on the server is
    /// reported as a conflict, not overwritten (unless --overwrite). Unchanged events are not sent
    /// again; nothing is deleted: cancelled gatherings are published as cancelled. The password
    /// comes from ROADIE_CALDAV_PASSWORD, else from the OS keyring (see caldav-login); it is never
    /// stored in the database.
    Caldav(CaldavPublish),
    /// Keep the password for a CalDAV user and collection in the OS keyring (Secret Service on
    /// Linux), read from standard input (one line).
    CaldavLogin {
        /// The collection's address.
        #[arg(long)]
        url: String,
        #[arg(long)]
        user: String,
        /// Remove the kept password instead.
        #[arg(long)]
        forget: bool,
    },
}

#[derive(Debug, Args)]
pub struct CaldavPublish {
    /// The summit's slug.
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    /// Which of its calendars: public, attendees, speakers or organisers.
    #[arg(long)]
    pub audience: String,
    /// The collection's address, e.g. https://dav.example.org/calendars/team/summit/ (plain
    /// http only on this computer).
    #[arg(long)]
    pub url: String,
    /// The user to log in as (HTTP Basic); without it, no login is sent.
    #[arg(long)]
    pub user: Option<String>,
    /// Replace events that changed on the server since Roadie published them (still
    /// conditionally, on the ETag the server has now).
    #[arg(long)]
    pub overwrite: bool,
    /// Print the report as JSON (calendar, collection, created, updated, unchanged, failed,
    /// not_in_calendar).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a summit's main schedule: c3voc/pretalx or frab JSON, frab/pentabarf schedule.xml,
    /// or Sessionize JSON (the All view), told apart by content.
    ///
    /// Sessions are matched by the source's guid (or code or id), so importing again updates what
    /// moved (raising its calendar sequence), cancels what is gone (never deletes it) and merges
    /// speakers instead of duplicating them. --dry-run prints what would change.
    Schedule(ScheduleImport),
    /// Import speakers or travel applications from CSV, all rows or none.
    ///
    /// Columns are found by header (the field's name or a common alias such as E-mail, Company,
    /// Timestamp); map others with --map FIELD=COLUMN. Every bad row is reported with its line.
    /// Speakers fields: name, email, organisation, home_city, country, first_time. Travel fields:
    /// name, email, currency, origin_city, origin_country, depart_on, return_on, lodging_nights,
    /// notes, airfare, lodging, ground, visa, other, submitted_at.
    Csv(CsvImport),
    /// Import a full export (`roadie export all`) into an empty database, in one transaction.
    All(crate::backup::AllImport),
}

#[derive(Debug, Args)]
pub struct ScheduleImport {
    /// The schedule file.
    pub file: PathBuf,
    /// The summit's slug; created from the file's conference when no summit has it.
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    /// The venue's IANA time zone, for files that name none, e.g. Europe/Berlin.
    #[arg(long)]
    pub tz: Option<String>,
    /// Base currency of a summit the import creates [default: EUR].
    #[arg(long)]
    pub currency: Option<String>,
    /// Print what would be added, changed and cancelled; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the counts (added, changed, cancelled, unchanged) and every change as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CsvImport {
    /// The CSV file (comma, semicolon or tab separated, with a header row).
    pub file: PathBuf,
    /// What the rows are: speakers or travel.
    #[arg(long, value_parser = ["speakers", "travel"])]
    pub kind: String,
    /// The summit the travel applications are for (its slug).
    #[arg(long, value_name = "SLUG")]
    pub summit: Option<String>,
    /// Read FIELD from the column headed COLUMN, e.g. --map "email=Your e-mail" (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// Check every row and print what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
