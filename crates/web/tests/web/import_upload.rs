//! The administrator's upload on `/admin/import` takes a .zip of CSV files and an .xlsx workbook
//! alike: problems are named by file and line, or by the workbook's name, sheet and row, and
//! nothing is written unless there is none. Other roles may not upload.

#![allow(clippy::unwrap_used)]

use crate::common;

use axum::http::StatusCode;
use common::each_app;
use gatelangs_domain::Role;
use gatelangs_testkit::workbook_of;

const PLACES: &str = "district,place,kind\nSentrum,Torget,street\n";

fn contacts(count: &str) -> String {
    format!(
        "occurred_at,place,channel,age_group,gender,count\n\
         2024-05-01T10:00,Torget,street,lower_secondary,female,2\n\
         2024-05-02T10:00,Torget,street,lower_secondary,male,{count}\n"
    )
}

#[tokio::test]
async fn a_workbook_upload_names_sheet_and_row_and_imports_when_it_is_right() {
    for app in each_app().await {
        let team = app.service("team", false).await;
        let admin = app.user(&team, "boss", Role::Admin).await;
        let leader = app.user(&team, "lea", Role::Leader).await;
        let session = app.session_for(&admin).await;

        let bad = contacts("-1");
        let book = workbook_of(&[("places.csv", PLACES), ("contacts.csv", &bad)]);
        let reply = app
            .post_multipart(
                "/admin/import",
                Some(&session),
                &[("bundle", Some("Telling 2024.xlsx"), &book)],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.name()
        );
        assert!(
            reply.body.contains("Telling 2024.xlsx:contacts!3: count: "),
            "{}: {}",
            app.name(),
            reply.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM contacts").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM places").await, 0);

        let leader_session = app.session_for(&leader).await;
        let good = contacts("3");
        let book = workbook_of(&[("places.csv", PLACES), ("contacts.csv", &good)]);
        let refused = app
            .post_multipart(
                "/admin/import",
                Some(&leader_session),
                &[("bundle", Some("t.xlsx"), &book)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", app.name());
        assert_eq!(app.count("SELECT COUNT(*) FROM contacts").await, 0);

        let done = app
            .post_multipart(
                "/admin/import",
                Some(&session),
                &[("bundle", Some("t.xlsx"), &book)],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}: {}", app.name(), done.body);
        assert!(done.body.contains("contacts.csv: "), "{}", app.name());
        assert_eq!(app.count("SELECT COUNT(*) FROM contacts").await, 2);
        let total = app
            .count("SELECT CAST(SUM(count) AS BIGINT) FROM contacts")
            .await;
        assert_eq!(total, 5, "{}", app.name());

        // A .zip is still read as one, and a file of neither kind is named by its own name.
        let junk = app
            .post_multipart(
                "/admin/import",
                Some(&session),
                &[("bundle", Some("notes.txt"), b"hello")],
            )
            .await;
        assert_eq!(junk.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            junk.body
                .contains("notes.txt:1: file: not a readable .zip file"),
            "{}",
            junk.body
        );
    }
}

/// A small upload that unpacks to far more than it weighs, or that holds one file twice, is
/// refused with 422 and a message; nothing is imported and the server goes on serving.
#[tokio::test]
async fn a_zip_bomb_or_a_file_twice_is_refused_with_a_message() {
    for app in each_app().await {
        let team = app.service("team", false).await;
        let admin = app.user(&team, "boss", Role::Admin).await;
        let session = app.session_for(&admin).await;
        let zeros = vec![b'0'; 9 * 1024 * 1024];
        let bomb = gatelangs_testkit::zip_of(&[
            ("places.csv", PLACES.as_bytes()),
            ("contacts.csv", &zeros),
        ]);
        assert!(bomb.len() < 64 * 1024);
        let reply = app
            .post_multipart(
                "/admin/import",
                Some(&session),
                &[("bundle", Some("b.zip"), &bomb)],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.name()
        );
        assert!(
            reply.body.contains("times its packed size"),
            "{}",
            reply.body
        );

        let good = contacts("3");
        let twice = gatelangs_testkit::zip_of(&[
            ("places.csv", PLACES.as_bytes()),
            ("a/contacts.csv", good.as_bytes()),
            ("b/contacts.csv", good.as_bytes()),
        ]);
        let reply = app
            .post_multipart(
                "/admin/import",
                Some(&session),
                &[("bundle", Some("t.zip"), &twice)],
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            app.name()
        );
        assert!(
            reply.body.contains("is in the .zip twice"),
            "{}",
            reply.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM places").await, 0);
        assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    }
}
