//! The report as data: a versioned serde document whose every section is always present (an
//! absent figure is `null`, an empty list `[]`), so readers can rely on the shape.

use std::rc::Rc;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::ser::Error as _;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::input::{DataMark, DeletionRecord};
use crate::checklist::Commitment;
use crate::cost::{Accrual, LiveBilling};
use crate::inventory::{Inventory, ResourceId};
use crate::invoice::BillingMonth;
use crate::manual_marks::ManualMark;
use crate::zone::LocalOffsets;
use crate::EpochMs;

/// The closure record. Invariants: `schema == "offboard.report"`, `version ==` [`super::VERSION`];
/// `deletions.counts` equals the tally of `deletions.records`' resources; nothing in it is a credential.
///
/// Its inventories serialise only through serde_json ([`Report::to_json`](super::Report::to_json)):
/// they are written as a [`RawValue`] by a writer only the live tools set ([`write_inventories`]),
/// so another serde format, or a wasm build that never set the writer, gets an error, not the
/// inventories. Reading them back (`Deserialize`) needs no writer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema: String,
    pub version: u32,
    pub generated_at: EpochMs,
    /// The customer's offset from UTC when the report was made, east positive.
    pub utc_offset_minutes: i32,
    /// The customer's offsets at the checklist's times, by instant (absent: the one above).
    #[serde(default)]
    pub utc_offsets: LocalOffsets,
    pub account: AccountSection,
    pub checklist: ChecklistSection,
    #[serde(serialize_with = "write_inventory")]
    pub inventory_before: Option<Rc<Inventory>>,
    #[serde(serialize_with = "write_inventory")]
    pub inventory_after: Option<Rc<Inventory>>,
    pub deletions: DeletionsSection,
    pub exclusions: Vec<ExclusionLine>,
    pub manual: Vec<ManualLine>,
    pub data_retrieval: Vec<DataRetrievalLine>,
    pub invoice: Option<InvoiceSection>,
    pub cost: CostSection,
}

/// How an inventory is written into a report: its compact JSON, as its derived `Serialize` gives it.
type InventoryWriter = fn(&Inventory) -> serde_json::Result<Box<RawValue>>;

/// Set by [`write_inventories`]. Only the live tools hold inventories, so the checklist's first
/// load, which writes reports without them, never links the inventory's serialiser (4 KB gzip).
static INVENTORY_WRITER: OnceLock<InventoryWriter> = OnceLock::new();

/// Lets reports write their inventories. The live tools call it when they load
/// (`LiveSlot::tools`), before they can scan; native builds (the tests, the simulator) always
/// can. Idempotent and cheap.
pub fn write_inventories() {
    INVENTORY_WRITER.get_or_init(|| serde_json::value::to_raw_value::<Inventory>);
}

/// The error when an inventory is to be written and no writer was set: the record cannot be
/// written whole, and says so rather than leaving its inventories out.
pub const NO_INVENTORY_WRITER: &str =
    "the part of the app that writes its inventories is not loaded";

/// Writes an inventory of a report as the derived form would (`null` when there is none), the
/// compact text through [`RawValue`], so the bytes are the same.
fn write_inventory<S: Serializer>(
    inventory: &Option<Rc<Inventory>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[cfg(not(target_arch = "wasm32"))]
    if inventory.is_some() {
        write_inventories();
    }
    write_inventory_with(INVENTORY_WRITER.get().copied(), inventory, serializer)
}

