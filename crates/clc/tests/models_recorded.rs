//! Replays the 259 real exchanges recorded by clc-node-sdk (`tests/fixtures/*.jsonl`): every 2xx
//! body whose path maps to a model decodes with it (reads, created and updated entities with the
//! models, destructive calls with `decode_accepted`), and every non-2xx classifies to the right
//! `Error`. Values of single recordings are checked in `recorded_values.rs`.

mod support;

use std::collections::BTreeMap;

use clc::client::decode_accepted;
use clc::error::{classify, Endpoint};
use clc::models::*;
use clc::{Error, Method, Response};

use support::{read_recorded as read, recorded, Exchange};

fn segments(path: &str) -> Vec<String> {
    path.split('?')
        .next()
        .unwrap()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Decodes a 2xx read with the model its path maps to; returns the model's name, or `None` for
/// paths this crate has no model for.
fn decode_read(x: &Exchange) -> Option<&'static str> {
    let s = segments(&x.path);
    let s: Vec<&str> = s.iter().map(String::as_str).collect();
    Some(match s.as_slice() {
        ["v2", "datacenters", _] => {
            let dcs: Vec<DataCenter> = read(x);
            assert!(dcs.iter().all(|dc| dc.root_group_id().is_some()));
            "DataCenter"
        }
        ["v2", "datacenters", _, _, "deploymentCapabilities"] => {
            read::<DeploymentCapabilities>(x);
            "DeploymentCapabilities"
        }
        ["v2", "groups", _, id] => {
            let group: Group = read(x);
            assert!(clc::ids::same_id(&group.id, id));
            assert_eq!(
                group.servers.is_some(),
                x.path.contains("serverDetail=detailed")
            );
            "Group"
        }
        ["v2", "groups", _, _, "billing"] => {
            read::<GroupBilling>(x);
            "GroupBilling"
        }
        ["v2", "servers", _, _] => {
            let server: Server = read(x);
            assert!(!server.id.is_empty());
            "Server"
        }
        ["v2", "servers", _, _, "publicIPAddresses", _] => {
            read::<PublicIp>(x);
            "PublicIp"
        }
        ["v2", "sharedLoadBalancers", _, _, _, "pools"] => {
            read::<Vec<LoadBalancerPool>>(x);
            "LoadBalancerPool"
        }
        ["v2", "sharedLoadBalancers", _, _, _, "pools", _, "nodes"] => {
            read::<Vec<LoadBalancerNode>>(x);
            "LoadBalancerNode"
        }
        ["v2-experimental", "firewallPolicies", _, _] => {
            read::<Vec<FirewallPolicy>>(x);
            "FirewallPolicy"
        }
        ["v2-experimental", "firewallPolicies", _, _, _] => {
            read::<FirewallPolicy>(x);
            "FirewallPolicy"
        }
        ["v2-experimental", "networks", _, _] => {
            read::<Vec<Network>>(x);
            "Network"
        }
        ["v2-experimental", "networks", _, _, _] => {
            read::<Network>(x);
            "Network"
        }
        ["v2-experimental", "operations", _, "status", _] => {
            let status: ExperimentalStatus = read(x);
            assert!(status.status.is_terminal());
            "ExperimentalStatus"
        }
        ["v2", "operations", _, "status", _] => {
            read::<QueueStatusResponse>(x);
            "QueueStatus"
        }
        ["v2", "alertPolicies", _] => {
            read::<ItemList<AlertPolicy>>(x);
            "AlertPolicy"
        }
        ["v2", "antiAffinityPolicies", _] => {
            read::<ItemList<AntiAffinityPolicy>>(x);
            "AntiAffinityPolicy"
        }
        ["v2", "invoice", _, _, _] => {
            read::<Invoice>(x);
            "Invoice"
        }
        _ => return None,
    })
}

#[test]
fn every_recorded_body_with_a_model_decodes() {
    let mut decoded: BTreeMap<&str, usize> = BTreeMap::new();
    for x in recorded().iter().filter(|x| (200..300).contains(&x.status)) {
        let name = match x.method.as_str() {
            "GET" => decode_read(x),
            "POST" if x.path.ends_with("/authentication/login") => {
                let login: LoginResponse = read(x);
                assert_eq!(login.account_alias, "ALTD");
                Some("LoginResponse")
            }
            "DELETE" => {
                let endpoint = Endpoint::new(Method::Delete, &x.path);
                decode_accepted(&endpoint, &x.body)
                    .unwrap_or_else(|e| panic!("DELETE {}: {e:?}", x.path));
                Some("Accepted")
            }
            _ => None,
        };
        if let Some(name) = name {
            *decoded.entry(name).or_default() += 1;
        }
    }
    let expected = [
        ("Accepted", 36),
        ("AlertPolicy", 4),
        ("AntiAffinityPolicy", 4),
        ("DataCenter", 2),
        ("DeploymentCapabilities", 8),
        ("ExperimentalStatus", 7),
        ("FirewallPolicy", 11),
        ("Group", 8),
        ("GroupBilling", 6),
        ("Invoice", 3),
        ("LoadBalancerNode", 8),
        ("LoadBalancerPool", 8),
        ("LoginResponse", 8),
        ("Network", 9),
        ("PublicIp", 2),
        ("QueueStatus", 1),
        ("Server", 8),
    ];
    assert_eq!(decoded, BTreeMap::from(expected));
}

