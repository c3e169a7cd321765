//! The bench's size table: where the bytes of a wasm file are, by crate, before wasm-opt (which
//! merges and renames functions). twiggy lists every item with its own size; each item is put
//! under the crate whose code it is, so a later change shows where its bytes went.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The crate an item of twiggy's `top` belongs to, from its demangled name:
/// - a function `clc_sim::routing::route` is `clc_sim`'s;
/// - a trait method `<closure::Step as serde::Deserialize>::deserialize` belongs to the type's
///   crate, and a serde impl is counted apart as `closure (serde impls)`: that is the
///   monomorphisation a wire format can cut;
/// - a generic `core::ptr::drop_in_place<closure::Plan>` is `core`'s (a monomorph of core);
/// - what has no crate path (`data[3]`, `code[12]`, `elem[0]`) is named by its kind;
/// - custom sections (function names, wasm-bindgen's own) and the type descriptions wasm-bindgen
///   reads and removes (`<js_sys::Date as wasm_bindgen::describe::WasmDescribe>::describe`) are
///   counted apart, as not shipped.
pub fn crate_of(name: &str) -> String {
    let name = name.trim();
    // The function names and wasm-bindgen's description of the exports and of each type they
    // pass: wasm-bindgen and wasm-opt remove them, so nothing of them is downloaded.
    if name.starts_with("custom section")
        || name.ends_with("subsection")
        || name.contains("__wbindgen_describe")
        || name.contains("__wbindgen_placeholder")
        || name.contains(" as wasm_bindgen::describe::WasmDescribe")
    {
        return NOT_SHIPPED.into();
    }
    if let Some(rest) = name.strip_prefix('<') {
        // `<Type as Trait>::method` or `<Type>::method`: the type's crate, else (a primitive or
        // a type parameter) the trait's, else the standard library's.
        let (ty, tr) = match rest.split_once(" as ") {
            Some((ty, tr)) => (ty, Some(tr)),
            None => (rest, None),
        };
        let serde = tr.is_some_and(|t| t.starts_with("serde::") || t.starts_with("serde_core::"));
        let krate = path_head(ty)
            .or_else(|| tr.and_then(path_head))
            .unwrap_or_else(|| "core".into());
        return if serde {
            format!("{krate} (serde impls)")
        } else {
            krate
        };
    }
    if let Some(kind) = name.split('[').next().filter(|k| {
        name.ends_with(']') && !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase())
    }) {
        return match kind {
            "data" => "data (rodata)".into(),
            other => format!("{other} (unnamed)"),
        };
    }
    path_head(name).unwrap_or_else(|| "other".into())
}

const NOT_SHIPPED: &str = "not shipped (custom sections, wasm-bindgen descriptions)";

/// `alloc::vec::Vec<T>...` → `alloc`; `core[c593…]::fmt` → `core`; `&mut core::fmt::Formatter`
/// → `core`; `[u8]` or `T` → none.
fn path_head(s: &str) -> Option<String> {
    let s = s.trim_start_matches(['&', '*', ' ']);
    let s = s
        .strip_prefix("mut ")
        .or_else(|| s.strip_prefix("const "))
        .unwrap_or(s);
    let head: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut rest = &s[head.len()..];
    // A crate's disambiguator, as in `core[c5930c85a12de822]::`.
    if let Some(after) = rest.strip_prefix('[') {
        rest = after.split_once(']').map_or("", |(_, r)| r);
    }
    (!head.is_empty() && rest.starts_with("::")).then_some(head)
}

/// Bytes by crate of `wasm`, largest first, from `twiggy top`.
pub fn by_crate(twiggy: &Path, wasm: &Path) -> Result<Vec<(String, u64)>, String> {
    let out = Command::new(twiggy)
        .args(["top", "-n", "1000000", "-f", "json"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("cannot run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy failed on {}: {}",
            wasm.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("twiggy's output is not JSON: {e}"))?;
    // twiggy 0.7 writes a bare array of items.
    let items = json
        .as_array()
        .or_else(|| json.get("items").and_then(|i| i.as_array()))
        .ok_or("twiggy's output has no items")?;
    let mut sizes: BTreeMap<String, u64> = BTreeMap::new();
    for item in items {
        let name = item.get("name").and_then(|n| n.as_str()).unwrap_or("");
        let size = item
            .get("shallow_size")
            .and_then(|n| n.as_u64())
            .unwrap_or(0);
        *sizes.entry(crate_of(name)).or_default() += size;
    }
    let mut rows: Vec<(String, u64)> = sizes.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::{crate_of, NOT_SHIPPED};

    #[test]
    fn each_item_goes_to_the_crate_whose_code_it_is() {
        for (name, krate) in [
            ("clc_sim::routing::route::h0123456789abcdef", "clc_sim"),
            (
                "<closure::plan::step::DeleteCall as serde::de::Deserialize>::deserialize",
                "closure (serde impls)",
            ),
            ("<yew::html::component::scope::Scope<COMP>>::send_message", "yew"),
            (
                "<alloc::vec::Vec<T,A> as core::clone::Clone>::clone",
                "alloc",
            ),
            ("core::ptr::drop_in_place<closure::plan::Plan>", "core"),
            ("<&mut serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_any", "serde_json (serde impls)"),
            ("data[3]", "data (rodata)"),
            ("code[12]", "code (unnamed)"),
            ("memcpy", "other"),
            ("core[c5930c85a12de822]::fmt::write", "core"),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<A>>::malloc",
                "dlmalloc",
            ),
            ("<str>::to_lowercase", "core"),
            ("<T as core::any::Any>::type_id", "core"),
            (
                "<bool as serde_core::de::Deserialize>::deserialize",
                "serde_core (serde impls)",
            ),
            (
                "<closure::plan::Plan as serde_core::ser::Serialize>::serialize",
                "closure (serde impls)",
            ),
            ("export \"__wbindgen_describe___wbg_new_1\"", NOT_SHIPPED),
            (
                "<js_sys::Intl::HourCycle as wasm_bindgen::describe::WasmDescribe>::describe::hef1059ec6a41903e",
                NOT_SHIPPED,
            ),
            (
                "<core::option::Option<T> as wasm_bindgen::describe::WasmDescribe>::describe::h01",
                NOT_SHIPPED,
            ),
            ("\"function names\" subsection", NOT_SHIPPED),
            (
                "custom section '__wasm_bindgen_unstable'",
                NOT_SHIPPED,
            ),
        ] {
            assert_eq!(crate_of(name), krate, "{name}");
        }
    }
}
