//! The list of one's youths, the exact search, registering a youth with the duplicate warning,
//! and choosing a youth for a follow-up of a field contact.

use crate::auth::ForPrincipal;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use gatelangs_app::youths::{self as youths_app, Registered};
use gatelangs_domain::access::Denial;
use gatelangs_domain::time::format_seconds;
use gatelangs_domain::time::parse_date;
use gatelangs_domain::youth::{DRAFT_OVERDUE_SECS, age_on};
use gatelangs_domain::{PersonalDataAccess, Role, YouthId};
use gatelangs_storage::journal;
use gatelangs_storage::youths::{self, Youth};
use serde::Deserialize;

use super::form::{self, YouthForm};
use super::staff;
use crate::auth::{Can, Principal, YouthDesk, subject};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::routes::choice::Choice;
use crate::routes::layout::Layout;
use crate::state::AppState;

pub struct YouthRow {
    pub id: String,
    pub reference: String,
    pub name: String,
    pub age: String,
    pub municipality: String,
    pub elsewhere: bool,
    pub contact_persons: String,
    pub closed: bool,
}

pub struct DraftRow {
    pub youth_id: String,
    pub youth_ref: String,
    pub author: String,
    pub written: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "youths.html")]
pub struct ListPage {
    layout: Layout,
    leader: bool,
    rows: Vec<YouthRow>,
    paging: Paging,
    drafts: Vec<DraftRow>,
    contact: String,
}

fn row(p: &Principal, y: &Youth, names: &[gatelangs_storage::users::User]) -> YouthRow {
    let home = p.service().municipality.as_deref();
    YouthRow {
        id: y.id.to_string(),
        reference: y.fields.reference.clone(),
        name: y.full_name(),
        age: age_on(y.fields.birth_date, p.today()).to_string(),
        municipality: format!(
            "{} {}",
            y.fields.municipality.as_str(),
            y.fields.municipality.name()
        ),
        elsewhere: home.is_some_and(|h| h != y.fields.municipality.as_str()),
        contact_persons: y
            .contact_persons
            .iter()
            .filter_map(|id| names.iter().find(|u| u.id == *id).map(|u| u.name.clone()))
            .collect::<Vec<_>>()
            .join(", "),
        closed: y.closed_at.is_some(),
    }
}

#[derive(Deserialize, Default)]
pub struct FollowUpQuery {
    #[serde(default)]
    contact: String,
    #[serde(default)]
    page: Option<i64>,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<i64>,
}

/// Youths per page: a leader's list of a large service is read (and logged) a page at a time.
const PAGE_SIZE: i64 = 50;

