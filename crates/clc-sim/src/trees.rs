//! Detailed group trees (`GET /v2/groups/{alias}/{id}?serverDetail=detailed`, §3.1) kept once
//! written, until anything in the simulator changes. The 10,000-server account's tree of one data
//! center is 1.6 MB and took 0.13–0.19 s to build and write, under the one lock every request
//! waits on: a scan's 13 trees held the other reads back for about 2 s. The server writes them
//! as soon as it starts, between requests ([`Sim::warm_detailed_tree`]); the answer is the same
//! text either way.
//!
//! Invariant: every entry was written from the state the simulator is in. Whatever may change
//! an answer forgets them all ([`Sim::forget_trees`]): a request other than GET (but sign-in),
//! an operation that completes or is queued, a VPN that goes, and every public setter (reset,
//! clock, faults, queue timing, planted names and snapshots, a server added).

use std::collections::HashMap;

use clc::Response;

use crate::reply::View;
use crate::Sim;

/// Who asked (a writer's snapshots carry delete and restore links), in which alias, for which
/// group.
type TreeKey = (String, bool, String);

#[derive(Clone, Debug, Default)]
pub(crate) struct TreeAnswers {
    answers: HashMap<TreeKey, Response>,
}

fn key(view: &View, id: &str) -> TreeKey {
    (view.alias.clone(), view.writer, id.to_ascii_lowercase())
}

impl Sim {
    /// The detailed tree of group `id` as `view` reads it, written at most once per state.
    pub(crate) fn detailed_tree(&mut self, view: &View, id: &str) -> Option<Response> {
        let key = key(view, id);
        if let Some(answer) = self.trees.answers.get(&key) {
            return Some(answer.clone());
        }
        let group = self.account.groups.get(id)?;
        let answer = crate::reply::json(200, &self.group_json(view, group, true));
        self.trees.answers.insert(key, answer.clone());
        Some(answer)
    }

    /// Forgets every kept tree: something that may change one happened.
    pub(crate) fn forget_trees(&mut self) {
        self.trees.answers.clear();
    }

    /// Writes the detailed tree of one data center's root group not yet kept, in any alias, as
    /// a user who may change the account reads it (the reads a scan starts with); false when
    /// all are kept. Changes nothing else, so the server calls it between requests, one tree
    /// per hold of its lock.
    pub fn warm_detailed_tree(&mut self) -> bool {
        for sub in std::iter::once(None).chain((0..self.subs.len()).map(Some)) {
            let wrote = self.in_account(sub, |sim| {
                let view = View {
                    alias: sim.account.alias.clone(),
                    lc: sim.account.alias.to_ascii_lowercase(),
                    writer: true,
                };
                let missing = sim
                    .account
                    .dcs
                    .iter()
                    .map(|d| d.root_group.clone())
                    .find(|root| !sim.trees.answers.contains_key(&key(&view, root)));
                missing.is_some_and(|root| sim.detailed_tree(&view, &root).is_some())
            });
            if wrote {
                return true;
            }
        }
        false
    }
}
