//! The preview web server of `jixiao serve`: serves the built site from its output folder with
//! tiny_http, and pushes live-reload events to open pages.
//!
//! Serving is safe and boring: only regular files under the output folder are served (a request
//! with `..`, an encoded dot, slash or backslash, a backslash, a NUL byte, or a path that leads
//! out of the folder through a symlink gets 400 or 404); a folder gets its `index.html` (after a
//! redirect to the trailing slash); anything missing gets the theme's `404.html` with status
//! 404. Responses carry a Content-Type, an ETag and Last-Modified, and conditional requests get
//! 304. A pool of worker threads takes requests, so one slow client holds one worker only;
//! live-reload streams (Server-Sent Events) each get their own thread.
//!
//! Limits ([`Limits`] has the values; tiny_http has none of its own, so the copy under
//! `vendor/tiny_http` adds them, see its PATCHES.md): a request head too long gets 431; an idle
//! connection is closed, and a head not complete in time after its first byte gets 408, however
//! slowly it trickles in; an answer must be written in time, however slowly the client reads;
//! beyond the most connections and live-reload streams at once, 503 with `Retry-After` (the
//! live-reload script tries again later). Only requests whose `Host` names this server are
//! answered (421 otherwise, against DNS rebinding: see `host.rs`), the live-reload stream only
//! for pages of this server (`Origin`, 403 otherwise), and only GET and HEAD (405 with `Allow`
//! otherwise).
//!
//! Stalled responses: in Chromium some page loads never finished, a small script such as
//! `/assets/site.js` left unanswered (its request sat unread in the socket). The cause was a race
//! in tiny_http 0.12's thread pool, which queued a new connection for a thread that had already
//! been given another one, so it waited until some kept-alive connection closed; the copy under
//! `vendor/tiny_http` fixes it (`src/util/task_pool.rs`).
//!
//! Render count: every file response carries [`RENDERED_HEADER`], the pages rendered by the
//! preview's rebuilds finished so far ([`Server::count_rendered`]), read after the file was: a
//! response with `0` was served from the folder as it was before any rebuild of this preview
//! had finished (tests/serve_warm.rs shows with it that a warm start serves before it renders).
//!
//! Live reload: HTML responses get one `<script>` tag (only here, in the response: the files on
//! disk are exactly what `jixiao build` writes) that opens [`EVENTS_PATH`] and reloads the page
//! after a rebuild, swaps stylesheets after a CSS-only change, and shows build errors as an
//! overlay until they are fixed.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use crate::messages::serve as msg;
use crate::messages::{Lang, Text};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Server-Sent Events endpoint of live reload.
pub const EVENTS_PATH: &str = "/__jixiao/events";
/// The live-reload script.
pub const SCRIPT_PATH: &str = "/__jixiao/live.js";
/// The tag injected into HTML responses.
pub const SCRIPT_TAG: &str = "<script src=\"/__jixiao/live.js\"></script>";
/// The response header counting the pages rendered by the preview's rebuilds finished so far.
pub const RENDERED_HEADER: &str = "X-Jixiao-Rendered";
/// Default port of `jixiao serve`.
pub const DEFAULT_PORT: u16 = 8040;

const LIVE_JS: &str = include_str!("live.js");

pub mod folder;
mod host;

/// What clients can make the server hold; [`Limits::default`] is what `jixiao serve` uses.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most bytes of a request line and its headers together (beyond: 431).
    pub max_head_bytes: usize,
    /// How long a connection may wait for its next request before it is closed.
    pub idle_timeout: Duration,
    /// How long a request head may take from its first byte to its end (beyond: 408); it
    /// bounds all reads together, so a client trickling bytes cannot stretch it.
    pub head_timeout: Duration,
    /// How long writing one answer may take, however slowly the client reads (for a
    /// live-reload stream: each event).
    pub write_timeout: Duration,
    /// Most connections at once (beyond: 503 with `Retry-After`).
    pub max_connections: usize,
    /// Most live-reload streams at once (beyond: 503 with `Retry-After`).
    pub max_event_streams: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_head_bytes: 16 * 1024,
            idle_timeout: Duration::from_secs(15),
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_connections: 128,
            max_event_streams: 64,
        }
    }
}

