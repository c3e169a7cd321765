//! Who the app is connected as, and how: the client (with its token, held only in memory) and
//! the identity shown on screen. Keeping the session for the tab is an explicit opt-in.

use std::cell::RefCell;
use std::rc::Rc;

use clc::models::DataCenter;
use clc::{BearerToken, Session};
use serde::{Deserialize, Serialize};

use crate::services::api::{
    self, AppClient, AppTransport, DemoTransport, FetchTransport, DEMO_BASE,
};

/// What the customer sees about the connection. Holds no credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    pub alias: String,
    pub roles: Vec<String>,
    /// The token's `exp` (epoch ms), when it is a readable JWT.
    pub expires_at: Option<u64>,
    pub api_base: String,
    /// The simulated demo account (in the page's worker, see `services::sim_worker`).
    pub demo: bool,
    /// Sub-account aliases (upper case) read and closed with the parent `alias`, in the order
    /// the customer listed them. The v2 API cannot list them, so they are added by hand.
    pub sub_accounts: Vec<String>,
}

impl Identity {
    /// Whether a reading of `read` (its aliases, the parent first) is one of this connection's
    /// aliases: see [`reads_aliases`].
    pub fn reads<S: AsRef<str>>(&self, read: &[S]) -> bool {
        reads_aliases(&self.alias, &self.sub_accounts, read)
    }
}

/// Whether `read` (the aliases a reading covers, the parent first) is what a connection to
/// `parent` with the sub-accounts `listed` reads: the parent, then each listed alias once in
/// the listed order, the parent's own alias (should it be listed) read once as the parent, case
/// aside. The one test both live reducers make before they take a reading.
pub fn reads_aliases<S: AsRef<str>>(parent: &str, listed: &[String], read: &[S]) -> bool {
    let mut wanted: Vec<&str> = Vec::new();
    for alias in std::iter::once(parent).chain(listed.iter().map(String::as_str)) {
        if !wanted.iter().any(|w| w.eq_ignore_ascii_case(alias)) {
            wanted.push(alias);
        }
    }
    wanted.len() == read.len()
        && wanted
            .iter()
            .zip(read)
            .all(|(w, r)| w.eq_ignore_ascii_case(r.as_ref()))
}

/// A live connection. Compared by identity and client instance.
pub struct Connection {
    pub client: Rc<AppClient>,
    pub identity: Identity,
    /// What the sign-in read, for the scan right after it.
    pub sign_in: SignInReads,
}

/// The data-center lists the sign-in read (the parent's, and each sub-account's its checks
/// read), per alias: the scan that follows takes them ([`SignInReads::take`]) instead of reading
/// them again, one round trip less before its per-data-center reads. Shared by the copies of
/// one connection; taken once, so every later scan reads its own.
#[derive(Clone, Default)]
pub struct SignInReads(Rc<RefCell<AliasLists>>);

/// Data-center lists, each with its alias.
pub type AliasLists = Vec<(String, Vec<DataCenter>)>;

impl SignInReads {
    pub fn keep(&self, alias: &str, list: Vec<DataCenter>) {
        self.0.borrow_mut().push((alias.to_string(), list));
    }

    /// Every list kept, leaving none.
    pub fn take(&self) -> AliasLists {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl PartialEq for Connection {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.client, &other.client) && self.identity == other.identity
    }
}

/// How the customer proves who they are. Its `Debug` never shows the password or the token.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Login { username: String, password: String },
    Token { alias: String, token: String },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Login { username, .. } => f
                .debug_struct("Login")
                .field("username", username)
                .field("password", &"[redacted]")
                .finish(),
            Credentials::Token { alias, .. } => f
                .debug_struct("Token")
                .field("alias", alias)
                .field("token", &"[redacted]")
                .finish(),
        }
    }
}

/// Connects to `base` and checks that it is the CLC API and that the token works (one
/// data-center read), so a wrong address or token fails here with a clear error, not halfway
/// through a scan.
pub async fn connect(base: &str, credentials: Credentials) -> Result<Connection, clc::Error> {
    let base = base.trim().trim_end_matches('/').to_string();
    let client = api::client(&base, AppTransport::Fetch(FetchTransport));
    let (session, user, roles) = match credentials {
        Credentials::Login { username, password } => {
            let login = client.login(username.trim(), &password).await?;
            (
                Session::from_login(&login),
                login.user_name.clone().unwrap_or_default(),
                login.roles.clone(),
            )
        }
        Credentials::Token { alias, token } => {
            let token = BearerToken::new(token);
            let claims = token.claims().ok();
            let alias = match alias.trim() {
                "" => claims
                    .as_ref()
                    .and_then(|c| c.account_alias.clone())
                    .unwrap_or_default(),
                given => given.to_string(),
            };
            let user = claims
                .as_ref()
                .and_then(|c| c.unique_name.clone())
                .unwrap_or_default();
            let roles = claims.map(|c| c.roles).unwrap_or_default();
            (Session::new(alias.to_ascii_uppercase(), token), user, roles)
        }
    };
    verified(client, session, user, roles, base, false).await
}

/// Starts the demo's simulator in its worker: the transport to it, and the demo parent's
/// sub-accounts as the simulator built them. `Err` says why it could not start.
pub async fn start_demo() -> Result<(DemoTransport, Vec<String>), String> {
    DemoTransport::start(1).await.map_err(|e| match e {
        clc::TransportError::Network(why) => why,
        other => other.to_string(),
    })
}

