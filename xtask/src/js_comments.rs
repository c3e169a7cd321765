//! Whole-line comments out of the scripts xtask ships as written (boot.js, sw.js, sim-worker.js):
//! they explain the source here and cost the first load 1.3 KB gzip in the boot script alone.
//!
//! The script is read as JavaScript far enough to know where its comments are: strings, template
//! literals (with `${…}` inside them, nested), regular expressions and comments. A line goes only
//! when a comment fills it: a `//` comment that starts it, or a `/* … */` block that starts a line
//! and ends one (every line of the block goes). Everything else stays byte for byte: a `//` inside
//! a string or a template literal, a comment after code, a block with code after its `*/`. What
//! the reader cannot place (an unterminated string, template, block or regular expression, a `}`
//! that closes nothing) stops the build with the line, rather than shipping a script that might
//! have lost code.

/// `js` without its whole-line comments, or what stops it, with the line.
pub fn without_comment_lines(js: &str) -> Result<String, String> {
    let mut out = String::with_capacity(js.len());
    let mut kept_from = 0;
    for (start, end) in comments(js)? {
        let line_start = js[..start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = js[end..].find('\n').map_or(js.len(), |n| end + n + 1);
        let fills_lines = js[line_start..start].trim().is_empty()
            && js[end..line_end].trim().is_empty()
            && line_start >= kept_from;
        if fills_lines {
            out.push_str(&js[kept_from..line_start]);
            kept_from = line_end;
        }
    }
    out.push_str(&js[kept_from..]);
    Ok(out)
}

/// Where a `{` was opened: a block or object, or a template literal's `${`.
enum Open {
    Brace,
    Substitution,
}

/// The byte ranges of the comments in `js`, in order.
fn comments(js: &str) -> Result<Vec<(usize, usize)>, String> {
    let b = js.as_bytes();
    let line = |at: usize| js[..at].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // The last byte of code before the cursor, and the word it ended, which tell a regular
    // expression from a division.
    let mut prev: Option<u8> = None;
    let mut word = "";
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = js[i..].find('\n').map_or(js.len(), |n| i + n);
                found.push((i, end));
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = js[i + 2..]
                    .find("*/")
                    .map(|n| i + 2 + n + 2)
                    .ok_or_else(|| format!("line {}: a /* comment never ends", line(i)))?;
                found.push((i, end));
                i = end;
            }
            b'/' if regex_may_start(prev, word) => {
                i = regex_end(b, i).ok_or_else(|| {
                    format!(
                        "line {}: a regular expression that does not end on its line",
                        line(i)
                    )
                })?;
                (prev, word) = (Some(b'/'), "");
            }
            b'\'' | b'"' => {
                i = string_end(b, i).ok_or_else(|| {
                    format!("line {}: a string that does not end on its line", line(i))
                })?;
                (prev, word) = (Some(c), "");
            }
            b'`' => {
                i = template_part_end(js, i + 1, &mut open, line(i))?;
                (prev, word) = (Some(b'`'), "");
            }
            b'{' => {
                open.push(Open::Brace);
                (prev, word) = (Some(c), "");
                i += 1;
            }
            b'}' => match open.pop() {
                Some(Open::Brace) => {
                    (prev, word) = (Some(c), "");
                    i += 1;
                }
                Some(Open::Substitution) => {
                    i = template_part_end(js, i + 1, &mut open, line(i))?;
                    (prev, word) = (Some(b'`'), "");
                }
                None => return Err(format!("line {}: a }} that closes nothing", line(i))),
            },
            _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 => {
                let end = b[i..]
                    .iter()
                    .position(|&d| {
                        !(d.is_ascii_alphanumeric() || d == b'_' || d == b'$' || d >= 0x80)
                    })
                    .map_or(b.len(), |n| i + n);
                (prev, word) = (Some(b'a'), &js[i..end]);
                i = end;
            }
            _ => {
                (prev, word) = (Some(c), "");
                i += 1;
            }
        }
    }
    match open.last() {
        Some(Open::Substitution) => Err("a template literal's ${ never closes".into()),
        Some(Open::Brace) => Err("a { never closes".into()),
        None => Ok(found),
    }
}