/// `Retry-After` of a 503, in seconds.
const RETRY_AFTER_SECS: u32 = 2;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The folder to serve (the preview output folder).
    pub dir: PathBuf,
    /// Address to listen on; 127.0.0.1 by default.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Inject the live-reload script into HTML responses.
    pub live_reload: bool,
    /// Worker threads answering requests.
    pub workers: usize,
    /// What clients can make the server hold.
    pub limits: Limits,
}

impl ServeConfig {
    /// Serve `dir` on 127.0.0.1 and the default port, with live reload.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ServeConfig {
            dir: dir.into(),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: DEFAULT_PORT,
            live_reload: true,
            workers: 16,
            limits: Limits::default(),
        }
    }
}

/// Why the server could not start, in words for the terminal.
#[derive(Debug)]
pub struct StartError {
    /// What went wrong.
    pub message: Text,
    /// What to do.
    pub hint: Option<Text>,
}

impl StartError {
    /// The message, then the hint on a `= hint:` line, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = self.message.get(lang).to_string();
        if let Some(h) = &self.hint {
            out.push_str(&format!("\n  = {}{}{}", crate::messages::HINT_LABEL.get(lang), crate::messages::LABEL_SEPARATOR.get(lang), h.get(lang)));
        }
        out
    }
}

impl std::fmt::Display for StartError {
    /// The error in English (see [`StartError::text`] for another language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A problem shown in the browser overlay.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct OverlayError {
    /// File, relative to the site root.
    pub file: String,
    /// Line, from 1; 0 when not known.
    pub line: usize,
    /// Column, from 1; 0 when not known.
    pub column: usize,
    /// Diagnostic code.
    pub code: String,
    /// The message.
    pub message: String,
    /// What to do, if known.
    pub hint: Option<String>,
}

impl OverlayError {
    /// From a diagnostic, its texts in `lang`.
    pub fn from_diagnostic(d: &crate::diagnostics::Diagnostic, lang: Lang) -> Self {
        OverlayError {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.location.map_or(0, |l| l.line),
            column: d.location.map_or(0, |l| l.column),
            code: d.code.to_string(),
            message: d.message.get(lang).to_string(),
            hint: d.hint.as_ref().map(|h| h.get(lang).to_string()),
        }
    }
}

/// What the open pages are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// A rebuild finished: reload.
    Reload,
    /// Only stylesheets changed: swap them.
    Css,
    /// The last rebuild failed: show these in the overlay (the old pages still serve).
    Errors(Vec<OverlayError>),
}

impl LiveEvent {
    /// The event as SSE text.
    fn to_sse(&self) -> String {
        match self {
            LiveEvent::Reload => "event: reload\ndata: {}\n\n".to_string(),
            LiveEvent::Css => "event: css\ndata: {}\n\n".to_string(),
            LiveEvent::Errors(errors) => {
                let json = serde_json::to_string(&serde_json::json!({ "errors": errors })).unwrap_or_default();
                format!("event: errors\ndata: {json}\n\n")
            }
        }
    }
}

struct State {
    dir: PathBuf,
    live_reload: bool,
    subscribers: Mutex<Vec<Sender<String>>>,
    /// Current errors, sent to every page that connects while the build is broken.
    errors: Mutex<Vec<OverlayError>>,
    stopping: AtomicBool,
    /// The hosts answered.
    allowed: host::Allowed,
    /// Live-reload streams open, and the most allowed.
    streams: Arc<AtomicUsize>,
    max_streams: usize,
    /// Pages the preview's rebuilds have rendered so far ([`RENDERED_HEADER`]).
    rendered: AtomicUsize,
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    state: Arc<State>,
    workers: Vec<JoinHandle<()>>,
}