/// The demo: the simulator's `demo` account in its worker, signed in with its documented
/// credentials. Nothing goes over the network but the simulator's own files.
pub async fn connect_demo(
    (transport, sub_accounts): (DemoTransport, Vec<String>),
) -> Result<Connection, clc::Error> {
    let client = api::client(DEMO_BASE, AppTransport::Demo(Box::new(transport)));
    let login = client.login("demo", "demo-password").await?;
    let (user, roles) = (
        login.user_name.clone().unwrap_or_default(),
        login.roles.clone(),
    );
    let mut connection = verified(
        client,
        Session::from_login(&login),
        user,
        roles,
        DEMO_BASE.into(),
        true,
    )
    .await?;
    // Listed up front, as a customer would list them on the connect screen.
    connection.identity.sub_accounts = sub_accounts;
    Ok(connection)
}

async fn verified(
    mut client: AppClient,
    session: Session,
    user: String,
    roles: Vec<String>,
    api_base: String,
    demo: bool,
) -> Result<Connection, clc::Error> {
    if session.alias.is_empty() {
        return Err(clc::Error::Rejected {
            message: "the account alias is missing (enter it next to the token)".into(),
        });
    }
    let identity = Identity {
        user,
        alias: session.alias.clone(),
        roles,
        expires_at: session.expires_at_ms(),
        api_base,
        demo,
        sub_accounts: Vec::new(),
    };
    client.set_session(Some(session));
    let sign_in = SignInReads::default();
    sign_in.keep(&identity.alias, client.datacenters(&identity.alias).await?);
    Ok(Connection {
        client: Rc::new(client),
        identity,
        sign_in,
    })
}

/// What the opt-in "keep me connected in this tab" stores in sessionStorage (never in
/// localStorage, which outlives the tab).
#[derive(Serialize, Deserialize)]
pub struct KeptSession {
    pub api_base: String,
    pub alias: String,
    pub token: String,
}

pub const KEPT_SESSION_KEY: &str = "offboard.session";

#[cfg(test)]
mod tests {
    use super::{reads_aliases, Credentials, SignInReads};
    use clc::models::DataCenter;

    fn list(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    /// The live view and the live summary take a reading by this one test. They once each had
    /// their own, and a list naming the parent (which the scan reads once, as the parent) made
    /// the view drop every reading and stay "running" while the summary took them all.
    #[test]
    fn a_reading_is_the_connections_when_it_read_the_parent_then_each_sub_account_once() {
        let subs = list(&["DEMS", "L001"]);
        assert!(reads_aliases("DEMO", &subs, &["DEMO", "DEMS", "L001"]));
        assert!(reads_aliases("demo", &subs, &["DEMO", "dems", "L001"]));
        assert!(reads_aliases("DEMO", &[], &["DEMO"]));
        // The parent listed among its sub-accounts, or an alias listed twice, is read once.
        let odd = list(&["DEMO", "DEMS", "dems", "L001"]);
        assert!(reads_aliases("DEMO", &odd, &["DEMO", "DEMS", "L001"]));
        // Another list, another order, or a part of the list is not this connection's reading.
        assert!(!reads_aliases("DEMO", &subs, &["DEMO"]));
        assert!(!reads_aliases("DEMO", &subs, &["DEMO", "L001", "DEMS"]));
        assert!(!reads_aliases(
            "DEMO",
            &subs,
            &["DEMO", "DEMS", "L001", "ACME"]
        ));
        assert!(!reads_aliases("DEMO", &[], &["ACME"]));
        assert!(!reads_aliases("DEMO", &[], &[] as &[&str]));
    }

    #[test]
    fn credentials_never_show_the_password_or_the_token() {
        let login = format!(
            "{:?}",
            Credentials::Login {
                username: "jane".into(),
                password: "hunter2-secret".into(),
            }
        );
        assert!(
            login.contains("jane") && !login.contains("hunter2"),
            "{login}"
        );
        let token = format!(
            "{:?}",
            Credentials::Token {
                alias: "ACME".into(),
                token: "eyJhbGciOi.secret.token".into(),
            }
        );
        assert!(
            token.contains("ACME") && !token.contains("secret"),
            "{token}"
        );
    }

    fn data_center(id: &str) -> DataCenter {
        DataCenter {
            id: id.into(),
            ..DataCenter::default()
        }
    }

    /// The scan right after the sign-in takes the sign-in's lists; a later scan (the refresh,
    /// Scan again) finds none and reads its own. The copies of one connection share the store.
    #[test]
    fn the_sign_in_lists_are_taken_once_by_any_copy_and_then_none_are_left() {
        let reads = SignInReads::default();
        let copy = reads.clone();
        reads.keep("DEMO", vec![data_center("ca1")]);
        copy.keep("DEMS", vec![data_center("de1"), data_center("gb3")]);
        let taken = copy.take();
        assert_eq!(
            taken,
            [
                ("DEMO".to_string(), vec![data_center("ca1")]),
                (
                    "DEMS".to_string(),
                    vec![data_center("de1"), data_center("gb3")]
                ),
            ]
        );
        assert!(reads.take().is_empty());
        assert!(copy.take().is_empty());
    }
}
