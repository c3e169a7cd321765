//! Invoice data (§6.1): usage estimates for a past month, not an actual bill. `totalAmount` may be
//! 0 while items are not (credits): never re-sum blindly.

use serde::{Deserialize, Serialize};

/// `GET /v2/invoice/{alias}/{year}/{month}`. Empty-string fields (`address2`, `poNumber`) are
/// omitted by the API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    #[serde(default, deserialize_with = "crate::de::id_string")]
    pub id: String,
    #[serde(default)]
    pub terms: Option<String>,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub account_alias: Option<String>,
    #[serde(default)]
    pub pricing_account_alias: Option<String>,
    #[serde(default)]
    pub parent_account_alias: Option<String>,
    #[serde(default)]
    pub address1: Option<String>,
    #[serde(default)]
    pub address2: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub state_province: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub billing_contact_email: Option<String>,
    #[serde(default, rename = "invoiceCCEmail")]
    pub invoice_cc_email: Option<String>,
    #[serde(default)]
    pub total_amount: Option<f64>,
    /// First day of the following month (ISO-8601).
    #[serde(default)]
    pub invoice_date: Option<String>,
    #[serde(default)]
    pub po_number: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub line_items: Vec<InvoiceLineItem>,
}

/// One invoice line, e.g. `"Deleted Servers - DE1"` or `"External IP Address (VA1)"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLineItem {
    #[serde(default)]
    pub quantity: Option<f64>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub unit_cost: Option<f64>,
    #[serde(default)]
    pub item_total: Option<f64>,
    #[serde(default)]
    pub service_location: Option<String>,
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub item_details: Vec<InvoiceItemDetail>,
}

/// A line's breakdown, usually per server name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InvoiceItemDetail {
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub cost: Option<f64>,
}
