//! The app's Tauri commands: each is one call into the core. Times come from the system clock
//! here, at the edge, and are passed in.

use std::path::PathBuf;

use roadie_core::{
    BudgetEntry, BudgetFilter, BudgetLine, BudgetLineForm, BudgetSummary, Clock, Currency,
    Dashboard, ExchangeRate, ExportFormat, GatheringFilter, GatheringForm, GatheringView, Shipment,
    ShipmentFilter, ShipmentForm, Speaker, SpeakerData, SpeakerFilter, Store, Summit, SummitForm,
    SwagItem, SwagItemForm, SwagVariant, SystemClock, TravelFilter, TravelRequest,
    TravelRequestForm, YearSummary,
};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;

type Result<T> = std::result::Result<T, IpcError>;

/// What the about box and the footer show.
#[derive(Debug, Serialize, specta::Type)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// The database file the app has open.
    pub database_path: PathBuf,
}

#[tauri::command]
#[specta::specta]
// async: a plain fn command runs on the main thread, which is busy building the window while the
// page asks this at start-up.
pub async fn app_info(store: State<'_, Store>) -> Result<AppInfo> {
    Ok(AppInfo {
        name: "Roadie".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        database_path: store.path().to_owned(),
    })
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
    Ok(store.add_shipment(&form.parse()?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_shipment(
    store: State<'_, Store>,
    id: i64,
    form: ShipmentForm,
) -> Result<Shipment> {
    Ok(store.update_shipment(id, &form.parse()?).await?)
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

/// Saves a copy of the whole database to the file the user chose in the save dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_backup(store: State<'_, Store>, path: PathBuf) -> Result<()> {
    Ok(store.backup_to(&path).await?)
}

/// Opens another database file in a new window of its own; this one stays on its database.
#[tauri::command]
#[specta::specta]
pub fn open_database(path: PathBuf) -> Result<()> {
    crate::open_in_new_process(&path)
}
