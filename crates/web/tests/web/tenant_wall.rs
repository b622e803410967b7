//! No route, as any role, returns or changes another service's data.
//!
//! Two services with users, places, contacts and log entries. Every page and every API path
//! (read from the OpenAPI document, so a new API route cannot be forgotten here) is requested by
//! every role of service A, also with service B's ids in the path, the query and the form.
//! Nothing of B may show, and B's records must be unchanged afterwards.

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::http::Method;
use common::each_app;
use gatelangs_domain::Role;
use gatelangs_domain::field::PlaceKind;
use serde_json::json;

/// Pages, with `{user}`, `{place}`, `{district}`, `{contact}` standing for B's ids.
const PAGES: &[&str] = &[
    "/",
    "/inquiries",
    "/counterparts",
    "/audit",
    "/audit?user={user}",
    "/account/two-factor",
    "/login",
    "/healthz",
    "/field/",
    "/contacts",
    "/contacts?place={place}&district={district}&staff={user}",
    "/contacts/shift",
    "/contacts/{contact}/edit",
    "/places",
    "/places/{place}/edit",
    "/report",
    "/report/field-contacts/districts.csv",
    "/admin/import",
    "/admin/export",
    "/admin/users",
    "/admin/users/{user}",
    "/staffing",
    "/rota",
    "/rota?view=month&at=01.01.2024",
    "/time",
    "/time?team={contact}",
    "/report/annual/report.html?public=0",
    "/report/annual/report.zip",
    "/schools",
    "/prevention/classes",
    "/groups",
    "/groups/{group}",
    "/trends/summary?from=01.01.2024&to=31.12.2024",
    "/trends/summary.pdf?from=01.01.2024&to=31.12.2024",
    "/staffing/presence",
    "/report/texts?year=2024",
    "/prevention",
    "/trends",
];

/// Form posts that would change B's records if the wall had a hole.
pub(crate) const POSTS: &[(&str, &str)] = &[
    (
        "/inquiries",
        "date=01.01.2024&direction=incoming&service=nav&topic=x",
    ),
    ("/counterparts", "code=nav&name=NAV"),
    ("/language", "lang=en&next=%2F"),
    ("/places/{place}/delete", ""),
    ("/places/{place}/archive", "archived=true"),
    ("/places/{place}/move", "direction=down"),
    (
        "/places/{place}",
        "district={district}&name=Renamed&kind=street",
    ),
    ("/places", "district={district}&name=Sneaky&kind=street"),
    ("/places/districts/{district}/archive", "archived=true"),
    ("/contacts/{contact}/undo", ""),
    (
        "/contacts/{contact}/edit",
        "date=2024-05-01&time=10%3A00&place={place}&channel=street&age_group=unknown&gender=unknown&count=99",
    ),
    (
        "/contacts/shift",
        "token=6f1e0c1e-58a4-4a31-9d0e-8f1a9b7c2d3e&date=2024-05-01&time=10%3A00&place={place}&n_unknown_unknown=7",
    ),
    (
        "/rota",
        "date=01.01.2024&shift=day&staff={user}&staff={user}&district={district}",
    ),
    ("/rota/{contact}/delete", ""),
    (
        "/schools",
        "school={place}&day_shifts=2&evening_shifts=2&member={user}",
    ),
    ("/schools/{place}/delete", ""),
    ("/prevention/classes", "year=2024&school={place}&names=8A"),
    ("/prevention/classes/{contact}", "status=taught"),
    ("/time", "team={contact}&date=01.01.2024&h_field_work=1"),
    ("/staffing/{contact}/delete", ""),
    (
        "/field/",
        "place={place}&channel=street&count=5&cell=unknown%3Aunknown",
    ),
    ("/groups/{group}/staff", "staff={user}"),
    ("/admin/users/{user}/role", "role=analyst"),
    ("/admin/users/{user}/disabled", "disabled=true"),
    ("/admin/users/{user}/reset", ""),
    ("/admin/users/{user}/unlock", ""),
    ("/counterparts/{contact}", "name=Renamed&archived=true"),
    (
        "/trends",
        "date=01.05.2024&district={district}&theme=gangs&summary=Intruder",
    ),
    ("/staffing/presence/adopt", "weeks=4&district={district}"),
    ("/report/texts", "year=2024&foreword=Intruder"),
    ("/report/logo", ""),
    ("/report/logo/delete", ""),
    ("/admin/import", ""),
    ("/places/districts", "name=Sneaky"),
    ("/groups", "name=Sneaky&kind=gaming&place={place}"),
    (
        "/prevention",
        "date=01.05.2024&kind=talk&place={place}&participants=5",
    ),
    (
        "/staffing",
        "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=2&max_teams=3",
    ),
    ("/admin/users", "username=sneaky&name=Sneaky&role=admin"),
    (
        "/groups/{group}/sessions",
        "date=01.05.2024&pseudonyms=Intruder&others=9",
    ),
];

/// API writes, by path: the OpenAPI document must list no other non-GET operation.
const API_WRITES: &[&str] = &[
    "/api/v1/contacts/sync",
    "/api/v1/groups/roll-calls/sync",
    // Covered by the authorization matrix (youth_access.rs) and youth_sharing.rs.
    "/api/v1/youths/{id}/collaborations",
];

