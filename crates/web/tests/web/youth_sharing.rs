//! Consent and sharing through the web and the JSON API: the age-of-consent rules, a
//! collaboration refused without a covering consent (form and API) and accepted with one,
//! withdrawal, concern reports refused for adults, information requests leaving the leader's
//! overdue list, renewal prompts, the counterpart catalogue and anonymous inquiries.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_storage::services::Service;
use gatelangs_storage::users::User;
use serde_json::json;

/// The `action` of the form on `page` that ends with `suffix` (the first such form after
/// `anchor`, when given).
fn action(page: &str, suffix: &str, anchor: &str) -> String {
    let from = page.find(anchor).unwrap_or(0);
    page[from..]
        .split("action=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|a| a.ends_with(suffix))
        .unwrap_or_else(|| panic!("no form ending {suffix} in {page}"))
        .to_owned()
}

struct Team {
    service: Service,
    kari: User,
    /// Kari's field partner, the second contact person of every youth here.
    ola: User,
    leader: User,
}

async fn team(app: &TestApp) -> Team {
    let service = app.service("team", false).await;
    let kari = app.user(&service, "kari", Role::FieldWorker).await;
    let ola = app.user(&service, "ola", Role::FieldWorker).await;
    let leader = app.user(&service, "leder", Role::Leader).await;
    let leader_session = app.session_for(&leader).await;
    for (code, name) in [("nav", "NAV"), ("skole", "Skole")] {
        let reply = app
            .post(
                "/counterparts",
                Some(&leader_session),
                &format!("code={code}&name={name}"),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    Team {
        service,
        kari,
        ola,
        leader,
    }
}

/// Registers a youth born on `birth` (dd.mm.yyyy) as Kari; returns the record path.
async fn youth(app: &TestApp, t: &Team, first: &str, birth: &str) -> String {
    let kari = app.session_for(&t.kari).await;
    let reply = app
        .post("/youths", Some(&kari), &format!("first_name={first}&last_name=Test&birth_date={birth}&gender=female&municipality=3205&contact2={}&confirmed=1", t.ola.id))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location().to_owned()
}

#[tokio::test]
async fn the_age_of_consent_decides_who_may_consent() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        // 14 on 01.03.2024.
        let young = youth(&app, &t, "Mia", "10.10.2009").await;
        let path = format!("{young}/consents");
        let post = |form: &'static str| app.post(&path, Some(&kari), form);
        let alone =
            post("given_on=01.03.2024&given_by=youth&services=nav&youth_view=wants+help").await;
        assert_eq!(alone.status, 422);
        assert!(
            alone.body.contains("Under 16 år må foresatte samtykke"),
            "{}",
            alone.body
        );
        let no_view = post("given_on=01.03.2024&given_by=guardian&services=nav").await;
        assert!(no_view.body.contains("ungdommens egen mening"));
        assert_eq!(
            post("given_on=01.03.2024&given_by=guardian&services=nav&youth_view=agrees")
                .await
                .status,
            303
        );
        let documented = post("given_on=01.03.2024&given_by=youth&services=skole&youth_view=wants+help&guardians_not_involved=violence+at+home").await;
        assert_eq!(documented.status, 303);
        // 17: a guardian cannot consent alone.
        let older = youth(&app, &t, "Eva", "01.01.2007").await;
        let reply = app
            .post(
                &format!("{older}/consents"),
                Some(&kari),
                "given_on=01.03.2024&given_by=guardian&services=nav",
            )
            .await;
        assert!(reply.body.contains("Fra 16 år samtykker ungdommen selv"));
        assert_eq!(
            app.post(
                &format!("{older}/consents"),
                Some(&kari),
                "given_on=01.03.2024&given_by=youth&services=nav"
            )
            .await
            .status,
            303
        );
        // Nothing without a service, and the end must follow the start.
        let reply = app
            .post(
                &format!("{older}/consents"),
                Some(&kari),
                "given_on=01.03.2024&given_by=youth&valid_until=01.01.2024&services=nav",
            )
            .await;
        assert!(reply.body.contains("kan ikke slutte før det begynner"));
        assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 3);
        // The record shows at a glance what is covered today.
        let page = app.get(&young, Some(&kari)).await.body;
        assert!(
            page.contains("NAV, Skole"),
            "both services are covered today: {page}"
        );
    }
}

