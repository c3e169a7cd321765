//! The demo account's services: load balancers, firewall policies, the VPN, alert and
//! autoscale policies, webhooks, an RDBS subscription and Simple Backup policies.

use super::builder::Builder;
use crate::model::*;

fn internal(b: &Builder, server: &str) -> String {
    b.a.servers[server].nics[0].internal.clone()
}

pub(super) fn load_balancers(b: &mut Builder, web1: &str, web2: &str, app: &str) {
    let node = |ip: String, port| LbNode {
        ip,
        private_port: port,
        status: "enabled",
    };
    let (w1, w2, a) = (internal(b, web1), internal(b, web2), internal(b, app));
    let web_pools = vec![
        Pool {
            id: b.id(),
            port: 80,
            method: "roundRobin",
            persistence: "standard",
            nodes: vec![node(w1.clone(), 80), node(w2.clone(), 80)],
        },
        Pool {
            id: b.id(),
            port: 443,
            method: "leastConnection",
            persistence: "sticky",
            nodes: vec![node(w1, 443), node(w2, 443)],
        },
    ];
    let lb = LoadBalancer {
        id: b.id(),
        dc: "VA1".into(),
        name: "web-lb".into(),
        description: "public web".into(),
        ip_address: "66.155.94.116".into(),
        status: "enabled",
        pools: web_pools,
    };
    b.a.lbs.insert(lb.id.clone(), lb);
    let pool = Pool {
        id: b.id(),
        port: 443,
        method: "roundRobin",
        persistence: "standard",
        nodes: vec![node(a, 8443)],
    };
    let lb = LoadBalancer {
        id: b.id(),
        dc: "GB3".into(),
        name: "app-lb".into(),
        description: "application".into(),
        ip_address: "66.155.96.53".into(),
        status: "enabled",
        pools: vec![pool],
    };
    b.a.lbs.insert(lb.id.clone(), lb);
}

fn cidr(b: &Builder, network: &str) -> String {
    format!("{}.0/24", b.a.networks[network].prefix)
}

fn primary_net(b: &Builder, dc: &str) -> String {
    b.a.networks
        .values()
        .find(|n| n.dc == dc && n.primary)
        .map(|n| n.id.clone())
        .unwrap_or_default()
}

pub(super) fn network_policies(b: &mut Builder, db_net: &str) {
    let alias = b.a.alias.to_ascii_lowercase();
    let (va1, uc1) = (primary_net(b, "VA1"), primary_net(b, "UC1"));
    let fw = FirewallPolicy {
        id: b.id(),
        dc: "VA1".into(),
        status: "active",
        enabled: true,
        source: vec![cidr(b, &va1)],
        destination: vec![cidr(b, db_net)],
        destination_account: alias.clone(),
        ports: vec!["tcp/3306".into(), "icmp".into()],
    };
    b.a.firewall.insert(fw.id.clone(), fw);
    let fw = FirewallPolicy {
        id: b.id(),
        dc: "UC1".into(),
        status: "active",
        enabled: false,
        source: vec![cidr(b, &uc1)],
        destination: vec![cidr(b, &uc1)],
        destination_account: alias.clone(),
        ports: vec!["any".into()],
    };
    b.a.firewall.insert(fw.id.clone(), fw);
    let x = CrossDcPolicy {
        id: b.id(),
        status: "active",
        enabled: true,
        source_cidr: cidr(b, &va1),
        source_account: alias.clone(),
        source_location: "va1".into(),
        destination_cidr: cidr(b, &uc1),
        destination_account: alias,
        destination_location: "uc1".into(),
    };
    b.a.cross_dc.insert(x.id.clone(), x);
    let vpn = Vpn {
        id: b.id().to_ascii_uppercase(),
        created: b.date_ago(300),
        local_address: "66.155.94.2".into(),
        local_dc: "VA1".into(),
        local_subnets: vec![cidr(b, &va1)],
        remote_site: "Head office".into(),
        remote_device: "Cisco ASA".into(),
        remote_address: "203.0.113.10".into(),
        remote_subnets: vec!["192.168.10.0/24".into()],
        pending_delete: None,
    };
    b.a.vpns.insert(vpn.id.to_ascii_lowercase(), vpn);
}

