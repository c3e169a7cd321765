//! Each way the API reports a delete is followed as the reference says (§5): a server delete is
//! a classic queue job polled at `/v2/operations/…/status/{id}`; a secondary-NIC removal (sent
//! as a DELETE on an href) is an experimental operation polled at its `uri`; a site-to-site VPN
//! answers a bare job id and is re-listed until gone; a shared load balancer is deleted
//! synchronously and confirmed by re-listing. Concurrency stays within the limit. Re-reads
//! that get no usable answer for a while are told to the page.

mod support;
mod support_exec;

use clc_sim::{FaultKind, Faults, Scenario};
use closure::inventory::ResourceKind as K;
use closure::journal::{Event, Journal, Tracking};
use closure::plan::{DeleteCall, Plan, Step, StepId};
use closure::{Executor, MemoryStore, RunOutcome};

use support::Harness;
use support_exec::{config, rule, scanned_plan};

fn tracking_name(tracking: &Tracking) -> &'static str {
    match tracking {
        Tracking::Queue { .. } => "queue",
        Tracking::Experimental { .. } => "experimental",
        Tracking::VpnJob { .. } => "vpnJob",
        Tracking::Synchronous => "synchronous",
        Tracking::ReRead => "reRead",
    }
}

#[test]
fn every_kind_of_answer_is_followed_as_the_reference_says() {
    let h = Harness::new(Scenario::Demo, 30);
    let (inventory, billable) = scanned_plan(&h);
    let pick = |kind: K| -> Step {
        let mut step = billable
            .steps
            .iter()
            .find(|s| s.kind == kind)
            .unwrap()
            .clone();
        step.waits_for.clear();
        step
    };
    let db_net = inventory
        .of_kind(K::Network)
        .find(|n| n.data_center.as_deref() == Some("VA1") && n.keep.is_none())
        .unwrap();
    let util = inventory
        .of_kind(K::Server)
        .find(|s| s.depends_on.contains(&db_net.id) && s.depends_on.len() > 2)
        .expect("the utility server has a secondary NIC on the database network");
    let mut nic = pick(K::Template);
    nic.id = StepId(format!("nic:{}", util.id.id));
    nic.call = DeleteCall::Href {
        href: format!("/v2/servers/demo/{}/networks/{}", util.id.id, db_net.id.id),
    };
    let steps = vec![
        pick(K::SharedLoadBalancer),
        pick(K::SiteToSiteVpn),
        pick(K::Template),
        nic,
    ];
    let plan = Plan {
        account: billable.account.clone(),
        steps,
        exclusions: vec![],
    };
    h.traffic.borrow_mut().max_in_flight = 0;
    let store = MemoryStore::new();
    let mut cfg = config("tab-1");
    cfg.concurrency = 2;
    let executor = Executor::start(&h.client, store.clone(), plan, cfg).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");
    assert!(h.traffic.borrow().max_in_flight <= 2);

    let journal = Journal::open(store).unwrap();
    let mut kinds: Vec<(String, &str)> = journal
        .entries()
        .iter()
        .filter_map(|e| match &e.event {
            Event::Accepted { step, tracking } => Some((
                step.0.split(':').next().unwrap().to_string(),
                tracking_name(tracking),
            )),
            _ => None,
        })
        .collect();
    kinds.sort();
    let expected = vec![
        ("nic".to_string(), "experimental"),
        ("sharedLoadBalancer".to_string(), "synchronous"),
        ("siteToSiteVpn".to_string(), "vpnJob"),
        ("template".to_string(), "queue"),
    ];
    assert_eq!(kinds, expected);
    let log = &h.traffic.borrow().log;
    let polled = |prefix: &str| {
        log.iter()
            .any(|(_, m, p, _)| m == "GET" && p.starts_with(prefix))
    };
    assert!(
        polled("/v2-experimental/operations/"),
        "experimental operation polled at its uri"
    );
    assert!(polled("/v2/operations/"), "queue job polled");
    assert!(polled("/v2/siteToSiteVpn"), "VPN re-listed");
    let state = h.state();
    assert_eq!(support::len(&state, "/vpns"), 0);
    let util_ips = state["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == util.id.id.as_str())
        .map(|s| s["internalIps"].as_array().unwrap().len());
    assert_eq!(util_ips, Some(1), "the secondary NIC is gone");
}

/// A delete whose confirming re-reads keep getting no usable answer is not a silent wait: after
/// a few such reads the page is told which step, since when (the run's clock), and told again
/// once a read answers. The notice is never stored, and the step is recorded done only by the
/// read that finds it gone.
#[test]
fn confirming_reads_without_a_usable_answer_are_told_to_the_page_until_one_answers() {
    let h = Harness::new(Scenario::Demo, 30);
    let (_, billable) = scanned_plan(&h);
    let mut step = billable
        .steps
        .iter()
        .find(|s| s.kind == K::Template)
        .unwrap()
        .clone();
    step.waits_for.clear();
    let DeleteCall::Server { server_id } = &step.call else {
        panic!("a template is deleted as a server: {:?}", step.call);
    };
    let route = format!("/v2/servers/*/{}", server_id.to_ascii_lowercase());
    let plan = Plan {
        account: billable.account.clone(),
        steps: vec![step.clone()],
        exclusions: vec![],
    };
    let store = MemoryStore::new();
    // (step, told at, since) of every `Unsettled` the page hears; its reads fail from the moment
    // the delete is accepted: four answers that are not JSON, then the real ones.
    let told = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    // How many times the server had been read back after its delete when the notice came.
    let reads_when_told = std::rc::Rc::new(std::cell::Cell::new(0));
    let server_path = format!("/{}", server_id.to_ascii_lowercase());
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1"))
        .unwrap()
        .on_transition({
            let (told, h, route) = (told.clone(), &h, route.clone());
            let (reads_when_told, server_path) = (reads_when_told.clone(), server_path.clone());
            move |entry| match &entry.event {
                Event::Accepted { .. } => h.set_faults(Faults {
                    rules: vec![rule(&route, "GET", Some(4), FaultKind::Malformed)],
                    ..Faults::default()
                }),
                Event::Unsettled { step, since_ms } => {
                    if since_ms.is_some() {
                        let traffic = h.traffic.borrow();
                        let after_delete = traffic
                            .log
                            .iter()
                            .skip_while(|(_, method, ..)| method != "DELETE");
                        let reads = after_delete
                            .filter(|(_, method, path, _)| {
                                method == "GET" && path.to_ascii_lowercase().ends_with(&server_path)
                            })
                            .count();
                        reads_when_told.set(reads);
                    }
                    told.borrow_mut()
                        .push((step.clone(), entry.at_ms, *since_ms))
                }
                _ => {}
            }
        });
    let outcome = h.clock.run(executor.run()).unwrap();
    assert!(matches!(outcome, RunOutcome::Finished(_)), "{outcome:?}");

    let told = told.borrow();
    assert_eq!(told.len(), 2, "one notice, then its end: {told:?}");
    let (ref noticed, noticed_at, Some(since)) = told[0] else {
        panic!("the first says since when: {told:?}");
    };
    assert_eq!(noticed, &step.id);
    assert!(
        since < noticed_at,
        "after a streak of reads, not at the first: {told:?}"
    );
    // Told at the third read in a row without a usable answer: not at the second.
    assert_eq!(reads_when_told.get(), 3);
    assert_eq!(told[1].0, step.id);
    assert_eq!(told[1].2, None, "a read answered: the notice is over");
    assert!(told[1].1 > noticed_at);

    let journal = Journal::open(store).unwrap();
    assert!(
        !journal
            .entries()
            .iter()
            .any(|e| matches!(e.event, Event::Unsettled { .. })),
        "never stored"
    );
    let done = journal
        .entries()
        .iter()
        .find(|e| matches!(e.event, Event::Succeeded { .. }))
        .expect("recorded done");
    assert!(
        done.at_ms >= told[1].1,
        "done only by the read that answered"
    );
    let deletes = h
        .traffic
        .borrow()
        .log
        .iter()
        .filter(|(_, m, p, _)| m == "DELETE" && p.ends_with(server_id.as_str()))
        .count();
    assert_eq!(deletes, 1);
}
