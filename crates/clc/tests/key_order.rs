//! The simulator writes JSON keys in alphabetical order (its bodies are `serde_json::Value`
//! maps); the real service wrote them in its own order. So no decoding may depend on key order:
//! every recorded read body, with its keys sorted as the simulator sorts them and also reversed,
//! decodes to exactly the values of the body as recorded.

mod support;

use std::fmt::Debug;

use clc::models::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use support::{read_recorded as read, recorded, Exchange};

/// `value` written with every object's keys in reverse alphabetical order.
fn reversed(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), reversed(v)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(reversed).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

fn alike<T: DeserializeOwned + PartialEq + Debug>(x: &Exchange) -> usize {
    let as_recorded: T = read(x);
    let tree: Value = serde_json::from_str(&x.body).expect("a recorded body is JSON");
    for (order, body) in [("sorted", tree.to_string()), ("reversed", reversed(&tree))] {
        let other = Exchange { body, ..x.clone() };
        assert_eq!(read::<T>(&other), as_recorded, "{order} keys: {}", x.path);
    }
    1
}

#[test]
fn no_decoding_depends_on_the_order_of_keys() {
    let mut checked = 0;
    for x in recorded()
        .iter()
        .filter(|x| x.method == "GET" && (200..300).contains(&x.status))
    {
        let path = x.path.split('?').next().unwrap_or_default();
        let s: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        checked += match s.as_slice() {
            ["v2", "datacenters", _] => alike::<Vec<DataCenter>>(x),
            ["v2", "groups", _, _] => alike::<Group>(x),
            ["v2", "groups", _, _, "billing"] => alike::<GroupBilling>(x),
            ["v2", "servers", _, _] => alike::<Server>(x),
            ["v2", "servers", _, _, "publicIPAddresses", _] => alike::<PublicIp>(x),
            ["v2", "sharedLoadBalancers", _, _, _, "pools"] => alike::<Vec<LoadBalancerPool>>(x),
            ["v2-experimental", "firewallPolicies", _, _] => alike::<Vec<FirewallPolicy>>(x),
            ["v2-experimental", "networks", _, _] => alike::<Vec<Network>>(x),
            ["v2", "invoice", _, _, _] => alike::<Invoice>(x),
            _ => 0,
        };
    }
    assert!(checked >= 40, "only {checked} recorded bodies checked");
}
