//! Prevention work and trend notes as users record them: checked here so the form, an API
//! and an import meet the same rules (a school grade from 1 to 13, counts of 0 or more, at least
//! one theme, a summary that is not empty).

use gatelangs_domain::groups::{ClassStatus, PreventionKind, Theme, check_grade, parse_class_name};
use gatelangs_domain::{DistrictId, ObservationId, PlaceId, PreventionId};
use gatelangs_storage::observations::{self, NewObservation};
use gatelangs_storage::prevention::{self, NewEvent};
use gatelangs_storage::{Store, StoreError, class_checklist, now};
use jiff::civil::Date;

use crate::GroupWorker;
use crate::error::{Error, Result};

/// A prevention or information event as typed.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub day: Date,
    pub kind: PreventionKind,
    pub place: Option<PlaceId>,
    pub grade: Option<i64>,
    pub classes: Option<i64>,
    pub participants: Option<i64>,
    /// What it was about, as typed (commas, semicolons or lines between topics).
    pub topics: String,
    /// The staff who held it: field workers and leaders of the service.
    pub staff: Vec<gatelangs_domain::UserId>,
}

pub async fn record_event(
    store: &Store,
    worker: &GroupWorker,
    input: EventInput,
) -> Result<PreventionId> {
    if let Some(g) = input.grade {
        check_grade(g).map_err(|_| Error::Invalid("prevention-error-grade"))?;
    }
    if input.classes.is_some_and(|n| n < 0) || input.participants.is_some_and(|n| n < 0) {
        return Err(Error::Invalid("prevention-error-count"));
    }
    let topics = gatelangs_domain::groups::parse_topics(&input.topics)
        .map_err(|_| Error::Invalid("prevention-error-topics"))?;
    let id = PreventionId::new();
    let mut tx = store.begin().await?;
    let staff = crate::groups::checked_staff(&mut tx, worker.service(), &input.staff).await?;
    prevention::create(
        &mut tx,
        worker.service(),
        &NewEvent {
            id,
            day: input.day,
            kind: input.kind,
            place: input.place,
            grade: input.grade,
            classes: input.classes,
            participants: input.participants,
            topics,
            staff,
            recorded_by: Some(worker.user()),
        },
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Invalid("prevention-error-place"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(id)
}

/// A trend note as typed.
#[derive(Debug, Clone)]
pub struct ObservationInput {
    pub day: Date,
    pub district: DistrictId,
    pub themes: Vec<Theme>,
    pub summary: String,
}

pub async fn record_observation(
    store: &Store,
    worker: &GroupWorker,
    input: ObservationInput,
) -> Result<ObservationId> {
    if input.themes.is_empty() {
        return Err(Error::Invalid("trends-error-themes"));
    }
    let summary = input.summary.trim();
    if summary.is_empty() || summary.chars().count() > 4000 {
        return Err(Error::Invalid("trends-error-summary"));
    }
    let id = ObservationId::new();
    let mut tx = store.begin().await?;
    observations::create(
        &mut tx,
        store.field_keys(),
        worker.service(),
        &NewObservation {
            id,
            day: input.day,
            district: input.district,
            themes: input.themes,
            summary: summary.to_owned(),
            recorded_by: Some(worker.user()),
        },
        now(),
    )
    .await
    .map_err(|e| match e {
        StoreError::NotFound => Error::Invalid("trends-error-district"),
        e => e.into(),
    })?;
    tx.commit().await?;
    Ok(id)
}

/// Puts classes of a school on the year's 8th-grade checklist (typed once, one per line);
/// classes already there stay as they are. Returns how many were added.
pub async fn add_classes(
    store: &Store,
    worker: &GroupWorker,
    year: i32,
    school: PlaceId,
    names: &[String],
) -> Result<usize> {
    let names = names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|n| parse_class_name(n).map_err(|_| Error::Invalid("classes-error-name")))
        .collect::<Result<Vec<_>>>()?;
    if names.is_empty() {
        return Err(Error::Invalid("classes-error-name"));
    }
    let mut tx = store.begin().await?;
    let mut added = 0;
    for name in &names {
        let new = class_checklist::add(&mut tx, worker.service(), year, school, name, now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => Error::Invalid("classes-error-school"),
                e => e.into(),
            })?;
        added += usize::from(new);
    }
    tx.commit().await?;
    Ok(added)
}

/// Marks a class of the checklist taught, planned or not yet.
pub async fn set_class_status(
    store: &Store,
    worker: &GroupWorker,
    id: &str,
    status: ClassStatus,
) -> Result<()> {
    let mut tx = store.begin().await?;
    class_checklist::set_status(&mut tx, worker.service(), id, status, now())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => Error::NotFound,
            e => e.into(),
        })?;
    tx.commit().await?;
    Ok(())
}
