//! One option of a select, radio group or checkbox group, as the templates draw it.

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}
