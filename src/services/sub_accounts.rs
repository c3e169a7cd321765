//! Where the sub-account aliases the customer listed live: localStorage per parent alias under
//! `offboard.subaccounts.<PARENT>`, loaded through [`super::stored`] (unreadable data set aside
//! with a notice, never overwritten). Aliases only: no token, no user name.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

use clc::models::DataCenter;
use closure::EpochMs;

use super::api::AppClient;
use super::storage::SaveError;
use super::stored::{self, StoredLoad};
use crate::session::{Connection, Identity};
use crate::sub_accounts::{check_failure, decode_for, encode, membership_refusal};

pub const KEY_PREFIX: &str = "offboard.subaccounts.";

/// `offboard.subaccounts.<PARENT>`, the alias upper case as CLC writes it.
pub fn storage_key(parent: &str) -> String {
    format!("{KEY_PREFIX}{}", parent.trim().to_ascii_uppercase())
}

pub fn load(parent: &str, now: EpochMs) -> StoredLoad<Vec<String>> {
    stored::load(&storage_key(parent), now, |raw| decode_for(parent, raw))
}

pub fn save(parent: &str, aliases: &[String], now: EpochMs) -> Result<(), SaveError> {
    stored::save(&storage_key(parent), &encode(aliases, now))
}

/// What the reads said about a list of aliases: those the user can reach, in order, each with
/// the data-center list it answered with, and for the others, why not (in words).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    pub accepted: Vec<(String, Vec<DataCenter>)>,
    pub refused: Vec<(String, String)>,
}

/// How many aliases are checked at once (each its two reads in turn), within the limit of
/// reads in flight the scan keeps too (§0.7 advises 5–10).
const CHECKS_AT_ONCE: usize = 6;

/// Reads each alias (`GET /v2/datacenters/{alias}`, as the sign-in does for the parent), then
/// its details (`GET /v2/accounts/{alias}`): an alias is accepted only when the first read
/// succeeds and the details do not name another parent than `parent` or one of `listed`
/// ([`membership_refusal`]). Details the service does not give (403, 404, or no parent named)
/// leave only the first read's proof: this user can reach the alias. The aliases are checked
/// at the same time, at most [`CHECKS_AT_ONCE`] at once, each answer kept in the listed order.
pub async fn check(
    client: &AppClient,
    parent: &str,
    listed: &[String],
    aliases: &[String],
) -> Checked {
    let reads = in_window(
        CHECKS_AT_ONCE,
        aliases
            .iter()
            .map(|alias| check_one(client, parent, listed, alias)),
    )
    .await;
    sort_out(aliases, reads)
}

/// Each alias with its check's answer: accepted with its data-center list, or refused with why.
fn sort_out(aliases: &[String], reads: Vec<Result<Vec<DataCenter>, String>>) -> Checked {
    let mut out = Checked::default();
    for (alias, read) in aliases.iter().zip(reads) {
        match read {
            Ok(list) => out.accepted.push((alias.clone(), list)),
            Err(message) => out.refused.push((alias.clone(), message)),
        }
    }
    out
}

/// Runs `reads`, at most `limit` at once: the next starts as soon as one ends, so one slow read
/// holds only its own slot. Their answers in their order. (Written out: `futures`' buffered
/// stream cost 367 B more of the live tools' gzipped wasm.)
async fn in_window<F: Future>(limit: usize, reads: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut waiting = reads;
    let mut running: Vec<(usize, Pin<Box<F>>)> = Vec::new();
    let mut answers: Vec<Option<F::Output>> = Vec::new();
    poll_fn(|cx| loop {
        while running.len() < limit.max(1) {
            let Some(read) = waiting.next() else { break };
            running.push((answers.len(), Box::pin(read)));
            answers.push(None);
        }
        if running.is_empty() {
            return Poll::Ready(());
        }
        let before = running.len();
        running.retain_mut(|(at, read)| match read.as_mut().poll(cx) {
            Poll::Ready(answer) => {
                answers[*at] = Some(answer);
                false
            }
            Poll::Pending => true,
        });
        if running.len() == before {
            return Poll::Pending;
        }
    })
    .await;
    answers.into_iter().flatten().collect()
}

