//! From a request to the authenticated principal.
//!
//! The session is looked up once per request and cached in the request's extensions. A
//! [`Principal`] exists only for a fully logged-in user (password and, where required, second
//! factor); its service is the one the handler acts in.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use gatelangs_domain::{Role, ServiceId, UserId};
use gatelangs_storage::services::Service;
use gatelangs_storage::sessions::{self, Session, Stage};
use gatelangs_storage::users::User;

use super::cookies;
use crate::error::{AppError, ErrorKey};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

/// A session that has not expired, whatever its stage, with its user and service.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    pub session: Session,
    pub user: User,
    pub service: Service,
}

impl ActiveSession {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.user.language).unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
enum Resolved {
    Anonymous,
    Expired,
    Active(Arc<ActiveSession>),
}

async fn resolve(parts: &mut Parts, state: &AppState) -> Result<Resolved, AppError> {
    if let Some(resolved) = parts.extensions.get::<Resolved>() {
        return Ok(resolved.clone());
    }
    let resolved = match cookies::get(&parts.headers, cookies::SESSION) {
        None => Resolved::Anonymous,
        Some(token) => lookup(state, token).await?,
    };
    parts.extensions.insert(resolved.clone());
    Ok(resolved)
}

async fn lookup(state: &AppState, token: &str) -> Result<Resolved, AppError> {
    // Every request needs its session; a burst is served from the short-lived cache, and only
    // expiry and the occasional touch write.
    let cached = state.sessions.get(&sessions::hash_token(token));
    let found = match &cached {
        Some(active) => Some((
            active.session.clone(),
            active.user.clone(),
            active.service.clone(),
        )),
        None => {
            let mut reader = state.store.read_conn().await?;
            sessions::find_active(&mut reader, token).await?
        }
    };
    let Some((mut session, user, service)) = found else {
        return Ok(Resolved::Expired);
    };
    let now = gatelangs_storage::now();
    let idle = i64::try_from(state.config.session_idle.as_secs()).unwrap_or(i64::MAX);
    let max = i64::try_from(state.config.session_max.as_secs()).unwrap_or(i64::MAX);
    if now - session.last_seen_at > idle || now - session.created_at > max {
        state.sessions.clear();
        sessions::delete(&mut *state.store.conn().await?, &session.token_hash).await?;
        return Ok(Resolved::Expired);
    }
    if user.disabled {
        state.sessions.clear();
        sessions::delete(&mut *state.store.conn().await?, &session.token_hash).await?;
        return Ok(Resolved::Anonymous);
    }
    // Recording every request would make each one a durable write; a step of at most a minute
    // (a quarter of the idle timeout when that is shorter) is precise enough for expiry.
    let step = (idle / 4).min(60);
    if now - session.last_seen_at > step {
        sessions::touch(&mut *state.store.conn().await?, &session.token_hash, now).await?;
        session.last_seen_at = now;
    } else if let Some(active) = cached {
        return Ok(Resolved::Active(active));
    }
    let active = Arc::new(ActiveSession {
        session,
        user,
        service,
    });
    state.sessions.put(active.clone());
    Ok(Resolved::Active(active))
}

/// Why a request has no principal, and where the user should go instead.
#[derive(Debug)]
pub enum AuthRejection {
    Login { expired: bool },
    SecondFactor,
    Enrol,
    Api,
    Error(AppError),
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            AuthRejection::Login { expired: false } => Redirect::to("/login").into_response(),
            AuthRejection::Login { expired: true } => {
                Redirect::to("/login?expired=1").into_response()
            }
            AuthRejection::SecondFactor => Redirect::to("/login/two-factor").into_response(),
            AuthRejection::Enrol => Redirect::to("/account/two-factor").into_response(),
            AuthRejection::Api => {
                let mut r = axum::http::StatusCode::UNAUTHORIZED.into_response();
                r.extensions_mut().insert(ErrorKey("error-unauthenticated"));
                r
            }
            AuthRejection::Error(e) => e.into_response(),
        }
    }
}

/// A fully authenticated user acting in their own service.
#[derive(Debug, Clone)]
pub struct Principal {
    active: Arc<ActiveSession>,
}

impl Principal {
    /// The logged-in user as the use-case layer knows them.
    pub fn actor(&self) -> gatelangs_app::Actor {
        gatelangs_app::Actor::user(self.service_id(), self.user_id(), self.role())
    }

