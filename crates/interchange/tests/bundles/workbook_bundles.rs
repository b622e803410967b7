//! A bundle given as one .xlsx workbook, on both backends: every bad row of the CSV cases is
//! named `book.xlsx:SHEET!ROW: COLUMN:` instead, with ROW the sheet's row as the spreadsheet
//! shows it (blank rows and cells with line breaks counted as the spreadsheet counts them);
//! typed cells (dates, numbers) read as their CSV spelling, so a workbook imports the same
//! report as its CSV bundle; and nothing is written when there is a problem.

#![allow(clippy::unwrap_used)]

use gatelangs_interchange::{ImportError, Problem, import, read_upload};
use gatelangs_storage::{Store, services};
use gatelangs_testkit::{each_backend, workbook_of};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

async fn import_workbook(store: &Store, slug: &str, bytes: Vec<u8>) -> Result<(), Vec<String>> {
    let bundle = read_upload(bytes, "/tmp/somewhere/book.xlsx").map_err(|p| vec![p.to_string()])?;
    match import(store, slug, &bundle, None).await {
        Ok(_) => Ok(()),
        Err(ImportError::Invalid(problems)) => {
            Err(problems.iter().map(Problem::to_string).collect())
        }
        Err(e) => panic!("{e}"),
    }
}

async fn row_count(store: &Store, table: &str) -> i64 {
    let mut conn = store.conn().await.unwrap();
    gatelangs_testkit::fetch_i64(&mut conn, &format!("SELECT COUNT(*) FROM {table}")).await
}

const BASE_PLACES: &str = "district,place,kind\nSentrum,Torget,street\n";

/// A contacts file with a good first row and `row` second (sheet row 3).
fn contacts_with(row: &str) -> String {
    format!(
        "occurred_at,place,channel,age_group,gender,count\n2024-05-01T10:00,Torget,street,lower_secondary,female,1\n{row}\n"
    )
}

/// The files of a workbook, and the problems expected (each the start of a line).
type Case = (Vec<(&'static str, String)>, Vec<&'static str>);

#[tokio::test]
async fn every_bad_row_of_a_workbook_is_named_by_sheet_and_row_and_nothing_is_written() {
    let cases: Vec<Case> = vec![
        (
            vec![("contacts.csv", contacts_with("2024-02-30T10:00,Torget,street,lower_secondary,female,1"))],
            vec!["book.xlsx:contacts!3: occurred_at:"],
        ),
        (
            vec![("contacts.csv", contacts_with("2024-05-01T10:00,Månen,street,lower_secondary,female,1"))],
            vec!["book.xlsx:contacts!3: place: unknown place"],
        ),
        (
            vec![("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street,lower_secondary,female,0"))],
            vec!["book.xlsx:contacts!3: count:"],
        ),
        (
            vec![(
                "contacts.csv",
                "occurred_at,place,channel,age_group,gender,colour\n2024-05-01T10:00,Torget,street,lower_secondary,female,red\n".to_owned(),
            )],
            vec!["book.xlsx:contacts!1: colour: unknown column"],
        ),
        (
            vec![("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street"))],
            // A sheet has no short rows: the cells past the end are empty, and named so.
            vec![
                "book.xlsx:contacts!3: age_group: a value is required",
                "book.xlsx:contacts!3: gender: a value is required",
            ],
        ),
        // A cell with a line break is one sheet row, however many CSV lines it makes.
        (
            vec![("places.csv", "district,place,kind\nSentrum,\"Torget\nnord\",street\nSentrum,Plassen,tram\n".to_owned())],
            vec!["book.xlsx:places!3: kind: unknown place kind"],
        ),
        // Problems in two sheets, each by its own rows.
        (
            vec![
                ("staff.csv", "username,name,role\nola,Ola,field_worker\nper,Per,boss\n".to_owned()),
                ("contacts.csv", contacts_with("2024-05-01T10:00,Torget,street,teen,female,1")),
            ],
            vec!["book.xlsx:contacts!3: age_group: unknown age group", "book.xlsx:staff!3: role: unknown role"],
        ),
        // A sheet named like no bundle file is refused, never skipped.
        (
            vec![("kontakter.csv", "a\n1\n".to_owned())],
            vec!["book.xlsx:kontakter!1: sheet: unknown sheet (expected one of services, staff, places, contacts,"],
        ),
    ];
    for db in each_backend().await {
        let base = workbook_of(&[("places.csv", BASE_PLACES)]);
        import_workbook(&db.store, "out-test", base).await.unwrap();
        for (files, expected) in &cases {
            let owned: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
            let before = (
                row_count(&db.store, "contacts").await,
                row_count(&db.store, "places").await,
                row_count(&db.store, "users").await,
                row_count(&db.store, "audit_log").await,
            );
            let shown = import_workbook(&db.store, "out-test", workbook_of(&owned))
                .await
                .unwrap_err();
            assert_eq!(shown.len(), expected.len(), "{:?}: {shown:?}", db.backend());
            for (got, want) in shown.iter().zip(expected) {
                assert!(
                    got.starts_with(want),
                    "{:?}: {want} not at the start of {got}",
                    db.backend()
                );
            }
            let after = (
                row_count(&db.store, "contacts").await,
                row_count(&db.store, "places").await,
                row_count(&db.store, "users").await,
                row_count(&db.store, "audit_log").await,
            );
            assert_eq!(
                before,
                after,
                "{:?}: {expected:?} wrote something",
                db.backend()
            );
        }
    }
}

