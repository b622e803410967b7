//! Benchmarks live in `benches/`; run them with `scripts/bench` (see `docs/benchmarks.md`).
