//! The authorization matrix of every route: every page route (read from the router's own table,
//! `gatelangs_web::routes::route_table`) and every API operation (read from the OpenAPI
//! document) × no session, each role, a field worker who is not the record's author, and another
//! service's leader and administrator. Each gets exactly the expected answer, and every answered
//! request leaves exactly the expected audit entries. A route without a row here fails the test,
//! so a new route cannot be left out.
//!
//! A youth's record has its own, finer matrix (`youth_access.rs`: contact person, blocks,
//! emergency access); here its routes only have to be there. Another service's ids are covered
//! the other way round by `tenant_wall.rs`.

#![allow(clippy::unwrap_used)]

use crate::common;
use crate::tenant_wall::POSTS;

use axum::http::Method;
use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_domain::field::PlaceKind;
use serde_json::json;

const ALL: &[Role] = &[Role::FieldWorker, Role::Leader, Role::Admin, Role::Analyst];
const STAFF: &[Role] = &[Role::FieldWorker, Role::Leader];
const LEADER: &[Role] = &[Role::Leader];
const LEADER_ADMIN: &[Role] = &[Role::Leader, Role::Admin];
const ADMIN: &[Role] = &[Role::Admin];

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    /// No login needed (the login itself, public files, one-time links with their own secret).
    Anyone,
    /// Any session, also one that is half-way through the login.
    Session,
    /// Logged in with one of these roles.
    Roles(&'static [Role]),
    /// A field contact: its author within the correction window, and leaders.
    AuthorOrLeader,
    /// A youth's record: see `youth_access.rs`.
    Youth,
}

/// The rule of a route and the audit entries an answered (2xx/3xx) request by an allowed user
/// writes.
fn row(method: &str, path: &str) -> (Who, &'static [&'static str]) {
    use Who::*;
    match (method, path) {
        (_, "/youths" | "/api/v1/youths/{id}/collaborations") => (Youth, &[]),
        (_, p) if p.starts_with("/youths/") => (Youth, &[]),

        ("GET", "/login" | "/accessibility" | "/healthz" | "/field" | "/sw.js") => (Anyone, &[]),
        (_, "/setup/{token}" | "/password/{token}") => (Anyone, &[]),
        ("GET", p) if p.starts_with("/assets/") => (Anyone, &[]),
        ("POST", "/login") => (Anyone, &["login_failed"]),
        // Single sign-on is not configured here: both answer 404 to everyone
        // (browser-tests/tests/sso.test.mjs walks them against a real provider).
        ("GET", "/login/sso" | "/login/sso/callback") => (Anyone, &[]),
        ("POST", "/language") => (Anyone, &["language_changed"]),
        (_, "/login/two-factor") => (Session, &[]),
        ("POST", "/logout") => (Session, &["logout"]),
        (_, "/account/two-factor") => (Roles(ALL), &[]),

        ("GET", "/" | "/api/v1/me") => (Roles(ALL), &[]),
        (
            "GET",
            "/report"
            | "/report/field-contacts/{table}"
            | "/report/annual/{file}"
            | "/api/v1/reports/annual",
        ) => (Roles(ALL), &[]),

        (_, "/field/" | "/contacts" | "/contacts/shift" | "/api/v1/contacts") => {
            (Roles(STAFF), &[])
        }
        ("POST", "/api/v1/contacts/sync") => (Roles(STAFF), &[]),
        ("GET", "/contacts/{id}/edit") => (AuthorOrLeader, &[]),
        ("POST", "/contacts/{id}/edit") => (AuthorOrLeader, &["contact_corrected"]),
        ("POST", "/contacts/{id}/undo") => (AuthorOrLeader, &["contact_undone"]),
        (_, "/inquiries" | "/time") => (Roles(STAFF), &[]),
        (
            _,
            "/groups"
            | "/groups/{id}"
            | "/groups/{id}/sessions"
            | "/groups/{id}/staff"
            | "/api/v1/groups/roll-calls/sync"
            | "/prevention"
            | "/prevention/classes"
            | "/prevention/classes/{id}"
            | "/trends",
        ) => (Roles(STAFF), &[]),
        // What the team saw, summed over a period, for the municipality: like the report.
        ("GET", "/trends/summary" | "/trends/summary.pdf") => (Roles(ALL), &[]),
        ("GET", "/staffing" | "/rota" | "/schools") => (Roles(STAFF), &[]),
        (
            "POST",
            "/staffing"
            | "/staffing/{id}/delete"
            | "/rota"
            | "/rota/{id}/delete"
            | "/schools"
            | "/schools/{id}/delete",
        ) => (Roles(LEADER), &[]),
        (_, "/staffing/presence" | "/staffing/presence/adopt") => (Roles(LEADER), &[]),
        (_, "/report/texts" | "/report/logo" | "/report/logo/delete") => (Roles(LEADER), &[]),
        ("GET", "/audit" | "/api/v1/audit") => (Roles(LEADER), &[]),

        ("GET", "/places" | "/places/{id}/edit") => (Roles(LEADER_ADMIN), &[]),
        ("POST", p) if p.starts_with("/places") => (Roles(LEADER_ADMIN), &["place_changed"]),
        ("GET", "/counterparts") => (Roles(LEADER_ADMIN), &[]),
        ("POST", "/counterparts" | "/counterparts/{id}") => {
            (Roles(LEADER_ADMIN), &["service_changed"])
        }

        ("GET", "/admin/import" | "/admin/users" | "/admin/users/{id}") => (Roles(ADMIN), &[]),
        ("POST", "/admin/import") => (Roles(ADMIN), &["data_imported"]),
        ("GET", "/admin/export") => (Roles(ADMIN), &["data_exported"]),
        ("POST", "/admin/users") => (Roles(ADMIN), &["user_created"]),
        ("POST", "/admin/users/{id}/role") => (Roles(ADMIN), &["role_changed"]),
        ("POST", "/admin/users/{id}/disabled") => (Roles(ADMIN), &["user_disabled"]),
        ("POST", "/admin/users/{id}/reset") => (Roles(ADMIN), &["credentials_reset"]),
        ("POST", "/admin/users/{id}/unlock") => (Roles(ADMIN), &["second_factor_unlocked"]),

        _ => panic!("the route {method} {path} has no row in the authorization matrix"),
    }
}

