//! Validates JSON files against the IPTC ninjs 3.1 schema, offline (the GeoJSON `$ref` comes
//! from the standards folder): `validate_ninjs [--standards DIR] FILE...`. Exit 1 if any file is
//! invalid. The end-to-end tests use it on what the app exported; `tests/export.rs` holds the
//! same validator (`tests/support/ninjs.rs`) to IPTC's suite.

use std::path::PathBuf;

#[path = "../tests/support/ninjs.rs"]
mod ninjs;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ninjs"
    ));
    if args.first().map(String::as_str) == Some("--standards") && args.len() > 1 {
        dir = PathBuf::from(args.remove(1));
        args.remove(0);
    }
    if args.is_empty() {
        eprintln!("usage: validate_ninjs [--standards DIR] FILE...");
        std::process::exit(2);
    }
    let bad = ninjs::with_validator(&dir, false, |validator| {
        let mut bad = 0;
        for f in &args {
            let text = std::fs::read(f).unwrap_or_else(|e| panic!("{f}: {e}"));
            let doc: serde_json::Value =
                serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
            let errors = ninjs::errors(validator, &doc);
            if errors.is_empty() {
                println!("OK   {f}");
            } else {
                bad += 1;
                println!("FAIL {f}");
                for (path, msg) in errors.iter().take(10) {
                    println!("     {path}: {msg}");
                }
            }
        }
        bad
    });
    std::process::exit(i32::from(bad > 0));
}
