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
            let count = unreadable.len();
            let mut named: Vec<String> = unreadable
                .iter()
                .take(NAMED)
                .map(|bad| bad.describe("server"))
                .collect();
            if count > NAMED {
                named.push(format!("and {} more", count - NAMED));
            }
            self.append(Event::Diverged {
                step: step.id.clone(),
                reason: format!(
                    "Not sent: the group now holds {count} server {} that could not be read \
                     ({}). Deleting the group would delete {} unseen. Scan the account again for \
                     a fresh plan.",
                    if count == 1 { "record" } else { "records" },
                    named.join("; "),
                    if count == 1 { "it" } else { "them" },
                ),
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
        let count = newcomers.len();
        let mut named: Vec<String> = newcomers.into_iter().take(NAMED).collect();
        if count > NAMED {
            named.push(format!("and {} more", count - NAMED));
        }
        self.append(Event::Diverged {
            step: step.id.clone(),
            reason: format!(
                "Not sent: the group now holds {count} {} the plan does not list ({}). Deleting \
                 it would delete {} too. Scan the account again for a fresh plan.",
                if count == 1 { "item" } else { "items" },
                named.join(", "),
                if count == 1 { "it" } else { "them" },
            ),
        })?;
        Ok(false)
    }
}
