//! Field work through the web and the API on both backends: registration exactly once, undo and
//! correction rules, the shift table, places, the report page and the admin import.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_domain::field::PlaceKind;
use serde_json::{Value, json};

fn register(id: &str, place: &str, at: &str) -> Value {
    json!({"op": "register", "id": id, "occurred_at": at, "place": place, "channel": "street", "age_group": "lower_secondary", "gender": "female", "count": 2})
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

fn statuses(reply: &common::Reply) -> Vec<String> {
    let v: Value = serde_json::from_str(&reply.body).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_owned())
        .collect()
}

async fn team(
    app: &TestApp,
) -> (
    gatelangs_storage::services::Service,
    String,
    String,
    String,
    String,
) {
    let service = app.service("team-a", false).await;
    let place = app.place(&service, "Torget", PlaceKind::Street).await;
    let kari = app.user(&service, "kari", Role::FieldWorker).await;
    let ola = app.user(&service, "ola", Role::FieldWorker).await;
    let lise = app.user(&service, "lise", Role::Leader).await;
    (
        service,
        place.id.to_string(),
        app.session_for(&kari).await,
        app.session_for(&ola).await,
        app.session_for(&lise).await,
    )
}

#[tokio::test]
async fn a_registration_is_stored_once_and_undone_only_by_its_author_or_a_leader() {
    for app in each_app().await {
        let (_, place, kari, ola, lise) = team(&app).await;
        let id = uuid::Uuid::new_v4().to_string();
        let first = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [register(&id, &place, &now())]}),
            )
            .await;
        assert_eq!(statuses(&first), vec!["stored"], "{}", app.name());
        let again = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [register(&id, &place, &now())]}),
            )
            .await;
        assert_eq!(statuses(&again), vec!["already_stored"]);
        assert_eq!(
            app.count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
                .await,
            2
        );

        // Someone else's registration cannot be undone by a field worker; the leader can.
        let by_ola = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&ola),
                json!({"ops": [{"op": "undo", "id": id}]}),
            )
            .await;
        assert_eq!(statuses(&by_ola), vec!["rejected"]);
        let by_kari = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [{"op": "undo", "id": id}]}),
            )
            .await;
        assert_eq!(statuses(&by_kari), vec!["undone"]);
        // A late retry of the undone registration does not bring it back.
        let late = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [register(&id, &place, &now())]}),
            )
            .await;
        assert_eq!(statuses(&late), vec!["already_stored"]);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM contacts WHERE undone_at IS NULL")
                .await,
            0
        );

        let other = uuid::Uuid::new_v4().to_string();
        app.post_json(
            "/api/v1/contacts/sync",
            Some(&ola),
            json!({"ops": [register(&other, &place, &now())]}),
        )
        .await;
        let by_leader = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&lise),
                json!({"ops": [{"op": "undo", "id": other}]}),
            )
            .await;
        assert_eq!(statuses(&by_leader), vec!["undone"]);
        assert!(
            app.audit_codes()
                .await
                .iter()
                .filter(|c| *c == "contact_undone")
                .count()
                == 2
        );
    }
}

#[tokio::test]
async fn bad_operations_are_rejected_alone_and_the_rest_is_stored() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        let future = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(2)).to_string();
        let unknown_place = uuid::Uuid::new_v4().to_string();
        let mut bad_code = register(&uuid::Uuid::new_v4().to_string(), &place, &now());
        bad_code["age_group"] = json!("teen");
        let ops = json!({"ops": [
            register(&uuid::Uuid::new_v4().to_string(), &place, &now()),
            register(&uuid::Uuid::new_v4().to_string(), &place, &future),
            register(&uuid::Uuid::new_v4().to_string(), &unknown_place, &now()),
            bad_code,
            register(&uuid::Uuid::new_v4().to_string(), &place, &now()),
        ]});
        let reply = app
            .post_json("/api/v1/contacts/sync", Some(&kari), ops)
            .await;
        assert_eq!(
            statuses(&reply),
            vec!["stored", "rejected", "rejected", "rejected", "stored"],
            "{}",
            app.name()
        );
        assert!(reply.body.contains("fremtiden"));
        assert_eq!(app.count("SELECT COUNT(*) FROM contacts").await, 2);
        // Not JSON at all: a clear 4xx, not a 500.
        let garbage = app
            .post("/api/v1/contacts/sync", Some(&kari), "ops=1")
            .await;
        assert_eq!(garbage.status, 415);
        let wrong = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [{"op": "fly"}]}),
            )
            .await;
        assert!(wrong.status.is_client_error());
    }
}

