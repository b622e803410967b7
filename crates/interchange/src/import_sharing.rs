//! Importing consents, collaborations, inquiries and child-welfare records. A collaboration row
//! without a consent covering its service on its date, and a child-welfare row for someone 18 or
//! older on its date, are problems with their line, and nothing is written.

use std::collections::{HashMap, HashSet};

use gatelangs_domain::consent::{
    ConsentPeriod, ConsentRefusal, check_concern_report_age, check_giver,
};
use gatelangs_domain::youth::age_on;
use gatelangs_domain::{
    CollaborationId, ConsentId, CounterpartId, InquiryId, UserId, WelfareId, YouthId,
};
use gatelangs_storage::child_welfare::{self, Details, NewWelfare};
use gatelangs_storage::collaborations::{self, NewCollaboration};
use gatelangs_storage::consents::{self, NewConsent};
use gatelangs_storage::ids::{self, Table};
use gatelangs_storage::inquiries::{self, NewInquiry};
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Store, StoreError, counterparts, youths};
use jiff::civil::Date;

use gatelangs_app::record_gate::log_imported;

use crate::Problem;
use crate::derived::Occurrences;
use crate::import::ImportError;
use crate::import_youth::{erased_message, erased_text};
use crate::rows_sharing::{CollaborationRow, ConsentRow, InquiryRow, WelfareRow};

const CONSENTS: &str = "consents.csv";
const COLLABORATIONS: &str = "collaborations.csv";
const INQUIRIES: &str = "inquiries.csv";
const WELFARE: &str = "child_welfare.csv";

/// What rows may refer to: youths by ref (with birth date; `None` for an erased record's shell)
/// and service codes, from the bundle and the service.
pub(crate) struct Known {
    pub youths: HashMap<String, Option<Date>>,
    pub codes: HashSet<String>,
    /// Erased records already stored: nothing new is written about them.
    pub stored_shells: HashSet<String>,
}

#[derive(Default)]
pub(crate) struct SharingPlan {
    pub consents: Vec<(ConsentRow, ConsentId)>,
    pub collaborations: Vec<(CollaborationRow, CollaborationId)>,
    pub inquiries: Vec<(InquiryRow, InquiryId)>,
    pub welfare: Vec<(WelfareRow, WelfareId)>,
    pub unchanged: HashMap<&'static str, usize>,
    /// The periods of the consents, stored and new, by (youth ref, service code).
    cover: HashMap<(String, String), Vec<ConsentPeriod>>,
}

impl SharingPlan {
    fn same(&mut self, file: &'static str) {
        *self.unchanged.entry(file).or_default() += 1;
    }
}

fn period(row: &ConsentRow) -> ConsentPeriod {
    ConsentPeriod {
        given_on: row.given_on,
        valid_until: row.valid_until,
        withdrawn_on: row.withdrawn_on,
    }
}

