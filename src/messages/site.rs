//! What the site stage says: `branding:` of site.yaml (src/branding.rs), the output folder
//! (src/output.rs), themes and templates (src/render/*).

use super::{Msg, Text, word};

// ---- branding (site.yaml `branding:`, src/branding.rs) ----

/// A `branding.colors` value that is not `#rrggbb`.
pub fn bad_colour(v: &str) -> Text {
    tr!("`{v}` is not a colour written as #rrggbb", "`{v}` 不是 #rrggbb 形式的颜色")
}
/// Hint for a colour that is not `#rrggbb`.
pub const BAD_COLOUR_HINT: Msg = Msg::new("write six hexadecimal digits after #, e.g. #8b1a1a", "请在 # 后写六位十六进制数字，如 #8b1a1a");
/// A brand colour too light for text on white or behind white text.
pub fn low_contrast(v: &str, ratio: f64) -> Text {
    tr!(
        "colour {v} is too light: its contrast with white is {ratio:.1}:1, below the 4.5:1 that readable text needs",
        "颜色 {v} 太浅：与白色的对比度为 {ratio:.1}:1，低于文字清晰可读所需的 4.5:1"
    )
}
/// Hint for a colour with too little contrast.
pub const LOW_CONTRAST_HINT: Msg =
    Msg::new("choose a darker colour (WCAG 2.1 AA, success criterion 1.4.3)", "请选用更深的颜色（WCAG 2.1 AA 级，成功标准 1.4.3）");
/// `branding.logo` is not a file name under static/.
pub fn bad_logo(v: &str) -> Text {
    tr!("`{v}` is not a file name under static/", "`{v}` 不是 static/ 下的文件名")
}
/// Hint for a logo that is not a file name under static/.
pub const BAD_LOGO_HINT: Msg = Msg::new(
    "put the emblem in the site's static/ folder and give its name, e.g. emblem.svg",
    "请将徽标放在网站的 static/ 文件夹中，并写明文件名，如 emblem.svg",
);
/// The logo file exists neither in the site's static/ nor in the theme.
pub fn logo_missing(v: &str) -> Text {
    tr!(
        "the logo file static/{v} exists neither in the site's static/ folder nor in the theme",
        "徽标文件 static/{v} 在网站的 static/ 文件夹和主题中都不存在"
    )
}
/// A footer or navigation link that is neither an https:// address nor a site-relative one.
pub fn bad_link(v: &str) -> Text {
    tr!(
        "`{v}` is not a link: give an https:// address or a site-relative one such as pages/about/",
        "`{v}` 不是链接：请填写以 https:// 开头的地址，或站内相对地址，如 pages/about/"
    )
}
/// Hint for a link that is not a link.
pub const BAD_LINK_HINT: Msg = Msg::new(
    "links start with https:// (another site) or name a page of this site without a leading /",
    "链接以 https:// 开头（其他网站），或写本站页面的地址（开头不加 /）",
);
/// A navigation link without a title.
pub const EMPTY_NAV_TITLE: Msg = Msg::new("a navigation link needs a title", "导航链接需要标题");
/// Hint for a navigation link without a title.
pub const EMPTY_NAV_TITLE_HINT: Msg =
    Msg::new("write the text the link shows, e.g. title: 区政府门户网站", "请写明链接显示的文字，如 title: 区政府门户网站");

// ---- output folder (src/output.rs) ------------------------------------------------------

