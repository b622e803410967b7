//! Groups through the web on both backends: a worker creates a group and records a session
//! with named youths (only those they may see) and pseudonyms; a resubmitted form counts
//! nothing twice; the attendance shows in the youth's record and copy and in the report; a
//! named youth the worker may not see cannot be ticked; an analyst has no group pages.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app, pdf_text};
use gatelangs_domain::Role;
use gatelangs_storage::services::Service;
use gatelangs_storage::users::User;

struct Team {
    service: Service,
    kari: User,
    ola: User,
    per: User,
}

async fn team(app: &TestApp) -> Team {
    let service = app.service("team", false).await;
    Team {
        kari: app.user(&service, "kari", Role::FieldWorker).await,
        ola: app.user(&service, "ola", Role::FieldWorker).await,
        per: app.user(&service, "per", Role::FieldWorker).await,
        service,
    }
}

/// Kari registers a youth with Ola; returns the youth's id.
async fn youth(app: &TestApp, t: &Team, first: &str) -> String {
    let kari = app.session_for(&t.kari).await;
    let reply = app
        .post(
            "/youths",
            Some(&kari),
            &format!(
                "first_name={first}&last_name=Test&birth_date=01.02.2010&gender=female&municipality=3205&contact2={}&confirmed=1",
                t.ola.id
            ),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location().trim_start_matches("/youths/").to_owned()
}

async fn report_groups(app: &TestApp, t: &Team, year: &str) -> serde_json::Value {
    let mut conn = app.store().conn().await.unwrap();
    let report = gatelangs_report::build(&mut conn, &t.service, year.parse().unwrap())
        .await
        .unwrap();
    serde_json::to_value(report).unwrap()["groups"].clone()
}

#[tokio::test]
async fn a_session_counts_named_youths_and_pseudonyms_once_and_shows_in_the_record() {
    for app in each_app().await {
        let t = team(&app).await;
        let solveig = youth(&app, &t, "Solveig").await;
        let kari = app.session_for(&t.kari).await;
        let reply = app
            .post(
                "/groups",
                Some(&kari),
                "name=Sisterhood&kind=life_skills&place=",
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let group = reply.location().to_owned();
        // The same name again is refused, and named.
        let reply = app
            .post("/groups", Some(&kari), "name=Sisterhood&kind=flyt&place=")
            .await;
        assert_eq!(reply.status, 422);
        assert!(reply.body.contains("finnes allerede en gruppe"));
        // The roll-call offers Kari's youth.
        let page = app.get(&group, Some(&kari)).await;
        assert!(page.body.contains("Solveig Test"), "{}", page.body);
        let form =
            format!("date=12.03.2024&youth={solveig}&pseudonyms=Shadow%0ANova%0Ashadow+%0AShadow");
        let reply = app
            .post(&format!("{group}/sessions"), Some(&kari), &form)
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        // Shadow twice is one participant; "shadow" is another pseudonym.
        assert!(
            reply.location().contains("written=4&already=1"),
            "{}",
            reply.location()
        );
        // Sent again (a double tap, a reload): nothing is counted twice.
        let reply = app
            .post(&format!("{group}/sessions"), Some(&kari), &form)
            .await;
        assert!(
            reply.location().contains("written=0&already=5"),
            "{}",
            reply.location()
        );
        let figures = report_groups(&app, &t, "2024").await;
        assert_eq!(
            figures,
            serde_json::json!({
                "sessions": 1, "attendances": 4, "unique_named": 1, "unique_anonymous": 3,
                "by_group": {"Sisterhood": {"sessions": 1, "attendances": 4}}
            })
        );
        // The report page has section 2.4 with the group.
        let page = app.get("/report?year=2024", Some(&kari)).await;
        assert!(page.body.contains("2.4 Gruppearbeid"), "{}", page.body);
        assert!(page.body.contains("<td>Sisterhood</td>"));
        // The attendance is in the record and in the youth's copy (HTML and PDF).
        let record = app.get(&format!("/youths/{solveig}"), Some(&kari)).await;
        assert!(
            record.body.contains("12.03.2024 – Sisterhood"),
            "{}",
            record.body
        );
        let copy = app
            .get(&format!("/youths/{solveig}/innsyn"), Some(&kari))
            .await;
        assert!(copy.body.contains("12.03.2024 – Sisterhood"));
        let pdf = app
            .get(&format!("/youths/{solveig}/innsyn.pdf"), Some(&kari))
            .await;
        assert!(pdf_text(&pdf.bytes).contains("Sisterhood"));
        // Per is no contact person: Solveig is not offered, and ticking her anyway is refused.
        let per = app.session_for(&t.per).await;
        let page = app.get(&group, Some(&per)).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("Solveig"), "{}", page.body);
        let reply = app
            .post(
                &format!("{group}/sessions"),
                Some(&per),
                &format!("date=13.03.2024&youth={solveig}"),
            )
            .await;
        assert_eq!(reply.status, 403);
        assert_eq!(report_groups(&app, &t, "2024").await["attendances"], 4);
        // An analyst sees aggregates only: no group pages.
        let anna = app.user(&t.service, "anna", Role::Analyst).await;
        let anna = app.session_for(&anna).await;
        assert_eq!(app.get("/groups", Some(&anna)).await.status, 403);
        assert_eq!(app.get(&group, Some(&anna)).await.status, 403);
    }
}

#[tokio::test]
async fn prevention_events_and_trend_notes_are_recorded_checked_and_summarised_without_small_counts()
 {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        for form in [
            "date=05.02.2024&kind=drug_prevention_class&place=&grade=8&classes=2&participants=51",
            "date=06.02.2024&kind=drug_prevention_class&place=&grade=8&classes=1&participants=26",
            "date=07.02.2024&kind=parent_meeting&place=&grade=&classes=&participants=30",
        ] {
            let reply = app.post("/prevention", Some(&kari), form).await;
            assert_eq!(reply.status, 303, "{form}: {}", reply.body);
        }
        for (form, message) in [
            (
                "date=05.02.2024&kind=talk&grade=14",
                "Trinn må være fra 1 til 13",
            ),
            ("date=05.02.2024&kind=talk&classes=-2", "hele tall"),
            ("date=31.02.2024&kind=talk", "dato"),
        ] {
            let reply = app.post("/prevention", Some(&kari), form).await;
            assert_eq!(reply.status, 422, "{form}");
            assert!(reply.body.contains(message), "{form}: {}", reply.body);
        }
        // Topics and the staff who held it are kept with the event and shown in the list.
        let reply = app
            .post(
                "/prevention",
                Some(&kari),
                &format!(
                    "date=08.02.2024&kind=talk&topics=Rus%2C+nettvett%3B+rus&staff={}&staff={}",
                    t.ola.id, t.kari.id
                ),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let page = app.get("/prevention?year=2024", Some(&kari)).await;
        let staff = format!(
            "<td>Rus, nettvett</td><td>{}, {}</td>",
            t.kari.name, t.ola.name
        );
        assert!(page.body.contains(&staff), "{}", page.body);
        // The form ticks the worker by default; a colleague of another service is refused.
        let blank = app.get("/prevention", Some(&kari)).await;
        assert!(
            blank
                .body
                .contains(&format!("value=\"{}\" checked", t.kari.id))
        );
        let other = app.service("elsewhere", false).await;
        let oda = app.user(&other, "oda", Role::FieldWorker).await;
        for (form, message) in [
            (
                format!("date=09.02.2024&kind=talk&staff={}", oda.id),
                "Velg bare feltarbeidere",
            ),
            (
                format!("date=09.02.2024&kind=talk&topics={}", "x".repeat(61)),
                "Høyst 10 tema",
            ),
        ] {
            let reply = app.post("/prevention", Some(&kari), &form).await;
            assert_eq!(reply.status, 422, "{form}");
            assert!(reply.body.contains(message), "{form}: {}", reply.body);
        }
        let mut conn = app.store().conn().await.unwrap();
        let report = serde_json::to_value(
            gatelangs_report::build(&mut conn, &t.service, 2024)
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            report["prevention"]["drug_prevention_class"],
            serde_json::json!({"events": 2, "classes": 3, "participants": 77})
        );
        assert_eq!(report["prevention"]["talk"]["events"], 1);
        // Trend notes: a district, at least one theme, a summary.
        let district =
            gatelangs_storage::places::create_district(&mut conn, t.service.id, "Sentrum")
                .await
                .unwrap()
                .id;
        drop(conn);
        let reply = app
            .post(
                "/trends",
                Some(&kari),
                &format!("date=01.03.2024&district={district}&summary=Uro+ved+stasjonen"),
            )
            .await;
        assert_eq!(reply.status, 422);
        assert!(reply.body.contains("minst ett tema"));
        for n in 0..6 {
            let themes = if n < 2 {
                "theme=gangs&theme=crime"
            } else {
                "theme=gangs"
            };
            let reply = app
                .post(
                    "/trends",
                    Some(&kari),
                    &format!(
                        "date=0{}.03.2024&district={district}&{themes}&summary=Uro+ved+stasjonen",
                        n + 1
                    ),
                )
                .await;
            assert_eq!(reply.status, 303, "{}", reply.body);
        }
        let page = app.get("/trends?year=2024", Some(&kari)).await;
        // Six notes name gangs; two name crime, shown as "<5".
        let row = &page.body[page.body.find("<th scope=\"row\">Sentrum</th>").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains(">6<"), "{row}");
        assert!(row.contains("&#60;5"), "{row}");
        assert!(!row.contains(">2<"), "{row}");
        // Field workers and leaders only.
        let anna = app.user(&t.service, "anna", Role::Analyst).await;
        let anna = app.session_for(&anna).await;
        assert_eq!(app.get("/prevention", Some(&anna)).await.status, 403);
        assert_eq!(app.get("/trends", Some(&anna)).await.status, 403);
        // The summary for the collaboration forums: every role, no free text, no small count.
        let summary = app
            .get("/trends/summary?from=01.01.2024&to=31.12.2024", Some(&anna))
            .await;
        assert_eq!(summary.status, 200, "{}", summary.body);
        let row = &summary.body[summary.body.find("<th scope=\"row\">Sentrum</th>").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains(">6<") && row.contains("&#60;5"), "{row}");
        assert!(!summary.body.contains("Uro ved stasjonen"));
        // A shorter period counts only its notes: 04.–06.03 has three, shown as "<5".
        let summary = app
            .get("/trends/summary?from=04.03.2024&to=2024-03-06", Some(&anna))
            .await;
        let row = &summary.body[summary.body.find("<th scope=\"row\">Sentrum</th>").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(!row.contains(">6<") && !row.contains(">3<"), "{row}");
        assert!(row.contains("&#60;5"), "{row}");
        let none = app
            .get("/trends/summary?from=01.01.2023&to=31.12.2023", Some(&anna))
            .await;
        assert!(none.body.contains("Ingen observasjoner i perioden"));
        // A bad date or a period backwards is named.
        let bad = app
            .get("/trends/summary?from=31.02.2024", Some(&anna))
            .await;
        assert_eq!(bad.status, 422);
        assert!(
            bad.body.contains("«Fra og med» er ikke en dato"),
            "{}",
            bad.body
        );
        let bad = app
            .get("/trends/summary?from=02.03.2024&to=01.03.2024", Some(&anna))
            .await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("slutter før den begynner"));
        assert_eq!(
            app.get("/trends/summary.pdf?to=x", Some(&anna))
                .await
                .status,
            400
        );
        // The PDF holds the same table.
        let pdf = app
            .get(
                "/trends/summary.pdf?from=2024-01-01&to=2024-12-31",
                Some(&anna),
            )
            .await;
        assert_eq!(pdf.status, 200);
        // pdftotext breaks the long title where the page does.
        let text = pdf_text(&pdf.bytes)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("Trender i ungdomsmiljøene 01.01.2024– 31.12.2024"),
            "{text}"
        );
        assert!(
            text.contains("Sentrum") && text.contains("Gjenger"),
            "{text}"
        );
        assert!(text.contains("<5") && !text.contains("Uro ved"), "{text}");
        // Another service sees none of it.
        let other = app.service("other", false).await;
        let olga = app.user(&other, "olga", Role::Leader).await;
        let olga = app.session_for(&olga).await;
        let theirs = app
            .get("/trends/summary?from=01.01.2024&to=31.12.2024", Some(&olga))
            .await;
        assert!(!theirs.body.contains("Sentrum"));
    }
}

