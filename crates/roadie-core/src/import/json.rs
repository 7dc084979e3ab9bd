//! A JSON document as a light tree that borrows its text from the file (objects keep their
//! members in file order), and walking it while knowing where one is, so that every complaint names
//! its JSON path (`schedule.conference.days[0].rooms["Saal 1"][3].duration`).
//!
//! Lighter than `serde_json::Value`: strings without escapes are not copied and objects are plain
//! lists, which makes reading a large schedule several times faster.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};

/// A JSON value whose text borrows from the document where it can.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the first, if it is there twice).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Text that borrows from the document unless it had escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> std::result::Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> std::result::Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<Value<'de>, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Value<'de>, E> {
                Ok(Value::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<Value<'de>, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Value<'de>, E> {
                Ok(Value::String(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Value<'de>, E> {
                Ok(Value::String(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<Value<'de>, E> {
                Ok(Value::String(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Value<'de>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Value<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(Text(key)) = map.next_key()? {
                    members.push((key, map.next_value()?));
                }
                Ok(Value::Object(members))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Parses JSON text; a syntax error or a truncated file names its line and column.
pub fn parse(bytes: &[u8]) -> Result<Value<'_>> {
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
pub fn unknown_format(value: &Value<'_>) -> Error {
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
            let keys: Vec<&str> = map.iter().take(8).map(|(k, _)| k.as_ref()).collect();
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
                    (false, _) => write!(f, "[{}]", serde_json::Value::String(k.to_owned())),
                }
            }
        }
    }
}

/// A JSON value and where it is.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub value: &'a Value<'a>,
    pub at: At<'a>,
}

fn kind(value: &Value<'_>) -> &'static str {
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
    pub fn top(value: &'a Value<'a>) -> Node<'a> {
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
                        k.as_ref(),
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
            Value::String(s) => Ok(s.as_ref()),
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