#[tokio::test]
async fn only_field_workers_and_leaders_register() {
    for app in each_app().await {
        let (service, place, _, _, _) = team(&app).await;
        for role in [Role::Admin, Role::Analyst] {
            let user = app
                .user(&service, &format!("x-{}", role.as_str()), role)
                .await;
            let token = app.session_for(&user).await;
            let reply = app
                .post_json(
                    "/api/v1/contacts/sync",
                    Some(&token),
                    json!({"ops": [register(&uuid::Uuid::new_v4().to_string(), &place, &now())]}),
                )
                .await;
            assert_eq!(reply.status, 403, "{role:?}");
            assert_eq!(app.get("/field/", Some(&token)).await.status, 403);
        }
    }
}

#[tokio::test]
async fn the_page_works_without_javascript_and_the_shift_table_saves_once() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        let page = app.get("/field/", Some(&kari)).await;
        assert!(page.body.contains("Torget") && page.body.contains("aria-label=\"Jente, 13–15\""));
        // The form carries the id the page was served with: sent twice (a double tap, a
        // resubmit after "back"), it counts once; the next page has a new id.
        let form_id = |body: &str| {
            body.split("name=\"id\" value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        let id = form_id(&page.body);
        for _ in 0..2 {
            let reply = app.post("/field/", Some(&kari), &format!("id={id}&place={place}&channel=street&count=3&cell=lower_secondary%3Afemale&topic=school")).await;
            assert_eq!(reply.location(), "/field/?registered=1", "{}", app.name());
        }
        assert_eq!(
            app.count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
                .await,
            3
        );
        // A second, different tap sent with the same page (a quick double tap on two cells)
        // is its own contact, not taken for the first.
        let reply = app
            .post(
                "/field/",
                Some(&kari),
                &format!(
                    "id={id}&place={place}&channel=street&count=1&cell=upper_secondary%3Amale"
                ),
            )
            .await;
        assert_eq!(reply.location(), "/field/?registered=1");
        assert_eq!(
            app.count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
                .await,
            4
        );
        let next = form_id(&app.get("/field/?registered=1", Some(&kari)).await.body);
        assert_ne!(next, id);
        let reply = app
            .post(
                "/field/",
                Some(&kari),
                &format!(
                    "id={next}&place={place}&channel=street&count=2&cell=lower_secondary%3Afemale"
                ),
            )
            .await;
        assert_eq!(reply.location(), "/field/?registered=1");
        assert_eq!(
            app.count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
                .await,
            6
        );

        let form = app.get("/contacts/shift", Some(&kari)).await;
        let token = form
            .body
            .split("name=\"token\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let date = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .date();
        let body = format!(
            "token={token}&date={date}&time=00%3A05&place={place}&channel=&n_upper_secondary_male=4&n_unknown_unknown=2"
        );
        for _ in 0..2 {
            let saved = app.post("/contacts/shift", Some(&kari), &body).await;
            assert!(
                saved.location().starts_with("/contacts?from="),
                "{}",
                saved.body
            );
        }
        assert_eq!(
            app.count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
                .await,
            12,
            "{}",
            app.name()
        );
        let bad = app
            .post(
                "/contacts/shift",
                Some(&kari),
                &format!(
                    "token={token}&date=31.02.2026&time=10%3A00&place={place}&n_unknown_male=0"
                ),
            )
            .await;
        assert_eq!(bad.status, 422);
        let list = app
            .get(&format!("/contacts?from={date}&to={date}"), Some(&kari))
            .await;
        assert!(
            list.body.contains("Til sammen 12 ungdommer."),
            "{}",
            app.name()
        );
    }
}

#[tokio::test]
async fn corrections_follow_the_rules_and_are_logged() {
    for app in each_app().await {
        let (_, place, kari, ola, lise) = team(&app).await;
        let id = uuid::Uuid::new_v4().to_string();
        app.post_json(
            "/api/v1/contacts/sync",
            Some(&kari),
            json!({"ops": [register(&id, &place, &now())]}),
        )
        .await;
        assert_eq!(
            app.get(&format!("/contacts/{id}/edit"), Some(&ola))
                .await
                .status,
            403,
            "{}",
            app.name()
        );
        let form = app.get(&format!("/contacts/{id}/edit"), Some(&kari)).await;
        assert_eq!(form.status, 200);
        let date = form
            .body
            .split("name=\"date\" type=\"date\" required value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let body = format!(
            "date={date}&time=00%3A10&place={place}&channel=school&age_group=young_adult&gender=male&count=5&topics="
        );
        assert!(
            app.post(&format!("/contacts/{id}/edit"), Some(&kari), &body)
                .await
                .location()
                .starts_with("/contacts")
        );
        assert_eq!(
            app.post(&format!("/contacts/{id}/edit"), Some(&ola), &body)
                .await
                .status,
            403
        );
        assert_eq!(
            app.count(
                "SELECT CAST(SUM(count) AS BIGINT) FROM contacts WHERE age_group = 'young_adult'"
            )
            .await,
            5
        );
        // The leader may correct anyone's; a bad count is refused with the form shown again.
        let bad = app
            .post(
                &format!("/contacts/{id}/edit"),
                Some(&lise),
                &body.replace("count=5", "count=0"),
            )
            .await;
        assert_eq!(bad.status, 422);
        assert!(
            app.audit_codes()
                .await
                .contains(&"contact_corrected".to_owned())
        );
    }
}

#[tokio::test]
async fn places_are_managed_by_leaders_and_kept_while_used() {
    for app in each_app().await {
        let (service, place, kari, _, lise) = team(&app).await;
        assert_eq!(
            app.get("/places", Some(&kari)).await.status,
            403,
            "{}",
            app.name()
        );
        assert_eq!(
            app.post("/places/districts", Some(&lise), "name=Nord")
                .await
                .location(),
            "/places?done=1"
        );
        let page = app.get("/places", Some(&lise)).await;
        let district = page
            .body
            .split("<option value=\"")
            .skip(1)
            .find(|s| s.contains(">Nord<"))
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let created = app
            .post(
                "/places",
                Some(&lise),
                &format!("district={district}&name=Snapchat&kind=digital&school_level=&lat=&lon="),
            )
            .await;
        assert_eq!(created.location(), "/places?done=1");
        let dup = app
            .post(
                "/places",
                Some(&lise),
                &format!("district={district}&name=Snapchat&kind=digital"),
            )
            .await;
        assert_eq!(dup.status, 422);
        let bad = app
            .post(
                "/places",
                Some(&lise),
                &format!("district={district}&name=X&kind=street&lat=91&lon=10"),
            )
            .await;
        assert!(bad.body.contains("Koordinater"));

        app.post_json(
            "/api/v1/contacts/sync",
            Some(&kari),
            json!({"ops": [register(&uuid::Uuid::new_v4().to_string(), &place, &now())]}),
        )
        .await;
        let refused = app
            .post(&format!("/places/{place}/delete"), Some(&lise), "")
            .await;
        assert_eq!(refused.status, 409);
        assert!(refused.body.contains("kan ikke slettes"));
        app.post(
            &format!("/places/{place}/archive"),
            Some(&lise),
            "archived=true",
        )
        .await;
        assert!(
            !app.get("/field/", Some(&kari))
                .await
                .body
                .contains(">Torget<"),
            "archived places leave the field page"
        );
        let mut conn = app.store().conn().await.unwrap();
        let snapchat = gatelangs_storage::places::find_place(&mut conn, service.id, "Snapchat")
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        assert_eq!(
            app.post(&format!("/places/{}/delete", snapchat.id), Some(&lise), "")
                .await
                .location(),
            "/places?done=1"
        );
        assert!(
            app.audit_codes()
                .await
                .iter()
                .filter(|c| *c == "place_changed")
                .count()
                >= 4
        );
    }
}

#[tokio::test]
async fn the_report_page_and_its_csv_agree_with_the_records() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        let ops: Vec<Value> = (0..3)
            .map(|_| register(&uuid::Uuid::new_v4().to_string(), &place, &now()))
            .collect();
        app.post_json("/api/v1/contacts/sync", Some(&kari), json!({ "ops": ops }))
            .await;
        let year = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .year();
        let page = app.get(&format!("/report?year={year}"), Some(&kari)).await;
        assert!(page.body.contains("Treff i alt: 6."), "{}", app.name());
        assert!(page.body.contains("<svg role=\"img\""));
        let csv = app
            .get(
                &format!("/report/field-contacts/districts.csv?year={year}"),
                Some(&kari),
            )
            .await;
        assert_eq!(
            csv.body,
            "district,place,contacts,previous_year\nSentrum,Torget,6,0\n"
        );
        let json: Value = serde_json::from_str(
            &app.get(&format!("/api/v1/reports/annual?year={year}"), Some(&kari))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(json["field_contacts"]["by_gender"]["female"], 6);
        // The whole report as documents: public unless asked otherwise.
        let pdf = app
            .get(
                &format!("/report/annual/report.pdf?year={year}"),
                Some(&kari),
            )
            .await;
        assert_eq!(pdf.status, 200);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        let text = common::pdf_text(&pdf.bytes);
        assert!(
            text.contains("2.1 Oppsøkende sosialt feltarbeid") && text.contains("Offentlig utgave"),
            "{text}"
        );
        let html = app
            .get(
                &format!("/report/annual/report.html?year={year}&public=0"),
                Some(&kari),
            )
            .await;
        assert!(html.body.contains("Treff i alt: 6.") && !html.body.contains("Offentlig utgave"));
        assert_eq!(
            app.get(
                &format!("/report/annual/report.docx?year={year}"),
                Some(&kari)
            )
            .await
            .status,
            404
        );
        assert_eq!(app.get("/report?year=abc", Some(&kari)).await.status, 400);
        assert_eq!(
            app.get("/report/field-contacts/nope.csv", Some(&kari))
                .await
                .status,
            404
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_taps_are_committed_together_and_each_id_once() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        let ids: Vec<String> = (0..40).map(|_| uuid::Uuid::new_v4().to_string()).collect();
        // Every id is sent twice at the same time, as two tabs or a retry mid-send would.
        let sends = ids.iter().chain(ids.iter()).map(|id| {
            let body = json!({"ops": [register(id, &place, &now())]});
            app.post_json("/api/v1/contacts/sync", Some(&kari), body)
        });
        let replies = futures::future::join_all(sends).await;
        let mut stored = 0;
        for reply in &replies {
            let s = statuses(reply);
            assert!(
                s == ["stored"] || s == ["already_stored"],
                "{}: {s:?}",
                app.name()
            );
            stored += usize::from(s == ["stored"]);
        }
        assert_eq!(stored, 40, "{}", app.name());
        assert_eq!(app.count("SELECT COUNT(*) FROM contacts").await, 40);
    }
}

#[tokio::test]
async fn an_id_stored_in_another_service_is_not_already_stored_here() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        let other = app.service("team-b", false).await;
        let other_place = app.place(&other, "Torvet", PlaceKind::Street).await;
        let per = app.user(&other, "per", Role::FieldWorker).await;
        let per = app.session_for(&per).await;
        let id = uuid::Uuid::new_v4().to_string();
        let first = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                json!({"ops": [register(&id, &place, &now())]}),
            )
            .await;
        assert_eq!(statuses(&first), vec!["stored"]);
        // The same id from another service: rejected (so the phone keeps it and says so),
        // never "already stored" (which would drop a tap that was not stored there).
        let there = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&per),
                json!({"ops": [register(&id, &other_place.id.to_string(), &now())]}),
            )
            .await;
        assert_eq!(statuses(&there), vec!["rejected"], "{}", there.body);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM contacts WHERE service_id = '{}'",
                other.id
            ))
            .await,
            0
        );
    }
}

