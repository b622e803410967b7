//! The annual report's prose on both backends: a leader writes the foreword with a live value,
//! the documents show the figure (the public one as its table does), a live value that names
//! no figure is refused with its name and nothing is saved, and only leaders write.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{each_app, pdf_text, urlencode};
use gatelangs_domain::Role;
use gatelangs_report::document::group_thousands;

#[tokio::test]
async fn a_leader_writes_the_foreword_with_a_live_value_and_the_documents_show_it() {
    for app in each_app().await {
        let service = app.presence_service().await;
        let mut conn = app.store().conn().await.unwrap();
        let total = gatelangs_report::build(&mut conn, &service, 2024)
            .await
            .unwrap()
            .field_contacts
            .total;
        drop(conn);
        let leader = app.user(&service, "lea", Role::Leader).await;
        let worker = app.user(&service, "fia", Role::FieldWorker).await;
        let lea = app.session_for(&leader).await;

        let r = app.get("/report?year=2024", Some(&lea)).await;
        assert!(
            r.body.contains("href=\"/report/texts?year=2024\""),
            "{}",
            r.body
        );
        let foreword =
            "I {{ field_contacts.total }} møter var vi der ungdommen er.\r\n\r\nTakk til alle.";
        let r = app
            .post(
                "/report/texts",
                Some(&lea),
                &format!(
                    "year=2024&foreword={}&mandate={}&history=",
                    urlencode(foreword),
                    urlencode("Oppsøkende arbeid blant unge 13–24 år.")
                ),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.location(), "/report/texts?year=2024&done=saved");
        let r = app.get(r.location(), Some(&lea)).await;
        assert!(r.body.contains("Tekstene er lagret."));
        assert!(
            r.body.contains("{{ field_contacts.total }} møter"),
            "the text keeps its live value"
        );

        let shown = format!(
            "I {} møter var vi der ungdommen er.",
            group_thousands(total)
        );
        let r = app
            .get(
                "/report/annual/report.html?year=2024&public=0&view=1",
                Some(&lea),
            )
            .await;
        assert_eq!(r.status, 200);
        let html = &r.body;
        assert!(html.contains(&format!("<p>{shown}</p>")), "{html}");
        assert!(html.contains("<p>Takk til alle.</p>"));
        assert!(html.contains(">Forord</h2>") && html.contains(">Mandat</h2>"));
        assert!(
            !html.contains(">Historikk</h2>"),
            "an empty text is left out"
        );
        assert!(html.contains(">Kilder</h2>"));
        let main = &html[html.find("<main>").unwrap()..];
        let order = |t: &str| main.find(t).unwrap();
        assert!(order(">Forord</h2>") < order(">2.1 ") && order(">2.1 ") < order(">Kilder</h2>"));
        let r = app
            .get("/report/annual/report.pdf?year=2024", Some(&lea))
            .await;
        assert_eq!(r.status, 200);
        // pdftotext gives the no-break space as a plain one.
        let text = pdf_text(&r.bytes).replace('\u{a0}', " ");
        assert!(
            text.contains("Forord") && text.contains("ungdommen er."),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "I {} møter",
                group_thousands(total).replace('\u{a0}', " ")
            )),
            "{text}"
        );

        // A live value that names no figure: named, and nothing is saved.
        let r = app
            .post(
                "/report/texts",
                Some(&lea),
                &format!(
                    "year=2024&foreword={}&mandate=&history=",
                    urlencode("{{ field_contacts.totl }}")
                ),
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(
            r.body
                .contains("«field_contacts.totl» er ikke et tall i årets rapport"),
            "{}",
            r.body
        );
        let r = app.get("/report/texts?year=2024", Some(&lea)).await;
        assert!(r.body.contains("{{ field_contacts.total }} møter"));

        // Only leaders write.
        let fia = app.session_for(&worker).await;
        assert_eq!(
            app.get("/report/texts?year=2024", Some(&fia)).await.status,
            403
        );
        let r = app
            .post(
                "/report/texts",
                Some(&fia),
                "year=2024&foreword=x&mandate=&history=",
            )
            .await;
        assert_eq!(r.status, 403);
        let r = app.get("/report?year=2024", Some(&fia)).await;
        assert!(!r.body.contains("/report/texts"));
    }
}

/// A 1×1 PNG, as an image program writes it.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x90, 0xF5, 0x2F, 0xFE,
    0x0F, 0x00, 0x03, 0x4B, 0x01, 0xDF, 0x9B, 0x65, 0x60, 0xEB, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[tokio::test]
async fn a_leader_puts_the_services_logo_on_the_documents() {
    for app in each_app().await {
        let service = app.presence_service().await;
        let leader = app.user(&service, "lea", Role::Leader).await;
        let worker = app.user(&service, "fia", Role::FieldWorker).await;
        let lea = app.session_for(&leader).await;
        let year: &[u8] = b"2024";

        // Not an image: named, nothing stored.
        let r = app
            .post_multipart(
                "/report/logo",
                Some(&lea),
                &[
                    ("year", None, year),
                    ("logo", Some("logo.png"), b"<svg onload=alert(1)>"),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(
            r.body.contains("Logoen må være et PNG- eller JPEG-bilde."),
            "{}",
            r.body
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM service_logos").await, 0);
        // A PNG's signature on bytes that are no image: refused too, or every PDF would fail.
        let mut broken = PNG.to_vec();
        broken.truncate(40);
        let r = app
            .post_multipart(
                "/report/logo",
                Some(&lea),
                &[("year", None, year), ("logo", Some("logo.png"), &broken)],
            )
            .await;
        assert_eq!(r.status, 422, "{}", r.body);

        let r = app
            .post_multipart(
                "/report/logo",
                Some(&lea),
                &[("year", None, year), ("logo", Some("logo.png"), PNG)],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.location(), "/report/texts?year=2024&done=logo");
        let r = app.get(r.location(), Some(&lea)).await;
        assert!(r.body.contains("Logoen er lagret.") && r.body.contains("Fjern logoen"));

        let html = app
            .get("/report/annual/report.html?year=2024&view=1", Some(&lea))
            .await
            .body;
        assert!(
            html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"),
            "{html}"
        );
        let pdf = app
            .get("/report/annual/report.pdf?year=2024", Some(&lea))
            .await;
        assert_eq!(pdf.status, 200, "the PDF is typeset with the logo");
        assert!(pdf_text(&pdf.bytes).contains("Årsrapport 2024"));

        // Field workers cannot change it; the leader can remove it.
        let fia = app.session_for(&worker).await;
        let r = app
            .post_multipart("/report/logo", Some(&fia), &[("logo", Some("x.png"), PNG)])
            .await;
        assert_eq!(r.status, 403);
        let r = app
            .post("/report/logo/delete", Some(&fia), "year=2024")
            .await;
        assert_eq!(r.status, 403);
        let r = app
            .post("/report/logo/delete", Some(&lea), "year=2024")
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(app.count("SELECT COUNT(*) FROM service_logos").await, 0);
    }
}
