//! Markdown to HTML for narratives, articles and pages. Raw HTML in the source is shown as
//! text (escaped), never passed through: content comes from many hands and is published by
//! government offices. Links with script-capable schemes are dropped; images must be local.

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag};

pub fn to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type: if is_remote(&dest_url) {
                LinkType::Inline
            } else {
                link_type
            },
            dest_url: if is_remote(&dest_url) {
                CowStr::from("")
            } else {
                safe_url(dest_url)
            },
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let before = &url[..colon];
    (!before.contains(['/', '?', '#'])).then(|| before.trim().to_ascii_lowercase())
}

fn is_remote(url: &str) -> bool {
    url.starts_with("//") || scheme(url).is_some()
}

/// Keeps relative links, fragments, http(s) and mailto; anything else becomes `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    match scheme(&url).as_deref() {
        None | Some("http") | Some("https") | Some("mailto") => url,
        Some(_) => CowStr::from("#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped() {
        let out = to_html("Halo <script>alert(1)</script>\n\n<div onload=x>");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("<div"), "{out}");
    }

    #[test]
    fn script_links_are_dropped() {
        let out = to_html("[a](javascript:alert(1)) [b](JavaScript:x) [c](../x/index.html)");
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
        assert!(out.contains("href=\"../x/index.html\""), "{out}");
    }

    #[test]
    fn remote_images_are_not_loaded() {
        let out = to_html("![peta](https://example.org/x.png)");
        assert!(!out.contains("example.org"), "{out}");
    }
}
