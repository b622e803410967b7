//! Login throttling per account name and per client address. Unknown account names are
//! throttled exactly like real ones, so the answer never tells whether an account exists.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct LoginThrottle {
    accounts: Window<String>,
    addresses: Window<IpAddr>,
}

impl LoginThrottle {
    pub fn new(per_account: usize, per_address: usize, window: Duration) -> Self {
        Self {
            accounts: Window::new(per_account, window),
            addresses: Window::new(per_address, window),
        }
    }

    /// Whether another attempt for `username` from `addr` must wait.
    pub fn is_blocked(&self, username: &str, addr: Option<IpAddr>) -> bool {
        self.accounts.is_full(&username.to_lowercase())
            || addr.is_some_and(|a| self.addresses.is_full(&a))
    }

    pub fn record_failure(&self, username: &str, addr: Option<IpAddr>) {
        self.accounts.push(username.to_lowercase());
        if let Some(a) = addr {
            self.addresses.push(a);
        }
    }

    /// Whether the client address alone is over its limit (sign-ins that name no account).
    pub fn is_address_blocked(&self, addr: Option<IpAddr>) -> bool {
        addr.is_some_and(|a| self.addresses.is_full(&a))
    }

    /// A failure that names no account: a forged or expired single sign-on answer.
    pub fn record_address_failure(&self, addr: Option<IpAddr>) {
        if let Some(a) = addr {
            self.addresses.push(a);
        }
    }

    /// A successful login clears the account's failures (not the address's: one good password
    /// must not reset a guessing run across other accounts).
    pub fn record_success(&self, username: &str) {
        self.accounts.clear(&username.to_lowercase());
    }
}

struct Window<K> {
    limit: usize,
    span: Duration,
    hits: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Eq + Hash + Clone> Window<K> {
    fn new(limit: usize, span: Duration) -> Self {
        Self {
            limit,
            span,
            hits: Mutex::new(HashMap::new()),
        }
    }

    fn is_full(&self, key: &K) -> bool {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        match hits.get_mut(key) {
            Some(q) => {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) > self.span)
                {
                    q.pop_front();
                }
                q.len() >= self.limit
            }
            None => false,
        }
    }

    fn push(&self, key: K) {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if hits.len() > 10_000 {
            // Bound memory under a spray of names: forget windows that have run out.
            hits.retain(|_, q| {
                q.back()
                    .is_some_and(|t| now.duration_since(*t) <= self.span)
            });
        }
        hits.entry(key).or_default().push_back(now);
    }

    fn clear(&self, key: &K) {
        self.hits
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_blocked_after_its_limit_whatever_the_address() {
        let t = LoginThrottle::new(3, 100, Duration::from_secs(60));
        for i in 0..3 {
            assert!(!t.is_blocked("kari", None));
            t.record_failure("Kari", Some(IpAddr::from([10, 0, 0, i])));
        }
        assert!(t.is_blocked("kari", Some(IpAddr::from([10, 0, 0, 9]))));
        assert!(!t.is_blocked("ola", None));
        t.record_success("kari");
        assert!(!t.is_blocked("kari", None));
    }

    #[test]
    fn an_address_is_blocked_across_accounts() {
        let t = LoginThrottle::new(100, 2, Duration::from_secs(60));
        let addr = Some(IpAddr::from([127, 0, 0, 1]));
        t.record_failure("a", addr);
        t.record_failure("b", addr);
        assert!(t.is_blocked("c", addr));
        assert!(!t.is_blocked("c", Some(IpAddr::from([127, 0, 0, 2]))));
    }
}
