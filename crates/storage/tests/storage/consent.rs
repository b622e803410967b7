//! Consent and what it allows, on both backends: coverage by service and date, expiry and
//! withdrawal (before, on and after the date), collaborations refused without cover, concern
//! reports refused for adults, and the report's figures.

#![allow(clippy::unwrap_used)]

use gatelangs_domain::consent::{ConsentPeriod, Direction, GivenBy, WelfareKind};
use gatelangs_domain::field::Gender;
use gatelangs_domain::{
    CollaborationId, ConsentId, CounterpartId, MunicipalityNumber, Role, ServiceId, UserId,
    WelfareId, YouthId,
};
use gatelangs_storage::child_welfare::{self, Details, NewWelfare, WelfareError};
use gatelangs_storage::collaborations::{self, CollaborationError, NewCollaboration};
use gatelangs_storage::consents::{self, NewConsent};
use gatelangs_storage::youths::{self, NewYouth, YouthFields};
use gatelangs_storage::{Store, counterparts};
use gatelangs_testkit::{each_backend, fixtures};
use jiff::civil::{Date, date};

struct World {
    service: ServiceId,
    kari: UserId,
    youth: YouthId,
    nav: CounterpartId,
    school: CounterpartId,
}

async fn world(store: &Store, birth: Date) -> World {
    let service = fixtures::service(store, "team").await;
    let kari = fixtures::user(store, service, "kari", Role::FieldWorker).await;
    let mut conn = store.conn().await.unwrap();
    let nav = counterparts::create(&mut conn, service, "nav", "NAV")
        .await
        .unwrap()
        .id;
    let school = counterparts::create(&mut conn, service, "skole", "Skole")
        .await
        .unwrap()
        .id;
    let youth = YouthId::new();
    let fields = YouthFields {
        reference: "Y1".into(),
        first_name: "Ida".into(),
        last_name: "Berg".into(),
        birth_date: birth,
        gender: Gender::Female,
        municipality: MunicipalityNumber::parse("3205").unwrap(),
        phone: None,
        school: None,
        guardians: vec![],
    };
    youths::create(
        &mut conn,
        store.field_keys(),
        service,
        NewYouth {
            id: youth,
            fields: &fields,
            contact_persons: &[kari],
            created_by: Some(kari),
        },
        1,
    )
    .await
    .unwrap();
    World {
        service,
        kari,
        youth,
        nav,
        school,
    }
}

async fn consent(
    store: &Store,
    w: &World,
    period: ConsentPeriod,
    services: &[CounterpartId],
) -> ConsentId {
    let id = ConsentId::new();
    let mut conn = store.conn().await.unwrap();
    consents::create(
        &mut conn,
        store.field_keys(),
        w.service,
        &NewConsent {
            id,
            youth: w.youth,
            given_by: GivenBy::Youth,
            age_at_consent: 17,
            period,
            form: None,
            what_shared: Some("school situation"),
            purpose: Some("help with school"),
            youth_view: None,
            guardians_not_involved: None,
            services,
            recorded_by: Some(w.kari),
        },
        1,
    )
    .await
    .unwrap();
    id
}

async fn collaborate(
    store: &Store,
    w: &World,
    counterpart: CounterpartId,
    day: Date,
) -> Result<ConsentId, CollaborationError> {
    let mut conn = store.conn().await.unwrap();
    collaborations::create(
        &mut conn,
        store.field_keys(),
        w.service,
        &NewCollaboration {
            id: CollaborationId::new(),
            youth: w.youth,
            day,
            direction: Direction::Outgoing,
            counterpart,
            what_shared: None,
            note: Some("meeting at NAV"),
            recorded_by: Some(w.kari),
        },
        1,
    )
    .await
}

#[tokio::test]
async fn coverage_follows_the_services_the_dates_and_the_withdrawal() {
    for db in each_backend().await {
        let w = world(&db.store, date(2007, 1, 1)).await;
        let c = consent(
            &db.store,
            &w,
            ConsentPeriod {
                given_on: date(2024, 3, 1),
                valid_until: Some(date(2024, 9, 30)),
                withdrawn_on: None,
            },
            &[w.nav],
        )
        .await;
        assert!(
            matches!(
                collaborate(&db.store, &w, w.nav, date(2024, 2, 29)).await,
                Err(CollaborationError::NotCovered)
            ),
            "before"
        );
        assert_eq!(
            collaborate(&db.store, &w, w.nav, date(2024, 3, 1))
                .await
                .unwrap(),
            c
        );
        assert_eq!(
            collaborate(&db.store, &w, w.nav, date(2024, 9, 30))
                .await
                .unwrap(),
            c
        );
        assert!(
            matches!(
                collaborate(&db.store, &w, w.nav, date(2024, 10, 1)).await,
                Err(CollaborationError::NotCovered)
            ),
            "expired"
        );
        assert!(
            matches!(
                collaborate(&db.store, &w, w.school, date(2024, 5, 1)).await,
                Err(CollaborationError::NotCovered)
            ),
            "another service"
        );
        // Withdrawn on 10 June: the 9th is covered, the 10th and later not.
        let mut conn = db.store.conn().await.unwrap();
        consents::withdraw(
            &mut conn,
            w.service,
            w.youth,
            c,
            date(2024, 6, 10),
            Some(w.kari),
            2,
        )
        .await
        .unwrap();
        assert!(
            consents::withdraw(
                &mut conn,
                w.service,
                w.youth,
                c,
                date(2024, 6, 11),
                Some(w.kari),
                2
            )
            .await
            .is_err(),
            "withdrawn once"
        );
        drop(conn);
        assert!(
            collaborate(&db.store, &w, w.nav, date(2024, 6, 9))
                .await
                .is_ok()
        );
        for day in [date(2024, 6, 10), date(2024, 6, 11)] {
            assert!(
                matches!(
                    collaborate(&db.store, &w, w.nav, day).await,
                    Err(CollaborationError::NotCovered)
                ),
                "{day}"
            );
        }
        // The history stays: the consent is still there, with its withdrawal.
        let mut conn = db.store.conn().await.unwrap();
        let all = consents::for_youth(&mut conn, db.store.field_keys(), w.service, w.youth)
            .await
            .unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].period.withdrawn_on, Some(date(2024, 6, 10)));
        assert_eq!(all[0].what_shared.as_deref(), Some("school situation"));
        let figures = collaborations::year_figures(&mut conn, w.service, 2024)
            .await
            .unwrap();
        assert_eq!(figures.total, 3);
        assert_eq!(figures.unique_youths, 1);
        assert_eq!(figures.outgoing.get("NAV"), Some(&3));
        assert!(figures.incoming.is_empty());
    }
}

