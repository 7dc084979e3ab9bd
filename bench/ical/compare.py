"""Times the two exporters, each as a whole process, and prints a table with the ratio.
Usage: compare.py ROADIE DB DUMP.json SHIPMENTS.json WORKDIR ROADIE_REPS PYTHON_REPS
"""

import os
import statistics
import subprocess
import sys
import time
from importlib.metadata import version

GOAL_SECONDS, GOAL_RATIO = 1.0, 20.0


def timed(args, reps):
    """Seconds of each run after one warm-up run (so every run finds the files in the page cache)."""
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    runs = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - start)
    return runs


def events(path):
    with open(path, "rb") as f:
        return f.read().count(b"BEGIN:VEVENT\r\n")


def main():
    roadie, db, dump, shipments, work, roadie_reps, python_reps = sys.argv[1:8]
    ours, theirs = f"{work}/roadie.ics", f"{work}/icalendar.ics"
    rows = [
        (
            "roadie export ical (database read included)",
            timed([roadie, "--db", db, "export", "ical", "--summit", "northwind-xl",
                   "--audience", "organisers", "--out", ours], int(roadie_reps)),
            ours,
        ),
        (
            f"Python icalendar {version('icalendar')} (from the JSON dump)",
            timed([sys.executable, f"{sys.path[0]}/icalendar_export.py", dump, shipments, theirs],
                  int(python_reps)),
            theirs,
        ),
    ]
    print()
    print(f"{'100,000 gatherings and the shipping days to .ics':<58} {'median':>8} {'min':>8} {'runs':>5} {'events':>8} {'MB':>6}")
    for name, runs, path in rows:
        size = os.path.getsize(path) / 1e6
        print(f"{name:<58} {statistics.median(runs):>7.2f}s {min(runs):>7.2f}s {len(runs):>5} {events(path):>8} {size:>6.1f}")
    (_, ours_runs, _), (_, theirs_runs, _) = rows
    ratio = statistics.median(theirs_runs) / statistics.median(ours_runs)
    roadie_median = statistics.median(ours_runs)
    print(f"Roadie is {ratio:.1f} times faster (goal: at least {GOAL_RATIO:.0f}); "
          f"Roadie takes {roadie_median:.2f} s (goal: under {GOAL_SECONDS:.0f} s)")
    if events(ours) != events(theirs):
        print("bench: the two calendars hold different numbers of events", file=sys.stderr)
        sys.exit(1)
    if ratio < GOAL_RATIO or roadie_median >= GOAL_SECONDS:
        print("bench: a goal is missed")


if __name__ == "__main__":
    main()
