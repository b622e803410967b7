//! Middleware that wraps every request, so no handler can forget it.

pub mod csrf;
pub mod error_pages;
pub mod headers;
