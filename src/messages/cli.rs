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
