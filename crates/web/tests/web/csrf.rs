//! State-changing requests from another site are refused before any handler runs.

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{PASSWORD, each_app};
use gatelangs_domain::Role;

fn post(path: &str, token: Option<&str>, extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(t) = token {
        req = req.header(header::COOKIE, format!("gl_session={t}"));
    }
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.body(Body::from(format!(
        "username=kari&password={PASSWORD}&lang=en"
    )))
    .unwrap()
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let user = app.user(&service, "kari", Role::Leader).await;
        let token = app.session_for(&user).await;
        let forged: [&[(&str, &str)]; 3] = [
            &[("sec-fetch-site", "cross-site")],
            &[("sec-fetch-site", "same-site")],
            &[("origin", "https://evil.example")],
        ];
        for headers in forged {
            for path in ["/logout", "/language", "/login"] {
                let reply = app.raw(post(path, Some(&token), headers)).await;
                assert_eq!(reply.status, 403, "{} {path} {headers:?}", app.name());
                assert!(reply.body.contains("Du har ikke tilgang"));
            }
        }
        // The session survived every forged logout, and the language did not change.
        let home = app.get("/", Some(&token)).await;
        assert_eq!(home.status, 200);
        assert!(home.body.contains("Logg ut"));

        let same_origin = app
            .raw(post(
                "/language",
                Some(&token),
                &[("origin", "http://127.0.0.1:8080")],
            ))
            .await;
        assert_eq!(same_origin.status, 303, "{}", app.name());
    }
}

/// A GET as a browser sends it, with `Sec-Fetch-Site` when given.
fn get(path: &str, token: &str, site: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::COOKIE, format!("gl_session={token}"));
    if let Some(site) = site {
        req = req.header("sec-fetch-site", site);
    }
    req.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_link_on_another_site_opens_no_record_and_no_export() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let leader = app.user(&service, "lea", Role::Leader).await;
        let admin = app.user(&service, "ada", Role::Admin).await;
        let fields = gatelangs_storage::youths::YouthFields {
            reference: "R1".into(),
            first_name: "Solveig".into(),
            last_name: "Kvernbakken".into(),
            birth_date: jiff::civil::date(2010, 1, 1),
            gender: gatelangs_domain::field::Gender::Female,
            municipality: gatelangs_domain::MunicipalityNumber::parse("3205").unwrap(),
            phone: None,
            school: None,
            guardians: vec![],
        };
        let youth = gatelangs_domain::YouthId::new();
        let mut conn = app.store().conn().await.unwrap();
        let new = gatelangs_storage::youths::NewYouth {
            id: youth,
            fields: &fields,
            contact_persons: &[leader.id],
            created_by: None,
        };
        gatelangs_storage::youths::create(&mut conn, app.store().field_keys(), service.id, new, 0)
            .await
            .unwrap();
        drop(conn);
        let lea = app.session_for(&leader).await;
        let ada = app.session_for(&admin).await;
        let record = format!("/youths/{youth}");
        let cases = [
            (lea.as_str(), record.as_str()),
            (lea.as_str(), "/api/v1/audit"),
            (lea.as_str(), "/youths"),
            (lea.as_str(), "/audit"),
            (ada.as_str(), "/admin/export?year=2024"),
        ];
        for (token, path) in cases {
            for site in ["cross-site", "same-site"] {
                let before = app.count("SELECT COUNT(*) FROM audit_log").await;
                let reply = app.raw(get(path, token, Some(site))).await;
                assert_eq!(reply.status, 403, "{} {path} {site}", app.name());
                assert!(
                    reply.body.contains("logges i ditt navn") || path.starts_with("/api"),
                    "{}",
                    reply.body
                );
                assert!(!reply.body.contains("Kvernbakken"), "{path}");
                assert_eq!(
                    app.count("SELECT COUNT(*) FROM audit_log").await,
                    before,
                    "{path} {site} wrote to the log"
                );
            }
            // From Gatelangs itself, typed in, or from no browser page: as before.
            for site in [Some("same-origin"), Some("none"), None] {
                let reply = app.raw(get(path, token, site)).await;
                assert_eq!(
                    reply.status,
                    200,
                    "{} {path} {site:?}: {}",
                    app.name(),
                    reply.body
                );
            }
        }
        // Pages that open no record still follow links from anywhere.
        let home = app.raw(get("/", &lea, Some("cross-site"))).await;
        assert_eq!(home.status, 200);
    }
}
