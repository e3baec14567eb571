//! Values that are the same on every page of a language folded into the templates before they
//! are compiled: a template's `{{ t.beranda }}` becomes `Beranda` in the language's compiled
//! copy, and so do `{{ site.title }}` and `{{ lang }}`. Looking each interface word up on each
//! page (54 on a school page, 226,000 school pages in a national site) was about a tenth of a
//! school page's time.
//!
//! Folding never changes what a page shows. It is skipped where tera could print something
//! else than the value itself:
//! - values that need escaping or that could read as template syntax, or have whitespace at
//!   their ends (a `-%}` next to them would trim it), or a line break (error lines would move);
//! - `{{- t.x -}}` and any other form than a plain `{{ t.x }}`;
//! - templates with a `{% raw %}` block, and templates whose names tera does not autoescape;
//! - the whole theme when any template could give a folded name (`t`, `site`, `lang`) another
//!   value: `set t`, a loop variable `t`, a component parameter `t` that is not `@t`, an
//!   argument `t=`.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// The templates with the constants folded in. `constants` maps an expression (`t.beranda`,
/// `site.title`, `lang`) to its text; a name any template could shadow is not folded.
pub fn fold_constants<'s>(
    templates: &'s [(String, String)],
    constants: &BTreeMap<String, String>,
) -> Vec<(&'s str, Cow<'s, str>)> {
    let mut roots: Vec<&str> = constants
        .keys()
        .map(|k| k.split('.').next().unwrap_or(k))
        .collect();
    roots.dedup();
    roots.retain(|root| !templates.iter().any(|(_, source)| shadows(source, root)));
    let foldable: BTreeMap<&str, &str> = constants
        .iter()
        .filter(|(k, v)| roots.contains(&k.split('.').next().unwrap_or(k)) && foldable(v))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    templates
        .iter()
        .map(|(name, source)| {
            let folded = if foldable.is_empty() || !autoescaped(name) {
                Cow::Borrowed(source.as_str())
            } else {
                fold(source, &foldable)
            };
            (name.as_str(), folded)
        })
        .collect()
}

/// Tera's default autoescaped suffixes (rapor does not change them).
fn autoescaped(name: &str) -> bool {
    [".html", ".htm", ".xml"].iter().any(|s| name.ends_with(s))
}

/// A value printed by tera exactly as written, wherever it stands.
fn foldable(word: &str) -> bool {
    !word.bytes().any(|b| {
        matches!(
            b,
            b'&' | b'<' | b'>' | b'"' | b'\'' | b'{' | b'}' | b'%' | b'#' | b'\n' | b'\r'
        )
    }) && word.trim() == word
}

/// The tags of a template: (opening delimiter, inner text), skipping text between them.
fn tags(source: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + source[at..].find('{')?;
        // By bytes: the character after a `{` may be any (`{é`), and slicing at it would not
        // fall on a character boundary.
        let (open, close) = match source.as_bytes().get(start + 1) {
            Some(b'{') => ("{{", "}}"),
            Some(b'%') => ("{%", "%}"),
            Some(b'#') => ("{#", "#}"),
            _ => {
                at = start + 1;
                continue;
            }
        };
        let Some(len) = source[start + 2..].find(close) else {
            at = source.len();
            return None;
        };
        at = start + 2 + len + 2;
        return Some((start, open, &source[start + 2..start + 2 + len]));
    })
}

/// Whether any tag of `source` could give `name` another value than the page's.
fn shadows(source: &str, name: &str) -> bool {
    tags(source).any(|(_, open, inner)| {
        let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
        match open {
            "{%" => {
                let mut words =
                    inner.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@'));
                match words.next() {
                    Some("set") | Some("set_global") => {
                        inner.split_whitespace().nth(1).is_some_and(|v| {
                            v == name || v.strip_prefix(name).is_some_and(|r| r.starts_with('='))
                        })
                    }
                    Some("for") => inner
                        .split(" in ")
                        .next()
                        .is_some_and(|vars| vars[3..].split(',').any(|v| v.trim() == name)),
                    Some("component") => words.any(|w| w == name),
                    _ => false,
                }
            }
            "{{" => inner.starts_with('<') && has_argument(inner, name),
            _ => false,
        }
    })
}

/// `name=` as an argument of a component call.
fn has_argument(inner: &str, name: &str) -> bool {
    let bytes = inner.as_bytes();
    inner.match_indices(name).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let named = before.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.'));
        named && inner[i + name.len()..].trim_start().starts_with('=')
    })
}

