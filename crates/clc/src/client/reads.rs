//! Typed reads (every GET of `clc-api.md` §8.1, plus queue status and invoices). All are
//! idempotent and therefore retried per the client's [`crate::RetryPolicy`].

use serde::de::DeserializeOwned;

use super::{decode_json, Client};
use crate::api;
use crate::clock::Clock;
use crate::error::Error;
use crate::http::{Request, Transport};
use crate::models::*;

impl<T: Transport, K: Clock> Client<T, K> {
    /// `POST /v2/authentication/login`. Does not change the client: call
    /// `set_session(Some(Session::from_login(&login)))` with the result. Not retried.
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, Error> {
        let request = api::login(self.endpoints(), username, password);
        self.probe(request).await
    }

    /// Every data center of the account with its root group link (`?groupLinks=true`). The
    /// first call against a base URL: an unrelated answer is `Error::NotClcApi`.
    pub async fn datacenters(&self, account: &str) -> Result<Vec<DataCenter>, Error> {
        self.probe(api::datacenters(self.endpoints(), account))
            .await
    }

    /// The account's details (its parent's alias among them; `clc-api.md` §2.6).
    pub async fn account_details(&self, account: &str) -> Result<AccountDetails, Error> {
        self.get_json(api::account_details(self.endpoints(), account))
            .await
    }

    pub async fn datacenter(&self, account: &str, data_center: &str) -> Result<DataCenter, Error> {
        self.get_json(api::datacenter(self.endpoints(), account, data_center))
            .await
    }

    pub async fn deployment_capabilities(
        &self,
        account: &str,
        data_center: &str,
    ) -> Result<DeploymentCapabilities, Error> {
        let request = api::deployment_capabilities(self.endpoints(), account, data_center);
        self.get_json(request).await
    }

    /// The group tree under `group_id`; with `detailed`, every group carries `servers`.
    pub async fn group(
        &self,
        account: &str,
        group_id: &str,
        detailed: bool,
    ) -> Result<Group, Error> {
        self.get_json(api::group(self.endpoints(), account, group_id, detailed))
            .await
    }

    pub async fn group_billing(
        &self,
        account: &str,
        group_id: &str,
    ) -> Result<GroupBilling, Error> {
        self.get_json(api::group_billing(self.endpoints(), account, group_id))
            .await
    }

    pub async fn server(&self, account: &str, server_id: &str) -> Result<Server, Error> {
        self.get_json(api::server(self.endpoints(), account, server_id))
            .await
    }

    pub async fn public_ip(
        &self,
        account: &str,
        server_id: &str,
        ip: &str,
    ) -> Result<PublicIp, Error> {
        self.get_json(api::public_ip(self.endpoints(), account, server_id, ip))
            .await
    }

    pub async fn shared_load_balancers(
        &self,
        account: &str,
        data_center: &str,
    ) -> Result<Vec<SharedLoadBalancer>, Error> {
        self.get_list(api::shared_load_balancers(
            self.endpoints(),
            account,
            data_center,
        ))
        .await
    }

    pub async fn shared_load_balancer_pools(
        &self,
        account: &str,
        data_center: &str,
        load_balancer_id: &str,
    ) -> Result<Vec<LoadBalancerPool>, Error> {
        let request = api::shared_load_balancer_pools(
            self.endpoints(),
            account,
            data_center,
            load_balancer_id,
        );
        self.get_list(request).await
    }

    pub async fn networks(&self, account: &str, data_center: &str) -> Result<Vec<Network>, Error> {
        self.get_list(api::networks(self.endpoints(), account, data_center))
            .await
    }

    /// One network with its addresses of the given kind in `ip_addresses`.
    pub async fn network(
        &self,
        account: &str,
        data_center: &str,
        network_id: &str,
        addresses: IpAddressFilter,
    ) -> Result<Network, Error> {
        let request = api::network(
            self.endpoints(),
            account,
            data_center,
            network_id,
            addresses,
        );
        self.get_json(request).await
    }

