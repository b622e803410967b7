//! Charts as inline SVG: labelled bars with their values written out, a title and a
//! description for assistive technology, and a data table beside every chart — readable without
//! colour and without the picture.

use askama::Template;

pub struct Bar {
    pub label: String,
    pub value: i64,
    pub y: i64,
    pub width: i64,
    pub text_y: i64,
}

/// A horizontal bar chart.
#[derive(Template)]
#[template(path = "bar_chart.svg")]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub bars: Vec<Bar>,
    pub height: i64,
    pub label_width: i64,
}

const ROW: i64 = 26;
const BAR_AREA: i64 = 330;

impl BarChart {
    pub fn new(id: &str, title: String, desc: String, data: Vec<(String, i64)>) -> Self {
        let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
        let bars = data
            .into_iter()
            .enumerate()
            .map(|(i, (label, value))| {
                let y = i64::try_from(i).unwrap_or(0) * ROW + 4;
                Bar {
                    label,
                    value,
                    y,
                    width: (value * BAR_AREA / max).max(i64::from(value > 0)),
                    text_y: y + 15,
                }
            })
            .collect::<Vec<_>>();
        let height = i64::try_from(bars.len()).unwrap_or(0) * ROW + 8;
        Self {
            id: id.to_owned(),
            title,
            desc,
            bars,
            height,
            label_width: 190,
        }
    }

    /// The SVG markup (auto-escaped by the template), or nothing if it cannot be rendered.
    pub fn svg(&self) -> String {
        self.render().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_text_is_escaped() {
        let chart = BarChart::new(
            "c",
            "A & B".into(),
            "d".into(),
            vec![("<x>".into(), 10), ("y".into(), 5), ("z".into(), 0)],
        );
        assert_eq!(
            chart.bars.iter().map(|b| b.width).collect::<Vec<_>>(),
            vec![330, 165, 0]
        );
        let svg = chart.svg();
        assert!(
            svg.contains("role=\"img\"") && svg.contains("<title id=\"c-title\">A &#38; B</title>"),
            "{svg}"
        );
        assert!(svg.contains("&#60;x&#62;"));
    }
}
