//! Export: CSV cells are quoted and neutralised against formula injection (hostile names with
//! quotes, commas, newlines, leading `=`, `+`, `-`, `@`), JSON round-trips, and neither export
//! contains the bearer token.

mod support;

use clc_sim::Scenario;
use closure::inventory::export::{csv_field, to_csv, to_json, CSV_COLUMNS};
use closure::{Inventory, ResourceKind as K, Scanner};

use support::{parse_csv, Harness};

#[test]
fn csv_cells_are_escaped_and_neutralised() {
    for (raw, cell) in [
        ("web01", "web01"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        (
            "=HYPERLINK(\"http://evil\")",
            "\"'=HYPERLINK(\"\"http://evil\"\")\"",
        ),
        ("+1+2", "\"'+1+2\""),
        ("-2+3", "\"'-2+3\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("\tindent", "\"'\tindent\""),
        ("it's", "\"it's\""),
        ("", ""),
    ] {
        assert_eq!(csv_field(raw), cell, "{raw:?}");
    }
}

fn demo() -> (Harness, Inventory) {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    (h, std::rc::Rc::unwrap_or_clone(outcome.inventory))
}

#[test]
fn a_hostile_server_name_stays_inside_its_cell_and_cannot_run_as_a_formula() {
    let (_, mut inventory) = demo();
    let hostile = "=cmd|' /C calc'!A0,\"x\"\n@evil";
    let server = inventory
        .resources
        .iter_mut()
        .find(|r| r.id.kind == K::Server)
        .unwrap();
    server.name = hostile.into();
    let id = server.id.id.clone();
    let records = parse_csv(&to_csv(&inventory));
    assert_eq!(records.len(), inventory.resources.len() + 1);
    assert!(records.iter().all(|r| r.len() == CSV_COLUMNS.len()));
    assert_eq!(records[0], CSV_COLUMNS);
    let row = records.iter().find(|r| r[2] == id).unwrap();
    assert_eq!(row[0], inventory.account);
    assert_eq!(row[3], format!("'{hostile}"));
    assert!(records
        .iter()
        .flatten()
        .all(|cell| !cell.starts_with(['=', '+', '-', '@'])));
}

#[test]
fn json_round_trips_and_no_export_contains_the_token() {
    let (h, inventory) = demo();
    let json = to_json(&inventory);
    let back: Inventory = serde_json::from_str(&json).unwrap();
    assert_eq!(back, inventory);
    assert!(h.token.len() > 20);
    assert!(!json.contains(&h.token));
    assert!(!to_csv(&inventory).contains(&h.token));
    let signature = h.token.rsplit('.').next().unwrap();
    assert!(!json.contains(signature), "not even the token's signature");
}

#[test]
fn the_csv_names_the_account_of_every_row_with_sub_accounts() {
    let h = Harness::new(Scenario::Demo, 0);
    let outcome = h.scan_with_sub_accounts(&["DEMS"]);
    let inventory = outcome.inventory;
    let records = parse_csv(&to_csv(&inventory));
    assert_eq!(records[0][0], "account");
    let accounts: std::collections::BTreeSet<&str> =
        records[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(accounts, ["DEMO", "DEMS"].into_iter().collect());
    for (r, record) in inventory.resources.iter().zip(&records[1..]) {
        assert_eq!(record[0], inventory.alias_of(r), "{}", r.name);
    }
}
