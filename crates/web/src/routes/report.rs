//! The field-contact part of the annual report in the browser (reference report 2.1–2.2):
//! contacts per district and place with last year beside them, street and school against
//! digital, age group × gender, months, and a weekday × time-band heat map — each as a table and
//! downloadable as CSV, the breakdowns also as charts.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gatelangs_domain::field::{AgeGroup, Gender, TimeBand};
use gatelangs_report::AnnualReport;
use gatelangs_report::annual::{field_contacts_of, place_infos};
use gatelangs_report::csv_tables;
use gatelangs_report::field_contacts::{FieldContacts, WEEKDAYS};
use gatelangs_storage::services;
use serde::Deserialize;

use super::charts::BarChart;
use super::labels;
use super::layout::Layout;
use crate::auth::{Principal, ReportReader};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/report", get(show))
        .get("/report/field-contacts/{table}", get(download))
        .get("/report/annual/{file}", get(document))
}

#[derive(Deserialize, Default)]
struct DocumentQuery {
    pub(crate) year: Option<String>,
    /// `0` for the internal variant; the public one (small counts hidden) otherwise, since a
    /// document is made to be handed on.
    public: Option<String>,
    view: Option<String>,
}

/// The whole annual report as a document: `report.pdf`, `report.xlsx`, `report.html` or
/// `report.zip` (CSV tables), public unless `public=0`.
async fn document(
    State(state): State<AppState>,
    principal: Principal,
    Path(file): Path<String>,
    Query(q): Query<DocumentQuery>,
) -> AppResult<Response> {
    let reader = ReportReader::for_principal(&principal)?;
    let year = year_of(
        &state,
        &YearQuery {
            year: q.year.clone(),
        },
        &principal,
    )
    .await?;
    let public = q.public.as_deref() != Some("0");
    use gatelangs_report::render::Format;
    let (format, ext, content_type) = match file.as_str() {
        "report.pdf" => (Format::Pdf, "pdf", "application/pdf"),
        "report.xlsx" => (
            Format::Xlsx,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        "report.html" => (Format::Html, "html", "text/html; charset=utf-8"),
        "report.zip" => (Format::Csv, "zip", "application/zip"),
        _ => return Err(AppError::NotFound),
    };
    let service = {
        let mut conn = state.store.read_conn().await?;
        services::get(&mut conn, reader.service()).await?
    };
    let (report, companions) =
        gatelangs_report::companions::with_report(&state.store, &service, year).await?;
    let name = principal.service().name.clone();
    // Typesetting takes CPU: off the async workers.
    let bytes = tokio::task::spawn_blocking(move || {
        gatelangs_report::render::annual(&report, &companions, public, &name, format)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(|e| AppError::internal(std::io::Error::other(e)))?;
    let variant = if public { "offentlig" } else { "intern" };
    // `view=1` shows the HTML in the browser (the leader's preview); otherwise it downloads.
    let how = if q.view.as_deref() == Some("1") && format == Format::Html {
        "inline"
    } else {
        "attachment"
    };
    let disposition = format!(
        "{how}; filename=\"arsrapport-{}-{year}-{variant}.{ext}\"",
        principal.service().slug
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub(crate) struct YearQuery {
    pub(crate) year: Option<String>,
}

/// The year asked for; without one, the latest year that has field contacts (a newcomer to the
/// demo, or a leader in January, meets figures rather than an empty year), else this year.
pub(crate) async fn year_of(
    state: &AppState,
    q: &YearQuery,
    principal: &Principal,
) -> AppResult<i32> {
    match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => {
            let this_year = i32::from(jiff::Timestamp::now().to_zoned(principal.tz()).year());
            let mut conn = state.store.read_conn().await?;
            Ok(gatelangs_storage::contacts::latest_year(
                &mut conn,
                principal.service_id(),
                this_year,
            )
            .await?
            .unwrap_or(this_year))
        }
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| gatelangs_report::valid_year(*y))
            .ok_or(AppError::BadRequest("report-bad-year")),
    }
}

/// The year's annual report, as the JSON has it, and last year's field contacts beside it.
async fn load(
    state: &AppState,
    reader: &ReportReader,
    year: i32,
) -> AppResult<(AnnualReport, FieldContacts)> {
    let mut conn = state.store.read_conn().await?;
    let service = services::get(&mut conn, reader.service()).await?;
    let report = gatelangs_report::build(&mut conn, &service, year).await?;
    let places = place_infos(&mut conn, &service).await?;
    let last = field_contacts_of(&mut conn, &service, &places, year - 1).await?;
    Ok((report, last))
}

pub struct PlaceLine {
    pub district: String,
    pub place: String,
    pub count: i64,
    pub previous: i64,
}

pub struct HeatCell {
    pub count: i64,
    /// 0–4: the share of the largest cell, for shading (the number is always printed too).
    pub level: i64,
}

pub struct HeatRow {
    pub day: String,
    pub cells: Vec<HeatCell>,
}

pub struct CollabRow {
    pub name: String,
    pub incoming: i64,
    pub outgoing: i64,
}

pub struct Pair {
    pub label: String,
    pub count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "report.html")]
struct ReportPage {
    layout: Layout,
    year: i32,
    /// Leaders write the report's prose.
    may_write: bool,
    total: i64,
    previous: String,
    places: Vec<PlaceLine>,
    street_school: i64,
    digital: i64,
    channels: Vec<Pair>,
    age_gender_chart: String,
    age_gender_header: Vec<String>,
    age_gender_rows: Vec<(String, Vec<i64>)>,
    month_chart: String,
    months: Vec<Pair>,
    bands: Vec<String>,
    heat: Vec<HeatRow>,
    follow_up: Vec<Pair>,
    challenges: Vec<Pair>,
    collaborations: Vec<CollabRow>,
    collaboration_totals: (i64, i64),
    inquiries: Vec<Pair>,
    inquiry_total: i64,
    child_welfare: Vec<Pair>,
    groups: Vec<Pair>,
    by_group: Vec<GroupLine>,
    prevention: Vec<PreventionLine>,
    observations: Vec<Pair>,
    observation_total: i64,
    weekdays: Vec<String>,
    staffing: Vec<super::staffing::PlanRow>,
    /// 1.3: the service's time use of the year — (part, hours, share) — and the Oslo standard.
    time_use: Vec<(String, String, String)>,
    time_total: String,
    oslo: Vec<(String, String, String)>,
    field_teams: Vec<FieldTeamLine>,
    schools: Vec<(String, String, i64, i64)>,
    schools_summary: Option<String>,
}

/// A row of field-team hours: where, when, how many team-hours, contacts per team-hour.
pub struct FieldTeamLine {
    pub district: String,
    pub weekday: String,
    pub band: String,
    pub team_hours: String,
    pub contacts: i64,
    pub school_contacts: i64,
    pub per_hour: String,
    pub thin: bool,
}

pub struct GroupLine {
    pub name: String,
    pub sessions: i64,
    pub attendances: i64,
}

pub struct PreventionLine {
    pub kind: String,
    pub events: i64,
    pub classes: i64,
    pub participants: i64,
}

/// A count of the report as the page's numbers are (they never come near `i64::MAX`).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn age_gender(tr: &Tr, fc: &FieldContacts) -> (String, Vec<(String, Vec<i64>)>) {
    let mut bars = vec![];
    let mut rows = vec![];
    for age in AgeGroup::ALL {
        let by_gender = fc.by_age_group_and_gender.get(age.as_str());
        let counts: Vec<i64> = Gender::ALL
            .iter()
            .map(|g| {
                by_gender
                    .and_then(|m| m.get(g.as_str()))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        for (g, n) in Gender::ALL.iter().zip(&counts) {
            bars.push((
                format!(
                    "{} · {}",
                    labels::age_group(tr, *age),
                    labels::gender(tr, *g)
                ),
                *n,
            ));
        }
        rows.push((labels::age_group(tr, *age), counts));
    }
    let chart = BarChart::new(
        "chart-age-gender",
        tr.t("report-age-gender"),
        tr.t("report-age-gender-desc"),
        bars,
    );
    (chart.svg(), rows)
}

async fn show(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let reader = ReportReader::for_principal(&principal)?;
    let tr = principal.tr();
    let year = year_of(&state, &q, &principal).await?;
    let (report, last) = load(&state, &reader, year).await?;
    let time_shares = {
        let mut conn = state.store.read_conn().await?;
        gatelangs_app::time_use::year_shares(&mut conn, reader.service(), year)
            .await?
            .1
    };
    let share = super::time_use::percent;
    let time_use = super::time_use::category_rows(&tr, &time_shares);
    let oslo = super::time_use::oslo_rows(&tr, &time_shares)
        .into_iter()
        .chain([
            (
                tr.t("time-field-share"),
                format!(
                    "≥ {} %",
                    gatelangs_domain::time_use::FIELD_WORK_TARGET_PERCENT
                ),
                share(time_shares.field_work_percent()),
            ),
            (
                tr.t("time-direct-share"),
                format!(
                    "≥ {} %",
                    gatelangs_domain::time_use::DIRECT_WORK_TARGET_PERCENT
                ),
                share(time_shares.direct_percent()),
            ),
        ])
        .collect();
    let time_total = gatelangs_domain::time_use::format_hours(time_shares.total());
    let school_teams = {
        let mut conn = state.store.read_conn().await?;
        gatelangs_storage::schools::list(&mut conn, reader.service()).await?
    };
    let schools_summary = super::schools::summary(&tr, &school_teams);
    // Staff names are for the staff who read the rota; other roles see how many.
    let names_shown = crate::auth::RotaReader::for_principal(&principal).is_ok();
    let schools = school_teams
        .into_iter()
        .map(|t| {
            let members = if names_shown {
                t.members
                    .iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                t.members.len().to_string()
            };
            (t.school, members, t.day_shifts, t.evening_shifts)
        })
        .collect();
    let field_teams = {
        let mut conn = state.store.read_conn().await?;
        let service = services::get(&mut conn, reader.service()).await?;
        gatelangs_report::field_teams::of_year(&mut conn, &service, year).await?
    }
    .into_iter()
    .map(|c| FieldTeamLine {
        district: c.district,
        weekday: super::staffing::weekday_label(&tr, c.weekday),
        band: labels::time_band(&tr, c.time_band),
        team_hours: format!("{:.2}", c.team_hours).replace('.', ","),
        contacts: c.contacts,
        school_contacts: c.school_contacts,
        per_hour: format!("{:.2}", c.contacts_per_team_hour).replace('.', ","),
        thin: c.thin,
    })
    .collect();
    let AnnualReport {
        field_contacts: fc,
        follow_up: fu,
        collaborations: collab,
        inquiries: inq,
        child_welfare: welfare,
        groups: grp,
        prevention: prev,
        observations: obs,
        staffing_plan,
        ..
    } = report;
    let weekdays = gatelangs_domain::staffing::Weekday::ALL
        .iter()
        .map(|w| super::staffing::weekday_label(&tr, *w))
        .collect();
    let staffing = staffing_plan
        .iter()
        .map(|s| super::staffing::PlanRow {
            shift: format!("{}–{} ({})", s.starts, s.ends, s.shift),
            cells: gatelangs_domain::staffing::Weekday::ALL
                .iter()
                .map(|w| {
                    s.teams
                        .get(w)
                        .and_then(|[min, max]| {
                            gatelangs_domain::staffing::TeamRange::new(
                                i64::from(*min),
                                i64::from(*max),
                            )
                            .ok()
                        })
                        .map(|r| r.label())
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    let groups = [
        ("report-groups-sessions", grp.sessions),
        ("report-groups-attendances", grp.attendances),
        ("report-groups-named", grp.unique_named),
        ("report-groups-anonymous", grp.unique_anonymous),
    ]
    .into_iter()
    .map(|(key, n)| Pair {
        label: tr.t(key),
        count: count(n),
    })
    .collect();
    let by_group = grp
        .by_group
        .iter()
        .map(|(name, g)| GroupLine {
            name: name.clone(),
            sessions: count(g.sessions),
            attendances: count(g.attendances),
        })
        .collect();
    let prevention = gatelangs_domain::groups::PreventionKind::ALL
        .iter()
        .map(|k| {
            let f = prev.get(k.as_str()).copied().unwrap_or_default();
            PreventionLine {
                kind: tr.t(&format!("prevention-kind-{}", k.as_str())),
                events: count(f.events),
                classes: count(f.classes),
                participants: count(f.participants),
            }
        })
        .collect();
    let observations = gatelangs_domain::groups::Theme::ALL
        .iter()
        .map(|t| Pair {
            label: tr.t(&format!("theme-{}", t.as_str())),
            count: count(obs.by_theme.get(t.as_str()).copied().unwrap_or(0)),
        })
        .collect();
    let mut names: Vec<&String> = collab
        .incoming
        .keys()
        .chain(collab.outgoing.keys())
        .collect();
    names.sort();
    names.dedup();
    let collaborations: Vec<CollabRow> = names
        .into_iter()
        .map(|n| CollabRow {
            name: n.clone(),
            incoming: collab.incoming.get(n).copied().unwrap_or(0),
            outgoing: collab.outgoing.get(n).copied().unwrap_or(0),
        })
        .collect();
    let collaboration_totals = (
        collab.incoming.values().sum::<i64>(),
        collab.outgoing.values().sum::<i64>(),
    );
    let inquiries: Vec<Pair> = inq
        .by_service
        .iter()
        .map(|(label, count)| Pair {
            label: label.clone(),
            count: *count,
        })
        .collect();
    let child_welfare = [
        ("report-cw-concern-reports", welfare.concern_reports),
        ("report-cw-requests", welfare.information_requests_received),
        ("report-cw-answered", welfare.information_requests_answered),
    ]
    .into_iter()
    .map(|(key, count)| Pair {
        label: tr.t(key),
        count,
    })
    .collect();
    let follow_up = [
        ("report-fu-conversations", fu.conversations),
        ("report-fu-youths", fu.unique_youths),
        ("report-fu-new-youths", fu.new_youths),
        (
            "report-fu-other-municipality",
            fu.youths_in_other_municipalities,
        ),
    ]
    .into_iter()
    .map(|(key, count)| Pair {
        label: tr.t(key),
        count,
    })
    .collect();
    let challenges = gatelangs_domain::youth::Challenge::ALL
        .iter()
        .map(|c| Pair {
            label: super::youths::challenge_label(&tr, *c),
            count: fu.by_challenge.get(c.as_str()).copied().unwrap_or(0),
        })
        .collect();
    let places = fc
        .by_district
        .iter()
        .flat_map(|(district, d)| {
            let last = &last;
            d.places.iter().map(move |(place, n)| PlaceLine {
                district: district.clone(),
                place: place.clone(),
                count: *n,
                previous: last
                    .by_district
                    .get(district)
                    .and_then(|d| d.places.get(place))
                    .copied()
                    .unwrap_or(0),
            })
        })
        .collect();
    let (age_gender_chart, age_gender_rows) = age_gender(&tr, &fc);
    let months: Vec<Pair> = fc
        .by_month
        .iter()
        .map(|(m, n)| Pair {
            label: labels::month(&tr, m),
            count: *n,
        })
        .collect();
    let month_chart = BarChart::new(
        "months",
        tr.t("report-months"),
        tr.t("report-months-desc"),
        months.iter().map(|p| (p.label.clone(), p.count)).collect(),
    )
    .svg();
    let max = fc
        .by_weekday_and_time_band
        .values()
        .flat_map(|m| m.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let heat = WEEKDAYS
        .iter()
        .map(|day| HeatRow {
            day: labels::weekday(&tr, day),
            cells: TimeBand::ALL
                .iter()
                .map(|band| {
                    let count = fc
                        .by_weekday_and_time_band
                        .get(*day)
                        .and_then(|m| m.get(band.as_str()))
                        .copied()
                        .unwrap_or(0);
                    HeatCell {
                        count,
                        level: if count == 0 { 0 } else { 1 + count * 3 / max },
                    }
                })
                .collect(),
        })
        .collect();
    let c = &fc.by_channel;
    let page = ReportPage {
        may_write: crate::auth::ReportWriter::for_principal(&principal).is_ok(),
        year,
        total: fc.total,
        previous: fc
            .previous_year_total
            .map(|n| n.to_string())
            .unwrap_or_else(|| "–".to_owned()),
        places,
        street_school: c.street + c.school,
        digital: c.digital,
        channels: vec![
            Pair {
                label: labels::channel(&tr, gatelangs_domain::field::Channel::Street),
                count: c.street,
            },
            Pair {
                label: labels::channel(&tr, gatelangs_domain::field::Channel::School),
                count: c.school,
            },
            Pair {
                label: labels::channel(&tr, gatelangs_domain::field::Channel::Digital),
                count: c.digital,
            },
        ],
        age_gender_chart,
        age_gender_header: Gender::ALL
            .iter()
            .map(|g| labels::gender(&tr, *g))
            .collect(),
        age_gender_rows,
        month_chart,
        months,
        bands: TimeBand::ALL
            .iter()
            .map(|b| labels::time_band(&tr, *b))
            .collect(),
        heat,
        follow_up,
        challenges,
        collaborations,
        collaboration_totals,
        inquiry_total: inq.total,
        inquiries,
        child_welfare,
        groups,
        by_group,
        prevention,
        observations,
        observation_total: count(obs.total),
        weekdays,
        staffing,
        time_use,
        time_total,
        oslo,
        field_teams,
        schools,
        schools_summary,
        layout: Layout::for_principal(&principal, "report-title", "report", "/report"),
    };
    Ok(page.into_response())
}

async fn download(
    State(state): State<AppState>,
    principal: Principal,
    Path(table): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let reader = ReportReader::for_principal(&principal)?;
    let year = year_of(&state, &q, &principal).await?;
    let (report, last) = load(&state, &reader, year).await?;
    let fc = report.field_contacts;
    let name = table.strip_suffix(".csv").ok_or(AppError::NotFound)?;
    let t = match name {
        "districts" => csv_tables::districts(&fc, &last),
        "channels" => csv_tables::channels(&fc),
        "age_gender" => csv_tables::age_gender(&fc),
        "months" => csv_tables::months(&fc),
        "weekday_time_band" => csv_tables::weekday_time_band(&fc),
        _ => return Err(AppError::NotFound),
    };
    let body = t.to_csv().map_err(AppError::internal)?;
    let disposition = format!("attachment; filename=\"field-contacts-{name}-{year}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