    pub async fn network_ip_addresses(
        &self,
        account: &str,
        data_center: &str,
        network_id: &str,
        filter: IpAddressFilter,
    ) -> Result<Vec<NetworkIpAddress>, Error> {
        let request =
            api::network_ip_addresses(self.endpoints(), account, data_center, network_id, filter);
        self.get_list(request).await
    }

    pub async fn firewall_policies(
        &self,
        account: &str,
        data_center: &str,
    ) -> Result<Vec<FirewallPolicy>, Error> {
        self.get_list(api::firewall_policies(
            self.endpoints(),
            account,
            data_center,
        ))
        .await
    }

    pub async fn cross_dc_firewall_policies(
        &self,
        account: &str,
        data_center: &str,
    ) -> Result<Vec<CrossDcFirewallPolicy>, Error> {
        let request = api::cross_dc_firewall_policies(self.endpoints(), account, data_center);
        self.get_list(request).await
    }

    pub async fn site_to_site_vpns(&self, account: &str) -> Result<Vec<SiteToSiteVpn>, Error> {
        self.get_list(api::site_to_site_vpns(self.endpoints(), account))
            .await
    }

    pub async fn alert_policies(&self, account: &str) -> Result<Vec<AlertPolicy>, Error> {
        self.get_list(api::alert_policies(self.endpoints(), account))
            .await
    }

    /// Expect `Error::NotFound`: the endpoint was reportedly removed.
    pub async fn anti_affinity_policies(
        &self,
        account: &str,
    ) -> Result<Vec<AntiAffinityPolicy>, Error> {
        self.get_list(api::anti_affinity_policies(self.endpoints(), account))
            .await
    }

    pub async fn autoscale_policies(&self, account: &str) -> Result<Vec<AutoscalePolicy>, Error> {
        self.get_list(api::autoscale_policies(self.endpoints(), account))
            .await
    }

    pub async fn webhooks(&self, account: &str) -> Result<Vec<Webhook>, Error> {
        self.get_list(api::webhooks(self.endpoints(), account))
            .await
    }

    pub async fn rdbs_subscriptions(&self, account: &str) -> Result<Vec<RdbsSubscription>, Error> {
        self.get_list(api::rdbs_subscriptions(self.endpoints(), account))
            .await
    }

    pub async fn rdbs_billing(
        &self,
        account: &str,
        subscription_id: Option<&str>,
    ) -> Result<RdbsBilling, Error> {
        self.get_json(api::rdbs_billing(
            self.endpoints(),
            account,
            subscription_id,
        ))
        .await
    }

    pub async fn invoice(&self, account: &str, year: u16, month: u8) -> Result<Invoice, Error> {
        self.get_json(api::invoice(self.endpoints(), account, year, month))
            .await
    }

    /// A classic queue job's status.
    pub async fn queue_status(&self, account: &str, status_id: &str) -> Result<QueueStatus, Error> {
        let response: QueueStatusResponse = self
            .get_json(api::queue_status(self.endpoints(), account, status_id))
            .await?;
        Ok(response.status)
    }

    /// An experimental operation's status by id.
    pub async fn experimental_status(
        &self,
        account: &str,
        operation_id: &str,
    ) -> Result<ExperimentalStatus, Error> {
        self.get_json(api::experimental_status(
            self.endpoints(),
            account,
            operation_id,
        ))
        .await
    }

    /// An experimental operation's status at its `uri` (preferred; normalised to the core base).
    pub async fn experimental_operation_status(
        &self,
        account: &str,
        operation: &ExperimentalOperation,
    ) -> Result<ExperimentalStatus, Error> {
        self.get_href(&operation.status_path(account)).await
    }

    async fn probe<R: DeserializeOwned>(&self, request: Request) -> Result<R, Error> {
        let body = self.get_body(request).await?;
        decode_json(&body.endpoint, &body.text, true).map_err(|e| self.scrub(e))
    }

    async fn get_list<R: DeserializeOwned>(&self, request: Request) -> Result<Vec<R>, Error> {
        let body = self.get_body(request).await?;
        self.list_of(&body)
    }
}
