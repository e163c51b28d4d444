//! Texts of `jixiao serve` (src/serve.rs, src/watch.rs, src/cmd/serve.rs).

use super::{Msg, Text, word};

/// The port is taken.
pub fn port_in_use(port: u16, bind: &str) -> Text {
    tr!(
        "port {port} on {bind} is already in use (another jixiao serve or web server?)",
        "{bind} 上的端口 {port} 已被占用（可能是另一个 jixiao serve 或 Web 服务器）"
    )
}
/// Hint for a port in use: another port, or 0 for a free one.
pub fn port_in_use_hint(other: u16) -> Text {
    tr!(
        "choose another port with --port {other}, or --port 0 to pick a free one",
        "请用 --port {other} 换一个端口，或用 --port 0 自动选择空闲端口"
    )
}
/// `--bind` names an address this machine does not have.
pub fn no_such_address(bind: &str) -> Text {
    tr!("cannot listen on {bind}: this machine has no such address", "无法在 {bind} 上监听：本机没有这个地址")
}
/// Hint for an address this machine does not have.
pub const NO_SUCH_ADDRESS_HINT: Msg = Msg::new(
    "use --bind 127.0.0.1 (this machine only) or --bind 0.0.0.0 (the local network)",
    "请使用 --bind 127.0.0.1（仅本机访问）或 --bind 0.0.0.0（局域网可访问）",
);
/// Listening failed for another reason.
pub fn cannot_listen(addr: &str, e: &dyn std::fmt::Display) -> Text {
    tr!("cannot listen on {addr}: {e}", "无法在 {addr} 上监听：{e}")
}
/// The server could not start.
pub fn cannot_start(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot start the server: {e}", "无法启动服务器：{e}")
}
/// The site folder cannot be watched for changes.
pub fn cannot_watch(root: &str, e: &str) -> Text {
    tr!("cannot watch {root}: {e}", "无法监视 {root}：{e}")
}
/// The preview folder cannot be created.
pub fn cannot_create_output(dir: &str) -> Text {
    tr!("cannot create the preview folder {dir}", "无法创建预览文件夹 {dir}")
}
/// A rebuild (or build, or search index) failed; the last good site is still served.
pub fn failed(what: &str) -> Text {
    Text::by_lang(|lang| {
        let what = word(what, lang);
        pick!(
            lang,
            "jixiao serve: {what} failed; still serving the last good site (fix the file and save)",
            "jixiao serve：{what}失败；仍在提供上一次成功构建的网站（修正文件并保存即可）"
        )
    })
}
/// A rebuild finished: pages rendered and kept, files written and removed, time per stage.
#[allow(clippy::too_many_arguments)]
pub fn rebuilt(what: &str, rendered: usize, kept: usize, written: usize, removed: usize, ms: f64, stages: &str) -> Text {
    Text::by_lang(|lang| {
        let what = word(what, lang);
        pick!(
            lang,
            "jixiao serve: {what}: {rendered} pages rendered, {kept} kept, {written} files written, {removed} removed in {ms:.1} ms ({stages} ms)",
            "jixiao serve：{what}：渲染 {rendered} 个页面，保留 {kept} 个，写入 {written} 个文件，删除 {removed} 个，用时 {ms:.1} 毫秒（{stages} 毫秒）"
        )
    })
}
/// The server is up: which folder, at which address.
pub fn serving(dir: &str, url: &str) -> Text {
    tr!("jixiao serve: serving {dir} at {url} (Ctrl-C to stop)", "jixiao serve：正在 {url} 提供 {dir}（按 Ctrl-C 停止）")
}
/// The site folder is being watched.
pub fn watching(root: &str) -> Text {
    tr!("jixiao serve: watching {root} for changes", "jixiao serve：正在监视 {root} 的改动")
}
/// Ctrl-C: the server stops.
pub const STOPPING: Msg = Msg::new("jixiao serve: stopping", "jixiao serve：正在停止");
/// The quick rebuild hit an internal error; the whole site is built again instead.
pub const QUICK_REBUILD_FAILED: Msg = Msg::new(
    "jixiao serve: the quick rebuild failed (a bug in jixiao; the message above says where); building the whole site instead, the published files are untouched",
    "jixiao serve：快速重建失败（jixiao 的程序错误，位置见上方信息）；改为重建整个网站，已发布的文件未受影响"
);
/// Answer (421) to a request whose `Host` is not this server (DNS rebinding).
pub const MISDIRECTED: Msg = Msg::new(
    "421 misdirected request: this preview answers only to the address it listens on (or localhost); start it with --bind to serve another address",
    "421 请求的主机名不对：此预览只接受它所监听的地址（或 localhost）的请求；如需其他地址，请用 --bind 启动",
);
/// Answer (403) to a live-reload stream asked by a page of another site.
pub const FOREIGN_ORIGIN: Msg = Msg::new(
    "403 forbidden: the live-reload stream is for pages of this preview only",
    "403 禁止访问：实时刷新事件流只供本预览的页面使用",
);
/// Answer (503) when the live-reload streams are at their limit.
pub const TOO_MANY_STREAMS: Msg = Msg::new(
    "503 too many live-reload streams are open (close some tabs of the preview); the page retries by itself",
    "503 打开的实时刷新事件流过多（请关闭预览的部分标签页）；页面会自行重试",
);
/// Answer (405) to a method other than GET and HEAD.
pub const METHOD_NOT_ALLOWED: Msg = Msg::new(
    "405 method not allowed: the preview answers GET and HEAD only",
    "405 不支持该请求方法：预览只接受 GET 和 HEAD",
);