/// [`write_inventory`] with the writer given: with `None` an inventory is an error
/// ([`NO_INVENTORY_WRITER`]), which [`Report::to_json`](super::Report::to_json) returns.
fn write_inventory_with<S: Serializer>(
    writer: Option<InventoryWriter>,
    inventory: &Option<Rc<Inventory>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let Some(inventory) = inventory else {
        return serializer.serialize_none();
    };
    let write = writer.ok_or_else(|| S::Error::custom(NO_INVENTORY_WRITER))?;
    write(inventory)
        .map_err(S::Error::custom)?
        .serialize(serializer)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::{write_inventory_with, InventoryWriter};
    use crate::report::WriteError;
    use crate::Inventory;

    fn write(
        writer: Option<InventoryWriter>,
        inventory: Option<Inventory>,
    ) -> Result<String, WriteError> {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut out);
        write_inventory_with(writer, &inventory.map(Rc::new), &mut serializer)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn without_a_writer_an_inventory_is_a_clear_error_not_a_gap() {
        let err = write(None, Some(Inventory::empty("DEMO"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The record could not be written as JSON (the part of the app that writes its \
             inventories is not loaded). The CSV download still lists every resource, deletion \
             and mark."
        );
        // No inventory needs no writer.
        assert_eq!(write(None, None).unwrap(), "null");
    }

    #[test]
    fn with_the_writer_an_inventory_is_written_as_its_derived_form() {
        let inventory = Inventory::empty("DEMO");
        let writer: InventoryWriter = serde_json::value::to_raw_value::<Inventory>;
        assert_eq!(
            write(Some(writer), Some(inventory.clone())).unwrap(),
            serde_json::to_string(&inventory).unwrap()
        );
    }
}

/// Which account, through which API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSection {
    pub alias: String,
    pub api_base: String,
    /// The simulator's demo account: nothing real was deleted.
    pub demo: bool,
    /// The sub-accounts read and emptied with the parent `alias` (absent in older records).
    #[serde(default)]
    pub sub_accounts: Vec<String>,
}

/// The article's checklist: the exception answer, the ticks and the times of step 4.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistSection {
    pub commitment: Commitment,
    /// Steps 1–4, in order.
    pub steps_done: [bool; 4],
    pub requested_at: Option<EpochMs>,
    pub escalated_at: Option<EpochMs>,
    pub confirmed_at: Option<EpochMs>,
}

/// How many resources ended each way (the unit of [`crate::counts`]: a group deletion counts
/// the group and everything in it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletionCounts {
    pub removed: usize,
    pub failed: usize,
    pub remaining: usize,
}

impl DeletionCounts {
    /// Every resource the deletions stand for: removed, failed or not deleted.
    pub fn resources(&self) -> usize {
        self.removed + self.failed + self.remaining
    }
}

/// Every deletion, in the order requested, and their tally.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletionsSection {
    pub counts: DeletionCounts,
    pub records: Vec<DeletionRecord>,
}

/// A resource kept on purpose, and why (from the inventory's `Keep`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExclusionLine {
    pub resource: ResourceId,
    pub name: String,
    pub data_center: Option<String>,
    pub why: String,
}

/// A thing to check by hand, and what the customer answered about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManualLine {
    pub key: String,
    pub title: String,
    pub what_to_do: String,
    pub billable: bool,
    /// The customer marked it done (`answer` says the same, and also "not applicable").
    pub done: bool,
    /// `done`, `notApplicable`, or `null` when not answered (absent in older records).
    #[serde(default)]
    pub answer: Option<ManualMark>,
}

/// A data-bearing resource and the customer's step-2 mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataRetrievalLine {
    pub resource: ResourceId,
    /// From the inventory before (or after); the id when neither has it.
    pub name: String,
    pub data_center: Option<String>,
    pub mark: DataMark,
}

/// When the final invoice is expected (after the close of the billing month, which is a UTC
/// month), from the request time, or from the report time when closure was not requested yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceSection {
    /// The reference moment: the request, or the report time.
    pub from_request: bool,
    pub billing_month: BillingMonth,
    pub month_closes: NaiveDate,
    pub expected_from: NaiveDate,
}

/// Money at the start and what still accrues at the end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CostSection {
    /// Live billing of the inventory before (month to date when the closure started).
    pub at_start: Option<LiveBilling>,
    /// What still accrues per hour according to the inventory after.
    pub accruing_at_end: Option<Accrual>,
}
