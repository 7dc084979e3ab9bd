"""Reads every exported calendar with two strict, independent parsers, the `ical` package and
vobject (with validate()), and compares what they read with the database: the same events (by
UID), titles, descriptions, places, categories, status, sequence, and start and end as UTC
instants. vobject builds its time zones from the file's own VTIMEZONEs, so its instants check
those; `ical` reads the TZIDs with the tz database. vobject's zones are also compared with the tz
database every hour over each zone's span. Usage: check_parsers.py FEEDS_TXT
"""

import datetime
import sys
import zoneinfo
from importlib.metadata import version

import vobject
from ical.calendar_stream import IcsCalendarStream

from expected import (UTC, Report, broken, event, finish, gathering_text, line_problems, personal_data,
                      read_feeds, rows)

ICAL = f"ical {version('ical')}"
VOBJECT = f"vobject {version('vobject')}"


def instant(value):
    """A parsed DTSTART/DTEND as seconds since the epoch, or a date as itself."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"floating time {value}")
        return int(value.timestamp())
    return value


def compare(report, name, uid, got, want):
    """Compares one parsed event (a dict of the fields in `want`) with the expected one."""
    wrong = []
    for key in ("summary", "description", "location", "categories", "status", "sequence", "url", "geo"):
        if got[key] != want[key]:
            wrong.append(f"{key} {got[key]!r} != {want[key]!r}")
    if want["dates"]:
        if (got["start"], got["end"]) != want["dates"]:
            wrong.append(f"dates {got['start']}..{got['end']} != {want['dates']}")
    elif (got["start"], got["end"]) != (want["start"], want["end"]):
        wrong.append(f"instants {got['start']}..{got['end']} != {want['start']}..{want['end']}")
    if bool(got["rrule"]) != bool(want["rrule"]):
        wrong.append(f"rrule {got['rrule']!r} for {want['rrule']!r}")
    if wrong:
        report.fail(f"{name}: event {uid}: " + "; ".join(wrong))
    return not wrong


def with_ical(report, path, want):
    name = path.rsplit("/", 1)[-1]
    try:
        cal = IcsCalendarStream.calendar_from_ics(open(path, encoding="utf-8", newline="").read())
    except Exception as e:  # the parser's own error types vary by version
        report.fail(f"{name}: {e}")
        return
    got = {}
    for e in cal.events:
        got[e.uid] = {
            "summary": e.summary,
            "description": e.description,
            "location": e.location,
            "categories": list(e.categories),
            "status": e.status.value if e.status else None,
            "sequence": e.sequence,
            "start": instant(e.dtstart),
            # Without a DTEND, an event ends as it starts (RFC 5545 3.6.1); `end` says so.
            "end": instant(e.end),
            "rrule": e.rrule.as_rrule_str() if e.rrule else None,
            "url": str(e.url) if e.url else None,
            "geo": (e.geo.lat, e.geo.lng) if e.geo else None,
        }
    same = report.check(
        set(got) == set(want), f"{name}: {len(got)} events, the expected {len(want)}"
    )
    if same and all(compare(report, name, uid, got[uid], event(want[uid])) for uid in want):
        report.ok(f"{name}: every event's text, link, position, status, sequence and times as stored")


def with_vobject(report, path, want):
    name = path.rsplit("/", 1)[-1]
    try:
        cal = vobject.readOne(open(path, encoding="utf-8", newline="").read())
        cal.validate(raiseException=True)
    except Exception as e:
        report.fail(f"{name}: {e}")
        return
    report.ok(f"{name}: validate() passes")

    def value(e, key):
        return getattr(e, key).value if hasattr(e, key) else None

    got = {}
    for e in getattr(cal, "vevent_list", []):
        got[e.uid.value] = {
            "summary": value(e, "summary"),
            "description": value(e, "description"),
            "location": value(e, "location"),
            "categories": value(e, "categories") or [],
            "status": value(e, "status"),
            "sequence": int(value(e, "sequence")),
            "start": instant(e.dtstart.value),
            "end": instant(e.dtend.value if hasattr(e, "dtend") else e.dtstart.value),
            "rrule": value(e, "rrule"),
            "url": value(e, "url"),
            "geo": tuple(float(x) for x in value(e, "geo").split(";")) if hasattr(e, "geo") else None,
        }
    same = report.check(
        set(got) == set(want), f"{name}: {len(got)} events, the expected {len(want)}"
    )
    if same and all(compare(report, name, uid, got[uid], event(want[uid])) for uid in want):
        report.ok(f"{name}: every event as stored, times read through the file's VTIMEZONEs")

    for tzid, hours, wrong in zone_mismatches(cal, want):
        report.check(
            not wrong,
            f"{name}: VTIMEZONE {tzid} matches the tz database for {hours} hours"
            + (f"; differs at {wrong[:3]}" if wrong else ""),
        )


def zone_mismatches(cal, want):
    """For each VTIMEZONE the events use: its id, how many hours were compared with the tz
    database (every hour of the zone's span, and a day either side), and where they differ."""
    spans = {}
    for row in want.values():
        if row["tz"] is None:
            continue  # a whole day
        lo, hi = spans.get(row["tz"], (row["starts_at"], row["ends_at"]))
        spans[row["tz"]] = (min(lo, row["starts_at"]), max(hi, row["ends_at"]))
    for vtz in getattr(cal, "vtimezone_list", []):
        tzid = vtz.tzid.value
        if tzid not in spans:
            continue
        mine, theirs = vtz.gettzinfo(), zoneinfo.ZoneInfo(tzid)
        lo, hi = spans[tzid]
        wrong, hours = [], 0
        for t in range(lo - 86400, hi + 86400, 3600):
            hours += 1
            utc = datetime.datetime.fromtimestamp(t, UTC)
            a, b = utc.astimezone(mine).utcoffset(), utc.astimezone(theirs).utcoffset()
            if a != b:
                wrong.append(f"{utc:%Y-%m-%d %H:%M}Z: {a} != {b}")
        yield tzid, hours, wrong


def reexport(report, before, after, changed):
    """Same UIDs after an edit or a cancellation; the sequence raised for the changed events only
    (their titles after it, separated by |), each by one, each now cancelled."""
    changed = sorted(changed.split("|"))
    read = {}
    for path in (before, after):
        cal = vobject.readOne(open(path, encoding="utf-8", newline="").read())
        read[path] = {
            e.uid.value: (int(e.sequence.value), e.summary.value, e.status.value)
            for e in cal.vevent_list
        }
    a, b = read[before], read[after]
    report.check(set(a) == set(b), f"re-export keeps all {len(a)} UIDs")
    name = after.rsplit("/", 1)[-1]
    raised = sorted(b[uid][1] for uid in a if b[uid][0] != a[uid][0])
    report.check(raised == changed, f"{name}: re-export raises the sequence of {raised} only")
    report.check(
        all(b[uid][0] == a[uid][0] + 1 and b[uid][2] == "CANCELLED" for uid in a if b[uid][1] in changed),
        f"{name}: {changed!r} come back with their sequence raised by one and STATUS:CANCELLED",
    )


def main():
    feeds, reexports = read_feeds(sys.argv[1])
    lines, ical_report, vobject_report = Report("lines"), Report(ICAL), Report(VOBJECT)
    private = Report("personal data")
    for db in sorted({db for db, _, _ in feeds}):
        private.check(personal_data(db), f"{db.rsplit('/', 1)[-1]} holds e-mail addresses, phone numbers and amounts to look for")
    for db, path, feed in feeds:
        want = rows(db, feed)
        text = open(path, encoding="utf-8", newline="").read().replace("\r\n ", "")
        # Only what came from other records counts: a gathering's own text is shown as written.
        typed = gathering_text(db)
        found = [t for t in personal_data(db) if t in text and t not in typed]
        private.check(not found, f"{path.rsplit('/', 1)[-1]}: no e-mail address, phone number or travel amount"
                      + " beyond what its gatherings' own text says"
                      + (f": {found[:3]}" if found else ""))
        problems = line_problems(path)
        lines.check(not problems, f"{path.rsplit('/', 1)[-1]}: CRLF, at most 75 octets a line, folds between characters" + (f": {problems[:3]}" if problems else ""))
        with_ical(ical_report, path, want)
        with_vobject(vobject_report, path, want)
    for before, after, changed in reexports:
        reexport(vobject_report, before, after, changed)

    # Broken copies must be refused, or these checks prove nothing.
    good = open(feeds[0][1], encoding="utf-8", newline="").read()
    for what, text in broken(good, ["date", "break", "status"]):
        try:
            IcsCalendarStream.calendar_from_ics(text)
            ical_report.fail(f"accepts a calendar with {what}")
        except Exception:
            ical_report.ok(f"refuses a calendar with {what}")
    for what, text in broken(good, ["date", "break", "uid"]):
        try:
            vobject.readOne(text).validate(raiseException=True)
            vobject_report.fail(f"accepts a calendar with {what}")
        except Exception:
            vobject_report.ok(f"refuses a calendar with {what}")
    # A VTIMEZONE with a wrong rule (the first Sunday of October, not the last) must show.
    for db, path, feed in feeds:
        text = open(path, encoding="utf-8", newline="").read()
        wrong_rule = "BYMONTH=10;BYDAY=-1SU"
        if "TZID:Europe/Berlin" in text and wrong_rule in text and "2030" in text:
            cal = vobject.readOne(text.replace(wrong_rule, "BYMONTH=10;BYDAY=1SU"))
            caught = any(wrong for _, _, wrong in zone_mismatches(cal, rows(db, feed)))
            vobject_report.check(caught, "the zone check catches a wrong DST rule")
            break
    else:
        vobject_report.fail("no calendar to try a wrong DST rule on")
    finish(lines, private, ical_report, vobject_report)

if __name__ == "__main__":
    main()
