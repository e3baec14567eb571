//! HTML that rapor wrote and escaped itself (chart SVGs, the school page's table rows),
//! handed to templates as a value tera prints as it is.
//!
//! A template could print such a string with `| safe`, but that filter copies it into a new
//! value every time: 26 KB a school page for its tables and charts. A `Safe` becomes a
//! template value marked safe once, when the context is built, and prints without a filter.

use serde::{Serialize, Serializer};

/// HTML that needs no escaping, for templates. Serialized to anything but a tera context it
/// is its plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Safe(pub String);

impl Serialize for Safe {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // tera's serializer takes a `tera::Value` as it is (marked safe); others see a string.
        tera::Value::safe_string(&self.0).serialize(serializer)
    }
}

impl std::ops::Deref for Safe {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_unescaped_in_a_template_and_as_text_elsewhere() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t.html", "{{ a }}|{{ b }}|{{ b | safe }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("a", "<b>");
        ctx.insert("b", &Safe("<b>".into()));
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "&lt;b&gt;|<b>|<b>");
        assert_eq!(
            serde_json::to_string(&Safe("<b>".into())).unwrap(),
            "\"<b>\""
        );
    }
}
