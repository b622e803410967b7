//! Single sign-on with OpenID Connect (decision 0034): the authorization-code flow with PKCE,
//! state and nonce, against the municipality's identity provider, with the `openidconnect`
//! crate. The provider is discovered on every sign-in (two small requests), so a provider that
//! rotates its signing keys is followed without a restart.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenClaims,
    IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};

/// What the operator configures (`gatelangs serve --oidc-…`).
#[derive(Clone, Debug)]
pub struct SsoConfig {
    /// Exactly as the provider's discovery document spells `issuer`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The public URL of `/login/sso/callback`, as registered with the provider. Without it,
    /// the URL is built from the request's `Host` (the provider refuses any it does not know).
    pub redirect_url: Option<String>,
    /// The claim whose value is the Gatelangs username (a–z, 0–9, `.`, `_`, `-`), e.g.
    /// `preferred_username` or a provider's own claim such as `samaccountname`.
    pub user_claim: String,
    /// `acr` values that count as a second factor (their meaning is the provider's).
    pub accepted_acr: Vec<String>,
}

impl SsoConfig {
    /// Checks the URLs when the server starts, so a typing error is named there and not as a
    /// failed sign-in later.
    pub fn check(&self) -> Result<(), String> {
        IssuerUrl::new(self.issuer.clone())
            .map_err(|e| format!("the OpenID issuer {:?} is not a URL: {e}", self.issuer))?;
        if let Some(url) = &self.redirect_url {
            RedirectUrl::new(url.clone())
                .map_err(|e| format!("the OpenID redirect URL {url:?} is not a URL: {e}"))?;
        }
        if self.user_claim.trim().is_empty() {
            return Err("the OpenID user claim is empty".to_owned());
        }
        Ok(())
    }
}

/// Every claim that is not a standard one, by name, so any claim can map the user.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OtherClaims(pub HashMap<String, serde_json::Value>);
impl AdditionalClaims for OtherClaims {}

type IdFields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<IdFields, CoreTokenType>;
type Claims = IdTokenClaims<OtherClaims, CoreGenderClaim>;
/// The client after discovery and `set_redirect_uri`.
type OidcClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a sign-in did not give an identity. The user sees one message; the log gets this.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("the identity provider could not be reached or read: {0}")]
    Provider(String),
    #[error("the sign-in was not started here or has expired")]
    UnknownState,
    #[error("the identity provider refused: {0}")]
    Refused(String),
    #[error("the ID token was not accepted: {0}")]
    Token(String),
    #[error("the ID token has no claim {0:?} to find the user by")]
    NoUserClaim(String),
}

fn provider<E: std::fmt::Display>(e: E) -> SsoError {
    SsoError::Provider(e.to_string())
}

/// What must survive from the redirect to the callback, kept on the server and used once.
#[derive(Debug)]
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    redirect_url: String,
    started: Instant,
}

/// Sign-ins under way, by the random id of the browser's `gl_sso` cookie.
#[derive(Default)]
pub struct PendingLogins(Mutex<HashMap<String, Pending>>);

/// A sign-in not finished within this time is forgotten.
const PENDING_FOR: Duration = Duration::from_secs(10 * 60);
/// A bound on sign-ins under way, so anonymous requests cannot fill the memory.
const MAX_PENDING: usize = 10_000;

impl PendingLogins {
    fn put(&self, id: String, pending: Pending) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, p| p.started.elapsed() < PENDING_FOR);
        // Full of sign-ins nobody finished: the oldest gives way, not everyone's.
        if map.len() >= MAX_PENDING
            && let Some(oldest) = map
                .iter()
                .min_by_key(|(_, p)| p.started)
                .map(|(k, _)| k.clone())
        {
            map.remove(&oldest);
        }
        map.insert(id, pending);
    }

    fn take(&self, id: &str) -> Option<Pending> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(id).filter(|p| p.started.elapsed() < PENDING_FOR)
    }
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct SsoIdentity {
    /// The value of the configured user claim.
    pub username: String,
    pub subject: String,
    pub amr: Vec<String>,
    pub acr: Option<String>,
}

fn http_client() -> Result<reqwest::Client, SsoError> {
    // No redirects on the back channel: a provider's 302 must not make Gatelangs fetch an
    // internal address.
    reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(provider)
}

