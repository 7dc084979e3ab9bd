//! A strict reader of what the writer produces, for tests only: it checks the line structure
//! (CRLF everywhere, no physical line over 75 octets), unfolds, splits content lines and unescapes
//! TEXT, so tests compare values with what went in.

use super::lines::MAX_OCTETS;

#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
}

impl Property {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Component {
    pub name: String,
    pub properties: Vec<Property>,
    pub components: Vec<Component>,
}

impl Component {
    /// The one property called `name`; panics when there is none or several.
    pub fn one(&self, name: &str) -> &Property {
        let found: Vec<_> = self.properties.iter().filter(|p| p.name == name).collect();
        assert_eq!(found.len(), 1, "{} has {} {name}", self.name, found.len());
        found[0]
    }

    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The unescaped text of the one property called `name`.
    pub fn text(&self, name: &str) -> String {
        unescape(&self.one(name).value)
    }

    pub fn children(&self, name: &str) -> Vec<&Component> {
        self.components.iter().filter(|c| c.name == name).collect()
    }
}

/// Parses a whole calendar, checking line ends and lengths first.
pub fn parse(text: &str) -> Result<Component, String> {
    if !text.ends_with("\r\n") {
        return Err("the text does not end with CRLF".into());
    }
    for (n, line) in text[..text.len() - 2].split("\r\n").enumerate() {
        if line.contains(['\r', '\n']) {
            return Err(format!("line {n} holds a bare CR or LF: {line:?}"));
        }
        if line.len() > MAX_OCTETS {
            return Err(format!("line {n} is {} octets: {line:?}", line.len()));
        }
        if line.is_empty() {
            return Err(format!("line {n} is empty"));
        }
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut stack = vec![Component::default()];
    for line in unfolded[..unfolded.len() - 2].split("\r\n") {
        let property = content_line(line)?;
        match property.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: property.value,
                ..Component::default()
            }),
            "END" => {
                let done = stack.pop().ok_or("END without BEGIN")?;
                if done.name != property.value {
                    return Err(format!("END:{} closes {}", property.value, done.name));
                }
                stack
                    .last_mut()
                    .ok_or("END closes the whole text")?
                    .components
                    .push(done);
            }
            _ => stack
                .last_mut()
                .filter(|c| !c.name.is_empty())
                .ok_or_else(|| format!("{line:?} is outside any component"))?
                .properties
                .push(property),
        }
    }
    let mut root = stack
        .pop()
        .filter(|_| stack.is_empty())
        .ok_or("unclosed component")?;
    if root.components.len() != 1 || !root.properties.is_empty() {
        return Err("the text is not exactly one component".into());
    }
    Ok(root.components.remove(0))
}

fn content_line(line: &str) -> Result<Property, String> {
    let name_end = line
        .find([';', ':'])
        .ok_or_else(|| format!("no colon in {line:?}"))?;
    let name = &line[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("bad name {name:?} in {line:?}"));
    }
    let mut rest = &line[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=').ok_or_else(|| format!("no = in {line:?}"))?;
        let key = after[..eq].to_owned();
        let value_text = &after[eq + 1..];
        let (value, next) = if let Some(quoted) = value_text.strip_prefix('"') {
            let close = quoted
                .find('"')
                .ok_or_else(|| format!("unclosed quote in {line:?}"))?;
            (quoted[..close].to_owned(), &quoted[close + 1..])
        } else {
            let end = value_text
                .find([';', ':', ','])
                .ok_or_else(|| format!("no value after parameters in {line:?}"))?;
            let value = &value_text[..end];
            if value.contains('"') {
                return Err(format!("a quote inside an unquoted parameter in {line:?}"));
            }
            (value.to_owned(), &value_text[end..])
        };
        params.push((key, value));
        rest = next;
    }
    let value = rest
        .strip_prefix(':')
        .ok_or_else(|| format!("no colon after the parameters in {line:?}"))?;
    Ok(Property {
        name: name.to_owned(),
        params,
        value: value.to_owned(),
    })
}

/// Splits a multi-valued TEXT value at its unescaped commas and unescapes each part.
pub fn list(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, ',') => parts.push(String::new()),
            (false, c) => parts.last_mut().unwrap().push(c),
            (true, c) => {
                let last = parts.last_mut().unwrap();
                last.push('\\');
                last.push(c);
                escaped = false;
            }
        }
    }
    parts.iter().map(|p| unescape(p)).collect()
}

/// Unescapes a TEXT value; panics on an escape RFC 5545 does not define.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            assert!(
                !matches!(c, ';' | ','),
                "unescaped {c:?} in TEXT value {value:?}"
            );
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some(';') => out.push(';'),
            Some(',') => out.push(','),
            Some('n' | 'N') => out.push('\n'),
            other => panic!("bad escape \\{other:?} in {value:?}"),
        }
    }
    out
}