/// A newcomer's first look: without a year the report opens on the latest year that has field
/// contacts, not an empty current year; the contacts list comes a page at a time, filters kept.
#[tokio::test]
async fn the_report_opens_on_the_latest_year_with_contacts_and_the_list_pages() {
    for app in each_app().await {
        let (_, place, kari, _, _) = team(&app).await;
        // Six shifts of a day in an earlier year (within the 400 days a registration may be
        // late), entered in the shift table: 20 cells of 2 youths each.
        let day = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .date()
            .checked_sub(jiff::Span::new().days(370))
            .unwrap();
        let (iso, shown) = (day.to_string(), day.strftime("%d.%m.%Y").to_string());
        let cells: Vec<String> = [
            "primary_school",
            "lower_secondary",
            "upper_secondary",
            "young_adult",
            "unknown",
        ]
        .iter()
        .flat_map(|a| {
            ["male", "female", "other", "unknown"]
                .iter()
                .map(move |g| format!("n_{a}_{g}=2"))
        })
        .collect();
        for hour in 10..16 {
            let page = app.get("/contacts/shift", Some(&kari)).await;
            let token = page.body.split("name=\"token\" value=\"").nth(1).unwrap();
            let token = token.split('"').next().unwrap();
            let form = format!(
                "token={token}&date={iso}&time={hour}%3A00&place={place}&channel=street&{}",
                cells.join("&")
            );
            let reply = app.post("/contacts/shift", Some(&kari), &form).await;
            assert!(
                reply.location().starts_with("/contacts?from="),
                "{}",
                reply.body
            );
        }
        let report = app.get("/report", Some(&kari)).await;
        let total = report
            .body
            .find("Treff i alt")
            .map(|i| &report.body[i..i + 40]);
        assert!(
            report.body.contains("Treff i alt: 240."),
            "{}: {total:?}",
            app.name()
        );
        assert!(report.body.contains(&day.year().to_string()));

        let rows = |body: &str| body.matches("<td class=\"actions\">").count();
        let first = app
            .get(&format!("/contacts?from={iso}&to={iso}"), Some(&kari))
            .await;
        assert_eq!(rows(&first.body), 50);
        assert!(first.body.contains("Side 1:"));
        assert!(
            first.body.contains(&format!(
                "href=\"/contacts?from={iso}&#38;to={iso}&#38;page=2\" rel=\"next\""
            )),
            "{}",
            first.body
        );
        assert!(!first.body.contains("rel=\"prev\""));
        let last = app
            .get(
                &format!("/contacts?from={iso}&to={iso}&page=3"),
                Some(&kari),
            )
            .await;
        assert_eq!(rows(&last.body), 20);
        assert!(last.body.contains("rel=\"prev\"") && !last.body.contains("rel=\"next\""));
        // Newest first: page 3 holds the first shift's registrations (10:00).
        assert_eq!(
            last.body
                .matches(&format!("<td>{shown} 10:00</td>"))
                .count(),
            20
        );
        assert!(!first.body.contains(&format!("{shown} 10:00")));
        // A page number out of range is the first page, not an error.
        let odd = app.get("/contacts?page=-4", Some(&kari)).await;
        assert_eq!(odd.status, 200);
    }
}

