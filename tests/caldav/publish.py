"""Publishes the demo summit's calendar to a real CalDAV server, Radicale, through the real
`roadie` binary, and reads the collection back over HTTP (PROPFIND and GET), comparing it with the
database. Radicale runs on 127.0.0.1 on a free port with a throw-away configuration (htpasswd
login, a temporary storage folder), and the calendar collection is made with MKCALENDAR.

The scenario: a first publish creates one resource per event, named by its UID; a second one
sends nothing; after an edit and a cancellation through the CLI, a third updates exactly those
two (the edit with its SEQUENCE raised, the cancellation as STATUS:CANCELLED with its SEQUENCE
raised), with the same UIDs and the same number of resources, and nothing ever deleted. A copy
changed on the server is reported as a conflict and left alone, then replaced with --overwrite.
Bad logins and addresses fail with the field named. The password is taken from a real Secret
Service (gnome-keyring, in a private D-Bus session) when one can be started, and never lands in
the database. Standard library only. Usage: publish.py ROADIE
"""

import base64
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "ical"))
from expected import Report, finish, rows  # noqa: E402

USER, PASSWORD = "ada", "correct horse battery staple"
DAV = "{DAV:}"


class Radicale:
    """A Radicale server of its own, stopped on exit."""

    def __init__(self, work):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        with open(os.path.join(work, "users"), "w", encoding="utf-8") as f:
            f.write(f"{USER}:{PASSWORD}\n")
        config = os.path.join(work, "radicale.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {work}/users
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = {work}/collections
[web]
type = none
[logging]
level = info
""")
        self.log_path = os.path.join(work, "radicale.log")
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            ["radicale", "--config", config], stdout=self.log, stderr=subprocess.STDOUT
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                request("GET", self.base + "/")
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise SystemExit(f"radicale did not start:\n{open(self.log_path).read()}")

    def version(self):
        out = subprocess.run(["radicale", "--version"], capture_output=True, text=True)
        return out.stdout.strip() or out.stderr.strip()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def request(method, url, body=None, headers=None, auth=(USER, PASSWORD)):
    """(status, headers, body text) of one HTTP request."""
    headers = dict(headers or {})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def listing(collection):
    """{resource name: ETag} of the collection's members, read with PROPFIND (Depth: 1)."""
    body = '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    status, _, text = request("PROPFIND", collection, body, {"Depth": "1", "Content-Type": "application/xml"})
    if status != 207:
        raise SystemExit(f"PROPFIND {collection}: HTTP {status}: {text[:300]}")
    found = {}
    for response in ET.fromstring(text).iter(DAV + "response"):
        href = urllib.parse.unquote(response.findtext(DAV + "href"))
        if href.endswith(".ics"):
            found[href.rsplit("/", 1)[-1]] = response.findtext(f".//{DAV}getetag")
    return found


def vevents(text):
    """The VEVENTs of an iCalendar text, each as {NAME: [values]} (lines unfolded)."""
    lines = text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").splitlines()
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            name, value = line.split(":", 1)
            current.setdefault(name.split(";", 1)[0].upper(), []).append(value)
    return events


def get_event(collection, name):
    status, _, text = request("GET", collection + name)
    events = vevents(text) if status == 200 else []
    return events[0] if len(events) == 1 else None


class Roadie:
    def __init__(self, binary, db):
        self.binary, self.db = binary, db

    def run(self, *args, env=None, stdin=None):
        """(exit status, stdout, stderr)."""
        out = subprocess.run(
            [self.binary, "--db", self.db, *args], capture_output=True, text=True, env=env, input=stdin
        )
        return out.returncode, out.stdout, out.stderr

    def ok(self, *args):
        code, out, err = self.run(*args)
        if code != 0:
            raise SystemExit(f"roadie {' '.join(args)} failed ({code}): {err}")
        return out


def with_password(**extra):
    return dict(os.environ, ROADIE_CALDAV_PASSWORD=PASSWORD, **extra)


def main():
    roadie_binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="roadie-caldav-")
    server = Radicale(work)
    report = Report(f"caldav ({server.version()})")
    try:
        scenario(report, Roadie(roadie_binary, os.path.join(work, "roadie.db")), server, work)
    finally:
        server.stop()
        deletes = [l for l in open(server.log_path, encoding="utf-8") if "DELETE request" in l]
        report.check(not deletes, "nothing was ever DELETEd" + (f": {deletes[:2]}" if deletes else ""))
        shutil.rmtree(work, ignore_errors=True)
    finish(report)