/// Who sends the request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Actor {
    Anonymous,
    /// A user of the service; the field worker is the author of the service's contact.
    Own(Role),
    /// A field worker of the service who did not register the contact.
    OtherFieldWorker,
    /// A user of another service, with the first service's ids in the path.
    OtherService(Role),
}

const ACTORS: &[Actor] = &[
    Actor::Anonymous,
    Actor::OtherService(Role::Leader),
    Actor::OtherService(Role::Admin),
    Actor::Own(Role::Analyst),
    Actor::OtherFieldWorker,
    Actor::Own(Role::FieldWorker),
    Actor::Own(Role::Leader),
    Actor::Own(Role::Admin),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    /// Anything but 401, 403 or a server error.
    Allowed,
    Forbidden,
    /// Sent to the login (pages) or 401 (API).
    LogIn,
    /// 403 or 404: another service's id is neither shown nor changed.
    NotHere,
}

fn expected(who: Who, actor: Actor, has_id: bool) -> Answer {
    match (who, actor) {
        (Who::Anyone, _) => Answer::Allowed,
        (_, Actor::Anonymous) => Answer::LogIn,
        (Who::Session, _) => Answer::Allowed,
        (_, Actor::OtherService(_)) if has_id => Answer::NotHere,
        (Who::Roles(roles), Actor::Own(role) | Actor::OtherService(role)) => {
            if roles.contains(&role) {
                Answer::Allowed
            } else {
                Answer::Forbidden
            }
        }
        (Who::Roles(roles), Actor::OtherFieldWorker) => {
            if roles.contains(&Role::FieldWorker) {
                Answer::Allowed
            } else {
                Answer::Forbidden
            }
        }
        (Who::AuthorOrLeader, Actor::Own(Role::FieldWorker | Role::Leader)) => Answer::Allowed,
        (Who::AuthorOrLeader, _) => Answer::Forbidden,
        (Who::Youth, _) => unreachable!("youth routes are walked by youth_access.rs"),
    }
}

