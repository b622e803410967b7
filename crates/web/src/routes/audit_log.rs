//! The leader's view of the audit log, filterable by user and date.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gatelangs_domain::UserId;
use gatelangs_domain::time::day_start;
use gatelangs_storage::audit::AuditFilter;
use serde::Deserialize;

use super::layout::Layout;
use crate::auth::{AuditReader, Principal};
use crate::error::AppResult;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new().get("/audit", get(show))
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    pub user: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A query turned into a filter in the service's time zone; `Err` names the bad field.
pub fn to_filter(q: &AuditQuery, tz: &jiff::tz::TimeZone) -> Result<AuditFilter, &'static str> {
    let bound = |s: &Option<String>, plus_days: i64| -> Result<Option<i64>, &'static str> {
        match s.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => day_start(text, plus_days, tz)
                .map(Some)
                .ok_or("audit-bad-date"),
        }
    };
    let actor = match q.user.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(id.parse::<UserId>().map_err(|_| "error-bad-request")?),
    };
    Ok(AuditFilter {
        actor,
        from: bound(&q.from, 0)?,
        until: bound(&q.to, 1)?,
        limit: 500,
        subject: None,
    })
}

struct StaffOption {
    id: String,
    label: String,
    selected: bool,
}

struct Row {
    at: String,
    user: String,
    action: String,
    subject: String,
    /// A youth the entry is about: (record id, ref), shown as a link.
    youth: Option<(String, String)>,
    detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    errors: Vec<String>,
    staff: Vec<StaffOption>,
    from: String,
    to: String,
    entries: Vec<Row>,
}

/// A date typed as 26.11.2026 shown back in the date field's own form (2026-11-26).
fn date_field(s: &Option<String>) -> String {
    s.as_deref()
        .and_then(gatelangs_domain::time::parse_date)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let reader = AuditReader::for_principal(&principal)?;
    let tr = principal.tr();
    let tz = principal.tz();
    let (filter, errors, status) = match to_filter(&q, &tz) {
        Ok(f) => (Some(f), vec![], StatusCode::OK),
        Err(key) => (None, vec![tr.t(key)], StatusCode::BAD_REQUEST),
    };
    let entries = match &filter {
        Some(f) => reader.list(&state.store, f).await?,
        None => vec![],
    };
    let refs = reader.youth_refs(&state.store, &entries).await?;
    let chosen = filter.as_ref().and_then(|f| f.actor);
    let staff = reader
        .staff(&state.store)
        .await?
        .into_iter()
        .map(|u| StaffOption {
            selected: Some(u.id) == chosen,
            id: u.id.to_string(),
            label: format!("{} ({})", u.name, u.username),
        })
        .collect();
    let entries = entries
        .into_iter()
        .map(|e| Row {
            at: gatelangs_domain::time::format_seconds(e.at, &tz),
            user: e.actor_username.unwrap_or_else(|| "–".to_owned()),
            action: match super::youths::access_labels(&tr, &e.action) {
                Some((what, basis)) => format!("{what} ({basis})"),
                None => e.action,
            },
            youth: e
                .subject
                .strip_prefix("youth:")
                .and_then(|id| refs.get(id).map(|r| (id.to_owned(), r.clone()))),
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    let page = AuditPage {
        layout: Layout::for_principal(&principal, "audit-title", "audit", "/audit"),
        errors,
        staff,
        from: date_field(&q.from),
        to: date_field(&q.to),
        entries,
    };
    Ok((status, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_filter_whole_days_in_oslo_time() {
        let tz = jiff::tz::TimeZone::get("Europe/Oslo").unwrap_or(jiff::tz::TimeZone::UTC);
        let q = AuditQuery {
            user: None,
            from: Some("30.03.2025".into()),
            to: Some("2025-03-30".into()),
        };
        let f = to_filter(&q, &tz).unwrap_or_default();
        // 30 March 2025 is the day summer time starts: 23 hours long.
        assert_eq!(f.until.zip(f.from).map(|(u, s)| u - s), Some(23 * 3600));
        let bad = AuditQuery {
            from: Some("31.02.2025".into()),
            ..AuditQuery::default()
        };
        assert_eq!(to_filter(&bad, &tz).err(), Some("audit-bad-date"));
    }
}
