//! Group commit for single registrations: taps from many phones that arrive together are
//! written in one transaction, so they share one durable flush instead of paying one each.
//!
//! A tap that arrives while nothing else is being written is inserted at once, as one statement.
//! Taps that arrive while others are being written go to a writer task, which takes every
//! registration that is waiting (up to a batch limit), inserts them in one transaction, commits,
//! and then answers each request: with many phones the disk's flush rate stops being the limit
//! and becomes a cost shared by the batch. If a batch fails as a whole, each registration in it is retried on its own, so one
//! bad row never fails the others.

use gatelangs_domain::{ServiceId, UserId};
use gatelangs_storage::contacts::{self, NewContact, Registered};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use gatelangs_storage::{Backend, Store, StoreError};
use tokio::sync::{Mutex, mpsc, oneshot};

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
    store: Store,
    /// Registrations being written right now, directly or by the writers.
    busy: Arc<AtomicUsize>,
}

impl GroupCommit {
    /// Starts the writer tasks on the current runtime: one for SQLite (it has one writer
    /// anyway), several for PostgreSQL, whose concurrent commits share log flushes too.
    pub fn start(store: Store) -> Self {
        let (jobs, rx) = mpsc::channel(4 * MAX_BATCH);
        let rx = Arc::new(Mutex::new(rx));
        let writers = match store.backend() {
            Backend::Sqlite => 1,
            Backend::Postgres => 4,
        };
        for _ in 0..writers {
            tokio::spawn(writer(store.clone(), rx.clone()));
        }
        Self {
            jobs,
            store,
            busy: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Stores one registration; returns once it is committed.
    pub async fn register(
        &self,
        service: ServiceId,
        tz: &jiff::tz::TimeZone,
        contact: NewContact,
        created_by: UserId,
    ) -> Result<Registered, StoreError> {
        let _busy = Busy::enter(&self.busy);
        if _busy.alone {
            // Nobody else is writing: hand-offs would only add latency, so write it here.
            let mut conn = self.store.conn().await?;
            return contacts::register(&mut conn, service, tz, &contact, Some(created_by)).await;
        }
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

/// Counts a registration in flight for as long as it lives.
struct Busy<'a> {
    count: &'a AtomicUsize,
    alone: bool,
}

impl<'a> Busy<'a> {
    fn enter(count: &'a AtomicUsize) -> Self {
        let before = count.fetch_add(1, Ordering::AcqRel);
        Self {
            count,
            alone: before == 0,
        }
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::AcqRel);
    }
}

async fn writer(store: Store, rx: Arc<Mutex<mpsc::Receiver<Job>>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Whoever holds the lock waits for work and takes all that is waiting; the others write.
    while rx.lock().await.recv_many(&mut batch, MAX_BATCH).await > 0 {
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
    if let [job] = batch {
        // Alone: one statement commits on its own, without BEGIN and COMMIT round trips.
        return match write_one(store, job).await {
            Err(StoreError::NotFound) => Ok(vec![Err(StoreError::NotFound)]),
            Err(e) => Err(e),
            Ok(r) => Ok(vec![Ok(r)]),
        };
    }
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
