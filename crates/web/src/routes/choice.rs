//! One option of a select, radio group or checkbox group, as the templates draw it.

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One choice per code of a closed set, the `chosen` code selected.
pub fn of_codes<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: code(*v).to_owned(),
            label: label(*v),
            selected: code(*v) == chosen,
        })
        .collect()
}
