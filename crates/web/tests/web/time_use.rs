//! Time use through the web on both backends: a worker's shift offers its hours as field work,
//! the worker splits them and saves; the shares of the year equal figures computed here; a day
//! holds at most 24 hours; only one's own shifts can be recorded; a leader sees every worker
//! against the targets; a team with recorded time stays on the rota.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;

fn today() -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
        .date()
}

/// The `/time?team=` links of a page.
fn team_links(body: &str) -> Vec<String> {
    body.split("href=\"/time?team=")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

async fn setup(app: &TestApp) -> (String, String, String, String) {
    let service = app.service("team", false).await;
    let lea = app.user(&service, "lea", Role::Leader).await;
    let kari = app.user(&service, "kari", Role::FieldWorker).await;
    let ola = app.user(&service, "ola", Role::FieldWorker).await;
    let per = app.user(&service, "per", Role::FieldWorker).await;
    let lea_s = app.session_for(&lea).await;
    let r = app
        .post(
            "/staffing",
            Some(&lea_s),
            "shift=night&starts=16%3A00&ends=01%3A00&weekday=mon&weekday=tue&weekday=wed&weekday=thu&weekday=fri&weekday=sat&weekday=sun&min_teams=1&max_teams=2",
        )
        .await;
    assert_eq!(r.status, 303);
    let day = today().strftime("%d.%m.%Y").to_string();
    for (a, b) in [(&kari, &ola), (&ola, &per)] {
        let r = app
            .post(
                "/rota",
                Some(&lea_s),
                &format!("date={day}&shift=night&staff={}&staff={}", a.id, b.id),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let kari_s = app.session_for(&kari).await;
    let ola_s = app.session_for(&ola).await;
    (lea_s, kari_s, ola_s, day)
}

#[tokio::test]
async fn a_shift_is_split_by_category_and_the_shares_follow() {
    for app in each_app().await {
        let (lea, kari, ola, day) = setup(&app).await;
        let page = app.get("/time", Some(&kari)).await;
        assert_eq!(page.status, 200);
        let kari_team = team_links(&page.body);
        assert_eq!(kari_team.len(), 1, "Kari is on one team");
        assert!(page.body.contains("ikke registrert"));
        let form = app
            .get(&format!("/time?team={}", kari_team[0]), Some(&kari))
            .await;
        // The night shift 16:00–01:00 is offered as nine hours of field work.
        assert!(form.body.contains("name=\"h_field_work\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" aria-describedby=\"hours-hint\" value=\"9:00\""), "{}", form.body);
        let r = app
            .post(
                "/time",
                Some(&kari),
                &format!(
                    "team={}&date={day}&h_field_work=6%2C5&h_documentation=1.5&h_meetings_other=1%3A00",
                    kari_team[0]
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // Saving again replaces, it does not add.
        let r = app
            .post(
                "/time",
                Some(&kari),
                &format!(
                    "team={}&date={day}&h_field_work=6%2C5&h_documentation=1.5&h_meetings_other=1%3A00",
                    kari_team[0]
                ),
            )
            .await;
        assert_eq!(r.status, 303);
        let page = app.get("/time", Some(&kari)).await;
        assert!(page.body.contains("registrert 9:00 t"), "{}", page.body);
        // 390 of 540 minutes in field work: 72 %.
        assert!(page.body.contains("Feltarbeid: 72 % av tiden"));
        // A day outside the rota: five hours of follow-up and two of documentation.
        let r = app
            .post(
                "/time",
                Some(&kari),
                &format!("team=&date={day}&h_follow_up=5&h_documentation=2"),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        // Field 390, follow-up 300, documentation 210, meetings 60: 960 minutes.
        let (field, direct) = (
            (390.0_f64 / 960.0 * 100.0).round(),
            ((390.0_f64 + 300.0) / 960.0 * 100.0).round(),
        );
        let page = app.get("/time", Some(&kari)).await;
        assert!(
            page.body
                .contains(&format!("Feltarbeid: {field} % av tiden")),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains(&format!("Direkte arbeid med ungdom: {direct} % av tiden"))
        );
        assert!(
            page.body.contains("<td class=\"num\">16:00</td>"),
            "the year's total"
        );
        // More than 24 hours in the day is refused, and nothing changes.
        let r = app
            .post(
                "/time",
                Some(&kari),
                &format!("team=&date={day}&h_follow_up=16"),
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("mer enn 24 timer"));
        // Ola's other team is not Kari's.
        let ola_page = app.get("/time", Some(&ola)).await;
        let ola_teams = team_links(&ola_page.body);
        assert_eq!(ola_teams.len(), 2);
        let foreign = ola_teams.iter().find(|t| **t != kari_team[0]).unwrap();
        let r = app
            .post(
                "/time",
                Some(&kari),
                &format!("team={foreign}&date={day}&h_field_work=2"),
            )
            .await;
        assert_eq!(r.status, 422);
        assert!(r.body.contains("Velg en av dine egne vakter"));
        assert_eq!(app.count("SELECT COUNT(*) FROM time_entries").await, 5);

        // The leader sees Kari below the field-work target (41 % < 50 %), Ola with no time.
        let leader = app.get("/time", Some(&lea)).await;
        let row = leader.body.split("(kari)").nth(1).unwrap();
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(
            row.contains(&format!("{field} %")) && row.contains("Ikke nådd"),
            "{row}"
        );
        assert!(!leader.body.contains("(ola)"));
        // The annual report's 1.3 holds the service's time of the year.
        let report = app
            .get(&format!("/report?year={}", today().year()), Some(&lea))
            .await;
        let time = report.body.split("id=\"h-time\"").nth(1).unwrap();
        assert!(time.contains("<td class=\"num\">16:00</td>"), "{time}");
        assert!(time.contains(&format!("<td class=\"num\">{field} %</td>")));
        // The team Kari recorded time for stays on the rota.
        let r = app
            .post(&format!("/rota/{}/delete", kari_team[0]), Some(&lea), "")
            .await;
        assert_eq!(r.status, 409);
    }
}

#[tokio::test]
async fn only_field_workers_and_leaders_record_time() {
    for app in each_app().await {
        let service = app.service("team", false).await;
        let analyst = app.user(&service, "ana", Role::Analyst).await;
        let admin = app.user(&service, "adm", Role::Admin).await;
        for user in [analyst, admin] {
            let s = app.session_for(&user).await;
            assert_eq!(app.get("/time", Some(&s)).await.status, 403);
            let r = app
                .post("/time", Some(&s), "team=&date=01.01.2026&h_follow_up=1")
                .await;
            assert_eq!(r.status, 403);
        }
    }
}
