//! The app's Tauri commands: each is one call into the core. Times come from the system clock
//! here, at the edge, and are passed in.

use std::path::PathBuf;

use chrono::NaiveDate;

use roadie_core::import::{
    self, CsvOptions, CsvReport, ImportProgress, ScheduleOptions, ScheduleReport,
};
use roadie_core::{
    Approval, ApprovalForm, ApprovalPlan, AuditReport, BackupInfo, BackupReport, BookingForm,
    BudgetEntry, BudgetFilter, BudgetLine, BudgetLineForm, BudgetSummary, CaldavSettings,
    CaldavTarget, CalendarOverview, Clock, Currency, Dashboard, EventStock, ExchangeRate,
    ExportFormat, Feed, Finding, GatheringFilter, GatheringForm, GatheringView, Organiser,
    OrganiserData, PaymentForm, PublishReport, Receipt, Restored, Shipment, ShipmentFilter,
    ShipmentForm, ShipmentStatus, Speaker, SpeakerData, SpeakerFilter, StockFilter, StockMovement,
    StockMovementData, Store, Summit, SummitForm, SwagItem, SwagItemForm, SwagVariant, SystemClock,
    TimelineDay, TimelineFilter, TravelAction, TravelDetail, TravelFilter, TravelMoney,
    TravelPolicy, TravelPolicyForm, TravelRequest, TravelRequestForm, TravelRow, TravelStatus,
    VariantStock, YearSummary,
};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::IpcError;

type Result<T> = std::result::Result<T, IpcError>;

/// What the about box and the footer show.
#[derive(Debug, Serialize, specta::Type)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// The database file the app has open.
    pub database_path: PathBuf,
    /// What went wrong at start-up without stopping it (a daily snapshot not taken), for the user.
    pub warnings: Vec<String>,
}

#[tauri::command]
#[specta::specta]
// async: a plain fn command runs on the main thread, which is busy building the window while the
// page asks this at start-up.
pub async fn app_info(
    store: State<'_, Store>,
    warnings: State<'_, crate::StartupWarnings>,
) -> Result<AppInfo> {
    Ok(AppInfo {
        name: "Roadie".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database_path: store.path().to_owned(),
        warnings: warnings.get(),
    })
}

/// What the first screen needs, in one round trip: the app, its summits, and the dashboard of
/// `summit` when it is one of them, else of the first summit (the UI's own choice when it
/// remembers none). The first summit's dashboard has been read since the database opened
/// ([`crate::FirstDashboard`]); the first call takes it. When the database could not be opened
/// at launch, it is opened again here, and the error says why it still cannot be.
#[tauri::command]
#[specta::specta]
pub async fn startup<R: Runtime>(
    app: AppHandle<R>,
    database: State<'_, crate::Database>,
    summit: Option<i64>,
) -> Result<Startup> {
    database.open(&app).await?;
    let (Some(store), Some(warnings), Some(first)) = (
        app.try_state::<Store>(),
        app.try_state::<crate::StartupWarnings>(),
        app.try_state::<crate::FirstDashboard>(),
    ) else {
        return Err(IpcError {
            code: "internal".into(),
            message: "the database is open but the app does not have it".into(),
            field: None,
        });
    };
    let info = app_info(store.clone(), warnings).await?;
    let summits = store.list_summits().await?;
    let chosen = summit
        .filter(|id| summits.iter().any(|s| s.id == *id))
        .or_else(|| summits.first().map(|s| s.id));
    let dashboard = match chosen {
        Some(id) => Some(
            first
                .take(&store, id, summits.first().is_some_and(|s| s.id == id))
                .await?,
        ),
        None => None,
    };
    Ok(Startup {
        info,
        summits,
        dashboard,
    })
}

/// The answer to [`startup`].
#[derive(Debug, Serialize, specta::Type)]
pub struct Startup {
    pub info: AppInfo,
    pub summits: Vec<Summit>,
    /// The dashboard of the summit chosen, none when there are no summits.
    pub dashboard: Option<Dashboard>,
}

