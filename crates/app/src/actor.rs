//! Who is acting, as the adapter established it: the web layer from a logged-in session, the
//! command line and the bundle import as the service's operator. Everything a use case may do
//! follows from the actor through a capability (see `capabilities` and `record_gate`), which is
//! the only thing use cases accept.

use gatelangs_domain::{Role, ServiceId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    service: ServiceId,
    user: Option<UserId>,
    role: Role,
}

impl Actor {
    /// A logged-in user of `service`. The caller has authenticated them (password and second
    /// factor where required); the role is the one stored for the user.
    pub fn user(service: ServiceId, user: UserId, role: Role) -> Self {
        Self {
            service,
            user: Some(user),
            role,
        }
    }

    /// The operator at the server's command line (import, export, demo seeding): an
    /// administrator of `service` without an account. Whoever runs the binary on the server
    /// already holds the database and its keys; the audit log records the action as the
    /// system's.
    pub fn operator(service: ServiceId) -> Self {
        Self {
            service,
            user: None,
            role: Role::Admin,
        }
    }

    pub fn service(&self) -> ServiceId {
        self.service
    }
    pub fn user_id(&self) -> Option<UserId> {
        self.user
    }
    pub fn role(&self) -> Role {
        self.role
    }
}
