//! Shared helpers for the simulator's tests: a logged-in client over `Sim::handle`, and a tiny
//! blocking HTTP/1.1 client for the server tests.
#![allow(dead_code)]

#[cfg(feature = "server")]
pub mod http;

use clc::{Method, Request, Response};
use clc_sim::{Scenario, Sim};
use serde_json::Value;

/// A `Sim` plus a token and a virtual clock.
pub struct Client {
    pub sim: Sim,
    pub token: String,
    pub now: u64,
}

pub fn login_request(username: &str, password: &str) -> Request {
    Request::new(Method::Post, "/v2/authentication/login")
        .header("Content-Type", "application/json")
        .body(serde_json::json!({ "username": username, "password": password }).to_string())
}

impl Client {
    pub fn new(scenario: Scenario, seed: u64) -> Client {
        Client::as_user(scenario, seed, "", "")
    }

    /// Logs in as the scenario's full-rights user, or as `user`/`password` when given.
    pub fn as_user(scenario: Scenario, seed: u64, user: &str, password: &str) -> Client {
        let mut sim = Sim::new(scenario.clone(), seed);
        let (u, p) = if user.is_empty() {
            (
                scenario.username().to_string(),
                format!("{}-password", scenario.username()),
            )
        } else {
            (user.to_string(), password.to_string())
        };
        let resp = sim.handle(&login_request(&u, &p), 0);
        assert_eq!(resp.status, 200, "login failed: {}", resp.body);
        let token = json(&resp)["bearerToken"].as_str().unwrap().to_string();
        Client { sim, token, now: 0 }
    }

    pub fn demo() -> Client {
        Client::new(Scenario::Demo, 1)
    }

    pub fn viewer() -> Client {
        Client::as_user(Scenario::Demo, 1, "viewer", "viewer-password")
    }

    pub fn send(&mut self, method: Method, url: &str, body: Option<&str>) -> Response {
        let mut req =
            Request::new(method, url).header("Authorization", format!("Bearer {}", self.token));
        if let Some(b) = body {
            req = req.header("Content-Type", "application/json").body(b);
        }
        self.sim.handle(&req, self.now)
    }

    pub fn get(&mut self, url: &str) -> Response {
        self.send(Method::Get, url, None)
    }

    pub fn get_json(&mut self, url: &str) -> Value {
        let r = self.get(url);
        assert_eq!(r.status, 200, "GET {url}: {} {}", r.status, r.body);
        json(&r)
    }

    pub fn delete(&mut self, url: &str) -> Response {
        self.send(Method::Delete, url, None)
    }

    pub fn advance(&mut self, ms: u64) {
        self.now += ms;
    }

    pub fn state(&mut self) -> Value {
        self.sim.state_json(self.now)
    }

    /// The account's data centers with their root group ids.
    pub fn roots(&mut self) -> Vec<(String, String)> {
        let dcs = self.get_json("/v2/datacenters/DEMO?groupLinks=true");
        dcs.as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let group = d["links"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["rel"] == "group")
                    .unwrap();
                (
                    d["id"].as_str().unwrap().to_string(),
                    group["id"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    /// The first server of the state dump matching a predicate.
    pub fn find_server(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        self.state()["servers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| pred(s))
            .cloned()
            .expect("server")
    }

    /// Polls a status href until the operation reports a terminal state.
    pub fn run_until_done(&mut self, href: &str) -> String {
        for _ in 0..1000 {
            let s = self.get_json(href)["status"].as_str().unwrap().to_string();
            if s == "succeeded" || s == "failed" {
                return s;
            }
            self.advance(250);
        }
        panic!("operation never finished");
    }
}

pub fn json(r: &Response) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.body))
}

/// Every `href` anywhere in a document.
pub fn hrefs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "href" {
                    if let Some(s) = x.as_str() {
                        out.push(s.to_string());
                    }
                } else {
                    hrefs(x, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| hrefs(x, out)),
        _ => {}
    }
}

pub fn link<'a>(doc: &'a Value, rel: &str) -> Option<&'a Value> {
    doc["links"].as_array()?.iter().find(|l| l["rel"] == rel)
}