fn api_gets() -> Vec<String> {
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            match method.as_str() {
                "get" => {
                    out.push(format!("{path}?year=2024"));
                    out.push(format!("{path}?user={{user}}&year=2024&from=2024-01-01"));
                }
                "parameters" => {}
                _ => assert!(
                    API_WRITES.contains(&path.as_str()),
                    "{method} {path}: add a tenant-wall case"
                ),
            }
        }
    }
    out
}

/// What B's leader sees of B: its log, its contacts and its places.
async fn snapshot(app: &common::TestApp, b_token: &str) -> (String, String, String) {
    let log = app.get("/api/v1/audit", Some(b_token)).await.body;
    let contacts = app.get("/api/v1/contacts", Some(b_token)).await.body;
    let places = app.get("/places", Some(b_token)).await.body;
    (log, contacts, places)
}

#[tokio::test]
async fn nothing_crosses_from_one_service_to_another() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let b = app.service("team-b", false).await;
        let a_place = app.place(&a, "Torget", PlaceKind::Street).await;
        let mut a_users = vec![];
        for role in Role::ALL {
            a_users.push(
                app.user(&a, &format!("a-{}", role.as_str().replace('_', "-")), role)
                    .await,
            );
        }
        let b_leader = app.user(&b, "secret-b-leader", Role::Leader).await;
        let b_worker = app.user(&b, "secret-b-worker", Role::FieldWorker).await;
        let b_place = app.place(&b, "Secret-b-place", PlaceKind::Street).await;
        let b_token = app.session_for(&b_leader).await;
        let b_worker_token = app.session_for(&b_worker).await;
        let b_contact = uuid::Uuid::new_v4();
        let op = json!({"op": "register", "id": b_contact, "occurred_at": jiff::Timestamp::now().to_string(), "place": b_place.id, "channel": "street", "age_group": "unknown", "gender": "male", "count": 4});
        app.post_json(
            "/api/v1/contacts/sync",
            Some(&b_worker_token),
            json!({"ops": [op]}),
        )
        .await;
        app.post("/language", Some(&b_token), "lang=en&next=%2F")
            .await;
        // B's group and a roll-call of it, sent from B's phone with B's id.
        let b_group = app
            .post(
                "/groups",
                Some(&b_worker_token),
                "name=Secret-b-group&kind=gaming&place=",
            )
            .await
            .location()
            .trim_start_matches("/groups/")
            .to_owned();
        let b_roll_call = uuid::Uuid::new_v4();
        app.post_json(
            "/api/v1/groups/roll-calls/sync",
            Some(&b_worker_token),
            json!({"roll_calls": [{"id": b_roll_call, "group": b_group, "date": "2024-05-01", "pseudonyms": ["Secret-b-gamer"]}]}),
        )
        .await;
        let b_district = {
            let mut conn = app.store().conn().await.unwrap();
            gatelangs_storage::places::create_district(&mut conn, b.id, "Secret-b-district")
                .await
                .unwrap()
                .id
        };
        app.post(
            "/trends",
            Some(&b_worker_token),
            &format!("date=01.05.2024&district={b_district}&theme=gangs&summary=x"),
        )
        .await;
        let b_summary = app
            .get(
                "/trends/summary?from=01.01.2024&to=31.12.2024",
                Some(&b_token),
            )
            .await;
        assert!(b_summary.body.contains("Secret-b-district"));
        let a_group = gatelangs_domain::GroupId::new();
        {
            let mut conn = app.store().conn().await.unwrap();
            gatelangs_storage::groups::create(
                &mut conn,
                a.id,
                a_group,
                "A-gruppe",
                gatelangs_domain::groups::GroupKind::Gaming,
                None,
                0,
            )
            .await
            .unwrap();
        }

        let before = snapshot(&app, &b_token).await;
        assert!(before.1.contains("Secret-b-place") && before.0.contains("secret-b-leader"));

        let fill = |s: &str| {
            s.replace("{user}", &b_worker.id.to_string())
                .replace("{place}", &b_place.id.to_string())
                .replace("{district}", &b_place.district_id.to_string())
                .replace("{contact}", &b_contact.to_string())
                .replace("{group}", &b_group)
        };
        let secrets = ["secret-b", "Secret-b", "Team team-b"];
        let mut targets: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
        targets.extend(api_gets());
        for user in &a_users {
            let token = app.session_for(user).await;
            let who = format!("{} as {:?}", app.name(), user.role);
            for target in &targets {
                let path = fill(target);
                let reply = app.get(&path, Some(&token)).await;
                assert!(
                    reply.status.as_u16() < 500,
                    "{who} {path}: {}",
                    reply.status
                );
                for secret in secrets {
                    assert!(!reply.body.contains(secret), "{who} saw {secret} at {path}");
                }
            }
            for (path, form) in POSTS {
                let reply = app
                    .send(Method::POST, &fill(path), Some(&token), Some(&fill(form)))
                    .await;
                assert!(
                    reply.status.as_u16() < 500,
                    "{who} POST {path}: {}",
                    reply.status
                );
                for secret in secrets {
                    assert!(
                        !reply.body.contains(secret),
                        "{who} saw {secret} after POST {path}"
                    );
                }
            }
            let ops = json!({"ops": [
                {"op": "undo", "id": b_contact},
                {"op": "register", "id": uuid::Uuid::new_v4(), "occurred_at": jiff::Timestamp::now().to_string(), "place": b_place.id, "channel": "street", "age_group": "unknown", "gender": "male"},
                {"op": "register", "id": b_contact, "occurred_at": jiff::Timestamp::now().to_string(), "place": a_place.id, "channel": "street", "age_group": "unknown", "gender": "male"}
            ]});
            let reply = app
                .post_json("/api/v1/contacts/sync", Some(&token), ops)
                .await;
            // All three are refused: B's contact cannot be undone from A, A cannot register at
            // B's place, and B's contact id is taken, not "already stored" in A (which would let
            // A's phone drop a tap that A never stored).
            assert!(
                reply.status == 403 || reply.body.matches("\"rejected\"").count() == 3,
                "{who}: {}",
                reply.body
            );
        }
        for user in &a_users {
            let token = app.session_for(user).await;
            let calls = json!({"roll_calls": [
                {"id": uuid::Uuid::new_v4(), "group": b_group, "date": "2024-05-02", "pseudonyms": ["Intruder"]},
                {"id": b_roll_call, "group": a_group, "date": "2024-05-02", "pseudonyms": ["Intruder"]}
            ]});
            let reply = app
                .post_json("/api/v1/groups/roll-calls/sync", Some(&token), calls)
                .await;
            // A cannot record at B's group, and B's roll-call id is taken, not "already
            // stored" in A.
            assert!(
                reply.status == 403 || reply.body.matches("\"rejected\"").count() == 2,
                "{:?}: {}",
                user.role,
                reply.body
            );
        }
        let b_attendances = app
            .count(&format!(
                "SELECT COUNT(*) FROM group_attendance WHERE group_id = '{b_group}'"
            ))
            .await;
        assert_eq!(b_attendances, 1, "{}", app.name());
        let after = snapshot(&app, &b_token).await;
        assert_eq!(
            before,
            after,
            "{}: B's log, contacts or places changed",
            app.name()
        );
        let b_total = app.count(&format!("SELECT CAST(SUM(count) AS BIGINT) FROM contacts WHERE service_id = '{}' AND undone_at IS NULL", b.id)).await;
        assert_eq!(b_total, 4, "{}", app.name());
        let a_on_b = app
            .count(&format!(
                "SELECT COUNT(*) FROM contacts WHERE service_id = '{}' AND place_id = '{}'",
                a.id, b_place.id
            ))
            .await;
        assert_eq!(a_on_b, 0);
    }
}

