"""Reads every exported calendar with libical (the C library behind Evolution and many servers),
through its GObject bindings. Debian's python3-gi is built for /usr/bin/python3, so run it with
that. libical does not fail on bad input: it adds X-LIC-ERROR properties, so those are counted.
Each event's start and end are converted with libical's own reading of the file's VTIMEZONEs and
compared with the database; weekly rules are expanded and each instance checked against the tz
database; each VTIMEZONE's offset is compared with the tz database every hour of its span.
Usage: /usr/bin/python3 check_libical.py FEEDS_TXT
"""

import datetime
import subprocess
import sys
import zoneinfo

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

from expected import UTC, Report, broken, event, finish, read_feeds, rows, weekly_instants  # noqa: E402


def children(component, kind):
    child = component.get_first_component(kind)
    while child:
        yield child
        child = component.get_next_component(kind)


def errors(component):
    """The X-LIC-ERROR messages libical left anywhere in `component`."""
    found = []
    p = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while p:
        found.append(p.get_xlicerror())
        p = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    for child in children(component, I.ComponentKind.ANY_COMPONENT):
        found.extend(errors(child))
    return found


def parse(text):
    component = I.Component.new_from_string(text)
    if component is None:
        return None, ["libical could not read it at all"]
    component.check_restrictions()
    return component, errors(component)


def seconds(t):
    zone = t.get_timezone()
    return t.as_timet_with_zone(zone) if zone else t.as_timet()


def text_of(ev, kind, getter):
    p = ev.get_first_property(kind)
    return getattr(p, getter)() if p else None


def check_file(report, path, want):
    name = path.rsplit("/", 1)[-1]
    cal, problems = parse(open(path, encoding="utf-8", newline="").read())
    if not report.check(not problems, f"{name}: no X-LIC-ERROR" + (f": {problems[:3]}" if problems else "")):
        return
    events = {ev.get_uid(): ev for ev in children(cal, I.ComponentKind.VEVENT_COMPONENT)}
    if not report.check(set(events) == set(want), f"{name}: {len(events)} events, the expected {len(want)}"):
        return
    wrong = []
    for uid, row in want.items():
        ev, expected = events[uid], event(row)
        start, end = ev.get_dtstart(), ev.get_dtend()
        if expected["dates"]:
            got = tuple(datetime.date(t.get_year(), t.get_month(), t.get_day()) for t in (start, end))
            if not (start.is_date() and end.is_date() and got == expected["dates"]):
                wrong.append(f"{uid}: dates {got} != {expected['dates']}")
        else:
            if start.get_timezone() is None or start.get_timezone().get_tzid() != row["tz"]:
                wrong.append(f"{uid}: DTSTART is not in {row['tz']}")
            got = (seconds(start), seconds(end))
            if got != (expected["start"], expected["end"]):
                wrong.append(f"{uid}: instants {got} != {(expected['start'], expected['end'])}")
        if ev.get_summary() != expected["summary"]:
            wrong.append(f"{uid}: summary {ev.get_summary()!r}")
        if ev.get_description() != expected["description"]:
            wrong.append(f"{uid}: description {ev.get_description()!r}")
        if ev.get_location() != expected["location"]:
            wrong.append(f"{uid}: location {ev.get_location()!r}")
        status = text_of(ev, I.PropertyKind.STATUS_PROPERTY, "as_ical_string")
        if status is None or f"STATUS:{expected['status']}" not in status:
            wrong.append(f"{uid}: status {status!r}")
        if text_of(ev, I.PropertyKind.SEQUENCE_PROPERTY, "get_sequence") != expected["sequence"]:
            wrong.append(f"{uid}: sequence")
        if text_of(ev, I.PropertyKind.URL_PROPERTY, "get_url") != expected["url"]:
            wrong.append(f"{uid}: url {text_of(ev, I.PropertyKind.URL_PROPERTY, 'get_url')!r}")
        geo = text_of(ev, I.PropertyKind.GEO_PROPERTY, "get_geo")
        if (geo and (geo.get_lat(), geo.get_lon())) != (expected["geo"] or None):
            wrong.append(f"{uid}: geo {geo and (geo.get_lat(), geo.get_lon())} != {expected['geo']}")
        rule = ev.get_first_property(I.PropertyKind.RRULE_PROPERTY)
        if bool(rule) != bool(row["recurrence"]):
            wrong.append(f"{uid}: RRULE present: {bool(rule)}")
        if rule and weekly_instants(row):
            it = I.RecurIterator.new(rule.get_rrule(), start)
            got, t = [], it.next()
            while t and not t.is_null_time():
                got.append(t.as_timet_with_zone(start.get_timezone()))
                t = it.next()
            starts = [start for start, _ in weekly_instants(row)]
            if got != starts:
                wrong.append(f"{uid}: weekly instances {got} != {starts}")
            else:
                report.ok(f"{name}: {row['title']!r}: {len(got)} weekly instances at the right instants")
    report.check(not wrong, f"{name}: every event's times (through the file's VTIMEZONEs), text, link and position as stored" + (f": {wrong[:3]}" if wrong else ""))

    spans = {}
    for row in want.values():
        if row["tz"] is None:
            continue  # a whole day
        lo, hi = spans.get(row["tz"], (row["starts_at"], row["ends_at"]))
        spans[row["tz"]] = (min(lo, row["starts_at"]), max(hi, row["ends_at"]))
    utc = I.Timezone.get_utc_timezone()
    for vtz in children(cal, I.ComponentKind.VTIMEZONE_COMPONENT):
        zone = I.Timezone.new()
        zone.set_component(vtz.clone())
        tzid = zone.get_tzid()
        if tzid not in spans:
            continue
        theirs = zoneinfo.ZoneInfo(tzid)
        lo, hi = spans[tzid]
        bad, hours = [], 0
        for t in range(lo - 86400, hi + 86400, 3600):
            hours += 1
            mine = I.Timezone.get_utc_offset_of_utc_time(zone, I.Time.new_from_timet_with_zone(t, 0, utc))
            mine = mine[0] if isinstance(mine, tuple) else mine
            want_offset = datetime.datetime.fromtimestamp(t, UTC).astimezone(theirs).utcoffset()
            if mine != int(want_offset.total_seconds()):
                bad.append(t)
        report.check(not bad, f"{name}: VTIMEZONE {tzid} matches the tz database for {hours} hours" + (f"; differs at {bad[:3]}" if bad else ""))


def libical_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libical3"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"(GObject API {I._version})"


def main():
    feeds, _ = read_feeds(sys.argv[1])
    report = Report(f"libical {libical_version()}")
    for db, path, feed in feeds:
        check_file(report, path, rows(db, feed))
    good = open(feeds[0][1], encoding="utf-8", newline="").read()
    for what, text in broken(good, ["date", "break"]):
        _, problems = parse(text)
        report.check(bool(problems), f"finds an error in a calendar with {what}")
    finish(report)


if __name__ == "__main__":
    main()