/// One alias of [`check`]: its data-center list, or why it is refused.
async fn check_one(
    client: &AppClient,
    parent: &str,
    listed: &[String],
    alias: &str,
) -> Result<Vec<DataCenter>, String> {
    match client.datacenters(alias).await {
        Err(e) => Err(check_failure(alias, &e)),
        Ok(list) => match client.account_details(alias).await {
            Ok(details) => match membership_refusal(alias, parent, listed, &details) {
                None => Ok(list),
                Some(message) => Err(message),
            },
            Err(clc::Error::Forbidden | clc::Error::NotFound) => Ok(list),
            Err(e) => Err(check_failure(alias, &e)),
        },
    }
}

/// The same connection (the same client and token) with another list of sub-accounts.
pub fn with_sub_accounts(conn: &Connection, aliases: Vec<String>) -> Connection {
    Connection {
        client: conn.client.clone(),
        identity: Identity {
            sub_accounts: aliases,
            ..conn.identity.clone()
        },
        sign_in: conn.sign_in.clone(),
    }
}

/// A saved alias, or one listed before sign-in, that the sign-in's checks did not accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub alias: String,
    /// Why, in words (`sub_accounts::check_failure` or `membership_refusal`).
    pub message: String,
    /// It stays in the saved list (a failed read loses nothing) until the customer removes it.
    pub saved: bool,
}

/// What the sign-in found about the sub-account list, for the list shown once connected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInChecks {
    pub refused: Vec<Refused>,
    /// Saved data that could not be read (set aside), or a list that could not be saved.
    pub notice: Option<String>,
    /// False in the demo, without storage, or while unreadable data still sits under the key.
    pub may_save: bool,
}

/// After sign-in: the parent's saved list and the aliases listed on the connect form, each read
/// once; the connection comes back with those the user can reach. A saved alias that fails is
/// kept saved (a network failure must not lose it); a new one that fails is not saved.
pub async fn attach(
    conn: Connection,
    listed: Vec<String>,
    now: EpochMs,
) -> (Connection, SignInChecks) {
    let parent = conn.identity.alias.clone();
    let load = load(&parent, now);
    let mut wanted = load.value.clone();
    let mut refused = Vec::new();
    for typed in &listed {
        match crate::sub_accounts::normalise(typed, &parent, &wanted) {
            Ok(alias) => wanted.push(alias),
            Err(crate::sub_accounts::AliasRefusal::Duplicate(_)) => {}
            Err(why) => refused.push(Refused {
                alias: typed.trim().to_ascii_uppercase(),
                message: why.message(),
                saved: false,
            }),
        }
    }
    let checked = check(&conn.client, &parent, &wanted, &wanted).await;
    let mut accepted = Vec::with_capacity(checked.accepted.len());
    for (alias, list) in checked.accepted {
        conn.sign_in.keep(&alias, list);
        accepted.push(alias);
    }
    for (alias, message) in checked.refused {
        refused.push(Refused {
            saved: load.value.contains(&alias),
            alias,
            message,
        });
    }
    let mut checks = SignInChecks {
        refused,
        notice: load.notice,
        may_save: load.may_save,
    };
    let to_save = saved_list(&accepted, &checks.refused);
    if checks.may_save && to_save != load.value && save(&parent, &to_save, now).is_err() {
        checks.notice = Some(NOT_SAVED.into());
    }
    (with_sub_accounts(&conn, accepted), checks)
}

/// The refused aliases without `alias` (added after all, or removed by the customer).
pub fn forget(refused: &[Refused], alias: &str) -> Vec<Refused> {
    refused
        .iter()
        .filter(|r| r.alias != alias)
        .cloned()
        .collect()
}

/// What is kept: the accepted aliases, then the saved ones that could not be checked.
pub fn saved_list(accepted: &[String], refused: &[Refused]) -> Vec<String> {
    let mut out = accepted.to_vec();
    for r in refused.iter().filter(|r| r.saved) {
        if !out.contains(&r.alias) {
            out.push(r.alias.clone());
        }
    }
    out
}