/// The 8th-grade checklist: classes typed once per school and year (again: nothing twice), each
/// marked taught, planned or not yet, with the share taught; only schools of the service.
#[tokio::test]
async fn the_eighth_grade_checklist_counts_the_share_taught() {
    use gatelangs_domain::field::PlaceKind;
    for app in each_app().await {
        let t = team(&app).await;
        let a = app.place(&t.service, "Askola", PlaceKind::School).await;
        let b = app.place(&t.service, "Bskola", PlaceKind::School).await;
        let street = app.place(&t.service, "Torget", PlaceKind::Street).await;
        let kari = app.session_for(&t.kari).await;
        for (school, names) in [(&a, "8A%0A8B%0A8C"), (&b, "8A%0A8B"), (&a, "8A%0A8D")] {
            let r = app
                .post(
                    "/prevention/classes",
                    Some(&kari),
                    &format!("year=2026&school={}&names={names}", school.id),
                )
                .await;
            assert_eq!(r.status, 303, "{}", r.body);
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM class_checklist").await, 6);
        let r = app
            .post(
                "/prevention/classes",
                Some(&kari),
                &format!("year=2026&school={}&names=8A", street.id),
            )
            .await;
        assert_eq!(r.status, 422);
        let page = app.get("/prevention/classes?year=2026", Some(&kari)).await;
        assert!(page.body.contains("0 av 6 klasser er undervist (0 %)."));
        let ids: Vec<String> = page
            .body
            .split("action=\"/prevention/classes/")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 6);
        for (id, status) in ids
            .iter()
            .zip(["taught", "taught", "planned", "taught", "not_yet"])
        {
            let r = app
                .post(
                    &format!("/prevention/classes/{id}"),
                    Some(&kari),
                    &format!("year=2026&status={status}"),
                )
                .await;
            assert_eq!(r.status, 303);
        }
        let page = app.get("/prevention/classes?year=2026", Some(&kari)).await;
        // 3 of 6 taught: 50 %.
        assert!(
            page.body.contains("3 av 6 klasser er undervist (50 %)."),
            "{}",
            page.body
        );
        assert_eq!(
            app.post(
                &format!("/prevention/classes/{}", ids[0]),
                Some(&kari),
                "status=done"
            )
            .await
            .status,
            400
        );
        let other = app.get("/prevention/classes?year=2025", Some(&kari)).await;
        assert!(other.body.contains("Ingen klasser er lagt inn"));
    }
}

