//! What `decode_accepted` makes of each shape a destructive call's answer may take: the documented
//! and recorded ones, and the lenient readings of odd ones (an id sent as a number, `links:
//! null`, an `isQueued` that is not a boolean, a key given twice). An executor tracks, or stops
//! tracking, a delete by this summary, so none of these may change unnoticed.

use clc::client::decode_accepted;
use clc::error::Endpoint;
use clc::models::{Accepted, ExperimentalOperation};
use clc::{Error, Method};

fn queued(status_id: &str, href: &str) -> Result<Accepted, Error> {
    Ok(Accepted::Queued {
        status_id: status_id.into(),
        href: href.into(),
    })
}

fn experimental(operation_id: &str, uri: &str) -> Result<Accepted, Error> {
    Ok(Accepted::Experimental {
        operation: ExperimentalOperation {
            operation_id: operation_id.into(),
            uri: uri.into(),
        },
    })
}

fn rejected(message: &str) -> Result<Accepted, Error> {
    Err(Error::Rejected {
        message: message.into(),
    })
}

#[test]
fn each_answer_shape_summarises_to_what_is_left_to_track() {
    let status = "/v2/operations/altd/status/de1-81781";
    let cases: Vec<(&str, &str, Result<Accepted, Error>)> = vec![
        // Recorded (clc-node-sdk): a server's delete, a group's (a bare status link), a
        // secondary network's removal (an experimental operation with an absolute uri).
        (
            "recorded server delete",
            r#"{"server":"ca3altdweb06","isQueued":true,"links":[{"rel":"status","href":"/v2/operations/altd/status/ca3-19961","id":"ca3-19961"}]}"#,
            queued("ca3-19961", "/v2/operations/altd/status/ca3-19961"),
        ),
        (
            "recorded group delete: a bare status link",
            r#"{"rel":"status","href":"/v2/operations/altd/status/de1-81781","id":"de1-81781"}"#,
            queued("de1-81781", status),
        ),
        (
            "recorded experimental operation",
            r#"{"operationId":"395fe53866cc428394491979f2269cc7","uri":"http://api.ctl.io/v2-experimental/operations/ALTD/status/395fe53866cc428394491979f2269cc7"}"#,
            experimental(
                "395fe53866cc428394491979f2269cc7",
                "http://api.ctl.io/v2-experimental/operations/ALTD/status/395fe53866cc428394491979f2269cc7",
            ),
        ),
        // Documented (clc-api.md §4.2, §4.3): a refusal, and a batch whose first queued entry
        // is tracked whatever comes after it.
        (
            "documented refusal",
            r#"{"server":"de1acmeweb03","isQueued":false,"errorMessage":"The operation cannot be queued."}"#,
            rejected("The operation cannot be queued."),
        ),
        (
            "documented batch",
            r#"[{"server":"de1acmeweb02","isQueued":true,"links":[{"rel":"status","href":"/v2/operations/acme/status/de1-81461","id":"de1-81461"}]},{"server":"de1acmeweb03","isQueued":false,"errorMessage":"Not queued."}]"#,
            queued("de1-81461", "/v2/operations/acme/status/de1-81461"),
        ),
        // Lenient readings.
        (
            "numeric operationId",
            r#"{"operationId":8051,"uri":"/v2-experimental/operations/ALTD/status/8051"}"#,
            experimental("8051", "/v2-experimental/operations/ALTD/status/8051"),
        ),
        (
            "numeric status link id",
            r#"{"isQueued":true,"links":[{"rel":"status","href":"/v2/operations/altd/status/de1-86051","id":86051}]}"#,
            queued("86051", "/v2/operations/altd/status/de1-86051"),
        ),
        (
            "bare status link with a numeric id",
            r#"{"rel":"status","href":"/v2/operations/altd/status/de1-81781","id":81781}"#,
            queued("81781", status),
        ),
        (
            "bare status link without an id: the href's tail",
            r#"{"rel":"status","href":"/v2/operations/altd/status/de1-81781"}"#,
            queued("de1-81781", status),
        ),
        (
            "queued with links: null: nothing to poll, confirmed by re-listing",
            r#"{"server":"de1acmeweb01","isQueued":true,"links":null}"#,
            Ok(Accepted::Completed),
        ),
        (
            "isQueued as a string: the answer is unreadable, so not queued",
            r#"{"isQueued":"true","links":[{"rel":"status","href":"/v2/operations/altd/status/de1-1","id":"de1-1"}]}"#,
            rejected("the operation was not queued"),
        ),
        (
            "isQueued as a number",
            r#"{"isQueued":1}"#,
            rejected("the operation was not queued"),
        ),
        (
            "isQueued given twice: the last one counts",
            r#"{"isQueued":false,"isQueued":true,"links":[{"rel":"status","href":"/v2/operations/altd/status/de1-81781","id":"de1-81781"}]}"#,
            queued("de1-81781", status),
        ),
        (
            "a link's id given twice: the last one counts",
            r#"{"rel":"status","href":"/v2/operations/altd/status/de1-81781","id":"first","id":"second"}"#,
            queued("second", status),
        ),
        (
            "a link of another rel is no job",
            r#"{"rel":"self","href":"/v2/groups/altd/7ba0"}"#,
            Ok(Accepted::Completed),
        ),
        ("a string job id", r#""54851""#, Ok(Accepted::Job { id: "54851".into() })),
        ("a numeric job id", "54851", Ok(Accepted::Job { id: "54851".into() })),
        ("no body", "", Ok(Accepted::Completed)),
    ];
    let endpoint = Endpoint::new(Method::Delete, "/v2/servers/ALTD/de1altdweb01");
    for (name, body, want) in cases {
        assert_eq!(decode_accepted(&endpoint, body), want, "{name}: {body}");
    }
}
