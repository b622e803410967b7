//! Turning stored text back into domain types.

use std::str::FromStr;

use crate::StoreError;

pub(crate) fn parse<T: FromStr>(column: &str, value: &str) -> Result<T, StoreError> {
    value
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("{column}: {value:?}")))
}

pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// An update or delete of one row by id: no row touched means no such row in that service.
pub(crate) fn one_row(done: sqlx::any::AnyQueryResult) -> Result<(), StoreError> {
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
