//! Named youths: identity sealed at rest, found by keyed hashes, each with two contact persons.
//!
//! Nothing here decides who may see a youth; the web layer's record gate asks
//! `gatelangs_domain::access` first and writes the audit entry. These functions only keep the
//! data, always within one service.
//!
//! A record erased by a retention decision (`erased_at`, see `retention.rs`) is only a shell
//! kept for past years' counts: it is no youth to open, list, search or warn about any more.

use gatelangs_domain::field::Gender;
use gatelangs_domain::youth::{names_similar, normalize_name};
use gatelangs_domain::{MunicipalityNumber, ServiceId, UserId, YouthId};
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::crypto::{FieldKeys, Place};
use crate::row::{one_row, parse};
use crate::{Result, StoreError};

/// A guardian (foresatt) of a youth.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Guardian {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
}

/// What a user types about a youth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YouthFields {
    pub reference: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Date,
    pub gender: Gender,
    pub municipality: MunicipalityNumber,
    pub phone: Option<String>,
    pub school: Option<String>,
    pub guardians: Vec<Guardian>,
}

/// A youth as stored, opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Youth {
    pub id: YouthId,
    pub fields: YouthFields,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub contact_persons: Vec<UserId>,
}

impl Youth {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.fields.first_name, self.fields.last_name)
    }
}

fn place<'a>(service: &'a str, column: &'a str, row: &'a str) -> Place<'a> {
    Place {
        service,
        table: "youths",
        column,
        row,
    }
}

/// The keyed hashes a youth is found by: full name + birth date, birth date, phone.
pub(crate) struct Hashes {
    pub identity: String,
    pub birth: String,
    pub phone: Option<String>,
}

pub(crate) fn hashes(keys: &FieldKeys, service: &str, f: &YouthFields) -> Hashes {
    Hashes {
        identity: identity_hash(keys, service, &f.first_name, &f.last_name, f.birth_date),
        birth: keys.blind(service, "birth_date", &f.birth_date.to_string()),
        phone: f.phone.as_deref().map(|p| keys.blind(service, "phone", p)),
    }
}

fn identity_hash(keys: &FieldKeys, service: &str, first: &str, last: &str, birth: Date) -> String {
    keys.blind(
        service,
        "identity",
        &format!("{}|{birth}", normalize_name(first, last)),
    )
}

/// A youth to register, with up to two contact persons.
#[derive(Debug, Clone, Copy)]
pub struct NewYouth<'a> {
    pub id: YouthId,
    pub fields: &'a YouthFields,
    pub contact_persons: &'a [UserId],
    pub created_by: Option<UserId>,
}

