//! The annual report in every format on SQLite, from the stored records to the finished
//! document, the public variant included, along the command line's path
//! (`companions::with_report`, `render::annual`). Median of 5 runs after one warm-up (fonts load
//! once per process), after `ANALYZE`. Two data sets:
//!
//! - **the demo**: the demo's own 2024 (16 821 registrations for 41 878 contacts) with its 2023
//!   beside it, seeded by the release binary (`GATELANGS_BIN`, which `scripts/bench` sets; this
//!   part is skipped without it);
//! - **45 000 rows a year**: two years of 45 000 contact rows at 30 places (2.7 times the demo's
//!   rows), to show how the time grows.
//!
//! Goals (issue 13), for a service-year of the demo's size: JSON and HTML under 50 ms, XLSX
//! under 1 s, PDF under 2 s.
//!
//! Run with `scripts/bench`; results in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use gatelangs_bench::contacts_bundle_of_years;
use gatelangs_interchange::import;
use gatelangs_report::companions::{self, Companions};
use gatelangs_report::render::{self, Format};
use gatelangs_storage::{AuditKey, FieldKeys, Store, services};

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
        match std::env::var("GATELANGS_BIN") {
            Ok(bin) => {
                let dir = tempfile::tempdir().unwrap();
                let store = seeded_demo(&bin, dir.path()).await;
                println!("\nThe demo: out-lillestrom 2024, with 2023 beside it\n");
                time_formats(&store, "out-lillestrom", 2024).await;
            }
            Err(_) => eprintln!("GATELANGS_BIN is not set: the demo's part is skipped"),
        }
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
        println!("\n45 000 contact rows in 2024, and as many in 2023 beside it\n");
        time_formats(&db.store, "bench", 2024).await;
    });
}

/// Seeds the demo with the release binary into `dir` and opens its database with its keys.
async fn seeded_demo(bin: &str, dir: &Path) -> Store {
    let out = Command::new(bin)
        .arg("demo")
        .env("GATELANGS_DATA_DIR", dir)
        .env_remove("GATELANGS_DATABASE_URL")
        .env_remove("GATELANGS_DATA_KEYS")
        .env("GATELANGS_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit = std::fs::read_to_string(dir.join("audit.key")).unwrap();
    let audit = AuditKey::new(hex::decode(audit.trim()).unwrap()).unwrap();
    let keys = FieldKeys::parse(&std::fs::read_to_string(dir.join("data.keys")).unwrap()).unwrap();
    let url = format!("sqlite://{}", dir.join("gatelangs.db").display());
    Store::connect(&url, audit, keys).await.unwrap()
}

/// Prints one Markdown row per format and variant.
async fn time_formats(store: &Store, slug: &str, year: i32) {
    let mut conn = store.conn().await.unwrap();
    // As the field benchmark does: the database has gathered statistics (on a real
    // installation PostgreSQL's autovacuum does this on its own after bulk changes).
    sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
    let service = services::find_by_slug(&mut conn, slug)
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
                    let mut conn = store.read_conn().await.unwrap();
                    let report = gatelangs_report::build(&mut conn, &service, year)
                        .await
                        .unwrap();
                    (report, Companions::default())
                } else {
                    companions::with_report(store, &service, year)
                        .await
                        .unwrap()
                };
                let bytes =
                    render::annual(&report, &companions, is_public, &service.name, format).unwrap();
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
}
