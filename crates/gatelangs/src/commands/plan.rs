//! `gatelangs plan presence --service SLUG --year Y --staff N [--hours-per-week H] --format json`
//! prints `{"staff": N, "weekly_team_shifts": [...], "expected_contacts_per_week": x,
//! "team_hours_per_week": h}`, with what this year's records show beside it.

use std::process::ExitCode;

use anyhow::{Context, bail};
use gatelangs_app::actor::Actor;
use gatelangs_app::capabilities::PresencePlanner;
use gatelangs_app::presence::{self, Request};
use gatelangs_planner::TeamShift;
use gatelangs_storage::{Store, services};
use serde::Serialize;

use crate::cli::{PlanCommand, PlanFormat};

#[derive(Serialize)]
struct ThisYear {
    year: i32,
    team_hours_per_week: f64,
    contacts_per_week: f64,
}

#[derive(Serialize)]
struct Output<'a> {
    staff: u32,
    weekly_team_shifts: &'a [TeamShift],
    expected_contacts_per_week: f64,
    team_hours_per_week: f64,
    hours_per_week: f64,
    /// The records the plan was made from, for comparison.
    this_year: ThisYear,
}

pub async fn run(store: &Store, cmd: PlanCommand) -> anyhow::Result<ExitCode> {
    let PlanCommand::Presence {
        service,
        year,
        staff,
        hours_per_week,
        must_cover,
        school_day_shifts,
        pins,
        format: PlanFormat::Json,
    } = cmd;
    if !gatelangs_report::valid_year(year) {
        bail!(
            "--year {year}: expected a year from {} to {}",
            gatelangs_report::YEARS.start(),
            gatelangs_report::YEARS.end()
        );
    }
    let must_cover =
        presence::parse_slots(&must_cover).map_err(|e| anyhow::anyhow!("--must-cover {e}"))?;
    let pins = presence::parse_pins(&pins).map_err(|e| anyhow::anyhow!("--pin {e}"))?;
    let svc = {
        let mut conn = store.conn().await?;
        services::find_by_slug(&mut conn, &service)
            .await?
            .with_context(|| format!("no service with slug {service:?}"))?
    };
    let planner = PresencePlanner::for_actor(&Actor::operator(svc.id))?;
    let request = Request {
        year,
        staff,
        hours_per_week,
        must_cover,
        school_day_shifts,
        pins,
    };
    if let Err(key) = request.check() {
        bail!(
            "{}: --staff is 1 to {} and --hours-per-week 1 to 60",
            key,
            gatelangs_planner::MAX_STAFF
        );
    }
    let answer = presence::plan(store, &planner, request).await?;
    let plan = answer.plan.map_err(|e| anyhow::anyhow!("{e}"))?;
    let out = Output {
        staff: plan.staff,
        weekly_team_shifts: &plan.weekly_team_shifts,
        expected_contacts_per_week: plan.expected_contacts_per_week,
        team_hours_per_week: plan.team_hours_per_week,
        hours_per_week,
        this_year: ThisYear {
            year,
            team_hours_per_week: answer.this_year.team_hours_per_week,
            contacts_per_week: answer.this_year.contacts_per_week,
        },
    };
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}
