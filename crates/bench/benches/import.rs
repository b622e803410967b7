//! Bundle import benchmark, on SQLite and on PostgreSQL in one run: a service-year of 45 000
//! contacts (`contacts.csv` with CRLF line endings, as spreadsheets write it) and 30 places,
//! imported into an empty database, then the same bundle again (every row found unchanged).
//! Median of 3 runs, each into a fresh database.
//!
//! Its purpose is to keep the import linear: a per-row cost that grows with the file (say,
//! counting lines from the start of the file for every row) shows here as time per row growing
//! from the 5 000-row to the 45 000-row bundle.
//!
//! Run with `scripts/bench` (which starts a throwaway PostgreSQL); results in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use gatelangs_bench::contacts_bundle as bundle;
use gatelangs_interchange::import;
use gatelangs_storage::Backend;
use gatelangs_testkit::TestDb;

const RUNS: usize = 3;
async fn fresh(backend: Backend) -> Option<TestDb> {
    match backend {
        Backend::Sqlite => Some(gatelangs_testkit::sqlite().await),
        Backend::Postgres => gatelangs_testkit::postgres().await,
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        println!("| backend | contacts | first import s | per 1 000 rows ms | second import (unchanged) s |");
        println!("|---|---:|---:|---:|---:|");
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for contacts in [5_000, 45_000] {
                let data = bundle(contacts);
                let (mut first, mut second) = (Vec::new(), Vec::new());
                for _ in 0..RUNS {
                    let Some(db) = fresh(backend).await else {
                        eprintln!("no PostgreSQL (set GATELANGS_TEST_POSTGRES_URL); skipped");
                        break;
                    };
                    let start = Instant::now();
                    import(&db.store, "bench", &data, None).await.unwrap();
                    first.push(start.elapsed());
                    let start = Instant::now();
                    let again = import(&db.store, "bench", &data, None).await.unwrap();
                    second.push(start.elapsed());
                    assert!(again.files.iter().all(|(_, new, _)| *new == 0));
                }
                if first.is_empty() {
                    continue;
                }
                let (first, second) = (median(first), median(second));
                println!(
                    "| {backend:?} | {contacts} | {:.2} | {:.1} | {:.2} |",
                    first.as_secs_f64(),
                    first.as_secs_f64() * 1_000_000.0 / contacts as f64,
                    second.as_secs_f64(),
                );
            }
        }
    });
}