/// Folds the plain `{{ expression }}` blocks of one template whose expression is one of
/// `constants`; unchanged when it has a raw block.
fn fold<'s>(source: &'s str, constants: &BTreeMap<&str, &str>) -> Cow<'s, str> {
    let mut out = String::new();
    let mut copied = 0;
    for (start, open, inner) in tags(source) {
        let end = start + 2 + inner.len() + 2;
        if open == "{%" && inner.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw" {
            return Cow::Borrowed(source);
        }
        if open != "{{" {
            continue;
        }
        let Some(value) = inner
            .strip_prefix(' ')
            .and_then(|s| s.strip_suffix(' '))
            .and_then(|s| constants.get(s.trim()))
        else {
            continue;
        };
        out.push_str(&source[copied..start]);
        out.push_str(value);
        copied = end;
    }
    if copied == 0 {
        return Cow::Borrowed(source);
    }
    out.push_str(&source[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> BTreeMap<String, String> {
        [
            ("t.beranda", "Beranda"),
            ("t.catatan", "n < 5"),
            ("t.spasi", " awal"),
            ("t.kurung", "a {{ b }}"),
            ("t.kosong", ""),
            ("site.title", "Rapor"),
            ("lang", "id"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn folded(source: &str) -> String {
        let templates = vec![("a.html".to_string(), source.to_string())];
        fold_constants(&templates, &words())[0].1.to_string()
    }

    #[test]
    fn plain_word_blocks_become_their_words() {
        assert_eq!(
            folded(
                "<a>{{ t.beranda }}</a>{{t.beranda}}{{ t.kosong }}|{{ site.title }} {{  lang }}"
            ),
            "<a>Beranda</a>{{t.beranda}}|Rapor id"
        );
    }

    #[test]
    fn words_tera_would_print_otherwise_stay_lookups() {
        for source in [
            "{{ t.catatan }}",
            "{{ t.spasi }}",
            "{{ t.kurung }}",
            "{{ t.tidak_ada }}",
            "{{- t.beranda -}}",
            "{{ t.beranda | upper }}",
            "{{ t.beranda ~ 'x' }}",
            "{% if x %}{{ t.beranda | safe }}{% endif %}",
        ] {
            assert_eq!(folded(source), source.replace("{{ t.beranda }}", "Beranda"));
        }
        // Inside a comment the block is not a block: left as written.
        assert_eq!(folded("{# {{ t.beranda }} #}"), "{# {{ t.beranda }} #}");
    }

    #[test]
    fn raw_blocks_and_other_suffixes_are_left_alone() {
        let raw = "{{ t.beranda }}{% raw %}{{ t.beranda }}{% endraw %}";
        assert_eq!(folded(raw), raw);
        let templates = vec![("feed.txt".to_string(), "{{ t.beranda }}".to_string())];
        assert_eq!(fold_constants(&templates, &words())[0].1, "{{ t.beranda }}");
    }

    #[test]
    fn a_theme_that_could_shadow_t_is_not_folded() {
        for other in [
            "{% set t = x %}",
            "{%- set t=x -%}",
            "{% set_global t = x %}",
            "{% for t in items %}{% endfor %}",
            "{% for k, t in items %}{% endfor %}",
            "{% component c(x, t) %}{% endcomponent c %}",
            "{{<c x={1} t={y}/>}}",
        ] {
            let templates = vec![
                (
                    "a.html".to_string(),
                    "{{ t.beranda }} {{ lang }}".to_string(),
                ),
                ("b.html".to_string(), other.to_string()),
            ];
            assert_eq!(
                fold_constants(&templates, &words())[0].1,
                "{{ t.beranda }} id",
                "{other}"
            );
        }
        // Each name on its own: a loop over `lang` leaves the words folded.
        let templates = vec![
            (
                "a.html".to_string(),
                "{{ t.beranda }} {{ lang }}".to_string(),
            ),
            (
                "b.html".to_string(),
                "{% for lang in x %}{% endfor %}".to_string(),
            ),
        ];
        assert_eq!(
            fold_constants(&templates, &words())[0].1,
            "Beranda {{ lang }}"
        );
        // Text with any character after a brace does not hide a later tag.
        assert!(shadows("{é} {% set t = x %}", "t"));
        for harmless in [
            "{% set tt = x %}",
            "{% for s in items %}{{ s.t }}{% endfor %}",
            "{% component c(x, @t) %}{{ t.beranda }}{% endcomponent c %}",
            "{{<c x={t.beranda} at={y}/>}}",
            "{% if t.beranda == x %}{% endif %}",
        ] {
            assert!(!shadows(harmless, "t"), "{harmless}");
        }
    }
}
