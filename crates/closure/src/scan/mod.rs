//! The scanner: reads everything `clc-api.md` §8.1 lists, concurrently under one limit, issuing
//! each read as soon as its inputs are known, and turns the answers into an [`Inventory`].
//!
//! - [`part`]: the units of work and what unlocks what.
//! - [`data`]: the raw answers and how each is merged.
//! - `fetch`: one part through the client.
//! - [`progress`]: progress and cancellation.
//! - `engine`: the work queue driven with at most `limit` reads in flight.

mod data;
mod engine;
mod fetch;
pub mod part;
pub mod progress;
mod queue;

use std::rc::Rc;

use chrono::DateTime;
use clc::models::DataCenter;
use clc::{Client, Clock, Transport};

pub use data::{AntiAffinity, PartOutput, PartlyRead, ScanData};
pub use part::Part;
pub use progress::{CancelHandle, PartCounts, ProgressHandle, ScanProgress};

use crate::inventory::{Folder, Inventory, Unread};
use crate::invoice::BillingMonth;
use engine::Lane;

/// Reads at most this many parts at once unless told otherwise (§0.7 advises 5–10).
pub const DEFAULT_CONCURRENCY: usize = 6;

/// How a scan runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanOptions {
    /// Most reads in flight at once; at least 1.
    pub concurrency: usize,
    /// Which month's invoice to read as "last month" (`(year, 1..=12)`); `None`: the month
    /// before the client clock's current month (UTC).
    pub invoice_month: Option<(i32, u32)>,
    /// Read last month's invoice at all.
    pub read_invoice: bool,
    /// An earlier scan of this session found the anti-affinity API retired (404): do not ask
    /// again (each ask is a 404 in the browser's console), and read it as retired.
    pub anti_affinity_retired: bool,
}

impl Default for ScanOptions {
    fn default() -> ScanOptions {
        ScanOptions {
            concurrency: DEFAULT_CONCURRENCY,
            invoice_month: None,
            read_invoice: true,
            anti_affinity_retired: false,
        }
    }
}

/// One part that could not be read, with the error the client reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartFailure {
    pub part: Part,
    /// Upper-case data center, `None` for account-wide parts.
    pub data_center: Option<String>,
    pub error: clc::Error,
}

/// What a scan (plus any re-runs) produced. Invariant: `inventory` is always rebuilt from
/// `data`, `failures` and `not_started` (and the sub-accounts' outcomes), so it says exactly
/// what could not be read, and in which alias.
#[derive(Clone, Debug, PartialEq)]
pub struct ScanOutcome {
    pub data: ScanData,
    /// Shared, so the page hands it to its views without copying every resource.
    pub inventory: Rc<Inventory>,
    pub failures: Vec<PartFailure>,
    /// Parts never read because the scan was cancelled.
    pub not_started: Vec<Part>,
    pub cancelled: bool,
    /// What the same scan read in each sub-account (each with its own alias in `data`), in
    /// the order they were listed; their inventories are merged into `inventory`.
    pub subs: Vec<ScanOutcome>,
}

impl ScanOutcome {
    /// Every alias read, the parent first.
    pub fn aliases(&self) -> Vec<String> {
        std::iter::once(self.data.account.clone())
            .chain(self.subs.iter().map(|s| s.data.account.clone()))
            .collect()
    }

    /// Whether some part of any alias could not be read.
    pub fn has_unread(&self) -> bool {
        !self.failures.is_empty()
            || !self.not_started.is_empty()
            || !self.data.partly_read.is_empty()
            || self.subs.iter().any(ScanOutcome::has_unread)
    }

    /// Builds every alias's inventory again, whole, from what was read (as after a re-run).
    pub fn rebuild(&mut self) {
        for sub in &mut self.subs {
            sub.rebuild();
        }
        self.rebuild_own(None);
        self.merge_subs();
    }

    /// Merges the sub-accounts' inventories into this one, which holds this alias's own
    /// (`rebuild_own`) and each sub-account's its own (built when it was read).
    fn merge_subs(&mut self) {
        if !self.subs.is_empty() {
            let own = std::mem::replace(&mut self.inventory, Rc::new(Inventory::empty("")));
            let own = Rc::unwrap_or_clone(own);
            let subs = self.subs.iter().map(|s| (*s.inventory).clone()).collect();
            self.inventory = Rc::new(Inventory::merge(own, subs));
        }
    }

