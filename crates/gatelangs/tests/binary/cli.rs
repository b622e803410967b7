//! The binary itself, run as an administrator would, on both backends.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use gatelangs_storage::Backend;
use gatelangs_testkit::TestDb;

use crate::common;
use common::{Install, text};

/// A fresh installation per backend: the embedded default (no --db), and PostgreSQL.
async fn installs() -> Vec<(Install, Option<TestDb>)> {
    let mut out = vec![(
        Install {
            dir: tempfile::tempdir().unwrap(),
            db: None,
        },
        None,
    )];
    if let Some(pg) = gatelangs_testkit::postgres().await {
        out.push((
            Install {
                dir: tempfile::tempdir().unwrap(),
                db: Some(pg.url.clone()),
            },
            Some(pg),
        ));
    }
    out
}

#[test]
fn help_lists_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_gatelangs"))
        .arg("--help")
        .output()
        .unwrap();
    let help = text(&out);
    for word in ["serve", "migrate", "service", "user", "audit"] {
        assert!(help.contains(word), "{word} missing from --help");
    }
}

#[tokio::test]
async fn an_administrator_sets_up_services_and_users() {
    for (install, _pg) in installs().await {
        let which = if install.db.is_some() {
            "postgres"
        } else {
            "sqlite"
        };
        for _ in 0..2 {
            let out = install.run(&["migrate"]);
            assert!(out.status.success(), "{which}: {}", text(&out));
        }
        if install.db.is_none() {
            assert!(
                install.dir.path().join("gatelangs.db").exists(),
                "the default database file"
            );
            assert!(install.dir.path().join("audit.key").exists());
        }
        // The key files are readable by their owner only from the moment they exist.
        #[cfg(unix)]
        for key in ["audit.key", "data.keys"] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(install.dir.path().join(key))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{key}: {mode:o}");
        }
        let add = [
            "service",
            "add",
            "--slug",
            "out-lillestrom",
            "--name",
            "Oppsøkende ungdomsteam",
            "--municipality",
            "3205",
        ];
        assert!(install.run(&add).status.success());
        let dup = install.run(&add);
        assert!(!dup.status.success());
        assert!(
            text(&dup).contains("already exists"),
            "{which}: {}",
            text(&dup)
        );
        let bad = install.run(&["service", "add", "--slug", "Bad Slug", "--name", "x"]);
        assert!(text(&bad).contains("invalid service slug"));
        let list = install.run(&["service", "list"]);
        assert!(
            text(&list)
                .contains("out-lillestrom\tOppsøkende ungdomsteam\t3205\ttwo-factor required")
        );

        let user = [
            "user",
            "add",
            "--service",
            "out-lillestrom",
            "--username",
            "kari",
            "--name",
            "Kari N",
            "--role",
            "leader",
            "--password-stdin",
        ];
        let weak = install.run_with_stdin(&user, "password1234\n");
        assert!(
            !weak.status.success() && text(&weak).contains("too common"),
            "{which}: {}",
            text(&weak)
        );
        let ok = install.run_with_stdin(&user, "tre-blå-busser-kjører\n");
        assert!(ok.status.success(), "{which}: {}", text(&ok));
        let generated = install.run(&[
            "user",
            "add",
            "--service",
            "out-lillestrom",
            "--username",
            "ola",
            "--name",
            "Ola",
            "--role",
            "field_worker",
        ]);
        assert!(text(&generated).contains("Password: "));
        let bad_role = install.run(&[
            "user",
            "add",
            "--service",
            "out-lillestrom",
            "--username",
            "x1",
            "--name",
            "X",
            "--role",
            "boss",
        ]);
        assert!(text(&bad_role).contains("unknown role"));

        assert!(
            text(&install.run(&["user", "passwd", "--username", "ola"])).contains("Password: ")
        );
        assert!(
            install
                .run(&["user", "set-role", "--username", "ola", "--role", "analyst"])
                .status
                .success()
        );
        assert!(
            install
                .run(&["user", "disable", "--username", "ola"])
                .status
                .success()
        );
        let users = text(&install.run(&["user", "list", "--service", "out-lillestrom"]));
        assert!(users.contains("kari\tKari N\tleader\tactive"), "{users}");
        assert!(users.contains("ola\tOla\tanalyst\tdisabled"), "{users}");
        assert!(
            install
                .run(&[
                    "service",
                    "set",
                    "--slug",
                    "out-lillestrom",
                    "--require-two-factor",
                    "false"
                ])
                .status
                .success()
        );

        let verify = install.run(&["audit", "verify"]);
        assert!(verify.status.success(), "{which}: {}", text(&verify));
        assert!(
            text(&verify).contains("intact: 7 entries"),
            "{which}: {}",
            text(&verify)
        );
    }
}

