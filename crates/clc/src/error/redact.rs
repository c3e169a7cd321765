//! Keeps secrets out of error text: anything that looks like a JWT, the value after `Bearer `,
//! and the values of `bearerToken` / `password` / `token` JSON keys become `[redacted]`.

const REDACTED: &str = "[redacted]";
const SECRET_KEYS: [&str; 4] = ["bearertoken", "password", "token", "access_token"];

/// `text` with every token-like secret replaced by `[redacted]`.
pub fn redact(text: &str) -> String {
    let text = redact_json_values(text);
    let text = redact_after_bearer(&text);
    redact_jwts(&text)
}

/// A short, single-line, redacted excerpt of a body for error messages (at most `max` chars).
pub fn excerpt(body: &str, max: usize) -> String {
    let flat: String = redact(body)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut cut: String = flat.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/')
}

fn redact_jwts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("eyJ") {
        let preceded_by_token = rest[..start].chars().next_back().is_some_and(is_token_char);
        let run_len = rest[start..]
            .find(|c: char| !is_token_char(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        out.push_str(&rest[..start]);
        if !preceded_by_token && run.contains('.') && run.len() >= 16 {
            out.push_str(REDACTED);
        } else {
            out.push_str(run);
        }
        rest = &rest[start + run_len..];
    }
    out.push_str(rest);
    out
}

fn redact_after_bearer(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = lower[i..].find("bearer ") {
        let value_start = i + found + "bearer ".len();
        out.push_str(&text[i..value_start]);
        let value_len = text[value_start..]
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ',')
            .unwrap_or(text.len() - value_start);
        if value_len > 0 {
            out.push_str(REDACTED);
        }
        i = value_start + value_len;
    }
    out.push_str(&text[i..]);
    out
}

fn redact_json_values(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(found) = lower[i..].find('"') {
        let key_start = i + found + 1;
        let Some(key_len) = lower[key_start..].find('"') else {
            break;
        };
        let key = &lower[key_start..key_start + key_len];
        let after_key = key_start + key_len + 1;
        out.push_str(&text[i..after_key]);
        i = after_key;
        if !SECRET_KEYS.contains(&key) {
            continue;
        }
        let rest = &text[after_key..];
        let trimmed = rest.trim_start();
        let Some(after_colon) = trimmed.strip_prefix(':') else {
            continue;
        };
        let value = after_colon.trim_start();
        let Some(inner) = value.strip_prefix('"') else {
            continue;
        };
        let value_offset = text.len() - inner.len();
        let mut end = None;
        let mut escaped = false;
        for (at, c) in inner.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(at);
                    break;
                }
                _ => escaped = false,
            }
        }
        out.push_str(&text[after_key..value_offset]);
        out.push_str(REDACTED);
        i = match end {
            Some(at) => {
                out.push('"');
                value_offset + at + 1
            }
            None => text.len(),
        };
    }
    out.push_str(&text[i..]);
    out
}