/// Every route as (method, path template): the pages from the router, the API from its
/// document.
fn every_route() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = gatelangs_web::routes::route_table()
        .into_iter()
        .map(|(m, p)| (m.to_owned(), p.to_owned()))
        .collect();
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if method != "parameters" {
                out.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// Forms for routes the tenant wall has no form for.
const MORE_FORMS: &[(&str, &str)] = &[
    (
        "/admin/users",
        "username=ny-ansatt&name=Ny+Ansatt&role=field_worker",
    ),
    ("/places/districts", "name=Nordre"),
];

/// The form a POST sends: a form of this test's own for the route, else the tenant wall's.
fn form_for(path: &str) -> String {
    if path == "/contacts/{id}/edit" {
        // A correction on the day it was registered, so its author may make it.
        let today = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .date();
        return format!(
            "date={today}&time=00%3A00&place={{place}}&channel=street&age_group=unknown&gender=unknown&count=3&topics="
        );
    }
    let as_route = |p: &str| {
        ["{place}", "{district}", "{contact}", "{user}", "{group}"]
            .iter()
            .fold(p.to_owned(), |p, name| p.replace(name, "{id}"))
    };
    MORE_FORMS
        .iter()
        .chain(POSTS)
        .find(|(p, _)| as_route(p) == path)
        .map(|(_, form)| form.to_string())
        .unwrap_or_default()
}

/// The first service's records that the paths point at.
struct World {
    ids: Vec<(&'static str, String)>,
    sessions: Vec<(Actor, gatelangs_storage::users::User)>,
}

async fn id_of(app: &TestApp, sql: &str) -> String {
    let mut conn = app.store().conn().await.unwrap();
    let rows = gatelangs_testkit::fetch_text_rows(&mut conn, sql).await;
    rows.into_iter().next().unwrap_or_else(|| panic!("{sql}"))
}

async fn world(app: &TestApp) -> World {
    let a = app.service("team-a", false).await;
    let b = app.service("team-b", false).await;
    let place = app.place(&a, "Torget", PlaceKind::Street).await;
    let school = app.place(&a, "Skolen", PlaceKind::School).await;
    // Nothing names this one, so deleting it can succeed (and be audited).
    let spare = app.place(&a, "Ledig", PlaceKind::Street).await;
    let fw = app.user(&a, "fw", Role::FieldWorker).await;
    let fw2 = app.user(&a, "fw2", Role::FieldWorker).await;
    let leader = app.user(&a, "leader", Role::Leader).await;
    let admin = app.user(&a, "admin", Role::Admin).await;
    let analyst = app.user(&a, "analyst", Role::Analyst).await;
    let target = app.user(&a, "target", Role::FieldWorker).await;
    let b_leader = app.user(&b, "b-leader", Role::Leader).await;
    let b_admin = app.user(&b, "b-admin", Role::Admin).await;
    let lead = app.session_for(&leader).await;
    let contact = uuid::Uuid::new_v4();
    let fw_token = app.session_for(&fw).await;
    let op = json!({"op": "register", "id": contact, "occurred_at": jiff::Timestamp::now().to_string(), "place": place.id, "channel": "street", "age_group": "unknown", "gender": "male", "count": 2});
    let reply = app
        .post_json(
            "/api/v1/contacts/sync",
            Some(&fw_token),
            json!({"ops": [op]}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let group = app
        .post("/groups", Some(&fw_token), "name=Gruppa&kind=gaming&place=")
        .await
        .location()
        .trim_start_matches("/groups/")
        .to_owned();
    let district = place.district_id.to_string();
    let user = fw.id.to_string();
    for (path, form) in [
        ("/counterparts", "code=bv&name=Barnevernet".to_owned()),
        (
            "/staffing",
            "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=2&max_teams=3".to_owned(),
        ),
        (
            "/rota",
            format!(
                "date=01.01.2024&shift=day&staff={user}&staff={}&district={district}",
                fw2.id
            ),
        ),
        (
            "/schools",
            format!(
                "school={}&day_shifts=2&evening_shifts=2&member={user}",
                school.id
            ),
        ),
        (
            "/prevention/classes",
            format!("year=2024&school={}&names=8A", school.id),
        ),
    ] {
        let reply = app.post(path, Some(&lead), &form).await;
        assert!(reply.status.is_redirection(), "{path}: {}", reply.body);
    }
    let service = a.id;
    let ids = vec![
        ("{place}", place.id.to_string()),
        ("{district}", district),
        ("{contact}", contact.to_string()),
        ("{user}", user),
        ("{group}", group),
        ("{target}", target.id.to_string()),
        ("{school}", school.id.to_string()),
        ("{spare}", spare.id.to_string()),
        (
            "{counterpart}",
            id_of(
                app,
                &format!("SELECT id FROM counterpart_services WHERE service_id = '{service}'"),
            )
            .await,
        ),
        (
            "{staffing}",
            id_of(
                app,
                &format!("SELECT id FROM staffing_targets WHERE service_id = '{service}'"),
            )
            .await,
        ),
        (
            "{rota}",
            id_of(
                app,
                &format!("SELECT id FROM rota_teams WHERE service_id = '{service}'"),
            )
            .await,
        ),
        (
            "{class}",
            id_of(
                app,
                &format!("SELECT id FROM class_checklist WHERE service_id = '{service}'"),
            )
            .await,
        ),
    ];
    let sessions = vec![
        (Actor::OtherService(Role::Leader), b_leader),
        (Actor::OtherService(Role::Admin), b_admin),
        (Actor::Own(Role::Analyst), analyst),
        (Actor::OtherFieldWorker, fw2),
        (Actor::Own(Role::FieldWorker), fw),
        (Actor::Own(Role::Leader), leader),
        (Actor::Own(Role::Admin), admin),
    ];
    World { ids, sessions }
}

impl World {
    fn id(&self, name: &str) -> &str {
        &self.ids.iter().find(|(n, _)| *n == name).unwrap().1
    }

    /// The route's path with the first service's record in place of its parameter.
    fn path(&self, path: &str) -> String {
        let id = match path {
            p if p.starts_with("/places/districts/") => self.id("{district}"),
            "/places/{id}/delete" => self.id("{spare}"),
            p if p.starts_with("/places/") => self.id("{place}"),
            p if p.starts_with("/contacts/") => self.id("{contact}"),
            p if p.starts_with("/groups/") => self.id("{group}"),
            p if p.starts_with("/counterparts/") => self.id("{counterpart}"),
            p if p.starts_with("/staffing/") => self.id("{staffing}"),
            p if p.starts_with("/rota/") => self.id("{rota}"),
            p if p.starts_with("/schools/") => self.id("{school}"),
            p if p.starts_with("/prevention/classes/") => self.id("{class}"),
            p if p.starts_with("/admin/users/") => self.id("{target}"),
            _ => "",
        };
        path.replace("{id}", id)
            .replace("{table}", "districts.csv")
            .replace("{file}", "report.html")
            .replace("{token}", "not-a-real-secret")
    }

    fn fill(&self, form: &str) -> String {
        self.ids
            .iter()
            .fold(form.to_owned(), |form, (name, id)| form.replace(name, id))
    }
}

#[tokio::test]
async fn every_route_answers_every_user_as_the_matrix_says_and_logs_what_it_should() {
    let routes = every_route();
    assert!(routes.len() > 100, "the route table looks incomplete");
    for (method, path) in &routes {
        row(method, path);
    }
    for app in each_app().await {
        let w = world(&app).await;
        let mut failures = Vec::new();
        // Rows whose audit entries were compared on a request that did its work.
        let mut audited = std::collections::BTreeSet::new();
        for (method, route) in &routes {
            let (who, audits) = row(method, route);
            if who == Who::Youth {
                continue;
            }
            let path = w.path(route);
            let has_id = route.contains("{id}");
            for actor in ACTORS {
                if matches!(actor, Actor::OtherService(_)) && !has_id {
                    continue;
                }
                let session = match w.sessions.iter().find(|(a, _)| a == actor) {
                    Some((_, user)) => Some(app.session_for(user).await),
                    None => None,
                };
                let before = app.count("SELECT COUNT(*) FROM audit_log").await;
                let reply = if method == "GET" && route.starts_with("/api/") {
                    // The API's reads take the year they are about.
                    app.get(&format!("{path}?year=2024"), session.as_deref())
                        .await
                } else if method == "GET" {
                    app.get(&path, session.as_deref()).await
                } else if route.starts_with("/api/") {
                    app.post_json(&path, session.as_deref(), json!({})).await
                } else {
                    let form = w.fill(&form_for(route));
                    app.send(Method::POST, &path, session.as_deref(), Some(&form))
                        .await
                };
                let written: Vec<String> = app
                    .audit_codes()
                    .await
                    .into_iter()
                    .skip(before as usize)
                    .collect();
                let status = reply.status.as_u16();
                let want = expected(who, *actor, has_id);
                // A page or API read that the user may use must work for them, not merely not
                // be refused; a form may still answer 4xx for what was filled in.
                let must_work = method == "GET"
                    && matches!(actor, Actor::Own(_) | Actor::OtherFieldWorker)
                    && matches!(who, Who::Roles(_) | Who::AuthorOrLeader);
                let answered_right = match want {
                    Answer::Allowed if must_work => status < 400,
                    Answer::Allowed => status < 500 && status != 401 && status != 403,
                    Answer::Forbidden => status == 403,
                    Answer::NotHere => status == 403 || status == 404,
                    Answer::LogIn if route.starts_with("/api/") => status == 401,
                    Answer::LogIn => {
                        reply.status.is_redirection() && reply.location().starts_with("/login")
                    }
                };
                // A request that did its work (a page shown, a form that led on, an API call
                // answered) by a logged-in user writes the route's entries. A refused request,
                // or a form shown again with its mistakes, writes nothing.
                // These forms answer with a page of their result (the one-time link) instead of
                // leading on.
                const SHOW_RESULT: &[&str] = &["/admin/users", "/admin/users/{id}/reset"];
                let done = match (method.as_str(), route.starts_with("/api/")) {
                    ("GET", _) | (_, true) => reply.status.is_success(),
                    _ if SHOW_RESULT.contains(&route.as_str()) => reply.status.is_success(),
                    _ => reply.status.is_redirection(),
                };
                if done && session.is_some() && want == Answer::Allowed && !audits.is_empty() {
                    audited.insert(format!("{method} {route}"));
                }
                let want_audit: Vec<String> =
                    if done && session.is_some() && want == Answer::Allowed {
                        audits.iter().map(|code| code.to_string()).collect()
                    } else {
                        vec![]
                    };
                let audit_right = written == want_audit
                    || (method == "POST" && route == "/login" && written.is_empty());
                if !answered_right || !audit_right {
                    failures.push(format!(
                        "{method} {path} as {actor:?}: {status} (want {want:?}), audit {written:?} (want {want_audit:?})"
                    ));
                }
                // A role without the route is refused before the body is read: a body that does
                // not parse gets the same 403, never a 400 about it.
                if method == "POST"
                    && matches!(who, Who::Roles(_))
                    && want == Answer::Forbidden
                    && answered_right
                {
                    let empty = app
                        .send(Method::POST, &path, session.as_deref(), Some(""))
                        .await;
                    if empty.status != reply.status {
                        failures.push(format!(
                            "{method} {path} as {actor:?} with an empty body: {} (with a form: {status})",
                            empty.status
                        ));
                    }
                }
            }
        }
        // Every row with audit entries had them checked on a request that did its work, or is
        // named here with the test that does.
        const AUDITED_ELSEWHERE: &[&str] = &[
            // login.rs: a wrong password is logged.
            "POST /login",
            // import_upload.rs: the upload is multipart.
            "POST /admin/import",
            // user_admin.rs: here the same account was disabled by the route before.
            "POST /admin/users/{id}/reset",
        ];
        for (method, route) in &routes {
            let (who, audits) = row(method, route);
            let key = format!("{method} {route}");
            if who != Who::Youth
                && !audits.is_empty()
                && !audited.contains(&key)
                && !AUDITED_ELSEWHERE.contains(&key.as_str())
            {
                failures.push(format!(
                    "{key}: its audit entries {audits:?} were never checked"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{}:\n{}",
            app.name(),
            failures.join("\n")
        );
    }
}

/// The route table is what the router serves: every recorded method of a path is answered (not
/// 405), and GET or POST that the table does not record for a path is 405. A route added with
/// the wrong recorder (`.get(path, post(h))`) would otherwise be walked under a method it does
/// not have.
#[tokio::test]
async fn the_route_table_is_what_the_router_serves() {
    let app = common::app_for(gatelangs_testkit::sqlite().await, Default::default());
    let table = gatelangs_web::routes::route_table();
    for (_, path) in &table {
        let concrete = path
            .split('/')
            .map(|part| if part.starts_with('{') { "x" } else { part })
            .collect::<Vec<_>>()
            .join("/");
        for method in ["GET", "POST"] {
            let recorded = table.iter().any(|(m, p)| p == path && *m == method);
            let reply = app
                .send(method.parse().unwrap(), &concrete, None, Some(""))
                .await;
            assert_eq!(
                reply.status == 405,
                !recorded,
                "{method} {path}: {} (recorded: {recorded})",
                reply.status
            );
        }
    }
}