/// Whether a `/` after `prev` (and the word it ended, if any) starts a regular expression rather
/// than dividing: after an operator, an opening bracket, or a keyword that takes an expression.
fn regex_may_start(prev: Option<u8>, word: &str) -> bool {
    match prev {
        None => true,
        Some(b'a') => matches!(
            word,
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
                | "yield"
                | "await"
        ),
        Some(c) => b"(,=:[!&|?{};+-*%<>~^".contains(&c),
    }
}

/// The byte after the regular expression starting at `start` (its flags included), or `None`
/// when the line ends first.
fn regex_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut in_class = false;
    loop {
        match *b.get(i)? {
            b'\n' => return None,
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'/' if !in_class => break,
            _ => {}
        }
        i += 1;
    }
    i += 1;
    while b.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        i += 1;
    }
    Some(i)
}

/// The byte after the quoted string starting at `start`, or `None` when a line ends first (a
/// backslash before the line end continues it).
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let quote = b[start];
    let mut i = start + 1;
    loop {
        match *b.get(i)? {
            b'\\' => i += 1,
            b'\n' => return None,
            c if c == quote => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
}

/// Reads a template literal's text from `from` up to its closing backtick (returns the byte after
/// it) or up to a `${` (records it in `open` and returns the byte after it, back in code).
fn template_part_end(
    js: &str,
    from: usize,
    open: &mut Vec<Open>,
    line: usize,
) -> Result<usize, String> {
    let b = js.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => return Ok(i + 1),
            b'$' if b.get(i + 1) == Some(&b'{') => {
                open.push(Open::Substitution);
                return Ok(i + 2);
            }
            _ => {}
        }
        i += 1;
    }
    Err(format!(
        "a template literal (in its part starting on line {line}) never ends"
    ))
}

#[cfg(test)]
mod tests {
    use super::without_comment_lines;

    fn strip(js: &str) -> String {
        without_comment_lines(js).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn whole_line_comments_go_and_nothing_else() {
        let source = "// what this file is\n\
                      const a = \"//not a comment\"; // after code\n\
                      /**\n * Starts the app.\n */\n\
                      export function f() {\n  // inside\n  return `${a}//x`;\n}\n\
                      /** one line */\n\
                      /** kept */ const b = 1;\n\
                      const r = /\\/\\/[/]x/g.test(a) ? 1 / 2 : 3; // regex and division\n";
        assert_eq!(
            strip(source),
            "const a = \"//not a comment\"; // after code\n\
             export function f() {\n  return `${a}//x`;\n}\n\
             /** kept */ const b = 1;\n\
             const r = /\\/\\/[/]x/g.test(a) ? 1 / 2 : 3; // regex and division\n"
        );
    }

    /// A line of a multi-line template literal or continued string that starts with `//` is
    /// text the script uses, not a comment.
    #[test]
    fn lines_inside_template_literals_and_strings_stay() {
        let source = "const page = `<p>\n// shown as is\n${ok ? `\n// nested\n` : \"\"}\n</p>`;\n\
                      const s = \"a\\\n// continued\";\n\
                      // a comment\n\
                      const t = `${{ a: 1 }.a}`;\n// after\n";
        assert_eq!(
            strip(source),
            "const page = `<p>\n// shown as is\n${ok ? `\n// nested\n` : \"\"}\n</p>`;\n\
             const s = \"a\\\n// continued\";\n\
             const t = `${{ a: 1 }.a}`;\n"
        );
    }

    /// A block whose `*/` has code after it on the same line is kept whole, so the code stays.
    #[test]
    fn a_block_with_code_after_its_end_stays() {
        let source = "/**\n * Notes.\n */ const kept = 1;\n/*\n * Gone.\n */\nrun(kept);\n";
        assert_eq!(
            strip(source),
            "/**\n * Notes.\n */ const kept = 1;\nrun(kept);\n"
        );
    }

    #[test]
    fn what_cannot_be_read_stops_the_build_with_its_line() {
        for (source, says) in [
            ("const a = 1;\nconst s = \"open\n// x\n", "line 2: a string"),
            (
                "const t = `open\n// x\n",
                "template literal (in its part starting on line 1)",
            ),
            ("a();\n/* open\n", "line 2: a /* comment never ends"),
            ("x = /open\n", "line 1: a regular expression"),
            ("}\n", "line 1: a } that closes nothing"),
        ] {
            let err = without_comment_lines(source).expect_err(source);
            assert!(err.contains(says), "{source:?}: {err}");
        }
    }
}
