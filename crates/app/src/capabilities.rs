//! Capabilities: narrow handles that a role grants, in the actor's service. Their fields are
//! private and the only constructor is the check, so no code can hold one without having passed
//! it (the pattern of lldap's access-control handlers). Use cases take a capability, never a
//! bare service or user id. See `docs/decisions/0007-authorization.md` and 0019.

use gatelangs_domain::{Role, ServiceId, UserId};

use crate::actor::Actor;
use crate::error::{Error, Result};

/// Defines a capability held by a member of staff with an account (the actor has a user).
macro_rules! staff_capability {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            service: ServiceId,
            user: UserId,
            role: Role,
        }

        impl $name {
            pub fn for_actor(actor: &Actor) -> Result<Self> {
                let allowed: fn(Role) -> bool = $allowed;
                match actor.user_id() {
                    Some(user) if allowed(actor.role()) => Ok(Self {
                        service: actor.service(),
                        user,
                        role: actor.role(),
                    }),
                    _ => Err(Error::Forbidden("error-forbidden")),
                }
            }
            pub fn service(&self) -> ServiceId {
                self.service
            }
            pub fn user(&self) -> UserId {
                self.user
            }
            pub fn role(&self) -> Role {
                self.role
            }
        }
    };
}

/// Defines a capability an operator at the command line holds too (the actor may have no user).
macro_rules! capability {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name {
            service: ServiceId,
            user: Option<UserId>,
            role: Role,
        }

        impl $name {
            pub fn for_actor(actor: &Actor) -> Result<Self> {
                let allowed: fn(Role) -> bool = $allowed;
                if allowed(actor.role()) {
                    Ok(Self { service: actor.service(), user: actor.user_id(), role: actor.role() })
                } else {
                    Err(Error::Forbidden("error-forbidden"))
                }
            }
            pub fn service(&self) -> ServiceId {
                self.service
            }
            /// The acting user; `None` for the operator at the command line.
            pub fn user(&self) -> Option<UserId> {
                self.user
            }
            pub fn role(&self) -> Role {
                self.role
            }
        }
    };
}

capability!(
    /// May import and export bundles, manage users and change configuration: administrators.
    Administrator,
    |r| r.can_administer()
);
capability!(
    /// May manage districts and places: leaders and administrators.
    PlaceEditor,
    |r| matches!(r, Role::Leader | Role::Admin)
);
capability!(
    /// May keep the catalogue of counterpart services: leaders and administrators.
    CatalogueEditor,
    |r| matches!(r, Role::Leader | Role::Admin)
);
capability!(
    /// May read the anonymous statistics: every role.
    ReportReader,
    |_| true
);
staff_capability!(
    /// May register and correct field contacts: field workers and leaders.
    FieldRecorder,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
staff_capability!(
    /// May register anonymous inquiries: field workers and leaders.
    InquiryRecorder,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
staff_capability!(
    /// May keep groups, prevention work and trend notes: field workers and leaders.
    GroupWorker,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
staff_capability!(
    /// May see the staffing plan and the rota: field workers and leaders.
    RotaReader,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
staff_capability!(
    /// May record their own time use: field workers and leaders.
    TimeRecorder,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
capability!(
    /// May plan field presence from the records (a what-if, nothing is stored): leaders, and the
    /// operator at the command line.
    PresencePlanner,
    |r| matches!(r, Role::Leader | Role::Admin)
);
staff_capability!(
    /// May write the annual report's prose (foreword, mandate, history): leaders.
    ReportWriter,
    |r| matches!(r, Role::Leader)
);
staff_capability!(
    /// May keep the staffing plan and the rota: leaders.
    RotaPlanner,
    |r| matches!(r, Role::Leader)
);

staff_capability!(
    /// May read the audit log of the service: leaders.
    AuditReader,
    |r| r.can_review_audit_log()
);

impl FieldRecorder {
    /// Field workers correct their own contacts within the window; leaders correct any.
    pub fn may_correct(
        &self,
        author: Option<UserId>,
        registered_at: i64,
        window_secs: i64,
    ) -> bool {
        match self.role {
            Role::Leader => true,
            _ => {
                author == Some(self.user) && gatelangs_storage::now() - registered_at <= window_secs
            }
        }
    }
}
