//! One step of a run: what it deletes, its state in words (with the operation id while
//! queued or executing), and for a failed step the reason and a Retry button.

use closure::journal::{StepRecord, StepStatus};
use closure::plan::StepId;
use closure::Step;
use yew::prelude::*;

use super::resource_name::step_name;
use super::step_status::status_words;
use crate::services::clock;

#[derive(Properties, PartialEq)]
pub struct ProgressRowProps {
    pub step: Step,
    pub record: StepRecord,
    pub can_retry: bool,
    pub on_retry: Callback<StepId>,
}

#[component]
pub fn ProgressRow(props: &ProgressRowProps) -> Html {
    let status = &props.record.status;
    let failed = matches!(status, StepStatus::Failed { .. });
    let retry = {
        let (id, on_retry) = (props.step.id.clone(), props.on_retry.clone());
        Callback::from(move |_| on_retry.emit(id.clone()))
    };
    let what = props.step.describe();
    // The customer's offset at the instant the row names (the next look, or since when its
    // reads get no answer), else now.
    let offset = clock::utc_offset_minutes(
        props
            .record
            .next_look_ms
            .or(props.record.unsettled_since_ms)
            .map_or_else(clock::now_ms, |at| i64::try_from(at).unwrap_or(i64::MAX)),
    );
    html! {
        <tr class={classes!("ob-del-step", format!("ob-del-{}", status.label()))} data-step={props.step.id.0.clone()} data-status={status.label()}
            data-account={(!props.step.account.is_empty()).then(|| props.step.account.clone())}>
            <th scope="row" class="ob-inv-name">{ step_name(&props.step) }</th>
            <td><span class="ob-del-state">{ status_words(&props.record, offset, clock::now_unsigned_ms()) }</span></td>
            <td>
                if failed {
                    <button type="button" class="ob-button ob-button-quiet" onclick={retry} disabled={!props.can_retry}
                        aria-label={format!("Retry: {what}")}>{ "Retry" }</button>
                }
            </td>
        </tr>
    }
}