fn opt(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Checks every row of the four files; fills `plan` with what to write.
pub(crate) async fn check(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    known: &Known,
    rows: (
        Vec<ConsentRow>,
        Vec<CollaborationRow>,
        Vec<InquiryRow>,
        Vec<WelfareRow>,
    ),
    plan: &mut SharingPlan,
    problems: &mut Vec<Problem>,
) -> Result<(), ImportError> {
    let (consent_rows, collaboration_rows, inquiry_rows, welfare_rows) = rows;
    let mut seen = Occurrences::default();
    for (c, reference) in consents::all(conn, None, service.id).await? {
        for s in &c.services {
            plan.cover
                .entry((reference.clone(), s.code.clone()))
                .or_default()
                .push(c.period);
        }
    }
    for row in consent_rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(CONSENTS, row.line, column, message))
        };
        let mut ok = true;
        if !known.youths.contains_key(&row.youth_ref) {
            fail(
                "youth_ref",
                format!(
                    "unknown youth {:?} (not in youths.csv or the service)",
                    row.youth_ref
                ),
            );
            ok = false;
        }
        for code in row.services.iter().filter(|c| !known.codes.contains(*c)) {
            fail(
                "services",
                format!("unknown service code {code:?} (not in services.csv or the service)"),
            );
            ok = false;
        }
        // The age rule of the use case that stores consents, checked here too so the problem
        // names its line before anything is written.
        match known.youths.get(&row.youth_ref) {
            Some(Some(birth)) => {
                let age = age_on(*birth, row.given_on);
                if let Err(e) = check_giver(age, row.given_by, row.exception_reason.as_deref()) {
                    fail("given_by", e.to_string());
                    ok = false;
                }
                if row.age_at_consent.is_some_and(|a| a != age) {
                    fail(
                        "age_at_consent",
                        format!("the birth date gives {age} on {}", row.given_on),
                    );
                    ok = false;
                }
            }
            // An erased record: the age travels, as the birth date is gone.
            Some(None) => {
                // From 16 the youth consents: that rule needs only the age. The exception for
                // a youth under 16 alone needs a text an erased record no longer has.
                if let Some(age) = row.age_at_consent
                    && let Err(e @ ConsentRefusal::YouthMustConsent) =
                        check_giver(age, row.given_by, None)
                {
                    fail("given_by", e.to_string());
                    ok = false;
                }
                if row.age_at_consent.is_none() {
                    fail(
                        "age_at_consent",
                        format!(
                            "needed for {}, an erased record without a birth date",
                            row.youth_ref
                        ),
                    );
                    ok = false;
                }
                if row.exception_reason.is_some() {
                    fail("exception_reason", erased_text("exception_reason"));
                    ok = false;
                }
            }
            None => {}
        }
        if let Err(e) = period(&row).check() {
            fail(
                if row.withdrawn_on.is_some_and(|w| w < row.given_on) {
                    "withdrawn_on"
                } else {
                    "valid_until"
                },
                e.to_string(),
            );
            ok = false;
        }
        if !ok {
            continue;
        }
        let content = format!(
            "{}|{}|{}|{}|{}|{}",
            row.youth_ref,
            row.given_on,
            row.given_by,
            row.services.join(";"),
            opt(row.valid_until),
            opt(row.withdrawn_on)
        );
        let id = row
            .id
            .unwrap_or_else(|| ConsentId::from_uuid(seen.id(CONSENTS, &service.id, &content)));
        let same = match consents::get(conn, service.id, id).await? {
            Some(existing) => {
                let reference = youths::reference_in(conn, service.id, existing.youth)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                let mut codes: Vec<String> =
                    existing.services.iter().map(|s| s.code.clone()).collect();
                codes.sort();
                let mut wanted = row.services.clone();
                wanted.sort();
                Some(
                    reference == row.youth_ref
                        && existing.period == period(&row)
                        && existing.given_by == row.given_by
                        && codes == wanted
                        && row
                            .age_at_consent
                            .is_none_or(|a| a == existing.age_at_consent),
                )
            }
            None => None,
        };
        match standing(conn, Table::Consents, id, same).await? {
            Standing::New if known.stored_shells.contains(&row.youth_ref) => {
                fail("youth_ref", erased_message(&row.youth_ref));
            }
            Standing::New => {
                for code in &row.services {
                    plan.cover
                        .entry((row.youth_ref.clone(), code.clone()))
                        .or_default()
                        .push(period(&row));
                }
                plan.consents.push((row, id));
            }
            Standing::Unchanged => plan.same(CONSENTS),
            Standing::Problem(message) => fail("id", message.to_owned()),
        }
    }
    for row in collaboration_rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(COLLABORATIONS, row.line, column, message))
        };
        if !known.youths.contains_key(&row.youth_ref) {
            fail(
                "youth_ref",
                format!(
                    "unknown youth {:?} (not in youths.csv or the service)",
                    row.youth_ref
                ),
            );
            continue;
        }
        if !known.codes.contains(&row.service) {
            fail(
                "service",
                format!(
                    "unknown service code {:?} (not in services.csv or the service)",
                    row.service
                ),
            );
            continue;
        }
        if row.note.is_some() && known.youths.get(&row.youth_ref) == Some(&None) {
            fail("note", erased_text("note"));
            continue;
        }
        let covered = plan
            .cover
            .get(&(row.youth_ref.clone(), row.service.clone()))
            .is_some_and(|periods| periods.iter().any(|p| p.in_force_on(row.date)));
        if !covered {
            fail(
                "service",
                format!(
                    "no consent of youth {} covers {} on {}; record a consent or register an anonymous inquiry instead",
                    row.youth_ref, row.service, row.date
                ),
            );
            continue;
        }
        let content = format!(
            "{}|{}|{}|{}|{}",
            row.date,
            row.youth_ref,
            row.direction,
            row.service,
            row.note.as_deref().unwrap_or_default()
        );
        let id = row.id.unwrap_or_else(|| {
            CollaborationId::from_uuid(seen.id(COLLABORATIONS, &service.id, &content))
        });
        let same = collaborations::get(conn, store.field_keys(), service.id, id)
            .await?
            .map(|existing| {
                existing.day == row.date
                    && existing.youth_ref == row.youth_ref
                    && existing.direction == row.direction
                    && existing.service_code == row.service
            });
        match standing(conn, Table::Collaborations, id, same).await? {
            Standing::New if known.stored_shells.contains(&row.youth_ref) => {
                fail("youth_ref", erased_message(&row.youth_ref));
            }
            Standing::New => plan.collaborations.push((row, id)),
            Standing::Unchanged => plan.same(COLLABORATIONS),
            Standing::Problem(message) => fail("id", message.to_owned()),
        }
    }
    let stored_inquiries = inquiries::list(conn, service.id, None).await?;
    for row in inquiry_rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(INQUIRIES, row.line, column, message))
        };
        if !known.codes.contains(&row.service) {
            fail(
                "service",
                format!(
                    "unknown service code {:?} (not in services.csv or the service)",
                    row.service
                ),
            );
            continue;
        }
        let content = format!(
            "{}|{}|{}|{}",
            row.date,
            row.direction,
            row.service,
            row.topic.as_deref().unwrap_or_default()
        );
        let id = row
            .id
            .unwrap_or_else(|| InquiryId::from_uuid(seen.id(INQUIRIES, &service.id, &content)));
        let same = stored_inquiries
            .iter()
            .find(|i| i.id == id)
            .map(|existing| {
                existing.day == row.date
                    && existing.direction == row.direction
                    && existing.service_code == row.service
                    && existing.topic == row.topic
            });
        match standing(conn, Table::Inquiries, id, same).await? {
            Standing::New => plan.inquiries.push((row, id)),
            Standing::Unchanged => plan.same(INQUIRIES),
            Standing::Problem(message) => fail("id", message.to_owned()),
        }
    }
    for row in welfare_rows {
        let mut fail = |column: &str, message: String| {
            problems.push(Problem::new(WELFARE, row.line, column, message))
        };
        let Some(birth) = known.youths.get(&row.youth_ref) else {
            fail(
                "youth_ref",
                format!(
                    "unknown youth {:?} (not in youths.csv or the service)",
                    row.youth_ref
                ),
            );
            continue;
        };
        // An erased record's case was checked when it was recorded; its birth date is gone.
        if let Some(birth) = birth
            && let Err(e) = check_concern_report_age(age_on(*birth, row.date))
        {
            fail("date", format!("{}: {e}", row.date));
            continue;
        }
        if row.answered_on.is_some_and(|a| a < row.date) {
            fail("answered_on", "answered before it was received".to_owned());
            continue;
        }
        let content = format!(
            "{}|{}|{}|{}",
            row.date,
            row.youth_ref,
            row.kind,
            opt(row.answered_on)
        );
        let id = row
            .id
            .unwrap_or_else(|| WelfareId::from_uuid(seen.id(WELFARE, &service.id, &content)));
        let same = child_welfare::get(conn, service.id, id)
            .await?
            .map(|existing| {
                existing.day == row.date
                    && existing.youth_ref == row.youth_ref
                    && existing.kind == row.kind
                    && existing.answered_on == row.answered_on
            });
        match standing(conn, Table::ChildWelfare, id, same).await? {
            Standing::New if known.stored_shells.contains(&row.youth_ref) => {
                fail("youth_ref", erased_message(&row.youth_ref));
            }
            Standing::New => plan.welfare.push((row, id)),
            Standing::Unchanged => plan.same(WELFARE),
            Standing::Problem(message) => fail("id", message.to_owned()),
        }
    }
    Ok(())
}

