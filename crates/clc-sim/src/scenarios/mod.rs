//! Scenarios: the accounts the simulator can start from, each deterministic by seed.

mod addresses;
mod builder;
mod demo;
mod demo_services;
mod large;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Account;

pub(crate) use builder::Builder;

/// Which account to build.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum Scenario {
    /// Data centers with their system groups and free primary networks; nothing billable.
    Empty,
    /// A small, varied account in three data centers (see the README).
    Demo,
    /// A generated account of the given size.
    Large {
        dcs: u32,
        servers: u32,
        groups: u32,
        public_ips: u32,
        /// Sub-accounts `L001`, `L002`, … under `LRGE`, each with its own servers.
        #[serde(default)]
        subaccounts: u32,
    },
}

/// A scenario string that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown scenario {:?}: use empty, demo or large:dcs=N,servers=N,groups=N,ips=N,subaccounts=N",
            self.0
        )
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// The default size of `large` (13 DCs, 10,000 servers, 600 groups, 2,000 public IPs).
    pub const LARGE: Scenario = Scenario::Large {
        dcs: 13,
        servers: 10_000,
        groups: 600,
        public_ips: 2_000,
        subaccounts: 0,
    };

    /// Reads `empty`, `demo`, `large` or `large:dcs=13,servers=10000,groups=600,ips=2000`
    /// (keys in any order, any subset; `public_ips` is accepted for `ips`), plus
    /// `subaccounts=N` (at most 999).
    pub fn parse(s: &str) -> Result<Scenario, ScenarioError> {
        let s = s.trim();
        let (name, params) = s.split_once(':').unwrap_or((s, ""));
        match name.to_ascii_lowercase().as_str() {
            "empty" if params.is_empty() => Ok(Scenario::Empty),
            "demo" if params.is_empty() => Ok(Scenario::Demo),
            "large" => {
                let Scenario::Large {
                    mut dcs,
                    mut servers,
                    mut groups,
                    mut public_ips,
                    mut subaccounts,
                } = Scenario::LARGE
                else {
                    unreachable!()
                };
                for pair in params.split(',').filter(|p| !p.trim().is_empty()) {
                    let (k, v) = pair
                        .split_once('=')
                        .ok_or_else(|| ScenarioError(s.into()))?;
                    let v: u32 = v.trim().parse().map_err(|_| ScenarioError(s.into()))?;
                    match k.trim().to_ascii_lowercase().as_str() {
                        "dcs" => dcs = v.max(1),
                        "servers" => servers = v,
                        "groups" => groups = v,
                        "ips" | "public_ips" | "publicips" => public_ips = v,
                        "subaccounts" | "sub_accounts" if v <= 999 => subaccounts = v,
                        _ => return Err(ScenarioError(s.into())),
                    }
                }
                Ok(Scenario::Large {
                    dcs,
                    servers,
                    groups,
                    public_ips,
                    subaccounts,
                })
            }
            _ => Err(ScenarioError(s.into())),
        }
    }

    /// The account alias the scenario's users log in to.
    pub fn alias(&self) -> &'static str {
        match self {
            Scenario::Empty => "EMPT",
            Scenario::Demo => "DEMO",
            Scenario::Large { .. } => "LRGE",
        }
    }

    /// The full-rights user's name; the password is `<name>-password`. Every scenario also has
    /// `viewer` / `viewer-password` with read-only roles.
    pub fn username(&self) -> &'static str {
        match self {
            Scenario::Empty => "empty",
            Scenario::Demo => "demo",
            Scenario::Large { .. } => "large",
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scenario::Empty => f.write_str("empty"),
            Scenario::Demo => f.write_str("demo"),
            Scenario::Large {
                dcs,
                servers,
                groups,
                public_ips,
                subaccounts,
            } => {
                write!(
                    f,
                    "large:dcs={dcs},servers={servers},groups={groups},ips={public_ips}"
                )?;
                if *subaccounts > 0 {
                    write!(f, ",subaccounts={subaccounts}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::str::FromStr for Scenario {
    type Err = ScenarioError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scenario::parse(s)
    }
}

pub(crate) fn build(scenario: &Scenario, seed: u64, epoch_ms: u64) -> Account {
    let mut b = Builder::new(scenario, seed, epoch_ms);
    match scenario {
        Scenario::Empty => {
            for dc in ["VA1", "UC1"] {
                b.add_dc(dc);
            }
        }
        Scenario::Demo => demo::build(&mut b),
        Scenario::Large {
            dcs,
            servers,
            groups,
            public_ips,
            ..
        } => large::build(&mut b, *dcs, *servers, *groups, *public_ips),
    }
    b.finish()
}

/// The scenario's sub-accounts, each built from its own seed so that the parent's account is
/// exactly what it is without them.
pub(crate) fn build_subs(scenario: &Scenario, seed: u64, epoch_ms: u64) -> Vec<Account> {
    let sub_seed = |n: u64| seed.wrapping_mul(0x9e37_79b9).wrapping_add(n * 7919);
    match scenario {
        Scenario::Empty => Vec::new(),
        Scenario::Demo => {
            let mut b = Builder::sub_account("DEMO", "DEMS", "dems", 1, sub_seed(1), epoch_ms);
            demo::build_sub(&mut b);
            vec![b.finish()]
        }
        Scenario::Large {
            dcs,
            servers,
            groups,
            public_ips,
            subaccounts,
        } => (1..=*subaccounts)
            .map(|n| {
                let alias = format!("L{n:03}");
                let user = alias.to_ascii_lowercase();
                let mut b =
                    Builder::sub_account("LRGE", &alias, &user, n, sub_seed(n.into()), epoch_ms);
                large::build(
                    &mut b,
                    (*dcs).min(3),
                    (servers / 10).max(2),
                    groups / 10,
                    public_ips / 10,
                );
                b.finish()
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_string_forms() {
        assert_eq!(Scenario::parse("demo"), Ok(Scenario::Demo));
        assert_eq!(Scenario::parse("EMPTY"), Ok(Scenario::Empty));
        assert_eq!(
            Scenario::parse("large:dcs=13,servers=10000,groups=600,ips=2000"),
            Ok(Scenario::LARGE)
        );
        assert_eq!(
            Scenario::parse("large:servers=5"),
            Ok(Scenario::Large {
                dcs: 13,
                servers: 5,
                groups: 600,
                public_ips: 2000,
                subaccounts: 0,
            })
        );
        assert!(Scenario::parse("huge").is_err());
        assert!(Scenario::parse("large:cpus=3").is_err());
        assert!(Scenario::parse("large:subaccounts=1000").is_err());
        let s = Scenario::parse("large:subaccounts=3").unwrap();
        assert!(matches!(s, Scenario::Large { subaccounts: 3, .. }));
        assert_eq!(Scenario::parse(&s.to_string()), Ok(s));
        let s = Scenario::parse("large:dcs=2,servers=3,groups=4,ips=5").unwrap();
        assert_eq!(Scenario::parse(&s.to_string()), Ok(s));
    }
}
