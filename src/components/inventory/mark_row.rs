//! Step 2's choice for one data-bearing resource: "data retrieved" or "not needed". The legend
//! and each label name the resource, so a screen reader never hears a bare "Not needed".

use closure::{Resource, ResourceId};
use yew::prelude::*;

use closure::marks::{mark_key, Mark};

#[derive(Properties, PartialEq)]
pub struct MarkRowProps {
    pub resource: Resource,
    pub mark: Option<Mark>,
    /// What there is to keep (`closure::service_task::facts`): disks, snapshots, backups…
    #[prop_or_default]
    pub facts: Vec<String>,
    pub on_mark: Callback<(ResourceId, Mark)>,
}

#[component]
pub fn MarkRow(props: &MarkRowProps) -> Html {
    let r = &props.resource;
    let name = format!("ob-mark-{}", mark_key(&r.id));
    let what = format!("{} {}", r.id.kind.label(), r.name);
    let choose = |mark: Mark| {
        let id = r.id.clone();
        props.on_mark.reform(move |_: Event| (id.clone(), mark))
    };
    let class = classes!(
        "ob-inv-mark",
        props.mark.is_some().then_some("ob-inv-mark-done")
    );
    html! {
        <li class={class}>
            <fieldset>
                <legend>
                    <span class="ob-inv-kind">{ r.id.kind.label() }</span>
                    { " " }
                    <span class="ob-inv-name">{ &r.name }</span>
                    if let Some(dc) = &r.data_center {
                        <span class="ob-inv-muted">{ format!(" in {dc}") }</span>
                    }
                </legend>
                if !props.facts.is_empty() {
                    <ul class="ob-inv-facts" aria-label={format!("What {what} holds")}>
                        { for props.facts.iter().map(|f| html! { <li>{ f }</li> }) }
                    </ul>
                }
                <label>
                    <input type="radio" name={name.clone()} value="retrieved"
                        checked={props.mark == Some(Mark::Retrieved)} onchange={choose(Mark::Retrieved)} />
                    { " Data retrieved" }
                    <span class="ob-visually-hidden">{ format!(" from {what}") }</span>
                </label>
                <label>
                    <input type="radio" name={name} value="not-needed"
                        checked={props.mark == Some(Mark::NotNeeded)} onchange={choose(Mark::NotNeeded)} />
                    { " Not needed" }
                    <span class="ob-visually-hidden">{ format!(": the data of {what}") }</span>
                </label>
            </fieldset>
        </li>
    }
}
