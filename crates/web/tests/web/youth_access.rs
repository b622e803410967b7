//! The authorization matrix of the youth record: every youth route × every kind of user ×
//! (normal / emergency access / blocked) gets exactly the expected answer, and every allowed
//! access leaves an audit entry. A youth route (page or JSON API) without a row here fails the
//! test.

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::http::{Method, StatusCode};
use common::{TestApp, each_app, urlencode};
use gatelangs_domain::field::Gender;
use gatelangs_domain::{EntryId, MunicipalityNumber, Role, UserId, YouthId};
use gatelangs_storage::journal::{self, NewEntry};
use gatelangs_storage::record_access as facts;
use gatelangs_storage::users::User;
use gatelangs_storage::youths::{self, YouthFields};
use jiff::civil::date;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    /// Pages of the youth desk that show no particular youth: field workers and leaders.
    Desk,
    /// A youth's record: contact persons, leaders, emergency access; never when blocked.
    Record,
    /// Leader-only actions on a record.
    LeaderOnly,
    /// Taking emergency access: anyone at the desk who is not blocked.
    Emergency,
    /// The leader's list of emergency accesses (of the leader's own service).
    ReviewList,
    /// Marking one emergency access of this service as reviewed.
    Review,
    /// A retention decision: leaders the youth has not blocked; the matrix's youth is open, so
    /// an authorized leader is told it is not due (409).
    Retention,
}

fn rule(method: &str, path: &str) -> Rule {
    match (method, path) {
        ("GET", "/youths" | "/youths/search" | "/youths/new" | "/youths/follow-up")
        | ("POST", "/youths") => Rule::Desk,
        ("GET", "/youths/access-review" | "/youths/retention") => Rule::ReviewList,
        ("POST", "/youths/access-review/{grant}") => Rule::Review,
        ("POST", "/youths/{id}/retention") => Rule::Retention,
        (_, "/youths/{id}/emergency") => Rule::Emergency,
        (
            "POST",
            "/youths/{id}/contact-persons"
            | "/youths/{id}/blocks"
            | "/youths/{id}/blocks/{block}/lift"
            | "/youths/{id}/entries/{entry}/withhold"
            | "/youths/{id}/entries/{entry}/delete",
        )
        | ("GET", "/youths/{id}/archive-copy.pdf") => Rule::LeaderOnly,
        (
            "GET",
            "/youths/{id}"
            | "/youths/{id}/edit"
            | "/youths/{id}/conversations/new"
            | "/youths/{id}/innsyn"
            | "/youths/{id}/innsyn.pdf"
            | "/youths/{id}/consents/new"
            | "/youths/{id}/collaborations/new"
            | "/youths/{id}/child-welfare/new",
        )
        | (
            "POST",
            "/youths/{id}/edit"
            | "/youths/{id}/close"
            | "/youths/{id}/reopen"
            | "/youths/{id}/conversations"
            | "/youths/{id}/notes"
            | "/youths/{id}/correction-refusals"
            | "/youths/{id}/entries/{entry}/edit"
            | "/youths/{id}/entries/{entry}/sign"
            | "/youths/{id}/entries/{entry}/correct"
            | "/youths/{id}/assessments"
            | "/youths/{id}/consents"
            | "/youths/{id}/consents/{consent}/withdraw"
            | "/youths/{id}/collaborations"
            | "/youths/{id}/child-welfare"
            | "/youths/{id}/child-welfare/{request}/answer",
        ) => Rule::Record,
        _ => panic!("the youth route {method} {path} has no row in the authorization matrix"),
    }
}

/// The kinds of user the matrix walks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Actor {
    ContactPerson,
    ContactPersonBlocked,
    OtherWorker,
    OtherWorkerEmergency,
    OtherWorkerBlockedWithEmergency,
    Leader,
    LeaderBlocked,
    Analyst,
    Admin,
    OtherServiceLeader,
}

/// The expected answer: allowed (any 2xx/3xx), forbidden, not found, or allowed but refused
/// by a rule about the record's state (409).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Answer {
    Allowed,
    Forbidden,
    NotFound,
    NotDue,
}

