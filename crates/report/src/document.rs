//! The annual report as a document: the leader's prose, then the numbered sections of the
//! reference report (1.3, 2.1–2.9, 3.0, 4.0), each with its tables, built from the report's JSON (the full report, or its public variant
//! with hidden cells). Every format (HTML, PDF, XLSX, CSV) renders this one model, so they show
//! the same figures and hide the same cells.

use serde::Serialize;
use serde_json::Value;

use gatelangs_domain::staffing::TeamRange;

use crate::public::HIDDEN;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(i64),
    /// A count hidden in the public variant.
    Hidden,
}

/// As the PDF template reads it: `{"kind": "count", "value": 41878, "shown": "41 878"}`.
impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Cell", 3)?;
        match self {
            Cell::Text(t) => {
                out.serialize_field("kind", "text")?;
                out.serialize_field("value", t)?;
            }
            Cell::Count(n) => {
                out.serialize_field("kind", "count")?;
                out.serialize_field("value", n)?;
            }
            Cell::Hidden => {
                out.serialize_field("kind", "hidden")?;
                out.serialize_field("value", HIDDEN)?;
            }
        }
        out.serialize_field("shown", &self.shown())?;
        out.end()
    }
}

impl Cell {
    fn of(v: &Value) -> Cell {
        match v {
            Value::Number(n) => n.as_i64().map_or(Cell::Hidden, Cell::Count),
            Value::String(s) if s == HIDDEN => Cell::Hidden,
            Value::String(s) => Cell::Text(s.clone()),
            _ => Cell::Count(0),
        }
    }

    /// As a CSV or text cell.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Hidden => HIDDEN.to_owned(),
        }
    }

    /// As a reader sees it: `41 878` (a no-break space groups thousands).
    pub fn shown(&self) -> String {
        match self {
            Cell::Count(n) => group_thousands(*n),
            other => other.text(),
        }
    }
}

pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// A short name for files and sheets: `2.1-kanal`.
    pub slug: String,
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub number: String,
    pub title: String,
    pub text: Vec<String>,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub title: String,
    pub service: String,
    pub year: i64,
    pub public: bool,
    pub sections: Vec<Section>,
    /// Bar charts, each shown in its section before the tables.
    pub charts: Vec<Chart>,
    /// The service's logo (PNG or JPEG); its bytes go to Typst as an array of numbers.
    pub logo: Option<DocumentLogo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentLogo {
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl From<&gatelangs_storage::logos::Logo> for DocumentLogo {
    fn from(logo: &gatelangs_storage::logos::Logo) -> Self {
        DocumentLogo {
            media_type: logo.media_type.clone(),
            bytes: logo.bytes.clone(),
        }
    }
}

impl Document {
    /// The logo as a `data:` address for an `<img>`, so the HTML page stands alone.
    pub fn logo_data_uri(&self) -> Option<String> {
        use base64::Engine;
        self.logo.as_ref().map(|l| {
            format!(
                "data:{};base64,{}",
                l.media_type,
                base64::engine::general_purpose::STANDARD.encode(&l.bytes)
            )
        })
    }
}

/// A bar of a chart: its label, the figure as printed, and its length against the longest.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub shown: String,
    /// 0 to 1; a hidden figure has no bar.
    pub share: f64,
}

