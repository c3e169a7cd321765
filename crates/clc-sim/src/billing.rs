//! Charges: hourly rates from the 2020 price list, month-to-date figures that grow with virtual
//! time, group billing (§3.2, maps keyed by group and server id) and past invoices (§6.1).

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};

use crate::calendar::{iso, month_start_ms, next_month, year_month, HOUR_MS};
use crate::model::{Account, GroupKind, Power, Server};
use crate::reply::{self, cents, rate, Reply};
use crate::rng::Rng;
use crate::routing::Call;
use crate::Sim;

pub(crate) const PUBLIC_IP_MONTHLY: f64 = 2.0;
pub(crate) const NETWORK_MONTHLY: f64 = 45.0;
pub(crate) const VPN_MONTHLY: f64 = 45.0;
pub(crate) const LB_HOURLY: f64 = 0.04;
pub(crate) const BACKUP_GB_MONTHLY: f64 = 0.10;
const HOURS_PER_MONTH: f64 = 730.0;

/// What a server costs per hour in its current state.
pub(crate) fn server_hourly(s: &Server) -> f64 {
    let storage = f64::from(s.storage_gb) * 0.12 / HOURS_PER_MONTH;
    if s.is_template {
        return storage;
    }
    if s.archived {
        return f64::from(s.storage_gb) * 0.0001;
    }
    let cpu = f64::from(s.cpu);
    let licence = if s.windows { 0.04 * cpu } else { 0.0 };
    let managed = if s.managed_os { 0.21 } else { 0.0 };
    let running = match s.power {
        Power::Started => cpu * 0.01 + f64::from(s.memory_mb) / 1024.0 * 0.015,
        Power::Stopped | Power::Paused => 0.0,
    };
    running + storage + licence + managed
}

/// Books the charge accrued up to `at`; call before changing anything that changes the rate.
pub(crate) fn settle(s: &mut Server, at: u64) {
    s.accrued = month_to_date(s, at);
    s.since_ms = at.max(s.since_ms);
}

pub(crate) fn month_to_date(s: &Server, now: u64) -> f64 {
    s.accrued + server_hourly(s) * now.saturating_sub(s.since_ms) as f64 / HOUR_MS as f64
}

/// Serialises pairs as a JSON object in the given order (the queried group comes first).
struct Ordered(Vec<(String, Value)>);

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct GroupBilling {
    date: String,
    groups: Ordered,
}

impl Sim {
    /// Hours left in the current month at virtual time `now`.
    pub(crate) fn hours_left(&self, now: u64) -> f64 {
        let wall = self.wall(now);
        let (y, m) = year_month(wall);
        let (ny, nm) = next_month(y, m);
        month_start_ms(ny, nm).saturating_sub(wall) as f64 / HOUR_MS as f64
    }

    pub(crate) fn server_billing(&self, s: &Server, now: u64) -> Value {
        let mtd = month_to_date(s, now);
        let hourly = server_hourly(s);
        json!({
            "templateCost": if s.is_template { cents(mtd) } else { 0.0 },
            "archiveCost": if s.archived { cents(mtd) } else { 0.0 },
            "monthlyEstimate": cents(mtd + hourly * self.hours_left(now)),
            "monthToDate": cents(mtd),
            "currentHour": rate(hourly),
        })
    }

    /// `GET /v2/groups/{alias}/{id}/billing`
    pub(crate) fn group_billing(&self, c: &Call, id: &str) -> Reply {
        if !self.account.groups.contains_key(id) {
            return Err(reply::not_found());
        }
        let groups = self
            .account
            .subtree(id)
            .into_iter()
            .map(|gid| {
                let g = &self.account.groups[&gid];
                let servers: serde_json::Map<String, Value> = g
                    .servers
                    .iter()
                    .filter_map(|s| self.account.servers.get(s))
                    .map(|s| (s.id.clone(), self.server_billing(s, c.now)))
                    .collect();
                let name = self.shown(&g.id, &g.name);
                (gid, json!({ "name": name, "servers": servers }))
            })
            .collect();
        let body = GroupBilling {
            date: iso(self.wall(c.now)),
            groups: Ordered(groups),
        };
        Ok(reply::raw_json(
            200,
            serde_json::to_string(&body).unwrap_or_default(),
        ))
    }

