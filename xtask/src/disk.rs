//! Free disk space, so that a full disk is reported as such rather than as a failed compile.

use std::path::Path;
use std::process::{Command, Stdio};

/// What a first `cargo xtask test` may write under `target/`: 2.1 GB measured on a clean clone
/// (`du -sh target` after `.ci/run`; native debug 1.4 GB, wasm32 0.56 GB, release 0.19 GB), with
/// room for the compiler's temporary files.
pub const FIRST_TEST_RUN_BYTES: u64 = 3 * GB;

pub const GB: u64 = 1 << 30;

/// Bytes free on the filesystem holding `path` (or its nearest existing parent), from `df`.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|p| p.exists())?;
    let out = Command::new("df")
        .arg("-Pk")
        .arg(existing)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_df_available_kib(&String::from_utf8_lossy(&out.stdout)).map(|kib| kib * 1024)
}

/// The "Available" column of `df -Pk`'s one data line.
fn parse_df_available_kib(output: &str) -> Option<u64> {
    output
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()
}

/// A warning when less than `needed` is free where the build output goes; None when enough is
/// free or it cannot be told.
pub fn shortage(target: &Path, needed: u64) -> Option<String> {
    let free = free_bytes(target)?;
    (free < needed).then(|| {
        format!(
            "only {} free on the disk that holds {}; a first test run writes up to {} there. \
             Free some space, or point CARGO_TARGET_DIR at a larger disk.",
            human(free),
            target.display(),
            human(needed)
        )
    })
}

pub fn human(bytes: u64) -> String {
    if bytes >= GB {
        format!("{:.1} GB", bytes as f64 / GB as f64)
    } else {
        format!("{} MB", bytes >> 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_available_column_of_df() {
        let out = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                   /dev/vda         264091980 89128036   6920336      93% /\n";
        assert_eq!(parse_df_available_kib(out), Some(6_920_336));
    }

    #[test]
    fn says_nothing_it_cannot_read() {
        assert_eq!(parse_df_available_kib(""), None);
        assert_eq!(parse_df_available_kib("header only\n"), None);
        assert_eq!(parse_df_available_kib("h\n/dev/x 1 2 lots 3% /\n"), None);
    }

    #[test]
    fn sizes_read_as_a_person_would_say_them() {
        assert_eq!(human(6_920_336 * 1024), "6.6 GB");
        assert_eq!(human(300 << 20), "300 MB");
    }
}
