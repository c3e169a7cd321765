//! The `demo` account: three data centers and one of everything a closure has to deal with,
//! including a server in each status the real service reports (active, archived,
//! `underConstruction`, `queuedForDelete`) and both system groups.

use super::builder::{Builder, ServerSpec};
use super::demo_services::{account_services, load_balancers, network_policies};
use crate::model::*;

pub(crate) fn build(b: &mut Builder) {
    for dc in ["VA1", "UC1", "GB3"] {
        b.add_dc(dc);
    }
    // VA1: web tier with public IPs and snapshots, a database on its own VLAN, an archived
    // server and a custom template.
    let va1 = b.root("VA1");
    let db_net = b.network("VA1", false);
    let tpl = b.system_group("VA1", GroupKind::Templates);
    b.server(
        &tpl,
        ServerSpec {
            template: true,
            description: "Golden image",
            ..ServerSpec::new("TPL", 2, 4, 40)
        },
    );
    let archive = b.system_group("VA1", GroupKind::Archive);
    b.server(
        &archive,
        ServerSpec {
            archived: true,
            power: Power::Stopped,
            ..ServerSpec::new("OLD", 2, 4, 60)
        },
    );
    let default = b.system_group("VA1", GroupKind::Default);
    let util = b.server(
        &default,
        ServerSpec {
            description: "utility box",
            ..ServerSpec::new("UTIL", 1, 2, 20)
        },
    );
    b.secondary_nic(&util, &db_net);
    let web = b.group(&va1, "Web");
    let web1 = b.server(
        &web,
        ServerSpec {
            description: "web",
            ..ServerSpec::new("WEB", 2, 4, 50)
        },
    );
    let web2 = b.server(
        &web,
        ServerSpec {
            description: "web",
            ..ServerSpec::new("WEB", 2, 4, 50)
        },
    );
    b.public_ip(&web1, &[80, 443]);
    b.public_ip(&web2, &[80, 443]);
    b.snapshot(&web1);
    let staging = b.group(&web, "Web Staging");
    let web3 = b.server(
        &staging,
        ServerSpec {
            power: Power::Stopped,
            ..ServerSpec::new("WEB", 1, 2, 30)
        },
    );
    b.snapshot(&web3);
    let db = b.group(&va1, "Database");
    let db1 = b.server(
        &db,
        ServerSpec {
            managed: true,
            network: Some(db_net.clone()),
            ..ServerSpec::new("DB", 4, 16, 200)
        },
    );
    b.server(
        &db,
        ServerSpec {
            power: Power::Paused,
            network: Some(db_net.clone()),
            ..ServerSpec::new("DB", 2, 8, 100)
        },
    );

    // UC1: nested analytics groups, a Windows server, and an extra VLAN nobody uses.
    let uc1 = b.root("UC1");
    b.network("UC1", false);
    let analytics = b.group(&uc1, "Analytics");
    let anl = b.server(&analytics, ServerSpec::new("ANL", 4, 8, 100));
    b.public_ip(&anl, &[22]);
    let batch = b.group(&analytics, "Batch");
    b.server(
        &batch,
        ServerSpec {
            power: Power::Stopped,
            ..ServerSpec::new("BAT", 2, 4, 50)
        },
    );
    let bat2 = b.server(
        &batch,
        ServerSpec {
            windows: true,
            ..ServerSpec::new("BAT", 2, 8, 80)
        },
    );

    // GB3: one application server behind a load balancer, a server still being built, one
    // whose delete was requested before the session (both finish a minute into it), and an
    // archived server.
    let gb3_default = b.system_group("GB3", GroupKind::Default);
    let app = b.server(&gb3_default, ServerSpec::new("APP", 2, 4, 40));
    b.public_ip(&app, &[443]);
    b.server(
        &gb3_default,
        ServerSpec {
            building: true,
            description: "being built",
            ..ServerSpec::new("BUILD", 2, 4, 40)
        },
    );
    b.server(
        &gb3_default,
        ServerSpec {
            delete_queued: true,
            description: "deletion requested earlier",
            ..ServerSpec::new("RETIRE", 1, 2, 20)
        },
    );
    let gb3_archive = b.system_group("GB3", GroupKind::Archive);
    b.server(
        &gb3_archive,
        ServerSpec {
            archived: true,
            power: Power::Stopped,
            ..ServerSpec::new("OLD", 1, 2, 30)
        },
    );

    load_balancers(b, &web1, &web2, &app);
    network_policies(b, &db_net);
    account_services(b, &web1, &web2, &db1, &bat2);
}

/// The demo's sub-account `DEMS` (user `dems`): two data centers, three servers (one in a user
/// group, one stopped), a public IP, a claimed VLAN besides each free primary, and a
/// site-to-site VPN.
pub(crate) fn build_sub(b: &mut Builder) {
    for dc in ["VA1", "UC1"] {
        b.add_dc(dc);
    }
    let va1 = b.root("VA1");
    let net = b.network("VA1", false);
    let shop = b.group(&va1, "Shop");
    let web = b.server(
        &shop,
        ServerSpec {
            description: "shop front",
            ..ServerSpec::new("SHOP", 2, 4, 60)
        },
    );
    b.public_ip(&web, &[443]);
    b.snapshot(&web);
    b.server(
        &shop,
        ServerSpec {
            network: Some(net.clone()),
            description: "shop database",
            ..ServerSpec::new("SDB", 2, 8, 120)
        },
    );
    let uc1_default = b.system_group("UC1", GroupKind::Default);
    b.server(
        &uc1_default,
        ServerSpec {
            power: Power::Stopped,
            ..ServerSpec::new("SPARE", 1, 2, 20)
        },
    );
    let subnet = format!("{}.0/24", b.a.networks[&net].prefix);
    let vpn = Vpn {
        id: b.id().to_ascii_uppercase(),
        created: b.date_ago(200),
        local_address: "66.155.95.2".into(),
        local_dc: "VA1".into(),
        local_subnets: vec![subnet],
        remote_site: "Shop office".into(),
        remote_device: "Juniper SRX".into(),
        remote_address: "203.0.113.20".into(),
        remote_subnets: vec!["192.168.20.0/24".into()],
        pending_delete: None,
    };
    b.a.vpns.insert(vpn.id.to_ascii_lowercase(), vpn);
}