def scenario(report, roadie, server, work):
    roadie.ok("demo")
    collection = f"{server.base}/{USER}/northwind/"
    status, _, _ = request("MKCALENDAR", collection)
    if not report.check(status == 201, f"MKCALENDAR {collection}: HTTP {status}"):
        return
    feed = "summit:northwind:attendees"
    want = rows(roadie.db, feed)
    n = len(want)
    publish = ["publish", "caldav", "--summit", "northwind", "--audience", "attendees",
               "--user", USER, "--url", collection]

    def published(expect_code, summary, *extra, env=None):
        code, out, err = roadie.run(*publish, *extra, env=env or with_password())
        report.check(
            code == expect_code and summary in out,
            f"roadie {' '.join(['publish', 'caldav', *extra])}: exit {code}, {summary!r}"
            + ("" if summary in out else f"; printed {out.strip()!r} {err.strip()!r}"),
        )
        return out, err

    # First publish: one resource per event, named by its UID.
    published(0, f"{n} created, 0 updated, 0 unchanged, 0 failed")
    first = listing(collection)
    report.check(
        set(first) == {f"{uid}.ics" for uid in want},
        f"PROPFIND lists {len(first)} resources, one <UID>.ics per event of the {n} in the database",
    )
    wrong = []
    for uid, row in want.items():
        ev = get_event(collection, f"{uid}.ics")
        if ev is None:
            wrong.append(f"{uid}: not one VEVENT")
        elif (ev["UID"], ev["SEQUENCE"], ev["STATUS"]) != ([uid], [str(row["sequence"])], [row["status"].upper()]):
            wrong.append(f"{uid}: UID {ev['UID']} SEQUENCE {ev['SEQUENCE']} STATUS {ev['STATUS']}")
        elif row["url"] and (ev.get("URL") != [row["url"]] or "GEO" not in ev):
            wrong.append(f"{uid}: URL {ev.get('URL')} GEO {ev.get('GEO')}")
    report.check(not wrong, f"GET of each resource: one VEVENT with its UID, SEQUENCE, STATUS, URL and GEO as stored" + (f": {wrong[:3]}" if wrong else ""))

    # Nothing changed: nothing is sent.
    published(0, f"0 created, 0 updated, {n} unchanged, 0 failed")
    report.check(listing(collection) == first, "a second publish leaves every resource and ETag as it was")

    # An edit and a cancellation through the CLI.
    by_title = {row["title"]: row for row in want.values()}
    party, meetup = by_title["Welcome party"], by_title["Contributor meetup"]
    roadie.ok("gathering", "edit", str(party["id"]), "--title", "Welcome party (moved to the river)",
              "--venue", "Le Sirius")
    roadie.ok("gathering", "cancel", str(meetup["id"]))
    published(0, f"0 created, 2 updated, {n - 2} unchanged, 0 failed")
    third = listing(collection)
    changed = sorted(name for name in first if third.get(name) != first[name])
    report.check(
        set(third) == set(first),
        f"the same {len(third)} resources and UIDs after the edit and the cancellation",
    )
    report.check(
        changed == sorted([f"{party['uid']}.ics", f"{meetup['uid']}.ics"]),
        f"only the edited and the cancelled events got new ETags ({len(changed)})",
    )
    ev = get_event(collection, f"{party['uid']}.ics") or {}
    report.check(
        ev.get("SUMMARY") == ["Welcome party (moved to the river)"] and ev.get("SEQUENCE") == ["1"]
        and ev.get("STATUS") == ["CONFIRMED"] and ev.get("LOCATION") == ["Le Sirius"],
        f"the edited event on the server: SUMMARY, LOCATION and SEQUENCE:1 ({ev.get('SUMMARY')}, {ev.get('SEQUENCE')})",
    )
    ev = get_event(collection, f"{meetup['uid']}.ics") or {}
    report.check(
        ev.get("STATUS") == ["CANCELLED"] and ev.get("SEQUENCE") == ["1"],
        f"the cancelled event is still there with STATUS:CANCELLED and SEQUENCE:1 ({ev.get('STATUS')}, {ev.get('SEQUENCE')})",
    )

    # Someone changes an event on the server; Roadie changes it too: a conflict, not an overwrite.
    keynote = next(row for row in want.values() if row["title"].startswith("Keynote"))
    name = f"{keynote['uid']}.ics"
    _, _, text = request("GET", collection + name)
    status, _, _ = request("PUT", collection + name, text.replace("SUMMARY:", "SUMMARY:[edited on the server] ", 1),
                           {"Content-Type": "text/calendar"})
    report.check(status in (201, 204), f"another client changes {name} on the server (HTTP {status})")
    roadie.ok("gathering", "edit", str(keynote["id"]), "--title", "Keynote (new title)")
    out, err = published(1, f"0 created, 0 updated, {n - 1} unchanged, 1 failed")
    report.check("conflict" in out and keynote["uid"] in out and "--overwrite" in err,
                 "the conflict is reported with the event and how to resolve it")
    ev = get_event(collection, name) or {}
    report.check(ev.get("SUMMARY", [""])[0].startswith("[edited on the server]"),
                 "the server's copy was left alone")
    published(0, f"0 created, 1 updated, {n - 1} unchanged, 0 failed", "--overwrite")
    ev = get_event(collection, name) or {}
    report.check(ev.get("SUMMARY") == ["Keynote (new title)"] and ev.get("SEQUENCE") == ["1"],
                 f"--overwrite replaces it with Roadie's version ({ev.get('SUMMARY')}, SEQUENCE {ev.get('SEQUENCE')})")
    report.check(set(listing(collection)) == set(first), f"still {len(first)} resources, none added or removed")

    # Bad input names its field; nothing is published.
    for url, env, field, what in [
        (collection, dict(os.environ, ROADIE_CALDAV_PASSWORD="wrong"), "password:", "a wrong password"),
        (f"{server.base}/{USER}/nowhere/", with_password(), "url:", "a collection that does not exist"),
        (f"http://example.org/{USER}/northwind/", with_password(), "url:", "plain http to another computer"),
    ]:
        code, out, err = roadie.run(*publish[:-1], url, env=env)
        report.check(code == 2 and err.startswith(f"roadie: {field}"), f"{what}: exit {code}, {err.strip()!r}")
    without_user = [a for a in publish if a not in ("--user", USER)]
    code, _, err = roadie.run(*without_user, env=dict(os.environ))
    report.check(code == 2 and err.startswith("roadie: user:"), f"no user for a server that asks for a login: {err.strip()!r}")

    # Without a keyring and without ROADIE_CALDAV_PASSWORD: a clear message, exit 2.
    bare = {k: v for k, v in os.environ.items()
            if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "ROADIE_CALDAV_PASSWORD")}
    code, _, err = roadie.run(*publish, env=bare)
    report.check(code == 2 and "ROADIE_CALDAV_PASSWORD" in err and err.startswith("roadie: password:"),
                 f"no keyring and no ROADIE_CALDAV_PASSWORD: {err.strip()!r}")

    with_keyring(report, roadie, publish, work, n)


