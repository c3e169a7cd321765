//! Typed destructive calls (every delete/release of `clc-api.md` §8.2). None is retried: on
//! failure the caller (the closure journal) decides. Each returns [`Accepted`]; a 404 is
//! `Error::NotFound` (treat as already gone), a refusal in a 2xx body is `Error::Rejected`.

use super::Client;
use crate::api;
use crate::clock::Clock;
use crate::error::Error;
use crate::http::Transport;
use crate::models::queue::Accepted;

impl<T: Transport, K: Clock> Client<T, K> {
    /// Deletes a server (active, stopped, paused or archived): `Accepted::Queued`.
    pub async fn delete_server(&self, account: &str, server_id: &str) -> Result<Accepted, Error> {
        self.execute(api::delete_server(self.endpoints(), account, server_id))
            .await
    }

    /// Deletes a user group with all its servers and sub-groups: `Accepted::Queued`.
    pub async fn delete_group(&self, account: &str, group_id: &str) -> Result<Accepted, Error> {
        self.execute(api::delete_group(self.endpoints(), account, group_id))
            .await
    }

    pub async fn delete_snapshot(
        &self,
        account: &str,
        server_id: &str,
        snapshot_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_snapshot(self.endpoints(), account, server_id, snapshot_id);
        self.execute(request).await
    }

    pub async fn delete_public_ip(
        &self,
        account: &str,
        server_id: &str,
        ip: &str,
    ) -> Result<Accepted, Error> {
        self.execute(api::delete_public_ip(
            self.endpoints(),
            account,
            server_id,
            ip,
        ))
        .await
    }

    /// Detaches a server's secondary NIC: `Accepted::Experimental`.
    pub async fn remove_secondary_network(
        &self,
        account: &str,
        server_id: &str,
        network_id: &str,
    ) -> Result<Accepted, Error> {
        let request =
            api::remove_secondary_network(self.endpoints(), account, server_id, network_id);
        self.execute(request).await
    }

    pub async fn remove_cpu_autoscale_policy(
        &self,
        account: &str,
        server_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::remove_cpu_autoscale_policy(self.endpoints(), account, server_id);
        self.execute(request).await
    }

    pub async fn delete_shared_load_balancer(
        &self,
        account: &str,
        data_center: &str,
        load_balancer_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_shared_load_balancer(
            self.endpoints(),
            account,
            data_center,
            load_balancer_id,
        );
        self.execute(request).await
    }

    pub async fn delete_shared_load_balancer_pool(
        &self,
        account: &str,
        data_center: &str,
        load_balancer_id: &str,
        pool_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_shared_load_balancer_pool(
            self.endpoints(),
            account,
            data_center,
            load_balancer_id,
            pool_id,
        );
        self.execute(request).await
    }

    /// Releases a network (fails while any IP is claimed): `Accepted::Completed` on 200/204.
    pub async fn release_network(
        &self,
        account: &str,
        data_center: &str,
        network_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::release_network(self.endpoints(), account, data_center, network_id);
        self.execute(request).await
    }

    pub async fn delete_firewall_policy(
        &self,
        account: &str,
        data_center: &str,
        policy_id: &str,
    ) -> Result<Accepted, Error> {
        let request =
            api::delete_firewall_policy(self.endpoints(), account, data_center, policy_id);
        self.execute(request).await
    }

    pub async fn delete_cross_dc_firewall_policy(
        &self,
        account: &str,
        data_center: &str,
        policy_id: &str,
    ) -> Result<Accepted, Error> {
        let request =
            api::delete_cross_dc_firewall_policy(self.endpoints(), account, data_center, policy_id);
        self.execute(request).await
    }

    /// Deletes a site-to-site VPN: `Accepted::Job` with the string job id.
    pub async fn delete_vpn(&self, account: &str, vpn_id: &str) -> Result<Accepted, Error> {
        self.execute(api::delete_vpn(self.endpoints(), account, vpn_id))
            .await
    }

    pub async fn delete_rdbs_subscription(
        &self,
        account: &str,
        subscription_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_rdbs_subscription(self.endpoints(), account, subscription_id);
        self.execute(request).await
    }

    pub async fn delete_backup_server_policy(
        &self,
        account_policy_id: &str,
        server_policy_id: &str,
    ) -> Result<Accepted, Error> {
        let request =
            api::delete_backup_server_policy(self.endpoints(), account_policy_id, server_policy_id);
        self.execute(request).await
    }

    pub async fn delete_alert_policy(
        &self,
        account: &str,
        policy_id: &str,
    ) -> Result<Accepted, Error> {
        self.execute(api::delete_alert_policy(
            self.endpoints(),
            account,
            policy_id,
        ))
        .await
    }

    pub async fn delete_anti_affinity_policy(
        &self,
        account: &str,
        policy_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_anti_affinity_policy(self.endpoints(), account, policy_id);
        self.execute(request).await
    }

    /// Removes every target of one webhook event (`Server.Deleted`, ...).
    pub async fn delete_webhook(&self, account: &str, event: &str) -> Result<Accepted, Error> {
        self.execute(api::delete_webhook(self.endpoints(), account, event))
            .await
    }

    pub async fn delete_horizontal_autoscale_policy(
        &self,
        account: &str,
        group_id: &str,
    ) -> Result<Accepted, Error> {
        let request = api::delete_horizontal_autoscale_policy(self.endpoints(), account, group_id);
        self.execute(request).await
    }
}
