#!/usr/bin/env bash
# Checks Roadie's budget exports with independent tools. LibreOffice opens the XLSX with the
# results Roadie stored behind its formulas removed, so it has to compute every total itself,
# and converts every sheet to CSV (`libreoffice --headless --convert-to csv`); the totals it
# computed must be the ones `roadie budget summary --json` reports. poppler reads the PDF's text
# (`pdftotext`: the totals must be there as text), lists its fonts (`pdffonts`: embedded) and
# renders its pages (`pdftoppm`) to PNGs in test-output/budget/ to look at. The CSV is read back
# with Python's csv module. Two summits: a small one like the one tests/core/budget_summary.rs
# works out by hand (EUR, USD, JPY with no minor unit, CHF with no rate, travel funding against a
# pool), and the demo.
# Prints a PASS or FAIL line per check. BUDGET_SKIP_BUILD=1 uses the roadie binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/roadie-target}"
export SQLX_OFFLINE="${SQLX_OFFLINE:-true}"
for tool in soffice pdftotext pdftoppm pdffonts; do
    command -v "$tool" >/dev/null || { echo "budget-export: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

[ -n "${BUDGET_SKIP_BUILD:-}" ] || cargo build --quiet -p roadie-cli
roadie="$CARGO_TARGET_DIR/debug/roadie"
out=test-output/budget
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db="$work/budget.db"
r() { "$roadie" --db "$db" "$@" >/dev/null; }
r summit create --name "Budget check, \"two currencies\"" --slug check --tz Europe/Berlin \
    --start 2026-06-10 --end 2026-06-12 --currency EUR --budget "10000 EUR" --city Berlin
party=$("$roadie" --db "$db" gathering add --summit check --kind social --title "Boat party" \
    --start "2026-06-10 19:00" --end "2026-06-10 22:00" --headcount 90 --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
r budget add --summit check --category socials --description "Boat hire" --planned 1000 --committed 800 --spent 300 --paid-on 2026-03-15 --for "$party"
r budget add --summit check --category socials --description "DJ" --currency USD --planned 500 --spent 120.50 --paid-on 2026-04-02 --for "$party"
r budget add --summit check --category swag --description "T-shirts" --currency JPY --planned 150000 --committed 150000 --spent 100000 --paid-on 2026-03-20
r budget add --summit check --category swag --description "Stickers" --currency JPY --planned 1234
r budget add --summit check --category travel --description "Speaker travel pool" --planned 5000
r budget add --summit check --category other --description "=HYPERLINK(\"http://evil.example\",\"Wine\")" --currency CHF --planned 300 --committed 300 --spent 300
r budget add --summit check --category shipping --description "Freight" --planned 400
r budget add --summit check --category other --description="-2+3 Insurance" --planned 50 --spent 50
r rate record --summit check --from USD --to EUR --rate 0.92 --on 2026-02-01
r rate record --from JPY --to EUR --rate 0.0061 --on 2026-02-01
# Travel funding: a 1,000 EUR pool; one request approved for 500 USD (460.00 EUR at the rate
# recorded with the approval), one booked for 300 EUR and paid 100 EUR. Written with sqlite3
# because the travel commands are not merged yet; the rows are what they store.
r speaker add --name "Ada Lovelace"
r speaker add --name "Grace Hopper"
sqlite3 "$db" <<'SQL'
INSERT INTO organisers (id, name) VALUES (1, 'Treasurer');
INSERT INTO travel_policies (summit_id, currency, pool_minor, airfare_cap_minor, lodging_per_night_minor,
    ground_cap_minor, visa_cap_minor, other_cap_minor) VALUES (1, 'EUR', 100000, 80000, 15000, 5000, 10000, 5000);
INSERT INTO travel_requests (id, summit_id, speaker_id, currency, status, submitted_at)
    VALUES (1, 1, 1, 'USD', 'approved', 0), (2, 1, 2, 'EUR', 'booked', 0);
INSERT INTO travel_approvals (request_id, currency, base_currency, rate, total_minor, total_base_minor, accept_by,
    approved_by, approved_at) VALUES (1, 'USD', 'EUR', '0.92', 50000, 46000, '2026-03-01', 1, 0),
    (2, 'EUR', 'EUR', '1', 30000, 30000, '2026-03-01', 1, 0);
INSERT INTO travel_payments (request_id, paid_on, amount_minor, currency, rate, base_minor, recorded_at)
    VALUES (2, '2026-05-10', 10000, 'EUR', '1', 10000, 0);
SQL
r demo

status=0
for slug in check northwind; do
    "$roadie" --db "$db" budget summary --summit "$slug" --json >"$work/$slug.json"
    for format in csv xlsx pdf; do
        "$roadie" --db "$db" export budget --summit "$slug" --format "$format" --out "$out/$slug.$format" >/dev/null
    done
    /usr/bin/python3 tests/budget/check_exports.py "$work/$slug.json" "$out/$slug" "$work/$slug" || status=1
done
if [ "$status" -ne 0 ]; then
    echo "budget-export: FAILED (see the FAIL lines above)" >&2
    exit 1
fi
echo "budget-export: LibreOffice computed Roadie's totals and poppler read and rendered the PDFs (pages in $out/)"
