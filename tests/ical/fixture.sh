#!/usr/bin/env bash
# Seeds the calendars tests/ical-validate.sh checks, through the real `roadie` binary, and exports
# them. Usage: fixture.sh ROADIE DIR. Writes DIR/tz.db (time zones, text, cancellations: fixed
# dates, so clients can be checked against known local times; booked travel, shipments) and
# DIR/demo.db (`roadie demo`), their .ics files, DIR/booked-speaker.txt (a speaker of the demo
# with a talk and a booking), and DIR/feeds.txt: one "DB FILE FEED" line per calendar, FEED being
# summit:SLUG:AUDIENCE, speaker:ID, gathering:ID or meetups, and "REEXPORT BEFORE AFTER TITLES"
# lines (the titles, after, of the events cancelled in between, separated by |).
set -euo pipefail
roadie=$1
dir=$2
db=$dir/tz.db
r() { "$roadie" --db "$db" "$@" >/dev/null; }
add() { # add KIND TITLE START END AUDIENCE [more gathering add options]: prints the id
    local kind=$1 title=$2 start=$3 end=$4 audience=$5
    shift 5
    "$roadie" --db "$db" gathering add --summit tz-check --kind "$kind" --title "$title" \
        --start "$start" --end "$end" --audience "$audience" --json "$@" |
        sed -n 's/^ *"id": *\([0-9]*\).*/\1/p' | head -n 1
}

r summit create --name "Time zone check" --slug tz-check --tz Europe/Berlin --city Berlin \
    --start 2026-10-20 --end 2026-10-27 --currency EUR
before=$(add session "Before the change" "2026-10-24 10:00" "2026-10-24 11:00" public --venue bcc --room "Hall A")
add session "After the change" "2026-10-26 10:00" "2026-10-26 11:00" public --venue bcc >/dev/null
add social "Through the night" "2026-10-24 22:00" "2026-10-25 06:00" attendees >/dev/null
kolkata=$(add session "Kolkata talk" "2026-10-21 18:30" "2026-10-21 19:30" public --tz Asia/Kolkata)
add session "Chatham talk" "2026-10-22 09:00" "2026-10-22 10:00" speakers --tz Pacific/Chatham >/dev/null
add session "Chatham winter talk" "2026-07-01 12:45" "2026-07-01 13:45" public --tz Pacific/Chatham >/dev/null
add session "Lord Howe talk" "2026-10-05 10:00" "2026-10-05 11:00" public --tz Australia/Lord_Howe >/dev/null
add session "Mexico City 2022" "2022-10-01 10:00" "2022-10-01 11:00" public --tz America/Mexico_City >/dev/null
add session "Mexico City 2023" "2023-06-01 10:00" "2023-06-01 11:00" public --tz America/Mexico_City >/dev/null
add session "Far future" "2030-07-01 10:00" "2030-07-01 11:00" public >/dev/null
boat=$(add social "Boat party" "2026-10-23 19:00" "2026-10-23 23:00" public \
    --url "https://example.org/events/2026/boat-party?from=roadie&lang=de&note=a-long-link-to-fold" \
    --geo "52.5208, -13.4163")
add milestone "CfP closes" "2026-09-01 00:00" "2026-09-01 00:00" organisers >/dev/null
add milestone "Slides due" "2026-10-19 18:00" "2026-10-19 18:00" organisers >/dev/null
add meetup "Weekly hack night" "2026-10-14 18:00" "2026-10-14 19:00" public \
    --recurrence "FREQ=WEEKLY;COUNT=4" >/dev/null
add social "Sponsor breakfast" "2026-10-22 08:00" "2026-10-22 09:00" invite-only >/dev/null
long="Ünïcødé ☕ night; with, commas \\ a backslash and a title long enough to fold across several lines — 日本語も"
add social "$long" "2026-10-22 20:00" "2026-10-22 23:30" public --venue "Café Olé, Kreuzberg" \
    --room "Back room; upstairs" --url "https://example.org/café/olé?x=1,2;3" --geo "-41.2865 174.7762" \
    --description "$(printf 'First line, with a comma; and a semicolon.\nSecond line \\ backslash.\n\nAfter a blank line: «ελληνικά» 🎉 %s' "$(printf 'x%.0s' {1..80})")" >/dev/null
"$roadie" --db "$db" speaker add --name "Ada Lovelace" --email ada@example.org --talk "$before" \
    --talk "$kolkata" >/dev/null
grace_talk=$(add session "Grace's talk" "2026-10-26 14:00" "2026-10-26 15:00" public)
"$roadie" --db "$db" speaker add --name "Grace Hopper" --email grace@example.org --talk "$grace_talk" >/dev/null

# Booked travel: Ada arrives and leaves by plane (rebooked once, so the arrival's sequence is 1);
# Grace's booking is withdrawn further down. Amounts, e-mail addresses and phone numbers are here
# to be looked for, and never found, in the calendars.
r organiser add --name Olu --email olu@example.org
r travel policy set --summit tz-check --actor Olu --pool "20000 EUR" --airfare "2000 EUR" \
    --lodging-per-night "300 EUR"
