//! The trend summary for the collaboration forums (SLT, police, schools) as a document: the
//! notes of a period per district and theme, with no summary text, no personal data and no
//! count from 1 to 4 (the rule is [`crate::groups::trend_summary`]'s).

use gatelangs_domain::groups::Theme;
use gatelangs_domain::time::format_day;
use jiff::civil::Date;

use crate::document::{Cell, Document, DocumentLogo, Section, Table};
use crate::groups::{self, trend_summary};

fn cell(c: groups::Cell) -> Cell {
    match c {
        groups::Cell::Count(n) => Cell::Count(i64::try_from(n).unwrap_or(i64::MAX)),
        groups::Cell::UnderFive => Cell::Hidden,
    }
}

/// The trend summary of the notes (district, themes) from `from` to `to` for the service
/// `name`, ready for the HTML, PDF or any other renderer of [`Document`].
pub fn summary_document(
    name: &str,
    from: Date,
    to: Date,
    notes: &[(String, Vec<Theme>)],
    logo: Option<DocumentLogo>,
) -> Document {
    let period = format!("{}–{}", format_day(from), format_day(to));
    let rows: Vec<Vec<Cell>> = trend_summary(notes.iter().map(|(d, t)| (d.as_str(), t.as_slice())))
        .into_iter()
        .map(|row| {
            std::iter::once(Cell::Text(row.district))
                .chain(std::iter::once(cell(row.notes)))
                .chain(row.by_theme.into_iter().map(cell))
                .collect()
        })
        .collect();
    let mut text = vec![format!(
        "Observasjoner av ungdomsmiljøene i perioden {period}, per område og tema. En \
         observasjon kan ha flere tema. Oversikten har ingen personopplysninger, og tall fra 1 \
         til 4 vises som «<5», så ingen kan kjennes igjen."
    )];
    if rows.is_empty() {
        text.push("Ingen observasjoner i perioden.".to_owned());
    }
    Document {
        title: format!("Trender i ungdomsmiljøene {period}"),
        service: name.to_owned(),
        year: i64::from(to.year()),
        public: false,
        sections: vec![Section {
            number: String::new(),
            title: "Observasjoner per område og tema".to_owned(),
            text,
            tables: if rows.is_empty() {
                vec![]
            } else {
                vec![Table {
                    slug: "trender".to_owned(),
                    caption: format!("Observasjoner {period}"),
                    header: ["Område".to_owned(), "Observasjoner".to_owned()]
                        .into_iter()
                        .chain(
                            Theme::ALL
                                .iter()
                                .map(|t| crate::document::label(t.as_str())),
                        )
                        .collect(),
                    rows,
                }]
            },
        }],
        charts: vec![],
        logo,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_document_hides_small_counts_and_names_every_theme() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let mut notes = vec![("Sentrum".to_owned(), vec![Theme::Gangs, Theme::Digital]); 6];
        notes.push(("Nord".to_owned(), vec![Theme::Violence]));
        let doc = summary_document("Uteteamet", d("2026-01-01"), d("2026-06-30"), &notes, None);
        assert_eq!(doc.title, "Trender i ungdomsmiljøene 01.01.2026–30.06.2026");
        let table = &doc.sections[0].tables[0];
        assert_eq!(table.header.len(), 2 + Theme::ALL.len());
        assert!(table.header.contains(&"Digitalt".to_owned()));
        assert!(table.header.contains(&"Annet".to_owned()));
        let nord = &table.rows[0];
        assert_eq!(nord[0], Cell::Text("Nord".into()));
        assert_eq!(nord[1], Cell::Hidden);
        let sentrum = &table.rows[1];
        assert_eq!(sentrum[1], Cell::Count(6));
        let gangs = 2 + Theme::ALL.iter().position(|t| *t == Theme::Gangs).unwrap();
        let crime = 2 + Theme::ALL.iter().position(|t| *t == Theme::Crime).unwrap();
        assert_eq!(
            (sentrum[gangs].clone(), sentrum[crime].clone()),
            (Cell::Count(6), Cell::Count(0))
        );
    }

    #[test]
    fn a_period_without_notes_says_so() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let doc = summary_document("Uteteamet", d("2026-01-01"), d("2026-01-31"), &[], None);
        assert!(doc.sections[0].tables.is_empty());
        assert!(doc.sections[0].text[1].contains("Ingen observasjoner"));
    }
}
