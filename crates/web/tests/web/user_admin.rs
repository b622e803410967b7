//! User administration in the web: the authorization matrix of its routes (every route × every
//! kind of user), the one-time link from creation to first login, a reset that takes away
//! password and second factor, and the rules every path shares (an administrator does not
//! change their own account; every change is audited).

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::http::{Method, StatusCode};
use common::{PASSWORD, TestApp, each_app, urlencode};
use gatelangs_domain::Role;
use gatelangs_storage::users::{self, User};

/// Every route of user administration, with the form it is sent in the matrix. `{id}` is the
/// id of a field worker of service A.
const ROUTES: &[(Method, &str, &str)] = &[
    (Method::GET, "/admin/users", ""),
    (
        Method::POST,
        "/admin/users",
        "name=Ny+Bruker&username=matrix-{n}&role=field_worker",
    ),
    (Method::GET, "/admin/users/{id}", ""),
    (Method::POST, "/admin/users/{id}/role", "role=leader"),
    (Method::POST, "/admin/users/{id}/disabled", "disabled=false"),
    (Method::POST, "/admin/users/{id}/reset", ""),
    (Method::POST, "/admin/users/{id}/unlock", ""),
];

/// The answer each kind of user gets on every route: administrators of A may, the other roles
/// of A may not, and B's administrator does not find A's accounts (B's own list is its own).
fn expected(role: &str, path: &str) -> StatusCode {
    match role {
        "admin" => StatusCode::OK,
        "other-admin" if path.contains("{id}") => StatusCode::NOT_FOUND,
        "other-admin" => StatusCode::OK,
        _ => StatusCode::FORBIDDEN,
    }
}

fn answered(status: StatusCode) -> StatusCode {
    // A change answers with the page it leads to (303) or the link page (200).
    if status.is_redirection() {
        StatusCode::OK
    } else {
        status
    }
}

#[tokio::test]
async fn every_user_admin_route_answers_every_kind_of_user_as_the_matrix_says() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let b = app.service("team-b", false).await;
        let target = app.user(&a, "target", Role::FieldWorker).await;
        let mut callers = vec![];
        for (name, role) in [
            ("admin", Role::Admin),
            ("leader", Role::Leader),
            ("field_worker", Role::FieldWorker),
            ("analyst", Role::Analyst),
        ] {
            let u = app.user(&a, &format!("a-{name}"), role).await;
            callers.push((name, app.session_for(&u).await));
        }
        let other = app.user(&b, "b-admin", Role::Admin).await;
        callers.push(("other-admin", app.session_for(&other).await));
        for (n, (caller, session)) in callers.iter().enumerate() {
            for (method, path, form) in ROUTES {
                let url = path.replace("{id}", &target.id.to_string());
                let body = form.replace("{n}", &n.to_string());
                let form = (*method == Method::POST).then_some(body.as_str());
                let reply = app.send(method.clone(), &url, Some(session), form).await;
                assert_eq!(
                    answered(reply.status),
                    expected(caller, path),
                    "{} {caller} {method} {path}: {}",
                    app.name(),
                    reply.body
                );
                if *caller == "other-admin" && *path == "/admin/users" && *method == Method::GET {
                    assert!(!reply.body.contains("target"), "{}", app.name());
                    assert!(reply.body.contains("b-admin"), "{}", app.name());
                }
            }
        }
        // B's administrator changed nothing of A's: the target is still a field worker who can
        // log in with their password.
        let mut conn = app.store().conn().await.unwrap();
        let after = users::get(&mut conn, a.id, target.id).await.unwrap();
        drop(conn);
        assert_eq!(after.username, "target");
        let created_in_b = app
            .count(&format!(
                "SELECT COUNT(*) FROM users WHERE service_id = '{}'",
                b.id
            ))
            .await;
        assert_eq!(
            created_in_b,
            2,
            "B's admin made one account, in B: {}",
            app.name()
        );
    }
}

/// The one-time link shown on the page after a creation or a reset.
fn link_in(page: &str) -> String {
    let start = page.find("/password/").unwrap();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}

async fn choose_password(app: &TestApp, link: &str, password: &str) -> common::Reply {
    let pw = urlencode(password);
    app.post(link, None, &format!("password={pw}&password_again={pw}"))
        .await
}