/// `--output` names a file.
pub const OUTPUT_NOT_A_FOLDER: Msg = Msg::new("the output path exists and is not a folder", "输出路径已存在，但不是文件夹");
/// Hint for an output path that is a file.
pub const OUTPUT_NOT_A_FOLDER_HINT: Msg = Msg::new("choose another --output folder", "请用 --output 另选一个文件夹");
/// The output folder holds files jixiao did not write.
pub const OUTPUT_FOREIGN: Msg = Msg::new(
    "the output folder is not empty and was not created by jixiao (it has no .jixiao-manifest)",
    "输出文件夹不是空的，也不是由 jixiao 创建的（其中没有 .jixiao-manifest）",
);
/// Hint for a foreign output folder.
pub const OUTPUT_FOREIGN_HINT: Msg = Msg::new(
    "choose an empty or new --output folder, or pass --force to build into it anyway (files already there are kept, same-named ones overwritten)",
    "请用 --output 指定一个空文件夹或新文件夹，或加 --force 仍构建到此文件夹（已有文件保留，同名文件被覆盖）",
);
/// An output path the site must not produce.
pub fn output_bad_path(path: &str, why: Msg) -> Text {
    let (why_en, why_zh) = (why.en, why.zh);
    tr!("refusing to write output file {path:?}: {why_en}", "拒绝写入输出文件 {path:?}：{why_zh}")
}
/// Hint for a bad output path.
pub const OUTPUT_BAD_PATH_HINT: Msg = Msg::new(
    "this is a bug in a template or in jixiao: output paths must be relative and stay inside the output folder",
    "这是模板或 jixiao 本身的缺陷：输出路径必须是相对路径，且不能超出输出文件夹",
);
/// Why an output path is refused.
pub const PATH_EMPTY: Msg = Msg::new("the path is empty", "路径为空");
/// Why an output path is refused.
pub const PATH_ABSOLUTE: Msg = Msg::new("the path is absolute or not `/`-separated", "路径是绝对路径，或没有用 `/` 分隔");
/// Why an output path is refused.
pub const PATH_NUL: Msg = Msg::new("the path contains a NUL byte", "路径中含有 NUL 字节");
/// Why an output path is refused.
pub const PATH_EMPTY_COMPONENT: Msg = Msg::new("the path has an empty component", "路径中有空的部分");
/// Why an output path is refused.
pub const PATH_DOTS: Msg = Msg::new("the path contains `.` or `..`", "路径中含有 `.` 或 `..`");
/// Why an output path is refused.
pub const PATH_RESERVED: Msg = Msg::new("the path is reserved for jixiao's own bookkeeping", "该路径保留给 jixiao 自身记录使用");
/// Why an output path is refused.
pub const PATH_TWICE: Msg = Msg::new("the site produces this path twice", "网站两次生成了这个路径");
/// Why an output path is refused.
pub const PATH_FOLDER_AS_FILE: Msg = Msg::new("its folder is also written as a file", "它所在的文件夹同时被作为文件写入");
/// Why an output file could not be written.
pub const FOLDER_IN_THE_WAY: Msg = Msg::new("a folder is in the way", "同名的文件夹挡住了该文件");
/// Reading or writing the output folder failed.
pub fn output_io(action: &str, path: &str, e: &std::io::Error) -> Text {
    output_failed(action, path, &Text::same(e.to_string()))
}
/// Reading or writing the output folder failed, for `why` (the system's words or jixiao's).
pub fn output_failed(action: &str, path: &str, why: &Text) -> Text {
    Text::by_lang(|lang| {
        let (action, why) = (word(action, lang), why.get(lang));
        pick!(lang, "could not {action} {path}: {why}", "无法{action} {path}：{why}")
    })
}
/// Hint for an output folder that cannot be written.
pub const OUTPUT_IO_HINT: Msg = Msg::new(
    "check that the output folder is writable and the disk is not full",
    "请检查输出文件夹是否可写、磁盘空间是否已满",
);
/// Another build holds the output folder's lock (src/output/publish.rs).
pub fn output_locked(output: &str, pid: &str, command: &str) -> Text {
    tr!(
        "another jixiao build is writing {output} (process {pid}: {command})",
        "另一个 jixiao 构建正在写入 {output}（进程 {pid}：{command}）"
    )
}
/// Hint for an output folder another build is writing.
pub const OUTPUT_LOCKED_HINT: Msg = Msg::new(
    "wait for that build to finish (or stop it), then build again; its lock goes when its process ends",
    "请等待该构建结束（或停止它）后再构建；该进程结束时锁即释放",
);
/// Why the new site cannot take over a file placed by hand.
pub const HAND_FILE_IN_THE_WAY: Msg =
    Msg::new("a file jixiao did not write is where the site needs a folder", "一个并非 jixiao 写入的文件占用了网站需要的文件夹位置");
/// Hint for a hand-placed file in the way.
pub const HAND_FILE_IN_THE_WAY_HINT: Msg = Msg::new(
    "move or rename that file; nothing in the output folder was changed",
    "请移走或重命名该文件；输出文件夹中的内容没有任何改动",
);

// ---- themes and templates (src/render/*) ------------------------------------------------

