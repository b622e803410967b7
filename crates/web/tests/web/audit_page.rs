//! Leaders read the log, filtered by user and date; other roles cannot.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::each_app;
use gatelangs_domain::Role;

#[tokio::test]
async fn only_leaders_read_the_log_and_filters_apply() {
    for app in each_app().await {
        let service = app.service("team-a", false).await;
        let leader = app.user(&service, "lise", Role::Leader).await;
        let worker = app.user(&service, "kari", Role::FieldWorker).await;
        let token = app.session_for(&leader).await;

        for role in [Role::FieldWorker, Role::Admin, Role::Analyst] {
            let other = app
                .user(
                    &service,
                    &format!("x-{}", role.as_str().replace('_', "-")),
                    role,
                )
                .await;
            let t = app.session_for(&other).await;
            assert_eq!(
                app.get("/audit", Some(&t)).await.status,
                403,
                "{} {role:?}",
                app.name()
            );
            assert_eq!(app.get("/api/v1/audit", Some(&t)).await.status, 403);
        }

        let all = app.get("/audit", Some(&token)).await;
        assert!(all.body.contains("user:kari") && all.body.contains("user:lise"));
        let by_kari = app
            .get(&format!("/audit?user={}", worker.id), Some(&token))
            .await;
        assert!(
            by_kari.body.contains("user:kari") && !by_kari.body.contains("user:lise"),
            "{}",
            app.name()
        );
        let today = jiff::Zoned::now()
            .with_time_zone(jiff::tz::TimeZone::get("Europe/Oslo").unwrap())
            .date();
        let tomorrow = today.tomorrow().unwrap();
        let from_tomorrow = app
            .get(
                &format!("/audit?from={}", tomorrow.strftime("%d.%m.%Y")),
                Some(&token),
            )
            .await;
        assert!(!from_tomorrow.body.contains("user:kari"));
        let until_today = app.get(&format!("/audit?to={today}"), Some(&token)).await;
        assert!(until_today.body.contains("user:kari"));

        let json: serde_json::Value =
            serde_json::from_str(&app.get("/api/v1/audit", Some(&token)).await.body).unwrap();
        let entries = json["entries"].as_array().unwrap();
        assert!(entries.iter().any(|e| e["subject"] == "user:kari"));
    }
}
