//! Structured assessments of risk and protective factors, shown over time in the record.

use gatelangs_domain::youth::{Factor, FactorStatus};
use gatelangs_domain::{AssessmentId, ServiceId, UserId, YouthId};
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::parse;
use crate::{Result, StoreError};

/// One factor's assessment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub factor: Factor,
    pub status: FactorStatus,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub id: AssessmentId,
    pub assessed_on: String,
    pub author_name: String,
    pub items: Vec<Item>,
    pub created_at: i64,
}

fn place<'a>(service: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "assessments",
        column: "items",
        row,
    }
}

/// An assessment to record.
#[derive(Debug, Clone, Copy)]
pub struct NewAssessment<'a> {
    pub youth: YouthId,
    pub assessed_on: jiff::civil::Date,
    pub author: UserId,
    pub items: &'a [Item],
}

pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: NewAssessment<'_>,
    now: i64,
) -> Result<AssessmentId> {
    let NewAssessment {
        youth,
        assessed_on,
        author,
        items,
    } = new;
    let id = AssessmentId::new();
    let s = service.to_string();
    let row = id.to_string();
    let json = serde_json::to_string(items).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let done = sqlx::query(
        "INSERT INTO assessments (id, service_id, youth_id, assessed_on, author_id, items, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM youths WHERE id = $3 AND service_id = $2)",
    )
    .bind(&row)
    .bind(&s)
    .bind(youth.to_string())
    .bind(assessed_on.to_string())
    .bind(author.to_string())
    .bind(keys.seal(place(&s, &row), &json))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    crate::row::one_row(done)?;
    Ok(id)
}

/// A youth's assessments, oldest first.
pub async fn for_youth(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Assessment>> {
    let s = service.to_string();
    let rows = sqlx::query(
        "SELECT a.id, a.assessed_on, u.name, a.items, a.created_at FROM assessments a \
         JOIN users u ON u.id = a.author_id WHERE a.youth_id = $1 AND a.service_id = $2 \
         ORDER BY a.assessed_on, a.created_at",
    )
    .bind(youth.to_string())
    .bind(&s)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let sealed: String = row.try_get("items")?;
            let items: Vec<Item> = serde_json::from_str(&keys.open(place(&s, &id), &sealed)?)
                .map_err(|_| StoreError::Corrupt(format!("assessments.items of {id}")))?;
            Ok(Assessment {
                id: parse("assessments.id", &id)?,
                assessed_on: row.try_get("assessed_on")?,
                author_name: row.try_get("name")?,
                items,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}
