//! Capabilities: narrow handles that a role grants. A handler that needs to read the audit log
//! must first get an [`AuditReader`] from the principal, and the reader only reaches its own
//! service's entries. See `docs/decisions/0007-authorization.md`.

use gatelangs_domain::ServiceId;
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

    pub async fn staff(
        &self,
        store: &Store,
    ) -> Result<Vec<gatelangs_storage::users::User>, AppError> {
        let mut conn = store.conn().await?;
        Ok(gatelangs_storage::users::list(&mut conn, self.service).await?)
    }
}

/// May change the configuration of one service: administrators only.
pub struct Administrator {
    pub service: ServiceId,
}

impl Administrator {
    pub fn for_principal(principal: &Principal) -> Result<Self, AppError> {
        if principal.role().can_administer() {
            Ok(Self {
                service: principal.service_id(),
            })
        } else {
            Err(AppError::Forbidden)
        }
    }
}
