//! What the stand-in holds between requests: the demo workspace, the rate limiter, fault rules,
//! the request log and the settings tests change through the control endpoints.

use crate::data::Workspace;
use crate::faults::FaultRule;
use crate::limiter::Limiter;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard};

/// One request as the stand-in received it, for tests to inspect.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    /// The `Host` it was sent to: the API's own origin, or the app's (through the proxy path).
    pub host: Option<String>,
    pub authorization: Option<String>,
    pub body: Option<Value>,
    pub status: u16,
    /// When it arrived: milliseconds since the stand-in started.
    pub ms: u64,
}

/// What the static app server answers for `config.json`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", tag = "mode")]
pub enum AppConfig {
    /// `{"apiBaseUrl": "<this stand-in>/api/v1"}`.
    Generated,
    /// The file in `dist/` as built.
    FromDist,
    /// 404.
    Missing,
    /// These bytes, whatever they are.
    Raw { body: String },
}

pub struct Inner {
    pub ws: Workspace,
    pub limiter: Limiter,
    pub faults: Vec<FaultRule>,
    pub requests: Vec<LoggedRequest>,
    pub app_config: AppConfig,
    pub big_role_members: usize,
    /// Invitations issued, for their codes.
    pub invitations: u64,
    /// Extra headers on every answer of the app server (a CSP, frame-ancestors), set by tests.
    pub app_headers: Vec<(String, String)>,
    /// Counts the resets and clears of the request log: a request that arrived before one is not
    /// logged after it (a test's slow request must not turn up in the next test's log).
    pub log_epoch: u64,
    /// What watched pages reported (`--watch-pages`, see [`crate::watch`]).
    pub page_problems: Vec<serde_json::Value>,
}

impl Inner {
    fn new(big_role_members: usize, faults: Vec<FaultRule>) -> Inner {
        Inner {
            ws: Workspace::seed(big_role_members),
            limiter: Limiter::default(),
            faults,
            requests: Vec::new(),
            app_config: AppConfig::Generated,
            big_role_members,
            invitations: 0,
            app_headers: Vec::new(),
            log_epoch: 0,
            page_problems: Vec::new(),
        }
    }

    /// Back to the seeded workspace with no faults, an empty log and default settings; the rate
    /// limit stays as configured, with fresh windows.
    pub fn reset(&mut self) {
        let (limit, log_epoch) = (self.limiter.limit, self.log_epoch + 1);
        *self = Inner::new(self.big_role_members, Vec::new());
        self.limiter = Limiter::new(limit);
        self.log_epoch = log_epoch;
    }

    /// Empties the request log; requests still being answered are not logged.
    pub fn clear_requests(&mut self) {
        self.requests.clear();
        self.log_epoch += 1;
    }
}

#[derive(Clone)]
pub struct Shared {
    inner: Arc<Mutex<Inner>>,
    /// When the stand-in started, for the request log's times.
    pub started: std::time::Instant,
    /// This stand-in's API origin (`http://127.0.0.1:port`), once it listens.
    pub api_base: Arc<Mutex<String>>,
    /// Whether every HTML page served gets the problem watcher (`--watch-pages`).
    pub watch_pages: bool,
}

impl Shared {
    pub fn new(big_role_members: usize, faults: Vec<FaultRule>) -> Shared {
        Shared {
            inner: Arc::new(Mutex::new(Inner::new(big_role_members, faults))),
            started: std::time::Instant::now(),
            api_base: Arc::default(),
            watch_pages: false,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking handler must not take the whole stand-in down with a poisoned lock.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn api_base(&self) -> String {
        self.api_base.lock().map(|b| b.clone()).unwrap_or_default()
    }
}
