//! Retention: the leader's list of follow-up records past their period (see
//! `gatelangs_domain::retention`). Listing a record shows its reference, so each listed youth
//! gets an audit entry, as the youth list does.

use gatelangs_domain::audit::PersonalDataAccess;
use gatelangs_domain::retention;
use gatelangs_domain::{AuditEvent, Role, YouthId};
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
