//! Export buttons: the whole inventory as JSON (for the closure record) or CSV (for a
//! spreadsheet), saved through the browser, never sent anywhere.

use closure::inventory::export::{to_csv, to_json};
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::{callout, Tone};

use crate::components::common::ByPtr;

use crate::components::common::format::export_file_name;
use crate::services::{clock, download};

#[derive(Properties, PartialEq)]
pub struct ExportButtonsProps {
    pub inventory: ByPtr<Inventory>,
    /// When the data was read (epoch ms): the date in the file names.
    pub scanned_at: i64,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Csv,
}

#[component]
pub fn ExportButtons(props: &ExportButtonsProps) -> Html {
    let error = use_state_eq(|| None::<String>);
    let date = closure::invoice::local_date(
        props.scanned_at,
        clock::utc_offset_minutes(props.scanned_at),
    );
    let save = |format: Format| {
        let inventory = props.inventory.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let (ext, mime, text) = match format {
                Format::Json => ("json", "application/json", to_json(&inventory)),
                // The byte-order mark makes spreadsheets read the file as UTF-8.
                Format::Csv => (
                    "csv",
                    "text/csv;charset=utf-8",
                    format!("\u{feff}{}", to_csv(&inventory)),
                ),
            };
            let name = export_file_name(&inventory.account, date, ext);
            error.set(
                download::save_text(&name, mime, &text)
                    .err()
                    .map(|e| e.to_string()),
            );
        })
    };
    html! {
        <div class="ob-inv-export">
            <p class="ob-actions">
                <button type="button" class="ob-button" onclick={save(Format::Json)}>
                    { "Export JSON" }
                </button>
                <button type="button" class="ob-button" onclick={save(Format::Csv)}>
                    { "Export CSV" }
                </button>
            </p>
            if let Some(message) = (*error).clone() {
                { callout(Tone::Alert, None, None, html! { <p>{ message }</p> }) }
            }
        </div>
    }
}
