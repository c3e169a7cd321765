//! The `large` account: many data centers, nested groups, thousands of servers and public IPs,
//! generated in one pass (no per-item searches) so 10,000 servers build in milliseconds.

use super::builder::{dc_code, Builder, ServerSpec};
use crate::model::*;

const ROLES: &[&str] = &["APP", "WEB", "DB", "API", "JOB", "CCH"];

pub(crate) fn build(b: &mut Builder, dcs: u32, servers: u32, groups: u32, public_ips: u32) {
    let codes: Vec<String> = (0..dcs.max(1) as usize).map(dc_code).collect();
    let mut roots = Vec::new();
    let mut user_groups: Vec<Vec<(String, u32)>> = Vec::new();
    for code in &codes {
        roots.push(b.add_dc(code));
        user_groups.push(Vec::new());
    }
    // Groups round-robin over data centers; half nest under an earlier group (depth ≤ 3).
    for i in 0..groups as usize {
        let d = i % codes.len();
        let nest = !user_groups[d].is_empty() && b.rng.chance(50);
        let (parent, depth) = if nest {
            let k = b.rng.below(user_groups[d].len() as u64) as usize;
            let (p, depth) = user_groups[d][k].clone();
            if depth < 3 {
                (p, depth + 1)
            } else {
                (roots[d].clone(), 1)
            }
        } else {
            (roots[d].clone(), 1)
        };
        let id = b.group(&parent, &format!("Group {:03}", i + 1));
        user_groups[d].push((id, depth));
    }
    let system: Vec<[String; 3]> = codes
        .iter()
        .map(|c| {
            [
                b.system_group(c, GroupKind::Default),
                b.system_group(c, GroupKind::Archive),
                b.system_group(c, GroupKind::Templates),
            ]
        })
        .collect();
    let mut ids = Vec::with_capacity(servers as usize);
    for i in 0..servers as usize {
        let d = i % codes.len();
        let roll = b.rng.below(100);
        let role = *b.rng.pick(ROLES);
        let mut spec = ServerSpec::new(
            role,
            1 << b.rng.below(3),
            2 << b.rng.below(3),
            20 + 10 * b.rng.below(10) as u32,
        );
        spec.windows = b.rng.chance(15);
        let group = match roll {
            0..=2 => {
                spec.archived = true;
                spec.power = Power::Stopped;
                system[d][1].clone()
            }
            3 => {
                spec.template = true;
                system[d][2].clone()
            }
            _ => {
                spec.power = match roll {
                    4..=15 => Power::Stopped,
                    16..=19 => Power::Paused,
                    _ => Power::Started,
                };
                if user_groups[d].is_empty() || b.rng.chance(10) {
                    system[d][0].clone()
                } else {
                    let k = b.rng.below(user_groups[d].len() as u64) as usize;
                    user_groups[d][k].0.clone()
                }
            }
        };
        let id = b.server(&group, spec);
        if roll > 3 {
            ids.push(id);
        }
    }
    for _ in 0..public_ips {
        if ids.is_empty() {
            break;
        }
        let k = b.rng.below(ids.len() as u64) as usize;
        let s = ids[k].clone();
        b.public_ip(&s, &[443]);
    }
    for code in &codes {
        let id = b.id();
        let lb = LoadBalancer {
            id,
            dc: code.clone(),
            name: format!("{}-lb", code.to_ascii_lowercase()),
            description: "generated".into(),
            ip_address: format!("66.150.{}.10", b.rng.below(250)),
            status: "enabled",
            pools: vec![Pool {
                id: b.id(),
                port: 80,
                method: "roundRobin",
                persistence: "standard",
                nodes: Vec::new(),
            }],
        };
        b.a.lbs.insert(lb.id.clone(), lb);
    }
}
