//! What the commands say: build, schema, yearly snapshots (archive, verify, bundle), open
//! data and attachments, and authoring (`new`, `init`).

use super::{Msg, Text, list, word};

// ---- command line -----------------------------------------------------------------------

/// The closing line of a successful build.
pub fn build_done(reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> Text {
    tr!(
        "built {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}",
        "已构建 {reports} 份报告、{files} 个文件（写入 {written} 个，删除 {removed} 个），{warnings} 个警告，用时 {seconds:.2} 秒 → {output}"
    )
}
/// The closing line of a failed build.
pub fn build_failed(output: &str) -> Text {
    tr!("build failed; nothing in {output} was changed", "构建失败；{output} 中的内容没有任何改动")
}
/// The closing line of a build stopped by Ctrl-C or SIGTERM: `published` when the new site was
/// already in place.
pub fn build_interrupted(output: &str, published: bool) -> Text {
    if published {
        tr!("build interrupted after the new site was in place in {output}", "构建被中断，但新网站已在 {output} 中就位")
    } else {
        tr!("build interrupted; nothing in {output} was changed", "构建被中断；{output} 中的内容没有任何改动")
    }
}
/// `jixiao schema --out`: a schema file written.
pub fn schema_written(path: &str) -> Text {
    tr!("wrote {path}", "已写入 {path}")
}
/// `jixiao schema KIND` with an unknown kind.
pub fn no_schema(kind: &str, kinds: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(kinds, lang);
        pick!(lang, "no schema for `{kind}`; choose one of {all}", "没有 `{kind}` 的 schema；请从以下选择：{all}")
    })
}
/// `jixiao build --verbose`: one stage's time.
pub fn stage_time(stage: &str, ms: f64, cpu_ms: f64, rss_mb: u64) -> Text {
    tr!(
        "  {stage:<8} {ms:>9.1} ms   CPU {cpu_ms:>9.1} ms   memory after {rss_mb:>6} MB",
        "  {stage:<8} {ms:>9.1} 毫秒   CPU {cpu_ms:>9.1} 毫秒   阶段结束时内存 {rss_mb:>6} MB"
    )
}
/// `jixiao build --timings`: the heading of the render times by page kind.
pub fn render_times_heading() -> Text {
    tr!(
        "render by page kind (thread time per page, and in all):",
        "渲染时间，按页面类型（每页的线程时间，及合计）："
    )
}
/// `jixiao build --timings`: one part of a page kind's render time.
pub fn render_times_part(per_page_us: f64, total_s: f64) -> Text {
    tr!("{per_page_us:>8.1} µs ({total_s:>6.2} s)", "{per_page_us:>8.1} 微秒（{total_s:>6.2} 秒）")
}
/// `jixiao build --timings`: the render time of one page kind, its parts made by
/// [`render_times_part`].
pub fn render_times_row(kind: &str, pages: u64, context: &str, extras: &str, template: &str, files: &str) -> Text {
    tr!(
        "  {kind:<10} {pages:>7} pages   context {context}   comparisons and charts {extras}   template {template}   files {files}",
        "  {kind:<10} {pages:>7} 页   上下文 {context}   比较与图表 {extras}   模板 {template}   文件 {files}"
    )
}
/// `jixiao build --timings`: where the search index stage's time went (seconds of wall clock).
pub fn search_times(records: f64, record_files: f64, tokenise: f64, finish: f64, manifest: f64, cpu: f64) -> Text {
    tr!(
        "search: records {records:.3} s, record files {record_files:.3} s, tokenise and merge {tokenise:.3} s, \
         merge back and write postings and shards {finish:.3} s, manifest {manifest:.3} s; CPU {cpu:.2} s",
        "搜索：记录 {records:.3} 秒，记录文件 {record_files:.3} 秒，分词与合并 {tokenise:.3} 秒，\
         合并临时文件并写出倒排与分片 {finish:.3} 秒，清单 {manifest:.3} 秒；CPU {cpu:.2} 秒"
    )
}
/// `jixiao build --timings`: the previous search index could not be patched, so it was built
/// whole (`why` is the technical reason, for a bug report).
pub fn search_unpatched(why: &str) -> Text {
    tr!("search: the index was built whole, not patched: {why}", "搜索：索引未能增量更新，已整体重建：{why}")
}
/// `jixiao build --timings`: the search index stage's memory (MB).
pub fn search_memory(postings_mb: usize, spilled_mb: usize, run_mb: usize, start_mb: u64, before_merge_mb: u64, peak_mb: u64) -> Text {
    tr!(
        "search: postings {postings_mb} MB, {spilled_mb} MB of them spilled in runs of {run_mb} MB; \
         memory at start {start_mb} MB, before merging back {before_merge_mb} MB, process peak at end {peak_mb} MB",
        "搜索：倒排 {postings_mb} MB，其中 {spilled_mb} MB 分批（每批 {run_mb} MB）写入临时文件；\
         阶段开始时内存 {start_mb} MB，合并临时文件前 {before_merge_mb} MB，阶段结束时进程峰值 {peak_mb} MB"
    )
}

// ---- yearly snapshots (archive, verify, bundle) -----------------------------------------

