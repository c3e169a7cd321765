//! Link targets a closure does not need but clients may follow: statistics, scheduled
//! activities, defaults, capabilities, credentials, server pricing, OVF imports. They answer
//! small fixed documents so that every GET link the simulator hands out works.

use serde_json::json;

use crate::billing::server_hourly;
use crate::reply::{self, rate, Reply};
use crate::Sim;

impl Sim {
    /// `…/statistics`, `…/scheduledActivities`, `…/upcomingScheduledActivities`,
    /// `/v2/vmImport/{alias}/{dc}/available`: empty arrays, as recorded.
    pub(crate) fn empty_list(&self) -> Reply {
        reply::ok(&json!([]))
    }

    pub(crate) fn group_defaults(&self, id: &str) -> Reply {
        self.account.groups.get(id).ok_or_else(reply::not_found)?;
        reply::ok(&json!({}))
    }

    pub(crate) fn server_capabilities(&self, id: &str) -> Reply {
        self.account.servers.get(id).ok_or_else(reply::not_found)?;
        reply::ok(&json!({ "supportsSnapshots": true, "supportsAutoscale": true }))
    }

    /// Never a real secret: the simulator has none.
    pub(crate) fn server_credentials(&self, id: &str) -> Reply {
        let s = self.account.servers.get(id).ok_or_else(reply::not_found)?;
        let user = if s.windows { "Administrator" } else { "root" };
        reply::ok(&json!({ "userName": user, "password": "simulated-password" }))
    }

    /// `GET /v2/billing/{alias}/serverPricing/{id}` (shape undocumented; the simulator's choice).
    pub(crate) fn server_pricing(&self, id: &str) -> Reply {
        let s = self.account.servers.get(id).ok_or_else(reply::not_found)?;
        let hourly = server_hourly(s);
        reply::ok(
            &json!({ "server": s.id, "hourlyRate": rate(hourly), "monthlyRate": reply::cents(hourly * 730.0) }),
        )
    }
}
