//! The app ships as two WebAssembly files. The checklist (the first load, kept small) renders
//! [`LiveSlot::loader`] in the live section; the live tools (the API client, the scanner, the
//! executor, the simulator for the demo) are a second file that the boot script fetches when the
//! user picks the demo or their own account, and which then takes over the same element with the
//! same saved checklist. [`LiveSlot::tools`] is only referenced by that second file's entry point,
//! so none of it is linked into the first.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::config::Mode;

/// What the live section is given to render.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveSlotArgs {
    pub mode: Mode,
    pub api_base: String,
}

/// How the live section is rendered, chosen once by the entry point.
#[derive(Clone, Copy)]
pub struct LiveSlot(fn(LiveSlotArgs) -> Html);

impl LiveSlot {
    /// Fetches the live tools from the boot script (the checklist-only first load).
    pub fn loader() -> LiveSlot {
        LiveSlot(|args| html! { <LiveLoader mode={args.mode} /> })
    }

    /// The live tools themselves.
    pub fn tools() -> LiveSlot {
        LiveSlot(|args| {
            html! {
                <crate::components::live::Live key={format!("{:?}", args.mode)}
                    demo={args.mode == Mode::Demo} api_base={args.api_base} />
            }
        })
    }

    pub fn render(&self, args: LiveSlotArgs) -> Html {
        (self.0)(args)
    }
}

impl Default for LiveSlot {
    fn default() -> Self {
        LiveSlot::loader()
    }
}

/// An entry point picks one slot for the app's whole life, so props never differ by it.
impl PartialEq for LiveSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Properties, PartialEq)]
pub struct LiveLoaderProps {
    pub mode: Mode,
}

#[derive(Clone, PartialEq)]
enum Load {
    Loading { loaded: f64, total: f64 },
    Failed(String),
}

/// Asks the boot script for the live tools and shows how far the download is. On success this
/// app is unmounted by the boot script, so only progress and failure are ever rendered here.
#[component]
pub fn LiveLoader(props: &LiveLoaderProps) -> Html {
    let load = use_state_eq(|| Load::Loading {
        loaded: 0.0,
        total: 0.0,
    });
    let attempt = use_state(|| 0u32);
    {
        let load = load.clone();
        let mode = props.mode;
        use_effect_with((mode, *attempt), move |_| {
            load.set(Load::Loading {
                loaded: 0.0,
                total: 0.0,
            });
            start_loading(mode, load);
            // Picked another mode (or the checklist) before the download finished: the boot
            // script must not hand over for a choice the user no longer wants.
            cancel_loading
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    match &*load {
        Load::Loading { loaded, total } => html! {
            // The announced text stays the same while the bar moves: screen readers hear it
            // once, and read the bar's value when asked.
            <div class="ob-progress" data-testid="live-loading">
                <p id="ob-live-loading-label" role="status">{ "Loading the demo and account tools…" }</p>
                if *total > 0.0 {
                    <progress aria-labelledby="ob-live-loading-label"
                        max={total.to_string()} value={loaded.to_string()} />
                    <span aria-hidden="true">
                        { format!("{} of {} KB", (loaded / 1024.0).round(), (total / 1024.0).round()) }
                    </span>
                } else {
                    <progress aria-labelledby="ob-live-loading-label" />
                }
            </div>
        },
        Load::Failed(why) => html! {
            <div class="ob-callout ob-callout-strong" role="alert" data-testid="live-load-failed">
                <p>{ "The live tools could not be loaded, so the account cannot be read from here right now. The checklist above and below still works." }</p>
                <p>{ why.clone() }</p>
                <button type="button" class="ob-button" onclick={retry}>{ "Try again" }</button>
            </div>
        },
    }
}

fn start_loading(mode: Mode, load: UseStateHandle<Load>) {
    let mode = match mode {
        Mode::Checklist => return,
        Mode::Demo => "demo",
        Mode::Connected => "connected",
    };
    let Some(loader) = boot_loader() else {
        load.set(Load::Failed(
            "This page did not start the app with its boot script (offboard.js), which fetches the live tools."
                .to_string(),
        ));
        return;
    };
    let on_progress = {
        let load = load.clone();
        Closure::<dyn FnMut(f64, f64)>::new(move |loaded: f64, total: f64| {
            load.set(Load::Loading { loaded, total });
        })
    };
    let promise = loader.call2(
        &JsValue::NULL,
        &mode.into(),
        on_progress.as_ref().unchecked_ref(),
    );
    spawn_local(async move {
        let result = match promise {
            Ok(p) => JsFuture::from(js_sys::Promise::from(p)).await,
            Err(e) => Err(e),
        };
        if let Err(error) = result {
            let why = js_sys::Error::from(error)
                .message()
                .as_string()
                .unwrap_or_default();
            load.set(Load::Failed(format!(
                "The download failed: {why}. If you are offline, connect and try again; if it \
                 keeps failing, reload the page."
            )));
        }
        // Keeps the progress callback alive until the boot script is done with it.
        drop(on_progress);
    });
}

fn cancel_loading() {
    if let Some(cancel) = js_sys::Reflect::get(&js_sys::global(), &"offboardCancelLive".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = cancel.call0(&JsValue::NULL);
    }
}

/// `offboardLoadLive(mode, onProgress)`, published by the boot script.
fn boot_loader() -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &"offboardLoadLive".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
}