/// `theme:` is not a plain folder name.
pub fn theme_bad_name(name: &str) -> Text {
    tr!("theme name `{name}` is not a folder name", "主题名 `{name}` 不是文件夹名")
}
/// Hint for a bad theme name.
pub const THEME_BAD_NAME_HINT: Msg = Msg::new("name a folder under themes/, e.g. `default`", "请填写 themes/ 下的文件夹名，如 `default`");
/// No folder for the theme.
pub fn theme_not_found(name: &str, dir: &str) -> Text {
    tr!("theme `{name}` not found: there is no folder {dir}", "找不到主题 `{name}`：没有文件夹 {dir}")
}
/// Hint for a missing theme.
pub const THEME_NOT_FOUND_HINT: Msg = Msg::new(
    "remove `theme` to use the built-in default theme, or create the folder",
    "删除 `theme` 即使用内置的默认主题；或创建该文件夹",
);
/// A theme file could not be read.
pub fn theme_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read theme: {e}", "无法读取主题：{e}")
}
/// A theme file could not be read.
pub fn theme_file_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read theme file: {e}", "无法读取主题文件：{e}")
}
/// An override of the site could not be read.
pub fn override_unreadable(e: &dyn std::fmt::Display) -> Text {
    tr!("cannot read override: {e}", "无法读取覆盖文件：{e}")
}
/// A template that is not UTF-8.
pub const TEMPLATE_NOT_UTF8: Msg = Msg::new("template is not UTF-8", "模板不是 UTF-8 文本");
/// A theme without its UI strings.
pub fn no_i18n_file(wanted: &str) -> Text {
    tr!(
        "the theme has no UI strings file i18n/{wanted} (nor i18n/zh-CN.yaml)",
        "主题没有界面文字文件 i18n/{wanted}（也没有 i18n/zh-CN.yaml）"
    )
}
/// Hint for a missing UI strings file.
pub const NO_I18N_FILE_HINT: Msg = Msg::new("every UI string of the theme comes from this file", "主题的所有界面文字都来自此文件");
/// A theme without templates.
pub const NO_TEMPLATES: Msg = Msg::new("the theme has no templates", "主题中没有模板");
/// A UI strings file that is not UTF-8.
pub const FILE_NOT_UTF8: Msg = Msg::new("file is not UTF-8", "文件不是 UTF-8 文本");
/// A UI strings file that is not YAML.
pub fn invalid_yaml(e: &dyn std::fmt::Display) -> Text {
    tr!("invalid YAML: {e}", "YAML 无效：{e}")
}
/// A UI strings key that is not text.
pub fn i18n_key_not_text(prefix: &str) -> Text {
    tr!("key under `{prefix}` must be text", "`{prefix}` 下的键必须是文本")
}
/// A UI string that is not text.
pub fn i18n_value_not_text(prefix: &str) -> Text {
    tr!("`{prefix}` must be text", "`{prefix}` 必须是文本")
}
/// A template uses a UI string the translation file lacks.
pub fn ui_string_missing(key: &str, file: &str) -> Text {
    tr!("UI string `{key}` is missing from {file}", "{file} 中缺少界面文字 `{key}`")
}
/// Hint for a missing UI string.
pub fn ui_string_missing_hint(key: &str, file: &str) -> Text {
    tr!("add `{key}: …` to {file}", "请在 {file} 中添加 `{key}: …`")
}
/// A page kind without its template.
pub fn no_template(template: &str, kind: &str) -> Text {
    Text::by_lang(|lang| {
        let kind = word(kind, lang);
        pick!(lang, 
            "the theme has no template {template} (needed for {kind} pages)",
            "主题中没有模板 {template}（生成 {kind} 页面需要它）"
        )
    })
}
/// A template extends one that does not exist.
pub fn missing_parent(parent: &str) -> Text {
    tr!("extends `{parent}`, which is not in the theme", "继承的模板 `{parent}` 不在主题中")
}
/// A template includes one that does not exist.
pub fn template_not_found(name: &str) -> Text {
    tr!("template `{name}` not found in the theme", "主题中找不到模板 `{name}`")
}
/// Hint naming the page being rendered.
pub fn while_rendering(page: &str) -> Text {
    tr!("while rendering {page}", "渲染 {page} 时出错")
}
/// The `markdown` filter given something other than text.
pub fn markdown_not_text(got: &str) -> Text {
    tr!("markdown expects text, got {got}", "markdown 过滤器需要文本，实际为 {got}")
}
/// The `asset` function named a file the theme's `static/` folder lacks.
pub fn asset_missing(path: &str) -> Text {
    tr!(
        "asset(path=\"{path}\"): no such file in the theme's static/ folder (or the site's static/)",
        "asset(path=\"{path}\")：主题的 static/ 文件夹（及站点的 static/）中没有这个文件"
    )
}
/// A hint shared by several pages.
pub fn and_more_pages(hint: &Text, more: usize) -> Text {
    let (hint_en, hint_zh) = (&hint.en, &hint.zh);
    tr!("{hint_en} (and {more} more pages)", "{hint_zh}（另有 {more} 个页面）")
}
/// `--output` names the site's own folder (E0404).
pub fn output_is_site_root(output: &str) -> Text {
    tr!(
        "the output folder {output} is the site's own folder: building there would mix the generated site into its sources",
        "输出文件夹 {output} 就是网站本身的文件夹：构建到这里会把生成的网站混入源文件"
    )
}
/// `--output` names `content/` or `themes/` or a folder inside one (E0404).
pub fn output_in_sources(output: &str, folder: &str) -> Text {
    tr!(
        "the output folder {output} is, or lies inside, the site's {folder} folder: the next build would read the generated files as sources",
        "输出文件夹 {output} 是网站的 {folder} 文件夹或位于其中：下次构建会把生成的文件当作源文件读取"
    )
}
/// Hint for an output folder among the site's sources; `public` is the default output folder.
pub fn output_in_sources_hint(public: &str) -> Text {
    tr!(
        "build into a folder of its own, e.g. --output {public} (the default); --force does not allow this",
        "请构建到单独的文件夹，如 --output {public}（默认值）；--force 也不能跳过此检查"
    )
}
/// Hint for a folder lying where the site writes a file.
pub const FOLDER_IN_THE_WAY_HINT: Msg = Msg::new(
    "the site writes a file there: move the folder elsewhere, or remove it",
    "网站要在这里写入一个文件：请把该文件夹移到别处，或将其删除",
);
