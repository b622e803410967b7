//! Presence planning over a year of the demo's records: the demo is seeded by the release
//! binary, then `gatelangs plan presence --year 2024 --staff N --format json` is timed end to end
//! (process start, the year's field-team hours from 42 000 contacts and the rota, the solve),
//! median of 5 runs after one warm-up, for 6, 7 and 8 staff.
//!
//! Goal (issue 14): a plan for 8 staff in under 2 s.
//!
//! Run with `scripts/bench` (which builds the release binary and sets `GATELANGS_BIN`); results
//! in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let Ok(bin) = std::env::var("GATELANGS_BIN") else {
        eprintln!("GATELANGS_BIN is not set: run scripts/bench, which builds the release binary");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(&bin)
            .args(args)
            .env("GATELANGS_DATA_DIR", dir.path())
            .env_remove("GATELANGS_DATABASE_URL")
            .env("GATELANGS_LOG", "warn")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["demo"]);
    println!("| staff | median ms | best ms | team-shifts | expected contacts per week |");
    println!("|---:|---:|---:|---:|---:|");
    for staff in ["6", "7", "8"] {
        let args = [
            "plan",
            "presence",
            "--service",
            "out-lillestrom",
            "--year",
            "2024",
            "--staff",
            staff,
            "--format",
            "json",
        ];
        let mut times: Vec<Duration> = vec![];
        let mut last = vec![];
        for i in 0..=RUNS {
            let start = Instant::now();
            last = run(&args);
            if i > 0 {
                times.push(start.elapsed());
            }
        }
        times.sort();
        let plan: serde_json::Value = serde_json::from_slice(&last).unwrap();
        let shifts: u64 = plan["weekly_team_shifts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["teams"].as_u64().unwrap())
            .sum();
        println!(
            "| {staff} | {} | {} | {shifts} | {} |",
            times[times.len() / 2].as_millis(),
            times[0].as_millis(),
            plan["expected_contacts_per_week"]
        );
    }
}
