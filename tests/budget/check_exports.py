"""Checks one summit's budget exports against `roadie budget summary --json`.

Usage: check_exports.py SUMMARY.json STEM WORKDIR
(STEM.csv, STEM.xlsx and STEM.pdf are the exports; STEM-page-N.png are written beside them.)

- XLSX: the results stored behind the formulas are removed, LibreOffice (headless, with a profile
  of its own that recalculates on load) converts every sheet to CSV, and the totals it computed
  from the formulas must be Roadie's.
- PDF: pdftotext finds the totals as text, pdffonts finds every font embedded, pdftoppm renders
  every page.
- CSV: Python's csv module reads it; the totals row is Roadie's; no cell starts a formula.
Only the standard library: runs with Debian's /usr/bin/python3.
"""

import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal

failures = 0


def check(name, ok, detail=""):
    global failures
    print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures += 1


EXPONENTS = {"JPY": 0, "KRW": 0, "BHD": 3, "KWD": 3, "JOD": 3, "OMR": 3, "TND": 3, "IQD": 3, "LYD": 3}


def decimal(money):
    """{"minor": 783253, "currency": "EUR"} as Decimal("7832.53")."""
    return Decimal(money["minor"]).scaleb(-EXPONENTS.get(money["currency"], 2))


def grouped(money):
    """As the PDF prints it: "7,832.53 EUR"."""
    exp = EXPONENTS.get(money["currency"], 2)
    return f"{decimal(money):,.{exp}f} {money['currency']}"


def number(text):
    """A cell LibreOffice wrote, as a Decimal rounded to 9 places (it computes in binary floats)."""
    try:
        return round(Decimal(text), 9)
    except Exception:
        return None


LABELS = {"socials": "Socials", "swag": "Swag", "shipping": "Shipping", "travel": "Travel", "other": "Other"}


def strip_results(source, target):
    """Copies the workbook without the values stored behind its formulas: every <v> that follows
    an <f> goes, so a spreadsheet can only show a total by computing it."""
    stripped = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text, n = re.subn(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1", text)
                stripped += n
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return stripped


def libreoffice_csvs(xlsx, work):
    """Every sheet of `xlsx` as computed by LibreOffice: {sheet name: rows}."""
    profile = os.path.join(work, "lo-profile")
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    # Always recalculate OOXML files on load, whatever wrote them.
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            "</oor:items>\n"
        )
    outdir = os.path.join(work, "lo-csv")
    os.makedirs(outdir, exist_ok=True)
    # Comma, double quote, UTF-8; values as stored rather than as formatted; every sheet to a file.
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", outdir, xlsx],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"libreoffice failed: {result.stderr.strip()}")
    stem = os.path.splitext(os.path.basename(xlsx))[0]
    sheets = {}
    for path in glob.glob(os.path.join(outdir, f"{stem}-*.csv")):
        name = os.path.basename(path)[len(stem) + 1:-4]
        with open(path, newline="", encoding="utf-8") as f:
            sheets[name] = list(csv.reader(f))
    return sheets


def row_where(rows, first_cell):
    return next((r for r in rows if r and r[0] == first_cell), None)


