"""Imports calendars into two real calendar clients, calcurse and khal, both running under
TZ=America/New_York, and checks that they list every title at the right New York local time (or
on the right day): the organisers' calendar of the time-zone fixture (every gathering: Berlin
across the DST change, Kolkata at +05:30, Chatham at +12:45/+13:45, Lord Howe's half-hour DST,
Mexico City before and after it dropped DST, an all-day milestone, a weekly meetup across the
change, a cancelled party, long Unicode text, and the shipments' ship-by and must-arrive-by days),
a speaker's itinerary with a booked arrival and departure, and the demo's organisers' calendar
and a booked speaker's itinerary. Usage: check_clients.py DIR (the fixture's directory)
"""

import datetime
import os
import subprocess
import sys
import zoneinfo

from expected import UTC, Report, event, finish, one_line, rows, weekly_instants

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
ENV = dict(os.environ, TZ="America/New_York", LANG="C.UTF-8", LC_ALL="C.UTF-8")

# Spot checks, worked out by hand: (title, New York start).
KNOWN = [
    ("Before the change", "2026-10-24 04:00"),  # 10:00 CEST = 08:00Z = 04:00 EDT
    ("After the change", "2026-10-26 05:00"),  # 10:00 CET = 09:00Z = 05:00 EDT
    ("Kolkata talk", "2026-10-21 09:00"),  # 18:30 IST (+05:30) = 13:00Z
    ("Chatham talk", "2026-10-21 15:15"),  # 09:00 (+13:45) on the 22nd = 19:15Z on the 21st
    ("Chatham winter talk", "2026-06-30 20:00"),  # 12:45 (+12:45) = 00:00Z
    ("Lord Howe talk", "2026-10-04 19:00"),  # 10:00 (+11:00, DST from the 4th) = 23:00Z
    ("Mexico City 2023", "2023-06-01 12:00"),  # 10:00 CST (-06:00, no DST since 2022) = 16:00Z
]


def ny(seconds):
    return datetime.datetime.fromtimestamp(seconds, UTC).astimezone(NEW_YORK).strftime("%Y-%m-%d %H:%M")


def run(args, **kw):
    return subprocess.run(args, env=ENV, capture_output=True, text=True, check=True, **kw).stdout


def expected(want):
    """(timed, first instances, all instances, days, statuses, moments) the clients must show:
    timed items as (title, start, end) in New York, all-day ones as (title, date), moments (no
    DTEND: a booked arrival or departure) as (title, start)."""
    timed, firsts, instances, days, status, moments = set(), set(), set(), set(), {}, set()
    for row in want.values():
        e = event(row)
        title = one_line(row["title"])
        status[title] = e["status"]
        if e["dates"]:
            days.add((title, e["dates"][0].isoformat()))
            continue
        if row.get("item"):
            moments.add((title, ny(row["starts_at"])))
            continue
        first = (title, ny(row["starts_at"]), ny(row["ends_at"]))
        if row["recurrence"]:
            firsts.add(first)
            for start, end in weekly_instants(row) or []:
                instances.add((title, ny(start), ny(end)))
        else:
            timed.add(first)
    return timed, firsts, instances, days, status, moments


def calcurse(report, ics, work, want):
    name = os.path.basename(ics)
    data = os.path.join(work, "calcurse-" + name)
    os.makedirs(data)
    run(["calcurse", "-D", data, "-i", ics])
    out = run([
        "calcurse", "-D", data, "-Q", "--from", "01/01/2022", "--to", "12/31/2031",
        "--format-apt", "A|%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n",
        "--format-recur-apt", "R|%(start:%Y-%m-%d %H:%M)|%(end:%Y-%m-%d %H:%M)|%m\n",
        "--format-event", "E|%m\n", "--format-recur-event", "E|%m\n",
    ])
    apts, recurring, days, day = set(), set(), set(), None
    for line in out.splitlines():
        if line.endswith(":") and "|" not in line:
            day = datetime.datetime.strptime(line[:-1], "%m/%d/%y").date().isoformat()
        elif line.startswith("A|"):
            _, start, end, title = line.split("|", 3)
            apts.add((title, start, end))
        elif line.startswith("R|"):
            _, start, end, title = line.split("|", 3)
            recurring.add((title, start, end))
        elif line.startswith("E|"):
            days.add((line[2:], day))
    timed, firsts, _, all_day, _, moments = expected(want)
    # calcurse keeps a moment as an appointment that ends as it starts.
    timed = timed | {(title, start, start) for title, start in moments}
    report.check(apts == timed, f"{name}: lists {len(timed)} appointments at the right New York times"
                 + ("" if apts == timed else f": missing {sorted(timed - apts)[:3]}, unexpected {sorted(apts - timed)[:3]}"))
    # calcurse repeats an appointment at the same New York wall time, so after Berlin's clocks
    # change (a week before New York's) its later instances are an hour off: only the first
    # instance is checked here; khal checks them all.
    report.check(firsts <= recurring, f"{name}: lists the first instance of {len(firsts)} recurring item(s) at the right time")
    report.check(days == all_day, f"{name}: lists {len(all_day)} all-day item(s) on their dates"
                 + ("" if days == all_day else f": {sorted(days ^ all_day)[:3]}"))
    for title, start in KNOWN if name == "tz-organisers.ics" else []:
        report.check(any(a[0] == title and a[1] == start for a in apts), f"shows {title!r} at {start} New York time")


