#!/usr/bin/env bash
# Seeds the calendars tests/ical-validate.sh checks, through the real `roadie` binary, and exports
# them. Usage: fixture.sh ROADIE DIR. Writes DIR/tz.db (time zones, text, cancellations: fixed
# dates, so clients can be checked against known local times) and DIR/demo.db (`roadie demo`),
# their .ics files, and DIR/feeds.txt: one "DB FILE FEED" line per calendar, FEED being
# summit:SLUG:AUDIENCE, speaker:ID, gathering:ID or meetups, and "REEXPORT BEFORE AFTER CHANGED_TITLE" lines.
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

r summit create --name "Time zone check" --slug tz-check --tz Europe/Berlin \
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
"$roadie" --db "$db" speaker add --name "Ada Lovelace" --talk "$before" --talk "$kolkata" >/dev/null

feeds=$dir/feeds.txt
: >"$feeds"
export_feed() { # export_feed DB FILE FEED [export options]
    local from=$1 file=$2 feed=$3
    shift 3
    "$roadie" --db "$from" export ical "$@" --out "$dir/$file" >/dev/null
    echo "$from $dir/$file $feed" >>"$feeds"
}
export_feed "$db" tz-public-before.ics summit:tz-check:public --summit tz-check --audience public
sed -i '$d' "$feeds" # checked below, against the database as it was
r gathering cancel "$boat"
for audience in public attendees speakers organisers; do
    export_feed "$db" "tz-$audience.ics" "summit:tz-check:$audience" --summit tz-check --audience "$audience"
done
export_feed "$db" tz-speaker.ics speaker:1 --speaker 1
export_feed "$db" tz-one.ics "gathering:$kolkata" --gathering "$kolkata"
echo "REEXPORT $dir/tz-public-before.ics $dir/tz-public.ics Boat party" >>"$feeds"

demo=$dir/demo.db
"$roadie" --db "$demo" demo >/dev/null
for audience in public attendees speakers organisers; do
    export_feed "$demo" "demo-$audience.ics" "summit:northwind:$audience" --summit northwind --audience "$audience"
done
export_feed "$demo" demo-speaker.ics speaker:1 --speaker 1
export_feed "$demo" demo-meetups.ics meetups --meetups