def check_xlsx(summary, xlsx, work):
    stripped = os.path.join(work, "stripped.xlsx")
    removed = strip_results(xlsx, stripped)
    check("xlsx: the workbook has formulas with stored results to remove", removed > 0, f"{removed}")
    sheets = libreoffice_csvs(stripped, work)
    names = ["Summary", "Socials lines", "Swag lines", "Shipping lines", "Travel lines", "Other lines", "Shipments", "Travel"]
    check("xlsx: LibreOffice read every sheet", sorted(sheets) == sorted(names), f"{sorted(sheets)}")
    rows = sheets.get("Summary", [])
    base = summary["base"]

    def figures(row):
        return [number(c) for c in row[2:6]] if row else None

    def expected(f):
        return [decimal(f["planned"]), decimal(f["committed"]), decimal(f["spent"]), decimal(f["remaining"])]

    total = row_where(rows, "Total")
    check("xlsx: LibreOffice's total planned, committed, spent and remaining are Roadie's",
          figures(total) == expected(summary["totals"]), f"{figures(total)} != {expected(summary['totals'])}")
    records = sum(c["records"] for c in summary["categories"])
    check("xlsx: LibreOffice's count of records is Roadie's", total and number(total[1]) == records, f"{total}")
    for c in summary["categories"]:
        label = LABELS[c["category"]]
        row = next((r for r in rows if r and r[0] == label and len(r) > 5 and number(r[2]) is not None), None)
        check(f"xlsx: {label} in {base} as Roadie sums it", figures(row) == expected(c["figures"]),
              f"{figures(row)} != {expected(c['figures'])}")
    budget = summary["summit"]["budget"]
    if budget:
        row = row_where(rows, "Not yet planned")
        left = decimal(budget) - decimal(summary["totals"]["planned"])
        check("xlsx: budget not yet planned", row and number(row[2]) == left, f"{row}")
    pool = summary["travel"]
    if pool["pool"] and pool["remaining"]:
        row = row_where(rows, "Left in the pool")
        check("xlsx: what is left in the travel pool", row and number(row[2]) == decimal(pool["remaining"]), f"{row}")
    # Each converted sum: LibreOffice's ROUND(amount × rate) is Roadie's conversion.
    converted = [s for s in summary["sums"] if s["converted"]]
    header = next((i for i, r in enumerate(rows) if r[:3] == ["Category", "Source", "Currency"]), None)
    sums = rows[header + 1: header + 1 + len(summary["sums"])] if header is not None else []
    ok = len(sums) == len(summary["sums"])
    for s, row in zip(summary["sums"], sums):
        if s["converted"]:
            ok &= [number(c) for c in row[10:14]] == expected(s["converted"])
        else:
            ok &= row[10:14] == ["", "", "", ""] and "no exchange rate" in row[14]
    check(f"xlsx: the {len(converted)} converted sums and {len(summary['sums']) - len(converted)} left out",
          ok, f"{sums}")
    # Cost per head: ROUND(cost / headcount).
    ok = True
    for social in summary["socials"]:
        row = next((r for r in rows if r and r[0] == social["title"]), None)
        for col, key in ((7, "planned_per_head"), (8, "committed_per_head")):
            want = decimal(social[key]) if social[key] else None
            got = number(row[col]) if row and row[col] else None
            ok &= got == want
    check(f"xlsx: cost per head of {len(summary['socials'])} socials", ok)
    # The lines sheets: LibreOffice's SUMIFS per currency are the line sums Roadie reports.
    ok, compared = True, 0
    for s in summary["sums"]:
        if s["source"] != "lines":
            continue
        sheet = sheets.get(f"{LABELS[s['category']]} lines", [])
        row = next((r[10:15] for r in sheet if len(r) > 14 and r[10] == s["currency"]), None)
        got = [number(c) for c in row[1:]] if row else None
        ok &= got == expected(s["amounts"])
        compared += 1
    check(f"xlsx: the line sheets' {compared} totals per currency", ok and compared > 0)


def check_pdf(summary, pdf, stem):
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    name = summary["summit"]["name"]
    check("pdf: the summit's name is text", name in text, name)
    for key in ("planned", "committed", "spent", "remaining"):
        value = grouped(summary["totals"][key])
        check(f"pdf: total {key} {value} is text", value in text)
    for c in summary["categories"]:
        f = c["figures"]
        amounts = f"{decimal(f['planned']):,.{EXPONENTS.get(f['planned']['currency'], 2)}f}"
        check(f"pdf: {LABELS[c['category']]} planned {amounts}", amounts in text)
    if summary["travel"]["pool"]:
        check("pdf: the travel pool's use", all(grouped(summary["travel"][k]) in text for k in ("pool", "committed", "spent")))
    if not summary["complete"]:
        codes = ", ".join(summary["missing_rates"])
        check("pdf: says what is not in the totals", "Not in these totals" in text and codes in text)
    for r in summary["rates"]:
        check(f"pdf: the rate 1 {r['from']} = {r['rate']} {r['to']}", f"1 {r['from']} = {r['rate']} {r['to']}" in text)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    check("pdf: every font is embedded and subset",
          fonts and all(" yes " in f and "+" in f.split()[0] for f in fonts), "\n".join(fonts))
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                                                            check=True).stdout).group(1))
    for old in glob.glob(f"{stem}-page-*.png"):
        os.remove(old)
    subprocess.run(["pdftoppm", "-r", "72", "-png", pdf, f"{stem}-page"], check=True)
    pngs = glob.glob(f"{stem}-page-*.png")
    check(f"pdf: pdftoppm rendered all {pages} pages", len(pngs) == pages and all(os.path.getsize(p) > 5000 for p in pngs),
          f"{len(pngs)} PNGs")


def check_csv(summary, path):
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    check("csv: every row ends with CRLF", raw.endswith("\r\n") and re.search(r"(?<!\r)\n", raw) is None)
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    total = next((r for r in rows if r["record"] == "total"), None)
    want = [str(decimal(summary["totals"][k])) for k in ("planned", "committed", "spent", "remaining")]
    got = [total[f"{k}_base"] for k in ("planned", "committed", "spent", "remaining")] if total else None
    check("csv: the totals row is Roadie's", got == want, f"{got} != {want}")
    starts = [r[k] for r in rows for k in r if r[k] and r[k][0] in "=+-@\t\r"
              and not re.fullmatch(r"-\d+(\.\d+)?", r[k])]
    check("csv: no cell starts a formula", not starts, f"{starts[:3]}")


def main():
    summary_path, stem, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    with open(summary_path) as f:
        summary = json.load(f)
    print(f"budget exports of {summary['summit']['slug']}:")
    check_csv(summary, f"{stem}.csv")
    try:
        check_xlsx(summary, f"{stem}.xlsx", work)
    except Exception as e:  # LibreOffice missing or failing: one clear failure
        check("xlsx: LibreOffice converts the workbook", False, str(e))
    check_pdf(summary, f"{stem}.pdf", stem)
    shutil.rmtree(os.path.join(work, "lo-profile"), ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