/// A horizontal bar chart drawn from a table's first and second columns; vector graphics in
/// HTML (SVG) and PDF (Typst), with the table beside it for anyone who cannot see it.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The section it belongs to (`2.1`).
    pub section: String,
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The chart of a table whose second column is a count, without its sum row.
fn chart_of(section: &str, table: &Table) -> Chart {
    let rows: Vec<&Vec<Cell>> = table
        .rows
        .iter()
        .filter(|r| r.first().is_none_or(|c| c.text() != "Sum"))
        .collect();
    let max = rows
        .iter()
        .filter_map(|r| match r.get(1) {
            Some(Cell::Count(n)) => Some(*n),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    Chart {
        section: section.to_owned(),
        title: table.caption.clone(),
        bars: rows
            .iter()
            .map(|r| {
                let value = r.get(1).cloned().unwrap_or(Cell::Count(0));
                #[allow(clippy::cast_precision_loss)]
                let share = match value {
                    Cell::Count(n) => (n.max(0) as f64 / max as f64 * 1000.0).round() / 1000.0,
                    _ => 0.0,
                };
                Bar {
                    label: r.first().map(Cell::text).unwrap_or_default(),
                    shown: value.shown(),
                    share,
                }
            })
            .collect(),
    }
}

/// The slugs of the tables drawn as charts: the reference report's figures of 2.1 and 2.3.
const CHARTED: [&str; 4] = ["2.1-maned", "2.1-tid", "2.1-kanal", "2.3-utfordringer"];

/// Labels of the contract's codes in bokmål, the documents' language.
pub(crate) fn label(code: &str) -> String {
    let known = match code {
        "street" => "Gate og nærmiljø",
        "school" => "Skole",
        "digital" => "Digitalt",
        "primary_school" => "Under 13 år",
        "lower_secondary" => "13–15 år",
        "upper_secondary" => "16–18 år",
        "young_adult" => "19–24 år",
        "unknown" => "Ukjent",
        "male" => "Gutter",
        "female" => "Jenter",
        "other" => "Annet",
        "day" => "Dag (hverdager 08–16)",
        "evening" => "Kveld (hverdager 16–24)",
        "weekend" => "Helg (08–24)",
        "night" => "Natt (00–08)",
        "substance_use" => "Rus",
        "crime" => "Kriminalitet",
        "exclusion" => "Utenforskap",
        "mental_health" => "Psykisk helse",
        "violence" => "Vold",
        "gangs" => "Gjenger",
        "drug_prevention_class" => "Rusforebyggende undervisning",
        "parent_meeting" => "Foreldremøter",
        "talk" => "Foredrag",
        "information" => "Informasjonsarbeid",
        "mon" => "Mandag",
        "tue" => "Tirsdag",
        "wed" => "Onsdag",
        "thu" => "Torsdag",
        "fri" => "Fredag",
        "sat" => "Lørdag",
        "sun" => "Søndag",
        _ => "",
    };
    if known.is_empty() {
        code.to_owned()
    } else {
        known.to_owned()
    }
}

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "Mars",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |node, key| &node[*key])
}

/// The contract's codes in the order the reference report lists them; names (districts,
/// services, groups) follow in alphabetical order.
const CODE_ORDER: [&str; 32] = [
    "street",
    "school",
    "digital",
    "primary_school",
    "lower_secondary",
    "upper_secondary",
    "young_adult",
    "male",
    "female",
    "day",
    "evening",
    "weekend",
    "night",
    "substance_use",
    "crime",
    "exclusion",
    "mental_health",
    "violence",
    "gangs",
    "drug_prevention_class",
    "parent_meeting",
    "talk",
    "information",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "other",
    "unknown",
];

fn entries(v: &Value) -> Vec<(String, &Value)> {
    let mut out: Vec<(String, &Value)> = v
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default();
    let rank = |k: &str| {
        CODE_ORDER
            .iter()
            .position(|c| *c == k)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|(a, _), (b, _)| (rank(a), a).cmp(&(rank(b), b)));
    out
}

/// A two-column table of a map: label and count, with the total below.
fn map_table(slug: &str, caption: &str, what: &str, map: &Value, total: Option<&Value>) -> Table {
    let mut rows: Vec<Vec<Cell>> = entries(map)
        .into_iter()
        .map(|(k, n)| vec![Cell::Text(label(&k)), Cell::of(n)])
        .collect();
    if let Some(t) = total {
        rows.push(vec![Cell::Text("Sum".into()), Cell::of(t)]);
    }
    Table {
        slug: slug.into(),
        caption: caption.into(),
        header: vec![what.into(), "Antall".into()],
        rows,
    }
}

