//! Build progress for people at a terminal: a bar with the current stage, shown only once a
//! build has taken about a second, never when stderr is not a terminal or with `--quiet`.
//! With `--timings`, each stage's wall time and the process's peak memory at its end are
//! printed when the build finishes (how bench/national.sh finds where a build's time goes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a build runs before its bar appears.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
    /// With `--timings`: each stage's name, start and the peak RSS (KiB) when it started.
    timings: Option<Mutex<Vec<StageMark>>>,
}

type StageMark = (String, Instant, Option<u64>);

impl Progress {
    /// No bar at all (tests, serve, pipes).
    pub fn none() -> Progress {
        Progress {
            bar: None,
            started: Instant::now(),
            shown: AtomicBool::new(false),
            timings: None,
        }
    }

    /// Also records each stage's time and memory, printed by `finish`.
    pub fn with_timings(mut self) -> Progress {
        self.timings = Some(Mutex::new(Vec::new()));
        self
    }

    /// A bar on stderr when it is a terminal and `quiet` is off.
    pub fn for_terminal(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::none();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg:24} [{bar:30}] {pos}/{len} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Progress {
            bar: Some(bar),
            ..Progress::none()
        }
    }

    /// Starts a stage of `total` steps (0: a stage without steps).
    pub fn stage(&self, name: &str, total: u64) {
        if let Some(timings) = &self.timings {
            let mut list = timings.lock().unwrap_or_else(|e| e.into_inner());
            list.push((name.to_string(), Instant::now(), peak_rss_kib()));
        }
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
            bar.set_length(total);
            bar.set_position(0);
            self.maybe_show(bar);
        }
    }

    /// One step of the current stage done (called from any thread).
    pub fn step(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            self.maybe_show(bar);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if let Some(timings) = &self.timings {
            let list = timings.lock().unwrap_or_else(|e| e.into_inner());
            let end = (Instant::now(), peak_rss_kib());
            for (i, (name, start, _)) in list.iter().enumerate() {
                let (until, peak) = list.get(i + 1).map_or(end, |(_, next, rss)| (*next, *rss));
                let peak = peak.map_or(String::new(), |kib| {
                    format!(", puncak memori {} MiB", kib / 1024)
                });
                eprintln!(
                    "  {name:24} {:7.2} s{peak}",
                    until.duration_since(*start).as_secs_f64()
                );
            }
        }
    }

    fn maybe_show(&self, bar: &ProgressBar) {
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= SHOW_AFTER {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

/// The process's peak resident memory so far (Linux: `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
