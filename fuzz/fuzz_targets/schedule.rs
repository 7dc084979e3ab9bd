#![no_main]
// roadie_core::import::fuzzing::schedule on arbitrary bytes: it may refuse them, never panic.
libfuzzer_sys::fuzz_target!(|data: &[u8]| roadie_core::import::fuzzing::schedule(data));