/// The roll-call as a phone sends it: each roll-call has the phone's id, so one sent again
/// (a retry after a lost answer) counts nothing twice; the rules of the form hold (a youth the
/// worker may not see is refused, a bad date is named); others are a head count per session.
#[tokio::test]
async fn roll_calls_from_a_phone_are_stored_once_under_the_forms_rules() {
    for app in each_app().await {
        let t = team(&app).await;
        let solveig = youth(&app, &t, "Solveig").await;
        let kari = app.session_for(&t.kari).await;
        let reply = app
            .post("/groups", Some(&kari), "name=Gaming&kind=gaming&place=")
            .await;
        let group = reply.location().trim_start_matches("/groups/").to_owned();
        let first = uuid::Uuid::new_v4();
        let call = serde_json::json!({
            "id": first, "group": group, "date": "14.03.2024",
            "youths": [solveig], "pseudonyms": ["Nova", "Shadow"], "others": 3
        });
        let body = serde_json::json!({"roll_calls": [call.clone(), call]});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&kari), body.clone())
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let results: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(results["results"][0]["status"], "stored");
        assert_eq!(results["results"][0]["written"], 3);
        assert_eq!(results["results"][1]["status"], "already_stored");
        // The whole batch again, as after an answer lost on the way back.
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&kari), body)
            .await;
        let results: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(results["results"][0]["status"], "already_stored");
        let figures = report_groups(&app, &t, "2024").await;
        assert_eq!(
            (
                figures["attendances"].as_i64(),
                figures["unique_named"].as_i64()
            ),
            (Some(3), Some(1))
        );
        // A later roll-call of the same session changes the head count; one without leaves it.
        for (others, shown) in [(serde_json::json!(5), "5"), (serde_json::Value::Null, "5")] {
            let call = serde_json::json!({"roll_calls": [{
                "id": uuid::Uuid::new_v4(), "group": group, "date": "2024-03-14",
                "pseudonyms": ["Nova"], "others": others
            }]});
            let reply = app
                .post_json("/api/v1/groups/roll-calls/sync", Some(&kari), call)
                .await;
            assert!(reply.body.contains("\"stored\""), "{}", reply.body);
            let page = app.get(&format!("/groups/{group}"), Some(&kari)).await;
            let row = &page.body[page.body.find("<td>14.03.2024</td>").unwrap()..];
            let row = &row[..row.find("</tr>").unwrap()];
            assert!(
                row.ends_with(&format!("<td class=\"num\">{shown}</td>")),
                "{row}"
            );
        }
        // Per may not see Solveig: refused, with the reason, and nothing of it is stored.
        let per = app.session_for(&t.per).await;
        let refused = uuid::Uuid::new_v4();
        let calls = serde_json::json!({"roll_calls": [
            {"id": refused, "group": group, "date": "15.03.2024", "youths": [solveig], "pseudonyms": ["Echo"]},
            {"id": uuid::Uuid::new_v4(), "group": group, "date": "31.02.2024"},
            {"id": uuid::Uuid::new_v4(), "group": uuid::Uuid::new_v4(), "date": "15.03.2024"},
            {"id": uuid::Uuid::new_v4(), "group": group, "date": "15.03.2024", "others": 5000}
        ]});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&per), calls.clone())
            .await;
        let results: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        for i in 0..4 {
            assert_eq!(
                results["results"][i]["status"], "rejected",
                "{i}: {results}"
            );
        }
        assert!(
            results["results"][0]["message"]
                .as_str()
                .unwrap()
                .contains("tilgang"),
            "{results}"
        );
        assert!(
            results["results"][1]["message"]
                .as_str()
                .unwrap()
                .contains("dato")
        );
        assert!(
            results["results"][3]["message"]
                .as_str()
                .unwrap()
                .contains("1000")
        );
        assert_eq!(report_groups(&app, &t, "2024").await["attendances"], 3);
        // A refused roll-call left no receipt: sent again by someone allowed, it is stored.
        let reply = app
            .post_json(
                "/api/v1/groups/roll-calls/sync",
                Some(&kari),
                serde_json::json!({"roll_calls": [calls["roll_calls"][0].clone()]}),
            )
            .await;
        assert!(reply.body.contains("\"stored\""), "{}", reply.body);
        // An analyst keeps no groups; without a session the phone is told to log in.
        let anna = app.user(&t.service, "anna", Role::Analyst).await;
        let anna = app.session_for(&anna).await;
        let empty = serde_json::json!({"roll_calls": []});
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", Some(&anna), empty.clone())
            .await;
        assert_eq!(reply.status, 403);
        let reply = app
            .post_json("/api/v1/groups/roll-calls/sync", None, empty)
            .await;
        assert_eq!(reply.status, 401);
        // The form names a head count that is not a number.
        let reply = app
            .post(
                &format!("/groups/{group}/sessions"),
                Some(&kari),
                "date=16.03.2024&others=mange",
            )
            .await;
        assert_eq!(reply.status, 422);
        assert!(reply.body.contains("helt tall fra 0 til 1000"));
    }
}

