//! Anonymous field contacts: idempotent registration, undo, correction, listing and the
//! aggregates the annual report is computed from.

use gatelangs_domain::field::{AgeGroup, Channel, ContactCount, Gender, LocalMoment, TimeBand};
use gatelangs_domain::{ContactId, PlaceId, ServiceId, UserId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::row::{one_row, parse};
use crate::{Result, StoreError, now};

/// A registration as it arrives (from a phone, the shift table or an import).
#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub id: ContactId,
    pub occurred_at: jiff::Timestamp,
    pub place: PlaceId,
    pub channel: Channel,
    pub age_group: AgeGroup,
    pub gender: Gender,
    pub count: ContactCount,
    pub staff: Option<UserId>,
    /// Topic codes joined by `;` (see `gatelangs_domain::field::join_topics`).
    pub topics: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    /// Stored now.
    Stored,
    /// The id was stored before (a retry, a second tab): nothing new was written.
    AlreadyStored,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    pub id: ContactId,
    pub occurred_at: i64,
    pub place_id: PlaceId,
    pub place_name: String,
    pub district_name: String,
    pub channel: Channel,
    pub age_group: AgeGroup,
    pub gender: Gender,
    pub count: i64,
    pub staff_id: Option<UserId>,
    pub staff_username: Option<String>,
    pub topics: String,
    pub created_at: i64,
    pub created_by: Option<UserId>,
    pub undone: bool,
}

const SELECT: &str = "SELECT c.id, c.occurred_at, c.place_id, p.name AS place_name, d.name AS district_name, \
    c.channel, c.age_group, c.gender, c.count, c.staff_id, u.username AS staff_username, c.topics, \
    c.created_at, c.created_by, c.undone_at \
    FROM contacts c JOIN places p ON p.id = c.place_id JOIN districts d ON d.id = p.district_id \
    LEFT JOIN users u ON u.id = c.staff_id";

fn from_row(row: &AnyRow) -> Result<Contact> {
    let text = |c: &str| row.try_get::<String, _>(c);
    let opt = |c: &str| row.try_get::<Option<String>, _>(c);
    Ok(Contact {
        id: parse("contacts.id", &text("id")?)?,
        occurred_at: row.try_get("occurred_at")?,
        place_id: parse("contacts.place_id", &text("place_id")?)?,
        place_name: text("place_name")?,
        district_name: text("district_name")?,
        channel: parse("contacts.channel", &text("channel")?)?,
        age_group: parse("contacts.age_group", &text("age_group")?)?,
        gender: parse("contacts.gender", &text("gender")?)?,
        count: row.try_get("count")?,
        staff_id: opt("staff_id")?
            .as_deref()
            .map(|s| parse("contacts.staff_id", s))
            .transpose()?,
        staff_username: opt("staff_username")?,
        topics: text("topics")?,
        created_at: row.try_get("created_at")?,
        created_by: opt("created_by")?
            .as_deref()
            .map(|s| parse("contacts.created_by", s))
            .transpose()?,
        undone: row.try_get::<Option<i64>, _>("undone_at")?.is_some(),
    })
}

