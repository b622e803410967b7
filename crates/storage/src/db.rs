//! Connecting to a backend, its connection settings and its migrations.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor};

use crate::{AuditKey, FieldKeys, Result, StoreError};

/// A transaction on either backend.
pub type Tx = sqlx::Transaction<'static, Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database of an installation, with the key that seals its audit chain.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    /// Read-only connections. On SQLite a separate small pool, so reads (session lookups,
    /// reports) run while the single writer commits; on PostgreSQL the same pool.
    reader: AnyPool,
    backend: Backend,
    audit_key: AuditKey,
    field_keys: std::sync::Arc<FieldKeys>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens `url` (`sqlite://FILE` or `postgres://…`). A SQLite file is created when missing.
    pub async fn connect(url: &str, audit_key: AuditKey, field_keys: FieldKeys) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(redact(url)));
        };
        let url = match backend {
            // `mode=rwc` creates the file on first use.
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = match backend {
            // One connection: SQLite has a single writer anyway, and a pool of one never meets
            // SQLITE_BUSY when a read transaction later wants to write.
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute(SQLITE_PRAGMAS).await?;
                        Ok(())
                    })
                }),
            Backend::Postgres => AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10)),
        }
        .connect_with(options.clone())
        .await?;
        let reader = match backend {
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(4)
                .acquire_timeout(Duration::from_secs(30))
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        conn.execute(SQLITE_PRAGMAS).await?;
                        conn.execute("PRAGMA query_only = ON;").await?;
                        Ok(())
                    })
                })
                .connect_lazy_with(options),
            Backend::Postgres => pool.clone(),
        };
        Ok(Store {
            pool,
            reader,
            backend,
            audit_key,
            field_keys: std::sync::Arc::new(field_keys),
        })
    }

    /// Brings the schema up to date; running it again does nothing.
    pub async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        let mut conn = self.pool.acquire().await?;
        crate::audit::seal_unsealed_head(&mut conn, &self.audit_key).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The keys that seal personal data at rest.
    pub fn field_keys(&self) -> &FieldKeys {
        &self.field_keys
    }

    /// The same database with another key set (after `keys rotate` added a key).
    pub fn with_field_keys(&self, field_keys: FieldKeys) -> Store {
        Store {
            field_keys: std::sync::Arc::new(field_keys),
            ..self.clone()
        }
    }

    pub fn audit_key(&self) -> &AuditKey {
        &self.audit_key
    }

    /// Appends `event` to the audit log on `conn` — the transaction of the action it records.
    pub async fn audit(
        &self,
        conn: &mut sqlx::AnyConnection,
        service: Option<gatelangs_domain::ServiceId>,
        event: &gatelangs_domain::AuditEvent,
    ) -> Result<i64> {
        crate::audit::append(conn, &self.audit_key, service, event).await
    }

    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.pool.begin().await?)
    }

    /// A connection outside any transaction, for reads.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// A read-only connection: for lookups and reports that must not wait for writes.
    pub async fn read_conn(&self) -> Result<sqlx::pool::PoolConnection<Any>> {
        Ok(self.reader.acquire().await?)
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.pool.close().await;
    }
}

/// WAL lets readers work while a write commits; `synchronous = FULL` syncs the WAL on every
/// commit, so a committed write survives a power loss (NORMAL would only survive a crash of the
/// process). See `docs/decisions/0003-sqlite-durability.md`.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; \
    PRAGMA synchronous = FULL; \
    PRAGMA foreign_keys = ON; \
    PRAGMA busy_timeout = 10000;";

/// A database URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}://{}:***{}", &url[..scheme_end], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_leave_in_urls() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/g"),
            "postgres://app:***@db:5432/g"
        );
        assert_eq!(redact("sqlite:///var/lib/g.db"), "sqlite:///var/lib/g.db");
    }
}