fn expected(rule: Rule, actor: Actor) -> Answer {
    use Actor::*;
    use Answer::*;
    let desk = !matches!(actor, Analyst | Admin);
    match rule {
        Rule::Desk if desk => Allowed,
        Rule::Desk => Forbidden,
        Rule::ReviewList if matches!(actor, Leader | LeaderBlocked | OtherServiceLeader) => Allowed,
        Rule::ReviewList => Forbidden,
        _ if actor == OtherServiceLeader => NotFound,
        Rule::Review => {
            if matches!(actor, Leader | LeaderBlocked) {
                Allowed
            } else {
                Forbidden
            }
        }
        Rule::Emergency => match actor {
            ContactPerson | OtherWorker | OtherWorkerEmergency | Leader => Allowed,
            _ => Forbidden,
        },
        Rule::Record => match actor {
            ContactPerson | OtherWorkerEmergency | Leader => Allowed,
            _ => Forbidden,
        },
        Rule::LeaderOnly => {
            if actor == Leader {
                Allowed
            } else {
                Forbidden
            }
        }
        Rule::Retention => {
            if actor == Leader {
                NotDue
            } else {
                Forbidden
            }
        }
    }
}

struct World {
    youth: YouthId,
    users: Vec<(Actor, User)>,
    contact: User,
    contact2: User,
    admin: User,
    nav: gatelangs_domain::CounterpartId,
}

/// A consent of the youth covering NAV since 2024.
async fn consent(
    conn: &mut gatelangs_storage::AnyConnection,
    store: &gatelangs_storage::Store,
    service: gatelangs_domain::ServiceId,
    youth: YouthId,
    nav: gatelangs_domain::CounterpartId,
) -> gatelangs_domain::ConsentId {
    let id = gatelangs_domain::ConsentId::new();
    let new = gatelangs_storage::consents::NewConsent {
        id,
        youth,
        given_by: gatelangs_domain::consent::GivenBy::YouthAndGuardian,
        age_at_consent: 13,
        period: gatelangs_domain::consent::ConsentPeriod {
            given_on: date(2024, 1, 1),
            valid_until: None,
            withdrawn_on: None,
        },
        form: None,
        what_shared: None,
        purpose: None,
        youth_view: Some("agrees"),
        guardians_not_involved: None,
        services: &[nav],
        recorded_by: None,
    };
    gatelangs_storage::consents::create(conn, store.field_keys(), service, &new, 1)
        .await
        .unwrap();
    id
}

async fn world(app: &TestApp) -> World {
    let a = app.service("team-a", false).await;
    let b = app.service("team-b", false).await;
    let mut users = Vec::new();
    for (actor, name, role) in [
        (Actor::ContactPerson, "cp", Role::FieldWorker),
        (Actor::ContactPersonBlocked, "cp2", Role::FieldWorker),
        (Actor::OtherWorker, "other", Role::FieldWorker),
        (Actor::OtherWorkerEmergency, "emerg", Role::FieldWorker),
        (
            Actor::OtherWorkerBlockedWithEmergency,
            "blockedemerg",
            Role::FieldWorker,
        ),
        (Actor::Leader, "leader", Role::Leader),
        (Actor::LeaderBlocked, "leader2", Role::Leader),
        (Actor::Analyst, "analyst", Role::Analyst),
        (Actor::Admin, "admin", Role::Admin),
    ] {
        users.push((actor, app.user(&a, name, role).await));
    }
    users.push((
        Actor::OtherServiceLeader,
        app.user(&b, "outsider", Role::Leader).await,
    ));
    let find = |actor: Actor| users.iter().find(|(a, _)| *a == actor).unwrap().1.clone();
    let (cp, cp2, admin) = (
        find(Actor::ContactPerson),
        find(Actor::ContactPersonBlocked),
        find(Actor::Admin),
    );
    let youth = YouthId::new();
    let store = app.store();
    let mut conn = store.conn().await.unwrap();
    youths::create(
        &mut conn,
        store.field_keys(),
        a.id,
        youths::NewYouth {
            id: youth,
            fields: &fields("Y1", "Solveig"),
            contact_persons: &[cp.id, cp2.id],
            created_by: Some(cp.id),
        },
        1,
    )
    .await
    .unwrap();
    let nav = gatelangs_storage::counterparts::create(&mut conn, a.id, "nav", "NAV")
        .await
        .unwrap()
        .id;
    consent(&mut conn, store, a.id, youth, nav).await;
    let now = gatelangs_storage::now();
    for actor in [
        Actor::ContactPersonBlocked,
        Actor::OtherWorkerBlockedWithEmergency,
        Actor::LeaderBlocked,
    ] {
        facts::add_block(
            &mut conn,
            store.field_keys(),
            a.id,
            facts::NewBlock {
                youth,
                user: find(actor).id,
                entry: None,
                reason: "the youth asked",
                by: cp.id,
            },
            now,
        )
        .await
        .unwrap();
    }
    for actor in [
        Actor::OtherWorkerEmergency,
        Actor::OtherWorkerBlockedWithEmergency,
    ] {
        facts::grant_emergency(
            &mut conn,
            store.field_keys(),
            a.id,
            youth,
            find(actor).id,
            "youth in crisis at the station",
            (now, now + 3600),
        )
        .await
        .unwrap();
    }
    World {
        youth,
        users,
        contact: cp,
        contact2: cp2,
        admin,
        nav,
    }
}

