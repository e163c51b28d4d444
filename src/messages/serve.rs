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
