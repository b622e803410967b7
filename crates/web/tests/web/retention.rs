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

/// A follow-up in 2019 with everything the annual report counts of a youth: a conversation with
/// a note, a consent and a collaboration under it, a concern report and group attendance.
const BUNDLE: &[(&str, &str)] = &[
    ("services.csv", "code,name\nnav,NAV\n"),
    (
        "staff.csv",
        "username,name,role\nwenche,Wenche Berg,field_worker\n",
    ),
    (
        "youths.csv",
        "ref,first_name,last_name,birth_date,gender,municipality,phone,contact_persons\n\
         Y-GONE,Solveig,Hemmeligsen,2004-05-17,female,3205,+4791234567,wenche\n\
         Y-STAYS,Per,Blir,2005-02-01,male,0301,,wenche\n",
    ),
    (
        "followups.csv",
        "date,youth_ref,staff,challenges,note\n\
         2019-03-01,Y-GONE,wenche,substance_use;crime,Snakket om hjemmesituasjonen\n\
         2019-03-02,Y-STAYS,wenche,exclusion,\n",
    ),
    (
        "consents.csv",
        "youth_ref,given_on,given_by,services\nY-GONE,2019-02-01,youth_and_guardian,nav\n",
    ),
    (
        "collaborations.csv",
        "date,youth_ref,direction,service,note\n2019-04-01,Y-GONE,outgoing,nav,Møte med veileder\n",
    ),
    (
        "child_welfare.csv",
        "date,youth_ref,kind\n2019-05-01,Y-GONE,concern_report\n",
    ),
    ("groups.csv", "group,kind\nSpillkveld,gaming\n"),
    (
        "group_attendance.csv",
        "date,group,participant\n2019-06-01,Spillkveld,youth:Y-GONE\n2019-06-01,Spillkveld,youth:Y-STAYS\n",
    ),
];

fn bundle() -> gatelangs_interchange::Bundle {
    let files: Vec<(&str, &[u8])> = BUNDLE.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
    gatelangs_interchange::read_upload(gatelangs_testkit::zip_of(&files), "retention.zip").unwrap()
}