#[tokio::test]
async fn a_collaboration_needs_a_covering_consent_through_the_form_and_the_api() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        let record = youth(&app, &t, "Ida", "02.02.2007").await;
        let id = record.trim_start_matches("/youths/").to_owned();
        // No consent: the form refuses, says why, and offers a consent or an inquiry instead.
        let refused = app
            .post(
                &format!("{record}/collaborations"),
                Some(&kari),
                "date=15.03.2024&direction=outgoing&service=nav&note=meeting",
            )
            .await;
        assert_eq!(refused.status, 409);
        assert!(
            refused
                .body
                .contains("Ingen samtykke fra ungdommen dekker NAV"),
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains(&format!("{record}/consents/new?service=nav"))
        );
        assert!(
            refused
                .body
                .contains("/inquiries?service=nav&amp;direction=outgoing&amp;date=15.03.2024")
        );
        let api = app
            .post_json(
                &format!("/api/v1/youths/{id}/collaborations"),
                Some(&kari),
                json!({"date": "2024-03-15", "direction": "outgoing", "service": "nav"}),
            )
            .await;
        assert_eq!(api.status, 409, "{}", api.body);
        assert!(api.body.contains("Ingenting ble lagret"));
        assert_eq!(app.count("SELECT COUNT(*) FROM collaborations").await, 0);
        // With a consent covering NAV from 01.03.2024: both paths store, under that consent.
        app.post(
            &format!("{record}/consents"),
            Some(&kari),
            "given_on=01.03.2024&given_by=youth&services=nav&what_shared=school+situation",
        )
        .await;
        let ok = app
            .post(
                &format!("{record}/collaborations"),
                Some(&kari),
                "date=15.03.2024&direction=outgoing&service=nav&note=meeting",
            )
            .await;
        assert_eq!(ok.status, 303, "{}", ok.body);
        let api = app
            .post_json(&format!("/api/v1/youths/{id}/collaborations"), Some(&kari), json!({"date": "2024-03-16", "direction": "incoming", "service": "nav", "note": "call"}))
            .await;
        assert_eq!(api.status, 201, "{}", api.body);
        // Not another service, not before the consent.
        let other = app
            .post_json(
                &format!("/api/v1/youths/{id}/collaborations"),
                Some(&kari),
                json!({"date": "2024-03-16", "direction": "outgoing", "service": "skole"}),
            )
            .await;
        assert_eq!(other.status, 409);
        let early = app
            .post_json(
                &format!("/api/v1/youths/{id}/collaborations"),
                Some(&kari),
                json!({"date": "2024-02-28", "direction": "outgoing", "service": "nav"}),
            )
            .await;
        assert_eq!(early.status, 409);
        // Withdrawn on 01.04.2024: refused on and after that day, the history stays.
        let withdraw = action(&app.get(&record, Some(&kari)).await.body, "/withdraw", "");
        assert_eq!(
            app.post(&withdraw, Some(&kari), "withdrawn_on=01.04.2024")
                .await
                .status,
            303
        );
        for day in ["2024-04-01", "2024-04-02"] {
            let r = app
                .post_json(
                    &format!("/api/v1/youths/{id}/collaborations"),
                    Some(&kari),
                    json!({"date": day, "direction": "outgoing", "service": "nav"}),
                )
                .await;
            assert_eq!(r.status, 409, "{day}");
        }
        let r = app
            .post_json(
                &format!("/api/v1/youths/{id}/collaborations"),
                Some(&kari),
                json!({"date": "2024-03-31", "direction": "outgoing", "service": "nav"}),
            )
            .await;
        assert_eq!(r.status, 201);
        let page = app.get(&record, Some(&kari)).await.body;
        assert!(
            page.contains("Trukket tilbake 01.04.2024"),
            "the withdrawn consent stays in the history"
        );
        assert!(page.contains("school situation"));
        assert_eq!(app.count("SELECT COUNT(*) FROM collaborations").await, 3);
        // Someone without access to the record gets nothing through the API either.
        let per = app.user(&t.service, "per", Role::FieldWorker).await;
        let per = app.session_for(&per).await;
        let r = app
            .post_json(
                &format!("/api/v1/youths/{id}/collaborations"),
                Some(&per),
                json!({"date": "2024-03-20", "direction": "outgoing", "service": "nav"}),
            )
            .await;
        assert_eq!(r.status, 403);
    }
}

