//! The API's recorded quirks (`clc-api.md` §0.4–§0.9) decode as intended: absent and partial
//! server details, `null` lists, unknown enum values, integer-as-float counts, bare string job
//! ids, `$` money strings, absolute `http://` hrefs, mixed-case ids, and the
//! endpoint bases used to re-prefix hrefs.

use clc::ids::{id_key, is_uuid32, last_segment, same_id};
use clc::models::*;
use clc::{normalize_href, Endpoints, Money};

#[test]
fn server_without_details_while_queued_for_delete() {
    let server: Server = serde_json::from_str(
        r#"{"id":"va1acmeweb02","name":"VA1ACMEWEB02","groupId":"g1","locationId":"VA1",
            "status":"queuedForDelete","links":[]}"#,
    )
    .unwrap();
    assert_eq!(server.status, ServerStatus::QueuedForDelete);
    assert_eq!(server.details, None);
    assert_eq!(server.power_state(), None);
    assert!(server.public_ips().is_empty() && server.snapshots().is_empty());
}

#[test]
fn partial_details_nulls_and_float_counts() {
    let server: Server = serde_json::from_str(
        r#"{"id":"x","name":"X","groupId":"g1","locationId":"VA1","status":"queuedForRestore","isManagedOS":true,
            "details":{"powerState":"stopped","storageGB":16.0,"cpu":null,"disks":null,
                       "cpuAutoscalePolicy":null,"ipAddresses":[{"internal":"10.0.0.1"}]},
            "links":null}"#,
    )
    .unwrap();
    let details = server.details.as_ref().unwrap();
    assert_eq!(details.storage_gb, Some(16));
    assert_eq!(details.cpu, None);
    assert!(details.disks.is_empty() && server.links.is_empty());
    assert_eq!(details.cpu_autoscale_policy, None);
    assert_eq!(server.is_managed_os, Some(true));
    assert_eq!(server.status, ServerStatus::QueuedForRestore);
}

