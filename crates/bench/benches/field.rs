//! Field-work benchmarks, on SQLite and on PostgreSQL in one run:
//!
//! 1. the raw database's durable single-row insert rate (one contact row per committed
//!    transaction), at 1, 16 and 64 concurrent writers;
//! 2. contact registration through the server over loopback HTTP (`POST /api/v1/contacts/sync`
//!    with one operation, session cookie, CSRF check, audit-free path), at 1, 16 and 64 concurrent
//!    clients, with throughput and p50/p99 latency;
//! 3. the `field_contacts` report for one service-year of 45 000 contacts, and for one year of a
//!    service with ten years (450 000 contacts).
//!
//! Run with `scripts/bench` (which starts a throwaway PostgreSQL); results in docs/benchmarks.md.

#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, PlaceKind};
use gatelangs_domain::{
    ContactId, DisplayName, Role, ServiceName, ServiceSlug, ServiceTimeZone, Username,
};
use gatelangs_storage::contacts::{self, NewContact};
use gatelangs_storage::places::{self, PlaceFields};
use gatelangs_storage::services::{self, NewService, Service};
use gatelangs_storage::sessions::{self, Stage};
use gatelangs_storage::users::{self, NewUser};
use gatelangs_storage::{Backend, Store};
use gatelangs_testkit::TestDb;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const SECONDS_PER_POINT: u64 = 5;
const CONCURRENCY: [usize; 3] = [1, 16, 64];

struct Fixture {
    service: Service,
    place: gatelangs_domain::PlaceId,
    user: gatelangs_domain::UserId,
}

async fn fixture(store: &Store, slug: &str) -> Fixture {
    let mut conn = store.conn().await.unwrap();
    let service = services::create(
        &mut conn,
        &NewService {
            slug: ServiceSlug::parse(slug).unwrap(),
            name: ServiceName::parse(slug).unwrap(),
            municipality: None,
            time_zone: ServiceTimeZone::oslo(),
            require_two_factor: false,
            is_demo: false,
        },
    )
    .await
    .unwrap();
    let district = places::create_district(&mut conn, service.id, "Sentrum")
        .await
        .unwrap();
    let fields = PlaceFields {
        district_id: district.id,
        name: "Torget".into(),
        kind: PlaceKind::Street,
        school_level: None,
        lat: None,
        lon: None,
    };
    let place = places::create_place(&mut conn, service.id, &fields)
        .await
        .unwrap()
        .id;
    let user = users::create(
        &mut conn,
        &NewUser {
            service: service.id,
            username: &Username::parse(&format!("{slug}-worker")).unwrap(),
            name: &DisplayName::parse("Bench Worker").unwrap(),
            role: Role::FieldWorker,
            password_hash: None,
        },
    )
    .await
    .unwrap()
    .id;
    Fixture {
        service,
        place,
        user,
    }
}

fn contact(place: gatelangs_domain::PlaceId, at: jiff::Timestamp, i: usize) -> NewContact {
    NewContact {
        id: ContactId::new(),
        occurred_at: at,
        place,
        channel: Channel::Street,
        age_group: AgeGroup::ALL[i % 5],
        gender: Gender::ALL[i % 4],
        count: ContactCount::new(1 + (i % 3) as i64).unwrap(),
        staff: None,
        topics: String::new(),
    }
}

/// Results of one measurement point.
struct Point {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn summarise(mut latencies: Vec<Duration>, elapsed: Duration) -> Point {
    latencies.sort_unstable();
    let pick = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q) as usize)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    Point {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: pick(0.50),
        p99_ms: pick(0.99),
    }
}