/// `jixiao archive` made a snapshot.
pub fn archive_done(year: u16, files: usize, dir: &str) -> Text {
    tr!("archived {year}: {files} files → {dir}", "已归档 {year} 年度：{files} 个文件 → {dir}")
}
/// `jixiao archive --force` kept the snapshot it replaced.
pub fn archive_kept(old: &str) -> Text {
    tr!("the previous snapshot was kept as {old}", "原快照已保留为 {old}")
}
/// Label of the manifest digest line (the digest to publish).
pub fn archive_digest_hint(manifest: &str) -> Text {
    tr!(
        "SHA-256 of {manifest} (publish this digest so that anyone can check the snapshot)",
        "{manifest} 的 SHA-256（请公布此摘要，以便任何人核验快照）"
    )
}
/// `jixiao archive YEAR` for a year without a report to publish.
pub fn archive_no_reports(year: u16, years: &[u16]) -> Text {
    if years.is_empty() {
        return tr!(
            "there is no report of {year} that is not a draft, and no report of any year: a snapshot of {year} would hold no report",
            "没有 {year} 年度的非草稿报告，也没有任何年度的报告：{year} 年度的快照将不含任何报告"
        );
    }
    let list = years.iter().map(u16::to_string).collect::<Vec<_>>();
    let (en, zh) = (list.join(", "), list.join("、"));
    tr!(
        "there is no report of {year} that is not a draft: a snapshot of {year} would hold no report of that year (years with reports: {en})",
        "没有 {year} 年度的非草稿报告：{year} 年度的快照将不含该年度的报告（有报告的年度：{zh}）"
    )
}
/// Hint for archiving a year without reports.
pub const ARCHIVE_NO_REPORTS_HINT: Msg = Msg::new(
    "name a year that has reports, or publish that year's reports first (`draft: false`)",
    "请指定有报告的年度，或先发布该年度的报告（`draft: false`）",
);
/// `jixiao archive` failed.
pub fn archive_failed(year: u16) -> Text {
    tr!("archiving {year} failed; existing snapshots were not changed", "{year} 年度归档失败；现有快照没有任何改动")
}
/// `jixiao verify`: one snapshot checked and identical.
pub fn verify_ok(what: &str, files: usize, digest: &str) -> Text {
    tr!(
        "{what}: OK, {files} files identical to the manifest (manifest SHA-256 {digest})",
        "{what}：完好，{files} 个文件与清单完全一致（清单 SHA-256 {digest}）"
    )
}
/// `jixiao verify`: one snapshot differs.
pub fn verify_failed(what: &str, changed: usize, missing: usize, added: usize) -> Text {
    tr!(
        "{what}: DIFFERS from its manifest: {changed} changed, {missing} missing, {added} added",
        "{what}：与清单不一致：{changed} 个被修改，{missing} 个缺失，{added} 个多出"
    )
}
/// `jixiao verify`: a file differs.
pub fn verify_changed(path: &str) -> Text {
    tr!("  changed: {path}", "  被修改：{path}")
}
/// `jixiao verify`: a listed file is absent.
pub fn verify_missing(path: &str) -> Text {
    tr!("  missing: {path}", "  缺失：  {path}")
}
/// `jixiao verify`: a file is not listed.
pub fn verify_added(path: &str) -> Text {
    tr!("  added:   {path}", "  多出：  {path}")
}
/// `jixiao verify --expect`: the manifest is not the published one.
pub fn verify_expect_mismatch(what: &str, expected: &str, actual: &str) -> Text {
    tr!(
        "{what}: the manifest's SHA-256 is {actual}, but {expected} was expected (the manifest itself was changed or replaced)",
        "{what}：清单的 SHA-256 为 {actual}，但应为 {expected}（清单本身被修改或替换过）"
    )
}
/// `jixiao verify` without a year and no snapshot exists.
pub fn verify_none(dir: &str) -> Text {
    tr!("no snapshots in {dir}; make one with `jixiao archive <year>`", "{dir} 中没有快照；请用 `jixiao archive <年度>` 生成")
}
/// `jixiao verify --expect` needs one snapshot.
pub const VERIFY_EXPECT_NEEDS_ONE: Msg = Msg::new(
    "--expect checks one snapshot: name its YEAR or --dir",
    "--expect 只核验一个快照：请指定其年度（YEAR）或 --dir",
);
/// What `jixiao verify` calls the snapshot of a year.
pub fn snapshot_name(year: u16) -> Text {
    tr!("snapshot {year}", "{year} 年度快照")
}
/// A snapshot of that year exists.
pub fn snapshot_exists(year: u16) -> Text {
    tr!(
        "a snapshot of {year} already exists; a snapshot is never replaced silently",
        "{year} 年度的快照已存在；快照不会被悄悄替换"
    )
}
/// How to go on when a snapshot exists.
pub fn snapshot_exists_hint(year: u16) -> Text {
    tr!(
        "check it with `jixiao verify {year}`; to replace it anyway pass --force (the old snapshot is kept under a dated name)",
        "请用 `jixiao verify {year}` 核验；如仍要替换，请加 --force（旧快照会以带日期的名称保留）"
    )
}
/// A manifest that cannot be parsed.
pub fn manifest_invalid(why: &Text) -> Text {
    let (why_en, why_zh) = (&why.en, &why.zh);
    tr!("the snapshot manifest is invalid: {why_en}", "快照清单无效：{why_zh}")
}
/// Hint for an invalid manifest.
pub const MANIFEST_INVALID_HINT: Msg =
    Msg::new("a manifest is written by `jixiao archive` and must not be edited", "清单由 `jixiao archive` 生成，不得手工编辑");
/// Why a manifest is invalid: its first line.
pub const MANIFEST_NO_HEADER: Msg =
    Msg::new("line 1: not a jixiao snapshot manifest (header missing)", "第 1 行：不是 jixiao 快照清单（缺少文件头）");
/// Why a manifest is invalid: a metadata line.
pub fn manifest_bad_meta(n: usize) -> Text {
    tr!("line {n}: expected `# key: value`", "第 {n} 行：应为 `# 键: 值`")
}
/// Why a manifest is invalid: a file line.
pub fn manifest_bad_line(n: usize) -> Text {
    tr!("line {n}: expected `<sha256>  <path>`", "第 {n} 行：应为 `<sha256>  <路径>`")
}
/// Why a manifest is invalid: a digest.
pub fn manifest_bad_hash(n: usize, hash: &str) -> Text {
    tr!("line {n}: `{hash}` is not a SHA-256 in lowercase hex", "第 {n} 行：`{hash}` 不是小写十六进制的 SHA-256")
}
/// Why a manifest is invalid: a path.
pub fn manifest_bad_path(n: usize, path: &str) -> Text {
    tr!("line {n}: `{path}` is not a relative path inside the snapshot", "第 {n} 行：`{path}` 不是快照内的相对路径")
}
/// Why a manifest is invalid: a path twice.
pub fn manifest_twice(n: usize, path: &str) -> Text {
    tr!("line {n}: `{path}` is listed twice", "第 {n} 行：`{path}` 列出了两次")
}
/// Why a manifest is invalid: metadata missing.
pub fn manifest_missing_meta(key: &str) -> Text {
    tr!("metadata `# {key}: …` is missing", "缺少元数据 `# {key}: …`")
}
/// Why a manifest is invalid: the year.
pub fn manifest_bad_year(year: &str) -> Text {
    tr!("`year: {year}` is not a year", "`year: {year}` 不是年度")
}
/// Why a manifest is invalid: the file count.
pub fn manifest_count(count: &str, listed: usize) -> Text {
    tr!("`files: {count}` but {listed} files are listed", "`files: {count}`，但列出了 {listed} 个文件")
}
/// A site file whose name a snapshot cannot hold.
pub const UNUSABLE_NAME: Msg =
    Msg::new("the site has a file with this reserved or unusable name", "网站中有一个使用保留名称或不可用名称的文件");