/// The contacts as a spreadsheet holds them: date-time and count cells typed, a blank row
/// between two blocks, an empty default sheet beside.
fn typed_workbook(bad_count_after_blank: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Ark1").unwrap();
    let places = book.add_worksheet();
    places.set_name("places").unwrap();
    for (c, h) in ["district", "place", "kind"].iter().enumerate() {
        places
            .write_string(0, u16::try_from(c).unwrap(), *h)
            .unwrap();
    }
    places
        .write_row(1, 0, ["Sentrum", "Torget", "street"])
        .unwrap();
    places
        .write_row(2, 0, ["Sentrum", "Stav skole", "school"])
        .unwrap();
    let contacts = book.add_worksheet();
    // Capitalized, as spreadsheet users name sheets.
    contacts.set_name("Contacts").unwrap();
    contacts
        .write_row(
            0,
            0,
            [
                "occurred_at",
                "place",
                "channel",
                "age_group",
                "gender",
                "count",
            ],
        )
        .unwrap();
    let when = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let rows = [
        (
            1,
            "2024-01-01T00:30:00",
            "Torget",
            "lower_secondary",
            "female",
            3.0,
        ),
        (
            2,
            "2024-03-15T12:00:00",
            "Stav skole",
            "lower_secondary",
            "male",
            4.0,
        ),
        // Row 4 (index 3) is left blank, as between two blocks of a tally.
        (
            4,
            "2024-07-05T18:30:00",
            "Torget",
            "upper_secondary",
            "male",
            2.0,
        ),
        (
            5,
            "2024-12-31T23:59:00",
            "Torget",
            "young_adult",
            "other",
            if bad_count_after_blank { -1.0 } else { 1.0 },
        ),
    ];
    for (r, at, place, age, gender, count) in rows {
        contacts
            .write_datetime_with_format(r, 0, ExcelDateTime::parse_from_str(at).unwrap(), &when)
            .unwrap();
        let channel = if place == "Stav skole" {
            "school"
        } else {
            "street"
        };
        contacts
            .write_row(r, 1, [place, channel, age, gender])
            .unwrap();
        contacts.write_number(r, 5, count).unwrap();
    }
    book.save_to_buffer().unwrap()
}

const TYPED_AS_CSV: &str = "occurred_at,place,channel,age_group,gender,count\n\
2024-01-01T00:30,Torget,street,lower_secondary,female,3\n\
2024-03-15T12:00,Stav skole,school,lower_secondary,male,4\n\
2024-07-05T18:30,Torget,street,upper_secondary,male,2\n\
2024-12-31T23:59,Torget,street,young_adult,other,1\n";

