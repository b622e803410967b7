//! The leader writes the annual report's prose for a year — foreword, mandate, history — with
//! live values such as `{{ field_contacts.total }}`, then previews the document. The rule that a
//! live value names a figure lives in `app::report_texts`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use gatelangs_report::prose::Prose;
use serde::Deserialize;

use super::layout::Layout;
use super::report::{YearQuery, year_of};
use crate::auth::{ForPrincipal, Principal, ReportWriter};
use crate::error::AppResult;
use crate::form::Form;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/report/texts", get(page).post(save))
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
}

fn view(p: &Principal, year: i32, prose: Prose, errors: Vec<String>, saved: bool) -> Page {
    let tr = p.tr();
    Page {
        notice: saved.then(|| tr.t("report-texts-saved")),
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
    let mut conn = state.store.read_conn().await?;
    let prose = gatelangs_report::prose::load(&mut conn, writer.service(), year).await?;
    Ok(view(
        &p,
        year,
        prose,
        vec![],
        q.done.as_deref() == Some("saved"),
    ))
}

async fn save(
    State(state): State<AppState>,
    p: Principal,
    Form(form): Form<TextsForm>,
) -> AppResult<Response> {
    let writer = ReportWriter::for_principal(&p)?;
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
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        view(&p, year, prose, errors, false),
    )
        .into_response())
}
