//! Retention: the leader's list of follow-up records past their period (see
//! `gatelangs_domain::retention`), and the leader's recorded decision to delete or deposit one.
//! Listing a record shows its reference, so each listed youth gets an audit entry, as the youth
//! list does; a decision is one transaction with its audit entry.

use gatelangs_domain::audit::PersonalDataAccess;
use gatelangs_domain::retention;
use gatelangs_domain::{AuditEvent, Role, YouthId};
use gatelangs_storage::retention::{Decision, Outcome};
use gatelangs_storage::{Store, youths};
use jiff::civil::Date;

use crate::record_gate::{YouthDesk, subject};
use crate::{Error, Result};

/// A closed record that is due for a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct PastPeriod {
    pub youth: YouthId,
    pub reference: String,
    pub closed_on: Date,
    pub due: Date,
}

/// The service's closed records whose period has ended on `today`, with closing days read in the
/// service's time zone `tz`; for a leader, each listing logged.
pub async fn past_period(
    store: &Store,
    desk: &YouthDesk,
    tz: &jiff::tz::TimeZone,
    today: Date,
) -> Result<Vec<PastPeriod>> {
    if desk.role() != Role::Leader {
        return Err(Error::Forbidden("error-leader-only"));
    }
    let mut tx = store.begin().await?;
    let mut out = Vec::new();
    for (youth, reference, closed_at) in youths::closed(&mut tx, desk.service()).await? {
        let Ok(at) = jiff::Timestamp::from_second(closed_at) else {
            continue;
        };
        let closed_on = at.to_zoned(tz.clone()).date();
        if !retention::is_past_period(closed_on, today) {
            continue;
        }
        let Ok(basis) = desk.decide(&mut tx, youth).await? else {
            continue;
        };
        let event =
            AuditEvent::personal_data(desk.user(), PersonalDataAccess::Read, basis, subject(youth))
                .with_detail("retention");
        store.audit(&mut tx, Some(desk.service()), &event).await?;
        out.push(PastPeriod {
            youth,
            reference,
            closed_on,
            due: retention::review_due(closed_on),
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// A leader's decision about one record past its period.
#[derive(Debug, Clone)]
pub struct RetentionDecision<'a> {
    pub youth: YouthId,
    pub outcome: Outcome,
    /// The archive's reference, required for a deposit.
    pub archive_reference: Option<&'a str>,
    /// Why the record is no longer needed for the help (required; sealed at rest).
    pub grounds: &'a str,
}

/// Records `decision` and erases the record (see `gatelangs_storage::retention`), keeping the
/// counted facts of past years. Only a leader, only a record past its period on `today`, never
/// one blocked against this leader, and never without grounds.
pub async fn decide(
    store: &Store,
    desk: &YouthDesk,
    tz: &jiff::tz::TimeZone,
    today: Date,
    decision: &RetentionDecision<'_>,
) -> Result<uuid::Uuid> {
    if desk.role() != Role::Leader {
        return Err(Error::Forbidden("error-leader-only"));
    }
    let mut tx = store.begin().await?;
    if !youths::exists(&mut tx, desk.service(), decision.youth).await? {
        return Err(Error::NotFound);
    }
    // Authorization before anything about the record is told: a leader the youth has blocked
    // decides nothing about it (another leader does).
    let Ok(basis) = desk.decide(&mut tx, decision.youth).await? else {
        return Err(Error::Forbidden("error-record-blocked"));
    };
    if decision.grounds.trim().is_empty() {
        return Err(Error::Invalid("error-retention-grounds"));
    }
    let archive_reference = decision
        .archive_reference
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if decision.outcome == Outcome::Deposited && archive_reference.is_none() {
        return Err(Error::Invalid("error-retention-archive-reference"));
    }
    let closed_at =
        gatelangs_storage::retention::closed_at(&mut tx, desk.service(), decision.youth).await?;
    let due = closed_at
        .and_then(|at| jiff::Timestamp::from_second(at).ok())
        .is_some_and(|at| retention::is_past_period(at.to_zoned(tz.clone()).date(), today));
    let (Some(closed_at), true) = (closed_at, due) else {
        return Err(Error::Conflict("error-retention-not-due"));
    };
    let id = uuid::Uuid::new_v4();
    gatelangs_storage::retention::erase(
        &mut tx,
        store.field_keys(),
        desk.service(),
        &Decision {
            id,
            youth: decision.youth,
            outcome: decision.outcome,
            archive_reference,
            grounds: decision.grounds,
            decided_by: desk.user(),
            closed_at,
        },
        gatelangs_storage::now(),
    )
    .await?;
    let event = AuditEvent::personal_data(
        desk.user(),
        PersonalDataAccess::Change,
        basis,
        subject(decision.youth),
    )
    .with_detail(format!(
        "retention decision {id}: {}",
        decision.outcome.as_str()
    ));
    store.audit(&mut tx, Some(desk.service()), &event).await?;
    tx.commit().await?;
    Ok(id)
}

/// The service's recorded retention decisions, newest first; for leaders. The records they
/// name are erased shells, so reading the decisions opens no one's record.
pub async fn recorded(
    store: &Store,
    desk: &YouthDesk,
) -> Result<Vec<gatelangs_storage::retention::Recorded>> {
    if desk.role() != Role::Leader {
        return Err(Error::Forbidden("error-leader-only"));
    }
    let mut conn = store.conn().await?;
    Ok(
        gatelangs_storage::retention::decisions(&mut conn, store.field_keys(), desk.service())
            .await?,
    )
}

/// Whether the open record may be copied for the archive before a deposit: by a leader, and
/// whole, so not by one the youth has blocked from any entry (another leader makes it).
pub fn may_copy_for_archive(rec: &crate::record_gate::OpenRecord) -> Result<()> {
    rec.require_leader()?;
    if rec.hidden_entries() > 0 {
        return Err(Error::Forbidden("error-archive-copy-blocked"));
    }
    Ok(())
}
