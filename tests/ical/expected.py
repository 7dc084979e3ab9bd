"""What each exported calendar must hold, read straight from the SQLite database (not through
Roadie's code), and the line-level checks every .ics file must pass. Shared by the checks in this
folder; standard library only, so both the venv's Python and Debian's /usr/bin/python3 can use it.
"""

import datetime
import sqlite3
import sys
import zoneinfo

UTC = datetime.timezone.utc

# Which gathering audiences each summit calendar holds (see crates/roadie-core/src/ical/feeds.rs).
COVERS = {
    "public": {"public"},
    "attendees": {"public", "attendees"},
    "speakers": {"public", "attendees", "speakers"},
    "organisers": {"public", "attendees", "speakers", "invite-only", "organisers"},
}


class Report:
    """Collects PASS/FAIL lines; the process fails when any check failed."""

    def __init__(self, tool):
        self.tool = tool
        self.failures = 0

    def ok(self, what):
        print(f"PASS {self.tool}: {what}")

    def fail(self, what):
        self.failures += 1
        print(f"FAIL {self.tool}: {what}")

    def check(self, condition, what):
        (self.ok if condition else self.fail)(what)
        return condition


def finish(*reports):
    """Exits non-zero when any report has a failure, naming them."""
    failed = [r for r in reports if r.failures]
    for r in failed:
        print(f"{r.tool}: {r.failures} check(s) failed")
    sys.exit(1 if failed else 0)


def read_feeds(path):
    """(db, ics, feed) triples and (before, after, changed title) re-exports from feeds.txt."""
    feeds, reexports = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 3)
            if parts[0] == "REEXPORT":
                reexports.append((parts[1], parts[2], parts[3]))
            else:
                feeds.append((parts[0], parts[1], parts[2]))
    return feeds, reexports


def rows(db, feed):
    """The gatherings a calendar must hold, by UID."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    kind, _, arg = feed.partition(":")
    if kind == "summit":
        slug, audience = arg.split(":")
        found = con.execute(
            "SELECT g.* FROM gatherings g JOIN summits s ON s.id = g.summit_id WHERE s.slug = ?",
            (slug,),
        ).fetchall()
        found = [r for r in found if r["audience"] in COVERS[audience]]
    elif kind == "speaker":
        talks = con.execute(
            "SELECT g.* FROM gatherings g JOIN speaker_talks t ON t.gathering_id = g.id"
            " WHERE t.speaker_id = ?",
            (int(arg),),
        ).fetchall()
        summits = {r["summit_id"] for r in talks}
        socials = [
            r
            for r in con.execute("SELECT * FROM gatherings WHERE kind = 'social'").fetchall()
            if r["summit_id"] in summits and r["audience"] in COVERS["speakers"]
        ]
        found = talks + socials
    elif kind == "gathering":
        found = con.execute("SELECT * FROM gatherings WHERE id = ?", (int(arg),)).fetchall()
    elif kind == "meetups":
        found = con.execute(
            "SELECT * FROM gatherings WHERE summit_id IS NULL AND kind = 'meetup'"
        ).fetchall()
    else:
        raise ValueError(f"unknown feed {feed}")
    con.close()
    return {r["uid"]: dict(r) for r in found}


def cleaned(text):
    """TEXT as the writer keeps it: line breaks as LF, other control characters but TAB gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or not is_control(c))


def is_control(c):
    o = ord(c)
    return o < 0x20 or 0x7F <= o <= 0x9F


def one_line(text):
    return "".join(" " if c in "\n\r\t" else c for c in text if c in "\n\r\t" or not is_control(c))


def local(row, column):
    instant = datetime.datetime.fromtimestamp(row[column], UTC)
    return instant.astimezone(zoneinfo.ZoneInfo(row["tz"]))


def event(row):
    """The values a client must read for a gathering."""
    start, end = local(row, "starts_at"), local(row, "ends_at")
    all_day = row["kind"] == "milestone"
    description = [cleaned(row["description"])] if row["description"] is not None else []
    dates = None
    if all_day:
        first = start.date()
        if end > start and end.time() == datetime.time(0):
            after = end.date()
        else:
            after = end.date() + datetime.timedelta(days=1)
        dates = (first, max(after, first + datetime.timedelta(days=1)))
        if start.time() != datetime.time(0):
            description.insert(0, f"At {start:%H:%M} ({row['tz']}).")
    # The link is repeated at the end of the description, for clients that never show URL.
    if row["url"] is not None:
        description.append(row["url"])
    place = [p for p in (row["venue"], row["room"]) if p is not None]
    return {
        "summary": one_line(row["title"]),
        "description": "\n\n".join(description) if description else None,
        "location": cleaned(", ".join(place)) if place else None,
        "categories": [c for c in (row["kind"], cleaned(row["track"] or "")) if c],
        "status": row["status"].upper(),
        "sequence": row["sequence"],
        "start": row["starts_at"],
        "end": row["ends_at"],
        "dates": dates,
        "tz": row["tz"],
        "rrule": row["recurrence"],
        "url": row["url"],
        "geo": (row["latitude"], row["longitude"]) if row["latitude"] is not None else None,
    }


def weekly_instants(row):
    """The instants of a FREQ=WEEKLY;COUNT=n rule, the local time kept in the tz database (the
    only rule shape the checks expand themselves); None for any other rule."""
    parts = dict(p.split("=") for p in (row["recurrence"] or "").split(";") if "=" in p)
    if set(parts) != {"FREQ", "COUNT"} or parts["FREQ"] != "WEEKLY":
        return None
    zone = zoneinfo.ZoneInfo(row["tz"])
    naive = local(row, "starts_at").replace(tzinfo=None)
    length = datetime.timedelta(seconds=row["ends_at"] - row["starts_at"])
    return [
        (int(start.timestamp()), int((start + length).timestamp()))
        for start in ((naive + datetime.timedelta(weeks=k)).replace(tzinfo=zone) for k in range(int(parts["COUNT"])))
    ]


def line_problems(path):
    """What breaks RFC 5545's line rules: a line end other than CRLF, a physical line over 75
    octets, a fold inside a UTF-8 character, a control character in a line."""
    data = open(path, "rb").read()
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    for n, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\r" in line or b"\n" in line:
            problems.append(f"line {n}: a bare CR or LF")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {n}: not UTF-8 on its own (folded inside a character?)")
            continue
        if any(is_control(c) and c != "\t" for c in text):
            problems.append(f"line {n}: a control character")
        if n > 1 and not line:
            problems.append(f"line {n}: empty")
    return problems


# Broken copies of a good calendar that a strict reader must refuse, to prove a validator does
# not accept just anything. Each validator names the ones it is known to catch.
BROKEN = {
    "date": ("a DTSTART that is not a date-time", "DTSTART;TZID=",
             "DTSTART;TZID=Europe/Berlin:2026-10-24 10:00\r\nX-OLD;TZID="),
    "break": ("a raw line break in SUMMARY", "SUMMARY:", "SUMMARY:Broken\r\ntitle "),
    "status": ("an unknown STATUS", "STATUS:CONFIRMED", "STATUS:CANCELED"),
    "uid": ("a VEVENT without UID", "\r\nUID:", "\r\nX-UID:"),
}


def broken(text, which):
    """(what is wrong, broken text) for each of `which`, made from the good `text`."""
    for key in which:
        what, old, new = BROKEN[key]
        assert old in text, f"no {old!r} to break"
        yield what, text.replace(old, new, 1)