/// Durable single-row inserts straight into the database, `writers` at a time.
async fn raw_inserts(store: &Store, f: &Fixture, writers: usize) -> Point {
    let tz = f.service.tz();
    let deadline = Instant::now() + Duration::from_secs(SECONDS_PER_POINT);
    let start = Instant::now();
    let mut tasks = vec![];
    for w in 0..writers {
        let store = store.clone();
        let (service, place, tz) = (f.service.id, f.place, tz.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut i = w;
            while Instant::now() < deadline {
                let t = Instant::now();
                let c = contact(place, jiff::Timestamp::now(), i);
                let local = gatelangs_domain::field::LocalMoment::of(c.occurred_at, &tz);
                // One plain INSERT, committed on its own: what the database itself can do.
                sqlx::query(
                    "INSERT INTO contacts (id, service_id, occurred_at, place_id, channel, age_group, gender, count, \
                        topics, local_year, local_month, local_weekday, local_hour, time_band, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, $10, $11, $12, $13, $14)",
                )
                .bind(c.id.to_string())
                .bind(service.to_string())
                .bind(c.occurred_at.as_second())
                .bind(place.to_string())
                .bind(c.channel.as_str())
                .bind(c.age_group.as_str())
                .bind(c.gender.as_str())
                .bind(i64::from(c.count.get()))
                .bind(i64::from(local.year))
                .bind(i64::from(local.month))
                .bind(i64::from(local.weekday))
                .bind(i64::from(local.hour))
                .bind(local.time_band.as_str())
                .bind(c.occurred_at.as_second())
                .execute(store.pool())
                .await
                .unwrap();
                lat.push(t.elapsed());
                i += writers;
            }
            lat
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    summarise(all, start.elapsed())
}

/// Registrations through the real server over loopback HTTP, `clients` at a time.
async fn http_registrations(
    addr: SocketAddr,
    token: &str,
    place: gatelangs_domain::PlaceId,
    clients: usize,
) -> Point {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build_http();
    let deadline = Instant::now() + Duration::from_secs(SECONDS_PER_POINT);
    let start = Instant::now();
    let cookie = Arc::new(format!("gl_session={token}"));
    let mut tasks = vec![];
    for _ in 0..clients {
        let client = client.clone();
        let cookie = cookie.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            while Instant::now() < deadline {
                let body = serde_json::json!({"ops": [{
                    "op": "register", "id": uuid::Uuid::new_v4(), "occurred_at": jiff::Timestamp::now().to_string(),
                    "place": place, "channel": "street", "age_group": "lower_secondary", "gender": "female"
                }]})
                .to_string();
                let req = hyper::Request::post(format!("http://{addr}/api/v1/contacts/sync"))
                    .header("content-type", "application/json")
                    .header("cookie", cookie.as_str())
                    .header("sec-fetch-site", "same-origin")
                    .body(Full::new(Bytes::from(body)))
                    .unwrap();
                let t = Instant::now();
                let res = client.request(req).await.unwrap();
                let status = res.status();
                let bytes = res.into_body().collect().await.unwrap().to_bytes();
                assert!(status.is_success() && bytes.windows(8).any(|w| w == b"\"stored\""), "{status}");
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    summarise(all, start.elapsed())
}

/// Fills `years` years of a new service with `per_year` contacts each (in one transaction per
/// year) and times the field-contact report of the last year.
async fn report_time(store: &Store, slug: &str, years: i16, per_year: usize) -> (f64, f64, usize) {
    let f = fixture(store, slug).await;
    let tz = f.service.tz();
    let mut places_list = vec![f.place];
    {
        let mut conn = store.conn().await.unwrap();
        let district = places::create_district(&mut conn, f.service.id, "Nord")
            .await
            .unwrap();
        for i in 0..29 {
            let fields = PlaceFields {
                district_id: district.id,
                name: format!("Sted {i}"),
                kind: PlaceKind::ALL[i % 7],
                school_level: None,
                lat: None,
                lon: None,
            };
            places_list.push(
                places::create_place(&mut conn, f.service.id, &fields)
                    .await
                    .unwrap()
                    .id,
            );
        }
    }
    let mut total = 0;
    for y in 0..years {
        let year_start = jiff::civil::date(2015 + y, 1, 1)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp();
        let mut tx = store.begin().await.unwrap();
        for i in 0..per_year {
            let at =
                year_start + jiff::SignedDuration::from_secs(((i as i64) * 7919) % (364 * 86_400));
            let c = contact(places_list[i % places_list.len()], at, i);
            contacts::register(&mut tx, f.service.id, &tz, &c, None)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        total += per_year;
    }
    // The steady state of a running installation: statistics gathered (and on PostgreSQL the
    // visibility map set, which autovacuum does after bulk changes).
    let maintenance = match store.backend() {
        Backend::Sqlite => "ANALYZE",
        Backend::Postgres => "VACUUM ANALYZE contacts",
    };
    sqlx::query(maintenance)
        .execute(store.pool())
        .await
        .unwrap();
    let year = i32::from(2015 + years - 1);
    let mut runs = vec![];
    for _ in 0..7 {
        let mut conn = store.conn().await.unwrap();
        let t = Instant::now();
        let report = gatelangs_report::build(&mut conn, &f.service, year)
            .await
            .unwrap();
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(report.field_contacts.total > 0);
    }
    runs.sort_by(f64::total_cmp);
    (runs[runs.len() / 2], runs[0], total)
}

async fn run_backend(db: &TestDb, name: &str) {
    let store = db.store.clone();
    let f = fixture(&store, "bench-raw").await;
    println!("\n## {name}\n");
    println!("| measure | concurrency | per second | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    for c in CONCURRENCY {
        let p = raw_inserts(&store, &f, c).await;
        println!(
            "| raw durable insert (one row per transaction) | {c} | {:.0} | {:.2} | {:.2} |",
            p.per_second, p.p50_ms, p.p99_ms
        );
    }

    let web = fixture(&store, "bench-web").await;
    let token = {
        let mut conn = store.conn().await.unwrap();
        sessions::create(&mut conn, web.user, web.service.id, Stage::Full)
            .await
            .unwrap()
    };
    let config = gatelangs_web::WebConfig {
        session_idle: Duration::from_secs(3600),
        ..Default::default()
    };
    let app = gatelangs_web::app(gatelangs_web::AppState::new(store.clone(), config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    for c in CONCURRENCY {
        let p = http_registrations(addr, &token, web.place, c).await;
        println!(
            "| registration over loopback HTTP | {c} | {:.0} | {:.2} | {:.2} |",
            p.per_second, p.p50_ms, p.p99_ms
        );
    }
    server.abort();

    println!("\n| report | contacts in the service | median ms | best ms |");
    println!("|---|---:|---:|---:|");
    let (median, best, n) = report_time(&store, "bench-year", 1, 45_000).await;
    println!("| field_contacts, one service-year | {n} | {median:.1} | {best:.1} |");
    let (median, best, n) = report_time(&store, "bench-decade", 10, 45_000).await;
    println!("| field_contacts, one year of a 10-year service | {n} | {median:.1} | {best:.1} |");
}

fn main() {
    // The same runtime shape as `gatelangs serve` on this 2-core machine.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        println!(
            "# Gatelangs field benchmarks ({} s per point, {} cores)",
            SECONDS_PER_POINT,
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(0)
        );
        let sqlite = gatelangs_testkit::sqlite().await;
        assert_eq!(sqlite.backend(), Backend::Sqlite);
        run_backend(&sqlite, "SQLite (WAL, synchronous=FULL)").await;
        match gatelangs_testkit::postgres().await {
            Some(pg) => run_backend(&pg, "PostgreSQL 15 (throwaway cluster, fsync on)").await,
            None => println!(
                "\nPostgreSQL: skipped (set GATELANGS_TEST_POSTGRES_URL or use scripts/bench)"
            ),
        }
    });
}