#[tokio::test]
async fn the_command_line_keeps_an_administrator_and_a_reset_prints_a_one_time_link() {
    for (install, _pg) in installs().await {
        let run = |args: &[&str]| {
            let out = install.run(args);
            (out.status.success(), text(&out))
        };
        let add_user = |username: &str, role: &str| {
            let args = [
                "user",
                "add",
                "--service",
                "team",
                "--username",
                username,
                "--name",
                "Some One",
                "--role",
                role,
            ];
            assert!(install.run(&args).status.success());
        };
        assert!(run(&["service", "add", "--slug", "team", "--name", "Team"]).0);
        add_user("anne", "admin");
        add_user("ola", "field_worker");

        // The only administrator can neither be disabled nor lose the role.
        for args in [
            &["user", "disable", "--username", "anne"][..],
            &["user", "set-role", "--username", "anne", "--role", "leader"][..],
        ] {
            let (ok, out) = run(args);
            assert!(
                !ok && out.contains("no administrator who can log in"),
                "{args:?}: {out}"
            );
        }

        let (ok, out) = run(&["user", "reset", "--username", "ola"]);
        assert!(ok, "{out}");
        let link = out
            .split_whitespace()
            .find(|w| w.starts_with("/password/"))
            .unwrap();
        assert_eq!(link.len(), "/password/".len() + 64, "{out}");
        let users = run(&["user", "list", "--service", "team"]).1;
        assert!(
            users.contains("ola\tSome One\tfield_worker\tactive\t-"),
            "{users}"
        );

        assert!(run(&["user", "disable", "--username", "ola"]).0);
        let (ok, out) = run(&["user", "reset", "--username", "ola"]);
        assert!(!ok && out.contains("enable it first"), "{out}");
        assert!(run(&["user", "enable", "--username", "ola"]).0);
        assert!(run(&["user", "unlock", "--username", "ola"]).0);
        assert!(
            run(&["user", "list", "--service", "team"])
                .1
                .contains("field_worker\tactive")
        );

        // With a second administrator the first may go.
        add_user("bo", "admin");
        assert!(run(&["user", "disable", "--username", "anne"]).0);
        let (ok, out) = run(&["audit", "verify"]);
        assert!(ok, "{out}");
        let log = audit_actions(&install.url()).await;
        for code in [
            "credentials_reset",
            "user_disabled",
            "user_enabled",
            "second_factor_unlocked",
        ] {
            assert!(log.iter().any(|c| c == code), "{code}: {log:?}");
        }
    }
}