    /// Builds this alias's own inventory: from what `folder` built while the scan read, when
    /// given, else whole.
    fn rebuild_own(&mut self, folder: Option<Folder>) {
        let account = self.data.account.clone();
        let mut unread: Vec<Unread> = self
            .failures
            .iter()
            .map(|f| Unread {
                part: f.part.clone(),
                data_center: f.data_center.clone(),
                kinds: f.part.kinds().to_vec(),
                reason: f.error.user_message(),
                account: account.clone(),
            })
            .collect();
        unread.extend(self.not_started.iter().map(|p| Unread {
            part: p.clone(),
            data_center: p.data_center().map(str::to_string),
            kinds: p.kinds().to_vec(),
            reason: "The scan was cancelled before this was read.".into(),
            account: account.clone(),
        }));
        unread.extend(self.data.partly_read.iter().map(|p| Unread {
            part: p.part.clone(),
            data_center: p.part.data_center().map(str::to_string),
            kinds: p.part.kinds().to_vec(),
            reason: p.part.bad_records_reason(&p.records),
            account: account.clone(),
        }));
        let cancelled = self.cancelled && !self.not_started.is_empty();
        self.inventory = Rc::new(match folder {
            Some(folder) => Inventory::from_folded(&self.data, folder, unread, cancelled),
            None => Inventory::from_scan(&self.data, unread, cancelled),
        });
    }
}

/// Every part `outcome` could not read (failed, not started, or read only partly), taken out of
/// its lists of failures and parts not started, to be read again.
fn take_unread(outcome: &mut ScanOutcome) -> Vec<Part> {
    let parts: Vec<Part> = outcome
        .failures
        .iter()
        .map(|f| f.part.clone())
        .chain(outcome.not_started.iter().cloned())
        .chain(outcome.data.partly_read.iter().map(|p| p.part.clone()))
        .collect();
    outcome.failures.retain(|f| !parts.contains(&f.part));
    outcome.not_started.retain(|p| !parts.contains(p));
    parts
}

/// The outcome that read `alias`: the parent's or one sub-account's.
fn outcome_of<'o>(outcome: &'o mut ScanOutcome, alias: &str) -> Option<&'o mut ScanOutcome> {
    if outcome.data.account.eq_ignore_ascii_case(alias) {
        return Some(outcome);
    }
    outcome
        .subs
        .iter_mut()
        .find(|s| s.data.account.eq_ignore_ascii_case(alias))
}

/// Called with the progress after every change.
pub type ProgressCallback<'c> = Box<dyn Fn(&ScanProgress) + 'c>;

/// Scans one account through a [`Client`]. Generic over the transport and clock, so it runs on
/// browser fetch and timers, and on the in-process simulator with a virtual clock in tests.
pub struct Scanner<'c, T: Transport, K: Clock> {
    client: &'c Client<T, K>,
    account: String,
    sub_accounts: Vec<String>,
    options: ScanOptions,
    progress: ProgressHandle,
    cancel: CancelHandle,
    on_progress: Option<ProgressCallback<'c>>,
    /// Data-center lists already read for some aliases (by the sign-in), used instead of
    /// reading them again.
    data_centers: Vec<(String, Vec<DataCenter>)>,
}

impl<'c, T: Transport, K: Clock> Scanner<'c, T, K> {
    /// A scanner for the client's session alias (empty if the client has no session).
    pub fn new(client: &'c Client<T, K>) -> Self {
        let account = client
            .session()
            .map(|s| s.alias.clone())
            .unwrap_or_default();
        Scanner {
            client,
            account,
            sub_accounts: Vec::new(),
            options: ScanOptions::default(),
            progress: ProgressHandle::default(),
            cancel: CancelHandle::new(),
            on_progress: None,
            data_centers: Vec::new(),
        }
    }

    /// The data-center lists (`GET /v2/datacenters/{alias}?groupLinks=true`) just read for
    /// these aliases, as the sign-in reads them: a whole scan takes each as that alias's answer
    /// instead of asking again, one round trip less before the per-data-center reads. The lists
    /// apply to every [`Scanner::scan`] of this scanner: give them only to a scanner built for
    /// the scan right after the sign-in (the app builds a new scanner for each later scan, which
    /// reads its own).
    pub fn with_data_centers(mut self, lists: Vec<(String, Vec<DataCenter>)>) -> Self {
        self.data_centers = lists;
        self
    }