fn field_contacts(v: &Value) -> Vec<Section> {
    let fc = &v["field_contacts"];
    let total = &fc["total"];
    let mut intro = vec![format!("Treff i alt: {}.", Cell::of(total).shown())];
    if !fc["previous_year_total"].is_null() {
        intro.push(format!(
            "Året før: {}.",
            Cell::of(&fc["previous_year_total"]).shown()
        ));
    }
    let ages = at(fc, &["by_age_group_and_gender"]);
    let genders = ["male", "female", "other", "unknown"];
    let age_rows: Vec<Vec<Cell>> = entries(&fc["by_age_group"])
        .into_iter()
        .map(|(age, n)| {
            let mut row = vec![Cell::Text(label(&age))];
            row.extend(genders.iter().map(|g| Cell::of(&ages[age.as_str()][*g])));
            row.push(Cell::of(n));
            row
        })
        .collect();
    let months = &fc["by_month"];
    let month_rows = MONTHS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            vec![
                Cell::Text((*name).into()),
                Cell::of(&months[format!("{:02}", i + 1).as_str()]),
            ]
        })
        .collect();
    let mut place_rows = vec![];
    for (district, d) in entries(&fc["by_district"]) {
        for (place, n) in entries(&d["places"]) {
            place_rows.push(vec![
                Cell::Text(district.clone()),
                Cell::Text(place),
                Cell::of(n),
            ]);
        }
        place_rows.push(vec![
            Cell::Text(district.clone()),
            Cell::Text("Sum bydel".into()),
            Cell::of(&d["total"]),
        ]);
    }
    vec![
        Section {
            number: "2.1".into(),
            title: "Oppsøkende sosialt feltarbeid".into(),
            text: intro,
            tables: vec![
                map_table(
                    "2.1-kanal",
                    "Treff etter arena",
                    "Arena",
                    &fc["by_channel"],
                    Some(total),
                ),
                Table {
                    slug: "2.1-alder-kjonn".into(),
                    caption: "Treff etter alder og kjønn".into(),
                    header: ["Alder", "Gutter", "Jenter", "Annet", "Ukjent", "Sum"]
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect(),
                    rows: age_rows,
                },
                Table {
                    slug: "2.1-maned".into(),
                    caption: "Treff per måned".into(),
                    header: vec!["Måned".into(), "Antall".into()],
                    rows: month_rows,
                },
                map_table(
                    "2.1-tid",
                    "Treff etter tid på døgnet",
                    "Tid",
                    &fc["by_time_band"],
                    Some(total),
                ),
            ],
        },
        Section {
            number: "2.2".into(),
            title: "Lokale tall fra det oppsøkende feltarbeidet".into(),
            text: vec![],
            tables: vec![Table {
                slug: "2.2-steder".into(),
                caption: "Treff per bydel og sted".into(),
                header: vec!["Bydel".into(), "Sted".into(), "Antall".into()],
                rows: place_rows,
            }],
        },
    ]
}

