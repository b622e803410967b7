//! Follow-up conversations with named youths, and the figures of the report's section 2.3.

use std::collections::BTreeMap;

use gatelangs_domain::youth::{Challenge, Setting, join_challenges, parse_challenges};
use gatelangs_domain::{ContactId, ConversationId, PlaceId, ServiceId, UserId, YouthId};
use jiff::tz::TimeZone;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::parse;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConversation {
    pub id: ConversationId,
    pub youth: YouthId,
    pub occurred_at: jiff::Timestamp,
    pub setting: Option<Setting>,
    pub duration_minutes: Option<i64>,
    pub challenges: Vec<Challenge>,
    pub staff: Vec<UserId>,
    pub place: Option<PlaceId>,
    pub contact: Option<ContactId>,
    pub created_by: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub id: ConversationId,
    pub youth: YouthId,
    pub youth_ref: String,
    pub occurred_at: i64,
    pub local_date: String,
    pub setting: Option<Setting>,
    pub duration_minutes: Option<i64>,
    pub challenges: Vec<Challenge>,
    pub staff: Vec<(UserId, String, String)>,
    pub place_name: Option<String>,
}

/// Stores a conversation; the youth, staff and place must belong to the service.
pub async fn create(
    conn: &mut AnyConnection,
    service: ServiceId,
    tz: &TimeZone,
    c: &NewConversation,
    now: i64,
) -> Result<()> {
    let local = c.occurred_at.to_zoned(tz.clone());
    let done = sqlx::query(
        "INSERT INTO conversations (id, service_id, youth_id, occurred_at, local_date, local_year, \
         setting, duration_minutes, challenges, place_id, contact_id, created_at, created_by) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 \
         WHERE EXISTS (SELECT 1 FROM youths WHERE id = $3 AND service_id = $2) \
         AND ($10 IS NULL OR EXISTS (SELECT 1 FROM places WHERE id = $10 AND service_id = $2))",
    )
    .bind(c.id.to_string())
    .bind(service.to_string())
    .bind(c.youth.to_string())
    .bind(c.occurred_at.as_second())
    .bind(local.date().to_string())
    .bind(i64::from(local.year()))
    .bind(c.setting.map(|s| s.as_str()))
    .bind(c.duration_minutes)
    .bind(join_challenges(&c.challenges))
    .bind(c.place.map(|p| p.to_string()))
    .bind(c.contact.map(|p| p.to_string()))
    .bind(now)
    .bind(c.created_by.map(|u| u.to_string()))
    .execute(&mut *conn)
    .await?;
    crate::row::one_row(done)?;
    for staff in &c.staff {
        let done = sqlx::query(
            "INSERT INTO conversation_staff (conversation_id, user_id) \
             SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM users WHERE id = $2 AND service_id = $3)",
        )
        .bind(c.id.to_string())
        .bind(staff.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
        crate::row::one_row(done)?;
    }
    Ok(())
}

const SELECT: &str = "SELECT c.id, c.youth_id, y.ref, c.occurred_at, c.local_date, c.setting, \
    c.duration_minutes, c.challenges, p.name AS place_name FROM conversations c \
    JOIN youths y ON y.id = c.youth_id LEFT JOIN places p ON p.id = c.place_id";

async fn load(conn: &mut AnyConnection, rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Conversation>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: String = row.try_get("id")?;
        let youth: String = row.try_get("youth_id")?;
        let setting: Option<String> = row.try_get("setting")?;
        let challenges: String = row.try_get("challenges")?;
        out.push(Conversation {
            id: parse("conversations.id", &id)?,
            youth: parse("conversations.youth_id", &youth)?,
            youth_ref: row.try_get("ref")?,
            occurred_at: row.try_get("occurred_at")?,
            local_date: row.try_get("local_date")?,
            setting: setting
                .map(|s| parse("conversations.setting", &s))
                .transpose()?,
            duration_minutes: row.try_get("duration_minutes")?,
            challenges: parse_challenges(&challenges)
                .map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
            staff: Vec::new(),
            place_name: row.try_get("place_name")?,
        });
    }
    for c in &mut out {
        let rows = sqlx::query(
            "SELECT u.id, u.username, u.name FROM conversation_staff s JOIN users u ON u.id = s.user_id \
             WHERE s.conversation_id = $1 ORDER BY u.username",
        )
        .bind(c.id.to_string())
        .fetch_all(&mut *conn)
        .await?;
        for row in &rows {
            let id: String = row.try_get("id")?;
            c.staff.push((
                parse("users.id", &id)?,
                row.try_get("username")?,
                row.try_get("name")?,
            ));
        }
    }
    Ok(out)
}

pub async fn for_youth(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<Conversation>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.youth_id = $1 AND c.service_id = $2 ORDER BY c.occurred_at"
    ))
    .bind(youth.to_string())
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    load(conn, rows).await
}

/// One conversation of the service.
pub async fn get(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: ConversationId,
) -> Result<Option<Conversation>> {
    let rows = sqlx::query(&format!("{SELECT} WHERE c.id = $1 AND c.service_id = $2"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_all(&mut *conn)
        .await?;
    Ok(load(conn, rows).await?.pop())
}

/// Every conversation of the service (of one year if given), for export.
pub async fn all(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Conversation>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.service_id = $1 AND ($2 = 0 OR c.local_year = $2) ORDER BY c.occurred_at, c.id"
    ))
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .fetch_all(&mut *conn)
    .await?;
    load(conn, rows).await
}

/// The follow-up figures of one year, computed from the conversations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFigures {
    pub conversations: i64,
    pub unique_youths: i64,
    /// Youths whose first conversation ever falls in the year.
    pub new_youths: i64,
    /// Unique youths with the challenge in the year, every code present.
    pub by_challenge: BTreeMap<&'static str, i64>,
    /// Unique youths in follow-up this year living outside the service's municipality.
    pub other_municipality: i64,
}

pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
    home_municipality: Option<&str>,
) -> Result<YearFigures> {
    let rows = sqlx::query(
        "SELECT c.youth_id, c.challenges, y.municipality FROM conversations c \
         JOIN youths y ON y.id = c.youth_id WHERE c.service_id = $1 AND c.local_year = $2",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    let mut youths: BTreeMap<String, (std::collections::BTreeSet<Challenge>, String)> =
        BTreeMap::new();
    for row in &rows {
        let youth: String = row.try_get("youth_id")?;
        let challenges: String = row.try_get("challenges")?;
        let municipality: String = row.try_get("municipality")?;
        let entry = youths
            .entry(youth)
            .or_insert_with(|| (Default::default(), municipality));
        entry.0.extend(
            parse_challenges(&challenges).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?,
        );
    }
    let mut by_challenge: BTreeMap<&'static str, i64> =
        Challenge::ALL.iter().map(|c| (c.as_str(), 0)).collect();
    for (challenges, _) in youths.values() {
        for c in challenges {
            *by_challenge.entry(c.as_str()).or_default() += 1;
        }
    }
    let new_youths: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT youth_id FROM conversations WHERE service_id = $1 \
         GROUP BY youth_id HAVING MIN(local_year) = $2) AS firsts",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    Ok(YearFigures {
        conversations: rows.len() as i64,
        unique_youths: youths.len() as i64,
        new_youths,
        other_municipality: home_municipality.map_or(0, |home| {
            youths.values().filter(|(_, m)| m != home).count() as i64
        }),
        by_challenge,
    })
}
