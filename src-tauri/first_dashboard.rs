//! The first screen's data, read while the window loads. The page can ask for it only once its
//! script runs, some 400 ms after the process started, and a large summit's dashboard takes a
//! good part of that again to read; reading it as soon as the database is open takes that off the
//! way to the first screen. `startup` hands it over once, and only while it is fresh.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use roadie_core::{Clock, Dashboard, Store, SystemClock};
use tauri::async_runtime::{self, JoinHandle};

/// How long a dashboard read at start-up may wait for the page before it is read again.
const FRESH_FOR: Duration = Duration::from_secs(10);

type EarlyRead = JoinHandle<roadie_core::Result<Option<Dashboard>>>;

/// The first summit's dashboard (the one the UI shows when it remembers no other), being read
/// since the database opened; empty once taken, and in tests.
#[derive(Default)]
pub struct FirstDashboard(Mutex<Option<(Instant, EarlyRead)>>);

impl FirstDashboard {
    /// Starts reading the first summit's dashboard.
    pub fn start(store: Store) -> Self {
        let read = async_runtime::spawn(async move {
            let Some(first) = store.list_summits().await?.into_iter().next() else {
                return Ok(None);
            };
            store.dashboard(first.id, SystemClock.now()).await.map(Some)
        });
        Self(Mutex::new(Some((Instant::now(), read))))
    }

    /// The dashboard of summit `id`: the one read at start-up when it is that summit's (`first`
    /// says whether `id` is the first summit), not taken before and still fresh; else read now.
    pub async fn take(
        &self,
        store: &Store,
        id: i64,
        first: bool,
    ) -> roadie_core::Result<Dashboard> {
        let early = self.0.lock().ok().and_then(|mut slot| slot.take());
        if let Some((started, read)) = early {
            if first && started.elapsed() < FRESH_FOR {
                // A failed early read is read again below, where its error reaches the page.
                if let Ok(Ok(Some(dashboard))) = read.await
                    && dashboard.summit.id == id
                {
                    return Ok(dashboard);
                }
            } else {
                read.abort();
            }
        }
        store.dashboard(id, SystemClock.now()).await
    }
}

#[cfg(test)]
mod tests {
    use roadie_core::SummitForm;

    use super::*;

    fn form(slug: &str) -> SummitForm {
        SummitForm {
            name: format!("Summit {slug}"),
            slug: slug.into(),
            tz: "Europe/Berlin".into(),
            start: "2030-05-01".into(),
            end: "2030-05-02".into(),
            currency: "EUR".into(),
            ..SummitForm::default()
        }
    }

    #[test]
    fn the_first_summits_dashboard_is_handed_over_once_and_another_summits_is_read_on_demand() {
        let dir = tempfile::tempdir().unwrap();
        async_runtime::block_on(async {
            let store = Store::open(&dir.path().join("roadie.db")).await.unwrap();
            let first = store
                .create_summit(&form("one").parse().unwrap())
                .await
                .unwrap();
            let second = store
                .create_summit(&form("two").parse().unwrap())
                .await
                .unwrap();

            let early = FirstDashboard::start(store.clone());
            let taken = early.take(&store, first.id, true).await.unwrap();
            assert_eq!(taken.summit, first);
            assert!(early.0.lock().unwrap().is_none(), "taken once");
            // Later calls read afresh, for whichever summit.
            assert_eq!(
                early.take(&store, second.id, false).await.unwrap().summit,
                second
            );

            // Asked for another summit, the early read is dropped, not waited for.
            let early = FirstDashboard::start(store.clone());
            assert_eq!(
                early.take(&store, second.id, false).await.unwrap().summit,
                second
            );
            assert!(early.0.lock().unwrap().is_none());

            // Nothing was read early in tests' apps: read on demand.
            let none = FirstDashboard::default();
            assert_eq!(
                none.take(&store, first.id, true).await.unwrap().summit,
                first
            );
        });
    }

    #[test]
    fn an_empty_database_has_no_early_dashboard() {
        let dir = tempfile::tempdir().unwrap();
        async_runtime::block_on(async {
            let store = Store::open(&dir.path().join("roadie.db")).await.unwrap();
            let early = FirstDashboard::start(store.clone());
            let read = early.0.lock().unwrap().take().unwrap().1;
            assert!(read.await.unwrap().unwrap().is_none());
        });
    }
}
