//! An entry-level block (the youth blocks one journal entry against a named member of staff)
//! holds on every path that reaches the entry: the record page, the youth's copy as HTML and PDF,
//! and every journal action (edit, sign, correct, withhold, delete) — each refused and logged.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app, pdf_text};
use gatelangs_domain::Role;
use gatelangs_storage::users::User;

struct Team {
    kari: User,
    ola: User,
    leader: User,
    second_leader: User,
}

const YOUTH: &str = "first_name=Solveig&last_name=Kvernbakken&birth_date=17.05.2010&gender=female&municipality=3205";

fn entry_ids(page: &str) -> Vec<String> {
    page.match_indices("id=\"entry-")
        .map(|(i, _)| page[i + 10..i + 46].to_owned())
        .collect()
}

/// Solveig with Kari and Ola as contact persons; Kari writes a signed note and a draft, and
/// the leader blocks both against Ola and the signed one against the second leader.
async fn setup(app: &TestApp) -> (Team, String, String, String) {
    let service = app.service("team", false).await;
    let t = Team {
        kari: app.user(&service, "kari", Role::FieldWorker).await,
        ola: app.user(&service, "ola", Role::FieldWorker).await,
        leader: app.user(&service, "leder", Role::Leader).await,
        second_leader: app.user(&service, "leder2", Role::Leader).await,
    };
    let leader = app.session_for(&t.leader).await;
    let reply = app
        .post(
            "/youths",
            Some(&leader),
            &format!("{YOUTH}&contact1={}&contact2={}", t.kari.id, t.ola.id),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let record = reply.location().to_owned();
    let kari = app.session_for(&t.kari).await;
    for form in ["body=Blocked+signed+text&sign=1", "body=Blocked+draft+text"] {
        assert_eq!(
            app.post(&format!("{record}/notes"), Some(&kari), form)
                .await
                .status,
            303
        );
    }
    let ids = entry_ids(&app.get(&record, Some(&kari)).await.body);
    let (signed, draft) = (ids[0].clone(), ids[1].clone());
    for (user, entry) in [
        (&t.ola, &signed),
        (&t.ola, &draft),
        (&t.second_leader, &signed),
    ] {
        let reply = app
            .post(
                &format!("{record}/blocks"),
                Some(&leader),
                &format!("user={}&entry={entry}&reason=the+youth+asked", user.id),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    (t, record, signed, draft)
}

#[tokio::test]
async fn a_blocked_entry_is_left_out_of_the_record_and_the_youths_copy_in_html_and_pdf() {
    for app in each_app().await {
        let (t, record, _, _) = setup(&app).await;
        let ola = app.session_for(&t.ola).await;
        let kari = app.session_for(&t.kari).await;
        let page = app.get(&record, Some(&ola)).await;
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("Blocked signed text"), "{}", app.name());
        let copy = app.get(&format!("{record}/innsyn"), Some(&ola)).await;
        assert_eq!(copy.status, 200);
        assert!(copy.body.contains("Solveig"));
        assert!(!copy.body.contains("Blocked signed text"), "{}", app.name());
        assert!(!copy.body.contains("Blocked draft text"), "{}", app.name());
        let pdf = app.get(&format!("{record}/innsyn.pdf"), Some(&ola)).await;
        assert_eq!(pdf.status, 200);
        let text = pdf_text(&pdf.bytes);
        assert!(text.contains("Solveig"), "{text}");
        assert!(!text.contains("Blocked signed text"), "{}", app.name());
        // Kari, not blocked, sees the entry in both copies: the filter is per person.
        let copy = app.get(&format!("{record}/innsyn"), Some(&kari)).await;
        assert!(copy.body.contains("Blocked signed text"));
        let pdf = app.get(&format!("{record}/innsyn.pdf"), Some(&kari)).await;
        assert!(pdf_text(&pdf.bytes).contains("Blocked signed text"));
    }
}

#[tokio::test]
async fn every_journal_action_on_a_blocked_entry_is_refused_and_logged() {
    for app in each_app().await {
        let (t, record, signed, draft) = setup(&app).await;
        let ola = app.session_for(&t.ola).await;
        let second = app.session_for(&t.second_leader).await;
        let before = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'record_access_refused'")
            .await;
        let attempts = [
            (
                &ola,
                format!("{record}/entries/{draft}/edit"),
                "body=changed",
            ),
            (&ola, format!("{record}/entries/{draft}/sign"), ""),
            (
                &ola,
                format!("{record}/entries/{signed}/correct"),
                "body=changed&reason=wrong",
            ),
            (
                &second,
                format!("{record}/entries/{signed}/withhold"),
                "reason=harmful",
            ),
            (
                &second,
                format!("{record}/entries/{signed}/delete"),
                "reason=asked",
            ),
        ];
        for (who, path, form) in &attempts {
            let reply = app.post(path, Some(who), form).await;
            assert_eq!(reply.status, 403, "{path} on {}", app.name());
        }
        let after = app
            .count("SELECT COUNT(*) FROM audit_log WHERE action = 'record_access_refused'")
            .await;
        assert_eq!(after - before, attempts.len() as i64, "{}", app.name());
        // Nothing changed: one version each, not withheld, not deleted.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM journal_versions").await,
            2,
            "{}",
            app.name()
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM journal_entries WHERE withheld_reason IS NOT NULL")
                .await,
            0
        );
        // The same actions by someone not blocked go through (the refusal is the block's).
        let leader = app.session_for(&t.leader).await;
        let reply = app
            .post(
                &format!("{record}/entries/{signed}/withhold"),
                Some(&leader),
                "reason=harmful",
            )
            .await;
        assert_eq!(reply.status, 303, "{}", app.name());
    }
}
