//! The annual report in every format, for a service-year of the demo's size (45 000 contacts,
//! 30 places, and as many the year before for the year-over-year columns) on SQLite: from the
//! stored records to the finished document, the public variant included, along the command
//! line's path (`companions::with_report`, `render::annual`). Median of 5 runs after one warm-up (fonts load once per process), after `ANALYZE`.
//!
//! Goals (issue 13): JSON and HTML under 50 ms, XLSX under 1 s, PDF under 2 s.
//!
//! Run with `scripts/bench`; results in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use gatelangs_bench::contacts_bundle_of_years;
use gatelangs_interchange::import;
use gatelangs_report::companions::{self, Companions};
use gatelangs_report::render::{self, Format};
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
        // Two full years, so the documents print last year's figures beside this year's.
        import(
            &db.store,
            "bench",
            &contacts_bundle_of_years(45_000, &[2023, 2024]),
            None,
        )
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
        drop(conn);
        println!("| format | variant | median ms | best ms | bytes |");
        println!("|---|---|---:|---:|---:|");
        for (name, format) in [
            ("json", Format::Json),
            ("html", Format::Html),
            ("xlsx", Format::Xlsx),
            ("csv", Format::Csv),
            ("pdf", Format::Pdf),
        ] {
            for is_public in [false, true] {
                let mut times = vec![];
                let mut size = 0;
                for run in 0..=RUNS {
                    let start = Instant::now();
                    // The command line's path: the JSON needs the year alone; a document reads
                    // its companions (last year's report among them) beside it.
                    let (report, companions) = if format == Format::Json {
                        let mut conn = db.store.read_conn().await.unwrap();
                        let report = gatelangs_report::build(&mut conn, &service, 2024)
                            .await
                            .unwrap();
                        (report, Companions::default())
                    } else {
                        companions::with_report(&db.store, &service, 2024)
                            .await
                            .unwrap()
                    };
                    let bytes =
                        render::annual(&report, &companions, is_public, &service.name, format)
                            .unwrap();
                    // The first run warms up (fonts, caches) and is not counted.
                    if run > 0 {
                        times.push(start.elapsed());
                    }
                    size = bytes.len();
                }
                let best = *times.iter().min().unwrap();
                println!(
                    "| {name} | {} | {:.1} | {:.1} | {size} |",
                    if is_public { "public" } else { "full" },
                    median(times).as_secs_f64() * 1000.0,
                    best.as_secs_f64() * 1000.0,
                );
            }
        }
    });
}
