"""The same calendar as `roadie export ical --summit SLUG --audience organisers`, built and
serialised with Python's icalendar library from `roadie gathering list --json` and `roadie
shipment list --json` output: the same calendar properties, one VTIMEZONE per zone used
(icalendar's own, from zoneinfo), and per gathering the same UID, DTSTAMP, SEQUENCE, DTSTART/DTEND
(all-day for milestones), RRULE, SUMMARY, DESCRIPTION (the web page repeated at its end),
LOCATION, GEO, URL, CATEGORIES, STATUS and TRANSP; per shipment its ship-by and must-arrive-by
days, all-day, with the same properties.
Usage: icalendar_export.py DUMP.json SHIPMENTS.json OUT.ics
"""

import datetime
import json
import sys
import zoneinfo

from icalendar import Calendar, Event, vRecur

UTC = datetime.timezone.utc


def main():
    dump, shipments, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(dump, encoding="utf-8") as f:
        rows = json.load(f)
    with open(shipments, encoding="utf-8") as f:
        shipments = json.load(f)
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//Roadie bench//icalendar//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", "Benchmark (organisers)")
    cal.add("x-wr-calname", "Benchmark (organisers)")
    cal.add("description", "Every gathering of the benchmark summit")
    cal.add("x-wr-caldesc", "Every gathering of the benchmark summit")
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    stamp = datetime.datetime.now(UTC).replace(microsecond=0)
    zones = {}
    first, last = None, None
    for r in rows:
        tz = zones.get(r["tz"]) or zones.setdefault(r["tz"], zoneinfo.ZoneInfo(r["tz"]))
        start = datetime.datetime.fromisoformat(r["start"]).astimezone(tz)
        end = datetime.datetime.fromisoformat(r["end"]).astimezone(tz)
        first = start.date() if first is None else min(first, start.date())
        last = end.date() if last is None else max(last, end.date())
        e = Event()
        e.add("uid", r["uid"])
        e.add("dtstamp", stamp)
        e.add("sequence", r["sequence"])
        if r["kind"] == "milestone":
            day = start.date()
            e.add("dtstart", day)
            e.add("dtend", max(end.date() + datetime.timedelta(days=1), day + datetime.timedelta(days=1)))
        else:
            e.add("dtstart", start)
            e.add("dtend", end)
        if r["recurrence"]:
            e.add("rrule", vRecur.from_ical(r["recurrence"]))
        e.add("summary", " ".join(r["title"].splitlines()))
        text = [t for t in (r["description"], r["url"]) if t is not None]
        if text:
            e.add("description", "\n\n".join(text))
        place = [p for p in (r["venue"], r["room"]) if p]
        if place:
            e.add("location", ", ".join(place))
        if r["geo"] is not None:
            e.add("geo", (r["geo"]["latitude"], r["geo"]["longitude"]))
        if r["url"] is not None:
            e.add("url", r["url"])
        e.add("categories", [c for c in (r["kind"], r["track"]) if c])
        e.add("status", r["status"].upper())
        if r["kind"] == "milestone":
            e.add("transp", "TRANSPARENT")
        cal.add_component(e)
    for s in shipments:
        if s["must_arrive_by"] is None:
            continue
        status = s["status"].replace("-", " ")
        what = f"shipment {s['id']} from {s['origin']}"
        text = (f"Shipment {s['id']} from {s['origin']} to the summit: {status}.\n"
                f"Ship by {s['ship_by']['local']}; must arrive by {s['must_arrive_by']['local']}.")
        if s["carrier"]:
            text += f"\nCarrier: {s['carrier']}, tracking number {s['tracking_number']}."
        for which, label, deadline, place in (
            ("ship-by", "Ship by", s["ship_by"], s["origin"]),
            ("must-arrive-by", "Must arrive by", s["must_arrive_by"], "Venue"),
        ):
            local = datetime.datetime.fromisoformat(deadline["local"])
            day = local.date() - datetime.timedelta(days=1) if local.time() == datetime.time(0) else local.date()
            e = Event()
            e.add("uid", f"shipment-{s['id']}-{which}@roadie")
            e.add("dtstamp", stamp)
            e.add("sequence", 0)
            e.add("dtstart", day)
            e.add("dtend", day + datetime.timedelta(days=1))
            e.add("summary", f"{label}: {what} ({status})")
            e.add("description", text)
            e.add("location", place)
            e.add("categories", ["shipment"])
            e.add("status", "CANCELLED" if s["status"] == "returned" else "CONFIRMED")
            e.add("transp", "TRANSPARENT")
            cal.add_component(e)
    if first is not None:
        cal.add_missing_timezones(first_date=first, last_date=last + datetime.timedelta(days=1))
    with open(out, "wb") as f:
        f.write(cal.to_ical())


if __name__ == "__main__":
    main()
