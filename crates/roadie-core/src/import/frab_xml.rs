//! frab's and pentabarf's `schedule.xml`: `<schedule><conference/><day><room><event guid=…>`, each
//! event with `<date>` (newer files) or only `<start>`, `<duration>` and `<persons>`.

use chrono::{NaiveDate, NaiveTime};
use roxmltree::{Document, Node, ParsingOptions};

use super::when::{When, day_start, on_day, parse_clock, parse_day};
use super::{
    Conference, Located, RawPerson, RawTalk, Schedule, ScheduleFormat, bad_duration, finish,
    non_blank, parse_duration,
};
use crate::error::{Error, Result};

pub fn parse(bytes: &[u8]) -> Result<Schedule> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        Error::invalid(
            format!("line {line}, column {column}"),
            "the file is not UTF-8 text",
        )
    })?;
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| xml_error(text, &e))?;
    let root = doc.root_element();
    if root.tag_name().name() != "schedule" {
        return Err(Xml(&doc).error(
            root,
            format!(
                "the top element is <{}>, not <schedule> (expected frab or pentabarf schedule.xml)",
                root.tag_name().name()
            ),
        ));
    }
    Xml(&doc).schedule(root)
}

fn xml_error(text: &str, e: &roxmltree::Error) -> Error {
    use roxmltree::Error as E;
    match e {
        E::UnexpectedEndOfStream | E::UnclosedRootNode => {
            let (line, column) = line_column(text.as_bytes());
            Error::invalid(
                format!("line {line}, column {column}"),
                "the file ends before the XML is complete (is it truncated?)",
            )
        }
        E::NoRootNode => Error::invalid("file", "the file holds no XML element"),
        other if other.pos().row as usize >= line_column(text.as_bytes()).0 => {
            // Something unfinished on the last line: the file stops short.
            xml_error(text, &E::UnexpectedEndOfStream)
        }
        other => {
            let pos = other.pos();
            let message = other.to_string().replace(&format!(" at {pos}"), "");
            Error::invalid(
                format!("line {}, column {}", pos.row, pos.col),
                format!("not well-formed XML: {message}"),
            )
        }
    }
}

/// The line and column just after `bytes`.
fn line_column(bytes: &[u8]) -> (usize, usize) {
    let line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&bytes[start..]).chars().count() + 1;
    (line, column)
}

/// The document, for the positions of its nodes.
#[derive(Clone, Copy)]
struct Xml<'a, 'input>(&'a Document<'input>);

impl<'a, 'input> Xml<'a, 'input> {
    fn at(&self, node: Node<'_, '_>) -> String {
        let pos = self.0.text_pos_at(node.range().start);
        format!("line {}, column {}", pos.row, pos.col)
    }

    fn error(&self, node: Node<'_, '_>, message: impl std::fmt::Display) -> Error {
        Error::invalid(
            self.at(node),
            format!("<{}> {message}", node.tag_name().name()),
        )
    }

    fn schedule(&self, root: Node<'a, 'input>) -> Result<Schedule> {
        let conference = child(root, "conference");
        let text = |name| conference.and_then(|c| child_text(c, name));
        let date = |name| -> Result<Option<NaiveDate>> {
            match conference.and_then(|c| child(c, name)) {
                Some(node) => self.date(node),
                None => Ok(None),
            }
        };
        let time_zone = conference
            .and_then(|c| child(c, "time_zone_name"))
            .and_then(|node| {
                non_blank(&all_text(node)).map(|value| Located {
                    value,
                    at: self.at(node),
                })
            });
        let info = Conference {
            title: text("title"),
            acronym: text("acronym"),
            start: date("start")?,
            end: date("end")?,
            time_zone,
        };
        let mut talks = Vec::new();
        for day in children(root, "day") {
            let date = match day.attribute("date") {
                Some(text) => Some(parse_day(text).ok_or_else(|| {
                    self.error(
                        day,
                        format!("date {text:?} is not a date (expected YYYY-MM-DD)"),
                    )
                })?),
                None => None,
            };
            let starts = match day.attribute("start") {
                Some(text) => Some(day_start(text).ok_or_else(|| {
                    self.error(day, format!("start {text:?} is not a date and time"))
                })?),
                None => None,
            };
            for room in children(day, "room") {
                let room_name = room.attribute("name").unwrap_or_default();
                for event in children(room, "event") {
                    talks.push(self.talk(event, room_name, (day, date), starts)?);
                }
            }
        }
        finish(ScheduleFormat::FrabXml, info, talks, Vec::new())
    }

    fn date(&self, node: Node<'_, '_>) -> Result<Option<NaiveDate>> {
        let text = all_text(node);
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse_day(&text).map(Some).ok_or_else(|| {
            self.error(
                node,
                format!("{text:?} is not a date (expected YYYY-MM-DD)"),
            )
        })
    }

    fn talk(
        &self,
        event: Node<'_, '_>,
        room: &str,
        (day, date): (Node<'_, '_>, Option<NaiveDate>),
        day_start: Option<NaiveTime>,
    ) -> Result<RawTalk> {
        let id = |name: &str| {
            event
                .attribute(name)
                .and_then(non_blank)
                .or_else(|| child_text(event, name))
        };
        let key = if let Some(guid) = id("guid") {
            format!("guid:{guid}")
        } else if let Some(code) = id("code") {
            format!("code:{code}")
        } else if let Some(id) = id("id") {
            format!("id:{id}")
        } else {
            return Err(self.error(
                event,
                "has no guid, code or id to recognise it by on the next import",
            ));
        };
        let required = |name: &str| {
            child(event, name).ok_or_else(|| self.error(event, format!("has no <{name}>")))
        };
        let title_node = required("title")?;
        let title = non_blank(&all_text(title_node))
            .ok_or_else(|| self.error(title_node, "must not be empty"))?;
        let start = match child(event, "date").filter(|d| !all_text(*d).trim().is_empty()) {
            Some(node) => {
                let text = all_text(node);
                When::parse(&text).ok_or_else(|| {
                    self.error(
                        node,
                        format!(
                            "{text:?} is not a date and time (expected e.g. 2014-12-27T11:00:00+01:00)"
                        ),
                    )
                })?
            }
            None => {
                let node = required("start")?;
                let text = all_text(node);
                let clock = parse_clock(&text).ok_or_else(|| {
                    self.error(
                        node,
                        format!("{text:?} is not a time of day (expected HH:MM)"),
                    )
                })?;
                let date = date.ok_or_else(|| {
                    self.error(
                        day,
                        "has no date, and its events give only their time of day",
                    )
                })?;
                When::Local(on_day(date, clock, day_start))
            }
        };
        let duration_node = required("duration")?;
        let text = all_text(duration_node);
        let duration =
            parse_duration(&text).ok_or_else(|| self.error(duration_node, bad_duration(&text)))?;
        let persons = child(event, "persons")
            .map(|list| {
                children(list, "person")
                    .map(|p| RawPerson {
                        guid: p.attribute("guid").and_then(non_blank),
                        code: p.attribute("code").and_then(non_blank),
                        id: p.attribute("id").and_then(non_blank),
                        name: all_text(p),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(RawTalk {
            key,
            at: self.at(event),
            title,
            summary: child_text(event, "abstract").or_else(|| child_text(event, "description")),
            start,
            duration,
            room: child_text(event, "room").or_else(|| non_blank(room)),
            track: child_text(event, "track"),
            session_type: child_text(event, "type"),
            language: child_text(event, "language"),
            persons,
        })
    }
}

fn children<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The text inside an element, CDATA and nested elements' text included.
fn all_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).and_then(|c| non_blank(&all_text(c)))
}