#[tokio::test]
async fn a_new_account_chooses_its_password_through_a_one_time_link() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let admin = app.user(&a, "boss", Role::Admin).await;
        let session = app.session_for(&admin).await;

        // A bad form names each problem and creates nothing.
        let bad = app
            .post(
                "/admin/users",
                Some(&session),
                "name=&username=No+Spaces&role=chief",
            )
            .await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.name()
        );
        for message in ["Skriv fullt navn", "Brukernavnet kan bare", "Velg en rolle"] {
            assert!(bad.body.contains(message), "{}: {message}", app.name());
        }

        let created = app
            .post(
                "/admin/users",
                Some(&session),
                "name=Kari+Nordmann&username=kari&role=leader",
            )
            .await;
        assert_eq!(created.status, StatusCode::OK, "{}", app.name());
        let link = link_in(&created.body);
        assert!(
            created.body.contains("http://"),
            "an address to copy: {}",
            app.name()
        );

        // A taken username is named.
        let taken = app
            .post(
                "/admin/users",
                Some(&session),
                "name=Kari+To&username=kari&role=leader",
            )
            .await;
        assert_eq!(taken.status, StatusCode::CONFLICT, "{}", app.name());
        assert!(
            taken.body.contains("kari er allerede i bruk"),
            "{}",
            app.name()
        );

        // The account cannot log in before its owner has chosen a password.
        assert_eq!(
            app.login("kari", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        let page = app.get(&link, None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", app.name());
        assert!(page.body.contains("kari"), "{}", app.name());

        // Too short, and two that differ: named, the link still works.
        let short = choose_password(&app, &link, "kort").await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("minst 12 tegn"), "{}", app.name());
        let differ = app
            .post(
                &link,
                None,
                "password=lange-gule-bananer&password_again=lange-gule-bananar",
            )
            .await;
        assert!(differ.body.contains("ikke like"), "{}", app.name());

        let done = choose_password(&app, &link, "lange-gule-bananer").await;
        assert_eq!(done.location(), "/login?password=1", "{}", app.name());
        let login = app.login("kari", "lange-gule-bananer").await;
        assert_eq!(login.location(), "/", "{}", app.name());

        // Used once: the link is gone, and a made-up one is the same answer.
        for used in [link.clone(), "/password/0123abcd".to_owned()] {
            let again = app.get(&used, None).await;
            assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", app.name());
            assert!(
                again.body.contains("ugyldig, brukt eller utløpt"),
                "{}",
                app.name()
            );
            let post = choose_password(&app, &used, "en-helt-annen-setning").await;
            assert_eq!(post.status, StatusCode::BAD_REQUEST, "{}", app.name());
        }
        assert_eq!(
            app.login("kari", "en-helt-annen-setning").await.status,
            StatusCode::UNAUTHORIZED
        );

        let codes = app.audit_codes().await;
        let created_at = codes.iter().position(|c| c == "user_created").unwrap();
        assert!(
            codes[created_at..].iter().any(|c| c == "password_changed"),
            "{}: {codes:?}",
            app.name()
        );
        let detail = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'user_created' AND detail LIKE 'role=leader; web'")
            .await;
        assert_eq!(detail, 1, "{}", app.name());
        let by_link = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'password_changed' AND detail = 'one-time link'")
            .await;
        assert_eq!(by_link, 1, "{}", app.name());
        // Only the link's hash is stored, and no link is left.
        assert_eq!(app.count("SELECT COUNT(*) FROM user_reset_links").await, 0);
    }
}

/// An administrator's action on `user`'s page (`role`, `disabled`, `reset`, `unlock`).
async fn act(app: &TestApp, session: &str, user: &User, action: &str, form: &str) -> common::Reply {
    let path = format!("/admin/users/{}/{action}", user.id);
    app.post(&path, Some(session), form).await
}

async fn user_named(app: &TestApp, service: gatelangs_domain::ServiceId, username: &str) -> User {
    let mut conn = app.store().conn().await.unwrap();
    let user = users::find_by_username(&mut conn, username)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.service_id, service);
    user
}

