//! Addresses in scenarios: networks (VLANs) with their host counters, internal IPs, public IPs
//! mapped to internal ones, snapshots and secondary NICs.

use super::builder::Builder;
use crate::calendar::{iso, DAY_MS};
use crate::model::{Network, Nic, PublicIp, Snapshot};

impl Builder {
    /// A private network (VLAN) in `dc`; the first one of each data center is its primary.
    pub fn network(&mut self, dc: &str, primary: bool) -> String {
        let id = self.rng.hex32();
        self.next_vlan += 1;
        let vlan = 200 + self.next_vlan * 7 % 3000 + self.next_vlan;
        let prefix = format!(
            "10.{}.{}",
            40 + self.next_vlan / 200,
            self.next_vlan % 200 + 20
        );
        let name = format!("vlan_{vlan}_{prefix}");
        self.a.networks.insert(
            id.clone(),
            Network {
                id: id.clone(),
                dc: dc.into(),
                prefix,
                vlan,
                description: name.clone(),
                name,
                primary,
                next_host: 12,
            },
        );
        id
    }

    /// The data center's most recent network with room for another server.
    pub(super) fn network_with_room(&mut self, dc: &str) -> String {
        let found = self
            .a
            .networks
            .values()
            .filter(|n| n.dc == dc && n.next_host < 200)
            .max_by_key(|n| (n.primary, n.vlan))
            .map(|n| n.id.clone());
        found.unwrap_or_else(|| self.network(dc, false))
    }

    pub fn claim_ip(&mut self, network: &str) -> String {
        let n = self.a.networks.get_mut(network).expect("network");
        let ip = format!("{}.{}", n.prefix, n.next_host);
        n.next_host += 1;
        ip
    }

    /// A public IP mapped to a new internal address of the server's primary network.
    pub fn public_ip(&mut self, server: &str, ports: &[u32]) -> String {
        let n = self.next_public;
        self.next_public += 1;
        let address = format!("66.155.{}.{}", 4 + n / 250, n % 250 + 2);
        let network = self.a.servers[server].nics[0].network.clone();
        let internal = self.claim_ip(&network);
        let restricted = self.rng.chance(30);
        self.a
            .servers
            .get_mut(server)
            .expect("server")
            .public_ips
            .push(PublicIp {
                address: address.clone(),
                internal,
                network,
                ports: ports.iter().map(|p| ("TCP", *p, None)).collect(),
                source_restrictions: if restricted {
                    vec!["192.168.3.0/25".into()]
                } else {
                    Vec::new()
                },
                pending_delete: None,
            });
        address
    }

    pub fn snapshot(&mut self, server: &str) {
        let name = iso(self.epoch - self.rng.range(1, 9) * DAY_MS)
            .replace('T', ".")
            .replace('Z', "");
        let s = self.a.servers.get_mut(server).expect("server");
        let id = s.snapshots.len() as u32 + 2;
        s.snapshots.push(Snapshot {
            id,
            name,
            pending_delete: None,
            planted_id: None,
        });
    }

    /// A secondary NIC on another network.
    pub fn secondary_nic(&mut self, server: &str, network: &str) {
        let internal = self.claim_ip(network);
        self.a
            .servers
            .get_mut(server)
            .expect("server")
            .nics
            .push(Nic {
                network: network.into(),
                internal,
            });
    }
}