pub const NOT_SAVED: &str =
    "This browser did not let the page save the list of sub-accounts: it holds for this visit only.";

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::task::{Context, Waker};

    fn refused(alias: &str, saved: bool) -> Refused {
        Refused {
            alias: alias.into(),
            message: format!("{alias} could not be checked."),
            saved,
        }
    }

    #[test]
    fn forgetting_an_alias_drops_its_refusal_only_and_it_is_no_longer_kept() {
        let all = vec![refused("DEMS", true), refused("DEMT", true)];
        let still = forget(&all, "DEMS");
        assert_eq!(still, [refused("DEMT", true)]);
        assert_eq!(saved_list(&["DEMU".to_string()], &still), ["DEMU", "DEMT"]);
        assert_eq!(forget(&still, "NONE"), still);
    }

    /// Which checks have started, which may end, how many run and the most that ran at once.
    #[derive(Default)]
    struct Reads {
        started: Vec<usize>,
        may_end: Vec<usize>,
        running: usize,
        most: usize,
    }

    /// The check of `aliases[at]`: it runs until told it may end; the fourth alias is refused.
    async fn gated(reads: &RefCell<Reads>, at: usize) -> Result<Vec<DataCenter>, String> {
        {
            let mut r = reads.borrow_mut();
            r.started.push(at);
            r.running += 1;
            r.most = r.most.max(r.running);
        }
        poll_fn(|_| match reads.borrow().may_end.contains(&at) {
            true => Poll::Ready(()),
            false => Poll::Pending,
        })
        .await;
        reads.borrow_mut().running -= 1;
        match at {
            3 => Err("L004 could not be checked.".into()),
            _ => Ok(vec![DataCenter {
                id: format!("dc{at}"),
                ..DataCenter::default()
            }]),
        }
    }

    /// Seven or more aliases: at most six checks at once, the next starting as soon as any one
    /// ends (a slow first alias does not hold the seventh), the answers in the listed order.
    #[test]
    fn the_checks_run_six_at_most_and_one_slow_alias_holds_only_its_own_slot() {
        let aliases: Vec<String> = (1..=8).map(|n| format!("L00{n}")).collect();
        let reads = RefCell::new(Reads::default());
        let mut window = std::pin::pin!(in_window(
            CHECKS_AT_ONCE,
            (0..aliases.len()).map(|at| gated(&reads, at))
        ));
        let mut cx = Context::from_waker(Waker::noop());
        let mut step = |ending: &[usize]| {
            reads.borrow_mut().may_end.extend_from_slice(ending);
            window.as_mut().poll(&mut cx)
        };
        assert!(step(&[]).is_pending());
        assert_eq!(reads.borrow().started, [0, 1, 2, 3, 4, 5]);
        // The third ends while the first is still out: the seventh starts.
        assert!(step(&[2]).is_pending());
        assert_eq!(reads.borrow().started, [0, 1, 2, 3, 4, 5, 6]);
        assert!(step(&[1, 3, 4, 5, 6]).is_pending());
        assert_eq!(reads.borrow().started, [0, 1, 2, 3, 4, 5, 6, 7]);
        let Poll::Ready(answers) = step(&[0, 7]) else {
            panic!("every check ended");
        };
        assert_eq!(reads.borrow().most, CHECKS_AT_ONCE);
        let checked = sort_out(&aliases, answers);
        let accepted: Vec<(&str, &str)> = checked
            .accepted
            .iter()
            .map(|(alias, list)| (alias.as_str(), list[0].id.as_str()))
            .collect();
        assert_eq!(
            accepted,
            [
                ("L001", "dc0"),
                ("L002", "dc1"),
                ("L003", "dc2"),
                ("L005", "dc4"),
                ("L006", "dc5"),
                ("L007", "dc6"),
                ("L008", "dc7"),
            ]
        );
        assert_eq!(
            checked.refused,
            [("L004".to_string(), "L004 could not be checked.".to_string())]
        );
    }
}
