//! The inventory as JSON (everything, for the closure report) and CSV (one row per resource,
//! for a spreadsheet). CSV cells are quoted per RFC 4180 and neutralised against formula
//! injection: API-provided names are hostile input. Neither format can contain the token, since
//! the inventory never holds it.

use super::{Inventory, Resource};

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 14] = [
    "account",
    "kind",
    "id",
    "name",
    "data_center",
    "group_path",
    "state",
    "hourly_usd",
    "month_to_date",
    "monthly_estimate",
    "cost_basis",
    "deletable",
    "keep",
    "depends_on",
];

/// Pretty JSON of the whole inventory.
pub fn to_json(inventory: &Inventory) -> String {
    serde_json::to_string(inventory)
        .map_or_else(|_| "{}".into(), |json| crate::pretty::pretty(&json))
}

/// One header line and one line per resource, `\r\n`-terminated.
pub fn to_csv(inventory: &Inventory) -> String {
    let mut out = csv_line(CSV_COLUMNS.iter().map(|c| c.to_string()));
    for r in &inventory.resources {
        out.push_str(&csv_line(
            std::iter::once(inventory.alias_of(r).to_string()).chain(row(r)),
        ));
    }
    out
}

fn row(r: &Resource) -> impl Iterator<Item = String> {
    let money =
        |m: Option<clc::Money>| m.map(|m| format!("{:.2}", m.dollars())).unwrap_or_default();
    let keep = match &r.keep {
        None => String::new(),
        Some(super::Keep::SystemGroup) => "system group".into(),
        Some(super::Keep::FreePrimaryNetwork { certain: true, .. }) => {
            "free primary network".into()
        }
        Some(super::Keep::FreePrimaryNetwork { certain: false, .. }) => {
            "probably free primary network".into()
        }
    };
    let depends_on: Vec<String> = r
        .depends_on
        .iter()
        .map(|d| format!("{} {}", d.kind.label(), d.id))
        .collect();
    [
        r.id.kind.label().to_string(),
        r.id.id.clone(),
        r.name.clone(),
        r.data_center.clone().unwrap_or_default(),
        r.group_path.clone().unwrap_or_default(),
        r.state.label(),
        r.cost.hourly.map(|h| format!("{h:.5}")).unwrap_or_default(),
        money(r.cost.month_to_date),
        money(r.cost.monthly_estimate),
        format!("{:?}", r.cost.basis),
        r.deletable.to_string(),
        keep,
        depends_on.join("; "),
    ]
    .into_iter()
}

fn csv_line(fields: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = fields.map(|f| csv_field(&f)).collect();
    format!("{}\r\n", cells.join(","))
}

/// One CSV cell: a leading `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so
/// spreadsheets do not run it as a formula; then the cell is quoted (inner quotes doubled) if
/// it contains a comma, quote, line break or the prefix.
pub fn csv_field(value: &str) -> String {
    let neutralised = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if neutralised.contains([',', '"', '\n', '\r', '\'']) || neutralised != value {
        format!("\"{}\"", neutralised.replace('"', "\"\""))
    } else {
        neutralised
    }
}
