//! The staffing plan and the rota through the web on both backends: a leader sets targets
//! (a seasonal override wins on its days, a shift past midnight), puts teams on the rota, and the
//! week shows each shift against its target with the shifts under target marked and the
//! conflicts named; a field worker sees their own shifts on the start page; only leaders change
//! the plan and the rota, and only staff of the service can be put on it.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_storage::users::User;

struct Team {
    leader: User,
    kari: User,
    ola: User,
    analyst: User,
}

async fn team(app: &TestApp) -> Team {
    let service = app.service("team", false).await;
    Team {
        leader: app.user(&service, "lea", Role::Leader).await,
        kari: app.user(&service, "kari", Role::FieldWorker).await,
        ola: app.user(&service, "ola", Role::FieldWorker).await,
        analyst: app.user(&service, "ana", Role::Analyst).await,
    }
}

/// The numeric cells of the table after `marker`, row by row.
fn cells(html: &str, marker: &str) -> Vec<String> {
    let start = html.find(marker).unwrap();
    let rest = &html[start..];
    let rest = &rest[..rest.find("</table>").unwrap()];
    let rest = &rest[rest.find("<tbody>").unwrap()..];
    let mut out = vec![];
    for part in rest.split("<td class=\"num\">").skip(1) {
        out.push(part[..part.find("</td>").unwrap()].to_owned());
    }
    out
}

