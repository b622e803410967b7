//! The presence planner's page on both backends: a leader sees the week known to be best as a
//! grid, pins a shift and plans again, sees the curve against the number of staff, and adopts
//! the week as the staffing plan in one click; field workers may not plan; bad input is named.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_storage::users::User;

async fn seeded(app: &TestApp) -> (User, User) {
    let service = app.presence_service().await;
    (
        app.user(&service, "lea", Role::Leader).await,
        app.user(&service, "fia", Role::FieldWorker).await,
    )
}

#[tokio::test]
async fn a_leader_plans_pins_and_adopts_the_best_week() {
    for app in each_app().await {
        let (leader, worker) = seeded(&app).await;
        let lea = app.session_for(&leader).await;
        let r = app
            .get("/staffing/presence?year=2024&staff=2&hours=15", Some(&lea))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        for planned in ["fri:evening:Sentrum:1", "sat:evening:Nord:1"] {
            assert!(
                r.body
                    .contains(&format!("name=\"pin\" value=\"{planned}\"")),
                "{planned}: {}",
                r.body
            );
        }
        assert!(
            !r.body.contains("name=\"pin\" value=\"sat:day:"),
            "{}",
            r.body
        );
        assert!(r.body.contains("name=\"teams\" value=\"fri:evening:1\""));
        assert!(r.body.contains("name=\"teams\" value=\"wed:day:0\""));
        // The curve: 1 to 4 staff, as a chart with its data table.
        assert!(r.body.contains("id=\"presence-curve-title\""), "{}", r.body);
        assert!(r.body.contains("<th scope=\"row\">4</th>"));

        // Pinned: Saturday's day shift in Sentrum stays, and Friday's evening has to go.
        let r = app
            .get(
                "/staffing/presence?year=2024&staff=2&hours=15&pin=sat%3Aday%3ASentrum%3A1",
                Some(&lea),
            )
            .await;
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains("value=\"sat:day:Sentrum:1\" checked"),
            "{}",
            r.body
        );
        assert!(
            !r.body.contains("value=\"fri:evening:Sentrum:1\""),
            "{}",
            r.body
        );

        // Bad input is named, and the page still answers.
        let r = app
            .get("/staffing/presence?year=2024&staff=mange", Some(&lea))
            .await;
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains("Antall ansatte må være et helt tall"),
            "{}",
            r.body
        );

        // Field workers do not plan.
        let fia = app.session_for(&worker).await;
        let r = app.get("/staffing/presence", Some(&fia)).await;
        assert_eq!(r.status, 403);
        let r = app
            .post(
                "/staffing/presence/adopt",
                Some(&fia),
                "from=01.01.2025&teams=fri%3Aevening%3A1",
            )
            .await;
        assert_eq!(r.status, 403);

        // One click: the week becomes the plan from 1 January 2025, every weekday and shift.
        let mut form = String::from("from=01.01.2025");
        for shift in ["day", "evening"] {
            for w in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
                let n = u8::from(shift == "evening" && (w == "fri" || w == "sat"));
                form.push_str(&format!("&teams={w}%3A{shift}%3A{n}"));
            }
        }
        let r = app
            .post("/staffing/presence/adopt", Some(&lea), &form)
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.location(), "/staffing?date=01.01.2025&done=saved");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM staffing_targets WHERE valid_from = '2025-01-01'")
                .await,
            14
        );
        let r = app.get("/staffing?date=03.01.2025", Some(&lea)).await;
        assert!(r.body.contains("15:00–22:00 (evening)"), "{}", r.body);
        // Twice on the same date is refused whole.
        let r = app
            .post("/staffing/presence/adopt", Some(&lea), &form)
            .await;
        assert_eq!(r.status, 409, "{}", r.body);
        let r = app
            .post(
                "/staffing/presence/adopt",
                Some(&lea),
                "from=01.02.2025&teams=fri%3Adusk%3A1",
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM staffing_targets WHERE valid_from >= '2025-01-01'")
                .await,
            14
        );
    }
}
