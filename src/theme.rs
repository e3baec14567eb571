//! Theme files in layers: the default theme built into the binary, then a theme folder
//! `themes/<name>/` in the site, then the site's own `templates/` and `static/`. A later layer
//! replaces a file of the same path, so a dinas restyles one template or the CSS without
//! copying the whole theme.

use crate::diag::Problem;
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// The default theme, as in the repository's `themes/default/` at build time.
static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files after layering, by path relative to their folder.
#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Tera templates by name (`school.html`, `partials/x.html`).
    pub templates: BTreeMap<String, String>,
    /// Files copied to the output root as they are (`assets/style.css`).
    pub statics: BTreeMap<String, Vec<u8>>,
    /// UI words per language file (`id.toml`).
    pub i18n: BTreeMap<String, String>,
    /// Where each file came from, for messages (`themes/x/templates/a.html`, `<bawaan>/...`).
    pub origin: BTreeMap<String, String>,
}

impl Theme {
    /// Loads the named theme with the site's overrides.
    pub fn load(site_dir: &Path, name: &str) -> Result<Theme, Problem> {
        let mut theme = Theme::default();
        let plain =
            !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0']);
        if !plain {
            return Err(Problem::error("site.toml", "nama tema tidak valid")
                .field("theme")
                .value(name)
                .hint("tulis nama folder di themes/ saja, mis. theme = \"biru\""));
        }
        let folder = site_dir.join("themes").join(name);
        if name == "default" {
            theme.add_embedded(&DEFAULT_THEME);
        } else if !folder.is_dir() {
            return Err(Problem::error("site.toml", "tema tidak ditemukan")
                .field("theme")
                .value(name)
                .hint(format!(
                    "buat folder themes/{name} atau pakai theme = \"default\""
                )));
        }
        let prefix = format!("themes/{name}");
        theme.add_folder(&folder, &prefix)?;
        theme.add_part(&site_dir.join("templates"), "templates", Part::Templates)?;
        theme.add_part(&site_dir.join("static"), "static", Part::Statics)?;
        theme.add_part(&site_dir.join("i18n"), "i18n", Part::I18n)?;
        Ok(theme)
    }

    fn add_embedded(&mut self, dir: &Dir) {
        for file in all_files(dir) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            self.insert(&path, file.contents().to_vec(), "<tema bawaan>");
        }
    }

    /// A theme folder with `templates/`, `static/` and `i18n/` inside.
    fn add_folder(&mut self, folder: &Path, shown_as: &str) -> Result<(), Problem> {
        for (part, kind) in [
            ("templates", Part::Templates),
            ("static", Part::Statics),
            ("i18n", Part::I18n),
        ] {
            self.add_part(&folder.join(part), &format!("{shown_as}/{part}"), kind)?;
        }
        Ok(())
    }

    fn add_part(&mut self, dir: &Path, shown_as: &str, part: Part) -> Result<(), Problem> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let origin = format!("{shown_as}/{rel}");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Problem::error(&origin, format!("tidak dapat dibaca: {e}")))?;
            self.insert(&format!("{}/{rel}", part.folder()), bytes, &origin);
        }
        Ok(())
    }

    /// Files inside a theme: `templates/x`, `static/x`, `i18n/x`; anything else is ignored.
    fn insert(&mut self, path: &str, bytes: Vec<u8>, origin: &str) {
        let Some((folder, rel)) = path.split_once('/') else {
            return;
        };
        let origin = if origin.starts_with('<') {
            format!("{origin}/{path}")
        } else {
            origin.to_string()
        };
        self.origin.insert(path.to_string(), origin);
        match folder {
            "templates" => {
                self.templates.insert(
                    rel.to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
            }
            "static" => {
                self.statics.insert(rel.to_string(), bytes);
            }
            "i18n" => {
                self.i18n.insert(
                    rel.to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
enum Part {
    Templates,
    Statics,
    I18n,
}

impl Part {
    fn folder(self) -> &'static str {
        match self {
            Part::Templates => "templates",
            Part::Statics => "static",
            Part::I18n => "i18n",
        }
    }
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files.sort_by_key(|f| f.path());
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_built_in_and_site_files_override_it() {
        let site = tempfile::tempdir().unwrap();
        let theme = Theme::load(site.path(), "default").unwrap();
        assert!(theme.templates.contains_key("base.html"));
        assert!(theme.statics.contains_key("assets/style.css"));
        assert!(theme.i18n.contains_key("id.toml"));
        std::fs::create_dir_all(site.path().join("static/assets")).unwrap();
        std::fs::write(site.path().join("static/assets/style.css"), "body{}").unwrap();
        let theme = Theme::load(site.path(), "default").unwrap();
        assert_eq!(theme.statics["assets/style.css"], b"body{}");
        assert_eq!(
            theme.origin["static/assets/style.css"],
            "static/assets/style.css"
        );
    }

    #[test]
    fn theme_names_cannot_leave_the_themes_folder() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("themes/x/templates")).unwrap();
        for bad in ["../themes/x", "/tmp", "..", "x/../../..", ""] {
            let err = Theme::load(site.path(), bad).unwrap_err();
            assert_eq!(err.message, "nama tema tidak valid", "{bad}");
        }
        assert!(Theme::load(site.path(), "x").is_ok());
    }

    #[test]
    fn unknown_theme_names_the_field() {
        let site = tempfile::tempdir().unwrap();
        let err = Theme::load(site.path(), "biru").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("theme"));
    }
}