#[tokio::test]
async fn concern_reports_and_requests_concern_children_and_are_counted() {
    for db in each_backend().await {
        // Turns 18 on 2024-05-17.
        let w = world(&db.store, date(2006, 5, 17)).await;
        let mut conn = db.store.conn().await.unwrap();
        let report = |day: Date, kind: WelfareKind| NewWelfare {
            id: WelfareId::new(),
            youth: w.youth,
            kind,
            day,
            details: Details {
                details: Some("violence at home"),
                ..Default::default()
            },
            answered_on: None,
            answer: None,
            recorded_by: Some(w.kari),
        };
        let keys = db.store.field_keys();
        child_welfare::create(
            &mut conn,
            keys,
            w.service,
            &report(date(2024, 5, 16), WelfareKind::ConcernReport),
            1,
        )
        .await
        .unwrap();
        let adult = child_welfare::create(
            &mut conn,
            keys,
            w.service,
            &report(date(2024, 5, 17), WelfareKind::ConcernReport),
            1,
        )
        .await;
        assert!(
            matches!(adult, Err(WelfareError::Adult)),
            "{:?}",
            db.backend()
        );
        let request = report(date(2024, 2, 1), WelfareKind::InformationRequest);
        child_welfare::create(&mut conn, keys, w.service, &request, 1)
            .await
            .unwrap();
        child_welfare::create(
            &mut conn,
            keys,
            w.service,
            &report(date(2024, 3, 1), WelfareKind::InformationRequest),
            1,
        )
        .await
        .unwrap();
        assert_eq!(
            child_welfare::open_requests(&mut conn, w.service)
                .await
                .unwrap()
                .len(),
            2
        );
        child_welfare::answer(
            &mut conn,
            keys,
            w.service,
            w.youth,
            request.id,
            date(2024, 2, 20),
            "sent the summary",
        )
        .await
        .unwrap();
        assert!(
            child_welfare::answer(
                &mut conn,
                keys,
                w.service,
                w.youth,
                request.id,
                date(2024, 2, 21),
                "again"
            )
            .await
            .is_err()
        );
        assert_eq!(
            child_welfare::open_requests(&mut conn, w.service)
                .await
                .unwrap()
                .len(),
            1
        );
        let f = child_welfare::year_figures(&mut conn, w.service, 2024)
            .await
            .unwrap();
        assert_eq!(
            (
                f.concern_reports,
                f.information_requests_received,
                f.information_requests_answered
            ),
            (1, 2, 1)
        );
        let mine = child_welfare::for_youth(&mut conn, keys, w.service, w.youth)
            .await
            .unwrap();
        assert!(
            mine.iter()
                .any(|x| x.answer.as_deref() == Some("sent the summary"))
        );
    }
}

/// The leader's count of consents about to run out: in force, with an end inside the window
/// (both ends included); open-ended and withdrawn consents are not counted.
#[tokio::test]
async fn consents_about_to_run_out_are_counted() {
    for db in each_backend().await {
        let w = world(&db.store, date(2007, 5, 1)).await;
        let period = |until: Option<Date>, withdrawn: Option<Date>| ConsentPeriod {
            given_on: date(2024, 1, 1),
            valid_until: until,
            withdrawn_on: withdrawn,
        };
        consent(
            &db.store,
            &w,
            period(Some(date(2024, 6, 1)), None),
            &[w.nav],
        )
        .await;
        consent(
            &db.store,
            &w,
            period(Some(date(2024, 6, 30)), None),
            &[w.nav],
        )
        .await;
        consent(
            &db.store,
            &w,
            period(Some(date(2024, 7, 1)), None),
            &[w.nav],
        )
        .await;
        consent(
            &db.store,
            &w,
            period(Some(date(2024, 5, 31)), None),
            &[w.nav],
        )
        .await;
        consent(&db.store, &w, period(None, None), &[w.nav]).await;
        consent(
            &db.store,
            &w,
            period(Some(date(2024, 6, 10)), Some(date(2024, 3, 1))),
            &[w.nav],
        )
        .await;
        let mut conn = db.store.conn().await.unwrap();
        let n = consents::expiring(&mut conn, w.service, date(2024, 6, 1), date(2024, 6, 30))
            .await
            .unwrap();
        assert_eq!(n, 2);
    }
}
