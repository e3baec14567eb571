//! The authoring workflow: `rapor init` makes a site that builds at once and refuses to
//! overwrite anything; a site overrides a theme template or static file by path.

mod common;

use common::*;

#[test]
fn init_then_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("situs");
    let out = rapor(["init".as_ref(), site.as_os_str()]);
    assert!(out.status.success(), "{}", show(&out));
    for file in [
        "site.toml",
        "README.md",
        "content/data/sekolah.csv",
        "content/kegiatan/contoh-kegiatan.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    // No theme folder: the default theme is built in.
    assert!(!site.join("themes").exists());
    let checked = check(&site);
    assert!(!stdout(&checked).contains("error:"), "{}", show(&checked));
    build_ok(&site, &site.join("output"));
    let home = read_page(&site.join("output"), "index.html");
    assert!(home.contains("Rapor Mutu Sekolah"), "{home}");
    assert!(site.join("output/sekolah/14719001.html").is_file());
    assert!(site.join("output/assets/style.css").is_file());
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catatan.txt"), "milik saya").unwrap();
    let out = rapor(["init".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("tidak kosong"), "{}", show(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("catatan.txt")).unwrap(),
        "milik saya"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_site_template_and_stylesheet_override_the_theme() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("situs");
    assert!(rapor(["init".as_ref(), site.as_os_str()]).status.success());
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ title }}</h1><p>Templat dinas</p>{% endblock content %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.join("static/assets")).unwrap();
    std::fs::write(
        site.join("static/assets/style.css"),
        "body { color: #123456; }",
    )
    .unwrap();
    std::fs::write(
        site.join("content/halaman/tentang.md"),
        "+++\njudul = \"Tentang\"\nurutan = 2\n+++\nIsi.\n",
    )
    .unwrap();
    build_ok(&site, &site.join("output"));
    let page = read_page(&site.join("output"), "halaman/tentang/index.html");
    assert!(page.contains("Templat dinas"), "{page}");
    let css = std::fs::read_to_string(site.join("output/assets/style.css")).unwrap();
    assert_eq!(css, "body { color: #123456; }");
    // Other templates still come from the theme.
    assert!(site.join("output/sekolah/14719001.html").is_file());
}
