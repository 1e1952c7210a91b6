//! Validates JSON files against the IPTC ninjs 3.1 schema, offline (the GeoJSON `$ref` comes
//! from the standards folder): `validate_ninjs [--standards DIR] FILE...`. Exit 1 if any file is
//! invalid. The end-to-end tests use it on what the app exported; `tests/export.rs` holds the
//! same validator to the IPTC suite.

use std::path::PathBuf;

use serde_json::Value;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/standards/ninjs"));
    if args.first().map(String::as_str) == Some("--standards") && args.len() > 1 {
        dir = PathBuf::from(args.remove(1));
        args.remove(0);
    }
    let read = |p: PathBuf| -> Value {
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let registry = jsonschema::Registry::new()
        .add("https://geojson.org/schema/GeoJSON.json", read(dir.join("GeoJSON-schema.json")))
        .expect("GeoJSON schema")
        .prepare()
        .expect("registry");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .with_registry(&registry)
        .build(&read(dir.join("ninjs-schema_3.1.json")))
        .expect("ninjs schema compiles");
    let mut bad = 0;
    for f in &args {
        let doc = read(PathBuf::from(f));
        let errors: Vec<String> =
            validator.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
        if errors.is_empty() {
            println!("OK   {f}");
        } else {
            bad += 1;
            println!("FAIL {f}");
            for e in errors.iter().take(10) {
                println!("     {e}");
            }
        }
    }
    if args.is_empty() {
        eprintln!("usage: validate_ninjs [--standards DIR] FILE...");
        std::process::exit(2);
    }
    std::process::exit(i32::from(bad > 0));
}
