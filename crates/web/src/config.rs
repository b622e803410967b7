//! Settings of the web layer, with defaults that suit a team using phones in the field.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct WebConfig {
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after login, however active.
    pub session_max: Duration,
    /// Mark cookies `Secure`: on whenever the service is reached over TLS.
    pub secure_cookies: bool,
    /// Failed logins for one account before it is throttled.
    pub max_failures_per_account: usize,
    /// Failed logins from one client address before it is throttled.
    pub max_failures_per_address: usize,
    /// The window over which failures are counted.
    pub failure_window: Duration,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// How long a field worker may correct or undo their own contacts.
    pub correction_window: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (none: the peer is the client).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Single sign-on with OpenID Connect, when configured (decision 0034).
    pub sso: Option<crate::auth::sso::SsoConfig>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            session_idle: Duration::from_secs(60 * 60),
            session_max: Duration::from_secs(12 * 60 * 60),
            secure_cookies: false,
            max_failures_per_account: 5,
            max_failures_per_address: 20,
            failure_window: Duration::from_secs(15 * 60),
            max_body_bytes: 2 * 1024 * 1024,
            correction_window: Duration::from_secs(7 * 24 * 60 * 60),
            trusted_proxies: vec![],
            sso: None,
        }
    }
}
