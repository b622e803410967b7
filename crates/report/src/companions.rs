//! What the documents print beside the annual-report JSON: last year's report for year-over-year
//! columns, the leader's prose, the year's time use (1.3), the school teams (4.0) and the
//! service's logo. None of it
//! is in the contract's JSON; all of it is in the reference report.

use gatelangs_domain::time_use::{TimeCategory, TimeShares};
use gatelangs_storage::schools::SchoolTeam;
use gatelangs_storage::services::Service;
use gatelangs_storage::{AnyConnection, Result, Store};

use crate::AnnualReport;
use crate::document::{Cell, Section, Table};
use crate::prose::Prose;

/// Everything a document of `year` needs besides the year's report.
#[derive(Debug, Clone, Default)]
pub struct Companions {
    pub previous: Option<AnnualReport>,
    pub prose: Prose,
    pub time_use: TimeShares,
    pub schools: Vec<SchoolTeam>,
    /// The service's logo, for the documents' title.
    pub logo: Option<gatelangs_storage::logos::Logo>,
}

/// Reads the companions of `year` for `service`.
pub async fn load(conn: &mut AnyConnection, service: &Service, year: i32) -> Result<Companions> {
    let mut time_use = TimeShares::default();
    for (_, _, _, category, minutes) in
        gatelangs_storage::time_use::year_totals(conn, service.id, year).await?
    {
        time_use.add(category, minutes);
    }
    Ok(Companions {
        previous: Some(crate::build(conn, service, year - 1).await?),
        prose: crate::prose::load(conn, service.id, year).await?,
        time_use,
        schools: gatelangs_storage::schools::list(conn, service.id).await?,
        logo: gatelangs_storage::logos::get(conn, service.id).await?,
    })
}

/// The year's report and its companions, read side by side on two read connections: last
/// year's report is as much reading as this year's, and each connection works on its own
/// thread (SQLite) or server process (PostgreSQL), so a document waits for one year, not two.
pub async fn with_report(
    store: &Store,
    service: &Service,
    year: i32,
) -> Result<(AnnualReport, Companions)> {
    let this_year = async {
        let mut conn = store.read_conn().await?;
        crate::build(&mut conn, service, year).await
    };
    let companions = async {
        let mut conn = store.read_conn().await?;
        load(&mut conn, service, year).await
    };
    tokio::try_join!(this_year, companions)
}

fn category_label(c: TimeCategory) -> &'static str {
    match c {
        TimeCategory::FieldWork => "Oppsøkende feltarbeid",
        TimeCategory::FollowUp => "Individuell oppfølging",
        TimeCategory::Groups => "Grupper",
        TimeCategory::Prevention => "Forebyggende undervisning",
        TimeCategory::Documentation => "Dokumentasjon",
        TimeCategory::MeetingsOther => "Møter og annet",
    }
}

fn percent(p: Option<u32>) -> Cell {
    Cell::Text(p.map(|p| format!("{p} %")).unwrap_or_default())
}

/// Section 1.3: the year's time use against the targets, when any time is recorded.
pub fn time_use_section(shares: &TimeShares) -> Option<Section> {
    if shares.total() == 0 {
        return None;
    }
    let hours = |minutes: i64| Cell::Count((minutes + 30) / 60);
    let mut rows: Vec<Vec<Cell>> = TimeCategory::ALL
        .iter()
        .map(|c| {
            vec![
                Cell::Text(category_label(*c).to_owned()),
                hours(shares.minutes.get(c).copied().unwrap_or(0)),
                percent(shares.category_percent(*c)),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text("Sum".to_owned()),
        hours(shares.total()),
        Cell::Text("100 %".to_owned()),
    ]);
    let field = shares.field_work_percent().unwrap_or(0);
    let direct = shares.direct_percent().unwrap_or(0);
    Some(Section {
        number: "1.3".into(),
        title: "Tidsbruk".into(),
        text: vec![format!(
            "Målet er minst 50 % feltarbeid og minst 70 % direkte arbeid med ungdom. I år var \
             {field} % av tiden feltarbeid og {direct} % direkte arbeid med ungdom (feltarbeid, \
             oppfølging, grupper og forebyggende undervisning)."
        )],
        tables: vec![Table {
            slug: "1.3-tidsbruk".into(),
            caption: "Tidsbruk etter kategori".into(),
            header: vec!["Kategori".into(), "Timer".into(), "Andel".into()],
            rows,
        }],
    })
}

/// Section 4.0: the school teams, by school, without the staff's names.
pub fn schools_section(schools: &[SchoolTeam]) -> Option<Section> {
    if schools.is_empty() {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let average = |f: fn(&SchoolTeam) -> i64| {
        let sum: i64 = schools.iter().map(f).sum();
        format!("{:.1}", sum as f64 / schools.len() as f64).replace('.', ",")
    };
    Some(Section {
        number: "4.0".into(),
        title: "Skolekontakter".into(),
        text: vec![format!(
            "Skoleteamene har i gjennomsnitt {} kveldsvakter og {} dagvakter i uka. På dagvaktene \
             besøker skoleteamene sine skoler.",
            average(|s| s.evening_shifts),
            average(|s| s.day_shifts)
        )],
        tables: vec![Table {
            slug: "4.0-skoleteam".into(),
            caption: "Skoleteam".into(),
            header: vec![
                "Skole".into(),
                "Ansatte".into(),
                "Dagvakter i uka".into(),
                "Kveldsvakter i uka".into(),
            ],
            rows: schools
                .iter()
                .map(|s| {
                    vec![
                        Cell::Text(s.school.clone()),
                        Cell::Count(i64::try_from(s.members.len()).unwrap_or(i64::MAX)),
                        Cell::Count(s.day_shifts),
                        Cell::Count(s.evening_shifts),
                    ]
                })
                .collect(),
        }],
    })
}
