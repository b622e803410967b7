//! Groups, their sessions and who attended: named youths, or pseudonyms (nicknames, gamer
//! tags) remembered per service so unique participants are counted without identity.
//!
//! Attendance of a named youth is personal data: it is written by `gatelangs_app::groups`, which
//! checks the youth and writes the audit entry.

use std::collections::{BTreeMap, BTreeSet};

use gatelangs_domain::groups::GroupKind;
use gatelangs_domain::{AttendanceId, GroupId, PlaceId, PseudonymId, ServiceId, UserId, YouthId};
use jiff::civil::Date;
use sqlx::{AnyConnection, Row};

use crate::Result;
use crate::row::{one_row, parse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub kind: GroupKind,
    pub place: Option<PlaceId>,
    pub place_name: Option<String>,
}

pub async fn create(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: GroupId,
    name: &str,
    kind: GroupKind,
    place: Option<PlaceId>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO youth_groups (id, service_id, name, kind, place_id, created_at) \
         SELECT $1, $2, $3, $4, $5, $6 \
         WHERE $5 IS NULL OR EXISTS (SELECT 1 FROM places WHERE id = $5 AND service_id = $2)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(name)
    .bind(kind.as_str())
    .bind(place.map(|p| p.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// The service's groups, by name.
pub async fn list(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Group>> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, g.kind, g.place_id, p.name AS place_name FROM youth_groups g \
         LEFT JOIN places p ON p.id = g.place_id WHERE g.service_id = $1 ORDER BY g.name",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let kind: String = row.try_get("kind")?;
            let place: Option<String> = row.try_get("place_id")?;
            Ok(Group {
                id: parse("youth_groups.id", &id)?,
                name: row.try_get("name")?,
                kind: parse("youth_groups.kind", &kind)?,
                place: place
                    .map(|p| parse("youth_groups.place_id", &p))
                    .transpose()?,
                place_name: row.try_get("place_name")?,
            })
        })
        .collect()
}

pub async fn find(
    conn: &mut AnyConnection,
    service: ServiceId,
    name: &str,
) -> Result<Option<Group>> {
    Ok(list(conn, service)
        .await?
        .into_iter()
        .find(|g| g.name == name))
}

/// The pseudonym's id, made on first use.
pub async fn pseudonym(
    conn: &mut AnyConnection,
    service: ServiceId,
    label: &str,
    now: i64,
) -> Result<PseudonymId> {
    let find = "SELECT id FROM group_pseudonyms WHERE service_id = $1 AND label = $2";
    let found: Option<String> = sqlx::query_scalar(find)
        .bind(service.to_string())
        .bind(label)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(id) = found {
        return parse("group_pseudonyms.id", &id);
    }
    let id = PseudonymId::new();
    sqlx::query(
        "INSERT INTO group_pseudonyms (id, service_id, label, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(label)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Who attended: a youth or a pseudonym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendee {
    Youth(YouthId),
    Pseudonym(PseudonymId),
}

#[derive(Debug, Clone)]
pub struct NewAttendance {
    pub id: AttendanceId,
    pub group: GroupId,
    pub day: Date,
    pub attendee: Attendee,
    pub recorded_by: Option<UserId>,
}

/// Records one attendance; the group, youth or pseudonym must be the service's.
pub async fn add_attendance(
    conn: &mut AnyConnection,
    service: ServiceId,
    new: &NewAttendance,
    now: i64,
) -> Result<()> {
    let (youth, pseudonym) = match new.attendee {
        Attendee::Youth(y) => (Some(y.to_string()), None),
        Attendee::Pseudonym(p) => (None, Some(p.to_string())),
    };
    let done = sqlx::query(
        "INSERT INTO group_attendance (id, service_id, group_id, day, year, youth_id, pseudonym_id, recorded_by, recorded_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 \
         WHERE EXISTS (SELECT 1 FROM youth_groups WHERE id = $3 AND service_id = $2) \
         AND ($6 IS NULL OR EXISTS (SELECT 1 FROM youths WHERE id = $6 AND service_id = $2)) \
         AND ($7 IS NULL OR EXISTS (SELECT 1 FROM group_pseudonyms WHERE id = $7 AND service_id = $2))",
    )
    .bind(new.id.to_string())
    .bind(service.to_string())
    .bind(new.group.to_string())
    .bind(new.day.to_string())
    .bind(i64::from(new.day.year()))
    .bind(youth)
    .bind(pseudonym)
    .bind(new.recorded_by.map(|u| u.to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// One attendance as exported: the group's name, the day and the participant cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    pub id: AttendanceId,
    pub group: String,
    pub day: String,
    pub youth_ref: Option<String>,
    pub pseudonym: Option<String>,
}

/// The service's attendances (of one year if given), by day and group.
pub async fn attendance(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
) -> Result<Vec<AttendanceRow>> {
    attendance_where(conn, service, year, None).await
}

/// Attendances of the service, of one year and/or with one id (`None`: any).
async fn attendance_where(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: Option<i32>,
    id: Option<AttendanceId>,
) -> Result<Vec<AttendanceRow>> {
    let rows = sqlx::query(
        "SELECT a.id, g.name, a.day, y.ref, p.label FROM group_attendance a \
         JOIN youth_groups g ON g.id = a.group_id \
         LEFT JOIN youths y ON y.id = a.youth_id LEFT JOIN group_pseudonyms p ON p.id = a.pseudonym_id \
         WHERE a.service_id = $1 AND ($2 = 0 OR a.year = $2) AND ($3 = '' OR a.id = $3) \
         ORDER BY a.day, g.name, a.recorded_at, a.id",
    )
    .bind(service.to_string())
    .bind(i64::from(year.unwrap_or(0)))
    .bind(id.map(|i| i.to_string()).unwrap_or_default())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            Ok(AttendanceRow {
                id: parse("group_attendance.id", &id)?,
                group: row.try_get("name")?,
                day: row.try_get("day")?,
                youth_ref: row.try_get("ref")?,
                pseudonym: row.try_get("label")?,
            })
        })
        .collect()
}

/// Whether an attendance id is already stored in the service, and as what.
pub async fn attendance_by_id(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: AttendanceId,
) -> Result<Option<AttendanceRow>> {
    Ok(attendance_where(conn, service, None, Some(id)).await?.pop())
}

/// The groups section of a year: sessions are distinct (group, day) pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearFigures {
    pub sessions: u64,
    pub attendances: u64,
    pub unique_named: u64,
    pub unique_anonymous: u64,
    /// Per group name: (sessions, attendances).
    pub by_group: BTreeMap<String, (u64, u64)>,
}

pub async fn year_figures(
    conn: &mut AnyConnection,
    service: ServiceId,
    year: i32,
) -> Result<YearFigures> {
    let rows = sqlx::query(
        "SELECT g.name, a.day, a.youth_id, a.pseudonym_id FROM group_attendance a \
         JOIN youth_groups g ON g.id = a.group_id WHERE a.service_id = $1 AND a.year = $2",
    )
    .bind(service.to_string())
    .bind(i64::from(year))
    .fetch_all(&mut *conn)
    .await?;
    let mut sessions: BTreeSet<(String, String)> = BTreeSet::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut anonymous: BTreeSet<String> = BTreeSet::new();
    let mut out = YearFigures::default();
    for row in &rows {
        let group: String = row.try_get("name")?;
        let day: String = row.try_get("day")?;
        let youth: Option<String> = row.try_get("youth_id")?;
        let pseudonym: Option<String> = row.try_get("pseudonym_id")?;
        out.attendances += 1;
        let entry = out.by_group.entry(group.clone()).or_default();
        entry.1 += 1;
        if sessions.insert((group, day)) {
            entry.0 += 1;
        }
        named.extend(youth);
        anonymous.extend(pseudonym);
    }
    out.sessions = sessions.len() as u64;
    out.unique_named = named.len() as u64;
    out.unique_anonymous = anonymous.len() as u64;
    Ok(out)
}

/// The groups a youth attended, for their record and copy: (group name, day), newest first.
pub async fn attended_by(
    conn: &mut AnyConnection,
    service: ServiceId,
    youth: YouthId,
) -> Result<Vec<(String, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT g.name, a.day FROM group_attendance a JOIN youth_groups g ON g.id = a.group_id \
         WHERE a.service_id = $1 AND a.youth_id = $2 ORDER BY a.day DESC, g.name",
    )
    .bind(service.to_string())
    .bind(youth.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows)
}

