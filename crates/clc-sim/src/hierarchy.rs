//! The account hierarchy: a parent account and its sub-accounts (`DEMO` › `DEMS`). The v2 API
//! has no call that lists sub-accounts; each is reached through the same paths with its own
//! alias. Who may reach what is the simulator's choice where the reference is silent (see the
//! README): the parent's users reach the parent and every sub-account, a sub-account's users
//! only their own, and any other alias is refused like an account the caller cannot reach.

use serde_json::Value;

use crate::billing::{self, BasisLine};
use crate::model::Account;
use crate::reply::View;
use crate::target::Target;
use crate::Sim;

/// A sub-account, kept aside while the parent (or another sub-account) is being served.
#[derive(Clone, Debug)]
pub(crate) struct Sub {
    pub account: Account,
    /// Its past invoices, drawn from the sub-account as the scenario built it.
    pub invoice_lines: Vec<BasisLine>,
}

impl Sub {
    pub fn new(account: Account) -> Sub {
        Sub {
            invoice_lines: billing::invoice_basis(&account),
            account,
        }
    }
}

/// The alias a request names: in the path, or in `?account=` for site-to-site VPNs. Simple
/// Backup and the control endpoints name none.
fn named_alias<'a>(segs: &[&'a str], target: &'a Target) -> Option<&'a str> {
    match segs {
        ["v2", "sitetositevpn", ..] => target.q("account"),
        ["backup", ..] | ["_sim", ..] => None,
        ["rdbs", "v1", a, ..] => Some(a),
        ["v2" | "v2-experimental", _, a, ..] => Some(a),
        _ => None,
    }
}

impl Sim {
    /// The aliases of the parent's sub-accounts, in the order the scenario built them (the
    /// demo: `DEMS`). The v2 API cannot list them; a page running the simulator inside itself
    /// reads them here, as a customer would read them off the Control Portal.
    pub fn sub_account_aliases(&self) -> Vec<String> {
        self.subs.iter().map(|s| s.account.alias.clone()).collect()
    }

    /// The index of the sub-account with this alias (any case).
    pub(crate) fn sub_index(&self, alias: &str) -> Option<usize> {
        self.subs
            .iter()
            .position(|s| s.account.alias.eq_ignore_ascii_case(alias))
    }

    /// Every account of the hierarchy, the parent first.
    pub(crate) fn accounts(&self) -> impl Iterator<Item = &Account> {
        std::iter::once(&self.account).chain(self.subs.iter().map(|s| &s.account))
    }

    /// Which account serves a request (`None`: the parent), and the view it is served with.
    /// When the caller may not reach the alias it names, the parent serves it with the caller's
    /// own view, so the route's alias check answers 403.
    pub(crate) fn account_for(
        &self,
        segs: &[&str],
        target: &Target,
        mut view: View,
    ) -> (Option<usize>, View) {
        let named = named_alias(segs, target);
        let caller = self.sub_index(&view.alias);
        let parent_caller = view.alias.eq_ignore_ascii_case(&self.account.alias);
        let sub = match (named.map(|a| self.sub_index(a)), caller) {
            // The parent's users reach every sub-account.
            (Some(Some(i)), None) if parent_caller => Some(i),
            // A sub-account's users reach their own alias, and it is the account of calls
            // that name none.
            (Some(Some(i)), Some(j)) if i == j => Some(i),
            (None, Some(j)) => Some(j),
            _ => None,
        };
        if let Some(i) = sub {
            view.alias = self.subs[i].account.alias.clone();
            view.lc = view.alias.to_ascii_lowercase();
        }
        (sub, view)
    }

    /// Runs `f` with sub-account `sub` (if any) as `self.account`.
    pub(crate) fn in_account<R>(&mut self, sub: Option<usize>, f: impl FnOnce(&mut Sim) -> R) -> R {
        let Some(i) = sub.filter(|&i| i < self.subs.len() && self.active.is_none()) else {
            return f(self);
        };
        self.swap_sub(i);
        self.active = Some(i);
        let out = f(self);
        self.active = None;
        self.swap_sub(i);
        out
    }

    fn swap_sub(&mut self, i: usize) {
        let sub = &mut self.subs[i];
        std::mem::swap(&mut self.account, &mut sub.account);
        std::mem::swap(&mut self.invoice_lines, &mut sub.invoice_lines);
    }

    /// The state dump with each sub-account's own dump under `subAccounts` (see the README).
    pub(crate) fn full_dump(&mut self, now: u64) -> Value {
        let mut out = self.dump(now);
        if self.subs.is_empty() {
            return out;
        }
        let subs: Vec<Value> = (0..self.subs.len())
            .map(|i| {
                self.in_account(Some(i), |sim| {
                    let mut d = sim.dump(now);
                    if let Some(o) = d.as_object_mut() {
                        o.insert(
                            "parentAlias".into(),
                            sim.account.parent_alias.clone().into(),
                        );
                    }
                    d
                })
            })
            .collect();
        if let Some(o) = out.as_object_mut() {
            o.insert("subAccounts".into(), subs.into());
        }
        out
    }
}
