//! The annual report of one service-year.

use gatelangs_storage::services::Service;
use std::collections::BTreeMap;

use gatelangs_storage::{
    AnyConnection, child_welfare, collaborations, contacts, conversations, inquiries, observations,
    places, prevention, staffing as staffing_store,
};
use serde::Serialize;

use crate::field_contacts::{self, FieldContacts, PlaceInfo};
use crate::follow_up::{self, FollowUp};
use crate::groups::{self, Groups, Observations, PreventionFigures};
use crate::sharing::{self, ChildWelfare, Collaborations, Inquiries};
use crate::staffing::{self, PlanShift};

/// `gatelangs report annual --format json`: the sections built so far, in the contract's shape.
#[derive(Debug, Clone, Serialize)]
pub struct AnnualReport {
    pub service: String,
    pub year: i32,
    pub field_contacts: FieldContacts,
    pub follow_up: FollowUp,
    pub groups: Groups,
    pub collaborations: Collaborations,
    pub inquiries: Inquiries,
    pub child_welfare: ChildWelfare,
    pub prevention: BTreeMap<String, PreventionFigures>,
    pub observations: Observations,
    pub staffing_plan: Vec<PlanShift>,
}

pub async fn place_infos(
    conn: &mut AnyConnection,
    service: &Service,
) -> gatelangs_storage::Result<Vec<PlaceInfo>> {
    Ok(places::list_places(conn, service.id)
        .await?
        .into_iter()
        .map(|p| PlaceInfo {
            id: p.id,
            name: p.name,
            district: p.district_name,
        })
        .collect())
}

/// The field-contact section of one year (also used for the year-over-year columns).
pub async fn field_contacts_of(
    conn: &mut AnyConnection,
    service: &Service,
    places: &[PlaceInfo],
    year: i32,
) -> gatelangs_storage::Result<FieldContacts> {
    let agg = contacts::year_aggregates(conn, service.id, year).await?;
    let previous = contacts::year_total(conn, service.id, year - 1).await?;
    Ok(field_contacts::compute(&agg, places, previous))
}

/// The years a report can be asked for (a year outside is a typing error, and the previous
/// year's column must exist).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Whether `year` is one a report can be made for.
pub fn valid_year(year: i32) -> bool {
    YEARS.contains(&year)
}

pub async fn build(
    conn: &mut AnyConnection,
    service: &Service,
    year: i32,
) -> gatelangs_storage::Result<AnnualReport> {
    if !valid_year(year) {
        return Err(gatelangs_storage::StoreError::Corrupt(format!(
            "no report for the year {year}: expected {}–{}",
            YEARS.start(),
            YEARS.end()
        )));
    }
    let places = place_infos(conn, service).await?;
    Ok(AnnualReport {
        service: service.slug.clone(),
        year,
        field_contacts: field_contacts_of(conn, service, &places, year).await?,
        follow_up: follow_up_of(conn, service, year).await?,
        groups: groups::groups(
            gatelangs_storage::groups::year_figures(conn, service.id, year).await?,
        ),
        collaborations: sharing::collaborations(
            collaborations::year_figures(conn, service.id, year).await?,
        ),
        inquiries: sharing::inquiries(inquiries::year_figures(conn, service.id, year).await?),
        child_welfare: sharing::child_welfare(
            child_welfare::year_figures(conn, service.id, year).await?,
        ),
        prevention: groups::prevention(&prevention::year_figures(conn, service.id, year).await?),
        observations: {
            let (total, by_theme) = observations::year_figures(conn, service.id, year).await?;
            groups::observations(total, &by_theme)
        },
        staffing_plan: staffing::staffing_plan(
            &staffing_store::plan(conn, service.id).await?,
            year,
        ),
    })
}

/// The follow-up section of one year.
pub async fn follow_up_of(
    conn: &mut AnyConnection,
    service: &Service,
    year: i32,
) -> gatelangs_storage::Result<FollowUp> {
    // Without a configured municipality (a service created by an import), the home municipality
    // is the one most of its youths live in, so an exported and re-imported service reports the
    // same figures.
    let home = match &service.municipality {
        Some(m) => Some(m.clone()),
        None => gatelangs_storage::youths::most_common_municipality(conn, service.id).await?,
    };
    let figures = conversations::year_figures(conn, service.id, year, home.as_deref()).await?;
    Ok(follow_up::compute(&figures))
}
