//! The start page after login.

use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::routing::get;

use super::layout::{Layout, role_label};
use crate::auth::{ForPrincipal, Principal, YouthDesk};

pub fn router() -> Routes {
    Routes::new().get("/", get(home))
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    service_name: String,
    role: String,
    two_factor: bool,
    show_audit: bool,
    /// Unsigned drafts older than a day: the user's own, or all of the service for a leader.
    overdue_drafts: usize,
    /// A leader's open information requests from the child welfare service.
    requests: Vec<RequestRow>,
    /// Emergency accesses a leader has not reviewed yet.
    unreviewed: usize,
    /// Open follow-ups a leader has yet to give two contact persons: `(id, ref)`.
    awaiting_contact_persons: Vec<(String, String)>,
    /// The user's own shifts in the next 14 days (`None` for roles not on the rota).
    my_shifts: Option<Vec<String>>,
    /// A leader's overview of the service (`None` for other roles).
    dashboard: Option<Dashboard>,
}

/// What a leader sees first: this month against the same month last year, contacts per district,
/// the week's shifts under target and consents about to run out.
pub struct Dashboard {
    pub month: String,
    pub this_month: i64,
    pub last_year: i64,
    pub districts: Vec<(String, i64, i64)>,
    pub under_target: usize,
    pub expiring_consents: i64,
}

async fn dashboard(
    state: &crate::AppState,
    principal: &Principal,
) -> crate::error::AppResult<Dashboard> {
    let today = principal.today();
    let service = principal.service_id();
    let mut conn = state.store.read_conn().await?;
    let year = i32::from(today.year());
    let now =
        gatelangs_storage::contacts::month_by_district(&mut conn, service, year, today.month())
            .await?;
    let before =
        gatelangs_storage::contacts::month_by_district(&mut conn, service, year - 1, today.month())
            .await?;
    let mut districts: Vec<(String, i64, i64)> = now
        .iter()
        .map(|(d, n)| {
            let last = before.iter().find(|(x, _)| x == d).map_or(0, |(_, n)| *n);
            (d.clone(), *n, last)
        })
        .collect();
    for (d, n) in &before {
        if !now.iter().any(|(x, _)| x == d) {
            districts.push((d.clone(), 0, *n));
        }
    }
    districts.sort();
    let (monday, sunday) = gatelangs_domain::staffing::week_of(today);
    let week =
        gatelangs_app::staffing::rota(&mut conn, service, &principal.tz(), monday, sunday).await?;
    let in_30 = today
        .checked_add(jiff::Span::new().days(gatelangs_domain::consent::RENEWAL_NOTICE_DAYS))
        .unwrap_or(today);
    let expiring_consents =
        gatelangs_storage::consents::expiring(&mut conn, service, today, in_30).await?;
    Ok(Dashboard {
        month: today.strftime("%m.%Y").to_string(),
        this_month: now.iter().map(|(_, n)| n).sum(),
        last_year: before.iter().map(|(_, n)| n).sum(),
        districts,
        under_target: week.under_target(),
        expiring_consents,
    })
}

pub struct RequestRow {
    pub youth_id: String,
    pub youth_ref: String,
    pub received: String,
    pub deadline: String,
    pub overdue: bool,
}

async fn home(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    principal: Principal,
) -> crate::error::AppResult<HomePage> {
    let tr = principal.tr();
    let overdue_drafts = match principal.role() {
        gatelangs_domain::Role::FieldWorker | gatelangs_domain::Role::Leader => {
            let mut conn = state.store.read_conn().await?;
            let author =
                (principal.role() != gatelangs_domain::Role::Leader).then(|| principal.user_id());
            gatelangs_storage::journal::overdue_drafts(
                &mut conn,
                principal.service_id(),
                author,
                gatelangs_storage::now() - gatelangs_domain::youth::DRAFT_OVERDUE_SECS,
            )
            .await?
            .len()
        }
        _ => 0,
    };
    let unreviewed = if principal.role() == gatelangs_domain::Role::Leader {
        let mut conn = state.store.read_conn().await?;
        gatelangs_storage::record_access::emergency_grants(
            &mut conn,
            state.store.field_keys(),
            principal.service_id(),
            None,
        )
        .await?
        .iter()
        .filter(|g| g.reviewed_at.is_none())
        .count()
    } else {
        0
    };
    let requests = if principal.role() == gatelangs_domain::Role::Leader {
        let mut conn = state.store.read_conn().await?;
        let today = principal.today();
        gatelangs_storage::child_welfare::open_requests(&mut conn, principal.service_id())
            .await?
            .into_iter()
            .map(|w| RequestRow {
                youth_id: w.youth.to_string(),
                youth_ref: w.youth_ref,
                received: gatelangs_domain::time::format_day(w.day),
                deadline: w
                    .deadline
                    .map(gatelangs_domain::time::format_day)
                    .unwrap_or_default(),
                overdue: w.deadline.is_some_and(|d| d < today),
            })
            .collect()
    } else {
        Vec::new()
    };
    let awaiting_contact_persons = match YouthDesk::for_principal(&principal) {
        Ok(desk) => {
            let mut conn = state.store.read_conn().await?;
            gatelangs_app::youths::awaiting_contact_persons(&mut conn, &desk)
                .await?
                .into_iter()
                .map(|(id, reference)| (id.to_string(), reference))
                .collect()
        }
        Err(_) => Vec::new(),
    };
    let my_shifts = match crate::auth::RotaReader::for_principal(&principal) {
        Ok(reader) => {
            let mut conn = state.store.read_conn().await?;
            let today = principal.today();
            let until = today
                .checked_add(jiff::Span::new().days(13))
                .unwrap_or(today);
            Some(
                gatelangs_app::staffing::shifts_of(
                    &mut conn,
                    reader.service(),
                    reader.user(),
                    today,
                    until,
                )
                .await?
                .into_iter()
                .map(|(team, hours)| {
                    let weekday = super::staffing::weekday_label(
                        &tr,
                        gatelangs_domain::staffing::Weekday::of(team.day),
                    );
                    let mut line = format!(
                        "{weekday} {} {}",
                        gatelangs_domain::time::format_day(team.day),
                        team.shift
                    );
                    if let Some(h) = hours {
                        line.push_str(&format!(" {}", h.label()));
                    }
                    let others: Vec<&str> = team
                        .staff
                        .iter()
                        .filter(|(id, _)| *id != reader.user())
                        .map(|(_, u)| u.as_str())
                        .collect();
                    if !others.is_empty() {
                        line.push_str(&format!(" — {}", others.join(", ")));
                    }
                    if let Some(d) = &team.district {
                        line.push_str(&format!(" — {d}"));
                    }
                    line
                })
                .collect(),
            )
        }
        Err(_) => None,
    };
    let dashboard = if principal.role() == gatelangs_domain::Role::Leader {
        Some(dashboard(&state, &principal).await?)
    } else {
        None
    };
    Ok(HomePage {
        dashboard,
        my_shifts,
        awaiting_contact_persons,
        unreviewed,
        requests,
        overdue_drafts,
        name: principal.name().to_owned(),
        service_name: principal.service().name.clone(),
        role: role_label(&tr, principal.role()),
        two_factor: principal.has_two_factor(),
        show_audit: principal.role().can_review_audit_log(),
        layout: Layout::for_principal(&principal, "home-title", "home", "/"),
    })
}