#[tokio::test]
async fn concern_reports_and_information_requests() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        let leader = app.session_for(&t.leader).await;
        // Turns 18 on 10.05.2024.
        let record = youth(&app, &t, "Siri", "10.05.2006").await;
        let report = |date: &str| {
            format!(
                "kind=concern_report&date={date}&grounds=neglect&grounds=violence&details=worried&youth_told=yes&guardians_told=no&legal_basis=helsepersonelloven+%C2%A7+33"
            )
        };
        let adult = app
            .post(
                &format!("{record}/child-welfare"),
                Some(&kari),
                &report("10.05.2024"),
            )
            .await;
        assert_eq!(adult.status, 422);
        assert!(adult.body.contains("18 år eller eldre"));
        assert_eq!(
            app.post(
                &format!("{record}/child-welfare"),
                Some(&kari),
                &report("09.05.2024")
            )
            .await
            .status,
            303
        );
        // A request received with a deadline long past shows on the leader's start page.
        let reply = app.post(&format!("{record}/child-welfare"), Some(&kari), "kind=information_request&date=01.02.2024&details=asked+for+a+summary&deadline=15.02.2024").await;
        assert_eq!(reply.status, 303);
        let home = app.get("/", Some(&leader)).await.body;
        assert!(
            home.contains("Åpne anmodninger") && home.contains("fristen er passert"),
            "{home}"
        );
        assert!(
            !app.get("/", Some(&kari))
                .await
                .body
                .contains("Åpne anmodninger"),
            "leaders only"
        );
        let page = app.get(&record, Some(&kari)).await.body;
        assert!(
            page.contains("Omsorgssvikt, Vold eller overgrep")
                && page.contains("helsepersonelloven § 33")
        );
        let answer = action(&page, "/answer", "");
        assert_eq!(
            app.post(
                &answer,
                Some(&kari),
                "answered_on=20.02.2024&answer=sent+the+summary"
            )
            .await
            .status,
            303
        );
        assert_eq!(
            app.post(&answer, Some(&kari), "answered_on=21.02.2024&answer=again")
                .await
                .status,
            409
        );
        assert!(
            !app.get("/", Some(&leader))
                .await
                .body
                .contains("Åpne anmodninger"),
            "answered: off the list"
        );
        // The report counts them.
        let report = app.get("/report?year=2024", Some(&leader)).await.body;
        for needle in [
            "Bekymringsmeldinger sendt</td><td class=\"num\">1",
            "Anmodninger om opplysninger mottatt</td><td class=\"num\">1",
            "Anmodninger besvart</td><td class=\"num\">1",
        ] {
            assert!(report.contains(needle), "{needle}");
        }
    }
}

#[tokio::test]
async fn renewal_is_prompted_when_a_guardians_consent_meets_sixteen() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        // 15 when the guardian consented two years ago, 16 or 17 today.
        let today = jiff::Zoned::now().date();
        let birth = today
            .checked_sub(jiff::Span::new().years(16).months(6))
            .unwrap();
        let given = today.checked_sub(jiff::Span::new().years(1)).unwrap();
        let record = youth(&app, &t, "Ane", &birth.strftime("%d.%m.%Y").to_string()).await;
        let form = format!(
            "given_on={}&given_by=guardian&services=nav&youth_view=agrees",
            given.strftime("%d.%m.%Y")
        );
        assert_eq!(
            app.post(&format!("{record}/consents"), Some(&kari), &form)
                .await
                .status,
            303
        );
        let page = app.get(&record, Some(&kari)).await.body;
        assert!(page.contains("har fylt 16 og samtykker nå selv"), "{page}");
    }
}

#[tokio::test]
async fn the_catalogue_and_anonymous_inquiries() {
    for app in each_app().await {
        let t = team(&app).await;
        let leader = app.session_for(&t.leader).await;
        let kari = app.session_for(&t.kari).await;
        assert_eq!(
            app.get("/counterparts", Some(&kari)).await.status,
            403,
            "leaders and administrators keep the catalogue"
        );
        assert_eq!(
            app.post("/counterparts", Some(&leader), "code=NAV+2&name=x")
                .await
                .status,
            200,
            "a bad code is refused"
        );
        assert!(
            app.post("/counterparts", Some(&leader), "code=nav&name=NAV")
                .await
                .body
                .contains("allerede i bruk")
        );
        let page = app.get("/counterparts", Some(&leader)).await.body;
        let skole = action(&page, "", "<td>skole</td>");
        assert_eq!(
            app.post(&skole, Some(&leader), "name=Skolen&archived=true")
                .await
                .status,
            303
        );
        // Archived: not offered for new inquiries or collaborations, but the name stays.
        let inquiries = app.get("/inquiries", Some(&kari)).await.body;
        assert!(inquiries.contains("Ikke skriv noe som kan identifisere en ungdom"));
        assert!(!inquiries.contains(">Skolen<"));
        assert_eq!(
            app.post(
                "/inquiries",
                Some(&kari),
                "date=05.03.2024&direction=incoming&service=nav&topic=General+advice"
            )
            .await
            .status,
            303
        );
        assert_eq!(
            app.post(
                "/inquiries",
                Some(&kari),
                "date=05.03.2024&direction=incoming&service=skole"
            )
            .await
            .status,
            422
        );
        assert_eq!(
            app.post(
                "/inquiries",
                Some(&kari),
                "date=31.02.2024&direction=incoming&service=nav"
            )
            .await
            .status,
            422
        );
        assert!(
            app.get("/inquiries?year=2024", Some(&kari))
                .await
                .body
                .contains("General advice")
        );
        let report = app.get("/report?year=2024", Some(&leader)).await.body;
        assert!(
            report.contains("<td>NAV</td><td class=\"num\">1</td>"),
            "{report}"
        );
        let analyst = app.user(&t.service, "anna", Role::Analyst).await;
        let analyst = app.session_for(&analyst).await;
        assert_eq!(app.get("/inquiries", Some(&analyst)).await.status, 403);
    }
}