pub(crate) async fn apply(
    conn: &mut AnyConnection,
    store: &Store,
    service: &Service,
    plan: &SharingPlan,
    actor: Option<UserId>,
) -> Result<(), ImportError> {
    let keys = store.field_keys();
    let codes: HashMap<String, CounterpartId> = counterparts::list(conn, service.id)
        .await?
        .into_iter()
        .map(|c| (c.code, c.id))
        .collect();
    let code = |c: &str| codes.get(c).copied().ok_or(StoreError::NotFound);
    let mut refs: HashMap<String, YouthId> = HashMap::new();
    let mut touched: HashSet<YouthId> = HashSet::new();
    let now = gatelangs_storage::now();
    for (row, id) in &plan.consents {
        let youth = youth_id(conn, service, &mut refs, &row.youth_ref).await?;
        let services: Vec<CounterpartId> = row
            .services
            .iter()
            .map(|c| code(c))
            .collect::<Result<_, _>>()?;
        let new = NewConsent {
            id: *id,
            youth,
            given_by: row.given_by,
            // Computed again from the stored birth date by the use case; an erased record's
            // travels in the bundle.
            age_at_consent: row.age_at_consent.unwrap_or_default(),
            period: period(row),
            form: None,
            what_shared: None,
            purpose: None,
            youth_view: None,
            guardians_not_involved: row.exception_reason.as_deref(),
            services: &services,
            recorded_by: actor,
        };
        gatelangs_app::consent::store(conn, keys, service.id, new).await?;
        touched.insert(youth);
    }
    for (row, id) in &plan.collaborations {
        let youth = youth_id(conn, service, &mut refs, &row.youth_ref).await?;
        let new = NewCollaboration {
            id: *id,
            youth,
            day: row.date,
            direction: row.direction,
            counterpart: code(&row.service)?,
            what_shared: None,
            note: row.note.as_deref(),
            recorded_by: actor,
        };
        gatelangs_app::sharing::store_imported_collaboration(conn, keys, service.id, &new).await?;
        touched.insert(youth);
    }
    for (row, id) in &plan.inquiries {
        let new = NewInquiry {
            id: *id,
            day: row.date,
            direction: row.direction,
            counterpart: code(&row.service)?,
            topic: row.topic.as_deref(),
            recorded_by: actor,
        };
        inquiries::create(conn, service.id, &new, now).await?;
    }
    for (row, id) in &plan.welfare {
        let youth = youth_id(conn, service, &mut refs, &row.youth_ref).await?;
        let new = NewWelfare {
            id: *id,
            youth,
            kind: row.kind,
            day: row.date,
            details: Details::default(),
            answered_on: row.answered_on,
            answer: None,
            recorded_by: actor,
        };
        gatelangs_app::sharing::store_imported_welfare(conn, keys, service.id, &new).await?;
        touched.insert(youth);
    }
    log_imported(
        conn,
        store,
        service.id,
        actor,
        touched,
        "imported consents, collaborations or child-welfare records",
    )
    .await?;
    Ok(())
}

/// Where a checked row stands against the database, by its id.
pub(crate) enum Standing {
    New,
    /// The same record is stored already: importing it again changes nothing.
    Unchanged,
    Problem(&'static str),
}

/// `same` is `None` when no record of the service has the id, else whether it holds the same
/// values as the row.
pub(crate) async fn standing(
    conn: &mut AnyConnection,
    table: Table,
    id: impl std::fmt::Display,
    same: Option<bool>,
) -> Result<Standing, ImportError> {
    Ok(match same {
        Some(true) => Standing::Unchanged,
        Some(false) => Standing::Problem("a record with this id exists with other values"),
        None if ids::taken(conn, table, &id.to_string()).await? => {
            Standing::Problem("the id belongs to another record")
        }
        None => Standing::New,
    })
}

async fn youth_id(
    conn: &mut AnyConnection,
    service: &Service,
    cache: &mut HashMap<String, YouthId>,
    reference: &str,
) -> Result<YouthId, ImportError> {
    if let Some(id) = cache.get(reference) {
        return Ok(*id);
    }
    let id = youths::id_by_ref(conn, service.id, reference)
        .await?
        .ok_or(StoreError::NotFound)?;
    cache.insert(reference.to_owned(), id);
    Ok(id)
}
