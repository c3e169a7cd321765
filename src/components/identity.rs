//! Who the app is connected as, always visible while connected: user, account alias, roles,
//! API address (or the demo label), and when the token expires, with a warning before it does.

use yew::prelude::*;

use crate::components::common::format::{count, named, plural};
use crate::components::common::{callout, Tone};
use crate::services::clock;
use crate::session::Identity;

const WARN_BEFORE_MS: u64 = 24 * 60 * 60 * 1000;

#[derive(Properties, PartialEq)]
pub struct IdentityBarProps {
    pub identity: Identity,
    pub on_disconnect: Callback<()>,
}

#[component]
pub fn IdentityBar(props: &IdentityBarProps) -> Html {
    let now = clock::unsigned(clock::use_now(30_000));
    let id = &props.identity;
    let expiry = id.expires_at.map(|exp| {
        if exp <= now {
            callout(Tone::Alert, None, None, html! { <p>{ "The token has expired: connect again to go on." }</p> })
        } else if exp - now < WARN_BEFORE_MS {
            html! { <p class="ob-callout" role="status">{ format!("The token expires in {}. Connect again before then.", human(exp - now)) }</p> }
        } else {
            html! { <span>{ format!("Token valid for {}.", human(exp - now)) }</span> }
        }
    });
    let disconnect = props.on_disconnect.reform(|_| ());
    html! {
        <div class={classes!("ob-identity", id.demo.then_some("ob-identity-demo"))} data-testid="identity">
            if id.demo {
                <p class="ob-demo-label"><strong>{ "Demo account (simulated): nothing here is real, and nothing leaves this page." }</strong></p>
            }
            <dl class="ob-identity-facts">
                <dt>{ "Account" }</dt><dd data-testid="alias">{ id.alias.clone() }</dd>
                if !id.sub_accounts.is_empty() {
                    <dt>{ if id.demo { "The demo's sub-accounts" } else { "Sub-accounts" } }</dt>
                    <dd data-testid="sub-accounts">{ match named(&id.sub_accounts) {
                        Some(subs) => format!("{subs} (read and closed with {})", id.alias),
                        // Past a handful, counted: the list beside, 25 a page, names each.
                        None => format!(
                            "{} (read and closed with {}; each is named in the list of sub-accounts below)",
                            count(id.sub_accounts.len()),
                            id.alias
                        ),
                    } }</dd>
                }
                <dt>{ "User" }</dt><dd>{ if id.user.is_empty() { "(not given by the token)".to_string() } else { id.user.clone() } }</dd>
                <dt>{ "Roles" }</dt><dd>{ if id.roles.is_empty() { "(unknown)".to_string() } else { id.roles.join(", ") } }</dd>
                if !id.demo {
                    <dt>{ "API" }</dt><dd>{ id.api_base.clone() }</dd>
                }
            </dl>
            { expiry.unwrap_or_default() }
            <button type="button" class="ob-button ob-button-quiet" onclick={disconnect}>{ "Disconnect" }</button>
        </div>
    }
}

/// "3 days", "5 hours", "12 minutes".
pub fn human(ms: u64) -> String {
    let minutes = ms / 60_000;
    let (n, one, many) = if minutes >= 2 * 24 * 60 {
        (minutes / (24 * 60), "day", "days")
    } else if minutes >= 120 {
        (minutes / 60, "hour", "hours")
    } else {
        (minutes.max(1), "minute", "minutes")
    };
    plural(usize::try_from(n).unwrap_or(usize::MAX), one, many)
}

#[cfg(test)]
mod tests {
    use super::human;

    /// A token's time left, counted as every count on the page (it once wrote "1200 days").
    #[test]
    fn the_time_left_is_counted_with_the_separator_and_its_unit_agreeing() {
        assert_eq!(human(60_000), "1 minute");
        assert_eq!(human(5 * 3_600_000), "5 hours");
        assert_eq!(human(1_200 * 86_400_000), "1,200 days");
    }
}