    pub fn user_id(&self) -> UserId {
        self.active.user.id
    }
    /// The service every query of this request is scoped to.
    pub fn service_id(&self) -> ServiceId {
        self.active.service.id
    }
    pub fn service(&self) -> &Service {
        &self.active.service
    }
    pub fn role(&self) -> Role {
        self.active.user.role
    }
    pub fn username(&self) -> &str {
        &self.active.user.username
    }
    pub fn name(&self) -> &str {
        &self.active.user.name
    }
    pub fn lang(&self) -> Lang {
        self.active.lang()
    }
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang())
    }
    pub fn has_two_factor(&self) -> bool {
        self.active.user.has_two_factor()
    }
    pub fn session_token_hash(&self) -> &str {
        &self.active.session.token_hash
    }
    pub fn tz(&self) -> jiff::tz::TimeZone {
        self.active.service.tz()
    }
    /// Today in the service's time zone.
    pub fn today(&self) -> jiff::civil::Date {
        jiff::Timestamp::now().to_zoned(self.tz()).date()
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let resolved = resolve(parts, state).await.map_err(AuthRejection::Error)?;
        match resolved {
            Resolved::Active(active) if active.session.stage == Stage::Full => {
                Ok(Principal { active })
            }
            _ if api => Err(AuthRejection::Api),
            Resolved::Active(active) => Err(match active.session.stage {
                Stage::SecondFactor => AuthRejection::SecondFactor,
                _ => AuthRejection::Enrol,
            }),
            Resolved::Expired => Err(AuthRejection::Login { expired: true }),
            Resolved::Anonymous => Err(AuthRejection::Login { expired: false }),
        }
    }
}

/// A session at any stage: for the second-factor and enrolment pages.
pub struct AnySession(pub Arc<ActiveSession>);

impl FromRequestParts<AppState> for AnySession {
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match resolve(parts, state).await.map_err(AuthRejection::Error)? {
            Resolved::Active(active) => Ok(AnySession(active)),
            Resolved::Expired => Err(AuthRejection::Login { expired: true }),
            Resolved::Anonymous => Err(AuthRejection::Login { expired: false }),
        }
    }
}

/// Anyone, logged in or not: their language and, if logged in, who they are.
pub struct Visitor {
    pub lang: Lang,
    pub principal: Option<Principal>,
}

impl Visitor {
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let principal = match resolve(parts, state).await? {
            Resolved::Active(active) if active.session.stage == Stage::Full => {
                Some(Principal { active })
            }
            _ => None,
        };
        let lang = principal
            .as_ref()
            .map(Principal::lang)
            .unwrap_or_else(|| cookies::request_language(&parts.headers));
        Ok(Visitor { lang, principal })
    }
}

/// The client's address, for login throttling and the audit log. Behind a reverse proxy the
/// peer is the proxy; its `X-Forwarded-For` is believed only when the peer is one of the
/// configured trusted proxies (`--trusted-proxy`), so a client cannot pick its own address.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let info = ConnectInfo::<SocketAddr>::from_request_parts(parts, state).await;
        let peer = info.ok().map(|ConnectInfo(addr)| addr.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        Ok(ClientAddr(client_address(
            peer,
            &forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client behind `peer`: when `peer` is a trusted proxy, the nearest address in
/// `X-Forwarded-For` (read from the right, as each proxy appends the one it saw) that is not
/// itself a trusted proxy; otherwise `peer`. An unreadable entry stops the walk at the last
/// trusted hop, so garbage cannot choose an address.
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: &str,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let mut client = peer?;
    if !trusted.contains(&client) {
        return Some(client);
    }
    for hop in forwarded_for
        .rsplit(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
    {
        let Ok(addr) = hop.parse::<IpAddr>() else {
            break;
        };
        client = addr;
        if !trusted.contains(&addr) {
            break;
        }
    }
    Some(client)
}

#[cfg(test)]
mod client_address_tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.1");
        let trusted = [proxy, ip("10.0.0.2")];
        // Not from a proxy: the header is the client's own claim and is ignored.
        assert_eq!(
            client_address(Some(ip("198.51.100.7")), "203.0.113.5", &trusted),
            Some(ip("198.51.100.7"))
        );
        // From the proxy: the address it saw.
        assert_eq!(
            client_address(Some(proxy), "203.0.113.5", &trusted),
            Some(ip("203.0.113.5"))
        );
        // A client that sends its own header first cannot choose: the proxy appended the real one.
        assert_eq!(
            client_address(Some(proxy), "1.2.3.4, 203.0.113.5", &trusted),
            Some(ip("203.0.113.5"))
        );
        // Two trusted proxies in a row.
        assert_eq!(
            client_address(Some(proxy), "203.0.113.5, 10.0.0.2", &trusted),
            Some(ip("203.0.113.5"))
        );
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            client_address(Some(proxy), "203.0.113.5, not-an-ip", &trusted),
            Some(proxy)
        );
        assert_eq!(client_address(Some(proxy), "", &trusted), Some(proxy));
        assert_eq!(client_address(None, "203.0.113.5", &trusted), None);
        // Without configured proxies nothing is believed.
        assert_eq!(client_address(Some(proxy), "203.0.113.5", &[]), Some(proxy));
    }
}
