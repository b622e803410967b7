//! `/youths/retention`: the rule of each record series, the leader's list of closed follow-up
//! records that are past their period, the decision form for each, and the decisions made.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gatelangs_app::retention::{self, RetentionDecision};
use gatelangs_domain::retention::{Keep, RULES};
use gatelangs_domain::time::{format_day, format_seconds};
use gatelangs_storage::retention::Outcome;
use serde::Deserialize;

use crate::auth::{Can, YouthDesk};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::routes::layout::Layout;
use crate::state::AppState;

pub struct RuleRow {
    pub series: String,
    pub rule: String,
}

pub struct DueRow {
    pub id: String,
    pub reference: String,
    pub closed_on: String,
    pub due: String,
}

pub struct DecisionRow {
    pub reference: String,
    pub outcome: String,
    pub archive_reference: String,
    pub grounds: String,
    pub decided_by: String,
    pub decided_at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_retention.html")]
pub struct RetentionPage {
    layout: Layout,
    rules: Vec<RuleRow>,
    due: Vec<DueRow>,
    decisions: Vec<DecisionRow>,
    decided: bool,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    decided: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Query(q): Query<PageQuery>,
) -> AppResult<RetentionPage> {
    let tz = p.tz();
    let due = retention::past_period(&state.store, &desk, &tz, p.today()).await?;
    let decisions = retention::recorded(&state.store, &desk).await?;
    let tr = p.tr();
    let rules = RULES
        .iter()
        .map(|(series, keep)| RuleRow {
            series: tr.t(&format!("retention-series-{}", series.code())),
            rule: match keep {
                Keep::WhileNeeded {
                    review_after_closed_years,
                } => tr.tn(
                    "retention-keep-while-needed",
                    "years",
                    usize::try_from(*review_after_closed_years).unwrap_or_default(),
                ),
                Keep::Kept => tr.t("retention-keep-kept"),
                Keep::AsLongAsTheRecords => tr.t("retention-keep-audit"),
            },
        })
        .collect();
    let due = due
        .into_iter()
        .map(|d| DueRow {
            id: d.youth.to_string(),
            reference: d.reference,
            closed_on: format_day(d.closed_on),
            due: format_day(d.due),
        })
        .collect();
    let decisions = decisions
        .into_iter()
        .map(|d| DecisionRow {
            reference: d.reference,
            outcome: tr.t(&format!("retention-outcome-{}", d.outcome)),
            archive_reference: d.archive_reference.unwrap_or_default(),
            grounds: d.grounds,
            decided_by: d.decided_by,
            decided_at: format_seconds(d.decided_at, &tz),
        })
        .collect();
    Ok(RetentionPage {
        rules,
        due,
        decisions,
        decided: q.decided.is_some(),
        layout: Layout::for_principal(&p, "retention-title", "youths", "/youths/retention"),
    })
}

#[derive(Deserialize)]
pub struct DecisionForm {
    outcome: String,
    #[serde(default)]
    archive_reference: String,
    #[serde(default)]
    grounds: String,
}

/// A leader's decision to delete a record past its period, or to deposit it with the archive.
pub async fn decide(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let youth = super::youth_id(&id)?;
    let outcome = match form.outcome.as_str() {
        "deleted" => Outcome::Deleted,
        "deposited" => Outcome::Deposited,
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let decision = RetentionDecision {
        youth,
        outcome,
        archive_reference: Some(&form.archive_reference),
        grounds: &form.grounds,
    };
    retention::decide(&state.store, &desk, &p.tz(), p.today(), &decision).await?;
    Ok(Redirect::to("/youths/retention?decided=1").into_response())
}
