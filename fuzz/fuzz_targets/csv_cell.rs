#![no_main]
// Arbitrary text through roadie_core::csv_cell, read back by the `csv` crate: every cell comes
// back whole, rows keep their number of fields, and no cell starts a spreadsheet formula.
libfuzzer_sys::fuzz_target!(|data: &[u8]| roadie_core::csv_cell::fuzzing::cells(data));
