//! The Service Task request built from the demo account's inventory: it names the alias, the
//! data centers and every data-bearing resource with what it holds (each server's disk sizes,
//! snapshots, public IPs), and it never carries the sign-in token.

mod support;

use clc_sim::Scenario;
use closure::escalation::percent_encode;
use closure::marks::data_bearing;
use closure::service_task::{facts, mailto, mailto_for, text, MAILTO_CUT_NOTE, MAILTO_MAX_CHARS};
use closure::{Inventory, ResourceId, ResourceKind as K, Scanner};

use support::Harness;

fn scan(h: &Harness) -> Inventory {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    std::rc::Rc::unwrap_or_clone(outcome.inventory)
}

/// The text's block for one resource: its `- kind name …` line and the fact lines under it.
fn block<'a>(text: &'a str, head: &str) -> &'a str {
    text.split("\n- ")
        .find(|b| b.starts_with(head))
        .unwrap_or_else(|| panic!("no block for {head:?} in:\n{text}"))
}

#[test]
fn the_text_names_alias_data_centers_and_every_data_bearing_resource() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    let text = text(&inventory);
    assert!(text.contains(&format!("Account alias: {}", inventory.account)));
    let dcs = inventory.data_centers();
    assert!(!dcs.is_empty());
    assert!(text.contains(&format!("Data centers: {}", dcs.join(", "))));
    let mut n = 0;
    for r in data_bearing(&inventory) {
        let b = block(&text, &format!("{} {}", r.id.kind.label(), r.name));
        for note in &r.notes {
            assert!(b.contains(note.as_str()), "{note:?} missing from {b:?}");
        }
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn every_server_comes_with_its_disk_sizes_snapshots_and_public_ips() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    let text = text(&inventory);
    let state = h.state();
    let servers = state["servers"].as_array().unwrap();
    assert!(servers
        .iter()
        .any(|s| !s["snapshots"].as_array().unwrap().is_empty()));
    for s in servers {
        let id = ResourceId::new(K::Server, s["id"].as_str().unwrap().to_ascii_lowercase());
        let found = [K::Server, K::ArchivedServer, K::Template]
            .into_iter()
            .find_map(|k| inventory.get(&ResourceId::new(k, id.id.clone())))
            .unwrap_or_else(|| panic!("{} is not in the inventory", s["id"]));
        let b = block(&text, &format!("{} {}", found.id.kind.label(), found.name));
        let storage = s["storageGB"].as_u64().unwrap();
        // The API gives the disks of a server with full details (active ones); an archived
        // server's listing says its storage only, one being built or deleted says nothing.
        match s["status"].as_str().unwrap() {
            "active" => {
                let disks = format!(
                    "disks: 0:0 1 GB, 0:1 2 GB, 0:2 {} GB",
                    storage.saturating_sub(3)
                );
                assert!(b.contains(&disks), "{disks:?} missing from {b:?}");
            }
            "archived" => assert!(b.contains(&format!("{storage} GB storage")), "{b:?}"),
            _ => assert!(b.contains("disk sizes not given"), "{b:?}"),
        }
        assert_eq!(
            b.contains("    archived\n"),
            s["status"] == "archived",
            "{b:?}"
        );
        for ip in s["publicIps"].as_array().unwrap() {
            assert!(b.contains(ip.as_str().unwrap()), "{ip} missing from {b:?}");
        }
        for snap in inventory
            .of_kind(K::Snapshot)
            .filter(|x| x.depends_on.contains(&found.id))
        {
            assert!(b.contains(&snap.name), "{} missing from {b:?}", snap.name);
        }
        assert_eq!(
            facts(&inventory, found)
                .iter()
                .any(|f| f.starts_with("snapshots: ")),
            !s["snapshots"].as_array().unwrap().is_empty(),
            "{b:?}"
        );
    }
}

#[test]
fn the_text_and_the_mailto_link_never_carry_the_token() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = scan(&h);
    assert!(h.token.len() > 8);
    assert!(!text(&inventory).contains(&h.token));
    let link = mailto(&inventory).href;
    assert!(!link.contains(&h.token) && !link.contains(&percent_encode(&h.token)));
    assert!(link.starts_with("mailto:help@ctl.io?subject="));
    assert_eq!(link.split_once('?').unwrap().1.matches('&').count(), 1);
}

