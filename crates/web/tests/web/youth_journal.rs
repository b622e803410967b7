//! The youth record through the web: registering with the duplicate warning, the journal rules
//! (a signed entry cannot change through any route, corrections keep both versions, deletion
//! leaves its decision), exact search, and the youth's own copy.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app, urlencode};
use gatelangs_domain::Role;
use gatelangs_storage::services::Service;
use gatelangs_storage::users::User;

struct Team {
    service: Service,
    kari: User,
    ola: User,
    leader: User,
}

async fn team(app: &TestApp) -> Team {
    let service = app.service("team", false).await;
    Team {
        kari: app.user(&service, "kari", Role::FieldWorker).await,
        ola: app.user(&service, "ola", Role::FieldWorker).await,
        leader: app.user(&service, "leder", Role::Leader).await,
        service,
    }
}

const YOUTH: &str = "first_name=Solveig&last_name=Kvernbakken&birth_date=17.05.2010&gender=female&municipality=3205&phone=98765432";

/// Registers Solveig as the leader, with Kari and Ola as contact persons; returns the record path.
async fn register(app: &TestApp, t: &Team) -> String {
    let leader = app.session_for(&t.leader).await;
    let reply = app
        .post(
            "/youths",
            Some(&leader),
            &format!("{YOUTH}&contact1={}&contact2={}", t.kari.id, t.ola.id),
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location().to_owned()
}

/// The ids of the journal entries shown on the record page, in order.
fn entry_ids(page: &str) -> Vec<String> {
    page.match_indices("id=\"entry-")
        .map(|(i, _)| page[i + 10..i + 46].to_owned())
        .collect()
}

#[tokio::test]
async fn a_possible_duplicate_is_shown_before_a_second_record_is_made() {
    for app in each_app().await {
        let t = team(&app).await;
        register(&app, &t).await;
        let kari = app.session_for(&t.kari).await;
        // A typo in the name, same birth date: warned, nothing stored.
        // A field worker names the second contact person; they are the first.
        let with_ola = format!("&contact2={}", t.ola.id);
        let typo = YOUTH
            .replace("Solveig", "Solveg")
            .replace("&phone=98765432", &with_ola);
        let reply = app.post("/youths", Some(&kari), &typo).await;
        assert_eq!(reply.status, 200);
        assert!(reply.body.contains("id=\"duplicates\""), "{}", reply.body);
        assert!(
            reply.body.contains("Solveig Kvernbakken"),
            "Kari is a contact person and may see the name"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM youths").await, 1);
        // A colleague without access who enters the same name and birth date is told only that
        // a record exists: no name, no reference, no link; the match is logged on the youth.
        let other = app.user(&t.service, "per", Role::FieldWorker).await;
        let per = app.session_for(&other).await;
        let (solveig, reference) = {
            let mut conn = app.store().conn().await.unwrap();
            let rows = gatelangs_testkit::fetch_text_rows(
                &mut conn,
                "SELECT id || ' ' || ref FROM youths",
            )
            .await;
            let (id, reference) = rows[0].split_once(' ').unwrap();
            (id.to_owned(), reference.to_owned())
        };
        let exact = YOUTH
            .replace("Solveig", "solveig ")
            .replace("&phone=98765432", &format!("&contact2={}", t.kari.id));
        let reply = app.post("/youths", Some(&per), &exact).await;
        assert!(reply.body.contains("id=\"duplicates\""), "{}", reply.body);
        assert!(reply.body.contains("Spør en leder"), "{}", reply.body);
        for secret in [
            "Kvernbakken 17.05",
            "Solveig Kvernbakken",
            &reference,
            &solveig,
        ] {
            assert!(
                !reply.body.contains(secret),
                "{secret} shown without access"
            );
        }
        let logged = app
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE subject = 'youth:{solveig}' \
                 AND action = 'record_access_refused' AND detail = 'duplicate_check'"
            ))
            .await;
        assert_eq!(logged, 1, "{}", app.name());
        // A merely similar name is no match for someone without access: the form cannot be
        // used to probe for records (Per registers his own youth).
        let probe = typo.replace(&with_ola, &format!("&contact2={}", t.kari.id));
        let reply = app.post("/youths", Some(&per), &probe).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM youths").await, 2);
        // Confirming registers the second youth.
        let reply = app
            .post("/youths", Some(&kari), &format!("{typo}&confirmed=1"))
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert_eq!(app.count("SELECT COUNT(*) FROM youths").await, 3);
        // The same phone number is also a warning.
        let same_phone = format!(
            "first_name=Per&last_name=Hansen&birth_date=01.01.2009&gender=male&municipality=0301&phone=987+65+432{with_ola}"
        );
        let reply = app.post("/youths", Some(&kari), &same_phone).await;
        assert!(reply.body.contains("id=\"duplicates\""));
        // Bad input is named, field by field.
        let reply = app
            .post(
                "/youths",
                Some(&kari),
                "first_name=&last_name=X&birth_date=31.02.2010&gender=x&municipality=0231",
            )
            .await;
        assert_eq!(reply.status, 200);
        for needle in [
            "Skriv fornavnet",
            "gyldig fødselsdato",
            "Velg kjønn",
            "bostedskommune",
        ] {
            assert!(
                reply.body.contains(needle),
                "{needle} missing on {}",
                app.name()
            );
        }
    }
}

