//! The inventory built as the scan reads: each group tree's groups, servers, public IPs and
//! snapshots as soon as the tree is in (while other reads are in flight); once the last answer
//! is in only the rest remains (what the group billing and the claimed addresses add to the
//! servers, the other lists, and one sort of runs already in order). [`Folder::finish`] gives
//! exactly the resources [`super::resources`] and the sort give for the same data, or `None`
//! where folding tree by tree could give others (a server name in two trees, a server whose
//! group is not in its tree, an id twice across trees, trees not matching what was read,
//! servers read one by one): the caller then builds them whole.

use std::collections::HashMap;

use clc::models::Group;

use super::{
    add_billing, compute, networks_of_servers, the_rest, Lookups, ServerIndex, ServerPlace,
};
use crate::inventory::{Resource, ResourceKind};
use crate::scan::ScanData;

/// One data center's group tree, built.
struct TreeFold {
    /// Its resources, of the alias, sorted by id; the servers' billed figures and networks not
    /// yet added ([`compute::billing_and_networks`] does at the end).
    resources: Vec<Resource>,
    /// Internal address → lowercase server id, the later server winning.
    server_by_address: HashMap<String, String>,
}

/// What one alias's scan has built so far.
#[derive(Default)]
pub(crate) struct Folder {
    /// Per data center (upper case), in order of data center.
    trees: Vec<(String, TreeFold)>,
    /// Upper-case server name (and id) → lowercase server id, of every tree.
    server_by_name: HashMap<String, String>,
    /// Folding tree by tree may not give what the whole build gives: build whole.
    whole: bool,
}

impl Folder {
    /// Builds the group tree of data center `dc` of `account`, just read.
    ///
    /// Cases that need no check of their own here: a tree folded twice leaves two entries for
    /// one data center, which [`Folder::finish`] never finds equal to the trees read; a group in
    /// two trees gives two group resources with one id, and a server in two trees holds its
    /// id among its names; an id twice within one tree is kept as the whole build keeps it
    /// (its first, both builds making a tree's resources in the same order and sorting
    /// stably).
    pub(crate) fn tree(&mut self, dc: &str, tree: &Group, account: &str) {
        if self.whole {
            return;
        }
        let mut lookups = Lookups::empty();
        lookups.add_tree(dc, tree);
        // A server whose group is not in its tree takes its path from wherever that group is,
        // which this tree alone does not tell.
        let foreign_group = lookups.servers.values().any(|found| {
            !lookups
                .groups
                .contains_key(&clc::ids::id_key(&found.server.group_id))
        });
        let mut resources = Vec::new();
        compute::add_group(dc, tree, None, &lookups, &mut resources);
        compute::servers(&lookups, &mut resources);
        for r in &mut resources {
            r.account = account.to_string();
        }
        crate::inventory::sort_by_id(&mut resources);
        let Lookups {
            server_by_name,
            server_by_address,
            ..
        } = lookups;
        // A name in two trees: the whole build takes the later data center's (by name), which
        // may not be the later answer's. Each server's id is among its names.
        let mut again = foreign_group;
        for (name, key) in server_by_name {
            again |= self.server_by_name.insert(name, key).is_some();
        }
        self.whole |= again;
        let tree = TreeFold {
            resources,
            server_by_address,
        };
        let at = self.trees.partition_point(|(d, _)| d.as_str() <= dc);
        self.trees.insert(at, (dc.to_string(), tree));
    }

