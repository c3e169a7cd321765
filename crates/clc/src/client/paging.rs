//! Simple Backup lists, the only paged API (§0.7): pages are followed via `nextOffset`, bounded by
//! `totalCount`, an empty page, an offset that does not advance, and a page-count guard.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::Client;
use crate::api;
use crate::clock::Clock;
use crate::error::Error;
use crate::http::{Request, Transport};
use crate::models::backup::{AccountPolicy, BackupPage, ServerPolicy};
use crate::records::Records;

/// Items per Simple Backup page, and the most pages followed (a guard against a looping API).
const BACKUP_PAGE_SIZE: u64 = 100;
const BACKUP_MAX_PAGES: usize = 1000;

impl<T: Transport, K: Clock> Client<T, K> {
    /// Every Simple Backup account policy, following `nextOffset` until the last page.
    pub async fn backup_account_policies(&self) -> Result<Vec<AccountPolicy>, Error> {
        self.all_pages(|offset| {
            api::backup_account_policies(self.endpoints(), BACKUP_PAGE_SIZE, offset)
        })
        .await
    }

    /// Every server policy of one account policy, following pages.
    pub async fn backup_server_policies(
        &self,
        account_policy_id: &str,
    ) -> Result<Vec<ServerPolicy>, Error> {
        self.all_pages(|offset| {
            api::backup_server_policies(
                self.endpoints(),
                account_policy_id,
                BACKUP_PAGE_SIZE,
                offset,
            )
        })
        .await
    }

    /// [`Client::backup_account_policies`] decoded item by item: a malformed policy is reported
    /// in [`Records::bad`] (numbered across pages) instead of failing the whole list. The pages
    /// are read as raw elements, by one page reader for both kinds of policy.
    pub async fn backup_account_policy_records(&self) -> Result<Records<AccountPolicy>, Error> {
        let items = self
            .all_pages::<Box<RawValue>>(|offset| {
                api::backup_account_policies(self.endpoints(), BACKUP_PAGE_SIZE, offset)
            })
            .await?;
        Ok(Records::from_raw(items.iter().map(|raw| &**raw)))
    }

    /// [`Client::backup_server_policies`] decoded item by item.
    pub async fn backup_server_policy_records(
        &self,
        account_policy_id: &str,
    ) -> Result<Records<ServerPolicy>, Error> {
        let items = self
            .all_pages::<Box<RawValue>>(|offset| {
                api::backup_server_policies(
                    self.endpoints(),
                    account_policy_id,
                    BACKUP_PAGE_SIZE,
                    offset,
                )
            })
            .await?;
        Ok(Records::from_raw(items.iter().map(|raw| &**raw)))
    }

    async fn all_pages<R: DeserializeOwned>(
        &self,
        page_at: impl Fn(u64) -> Request,
    ) -> Result<Vec<R>, Error> {
        let mut all = Vec::new();
        let mut offset = 0;
        for _ in 0..BACKUP_MAX_PAGES {
            let page: BackupPage<R> = self.get_json(page_at(offset)).await?;
            let received = page.results.len() as u64;
            all.extend(page.results);
            let collected = all.len() as u64;
            if received == 0 || page.total_count.is_some_and(|total| collected >= total) {
                break;
            }
            let next = match (page.next_offset, page.total_count) {
                (Some(next), _) => next,
                (None, Some(_)) => offset + received,
                (None, None) => break,
            };
            if next <= offset {
                break;
            }
            offset = next;
        }
        Ok(all)
    }
}
