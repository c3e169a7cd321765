//! The customer's offset from UTC at the instants a record shows. Pure code cannot read the
//! time zone, and one offset is wrong across a daylight-saving change (a request at 00:30 GMT
//! read back after the clocks went forward is not "01:30 at UTC+01:00" to the customer), so the
//! edge asks the browser for the offset at each instant it will show and hands the answers over.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::EpochMs;

/// Offsets in minutes east of UTC (UTC+1 is 60), by instant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalOffsets(BTreeMap<EpochMs, i32>);

impl LocalOffsets {
    /// The offsets `zone` gives at each of `instants`.
    pub fn of(instants: impl IntoIterator<Item = EpochMs>, zone: impl Fn(EpochMs) -> i32) -> Self {
        // Extended, not collected: `collect` sorts first, with a sort compiled for this map
        // alone (in the first load, for the record). An instant given twice: the same offset.
        let mut offsets = BTreeMap::new();
        offsets.extend(instants.into_iter().map(|at| (at, zone(at))));
        LocalOffsets(offsets)
    }

    /// The same offset at every instant (a zone without daylight saving, or a test's).
    pub fn fixed(instants: impl IntoIterator<Item = EpochMs>, offset: i32) -> Self {
        Self::of(instants, |_| offset)
    }

    /// The offset at `at`; `otherwise` for an instant nobody asked about.
    pub fn at(&self, at: EpochMs, otherwise: i32) -> i32 {
        self.0.get(&at).copied().unwrap_or(otherwise)
    }
}
