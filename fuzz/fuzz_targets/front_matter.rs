//! Markdown files with TOML front matter: articles (dates, references) and narratives, then
//! their bodies through the markdown renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapor::load::content;
use rapor::render::markdown;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((_, doc)) = content::article_from_text(text, "content/kegiatan/a.md") {
        let _ = doc.line_of_key("tanggal");
        let html = markdown::to_html(&doc.body);
        assert!(!html.contains("<script"), "raw HTML passed through: {html}");
    }
    if let Ok(doc) = content::narrative_from_text(text, "content/wilayah/14.md") {
        let html = markdown::to_html(&doc.body);
        assert!(!html.contains("<script"), "raw HTML passed through: {html}");
    }
});
