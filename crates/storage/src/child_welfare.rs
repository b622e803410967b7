//! Concern reports to the child welfare service (helsepersonelloven § 33) and information
//! requests from it. Both concern a child: the youth must be under 18 on the day, checked here
//! for every path.

use gatelangs_domain::consent::{ConcernGround, WelfareKind, check_concern_report_age};
use gatelangs_domain::youth::age_on;
use gatelangs_domain::{ServiceId, UserId, WelfareId, YouthId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::{flag, one_row, parse};
use crate::{Result, StoreError, youths};

#[derive(Debug, Clone, Default)]
pub struct Details<'a> {
    pub grounds: &'a [ConcernGround],
    /// The grounds in words (a report) or what was asked (a request).
    pub details: Option<&'a str>,
    /// What was sent (a report).
    pub sent: Option<&'a str>,
    pub youth_told: Option<bool>,
    pub guardians_told: Option<bool>,
    pub legal_basis: Option<&'a str>,
    /// When the answer is due (a request).
    pub deadline: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct NewWelfare<'a> {
    pub id: WelfareId,
    pub youth: YouthId,
    pub kind: WelfareKind,
    pub day: Date,
    pub details: Details<'a>,
    pub answered_on: Option<Date>,
    pub answer: Option<&'a str>,
    pub recorded_by: Option<UserId>,
}

#[derive(Debug, thiserror::Error)]
pub enum WelfareError {
    #[error("the youth is 18 or older on that date")]
    Adult,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for WelfareError {
    fn from(e: sqlx::Error) -> Self {
        WelfareError::Store(e.into())
    }
}

fn place<'a>(service: &'a str, column: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "child_welfare",
        column,
        row,
    }
}

