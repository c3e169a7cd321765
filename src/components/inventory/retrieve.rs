//! Step 2, retrieve data: every data-bearing resource (servers, archived servers, templates,
//! snapshots, RDBS subscriptions, backup server policies) is marked "data retrieved" or "not
//! needed". Marks are kept per account alias ([`crate::services::marks`]), saved in an effect.

use std::rc::Rc;

use closure::gate::all_marked;
use closure::marks::{data_bearing, marked_count, DataMarks as Marks, Mark};
use closure::service_task::facts;
use closure::{Inventory, Resource, ResourceId};
use yew::prelude::*;

use crate::components::common::ByPtr;

use super::mark_row::mark_row;
use super::service_task::ServiceTask;
use crate::components::common::format::{agreeing, count};
use crate::components::common::pager::{use_paging, Pager, LIST_PAGE};
use crate::content::SERVICE_TASK_URL;
use crate::services::{clock, marks};

#[derive(Properties, PartialEq)]
pub struct RetrieveDataProps {
    pub inventory: ByPtr<Inventory>,
    /// Told the marks (and whether step 2 is complete, `closure::gate::all_marked`) on mount
    /// and at every change: the plan holds back whatever is not marked.
    #[prop_or_default]
    pub on_marked: Callback<(Rc<Marks>, bool)>,
}

#[component]
pub fn RetrieveData(props: &RetrieveDataProps) -> Html {
    let alias = props.inventory.account.clone();
    let loaded = use_memo(alias.clone(), |alias| marks::load(alias, clock::now_ms()));
    let current = use_state_eq(|| loaded.value.clone());
    let save_failed = use_state_eq(|| false);
    let unmarked_only = use_state_eq(|| false);
    {
        let (may_save, save_failed, alias) = (loaded.may_save, save_failed.clone(), alias.clone());
        // Every change after the first render is saved, taking back the last mark included.
        let mounted = use_mut_ref(|| false);
        use_effect_with((*current).clone(), move |m: &Marks| {
            if may_save && mounted.replace(true) {
                save_failed.set(marks::save(&alias, m, clock::now_ms()).is_err());
            }
        });
    }
    let done = all_marked(&props.inventory, &current);
    {
        let on_marked = props.on_marked.clone();
        use_effect_with(((*current).clone(), done), move |(marks, done)| {
            on_marked.emit((Rc::new(marks.clone()), *done))
        });
    }
    let on_mark = {
        let current = current.clone();
        Callback::from(move |(id, mark): (ResourceId, Mark)| {
            let mut next = (*current).clone();
            next.set(&id, mark);
            current.set(next);
        })
    };
    let listed: Vec<&Resource> = data_bearing(&props.inventory)
        .filter(|r| !*unmarked_only || current.get(&r.id).is_none())
        .collect();
    let mark_all = |mark: Mark| {
        let (current, ids) = (
            current.clone(),
            listed.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut next = (*current).clone();
            ids.iter().for_each(|id| next.set(id, mark));
            current.set(next);
        })
    };
    let (marked, total) = marked_count(&props.inventory, &current);
    let paging = use_paging(listed.len(), LIST_PAGE);
    let window = paging.window;
    let rows = listed[window.start..window.end]
        .iter()
        .map(|r| mark_row(r, current.get(&r.id), &facts(&props.inventory, r), &on_mark));
    let toggle_unmarked = {
        let (unmarked_only, paging) = (unmarked_only.clone(), paging.clone());
        Callback::from(move |_: Event| {
            unmarked_only.set(!*unmarked_only);
            paging.go(0);
        })
    };
    let n = listed.len();
    html! {
        <section class="ob-inv-section ob-inv-retrieve" aria-labelledby="ob-inv-retrieve-title"
            data-testid="inventory-retrieve">
            <h3 id="ob-inv-retrieve-title">
                { "Copy off your data" }
                if done { <span class="ob-badge">{ "Done" }</span> }
            </h3>
            <p>
                { "For each resource that holds data, say whether you have copied off what you need \
                   or do not need it. Each one lists what there is to keep. For help getting a server \
                   or other data out, order a " }
                <a href={SERVICE_TASK_URL} target="_blank" rel="noopener noreferrer">{ "Service Task" }</a>
                { " (billed): a request is prepared below." }
            </p>
            if let Some(notice) = &loaded.notice {
                <p class="ob-notice" role="status">{ notice }</p>
            }
            if *save_failed {
                <p class="ob-notice" role="status">{ "Your latest mark could not be saved in this browser." }</p>
            }
            <p class="ob-progress" data-testid="inventory-marked" aria-live="polite">
                <label for="ob-inv-marked">{ summary(total, marked) }</label>
                <progress id="ob-inv-marked" max={total.max(1).to_string()} value={marked.to_string()}></progress>
                if done && total > 0 { <strong>{ "Every resource with data is marked." }</strong> }
            </p>
            if !done && marked == total {
                <p class="ob-inv-flag">{ "Some parts of the account could not be read, so there may be more to copy off. Retry them above first." }</p>
            }
            if total > 0 {
                <div class="ob-inv-mark-tools">
                    <label class="ob-inv-check">
                        <input type="checkbox" checked={*unmarked_only} onchange={toggle_unmarked} />
                        { " Only those not marked yet" }
                    </label>
                    if n > 0 {
                        <p class="ob-actions">
                            <button type="button" class="ob-button ob-button-quiet" onclick={mark_all(Mark::Retrieved)}>
                                { format!("Mark all {} listed: data retrieved", count(n)) }
                            </button>
                            <button type="button" class="ob-button ob-button-quiet" onclick={mark_all(Mark::NotNeeded)}>
                                { format!("Mark all {} listed: not needed", count(n)) }
                            </button>
                        </p>
                    }
                </div>
                <ul class="ob-inv-marks">{ for rows }</ul>
                <Pager page={window.page} pages={window.pages} label="Pages of resources with data" on_page={paging.on_page()} />
                <ServiceTask inventory={props.inventory.clone()} />
            } else {
                <p>{ "The scan found no servers, templates, snapshots, databases or backups." }</p>
            }
        </section>
    }
}

/// `12 resources hold data, 3 are marked` (`1 resource holds data, 1 is marked`).
fn summary(total: usize, marked: usize) -> String {
    format!(
        "{} {} data, {} {} marked",
        count(total),
        agreeing(total, "resource holds", "resources hold"),
        count(marked),
        agreeing(marked, "is", "are")
    )
}
