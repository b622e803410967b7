//! Reading the audit log: leaders, their own service only.

use std::collections::HashMap;

use gatelangs_storage::audit::{self, AuditEntry, AuditFilter};
use gatelangs_storage::{Store, users};

use crate::capabilities::AuditReader;
use crate::error::Result;

impl AuditReader {
    pub async fn list(&self, store: &Store, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut conn = store.conn().await?;
        Ok(audit::list(&mut conn, self.service(), filter).await?)
    }

    /// The `ref` of each youth the entries name (`youth:<id>`), for showing instead of the id.
    pub async fn youth_refs(
        &self,
        store: &Store,
        entries: &[AuditEntry],
    ) -> Result<HashMap<String, String>> {
        let mut conn = store.read_conn().await?;
        let mut out = HashMap::new();
        for e in entries {
            let Some(id) = e.subject.strip_prefix("youth:") else {
                continue;
            };
            if out.contains_key(id) {
                continue;
            }
            if let Ok(youth) = id.parse()
                && let Some(reference) =
                    gatelangs_storage::youths::reference_in(&mut conn, self.service(), youth)
                        .await?
            {
                out.insert(id.to_owned(), reference);
            }
        }
        Ok(out)
    }

    pub async fn staff(&self, store: &Store) -> Result<Vec<users::User>> {
        let mut conn = store.conn().await?;
        Ok(users::list(&mut conn, self.service()).await?)
    }
}
