//! The article's facts: its links and its help address. The wording on screen is ours; these
//! targets are the article's and must not drift.

pub const USAGE_HISTORY_URL: &str = "https://control.ctl.io/Organization/payment/ledger";
pub const SERVICE_TASK_URL: &str = "https://www.ctl.io/service-tasks";
pub const API_DOCS_URL: &str = "https://www.ctl.io/api-docs";
pub const ACCOUNT_INFO_URL: &str = "https://control.ctl.io/organization/account";
pub const HELP_EMAIL: &str = closure::escalation::HELP_EMAIL;
pub const TICKET_URL: &str = closure::escalation::TICKET_URL;

/// The steps' titles, in the article's order.
pub fn step_title(step: closure::StepId) -> &'static str {
    use closure::StepId::*;
    match step {
        FindServices => "Find every service on the account",
        RetrieveData => "Copy off the data you want to keep",
        DeleteResources => "Delete everything that still bills",
        RequestClosure => "Request the closure",
    }
}
