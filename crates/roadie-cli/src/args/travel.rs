//! Travel funding on the command line: organisers, the policy, requests from submission to the
//! last reimbursement, the audit log and the treasurer's report.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum OrganiserCommand {
    /// Add an organiser (someone who reviews and decides travel funding).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// Their speaker id, when they also speak (they cannot decide on their own request).
        #[arg(long, value_name = "SPEAKER_ID")]
        speaker: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// List organisers.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TravelCommand {
    /// List a summit's requests, ranked (score, first-time speakers, cost in the summit's currency).
    ///
    /// --json prints an array of objects: id, rank, status, speaker, first_time, country, score,
    /// reviews, requested, requested_base, approved, approved_base, pending, reimbursed (amounts as
    /// {"minor", "currency"}) and pool_remaining (the summit's pool left, the same on every row).
    List {
        #[arg(long, value_name = "SLUG")]
        summit: String,
        /// Only requests in this status, e.g. under-review.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one request with its caps, approval, reviews, booking, receipts, payments and audit
    /// history.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Submit a speaker's request (amounts in --currency).
    Submit(Box<TravelSubmit>),
    /// Set or show a summit's travel policy.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Start reviewing a submitted request.
    Review(Decide),
    /// Score a request on the policy's review scale (replaces your earlier score).
    Score {
        id: i64,
        #[arg(long)]
        actor: String,
        #[arg(long, allow_negative_numbers = true)]
        score: i64,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Approve a request under review or waitlisted, or change the approved amounts (the change
    /// then waits for another organiser's `confirm`). A category not given is approved as
    /// requested.
    Approve(Box<TravelApprove>),
    /// Confirm changed approved amounts (another organiser than the one who changed them).
    Confirm(Decide),
    /// Put a request under review on the waitlist.
    Waitlist(DecideWithReason),
    /// Deny a request under review or waitlisted.
    Deny {
        id: i64,
        #[arg(long)]
        actor: String,
        /// Why (required).
        #[arg(long)]
        reason: String,
    },
    /// Record that the speaker accepted their offer (by its accept-by date).
    Accept(Decide),
    /// Record that the speaker declined their offer.
    Decline(DecideWithReason),
    /// Expire one offer past its accept-by date, or with --summit every such offer.
    Expire {
        /// The request; without it, every overdue offer of --summit.
        #[arg(required_unless_present = "summit")]
        id: Option<i64>,
        #[arg(long, value_name = "SLUG", conflicts_with = "id")]
        summit: Option<String>,
        #[arg(long)]
        actor: String,
    },
    /// Record the speaker's booking (replaces an earlier one).
    Book(Box<TravelBook>),
    /// Attach a receipt: the file is copied beside the database with its SHA-256.
    Receipt {
        id: i64,
        #[arg(long)]
        actor: String,
        #[arg(long, value_name = "PATH")]
        file: PathBuf,
    },
    /// Record a reimbursement paid to the speaker (never more than approved in total).
    Pay(Box<TravelPay>),
    /// Withdraw an open request.
    Withdraw(DecideWithReason),
}

#[derive(Debug, Args)]
pub struct Decide {
    pub id: i64,
    /// The organiser acting.
    #[arg(long)]
    pub actor: String,
}

#[derive(Debug, Args)]
pub struct DecideWithReason {
    pub id: i64,
    #[arg(long)]
    pub actor: String,
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct TravelSubmit {
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    #[arg(long, value_name = "SPEAKER_ID")]
    pub speaker: i64,
    /// The applicant's currency; every amount is in it.
    #[arg(long)]
    pub currency: String,
    #[arg(long)]
    pub airfare: Option<String>,
    #[arg(long)]
    pub lodging: Option<String>,
    #[arg(long)]
    pub ground: Option<String>,
    #[arg(long)]
    pub visa: Option<String>,
    #[arg(long)]
    pub other: Option<String>,
    #[arg(long)]
    pub nights: Option<i64>,
    #[arg(long = "from-city")]
    pub from_city: Option<String>,
    /// Two-letter country code they travel from.
    #[arg(long = "from-country")]
    pub from_country: Option<String>,
    /// YYYY-MM-DD
    #[arg(long = "depart-on")]
    pub depart_on: Option<String>,
    /// YYYY-MM-DD
    #[arg(long = "return-on")]
    pub return_on: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Set (or replace) a summit's travel policy; amounts in the summit's currency.
    Set(Box<PolicySet>),
    /// Show a summit's travel policy.
    Show {
        #[arg(long, value_name = "SLUG")]
        summit: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct PolicySet {
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    #[arg(long)]
    pub actor: String,
    /// The whole travel pool, e.g. "20000 USD".
    #[arg(long)]
    pub pool: String,
    /// Airfare cap.
    #[arg(long)]
    pub airfare: String,
    /// Airfare cap from --domestic-country.
    #[arg(long)]
    pub airfare_domestic: Option<String>,
    /// Airfare cap from anywhere else.
    #[arg(long)]
    pub airfare_international: Option<String>,
    #[arg(long)]
    pub domestic_country: Option<String>,
    /// Lodging cap per night.
    #[arg(long)]
    pub lodging_per_night: String,
    /// Nights funded at most [default: the summit's nights plus one].
    #[arg(long)]
    pub max_nights: Option<i64>,
    #[arg(long, default_value = "0")]
    pub ground: String,
    #[arg(long, default_value = "0")]
    pub visa: String,
    #[arg(long, default_value = "0")]
    pub other: String,
    /// Days a speaker has to accept an offer.
    #[arg(long, default_value_t = 14)]
    pub accept_by_days: i64,
    /// The review scale, LOW-HIGH.
    #[arg(long, default_value = "1-5")]
    pub review_scale: String,
}

#[derive(Debug, Args)]
pub struct TravelApprove {
    pub id: i64,
    #[arg(long)]
    pub actor: String,
    /// Approved airfare in the request's currency, e.g. "800 EUR".
    #[arg(long)]
    pub airfare: Option<String>,
    #[arg(long)]
    pub lodging: Option<String>,
    #[arg(long)]
    pub ground: Option<String>,
    #[arg(long)]
    pub visa: Option<String>,
    #[arg(long)]
    pub other: Option<String>,
    /// The rate to the summit's currency, e.g. "EUR/USD=1.08" [default: the newest recorded].
    #[arg(long)]
    pub rate: Option<String>,
    /// Why the approval may go past what is left of the pool.
    #[arg(long)]
    pub override_reason: Option<String>,
    /// Last day to accept, YYYY-MM-DD [default: the policy's period from today].
    #[arg(long)]
    pub accept_by: Option<String>,
    /// Check and print the figures without approving.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TravelBook {
    pub id: i64,
    #[arg(long)]
    pub actor: String,
    /// Arrival, "YYYY-MM-DD HH:MM" in --tz.
    #[arg(long)]
    pub arrive: String,
    /// Departure, "YYYY-MM-DD HH:MM" in --tz.
    #[arg(long)]
    pub depart: String,
    /// The IANA zone of the times [default: the summit's].
    #[arg(long)]
    pub tz: Option<String>,
    #[arg(long)]
    pub flight: Option<String>,
    #[arg(long)]
    pub hotel: Option<String>,
    #[arg(long)]
    pub nights: Option<i64>,
}

#[derive(Debug, Args)]
pub struct TravelPay {
    pub id: i64,
    #[arg(long)]
    pub actor: String,
    /// In the request's currency, e.g. "300 EUR".
    #[arg(long)]
    pub amount: String,
    /// YYYY-MM-DD [default: today].
    #[arg(long)]
    pub on: Option<String>,
    /// The rate to the summit's currency [default: the newest recorded, else the approval's].
    #[arg(long)]
    pub rate: Option<String>,
    #[arg(long)]
    pub reference: Option<String>,
    /// The last payment: the request is reimbursed even if part of the approval stays unpaid.
    #[arg(long)]
    pub last: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain; exits 2 naming the first broken row.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Print the audit log (or one request's history).
    Log {
        /// Only this travel request's rows.
        #[arg(long, value_name = "ID")]
        request: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

/// `roadie export travel`.
#[derive(Debug, Args)]
pub struct TravelExport {
    #[arg(long, value_name = "SLUG")]
    pub summit: String,
    /// The CSV file to write, replaced only once complete; "-" for standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}
