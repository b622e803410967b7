//! The two cookies Gatelangs sets: the session token and the chosen language.

use axum::http::{HeaderMap, HeaderValue, header};

use crate::i18n::Lang;

pub const SESSION: &str = "gl_session";
pub const LANGUAGE: &str = "gl_lang";

/// The value of cookie `name` in a request.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// HttpOnly so scripts cannot read it; SameSite=Lax so other sites' forms do not carry it;
/// Secure whenever the service runs behind TLS.
pub fn session(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("gl_session=; Path=/"))
}

pub fn clear_session(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static("gl_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0")
    } else {
        HeaderValue::from_static("gl_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }
}

pub fn language(lang: Lang) -> HeaderValue {
    match lang {
        Lang::Nb => HeaderValue::from_static("gl_lang=nb; Path=/; Max-Age=31536000; SameSite=Lax"),
        Lang::En => HeaderValue::from_static("gl_lang=en; Path=/; Max-Age=31536000; SameSite=Lax"),
    }
}

/// The language of a request without a logged-in user: the cookie, then the browser's wish,
/// then bokmål.
pub fn request_language(headers: &HeaderMap) -> Lang {
    get(headers, LANGUAGE)
        .and_then(Lang::from_code)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; gl_session=abc; gl_lang=en"),
        );
        assert_eq!(get(&h, SESSION), Some("abc"));
        assert_eq!(request_language(&h), Lang::En);
        assert_eq!(get(&h, "b"), None);
    }

    #[test]
    fn the_session_cookie_is_http_only_and_same_site() {
        let c = session("t", true);
        let c = c.to_str().unwrap_or_default();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.contains("Secure"));
        assert!(
            !session("t", false)
                .to_str()
                .unwrap_or_default()
                .contains("Secure")
        );
    }
}