#[test]
fn destructive_answers_summarise_by_body() {
    let mut kinds: BTreeMap<String, &'static str> = BTreeMap::new();
    for x in recorded()
        .iter()
        .filter(|x| (200..300).contains(&x.status) && x.method != "GET")
    {
        let Ok(method) = Method::parse(&x.method).ok_or(()) else {
            continue;
        };
        if x.path.ends_with("/authentication/login") {
            continue;
        }
        let endpoint = Endpoint::new(method, &x.path);
        let kind = match decode_accepted(&endpoint, &x.body) {
            Ok(Accepted::Queued { .. }) => "queued",
            Ok(Accepted::Experimental { .. }) => "experimental",
            Ok(Accepted::Job { .. }) => "job",
            Ok(Accepted::Completed) => "completed",
            Err(e) => panic!("{} {}: {e:?}", x.method, x.path),
        };
        let shape = segments(&x.path)
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let is_id = s.len() >= 20 || s.chars().any(|c| c.is_ascii_digit());
                if i > 0 && is_id {
                    "*"
                } else {
                    s.as_str()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        kinds.insert(format!("{} {shape}", x.method), kind);
    }
    for (call, kind) in [
        ("DELETE v2/groups/ALTD/*", "queued"),
        ("DELETE v2/servers/ALTD/*/snapshots/*", "queued"),
        ("DELETE v2/servers/ALTD/*/publicIPAddresses/*", "queued"),
        ("DELETE v2/servers/ALTD/*/networks/*", "experimental"),
        ("DELETE v2/sharedLoadBalancers/ALTD/*/*", "completed"),
        (
            "DELETE v2-experimental/firewallPolicies/ALTD/*/*",
            "completed",
        ),
        (
            "POST v2-experimental/networks/ALTD/*/*/release",
            "completed",
        ),
        ("POST v2-experimental/networks/ALTD/*/claim", "experimental"),
        ("POST v2/operations/ALTD/servers/powerOff", "queued"),
    ] {
        assert_eq!(kinds.get(call).copied(), Some(kind), "{call}");
    }
}

#[test]
fn recorded_errors_classify() {
    let failures: Vec<Exchange> = recorded().into_iter().filter(|x| x.status >= 400).collect();
    assert_eq!(failures.len(), 5);
    for x in failures {
        let endpoint = Endpoint::new(Method::parse(&x.method).unwrap(), &x.path);
        let error = classify(&endpoint, &Response::new(x.status, x.body.clone())).unwrap();
        match (x.method.as_str(), error) {
            (
                "GET",
                Error::Server {
                    status: 500,
                    message,
                },
            ) => {
                assert_eq!(message, "An error has occurred.")
            }
            (
                "PUT",
                Error::Server {
                    status: 500,
                    message,
                },
            ) => {
                assert_eq!(
                    message,
                    "An error has occurred. Operation already in progress"
                )
            }
            (method, other) => panic!("{method} {}: {other:?}", x.path),
        }
    }
}

#[test]
fn recorded_create_and_update_answers_decode_with_entity_models() {
    let mut decoded = 0;
    for x in recorded()
        .iter()
        .filter(|x| (200..300).contains(&x.status) && matches!(x.method.as_str(), "POST" | "PUT"))
    {
        let s = segments(&x.path);
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        match s.as_slice() {
            ["v2", "groups", _] => assert!(!read::<Group>(x).id.is_empty()),
            ["v2", "alertPolicies", ..] => assert!(!read::<AlertPolicy>(x).links.is_empty()),
            ["v2", "antiAffinityPolicies", ..] => {
                assert!(read::<AntiAffinityPolicy>(x).location.is_some())
            }
            ["v2", "sharedLoadBalancers", _, _] => {
                let lb: SharedLoadBalancer = read(x);
                assert!(lb.ip_address.is_some() && lb.links.allows_delete());
            }
            ["v2", "sharedLoadBalancers", _, _, _, "pools"] => {
                assert!(read::<LoadBalancerPool>(x).port.is_some())
            }
            ["v2", "servers", _] => {
                let created: ServerOperationResult = read(x);
                assert!(created.is_queued && created.status_link().is_some());
            }
            ["v2", "servers", _, _, "cpuAutoscalePolicy"] => {
                assert!(!read::<PolicyRef>(x).id.is_empty())
            }
            _ => continue,
        }
        decoded += 1;
    }
    assert_eq!(decoded, 39);
}