#[tokio::test]
async fn a_signed_entry_cannot_change_corrections_keep_both_versions_and_deletion_leaves_a_trace() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let kari = app.session_for(&t.kari).await;
        let ola = app.session_for(&t.ola).await;
        let leader = app.session_for(&t.leader).await;
        let reply = app
            .post(
                &format!("{record}/notes"),
                Some(&kari),
                "date=03.03.2024&time=18:30&body=First+draft",
            )
            .await;
        assert_eq!(reply.status, 303);
        let page = app.get(&record, Some(&kari)).await.body;
        let entry = entry_ids(&page).pop().unwrap();
        assert!(
            page.contains("03.03.2024 18:30"),
            "help given shown in Oslo time"
        );
        assert!(page.contains("Utkast, ikke signert"));
        // Only the author edits and signs the draft.
        let edit = format!("{record}/entries/{entry}/edit");
        let sign = format!("{record}/entries/{entry}/sign");
        assert_eq!(
            app.post(&edit, Some(&ola), "body=Ola+was+here")
                .await
                .status,
            409
        );
        assert_eq!(app.post(&sign, Some(&ola), "").await.status, 409);
        assert_eq!(
            app.post(&edit, Some(&kari), "body=Final+text").await.status,
            303
        );
        assert_eq!(app.post(&sign, Some(&kari), "").await.status, 303);
        // Signed: no route changes it, not even its author or a leader.
        for who in [&kari, &leader] {
            assert_eq!(app.post(&edit, Some(who), "body=Sneaky").await.status, 409);
            assert_eq!(app.post(&sign, Some(who), "").await.status, 409);
        }
        // A correction needs a reason and keeps the original.
        let correct = format!("{record}/entries/{entry}/correct");
        assert_eq!(
            app.post(&correct, Some(&ola), "body=Fixed&reason=")
                .await
                .status,
            409
        );
        assert_eq!(
            app.post(&correct, Some(&ola), "body=Fixed+text&reason=Wrong+place")
                .await
                .status,
            303
        );
        let page = app.get(&record, Some(&kari)).await.body;
        for needle in [
            "Final text",
            "Fixed text",
            "Wrong place",
            "Versjon 1",
            "Versjon 2",
            "Name of kari",
            "Name of ola",
        ] {
            assert!(page.contains(needle), "{needle} missing on {}", app.name());
        }
        assert!(!page.contains("Sneaky") && !page.contains("Ola was here"));
        // Deletion: a leader's decision with a reason; the text is gone, the decision stays.
        let delete = format!("{record}/entries/{entry}/delete");
        assert_eq!(
            app.post(&delete, Some(&kari), "reason=mine").await.status,
            403
        );
        assert_eq!(
            app.post(&delete, Some(&leader), "reason=").await.status,
            400
        );
        assert_eq!(
            app.post(
                &delete,
                Some(&leader),
                "reason=Registered+on+the+wrong+youth"
            )
            .await
            .status,
            303
        );
        let page = app.get(&record, Some(&kari)).await.body;
        assert!(!page.contains("Fixed text") && !page.contains("Final text"));
        assert!(page.contains("Registered on the wrong youth"));
        assert_eq!(app.count("SELECT COUNT(*) FROM journal_versions").await, 0);
        let codes = app.audit_codes().await;
        assert!(
            codes.iter().any(|c| c == "personal_data_change:leader"),
            "{codes:?}"
        );
    }
}

