//! Step 2's help to get the data off: what each data-bearing resource holds (its disks,
//! snapshots, public IPs, backups, whatever the inventory knows), and the text of a billable
//! Service Task request that the customer copies or sends by e-mail themselves. Pure: built from
//! the inventory alone, so it never holds the sign-in token.

use std::collections::HashMap;

use crate::escalation::{percent_encode, HELP_EMAIL};
use crate::inventory::{Inventory, Resource, ResourceId, ResourceKind};
use crate::marks::data_bearing;

/// What there is to keep of one data-bearing resource, one fact per line: the inventory's notes
/// (sizes, disks, backups, stored data), whether a server is archived, and, for a server, its
/// snapshots and public IPs.
pub fn facts(inventory: &Inventory, resource: &Resource) -> Vec<String> {
    let attached = |kind: ResourceKind| -> Vec<&str> {
        inventory
            .of_kind(kind)
            .filter(|r| r.depends_on.contains(&resource.id))
            .map(|r| r.name.as_str())
            .collect()
    };
    with_attached(
        resource,
        &attached(ResourceKind::Snapshot),
        &attached(ResourceKind::PublicIp),
    )
}

/// [`facts`], given the names of the server's snapshots and public IPs.
fn with_attached(resource: &Resource, snapshots: &[&str], ips: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if resource.id.kind == ResourceKind::ArchivedServer {
        out.push("archived".to_string());
    }
    out.extend(resource.notes.iter().cloned());
    if resource.id.kind.family() == ResourceKind::Server {
        if !resource.notes.iter().any(|n| n.ends_with(" GB storage")) {
            out.push("disk sizes not given by the API in this state".to_string());
        }
        if !snapshots.is_empty() {
            out.push(format!("snapshots: {}", snapshots.join(", ")));
        }
        if !ips.is_empty() {
            out.push(format!("public IPs: {}", ips.join(", ")));
        }
    }
    out
}

/// The request text: the account alias, its data centers, and every data-bearing resource with
/// what it holds (disk sizes included).
pub fn text(inventory: &Inventory) -> String {
    let dcs = inventory.data_centers();
    let dcs = if dcs.is_empty() {
        "(none found)".to_string()
    } else {
        dcs.join(", ")
    };
    let mut lines =
        vec![
        "Hello,".to_string(),
        String::new(),
        "I am closing my CenturyLink Cloud account and I would like to order a billable Service \
         Task to extract the data listed below before the resources are deleted. Please tell me \
         what it would cost and how I would receive the data."
            .to_string(),
        String::new(),
        match inventory.aliases().split_first() {
            Some((parent, subs)) if !subs.is_empty() => {
                format!("Account alias: {parent} (sub-accounts: {})", subs.join(", "))
            }
            _ => format!("Account alias: {}", inventory.account),
        },
        format!("Data centers: {dcs}"),
        String::new(),
        "Resources that hold data:".to_string(),
    ];
    // Snapshots and public IPs by the server they belong to, read once (10,000 servers).
    let mut attached: HashMap<&ResourceId, [Vec<&str>; 2]> = HashMap::new();
    for r in &inventory.resources {
        let slot = match r.id.kind {
            ResourceKind::Snapshot => 0,
            ResourceKind::PublicIp => 1,
            _ => continue,
        };
        for server in &r.depends_on {
            attached.entry(server).or_default()[slot].push(r.name.as_str());
        }
    }
    let mut any = false;
    for r in data_bearing(inventory) {
        any = true;
        let place = r
            .data_center
            .as_deref()
            .map(|dc| format!(" in {dc}"))
            .unwrap_or_default();
        let id = if r.id.id == r.name {
            String::new()
        } else {
            format!(" (id {})", r.id.id)
        };
        let alias = inventory.alias_of(r);
        let account = if alias == inventory.account {
            String::new()
        } else {
            format!(", sub-account {alias}")
        };
        lines.push(format!(
            "- {} {}{id}{place}{account}",
            r.id.kind.label(),
            r.name
        ));
        let [snapshots, ips] = attached.get(&r.id).cloned().unwrap_or_default();
        lines.extend(
            with_attached(r, &snapshots, &ips)
                .into_iter()
                .map(|f| format!("    {f}")),
        );
    }
    if !any {
        lines.push("- none found".to_string());
    }
    lines.extend([String::new(), "Thank you.".to_string()]);
    lines.join("\n")
}

/// The longest `mailto:` link offered, in characters of URL: some mail programs and browsers cut
/// or refuse longer ones (around 2,000), silently losing the end of the request.
pub const MAILTO_MAX_CHARS: usize = 1_800;

/// What ends an e-mail whose request had to be cut, for the customer who sends it.
pub const MAILTO_CUT_NOTE: &str = "[The list stops here: an e-mail link can carry only so much. \
     Before sending, replace this e-mail's text with the whole request: on the closing page, \
     press \"Copy the request\" and paste it here.]";

/// A `mailto:` link to the help desk and whether its body is cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailLink {
    pub href: String,
    /// The request did not fit in [`MAILTO_MAX_CHARS`]: the body holds its first lines, whole,
    /// and then [`MAILTO_CUT_NOTE`]; the full text is the page's "Copy the request".
    pub cut: bool,
}

/// A `mailto:` link to the help desk carrying [`text`], at most [`MAILTO_MAX_CHARS`] long; the
/// customer's mail program opens it and nothing is sent until they send it.
pub fn mailto(inventory: &Inventory) -> MailLink {
    mailto_for(inventory, &text(inventory))
}

/// [`mailto`] for a request whose [`text`] is already written (`full`): the page writes it
/// once for its text box and its link (for 10,000 servers it is about a megabyte).
pub fn mailto_for(inventory: &Inventory, full: &str) -> MailLink {
    let subject = format!(
        "Service Task request: extract data before closing account {}",
        inventory.account
    );
    let head = format!(
        "mailto:{HELP_EMAIL}?subject={}&body=",
        percent_encode(&subject)
    );
    // Encoding never shortens a text: one longer than the link before encoding is cut, and is
    // not encoded whole just to learn that.
    if head.len() + full.len() <= MAILTO_MAX_CHARS {
        let whole = format!("{head}{}", percent_encode(full));
        if whole.len() <= MAILTO_MAX_CHARS {
            return MailLink {
                href: whole,
                cut: false,
            };
        }
    }
    let note = percent_encode(&format!("\n\n{MAILTO_CUT_NOTE}"));
    let budget = MAILTO_MAX_CHARS.saturating_sub(head.len() + note.len());
    let mut body = String::new();
    for (i, line) in full.lines().enumerate() {
        let piece = if i == 0 {
            percent_encode(line)
        } else {
            percent_encode(&format!("\n{line}"))
        };
        if body.len() + piece.len() > budget {
            break;
        }
        body.push_str(&piece);
    }
    MailLink {
        href: format!("{head}{body}{note}"),
        cut: true,
    }
}
