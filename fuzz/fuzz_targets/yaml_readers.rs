//! The fast YAML reader must decline a text or read it exactly as the full reader does
//! (values, quoting, tags, line, column and length of every node): libFuzzer's inputs, as UTF-8
//! text (content files are refused otherwise before any YAML is read), through
//! `jixiao::load::compare_readers`, the comparison `tests/yaml_readers.rs` runs on every
//! `cargo test`. A difference is a crash, saved by libFuzzer under `fuzz/artifacts/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(difference) = jixiao::load::compare_readers(text) {
        panic!("the YAML readers differ: {difference}\ninput: {text:?}");
    }
});