#[tokio::test]
async fn exact_search_emergency_access_and_blocking() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let per_user = app.user(&t.service, "per", Role::FieldWorker).await;
        let per = app.session_for(&per_user).await;
        // Per cannot open the record and does not see the youth in a list.
        assert_eq!(app.get(&record, Some(&per)).await.status, 403);
        assert!(
            !app.get("/youths", Some(&per))
                .await
                .body
                .contains("Kvernbakken")
        );
        // A near miss finds nothing; the exact name and birth date find the record.
        let miss = app
            .get(
                "/youths/search?first_name=Solveig&last_name=Kvernbak&birth_date=17.05.2010",
                Some(&per),
            )
            .await;
        assert!(miss.body.contains("Ingen ungdom"), "{}", miss.body);
        let hit = app
            .get(
                "/youths/search?first_name=solveig&last_name=KVERNBAKKEN&birth_date=2010-05-17",
                Some(&per),
            )
            .await;
        assert!(
            hit.body.contains(&format!("{record}/emergency")),
            "{}",
            hit.body
        );
        assert!(!hit.body.contains("Solveig Kvernbakken"));
        // The search that found her is in her own access log; the miss is logged on the service.
        let youth = record.trim_start_matches("/youths/");
        let searched = |subject: String| {
            format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'youth_searched' AND subject = '{subject}'"
            )
        };
        assert_eq!(app.count(&searched(format!("youth:{youth}"))).await, 1);
        assert_eq!(app.count(&searched("youths".into())).await, 1);
        // Emergency access needs a reason.
        let too_short = app
            .post(&format!("{record}/emergency"), Some(&per), "reason=now")
            .await;
        assert_eq!(too_short.status, 200);
        assert_eq!(app.get(&record, Some(&per)).await.status, 403);
        let reply = app
            .post(
                &format!("{record}/emergency"),
                Some(&per),
                &format!(
                    "reason={}",
                    urlencode("Solveig ringte i krise fra stasjonen")
                ),
            )
            .await;
        assert_eq!(reply.status, 303);
        let page = app.get(&record, Some(&per)).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("nødtilgang"));
        assert!(
            app.audit_codes()
                .await
                .iter()
                .any(|c| c == "personal_data_read:emergency")
        );
        // The leader sees it for review and marks it reviewed.
        let leader = app.session_for(&t.leader).await;
        assert!(
            app.get("/", Some(&leader))
                .await
                .body
                .contains("Én nødtilgang venter på din gjennomgang")
        );
        let review = app.get("/youths/access-review", Some(&leader)).await.body;
        assert!(review.contains("Solveig ringte i krise"), "{review}");
        let grant_at = review.find("/youths/access-review/").unwrap();
        let grant = &review[grant_at..grant_at + 22 + 36];
        assert_eq!(
            app.post(grant, Some(&leader), "note=Riktig+bruk+av+n%C3%B8dtilgang")
                .await
                .status,
            303
        );
        // The reason and the review note are sealed at rest, and the log refers to the access
        // instead of copying its reason.
        let clear = app
            .count("SELECT COUNT(*) FROM emergency_accesses WHERE reason LIKE '%krise%' OR review_note LIKE '%nødtilgang%' OR reason NOT LIKE 'gl1:%' OR review_note NOT LIKE 'gl1:%'")
            .await;
        assert_eq!(clear, 0, "{}", app.name());
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%krise%'")
                .await,
            0,
            "{}",
            app.name()
        );
        assert!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%emergency access %'")
                .await
                >= 2
        );
        let reviewed = app.get("/youths/access-review", Some(&leader)).await.body;
        assert!(reviewed.contains("Solveig ringte i krise"), "{reviewed}");
        assert!(reviewed.contains("Riktig bruk av nødtilgang"), "{reviewed}");
        assert!(
            app.get("/youths/access-review", Some(&leader))
                .await
                .body
                .contains("Ingen nødtilganger venter")
        );
        // Blocking Per shuts him out, emergency access or not.
        let reply = app
            .post(
                &format!("{record}/blocks"),
                Some(&leader),
                &format!("user={}&reason=the+youth+asked", per_user.id),
            )
            .await;
        assert_eq!(reply.status, 303);
        let page = app.get(&record, Some(&per)).await;
        assert_eq!(page.status, 403);
        assert!(page.body.contains("sperret"));
        assert_eq!(
            app.post(
                &format!("{record}/emergency"),
                Some(&per),
                "reason=I+really+need+it+now"
            )
            .await
            .status,
            403
        );
        // An entry-level block hides that entry from a contact person, also one written later.
        let kari = app.session_for(&t.kari).await;
        app.post(
            &format!("{record}/notes"),
            Some(&kari),
            "body=About+Ola&sign=1",
        )
        .await;
        let entry = entry_ids(&app.get(&record, Some(&kari)).await.body)
            .pop()
            .unwrap();
        app.post(
            &format!("{record}/blocks"),
            Some(&leader),
            &format!("user={}&entry={entry}&reason=asked", t.ola.id),
        )
        .await;
        let ola = app.session_for(&t.ola).await;
        let page = app.get(&record, Some(&ola)).await.body;
        assert!(!page.contains("About Ola"));
        assert!(page.contains("Ett notat er sperret for deg"));
        assert!(
            app.get(&record, Some(&kari))
                .await
                .body
                .contains("About Ola")
        );
    }
}