book() { # book SPEAKER_ID ARRIVE DEPART FLIGHT: prints the request's id
    local id
    id=$("$roadie" --db "$db" travel submit --summit tz-check --speaker "$1" --currency EUR \
        --airfare "731.37 EUR" --lodging "412.58 EUR" --nights 4 --json |
        sed -n 's/^ *"id": *\([0-9]*\).*/\1/p' | head -n 1)
    r travel review "$id" --actor Olu
    r travel approve "$id" --actor Olu
    r travel accept "$id" --actor Olu
    r travel book "$id" --actor Olu --arrive "$2" --depart "$3" --flight "$4" \
        --hotel "Hotel Adlon #42" --nights 4
    echo "$id"
}
ada_trip=$(book 1 "2026-10-23 15:00" "2026-10-27 10:00" "LH 123")
r travel book "$ada_trip" --actor Olu --arrive "2026-10-23 21:30" --depart "2026-10-27 10:00" \
    --flight "LH 123" --hotel "Hotel Adlon #42" --nights 4
grace_trip=$(book 2 "2026-10-25 09:00" "2026-10-27 18:00" "BA 982")

# Shipments: to the summit (shipped, then sent back further down), to a gathering, and one to
# an address (in no calendar).
ship() { # ship [shipment add options]: prints the id
    "$roadie" --db "$db" shipment add "$@" --json | sed -n 's/^ *"id": *\([0-9]*\).*/\1/p' | head -n 1
}
returned=$(ship --summit tz-check --origin "Printer, Leipzig" --contact "Dock" \
    --phone "+49 30 1234567" --carrier DHL --tracking JD014600003344 --shipping-cost "731.37 EUR")
r shipment ship "$returned" --date 2026-10-10
ship --gathering "$boat" --origin "Berlin warehouse; Hall 2" --buffer-days 1 --transit-days 2 >/dev/null
ship --address "1 Main Street, Springfield" --origin "Berlin warehouse" >/dev/null

feeds=$dir/feeds.txt
: >"$feeds"
export_feed() { # export_feed DB FILE FEED [export options]
    local from=$1 file=$2 feed=$3
    shift 3
    "$roadie" --db "$from" export ical "$@" --out "$dir/$file" >/dev/null
    echo "$from $dir/$file $feed" >>"$feeds"
}
export_feed "$db" tz-public-before.ics summit:tz-check:public --summit tz-check --audience public
export_feed "$db" tz-organisers-before.ics summit:tz-check:organisers --summit tz-check --audience organisers
export_feed "$db" tz-grace-before.ics speaker:2 --speaker 2
sed -i '$d' "$feeds" # checked below, against the database as it was
sed -i '$d' "$feeds"
sed -i '$d' "$feeds"
r gathering cancel "$boat"
r travel withdraw "$grace_trip" --actor Olu
r shipment status "$returned" returned
for audience in public attendees speakers organisers; do
    export_feed "$db" "tz-$audience.ics" "summit:tz-check:$audience" --summit tz-check --audience "$audience"
done
export_feed "$db" tz-speaker.ics speaker:1 --speaker 1
export_feed "$db" tz-grace.ics speaker:2 --speaker 2
export_feed "$db" tz-one.ics "gathering:$kolkata" --gathering "$kolkata"
echo "REEXPORT $dir/tz-public-before.ics $dir/tz-public.ics Boat party" >>"$feeds"
echo "REEXPORT $dir/tz-grace-before.ics $dir/tz-grace.ics Boat party|Arrive: BA 982 at Berlin|Depart: BA 982 from Berlin" >>"$feeds"
sent_back="shipment $returned from Printer, Leipzig (returned)"
echo "REEXPORT $dir/tz-organisers-before.ics $dir/tz-organisers.ics Boat party|Ship by: $sent_back|Must arrive by: $sent_back" >>"$feeds"

demo=$dir/demo.db
"$roadie" --db "$demo" demo >/dev/null
for audience in public attendees speakers organisers; do
    export_feed "$demo" "demo-$audience.ics" "summit:northwind:$audience" --summit northwind --audience "$audience"
done
export_feed "$demo" demo-speaker.ics speaker:1 --speaker 1
# A speaker of the demo with a talk and a booked arrival and departure.
booked=$(/usr/bin/python3 - "$demo" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT r.speaker_id FROM travel_bookings b JOIN travel_requests r ON r.id = b.request_id"
    " WHERE r.speaker_id IN (SELECT speaker_id FROM speaker_talks) ORDER BY r.id LIMIT 1").fetchone()[0])
PY
)
echo "$booked" >"$dir/booked-speaker.txt"
export_feed "$demo" demo-booked-speaker.ics "speaker:$booked" --speaker "$booked"
export_feed "$demo" demo-meetups.ics meetups --meetups
