#![no_main]
// Arbitrary text through the core's iCalendar writer (roadie_core::ical::fuzzing::calendar_text
// builds a calendar from the bytes and checks the written text with the core's strict reader:
// CRLF only, lines of at most 75 octets that are UTF-8 on their own, the expected components and
// properties, every text back as it went in). Here the text is also read by an independent parser,
// the `ical` crate, which must see the same content lines: the same property names in the same
// order, the same number of components, and the same values up to what that crate is known to
// lose (it trims white space at the end of every physical line and strips the colons a value
// starts with).
use std::io::BufReader;

fn lossy(value: &str) -> String {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    compact.trim_start_matches(':').to_owned()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(text) = roadie_core::ical::fuzzing::calendar_text(data) else {
        return;
    };
    // The content lines as RFC 5545 defines them: unfolded, then split at CRLF.
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let lines: Vec<(&str, &str)> = unfolded
        .strip_suffix("\r\n")
        .unwrap_or(&unfolded)
        .split("\r\n")
        .map(|line| {
            let name_end = line.find([';', ':']).unwrap_or(line.len());
            let value_start = if line[name_end..].starts_with(';') {
                // Parameters: the value starts after the first colon outside quotes.
                let mut quoted = false;
                line[name_end..]
                    .char_indices()
                    .find(|&(_, c)| {
                        quoted ^= c == '"';
                        c == ':' && !quoted
                    })
                    .map_or(line.len(), |(i, _)| name_end + i + 1)
            } else {
                (name_end + 1).min(line.len())
            };
            (&line[..name_end], &line[value_start..])
        })
        .collect();

    let parsed: Vec<ical::property::Property> =
        ical::PropertyParser::from_reader(BufReader::new(text.as_bytes()))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("the ical crate refused the calendar: {e}\n{text}"));
    assert_eq!(parsed.len(), lines.len(), "content lines\n{text}");
    for (p, (name, value)) in parsed.iter().zip(&lines) {
        assert_eq!(p.name, *name, "\n{text}");
        assert_eq!(
            lossy(p.value.as_deref().unwrap_or_default()),
            lossy(value),
            "the value of {name}\n{text}"
        );
    }

    let calendars: Vec<ical::parser::ical::component::IcalCalendar> =
        ical::IcalParser::new(BufReader::new(text.as_bytes()))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("the ical crate refused the calendar: {e}\n{text}"));
    assert_eq!(calendars.len(), 1, "calendars\n{text}");
    let count = |what: &str| lines.iter().filter(|l| *l == &("BEGIN", what)).count();
    assert_eq!(calendars[0].events.len(), count("VEVENT"), "events\n{text}");
    assert_eq!(
        calendars[0].timezones.len(),
        count("VTIMEZONE"),
        "zones\n{text}"
    );
    let properties = lines[1..]
        .iter()
        .take_while(|(name, _)| !matches!(*name, "BEGIN" | "END"))
        .count();
    assert_eq!(
        calendars[0].properties.len(),
        properties,
        "calendar properties\n{text}"
    );
});
