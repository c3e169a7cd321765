//! Reading the journal's and the plan's tagged enums from JSON without serde's derived
//! internally tagged `Deserialize`, which buffers every value and then re-reads it once per
//! variant: for `DeleteCall`, `Event` and `ExclusionReason` that code was the largest part of
//! the live tools' serde impls (40 KB and 33 KB for the first two alone, before wasm-opt).
//!
//! Each enum reads a flat struct instead (the tag and every variant's fields, each optional),
//! then picks its variant. The stored format is unchanged: the derived `Serialize` still writes
//! it, and a saved journal reads back exactly as before (tests/wire_format.rs).

/// The field a variant needs, or serde's own words for its absence.
pub(crate) fn need<T>(field: Option<T>, name: &'static str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}`"))
}

/// serde's words for a tag naming no variant.
pub(crate) fn unknown(tag: &str, what: &str, expected: &[&str]) -> String {
    format!(
        "unknown variant `{tag}` of {what}, expected one of {}",
        expected
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
