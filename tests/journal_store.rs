//! The deletion journal's localStorage store in a real browser: appends keep their order
//! across a reload (a fresh handle reads the head again), a journal written under the version-1
//! head still loads and goes on, and a cleared journal starts again at record 0 although the
//! handle had its count in memory.
#![cfg(target_arch = "wasm32")]

use closure::JournalStore;
use offboard::services::journal_store::{journal_key, LocalJournal};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn head(alias: &str) -> serde_json::Value {
    let raw = storage().get_item(&journal_key(alias)).unwrap().unwrap();
    serde_json::from_str(&raw).unwrap()
}

#[wasm_bindgen_test]
fn records_appended_by_one_handle_are_read_back_in_order_by_a_fresh_one() {
    let alias = "JSTA";
    let mut store = LocalJournal::for_alias(alias);
    store.clear().unwrap();
    for i in 0..5 {
        store.append(&format!("record {i}")).unwrap();
    }
    assert_eq!(head(alias)["count"], 5);
    // A reload: a new handle, which knows nothing but what is stored.
    let mut reloaded = LocalJournal::for_alias(alias);
    let expected: Vec<String> = (0..5).map(|i| format!("record {i}")).collect();
    assert_eq!(reloaded.load().unwrap(), expected);
    reloaded.append("record 5").unwrap();
    assert_eq!(reloaded.load().unwrap().len(), 6);
    assert_eq!(
        storage()
            .get_item(&format!("{}.5", journal_key(alias)))
            .unwrap()
            .as_deref(),
        Some("record 5")
    );
    reloaded.clear().unwrap();
}

#[wasm_bindgen_test]
fn a_journal_under_the_version_1_head_loads_and_goes_on_under_version_2() {
    let alias = "JSTB";
    let key = journal_key(alias);
    let s = storage();
    s.set_item(
        &key,
        r#"{"schema":"offboard.journal","version":1,"count":2}"#,
    )
    .unwrap();
    s.set_item(&format!("{key}.0"), "{\"old\":0}").unwrap();
    s.set_item(&format!("{key}.1"), "{\"old\":1}").unwrap();
    let mut store = LocalJournal::for_alias(alias);
    assert_eq!(store.load().unwrap(), vec!["{\"old\":0}", "{\"old\":1}"]);
    store.append("new").unwrap();
    store.append("newer").unwrap();
    assert_eq!(head(alias)["count"], 4);
    assert_eq!(head(alias)["version"], 2);
    assert_eq!(
        LocalJournal::for_alias(alias).load().unwrap(),
        vec!["{\"old\":0}", "{\"old\":1}", "new", "newer"]
    );
    store.clear().unwrap();
}

#[wasm_bindgen_test]
fn an_append_after_a_clear_starts_again_at_record_0() {
    let alias = "JSTC";
    let mut store = LocalJournal::for_alias(alias);
    store.clear().unwrap();
    store.append("first run").unwrap();
    store.append("first run, again").unwrap();
    store.clear().unwrap();
    store.append("second run").unwrap();
    assert_eq!(head(alias)["count"], 1);
    assert_eq!(store.load().unwrap(), vec!["second run"]);
    store.clear().unwrap();
}
