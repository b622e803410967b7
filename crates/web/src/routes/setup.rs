//! First run: the one-time setup link creates the service and its first administrator, so no
//! installation ever has a default password.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use gatelangs_domain::{
    AuditAction, AuditEvent, DisplayName, MunicipalityNumber, NewPassword, Role, ServiceName,
    ServiceSlug, ServiceTimeZone, Username,
};
use gatelangs_storage::services::NewService;
use gatelangs_storage::sessions::{self, Stage};
use gatelangs_storage::users::NewUser;
use gatelangs_storage::{StoreError, services, setup, users};
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{Visitor, password};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/setup/{token}", get(show))
        .post("/setup/{token}", post(submit))
}

#[derive(Deserialize, Default)]
struct SetupForm {
    service_name: String,
    slug: String,
    #[serde(default)]
    municipality: String,
    name: String,
    username: String,
    password: String,
    password_again: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
struct SetupPage {
    layout: Layout,
    errors: Vec<String>,
    token: String,
    form: SetupForm,
}

async fn token_is_usable(state: &AppState, token: &str) -> AppResult<bool> {
    let mut conn = state.store.conn().await?;
    Ok(setup::is_valid(&mut conn, token).await? && users::count_all(&mut conn).await? == 0)
}

async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if !token_is_usable(&state, &token).await? {
        return Err(AppError::BadRequest("setup-invalid-link"));
    }
    let path = format!("/setup/{token}");
    Ok(SetupPage {
        layout: Layout::public(visitor.tr(), "setup-title", &path),
        errors: vec![],
        token,
        form: SetupForm::default(),
    }
    .into_response())
}

struct Valid {
    service: NewService,
    name: DisplayName,
    username: Username,
    password: NewPassword,
}

fn validate(form: &SetupForm, tr: &Tr) -> Result<Valid, Vec<String>> {
    let mut errors = vec![];
    let mut check = |ok: bool, key: &str| {
        if !ok {
            errors.push(tr.t(key));
        }
    };
    let service_name = ServiceName::parse(&form.service_name);
    check(service_name.is_ok(), "setup-bad-service-name");
    let slug = ServiceSlug::parse(form.slug.trim());
    check(slug.is_ok(), "setup-bad-slug");
    let municipality = match form.municipality.trim() {
        "" => Ok(None),
        m => MunicipalityNumber::parse(m).map(Some),
    };
    check(municipality.is_ok(), "setup-bad-municipality");
    let name = DisplayName::parse(&form.name);
    check(name.is_ok(), "setup-bad-name");
    let username = Username::parse(&form.username);
    check(username.is_ok(), "setup-bad-username");
    let password = password::check_new(
        &form.password,
        &form.password_again,
        &[&form.username, &form.name, &form.slug],
    );
    if let Err(problems) = &password {
        for key in problems {
            check(false, key);
        }
    }
    match (service_name, slug, municipality, name, username, password) {
        (Ok(service_name), Ok(slug), Ok(municipality), Ok(name), Ok(username), Ok(password))
            if errors.is_empty() =>
        {
            Ok(Valid {
                service: NewService {
                    slug,
                    name: service_name,
                    municipality,
                    time_zone: ServiceTimeZone::oslo(),
                    require_two_factor: true,
                    is_demo: false,
                },
                name,
                username,
                password,
            })
        }
        _ => Err(errors),
    }
}

async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> AppResult<Response> {
    if !token_is_usable(&state, &token).await? {
        return Err(AppError::BadRequest("setup-invalid-link"));
    }
    let tr = visitor.tr();
    let path = format!("/setup/{token}");
    let page = |errors: Vec<String>, form: SetupForm| {
        let page = SetupPage {
            layout: Layout::public(tr, "setup-title", &path),
            errors,
            token: token.clone(),
            form,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let valid = match validate(&form, &tr) {
        Ok(valid) => valid,
        Err(errors) => {
            return Ok(page(
                errors,
                SetupForm {
                    password: String::new(),
                    password_again: String::new(),
                    ..form
                },
            ));
        }
    };
    let hash = password::hash(valid.password).await?;

    let mut tx = state.store.begin().await?;
    if !setup::consume(&mut tx, &token).await? {
        return Err(AppError::BadRequest("setup-invalid-link"));
    }
    // In the audit chain: the service, its first administrator, then the completed setup.
    let created = async {
        let service = services::create(&mut tx, &valid.service).await?;
        gatelangs_storage::counterparts::seed_defaults(&mut tx, service.id).await?;
        let admin_id = gatelangs_domain::UserId::new();
        let event = AuditEvent::new(
            Some(admin_id),
            AuditAction::ServiceCreated,
            format!("service:{}", service.slug),
        );
        state.store.audit(&mut tx, Some(service.id), &event).await?;
        let new_user = NewUser {
            service: service.id,
            username: &valid.username,
            name: &valid.name,
            role: Role::Admin,
            password_hash: Some(hash),
        };
        let admin = gatelangs_app::users::create(
            &mut tx,
            &state.store,
            &new_user,
            Some(admin_id),
            gatelangs_app::users::CreatedBy::Themselves,
            "setup",
        )
        .await?;
        let event = AuditEvent::new(
            Some(admin_id),
            AuditAction::SetupCompleted,
            format!("service:{}", service.slug),
        );
        state.store.audit(&mut tx, Some(service.id), &event).await?;
        Ok::<_, gatelangs_app::Error>(admin)
    }
    .await;
    match created {
        Ok(admin) => {
            // The setup link is the first administrator's enrolment link: they go straight on
            // to their authenticator (the service requires a second factor).
            let token =
                sessions::create(&mut tx, admin.id, admin.service_id, Stage::MustEnrol).await?;
            tx.commit().await?;
            Ok(super::login::session_started(
                &state,
                &admin,
                &token,
                Stage::MustEnrol,
            ))
        }
        // The slug or the username is taken.
        Err(
            gatelangs_app::Error::Conflict(_) | gatelangs_app::Error::Store(StoreError::Conflict),
        ) => {
            tx.rollback().await?;
            Ok(page(
                vec![tr.t("setup-taken")],
                SetupForm {
                    password: String::new(),
                    password_again: String::new(),
                    ..form
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}
