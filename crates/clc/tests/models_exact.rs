//! One real recorded body per model (`tests/fixtures/*.jsonl`), decoded into the exact values
//! it carries: a decode that merely succeeds proves little once most fields are optional. The
//! strict fields (required, enum statuses) are checked to fail on a body that lacks them.

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

fn link(rel: &str, href: &str, id: Option<&str>, verbs: Option<&[&str]>) -> Link {
    Link {
        rel: rel.into(),
        href: href.into(),
        id: id.map(str::to_string),
        verbs: verbs.map(|v| v.iter().map(|s| s.to_string()).collect()),
    }
}

#[test]
fn an_active_server_decodes_to_its_recorded_values() {
    let s: Server = read(&find("GET", "/v2/servers/ALTD/DE1ALTDWEB580"));
    assert_eq!(
        (
            s.id.as_str(),
            s.name.as_str(),
            s.group_id.as_str(),
            s.location_id.as_str()
        ),
        (
            "de1altdweb580",
            "DE1ALTDWEB580",
            "2dda7958f3ad4d819914e8d3cb643120",
            "DE1"
        )
    );
    assert_eq!(s.status, ServerStatus::Active);
    assert_eq!(s.is_template, Some(false));
    let d = s.details.as_ref().unwrap();
    assert_eq!(d.power_state, Some(PowerState::Started));
    assert_eq!(
        (d.cpu, d.memory_mb, d.storage_gb),
        (Some(2), Some(2048), Some(22))
    );
    assert_eq!(
        d.ip_addresses,
        vec![
            IpAddressPair {
                internal: Some("10.110.37.45".into()),
                public: None
            },
            IpAddressPair {
                internal: Some("10.110.37.54".into()),
                public: Some("66.155.94.89".into())
            },
        ]
    );
    assert_eq!(d.disks.len(), 5);
    assert_eq!(s.links.len(), 14);
    assert_eq!(
        s.links[0],
        link(
            "self",
            "/v2/servers/altd/de1altdweb580",
            Some("de1altdweb580"),
            Some(&["GET", "PATCH", "DELETE"])
        )
    );
    assert!(s.can_delete());
}

/// The real archived-server link form: `self` offers `[GET, PATCH]` only, and deletion is a
/// separate `delete` link without verbs.
#[test]
fn an_archived_server_is_deletable_through_its_recorded_delete_link() {
    let x = find(
        "GET",
        "/v2/groups/ALTD/011c49fe1e504012a76b9e26b5a654a3?serverDetail=detailed",
    );
    let root: Group = read(&x);
    let archive = root.groups.iter().find(|g| g.name == "Archive").unwrap();
    let s = &archive.servers.as_ref().unwrap()[0];
    let href = "/v2/servers/altd/uc1altdsr-va203";
    assert_eq!(
        s.links,
        vec![
            link(
                "self",
                href,
                Some("uc1altdsr-va203"),
                Some(&["GET", "PATCH"])
            ),
            link(
                "group",
                "/v2/groups/altd/622d0068f8d94ceea6797923b2358972",
                Some("622d0068f8d94ceea6797923b2358972"),
                None
            ),
            link("account", "/v2/accounts/altd", Some("altd"), None),
            link(
                "billing",
                "/v2/billing/altd/serverPricing/uc1altdsr-va203",
                None,
                None
            ),
            link("restore", &format!("{href}/restore"), None, None),
            link("delete", href, None, None),
        ]
    );
    assert!(!s.links[0].allows(Method::Delete));
    assert!(s.can_delete(), "the delete link makes it deletable");
    assert_eq!(s.status, ServerStatus::Archived);
    let d = s.details.as_ref().unwrap();
    assert_eq!(
        (d.power_state.clone(), d.storage_gb),
        (Some(PowerState::Stopped), Some(16))
    );
}

