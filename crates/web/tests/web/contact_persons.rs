//! The contact-person rule on every web path: registration (field worker and leader), the
//! leader's change, and a youth imported without contact persons, who is listed on the leader's
//! start page until a leader assigns two.

#![allow(clippy::unwrap_used)]

use crate::common;

use common::{TestApp, each_app};
use gatelangs_domain::Role;
use gatelangs_interchange::{Bundle, import};
use gatelangs_storage::services::Service;
use gatelangs_storage::users::User;

struct Team {
    service: Service,
    kari: User,
    ola: User,
    anna: User,
    leader: User,
}

async fn team(app: &TestApp) -> Team {
    let service = app.service("team", false).await;
    Team {
        kari: app.user(&service, "kari", Role::FieldWorker).await,
        ola: app.user(&service, "ola", Role::FieldWorker).await,
        anna: app.user(&service, "anna", Role::Analyst).await,
        leader: app.user(&service, "leder", Role::Leader).await,
        service,
    }
}

const YOUTH: &str = "first_name=Solveig&last_name=Kvernbakken&birth_date=17.05.2010&gender=female&municipality=3205&confirmed=1";
const REFUSED: &str = "Velg to forskjellige kontaktpersoner";

#[tokio::test]
async fn registration_needs_two_different_staff_members_whoever_registers() {
    for app in each_app().await {
        let t = team(&app).await;
        let kari = app.session_for(&t.kari).await;
        let leader = app.session_for(&t.leader).await;
        let refused = [
            // A field worker alone: they are one, the second is missing.
            (&kari, String::new()),
            // The field worker named twice.
            (&kari, format!("&contact1={0}&contact2={0}", t.kari.id)),
            // An analyst cannot be a contact person.
            (&kari, format!("&contact2={}", t.anna.id)),
            // Two others than the field worker: with her that is three.
            (
                &kari,
                format!("&contact1={}&contact2={}", t.ola.id, t.leader.id),
            ),
            // A leader choosing one.
            (&leader, format!("&contact1={}", t.kari.id)),
            // Someone of another service.
            (
                &leader,
                format!("&contact1={}&contact2={}", t.kari.id, {
                    let other = app.service("other", false).await;
                    app.user(&other, "per", Role::FieldWorker).await.id
                }),
            ),
        ];
        for (session, persons) in refused {
            let reply = app
                .post("/youths", Some(session), &format!("{YOUTH}{persons}"))
                .await;
            assert_eq!(reply.status, 200, "{persons} on {}", app.name());
            assert!(reply.body.contains(REFUSED), "{persons}: {}", reply.body);
            assert_eq!(app.count("SELECT COUNT(*) FROM youths").await, 0);
        }
        // The field worker and her partner.
        let reply = app
            .post(
                "/youths",
                Some(&kari),
                &format!("{YOUTH}&contact2={}", t.ola.id),
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM youth_contact_persons")
                .await,
            2
        );
        let record = reply.location().to_owned();
        // The leader's change: two different staff members, or nothing changes.
        for persons in [
            format!("contact1={}", t.ola.id),
            format!("contact1={0}&contact2={0}", t.ola.id),
            format!("contact1={}&contact2={}", t.ola.id, t.anna.id),
        ] {
            let reply = app
                .post(
                    &format!("{record}/contact-persons"),
                    Some(&leader),
                    &persons,
                )
                .await;
            assert_eq!(reply.status, 400, "{persons} on {}", app.name());
        }
        // A field worker may not change them at all.
        let reply = app
            .post(
                &format!("{record}/contact-persons"),
                Some(&kari),
                &format!("contact1={}&contact2={}", t.kari.id, t.leader.id),
            )
            .await;
        assert_eq!(reply.status, 403);
        let reply = app
            .post(
                &format!("{record}/contact-persons"),
                Some(&leader),
                &format!("contact1={}&contact2={}", t.ola.id, t.leader.id),
            )
            .await;
        assert_eq!(reply.status, 303);
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM youth_contact_persons WHERE user_id IN ('{}', '{}')",
                t.ola.id, t.leader.id
            ))
            .await,
            2
        );
    }
}

#[tokio::test]
async fn an_imported_youth_without_two_contact_persons_waits_on_the_leaders_start_page() {
    for app in each_app().await {
        let t = team(&app).await;
        let bundle = Bundle {
            files: vec![(
                "youths.csv".into(),
                "ref,first_name,last_name,birth_date,gender,municipality,contact_persons\r\n\
                 Y1,Solveig,Kvernbakken,2010-05-17,female,3205,\r\n\
                 Y2,Per,Berg,2009-01-02,male,3205,kari\r\n\
                 Y3,Ida,Lie,2008-03-04,female,3205,kari;ola\r\n"
                    .as_bytes()
                    .to_vec(),
            )],
            ..Bundle::default()
        };
        import(app.store(), &t.service.slug, &bundle, None)
            .await
            .unwrap();
        let leader = app.session_for(&t.leader).await;
        let home = app.get("/", Some(&leader)).await;
        assert!(
            home.body.contains("venter på kontaktpersoner"),
            "{}",
            home.body
        );
        let listed = |page: &str, r: &str| page.contains(&format!(">{r}</a></li>"));
        assert!(listed(&home.body, "Y1") && listed(&home.body, "Y2"));
        assert!(!listed(&home.body, "Y3"), "Y3 has two");
        // A field worker is not asked to assign them.
        let kari = app.session_for(&t.kari).await;
        let home = app.get("/", Some(&kari)).await;
        assert!(!home.body.contains("venter på kontaktpersoner"));
        // Assigning two takes Y1 off the list.
        let leader_home = app.get("/", Some(&leader)).await.body;
        let at = leader_home.find(">Y1</a>").unwrap();
        let href_start = leader_home[..at].rfind("href=\"").unwrap() + 6;
        let record = leader_home[href_start..at - 1]
            .trim_end_matches("#contact-persons")
            .to_owned();
        let reply = app
            .post(
                &format!("{record}/contact-persons"),
                Some(&leader),
                &format!("contact1={}&contact2={}", t.kari.id, t.ola.id),
            )
            .await;
        assert_eq!(reply.status, 303, "{record}: {}", reply.body);
        let home = app.get("/", Some(&leader)).await;
        assert!(!listed(&home.body, "Y1") && listed(&home.body, "Y2"));
        // A contact person whose account is disabled no longer counts.
        let mut conn = app.store().conn().await.unwrap();
        gatelangs_storage::users::set_disabled(&mut conn, t.service.id, t.ola.id, true)
            .await
            .unwrap();
        drop(conn);
        let home = app.get("/", Some(&leader)).await;
        assert!(listed(&home.body, "Y1") && listed(&home.body, "Y3"));
    }
}