#[tokio::test]
async fn a_leader_sees_only_their_own_services_log() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let b = app.service("team-b", false).await;
        let a_leader = app.user(&a, "a-leader", Role::Leader).await;
        app.user(&b, "b-someone", Role::FieldWorker).await;
        let token = app.session_for(&a_leader).await;
        let page = app.get("/audit", Some(&token)).await;
        assert_eq!(page.status, 200, "{}", app.name());
        assert!(page.body.contains("user:a-leader"));
        assert!(!page.body.contains("b-someone"));
    }
}

/// Routes the wall does not walk: no service's records behind them, or (youths) walked with
/// another service's ids by `youth_access.rs` (`OtherServiceLeader`).
const NOT_WALKED: &[&str] = &[
    "/login",
    "/logout",
    "/login/two-factor",
    "/login/sso",
    "/login/sso/callback",
    "/healthz",
    "/accessibility",
    "/field",
    "/sw.js",
    "/setup/{token}",
    "/password/{token}",
    "/account/two-factor",
];

#[test]
fn the_wall_walks_every_route_of_the_router() {
    let as_route = |p: &str| {
        let p = p.split('?').next().unwrap();
        ["{place}", "{district}", "{contact}", "{user}", "{group}"]
            .iter()
            .fold(p.to_owned(), |p, name| p.replace(name, "{id}"))
    };
    let walked: Vec<(&str, String)> = PAGES
        .iter()
        .map(|p| ("GET", as_route(p)))
        .chain(POSTS.iter().map(|(p, _)| ("POST", as_route(p))))
        .collect();
    let missing: Vec<String> = gatelangs_web::routes::route_table()
        .into_iter()
        .filter(|(_, path)| {
            !path.starts_with("/youths")
                && !path.starts_with("/assets/")
                && !NOT_WALKED.contains(path)
        })
        .filter(|(method, path)| {
            let generic = path
                .replace("{table}", "districts.csv")
                .replace("{file}", "report.html");
            !walked
                .iter()
                .any(|(m, p)| m == method && (p == path || *p == generic))
        })
        .map(|(method, path)| format!("{method} {path}"))
        .collect();
    assert!(missing.is_empty(), "add a tenant-wall case for {missing:?}");
}