async fn discover(
    config: &SsoConfig,
    http: &reqwest::Client,
    redirect_url: &str,
) -> Result<OidcClient, SsoError> {
    let issuer = IssuerUrl::new(config.issuer.clone()).map_err(provider)?;
    let metadata = CoreProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(provider)?;
    Ok(OidcClient::from_provider_metadata(
        metadata,
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    .set_redirect_uri(RedirectUrl::new(redirect_url.to_owned()).map_err(provider)?))
}

/// Starts a sign-in: the provider's URL to send the browser to, and the id of the pending
/// sign-in for the browser's cookie.
pub async fn start(
    config: &SsoConfig,
    pending: &PendingLogins,
    redirect_url: &str,
) -> Result<(String, String), SsoError> {
    let http = http_client()?;
    let client = discover(config, &http, redirect_url).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("email".into()))
        .set_pkce_challenge(challenge)
        .url();
    let id = CsrfToken::new_random().secret().clone();
    pending.put(
        id.clone(),
        Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            redirect_url: redirect_url.to_owned(),
            started: Instant::now(),
        },
    );
    Ok((url.to_string(), id))
}

/// What the provider sent back to `/login/sso/callback`.
#[derive(Debug, Deserialize, Default)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Finishes the sign-in of the pending id `pending_id`: checks the state first (also for an
/// error answer), exchanges the code with the PKCE verifier, and verifies the ID token's
/// signature, issuer, audience, expiry and nonce.
pub async fn finish(
    config: &SsoConfig,
    pending: &PendingLogins,
    pending_id: Option<&str>,
    callback: Callback,
) -> Result<SsoIdentity, SsoError> {
    let started = pending_id
        .and_then(|id| pending.take(id))
        .ok_or(SsoError::UnknownState)?;
    let state = callback.state.unwrap_or_default();
    if !same(state.as_bytes(), started.state.as_bytes()) {
        return Err(SsoError::UnknownState);
    }
    if let Some(error) = callback.error {
        let description = callback.error_description.unwrap_or_default();
        return Err(SsoError::Refused(format!("{error} {description}")));
    }
    let code = callback
        .code
        .ok_or_else(|| SsoError::Refused("no code in the answer".into()))?;
    let http = http_client()?;
    let client = discover(config, &http, &started.redirect_url).await?;
    let tokens: Tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(provider)?
        .set_pkce_verifier(PkceCodeVerifier::new(started.verifier))
        .request_async(&http)
        .await
        .map_err(|e| SsoError::Refused(e.to_string()))?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| SsoError::Token("no ID token".into()))?;
    let claims: &Claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(started.nonce))
        .map_err(|e| SsoError::Token(e.to_string()))?;
    let username = claim(claims, &config.user_claim)
        .ok_or_else(|| SsoError::NoUserClaim(config.user_claim.clone()))?;
    Ok(SsoIdentity {
        username,
        subject: claims.subject().as_str().to_owned(),
        amr: claims
            .auth_method_refs()
            .map(|v| v.iter().map(|m| m.as_str().to_owned()).collect())
            .unwrap_or_default(),
        acr: claims.auth_context_ref().map(|a| a.as_str().to_owned()),
    })
}

/// A claim by name as text: standard claims through their JSON names, others as sent.
fn claim(claims: &Claims, name: &str) -> Option<String> {
    let value = match claims.additional_claims().0.get(name) {
        Some(v) => v.clone(),
        None => serde_json::to_value(claims).ok()?.get(name)?.clone(),
    };
    match value {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Compares secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn config(issuer: &str, redirect: Option<&str>) -> SsoConfig {
        SsoConfig {
            issuer: issuer.into(),
            client_id: "gatelangs".into(),
            client_secret: "secret".into(),
            redirect_url: redirect.map(Into::into),
            user_claim: "preferred_username".into(),
            accepted_acr: vec![],
        }
    }

    #[test]
    fn a_mistyped_url_is_named_at_start() {
        assert!(config("https://login.example.no", None).check().is_ok());
        let bad = config("login.example.no", None).check().unwrap_err();
        assert!(bad.contains("issuer \"login.example.no\""), "{bad}");
        let bad = config("https://login.example.no", Some("/login/sso/callback"))
            .check()
            .unwrap_err();
        assert!(bad.contains("redirect URL"), "{bad}");
    }

    #[test]
    fn secrets_are_compared_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(!same(b"", b"a"));
    }
}