/// The staff who run a group: field workers and leaders of the service who can log in.
#[tokio::test]
async fn a_group_has_the_staff_who_run_it() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        let reply = app
            .post("/groups", Some(&kari), "name=FLYT&kind=flyt&place=")
            .await;
        let group = reply.location().to_owned();
        let page = app.get(&group, Some(&kari)).await;
        assert!(
            page.body
                .contains("Ansatte som driver gruppen: ingen valgt")
        );
        let reply = app
            .post(
                &format!("{group}/staff"),
                Some(&kari),
                &format!("staff={}&staff={}", t.ola.id, t.kari.id),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let page = app.get(reply.location(), Some(&kari)).await;
        let line = format!(
            "Ansatte som driver gruppen: {}, {}",
            t.kari.name, t.ola.name
        );
        assert!(page.body.contains(&line), "{}", page.body);
        // An analyst, or someone of another service, cannot run it; nothing changes.
        let anna = app.user(&t.service, "anna", Role::Analyst).await;
        let other = app.service("other", false).await;
        let olga = app.user(&other, "olga", Role::FieldWorker).await;
        for id in [anna.id, olga.id] {
            let reply = app
                .post(
                    &format!("{group}/staff"),
                    Some(&kari),
                    &format!("staff={id}"),
                )
                .await;
            assert_eq!(reply.status, 422);
            assert!(reply.body.contains("Velg bare feltarbeidere og ledere"));
        }
        let page = app.get(&group, Some(&kari)).await;
        assert!(page.body.contains(&line));
        // Another service's worker cannot reach the group at all.
        let olga = app.session_for(&olga).await;
        let reply = app
            .post(
                &format!("{group}/staff"),
                Some(&olga),
                &format!("staff={}", t.kari.id),
            )
            .await;
        assert_eq!(reply.status, 404);
    }
}