/// The body of a `mailto:` link, decoded.
fn body_of(href: &str) -> String {
    let encoded = href.split_once("&body=").unwrap().1;
    let bytes: Vec<u8> = {
        let raw = encoded.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'%' {
                out.push(u8::from_str_radix(&encoded[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(raw[i]);
                i += 1;
            }
        }
        out
    };
    String::from_utf8(bytes).unwrap()
}

/// The demo's inventory with `extra` more servers like its first one.
fn with_servers(h: &Harness, extra: usize) -> Inventory {
    let mut inventory = scan(h);
    let server = inventory.of_kind(K::Server).next().unwrap().clone();
    for i in 0..extra {
        let mut more = server.clone();
        more.id = ResourceId::new(K::Server, format!("va1extra{i:03}"));
        more.name = format!("VA1EXTRA{i:03}");
        inventory.resources.push(more);
    }
    inventory.resources.sort_by(|a, b| a.id.cmp(&b.id));
    inventory
}

#[test]
fn a_short_request_goes_whole_into_the_e_mail() {
    let h = Harness::new(Scenario::Empty, 0);
    let inventory = scan(&h);
    let link = mailto(&inventory);
    assert!(!link.cut);
    assert!(link.href.len() <= MAILTO_MAX_CHARS);
    assert_eq!(body_of(&link.href), text(&inventory));
}

#[test]
fn a_long_request_is_cut_at_a_line_under_the_cap_and_says_where_the_whole_text_is() {
    let h = Harness::new(Scenario::Demo, 0);
    let inventory = with_servers(&h, 40);
    let full = text(&inventory);
    assert!(percent_encode(&full).len() > 3 * MAILTO_MAX_CHARS);
    let link = mailto(&inventory);
    assert!(link.cut);
    assert!(
        link.href.len() <= MAILTO_MAX_CHARS,
        "{} characters",
        link.href.len()
    );
    // Cut a little before the cap, not far before it.
    assert!(
        link.href.len() > MAILTO_MAX_CHARS - 200,
        "{}",
        link.href.len()
    );
    let body = body_of(&link.href);
    let (kept, note) = body
        .split_once("\n\n[")
        .expect("the note after a blank line");
    assert_eq!(format!("[{note}"), MAILTO_CUT_NOTE);
    assert!(note.contains("\"Copy the request\""), "{note}");
    // What is kept is the request's first lines, each whole.
    assert!(full.starts_with(&format!("{kept}\n")), "{kept}");
    assert!(kept.contains("Account alias: "), "{kept}");
}

#[test]
fn with_a_sub_account_the_text_names_every_alias_and_which_one_holds_each_resource() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    let inventory = outcome.inventory;
    let text = text(&inventory);
    assert!(
        text.contains("Account alias: DEMO (sub-accounts: DEMS)"),
        "{text}"
    );
    let in_sub: Vec<_> = data_bearing(&inventory)
        .filter(|r| inventory.alias_of(r) == "DEMS")
        .collect();
    assert!(!in_sub.is_empty(), "the demo's sub-account holds data");
    for r in in_sub {
        let head = format!("{} {}", r.id.kind.label(), r.name);
        let first_line = block(&text, &head).lines().next().unwrap();
        assert!(first_line.ends_with(", sub-account DEMS"), "{first_line}");
    }
    for r in data_bearing(&inventory).filter(|r| inventory.alias_of(r) == "DEMO") {
        let head = format!("{} {}", r.id.kind.label(), r.name);
        assert!(!block(&text, &head).contains("sub-account"), "{head}");
    }
}

/// How long the link to the help desk for `inventory` is before its body.
fn head_len(inventory: &Inventory) -> usize {
    let href = mailto(inventory).href;
    href.find("&body=").unwrap() + "&body=".len()
}

#[test]
fn the_link_from_the_written_text_is_cut_exactly_when_the_encoded_request_does_not_fit() {
    let h = Harness::new(Scenario::Empty, 0);
    let mut inventory = scan(&h);
    let mut seen = (false, false);
    let mut raw_fits_when_cut = false;
    // A longer and longer alias grows the request until it no longer fits, through the sizes
    // where the text fits before encoding but not after.
    for n in 0..400 {
        inventory.account = "A B&".repeat(n);
        let full = text(&inventory);
        // The app's path: the link from the text it has already written.
        let link = mailto_for(&inventory, &full);
        let head = head_len(&inventory);
        let fits = head + percent_encode(&full).len() <= MAILTO_MAX_CHARS;
        assert_eq!(
            link.cut,
            !fits,
            "an alias of {} characters",
            inventory.account.len()
        );
        if !link.cut {
            assert_eq!(body_of(&link.href), full);
        }
        seen = (seen.0 || !link.cut, seen.1 || link.cut);
        if link.cut {
            raw_fits_when_cut = head + full.len() <= MAILTO_MAX_CHARS;
            break;
        }
    }
    assert_eq!(seen, (true, true));
    // The first cut came while the text would have fitted before encoding.
    assert!(raw_fits_when_cut);
}
