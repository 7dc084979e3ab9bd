//! Walking a JSON document while knowing where one is, so that every complaint names its JSON path
//! (`schedule.conference.days[0].rooms["Saal 1"][3].duration`).

use std::fmt;

use serde_json::Value;

use crate::error::{Error, Result};

/// Parses JSON text; a syntax error or a truncated file names its line and column.
pub fn parse(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        let at = format!("line {}, column {}", e.line(), e.column());
        let message = match e.classify() {
            serde_json::error::Category::Eof => {
                "the file ends in the middle of the JSON (is it truncated?)".to_owned()
            }
            _ => {
                // serde_json appends " at line L column C", which `at` says already.
                let text = e.to_string();
                let cut = text.rfind(" at line ").unwrap_or(text.len());
                format!("not valid JSON: {}", &text[..cut])
            }
        };
        Error::invalid(at, message)
    })
}

/// The error for JSON that is no schedule Roadie knows.
pub fn unknown_format(value: &Value) -> Error {
    let hint = match value {
        Value::Array(items)
            if items
                .first()
                .is_some_and(|i| i.get("groupId").is_some() || i.get("sessions").is_some()) =>
        {
            "this looks like Sessionize's \"Sessions\" view; export its \"All\" view (…/view/All) instead"
                .to_owned()
        }
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().take(8).map(String::as_str).collect();
            format!(
                "not a schedule Roadie knows: expected a \"schedule\" (c3voc, pretalx, frab) or \
                 \"sessions\" and \"speakers\" (Sessionize) at the top, found {}",
                if keys.is_empty() {
                    "an empty object".to_owned()
                } else {
                    keys.join(", ")
                }
            )
        }
        _ => "not a schedule Roadie knows: expected a JSON object at the top".to_owned(),
    };
    Error::invalid("file", hint)
}

/// One step of a path from the document's top.
#[derive(Clone, Copy)]
enum Step<'a> {
    Top,
    Key(&'a str),
    Index(usize),
}

/// Where a value is: a chain of steps back to the top, rendered only when something is wrong.
#[derive(Clone, Copy)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Top => Ok(()),
            Step::Index(i) => write!(f, "[{i}]"),
            Step::Key(k) => {
                let plain = !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
                    && !k.starts_with(|c: char| c.is_ascii_digit());
                match (
                    plain,
                    self.parent.is_some_and(|p| !matches!(p.step, Step::Top)),
                ) {
                    (true, true) => write!(f, ".{k}"),
                    (true, false) => f.write_str(k),
                    (false, _) => write!(f, "[{}]", Value::String(k.to_owned())),
                }
            }
        }
    }
}

/// A JSON value and where it is.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub value: &'a Value,
    pub at: At<'a>,
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    pub fn top(value: &'a Value) -> Node<'a> {
        Node {
            value,
            at: At {
                parent: None,
                step: Step::Top,
            },
        }
    }

    /// An error about this value.
    pub fn error(&self, message: impl Into<String>) -> Error {
        let at = self.at.to_string();
        Error::invalid(if at.is_empty() { "file".to_owned() } else { at }, message)
    }

    pub fn path(&self) -> String {
        self.at.to_string()
    }

    /// The member `key`, if present and not null.
    pub fn get<'b>(&'b self, key: &'b str) -> Option<Node<'b>> {
        self.value
            .get(key)
            .filter(|v| !v.is_null())
            .map(|value| Node {
                value,
                at: At {
                    parent: Some(&self.at),
                    step: Step::Key(key),
                },
            })
    }

    /// The member `key`, which must be there.
    pub fn field<'b>(&'b self, key: &'b str) -> Result<Node<'b>> {
        self.get(key).ok_or_else(|| {
            let missing = Node {
                value: &Value::Null,
                at: At {
                    parent: Some(&self.at),
                    step: Step::Key(key),
                },
            };
            missing.error("is missing")
        })
    }

    /// The items of a list.
    pub fn items(&self) -> Result<Vec<Node<'_>>> {
        match self.value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, value)| Node {
                    value,
                    at: At {
                        parent: Some(&self.at),
                        step: Step::Index(i),
                    },
                })
                .collect()),
            other => Err(self.error(format!("expected a list, found {}", kind(other)))),
        }
    }

    /// The members of an object, in file order.
    pub fn members(&self) -> Result<Vec<(&'a str, Node<'_>)>> {
        match self.value {
            Value::Object(map) => Ok(map
                .iter()
                .map(|(k, value)| {
                    (
                        k.as_str(),
                        Node {
                            value,
                            at: At {
                                parent: Some(&self.at),
                                step: Step::Key(k),
                            },
                        },
                    )
                })
                .collect()),
            other => Err(self.error(format!("expected an object, found {}", kind(other)))),
        }
    }

    /// This value as text.
    pub fn text(&self) -> Result<&'a str> {
        match self.value {
            Value::String(s) => Ok(s),
            other => Err(self.error(format!("expected text, found {}", kind(other)))),
        }
    }

    /// The member `key` as trimmed text, `None` when missing, null or blank.
    pub fn opt_text(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(node) => Ok(super::non_blank(node.text()?)),
        }
    }

    /// The member `key` as an identifier: text or a whole number, `None` when missing or blank.
    pub fn opt_id(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(node) => match node.value {
                Value::String(s) => Ok(super::non_blank(s)),
                Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
                other => Err(node.error(format!(
                    "expected text or a whole number, found {}",
                    kind(other)
                ))),
            },
        }
    }
}
