//! Specific values of chosen real recordings (`tests/fixtures/*.jsonl`): an archived server with
//! partial details and a separate delete link, a network with absolute `http://` links and
//! claimed IPs, an invoice, a server's public IPs and disks, and a real token's claims.

mod support;

use clc::models::*;
use clc::Method;

use support::{read_recorded as read, recorded, Exchange};

fn find(method: &str, path: &str) -> Exchange {
    recorded()
        .into_iter()
        .find(|x| x.method == method && x.path == path)
        .unwrap_or_else(|| panic!("no recording of {method} {path}"))
}

#[test]
fn recorded_archived_server_has_partial_details_and_delete_link() {
    let x = find(
        "GET",
        "/v2/groups/ALTD/011c49fe1e504012a76b9e26b5a654a3?serverDetail=detailed",
    );
    let root: Group = read(&x);
    let archive = root
        .groups
        .iter()
        .find(|g| g.kind == GroupType::Archive)
        .unwrap();
    assert!(!archive.can_delete());
    let server = &archive.servers.as_ref().unwrap()[0];
    assert_eq!(server.id, "uc1altdsr-va203");
    assert_eq!(server.status, ServerStatus::Archived);
    let details = server.details.as_ref().unwrap();
    assert_eq!(details.power_state, Some(PowerState::Stopped));
    assert_eq!(details.storage_gb, Some(16));
    assert_eq!(details.cpu, None);
    assert!(details.disks.is_empty());
    assert!(!server.links.rel("self").unwrap().allows(Method::Delete));
    assert!(
        server.can_delete(),
        "archived servers carry a separate delete link"
    );
    assert_eq!(root.all_servers().len(), 1);
}

#[test]
fn recorded_network_has_absolute_http_links_and_claimed_ips() {
    let x = find(
        "GET",
        "/v2-experimental/networks/ALTD/de1/5f75bcd83292477089ad47ab90f135f3?ipAddresses=claimed",
    );
    let network: Network = read(&x);
    assert_eq!(network.vlan, Some(309));
    assert_eq!(network.ip_addresses.len(), 2);
    assert_eq!(
        network.ip_addresses[0].server.as_deref(),
        Some("DE1ALTDCLN04")
    );
    let release = network.release_link().unwrap();
    assert!(release.href.starts_with("http://api.ctl.io/"));
    assert_eq!(
        release.path(),
        "/v2-experimental/networks/altd/de1/5f75bcd83292477089ad47ab90f135f3/release"
    );
}

#[test]
fn recorded_invoice_and_server_values() {
    let invoice: Invoice = read(&find("GET", "/v2/invoice/ALTD/2015/5"));
    assert_eq!(invoice.id, "ALTD279E27B7");
    assert_eq!(invoice.total_amount, Some(657.12));
    assert_eq!(
        invoice.line_items[0].description.as_deref(),
        Some("Deleted Servers - DE1")
    );
    assert_eq!(invoice.po_number, None);
    let server: Server = read(&find("GET", "/v2/servers/ALTD/DE1ALTDWEB580"));
    assert_eq!(server.public_ips(), vec!["66.155.94.89"]);
    let disks: Vec<(&str, Option<f64>)> = server
        .details
        .as_ref()
        .unwrap()
        .disks
        .iter()
        .map(|d| (d.id.as_str(), d.size_gb))
        .collect();
    assert_eq!(
        disks,
        [
            ("0:0", Some(1.0)),
            ("0:1", Some(3.0)),
            ("0:2", Some(14.0)),
            ("0:3", Some(3.0)),
            ("0:5", Some(1.0))
        ]
    );
    let login: LoginResponse = read(&find("POST", "/v2/authentication/login"));
    let claims = login.bearer_token.claims().unwrap();
    assert_eq!(claims.account_alias.as_deref(), Some("ALTD"));
    assert_eq!(claims.exp.unwrap() - claims.nbf.unwrap(), 1_209_600);
}
