//! Import and export of bundles in the web interface, for administrators: upload a .zip (or an
//! .xlsx workbook with a sheet per file), see
//! every problem with its file and line, and nothing is written unless there is none.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use gatelangs_interchange::{ImportError, import, read_upload};
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{Administrator, Can, Principal};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/admin/import", get(show))
        .post("/admin/import", post(upload))
        .get("/admin/export", get(download))
}

#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
    errors: Vec<String>,
    problems: Vec<String>,
    done: Vec<String>,
}

fn page(
    principal: &Principal,
    errors: Vec<String>,
    problems: Vec<String>,
    done: Vec<String>,
) -> ImportPage {
    ImportPage {
        layout: Layout::for_principal(principal, "import-title", "import", "/admin/import"),
        errors,
        problems,
        done,
    }
}

async fn show(principal: Principal) -> AppResult<Response> {
    Administrator::for_principal(&principal)?;
    Ok(page(&principal, vec![], vec![], vec![]).into_response())
}

async fn upload(
    State(state): State<AppState>,
    Can(principal, admin): Can<Administrator>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let tr = principal.tr();
    let mut bytes = None;
    let mut file_name = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-bad-form"))?
    {
        if field.name() == Some("bundle") {
            file_name = field.file_name().unwrap_or_default().to_owned();
            bytes = Some(field.bytes().await.map_err(|_| AppError::TooLarge)?);
        }
    }
    // Problems name the file as the administrator chose it (a workbook's sheets after it).
    let label = match file_name.rsplit(['/', '\\']).next() {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => "upload.zip".to_owned(),
    };
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&principal, vec![tr.t("import-no-file")], vec![], vec![]),
        )
            .into_response());
    };
    let bundle = match read_upload(bytes.to_vec(), &label) {
        Ok(b) => b,
        Err(problem) => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(&principal, vec![], vec![problem.to_string()], vec![]),
            )
                .into_response());
        }
    };
    let slug = principal.service().slug.clone();
    match import(&state.store, &slug, &bundle, admin.user()).await {
        Ok(summary) => {
            let done: Vec<String> = summary
                .files
                .iter()
                .map(|(file, created, same)| {
                    format!(
                        "{file}: {}",
                        tr.t1("import-counts", "counts", &format!("{created} / {same}"))
                    )
                })
                .collect();
            Ok(page(&principal, vec![], vec![], done).into_response())
        }
        Err(ImportError::Invalid(problems)) => {
            let problems = problems.iter().map(ToString::to_string).collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                page(
                    &principal,
                    vec![tr.t("import-nothing-written")],
                    problems,
                    vec![],
                ),
            )
                .into_response())
        }
        Err(ImportError::BadService(_) | ImportError::Refused(_)) => {
            Err(AppError::BadRequest("error-bad-request"))
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct ExportQuery {
    year: Option<String>,
}

async fn download(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let admin = Administrator::for_principal(&principal)?;
    let year = match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .map_err(|_| AppError::BadRequest("report-bad-year"))?,
        ),
    };
    let slug = principal.service().slug.clone();
    let bytes = gatelangs_interchange::export_zip(&state.store, &slug, year, admin.user())
        .await
        .map_err(AppError::internal)?;
    let name = match year {
        Some(y) => format!("{slug}-{y}.zip"),
        None => format!("{slug}.zip"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