pub(super) fn account_services(b: &mut Builder, web1: &str, web2: &str, db1: &str, bat2: &str) {
    let cpu = AlertPolicy {
        id: b.id(),
        name: "High CPU".into(),
        recipients: vec!["ops@demo.example".into()],
        metric: "cpu",
        threshold: 90.0,
    };
    let disk = AlertPolicy {
        id: b.id(),
        name: "Disk almost full".into(),
        recipients: vec!["ops@demo.example".into(), "dba@demo.example".into()],
        metric: "disk",
        threshold: 85.0,
    };
    for s in [web1, web2] {
        b.a.servers
            .get_mut(s)
            .expect("server")
            .alert_policies
            .push(cpu.id.clone());
    }
    b.a.servers
        .get_mut(db1)
        .expect("server")
        .alert_policies
        .push(disk.id.clone());
    b.a.alert_policies.insert(cpu.id.clone(), cpu);
    b.a.alert_policies.insert(disk.id.clone(), disk);
    let scale = AutoscalePolicy {
        id: b.id(),
        name: "Web CPU autoscale".into(),
        min: 2,
        max: 4,
        up: 85,
        down: 20,
    };
    b.a.servers.get_mut(web1).expect("server").autoscale_policy = Some(scale.id.clone());
    b.a.autoscale_policies.insert(scale.id.clone(), scale);
    b.a.webhooks = vec![
        Webhook {
            event: "Server.Deleted",
            recursive: true,
            target_uris: vec!["https://hooks.demo.example/clc".into()],
        },
        Webhook {
            event: "Alert.Notification",
            recursive: false,
            target_uris: vec!["https://hooks.demo.example/alerts".into()],
        },
    ];
    let day = crate::calendar::DAY_MS;
    let sub = RdbsSubscription {
        id: 10_000 + b.rng.below(80_000),
        location: "VA1".into(),
        external_id: "demo-mysql-01".into(),
        status: "Active",
        cpu: 2,
        memory: 4,
        storage: 50,
        internal_ip: "10.160.1.12".into(),
        host: "10.160.1.12".into(),
        port: 49_152 + b.rng.below(1000) as u32,
        backups: (0..2)
            .map(|i| RdbsBackup {
                id: 500 + i,
                file_name: format!("demo-mysql-01-backup-{i}.gz"),
                time_ms: b.epoch - (i + 1) * day,
                kind: if i == 0 { "Automated" } else { "Manual" },
                size: 1_048_576 * (40 + i * 3),
            })
            .collect(),
        hourly: 0.6,
        accrued: 0.0,
        since_ms: 0,
    };
    b.a.rdbs.insert(sub.id, sub);
    let linux = BackupAccountPolicy {
        id: b.rng.uuid(),
        name: "Linux daily".into(),
        os_type: "Linux",
        status: "ACTIVE",
        paths: vec!["/etc".into(), "/var/www".into()],
        retention_days: 14,
        interval_hours: 24,
    };
    let windows = BackupAccountPolicy {
        id: b.rng.uuid(),
        name: "Windows weekly".into(),
        os_type: "Windows",
        status: "ACTIVE",
        paths: vec!["C:\\Data".into()],
        retention_days: 30,
        interval_hours: 168,
    };
    let old = BackupAccountPolicy {
        id: b.rng.uuid(),
        name: "Old archive policy".into(),
        os_type: "Linux",
        status: "INACTIVE",
        paths: vec!["/srv".into()],
        retention_days: 7,
        interval_hours: 12,
    };
    for (policy, server, gb) in [
        (&linux, web1, 3.5),
        (&linux, db1, 42.25),
        (&windows, bat2, 12.0),
    ] {
        let sp = BackupServerPolicy {
            id: b.rng.uuid(),
            account_policy: policy.id.clone(),
            server: server.to_ascii_uppercase(),
            region: "US EAST",
            status: "ACTIVE",
            gb_stored: gb,
        };
        b.a.backup_server_policies.push(sp);
    }
    b.a.backup_policies = vec![linux, windows, old];
}
