//! The schedule JSON of c3voc and pretalx (with `$schema` https://c3voc.de/schedule/schema.json)
//! and of frab before it (without): `schedule.conference.days[].rooms{room: [event]}`.

use super::json::{Node, Value};
use super::when::{When, day_start, on_day, parse_clock, parse_day};
use super::{
    Conference, Located, RawPerson, RawTalk, Schedule, ScheduleFormat, bad_duration, finish,
    non_blank, parse_duration,
};
use crate::error::Result;

/// Which of the two a document is, if either: a `schedule` object at the top, with `$schema`
/// beside it for c3voc/pretalx.
pub fn detect(value: &Value<'_>) -> Option<ScheduleFormat> {
    let schedule = value.get("schedule")?;
    if !schedule.is_object() {
        return None;
    }
    Some(if value.get("$schema").is_some() {
        ScheduleFormat::C3voc
    } else {
        ScheduleFormat::FrabJson
    })
}

pub fn parse(value: &Value<'_>, format: ScheduleFormat) -> Result<Schedule> {
    let top = Node::top(value);
    let schedule = top.field("schedule")?;
    let conference = schedule.field("conference")?;
    let time_zone = match conference.get("time_zone_name") {
        Some(node) => non_blank(node.text()?).map(|value| Located {
            value,
            at: node.path(),
        }),
        None => None,
    };
    let info = Conference {
        title: conference.opt_text("title")?,
        acronym: conference.opt_text("acronym")?,
        start: date(&conference, "start")?,
        end: date(&conference, "end")?,
        time_zone,
    };
    let mut talks = Vec::new();
    let days = conference.field("days")?;
    for day in days.items()? {
        let date = date(&day, "date")?;
        let starts = match day.get("day_start") {
            Some(node) => Some(
                day_start(node.text()?)
                    .ok_or_else(|| node.error(not_a_time(node.text().unwrap_or_default())))?,
            ),
            None => None,
        };
        let rooms = day.field("rooms")?;
        for (room, events) in rooms.members()? {
            for event in events.items()? {
                talks.push(talk(&event, room, (&day, date), starts)?);
            }
        }
    }
    finish(format, info, talks, Vec::new())
}

fn not_a_time(text: &str) -> String {
    format!("{text:?} is not a date and time (expected e.g. 2019-12-27T11:00:00+01:00)")
}

fn date(node: &Node<'_>, key: &str) -> Result<Option<chrono::NaiveDate>> {
    match node.get(key) {
        None => Ok(None),
        Some(n) => {
            let text = n.text()?;
            if text.trim().is_empty() {
                return Ok(None);
            }
            parse_day(text)
                .map(Some)
                .ok_or_else(|| n.error(format!("{text:?} is not a date (expected YYYY-MM-DD)")))
        }
    }
}

fn talk(
    event: &Node<'_>,
    room: &str,
    (day, date): (&Node<'_>, Option<chrono::NaiveDate>),
    day_start: Option<chrono::NaiveTime>,
) -> Result<RawTalk> {
    let key = if let Some(guid) = event.opt_id("guid")? {
        format!("guid:{guid}")
    } else if let Some(code) = event.opt_id("code")? {
        format!("code:{code}")
    } else if let Some(id) = event.opt_id("id")? {
        format!("id:{id}")
    } else {
        return Err(event.error("has no guid, code or id to recognise it by on the next import"));
    };
    let title_node = event.field("title")?;
    let title =
        non_blank(title_node.text()?).ok_or_else(|| title_node.error("must not be empty"))?;
    let start = match event.get("date") {
        Some(node) => {
            let text = node.text()?;
            When::parse(text).ok_or_else(|| node.error(not_a_time(text)))?
        }
        None => {
            // Older files give only the time of day; the day says which date.
            let node = event.field("start")?;
            let text = node.text()?;
            let clock = parse_clock(text).ok_or_else(|| {
                node.error(format!("{text:?} is not a time of day (expected HH:MM)"))
            })?;
            let date = date.ok_or_else(|| {
                day.error("has no date, and its events give only their time of day")
            })?;
            When::Local(on_day(date, clock, day_start))
        }
    };
    let duration_node = event.field("duration")?;
    let text = duration_node.text()?;
    let duration = parse_duration(text).ok_or_else(|| duration_node.error(bad_duration(text)))?;
    let track = match event.get("track") {
        Some(node) if node.value.is_object() => node.opt_text("name")?,
        Some(node) => non_blank(node.text()?),
        None => None,
    };
    let summary = match event.opt_text("abstract")? {
        Some(text) => Some(text),
        None => event.opt_text("description")?,
    };
    let mut persons = Vec::new();
    if let Some(list) = event.get("persons") {
        for person in list.items()? {
            persons.push(self::person(&person)?);
        }
    }
    Ok(RawTalk {
        key,
        at: event.path(),
        title,
        summary,
        start,
        duration,
        room: event.opt_text("room")?.or_else(|| non_blank(room)),
        track,
        session_type: event.opt_text("type")?,
        language: event.opt_text("language")?,
        persons,
    })
}

fn person(node: &Node<'_>) -> Result<RawPerson> {
    if let Value::String(name) = node.value {
        return Ok(RawPerson {
            name: name.to_string(),
            ..RawPerson::default()
        });
    }
    let name = match node.opt_text("public_name")? {
        Some(name) => Some(name),
        None => match node.opt_text("name")? {
            Some(name) => Some(name),
            None => node.opt_text("full_public_name")?,
        },
    };
    Ok(RawPerson {
        guid: node.opt_id("guid")?,
        code: node.opt_id("code")?,
        id: node.opt_id("id")?,
        name: name.unwrap_or_default(),
    })
}
