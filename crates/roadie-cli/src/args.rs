//! The command line, as users script it.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};

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
    /// Add budget lines; summarise a summit's budget or a year's.
    #[command(subcommand)]
    Budget(BudgetCommand),
    /// Record the exchange rates budgets are converted with.
    #[command(subcommand)]
    Rate(RateCommand),
    /// Export calendars (.ics) and budget summaries (CSV, XLSX, PDF).
    #[command(subcommand)]
    Export(ExportCommand),
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
    /// organisers holds everything, invite-only gatherings and milestones included. A speaker's
    /// itinerary holds their talks and the socials the speakers' calendar covers. Cancelled
    /// gatherings stay in, marked cancelled, so subscribed calendars cancel them too.
    Ical(IcalExport),
    /// Write a summit's budget summary: CSV (one table, RFC 4180), XLSX (a workbook whose totals
    /// are formulas) or PDF (a printable summary with a chart).
    Budget(BudgetExport),
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
