//! Sections 2.5 (collaborations under consent), 2.6 (inquiries without consent) and 2.9 (child
//! welfare) of the annual report.

use std::collections::BTreeMap;

use gatelangs_storage::{child_welfare, collaborations, inquiries};
use serde::Serialize;

/// `collaborations`: maps keyed by the counterpart service's name, only names that occur.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Collaborations {
    pub total: i64,
    pub unique_youths: i64,
    pub incoming: BTreeMap<String, i64>,
    pub outgoing: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inquiries {
    pub total: i64,
    pub by_service: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildWelfare {
    pub concern_reports: i64,
    pub information_requests_received: i64,
    pub information_requests_answered: i64,
}

pub fn collaborations(f: collaborations::YearFigures) -> Collaborations {
    Collaborations {
        total: f.total,
        unique_youths: f.unique_youths,
        incoming: f.incoming,
        outgoing: f.outgoing,
    }
}

pub fn inquiries(f: inquiries::YearFigures) -> Inquiries {
    Inquiries {
        total: f.total,
        by_service: f.by_service,
    }
}

pub fn child_welfare(f: child_welfare::YearFigures) -> ChildWelfare {
    ChildWelfare {
        concern_reports: f.concern_reports,
        information_requests_received: f.information_requests_received,
        information_requests_answered: f.information_requests_answered,
    }
}
