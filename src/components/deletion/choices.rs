//! What the customer chooses about the plan before confirming it: free kinds to remove too,
//! resources kept for now, and the one explicit choice to delete data not marked in step 2.
//! The plan is rebuilt from the inventory, step 2's marks and these choices.

use std::collections::BTreeSet;
use std::rc::Rc;

use closure::inventory::ResourceKind;
use closure::marks::DataMarks;
use closure::plan::ExclusionReason;
use closure::{Inventory, Plan, ResourceId, Selection};
use yew::prelude::*;

use crate::components::common::ByPtr;

/// The plan as chosen, and the ways to change the choice.
#[derive(Clone)]
pub struct PlanChoices {
    pub plan: Rc<Plan>,
    pub free_kinds: BTreeSet<ResourceKind>,
    pub delete_unmarked: bool,
    /// Resources with data not marked in step 2 that the plan keeps.
    pub unmarked_held: usize,
    /// Resources with data not marked in step 2 that the plan deletes (the customer chose to).
    pub unmarked_deleted: usize,
    pub on_toggle_free: Callback<ResourceKind>,
    pub on_keep: Callback<ResourceId>,
    pub on_delete_unmarked: Callback<bool>,
}

/// Toggles `item` in the set held by `state`.
fn toggle<T: Ord + Clone + 'static>(state: UseStateHandle<BTreeSet<T>>) -> Callback<T> {
    Callback::from(move |item: T| {
        let mut set = (*state).clone();
        if !set.remove(&item) {
            set.insert(item);
        }
        state.set(set);
    })
}

#[hook]
pub fn use_plan_choices(inventory: ByPtr<Inventory>, marks: ByPtr<DataMarks>) -> PlanChoices {
    let free_kinds = use_state(BTreeSet::<ResourceKind>::new);
    let keep = use_state(BTreeSet::<ResourceId>::new);
    let delete_unmarked = use_state_eq(|| false);
    let plan = use_memo(
        (
            inventory,
            (*free_kinds).clone(),
            (*keep).clone(),
            marks.clone(),
            *delete_unmarked,
        ),
        |(inventory, kinds, keep, marks, delete_unmarked)| {
            let mut selection = kinds
                .iter()
                .fold(Selection::billable(), |s, k| s.with_free(*k))
                .with_marks((**marks).clone());
            selection.delete_unmarked_data = *delete_unmarked;
            selection.exclude = keep.clone();
            Rc::new(Plan::build(inventory, &selection))
        },
    );
    // Data nobody marked in step 2: held back by the plan, or (when the customer chose so)
    // deleted by it. The confirmation says which, in words.
    // The plan by identity: 10,000 steps are not compared at every render.
    let unmarked = use_memo((ByPtr((*plan).clone()), marks), |(plan, marks)| {
        let held = plan
            .exclusions
            .iter()
            .filter(|e| matches!(e.reason, ExclusionReason::DataNotMarked { .. }))
            .count();
        let deleted = plan
            .steps
            .iter()
            .flat_map(|s| &s.removes)
            .filter(|id| closure::marks::holds_data(id.kind) && !marks.is_marked(id))
            .count();
        (held, deleted)
    });
    PlanChoices {
        plan: (*plan).clone(),
        free_kinds: (*free_kinds).clone(),
        delete_unmarked: *delete_unmarked,
        unmarked_held: unmarked.0,
        unmarked_deleted: unmarked.1,
        on_toggle_free: toggle(free_kinds),
        on_keep: toggle(keep),
        on_delete_unmarked: Callback::from(move |chosen: bool| delete_unmarked.set(chosen)),
    }
}
