//! Cost aggregation and invoice reconciliation: live billing equals the simulator's own
//! figures, the hourly accrual splits into billed and list-price parts that match the
//! simulator's rates kind by kind, summaries add up, and the only invoice lines the inventory
//! cannot explain are bandwidth (plus hinted manual items on a hand-made invoice).

mod support;

use clc::models::{Invoice, InvoiceLineItem};
use clc_sim::Scenario;
use closure::cost::{self, LineCategory};
use closure::inventory::CostBasis;
use closure::{Inventory, ResourceKind as K, Scanner};
use serde_json::Value;

use support::Harness;

fn scan_demo() -> (Harness, Inventory) {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    (h, std::rc::Rc::unwrap_or_clone(outcome.inventory))
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

fn hourly_of(accrual: &cost::Accrual, kinds: &[K]) -> f64 {
    accrual
        .lines
        .iter()
        .filter(|l| kinds.contains(&l.kind))
        .map(|l| l.hourly)
        .sum()
}

#[test]
fn live_billing_equals_the_simulators_month_to_date() {
    let (h, inventory) = scan_demo();
    let state = h.state();
    let live = cost::live_billing(&inventory);
    let servers = state["billing"]["serversMonthToDate"].as_f64().unwrap();
    assert!(
        close(live.servers_month_to_date.dollars(), servers, 0.10),
        "{live:?} vs {servers}"
    );
    let rdbs = state["billing"]["rdbsMonthToDate"].as_f64().unwrap();
    assert!(close(live.rdbs_month_to_date.dollars(), rdbs, 0.01));
    assert!(live.monthly_estimate() > live.month_to_date());
    assert!(!live.incomplete);
}

#[test]
fn the_hourly_accrual_matches_the_simulators_rates_kind_by_kind() {
    let (h, inventory) = scan_demo();
    let rates: Value = h.state()["billing"]["hourly"].clone();
    let rate = |k: &str| rates[k].as_f64().unwrap();
    let accrual = cost::accrual(&inventory);
    let servers = hourly_of(&accrual, &[K::Server, K::Template, K::ArchivedServer]);
    for (found, expected, what) in [
        (servers, rate("servers"), "servers"),
        (
            hourly_of(&accrual, &[K::PublicIp]),
            rate("publicIps"),
            "public IPs",
        ),
        (
            hourly_of(&accrual, &[K::Network]),
            rate("networks"),
            "networks",
        ),
        (
            hourly_of(&accrual, &[K::SiteToSiteVpn]),
            rate("vpns"),
            "VPNs",
        ),
        (
            hourly_of(&accrual, &[K::SharedLoadBalancer]),
            rate("loadBalancers"),
            "load balancers",
        ),
        (
            hourly_of(&accrual, &[K::RdbsSubscription]),
            rate("rdbs"),
            "RDBS",
        ),
        (
            hourly_of(&accrual, &[K::BackupServerPolicy]),
            rate("backup"),
            "backup",
        ),
    ] {
        assert!(
            close(found, expected, 0.001),
            "{what}: {found} vs {expected}"
        );
    }
    assert!(close(accrual.total_hourly(), rate("total"), 0.002));
    assert!(close(
        accrual.billed_hourly,
        rate("servers") + rate("rdbs"),
        0.001
    ));
    assert!(accrual.lines.iter().all(|l| l.basis != CostBasis::Unknown));
    let estimated = accrual
        .lines
        .iter()
        .filter(|l| l.basis == CostBasis::ListPriceEstimate);
    assert!(estimated.map(|l| l.kind).all(|k| [
        K::PublicIp,
        K::Network,
        K::SiteToSiteVpn,
        K::SharedLoadBalancer,
        K::BackupServerPolicy
    ]
    .contains(&k)));
}

#[test]
fn summaries_per_kind_and_per_data_center_add_up_to_the_same_totals() {
    let (_, inventory) = scan_demo();
    let by_kind = cost::by_kind(&inventory);
    let by_dc = cost::by_data_center(&inventory);
    let count = |it: &mut dyn Iterator<Item = usize>| it.sum::<usize>();
    assert_eq!(
        count(&mut by_kind.iter().map(|s| s.totals.count)),
        inventory.resources.len()
    );
    assert_eq!(
        count(&mut by_dc.iter().map(|s| s.totals.count)),
        inventory.resources.len()
    );
    let hourly_kind: f64 = by_kind.iter().map(|s| s.totals.hourly).sum();
    let hourly_dc: f64 = by_dc.iter().map(|s| s.totals.hourly).sum();
    assert!(close(hourly_kind, hourly_dc, 1e-9));
    let servers = by_kind.iter().find(|s| s.kind == K::Server).unwrap();
    assert_eq!(servers.totals.count, inventory.count(K::Server));
    assert!(!servers.totals.includes_estimates);
    let ips = by_kind.iter().find(|s| s.kind == K::PublicIp).unwrap();
    assert!(ips.totals.includes_estimates);
    assert_eq!(
        ips.totals.monthly_estimate,
        clc::Money::from_dollars(2.0 * ips.totals.count as f64)
    );
    let dcs: Vec<Option<&str>> = by_dc.iter().map(|s| s.data_center.as_deref()).collect();
    assert_eq!(dcs, [Some("GB3"), Some("UC1"), Some("VA1"), None]);
}

#[test]
fn an_unread_billing_part_makes_costs_unknown_not_zero() {
    let h = Harness::new(Scenario::Demo, 0);
    let rule = clc_sim::FaultRule {
        route: Some("/v2/groups/*/*/billing".into()),
        method: None,
        times: None,
        fault: clc_sim::FaultKind::Status { status: 403 },
    };
    h.set_faults(clc_sim::Faults {
        rules: vec![rule],
        ..Default::default()
    });
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert_eq!(outcome.failures.len(), 3);
    let inventory = &outcome.inventory;
    assert!(inventory
        .of_kind(K::Server)
        .all(|s| s.cost.basis == CostBasis::Unknown && s.cost.hourly.is_none()));
    let servers = cost::by_kind(inventory)
        .into_iter()
        .find(|s| s.kind == K::Server)
        .unwrap();
    assert!(servers.totals.incomplete);
    assert_eq!(servers.totals.unknown_cost, servers.totals.count);
    assert!(cost::live_billing(inventory).incomplete);
    assert!(cost::accrual(inventory)
        .lines
        .iter()
        .any(|l| l.basis == CostBasis::Unknown && l.unknown > 0));
}

#[test]
fn only_bandwidth_lines_of_last_months_invoice_are_unexplained() {
    let (_, inventory) = scan_demo();
    let recon = cost::reconcile_invoice(&inventory).expect("the invoice was read");
    let unexplained: Vec<&str> = recon
        .unexplained
        .iter()
        .map(|l| l.description.as_str())
        .collect();
    assert_eq!(
        unexplained,
        [
            "Bandwidth: GB Transmitted (VA1)",
            "Bandwidth: GB Transmitted (UC1)",
            "Bandwidth: GB Transmitted (GB3)"
        ]
    );
    assert!(recon
        .unexplained
        .iter()
        .all(|l| l.hint.as_deref().is_some_and(|h| h.contains("per GB"))));
    let ips = recon
        .explained
        .iter()
        .find(|l| l.description == "External IP Address (VA1)")
        .unwrap();
    assert_eq!(ips.category, LineCategory::Explained(vec![K::PublicIp]));
    assert_eq!(ips.found_now, 2);
    assert!(recon
        .explained
        .iter()
        .any(|l| l.category == LineCategory::DeletedServers));
}

#[test]
fn manual_services_and_credits_on_an_invoice_are_told_apart() {
    let (_, mut inventory) = scan_demo();
    let line = |description: &str, total: f64| InvoiceLineItem {
        description: Some(description.into()),
        item_total: Some(total),
        service_location: Some("VA1".into()),
        ..InvoiceLineItem::default()
    };
    inventory.last_invoice = Some(Invoice {
        line_items: vec![
            line("Managed DNS - 3 zones", 15.0),
            line("Object Storage (GB) - CANADA", 4.2),
            line("Free Account for POC engagements (VA1)", -100.0),
            line("Site to Site VPN - VA1", 45.0),
            line("Premium Support", 120.0),
        ],
        ..Invoice::default()
    });
    let recon = cost::reconcile_invoice(&inventory).unwrap();
    let hints: Vec<&str> = recon
        .unexplained
        .iter()
        .map(|l| l.hint.as_deref().unwrap())
        .collect();
    assert_eq!(hints.len(), 3);
    assert!(
        hints[0].contains("DNS") && hints[1].contains("buckets") && hints[2].contains("contract")
    );
    assert_eq!(recon.explained[0].category, LineCategory::Credit);
    assert_eq!(recon.explained[1].found_now, 1, "the demo's one VPN");
}

#[test]
fn the_invoice_date_is_a_calendar_day_for_the_page_to_word() {
    let recon = |date: Option<&str>| cost::InvoiceReconciliation {
        invoice_date: date.map(str::to_string),
        explained: Vec::new(),
        unexplained: Vec::new(),
    };
    assert_eq!(
        recon(Some("2026-12-01T00:00:00Z")).invoice_day(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
    );
    assert_eq!(recon(Some("soon")).invoice_day(), None);
    assert_eq!(recon(None).invoice_day(), None);
}
