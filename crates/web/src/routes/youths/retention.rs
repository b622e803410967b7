//! `/youths/retention`: the rule of each record series, and the leader's list of closed
//! follow-up records that are past their period and wait for a decision.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use gatelangs_app::retention;
use gatelangs_domain::retention::{Keep, RULES};
use gatelangs_domain::time::format_day;

use crate::auth::{Can, YouthDesk};
use crate::error::AppResult;
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

#[derive(Template, WebTemplate)]
#[template(path = "youth_retention.html")]
pub struct RetentionPage {
    layout: Layout,
    rules: Vec<RuleRow>,
    due: Vec<DueRow>,
}

pub async fn page(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
) -> AppResult<RetentionPage> {
    let tz = p.tz();
    let due = retention::past_period(&state.store, &desk, &tz, p.today()).await?;
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
    Ok(RetentionPage {
        rules,
        due,
        layout: Layout::for_principal(&p, "retention-title", "youths", "/youths/retention"),
    })
}
