//! Running the programs compared as child processes: each run's wall time, CPU time and peak
//! resident memory (from `wait4`'s resource usage, the child's own, as `/usr/bin/time -v`
//! reports it), and how long `jixiao serve` takes to answer its first request.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One timed run of a program.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct Measured {
    /// Wall-clock seconds from start to exit.
    pub(crate) wall_s: f64,
    /// CPU seconds, user + system, of the child and its threads.
    pub(crate) cpu_s: f64,
    /// Peak resident set size of the child, MiB (as every memory figure of jixiao, called MB).
    pub(crate) peak_rss_mb: f64,
}

/// Runs `cmd` to its end with its standard error kept in `log` (the folder must exist) and
/// standard output discarded; fails (with the log's tail) unless it exits 0.
pub(crate) fn run(cmd: &mut Command, log: &Path) -> Result<Measured, String> {
    let err = std::fs::File::create(log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let shown = format!("{cmd:?}");
    let started = Instant::now();
    let child = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(err).spawn().map_err(|e| format!("cannot start {shown}: {e}"))?;
    let (status, usage) = wait4(child.id())?;
    let wall_s = started.elapsed().as_secs_f64();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
        return Err(format!("{shown} failed (wait status {status}):\n{}", tail.join("\n")));
    }
    Ok(Measured { wall_s, cpu_s: usage.cpu_s, peak_rss_mb: usage.peak_rss_mb })
}

/// Resource usage of one child.
struct Usage {
    cpu_s: f64,
    peak_rss_mb: f64,
}

/// Waits for the child `pid` and returns its wait status and resource usage. (std's `wait`
/// gives no usage; `wait4` reaps the child, so the `Child` handle is not waited on again.)
fn wait4(pid: u32) -> Result<(i32, Usage), String> {
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value of the plain C struct, which `wait4` fills.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `status` and `ru` are valid for writes for the call's duration.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut ru) };
        if r == pid as libc::pid_t {
            break;
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("waiting for process {pid}: {e}"));
        }
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    // ru_maxrss is in kilobytes on Linux.
    Ok((status, Usage { cpu_s: secs(ru.ru_utime) + secs(ru.ru_stime), peak_rss_mb: ru.ru_maxrss as f64 / 1024.0 }))
}

/// A port on 127.0.0.1 that was free a moment ago.
pub(crate) fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| format!("cannot find a free port: {e}"))
}

/// The status code of `GET path` on 127.0.0.1:`port`, if the server answered.
pub(crate) fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    // "HTTP/1.1 200"
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Starts `cmd` (a server that will listen on `port`), and measures the time until `GET /`
/// answers 200; then stops it (SIGINT, as Ctrl-C, then SIGKILL after 10 s). Standard error goes
/// to `log`. Fails if the server exits or has not answered 200 within `limit`.
pub(crate) fn time_until_ready(cmd: &mut Command, port: u16, log: &Path, limit: Duration) -> Result<f64, String> {
    let err = std::fs::File::create(log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let shown = format!("{cmd:?}");
    let started = Instant::now();
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(err).spawn().map_err(|e| format!("cannot start {shown}: {e}"))?;
    let ready = loop {
        if http_status(port, "/") == Some(200) {
            break Ok(started.elapsed().as_secs_f64());
        }
        if let Ok(Some(status)) = child.try_wait() {
            let text = std::fs::read_to_string(log).unwrap_or_default();
            return Err(format!("{shown} exited ({status}) before answering:\n{text}"));
        }
        if started.elapsed() > limit {
            break Err(format!("{shown} did not answer 200 on / within {} s", limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // SAFETY: signalling our own child, which has not been reaped yet.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let stopping = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if stopping.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    ready
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_timed_and_its_memory_measured() {
        let tmp = tempfile::tempdir().unwrap();
        // Python allocates about 100 MB and holds it for a moment.
        let m = run(Command::new("python3").args(["-c", "b = bytearray(100 * 1024 * 1024); import time; time.sleep(0.2)"]), &tmp.path().join("log")).unwrap();
        assert!(m.wall_s >= 0.2, "{m:?}");
        assert!(m.peak_rss_mb > 100.0 && m.peak_rss_mb < 400.0, "{m:?}");
        let failed = run(Command::new("sh").args(["-c", "echo broken >&2; exit 3"]), &tmp.path().join("log")).unwrap_err();
        assert!(failed.contains("broken"), "{failed}");
    }

    #[test]
    fn a_server_is_ready_when_it_answers_200() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("index.html"), "ok").unwrap();
        let port = free_port().unwrap();
        let mut cmd = Command::new("python3");
        cmd.args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"]).arg(tmp.path()).arg(port.to_string());
        let s = time_until_ready(&mut cmd, port, &tmp.path().join("log"), Duration::from_secs(30)).unwrap();
        assert!(s > 0.0 && s < 30.0);
        assert_eq!(http_status(port, "/"), None, "stopped afterwards");
    }
}
