//! Consent to share (pbrl §§ 3-4, 4-3, 4-4). The age rule is applied where a consent is stored,
//! so the form, the JSON API and `consents.csv` cannot disagree: from 16 the youth consents (a
//! guardian alone is refused); under 16 a guardian, or the youth alone with a documented
//! exception.

use gatelangs_domain::consent::{ConsentRefusal, check_giver};
use gatelangs_domain::youth::age_on;
use gatelangs_domain::{ConsentId, PersonalDataAccess, ServiceId, YouthId};
use gatelangs_storage::consents::{self, NewConsent};
use gatelangs_storage::{AnyConnection, FieldKeys, Store, youths};

use crate::error::{Error, Result};
use crate::record_gate::YouthDesk;

/// The message key of a refused consent.
pub fn refusal_key(r: ConsentRefusal) -> &'static str {
    match r {
        ConsentRefusal::YouthMustConsent => "consent-error-youth-must-consent",
        ConsentRefusal::GuardianNeeded => "consent-error-guardian-needed",
        ConsentRefusal::YouthViewMissing => "consent-error-youth-view",
        ConsentRefusal::NoService => "consent-error-no-service",
        ConsentRefusal::EndsBeforeStart => "consent-error-ends-before-start",
        ConsentRefusal::WithdrawnBeforeGiven => "consent-error-ends-before-start",
    }
}

/// Every rule a consent must meet to be stored, in the order a user would fix them: who gave
/// it at the age the youth had that day, the services it covers, and its period.
pub fn check(new: &NewConsent<'_>) -> std::result::Result<(), ConsentRefusal> {
    check_giver(new.age_at_consent, new.given_by, new.guardians_not_involved)?;
    check_services_and_period(new)
}

/// The rules that do not depend on the youth's age.
fn check_services_and_period(new: &NewConsent<'_>) -> std::result::Result<(), ConsentRefusal> {
    if new.services.is_empty() {
        return Err(ConsentRefusal::NoService);
    }
    new.period.check()
}

/// Stores a consent inside the caller's unit of work (a bundle import, or [`record`]) after
/// [`check`]; the age at consent is computed here from the stored birth date, never taken from
/// the caller, except for an erased record, which has none.
pub async fn store(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: NewConsent<'_>,
) -> Result<()> {
    let birth = youths::birth_date(conn, keys, service, new.youth)
        .await?
        .ok_or(Error::NotFound)?;
    let new = match birth {
        Some(birth) => NewConsent {
            age_at_consent: age_on(birth, new.period.given_on),
            ..new
        },
        // An erased record's consent comes only from a bundle, with the age it was given at
        // (the birth date is gone) and no texts; the giver rule was met when it was recorded.
        None => NewConsent {
            what_shared: None,
            purpose: None,
            youth_view: None,
            guardians_not_involved: None,
            ..new
        },
    };
    match birth {
        Some(_) => check(&new),
        // From 16 the youth consents (the age says so); the exception for a youth under 16
        // alone needs a text an erased record no longer has.
        None => match check_giver(new.age_at_consent, new.given_by, None) {
            Err(r @ ConsentRefusal::YouthMustConsent) => Err(r),
            _ => check_services_and_period(&new),
        },
    }
    .map_err(|r| Error::Invalid(refusal_key(r)))?;
    consents::create(conn, keys, service, &new, gatelangs_storage::now()).await?;
    Ok(())
}

/// Records a consent given in a conversation: through the record gate, with the audit entry,
/// in one transaction.
pub async fn record(
    store_: &Store,
    desk: &YouthDesk,
    youth: YouthId,
    new: NewConsent<'_>,
) -> Result<ConsentId> {
    let (rec, mut tx) = desk
        .open(store_, youth, PersonalDataAccess::Change, "consent")
        .await?;
    let new = NewConsent {
        youth: rec.youth(),
        recorded_by: Some(rec.user()),
        ..new
    };
    let id = new.id;
    store(&mut tx, store_.field_keys(), rec.service(), new).await?;
    tx.commit().await?;
    Ok(id)
}
