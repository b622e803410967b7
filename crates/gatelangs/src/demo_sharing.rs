//! Demo consents, collaborations, inquiries and child-welfare records for `out-lillestrom`, so
//! the report reproduces the reference sections 2.5, 2.6 and 2.9. Every collaboration rests on a
//! consent recorded before it, as the product requires.

use std::collections::BTreeMap;

use gatelangs_domain::consent::{ConsentForm, ConsentPeriod, Direction, GivenBy, WelfareKind};
use gatelangs_domain::youth::age_on;
use gatelangs_domain::{
    CollaborationId, ConsentId, CounterpartId, InquiryId, ServiceId, UserId, WelfareId,
};
use gatelangs_storage::child_welfare::{Details, NewWelfare};
use gatelangs_storage::collaborations::NewCollaboration;
use gatelangs_storage::consents::{self, NewConsent};
use gatelangs_storage::inquiries::{self, NewInquiry};
use gatelangs_storage::{AnyConnection, FieldKeys, StoreError, counterparts, youths};
use jiff::civil::{Date, date};

/// (service name, incoming, outgoing) in 2024: the reference report's tables in section 2.5.
const COLLABORATIONS_2024: [(&str, u32, u32); 18] = [
    ("Barnevernstjenesten", 7, 7),
    ("Barnevernsinstitusjon", 3, 1),
    ("Foresatte", 5, 9),
    ("NAV", 10, 15),
    ("Ung i jobb", 2, 10),
    ("Skole", 0, 9),
    ("Politi", 0, 2),
    ("Psykisk helsetjenester", 1, 3),
    ("Psykisk helse og familiestøtte", 0, 4),
    ("Konfliktrådet", 5, 4),
    ("Oppfølgingstjenesten", 3, 7),
    ("Rustjeneste", 0, 1),
    ("Fritid med bistand", 0, 1),
    ("Fritidsklubb", 0, 0),
    ("Natteravner", 0, 0),
    ("Skolehelsetjenesten", 0, 0),
    ("Andre oppsøkende tjenester", 2, 1),
    ("Andre frivillige organisasjoner", 7, 18),
];

/// Inquiries without consent in 2024 by service (section 2.6).
const INQUIRIES_2024: [(&str, u32); 15] = [
    ("Barnevernstjenesten", 9),
    ("Barnevernsinstitusjon", 7),
    ("Foresatte", 23),
    ("Konfliktrådet", 1),
    ("Psykisk helse og familiestøtte", 3),
    ("Ung i jobb", 4),
    ("Skole", 10),
    ("Fritidsklubb", 3),
    ("Natteravner", 10),
    ("Psykisk helsetjenester", 1),
    ("Politi", 2),
    ("Skolehelsetjenesten", 3),
    ("Oppfølgingstjenesten", 1),
    ("Andre oppsøkende tjenester", 9),
    ("Andre frivillige organisasjoner", 41),
];

fn corrupt<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn day_of(n: u32) -> Date {
    // Spread over February–December 2024, avoiding the 29th–31st.
    date(
        2024,
        i8::try_from(2 + n % 11).unwrap_or(2),
        i8::try_from(1 + (n * 7) % 28).unwrap_or(1),
    )
}

