//! How old the data on screen is ("read 2 minutes ago"), kept current while the page is open.

use yew::prelude::*;

use crate::components::common::format;
use crate::components::deletion::step_status::time_of_day;
use crate::services::clock;

/// After this, the page asks for a fresh scan before anything is deleted (while no deletion
/// round is being driven).
const STALE_AFTER_MS: i64 = 60 * 60 * 1000;

#[derive(Properties, PartialEq)]
pub struct DataAgeProps {
    /// When the data was read (epoch ms).
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
            <time datetime={iso}>{ format::age(age) }</time>
            { "." }
            if age > STALE_AFTER_MS {
                if props.driving {
                    // The run counts a step gone only on the service's word (a read showing it
                    // gone, or a 404 answering the delete), and a run that finishes, is stopped
                    // or ends incomplete reads the account again (`on_finished` in
                    // `live::reading`); a paused, taken-over or failed run is not driven, so the
                    // warning below is back and the minute's refresh resumes.
                    { format!(
                        " These are the figures of the scan at {}. The deletion under way checks each deletion with the service before it counts it gone, and the account is read again when the run finishes or is stopped.",
                        time_of_day(
                            clock::unsigned(props.scanned_at),
                            clock::utc_offset_minutes(props.scanned_at),
                        ),
                    ) }
                } else {
                    <strong class="ob-inv-stale">
                        { " It may be out of date: scan again before you delete anything." }
                    </strong>
                }
            }
        </p>
    }
}