#[tokio::test]
async fn the_youths_copy_holds_the_record_and_its_access_log_and_leaves_out_withheld_entries() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let kari = app.session_for(&t.kari).await;
        let leader = app.session_for(&t.leader).await;
        app.post(
            &format!("{record}/notes"),
            Some(&kari),
            "body=Visible+note&sign=1",
        )
        .await;
        app.post(
            &format!("{record}/notes"),
            Some(&kari),
            "body=Harmful+note&sign=1",
        )
        .await;
        let ids = entry_ids(&app.get(&record, Some(&kari)).await.body);
        let harmful = ids.last().unwrap();
        app.post(
            &format!("{record}/entries/{harmful}/withhold"),
            Some(&leader),
            "reason=Would+harm+the+youth",
        )
        .await;
        app.post(
            &format!("{record}/conversations"),
            Some(&kari),
            &format!(
                "date=01.03.2024&time=10:00&staff={}&staff={}&challenges=crime&duration=45",
                t.kari.id, t.ola.id
            ),
        )
        .await;
        // The withholding reason is sealed at rest and read back for the record.
        assert_eq!(
            app.count("SELECT COUNT(*) FROM journal_entries WHERE withheld_reason LIKE 'gl1:%' AND withheld_reason NOT LIKE '%harm%'").await,
            1,
            "{}",
            app.name()
        );
        assert!(
            app.get(&record, Some(&leader))
                .await
                .body
                .contains("Would harm the youth")
        );
        let copy = app.get(&format!("{record}/innsyn"), Some(&kari)).await;
        assert_eq!(copy.status, 200);
        for needle in [
            "Solveig Kvernbakken",
            "Visible note",
            "Name of kari",
            "Kriminalitet",
            "45 min",
            "Kontaktperson",
            "Leder",
            "unntatt fra innsyn",
        ] {
            assert!(
                copy.body.contains(needle),
                "{needle} missing on {}",
                app.name()
            );
        }
        assert!(!copy.body.contains("Harmful note"));
        let pdf = app.get(&format!("{record}/innsyn.pdf"), Some(&kari)).await;
        assert_eq!(pdf.status, 200);
        assert!(pdf.body.starts_with("%PDF-"), "not a PDF");
        assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
        let codes = app.audit_codes().await;
        assert_eq!(
            codes
                .iter()
                .filter(|c| c.starts_with("personal_data_export"))
                .count(),
            2,
            "{codes:?}"
        );
    }
}

