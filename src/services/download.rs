//! Saving text the app produced (inventory exports, reports) as a file on the customer's
//! machine: a Blob, an object URL and a temporary `<a download>`. Nothing leaves the browser.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Why a file could not be offered; the message is for the customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownloadError(pub String);

impl std::fmt::Display for DownloadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The file could not be saved ({}). Try again, or use another browser.",
            self.0
        )
    }
}

/// How long the object URL outlives the click: revoking at once can cancel the download.
const REVOKE_AFTER_MS: u32 = 60_000;

/// Offers `text` as a file named `file_name` of type `mime` (e.g. `text/csv;charset=utf-8`).
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let document = gloo_utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_rel("noopener");
    anchor.set_hidden(true);
    // Firefox only follows a click on an anchor that is in the document.
    let body = document
        .body()
        .ok_or_else(|| DownloadError("the page has no body".into()))?;
    body.append_child(&anchor).map_err(describe)?;
    anchor.click();
    anchor.remove();
    gloo_timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

fn describe(error: JsValue) -> DownloadError {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".into());
    DownloadError(text)
}
