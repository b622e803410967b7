//! Translations through Fluent: Norwegian bokmål by default, English second. Every text a user
//! reads comes from `locales/{nb,en}/main.ftl`.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nb",
        // Unicode isolation marks would show up as stray characters in HTML attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NB: LazyLock<LanguageIdentifier> = LazyLock::new(|| "nb".parse().expect("valid tag"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().expect("valid tag"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    Nb,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nb, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nn" | "nb-no" | "nn-no" | "no-no" => Some(Lang::Nb),
            c if c == "en" || c.starts_with("en-") => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, in the client's order.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut tags: Vec<(f32, &str)> = header
            .split(',')
            .filter_map(|part| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((q, tag))
            })
            .collect();
        tags.sort_by(|a, b| b.0.total_cmp(&a.0));
        tags.into_iter().find_map(|(_, tag)| Lang::from_code(tag))
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Nb => &NB,
            Lang::En => &EN,
        }
    }
}

/// The translator handed to templates: `{{ tr.t("login-title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.lang.id(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// A message with one text variable, e.g. `t1("home-welcome", "name", "Kari")`.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.with_arg(key, name, FluentValue::from(value.to_owned()))
    }

    /// A message with one number, which also picks the plural form.
    pub fn tn(&self, key: &str, name: &'static str, n: impl std::borrow::Borrow<usize>) -> String {
        self.with_arg(key, name, FluentValue::from(*n.borrow()))
    }

    /// A message with several text variables.
    pub fn t_args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let args: HashMap<std::borrow::Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(name, value)| ((*name).into(), FluentValue::from((*value).to_owned())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.lang.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    fn with_arg(&self, key: &str, name: &'static str, value: FluentValue<'static>) -> String {
        let mut args = HashMap::new();
        args.insert(name.into(), value);
        LOCALES
            .try_lookup_with_args(self.lang.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// A whole number as the language writes it: `41 878` in bokmål (a no-break space groups
    /// thousands), `41,878` in English.
    pub fn num(&self, n: impl std::borrow::Borrow<i64>) -> String {
        let n = *n.borrow();
        let digits = n.unsigned_abs().to_string();
        let sep = match self.lang {
            Lang::Nb => '\u{a0}',
            Lang::En => ',',
        };
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next().map(|id| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let nb = message_ids(include_str!("../locales/nb/main.ftl"));
        let en = message_ids(include_str!("../locales/en/main.ftl"));
        assert!(nb.len() > 20);
        assert_eq!(
            nb.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in en"
        );
        assert_eq!(
            en.difference(&nb).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in nb"
        );
    }

    /// Every string literal in the code that looks like a message id (words joined by '-',
    /// starting with a prefix the catalogue uses), and every id a template translates, must
    /// have a message.
    #[test]
    fn every_key_used_in_a_template_or_the_code_exists() {
        let nb = message_ids(include_str!("../locales/nb/main.ftl"));
        let prefixes: BTreeSet<&str> = nb.iter().filter_map(|id| id.split('-').next()).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = BTreeSet::new();
        collect_literals(&root.join("src"), &mut used);
        // In templates, only what is passed to the translator (ids and classes look alike).
        for entry in std::fs::read_dir(root.join("templates")).expect("templates") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            for marker in [".t(\"", ".t1(\"", ".tn(\""] {
                used.extend(
                    text.split(marker)
                        .skip(1)
                        .filter_map(|p| p.split('"').next())
                        .map(str::to_owned),
                );
            }
        }
        let keys: Vec<&String> = used
            .iter()
            .filter(|lit| {
                lit.contains('-')
                    && lit.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && lit.split('-').next().is_some_and(|p| prefixes.contains(p))
            })
            .collect();
        assert!(keys.len() > 40, "only {} keys found", keys.len());
        let missing: Vec<_> = keys.into_iter().filter(|k| !nb.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "keys without a translation: {missing:?}"
        );
    }

    fn collect_literals(dir: &std::path::Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                collect_literals(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("text");
            for (i, piece) in text.split('"').enumerate() {
                if i % 2 == 1 {
                    out.insert(piece.to_owned());
                }
            }
        }
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        assert_eq!(Tr::new(Lang::Nb).num(41_878), "41\u{a0}878");
        assert_eq!(Tr::new(Lang::En).num(1_234_567), "1,234,567");
        assert_eq!(Tr::new(Lang::Nb).num(999), "999");
        assert_eq!(Tr::new(Lang::Nb).num(-1_000), "-1\u{a0}000");
    }

    #[test]
    fn bokmal_is_the_default_and_english_is_understood() {
        assert_eq!(Lang::default(), Lang::Nb);
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(
            Lang::from_accept_language("de, nb;q=0.8, en;q=0.5"),
            Some(Lang::Nb)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
        assert_eq!(Tr::new(Lang::En).t("nav-log-out"), "Log out");
        assert_eq!(Tr::new(Lang::Nb).t("nav-log-out"), "Logg ut");
    }
}
