//! Step 2's choice for one data-bearing resource: "data retrieved" or "not needed". The legend
//! and each label name the resource, so a screen reader never hears a bare "Not needed".

use closure::{Resource, ResourceId};
use yew::prelude::*;

use closure::marks::{mark_key, Mark};

/// The choice for `r`, keyed by its mark key, as `mark` stands. `facts` are what there is to keep
/// (`closure::service_task::facts`): disks, snapshots, backups…
pub fn mark_row(
    r: &Resource,
    mark: Option<Mark>,
    facts: &[String],
    on_mark: &Callback<(ResourceId, Mark)>,
) -> Html {
    let key = mark_key(&r.id);
    let name = format!("ob-mark-{key}");
    let what = format!("{} {}", r.id.kind.label(), r.name);
    let choose = |mark: Mark| {
        let id = r.id.clone();
        on_mark.reform(move |_: Event| (id.clone(), mark))
    };
    let class = classes!("ob-inv-mark", mark.is_some().then_some("ob-inv-mark-done"));
    html! {
        <li key={key} class={class}>
            <fieldset>
                <legend>
                    <span class="ob-inv-kind">{ r.id.kind.label() }</span>
                    { " " }
                    <span class="ob-inv-name">{ &r.name }</span>
                    if let Some(dc) = &r.data_center {
                        <span class="ob-inv-muted">{ format!(" in {dc}") }</span>
                    }
                </legend>
                if !facts.is_empty() {
                    <ul class="ob-inv-facts" aria-label={format!("What {what} holds")}>
                        { for facts.iter().map(|f| html! { <li>{ f }</li> }) }
                    </ul>
                }
                <label>
                    <input type="radio" name={name.clone()} value="retrieved"
                        checked={mark == Some(Mark::Retrieved)} onchange={choose(Mark::Retrieved)} />
                    { " Data retrieved" }
                    <span class="ob-visually-hidden">{ format!(" from {what}") }</span>
                </label>
                <label>
                    <input type="radio" name={name} value="not-needed"
                        checked={mark == Some(Mark::NotNeeded)} onchange={choose(Mark::NotNeeded)} />
                    { " Not needed" }
                    <span class="ob-visually-hidden">{ format!(": the data of {what}") }</span>
                </label>
            </fieldset>
        </li>
    }
}
