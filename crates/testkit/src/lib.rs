//! A fresh, migrated database on each backend, so every storage test runs on SQLite and on
//! PostgreSQL.
//!
//! PostgreSQL is reached through `GATELANGS_TEST_POSTGRES_URL` (a server where the test may
//! create databases; `scripts/test` starts a throwaway cluster and sets it). When
//! `GATELANGS_TEST_REQUIRE_POSTGRES=1` a missing URL fails the test instead of quietly testing
//! SQLite alone.

#![allow(clippy::unwrap_used)]

use gatelangs_storage::{AuditKey, Backend, FieldKeys, Store};
use sqlx::Connection;

/// A database for one test; the SQLite file is removed when this is dropped.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }
}

pub fn audit_key() -> AuditKey {
    AuditKey::new(vec![7; 32]).unwrap()
}

/// The data key of every test database (a fixed key, so a test can reopen it).
pub const FIELD_KEY_LINE: &str =
    "test1 0707070707070707070707070707070707070707070707070707070707070707";

pub fn field_keys() -> FieldKeys {
    FieldKeys::parse(FIELD_KEY_LINE).unwrap()
}

/// A fresh SQLite file.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = Store::connect(&url, audit_key(), field_keys())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    TestDb {
        store,
        url,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, or None when no server was given (and none is required).
pub async fn postgres() -> Option<TestDb> {
    let admin = match std::env::var("GATELANGS_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            if std::env::var("GATELANGS_TEST_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!(
                    "GATELANGS_TEST_REQUIRE_POSTGRES=1 but GATELANGS_TEST_POSTGRES_URL is not set"
                );
            }
            eprintln!("note: GATELANGS_TEST_POSTGRES_URL not set; testing SQLite only");
            return None;
        }
    };
    let name = format!("gl_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let url = match admin.rfind('/') {
        Some(slash) if slash > "postgres://".len() => format!("{}/{name}", &admin[..slash]),
        _ => format!("{admin}/{name}"),
    };
    let store = Store::connect(&url, audit_key(), field_keys())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Some(TestDb {
        store,
        url,
        _dir: None,
    })
}

/// One fresh database per available backend: SQLite always, PostgreSQL when configured.
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

