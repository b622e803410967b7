//! Time-based one-time passwords (RFC 6238): 6 digits, 30-second steps, SHA-1 — what every
//! authenticator app reads from the QR code. The QR code is drawn by the server as SVG, so the
//! secret never leaves it.

use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

const STEP_SECONDS: u64 = 30;
const ISSUER: &str = "Gatelangs";

/// A new random 160-bit secret, base32-encoded.
pub fn new_secret() -> String {
    let mut bytes = [0_u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_owned()),
        account.to_owned(),
    )
    .ok()
}

/// The time step whose code equals `code`, allowing one step of clock drift either way.
/// The caller must refuse a step not newer than the last accepted one (replay).
pub fn matching_step(secret: &str, code: &str, now: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, "x")?;
    let now_step = now / STEP_SECONDS;
    [now_step.saturating_sub(1), now_step, now_step + 1]
        .into_iter()
        .find(|step| totp.generate(step * STEP_SECONDS) == code)
        .and_then(|step| i64::try_from(step).ok())
}

/// The current step, recorded at enrolment so a code used to enrol cannot log in again.
pub fn current_step(now: u64) -> i64 {
    i64::try_from(now / STEP_SECONDS).unwrap_or(i64::MAX)
}

/// The `otpauth://` QR code as inline SVG with an accessible name.
pub fn qr_svg(secret: &str, account: &str, label: &str) -> Option<String> {
    let url = totp(secret, account)?.get_url();
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build();
    let start = svg.find("<svg")?;
    let label = label.replace(['"', '<', '>', '&'], "");
    Some(svg[start..].replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"{label}\""),
        1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_code_matches_its_step_and_drift_is_tolerated() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = totp(&secret, "kari")
            .map(|t| t.generate(now))
            .unwrap_or_default();
        assert_eq!(matching_step(&secret, &code, now), Some(current_step(now)));
        assert_eq!(
            matching_step(&secret, &code, now + 30),
            Some(current_step(now))
        );
        assert_eq!(matching_step(&secret, &code, now + 300), None);
        assert_eq!(matching_step(&secret, "12345", now), None);
    }

    #[test]
    fn the_qr_code_is_inline_svg_with_a_name() {
        let svg = qr_svg(&new_secret(), "kari", "QR code").unwrap_or_default();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"QR code\""));
    }
}