/// The named youths who ever attended `group`, once each.
pub async fn named_attendees(
    conn: &mut AnyConnection,
    service: ServiceId,
    group: GroupId,
) -> Result<Vec<YouthId>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT youth_id FROM group_attendance \
         WHERE service_id = $1 AND group_id = $2 AND youth_id IS NOT NULL ORDER BY youth_id",
    )
    .bind(service.to_string())
    .bind(group.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| parse("group_attendance.youth_id", r))
        .collect()
}

/// The staff who run `group`: (id, name), by name.
pub async fn staff(
    conn: &mut AnyConnection,
    service: ServiceId,
    group: GroupId,
) -> Result<Vec<(UserId, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.id, u.name FROM group_staff s JOIN youth_groups g ON g.id = s.group_id \
         JOIN users u ON u.id = s.user_id \
         WHERE g.service_id = $1 AND s.group_id = $2 ORDER BY u.name, u.username",
    )
    .bind(service.to_string())
    .bind(group.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, name)| Ok((parse("group_staff.user_id", &id)?, name)))
        .collect()
}

/// Makes `users` the staff of `group`; a user of another service is not found.
pub async fn set_staff(
    conn: &mut AnyConnection,
    service: ServiceId,
    group: GroupId,
    users: &[UserId],
) -> Result<()> {
    let s = service.to_string();
    let g = group.to_string();
    sqlx::query(
        "DELETE FROM group_staff WHERE group_id = $1 \
         AND EXISTS (SELECT 1 FROM youth_groups WHERE id = $1 AND service_id = $2)",
    )
    .bind(&g)
    .bind(&s)
    .execute(&mut *conn)
    .await?;
    for user in users {
        let done = sqlx::query(
            "INSERT INTO group_staff (group_id, user_id) SELECT $1, $2 \
             WHERE EXISTS (SELECT 1 FROM youth_groups WHERE id = $1 AND service_id = $3) \
             AND EXISTS (SELECT 1 FROM users WHERE id = $2 AND service_id = $3)",
        )
        .bind(&g)
        .bind(user.to_string())
        .bind(&s)
        .execute(&mut *conn)
        .await?;
        one_row(done)?;
    }
    Ok(())
}

