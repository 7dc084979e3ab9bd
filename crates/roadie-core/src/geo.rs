//! A place on the map, as a calendar's GEO property carries it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A point in WGS 84 degrees (what maps show and calendars' GEO holds), kept to six decimals
/// (about ten centimetres).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Geo {
    /// -90 (south pole) to 90 (north pole).
    pub latitude: f64,
    /// -180 to 180, east positive.
    pub longitude: f64,
}

impl Geo {
    /// A checked point; `field` names the input in errors.
    pub fn new(field: &str, latitude: f64, longitude: f64) -> Result<Geo> {
        let check = |what: &str, value: f64, limit: f64| {
            if value.is_finite() && value.abs() <= limit {
                Ok((value * 1e6).round() / 1e6 + 0.0)
            } else {
                Err(Error::invalid(
                    field,
                    format!("{what} {value} is not between -{limit} and {limit}"),
                ))
            }
        };
        Ok(Geo {
            latitude: check("latitude", latitude, 90.0)?,
            longitude: check("longitude", longitude, 180.0)?,
        })
    }

    /// Reads `latitude, longitude` as maps copy it (`45.7578, 4.8320`; a space or a semicolon
    /// also separates them); blank means no position.
    pub fn parse(field: &str, text: Option<&str>) -> Result<Option<Geo>> {
        let text = text.map(str::trim).unwrap_or_default();
        if text.is_empty() {
            return Ok(None);
        }
        let bad = || {
            Error::invalid(
                field,
                format!(
                    "{text:?} is not a map position (expected latitude, longitude in degrees, e.g. 45.7578, 4.8320)"
                ),
            )
        };
        let parts: Vec<&str> = text
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [latitude, longitude] = parts[..] else {
            return Err(bad());
        };
        let number = |p: &str| p.parse::<f64>().ok().filter(|v| v.is_finite());
        match (number(latitude), number(longitude)) {
            (Some(latitude), Some(longitude)) => Geo::new(field, latitude, longitude).map(Some),
            _ => Err(bad()),
        }
    }

    /// The value of a GEO property: `latitude;longitude`.
    pub fn ical(&self) -> String {
        let mut out = String::with_capacity(24);
        self.push_ical(&mut out);
        out
    }

    /// Appends the value of a GEO property, `latitude;longitude`, to `out`: each in decimal with
    /// at most six decimals and no trailing zeros, as kept (the same text as `{}` prints for them,
    /// written from whole millionths of a degree, without float formatting or an allocation).
    pub fn push_ical(&self, out: &mut String) {
        push_degrees(out, self.latitude);
        out.push(';');
        push_degrees(out, self.longitude);
    }
}

/// Appends `degrees` (kept to six decimals) as decimal text: `-33.8688`, `4.832`, `0`.
fn push_degrees(out: &mut String, degrees: f64) {
    // At most 180,000,000 millionths: no overflow, and rounding gives back the kept decimals.
    let micro = (degrees * 1e6).round() as i64;
    if micro < 0 {
        out.push('-');
    }
    let micro = micro.unsigned_abs();
    let (whole, mut fraction) = (micro / 1_000_000, micro % 1_000_000);
    push_number(out, whole);
    if fraction == 0 {
        return;
    }
    out.push('.');
    let mut digits = 6;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    let mut div = 10u64.pow(digits - 1);
    while div > 0 {
        out.push(char::from(b'0' + (fraction / div % 10) as u8));
        div /= 10;
    }
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: u64) {
    let mut div = 1;
    while div * 10 <= n {
        div *= 10;
    }
    while div > 0 {
        out.push(char::from(b'0' + (n / div % 10) as u8));
        div /= 10;
    }
}

/// `latitude, longitude`, as [`Geo::parse`] reads it.
impl fmt::Display for Geo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.latitude, self.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_read_as_maps_copy_them() {
        let lyon = Geo::parse("geo", Some(" 45.7578, 4.8320 "))
            .unwrap()
            .unwrap();
        assert_eq!((lyon.latitude, lyon.longitude), (45.7578, 4.832));
        assert_eq!(lyon.to_string(), "45.7578, 4.832");
        assert_eq!(lyon.ical(), "45.7578;4.832");
        for same in ["45.7578 4.8320", "45.7578;4.832", "45.7578,4.832"] {
            assert_eq!(Geo::parse("geo", Some(same)).unwrap(), Some(lyon), "{same}");
        }
        let south_west = Geo::parse("geo", Some("-33.8688, -151.20929999"))
            .unwrap()
            .unwrap();
        assert_eq!(south_west.ical(), "-33.8688;-151.2093");
        assert_eq!(Geo::parse("geo", Some("  ")).unwrap(), None);
        assert_eq!(Geo::parse("geo", None).unwrap(), None);
        // Rounding never leaves a negative zero or an exponent behind.
        assert_eq!(Geo::new("geo", -0.0000001, 1e-9).unwrap().ical(), "0;0");
        assert_eq!(Geo::new("geo", -0.5, 180.0).unwrap().ical(), "-0.5;180");
        assert_eq!(
            Geo::new("geo", -0.000001, 0.00001).unwrap().ical(),
            "-0.000001;0.00001"
        );
    }

    #[test]
    fn the_geo_value_is_what_display_prints() {
        // Every kept value (whole millionths) prints as Rust's shortest float text does.
        let mut n: i64 = -90_000_000;
        while n <= 90_000_000 {
            let degrees = n as f64 / 1e6;
            let geo = Geo::new("geo", degrees, -degrees / 2.0).unwrap();
            assert_eq!(
                geo.ical(),
                format!("{};{}", geo.latitude, geo.longitude),
                "{n}"
            );
            n += 7_919;
        }
    }

    #[test]
    fn bad_positions_name_the_field() {
        for bad in [
            "45.7578",
            "45.7578, 4.8320, 3",
            "north, east",
            "91, 0",
            "0, 180.5",
            "NaN, 0",
            "inf, 0",
            "1e400, 0",
        ] {
            let e = Geo::parse("geo", Some(bad)).unwrap_err();
            assert_eq!(e.field(), Some("geo"), "{bad}");
        }
        assert_eq!(
            Geo::parse("geo", Some("91, 0")).unwrap_err().to_string(),
            "geo: latitude 91 is not between -90 and 90"
        );
    }
}
