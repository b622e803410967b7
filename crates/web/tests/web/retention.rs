//! The retention page: every series with its rule, and the leader's list of closed follow-up
//! records past their period, each listing in the audit log.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::each_app;
use gatelangs_domain::field::Gender;
use gatelangs_domain::{MunicipalityNumber, Role, YouthId};
use gatelangs_storage::youths::{self, YouthFields};
use jiff::ToSpan;
use jiff::civil::date;

const DAY: i64 = 86_400;

#[tokio::test]
async fn a_leader_sees_closed_records_past_their_period_and_each_is_logged() {
    for app in each_app().await {
        let name = app.name();
        let service = app.service("team", false).await;
        let leader = app.user(&service, "leader", Role::Leader).await;
        let worker = app.user(&service, "worker", Role::FieldWorker).await;
        let now = jiff::Timestamp::now();
        let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
        let today = now.to_zoned(oslo.clone()).date();
        // Closed on the day five years ago (due today), a day later (due tomorrow), long ago,
        // and one still open.
        let five_years_ago = today.checked_sub(5.years()).unwrap();
        let at_noon = |day: jiff::civil::Date| {
            day.at(12, 0, 0, 0)
                .to_zoned(oslo.clone())
                .unwrap()
                .timestamp()
                .as_second()
        };
        let cases = [
            ("DUE-TODAY", Some(at_noon(five_years_ago))),
            ("NOT-YET", Some(at_noon(five_years_ago) + DAY)),
            ("LONG-AGO", Some(at_noon(date(2012, 6, 1)))),
            ("OPEN", None),
        ];
        let mut ids = Vec::new();
        for (reference, closed_at) in cases {
            let id = YouthId::new();
            let mut conn = app.store().conn().await.unwrap();
            youths::create(
                &mut conn,
                app.store().field_keys(),
                service.id,
                youths::NewYouth {
                    id,
                    fields: &YouthFields {
                        reference: reference.into(),
                        first_name: "Solveig".into(),
                        last_name: format!("Hemmelig{reference}"),
                        birth_date: date(2008, 5, 17),
                        gender: Gender::Female,
                        municipality: MunicipalityNumber::parse("3205").unwrap(),
                        phone: None,
                        school: None,
                        guardians: vec![],
                    },
                    contact_persons: &[worker.id],
                    created_by: Some(worker.id),
                },
                1,
            )
            .await
            .unwrap();
            youths::set_closed(&mut conn, service.id, id, closed_at)
                .await
                .unwrap();
            ids.push((reference, id));
        }

        let token = app.session_for(&leader).await;
        let before = app.audit_codes().await.len();
        let page = app.get("/youths/retention", Some(&token)).await;
        assert_eq!(page.status, 200, "{name}");
        for listed in ["DUE-TODAY", "LONG-AGO"] {
            assert!(page.body.contains(listed), "{name}: {listed} is listed");
        }
        for not_listed in ["NOT-YET", "OPEN", "Hemmelig"] {
            assert!(
                !page.body.contains(not_listed),
                "{name}: {not_listed} is not"
            );
        }
        assert!(
            page.body
                .contains(&gatelangs_domain::time::format_day(today))
        );
        assert!(page.body.contains("01.06.2012") && page.body.contains("01.06.2017"));
        // Every series has a row with its rule: one row per rule, none left untranslated.
        for series in gatelangs_domain::retention::RULES {
            let label = format!("retention-series-{}", series.0.code());
            assert!(!page.body.contains(&label), "{name}: {label} has no text");
        }
        let rule_rows = page.body.matches("<th scope=\"row\">").count();
        assert_eq!(
            rule_rows,
            gatelangs_domain::retention::RULES.len(),
            "{name}"
        );
        assert!(page.body.contains("Tilgangsloggen") && page.body.contains("Anonyme treff"));
        assert!(
            page.body.contains("vurderes av en leder")
                || page.body.contains("Vurderes av en leder")
        );
        // One read entry per listed youth, naming the youth and the page.
        let written: Vec<String> = app.audit_codes().await.split_off(before);
        assert_eq!(written.len(), 2, "{name}: {written:?}");
        for (reference, id) in &ids {
            let logged = app
                .count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE subject = 'youth:{id}' AND detail = 'retention'"
                ))
                .await;
            let want = i64::from(matches!(*reference, "DUE-TODAY" | "LONG-AGO"));
            assert_eq!(logged, want, "{name}: {reference}");
        }

        // Only a leader: a field worker who is the contact person is refused.
        let worker_token = app.session_for(&worker).await;
        let refused = app.get("/youths/retention", Some(&worker_token)).await;
        assert_eq!(refused.status, 403, "{name}");
    }
}