#[tauri::command]
#[specta::specta]
pub async fn list_summits(store: State<'_, Store>) -> Result<Vec<Summit>> {
    Ok(store.list_summits().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_summit(store: State<'_, Store>, form: SummitForm) -> Result<Summit> {
    Ok(store.create_summit(&form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_summit(store: State<'_, Store>, id: i64, form: SummitForm) -> Result<Summit> {
    Ok(store.update_summit(id, &form.parse()?).await?)
}

/// The small demo summit, seeded around today on first use.
#[tauri::command]
#[specta::specta]
pub async fn open_demo(store: State<'_, Store>) -> Result<Summit> {
    Ok(store.demo_summit(SystemClock.now().date_naive()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn dashboard(store: State<'_, Store>, summit_id: i64) -> Result<Dashboard> {
    Ok(store.dashboard(summit_id, SystemClock.now()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_gatherings(
    store: State<'_, Store>,
    filter: GatheringFilter,
) -> Result<Vec<GatheringView>> {
    let gatherings = store.list_gatherings(&filter).await?;
    Ok(gatherings.into_iter().map(GatheringView::from).collect())
}

#[tauri::command]
#[specta::specta]
pub async fn timeline_days(
    store: State<'_, Store>,
    filter: TimelineFilter,
) -> Result<Vec<TimelineDay>> {
    Ok(store.timeline_days(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn timeline_day(
    store: State<'_, Store>,
    filter: TimelineFilter,
    day: NaiveDate,
) -> Result<Vec<GatheringView>> {
    Ok(store.timeline_day(&filter, day).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_gathering(
    store: State<'_, Store>,
    form: GatheringForm,
) -> Result<GatheringView> {
    Ok(store.add_gathering(&form.parse_new()?).await?.into())
}

#[tauri::command]
#[specta::specta]
pub async fn update_gathering(
    store: State<'_, Store>,
    id: i64,
    form: GatheringForm,
) -> Result<GatheringView> {
    Ok(store.update_gathering(id, &form.parse()?).await?.into())
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_gathering(store: State<'_, Store>, id: i64) -> Result<GatheringView> {
    Ok(store.cancel_gathering(id).await?.into())
}

#[tauri::command]
#[specta::specta]
pub async fn list_speakers(store: State<'_, Store>, filter: SpeakerFilter) -> Result<Vec<Speaker>> {
    Ok(store.list_speakers(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_speaker(store: State<'_, Store>, data: SpeakerData) -> Result<Speaker> {
    Ok(store.add_speaker(&data).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_speaker(
    store: State<'_, Store>,
    id: i64,
    data: SpeakerData,
) -> Result<Speaker> {
    Ok(store.update_speaker(id, &data).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_travel_requests(
    store: State<'_, Store>,
    filter: TravelFilter,
) -> Result<Vec<TravelRequest>> {
    Ok(store.list_travel_requests(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_travel_request(
    store: State<'_, Store>,
    form: TravelRequestForm,
) -> Result<TravelRequest> {
    Ok(store
        .submit_travel_request(&form.parse()?, SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_travel_request(
    store: State<'_, Store>,
    id: i64,
    form: TravelRequestForm,
) -> Result<TravelRequest> {
    Ok(store.update_travel_request(id, &form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_organisers(store: State<'_, Store>) -> Result<Vec<Organiser>> {
    Ok(store.list_organisers().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_organiser(store: State<'_, Store>, data: OrganiserData) -> Result<Organiser> {
    Ok(store.add_organiser(&data, SystemClock.now()).await?)
}

/// A summit's requests, ranked, with their amounts and the pool's remaining figure.
#[tauri::command]
#[specta::specta]
pub async fn travel_overview(
    store: State<'_, Store>,
    summit_id: i64,
    status: Option<TravelStatus>,
) -> Result<Vec<TravelRow>> {
    Ok(store.travel_overview(summit_id, status).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn travel_detail(store: State<'_, Store>, id: i64) -> Result<TravelDetail> {
    Ok(store.travel_detail(id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn travel_money(store: State<'_, Store>, summit_id: i64) -> Result<TravelMoney> {
    Ok(store.travel_money(summit_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn travel_policy(
    store: State<'_, Store>,
    summit_id: i64,
) -> Result<Option<TravelPolicy>> {
    Ok(store.travel_policy(summit_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_travel_policy(
    store: State<'_, Store>,
    form: TravelPolicyForm,
    actor: String,
) -> Result<TravelPolicy> {
    Ok(store
        .set_travel_policy(&form.parse()?, &actor, SystemClock.now())
        .await?)
}

/// What approving with `form` would give, checked by every rule; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_approval(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    form: ApprovalForm,
) -> Result<ApprovalPlan> {
    let (currency, base) = store.travel_currencies(id).await?;
    Ok(store
        .preview_approval(id, &actor, &form.parse(currency, base)?, &SystemClock)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn approve_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    form: ApprovalForm,
) -> Result<ApprovalPlan> {
    let (currency, base) = store.travel_currencies(id).await?;
    Ok(store
        .approve_travel(id, &actor, &form.parse(currency, base)?, &SystemClock)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_travel_approval(
    store: State<'_, Store>,
    id: i64,
    actor: String,
) -> Result<Approval> {
    Ok(store
        .confirm_travel_approval(id, &actor, SystemClock.now())
        .await?)
}

/// Start review, waitlist, deny (with a reason), decline or withdraw.
#[tauri::command]
#[specta::specta]
pub async fn move_travel(
    store: State<'_, Store>,
    id: i64,
    action: TravelAction,
    actor: String,
    reason: Option<String>,
) -> Result<TravelRequest> {
    Ok(store
        .move_travel(id, action, &actor, reason.as_deref(), SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn accept_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
) -> Result<TravelRequest> {
    Ok(store.accept_travel(id, &actor, &SystemClock).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn expire_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
) -> Result<TravelRequest> {
    Ok(store.expire_travel(id, &actor, &SystemClock).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn score_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    score: i64,
    comment: Option<String>,
) -> Result<TravelRequest> {
    Ok(store
        .score_travel(id, &actor, score, comment.as_deref(), SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn book_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    form: BookingForm,
) -> Result<TravelRequest> {
    Ok(store
        .book_travel(id, &actor, &form.parse()?, SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn pay_travel(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    form: PaymentForm,
) -> Result<TravelRequest> {
    let (currency, base) = store.travel_currencies(id).await?;
    Ok(store
        .pay_travel(id, &actor, &form.parse(currency, base)?, SystemClock.now())
        .await?)
}

/// Copies the receipt the user chose in the open dialog beside the database and attaches it.
#[tauri::command]
#[specta::specta]
pub async fn attach_receipt(
    store: State<'_, Store>,
    id: i64,
    actor: String,
    path: PathBuf,
) -> Result<Receipt> {
    Ok(store
        .attach_receipt(id, &actor, &path, SystemClock.now())
        .await?)
}

/// Checks the audit log's hash chain.
#[tauri::command]
#[specta::specta]
pub async fn verify_audit(store: State<'_, Store>) -> Result<AuditReport> {
    Ok(store.verify_audit().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_swag_items(store: State<'_, Store>) -> Result<Vec<SwagItem>> {
    Ok(store.list_swag_items().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_swag_item(store: State<'_, Store>, form: SwagItemForm) -> Result<SwagItem> {
    Ok(store.add_swag_item(&form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_swag_item(
    store: State<'_, Store>,
    id: i64,
    form: SwagItemForm,
) -> Result<SwagItem> {
    Ok(store.update_swag_item(id, &form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_swag_variant(
    store: State<'_, Store>,
    item_id: i64,
    label: String,
    sku: Option<String>,
) -> Result<SwagVariant> {
    Ok(store
        .add_swag_variant(item_id, &label, sku.as_deref())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_shipments(
    store: State<'_, Store>,
    filter: ShipmentFilter,
) -> Result<Vec<Shipment>> {
    Ok(store.list_shipments(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_shipment(store: State<'_, Store>, form: ShipmentForm) -> Result<Shipment> {
    Ok(store
        .add_shipment(&form.parse()?, SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_shipment(
    store: State<'_, Store>,
    id: i64,
    form: ShipmentForm,
) -> Result<Shipment> {
    Ok(store
        .update_shipment(id, &form.parse()?, SystemClock.now())
        .await?)
}

/// Moves a shipment along its statuses: as it leaves, its contents leave the stock.
#[tauri::command]
#[specta::specta]
pub async fn set_shipment_status(
    store: State<'_, Store>,
    id: i64,
    status: ShipmentStatus,
) -> Result<Shipment> {
    Ok(store
        .set_shipment_status(id, status, SystemClock.now())
        .await?)
}

/// The planning checks' findings for a summit, as of now.
#[tauri::command]
#[specta::specta]
pub async fn run_checks(store: State<'_, Store>, summit_id: i64) -> Result<Vec<Finding>> {
    Ok(store.run_checks(summit_id, SystemClock.now()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn stock_levels(store: State<'_, Store>) -> Result<Vec<VariantStock>> {
    Ok(store.stock_levels().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn event_stock(store: State<'_, Store>, summit_id: i64) -> Result<Vec<EventStock>> {
    Ok(store.event_stock(summit_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn record_stock_movement(
    store: State<'_, Store>,
    data: StockMovementData,
) -> Result<StockMovement> {
    Ok(store
        .record_stock_movement(&data, SystemClock.now())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_stock_movements(
    store: State<'_, Store>,
    filter: StockFilter,
) -> Result<Vec<StockMovement>> {
    Ok(store.list_stock_movements(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_budget_lines(
    store: State<'_, Store>,
    filter: BudgetFilter,
) -> Result<Vec<BudgetLine>> {
    Ok(store.list_budget_lines(&filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_budget_line(
    store: State<'_, Store>,
    form: BudgetLineForm,
) -> Result<BudgetLine> {
    Ok(store.add_budget_line(&form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_budget_line(
    store: State<'_, Store>,
    id: i64,
    form: BudgetLineForm,
) -> Result<BudgetLine> {
    Ok(store.update_budget_line(id, &form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_rates(
    store: State<'_, Store>,
    summit_id: Option<i64>,
) -> Result<Vec<ExchangeRate>> {
    Ok(store.list_rates(summit_id).await?)
}

/// What a calendar holds, before it is saved or published.
#[tauri::command]
#[specta::specta]
pub async fn calendar_overview(store: State<'_, Store>, feed: Feed) -> Result<CalendarOverview> {
    Ok(store.calendar_overview(feed).await?)
}

/// Writes a calendar (.ics) to the file the user chose in the save dialog or typed in full.
#[tauri::command]
#[specta::specta]
pub async fn export_calendar(
    store: State<'_, Store>,
    feed: Feed,
    path: PathBuf,
) -> Result<CalendarOverview> {
    if !path.is_absolute() {
        let message = "give the file's full path, e.g. /home/ada/summit.ics, or choose it";
        return Err(roadie_core::Error::invalid("path", message).into());
    }
    Ok(store.export_calendar(feed, &path, &SystemClock).await?)
}

/// A summit's CalDAV settings, and whether the OS keyring holds their password.
#[tauri::command]
#[specta::specta]
pub async fn caldav_settings(store: State<'_, Store>, summit_id: i64) -> Result<CaldavSettings> {
    Ok(store.caldav_settings(summit_id).await?)
}

/// Saves a summit's CalDAV settings; the password, when given, goes to the OS keyring only.
#[tauri::command]
#[specta::specta]
pub async fn save_caldav_settings(
    store: State<'_, Store>,
    target: CaldavTarget,
    password: Option<String>,
) -> Result<CaldavSettings> {
    Ok(store
        .save_caldav_settings(&target, password.as_deref())
        .await?)
}

/// Publishes a summit's calendar to its CalDAV collection now.
#[tauri::command]
#[specta::specta]
pub async fn publish_caldav(
    store: State<'_, Store>,
    summit_id: i64,
    overwrite: bool,
) -> Result<PublishReport> {
    Ok(store
        .publish_to_caldav_target(summit_id, overwrite, &SystemClock)
        .await?)
}

/// A summit's budget summary in its base currency.
#[tauri::command]
#[specta::specta]
pub async fn budget_summary(store: State<'_, Store>, summit_id: i64) -> Result<BudgetSummary> {
    Ok(store.budget_summary(summit_id).await?)
}

/// Every summit starting in `year`, in `currency` (by default the one most of them use).
#[tauri::command]
#[specta::specta]
pub async fn budget_year(
    store: State<'_, Store>,
    year: i32,
    currency: Option<Currency>,
) -> Result<YearSummary> {
    Ok(store.budget_year(year, currency).await?)
}

/// The shipment costs behind a summit's figures, as the summary counts them.
#[tauri::command]
#[specta::specta]
pub async fn budget_entries(store: State<'_, Store>, summit_id: i64) -> Result<Vec<BudgetEntry>> {
    Ok(store.budget_entries(summit_id).await?)
}

/// Writes a summit's budget summary as CSV, XLSX or PDF to the file the user chose in the save
/// dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_budget(
    store: State<'_, Store>,
    summit_id: i64,
    format: ExportFormat,
    path: PathBuf,
) -> Result<()> {
    Ok(store
        .export_budget_to(summit_id, format, &path, SystemClock.now())
        .await?)
}

/// Writes a backup file (the database and its receipts in one zip) to the file the user chose in
/// the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_backup(store: State<'_, Store>, path: PathBuf) -> Result<BackupReport> {
    Ok(store.write_backup(&path, SystemClock.now()).await?)
}

/// What the backup file (or database snapshot) at `path` holds, checked; changes nothing. The UI
/// shows it when asking whether to replace the open database with it.
#[tauri::command]
#[specta::specta]
pub async fn inspect_backup(store: State<'_, Store>, path: PathBuf) -> Result<BackupInfo> {
    Ok(store.inspect_backup(&path).await?)
}

/// Replaces everything in the open database with the backup file at `path`, once the user has
/// confirmed; a snapshot of the database as it was is kept first.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(store: State<'_, Store>, path: PathBuf) -> Result<Restored> {
    Ok(store.restore(&path, SystemClock.now()).await?)
}

/// Opens another database file in a new window of its own; this one stays on its database.
#[tauri::command]
#[specta::specta]
pub fn open_database(path: PathBuf) -> Result<()> {
    crate::open_in_new_process(&path)
}

/// Reads and parses a schedule file off the async runtime, sending progress.
async fn load_schedule(
    path: PathBuf,
    progress: Channel<ImportProgress>,
) -> Result<roadie_core::Schedule> {
    tauri::async_runtime::spawn_blocking(move || {
        import::load_schedule(&path, &|p| {
            // A closed window stops listening; the import goes on.
            let _ = progress.send(p);
        })
    })
    .await
    .map_err(|e| IpcError::io("reading the schedule", &std::io::Error::other(e)))?
    .map_err(IpcError::from)
}

/// What importing the schedule file at `path` would add, change and cancel; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_schedule_import(
    store: State<'_, Store>,
    path: PathBuf,
    options: ScheduleOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ScheduleReport> {
    let schedule = load_schedule(path, on_progress.clone()).await?;
    let send = |p| {
        let _ = on_progress.send(p);
    };
    Ok(store.preview_schedule(&schedule, &options, &send).await?)
}

/// Imports the schedule file at `path`: what the preview listed, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn import_schedule(
    store: State<'_, Store>,
    path: PathBuf,
    options: ScheduleOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ScheduleReport> {
    let schedule = load_schedule(path, on_progress.clone()).await?;
    let send = |p| {
        let _ = on_progress.send(p);
    };
    Ok(store.import_schedule(&schedule, &options, &send).await?)
}

/// What importing the CSV file at `path` would do, with every bad row; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn preview_csv_import(
    store: State<'_, Store>,
    path: PathBuf,
    options: CsvOptions,
) -> Result<CsvReport> {
    let bytes = import::read_file(&path, &|_| {})?;
    Ok(store
        .preview_csv(&bytes, &options, SystemClock.now())
        .await?)
}

/// Imports the CSV file at `path` when every row is good; otherwise reports the bad rows.
#[tauri::command]
#[specta::specta]
pub async fn import_csv(
    store: State<'_, Store>,
    path: PathBuf,
    options: CsvOptions,
) -> Result<CsvReport> {
    let bytes = import::read_file(&path, &|_| {})?;
    Ok(store
        .import_csv(&bytes, &options, SystemClock.now())
        .await?)
}