/// Registers a youth.
pub async fn create(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    new: NewYouth<'_>,
    now: i64,
) -> Result<()> {
    let NewYouth {
        id,
        fields,
        contact_persons,
        created_by,
    } = new;
    let s = service.to_string();
    let row = id.to_string();
    let h = hashes(keys, &s, fields);
    let guardians =
        serde_json::to_string(&fields.guardians).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO youths (id, service_id, ref, first_name, last_name, birth_date, phone, school, \
         guardians, gender, municipality, identity_hash, birth_hash, phone_hash, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(&row)
    .bind(&s)
    .bind(&fields.reference)
    .bind(keys.seal(place(&s, "first_name", &row), &fields.first_name))
    .bind(keys.seal(place(&s, "last_name", &row), &fields.last_name))
    .bind(keys.seal(place(&s, "birth_date", &row), &fields.birth_date.to_string()))
    .bind(keys.seal_opt(place(&s, "phone", &row), fields.phone.as_deref()))
    .bind(keys.seal_opt(place(&s, "school", &row), fields.school.as_deref()))
    .bind(keys.seal(place(&s, "guardians", &row), &guardians))
    .bind(fields.gender.as_str())
    .bind(fields.municipality.as_str())
    .bind(h.identity)
    .bind(h.birth)
    .bind(h.phone)
    .bind(now)
    .bind(created_by.map(|u| u.to_string()))
    .execute(&mut *conn)
    .await?;
    set_contact_persons(conn, service, id, contact_persons).await
}

/// Changes a youth's identity fields.
pub async fn update(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: YouthId,
    fields: &YouthFields,
) -> Result<()> {
    let s = service.to_string();
    let row = id.to_string();
    let h = hashes(keys, &s, fields);
    let guardians =
        serde_json::to_string(&fields.guardians).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let done = sqlx::query(
        "UPDATE youths SET ref = $1, first_name = $2, last_name = $3, birth_date = $4, phone = $5, \
         school = $6, guardians = $7, gender = $8, municipality = $9, identity_hash = $10, \
         birth_hash = $11, phone_hash = $12 WHERE id = $13 AND service_id = $14",
    )
    .bind(&fields.reference)
    .bind(keys.seal(place(&s, "first_name", &row), &fields.first_name))
    .bind(keys.seal(place(&s, "last_name", &row), &fields.last_name))
    .bind(keys.seal(
        place(&s, "birth_date", &row),
        &fields.birth_date.to_string(),
    ))
    .bind(keys.seal_opt(place(&s, "phone", &row), fields.phone.as_deref()))
    .bind(keys.seal_opt(place(&s, "school", &row), fields.school.as_deref()))
    .bind(keys.seal(place(&s, "guardians", &row), &guardians))
    .bind(fields.gender.as_str())
    .bind(fields.municipality.as_str())
    .bind(h.identity)
    .bind(h.birth)
    .bind(h.phone)
    .bind(&row)
    .bind(&s)
    .execute(&mut *conn)
    .await?;
    one_row(done)
}

/// Replaces the contact persons. The rule (how many, who) is `gatelangs_app::youths`'s; this
/// only keeps them within the service.
pub async fn set_contact_persons(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: YouthId,
    persons: &[UserId],
) -> Result<()> {
    if persons.len() > 2 {
        return Err(StoreError::Corrupt("more than two contact persons".into()));
    }
    // Only staff of the same service can be contact persons.
    for person in persons {
        let known: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND service_id = $2")
                .bind(person.to_string())
                .bind(service.to_string())
                .fetch_optional(&mut *conn)
                .await?;
        if known.is_none() {
            return Err(StoreError::NotFound);
        }
    }
    sqlx::query(
        "DELETE FROM youth_contact_persons WHERE youth_id = $1 \
         AND youth_id IN (SELECT id FROM youths WHERE service_id = $2)",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .execute(&mut *conn)
    .await?;
    for person in persons {
        sqlx::query("INSERT INTO youth_contact_persons (youth_id, user_id) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(person.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Closes (`Some(now)`) or reopens (`None`) a youth's follow-up.
pub async fn set_closed(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: YouthId,
    closed_at: Option<i64>,
) -> Result<()> {
    let done = sqlx::query("UPDATE youths SET closed_at = $1 WHERE id = $2 AND service_id = $3")
        .bind(closed_at)
        .bind(id.to_string())
        .bind(service.to_string())
        .execute(&mut *conn)
        .await?;
    one_row(done)
}

const SELECT: &str = "SELECT y.id, y.service_id, y.ref, y.first_name, y.last_name, y.birth_date, \
    y.phone, y.school, y.guardians, y.gender, y.municipality, y.created_at, y.closed_at FROM youths y";

fn open_row(keys: &FieldKeys, row: &AnyRow) -> Result<Youth> {
    let id: String = row.try_get("id")?;
    let s: String = row.try_get("service_id")?;
    let open = |column: &str| -> Result<String> {
        let sealed: String = row.try_get(column)?;
        keys.open(place(&s, column, &id), &sealed)
    };
    let open_opt = |column: &str| -> Result<Option<String>> {
        let sealed: Option<String> = row.try_get(column)?;
        keys.open_opt(place(&s, column, &id), sealed.as_deref())
    };
    let birth = open("birth_date")?;
    let guardians: Vec<Guardian> = serde_json::from_str(&open("guardians")?)
        .map_err(|_| StoreError::Corrupt(format!("youths.guardians of {id}")))?;
    let gender: String = row.try_get("gender")?;
    let municipality: String = row.try_get("municipality")?;
    Ok(Youth {
        id: parse("youths.id", &id)?,
        fields: YouthFields {
            reference: row.try_get("ref")?,
            first_name: open("first_name")?,
            last_name: open("last_name")?,
            birth_date: parse("youths.birth_date", &birth)?,
            gender: parse("youths.gender", &gender)?,
            municipality: MunicipalityNumber::parse(&municipality)
                .map_err(|_| StoreError::Corrupt(format!("youths.municipality {municipality}")))?,
            phone: open_opt("phone")?,
            school: open_opt("school")?,
            guardians,
        },
        created_at: row.try_get("created_at")?,
        closed_at: row.try_get("closed_at")?,
        contact_persons: Vec::new(),
    })
}

async fn with_contact_persons(
    conn: &mut AnyConnection,
    mut youths: Vec<Youth>,
) -> Result<Vec<Youth>> {
    for y in &mut youths {
        y.contact_persons = contact_persons(conn, y.id).await?;
    }
    Ok(youths)
}

pub async fn contact_persons(conn: &mut AnyConnection, id: YouthId) -> Result<Vec<UserId>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT cp.user_id FROM youth_contact_persons cp JOIN users u ON u.id = cp.user_id \
         WHERE cp.youth_id = $1 ORDER BY u.name, u.id",
    )
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| parse("youth_contact_persons.user_id", r))
        .collect()
}

/// Open follow-ups of the service that have fewer than two contact persons who can act as
/// such (field workers and leaders whose account is active): `(id, ref)`, by `ref`. Only the
/// reference is read, so the list can be shown to a leader without opening any record.
pub async fn awaiting_contact_persons(
    conn: &mut AnyConnection,
    service: ServiceId,
) -> Result<Vec<(YouthId, String)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT y.id, y.ref FROM youths y WHERE y.service_id = $1 AND y.closed_at IS NULL \
         AND (SELECT COUNT(*) FROM youth_contact_persons cp JOIN users u ON u.id = cp.user_id \
              WHERE cp.youth_id = y.id AND u.disabled = 0 \
              AND u.role IN ('field_worker', 'leader')) < 2 \
         ORDER BY y.ref",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, reference)| Ok((parse("youths.id", &id)?, reference)))
        .collect()
}

/// Closed follow-ups of the service: `(id, ref, closed_at)`, longest closed first. Only the
/// reference is read, as for [`awaiting_contact_persons`].
pub async fn closed(
    conn: &mut AnyConnection,
    service: ServiceId,
) -> Result<Vec<(YouthId, String, i64)>> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, ref, closed_at FROM youths WHERE service_id = $1 AND closed_at IS NOT NULL \
         AND erased_at IS NULL ORDER BY closed_at, ref",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, reference, at)| Ok((parse("youths.id", &id)?, reference, at)))
        .collect()
}