fn fields(reference: &str, first: &str) -> YouthFields {
    YouthFields {
        reference: reference.into(),
        first_name: first.into(),
        last_name: "Kvernbakken".into(),
        birth_date: date(2010, 5, 17),
        gender: Gender::Female,
        municipality: MunicipalityNumber::parse("3205").unwrap(),
        phone: None,
        school: None,
        guardians: vec![],
    }
}

/// Fills the path's ids with fresh objects, so every allowed request can succeed.
async fn concrete(app: &TestApp, w: &World, path: &str, actor: &User, n: usize) -> String {
    let store = app.store();
    let service = w.contact.service_id;
    let mut conn = store.conn().await.unwrap();
    let mut path = path.replace("{id}", &w.youth.to_string());
    if path.contains("{entry}") {
        let author: UserId = if actor.service_id == service
            && matches!(actor.role, Role::FieldWorker | Role::Leader)
        {
            actor.id
        } else {
            w.contact.id
        };
        let entry = EntryId::new();
        journal::create(
            &mut conn,
            store.field_keys(),
            service,
            &NewEntry {
                id: entry,
                youth: w.youth,
                conversation: None,
                kind: "note",
                helped_at: 1,
                author,
                body: format!("note {n}"),
                signed: path.ends_with("/correct"),
            },
            1,
        )
        .await
        .unwrap();
        path = path.replace("{entry}", &entry.to_string());
    }
    if path.contains("{block}") {
        let block = facts::add_block(
            &mut conn,
            store.field_keys(),
            service,
            facts::NewBlock {
                youth: w.youth,
                user: w.admin.id,
                entry: None,
                reason: "asked",
                by: w.contact.id,
            },
            1,
        )
        .await
        .unwrap();
        path = path.replace("{block}", &block.to_string());
    }
    if path.contains("{consent}") {
        let c = consent(&mut conn, store, service, w.youth, w.nav).await;
        path = path.replace("{consent}", &c.to_string());
    }
    if path.contains("{request}") {
        let id = gatelangs_domain::WelfareId::new();
        let new = gatelangs_storage::child_welfare::NewWelfare {
            id,
            youth: w.youth,
            kind: gatelangs_domain::consent::WelfareKind::InformationRequest,
            day: date(2024, 3, 1),
            details: Default::default(),
            answered_on: None,
            answer: None,
            recorded_by: None,
        };
        gatelangs_storage::child_welfare::create(&mut conn, store.field_keys(), service, &new, 1)
            .await
            .unwrap();
        path = path.replace("{request}", &id.to_string());
    }
    if path.contains("{grant}") {
        let grant = facts::grant_emergency(
            &mut conn,
            store.field_keys(),
            service,
            w.youth,
            w.admin.id,
            "test grant reason",
            (1, 61),
        )
        .await
        .unwrap();
        path = path.replace("{grant}", &grant.to_string());
    }
    path
}

