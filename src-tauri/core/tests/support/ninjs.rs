//! The IPTC ninjs 3.1 validator, offline: the schema and the GeoJSON schema it `$ref`s come
//! from the standards folder; anything not in the registry is refused, never fetched. Shared
//! by `tests/export.rs` and `examples/validate_ninjs.rs` (included with `#[path]`).

use std::path::Path;

use serde_json::Value;

fn read(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Builds the validator from `standards` (the folder holding `ninjs-schema_3.1.json` and
/// `GeoJSON-schema.json`) and hands it to `f`. `formats`: also assert `format` keywords.
pub fn with_validator<T>(
    standards: &Path,
    formats: bool,
    f: impl FnOnce(&jsonschema::Validator) -> T,
) -> T {
    let registry = jsonschema::Registry::new()
        .add(
            "https://geojson.org/schema/GeoJSON.json",
            read(&standards.join("GeoJSON-schema.json")),
        )
        .expect("GeoJSON schema")
        .prepare()
        .expect("registry");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .with_registry(&registry)
        .should_validate_formats(formats)
        .build(&read(&standards.join("ninjs-schema_3.1.json")))
        .expect("ninjs schema compiles");
    f(&validator)
}

/// Every error as (instance path, message).
pub fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<(String, String)> {
    v.iter_errors(doc)
        .map(|e| (e.instance_path().to_string(), e.to_string()))
        .collect()
}