fn sections(v: &Value) -> Vec<Section> {
    let mut out = field_contacts(v);
    let fu = &v["follow_up"];
    out.push(Section {
        number: "2.3".into(),
        title: "Individuelt oppfølgingsarbeid med ungdom".into(),
        text: vec![],
        tables: vec![
            Table {
                slug: "2.3-oppfolging".into(),
                caption: "Oppfølging".into(),
                header: vec!["".into(), "Antall".into()],
                rows: vec![
                    vec![
                        Cell::Text("Oppfølgingssamtaler".into()),
                        Cell::of(&fu["conversations"]),
                    ],
                    vec![
                        Cell::Text("Ungdommer i oppfølging".into()),
                        Cell::of(&fu["unique_youths"]),
                    ],
                ],
            },
            map_table(
                "2.3-utfordringer",
                "Ungdommer etter utfordring",
                "Utfordring",
                &fu["by_challenge"],
                None,
            ),
        ],
    });
    let g = &v["groups"];
    let mut group_rows: Vec<Vec<Cell>> = entries(&g["by_group"])
        .into_iter()
        .map(|(name, f)| {
            vec![
                Cell::Text(name),
                Cell::of(&f["sessions"]),
                Cell::of(&f["attendances"]),
            ]
        })
        .collect();
    group_rows.push(vec![
        Cell::Text("Sum".into()),
        Cell::of(&g["sessions"]),
        Cell::of(&g["attendances"]),
    ]);
    out.push(Section {
        number: "2.4".into(),
        title: "Kollektivt oppfølgingsarbeid".into(),
        text: vec![format!(
            "Unike deltakere: {} navngitte og {} anonyme.",
            Cell::of(&g["unique_named"]).shown(),
            Cell::of(&g["unique_anonymous"]).shown()
        )],
        tables: vec![Table {
            slug: "2.4-grupper".into(),
            caption: "Grupper".into(),
            header: vec!["Gruppe".into(), "Samlinger".into(), "Oppmøter".into()],
            rows: group_rows,
        }],
    });
    let c = &v["collaborations"];
    let mut services: Vec<String> = entries(&c["incoming"])
        .into_iter()
        .chain(entries(&c["outgoing"]))
        .map(|(k, _)| k)
        .collect();
    services.sort();
    services.dedup();
    let mut collab_rows: Vec<Vec<Cell>> = services
        .iter()
        .map(|s| {
            let cell = |dir: &str| {
                let n = &c[dir][s.as_str()];
                if n.is_null() {
                    Cell::Count(0)
                } else {
                    Cell::of(n)
                }
            };
            vec![Cell::Text(s.clone()), cell("incoming"), cell("outgoing")]
        })
        .collect();
    collab_rows.push(vec![
        Cell::Text("Sum".into()),
        Cell::Text(String::new()),
        Cell::of(&c["total"]),
    ]);
    out.push(Section {
        number: "2.5".into(),
        title: "Samarbeid og videreformidling".into(),
        text: vec![format!(
            "Samarbeid om {} ungdommer med samtykke.",
            Cell::of(&c["unique_youths"]).shown()
        )],
        tables: vec![Table {
            slug: "2.5-samarbeid".into(),
            caption: "Samarbeid per tjeneste".into(),
            header: vec![
                "Tjeneste".into(),
                "Henvist til OUT".into(),
                "Videreformidlet fra OUT".into(),
            ],
            rows: collab_rows,
        }],
    });
    out.push(Section {
        number: "2.6".into(),
        title: "Henvendelser".into(),
        text: vec![],
        tables: vec![map_table(
            "2.6-henvendelser",
            "Henvendelser uten personopplysninger",
            "Tjeneste",
            &v["inquiries"]["by_service"],
            Some(&v["inquiries"]["total"]),
        )],
    });
    let p = &v["prevention"];
    out.push(Section {
        number: "2.7".into(),
        title: "Informasjons- og holdningsskapende arbeid".into(),
        text: vec![],
        tables: vec![Table {
            slug: "2.7-forebygging".into(),
            caption: "Forebyggende arbeid".into(),
            header: vec![
                "Tiltak".into(),
                "Antall".into(),
                "Klasser".into(),
                "Deltakere".into(),
            ],
            rows: entries(p)
                .into_iter()
                .map(|(k, f)| {
                    vec![
                        Cell::Text(label(&k)),
                        Cell::of(&f["events"]),
                        Cell::of(&f["classes"]),
                        Cell::of(&f["participants"]),
                    ]
                })
                .collect(),
        }],
    });
    let o = &v["observations"];
    out.push(Section {
        number: "2.8".into(),
        title: "Dokumentasjon, kartlegging av ungdomsmiljø og trender".into(),
        text: vec![format!(
            "Observasjoner i alt: {}.",
            Cell::of(&o["total"]).shown()
        )],
        tables: vec![map_table(
            "2.8-trender",
            "Observasjoner etter tema",
            "Tema",
            &o["by_theme"],
            None,
        )],
    });
    let w = &v["child_welfare"];
    out.push(Section {
        number: "2.9".into(),
        title: "Bekymringsmeldinger til barnevernstjenesten".into(),
        text: vec![],
        tables: vec![Table {
            slug: "2.9-barnevern".into(),
            caption: "Barnevern".into(),
            header: vec!["".into(), "Antall".into()],
            rows: vec![
                vec![
                    Cell::Text("Bekymringsmeldinger sendt".into()),
                    Cell::of(&w["concern_reports"]),
                ],
                vec![
                    Cell::Text("Anmodninger om opplysninger mottatt".into()),
                    Cell::of(&w["information_requests_received"]),
                ],
                vec![
                    Cell::Text("Anmodninger besvart".into()),
                    Cell::of(&w["information_requests_answered"]),
                ],
            ],
        }],
    });
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let plan_rows = v["staffing_plan"]
        .as_array()
        .map(|shifts| {
            shifts
                .iter()
                .map(|s| {
                    let mut row = vec![Cell::Text(format!(
                        "{} – {}",
                        s["starts"].as_str().unwrap_or_default(),
                        s["ends"].as_str().unwrap_or_default()
                    ))];
                    row.extend(days.iter().map(|d| {
                        let t = &s["teams"][*d];
                        let range = match (t[0].as_i64(), t[1].as_i64()) {
                            (Some(a), Some(b)) => TeamRange::new(a, b).ok(),
                            _ => None,
                        };
                        Cell::Text(range.map(|r| r.label()).unwrap_or_default())
                    }));
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    out.push(Section {
        number: "3.0".into(),
        title: "Bemanningsplan".into(),
        text: vec!["Antall feltteam per vakt og ukedag i planen i kraft 1. juli. Et feltteam består av to ansatte.".into()],
        tables: vec![Table {
            slug: "3.0-bemanningsplan".into(),
            caption: "Bemanningsplan".into(),
            header: std::iter::once("Arbeidstid".to_owned())
                .chain(days.iter().map(|d| label(d)))
                .collect(),
            rows: plan_rows,
        }],
    });
    out
}

/// The document of a report (full, or public with hidden cells) for the service `name`: the
/// leader's prose first, its live values filled from this same report (so a public document
/// shows "<5" where its table does), then the numbered sections, then the sources.
pub fn document(
    report: &Value,
    companions: &crate::companions::Companions,
    name: &str,
) -> Document {
    let prose = &companions.prose;
    let year = report["year"].as_i64().unwrap_or_default();
    let mut all: Vec<Section> = [
        ("foreword", "Forord"),
        ("mandate", "Mandat"),
        ("history", "Historikk"),
    ]
    .into_iter()
    .filter_map(|(kind, title)| {
        let (text, _) = crate::prose::fill(prose.get(kind), report);
        let text = crate::prose::paragraphs(&text);
        (!text.is_empty()).then(|| Section {
            number: String::new(),
            title: title.to_owned(),
            text,
            tables: vec![],
        })
    })
    .collect();
    all.extend(crate::companions::time_use_section(&companions.time_use));
    all.extend(sections(report));
    all.extend(crate::companions::schools_section(&companions.schools));
    let charts = all
        .iter()
        .flat_map(|s| {
            s.tables
                .iter()
                .filter(|t| CHARTED.contains(&t.slug.as_str()) && t.header.len() == 2)
                .map(|t| chart_of(&s.number, t))
        })
        .collect();
    all.push(Section {
        number: String::new(),
        title: "Kilder".to_owned(),
        text: vec![format!(
            "Alle tall og tabeller i rapporten er laget av Gatelangs fra tjenestens egne \
             registreringer for {year}: feltkontakter, oppfølgingssamtaler, samarbeid, \
             bekymringsmeldinger, grupper, forebyggende arbeid og bemanningsplan."
        )],
        tables: vec![],
    });
    Document {
        title: format!("Årsrapport {year}"),
        service: name.to_owned(),
        year,
        public: report["suppressed"].as_bool().unwrap_or(false),
        sections: all,
        charts,
        logo: companions.logo.as_ref().map(DocumentLogo::from),
    }
}

/// The leading text cells of a row: what names it (a month, a district and place).
fn row_key(row: &[Cell]) -> Vec<&str> {
    row.iter()
        .map_while(|c| match c {
            Cell::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

/// Year over year: each table whose rows end in a count gets a column with the same row's last
/// count in `previous` (the year before, in the same variant, so a public document compares
/// public figures), where that table had any count at all. A row the previous year did not have
/// shows "–".
pub fn compare_with(doc: &mut Document, previous: &Document) {
    for table in doc.sections.iter_mut().flat_map(|s| &mut s.tables) {
        let Some(before) = previous
            .sections
            .iter()
            .flat_map(|s| &s.tables)
            .find(|t| t.slug == table.slug)
        else {
            continue;
        };
        let ends_in_counts = |rows: &[Vec<Cell>]| {
            !rows.is_empty()
                && rows
                    .iter()
                    .all(|r| matches!(r.last(), Some(Cell::Count(_) | Cell::Hidden)))
        };
        let had_data = before
            .rows
            .iter()
            .flatten()
            .any(|c| matches!(c, Cell::Count(n) if *n != 0) || *c == Cell::Hidden);
        if !ends_in_counts(&table.rows) || !ends_in_counts(&before.rows) || !had_data {
            continue;
        }
        let last = table.header.last().cloned().unwrap_or_default();
        table.header.push(format!("{last} {}", previous.year));
        for row in &mut table.rows {
            let key = row_key(row);
            let then = before
                .rows
                .iter()
                .find(|r| row_key(r) == key)
                .and_then(|r| r.last().cloned())
                .unwrap_or_else(|| Cell::Text("–".into()));
            row.push(then);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn table(slug: &str, rows: Vec<Vec<Cell>>) -> Document {
        Document {
            title: String::new(),
            service: String::new(),
            year: 2024,
            public: false,
            charts: vec![],
            logo: None,
            sections: vec![Section {
                number: "2.1".into(),
                title: String::new(),
                text: vec![],
                tables: vec![Table {
                    slug: slug.into(),
                    caption: String::new(),
                    header: vec!["Måned".into(), "Antall".into()],
                    rows,
                }],
            }],
        }
    }

    #[test]
    fn last_years_counts_join_by_row_and_a_year_without_data_adds_nothing() {
        let t = |s: &str| Cell::Text(s.into());
        let mut now = table(
            "2.1-maned",
            vec![
                vec![t("Januar"), Cell::Count(5)],
                vec![t("Februar"), Cell::Hidden],
                vec![t("Mars"), Cell::Count(9)],
            ],
        );
        let mut before = table(
            "2.1-maned",
            vec![
                vec![t("Februar"), Cell::Count(7)],
                vec![t("Januar"), Cell::Hidden],
            ],
        );
        before.year = 2023;
        compare_with(&mut now, &before);
        let tbl = &now.sections[0].tables[0];
        assert_eq!(tbl.header, vec!["Måned", "Antall", "Antall 2023"]);
        assert_eq!(tbl.rows[0][2], Cell::Hidden);
        assert_eq!(tbl.rows[1][2], Cell::Count(7));
        assert_eq!(tbl.rows[2][2], t("–"));
        let mut again = table("2.1-maned", vec![vec![t("Januar"), Cell::Count(5)]]);
        let empty = table("2.1-maned", vec![vec![t("Januar"), Cell::Count(0)]]);
        compare_with(&mut again, &empty);
        assert_eq!(again.sections[0].tables[0].header.len(), 2);
    }

    #[test]
    fn thousands_are_grouped_with_a_no_break_space() {
        assert_eq!(group_thousands(41_878), "41\u{a0}878");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000_000), "1\u{a0}000\u{a0}000");
    }
}