/// Stores a registration once. The place must belong to the service (else `NotFound`);
/// `tz` is the service's time zone, which fixes the contact's local year, month and time band.
pub async fn register(
    conn: &mut AnyConnection,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    contact: &NewContact,
    created_by: Option<UserId>,
) -> Result<Registered> {
    let local = LocalMoment::of(contact.occurred_at, tz);
    // One statement on the hot path: the place check rides along as `WHERE EXISTS`, and only
    // when nothing was inserted do we look at why.
    let done = sqlx::query(
        "INSERT INTO contacts (id, service_id, occurred_at, place_id, channel, age_group, gender, count, \
            staff_id, topics, local_year, local_month, local_weekday, local_hour, time_band, created_at, created_by) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 \
         WHERE EXISTS (SELECT 1 FROM places WHERE id = $4 AND service_id = $2) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(contact.id.to_string())
    .bind(service.to_string())
    .bind(contact.occurred_at.as_second())
    .bind(contact.place.to_string())
    .bind(contact.channel.as_str())
    .bind(contact.age_group.as_str())
    .bind(contact.gender.as_str())
    .bind(i64::from(contact.count.get()))
    .bind(contact.staff.map(|s| s.to_string()))
    .bind(contact.topics.clone())
    .bind(i64::from(local.year))
    .bind(i64::from(local.month))
    .bind(i64::from(local.weekday))
    .bind(i64::from(local.hour))
    .bind(local.time_band.as_str())
    .bind(now())
    .bind(created_by.map(|u| u.to_string()))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Registered::Stored);
    }
    // Stored already means stored in this service: an id another service holds was never
    // stored here, and answering "already stored" would let the phone drop the tap.
    match exists(conn, contact.id).await? {
        Some(owner) if owner == service => Ok(Registered::AlreadyStored),
        Some(_) => Err(StoreError::Conflict),
        None => Err(StoreError::NotFound),
    }
}

pub async fn get(conn: &mut AnyConnection, service: ServiceId, id: ContactId) -> Result<Contact> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.id = $1 AND c.service_id = $2"))
        .bind(id.to_string())
        .bind(service.to_string())
        .fetch_one(&mut *conn)
        .await?;
    from_row(&row)
}

/// Whether a contact with this id exists anywhere (ids are global; used by import).
pub async fn exists(conn: &mut AnyConnection, id: ContactId) -> Result<Option<ServiceId>> {
    let service: Option<String> =
        sqlx::query_scalar("SELECT service_id FROM contacts WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    service
        .as_deref()
        .map(|s| parse("contacts.service_id", s))
        .transpose()
}

/// Marks a registration undone; it stops counting but its id stays taken.
pub async fn undo(conn: &mut AnyConnection, service: ServiceId, id: ContactId) -> Result<()> {
    one_row(sqlx::query(
        "UPDATE contacts SET undone_at = $1 WHERE id = $2 AND service_id = $3 AND undone_at IS NULL",
    )
    .bind(now())
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?)
}

/// Replaces the facts of a contact (a correction); its id and author stay.
pub async fn correct(
    conn: &mut AnyConnection,
    service: ServiceId,
    tz: &jiff::tz::TimeZone,
    contact: &NewContact,
) -> Result<()> {
    let place_ok: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM places WHERE id = $1 AND service_id = $2")
            .bind(contact.place.to_string())
            .bind(service.to_string())
            .fetch_one(&mut *conn)
            .await?;
    if place_ok == 0 {
        return Err(StoreError::NotFound);
    }
    let local = LocalMoment::of(contact.occurred_at, tz);
    one_row(sqlx::query(
        "UPDATE contacts SET occurred_at = $1, place_id = $2, channel = $3, age_group = $4, gender = $5, \
            count = $6, topics = $7, local_year = $8, local_month = $9, local_weekday = $10, local_hour = $11, \
            time_band = $12 \
         WHERE id = $13 AND service_id = $14 AND undone_at IS NULL",
    )
    .bind(contact.occurred_at.as_second())
    .bind(contact.place.to_string())
    .bind(contact.channel.as_str())
    .bind(contact.age_group.as_str())
    .bind(contact.gender.as_str())
    .bind(i64::from(contact.count.get()))
    .bind(contact.topics.clone())
    .bind(i64::from(local.year))
    .bind(i64::from(local.month))
    .bind(i64::from(local.weekday))
    .bind(i64::from(local.hour))
    .bind(local.time_band.as_str())
    .bind(contact.id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?)
}

/// Filters for the contacts list; all optional.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    pub district: Option<gatelangs_domain::DistrictId>,
    pub place: Option<PlaceId>,
    pub channel: Option<Channel>,
    pub staff: Option<UserId>,
    pub limit: i64,
    /// How many of the newest to skip (paging).
    pub offset: i64,
}

/// Contacts that count (not undone), newest first.
pub async fn list(
    conn: &mut AnyConnection,
    service: ServiceId,
    f: &ContactFilter,
) -> Result<Vec<Contact>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.service_id = $1 AND c.undone_at IS NULL \
           AND ($2 IS NULL OR c.occurred_at >= $2) AND ($3 IS NULL OR c.occurred_at < $3) \
           AND ($4 IS NULL OR p.district_id = $4) AND ($5 IS NULL OR c.place_id = $5) \
           AND ($6 IS NULL OR c.channel = $6) AND ($7 IS NULL OR c.staff_id = $7) \
         ORDER BY c.occurred_at DESC, c.id LIMIT $8 OFFSET $9"
    ))
    .bind(service.to_string())
    .bind(f.from)
    .bind(f.until)
    .bind(f.district.map(|d| d.to_string()))
    .bind(f.place.map(|p| p.to_string()))
    .bind(f.channel.map(|c| c.as_str()))
    .bind(f.staff.map(|s| s.to_string()))
    .bind(if f.limit > 0 { f.limit } else { 1000 })
    .bind(f.offset.max(0))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every counting contact of a service, optionally of one local year, oldest first: for export.