def khal(report, ics, work, want):
    name = os.path.basename(ics)
    home = os.path.join(work, "khal-" + name)
    os.makedirs(os.path.join(home, "calendar"))
    config = os.path.join(home, "config")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"""[calendars]
[[roadie]]
path = {home}/calendar
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = America/New_York
default_timezone = America/New_York
[sqlite]
path = {home}/khal.db
""")
    run(["khal", "-c", config, "import", "--batch", "-a", "roadie", ics])
    out = run(["khal", "-c", config, "list", "--day-format", "",
               "--format", "{start-long}|{end-long}|{status}|{title}", "2022-01-01", "2032-01-01"])
    shown, days, statuses = set(), set(), {}
    for line in out.splitlines():
        if line.count("|") < 3:
            continue  # a description's further lines
        start, end, status, title = line.split("|", 3)
        statuses[title] = status.strip()
        if len(start) == 10:
            days.add((title, start))
        else:
            shown.add((title, start, end))
    timed, _, instances, all_day, status, moments = expected(want)
    # khal shows a moment (no DTEND) as lasting an hour (it warns so): only its start is checked.
    titles = {title for title, _ in moments}
    seen_moments = {(title, start) for title, start, _ in shown if title in titles}
    shown = {s for s in shown if s[0] not in titles}
    report.check(shown == timed | instances, f"{name}: lists {len(timed)} events and {len(instances)} instances of weekly ones at the right New York times"
                 + ("" if shown == timed | instances else f": missing {sorted((timed | instances) - shown)[:3]}, unexpected {sorted(shown - timed - instances)[:3]}"))
    report.check(seen_moments == moments, f"{name}: lists {len(moments)} booked arrival(s) and departure(s) at the right New York times"
                 + ("" if seen_moments == moments else f": {sorted(seen_moments ^ moments)[:3]}"))
    report.check(days == all_day, f"{name}: lists {len(all_day)} all-day item(s) on their dates"
                 + ("" if days == all_day else f": {sorted(days ^ all_day)[:3]}"))
    report.check(statuses == status, f"{name}: shows every status, CANCELLED included"
                 + ("" if statuses == status else f": {statuses} != {status}"))
    for title, start in KNOWN if name == "tz-organisers.ics" else []:
        report.check(any(s[0] == title and s[1] == start for s in shown), f"shows {title!r} at {start} New York time")


def main():
    work = sys.argv[1]
    # (file, database, feed): see fixture.sh.
    calendars = [
        ("tz-organisers.ics", "tz.db", "summit:tz-check:organisers"),
        ("tz-speaker.ics", "tz.db", "speaker:1"),
        ("demo-organisers.ics", "demo.db", "summit:northwind:organisers"),
    ]
    with open(os.path.join(work, "booked-speaker.txt"), encoding="utf-8") as f:
        calendars.append(("demo-booked-speaker.ics", "demo.db", f"speaker:{f.read().strip()}"))
    reports = []
    for name, check in (("calcurse", calcurse), ("khal", khal)):
        version = run([name, "--version"]).splitlines()[0]
        report = Report(version.split(" -- ")[0].replace(", version", ""))
        reports.append(report)
        for ics, db, feed in calendars:
            want = rows(os.path.join(work, db), feed)
            try:
                check(report, os.path.join(work, ics), work, want)
            except subprocess.CalledProcessError as e:
                report.fail(f"{ics}: {' '.join(e.cmd[:3])} failed: {e.stderr.strip()[:300]}")
    finish(*reports)


if __name__ == "__main__":
    main()
