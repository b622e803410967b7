//! `gatelangs report annual --format html|pdf|xlsx|csv [--public]` through the binary, as a user
//! runs it: every format holds every section and the demo's figures (the PDF read back by
//! pdftotext, the workbook by calamine); the public variant of a service with small counts shows
//! no count from 1 to 4 in any format, and no hidden cell can be worked out from a total.

#![allow(clippy::unwrap_used)]

use std::io::Read;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};
use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_gatelangs"))
        .args(args)
        .env("GATELANGS_DATA_DIR", dir)
        .env_remove("GATELANGS_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn report(dir: &Path, service: &str, format: &str, public: bool) -> Vec<u8> {
    let mut args = vec![
        "report",
        "annual",
        "--service",
        service,
        "--year",
        "2024",
        "--format",
        format,
    ];
    if public {
        args.push("--public");
    }
    run(dir, &args)
}

fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = Command::new("pdftotext")
        .args(["-q", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) must be installed");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

/// Every sheet of a workbook as a grid of cells.
fn sheets(xlsx: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (n, rows)
        })
        .collect()
}

/// Every file of the CSV zip, by name.
fn csv_files(zip: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.to_vec())).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().to_owned(), text)
        })
        .collect()
}

const SECTIONS: [&str; 10] = [
    "2.1 Oppsøkende sosialt feltarbeid",
    "2.2 Lokale tall",
    "2.3 Individuelt oppfølgingsarbeid",
    "2.4 Kollektivt oppfølgingsarbeid",
    "2.5 Samarbeid",
    "2.6 Henvendelser",
    "2.7 Informasjons- og holdningsskapende arbeid",
    "2.8 Dokumentasjon",
    "2.9 Bekymringsmeldinger",
    "3.0 Bemanningsplan",
];

#[test]
fn every_format_of_the_demo_report_holds_every_section_and_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["demo"]);
    let json: Value =
        serde_json::from_slice(&report(dir.path(), "out-lillestrom", "json", false)).unwrap();
    let total = json["field_contacts"]["total"].as_i64().unwrap();
    let street = json["field_contacts"]["by_channel"]["street"]
        .as_i64()
        .unwrap();
    let grouped = |n: i64| {
        let s = n.to_string();
        let (head, tail) = s.split_at(s.len() - 3);
        format!("{head} {tail}")
    };

    let pdf = report(dir.path(), "out-lillestrom", "pdf", false);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for heading in SECTIONS {
        assert!(text.contains(heading), "{heading} not in the PDF");
    }
    assert!(text.contains("Innhold"), "a table of contents");
    assert!(text.contains("Side 1 av"), "page numbers");
    assert!(
        text.contains("Figur 2: Treff per måned"),
        "the month chart, drawn"
    );
    assert!(
        text.contains("\nKilder"),
        "the sources, headed without a number"
    );
    assert!(text.contains(&format!("Treff i alt: {}.", grouped(total))));
    assert!(text.contains(&grouped(street)));
    // The staffing plan's "3 - 4" (pdftotext may close up the spaces).
    assert!(
        text.contains("3 - 4") || text.contains("3-4"),
        "the staffing plan"
    );

    let html = String::from_utf8(report(dir.path(), "out-lillestrom", "html", false)).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("lang=\"nb\""));
    for heading in SECTIONS {
        assert!(html.contains(heading), "{heading} not in the HTML");
    }
    assert!(
        !html.contains("<link") && !html.contains("<script"),
        "stands alone"
    );

    // Year over year: the demo has 2023, so each count table has 2023's figure beside it.
    let last_year: serde_json::Value = serde_json::from_slice(&run(
        dir.path(),
        &[
            "report",
            "annual",
            "--service",
            "out-lillestrom",
            "--year",
            "2023",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let street_2023 = last_year["field_contacts"]["by_channel"]["street"]
        .as_i64()
        .unwrap();
    assert!(html.contains("Antall 2023"), "year over year in the HTML");
    // Charts as vector graphics, with the figure written on each bar.
    let month_chart = html.find("<title id=\"chart2-2.1\">Treff per måned</title>");
    assert!(month_chart.is_some(), "the month chart as SVG");
    assert!(html.contains("<svg role=\"img\""));

    // One sheet per section; 2.1's first table is the arenas, under its caption.
    let grid = sheets(&report(dir.path(), "out-lillestrom", "xlsx", false));
    let names: Vec<&str> = grid.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"1.3 Tidsbruk"));
    assert!(
        names.contains(&"2.1 Oppsøkende sosialt feltarbe"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.starts_with("3.0 ")), "{names:?}");
    let sheet = &grid.iter().find(|(n, _)| n.starts_with("2.1 ")).unwrap().1;
    assert_eq!(sheet[0][0], Data::String("Treff etter arena".into()));
    assert!(
        sheet
            .iter()
            .any(|r| r.first() == Some(&Data::String("Treff per måned".into()))),
        "the section's other tables below"
    );
    let channel = &sheet[1..];
    assert_eq!(
        channel[0][..3],
        [
            Data::String("Arena".into()),
            Data::String("Antall".into()),
            Data::String("Antall 2023".into())
        ]
    );
    assert_eq!(channel[1][2], Data::Float(street_2023 as f64));
    assert_eq!(
        channel[1][1],
        Data::Float(street as f64),
        "a number, not text"
    );
    let sum = channel
        .iter()
        .find(|r| r[0] == Data::String("Sum".into()))
        .unwrap();
    assert_eq!(sum[1], Data::Float(total as f64));

    let csv = csv_files(&report(dir.path(), "out-lillestrom", "csv", false));
    let channel = &csv.iter().find(|(n, _)| n == "2.1-kanal.csv").unwrap().1;
    assert!(channel.starts_with("Arena,Antall,Antall 2023\n"));
    assert!(channel.contains(&format!("Gate og nærmiljø,{street},{street_2023}\n")));
}