/// Turns Nagle's algorithm off for the connections `listener` accepts (on Linux and the BSDs an
/// accepted socket inherits the option). tiny_http writes a response's headers and body
/// separately: with Nagle on, a small file's last segment waited for the client's delayed ACK,
/// about 40 ms per request on loopback.
fn no_delay(listener: &std::net::TcpListener) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let on: libc::c_int = 1;
        // SAFETY: a valid socket descriptor and a pointer to a c_int of the size given.
        unsafe {
            libc::setsockopt(
                listener.as_raw_fd(),
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
    #[cfg(not(unix))]
    let _ = listener;
}

impl Server {
    /// Binds and starts the worker threads.
    pub fn start(config: &ServeConfig) -> Result<Server, StartError> {
        let addr = SocketAddr::new(config.bind, config.port);
        let listener = std::net::TcpListener::bind(addr).map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                StartError {
                    message: msg::port_in_use(config.port, &config.bind.to_string()),
                    hint: Some(msg::port_in_use_hint(config.port.wrapping_add(1).max(1024))),
                }
            } else if e.kind() == io::ErrorKind::AddrNotAvailable {
                StartError { message: msg::no_such_address(&config.bind.to_string()), hint: Some(msg::NO_SUCH_ADDRESS_HINT.into()) }
            } else {
                StartError { message: msg::cannot_listen(&addr.to_string(), &e), hint: None }
            }
        })?;
        let addr = listener.local_addr().map_err(|e| StartError { message: Text::same(e.to_string()), hint: None })?;
        no_delay(&listener);
        let limits = tiny_http::Limits {
            max_head_bytes: config.limits.max_head_bytes,
            idle_timeout: Some(config.limits.idle_timeout),
            head_timeout: Some(config.limits.head_timeout),
            write_timeout: Some(config.limits.write_timeout),
            max_connections: config.limits.max_connections,
            retry_after_secs: RETRY_AFTER_SECS,
        };
        let server = tiny_http::Server::from_listener_with_limits(listener, None, limits)
            .map_err(|e| StartError { message: msg::cannot_start(&e), hint: None })?;
        let server = Arc::new(server);
        let dir = config.dir.canonicalize().unwrap_or_else(|_| config.dir.clone());
        let state = Arc::new(State {
            dir,
            live_reload: config.live_reload,
            subscribers: Mutex::new(Vec::new()),
            errors: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
            allowed: host::Allowed { bind: config.bind, port: addr.port() },
            streams: Arc::new(AtomicUsize::new(0)),
            max_streams: config.limits.max_event_streams,
            rendered: AtomicUsize::new(0),
        });
        let workers = (0..config.workers.max(1))
            .map(|i| {
                let server = Arc::clone(&server);
                let state = Arc::clone(&state);
                std::thread::Builder::new()
                    .name(format!("jixiao-http-{i}"))
                    .spawn(move || {
                        while !state.stopping.load(Ordering::Relaxed) {
                            match server.recv() {
                                Ok(request) => handle(&state, request),
                                Err(_) => break,
                            }
                        }
                    })
                    .expect("spawn a worker thread")
            })
            .collect();
        Ok(Server { addr, server, state, workers })
    }

    /// The address listened on (with the port picked when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:8040/`.
    pub fn url(&self) -> String {
        let host = match self.addr.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        format!("http://{host}:{}/", self.addr.port())
    }

    /// Tells every open page.
    pub fn notify(&self, event: &LiveEvent) {
        {
            let mut errors = self.state.errors.lock().expect("no panic while holding the lock");
            match event {
                LiveEvent::Errors(e) => *errors = e.clone(),
                _ => errors.clear(),
            }
        }
        let text = event.to_sse();
        self.state.subscribers.lock().expect("no panic while holding the lock").retain(|s| s.send(text.clone()).is_ok());
    }

    /// Adds the pages a rebuild rendered to the count responses carry ([`RENDERED_HEADER`]).
    pub fn count_rendered(&self, pages: usize) {
        self.state.rendered.fetch_add(pages, Ordering::SeqCst);
    }

    /// Stops taking requests and waits for the workers.
    pub fn stop(self) {
        self.state.stopping.store(true, Ordering::Relaxed);
        // Live-reload streams end when their sender goes.
        self.state.subscribers.lock().expect("no panic while holding the lock").clear();
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers {
            let _ = w.join();
        }
    }
}