    /// Scan another alias of the hierarchy (a sub-account the user named).
    pub fn for_account(mut self, alias: impl Into<String>) -> Self {
        self.account = alias.into();
        self
    }

    /// Also reads these sub-accounts of the parent, at the same time as the parent under the
    /// same limit (so never more than `concurrency` reads are in flight), each into its own
    /// outcome.
    pub fn with_sub_accounts(mut self, aliases: &[String]) -> Self {
        self.sub_accounts = aliases
            .iter()
            .filter(|a| !a.eq_ignore_ascii_case(&self.account))
            .cloned()
            .collect();
        self
    }

    pub fn with_options(mut self, options: ScanOptions) -> Self {
        self.options = options;
        self
    }

    pub fn with_concurrency(mut self, limit: usize) -> Self {
        self.options.concurrency = limit.max(1);
        self
    }

    /// Calls `callback` after every change of progress.
    pub fn on_progress(mut self, callback: impl Fn(&ScanProgress) + 'c) -> Self {
        self.on_progress = Some(Box::new(callback));
        self
    }

    /// Reports into an existing progress handle (e.g. one the UI created before the scan).
    pub fn with_progress(mut self, progress: ProgressHandle) -> Self {
        self.progress = progress;
        self
    }

    /// Shares an existing cancel handle (e.g. one the UI created before the scan started).
    pub fn with_cancel(mut self, cancel: CancelHandle) -> Self {
        self.cancel = cancel;
        self
    }

    pub fn progress(&self) -> ProgressHandle {
        self.progress.clone()
    }

    pub fn cancel_handle(&self) -> CancelHandle {
        self.cancel.clone()
    }

    /// Reads the whole account, and its sub-accounts at the same time (one queue, one limit).
    /// Never fails as a whole: failed parts are listed in the outcome (each in its alias's)
    /// and in its inventory's `unread`.
    pub async fn scan(&self) -> ScanOutcome {
        let aliases: Vec<&str> = std::iter::once(self.account.as_str())
            .chain(self.sub_accounts.iter().map(String::as_str))
            .collect();
        let mut datas: Vec<ScanData> = aliases
            .iter()
            .map(|alias| ScanData {
                account: alias.to_string(),
                ..ScanData::default()
            })
            .collect();
        let lanes = datas
            .iter_mut()
            .enumerate()
            .map(|(i, data)| {
                let mut parts = self.initial_parts(i == 0, data);
                let answered = self.known_data_centers(&data.account);
                if answered.is_some() {
                    parts.retain(|p| *p != Part::DataCenters);
                }
                Lane {
                    account: data.account.clone(),
                    parts,
                    answered: answered
                        .map(|list| (Part::DataCenters, PartOutput::DataCenters(list)))
                        .into_iter()
                        .collect(),
                    data,
                    fold: true,
                }
            })
            .collect();
        let runs = self.run(lanes).await;
        let mut outcomes = datas.into_iter().zip(runs).map(|(data, run)| {
            let mut outcome = ScanOutcome {
                data,
                // Built just below.
                inventory: Rc::new(Inventory::empty("")),
                failures: run.failures,
                not_started: run.not_started,
                cancelled: run.cancelled,
                subs: Vec::new(),
            };
            outcome.rebuild_own(run.folder);
            outcome
        });
        let mut outcome = outcomes.next().expect("the parent's lane");
        outcome.subs = outcomes.collect();
        outcome.merge_subs();
        outcome
    }

    /// The data-center list given for `alias` by [`Scanner::with_data_centers`], if any.
    fn known_data_centers(&self, alias: &str) -> Option<Vec<DataCenter>> {
        self.data_centers
            .iter()
            .find(|(a, _)| a.eq_ignore_ascii_case(alias))
            .map(|(_, list)| list.clone())
    }