fn form(path: &str, w: &World, actor: &User, n: usize) -> String {
    let youth = format!(
        "first_name=Astrid{n}&last_name=Lund&birth_date=01.02.2011&gender=female&municipality=3205&confirmed=1"
    );
    if path == "/youths" {
        return if actor.role == Role::Leader {
            format!(
                "{youth}&contact1={}&contact2={}",
                w.contact.id, w.contact2.id
            )
        } else {
            youth
        };
    }
    let tail = path.rsplit('/').next().unwrap_or_default();
    match tail {
        "edit" if path.contains("/entries/") => "body=changed".into(),
        "edit" => "first_name=Solveig&last_name=Kvernbakken&birth_date=17.05.2010&gender=female&municipality=3205".into(),
        "contact-persons" => format!("contact1={}&contact2={}", w.contact.id, w.contact2.id),
        "emergency" => format!("reason={}", urlencode("the youth called and needs help now")),
        "blocks" => format!("user={}&reason=asked", w.admin.id),
        "conversations" => format!("date=01.03.2024&time=10:00&staff={}&challenges=crime&challenges=substance_use", w.contact.id),
        "notes" => "body=a+note".into(),
        "correction-refusals" => "request=change+the+date&reason=the+date+was+right".into(),
        "correct" => "body=corrected&reason=wrong+date".into(),
        "withhold" => "reason=harmful".into(),
        "delete" => "reason=wrong+youth".into(),
        "assessments" => "status_crime=present&comment_crime=x".into(),
        "consents" => "given_on=01.03.2024&given_by=youth_and_guardian&youth_view=agrees&services=nav".into(),
        "withdraw" => String::new(),
        "collaborations" => "date=15.03.2024&direction=outgoing&service=nav&note=meeting".into(),
        "child-welfare" => "kind=concern_report&date=01.03.2024&grounds=neglect&details=worried".into(),
        "answer" => "answer=sent+a+summary".into(),
        "retention" => "outcome=deleted&grounds=no+longer+needed".into(),
        _ if path.starts_with("/youths/access-review/") => "note=ok".into(),
        _ => String::new(),
    }
}

/// The API's routes about youths, from the OpenAPI document, as (method, path).
fn api_youth_routes() -> Vec<(String, String)> {
    let doc = serde_json::to_value(gatelangs_web::api::openapi()).unwrap();
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        if path.contains("/youths") {
            for method in item
                .as_object()
                .unwrap()
                .keys()
                .filter(|m| *m != "parameters")
            {
                out.push((method.clone(), path.clone()));
            }
        }
    }
    assert!(!out.is_empty(), "the API has youth routes");
    out
}

