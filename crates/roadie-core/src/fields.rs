//! Checks shared by every record's fields.

use crate::error::{Error, Result};

/// The longest single-line text Roadie stores (names, titles, places).
pub const MAX_LINE: usize = 500;
/// The longest free text (descriptions, notes).
pub const MAX_TEXT: usize = 20_000;

/// Trimmed text that must not be empty; `field` names it in errors.
pub fn required(field: &str, text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    max_len(field, text, MAX_LINE)?;
    Ok(text.to_owned())
}

/// Trimmed text where an empty value means "none".
pub fn optional(field: &str, text: Option<&str>) -> Result<Option<String>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => {
            max_len(field, t, MAX_TEXT)?;
            Ok(Some(t.to_owned()))
        }
    }
}

fn max_len(field: &str, text: &str, max: usize) -> Result<()> {
    let n = text.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// A count that must be zero or more.
pub fn non_negative(field: &str, value: i64) -> Result<i64> {
    if value < 0 {
        return Err(Error::invalid(
            field,
            format!("must not be negative, got {value}"),
        ));
    }
    Ok(value)
}

/// A count that must be one or more.
pub fn positive(field: &str, value: i64) -> Result<i64> {
    if value <= 0 {
        return Err(Error::invalid(
            field,
            format!("must be at least 1, got {value}"),
        ));
    }
    Ok(value)
}

/// A slug: lowercase letters, digits and single hyphens, 1 to 64 characters.
pub fn slug(field: &str, text: &str) -> Result<String> {
    let text = text.trim();
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--");
    if !ok {
        return Err(Error::invalid(
            field,
            format!(
                "{text:?} is not a slug (lowercase letters, digits and hyphens, e.g. rustconf-2026)"
            ),
        ));
    }
    Ok(text.to_owned())
}

/// An e-mail address: one `@` with text on both sides and no spaces.
pub fn email(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(text) = optional(field, text)? else {
        return Ok(None);
    };
    let valid = match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(Error::invalid(
            field,
            format!("{text:?} is not an e-mail address"),
        ));
    }
    Ok(Some(text))
}

/// A web address: an absolute `http` or `https` URL with a host, written back in its normal form
/// (so it is a valid URI wherever it goes, e.g. a calendar's URL property).
pub fn web_url(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(text) = optional(field, text)? else {
        return Ok(None);
    };
    let bad = |why: &str| Error::invalid(field, format!("{text:?} is not a web address: {why}"));
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains a space or a line break"));
    }
    let url = url::Url::parse(&text).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad(
            "expected http:// or https:// and a host, e.g. https://example.org/party",
        ));
    }
    max_len(field, url.as_str(), 2000)?;
    Ok(Some(url.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_not_empty() {
        assert_eq!(required("name", "  Rust Summit ").unwrap(), "Rust Summit");
        assert_eq!(
            required("name", "   ").unwrap_err().to_string(),
            "name: must not be empty"
        );
        assert!(required("name", &"x".repeat(MAX_LINE + 1)).is_err());
    }

    #[test]
    fn optional_text_drops_blanks() {
        assert_eq!(optional("city", Some("  ")).unwrap(), None);
        assert_eq!(
            optional("city", Some(" Lyon ")).unwrap().as_deref(),
            Some("Lyon")
        );
    }

    #[test]
    fn slugs_are_url_safe() {
        assert!(slug("slug", "rustconf-2026").is_ok());
        for bad in ["", "Rust", "a b", "-a", "a-", "a--b", "é"] {
            assert_eq!(
                slug("slug", bad).unwrap_err().field(),
                Some("slug"),
                "{bad}"
            );
        }
    }

    #[test]
    fn counts_are_checked() {
        assert_eq!(
            non_negative("capacity", -1).unwrap_err().to_string(),
            "capacity: must not be negative, got -1"
        );
        assert_eq!(
            positive("quantity", 0).unwrap_err().to_string(),
            "quantity: must be at least 1, got 0"
        );
    }

    #[test]
    fn emails_are_checked() {
        assert_eq!(
            email("email", Some("ada@example.org")).unwrap().as_deref(),
            Some("ada@example.org")
        );
        for bad in [
            "ada",
            "ada@",
            "@x.org",
            "ada@localhost",
            "a b@x.org",
            "a@b@c.org",
        ] {
            assert!(email("email", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_addresses_are_absolute_http_urls() {
        assert_eq!(
            web_url("url", Some(" https://example.org/Party?day=1 "))
                .unwrap()
                .as_deref(),
            Some("https://example.org/Party?day=1")
        );
        assert_eq!(
            web_url("url", Some("HTTP://Example.org"))
                .unwrap()
                .as_deref(),
            Some("http://example.org/")
        );
        assert_eq!(web_url("url", Some("  ")).unwrap(), None);
        for bad in [
            "example.org",
            "/party",
            "ftp://example.org/x",
            "mailto:ada@example.org",
            "javascript:alert(1)",
            "https://exa mple.org",
            "https://example.org/\r\nX-EVIL:1",
            "https://",
        ] {
            let e = web_url("url", Some(bad)).unwrap_err();
            assert_eq!(e.field(), Some("url"), "{bad}");
            assert!(e.to_string().contains("is not a web address"), "{e}");
        }
    }
}
