//! Integers in request bodies, read as JSON reads them: `12` and `12.0` are the same number, and
//! the OpenAPI document's `integer` allows both. serde alone refuses `12.0` for an integer field,
//! which would turn a valid request into a 422.

use serde::{Deserialize, Deserializer, de::Error};

fn whole<'de, D: Deserializer<'de>>(number: serde_json::Number) -> Result<i128, D::Error> {
    if let Some(n) = number.as_i64() {
        return Ok(n.into());
    }
    if let Some(n) = number.as_u64() {
        return Ok(n.into());
    }
    match number.as_f64() {
        // Beyond 2^53 a float no longer stands for one whole number.
        Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Ok(f as i128),
        _ => Err(D::Error::custom(format!("{number} is not a whole number"))),
    }
}

fn option_whole<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i128>,
{
    match Option::<serde_json::Number>::deserialize(deserializer)? {
        None => Ok(None),
        Some(number) => T::try_from(whole::<D>(number)?)
            .map(Some)
            .map_err(|_| D::Error::custom("number out of range")),
    }
}

/// An optional `i64`.
pub fn option_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    option_whole(deserializer)
}

/// An optional `u32`.
pub fn option_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    option_whole(deserializer)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Body {
        #[serde(default, deserialize_with = "super::option_i64")]
        count: Option<i64>,
        #[serde(default, deserialize_with = "super::option_u32")]
        others: Option<u32>,
    }

    fn read(json: &str) -> Result<Body, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn whole_floats_are_integers_and_fractions_are_not() {
        assert_eq!(
            read(r#"{"count": 12.0, "others": 3}"#).ok(),
            Some(Body {
                count: Some(12),
                others: Some(3)
            })
        );
        assert_eq!(
            read(r#"{"count": null}"#).ok(),
            Some(Body {
                count: None,
                others: None
            })
        );
        assert_eq!(
            read("{}").ok(),
            Some(Body {
                count: None,
                others: None
            })
        );
        assert!(read(r#"{"count": 1.5}"#).is_err());
        assert!(read(r#"{"others": -1}"#).is_err());
        assert!(read(r#"{"others": 4294967296}"#).is_err());
        assert!(read(r#"{"count": 1e300}"#).is_err());
        assert!(read(r#"{"count": "3"}"#).is_err());
    }
}
