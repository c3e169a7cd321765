//! The browser's Web Locks (`navigator.locks`): a deletion run is held by one tab at a time.
//! A tab takes `offboard.run.<ALIAS>` with `ifAvailable` for every alias its run touches (the
//! parent and each sub-account, in sorted order, all or none: [`try_hold_all`]) before it
//! starts or resumes a run and keeps them while the run is open in the tab, so a run of the
//! parent and a run signed in as one of its sub-accounts never send to the same account at
//! once; the browser releases it when the tab closes or
//! reloads. A second tab, or a duplicate of this one (which copies sessionStorage and so the
//! journal's owner id), cannot get it and never sends (`closure::RunGuard`).
//!
//! Bound by hand through `js_sys::Reflect` rather than web-sys's `LockManager`, which is behind
//! `web_sys_unstable_apis` and would need that flag on every build of the workspace.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use closure::RunGuard;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The lock's name for an account: `offboard.run.<ALIAS>`.
pub fn name(alias: &str) -> String {
    format!("offboard.run.{}", alias.trim().to_ascii_uppercase())
}

/// A held Web Lock; released when dropped.
pub struct WebLock {
    release: Option<Function>,
    held: Rc<Cell<bool>>,
}

impl WebLock {
    /// Held for as long as this lock is.
    pub fn guard(&self) -> RunGuard {
        let held = self.held.clone();
        RunGuard::new(move || held.get())
    }
}

impl Drop for WebLock {
    fn drop(&mut self) {
        self.held.set(false);
        if let Some(release) = self.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// The Web Locks of every alias a run touches; all released when dropped.
pub struct WebLocks(Vec<WebLock>);

impl WebLocks {
    /// Held for as long as every one of the locks is.
    pub fn guard(&self) -> RunGuard {
        let held: Vec<Rc<Cell<bool>>> = self.0.iter().map(|l| l.held.clone()).collect();
        RunGuard::new(move || held.iter().all(|h| h.get()))
    }
}

/// The locks for these aliases: the parent's and every listed sub-account's, each alias upper
/// case, once, in sorted order (the order they are taken in). Starting or resuming a run, the
/// journal's look on sign-in and setting a journal aside all look at these same locks, so a run
/// another tab holds on any one of the accounts stops all three.
pub fn aliases_for<'a>(parent: &'a str, subs: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut aliases: Vec<String> = std::iter::once(parent)
        .chain(subs.into_iter().map(String::as_str))
        .map(|a| a.trim().to_ascii_uppercase())
        .filter(|a| !a.is_empty())
        .collect();
    closure::sorting::sort(&mut aliases);
    aliases.dedup();
    aliases
}

/// The lock of every alias in `aliases` ([`aliases_for`]) if nobody holds any of them now
/// (never waits): asked for one by one in that order, and on the first one held elsewhere every
/// lock taken so far is released and that alias returned (`Ok(Err(alias))`). All or none.
pub async fn try_hold_all(aliases: &[String]) -> Result<Result<WebLocks, String>, Unavailable> {
    let mut held = Vec::with_capacity(aliases.len());
    for alias in aliases {
        // On `?` or a refusal, `held` is dropped here: every lock taken is released.
        match try_hold(&name(alias)).await? {
            Some(lock) => held.push(lock),
            None => return Ok(Err(alias.clone())),
        }
    }
    Ok(Ok(WebLocks(held)))
}

/// Why no lock could be asked for at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable;

impl Unavailable {
    pub fn user_message(&self) -> String {
        "This browser cannot lock the deletion run to one tab (the page needs a secure \
         address, https or localhost, and a current browser), so nothing is deleted from here."
            .into()
    }
}

fn manager() -> Result<JsValue, Unavailable> {
    let navigator = web_sys::window().ok_or(Unavailable)?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).map_err(|_| Unavailable)?;
    if locks.is_undefined() || locks.is_null() {
        return Err(Unavailable);
    }
    Ok(locks)
}

fn method(target: &JsValue, name: &str) -> Result<Function, Unavailable> {
    Reflect::get(target, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(Unavailable)
}

/// The lock if nobody holds it now (never waits): `Ok(None)` when another tab holds it.
pub async fn try_hold(name: &str) -> Result<Option<WebLock>, Unavailable> {
    let locks = manager()?;
    let request = method(&locks, "request")?;
    let options = Object::new();
    Reflect::set(&options, &"ifAvailable".into(), &true.into()).map_err(|_| Unavailable)?;
    // `answered` settles with whether the lock was granted; while it is held, the callback's
    // own promise stays pending until `release` (kept in the WebLock) is called.
    let mut answer = None;
    let answered = Promise::new(&mut |resolve, _| answer = Some(resolve));
    let answer = answer.ok_or(Unavailable)?;
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let keep = release.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() || lock.is_undefined() {
            let _ = answer.call1(&JsValue::NULL, &false.into());
            return JsValue::UNDEFINED;
        }
        let held = Promise::new(&mut |resolve, _| *keep.borrow_mut() = Some(resolve));
        let _ = answer.call1(&JsValue::NULL, &true.into());
        held.into()
    });
    request
        .call3(&locks, &name.into(), &options, &callback)
        .map_err(|_| Unavailable)?;
    let granted = JsFuture::from(answered)
        .await
        .map_err(|_| Unavailable)?
        .as_bool()
        .unwrap_or(false);
    Ok(granted.then(|| WebLock {
        release: release.borrow_mut().take(),
        held: Rc::new(Cell::new(true)),
    }))
}

/// The first of `aliases` ([`aliases_for`]) whose lock some tab of this browser holds now.
pub async fn first_held(aliases: &[String]) -> Option<String> {
    let held = held_names().await;
    aliases.iter().find(|a| held.contains(&name(a))).cloned()
}

/// The names of the locks some tab of this browser holds now (`navigator.locks.query()`);
/// none when the browser cannot say.
async fn held_names() -> Vec<String> {
    let Ok(locks) = manager() else {
        return vec![];
    };
    let Ok(query) = method(&locks, "query") else {
        return vec![];
    };
    let Ok(promise) = query.call0(&locks).and_then(|p| p.dyn_into::<Promise>()) else {
        return vec![];
    };
    let Ok(snapshot) = JsFuture::from(promise).await else {
        return vec![];
    };
    let held = Reflect::get(&snapshot, &"held".into()).unwrap_or(JsValue::UNDEFINED);
    js_sys::Array::from(&held)
        .iter()
        .filter_map(|info| Reflect::get(&info, &"name".into()).ok()?.as_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::aliases_for;

    #[test]
    fn aliases_are_upper_case_sorted_and_once_each_however_the_sub_accounts_are_listed() {
        let subs: Vec<String> = ["acme", " Beta ", "", "DEMO", "  ", "Acme", "beta"]
            .map(String::from)
            .into();
        // Duplicates apart in the list (ACME, BETA) and one equal to the parent (DEMO) are
        // dropped: sorted first, then deduplicated. Blank aliases are no lock.
        assert_eq!(aliases_for(" demo", &subs), ["ACME", "BETA", "DEMO"]);
        assert_eq!(aliases_for("DEMO", &[]), ["DEMO"]);
    }
}
