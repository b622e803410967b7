//! What the audit log records. Every entry is one of these typed actions, so a caller cannot
//! invent an unreviewable free-text event.

use crate::UserId;

/// How a user came to see personal data: the basis written with every access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessBasis {
    /// One of the youth's two contact persons.
    ContactPerson,
    /// A leader of the service.
    Leader,
    /// Emergency access ("break the glass"): the id of the access, whose reason is kept
    /// sealed with it (the log refers to the access, never copies its reason).
    Emergency { access: String },
    /// An administrator's logged action (import, export, innsyn copy).
    Administration,
}

impl AccessBasis {
    pub fn code(&self) -> &'static str {
        match self {
            AccessBasis::ContactPerson => "contact_person",
            AccessBasis::Leader => "leader",
            AccessBasis::Emergency { .. } => "emergency",
            AccessBasis::Administration => "administration",
        }
    }
}

/// What was done with personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalDataAccess {
    Read,
    Change,
    Export,
}

impl PersonalDataAccess {
    pub fn code(self) -> &'static str {
        match self {
            PersonalDataAccess::Read => "read",
            PersonalDataAccess::Change => "change",
            PersonalDataAccess::Export => "export",
        }
    }
}

/// The kinds of event the audit log holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    Logout,
    SetupCompleted,
    UserCreated,
    UserDisabled,
    /// A disabled account may log in again.
    UserEnabled,
    /// An administrator took away a user's password and second factor and issued a one-time
    /// link to choose a new password.
    CredentialsReset,
    /// Too many wrong second-factor codes in a row: the account is locked.
    SecondFactorLocked,
    /// An administrator lifted a second-factor lock.
    SecondFactorUnlocked,
    PasswordChanged,
    RoleChanged,
    LanguageChanged,
    TwoFactorEnrolled,
    RecoveryCodeUsed,
    ServiceCreated,
    ServiceChanged,
    /// A bundle was imported; the detail counts what was created per file.
    DataImported,
    /// A bundle was exported.
    DataExported,
    /// A district or place was created, changed, moved, archived or deleted.
    PlaceChanged,
    /// A field contact was corrected after it was registered.
    ContactCorrected,
    /// A field contact was undone (it stops counting; the id stays taken).
    ContactUndone,
    /// The data-encryption keys were rotated; the detail counts the re-sealed values.
    KeysRotated,
    /// Emergency access to a youth's record was taken; the detail names the access (its reason
    /// is sealed with it).
    EmergencyAccessGranted,
    /// A leader reviewed an emergency access.
    EmergencyAccessReviewed,
    /// Someone searched for a youth by exact name and birth date; the detail counts the hits.
    YouthSearched,
    /// Someone tried to open a youth's record without a basis; the detail says why it was refused.
    RecordAccessRefused,
    /// A read, change or export of personal data, with the basis it happened on.
    PersonalData {
        access: PersonalDataAccess,
        basis: AccessBasis,
    },
}

impl AuditAction {
    /// The stable code stored in the log and used by filters.
    pub fn code(&self) -> String {
        match self {
            AuditAction::LoginSucceeded => "login".into(),
            AuditAction::LoginFailed => "login_failed".into(),
            AuditAction::Logout => "logout".into(),
            AuditAction::SetupCompleted => "setup_completed".into(),
            AuditAction::UserCreated => "user_created".into(),
            AuditAction::UserDisabled => "user_disabled".into(),
            AuditAction::UserEnabled => "user_enabled".into(),
            AuditAction::CredentialsReset => "credentials_reset".into(),
            AuditAction::SecondFactorLocked => "second_factor_locked".into(),
            AuditAction::SecondFactorUnlocked => "second_factor_unlocked".into(),
            AuditAction::PasswordChanged => "password_changed".into(),
            AuditAction::RoleChanged => "role_changed".into(),
            AuditAction::LanguageChanged => "language_changed".into(),
            AuditAction::TwoFactorEnrolled => "two_factor_enrolled".into(),
            AuditAction::RecoveryCodeUsed => "recovery_code_used".into(),
            AuditAction::ServiceCreated => "service_created".into(),
            AuditAction::ServiceChanged => "service_changed".into(),
            AuditAction::DataImported => "data_imported".into(),
            AuditAction::DataExported => "data_exported".into(),
            AuditAction::PlaceChanged => "place_changed".into(),
            AuditAction::ContactCorrected => "contact_corrected".into(),
            AuditAction::ContactUndone => "contact_undone".into(),
            AuditAction::KeysRotated => "keys_rotated".into(),
            AuditAction::EmergencyAccessGranted => "emergency_access_granted".into(),
            AuditAction::EmergencyAccessReviewed => "emergency_access_reviewed".into(),
            AuditAction::RecordAccessRefused => "record_access_refused".into(),
            AuditAction::YouthSearched => "youth_searched".into(),
            AuditAction::PersonalData { access, basis } => {
                format!("personal_data_{}:{}", access.code(), basis.code())
            }
        }
    }
}

/// One event to append to the audit log: who did what to which subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor: Option<UserId>,
    pub action: AuditAction,
    /// What the action concerned, e.g. `user:kari` or `youth:<id>`. Never a name or a note.
    pub subject: String,
    /// Extra facts that help a reviewer (client address, emergency reason). No personal data.
    pub detail: String,
}

impl AuditEvent {
    pub fn new(actor: Option<UserId>, action: AuditAction, subject: impl Into<String>) -> Self {
        Self {
            actor,
            action,
            subject: subject.into(),
            detail: String::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// The entry every read, change or export of personal data must write. An emergency
    /// access is named by its id, which the leader's review and the youth's access list resolve.
    pub fn personal_data(
        actor: UserId,
        access: PersonalDataAccess,
        basis: AccessBasis,
        subject: impl Into<String>,
    ) -> Self {
        let detail = match &basis {
            AccessBasis::Emergency { access } => format!("emergency access {access}"),
            _ => String::new(),
        };
        Self::new(
            Some(actor),
            AuditAction::PersonalData { access, basis },
            subject,
        )
        .with_detail(detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_codes_name_access_and_basis() {
        let e = AuditEvent::personal_data(
            UserId::new(),
            PersonalDataAccess::Read,
            AccessBasis::Emergency {
                access: "e1".into(),
            },
            "youth:1",
        );
        assert_eq!(e.action.code(), "personal_data_read:emergency");
        assert_eq!(e.detail, "emergency access e1");
    }
}
