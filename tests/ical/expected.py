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
    """The events a calendar must hold, by UID: gatherings (rows of the table), and the items
    shown beside them (dicts with "item" set, see items())."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    kind, _, arg = feed.partition(":")
    extra = []
    if kind == "summit":
        slug, audience = arg.split(":")
        found = con.execute(
            "SELECT g.* FROM gatherings g JOIN summits s ON s.id = g.summit_id WHERE s.slug = ?",
            (slug,),
        ).fetchall()
        found = [r for r in found if r["audience"] in COVERS[audience]]
        if audience == "organisers":
            extra = shipping_items(con, slug)
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
        extra = travel_items(con, int(arg), summits)
    elif kind == "gathering":
        found = con.execute("SELECT * FROM gatherings WHERE id = ?", (int(arg),)).fetchall()
    elif kind == "meetups":
        found = con.execute(
            "SELECT * FROM gatherings WHERE summit_id IS NULL AND kind = 'meetup'"
        ).fetchall()
    else:
        raise ValueError(f"unknown feed {feed}")
    sequences = dict(con.execute("SELECT uid, sequence FROM calendar_sequences").fetchall())
    con.close()
    want = {r["uid"]: dict(r) for r in found}
    for item in extra:
        item["sequence"] = sequences.get(item["uid"])
        want[item["uid"]] = item
    return want


def item(uid, title, description, location, category, cancelled, tz=None, at=None, day=None):
    """An item shown beside gatherings, as rows() gives it: a moment (`at`, seconds, shown in
    `tz`, no DTEND) or a whole day (`day`)."""
    return {
        "item": True, "uid": uid, "title": title, "description": description,
        "location": location, "category": category, "cancelled": cancelled, "tz": tz,
        "starts_at": at, "ends_at": at, "day": day, "recurrence": None,
    }


def travel_items(con, speaker_id, summits):
    """A speaker's booked arrival and departure at each summit they speak at, read from the
    bookings: in the summit's zone, in its city (else its venue), cancelled when the request was
    withdrawn; never an amount."""
    (speaker,) = con.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    found = []
    for r in con.execute(
        "SELECT r.id, r.status, r.summit_id, b.*, s.name AS summit, s.city, s.venue, s.tz FROM travel_bookings b"
        " JOIN travel_requests r ON r.id = b.request_id JOIN summits s ON s.id = r.summit_id"
        " WHERE r.speaker_id = ?", (speaker_id,),
    ).fetchall():
        if r["summit_id"] not in summits:
            continue
        place = r["city"] or r["venue"]
        town = place or r["summit"]
        details = ""
        if r["flight_ref"]:
            details += f"\nBooked travel: {r['flight_ref']}."
        if r["hotel_ref"]:
            nights = r["nights"]
            details += f"\nHotel: {r['hotel_ref']}" + (
                "." if nights is None else ", 1 night." if nights == 1 else f", {nights} nights.")
        cancelled = r["status"] == "withdrawn"
        if cancelled:
            details += "\nCancelled: the travel request was withdrawn."
        by = r["flight_ref"]
        for which, at, title, first in (
            ("arrival", r["arrive_at"], f"Arrive: {by} at {town}" if by else f"Arrive at {town}",
             f"{speaker} arrives in {town} for {r['summit']}."),
            ("departure", r["depart_at"], f"Depart: {by} from {town}" if by else f"Depart from {town}",
             f"{speaker} leaves {town} after {r['summit']}."),
        ):
            found.append(item(f"travel-{r['id']}-{which}@roadie", title, first + details, place,
                              "travel", cancelled, tz=r["tz"], at=at))
    return found


def days_before(instant, tz, days):
    """`days` calendar days before `instant` (seconds) on the wall clock of `tz`."""
    zone = zoneinfo.ZoneInfo(tz)
    wall = datetime.datetime.fromtimestamp(instant, UTC).astimezone(zone).replace(tzinfo=None)
    return int((wall - datetime.timedelta(days=days)).replace(tzinfo=zone).timestamp())


def deadline_text(instant, tz):
    local = datetime.datetime.fromtimestamp(instant, UTC).astimezone(zoneinfo.ZoneInfo(tz))
    return f"{local:%Y-%m-%d %H:%M} {tz}"


def due_day(instant, tz):
    """The last day a deadline can be met on: the day before when it is at midnight."""
    local = datetime.datetime.fromtimestamp(instant, UTC).astimezone(zoneinfo.ZoneInfo(tz))
    return local.date() - datetime.timedelta(days=1) if local.time() == datetime.time(0) else local.date()


def shipping_items(con, slug):
    """The ship-by and must-arrive-by days of every shipment to the summit or to one of its
    gatherings, worked out from the shipments' buffer and transit days: whole days, cancelled
    once the shipment was sent back; never a contact, a phone number or a cost."""
    found = []
    for r in con.execute(
        "SELECT sh.*, g.title AS g_title, g.venue AS g_venue, g.starts_at AS g_start, g.tz AS g_tz,"
        " s.name AS s_name, s.venue AS s_venue, s.city AS s_city, s.start_date, s.tz AS s_tz"
        " FROM shipments sh LEFT JOIN gatherings g ON g.id = sh.gathering_id"
        " JOIN summits s ON s.id = coalesce(sh.summit_id, g.summit_id) WHERE s.slug = ?", (slug,),
    ).fetchall():
        if r["gathering_id"] is not None:
            start, tz, to, place = r["g_start"], r["g_tz"], r["g_title"], r["g_venue"]
        else:
            zone = zoneinfo.ZoneInfo(r["s_tz"])
            midnight = datetime.datetime.fromisoformat(r["start_date"]).replace(tzinfo=zone)
            start, tz, to, place = int(midnight.timestamp()), r["s_tz"], r["s_name"], r["s_venue"] or r["s_city"]
        arrive = days_before(start, tz, r["buffer_days"])
        ship = days_before(arrive, tz, r["transit_days"])
        status = r["status"].replace("-", " ")
        what = f"shipment {r['id']} from {r['origin']}" + (f" for {to}" if r["gathering_id"] else "")
        text = (f"Shipment {r['id']} from {r['origin']} to {to}: {status}.\n"
                f"Ship by {deadline_text(ship, tz)}; must arrive by {deadline_text(arrive, tz)}.")
        if r["carrier"] and r["tracking_number"]:
            text += f"\nCarrier: {r['carrier']}, tracking number {r['tracking_number']}."
        elif r["carrier"]:
            text += f"\nCarrier: {r['carrier']}."
        elif r["tracking_number"]:
            text += f"\nTracking number {r['tracking_number']}."
        if r["ship_date"]:
            text += f"\nShipped on {r['ship_date']}."
        cancelled = r["status"] == "returned"
        if cancelled:
            text += "\nCancelled: the shipment was sent back and will not arrive."
        for which, label, deadline, location in (
            ("ship-by", "Ship by", ship, r["origin"]),
            ("must-arrive-by", "Must arrive by", arrive, place),
        ):
            found.append(item(f"shipment-{r['id']}-{which}@roadie", f"{label}: {what} ({status})", text,
                              location, "shipment", cancelled, day=due_day(deadline, tz)))
    return found


def personal_data(db):
    """What no calendar may carry (issue 8): every e-mail address, phone number and travel amount
    in the database (amounts as they would be written, 731.37, for those of ten units or more)."""
    con = sqlite3.connect(db)
    texts = set()
    for query in (
        "SELECT email FROM speakers", "SELECT email FROM organisers",
        "SELECT contact_phone FROM shipments",
    ):
        texts.update(v for (v,) in con.execute(query) if v)
    for query in (
        "SELECT requested_minor FROM travel_request_items", "SELECT approved_minor FROM travel_approved_items",
        "SELECT total_minor FROM travel_approvals", "SELECT amount_minor FROM travel_payments",
    ):
        texts.update(f"{v // 100}.{v % 100:02d}" for (v,) in con.execute(query) if v and v >= 1000)
    con.close()
    return sorted(texts)


def gathering_text(db):
    """What organisers typed into their gatherings (titles, descriptions, places): a calendar shows
    it as written, contact details an organiser put into an organisers-only social included."""
    con = sqlite3.connect(db)
    text = "\n".join(
        " ".join(v for v in row if v)
        for row in con.execute("SELECT title, description, venue, room FROM gatherings")
    )
    con.close()
    return text


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
    """The values a client must read for a gathering, or for an item beside them."""
    if row.get("item"):
        day = row["day"]
        return {
            "summary": row["title"],
            "description": row["description"],
            "location": row["location"],
            "categories": [row["category"]],
            "status": "CANCELLED" if row["cancelled"] else "CONFIRMED",
            "sequence": row["sequence"],
            # A moment has no DTEND: it ends as it starts (RFC 5545 3.6.1).
            "start": row["starts_at"],
            "end": row["ends_at"],
            "dates": (day, day + datetime.timedelta(days=1)) if day else None,
            "tz": row["tz"],
            "rrule": None,
            "url": None,
            "geo": None,
        }
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
