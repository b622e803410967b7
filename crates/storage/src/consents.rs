//! Consents to share with counterpart services, their withdrawal, and which consent covers a
//! service on a day. The rules are `gatelangs_domain::consent`; the history is never deleted.

use gatelangs_domain::consent::{ConsentForm, ConsentPeriod, GivenBy};
use gatelangs_domain::{ConsentId, CounterpartId, ServiceId, UserId, YouthId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::{one_row, parse};
use crate::{Result, StoreError};

/// A consent to record.
#[derive(Debug, Clone)]
pub struct NewConsent<'a> {
    pub id: ConsentId,
    pub youth: YouthId,
    pub given_by: GivenBy,
    pub age_at_consent: i16,
    pub period: ConsentPeriod,
    pub form: Option<ConsentForm>,
    pub what_shared: Option<&'a str>,
    pub purpose: Option<&'a str>,
    pub youth_view: Option<&'a str>,
    pub guardians_not_involved: Option<&'a str>,
    pub services: &'a [CounterpartId],
    pub recorded_by: Option<UserId>,
}

/// A counterpart service a consent names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    pub id: CounterpartId,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: ConsentId,
    pub youth: YouthId,
    pub given_by: GivenBy,
    pub age_at_consent: i16,
    pub period: ConsentPeriod,
    pub form: Option<ConsentForm>,
    pub what_shared: Option<String>,
    pub purpose: Option<String>,
    pub youth_view: Option<String>,
    pub guardians_not_involved: Option<String>,
    pub services: Vec<Covered>,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
    pub withdrawn_by: Option<String>,
}

impl Consent {
    pub fn covers(&self, counterpart: CounterpartId, day: Date) -> bool {
        self.period.in_force_on(day) && self.services.iter().any(|s| s.id == counterpart)
    }
}

fn place<'a>(service: &'a str, column: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "consents",
        column,
        row,
    }
}

const SEALED: [&str; 4] = [
    "what_shared",
    "purpose",
    "youth_view",
    "guardians_not_involved",
];

pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewConsent<'_>,
    now: i64,
) -> Result<()> {
    let s = service.to_string();
    let row = new.id.to_string();
    let seal = |column: &str, v: Option<&str>| {
        v.filter(|t| !t.trim().is_empty())
            .map(|t| keys.seal(place(&s, column, &row), t.trim()))
    };
    let done = sqlx::query(
        "INSERT INTO consents (id, service_id, youth_id, given_on, given_by, age_at_consent, valid_until, \
         withdrawn_on, form, what_shared, purpose, youth_view, guardians_not_involved, recorded_by, recorded_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 \
         WHERE EXISTS (SELECT 1 FROM youths WHERE id = $3 AND service_id = $2)",
    )
    .bind(&row)
    .bind(&s)
    .bind(new.youth.to_string())
    .bind(new.period.given_on.to_string())
    .bind(new.given_by.as_str())
    .bind(i64::from(new.age_at_consent))
    .bind(new.period.valid_until.map(|d| d.to_string()))
    .bind(new.period.withdrawn_on.map(|d| d.to_string()))
    .bind(new.form.map(|f| f.as_str()))
    .bind(seal("what_shared", new.what_shared))
    .bind(seal("purpose", new.purpose))
    .bind(seal("youth_view", new.youth_view))
    .bind(seal("guardians_not_involved", new.guardians_not_involved))
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    one_row(done)?;
    for counterpart in new.services {
        let done = sqlx::query(
            "INSERT INTO consent_services (consent_id, counterpart_id) SELECT $1, $2 \
             WHERE EXISTS (SELECT 1 FROM counterpart_services WHERE id = $2 AND service_id = $3)",
        )
        .bind(&row)
        .bind(counterpart.to_string())
        .bind(&s)
        .execute(&mut *conn)
        .await?;
        one_row(done)?;
    }
    Ok(())
}

