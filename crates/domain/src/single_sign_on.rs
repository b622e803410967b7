//! Single sign-on: when an identity provider's sign-in counts as the second factor.
//!
//! A provider says how the user signed in with `amr` (RFC 8176 method references) and `acr` (an
//! assurance level whose names each provider defines, e.g. ID-porten's `idporten-loa-high`).
//! Gatelangs trusts `amr` only when it names more than one kind of factor; an `acr` only when the
//! operator listed it, since its meaning is the provider's.

/// Methods that prove something the user has or is (RFC 8176 § 2): with any other method they
/// make a second factor.
const POSSESSION_OR_INHERENCE: &[&str] = &[
    "hwk", "swk", "sc", "otp", "sms", "tel", "fpt", "face", "iris", "retina", "vbm",
];

/// Whether the provider asserted a second factor: `amr` holds `mfa` (several factors), or a
/// possession or inherence method together with any other method; or `acr` is one of
/// `accepted_acr`.
pub fn second_factor_asserted(amr: &[String], acr: Option<&str>, accepted_acr: &[String]) -> bool {
    let strong = amr
        .iter()
        .any(|m| POSSESSION_OR_INHERENCE.contains(&m.as_str()));
    amr.iter().any(|m| m == "mfa")
        || (strong && amr_distinct(amr))
        || acr.is_some_and(|a| accepted_acr.iter().any(|x| x == a))
}

/// Two entries of the same method are one method.
fn amr_distinct(amr: &[String]) -> bool {
    let mut seen: Vec<&str> = amr.iter().map(String::as_str).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amr(methods: &[&str]) -> Vec<String> {
        methods.iter().map(|m| (*m).to_owned()).collect()
    }

    #[test]
    fn a_password_and_a_one_time_code_are_two_factors() {
        assert!(second_factor_asserted(&amr(&["pwd", "otp"]), None, &[]));
        assert!(second_factor_asserted(&amr(&["hwk", "pin"]), None, &[]));
        assert!(second_factor_asserted(&amr(&["mfa"]), None, &[]));
    }

    #[test]
    fn one_method_or_one_kind_is_not() {
        assert!(!second_factor_asserted(&amr(&["pwd"]), None, &[]));
        assert!(!second_factor_asserted(&amr(&["otp"]), None, &[]));
        assert!(!second_factor_asserted(&amr(&["otp", "otp"]), None, &[]));
        assert!(!second_factor_asserted(&amr(&["pwd", "kba"]), None, &[]));
        assert!(!second_factor_asserted(&[], None, &[]));
    }

    #[test]
    fn an_assurance_level_counts_only_when_the_operator_listed_it() {
        let high = vec!["idporten-loa-high".to_owned()];
        assert!(second_factor_asserted(
            &amr(&["pwd"]),
            Some("idporten-loa-high"),
            &high
        ));
        assert!(!second_factor_asserted(
            &amr(&["pwd"]),
            Some("idporten-loa-high"),
            &[]
        ));
        assert!(!second_factor_asserted(
            &[],
            Some("idporten-loa-low"),
            &high
        ));
    }
}
