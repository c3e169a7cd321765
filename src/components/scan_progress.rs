//! A scan in progress: parts read of parts known so far, resources found, per data center, and
//! a cancel button. Re-reads the shared progress a few times a second.

use closure::{CancelHandle, ProgressHandle};
use yew::prelude::*;

use crate::services::clock;

#[derive(Properties, Clone)]
pub struct ScanProgressViewProps {
    pub progress: ProgressHandle,
    pub cancel: CancelHandle,
}

impl PartialEq for ScanProgressViewProps {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

#[component]
pub fn ScanProgressView(props: &ScanProgressViewProps) -> Html {
    let _tick = clock::use_now(250);
    let p = props.progress.get();
    let cancel = {
        let handle = props.cancel.clone();
        Callback::from(move |_| handle.cancel())
    };
    let rows = p.per_data_center.iter().map(|(dc, c)| {
        html! {
            <tr key={dc.clone()}>
                <th scope="row">{ if dc.is_empty() { "Account-wide".to_string() } else { dc.clone() } }</th>
                <td>{ format!("{} of {}", c.done, c.known) }</td>
                <td>{ c.resources_found }</td>
                <td>{ c.failed }</td>
            </tr>
        }
    });
    html! {
        <div class="ob-scan-progress" data-testid="scan-progress">
            <p role="status" aria-live="polite">
                <label for="ob-scan-bar">{ format!("Reading the account: {} of {} reads done, {} resources found so far", p.total.done, p.total.known, p.total.resources_found) }</label>
            </p>
            <progress id="ob-scan-bar" max={p.total.known.max(1).to_string()} value={p.total.done.to_string()}></progress>
            <table class="ob-table ob-table-compact">
                <caption>{ "Progress per data center" }</caption>
                <thead><tr><th scope="col">{ "Data center" }</th><th scope="col">{ "Reads" }</th><th scope="col">{ "Resources" }</th><th scope="col">{ "Failed" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <button type="button" class="ob-button" onclick={cancel}>{ "Cancel the scan" }</button>
        </div>
    }
}
