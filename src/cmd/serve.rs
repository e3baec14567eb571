//! `rapor serve [SITE_DIR] [--port N] [--bind ADDR]`: builds the site, serves the output
//! folder over HTTP (loopback by default), watches the site's sources and rebuilds on change.
//! Open pages reload themselves after a good build; a broken build shows its error in the
//! terminal and as an overlay in the page while the last good site keeps being served.

use crate::incremental::Session;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The site folder (with site.toml).
    #[arg(default_value = ".")]
    pub site_dir: PathBuf,
    /// Output folder; default SITE_DIR/output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on. Loopback by default: the draft site is not published.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
}

/// What open pages poll: the build number and the error of the last failed build.
#[derive(Default, serde::Serialize)]
struct Status {
    version: u64,
    error: Option<String>,
}

/// Injected into HTML only in serve mode: reloads on a new build, overlays build errors.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var seen=null;function show(e){var o=document.getElementById("rapor-error");if(!e){if(o)o.remove();return}if(!o){o=document.createElement("pre");o.id="rapor-error";o.setAttribute("role","alert");o.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow:auto;margin:0;padding:1em;background:#7a1010;color:#fff;font:14px/1.45 monospace;white-space:pre-wrap;z-index:99999";document.body.appendChild(o)}o.textContent="rapor: build gagal\n\n"+e}function poll(){fetch("/__rapor/status",{cache:"no-store"}).then(function(r){return r.json()}).then(function(s){if(seen!==null&&s.version!==seen){location.reload();return}seen=s.version;show(s.error);setTimeout(poll,400)}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>"#;

pub fn run(args: Args) -> i32 {
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.site_dir.join("output"));
    let status = Arc::new(Mutex::new(Status::default()));
    let mut session = Session::new(args.site_dir.clone(), out.clone());
    record(&status, session.full_build());
    let server = match tiny_http::Server::http((args.bind, args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "error: tidak dapat membuka {}:{}: {e} (coba --port lain)",
                args.bind, args.port
            );
            return 1;
        }
    };
    match server.server_addr() {
        tiny_http::ListenAddr::IP(addr) => {
            println!("rapor: melayani {} di http://{addr}/", out.display())
        }
        other => println!("rapor: melayani {} di {other}", out.display()),
    }
    if let Err(e) = watch(session, Arc::clone(&status)) {
        eprintln!("warning: perubahan file tidak dipantau: {e}");
    }
    for request in server.incoming_requests() {
        respond(request, &out, &status);
    }
    0
}

/// Records a build's outcome for the pages that poll.
fn record(status: &Mutex<Status>, outcome: Result<String, String>) {
    let mut status = status.lock().unwrap_or_else(|p| p.into_inner());
    match outcome {
        Ok(summary) => {
            eprintln!("{summary}");
            status.version += 1;
            status.error = None;
        }
        Err(error) => {
            eprintln!("{error}");
            status.error = Some(error);
        }
    }
}

/// Watches the site's sources on a thread; each burst of changes is one rebuild.
fn watch(mut session: Session, status: Arc<Mutex<Status>>) -> notify::Result<()> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)?;
    for path in session.watched_paths() {
        watcher.watch(&path, RecursiveMode::Recursive)?;
    }
    std::thread::spawn(move || {
        let _watcher = watcher; // lives as long as the thread
        while let Ok(first) = rx.recv() {
            let mut changed: Vec<PathBuf> = paths_of(first);
            // Editors write a file in several steps: collect the whole burst.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(40)) {
                changed.extend(paths_of(more));
            }
            changed.sort();
            changed.dedup();
            if !changed.is_empty() {
                record(&status, session.rebuild(&changed));
            }
        }
    });
    Ok(())
}

fn paths_of(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => e.paths,
        _ => Vec::new(),
    }
}

fn respond(request: tiny_http::Request, out: &Path, status: &Mutex<Status>) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if url == "/__rapor/status" {
        let body = {
            let status = status.lock().unwrap_or_else(|p| p.into_inner());
            serde_json::to_string(&*status).unwrap_or_default()
        };
        let _ = request.respond(with_type(
            tiny_http::Response::from_string(body),
            "application/json",
        ));
        return;
    }
    match resolve(out, &url) {
        Some(path) => {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let mime = mime_type(&path);
            let body = if mime.starts_with("text/html") {
                inject_reload(&bytes)
            } else {
                bytes
            };
            let _ = request.respond(with_type(tiny_http::Response::from_data(body), mime));
        }
        None => {
            let not_found = out.join("404.html");
            let body = std::fs::read(&not_found)
                .map(|b| inject_reload(&b))
                .unwrap_or_else(|_| b"404".to_vec());
            let response = tiny_http::Response::from_data(body).with_status_code(404);
            let _ = request.respond(with_type(response, "text/html; charset=utf-8"));
        }
    }
}

fn with_type<R: std::io::Read>(
    response: tiny_http::Response<R>,
    mime: &str,
) -> tiny_http::Response<R> {
    match tiny_http::Header::from_bytes(&b"Content-Type"[..], mime.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(_) => response,
    }
}

/// The file a URL path names inside `out`, or `None`. Decodes percent-escapes first, refuses
/// `..`, and checks the real path (symlinks resolved) is still inside the output folder.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut path = out.join(rel);
    if path.is_dir() {
        path = path.join("index.html");
    }
    let real = path.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn inject_reload(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_SCRIPT}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
    }
}

fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listens_on_loopback_unless_told_otherwise() {
        use clap::Parser;
        let cli = crate::cmd::Cli::try_parse_from(["rapor", "serve", "situs"]).unwrap();
        let crate::cmd::Command::Serve(args) = cli.command else {
            panic!("not serve");
        };
        assert!(args.bind.is_loopback(), "{}", args.bind);
    }

    #[test]
    fn urls_cannot_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir_all(out.join("sekolah/1")).unwrap();
        std::fs::write(out.join("sekolah/1/index.html"), "ok").unwrap();
        std::fs::write(dir.path().join("rahasia.txt"), "no").unwrap();
        assert!(resolve(&out, "/sekolah/1/").is_some());
        assert!(resolve(&out, "/sekolah/1/index.html").is_some());
        for bad in [
            "/../rahasia.txt",
            "/%2e%2e/rahasia.txt",
            "/sekolah/%2E%2E/%2E%2E/rahasia.txt",
            "/..%2frahasia.txt",
            "/%5c..%5crahasia.txt",
            "/sekolah/1/index.html%00",
            "//rahasia.txt",
            "/./../rahasia.txt",
            "/sekolah/1/../../../rahasia.txt",
            "/%252e%252e/rahasia.txt",
            "/%c0%ae%c0%ae/rahasia.txt",
            "/..%5crahasia.txt",
            "http://127.0.0.1/../rahasia.txt",
            "/sekolah/1/index.html/..",
        ] {
            assert!(resolve(&out, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("rahasia.txt"), out.join("link.txt"))
                .unwrap();
            assert!(
                resolve(&out, "/link.txt").is_none(),
                "symlink out of the folder"
            );
            std::os::unix::fs::symlink(dir.path(), out.join("atas")).unwrap();
            assert!(
                resolve(&out, "/atas/rahasia.txt").is_none(),
                "folder symlink out of the folder"
            );
            assert!(resolve(&out, "/atas/output/sekolah/1/").is_some());
        }
    }
}
