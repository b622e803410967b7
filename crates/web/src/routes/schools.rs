//! School contacts (reference section 4.0): which staff are each school's contacts, and the
//! school team's day and evening shifts per week. Leaders set them; field workers read them.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::schools::{self as schools_app, SchoolTeamInput};
use gatelangs_domain::field::PlaceKind;
use gatelangs_domain::{PlaceId, Role};
use gatelangs_storage::{places, schools, users};
use serde::Deserialize;

use super::choice::Choice;
use super::layout::Layout;
use crate::auth::{Can, ForPrincipal, Principal, RotaPlanner, RotaReader};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/schools", get(page))
        .post("/schools", post(save))
        .post("/schools/{id}/delete", post(delete))
}

pub struct TeamRow {
    pub id: String,
    pub school: String,
    pub members: String,
    pub day_shifts: i64,
    pub evening_shifts: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "schools.html")]
pub struct SchoolsPage {
    layout: Layout,
    errors: Vec<String>,
    teams: Vec<TeamRow>,
    summary: Option<String>,
    may_plan: bool,
    schools: Vec<Choice>,
    staff: Vec<Choice>,
    form: TeamForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct TeamForm {
    #[serde(default)]
    school: String,
    #[serde(default)]
    day_shifts: String,
    #[serde(default)]
    evening_shifts: String,
    #[serde(default)]
    member: Vec<String>,
}

/// `2,5`: one decimal, as Norwegian writes it.
fn one_decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// "School teams have on average 2,0 evening shifts and 2,5 day shifts a week."
pub fn summary(tr: &Tr, teams: &[schools::SchoolTeam]) -> Option<String> {
    schools_app::averages(teams).map(|(day, evening)| {
        tr.t_args(
            "schools-summary",
            &[
                ("day", &one_decimal(day)),
                ("evening", &one_decimal(evening)),
            ],
        )
    })
}

async fn view(
    state: &AppState,
    p: &Principal,
    reader: &RotaReader,
    form: TeamForm,
    errors: Vec<String>,
) -> AppResult<SchoolsPage> {
    let tr = p.tr();
    let mut conn = state.store.read_conn().await?;
    let teams = schools::list(&mut conn, reader.service()).await?;
    let school_places = places::list_places(&mut conn, reader.service()).await?;
    let all_staff = users::list(&mut conn, reader.service()).await?;
    drop(conn);
    Ok(SchoolsPage {
        summary: summary(&tr, &teams),
        teams: teams
            .iter()
            .map(|t| TeamRow {
                id: t.place.to_string(),
                school: t.school.clone(),
                members: t
                    .members
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                day_shifts: t.day_shifts,
                evening_shifts: t.evening_shifts,
            })
            .collect(),
        may_plan: reader.role() == Role::Leader,
        schools: school_places
            .into_iter()
            .filter(|pl| pl.kind == PlaceKind::School && !pl.archived)
            .map(|pl| Choice {
                selected: pl.id.to_string() == form.school,
                value: pl.id.to_string(),
                label: pl.name,
            })
            .collect(),
        staff: all_staff
            .into_iter()
            .filter(|u| !u.disabled && matches!(u.role, Role::FieldWorker | Role::Leader))
            .map(|u| Choice {
                selected: form.member.contains(&u.id.to_string()),
                value: u.id.to_string(),
                label: format!("{} ({})", u.name, u.username),
            })
            .collect(),
        errors,
        form,
        layout: Layout::for_principal(p, "schools-title", "schools", "/schools"),
    })
}

async fn page(State(state): State<AppState>, p: Principal) -> AppResult<SchoolsPage> {
    let reader = RotaReader::for_principal(&p)?;
    view(&state, &p, &reader, TeamForm::default(), Vec::new()).await
}

async fn save(
    State(state): State<AppState>,
    Can(p, planner): Can<RotaPlanner>,
    crate::form::Form(form): crate::form::Form<TeamForm>,
) -> AppResult<Response> {
    let reader = RotaReader::for_principal(&p)?;
    let tr = p.tr();
    let parsed = (|| -> Result<SchoolTeamInput, &'static str> {
        let number = |t: &str| t.trim().parse::<i64>().map_err(|_| "schools-error-shifts");
        Ok(SchoolTeamInput {
            school: form.school.parse().map_err(|_| "schools-error-school")?,
            day_shifts: number(&form.day_shifts)?,
            evening_shifts: number(&form.evening_shifts)?,
            members: form
                .member
                .iter()
                .map(|m| m.parse())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| "schools-error-members")?,
        })
    })();
    let error = match parsed {
        Ok(input) => match schools_app::set_team(&state.store, &planner, input).await {
            Ok(()) => return Ok(Redirect::to("/schools").into_response()),
            Err(gatelangs_app::Error::Invalid(key)) => key,
            Err(e) => return Err(e.into()),
        },
        Err(key) => key,
    };
    let page = view(&state, &p, &reader, form, vec![tr.t(error)]).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn delete(
    State(state): State<AppState>,
    p: Principal,
    Path(id): Path<String>,
) -> AppResult<Redirect> {
    let planner = RotaPlanner::for_principal(&p)?;
    let id: PlaceId = id.parse().map_err(|_| AppError::NotFound)?;
    schools_app::remove_team(&state.store, &planner, id).await?;
    Ok(Redirect::to("/schools"))
}
