//! The trend summary for the collaboration forums (SLT, police, schools): the notes of a period
//! per district and theme, as a page and as a PDF. It shows no summary text and no count from
//! 1 to 4, so every role of the service may read it and hand it on.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gatelangs_domain::time::{format_day, parse_date};
use gatelangs_report::document::{Document, DocumentLogo};
use gatelangs_storage::{logos, observations};
use jiff::civil::Date;
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{ForPrincipal, Principal, ReportReader};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/trends/summary", get(page))
        .get("/trends/summary.pdf", get(pdf))
}

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The period asked for (dates as 26.11.2026 or 2026-11-26); without one, this year so far.
/// The error names the field that is not a date, or a period that ends before it starts.
fn period(p: &Principal, q: &PeriodQuery) -> Result<(Date, Date), &'static str> {
    let today = p.today();
    let day = |text: &str, default: Date| match text.trim() {
        "" => Some(default),
        t => parse_date(t),
    };
    let from = day(&q.from, today.first_of_year()).ok_or("trends-error-from")?;
    let to = day(&q.to, today).ok_or("trends-error-to")?;
    if to < from {
        return Err("trends-error-period");
    }
    Ok((from, to))
}

async fn summary(
    state: &AppState,
    reader: &ReportReader,
    p: &Principal,
    from: Date,
    to: Date,
) -> AppResult<Document> {
    let mut conn = state.store.read_conn().await?;
    let notes = observations::themes_between(&mut conn, reader.service(), from, to).await?;
    let logo = logos::get(&mut conn, reader.service()).await?;
    Ok(gatelangs_report::trends::summary_document(
        &p.service().name,
        from,
        to,
        &notes,
        logo.as_ref().map(DocumentLogo::from),
    ))
}

#[derive(Template, WebTemplate)]
#[template(path = "trend_summary.html")]
pub struct SummaryPage {
    layout: Layout,
    errors: Vec<String>,
    from: String,
    to: String,
    pdf_query: String,
    doc: Option<Document>,
}

async fn page(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let reader = ReportReader::for_principal(&p)?;
    let layout = Layout::for_principal(&p, "trends-summary-title", "trends", "/trends/summary");
    match period(&p, &q) {
        Ok((from, to)) => {
            let doc = summary(&state, &reader, &p, from, to).await?;
            Ok(SummaryPage {
                from: format_day(from),
                to: format_day(to),
                pdf_query: format!("from={from}&to={to}"),
                doc: Some(doc),
                errors: vec![],
                layout,
            }
            .into_response())
        }
        Err(key) => {
            let page = SummaryPage {
                errors: vec![p.tr().t(key)],
                from: q.from.clone(),
                to: q.to.clone(),
                pdf_query: String::new(),
                doc: None,
                layout,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn pdf(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let reader = ReportReader::for_principal(&p)?;
    let (from, to) = period(&p, &q).map_err(AppError::BadRequest)?;
    let doc = summary(&state, &reader, &p, from, to).await?;
    // Typesetting takes CPU: off the async workers.
    let bytes = tokio::task::spawn_blocking(move || gatelangs_report::render::pdf(&doc))
        .await
        .map_err(AppError::internal)?
        .map_err(|e| AppError::internal(std::io::Error::other(e)))?;
    let disposition = format!(
        "attachment; filename=\"trender-{}-{from}-{to}.pdf\"",
        p.service().slug
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
