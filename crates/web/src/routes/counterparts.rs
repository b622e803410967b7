//! The catalogue of counterpart services (NAV, Barnevernstjenesten, …): leaders and
//! administrators add, rename and archive. An archived service stays in old records and reports
//! but is not offered for new ones.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_domain::{AuditAction, AuditEvent, CounterpartId};
use gatelangs_storage::{StoreError, counterparts};
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{Can, CatalogueEditor, Principal};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/counterparts", get(list))
        .post("/counterparts", post(create))
        .post("/counterparts/{id}", post(update))
}

pub struct Row {
    pub id: String,
    pub code: String,
    pub name: String,
    pub archived: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "counterparts.html")]
pub struct Page {
    layout: Layout,
    rows: Vec<Row>,
    errors: Vec<String>,
    notice: Option<String>,
    code: String,
    name: String,
}

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn page(
    state: &AppState,
    p: &Principal,
    editor: &CatalogueEditor,
    errors: Vec<String>,
    notice: Option<String>,
    (code, name): (String, String),
) -> AppResult<Page> {
    let mut conn = state.store.conn().await?;
    let rows = counterparts::list(&mut conn, editor.service())
        .await?
        .into_iter()
        .map(|c| Row {
            id: c.id.to_string(),
            code: c.code,
            name: c.name,
            archived: c.archived,
        })
        .collect();
    Ok(Page {
        rows,
        errors,
        notice,
        code,
        name,
        layout: Layout::for_principal(p, "counterparts-title", "counterparts", "/counterparts"),
    })
}

async fn list(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<Done>,
) -> AppResult<Page> {
    let editor = CatalogueEditor::for_principal(&p)?;
    let notice = (q.done == "saved").then(|| p.tr().t("counterparts-saved"));
    page(&state, &p, &editor, Vec::new(), notice, Default::default()).await
}

#[derive(Deserialize, Default)]
pub struct NewForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 50
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

async fn log(
    state: &AppState,
    p: &Principal,
    conn: &mut gatelangs_storage::AnyConnection,
    code: &str,
) -> AppResult<()> {
    let event = AuditEvent::new(
        Some(p.user_id()),
        AuditAction::ServiceChanged,
        format!("counterpart:{code}"),
    );
    state
        .store
        .audit(conn, Some(p.service_id()), &event)
        .await?;
    Ok(())
}

async fn create(
    State(state): State<AppState>,
    Can(p, editor): Can<CatalogueEditor>,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let code = form.code.trim().to_owned();
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut errors = Vec::new();
    if !valid_code(&code) {
        errors.push(tr.t("counterparts-error-code"));
    }
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(tr.t("counterparts-error-name"));
    }
    if errors.is_empty() {
        let mut tx = state.store.begin().await?;
        match counterparts::create(&mut tx, editor.service(), &code, &name).await {
            Ok(_) => {
                log(&state, &p, &mut tx, &code).await?;
                tx.commit().await?;
                return Ok(Redirect::to("/counterparts?done=saved").into_response());
            }
            Err(StoreError::Conflict) => {
                errors.push(tr.t1("counterparts-error-taken", "code", &code))
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(page(&state, &p, &editor, errors, None, (code, name))
        .await?
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct UpdateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    archived: String,
}

async fn update(
    State(state): State<AppState>,
    Can(p, editor): Can<CatalogueEditor>,
    Path(id): Path<String>,
    Form(form): Form<UpdateForm>,
) -> AppResult<Response> {
    let id: CounterpartId = id.parse().map_err(|_| AppError::NotFound)?;
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::BadRequest("counterparts-error-name"));
    }
    let mut tx = state.store.begin().await?;
    counterparts::update(
        &mut tx,
        editor.service(),
        id,
        &name,
        form.archived == "true",
    )
    .await?;
    log(&state, &p, &mut tx, &id.to_string()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/counterparts?done=saved").into_response())
}