/// A file in a snapshot folder that is not a regular file.
pub const NOT_A_REGULAR_FILE: Msg = Msg::new("not a regular file", "不是普通文件");
/// A year folder under archive/ that is not a snapshot.
pub fn not_a_snapshot_hint(year: u16) -> Text {
    tr!(
        "archive/{year}/ is not a snapshot made by `jixiao archive {year}`; move it out of archive/ or make it again",
        "archive/{year}/ 不是由 `jixiao archive {year}` 生成的快照；请将其移出 archive/，或重新生成"
    )
}
/// The live build copies a snapshot that differs from its manifest.
pub const SNAPSHOT_TAMPERED: Msg = Msg::new(
    "the snapshot differs from its manifest; it is published as it is",
    "快照与其清单不一致；将按现状发布",
);
/// Hint for a snapshot that differs from its manifest.
pub fn snapshot_tampered_hint(year: u16) -> Text {
    tr!("run `jixiao verify {year}` to see which files changed", "请运行 `jixiao verify {year}` 查看哪些文件被修改")
}
/// No manifest where a snapshot was named.
pub fn no_snapshot(manifest: &str) -> Text {
    tr!("no snapshot here (no {manifest})", "此处没有快照（没有 {manifest}）")
}
/// Hint when no snapshot is found.
pub const NO_SNAPSHOT_HINT: Msg = Msg::new(
    "make one with `jixiao archive <year>`, or name a snapshot folder with --dir",
    "请用 `jixiao archive <年度>` 生成快照，或用 --dir 指定快照文件夹",
);
/// A bundle name with an unknown extension.
pub const BUNDLE_EXTENSION: Msg =
    Msg::new("a bundle is a .tar.gz (or .tgz) or a .zip file", "打包文件应为 .tar.gz（或 .tgz）或 .zip 文件");
/// Hint for a bundle name.
pub const BUNDLE_EXTENSION_HINT: Msg =
    Msg::new("name the file e.g. jixiao-2022.tar.gz or jixiao-2022.zip", "文件名可写成 jixiao-2022.tar.gz 或 jixiao-2022.zip");
/// Reading or writing a snapshot failed.
pub fn snapshot_io(action: &str, err: &std::io::Error) -> Text {
    snapshot_failed(action, &Text::same(err.to_string()))
}
/// Reading or writing a snapshot failed, for `why` (the system's words or jixiao's).
pub fn snapshot_failed(action: &str, why: &Text) -> Text {
    Text::by_lang(|lang| {
        let (action, why) = (word(action, lang), why.get(lang));
        pick!(lang, "cannot {action} this: {why}", "无法{action}：{why}")
    })
}
/// `jixiao bundle` of a snapshot that differs from its manifest.
pub fn bundle_tampered_hint(year: u16) -> Text {
    tr!(
        "run `jixiao verify {year}` to see which files; a bundle is only made of an intact snapshot",
        "请运行 `jixiao verify {year}` 查看是哪些文件；只有完好无损的快照才能打包"
    )
}
/// `jixiao bundle` wrote a file.
pub fn bundle_done(year: u16, entries: usize, file: &str, digest: &str) -> Text {
    tr!(
        "bundled snapshot {year}: {entries} files → {file} (SHA-256 {digest})",
        "已打包 {year} 年度快照：{entries} 个文件 → {file}（SHA-256 {digest}）"
    )
}

// ── Open data, attachments, authoring (`data`, `new`, `init`, `schema`) ──

/// An attachment could not be read while building.
pub fn attachment_unreadable(file: &str, e: &std::io::Error) -> Text {
    tr!("attachment `{file}` could not be read: {e}", "无法读取附件 `{file}`：{e}")
}
/// An attachment named in a report does not exist.
pub fn attachment_missing(file: &str, looked: &str) -> Text {
    tr!("attachment `{file}` not found (looked for {looked})", "找不到附件 `{file}`（查找的位置：{looked}）")
}
/// Hint for a missing attachment.
pub const ATTACHMENT_MISSING_HINT: Msg = Msg::new(
    "put the file in a subfolder of the department's folder (e.g. files/) and give its path relative to that folder",
    "请将文件放在部门文件夹下的子文件夹中（如 files/），并写明相对于部门文件夹的路径",
);
/// An attachment path leaves the department's folder or is absolute.
pub fn attachment_bad_path(file: &str) -> Text {
    tr!(
        "attachment path `{file}` must be relative to the report's folder and stay inside it",
        "附件路径 `{file}` 必须是相对于报告所在文件夹的路径，且不能超出该文件夹"
    )
}
/// An attachment whose path, through a link, leads out of the report's folder.
pub fn attachment_link_outside(file: &str) -> Text {
    tr!(
        "attachment `{file}` is a link (or lies in a linked folder) that leads outside the report's folder; jixiao publishes only files that are really there",
        "附件 `{file}` 是一个链接（或位于链接的文件夹中），指向报告文件夹之外；jixiao 只发布确实位于该文件夹中的文件"
    )
}
/// A link in `content/` that leads outside it.
pub fn link_outside_content(target: &str) -> Text {
    tr!(
        "this is a link to `{target}`, outside content/: jixiao does not follow it, so that nothing outside the site's content is published",
        "这是指向 content/ 之外 `{target}` 的链接：为避免发布网站内容以外的文件，jixiao 不会跟随它"
    )
}
/// Hint for a link that leaves `content/`.
pub const LINK_OUTSIDE_CONTENT_HINT: Msg = Msg::new(
    "copy the file into content/ instead of linking to it",
    "请把文件复制到 content/ 中，不要使用链接",
);
/// A link to a folder inside `content/`.
pub const LINKED_FOLDER: Msg = Msg::new(
    "this is a link to a folder: jixiao does not follow links to folders, so nothing in it is read",
    "这是指向文件夹的链接：jixiao 不跟随指向文件夹的链接，其中的文件都不会被读取",
);
/// Hint for a linked folder.
pub const LINKED_FOLDER_HINT: Msg = Msg::new(
    "put the folder itself here instead of a link to it",
    "请把文件夹本身放在这里，而不是指向它的链接",
);
/// Hint for a bad attachment path.
pub const ATTACHMENT_BAD_PATH_HINT: Msg = Msg::new(
    "write e.g. `files/2022-自评报告.pdf`, without `..` or a leading `/`",
    "例如写成 `files/2022-自评报告.pdf`，不要含 `..`，也不要以 `/` 开头",
);
/// Two attachments would be published under the same name.
pub fn attachment_duplicate(name: &str) -> Text {
    tr!(
        "two attachments are named `{name}`: each is published as files/<name> and would overwrite the other",
        "有两个附件都名为 `{name}`：附件都发布为 files/<文件名>，会相互覆盖"
    )
}
/// Hint for duplicate attachment names.
pub const ATTACHMENT_DUPLICATE_HINT: Msg = Msg::new("rename one of the files", "请重命名其中一个文件");
/// A figure left empty (`~`) in a report that is not a draft.
pub fn empty_figure(field: &str) -> Text {
    tr!(
        "figure `{field}` is still empty (~), so the report cannot be published",
        "数字 `{field}` 仍为空（~），报告无法发布"
    )
}
/// Hint for an empty figure in a published report.
pub const EMPTY_FIGURE_HINT: Msg = Msg::new(
    "fill in the published figure, delete the line if the report does not state it, or keep `draft: true` until it is complete",
    "请填写已公布的数字；报告中没有该数字的，请删除此行；或在填写完整之前保留 `draft: true`",
);
/// A figure left empty (`~`) in a draft: listed so the author sees what remains.
pub fn empty_figure_draft(field: &str) -> Text {
    tr!("figure `{field}` is still empty (~) in this draft", "此草稿中的数字 `{field}` 仍为空（~）")
}
/// Hint for an empty figure in a draft.
pub const EMPTY_FIGURE_DRAFT_HINT: Msg = Msg::new("fill it in before setting `draft: false`", "请在设置 `draft: false` 之前填写");
/// `jixiao new`: the file exists.
pub fn new_exists(path: &str) -> Text {
    tr!("{path} already exists; jixiao new never overwrites a report", "{path} 已存在；jixiao new 不会覆盖已有的报告")
}
/// `jixiao new`: no such department folder.
pub fn new_no_department(id: &str, dir: &str) -> Text {
    tr!("no department `{id}`: {dir} has no department.yaml", "没有部门 `{id}`：{dir} 中没有 department.yaml")
}
/// `jixiao new`: the command to run with a valid id, the second line of the bad-id hint.
pub fn new_try_instead(id: &str, year: u16) -> Text {
    tr!("for example: jixiao new {id} {year}", "例如：jixiao new {id} {year}")
}
/// `jixiao new`: hint for a reserved department id.
pub fn new_reserved_hint(reserved: &[&str]) -> Text {
    Text::by_lang(|lang| {
        let all = list(reserved, lang);
        pick!(lang, 
            "use another department id (its folder name under content/); reserved names: {all}",
            "请换一个部门 id（即 content/ 下的文件夹名）；保留名称：{all}"
        )
    })
}
/// `jixiao new`: the department has no report to start from.
pub fn new_no_previous(id: &str, year: u16) -> Text {
    tr!(
        "department `{id}` has no report before {year} to start from",
        "部门 `{id}` 在 {year} 年度之前没有可作为起点的报告"
    )
}
/// `jixiao new`: done.
pub fn new_done(path: &str, from: u16, empty: usize) -> Text {
    tr!(
        "wrote {path} from the {from} report: draft, {empty} figures left empty (~) to fill in; preview with `jixiao build --drafts`",
        "已根据 {from} 年度报告生成 {path}：草稿，{empty} 个数字留空（~）待填写；可用 `jixiao build --drafts` 预览"
    )
}
/// `jixiao init`: the folder is not empty.
pub fn init_not_empty(dir: &str) -> Text {
    tr!(
        "{dir} is not empty; jixiao init only creates a site in an empty or new folder",
        "{dir} 不是空文件夹；jixiao init 只在空文件夹或新文件夹中创建网站"
    )
}
/// `jixiao init`: done.
pub fn init_done(dir: &str) -> Text {
    tr!(
        "created a new site in {dir}: edit content/site.yaml, then run `jixiao build --root {dir} --drafts`",
        "已在 {dir} 创建新网站：请编辑 content/site.yaml，然后运行 `jixiao build --root {dir} --drafts`"
    )
}
/// Could not write a file.
pub fn cannot_write(path: &str, e: &std::io::Error) -> Text {
    tr!("could not write {path}: {e}", "无法写入 {path}：{e}")
}

