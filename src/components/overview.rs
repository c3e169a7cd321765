//! The article's overview and its warning, in our words.

use yew::prelude::*;

pub fn overview() -> Html {
    html! {
        <section class="ob-overview" aria-labelledby="ob-overview-title">
            <h2 id="ob-overview-title">{ "Before you start" }</h2>
            <p>
                { "This checklist follows the knowledge-base article on closing a CenturyLink Cloud \
                   account. Work through it in order: find what you have, keep what you need, delete \
                   what bills, and only then ask for the closure. Your progress stays in this browser." }
            </p>
            <p class="ob-warning" role="note">
                <strong>{ "A closed account cannot be brought back. " }</strong>
                { "Once the account is deleted, neither the account nor anything in it (servers, \
                   disks, backups, configuration) can be recovered. Make sure every piece of data you \
                   want is copied somewhere else before you delete anything." }
            </p>
        </section>
    }
}