/// One youth of the service, opened.
pub async fn get(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: YouthId,
) -> Result<Option<Youth>> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE y.id = $1 AND y.service_id = $2 AND y.erased_at IS NULL"
    ))
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let youth = open_row(keys, &row)?;
    Ok(with_contact_persons(conn, vec![youth]).await?.pop())
}

/// Whether the youth exists in the service (without opening anything).
pub async fn exists(conn: &mut AnyConnection, service: ServiceId, id: YouthId) -> Result<bool> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM youths WHERE id = $1 AND service_id = $2 AND erased_at IS NULL",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// The `ref` of a youth of the service, if it is one.
pub async fn reference_in(
    conn: &mut AnyConnection,
    service: ServiceId,
    id: YouthId,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT ref FROM youths WHERE id = $1 AND service_id = $2")
            .bind(id.to_string())
            .bind(service.to_string())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The municipality most of the service's youths live in (ties: the lowest number).
pub async fn most_common_municipality(
    conn: &mut AnyConnection,
    service: ServiceId,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT municipality FROM youths WHERE service_id = $1 GROUP BY municipality \
         ORDER BY COUNT(*) DESC, municipality LIMIT 1",
    )
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?)
}

/// The youth with this `ref` in the service (an erased record's shell too: its ref stays taken).
pub async fn id_by_ref(
    conn: &mut AnyConnection,
    service: ServiceId,
    reference: &str,
) -> Result<Option<YouthId>> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM youths WHERE ref = $1 AND service_id = $2")
            .bind(reference)
            .bind(service.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    found.map(|id| parse("youths.id", &id)).transpose()
}

/// What is left of a record erased by a retention decision: what past years' reports count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shell {
    pub id: YouthId,
    pub reference: String,
    pub gender: Gender,
    pub municipality: MunicipalityNumber,
    pub erased_at: i64,
}

/// The service's erased records, by ref.
pub async fn shells(conn: &mut AnyConnection, service: ServiceId) -> Result<Vec<Shell>> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, ref, gender, municipality, erased_at FROM youths \
         WHERE service_id = $1 AND erased_at IS NOT NULL ORDER BY ref",
    )
    .bind(service.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, reference, gender, municipality, erased_at)| {
            Ok(Shell {
                id: parse("youths.id", &id)?,
                reference,
                gender: parse("youths.gender", &gender)?,
                municipality: MunicipalityNumber::parse(&municipality).map_err(|_| {
                    StoreError::Corrupt(format!("youths.municipality {municipality}"))
                })?,
                erased_at,
            })
        })
        .collect()
}

