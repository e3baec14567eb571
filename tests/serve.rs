//! `rapor serve` as an author uses it: serve on a free loopback port, fetch a page, edit a
//! narrative and see the new text, break a data file and see the last good site still served
//! with the error reported, and no path outside the output folder.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `rapor serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapor"))
        .args([
            "serve".as_ref(),
            site.as_os_str(),
            "--port".as_ref(),
            "0".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "not loopback: {addr}");
    Server { child, addr }
}

/// GET a raw path; returns (status code, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

/// Polls until `ok` holds or 10 s pass.
fn eventually(mut ok: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn serve_rebuilds_on_change_and_keeps_the_last_good_site() {
    let site = site_from_fixture("mini");
    let server = serve(site.path());
    let (code, page) = get(&server.addr, "/wilayah/14.71/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("<h1>Kota Pekanbaru</h1>"), "{page}");
    assert!(
        page.contains("/__rapor/status"),
        "reload script injected in serve mode"
    );

    // Edit a narrative: the new text is served, and only its page is rewritten.
    let untouched = site.path().join("output/wilayah/14.72/index.html");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let narrative = site.path().join("content/wilayah/14.71.md");
    let text = std::fs::read_to_string(&narrative).unwrap() + "\nKalimat baru dari tim data.\n";
    std::fs::write(&narrative, text).unwrap();
    assert!(
        eventually(|| get(&server.addr, "/wilayah/14.71/index.html")
            .1
            .contains("Kalimat baru dari tim data.")),
        "edited narrative never served"
    );
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before,
        "a page that does not show the narrative was rewritten"
    );

    // Break a data file: the error is reported, the last good site is still served.
    let sekolah = site.path().join("content/data/sekolah.csv");
    let good = std::fs::read_to_string(&sekolah).unwrap();
    std::fs::write(&sekolah, good.replace("14.72,,", "14.99,,")).unwrap();
    assert!(
        eventually(|| get(&server.addr, "/__rapor/status").1.contains("14.99")),
        "error never reported to the page"
    );
    let (code, page) = get(&server.addr, "/wilayah/14.71/index.html");
    assert_eq!(code, 200);
    assert!(
        page.contains("Kalimat baru dari tim data."),
        "last good site not served"
    );

    // Fix it: the error goes away.
    std::fs::write(&sekolah, good).unwrap();
    assert!(
        eventually(|| get(&server.addr, "/__rapor/status")
            .1
            .contains("\"error\":null")),
        "error never cleared"
    );
}

#[test]
fn serve_rewrites_only_the_files_a_data_change_touches() {
    let site = site_from_fixture("mini");
    let server = serve(site.path());
    let page = "/sekolah/14710001.html";
    let (code, before) = get(&server.addr, page);
    assert_eq!(code, 200);
    assert!(!before.contains("5,33"), "{before}");
    let out = site.path().join("output");
    let mtime = |rel: &str| {
        std::fs::metadata(out.join(rel))
            .unwrap()
            .modified()
            .unwrap()
    };
    let untouched = ["assets/style.css", "kegiatan/index.html", "404.html"];
    let untouched_before: Vec<_> = untouched.iter().map(|r| mtime(r)).collect();
    let page_before = mtime("sekolah/14710001.html");

    // Indicator 1.1 of one school, 2020: 6 -> 7, so its standard 1 goes 5,00 -> 5,33.
    let nilai = site.path().join("content/data/nilai/2020.csv");
    let text = std::fs::read_to_string(&nilai).unwrap();
    std::fs::write(&nilai, text.replace("14710001,6,5,4,", "14710001,7,5,4,")).unwrap();
    assert!(
        eventually(|| get(&server.addr, page).1.contains("5,33")),
        "the changed score was never served"
    );
    assert_ne!(mtime("sekolah/14710001.html"), page_before);
    for (rel, before) in untouched.iter().zip(&untouched_before) {
        assert_eq!(
            &mtime(rel),
            before,
            "{rel} does not show scores but was rewritten"
        );
    }
    // The school's download (its kab/kota's table) says the same as its page.
    let csv = std::fs::read_to_string(out.join("wilayah/14.71/nilai-sekolah.csv")).unwrap();
    assert!(csv.contains("5,33"), "{csv}");
}

#[test]
fn serve_serves_only_the_output_folder() {
    let site = site_from_fixture("mini");
    let server = serve(site.path());
    assert_eq!(get(&server.addr, "/").0, 200);
    for bad in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/%2e%2e%2fcontent/data/sekolah.csv",
        "/sekolah/../../site.toml",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
        "//etc/passwd",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "/%252e%252e/site.toml",
        "/%c0%ae%c0%ae/site.toml",
        "/./../site.toml",
        "http://127.0.0.1/../site.toml",
        "/..;/site.toml",
        "/index.html%00.css",
    ] {
        let (code, body) = get(&server.addr, bad);
        assert_eq!(code, 404, "{bad}: {body}");
        assert!(!body.contains("framework"), "{bad} leaked site.toml");
        assert!(!body.contains("root:"), "{bad} leaked /etc/passwd");
    }
    // Only the output's own files: nothing beside it (the site's sources, the build lock).
    for beside in ["/../.output.lock", "/../content/data/sekolah.csv"] {
        assert_eq!(get(&server.addr, beside).0, 404, "{beside}");
    }
}