    /// Every resource of `data` (of the alias, sorted by id), as [`super::resources`] and the
    /// sort give them; `None` when `data` must be built whole.
    pub(crate) fn finish(mut self, data: &ScanData) -> Option<Vec<Resource>> {
        let whole = self.whole
            || !data.servers.is_empty()
            || !self
                .trees
                .iter()
                .map(|(dc, _)| dc)
                .eq(data.group_trees.keys());
        if whole {
            return None;
        }
        let mut rest = Vec::new();
        the_rest(data, &self, &mut rest);
        let networks_of_server = networks_of_servers(data, |name| self.server_by_name.get(name));
        let mut billing = HashMap::new();
        for group_billing in data.group_billing.values() {
            add_billing(&mut billing, group_billing);
        }
        for r in &mut rest {
            r.account = data.account.clone();
        }
        let mut out = Vec::with_capacity(
            self.trees
                .iter()
                .map(|(_, t)| t.resources.len())
                .sum::<usize>()
                + rest.len(),
        );
        for (_, tree) in std::mem::take(&mut self.trees) {
            for mut r in tree.resources {
                if SERVER_KINDS.contains(&r.id.kind) {
                    compute::billing_and_networks(&mut r, &billing, &networks_of_server);
                }
                out.push(r);
            }
        }
        out.append(&mut rest);
        // Two resources with one id (of two trees, or a tree's and another part's): which one
        // the whole build keeps depends on the order it makes them in, which folding does not
        // keep.
        let folded = crate::inventory::sort_by_id(&mut out).then_some(out);
        #[cfg(test)]
        tests::FOLDED.with(|n| n.set(n.get() + usize::from(folded.is_some())));
        folded
    }
}

const SERVER_KINDS: [ResourceKind; 3] = [
    ResourceKind::Server,
    ResourceKind::Template,
    ResourceKind::ArchivedServer,
];

impl ServerIndex for Folder {
    fn server_at(&self, address: &str) -> Option<&str> {
        self.trees
            .iter()
            .rev()
            .find_map(|(_, t)| t.server_by_address.get(address))
            .map(String::as_str)
    }

    fn server(&self, key: &str) -> Option<ServerPlace<'_>> {
        let found = self.trees.iter().find_map(|(_, t)| {
            SERVER_KINDS.into_iter().find_map(|kind| {
                t.resources
                    .binary_search_by(|r| (r.id.kind, r.id.id.as_str()).cmp(&(kind, key)))
                    .ok()
                    .map(|i| &t.resources[i])
            })
        })?;
        Some(ServerPlace {
            id: found.id.clone(),
            data_center: found.data_center.as_deref(),
            group_path: found.group_path.as_deref(),
        })
    }
}

