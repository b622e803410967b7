//! The annual report in every format, for a service-year of the demo's size (45 000 contacts,
//! 30 places) on SQLite: from the stored records to the finished document, the public variant
//! included. Median of 5 runs after one warm-up (fonts load once per process), after `ANALYZE`.
//!
//! Goals (issue 13): JSON and HTML under 50 ms, XLSX under 1 s, PDF under 2 s.
//!
//! Run with `scripts/bench`; results in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use gatelangs_bench::contacts_bundle;
use gatelangs_interchange::import;
use gatelangs_report::{document, public, render};
use gatelangs_storage::services;

const RUNS: usize = 5;

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
        let db = gatelangs_testkit::sqlite().await;
        import(&db.store, "bench", &contacts_bundle(45_000), None)
            .await
            .unwrap();
        let mut conn = db.store.conn().await.unwrap();
        // As the field benchmark does: the database has gathered statistics (on a real
        // installation PostgreSQL's autovacuum does this on its own after bulk changes).
        sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
        let service = services::find_by_slug(&mut conn, "bench")
            .await
            .unwrap()
            .unwrap();
        println!("| format | variant | median ms | best ms | bytes |");
        println!("|---|---|---:|---:|---:|");
        for format in ["json", "html", "xlsx", "csv", "pdf"] {
            for is_public in [false, true] {
                let mut times = vec![];
                let mut size = 0;
                for run in 0..=RUNS {
                    let start = Instant::now();
                    let report = gatelangs_report::build(&mut conn, &service, 2024)
                        .await
                        .unwrap();
                    let value = if is_public {
                        public::public(&report).unwrap()
                    } else {
                        serde_json::to_value(&report).unwrap()
                    };
                    let bytes = match format {
                        "json" => serde_json::to_vec_pretty(&value).unwrap(),
                        other => {
                            let doc = document::document(
                                &value,
                                &gatelangs_report::companions::Companions::default(),
                                &service.name,
                            );
                            match other {
                                "html" => render::html(&doc).unwrap().into_bytes(),
                                "xlsx" => render::xlsx(&doc).unwrap(),
                                "csv" => render::csv_zip(&doc).unwrap(),
                                _ => render::pdf(&doc).unwrap(),
                            }
                        }
                    };
                    // The first run warms up (fonts, caches) and is not counted.
                    if run > 0 {
                        times.push(start.elapsed());
                    }
                    size = bytes.len();
                }
                let best = *times.iter().min().unwrap();
                println!(
                    "| {format} | {} | {:.1} | {:.1} | {size} |",
                    if is_public { "public" } else { "full" },
                    median(times).as_secs_f64() * 1000.0,
                    best.as_secs_f64() * 1000.0,
                );
            }
        }
    });
}
