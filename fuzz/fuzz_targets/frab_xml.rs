#![no_main]
// roadie_core::import::fuzzing::frab_xml on arbitrary bytes: it may refuse them, never panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| roadie_core::import::fuzzing::frab_xml(data));