/// The integration tests' virtual clock and executor, for a scan of the simulator.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../../tests/support/clock.rs"]
mod clock;

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use clc::models::{Group, NetworkIpAddress};
    use clc::{Client, Endpoints, Method, Request, Session};
    use clc_sim::{Scenario, Sim, SimTransport};
    use serde_json::{json, Value};

    use super::Folder;
    use crate::inventory::Inventory;
    use crate::scan::{ScanData, Scanner};

    thread_local! {
        /// How many inventories this thread's [`Folder::finish`] gave (the fold not giving up).
        pub(super) static FOLDED: Cell<usize> = const { Cell::new(0) };
    }

    /// A scan of the demo (DEMO with its sub-account DEMS) builds both inventories as the
    /// answers come in: were the fold to give up on every scan, the scan would build them
    /// whole and every other test would still pass.
    #[test]
    fn the_demo_scan_takes_the_fast_path() {
        const BASE: &str = "http://sim.test";
        let sim = std::rc::Rc::new(std::cell::RefCell::new(Sim::new(Scenario::Demo, 7)));
        let clock = super::clock::TimerClock::starting_at(clc_sim::DEFAULT_EPOCH_MS);
        let transport = SimTransport::new(sim.clone(), clock.clone(), BASE);
        let user = Scenario::Demo.username().to_string();
        let login = Request::new(Method::Post, format!("{BASE}/v2/authentication/login"))
            .header("Content-Type", "application/json")
            .body(json!({ "username": user, "password": format!("{user}-password") }).to_string());
        let answer: Value = serde_json::from_str(&sim.borrow_mut().handle(&login, 0).body).unwrap();
        let token = clc::BearerToken::new(answer["bearerToken"].as_str().unwrap().to_string());
        let session = Session::new(Scenario::Demo.alias(), token);
        let client = Client::new(Endpoints::single_origin(BASE), transport, clock.clone())
            .with_session(session);
        let before = FOLDED.with(Cell::get);
        let subs = ["DEMS".to_string()];
        let outcome = clock.run(Scanner::new(&client).with_sub_accounts(&subs).scan());
        assert_eq!(outcome.subs.len(), 1);
        assert!(!outcome.inventory.resources.is_empty());
        assert_eq!(
            FOLDED.with(Cell::get) - before,
            2,
            "DEMO's and DEMS's inventories folded"
        );
    }

    /// A server record of a detailed group read, with `public` addresses.
    fn server(id: &str, name: &str, group: &str, dc: &str, public: &[&str]) -> Value {
        let addresses: Vec<Value> = public.iter().map(|ip| json!({ "public": ip })).collect();
        json!({
            "id": id, "name": name, "groupId": group, "locationId": dc, "status": "active",
            "details": { "ipAddresses": addresses }, "links": [],
        })
    }

    fn group(id: &str, name: &str, dc: &str, groups: Vec<Value>, servers: Vec<Value>) -> Value {
        json!({
            "id": id, "name": name, "locationId": dc, "type": "default", "status": "active",
            "groups": groups, "servers": servers, "links": [],
        })
    }

    /// Data center `dc`'s tree: its root, and under it group `child` holding `servers`.
    fn tree(dc: &str, child: &str, servers: Vec<Value>) -> Group {
        let child = group(child, &format!("Web {dc}"), dc, vec![], servers);
        let root = group(&format!("root-{dc}"), dc, dc, vec![child], vec![]);
        serde_json::from_value(root).unwrap()
    }

    /// Two data centers, each with a group of two servers; a claimed address names a server.
    fn demo_like() -> ScanData {
        let mut data = ScanData {
            account: "ACME".into(),
            ..ScanData::default()
        };
        let uc1 = vec![
            server("uc1web01", "UC1WEB01", "g-uc1", "UC1", &["1.0.0.1"]),
            server("uc1web02", "UC1WEB02", "g-uc1", "UC1", &[]),
        ];
        let va1 = vec![
            server("va1web01", "VA1WEB01", "g-va1", "VA1", &["2.0.0.1"]),
            server("va1web02", "VA1WEB02", "g-va1", "VA1", &[]),
        ];
        data.group_trees
            .insert("UC1".into(), tree("UC1", "g-uc1", uc1));
        data.group_trees
            .insert("VA1".into(), tree("VA1", "g-va1", va1));
        claim(&mut data, "net-va1", "VA1WEB02");
        data
    }

    fn claim(data: &mut ScanData, network: &str, server: &str) {
        data.claimed_ips
            .entry(network.into())
            .or_default()
            .push(NetworkIpAddress {
                claimed: true,
                server: Some(server.into()),
            });
    }

    /// The trees of `data` folded in the order of `dcs` (the order their answers came in).
    fn fold(data: &ScanData, dcs: &[&str]) -> Folder {
        let mut folder = Folder::default();
        for dc in dcs {
            folder.tree(dc, &data.group_trees[*dc], &data.account);
        }
        folder
    }

    fn whole(data: &ScanData) -> Inventory {
        Inventory::from_scan(data, Vec::new(), false)
    }

    /// Folding `data` in the order of `dcs` gives up, and the inventory is the whole build.
    fn assert_built_whole(data: &ScanData, dcs: &[&str]) {
        assert_gives_up(data, || fold(data, dcs));
    }

    /// What `folded` makes gives up on `data`, and the inventory is the whole build.
    fn assert_gives_up(data: &ScanData, folded: impl Fn() -> Folder) {
        assert!(folded().finish(data).is_none(), "the fold gave up");
        let inventory = Inventory::from_folded(data, folded(), Vec::new(), false);
        assert_eq!(inventory, whole(data));
    }

    #[test]
    fn clean_trees_take_the_fast_path_in_any_order() {
        let data = demo_like();
        for dcs in [["UC1", "VA1"], ["VA1", "UC1"]] {
            let resources = fold(&data, &dcs)
                .finish(&data)
                .expect("folded, not built whole");
            assert_eq!(resources, whole(&data).resources);
        }
        // The claimed address reached the server it names.
        let va1web02 = whole(&data)
            .resources
            .into_iter()
            .find(|r| r.id.id == "va1web02");
        assert!(va1web02
            .unwrap()
            .depends_on
            .iter()
            .any(|d| d.id == "net-va1"));
    }

    #[test]
    fn a_tree_read_twice() {
        let first = demo_like();
        let mut data = first.clone();
        // UC1's tree read again, its group since renumbered: only the later answer is kept.
        let uc1 = vec![server("uc1web01", "UC1WEB01", "g-new", "UC1", &[])];
        data.group_trees
            .insert("UC1".into(), tree("UC1", "g-new", uc1));
        assert_gives_up(&data, || {
            let mut folder = fold(&first, &["UC1", "VA1"]);
            folder.tree("UC1", &data.group_trees["UC1"], &data.account);
            folder
        });
    }

    #[test]
    fn a_tree_read_but_not_folded() {
        let data = demo_like();
        assert_built_whole(&data, &["VA1"]);
    }

    #[test]
    fn an_id_twice_in_one_tree_is_kept_as_the_whole_build_keeps_it() {
        let mut data = demo_like();
        // One public address on two servers of UC1: the whole build keeps the first server's.
        let uc1 = vec![
            server("uc1web02", "UC1WEB02", "g-uc1", "UC1", &["5.5.5.5"]),
            server("uc1web01", "UC1WEB01", "g-uc1", "UC1", &["5.5.5.5"]),
        ];
        data.group_trees
            .insert("UC1".into(), tree("UC1", "g-uc1", uc1));
        let whole = whole(&data).resources;
        let address = whole.iter().find(|r| r.id.id == "5.5.5.5").unwrap();
        assert_eq!(address.depends_on[0].id, "uc1web01");
        for dcs in [["UC1", "VA1"], ["VA1", "UC1"]] {
            assert_eq!(fold(&data, &dcs).finish(&data).as_ref(), Some(&whole));
        }
    }

    #[test]
    fn a_server_in_a_group_of_another_data_center() {
        let mut data = demo_like();
        let moved = server("uc1app01", "UC1APP01", "g-va1", "UC1", &[]);
        data.group_trees
            .insert("UC1".into(), tree("UC1", "g-uc1", vec![moved]));
        assert_built_whole(&data, &["UC1", "VA1"]);
    }

    #[test]
    fn a_server_in_two_trees() {
        let mut data = demo_like();
        // The same server, a template in VA1's answer: two ids of two kinds.
        let mut template = server("uc1web01", "UC1WEB01", "g-va1", "VA1", &[]);
        template["isTemplate"] = json!(true);
        data.group_trees
            .insert("VA1".into(), tree("VA1", "g-va1", vec![template]));
        assert_built_whole(&data, &["UC1", "VA1"]);
    }

    #[test]
    fn a_group_in_two_trees() {
        let mut data = demo_like();
        let va1 = vec![server("va1web01", "VA1WEB01", "g-uc1", "VA1", &[])];
        data.group_trees
            .insert("VA1".into(), tree("VA1", "g-uc1", va1));
        assert_built_whole(&data, &["UC1", "VA1"]);
    }

    #[test]
    fn a_server_name_in_two_trees() {
        let mut data = demo_like();
        // VA1 holds a server named as one of UC1's, which a claimed address names: the whole
        // build gives the address to VA1's (the later data center's).
        let va1 = vec![server("va1web09", "UC1WEB01", "g-va1", "VA1", &[])];
        data.group_trees
            .insert("VA1".into(), tree("VA1", "g-va1", va1));
        claim(&mut data, "net-x", "UC1WEB01");
        assert_built_whole(&data, &["VA1", "UC1"]);
    }

    #[test]
    fn an_id_twice_across_trees() {
        let mut data = demo_like();
        // One public address on a server of each tree: the whole build keeps the one of the
        // server first by id (VA1's), not of the first data center.
        let uc1 = vec![server("uc1web01", "UC1WEB01", "g-uc1", "UC1", &["9.9.9.9"])];
        let va1 = vec![server("aa-va1", "AAVA1", "g-va1", "VA1", &["9.9.9.9"])];
        data.group_trees
            .insert("UC1".into(), tree("UC1", "g-uc1", uc1));
        data.group_trees
            .insert("VA1".into(), tree("VA1", "g-va1", va1));
        assert_built_whole(&data, &["UC1", "VA1"]);
    }
}