/// A place that only a follow-up conversation, a group or a school team names is not deleted
/// either: 409 with the reason, never a foreign-key error as a 500.
#[tokio::test]
async fn a_place_any_record_uses_is_refused_deletion_with_the_reason() {
    use gatelangs_storage::youths::{self, YouthFields};
    for app in each_app().await {
        let name = app.name();
        let service = app.service("team", false).await;
        let leader = app.user(&service, "leader", Role::Leader).await;
        let token = app.session_for(&leader).await;
        let by_conversation = app.place(&service, "Kafeen", PlaceKind::Other).await;
        let by_group = app.place(&service, "Klubben", PlaceKind::YouthClub).await;
        let by_school = app.place(&service, "Skolen", PlaceKind::School).await;
        let unused = app.place(&service, "Ubrukt", PlaceKind::Street).await;

        let youth = gatelangs_domain::YouthId::new();
        let mut conn = app.store().conn().await.unwrap();
        youths::create(
            &mut conn,
            app.store().field_keys(),
            service.id,
            youths::NewYouth {
                id: youth,
                fields: &YouthFields {
                    reference: "Y1".into(),
                    first_name: "Solveig".into(),
                    last_name: "Kvernbakken".into(),
                    birth_date: jiff::civil::date(2010, 5, 17),
                    gender: gatelangs_domain::field::Gender::Female,
                    municipality: gatelangs_domain::MunicipalityNumber::parse("3205").unwrap(),
                    phone: None,
                    school: None,
                    guardians: vec![],
                },
                contact_persons: &[leader.id],
                created_by: Some(leader.id),
            },
            1,
        )
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO conversations (id, service_id, youth_id, occurred_at, local_date, \
             local_year, challenges, place_id, created_at) \
             VALUES ($1, $2, $3, 1714557600, '2024-05-01', 2024, '', $4, 1)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(service.id.to_string())
        .bind(youth.to_string())
        .bind(by_conversation.id.to_string())
        .execute(&mut *conn)
        .await
        .unwrap();
        gatelangs_storage::groups::create(
            &mut conn,
            service.id,
            gatelangs_domain::GroupId::new(),
            "Gruppa",
            gatelangs_domain::groups::GroupKind::Gaming,
            Some(by_group.id),
            1,
        )
        .await
        .unwrap();
        drop(conn);
        let school = app
            .post(
                "/schools",
                Some(&token),
                &format!(
                    "school={}&day_shifts=2&evening_shifts=0&member={}",
                    by_school.id, leader.id
                ),
            )
            .await;
        assert_eq!(school.status, 303, "{name}: {}", school.body);

        for used in [&by_conversation, &by_group, &by_school] {
            let refused = app
                .post(&format!("/places/{}/delete", used.id), Some(&token), "")
                .await;
            assert_eq!(refused.status, 409, "{name}: {}", used.name);
            assert!(refused.body.contains("kan ikke slettes"), "{name}");
        }
        let places = app
            .count(&format!(
                "SELECT COUNT(*) FROM places WHERE service_id = '{}'",
                service.id
            ))
            .await;
        assert_eq!(places, 4, "{name}: nothing was deleted");
        let deleted = app
            .post(&format!("/places/{}/delete", unused.id), Some(&token), "")
            .await;
        assert_eq!(deleted.location(), "/places?done=1", "{name}");
    }
}
