//! Charts rendered to SVG at build time with plotters' SVG backend (no system fonts: text is
//! laid out by the browser). Each chart gets `role="img"`, a `<title>` and a `<desc>`.

pub mod radar;

/// Replaces plotters' root `<svg …>` tag with a scalable, labelled one.
pub fn label_svg(svg: &str, id: &str, class: &str, title: &str, desc: &str) -> String {
    let body_start = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let (width, height) = (attr(svg, "width"), attr(svg, "height"));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{}",
        escape(title),
        escape(desc),
        svg[body_start..].trim_start()
    )
}

fn attr<'a>(svg: &'a str, name: &str) -> &'a str {
    let key = format!(" {name}=\"");
    svg.find(&key)
        .map(|i| &svg[i + key.len()..])
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("0")
}

/// HTML/XML escaping for text placed in SVG outside of templates.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
