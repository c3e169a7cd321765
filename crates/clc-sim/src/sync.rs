//! Virtual time reaching the account: `Sim::sync` anchors month-to-date charges after a
//! (re)build, queues the scenario's own operations, applies the operations that have finished and
//! drops the VPNs whose deletion is due.

use crate::{billing, calendar, Sim};

impl Sim {
    pub(crate) fn needs_sync(&self, now: u64) -> bool {
        self.anchor.is_none()
            || self.ops.values().any(|o| !o.applied && o.ends_ms <= now)
            || std::iter::once(&self.account)
                .chain(self.subs.iter().map(|s| &s.account))
                .flat_map(|a| a.vpns.values())
                .any(|v| v.pending_delete.as_ref().is_some_and(|(_, at)| *at <= now))
    }

    /// Brings the account up to `now_ms`: anchors accrual after a reset and applies the
    /// operations that finished.
    pub(crate) fn sync(&mut self, now_ms: u64) {
        let now = now_ms.max(self.now);
        self.now = now;
        if self.anchor.is_none() {
            // Charges start as if everything had run since the start of the current month.
            let wall = self.wall(now);
            let (y, m) = calendar::year_month(wall);
            let hours = (wall - calendar::month_start_ms(y, m)) as f64 / calendar::HOUR_MS as f64;
            self.anchor = Some(now);
            let subs = self.subs.iter_mut().map(|s| &mut s.account);
            for account in std::iter::once(&mut self.account).chain(subs) {
                for s in account.servers.values_mut() {
                    s.accrued = billing::server_hourly(s) * hours;
                    s.since_ms = now;
                }
                for r in account.rdbs.values_mut() {
                    r.accrued = r.hourly * hours;
                    r.since_ms = now;
                }
            }
        }
        if !self.scenario_operations_queued {
            self.scenario_operations_queued = true;
            let queued = self.ops.len();
            self.queue_scenario_operations(now);
            if self.ops.len() != queued {
                self.forget_trees();
            }
        }
        self.finish_operations(now);
        if !self.faults.hold_queue {
            let mut gone = false;
            let subs = self.subs.iter_mut().map(|s| &mut s.account);
            for account in std::iter::once(&mut self.account).chain(subs) {
                let before = account.vpns.len();
                account
                    .vpns
                    .retain(|_, v| v.pending_delete.as_ref().is_none_or(|(_, at)| *at > now));
                gone |= account.vpns.len() != before;
            }
            if gone {
                self.forget_trees();
            }
        }
    }

    /// The wall-clock time (epoch ms) of a virtual instant.
    pub(crate) fn wall(&self, now_ms: u64) -> u64 {
        self.epoch_ms + now_ms
    }
}