#[tokio::test]
async fn import_takes_a_workbook_and_names_sheet_and_row() {
    for (install, _pg) in installs().await {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("tally.xlsx");
        let places = "district,place,kind\nSentrum,Torget,street\n";
        let contacts = |count: &str| {
            format!(
                "occurred_at,place,channel,age_group,gender,count\n\
                 2024-05-01T10:00,Torget,street,lower_secondary,female,2\n\
                 2024-05-02T10:00,Torget,street,lower_secondary,male,{count}\n"
            )
        };
        let bad = contacts("zero");
        std::fs::write(
            &book,
            gatelangs_testkit::workbook_of(&[("places.csv", places), ("contacts.csv", &bad)]),
        )
        .unwrap();
        let path = book.to_str().unwrap();
        let out = install.run(&["import", "--service", "team", path]);
        assert!(!out.status.success());
        assert!(
            text(&out).contains("tally.xlsx:contacts!3: count: "),
            "{}",
            text(&out)
        );
        let good = contacts("3");
        std::fs::write(
            &book,
            gatelangs_testkit::workbook_of(&[("places.csv", places), ("contacts.csv", &good)]),
        )
        .unwrap();
        let out = install.run(&["import", "--service", "team", path]);
        assert!(out.status.success(), "{}", text(&out));
        let report = install.run(&[
            "report",
            "annual",
            "--service",
            "team",
            "--year",
            "2024",
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
        assert_eq!(json["field_contacts"]["total"], 5, "{json}");
    }
}

#[tokio::test]
async fn a_lost_data_key_file_stops_every_command_and_names_the_key() {
    for (install, _pg) in installs().await {
        import_into_team(
            &install,
            &[(
                "youths.csv",
                "ref,first_name,last_name,birth_date,gender,municipality\nY1,Solveig,Kvernbakken,2010-05-17,female,3205\n",
            )],
        );
        let keys = install.dir.path().join("data.keys");
        let saved = std::fs::read_to_string(&keys).unwrap();
        let id = saved
            .lines()
            .find(|l| !l.starts_with('#') && !l.trim().is_empty())
            .and_then(|l| l.split_whitespace().next())
            .unwrap()
            .to_owned();

        // The key file is lost: a new one is made, but nothing starts on it.
        std::fs::remove_file(&keys).unwrap();
        let out = install.run(&["service", "list"]);
        assert!(!out.status.success());
        let said = text(&out);
        assert!(said.contains(&format!("no key \"{id}\"")), "{said}");
        assert!(said.contains("youths."), "{said}");
        // The same with someone else's key in the environment.
        let other = format!("{} {}", "k-other", "ab".repeat(32));
        let out = install
            .cmd(&["service", "list"])
            .env("GATELANGS_DATA_KEYS", &other)
            .output()
            .unwrap();
        assert!(
            !out.status.success() && text(&out).contains(&id),
            "{}",
            text(&out)
        );

        // Put back, everything opens again.
        std::fs::write(&keys, &saved).unwrap();
        let out = install.run(&[
            "export",
            "--service",
            "team",
            install.dir.path().join("out").to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
    }
}

#[tokio::test]
async fn audit_verify_names_the_first_tampered_entry() {
    for (install, pg) in installs().await {
        install.run(&["service", "add", "--slug", "team", "--name", "Team"]);
        for name in ["aa", "bb", "cc"] {
            install.run(&[
                "user",
                "add",
                "--service",
                "team",
                "--username",
                name,
                "--name",
                name,
                "--role",
                "leader",
            ]);
        }
        // A checkpoint kept outside the database verifies while the log is whole.
        let kept = text(&install.run(&["audit", "checkpoint"]))
            .trim()
            .to_owned();
        assert!(kept.starts_with("4:"), "{kept}");
        let out = install.run(&["audit", "verify", "--checkpoint", &kept]);
        assert!(out.status.success(), "{}", text(&out));
        let url = match &pg {
            Some(db) => db.url.clone(),
            None => format!(
                "sqlite://{}",
                install.dir.path().join("gatelangs.db").display()
            ),
        };
        tamper(
            &url,
            pg.as_ref().map(TestDb::backend).unwrap_or(Backend::Sqlite),
        )
        .await;
        let out = install.run(&["audit", "verify"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("broken at entry 3"), "{}", text(&out));
    }
}

/// Imports a bundle of `files` into the service `team` (created by the import) and checks it
/// worked.
fn import_into_team(install: &Install, files: &[(&str, &str)]) {
    let bundle = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(bundle.path().join(name), text).unwrap();
    }
    let out = install.run(&[
        "import",
        "--service",
        "team",
        bundle.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
}

/// The action codes of the audit log, oldest first.
async fn audit_actions(url: &str) -> Vec<String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    gatelangs_testkit::fetch_text_rows(&mut conn, "SELECT action FROM audit_log ORDER BY seq").await
}

async fn tamper(url: &str, backend: Backend) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let drop = match backend {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "DROP TRIGGER audit_log_no_change ON audit_log",
    };
    sqlx::query(drop).execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE audit_log SET detail = 'role=admin' WHERE seq = 3")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

/// Starts `serve` on a free port, collects what it prints until it listens, then asks
/// /healthz and stops it.
fn serve_and_probe(install: &Install, extra: &[&str]) -> String {
    let mut args = vec!["serve", "--bind", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut child = install
        .cmd(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    let addr = loop {
        let line = lines.next().expect("serve ended early").unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(addr) = line.strip_prefix("Gatelangs is listening on http://") {
            break addr.to_owned();
        }
    };
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.0\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.contains("\"status\":\"ok\""), "{reply}");
    child.kill().unwrap();
    child.wait().unwrap();
    printed
}

#[test]
fn first_start_prints_a_setup_link_and_demo_prints_logins() {
    let install = Install {
        dir: tempfile::tempdir().unwrap(),
        db: None,
    };
    let first = serve_and_probe(&install, &[]);
    assert!(first.contains("/setup/"), "{first}");
    let demo = serve_and_probe(&install, &["--demo"]);
    for user in [
        "demo-feltarbeider",
        "demo-leder",
        "demo-admin",
        "demo-analytiker",
    ] {
        assert!(demo.contains(user), "{demo}");
    }
    assert!(demo.contains("password: "));
    assert!(!demo.contains("/setup/"), "no setup link once users exist");
    assert!(Path::new(&install.dir.path().join("gatelangs.db")).exists());
}

#[tokio::test]
async fn keys_rotate_reencrypts_and_every_record_stays_readable() {
    for (install, _pg) in installs().await {
        import_into_team(
            &install,
            &[
                ("staff.csv", "username,name,role\nkari,Kari,field_worker\n"),
                (
                    "youths.csv",
                    "ref,first_name,last_name,birth_date,gender,municipality,contact_persons\nY1,Solveig,Kvernbakken,2010-05-17,female,3205,kari\n",
                ),
                (
                    "followups.csv",
                    "date,youth_ref,staff,challenges,note\n2024-03-01,Y1,kari,crime,Hemmelig notat\n",
                ),
            ],
        );
        let keys = install.dir.path().join("data.keys");
        let lines = |p: &Path| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .count()
        };
        assert_eq!(lines(&keys), 1);
        let out = install.run(&["keys", "rotate"]);
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("5 values re-encrypted"),
            "{}",
            text(&out)
        );
        assert_eq!(lines(&keys), 2, "the new key is appended, the old one kept");
        // Everything still opens: export writes the names and the note in clear.
        let exported = install.dir.path().join("out");
        let out = install.run(&["export", "--service", "team", exported.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        let youths = std::fs::read_to_string(exported.join("youths.csv")).unwrap();
        assert!(
            youths.contains("Solveig,Kvernbakken,2010-05-17"),
            "{youths}"
        );
        let followups = std::fs::read_to_string(exported.join("followups.csv")).unwrap();
        assert!(followups.contains("Hemmelig notat"), "{followups}");
        // Without any key that opens the data, the binary says so instead of showing garbage.
        std::fs::write(
            &keys,
            "other 0000000000000000000000000000000000000000000000000000000000000000\n",
        )
        .unwrap();
        let out = install.run(&[
            "export",
            "--service",
            "team",
            install.dir.path().join("out2").to_str().unwrap(),
        ]);
        assert!(!out.status.success());
        assert!(
            text(&out).contains("the data keys hold no key"),
            "{}",
            text(&out)
        );
    }
}

/// `plan presence` prints the contract's JSON, finds the week known to be best, keeps a pin and
/// a must-cover night, and names bad input.
#[tokio::test]
async fn plan_presence_prints_the_best_week_as_the_contract_says() {
    for (install, _pg) in installs().await {
        let bundle = tempfile::tempdir().unwrap();
        gatelangs_testkit::presence_bundle::write(bundle.path());
        let out = install.run(&[
            "import",
            "--service",
            "team",
            bundle.path().to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
        let plan = |extra: &[&str]| {
            let mut args = vec![
                "plan",
                "presence",
                "--service",
                "team",
                "--year",
                "2024",
                "--hours-per-week",
                "15",
                "--format",
                "json",
            ];
            args.extend_from_slice(extra);
            let out = install.run(&args);
            assert!(out.status.success(), "{}", text(&out));
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
        };
        let two = plan(&["--staff", "2"]);
        assert_eq!(two["staff"], 2);
        let shifts = two["weekly_team_shifts"].as_array().unwrap();
        let keys: Vec<Vec<&str>> = shifts
            .iter()
            .map(|s| {
                let mut k: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
                k.sort_unstable();
                k
            })
            .collect();
        assert!(
            keys.iter()
                .all(|k| k == &["district", "shift", "teams", "weekday"]),
            "{keys:?}"
        );
        let got: Vec<(String, String, String, i64)> = shifts
            .iter()
            .map(|s| {
                (
                    s["weekday"].as_str().unwrap().to_owned(),
                    s["shift"].as_str().unwrap().to_owned(),
                    s["district"].as_str().unwrap().to_owned(),
                    s["teams"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("fri".into(), "evening".into(), "Sentrum".into(), 1),
                ("sat".into(), "evening".into(), "Nord".into(), 1),
            ]
        );
        assert_eq!(two["team_hours_per_week"], 14.0);
        let expected = two["expected_contacts_per_week"].as_f64().unwrap();
        assert!((expected - 20.0).abs() < 0.5, "{expected}");
        // More staff never meet fewer; the hours never exceed the staff's.
        let mut last = 0.0;
        for n in 2..=5 {
            let p = plan(&["--staff", &n.to_string()]);
            let x = p["expected_contacts_per_week"].as_f64().unwrap();
            assert!(x + 1e-9 >= last, "{n} staff: {x} < {last}");
            assert!(p["team_hours_per_week"].as_f64().unwrap() * 2.0 <= f64::from(n) * 15.0);
            last = x;
        }
        // A pinned Saturday day shift and a must-cover Monday evening change the week.
        let pinned = plan(&[
            "--staff",
            "2",
            "--pin",
            "sat:day:Sentrum:1",
            "--must-cover",
            "mon:evening",
        ]);
        let got: Vec<String> = pinned["weekly_team_shifts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    s["weekday"].as_str().unwrap(),
                    s["shift"].as_str().unwrap(),
                    s["district"].as_str().unwrap()
                )
            })
            .collect();
        assert!(
            got.contains(&"sat:day:Sentrum".to_owned())
                && got.iter().any(|s| s.starts_with("mon:evening:")),
            "{got:?}"
        );
        // Bad input is named; the request's bounds hold here as on the web page
        // (app::presence::Request::check).
        let bad: [(&[&str], &str); 3] = [
            (&["--staff", "2", "--pin", "sat:dusk:Sentrum:1"], "dusk"),
            (
                &["--staff", "2", "--must-cover", "someday:evening"],
                "--must-cover",
            ),
            (&["--staff", "0"], "--staff is 1 to"),
        ];
        for (flags, named) in bad {
            let mut args = vec![
                "plan",
                "presence",
                "--service",
                "team",
                "--year",
                "2024",
                "--format",
                "json",
            ];
            args.extend_from_slice(flags);
            let out = install.run(&args);
            assert!(
                !out.status.success() && text(&out).contains(named),
                "{}",
                text(&out)
            );
        }
    }
}