/// Sets the head count of participants known neither by name nor by pseudonym at the session
/// of `group` on `day`.
pub async fn set_others(
    conn: &mut AnyConnection,
    service: ServiceId,
    group: GroupId,
    day: Date,
    others: u32,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO group_session_others (service_id, group_id, day, year, others) \
         SELECT $1, $2, $3, $4, $5 \
         WHERE EXISTS (SELECT 1 FROM youth_groups WHERE id = $2 AND service_id = $1) \
         ON CONFLICT (group_id, day) DO UPDATE SET others = excluded.others",
    )
    .bind(service.to_string())
    .bind(group.to_string())
    .bind(day.to_string())
    .bind(i64::from(day.year()))
    .bind(i64::from(others))
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// The head counts of others at `group`'s sessions, by day (YYYY-MM-DD).
pub async fn others_by_day(
    conn: &mut AnyConnection,
    service: ServiceId,
    group: GroupId,
) -> Result<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT day, others FROM group_session_others WHERE service_id = $1 AND group_id = $2",
    )
    .bind(service.to_string())
    .bind(group.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Notes that the roll-call the phone called `id` is stored; `false` when it already was (a
/// retry), and then the caller stores nothing. An id another service used is
/// [`StoreError::Conflict`](crate::StoreError::Conflict): answering "already stored" would let
/// a phone drop a roll-call its own service never stored.
pub async fn receive_roll_call(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: uuid::Uuid,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO group_roll_call_receipts (id, service_id, received_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    let owner: String =
        sqlx::query_scalar("SELECT service_id FROM group_roll_call_receipts WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(&mut *conn)
            .await?;
    if owner == service.to_string() {
        Ok(false)
    } else {
        Err(crate::StoreError::Conflict)
    }
}
