//! Sessionize's "All" view: `sessions`, `speakers`, `rooms` and `categories` side by side, sessions
//! pointing at the others by id, `startsAt` and `endsAt` wall-clock times in the event's zone.

use std::collections::HashMap;

use super::json::{Node, Value};
use super::when::When;
use super::{Conference, RawPerson, RawTalk, Schedule, ScheduleFormat, finish, non_blank};
use crate::error::Result;

/// Whether a document is the All view: an object with a `sessions` list and a `speakers` list.
pub fn detect(value: &Value<'_>) -> bool {
    value.get("sessions").is_some_and(Value::is_array)
        && value.get("speakers").is_some_and(Value::is_array)
}

/// What a category item says about a session.
#[derive(Clone, Copy)]
enum Facet {
    Track,
    Type,
    Language,
}

/// Which facet a category is, from its title: Sessionize's categories are the organisers' own.
fn facet(title: &str) -> Option<Facet> {
    let title = title.to_lowercase();
    if title.contains("track") || title.contains("topic") || title.contains("theme") {
        Some(Facet::Track)
    } else if title.contains("language") || title.contains("sprache") {
        Some(Facet::Language)
    } else if title.contains("format") || title.contains("type") {
        Some(Facet::Type)
    } else {
        None
    }
}

pub fn parse(value: &Value<'_>) -> Result<Schedule> {
    let top = Node::top(value);
    let mut rooms = HashMap::new();
    if let Some(list) = top.get("rooms") {
        for room in list.items()? {
            if let (Some(id), Some(name)) = (room.opt_id("id")?, room.opt_text("name")?) {
                rooms.insert(id, name);
            }
        }
    }
    let mut speakers = HashMap::new();
    for speaker in top.field("speakers")?.items()? {
        let Some(id) = speaker.opt_id("id")? else {
            return Err(speaker.error("has no id"));
        };
        let name = match speaker.opt_text("fullName")? {
            Some(name) => name,
            None => [
                speaker.opt_text("firstName")?,
                speaker.opt_text("lastName")?,
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        };
        speakers.insert(id, name);
    }
    let mut items = HashMap::new();
    if let Some(list) = top.get("categories") {
        for category in list.items()? {
            let Some(facet) = category.opt_text("title")?.as_deref().and_then(facet) else {
                continue;
            };
            if let Some(list) = category.get("items") {
                for item in list.items()? {
                    if let (Some(id), Some(name)) = (item.opt_id("id")?, item.opt_text("name")?) {
                        items.insert(id, (facet, name));
                    }
                }
            }
        }
    }
    let mut talks = Vec::new();
    let mut unscheduled = 0;
    for session in top.field("sessions")?.items()? {
        let Some(id) = session.opt_id("id")? else {
            return Err(session.error("has no id to recognise it by on the next import"));
        };
        let (Some(starts), Some(ends)) = (session.get("startsAt"), session.get("endsAt")) else {
            unscheduled += 1;
            continue;
        };
        let when = |node: Node<'_>| -> Result<When> {
            let text = node.text()?;
            When::parse(text).ok_or_else(|| {
                node.error(format!(
                    "{text:?} is not a date and time (expected e.g. 2026-05-02T09:30:00)"
                ))
            })
        };
        let (start, end) = (when(starts)?, when(ends)?);
        let duration = match (start, end) {
            (When::Exact(s), When::Exact(e)) => e.signed_duration_since(s),
            (s, e) if s.offset().is_none() && e.offset().is_none() => {
                e.sort_key().signed_duration_since(s.sort_key())
            }
            _ => return Err(ends.error("has an offset where startsAt has none, or the reverse")),
        };
        let title_node = session.field("title")?;
        let title =
            non_blank(title_node.text()?).ok_or_else(|| title_node.error("must not be empty"))?;
        let room = match session.opt_id("roomId")? {
            Some(id) => rooms.get(&id).cloned(),
            None => None,
        }
        .or(session.opt_text("room")?);
        let (mut track, mut session_type, mut language) = (None, None, None);
        if let Some(list) = session.get("categoryItems") {
            for item in list.items()? {
                let id = match item.value {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.to_string(),
                    _ => match item.opt_id("id")? {
                        Some(id) => id,
                        None => return Err(item.error("expected a category item's id")),
                    },
                };
                let slot = match items.get(&id) {
                    Some((Facet::Track, name)) => (&mut track, name),
                    Some((Facet::Type, name)) => (&mut session_type, name),
                    Some((Facet::Language, name)) => (&mut language, name),
                    None => continue,
                };
                if slot.0.is_none() {
                    *slot.0 = Some(slot.1.clone());
                }
            }
        }
        if session_type.is_none()
            && session
                .get("isServiceSession")
                .and_then(|n| n.value.as_bool())
                == Some(true)
        {
            session_type = Some("service".to_owned());
        }
        let mut persons = Vec::new();
        if let Some(list) = session.get("speakers") {
            for speaker in list.items()? {
                let (id, name) = match speaker.value {
                    Value::Object(_) => (speaker.opt_id("id")?, speaker.opt_text("name")?),
                    Value::String(id) => (Some(id.to_string()), None),
                    _ => return Err(speaker.error("expected a speaker's id")),
                };
                let Some(id) = id else {
                    return Err(speaker.error("has no id"));
                };
                let Some(name) = name.or_else(|| speakers.get(&id).cloned()) else {
                    return Err(
                        speaker.error(format!("names speaker {id:?}, who is not in speakers"))
                    );
                };
                persons.push(RawPerson {
                    guid: Some(id),
                    name,
                    ..RawPerson::default()
                });
            }
        }
        talks.push(RawTalk {
            key: format!("id:{id}"),
            at: session.path(),
            title,
            summary: session.opt_text("description")?,
            start,
            duration,
            room,
            track,
            session_type,
            language,
            persons,
        });
    }
    let mut warnings = Vec::new();
    if unscheduled > 0 {
        warnings.push(format!(
            "{unscheduled} session{} without a time slot {} not imported",
            if unscheduled == 1 { "" } else { "s" },
            if unscheduled == 1 { "is" } else { "are" }
        ));
    }
    finish(
        ScheduleFormat::Sessionize,
        Conference::default(),
        talks,
        warnings,
    )
}