async fn annual(app: &common::TestApp, token: &str, year: i32) -> serde_json::Value {
    let reply = app
        .get(&format!("/api/v1/reports/annual?year={year}"), Some(token))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

#[tokio::test]
async fn a_leaders_decision_erases_the_record_and_keeps_past_years_figures() {
    for app in each_app().await {
        let name = app.name();
        gatelangs_interchange::import(app.store(), "team", &bundle(), None)
            .await
            .unwrap();
        let mut conn = app.store().conn().await.unwrap();
        let service = gatelangs_storage::services::find_by_slug(&mut conn, "team")
            .await
            .unwrap()
            .unwrap();
        let gone = youths::id_by_ref(&mut conn, service.id, "Y-GONE")
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        let leader = app.user(&service, "leader", Role::Leader).await;
        let token = app.session_for(&leader).await;
        let record = format!("/youths/{gone}");
        let decide = format!("{record}/retention");
        let form = "outcome=deposited&archive_reference=IKA-2026%2F17&grounds=Oppf%C3%B8lgingen+ble+avsluttet+i+2020";

        // Open: not due, nothing happens.
        let refused = app.post(&decide, Some(&token), form).await;
        assert_eq!(refused.status, 409, "{name}: {}", refused.body);
        // Closed in January 2020: due since January 2025.
        let closed = date(2020, 1, 15)
            .at(12, 0, 0, 0)
            .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .unwrap()
            .timestamp()
            .as_second();
        let mut conn = app.store().conn().await.unwrap();
        youths::set_closed(&mut conn, service.id, gone, Some(closed))
            .await
            .unwrap();
        drop(conn);
        let no_grounds = app
            .post(&decide, Some(&token), "outcome=deleted&grounds=+")
            .await;
        assert_eq!(no_grounds.status, 400, "{name}");
        let no_reference = app
            .post(&decide, Some(&token), "outcome=deposited&grounds=done")
            .await;
        assert_eq!(
            no_reference.status, 400,
            "{name}: a deposit names the archive's reference"
        );

        // The archive copy for a deposit holds the whole journal, also what the youth's copy
        // leaves out; a leader the youth has blocked from an entry cannot make it.
        let mut conn = app.store().conn().await.unwrap();
        let entry: String =
            sqlx::query_scalar("SELECT id FROM journal_entries WHERE youth_id = $1")
                .bind(gone.to_string())
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        let key = gatelangs_storage::journal::EntryKey {
            service: service.id,
            youth: gone,
            entry: entry.parse().unwrap(),
        };
        gatelangs_storage::journal::set_withheld(
            &mut conn,
            app.store().field_keys(),
            key,
            leader.id,
            Some("would harm the youth"),
            1,
        )
        .await
        .unwrap();
        drop(conn);
        let copy = app
            .get(&format!("{record}/archive-copy.pdf"), Some(&token))
            .await;
        assert_eq!(copy.status, 200, "{name}: {}", copy.body);
        let text = common::pdf_text(&copy.bytes);
        assert!(
            text.contains("Arkivkopi av journal")
                && text.contains("hjemmesituasjonen")
                && text.contains("Holdt tilbake fra ungdommens kopi: would harm the youth"),
            "{name}: {text}"
        );
        let youths_copy = app.get(&format!("{record}/innsyn.pdf"), Some(&token)).await;
        assert!(
            !common::pdf_text(&youths_copy.bytes).contains("hjemmesituasjonen"),
            "{name}: the youth's copy leaves the withheld entry out"
        );
        let other = app.user(&service, "leader2", Role::Leader).await;
        let mut conn = app.store().conn().await.unwrap();
        gatelangs_storage::record_access::add_block(
            &mut conn,
            app.store().field_keys(),
            service.id,
            gatelangs_storage::record_access::NewBlock {
                youth: gone,
                user: other.id,
                entry: Some(key.entry),
                reason: "the youth asked",
                by: leader.id,
            },
            1,
        )
        .await
        .unwrap();
        drop(conn);
        let other = app.session_for(&other).await;
        let refused = app
            .get(&format!("{record}/archive-copy.pdf"), Some(&other))
            .await;
        assert_eq!(refused.status, 403, "{name}");

        let before = (
            annual(&app, &token, 2019).await,
            annual(&app, &token, 2020).await,
        );
        assert_eq!(
            before.0["follow_up"]["unique_youths"], 2,
            "{name}: {}",
            before.0
        );
        assert_eq!(
            before.0["collaborations"]["total"], 1,
            "{name}: {}",
            before.0
        );
        assert_eq!(before.0["child_welfare"]["concern_reports"], 1, "{name}");
        assert_eq!(before.0["groups"]["unique_named"], 2, "{name}");

        let done = app.post(&decide, Some(&token), form).await;
        assert_eq!(done.status, 303, "{name}: {}", done.body);
        assert_eq!(done.location(), "/youths/retention?decided=1");

        // Past years' figures are the same, to the last number.
        let after = (
            annual(&app, &token, 2019).await,
            annual(&app, &token, 2020).await,
        );
        assert_eq!(before, after, "{name}");

        // The record is no more: not opened, listed, searched or due again.
        assert_eq!(app.get(&record, Some(&token)).await.status, 404, "{name}");
        let list = app.get("/youths", Some(&token)).await;
        assert!(
            !list.body.contains("Y-GONE") && list.body.contains("Y-STAYS"),
            "{name}"
        );
        let search = app
            .get(
                "/youths/search?first_name=Solveig&last_name=Hemmeligsen&birth_date=17.05.2004",
                Some(&token),
            )
            .await;
        assert!(!search.body.contains(&gone.to_string()), "{name}");
        let page = app.get("/youths/retention?decided=1", Some(&token)).await;
        assert!(page.body.contains("Vedtaket er registrert"), "{name}");
        assert!(
            page.body.contains("Oppfølgingen ble avsluttet i 2020")
                && page.body.contains("Avleveres til arkivet")
                && page.body.contains("IKA-2026/17"),
            "{name}: the decision is listed with its grounds"
        );
        assert!(!page.body.contains(&decide), "{name}: not due any more");

        // Nothing personal is left of the youth; the counted facts are.
        for (sql, want) in [
            (
                "SELECT COUNT(*) FROM youths WHERE id = 'ID' AND first_name = '' AND last_name = '' \
              AND birth_date = '' AND phone IS NULL AND identity_hash = '' AND erased_at IS NOT NULL",
                1,
            ),
            (
                "SELECT COUNT(*) FROM journal_entries WHERE youth_id = 'ID'",
                0,
            ),
            (
                "SELECT COUNT(*) FROM journal_deletions WHERE youth_id = 'ID'",
                1,
            ),
            (
                "SELECT COUNT(*) FROM youth_contact_persons WHERE youth_id = 'ID'",
                0,
            ),
            (
                "SELECT COUNT(*) FROM collaborations WHERE youth_id = 'ID' AND note IS NULL",
                1,
            ),
            (
                "SELECT COUNT(*) FROM conversations WHERE youth_id = 'ID'",
                1,
            ),
            (
                "SELECT COUNT(*) FROM child_welfare WHERE youth_id = 'ID'",
                1,
            ),
            (
                "SELECT COUNT(*) FROM group_attendance WHERE youth_id = 'ID'",
                1,
            ),
            (
                "SELECT COUNT(*) FROM retention_decisions WHERE youth_id = 'ID' AND outcome = 'deposited' \
              AND grounds LIKE 'gl1:%'",
                1,
            ),
            (
                "SELECT COUNT(*) FROM audit_log WHERE subject = 'youth:ID' AND action LIKE 'personal_data_change:%' \
              AND detail LIKE 'retention decision %: deposited'",
                1,
            ),
        ] {
            let sql = sql.replace("ID", &gone.to_string());
            assert_eq!(app.count(&sql).await, want, "{name}: {sql}");
        }
        // A phone's roll-call cannot tick the erased youth into a past session.
        let group = app.count("SELECT COUNT(*) FROM group_attendance").await;
        let mut conn = app.store().conn().await.unwrap();
        let group_id: String = sqlx::query_scalar("SELECT id FROM youth_groups")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        drop(conn);
        let call = serde_json::json!({"roll_calls": [{
            "id": uuid::Uuid::new_v4(), "group": group_id, "date": "07.06.2019",
            "youths": [gone], "pseudonyms": [], "others": 0
        }]});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&token), call)
            .await;
        assert!(!reply.body.contains("\"stored\""), "{name}: {}", reply.body);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM group_attendance").await,
            group,
            "{name}"
        );

        // The other youth is untouched, and a second decision finds nothing to decide.
        let mut conn = app.store().conn().await.unwrap();
        let stays = youths::id_by_ref(&mut conn, service.id, "Y-STAYS")
            .await
            .unwrap()
            .unwrap();
        assert!(
            youths::get(&mut conn, app.store().field_keys(), service.id, stays)
                .await
                .unwrap()
                .is_some()
        );
        drop(conn);
        let again = app.post(&decide, Some(&token), form).await;
        assert_eq!(again.status, 404, "{name}");
        let mut conn = app.store().conn().await.unwrap();
        // The chain of the audit log still verifies.
        let chain = gatelangs_storage::audit::verify(&mut conn, app.store().audit_key(), None)
            .await
            .unwrap();
        assert!(chain.first_broken.is_none(), "{name}");
        drop(conn);

        // An export carries the erased record as a shell and nothing personal of it; imported
        // into an empty database it gives the same past years' report (interchange.md).
        let zip = gatelangs_interchange::export_zip(app.store(), "team", None, None)
            .await
            .unwrap();
        let exported = gatelangs_interchange::read_upload(zip, "export.zip").unwrap();
        let youths_csv = String::from_utf8_lossy(exported.get("youths.csv").unwrap()).into_owned();
        let shell_line = youths_csv.lines().find(|l| l.contains("Y-GONE")).unwrap();
        assert!(
            shell_line.ends_with(&format!(
                ",Y-GONE,,,,female,3205,,,{}",
                jiff::Timestamp::now()
                    .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
                    .date()
            )),
            "{name}: {shell_line}"
        );
        for (file, bytes) in &exported.files {
            let text = String::from_utf8_lossy(bytes);
            for secret in [
                "Solveig",
                "Hemmeligsen",
                "2004-05-17",
                "hjemmesituasjonen",
                "Møte med",
            ] {
                assert!(!text.contains(secret), "{name}: {file} holds {secret}");
            }
        }
        let elsewhere = common::app_for(
            match name.as_str() {
                "Sqlite" => gatelangs_testkit::sqlite().await,
                _ => gatelangs_testkit::postgres().await.unwrap(),
            },
            gatelangs_web::WebConfig::default(),
        );
        gatelangs_interchange::import(elsewhere.store(), "team", &exported, None)
            .await
            .unwrap();
        let mut there = elsewhere.store().conn().await.unwrap();
        let moved = gatelangs_storage::services::find_by_slug(&mut there, "team")
            .await
            .unwrap()
            .unwrap();
        drop(there);
        let reader = elsewhere.user(&moved, "reader", Role::Leader).await;
        let reader = elsewhere.session_for(&reader).await;
        let moved_reports = (
            annual(&elsewhere, &reader, 2019).await,
            annual(&elsewhere, &reader, 2020).await,
        );
        assert_eq!(before, moved_reports, "{name}");
        assert_eq!(
            elsewhere
                .count(
                    "SELECT COUNT(*) FROM youths WHERE erased_at IS NOT NULL AND first_name = ''"
                )
                .await,
            1,
            "{name}"
        );
        // The same bundle again changes nothing.
        let again = gatelangs_interchange::import(elsewhere.store(), "team", &exported, None)
            .await
            .unwrap();
        assert!(again.files.iter().all(|(_, new, _)| *new == 0), "{name}");

        // The old bundle cannot bring the erased record back: every row about it is refused,
        // and nothing is written.
        let rows = app.count("SELECT COUNT(*) FROM conversations").await;
        let Err(gatelangs_interchange::ImportError::Invalid(problems)) =
            gatelangs_interchange::import(app.store(), "team", &bundle(), None).await
        else {
            panic!("{name}: the old bundle was taken");
        };
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        for want in [
            "youths.csv:2: ref: youth Y-GONE was erased by a retention decision",
            "followups.csv:2: note: an erased record keeps no note",
            "consents.csv:2: age_at_consent: needed for Y-GONE, an erased record",
            "collaborations.csv:2: note: an erased record keeps no note",
        ] {
            assert!(
                text.iter().any(|t| t.contains(want)),
                "{name}: {want} in {text:#?}"
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM conversations").await, rows);
    }
}