/// A small service: a place with 3 contacts beside places with more, three youths in follow-up.
fn small_bundle(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let files = [
        (
            "places.csv",
            "district,place,kind\nSentrum,Torget,street\nSentrum,Skolen,school\nNord,Parken,street\n",
        ),
        (
            "contacts.csv",
            "occurred_at,place,channel,age_group,gender,count\n\
             2024-03-01T18:00,Torget,street,lower_secondary,male,3\n\
             2024-03-02T18:00,Skolen,school,lower_secondary,female,20\n\
             2024-03-03T18:00,Parken,street,upper_secondary,female,17\n\
             2024-04-03T12:00,Parken,street,upper_secondary,male,9\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Whether `v` (the public JSON) holds a count from 1 to 4 outside the staffing plan and year.
fn small_counts(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !matches!(k.as_str(), "staffing_plan" | "year") {
                    small_counts(x, &format!("{path}/{k}"), out);
                }
            }
        }
        Value::Number(n) if n.as_i64().is_some_and(|n| (1..=4).contains(&n)) => {
            out.push(path.to_owned());
        }
        _ => {}
    }
}

#[test]
fn the_public_variant_hides_small_counts_in_every_format_and_none_can_be_worked_out() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle");
    small_bundle(&bundle);
    run(
        dir.path(),
        &["import", "--service", "small", bundle.to_str().unwrap()],
    );
    let full: Value = serde_json::from_slice(&report(dir.path(), "small", "json", false)).unwrap();
    assert_eq!(
        full["field_contacts"]["by_district"]["Sentrum"]["places"]["Torget"],
        3
    );
    let public: Value = serde_json::from_slice(&report(dir.path(), "small", "json", true)).unwrap();
    assert_eq!(public["suppressed"], true);
    assert!(full.get("suppressed").is_none());
    let mut found = vec![];
    small_counts(&public, "", &mut found);
    assert!(found.is_empty(), "counts 1–4 left: {found:?}");
    let fc = &public["field_contacts"];
    assert_eq!(fc["by_district"]["Sentrum"]["places"]["Torget"], "<5");
    // No table with a visible total has exactly one hidden cell.
    let hidden = |m: &Value| -> usize {
        m.as_object()
            .unwrap()
            .values()
            .filter(|x| x.is_string())
            .count()
    };
    assert!(fc["total"].is_number());
    for map in [
        "by_channel",
        "by_age_group",
        "by_gender",
        "by_time_band",
        "by_month",
    ] {
        assert_ne!(hidden(&fc[map]), 1, "{map}: {}", fc[map]);
    }
    for (_, d) in fc["by_district"].as_object().unwrap() {
        let places = hidden(&d["places"]) + usize::from(d["total"].is_string());
        assert_ne!(places, 1, "{d}");
    }
    // And no hidden cell equals the total minus the visible cells of its table.
    let sentrum = &fc["by_district"]["Sentrum"];
    if let Some(t) = sentrum["total"].as_i64() {
        let visible: i64 = sentrum["places"]
            .as_object()
            .unwrap()
            .values()
            .filter_map(Value::as_i64)
            .sum();
        assert_ne!(t - visible, 3, "Torget's 3 could be worked out");
    }

    let csv = csv_files(&report(dir.path(), "small", "csv", true));
    for (name, text) in &csv {
        for cell in text.lines().skip(1).flat_map(|l| l.split(',')) {
            assert!(!matches!(cell, "1" | "2" | "3" | "4"), "{name}: {text}");
        }
    }
    let places = &csv.iter().find(|(n, _)| n == "2.2-steder.csv").unwrap().1;
    assert!(places.contains("Sentrum,Torget,<5"), "{places}");
    for (name, rows) in sheets(&report(dir.path(), "small", "xlsx", true)) {
        for cell in rows.iter().skip(1).flatten() {
            assert!(
                !matches!(cell, Data::Float(f) if (1.0..=4.0).contains(f)),
                "{name}: {rows:?}"
            );
        }
    }
    let html = String::from_utf8(report(dir.path(), "small", "html", true)).unwrap();
    assert!(html.contains("Offentlig utgave"));
    // Snapshots of the whole public HTML and of the workbook's cells: a change to either is
    // seen in review (cargo insta review), not found by a reader in March.
    insta::assert_snapshot!("small_public_html", html);
    let grid: String = sheets(&report(dir.path(), "small", "xlsx", true))
        .iter()
        .map(|(name, rows)| {
            let cells: Vec<String> = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| format!("{c:?}"))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect();
            format!("[{name}]\n{}\n", cells.join("\n"))
        })
        .collect();
    insta::assert_snapshot!("small_public_xlsx_cells", grid);
    for n in 1..=4 {
        assert!(
            !html.contains(&format!("<td class=\"num\">{n}</td>")),
            "{n} in the HTML"
        );
    }
    assert!(html.contains("<td class=\"num\">&#60;5</td>"));
    let text = pdf_text(&report(dir.path(), "small", "pdf", true));
    assert!(text.contains("Offentlig utgave") && text.contains("<5"));
}
