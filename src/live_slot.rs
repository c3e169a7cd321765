//! The app ships as two WebAssembly files. The checklist (the first load, kept small) renders
//! [`LiveSlot::loader`] in the live section; the live tools (the API client, the scanner, the
//! executor) are a second file that the boot script fetches when the user picks the demo or
//! their own account, and which then takes over the same element with the same saved checklist.
//! [`LiveSlot::tools`] is only referenced by that second file's entry point, so none of it is
//! linked into the first. (The demo's simulator is a third file, run in a worker that the live
//! tools start only for the demo: `src/services/sim_worker.rs`.)

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::common::{callout, Tone};
use crate::config::Mode;
use crate::services::boot;

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

    /// The live tools themselves. Their reports carry inventories and deletions, so this also
    /// links the inventory's serialiser and the record's paged lists (every deletion, what failed,
    /// what was kept), which the first load does without.
    pub fn tools() -> LiveSlot {
        closure::report::write_inventories();
        crate::components::record::show_paged();
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

/// The same slot renders with the same function.
impl PartialEq for LiveSlot {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
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
            boot::cancel_live
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
        Load::Failed(why) => callout(
            Tone::Alert,
            None,
            Some("live-load-failed".into()),
            html! { <>
                <p>{ "The live tools could not be loaded, so the account cannot be read from here right now. The checklist above and below still works." }</p>
                <p>{ why.clone() }</p>
                <button type="button" class="ob-button" onclick={retry}>{ "Try again" }</button>
            </> },
        ),
    }
}

fn start_loading(mode: Mode, load: UseStateHandle<Load>) {
    let mode = match mode {
        Mode::Checklist => return,
        Mode::Demo => "demo",
        Mode::Connected => "connected",
    };
    let progress = load.clone();
    spawn_local(async move {
        let on_progress =
            move |loaded: f64, total: f64| progress.set(Load::Loading { loaded, total });
        if let Err(why) = boot::load_live(mode, on_progress).await {
            load.set(Load::Failed(why));
        }
    });
}