#[tokio::test]
async fn a_follow_up_starts_from_a_field_contact_without_typing_place_and_time_again() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let place = app
            .place(
                &t.service,
                "Skateparken",
                gatelangs_domain::field::PlaceKind::Street,
            )
            .await;
        let kari = app.session_for(&t.kari).await;
        let contact = gatelangs_domain::ContactId::new();
        // A contact an hour ago; the form must show it in the service's time (Europe/Oslo).
        let at = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
        let local = at.to_zoned(jiff::tz::TimeZone::get("Europe/Oslo").unwrap());
        let (day, time) = (
            local.strftime("%d.%m.%Y").to_string(),
            local.strftime("%H:%M").to_string(),
        );
        let op = serde_json::json!({"ops": [{"op": "register", "id": contact.to_string(), "occurred_at": at.to_string(),
            "place": place.id.to_string(), "channel": "street", "age_group": "lower_secondary", "gender": "female", "count": 1}]});
        assert_eq!(
            app.post_json("/api/v1/contacts/sync", Some(&kari), op)
                .await
                .status,
            200
        );
        // The contacts list offers the follow-up; choosing the youth opens a prefilled form.
        let list = app
            .get(&format!("/contacts?from={day}&to={day}"), Some(&kari))
            .await
            .body;
        assert!(
            list.contains(&format!("/youths/follow-up?contact={contact}")),
            "{list}"
        );
        let choose = app
            .get(&format!("/youths/follow-up?contact={contact}"), Some(&kari))
            .await;
        assert!(
            choose
                .body
                .contains(&format!("{record}/conversations/new?contact={contact}")),
            "{}",
            choose.body
        );
        let form = app
            .get(
                &format!("{record}/conversations/new?contact={contact}"),
                Some(&kari),
            )
            .await
            .body;
        assert!(form.contains(&format!("value=\"{day}\"")), "{form}");
        assert!(form.contains(&format!("value=\"{time}\"")), "{form}");
        assert!(
            form.contains(&format!("value=\"{}\" selected", place.id)),
            "place preselected"
        );
        assert!(form.contains(&format!("name=\"contact\" value=\"{contact}\"")));
        let reply = app
            .post(
                &format!("{record}/conversations"),
                Some(&kari),
                &format!("date={day}&time={time}&staff={}&place={}&contact={contact}&challenges=other&setting=street", t.kari.id, place.id),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let page = app.get(&record, Some(&kari)).await.body;
        assert!(
            page.contains(&format!("{day} {time}")) && page.contains("Skateparken"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn drafts_older_than_a_day_surface_to_their_author_and_the_leader() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let kari = app.session_for(&t.kari).await;
        app.post(&format!("{record}/notes"), Some(&kari), "body=Unfinished")
            .await;
        let overdue = |page: &str| page.contains("eldre enn ett døgn");
        assert!(
            !overdue(&app.get("/", Some(&kari)).await.body),
            "a fresh draft is not overdue"
        );
        sqlx::query("UPDATE journal_versions SET written_at = written_at - 90000")
            .execute(app.store().pool())
            .await
            .unwrap();
        let leader = app.session_for(&t.leader).await;
        let ola = app.session_for(&t.ola).await;
        assert!(
            overdue(&app.get("/", Some(&kari)).await.body),
            "the author sees it"
        );
        assert!(
            overdue(&app.get("/", Some(&leader)).await.body),
            "the leader sees it"
        );
        assert!(
            !overdue(&app.get("/", Some(&ola)).await.body),
            "not another worker's business"
        );
        assert!(
            app.get("/youths", Some(&kari))
                .await
                .body
                .contains("Usignerte utkast")
        );
    }
}

#[tokio::test]
async fn a_refused_request_for_correction_is_journaled_with_the_right_to_complain() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let kari = app.session_for(&t.kari).await;
        let path = format!("{record}/correction-refusals");
        assert_eq!(
            app.post(&path, Some(&kari), "request=&reason=x")
                .await
                .status,
            400
        );
        let reply = app
            .post(
                &path,
                Some(&kari),
                "request=Remove+the+note+of+3+March&reason=The+note+is+correct+and+needed",
            )
            .await;
        assert_eq!(reply.status, 303);
        let page = app.get(&record, Some(&kari)).await.body;
        for needle in [
            "Avslått retting",
            "Remove the note of 3 March",
            "The note is correct and needed",
            "klage til Statsforvalteren",
        ] {
            assert!(page.contains(needle), "{needle} on {}", app.name());
        }
        let unsigned = app
            .count("SELECT COUNT(*) FROM journal_versions WHERE signed_at IS NULL")
            .await;
        assert_eq!(unsigned, 0, "the refusal is signed at once");
    }
}