def with_keyring(report, roadie, publish, work, n):
    """The password kept in a real Secret Service (gnome-keyring, unlocked in a private D-Bus
    session with a throw-away home), then used by publish; never written to the database."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        report.fail("dbus-run-session or gnome-keyring-daemon is missing (scripts/setup.sh installs them)")
        return
    home = os.path.join(work, "home")
    os.makedirs(home)
    script = os.path.join(work, "keyring.sh")
    collection = publish[-1]
    with open(script, "w", encoding="utf-8") as f:
        f.write(f"""set -e
roadie=$1 db=$2
shift 2
printf 'login-keyring-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s\\n' "$ROADIE_TEST_PASSWORD" | "$roadie" --db "$db" publish caldav-login --url {collection} --user {USER}
"$roadie" --db "$db" "$@"
""")
    env = {k: v for k, v in os.environ.items() if k not in ("ROADIE_CALDAV_PASSWORD", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(HOME=home, XDG_DATA_HOME=os.path.join(home, "data"), ROADIE_TEST_PASSWORD=PASSWORD)
    out = subprocess.run(
        ["dbus-run-session", "--", "bash", script, roadie.binary, roadie.db, *publish],
        capture_output=True, text=True, env=env, timeout=120,
    )
    report.check(
        out.returncode == 0 and "in the OS keyring" in out.stdout
        and f"0 created, 0 updated, {n} unchanged, 0 failed" in out.stdout,
        "caldav-login keeps the password in gnome-keyring (Secret Service) and publish reads it from there"
        + ("" if out.returncode == 0 else f": {out.stdout.strip()!r} {out.stderr.strip()[-300:]!r}"),
    )
    leaked = []
    for suffix in ("", "-wal", "-shm"):
        path = roadie.db + suffix
        if os.path.exists(path) and PASSWORD.encode() in open(path, "rb").read():
            leaked.append(path)
    con = sqlite3.connect(roadie.db)
    dump = "\n".join(con.iterdump())
    con.close()
    report.check(not leaked and PASSWORD not in dump, "the password is nowhere in the database file")


if __name__ == "__main__":
    main()