fn join_grounds(grounds: &[ConcernGround]) -> String {
    grounds
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: &NewWelfare<'_>,
    now: i64,
) -> Result<(), WelfareError> {
    // An erased record's case comes only from a bundle, checked when it was first recorded.
    if let Some(birth) = youths::birth_date(conn, keys, service, new.youth)
        .await?
        .ok_or(StoreError::NotFound)?
    {
        check_concern_report_age(age_on(birth, new.day)).map_err(|_| WelfareError::Adult)?;
    }
    let s = service.to_string();
    let row = new.id.to_string();
    let seal = |column: &str, v: Option<&str>| {
        v.filter(|t| !t.trim().is_empty())
            .map(|t| keys.seal(place(&s, column, &row), t.trim()))
    };
    let d = &new.details;
    sqlx::query(
        "INSERT INTO child_welfare (id, service_id, youth_id, kind, day, year, grounds, details, sent, youth_told, \
         guardians_told, legal_basis, deadline, answered_on, answer, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
    )
    .bind(&row)
    .bind(&s)
    .bind(new.youth.to_string())
    .bind(new.kind.as_str())
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(join_grounds(d.grounds))
    .bind(seal("details", d.details))
    .bind(seal("sent", d.sent))
    .bind(d.youth_told.map(flag))
    .bind(d.guardians_told.map(flag))
    .bind(d.legal_basis.map(str::to_owned))
    .bind(d.deadline.map(|x| x.to_string()))
    .bind(new.answered_on.map(|x| x.to_string()))
    .bind(seal("answer", new.answer))
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the answer to an information request.
pub async fn answer(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
    id: WelfareId,
    answered_on: Date,
    text: &str,
) -> Result<()> {
    let s = service.to_string();
    let row = id.to_string();
    let done = sqlx::query(
        "UPDATE child_welfare SET answered_on = $1, answer = $2 WHERE id = $3 AND youth_id = $4 \
         AND service_id = $5 AND kind = 'information_request' AND answered_on IS NULL AND day <= $1",
    )
    .bind(answered_on.to_string())
    .bind(keys.seal(place(&s, "answer", &row), text.trim()))
    .bind(&row)
    .bind(youth.to_string())
    .bind(&s)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Welfare {
    pub id: WelfareId,
    pub youth: YouthId,
    pub youth_ref: String,
    pub kind: WelfareKind,
    pub day: Date,
    pub grounds: Vec<ConcernGround>,
    pub details: Option<String>,
    pub sent: Option<String>,
    pub youth_told: Option<bool>,
    pub guardians_told: Option<bool>,
    pub legal_basis: Option<String>,
    pub deadline: Option<Date>,
    pub answered_on: Option<Date>,
    pub answer: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

const SELECT: &str = "SELECT w.*, y.ref, u.name AS recorder FROM child_welfare w \
    JOIN youths y ON y.id = w.youth_id LEFT JOIN users u ON u.id = w.recorded_by";

fn from_row(keys: Option<&FieldKeys>, row: &sqlx::any::AnyRow) -> Result<Welfare> {
    let id: String = row.try_get("id")?;
    let s: String = row.try_get("service_id")?;
    let open = |column: &str| -> Result<Option<String>> {
        let v: Option<String> = row.try_get(column)?;
        match keys {
            Some(keys) => keys.open_opt(place(&s, column, &id), v.as_deref()),
            None => Ok(None),
        }
    };
    let date = |column: &str| -> Result<Option<Date>> {
        let v: Option<String> = row.try_get(column)?;
        v.map(|d| parse(column, &d)).transpose()
    };
    let youth: String = row.try_get("youth_id")?;
    let kind: String = row.try_get("kind")?;
    let day: String = row.try_get("day")?;
    let grounds: String = row.try_get("grounds")?;
    let told = |column: &str| -> Result<Option<bool>> {
        Ok(row.try_get::<Option<i64>, _>(column)?.map(|v| v != 0))
    };
    Ok(Welfare {
        id: parse("child_welfare.id", &id)?,
        youth: parse("child_welfare.youth_id", &youth)?,
        youth_ref: row.try_get("ref")?,
        kind: parse("child_welfare.kind", &kind)?,
        day: parse("child_welfare.day", &day)?,
        grounds: grounds
            .split(';')
            .filter(|g| !g.is_empty())
            .map(|g| parse("child_welfare.grounds", g))
            .collect::<Result<_>>()?,
        details: open("details")?,
        sent: open("sent")?,
        youth_told: told("youth_told")?,
        guardians_told: told("guardians_told")?,
        legal_basis: row.try_get("legal_basis")?,
        deadline: date("deadline")?,
        answered_on: date("answered_on")?,
        answer: open("answer")?,
        recorded_by: row.try_get("recorder")?,
        recorded_at: row.try_get("recorded_at")?,
    })
}

pub async fn for_youth(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Welfare>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE w.youth_id = $1 AND w.service_id = $2 ORDER BY w.day, w.recorded_at"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(Some(keys), r)).collect()
}

/// Every record of the service (of one year if given), without opening sealed text: for export
/// and figures.
pub async fn all(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Welfare>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE w.service_id = $1 AND ($2 = 0 OR w.year = $2) ORDER BY w.day, w.id"
    ))
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(None, r)).collect()
}

pub async fn get(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: WelfareId,
) -> Result<Option<Welfare>> {
    let row = sqlx::query(&format!("{SELECT} WHERE w.id = $1 AND w.service_id = $2"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| from_row(None, &r)).transpose()
}

/// Information requests not yet answered (of records not erased), the oldest deadline first.
pub async fn open_requests(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Welfare>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE w.service_id = $1 AND w.kind = 'information_request' AND w.answered_on IS NULL \
         AND y.erased_at IS NULL ORDER BY COALESCE(w.deadline, w.day), w.day"
    ))
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| from_row(None, r)).collect()
}

/// Section 2.9 of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFigures {
    pub concern_reports: i64,
    pub information_requests_received: i64,
    /// Requests received in the year that have an answer date.
    pub information_requests_answered: i64,
}

pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearFigures> {
    let mut out = YearFigures::default();
    for w in all(conn, service, Some(year)).await? {
        match w.kind {
            WelfareKind::ConcernReport => out.concern_reports += 1,
            WelfareKind::InformationRequest => {
                out.information_requests_received += 1;
                if w.answered_on.is_some() {
                    out.information_requests_answered += 1;
                }
            }
        }
    }
    Ok(out)
}
