//! The budget as a printable A4 PDF a treasurer can hand to a board: the totals, a bar chart of
//! planned, committed and spent per category, the tables behind them, and the lines. The text is
//! real text in an embedded font (DejaVu Sans Condensed, subset), so it can be selected, searched
//! and read by `pdftotext`.
//!
//! The pages are laid out first as a list of drawing operations per page (so every footer can say
//! "page 2 of 5"), then drawn with krilla.

use std::collections::HashMap;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::{Report, grouped, missing_rate_note, money_text};
use crate::budget::BudgetCategory;
use crate::budget_summary::BudgetSource;
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
/// Where content stops, above the footer.
const BOTTOM: f32 = PAGE_H - 56.0;
/// The most budget lines the PDF lists; the CSV and XLSX exports list every one.
const MAX_LINES: usize = 2_000;

type Rgb = (u8, u8, u8);
const INK: Rgb = (0x1F, 0x29, 0x37);
const MUTED: Rgb = (0x6B, 0x72, 0x80);
const RULE: Rgb = (0xD1, 0xD5, 0xDB);
const STRIPE: Rgb = (0xF3, 0xF4, 0xF6);
const WARN: Rgb = (0x9A, 0x34, 0x12);
const WARN_BG: Rgb = (0xFF, 0xF7, 0xED);
/// Planned, committed, spent.
const SERIES: [(&str, Rgb); 3] = [
    ("Planned", (0x94, 0xA3, 0xB8)),
    ("Committed", (0x25, 0x63, 0xEB)),
    ("Spent", (0x16, 0xA3, 0x4A)),
];

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Face {
    Regular,
    Bold,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
}

/// Text widths from the fonts' advances.
struct Measure {
    faces: HashMap<Face, (skrifa::FontRef<'static>, f32)>,
}

impl Measure {
    fn new() -> Result<Measure> {
        let mut faces = HashMap::new();
        for (face, bytes) in [(Face::Regular, REGULAR), (Face::Bold, BOLD)] {
            let font = skrifa::FontRef::new(bytes).map_err(|e| font_error(&e.to_string()))?;
            let upem = f32::from(
                font.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            );
            faces.insert(face, (font, upem));
        }
        Ok(Measure { faces })
    }

    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let Some((font, upem)) = self.faces.get(&face) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .filter_map(|c| charmap.map(c).and_then(|g| metrics.advance_width(g)))
            .sum();
        units * size / upem
    }

    /// `text`, cut short with "…" to fit `width`.
    fn fit(&self, face: Face, size: f32, text: &str, width: f32) -> String {
        if self.width(face, size, text) <= width {
            return text.to_owned();
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() {
            cut.pop();
            let candidate = format!("{}…", cut.trim_end());
            if self.width(face, size, &candidate) <= width {
                return candidate;
            }
        }
        String::new()
    }
}

fn font_error(message: &str) -> Error {
    Error::Io {
        path: "the PDF's font".into(),
        source: std::io::Error::other(message.to_owned()),
    }
}

/// A table column: title, width in points, alignment.
struct Column<'a>(&'a str, f32, Align);

/// How a table row looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowStyle {
    Normal,
    Total,
    Warning,
}

/// Pages of drawing operations, laid out top to bottom.
struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
    measure: Measure,
}

