//! What every page's frame needs: the translator, the title and the navigation for the role.

use gatelangs_domain::Role;

use gatelangs_storage::sessions::Stage;

use crate::auth::{ActiveSession, Principal};
use crate::i18n::Tr;

pub struct Nav {
    pub username: String,
    pub service_name: String,
    pub show_audit: bool,
    pub show_field: bool,
    pub show_places: bool,
    pub show_admin: bool,
    pub show_counterparts: bool,
}

pub struct Layout {
    pub tr: Tr,
    pub title: String,
    pub nav: Option<Nav>,
    /// Which navigation entry is the current page.
    pub current: &'static str,
    /// The page's own path, where the language switch returns to.
    pub path: String,
}

impl Nav {
    fn new(username: &str, service_name: &str, role: Role) -> Self {
        Self {
            username: username.to_owned(),
            service_name: service_name.to_owned(),
            show_audit: role.can_review_audit_log(),
            show_field: matches!(role, Role::FieldWorker | Role::Leader),
            show_places: matches!(role, Role::Leader | Role::Admin),
            show_admin: role.can_administer(),
            show_counterparts: matches!(role, Role::Leader | Role::Admin),
        }
    }
}

impl Layout {
    pub fn for_principal(
        p: &Principal,
        title_key: &str,
        current: &'static str,
        path: &str,
    ) -> Self {
        let tr = p.tr();
        let nav = Nav::new(p.username(), &p.service().name, p.role());
        Self {
            title: tr.t(title_key),
            tr,
            nav: Some(nav),
            current,
            path: path.to_owned(),
        }
    }

    /// For pages reached during login: navigation only once the login is complete.
    pub fn for_session(
        active: &ActiveSession,
        title_key: &str,
        current: &'static str,
        path: &str,
    ) -> Self {
        let tr = Tr::new(active.lang());
        let nav = (active.session.stage == Stage::Full).then(|| {
            Nav::new(
                &active.user.username,
                &active.service.name,
                active.user.role,
            )
        });
        Self {
            title: tr.t(title_key),
            tr,
            nav,
            current,
            path: path.to_owned(),
        }
    }

    pub fn public(tr: Tr, title_key: &str, path: &str) -> Self {
        Self {
            title: tr.t(title_key),
            tr,
            nav: None,
            current: "",
            path: path.to_owned(),
        }
    }
}

pub fn role_label(tr: &Tr, role: Role) -> String {
    match role {
        Role::FieldWorker => tr.t("role-field-worker"),
        Role::Leader => tr.t("role-leader"),
        Role::Admin => tr.t("role-admin"),
        Role::Analyst => tr.t("role-analyst"),
    }
}