/// What a request path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file to send.
    File(PathBuf),
    /// A folder asked without its trailing slash: redirect here.
    Redirect(String),
    /// Not there (or not allowed to be seen): 404.
    NotFound,
    /// A malformed or hostile request: 400.
    BadRequest,
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request target (`/huangpu/2022/?x=1`) to a file under `dir` (canonical), refusing
/// anything that could leave the folder.
pub fn resolve(dir: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return Resolved::BadRequest; // absolute-form or scheme-relative targets
    }
    let lower = path.to_ascii_lowercase();
    // Encoded slashes, backslashes, dots and NULs never name a file of the site.
    if ["%2f", "%5c", "%2e", "%00"].iter().any(|e| lower.contains(e)) || path.contains('\\') || path.contains('\0') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else { return Resolved::BadRequest };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolved::BadRequest;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/').skip(1) {
        match segment {
            "" => continue,
            "." | ".." => return Resolved::BadRequest,
            s if s.contains(':') => return Resolved::NotFound, // drive letters, streams
            s => {
                let p = Path::new(s);
                if p.components().count() != 1 || !matches!(p.components().next(), Some(Component::Normal(_))) {
                    return Resolved::BadRequest;
                }
                rel.push(s);
            }
        }
    }
    let full = dir.join(&rel);
    // Symlinks must not lead out of the folder.
    let Ok(real) = full.canonicalize() else { return Resolved::NotFound };
    if !real.starts_with(dir) {
        return Resolved::NotFound;
    }
    let Ok(meta) = std::fs::metadata(&real) else { return Resolved::NotFound };
    if meta.is_dir() {
        if !path.ends_with('/') {
            let query = target.find('?').map_or("", |i| &target[i..]);
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        let index = real.join("index.html");
        return match index.canonicalize() {
            Ok(i) if i.starts_with(dir) && i.is_file() => Resolved::File(i),
            _ => Resolved::NotFound,
        };
    }
    if meta.is_file() { Resolved::File(real) } else { Resolved::NotFound }
}

/// Content-Type by extension.
pub fn content_type(path: &Path) -> std::borrow::Cow<'static, str> {
    let media_type = crate::mime::of_name(&path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
    // Text is served as UTF-8, which is what jixiao writes.
    if media_type.starts_with("text/") { format!("{media_type}; charset=utf-8").into() } else { media_type.into() }
}

/// RFC 9110 date: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    let (year, month, d) = crate::dates::civil_from_days(days);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(month - 1) as usize];
    format!("{weekday}, {d:02} {mon} {year} {h:02}:{m:02}:{s:02} GMT")
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn request_header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

/// Inserts the live-reload script before the last `</body>`, or at the end.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = SCRIPT_TAG.as_bytes();
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag);
    out.extend_from_slice(&html[at..]);
    out
}

/// A refusal's text: English, then Chinese (the browser's language is not known here).
fn both(msg: crate::messages::Msg) -> String {
    format!("{}\n{}\n", msg.en, msg.zh)
}

fn simple(status: u16, text: &str) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(text.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn handle(state: &State, request: Request) {
    if !request_header(&request, "Host").is_some_and(|h| state.allowed.host(h)) {
        let _ = request.respond(simple(421, &both(msg::MISDIRECTED)));
        return;
    }
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let _ = request.respond(simple(405, &both(msg::METHOD_NOT_ALLOWED)).with_header(header("Allow", "GET, HEAD")));
        return;
    }
    let target = request.url().to_string();
    let path_only = target.split('?').next().unwrap_or("");
    if path_only == EVENTS_PATH && state.live_reload {
        events(state, request);
        return;
    }
    if path_only == SCRIPT_PATH && state.live_reload {
        let r = Response::from_data(LIVE_JS.as_bytes().to_vec())
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
            .with_header(header("Cache-Control", "no-cache"));
        let _ = request.respond(r);
        return;
    }
    match resolve(&state.dir, &target) {
        Resolved::File(file) => send_file(state, request, &file, 200),
        Resolved::Redirect(to) => {
            let r = simple(301, "301 moved permanently\n").with_header(header("Location", &to));
            let _ = request.respond(r);
        }
        Resolved::BadRequest => {
            let _ = request.respond(simple(400, "400 bad request\n"));
        }
        Resolved::NotFound => {
            let page = state.dir.join("404.html");
            if page.is_file() {
                send_file(state, request, &page, 404);
            } else if state.live_reload {
                // No site yet (the first build failed): a page that can show the overlay.
                let html = format!("<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><p>404</p>{SCRIPT_TAG}</body></html>");
                let r = Response::from_data(html.into_bytes())
                    .with_status_code(StatusCode(404))
                    .with_header(header("Content-Type", "text/html; charset=utf-8"));
                let _ = request.respond(r);
            } else {
                let _ = request.respond(simple(404, "404 not found\n"));
            }
        }
    }
}