/// The progress bar of `jixiao build` on a terminal (an indicatif template).
pub const PROGRESS_TEMPLATE: Msg = Msg::new(
    "{spinner} {msg:<8} [{bar:30}] {pos}/{len} pages  {elapsed}",
    "{spinner} {msg:<8} [{bar:30}] {pos}/{len} 个页面  {elapsed}",
);

/// The closing line of a successful build: pages, reports, files, warnings, time.
#[allow(clippy::too_many_arguments)]
pub fn build_summary(pages: usize, reports: usize, files: usize, written: usize, removed: usize, warnings: usize, seconds: f64, output: &str) -> Text {
    tr!(
        "built {pages} pages, {reports} reports, {files} files ({written} written, {removed} removed), {warnings} warnings in {seconds:.2} s → {output}",
        "已构建 {pages} 个页面、{reports} 份报告、{files} 个文件（写入 {written} 个，删除 {removed} 个），{warnings} 个警告，用时 {seconds:.2} 秒 → {output}"
    )
}

// ---- command-line help and clap's errors ------------------------------------------------
//
// clap has no translations: the command line (src/cmd/help.rs) is built with these texts in
// the language of the run, and clap's errors are worded here from their kind and context.

/// The `--help` of one command: what it does, what each of its arguments means, its examples.
#[derive(Debug, Clone, Copy)]
pub struct CommandHelp {
    /// The subcommand's name; `jixiao` for the program itself.
    pub name: &'static str,
    /// What the command does, in one line.
    pub about: Msg,
    /// What each argument means, by the argument's id (the field name in src/cmd/).
    pub args: &'static [(&'static str, Msg)],
    /// The examples shown after the options.
    pub examples: Msg,
}

impl CommandHelp {
    /// The help of the argument `id`.
    pub fn arg(&self, id: &str) -> Option<Msg> {
        self.args.iter().find(|(a, _)| *a == id).map(|(_, m)| *m)
    }
}

const ROOT_HELP: Msg = Msg::new("Site folder holding content/ and themes/.", "网站文件夹，包含 content/ 和 themes/。");
const ROOT_CONTENT_HELP: Msg = Msg::new("Site folder holding content/.", "网站文件夹，包含 content/。");
const ROOT_ARCHIVE_HELP: Msg = Msg::new("Site folder holding archive/.", "网站文件夹，包含 archive/。");
const DRAFTS_HELP: Msg = Msg::new("Also build draft reports and pages, marked with a draft banner.", "同时构建草稿报告和页面（页面上标有草稿横幅）。");
const BASE_URL_HELP: Msg = Msg::new(
    "Web address of the site for this build instead of site.yaml's base_url (sitemap, canonical URLs, feed, open data), e.g. for a staging server.",
    "本次构建使用的网站地址，代替 site.yaml 中的 base_url（用于站点地图、规范链接、订阅和开放数据），例如用于测试服务器。",
);
const DEPARTMENT_ID_HELP: Msg = Msg::new("Department id (its folder under content/).", "部门 id（content/ 下的文件夹名）。");