pub async fn all(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<Contact>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.service_id = $1 AND c.undone_at IS NULL AND ($2 IS NULL OR c.local_year = $2) \
         ORDER BY c.occurred_at, c.id"
    ))
    .bind(service.to_string())
    .bind(year.map(i64::from))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Sums of `count` over a service-year, grouped three ways; the report is built from these.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearAggregates {
    pub by_place_channel: Vec<(PlaceId, Channel, i64)>,
    pub by_age_gender: Vec<(AgeGroup, Gender, i64)>,
    /// (month 1–12, weekday 1–7, time band, sum)
    pub by_month_weekday_band: Vec<(i64, i64, TimeBand, i64)>,
}

pub async fn year_aggregates(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearAggregates> {
    if conn.backend_name() == "PostgreSQL" {
        return year_aggregates_grouping_sets(conn, service, year).await;
    }
    let svc = service.to_string();
    let year = i64::from(year);
    let mut out = YearAggregates::default();
    for sql in [BY_PLACE_CHANNEL, BY_AGE_GENDER, BY_MONTH_WEEKDAY_BAND] {
        let rows = sqlx::query(sql)
            .bind(&svc)
            .bind(year)
            .fetch_all(&mut *conn)
            .await?;
        for r in &rows {
            add_aggregate_row(&mut out, r)?;
        }
    }
    Ok(out)
}

// SUM over BIGINT is NUMERIC on PostgreSQL: cast back so both backends give an integer. Columns a
// grouping does not use are NULL, which is how a row says which breakdown it belongs to.
const BY_PLACE_CHANNEL: &str = "SELECT place_id, channel, NULL AS age_group, NULL AS gender, \
    NULL AS local_month, NULL AS local_weekday, NULL AS time_band, CAST(SUM(count) AS BIGINT) AS n \
    FROM contacts WHERE service_id = $1 AND local_year = $2 AND undone_at IS NULL GROUP BY place_id, channel";
const BY_AGE_GENDER: &str = "SELECT NULL AS place_id, NULL AS channel, age_group, gender, \
    NULL AS local_month, NULL AS local_weekday, NULL AS time_band, CAST(SUM(count) AS BIGINT) AS n \
    FROM contacts WHERE service_id = $1 AND local_year = $2 AND undone_at IS NULL GROUP BY age_group, gender";
const BY_MONTH_WEEKDAY_BAND: &str = "SELECT NULL AS place_id, NULL AS channel, NULL AS age_group, NULL AS gender, \
    local_month, local_weekday, time_band, CAST(SUM(count) AS BIGINT) AS n \
    FROM contacts WHERE service_id = $1 AND local_year = $2 AND undone_at IS NULL \
    GROUP BY local_month, local_weekday, time_band";

/// PostgreSQL sums all three breakdowns in one scan with `GROUPING SETS` (SQLite has none).
async fn year_aggregates_grouping_sets(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearAggregates> {
    let rows = sqlx::query(
        "SELECT place_id, channel, age_group, gender, local_month, local_weekday, time_band, \
            CAST(SUM(count) AS BIGINT) AS n \
         FROM contacts WHERE service_id = $1 AND local_year = $2 AND undone_at IS NULL \
         GROUP BY GROUPING SETS ((place_id, channel), (age_group, gender), (local_month, local_weekday, time_band))",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = YearAggregates::default();
    for r in &rows {
        add_aggregate_row(&mut out, r)?;
    }
    Ok(out)
}

fn add_aggregate_row(out: &mut YearAggregates, r: &AnyRow) -> Result<()> {
    let n: i64 = r.try_get("n")?;
    let text = |c: &str| r.try_get::<Option<String>, _>(c);
    if let (Some(place), Some(channel)) = (text("place_id")?, text("channel")?) {
        out.by_place_channel.push((
            parse("contacts.place_id", &place)?,
            parse("contacts.channel", &channel)?,
            n,
        ));
    } else if let (Some(age), Some(gender)) = (text("age_group")?, text("gender")?) {
        out.by_age_gender.push((
            parse("contacts.age_group", &age)?,
            parse("contacts.gender", &gender)?,
            n,
        ));
    } else if let Some(band) = text("time_band")? {
        let month: Option<i64> = r.try_get("local_month")?;
        let weekday: Option<i64> = r.try_get("local_weekday")?;
        out.by_month_weekday_band.push((
            month.unwrap_or(0),
            weekday.unwrap_or(0),
            parse("contacts.time_band", &band)?,
            n,
        ));
    }
    Ok(())
}

/// The districts a staff member has registered most contacts in since `since` (Unix seconds),
/// most first: the worker's own districts, shown first on the field page.
pub async fn districts_of_staff(
    conn: &mut AnyConnection,
    service: ServiceId,
    staff: UserId,
    since: i64,
) -> Result<Vec<gatelangs_domain::DistrictId>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT p.district_id FROM contacts c JOIN places p ON p.id = c.place_id \
         WHERE c.service_id = $1 AND c.staff_id = $2 AND c.occurred_at >= $3 AND c.undone_at IS NULL \
         GROUP BY p.district_id ORDER BY CAST(SUM(c.count) AS BIGINT) DESC, p.district_id",
    )
    .bind(service.to_string())
    .bind(staff.to_string())
    .bind(since)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|d| parse("places.district_id", d))
        .collect()
}

