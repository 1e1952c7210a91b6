#![no_main]
//! `imaging::meta::read` must never panic, loop or over-allocate, whatever the bytes.

use libfuzzer_sys::fuzz_target;
use newsroom_core::imaging::meta;

fuzz_target!(|data: &[u8]| {
    let m = meta::read(data);
    assert!((1..=8).contains(&m.orientation));
});