/// The help of `jixiao` itself and of each subcommand.
pub const COMMAND_HELP: &[CommandHelp] = &[
    CommandHelp {
        name: "jixiao",
        about: Msg::new(
            "jixiao (绩效): publish budget-performance self-evaluation reports as a static web site.",
            "jixiao（绩效）：把部门整体支出绩效自评报告发布为静态网站。",
        ),
        args: &[(
            "lang",
            Msg::new(
                "Language of jixiao's messages and help: zh-CN or en. Without it: the `language` of content/site.yaml (its default is zh-CN); without a site, zh-CN when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with zh; English otherwise.",
                "jixiao 的提示信息和帮助所用的语言：zh-CN 或 en。不指定时：按 content/site.yaml 的 `language`（默认为 zh-CN）；没有网站时，LC_ALL、LC_MESSAGES 或 LANG（取第一个已设置的）以 zh 开头则用中文；否则用英文。",
            ),
        )],
        examples: Msg::new(
            "Examples:
  jixiao build                          build ./content with ./themes into ./public
  jixiao build -r site -v               build another folder and print each stage's time
  jixiao build -o /srv/www/jx           build into a web server's folder
  jixiao build -u https://test.example.gov.cn/jx/   build for a staging server
  jixiao serve                          preview at http://127.0.0.1:8040/, rebuilt on every change
  jixiao check                          check that the published figures agree",
            "示例：
  jixiao build                          用 ./themes 把 ./content 构建到 ./public
  jixiao build -r site -v               构建另一个文件夹，并显示每个阶段的用时
  jixiao build -o /srv/www/jx           构建到 Web 服务器的文件夹
  jixiao build -u https://test.example.gov.cn/jx/   为测试服务器构建
  jixiao serve                          在 http://127.0.0.1:8040/ 预览，每次改动后自动重建
  jixiao check                          检查公开的数字是否前后一致",
        ),
    },
    CommandHelp {
        name: "build",
        about: Msg::new("Build the site from content/ and themes/ into the output folder.", "用 content/ 和 themes/ 构建网站，写入输出文件夹。"),
        args: &[
            ("root", ROOT_HELP),
            ("output", Msg::new("Output folder [default: DIR/public, DIR being --root].", "输出文件夹 [默认：--root 所指文件夹下的 public]。")),
            ("base_url", BASE_URL_HELP),
            ("drafts", DRAFTS_HELP),
            ("verbose", Msg::new("Print the time each build stage took.", "显示每个构建阶段的用时。")),
            (
                "quiet",
                Msg::new(
                    "Print nothing when the build succeeds but the content's warnings (no progress bar, no check findings, no summary); errors always print.",
                    "构建成功时除内容的警告外不输出任何信息（无进度条、无检查结果、无汇总行）；错误总会输出。",
                ),
            ),
            (
                "timings",
                Msg::new(
                    "Print the time each build stage took, and within them the render time of each page kind and the search index's steps and memory.",
                    "显示每个构建阶段的用时，以及其中各类页面的渲染时间和搜索索引各步骤的用时与内存。",
                ),
            ),
            ("force", Msg::new("Build into a non-empty folder that jixiao did not create.", "构建到一个并非由 jixiao 创建的非空文件夹。")),
            (
                "in_place",
                Msg::new(
                    "Publish by moving the changed files into the output folder one by one (under a journal the next build finishes) instead of swapping in the complete new folder at once.",
                    "逐个把改动的文件移入输出文件夹（有日志，中断后由下一次构建完成），而不是一次性换入完整的新文件夹。",
                ),
            ),
            ("no_cache", NO_CACHE_HELP),
        ],
        examples: Msg::new(
            "Examples:
  jixiao build                          build ./content with ./themes into ./public
  jixiao build -r site -v               build another folder and print each stage's time
  jixiao build -o /srv/www/jx           build into a web server's folder
  jixiao build -u https://test.example.gov.cn/jx/   absolute URLs of a staging server
  jixiao build -q                       print nothing on success (for scripts and cron)
  jixiao build --drafts                 include draft reports (marked with a banner)
  jixiao build --timings                print where the build's time went, stage by stage",
            "示例：
  jixiao build                          用 ./themes 把 ./content 构建到 ./public
  jixiao build -r site -v               构建另一个文件夹，并显示每个阶段的用时
  jixiao build -o /srv/www/jx           构建到 Web 服务器的文件夹
  jixiao build -u https://test.example.gov.cn/jx/   使用测试服务器的地址生成完整网址
  jixiao build -q                       成功时不输出任何信息（适合脚本和定时任务）
  jixiao build --drafts                 包含草稿报告（页面上标有草稿横幅）
  jixiao build --timings                逐个阶段显示构建时间的去向",
        ),
    },
    CommandHelp {
        name: "new",
        about: Msg::new(
            "Start next year's report of a department from its latest one: a draft, figures empty.",
            "以部门最近一年的报告为基础，新建下一年度的报告：草稿，数字留空。",
        ),
        args: &[("department", DEPARTMENT_ID_HELP), ("year", Msg::new("Year of the new report.", "新报告的年度。")), ("root", ROOT_CONTENT_HELP)],
        examples: Msg::new(
            "Examples:
  jixiao new huangpu-zhengfawei 2023           start content/huangpu-zhengfawei/2023.yaml from the latest report
  jixiao new huangpu-zhengfawei 2023 -r site
  jixiao build --drafts                        preview the draft, then fill in every ~",
            "示例：
  jixiao new huangpu-zhengfawei 2023           以最近一年的报告为基础新建 content/huangpu-zhengfawei/2023.yaml
  jixiao new huangpu-zhengfawei 2023 -r site
  jixiao build --drafts                        预览草稿，然后填写每一个 ~",
        ),
    },
    CommandHelp {
        name: "import",
        about: Msg::new(
            "Import a report from the documents an office has (PDF, Word, text, spreadsheets): a draft to check.",
            "从现有文件（PDF、Word、文本、表格）导入一份报告：生成待核对的草稿。",
        ),
        args: &[
            ("files", Msg::new("The documents of one report (several files make one report).", "一份报告的文件（多个文件合成一份报告）。")),
            ("department", Msg::new("Department id (its folder under content/); proposed from the title when absent.", "部门 id（content/ 下的文件夹名）；不指定时根据标题提出。")),
            ("year", Msg::new("Year of the report; taken from the title when absent.", "报告年度；不指定时取自标题。")),
            ("root", ROOT_CONTENT_HELP),
            ("name", Msg::new("Full name of a new department (else from the report's title).", "新部门的全称（不指定时取自报告标题）。")),
            ("dry_run", Msg::new("Print the YAML instead of writing it.", "只显示生成的 YAML，不写入文件。")),
            ("format", Msg::new("Format of the import report: human (for people) or json (for machines).", "导入报告的格式：human（供人阅读）或 json（供程序读取）。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao import 自评报告.txt --department huangpu-zhengfawei --year 2023
  jixiao import 自评报告.txt --dry-run              print the draft; department and year from the title
  jixiao import 自评报告.txt --format json          the import report as JSON
  jixiao build --drafts                           preview the draft, then check it against the original",
            "示例：
  jixiao import 自评报告.txt --department huangpu-zhengfawei --year 2023
  jixiao import 自评报告.txt --dry-run              显示草稿；部门和年度取自标题
  jixiao import 自评报告.txt --format json          以 JSON 格式输出导入报告
  jixiao build --drafts                           预览草稿，再与原文逐项核对",
        ),
    },
    CommandHelp {
        name: "init",
        about: Msg::new(
            "Create a new site (site.yaml, one department, a report template, the default theme).",
            "新建网站（site.yaml、一个部门、一份报告模板和默认主题）。",
        ),
        args: &[
            ("dir", Msg::new("Folder to create the site in; must be empty or not exist yet.", "新建网站的文件夹；必须为空或尚不存在。")),
            ("department", Msg::new("Id (folder name) of the first department: lowercase letters, digits and `-`.", "第一个部门的 id（文件夹名）：小写字母、数字和 `-`。")),
            ("year", Msg::new("Year of the first report [default: last year].", "第一份报告的年度 [默认：上一年]。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao init mysite                          create a new site in ./mysite
  jixiao init mysite --department caizhengju  name the first department's folder
  jixiao build -r mysite --drafts             build it, with the draft report",
            "示例：
  jixiao init mysite                          在 ./mysite 新建网站
  jixiao init mysite --department caizhengju  指定第一个部门的文件夹名
  jixiao build -r mysite --drafts             构建该网站，包括草稿报告",
        ),
    },
    CommandHelp {
        name: "schema",
        about: Msg::new(
            "Print the JSON Schema of report, department, site or page files, for editors.",
            "输出报告、部门、网站或页面文件的 JSON Schema，供编辑器使用。",
        ),
        args: &[
            ("kind", Msg::new("Which file: report, department, site or page (front matter). All when absent.", "哪种文件：report、department、site 或 page（前置信息）。不指定时输出全部。")),
            ("out", Msg::new("Write `<kind>.schema.json` files into this folder instead of printing.", "把 `<kind>.schema.json` 文件写入此文件夹，而不是输出到屏幕。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao schema report > report.schema.json     schema of content/<dept>/<year>.yaml
  jixiao schema -o schema                       write report, department, site and page schemas
  jixiao schema                                 all of them as one JSON object, by kind

Point an editor at a schema with a first line in the YAML file (yaml-language-server, e.g. the
YAML extension of VS Code):
  # yaml-language-server: $schema=../../schema/report.schema.json",
            "示例：
  jixiao schema report > report.schema.json     content/<部门>/<年度>.yaml 的 schema
  jixiao schema -o schema                       写出 report、department、site 和 page 的 schema
  jixiao schema                                 按种类合成一个 JSON 对象输出全部 schema

在 YAML 文件第一行指明 schema，编辑器（yaml-language-server，如 VS Code 的 YAML 扩展）即可使用：
  # yaml-language-server: $schema=../../schema/report.schema.json",
        ),
    },
    CommandHelp {
        name: "check",
        about: Msg::new(
            "Check that the published figures agree with each other; exit 1 on any error.",
            "检查公开的数字是否前后一致；发现错误时以状态 1 退出。",
        ),
        args: &[
            ("root", ROOT_CONTENT_HELP),
            (
                "format",
                Msg::new(
                    "Output format: human (like a compiler: rule, file:line:column, figures, arithmetic, hint) or json (one document with every finding and a summary).",
                    "输出格式：human（类似编译器：规则、文件:行:列、数字、算式、提示）或 json（包含全部检查结果和汇总的一个文档）。",
                ),
            ),
            (
                "deny",
                Msg::new(
                    "Fail on unacknowledged warnings too (warnings) or only on errors (errors, always); default from site.yaml `check.deny`.",
                    "未确认的警告也视为失败（warnings），或只有错误视为失败（errors，始终如此）；默认取 site.yaml 的 `check.deny`。",
                ),
            ),
        ],
        examples: Msg::new(
            "Examples:
  jixiao check                          check ./content; exit 1 on any unacknowledged error
  jixiao check --deny warnings          also exit 1 on unacknowledged warnings
  jixiao check --format json > c.json   every finding as JSON, for tools and auditors",
            "示例：
  jixiao check                          检查 ./content；有未确认的错误时以状态 1 退出
  jixiao check --deny warnings          有未确认的警告时也以状态 1 退出
  jixiao check --format json > c.json   以 JSON 输出全部检查结果，供工具和审计人员使用",
        ),
    },
    CommandHelp {
        name: "archive",
        about: Msg::new(
            "Freeze the site as published in a year into archive/<year>/ with a SHA-256 manifest.",
            "把某一年度发布的网站冻结到 archive/<年度>/，并附 SHA-256 清单。",
        ),
        args: &[
            ("year", Msg::new("Year the snapshot freezes (the site as published in that year).", "快照冻结的年度（该年度发布的网站）。")),
            ("root", ROOT_HELP),
            ("force", Msg::new("Replace an existing snapshot; the old one is kept under a dated name.", "替换已有快照；旧快照以带日期的名称保留。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao archive 2022                   freeze the site into archive/2022/ and print the digest to publish
  jixiao archive 2022 --force           replace it, keeping the old one as archive/2022.replaced-<time>
  SOURCE_DATE_EPOCH=1700000000 jixiao archive 2022   fix the date written in the manifest",
            "示例：
  jixiao archive 2022                   把网站冻结到 archive/2022/，并输出需公布的摘要
  jixiao archive 2022 --force           替换快照，旧快照保留为 archive/2022.replaced-<时间>
  SOURCE_DATE_EPOCH=1700000000 jixiao archive 2022   固定清单中写入的日期",
        ),
    },
    CommandHelp {
        name: "verify",
        about: Msg::new(
            "Check snapshots against their manifests (and a published digest); exit 1 on any difference.",
            "按清单（及公布的摘要）核验快照；有任何差异时以状态 1 退出。",
        ),
        args: &[
            ("year", Msg::new("Year of the snapshot to check [default: every snapshot under ROOT/archive/].", "要核验的快照年度 [默认：ROOT/archive/ 下的全部快照]。")),
            ("root", ROOT_ARCHIVE_HELP),
            ("expect", Msg::new("The published SHA-256 of the manifest: it must match too.", "公布的清单 SHA-256：也必须一致。")),
            ("dir", Msg::new("Check this snapshot folder (e.g. a deployed public/archive/2022) instead of ROOT/archive/YEAR.", "核验此快照文件夹（如已部署的 public/archive/2022），而不是 ROOT/archive/YEAR。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao verify                         check every snapshot under archive/
  jixiao verify 2022 --expect 3f2a…     also check the manifest against the published digest
  jixiao verify --dir /srv/www/jx/archive/2022   check a deployed copy",
            "示例：
  jixiao verify                         核验 archive/ 下的全部快照
  jixiao verify 2022 --expect 3f2a…     同时按公布的摘要核验清单
  jixiao verify --dir /srv/www/jx/archive/2022   核验已部署的副本",
        ),
    },
    CommandHelp {
        name: "bundle",
        about: Msg::new("Pack a snapshot into one deterministic .tar.gz or .zip file.", "把快照打包成一个内容确定的 .tar.gz 或 .zip 文件。"),
        args: &[
            ("year", Msg::new("Year of the snapshot to pack.", "要打包的快照年度。")),
            ("file", Msg::new("File to write: .tar.gz (or .tgz) or .zip.", "要写入的文件：.tar.gz（或 .tgz）或 .zip。")),
            ("root", ROOT_ARCHIVE_HELP),
        ],
        examples: Msg::new(
            "Examples:
  jixiao bundle 2022 jixiao-2022.tar.gz  pack archive/2022/ (manifest included) for long-term storage
  jixiao bundle 2022 jixiao-2022.zip     the same as a ZIP file",
            "示例：
  jixiao bundle 2022 jixiao-2022.tar.gz  打包 archive/2022/（含清单），供长期保存
  jixiao bundle 2022 jixiao-2022.zip     同上，打包为 ZIP 文件",
        ),
    },
    CommandHelp {
        name: "serve",
        about: Msg::new(
            "Preview the site locally: serve it (at once when an earlier preview is there), rebuild on every change and reload the browser.",
            "在本机预览网站：提供访问（已有上次的预览时立刻提供）、每次改动后重建并刷新浏览器。",
        ),
        args: &[
            ("root", ROOT_HELP),
            ("port", Msg::new("Port to listen on; 0 picks a free one.", "监听的端口；0 表示自动选择空闲端口。")),
            ("bind", Msg::new("Address to listen on (127.0.0.1: this machine only).", "监听的地址（127.0.0.1：仅本机可访问）。")),
            ("open", Msg::new("Open the site in the default browser.", "在默认浏览器中打开网站。")),
            ("output", Msg::new("Preview folder [default: ROOT/.jixiao/serve/<options>/site, kept between runs so the next start serves at once].", "预览文件夹 [默认：ROOT/.jixiao/serve/<选项>/site，运行之间保留，下次启动即可立刻提供]。")),
            ("base_url", BASE_URL_HELP),
            ("drafts", DRAFTS_HELP),
            (
                "poll",
                Msg::new(
                    "Notice changes by looking at the files' times regularly instead of the system's notifications: for network drives, shared folders and some Docker mounts, which send none.",
                    "定期查看文件的修改时间来发现改动，而不是依靠系统通知：用于网络驱动器、共享文件夹和某些 Docker 挂载目录（它们不发出通知）。",
                ),
            ),
            ("poll_interval", Msg::new("With --poll: milliseconds between two looks.", "与 --poll 一起使用：两次查看之间的毫秒数。")),
        ],
        examples: Msg::new(
            "Examples:
  jixiao serve                          preview ./ at http://127.0.0.1:8040/
  jixiao serve -p 0 --open              pick a free port and open the browser
  jixiao serve -r site --drafts         preview another folder, drafts included
  jixiao serve --bind 0.0.0.0           let other machines of the network see it
  jixiao serve --poll                   a site on a network drive or shared folder",
            "示例：
  jixiao serve                          在 http://127.0.0.1:8040/ 预览 ./
  jixiao serve -p 0 --open              自动选择空闲端口并打开浏览器
  jixiao serve -r site --drafts         预览另一个文件夹，包括草稿
  jixiao serve --bind 0.0.0.0           让局域网中的其他计算机也能访问
  jixiao serve --poll                   网站位于网络驱动器或共享文件夹上",
        ),
    },
    CommandHelp {
        name: "help",
        about: HELP_COMMAND_HELP,
        args: &[("command", Msg::new("The command whose help to print.", "要显示其帮助的命令。"))],
        examples: Msg::new("Examples:\n  jixiao help build", "示例：\n  jixiao help build"),
    },
];

/// The help of the command `name` (`jixiao` for the program itself).
pub fn command_help(name: &str) -> Option<&'static CommandHelp> {
    COMMAND_HELP.iter().find(|c| c.name == name)
}

/// The heading of the usage line in `--help`.
pub const USAGE_HEADING: Msg = Msg::new("Usage", "用法");
/// The heading of the subcommands in `--help`.
pub const COMMANDS_HEADING: Msg = Msg::new("Commands", "命令");
/// The heading of the positional arguments in `--help`.
pub const ARGUMENTS_HEADING: Msg = Msg::new("Arguments", "参数");
/// The heading of the options in `--help`.
pub const OPTIONS_HEADING: Msg = Msg::new("Options", "选项");
/// In a usage line, where the options go.
pub const OPTIONS_PLACEHOLDER: Msg = Msg::new("[OPTIONS]", "[选项]");
/// In a usage line, where the subcommand goes.
pub const COMMAND_PLACEHOLDER: Msg = Msg::new("<COMMAND>", "<命令>");
/// `-h, --help`.
pub const HELP_FLAG_HELP: Msg = Msg::new("Print help", "显示帮助");
/// `-V, --version`.
pub const VERSION_FLAG_HELP: Msg = Msg::new("Print version", "显示版本号");
/// `jixiao help [COMMAND]`.
pub const HELP_COMMAND_HELP: Msg = Msg::new("Print this message or the help of the given subcommand(s)", "显示本帮助或指定子命令的帮助");
/// An argument's default value, after its help.
pub fn default_value(value: &str) -> Text {
    tr!("[default: {value}]", "[默认：{value}]")
}
/// The values an argument takes, after its help.
pub fn possible_values(values: &[&str]) -> Text {
    let all = values.join(", ");
    tr!("[possible values: {all}]", "[可选值：{all}]")
}

/// `--lang` with a language jixiao does not speak.
pub fn unknown_language(code: &str) -> Text {
    tr!("`{code}` is not a language of jixiao's messages; use zh-CN or en", "`{code}` 不是 jixiao 提示信息支持的语言；请使用 zh-CN 或 en")
}

/// clap: an argument the command does not have.
pub fn unknown_argument(arg: &str) -> Text {
    tr!("unexpected argument '{arg}' found", "无法识别的参数 '{arg}'")
}
/// clap: a subcommand jixiao does not have.
pub fn unknown_subcommand(name: &str) -> Text {
    tr!("unrecognized subcommand '{name}'", "无法识别的子命令 '{name}'")
}
/// clap: an option given without its value.
pub fn missing_value(arg: &str) -> Text {
    tr!("a value is required for '{arg}' but none was supplied", "'{arg}' 需要一个值，但没有给出")
}
/// clap: a value outside an option's choices, or one that does not parse.
pub fn invalid_value(value: &str, arg: &str) -> Text {
    tr!("invalid value '{value}' for '{arg}'", "'{arg}' 的值 '{value}' 无效")
}
/// clap: why a value does not parse, after [`invalid_value`].
pub fn invalid_value_because(value: &str, arg: &str, why: &Text) -> Text {
    let (en, zh) = (&why.en, &why.zh);
    tr!("invalid value '{value}' for '{arg}': {en}", "'{arg}' 的值 '{value}' 无效：{zh}")
}
/// clap: a value that is not a whole number where one is needed, by what is wrong with it.
pub fn bad_whole_number(kind: &std::num::IntErrorKind) -> Text {
    use std::num::IntErrorKind as K;
    match kind {
        K::Empty => tr!("empty; a whole number is needed", "为空；需要一个整数"),
        K::PosOverflow => tr!("too large", "数值过大"),
        K::NegOverflow => tr!("too small", "数值过小"),
        _ => tr!("not a whole number: write digits only", "不是整数：请只写数字"),
    }
}
/// `--bind` with something that is not an IP address.
pub const NOT_AN_IP_ADDRESS: Msg =
    Msg::new("not an IP address, such as 127.0.0.1 or 0.0.0.0", "不是 IP 地址，应如 127.0.0.1 或 0.0.0.0");
/// `--poll-interval` below its least.
pub fn interval_too_short(least: u64) -> Text {
    tr!("at least {least} ms", "至少为 {least} 毫秒")
}
/// clap: the values an option takes, after an invalid one.
pub fn valid_values(values: &[String]) -> Text {
    let all = values.join(", ");
    tr!("  [possible values: {all}]", "  [可选值：{all}]")
}
/// clap: required arguments not given (each on its own line after this).
pub const MISSING_REQUIRED: Msg = Msg::new("the following required arguments were not provided:", "缺少以下必需的参数：");
/// clap: `jixiao` without a subcommand.
pub fn missing_subcommand(name: &str, valid: &[String]) -> Text {
    let (en, zh) = (valid.join(", "), valid.join("、"));
    tr!("'{name}' requires a subcommand but one was not provided\n[subcommands: {en}]", "'{name}' 需要一个子命令，但没有给出\n[子命令：{zh}]")
}
/// clap: an argument given twice.
pub fn argument_twice(arg: &str) -> Text {
    tr!("the argument '{arg}' cannot be used multiple times", "参数 '{arg}' 不能多次使用")
}
/// clap: two arguments that exclude each other.
pub fn arguments_conflict(arg: &str, other: &str) -> Text {
    tr!("the argument '{arg}' cannot be used with '{other}'", "参数 '{arg}' 不能与 '{other}' 同时使用")
}
/// clap: more values than an argument takes.
pub fn unexpected_value(value: &str, arg: &str) -> Text {
    tr!("unexpected value '{value}' for '{arg}' found; no more were expected", "'{arg}' 多出了值 '{value}'，不需要更多的值")
}
/// clap: an argument that is not valid UTF-8.
pub const INVALID_UTF8: Msg = Msg::new("invalid UTF-8 was detected in one or more arguments", "有参数不是有效的 UTF-8 文本");
/// clap: a similar name, after an unknown one.
pub fn did_you_mean(kind: &str, names: &[String]) -> Text {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let (en, zh) = (quoted.join(", "), quoted.join("、"));
    let kind_zh = match kind {
        "subcommand" => "子命令",
        "value" => "值",
        _ => "参数",
    };
    tr!("  tip: a similar {kind} exists: {en}", "  提示：有相似的{kind_zh}：{zh}")
}
/// clap: an unknown argument that starts with `-` may be meant as a value.
pub fn pass_as_value(arg: &str) -> Text {
    tr!("  tip: to pass '{arg}' as a value, use '-- {arg}'", "  提示：如果要把 '{arg}' 作为值传入，请使用 '-- {arg}'")
}
/// clap: where to read more, after the usage line.
pub fn try_help(flag: &str) -> Text {
    tr!("For more information, try '{flag}'.", "更多信息请运行 '{flag}'。")
}

// ---- jixiao serve --poll ----------------------------------------------------------------

/// Hint when the system's file watcher cannot start: poll instead.
pub const WATCH_POLL_HINT: Msg = Msg::new(
    "the system's file notifications are not available here (on Linux the inotify limits may be reached: fs.inotify.max_user_watches, max_user_instances); `jixiao serve --poll` looks at the files regularly instead",
    "此处无法使用系统的文件改动通知（在 Linux 上可能已达到 inotify 的上限：fs.inotify.max_user_watches、max_user_instances）；`jixiao serve --poll` 改为定期查看文件",
);
/// The site is watched by polling.
pub fn watching_by_polling(root: &str, ms: u64) -> Text {
    tr!(
        "jixiao serve: watching {root} for changes, looking every {ms} ms (--poll)",
        "jixiao serve：正在监视 {root} 的改动，每 {ms} 毫秒查看一次（--poll）"
    )
}

// ---- the build cache (ROOT/.jixiao/) -----------------------------------------------------

/// `jixiao build --no-cache`.
pub const NO_CACHE_HELP: Msg = Msg::new(
    "Build from scratch, ignoring the build cache in DIR/.jixiao/ (a fresh cache is written afterwards).",
    "不使用 DIR/.jixiao/ 中的构建缓存，从头构建（构建后写入新的缓存）。",
);
/// Why a cache file was not used: it does not start like one.
pub const CACHE_NOT_A_CACHE: Msg = Msg::new("is not a jixiao build cache", "不是 jixiao 的构建缓存");
/// Why a cache file was not used: its checksum does not match (cut short or damaged).
pub const CACHE_CORRUPT: Msg = Msg::new("is truncated or damaged", "已截断或损坏");
/// Why a cache file was not used: another format or jixiao version wrote it.
pub fn cache_other_version(format: u32, version: &str) -> Text {
    tr!("was written by another jixiao (format {format}, version {version})", "由另一版本的 jixiao 写入（格式 {format}，版本 {version}）")
}
/// Why a cache file was not used: it was made with other build options.
pub const CACHE_OTHER_OPTIONS: Msg = Msg::new(
    "was made with other options (drafts, base URL, snapshot, comparisons or output folder)",
    "由其他构建选项生成（草稿、基础地址、快照、比较或输出文件夹）",
);
/// A note that the build cache was ignored (`why`: one of the reasons above) and the site is
/// built from scratch.
pub fn cache_ignored(path: &str, why: &Text) -> Text {
    Text::new(
        format!("note: the build cache {path} {}: ignored, building from scratch", why.en),
        format!("提示：构建缓存 {path} {}：已忽略，从头构建", why.zh),
    )
}
/// A note that the build cache could not be written (the build itself succeeded).
pub fn cache_not_written(path: &str, error: &str) -> Text {
    tr!(
        "note: the build cache {path} could not be written ({error}); the next build starts from scratch",
        "提示：无法写入构建缓存 {path}（{error}）；下一次构建将从头开始"
    )
}