/// Records a withdrawal on `on`: from that day nothing is shared under the consent.
pub async fn withdraw(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
    id: ConsentId,
    on: Date,
    by: Option<UserId>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE consents SET withdrawn_on = $1, withdrawn_by = $2, withdrawn_at = $3 \
         WHERE id = $4 AND youth_id = $5 AND service_id = $6 AND withdrawn_on IS NULL AND given_on <= $1",
    )
    .bind(on.to_string())
    .bind(by.map(|u| u.to_string()))
    .bind(now)
    .bind(id.to_string())
    .bind(youth.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

const SELECT: &str = "SELECT c.id, c.service_id, c.youth_id, c.given_on, c.given_by, c.age_at_consent, \
    c.valid_until, c.withdrawn_on, c.form, c.what_shared, c.purpose, c.youth_view, c.guardians_not_involved, \
    r.name AS recorder, c.recorded_at, w.name AS withdrawer FROM consents c \
    LEFT JOIN users r ON r.id = c.recorded_by LEFT JOIN users w ON w.id = c.withdrawn_by";

fn date_opt(column: &str, v: Option<String>) -> Result<Option<Date>> {
    v.map(|d| parse(column, &d)).transpose()
}

async fn load(
    conn: &mut AnyConnection,
    keys: Option<&FieldKeys>,
    rows: Vec<sqlx::any::AnyRow>,
) -> Result<Vec<Consent>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: String = row.try_get("id")?;
        let s: String = row.try_get("service_id")?;
        let mut sealed = [None, None, None, None];
        if let Some(keys) = keys {
            for (slot, column) in sealed.iter_mut().zip(SEALED) {
                let v: Option<String> = row.try_get(column)?;
                *slot = keys.open_opt(place(&s, column, &id), v.as_deref())?;
            }
        }
        let [what_shared, purpose, youth_view, guardians_not_involved] = sealed;
        let youth: String = row.try_get("youth_id")?;
        let given_on: String = row.try_get("given_on")?;
        let given_by: String = row.try_get("given_by")?;
        let form: Option<String> = row.try_get("form")?;
        let age: i64 = row.try_get("age_at_consent")?;
        out.push(Consent {
            id: parse("consents.id", &id)?,
            youth: parse("consents.youth_id", &youth)?,
            given_by: parse("consents.given_by", &given_by)?,
            age_at_consent: i16::try_from(age)
                .map_err(|_| StoreError::Corrupt("consents.age_at_consent".into()))?,
            period: ConsentPeriod {
                given_on: parse("consents.given_on", &given_on)?,
                valid_until: date_opt("consents.valid_until", row.try_get("valid_until")?)?,
                withdrawn_on: date_opt("consents.withdrawn_on", row.try_get("withdrawn_on")?)?,
            },
            form: form.map(|f| parse("consents.form", &f)).transpose()?,
            what_shared,
            purpose,
            youth_view,
            guardians_not_involved,
            services: Vec::new(),
            recorded_by: row.try_get("recorder")?,
            recorded_at: row.try_get("recorded_at")?,
            withdrawn_by: row.try_get("withdrawer")?,
        });
    }
    for c in &mut out {
        let rows = sqlx::query(
            "SELECT p.id, p.code, p.name FROM consent_services cs JOIN counterpart_services p ON p.id = cs.counterpart_id \
             WHERE cs.consent_id = $1 ORDER BY p.name",
        )
        .bind(c.id.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for row in &rows {
            let id: String = row.try_get("id")?;
            c.services.push(Covered {
                id: parse("counterpart_services.id", &id)?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
            });
        }
    }
    Ok(out)
}

/// A youth's consents with their text opened, oldest first.
pub async fn for_youth(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Consent>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.youth_id = $1 AND c.service_id = $2 ORDER BY c.given_on, c.recorded_at"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    load(conn, Some(keys), rows).await
}

/// The consent that covers sharing with `counterpart` about `youth` on `day`, if any. Only dates
/// and services are read; nothing sealed is opened.
pub async fn covering(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
    counterpart: CounterpartId,
    day: Date,
) -> Result<Option<ConsentId>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.youth_id = $1 AND c.service_id = $2 ORDER BY c.given_on DESC"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(load(conn, None, rows)
        .await?
        .into_iter()
        .find(|c| c.covers(counterpart, day))
        .map(|c| c.id))
}

/// Every consent of the service with its youth's ref, for export; with `keys` the sealed texts
/// are opened too.
pub async fn all(
    conn: &mut AnyConnection,
    keys: Option<&FieldKeys>,
    service: ServiceId,
) -> Result<Vec<(Consent, String)>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.service_id = $1 ORDER BY c.given_on, c.id"
    ))
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let consents = load(conn, keys, rows).await?;
    let mut out = Vec::with_capacity(consents.len());
    for c in consents {
        let reference = crate::youths::reference_in(conn, service, c.youth)
            .await?
            .ok_or(StoreError::NotFound)?;
        out.push((c, reference));
    }
    Ok(out)
}

/// How many consents in force run out from `from` to `to` (inclusive): the leader's prompt to
/// renew them. A count only, so the start page shows no youth.
pub async fn expiring(
    conn: &mut AnyConnection,
    service: ServiceId,
    from: Date,
    to: Date,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM consents c JOIN youths y ON y.id = c.youth_id \
         WHERE c.service_id = $1 AND c.withdrawn_on IS NULL AND y.erased_at IS NULL \
         AND c.valid_until IS NOT NULL AND c.valid_until >= $2 AND c.valid_until <= $3",
    )
    .bind(service.to_string())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_one(&mut *conn)
    .await?)
}

/// Whether a consent with this id exists, and in which service.
pub async fn get(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: ConsentId,
) -> Result<Option<Consent>> {
    let rows = sqlx::query(&format!("{SELECT} WHERE c.id = $1 AND c.service_id = $2"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_all(&mut *conn)
        .await?;
    Ok(load(conn, None, rows).await?.pop())
}