impl Layout {
    fn new() -> Result<Layout> {
        Ok(Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            measure: Measure::new()?,
        })
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    /// Text with its baseline at `y`, aligned on `x` (left edge or right edge).
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        align: Align,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Right => x - self.measure.width(face, size, text),
        };
        self.ops().push(Op::Text {
            x,
            y,
            size,
            face,
            color,
            text: text.to_owned(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.ops().push(Op::Rect { x, y, w, h, color });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb) {
        self.ops().push(Op::Line {
            from,
            to,
            width,
            color,
        });
    }

    /// A paragraph of wrapped text.
    fn paragraph(&mut self, text: &str, size: f32, face: Face, color: Rgb) {
        let leading = size * 1.35;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.measure.width(face, size, &candidate) > WIDTH && !line.is_empty() {
                self.room_for(leading);
                self.y += leading;
                self.text(MARGIN, self.y, size, face, color, Align::Left, &line);
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.room_for(leading);
            self.y += leading;
            self.text(MARGIN, self.y, size, face, color, Align::Left, &line);
        }
    }

    fn heading(&mut self, text: &str) {
        self.room_for(60.0);
        self.y += 22.0;
        self.text(MARGIN, self.y, 12.0, Face::Bold, INK, Align::Left, text);
        self.y += 4.0;
    }

    fn header_row(&mut self, columns: &[Column<'_>], size: f32) {
        let h = size + 7.0;
        let mut x = MARGIN;
        for Column(title, width, align) in columns {
            let title = self.measure.fit(Face::Bold, size, title, width - 4.0);
            let at = if *align == Align::Right {
                x + width - 2.0
            } else {
                x + 2.0
            };
            self.text(
                at,
                self.y + h - 4.0,
                size,
                Face::Bold,
                MUTED,
                *align,
                &title,
            );
            x += width;
        }
        self.y += h;
        self.line((MARGIN, self.y), (MARGIN + WIDTH, self.y), 0.8, INK);
    }

    /// A table with a header that repeats on every page it runs over.
    fn table(&mut self, columns: &[Column<'_>], rows: &[(RowStyle, Vec<String>)], size: f32) {
        let h = size + 6.0;
        // Columns without titles make a table without a header row.
        let header = columns.iter().any(|c| !c.0.is_empty());
        self.room_for(3.0 * h);
        if header {
            self.header_row(columns, size);
        }
        for (i, (style, cells)) in rows.iter().enumerate() {
            if self.y + h > BOTTOM {
                self.new_page();
                if header {
                    self.header_row(columns, size);
                }
            }
            let (face, color) = match style {
                RowStyle::Normal => (Face::Regular, INK),
                RowStyle::Total => (Face::Bold, INK),
                RowStyle::Warning => (Face::Regular, WARN),
            };
            if *style == RowStyle::Total {
                self.line((MARGIN, self.y), (MARGIN + WIDTH, self.y), 0.6, INK);
            } else if i % 2 == 1 {
                self.rect(MARGIN, self.y, WIDTH, h, STRIPE);
            }
            let mut x = MARGIN;
            for (Column(_, width, align), cell) in columns.iter().zip(cells) {
                let text = self.measure.fit(face, size, cell, width - 4.0);
                let at = if *align == Align::Right {
                    x + width - 2.0
                } else {
                    x + 2.0
                };
                self.text(at, self.y + h - 4.0, size, face, color, *align, &text);
                x += width;
            }
            self.y += h;
        }
        self.line((MARGIN, self.y), (MARGIN + WIDTH, self.y), 0.4, RULE);
    }
}

/// An amount's digits without its code: "1,250.50".
fn amount(m: Money) -> String {
    grouped(&m.amount())
}

/// A step for about five gridlines up to `max`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// The bar chart: planned, committed and spent per category, in the base currency's units.
fn chart(l: &mut Layout, report: &Report) {
    let s = &report.summary;
    let height = 170.0;
    l.room_for(height + 60.0);
    let unit = 10f64.powi(i32::from(s.base.exponent()));
    let value = |m: Money| m.minor as f64 / unit;
    let max = s
        .categories
        .iter()
        .flat_map(|c| [c.figures.planned, c.figures.committed, c.figures.spent])
        .map(value)
        .fold(0.0, f64::max);
    let step = nice_step(max);
    let ticks = (max / step).ceil().max(1.0);
    let top = ticks * step;
    let (left, right) = (MARGIN + 58.0, MARGIN + WIDTH);
    let chart_bottom = l.y + 18.0 + height;

    // The legend, top right.
    let mut x = right;
    for (name, color) in SERIES.iter().rev() {
        let w = l.measure.width(Face::Regular, 8.0, name);
        x -= w;
        l.text(x, l.y + 8.0, 8.0, Face::Regular, INK, Align::Left, name);
        x -= 12.0;
        l.rect(x, l.y + 1.0, 8.0, 8.0, *color);
        x -= 14.0;
    }
    l.text(
        MARGIN,
        l.y + 8.0,
        8.0,
        Face::Regular,
        MUTED,
        Align::Left,
        &format!("in {}", s.base),
    );

    // Gridlines and their values.
    let mut i = 0.0;
    while i <= ticks {
        let y = chart_bottom - (i / ticks) as f32 * height;
        l.line(
            (left, y),
            (right, y),
            0.4,
            if i == 0.0 { INK } else { RULE },
        );
        let label = grouped(&format!("{:.0}", i * step));
        l.text(
            left - 6.0,
            y + 3.0,
            7.5,
            Face::Regular,
            MUTED,
            Align::Right,
            &label,
        );
        i += 1.0;
    }

    // A group of three bars per category.
    let groups = s.categories.len().max(1) as f32;
    let slot = (right - left) / groups;
    let bar = (slot * 0.7 / 3.0).min(26.0);
    for (g, c) in s.categories.iter().enumerate() {
        let center = left + slot * (g as f32 + 0.5);
        let start = center - 1.5 * bar;
        for (k, m) in [c.figures.planned, c.figures.committed, c.figures.spent]
            .into_iter()
            .enumerate()
        {
            let h = if top > 0.0 {
                (value(m) / top) as f32 * height
            } else {
                0.0
            };
            if h > 0.0 {
                l.rect(
                    start + k as f32 * bar,
                    chart_bottom - h,
                    bar - 1.5,
                    h,
                    SERIES[k].1,
                );
            }
        }
        let label = c.category.label();
        let w = l.measure.width(Face::Regular, 8.5, label);
        l.text(
            center - w / 2.0,
            chart_bottom + 13.0,
            8.5,
            Face::Regular,
            INK,
            Align::Left,
            label,
        );
    }
    l.y = chart_bottom + 22.0;
}

/// The four totals in boxes.
fn total_boxes(l: &mut Layout, report: &Report) {
    let t = &report.summary.totals;
    let gap = 10.0;
    let w = (WIDTH - 3.0 * gap) / 4.0;
    let h = 46.0;
    l.room_for(h + 10.0);
    for (i, (name, m)) in [
        ("Planned", t.planned),
        ("Committed", t.committed),
        ("Spent", t.spent),
        ("Remaining", t.remaining),
    ]
    .into_iter()
    .enumerate()
    {
        let x = MARGIN + i as f32 * (w + gap);
        l.rect(x, l.y, w, h, STRIPE);
        l.rect(x, l.y, 3.0, h, if i < 3 { SERIES[i].1 } else { INK });
        l.text(
            x + 10.0,
            l.y + 15.0,
            8.5,
            Face::Regular,
            MUTED,
            Align::Left,
            name,
        );
        let text = l.measure.fit(Face::Bold, 13.0, &money_text(m), w - 14.0);
        l.text(
            x + 10.0,
            l.y + 35.0,
            13.0,
            Face::Bold,
            if m.minor < 0 { WARN } else { INK },
            Align::Left,
            &text,
        );
    }
    l.y += h + 6.0;
}

/// The shipment costs or travel requests behind the figures.
fn entries_table(l: &mut Layout, report: &Report, title: &str, source: BudgetSource, date: &str) {
    l.heading(title);
    let rows: Vec<(RowStyle, Vec<String>)> = report
        .entries
        .iter()
        .filter(|e| e.source == source)
        .map(|e| {
            (
                RowStyle::Normal,
                vec![
                    e.id.to_string(),
                    e.description.clone(),
                    e.status.clone(),
                    e.day.map(|d| d.to_string()).unwrap_or_default(),
                    money_text(e.amounts.committed),
                    money_text(e.amounts.spent),
                ],
            )
        })
        .collect();
    if rows.is_empty() {
        l.paragraph("None.", 9.0, Face::Regular, MUTED);
        return;
    }
    l.table(
        &[
            Column("No.", 28.0, Align::Left),
            Column("Description", 213.0, Align::Left),
            Column("Status", 52.0, Align::Left),
            Column(date, 52.0, Align::Left),
            Column("Committed", 83.0, Align::Right),
            Column("Spent", 83.0, Align::Right),
        ],
        &rows,
        7.5,
    );
}

fn lay_out(report: &Report) -> Result<Layout> {
    let s = &report.summary;
    let d = &s.summit.data;
    let base = s.base;
    let mut l = Layout::new()?;

    l.y += 6.0;
    l.text(
        MARGIN,
        l.y,
        9.0,
        Face::Bold,
        MUTED,
        Align::Left,
        "BUDGET SUMMARY",
    );
    l.y += 24.0;
    let title = l.measure.fit(Face::Bold, 20.0, &d.name, WIDTH);
    l.text(MARGIN, l.y, 20.0, Face::Bold, INK, Align::Left, &title);
    let place = d
        .city
        .as_deref()
        .map(|c| format!("{c} · "))
        .unwrap_or_default();
    l.y += 16.0;
    l.text(
        MARGIN,
        l.y,
        9.5,
        Face::Regular,
        MUTED,
        Align::Left,
        &format!(
            "{place}{} – {} · amounts in {base} · generated {}",
            d.start_date,
            d.end_date,
            report.generated_text()
        ),
    );
    l.y += 14.0;
    total_boxes(&mut l, report);
    if let Some(budget) = d.budget {
        let left = budget
            .minor
            .checked_sub(s.totals.planned.minor)
            .map(|m| Money::new(m, base));
        let text = match left {
            Some(left) => format!(
                "The summit's budget: {} · not yet planned: {}",
                money_text(budget),
                money_text(left)
            ),
            None => format!("The summit's budget: {}", money_text(budget)),
        };
        l.paragraph(&text, 9.5, Face::Regular, INK);
    }
    if !s.complete {
        let mut left_out: Vec<String> = Vec::new();
        for sum in s.sums.iter().filter(|x| x.converted.is_none()) {
            left_out.push(format!(
                "{} planned, {} committed in {} ({})",
                money_text(sum.amounts.planned),
                money_text(sum.amounts.committed),
                sum.category.label().to_lowercase(),
                sum.source
            ));
        }
        let codes: Vec<&str> = s.missing_rates.iter().map(|c| c.code()).collect();
        let text = format!(
            "Not in these totals: {}. No exchange rate into {base} is recorded for {}.",
            left_out.join("; "),
            codes.join(", ")
        );
        l.y += 6.0;
        let top = l.y;
        l.paragraph(&text, 9.0, Face::Regular, WARN);
        l.y += 5.0;
        // The box behind the warning, drawn first so the text stays on top.
        let (h, page) = (l.y - top, l.pages.len() - 1);
        l.pages[page].insert(
            0,
            Op::Rect {
                x: MARGIN - 4.0,
                y: top,
                w: WIDTH + 8.0,
                h,
                color: WARN_BG,
            },
        );
    }

    l.heading("Planned, committed and spent by category");
    chart(&mut l, report);

    l.heading(&format!("By category, in {base}"));
    let mut rows: Vec<(RowStyle, Vec<String>)> = s
        .categories
        .iter()
        .map(|c| {
            let style = if c.complete {
                RowStyle::Normal
            } else {
                RowStyle::Warning
            };
            let label = if c.complete {
                c.category.label().to_owned()
            } else {
                format!("{} (incomplete)", c.category.label())
            };
            (
                style,
                vec![
                    label,
                    grouped(&c.records.to_string()),
                    amount(c.figures.planned),
                    amount(c.figures.committed),
                    amount(c.figures.spent),
                    amount(c.figures.remaining),
                ],
            )
        })
        .collect();
    let t = &s.totals;
    let records: i64 = s.categories.iter().map(|c| c.records).sum();
    rows.push((
        RowStyle::Total,
        vec![
            "Total".into(),
            grouped(&records.to_string()),
            amount(t.planned),
            amount(t.committed),
            amount(t.spent),
            amount(t.remaining),
        ],
    ));
    l.table(
        &[
            Column("Category", 111.0, Align::Left),
            Column("Records", 60.0, Align::Right),
            Column("Planned", 85.0, Align::Right),
            Column("Committed", 85.0, Align::Right),
            Column("Spent", 85.0, Align::Right),
            Column("Remaining", 85.0, Align::Right),
        ],
        &rows,
        9.0,
    );
    l.paragraph(
        "Committed includes what is paid. Shipment costs count in shipping once the parcel has left; customs once delivered. \
         Each category's sum in each currency is converted once, at the rate shown below.",
        7.5,
        Face::Regular,
        MUTED,
    );

    l.heading(&format!(
        "By category, source and currency, converted into {base}"
    ));
    let rows: Vec<(RowStyle, Vec<String>)> = s
        .sums
        .iter()
        .map(|sum| {
            let a = &sum.amounts;
            let mut cells = vec![
                sum.category.label().to_owned(),
                sum.source.to_string(),
                sum.currency.to_string(),
                amount(a.planned),
                amount(a.committed),
                amount(a.spent),
            ];
            match (&sum.converted, &sum.rate) {
                (Some(c), rate) => {
                    cells.push(
                        rate.as_ref()
                            .map_or("1".into(), |r| r.data.rate.to_string()),
                    );
                    cells.extend([amount(c.planned), amount(c.committed), amount(c.spent)]);
                    (RowStyle::Normal, cells)
                }
                (None, _) => {
                    cells.extend(["no rate".into(), "—".into(), "—".into(), "—".into()]);
                    (RowStyle::Warning, cells)
                }
            }
        })
        .collect();
    if rows.is_empty() {
        l.paragraph("No amounts yet.", 9.0, Face::Regular, MUTED);
    } else {
        let (p, c, sp) = (
            format!("Planned {base}"),
            format!("Committed {base}"),
            format!("Spent {base}"),
        );
        l.table(
            &[
                Column("Category", 46.0, Align::Left),
                Column("Source", 44.0, Align::Left),
                Column("Cur.", 26.0, Align::Left),
                Column("Planned", 56.0, Align::Right),
                Column("Committed", 56.0, Align::Right),
                Column("Spent", 53.0, Align::Right),
                Column("Rate", 40.0, Align::Right),
                Column(&p, 61.0, Align::Right),
                Column(&c, 69.0, Align::Right),
                Column(&sp, 60.0, Align::Right),
            ],
            &rows,
            7.5,
        );
    }

    l.heading("Exchange rates used");
    let mut rows: Vec<(RowStyle, Vec<String>)> = s
        .rates
        .iter()
        .map(|r| {
            let r = &r.data;
            (
                RowStyle::Normal,
                vec![
                    format!("1 {} = {} {}", r.from, r.rate, r.to),
                    r.recorded_on.to_string(),
                    if r.summit_id.is_some() {
                        "this summit".into()
                    } else {
                        "every summit".into()
                    },
                    r.note.clone().unwrap_or_default(),
                ],
            )
        })
        .collect();
    rows.extend(s.missing_rates.iter().map(|c: &Currency| {
        (
            RowStyle::Warning,
            vec![
                format!("{c} → {base}"),
                "—".into(),
                "—".into(),
                missing_rate_note(*c, base),
            ],
        )
    }));
    if rows.is_empty() {
        l.paragraph(
            &format!("Every amount is in {base}."),
            9.0,
            Face::Regular,
            MUTED,
        );
    } else {
        l.table(
            &[
                Column("Rate", 110.0, Align::Left),
                Column("Recorded on", 62.0, Align::Left),
                Column("Recorded for", 62.0, Align::Left),
                Column("Note", 277.0, Align::Left),
            ],
            &rows,
            8.5,
        );
    }

    l.heading(&format!("Cost per head of the socials, in {base}"));
    let rows: Vec<(RowStyle, Vec<String>)> = s
        .socials
        .iter()
        .map(|social| {
            let per = |m: Option<Money>| m.map_or("—".to_owned(), amount);
            let style = if social.missing_rates.is_empty() {
                RowStyle::Normal
            } else {
                RowStyle::Warning
            };
            (
                style,
                vec![
                    social.title.clone(),
                    social.start_local.replace('T', " "),
                    social
                        .expected_headcount
                        .map_or("—".into(), |h| grouped(&h.to_string())),
                    amount(social.figures.planned),
                    amount(social.figures.committed),
                    per(social.planned_per_head),
                    per(social.committed_per_head),
                ],
            )
        })
        .collect();
    if rows.is_empty() {
        l.paragraph("No socials.", 9.0, Face::Regular, MUTED);
    } else {
        l.table(
            &[
                Column("Social", 120.0, Align::Left),
                Column("Starts", 70.0, Align::Left),
                Column("Heads", 34.0, Align::Right),
                Column("Planned", 60.0, Align::Right),
                Column("Committed", 62.0, Align::Right),
                Column("Planned per head", 75.0, Align::Right),
                Column("Committed per head", 90.0, Align::Right),
            ],
            &rows,
            7.5,
        );
    }

    l.heading(&format!("Spent by month, in {base}"));
    let mut months: Vec<Option<&str>> = s.spending.iter().map(|m| m.month.as_deref()).collect();
    months.dedup();
    let rows: Vec<(RowStyle, Vec<String>)> = months
        .into_iter()
        .map(|month| {
            let mut total = Money::zero(base);
            let mut cells = vec![month.unwrap_or("no date").to_owned()];
            for &category in BudgetCategory::ALL {
                let spent = s
                    .spending
                    .iter()
                    .find(|m| m.month.as_deref() == month && m.category == category)
                    .map_or(Money::zero(base), |m| m.spent);
                total = total.checked_add(spent).unwrap_or(total);
                cells.push(if spent.minor == 0 {
                    String::new()
                } else {
                    amount(spent)
                });
            }
            cells.push(amount(total));
            (RowStyle::Normal, cells)
        })
        .collect();
    if rows.is_empty() {
        l.paragraph("Nothing spent yet.", 9.0, Face::Regular, MUTED);
    } else {
        let mut columns = vec![Column("Month", 61.0, Align::Left)];
        columns.extend(
            BudgetCategory::ALL
                .iter()
                .map(|c| Column(c.label(), 75.0, Align::Right)),
        );
        columns.push(Column("Total", 75.0, Align::Right));
        l.table(&columns, &rows, 8.0);
    }

    l.heading(&format!("The travel pool, in {base}"));
    let t = &s.travel;
    match t.pool {
        Some(pool) => {
            let mut rows = vec![
                (RowStyle::Normal, vec!["Pool".into(), money_text(pool)]),
                (
                    RowStyle::Normal,
                    vec![
                        "Committed by approvals (paid included)".into(),
                        money_text(t.committed),
                    ],
                ),
                (
                    RowStyle::Normal,
                    vec!["Spent (reimbursed)".into(), money_text(t.spent)],
                ),
            ];
            if let Some(left) = t.remaining {
                let style = if left.minor < 0 {
                    RowStyle::Warning
                } else {
                    RowStyle::Total
                };
                rows.push((style, vec!["Left in the pool".into(), money_text(left)]));
            }
            l.table(
                &[
                    Column("", 300.0, Align::Left),
                    Column("", 211.0, Align::Right),
                ],
                &rows,
                9.0,
            );
            l.paragraph(
                &format!(
                    "{} requests hold money from the pool; the travel lines plan {}.",
                    grouped(&t.funded_requests.to_string()),
                    money_text(t.planned_in_lines)
                ),
                8.5,
                Face::Regular,
                MUTED,
            );
        }
        None => l.paragraph(
            &format!(
                "No travel policy, so no pool. Approved travel commits {}, of which {} is paid.",
                money_text(t.committed),
                money_text(t.spent)
            ),
            9.0,
            Face::Regular,
            MUTED,
        ),
    }

    for (title, source, first) in [
        ("Shipment costs", BudgetSource::Shipments, "Ship date"),
        ("Travel funding", BudgetSource::Travel, "Last paid"),
    ] {
        entries_table(&mut l, report, title, source, first);
    }

    l.heading("Budget lines");
    let total = report.lines.len();
    if total > MAX_LINES {
        l.paragraph(
            &format!(
                "The first {} of {} lines, by category. The CSV and XLSX exports list every line.",
                grouped(&MAX_LINES.to_string()),
                grouped(&total.to_string())
            ),
            8.5,
            Face::Regular,
            MUTED,
        );
    }
    let rows: Vec<(RowStyle, Vec<String>)> = report
        .lines
        .iter()
        .take(MAX_LINES)
        .map(|line| {
            (
                RowStyle::Normal,
                vec![
                    line.category.label().to_owned(),
                    line.description.clone(),
                    line.gathering.clone().unwrap_or_default(),
                    line.paid_on.map(|d| d.to_string()).unwrap_or_default(),
                    money_text(line.amounts.planned),
                    money_text(line.amounts.committed),
                    money_text(line.amounts.spent),
                ],
            )
        })
        .collect();
    if rows.is_empty() {
        l.paragraph("No budget lines yet.", 9.0, Face::Regular, MUTED);
    } else {
        l.table(
            &[
                Column("Category", 46.0, Align::Left),
                Column("Description", 142.0, Align::Left),
                Column("For", 80.0, Align::Left),
                Column("Paid on", 45.0, Align::Left),
                Column("Planned", 66.0, Align::Right),
                Column("Committed", 66.0, Align::Right),
                Column("Spent", 66.0, Align::Right),
            ],
            &rows,
            7.5,
        );
    }

    // Footers, now that the pages are counted.
    let pages = l.pages.len();
    let footer_name = l.measure.fit(Face::Regular, 7.5, &d.name, WIDTH - 120.0);
    for page in 0..pages {
        let y = PAGE_H - 30.0;
        let footer = [
            Op::Line {
                from: (MARGIN, y - 10.0),
                to: (MARGIN + WIDTH, y - 10.0),
                width: 0.4,
                color: RULE,
            },
            Op::Text {
                x: MARGIN,
                y,
                size: 7.5,
                face: Face::Regular,
                color: MUTED,
                text: format!("{footer_name} · budget summary · Roadie"),
            },
        ];
        l.pages[page].extend(footer);
        let number = format!("page {} of {pages}", page + 1);
        let w = l.measure.width(Face::Regular, 7.5, &number);
        l.pages[page].push(Op::Text {
            x: MARGIN + WIDTH - w,
            y,
            size: 7.5,
            face: Face::Regular,
            color: MUTED,
            text: number,
        });
    }
    Ok(l)
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The PDF's bytes.
pub(super) fn write(report: &Report) -> Result<Vec<u8>> {
    let layout = lay_out(report)?;
    let fonts: HashMap<Face, Font> = [(Face::Regular, REGULAR), (Face::Bold, BOLD)]
        .into_iter()
        .map(|(face, bytes)| {
            Font::new(bytes.into(), 0)
                .map(|font| (face, font))
                .ok_or_else(|| font_error("cannot read the embedded font"))
        })
        .collect::<Result<_>>()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!(
                "Budget summary: {}",
                report.summary.summit.data.name
            ))
            .creator("Roadie".into())
            .language("en".into()),
    );
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| font_error("bad page size"))?;
    for ops in layout.pages {
        let mut page = document.start_page_with(size.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    face,
                    color,
                    text,
                } => {
                    let Some(font) = fonts.get(&face) else {
                        continue;
                    };
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(color)));
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let mut path = PathBuilder::new();
                    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
                        continue;
                    };
                    path.push_rect(rect);
                    let Some(path) = path.finish() else { continue };
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(color)));
                    surface.draw_path(&path);
                }
                Op::Line {
                    from,
                    to,
                    width,
                    color,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    let Some(path) = path.finish() else { continue };
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.0, color.1, color.2).into(),
                        width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| font_error(&format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gridline_steps_are_round_numbers() {
        assert_eq!(nice_step(7_832.53), 2_000.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(12.0), 2.5);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn long_text_is_cut_to_fit() {
        let m = Measure::new().unwrap();
        let long = "A very long description of a budget line that will not fit";
        let cut = m.fit(Face::Regular, 8.0, long, 80.0);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(m.width(Face::Regular, 8.0, &cut) <= 80.0);
        assert_eq!(m.fit(Face::Regular, 8.0, "Swag", 80.0), "Swag");
    }
}