#[tokio::test]
async fn every_youth_route_answers_every_user_as_the_matrix_says_and_logs_every_allowed_access() {
    let table: Vec<_> = gatelangs_web::routes::route_table()
        .into_iter()
        .filter(|(_, path)| *path == "/youths" || path.starts_with("/youths/"))
        .collect();
    assert!(
        table.len() >= 25,
        "the route table looks incomplete: {table:?}"
    );
    for app in each_app().await {
        let w = world(&app).await;
        let mut sessions = Vec::new();
        for (actor, user) in &w.users {
            sessions.push((*actor, user.clone(), app.session_for(user).await));
        }
        let mut n = 0;
        for (method, template) in &table {
            let rule = rule(method, template);
            for (actor, user, session) in &sessions {
                n += 1;
                let path = concrete(&app, &w, template, user, n).await;
                let before = app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'personal_data_%' OR action = 'emergency_access_granted'").await;
                let reply = if *method == "GET" {
                    let query = match *template {
                        "/youths/follow-up" => {
                            format!("?contact={}", gatelangs_domain::ContactId::new())
                        }
                        "/youths/search" => {
                            "?first_name=Solveig&last_name=Kvernbakken&birth_date=17.05.2010".into()
                        }
                        _ => String::new(),
                    };
                    app.get(&format!("{path}{query}"), Some(session)).await
                } else {
                    app.send(
                        Method::POST,
                        &path,
                        Some(session),
                        Some(&form(&path, &w, user, n)),
                    )
                    .await
                };
                let answer = match reply.status {
                    s if s.is_success() || s.is_redirection() => Answer::Allowed,
                    StatusCode::FORBIDDEN => Answer::Forbidden,
                    StatusCode::NOT_FOUND => Answer::NotFound,
                    StatusCode::CONFLICT => Answer::NotDue,
                    other => panic!(
                        "{method} {template} as {actor:?} on {}: {other}\n{}",
                        app.name(),
                        reply.body
                    ),
                };
                let want = expected(rule, *actor);
                assert_eq!(
                    answer,
                    want,
                    "{method} {template} as {actor:?} on {}: {}",
                    app.name(),
                    reply.body
                );
                let after = app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'personal_data_%' OR action = 'emergency_access_granted'").await;
                let touches_record = matches!(rule, Rule::Record | Rule::LeaderOnly)
                    || (rule == Rule::Emergency
                        && *method == "POST"
                        && *actor == Actor::OtherWorker);
                if want == Answer::Allowed && touches_record {
                    assert!(
                        after > before,
                        "{method} {template} as {actor:?} on {} left no audit entry",
                        app.name()
                    );
                }
                if want != Answer::Allowed {
                    assert_eq!(
                        after, before,
                        "{method} {template} as {actor:?}: a refused request logged an access"
                    );
                }
                // The analyst and the administrator have no youth desk at all: refused before
                // the form is read, so a form that does not parse gets the same 403.
                if *method == "POST" && matches!(actor, Actor::Analyst | Actor::Admin) {
                    let empty = app.send(Method::POST, &path, Some(session), Some("")).await;
                    assert_eq!(
                        empty.status,
                        StatusCode::FORBIDDEN,
                        "POST {template} as {actor:?} with an empty form on {}",
                        app.name()
                    );
                }
                if *actor == Actor::OtherWorker && rule == Rule::Emergency {
                    // Keep "other worker" without access for the rest of the walk.
                    sqlx::query("UPDATE emergency_accesses SET expires_at = 0 WHERE user_id = $1")
                        .bind(user.id.to_string())
                        .execute(app.store().pool())
                        .await
                        .unwrap();
                }
            }
        }
        // The JSON API's youth routes are walked the same way.
        for (method, template) in api_youth_routes() {
            let rule = match (method.as_str(), template.as_str()) {
                ("post", "/api/v1/youths/{id}/collaborations") => Rule::Record,
                _ => panic!(
                    "the API youth route {method} {template} has no row in the authorization matrix"
                ),
            };
            for (actor, _user, session) in &sessions {
                let path = template.replace("{id}", &w.youth.to_string());
                let before = app
                    .count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'personal_data_%'")
                    .await;
                let body = serde_json::json!({"date": "2024-03-15", "direction": "outgoing", "service": "nav"});
                let reply = app.post_json(&path, Some(session), body).await;
                let answer = match reply.status {
                    s if s.is_success() => Answer::Allowed,
                    StatusCode::FORBIDDEN => Answer::Forbidden,
                    StatusCode::NOT_FOUND => Answer::NotFound,
                    other => panic!(
                        "{method} {template} as {actor:?} on {}: {other}\n{}",
                        app.name(),
                        reply.body
                    ),
                };
                assert_eq!(
                    answer,
                    expected(rule, *actor),
                    "{method} {template} as {actor:?} on {}",
                    app.name()
                );
                let after = app
                    .count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'personal_data_%'")
                    .await;
                assert_eq!(
                    after > before,
                    answer == Answer::Allowed,
                    "{method} {template} as {actor:?}: audit"
                );
            }
        }
        // Refusals at the record gate are themselves logged, for the leader's review.
        assert!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'record_access_refused'")
                .await
                > 0
        );
    }
}
