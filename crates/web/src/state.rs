//! What every handler can reach.

use std::sync::Arc;

use gatelangs_storage::Store;

use crate::auth::session_cache::SessionCache;
use crate::auth::throttle::LoginThrottle;
use crate::config::WebConfig;
use crate::group_commit::GroupCommit;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub throttle: Arc<LoginThrottle>,
    /// Writes single registrations together (see `group_commit`).
    pub registrations: GroupCommit,
    pub sessions: Arc<SessionCache>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let throttle = LoginThrottle::new(
            config.max_failures_per_account,
            config.max_failures_per_address,
            config.failure_window,
        );
        let registrations = GroupCommit::start(store.clone());
        let sessions = Arc::new(SessionCache::new(config.session_idle));
        Self {
            store,
            config: Arc::new(config),
            throttle: Arc::new(throttle),
            registrations,
            sessions,
        }
    }
}