// ---- the persistent preview folder (issue 29, item 3) ------------------------------------

/// A warm start: the preview folder of an earlier run is served as it is while it catches up.
pub const CATCHING_UP: Msg = Msg::new(
    "jixiao serve: serving the last preview as it was; catching up with the changes made since (open pages reload when it lands)",
    "jixiao serve：先按上次的样子提供预览，同时补上此后的改动（完成后已打开的页面会自动刷新）",
);
/// A cold start: no preview folder yet, the whole site is built before it is served.
pub fn first_build(dir: &str) -> Text {
    tr!(
        "jixiao serve: no preview in {dir} yet: building the site first (the next start serves it right away)",
        "jixiao serve：{dir} 中还没有预览：先构建整个网站（下次启动即可立刻提供）"
    )
}
/// The catch-up of a warm start finished: pages rendered and kept, files written and removed.
pub fn caught_up(rendered: usize, kept: usize, written: usize, removed: usize, ms: f64, stages: &str) -> Text {
    tr!(
        "jixiao serve: caught up: {rendered} pages rendered, {kept} kept, {written} files written, {removed} removed in {ms:.1} ms ({stages} ms)",
        "jixiao serve：已补上改动：渲染 {rendered} 个页面，保留 {kept} 个，写入 {written} 个文件，删除 {removed} 个，用时 {ms:.1} 毫秒（{stages} 毫秒）"
    )
}
/// Another `jixiao serve` with the same options holds the preview folder.
/// (The diagnostic names the folder.)
pub fn preview_busy(pid: &str, url: &str) -> Text {
    if url.is_empty() {
        tr!("another jixiao serve (process {pid}) is running on this preview folder", "另一个 jixiao serve（进程 {pid}）正在使用此预览文件夹")
    } else {
        tr!(
            "another jixiao serve (process {pid}) is running on this preview folder, at {url}",
            "另一个 jixiao serve（进程 {pid}）正在使用此预览文件夹，地址为 {url}"
        )
    }
}
/// Hint for a preview folder in use.
pub const PREVIEW_BUSY_HINT: Msg = Msg::new(
    "open that preview in the browser, or stop it (Ctrl-C in its terminal) and start again; to run a second preview beside it, give it its own folder and port: jixiao serve -o DIR --port 0",
    "请在浏览器中打开那个预览，或先停止它（在其终端按 Ctrl-C）再启动；如需同时运行第二个预览，请给它单独的文件夹和端口：jixiao serve -o DIR --port 0",
);

#[cfg(test)]
mod preview_folder_tests {
    use super::*;

    #[test]
    fn the_preview_folder_messages_are_in_both_languages() {
        let texts = [
            Text::from(CATCHING_UP),
            first_build("d"),
            caught_up(1, 2, 3, 4, 5.0, "render 5"),
            preview_busy("12", ""),
            preview_busy("12", "http://127.0.0.1:8040/"),
            Text::from(PREVIEW_BUSY_HINT),
        ];
        for t in texts {
            assert!(!t.en.is_empty() && !t.zh.is_empty() && t.en != t.zh, "{t:?}");
            assert!(t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{t:?}");
        }
        let busy = preview_busy("12", "http://x/");
        assert!(busy.zh.contains("12") && busy.zh.contains("http://x/") && busy.en.contains("process 12"), "{busy:?}");
    }
}
