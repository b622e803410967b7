//! Capabilities: narrow handles that a role grants. A handler that needs to read the audit log
//! must first get an [`AuditReader`] from the principal, and the reader only reaches its own
//! service's entries. See `docs/decisions/0007-authorization.md`.

use gatelangs_domain::{Role, ServiceId};
use gatelangs_storage::Store;
use gatelangs_storage::audit::{self, AuditEntry, AuditFilter};

use super::Principal;
use crate::error::AppError;

/// May read the audit log of one service: leaders only.
pub struct AuditReader {
    service: ServiceId,
}

impl AuditReader {
    pub fn for_principal(principal: &Principal) -> Result<Self, AppError> {
        if principal.role().can_review_audit_log() {
            Ok(Self {
                service: principal.service_id(),
            })
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn list(
        &self,
        store: &Store,
        filter: &AuditFilter,
    ) -> Result<Vec<AuditEntry>, AppError> {
        let mut conn = store.conn().await?;
        Ok(audit::list(&mut conn, self.service, filter).await?)
    }

    /// The `ref` of each youth the entries name (`youth:<id>`), for showing instead of the id.
    pub async fn youth_refs(
        &self,
        store: &Store,
        entries: &[AuditEntry],
    ) -> Result<std::collections::HashMap<String, String>, AppError> {
        let mut conn = store.read_conn().await?;
        let mut out = std::collections::HashMap::new();
        for e in entries {
            let Some(id) = e.subject.strip_prefix("youth:") else {
                continue;
            };
            if out.contains_key(id) {
                continue;
            }
            if let Ok(youth) = id.parse()
                && let Some(reference) =
                    gatelangs_storage::youths::reference_in(&mut conn, self.service, youth).await?
            {
                out.insert(id.to_owned(), reference);
            }
        }
        Ok(out)
    }

    pub async fn staff(
        &self,
        store: &Store,
    ) -> Result<Vec<gatelangs_storage::users::User>, AppError> {
        let mut conn = store.conn().await?;
        Ok(gatelangs_storage::users::list(&mut conn, self.service).await?)
    }
}

/// Defines a capability: a narrow handle for one kind of work in the principal's service.
macro_rules! capability {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        pub struct $name {
            pub service: ServiceId,
            pub user: gatelangs_domain::UserId,
            pub role: Role,
        }

        impl $name {
            pub fn for_principal(principal: &Principal) -> Result<Self, AppError> {
                let allowed: fn(Role) -> bool = $allowed;
                if allowed(principal.role()) {
                    Ok(Self { service: principal.service_id(), user: principal.user_id(), role: principal.role() })
                } else {
                    Err(AppError::Forbidden)
                }
            }
        }
    };
}

capability!(
    /// May import and export bundles and change configuration: administrators.
    Administrator,
    |r| r.can_administer()
);
capability!(
    /// May register and correct field contacts: field workers and leaders.
    FieldRecorder,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
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
    /// May register anonymous inquiries: field workers and leaders.
    InquiryRecorder,
    |r| matches!(r, Role::FieldWorker | Role::Leader)
);
capability!(
    /// May read the anonymous statistics: every role.
    ReportReader,
    |_| true
);

impl FieldRecorder {
    /// Field workers correct their own contacts within the window; leaders correct any.
    pub fn may_correct(
        &self,
        author: Option<gatelangs_domain::UserId>,
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
