//! The sub-account lists kept in localStorage per parent alias (`services::sub_accounts`): a
//! round trip, one list per parent, and unreadable data set aside with a notice, never
//! overwritten.
#![cfg(target_arch = "wasm32")]

use offboard::services::sub_accounts::{load, save, storage_key};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_796_464_800_000;

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn list(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn clear(parent: &str) {
    let s = storage();
    let key = storage_key(parent);
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&key))
        .collect();
    for k in keys {
        s.remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn each_parent_keeps_its_own_list() {
    clear("PRNA");
    clear("PRNB");
    let first = load("prna", NOW);
    assert_eq!(
        (first.value, first.notice, first.may_save),
        (vec![], None, true)
    );
    save("PRNA", &list(&["SUBA", "L001"]), NOW).unwrap();
    save("prnb", &list(&["SUBB"]), NOW).unwrap();
    let a = load("PRNA", NOW + 1);
    assert_eq!(a.value, list(&["SUBA", "L001"]));
    assert_eq!(a.notice, None);
    assert_eq!(load(" prnb ", NOW + 1).value, list(&["SUBB"]));
    // Only aliases are stored: nothing else in the text.
    let raw = storage()
        .get_item("offboard.subaccounts.PRNA")
        .unwrap()
        .unwrap();
    assert!(raw.contains("\"schema\":\"offboard.subaccounts\""), "{raw}");
    assert!(!raw.to_lowercase().contains("token"), "{raw}");
}

#[wasm_bindgen_test]
fn unreadable_data_is_set_aside_with_a_notice_and_never_overwritten() {
    clear("PRNC");
    let damaged = "{\"schema\":\"offboard.subaccounts\",\"version\":1,\"marks\":[\"SU";
    storage()
        .set_item("offboard.subaccounts.PRNC", damaged)
        .unwrap();
    let loaded = load("PRNC", NOW);
    assert_eq!(loaded.value, Vec::<String>::new());
    assert!(loaded.may_save);
    let notice = loaded.notice.expect("a notice");
    let aside = format!("offboard.subaccounts.PRNC.set-aside.{NOW}");
    assert!(
        notice.contains("sub-account aliases") && notice.contains(&aside),
        "{notice}"
    );
    assert_eq!(
        storage().get_item(&aside).unwrap().as_deref(),
        Some(damaged)
    );
    assert_eq!(
        storage().get_item("offboard.subaccounts.PRNC").unwrap(),
        None
    );
    // A new list is saved under the main key; the damaged text stays where it was put.
    save("PRNC", &list(&["SUBC"]), NOW + 1).unwrap();
    assert_eq!(load("PRNC", NOW + 2).value, list(&["SUBC"]));
    assert_eq!(
        storage().get_item(&aside).unwrap().as_deref(),
        Some(damaged)
    );
}

#[wasm_bindgen_test]
fn a_list_with_an_entry_that_is_no_alias_is_set_aside_whole() {
    clear("PRND");
    let odd = "{\"schema\":\"offboard.subaccounts\",\"version\":1,\"savedAt\":1,\"marks\":[\"SUBD\",\"../x\"]}";
    storage()
        .set_item("offboard.subaccounts.PRND", odd)
        .unwrap();
    let loaded = load("PRND", NOW);
    assert_eq!(loaded.value, Vec::<String>::new());
    assert!(loaded.notice.expect("a notice").contains("incomplete"));
    let aside = format!("offboard.subaccounts.PRND.set-aside.{NOW}");
    assert_eq!(storage().get_item(&aside).unwrap().as_deref(), Some(odd));
}
