//! What every handler can reach.

use std::sync::Arc;

use gatelangs_storage::Store;

use crate::auth::session_cache::SessionCache;
use crate::auth::throttle::LoginThrottle;
use crate::config::WebConfig;
use gatelangs_app::field::FieldWork;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub throttle: Arc<LoginThrottle>,
    /// Field work: registrations (group commit), undo and correction.
    pub field: FieldWork,
    pub sessions: Arc<SessionCache>,
    /// Single sign-ons under way (their state, nonce and PKCE verifier).
    pub sso_pending: Arc<crate::auth::sso::PendingLogins>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        let throttle = LoginThrottle::new(
            config.max_failures_per_account,
            config.max_failures_per_address,
            config.failure_window,
        );
        let field = FieldWork::start(store.clone(), config.correction_window);
        let sessions = Arc::new(SessionCache::new(config.session_idle));
        Self {
            store,
            config: Arc::new(config),
            throttle: Arc::new(throttle),
            field,
            sessions,
            sso_pending: Arc::default(),
        }
    }
}