#[tokio::test]
async fn a_reset_takes_password_and_second_factor_and_the_user_enrols_again() {
    for app in each_app().await {
        let a = app.service("team-a", true).await;
        let admin = app.user(&a, "boss", Role::Admin).await;
        let worker = app.user(&a, "ola", Role::FieldWorker).await;
        let mut conn = app.store().conn().await.unwrap();
        users::set_totp(
            &mut conn,
            app.store().field_keys(),
            a.id,
            worker.id,
            "JBSWY3DPEHPK3PXP",
            1,
        )
        .await
        .unwrap();
        drop(conn);
        let worker_session = app.session_for(&worker).await;
        assert_eq!(
            app.get("/", Some(&worker_session)).await.status,
            StatusCode::OK
        );

        let session = app.session_for(&admin).await;
        let reset = act(&app, &session, &worker, "reset", "").await;
        assert_eq!(
            reset.status,
            StatusCode::OK,
            "{}: {}",
            app.name(),
            reset.body
        );
        let link = link_in(&reset.body);
        assert!(link.len() > "/password/".len() + 32, "{link}");

        // The old session, the old password and the authenticator are gone.
        assert_ne!(
            app.get("/", Some(&worker_session)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.login("ola", PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        let after = user_named(&app, a.id, "ola").await;
        assert!(!after.has_two_factor(), "{}", app.name());
        assert!(after.password_hash.is_none(), "{}", app.name());

        // The link leads on to enrol a new authenticator; the password alone does not.
        let chosen = choose_password(&app, &link, "nye-blaa-sykler-i-sol").await;
        assert_eq!(
            chosen.location(),
            "/account/two-factor",
            "enrols again: {}",
            app.name()
        );
        assert!(chosen.session_cookie().is_some());
        let login = app.login("ola", "nye-blaa-sykler-i-sol").await;
        assert_eq!(login.status, StatusCode::FORBIDDEN, "{}", app.name());

        // A second reset makes a new link; an older one never outlives it.
        let first = link_in(&act(&app, &session, &worker, "reset", "").await.body);
        let second = link_in(&act(&app, &session, &worker, "reset", "").await.body);
        assert_eq!(app.get(&first, None).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.get(&second, None).await.status, StatusCode::OK);

        // Disabling ends the link too; enabling lets the account log in again, not the link.
        let off = act(&app, &session, &worker, "disabled", "disabled=true").await;
        assert!(off.status.is_redirection(), "{}", app.name());
        assert_eq!(app.get(&second, None).await.status, StatusCode::BAD_REQUEST);
        let refused = act(&app, &session, &worker, "reset", "").await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", app.name());
        assert!(refused.body.contains("deaktivert"), "{}", app.name());
        act(&app, &session, &worker, "disabled", "disabled=false").await;

        let codes = app.audit_codes().await;
        for code in ["credentials_reset", "user_disabled", "user_enabled"] {
            assert!(
                codes.iter().any(|c| c == code),
                "{}: {code} in {codes:?}",
                app.name()
            );
        }
    }
}

#[tokio::test]
async fn an_administrator_changes_others_not_themselves_and_roles_take_effect() {
    for app in each_app().await {
        let a = app.service("team-a", false).await;
        let admin = app.user(&a, "boss", Role::Admin).await;
        let leader = app.user(&a, "lea", Role::Leader).await;
        let session = app.session_for(&admin).await;
        for (path, form) in [
            ("role", "role=field_worker"),
            ("disabled", "disabled=true"),
            ("reset", ""),
        ] {
            let reply = act(&app, &session, &admin, path, form).await;
            assert_eq!(reply.status, StatusCode::CONFLICT, "{} {path}", app.name());
            assert!(
                reply.body.contains("en annen administrator"),
                "{} {path}",
                app.name()
            );
        }
        let own = app
            .get(&format!("/admin/users/{}", admin.id), Some(&session))
            .await;
        assert!(
            !own.body.contains("/reset\""),
            "no reset button on one's own page"
        );

        // A leader made administrator may open the users page at once (the role is read with
        // the session), and made a field worker again may not.
        let leader_session = app.session_for(&leader).await;
        let set_role = |role: &'static str| {
            let form = format!("role={role}");
            let (app, session, leader) = (&app, session.clone(), leader.clone());
            async move { act(app, &session, &leader, "role", &form).await }
        };
        let users_page = || app.get("/admin/users", Some(&leader_session));
        assert_eq!(users_page().await.status, StatusCode::FORBIDDEN);
        let made = set_role("admin").await;
        assert_eq!(
            made.location(),
            format!("/admin/users/{}?done=role", leader.id)
        );
        assert_eq!(users_page().await.status, StatusCode::OK);
        set_role("field_worker").await;
        assert_eq!(users_page().await.status, StatusCode::FORBIDDEN);
        assert_eq!(set_role("chief").await.status, StatusCode::BAD_REQUEST);
        let details = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'role_changed' AND detail IN ('leader -> admin; web', 'admin -> field_worker; web')")
            .await;
        assert_eq!(details, 2, "{}", app.name());
    }
}