#[test]
fn unknown_enum_values_are_kept() {
    let server: Server = serde_json::from_str(
        r#"{"id":"x","name":"X","groupId":"g1","locationId":"VA1","status":"migrating",
            "details":{"powerState":"Hibernating"},"links":[]}"#,
    )
    .unwrap();
    assert_eq!(server.status, ServerStatus::Other("migrating".into()));
    assert_eq!(server.power_state().unwrap().as_str(), "Hibernating");
    let status: QueueStatusResponse = serde_json::from_str(r#"{"status":"Succeeded"}"#).unwrap();
    assert_eq!(status.status, QueueStatus::Succeeded, "matched in any case");
    let other: QueueStatusResponse = serde_json::from_str(r#"{"status":"paused"}"#).unwrap();
    assert_eq!(other.status, QueueStatus::Other("paused".into()));
    assert!(!other.status.is_terminal());
    assert!(QueueStatus::Unknown.is_terminal() && QueueStatus::Failed.is_terminal());
    assert!(!QueueStatus::Resumed.is_terminal());
    let queued: ExperimentalStatus = serde_json::from_str(r#"{"status":"queued"}"#).unwrap();
    assert_eq!(queued.status, OperationStatus::Queued);
    assert_eq!(
        serde_json::to_string(&QueueStatus::NotStarted).unwrap(),
        r#""notStarted""#
    );
}

#[test]
fn ids_may_be_numbers_and_are_compared_without_case() {
    let link: Link =
        serde_json::from_str(r#"{"rel":"self","href":"/v1/ACME/subscriptions/12","id":12}"#)
            .unwrap();
    assert_eq!(link.id.as_deref(), Some("12"));
    assert!(same_id("DE1", "de1") && same_id("ALTD", "altd ") && !same_id("de1", "de2"));
    assert_eq!(id_key(" VA1ACMEWEB01 "), "va1acmeweb01");
    assert!(is_uuid32("05a84d7816d243d98214df1a47bae34c"));
    assert!(!is_uuid32("de1altdweb580") && !is_uuid32("0d4a2b43-8a1c-4b77-9c8e-2f1d6f0a9b11"));
    assert_eq!(last_segment("/v2/servers/a/b/snapshots/2/"), Some("2"));
    assert_eq!(
        last_segment("/v2/siteToSiteVpn/ABC?account=ACME"),
        Some("ABC")
    );
}

#[test]
fn link_verbs_default_to_get_and_parse_any_case() {
    let link: Link =
        serde_json::from_str(r#"{"rel":"Self","href":"/x","verbs":["get","Delete","FLY"]}"#)
            .unwrap();
    assert_eq!(link.methods(), vec![clc::Method::Get, clc::Method::Delete]);
    // `allows` says what `methods` lists, whatever the verbs' case and spaces.
    use clc::Method::*;
    for verbs in [
        None,
        Some(r#"[]"#),
        Some(r#"["get","Delete","FLY"]"#),
        Some(r#"[" dElEtE ","FLY"]"#),
        Some(r#"["POST","put"," Patch","OPTIONS ","GET"]"#),
    ] {
        let text = match verbs {
            Some(list) => format!(r#"{{"rel":"self","href":"/x","verbs":{list}}}"#),
            None => r#"{"rel":"self","href":"/x"}"#.to_string(),
        };
        let link: Link = serde_json::from_str(&text).unwrap();
        for method in [Get, Post, Put, Patch, Delete, Options] {
            assert_eq!(
                link.allows(method),
                link.methods().contains(&method),
                "{method:?} with verbs {verbs:?}"
            );
        }
    }
    assert_eq!(clc::Method::parse("options"), Some(clc::Method::Options));
    assert_eq!(clc::Method::parse("PURGE"), None);
    assert!(link.is("self"));
    let bare: Link = serde_json::from_str(r#"{"rel":"billing","href":"/x"}"#).unwrap();
    assert!(bare.allows(clc::Method::Get) && !bare.allows(clc::Method::Delete));
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"rel":"billing","href":"/x"}"#,
        "absent optional fields stay absent when re-encoded"
    );
}

#[test]
fn normalize_href_table() {
    for (href, path) in [
        ("/v2/servers/acme/web01", "/v2/servers/acme/web01"),
        (
            "http://api.ctl.io/v2-experimental/networks/altd/ca1/283f/release",
            "/v2-experimental/networks/altd/ca1/283f/release",
        ),
        (
            "http://api.tier3.com/v2/groups/altd/abc",
            "/v2/groups/altd/abc",
        ),
        ("HTTPS://API.CTL.IO/v2/x?uuid=True", "/v2/x?uuid=True"),
        ("https://api.ctl.io", "/"),
        ("//api.ctl.io/v2/x", "/v2/x"),
        ("v2/alertPolicies/acme", "/v2/alertPolicies/acme"),
        ("  /v2/a  ", "/v2/a"),
        ("", "/"),
    ] {
        assert_eq!(normalize_href(href), path, "{href}");
    }
}

#[test]
fn endpoints_bases_and_href_resolution() {
    let prod = Endpoints::production();
    assert_eq!(prod.core, "https://api.ctl.io");
    assert_eq!(prod.rdbs, "https://api.rdbs.ctl.io");
    assert_eq!(prod.backup, "https://api.backup.ctl.io/clc-backup-api/api");
    assert_eq!(
        prod.resolve_href("http://api.ctl.io/v2-experimental/operations/ACME/status/c7"),
        "https://api.ctl.io/v2-experimental/operations/ACME/status/c7",
        "never http://"
    );
    let sim = Endpoints::single_origin("http://127.0.0.1:8080/");
    assert_eq!(sim.core, "http://127.0.0.1:8080");
    assert_eq!(sim.rdbs, "http://127.0.0.1:8080/rdbs");
    assert_eq!(
        sim.backup,
        "http://127.0.0.1:8080/backup/clc-backup-api/api"
    );
    assert_eq!(
        sim.resolve_href("http://api.tier3.com/v2/groups/altd/abc"),
        "http://127.0.0.1:8080/v2/groups/altd/abc"
    );
    assert_eq!(
        sim.path_of("http://127.0.0.1:8080/rdbs/v1/ACME/billing"),
        Some("/v1/ACME/billing")
    );
    assert_eq!(sim.path_of("http://127.0.0.1:8080/v2/x"), Some("/v2/x"));
    assert_eq!(sim.path_of("http://127.0.0.1:80800/v2/x"), None);
    assert_eq!(sim.path_of("https://evil.example/v2/x"), None);
}

#[test]
fn money_strings_table() {
    for (text, cents) in [
        ("$85.52", Some(8552)),
        ("$446.83", Some(44683)),
        ("$0.60", Some(60)),
        ("85.5", Some(8550)),
        ("$1,234.56", Some(123_456)),
        ("-$1.00", Some(-100)),
        ("$-2.5", Some(-250)),
        ("($3.10)", Some(-310)),
        ("$0.005", Some(1)),
        ("$7", Some(700)),
        ("$", None),
        ("", None),
        ("abc", None),
        ("$1.2.3", None),
    ] {
        assert_eq!(Money::parse(text).map(Money::cents), cents, "{text:?}");
    }
    assert_eq!(Money::from_cents(-310).to_string(), "-$3.10");
    assert_eq!(Money::from_dollars(0.02857).cents(), 3);
    let sum: Money = ["$1.10", "$2.20"]
        .iter()
        .filter_map(|s| Money::parse(s))
        .sum();
    assert_eq!(sum, Money::from_cents(330));
    let billing: RdbsBilling =
        serde_json::from_str(r#"{"monthToDate": 12.5, "monthlyEstimate": "$1,000.00"}"#).unwrap();
    assert_eq!(billing.month_to_date, Some(Money::from_cents(1250)));
    assert_eq!(billing.monthly_estimate, Some(Money::from_cents(100_000)));
    assert!(serde_json::from_str::<RdbsBilling>(r#"{"monthToDate":"n/a"}"#).is_err());
    assert_eq!(
        serde_json::to_string(&Money::from_cents(8552)).unwrap(),
        r#""$85.52""#
    );
}

#[test]
fn lists_wrapped_or_null() {
    let empty: ItemList<AlertPolicy> = serde_json::from_str(r#"{"items":null}"#).unwrap();
    assert!(empty.items.is_empty() && empty.links.is_empty());
    let page: BackupPage<AccountPolicy> = serde_json::from_str("{}").unwrap();
    assert!(page.results.is_empty() && page.next_offset.is_none());
    let billing: GroupBilling = serde_json::from_str(r#"{"groups":null}"#).unwrap();
    assert_eq!(billing.total(), ServerBilling::default());
}
