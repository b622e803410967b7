//! Anonymous inquiries to and from other services where no consent exists: date, direction,
//! service, topic. No youth and no field that invites personal data; the topic warns against
//! identifying anyone.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_domain::consent::Direction;
use gatelangs_domain::time::parse_date;
use gatelangs_domain::{CounterpartId, InquiryId};
use gatelangs_storage::counterparts;
use gatelangs_storage::inquiries::{self, NewInquiry};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::layout::Layout;
use crate::auth::{Can, InquiryRecorder, Principal};
use crate::error::AppResult;
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/inquiries", get(list))
        .post("/inquiries", post(create))
}

pub struct Row {
    pub date: String,
    pub direction: String,
    pub service: String,
    pub topic: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "inquiries.html")]
pub struct Page {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    rows: Vec<Row>,
    year: i32,
    services: Vec<Choice>,
    directions: Vec<Choice>,
    form: InquiryForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct InquiryForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    year: String,
}

pub fn direction_label(tr: &Tr, d: Direction) -> String {
    tr.t(match d {
        Direction::Incoming => "direction-incoming",
        Direction::Outgoing => "direction-outgoing",
    })
}

/// Active counterpart services as choices, by code.
pub async fn service_choices(
    conn: &mut gatelangs_storage::AnyConnection,
    service: gatelangs_domain::ServiceId,
    tr: &Tr,
    chosen: &str,
) -> AppResult<Vec<Choice>> {
    Ok(std::iter::once(Choice {
        value: String::new(),
        label: tr.t("youth-choose-person"),
        selected: chosen.is_empty(),
    })
    .chain(
        counterparts::list(conn, service)
            .await?
            .into_iter()
            .filter(|c| !c.archived || c.code == chosen)
            .map(|c| Choice {
                selected: c.code == chosen,
                value: c.code,
                label: c.name,
            }),
    )
    .collect())
}

pub fn direction_choices(tr: &Tr, chosen: &str) -> Vec<Choice> {
    of_codes(
        Direction::ALL,
        Direction::as_str,
        |d| direction_label(tr, d),
        chosen,
    )
}

async fn page(
    state: &AppState,
    p: &Principal,
    rec: &InquiryRecorder,
    form: InquiryForm,
    errors: Vec<String>,
) -> AppResult<Page> {
    let tr = p.tr();
    let tz = p.tz();
    let this_year = i32::from(jiff::Timestamp::now().to_zoned(tz).year());
    let year = form.year.parse().unwrap_or(this_year);
    let mut conn = state.store.conn().await?;
    let rows = inquiries::list(&mut conn, rec.service(), Some(year))
        .await?
        .into_iter()
        .map(|i| Row {
            date: gatelangs_domain::time::format_day(i.day),
            direction: direction_label(&tr, i.direction),
            service: i.service_name,
            topic: i.topic.unwrap_or_default(),
        })
        .collect();
    Ok(Page {
        services: service_choices(&mut conn, rec.service(), &tr, &form.service).await?,
        directions: direction_choices(&tr, &form.direction),
        notice: (form.done == "saved").then(|| tr.t("inquiries-saved")),
        rows,
        year,
        errors,
        form,
        layout: Layout::for_principal(p, "inquiries-title", "inquiries", "/inquiries"),
    })
}

async fn list(
    State(state): State<AppState>,
    p: Principal,
    Query(mut q): Query<InquiryForm>,
) -> AppResult<Page> {
    let rec = InquiryRecorder::for_principal(&p)?;
    if q.date.is_empty() {
        q.date = gatelangs_domain::time::format_day(p.today());
    } else if let Some(d) = parse_date(&q.date) {
        q.date = gatelangs_domain::time::format_day(d);
    }
    page(&state, &p, &rec, q, Vec::new()).await
}

async fn create(
    State(state): State<AppState>,
    Can(p, rec): Can<InquiryRecorder>,
    Form(form): Form<InquiryForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let mut errors = Vec::new();
    let day = parse_date(&form.date);
    if day.is_none() {
        errors.push(tr.t("youth-error-date"));
    }
    let direction: Option<Direction> = form.direction.parse().ok();
    if direction.is_none() {
        errors.push(tr.t("inquiries-error-direction"));
    }
    let mut conn = state.store.conn().await?;
    let counterpart: Option<CounterpartId> =
        counterparts::find_by_code(&mut conn, rec.service(), &form.service)
            .await?
            .filter(|c| !c.archived)
            .map(|c| c.id);
    drop(conn);
    if counterpart.is_none() {
        errors.push(tr.t("inquiries-error-service"));
    }
    let (Some(day), Some(direction), Some(counterpart), true) =
        (day, direction, counterpart, errors.is_empty())
    else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(&state, &p, &rec, form, errors).await?,
        )
            .into_response());
    };
    let mut conn = state.store.conn().await?;
    let new = NewInquiry {
        id: InquiryId::new(),
        day,
        direction,
        counterpart,
        topic: Some(form.topic.as_str()).filter(|t| !t.trim().is_empty()),
        recorded_by: Some(rec.user()),
    };
    inquiries::create(&mut conn, rec.service(), &new, gatelangs_storage::now()).await?;
    Ok(Redirect::to("/inquiries?done=saved").into_response())
}
