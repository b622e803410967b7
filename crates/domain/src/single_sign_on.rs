//! Single sign-on: when an identity provider's sign-in counts as the second factor.
//!
//! A provider says how the user signed in with `amr` (RFC 8176 method references) and `acr` (an
//! assurance level whose names each provider defines, e.g. ID-porten's `idporten-loa-high`).
//! Gatelangs trusts `amr` only when it names two kinds of factor (something the user knows, has,
//! or is) or says `mfa`; an `acr` only when the operator listed it, since its meaning is the
//! provider's.

/// The kinds of factor (RFC 8176 § 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Knows,
    Has,
    Is,
}

fn kind(method: &str) -> Option<Kind> {
    match method {
        "pwd" | "pin" | "kba" => Some(Kind::Knows),
        "hwk" | "swk" | "sc" | "otp" | "sms" | "tel" => Some(Kind::Has),
        "fpt" | "face" | "iris" | "retina" | "vbm" => Some(Kind::Is),
        _ => None,
    }
}

/// Whether the provider asserted a second factor: `amr` holds `mfa`, or methods of two kinds;
/// or `acr` is one of `accepted_acr`.
pub fn second_factor_asserted(amr: &[String], acr: Option<&str>, accepted_acr: &[String]) -> bool {
    let mut kinds: Vec<Kind> = amr.iter().filter_map(|m| kind(m)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    amr.iter().any(|m| m == "mfa")
        || kinds.len() >= 2
        || acr.is_some_and(|a| accepted_acr.iter().any(|x| x == a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amr(methods: &[&str]) -> Vec<String> {
        methods.iter().map(|m| (*m).to_owned()).collect()
    }

    #[test]
    fn two_kinds_of_factor_are_a_second_factor() {
        assert!(second_factor_asserted(&amr(&["pwd", "otp"]), None, &[]));
        assert!(second_factor_asserted(&amr(&["hwk", "pin"]), None, &[]));
        assert!(second_factor_asserted(&amr(&["swk", "face"]), None, &[]));
        assert!(second_factor_asserted(&amr(&["mfa"]), None, &[]));
    }

    #[test]
    fn one_kind_or_unknown_methods_are_not() {
        for methods in [
            &["pwd"][..],
            &["otp"],
            &["otp", "otp"],
            &["otp", "sms"],
            &["hwk", "swk"],
            &["fpt", "face"],
            &["pwd", "kba"],
            &["otp", "geo"],
            &["pwd", "rba", "wia"],
            &[],
        ] {
            assert!(
                !second_factor_asserted(&amr(methods), None, &[]),
                "{methods:?}"
            );
        }
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
