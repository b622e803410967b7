//! The password policy: at least 12 characters and not common or easy to guess.

/// A password that satisfies the policy. It is only ever hashed, never stored or printed.
pub struct NewPassword(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password is too common or too easy to guess")]
    TooCommon,
}

pub const MIN_PASSWORD_CHARS: usize = 12;

impl NewPassword {
    /// Checks `password` against the minimum length and against zxcvbn's lists of common
    /// passwords, names and keyboard patterns; `context` holds words an attacker would try first
    /// (the username, the person's name).
    pub fn parse(password: &str, context: &[&str]) -> Result<Self, PasswordError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if zxcvbn::zxcvbn(password, context).score() < zxcvbn::Score::Three {
            return Err(PasswordError::TooCommon);
        }
        Ok(Self(password.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("Kx9#vQ2!", &[]).err(),
            Some(PasswordError::TooShort)
        );
    }

    #[test]
    fn common_passwords_are_refused_even_when_long() {
        for common in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "iloveyou1234",
        ] {
            assert_eq!(
                NewPassword::parse(common, &[]).err(),
                Some(PasswordError::TooCommon),
                "{common} accepted"
            );
        }
    }

    #[test]
    fn the_username_does_not_make_a_password() {
        assert_eq!(
            NewPassword::parse("kari.nordmann", &["kari.nordmann"]).err(),
            Some(PasswordError::TooCommon)
        );
    }

    #[test]
    fn a_random_passphrase_is_accepted() {
        assert!(NewPassword::parse("tre-grønne-sykler-i-regnet", &[]).is_ok());
    }
}
