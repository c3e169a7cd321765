//! The checklist in a real browser (headless Chromium): it mounts, a tick is saved, progress
//! survives a remount, and unreadable saved data is set aside, not lost.
#![cfg(target_arch = "wasm32")]

mod view;

use offboard::App;
use wasm_bindgen_test::*;

use view::{clear_storage, store, stored, View};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn mounts_with_the_article_steps() {
    clear_storage();
    let app = View::<App>::app().await;
    assert!(app.try_query("h1").is_some());
    for step in 1..=4 {
        assert!(
            app.try_query(&format!("li[data-step='{step}']")).is_some(),
            "step {step}"
        );
    }
    assert!(app.all_text().contains("cannot be brought back"));
    // Only step 1 can be ticked at first; step 4 has no checkbox.
    assert!(!app.checkbox(1).disabled());
    assert!(app.checkbox(2).disabled());
    assert!(app
        .try_query("li[data-step='4'] input[type=checkbox]")
        .is_none());
    app.destroy().await;
}

#[wasm_bindgen_test]
async fn ticking_a_step_saves_it_and_survives_a_remount() {
    clear_storage();
    let app = View::<App>::app().await;
    app.click_on("li[data-step='1'] input[type=checkbox]").await;
    assert!(app.checkbox(1).checked());
    assert!(
        !app.checkbox(2).disabled(),
        "step 2 opens once step 1 is done"
    );
    let saved = stored("offboard.checklist").expect("saved after the tick");
    assert!(
        saved.contains("\"ticks\":[true,false,false,false]"),
        "{saved}"
    );
    app.destroy().await;

    let again = View::<App>::app().await;
    assert!(again.checkbox(1).checked(), "the tick survived the remount");
    assert!(again.all_text().contains("1 of 4 steps done"));
    again.destroy().await;
}

#[wasm_bindgen_test]
async fn corrupt_saved_data_is_set_aside_with_a_notice() {
    clear_storage();
    store("offboard.checklist", "{definitely not json");
    let app = View::<App>::app().await;
    assert!(
        app.all_text().contains("could not be read"),
        "a visible notice"
    );
    assert!(!app.checkbox(1).checked());
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    let kept = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .find(|k| k.starts_with("offboard.checklist.set-aside."))
        .expect("the unreadable data is kept under a set-aside key");
    assert_eq!(stored(&kept).as_deref(), Some("{definitely not json"));
    app.destroy().await;
}

#[wasm_bindgen_test]
async fn start_over_asks_first() {
    clear_storage();
    let app = View::<App>::app().await;
    app.click_on("li[data-step='1'] input[type=checkbox]").await;
    app.click_on(".ob-start-over button").await;
    assert!(app.checkbox(1).checked(), "asking alone changes nothing");
    app.click_on(".ob-start-over .ob-button-danger").await;
    assert!(!app.checkbox(1).checked());
    app.destroy().await;
}
