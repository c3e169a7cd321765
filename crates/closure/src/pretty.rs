//! serde_json's pretty layout (two-space indent, `"key": value`, `[]` and `{}` when empty),
//! written from compact JSON text. The report and the inventory are downloaded pretty, but
//! serialising them through serde_json's `PrettyFormatter` builds a second copy of every
//! `Serialize` impl they reach beside the compact one the app already has (933 B gzip of the
//! first load's wasm, 888 B of the live tools'); re-spacing the compact text costs one small
//! function instead.

/// `compact` (JSON as `serde_json::to_string` writes it: no whitespace outside strings) laid out
/// as `serde_json::to_string_pretty` lays it out.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    match s {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;
    use serde_json::json;

    #[test]
    fn lays_out_compact_json_as_serde_json_pretty_does() {
        let values = [
            json!({}),
            json!([]),
            json!(null),
            json!("a \"quoted\" {brace}, [bracket]: colon \\ backslash \u{e9}\n"),
            json!({ "a": [], "b": {}, "c": [1, 2.5, -3e-7, true, null], "d": { "e": { "f": [[], [{}]] } } }),
            json!([{ "name": "web,01:a", "tags": ["x", "y"] }, { "name": "", "cost": 0.125 }]),
        ];
        for value in values {
            let compact = serde_json::to_string(&value).unwrap();
            assert_eq!(
                pretty(&compact),
                serde_json::to_string_pretty(&value).unwrap(),
                "{compact}"
            );
        }
    }
}