    /// The first parts of one alias. A sub-account (`parent` false) reads neither the invoice
    /// (a sub-account is billed to its parent) nor Simple Backup, whose calls name no alias:
    /// what they list is the signed-in account's, read once with the parent, so the same
    /// policy is never planned twice.
    fn initial_parts(&self, parent: bool, data: &mut ScanData) -> Vec<Part> {
        let invoice = (parent && self.options.read_invoice).then(|| self.invoice_month());
        let mut parts = Part::initial(invoice);
        if !parent {
            parts.retain(|p| *p != Part::BackupAccountPolicies);
        }
        if self.options.anti_affinity_retired {
            parts.retain(|p| *p != Part::AntiAffinityPolicies);
            data.anti_affinity = Some(AntiAffinity::Retired);
        }
        parts
    }

    /// Re-reads one part (and whatever it unlocks) alone, merges it into `outcome` and rebuilds
    /// the inventory; nothing else is read again. Returns the failures of this re-run (empty
    /// when it completed). A cancelled scanner stays cancelled: re-run with a new one.
    pub async fn rerun(&self, outcome: &mut ScanOutcome, part: &Part) -> Vec<PartFailure> {
        let alias = outcome.data.account.clone();
        self.rerun_in(outcome, &alias, part).await
    }

    /// [`Scanner::rerun`] for a part read in `alias` (the parent or one of its sub-accounts).
    pub async fn rerun_in(
        &self,
        outcome: &mut ScanOutcome,
        alias: &str,
        part: &Part,
    ) -> Vec<PartFailure> {
        let failures = match outcome_of(outcome, alias) {
            Some(target) => self.rerun_parts(target, vec![part.clone()]).await,
            None => Vec::new(),
        };
        outcome.rebuild();
        failures
    }

    /// Re-reads every failed and not-started part, of every alias, in one run (one limit).
    pub async fn rerun_unread(&self, outcome: &mut ScanOutcome) -> Vec<PartFailure> {
        let mut parts = vec![take_unread(outcome)];
        for sub in &mut outcome.subs {
            parts.push(take_unread(sub));
        }
        if parts.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let reread: Vec<bool> = parts.iter().map(|p| !p.is_empty()).collect();
        let lanes = std::iter::once(&mut outcome.data)
            .chain(outcome.subs.iter_mut().map(|s| &mut s.data))
            .zip(parts)
            .map(|(data, parts)| Lane {
                account: data.account.clone(),
                data,
                parts,
                answered: Vec::new(),
                fold: false,
            })
            .collect();
        let runs = self.run(lanes).await;
        let mut failures = Vec::new();
        for (i, run) in runs.into_iter().enumerate() {
            let target = match i {
                0 => &mut *outcome,
                _ => &mut outcome.subs[i - 1],
            };
            if reread[i] {
                target.cancelled |= run.cancelled;
            }
            target.failures.extend(run.failures.iter().cloned());
            target.not_started.extend(run.not_started);
            failures.extend(run.failures);
        }
        outcome.rebuild();
        failures
    }

    async fn rerun_parts(&self, outcome: &mut ScanOutcome, parts: Vec<Part>) -> Vec<PartFailure> {
        outcome.failures.retain(|f| !parts.contains(&f.part));
        outcome.not_started.retain(|p| !parts.contains(p));
        let lane = Lane {
            account: outcome.data.account.clone(),
            data: &mut outcome.data,
            parts,
            answered: Vec::new(),
            fold: false,
        };
        let run = self.run(vec![lane]).await.pop().unwrap_or_default();
        outcome.failures.extend(run.failures.iter().cloned());
        outcome.not_started.extend(run.not_started);
        outcome.cancelled |= run.cancelled;
        outcome.rebuild();
        run.failures
    }

    fn invoice_month(&self) -> (i32, u32) {
        if let Some(month) = self.options.invoice_month {
            return month;
        }
        let now = i64::try_from(self.client.clock().now_ms()).unwrap_or_default();
        BillingMonth::at(now)
            .map(BillingMonth::previous)
            .map_or((1970, 1), |m| (m.year, m.month))
    }

    fn today(&self) -> String {
        let now = i64::try_from(self.client.clock().now_ms()).unwrap_or_default();
        DateTime::from_timestamp_millis(now)
            .map(|t| crate::date_text::iso_date(&t))
            .unwrap_or_else(|| "1970-01-01".into())
    }

    fn report(&self, change: impl FnOnce(&mut ScanProgress)) {
        self.progress.update(change);
        if let Some(callback) = &self.on_progress {
            callback(&self.progress.get());
        }
    }
}