fn send_file(state: &State, request: Request, file: &Path, status: u16) {
    let (bytes, modified) = match std::fs::read(file).and_then(|b| Ok((b, std::fs::metadata(file)?.modified()?))) {
        Ok(x) => x,
        Err(_) => {
            // Replaced between resolving and reading (a rebuild renamed it): a miss, not a crash.
            let _ = request.respond(simple(404, "404 not found\n"));
            return;
        }
    };
    // Read after the file: a count of 0 says the bytes were on disk before any rebuild rendered.
    let rendered = state.rendered.load(Ordering::SeqCst).to_string();
    let ctype = content_type(file);
    let html = ctype.starts_with("text/html");
    let bytes = if html && state.live_reload { inject(&bytes) } else { bytes };
    let etag = {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        format!("\"{:016x}\"", h.finish())
    };
    let last_modified = http_date(modified);
    if status == 200 {
        let not_modified = match request_header(&request, "If-None-Match") {
            Some(tags) => tags.split(',').any(|t| t.trim().trim_start_matches("W/") == etag || t.trim() == "*"),
            None => request_header(&request, "If-Modified-Since").is_some_and(|since| since.trim() == last_modified),
        };
        if not_modified {
            let r = Response::empty(StatusCode(304))
                .with_header(header("ETag", &etag))
                .with_header(header("Last-Modified", &last_modified))
                .with_header(header("Cache-Control", "no-cache"))
                .with_header(header(RENDERED_HEADER, &rendered));
            let _ = request.respond(r);
            return;
        }
    }
    let mut r = Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", &ctype))
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header(RENDERED_HEADER, &rendered));
    if status == 200 {
        r = r.with_header(header("ETag", &etag)).with_header(header("Last-Modified", &last_modified));
    }
    let _ = request.respond(r);
}

/// Counts a live-reload stream as open while it lives.
struct OpenStream(Arc<AtomicUsize>);

impl Drop for OpenStream {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A live-reload stream: its own thread, so it never holds a worker (nor, once its head is
/// written, its connection's thread: `into_writer` hands the connection over).
fn events(state: &State, request: Request) {
    // Browsers send `Origin` with cross-origin event streams; a page of another site gets none.
    if request_header(&request, "Origin").is_some_and(|o| !state.allowed.origin(o)) {
        let _ = request.respond(simple(403, &both(msg::FOREIGN_ORIGIN)));
        return;
    }
    if state.streams.fetch_add(1, Ordering::SeqCst) >= state.max_streams {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        let r = simple(503, &both(msg::TOO_MANY_STREAMS)).with_header(header("Retry-After", &RETRY_AFTER_SECS.to_string()));
        let _ = request.respond(r);
        return;
    }
    let open = OpenStream(Arc::clone(&state.streams));
    let (tx, rx): (Sender<String>, Receiver<String>) = mpsc::channel();
    let current = state.errors.lock().expect("no panic while holding the lock").clone();
    let first = if current.is_empty() { ": connected\n\n".to_string() } else { LiveEvent::Errors(current).to_sse() };
    state.subscribers.lock().expect("no panic while holding the lock").push(tx);
    let _ = std::thread::Builder::new().name("jixiao-sse".into()).spawn(move || {
        let _open = open;
        let mut w = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\
                    Connection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 500\n\n";
        if w.write_all(head.as_bytes()).and_then(|_| w.write_all(first.as_bytes())).and_then(|_| w.flush()).is_err() {
            return;
        }
        loop {
            let text = match rx.recv_timeout(Duration::from_secs(15)) {
                Ok(t) => t,
                Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if w.write_all(text.as_bytes()).and_then(|_| w.flush()).is_err() {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_http_dates() {
        assert_eq!(http_date(UNIX_EPOCH + Duration::from_secs(784_111_777)), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn script_goes_before_the_body_end() {
        assert_eq!(inject(b"<p>x</p></body></html>"), format!("<p>x</p>{SCRIPT_TAG}</body></html>").into_bytes());
        assert_eq!(inject(b"x"), format!("x{SCRIPT_TAG}").into_bytes());
    }
}
