//! The plan's ordering: which steps wait for which (backup policies before their servers'
//! deletes, firewall policies after the servers of their data center, networks after both and
//! after any cross-DC policy that names them), and within a phase the biggest hourly saving
//! first.

use std::collections::{BTreeMap, BTreeSet};

use super::step::{DeletionPhase, Step, StepId};
use crate::inventory::Inventory;

/// Fills every step's `waits_for`. Only earlier phases are waited for, so there is no cycle.
pub(super) fn wire_waits(steps: &mut [Step], inventory: &Inventory) {
    let mut backup_of_server: BTreeMap<String, Vec<StepId>> = BTreeMap::new();
    for step in steps
        .iter()
        .filter(|s| s.phase == DeletionPhase::BackupPolicies)
    {
        let server = inventory
            .get(&step.resource)
            .into_iter()
            .flat_map(|r| &r.depends_on)
            .filter(|d| super::build::is_server(d.kind));
        for s in server {
            backup_of_server
                .entry(s.id.clone())
                .or_default()
                .push(step.id.clone());
        }
    }
    let in_phase =
        |phase: DeletionPhase, steps: &[Step]| -> BTreeMap<Option<String>, Vec<StepId>> {
            let mut out: BTreeMap<Option<String>, Vec<StepId>> = BTreeMap::new();
            for s in steps.iter().filter(|s| s.phase == phase) {
                out.entry(dc_key(&s.data_center))
                    .or_default()
                    .push(s.id.clone());
            }
            out
        };
    let servers_by_dc = in_phase(DeletionPhase::Servers, steps);
    let firewall_by_dc = in_phase(DeletionPhase::FirewallPolicies, steps);
    let mut firewall_of_network: BTreeMap<String, Vec<StepId>> = BTreeMap::new();
    for step in steps
        .iter()
        .filter(|s| s.phase == DeletionPhase::FirewallPolicies)
    {
        let networks = inventory
            .get(&step.resource)
            .into_iter()
            .flat_map(|r| &r.depends_on);
        for network in networks {
            let ids = firewall_of_network.entry(network.id.clone()).or_default();
            ids.push(step.id.clone());
        }
    }
    for step in steps.iter_mut() {
        let mut waits: BTreeSet<StepId> = BTreeSet::new();
        let dc = dc_key(&step.data_center);
        match step.phase {
            DeletionPhase::Servers => {
                for removed in &step.removes {
                    waits.extend(
                        backup_of_server
                            .get(&removed.id)
                            .into_iter()
                            .flatten()
                            .cloned(),
                    );
                }
            }
            DeletionPhase::FirewallPolicies => {
                waits.extend(servers_by_dc.get(&dc).into_iter().flatten().cloned());
            }
            DeletionPhase::Networks => {
                waits.extend(servers_by_dc.get(&dc).into_iter().flatten().cloned());
                waits.extend(firewall_by_dc.get(&dc).into_iter().flatten().cloned());
                let policies = firewall_of_network.get(&step.resource.id);
                waits.extend(policies.into_iter().flatten().cloned());
            }
            _ => {}
        }
        waits.remove(&step.id);
        step.waits_for = waits.into_iter().collect();
    }
}

fn dc_key(dc: &Option<String>) -> Option<String> {
    dc.as_ref().map(|d| d.to_ascii_uppercase())
}

/// Phase order, then the biggest known hourly saving first, then step id.
pub(super) fn sort(steps: &mut [Step]) {
    crate::sorting::sort_by(steps, |a, b| {
        a.phase
            .cmp(&b.phase)
            .then(b.known_hourly_saving.total_cmp(&a.known_hourly_saving))
            .then(a.id.cmp(&b.id))
    });
}
