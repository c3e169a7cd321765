//! What the sign-in token cannot see (object storage, DNS, SMTP relay, client VPN): each item
//! with why it is manual, what to do, and the customer's answer, "done" or "not applicable".
//! Answers are kept per account alias ([`crate::services::manual_marks`]), saved in an effect;
//! the gate names the billable items not answered, and the record keeps every answer.

use std::rc::Rc;

use closure::inventory::ManualItem;
use closure::manual_marks::{ManualMark, ManualMarks};
use yew::prelude::*;

use crate::services::{clock, manual_marks};

#[derive(Properties, PartialEq)]
pub struct ManualItemsProps {
    pub items: Vec<ManualItem>,
    /// The account alias the answers are kept under.
    pub alias: AttrValue,
    /// Told the answers on mount and at every change.
    #[prop_or_default]
    pub on_marked: Callback<Rc<ManualMarks>>,
}

#[component]
pub fn ManualItems(props: &ManualItemsProps) -> Html {
    let loaded = use_memo(props.alias.clone(), |alias| {
        manual_marks::load(alias, clock::now_ms())
    });
    let current = use_state_eq(|| loaded.value.clone());
    let save_failed = use_state_eq(|| false);
    {
        let (on_marked, alias) = (props.on_marked.clone(), props.alias.clone());
        let (may_save, save_failed) = (loaded.may_save, save_failed.clone());
        // Every change after the first render is saved, taking back the last answer included.
        let mounted = use_mut_ref(|| false);
        use_effect_with((*current).clone(), move |marks: &ManualMarks| {
            if may_save && mounted.replace(true) {
                save_failed.set(manual_marks::save(&alias, marks, clock::now_ms()).is_err());
            }
            on_marked.emit(Rc::new(marks.clone()));
        });
    }
    let items = props.items.iter().map(|item| {
        let answer = current.get(&item.key);
        let choose = |mark: Option<ManualMark>| {
            let (current, key) = (current.clone(), item.key.clone());
            Callback::from(move |_: Event| {
                let mut next = (*current).clone();
                next.set(&key, mark);
                current.set(next);
            })
        };
        let id = format!("ob-inv-manual-{}", item.key);
        let name = format!("ob-manual-{}", item.key);
        let radio = |mark: Option<ManualMark>, value: &'static str, label: &'static str| {
            html! {
                <label>
                    <input type="radio" name={name.clone()} value={value} checked={answer == mark}
                        onchange={choose(mark)} />
                    { format!(" {label}") }
                </label>
            }
        };
        html! {
            <li class={classes!("ob-inv-manual-item", answer.is_some().then_some("ob-inv-mark-done"))} key={item.key.clone()}>
                <h4 id={id.clone()}>
                    { &item.title }
                    { " " }
                    if item.billable {
                        <span class="ob-inv-tag ob-inv-tag-warn">{ "Can keep billing" }</span>
                    } else {
                        <span class="ob-badge">{ "Free" }</span>
                    }
                </h4>
                <p class="ob-inv-muted">{ &item.why_manual }</p>
                <p><strong>{ "What to do: " }</strong>{ &item.what_to_do }</p>
                <div class="ob-inv-mark">
                    <fieldset aria-labelledby={id}>
                        { radio(None, "open", "Not yet") }
                        { radio(Some(ManualMark::Done), "done", "Done") }
                        { radio(Some(ManualMark::NotApplicable), "not-applicable", "Not applicable") }
                    </fieldset>
                </div>
            </li>
        }
    });
    html! {
        <section class="ob-inv-section" id={closure::gate::ANCHOR_MANUAL} aria-labelledby="ob-inv-manual-title" data-testid="inventory-manual">
            <h3 id="ob-inv-manual-title">{ "Check these by hand" }</h3>
            <p>
                { "This app cannot see the following with your sign-in, so they are not in the lists \
                   above. Mark each one done, or not applicable if the account never had it; your \
                   answers go into the closure record." }
            </p>
            if let Some(notice) = &loaded.notice {
                <p class="ob-notice" role="status">{ notice }</p>
            }
            if *save_failed {
                <p class="ob-notice" role="status">{ "Your latest answer could not be saved in this browser." }</p>
            }
            <ul class="ob-inv-manual">{ for items }</ul>
        </section>
    }
}