/// The real system groups: `self` `[GET, PATCH]`, `parentGroup`, `defaults`, `billing`.
#[test]
fn the_system_groups_decode_to_their_recorded_values() {
    let x = find(
        "GET",
        "/v2/groups/ALTD/011c49fe1e504012a76b9e26b5a654a3?serverDetail=detailed",
    );
    let root: Group = read(&x);
    assert_eq!(
        (root.name.as_str(), root.kind.clone()),
        ("UC1 Hardware", GroupType::Default)
    );
    assert_eq!(
        (root.location_id.as_str(), root.status.as_str()),
        ("UC1", "active")
    );
    assert!(!root.can_delete());
    for (name, kind) in [
        ("Archive", GroupType::Archive),
        ("Templates", GroupType::Templates),
    ] {
        let g = root.groups.iter().find(|g| g.name == name).unwrap();
        assert_eq!(g.kind, kind);
        assert!(g.is_system() && !g.can_delete());
        let rels: Vec<&str> = g.links.iter().map(|l| l.rel.as_str()).collect();
        assert_eq!(
            rels,
            ["self", "parentGroup", "defaults", "billing"],
            "{name}"
        );
        assert_eq!(g.links[0].verbs, Some(vec!["GET".into(), "PATCH".into()]));
    }
    let archive = root.groups.iter().find(|g| g.name == "Archive").unwrap();
    assert_eq!(
        archive.server_ids(),
        ["uc1altdsr-va203"],
        "from `servers`: no server links"
    );
    assert!(archive.links.rel("server").is_none());
}

#[test]
fn a_data_center_decodes_to_its_recorded_values() {
    let dcs: Vec<DataCenter> = read(&find("GET", "/v2/datacenters/ALTD?groupLinks=true"));
    let de1 = dcs.iter().find(|d| d.id == "de1").unwrap();
    assert_eq!(de1.name, "DE1 - Germany (Frankfurt)");
    assert!(de1.root_group_id().is_some_and(|id| id.len() == 32));
}

#[test]
fn deployment_capabilities_decode_to_their_recorded_values() {
    let caps: DeploymentCapabilities = read(&find(
        "GET",
        "/v2/datacenters/ALTD/de1/deploymentCapabilities",
    ));
    assert_eq!(caps.supports_shared_load_balancer, Some(true));
    assert_eq!(caps.supports_bare_metal_servers, Some(false));
    assert_eq!(
        caps.deployable_networks,
        vec![DeployableNetwork {
            name: Some("vlan_237_10.110.37".into()),
            network_id: "809297928f1d4224b9b9927f745bc082".into(),
            kind: Some("private".into()),
            account_id: Some("ALTD".into()),
        }]
    );
}

#[test]
fn a_public_ip_decodes_to_its_recorded_values() {
    let ip: PublicIp = read(&find(
        "GET",
        "/v2/servers/ALTD/de1altdweb580/publicIPAddresses/66.155.94.89",
    ));
    let rule = |port| PortRule {
        protocol: Some("TCP".into()),
        port: Some(port),
        port_to: None,
    };
    let expected = PublicIp {
        internal_ip_address: Some("10.110.37.12".into()),
        ports: vec![rule(80), rule(443)],
        source_restrictions: vec![SourceRestriction {
            cidr: Some("192.168.3.0/25".into()),
        }],
    };
    assert_eq!(ip, expected);
}

#[test]
fn load_balancer_pools_and_nodes_decode_to_their_recorded_values() {
    let lb: SharedLoadBalancer = read(&find("POST", "/v2/sharedLoadBalancers/ALTD/ca2"));
    assert_eq!(lb.id, "db0f2e1b1a6b418c908492a93ef6dec4");
    assert_eq!(lb.status, Some(LoadBalancerStatus::Enabled));
    assert_eq!(lb.ip_address.as_deref(), Some("66.155.96.95"));
    let pools: Vec<LoadBalancerPool> = read(&find(
        "GET",
        "/v2/sharedLoadBalancers/ALTD/ca2/db0f2e1b1a6b418c908492a93ef6dec4/pools",
    ));
    assert_eq!(pools[0].id, "50d01252bcad4f59b004db22c2dcfc5f");
    assert_eq!(pools[0].port, Some(80));
    let path = "/v2/sharedLoadBalancers/ALTD/de1/32ba7c6bb3a24784b18f14cb2db9201a/pools/57de6742c8e442e393f7bb83b916567c/nodes";
    let nodes: Vec<LoadBalancerNode> = read(&find("GET", path));
    let node = LoadBalancerNode {
        ip_address: Some("66.155.4.73".into()),
    };
    assert_eq!(nodes, vec![node.clone(), node.clone(), node]);
}

