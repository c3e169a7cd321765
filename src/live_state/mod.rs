//! What the live modes have learned about the account, shared with the checklist ([`LiveSummary`]:
//! the first and latest inventories, step 2's marks, the deletion runs' ledgers, whether the
//! customer accepted what still bills), and the live section's own state ([`LiveView`]: the
//! connection, the latest reading, the scan under way). Pure: the live components dispatch what
//! they observed.

mod summary;
mod view;

pub use summary::{LiveMsg, LiveSummary};
pub use view::{LiveView, LiveViewMsg, Reading, ScanId, ScanRun};