/// Writes the records unless the service has consents already; returns how many collaborations.
pub async fn populate(
    conn: &mut AnyConnection,
    keys: &FieldKeys,
    service: ServiceId,
    worker: UserId,
) -> Result<usize, StoreError> {
    // The open follow-ups: the demo's records closed years ago share nothing in 2024.
    let mut youth_list = youths::list(conn, keys, service, None).await?;
    youth_list.retain(|y| y.closed_at.is_none());
    if youth_list.is_empty() || !consents::all(conn, None, service).await?.is_empty() {
        return Ok(0);
    }
    let ids: BTreeMap<String, CounterpartId> = counterparts::list(conn, service)
        .await?
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let id_of = |name: &str| {
        ids.get(name)
            .copied()
            .ok_or_else(|| corrupt(format!("no counterpart {name}")))
    };
    let now = gatelangs_storage::now();
    // Each collaboration gets its own youth among the first 137 (a youth 16 or older consents
    // alone; a younger one with a guardian, the youth's view recorded).
    let mut n = 0_u32;
    for (name, incoming, outgoing) in COLLABORATIONS_2024 {
        let counterpart = id_of(name)?;
        for direction in std::iter::repeat_n(Direction::Incoming, incoming as usize)
            .chain(std::iter::repeat_n(Direction::Outgoing, outgoing as usize))
        {
            let youth = &youth_list[n as usize % youth_list.len()];
            let given_on = date(2024, 1, 2);
            let age = age_on(youth.fields.birth_date, given_on);
            let under_16 = age < 16;
            let consent = NewConsent {
                id: ConsentId::new(),
                youth: youth.id,
                given_by: if under_16 {
                    GivenBy::YouthAndGuardian
                } else {
                    GivenBy::Youth
                },
                age_at_consent: age,
                period: ConsentPeriod {
                    given_on,
                    valid_until: Some(date(2024, 12, 31)),
                    withdrawn_on: None,
                },
                form: Some(ConsentForm::Written),
                what_shared: Some("Hva ungdommen ønsker hjelp med, og avtaler om oppfølging."),
                purpose: Some("Samarbeid om hjelp til ungdommen."),
                youth_view: under_16.then_some("Ungdommen ønsker samarbeidet."),
                guardians_not_involved: None,
                services: &[counterpart],
                recorded_by: Some(worker),
            };
            gatelangs_app::consent::store(conn, keys, service, consent)
                .await
                .map_err(crate::demo_youths::refused)?;
            let collaboration = NewCollaboration {
                id: CollaborationId::new(),
                youth: youth.id,
                day: day_of(n),
                direction,
                counterpart,
                what_shared: None,
                note: Some("Samarbeidsmøte."),
                recorded_by: Some(worker),
            };
            gatelangs_app::sharing::store_imported_collaboration(
                conn,
                keys,
                service,
                &collaboration,
            )
            .await
            .map_err(crate::demo_youths::refused)?;
            n += 1;
        }
    }
    let mut i = 0_u32;
    for (name, count) in INQUIRIES_2024 {
        let counterpart = id_of(name)?;
        for _ in 0..count {
            let inquiry = NewInquiry {
                id: InquiryId::new(),
                day: day_of(i * 3 + 1),
                direction: if i.is_multiple_of(3) {
                    Direction::Outgoing
                } else {
                    Direction::Incoming
                },
                counterpart,
                topic: Some("Generelle råd, uten opplysninger om enkeltungdom."),
                recorded_by: Some(worker),
            };
            inquiries::create(conn, service, &inquiry, now).await?;
            i += 1;
        }
    }
    // Five concern reports and five answered information requests in 2024 (section 2.9), about
    // youths under 18 on the day, and one request still open with a deadline this month.
    let today = jiff::Zoned::now().date();
    let mut plan: Vec<(WelfareKind, Date, Option<Date>)> = (0..5_u32)
        .map(|k| (WelfareKind::ConcernReport, day_of(k * 13), None))
        .chain((0..5_u32).map(|k| {
            let day = day_of(k * 17 + 5);
            (
                WelfareKind::InformationRequest,
                day,
                day.checked_add(jiff::Span::new().days(10)).ok(),
            )
        }))
        .collect();
    plan.push((
        WelfareKind::InformationRequest,
        today.saturating_sub(jiff::Span::new().days(20)),
        None,
    ));
    for (k, (kind, day, answered_on)) in plan.into_iter().enumerate() {
        let minors: Vec<_> = youth_list
            .iter()
            .filter(|y| age_on(y.fields.birth_date, day) < 18)
            .collect();
        let youth = minors
            .get(k % minors.len().max(1))
            .ok_or_else(|| corrupt("no minor among the demo youths"))?;
        let welfare = NewWelfare {
            id: WelfareId::new(),
            youth: youth.id,
            kind,
            day,
            details: Details {
                details: Some(match kind {
                    WelfareKind::ConcernReport => "Bekymring for omsorgssituasjonen hjemme.",
                    WelfareKind::InformationRequest => {
                        "Barnevernstjenesten ber om opplysninger om oppfølgingen."
                    }
                }),
                legal_basis: (kind == WelfareKind::ConcernReport)
                    .then_some("helsepersonelloven § 33"),
                youth_told: Some(true),
                guardians_told: Some(kind == WelfareKind::ConcernReport),
                deadline: (kind == WelfareKind::InformationRequest)
                    .then(|| day.checked_add(jiff::Span::new().days(14)).ok())
                    .flatten(),
                ..Default::default()
            },
            answered_on,
            answer: answered_on.map(|_| "Oppsummering av oppfølgingen sendt."),
            recorded_by: Some(worker),
        };
        gatelangs_app::sharing::store_imported_welfare(conn, keys, service, &welfare)
            .await
            .map_err(crate::demo_youths::refused)?;
    }
    Ok(n as usize)
}