#[test]
fn a_firewall_policy_decodes_to_its_recorded_values() {
    let id = "d9e65bafab014828a274f0c028541fe9";
    let p: FirewallPolicy = read(&find(
        "GET",
        &format!("/v2-experimental/firewallPolicies/ALTD/DE1/{id}"),
    ));
    let expected = FirewallPolicy {
        id: id.into(),
        status: PolicyStatus::Active,
        enabled: true,
        source: vec!["10.110.37.0/24".into()],
        destination: vec!["10.110.37.0/24".into()],
        ports: vec!["icmp".into(), "tcp/123-125".into()],
        links: vec![link(
            "self",
            &format!("http://api.ctl.io/v2-experimental/firewallPolicies/altd/de1/{id}"),
            None,
            Some(&["GET", "PUT", "DELETE"]),
        )],
    };
    assert_eq!(p, expected);
}

#[test]
fn queue_answers_decode_to_their_recorded_values() {
    let status: QueueStatusResponse = read(&find("GET", "/v2/operations/ALTD/status/ca3-19960"));
    assert_eq!(status.status, QueueStatus::Succeeded);
    let delete: ServerOperationResult = read(&find("DELETE", "/v2/servers/ALTD/ca3altdweb06"));
    assert!(delete.is_queued && delete.error_message.is_none());
    assert_eq!(
        Accepted::from_status_link(delete.status_link().unwrap()),
        Some(Accepted::Queued {
            status_id: "ca3-19961".into(),
            href: "/v2/operations/altd/status/ca3-19961".into()
        })
    );
    let nic: ExperimentalOperation = read(&find(
        "DELETE",
        "/v2/servers/ALTD/de1altdcln04/networks/5f75bcd83292477089ad47ab90f135f3",
    ));
    assert_eq!(nic.operation_id, "395fe53866cc428394491979f2269cc7");
    assert_eq!(
        nic.status_path("ALTD"),
        "/v2-experimental/operations/ALTD/status/395fe53866cc428394491979f2269cc7",
        "the absolute http:// uri is followed by its path"
    );
    let claim: ExperimentalOperation =
        read(&find("POST", "/v2-experimental/networks/ALTD/ca1/claim"));
    assert_eq!(
        claim.status_path("ALTD"),
        "/v2-experimental/operations/ALTD/status/8c8dbad6a67141da9dd635d6a6ec7a42",
        "a relative uri is followed as given"
    );
}

#[test]
fn an_experimental_status_decodes_to_its_recorded_values() {
    let x = find(
        "GET",
        "/v2-experimental/operations/ALTD/status/1b1dce13412645dca4813d575c7d688a",
    );
    let s: ExperimentalStatus = read(&x);
    assert_eq!(s.status, OperationStatus::Succeeded, "the blueprint form");
    let plain: ExperimentalStatus = read(&find(
        "GET",
        "/v2-experimental/operations/ALTD/status/395fe53866cc428394491979f2269cc7",
    ));
    assert_eq!(plain.status, OperationStatus::Succeeded, "the bare form");
}

#[test]
fn an_alert_policy_decodes_to_its_recorded_values() {
    let p: AlertPolicy = read(&find("POST", "/v2/alertPolicies/ALTD/"));
    assert_eq!(p.id, "f7841eef306f48e6acde90d998843248");
    assert_eq!(p.name.as_deref(), Some("My CPU Policy"));
    assert_eq!(
        p.links[0].methods(),
        [Method::Get, Method::Delete, Method::Put]
    );
}

#[test]
fn strict_fields_are_required() {
    let server =
        r#"{"id":"x","name":"X","groupId":"g","locationId":"VA1","status":"active","links":[]}"#;
    assert!(serde_json::from_str::<Server>(server).is_ok());
    for field in ["name", "groupId", "locationId", "status", "links"] {
        let mut v: serde_json::Value = serde_json::from_str(server).unwrap();
        v.as_object_mut().unwrap().remove(field);
        let err = serde_json::from_value::<Server>(v).unwrap_err().to_string();
        assert!(err.contains(field), "{field}: {err}");
    }
    let group =
        r#"{"id":"g","name":"G","locationId":"VA1","status":"active","groups":[],"links":[]}"#;
    let err = serde_json::from_str::<Group>(group)
        .unwrap_err()
        .to_string();
    assert!(err.contains("type"), "{err}");
    assert!(serde_json::from_str::<Link>(r#"{"rel":"self"}"#).is_err());
}