async fn report(store: &Store, slug: &str) -> serde_json::Value {
    let mut conn = store.conn().await.unwrap();
    let service = services::find_by_slug(&mut conn, slug)
        .await
        .unwrap()
        .unwrap();
    let mut json = serde_json::to_value(
        gatelangs_report::build(&mut conn, &service, 2024)
            .await
            .unwrap(),
    )
    .unwrap();
    json["service"] = serde_json::Value::Null;
    json
}

#[tokio::test]
async fn a_workbook_with_typed_cells_imports_the_same_report_as_its_csv() {
    for db in each_backend().await {
        let bad = import_workbook(&db.store, "from-book", typed_workbook(true))
            .await
            .unwrap_err();
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(
            bad[0].starts_with("book.xlsx:Contacts!6: count:"),
            "{bad:?}"
        );
        assert_eq!(row_count(&db.store, "contacts").await, 0);

        import_workbook(&db.store, "from-book", typed_workbook(false))
            .await
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("places.csv"),
            "district,place,kind\nSentrum,Torget,street\nSentrum,Stav skole,school\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("contacts.csv"), TYPED_AS_CSV).unwrap();
        let csv = gatelangs_interchange::read_bundle(dir.path()).unwrap();
        import(&db.store, "from-csv", &csv, None).await.unwrap();
        let from_book = report(&db.store, "from-book").await;
        assert_eq!(
            from_book,
            report(&db.store, "from-csv").await,
            "{:?}",
            db.backend()
        );
        assert_eq!(from_book["field_contacts"]["total"], 10, "{from_book}");

        // The same workbook again changes nothing.
        let before = row_count(&db.store, "contacts").await;
        import_workbook(&db.store, "from-book", typed_workbook(false))
            .await
            .unwrap();
        assert_eq!(row_count(&db.store, "contacts").await, before);
    }
}

/// A places sheet with `good` rows before one with a bad kind and two after it: `blanks` of the
/// first good rows are followed by a blank row, `multiline` of them have a name with `breaks`
/// line breaks. Returns the workbook and the bad row's number as the spreadsheet shows it.
fn places_layout(good: u32, blanks: u32, multiline: u32, breaks: usize) -> (Vec<u8>, u32) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("places").unwrap();
    sheet
        .write_row(0, 0, ["district", "place", "kind"])
        .unwrap();
    let mut row = 1;
    for i in 0..good {
        let name = if i < multiline {
            format!("Sted {i}{}", "\nlinje".repeat(breaks))
        } else {
            format!("Sted {i}")
        };
        sheet
            .write_row(row, 0, ["Sentrum", name.as_str(), "street"])
            .unwrap();
        row += if i < blanks { 2 } else { 1 };
    }
    sheet
        .write_row(row, 0, ["Sentrum", "Feil", "spaceship"])
        .unwrap();
    // Good rows after it, so the bad row is not simply the sheet's last.
    for (i, after) in (row + 1..row + 3).enumerate() {
        let name = format!("Etter {i}{}", "\nlinje".repeat(breaks));
        sheet
            .write_row(after, 0, ["Sentrum", name.as_str(), "street"])
            .unwrap();
    }
    (book.save_to_buffer().unwrap(), row + 1)
}

#[tokio::test]
async fn the_row_named_is_the_sheet_row_whatever_blank_rows_and_line_breaks_come_before() {
    for db in each_backend().await {
        for case in 0..24_u32 {
            let good = 1 + case % 5;
            let blanks = (case / 2) % (good + 1);
            let multiline = (case / 3) % (good + 1);
            let breaks = 1 + usize::try_from(case % 3).unwrap();
            let (book, bad_row) = places_layout(good, blanks, multiline, breaks);
            let shown = import_workbook(&db.store, "layouts", book)
                .await
                .unwrap_err();
            let want = format!("book.xlsx:places!{bad_row}: kind: ");
            assert_eq!(shown.len(), 1, "case {case}: {shown:?}");
            assert!(
                shown[0].starts_with(&want),
                "{:?} case {case} (good {good}, blanks {blanks}, multiline {multiline}, breaks {breaks}): {want} not at the start of {}",
                db.backend(),
                shown[0]
            );
        }
        assert_eq!(row_count(&db.store, "places").await, 0);
    }
}
