//! Link checking of a built site: every `href`/`src` is relative, names an existing file
//! inside the site, and every `#fragment` names an `id` in its target.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `href="…"` and `src="…"` values in a page.
pub fn references(html: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#"\b(?:href|src)="([^"]*)""#).unwrap());
    re.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

pub fn ids(html: &str) -> BTreeSet<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#"\bid="([^"]*)""#).unwrap());
    re.captures_iter(html).map(|c| c[1].to_string()).collect()
}

/// All HTML files under `out`, relative, sorted.
pub fn html_files(out: &Path) -> Vec<String> {
    let mut list: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    list.sort();
    list
}

/// Checks every reference of every page; returns how many were checked and the broken ones.
pub fn check_links(out: &Path) -> (usize, Vec<String>) {
    let root = out.canonicalize().unwrap();
    let mut id_cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in html_files(out) {
        let page = out.join(&file);
        let html = std::fs::read_to_string(&page).unwrap();
        for reference in references(&html) {
            checked += 1;
            if reference.starts_with('/')
                || reference.contains("://")
                || reference.starts_with("//")
            {
                problems.push(format!("{file}: not relative: {reference}"));
                continue;
            }
            let (path, fragment) = reference.split_once('#').unwrap_or((&reference, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            if !path.is_empty() && (path.ends_with('/') || !target.is_file()) {
                problems.push(format!("{file}: missing file: {reference}"));
                continue;
            }
            let target = target.canonicalize().unwrap();
            if !target.starts_with(&root) {
                problems.push(format!("{file}: leaves the site: {reference}"));
                continue;
            }
            if !fragment.is_empty() {
                let ids = id_cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&std::fs::read_to_string(&target).unwrap_or_default()));
                if !ids.contains(fragment) {
                    problems.push(format!("{file}: missing fragment: {reference}"));
                }
            }
        }
    }
    (checked, problems)
}