/// The total of a service-year, or None when the year has no contacts at all.
/// Contacts of one local month per district: `(district, sum of count)`, by district.
pub async fn month_by_district(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
    month: i8,
) -> Result<Vec<(String, i64)>> {
    let rows = sqlx::query(
        "SELECT d.name AS district, CAST(SUM(c.count) AS BIGINT) AS n FROM contacts c \
         JOIN places p ON p.id = c.place_id JOIN districts d ON d.id = p.district_id \
         WHERE c.service_id = $1 AND c.local_year = $2 AND c.local_month = $3 AND c.undone_at IS NULL \
         GROUP BY d.name ORDER BY d.name",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .bind(i64::from(month))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("district")?, r.try_get("n")?)))
        .collect()
}

/// The latest year up to `until` with a field contact, for pages that open on a year with data.
pub async fn latest_year(
    conn: &mut AnyConnection,
    service: ServiceId,
    until: i32,
) -> Result<Option<i32>> {
    let year: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(local_year) FROM contacts \
         WHERE service_id = $1 AND local_year <= $2 AND undone_at IS NULL",
    )
    .bind(service.to_string())
    .bind(i64::from(until))
    .fetch_one(&mut *conn)
    .await?;
    Ok(year.and_then(|y| i32::try_from(y).ok()))
}

pub async fn year_total(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<Option<i64>> {
    let n: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(SUM(count) AS BIGINT) FROM contacts \
         WHERE service_id = $1 AND local_year = $2 AND undone_at IS NULL",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}
