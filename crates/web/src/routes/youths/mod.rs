//! Named youths and their follow-up journal: a health record. Every route that shows or changes
//! a youth's data goes through [`YouthDesk::open`](crate::auth::YouthDesk::open), which decides
//! need-to-know access and writes the audit entry.
//!

mod access;
mod form;
mod innsyn;
mod journal;
mod list;
mod pdf;
mod record;
mod retention;
mod sharing;

pub use innsyn::access_labels;
pub use journal::{challenge_label, setting_label};

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use gatelangs_domain::YouthId;
use gatelangs_storage::users;

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Routes {
    use axum::routing::{get, post};
    Routes::new()
        .get("/youths", get(list::list))
        .get("/youths/search", get(list::search))
        .get("/youths/new", get(list::new_form))
        .post("/youths", post(list::create))
        .get("/youths/follow-up", get(list::follow_up))
        .get("/youths/access-review", get(access::review_page))
        .get("/youths/retention", get(retention::page))
        .post("/youths/{id}/retention", post(retention::decide))
        .post("/youths/access-review/{grant}", post(access::review))
        .get("/youths/{id}", get(record::show))
        .get("/youths/{id}/edit", get(record::edit_form))
        .post("/youths/{id}/edit", post(record::edit))
        .post(
            "/youths/{id}/contact-persons",
            post(record::set_contact_persons),
        )
        .post("/youths/{id}/close", post(record::close))
        .post("/youths/{id}/reopen", post(record::reopen))
        .get("/youths/{id}/emergency", get(access::emergency_form))
        .post("/youths/{id}/emergency", post(access::take_emergency))
        .post("/youths/{id}/blocks", post(access::add_block))
        .post("/youths/{id}/blocks/{block}/lift", post(access::lift_block))
        .get(
            "/youths/{id}/conversations/new",
            get(journal::conversation_form),
        )
        .post(
            "/youths/{id}/conversations",
            post(journal::create_conversation),
        )
        .post("/youths/{id}/notes", post(journal::create_note))
        .post(
            "/youths/{id}/correction-refusals",
            post(journal::refuse_correction),
        )
        .post(
            "/youths/{id}/entries/{entry}/edit",
            post(journal::edit_draft),
        )
        .post("/youths/{id}/entries/{entry}/sign", post(journal::sign))
        .post(
            "/youths/{id}/entries/{entry}/correct",
            post(journal::correct),
        )
        .post(
            "/youths/{id}/entries/{entry}/withhold",
            post(journal::withhold),
        )
        .post("/youths/{id}/entries/{entry}/delete", post(journal::delete))
        .post("/youths/{id}/assessments", post(journal::create_assessment))
        .get("/youths/{id}/consents/new", get(sharing::consent_form))
        .post("/youths/{id}/consents", post(sharing::create_consent))
        .post(
            "/youths/{id}/consents/{consent}/withdraw",
            post(sharing::withdraw_consent),
        )
        .get(
            "/youths/{id}/collaborations/new",
            get(sharing::collaboration_form),
        )
        .post(
            "/youths/{id}/collaborations",
            post(sharing::create_collaboration),
        )
        .get("/youths/{id}/child-welfare/new", get(sharing::welfare_form))
        .post("/youths/{id}/child-welfare", post(sharing::create_welfare))
        .post(
            "/youths/{id}/child-welfare/{request}/answer",
            post(sharing::answer_welfare),
        )
        .get("/youths/{id}/innsyn", get(innsyn::html))
        .get("/youths/{id}/innsyn.pdf", get(innsyn::pdf))
        .get("/youths/{id}/archive-copy.pdf", get(innsyn::archive_pdf))
}

/// Opens the record named by the path's `{id}` through the gate: the start of every handler that
/// touches one youth.
async fn open(
    state: &AppState,
    p: &crate::auth::Principal,
    id: &str,
    access: gatelangs_domain::PersonalDataAccess,
    what: &str,
) -> Result<(crate::auth::OpenRecord, gatelangs_storage::Tx), AppError> {
    let desk = crate::auth::YouthDesk::for_principal(p)?;
    Ok(desk.open(&state.store, youth_id(id)?, access, what).await?)
}

fn youth_id(text: &str) -> Result<YouthId, AppError> {
    text.parse().map_err(|_| AppError::NotFound)
}

/// Staff of the service who can be contact persons or be present at a conversation.
async fn staff(
    conn: &mut gatelangs_storage::AnyConnection,
    service: gatelangs_domain::ServiceId,
) -> Result<Vec<users::User>, AppError> {
    Ok(users::list(conn, service)
        .await?
        .into_iter()
        .filter(|u| {
            !u.disabled
                && matches!(
                    u.role,
                    gatelangs_domain::Role::FieldWorker | gatelangs_domain::Role::Leader
                )
        })
        .collect())
}

/// The group sessions a youth attended, for the record and the youth's copy: "date – group",
/// newest first.
async fn group_attendance(
    conn: &mut gatelangs_storage::AnyConnection,
    service: gatelangs_domain::ServiceId,
    youth: YouthId,
) -> Result<Vec<String>, AppError> {
    Ok(gatelangs_storage::groups::attended_by(conn, service, youth)
        .await?
        .into_iter()
        .map(|(group, day)| {
            let day = day
                .parse()
                .map(gatelangs_domain::time::format_day)
                .unwrap_or(day);
            format!("{day} – {group}")
        })
        .collect())
}