/// Stores an erased record's shell as a bundle brings it (closed when it was erased).
pub async fn create_shell(
    conn: &mut AnyConnection,
    service: ServiceId,
    shell: &Shell,
    created_by: Option<UserId>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO youths (id, service_id, ref, first_name, last_name, birth_date, guardians, \
         gender, municipality, identity_hash, birth_hash, created_at, created_by, closed_at, erased_at) \
         VALUES ($1, $2, $3, '', '', '', '', $4, $5, '', '', $6, $7, $6, $6)",
    )
    .bind(shell.id.to_string())
    .bind(service.to_string())
    .bind(&shell.reference)
    .bind(shell.gender.as_str())
    .bind(shell.municipality.as_str())
    .bind(shell.erased_at)
    .bind(created_by.map(|u| u.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A youth's birth date for an age rule: `None` when there is no such youth, `Some(None)` for
/// an erased record, whose birth date is gone (its rows were checked when they were recorded).
pub async fn birth_date(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    id: YouthId,
) -> Result<Option<Option<Date>>> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT birth_date, erased_at FROM youths WHERE id = $1 AND service_id = $2",
    )
    .bind(id.to_string())
    .bind(service.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Ok(None),
        Some((_, Some(_))) => Ok(Some(None)),
        Some((sealed, None)) => {
            let s = service.to_string();
            let row = id.to_string();
            let birth = keys.open(place(&s, "birth_date", &row), &sealed)?;
            Ok(Some(Some(parse("youths.birth_date", &birth)?)))
        }
    }
}

/// Youths whose full name and birth date are exactly these (through the keyed hash): the only
/// way staff without access learn that a youth exists.
pub async fn find_exact(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    first: &str,
    last: &str,
    birth: Date,
) -> Result<Vec<YouthId>> {
    let s = service.to_string();
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM youths WHERE service_id = $1 AND identity_hash = $2 AND erased_at IS NULL \
         ORDER BY created_at",
    )
    .bind(&s)
    .bind(identity_hash(keys, &s, first, last, birth))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| parse("youths.id", r)).collect()
}

/// Youths that may be the same person: the same birth date and a similar name, or the same
/// phone number. Candidates are found by keyed hash; names are compared after opening.
pub async fn possible_duplicates(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    fields: &YouthFields,
    except: Option<YouthId>,
) -> Result<Vec<Youth>> {
    let s = service.to_string();
    let h = hashes(keys, &s, fields);
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE y.service_id = $1 AND y.erased_at IS NULL \
         AND (y.birth_hash = $2 OR y.phone_hash = $3) ORDER BY y.created_at"
    ))
    .bind(&s)
    .bind(&h.birth)
    .bind(h.phone.as_deref().unwrap_or("-"))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for row in &rows {
        let y = open_row(keys, row)?;
        if Some(y.id) == except {
            continue;
        }
        let same_phone = fields.phone.is_some() && y.fields.phone == fields.phone;
        let similar = y.fields.birth_date == fields.birth_date
            && names_similar(
                (&fields.first_name, &fields.last_name),
                (&y.fields.first_name, &y.fields.last_name),
            );
        if same_phone || similar {
            out.push(y);
        }
    }
    with_contact_persons(conn, out).await
}

/// The youths a user follows as contact person, or every youth of the service (`None`: a
/// leader's list), newest first.
pub async fn list(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    contact_person: Option<UserId>,
) -> Result<Vec<Youth>> {
    Ok(
        list_page(conn, keys, service, contact_person, None, 0, i64::MAX)
            .await?
            .0,
    )
}

/// One page of [`list`] (`limit` youths from `offset`), and how many there are in all. With a
/// `viewer`, youths who have blocked their whole record against that user are left out.
pub async fn list_page(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    contact_person: Option<UserId>,
    viewer: Option<UserId>,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Youth>, i64)> {
    // A contact person's youths, or all; the empty string stands for "no such condition".
    const FROM: &str = "FROM youths y WHERE y.service_id = $1 AND y.erased_at IS NULL AND ($2 = '' OR y.id IN \
        (SELECT youth_id FROM youth_contact_persons WHERE user_id = $2)) \
        AND ($3 = '' OR y.id NOT IN (SELECT youth_id FROM record_blocks \
        WHERE service_id = $1 AND user_id = $3 AND entry_id IS NULL AND lifted_at IS NULL))";
    let who = contact_person.map(|u| u.to_string()).unwrap_or_default();
    let viewer = viewer.map(|u| u.to_string()).unwrap_or_default();
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {FROM}"))
        .bind(service.to_string())
        .bind(&who)
        .bind(&viewer)
        .fetch_one(&mut *conn)
        .await?;
    let columns = SELECT.trim_end_matches(" FROM youths y");
    let rows = sqlx::query(&format!(
        "{columns} {FROM} ORDER BY y.created_at DESC, y.id LIMIT $4 OFFSET $5"
    ))
    .bind(service.to_string())
    .bind(&who)
    .bind(&viewer)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let youths = rows
        .iter()
        .map(|r| open_row(keys, r))
        .collect::<Result<Vec<_>>>()?;
    Ok((with_contact_persons(conn, youths).await?, total))
}
