//! The field page's sync endpoint and the contacts list.

use axum::Json;
use axum::extract::{Query, State};
use gatelangs_domain::field::{ContactCount, Topic};
use gatelangs_domain::{ContactId, PlaceId};
use gatelangs_storage::contacts::{self, ContactFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiError;
use crate::auth::{Can, FieldRecorder};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use gatelangs_app::field::{self as field_ops, Op, Outcome, Registration};

/// One queued operation from a phone, in the order it was made.
#[derive(Deserialize, ToSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SyncOp {
    /// A tap: `id` is made by the client, so sending it again stores nothing new.
    Register {
        id: uuid::Uuid,
        /// When it was tapped (RFC 3339), not when it arrived.
        occurred_at: String,
        place: uuid::Uuid,
        /// `street`, `school` or `digital`.
        channel: String,
        age_group: String,
        gender: String,
        #[serde(default, deserialize_with = "super::whole_number::option_i64")]
        count: Option<i64>,
        #[serde(default)]
        topics: Vec<String>,
    },
    /// Takes back an own registration within the correction window.
    Undo { id: uuid::Uuid },
}

#[derive(Deserialize, ToSchema)]
pub struct SyncRequest {
    #[schema(max_items = 500)]
    pub ops: Vec<SyncOp>,
}

#[derive(Serialize, ToSchema)]
pub struct SyncResult {
    pub id: uuid::Uuid,
    /// `stored`, `already_stored`, `undone` or `rejected`.
    pub status: String,
    /// Why it was rejected, in the user's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SyncResponse {
    pub results: Vec<SyncResult>,
}

const MAX_OPS: usize = 500;

fn parse_op(op: SyncOp) -> Result<Op, (uuid::Uuid, &'static str)> {
    match op {
        SyncOp::Undo { id } => Ok(Op::Undo(ContactId::from_uuid(id))),
        SyncOp::Register {
            id,
            occurred_at,
            place,
            channel,
            age_group,
            gender,
            count,
            topics,
        } => {
            let bad = |key| (id, key);
            Ok(Op::Register(Registration {
                id: ContactId::from_uuid(id),
                occurred_at: occurred_at.parse().map_err(|_| bad("contact-bad-time"))?,
                place: PlaceId::from_uuid(place),
                channel: channel.parse().map_err(|_| bad("contact-bad-code"))?,
                age_group: age_group.parse().map_err(|_| bad("contact-bad-code"))?,
                gender: gender.parse().map_err(|_| bad("contact-bad-code"))?,
                count: ContactCount::new(count.unwrap_or(1))
                    .map_err(|_| bad("contact-bad-count"))?,
                topics: topics
                    .iter()
                    .map(|t| Topic::parse(t))
                    .collect::<Result<_, _>>()
                    .map_err(|_| bad("contact-bad-code"))?,
            }))
        }
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/contacts/sync",
    tag = "field",
    request_body = SyncRequest,
    responses(
        (status = 200, description = "One result per operation, in order", body = SyncResponse),
        (status = 400, description = "Not a sync request", body = ApiError),
        (status = 401, description = "Not logged in: keep the queue and send it after login", body = ApiError),
        (status = 403, description = "The role does not register contacts", body = ApiError),
        (status = 413, description = "The body is larger than the server takes", body = ApiError),
        (status = 415, description = "The body is not sent as `application/json`", body = ApiError),
        (status = 422, description = "JSON, but not in the shape of the request schema", body = ApiError)
    )
)]
pub async fn sync(
    State(state): State<AppState>,
    Can(principal, recorder): Can<FieldRecorder>,
    Json(request): Json<SyncRequest>,
) -> AppResult<Json<SyncResponse>> {
    if request.ops.len() > MAX_OPS {
        return Err(AppError::BadRequest("contact-too-many"));
    }
    let tr = principal.tr();
    let mut ops = vec![];
    let mut early: Vec<(usize, SyncResult)> = vec![];
    for (i, op) in request.ops.into_iter().enumerate() {
        match parse_op(op) {
            Ok(op) => ops.push(op),
            Err((id, key)) => early.push((
                i,
                SyncResult {
                    id,
                    status: "rejected".into(),
                    message: Some(tr.t(key)),
                },
            )),
        }
    }
    let mut results: Vec<SyncResult> =
        field_ops::apply(&state.field, &recorder, &principal.tz(), ops)
            .await?
            .into_iter()
            .map(|(id, outcome)| SyncResult {
                id: id.as_uuid(),
                status: outcome.code().to_owned(),
                message: match outcome {
                    Outcome::Rejected(key) => Some(tr.t(key)),
                    _ => None,
                },
            })
            .collect();
    for (i, r) in early {
        results.insert(i.min(results.len()), r);
    }
    Ok(Json(SyncResponse { results }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContactQuery {
    /// From this date (`YYYY-MM-DD`), in the service's time zone.
    #[param(format = Date)]
    pub from: Option<String>,
    /// Up to and including this date.
    #[param(format = Date)]
    pub to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ContactOut {
    pub id: uuid::Uuid,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    pub district: String,
    pub place: String,
    pub channel: String,
    pub age_group: String,
    pub gender: String,
    pub count: i64,
    pub staff: Option<String>,
    pub topics: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ContactList {
    pub contacts: Vec<ContactOut>,
}

#[utoipa::path(
    get,
    path = "/api/v1/contacts",
    tag = "field",
    params(ContactQuery),
    responses(
        (status = 200, description = "Contacts that count, newest first (at most 10 000)", body = ContactList),
        (status = 400, description = "A bad date", body = ApiError),
        (status = 401, description = "Not logged in", body = ApiError),
        (status = 403, description = "Not a field worker or leader: one row per contact, with its time, place and worker, is for the team itself; analysts use the annual report's figures", body = ApiError)
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Can(principal, reader): Can<FieldRecorder>,
    Query(q): Query<ContactQuery>,
) -> AppResult<Json<ContactList>> {
    super::no_empty_parameters(&[&q.from, &q.to])?;
    let tz = principal.tz();
    let bound = |s: &Option<String>, days: i64| -> AppResult<Option<i64>> {
        match s.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(text) => gatelangs_domain::time::day_start(text, days, &tz)
                .map(Some)
                .ok_or(AppError::BadRequest("error-bad-date")),
        }
    };
    let filter = ContactFilter {
        from: bound(&q.from, 0)?,
        until: bound(&q.to, 1)?,
        limit: 10_000,
        ..ContactFilter::default()
    };
    let mut conn = state.store.read_conn().await?;
    let rows = contacts::list(&mut conn, reader.service(), &filter).await?;
    let contacts = rows
        .into_iter()
        .map(|c| ContactOut {
            id: c.id.as_uuid(),
            occurred_at: jiff::Timestamp::from_second(c.occurred_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            district: c.district_name,
            place: c.place_name,
            channel: c.channel.to_string(),
            age_group: c.age_group.to_string(),
            gender: c.gender.to_string(),
            count: c.count,
            staff: c.staff_username,
            topics: c
                .topics
                .split(';')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    Ok(Json(ContactList { contacts }))
}
