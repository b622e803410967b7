//! A short-lived, in-process cache of resolved sessions, so that a burst of requests (a field
//! worker tapping) does not read the same session, user and service from the database each time.
//!
//! Entries live at most [`TTL`] (and never longer than a quarter of the idle timeout). Every change
//! this process makes to a session or its user clears the cache at once; a change made by another
//! process (`gatelangs user disable` on the command line) takes effect within the TTL.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::ActiveSession;

pub const TTL: Duration = Duration::from_secs(2);

pub struct SessionCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Instant, Arc<ActiveSession>)>>,
}

impl SessionCache {
    pub fn new(session_idle: Duration) -> Self {
        Self {
            ttl: TTL.min(session_idle / 4),
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, token_hash: &str) -> Option<Arc<ActiveSession>> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(token_hash)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, s)| s.clone())
    }

    pub fn put(&self, session: Arc<ActiveSession>) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() > 10_000 {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
        }
        entries.insert(
            session.session.token_hash.clone(),
            (Instant::now(), session),
        );
    }

    /// Forgets every session: called after any change to a session or a user.
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}