/// The first column of every row of `sql`, as text: for tests that look into tables directly.
pub async fn fetch_text_rows(conn: &mut sqlx::AnyConnection, sql: &str) -> Vec<String> {
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_all(conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect()
}

/// A single integer a query returns (a `COUNT(*)`, say).
pub async fn fetch_i64(conn: &mut sqlx::AnyConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
}

/// Records a storage test needs, made without the web layer.
pub mod fixtures {
    use gatelangs_domain::{
        DisplayName, MunicipalityNumber, Role, ServiceId, ServiceName, ServiceSlug,
        ServiceTimeZone, UserId, Username,
    };
    use gatelangs_storage::{Store, services, users};

    /// A service in Lillestrøm (3205), Europe/Oslo, without two-factor.
    pub async fn service(store: &Store, slug: &str) -> ServiceId {
        let mut conn = store.conn().await.unwrap();
        services::create(
            &mut conn,
            &services::NewService {
                slug: ServiceSlug::parse(slug).unwrap(),
                name: ServiceName::parse("Test").unwrap(),
                municipality: Some(MunicipalityNumber::parse("3205").unwrap()),
                time_zone: ServiceTimeZone::oslo(),
                require_two_factor: false,
                is_demo: false,
            },
        )
        .await
        .unwrap()
        .id
    }

    /// A user without a password.
    pub async fn user(store: &Store, service: ServiceId, name: &str, role: Role) -> UserId {
        let mut conn = store.conn().await.unwrap();
        users::create(
            &mut conn,
            &users::NewUser {
                service,
                username: &Username::parse(name).unwrap(),
                name: &DisplayName::parse(name).unwrap(),
                role,
                password_hash: None,
            },
        )
        .await
        .unwrap()
        .id
    }
}

/// A bundle whose best week of field teams is known, for the presence planner's tests on every
/// path (command line, web). Every week of 2024: an evening team in Sentrum on Fridays meets 10,
/// an evening team in Nord on Saturdays 10, a day team in Sentrum on Saturdays 8, and a day team
/// in Nord on Wednesdays 1. A Saturday is one time band (weekend), so a Saturday day in Nord is
/// worth 10 too, but it starts under 11 hours after Friday's evening. Two staff with 15 hours
/// each (two 7-hour shifts) do best on Friday evening in Sentrum and Saturday evening in Nord:
/// about 20 contacts a week.
pub mod presence_bundle {
    /// (weekday number from Monday = 0, shift, district, contacts per shift, hour they are met).
    const WEEK: [(u32, &str, &str, u32, u32); 4] = [
        (4, "evening", "Sentrum", 10, 19),
        (5, "evening", "Nord", 10, 19),
        (5, "day", "Sentrum", 8, 11),
        (2, "day", "Nord", 1, 11),
    ];

    /// The bundle's files, name and content.
    pub fn files() -> Vec<(&'static str, String)> {
        let mut plan = String::from("shift,starts,ends,weekday,min_teams,max_teams\n");
        for (shift, hours) in [("day", "08:30,15:30"), ("evening", "15:00,22:00")] {
            for w in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
                plan.push_str(&format!("{shift},{hours},{w},0,2\n"));
            }
        }
        let mut rota = String::from("date,shift,staff,district\n");
        let mut contacts = String::from("occurred_at,place,channel,age_group,gender,count,staff\n");
        // 1 January 2024 is a Monday.
        let month_days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let mut day_of_year = 0u32;
        for (m, days) in month_days.iter().enumerate() {
            for d in 1..=*days {
                let weekday = day_of_year % 7;
                day_of_year += 1;
                for (w, shift, district, n, hour) in WEEK {
                    if w != weekday {
                        continue;
                    }
                    let date = format!("2024-{:02}-{d:02}", m + 1);
                    let place = if district == "Sentrum" {
                        "Torget"
                    } else {
                        "Senteret"
                    };
                    rota.push_str(&format!("{date},{shift},ana;bo,{district}\n"));
                    contacts.push_str(&format!(
                        "{date}T{hour}:00,{place},street,upper_secondary,male,{n},ana\n"
                    ));
                }
            }
        }
        vec![
            (
                "staff.csv",
                "username,name,role\nana,Ana A,field_worker\nbo,Bo B,field_worker\ncy,Cy C,leader\n"
                    .to_owned(),
            ),
            (
                "places.csv",
                "district,place,kind\nSentrum,Torget,street\nNord,Senteret,street\n".to_owned(),
            ),
            ("staffing_plan.csv", plan),
            ("rota.csv", rota),
            ("contacts.csv", contacts),
        ]
    }

    /// Writes the bundle into `dir`.
    pub fn write(dir: &std::path::Path) {
        for (name, content) in files() {
            std::fs::write(dir.join(name), content).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

/// A workbook with one sheet per CSV file of a bundle (named without `.csv`), every cell as
/// text, as a team's spreadsheet holds a bundle.
pub fn workbook_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, text) in files {
        let sheet = book.add_worksheet();
        sheet.set_name(name.trim_end_matches(".csv")).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for (r, record) in reader.records().enumerate() {
            for (c, cell) in record.unwrap().iter().enumerate() {
                if !cell.is_empty() {
                    let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                    sheet.write_string(r, c, cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// Fails when a `.rs` file (or a folder with a `mod.rs`) in a merged test binary's folder is not
/// declared as a module in its `main.rs`: such a file would compile into nothing and its tests
/// would silently never run.
pub fn assert_every_test_file_is_a_module(manifest_dir: &str, folder: &str, main_rs: &str) {
    let declared: std::collections::BTreeSet<&str> = main_rs
        .lines()
        .filter_map(|line| line.trim().strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .collect();
    let dir = std::path::Path::new(manifest_dir).join(folder);
    let entries = std::fs::read_dir(&dir).expect("the test folder can be listed");
    let mut undeclared = Vec::new();
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        let module = if path.extension().is_some_and(|ext| ext == "rs") {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .map(str::to_owned)
        } else if path.join("mod.rs").is_file() {
            path.file_name()
                .and_then(|name| name.to_str())
                .map(str::to_owned)
        } else {
            None
        };
        if let Some(module) = module
            && module != "main"
            && !declared.contains(module.as_str())
        {
            undeclared.push(module);
        }
    }
    assert!(
        undeclared.is_empty(),
        "{}: add `mod NAME;` to main.rs for {undeclared:?}",
        dir.display()
    );
}

/// A .zip of `(path, bytes)` files, deflated, as a spreadsheet user's "compress" makes one.
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("a zip entry");
        out.write_all(bytes).expect("zip bytes");
    }
    out.finish().expect("a finished zip").into_inner()
}