#[tokio::test]
async fn the_plan_in_force_shows_like_the_reference_table_and_overrides_win_on_their_days() {
    for app in each_app().await {
        let t = team(&app).await;
        let lea = app.session_for(&t.leader).await;
        let r = app
            .post(
                "/staffing",
                Some(&lea),
                "shift=night&starts=16%3A00&ends=01%3A00&weekday=fri&weekday=sat&min_teams=1&max_teams=2",
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = app
            .post(
                "/staffing",
                Some(&lea),
                "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=2&max_teams=3",
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // Summer: one more night team on Saturdays.
        let r = app
            .post(
                "/staffing",
                Some(&lea),
                "shift=night&starts=16%3A00&ends=01%3A00&weekday=sat&min_teams=2&max_teams=3&valid_from=01.05.2024&valid_to=30.06.2024",
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // The same slot twice is refused, and said why.
        let r = app
            .post(
                "/staffing",
                Some(&lea),
                "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=1&max_teams=1",
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("har allerede et mål"), "{}", r.body);
        // One set of hours per shift in the standing plan (the import holds the same rule).
        let r = app
            .post(
                "/staffing",
                Some(&lea),
                "shift=day&starts=09%3A00&ends=15%3A30&weekday=tue&min_teams=1&max_teams=1",
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("annen arbeidstid"), "{}", r.body);
        for (form, message) in [
            (
                "shift=x&starts=8.30&ends=15%3A30&weekday=mon&min_teams=1&max_teams=1",
                "tt:mm",
            ),
            (
                "shift=x&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=3&max_teams=1",
                "minst kan ikke være over høyst",
            ),
            (
                "shift=x&starts=08%3A30&ends=15%3A30&min_teams=1&max_teams=1",
                "minst én ukedag",
            ),
            (
                "shift=x&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=1&max_teams=1&valid_from=02.02.2024&valid_to=01.02.2024",
                "kan ikke være før",
            ),
        ] {
            let r = app.post("/staffing", Some(&lea), form).await;
            assert_eq!(r.status, 422, "{form}");
            assert!(r.body.contains(message), "{form}: {}", r.body);
        }

        let july = app.get("/staffing?date=01.07.2024", Some(&lea)).await;
        assert_eq!(july.status, 200);
        // Rows by start: day 08:30, night 16:00; columns Monday to Sunday.
        let c = cells(&july.body, "plan-heading");
        assert_eq!(
            c,
            [
                "2 - 3", "", "", "", "", "", "", "", "", "", "", "1 - 2", "1 - 2", ""
            ]
        );
        assert!(july.body.contains("16:00–01:00 (night)"));
        let june = app.get("/staffing?date=15.06.2024", Some(&lea)).await;
        let c = cells(&june.body, "plan-heading");
        assert_eq!(&c[11..13], ["1 - 2", "2 - 3"]);
    }
}

#[tokio::test]
async fn the_week_marks_shifts_under_target_and_names_the_conflicts() {
    for app in each_app().await {
        let t = team(&app).await;
        let lea = app.session_for(&t.leader).await;
        app.post(
            "/staffing",
            Some(&lea),
            "shift=evening&starts=14%3A30&ends=22%3A15&weekday=mon&weekday=tue&min_teams=1&max_teams=2",
        )
        .await;
        app.post(
            "/staffing",
            Some(&lea),
            "shift=day&starts=08%3A30&ends=15%3A30&weekday=tue&min_teams=1&max_teams=1",
        )
        .await;
        // Monday 3 June 2024: Kari and Ola in the evening; Tuesday morning Kari alone.
        let r = app
            .post(
                "/rota",
                Some(&lea),
                &format!(
                    "date=03.06.2024&shift=evening&staff={}&staff={}&staff=&district=",
                    t.kari.id, t.ola.id
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = app
            .post(
                "/rota",
                Some(&lea),
                &format!(
                    "date=04.06.2024&shift=day&staff={}&staff=&district=",
                    t.kari.id
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let week = app.get("/rota?at=05.06.2024", Some(&lea)).await;
        assert_eq!(week.status, 200);
        let body = &week.body;
        assert!(body.contains("Uke 23: 03.06.2024–09.06.2024"), "{body}");
        // Tuesday's evening has no team: the one shift under target.
        assert!(body.contains("Én vakt er under målet"), "{body}");
        assert_eq!(body.matches("class=\"under\"").count(), 1);
        let under_row = body.split("<tr class=\"under\">").nth(1).unwrap();
        assert!(
            under_row.starts_with("<td>tirsdag 04.06.2024</td><td>14:30–22:15 (evening)</td>"),
            "{under_row}"
        );
        assert!(
            body.contains("04.06.2024 day: feltteamet har bare én ansatt (kari)"),
            "{body}"
        );
        assert!(
            body.contains(
                "kari har bare 10:15 timer hvile mellom 03.06.2024 evening og 04.06.2024 day"
            ),
            "{body}"
        );
        // The month view counts the same.
        let month = app.get("/rota?at=05.06.2024&view=month", Some(&lea)).await;
        assert!(month.body.contains("Måned 06.2024"));
        // June 2024: four Mondays and four Tuesdays; of 12 shifts with a target, two are met.
        assert_eq!(
            month.body.matches("class=\"under\"").count(),
            10,
            "{}",
            month.body
        );
    }
}

#[tokio::test]
async fn only_leaders_change_the_plan_and_only_staff_of_the_service_go_on_the_rota() {
    for app in each_app().await {
        let t = team(&app).await;
        let other = app.service("other", false).await;
        let stranger = app.user(&other, "stranger", Role::FieldWorker).await;
        let lea = app.session_for(&t.leader).await;
        let kari = app.session_for(&t.kari).await;
        let analyst = app.session_for(&t.analyst).await;
        let plan = "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&min_teams=1&max_teams=1";
        assert_eq!(app.post("/staffing", Some(&kari), plan).await.status, 403);
        assert_eq!(app.post("/staffing", Some(&lea), plan).await.status, 303);
        let team = format!(
            "date=03.06.2024&shift=day&staff={}&staff={}",
            t.kari.id, t.ola.id
        );
        assert_eq!(app.post("/rota", Some(&kari), &team).await.status, 403);
        assert_eq!(app.get("/rota", Some(&analyst)).await.status, 403);
        assert_eq!(app.get("/staffing", Some(&analyst)).await.status, 403);
        // Field workers read both.
        assert_eq!(app.get("/rota", Some(&kari)).await.status, 200);
        assert_eq!(app.get("/staffing", Some(&kari)).await.status, 200);
        let r = app
            .post(
                "/rota",
                Some(&lea),
                &format!(
                    "date=03.06.2024&shift=day&staff={}&staff={}",
                    t.kari.id, stranger.id
                ),
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Velg to ansatte"));
        let r = app
            .post(
                "/rota",
                Some(&lea),
                &format!(
                    "date=03.06.2024&shift=late&staff={}&staff={}",
                    t.kari.id, t.ola.id
                ),
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Velg en vakt fra bemanningsplanen"));
        assert_eq!(app.count("SELECT COUNT(*) FROM rota_teams").await, 0);
    }
}

#[tokio::test]
async fn a_field_worker_sees_their_own_shifts_on_the_start_page() {
    for app in each_app().await {
        let t = team(&app).await;
        let lea = app.session_for(&t.leader).await;
        app.post(
            "/staffing",
            Some(&lea),
            "shift=night&starts=16%3A00&ends=01%3A00&weekday=mon&weekday=tue&weekday=wed&weekday=thu&weekday=fri&weekday=sat&weekday=sun&min_teams=1&max_teams=1",
        )
        .await;
        let today = jiff::Zoned::now()
            .with_time_zone(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .date();
        let far = today.checked_add(jiff::Span::new().days(20)).unwrap();
        for day in [today, far] {
            let r = app
                .post(
                    "/rota",
                    Some(&lea),
                    &format!(
                        "date={}&shift=night&staff={}&staff={}",
                        day.strftime("%d.%m.%Y"),
                        t.kari.id,
                        t.ola.id
                    ),
                )
                .await;
            assert_eq!(r.status, 303, "{}", r.body);
        }
        let kari = app.session_for(&t.kari).await;
        let home = app.get("/", Some(&kari)).await;
        let shifts = home.body.split("class=\"my-shifts\"").nth(1).unwrap();
        let shifts = &shifts[..shifts.find("</ul>").unwrap()];
        assert!(
            shifts.contains(&format!(
                "{} night 16:00–01:00 — ola",
                today.strftime("%d.%m.%Y")
            )),
            "{shifts}"
        );
        assert!(!shifts.contains(&far.strftime("%d.%m.%Y").to_string()));
        let analyst = app.session_for(&t.analyst).await;
        assert!(
            !app.get("/", Some(&analyst))
                .await
                .body
                .contains("my-shifts")
        );
    }
}

/// Field-team hours: a team's shift yesterday counts its hours by time band, and a contact its
/// member registered during the shift counts for it; a contact outside any shift does not.
#[tokio::test]
async fn contacts_registered_on_a_shift_count_for_the_team_on_duty() {
    use gatelangs_domain::field::PlaceKind;
    for app in each_app().await {
        let t = team(&app).await;
        let service = gatelangs_storage::services::find_by_slug(
            &mut app.store().conn().await.unwrap(),
            "team",
        )
        .await
        .unwrap()
        .unwrap();
        let place = app.place(&service, "Torget", PlaceKind::Street).await;
        let lea = app.session_for(&t.leader).await;
        let tz = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
        let yesterday = jiff::Zoned::now()
            .with_time_zone(tz.clone())
            .date()
            .checked_sub(jiff::Span::new().days(1))
            .unwrap();
        app.post(
            "/staffing",
            Some(&lea),
            "shift=long&starts=08%3A00&ends=20%3A00&weekday=mon&weekday=tue&weekday=wed&weekday=thu&weekday=fri&weekday=sat&weekday=sun&min_teams=1&max_teams=1",
        )
        .await;
        let r = app
            .post(
                "/rota",
                Some(&lea),
                &format!(
                    "date={}&shift=long&staff={}&staff={}&district={}",
                    yesterday.strftime("%d.%m.%Y"),
                    t.kari.id,
                    t.ola.id,
                    place.district_id
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let kari = app.session_for(&t.kari).await;
        let at = |h: i8| {
            yesterday
                .at(h, 0, 0, 0)
                .to_zoned(tz.clone())
                .unwrap()
                .timestamp()
                .to_string()
        };
        let op = |h: i8, n: i64| serde_json::json!({"op": "register", "id": uuid::Uuid::new_v4(), "occurred_at": at(h), "place": place.id, "channel": "street", "age_group": "unknown", "gender": "male", "count": n});
        let reply = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                serde_json::json!({"ops": [op(10, 6), op(21, 9)]}),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let report = app
            .get(&format!("/report?year={}", yesterday.year()), Some(&lea))
            .await;
        let section = report.body.split("id=\"h-field-teams\"").nth(1).unwrap();
        let section = &section[..section.find("</section>").unwrap()];
        // 08:00–20:00 is eight hours of day (weekdays) or twelve of weekend, and the rest evening.
        let weekend = matches!(
            yesterday.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        );
        let first_band = if weekend { "Helg" } else { "Dag" };
        let row = section
            .split("<tr")
            .find(|r| r.contains(first_band) && r.contains("<td>Sentrum</td>"))
            .unwrap_or_else(|| panic!("{section}"));
        let hours = if weekend { "12,00" } else { "8,00" };
        // The contact of 10:00 (6) counts; the one of 21:00, after the shift, does not.
        assert!(
            row.contains(&format!(
                "<td class=\"num\">{hours}</td><td class=\"num\">6</td>"
            )),
            "{row}"
        );
        assert!(!section.contains("<td class=\"num\">9</td>"), "{section}");
    }
}

/// School contacts: a leader sets a school's team; the page and the report's 4.0 show it with
/// the averages; only schools of the service and its field staff can be named.
#[tokio::test]
async fn school_teams_are_set_by_leaders_and_shown_with_their_averages() {
    use gatelangs_domain::field::PlaceKind;
    for app in each_app().await {
        let t = team(&app).await;
        let service = gatelangs_storage::services::find_by_slug(
            &mut app.store().conn().await.unwrap(),
            "team",
        )
        .await
        .unwrap()
        .unwrap();
        let a = app.place(&service, "Askola", PlaceKind::School).await;
        let b = app.place(&service, "Bskola", PlaceKind::School).await;
        let street = app.place(&service, "Torget", PlaceKind::Street).await;
        let lea = app.session_for(&t.leader).await;
        let kari = app.session_for(&t.kari).await;
        let set = |school: String, day: u8, evening: u8, members: Vec<String>| {
            let mut form = format!("school={school}&day_shifts={day}&evening_shifts={evening}");
            for m in members {
                form.push_str(&format!("&member={m}"));
            }
            form
        };
        let both = vec![t.kari.id.to_string(), t.ola.id.to_string()];
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(a.id.to_string(), 2, 2, both.clone()),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(b.id.to_string(), 3, 2, vec![t.ola.id.to_string()]),
            )
            .await;
        assert_eq!(r.status, 303);
        // Setting a school again replaces its team.
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(b.id.to_string(), 3, 2, both.clone()),
            )
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM school_team_members").await,
            4
        );
        // Refused: a street, an analyst, too many shifts, a field worker setting it.
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(street.id.to_string(), 2, 2, both.clone()),
            )
            .await;
        assert_eq!(r.status, 422);
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(a.id.to_string(), 2, 2, vec![t.analyst.id.to_string()]),
            )
            .await;
        assert_eq!(r.status, 422);
        let r = app
            .post(
                "/schools",
                Some(&lea),
                &set(a.id.to_string(), 15, 2, both.clone()),
            )
            .await;
        assert_eq!(r.status, 422);
        assert_eq!(
            app.post(
                "/schools",
                Some(&kari),
                &set(a.id.to_string(), 1, 1, both.clone())
            )
            .await
            .status,
            403
        );
        let page = app.get("/schools", Some(&kari)).await;
        assert!(
            page.body
                .contains("i gjennomsnitt 2,0 kveldsvakter og 2,5 dagvakter i uka"),
            "{}",
            page.body
        );
        let report = app.get("/report", Some(&lea)).await;
        let section = report.body.split("id=\"h-schools\"").nth(1).unwrap();
        assert!(section.contains("2,0 kveldsvakter og 2,5 dagvakter"));
        assert!(section.contains("<th scope=\"row\">Bskola</th>"));
        // An analyst reads the report but not who the school contacts are: only how many.
        let names = section
            .split("<th scope=\"row\">Bskola</th><td>")
            .nth(1)
            .unwrap();
        let names = &names[..names.find("</td>").unwrap()];
        assert!(names.contains(", "), "{names}");
        let analyst = app.session_for(&t.analyst).await;
        let report = app.get("/report", Some(&analyst)).await;
        let section = report.body.split("id=\"h-schools\"").nth(1).unwrap();
        assert!(!section.contains(names));
        assert!(section.contains("<th scope=\"row\">Bskola</th><td>2</td>"));
    }
}

/// The leader's start page: this month's contacts against the same month last year, per
/// district; the week's shifts under target; consents about to run out. Field workers do not
/// get it.
#[tokio::test]
async fn the_leaders_start_page_gives_the_month_the_week_and_the_consents() {
    use gatelangs_domain::field::PlaceKind;
    for app in each_app().await {
        let t = team(&app).await;
        let service = gatelangs_storage::services::find_by_slug(
            &mut app.store().conn().await.unwrap(),
            "team",
        )
        .await
        .unwrap()
        .unwrap();
        let place = app.place(&service, "Torget", PlaceKind::Street).await;
        let kari = app.session_for(&t.kari).await;
        let op = serde_json::json!({"op": "register", "id": uuid::Uuid::new_v4(), "occurred_at": jiff::Timestamp::now().to_string(), "place": place.id, "channel": "street", "age_group": "unknown", "gender": "male", "count": 7});
        let reply = app
            .post_json(
                "/api/v1/contacts/sync",
                Some(&kari),
                serde_json::json!({"ops": [op]}),
            )
            .await;
        assert_eq!(reply.status, 200);
        let lea = app.session_for(&t.leader).await;
        app.post(
            "/staffing",
            Some(&lea),
            "shift=day&starts=08%3A30&ends=15%3A30&weekday=mon&weekday=tue&weekday=wed&weekday=thu&weekday=fri&weekday=sat&weekday=sun&min_teams=1&max_teams=1",
        )
        .await;
        let home = app.get("/", Some(&lea)).await;
        let section = home.body.split("id=\"dashboard-heading\"").nth(1).unwrap();
        let section = &section[..section.find("</section>").unwrap()];
        assert!(
            section.contains("Treff hittil denne måneden: 7. Samme måned i fjor: 0."),
            "{section}"
        );
        assert!(section.contains(
            "<th scope=\"row\">Sentrum</th><td class=\"num\">7</td><td class=\"num\">0</td>"
        ));
        assert!(
            section.contains("7 vakter denne uka er under målet"),
            "{section}"
        );
        assert!(section.contains("Ingen samtykker går ut de neste 30 dagene."));
        assert!(
            !app.get("/", Some(&kari))
                .await
                .body
                .contains("dashboard-heading")
        );
    }
}
