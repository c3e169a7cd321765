//! The house rule for imports, checked with the formatting layer: a file's `use` items come in
//! three groups, in this order, each separated from the next by a blank line: the standard
//! library (`std`, `core`, `alloc`), other crates (the workspace's own included), then this
//! crate (`crate`, `super`, `self`). rustfmt's `group_imports = "StdExternalCrate"` says the
//! same but only on nightly; on stable it is ignored with a warning per file, so this checks it.

use std::path::{Path, PathBuf};

/// Which group an import belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Std,
    External,
    Local,
}

fn group_of(path: &str, local_mods: &[&str]) -> Group {
    let root = path
        .trim_start_matches("::")
        .split("::")
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| c == '{' || c.is_whitespace());
    match root {
        "std" | "core" | "alloc" => Group::Std,
        "crate" | "super" | "self" => Group::Local,
        // A module this file declares (`mod support;` in a test crate) is this crate's.
        name if local_mods.contains(&name) => Group::Local,
        _ => Group::External,
    }
}

/// What is wrong with the imports of one file's text, each with its line number.
pub fn problems(text: &str) -> Vec<String> {
    let local_mods: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .collect();
    let mut problems = Vec::new();
    // (group, line) of the last `use` seen in the current run of uses, and whether a blank line
    // came since.
    let mut last: Option<(Group, usize)> = None;
    let mut blank_since = false;
    let mut in_use = false;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        // Only the file's own top-level imports (not those of an inline `mod tests`).
        if line.starts_with(char::is_whitespace) && !in_use {
            continue;
        }
        if in_use {
            in_use = !trimmed.ends_with(';');
            continue;
        }
        if let Some(path) = trimmed.strip_prefix("use ") {
            let group = group_of(path, &local_mods);
            if let Some((before, at)) = last {
                if group < before {
                    problems.push(format!(
                        "line {number}: a {group:?} import after a {before:?} one (line {at})"
                    ));
                } else if group > before && !blank_since {
                    problems.push(format!(
                        "line {number}: no blank line between the {before:?} and {group:?} imports"
                    ));
                }
            }
            last = Some((group, number));
            blank_since = false;
            in_use = !trimmed.ends_with(';');
        } else if trimmed.is_empty() {
            blank_since = true;
        } else if !trimmed.starts_with("//") && !trimmed.starts_with("#[") {
            // Anything else ends the run (a `mod`, a `pub use`, an item).
            last = None;
        }
    }
    problems
}

/// Every `.rs` file below `root`'s source folders, with its problems.
pub fn check(root: &Path) -> Vec<(PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    for folder in ["src", "tests", "crates", "xtask"] {
        walk(&root.join(folder), &mut out);
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<String>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !matches!(name.to_str(), Some("target" | "node_modules" | "fixtures")) {
                walk(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let found = std::fs::read_to_string(&path)
                .map(|text| problems(&text))
                .unwrap_or_default();
            if !found.is_empty() {
                out.push((path, found));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problems;

    #[test]
    fn three_groups_in_order_each_after_a_blank_line() {
        let good =
            "//! Doc.\n\nuse std::rc::Rc;\n\nuse serde::Serialize;\nuse yew::prelude::*;\n\n\
                    use crate::a;\nuse super::b;\n\nmod c;\n";
        assert_eq!(problems(good), Vec::<String>::new());
        let out_of_order = "use crate::a;\n\nuse std::rc::Rc;\n";
        assert_eq!(problems(out_of_order).len(), 1);
        let glued = "use std::rc::Rc;\nuse yew::prelude::*;\n";
        assert!(problems(glued)[0].contains("no blank line"));
        let multi_line =
            "use std::{\n    cell::Cell,\n    rc::Rc,\n};\n\nuse clc::{\n    Client,\n};\n";
        assert_eq!(problems(multi_line), Vec::<String>::new());
        // A module the file declares is local.
        let test_crate =
            "mod support;\n\nuse std::rc::Rc;\n\nuse clc::Client;\nuse support::Harness;\n";
        assert!(problems(test_crate)[0].contains("no blank line"));
        // An inline test module's imports are its own.
        let tests = "use crate::a;\n\nmod tests {\n    use std::rc::Rc;\n}\n";
        assert_eq!(problems(tests), Vec::<String>::new());
    }
}
