//! Roadie's core: the domain, its rules and its storage. Everything a user can do is a function
//! here; the CLI and the desktop app are thin shells over it. Time is passed in, never read.

pub mod audit;
pub mod backup;
#[cfg(feature = "specta")]
mod bindings;
pub mod budget;
pub mod budget_export;
pub mod budget_summary;
pub mod checks;
pub mod credentials;
pub mod csv_cell;
pub mod dashboard;
pub mod demo;
pub mod error;
pub mod fields;
pub mod files;
pub mod forms;
pub mod gathering;
pub mod geo;
pub mod ical;
pub mod import;
pub mod money;
pub mod organiser;
pub mod rates;
pub mod shipment;
pub mod speaker;
pub mod stock;
pub mod store;
pub mod summit;
pub mod swag;
mod text_enum;
pub mod time;
pub mod timeline;
pub mod travel;

pub use audit::{AuditBreak, AuditEntry, AuditReport};
pub use backup::BackupReport;
pub use backup::restore::{BackupInfo, BackupKind, Restored};
pub use backup::snapshots::{Opened, Snapshot, SnapshotReason};
pub use budget::{BudgetCategory, BudgetFilter, BudgetLine, BudgetLineData};
pub use budget_export::ExportFormat;
pub use budget_summary::{
    BudgetEntry, BudgetSource, BudgetSummary, CategorySummary, CurrencySums, Figures, ShipmentCost,
    SocialCost, SpendingMonth, TravelPoolUse, YearSummary, YearSummit,
};
pub use checks::{Finding, FindingKind, RecordKind, RecordRef, Severity};
pub use dashboard::{BudgetTotals, Counts, Dashboard};
pub use error::{Error, Result};
pub use forms::{
    ApprovalForm, BookingForm, BudgetLineForm, ExchangeRateForm, GatheringForm, PaymentForm,
    ShipmentForm, SummitForm, SwagItemForm, TravelItemForm, TravelPolicyForm, TravelRequestForm,
};
pub use gathering::{
    Audience, Gathering, GatheringData, GatheringFilter, GatheringKind, GatheringStatus,
    GatheringView,
};
pub use geo::Geo;
pub use ical::{
    CaldavSettings, CaldavTarget, Calendar, CalendarAudience, CalendarOverview, Collection,
    EventKind, Feed, KindCount, Login, PublishFailure, PublishReport,
};
pub use import::{
    CsvKind, CsvOptions, CsvReport, ImportProgress, Schedule, ScheduleOptions, ScheduleReport,
};
pub use money::{Currency, Money};
pub use organiser::{Organiser, OrganiserData};
pub use rates::{ExchangeRate, ExchangeRateData, Rate};
pub use shipment::{
    Deadline, Shipment, ShipmentData, ShipmentFilter, ShipmentLine, ShipmentStatus,
};
pub use speaker::{Speaker, SpeakerData, SpeakerFilter};
pub use stock::{
    EventStock, StockFilter, StockMovement, StockMovementData, StockMovementKind, VariantStock,
};
pub use store::{Store, default_db_path};
pub use summit::{Summit, SummitData};
pub use swag::{SwagItem, SwagItemData, SwagVariant};
pub use time::{Clock, FixedClock, SystemClock, Zone};
pub use timeline::{TimelineDay, TimelineFilter};
pub use travel::approve::{ApprovalInput, ApprovalLine, ApprovalPlan};
pub use travel::decide::{BookingData, PaymentInput};
pub use travel::flow::TravelAction;
pub use travel::funding::{
    Approval, ApprovedItem, Booking, Itinerary, Payment, Receipt, Review, TravelMoney,
};
pub use travel::overview::{TravelDetail, TravelRow};
pub use travel::policy::{Cap, TravelPolicy};
pub use travel::{
    TravelCategory, TravelFilter, TravelItem, TravelRequest, TravelRequestData, TravelStatus,
};
