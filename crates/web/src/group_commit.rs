//! Group commit for single registrations: taps from many phones that arrive together are
//! written in one transaction, so they share one durable flush instead of paying one each.
//!
//! One writer task takes every registration that is waiting (up to a batch limit), inserts them
//! in one transaction, commits, and then answers each request. With one phone it behaves like a
//! plain insert; with many it turns the disk's flush rate from the limit into a cost shared by
//! the batch. If a batch fails as a whole, each registration in it is retried on its own, so one
//! bad row never fails the others.

use gatelangs_domain::{ServiceId, UserId};
use gatelangs_storage::contacts::{self, NewContact, Registered};
use gatelangs_storage::{Store, StoreError};
use tokio::sync::{mpsc, oneshot};

const MAX_BATCH: usize = 256;

struct Job {
    service: ServiceId,
    tz: jiff::tz::TimeZone,
    contact: NewContact,
    created_by: UserId,
    reply: oneshot::Sender<Result<Registered, StoreError>>,
}

/// The handle requests use to hand a registration to the writer.
#[derive(Clone)]
pub struct GroupCommit {
    jobs: mpsc::Sender<Job>,
}

impl GroupCommit {
    /// Starts the writer task on the current runtime.
    pub fn start(store: Store) -> Self {
        let (jobs, rx) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(writer(store, rx));
        Self { jobs }
    }

    /// Stores one registration; returns once it is committed.
    pub async fn register(
        &self,
        service: ServiceId,
        tz: &jiff::tz::TimeZone,
        contact: NewContact,
        created_by: UserId,
    ) -> Result<Registered, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            service,
            tz: tz.clone(),
            contact,
            created_by,
            reply,
        };
        let gone = || StoreError::Database(gatelangs_storage::DbError::PoolClosed);
        self.jobs.send(job).await.map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

async fn writer(store: Store, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match write_batch(&store, &batch).await {
            Ok(results) => {
                for (job, result) in batch.drain(..).zip(results) {
                    let _ = job.reply.send(result);
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, size = batch.len(), "a registration batch failed; writing one by one");
                for job in batch.drain(..) {
                    let result = write_one(&store, &job).await;
                    let _ = job.reply.send(result);
                }
            }
        }
    }
}

/// One transaction for the whole batch; per-job outcomes (stored, already stored, unknown
/// place) are answers, not failures.
async fn write_batch(
    store: &Store,
    batch: &[Job],
) -> Result<Vec<Result<Registered, StoreError>>, StoreError> {
    let mut tx = store.begin().await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        match contacts::register(
            &mut tx,
            job.service,
            &job.tz,
            &job.contact,
            Some(job.created_by),
        )
        .await
        {
            Ok(r) => results.push(Ok(r)),
            Err(StoreError::NotFound) => results.push(Err(StoreError::NotFound)),
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(results)
}

async fn write_one(store: &Store, job: &Job) -> Result<Registered, StoreError> {
    let mut conn = store.conn().await?;
    contacts::register(
        &mut conn,
        job.service,
        &job.tz,
        &job.contact,
        Some(job.created_by),
    )
    .await
}