/// Where a page sits among all pages.
pub struct Paging {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    /// Links to the previous and next page, with the rest of the query.
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Paging {
    fn new(page: i64, total: i64, base: &str) -> Self {
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let link = |n: i64| {
            let sep = if base.contains('?') { '&' } else { '?' };
            format!("{base}{sep}page={n}")
        };
        Self {
            page,
            pages,
            total,
            previous: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// One page of the youths a user follows (a leader: all), each youth shown written to the audit
/// log.
async fn listed(
    state: &AppState,
    p: &Principal,
    desk: &YouthDesk,
    page: Option<i64>,
    base: &str,
) -> AppResult<(Vec<YouthRow>, Paging)> {
    let page = page.unwrap_or(1).max(1);
    // A page number far beyond the list is a bad request, not an overflow.
    let offset = (page - 1)
        .checked_mul(PAGE_SIZE)
        .ok_or(AppError::BadRequest("error-bad-form"))?;
    let mut tx = state.store.begin().await?;
    let mine = (p.role() != Role::Leader).then_some(desk.user());
    let (list, total) = youths::list_page(
        &mut tx,
        state.store.field_keys(),
        desk.service(),
        mine,
        Some(desk.user()),
        offset,
        PAGE_SIZE,
    )
    .await?;
    let names = staff(&mut tx, desk.service()).await?;
    let mut shown = Vec::with_capacity(list.len());
    for y in list {
        // The same rule as opening the record decides the basis that is logged.
        let Ok(basis) = desk.decide(&mut tx, y.id).await? else {
            continue;
        };
        let event = gatelangs_domain::AuditEvent::personal_data(
            desk.user(),
            PersonalDataAccess::Read,
            basis,
            subject(y.id),
        )
        .with_detail("list");
        state
            .store
            .audit(&mut tx, Some(desk.service()), &event)
            .await?;
        shown.push(y);
    }
    tx.commit().await?;
    let rows = shown.iter().map(|y| row(p, y, &names)).collect();
    Ok((rows, Paging::new(page, total, base)))
}

pub async fn list(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<PageQuery>,
) -> AppResult<ListPage> {
    let desk = YouthDesk::for_principal(&p)?;
    let (rows, paging) = listed(&state, &p, &desk, q.page, "/youths").await?;
    let mut conn = state.store.conn().await?;
    let author = (p.role() != Role::Leader).then_some(desk.user());
    let tz = p.tz();
    let drafts = journal::overdue_drafts(
        &mut conn,
        desk.service(),
        author,
        gatelangs_storage::now() - DRAFT_OVERDUE_SECS,
    )
    .await?
    .into_iter()
    .map(|d| DraftRow {
        youth_id: d.youth.to_string(),
        youth_ref: d.youth_ref,
        author: d.author_name,
        written: format_seconds(d.written_at, &tz),
    })
    .collect();
    Ok(ListPage {
        leader: p.role() == Role::Leader,
        rows,
        paging,
        drafts,
        contact: String::new(),
        layout: Layout::for_principal(&p, "youths-title", "youths", "/youths"),
    })
}

/// A field contact to follow up: choose one of one's youths (or register a new one).
pub async fn follow_up(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<FollowUpQuery>,
) -> AppResult<ListPage> {
    let desk = YouthDesk::for_principal(&p)?;
    let contact = q
        .contact
        .parse::<gatelangs_domain::ContactId>()
        .map_err(|_| AppError::BadRequest("error-bad-request"))?;
    let base = format!("/youths/follow-up?contact={contact}");
    let (rows, paging) = listed(&state, &p, &desk, q.page, &base).await?;
    Ok(ListPage {
        leader: p.role() == Role::Leader,
        rows,
        paging,
        drafts: Vec::new(),
        contact: contact.to_string(),
        layout: Layout::for_principal(&p, "youths-follow-up-title", "youths", "/youths"),
    })
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    birth_date: String,
}

pub struct Hit {
    pub id: String,
    pub reference: String,
    pub open: bool,
    pub blocked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_search.html")]
pub struct SearchPage {
    layout: Layout,
    first_name: String,
    last_name: String,
    birth_date: String,
    searched: bool,
    error: Option<String>,
    hits: Vec<Hit>,
}

/// Exact search: full name and birth date. The answer says only that a record exists and
/// whether the user may open it; the search is logged.
pub async fn search(
    State(state): State<AppState>,
    p: Principal,
    Query(q): Query<SearchQuery>,
) -> AppResult<SearchPage> {
    let desk = YouthDesk::for_principal(&p)?;
    let tr = p.tr();
    let searched = !(q.first_name.trim().is_empty() && q.last_name.trim().is_empty());
    let mut error = None;
    let mut hits = Vec::new();
    if searched {
        match parse_date(&q.birth_date) {
            None => error = Some(tr.t("youth-error-birth-date")),
            Some(birth) => {
                let found = youths_app::search_exact(
                    &state.store,
                    &desk,
                    &q.first_name,
                    &q.last_name,
                    birth,
                )
                .await?;
                hits = found
                    .into_iter()
                    .map(|hit| Hit {
                        id: hit.id.to_string(),
                        reference: hit.reference,
                        open: hit.access.is_ok(),
                        blocked: hit.access == Err(Denial::Blocked),
                    })
                    .collect();
            }
        }
    }
    Ok(SearchPage {
        first_name: q.first_name,
        last_name: q.last_name,
        birth_date: q.birth_date,
        searched,
        error,
        hits,
        layout: Layout::for_principal(&p, "youths-search-title", "youths", "/youths/search"),
    })
}

pub struct Duplicate {
    pub id: String,
    pub reference: String,
    /// Shown only to users who may open that record.
    pub details: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "youth_new.html")]
pub struct NewPage {
    pub layout: Layout,
    pub errors: Vec<String>,
    pub form: YouthForm,
    pub leader: bool,
    pub duplicates: Vec<Duplicate>,
    pub genders: Vec<Choice>,
    pub municipalities: Vec<Choice>,
    pub contact1: Vec<Choice>,
    pub contact2: Vec<Choice>,
    pub action: String,
    pub cancel: String,
}

impl NewPage {
    pub(super) async fn render(
        state: &AppState,
        p: &Principal,
        form: YouthForm,
        errors: Vec<String>,
        duplicates: Vec<Duplicate>,
        action: String,
    ) -> AppResult<Self> {
        let tr = p.tr();
        let mut conn = state.store.conn().await?;
        let people = staff(&mut conn, p.service_id()).await?;
        let editing = action != "/youths";
        Ok(Self {
            genders: form::gender_choices(&tr, &form.gender),
            municipalities: form::municipality_choices(&form.municipality),
            contact1: form::staff_choices(&tr, &people, &form.contact1),
            contact2: form::staff_choices(&tr, &people, &form.contact2),
            leader: p.role() == Role::Leader,
            cancel: if editing {
                action.trim_end_matches("/edit").to_owned()
            } else {
                "/youths".into()
            },
            layout: Layout::for_principal(
                p,
                if editing {
                    "youth-edit-title"
                } else {
                    "youth-new-title"
                },
                "youths",
                &action,
            ),
            action,
            form,
            errors,
            duplicates,
        })
    }
}

pub async fn new_form(State(state): State<AppState>, p: Principal) -> AppResult<NewPage> {
    let desk = YouthDesk::for_principal(&p)?;
    let form = YouthForm {
        municipality: p.service().municipality.clone().unwrap_or_default(),
        contact1: desk.user().to_string(),
        ..Default::default()
    };
    NewPage::render(&state, &p, form, Vec::new(), Vec::new(), "/youths".into()).await
}

pub async fn create(
    State(state): State<AppState>,
    Can(p, desk): Can<YouthDesk>,
    Form(form): Form<YouthForm>,
) -> AppResult<Response> {
    let tr = p.tr();
    let id = YouthId::new();
    let page = |form, errors, duplicates| {
        NewPage::render(&state, &p, form, errors, duplicates, "/youths".into())
    };
    let fields = match form.parse(&tr, &form::new_reference(id), p.today()) {
        Ok(f) => f,
        Err(errors) => return Ok(page(form, errors, Vec::new()).await?.into_response()),
    };
    let reference = fields.reference.clone();
    let registration = youths_app::Registration {
        id,
        fields,
        contact_persons: form.contact_persons(),
        duplicates_seen: form.confirmed == "1",
    };
    match youths_app::register(&state.store, &desk, registration).await {
        Ok(Registered::Created(id)) => Ok(Redirect::to(&format!("/youths/{id}")).into_response()),
        Ok(Registered::PossibleDuplicates(found)) => {
            let hidden = found
                .iter()
                .any(|d| matches!(d, youths_app::PossibleDuplicate::Hidden));
            let mut duplicates: Vec<Duplicate> = found
                .into_iter()
                .filter_map(|d| match d {
                    youths_app::PossibleDuplicate::Open {
                        id,
                        reference,
                        name,
                        birth_date,
                    } => Some(Duplicate {
                        id: id.to_string(),
                        reference,
                        details: Some(format!(
                            "{name}, {}",
                            gatelangs_domain::time::format_day(birth_date)
                        )),
                    }),
                    youths_app::PossibleDuplicate::Hidden => None,
                })
                .collect();
            // Records the user may not open: one line that says only that there is one.
            if hidden {
                duplicates.push(Duplicate {
                    id: String::new(),
                    reference: String::new(),
                    details: None,
                });
            }
            Ok(page(form, Vec::new(), duplicates).await?.into_response())
        }
        Err(e) => {
            let errors = vec![refused_message(&tr, &e, &reference).ok_or(e)?];
            Ok(page(form, errors, Vec::new()).await?.into_response())
        }
    }
}

/// The form message of a refused registration or edit, or `None` for errors that are not the
/// user's to fix.
pub(super) fn refused_message(
    tr: &crate::i18n::Tr,
    e: &gatelangs_app::Error,
    reference: &str,
) -> Option<String> {
    match e {
        gatelangs_app::Error::Conflict(youths_app::REFERENCE_TAKEN) => {
            Some(tr.t1(youths_app::REFERENCE_TAKEN, "value", reference))
        }
        gatelangs_app::Error::Invalid(key) => Some(tr.t(key)),
        _ => None,
    }
}