    /// `GET /v2/invoice/{alias}/{year}/{month}`: past months only.
    pub(crate) fn invoice(&self, c: &Call, y: &str, m: &str) -> Reply {
        let (y, m): (i64, u32) = match (y.parse(), m.parse()) {
            (Ok(y), Ok(m)) if (1..=12).contains(&m) => (y, m),
            _ => return Err(reply::bad_request("The year and month are invalid.")),
        };
        let (cy, cm) = year_month(self.wall(c.now));
        if (y, m) >= (cy, cm) {
            return Err(reply::bad_request(
                "Invoice data is only available for months that have ended.",
            ));
        }
        let months_back = (cy - y) * 12 + i64::from(cm) - i64::from(m);
        let mut rng =
            Rng::new(self.seed ^ ((y as u64) * 12 + u64::from(m)).wrapping_mul(0x9e37_79b9));
        let mut items = Vec::new();
        if months_back <= 24 {
            for line in &self.invoice_lines {
                let factor = 0.85 + rng.below(30) as f64 / 100.0;
                let details: Vec<Value> = line
                    .details
                    .iter()
                    .map(|(d, cost)| json!({ "description": d, "cost": cents(cost * factor) }))
                    .collect();
                let unit = cents(line.unit_cost * factor);
                items.push(json!({
                    "quantity": line.quantity, "description": line.description, "unitCost": unit,
                    "itemTotal": cents(unit * f64::from(line.quantity)), "serviceLocation": line.dc,
                    "itemDetails": details,
                }));
            }
            for dc in &self.account.dcs {
                let dc = dc.id.to_ascii_uppercase();
                let gb = rng.range(5, 500) as u32;
                items.push(json!({
                    "quantity": gb, "description": format!("Bandwidth: GB Transmitted ({dc})"), "unitCost": 0.05,
                    "itemTotal": cents(0.05 * f64::from(gb)), "serviceLocation": dc, "itemDetails": [],
                }));
            }
        }
        let total: f64 = items.iter().filter_map(|i| i["itemTotal"].as_f64()).sum();
        let (ny, nm) = next_month(y, m);
        let a = &self.account;
        reply::ok(&json!({
            "id": format!("{}{:08X}", a.alias, rng.next_u64() as u32), "terms": "Net 15",
            "companyName": a.company, "accountAlias": a.alias, "pricingAccountAlias": a.alias,
            "parentAccountAlias": "CTL0", "address1": "1 Main St", "city": "Seattle",
            "stateProvince": "WA", "postalCode": "98004", "billingContactEmail": "billing@example.com",
            "invoiceCCEmail": "", "totalAmount": cents(total), "invoiceDate": iso(month_start_ms(ny, nm)),
            "lineItems": items,
        }))
    }
}

/// One invoice line before the month's variation.
#[derive(Clone, Debug)]
pub(crate) struct BasisLine {
    description: String,
    dc: String,
    quantity: u32,
    unit_cost: f64,
    details: Vec<(String, f64)>,
}

/// Invoice lines for a month like the current one: server groups, archived servers, public IPs,
/// load balancers, additional networks, VPNs and a "Deleted Servers" line.
pub(crate) fn invoice_basis(a: &Account) -> Vec<BasisLine> {
    let mut lines = Vec::new();
    for dc in &a.dcs {
        let code = dc.id.to_ascii_uppercase();
        for g in a.subtree(&dc.root_group) {
            let g = &a.groups[&g];
            let details: Vec<(String, f64)> = g
                .servers
                .iter()
                .filter_map(|s| a.servers.get(s))
                .map(|s| (s.name.clone(), server_hourly(s) * HOURS_PER_MONTH))
                .collect();
            if details.is_empty() {
                continue;
            }
            let description = match g.kind {
                GroupKind::Archive => format!("Archived Servers - {code}"),
                GroupKind::Templates => format!("Templates - {code}"),
                _ => format!("Server Group: {} - {code}", g.name),
            };
            let total = details.iter().map(|d| d.1).sum();
            lines.push(BasisLine {
                description,
                dc: code.clone(),
                quantity: 1,
                unit_cost: total,
                details,
            });
        }
        let ips = a
            .servers
            .values()
            .filter(|s| s.dc == code)
            .map(|s| s.public_ips.len() as u32)
            .sum::<u32>();
        let lbs = a.lbs.values().filter(|l| l.dc == code).count() as u32;
        let nets = a
            .networks
            .values()
            .filter(|n| n.dc == code && !n.primary)
            .count() as u32;
        let vpns = a.vpns.values().filter(|v| v.local_dc == code).count() as u32;
        for (n, description, unit) in [
            (
                ips,
                format!("External IP Address ({code})"),
                PUBLIC_IP_MONTHLY,
            ),
            (
                lbs,
                format!("Shared Load Balancer - {code}"),
                LB_HOURLY * HOURS_PER_MONTH,
            ),
            (
                nets,
                format!("Additional Networks - {code}"),
                NETWORK_MONTHLY,
            ),
            (vpns, format!("Site to Site VPN - {code}"), VPN_MONTHLY),
        ] {
            if n > 0 {
                lines.push(BasisLine {
                    description,
                    dc: code.clone(),
                    quantity: n,
                    unit_cost: unit,
                    details: Vec::new(),
                });
            }
        }
        lines.push(BasisLine {
            description: format!("Deleted Servers - {code}"),
            dc: code.clone(),
            quantity: 1,
            unit_cost: 1.65,
            details: vec![(format!("{code}{}TMP01", a.alias), 1.65)],
        });
    }
    lines
}
