//! Ids for rows that come without one: derived from the file, the service, the row's content and
//! how many equal rows came before it. Importing the same spreadsheet again finds its rows already
//! present, while two equal rows (two separate events) stay two.

use std::collections::HashMap;

/// A fixed namespace for derived ids (UUID v5).
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c6e_0b8f_2a71_4d09_9e55_c1a2_7f40_8d36);

/// Counts equal rows per file while a bundle is checked.
#[derive(Default)]
pub(crate) struct Occurrences(HashMap<String, u32>);

impl Occurrences {
    pub(crate) fn id(
        &mut self,
        file: &str,
        service: &impl std::fmt::Display,
        content: &str,
    ) -> uuid::Uuid {
        let key = format!("{file}|{service}|{content}");
        let n = self.0.entry(key.clone()).or_default();
        *n += 1;
        uuid::Uuid::new_v5(&NAMESPACE, format!("{key}|{n}").as_bytes())
    }
}

/// The id of a record made for another one (the journal entry of an imported note), derived
/// from that record's id so a second import finds it.
pub(crate) fn linked(id: &impl std::fmt::Display) -> uuid::Uuid {
    uuid::Uuid::new_v5(&NAMESPACE, format!("linked|{id}").as_bytes())
}
