//! A test client for the whole application on each backend, with fixture builders for services
//! and users of every role.

#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use gatelangs_domain::{
    AuditAction, AuditEvent, DisplayName, NewPassword, Role, ServiceName, ServiceSlug,
    ServiceTimeZone, Username,
};
use gatelangs_storage::services::{NewService, Service};
use gatelangs_storage::sessions::{self, Stage};
use gatelangs_storage::users::{self, NewUser, User};
use gatelangs_storage::{Store, audit, services};
use gatelangs_testkit::TestDb;
use gatelangs_web::auth::password;
use gatelangs_web::{AppState, WebConfig};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "grønne-sykler-i-regnet";

pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
    /// The session token set by this response, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("gl_session="))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
            .filter(|c| !c.is_empty())
    }
}

impl TestApp {
    pub fn store(&self) -> &Store {
        &self.db.store
    }

    pub fn name(&self) -> String {
        format!("{:?}", self.db.backend())
    }

    /// Sends a request as a browser on this site would (same-origin fetch metadata).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        session: Option<&str>,
        form: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header("sec-fetch-site", "same-origin");
        if let Some(token) = session {
            req = req.header(header::COOKIE, format!("gl_session={token}"));
        }
        let body = match form {
            Some(f) => {
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(f.to_owned())
            }
            None => Body::empty(),
        };
        self.raw(req.body(body).unwrap()).await
    }

    /// Posts a multipart form of `(name, file name, bytes)` parts as a browser on this site
    /// would; a part without a file name is a plain field.
    pub async fn post_multipart(
        &self,
        path: &str,
        session: Option<&str>,
        parts: &[(&str, Option<&str>, &[u8])],
    ) -> Reply {
        let boundary = "gatelangs-test-boundary";
        let mut body = Vec::new();
        for (name, file, bytes) in parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let disposition = match file {
                Some(f) => format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ),
                None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
            };
            body.extend_from_slice(disposition.as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header("sec-fetch-site", "same-origin")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            );
        if let Some(token) = session {
            req = req.header(header::COOKIE, format!("gl_session={token}"));
        }
        self.raw(req.body(Body::from(body)).unwrap()).await
    }

    pub async fn raw(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&self, path: &str, session: Option<&str>) -> Reply {
        self.send(Method::GET, path, session, None).await
    }

    pub async fn post(&self, path: &str, session: Option<&str>, form: &str) -> Reply {
        self.send(Method::POST, path, session, Some(form)).await
    }

    pub async fn service(&self, slug: &str, require_two_factor: bool) -> Service {
        let mut conn = self.store().conn().await.unwrap();
        let new = NewService {
            slug: ServiceSlug::parse(slug).unwrap(),
            name: ServiceName::parse(&format!("Team {slug}")).unwrap(),
            municipality: None,
            time_zone: ServiceTimeZone::oslo(),
            require_two_factor,
            is_demo: false,
        };
        services::create(&mut conn, &new).await.unwrap()
    }

    /// A user with the password [`PASSWORD`].
    pub async fn user(&self, service: &Service, username: &str, role: Role) -> User {
        let hash = password::hash(NewPassword::parse(PASSWORD, &[]).unwrap())
            .await
            .unwrap();
        let mut tx = self.store().begin().await.unwrap();
        let user = users::create(
            &mut tx,
            &NewUser {
                service: service.id,
                username: &Username::parse(username).unwrap(),
                name: &DisplayName::parse(&format!("Name of {username}")).unwrap(),
                role,
                password_hash: Some(hash),
            },
        )
        .await
        .unwrap();
        let event = AuditEvent::new(
            Some(user.id),
            AuditAction::UserCreated,
            format!("user:{username}"),
        );
        audit::append(&mut tx, self.store().audit_key(), Some(service.id), &event)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        user
    }

    /// A fully logged-in session for `user`, as if the login had just completed.
    pub async fn session_for(&self, user: &User) -> String {
        let mut conn = self.store().conn().await.unwrap();
        sessions::create(&mut conn, user.id, user.service_id, Stage::Full)
            .await
            .unwrap()
    }

    /// Logs in through the login form and returns the session token and where it led.
    pub async fn login(&self, username: &str, password: &str) -> Reply {
        let form = format!("username={username}&password={}", urlencode(password));
        self.post("/login", None, &form).await
    }

    /// A place (in a district named after it) of `kind`.
    pub async fn place(
        &self,
        service: &Service,
        name: &str,
        kind: gatelangs_domain::field::PlaceKind,
    ) -> gatelangs_storage::places::Place {
        use gatelangs_storage::places::{self, PlaceFields};
        let mut conn = self.store().conn().await.unwrap();
        let district = match places::find_district(&mut conn, service.id, "Sentrum")
            .await
            .unwrap()
        {
            Some(d) => d,
            None => places::create_district(&mut conn, service.id, "Sentrum")
                .await
                .unwrap(),
        };
        let fields = PlaceFields {
            district_id: district.id,
            name: name.into(),
            kind,
            school_level: None,
            lat: None,
            lon: None,
        };
        places::create_place(&mut conn, service.id, &fields)
            .await
            .unwrap()
    }

    /// Posts JSON as the field page does.
    pub async fn post_json(
        &self,
        path: &str,
        session: Option<&str>,
        json: serde_json::Value,
    ) -> Reply {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "127.0.0.1:8080")
            .header("sec-fetch-site", "same-origin")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = session {
            req = req.header(header::COOKIE, format!("gl_session={token}"));
        }
        self.raw(req.body(Body::from(json.to_string())).unwrap())
            .await
    }

    /// Counts rows of a table (for "nothing changed" checks).
    /// Imports `gatelangs_testkit::presence_bundle` as the service `team` and returns it.
    pub async fn presence_service(&self) -> Service {
        let dir = tempfile::tempdir().unwrap();
        gatelangs_testkit::presence_bundle::write(dir.path());
        let bundle = gatelangs_interchange::read_bundle(dir.path()).unwrap();
        gatelangs_interchange::import(self.store(), "team", &bundle, None)
            .await
            .unwrap();
        let mut conn = self.store().conn().await.unwrap();
        gatelangs_storage::services::find_by_slug(&mut conn, "team")
            .await
            .unwrap()
            .unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let mut conn = self.store().conn().await.unwrap();
        gatelangs_testkit::fetch_i64(&mut conn, sql).await
    }

    /// The action codes of the audit log, oldest first.
    pub async fn audit_codes(&self) -> Vec<String> {
        let mut conn = self.store().conn().await.unwrap();
        gatelangs_testkit::fetch_text_rows(&mut conn, "SELECT action FROM audit_log ORDER BY seq")
            .await
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn app_for(db: TestDb, config: WebConfig) -> TestApp {
    let state = AppState::new(db.store.clone(), config);
    let router = gatelangs_web::app(state)
        .layer(MockConnectInfo(SocketAddr::from(([192, 0, 2, 10], 50_000))));
    TestApp { db, router }
}

/// The application on a fresh database of each backend.
pub async fn each_app() -> Vec<TestApp> {
    each_app_with(WebConfig::default()).await
}

pub async fn each_app_with(config: WebConfig) -> Vec<TestApp> {
    gatelangs_testkit::each_backend()
        .await
        .into_iter()
        .map(|db| app_for(db, config.clone()))
        .collect()
}

/// The text of a PDF as a real reader extracts it (`pdftotext` from poppler-utils, which
/// `scripts/test` installs).
#[allow(dead_code)]
pub fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-q", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) must be installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
