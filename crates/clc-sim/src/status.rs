//! What the queue reports (§5): a classic job's `{status}` and an experimental operation's
//! status document, in the shapes the real service answered.

use serde_json::{json, Value};

use crate::calendar::iso;
use crate::queue::Operation;
use crate::reply::{self, Reply};
use crate::routing::Call;
use crate::Sim;

impl Sim {
    /// `GET /v2/operations/{alias}/status/{id}` → `{"status": ...}`
    pub(crate) fn operation_status(&self, c: &Call, id: &str) -> Reply {
        let op = self.ops.get(id).ok_or_else(reply::not_found)?;
        let state = op.state(c.now, self.faults.hold_queue);
        let state = if op.experimental && state != "succeeded" && state != "failed" {
            "running"
        } else {
            state
        };
        reply::ok(&json!({ "status": state }))
    }

    /// `GET /v2-experimental/operations/{alias}/status/{id}`. While it runs (and when it
    /// failed) the blueprint form the reference documents: `{requestType, status, summary:
    /// {blueprintId (an integer), locationId}, source: {userName, requestedAt}}`. Once it
    /// succeeded, `{"status":"succeeded"}` alone, as every recorded secondary-NIC removal.
    pub(crate) fn experimental_status(&self, c: &Call, id: &str) -> Reply {
        let op = self.ops.get(id).ok_or_else(reply::not_found)?;
        let state = match op.state(c.now, self.faults.hold_queue) {
            "notStarted" | "executing" => "running",
            s => s,
        };
        if state == "succeeded" {
            return reply::ok(&json!({ "status": state }));
        }
        reply::ok(&self.blueprint_status(op, state))
    }

    fn blueprint_status(&self, op: &Operation, state: &str) -> Value {
        json!({
            "requestType": "blueprintOperation",
            "status": state,
            "summary": { "blueprintId": blueprint_id(&op.id), "locationId": op.dc },
            "source": {
                "userName": self.account.owner(),
                "requestedAt": iso(self.wall(op.accepted_ms)),
            },
        })
    }

    pub(crate) fn operation_link(&self, c: &Call, op: &str) -> Value {
        reply::status_link(&c.view.lc, op)
    }
}

/// A stable integer id for an operation's blueprint (recorded ones: 48636 to 191520).
fn blueprint_id(op: &str) -> u64 {
    let head = op.get(..5).unwrap_or(op);
    40_000 + u64::from_str_radix(head, 16).unwrap_or(0) % 160_000
}
