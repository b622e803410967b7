//! The command line: one clap enum, one module per subcommand in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "gatelangs",
    version,
    about = "Records and statistics for municipal outreach youth teams"
)]
pub struct Cli {
    /// Database URL: sqlite://FILE or postgres://USER@HOST/DB. Default: gatelangs.db in the data folder.
    #[arg(
        long,
        global = true,
        env = "GATELANGS_DATABASE_URL",
        hide_env_values = true
    )]
    pub db: Option<String>,

    /// Folder for the embedded database and the audit key. Default: $XDG_DATA_HOME/gatelangs or ~/.local/share/gatelangs.
    #[arg(long, global = true, env = "GATELANGS_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// File holding the audit-log key (64 hex characters). Default: audit.key in the data folder, created on first use.
    #[arg(long, global = true, env = "GATELANGS_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,

    /// File holding the keys that encrypt personal data, one `KEYID HEX64` line each, the last
    /// one current. Default: data.keys in the data folder, created on first use. The variable
    /// GATELANGS_DATA_KEYS may hold the lines instead (separated by newlines or commas).
    #[arg(long, global = true, env = "GATELANGS_DATA_KEY_FILE")]
    pub data_key_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (migrates the database first).
    Serve(ServeArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Manage services (teams).
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Import a bundle (a folder or a .zip of CSV files) into a service, all or nothing.
    Import {
        /// The service to import into; created if it does not exist.
        #[arg(long)]
        service: String,
        /// A folder or a .zip file.
        path: PathBuf,
    },
    /// Export a service's records as a bundle (a folder, or a .zip if PATH ends in .zip).
    Export {
        #[arg(long)]
        service: String,
        /// Only contacts and other dated records of this year.
        #[arg(long)]
        year: Option<i32>,
        path: PathBuf,
    },
    /// Produce reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Plan field presence from the records.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Manage the keys that encrypt personal data.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Create or refresh the demo service out-lillestrom (records shaped after the reference
    /// team's 2024 report, one user per role) and print the demo logins.
    Demo,
    /// Write a consistent backup of the whole database to PATH (a new file) while the server
    /// runs. The keys are never in it: keep them apart.
    Backup {
        /// The backup file to write (SQLite: a database file; PostgreSQL: a pg_dump archive).
        path: PathBuf,
    },
    /// Restore a backup into an empty database, then put back the keys kept apart from it.
    Restore {
        /// A file written by `gatelangs backup`.
        path: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Add a new data key to the key file and re-encrypt every sealed value under it, in one
    /// transaction. Keep the old key lines until older backups are no longer needed.
    Rotate,
}

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// The annual report of a service for a year.
    Annual {
        #[arg(long)]
        service: String,
        #[arg(long)]
        year: i32,
        /// json, html, pdf, xlsx, or csv (a .zip with one file per table).
        #[arg(long, value_enum, default_value = "json")]
        format: ReportFormat,
        /// The public variant: counts from 1 to 4 hidden as "<5", and enough other cells hidden
        /// that none can be worked out from the totals.
        #[arg(long)]
        public: bool,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// The week of two-person field teams per weekday, shift and district that meets the most
    /// youths with N staff, from a year's contacts per field-team hour.
    Presence {
        #[arg(long)]
        service: String,
        #[arg(long)]
        year: i32,
        /// Staff who can be on a field team.
        #[arg(long)]
        staff: u32,
        /// Contracted hours per person per week.
        #[arg(long, default_value_t = gatelangs_app::presence::DEFAULT_HOURS_PER_WEEK)]
        hours_per_week: f64,
        /// A weekday and shift where at least one team must be out, as `fri:night`; repeat.
        #[arg(long = "must-cover", value_name = "WEEKDAY:SHIFT")]
        must_cover: Vec<String>,
        /// At least this many team-shifts Monday to Friday on the earliest shift (school days).
        #[arg(long, default_value_t = 0)]
        school_day_shifts: u32,
        /// A fixed shift, as `mon:evening:Sentrum:1`; repeat.
        #[arg(long = "pin", value_name = "WEEKDAY:SHIFT:DISTRICT:TEAMS")]
        pins: Vec<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: PlanFormat,
    },
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Html,
    Pdf,
    Xlsx,
    Csv,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "GATELANGS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Create (or refresh) a demo service with one user per role and print their passwords.
    #[arg(long)]
    pub demo: bool,
    /// End a session after this long without use, e.g. 30m, 2h.
    #[arg(long, env = "GATELANGS_SESSION_IDLE", default_value = "1h", value_parser = parse_duration)]
    pub session_idle: std::time::Duration,
    /// End a session this long after login however active, e.g. 12h.
    #[arg(long, env = "GATELANGS_SESSION_MAX", default_value = "12h", value_parser = parse_duration)]
    pub session_max: std::time::Duration,
    /// How long field workers may correct or undo their own contacts, e.g. 7d (leaders always may).
    #[arg(long, env = "GATELANGS_CORRECTION_WINDOW", default_value = "7d", value_parser = parse_duration)]
    pub correction_window: std::time::Duration,
    /// Mark cookies Secure and send HSTS: set this when users reach the service over HTTPS.
    #[arg(long, env = "GATELANGS_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A reverse proxy whose X-Forwarded-For names the client (repeat, or comma-separated in
    /// the environment). Without one, the connecting address is the client's.
    #[arg(
        long = "trusted-proxy",
        env = "GATELANGS_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Single sign-on: the OpenID Connect issuer URL, exactly as the provider spells it (turns
    /// on "Log in with the municipality's sign-in").
    #[arg(long, env = "GATELANGS_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret"])]
    pub oidc_issuer: Option<String>,
    /// Single sign-on: this service's client id at the provider.
    #[arg(long, env = "GATELANGS_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// Single sign-on: the client secret (from the environment, so it is not in the process list).
    #[arg(long, env = "GATELANGS_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,
    /// Single sign-on: the public URL of /login/sso/callback as registered with the provider
    /// (default: built from the request's host).
    #[arg(long, env = "GATELANGS_OIDC_REDIRECT_URL")]
    pub oidc_redirect_url: Option<String>,
    /// Single sign-on: the ID-token claim whose value is the Gatelangs username.
    #[arg(
        long,
        env = "GATELANGS_OIDC_USER_CLAIM",
        default_value = "preferred_username"
    )]
    pub oidc_user_claim: String,
    /// Single sign-on: `acr` values that count as a second factor (repeat, or comma-separated in
    /// the environment), e.g. idporten-loa-high. An `amr` naming two kinds of factor always counts.
    #[arg(
        long = "oidc-mfa-acr",
        env = "GATELANGS_OIDC_MFA_ACR",
        value_delimiter = ','
    )]
    pub oidc_mfa_acr: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum ServiceCommand {
    /// Create a service.
    Add {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        /// Four-digit municipality number, e.g. 3205.
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long, default_value = "Europe/Oslo")]
        time_zone: String,
        /// Do not require two-factor login (not recommended outside tests and demos).
        #[arg(long)]
        no_two_factor: bool,
    },
    /// List services.
    List,
    /// Change a service's name or two-factor requirement.
    Set {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: Option<String>,
        /// Require two-factor login for every role that can see personal data.
        #[arg(long)]
        require_two_factor: Option<bool>,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user. Prints a generated password unless --password-stdin is given.
    Add {
        #[arg(long)]
        service: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        /// field_worker, leader, admin or analyst.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password. Prints a generated one unless --password-stdin is given.
    Passwd {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Stop a user from logging in and end their sessions.
    Disable {
        #[arg(long)]
        username: String,
    },
    /// Let a disabled user log in again.
    Enable {
        #[arg(long)]
        username: String,
    },
    /// Lift the lock put on a user's second factor after too many wrong codes.
    Unlock {
        #[arg(long)]
        username: String,
    },
    /// Take away a user's password and second factor and print a one-time link to choose a
    /// new password.
    Reset {
        #[arg(long)]
        username: String,
    },
    /// Change a user's role.
    SetRole {
        #[arg(long)]
        username: String,
        #[arg(long)]
        role: String,
    },
    /// List the users of a service.
    List {
        #[arg(long)]
        service: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check the hash chain; exits with 1 and names the first broken entry if it was tampered with.
    Verify {
        /// A value `audit checkpoint` printed earlier: also fail if the log no longer reaches
        /// the entry it names unchanged.
        #[arg(long)]
        checkpoint: Option<String>,
    },
    /// Print a value naming the newest entry, to keep outside the database (on paper, in the
    /// operations log) and give to `audit verify --checkpoint` later.
    Checkpoint,
}

/// `90s`, `30m`, `12h`, `2d` or plain seconds.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let (number, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {s:?} (e.g. 30m, 12h)"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("unknown unit in {s:?}: use s, m, h or d")),
    };
    if secs == 0 {
        return Err("a duration must be longer than zero".to_owned());
    }
    Ok(std::time::Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(
            parse_duration("90s"),
            Ok(std::time::Duration::from_secs(90))
        );
        assert_eq!(
            parse_duration("30m"),
            Ok(std::time::Duration::from_secs(1800))
        );
        assert_eq!(
            parse_duration("12h"),
            Ok(std::time::Duration::from_secs(43_200))
        );
        assert_eq!(parse_duration("5"), Ok(std::time::Duration::from_secs(5)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("1w").is_err());
        assert!(parse_duration("m").is_err());
    }
}
