//! How old the data on screen is ("read 2 minutes ago"), kept current while the page is open.

use yew::prelude::*;

use crate::components::common::format;
use crate::services::clock;

/// After this, the page asks for a fresh scan before anything is deleted (while no deletion
/// round is being driven).
const STALE_AFTER_MS: i64 = 60 * 60 * 1000;

/// From this age on (when the age is said in days), the scan's time is said with its date.
const DATED_AFTER_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Properties, PartialEq)]
pub struct DataAgeProps {
    /// When the data was read (epoch ms): the scan's time, which a part's Retry keeps (the rest
    /// of the figures are as old as the scan).
    pub scanned_at: i64,
    /// A round of a deletion run is being driven in this tab: the minute's refresh waits for it
    /// (`components::live`), so old data is expected then and is no reason to scan again.
    pub driving: bool,
}

#[component]
pub fn DataAge(props: &DataAgeProps) -> Html {
    let now = clock::use_now(15_000);
    let age = now - props.scanned_at;
    let iso = chrono::DateTime::from_timestamp_millis(props.scanned_at)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    html! {
        <p class="ob-inv-age" data-testid="inventory-age">
            { "Data read " }
            <time datetime={iso.clone()}>{ format::age(age) }</time>
            { "." }
            if age > STALE_AFTER_MS {
                if props.driving {
                    // The run counts a step gone only on the service's word (a read showing it
                    // gone, or a 404 answering the delete), and a run that finishes, is stopped
                    // or ends incomplete reads the account again (`on_finished` in
                    // `live::reading`); a paused, taken-over or failed run is not driven, so the
                    // warning below is back and the minute's refresh resumes.
                    { " These are the figures of the scan at " }
                    <time datetime={iso}>{ scan_time(props.scanned_at, age) }</time>
                    { ". The deletion under way checks each deletion with the service before it counts it gone, and the account is read again when the run finishes or is stopped." }
                } else {
                    <strong class="ob-inv-stale">
                        { " It may be out of date: scan again before you delete anything." }
                    </strong>
                }
            }
        </p>
    }
}

/// When the scan was, in the customer's time: its time of day, with its date once it is a day
/// old or more (when its age is said in days).
fn scan_time(scanned_at: i64, age: i64) -> String {
    let (at, offset) = (
        clock::unsigned(scanned_at),
        clock::utc_offset_minutes(scanned_at),
    );
    if age >= DATED_AFTER_MS {
        format::date_and_time(at, offset)
    } else {
        format::time_of_day(at, offset)
    }
}