#[tokio::test]
async fn a_leaders_list_is_read_and_logged_a_page_at_a_time() {
    for app in each_app().await {
        let t = team(&app).await;
        let store = app.store();
        let mut conn = store.conn().await.unwrap();
        for i in 0..60 {
            let fields = gatelangs_storage::youths::YouthFields {
                reference: format!("R{i:02}"),
                first_name: format!("Navn{i}"),
                last_name: "Listesen".into(),
                birth_date: jiff::civil::date(2010, 1, 1),
                gender: gatelangs_domain::field::Gender::Other,
                municipality: gatelangs_domain::MunicipalityNumber::parse("3205").unwrap(),
                phone: None,
                school: None,
                guardians: vec![],
            };
            let new = gatelangs_storage::youths::NewYouth {
                id: gatelangs_domain::YouthId::new(),
                fields: &fields,
                contact_persons: &[t.kari.id, t.ola.id],
                created_by: None,
            };
            gatelangs_storage::youths::create(&mut conn, store.field_keys(), t.service.id, new, i)
                .await
                .unwrap();
        }
        drop(conn);
        let leader = app.session_for(&t.leader).await;
        let logged = || {
            app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'personal_data_read%' AND detail = 'list'")
        };
        let first = app.get("/youths", Some(&leader)).await.body;
        assert_eq!(first.matches("Listesen").count(), 50, "{}", app.name());
        assert!(first.contains("href=\"/youths?page=2\""));
        assert_eq!(logged().await, 50);
        let second = app.get("/youths?page=2", Some(&leader)).await.body;
        assert_eq!(second.matches("Listesen").count(), 10);
        assert!(second.contains("href=\"/youths?page=1\"") && !second.contains("page=3"));
        assert_eq!(logged().await, 60);
        // Newest first: R59 leads page one, R00 ends page two.
        assert!(first.find("R59").unwrap() < first.find("R58").unwrap());
        assert!(second.contains("R00"));
    }
}

#[tokio::test]
async fn a_youth_who_blocked_a_user_is_left_out_of_that_users_list() {
    for app in each_app().await {
        let t = team(&app).await;
        let record = register(&app, &t).await;
        let leader = app.session_for(&t.leader).await;
        let kari = app.session_for(&t.kari).await;
        let ola = app.session_for(&t.ola).await;
        assert!(
            app.get("/youths", Some(&kari))
                .await
                .body
                .contains("Kvernbakken")
        );
        let reply = app
            .post(
                &format!("{record}/blocks"),
                Some(&leader),
                &format!("user={}&reason=the+youth+asked", t.kari.id),
            )
            .await;
        assert_eq!(reply.status, 303);
        let before = app
            .count("SELECT COUNT(*) FROM audit_log WHERE detail = 'list'")
            .await;
        assert!(
            !app.get("/youths", Some(&kari))
                .await
                .body
                .contains("Kvernbakken"),
            "{}",
            app.name()
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE detail = 'list'")
                .await,
            before,
            "nothing shown, nothing logged"
        );
        assert!(
            app.get("/youths", Some(&ola))
                .await
                .body
                .contains("Kvernbakken"),
            "the other contact person still sees her"
        );
    }
}
