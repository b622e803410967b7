//! The yearly 8th-grade programme as a checklist (reference 2.7): every class of the schools,
//! typed once a year, each marked taught, planned or not yet, with the share taught.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::prevention as prevention_app;
use gatelangs_domain::field::PlaceKind;
use gatelangs_domain::groups::ClassStatus;
use gatelangs_storage::{class_checklist, places};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::layout::Layout;
use super::prevention::year_of;
use crate::auth::{Can, ForPrincipal, GroupWorker, Principal};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/prevention/classes", get(page))
        .post("/prevention/classes", post(add))
        .post("/prevention/classes/{id}", post(set_status))
}

fn status_label(tr: &Tr, s: ClassStatus) -> String {
    tr.t(&format!("classes-status-{}", s.as_str()))
}

pub struct ClassLine {
    pub id: String,
    pub school: String,
    pub class_name: String,
    pub statuses: Vec<Choice>,
    pub taught: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "classes.html")]
pub struct ClassesPage {
    layout: Layout,
    errors: Vec<String>,
    year: i32,
    classes: Vec<ClassLine>,
    share: Option<String>,
    schools: Vec<Choice>,
    names: String,
}

#[derive(Deserialize, Default)]
pub struct ClassForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    school: String,
    #[serde(default)]
    names: String,
    #[serde(default)]
    status: String,
}

async fn view(
    state: &AppState,
    p: &Principal,
    worker: &GroupWorker,
    form: &ClassForm,
    errors: Vec<String>,
) -> AppResult<ClassesPage> {
    let tr = p.tr();
    let year = year_of(p, &form.year);
    let mut conn = state.store.read_conn().await?;
    let rows = class_checklist::of_year(&mut conn, worker.service(), year).await?;
    let schools = places::list_places(&mut conn, worker.service()).await?;
    drop(conn);
    let taught = rows
        .iter()
        .filter(|r| r.status == ClassStatus::Taught)
        .count();
    let share = (!rows.is_empty()).then(|| {
        tr.t_args(
            "classes-share",
            &[
                ("taught", &taught.to_string()),
                ("all", &rows.len().to_string()),
                (
                    "percent",
                    &((taught * 100 + rows.len() / 2) / rows.len()).to_string(),
                ),
            ],
        )
    });
    Ok(ClassesPage {
        classes: rows
            .into_iter()
            .map(|r| ClassLine {
                statuses: of_codes(
                    ClassStatus::ALL,
                    ClassStatus::as_str,
                    |s| status_label(&tr, s),
                    r.status.as_str(),
                ),
                taught: r.status == ClassStatus::Taught,
                id: r.id,
                school: r.school,
                class_name: r.class_name,
            })
            .collect(),
        share,
        schools: schools
            .into_iter()
            .filter(|pl| pl.kind == PlaceKind::School && !pl.archived)
            .map(|pl| Choice {
                selected: pl.id.to_string() == form.school,
                value: pl.id.to_string(),
                label: pl.name,
            })
            .collect(),
        names: form.names.clone(),
        year,
        errors,
        layout: Layout::for_principal(p, "classes-title", "prevention", "/prevention/classes"),
    })
}

async fn page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<ClassForm>,
) -> AppResult<ClassesPage> {
    let worker = GroupWorker::for_principal(&p)?;
    view(&state, &p, &worker, &q, Vec::new()).await
}

async fn add(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Form(form): Form<ClassForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let year = year_of(&p, &form.year);
    let names: Vec<String> = form.names.lines().map(str::to_owned).collect();
    let error = match form.school.parse() {
        Ok(school) => {
            match prevention_app::add_classes(&state.store, &worker, year, school, &names).await {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/prevention/classes?year={year}")).into_response()
                    );
                }
                Err(gatelangs_app::Error::Invalid(key)) => key,
                Err(e) => return Err(e.into()),
            }
        }
        Err(_) => "classes-error-school",
    };
    let page = view(&state, &p, &worker, &form, vec![tr.t(error)]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn set_status(
    State(state): State<AppState>,
    Can(p, worker): Can<GroupWorker>,
    Path(id): Path<String>,
    Form(form): Form<ClassForm>,
) -> AppResult<Redirect> {
    let status: ClassStatus = form
        .status
        .parse()
        .map_err(|_| AppError::BadRequest("error-bad-form"))?;
    prevention_app::set_class_status(&state.store, &worker, &id, status).await?;
    let year = year_of(&p, &form.year);
    Ok(Redirect::to(&format!("/prevention/classes?year={year}")))
}
