//! Whether an id is taken anywhere, for imports that bring their own ids.

use sqlx::AnyConnection;

use crate::Result;

#[derive(Debug, Clone, Copy)]
pub enum Table {
    Users,
    Places,
    Contacts,
    Counterparts,
    Youths,
    Conversations,
    Consents,
    Collaborations,
    Inquiries,
    ChildWelfare,
    JournalEntries,
    Groups,
    Attendance,
    Prevention,
    Observations,
    Targets,
    RotaTeams,
}

impl Table {
    fn sql(self) -> &'static str {
        match self {
            Table::Users => "SELECT COUNT(*) FROM users WHERE id = $1",
            Table::Places => "SELECT COUNT(*) FROM places WHERE id = $1",
            Table::Contacts => "SELECT COUNT(*) FROM contacts WHERE id = $1",
            Table::Counterparts => "SELECT COUNT(*) FROM counterpart_services WHERE id = $1",
            Table::Youths => "SELECT COUNT(*) FROM youths WHERE id = $1",
            Table::Conversations => "SELECT COUNT(*) FROM conversations WHERE id = $1",
            Table::Consents => "SELECT COUNT(*) FROM consents WHERE id = $1",
            Table::Collaborations => "SELECT COUNT(*) FROM collaborations WHERE id = $1",
            Table::Inquiries => "SELECT COUNT(*) FROM inquiries WHERE id = $1",
            Table::ChildWelfare => "SELECT COUNT(*) FROM child_welfare WHERE id = $1",
            Table::JournalEntries => "SELECT COUNT(*) FROM journal_entries WHERE id = $1",
            Table::Groups => "SELECT COUNT(*) FROM youth_groups WHERE id = $1",
            Table::Attendance => "SELECT COUNT(*) FROM group_attendance WHERE id = $1",
            Table::Prevention => "SELECT COUNT(*) FROM prevention_events WHERE id = $1",
            Table::Observations => "SELECT COUNT(*) FROM observations WHERE id = $1",
            Table::Targets => "SELECT COUNT(*) FROM staffing_targets WHERE id = $1",
            Table::RotaTeams => "SELECT COUNT(*) FROM rota_teams WHERE id = $1",
        }
    }
}

pub async fn taken(conn: &mut AnyConnection, table: Table, id: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(table.sql())
        .bind(id.to_owned())
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}
