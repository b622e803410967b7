//! The leader writes the annual report's prose for a year — foreword, mandate, history — with
//! live values such as `{{ field_contacts.total }}`, then previews the document. The rule that a
//! live value names a figure lives in `app::report_texts`.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Multipart;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_report::prose::Prose;
use serde::Deserialize;

use super::layout::Layout;
use super::report::{YearQuery, year_of};
use crate::auth::{Can, ForPrincipal, Principal, ReportWriter};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/report/texts", get(page))
        .post("/report/texts", post(save))
        .post("/report/logo", post(upload_logo))
        .post("/report/logo/delete", post(delete_logo))
}

#[derive(Deserialize, Default)]
struct TextsQuery {
    year: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize)]
struct TextsForm {
    year: String,
    #[serde(default)]
    foreword: String,
    #[serde(default)]
    mandate: String,
    #[serde(default)]
    history: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "report_texts.html")]
struct Page {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    year: i32,
    foreword: String,
    mandate: String,
    history: String,
    has_logo: bool,
}

fn view(
    p: &Principal,
    year: i32,
    prose: Prose,
    errors: Vec<String>,
    done: Option<&str>,
    has_logo: bool,
) -> Page {
    let tr = p.tr();
    Page {
        has_logo,
        notice: match done {
            Some("saved") => Some(tr.t("report-texts-saved")),
            Some("logo") => Some(tr.t("report-logo-saved")),
            _ => None,
        },
        errors,
        year,
        foreword: prose.foreword,
        mandate: prose.mandate,
        history: prose.history,
        layout: Layout::for_principal(p, "report-texts-title", "report", "/report/texts"),
    }
}

async fn page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<TextsQuery>,
) -> AppResult<Page> {
    let writer = ReportWriter::for_principal(&p)?;
    let year = year_of(&state, &YearQuery { year: q.year }, &p).await?;
    let (prose, has_logo) = loaded(&state, &writer, year).await?;
    Ok(view(&p, year, prose, vec![], q.done.as_deref(), has_logo))
}

async fn loaded(state: &AppState, writer: &ReportWriter, year: i32) -> AppResult<(Prose, bool)> {
    let mut conn = state.store.read_conn().await?;
    let prose = gatelangs_report::prose::load(&mut conn, writer.service(), year).await?;
    let has_logo = gatelangs_storage::logos::get(&mut conn, writer.service())
        .await?
        .is_some();
    Ok((prose, has_logo))
}

/// The logo from the form's `logo` file (and the year to return to).
async fn upload_logo(
    State(state): State<AppState>,
    Can(p, writer): Can<ReportWriter>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let (mut bytes, mut year) = (None, None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-bad-form"))?
    {
        match field.name() {
            Some("logo") => bytes = Some(field.bytes().await.map_err(|_| AppError::TooLarge)?),
            Some("year") => year = field.text().await.ok(),
            _ => {}
        }
    }
    let year = year_of(&state, &YearQuery { year }, &p).await?;
    let error = match bytes.filter(|b| !b.is_empty()) {
        None => "report-logo-error-none",
        Some(b) => match gatelangs_app::report_texts::set_logo(&state.store, &writer, Some(&b))
            .await
        {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/report/texts?year={year}&done=logo")).into_response(),
                );
            }
            Err(gatelangs_app::Error::Invalid(key)) => key,
            Err(e) => return Err(e.into()),
        },
    };
    let (prose, has_logo) = loaded(&state, &writer, year).await?;
    let page = view(&p, year, prose, vec![p.tr().t(error)], None, has_logo);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize)]
struct DeleteLogoForm {
    year: String,
}

async fn delete_logo(
    State(state): State<AppState>,
    Can(p, writer): Can<ReportWriter>,
    Form(form): Form<DeleteLogoForm>,
) -> AppResult<Redirect> {
    let year = year_of(
        &state,
        &YearQuery {
            year: Some(form.year),
        },
        &p,
    )
    .await?;
    gatelangs_app::report_texts::set_logo(&state.store, &writer, None).await?;
    Ok(Redirect::to(&format!("/report/texts?year={year}")))
}

async fn save(
    State(state): State<AppState>,
    Can(p, writer): Can<ReportWriter>,
    Form(form): Form<TextsForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let year = year_of(
        &state,
        &YearQuery {
            year: Some(form.year),
        },
        &p,
    )
    .await?;
    let prose = Prose {
        foreword: form.foreword,
        mandate: form.mandate,
        history: form.history,
    };
    let errors = match gatelangs_app::report_texts::save(&state.store, &writer, year, &prose).await
    {
        Ok(Ok(())) => {
            return Ok(
                Redirect::to(&format!("/report/texts?year={year}&done=saved")).into_response(),
            );
        }
        Ok(Err(unknown)) => unknown
            .iter()
            .map(|path| tr.t1("report-texts-error-unknown", "path", path))
            .collect(),
        Err(gatelangs_app::Error::Invalid(key)) => vec![tr.t(key)],
        Err(e) => return Err(e.into()),
    };
    let has_logo = loaded(&state, &writer, year).await?.1;
    let page = view(&p, year, prose, errors, None, has_logo);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
