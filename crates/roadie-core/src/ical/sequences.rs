//! The SEQUENCE of the [`Item`]s calendars show beside gatherings. Items are made afresh from
//! their records at each export, so what a client last saw of each is kept in
//! `calendar_sequences` (migration 0009): a hash of the event as written, DTSTAMP and SEQUENCE
//! left out, and its sequence. An item written differently since gets its sequence raised by one;
//! a new one starts at 0. Whatever changed (a rebooked flight, a withdrawn request, a gathering
//! moved so a shipment's deadline moves with it), the sequence rises exactly when the text does.

use std::collections::HashMap;

use super::{Item, event, fingerprint, lines::Lines};
use crate::error::Result;
use crate::store::{Store, batch_json};

/// The hash of each item as written, its DTSTAMP and SEQUENCE left out (each item's sequence is
/// set to 0 for it, before [`assign`] sets the right one).
fn fingerprints(items: &mut [Item]) -> Result<Vec<String>> {
    let mut lines = Lines::with_capacity(4096);
    items
        .iter_mut()
        .map(|item| {
            item.sequence = 0;
            lines.clear();
            event::write_item(&mut lines, item, "")?;
            Ok(fingerprint(lines.as_str()))
        })
        .collect()
}

/// What is stored for each UID: its fingerprint and sequence.
type Stored = HashMap<String, (String, i64)>;

/// Gives each item its sequence from `stored`, given its fingerprint; returns the rows to store
/// (UID, fingerprint, sequence) for the new and changed ones.
fn assign<'a>(
    items: &mut [Item],
    prints: &'a [String],
    stored: &Stored,
) -> Vec<(String, &'a str, i64)> {
    let mut changed = Vec::new();
    for (item, print) in items.iter_mut().zip(prints) {
        item.sequence = match stored.get(&item.uid) {
            Some((old, sequence)) if old == print => *sequence,
            Some((_, sequence)) => sequence.saturating_add(1),
            None => 0,
        };
        if stored.get(&item.uid).is_none_or(|(old, _)| old != print) {
            changed.push((item.uid.clone(), print.as_str(), item.sequence));
        }
    }
    changed
}

impl Store {
    /// Sets each item's SEQUENCE from the database, raising and recording it for those written
    /// differently since the last export (and recording new ones).
    pub(crate) async fn sequence_items(&self, items: &mut [Item]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let prints = fingerprints(items)?;
        let uids: Vec<&str> = items.iter().map(|i| i.uid.as_str()).collect();
        let uids = batch_json(&uids)?;
        // Read without a lock first: usually nothing changed, and nothing is written.
        let stored = self
            .stored_sequences(&mut *self.pool.acquire().await?, &uids)
            .await?;
        if assign(items, &prints, &stored).is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        let stored = self.stored_sequences(&mut tx, &uids).await?;
        let changed = assign(items, &prints, &stored);
        let rows = batch_json(&changed)?;
        sqlx::query!(
            "INSERT INTO calendar_sequences (uid, fingerprint, sequence)
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
             FROM json_each(?) WHERE true
             ON CONFLICT (uid) DO UPDATE SET fingerprint = excluded.fingerprint, sequence = excluded.sequence",
            rows
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The stored fingerprint and sequence of each UID of the JSON array `uids` that has them,
    /// read as one JSON value (ten thousand rows one at a time cost more than the lookups).
    async fn stored_sequences(
        &self,
        conn: &mut sqlx::SqliteConnection,
        uids: &str,
    ) -> Result<Stored> {
        let rows = sqlx::query_scalar!(
            r#"SELECT json_group_array(json_array(s.uid, s.fingerprint, s.sequence)) AS "rows!: String"
               FROM calendar_sequences s JOIN json_each(?) j ON j.value = s.uid"#,
            uids
        )
        .fetch_one(conn)
        .await?;
        let rows: Vec<(String, String, i64)> =
            serde_json::from_str(&rows).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        Ok(rows
            .into_iter()
            .map(|(uid, print, sequence)| (uid, (print, sequence)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::{EventKind, ItemTime};

    fn item(uid: &str, title: &str) -> Item {
        Item {
            uid: uid.into(),
            sequence: 0,
            kind: EventKind::ShippingDeadline,
            title: title.into(),
            when: ItemTime::Day(chrono::NaiveDate::from_ymd_opt(2026, 6, 6).unwrap()),
            description: "Shipment 1".into(),
            location: None,
            cancelled: false,
        }
    }

    #[test]
    fn the_sequence_rises_only_when_the_text_changes() {
        let mut items = vec![
            item("a@roadie", "Ship by: a"),
            item("b@roadie", "Ship by: b"),
        ];
        let prints = fingerprints(&mut items).unwrap();
        // Never seen: both start at 0 and are recorded.
        let changed = assign(&mut items, &prints, &Stored::new());
        assert_eq!(changed.len(), 2);
        let mut stored: Stored = changed
            .into_iter()
            .map(|(uid, print, sequence)| (uid, (print.to_owned(), sequence)))
            .collect();
        assert!(assign(&mut items, &prints, &stored).is_empty());
        assert_eq!(items.iter().map(|i| i.sequence).collect::<Vec<_>>(), [0, 0]);

        // The second one is cancelled: only its sequence rises.
        items[1].cancelled = true;
        let prints = fingerprints(&mut items).unwrap();
        let changed = assign(&mut items, &prints, &stored);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].0, "b@roadie");
        assert_eq!(items.iter().map(|i| i.sequence).collect::<Vec<_>>(), [0, 1]);
        stored.insert("b@roadie".into(), (changed[0].1.to_owned(), 1));
        assert!(assign(&mut items, &prints, &stored).is_empty());
        assert_eq!(items[1].sequence, 1);
    }

    #[test]
    fn the_fingerprint_ignores_the_sequence_only() {
        let a = item("a@roadie", "Ship by: a");
        let raised = Item {
            sequence: 5,
            ..a.clone()
        };
        let moved = Item {
            when: ItemTime::Day(chrono::NaiveDate::from_ymd_opt(2026, 6, 7).unwrap()),
            ..a.clone()
        };
        let prints = fingerprints(&mut [a, raised, moved]).unwrap();
        assert_eq!(prints[0].len(), 64);
        assert_eq!(prints[1], prints[0]);
        assert_ne!(prints[2], prints[0]);
    }
}
