//! A group is deleted recursively: whatever is in it when the DELETE runs goes with it. Whether a
//! whole group may go was decided from the scan, so just before sending a group's delete the
//! group is read again (detailed). If it now holds a server or a sub-group the step does not
//! list (created after the scan), nothing is sent: the step fails naming the newcomers
//! (`Event::Diverged`), and only a fresh plan, with its own marks and confirmation, goes on. If
//! the group cannot be read, nothing is sent either: never a blind recursive delete. A lost
//! read is tried again later; a refused or unreadable one fails the step, for the customer to
//! retry. Nothing is sent either when a server record of the group's tree does not decode (it
//! could be a server the plan does not list): the step diverges naming the unreadable records.

use clc::{Clock, Error, Transport};

use super::{ExecError, Executor};
use crate::counts::{agreeing, grouped, plural};
use crate::journal::{Event, JournalStore};
use crate::plan::build::cap;
use crate::plan::{DeleteCall, Step};

/// Newcomers named in the reason, at most.
const NAMED: usize = 5;

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Whether `step` may be sent now; `false` after recording why not.
    pub(super) async fn preflight(&self, step: &Step) -> Result<bool, ExecError> {
        let DeleteCall::Group { group_id } = &step.call else {
            return Ok(true);
        };
        let group = match self
            .client
            .group(self.plan.alias_of(step), group_id, true)
            .await
        {
            Ok(group) => group,
            // Already gone: its delete will say so (404 is "already gone").
            Err(Error::NotFound) => return Ok(true),
            Err(Error::TokenExpiredOrMissing) => {
                self.work.borrow_mut().halt = Some(Error::TokenExpiredOrMissing.user_message());
                return Ok(false);
            }
            // Lost, rate limited, refused or unreadable: nothing is sent (see `not_read`).
            Err(error) => {
                self.not_read(
                    &step.id,
                    "the group is read again before its delete",
                    "read it again",
                    error,
                )?;
                return Ok(false);
            }
        };
        // A server record that did not decode may be a server the plan never listed (whose
        // data nobody marked): the group's delete would take it unseen, so nothing is sent.
        let unreadable = group.all_unreadable_servers();
        if !unreadable.is_empty() {
            let described: Vec<String> = unreadable
                .iter()
                .map(|bad| bad.describe("server"))
                .collect();
            self.append(Event::Diverged {
                step: step.id.clone(),
                reason: unreadable_reason(&described),
            })?;
            return Ok(false);
        }
        let listed = |kind: &str, id: &str| {
            step.removes
                .iter()
                .any(|r| r.kind.family().label() == kind && r.id.eq_ignore_ascii_case(id))
        };
        let mut newcomers: Vec<String> = Vec::new();
        for g in group.descendants().into_iter().skip(1) {
            if !listed("group", &g.id) {
                newcomers.push(format!("group {} ({})", cap(&g.name), g.id));
            }
        }
        for s in group.all_servers() {
            if !listed("server", &s.id) {
                let name = s.name.as_str();
                newcomers.push(format!("server {} ({})", cap(name), s.id));
            }
        }
        if newcomers.is_empty() {
            return Ok(true);
        }
        self.append(Event::Diverged {
            step: step.id.clone(),
            reason: newcomers_reason(&newcomers),
        })?;
        Ok(false)
    }
}

/// The first [`NAMED`] of `described`, then how many more: `a; b; and 1,000 more`.
fn named_first(described: &[String], separator: &str) -> String {
    let mut named: Vec<String> = described.iter().take(NAMED).cloned().collect();
    if described.len() > NAMED {
        named.push(format!("and {} more", grouped(described.len() - NAMED)));
    }
    named.join(separator)
}

/// Why a group's delete is not sent: its tree holds server records that did not decode.
fn unreadable_reason(described: &[String]) -> String {
    let count = described.len();
    format!(
        "Not sent: the group now holds {} that could not be read ({}). Deleting the group would \
         delete {} unseen. Scan the account again for a fresh plan.",
        plural(count, "server record", "server records"),
        named_first(described, "; "),
        agreeing(count, "it", "them"),
    )
}

/// Why a group's delete is not sent: it holds `newcomers` the plan does not list.
fn newcomers_reason(newcomers: &[String]) -> String {
    let count = newcomers.len();
    format!(
        "Not sent: the group now holds {} the plan does not list ({}). Deleting it would delete \
         {} too. Scan the account again for a fresh plan.",
        plural(count, "item", "items"),
        named_first(newcomers, ", "),
        agreeing(count, "it", "them"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn servers(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("server S{i} (s{i})")).collect()
    }

    /// The reasons count as every other sentence does (`counts::plural`): with the thousands
    /// separator, and the words agreeing with the count.
    #[test]
    fn a_diverged_groups_reason_counts_with_the_separator_and_agrees() {
        let many = newcomers_reason(&servers(1_005));
        assert!(
            many.contains("holds 1,005 items the plan does not list (server S0 (s0), "),
            "{many}"
        );
        assert!(many.contains("server S4 (s4), and 1,000 more)"), "{many}");
        assert!(many.contains("would delete them too"), "{many}");
        let one = newcomers_reason(&servers(1));
        assert!(
            one.contains("holds 1 item the plan") && one.contains("delete it too"),
            "{one}"
        );
        let many = unreadable_reason(&servers(1_200));
        assert!(
            many.contains("holds 1,200 server records that could not be read"),
            "{many}"
        );
        assert!(many.contains("(s4); and 1,195 more)"), "{many}");
        assert!(many.contains("would delete them unseen"), "{many}");
        let one = unreadable_reason(&servers(1));
        assert!(one.contains("holds 1 server record that"), "{one}");
        assert!(
            one.contains("(server S0 (s0))") && one.contains("delete it unseen"),
            "{one}"
        );
    }
}
