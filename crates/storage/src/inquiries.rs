//! Inquiries to or from other services where no consent exists: general advice only, with no
//! youth and no personal data (the topic field warns against identifying anyone).

use std::collections::BTreeMap;

use gatelangs_domain::consent::Direction;
use gatelangs_domain::{CounterpartId, InquiryId, ServiceId, UserId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::{one_row, parse};

#[derive(Debug, Clone)]
pub struct NewInquiry<'a> {
    pub id: InquiryId,
    pub day: Date,
    pub direction: Direction,
    pub counterpart: CounterpartId,
    pub topic: Option<&'a str>,
    pub recorded_by: Option<UserId>,
}

pub async fn create(
    conn: &mut AnyConnection,
    service: ServiceId,
    new: &NewInquiry<'_>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO inquiries (id, service_id, day, year, direction, counterpart_id, topic, recorded_by, recorded_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 \
         WHERE EXISTS (SELECT 1 FROM counterpart_services WHERE id = $6 AND service_id = $2)",
    )
    .bind(new.id.to_string())
    .bind(service.to_string())
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(new.direction.as_str())
    .bind(new.counterpart.to_string())
    .bind(new.topic.map(str::trim).filter(|t| !t.is_empty()))
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inquiry {
    pub id: InquiryId,
    pub day: Date,
    pub direction: Direction,
    pub service_code: String,
    pub service_name: String,
    pub topic: Option<String>,
    pub recorded_by: Option<String>,
}

/// The service's inquiries (of one year if given), newest first.
pub async fn list(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Inquiry>> {
    let rows = sqlx::query(
        "SELECT i.id, i.day, i.direction, p.code, p.name, i.topic, u.name AS recorder FROM inquiries i \
         JOIN counterpart_services p ON p.id = i.counterpart_id LEFT JOIN users u ON u.id = i.recorded_by \
         WHERE i.service_id = $1 AND ($2 = 0 OR i.year = $2) ORDER BY i.day DESC, i.recorded_at DESC",
    )
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let day: String = row.try_get("day")?;
            let direction: String = row.try_get("direction")?;
            Ok(Inquiry {
                id: parse("inquiries.id", &id)?,
                day: parse("inquiries.day", &day)?,
                direction: parse("inquiries.direction", &direction)?,
                service_code: row.try_get("code")?,
                service_name: row.try_get("name")?,
                topic: row.try_get("topic")?,
                recorded_by: row.try_get("recorder")?,
            })
        })
        .collect()
}

/// Whether an inquiry id exists, in which service.
pub async fn owner(conn: &mut AnyConnection, id: InquiryId) -> Result<Option<ServiceId>> {
    let s: Option<String> = sqlx::query_scalar("SELECT service_id FROM inquiries WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    s.map(|s| parse("inquiries.service_id", &s)).transpose()
}

/// Section 2.6 of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFigures {
    pub total: i64,
    pub by_service: BTreeMap<String, i64>,
}

pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearFigures> {
    let mut out = YearFigures::default();
    for i in list(conn, service, Some(year)).await? {
        *out.by_service.entry(i.service_name).or_default() += 1;
        out.total += 1;
    }
    Ok(out)
}
